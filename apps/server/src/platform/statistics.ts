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
