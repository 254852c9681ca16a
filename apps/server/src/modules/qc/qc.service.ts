/**
 * 质控评估 (issue 16 item 5; R50, R21, R22). The QC centre keeps the forms as versioned data (a draft is
 * edited, then published and frozen; publishing a new version retires the old one; an assessment keeps
 * its version), makes the yearly plan of its province (every filed exam and diagnosis institution once;
 * extra visits from the risk ranking), schedules an assessment per plan entry against the institution's
 * filed version, scores each item, checks the filing's consistency and completes it: the grade is
 * computed (a failed key item ⇒ 不合格), each failed or deducted item and each mismatch becomes a
 * rectification item (modules/rectifications), and a major problem is reported to the provincial
 * commission and disease-control bureau at once (吉卫规〔2024〕2号 五). Institutions fill their own
 * self-assessments and submit them; the QC centre reviews them. Every write is audited.
 */
import { createHash } from 'node:crypto';
import {
  FILING_ATTACHMENT_MAX_BYTES,
  qcGradeLabels,
  qcHazardCategories,
  qcRiskWeights,
  qcTemplateKindOfOrganisation,
  type FilingContent,
  type PublicListRow,
  type QcAssessmentDetail,
  type QcAssessmentListQuery,
  type QcAssessmentSummary,
  type QcCompleteInput,
  type QcComplaintInput,
  type QcConsistencyFinding,
  type QcConsistencyInput,
  type QcExtraVisitInput,
  type QcPlanCreateInput,
  type QcPlanDetail,
  type QcPlanEntry,
  type QcPlanSummary,
  type QcReportMajorInput,
  type QcReviewInput,
  type QcScheduleInput,
  type QcScoresInput,
  type QcSelfCreateInput,
  type QcTemplateCreateInput,
  type QcTemplateDetail,
  type QcTemplateListQuery,
  type QcTemplateSummary,
  type QcTemplateUpdateInput,
} from '@ohp/contracts';
import { chinaToday, regionPath } from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { regionInScope, scopeOf, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { notifyOrganisations } from '../deadlines/index.js';
import { attachmentTypeOf } from '../filings/index.js';
import { lateRectificationCounts, raiseFindings, type FindingInput } from '../rectifications/index.js';
import {
  assessmentAbilities,
  isQcManager,
  isSelfAssessor,
  managesRegion,
  openAssessment,
  provinceOf,
  templateAbilities,
} from './qc.policy.js';
import {
  assessedIn,
  assessmentInScope,
  cardVolumes,
  complaintsOf,
  copyContent,
  countAssessments,
  dueInstitutions,
  entryInScope,
  evidenceFileOf,
  evidenceOf,
  failureCounts,
  filedFilingOf,
  filingVersionOf,
  insertAssessment,
  insertEvidence,
  insertExtraEntry,
  insertPlan,
  insertRoutineEntries,
  insertTemplate,
  itemsOf,
  latestCompleted,
  latestCompletedIn,
  listAssessments,
  listPlans,
  listTemplates,
  lockAssessment,
  lockPlan,
  lockTemplate,
  maxVersion,
  organisationOf,
  planById,
  planEntries,
  provincialAuthorities,
  publishedTemplate,
  replaceContent,
  markTemplatePublished,
  retirePublished,
  scoresOf,
  sectionsOf,
  templateById,
  touchPlan,
  updateAssessment,
  updateTemplate,
  upsertComplaint,
  upsertScores,
  versionsOf,
  type AssessmentRow,
  type PlanEntryRow,
  type PlanRow,
  type TemplateItemRow,
  type TemplateListRow,
  type TemplateRow,
} from './qc.repository.js';
import {
  consistencyFindings,
  coveragePercent,
  filedCategoriesOf,
  filedFactsOf,
  gradeOf,
  isDeducted,
  riskOf,
  type ScoredItem,
} from './qc.rules.js';

type Db = Kysely<DB>;
type AnyDb = Kysely<DB> | Transaction<DB>;
type Lang = string;

const today = () => chinaToday();
const day = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString();
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));
const json = <T>(v: unknown, fallback: T): T =>
  v === null || v === undefined ? fallback : ((typeof v === 'string' ? JSON.parse(v) : v) as T);
const userOf = (a: Actor): number | null => (a.userId > 0 ? a.userId : null);
const scope = (actor: Actor) => scopeOf(actor, 'business');
const conflict = (reason: string) => new AppError('conflict', reason);
const notFound = () => new AppError('not_found', 'not_found');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const regionName = (code: string) =>
  regionPath(code.slice(0, 6))
    .map((r) => r.name)
    .join(' ') || code;

// =================================================================================================
// Templates

const templateSummaryOf = (actor: Actor, t: TemplateListRow, lang: Lang): QcTemplateSummary => ({
  id: t.qc_template_id,
  code: t.code,
  version: t.version,
  kind: t.kind,
  mode: t.mode,
  name: lang === 'en' ? t.name_en : t.name_zh,
  status: t.status,
  provisional: t.provisional,
  passPercent: Number(t.pass_percent),
  basicPercent: Number(t.basic_percent),
  items: Number(t.items ?? 0),
  keyItems: Number(t.key_items ?? 0),
  publishedAt: iso(t.published_at),
  abilities: templateAbilities(actor, t),
});

export const listTemplatesFor = async (
  db: Db,
  actor: Actor,
  q: QcTemplateListQuery,
  lang: Lang,
): Promise<QcTemplateSummary[]> => {
  const selfKind = qcTemplateKindOfOrganisation[actor.organisationKind];
  if (q.forSelf && !selfKind) return [];
  const rows = await listTemplates(db, {
    code: q.code,
    status: q.forSelf ? 'published' : q.status,
    kind: q.forSelf ? selfKind : undefined,
  });
  return rows.map((t) => templateSummaryOf(actor, t, lang));
};

const sectionsWithItems = async (db: AnyDb, templateId: number) => {
  const [sections, items] = await Promise.all([sectionsOf(db, templateId), itemsOf(db, templateId)]);
  return sections.map((s) => ({ ...s, items: items.filter((i) => i.section_code === s.section_code) }));
};

const itemOut = (i: TemplateItemRow, lang: Lang) => ({
  id: i.qc_template_item_id,
  code: i.item_code,
  text: lang === 'en' ? i.text_en : i.text_zh,
  textZh: i.text_zh,
  textEn: i.text_en,
  points: Number(i.points),
  keyItem: i.key_item,
  evidenceRequired: i.evidence_required,
  basis: i.basis,
});

export const templateDetail = async (
  db: Db,
  actor: Actor,
  id: number,
  lang: Lang,
): Promise<QcTemplateDetail> => {
  const t = (await listTemplates(db, {})).find((x) => x.qc_template_id === id);
  if (!t) throw notFound();
  const [sections, versions] = await Promise.all([sectionsWithItems(db, id), versionsOf(db, t.code)]);
  return {
    ...templateSummaryOf(actor, t, lang),
    nameZh: t.name_zh,
    nameEn: t.name_en,
    source: t.source,
    note: t.note,
    totalPoints: sections.reduce((s, x) => s + x.items.reduce((a, i) => a + Number(i.points), 0), 0),
    sections: sections.map((s) => ({
      code: s.section_code,
      title: lang === 'en' ? s.title_en : s.title_zh,
      titleZh: s.title_zh,
      titleEn: s.title_en,
      hazardCategory: s.hazard_category,
      items: s.items.map((i) => itemOut(i, lang)),
    })),
    versions: versions.map((v) => ({ id: v.qc_template_id, version: v.version, status: v.status })),
  };
};

const requireManager = (actor: Actor) => {
  if (!isQcManager(actor)) throw new AppError('forbidden', 'qc_province_only');
};

const templateAudit = (t: Pick<TemplateRow, 'code' | 'version' | 'status'>) => ({
  code: t.code,
  version: t.version,
  status: t.status,
});

/** A new draft: the next version of an existing form (its latest version copied), or a new, empty form. */
export const createTemplateVersion = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: QcTemplateCreateInput,
): Promise<{ id: number; version: number }> => {
  requireManager(actor);
  return db.transaction().execute(async (trx) => {
    const versions = await versionsOf(trx, input.code);
    if (versions.some((v) => v.status === 'draft')) throw conflict('qc_template_draft_exists');
    const latest = versions[0] ? await templateById(trx, versions[0].qc_template_id) : undefined;
    if (!latest && (!input.kind || !input.nameZh?.trim()))
      throw invalid([
        ...(input.kind ? [] : [{ path: 'kind', reason: 'value_required' }]),
        ...(input.nameZh?.trim() ? [] : [{ path: 'nameZh', reason: 'value_required' }]),
      ]);
    const version = (await maxVersion(trx, input.code)) + 1;
    const kind = latest?.kind ?? input.kind!;
    const id = await insertTemplate(trx, {
      code: input.code,
      version,
      kind,
      mode: latest?.mode ?? (kind === 'exam' || kind === 'diagnosis' ? 'assessment' : 'self'),
      name_zh: latest?.name_zh ?? input.nameZh!.trim(),
      name_en: latest?.name_en ?? input.nameZh!.trim(),
      source: latest?.source ?? '（待填写）',
      provisional: latest?.provisional ?? true,
      note: latest?.note ?? null,
      pass_percent: latest?.pass_percent ?? 85,
      basic_percent: latest?.basic_percent ?? 70,
      created_by: userOf(actor),
    });
    if (latest) await copyContent(trx, latest.qc_template_id, id);
    await writeAudit(trx, ctx, {
      action: 'qc_template.create',
      entityType: 'qc_template',
      entityId: id,
      after: { code: input.code, version, kind, copiedFrom: latest?.qc_template_id ?? null },
    });
    return { id, version };
  });
};

const lockDraft = async (trx: Transaction<DB>, actor: Actor, id: number) => {
  const t = await lockTemplate(trx, id);
  if (!t) throw notFound();
  requireManager(actor);
  if (t.status !== 'draft') throw conflict('qc_template_published');
  return t;
};

export const updateTemplateDraft = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: QcTemplateUpdateInput,
): Promise<{ id: number; items: number }> =>
  db.transaction().execute(async (trx) => {
    const t = await lockDraft(trx, actor, id);
    const issues: Array<{ path: string; reason: string }> = [];
    if (input.basicPercent > input.passPercent)
      issues.push({ path: 'basicPercent', reason: 'qc_threshold_order' });
    const sectionCodes = new Set<string>();
    const itemCodes = new Set<string>();
    const hazards = new Set<string>();
    input.sections.forEach((s, i) => {
      if (sectionCodes.has(s.code)) issues.push({ path: `sections.${i}.code`, reason: 'qc_duplicate' });
      sectionCodes.add(s.code);
      if (s.hazardCategory) {
        if (t.kind !== 'exam')
          issues.push({ path: `sections.${i}.hazardCategory`, reason: 'qc_hazard_sheet_exam_only' });
        else if (hazards.has(s.hazardCategory))
          issues.push({ path: `sections.${i}.hazardCategory`, reason: 'qc_duplicate' });
        hazards.add(s.hazardCategory);
      }
      s.items.forEach((it, j) => {
        if (itemCodes.has(it.code))
          issues.push({ path: `sections.${i}.items.${j}.code`, reason: 'qc_duplicate' });
        itemCodes.add(it.code);
      });
    });
    if (issues.length) throw invalid(issues);
    let sort = 0;
    await replaceContent(
      trx,
      id,
      input.sections.map((s, i) => ({
        section_code: s.code,
        title_zh: s.titleZh.trim(),
        title_en: s.titleEn?.trim() || s.titleZh.trim(),
        hazard_category: s.hazardCategory ?? null,
        sort: (i + 1) * 10,
      })),
      input.sections.flatMap((s) =>
        s.items.map((it) => ({
          section_code: s.code,
          item_code: it.code,
          text_zh: it.textZh.trim(),
          text_en: it.textEn?.trim() || it.textZh.trim(),
          points: it.points,
          key_item: it.keyItem,
          evidence_required: it.evidenceRequired,
          basis: it.basis.trim(),
          sort: (sort += 10),
        })),
      ),
    );
    await updateTemplate(trx, id, {
      name_zh: input.nameZh.trim(),
      name_en: input.nameEn?.trim() || input.nameZh.trim(),
      source: input.source.trim(),
      note: input.note?.trim() || null,
      provisional: input.provisional,
      pass_percent: input.passPercent,
      basic_percent: input.basicPercent,
    });
    await writeAudit(trx, ctx, {
      action: 'qc_template.update',
      entityType: 'qc_template',
      entityId: id,
      before: {
        ...templateAudit(t),
        passPercent: Number(t.pass_percent),
        basicPercent: Number(t.basic_percent),
      },
      after: {
        ...templateAudit(t),
        passPercent: input.passPercent,
        basicPercent: input.basicPercent,
        provisional: input.provisional,
        sections: input.sections.map((s) => s.code),
        items: itemCodes.size,
        keyItems: input.sections.flatMap((s) => s.items.filter((i) => i.keyItem).map((i) => i.code)),
      },
    });
    return { id, items: itemCodes.size };
  });

/** Publishes a draft: from now on it is frozen (trigger), and the previously published version retires. */
export const publishTemplate = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
): Promise<{ id: number; status: 'published'; retired: number[] }> =>
  db.transaction().execute(async (trx) => {
    const t = await lockDraft(trx, actor, id);
    if (!(await itemsOf(trx, id)).length) throw conflict('qc_template_empty');
    const retired = (await retirePublished(trx, t.code)).map((r) => r.qc_template_id);
    await markTemplatePublished(trx, id, userOf(actor));
    await writeAudit(trx, ctx, {
      action: 'qc_template.publish',
      entityType: 'qc_template',
      entityId: id,
      before: templateAudit(t),
      after: { ...templateAudit(t), status: 'published', retired },
    });
    return { id, status: 'published', retired };
  });

export const retireTemplate = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
): Promise<{ id: number; status: 'retired' }> =>
  db.transaction().execute(async (trx) => {
    const t = await lockTemplate(trx, id);
    if (!t) throw notFound();
    requireManager(actor);
    if (t.status !== 'published') throw conflict('qc_template_not_published');
    await updateTemplate(trx, id, { status: 'retired' });
    await writeAudit(trx, ctx, {
      action: 'qc_template.retire',
      entityType: 'qc_template',
      entityId: id,
      before: templateAudit(t),
      after: { ...templateAudit(t), status: 'retired' },
    });
    return { id, status: 'retired' };
  });

// =================================================================================================
// Plans

/** A plan exists for the actors of its province (entries and figures then follow their scope). */
const planFor = async (db: AnyDb, actor: Actor, id: number): Promise<PlanRow> => {
  const p = await planById(db, id);
  if (!p || p.province_code !== provinceOf(actor.regionCode)) throw notFound();
  return p;
};

type PlanFigures = {
  entries: PlanEntryRow[];
  routine: PlanEntryRow[];
  covered: Set<number>;
  assessedThisYear: Set<number>;
};

const figuresOf = async (db: AnyDb, sc: Scope, p: PlanRow): Promise<PlanFigures> => {
  const entries = await planEntries(db, sc, p.qc_plan_id);
  const routine = entries.filter((e) => e.kind === 'routine');
  const ids = routine.map((e) => e.institution_id);
  const [covered, assessedThisYear] = await Promise.all([
    assessedIn(db, ids, [p.year - 1, p.year]),
    assessedIn(db, ids, [p.year]),
  ]);
  return { entries, routine, covered, assessedThisYear };
};

const planSummaryOf = (p: PlanRow, f: PlanFigures): QcPlanSummary => ({
  id: p.qc_plan_id,
  provinceCode: p.province_code,
  year: p.year,
  note: p.note,
  due: f.routine.length,
  assessedThisYear: f.routine.filter((e) => f.assessedThisYear.has(e.institution_id)).length,
  coveredInCycle: f.routine.filter((e) => f.covered.has(e.institution_id)).length,
  coveragePercent: coveragePercent(
    f.routine.filter((e) => f.covered.has(e.institution_id)).length,
    f.routine.length,
  ),
  extraVisits: f.entries.filter((e) => e.kind === 'extra').length,
});

export const listPlansFor = async (db: Db, actor: Actor): Promise<QcPlanSummary[]> => {
  const plans = await listPlans(db, provinceOf(actor.regionCode));
  const out: QcPlanSummary[] = [];
  for (const p of plans) out.push(planSummaryOf(p, await figuresOf(db, scope(actor), p)));
  return out;
};

/**
 * The risk inputs of the plan's institutions (R50: 服务量大、投诉多、质量问题整改不及时或不到位, and past
 * failures): the exam cards of the plan year and the year before (one GROUP BY over exam_card), the
 * complaints recorded for the plan year, the completed assessments graded 不合格, the rectification items
 * past due (modules/rectifications).
 */
const riskInputs = async (db: AnyDb, p: PlanRow, institutionIds: number[]) => {
  const [volumes, complaints, failures, late] = await Promise.all([
    cardVolumes(db, institutionIds, `${p.year - 1}-01-01`, `${p.year}-12-31`),
    complaintsOf(db, institutionIds, p.year),
    failureCounts(db, institutionIds),
    lateRectificationCounts(db, institutionIds),
  ]);
  return { volumes, complaints, failures, late };
};

export const planDetail = async (db: Db, actor: Actor, id: number): Promise<QcPlanDetail> => {
  const p = await planFor(db, actor, id);
  const sc = scope(actor);
  const f = await figuresOf(db, sc, p);
  // The volume points are relative to the largest volume among all the plan's institutions, so every
  // reader of the plan sees the same score whatever part of it is in scope.
  const all = (await planEntries(db, { kind: 'all' }, id)).filter((e) => e.kind === 'routine');
  const allIds = all.map((e) => e.institution_id);
  const r = await riskInputs(db, p, allIds);
  const maxVolume = Math.max(0, ...allIds.map((i) => r.volumes.get(i) ?? 0));
  const riskFor = (institutionId: number) =>
    riskOf(
      {
        volume: r.volumes.get(institutionId) ?? 0,
        complaints: r.complaints.get(institutionId) ?? 0,
        pastFailures: r.failures.get(institutionId) ?? 0,
        lateRectifications: r.late.get(institutionId) ?? 0,
      },
      maxVolume,
    );
  const withExtra = new Set(f.entries.filter((e) => e.kind === 'extra').map((e) => e.institution_id));
  const entries: QcPlanEntry[] = f.entries.map((e) => {
    const risk = riskFor(e.institution_id);
    return {
      id: e.qc_plan_entry_id,
      institutionId: e.institution_id,
      institutionName: e.institution_name,
      institutionKind: e.institution_kind,
      regionCode: e.region_code,
      kind: e.kind,
      reason: e.reason,
      assessmentId: e.qc_assessment_id,
      assessmentStatus: e.assessment_status,
      scheduledOn: day(e.scheduled_on),
      grade: e.grade,
      coveredInCycle: f.covered.has(e.institution_id),
      risk,
      proposeExtra:
        e.kind === 'routine' && risk.score >= qcRiskWeights.proposeAt && !withExtra.has(e.institution_id),
    };
  });
  const listed = new Set(all.map((e) => e.institution_id));
  const missing = (await dueInstitutions(db, p.province_code)).filter(
    (d) => !listed.has(d.institution_id) && regionInScope(sc, d.region_code, d.institution_id),
  ).length;
  return {
    ...planSummaryOf(p, f),
    coverageTarget: 100,
    missing,
    weights: { ...qcRiskWeights },
    entries,
    abilities: { manage: managesRegion(actor, p.province_code) },
  };
};

const dueRows = (rows: Awaited<ReturnType<typeof dueInstitutions>>) =>
  rows.map((d) => ({
    institution_id: d.institution_id,
    region_code: d.region_code,
    institution_kind: d.kind as 'exam' | 'diagnosis',
  }));

/** The plan of a year: every exam and diagnosis institution of the province with a filed filing, once. */
export const createPlan = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: QcPlanCreateInput,
): Promise<{ id: number; year: number; entries: number }> => {
  requireManager(actor);
  const province = provinceOf(actor.regionCode);
  return db.transaction().execute(async (trx) => {
    const id = await insertPlan(trx, {
      province_code: province,
      year: input.year,
      note: input.note?.trim() || null,
      created_by: userOf(actor),
    });
    if (id === null) throw conflict('qc_plan_exists');
    const added = await insertRoutineEntries(
      trx,
      id,
      dueRows(await dueInstitutions(trx, province)),
      userOf(actor),
    );
    await writeAudit(trx, ctx, {
      action: 'qc_plan.create',
      entityType: 'qc_plan',
      entityId: id,
      after: { provinceCode: province, year: input.year, entries: added.length },
    });
    return { id, year: input.year, entries: added.length };
  });
};

const lockPlanFor = async (trx: Transaction<DB>, actor: Actor, id: number) => {
  const p = await lockPlan(trx, id);
  if (!p || p.province_code !== provinceOf(actor.regionCode)) throw notFound();
  if (!managesRegion(actor, p.province_code)) throw new AppError('forbidden', 'qc_province_only');
  return p;
};

/** Adds the institutions filed since the plan was made (the plan covers every due institution). */
export const refreshPlan = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
): Promise<{ id: number; added: number }> =>
  db.transaction().execute(async (trx) => {
    const p = await lockPlanFor(trx, actor, id);
    const added = await insertRoutineEntries(
      trx,
      id,
      dueRows(await dueInstitutions(trx, p.province_code)),
      userOf(actor),
    );
    if (added.length) {
      await touchPlan(trx, id);
      await writeAudit(trx, ctx, {
        action: 'qc_plan.update',
        entityType: 'qc_plan',
        entityId: id,
        after: { refreshed: true, addedInstitutions: added },
      });
    }
    return { id, added: added.length };
  });

/** The plan's entry for a plan-entry write, in the plan and in scope (404 otherwise). */
const entryOfPlan = async (trx: Transaction<DB>, actor: Actor, planId: number, entryId: number) => {
  const e = await entryInScope(trx, scope(actor), entryId);
  if (!e || e.qc_plan_id !== planId) throw invalid([{ path: 'entryId', reason: 'qc_plan_entry_unknown' }]);
  return e;
};

/** An extra visit (加密考核) for the institution of a plan entry, with the reason and the risk parts now. */
export const addExtraVisit = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  planId: number,
  input: QcExtraVisitInput,
): Promise<{ id: number; entryId: number }> =>
  db.transaction().execute(async (trx) => {
    const p = await lockPlanFor(trx, actor, planId);
    const e = await entryOfPlan(trx, actor, planId, input.entryId);
    const reason = input.reason.trim();
    if (!reason) throw invalid([{ path: 'reason', reason: 'value_required' }]);
    const all = (await planEntries(trx, { kind: 'all' }, planId)).filter((x) => x.kind === 'routine');
    const r = await riskInputs(
      trx,
      p,
      all.map((x) => x.institution_id),
    );
    const maxVolume = Math.max(0, ...all.map((x) => r.volumes.get(x.institution_id) ?? 0));
    const risk = riskOf(
      {
        volume: r.volumes.get(e.institution_id) ?? 0,
        complaints: r.complaints.get(e.institution_id) ?? 0,
        pastFailures: r.failures.get(e.institution_id) ?? 0,
        lateRectifications: r.late.get(e.institution_id) ?? 0,
      },
      maxVolume,
    );
    const entryId = await insertExtraEntry(trx, {
      qc_plan_id: planId,
      institution_id: e.institution_id,
      region_code: e.region_code,
      institution_kind: e.institution_kind,
      reason,
      risk: JSON.stringify(risk),
      created_by: userOf(actor),
    });
    await touchPlan(trx, planId);
    await writeAudit(trx, ctx, {
      action: 'qc_plan.update',
      entityType: 'qc_plan',
      entityId: planId,
      after: { extraVisit: entryId, institutionId: e.institution_id, reason, risk },
    });
    return { id: planId, entryId };
  });

/** The complaints received about a plan entry's institution in the plan year (a risk input). */
export const recordComplaints = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  planId: number,
  input: QcComplaintInput,
): Promise<{ id: number; institutionId: number; complaints: number }> =>
  db.transaction().execute(async (trx) => {
    const p = await lockPlanFor(trx, actor, planId);
    const e = await entryOfPlan(trx, actor, planId, input.entryId);
    const before = await complaintsOf(trx, [e.institution_id], p.year);
    await upsertComplaint(trx, {
      institution_id: e.institution_id,
      year: p.year,
      complaints: input.complaints,
      note: input.note?.trim() || null,
      recorded_by: userOf(actor),
    });
    await writeAudit(trx, ctx, {
      action: 'qc_plan.update',
      entityType: 'qc_plan',
      entityId: planId,
      before: { institutionId: e.institution_id, complaints: before.get(e.institution_id) ?? null },
      after: { institutionId: e.institution_id, year: p.year, complaints: input.complaints },
    });
    return { id: planId, institutionId: e.institution_id, complaints: input.complaints };
  });

// =================================================================================================
// Assessments

const summaryOf = (actor: Actor, r: AssessmentRow, lang: Lang): QcAssessmentSummary => ({
  id: r.qc_assessment_id,
  mode: r.mode,
  status: r.status,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  regionCode: r.region_code,
  year: r.year,
  template: {
    id: r.qc_template_id,
    code: r.template_code,
    kind: r.template_kind,
    version: r.template_version,
    name: lang === 'en' ? r.template_name_en : r.template_name_zh,
    provisional: r.template_provisional,
  },
  planEntryId: r.qc_plan_entry_id,
  planEntryKind: r.entry_kind,
  scheduledOn: day(r.scheduled_on),
  assessors: json<string[]>(r.assessors, []),
  score: num(r.score),
  maxScore: num(r.max_score),
  percent: num(r.percent),
  grade: r.grade,
  completedOn: day(r.completed_on),
  submittedAt: iso(r.submitted_at),
  majorProblem: r.major_problem,
  majorReportedAt: iso(r.major_reported_at),
  abilities: assessmentAbilities(actor, r),
});

export const listAssessmentsFor = async (
  db: Db,
  actor: Actor,
  q: QcAssessmentListQuery,
  lang: Lang,
  exactCountLimit: number,
) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f = {
    mode: q.mode,
    status: q.status,
    grade: q.grade,
    year: q.year,
    regionCode: q.regionCode,
    q: q.q?.trim() || undefined,
  };
  const [rows, { total, totalExact }] = await Promise.all([
    listAssessments(db, scope(actor), f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countAssessments(db, scope(actor), f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  return { data: rows.map((r) => summaryOf(actor, r, lang)), total, totalExact, page, pageSize };
};

/** The form of an assessment: its version's sections that apply (per-hazard sheets by filed category). */
const formOf = async (db: AnyDb, r: AssessmentRow) => {
  const [sections, scores, template] = await Promise.all([
    sectionsWithItems(db, r.qc_template_id),
    scoresOf(db, r.qc_assessment_id),
    templateById(db, r.qc_template_id),
  ]);
  const categories = json<string[]>(r.hazard_categories, []);
  const applies = (s: { hazard_category: string | null }) =>
    s.hazard_category === null || categories.includes(s.hazard_category);
  const applied = sections.filter(applies);
  const byItem = new Map(scores.map((s) => [s.qc_template_item_id, s]));
  const items = applied.flatMap((s) => s.items);
  return {
    template: template!,
    categories,
    applied,
    skipped: sections.filter((s) => !applies(s)).map((s) => s.section_code),
    items,
    byItem,
  };
};
type Form = Awaited<ReturnType<typeof formOf>>;

const scoredItems = (f: Form): ScoredItem[] =>
  f.items.map((i) => {
    const s = f.byItem.get(i.qc_template_item_id);
    return {
      code: i.item_code,
      points: Number(i.points),
      keyItem: i.key_item,
      result: s?.result ?? null,
      awarded: s ? num(s.points) : null,
    };
  });

const previewOf = (r: AssessmentRow, f: Form, evidenceCodes: Set<string>) => {
  const g = gradeOf(scoredItems(f), {
    passPercent: Number(f.template.pass_percent),
    basicPercent: Number(f.template.basic_percent),
  });
  // Evidence is required for the items the version marks so, unless scored 不适用.
  const missingEvidence = f.items
    .filter(
      (i) =>
        i.evidence_required &&
        f.byItem.get(i.qc_template_item_id)?.result !== 'not_applicable' &&
        !evidenceCodes.has(i.item_code),
    )
    .map((i) => i.item_code);
  const consistencyMissing =
    r.mode === 'assessment' && r.filing_version_id !== null && !r.consistency_checked_at;
  return { ...g, missingEvidence, consistencyMissing };
};

/** The rectification items an assessment raises: failed or deducted items, consistency mismatches. */
const findingsOf = (r: AssessmentRow, f: Form): FindingInput[] => {
  const out: FindingInput[] = [];
  for (const i of f.items) {
    const s = f.byItem.get(i.qc_template_item_id);
    if (!s) continue;
    const scored: ScoredItem = {
      code: i.item_code,
      points: Number(i.points),
      keyItem: i.key_item,
      result: s.result,
      awarded: num(s.points),
    };
    if (!isDeducted(scored)) continue;
    out.push({
      source: 'qc',
      sourceRef: `qc:${r.qc_assessment_id}:${i.qc_template_item_id}`,
      institutionId: r.institution_id,
      title: clip(`质控${s.result === 'failed' ? '不符合' : '扣分'}：${i.item_code} ${i.text_zh}`, 200),
      detail: [
        s.note,
        `得分 ${num(s.points) ?? 0}/${Number(i.points)}`,
        i.key_item ? '关键项' : null,
        `质控评估 #${r.qc_assessment_id}`,
      ]
        .filter(Boolean)
        .join('；'),
      // A key item (关键项) or an item flagged as a major problem is a major finding.
      severity: i.key_item || s.major ? 'major' : 'general',
    });
  }
  for (const c of json<QcConsistencyFinding[]>(r.consistency_findings, []))
    out.push({
      source: 'qc',
      sourceRef: `qc:${r.qc_assessment_id}:consistency:${c.aspect}:${c.key}`,
      institutionId: r.institution_id,
      title: clip(`备案信息不一致：${c.text}`, 200),
      detail: `备案信息一致性核查（质控评估 #${r.qc_assessment_id}）`,
      severity: 'general',
    });
  return out;
};

const filingFactsOf = async (db: AnyDb, r: AssessmentRow) => {
  if (r.filing_version_id === null) return null;
  const v = await filingVersionOf(db, r.filing_version_id);
  if (!v) return null;
  const content = json<FilingContent>(v.content, {});
  return { v, facts: filedFactsOf(content) };
};

export const assessmentDetail = async (
  db: Db,
  actor: Actor,
  id: number,
  lang: Lang,
): Promise<QcAssessmentDetail> => {
  const r = await assessmentInScope(db, scope(actor), id);
  if (!r) throw notFound();
  const [f, evidence, filing] = await Promise.all([formOf(db, r), evidenceOf(db, id), filingFactsOf(db, r)]);
  const preview = previewOf(r, f, new Set(evidence.map((e) => e.item_code)));
  const found = json<QcConsistencyInput | null>(r.consistency_found, null);
  return {
    ...summaryOf(actor, r, lang),
    templateDetail: {
      source: f.template.source,
      note: f.template.note,
      passPercent: Number(f.template.pass_percent),
      basicPercent: Number(f.template.basic_percent),
    },
    hazardCategories: f.categories,
    sections: f.applied.map((s) => ({
      code: s.section_code,
      title: lang === 'en' ? s.title_en : s.title_zh,
      hazardCategory: s.hazard_category,
      items: s.items.map((i) => {
        const x = f.byItem.get(i.qc_template_item_id);
        return {
          ...itemOut(i, lang),
          sectionCode: s.section_code,
          result: x?.result ?? null,
          awarded: x ? num(x.points) : null,
          note: x?.note ?? null,
          major: x?.major ?? false,
          evidence: evidence
            .filter((e) => e.item_code === i.item_code)
            .map((e) => ({
              id: e.qc_evidence_id,
              fileName: e.file_name,
              mediaType: e.media_type,
              sizeBytes: e.size_bytes,
              uploadedAt: iso(e.uploaded_at)!,
            })),
        };
      }),
    })),
    skippedSections: f.skipped,
    filing: filing
      ? {
          filingId: filing.v.filing_id,
          filingNo: filing.v.filing_no,
          versionId: filing.v.filing_version_id,
          ...filing.facts,
        }
      : null,
    consistency:
      found && r.consistency_checked_at
        ? {
            found,
            findings: json<QcConsistencyFinding[]>(r.consistency_findings, []),
            checkedAt: iso(r.consistency_checked_at)!,
          }
        : null,
    conclusion: r.conclusion,
    majorNote: r.major_note,
    reviewNote: r.review_note,
    reviewedAt: iso(r.reviewed_at),
    preview: {
      missingItems: preview.missingItems,
      missingEvidence: preview.missingEvidence,
      consistencyMissing: preview.consistencyMissing,
      score: preview.score,
      maxScore: preview.maxScore,
      percent: preview.percent,
      failedKeyItems: preview.failedKeyItems,
      grade: preview.grade,
    },
    findings: findingsOf(r, f).map((x) => ({ sourceRef: x.sourceRef, title: x.title, severity: x.severity })),
  };
};

const TEMPLATE_OF_KIND = { exam: 'exam', diagnosis: 'diagnosis' } as const;

/** Schedules the assessment of a plan entry: its date and assessors, the published form, the filed version. */
export const scheduleAssessment = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: QcScheduleInput,
): Promise<{ id: number; status: 'scheduled' }> => {
  const assessors = [...new Set(input.assessors.map((a) => a.trim()).filter(Boolean))];
  return db.transaction().execute(async (trx) => {
    const e = await entryInScope(trx, scope(actor), input.planEntryId);
    if (!e) throw notFound();
    if (!managesRegion(actor, e.region_code)) throw new AppError('forbidden', 'qc_province_only');
    if (!assessors.length) throw invalid([{ path: 'assessors', reason: 'value_required' }]);
    if (e.qc_assessment_id !== null) throw conflict('qc_entry_scheduled');
    const filing = await filedFilingOf(trx, e.institution_id);
    if (!filing) throw conflict('qc_not_filed');
    const template = await publishedTemplate(trx, TEMPLATE_OF_KIND[e.institution_kind]);
    if (!template) throw conflict('qc_no_published_template');
    // The per-hazard score sheets are the exam form's: they apply by the filed categories.
    const categories =
      template.kind === 'exam'
        ? filedCategoriesOf(json<FilingContent>(filing.content, {})).filter((c) =>
            (qcHazardCategories as readonly string[]).includes(c),
          )
        : [];
    const id = await insertAssessment(trx, {
      mode: 'assessment',
      qc_template_id: template.qc_template_id,
      institution_id: e.institution_id,
      region_code: e.region_code,
      year: e.year,
      qc_plan_entry_id: e.qc_plan_entry_id,
      filing_id: filing.filing_id,
      filing_version_id: filing.filed_version_id,
      hazard_categories: JSON.stringify(categories),
      status: 'scheduled',
      scheduled_on: input.scheduledOn,
      assessors: JSON.stringify(assessors),
      created_by: userOf(actor),
    });
    if (id === null) throw conflict('qc_entry_scheduled');
    await writeAudit(trx, ctx, {
      action: 'qc_assessment.create',
      entityType: 'qc_assessment',
      entityId: id,
      after: {
        planEntryId: e.qc_plan_entry_id,
        institutionId: e.institution_id,
        year: e.year,
        scheduledOn: input.scheduledOn,
        assessors,
        template: `${template.code} v${template.version}`,
        filingVersionId: filing.filed_version_id,
        hazardCategories: categories,
      },
    });
    return { id, status: 'scheduled' };
  });
};

/** An institution's own self-assessment against a published form for its kind (R2, R22). */
export const createSelfAssessment = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: QcSelfCreateInput,
): Promise<{ id: number; status: 'draft' }> =>
  db.transaction().execute(async (trx) => {
    const template = await publishedTemplate(trx, input.templateCode);
    if (!template) throw invalid([{ path: 'templateCode', reason: 'qc_template_unknown' }]);
    if (qcTemplateKindOfOrganisation[actor.organisationKind] !== template.kind)
      throw invalid([{ path: 'templateCode', reason: 'qc_template_not_for_you' }]);
    const org = await organisationOf(trx, actor.organisationId);
    if (!org) throw notFound();
    const filing = template.kind === 'exam' ? await filedFilingOf(trx, org.organisation_id) : undefined;
    const categories = filing
      ? filedCategoriesOf(json<FilingContent>(filing.content, {})).filter((c) =>
          (qcHazardCategories as readonly string[]).includes(c),
        )
      : [];
    const id = await insertAssessment(trx, {
      mode: 'self',
      qc_template_id: template.qc_template_id,
      institution_id: org.organisation_id,
      region_code: org.region_code,
      year: input.year,
      qc_plan_entry_id: null,
      filing_id: null,
      filing_version_id: null,
      hazard_categories: JSON.stringify(categories),
      status: 'draft',
      scheduled_on: null,
      assessors: JSON.stringify([]),
      created_by: userOf(actor),
    });
    if (id === null) throw conflict('qc_self_exists');
    await writeAudit(trx, ctx, {
      action: 'qc_assessment.create',
      entityType: 'qc_assessment',
      entityId: id,
      after: { mode: 'self', template: `${template.code} v${template.version}`, year: input.year },
    });
    return { id, status: 'draft' };
  });

/** The assessment locked for a QC-centre write: in scope (404), the province's QC centre (403), open (409). */
const lockForManager = async (trx: Transaction<DB>, actor: Actor, id: number, open = true) => {
  const r = await lockAssessment(trx, scope(actor), id);
  if (!r || r.mode !== 'assessment') throw notFound();
  if (!managesRegion(actor, r.region_code)) throw new AppError('forbidden', 'qc_province_only');
  if (open && !openAssessment(r)) throw conflict('qc_assessment_completed');
  return r;
};

/** A self-assessment locked for the institution's write: its own (404 / 403), a draft (409). */
const lockForSelf = async (trx: Transaction<DB>, actor: Actor, id: number) => {
  const r = await lockAssessment(trx, scope(actor), id);
  if (!r || r.mode !== 'self') throw notFound();
  if (!isSelfAssessor(actor, r)) throw new AppError('forbidden', 'qc_self_own_only');
  if (r.status !== 'draft') throw conflict('qc_self_submitted');
  return r;
};

const writeScores = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  actor: Actor,
  r: AssessmentRow,
  input: QcScoresInput,
) => {
  const f = await formOf(trx, r);
  const byCode = new Map(f.items.map((i) => [i.item_code, i]));
  const issues: Array<{ path: string; reason: string }> = [];
  const seen = new Set<string>();
  const rows = input.items.map((x, i) => {
    const item = byCode.get(x.code);
    if (!item) issues.push({ path: `items.${i}.code`, reason: 'qc_item_unknown' });
    else if (seen.has(x.code)) issues.push({ path: `items.${i}.code`, reason: 'qc_duplicate' });
    seen.add(x.code);
    const max = item ? Number(item.points) : 0;
    let points: number | null = null;
    if (x.result === 'not_applicable') {
      if (x.points !== undefined && x.points !== null)
        issues.push({ path: `items.${i}.points`, reason: 'qc_points_not_applicable' });
    } else {
      // 符合 without points earns the item's points; 不符合 without points earns none.
      points = x.points ?? (x.result === 'passed' ? max : 0);
      if (item && points > max) issues.push({ path: `items.${i}.points`, reason: 'qc_points_over' });
    }
    const deducted = x.result === 'failed' || (x.result === 'passed' && points !== null && points < max);
    if ((deducted || x.major) && !x.note?.trim())
      issues.push({ path: `items.${i}.note`, reason: 'qc_note_required' });
    return {
      qc_assessment_id: r.qc_assessment_id,
      qc_template_item_id: item?.qc_template_item_id ?? 0,
      result: x.result,
      points,
      note: x.note?.trim() || null,
      major: x.major === true && r.mode === 'assessment',
      recorded_by: userOf(actor),
    };
  });
  if (issues.length) throw invalid(issues);
  await upsertScores(trx, rows);
  const status = r.status === 'scheduled' ? 'in_progress' : undefined;
  await updateAssessment(trx, r.qc_assessment_id, status ? { status } : {});
  await writeAudit(trx, ctx, {
    action: 'qc_assessment.score',
    entityType: 'qc_assessment',
    entityId: r.qc_assessment_id,
    before: { status: r.status },
    after: {
      status: status ?? r.status,
      items: input.items.map((x, i) => ({
        code: x.code,
        result: x.result,
        points: rows[i]!.points,
        major: rows[i]!.major || undefined,
      })),
    },
  });
  return { id: r.qc_assessment_id, items: rows.length };
};

export const recordScores = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: QcScoresInput,
): Promise<{ id: number; items: number }> =>
  db
    .transaction()
    .execute(async (trx) => writeScores(trx, ctx, actor, await lockForManager(trx, actor, id), input));

export const recordSelfScores = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: QcScoresInput,
): Promise<{ id: number; items: number }> =>
  db
    .transaction()
    .execute(async (trx) => writeScores(trx, ctx, actor, await lockForSelf(trx, actor, id), input));

/** 备案信息一致性核查: what the assessors found against the filed version; each mismatch is a finding. */
export const recordConsistency = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: QcConsistencyInput,
): Promise<{ id: number; findings: QcConsistencyFinding[] }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockForManager(trx, actor, id);
    const filing = await filingFactsOf(trx, r);
    if (!filing) throw conflict('qc_not_filed');
    const found: QcConsistencyInput = {
      ...input,
      equipment: input.equipment.map((e) => ({ name: e.name.trim(), quantity: e.quantity })),
      hazardCodes: [...new Set(input.hazardCodes)].sort(),
      note: input.note?.trim() || null,
    };
    const findings = consistencyFindings(filing.facts, found);
    await updateAssessment(trx, id, {
      consistency_found: JSON.stringify(found),
      consistency_findings: JSON.stringify(findings),
      ...(r.status === 'scheduled' ? { status: 'in_progress' as const } : {}),
      stamp: 'consistency',
    });
    await writeAudit(trx, ctx, {
      action: 'qc_assessment.score',
      entityType: 'qc_assessment',
      entityId: id,
      after: { consistency: found, mismatches: findings.map((x) => `${x.aspect}:${x.key}`) },
    });
    return { id, findings };
  });

/**
 * Tells the provincial commission and disease-control bureau at once (吉卫规〔2024〕2号 五: 对存在弄虚作假、
 * 重大质量问题的，省职业病防治院要立即向省卫生健康委、省疾控局报告), in the caller's transaction; audited.
 */
const reportMajorProblem = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  r: AssessmentRow,
  note: string,
): Promise<number> => {
  const province = provinceOf(r.region_code);
  const to = await provincialAuthorities(trx, province);
  const sent = await notifyOrganisations(
    trx,
    to.map((o) => ({
      organisationId: o.organisation_id,
      kind: 'qc_major_problem',
      params: {
        institution: r.institution_name,
        institutionId: r.institution_id,
        note: clip(note, 200),
        assessmentId: r.qc_assessment_id,
      },
      link: `/qc/assessments/${r.qc_assessment_id}`,
    })),
  );
  await updateAssessment(trx, r.qc_assessment_id, { major_problem: true, major_note: note, stamp: 'major' });
  await writeAudit(trx, ctx, {
    action: 'qc_assessment.report_major',
    entityType: 'qc_assessment',
    entityId: r.qc_assessment_id,
    after: { note, institutionId: r.institution_id, notified: to.map((o) => o.organisation_id), sent },
  });
  return sent;
};

/** Reports a major problem found during (or after) an assessment, at once. */
export const reportMajor = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: QcReportMajorInput,
): Promise<{ id: number; notified: number }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockForManager(trx, actor, id, false);
    if (r.major_reported_at !== null) throw conflict('qc_major_reported');
    const note = input.note.trim();
    if (!note) throw invalid([{ path: 'note', reason: 'value_required' }]);
    return { id, notified: await reportMajorProblem(trx, ctx, r, note) };
  });

/**
 * Completes an assessment: every applicable item scored, the evidence the form requires, the consistency
 * check done (400 naming what is missing). The grade is computed; the failed and deducted items and the
 * mismatches become rectification items; a major problem not yet reported is reported now.
 */
export const completeAssessment = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: QcCompleteInput,
  on: string = today(),
): Promise<{
  id: number;
  grade: string;
  percent: number | null;
  rectificationItems: number[];
  reported: boolean;
}> =>
  db.transaction().execute(async (trx) => {
    const r = await lockForManager(trx, actor, id);
    const [f, evidence] = await Promise.all([formOf(trx, r), evidenceOf(trx, id)]);
    const p = previewOf(r, f, new Set(evidence.map((e) => e.item_code)));
    const issues = [
      ...p.missingItems.map((code) => ({ path: `items.${code}`, reason: 'qc_incomplete' })),
      ...p.missingEvidence.map((code) => ({ path: `evidence.${code}`, reason: 'qc_evidence_missing' })),
      ...(p.consistencyMissing ? [{ path: 'consistency', reason: 'qc_consistency_missing' }] : []),
    ];
    const majorNote = input.majorNote?.trim() || null;
    if (input.majorProblem && !majorNote)
      issues.push({ path: 'majorNote', reason: 'qc_major_note_required' });
    if (issues.length)
      throw new AppError(
        'validation_failed',
        p.missingItems.length ? 'qc_incomplete' : (issues[0]!.reason ?? 'validation_failed'),
        issues.map((x) => ({ ...x, message: '' })),
      );
    const conclusion = input.conclusion?.trim() || null;
    await updateAssessment(trx, id, {
      status: 'completed',
      score: p.score,
      max_score: p.maxScore,
      percent: p.percent,
      grade: p.grade,
      failed_key_items: JSON.stringify(p.failedKeyItems),
      completed_on: on,
      completed_by: userOf(actor),
      conclusion,
    });
    const findings = findingsOf(r, f);
    const itemIds = await raiseFindings(trx, ctx, findings);
    const majorItems = f.items.filter((i) => f.byItem.get(i.qc_template_item_id)?.major);
    let reported = false;
    if (r.major_reported_at === null && (input.majorProblem || majorItems.length)) {
      const note =
        majorNote ??
        majorItems.map((i) => `${i.item_code} ${f.byItem.get(i.qc_template_item_id)?.note ?? ''}`).join('；');
      await reportMajorProblem(trx, ctx, r, note);
      reported = true;
    }
    await writeAudit(trx, ctx, {
      action: 'qc_assessment.complete',
      entityType: 'qc_assessment',
      entityId: id,
      before: { status: r.status },
      after: {
        status: 'completed',
        grade: p.grade,
        score: p.score,
        maxScore: p.maxScore,
        percent: p.percent,
        failedKeyItems: p.failedKeyItems,
        completedOn: on,
        conclusion,
        rectificationItems: itemIds,
      },
    });
    return { id, grade: p.grade!, percent: p.percent, rectificationItems: itemIds, reported };
  });

/** Submits a self-assessment: every item answered, the required evidence attached; the score is computed. */
export const submitSelfAssessment = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
): Promise<{ id: number; status: 'submitted'; grade: string | null; percent: number | null }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockForSelf(trx, actor, id);
    const [f, evidence] = await Promise.all([formOf(trx, r), evidenceOf(trx, id)]);
    const p = previewOf(r, f, new Set(evidence.map((e) => e.item_code)));
    const issues = [
      ...p.missingItems.map((code) => ({ path: `items.${code}`, reason: 'qc_incomplete' })),
      ...p.missingEvidence.map((code) => ({ path: `evidence.${code}`, reason: 'qc_evidence_missing' })),
    ];
    if (issues.length)
      throw new AppError(
        'validation_failed',
        issues[0]!.reason,
        issues.map((x) => ({ ...x, message: '' })),
      );
    await updateAssessment(trx, id, {
      status: 'submitted',
      score: p.score,
      max_score: p.maxScore,
      percent: p.percent,
      grade: p.grade,
      failed_key_items: JSON.stringify(p.failedKeyItems),
      submitted_by: userOf(actor),
      stamp: 'submitted',
    });
    await writeAudit(trx, ctx, {
      action: 'qc_assessment.submit',
      entityType: 'qc_assessment',
      entityId: id,
      before: { status: r.status },
      after: {
        status: 'submitted',
        score: p.score,
        maxScore: p.maxScore,
        percent: p.percent,
        grade: p.grade,
      },
    });
    return { id, status: 'submitted', grade: p.grade, percent: p.percent };
  });

/** The QC centre reviews a submitted self-assessment (审阅) with its note. */
export const reviewSelfAssessment = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: QcReviewInput,
): Promise<{ id: number; status: 'reviewed' }> =>
  db.transaction().execute(async (trx) => {
    const r = await lockAssessment(trx, scope(actor), id);
    if (!r || r.mode !== 'self') throw notFound();
    if (!managesRegion(actor, r.region_code)) throw new AppError('forbidden', 'qc_province_only');
    if (r.status !== 'submitted') throw conflict('qc_self_not_submitted');
    const note = input.note?.trim() || null;
    await updateAssessment(trx, id, {
      status: 'reviewed',
      reviewed_by: userOf(actor),
      review_note: note,
      stamp: 'reviewed',
    });
    await writeAudit(trx, ctx, {
      action: 'qc_assessment.complete',
      entityType: 'qc_assessment',
      entityId: id,
      before: { status: r.status },
      after: { status: 'reviewed', reviewNote: note },
    });
    return { id, status: 'reviewed' };
  });

/** Evidence for an item (PDF / JPG / PNG by content, ≤ 10 MB: the filing attachment checks). */
export const addEvidence = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  mode: 'assessment' | 'self',
  itemCode: string,
  upload: { fileName: string; buffer: Buffer },
): Promise<{ id: number }> =>
  db.transaction().execute(async (trx) => {
    // Scope, who and state first (404 / 403 / 409), then the file itself.
    const r =
      mode === 'assessment' ? await lockForManager(trx, actor, id) : await lockForSelf(trx, actor, id);
    const f = await formOf(trx, r);
    if (!f.items.some((i) => i.item_code === itemCode))
      throw invalid([{ path: 'item', reason: 'qc_item_unknown' }]);
    if (upload.buffer.length > FILING_ATTACHMENT_MAX_BYTES)
      throw invalid([{ path: 'file', reason: 'filing_attachment_too_large' }]);
    if (!upload.buffer.length) throw invalid([{ path: 'file', reason: 'value_required' }]);
    const type = attachmentTypeOf(upload.fileName, upload.buffer);
    if (!type) throw invalid([{ path: 'file', reason: 'filing_attachment_type' }]);
    const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
    const evidenceId = await insertEvidence(trx, {
      qc_assessment_id: id,
      item_code: itemCode,
      file_name: upload.fileName.slice(0, 200),
      media_type: type.mediaType,
      size_bytes: upload.buffer.length,
      sha256,
      content: upload.buffer,
      uploaded_by: userOf(actor),
    });
    await writeAudit(trx, ctx, {
      action: 'qc_assessment.score',
      entityType: 'qc_assessment',
      entityId: id,
      after: { evidenceId, item: itemCode, fileName: upload.fileName, mediaType: type.mediaType, sha256 },
    });
    return { id: evidenceId };
  });

export const evidenceFile = async (db: Db, actor: Actor, id: number, evidenceId: number) => {
  const r = await assessmentInScope(db, scope(actor), id);
  if (!r) throw notFound();
  const e = await evidenceFileOf(db, id, evidenceId);
  if (!e) throw notFound();
  return { fileName: e.file_name, mediaType: e.media_type, content: e.content };
};

// =================================================================================================
// For other modules (unscoped: the callers authorise the institution or publish the list)

/**
 * "关键项全部合格" (吉卫规〔2024〕2号 一(二)): the latest completed QC assessment of the institution has every
 * key item passed. False when it was never assessed.
 */
export const qcKeyItemsPassed = async (db: AnyDb, institutionId: number): Promise<boolean> => {
  const a = await latestCompleted(db, institutionId);
  return a !== undefined && json<string[]>(a.failed_key_items, []).length === 0;
};

/** Completed assessments graded 不合格 per institution (a risk input). */
export const qcFailureCounts = (db: AnyDb, institutionIds: number[]): Promise<Map<number, number>> =>
  failureCounts(db, institutionIds);

/**
 * 质量控制合格名单 (seed 004 附件4): the institutions of a province whose latest completed assessment is
 * 合格 or 基本合格 (reference = the grade, since = the assessment date).
 */
export const qcQualifiedRows = async (db: AnyDb, provinceCode: string): Promise<PublicListRow[]> =>
  (await latestCompletedIn(db, provinceCode))
    .filter((r) => r.grade === 'qualified' || r.grade === 'basic')
    .map((r) => ({
      institutionId: r.institution_id,
      institutionName: r.institution_name,
      regionCode: r.region_code,
      regionName: regionName(r.region_code),
      reference: qcGradeLabels[r.grade!].zh,
      items: [
        `${r.year}年度${r.template_kind === 'diagnosis' ? '职业病诊断质量控制评估' : '职业健康检查质量考核'}：${qcGradeLabels[r.grade!].zh}`,
      ],
      since: day(r.completed_on) ?? undefined,
    }));
