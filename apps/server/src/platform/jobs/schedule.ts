/**
 * A job queued now and then every `everyMs` (main.ts, after the runner started): never twice at once
 * (not while one of its kind is queued or running), and only when `wanted` says there is work (no job
 * row for an idle tick). Returns a function that stops the timer.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db-types.js';
import { findDueJob } from './jobs.repository.js';
import type { JobRunner } from './runner.js';

export type SchedulableDeps = { db: Kysely<DB>; jobs: Pick<JobRunner, 'enqueue'> };

export const scheduleRecurringJob = (
  deps: SchedulableDeps,
  kind: string,
  everyMs: number,
  wanted: () => Promise<boolean> = async () => true,
): (() => void) => {
  const queue = async () => {
    if (!(await wanted()) || (await findDueJob(deps.db, [kind]))) return;
    await deps.jobs.enqueue(deps.db, { kind, maxAttempts: 3 });
  };
  void queue().catch(() => undefined);
  const timer = setInterval(() => void queue().catch(() => undefined), everyMs);
  timer.unref();
  return () => clearInterval(timer);
};
