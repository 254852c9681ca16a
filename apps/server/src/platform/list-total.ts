/**
 * The total under a list page (docs/PERFORMANCE.md, Lists). An exact `count(*)` reads every match, so
 * on every page it costs as much as the user's scope is large. Here a list counts its matches only up to
 * a limit (`OHP_LIST_EXACT_COUNT_LIMIT`, config.listExactCountLimit): up to it the total is exact; above
 * it the answer is the planner's estimate of the matches (never below limit + 1) marked approximate
 * (`totalExact: false`), and the user can ask for the exact count (`exactTotal=true`). A list that can
 * know its total cheaply (a count table, the audit trail's sequence) answers it exactly instead.
 */
import { sql, type QueryExecutorProvider, type SelectQueryBuilder } from 'kysely';

export type ListTotal = { total: number; totalExact: boolean };

export type TotalOptions = {
  /** Up to this many matches are counted exactly. */
  limit: number;
  /** Count every match, however many (the user asked for it). */
  exact?: boolean;
};

/** What the query would select, as one constant column (the count does not need the rows). */
const ones = <DB, TB extends keyof DB, O>(matches: SelectQueryBuilder<DB, TB, O>) =>
  matches.clearSelect().select(sql<number>`1`.as('one'));

/** The planner's estimate of how many rows the query returns (EXPLAIN, not run). */
export const plannedRows = async <DB, TB extends keyof DB, O>(
  matches: SelectQueryBuilder<DB, TB, O>,
): Promise<number> => {
  const [row] = await ones(matches).explain<{ 'QUERY PLAN': unknown }>('json');
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{
    Plan?: { 'Plan Rows'?: number };
  }>;
  return Math.round(plan[0]?.Plan?.['Plan Rows'] ?? 0);
};

/** Counts the rows `matches` selects: exactly up to `limit`, else an estimate marked approximate. */
export const countMatches = async <DB, TB extends keyof DB, O>(
  db: QueryExecutorProvider,
  matches: SelectQueryBuilder<DB, TB, O>,
  opts: TotalOptions,
): Promise<ListTotal> => {
  if (opts.exact) {
    const r = await sql<{ n: number }>`select count(*) as n from ${ones(matches)} as m`.execute(db);
    return { total: Number(r.rows[0]?.n ?? 0), totalExact: true };
  }
  // Stops reading at limit + 1 matches: the cost is bounded by the limit, not by the scope.
  const r = await sql<{
    n: number;
  }>`select count(*) as n from ${ones(matches).limit(opts.limit + 1)} as m`.execute(db);
  const n = Number(r.rows[0]?.n ?? 0);
  if (n <= opts.limit) return { total: n, totalExact: true };
  return { total: Math.max(opts.limit + 1, await plannedRows(matches)), totalExact: false };
};
