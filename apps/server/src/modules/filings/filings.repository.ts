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

/**
 * The filed exam and diagnosis institutions of a province with their filed version (信息公开: the filed
 * list, 《职业健康检查管理办法》第四条). Unscoped: the list is public; the caller decides who publishes it.
 */
export const unsafeFiledInstitutionsOf = (db: Db, provinceCode: string) =>
  db
    .selectFrom('filing as f')
    .innerJoin('organisation as o', 'o.organisation_id', 'f.institution_id')
    .innerJoin('filing_version as v', 'v.filing_version_id', 'f.filed_version_id')
    .select([
      'f.institution_id',
      'f.kind',
      'f.region_code',
      'f.filing_no',
      'f.filed_on',
      'o.name as institution_name',
      'o.address as organisation_address',
      'v.content',
    ])
    .where('f.status', '=', 'filed')
    .where('f.kind', 'in', ['exam', 'diagnosis'])
    .where('f.region_code', 'like', likePrefix(provinceCode))
    .orderBy('f.region_code')
    .orderBy('f.filing_no')
    .execute();

/**
 * The exam and diagnosis institutions of a region with their latest filing (the live one, else the last
 * cancelled one) and their filed, not blocked, capability codes: what the coverage targets (规划目标,
 * modules/coverage) count. Unscoped: the coverage service resolves `regionPrefix` inside the user's scope
 * before it calls this.
 */
export const unsafeInstitutionFilingsIn = async (db: Db, regionPrefix: string) => {
  const institutions = await db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'kind', 'region_code', 'is_public'])
    .where('kind', 'in', ['exam_institution', 'diagnosis_institution'])
    .where((eb) => regionPrefixWhere(eb, eb.ref('region_code'), regionPrefix))
    .orderBy('region_code')
    .orderBy('organisation_id')
    .execute();
  const ids = institutions.map((i) => i.organisation_id);
  const filings = new Map<
    number,
    { filing_id: number; kind: string; status: string; filing_no: string | null; filed_on: string | null }
  >();
  const codes = new Map<number, string[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await db
      .selectFrom('filing')
      .select(['filing_id', 'institution_id', 'kind', 'status', 'filing_no', 'filed_on'])
      .where('institution_id', 'in', chunk)
      // The live filing first (at most one per institution), then the cancelled ones, newest first.
      .orderBy(sql`status = 'cancelled'`)
      .orderBy('filing_id', 'desc')
      .execute();
    for (const r of rows)
      if (!filings.has(r.institution_id))
        filings.set(r.institution_id, {
          filing_id: r.filing_id,
          kind: r.kind,
          status: r.status,
          filing_no: r.filing_no,
          filed_on: r.filed_on === null ? null : String(r.filed_on),
        });
    const caps = await db
      .selectFrom('institution_capability')
      .select(['institution_id', 'hazard_code'])
      .where('institution_id', 'in', chunk)
      .where('status', '=', 'filed')
      .orderBy('hazard_code')
      .execute();
    for (const c of caps)
      codes.set(c.institution_id, [...(codes.get(c.institution_id) ?? []), c.hazard_code]);
  }
  return institutions.map((i) => ({
    ...i,
    filing: filings.get(i.organisation_id) ?? null,
    filedCodes: codes.get(i.organisation_id) ?? [],
  }));
};

/**
 * Institutions of a kind in a region that never filed (not even a cancelled filing: the coverage demo
 * cancels one on purpose), in id order from the end (demo seeding).
 */
export const unfiledInstitutionsIn = (
  db: Db,
  regionPrefix: string,
  kind: 'exam_institution' | 'diagnosis_institution',
  limit: number,
) =>
  db
    .selectFrom('organisation as o')
    .select(['o.organisation_id', 'o.name', 'o.credit_code', 'o.region_code'])
    .where('o.kind', '=', kind)
    .where('o.credit_code', 'is not', null)
    .where('o.region_code', 'like', `${regionPrefix}%`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('filing as f')
            .select('f.filing_id')
            .whereRef('f.institution_id', '=', 'o.organisation_id'),
        ),
      ),
    )
    .orderBy('o.organisation_id', 'desc')
    .limit(limit)
    .execute();

/* ---- 历史备案导入 (filings made earlier by the cities, filings.import.ts) ---- */

/** The institutions a chunk names by credit code, one query. */
export const institutionsByCreditCodes = (db: Db, codes: string[]) =>
  codes.length
    ? db
        .selectFrom('organisation')
        .select(['organisation_id', 'name', 'kind', 'region_code', 'credit_code', 'address', 'is_public'])
        .where('credit_code', 'in', codes)
        .execute()
    : Promise.resolve([]);

/** The live (not cancelled) filings of these institutions, one query. */
export const liveFilingsOfInstitutions = (db: Db, institutionIds: number[]) =>
  institutionIds.length
    ? db
        .selectFrom('filing')
        .select(['filing_id', 'institution_id', 'status', 'imported', 'filing_no', 'filed_on', 'kind'])
        .where('institution_id', 'in', institutionIds)
        .where('status', '<>', 'cancelled')
        .execute()
    : Promise.resolve([]);

/** Which of these filing numbers are taken, and by whom, one query. */
export const filingsByNumbers = (db: Db, numbers: string[]) =>
  numbers.length
    ? db
        .selectFrom('filing')
        .select(['filing_no', 'institution_id'])
        .where('filing_no', 'in', numbers)
        .execute()
    : Promise.resolve([]);

export type ImportedFiling = {
  institution_id: number;
  kind: 'exam' | 'diagnosis';
  region_code: string;
  authority_region_code: string;
  filing_no: string;
  filed_on: string;
  content: unknown;
  note: string;
  hazard_codes: string[];
};

/**
 * Writes a chunk of imported filings set-based: the filings (a row may be filed only with its filed
 * version, so they start as drafts), their one filed version each, the filings marked filed, and the
 * exam institutions' filed factors as capability ('import' rows replace earlier 'filed' ones; 'blocked'
 * rows stay). Returns the new filing ids by institution.
 */
export const insertImportedFilings = async (
  trx: Transaction<DB>,
  rows: ImportedFiling[],
  createdBy: number,
): Promise<Map<number, number>> => {
  if (!rows.length) return new Map();
  const filings = await trx
    .insertInto('filing')
    .values(
      rows.map((r) => ({
        institution_id: r.institution_id,
        kind: r.kind,
        region_code: r.region_code,
        authority_region_code: r.authority_region_code,
        imported: true,
      })),
    )
    .returning(['filing_id', 'institution_id'])
    .execute();
  const filingOf = new Map(filings.map((f) => [f.institution_id, Number(f.filing_id)]));
  const versions = await trx
    .insertInto('filing_version')
    .values(
      rows.map((r) => ({
        filing_id: filingOf.get(r.institution_id)!,
        version_no: 1,
        purpose: 'import' as const,
        status: 'filed' as const,
        filed_on: r.filed_on,
        content: JSON.stringify(r.content),
        change_reason: r.note,
        created_by: createdBy,
      })),
    )
    .returning(['filing_version_id', 'filing_id'])
    .execute();
  const versionOf = new Map(versions.map((v) => [Number(v.filing_id), Number(v.filing_version_id)]));
  const values = sql.join(
    rows.map((r) => {
      const id = filingOf.get(r.institution_id)!;
      return sql`(${id}::bigint, ${r.filing_no}::text, ${r.filed_on}::date, ${versionOf.get(id)!}::bigint)`;
    }),
  );
  await sql`
    UPDATE filing f SET status = 'filed', filing_no = v.no, filed_on = v.d, filed_version_id = v.vid,
                        updated_at = now()
    FROM (VALUES ${values}) AS v(id, no, d, vid)
    WHERE f.filing_id = v.id`.execute(trx);
  const exam = rows.filter((r) => r.kind === 'exam');
  if (exam.length) {
    await trx
      .deleteFrom('institution_capability')
      .where(
        'institution_id',
        'in',
        exam.map((r) => r.institution_id),
      )
      .where('status', '=', 'filed')
      .execute();
    const capability = exam.flatMap((r) =>
      r.hazard_codes.map((hazard_code) => ({
        institution_id: r.institution_id,
        hazard_code,
        status: 'filed' as const,
        source: 'import' as const,
        since: r.filed_on,
      })),
    );
    if (capability.length)
      await trx
        .insertInto('institution_capability')
        .values(capability)
        .onConflict((oc) => oc.columns(['institution_id', 'hazard_code']).doNothing())
        .execute();
  }
  return filingOf;
};
