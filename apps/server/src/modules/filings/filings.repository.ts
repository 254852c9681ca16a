/** Queries of 机构备案 (migration 0027): filings in scope, versions, reviews, attachments, capability rows. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import { likeContains, likePrefix } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

export type FilingFilters = {
  status?: string;
  awaitingReview?: boolean;
  kind?: string;
  regionCode?: string;
  q?: string;
};

const scopedFilings = (db: Db, scope: Scope, f: FilingFilters) => {
  let q = db
    .selectFrom('filing as f')
    .innerJoin('organisation as o', 'o.organisation_id', 'f.institution_id')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('f.region_code'), organisation: eb.ref('f.institution_id') }),
    );
  if (f.status) q = q.where('f.status', '=', f.status as 'draft');
  if (f.awaitingReview)
    q = q.where((eb) => eb.or([eb('f.status', '=', 'submitted'), eb('f.change_status', '=', 'submitted')]));
  if (f.kind) q = q.where('f.kind', '=', f.kind as 'exam');
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('f.region_code'), f.regionCode!));
  if (f.q) {
    const like = likeContains(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'like', like), eb('f.filing_no', 'like', like)]));
  }
  return q;
};

const filingColumns = [
  'f.filing_id',
  'f.institution_id',
  'f.kind',
  'f.region_code',
  'f.authority_region_code',
  'f.status',
  'f.change_status',
  'f.filing_no',
  'f.filed_on',
  'f.filed_version_id',
  'f.working_version_id',
  'f.cancelled_on',
  'f.cancel_reason',
  'f.imported',
  'f.updated_at',
  'o.name as institution_name',
] as const;

export const listFilings = (
  db: Db,
  scope: Scope,
  f: FilingFilters,
  page: { offset: number; limit: number },
) =>
  scopedFilings(db, scope, f)
    .select(filingColumns)
    .orderBy('f.updated_at', 'desc')
    .orderBy('f.filing_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export const countFilings = (db: Kysely<DB>, scope: Scope, f: FilingFilters, opts: TotalOptions) =>
  countMatches(db, scopedFilings(db, scope, f).select('f.filing_id'), opts);

export type FilingRow = Awaited<ReturnType<typeof listFilings>>[number];

export const filingInScope = (db: Db, scope: Scope, id: number) =>
  scopedFilings(db, scope, {}).select(filingColumns).where('f.filing_id', '=', id).executeTakeFirst();

/** One filing in scope, locked for the transaction that moves it. */
export const lockFiling = (trx: Transaction<DB>, scope: Scope, id: number) =>
  trx
    .selectFrom('filing as f')
    .innerJoin('organisation as o', 'o.organisation_id', 'f.institution_id')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('f.region_code'), organisation: eb.ref('f.institution_id') }),
    )
    .select(filingColumns)
    .where('f.filing_id', '=', id)
    .forUpdate('f')
    .executeTakeFirst();

export const liveFilingOf = (db: Db, institutionId: number) =>
  db
    .selectFrom('filing')
    .select('filing_id')
    .where('institution_id', '=', institutionId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();

export const institutionOf = (db: Db, id: number) =>
  db
    .selectFrom('organisation')
    .select([
      'organisation_id',
      'name',
      'kind',
      'region_code',
      'credit_code',
      'address',
      'contact_name',
      'contact_phone',
      'is_public',
    ])
    .where('organisation_id', '=', id)
    .executeTakeFirst();

export const insertFiling = async (
  trx: Transaction<DB>,
  v: {
    institution_id: number;
    kind: 'exam' | 'diagnosis' | 'service';
    region_code: string;
    authority_region_code: string;
  },
): Promise<number> =>
  (await trx.insertInto('filing').values(v).returning('filing_id').executeTakeFirstOrThrow()).filing_id;

export const insertVersion = async (
  trx: Transaction<DB>,
  v: {
    filing_id: number;
    version_no: number;
    purpose: 'initial' | 'change' | 'import';
    content: unknown;
    change_reason?: string | null;
    created_by: number | null;
    status?: 'draft' | 'filed';
    filed_on?: string | null;
  },
): Promise<number> =>
  (
    await trx
      .insertInto('filing_version')
      .values({ ...v, content: JSON.stringify(v.content) })
      .returning('filing_version_id')
      .executeTakeFirstOrThrow()
  ).filing_version_id;

export const nextVersionNo = async (trx: Transaction<DB>, filingId: number): Promise<number> => {
  const r = await trx
    .selectFrom('filing_version')
    .select((eb) => eb.fn.max<number | null>('version_no').as('n'))
    .where('filing_id', '=', filingId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
};

export const versionById = (db: Db, id: number) =>
  db.selectFrom('filing_version').selectAll().where('filing_version_id', '=', id).executeTakeFirst();

export const versionsOf = (db: Db, filingId: number) =>
  db
    .selectFrom('filing_version')
    .select([
      'filing_version_id',
      'version_no',
      'purpose',
      'status',
      'change_reason',
      'filed_on',
      'created_at',
    ])
    .where('filing_id', '=', filingId)
    .orderBy('version_no', 'desc')
    .execute();

export const updateVersion = async (
  trx: Transaction<DB>,
  id: number,
  patch: Partial<{
    content: unknown;
    status: 'draft' | 'submitted' | 'returned' | 'filed' | 'superseded' | 'discarded';
    filed_on: string | null;
  }>,
): Promise<void> => {
  const { content, ...rest } = patch;
  await trx
    .updateTable('filing_version')
    .set({
      ...rest,
      ...(content === undefined ? {} : { content: JSON.stringify(content) }),
      updated_at: sql`now()`,
    })
    .where('filing_version_id', '=', id)
    .execute();
};

export const updateFiling = async (
  trx: Transaction<DB>,
  id: number,
  patch: Partial<{
    status: 'draft' | 'submitted' | 'returned' | 'filed' | 'cancelled';
    change_status: 'draft' | 'submitted' | 'returned' | null;
    filing_no: string;
    filed_on: string;
    filed_version_id: number;
    working_version_id: number | null;
    cancelled_on: string;
    cancel_reason: string;
    imported: boolean;
  }>,
): Promise<void> => {
  await trx
    .updateTable('filing')
    .set({ ...patch, updated_at: sql`now()` })
    .where('filing_id', '=', id)
    .execute();
};

/** The highest number of this prefix handed out so far (the next is one more). */
export const lastFilingNo = async (trx: Transaction<DB>, prefix: string): Promise<string | null> => {
  const r = await trx
    .selectFrom('filing')
    .select((eb) => eb.fn.max<string | null>('filing_no').as('n'))
    .where('filing_no', 'like', likePrefix(prefix))
    .executeTakeFirst();
  return r?.n ?? null;
};

export const insertReview = async (
  trx: Transaction<DB>,
  v: { filing_version_id: number; submitted_by: number | null },
): Promise<number> =>
  (await trx.insertInto('filing_review').values(v).returning('filing_review_id').executeTakeFirstOrThrow())
    .filing_review_id;

/** The open (undecided) review of a version. */
export const openReviewOf = (db: Db, versionId: number) =>
  db
    .selectFrom('filing_review')
    .selectAll()
    .where('filing_version_id', '=', versionId)
    .where('decision', 'is', null)
    .orderBy('submitted_at', 'desc')
    .executeTakeFirst();

export const decideReview = async (
  trx: Transaction<DB>,
  id: number,
  v: {
    decision: 'returned' | 'filed';
    opinion: string | null;
    decided_by: number | null;
    decided_by_organisation_id: number;
  },
): Promise<void> => {
  await trx
    .updateTable('filing_review')
    .set({ ...v, decided_at: sql`now()` })
    .where('filing_review_id', '=', id)
    .execute();
};

export const reviewsOf = (db: Db, filingId: number) =>
  db
    .selectFrom('filing_review as r')
    .innerJoin('filing_version as v', 'v.filing_version_id', 'r.filing_version_id')
    .leftJoin('app_user as s', 's.user_id', 'r.submitted_by')
    .leftJoin('app_user as d', 'd.user_id', 'r.decided_by')
    .select([
      'r.filing_review_id',
      'v.version_no',
      'v.purpose',
      'r.submitted_at',
      's.display_name as submitted_by',
      'r.decision',
      'r.opinion',
      'r.decided_at',
      'd.display_name as decided_by',
    ])
    .where('v.filing_id', '=', filingId)
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.filing_review_id', 'desc')
    .execute();

/** The submission time of the open review per filing (queue columns). */
export const openSubmissions = async (db: Db, filingIds: number[]) => {
  if (!filingIds.length) return new Map<number, { reviewId: number; submittedAt: Date }>();
  const rows = await db
    .selectFrom('filing_review as r')
    .innerJoin('filing_version as v', 'v.filing_version_id', 'r.filing_version_id')
    .innerJoin('filing as f', 'f.working_version_id', 'v.filing_version_id')
    .select(['f.filing_id', 'r.filing_review_id', 'r.submitted_at'])
    .where('f.filing_id', 'in', filingIds)
    .where('r.decision', 'is', null)
    .execute();
  return new Map(
    rows.map((r) => [r.filing_id, { reviewId: r.filing_review_id, submittedAt: r.submitted_at }]),
  );
};

export const attachmentsOf = (db: Db, versionId: number) =>
  db
    .selectFrom('filing_attachment')
    .select(['filing_attachment_id', 'kind', 'file_name', 'media_type', 'size_bytes', 'uploaded_at'])
    .where('filing_version_id', '=', versionId)
    .orderBy('filing_attachment_id')
    .execute();

export const insertAttachment = async (
  trx: Transaction<DB>,
  v: {
    filing_version_id: number;
    kind: string;
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
      .insertInto('filing_attachment')
      .values(v)
      .returning('filing_attachment_id')
      .executeTakeFirstOrThrow()
  ).filing_attachment_id;

/** An attachment of one of the filing's versions (with its bytes). */
export const attachmentOfFiling = (db: Db, filingId: number, attachmentId: number) =>
  db
    .selectFrom('filing_attachment as a')
    .innerJoin('filing_version as v', 'v.filing_version_id', 'a.filing_version_id')
    .selectAll('a')
    .where('v.filing_id', '=', filingId)
    .where('a.filing_attachment_id', '=', attachmentId)
    .executeTakeFirst();

export const deleteAttachment = async (trx: Transaction<DB>, versionId: number, attachmentId: number) => {
  const r = await trx
    .deleteFrom('filing_attachment')
    .where('filing_version_id', '=', versionId)
    .where('filing_attachment_id', '=', attachmentId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
};

/** A change starts from the filed version's attachments (copied, so the filed set stays as it was). */
export const copyAttachments = async (trx: Transaction<DB>, fromVersion: number, toVersion: number) => {
  await sql`INSERT INTO filing_attachment
      (filing_version_id, kind, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
    SELECT ${toVersion}, kind, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at
    FROM filing_attachment WHERE filing_version_id = ${fromVersion}`.execute(trx);
};

/**
 * The institution's filed factors become its capability (institution_capability, migration 0021):
 * 'filed' rows from this filing replace the previous ones; a 'blocked' row (on-site verification)
 * stays as it is and is never turned into 'filed'.
 */
export const replaceFiledCapability = async (
  trx: Transaction<DB>,
  institutionId: number,
  codes: string[],
  since: string,
): Promise<void> => {
  let del = trx
    .deleteFrom('institution_capability')
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'filed');
  if (codes.length) del = del.where('hazard_code', 'not in', codes);
  await del.execute();
  if (!codes.length) return;
  await trx
    .insertInto('institution_capability')
    .values(
      codes.map((hazard_code) => ({
        institution_id: institutionId,
        hazard_code,
        status: 'filed' as const,
        source: 'filing' as const,
        since,
      })),
    )
    .onConflict((oc) => oc.columns(['institution_id', 'hazard_code']).doNothing())
    .execute();
};

export const capabilityOfInstitution = (db: Db, institutionId: number) =>
  db
    .selectFrom('institution_capability')
    .select(['hazard_code', 'status', 'source'])
    .where('institution_id', '=', institutionId)
    .orderBy('hazard_code')
    .execute();

/** The provincial health commission that files institutions of this province. */
export const commissionOf = (db: Db, regionCode: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name'])
    .where('kind', '=', 'health_commission')
    .where('region_code', '=', regionCode)
    .orderBy('organisation_id')
    .executeTakeFirst();

/** Whether any filing exists (demo seeding runs once). */
export const anyFiling = async (db: Db): Promise<boolean> =>
  (await db.selectFrom('filing').select('filing_id').limit(1).executeTakeFirst()) !== undefined;

const ORG_SUMMARY = ['organisation_id', 'name', 'credit_code', 'address', 'region_code'] as const;

/** An organisation as a filing's first step shows it. */
export const organisationSummary = (db: Db, organisationId: number) =>
  db
    .selectFrom('organisation')
    .select(ORG_SUMMARY)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();

/** Exam institutions of a region other than `exceptId`, in id order (demo seeding). */
export const examInstitutionsIn = (db: Db, regionPrefix: string, exceptId: number, limit: number) =>
  db
    .selectFrom('organisation')
    .select(ORG_SUMMARY)
    .where('kind', '=', 'exam_institution')
    .where('organisation_id', '<>', exceptId)
    .where('region_code', 'like', `${regionPrefix}%`)
    .orderBy('organisation_id')
    .limit(limit)
    .execute();
