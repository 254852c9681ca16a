/**
 * Demo 质控评估 of the demo province, through the service so every screen has data: a draft of the next
 * diagnosis form (template 7); the plan of the demo year over every filed exam and diagnosis institution
 * (its first entry left unscheduled); assessments 1 合格 (the demo diagnosis institution when it is not the
 * first entry), 2 基本合格, 3 不合格 with a failed key item flagged as a major problem (its findings become
 * rectification items, the provincial commission is told), 4 scored and checked (in progress, ready to
 * complete), 5 the extra visit of the failed institution, scheduled; complaints and an extra visit in the risk ranking; self-assessments 6 (the demo
 * support institution, submitted) and 7 (the demo rehabilitation station, a draft). Ids: DEMO_QC_IDS.
 */
import type { FilingContent } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { DEMO_QC_IDS } from './qc.routes.js';
import { anyPlan, filedFilingOf, planEntries } from './qc.repository.js';
import { filedFactsOf } from './qc.rules.js';
import {
  addEvidence,
  addExtraVisit,
  assessmentDetail,
  completeAssessment,
  createPlan,
  createSelfAssessment,
  createTemplateVersion,
  recordComplaints,
  recordConsistency,
  recordScores,
  recordSelfScores,
  scheduleAssessment,
  submitSelfAssessment,
} from './qc.service.js';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

const addDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const actorOf = async (db: Kysely<DB>, username: string): Promise<Actor | null> => {
  const id = await userIdByUsername(db, username);
  return id === undefined ? null : ((await loadActor(db, id))?.actor ?? null);
};

const ctxOf = (a: Actor): AuditContext => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'demo-seed',
});

type Change = {
  result?: 'passed' | 'failed' | 'not_applicable';
  points?: number;
  note: string;
  major?: boolean;
};

/** Scores every item of the form: full points, except what `changes` says; evidence where required. */
const scoreAll = async (db: Kysely<DB>, qc: Actor, id: number, changes: Record<string, Change>) => {
  const d = await assessmentDetail(db, qc, id, 'zh-CN');
  const items = d.sections.flatMap((s) => s.items);
  for (const i of items.filter((x) => x.evidenceRequired))
    await addEvidence(db, ctxOf(qc), qc, id, 'assessment', i.code, {
      fileName: `${i.code}-佐证.pdf`,
      buffer: PDF,
    });
  await recordScores(db, ctxOf(qc), qc, id, {
    items: items.map((i) => {
      const c = changes[i.code];
      return {
        code: i.code,
        result: c?.result ?? 'passed',
        points: c?.points ?? (c?.result === 'failed' ? 0 : i.points),
        note: c?.note ?? null,
        major: c?.major,
      };
    }),
  });
};

/** What the assessors found: the filed facts, changed as given. */
const check = async (
  db: Kysely<DB>,
  qc: Actor,
  id: number,
  institutionId: number,
  change: { staff?: number; dropEquipment?: boolean; area?: number } = {},
) => {
  const f = await filedFilingOf(db, institutionId);
  const content: unknown =
    typeof f?.content === 'string' ? (JSON.parse(f.content) as unknown) : (f?.content ?? {});
  const facts = filedFactsOf(content as FilingContent);
  await recordConsistency(db, ctxOf(qc), qc, id, {
    staffCount: facts.staffCount + (change.staff ?? 0),
    equipment: change.dropEquipment ? facts.equipment.slice(1) : facts.equipment,
    hazardCodes: facts.hazardCodes,
    venueAreaM2: change.area ?? facts.venueAreaM2,
    note: '现场核实人员名单、设备台账与场所',
  });
};

/** Seeds the demo QC data; returns the start-up log line (null when absent or already seeded). */
export const seedDemoQc = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  const qc = await actorOf(db, 'demo-qc');
  const diag = await actorOf(db, 'demo-diag');
  const cdc = await actorOf(db, 'demo-cdc');
  const rehab = await actorOf(db, 'demo-rehab');
  if (!qc || !diag || !cdc || !rehab || (await anyPlan(db))) return null;
  const ctx = ctxOf(qc);
  const year = Number(today.slice(0, 4));

  const draft = await createTemplateVersion(db, ctx, qc, { code: 'diagnosis' });
  const plan = await createPlan(db, ctx, qc, {
    year,
    note: `${year}年度全省职业健康检查质量考核与职业病诊断质量控制评估计划`,
  });
  const routine = (await planEntries(db, { kind: 'all' }, plan.id)).filter((e) => e.kind === 'routine');
  if (routine.length < 5 || draft.id !== DEMO_QC_IDS.draftTemplate || plan.id !== DEMO_QC_IDS.plan)
    return null;
  // Entry 1 stays unscheduled (the examples schedule it); the demo diagnosis institution is graded 合格.
  const rest = routine.slice(1);
  const diagEntry = rest.find((e) => e.institution_id === diag.organisationId);
  const others = rest.filter((e) => e !== diagEntry);
  const ordered = diagEntry ? [diagEntry, ...others] : others;
  const [qualified, basic, failed, ready] = ordered;
  const schedule = async (e: (typeof routine)[number], on: string, assessors: string[]) =>
    (await scheduleAssessment(db, ctx, qc, { planEntryId: e.qc_plan_entry_id, scheduledOn: on, assessors }))
      .id;

  const a1 = await schedule(qualified!, addDays(today, -40), ['张伟', '李娜']);
  await scoreAll(db, qc, a1, { Q2: { points: 9, note: '内部质控记录个别月份缺失' } });
  await check(db, qc, a1, qualified!.institution_id);
  await completeAssessment(
    db,
    ctx,
    qc,
    a1,
    { conclusion: '质量管理体系健全并有效运行，关键指标符合要求' },
    addDays(today, -40),
  );

  const a2 = await schedule(basic!, addDays(today, -30), ['王强', '赵敏']);
  await scoreAll(db, qc, a2, {
    Q2: { points: 5, note: '质量管理制度未有效运行，缺少持续改进记录' },
    P1: { points: 4, note: '2 名主检医师未参加年度培训考核' },
    E1: { points: 5, note: '2 台设备校准证书过期' },
    R1: { points: 4, note: '个案卡报送不及时，部分超过 15 日' },
  });
  await check(db, qc, a2, basic!.institution_id, { staff: -1 });
  await completeAssessment(
    db,
    ctx,
    qc,
    a2,
    { conclusion: '基本合格：限期整改质量管理制度运行与报告及时性' },
    addDays(today, -30),
  );

  const a3 = await schedule(failed!, addDays(today, -20), ['张伟', '孙浩']);
  await scoreAll(db, qc, a3, {
    K2: {
      result: 'failed',
      note: '抽查 30 份报告，3 例疑似尘肺病未按规定报告，未告知劳动者',
      major: true,
    },
    P1: { points: 5, note: '1 名主检医师培训合格证书过期' },
  });
  await check(db, qc, a3, failed!.institution_id, { dropEquipment: true });
  await completeAssessment(
    db,
    ctx,
    qc,
    a3,
    { conclusion: '关键项不符合，评定为不合格；责令限期整改并跟踪复查' },
    addDays(today, -20),
  );

  const a4 = await schedule(ready!, addDays(today, -3), ['李娜', '周丽']);
  await scoreAll(db, qc, a4, { Q2: { points: 8, note: '质控例会记录不全' } });
  await check(db, qc, a4, ready!.institution_id);

  await recordComplaints(db, ctx, qc, plan.id, {
    entryId: failed!.qc_plan_entry_id,
    complaints: 3,
    note: '12345 热线转办 3 件',
  });
  await recordComplaints(db, ctx, qc, plan.id, {
    entryId: basic!.qc_plan_entry_id,
    complaints: 1,
    note: '劳动者来信 1 件',
  });
  await recordComplaints(db, ctx, qc, plan.id, {
    entryId: ready!.qc_plan_entry_id,
    complaints: 3,
    note: '劳动者投诉体检结论告知不及时 3 件',
  });
  // The extra visit for the failed institution, scheduled after its rectification period.
  const extra = await addExtraVisit(db, ctx, qc, plan.id, {
    entryId: failed!.qc_plan_entry_id,
    reason: '本年度考核不合格且投诉较多，整改后加密复查',
  });
  await scheduleAssessment(db, ctx, qc, {
    planEntryId: extra.entryId,
    scheduledOn: addDays(today, 14),
    assessors: ['王强', '孙浩'],
  });

  const s1 = await createSelfAssessment(db, ctxOf(cdc), cdc, { templateCode: 'support_monitoring', year });
  await recordSelfScores(db, ctxOf(cdc), cdc, s1.id, {
    items: [
      { code: 'G1', result: 'passed', points: 8, note: '职业卫生检测人员 6 名，缺少放射卫生专业人员' },
      { code: 'G2', result: 'passed' },
      { code: 'G3', result: 'passed', points: 7, note: '职业卫生检测设备配置达标率约 90%' },
      { code: 'G4', result: 'passed' },
    ],
  });
  await submitSelfAssessment(db, ctxOf(cdc), cdc, s1.id);

  const s2 = await createSelfAssessment(db, ctxOf(rehab), rehab, { templateCode: 'rehab_nine', year });
  await recordSelfScores(db, ctxOf(rehab), rehab, s2.id, {
    items: [
      { code: 'G1', result: 'passed', points: 7, note: '康复治疗师 1 名' },
      { code: 'G2', result: 'passed' },
    ],
  });
  if (a1 !== DEMO_QC_IDS.qualified || s1.id !== DEMO_QC_IDS.selfSubmitted || s2.id !== DEMO_QC_IDS.selfDraft)
    throw new Error(`demo QC: unexpected ids ${a1}, ${s1.id}, ${s2.id}`);
  return `质控评估: ${year} 年度计划 ${routine.length} 家机构，评估 5 次（合格、基本合格、不合格各 1，1 进行中，1 已安排），自评 2 份`;
};
