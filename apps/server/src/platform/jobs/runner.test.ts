/**
 * The job runner: steps committed with their checkpoint, retries, a dead runner's job resumed by
 * another without repeating a step, a stopping runner giving its job back, one run per job; a
 * recurring job queued only when wanted and never twice.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { findJob, insertJob, JobLostError } from './jobs.repository.js';
import { JobInterrupted, JobRunner, type JobContext } from './runner.js';
import { scheduleRecurringJob } from './schedule.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ seed: false });
  await sql`CREATE TABLE job_test_item (job_id bigint NOT NULL, n integer NOT NULL, PRIMARY KEY (job_id, n))`.execute(
    t.deps.db,
  );
});
afterAll(async () => t?.close());

type Payload = { total: number; step: number };

/** Inserts items 0..total-1, `step` per transaction, each step with its checkpoint. */
const countTo =
  (opts: { beforeStep?: (next: number, ctx: JobContext) => Promise<void> } = {}) =>
  async (ctx: JobContext) => {
    const { total, step } = ctx.job.payload as Payload;
    let next = (ctx.checkpoint as { next?: number }).next ?? 0;
    while (next < total) {
      await opts.beforeStep?.(next, ctx);
      const end = Math.min(total, next + step);
      await ctx.transaction(async (trx) => {
        for (let n = next; n < end; n++)
          await sql`INSERT INTO job_test_item (job_id, n) VALUES (${ctx.job.job_id}, ${n})`.execute(trx);
        await ctx.saveCheckpoint(trx, { next: end }, { phase: 'counting', done: end, total });
      });
      next = end;
    }
    return { counted: total };
  };

const items = async (jobId: number) =>
  (
    await sql<{
      n: number;
      c: number;
    }>`SELECT count(*)::int AS c, count(DISTINCT n)::int AS n FROM job_test_item WHERE job_id = ${jobId}`.execute(
      t.deps.db,
    )
  ).rows[0]!;

describe('the job runner', () => {
  it('runs a job in checkpointed steps and keeps its result and progress', async () => {
    const runner = new JobRunner(t.deps.db, { pollMs: 50 }).register('test.count', countTo());
    await runner.start();
    const job = await runner.enqueue(t.deps.db, { kind: 'test.count', payload: { total: 25, step: 10 } });
    await runner.idle();
    await runner.stop();
    const done = (await findJob(t.deps.db, job.job_id))!;
    expect(done).toMatchObject({
      status: 'done',
      attempts: 1,
      result: { counted: 25 },
      checkpoint: { next: 25 },
      progress: { phase: 'counting', done: 25, total: 25 },
    });
    expect(await items(job.job_id)).toEqual({ c: 25, n: 25 });
  });

  it('retries a failing job with its checkpoint, then fails it for good with the error', async () => {
    let calls = 0;
    const runner = new JobRunner(t.deps.db, { pollMs: 20, retryDelayMs: () => 0 })
      .register(
        'test.flaky',
        countTo({
          beforeStep: async (next) => {
            // Fails once at item 10 (after one committed step), then succeeds.
            if (next === 10 && calls++ === 0) throw new Error('transient');
          },
        }),
      )
      .register('test.broken', async () => {
        throw new Error('always broken');
      });
    await runner.start();
    const flaky = await runner.enqueue(t.deps.db, { kind: 'test.flaky', payload: { total: 30, step: 10 } });
    const broken = await runner.enqueue(t.deps.db, { kind: 'test.broken', maxAttempts: 2 });
    await runner.idle();
    await runner.stop();
    expect(await findJob(t.deps.db, flaky.job_id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await items(flaky.job_id)).toEqual({ c: 30, n: 30 });
    expect(await findJob(t.deps.db, broken.job_id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: 'always broken',
    });
  });

  it('resumes the job of a runner that died after its last committed step, and refuses that runner’s late writes', async () => {
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    let lateError: unknown = null;
    // Runner A stops writing its heartbeat (a dead process) after two steps and hangs.
    const a = new JobRunner(t.deps.db, {
      pollMs: 10_000,
      heartbeatMs: 3_600_000,
      runnerId: 'runner-a',
    }).register('test.resume', async (ctx) => {
      try {
        return await countTo({
          beforeStep: async (next) => {
            if (next === 20) await hung;
          },
        })(ctx);
      } catch (err) {
        lateError = err;
        throw err;
      }
    });
    await a.start();
    const job = await a.enqueue(t.deps.db, { kind: 'test.resume', payload: { total: 50, step: 10 } });
    a.wake();
    for (let i = 0; i < 200 && (await items(job.job_id)).c < 20; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(await items(job.job_id)).toEqual({ c: 20, n: 20 });
    // Runner B starts (a restart) and takes back jobs whose heartbeat is older than its stale limit.
    await sql`UPDATE job SET heartbeat_at = now() - interval '1 hour' WHERE job_id = ${job.job_id}`.execute(
      t.deps.db,
    );
    const b = new JobRunner(t.deps.db, { pollMs: 20, runnerId: 'runner-b' }).register(
      'test.resume',
      countTo(),
    );
    await b.start();
    await b.idle();
    await b.stop();
    expect(await findJob(t.deps.db, job.job_id)).toMatchObject({
      status: 'done',
      attempts: 2,
      locked_by: null,
    });
    expect(await items(job.job_id)).toEqual({ c: 50, n: 50 });
    // A wakes up: its next step is refused and rolled back; nothing is counted twice.
    release();
    await a.stop();
    expect(lateError).toBeInstanceOf(JobLostError);
    expect(await items(job.job_id)).toEqual({ c: 50, n: 50 });
    expect(await findJob(t.deps.db, job.job_id)).toMatchObject({ status: 'done', result: { counted: 50 } });
  });

  it('takes back at once, when it is the only runner (PGlite), a job left running by a process that died', async () => {
    // (Inserted as the queue does, without a runner that would wake and take it.)
    const job = await insertJob(t.deps.db, { kind: 'test.orphan', payload: { total: 30, step: 10 } });
    // As a SIGKILLed process leaves it: running, claimed, its heartbeat a moment ago.
    await sql`UPDATE job SET status = 'running', locked_by = 'dead-process', attempts = 1, heartbeat_at = now()
      WHERE job_id = ${job.job_id}`.execute(t.deps.db);
    // A runner that may share the database leaves it alone until its heartbeat is stale …
    const shared = new JobRunner(t.deps.db, { pollMs: 20 }).register('test.orphan', countTo());
    await shared.start();
    // (Not idle(): that waits for the job, which this runner only takes back once it is stale.)
    await new Promise((r) => setTimeout(r, 300));
    await shared.stop();
    expect(await findJob(t.deps.db, job.job_id)).toMatchObject({
      status: 'running',
      locked_by: 'dead-process',
    });
    // … the exclusive one (the process that owns the data directory) resumes it on start.
    const only = new JobRunner(t.deps.db, { pollMs: 20, exclusive: true }).register('test.orphan', countTo());
    await only.start();
    await only.idle();
    await only.stop();
    expect(await findJob(t.deps.db, job.job_id)).toMatchObject({
      status: 'done',
      attempts: 2,
      locked_by: null,
    });
    expect(await items(job.job_id)).toEqual({ c: 30, n: 30 });
  });

  it('gives a job back when stopping, without spending an attempt, and another runner finishes it', async () => {
    let stopNow!: () => void;
    const atStep = new Promise<void>((r) => (stopNow = r));
    const a = new JobRunner(t.deps.db, { pollMs: 20 }).register(
      'test.stop',
      countTo({
        beforeStep: async (next, ctx) => {
          if (next === 10) stopNow();
          if (ctx.signal.aborted) throw new JobInterrupted();
        },
      }),
    );
    await a.start();
    const job = await a.enqueue(t.deps.db, { kind: 'test.stop', payload: { total: 40, step: 10 } });
    await atStep;
    await a.stop();
    const back = (await findJob(t.deps.db, job.job_id))!;
    expect(back.status).toBe('queued');
    expect(back.attempts).toBe(0);
    const b = new JobRunner(t.deps.db, { pollMs: 20 }).register('test.stop', countTo());
    await b.start();
    await b.idle();
    await b.stop();
    expect(await findJob(t.deps.db, job.job_id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await items(job.job_id)).toEqual({ c: 40, n: 40 });
  });

  it("runs in the server's own runner (Deps.jobs), started with the app", async () => {
    t.deps.jobs.register('test.deps', countTo());
    const job = await t.deps.jobs.enqueue(t.deps.db, { kind: 'test.deps', payload: { total: 3, step: 2 } });
    await t.deps.jobs.idle();
    expect(await findJob(t.deps.db, job.job_id)).toMatchObject({ status: 'done', result: { counted: 3 } });
  });

  it('runs every job exactly once with two runners side by side', async () => {
    const runs = new Map<number, number>();
    const handler = async (ctx: JobContext) => {
      runs.set(ctx.job.job_id, (runs.get(ctx.job.job_id) ?? 0) + 1);
      return countTo()(ctx);
    };
    const a = new JobRunner(t.deps.db, { pollMs: 10, concurrency: 2 }).register('test.pair', handler);
    const b = new JobRunner(t.deps.db, { pollMs: 10, concurrency: 2 }).register('test.pair', handler);
    await Promise.all([a.start(), b.start()]);
    const jobs = [];
    for (let i = 0; i < 12; i++)
      jobs.push(await a.enqueue(t.deps.db, { kind: 'test.pair', payload: { total: 5, step: 5 } }));
    b.wake();
    await Promise.all([a.idle(), b.idle()]);
    await Promise.all([a.stop(), b.stop()]);
    for (const j of jobs) {
      expect(runs.get(j.job_id)).toBe(1);
      expect(await items(j.job_id)).toEqual({ c: 5, n: 5 });
    }
  });

  it('queues a recurring job at once and on its ticks, only when wanted and never while one is due', async () => {
    // Not started: a queued job stays due.
    const runner = new JobRunner(t.deps.db, { pollMs: 10 }).register('test.recurring', async () => null);
    const queued = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM job WHERE kind = 'test.recurring'`.execute(
          t.deps.db,
        )
      ).rows[0]!.n;
    let wanted = false;
    let asked = 0;
    const until = async (ok: () => boolean | Promise<boolean>) => {
      for (let i = 0; i < 1000 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 10));
    };
    const stop = scheduleRecurringJob({ db: t.deps.db, jobs: runner }, 'test.recurring', 20, async () => {
      asked++;
      return wanted;
    });
    try {
      await until(() => asked >= 3);
      expect(await queued()).toBe(0);
      wanted = true;
      await until(async () => (await queued()) > 0);
      const after = asked;
      await until(() => asked >= after + 3);
      expect(await queued()).toBe(1);
    } finally {
      stop();
    }
  });
});
