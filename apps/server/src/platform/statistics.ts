/**
 * Planner statistics (issue 14 item 7). PGlite has no autovacuum, so a table that was never analysed
 * has no statistics and the planner guesses: on the province seed it combined the region index with the
 * 100,000-entry credit-code index on every organisation list (county page 14.6 ms → 4.2 ms after one
 * ANALYZE). The platform analyses after migrations, after the demo seed, after an import commits rows,
 * and periodically on PGlite (`OHP_PGLITE_ANALYZE_MINUTES`). On PostgreSQL autovacuum keeps them too;
 * the explicit calls only make fresh bulk data visible to the planner at once.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './db.js';
import type { DB } from './db-types.js';

/**
 * ANALYZE the given tables, or every table of the database. `statisticsTarget` samples fewer rows
 * (300 × target per table) for this run only.
 */
export const analyzeTables = async (
  db: Kysely<DB>,
  tables?: readonly (keyof DB)[],
  opts: { statisticsTarget?: number } = {},
): Promise<void> => {
  if (tables && !tables.length) return;
  const analyze = sql`ANALYZE ${sql.raw(tables ? tables.map((t) => `"${t}"`).join(', ') : '')}`;
  const target = opts.statisticsTarget;
  if (target === undefined) {
    await analyze.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('default_statistics_target', ${String(Math.trunc(target))}, true)`.execute(
      trx,
    );
    await analyze.execute(trx);
  });
};

/** Share of a table's rows a batch must have written before the batch analyses it again. */
export const GROWTH_TO_ANALYZE = 0.1;

/**
 * ANALYZE those of `tables` that changed noticeably since their statistics were taken: never analysed,
 * grown on disk by a tenth (pg_relation_size against pg_class.relpages — rows added by any means), or
 * `written` rows ≥ a tenth of the rows the statistics know (pg_class.reltuples; updates in place do
 * not grow the file). A 10,000-card batch into a table of a million cards leaves the statistics alone —
 * an ANALYZE per batch cost 0.2–0.9 s on PostgreSQL and held PGlite's one connection meanwhile — while
 * the first batches into a new table analyse it. Returns the tables analysed.
 */
export const analyzeGrown = async (
  db: Kysely<DB>,
  tables: readonly (keyof DB)[],
  written: number,
  opts: { statisticsTarget?: number } = {},
): Promise<string[]> => {
  if (!tables.length || written <= 0) return [];
  const known = await sql<{ relname: string; reltuples: number; relpages: number; pages: number }>`
    SELECT relname, reltuples::float8 AS reltuples, relpages::float8 AS relpages,
      (pg_relation_size(oid) / current_setting('block_size')::int)::float8 AS pages
    FROM pg_class
    WHERE relkind IN ('r', 'p') AND relnamespace = current_schema()::regnamespace
      AND relname = ANY(${sql.val(tables as string[])}::text[])`.execute(db);
  const rows = new Map(known.rows.map((r) => [r.relname, r]));
  const due = tables.filter((t) => {
    const r = rows.get(t);
    if (!r || r.reltuples <= 0 || r.relpages <= 0) return true;
    return (
      Number(r.pages) >= (1 + GROWTH_TO_ANALYZE) * Number(r.relpages) ||
      written >= GROWTH_TO_ANALYZE * Number(r.reltuples)
    );
  });
  await analyzeTables(db, due, opts);
  return due;
};

/**
 * ANALYZE the tables whose statistics are missing or stale: never analysed (reltuples −1), or grown on
 * disk by a tenth since (as analyzeGrown). What a PGlite server runs at start — PGlite has no
 * autovacuum — instead of analysing every table each time (1.2 s of CPU on the demo province when
 * nothing had changed). Returns the tables analysed.
 */
export const analyzeStale = async (db: Kysely<DB>): Promise<string[]> => {
  const known = await sql<{ relname: string; reltuples: number; relpages: number; pages: number }>`
    SELECT relname, reltuples::float8 AS reltuples, relpages::float8 AS relpages,
      (pg_relation_size(oid) / current_setting('block_size')::int)::float8 AS pages
    FROM pg_class
    WHERE relkind IN ('r', 'p') AND relnamespace = current_schema()::regnamespace`.execute(db);
  const due = known.rows
    .filter(
      (r) =>
        Number(r.reltuples) < 0 ||
        (Number(r.pages) > 0 && Number(r.pages) >= (1 + GROWTH_TO_ANALYZE) * Number(r.relpages)),
    )
    .map((r) => r.relname);
  await analyzeTables(db, due as (keyof DB)[]);
  return due;
};

/** Starts the periodic ANALYZE for PGlite; returns the function that stops it. */
export const scheduleAnalyze = (database: Database, minutes: number): (() => void) => {
  if (database.kind !== 'pglite' || minutes <= 0) return () => {};
  const timer = setInterval(() => {
    analyzeTables(database.db).catch(() => {
      // A failed ANALYZE (e.g. during shutdown) only means older statistics until the next run.
    });
  }, minutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
};
