/**
 * Diagnosis reports of the demo province (职业病诊断报告), seeded through the real services, so that the
 * report list, the detail and the suspected-case tracker have data: the demo exam institution refers
 * part of its older suspected cases to the demo diagnosis institution (demo-diag), which reports on most
 * of them — pneumoconioses diagnosed with their stage (some promoted from an earlier stage, some with
 * complications), other diseases diagnosed or excluded, a few reported late, a few diagnosed as another
 * disease than the one suspected — each report resolving its case in the same transaction. The other
 * referred cases stay open, their clocks running late for the regulators to see.
 *
 * Report 1 is the API documentation's example (an unlinked report of the example worker), so that the
 * correction example (PUT /api/v1/diagnosis-reports/1) works on a fresh demo database.
 */
import { diagnosisReportExample, type DiagnosisReportInput, type ExamCardInput } from '@ohp/contracts';
import type { Actor } from '../platform/authz/actor.js';
import { loadActor } from '../platform/authz/session.js';
import type { Deps } from '../platform/http/types.js';
import { storeReport } from '../modules/diagnosis-reports/index.js';
import { recordCaseEvent } from '../modules/suspected-cases/index.js';
import type { DemoScale } from './seed.js';

const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => day(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000));
const min = (a: string, b: string) => (a < b ? a : b);

const PHYSICIANS = ['王立新', '刘晓梅', '赵国强', '陈静', '李文博', '张海燕', '周明'];
/** A suspected pneumoconiosis sometimes turns out another one (矽肺 ↔ 煤工尘肺, 电焊工尘肺 ↔ 其他). */
const OTHER_PNEUMOCONIOSIS: Record<string, string> = { '1101': '1102', '1102': '1101', '1111': '1112' };

const asUser = async (deps: Deps, username: string): Promise<Actor | null> => {
  const u = await deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirst();
  return u ? ((await loadActor(deps.db, u.user_id))?.actor ?? null) : null;
};

const ctxOf = (a: Actor) => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'demo-seed',
});

export const seedDemoDiagnosisReports = async (
  deps: Deps,
  opts: { scale: DemoScale; today?: string },
): Promise<string | null> => {
  const diag = await asUser(deps, 'demo-diag');
  const exam = await asUser(deps, 'demo-exam');
  if (!diag || !exam) return null;
  const realToday = day(new Date());
  const today = min(opts.today ?? realToday, realToday);
  const random = rng(20260720);
  const diagName = (
    await deps.db
      .selectFrom('organisation')
      .select('name')
      .where('organisation_id', '=', diag.organisationId)
      .executeTakeFirstOrThrow()
  ).name;
  const store = (input: DiagnosisReportInput) =>
    deps.db
      .transaction()
      .execute((trx) =>
        storeReport(trx, deps.crypto, ctxOf(diag), diag, input, { source: 'demo', lang: 'zh-CN', today }),
      );
  let reports = 0;
  const skipped: string[] = [];

  // Report 1: the API example, when its dates have passed.
  if (diagnosisReportExample.reporter.date <= today) {
    await store({ ...diagnosisReportExample, recordId: 'ZD2026-DEMO-0001' });
    reports++;
  }

  // The demo institution refers part of its older open cases to the demo diagnosis institution.
  const open = await deps.db
    .selectFrom('suspected_case')
    .select(['suspected_case_id', 'status', 'found_on'])
    .where('institution_id', '=', exam.organisationId)
    .where('status', 'in', ['open', 'employer_notified'])
    .where('found_on', '<=', addDays(today, -20))
    .orderBy('suspected_case_id')
    .execute();
  for (const k of open) {
    if (random() < 0.25) continue;
    const notified = addDays(k.found_on, 2);
    const referred = addDays(k.found_on, 8);
    if (referred > today) continue;
    if (k.status === 'open')
      await recordCaseEvent(deps.db, ctxOf(exam), exam, k.suspected_case_id, {
        event: 'employer_notified',
        date: notified,
        note: '已书面通知用人单位',
      });
    await recordCaseEvent(deps.db, ctxOf(exam), exam, k.suspected_case_id, {
      event: 'referred',
      date: referred,
      referredTo: diagName,
      note: '已告知劳动者到职业病诊断机构申请诊断',
    });
  }

  // Demo-diag reports on most of the cases referred to it; the rest wait (and run late).
  const referred = await deps.db
    .selectFrom('suspected_case as s')
    .innerJoin('exam_card as c', 'c.exam_card_id', 's.exam_card_id')
    .select([
      's.suspected_case_id',
      's.disease_code',
      's.found_on',
      's.referred_on',
      'c.card',
      'c.work_type_code',
    ])
    .where('s.status', '=', 'referred')
    .where('s.referred_to', '=', diagName)
    .orderBy('s.suspected_case_id')
    .execute();
  let serial = 1;
  for (const k of referred) {
    if (random() < 0.3) continue;
    const applyDate = addDays(k.referred_on ?? k.found_on, 3 + Math.floor(random() * 10));
    const diagnosisDate = addDays(applyDate, 14 + Math.floor(random() * 40));
    // Most reports within the 15 days; some late.
    const late = random() < 0.15;
    const reportDate = addDays(
      diagnosisDate,
      late ? 18 + Math.floor(random() * 20) : 2 + Math.floor(random() * 10),
    );
    if (reportDate > today) continue;
    const card = k.card as ExamCardInput;
    const conclusion = card.conclusions.find((c) => c.conclusionCode === '03') ?? card.conclusions[0]!;
    const pneumo = k.disease_code.startsWith('11');
    const diagnosed = random() < (pneumo ? 0.7 : 0.5);
    const disease =
      diagnosed && pneumo && random() < 0.12
        ? (OTHER_PNEUMOCONIOSIS[k.disease_code] ?? k.disease_code)
        : k.disease_code;
    const years = conclusion.harmYears ?? 5;
    const startDate = conclusion.harmStartDate ?? addDays(card.examDate, -365 * (years + 1));
    // A pneumoconiosis: mostly a new 壹期 case; some promoted from an earlier stage (首次晋期, two dates).
    let stageFields: Partial<DiagnosisReportInput> = {};
    if (diagnosed && pneumo) {
      const promoted = random() < 0.25;
      stageFields = promoted
        ? {
            caseTypeCode: '02',
            stage: '贰期',
            stageOneDate: addDays(diagnosisDate, -(700 + Math.floor(random() * 700))),
            stageTwoDate: diagnosisDate,
          }
        : { caseTypeCode: '01', stage: '壹期', stageOneDate: diagnosisDate };
      if (random() < 0.2) stageFields.complicationCodes = [random() < 0.6 ? '01' : '02'];
    }
    const physicians = [...PHYSICIANS]
      .sort(() => random() - 0.5)
      .slice(0, random() < 0.1 ? 2 : 3)
      .map((name) => ({ name }));
    const input: DiagnosisReportInput = {
      recordId: `ZD${diagnosisDate.slice(0, 4)}-${String(diag.organisationId).padStart(3, '0')}-${String(serial++).padStart(4, '0')}`,
      suspectedCaseId: k.suspected_case_id,
      workTypeCode: k.work_type_code,
      exposure: {
        factorCodes: conclusion.factorCodes,
        startDate,
        years,
        months: conclusion.harmMonths ?? 0,
      },
      applyDate,
      conclusion: diagnosed ? 'diagnosed' : 'excluded',
      diseaseCode: diagnosed ? disease : null,
      poisoningTypeCode: diagnosed && disease.startsWith('5') ? '02' : null,
      ...stageFields,
      diagnosisDate,
      physicians,
      unitHead: '陈建华',
      reporter: { name: '孙丽', phone: '0431-85550123', date: reportDate },
      remark: diagnosed ? null : '依据职业史、临床表现及辅助检查，不能诊断为职业病',
    };
    try {
      await store(input);
      reports++;
    } catch (e) {
      // A generated report the rules refuse is a bug here: counted and printed, never stored.
      const details = (e as { details?: Array<{ path: string; reason: string }> }).details;
      skipped.push(
        `${input.recordId}: ${details?.map((d) => `${d.path} ${d.reason}`).join(', ') ?? String(e)}`,
      );
    }
  }
  return `职业病诊断报告 ${reports} 份（${referred.length} 例疑似职业病转诊至${diagName}）${
    skipped.length ? `；未通过校验 ${skipped.length} 份：${skipped.slice(0, 3).join('; ')}` : ''
  }`;
};
