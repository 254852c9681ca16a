/**
 * bench:list — the scoped organisation list (filters, sort, page of 20) at province scale (100k
 * employers), measured three ways in the same run on the same database:
 *   baseline  the same page and total by the hand-written SQL the service issues (no scope helper, no
 *             Kysely, no HTTP): the page from the city's level index, the total from the count table
 *   service   listOrganisationsFor() — Kysely + scope helper + total + presenter
 *   http      GET /api/v1/organisations through the whole Fastify stack (inject, no sockets)
 * and printed as ratios to the baseline. Runs on PGlite, or on PostgreSQL with OHP_BENCH_DB=postgresql
 * under scripts/with-postgres.sh.  Usage: npm run bench:list [-- --iterations 200]
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { seedDemoProvince } from '../apps/server/src/demo/seed.js';
import { loadActor } from '../apps/server/src/platform/authz/session.js';
import { attachAuditTrail } from '../apps/server/src/platform/audit.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { createCrypto } from '../apps/server/src/platform/crypto.js';
import { openPglite, openPostgres, type Database } from '../apps/server/src/platform/db.js';
import type { Deps } from '../apps/server/src/platform/http/types.js';
import { migrate } from '../apps/server/src/platform/migrate.js';
import { JobRunner } from '../apps/server/src/platform/jobs/runner.js';
import { openReadReplica } from '../apps/server/src/platform/read-replica.js';
import { appVersion, createHttpApp, syncBuiltInRoles } from '../apps/server/src/server.js';
import { listOrganisationsFor } from '../apps/server/src/modules/organisations/organisations.service.js';

const iterations = Number(process.argv[process.argv.indexOf('--iterations') + 1]) || 200;
const usePg = process.env.OHP_BENCH_DB === 'postgresql';

const open = async (): Promise<Database> => {
  if (!usePg) return openPglite(null);
  const admin = new pg.Client({ connectionString: process.env.OHP_TEST_DATABASE_URL });
  await admin.connect();
  await admin.query('CREATE DATABASE ohp_bench');
  await admin.end();
  const url = new URL(process.env.OHP_TEST_DATABASE_URL!);
  url.pathname = '/ohp_bench';
  return openPostgres(url.toString());
};

const time = async (label: string, fn: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < 20; i++) await fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { label, p50: q(0.5), p95: q(0.95) };
};

const main = async () => {
  const database = await open();
  await migrate(database);
  await syncBuiltInRoles(database);
  await attachAuditTrail(database, { key: randomBytes(32), checkpointFile: null });
  const config = loadConfig(
    { OHP_DATA_KEY: randomBytes(32).toString('base64'), OHP_API_RATE_LIMIT: '1000000' },
    { dotenv: false },
  );
  const deps: Deps = {
    config,
    database,
    db: database.db,
    crypto: createCrypto(randomBytes(32)),
    version: appVersion(),
    jobs: new JobRunner(database.db),
    reads: openReadReplica(config, database),
  };
  const t0 = performance.now();
  const seeded = await seedDemoProvince(deps.db, { scale: 'province', password: 'Bench#2026x' });
  await sql`analyze`.execute(deps.db);
  console.log(
    `database ${database.kind}; seeded ${seeded.organisations} organisations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const city = await deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', 'demo-city')
    .executeTakeFirstOrThrow();
  const actor = (await loadActor(deps.db, city.user_id))!.actor;
  const { app } = await createHttpApp(deps);
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'demo-city', password: 'Bench#2026x' },
  });
  const cookie = login.cookies.find((c) => c.name === 'ohp_sid')!.value;

  // Pages 1..10 of employers in the city, by name: the list a city clerk opens most.
  const page = (i: number) => (i % 10) + 1;
  const baseline = await time('baseline SQL', async (i) => {
    const offset = (page(i) - 1) * 20;
    // Page and total together, as the service does (organisations.repository.ts organisationPage and
    // countOrganisations): the scope as an equality on the city level, the total from the count table.
    await Promise.all([
      sql`select * from organisation o
           where o.status = 'active' and left(o.region_code, 4) = '2201' and o.kind = 'employer'
           order by o.name_sort asc, o.organisation_id asc limit 20 offset ${offset}`.execute(deps.db),
      sql`select coalesce(sum(c.n), 0) as n from organisation_region_count c
           where left(c.region_code, 4) = '2201' and c.kind = 'employer'`.execute(deps.db),
    ]);
  });
  const service = await time('service', (i) =>
    listOrganisationsFor(
      deps.db,
      actor,
      { kind: 'employer', page: page(i), pageSize: 20 },
      config.listExactCountLimit,
    ),
  );
  const http = await time('HTTP', (i) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/organisations?kind=employer&page=${page(i)}&pageSize=20`,
      cookies: { ohp_sid: cookie },
    }),
  );
  console.log(`\nscoped organisation list, page of 20, ${iterations} iterations (ms)`);
  console.log('path           p50      p95    p50 ÷ baseline');
  for (const r of [baseline, service, http]) {
    console.log(
      `${r.label.padEnd(12)} ${r.p50.toFixed(2).padStart(7)}  ${r.p95.toFixed(2).padStart(7)}    ${(r.p50 / baseline.p50).toFixed(2)}×`,
    );
  }
  await app.close();
  await database.close();
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
