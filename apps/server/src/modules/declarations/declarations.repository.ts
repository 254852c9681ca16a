/** Queries of 职业病危害项目申报 (migration 0038): declarations in scope, their versions, employers, the receiving commission. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

export type DeclarationFilters = {
  type?: string;
  status?: string;
  late?: boolean;
  regionCode?: string;
  year?: number;
  q?: string;
  /** Only those this region's commission receives: its county's (county level) or its city's (city level). */
  receivedBy?: string;
};

const scoped = (db: Db, scope: Scope, f: DeclarationFilters) => {
  let q = db
    .selectFrom('declaration as d')
    .innerJoin('organisation as o', 'o.organisation_id', 'd.employer_id')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('d.region_code'), organisation: eb.ref('d.employer_id') }),
    );
  if (f.type) q = q.where('d.declaration_type', '=', f.type);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.late !== undefined) q = q.where('d.late', '=', f.late);
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('d.region_code'), f.regionCode!));
  if (f.year)
    q = q.where((eb) =>
      eb(
        sql<number>`extract(year from coalesce(${eb.ref('d.accepted_at')}, ${eb.ref('d.submitted_at')}, ${eb.ref('d.created_at')}))`,
        '=',
        f.year!,
      ),
    );
  if (f.receivedBy) {
    const level = f.receivedBy.length === 4 ? 'city' : 'county';
    q = q
      .where('d.receiving_level', '=', level)
      .where((eb) => regionPrefixWhere(eb, eb.ref('d.region_code'), f.receivedBy!));
  }
  if (f.q) {
    const like = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.credit_code', 'like', like)]));
  }
  return q;
};

const columns = [
  'd.declaration_id',
  'd.employer_id',
  'd.region_code',
  'd.receiving_level',
  'd.declaration_type',
  'd.change_reason',
  'd.trigger_date',
  'd.status',
  'd.form',
  'd.employees',
  'd.exposed_distinct',
  'd.exposed_repeated',
  'd.due_on',
  'd.late',
  'd.submitted_at',
  'd.receipt_due_on',
  'd.accepted_at',
  'd.receipt_document_id',
  'd.previous_id',
  'd.source',
  'd.import_key',
  'd.version',
  'd.created_at',
  'd.updated_at',
  'o.name as employer_name',
  'o.credit_code',
] as const;

export const listDeclarations = (
  db: Db,
  scope: Scope,
  f: DeclarationFilters,
  page: { offset: number; limit: number },
) =>
  scoped(db, scope, f)
    .select(columns)
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.declaration_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export const countDeclarations = (db: Kysely<DB>, scope: Scope, f: DeclarationFilters, opts: TotalOptions) =>
  countMatches(db, scoped(db, scope, f).select('d.declaration_id'), opts);

export type DeclarationRow = Awaited<ReturnType<typeof listDeclarations>>[number];

export const declarationInScope = (db: Db, scope: Scope, id: number) =>
  scoped(db, scope, {}).select(columns).where('d.declaration_id', '=', id).executeTakeFirst();

export const lockDeclaration = (trx: Transaction<DB>, scope: Scope, id: number) =>
  scoped(trx, scope, {}).select(columns).where('d.declaration_id', '=', id).forUpdate('d').executeTakeFirst();

/** The employer's organisation row with its profile (what prefills 基本信息). */
export const employerOf = (db: Db, id: number) =>
  db
    .selectFrom('organisation as o')
    .leftJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
    .select([
      'o.organisation_id',
      'o.name',
      'o.kind',
      'o.region_code',
      'o.credit_code',
      'o.address',
      'o.industry_code',
      'o.employees',
      'o.exposed_employees',
      'o.revenue_wan_yuan',
      'o.enterprise_size',
      'o.contact_phone',
      'p.economic_type_code',
      'p.legal_representative',
      'p.affiliation',
    ])
    .where('o.organisation_id', '=', id)
    .executeTakeFirst();

/** The employer's last accepted declaration and its open one (at most one, by the unique index). */
export const lastAcceptedOf = (db: Db, employerId: number) =>
  db
    .selectFrom('declaration')
    .selectAll()
    .where('employer_id', '=', employerId)
    .where('status', '=', 'accepted')
    .orderBy('accepted_at', 'desc')
    .orderBy('declaration_id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Whether the employer has any declaration at all (a draft, a returned one, an imported one …). */
export const hasDeclarationOf = async (db: Db, employerId: number): Promise<boolean> =>
  (await db
    .selectFrom('declaration')
    .select('declaration_id')
    .where('employer_id', '=', employerId)
    .limit(1)
    .executeTakeFirst()) !== undefined;

export const openDeclarationOf = (db: Db, employerId: number) =>
  db
    .selectFrom('declaration')
    .select(['declaration_id', 'status'])
    .where('employer_id', '=', employerId)
    .where('status', 'in', ['draft', 'submitted', 'returned'])
    .executeTakeFirst();

export type NewDeclaration = {
  employer_id: number;
  region_code: string;
  receiving_level: 'county' | 'city';
  declaration_type: string;
  change_reason: string | null;
  trigger_date: string | null;
  form: unknown;
  employees: number | null;
  exposed_distinct: number;
  exposed_repeated: number;
  due_on: string | null;
  previous_id: number | null;
  created_by: number | null;
};

export const insertDeclaration = async (trx: Transaction<DB>, v: NewDeclaration): Promise<number> =>
  (
    await trx
      .insertInto('declaration')
      .values({ ...v, form: JSON.stringify(v.form) })
      .returning('declaration_id')
      .executeTakeFirstOrThrow()
  ).declaration_id;

export const updateDeclaration = async (
  trx: Transaction<DB>,
  id: number,
  v: Partial<{
    status: string;
    form: unknown;
    employees: number | null;
    exposed_distinct: number;
    exposed_repeated: number;
    trigger_date: string | null;
    change_reason: string | null;
    due_on: string | null;
    late: boolean;
    submitted_at: string | Date;
    receipt_due_on: string | null;
    receiving_level: 'county' | 'city';
    accepted_at: string | Date;
    accepted_by: number | null;
    receipt_document_id: number;
    version: number;
  }>,
) => {
  const values = { ...v, ...(v.form !== undefined && { form: JSON.stringify(v.form) }) };
  await trx
    .updateTable('declaration')
    .set({ ...values, updated_at: sql`now()` })
    .where('declaration_id', '=', id)
    .execute();
};

export const deleteDeclaration = (trx: Transaction<DB>, id: number) =>
  trx.deleteFrom('declaration').where('declaration_id', '=', id).where('status', '=', 'draft').execute();

export const insertVersion = async (
  trx: Transaction<DB>,
  v: {
    declaration_id: number;
    version_no: number;
    form: unknown;
    totals: unknown;
    submitted_by: number | null;
    submitted_at?: Date;
  },
): Promise<number> =>
  (
    await trx
      .insertInto('declaration_version')
      .values({ ...v, form: JSON.stringify(v.form), totals: JSON.stringify(v.totals) })
      .returning('declaration_version_id')
      .executeTakeFirstOrThrow()
  ).declaration_version_id;

export const openVersionOf = (db: Db, declarationId: number) =>
  db
    .selectFrom('declaration_version')
    .selectAll()
    .where('declaration_id', '=', declarationId)
    .where('decision', 'is', null)
    .orderBy('version_no', 'desc')
    .executeTakeFirst();

export const decideVersion = (
  trx: Transaction<DB>,
  versionId: number,
  v: {
    decision: 'returned' | 'accepted';
    opinion: string | null;
    decided_by: number | null;
    decided_at?: string;
  },
) =>
  trx
    .updateTable('declaration_version')
    .set({ ...v, decided_at: v.decided_at ?? sql`now()` })
    .where('declaration_version_id', '=', versionId)
    .execute();

export const versionsOf = (db: Db, declarationId: number) =>
  db
    .selectFrom('declaration_version')
    .select(['declaration_version_id', 'version_no', 'submitted_at', 'decision', 'opinion', 'decided_at'])
    .where('declaration_id', '=', declarationId)
    .orderBy('version_no', 'desc')
    .execute();

/** The receiving health commission (county or city) of a region, for the 回执 clock. */
export const commissionOf = (db: Db, regionCode: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name'])
    .where('kind', '=', 'health_commission')
    .where('region_code', '=', regionCode)
    .orderBy('organisation_id')
    .executeTakeFirst();

/** The open submissions (their version ids) of these declarations, for the 回执 clock. */
export const openVersionsOf = async (db: Db, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('declaration_version')
        .select(['declaration_id', 'declaration_version_id'])
        .where('declaration_id', 'in', ids)
        .where('decision', 'is', null)
        .execute()
    : [];

/** Legacy import: which of these import keys exist already (one query per chunk). */
export const existingImportKeys = async (db: Db, keys: string[]) =>
  keys.length
    ? new Set(
        (
          await db.selectFrom('declaration').select('import_key').where('import_key', 'in', keys).execute()
        ).map((r) => r.import_key!),
      )
    : new Set<string>();

/** The form of a declaration (the previous accepted one, for prefilling and the annual-update rule). */
export const formOfDeclaration = (db: Db, id: number) =>
  db.selectFrom('declaration').select('form').where('declaration_id', '=', id).executeTakeFirst();

/** The versions of a declaration that were returned (their clocks close when it is resubmitted). */
export const returnedVersionIds = async (db: Db, declarationId: number) =>
  (
    await db
      .selectFrom('declaration_version')
      .select('declaration_version_id')
      .where('declaration_id', '=', declarationId)
      .where('decision', '=', 'returned')
      .execute()
  ).map((v) => v.declaration_version_id);

export type ImportedDeclarationRow = {
  employer_id: number;
  region_code: string;
  declaration_type: string;
  form: string;
  employees: number;
  exposed_distinct: number;
  exposed_repeated: number;
  submitted_at: string;
  accepted_at: string;
  import_key: string;
};

/** Legacy import: accepted declarations of one chunk, in one statement; a known import key is skipped. */
export const insertImportedDeclarations = async (trx: Transaction<DB>, rows: ImportedDeclarationRow[]) => {
  if (!rows.length) return;
  await trx
    .insertInto('declaration')
    .values(rows.map((r) => ({ ...r, status: 'accepted', source: 'import' })))
    .onConflict((oc) => oc.column('import_key').doNothing())
    .execute();
};

/** These employers' accepted declarations, each employer's newest first (the clocks a legacy import leaves). */
export const acceptedDeclarationsOf = (db: Db, employerIds: number[]) =>
  db
    .selectFrom('declaration')
    .select(['declaration_id', 'employer_id', 'region_code', 'declaration_type', 'accepted_at'])
    .where('employer_id', 'in', employerIds)
    .where('status', '=', 'accepted')
    .orderBy('employer_id')
    .orderBy('accepted_at', 'desc')
    .orderBy('declaration_id', 'desc')
    .execute();

/** Demo: whether any declaration exists (the demo seeds once). */
export const anyDeclaration = async (db: Db) =>
  !!(await db.selectFrom('declaration').select('declaration_id').limit(1).executeTakeFirst());

/** Demo: the employers of a region with a credit code and an industry, with their risk class, by id. */
export const demoEmployersOf = (db: Db, regionPrefix: string) =>
  db
    .selectFrom('organisation as o')
    .leftJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
    .select([
      'o.organisation_id',
      'o.region_code',
      'o.name',
      'o.credit_code',
      'o.industry_code',
      'o.employees',
      'o.exposed_employees',
      'p.risk_class',
    ])
    .where('o.kind', '=', 'employer')
    .where('o.region_code', 'like', `${regionPrefix}%`)
    .where('o.credit_code', 'is not', null)
    .where('o.industry_code', 'is not', null)
    .orderBy('o.organisation_id')
    .execute();

/** Demo: the active employers of a region with no declaration at all (the legacy import's rows), by id. */
export const demoUndeclaredEmployersOf = (db: Db, regionPrefix: string) =>
  db
    .selectFrom('organisation as o')
    .select([
      'o.organisation_id',
      'o.region_code',
      'o.name',
      'o.credit_code',
      'o.industry_code',
      'o.employees',
      'o.exposed_employees',
    ])
    .where('o.kind', '=', 'employer')
    .where('o.status', '=', 'active')
    .where('o.region_code', 'like', `${regionPrefix}%`)
    .where('o.credit_code', 'is not', null)
    .where('o.industry_code', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('declaration as d')
            .select('d.declaration_id')
            .whereRef('d.employer_id', '=', 'o.organisation_id'),
        ),
      ),
    )
    .orderBy('o.organisation_id')
    .execute();

/** Demo: the county-level health commissions of a province (the receiving departments). */
export const countyCommissionsOf = (db: Db, province: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'region_code'])
    .where('kind', '=', 'health_commission')
    .where('region_code', 'like', `${province}____`)
    .execute();
