/**
 * What the exam-card benchmarks share (bench/ingest.ts: the JSON door; bench/import-xlsx.ts: the
 * spreadsheet door): the options, a fresh data directory or PostgreSQL database, the seeded province
 * with exam-institution accounts and the registered employers the cards name (bench/ingest-cards.ts
 * builds the cards), the server in a child process (bench/exam-server.ts) with its memory and
 * event-loop figures, signing in, and the probes that measure how requests are served meanwhile.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../apps/server/src/platform/db-types.js';
import type { BenchEmployer, CardPlan } from './ingest-cards.js';
import { freshDatabase } from './pg-database.js';

export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
export const flag = (name: string) => process.argv.includes(`--${name}`);

export const PASSWORD = 'Bench#2026ingest';
export const mb = (b: number) => Math.round(b / 1_048_576);
export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const round1 = (x: number) => Math.round(x * 10) / 10;
export const seconds = (since: number) => (performance.now() - since) / 1000;
export const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
export const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : 0;
};

// ---------------------------------------------------------------------------------------------------
// The run's database

export type BenchRun = {
  engine: 'pglite' | 'postgresql';
  dataDir: string;
  /** The environment the set-up, the server and the checks see. */
  env: NodeJS.ProcessEnv;
  /** Removes the data directory and drops the PostgreSQL database (unless --keep). */
  cleanUp: () => Promise<void>;
};

/**
 * A fresh data directory (and, under scripts/with-postgres.sh, a fresh PostgreSQL database named
 * `pgName`), and the server's environment: no demo data, rate limits out of the way, PGlite's periodic
 * ANALYZE off. `extraEnv` is added (limits a benchmark needs).
 */
export const prepareRun = async (
  prefix: string,
  pgName: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<BenchRun> => {
  const pgUrl = process.env.OHP_TEST_DATABASE_URL ?? null;
  const engine = arg('db', pgUrl ? 'postgresql' : 'pglite') as BenchRun['engine'];
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-${engine}-`));
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
    ...extraEnv,
  };
  let dropDb: (() => Promise<void>) | null = null;
  if (engine === 'postgresql') {
    const fresh = await freshDatabase(pgUrl, pgName);
    env.DATABASE_URL = fresh.url;
    dropDb = fresh.drop;
  }
  return {
    engine,
    dataDir,
    env,
    cleanUp: async () => {
      if (!flag('keep')) {
        await dropDb?.();
        rmSync(dataDir, { recursive: true, force: true });
      } else console.error(`kept ${dataDir}${dropDb ? ` and ${env.DATABASE_URL}` : ''}`);
    },
  };
};

/** The run's database opened in this process (once the server has stopped), for the checks. */
export const withDatabase = async <T>(
  run: Pick<BenchRun, 'engine' | 'env'>,
  work: (db: Kysely<DB>) => Promise<T>,
): Promise<T> => {
  const { loadConfig } = await import('../apps/server/src/platform/config.js');
  const { openDatabase } = await import('../apps/server/src/platform/db.js');
  const config = loadConfig(run.env, { dotenv: false });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: run.engine === 'pglite' ? join(config.dataDir, 'pglite') : null,
    thread: 'inline',
  });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
};

/** `select count(*) from table where …` (the where clause is the benchmark's own text). */
export const countRows = async (db: Kysely<DB>, table: string, where = 'true'): Promise<number> =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(db)
    ).rows[0]!.n,
  );

// ---------------------------------------------------------------------------------------------------
// Set-up: the province, the institutions' accounts, the employers

export type Setup = {
  plan: Omit<CardPlan, 'rows' | 'batchSize' | 'shares' | 'today'>;
  /** The account of each institution (by organisation id), with the exam-staff role. */
  usernames: Map<number, string>;
};

const SCALE_CODES: Record<string, string> = { large: '01', medium: '02', small: '03', micro: '04' };

/**
 * Seeds the demo province at `scale`, gives the first `institutionsN` exam institutions an account
 * `bench-exam-N` with the exam-staff role, and lists the registered employers (credit code and
 * industry known) and the counties their cards' workers come from.
 */
export const setUp = async (env: NodeJS.ProcessEnv, scale: string, institutionsN: number): Promise<Setup> => {
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

// ---------------------------------------------------------------------------------------------------
// The server process (bench/exam-server.ts)

export type Memory = {
  rss: number;
  /** Peak of RSS sampled every 50 ms since the last reset (or start-up). */
  peakRss: number;
  /** getrusage maxRSS: the process's peak since start-up (PGlite's worker and the sheet workers included). */
  maxRss: number;
  heap: number;
  /** The server's event-loop delay since the last reset (ms). */
  loopP99: number;
  loopMax: number;
};
export type ServerMessage = { kind: 'ready'; port: number } | ({ kind: 'memory'; id: number } & Memory);

export type BenchServer = {
  base: string;
  /** The server's memory and event-loop figures; `reset` starts the sampled peak and the delay again. */
  memory: (reset?: boolean) => Promise<Memory>;
  stop: () => Promise<void>;
};

/**
 * Bundles bench/exam-server.ts with scripts/build-server.mjs, as the server is bundled for `npm start`
 * (npm packages external, the sheet worker a second bundle, the PGlite worker beside it), into
 * apps/server/dist/bench/: the benchmarks measure the code `npm start` runs, not the source through
 * tsx (whose transform and dev-mode workers — a sheet worker that first registers tsx — cost time the
 * product does not pay).
 */
const buildServer = (): string => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // Beside the server's bundle, so that npm packages resolve as they do for it (apps/server/node_modules
  // first) and the migrations are found where dist/main.js finds them.
  const outdir = join(root, 'apps/server/dist/bench');
  execFileSync(
    process.execPath,
    [
      'scripts/build-server.mjs',
      '--entry',
      'bench/exam-server.ts',
      '--name',
      'exam-server',
      '--outdir',
      outdir,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return join(outdir, 'exam-server.js');
};

/**
 * Starts the bundled bench/exam-server.ts with `env`; BENCH_CPU_PROF=<dir> writes its V8 CPU profiles
 * there.
 */
export const startServer = async (env: NodeJS.ProcessEnv) => {
  const entry = buildServer();
  return new Promise<BenchServer>((resolve, reject) => {
    const child = fork(entry, [], {
      env,
      execArgv: [
        '--enable-source-maps',
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
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
  });
};

// ---------------------------------------------------------------------------------------------------
// The client

export type Session = { cookie: string; csrf: string };

export const signIn = async (base: string, username: string): Promise<Session> => {
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

export type ProbeResult = { n: number; p50: number; p99: number; max: number; failures: number };

/** Sends GET `url` every `everyMs` (whether or not the previous one is back) until stopped. */
export const probe = (url: string, everyMs: number) => {
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
    stop: async (): Promise<ProbeResult> => {
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

export type Report = {
  total: number;
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
};
export type BatchView = {
  batchId: number;
  status: string;
  progress?: { phase: string; done: number; total: number | null };
  report: (Report & { errors?: unknown[] }) | null;
  error: unknown;
};
