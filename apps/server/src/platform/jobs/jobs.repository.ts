/**
 * The job table's queries (0008_jobs). A job is claimed by one runner with FOR UPDATE SKIP LOCKED, so
 * several runners (or server processes) never run the same job twice at once; every state change after
 * the claim names the runner that holds it, so a runner that lost its job (its heartbeat stopped and the
 * job was queued again) cannot overwrite what the new holder writes.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, JobTable } from '../db-types.js';

export type Db = Kysely<DB> | Transaction<DB>;
export type JobRow = Selectable<JobTable>;

export type NewJob = {
  kind: string;
  payload?: unknown;
  organisationId?: number | null;
  userId?: number | null;
  maxAttempts?: number;
};

export const insertJob = (db: Db, j: NewJob): Promise<JobRow> =>
  db
    .insertInto('job')
    .values({
      kind: j.kind,
      payload: JSON.stringify(j.payload ?? {}),
      organisation_id: j.organisationId ?? null,
      user_id: j.userId ?? null,
      ...(j.maxAttempts !== undefined && { max_attempts: j.maxAttempts }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Takes the oldest due job of these kinds, or none; the claim counts as an attempt. */
export const claimJob = async (
  db: Db,
  kinds: readonly string[],
  runnerId: string,
): Promise<JobRow | undefined> => {
  if (!kinds.length) return undefined;
  const r = await sql<JobRow>`
    UPDATE job
       SET status = 'running', locked_by = ${runnerId}, heartbeat_at = now(), attempts = attempts + 1,
           started_at = coalesce(started_at, now())
     WHERE job_id = (
             SELECT job_id FROM job
              WHERE status = 'queued' AND run_after <= now() AND kind IN (${sql.join(kinds.map((k) => sql`${k}`))})
              ORDER BY run_after, job_id
              LIMIT 1
              FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return r.rows[0];
};

/** Still holding it? (false: the job was taken back, e.g. after a stopped heartbeat) */
export const heartbeatJob = async (db: Db, jobId: number, runnerId: string): Promise<boolean> => {
  const r = await db
    .updateTable('job')
    .set({ heartbeat_at: sql`now()` })
    .where('job_id', '=', jobId)
    .where('locked_by', '=', runnerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
};

/** Locks the job's row for the transaction if this runner still holds it; JobLostError if not. */
export const holdJob = async (trx: Db, jobId: number, runnerId: string): Promise<void> => {
  const r = await trx
    .selectFrom('job')
    .select('job_id')
    .where('job_id', '=', jobId)
    .where('locked_by', '=', runnerId)
    .where('status', '=', 'running')
    .forUpdate()
    .executeTakeFirst();
  if (!r) throw new JobLostError(jobId);
};

/**
 * Records where the handler stands, in the transaction of the work it describes: committed together,
 * or not at all. Throws when the runner no longer holds the job (that transaction then rolls back).
 */
export const saveCheckpoint = async (
  trx: Db,
  jobId: number,
  runnerId: string,
  checkpoint: unknown,
  progress?: unknown,
): Promise<void> => {
  const r = await trx
    .updateTable('job')
    .set({
      checkpoint: JSON.stringify(checkpoint),
      ...(progress !== undefined && { progress: JSON.stringify(progress) }),
      heartbeat_at: sql`now()`,
    })
    .where('job_id', '=', jobId)
    .where('locked_by', '=', runnerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new JobLostError(jobId);
};

export const saveProgress = async (
  db: Db,
  jobId: number,
  runnerId: string,
  progress: unknown,
): Promise<void> => {
  await db
    .updateTable('job')
    .set({ progress: JSON.stringify(progress), heartbeat_at: sql`now()` })
    .where('job_id', '=', jobId)
    .where('locked_by', '=', runnerId)
    .where('status', '=', 'running')
    .execute();
};

export const finishJob = async (db: Db, jobId: number, runnerId: string, result: unknown): Promise<void> => {
  await db
    .updateTable('job')
    .set({
      status: 'done',
      result: JSON.stringify(result ?? null),
      finished_at: sql`now()`,
      locked_by: null,
      error: null,
    })
    .where('job_id', '=', jobId)
    .where('locked_by', '=', runnerId)
    .execute();
};

/** A failed attempt: queued again after `retryAt`, or failed for good when retryAt is null. */
export const failJob = async (
  db: Db,
  jobId: number,
  runnerId: string,
  error: string,
  retryAt: Date | null,
): Promise<void> => {
  await db
    .updateTable('job')
    .set(
      retryAt
        ? { status: 'queued', run_after: retryAt, locked_by: null, error }
        : { status: 'failed', finished_at: sql`now()`, locked_by: null, error },
    )
    .where('job_id', '=', jobId)
    .where('locked_by', '=', runnerId)
    .execute();
};

/** Gives a job back unfinished without counting the attempt (the runner is stopping). */
export const releaseJob = async (db: Db, jobId: number, runnerId: string): Promise<void> => {
  await db
    .updateTable('job')
    .set((eb) => ({
      status: 'queued',
      locked_by: null,
      run_after: sql`now()`,
      attempts: eb('attempts', '-', 1),
    }))
    .where('job_id', '=', jobId)
    .where('locked_by', '=', runnerId)
    .execute();
};

/**
 * Running jobs whose heartbeat is older than `staleBefore` (their runner died: a crash, a SIGKILL, a
 * restart) are queued again; a job out of attempts fails. Returns the ids queued again.
 */
export const requeueStaleJobs = async (db: Db, staleBefore: Date): Promise<number[]> => {
  await db
    .updateTable('job')
    .set({ status: 'failed', finished_at: sql`now()`, locked_by: null, error: 'runner_lost' })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', staleBefore)
    .whereRef('attempts', '>=', 'max_attempts')
    .execute();
  const r = await db
    .updateTable('job')
    .set({ status: 'queued', locked_by: null, run_after: sql`now()` })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', staleBefore)
    .returning('job_id')
    .execute();
  return r.map((x) => x.job_id);
};

/** One queued or running job of these kinds, if any (the runner's idle check). */
export const findDueJob = (db: Db, kinds: readonly string[]) =>
  db
    .selectFrom('job')
    .select('job_id')
    .where('status', 'in', ['queued', 'running'])
    .where('kind', 'in', [...kinds])
    .limit(1)
    .executeTakeFirst();

export const findJob = (db: Db, jobId: number): Promise<JobRow | undefined> =>
  db.selectFrom('job').selectAll().where('job_id', '=', jobId).executeTakeFirst();

export class JobLostError extends Error {
  constructor(readonly jobId: number) {
    super(`job ${jobId} is no longer held by this runner`);
  }
}
