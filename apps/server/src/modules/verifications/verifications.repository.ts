/** Queries of 现场核查 (migration 0029): verifications in scope, the checklist, results, capability rows. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

export type VerificationFilters = {
  status?: string;
  result?: string;
  overdueOn?: string;
  regionCode?: string;
  q?: string;
};

const scoped = (db: Db, scope: Scope, f: VerificationFilters) => {
  let q = db
    .selectFrom('verification as v')
    .innerJoin('organisation as o', 'o.organisation_id', 'v.institution_id')
    .innerJoin('filing as f', 'f.filing_id', 'v.filing_id')
    .leftJoin('organisation as r', 'r.organisation_id', 'v.responsible_organisation_id')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('v.region_code'), organisation: eb.ref('v.institution_id') }),
    );
  if (f.status) q = q.where('v.status', '=', f.status as 'pending');
  if (f.result) q = q.where('v.result', '=', f.result as 'passed');
  if (f.overdueOn) q = q.where('v.status', '<>', 'completed').where('v.due_on', '<', f.overdueOn);
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('v.region_code'), f.regionCode!));
  if (f.q) {
    const like = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'like', like), eb('f.filing_no', 'like', like)]));
  }
  return q;
};

const columns = [
  'v.verification_id',
  'v.filing_id',
  'v.institution_id',
  'v.region_code',
  'v.responsible_organisation_id',
  'v.verification_template_id',
  'v.status',
  'v.result',
  'v.filed_on',
  'v.due_on',
  'v.scheduled_on',
  'v.assessors',
  'v.completed_on',
  'v.conclusion',
  'f.filing_no',
  'f.kind as filing_kind',
  'o.name as institution_name',
  'r.name as responsible_name',
] as const;

export const listVerifications = (
  db: Db,
  scope: Scope,
  f: VerificationFilters,
  page: { offset: number; limit: number },
) =>
  scoped(db, scope, f)
    .select(columns)
    .select((eb) =>
      eb
        .selectFrom('verification_factor as vf')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('vf.verification_id', '=', 'v.verification_id')
        .where('vf.capable', '=', false)
        .as('failed_factors'),
    )
    .orderBy(sql`v.status = 'completed'`)
    .orderBy('v.due_on')
    .orderBy('v.verification_id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export type VerificationRow = Awaited<ReturnType<typeof listVerifications>>[number];

export const countVerifications = (
  db: Kysely<DB>,
  scope: Scope,
  f: VerificationFilters,
  opts: TotalOptions,
) => countMatches(db, scoped(db, scope, f).select('v.verification_id'), opts);

export const verificationInScope = (db: Db, scope: Scope, id: number) =>
  scoped(db, scope, {})
    .select(columns)
    .select(sql<number>`0`.as('failed_factors'))
    .where('v.verification_id', '=', id)
    .executeTakeFirst();

/** Locks the verification row for a write (scope applied). */
export const lockVerification = async (trx: Transaction<DB>, scope: Scope, id: number) => {
  const r = await verificationInScope(trx, scope, id);
  if (!r) return undefined;
  await trx
    .selectFrom('verification')
    .select('verification_id')
    .where('verification_id', '=', id)
    .forUpdate()
    .execute();
  return r;
};

export const activeTemplate = (db: Db, code: string) =>
  db
    .selectFrom('verification_template')
    .selectAll()
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();

export const templateById = (db: Db, id: number) =>
  db
    .selectFrom('verification_template')
    .selectAll()
    .where('verification_template_id', '=', id)
    .executeTakeFirstOrThrow();

export const templateItems = (db: Db, templateId: number) =>
  db
    .selectFrom('verification_template_item')
    .selectAll()
    .where('verification_template_id', '=', templateId)
    .orderBy('sort')
    .execute();

export const itemResults = (db: Db, verificationId: number) =>
  db
    .selectFrom('verification_item_result')
    .selectAll()
    .where('verification_id', '=', verificationId)
    .execute();

export const factorsOf = (db: Db, verificationId: number) =>
  db
    .selectFrom('verification_factor as vf')
    .innerJoin('verification as v', 'v.verification_id', 'vf.verification_id')
    .leftJoin('institution_capability as c', (j) =>
      j.onRef('c.institution_id', '=', 'v.institution_id').onRef('c.hazard_code', '=', 'vf.hazard_code'),
    )
    .select(['vf.hazard_code', 'vf.capable', 'vf.note', 'c.status as capability_status'])
    .where('vf.verification_id', '=', verificationId)
    .orderBy('vf.hazard_code')
    .execute();

/** The QC centre of the province, else its health commission (who must act on the clock). */
export const responsibleFor = async (db: Db, province: string) =>
  (await db
    .selectFrom('organisation')
    .select(['organisation_id', 'kind'])
    .where('kind', 'in', ['qc_centre', 'health_commission'])
    .where('region_code', '=', province)
    .orderBy(sql`kind = 'qc_centre'`, 'desc')
    .orderBy('organisation_id')
    .executeTakeFirst()) ?? null;

export const insertVerification = async (
  trx: Transaction<DB>,
  v: {
    filing_id: number;
    institution_id: number;
    region_code: string;
    responsible_organisation_id: number | null;
    verification_template_id: number;
    filed_on: string;
    due_on: string;
  },
  hazardCodes: string[],
): Promise<number | null> => {
  const row = await trx
    .insertInto('verification')
    .values(v)
    .onConflict((oc) => oc.column('filing_id').doNothing())
    .returning('verification_id')
    .executeTakeFirst();
  if (!row) return null;
  if (hazardCodes.length)
    await trx
      .insertInto('verification_factor')
      .values(hazardCodes.map((hazard_code) => ({ verification_id: row.verification_id, hazard_code })))
      .execute();
  return row.verification_id;
};

export const updateVerification = (
  trx: Transaction<DB>,
  id: number,
  patch: {
    status?: 'pending' | 'scheduled' | 'completed';
    result?: 'passed' | 'failed' | null;
    scheduled_on?: string | null;
    assessors?: string;
    completed_on?: string | null;
    completed_by?: number | null;
    conclusion?: string | null;
  },
) =>
  trx
    .updateTable('verification')
    .set({ ...patch, updated_at: sql`now()` })
    .where('verification_id', '=', id)
    .execute();

export const upsertItemResults = async (
  trx: Transaction<DB>,
  rows: Array<{
    verification_id: number;
    verification_template_item_id: number;
    result: 'conform' | 'nonconform' | 'not_applicable';
    note: string | null;
    recorded_by: number | null;
  }>,
) => {
  if (!rows.length) return;
  await trx
    .insertInto('verification_item_result')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['verification_id', 'verification_template_item_id']).doUpdateSet((eb) => ({
        result: eb.ref('excluded.result'),
        note: eb.ref('excluded.note'),
        recorded_by: eb.ref('excluded.recorded_by'),
        recorded_at: sql`now()`,
      })),
    )
    .execute();
};

export const updateFactors = async (
  trx: Transaction<DB>,
  verificationId: number,
  rows: Array<{ hazard_code: string; capable: boolean; note: string | null }>,
) => {
  for (const r of rows)
    await trx
      .updateTable('verification_factor')
      .set({ capable: r.capable, note: r.note })
      .where('verification_id', '=', verificationId)
      .where('hazard_code', '=', r.hazard_code)
      .execute();
};

/**
 * The factors found not capable become 不具备能力的服务项目: 'blocked' capability rows (a 'filed' row of the
 * same factor is turned into 'blocked'; the filing's later changes keep blocked rows: filings.repository).
 */
export const blockCapability = async (
  trx: Transaction<DB>,
  institutionId: number,
  codes: string[],
  since: string,
  note: string,
) => {
  if (!codes.length) return;
  await trx
    .insertInto('institution_capability')
    .values(
      codes.map((hazard_code) => ({
        institution_id: institutionId,
        hazard_code,
        status: 'blocked' as const,
        source: 'verification' as const,
        since,
        note,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['institution_id', 'hazard_code']).doUpdateSet({
        status: 'blocked',
        source: 'verification',
        since,
        note,
      }),
    )
    .execute();
};

/** Whether the institution's live filing has a completed, passed verification. */
export const passedVerificationOf = (db: Db, institutionId: number) =>
  db
    .selectFrom('verification as v')
    .innerJoin('filing as f', 'f.filing_id', 'v.filing_id')
    .select('v.verification_id')
    .where('v.institution_id', '=', institutionId)
    .where('f.status', '=', 'filed')
    .where('v.status', '=', 'completed')
    .where('v.result', '=', 'passed')
    .executeTakeFirst();

/** Demo only: a verification filed `filedOn`, due `dueOn`, with its clock moved the same way. */
export const unsafeBackdateForDemo = async (
  trx: Transaction<DB>,
  id: number,
  filedOn: string,
  dueOn: string,
) => {
  await trx
    .updateTable('verification')
    .set({ filed_on: filedOn, due_on: dueOn })
    .where('verification_id', '=', id)
    .execute();
  await trx
    .updateTable('deadline')
    .set({ starts_on: filedOn, due_on: dueOn })
    .where('kind', '=', 'onsite_verification')
    .where('subject_type', '=', 'verification')
    .where('subject_id', '=', id)
    .execute();
};

export const evidenceOf = (db: Db, verificationId: number) =>
  db
    .selectFrom('verification_evidence')
    .select(['verification_evidence_id', 'item_code', 'file_name', 'media_type', 'size_bytes', 'uploaded_at'])
    .where('verification_id', '=', verificationId)
    .orderBy('verification_evidence_id')
    .execute();

export const insertEvidence = async (
  trx: Transaction<DB>,
  row: {
    verification_id: number;
    item_code: string;
    file_name: string;
    media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
    size_bytes: number;
    sha256: string;
    content: Buffer;
    uploaded_by: number | null;
  },
): Promise<number> =>
  (
    await trx
      .insertInto('verification_evidence')
      .values(row)
      .returning('verification_evidence_id')
      .executeTakeFirstOrThrow()
  ).verification_evidence_id;

export const evidenceFileOf = (db: Db, verificationId: number, evidenceId: number) =>
  db
    .selectFrom('verification_evidence')
    .select(['file_name', 'media_type', 'content'])
    .where('verification_id', '=', verificationId)
    .where('verification_evidence_id', '=', evidenceId)
    .executeTakeFirst();

/** Every verification's id and status, in id order (demo seeding checks it runs once). */
export const verificationStatuses = (db: Db) =>
  db.selectFrom('verification').select(['verification_id', 'status']).orderBy('verification_id').execute();

/** The due date of a verification, from its clock. */
export const setVerificationDue = async (db: Db, id: number, dueOn: string): Promise<void> => {
  await db.updateTable('verification').set({ due_on: dueOn }).where('verification_id', '=', id).execute();
};

/**
 * 信息公开, the lacking-capability list: the completed verifications of live filed filings in a province,
 * the institutions' blocked capability rows, and the checklist items found 不符合. Unscoped: the list is
 * public; the public-lists module decides who publishes it.
 */
export const unsafeCompletedVerificationsOf = (db: Db, provinceCode: string) =>
  db
    .selectFrom('verification as v')
    .innerJoin('filing as f', 'f.filing_id', 'v.filing_id')
    .innerJoin('organisation as o', 'o.organisation_id', 'v.institution_id')
    .select([
      'v.verification_id',
      'v.institution_id',
      'v.region_code',
      'v.result',
      'v.completed_on',
      'f.filing_no',
      'o.name as institution_name',
    ])
    .where('v.status', '=', 'completed')
    .where('f.status', '=', 'filed')
    .where((eb) => regionPrefixWhere(eb, eb.ref('v.region_code'), provinceCode))
    .orderBy('v.region_code')
    .orderBy('v.verification_id')
    .execute();

export const unsafeBlockedCapabilityOf = (db: Db, provinceCode: string) =>
  db
    .selectFrom('institution_capability as c')
    .innerJoin('filing as f', (j) =>
      j.onRef('f.institution_id', '=', 'c.institution_id').on('f.status', '=', 'filed'),
    )
    .innerJoin('organisation as o', 'o.organisation_id', 'c.institution_id')
    .select([
      'c.institution_id',
      'c.hazard_code',
      'c.since',
      'f.region_code',
      'f.filing_no',
      'o.name as institution_name',
    ])
    .where('c.status', '=', 'blocked')
    .where((eb) => regionPrefixWhere(eb, eb.ref('f.region_code'), provinceCode))
    .orderBy('c.institution_id')
    .orderBy('c.hazard_code')
    .execute();

export const nonconformItemsOf = async (db: Db, verificationIds: number[]) =>
  verificationIds.length
    ? db
        .selectFrom('verification_item_result as r')
        .innerJoin(
          'verification_template_item as i',
          'i.verification_template_item_id',
          'r.verification_template_item_id',
        )
        .select(['r.verification_id', 'i.item_code', 'i.text_zh', 'i.key_item', 'i.sort'])
        .where('r.verification_id', 'in', verificationIds)
        .where('r.result', '=', 'nonconform')
        .orderBy('r.verification_id')
        .orderBy('i.sort')
        .execute()
    : [];
