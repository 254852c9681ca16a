/**
 * bench:http — what a request costs over real sockets, on PGlite and on PostgreSQL, province scale.
 *
 * For each engine: seeds the province (100,182 organisations) into a fresh database, starts the server
 * as in production (bench/http-server.ts, access log on), signs in the county, city and province
 * regulators, and measures with autocannon, at 10 and 100 connections:
 *   hello          a plain Fastify instance with one route (no plugins), in the server process
 *   bare           a route of the platform's own Fastify instance that does nothing (all global hooks)
 *   db             a route of the platform's instance doing one `select 1` (one database round trip)
 *   health         GET /api/health
 *   me             GET /api/v1/auth/me (session only)
 *   list-county    GET /api/v1/organisations (page of 20 by name) as the county regulator
 *   list-city      … as the city regulator
 *   list-province  … as the provincial regulator
 *   calculator     POST /api/v1/standards/air-judgement (its documented example)
 * Runs are interleaved (run 1 of every target, then run 2 …) and each figure is the median of the runs.
 * Prints req/s, p50 and p99 per target and each one's ratio to health, bare and hello; the last line is
 * JSON. PostgreSQL runs when OHP_TEST_DATABASE_URL is set (`npm run bench:http` starts a throw-away
 * server through scripts/with-postgres.sh).
 *
 * Usage: npm run bench:http [-- --runs 5 --duration 3 --engines pglite,postgresql --connections 10,100
 *        --scale province|small|test --targets me,list-county,…]
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freshDatabase } from './pg-database.js';
import { getCalculator } from '@ohp/standards';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const runs = Number(arg('runs', '5'));
const duration = Number(arg('duration', '3'));
const connectionsList = arg('connections', '10,100').split(',').map(Number);
const pgUrl = process.env.OHP_TEST_DATABASE_URL ?? null;
const engines = arg('engines', pgUrl ? 'pglite,postgresql' : 'pglite').split(',');
const scale = arg('scale', 'province');
const only = arg('targets', '').split(',').filter(Boolean);
const root = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Bench#2026http';
const CALCULATOR = 'air-judgement';

type Target = {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
};
type Figure = { rps: number; p50: number; p99: number; non2xx: number; errors: number };

const baseEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  OHP_DEMO: '0',
  OHP_DEMO_PASSWORD: PASSWORD,
  OHP_API_RATE_LIMIT: '100000000',
  OHP_CALCULATOR_RATE_LIMIT: '100000000',
  OHP_PGLITE_ANALYZE_MINUTES: '0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  ...extra,
});

const runToEnd = (args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });

const startServer = (env: NodeJS.ProcessEnv) =>
  new Promise<{ port: number; helloPort: number; stop: () => Promise<void> }>((resolve, reject) => {
    // The access log goes to /dev/null: it is still written (and paid for), as in production.
    const child = fork(join(root, 'bench/http-server.ts'), [], {
      cwd: root,
      env,
      // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server (open it in Chrome's DevTools).
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      ],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (m) => {
      const { port, helloPort } = m as { port: number; helloPort: number };
      resolve({
        port,
        helloPort,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });

const signIn = async (base: string, username: string) => {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const sid = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ohp_sid='))!;
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: sid, csrf: me.csrfToken };
};

const measure = async (base: string, t: Target, connections: number, seconds: number): Promise<Figure> => {
  const r = await autocannon({
    url: `${base}${t.url}`,
    method: t.method ?? 'GET',
    headers: t.headers,
    body: t.body,
    connections,
    duration: seconds,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
};

/**
 * Waits until the server has worked off what the previous target left queued (the database answers a
 * scoped page again in well under its loaded latency), so that no target pays for the one before.
 */
const drain = async (base: string, cookie: string) => {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const t = performance.now();
    await fetch(`${base}/api/v1/organisations?page=1&pageSize=20`, { headers: { cookie } }).then((r) =>
      r.arrayBuffer(),
    );
    if (performance.now() - t < 250) return;
    await new Promise((r) => setTimeout(r, 200));
  }
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const benchEngine = async (engine: string) => {
  const dataDir = mkdtempSync(join(tmpdir(), `ohp-bench-http-${engine}-`));
  const extra: Record<string, string> = { OHP_DATA_DIR: dataDir };
  let dropDb: (() => Promise<void>) | null = null;
  if (engine === 'postgresql') {
    const fresh = await freshDatabase(pgUrl, 'ohp_bench_http');
    extra.DATABASE_URL = fresh.url;
    dropDb = fresh.drop;
  }
  const env = baseEnv(extra);
  const t0 = Date.now();
  await runToEnd(['apps/server/src/cli/seed.ts', '--scale', scale], env);
  console.log(`${engine}: seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const server = await startServer(env);
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const county = await signIn(base, 'demo-county');
    const city = await signIn(base, 'demo-city');
    const province = await signIn(base, 'demo-province');
    const list = '/api/v1/organisations?page=1&pageSize=20';
    const example = getCalculator(CALCULATOR)!.example;
    const all: (Target & { base?: string })[] = [
      { name: 'hello', url: '/', base: `http://127.0.0.1:${server.helloPort}` },
      { name: 'bare', url: '/api/bench/bare' },
      { name: 'db', url: '/api/bench/db' },
      { name: 'health', url: '/api/health' },
      { name: 'me', url: '/api/v1/auth/me', headers: { cookie: county.cookie } },
      { name: 'list-county', url: list, headers: { cookie: county.cookie } },
      { name: 'list-city', url: list, headers: { cookie: city.cookie } },
      { name: 'list-province', url: list, headers: { cookie: province.cookie } },
      {
        name: 'calculator',
        url: `/api/v1/standards/${CALCULATOR}`,
        method: 'POST',
        headers: { cookie: county.cookie, 'x-csrf-token': county.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(example),
      },
      {
        name: 'calc-bound',
        url: '/api/bench/calculator-bound',
        method: 'POST',
        headers: { cookie: county.cookie, 'x-csrf-token': county.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(example),
      },
    ];
    // The baselines are always measured: every ratio needs them.
    const targets = all.filter(
      (t) =>
        !only.length ||
        [
          'hello',
          'bare',
          'db',
          'health',
          ...only,
          ...(only.includes('calculator') ? ['calc-bound'] : []),
        ].includes(t.name),
    );
    const result: Record<string, Record<string, Figure>> = {};
    for (const connections of connectionsList) {
      // Warm-up: JIT, pools, caches.
      for (const t of targets) {
        await measure(t.base ?? base, t, connections, 1);
        await drain(base, county.cookie);
      }
      const samples = new Map<string, Figure[]>();
      for (let r = 0; r < runs; r++) {
        for (const t of targets) {
          const f = await measure(t.base ?? base, t, connections, duration);
          await drain(base, county.cookie);
          samples.set(t.name, [...(samples.get(t.name) ?? []), f]);
        }
      }
      const figures: Record<string, Figure> = {};
      for (const t of targets) {
        const s = samples.get(t.name)!;
        figures[t.name] = {
          rps: Math.round(median(s.map((f) => f.rps))),
          p50: median(s.map((f) => f.p50)),
          p99: median(s.map((f) => f.p99)),
          non2xx: s.reduce((a, f) => a + f.non2xx, 0),
          errors: s.reduce((a, f) => a + f.errors, 0),
        };
      }
      result[`c${connections}`] = figures;
      print(engine, connections, figures);
    }
    return result;
  } finally {
    await server.stop();
    await dropDb?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const ratio = (a: number, b: number) => (b ? a / b : 0);

const print = (engine: string, connections: number, f: Record<string, Figure>) => {
  console.log(`\n${engine}, ${connections} connections (median of ${runs} runs of ${duration} s)`);
  console.log('target           req/s   p50 ms   p99 ms   ÷health   ÷bare  ÷hello     ÷db  non-2xx');
  for (const [name, x] of Object.entries(f)) {
    console.log(
      `${name.padEnd(14)} ${String(x.rps).padStart(7)}  ${x.p50.toFixed(1).padStart(7)}  ${x.p99.toFixed(1).padStart(7)}   ${ratio(x.rps, f.health!.rps).toFixed(2).padStart(6)}  ${ratio(x.rps, f.bare!.rps).toFixed(2).padStart(6)}  ${ratio(x.rps, f.hello!.rps).toFixed(2).padStart(6)}  ${ratio(x.rps, f.db!.rps).toFixed(2).padStart(6)}  ${x.non2xx + x.errors}`,
    );
  }
};

/** The targets (docs/PERFORMANCE.md), checked per engine and connection count. */
const checks = (f: Record<string, Figure>) => ({
  healthOverBare: ratio(f.health!.rps, f.bare!.rps),
  healthOverHello: ratio(f.health!.rps, f.hello!.rps),
  meOverHealth: ratio(f.me?.rps ?? 0, f.health!.rps),
  calculatorOverHealth: ratio(f.calculator?.rps ?? 0, f.health!.rps),
  calculatorOverDbRoute: ratio(f.calculator?.rps ?? 0, f.db!.rps),
  // The same route with the engine's work already done: how far the calculator could get at best.
  calculatorBoundOverHealth: ratio(f['calc-bound']?.rps ?? 0, f.health!.rps),
  calculatorOverBound: ratio(f.calculator?.rps ?? 0, f['calc-bound']?.rps ?? 0),
  meOverDbRoute: ratio(f.me?.rps ?? 0, f.db!.rps),
  provinceP50OverCounty: ratio(f['list-province']?.p50 ?? 0, f['list-county']?.p50 ?? 0),
  failures: Object.values(f).reduce((a, x) => a + x.non2xx + x.errors, 0),
});

const main = async () => {
  const out: Record<string, unknown> = {};
  for (const engine of engines) {
    const r = await benchEngine(engine);
    out[engine] = {
      figures: r,
      checks: Object.fromEntries(Object.entries(r).map(([c, f]) => [c, checks(f)])),
    };
  }
  console.log('');
  console.log(JSON.stringify({ bench: 'http', date: new Date().toISOString(), runs, duration, ...out }));
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
