/**
 * The worker registry (劳动者档案, issue 15 item 6): the workers in the caller's card scope, masked;
 * each worker's history across employers and institutions (个人职业健康档案), masked; the full ID
 * number, name and phone revealed only with a stated reason and audited (the reason is kept, the values
 * never are); the history as a workbook, masked unless revealed the same way. Every export is audited.
 */
import {
  messageFor,
  type Lang,
  type WorkerDetail,
  type WorkerExam,
  type WorkerHistoryExportQuery,
  type WorkerListQuery,
  type WorkerRevealField,
  type WorkerRevealInput,
  type WorkerRevealResult,
  type WorkerSummary,
} from '@ohp/contracts';
import { exchangeLabelsEn, findExchangeCode } from '@ohp/reference';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { maskPhone, type Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { chinaDateStamp, exportSummaryRows, filterSheet } from '../../platform/http/download.js';
import { buildWorkbook } from '../../platform/imports/sheet-write.js';
import { workerIdHash } from '../exam-reports/index.js';
import { canRevealWorker, isReasonStated, workerAbilities, workerScopeOf } from './workers.policy.js';
import {
  conclusionsOfCards,
  countWorkers,
  findWorkerInScope,
  listWorkers,
  suspectedCasesOfCards,
  workerCards,
  workerIdsByHash,
  workerIdTypes,
  type WorkerFilters,
  type WorkerListRow,
  type WorkerRow,
} from './workers.repository.js';

/** Conclusions most serious first, as the card search shows them. */
const SEVERITY = ['03', '04', '05', '02', '01'];
const bySeverity = (codes: string[]) =>
  [...new Set(codes)].sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b));

const day = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

const presentSummary = (actor: Actor, r: WorkerListRow): WorkerSummary => ({
  id: r.worker_id,
  idTypeCode: r.id_type_code,
  idNumber: r.id_masked,
  name: r.name_masked,
  genderCode: r.gender_code,
  birthYear: Number(day(r.birth_date)!.slice(0, 4)),
  examCount: r.exam_count,
  latestExamDate: day(r.latest_exam_date)!,
  latestExamTypeCode: r.latest_exam_type_code,
  latestConclusionCodes: bySeverity(r.latest_conclusion_codes),
  employerName: r.employer_name,
  employerCreditCode: r.employer_credit_code,
  institutionName: r.institution_name,
  hasSuspected: r.any_suspected,
  hasContraindication: r.any_contraindication,
  abilities: workerAbilities(actor),
});

/**
 * The workers an ID number names: its keyed hash under each document type the registry holds (a
 * resident ID normalised to its 18-character form, as the store hashes it). Never a scan of numbers.
 */
const workersByIdNumber = async (db: Kysely<DB>, crypto: Crypto, idNumber: string): Promise<number[]> => {
  const types = await workerIdTypes(db);
  return workerIdsByHash(
    db,
    types.map((type) => ({ type, hash: workerIdHash(crypto, type, idNumber) })),
  );
};

export const listWorkersFor = async (
  db: Kysely<DB>,
  crypto: Crypto,
  actor: Actor,
  q: WorkerListQuery,
  exactCountLimit: number,
) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const cs = workerScopeOf(actor);
  const idNumber = q.idNumber?.trim();
  const f: WorkerFilters = {
    workerIds: idNumber ? await workersByIdNumber(db, crypto, idNumber) : undefined,
    employerCreditCode: q.employerCreditCode?.trim().toUpperCase() || undefined,
    institutionId: q.institutionId,
    hasSuspected: q.hasSuspected,
    hasContraindication: q.hasContraindication,
    from: q.from,
    to: q.to,
  };
  if (f.workerIds?.length === 0) return { data: [], total: 0, totalExact: true, page, pageSize };
  const [rows, { total, totalExact }] = await Promise.all([
    listWorkers(db, cs, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countWorkers(db, cs, f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  return { data: rows.map((r) => presentSummary(actor, r)), total, totalExact, page, pageSize };
};

const notFound = () => new AppError('not_found', 'not_found');

/** The worker in scope, or 404 (a worker examined only outside the scope does not exist for the caller). */
const workerInScope = async (db: Kysely<DB>, actor: Actor, id: number): Promise<WorkerRow> => {
  const w = await findWorkerInScope(db, workerScopeOf(actor), id);
  if (!w) throw notFound();
  return w;
};

type History = { worker: WorkerRow; exams: WorkerExam[]; detail: WorkerDetail };

const historyOf = async (db: Kysely<DB>, crypto: Crypto, actor: Actor, id: number): Promise<History> => {
  const worker = await workerInScope(db, actor, id);
  const cards = await workerCards(db, workerScopeOf(actor), id);
  const ids = cards.map((c) => c.exam_card_id);
  const [conclusions, cases] = await Promise.all([
    conclusionsOfCards(db, ids),
    suspectedCasesOfCards(db, ids),
  ]);
  const exams: WorkerExam[] = cards.map((c) => ({
    cardId: c.exam_card_id,
    recordId: c.record_id,
    examNo: c.exam_no,
    examDate: day(c.exam_date)!,
    examTypeCode: c.exam_type_code,
    isReexam: c.is_reexam,
    institutionId: c.institution_id,
    institutionName: c.institution_name,
    employerName: c.employer_name,
    employerCreditCode: c.employer_credit_code,
    employingName: c.employing_name,
    regionCode: c.region_code,
    workTypeCode: c.work_type_code,
    workTypeOther: c.work_type_other,
    contactFactorCodes: c.contact_factor_codes,
    conclusions: conclusions
      .filter((k) => k.exam_card_id === c.exam_card_id)
      .map((k) => ({
        factorCodes: k.factor_codes,
        factorOther: k.factor_other,
        conclusionCode: k.conclusion_code,
        suspectedDiseaseCode: k.suspected_disease_code,
        contraindication: k.contraindication,
        otherAbnormality: k.other_abnormality,
      })),
    hasSuspected: c.has_suspected,
    hasContraindication: c.has_contraindication,
    auditStatus: c.audit_status,
    reportDate: day(c.report_date)!,
    chiefPhysician: c.chief_physician,
  }));
  const latest = exams[0]!;
  // The employers of the exams, the latest first, each with the first and last exam there.
  const employers = new Map<
    string,
    { name: string; creditCode: string; firstExam: string; lastExam: string }
  >();
  for (const e of exams) {
    const known = employers.get(e.employerCreditCode);
    if (known) known.firstExam = e.examDate;
    else
      employers.set(e.employerCreditCode, {
        name: e.employerName,
        creditCode: e.employerCreditCode,
        firstExam: e.examDate,
        lastExam: e.examDate,
      });
  }
  const birth = day(worker.birth_date)!;
  const detail: WorkerDetail = {
    id: worker.worker_id,
    idTypeCode: worker.id_type_code,
    idNumber: worker.id_masked,
    name: worker.name_masked,
    genderCode: worker.gender_code,
    birthYear: Number(birth.slice(0, 4)),
    birthDate: `${birth.slice(0, 4)}-**-**`,
    phone: worker.phone_enc ? maskPhone(crypto.decrypt(worker.phone_enc)) : null,
    examCount: exams.length,
    latestExamDate: latest.examDate,
    latestExamTypeCode: latest.examTypeCode,
    latestConclusionCodes: bySeverity(latest.conclusions.map((k) => k.conclusionCode)),
    employerName: latest.employerName,
    employerCreditCode: latest.employerCreditCode,
    institutionName: latest.institutionName,
    hasSuspected: exams.some((e) => e.hasSuspected),
    hasContraindication: exams.some((e) => e.hasContraindication),
    abilities: workerAbilities(actor),
    employers: [...employers.values()],
    exams,
    suspectedCases: cases.map((s) => ({
      id: s.suspected_case_id,
      examCardId: s.exam_card_id,
      diseaseCode: s.disease_code,
      foundOn: day(s.found_on)!,
      status: s.status,
      outcomeOn: day(s.outcome_on),
      diagnosedDiseaseCode: s.diagnosed_disease_code,
      stage: s.stage,
    })),
  };
  return { worker, exams, detail };
};

export const getWorkerFor = async (
  db: Kysely<DB>,
  crypto: Crypto,
  actor: Actor,
  id: number,
): Promise<WorkerDetail> => (await historyOf(db, crypto, actor, id)).detail;

const reasonRequired = () => invalid([{ path: 'reason', reason: 'reveal_reason_required' }]);

/** The plain values of the fields asked for (all three by default). */
const plainFields = (
  crypto: Crypto,
  w: WorkerRow,
  fields: readonly WorkerRevealField[],
): WorkerRevealResult => {
  const out: WorkerRevealResult = {};
  if (fields.includes('idNumber')) out.idNumber = crypto.decrypt(w.id_number_enc);
  if (fields.includes('name')) out.name = crypto.decrypt(w.name_enc);
  if (fields.includes('phone')) out.phone = w.phone_enc ? crypto.decrypt(w.phone_enc) : null;
  return out;
};

/**
 * 查看完整信息: the worker's full ID number, name and/or phone, for a holder of workers:reveal who
 * states a reason, of a worker in scope (else 404). The audit entry keeps who, whom, which fields and
 * why — never the values — and is written before they are returned.
 */
export const revealWorker = async (
  db: Kysely<DB>,
  crypto: Crypto,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: WorkerRevealInput,
): Promise<WorkerRevealResult> => {
  if (!canRevealWorker(actor)) throw new AppError('forbidden', 'worker_reveal_forbidden');
  if (!isReasonStated(input.reason)) throw reasonRequired();
  const w = await workerInScope(db, actor, id);
  const fields = input.fields ?? ['idNumber', 'name', 'phone'];
  const values = plainFields(crypto, w, fields);
  await writeAudit(db, ctx, {
    action: 'worker.reveal',
    entityType: 'worker',
    entityId: id,
    after: { fields, reason: input.reason.trim(), idNumberMasked: w.id_masked },
  });
  return values;
};

// ---------- 导出档案: the history as a workbook ----------

const codeName = (table: Parameters<typeof findExchangeCode>[0], code: string, lang: Lang): string => {
  const en = lang === 'en' ? exchangeLabelsEn[table as keyof typeof exchangeLabelsEn]?.[code] : undefined;
  return en ?? findExchangeCode(table, code)?.name ?? code;
};
const named = (table: Parameters<typeof findExchangeCode>[0], code: string | null, lang: Lang) =>
  code ? `${code} ${codeName(table, code, lang)}` : '';

const AUDIT_STATUS: Record<string, { zh: string; en: string }> = {
  '02': { zh: '区县待审核', en: 'Awaiting county' },
  '03': { zh: '区县通过', en: 'County approved' },
  '04': { zh: '区县退回', en: 'Returned by county' },
  '05': { zh: '市级通过', en: 'City approved' },
  '06': { zh: '市级退回', en: 'Returned by city' },
  '07': { zh: '省级通过', en: 'Province approved' },
  '08': { zh: '省级退回', en: 'Returned by province' },
  '11': { zh: '区县通过（直报市级）', en: 'County approved (to city)' },
  '12': { zh: '市级通过（直报省级）', en: 'City approved (to province)' },
};

export type HistoryWorkbook = { body: Buffer; names: { zh: string; en: string } };

/**
 * The worker's history as an xlsx (exams sheet, worker sheet, filter sheet): masked, or — `reveal=1`
 * with workers:reveal and a stated reason — with the full ID number, name and phone. Audited either
 * way (worker.history_export: masked or revealed, the reason, how many exams).
 */
export const exportWorkerHistory = async (
  db: Kysely<DB>,
  crypto: Crypto,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  q: WorkerHistoryExportQuery,
  lang: Lang,
): Promise<HistoryWorkbook> => {
  const reveal = q.reveal === '1';
  if (reveal && !canRevealWorker(actor)) throw new AppError('forbidden', 'worker_reveal_forbidden');
  if (reveal && !isReasonStated(q.reason)) throw reasonRequired();
  const { worker, detail, exams } = await historyOf(db, crypto, actor, id);
  const full = reveal ? plainFields(crypto, worker, ['idNumber', 'name', 'phone'] as const) : null;
  const en = lang === 'en';
  const headers = en
    ? [
        'Exam date',
        'Exam type',
        'Re-exam',
        'Institution',
        'Employer',
        'Credit code',
        'Employing unit',
        'Work type',
        'Hazard factors',
        'Conclusions',
        'Suspected disease',
        'Contraindication',
        'Other abnormality',
        'Review status',
        'Report date',
        'Chief physician',
        'Record ID',
      ]
    : [
        '体检日期',
        '体检类型',
        '是否复查',
        '体检机构',
        '用人单位',
        '统一社会信用代码',
        '用工单位',
        '工种',
        '接触危害因素',
        '体检结论',
        '疑似职业病',
        '职业禁忌证',
        '其他异常',
        '审核状态',
        '报告日期',
        '主检医师',
        '记录编号',
      ];
  const rows = exams.map((e) => [
    e.examDate,
    named('exam-types', e.examTypeCode, lang),
    e.isReexam ? (en ? 'Yes' : '是') : en ? 'No' : '否',
    e.institutionName,
    e.employerName,
    e.employerCreditCode,
    e.employingName,
    e.workTypeOther ? `${e.workTypeCode} ${e.workTypeOther}` : named('work-types', e.workTypeCode, lang),
    e.contactFactorCodes.map((c) => named('hazard-factors', c, lang)).join('；'),
    e.conclusions
      .map(
        (k) =>
          `${k.factorCodes.map((c) => codeName('hazard-factors', c, lang)).join('、')}：${codeName('exam-conclusions', k.conclusionCode, lang)}`,
      )
      .join('；'),
    e.conclusions
      .filter((k) => k.suspectedDiseaseCode)
      .map((k) => named('diseases', k.suspectedDiseaseCode, lang))
      .join('；'),
    e.conclusions
      .filter((k) => k.contraindication)
      .map((k) => k.contraindication)
      .join('；'),
    e.conclusions
      .filter((k) => k.otherAbnormality)
      .map((k) => k.otherAbnormality)
      .join('；'),
    `${e.auditStatus} ${(en ? AUDIT_STATUS[e.auditStatus]?.en : AUDIT_STATUS[e.auditStatus]?.zh) ?? ''}`.trim(),
    e.reportDate,
    e.chiefPhysician ?? '',
    e.recordId,
  ]);
  const person: Array<[string, string]> = [
    [en ? 'Name' : '姓名', full?.name ?? detail.name],
    [en ? 'ID document' : '证件类型', named('id-document-types', detail.idTypeCode, lang)],
    [en ? 'ID number' : '证件号码', full?.idNumber ?? detail.idNumber],
    [en ? 'Sex' : '性别', codeName('sexes', detail.genderCode, lang)],
    [en ? 'Birth date' : '出生日期', full ? day(worker.birth_date)! : detail.birthDate],
    [en ? 'Phone' : '联系电话', (full ? full.phone : detail.phone) ?? ''],
    [en ? 'Exams' : '体检次数', String(exams.length)],
    [en ? 'Latest employer' : '最近用人单位', detail.employerName],
  ];
  const reason = reveal ? q.reason!.trim() : null;
  const body = await buildWorkbook(en ? 'Exams' : '体检记录', headers, rows, {
    widths: [12, 16, 8, 28, 28, 22, 28, 20, 36, 40, 24, 24, 20, 16, 12, 12, 22],
    extra: [
      {
        name: en ? 'Worker' : '劳动者',
        headers: en ? ['Item', 'Value'] : ['项目', '内容'],
        rows: person,
        widths: [18, 40],
      },
      filterSheet(lang, [
        [
          en ? 'Personal data' : '个人信息',
          reveal
            ? en
              ? `Full (revealed; reason: ${reason})`
              : `完整（已说明理由：${reason}）`
            : en
              ? 'Masked'
              : '已屏蔽',
        ],
        [en ? 'Scope' : '范围', messageFor('worker_history_scope', lang)],
        ...exportSummaryRows(lang, {
          username: ctx.username,
          exportedAt: new Date(),
          matched: exams.length,
          exported: exams.length,
          maxRows: exams.length,
        }),
      ]),
    ],
  });
  await writeAudit(db, ctx, {
    action: 'worker.history_export',
    entityType: 'worker',
    entityId: id,
    after: { revealed: reveal, reason, exams: exams.length, idNumberMasked: worker.id_masked },
  });
  const stamp = chinaDateStamp();
  return {
    body,
    names: {
      zh: `职业健康档案-劳动者${worker.worker_id}${reveal ? '-完整' : ''}-${stamp}.xlsx`,
      en: `worker-health-record-${worker.worker_id}${reveal ? '-full' : ''}-${stamp}.xlsx`,
    },
  };
};
