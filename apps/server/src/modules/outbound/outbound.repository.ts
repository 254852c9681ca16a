/** All SQL of 外出体检告知 (outbound-exam notices): notices, the province's notice period, delegated counties. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

const noticeColumns = [
  'n.outbound_notice_id',
  'n.institution_id',
  'n.filing_id',
  'n.status',
  'n.employer_id',
  'n.employer_name',
  'n.employer_credit_code',
  'n.employer_region_code',
  'n.site_address',
  'n.start_date',
  'n.end_date',
  'n.hazard_codes',
  'n.exam_items',
  'n.staff',
  'n.vehicles',
  'n.equipment',
  'n.expected_count',
  'n.contact_name',
  'n.contact_phone',
  'n.note',
  'n.receiving_region_code',
  'n.receiving_organisation_id',
  'n.delegated',
  'n.notice_working_days',
  'n.convention',
  'n.calendar_provisional',
  'n.submitted_at',
  'n.submitted_on',
  'n.acknowledged_at',
  'n.acknowledge_note',
  'n.withdrawn_at',
  'n.withdraw_reason',
  'n.document_id',
  'i.name as institution_name',
  'r.name as receiving_organisation_name',
  'f.filing_no',
] as const;

/**
 * Notices in scope. The institution sees its own (drafts too); regulators and the QC centre see the
 * submitted ones (never a draft) by the employer's region — a county sees the notices for employers in
 * it, also those routed to its city under delegation; the city sees its counties'.
 */
const scoped = (db: Db, scope: Scope) =>
  db
    .selectFrom('outbound_notice as n')
    .innerJoin('organisation as i', 'i.organisation_id', 'n.institution_id')
    .leftJoin('organisation as r', 'r.organisation_id', 'n.receiving_organisation_id')
    .leftJoin('filing as f', 'f.filing_id', 'n.filing_id')
    .where((eb) =>
      scopeWhere(eb, scope, {
        region: eb.ref('n.employer_region_code'),
        organisation: eb.ref('n.institution_id'),
      }),
    )
    .where((eb) =>
      scope.kind === 'organisation' ? sql<boolean>`true` : eb('n.submitted_at', 'is not', null),
    );

export type NoticeRow = NonNullable<Awaited<ReturnType<typeof noticeInScope>>>;

export const noticeInScope = (db: Db, scope: Scope, id: number) =>
  scoped(db, scope).select(noticeColumns).where('n.outbound_notice_id', '=', id).executeTakeFirst();

export const lockNotice = (trx: Transaction<DB>, scope: Scope, id: number) =>
  scoped(trx, scope)
    .select(noticeColumns)
    .where('n.outbound_notice_id', '=', id)
    .forUpdate('n')
    .executeTakeFirst();

export type NoticeFilter = { status?: string; receivingOrganisationId?: number; q?: string };

const filtered = (db: Db, scope: Scope, f: NoticeFilter) => {
  let q = scoped(db, scope);
  if (f.status) q = q.where('n.status', '=', f.status as 'draft');
  if (f.receivingOrganisationId !== undefined)
    q = q.where('n.receiving_organisation_id', '=', f.receivingOrganisationId);
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('n.employer_name', 'like', likeContains(f.q!)), eb('i.name', 'like', likeContains(f.q!))]),
    );
  return q;
};

export const listNotices = (db: Db, scope: Scope, f: NoticeFilter, page: { offset: number; limit: number }) =>
  filtered(db, scope, f)
    .select(noticeColumns)
    .orderBy(sql`CASE n.status WHEN 'submitted' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`)
    .orderBy('n.start_date', 'desc')
    .orderBy('n.outbound_notice_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export const countNotices = async (db: Db, scope: Scope, f: NoticeFilter): Promise<number> =>
  Number(
    (
      await filtered(db, scope, f)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export type NoticeValues = {
  employer_id: number | null;
  employer_name: string;
  employer_credit_code: string | null;
  employer_region_code: string;
  site_address: string;
  start_date: string;
  end_date: string;
  hazard_codes: string;
  exam_items: string | null;
  staff: string;
  vehicles: string;
  equipment: string;
  expected_count: number;
  contact_name: string | null;
  contact_phone: string | null;
  note: string | null;
};

export const insertNotice = async (
  trx: Db,
  v: NoticeValues & { institution_id: number; filing_id: number | null; created_by: number | null },
): Promise<number> =>
  (
    await trx
      .insertInto('outbound_notice')
      .values(v)
      .returning('outbound_notice_id')
      .executeTakeFirstOrThrow()
  ).outbound_notice_id;

export const updateNotice = (
  trx: Db,
  id: number,
  v: Partial<DB['outbound_notice']> | Record<string, unknown>,
) =>
  trx
    .updateTable('outbound_notice')
    .set({ ...(v as object), updated_at: sql`now()` } as never)
    .where('outbound_notice_id', '=', id)
    .execute();

// -------------------------------------------------------------------------------------------------
// What the notice draws on: the institution, its live filing and capability, the employer, routing.

export const organisationById = (db: Db, id: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'kind', 'region_code', 'credit_code', 'address'])
    .where('organisation_id', '=', id)
    .executeTakeFirst();

/** The institution's live filing (not cancelled) with its filed content. */
export const liveFilingWithContent = (db: Db, institutionId: number) =>
  db
    .selectFrom('filing as f')
    .leftJoin('filing_version as v', 'v.filing_version_id', 'f.filed_version_id')
    .select(['f.filing_id', 'f.kind', 'f.status', 'f.filing_no', 'f.filed_on', 'f.imported', 'v.content'])
    .where('f.institution_id', '=', institutionId)
    .where('f.status', '<>', 'cancelled')
    .executeTakeFirst();

export const capabilityOf = (db: Db, institutionId: number) =>
  db
    .selectFrom('institution_capability')
    .select(['hazard_code', 'status'])
    .where('institution_id', '=', institutionId)
    .orderBy('hazard_code')
    .execute();

export const settingOf = (db: Db, provinceCode: string) =>
  db.selectFrom('outbound_setting').selectAll().where('province_code', '=', provinceCode).executeTakeFirst();

export type SettingValues = {
  notice_working_days: number;
  convention: 'clear_days' | 'notice_day_counts';
  legal_basis: string;
  confidence: 'verified' | 'uncertain';
  note: string | null;
};

/** The province's row, locked (null when the province has none yet). */
export const lockSetting = (trx: Transaction<DB>, provinceCode: string) =>
  trx
    .selectFrom('outbound_setting')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .forUpdate()
    .executeTakeFirst();

export const upsertSetting = (trx: Db, provinceCode: string, v: SettingValues) =>
  trx
    .insertInto('outbound_setting')
    .values({ province_code: provinceCode, ...v })
    .onConflict((oc) => oc.column('province_code').doUpdateSet({ ...v, updated_at: sql`now()` }))
    .execute();

export const delegationOf = (db: Db, countyCode: string) =>
  db.selectFrom('outbound_delegation').selectAll().where('county_code', '=', countyCode).executeTakeFirst();

/** Records a delegated county (its city = the code's first four digits); false when it already was. */
export const insertDelegation = async (db: Db, countyCode: string, note: string | null): Promise<boolean> =>
  (
    await db
      .insertInto('outbound_delegation')
      .values({ county_code: countyCode, city_code: countyCode.slice(0, 4), note })
      .onConflict((oc) => oc.column('county_code').doNothing())
      .returning('county_code')
      .execute()
  ).length > 0;

export const deleteDelegation = (db: Db, countyCode: string) =>
  db
    .deleteFrom('outbound_delegation')
    .where('county_code', '=', countyCode)
    .returningAll()
    .executeTakeFirst();

/** The province's delegated counties with the name of the city's health commission (the receiver). */
export const delegations = (db: Db, provinceCode: string) =>
  db
    .selectFrom('outbound_delegation as d')
    .select([
      'd.county_code',
      'd.city_code',
      'd.note',
      'd.created_at',
      (eb) =>
        eb
          .selectFrom('organisation as o')
          .select('o.name')
          .where('o.kind', '=', 'health_commission')
          .whereRef('o.region_code', '=', 'd.city_code')
          .orderBy('o.organisation_id')
          .limit(1)
          .as('city_department'),
    ])
    .where('d.county_code', 'like', `${provinceCode}%`)
    .orderBy('d.county_code')
    .execute();

/** The health commission of exactly this region (county or city). */
export const healthCommissionOf = (db: Db, regionCode: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'region_code'])
    .where('kind', '=', 'health_commission')
    .where('region_code', '=', regionCode)
    .orderBy('organisation_id')
    .executeTakeFirst();

// Demo support: the first filed exam institutions of a province, a user for one, employers of a county.

export const filedExamInstitutions = (db: Db, provinceCode: string) =>
  db
    .selectFrom('filing as f')
    .innerJoin('organisation as o', 'o.organisation_id', 'f.institution_id')
    .select(['o.organisation_id', 'o.name', 'o.region_code', 'f.filing_id'])
    .where('f.kind', '=', 'exam')
    .where('f.status', '=', 'filed')
    .where('o.region_code', 'like', `${provinceCode}%`)
    .orderBy('f.filing_id')
    .execute();

export const employersOfRegion = (db: Db, regionCode: string, limit: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'region_code', 'address'])
    .where('kind', '=', 'employer')
    .where('region_code', '=', regionCode)
    .orderBy('organisation_id')
    .limit(limit)
    .execute();

export const countiesOfCity = (db: Db, cityCode: string) =>
  db
    .selectFrom('organisation')
    .select('region_code')
    .distinct()
    .where('kind', '=', 'health_commission')
    .where('region_code', 'like', `${cityCode}__`)
    .orderBy('region_code')
    .execute();

/** A demo account for an institution, sharing the password hash of an existing demo account. */
export const insertDemoUser = async (
  db: Db,
  u: { username: string; displayName: string; organisationId: number; role: string; likeUsername: string },
): Promise<number | null> => {
  const like = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('username', '=', u.likeUsername)
    .executeTakeFirst();
  if (!like) return null;
  const taken = await db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', u.username)
    .executeTakeFirst();
  if (taken) return null;
  const row = await db
    .insertInto('app_user')
    .values({
      username: u.username,
      display_name: u.displayName,
      organisation_id: u.organisationId,
      password_hash: like.password_hash,
      must_change_password: false,
    })
    .returning('user_id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: row.user_id, role_key: u.role }).execute();
  return row.user_id;
};

/** Registered employers of a province by name or credit code (the employer picker). */
export const searchEmployers = (db: Db, provinceCode: string, q: string, limit: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'credit_code', 'region_code', 'address'])
    .where('kind', '=', 'employer')
    .where('region_code', 'like', `${provinceCode}%`)
    .where((eb) => eb.or([eb('name', 'like', likeContains(q)), eb('credit_code', '=', q.toUpperCase())]))
    .orderBy('name')
    .limit(limit)
    .execute();

export const anyNotice = (db: Db) =>
  db.selectFrom('outbound_notice').select('outbound_notice_id').limit(1).executeTakeFirst();
