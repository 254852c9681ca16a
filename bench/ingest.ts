/**
 * bench:ingest — exam cards through the real import pipeline against a raw COPY of the same rows
 * (issue 15 item 9).
 *
 *   npm run bench:ingest     -- [--rows 200000]    PGlite (a fresh data directory)
 *   npm run bench:ingest:pg  -- [--rows 1000000]   PostgreSQL (scripts/with-postgres.sh: a throw-away server)
 *
 * 1. Seeds the demo province (`--scale province`: 100,182 organisations, 40 exam institutions) and gives
 *    `--institutions` (8) of the exam institutions an account with the exam-staff role.
 * 2. Writes `--rows` realistic cards (bench/ingest-cards.ts: valid GB 11643 workers, a share of them
 *    examined before, registered employers, 12–18 item results, conclusions; corrected and identical
 *    resends, re-exams and a few invalid cards) as JSON batch bodies of `--batch` (10,000) cards to disk,
 *    before anything is timed.
 * 3. Starts the server as `npm start` does (openAndPrepare, PGlite in its worker thread, the access log
 *    on, the job runner with its two workers) in a child process, signs the institutions in, and sends
 *    the batches as their systems would: POST /api/v1/exam-reports/batches with an Idempotency-Key,
 *    `--in-flight` (2) batches at a time, each followed (200 with the report, or 202 and then
 *    GET /api/v1/imports/{id}) until it is done. Everything the door does is in the measure: the body
 *    parsed and stored, the job staging the cards, the schema and card rules, dedup by record ID and
 *    content hash, the workers' keyed hash and encryption, versions of changed cards, conclusions,
 *    re-exam links, the report and error workbook, the batch's one audit entry, the ANALYZE after it.
 *    Pipeline time = from the first POST to the last batch done. Meanwhile GET /api/health is sent
 *    every `--probe-ms` (50) ms and a route doing one `select 1` (the database's availability) every
 *    100 ms; their latencies are reported.
 * 4. Checks the outcome (per-batch reports against the plan, rows in the tables, no staged row left).
 * 5. The baseline (bench/ingest-copy.ts): the rows the pipeline stored for the cards (worker, exam_card,
 *    exam_card_version, exam_conclusion) copied out, then COPYed into identical empty tables (LIKE …
 *    INCLUDING ALL: every index; the same foreign keys) — only the COPY in is timed.
 *
 * rows = cards sent. pipeline_rows_per_s = rows ÷ pipeline seconds; copy_rows_per_s = rows ÷ seconds to
 * COPY everything those cards left in the four tables; ratio = pipeline ÷ copy. peak_rss_mb = the
 * server process's peak resident set (getrusage maxRSS: start-up and the whole ingest, PGlite's worker
 * included). health_p99_ms = p99 of GET /api/health during the ingest. The last line is that JSON.
 *
 * Other options: --scale province|small, --institutions 8, --in-flight 2, --batch 10000, --probe-ms 50,
 * --keep (keep the data directory and the PostgreSQL database). BENCH_CPU_PROF=<dir> writes the
 * server's V8 CPU profiles.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import {
  batchCount,
  cardOf,
  DEFAULT_SHARES,
  institutionOfBatch,
  type BenchEmployer,
  type CardKind,
  type CardPlan,
} from './ingest-cards.js';
import { copyBaselinePglite, copyBaselinePostgres, CARD_TABLES, type CopyResult } from './ingest-copy.js';
import { freshDatabase } from './pg-database.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const PASSWORD = 'Bench#2026ingest';
const pgUrl = process.env.OHP_TEST_DATABASE_URL ?? null;
const mb = (b: number) => Math.round(b / 1_048_576);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------
// The server process

type Memory = {
  rss: number;
  peakRss: number;
  maxRss: number;
  heap: number;
  /** The server's event-loop delay since the last reset (ms). */
  loopP99: number;
  loopMax: number;
};
type ServerMessage = { kind: 'ready'; port: number } | ({ kind: 'memory'; id: number } & Memory);

const serve = async () => {
  const { registerModules } = await import('../apps/server/src/modules/index.js');
  const { loadConfig } = await import('../apps/server/src/platform/config.js');
  const { buildApp } = await import('../apps/server/src/platform/http/app.js');
  const { openAndPrepare } = await import('../apps/server/src/server.js');

  const config = loadConfig(process.env, { dotenv: false });
  // As main.ts: PGlite in its worker thread, so that database work never blocks the HTTP thread.
  const deps = await openAndPrepare(config, { thread: 'worker' });
  const { app } = await buildApp({
    deps,
    webDist: null,
    // The access log is on, as in production (written to /dev/null by the parent).
    logger: true,
    registerModules: async (a, d) => {
      await registerModules(a, d);
      // One database round trip per call (/api/health reuses its check for a second).
      a.get('/api/bench/db', { config: { access: 'public' } }, async () => {
        await sql`select 1`.execute(d.db);
        return { ok: true };
      });
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // As main.ts does: jobs (imports) run once the server listens.
  await deps.jobs.start();

  let peakRss = process.memoryUsage.rss();
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 50).unref();
  // How long the HTTP thread was kept from answering (every request waits at least that long).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  process.on('message', (m: { id: number; reset?: boolean }) => {
    const rss = process.memoryUsage.rss();
    peakRss = Math.max(peakRss, rss);
    // The parent may have disconnected meanwhile (it stops the server after its last question).
    if (!process.connected) return;
    process.send!(
      {
        kind: 'memory',
        id: m.id,
        rss,
        peakRss,
        maxRss: process.resourceUsage().maxRSS * 1024,
        heap: process.memoryUsage().heapUsed,
        loopP99: loop.percentile(99) / 1e6,
        loopMax: loop.max / 1e6,
      } satisfies ServerMessage,
      undefined,
      undefined,
      () => undefined,
    );
    if (m.reset) loop.reset();
  });
  process.on('disconnect', () => {
    void deps.jobs
      .stop()
      .then(() => app.close())
      .then(() => deps.database.close())
      .finally(() => process.exit(0));
  });
  process.send!({
    kind: 'ready',
    port: (app.server.address() as { port: number }).port,
  } satisfies ServerMessage);
};

const startServer = (env: NodeJS.ProcessEnv) =>
  new Promise<{ base: string; memory: (reset?: boolean) => Promise<Memory>; stop: () => Promise<void> }>(
    (resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
        env,
        execArgv: [
          '--import',
          'tsx',
          ...(process.env.BENCH_CPU_PROF
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
            : []),
        ],
        // stdout is the access log: written (and paid for) but not shown; errors are.
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      // Questions and answers carry an id: two batches may finish (and ask) at once.
      const asked = new Map<number, (m: Memory) => void>();
      let lastId = 0;
      const memory = (reset = false) =>
        new Promise<Memory>((done) => {
          const id = ++lastId;
          asked.set(id, done);
          child.send({ kind: 'memory', id, reset });
        });
      child.on('message', (m: ServerMessage) => {
        if (m.kind !== 'memory') return;
        asked.get(m.id)?.(m);
        asked.delete(m.id);
      });
      child.once('message', (m) => {
        const ready = m as ServerMessage;
        if (ready.kind !== 'ready') return reject(new Error('unexpected message'));
        resolve({
          base: `http://127.0.0.1:${ready.port}`,
          memory,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || !child.connected) return done();
              child.once('exit', () => done());
              child.disconnect();
            }),
        });
      });
      child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
    },
  );

// ---------------------------------------------------------------------------------------------------
// Set-up: the province, the institutions' accounts, the employers

type Setup = {
  plan: Omit<CardPlan, 'rows' | 'batchSize' | 'shares' | 'today'>;
  usernames: Map<number, string>;
};

const SCALE_CODES: Record<string, string> = { large: '01', medium: '02', small: '03', micro: '04' };

const setUp = async (env: NodeJS.ProcessEnv, scale: string, institutionsN: number): Promise<Setup> => {
  const { loadConfig } = await import('../apps/server/src/platform/config.js');
  const { openAndPrepare } = await import('../apps/server/src/server.js');
  const { seedDemoProvince } = await import('../apps/server/src/demo/seed.js');
  const { hashPassword } = await import('../apps/server/src/modules/auth/index.js');
  const { insertUserWithRoles } = await import('../apps/server/src/modules/users/users.repository.js');
  const deps = await openAndPrepare(loadConfig(env, { dotenv: false }));
  try {
    const seeded = await seedDemoProvince(deps.db, {
      scale: scale as 'province' | 'small' | 'test',
      password: PASSWORD,
    });
    const institutions = await deps.db
      .selectFrom('organisation')
      .select(['organisation_id', 'name'])
      .where('kind', '=', 'exam_institution')
      .where('status', '=', 'active')
      .orderBy('organisation_id')
      .limit(institutionsN)
      .execute();
    const hash = await hashPassword(PASSWORD);
    const usernames = new Map<number, string>();
    for (const [k, i] of institutions.entries()) {
      const username = `bench-exam-${k + 1}`;
      await insertUserWithRoles(
        deps.db,
        {
          username,
          display_name: `压测体检机构用户${k + 1}`,
          organisation_id: i.organisation_id,
          password_hash: hash,
          must_change_password: false,
          phone_enc: null,
        },
        ['exam_staff'],
      );
      usernames.set(i.organisation_id, username);
    }
    const employers = (
      await deps.db
        .selectFrom('organisation')
        .select([
          'organisation_id',
          'name',
          'credit_code',
          'industry_code',
          'enterprise_size',
          'region_code',
          'address',
          'contact_name',
          'contact_phone',
        ])
        .where('kind', '=', 'employer')
        .where('status', '=', 'active')
        .where('credit_code', 'is not', null)
        .where('industry_code', 'is not', null)
        .orderBy('organisation_id')
        .execute()
    ).map((e): BenchEmployer => ({
      organisationId: e.organisation_id,
      name: e.name,
      creditCode: e.credit_code!,
      industryCode: e.industry_code!,
      scaleCode: SCALE_CODES[e.enterprise_size ?? ''] ?? '99',
      regionCode: e.region_code.slice(0, 6),
      address: (e.address ?? `${e.name}厂区`).slice(0, 70),
      contact: e.contact_name ?? '职业卫生管理员',
      phone: e.contact_phone ?? '0431-80000000',
    }));
    const counties = [...new Set(employers.map((e) => e.regionCode))].sort();
    await sql`analyze`.execute(deps.db);
    console.log(
      `seeded ${int(seeded.organisations)} organisations (${scale}); ${institutions.length} institutions, ${int(employers.length)} employers, ${counties.length} counties`,
    );
    return {
      plan: {
        institutions: institutions.map((i) => ({ organisationId: i.organisation_id, name: i.name })),
        employers,
        counties,
      },
      usernames,
    };
  } finally {
    await deps.database.close();
  }
};

/** Writes the batch bodies; returns the cards of each kind and the bytes written. */
const writeBatches = (plan: CardPlan, dir: string) => {
  mkdirSync(dir, { recursive: true });
  const kinds: Record<CardKind, number> = { new: 0, invalid: 0, corrected: 0, identical: 0, reexam: 0 };
  let bytes = 0;
  for (let j = 0; j < batchCount(plan); j++) {
    const parts: string[] = [];
    for (let i = j * plan.batchSize; i < Math.min(plan.rows, (j + 1) * plan.batchSize); i++) {
      const { kind, card } = cardOf(plan, i);
      kinds[kind]++;
      parts.push(JSON.stringify(card));
    }
    const body = `{"cards":[${parts.join(',')}]}`;
    writeFileSync(join(dir, `batch-${j}.json`), body);
    bytes += Buffer.byteLength(body);
  }
  return { kinds, bytes };
};

// ---------------------------------------------------------------------------------------------------
// The client

const signIn = async (base: string, username: string) => {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ohp_sid='))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
};

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : 0;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Sends GET `url` every `everyMs` (whether or not the previous one is back) until stopped. */
const probe = (url: string, everyMs: number) => {
  const samples: number[] = [];
  const pending = new Set<Promise<void>>();
  let failures = 0;
  const fire = () => {
    const t0 = performance.now();
    const p: Promise<void> = fetch(url)
      .then(async (r) => {
        await r.arrayBuffer();
        if (r.status !== 200) failures++;
        samples.push(performance.now() - t0);
      })
      .catch(() => {
        failures++;
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  fire();
  const timer = setInterval(fire, everyMs);
  return {
    now: () => ({ p99: round1(quantile(samples, 0.99)), max: round1(Math.max(0, ...samples)) }),
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      return {
        n: samples.length,
        p50: round1(quantile(samples, 0.5)),
        p99: round1(quantile(samples, 0.99)),
        max: round1(Math.max(0, ...samples)),
        failures,
      };
    },
  };
};

type Report = { total: number; accepted: number; updated: number; unchanged: number; rejected: number };
type BatchView = { batchId: number; status: string; report: Report | null; error: unknown };

/** Sends batch j as its institution's system would and follows it until it is done. */
const sendBatch = async (
  base: string,
  session: { cookie: string; csrf: string },
  body: Buffer,
  key: string,
): Promise<Report> => {
  const res = await fetch(`${base}/api/v1/exam-reports/batches`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body,
  });
  const answer = (await res.json()) as Report | BatchView;
  if (res.status === 200) return answer as Report;
  if (res.status !== 202)
    throw new Error(`batch ${key}: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
  const batchId = (answer as BatchView).batchId;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const b = (await (
      await fetch(`${base}/api/v1/imports/${batchId}`, { headers: { cookie: session.cookie } })
    ).json()) as BatchView;
    if (b.status === 'done' && b.report) return b.report;
    if (b.status === 'failed') throw new Error(`batch ${key} failed: ${JSON.stringify(b.error)}`);
  }
};

// ---------------------------------------------------------------------------------------------------
// The checks and the baseline: the database opened again once the server has stopped

const verify = async (engine: string, env: NodeJS.ProcessEnv) => {
  const { loadConfig } = await import('../apps/server/src/platform/config.js');
  const { openDatabase } = await import('../apps/server/src/platform/db.js');
  const config = loadConfig(env, { dotenv: false });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: engine === 'pglite' ? join(config.dataDir, 'pglite') : null,
    thread: 'inline',
  });
  try {
    const count = async (table: string, where = 'true') =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(database.db)
        ).rows[0]!.n,
      );
    const counts: Record<string, number> = {};
    for (const t of CARD_TABLES) counts[t] = await count(t);
    counts.import_row = await count('import_row');
    counts.import_file = await count('import_file');
    counts.audit = await count('audit_log', `action = 'exam_card.import'`);
    counts.linked_reexams = await count('exam_card', 'reexam_of_card_id is not null');
    return counts;
  } finally {
    await database.close();
  }
};

// ---------------------------------------------------------------------------------------------------

const main = async () => {
  const engine = arg('db', pgUrl ? 'postgresql' : 'pglite');
  const rows = Number(arg('rows', engine === 'postgresql' ? '1000000' : '200000'));
  const batchSize = Number(arg('batch', '10000'));
  const scale = arg('scale', 'province');
  const institutionsN = Number(arg('institutions', '8'));
  const inFlight = Number(arg('in-flight', '2'));
  const probeMs = Number(arg('probe-ms', '50'));
  const started = performance.now();

  const dataDir = mkdtempSync(join(tmpdir(), `ohp-bench-ingest-${engine}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OHP_DATA_DIR: dataDir,
    OHP_DEMO: '0',
    OHP_DEMO_PASSWORD: PASSWORD,
    OHP_API_RATE_LIMIT: '100000000',
    OHP_LOGIN_RATE_LIMIT: '100000',
    OHP_PGLITE_ANALYZE_MINUTES: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    DATABASE_URL: '',
  };
  let dropDb: (() => Promise<void>) | null = null;
  if (engine === 'postgresql') {
    const fresh = await freshDatabase(pgUrl, 'ohp_bench_ingest');
    env.DATABASE_URL = fresh.url;
    dropDb = fresh.drop;
  }
  try {
    console.log(
      `bench:ingest on ${engine}: ${int(rows)} cards in batches of ${int(batchSize)}, ${inFlight} in flight`,
    );
    const setup = await setUp(env, scale, institutionsN);
    const plan: CardPlan = {
      ...setup.plan,
      rows,
      batchSize,
      shares: DEFAULT_SHARES,
      today: new Date().toISOString().slice(0, 10),
    };

    const t0 = performance.now();
    const batchDir = join(dataDir, 'batches');
    const written = writeBatches(plan, batchDir);
    const batches = batchCount(plan);
    console.log(
      `wrote ${batches} batch bodies in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${mb(written.bytes)} MB (${int(written.bytes / rows)} bytes a card); ${Object.entries(
        written.kinds,
      )
        .map(([k, n]) => `${k} ${int(n)}`)
        .join(', ')}`,
    );

    const server = await startServer(env);
    let memoryAtStart: Memory;
    let memoryAtEnd: Memory;
    const totals: Report = { total: 0, accepted: 0, updated: 0, unchanged: 0, rejected: 0 };
    let pipelineSeconds: number;
    let health: Awaited<ReturnType<ReturnType<typeof probe>['stop']>>;
    let dbProbe: typeof health;
    try {
      const sessions = new Map<number, { cookie: string; csrf: string }>();
      for (const [orgId, username] of setup.usernames)
        sessions.set(orgId, await signIn(server.base, username));
      memoryAtStart = await server.memory(true);
      console.log(
        `server ready: RSS ${mb(memoryAtStart.rss)} MB; load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}`,
      );

      const healthProbe = probe(`${server.base}/api/health`, probeMs);
      const databaseProbe = probe(`${server.base}/api/bench/db`, 100);
      const runStart = performance.now();
      let next = 0;
      let done = 0;
      const runKey = Date.now().toString(36);
      const worker = async () => {
        for (;;) {
          const j = next++;
          if (j >= batches) return;
          const inst = institutionOfBatch(plan, j);
          const body = await readFile(join(batchDir, `batch-${j}.json`));
          const sent = performance.now();
          const r = await sendBatch(
            server.base,
            sessions.get(inst.organisationId)!,
            body,
            `bench-${runKey}-${j}`,
          );
          for (const k of Object.keys(totals) as Array<keyof Report>) totals[k] += r[k];
          done++;
          const elapsed = (performance.now() - runStart) / 1000;
          const m = await server.memory();
          const h = healthProbe.now();
          console.log(
            `batch ${String(j + 1).padStart(4)}/${batches} (institution ${inst.organisationId}): ${int(r.accepted)} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected in ${((performance.now() - sent) / 1000).toFixed(1)} s | ${done} done, ${int(totals.total)} cards in ${elapsed.toFixed(1)} s = ${int(totals.total / elapsed)}/s | health p99 ${h.p99} ms, max ${h.max} ms | server RSS ${mb(m.rss)} MB, peak ${mb(m.peakRss)} MB, event loop max ${round1(m.loopMax)} ms`,
          );
        }
      };
      await Promise.all(Array.from({ length: inFlight }, () => worker()));
      pipelineSeconds = (performance.now() - runStart) / 1000;
      health = await healthProbe.stop();
      dbProbe = await databaseProbe.stop();
      memoryAtEnd = await server.memory();
    } finally {
      await server.stop();
    }

    // The outcome against the plan.
    const k = written.kinds;
    const expected: Report = {
      total: rows,
      accepted: k.new + k.reexam,
      updated: k.corrected,
      unchanged: k.identical,
      rejected: k.invalid,
    };
    const counts = await verify(engine, env);
    const ok =
      JSON.stringify(totals) === JSON.stringify(expected) &&
      counts.exam_card === expected.accepted &&
      counts.exam_card_version === expected.updated &&
      counts.import_row === 0 &&
      counts.audit === batches;
    console.log(
      `pipeline: ${int(rows)} cards in ${pipelineSeconds.toFixed(1)} s = ${int(rows / pipelineSeconds)} cards/s; reports ${JSON.stringify(totals)}`,
    );
    console.log(
      `stored: ${Object.entries(counts)
        .map(([t, n]) => `${t} ${int(n)}`)
        .join(', ')} — ${ok ? 'as planned' : `NOT AS PLANNED (expected ${JSON.stringify(expected)})`}`,
    );
    console.log(
      `during the ingest: GET /api/health p50 ${health.p50} / p99 ${health.p99} / max ${health.max} ms (${health.n} calls, ${health.failures} failed); one select 1 p50 ${dbProbe.p50} / p99 ${dbProbe.p99} / max ${dbProbe.max} ms (${dbProbe.n} calls, ${dbProbe.failures} failed)`,
    );
    console.log(
      `server: RSS ${mb(memoryAtStart.rss)} MB before, ${mb(memoryAtEnd.rss)} MB after, sampled peak ${mb(memoryAtEnd.peakRss)} MB, maxRSS ${mb(memoryAtEnd.maxRss)} MB; event-loop delay p99 ${round1(memoryAtEnd.loopP99)} / max ${round1(memoryAtEnd.loopMax)} ms; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );

    const copyDir = join(dataDir, 'copy');
    mkdirSync(copyDir, { recursive: true });
    const copy: CopyResult =
      engine === 'postgresql'
        ? await copyBaselinePostgres(env.DATABASE_URL!, copyDir)
        : await copyBaselinePglite(join(dataDir, 'pglite'));
    for (const t of copy.tables)
      console.log(
        `COPY ${t.table.padEnd(17)} ${int(t.rows).padStart(10)} rows ${String(mb(t.bytes)).padStart(6)} MB in ${t.seconds.toFixed(2)} s = ${int(t.rows / t.seconds)} rows/s`,
      );
    console.log(`COPY all four tables: ${copy.seconds.toFixed(1)} s = ${int(rows / copy.seconds)} cards/s`);
    console.log(
      `client: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB; total run ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );

    const pipelineRate = rows / pipelineSeconds;
    const copyRate = rows / copy.seconds;
    console.log(
      JSON.stringify({
        db: engine,
        rows,
        pipeline_rows_per_s: Math.round(pipelineRate),
        copy_rows_per_s: Math.round(copyRate),
        ratio: Math.round((pipelineRate / copyRate) * 1000) / 1000,
        peak_rss_mb: mb(memoryAtEnd.maxRss),
        health_p99_ms: health.p99,
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    if (!flag('keep')) {
      await dropDb?.();
      rmSync(dataDir, { recursive: true, force: true });
    } else console.error(`kept ${dataDir}${dropDb ? ` and ${env.DATABASE_URL}` : ''}`);
  }
};

if (process.argv.includes('--serve')) {
  serve().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
