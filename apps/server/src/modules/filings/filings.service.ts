/**
 * 机构备案 (issue 16 item 2, R43): the institution drafts its filing in steps, attaches its licences and
 * certificates, submits it; the provincial commission returns it with an opinion or files it — a
 * filing number, the receipt (备案回执, a printable document) and the filed hazard factors written into
 * institution_capability, which the exam-card doors check. A filed institution changes its filing by a
 * new version reviewed the same way (the history kept), or cancels it (注销: its capability removed).
 * Each submission runs the commission's clock (deadline_rule 'filing_review'), closed by the decision.
 * Every write is audited.
 */
import { chinaToday } from '@ohp/reference';
import { createHash } from 'node:crypto';
import {
  FILING_ATTACHMENT_MAX_BYTES,
  filingCategoryLabels,
  type FilingAttachmentKind,
  type FilingCancelInput,
  type FilingChangeInput,
  type FilingContent,
  type FilingCreateInput,
  type FilingDetail,
  type FilingFileInput,
  type FilingListQuery,
  type FilingReturnInput,
  type FilingSubmitInput,
  type FilingSummary,
  type PublicListRow,
} from '@ohp/contracts';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { closeDeadlines, deadlinesOf, openDeadlines, overdueDays } from '../deadlines/index.js';
import { documentsAbout, issueDocument, revokeDocumentsAbout } from '../documents/index.js';
import { openVerificationTask } from '../verifications/index.js';
import {
  authorityRegionOf,
  awaitingReview,
  cancelState,
  changeState,
  editableState,
  filingAbilities,
  filingKindOf,
  isAuthority,
  isOwner,
  type FilingFacts,
} from './filings.policy.js';
import {
  attachmentOfFiling,
  attachmentsOf,
  commissionOf,
  copyAttachments,
  countFilings,
  decideReview,
  deleteAttachment,
  filingInScope,
  insertAttachment,
  insertFiling,
  insertReview,
  insertVersion,
  institutionOf,
  lastFilingNo,
  listFilings,
  liveFilingOf,
  lockFiling,
  nextVersionNo,
  openReviewOf,
  openSubmissions,
  replaceFiledCapability,
  reviewsOf,
  updateFiling,
  updateVersion,
  versionById,
  versionsOf,
  type FilingRow,
  unsafeFiledInstitutionsOf,
} from './filings.repository.js';
import {
  attachmentTypeOf,
  contentIssues,
  diffContent,
  filedCodes,
  filingNoPrefix,
  hazardName,
  hazardItemsByCategory,
  missingForSubmit,
  nextFilingNo,
  regionFullName,
} from './filings.rules.js';

export const FILING_CLOCK = 'filing_review';

type Db = Kysely<DB>;
const today = () => chinaToday();
const day = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString();

/** The acting user for a foreign key (seeded demo filings act for an institution with no user: 0). */
const userOf = (a: Actor): number | null => (a.userId > 0 ? a.userId : null);

const conflict = (reason: string) => new AppError('conflict', reason);
const scope = (actor: Actor) => scopeOf(actor, 'business');

const asContent = (v: unknown): FilingContent =>
  (typeof v === 'string' ? (JSON.parse(v) as unknown) : (v ?? {})) as FilingContent;

const summaryOf = (
  actor: Actor,
  r: FilingRow,
  open: { submittedAt: Date; dueOn: string | null; doneAt: null } | undefined,
  now: string,
): FilingSummary => ({
  id: r.filing_id,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  kind: r.kind,
  regionCode: r.region_code,
  authorityRegionCode: r.authority_region_code,
  status: r.status,
  changeStatus: r.change_status,
  filingNo: r.filing_no,
  filedOn: day(r.filed_on),
  submittedAt: open ? iso(open.submittedAt) : null,
  dueOn: open?.dueOn ?? null,
  overdueDays: open?.dueOn ? overdueDays(open.dueOn, null, now) : 0,
  imported: r.imported,
  abilities: filingAbilities(actor, r),
});

/** The open submissions of these filings with the due dates of their clocks. */
const openOf = async (db: Db | Transaction<DB>, rows: FilingRow[]) => {
  const subs = await openSubmissions(
    db,
    rows.filter((r) => awaitingReview(r)).map((r) => r.filing_id),
  );
  const clocks = await deadlinesOf(
    db,
    'filing_review',
    [...subs.values()].map((s) => s.reviewId),
  );
  const due = new Map(clocks.map((c) => [c.subject_id, c.due_on]));
  return new Map(
    [...subs].map(([filingId, s]) => [
      filingId,
      { submittedAt: s.submittedAt, dueOn: due.get(s.reviewId) ?? null, doneAt: null },
    ]),
  );
};

export const listFilingsFor = async (
  db: Db,
  actor: Actor,
  q: FilingListQuery,
  exactCountLimit: number,
): Promise<{ data: FilingSummary[]; total: number; totalExact: boolean; page: number; pageSize: number }> => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f = {
    status: q.status,
    awaitingReview: q.awaitingReview,
    kind: q.kind,
    regionCode: q.regionCode,
    q: q.q?.trim() || undefined,
  };
  const [rows, { total, totalExact }] = await Promise.all([
    listFilings(db, scope(actor), f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countFilings(db, scope(actor), f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  const open = await openOf(db, rows);
  const now = today();
  return {
    data: rows.map((r) => summaryOf(actor, r, open.get(r.filing_id), now)),
    total,
    totalExact,
    page,
    pageSize,
  };
};

export const filingDetail = async (db: Db, actor: Actor, id: number, lang: string): Promise<FilingDetail> => {
  const r = await filingInScope(db, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const [working, filed, versions, reviews, open] = await Promise.all([
    r.working_version_id ? versionById(db, r.working_version_id) : Promise.resolve(undefined),
    r.filed_version_id ? versionById(db, r.filed_version_id) : Promise.resolve(undefined),
    versionsOf(db, id),
    reviewsOf(db, id),
    openOf(db, [r]),
  ]);
  const shown = working ?? filed;
  const attachments = shown ? await attachmentsOf(db, shown.filing_version_id) : [];
  const clocks = await deadlinesOf(
    db,
    'filing_review',
    reviews.map((x) => x.filing_review_id),
  );
  const receipts = (await documentsAbout(db, 'filing', id)).filter((d) => d.kind === 'filing_receipt');
  const now = today();
  const workingContent = working ? asContent(working.content) : null;
  const filedContent = filed ? asContent(filed.content) : null;
  const lastDecided = reviews.find((x) => x.decision !== null);
  return {
    ...summaryOf(actor, r, open.get(r.filing_id), now),
    cancelledOn: day(r.cancelled_on),
    cancelReason: r.cancel_reason,
    working: working
      ? {
          id: working.filing_version_id,
          versionNo: working.version_no,
          purpose: working.purpose,
          status: working.status,
          changeReason: working.change_reason,
          content: workingContent!,
        }
      : null,
    filed: filed
      ? { id: filed.filing_version_id, versionNo: filed.version_no, content: filedContent! }
      : null,
    lastOpinion:
      lastDecided?.decision === 'returned' && (r.status === 'returned' || r.change_status === 'returned')
        ? lastDecided.opinion
        : null,
    attachments: attachments.map((a) => ({
      id: a.filing_attachment_id,
      kind: a.kind as FilingAttachmentKind,
      fileName: a.file_name,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      uploadedAt: iso(a.uploaded_at)!,
    })),
    versions: versions.map((v) => ({
      id: v.filing_version_id,
      versionNo: v.version_no,
      purpose: v.purpose,
      status: v.status,
      changeReason: v.change_reason,
      filedOn: day(v.filed_on),
      createdAt: iso(v.created_at)!,
    })),
    reviews: reviews.map((x) => ({
      id: x.filing_review_id,
      versionNo: x.version_no,
      purpose: x.purpose,
      submittedAt: iso(x.submitted_at)!,
      submittedBy: x.submitted_by,
      decision: x.decision,
      opinion: x.opinion,
      decidedAt: iso(x.decided_at),
      decidedBy: x.decided_by,
    })),
    diff: workingContent && filedContent ? diffContent(filedContent, workingContent) : [],
    clocks: clocks.map((c) => ({
      kind: c.kind,
      name: lang === 'en' ? c.name_en : c.name_zh,
      startsOn: c.starts_on,
      dueOn: c.due_on,
      done: c.done_at !== null,
      overdueDays: overdueDays(c.due_on, c.done_at, now),
      confidence: c.confidence,
      legalBasis: c.legal_basis,
    })),
    receipts: receipts.map((d) => ({
      documentId: d.documentId,
      code: d.code,
      verifyPath: d.verifyPath,
      issuedAt: d.issuedAt,
      revoked: d.revoked,
    })),
    missing:
      working && editableState(r)
        ? missingForSubmit(r.kind, workingContent!, new Set(attachments.map((a) => a.kind)))
        : [],
  };
};

/** The filing locked for a write, with the record rule (owner or authority) checked. */
const lockFor = async (trx: Transaction<DB>, actor: Actor, id: number, as: 'owner' | 'authority') => {
  const r = await lockFiling(trx, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  if (as === 'owner' && !isOwner(actor, r)) throw new AppError('forbidden', 'forbidden');
  if (as === 'authority' && !isAuthority(actor, r))
    throw new AppError('forbidden', 'filing_authority_province');
  return r;
};

const merge = (base: FilingContent, patch: FilingContent): FilingContent => {
  const out: FilingContent = { ...base };
  for (const k of Object.keys(patch) as Array<keyof FilingContent>)
    if (patch[k] !== undefined) (out as Record<string, unknown>)[k] = patch[k];
  return out;
};

export const createFiling = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: FilingCreateInput,
): Promise<{ id: number }> => {
  const kind = filingKindOf(actor.organisationKind);
  if (!kind) throw new AppError('forbidden', 'filing_not_an_institution');
  const patch = input.content ?? {};
  const issues = contentIssues(patch);
  if (issues.length) throw invalid(issues.map((i) => ({ ...i, path: `content.${i.path}` })));
  return db.transaction().execute(async (trx) => {
    if (await liveFilingOf(trx, actor.organisationId)) throw conflict('filing_exists');
    const org = (await institutionOf(trx, actor.organisationId))!;
    const content = merge(
      {
        institution: {
          name: org.name,
          creditCode: org.credit_code,
          address: org.address,
          contactName: org.contact_name,
          contactPhone: org.contact_phone,
          isPublic: org.is_public,
        },
        personnel: [],
        equipment: [],
        vehicles: [],
        venues: [],
        categories: [],
      },
      patch,
    );
    const id = await insertFiling(trx, {
      institution_id: org.organisation_id,
      kind,
      region_code: org.region_code,
      authority_region_code: authorityRegionOf(org.region_code),
    });
    const versionId = await insertVersion(trx, {
      filing_id: id,
      version_no: 1,
      purpose: 'initial',
      content,
      created_by: userOf(actor),
    });
    await updateFiling(trx, id, { working_version_id: versionId });
    await writeAudit(trx, ctx, {
      action: 'filing.create',
      entityType: 'filing',
      entityId: id,
      after: { kind, institutionId: org.organisation_id, versionId },
    });
    return { id };
  });
};

export const saveContent = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  patch: FilingContent,
): Promise<{ id: number; versionId: number }> => {
  const issues = contentIssues(patch);
  if (issues.length) throw invalid(issues);
  return db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'owner');
    if (!editableState(r) || !r.working_version_id) throw conflict('filing_not_editable');
    const v = (await versionById(trx, r.working_version_id))!;
    const content = merge(asContent(v.content), patch);
    await updateVersion(trx, v.filing_version_id, { content });
    await writeAudit(trx, ctx, {
      action: 'filing.update',
      entityType: 'filing',
      entityId: id,
      after: { versionId: v.filing_version_id, steps: Object.keys(patch) },
    });
    return { id, versionId: v.filing_version_id };
  });
};

export const addAttachment = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  kind: FilingAttachmentKind,
  upload: { fileName: string; buffer: Buffer },
): Promise<{ id: number }> =>
  db.transaction().execute(async (trx) => {
    // Scope and state first (404 / 409), then the file itself.
    const r = await lockFor(trx, actor, id, 'owner');
    if (!editableState(r) || !r.working_version_id) throw conflict('filing_attachment_locked');
    if (upload.buffer.length > FILING_ATTACHMENT_MAX_BYTES)
      throw invalid([{ path: 'file', reason: 'filing_attachment_too_large' }]);
    if (!upload.buffer.length) throw invalid([{ path: 'file', reason: 'value_required' }]);
    const type = attachmentTypeOf(upload.fileName, upload.buffer);
    if (!type) throw invalid([{ path: 'file', reason: 'filing_attachment_type' }]);
    const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
    const attachmentId = await insertAttachment(trx, {
      filing_version_id: r.working_version_id,
      kind,
      file_name: upload.fileName.slice(0, 200),
      media_type: type.mediaType,
      size_bytes: upload.buffer.length,
      sha256,
      content: upload.buffer,
      uploaded_by: userOf(actor),
    });
    await writeAudit(trx, ctx, {
      action: 'filing.update',
      entityType: 'filing',
      entityId: id,
      after: {
        attachmentId,
        kind,
        fileName: upload.fileName,
        mediaType: type.mediaType,
        size: upload.buffer.length,
        sha256,
      },
    });
    return { id: attachmentId };
  });

export const removeAttachment = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  attachmentId: number,
): Promise<{ id: number }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'owner');
    if (!editableState(r) || !r.working_version_id) throw conflict('filing_attachment_locked');
    if (!(await deleteAttachment(trx, r.working_version_id, attachmentId)))
      throw new AppError('not_found', 'not_found');
    await writeAudit(trx, ctx, {
      action: 'filing.update',
      entityType: 'filing',
      entityId: id,
      before: { attachmentId },
      after: { attachmentRemoved: attachmentId },
    });
    return { id: attachmentId };
  });

export const attachmentFile = async (db: Db, actor: Actor, id: number, attachmentId: number) => {
  const r = await filingInScope(db, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const a = await attachmentOfFiling(db, id, attachmentId);
  if (!a) throw new AppError('not_found', 'not_found');
  return { fileName: a.file_name, mediaType: a.media_type, content: a.content };
};

export const submitFiling = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: FilingSubmitInput,
  on: string = today(),
): Promise<{ id: number; status: string; changeStatus: string | null; reviewId: number }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'owner');
    if (!editableState(r) || !r.working_version_id) throw conflict('filing_not_submittable');
    const v = (await versionById(trx, r.working_version_id))!;
    const attachments = await attachmentsOf(trx, v.filing_version_id);
    const missing = missingForSubmit(r.kind, asContent(v.content), new Set(attachments.map((a) => a.kind)));
    if (missing.length)
      throw new AppError(
        'validation_failed',
        'filing_incomplete',
        missing.map((m) => ({ ...m, message: '' })),
      );
    await updateVersion(trx, v.filing_version_id, { status: 'submitted' });
    const change = r.status === 'filed';
    await updateFiling(trx, id, change ? { change_status: 'submitted' } : { status: 'submitted' });
    const reviewId = await insertReview(trx, {
      filing_version_id: v.filing_version_id,
      submitted_by: userOf(actor),
    });
    const commission = await commissionOf(trx, r.authority_region_code);
    await openDeadlines(trx, [
      {
        kind: FILING_CLOCK,
        subject_type: 'filing_review',
        subject_id: reviewId,
        starts_on: on,
        responsible_organisation_id: commission?.organisation_id ?? null,
        regulator_region_code: r.authority_region_code,
      },
    ]);
    await writeAudit(trx, ctx, {
      action: 'filing.submit',
      entityType: 'filing',
      entityId: id,
      before: { status: r.status, changeStatus: r.change_status },
      after: {
        versionId: v.filing_version_id,
        versionNo: v.version_no,
        reviewId,
        resubmitted: r.status === 'returned' || r.change_status === 'returned',
        note: input.note?.trim() || null,
      },
    });
    return {
      id,
      status: change ? 'filed' : 'submitted',
      changeStatus: change ? 'submitted' : null,
      reviewId,
    };
  });

export const returnFiling = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: FilingReturnInput,
): Promise<{ id: number; status: string; changeStatus: string | null }> => {
  const opinion = input.opinion.trim();
  if (opinion.length < 2) throw invalid([{ path: 'opinion', reason: 'review_opinion_required' }]);
  return db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'authority');
    if (!awaitingReview(r) || !r.working_version_id) throw conflict('filing_not_awaiting_review');
    const review = (await openReviewOf(trx, r.working_version_id))!;
    await decideReview(trx, review.filing_review_id, {
      decision: 'returned',
      opinion,
      decided_by: userOf(actor),
      decided_by_organisation_id: actor.organisationId,
    });
    await updateVersion(trx, r.working_version_id, { status: 'returned' });
    const change = r.status === 'filed';
    await updateFiling(trx, id, change ? { change_status: 'returned' } : { status: 'returned' });
    await closeDeadlines(trx, [FILING_CLOCK], 'filing_review', [review.filing_review_id], {
      userId: userOf(actor),
      note: 'returned',
    });
    await writeAudit(trx, ctx, {
      action: 'filing.return',
      entityType: 'filing',
      entityId: id,
      before: { status: r.status, changeStatus: r.change_status },
      after: { reviewId: review.filing_review_id, opinion },
    });
    return { id, status: change ? 'filed' : 'returned', changeStatus: change ? 'returned' : null };
  });
};

const KIND_TITLE = {
  exam: { zh: '职业健康检查机构备案回执', en: 'Occupational health examination institution: filing receipt' },
  diagnosis: {
    zh: '职业病诊断机构备案回执',
    en: 'Occupational disease diagnosis institution: filing receipt',
  },
  service: {
    zh: '职业卫生技术服务机构备案回执',
    en: 'Occupational health technical-service institution: filing receipt',
  },
} as const;

/** The receipt's fields: what the commission confirms as filed. */
const receiptFields = (
  c: FilingContent,
  filingNo: string,
  filedOn: string,
  authority: string,
  change: boolean,
) => {
  const inst = c.institution;
  const cats = (c.categories ?? []).filter((x) => x.hazardCodes.length);
  return [
    { label: { zh: '机构名称', en: 'Institution' }, value: inst?.name ?? '' },
    { label: { zh: '统一社会信用代码', en: 'Credit code' }, value: inst?.creditCode ?? '' },
    { label: { zh: '法定代表人', en: 'Legal representative' }, value: inst?.legalRepresentative ?? '' },
    { label: { zh: '地址', en: 'Address' }, value: inst?.address ?? '' },
    { label: { zh: '备案编号', en: 'Filing number' }, value: filingNo },
    {
      label: { zh: change ? '变更备案日期' : '备案日期', en: change ? 'Change filed on' : 'Filed on' },
      value: filedOn,
    },
    ...cats.map((x) => ({
      label: {
        zh: `备案类别：${filingCategoryLabels[x.category].zh}`,
        en: `Category: ${filingCategoryLabels[x.category].en}`,
      },
      value: x.hazardCodes.map((code) => hazardName(code)).join('、'),
    })),
    { label: { zh: '备案机关', en: 'Filed with' }, value: authority },
  ].filter((f) => f.value.trim());
};

export const fileFiling = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: FilingFileInput,
  on: string = today(),
): Promise<{
  id: number;
  status: string;
  filingNo: string;
  receipt: { documentId: number; code: string; verifyPath: string };
}> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'authority');
    if (!awaitingReview(r) || !r.working_version_id) throw conflict('filing_not_awaiting_review');
    const review = (await openReviewOf(trx, r.working_version_id))!;
    const opinion = input.opinion?.trim() || null;
    await decideReview(trx, review.filing_review_id, {
      decision: 'filed',
      opinion,
      decided_by: userOf(actor),
      decided_by_organisation_id: actor.organisationId,
    });
    const change = r.status === 'filed';
    if (change && r.filed_version_id) await updateVersion(trx, r.filed_version_id, { status: 'superseded' });
    await updateVersion(trx, r.working_version_id, { status: 'filed', filed_on: on });
    let filingNo = r.filing_no;
    if (!filingNo) {
      const prefix = filingNoPrefix(r.authority_region_code, r.kind, on.slice(0, 4));
      filingNo = nextFilingNo(prefix, await lastFilingNo(trx, prefix));
    }
    await updateFiling(trx, id, {
      status: 'filed',
      change_status: null,
      filing_no: filingNo,
      filed_on: on,
      filed_version_id: r.working_version_id,
      working_version_id: null,
    });
    const content = asContent((await versionById(trx, r.working_version_id))!.content);
    if (r.kind === 'exam') await replaceFiledCapability(trx, r.institution_id, filedCodes(content), on);
    // A new filing of an exam or diagnosis institution is verified on site within 3 months (R45).
    if (!change && r.kind !== 'service')
      await openVerificationTask(trx, ctx, {
        filingId: id,
        institutionId: r.institution_id,
        regionCode: r.region_code,
        filedOn: on,
        hazardCodes: filedCodes(content),
      });
    await closeDeadlines(trx, [FILING_CLOCK], 'filing_review', [review.filing_review_id], {
      userId: userOf(actor),
      note: 'filed',
    });
    // A filed change replaces the receipt: the earlier one no longer confirms what is filed.
    if (change)
      await revokeDocumentsAbout(trx, ctx, {
        subjectType: 'filing',
        subjectId: id,
        kind: 'filing_receipt',
        reason: '备案变更，以新的备案回执为准 (superseded by the receipt of the filed change)',
        userId: userOf(actor),
      });
    const authority = await institutionOf(trx, actor.organisationId);
    const receipt = await issueDocument(trx, ctx, {
      kind: 'filing_receipt',
      organisationId: r.institution_id,
      issuerOrganisationId: actor.organisationId,
      subjectType: 'filing',
      subjectId: id,
      title: KIND_TITLE[r.kind],
      number: filingNo,
      fields: receiptFields(content, filingNo, on, authority?.name ?? '', change),
    });
    await writeAudit(trx, ctx, {
      ...(change ? { action: 'filing.change' as const } : { action: 'filing.file' as const }),
      entityType: 'filing',
      entityId: id,
      before: { status: r.status, changeStatus: r.change_status, filedVersionId: r.filed_version_id },
      after: {
        filingNo,
        filedOn: on,
        versionId: r.working_version_id,
        reviewId: review.filing_review_id,
        opinion,
        hazardCodes: r.kind === 'exam' ? filedCodes(content) : undefined,
        receipt: receipt.code,
      },
    });
    return { id, status: 'filed', filingNo, receipt };
  });

export const startChange = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: FilingChangeInput,
): Promise<{ id: number; versionId: number }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'owner');
    if (!changeState(r) || !r.filed_version_id) throw conflict('filing_change_not_allowed');
    const filed = (await versionById(trx, r.filed_version_id))!;
    const versionId = await insertVersion(trx, {
      filing_id: id,
      version_no: await nextVersionNo(trx, id),
      purpose: 'change',
      content: asContent(filed.content),
      change_reason: input.reason.trim(),
      created_by: userOf(actor),
    });
    await copyAttachments(trx, filed.filing_version_id, versionId);
    await updateFiling(trx, id, { change_status: 'draft', working_version_id: versionId });
    await writeAudit(trx, ctx, {
      action: 'filing.update',
      entityType: 'filing',
      entityId: id,
      after: { changeStarted: versionId, reason: input.reason.trim() },
    });
    return { id, versionId };
  });

export const cancelFiling = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: FilingCancelInput,
  on: string = today(),
): Promise<{ id: number; status: string }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'owner');
    if (!cancelState(r)) throw conflict('filing_cancel_not_allowed');
    if (r.working_version_id) await updateVersion(trx, r.working_version_id, { status: 'discarded' });
    await updateFiling(trx, id, {
      status: 'cancelled',
      change_status: null,
      working_version_id: null,
      cancelled_on: on,
      cancel_reason: input.reason.trim(),
    });
    if (r.status === 'filed' && r.kind === 'exam')
      await replaceFiledCapability(trx, r.institution_id, [], on);
    // The receipt of a cancelled filing no longer confirms a filing (the public page says revoked).
    if (r.status === 'filed')
      await revokeDocumentsAbout(trx, ctx, {
        subjectType: 'filing',
        subjectId: id,
        kind: 'filing_receipt',
        reason: `备案已注销 (filing cancelled): ${input.reason.trim()}`,
        userId: userOf(actor),
      });
    await writeAudit(trx, ctx, {
      action: 'filing.cancel',
      entityType: 'filing',
      entityId: id,
      before: { status: r.status, changeStatus: r.change_status, filingNo: r.filing_no },
      after: { status: 'cancelled', reason: input.reason.trim(), cancelledOn: on },
    });
    return { id, status: 'cancelled' };
  });

/** The filing's current receipt (the newest not revoked). */
export const receiptOf = async (db: Db, actor: Actor, id: number) => {
  const r = await filingInScope(db, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const docs = (await documentsAbout(db, 'filing', id)).filter(
    (d) => d.kind === 'filing_receipt' && !d.revoked,
  );
  const d = docs.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
  if (!d) throw new AppError('not_found', 'filing_no_receipt');
  return {
    documentId: d.documentId,
    code: d.code,
    verifyPath: d.verifyPath,
    issuedAt: d.issuedAt,
    revoked: d.revoked,
  };
};

export type { FilingFacts };

const PUBLIC_KIND = { exam: '职业健康检查机构', diagnosis: '职业病诊断机构' } as const;

/**
 * 信息公开, the filed list (《职业健康检查管理办法》第四条: name, address, 检查类别和项目): every exam and
 * diagnosis institution of the province with a live filed filing — its filing number, the categories and
 * hazard factors of the filed version, address and the regions it serves. A filing records no service
 * area, so the institution's own region is printed as the region served (the list's footnote says so).
 * Unscoped (the list is public); the public-lists module decides who publishes it.
 */
export const filedInstitutionRows = async (
  db: Db | Transaction<DB>,
  provinceCode: string,
): Promise<PublicListRow[]> =>
  (await unsafeFiledInstitutionsOf(db, provinceCode)).map((r) => {
    const content = asContent(r.content);
    const codes = (content.categories ?? []).flatMap((c) => c.hazardCodes);
    const address = content.institution?.address?.trim() || r.organisation_address?.trim() || '';
    const regionName = regionFullName(r.region_code);
    const kind = PUBLIC_KIND[r.kind as 'exam' | 'diagnosis'];
    return {
      institutionId: r.institution_id,
      institutionName: r.institution_name,
      regionCode: r.region_code,
      regionName,
      ...(r.filing_no ? { reference: r.filing_no } : {}),
      items: codes.length ? hazardItemsByCategory(codes) : [kind],
      detail: [`${kind}`, address && `地址：${address}`, `服务地区：${regionName}`]
        .filter(Boolean)
        .join('；'),
      ...(r.filed_on ? { since: day(r.filed_on)! } : {}),
    };
  });
