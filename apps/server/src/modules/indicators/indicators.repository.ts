/**
 * All SQL of the indicators module: the definitions and targets, and the figures computed live from
 * the facts by GROUP BY (the QC plan, declared exposure, open clocks); the reporting counts come from the
 * indicator summaries (modules/indicator-summaries).
 * Every query is limited to the region resolved through the scope helper (`resolveRegion` →
 * `regionPrefixWhere`'s `left(column, n) = prefix`), grouped by the next level down and in total.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../platform/db-types.js';

type Db = Kysely<DB>;

export const definitionRows = (db: Db) =>
  db.selectFrom('indicator_definition').selectAll().orderBy('sort').orderBy('code').execute();

export const targetRows = (db: Db) =>
  db
    .selectFrom('indicator_target')
    .selectAll()
    .orderBy('indicator_code')
    .orderBy('province_code')
    .orderBy('due_on')
    .execute();

/** The measures the reporting indicators count (the names of the summary tables, issue 18 item 2). */
export const countMeasures = [
  'exam.cards',
  'exam.on_time',
  'suspected.found',
  'suspected.resolved',
  'diagnosis.reports',
  'diagnosis.on_time',
] as const;
export type CountMeasure = (typeof countMeasures)[number];
export type CountRow = { measure: CountMeasure; key: string; n: number };
export type CountArgs = {
  regionPrefix: string;
  groupBy: 'total' | 'child' | 'month';
  fromMonth: string;
  toMonth: string;
};

const prefixWhere = (column: RawBuilder<unknown>, prefix: string) =>
  prefix === '' ? sql`true` : sql`left(${column}, ${sql.lit(prefix.length)}) = ${prefix}`;

export type PairRow = { key: string; num: number; den: number };

/** child key of a region column under a prefix (the county itself at county level). */
const childOf = (prefix: string, column: RawBuilder<unknown>) =>
  prefix.length >= 6
    ? sql<string>`left(${column}, 6)`
    : sql<string>`left(${column}, ${sql.lit(prefix.length + 2)})`;

/**
 * QC coverage: routine entries of the province's plan of `year` (entries located in the region) and
 * those whose institution has a completed on-site assessment in the years [fromYear, year]. Per child
 * region and in total (key '').
 */
export const qcCoverageRows = async (
  db: Db,
  p: { regionPrefix: string; year: number; fromYear: number },
): Promise<PairRow[]> => {
  const child = childOf(p.regionPrefix, sql`e.region_code`);
  const { rows } = await sql<{ key: string | null; g: number; num: number; den: number }>`
    SELECT CASE WHEN GROUPING(${child}) = 0 THEN ${child} END AS key, GROUPING(${child}) AS g,
           count(*) AS den,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM qc_assessment a
              WHERE a.institution_id = e.institution_id AND a.mode = 'assessment' AND a.status = 'completed'
                AND a.year BETWEEN ${p.fromYear} AND ${p.year})) AS num
      FROM qc_plan_entry e JOIN qc_plan pl ON pl.qc_plan_id = e.qc_plan_id
     WHERE pl.province_code = ${p.regionPrefix.slice(0, 2)} AND pl.year = ${p.year} AND e.kind = 'routine'
       AND ${prefixWhere(sql`e.region_code`, p.regionPrefix)}
     GROUP BY GROUPING SETS ((${child}), ())`.execute(db);
  return rows
    .filter(
      (r) => Number(r.g) === 1 || (r.key !== null && r.key.length >= Math.min(6, p.regionPrefix.length + 2)),
    )
    .map((r) => ({
      key: Number(r.g) === 1 ? '' : (r.key as string),
      num: Number(r.num),
      den: Number(r.den),
    }));
};

/**
 * Exam coverage of exposed workers in [from, to): per declared employer of the region (latest accepted
 * declaration before `to`, not a cancellation, with a declared exposed count), the distinct workers with
 * a pre-employment (01) or periodic (02) exam card, at most the exposed count; summed per child region.
 */
export const exposedCoverageRows = async (
  db: Db,
  p: { regionPrefix: string; from: string; to: string },
): Promise<PairRow[]> => {
  const child = childOf(p.regionPrefix, sql`emp.region_code`);
  const { rows } = await sql<{ key: string | null; g: number; num: number; den: number }>`
    WITH emp AS (
      SELECT o.organisation_id, o.region_code, d.exposed_distinct AS exposed
        FROM organisation o
        JOIN LATERAL (
          SELECT x.exposed_distinct, x.declaration_type FROM declaration x
           WHERE x.employer_id = o.organisation_id AND x.status = 'accepted'
             AND x.accepted_at < ${p.to}::date
           ORDER BY x.accepted_at DESC LIMIT 1) d ON d.declaration_type <> 'cancel'
       WHERE o.kind = 'employer' AND ${prefixWhere(sql`o.region_code`, p.regionPrefix)}
         AND d.exposed_distinct > 0),
    ex AS (
      SELECT c.employer_id, count(DISTINCT c.worker_id) AS n
        FROM exam_card c
       WHERE c.employer_id IN (SELECT organisation_id FROM emp)
         AND c.exam_type_code IN ('01', '02')
         AND c.exam_date >= ${p.from}::date AND c.exam_date < ${p.to}::date
       GROUP BY c.employer_id)
    SELECT CASE WHEN GROUPING(${child}) = 0 THEN ${child} END AS key, GROUPING(${child}) AS g,
           sum(least(coalesce(ex.n, 0), emp.exposed)) AS num, sum(emp.exposed) AS den
      FROM emp LEFT JOIN ex ON ex.employer_id = emp.organisation_id
     GROUP BY GROUPING SETS ((${child}), ())`.execute(db);
  return rows.map((r) => ({
    key: Number(r.g) === 1 ? '' : (r.key as string),
    num: Number(r.num ?? 0),
    den: Number(r.den ?? 0),
  }));
};

/**
 * Demo only: the demo's cards were all stored at start-up, as if a year of reports arrived at once. Spread
 * their arrival as a year of operation would have: most a few days after the report date, about one in
 * thirteen late (16–35 days), never after now. Returns the cards moved.
 */
export const unsafeSpreadDemoCardArrivals = async (db: Db, today: string): Promise<number> => {
  const { numAffectedRows } = await sql`
    UPDATE exam_card c
       SET created_at = ((c.report_date + d.delay) + time '09:30') AT TIME ZONE 'Asia/Shanghai'
      FROM (SELECT exam_card_id,
                   CASE WHEN exam_card_id % 13 = 0 THEN 16 + (exam_card_id % 20)::integer
                        ELSE (exam_card_id % 9)::integer END AS delay
              FROM exam_card WHERE source = 'demo') d
     WHERE c.exam_card_id = d.exam_card_id
       AND c.report_date + d.delay < ${today}::date
       AND (c.created_at AT TIME ZONE 'Asia/Shanghai')::date > c.report_date + d.delay`.execute(db);
  return Number(numAffectedRows ?? 0);
};

export type TodoCountRow = {
  key: string | null;
  g: number;
  kind: string;
  overdue: number;
  due_soon: number;
  open: number;
  warned: number;
};

/**
 * Open clocks of the deadlines engine whose regulator lies in the region, per next-level region (a clock
 * of the region itself keeps the region's own code) and kind, and per kind in total (g = 1).
 */
export const openClockRows = async (
  db: Db,
  p: { regionPrefix: string; today: string; soon: string },
): Promise<TodoCountRow[]> => {
  const child = childOf(p.regionPrefix, sql`d.regulator_region_code`);
  const { rows } = await sql<TodoCountRow>`
    SELECT CASE WHEN GROUPING(${child}) = 0 THEN ${child} END AS key, GROUPING(${child}) AS g, d.kind,
           count(*) FILTER (WHERE d.due_on < ${p.today}::date) AS overdue,
           count(*) FILTER (WHERE d.due_on >= ${p.today}::date AND d.due_on <= ${p.soon}::date) AS due_soon,
           count(*) AS open,
           count(*) FILTER (WHERE d.due_on < ${p.today}::date AND d.warned_at IS NOT NULL) AS warned
      FROM deadline d
     WHERE d.done_at IS NULL AND ${prefixWhere(sql`d.regulator_region_code`, p.regionPrefix)}
     GROUP BY GROUPING SETS ((${child}, d.kind), (d.kind))`.execute(db);
  return rows;
};

export const clockKindNames = (db: Db) =>
  db.selectFrom('deadline_rule').select(['kind', 'name_zh', 'name_en']).orderBy('kind').execute();
