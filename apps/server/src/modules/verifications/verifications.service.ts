/**
 * 现场核查 (issue 16 item 3, R45): when a filing is filed for the first time a verification task opens
 * in the filing's transaction, with its clock (deadline_rule 'onsite_verification': 3 months, the QC
 * centre responsible, the provincial commission warned when late). The QC centre schedules it (date,
 * assessors), records a result per checklist item (符合 / 不符合 / 不适用) and per filed hazard factor
 * (capable or not), and completes it: a key item 不符合 fails it; the factors not capable become
 * 不具备能力的服务项目 (institution_capability 'blocked', refused by the exam-card doors); the clock
 * closes. A passed verification lets a new filing do outbound exams (verificationPassed). Every write
 * is audited.
 */
import { createHash } from 'node:crypto';
import {
  FILING_ATTACHMENT_MAX_BYTES,
  filingCategories,
  filingCategoryCodePrefixes,
  filingCategoryLabels,
  type VerificationCompleteInput,
  type VerificationDetail,
  type VerificationListQuery,
  type VerificationResultsInput,
  type VerificationScheduleInput,
  type VerificationSummary,
  type PublicListRow,
} from '@ohp/contracts';
import { chinaToday, findExchangeCode } from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { closeDeadlines, deadlinesOf, openDeadlines, overdueDays } from '../deadlines/index.js';
import { attachmentTypeOf, hazardItemsByCategory, regionFullName } from '../filings/index.js';
import { raiseFindings, type FindingInput } from '../rectifications/index.js';
import {
  completableState,
  isVerifier,
  openState,
  provinceOf,
  verificationAbilities,
} from './verifications.policy.js';
import {
  activeTemplate,
  blockCapability,
  countVerifications,
  evidenceFileOf,
  evidenceOf,
  factorsOf,
  insertEvidence,
  insertVerification,
  itemResults,
  listVerifications,
  lockVerification,
  passedVerificationOf,
  responsibleFor,
  templateById,
  templateItems,
  updateFactors,
  updateVerification,
  upsertItemResults,
  verificationInScope,
  type VerificationRow,
  setVerificationDue,
  nonconformItemsOf,
  unsafeBlockedCapabilityOf,
  unsafeCompletedVerificationsOf,
} from './verifications.repository.js';

export const VERIFICATION_CLOCK = 'onsite_verification';
/** The checklist a new task takes (its active version). */
export const VERIFICATION_TEMPLATE = 'onsite';

type Db = Kysely<DB>;
const today = () => chinaToday();
const day = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString();
const userOf = (a: Actor): number | null => (a.userId > 0 ? a.userId : null);
const scope = (actor: Actor) => scopeOf(actor, 'business');
const conflict = (reason: string) => new AppError('conflict', reason);
const asList = (v: unknown): string[] => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v) as string[];

const hazardName = (code: string): string =>
  (findExchangeCode('hazard-factors', code) as { name?: string } | undefined)?.name ?? code;
const categoryOf = (code: string) =>
  filingCategories.find((c) => filingCategoryCodePrefixes[c].some((p) => code.startsWith(p))) ?? 'other';

const summaryOf = (actor: Actor, r: VerificationRow, now: string): VerificationSummary => {
  const dueOn = day(r.due_on)!;
  return {
    id: r.verification_id,
    filingId: r.filing_id,
    filingNo: r.filing_no,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    filingKind: r.filing_kind,
    regionCode: r.region_code,
    status: r.status,
    result: r.result,
    filedOn: day(r.filed_on)!,
    dueOn,
    overdueDays: r.status === 'completed' ? 0 : overdueDays(dueOn, null, now),
    scheduledOn: day(r.scheduled_on),
    assessors: asList(r.assessors),
    completedOn: day(r.completed_on),
    responsibleOrganisationName: r.responsible_name,
    failedFactors: Number(r.failed_factors ?? 0),
    abilities: verificationAbilities(actor, r),
  };
};

/**
 * Opens the verification of a filing filed for the first time, in the filing's transaction: the
 * checklist's active version, one row per filed hazard factor, the 3-month clock. Returns its id (null
 * when the filing already has one).
 */
export const openVerificationTask = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  f: { filingId: number; institutionId: number; regionCode: string; filedOn: string; hazardCodes: string[] },
): Promise<number | null> => {
  const template = await activeTemplate(trx, VERIFICATION_TEMPLATE);
  if (!template) throw new Error(`no active verification template ${VERIFICATION_TEMPLATE}`);
  const province = provinceOf(f.regionCode);
  const responsible = await responsibleFor(trx, province);
  // The due date is the clock's (one rule, one calendar): opened first on a placeholder subject would
  // need the id, so the verification is inserted with the clock's arithmetic done by the engine after.
  const id = await insertVerification(
    trx,
    {
      filing_id: f.filingId,
      institution_id: f.institutionId,
      region_code: f.regionCode,
      responsible_organisation_id: responsible?.organisation_id ?? null,
      verification_template_id: template.verification_template_id,
      filed_on: f.filedOn,
      due_on: f.filedOn,
    },
    [...new Set(f.hazardCodes)].sort(),
  );
  if (id === null) return null;
  await openDeadlines(trx, [
    {
      kind: VERIFICATION_CLOCK,
      subject_type: 'verification',
      subject_id: id,
      starts_on: f.filedOn,
      responsible_organisation_id: responsible?.organisation_id ?? null,
      // The provincial commission is warned when it runs late (it organises the verification).
      regulator_region_code: province,
    },
  ]);
  const [clock] = await deadlinesOf(trx, 'verification', [id]);
  await setVerificationDue(trx, id, clock!.due_on);
  await writeAudit(trx, ctx, {
    action: 'verification.schedule',
    entityType: 'verification',
    entityId: id,
    after: {
      opened: true,
      filingId: f.filingId,
      institutionId: f.institutionId,
      dueOn: clock!.due_on,
      template: `${template.code} v${template.version}`,
      hazardCodes: f.hazardCodes,
    },
  });
  return id;
};

export const listVerificationsFor = async (
  db: Db,
  actor: Actor,
  q: VerificationListQuery,
  exactCountLimit: number,
) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const now = today();
  const f = {
    status: q.status,
    result: q.result,
    overdueOn: q.overdue ? now : undefined,
    regionCode: q.regionCode,
    q: q.q?.trim() || undefined,
  };
  const [rows, { total, totalExact }] = await Promise.all([
    listVerifications(db, scope(actor), f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countVerifications(db, scope(actor), f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  return { data: rows.map((r) => summaryOf(actor, r, now)), total, totalExact, page, pageSize };
};

type ChecklistState = Awaited<ReturnType<typeof checklistOf>>;

const checklistOf = async (db: Db | Transaction<DB>, r: VerificationRow) => {
  const [items, results, factors] = await Promise.all([
    templateItems(db, r.verification_template_id),
    itemResults(db, r.verification_id),
    factorsOf(db, r.verification_id),
  ]);
  const byItem = new Map(results.map((x) => [x.verification_template_item_id, x]));
  return { items, byItem, factors };
};

/** What completing decides from the results so far. */
const previewOf = (c: ChecklistState) => {
  const missingItems = c.items
    .filter((i) => !c.byItem.has(i.verification_template_item_id))
    .map((i) => i.item_code);
  const missingFactors = c.factors.filter((x) => x.capable === null).map((x) => x.hazard_code);
  const failedKeyItems = c.items
    .filter((i) => i.key_item && c.byItem.get(i.verification_template_item_id)?.result === 'nonconform')
    .map((i) => i.item_code);
  const failedFactors = c.factors.filter((x) => x.capable === false).map((x) => x.hazard_code);
  const complete = !missingItems.length && !missingFactors.length;
  return {
    missingItems,
    missingFactors,
    failedKeyItems,
    failedFactors,
    // A key item 不符合 fails the verification (the institution does not meet 第五条's conditions).
    result: complete ? (failedKeyItems.length ? ('failed' as const) : ('passed' as const)) : null,
  };
};

/** The findings a completed verification leaves for rectification (a key item 不符合 is a major one). */
const verificationFindings = (id: number, institutionId: number, c: ChecklistState): FindingInput[] => [
  ...c.items.flatMap((i) => {
    const x = c.byItem.get(i.verification_template_item_id);
    return x?.result === 'nonconform'
      ? [
          {
            source: 'verification' as const,
            sourceRef: `verification:${id}:item:${i.item_code}`,
            institutionId,
            title: `现场核查不符合（${i.item_code}）：${i.text_zh}`,
            detail: x.note ?? undefined,
            severity: i.key_item ? ('major' as const) : ('general' as const),
          },
        ]
      : [];
  }),
  ...c.factors
    .filter((x) => x.capable === false)
    .map((x) => ({
      source: 'verification' as const,
      sourceRef: `verification:${id}:factor:${x.hazard_code}`,
      institutionId,
      title: `不具备检查能力：${hazardName(x.hazard_code)}（${x.hazard_code}）`,
      detail: x.note ?? undefined,
      severity: 'general' as const,
    })),
];

export const verificationDetail = async (
  db: Db,
  actor: Actor,
  id: number,
  lang: string,
): Promise<VerificationDetail> => {
  const r = await verificationInScope(db, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const en = lang === 'en';
  const [c, template, clocks, evidence] = await Promise.all([
    checklistOf(db, r),
    templateById(db, r.verification_template_id),
    deadlinesOf(db, 'verification', [id]),
    evidenceOf(db, id),
  ]);
  const now = today();
  const clock = clocks.find((x) => x.kind === VERIFICATION_CLOCK);
  const preview = previewOf(c);
  return {
    ...summaryOf(actor, r, now),
    failedFactors: preview.failedFactors.length,
    conclusion: r.conclusion,
    template: {
      code: template.code,
      version: template.version,
      name: en ? template.name_en : template.name_zh,
      source: template.source,
      confidence: template.confidence,
      note: template.note,
    },
    items: c.items.map((i) => {
      const x = c.byItem.get(i.verification_template_item_id);
      return {
        itemId: i.verification_template_item_id,
        code: i.item_code,
        sectionCode: i.section_code,
        section: en ? i.section_en : i.section_zh,
        text: en ? i.text_en : i.text_zh,
        keyItem: i.key_item,
        basis: i.basis,
        result: x?.result ?? null,
        note: x?.note ?? null,
        recordedAt: x ? iso(x.recorded_at) : null,
        evidence: evidence
          .filter((e) => e.item_code === i.item_code)
          .map((e) => ({
            id: e.verification_evidence_id,
            fileName: e.file_name,
            mediaType: e.media_type,
            sizeBytes: e.size_bytes,
            uploadedAt: iso(e.uploaded_at)!,
          })),
      };
    }),
    factors: c.factors.map((x) => {
      const cat = categoryOf(x.hazard_code);
      return {
        hazardCode: x.hazard_code,
        hazardName: hazardName(x.hazard_code),
        category: en ? filingCategoryLabels[cat].en : filingCategoryLabels[cat].zh,
        capable: x.capable,
        note: x.note,
        capabilityStatus: x.capability_status ?? null,
      };
    }),
    clock: clock
      ? {
          startsOn: clock.starts_on,
          dueOn: clock.due_on,
          done: clock.done_at !== null,
          overdueDays: overdueDays(clock.due_on, clock.done_at, now),
          legalBasis: clock.legal_basis,
          confidence: clock.confidence,
        }
      : null,
    preview,
  };
};

/** The verification locked for a write: in scope (404), the verifier of its province (403), open (409). */
const lockFor = async (trx: Transaction<DB>, actor: Actor, id: number) => {
  const r = await lockVerification(trx, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  if (!isVerifier(actor, r)) throw new AppError('forbidden', 'verification_province_only');
  if (!openState(r)) throw conflict('verification_completed');
  return r;
};

export const scheduleVerification = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: VerificationScheduleInput,
): Promise<{ id: number; status: string; scheduledOn: string }> => {
  const assessors = [...new Set(input.assessors.map((a) => a.trim()).filter(Boolean))];
  if (!assessors.length) throw invalid([{ path: 'assessors', reason: 'value_required' }]);
  return db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id);
    if (input.scheduledOn < day(r.filed_on)!)
      throw invalid([{ path: 'scheduledOn', reason: 'verification_date_before_filing' }]);
    await updateVerification(trx, id, {
      status: 'scheduled',
      scheduled_on: input.scheduledOn,
      assessors: JSON.stringify(assessors),
    });
    await writeAudit(trx, ctx, {
      action: 'verification.schedule',
      entityType: 'verification',
      entityId: id,
      before: { status: r.status, scheduledOn: day(r.scheduled_on), assessors: asList(r.assessors) },
      after: { status: 'scheduled', scheduledOn: input.scheduledOn, assessors },
    });
    return { id, status: 'scheduled', scheduledOn: input.scheduledOn };
  });
};

export const recordResults = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: VerificationResultsInput,
): Promise<{ id: number; items: number; factors: number }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id);
    if (r.status !== 'scheduled') throw conflict('verification_not_scheduled');
    const c = await checklistOf(trx, r);
    const byCode = new Map(c.items.map((i) => [i.item_code, i]));
    const filed = new Set(c.factors.map((x) => x.hazard_code));
    const issues: Array<{ path: string; reason: string }> = [];
    const seenItems = new Set<string>();
    input.items.forEach((x, i) => {
      if (!byCode.has(x.code)) issues.push({ path: `items.${i}.code`, reason: 'verification_item_unknown' });
      else if (seenItems.has(x.code))
        issues.push({ path: `items.${i}.code`, reason: 'verification_duplicate' });
      seenItems.add(x.code);
      if (x.result === 'nonconform' && !x.note?.trim())
        issues.push({ path: `items.${i}.note`, reason: 'verification_note_required' });
    });
    const factors = input.factors ?? [];
    const seenFactors = new Set<string>();
    factors.forEach((x, i) => {
      if (!filed.has(x.hazardCode))
        issues.push({ path: `factors.${i}.hazardCode`, reason: 'verification_factor_not_filed' });
      else if (seenFactors.has(x.hazardCode))
        issues.push({ path: `factors.${i}.hazardCode`, reason: 'verification_duplicate' });
      seenFactors.add(x.hazardCode);
      if (!x.capable && !x.note?.trim())
        issues.push({ path: `factors.${i}.note`, reason: 'verification_note_required' });
    });
    if (issues.length) throw invalid(issues);
    await upsertItemResults(
      trx,
      input.items.map((x) => ({
        verification_id: id,
        verification_template_item_id: byCode.get(x.code)!.verification_template_item_id,
        result: x.result,
        note: x.note?.trim() || null,
        recorded_by: userOf(actor),
      })),
    );
    await updateFactors(
      trx,
      id,
      factors.map((x) => ({ hazard_code: x.hazardCode, capable: x.capable, note: x.note?.trim() || null })),
    );
    await updateVerification(trx, id, {});
    await writeAudit(trx, ctx, {
      action: 'verification.record',
      entityType: 'verification',
      entityId: id,
      after: {
        items: input.items.map((x) => ({ code: x.code, result: x.result, note: x.note?.trim() || null })),
        factors: factors.map((x) => ({ hazardCode: x.hazardCode, capable: x.capable })),
      },
    });
    return { id, items: input.items.length, factors: factors.length };
  });

export const completeVerification = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: VerificationCompleteInput,
  on: string = today(),
): Promise<{ id: number; status: string; result: 'passed' | 'failed'; blocked: string[] }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id);
    if (!completableState(r)) throw conflict('verification_not_scheduled');
    const checklist = await checklistOf(trx, r);
    const preview = previewOf(checklist);
    if (preview.result === null)
      throw new AppError('validation_failed', 'verification_incomplete', [
        ...preview.missingItems.map((code) => ({
          path: `items.${code}`,
          reason: 'verification_incomplete',
          message: '',
        })),
        ...preview.missingFactors.map((code) => ({
          path: `factors.${code}`,
          reason: 'verification_incomplete',
          message: '',
        })),
      ]);
    const conclusion = input.conclusion?.trim() || null;
    await updateVerification(trx, id, {
      status: 'completed',
      result: preview.result,
      completed_on: on,
      completed_by: userOf(actor),
      conclusion,
    });
    await blockCapability(
      trx,
      r.institution_id,
      preview.failedFactors,
      on,
      `现场核查 #${id}：不具备能力的服务项目`,
    );
    await closeDeadlines(trx, [VERIFICATION_CLOCK], 'verification', [id], {
      userId: userOf(actor),
      note: preview.result,
    });
    // 整改台账 (R25): each checklist item 不符合 and each factor found not capable becomes an item.
    await raiseFindings(trx, ctx, verificationFindings(id, r.institution_id, checklist));
    await writeAudit(trx, ctx, {
      action: 'verification.complete',
      entityType: 'verification',
      entityId: id,
      before: { status: r.status },
      after: {
        status: 'completed',
        result: preview.result,
        completedOn: on,
        failedKeyItems: preview.failedKeyItems,
        blockedHazardCodes: preview.failedFactors,
        conclusion,
      },
    });
    return { id, status: 'completed', result: preview.result, blocked: preview.failedFactors };
  });

/** Evidence for a checklist item (PDF / JPG / PNG by content, ≤ 10 MB: the filing attachment checks). */
export const addEvidence = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  itemCode: string,
  upload: { fileName: string; buffer: Buffer },
): Promise<{ id: number }> =>
  db.transaction().execute(async (trx) => {
    // Scope, who and state first (404 / 403 / 409), then the file itself.
    const r = await lockFor(trx, actor, id);
    const items = await templateItems(trx, r.verification_template_id);
    if (!items.some((i) => i.item_code === itemCode))
      throw invalid([{ path: 'item', reason: 'verification_item_unknown' }]);
    if (upload.buffer.length > FILING_ATTACHMENT_MAX_BYTES)
      throw invalid([{ path: 'file', reason: 'filing_attachment_too_large' }]);
    if (!upload.buffer.length) throw invalid([{ path: 'file', reason: 'value_required' }]);
    const type = attachmentTypeOf(upload.fileName, upload.buffer);
    if (!type) throw invalid([{ path: 'file', reason: 'filing_attachment_type' }]);
    const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
    const evidenceId = await insertEvidence(trx, {
      verification_id: id,
      item_code: itemCode,
      file_name: upload.fileName.slice(0, 200),
      media_type: type.mediaType,
      size_bytes: upload.buffer.length,
      sha256,
      content: upload.buffer,
      uploaded_by: userOf(actor),
    });
    await writeAudit(trx, ctx, {
      action: 'verification.record',
      entityType: 'verification',
      entityId: id,
      after: { evidenceId, item: itemCode, fileName: upload.fileName, mediaType: type.mediaType, sha256 },
    });
    return { id: evidenceId };
  });

export const evidenceFile = async (db: Db, actor: Actor, id: number, evidenceId: number) => {
  const r = await verificationInScope(db, scope(actor), id);
  if (!r) throw new AppError('not_found', 'not_found');
  const e = await evidenceFileOf(db, id, evidenceId);
  if (!e) throw new AppError('not_found', 'not_found');
  return { fileName: e.file_name, mediaType: e.media_type, content: e.content };
};

/**
 * Whether the institution's live filing passed its on-site verification (Jilin 2024 一(二): a new filing
 * may do outbound exams only after it has). Unscoped: the caller has authorised the institution.
 */
export const verificationPassed = async (
  db: Kysely<DB> | Transaction<DB>,
  institutionId: number,
): Promise<boolean> => (await passedVerificationOf(db, institutionId)) !== undefined;

/**
 * 信息公开, the lacking-capability list (国卫办职健函〔2023〕241号; 吉卫规〔2024〕2号 一(三): the commission
 * publishes the institutions that do not meet the conditions, or the items they lack capability for):
 * one row per institution of the province with a live filed filing whose on-site verification failed or
 * that holds blocked capability rows — the blocked hazard factors by category, and as main problems the
 * checklist items found 不符合 (the form's own wording; the assessors' free-text notes stay internal).
 * Unscoped (the list is public); the public-lists module decides who publishes it.
 */
export const lackingCapabilityRows = async (
  db: Kysely<DB> | Transaction<DB>,
  provinceCode: string,
): Promise<PublicListRow[]> => {
  const completed = await unsafeCompletedVerificationsOf(db, provinceCode);
  const blocked = await unsafeBlockedCapabilityOf(db, provinceCode);
  const latest = new Map<number, (typeof completed)[number]>();
  for (const v of completed) latest.set(v.institution_id, v);
  const blockedBy = new Map<number, typeof blocked>();
  for (const b of blocked) blockedBy.set(b.institution_id, [...(blockedBy.get(b.institution_id) ?? []), b]);
  const failed = [...latest.values()].filter((v) => v.result === 'failed');
  const problems = await nonconformItemsOf(
    db,
    [...latest.values()]
      .filter((v) => v.result === 'failed' || blockedBy.has(v.institution_id))
      .map((v) => v.verification_id),
  );
  const institutions = new Set([...failed.map((v) => v.institution_id), ...blockedBy.keys()]);
  const rows = [...institutions].map((id): PublicListRow => {
    const v = latest.get(id);
    const b = blockedBy.get(id) ?? [];
    const first = b[0];
    const regionCode = v?.region_code ?? first!.region_code;
    const failedIt = v?.result === 'failed';
    const found = v ? problems.filter((p) => p.verification_id === v.verification_id) : [];
    const since = v?.completed_on ?? b.map((x) => day(x.since)!).sort()[0] ?? null;
    return {
      institutionId: id,
      institutionName: v?.institution_name ?? first!.institution_name,
      regionCode,
      regionName: regionFullName(regionCode),
      reference: failedIt ? '不具备规定条件（现场核查未通过）' : '部分服务项目不具备能力',
      items: hazardItemsByCategory(b.map((x) => x.hazard_code)),
      ...(found.length
        ? {
            detail: found.map((p) => `${p.key_item ? '【关键项】' : ''}${p.text_zh}`).join('；'),
          }
        : {}),
      ...(since ? { since: day(since)! } : {}),
    };
  });
  return rows.sort(
    (a, b) =>
      a.regionCode.localeCompare(b.regionCode) || a.institutionName.localeCompare(b.institutionName, 'zh'),
  );
};
