/**
 * The job runner (issue 15 item 0): runs queued jobs in the server process, a few at a time, outside
 * any HTTP request. A handler does its work in steps, each in its own transaction that also records
 * the step's checkpoint (`ctx.checkpoint(trx, …)`), so a job that is interrupted — an error, a crash,
 * a SIGKILL, a restart — is claimed again and resumes after its last committed step, never repeating
 * one. While a job runs its heartbeat is written every `heartbeatMs`; a job whose heartbeat is older
 * than `staleMs` is queued again (at start and periodically). A failed attempt is retried with a
 * growing delay up to the job's `max_attempts`.
 *
 * PGlite has one connection: handlers keep transactions short (one step each) so that requests are
 * served between steps, and never use `ctx.db` inside a transaction callback (pass the transaction).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db-types.js';
import {
  claimJob,
  failJob,
  findDueJob,
  finishJob,
  heartbeatJob,
  holdJob,
  insertJob,
  JobLostError,
  releaseJob,
  requeueStaleJobs,
  saveCheckpoint,
  saveProgress,
  type Db,
  type JobRow,
  type NewJob,
} from './jobs.repository.js';

export type JobProgress = { phase: string; done: number; total: number | null };

export type JobContext = {
  job: JobRow;
  db: Kysely<DB>;
  /** The checkpoint committed by the last completed step ({} at the first attempt). */
  checkpoint: unknown;
  /**
   * Runs one step in a transaction that first makes sure this runner still holds the job (locking its
   * row, so a runner that lost the job cannot write anything) — use it for every step that writes.
   */
  transaction: <T>(work: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;
  /** Records a step's checkpoint (and progress) inside that step's transaction. */
  saveCheckpoint: (trx: Transaction<DB>, checkpoint: unknown, progress?: JobProgress) => Promise<void>;
  /** Progress for the UI, outside any transaction. */
  progress: (p: JobProgress) => Promise<void>;
  /** Aborted when the runner stops: finish the current step and return (the job resumes later). */
  signal: AbortSignal;
};

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export type RunnerOptions = {
  concurrency?: number;
  pollMs?: number;
  heartbeatMs?: number;
  staleMs?: number;
  /**
   * The only runner on its database (PGlite: one process holds the data directory), so a job found
   * running at start belongs to a process that died — a crash, a SIGKILL — and is queued again at once
   * instead of after `staleMs`. Never on PostgreSQL, where other processes' runners may be alive.
   */
  exclusive?: boolean;
  runnerId?: string;
  /** Delay before retry n (1-based); default n² seconds. */
  retryDelayMs?: (attempt: number) => number;
  onError?: (job: JobRow, err: unknown) => void;
};

/** Thrown by a handler that stops because the runner is stopping: the job is queued again at once. */
export class JobInterrupted extends Error {}

export class JobRunner {
  readonly runnerId: string;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<number, Promise<void>>();
  private readonly opts: Required<Omit<RunnerOptions, 'runnerId' | 'onError'>> &
    Pick<RunnerOptions, 'onError'>;
  private timer: NodeJS.Timeout | null = null;
  private staleTimer: NodeJS.Timeout | null = null;
  private abort = new AbortController();
  private started = false;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  /** Emits a job's id when this runner has finished with it (done, failed or given back). */
  private readonly settled = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly db: Kysely<DB>,
    opts: RunnerOptions = {},
  ) {
    this.runnerId = opts.runnerId ?? `runner-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.opts = {
      concurrency: opts.concurrency ?? 1,
      pollMs: opts.pollMs ?? 1_000,
      heartbeatMs: opts.heartbeatMs ?? 5_000,
      staleMs: opts.staleMs ?? 30_000,
      exclusive: opts.exclusive ?? false,
      retryDelayMs: opts.retryDelayMs ?? ((n) => n * n * 1_000),
      onError: opts.onError,
    };
  }

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Queues a job (in `db`, which may be the caller's transaction) and wakes the runner. */
  async enqueue(db: Db, job: NewJob): Promise<JobRow> {
    if (!this.handlers.has(job.kind)) throw new Error(`no handler registered for job kind ${job.kind}`);
    const row = await insertJob(db, job);
    // The caller's transaction may not have committed yet: poll after this tick and on the timer.
    setImmediate(() => this.wake());
    return row;
  }

  /** Takes back jobs whose runner died, then polls every pollMs until stopped. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.abort = new AbortController();
    await requeueStaleJobs(
      this.db,
      new Date(this.opts.exclusive ? Date.now() + 60_000 : Date.now() - this.opts.staleMs),
    );
    this.timer = setInterval(() => this.wake(), this.opts.pollMs);
    this.staleTimer = setInterval(
      () => void requeueStaleJobs(this.db, new Date(Date.now() - this.opts.staleMs)).catch(() => undefined),
      this.opts.staleMs,
    );
    this.wake();
  }

  /**
   * Stops polling and asks running handlers to stop after their current step; waits for them. A job
   * stopped this way is queued again at once (its checkpoint keeps what was done).
   */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    if (this.staleTimer) clearInterval(this.staleTimer);
    this.timer = this.staleTimer = null;
    this.abort.abort();
    await this.polling;
    await Promise.all(this.running.values());
  }

  /** Polls now (coalesced with a poll in progress). */
  wake(): void {
    if (!this.started) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.poll()
      .catch((err: unknown) => this.opts.onError?.({} as JobRow, err))
      .finally(() => {
        this.polling = null;
        if (this.pollAgain && this.started) {
          this.pollAgain = false;
          this.wake();
        }
      });
  }

  /** Resolves when nothing is queued and nothing runs (tests, CLI). */
  async idle(): Promise<void> {
    if (!this.handlers.size) return;
    for (;;) {
      await this.polling;
      await Promise.all(this.running.values());
      const due = await findDueJob(this.db, [...this.handlers.keys()]);
      if (!due && !this.running.size && !this.polling) return;
      this.wake();
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Resolves when this runner has finished an attempt of the job (or after `timeoutMs`): the caller
   * then reads the job's state. A job run by another process is not seen; the timeout bounds the wait.
   */
  whenSettled(jobId: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (id: number) => {
        if (id !== jobId) return;
        clearTimeout(timer);
        this.settled.off('settled', done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.settled.off('settled', done);
        resolve();
      }, timeoutMs);
      timer.unref();
      this.settled.on('settled', done);
    });
  }

  private async poll(): Promise<void> {
    while (this.started && this.running.size < this.opts.concurrency) {
      const job = await claimJob(this.db, [...this.handlers.keys()], this.runnerId);
      if (!job) return;
      const run = this.run(job).finally(() => {
        this.running.delete(job.job_id);
        this.wake();
      });
      this.running.set(job.job_id, run);
    }
  }

  private async run(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind)!;
    const heartbeat = setInterval(
      () => void heartbeatJob(this.db, job.job_id, this.runnerId).catch(() => undefined),
      this.opts.heartbeatMs,
    );
    const ctx: JobContext = {
      job,
      db: this.db,
      checkpoint: job.checkpoint ?? {},
      transaction: (work) =>
        this.db.transaction().execute(async (trx) => {
          await holdJob(trx, job.job_id, this.runnerId);
          return work(trx);
        }),
      saveCheckpoint: (trx, checkpoint, progress) =>
        saveCheckpoint(trx, job.job_id, this.runnerId, checkpoint, progress),
      progress: (p) => saveProgress(this.db, job.job_id, this.runnerId, p),
      signal: this.abort.signal,
    };
    try {
      const result = await handler(ctx);
      await finishJob(this.db, job.job_id, this.runnerId, result);
    } catch (err) {
      if (err instanceof JobLostError) return; // another runner holds it now
      if (err instanceof JobInterrupted) {
        // Stopping is not a failed attempt: queued again as it stands.
        await releaseJob(this.db, job.job_id, this.runnerId).catch(() => undefined);
        return;
      }
      this.opts.onError?.(job, err);
      const message = err instanceof Error ? err.message : String(err);
      const retryAt =
        job.attempts < job.max_attempts ? new Date(Date.now() + this.opts.retryDelayMs(job.attempts)) : null;
      await failJob(this.db, job.job_id, this.runnerId, message.slice(0, 2000), retryAt).catch(
        () => undefined,
      );
    } finally {
      clearInterval(heartbeat);
      this.settled.emit('settled', job.job_id);
    }
  }
}
