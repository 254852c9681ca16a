/**
 * bench:export — the organisation export at province scale over a real socket: server memory against
 * the rows exported, and how the server answers other requests meanwhile (issue 14 item 6).
 *
 * Seeds the province (100,182 organisations) once per engine, then for each mode starts a fresh server
 * process as in production (bench/export.ts --serve: openAndPrepare, PGlite in its worker thread) and,
 * signed in as the provincial regulator, downloads the export of a county, a city and the province
 * (the province reaches the 100,000-row cap), reading the body as fast as it comes. Meanwhile, every
 * 100 ms, it sends GET /api/health, GET /api/v1/auth/me and a county's first list page
 * (/api/v1/organisations, which always reads the database), and reports their p50 / max latency.
 * The server samples its memory every 10 ms; per export it reports the peak RSS and heap above the
 * level before the export, and the process's peak RSS (getrusage maxRSS) at the end.
 *
 * Modes (each in its own server process, so that one's peak does not hide another's):
 *   select        baseline: one plain SQL select of every row in scope, no order, nothing written (what
 *                 reading them all at once costs the database and the process)
 *   csv, xlsx     the streamed export (GET /api/v1/organisations/export)
 *   legacy-csv,   the export as it was before streaming (apps/server/test/legacy-exports.ts: every row
 *   legacy-xlsx   read at once, one Buffer built — the xlsx in the sheet worker thread — then sent)
 *   import        not an export (run it with --modes import): a 20,000-row organisation import through
 *                 the import pipeline, with the same probes, to see how long its commit holds the server
 *
 * PostgreSQL runs when OHP_TEST_DATABASE_URL is set (`npm run bench:export:pg` starts a throw-away
 * server). The last line is JSON.  Usage: npm run bench:export [-- --modes csv,xlsx --scale small]
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { freshDatabase } from './pg-database.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const PASSWORD = 'Bench#2026export';
/** A heap ceiling for the server process (MB): an export whose memory grows with its rows fails under it. */
const heapMb = Number(arg('server-heap-mb', '0'));
const pgUrl = process.env.OHP_TEST_DATABASE_URL ?? null;

// ---------------------------------------------------------------------------------------------------
// The server process

type Memory = { rss: number; heap: number };
type ServerMessage =
  | { kind: 'ready'; port: number }
  | { kind: 'marked'; at: Memory }
  | { kind: 'peak'; peak: Memory; now: Memory; maxRss: number };

const serve = async () => {
  const { registerModules } = await import('../apps/server/src/modules/index.js');
  const { loadConfig } = await import('../apps/server/src/platform/config.js');
  const { buildApp } = await import('../apps/server/src/platform/http/app.js');
  const { openAndPrepare } = await import('../apps/server/src/server.js');
  const { loadActor } = await import('../apps/server/src/platform/authz/session.js');
  const { legacyExportOrganisations } = await import('../apps/server/test/legacy-exports.js');

  const config = loadConfig(process.env, { dotenv: false });
  const deps = await openAndPrepare(config, { thread: 'worker' });
  const regulator = await deps.db
    .selectFrom('app_user')
    .select(['user_id', 'organisation_id'])
    .where('username', '=', 'demo-province')
    .executeTakeFirstOrThrow();
  const { actor } = (await loadActor(deps.db, regulator.user_id))!;
  const ctx = {
    userId: regulator.user_id,
    username: 'demo-province',
    organisationId: regulator.organisation_id,
    ip: null,
    requestId: 'bench',
  };
  const { app } = await buildApp({
    deps,
    webDist: null,
    logger: false,
    registerModules: async (a, d) => {
      await registerModules(a, d);
      // The baseline: every row in scope read by one plain statement, nothing written.
      a.get('/api/bench/select', { config: { access: 'public' } }, async (req) => {
        const region = (req.query as { regionCode?: string }).regionCode ?? '22';
        const r = await sql<Record<string, unknown>>`
          select * from organisation where status = 'active' and region_code like ${`${region}%`}
           limit 100000`.execute(d.db);
        return { rows: r.rows.length };
      });
      // The export before streaming, for the same regulator.
      a.get('/api/bench/legacy-export', { config: { access: 'public' } }, async (req, reply) => {
        const { format = 'xlsx', regionCode } = req.query as { format?: 'xlsx' | 'csv'; regionCode?: string };
        const body = await legacyExportOrganisations(
          d.db,
          ctx,
          actor,
          regionCode ? { regionCode } : {},
          format,
        );
        return reply.header('content-type', 'application/octet-stream').send(body);
      });
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // As main.ts does: jobs (imports) run once the server listens.
  await deps.jobs.start();

  const sample = (): Memory => {
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed };
  };
  let peak = sample();
  setInterval(() => {
    const m = sample();
    peak = { rss: Math.max(peak.rss, m.rss), heap: Math.max(peak.heap, m.heap) };
  }, 10).unref();
  process.on('message', (m: { kind: 'mark' | 'peak' }) => {
    if (m.kind === 'mark') {
      global.gc?.();
      peak = sample();
      process.send!({ kind: 'marked', at: peak } satisfies ServerMessage);
    } else {
      const now = sample();
      peak = { rss: Math.max(peak.rss, now.rss), heap: Math.max(peak.heap, now.heap) };
      process.send!({
        kind: 'peak',
        peak,
        now,
        maxRss: process.resourceUsage().maxRSS * 1024,
      } satisfies ServerMessage);
    }
  });
  process.on('disconnect', () => {
    void app
      .close()
      .then(() => deps.database.close())
      .finally(() => process.exit(0));
  });
  process.send!({
    kind: 'ready',
    port: (app.server.address() as { port: number }).port,
  } satisfies ServerMessage);
};

// ---------------------------------------------------------------------------------------------------
// The benchmark

type Probe = { p50: number; max: number; n: number };
type Run = {
  mode: string;
  target: string;
  rows: number;
  bytes: number;
  seconds: number;
  rssBeforeMb: number;
  rssPeakGrowthMb: number;
  heapPeakGrowthMb: number;
  processMaxRssMb: number;
  probes: Record<string, Probe>;
  /** Why the export did not complete (then the figures above are absent). */
  failed?: string;
};

const mb = (b: number) => Math.round((b / 1_048_576) * 10) / 10;

const startServer = (env: NodeJS.ProcessEnv) =>
  new Promise<{
    base: string;
    ask: (kind: 'mark' | 'peak') => Promise<ServerMessage>;
    stop: () => Promise<void>;
    exited: () => boolean;
  }>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
      env,
      execArgv: ['--import', 'tsx', '--expose-gc', ...(heapMb ? [`--max-old-space-size=${heapMb}`] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ask = (kind: 'mark' | 'peak') =>
      new Promise<ServerMessage>((done) => {
        child.once('message', (m) => done(m as ServerMessage));
        child.send({ kind });
      });
    child.once('message', (m) => {
      const ready = m as ServerMessage;
      if (ready.kind !== 'ready') return reject(new Error('unexpected message'));
      resolve({
        base: `http://127.0.0.1:${ready.port}`,
        ask,
        exited: () => child.exitCode !== null || child.signalCode !== null,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null || !child.connected) return done();
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });

const signIn = async (base: string, username: string): Promise<string> => {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ohp_sid='))!;
};

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : 0;
};

/** Sends the probes every 100 ms (whether or not the previous ones are back) until stopped. */
const probing = (base: string, county: string) => {
  const targets: Record<string, { url: string; cookie?: string }> = {
    health: { url: '/api/health' },
    me: { url: '/api/v1/auth/me', cookie: county },
    'list-county': { url: '/api/v1/organisations?page=1&pageSize=20', cookie: county },
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  const pending: Promise<void>[] = [];
  const fire = () => {
    for (const [name, t] of Object.entries(targets)) {
      const t0 = performance.now();
      pending.push(
        fetch(`${base}${t.url}`, { headers: t.cookie ? { cookie: t.cookie } : {} })
          .then(async (r) => {
            await r.arrayBuffer();
            if (r.status !== 200) throw new Error(`${name}: ${r.status}`);
            samples[name]!.push(performance.now() - t0);
          })
          .catch((e: unknown) => console.error(`probe ${name} failed: ${String(e)}`)),
      );
    }
  };
  fire();
  const timer = setInterval(fire, 100);
  return async (): Promise<Record<string, Probe>> => {
    clearInterval(timer);
    await Promise.all(pending);
    return Object.fromEntries(
      Object.entries(samples).map(([k, xs]) => [
        k,
        {
          p50: Math.round(quantile(xs, 0.5) * 10) / 10,
          max: Math.round(Math.max(0, ...xs) * 10) / 10,
          n: xs.length,
        },
      ]),
    );
  };
};

/**
 * Not an export: how long an organisation import of IMPORT_ROWS new rows (csv, through the one import
 * pipeline) takes and holds the server, measured by the same probes. The import is a job (issue 15
 * item 0): staged and committed in chunks of their own transactions; the upload may answer 202, then
 * the batch is followed until it is done.
 */
const IMPORT_ROWS = 20_000;
const importRun = async (base: string, province: string, county: string): Promise<Run> => {
  const lines = ['单位名称,单位类型,行政区划代码,是否公立,从业人员数,地址,联系人,联系电话'];
  for (let i = 1; i <= IMPORT_ROWS; i++)
    lines.push(
      `导入压测单位${i},用人单位,220102,否,${i % 500},长春市南关区示例路${i}号,张三,0431-8888${String(i % 10_000).padStart(4, '0')}`,
    );
  const csv = Buffer.from(`${lines.join('\r\n')}\r\n`);
  const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie: province } });
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const form = new FormData();
  form.append('file', new Blob([csv]), 'bench-import.csv');
  const stop = probing(base, county);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/organisations/import`, {
    method: 'POST',
    headers: { cookie: province, 'x-csrf-token': csrfToken },
    body: form,
  });
  let report = (await res.json()) as { accepted?: number; batchId: number; status?: string };
  if (res.status === 202) {
    for (;;) {
      const b = (await (
        await fetch(`${base}/api/v1/imports/${report.batchId}`, { headers: { cookie: province } })
      ).json()) as { status: string; report: { accepted: number } | null };
      if (b.status === 'done' || b.status === 'failed') {
        report = { ...report, ...(b.report ?? {}), status: b.status };
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const probes = await stop();
  if ((res.status !== 200 && res.status !== 202) || report.accepted !== IMPORT_ROWS)
    throw new Error(`import: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
  return {
    mode: 'import',
    target: `${IMPORT_ROWS} new`,
    rows: IMPORT_ROWS,
    bytes: csv.length,
    seconds: Math.round(seconds * 100) / 100,
    rssBeforeMb: 0,
    rssPeakGrowthMb: 0,
    heapPeakGrowthMb: 0,
    processMaxRssMb: 0,
    probes,
  };
};

const URLS: Record<string, (region: string) => string> = {
  select: (r) => `/api/bench/select?regionCode=${r}`,
  csv: (r) => `/api/v1/organisations/export?format=csv${r === '22' ? '' : `&regionCode=${r}`}`,
  xlsx: (r) => `/api/v1/organisations/export?format=xlsx${r === '22' ? '' : `&regionCode=${r}`}`,
  'legacy-csv': (r) => `/api/bench/legacy-export?format=csv${r === '22' ? '' : `&regionCode=${r}`}`,
  'legacy-xlsx': (r) => `/api/bench/legacy-export?format=xlsx${r === '22' ? '' : `&regionCode=${r}`}`,
};

const benchEngine = async (engine: string, modes: string[], scale: string): Promise<Run[]> => {
  const dataDir = mkdtempSync(join(tmpdir(), `ohp-bench-export-${engine}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OHP_DATA_DIR: dataDir,
    OHP_DEMO: '0',
    OHP_DEMO_PASSWORD: PASSWORD,
    OHP_API_RATE_LIMIT: '100000000',
    OHP_PGLITE_ANALYZE_MINUTES: '0',
    DATABASE_URL: '',
  };
  let dropDb: (() => Promise<void>) | null = null;
  if (engine === 'postgresql') {
    const fresh = await freshDatabase(pgUrl, 'ohp_bench_export');
    env.DATABASE_URL = fresh.url;
    dropDb = fresh.drop;
  }
  const runs: Run[] = [];
  try {
    {
      const { loadConfig } = await import('../apps/server/src/platform/config.js');
      const { openAndPrepare } = await import('../apps/server/src/server.js');
      const { seedDemoProvince } = await import('../apps/server/src/demo/seed.js');
      const deps = await openAndPrepare(loadConfig(env, { dotenv: false }));
      const t0 = performance.now();
      const seeded = await seedDemoProvince(deps.db, {
        scale: scale as 'province' | 'small' | 'test',
        password: PASSWORD,
      });
      await sql`analyze`.execute(deps.db);
      await deps.database.close();
      console.log(
        `${engine}: seeded ${seeded.organisations} organisations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    for (const mode of modes) {
      const server = await startServer(env);
      try {
        const province = await signIn(server.base, 'demo-province');
        const county = await signIn(server.base, 'demo-county');
        if (mode === 'import') {
          runs.push(await importRun(server.base, province, county));
          print(engine, runs.at(-1)!);
          continue;
        }
        // Warm-up: JIT, the region catalogue, the connection.
        await fetch(`${server.base}${URLS[mode]!('220102')}`, { headers: { cookie: province } }).then((r) =>
          r.arrayBuffer(),
        );
        for (const [target, region] of [
          ['county 220102', '220102'],
          ['city 2201', '2201'],
          ['province 22', '22'],
        ] as const) {
          const marked = await server.ask('mark');
          const before = (marked as Extract<ServerMessage, { kind: 'marked' }>).at;
          const stop = probing(server.base, county);
          const t0 = performance.now();
          let bytes = 0;
          let newlines = 0;
          let text = '';
          try {
            const res = await fetch(`${server.base}${URLS[mode]!(region)}`, {
              headers: { cookie: province },
            });
            if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
            for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
              bytes += chunk.length;
              if (mode.endsWith('csv')) for (const b of chunk) if (b === 10) newlines++;
              if (mode === 'select') text += Buffer.from(chunk).toString();
            }
          } catch (err) {
            // The server gave up (e.g. out of memory under --server-heap-mb): recorded, next mode.
            await stop();
            runs.push({
              mode,
              target,
              failed: `${String(err)}${server.exited() ? ' (server exited)' : ''}`,
            } as Run);
            console.log(
              `${engine.padEnd(11)} ${mode.padEnd(12)} ${target.padEnd(14)} failed: ${runs.at(-1)!.failed}`,
            );
            break;
          }
          const seconds = (performance.now() - t0) / 1000;
          const probes = await stop();
          const p = (await server.ask('peak')) as Extract<ServerMessage, { kind: 'peak' }>;
          // Rows of an xlsx are not counted here (the csv of the same target has the same rows).
          const rows = mode.endsWith('csv')
            ? newlines - 1
            : mode === 'select'
              ? (JSON.parse(text) as { rows: number }).rows
              : -1;
          runs.push({
            mode,
            target,
            rows,
            bytes,
            seconds: Math.round(seconds * 100) / 100,
            rssBeforeMb: mb(before.rss),
            rssPeakGrowthMb: mb(p.peak.rss - before.rss),
            heapPeakGrowthMb: mb(p.peak.heap - before.heap),
            processMaxRssMb: mb(p.maxRss),
            probes,
          });
          print(engine, runs.at(-1)!);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return runs;
};

let header = false;
const print = (engine: string, r: Run) => {
  if (!header) {
    console.log(
      '\nengine      mode         target          rows     MB   s     RSS0  +RSS  +heap  maxRSS  health p50/max  me p50/max   list p50/max (ms)',
    );
    header = true;
  }
  const pr = (p: Probe | undefined) => (p ? `${p.p50}/${p.max}`.padStart(12) : ''.padStart(12));
  console.log(
    `${engine.padEnd(11)} ${r.mode.padEnd(12)} ${r.target.padEnd(14)} ${String(r.rows).padStart(6)} ${mb(r.bytes).toFixed(1).padStart(6)} ${r.seconds.toFixed(1).padStart(5)} ${String(r.rssBeforeMb).padStart(6)} ${String(r.rssPeakGrowthMb).padStart(5)} ${String(r.heapPeakGrowthMb).padStart(6)} ${String(r.processMaxRssMb).padStart(7)}  ${pr(r.probes.health)} ${pr(r.probes.me)} ${pr(r.probes['list-county'])}`,
  );
};

const main = async () => {
  const engines = arg('engines', pgUrl ? 'postgresql' : 'pglite').split(',');
  const modes = arg('modes', 'select,csv,xlsx,legacy-csv,legacy-xlsx').split(',');
  const scale = arg('scale', 'province');
  const out: Record<string, Run[]> = {};
  for (const engine of engines) out[engine] = await benchEngine(engine, modes, scale);
  console.log('');
  console.log(JSON.stringify({ bench: 'export', date: new Date().toISOString(), scale, ...out }));
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
