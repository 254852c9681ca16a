/**
 * All SQL of the indicator summaries (migration 0045_indicator_summaries.sql): the reads over
 * indicator_count ∪ indicator_delta, the same figures recounted from the facts, the merge of the deltas
 * and the verifier's full comparison. The key of a fact is computed in SQL by the migration's
 * indicator_*_keys functions, the same ones the triggers use, so the recount and the triggers cannot
 * disagree on what a fact counts under — only on whether every write was counted, which is what the
 * verifier checks.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';

export type Db = Kysely<DB> | Transaction<DB>;

export type GroupBy = 'total' | 'child' | 'institution' | 'month';

export type CountQuery = {
  measures: string[];
  /** '' = national, else a 2, 4 or 6 digit region code prefix. */
  regionPrefix: string;
  groupBy: GroupBy;
  /** 'YYYY-MM-01', inclusive. */
  fromMonth: string;
  /** 'YYYY-MM-01', exclusive. */
  toMonth: string;
  dims?: string[];
};

export type CountRow = { measure: string; key: string; n: number };

export type SummaryKey = {
  measure: string;
  region_code: string;
  month: string;
  institution_id: number;
  dim: string;
};

/**
 * A key where the summaries and the facts disagree: level 'detail' = indicator_count (+ deltas),
 * 'rollup' = indicator_rollup (+ deltas), whose keys have institution_id 0 and dim ''.
 */
export type DriftRow = SummaryKey & { level: 'detail' | 'rollup'; expected: number; kept: number };

/** The fact tables, the measures each one feeds, and the SQL that yields its rows' keys. */
const FACTS = [
  {
    table: 'exam_card',
    region: 'region_code',
    prefix: 'exam.',
    date: 'exam_date',
    keys: sql`indicator_exam_card_keys(f.region_code, f.exam_date, f.institution_id, f.exam_type_code,
                f.created_at, f.report_date, f.has_suspected)`,
  },
  {
    table: 'suspected_case',
    region: 'region_code',
    prefix: 'suspected.',
    date: 'found_on',
    keys: sql`indicator_suspected_case_keys(f.region_code, f.found_on, f.institution_id, f.status, f.outcome_on)`,
  },
  {
    table: 'diagnosis_report',
    region: 'region_code',
    prefix: 'diagnosis.',
    date: 'diagnosis_date',
    keys: sql`indicator_diagnosis_report_keys(f.region_code, f.diagnosis_date, f.institution_id, f.conclusion,
                f.report_date)`,
  },
  {
    table: 'deadline',
    region: 'regulator_region_code',
    prefix: 'deadline.',
    date: 'due_on',
    keys: sql`indicator_deadline_keys(f.regulator_region_code, f.kind, f.due_on, f.done_at)`,
  },
] as const;

export const MEASURES = [
  'exam.cards',
  'exam.on_time',
  'exam.suspected',
  'suspected.found',
  'suspected.resolved',
  'suspected.resolved_90d',
  'diagnosis.reports',
  'diagnosis.on_time',
  'exam.workers',
  'deadline.open',
] as const;

/**
 * exam.workers recounted from the cards: distinct workers of pre-employment and in-service exams per
 * county, employer (registered id, else credit code) and year, at January of the year, institution 0.
 */
const WORKERS_FROM_FACTS = sql`
  SELECT 'exam.workers'::text AS measure, region_code, make_date(extract(year FROM exam_date)::int, 1, 1) AS month,
         0 AS institution_id, coalesce(employer_id::text, employer_credit_code) AS dim,
         count(DISTINCT worker_id)::bigint AS n
    FROM exam_card WHERE exam_type_code IN ('01', '02')
   GROUP BY 2, 3, 5`;

/**
 * The facts' keys with their counts — (measure, region_code, month, institution_id, dim, n) — for the
 * measures asked; `where(table's date column)` narrows the per-row facts (region, period), `after`
 * narrows the pre-aggregated ones.
 */
const factRows = (
  measures: readonly string[],
  where: (date: string, region: string) => RawBuilder<unknown> = () => sql`true`,
  after: RawBuilder<unknown> = sql`true`,
): RawBuilder<unknown>[] => {
  const parts = FACTS.filter((f) => measures.some((m) => m.startsWith(f.prefix) && m !== 'exam.workers')).map(
    (f) => sql`SELECT k.measure, k.region_code, k.month, k.institution_id, k.dim, 1::bigint AS n
                 FROM ${sql.table(f.table)} AS f CROSS JOIN LATERAL ${f.keys} AS k
                WHERE ${where(`f.${f.date}`, `f.${f.region}`)}`,
  );
  if (measures.includes('exam.workers'))
    parts.push(sql`SELECT * FROM (${WORKERS_FROM_FACTS}) AS w WHERE ${after}`);
  return parts;
};

/**
 * `left(<col>, n) = prefix` written with a literal n, so that it is the expression of the city and
 * province indexes (the scope helper's pattern, 0007); a county is an equality on the column.
 */
const regionWhere = (col: string, prefix: string): RawBuilder<unknown> => {
  if (!/^(\d{2}|\d{4}|\d{6})?$/.test(prefix)) throw new Error(`bad region prefix ${prefix}`);
  if (prefix === '') return sql`true`;
  if (prefix.length === 6) return sql`${sql.ref(col)} = ${prefix}`;
  return sql`left(${sql.ref(col)}, ${sql.lit(prefix.length)}) = ${prefix}`;
};

/** The answer's key: '' (total), the next region level, the institution, or 'YYYY-MM'. */
const keyOf = (q: CountQuery, region: string, month: string, institution: string): RawBuilder<string> => {
  switch (q.groupBy) {
    case 'total':
      return sql<string>`''`;
    case 'child': {
      const len = q.regionPrefix.length === 6 ? 6 : q.regionPrefix.length + 2;
      return sql<string>`left(${sql.ref(region)}, ${sql.lit(len)})`;
    }
    case 'institution':
      return sql<string>`${sql.ref(institution)}::text`;
    case 'month':
      return sql<string>`to_char(${sql.ref(month)}, 'YYYY-MM')`;
  }
};

const monthRe = /^\d{4}-\d{2}-01$/;
const checkQuery = (q: CountQuery) => {
  if (!monthRe.test(q.fromMonth) || !monthRe.test(q.toMonth))
    throw new Error(`months must be YYYY-MM-01: ${q.fromMonth} ${q.toMonth}`);
  if (!['total', 'child', 'institution', 'month'].includes(q.groupBy))
    throw new Error(`bad groupBy ${q.groupBy}`);
};

const rowsOf = (rows: Array<{ measure: string; key: string; n: number | string }>): CountRow[] =>
  rows.map((r) => ({ measure: r.measure, key: r.key, n: Number(r.n) }));

/**
 * Whether a question is answered from the coarse level (indicator_rollup, migration 0047: measure,
 * county, month): it groups by total, region or month and filters on no dim.
 */
export const readsRollup = (q: CountQuery): boolean => !q.dims && q.groupBy !== 'institution';

/**
 * The figures from the summaries: one statement over the kept totals ∪ indicator_delta (one snapshot) —
 * the totals of indicator_rollup when the question needs neither institution nor dim, else of
 * indicator_count.
 */
export const summaryCounts = async (db: Db, q: CountQuery): Promise<CountRow[]> => {
  checkQuery(q);
  if (!q.measures.length) return [];
  const where = (extra: RawBuilder<unknown>) => sql`measure = ANY(${q.measures}::text[])
       AND ${extra} AND month >= ${q.fromMonth}::date AND month < ${q.toMonth}::date
       ${q.dims ? sql`AND dim = ANY(${q.dims}::text[])` : sql``}`;
  const region = regionWhere('region_code', q.regionPrefix);
  const kept = readsRollup(q)
    ? sql`SELECT measure, region_code, month, 0 AS institution_id, n FROM indicator_rollup WHERE ${where(region)}`
    : sql`SELECT measure, region_code, month, institution_id, n FROM indicator_count WHERE ${where(region)}`;
  const r = await sql<{ measure: string; key: string; n: string }>`
    SELECT x.measure, ${keyOf(q, 'x.region_code', 'x.month', 'x.institution_id')} AS key, sum(x.n)::bigint AS n
      FROM (${kept}
            UNION ALL
            SELECT measure, region_code, month, institution_id, d FROM indicator_delta
             WHERE ${where(region)}) AS x
     GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2`.execute(db);
  return rowsOf(r.rows);
};

/** The same figures counted from the fact tables by GROUP BY (the verifier's and the bench's baseline). */
export const factCounts = async (db: Db, q: CountQuery): Promise<CountRow[]> => {
  checkQuery(q);
  const parts = factRows(
    q.measures,
    (date, region) => sql`${regionWhere(region, q.regionPrefix)}
                  AND ${sql.ref(date)} >= ${q.fromMonth}::date AND ${sql.ref(date)} < ${q.toMonth}::date`,
    sql`${regionWhere('w.region_code', q.regionPrefix)}
        AND w.month >= ${q.fromMonth}::date AND w.month < ${q.toMonth}::date`,
  );
  if (!parts.length) return [];
  const r = await sql<{ measure: string; key: string; n: string }>`
    SELECT x.measure, ${keyOf(q, 'x.region_code', 'x.month', 'x.institution_id')} AS key, sum(x.n)::bigint AS n
      FROM (${sql.join(parts, sql` UNION ALL `)}) AS x
     WHERE x.measure = ANY(${q.measures}::text[])
       ${q.dims ? sql`AND x.dim = ANY(${q.dims}::text[])` : sql``}
     GROUP BY 1, 2 HAVING sum(x.n) <> 0 ORDER BY 1, 2`.execute(db);
  return rowsOf(r.rows);
};

/**
 * Folds the committed deltas into the totals in one statement: the deltas this transaction can see are
 * deleted and their sums added to indicator_count and to indicator_rollup (the same sums without
 * institution and dim), each in key order (two merges lock total rows in the same order; a second
 * merge waiting on a deleted delta skips it). Deltas of writers not yet committed are not seen and are
 * merged next time. Returns the number of delta rows merged and of detail keys touched.
 */
export const mergeDeltaRows = async (db: Db): Promise<{ deltas: number; keys: number }> => {
  const r = await sql<{ deltas: string; keys: string }>`
    WITH gone AS (
      DELETE FROM indicator_delta
       RETURNING measure, region_code, month, institution_id, dim, d),
    summed AS (
      SELECT measure, region_code, month, institution_id, dim, sum(d)::bigint AS d, count(*) AS rows
        FROM gone GROUP BY 1, 2, 3, 4, 5),
    merged AS (
      INSERT INTO indicator_count AS c (measure, region_code, month, institution_id, dim, n)
      SELECT measure, region_code, month, institution_id, dim, d FROM summed
       ORDER BY measure, region_code, month, institution_id, dim
      ON CONFLICT (measure, region_code, month, institution_id, dim) DO UPDATE SET n = c.n + excluded.n
      RETURNING 1),
    rolled AS (
      INSERT INTO indicator_rollup AS c (measure, region_code, month, n)
      SELECT measure, region_code, month, sum(d)::bigint FROM summed
       GROUP BY 1, 2, 3
       ORDER BY 1, 2, 3
      ON CONFLICT (measure, region_code, month) DO UPDATE SET n = c.n + excluded.n)
    -- (a data-modifying WITH runs to completion whether or not the outer query reads it)
    SELECT coalesce((SELECT sum(rows) FROM summed), 0)::bigint AS deltas,
           (SELECT count(*) FROM merged)::bigint AS keys`.execute(db);
  return { deltas: Number(r.rows[0]!.deltas), keys: Number(r.rows[0]!.keys) };
};

/** Drops the totals that came back to zero (after the deletion of every fact of a key). */
export const dropZeroCounts = async (db: Db): Promise<number> => {
  const r = await sql`DELETE FROM indicator_count WHERE n = 0`.execute(db);
  await sql`DELETE FROM indicator_rollup WHERE n = 0`.execute(db);
  // Reference counts back at 0 (a row at 0 and no row mean the same to the triggers).
  await sql`DELETE FROM exam_worker_year WHERE cards = 0`.execute(db);
  return Number(r.numAffectedRows ?? 0);
};

/**
 * The keys of `measures` kept vs recounted from the facts, where they differ, at both levels: detail
 * (indicator_count ∪ delta) and rollup (indicator_rollup ∪ delta, the facts' counts summed over
 * institution and dim). One statement: one recount of the facts for both.
 */
export const driftRows = async (db: Db, measures: readonly string[]): Promise<DriftRow[]> => {
  const parts = factRows(measures);
  if (!parts.length) return [];
  const r = await sql<DriftRow & { expected: string; kept: string }>`
    WITH expected AS MATERIALIZED (
      SELECT measure, region_code, month, institution_id, dim, sum(n)::bigint AS n
        FROM (${sql.join(parts, sql` UNION ALL `)}) AS x
       WHERE measure = ANY(${measures}::text[])
       GROUP BY 1, 2, 3, 4, 5),
    deltas AS MATERIALIZED (
      SELECT measure, region_code, month, institution_id, dim, d FROM indicator_delta
       WHERE measure = ANY(${measures}::text[])),
    kept AS (
      SELECT measure, region_code, month, institution_id, dim, sum(n)::bigint AS n
        FROM (SELECT measure, region_code, month, institution_id, dim, n FROM indicator_count
               WHERE measure = ANY(${measures}::text[])
              UNION ALL
              SELECT * FROM deltas) AS k
       GROUP BY 1, 2, 3, 4, 5),
    expected_r AS (
      SELECT measure, region_code, month, sum(n)::bigint AS n FROM expected GROUP BY 1, 2, 3),
    kept_r AS (
      SELECT measure, region_code, month, sum(n)::bigint AS n
        FROM (SELECT measure, region_code, month, n FROM indicator_rollup
               WHERE measure = ANY(${measures}::text[])
              UNION ALL
              SELECT measure, region_code, month, d FROM deltas) AS k
       GROUP BY 1, 2, 3)
    SELECT * FROM (
      SELECT 'detail' AS level, coalesce(e.measure, k.measure) AS measure,
             coalesce(e.region_code, k.region_code) AS region_code,
             to_char(coalesce(e.month, k.month), 'YYYY-MM-DD') AS month,
             coalesce(e.institution_id, k.institution_id) AS institution_id, coalesce(e.dim, k.dim) AS dim,
             coalesce(e.n, 0) AS expected, coalesce(k.n, 0) AS kept
        FROM expected e
        FULL JOIN kept k USING (measure, region_code, month, institution_id, dim)
       WHERE coalesce(e.n, 0) <> coalesce(k.n, 0)
      UNION ALL
      SELECT 'rollup', coalesce(e.measure, k.measure), coalesce(e.region_code, k.region_code),
             to_char(coalesce(e.month, k.month), 'YYYY-MM-DD'), 0, '', coalesce(e.n, 0), coalesce(k.n, 0)
        FROM expected_r e
        FULL JOIN kept_r k USING (measure, region_code, month)
       WHERE coalesce(e.n, 0) <> coalesce(k.n, 0)) AS d
     ORDER BY level, measure, region_code, month, institution_id, dim`.execute(db);
  return r.rows.map((x) => ({
    level: x.level,
    measure: x.measure,
    region_code: x.region_code,
    month: x.month,
    institution_id: Number(x.institution_id),
    dim: x.dim,
    expected: Number(x.expected),
    kept: Number(x.kept),
  }));
};

/**
 * Repair (a maintenance action): holds off the facts' writers (SHARE: a writer in progress is waited
 * for, new ones wait for this commit) and the merge, then rebuilds the measures from the facts.
 */
export const rebuildMeasures = async (trx: Transaction<DB>, measures: readonly string[]): Promise<void> => {
  const facts = FACTS.filter((f) => measures.some((m) => m.startsWith(f.prefix)));
  for (const f of facts) await sql`LOCK TABLE ${sql.table(f.table)} IN SHARE MODE`.execute(trx);
  await sql`LOCK TABLE indicator_count, indicator_rollup, indicator_delta, exam_worker_year
             IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  await sql`DELETE FROM indicator_delta WHERE measure = ANY(${measures}::text[])`.execute(trx);
  await sql`DELETE FROM indicator_count WHERE measure = ANY(${measures}::text[])`.execute(trx);
  await sql`DELETE FROM indicator_rollup WHERE measure = ANY(${measures}::text[])`.execute(trx);
  if (measures.includes('exam.workers')) {
    await sql`DELETE FROM exam_worker_year`.execute(trx);
    await sql`
      INSERT INTO exam_worker_year (region_code, employer_key, year, worker_id, cards)
      SELECT region_code, coalesce(employer_id::text, employer_credit_code), extract(year FROM exam_date)::smallint,
             worker_id, count(*)
        FROM exam_card WHERE exam_type_code IN ('01', '02')
       GROUP BY 1, 2, 3, 4`.execute(trx);
  }
  const parts = factRows(measures);
  if (parts.length)
    await sql`
      INSERT INTO indicator_count (measure, region_code, month, institution_id, dim, n)
      SELECT measure, region_code, month, institution_id, dim, sum(n)
        FROM (${sql.join(parts, sql` UNION ALL `)}) AS x
       WHERE measure = ANY(${measures}::text[])
       GROUP BY 1, 2, 3, 4, 5`.execute(trx);
  await sql`
    INSERT INTO indicator_rollup (measure, region_code, month, n)
    SELECT measure, region_code, month, sum(n) FROM indicator_count
     WHERE measure = ANY(${measures}::text[])
     GROUP BY 1, 2, 3 HAVING sum(n) <> 0`.execute(trx);
};

export const insertVerification = async (
  db: Db,
  v: { repaired: boolean; totalAbsDrift: number; result: unknown },
): Promise<{ id: number; at: Date }> => {
  const row = await db
    .insertInto('indicator_verification')
    .values({ repaired: v.repaired, total_abs_drift: v.totalAbsDrift, result: JSON.stringify(v.result) })
    .returning(['indicator_verification_id', 'at'])
    .executeTakeFirstOrThrow();
  return { id: Number(row.indicator_verification_id), at: row.at };
};

export const latestVerifications = async (db: Db, limit: number) =>
  db
    .selectFrom('indicator_verification')
    .select(['indicator_verification_id', 'at', 'repaired', 'total_abs_drift', 'result'])
    .orderBy('at', 'desc')
    .orderBy('indicator_verification_id', 'desc')
    .limit(limit)
    .execute();

/** Whether any delta waits to be merged (the scheduler queues no merge job otherwise). */
export const hasDeltas = async (db: Db): Promise<boolean> =>
  Boolean(await db.selectFrom('indicator_delta').select('delta_id').limit(1).executeTakeFirst());

export type OpenClockQuery = {
  /** '' = national, else a 2, 4 or 6 digit region code prefix of the regulator region. */
  regionPrefix: string;
  groupBy: 'total' | 'child';
  /** The day the states are taken at ('YYYY-MM-DD', China). */
  asOf: string;
  /** Due soon = asOf ≤ due_on ≤ asOf + soonDays. */
  soonDays: number;
  kinds?: string[];
};
export type OpenClockRow = { key: string; kind: string; open: number; overdue: number; dueSoon: number };

/**
 * The grouping key and region filter of a clock query: a regulator region is 2–9 digits; a child is
 * the next level (a county's townships fold into the county).
 */
const clockKeyAndRegion = (q: OpenClockQuery, col: string) => {
  if (!/^(\d{2}|\d{4}|\d{6})?$/.test(q.regionPrefix)) throw new Error(`bad region prefix ${q.regionPrefix}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(q.asOf) || !Number.isInteger(q.soonDays) || q.soonDays < 0)
    throw new Error(`bad asOf / soonDays: ${q.asOf} ${q.soonDays}`);
  const len = Math.min(q.regionPrefix.length + 2, 6);
  return {
    key: q.groupBy === 'total' ? sql<string>`''` : sql<string>`left(${sql.ref(col)}, ${sql.lit(len)})`,
    region:
      q.regionPrefix === ''
        ? sql`true`
        : sql`left(${sql.ref(col)}, ${sql.lit(q.regionPrefix.length)}) = ${q.regionPrefix}`,
  };
};

/** Open clocks per child region (or total) and kind: all open, overdue and due soon on `asOf`. */
export const openClockCounts = async (db: Db, q: OpenClockQuery): Promise<OpenClockRow[]> => {
  const { key, region } = clockKeyAndRegion(q, 'region_code');
  const kinds = q.kinds ? sql`AND dim = ANY(${q.kinds}::text[])` : sql``;
  const r = await sql<{ key: string; kind: string; open: string; overdue: string; due_soon: string }>`
    SELECT ${key} AS key, dim AS kind, sum(n)::bigint AS open,
           coalesce(sum(n) FILTER (WHERE month < ${q.asOf}::date), 0)::bigint AS overdue,
           coalesce(sum(n) FILTER (WHERE month >= ${q.asOf}::date
                                     AND month <= ${q.asOf}::date + ${q.soonDays}::int), 0)::bigint AS due_soon
      FROM (SELECT region_code, month, dim, n FROM indicator_count
             WHERE measure = 'deadline.open' AND ${region} ${kinds}
            UNION ALL
            SELECT region_code, month, dim, d FROM indicator_delta
             WHERE measure = 'deadline.open' AND ${region} ${kinds}) AS x
     GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`.execute(db);
  return r.rows.map((x) => ({
    key: x.key,
    kind: x.kind,
    open: Number(x.open),
    overdue: Number(x.overdue),
    dueSoon: Number(x.due_soon),
  }));
};

/** Open clocks recounted from the deadline table (tests). */
export const openClocksFromFacts = async (db: Db, q: OpenClockQuery): Promise<OpenClockRow[]> => {
  const { key, region } = clockKeyAndRegion(q, 'regulator_region_code');
  const r = await sql<{ key: string; kind: string; open: string; overdue: string; due_soon: string }>`
    SELECT ${key} AS key, kind, count(*)::bigint AS open,
           count(*) FILTER (WHERE due_on < ${q.asOf}::date)::bigint AS overdue,
           count(*) FILTER (WHERE due_on >= ${q.asOf}::date AND due_on <= ${q.asOf}::date + ${q.soonDays}::int)::bigint AS due_soon
      FROM deadline
     WHERE done_at IS NULL AND ${region} ${q.kinds ? sql`AND kind = ANY(${q.kinds}::text[])` : sql``}
     GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return r.rows.map((x) => ({
    key: x.key,
    kind: x.kind,
    open: Number(x.open),
    overdue: Number(x.overdue),
    dueSoon: Number(x.due_soon),
  }));
};
