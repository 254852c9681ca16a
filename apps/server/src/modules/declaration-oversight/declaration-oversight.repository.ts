/**
 * Queries of 申报调度 (migration 0040). Reads organisation, employer_profile (0037, the employers module's)
 * and declaration (0038, the declarations module's) READ-ONLY; writes only its own tables
 * (declaration_sampling, declaration_sampling_unit, employer_list_decision, inspection_draw,
 * inspection_draw_unit).
 *
 * Every figure is one set-based statement: the employers in scope, each with its latest accepted
 * declaration up to the date (a lateral index probe on declaration_employer_idx), grouped by the region
 * prefix of the level below (GROUPING SETS for the children, the risk classes and the total at once).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import type { DeclarationMeasure } from '@ohp/contracts';

type Db = Kysely<DB> | Transaction<DB>;

export type BaseParams = {
  scope: Scope;
  /** The region asked for (a prefix inside the scope). */
  code: string;
  /** Declarations accepted before this instant count (the end of the as-of day in China). */
  asOfEnd: string;
  /** Accepted before this instant: annual update overdue. */
  overdueBefore: string;
};

/** Employers in scope with their flags (one row each). */
const employerBase = (db: Db, p: BaseParams) =>
  db
    .selectFrom('organisation as o')
    .leftJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('declaration as d')
          .select(['d.declaration_type', 'd.accepted_at', 'd.late'])
          .whereRef('d.employer_id', '=', 'o.organisation_id')
          .where('d.status', '=', 'accepted')
          .where('d.accepted_at', '<', new Date(p.asOfEnd))
          .orderBy(sql`d.accepted_at DESC NULLS LAST`)
          .orderBy('d.declaration_id', 'desc')
          .limit(1)
          .as('l'),
      (join) => join.onTrue(),
    )
    .where('o.kind', '=', 'employer')
    .where('o.status', '=', 'active')
    .where((eb) =>
      eb.and([
        scopeWhere(eb, p.scope, {
          region: eb.ref('o.region_code'),
          organisation: eb.ref('o.organisation_id'),
        }),
        regionPrefixWhere(eb, eb.ref('o.region_code'), p.code),
      ]),
    )
    .select([
      'o.organisation_id',
      'o.name',
      'o.credit_code',
      'o.region_code',
      'o.industry_code',
      'o.employees',
      'l.accepted_at',
      'l.declaration_type',
    ])
    .select(sql<string>`coalesce(p.risk_class, '待评价')`.as('risk_class'))
    .select(sql<boolean>`coalesce(p.industrial, false)`.as('industrial'))
    .select(sql<boolean>`coalesce(p.programme_status, 'active') = 'active'`.as('in_programme'))
    .select(sql<boolean>`coalesce(l.declaration_type <> 'cancel', false)`.as('declared'))
    .select(
      sql<boolean>`coalesce(l.declaration_type <> 'cancel' AND l.accepted_at < ${p.overdueBefore}::timestamptz, false)`.as(
        'overdue',
      ),
    )
    .select(sql<boolean>`coalesce(l.declaration_type <> 'cancel' AND l.late, false)`.as('late'));

/** The SQL condition of a measure over a row of employerBase (alias e). */
const measureSql = (m: DeclarationMeasure) => {
  switch (m) {
    case 'a':
      return sql<boolean>`(e.in_programme AND e.risk_class = '严重' AND e.industrial)`;
    case 'b':
      return sql<boolean>`(e.in_programme AND e.risk_class = '严重' AND coalesce(e.employees, 0) >= 10)`;
    case 'industrial':
      return sql<boolean>`(e.in_programme AND e.industrial)`;
    case 'all':
      return sql<boolean>`e.in_programme`;
  }
};

const MEASURES: DeclarationMeasure[] = ['a', 'b', 'industrial', 'all'];

export type FigureRow = {
  grp: string | null;
  risk: string | null;
  g_grp: number;
  g_risk: number;
  employers: number;
} & Record<string, number | string | null>;

/**
 * Counts per child region (left(region_code, childLength)), per risk class and in total: employers, and
 * per measure the denominator, declared, annual overdue and late.
 */
export const rateFigures = async (db: Db, p: BaseParams & { childLength: number }): Promise<FigureRow[]> => {
  const cols = MEASURES.map(
    (m) => sql`count(*) FILTER (WHERE ${measureSql(m)}) AS ${sql.ref(`${m}_den`)},
      count(*) FILTER (WHERE ${measureSql(m)} AND e.declared) AS ${sql.ref(`${m}_dec`)},
      count(*) FILTER (WHERE ${measureSql(m)} AND e.overdue) AS ${sql.ref(`${m}_overdue`)},
      count(*) FILTER (WHERE ${measureSql(m)} AND e.late) AS ${sql.ref(`${m}_late`)}`,
  );
  const grp = sql`left(e.region_code, ${sql.lit(p.childLength)})`;
  const { rows } = await sql<FigureRow>`
    WITH e AS (${employerBase(db, p)})
    SELECT CASE WHEN GROUPING(${grp}) = 0 THEN ${grp} END AS grp,
           CASE WHEN GROUPING(e.risk_class) = 0 THEN e.risk_class END AS risk,
           GROUPING(${grp}) AS g_grp, GROUPING(e.risk_class) AS g_risk,
           count(*) AS employers, ${sql.join(cols, sql`, `)}
      FROM e
     GROUP BY GROUPING SETS ((${grp}), (e.risk_class), ())`.execute(db);
  return rows;
};

/** The plain GROUP BY over the same employer rows (no declarations): the bench's baseline. */
export const baselineGroupBy = async (db: Db, p: { code: string; childLength: number }) =>
  (
    await sql<{ grp: string; n: number }>`
      SELECT left(o.region_code, ${sql.lit(p.childLength)}) AS grp, count(*) AS n
        FROM organisation o LEFT JOIN employer_profile pr ON pr.organisation_id = o.organisation_id
       WHERE o.kind = 'employer' AND o.status = 'active'
         AND left(o.region_code, ${sql.lit(p.code.length)}) = ${p.code}
       GROUP BY 1`.execute(db)
  ).rows;

export type RateEmployerRow = {
  organisation_id: number;
  name: string;
  credit_code: string | null;
  region_code: string;
  industry_code: string | null;
  employees: number | null;
  risk_class: string;
  industrial: boolean;
  declared: boolean;
  overdue: boolean;
  late: boolean;
  accepted_at: Date | string | null;
  declaration_type: string | null;
  total: number | string;
};

/** The employers of a measure with a status (the gap list), ordered by region and name, with the total. */
export const rateEmployers = async (
  db: Db,
  p: BaseParams & {
    measure: DeclarationMeasure;
    status: 'undeclared' | 'declared' | 'overdue' | 'late';
    riskClass: string | null;
    limit: number | null;
    offset: number;
  },
): Promise<RateEmployerRow[]> => {
  const cond =
    p.status === 'undeclared'
      ? sql`NOT e.declared`
      : p.status === 'declared'
        ? sql`e.declared`
        : p.status === 'overdue'
          ? sql`e.overdue`
          : sql`e.late`;
  const { rows } = await sql<RateEmployerRow>`
    WITH e AS (${employerBase(db, p)})
    SELECT e.*, count(*) OVER () AS total
      FROM e
     WHERE ${measureSql(p.measure)} AND ${cond}
       ${p.riskClass ? sql`AND e.risk_class = ${p.riskClass}` : sql``}
     ORDER BY e.region_code, e.name, e.organisation_id
     ${p.limit === null ? sql`` : sql`LIMIT ${p.limit} OFFSET ${p.offset}`}`.execute(db);
  return rows;
};

/** The population of a draw: the employers of the measure in the province, with the declared flag now. */
export const samplingPopulation = async (
  db: Db,
  p: BaseParams & { measure: DeclarationMeasure },
): Promise<
  Array<{ organisation_id: number; region_code: string; credit_code: string | null; declared: boolean }>
> =>
  (
    await sql<{
      organisation_id: number;
      region_code: string;
      credit_code: string | null;
      declared: boolean;
    }>`
      WITH e AS (${employerBase(db, p)})
      SELECT e.organisation_id, e.region_code, e.credit_code, e.declared FROM e
       WHERE ${measureSql(p.measure)}
       ORDER BY e.organisation_id`.execute(db)
  ).rows;

export type ActivityRow = {
  grp: string | null;
  g_grp: number;
  new_initial: number;
  new_change: number;
  new_annual: number;
  new_cancel: number;
  late: number;
};

/** Declarations of the quarter by the employer's region: accepted by type, and submitted late. */
export const quarterActivity = async (
  db: Db,
  p: { scope: Scope; code: string; childLength: number; from: string; to: string },
): Promise<ActivityRow[]> => {
  const q = db
    .selectFrom('declaration as d')
    .innerJoin('organisation as o', 'o.organisation_id', 'd.employer_id')
    .where('o.kind', '=', 'employer')
    .where((eb) =>
      eb.and([
        scopeWhere(eb, p.scope, {
          region: eb.ref('o.region_code'),
          organisation: eb.ref('o.organisation_id'),
        }),
        regionPrefixWhere(eb, eb.ref('o.region_code'), p.code),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('d.accepted_at', '>=', new Date(p.from)), eb('d.accepted_at', '<', new Date(p.to))]),
        eb.and([eb('d.submitted_at', '>=', new Date(p.from)), eb('d.submitted_at', '<', new Date(p.to))]),
      ]),
    )
    .select(['o.region_code', 'd.declaration_type', 'd.accepted_at', 'd.submitted_at', 'd.late']);
  const grp = sql`left(x.region_code, ${sql.lit(p.childLength)})`;
  const acc = (t: string) =>
    sql`count(*) FILTER (WHERE x.declaration_type = ${t} AND x.accepted_at >= ${p.from}::timestamptz AND x.accepted_at < ${p.to}::timestamptz)`;
  const { rows } = await sql<ActivityRow>`
    WITH x AS (${q})
    SELECT CASE WHEN GROUPING(${grp}) = 0 THEN ${grp} END AS grp, GROUPING(${grp}) AS g_grp,
           ${acc('initial')} AS new_initial, ${acc('change')} AS new_change,
           ${acc('annual')} AS new_annual, ${acc('cancel')} AS new_cancel,
           count(*) FILTER (WHERE x.late AND x.submitted_at >= ${p.from}::timestamptz AND x.submitted_at < ${p.to}::timestamptz) AS late
      FROM x GROUP BY GROUPING SETS ((${grp}), ())`.execute(db);
  return rows;
};

/**
 * 入户指导 follow-ups of the potential-employer database (employer-census) done in the quarter — visited
 * on a date in [fromDay, toDay) — by child region and in all, with how many found the employer
 * declaring or about to.
 */
export const quarterFollowUps = async (
  db: Db,
  p: { scope: Scope; code: string; childLength: number; fromDay: string; toDay: string },
): Promise<
  Array<{ grp: string | null; g_grp: number; done: number | string; declaring: number | string }>
> => {
  const q = db
    .selectFrom('census_follow_up as f')
    .where('f.status', '=', 'done')
    .where('f.visited_on', '>=', p.fromDay)
    .where('f.visited_on', '<', p.toDay)
    .where((eb) =>
      eb.and([
        // Follow-ups belong to a region, not an organisation: an organisation-scoped reader sees none.
        scopeWhere(eb, p.scope, { region: eb.ref('f.region_code'), organisation: sql<number>`NULL` }),
        regionPrefixWhere(eb, eb.ref('f.region_code'), p.code),
      ]),
    )
    .select(['f.region_code', 'f.outcome']);
  const grp = sql`left(x.region_code, ${sql.lit(p.childLength)})`;
  const { rows } = await sql<{
    grp: string | null;
    g_grp: number;
    done: number | string;
    declaring: number | string;
  }>`
    WITH x AS (${q})
    SELECT CASE WHEN GROUPING(${grp}) = 0 THEN ${grp} END AS grp, GROUPING(${grp}) AS g_grp,
           count(*) AS done,
           count(*) FILTER (WHERE x.outcome IN ('declared', 'will_declare')) AS declaring
      FROM x GROUP BY GROUPING SETS ((${grp}), ())`.execute(db);
  return rows;
};

// ---- sampling ----------------------------------------------------------------------------------------

export type SamplingRow = {
  sampling_id: number;
  province_code: string;
  year: number;
  title: string | null;
  measure: DeclarationMeasure;
  per_city: number;
  seed: string;
  method: string;
  population: Array<[number, string, string]>;
  population_count: number;
  population_digest: string;
  assessment_formula: string;
  formula_provisional: boolean;
  organisation_id: number;
  drawn_by: number;
  drawn_by_name: string;
  drawn_at: Date | string;
  drawn: number | string;
  checked: number | string;
};

/** Samplings of the provinces the scope reaches (a region scope's first two digits), newest first. */
const samplingSelect = (db: Db, province: string, id: number | null) =>
  db
    .selectFrom('declaration_sampling as s')
    .innerJoin('app_user as u', 'u.user_id', 's.drawn_by')
    .where('s.province_code', '=', province)
    .$if(id !== null, (q) => q.where('s.sampling_id', '=', id!))
    .selectAll('s')
    .select('u.display_name as drawn_by_name')
    .select((eb) => [
      eb
        .selectFrom('declaration_sampling_unit as su')
        .whereRef('su.sampling_id', '=', 's.sampling_id')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .as('drawn'),
      eb
        .selectFrom('declaration_sampling_unit as su')
        .whereRef('su.sampling_id', '=', 's.sampling_id')
        .where('su.checked_at', 'is not', null)
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .as('checked'),
    ]);

export const listSamplings = async (db: Db, province: string): Promise<SamplingRow[]> =>
  (await samplingSelect(db, province, null)
    .orderBy('s.year', 'desc')
    .orderBy('s.sampling_id', 'desc')
    .execute()) as unknown as SamplingRow[];

/** One page of the samplings export in the list's order (newest year, then newest), after a row. */
export const samplingExportPage = async (
  db: Db,
  province: string,
  after: { year: number; sampling_id: number } | null,
  limit: number,
): Promise<SamplingRow[]> =>
  (await samplingSelect(db, province, null)
    .$if(after !== null, (q) =>
      q.where(
        sql<boolean>`(s.year, s.sampling_id) < (${after!.year}::integer, ${after!.sampling_id}::integer)`,
      ),
    )
    .orderBy('s.year', 'desc')
    .orderBy('s.sampling_id', 'desc')
    .limit(limit)
    .execute()) as unknown as SamplingRow[];

export const countSamplings = async (db: Db, province: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('declaration_sampling')
        .where('province_code', '=', province)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const findSampling = async (db: Db, province: string, id: number): Promise<SamplingRow | undefined> =>
  (await samplingSelect(db, province, id).executeTakeFirst()) as unknown as SamplingRow | undefined;

export const lockSampling = (trx: Transaction<DB>, id: number) =>
  trx
    .selectFrom('declaration_sampling')
    .selectAll()
    .where('sampling_id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const insertSampling = async (
  trx: Transaction<DB>,
  v: {
    province_code: string;
    year: number;
    title: string | null;
    measure: DeclarationMeasure;
    per_city: number;
    seed: string;
    method: string;
    population: Array<[number, string, string]>;
    population_count: number;
    population_digest: string;
    organisation_id: number;
    drawn_by: number;
  },
  units: Array<{
    employer_id: number;
    city_code: string;
    rank: number;
    draw_key: string;
    declared_in_system: boolean;
  }>,
): Promise<number> => {
  const { sampling_id } = await trx
    .insertInto('declaration_sampling')
    .values({ ...v, population: JSON.stringify(v.population) })
    .returning('sampling_id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < units.length; i += 1000)
    await trx
      .insertInto('declaration_sampling_unit')
      .values(units.slice(i, i + 1000).map((u) => ({ ...u, sampling_id })))
      .execute();
  return sampling_id;
};

export type UnitRow = {
  employer_id: number;
  name: string;
  credit_code: string | null;
  region_code: string;
  city_code: string;
  rank: number;
  draw_key: string;
  declared_in_system: boolean;
  declared: boolean | null;
  industry_accurate: boolean | null;
  size_accurate: boolean | null;
  factors_accurate: boolean | null;
  note: string | null;
  checked_at: Date | string | null;
};

const scopedUnits = (db: Db, id: number, scope: Scope) =>
  db
    .selectFrom('declaration_sampling_unit as su')
    .innerJoin('organisation as o', 'o.organisation_id', 'su.employer_id')
    .where('su.sampling_id', '=', id)
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('su.employer_id') }),
    );

const UNIT_COLUMNS = [
  'su.employer_id',
  'o.name',
  'o.credit_code',
  'o.region_code',
  'su.city_code',
  'su.rank',
  'su.draw_key',
  'su.declared_in_system',
  'su.declared',
  'su.industry_accurate',
  'su.size_accurate',
  'su.factors_accurate',
  'su.note',
  'su.checked_at',
] as const;

/** The sampling's units whose employer lies in the scope (a city sees its own). */
export const samplingUnits = (db: Db, id: number, scope: Scope): Promise<UnitRow[]> =>
  scopedUnits(db, id, scope).select(UNIT_COLUMNS).orderBy('su.city_code').orderBy('su.rank').execute();

/** One page of a sampling's units for the export, in the detail's order (city, rank), after a unit. */
export const samplingUnitExportPage = (
  db: Db,
  id: number,
  scope: Scope,
  after: { city_code: string; rank: number } | null,
  limit: number,
): Promise<UnitRow[]> =>
  scopedUnits(db, id, scope)
    .select(UNIT_COLUMNS)
    .$if(after !== null, (q) =>
      q.where(sql<boolean>`(su.city_code, su.rank) > (${after!.city_code}::text, ${after!.rank}::integer)`),
    )
    .orderBy('su.city_code')
    .orderBy('su.rank')
    .limit(limit)
    .execute();

export const countSamplingUnits = async (db: Db, id: number, scope: Scope): Promise<number> =>
  Number(
    (
      await scopedUnits(db, id, scope)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const lockUnit = (trx: Transaction<DB>, id: number, employerId: number) =>
  trx
    .selectFrom('declaration_sampling_unit')
    .selectAll()
    .where('sampling_id', '=', id)
    .where('employer_id', '=', employerId)
    .forUpdate()
    .executeTakeFirst();

export const recordUnit = (
  trx: Transaction<DB>,
  id: number,
  employerId: number,
  v: {
    declared: boolean;
    industry_accurate: boolean | null;
    size_accurate: boolean | null;
    factors_accurate: boolean | null;
    note: string | null;
    checked_by: number;
  },
) =>
  trx
    .updateTable('declaration_sampling_unit')
    .set({ ...v, checked_at: new Date().toISOString() })
    .where('sampling_id', '=', id)
    .where('employer_id', '=', employerId)
    .execute();

/**
 * Per city of the latest sampling of a province holding checked units: checked, and declared with every
 * accuracy answer true (the provisional assessment).
 */
export const latestVerifiedByCity = async (
  db: Db,
  province: string,
): Promise<{
  samplingId: number;
  year: number;
  provisional: boolean;
  cities: Map<string, { checked: number; good: number }>;
} | null> => {
  const s = await db
    .selectFrom('declaration_sampling as s')
    .where('s.province_code', '=', province)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('declaration_sampling_unit as su')
          .whereRef('su.sampling_id', '=', 's.sampling_id')
          .where('su.checked_at', 'is not', null)
          .select('su.employer_id'),
      ),
    )
    .select(['s.sampling_id', 's.year', 's.formula_provisional'])
    .orderBy('s.year', 'desc')
    .orderBy('s.sampling_id', 'desc')
    .executeTakeFirst();
  if (!s) return null;
  const rows = await db
    .selectFrom('declaration_sampling_unit')
    .where('sampling_id', '=', s.sampling_id)
    .where('checked_at', 'is not', null)
    .groupBy('city_code')
    .select('city_code')
    .select((eb) => eb.fn.countAll<number | string>().as('checked'))
    .select(
      sql<
        number | string
      >`count(*) FILTER (WHERE declared AND industry_accurate AND size_accurate AND factors_accurate)`.as(
        'good',
      ),
    )
    .execute();
  return {
    samplingId: s.sampling_id,
    year: s.year,
    provisional: s.formula_provisional,
    cities: new Map(rows.map((r) => [r.city_code, { checked: Number(r.checked), good: Number(r.good) }])),
  };
};

// ---- white / black lists ------------------------------------------------------------------------------

export type ListRow = {
  organisation_id: number;
  name: string;
  credit_code: string | null;
  region_code: string;
  list: 'white' | 'black';
  rules: string[];
  action: 'confirm' | 'remove' | null;
  reason: string | null;
  decided_at: Date | string | null;
  total: number | string;
  n_white: number | string;
  n_black: number | string;
};

/**
 * The computed lists as common table expressions over the employers in scope: `e` (employerBase), `s`
 * (with the latest checked sampling unit), `r` (the rules met), `l` (the entries) and `d` (with the
 * regulator's decision and the state).
 */
const listCtes = (db: Db, p: BaseParams & { blackBefore: string }) => sql`
    e AS (${employerBase(db, p)}),
    s AS (
      SELECT e.*, su.declared AS s_declared,
             (su.industry_accurate IS NOT TRUE OR su.size_accurate IS NOT TRUE OR su.factors_accurate IS NOT TRUE) AS s_inaccurate,
             su.employer_id IS NOT NULL AS sampled
        FROM e
        LEFT JOIN LATERAL (
          SELECT u.* FROM declaration_sampling_unit u
           WHERE u.employer_id = e.organisation_id AND u.checked_at IS NOT NULL
           ORDER BY u.checked_at DESC LIMIT 1) su ON true
       WHERE e.in_programme),
    r AS (
      SELECT s.*,
             array_remove(ARRAY[
               CASE WHEN s.sampled AND s.s_declared = false THEN 'B1' END,
               CASE WHEN s.sampled AND s.s_declared AND s.s_inaccurate THEN 'B2' END,
               CASE WHEN s.declared AND s.accepted_at < ${p.blackBefore}::timestamptz THEN 'B3' END], NULL) AS black_rules,
             (s.declared AND NOT s.late AND NOT s.overdue
               AND (NOT s.sampled OR (s.s_declared AND NOT s.s_inaccurate))) AS white_ok
        FROM s),
    l AS (
      SELECT r.organisation_id, r.name, r.credit_code, r.region_code,
             CASE WHEN cardinality(r.black_rules) > 0 THEN 'black' ELSE 'white' END AS list,
             CASE WHEN cardinality(r.black_rules) > 0 THEN r.black_rules ELSE ARRAY['W1', 'W2', 'W3'] END AS rules
        FROM r WHERE cardinality(r.black_rules) > 0 OR r.white_ok),
    d AS (
      SELECT l.*, dl.action, dl.reason, dl.decided_at,
             CASE WHEN dl.action = 'confirm' THEN 'confirmed' WHEN dl.action = 'remove' THEN 'removed' ELSE 'pending' END AS state
        FROM l LEFT JOIN employer_list_decision dl ON dl.employer_id = l.organisation_id AND dl.list = l.list)`;

/**
 * The computed lists (declarationListRules): black when any black rule holds, else white when every
 * white rule holds; with the regulator's decision on the entry, the page asked and the counts.
 */
export const listEntries = async (
  db: Db,
  p: BaseParams & {
    blackBefore: string;
    list: 'white' | 'black' | null;
    state: 'pending' | 'confirmed' | 'removed' | null;
    employerId: number | null;
    limit: number;
    offset: number;
    /** Keyset (the export): the rows after this one in the list's order. */
    after?: { list: string; region_code: string; name: string; organisation_id: number } | null;
  },
): Promise<ListRow[]> => {
  const { rows } = await sql<ListRow>`
    WITH ${listCtes(db, p)}
    SELECT d.*, count(*) OVER () AS total,
           (SELECT count(*) FROM d WHERE d.list = 'white') AS n_white,
           (SELECT count(*) FROM d WHERE d.list = 'black') AS n_black
      FROM d
     WHERE true
       ${p.list ? sql`AND d.list = ${p.list}` : sql``}
       ${p.state ? sql`AND d.state = ${p.state}` : sql``}
       ${p.employerId ? sql`AND d.organisation_id = ${p.employerId}` : sql``}
       ${
         p.after
           ? sql`AND (d.list, d.region_code, d.name, d.organisation_id) > (${p.after.list}::text, ${p.after.region_code}::text, ${p.after.name}::text, ${p.after.organisation_id}::integer)`
           : sql``
       }
     ORDER BY d.list, d.region_code, d.name, d.organisation_id
     LIMIT ${p.limit} OFFSET ${p.offset}`.execute(db);
  return rows;
};

export const upsertDecision = (
  trx: Transaction<DB>,
  v: {
    employer_id: number;
    list: 'white' | 'black';
    action: 'confirm' | 'remove';
    reason: string;
    rules: string[];
    decided_by: number;
    organisation_id: number;
  },
) =>
  trx
    .insertInto('employer_list_decision')
    .values(v)
    .onConflict((oc) =>
      oc.columns(['employer_id', 'list']).doUpdateSet({
        action: v.action,
        reason: v.reason,
        rules: v.rules,
        decided_by: v.decided_by,
        organisation_id: v.organisation_id,
        decided_at: new Date().toISOString(),
      }),
    )
    .execute();

export const findDecision = (db: Db, employerId: number, list: 'white' | 'black') =>
  db
    .selectFrom('employer_list_decision')
    .selectAll()
    .where('employer_id', '=', employerId)
    .where('list', '=', list)
    .executeTakeFirst();

/** An employer in the scope (for list decisions): 404 otherwise. */
export const employerInScope = (db: Db, scope: Scope, id: number) =>
  db
    .selectFrom('organisation as o')
    .where('o.organisation_id', '=', id)
    .where('o.kind', '=', 'employer')
    .where('o.status', '=', 'active')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') }),
    )
    .select(['o.organisation_id', 'o.region_code', 'o.name'])
    .executeTakeFirst();

/** Demo: employers of a province by id (deterministic choices). */
export const employerIdsIn = async (db: Db, province: string, limit: number): Promise<number[]> =>
  (
    await db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'employer')
      .where('status', '=', 'active')
      .where((eb) => regionPrefixWhere(eb, eb.ref('region_code'), province))
      .orderBy('organisation_id')
      .limit(limit)
      .execute()
  ).map((r) => r.organisation_id);

export const anySampling = async (db: Db, province: string): Promise<boolean> =>
  (await db
    .selectFrom('declaration_sampling')
    .select('sampling_id')
    .where('province_code', '=', province)
    .limit(1)
    .executeTakeFirst()) !== undefined;

/** The declaration targets of a province and of the national plan ('00'). */
export const targetRowsOf = (db: Kysely<DB>, province: string) =>
  db.selectFrom('declaration_target').selectAll().where('province_code', 'in', [province, '00']).execute();

// ---- 双随机抽查 (inspection draws) ------------------------------------------------------------------------

export type InspectionPopulationRow = {
  organisation_id: number;
  region_code: string;
  credit_code: string | null;
  list: 'white' | 'black' | 'none';
};

/**
 * The employers in the programme in the region (and risk classes), each with the list it is on for the
 * draw: its computed entry unless the regulator removed it ('none' when on neither), ordered by id.
 */
export const inspectionPopulation = async (
  db: Db,
  p: BaseParams & { blackBefore: string; riskClasses: string[] },
): Promise<InspectionPopulationRow[]> =>
  (
    await sql<InspectionPopulationRow>`
      WITH ${listCtes(db, p)}
      SELECT e.organisation_id, e.region_code, e.credit_code,
             CASE WHEN d.organisation_id IS NULL OR d.state = 'removed' THEN 'none' ELSE d.list END AS list
        FROM e LEFT JOIN d ON d.organisation_id = e.organisation_id
       WHERE e.in_programme
         ${p.riskClasses.length ? sql`AND e.risk_class = ANY(${p.riskClasses}::text[])` : sql``}
       ORDER BY e.organisation_id`.execute(db)
  ).rows;

export type InspectionDrawRow = {
  draw_id: number;
  region_code: string;
  year: number;
  title: string | null;
  planned: number;
  risk_classes: string[];
  seed: string;
  method: string;
  weights: { white: number; black: number; none: number } | string;
  weights_provisional: boolean;
  population: Array<[number, string, string, 'white' | 'black' | 'none']> | string;
  population_count: number;
  population_digest: string;
  organisation_id: number;
  organisation_name: string;
  drawn_by_name: string;
  drawn_at: Date | string;
  drawn: number | string;
  total?: number | string;
};

/**
 * Draws a reader sees: those of a region inside its scope, and those of a region containing its own (a
 * county reads its city's and province's draws — their units in its county). `scope` 'all' sees all.
 */
const drawsVisible = (db: Db, scope: Scope) =>
  db
    .selectFrom('inspection_draw as g')
    .innerJoin('app_user as u', 'u.user_id', 'g.drawn_by')
    .innerJoin('organisation as o', 'o.organisation_id', 'g.organisation_id')
    .where((eb) =>
      scope.kind === 'all'
        ? sql<boolean>`true`
        : scope.kind === 'region'
          ? eb.or([
              regionPrefixWhere(eb, eb.ref('g.region_code'), scope.prefix),
              eb(sql.lit(scope.prefix), 'like', sql<string>`g.region_code || '%'`),
            ])
          : sql<boolean>`false`,
    );

const drawColumns = [
  'g.draw_id',
  'g.region_code',
  'g.year',
  'g.title',
  'g.planned',
  'g.risk_classes',
  'g.seed',
  'g.method',
  'g.weights',
  'g.weights_provisional',
  'g.population_count',
  'g.population_digest',
  'g.organisation_id',
  'g.drawn_at',
  'o.name as organisation_name',
  'u.display_name as drawn_by_name',
] as const;

export const listInspectionDraws = async (
  db: Db,
  scope: Scope,
  q: { year: number | null; limit: number; offset: number },
): Promise<InspectionDrawRow[]> =>
  (await drawsVisible(db, scope)
    .$if(q.year !== null, (x) => x.where('g.year', '=', q.year!))
    .select(drawColumns)
    .select((eb) => [
      eb
        .selectFrom('inspection_draw_unit as du')
        .whereRef('du.draw_id', '=', 'g.draw_id')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .as('drawn'),
      sql<number>`count(*) OVER ()`.as('total'),
    ])
    .orderBy('g.year', 'desc')
    .orderBy('g.draw_id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute()) as unknown as InspectionDrawRow[];

export const findInspectionDraw = async (
  db: Db,
  scope: Scope,
  id: number,
): Promise<InspectionDrawRow | undefined> =>
  (await drawsVisible(db, scope)
    .where('g.draw_id', '=', id)
    .select(drawColumns)
    .select(['g.population'])
    .select((eb) =>
      eb
        .selectFrom('inspection_draw_unit as du')
        .whereRef('du.draw_id', '=', 'g.draw_id')
        .select((e2) => e2.fn.countAll<number>().as('n'))
        .as('drawn'),
    )
    .executeTakeFirst()) as unknown as InspectionDrawRow | undefined;

export const insertInspectionDraw = async (
  trx: Transaction<DB>,
  v: {
    region_code: string;
    year: number;
    title: string | null;
    planned: number;
    risk_classes: string[];
    seed: string;
    method: string;
    weights: { white: number; black: number; none: number };
    population: Array<[number, string, string, string]>;
    population_count: number;
    population_digest: string;
    organisation_id: number;
    drawn_by: number;
  },
  units: Array<{ employer_id: number; rank: number; list: string; weight: number; score: number }>,
): Promise<number> => {
  const { draw_id } = await trx
    .insertInto('inspection_draw')
    .values({ ...v, weights: JSON.stringify(v.weights), population: JSON.stringify(v.population) })
    .returning('draw_id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < units.length; i += 1000)
    await trx
      .insertInto('inspection_draw_unit')
      .values(units.slice(i, i + 1000).map((u) => ({ ...u, draw_id })))
      .execute();
  return draw_id;
};

export type InspectionUnitRow = {
  employer_id: number;
  name: string;
  credit_code: string | null;
  region_code: string;
  risk_class: string;
  rank: number;
  list: 'white' | 'black' | 'none';
  weight: number;
  score: number;
};

/** All units of a draw, in rank order, with whether each is in the reader's scope. */
export const inspectionDrawUnits = async (
  db: Db,
  id: number,
  scope: Scope,
): Promise<Array<InspectionUnitRow & { in_scope: boolean }>> =>
  (await db
    .selectFrom('inspection_draw_unit as du')
    .innerJoin('organisation as o', 'o.organisation_id', 'du.employer_id')
    .leftJoin('employer_profile as p', 'p.organisation_id', 'du.employer_id')
    .where('du.draw_id', '=', id)
    .select([
      'du.employer_id',
      'o.name',
      'o.credit_code',
      'o.region_code',
      'du.rank',
      'du.list',
      'du.weight',
      'du.score',
    ])
    .select(sql<string>`coalesce(p.risk_class, '待评价')`.as('risk_class'))
    .select((eb) =>
      sql<boolean>`${scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') })}`.as(
        'in_scope',
      ),
    )
    .orderBy('du.rank')
    .execute()) as Array<InspectionUnitRow & { in_scope: boolean }>;

export const anyInspectionDraw = async (db: Db): Promise<boolean> =>
  (await db.selectFrom('inspection_draw').select('draw_id').limit(1).executeTakeFirst()) !== undefined;
