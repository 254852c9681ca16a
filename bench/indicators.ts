/**
 * bench:indicators — the indicator overview from the summaries (modules/indicator-summaries, migrations
 * 0045 and 0047: the overview reads the rollup level) against the same figures by GROUP BY over the facts, measured in the same run (issue 18 item 7).
 *
 * Builds a province: the demo province's organisations ('province' scale: ~100k employers; 'small' with
 * --quick), then `--rows` exam cards set-based (INSERT … SELECT generate_series in chunks, WITH the
 * summary triggers on: that is the trigger path being built), spread over 24 months, five exam types,
 * the employers' counties and three exam institutions per county. The trigger cost is measured on one
 * chunk: the first chunk inserted with the user triggers disabled (its counts backfilled) vs the next.
 * Then the deltas are merged and the overview measured for the province, a city and a county (exam
 * cards, on time, suspected; by child region; the last 12 months): p50 / p95 of summaryCounts and p50 of
 * factCounts (the GROUP BY baseline). Freshness: a batch of cards committed in one transaction, then the
 * time until the county's figure shows it (0 extra reads expected: the deltas are read with the totals).
 *
 * PGlite by default; PostgreSQL with OHP_BENCH_DB=postgresql under scripts/with-postgres.sh.
 * Usage: npm run bench:indicators [-- --rows N] [--quick] [--iterations N]
 *        npm run bench:indicators:pg -- --rows 5000000
 * Last line: JSON {"rows","p50_ms","p95_ms","groupby_p50_ms","speedup","freshness_ms", …}.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import { seedDemoProvince } from '../apps/server/src/demo/seed.js';
import { attachAuditTrail } from '../apps/server/src/platform/audit.js';
import { openPglite, openPostgres, type Database } from '../apps/server/src/platform/db.js';
import { migrate } from '../apps/server/src/platform/migrate.js';
import { syncBuiltInRoles } from '../apps/server/src/server.js';
import type { DB } from '../apps/server/src/platform/db-types.js';
import {
  factCounts,
  mergeDeltas,
  summaryCounts,
  type CountQuery,
} from '../apps/server/src/modules/indicator-summaries/index.js';

const usePg = process.env.OHP_BENCH_DB === 'postgresql';
const argOf = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const rows = Number(argOf('rows')) || (quick ? 20_000 : usePg ? 5_000_000 : 500_000);
const iterations = Number(argOf('iterations')) || (quick ? 10 : 50);
const groupByIterations = Math.max(3, Math.min(10, Math.floor(iterations / 5)));

const open = async (): Promise<Database> => {
  if (!usePg) return openPglite(null);
  const admin = new pg.Client({ connectionString: process.env.OHP_TEST_DATABASE_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS ohp_bench_indicators');
  await admin.query('CREATE DATABASE ohp_bench_indicators');
  await admin.end();
  const url = new URL(process.env.OHP_TEST_DATABASE_URL!);
  url.pathname = '/ohp_bench_indicators';
  return openPostgres(url.toString());
};

const quantiles = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: q(0.5), p95: q(0.95) };
};
const sample = async (n: number, fn: () => Promise<unknown>) => {
  for (let i = 0; i < 2; i++) await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
};

const main = async () => {
  const database = await open();
  await migrate(database);
  await syncBuiltInRoles(database);
  await attachAuditTrail(database, { key: randomBytes(32), checkpointFile: null });
  const db = database.db;
  let t0 = performance.now();
  const seeded = await seedDemoProvince(db, { scale: quick ? 'small' : 'province', password: 'Bench#2026x' });
  const seedSeconds = (performance.now() - t0) / 1000;

  // Bench data only (set-based): the employers with their county, three institutions per county, a
  // thousand workers (the cards' worker does not matter to the figures).
  await sql`CREATE TABLE bench_employer AS
              SELECT row_number() OVER (ORDER BY organisation_id) - 1 AS i, organisation_id, credit_code, name,
                     left(region_code, 6) AS county
                FROM organisation WHERE kind = 'employer' AND length(region_code) >= 6`.execute(db);
  await sql`CREATE TABLE bench_institution AS
              SELECT row_number() OVER (ORDER BY organisation_id) - 1 AS i, organisation_id
                FROM organisation WHERE kind = 'exam_institution'`.execute(db);
  await sql`INSERT INTO worker (id_type_code, id_hash, id_number_enc, name_enc, id_masked, name_masked, gender_code, birth_date)
            SELECT '01', encode(sha256(('bench-worker-' || g)::bytea), 'hex'), 'bench', 'bench', '2201**********0000',
                   '张*', '1', date '1980-01-01' + g
              FROM generate_series(1, 1000) AS g`.execute(db);
  const counts = await sql<{ e: string; i: string; w: string; wmin: string }>`
    SELECT (SELECT count(*) FROM bench_employer) AS e, (SELECT count(*) FROM bench_institution) AS i,
           (SELECT count(*) FROM worker) AS w, (SELECT min(worker_id) FROM worker) AS wmin`.execute(db);
  const employers = Number(counts.rows[0]!.e);
  const institutions = Number(counts.rows[0]!.i);
  const workerMin = Number(counts.rows[0]!.wmin);
  const insertChunk = (from: number, to: number, on: Kysely<DB> | Transaction<DB> = db) =>
    sql`INSERT INTO exam_card (institution_id, record_id, content_hash, worker_id, employer_id, employer_credit_code,
                               employer_name, employing_credit_code, employing_name, region_code, exam_date,
                               exam_type_code, monitoring_type_code, work_type_code, contact_factor_codes,
                               has_suspected, report_date, card, source, created_at)
        SELECT inst.organisation_id, 'b' || g, 'bench', ${workerMin}::bigint + g % 1000, e.organisation_id,
               e.credit_code, e.name, e.credit_code, e.name, e.county,
               date '2025-01-01' + (g * 7919 % 730)::int,
               '0' || (1 + g % 5)::text, '01', '00-10', '{1038}', g % 97 = 0,
               date '2025-01-01' + (g * 7919 % 730)::int + (g % 5)::int,
               '{}'::jsonb, 'cli',
               (date '2025-01-01' + (g * 7919 % 730)::int + (g % 25)::int)::timestamp AT TIME ZONE 'Asia/Shanghai'
          FROM generate_series(${from}::bigint, ${to}::bigint) AS g
          JOIN bench_employer e ON e.i = g * 31 % ${employers}
          JOIN bench_institution inst
            ON inst.i = (abs(hashtext(e.county)) + g % 3) % ${institutions}`.execute(on);

  // The trigger cost: the first chunk with the user triggers disabled (its counts then written by the
  // migration's backfill statement, so the summaries stay exact — a DELETE of the chunk would pay the
  // foreign-key checks of exam_card's unindexed self-reference), the second with them on.
  // Chunks of at most 250,000 rows; at least two, so that one is measured with and one without.
  const CHUNK = Math.min(250_000, Math.ceil(rows / 2));
  const probe = CHUNK;
  // Without the user triggers, the keys (exam_card_key, migration 0048: the card's identity, which its
  // statement trigger writes) are added after the timed insert, in the same transaction (the card's
  // deferred foreign key to its key is checked at commit). The ratio is the cost of both triggers.
  await sql`ALTER TABLE exam_card DISABLE TRIGGER USER`.execute(db);
  let offSeconds = 0;
  await db.transaction().execute(async (trx) => {
    t0 = performance.now();
    await insertChunk(1, probe, trx);
    offSeconds = (performance.now() - t0) / 1000;
    await sql`INSERT INTO exam_card_key (exam_card_id, institution_id, record_id)
              SELECT exam_card_id, institution_id, record_id FROM exam_card
              ON CONFLICT (exam_card_id) DO NOTHING`.execute(trx);
  });
  await sql`ALTER TABLE exam_card ENABLE TRIGGER USER`.execute(db);
  // Both levels: the detail (0045) and the rollup (0047) of the chunk's keys.
  await sql`WITH k AS (
              SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, count(*) AS n
                FROM exam_card r
               CROSS JOIN LATERAL indicator_exam_card_keys(r.region_code, r.exam_date, r.institution_id,
                                    r.exam_type_code, r.created_at, r.report_date, r.has_suspected) k
               GROUP BY 1, 2, 3, 4, 5),
            detail AS (
              INSERT INTO indicator_count AS c (measure, region_code, month, institution_id, dim, n)
              SELECT * FROM k
              ON CONFLICT (measure, region_code, month, institution_id, dim) DO UPDATE SET n = c.n + excluded.n)
            INSERT INTO indicator_rollup AS c (measure, region_code, month, n)
            SELECT measure, region_code, month, sum(n) FROM k GROUP BY 1, 2, 3
            ON CONFLICT (measure, region_code, month) DO UPDATE SET n = c.n + excluded.n`.execute(db);

  // The other facts, with the triggers on.
  t0 = performance.now();
  let onFirstChunk = 0;
  let onRows = 0;
  for (let from = probe + 1; from <= rows; from += CHUNK) {
    const c0 = performance.now();
    const to = Math.min(rows, from + CHUNK - 1);
    await insertChunk(from, to);
    if (from === probe + 1) {
      onFirstChunk = (performance.now() - c0) / 1000;
      onRows = to - from + 1;
    }
  }
  const buildSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const merged = await mergeDeltas(db);
  const mergeSeconds = (performance.now() - t0) / 1000;
  await sql`ANALYZE`.execute(db);
  const keys = await sql<{ n: string; r: string }>`
    SELECT (SELECT count(*) FROM indicator_count) AS n, (SELECT count(*) FROM indicator_rollup) AS r`.execute(
    db,
  );
  const triggerRatio = onRows ? onFirstChunk / onRows / (offSeconds / probe) : NaN;
  console.log(
    `database ${database.kind}; ${seeded.organisations} organisations (${employers} employers, ${institutions} exam institutions) seeded in ${seedSeconds.toFixed(1)} s`,
  );
  console.log(
    `${rows} exam cards: ${probe} without the summary triggers in ${offSeconds.toFixed(1)} s (${Math.round(probe / offSeconds)} rows/s), ` +
      `${rows - probe} with them in ${buildSeconds.toFixed(1)} s (${Math.round((rows - probe) / buildSeconds)} rows/s); ` +
      `trigger cost per row ×${triggerRatio.toFixed(2)} (chunk of ${onRows} with vs ${probe} without)`,
  );
  console.log(
    `merge of ${merged.deltas} delta rows into ${merged.keys} keys: ${mergeSeconds.toFixed(2)} s; indicator_count rows: ${keys.rows[0]!.n}, indicator_rollup rows: ${keys.rows[0]!.r}`,
  );

  // The overview: three measures by child region over the last 12 months of data.
  const overview = (regionPrefix: string): CountQuery => ({
    measures: ['exam.cards', 'exam.on_time', 'exam.suspected'],
    regionPrefix,
    groupBy: 'child',
    fromMonth: '2026-01-01',
    toMonth: '2027-01-01',
  });
  const scopes = [
    { label: 'province 22', prefix: '22' },
    { label: 'city 2201', prefix: '2201' },
    { label: 'county 220102', prefix: '220102' },
  ];
  const all: number[] = [];
  const allGroupBy: number[] = [];
  console.log(
    `\noverview (3 measures by child region, 12 months), ${iterations} / ${groupByIterations} iterations (ms)`,
  );
  console.log('scope              summary p50   p95    GROUP BY p50   speedup   same answer');
  for (const s of scopes) {
    const fast = await sample(iterations, () => summaryCounts(db, overview(s.prefix)));
    const slow = await sample(groupByIterations, () => factCounts(db, overview(s.prefix)));
    const same =
      JSON.stringify(await summaryCounts(db, overview(s.prefix))) ===
      JSON.stringify(await factCounts(db, overview(s.prefix)));
    all.push(...fast);
    allGroupBy.push(...slow);
    const f = quantiles(fast);
    const g = quantiles(slow);
    console.log(
      `${s.label.padEnd(18)} ${f.p50.toFixed(2).padStart(10)} ${f.p95.toFixed(2).padStart(7)} ${g.p50.toFixed(1).padStart(14)} ${(g.p50 / f.p50).toFixed(0).padStart(9)}×   ${same}`,
    );
  }

  // Freshness: a batch of 1,000 cards of the county committed in one transaction; then read until the
  // county's figure shows it.
  const before = (await summaryCounts(db, { ...overview('220102'), groupBy: 'total' })).find(
    (r) => r.measure === 'exam.cards',
  )?.n;
  await db.transaction().execute(async (trx) => {
    await sql`INSERT INTO exam_card (institution_id, record_id, content_hash, worker_id, employer_id, employer_credit_code,
                                     employer_name, employing_credit_code, employing_name, region_code, exam_date,
                                     exam_type_code, monitoring_type_code, work_type_code, contact_factor_codes,
                                     has_suspected, report_date, card, source)
              SELECT (SELECT organisation_id FROM bench_institution LIMIT 1), 'fresh' || g, 'bench', ${workerMin}::bigint,
                     e.organisation_id, e.credit_code, e.name, e.credit_code, e.name, '220102', date '2026-06-15', '02',
                     '01', '00-10', '{1038}', false, date '2026-06-16', '{}'::jsonb, 'cli'
                FROM generate_series(1, 1000) AS g, (SELECT * FROM bench_employer LIMIT 1) AS e`.execute(trx);
  });
  const committed = performance.now();
  let reads = 0;
  for (;;) {
    reads++;
    const now = (await summaryCounts(db, { ...overview('220102'), groupBy: 'total' })).find(
      (r) => r.measure === 'exam.cards',
    )?.n;
    if (now === (before ?? 0) + 1000) break;
    if (performance.now() - committed > 120_000)
      throw new Error('the figure did not change within 2 minutes');
  }
  const freshnessMs = performance.now() - committed;
  console.log(
    `\nfreshness: the county's figure showed a committed batch of 1,000 cards after ${freshnessMs.toFixed(1)} ms (${reads} read${reads > 1 ? 's' : ''}; 1 = visible at commit, no merge needed)`,
  );

  const a = quantiles(all);
  const g = quantiles(allGroupBy);
  const result = {
    db: database.kind,
    rows,
    p50_ms: Number(a.p50.toFixed(2)),
    p95_ms: Number(a.p95.toFixed(2)),
    groupby_p50_ms: Number(g.p50.toFixed(1)),
    speedup: Number((g.p50 / a.p50).toFixed(1)),
    freshness_ms: Number(freshnessMs.toFixed(1)),
    fresh_at_commit: reads === 1,
    build_s: Number(buildSeconds.toFixed(1)),
    trigger_cost_ratio: Number(triggerRatio.toFixed(2)),
    summary_keys: Number(keys.rows[0]!.n),
    rollup_keys: Number(keys.rows[0]!.r),
  };
  await database.close();
  console.log(JSON.stringify(result));
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
