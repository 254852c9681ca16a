/**
 * Kill and resume (issue 15 item 10): a SIGKILL of the server in the middle of an import, a restart,
 * and the job resumes after its last committed chunk — exact counts, no duplicates, nothing left staged,
 * one audit entry for the batch.
 *
 * The server runs as `npm start` runs it — apps/server/src/main.ts bundled by scripts/build-server.mjs
 * (what start.mjs does), PGlite in its worker thread — as a child process on a fresh data directory
 * (OHP_TEST_DB=pglite, the default) or a fresh PostgreSQL database (OHP_TEST_DB=postgresql under
 * scripts/with-postgres.sh). The demo province is seeded at test scale by this process before the first
 * start (the server's own first-start seeding is the slower `small` scale), then:
 *
 *   1. a staged door: a CSV of OHP_KILL_RESUME_ROWS (default 40,000: 80 chunks, so the kill lands mid-way;
 *      100,000 before the CI time budget — set it for a larger run) organisations, a planned few of
 *      them with a wrong credit-code check character, uploaded by demo-province;
 *   2. a record door with direct commits: a JSON batch of 10,000 exam cards (the door's maximum) by
 *      demo-exam, each card its own worker, one in ten a suspected occupational disease.
 *
 * Each upload is followed on GET /api/v1/imports/{id} until some chunks are committed but not all, then
 * the server's node process is SIGKILLed; a new server on the same database finishes the batch. A job
 * whose runner died is taken back once its heartbeat is older than OHP_JOB_STALE_SECONDS (set to its
 * least, 10 s, here) on PostgreSQL; on PGlite the restarted server takes it back at start. The checks read the
 * database once the server has stopped. Durations are printed, never asserted.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ExamCardInput } from '@ohp/contracts';
import { childrenOf } from '@ohp/reference';
import { idNumberCheckChar } from '@ohp/standards';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROVINCE, makeCreditCode, seedDemoProvince } from '../src/demo/seed.js';
import { verifyAuditChain } from '../src/platform/audit.js';
import { loadConfig } from '../src/platform/config.js';
import type { DB } from '../src/platform/db-types.js';
import { openAndPrepare } from '../src/server.js';
import { examCard } from './factories.js';
import { adminQuery, DEMO_PASSWORD, testDbKind } from './helpers.js';

const ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const ORG_ROWS = Number(process.env.OHP_KILL_RESUME_ROWS || 40_000);
const CARDS = 10_000;
/** The server is killed once at least this share of the rows is committed. */
const KILL_AT = 0.3;
const NAME_PREFIX = '断电续传测试单位';
const RECORD_PREFIX = 'KR-';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
const log = (line: string) => console.log(`[kill-resume ${testDbKind()}] ${line}`);

// ---------------------------------------------------------------------------------------------------
// The database and the server process

let runDir: string;
let bundleDir: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
/** main.ts bundled as `npm start` bundles it (scripts/build-server.mjs), into this run's directory. */
let serverBundle: string;
let dropDatabase: (() => Promise<void>) | null = null;

/** Opens the run's database in this process (no server may hold a PGlite data directory meanwhile). */
const withDatabase = async <T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T> => {
  const deps = await openAndPrepare(loadConfig(env, { dotenv: false }));
  try {
    return await work(deps.db);
  } finally {
    await deps.database.close();
  }
};

const freePort = () =>
  new Promise<number>((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });

type Server = {
  base: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
};

/** Starts main.ts on the run's database; resolves once /api/health answers. */
const startServer = async (): Promise<Server> => {
  const t = performance.now();
  const port = await freePort();
  // node itself (not an npm wrapper): its pid is the process the test kills.
  const child = spawn(process.execPath, [serverBundle], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once('exit', (code, signal) => res({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (gone) throw new Error(`the server exited during start-up:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 120 s:\n${out}`);
    }
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    await sleep(100);
  }
  log(`server pid ${child.pid} up in ${secondsSince(t)} s`);
  return { base, child, exited, output: () => out };
};

/** SIGKILL: no handler runs, nothing is flushed or closed. */
const killServer = async (s: Server) => {
  s.child.kill('SIGKILL');
  const how = await s.exited;
  expect(how.signal).toBe('SIGKILL');
};

/** SIGTERM: main.ts stops the job runner, the HTTP server and the database. */
const stopServer = async (s: Server) => {
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 60_000);
  const how = await s.exited;
  clearTimeout(timer);
  expect(how, s.output()).toEqual({ code: 0, signal: null });
};

// ---------------------------------------------------------------------------------------------------
// The client

type Session = { base: string; cookie: string; csrf: string };
type Progress = { phase: string; done: number; total: number | null };
type Report = {
  batchId: number;
  total: number;
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ row: number; column: string; reason: string }>;
  results?: Array<{ row: number; key: string | null; outcome: string }>;
};
type BatchView = {
  batchId: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: Progress;
  report: Report | null;
  error: { reason: string } | null;
};

const signIn = async (base: string, username: string): Promise<Session> => {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ohp_sid='))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { base, cookie, csrf: csrfToken };
};

const send = (s: Session, path: string, init: RequestInit = {}) =>
  fetch(`${s.base}${path}`, {
    ...init,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(init.headers as Record<string, string>) },
  });

const batchOf = async (s: Session, batchId: number): Promise<BatchView> => {
  const res = await send(s, `/api/v1/imports/${batchId}`);
  if (res.status !== 200) throw new Error(`batch ${batchId}: ${res.status} ${await res.text()}`);
  return (await res.json()) as BatchView;
};

/**
 * Follows the batch until at least `share` of its rows are committed (progress of the commit phase),
 * then kills the server. Returns the progress seen last before the kill.
 */
const killMidway = async (s: Session, server: Server, batchId: number, share: number): Promise<Progress> => {
  for (;;) {
    const b = await batchOf(s, batchId);
    if (b.status === 'done' || b.status === 'failed')
      throw new Error(`batch ${batchId} ended (${b.status}) before the kill: ${JSON.stringify(b.progress)}`);
    const { phase, done, total } = b.progress;
    if (b.status === 'running' && phase === 'process' && total && done >= total * share && done < total) {
      await killServer(server);
      return b.progress;
    }
    await sleep(50);
  }
};

/**
 * Follows the batch until it is done or failed; also logs when the job was taken up again (its
 * progress passed `doneAtKill`, or it finished).
 */
const untilFinished = async (
  s: Session,
  batchId: number,
  doneAtKill: number,
  what: string,
  timeoutMs = 240_000,
): Promise<BatchView> => {
  const t = performance.now();
  const deadline = Date.now() + timeoutMs;
  let resumed = false;
  for (;;) {
    const b = await batchOf(s, batchId);
    const finished = b.status === 'done' || b.status === 'failed';
    if (!resumed && (finished || b.progress.done > doneAtKill)) {
      resumed = true;
      log(`${what}: the job went on ${secondsSince(t)} s after the restart`);
    }
    if (finished) {
      log(`${what}: ${b.status} ${secondsSince(t)} s after the restart`);
      return b;
    }
    if (Date.now() > deadline)
      throw new Error(`batch ${batchId} not finished after ${timeoutMs / 1000} s: ${JSON.stringify(b)}`);
    await sleep(250);
  }
};

// ---------------------------------------------------------------------------------------------------
// Set-up and tear-down

let workersBefore = 0;
beforeAll(async () => {
  const t = performance.now();
  runDir = mkdtempSync(join(tmpdir(), 'ohp-kill-resume-'));
  dataDir = join(runDir, 'data');
  // Bundled once (about a second) rather than compiled by tsx at each of the four starts (10+ s each);
  // under apps/server/dist, so that it finds node_modules and the migrations as the built server does.
  mkdirSync(join(ROOT, 'apps/server/dist'), { recursive: true });
  bundleDir = mkdtempSync(join(ROOT, 'apps/server/dist/test-kill-resume-'));
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--outdir', bundleDir], { cwd: ROOT });
  serverBundle = join(bundleDir, 'main.js');
  env = {
    ...process.env,
    HOST: '127.0.0.1',
    OHP_DATA_DIR: dataDir,
    DATABASE_URL: '',
    OHP_DATABASE_OWNER_URL: '',
    OHP_DEMO: '0',
    OHP_DEMO_PASSWORD: DEMO_PASSWORD,
    OHP_DATA_KEY: randomBytes(32).toString('base64'),
    OHP_DATA_KEYS: '',
    OHP_AUDIT_KEY: '',
    OHP_TOTP_REQUIRED_ROLES: '',
    OHP_IMPORT_MAX_ROWS: String(Math.max(ORG_ROWS, CARDS)),
    OHP_IMPORT_MAX_CELLS: String(Math.max(ORG_ROWS, CARDS) * 10),
    // Every upload answers 202 at once: the test follows the batch.
    OHP_IMPORT_WAIT_SECONDS: '0',
    OHP_API_RATE_LIMIT: '1000000',
    OHP_LOGIN_RATE_LIMIT: '1000',
    OHP_PGLITE_ANALYZE_MINUTES: '0',
    // On PostgreSQL the restarted server takes the dead one's job back once its heartbeat is this old
    // (the least allowed; 30 s by default).
    OHP_JOB_STALE_SECONDS: '10',
    LOG_LEVEL: 'warn',
  };
  if (testDbKind() === 'postgresql') {
    const adminUrl = process.env.OHP_TEST_DATABASE_URL;
    if (!adminUrl)
      throw new Error('OHP_TEST_DB=postgresql needs OHP_TEST_DATABASE_URL (scripts/with-postgres.sh)');
    const name = `ohp_kill_resume_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    dropDatabase = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  }
  workersBefore = await withDatabase(async (db) => {
    await seedDemoProvince(db, { scale: 'test', password: DEMO_PASSWORD });
    return (
      await db
        .selectFrom('worker')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  });
  log(`database (${testDbKind()}) migrated and seeded in ${secondsSince(t)} s`);
}, 180_000);

let running: Server | null = null;
afterAll(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  await dropDatabase?.();
  if (runDir) rmSync(runDir, { recursive: true, force: true });
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
}, 60_000);

const start = async () => (running = await startServer());

// ---------------------------------------------------------------------------------------------------
// The files

const COUNTIES = childrenOf(DEMO_PROVINCE)
  .flatMap((c) => childrenOf(c.code))
  .filter((c) => !c.statisticalOnly)
  .map((c) => c.code);
/** Row i (0-based) carries a wrong credit-code check character: refused, the others go in. */
const plannedInvalid = (i: number) => i % 500 === 250;

const organisationsCsv = (rows: number): Buffer => {
  const lines = ['单位名称,单位类型,行政区划代码,统一社会信用代码,是否公立,从业人员数,联系电话'];
  for (let i = 0; i < rows; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const code = makeCreditCode(county, 70_000_000 + i);
    const credit = plannedInvalid(i) ? code.slice(0, 17) + (code[17] === '0' ? '1' : '0') : code;
    lines.push(
      `${NAME_PREFIX}${i}有限公司,用人单位,${county},${credit},否,${10 + (i % 990)},0431-8${String(i).padStart(7, '0')}`,
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
};

/** Card i: its own worker (a distinct GB 11643 number), one in ten a suspected occupational disease. */
const cardOf = (i: number): ExamCardInput =>
  examCard(`${RECORD_PREFIX}${String(i).padStart(6, '0')}`, (c) => {
    const birth = new Date(Date.UTC(1970, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
    const seq = Math.floor(i / 3650); // 0–2 for 10,000 cards: (birth day, seq) is unique
    const first17 = `220102${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    c.examNo = `KR${i}`;
    c.worker = {
      ...c.worker,
      idNumber: first17 + idNumberCheckChar(first17),
      genderCode: seq % 2 === 1 ? '1' : '2',
      birthDate: birth,
    };
    if (i % 10 !== 0)
      c.conclusions = c.conclusions.map((k) => ({ ...k, conclusionCode: '01', suspectedDiseaseCode: null }));
  });

const count = async (db: Kysely<DB>, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> =>
  Number((await query.execute(db)).rows[0]!.n);

// ---------------------------------------------------------------------------------------------------

describe('a SIGKILL during an import, then a restart', () => {
  it(`does finish a staged CSV import of ${ORG_ROWS.toLocaleString('en-US')} organisations with exact counts and no duplicate`, async () => {
    const t0 = performance.now();
    const invalid = Array.from({ length: ORG_ROWS }, (_, i) => i).filter(plannedInvalid);
    const csv = organisationsCsv(ORG_ROWS);
    log(
      `organisations: ${ORG_ROWS} rows (${invalid.length} planned invalid), ${(csv.length / 1e6).toFixed(1)} MB`,
    );

    let server = await start();
    let s = await signIn(server.base, 'demo-province');
    const form = new FormData();
    form.append('file', new Blob([csv]), 'organisations.csv');
    const t1 = performance.now();
    const res = await send(s, '/api/v1/organisations/import', { method: 'POST', body: form });
    expect(res.status).toBe(202);
    const batchId = ((await res.json()) as BatchView).batchId;
    const atKill = await killMidway(s, server, batchId, KILL_AT);
    log(
      `organisations: killed ${secondsSince(t1)} s after the upload at ${atKill.done}/${atKill.total} rows committed`,
    );
    expect(atKill.done).toBeGreaterThan(0);
    expect(atKill.done).toBeLessThan(ORG_ROWS);

    server = await start();
    s = await signIn(server.base, 'demo-province');
    const b = await untilFinished(s, batchId, atKill.done, 'organisations');
    expect(b.status, JSON.stringify(b.error)).toBe('done');
    const r = b.report!;
    expect(r).toMatchObject({
      total: ORG_ROWS,
      accepted: ORG_ROWS - invalid.length,
      updated: 0,
      unchanged: 0,
      rejected: invalid.length,
    });
    // Each planned bad row once, with its reason (the header is row 1).
    const listed = invalid.slice(0, 1_000);
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual(
      listed.map((i) => [i + 2, '统一社会信用代码', 'credit_code_invalid']),
    );
    await stopServer(server);

    await withDatabase(async (db) => {
      const like = `${NAME_PREFIX}%`;
      expect(await count(db, sql`select count(*)::int as n from organisation where name like ${like}`)).toBe(
        ORG_ROWS - invalid.length,
      );
      expect(
        await count(
          db,
          sql`select count(distinct credit_code)::int as n from organisation where name like ${like}`,
        ),
      ).toBe(ORG_ROWS - invalid.length);
      // One organisation per natural key, in the whole table.
      expect(
        await count(
          db,
          sql`select count(*)::int as n from (select credit_code from organisation where credit_code is not null
               group by credit_code having count(*) > 1) d`,
        ),
      ).toBe(0);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from (select region_code, name from organisation where credit_code is null
               group by region_code, name having count(*) > 1) d`,
        ),
      ).toBe(0);
      expect(
        await count(db, sql`select count(*)::int as n from import_row where import_batch_id = ${batchId}`),
      ).toBe(0);
      const audit = await sql<{ after: { accepted: number; rejected: number } }>`
        select after from audit_log where action = 'organisation.import' and entity_id = ${String(batchId)}`.execute(
        db,
      );
      expect(audit.rows.map((a) => [a.after.accepted, a.after.rejected])).toEqual([
        [ORG_ROWS - invalid.length, invalid.length],
      ]);
      // Resumed by a second attempt (the first one died with the server), not run again from scratch.
      const job = await db
        .selectFrom('job')
        .innerJoin('import_batch as b', 'b.job_id', 'job.job_id')
        .select(['job.status', 'job.attempts'])
        .where('b.import_batch_id', '=', batchId)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'done', attempts: 2 });
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });
    log(`organisations: ${secondsSince(t0)} s in all`);
  }, 420_000);

  it('does finish a JSON batch of 10,000 exam cards (direct commits) with every card once', async () => {
    const t0 = performance.now();
    const cards = Array.from({ length: CARDS }, (_, i) => cardOf(i));
    const body = JSON.stringify({ cards });

    let server = await start();
    let s = await signIn(server.base, 'demo-exam');
    const t1 = performance.now();
    const res = await send(s, '/api/v1/exam-reports/batches', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'kill-resume-0001' },
    });
    expect(res.status).toBe(202);
    const batchId = ((await res.json()) as BatchView).batchId;
    const atKill = await killMidway(s, server, batchId, KILL_AT);
    log(
      `exam cards: killed ${secondsSince(t1)} s after the upload at ${atKill.done}/${atKill.total} cards committed`,
    );
    expect(atKill.done).toBeGreaterThan(0);
    expect(atKill.done).toBeLessThan(CARDS);

    server = await start();
    s = await signIn(server.base, 'demo-exam');
    const b = await untilFinished(s, batchId, atKill.done, 'exam cards');
    expect(b.status, JSON.stringify(b.error)).toBe('done');
    const r = b.report!;
    expect(r).toMatchObject({
      total: CARDS,
      accepted: CARDS,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
    });
    // The per-record answer: every card once, in order, accepted.
    expect(r.results).toHaveLength(CARDS);
    expect(r.results).toEqual(cards.map((c, i) => ({ row: i + 1, key: c.recordId, outcome: 'accepted' })));
    // The retry of the same request after the restart answers the first result.
    const again = await send(s, '/api/v1/exam-reports/batches', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'kill-resume-0001' },
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Report).batchId).toBe(batchId);
    await stopServer(server);

    await withDatabase(async (db) => {
      const like = `${RECORD_PREFIX}%`;
      expect(
        await count(db, sql`select count(*)::int as n from exam_card where record_id like ${like}`),
      ).toBe(CARDS);
      expect(
        await count(
          db,
          sql`select count(distinct record_id)::int as n from exam_card where import_batch_id = ${batchId}`,
        ),
      ).toBe(CARDS);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from exam_card where record_id like ${like} and version <> 1`,
        ),
      ).toBe(0);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from exam_card_version v join exam_card c using (exam_card_id)
               where c.record_id like ${like}`,
        ),
      ).toBe(0);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from exam_conclusion k join exam_card c using (exam_card_id)
               where c.record_id like ${like}`,
        ),
      ).toBe(CARDS * 2);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from suspected_case k join exam_card c using (exam_card_id)
               where c.record_id like ${like}`,
        ),
      ).toBe(CARDS / 10);
      // One worker per ID number: each card's worker is new and registered once.
      expect(await count(db, sql`select count(*)::int as n from worker`)).toBe(workersBefore + CARDS);
      expect(
        await count(
          db,
          sql`select count(distinct worker_id)::int as n from exam_card where record_id like ${like}`,
        ),
      ).toBe(CARDS);
      expect(
        await count(db, sql`select count(*)::int as n from import_chunk where import_batch_id = ${batchId}`),
      ).toBe(0);
      expect(
        await count(db, sql`select count(*)::int as n from import_row where import_batch_id = ${batchId}`),
      ).toBe(0);
      const audit = await sql<{ after: { accepted: number; total: number }; bytes: number }>`
        select after, length(after::text) as bytes from audit_log
         where action = 'exam_card.import' and entity_id = ${String(batchId)}`.execute(db);
      expect(audit.rows.map((a) => [a.after.total, a.after.accepted])).toEqual([[CARDS, CARDS]]);
      log(`exam cards: the batch's audit entry holds ${audit.rows[0]!.bytes} characters`);
      const job = await db
        .selectFrom('job')
        .innerJoin('import_batch as b', 'b.job_id', 'job.job_id')
        .select(['job.status', 'job.attempts'])
        .where('b.import_batch_id', '=', batchId)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'done', attempts: 2 });
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });
    log(`exam cards: ${secondsSince(t0)} s in all`);
  }, 420_000);
});
