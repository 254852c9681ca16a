/**
 * Earlier periodic exams of some of the demo employer's workers (体检到期提醒, issue 15 item 7): the
 * demo year alone has no overdue worker (every exam is under a year old). These workers were last
 * examined 13–20 months ago — benzene and lead (12-month cycles under GBZ 188-2014: overdue), noise and
 * silica dust (the cycle needs a level the card does not carry: undetermined, with the caveat) — and
 * one had a pre-employment exam eleven and a half months ago (due within 30 days). Stored through the
 * real store after the upload rules, by the demo exam institution, like any card.
 */
import { examCardExample, type ExamCardInput, type ExamCardItem } from '@ohp/contracts';
import { checkExamCard, storeCards } from '../modules/exam-reports/index.js';
import type { Deps } from '../platform/http/types.js';
import { makeIdNumber } from './exam-cards.js';

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const SCALE_CODES: Record<string, string> = { large: '01', medium: '02', small: '03', micro: '04' };

const ITEMS: Record<string, ExamCardItem[]> = {
  '2013': [
    {
      parentName: '血常规',
      name: '白细胞总数（WBC）',
      code: '4010100',
      resultType: '01',
      result: '5.6',
      unit: '×10^9/L',
      referenceMin: 3.5,
      referenceMax: 9.5,
      abnormal: '0',
    },
  ],
  '2237': [
    {
      parentName: '血液检查',
      name: '血铅',
      code: '4070100',
      resultType: '01',
      result: '0.82',
      unit: 'μmol/L',
      referenceMin: 0,
      referenceMax: 1.9,
      abnormal: '0',
    },
  ],
  '3008': [
    {
      parentName: '听力',
      name: '纯音气导听阈测试',
      code: '3040000',
      resultType: '02',
      result: '双耳听阈在正常范围',
      abnormal: '0',
    },
  ],
  '1038': [
    {
      parentName: '胸部影像学检查',
      name: '数字化摄影胸片（DR 胸片）',
      code: '3080200',
      resultType: '02',
      result: '双肺纹理清晰，未见明显异常',
      abnormal: '0',
    },
  ],
};

/** [factors, exam type, days before the seed date] per worker. */
const PLAN: Array<[string[], '01' | '02', number]> = [
  [['2013'], '02', 400],
  [['2013'], '02', 470],
  [['2237'], '02', 430],
  [['2237'], '02', 560],
  [['3008'], '02', 420],
  [['1038', '3008'], '02', 500],
  [['2013', '3008'], '02', 600],
  [['2013'], '01', 350],
];

export const seedDemoPeriodicExams = async (deps: Deps, today: string): Promise<string | null> => {
  const employer = await deps.db
    .selectFrom('organisation as o')
    .innerJoin('app_user as u', 'u.organisation_id', 'o.organisation_id')
    .select([
      'o.organisation_id',
      'o.name',
      'o.credit_code',
      'o.region_code',
      'o.industry_code',
      'o.enterprise_size',
    ])
    .where('u.username', '=', 'demo-employer')
    .executeTakeFirst();
  const institution = await deps.db
    .selectFrom('organisation as o')
    .innerJoin('app_user as u', 'u.organisation_id', 'o.organisation_id')
    .select(['o.organisation_id', 'o.name'])
    .where('u.username', '=', 'demo-exam')
    .executeTakeFirst();
  if (!employer?.credit_code || !employer.industry_code || !institution) return null;
  const region = employer.region_code.slice(0, 6);
  const enterprise = {
    name: employer.name,
    creditCode: employer.credit_code,
    economicTypeCode: '159',
    industryCode: employer.industry_code,
    scaleCode: SCALE_CODES[employer.enterprise_size ?? ''] ?? '99',
    regionCode: region,
  };
  const cards: ExamCardInput[] = [];
  const skipped: string[] = [];
  PLAN.forEach(([factors, examTypeCode, daysAgo], i) => {
    const examDate = addDays(today, -daysAgo);
    const birth = `${1972 + i * 3}-0${1 + (i % 9)}-1${i % 9}`;
    const harmStart = addDays(examDate, -(900 + i * 200));
    const years = Math.floor((Date.parse(examDate) - Date.parse(harmStart)) / (365.25 * 86_400_000));
    const reportDate = addDays(examDate, 5);
    const card: ExamCardInput = {
      ...structuredClone(examCardExample),
      recordId: `DEMO-${institution.organisation_id}-DUE-${String(i + 1).padStart(3, '0')}`,
      examNo: `${examDate.slice(0, 4)}-D${String(i + 1).padStart(4, '0')}`,
      employer: { ...examCardExample.employer, ...enterprise },
      employingUnit: enterprise,
      worker: {
        name: ['周立强', '吴海燕', '郑国栋', '王丽娟', '冯志刚', '陈晓东', '褚建华', '卫明'][i]!,
        idTypeCode: '01',
        idNumber: makeIdNumber(region, birth, 900 + i, i % 4 !== 1),
        genderCode: i % 4 !== 1 ? '1' : '2',
        birthDate: birth,
        phone: `1390431${String(1000 + i).padStart(4, '0')}`,
      },
      examTypeCode,
      examDate,
      contactFactorCodes: factors,
      workTypeCode: '09-041',
      conclusions: factors.map((f) => ({
        factorCodes: [f],
        conclusionCode: '01',
        ...(examTypeCode === '01' ? {} : { harmStartDate: harmStart, harmYears: years, harmMonths: 0 }),
      })),
      items: factors.flatMap((f) => ITEMS[f] ?? []),
      serviceYears: examTypeCode === '01' ? 0 : years + 1,
      serviceMonths: 0,
      writer: { ...examCardExample.writer, date: reportDate },
      reporter: { ...examCardExample.reporter, date: reportDate, unit: institution.name },
    };
    const check = checkExamCard(card, today);
    if (check.ok) cards.push(card);
    else skipped.push(`${card.recordId}: ${check.issues.map((x) => `${x.path} ${x.reason}`).join(', ')}`);
  });
  await deps.db.transaction().execute((trx) =>
    storeCards(
      trx,
      deps.crypto,
      { institutionId: institution.organisation_id, importBatchId: null, source: 'demo' },
      cards.map((card, j) => ({ rowNo: j + 1, card })),
    ),
  );
  // A refused card is a generator bug: named in the start-up line, never stored, never stopping the start.
  return `periodic exams (体检到期提醒): ${cards.length} earlier exams of ${employer.name}'s workers (overdue, due soon, undetermined)${skipped.length ? `; not stored (generator bug): ${skipped.join('; ')}` : ''}`;
};
