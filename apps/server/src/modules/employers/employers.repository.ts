/**
 * All SQL of the employer base database (用人单位库). An employer is an organisation of kind 'employer';
 * employer_profile adds the national record's fields, employer_version keeps every version of the whole
 * record (organisation fields and profile, as built by `RECORD_SQL`). Scoped reads go through
 * platform/authz/scope.ts; functions named unsafe* are unscoped and used by writers that scope before.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { scopeWhere, regionPrefixWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { likeContains } from '../../platform/sql-text.js';
import { organisationSortKey } from '../organisations/index.js';

export type Db = Kysely<DB> | Transaction<DB>;

/** The whole base record of an employer as a version keeps it (no personal data: no contact phone). */
const RECORD_SQL = sql`jsonb_build_object(
  'name', o.name, 'creditCode', o.credit_code, 'regionCode', o.region_code, 'address', o.address,
  'industryCode', o.industry_code, 'extraIndustryCodes', to_jsonb(p.extra_industry_codes),
  'economicTypeCode', p.economic_type_code, 'employees', o.employees, 'exposedEmployees', o.exposed_employees,
  'revenueWanYuan', o.revenue_wan_yuan, 'enterpriseSize', o.enterprise_size, 'contactName', o.contact_name,
  'legalRepresentative', p.legal_representative, 'riskClass', p.risk_class, 'industrial', p.industrial,
  'programmeStatus', p.programme_status, 'programmeStatusReason', p.programme_status_reason,
  'programmeStatusOn', p.programme_status_on, 'status', o.status)
  || CASE WHEN p.affiliation <> 'local' THEN jsonb_build_object('affiliation', p.affiliation) ELSE '{}'::jsonb END`;

export type KnownOrganisation = {
  organisation_id: number;
  credit_code: string;
  kind: string;
  industry_code: string | null;
  has_profile: boolean;
};

/** Live organisations holding these credit codes (any kind), with whether an employer profile exists. */
export const unsafeOrganisationsByCreditCodes = async (
  db: Db,
  codes: string[],
): Promise<KnownOrganisation[]> => {
  if (!codes.length) return [];
  const rows = await db
    .selectFrom('organisation as o')
    .leftJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
    .select(['o.organisation_id', 'o.credit_code', 'o.kind', 'o.industry_code'])
    .select(sql<boolean>`p.organisation_id IS NOT NULL`.as('has_profile'))
    .where('o.credit_code', 'in', codes)
    .where('o.status', '=', 'active')
    .execute();
  return rows.map((r) => ({ ...r, credit_code: r.credit_code! }));
};

export type NewEmployerOrganisation = {
  name: string;
  level: string;
  region_code: string;
  credit_code: string;
  industry_code: string | null;
  employees: number | null;
  enterprise_size: string | null;
  address: string | null;
};

/**
 * Inserts employer organisations in one statement, skipping credit codes a live organisation holds
 * (ON CONFLICT DO NOTHING: one inserted meanwhile by another transaction). Returns the rows inserted.
 */
export const insertEmployerOrganisations = async (
  db: Db,
  rows: NewEmployerOrganisation[],
): Promise<Array<{ organisation_id: number; credit_code: string }>> => {
  if (!rows.length) return [];
  const json = JSON.stringify(rows.map((r, ord) => ({ ...r, name_sort: organisationSortKey(r.name), ord })));
  const inserted = await db
    .insertInto('organisation')
    .columns([
      'name',
      'kind',
      'level',
      'region_code',
      'credit_code',
      'industry_code',
      'employees',
      'enterprise_size',
      'address',
      'name_sort',
    ])
    .expression(
      sql`SELECT name, 'employer', level, region_code, credit_code, industry_code, employees, enterprise_size,
                 address, name_sort
            FROM jsonb_to_recordset(${json}::jsonb) AS x(name text, level text, region_code text, credit_code text,
                 industry_code text, employees integer, enterprise_size text, address text, name_sort text,
                 ord integer)
           ORDER BY ord`,
    )
    .onConflict((oc) => oc.doNothing())
    .returning(['organisation_id', 'credit_code'])
    .execute();
  return inserted.map((r) => ({ organisation_id: r.organisation_id, credit_code: r.credit_code! }));
};

export type ProfileValues = {
  organisation_id: number;
  economic_type_code: string | null;
  risk_class: string | null;
  risk_basis: unknown;
  industrial: boolean;
  source: string;
};

/** Inserts profiles in one statement; an organisation that has one keeps it. */
export const insertProfiles = async (db: Db, rows: ProfileValues[]): Promise<number[]> => {
  if (!rows.length) return [];
  const json = JSON.stringify(rows);
  const r = await sql<{ organisation_id: number }>`
    INSERT INTO employer_profile (organisation_id, economic_type_code, risk_class, risk_basis, industrial, source)
    SELECT x.organisation_id, x.economic_type_code, x.risk_class, coalesce(x.risk_basis, '[]'::jsonb), x.industrial,
           x.source
      FROM jsonb_to_recordset(${json}::jsonb) AS x(organisation_id integer, economic_type_code text,
           risk_class text, risk_basis jsonb, industrial boolean, source text)
    ON CONFLICT (organisation_id) DO NOTHING
    RETURNING organisation_id`.execute(db);
  return r.rows.map((x) => x.organisation_id);
};

/**
 * Writes the current record of these employers as their current profile version (one statement). A
 * version already written (same organisation and number) is kept.
 */
export const snapshotVersions = async (
  db: Db,
  ids: number[],
  reason: string | null,
  changedBy: number | null,
): Promise<void> => {
  if (!ids.length) return;
  await sql`
    INSERT INTO employer_version (organisation_id, version, record, reason, changed_by)
    SELECT o.organisation_id, p.version, ${RECORD_SQL}, ${reason}, ${changedBy}
      FROM organisation o JOIN employer_profile p ON p.organisation_id = o.organisation_id
     WHERE o.organisation_id = ANY(${sql.val(ids)}::integer[])
    ON CONFLICT (organisation_id, version) DO NOTHING`.execute(db);
};

/**
 * Every employer organisation without a profile gets one (unclassified: the classification fills it) —
 * of these organisations only, when given.
 */
export const backfillProfiles = async (db: Db, ids?: number[]): Promise<number> => {
  if (ids && !ids.length) return 0;
  const only = ids ? sql`AND o.organisation_id = ANY(${sql.val(ids)}::integer[])` : sql``;
  const r = await sql`
    INSERT INTO employer_profile (organisation_id, source)
    SELECT o.organisation_id, 'organisation' FROM organisation o
     WHERE o.kind = 'employer' ${only}
       AND NOT EXISTS (SELECT 1 FROM employer_profile p WHERE p.organisation_id = o.organisation_id)
    ON CONFLICT (organisation_id) DO NOTHING`.execute(db);
  return Number(r.numAffectedRows ?? 0);
};

/** Every profile without a version row gets its first (the record as it is now) — of these only, when given. */
export const backfillFirstVersions = async (db: Db, ids?: number[]): Promise<void> => {
  if (ids && !ids.length) return;
  const only = ids ? sql`AND p.organisation_id = ANY(${sql.val(ids)}::integer[])` : sql``;
  await sql`
    INSERT INTO employer_version (organisation_id, version, record, reason)
    SELECT o.organisation_id, p.version, ${RECORD_SQL}, NULL
      FROM organisation o JOIN employer_profile p ON p.organisation_id = o.organisation_id
     WHERE NOT EXISTS (SELECT 1 FROM employer_version v WHERE v.organisation_id = p.organisation_id) ${only}
    ON CONFLICT (organisation_id, version) DO NOTHING`.execute(db);
};

/** The distinct industry combinations (main industry, extra industries) of profiles without a risk class. */
/**
 * The distinct industry combinations (main industry, extra industries) of the profiles without a risk
 * class — or, given `ids`, of these profiles whatever their class.
 */
export const industryCombinations = async (
  db: Db,
  ids?: number[],
): Promise<Array<{ industry_code: string | null; extras: string }>> => {
  const which = ids ? sql`p.organisation_id = ANY(${sql.val(ids)}::integer[])` : sql`p.risk_class IS NULL`;
  const r = await sql<{ industry_code: string | null; extras: string }>`
    SELECT DISTINCT o.industry_code, array_to_string(p.extra_industry_codes, ',') AS extras
      FROM employer_profile p JOIN organisation o ON o.organisation_id = p.organisation_id
     WHERE ${which}`.execute(db);
  return r.rows;
};

/**
 * Classifies in one statement, by industry combination (the classification of each computed by the
 * caller), every profile without a risk class — or, given `ids`, those of these profiles whose class
 * differs. Returns the number of rows written.
 */
export const setClassificationsByIndustry = async (
  db: Db,
  rows: Array<{
    industry_code: string | null;
    extras: string;
    risk_class: string;
    risk_basis: unknown;
    industrial: boolean;
  }>,
  ids?: number[],
): Promise<number> => {
  if (!rows.length) return 0;
  const which = ids
    ? sql`p.organisation_id = ANY(${sql.val(ids)}::integer[])
       AND (p.risk_class, p.risk_basis, p.industrial) IS DISTINCT FROM (x.risk_class, x.risk_basis, x.industrial)`
    : sql`p.risk_class IS NULL`;
  const r = await sql`
    UPDATE employer_profile AS p
       SET risk_class = x.risk_class, risk_basis = x.risk_basis, industrial = x.industrial
      FROM organisation o, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS x(industry_code text, extras text, risk_class text, risk_basis jsonb, industrial boolean)
     WHERE ${which} AND o.organisation_id = p.organisation_id
       AND o.industry_code IS NOT DISTINCT FROM x.industry_code
       AND array_to_string(p.extra_industry_codes, ',') = x.extras`.execute(db);
  return Number(r.numAffectedRows ?? 0);
};

/**
 * Of these employers, those whose record (RECORD_SQL) differs from their newest version: their profile's
 * version goes up by one (the caller then snapshots them). Returns their ids.
 */
export const bumpChangedVersions = async (db: Db, ids: number[]): Promise<number[]> => {
  if (!ids.length) return [];
  const r = await sql<{ organisation_id: number }>`
    UPDATE employer_profile AS p SET version = p.version + 1, updated_at = now()
      FROM organisation o
     WHERE o.organisation_id = p.organisation_id AND p.organisation_id = ANY(${sql.val(ids)}::integer[])
       AND ${RECORD_SQL} IS DISTINCT FROM (
         SELECT v.record FROM employer_version v
          WHERE v.organisation_id = p.organisation_id ORDER BY v.version DESC LIMIT 1)
    RETURNING p.organisation_id`.execute(db);
  return r.rows.map((x) => x.organisation_id);
};

// ---------- reading ----------

export type EmployerFilters = {
  regionCode?: string;
  riskClass?: string;
  severe?: boolean;
  tenPlus?: boolean;
  industrial?: boolean;
  programmeStatus?: string;
  enterpriseSize?: string;
  q?: string;
};

const employerBase = (db: Db, scope: Scope, f: EmployerFilters) => {
  let qb = db
    .selectFrom('organisation as o')
    .innerJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
    .where('o.kind', '=', 'employer')
    .where('o.status', '=', 'active')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('o.organisation_id') }),
    );
  if (f.regionCode) {
    const prefix = f.regionCode;
    qb = qb.where((eb) => regionPrefixWhere(eb, eb.ref('o.region_code'), prefix));
  }
  if (f.riskClass) qb = qb.where('p.risk_class', '=', f.riskClass);
  if (f.severe !== undefined)
    qb = f.severe
      ? qb.where('p.risk_class', '=', '严重')
      : qb.where((eb) => eb.or([eb('p.risk_class', '<>', '严重'), eb('p.risk_class', 'is', null)]));
  if (f.tenPlus !== undefined)
    qb = f.tenPlus
      ? qb.where('o.employees', '>=', 10)
      : qb.where((eb) => eb.or([eb('o.employees', '<', 10), eb('o.employees', 'is', null)]));
  if (f.industrial !== undefined) qb = qb.where('p.industrial', '=', f.industrial);
  if (f.programmeStatus) qb = qb.where('p.programme_status', '=', f.programmeStatus);
  if (f.enterpriseSize) qb = qb.where('o.enterprise_size', '=', f.enterpriseSize);
  if (f.q) {
    const q = f.q.trim();
    qb = qb.where((eb) =>
      eb.or([eb('o.name', 'like', likeContains(q)), eb('o.credit_code', '=', q.toUpperCase())]),
    );
  }
  return qb;
};

const LIST_COLUMNS = [
  'o.organisation_id',
  'o.name',
  'o.credit_code',
  'o.region_code',
  'o.industry_code',
  'o.employees',
  'o.exposed_employees',
  'o.revenue_wan_yuan',
  'o.enterprise_size',
  'o.address',
  'o.contact_name',
  'o.contact_phone',
  'o.updated_at',
  'p.economic_type_code',
  'p.extra_industry_codes',
  'p.risk_class',
  'p.risk_basis',
  'p.industrial',
  'p.legal_representative',
  'p.programme_status',
  'p.programme_status_reason',
  'p.programme_status_on',
  'p.source',
  'p.version',
  'p.affiliation',
] as const;

export const employerPage = (
  db: Db,
  scope: Scope,
  f: EmployerFilters,
  page: { offset: number; limit: number },
) =>
  employerBase(db, scope, f)
    .select(LIST_COLUMNS)
    .orderBy('o.name_sort')
    .orderBy('o.organisation_id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export type EmployerRow = Awaited<ReturnType<typeof employerPage>>[number];

export const countEmployers = async (db: Db, scope: Scope, f: EmployerFilters): Promise<number> => {
  const r = await employerBase(db, scope, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

/** Export pages by keyset (organisation id), so memory holds one page. */
export const employerExportPage = (
  db: Db,
  scope: Scope,
  f: EmployerFilters,
  afterId: number,
  limit: number,
) =>
  employerBase(db, scope, f)
    .select(LIST_COLUMNS)
    .where('o.organisation_id', '>', afterId)
    .orderBy('o.organisation_id')
    .limit(limit)
    .execute();

export const findEmployer = (db: Db, scope: Scope, id: number) =>
  employerBase(db, scope, {}).select(LIST_COLUMNS).where('o.organisation_id', '=', id).executeTakeFirst();

/** The employer for a write, locked (FOR UPDATE of the profile row). */
export const lockEmployer = (db: Db, scope: Scope, id: number) =>
  employerBase(db, scope, {})
    .select(LIST_COLUMNS)
    .where('o.organisation_id', '=', id)
    .forUpdate('p')
    .executeTakeFirst();

export const unsafeLockEmployer = (db: Db, id: number) =>
  employerBase(db, { kind: 'all' }, {})
    .select(LIST_COLUMNS)
    .where('o.organisation_id', '=', id)
    .forUpdate('p')
    .executeTakeFirst();

export const listVersions = (db: Db, id: number) =>
  db
    .selectFrom('employer_version as v')
    .leftJoin('app_user as u', 'u.user_id', 'v.changed_by')
    .select(['v.version', 'v.record', 'v.reason', 'v.changed_at', 'u.display_name as changed_by_name'])
    .where('v.organisation_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();

/**
 * An export page of an employer's versions, newest first, before `beforeVersion`; each with the record
 * of the version before it (what it changed). The caller has checked the employer is in scope.
 */
export const versionExportPage = (db: Db, id: number, beforeVersion: number | null, limit: number) =>
  db
    .selectFrom('employer_version as v')
    .leftJoin('app_user as u', 'u.user_id', 'v.changed_by')
    .select(['v.version', 'v.record', 'v.reason', 'v.changed_at', 'u.display_name as changed_by_name'])
    .select((eb) =>
      eb
        .selectFrom('employer_version as pv')
        .select('pv.record')
        .whereRef('pv.organisation_id', '=', 'v.organisation_id')
        .whereRef('pv.version', '<', 'v.version')
        .orderBy('pv.version', 'desc')
        .limit(1)
        .as('previous_record'),
    )
    .where('v.organisation_id', '=', id)
    .$if(beforeVersion !== null, (q) => q.where('v.version', '<', beforeVersion!))
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute();

export const countVersions = async (db: Db, id: number) =>
  Number(
    (
      await db
        .selectFrom('employer_version')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('organisation_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const findVersion = (db: Db, id: number, version: number) =>
  db
    .selectFrom('employer_version as v')
    .leftJoin('app_user as u', 'u.user_id', 'v.changed_by')
    .select(['v.version', 'v.record', 'v.reason', 'v.changed_at', 'u.display_name as changed_by_name'])
    .where('v.organisation_id', '=', id)
    .where('v.version', '=', version)
    .executeTakeFirst();

export const updateProfile = (
  db: Db,
  id: number,
  values: Partial<{
    economic_type_code: string | null;
    extra_industry_codes: string[];
    risk_class: string | null;
    risk_basis: string;
    industrial: boolean;
    legal_representative: string | null;
    programme_status: string;
    programme_status_reason: string | null;
    programme_status_on: string | null;
    affiliation: string;
  }>,
) =>
  db
    .updateTable('employer_profile')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', id)
    .returning(['version'])
    .executeTakeFirstOrThrow();

export const updateOrganisationFields = (
  db: Db,
  id: number,
  values: Partial<{
    name: string;
    region_code: string;
    level: string;
    industry_code: string | null;
    employees: number | null;
    exposed_employees: number | null;
    revenue_wan_yuan: number | null;
    enterprise_size: string | null;
    address: string | null;
    contact_name: string | null;
    contact_phone: string | null;
  }>,
) =>
  db
    .updateTable('organisation')
    .set({
      ...values,
      ...(values.name !== undefined && { name_sort: organisationSortKey(values.name) }),
      updated_at: new Date(),
    })
    .where('organisation_id', '=', id)
    .execute();

// ---------- self-registration ----------

export const insertRegistration = (
  db: Db,
  values: {
    lookup_code: string;
    credit_code: string;
    name: string;
    region_code: string;
    address: string;
    industry_code: string;
    contact_name: string;
    contact_phone_enc: string;
    username: string;
    password_hash: string;
  },
) =>
  db
    .insertInto('employer_registration')
    .values(values)
    .returning(['registration_id'])
    .executeTakeFirstOrThrow();

export const unsafePendingRegistrationFor = (db: Db, creditCode: string) =>
  db
    .selectFrom('employer_registration')
    .select('registration_id')
    .where('credit_code', '=', creditCode)
    .where('status', '=', 'pending')
    .executeTakeFirst();

/** Whether an account or a pending registration already holds the username (case-insensitive). */
export const unsafeUsernameTaken = async (
  db: Db,
  username: string,
  exceptRegistration?: number,
): Promise<boolean> => {
  const u = await db
    .selectFrom('app_user')
    .select('user_id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  if (u) return true;
  let q = db
    .selectFrom('employer_registration')
    .select('registration_id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .where('status', '=', 'pending');
  if (exceptRegistration !== undefined) q = q.where('registration_id', '<>', exceptRegistration);
  return !!(await q.executeTakeFirst());
};

export const unsafeRegistrationByLookup = (db: Db, code: string) =>
  db.selectFrom('employer_registration').selectAll().where('lookup_code', '=', code).executeTakeFirst();

const registrationBase = (db: Db, scope: Scope) =>
  db
    .selectFrom('employer_registration as r')
    .leftJoin('app_user as u', 'u.user_id', 'r.reviewed_by')
    .leftJoin('organisation as e', (j) =>
      j
        .onRef('e.credit_code', '=', 'r.credit_code')
        .on('e.status', '=', 'active')
        .on('e.kind', '=', 'employer'),
    )
    // Registrations carry no organisation: an organisation-only scope (an employer) reaches none.
    .where((eb) => scopeWhere(eb, scope, { region: eb.ref('r.region_code'), organisation: sql<number>`-1` }));

const REGISTRATION_COLUMNS = [
  'r.registration_id',
  'r.credit_code',
  'r.name',
  'r.region_code',
  'r.address',
  'r.industry_code',
  'r.contact_name',
  'r.contact_phone_enc',
  'r.username',
  'r.status',
  'r.opinion',
  'r.submitted_at',
  'r.reviewed_at',
  'r.organisation_id',
  'r.linked_existing',
  'u.display_name as reviewed_by_name',
  'e.organisation_id as existing_id',
  'e.name as existing_name',
] as const;

type RegistrationFilters = { status?: string; q?: string };

const filteredRegistrations = (db: Db, scope: Scope, f: RegistrationFilters) => {
  let q = registrationBase(db, scope);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([eb('r.name', 'like', likeContains(text)), eb('r.credit_code', '=', text.toUpperCase())]),
    );
  }
  return q;
};

export const registrationPage = (
  db: Db,
  scope: Scope,
  f: RegistrationFilters,
  page: { offset: number; limit: number },
) =>
  filteredRegistrations(db, scope, f)
    .select(REGISTRATION_COLUMNS)
    .orderBy(sql`(r.status = 'pending')`, 'desc')
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.registration_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
export type RegistrationRow = Awaited<ReturnType<typeof registrationPage>>[number];

export const countRegistrations = async (db: Db, scope: Scope, f: RegistrationFilters) =>
  Number(
    (
      await filteredRegistrations(db, scope, f)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Where an export page resumes: the list's order (pending first, newest first) as a keyset. */
export type RegistrationCursor = { pending: boolean; submittedAt: string; id: number };

/**
 * One page of the registrations export in the list's order, after the cursor's row. The submission
 * time is carried as text (microseconds; a JS Date would round them and skip rows).
 */
export const registrationExportPage = async (
  db: Db,
  scope: Scope,
  f: RegistrationFilters,
  after: RegistrationCursor | null,
  limit: number,
) => {
  let q = filteredRegistrations(db, scope, f)
    .select(REGISTRATION_COLUMNS)
    .select(sql<string>`r.submitted_at::text`.as('submitted_key'));
  if (after) {
    const rank = sql<number>`(CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END)`;
    const lastRank = after.pending ? 0 : 1;
    q = q.where((eb) =>
      eb.or([
        eb(rank, '>', lastRank),
        eb.and([
          eb(rank, '=', lastRank),
          sql<boolean>`(r.submitted_at, r.registration_id) < (${after.submittedAt}::timestamptz, ${after.id}::integer)`,
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy(sql`(r.status = 'pending')`, 'desc')
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.registration_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    cursor: { pending: r.status === 'pending', submittedAt: r.submitted_key, id: r.registration_id },
  }));
};

export const lockRegistration = (db: Db, scope: Scope, id: number) =>
  registrationBase(db, scope)
    .select([...REGISTRATION_COLUMNS, 'r.password_hash'])
    .where('r.registration_id', '=', id)
    .forUpdate('r')
    .executeTakeFirst();

export const findRegistration = (db: Db, scope: Scope, id: number) =>
  registrationBase(db, scope)
    .select(REGISTRATION_COLUMNS)
    .where('r.registration_id', '=', id)
    .executeTakeFirst();

export const decideRegistration = (
  db: Db,
  id: number,
  values: {
    status: 'approved' | 'rejected';
    opinion: string | null;
    organisation_id: number | null;
    user_id: number | null;
    linked_existing: boolean | null;
    reviewed_by: number;
  },
) =>
  db
    .updateTable('employer_registration')
    .set({ ...values, reviewed_at: new Date() })
    .where('registration_id', '=', id)
    .execute();

export const insertEmployerUser = async (
  db: Db,
  values: {
    username: string;
    display_name: string;
    organisation_id: number;
    password_hash: string;
    phone_enc: string;
  },
): Promise<number> => {
  const { user_id } = await db
    .insertInto('app_user')
    .values({
      ...values,
      must_change_password: false,
      password_changed_at: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('user_id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id, role_key: 'employer_staff' }).execute();
  return user_id;
};

export const setEmployerContact = (db: Db, id: number, contactName: string) =>
  db
    .updateTable('organisation')
    .set({ contact_name: contactName, updated_at: new Date() })
    .where('organisation_id', '=', id)
    .where('contact_name', 'is', null)
    .execute();

/**
 * Demo only: an economic type and a legal representative for every employer profile without them,
 * picked from the lists by organisation id; the current version's record is updated to match.
 */
export const setDemoProfileDetails = async (
  db: Db,
  economic: string[],
  surnames: string[],
  given: string[],
): Promise<void> => {
  await sql`
    UPDATE employer_profile AS p
       SET economic_type_code = coalesce(p.economic_type_code,
             (${sql.val(economic)}::text[])[1 + p.organisation_id % ${economic.length}]),
           legal_representative = coalesce(p.legal_representative,
             (${sql.val(surnames)}::text[])[1 + p.organisation_id % ${surnames.length}]
             || (${sql.val(given)}::text[])[1 + (p.organisation_id / 7) % ${given.length}])
      FROM organisation o
     WHERE o.organisation_id = p.organisation_id AND o.kind = 'employer'`.execute(db);
  await sql`
    UPDATE employer_version AS v
       SET record = v.record || jsonb_build_object('economicTypeCode', p.economic_type_code,
                                                   'legalRepresentative', p.legal_representative)
      FROM employer_profile p
     WHERE p.organisation_id = v.organisation_id AND v.version = p.version`.execute(db);
};

/** An active organisation holding a credit code, of any kind (a registration may only link an employer). */
export const activeOrganisationByCreditCode = (db: Kysely<DB> | Transaction<DB>, creditCode: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'kind'])
    .where('credit_code', '=', creditCode)
    .where('status', '=', 'active')
    .executeTakeFirst();

/** Two consecutive versions of an employer's record (what a correction changed). */
export const versionPair = (db: Kysely<DB> | Transaction<DB>, organisationId: number, version: number) =>
  db
    .selectFrom('employer_version')
    .select(['version', 'record'])
    .where('organisation_id', '=', organisationId)
    .where('version', 'in', [version - 1, version])
    .orderBy('version')
    .execute();

/** Demo: a user's id by username. */
export const demoUserId = async (db: Kysely<DB>, username: string) =>
  (await db.selectFrom('app_user').select('user_id').where('username', '=', username).executeTakeFirst())
    ?.user_id;

/** Demo: whether any registration exists (the demo seeds once). */
export const anyRegistration = async (db: Kysely<DB>) =>
  !!(await db.selectFrom('employer_registration').select('registration_id').limit(1).executeTakeFirst());

/** Demo: a registration by its applicant's username. */
export const registrationIdByUsername = async (db: Kysely<DB>, username: string) =>
  (
    await db
      .selectFrom('employer_registration')
      .select('registration_id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).registration_id;

/** Demo: the first active employers of a county other than one, by id. */
export const demoCountyEmployers = (db: Kysely<DB>, countyCode: string, except: number, limit: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'credit_code', 'name'])
    .where('kind', '=', 'employer')
    .where('status', '=', 'active')
    .where('region_code', '=', countyCode)
    .where('organisation_id', '<>', except)
    .orderBy('organisation_id')
    .limit(limit)
    .execute();
