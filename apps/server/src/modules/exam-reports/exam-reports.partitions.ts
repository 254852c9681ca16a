/**
 * The partitions of exam_card by exam year (migration 0048; docs/ARCHITECTURE.md § Partitions): the job
 * exam_cards.partitions creates the current and the next year's partition ahead (China calendar), so a
 * card of this year never waits in the default partition. A card of a year without a partition (a past
 * year's card sent late, the demo's earlier years) lands in the default partition, and the job's next
 * run creates that year's partition and moves it there.
 */
import { chinaToday } from '@ohp/reference';
import { scheduleRecurringJob } from '../../platform/jobs/schedule.js';
import type { Deps } from '../../platform/http/types.js';
import { ensureExamCardYear, yearsInDefaultPartition, type Db } from './exam-reports.repository.js';

export const PARTITION_JOB = 'exam_cards.partitions';
const EVERY_MS = 24 * 60 * 60 * 1000;
/** How many years ahead of the current one are created (1: next year's exists all this year). */
export const YEARS_AHEAD = 1;

export { examCardPartitions, type ExamCardPartition } from './exam-reports.repository.js';

/**
 * Ensures the partitions of `today`'s year, the YEARS_AHEAD after it and every year waiting in the
 * default partition; returns the years created (ascending).
 */
export const ensureExamCardPartitions = async (db: Db, today: string = chinaToday()): Promise<number[]> => {
  const year = Number(today.slice(0, 4));
  const years = new Set(await yearsInDefaultPartition(db));
  for (let y = year; y <= year + YEARS_AHEAD; y++) years.add(y);
  const created: number[] = [];
  for (const y of [...years].sort((a, b) => a - b)) if (await ensureExamCardYear(db, y)) created.push(y);
  return created;
};

/** Registers the job's handler (with the routes, so every server process can run it). */
export const registerExamCardPartitionJob = (deps: Deps): void => {
  deps.jobs.register(PARTITION_JOB, async (ctx) => ({ created: await ensureExamCardPartitions(ctx.db) }));
};

/** Queues the job now and once a day (never twice at once); returns a function that stops the timer. */
export const scheduleExamCardPartitions = (deps: Deps, everyMs = EVERY_MS): (() => void) =>
  scheduleRecurringJob(deps, PARTITION_JOB, everyMs);
