/**
 * The due list's query: per worker, employer and examined hazard factor (exam_conclusion.factor_codes),
 * the latest exam among 上岗前 / 在岗期间 / 离岗时 / 离岗后 in scope; the worker is due again only when
 * that latest exam is 上岗前 (01) or 在岗期间 (02) — a 离岗时 or 离岗后 exam means the worker left the
 * post — and no later card names the worker under another employer (the worker moved on). The cycle
 * months come from the standards engine as a VALUES list (periodic-exams.cycles.ts) joined by code and
 * the edition in force on the exam date; the due date is exam date + months (PostgreSQL's month
 * arithmetic: the same day, or the month's last day — the engine's addMonths). Status, filter, order
 * and paging all run in SQL, so a province's list is never read whole.
 */
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { PERIODIC_DUE_SOON_DAYS, type PeriodicDueStatus } from '@ohp/contracts';
import { regionPrefixWhere, scopeWhere } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { likeContains } from '../../platform/sql-text.js';
import type { CardScope } from '../exam-reports/index.js';

export type CycleValue = {
  code: string;
  from: string;
  to: string | null;
  months: number | null;
  minMonths: number | null;
};

export type DueFilters = {
  regionCode?: string;
  factorCode?: string;
  /** Employer name (contains) or credit code (equals). */
  text?: string;
  status?: PeriodicDueStatus;
};

export type DueRow = {
  worker_id: number;
  name_masked: string;
  id_masked: string;
  employer_name: string;
  employer_credit_code: string;
  region_code: string;
  factor_code: string;
  exam_card_id: number;
  record_id: string;
  exam_date: string;
  exam_type_code: string;
  conclusion_code: string;
  institution_name: string;
  months: number | null;
  due_on: string | null;
  earliest_due_on: string | null;
  status: PeriodicDueStatus;
};

/** Exam types the latest exam is looked for among; only 01 and 02 lead to a next periodic exam. */
const LATEST_AMONG = ['01', '02', '03', '05'];

const cyclesSql = (cycles: CycleValue[]): RawBuilder<unknown> =>
  cycles.length
    ? sql`(VALUES ${sql.join(
        cycles.map(
          (c) =>
            sql`(${c.code}::text, ${c.from}::date, ${c.to ?? '9999-12-31'}::date, ${c.months}::int, ${c.minMonths}::int)`,
        ),
      )}) AS cyc(code, ed_from, ed_to, months, min_months)`
    : sql`(VALUES (NULL::text, NULL::date, NULL::date, NULL::int, NULL::int)) AS cyc(code, ed_from, ed_to, months, min_months)`;

const dateText = (d: string | Date | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : d.slice(0, 10);

/**
 * The rows with their status, as a CTE body: `st` (before the status filter). For an exam institution
 * the workers are those it examined (a worker-and-employer pair on one of its cards), and their latest
 * exam is looked for among every institution's cards, so an exam done elsewhere since is not shown as
 * overdue.
 */
const dueCte = (db: Kysely<DB>, cs: CardScope, f: DueFilters, cycles: CycleValue[], today: string) => {
  let scoped = db
    .selectFrom('exam_card as c')
    .select([
      'c.exam_card_id',
      'c.worker_id',
      'c.employer_credit_code',
      'c.employer_name',
      'c.region_code',
      'c.institution_id',
      'c.record_id',
      'c.exam_date',
      'c.exam_type_code',
    ])
    .where('c.exam_type_code', 'in', LATEST_AMONG);
  if (cs.owner === 'institution' && cs.scope.kind === 'organisation') {
    const own = cs.scope.organisationId;
    scoped = scoped.where((eb) =>
      eb.exists(
        eb
          .selectFrom('exam_card as m')
          .select(sql`1`.as('one'))
          .whereRef('m.worker_id', '=', 'c.worker_id')
          .whereRef('m.employer_credit_code', '=', 'c.employer_credit_code')
          .where('m.institution_id', '=', own),
      ),
    );
  } else
    scoped = scoped.where((eb) =>
      scopeWhere(eb, cs.scope, {
        region: eb.ref('c.region_code'),
        organisation: eb.ref(
          cs.owner === 'employer' ? 'c.employer_id' : 'c.institution_id',
        ) as Expression<number>,
      }),
    );
  if (f.regionCode)
    scoped = scoped.where((eb) => regionPrefixWhere(eb, eb.ref('c.region_code'), f.regionCode!));
  if (f.text) {
    const text = f.text;
    scoped = scoped.where((eb) =>
      eb.or([
        eb('c.employer_credit_code', '=', text.toUpperCase()),
        eb('c.employer_name', 'like', likeContains(text)),
      ]),
    );
  }
  const factor = f.factorCode ? sql`WHERE f.code = ${f.factorCode}` : sql``;
  return sql`
    sc AS (${scoped}),
    ex AS (
      SELECT sc.*, f.code AS factor_code, k.conclusion_code
      FROM sc
      JOIN exam_conclusion k ON k.exam_card_id = sc.exam_card_id
      CROSS JOIN LATERAL unnest(k.factor_codes) AS f(code)
      ${factor}
    ),
    latest AS (
      SELECT DISTINCT ON (worker_id, employer_credit_code, factor_code) *
      FROM ex
      ORDER BY worker_id, employer_credit_code, factor_code, exam_date DESC, exam_card_id DESC
    ),
    due AS (
      SELECT l.*, cyc.months,
             (l.exam_date + make_interval(months => cyc.months))::date AS due_on,
             (l.exam_date + make_interval(months => cyc.min_months))::date AS earliest_due_on
      FROM latest l
      LEFT JOIN ${cyclesSql(cycles)}
        ON cyc.code = l.factor_code AND l.exam_date BETWEEN cyc.ed_from AND cyc.ed_to
      WHERE l.exam_type_code IN ('01', '02')
        AND NOT EXISTS (
          SELECT 1 FROM exam_card m
          WHERE m.worker_id = l.worker_id AND m.employer_credit_code <> l.employer_credit_code
            AND m.exam_date > l.exam_date
        )
    ),
    st AS (
      SELECT due.*,
             CASE WHEN due_on IS NULL THEN 'undetermined'
                  WHEN due_on < ${today}::date THEN 'overdue'
                  WHEN due_on <= ${today}::date + ${PERIODIC_DUE_SOON_DAYS}::int THEN 'due_soon'
                  ELSE 'in_date' END AS status
      FROM due
    )`;
};

const RANK = sql`CASE st.status WHEN 'overdue' THEN 0 WHEN 'due_soon' THEN 1 WHEN 'undetermined' THEN 2 ELSE 3 END`;

/** One page of the list (or, with a large limit, the export), overdue first, then by due date. */
export const listDue = async (
  db: Kysely<DB>,
  cs: CardScope,
  f: DueFilters,
  cycles: CycleValue[],
  today: string,
  page: { offset: number; limit: number },
): Promise<DueRow[]> => {
  const status = f.status ? sql`WHERE st.status = ${f.status}` : sql``;
  const { rows } = await sql<DueRow>`
    WITH ${dueCte(db, cs, f, cycles, today)}
    SELECT st.worker_id, w.name_masked, w.id_masked, st.employer_name, st.employer_credit_code, st.region_code,
           st.factor_code, st.exam_card_id, st.record_id, st.exam_date, st.exam_type_code, st.conclusion_code,
           i.name AS institution_name, st.months, st.due_on, st.earliest_due_on, st.status
    FROM st
    JOIN worker w ON w.worker_id = st.worker_id
    JOIN organisation i ON i.organisation_id = st.institution_id
    ${status}
    ORDER BY ${RANK}, coalesce(st.due_on, st.earliest_due_on) NULLS LAST, st.exam_date, st.worker_id, st.factor_code
    OFFSET ${page.offset} LIMIT ${page.limit}`.execute(db);
  return rows.map((r) => ({
    ...r,
    worker_id: Number(r.worker_id),
    exam_card_id: Number(r.exam_card_id),
    months: r.months === null ? null : Number(r.months),
    exam_date: dateText(r.exam_date)!,
    due_on: dateText(r.due_on),
    earliest_due_on: dateText(r.earliest_due_on),
  }));
};

/** Rows per status under the filters (the status filter aside). */
export const countDue = async (
  db: Kysely<DB>,
  cs: CardScope,
  f: DueFilters,
  cycles: CycleValue[],
  today: string,
): Promise<Record<PeriodicDueStatus, number>> => {
  const { rows } = await sql<{ status: PeriodicDueStatus; n: number | string }>`
    WITH ${dueCte(db, cs, { ...f, status: undefined }, cycles, today)}
    SELECT status, count(*) AS n FROM st GROUP BY status`.execute(db);
  const out: Record<PeriodicDueStatus, number> = { overdue: 0, due_soon: 0, undetermined: 0, in_date: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
};
