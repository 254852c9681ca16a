/**
 * bench:declaration-rates — the 申报调度 rates statement (declaration-oversight.repository.ts rateFigures:
 * every employer in scope with its latest accepted declaration by a lateral index probe, grouped by the
 * city prefix, the risk class and the total in one GROUPING SETS statement) at province scale (100k
 * employers, 'province' demo scale), against a plain GROUP BY of the same employer rows by city measured
 * in the same run. Profiles and declarations are generated set-based: about a third of the employers
 * 严重, ~60 % industrial, ~55 % with one or two accepted declarations. Runs on PGlite, or on PostgreSQL
 * with OHP_BENCH_DB=postgresql under scripts/with-postgres.sh.
 * Usage: npm run bench:declaration-rates [-- --iterations 20]
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { seedDemoProvince } from '../apps/server/src/demo/seed.js';
import { attachAuditTrail } from '../apps/server/src/platform/audit.js';
import { openPglite, openPostgres, type Database } from '../apps/server/src/platform/db.js';
import { migrate } from '../apps/server/src/platform/migrate.js';
import { syncBuiltInRoles } from '../apps/server/src/server.js';
import {
  baselineGroupBy,
  rateFigures,
} from '../apps/server/src/modules/declaration-oversight/declaration-oversight.repository.js';
import { chinaToday } from '@ohp/reference';
import { baseAsOf } from '../apps/server/src/modules/declaration-oversight/declaration-oversight.service.js';

const iterations = Number(process.argv[process.argv.indexOf('--iterations') + 1]) || 20;
const usePg = process.env.OHP_BENCH_DB === 'postgresql';

const open = async (): Promise<Database> => {
  if (!usePg) return openPglite(null);
  const admin = new pg.Client({ connectionString: process.env.OHP_TEST_DATABASE_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS ohp_bench_decl');
  await admin.query('CREATE DATABASE ohp_bench_decl');
  await admin.end();
  const url = new URL(process.env.OHP_TEST_DATABASE_URL!);
  url.pathname = '/ohp_bench_decl';
  return openPostgres(url.toString());
};

const time = async (label: string, fn: () => Promise<unknown>) => {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
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
  const db = database.db;
  const t0 = performance.now();
  const seeded = await seedDemoProvince(db, { scale: 'province', password: 'Bench#2026x' });
  // Profiles and declarations, set-based (bench data only; the module never writes these tables).
  await sql`INSERT INTO employer_profile (organisation_id, risk_class, industrial, programme_status, programme_status_reason)
            SELECT organisation_id,
                   CASE WHEN organisation_id % 3 = 0 THEN '严重' WHEN organisation_id % 3 = 1 THEN '一般' ELSE '待评价' END,
                   organisation_id % 5 < 3,
                   CASE WHEN organisation_id % 50 = 0 THEN 'closed' ELSE 'active' END,
                   CASE WHEN organisation_id % 50 = 0 THEN 'bench' END
              FROM organisation WHERE kind = 'employer'
            ON CONFLICT (organisation_id) DO UPDATE SET risk_class = excluded.risk_class, industrial = excluded.industrial,
                   programme_status = excluded.programme_status, programme_status_reason = excluded.programme_status_reason`.execute(
    db,
  );
  await sql`INSERT INTO declaration (employer_id, region_code, declaration_type, status, submitted_at, accepted_at, late)
            SELECT organisation_id, region_code, 'initial', 'accepted',
                   now() - (organisation_id % 700) * interval '1 day', now() - (organisation_id % 700) * interval '1 day',
                   organisation_id % 11 = 0
              FROM organisation WHERE kind = 'employer' AND organisation_id % 20 < 11`.execute(db);
  await sql`INSERT INTO declaration (employer_id, region_code, declaration_type, status, submitted_at, accepted_at)
            SELECT organisation_id, region_code, CASE WHEN organisation_id % 7 = 0 THEN 'cancel' ELSE 'annual' END, 'accepted',
                   now() - (organisation_id % 90) * interval '1 day', now() - (organisation_id % 90) * interval '1 day'
              FROM organisation WHERE kind = 'employer' AND organisation_id % 20 < 4`.execute(db);
  await sql`analyze`.execute(db);
  const counts = await sql<{ e: number; d: number }>`
    SELECT (SELECT count(*) FROM organisation WHERE kind = 'employer') AS e, (SELECT count(*) FROM declaration) AS d`.execute(
    db,
  );
  console.log(
    `database ${database.kind}; seeded ${seeded.organisations} organisations (${counts.rows[0]!.e} employers, ${counts.rows[0]!.d} declarations) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const today = chinaToday();
  const province = { kind: 'region' as const, prefix: '22' };
  const baseline = await time('GROUP BY', () => baselineGroupBy(db, { code: '22', childLength: 4 }));
  const rates = await time('rates', () =>
    rateFigures(db, { ...baseAsOf(province, '22', today), childLength: 4 }),
  );
  const city = await time('rates city', () =>
    rateFigures(db, { ...baseAsOf(province, '2201', today), childLength: 6 }),
  );
  console.log(`\ndeclaration rates of the province by city, ${iterations} iterations (ms)`);
  console.log('path           p50      p95    p50 ÷ baseline');
  for (const r of [baseline, rates, city])
    console.log(
      `${r.label.padEnd(12)} ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}    ${(r.p50 / baseline.p50).toFixed(2)}×`,
    );
  await database.close();
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
