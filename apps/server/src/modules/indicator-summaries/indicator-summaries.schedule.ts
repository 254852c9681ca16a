/** The merge job queued every minute (main.ts, after the runner started), never twice at once. */
import { scheduleRecurringJob } from '../../platform/jobs/schedule.js';
import type { Deps } from '../../platform/http/types.js';
import { hasDeltas } from './indicator-summaries.repository.js';
import { MERGE_JOB } from './indicator-summaries.routes.js';

const MERGE_EVERY_MS = 60 * 1000;

/**
 * Queues a merge now and every minute when deltas wait and no merge is queued (no job row for an idle
 * minute); returns a function that stops the timer.
 */
export const scheduleSummaryMerge = (deps: Deps, everyMs = MERGE_EVERY_MS): (() => void) =>
  scheduleRecurringJob(deps, MERGE_JOB, everyMs, () => hasDeltas(deps.db));
