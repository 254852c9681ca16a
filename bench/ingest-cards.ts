/**
 * Realistic exam cards for `npm run bench:ingest` (bench/ingest.ts): card number i (0-based) is a pure
 * function of i and the plan, so a card can be built again at any time (a resend of card i repeats it
 * exactly) and nothing needs to be kept in memory while the batches are written.
 *
 * What the cards look like (modelled on the demo cards of apps/server/src/demo/exam-cards.ts and the
 * national example card, every code from the national tables):
 *   - batches of `batchSize` cards; batch j is sent by institution j mod I (each institution's system
 *     sends its own cards), record IDs are the institution's;
 *   - workers with GB 11643 resident ID numbers (valid check character, birth date and sex agree with the
 *     card), names, phones; `repeatWorker` of the new cards are of a worker already examined in an
 *     earlier card (at any institution): a worker index is a bijection onto ID numbers, so two workers
 *     never share a number;
 *   - employers drawn from the registered employers of the seeded province (their credit codes, so the
 *     card links to the organisation); a dispatch agency (industry 726x) names another employer as the
 *     employing unit, as the rules require;
 *   - six exposure profiles (dusts, noise, benzene, lead) with their conclusions, the items each calls for
 *     plus the general examination (blood pressure, blood count, liver function, urine, ECG): 12–18 item
 *     results a card; conclusions mostly normal, some re-checks, other findings, contraindications and
 *     suspected occupational diseases;
 *   - mixed in, on later batches of an institution: `corrected` resends of a card of its previous batch
 *     (same record ID, a remark added: stored as version 2), `identical` resends (unchanged), and
 *     `reexam` cards (a re-exam of that card's worker, naming the card it repeats); and `invalid` cards
 *     (a wrong ID check character), which the rules refuse.
 */
import type { ExamCardConclusion, ExamCardInput, ExamCardItem } from '@ohp/contracts';
import { idNumberCheckChar } from '@ohp/standards';

export type BenchEmployer = {
  organisationId: number;
  name: string;
  creditCode: string;
  industryCode: string;
  scaleCode: string;
  regionCode: string;
  address: string;
  contact: string;
  phone: string;
};
export type BenchInstitution = { organisationId: number; name: string };

export type CardShares = {
  invalid: number;
  corrected: number;
  identical: number;
  reexam: number;
  repeatWorker: number;
};
export const DEFAULT_SHARES: CardShares = {
  invalid: 0.005,
  corrected: 0.02,
  identical: 0.01,
  reexam: 0.03,
  repeatWorker: 0.3,
};

export type CardPlan = {
  rows: number;
  batchSize: number;
  institutions: BenchInstitution[];
  employers: BenchEmployer[];
  /** County codes the workers' ID numbers start with. */
  counties: string[];
  /** The day the cards are checked on (exam and report dates are before it). */
  today: string;
  shares: CardShares;
};

export type CardKind = 'new' | 'invalid' | 'corrected' | 'identical' | 'reexam';

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness

/** A 32-bit hash of (i, salt): independent uniform draws per card without a shared generator. */
const hash32 = (i: number, salt: number): number => {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 0x27d4eb2f, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};
const u = (i: number, salt: number) => hash32(i, salt) / 4294967296;

/** mulberry32, seeded per card. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => day(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

// ---------------------------------------------------------------------------------------------------
// Workers

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红梅林斌宇浩凯鑫波宁雪琳晨阳海峰志东';
const BIRTH_FROM = '1966-01-01';
const BIRTH_DAYS = daysBetween(BIRTH_FROM, '2001-12-31') + 1;
/** Multiplier of the worker bijection (a prime larger than any modulus used). */
const SCRAMBLE = 2_654_435_761;

export type BenchWorker = ExamCardInput['worker'];

/** Worker w: a distinct resident ID number for every w below counties × birth days × 1,000. */
export const workerOf = (plan: CardPlan, w: number): BenchWorker => {
  const c = plan.counties.length;
  const m = c * BIRTH_DAYS * 1000;
  let x = (w * SCRAMBLE) % m;
  const county = plan.counties[x % c]!;
  x = Math.floor(x / c);
  const birth = addDays(BIRTH_FROM, x % BIRTH_DAYS);
  const seq = Math.floor(x / BIRTH_DAYS); // 0–999: the 17th digit is odd for men
  const male = seq % 2 === 1;
  const first17 = `${county}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const r = rng(hash32(w, 101));
  const pick = (s: string) => [...s][Math.floor(r() * [...s].length)]!;
  return {
    name: `${pick(SURNAMES)}${pick(GIVEN)}${r() < 0.6 ? pick(GIVEN) : ''}`,
    idTypeCode: '01',
    idNumber: first17 + idNumberCheckChar(first17),
    genderCode: male ? '1' : '2',
    birthDate: birth,
    phone: `1${3 + Math.floor(r() * 6)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
  };
};

// ---------------------------------------------------------------------------------------------------
// Items and profiles

type Rand = () => number;
const num = (
  parentName: string,
  name: string,
  code: string,
  unit: string,
  min: number,
  max: number,
  value: number,
  digits: number,
): ExamCardItem => ({
  parentName,
  name,
  code,
  resultType: '01',
  result: value.toFixed(digits),
  unit,
  referenceMin: min,
  referenceMax: max,
  abnormal: value < min || value > max ? '1' : '0',
});
const text = (parentName: string, name: string, code: string, result: string, abnormal = false) =>
  ({
    parentName,
    name,
    code,
    resultType: '02',
    result,
    abnormal: abnormal ? '1' : '0',
  }) satisfies ExamCardItem;
const around = (r: Rand, lo: number, hi: number) => lo + r() * (hi - lo);

/** The general examination every card carries (its share of abnormal values is small). */
const generalItems = (r: Rand, male: boolean): ExamCardItem[] => {
  const sys = Math.round(around(r, 100, r() < 0.1 ? 160 : 138));
  const items: ExamCardItem[] = [
    num('一般情况', '身高', '2010200', 'cm', 140, 200, around(r, male ? 162 : 150, male ? 186 : 172), 0),
    num('一般情况', '体重', '2010300', 'kg', 35, 150, around(r, male ? 55 : 45, male ? 95 : 80), 1),
    num('血压', '收缩压', '2010501', 'mmHg', 90, 139, sys, 0),
    num('血压', '舒张压', '2010502', 'mmHg', 60, 89, Math.round(sys * around(r, 0.58, 0.68)), 0),
    num('内科', '心率', '2030100', '次/分', 60, 100, Math.round(around(r, 56, 98)), 0),
    text('外科', '全身皮肤', '2040301', '未见异常'),
    num('血常规', '红细胞计数(RBC)', '4011600', '×10^12/L', 3.8, 5.8, around(r, 3.9, 5.6), 2),
    num('血常规', '血红蛋白', '4012000', 'g/L', 115, 175, around(r, 118, 170), 0),
    num('血常规', '血小板计数(PLT)', '4012600', '×10^9/L', 125, 350, around(r, 140, 330), 0),
    num('肝功能', '血清谷丙转氨酶 ALT', '4040900', 'U/L', 0, 40, around(r, 8, r() < 0.08 ? 70 : 38), 0),
    text('尿常规', '尿蛋白质(PRO)', '4020500', r() < 0.03 ? '弱阳性(±)' : '阴性(-)'),
  ];
  if (r() < 0.6) items.push(text('心电图', '心电图', '3060100', '窦性心律，正常心电图'));
  if (r() < 0.4)
    items.push(num('一般情况', '脉率', '2010400', '次/分', 60, 100, Math.round(around(r, 58, 96)), 0));
  return items;
};

const chestFilm = (abnormal: boolean): ExamCardItem =>
  text(
    '胸部影像学检查',
    '数字化摄影胸片（DR 胸片）',
    '3080200',
    abnormal ? '双肺可见散在类圆形小阴影，建议进一步诊断' : '双肺纹理清晰，未见明显异常',
    abnormal,
  );
const lung = (abnormal: boolean, r: Rand): ExamCardItem[] => [
  num(
    '肺功能',
    '用力肺活量 FVC（%）',
    '3020100',
    '%',
    80,
    120,
    abnormal ? around(r, 62, 77) : around(r, 82, 112),
    0,
  ),
  num(
    '肺功能',
    '第一秒时间肺活量 FEV1（%）',
    '3020200',
    '%',
    80,
    120,
    abnormal ? around(r, 60, 78) : around(r, 81, 110),
    0,
  ),
];
const hearing = (abnormal: boolean, r: Rand): ExamCardItem[] => [
  text(
    '听力',
    '纯音气导听阈测试',
    '3040000',
    abnormal ? '双耳高频平均听阈 45 dB(HL)，语频平均听阈 28 dB(HL)' : '双耳听阈在正常范围',
    abnormal,
  ),
  num(
    '纯音气导听阈测试',
    '双耳高频平均听阈',
    '3041900',
    'dB(HL)',
    0,
    40,
    abnormal ? around(r, 41, 60) : around(r, 8, 30),
    0,
  ),
];
const wbc = (abnormal: boolean, r: Rand) =>
  num(
    '血常规',
    '白细胞总数（WBC）',
    '4010100',
    '×10^9/L',
    3.5,
    9.5,
    abnormal ? around(r, 2.6, 3.4) : around(r, 4.1, 9.2),
    1,
  );
const bloodLead = (abnormal: boolean, r: Rand) =>
  num(
    '血液检查',
    '血铅',
    '4070100',
    'μmol/L',
    0,
    1.9,
    abnormal ? around(r, 2.0, 3.0) : around(r, 0.3, 1.5),
    2,
  );

type Profile = {
  factors: string[];
  workTypes: string[];
  disease: string;
  contraindication: string;
  items: (abnormal: boolean, r: Rand) => ExamCardItem[];
};
const PROFILES: Profile[] = [
  {
    factors: ['1038', '3008'],
    workTypes: ['00-13', '39-232'],
    disease: '1101',
    contraindication: '活动性肺结核病',
    items: (a, r) => [chestFilm(a), ...lung(a, r), ...hearing(false, r)],
  },
  {
    factors: ['1021'],
    workTypes: ['41-001', '00-10'],
    disease: '1102',
    contraindication: '慢性阻塞性肺病',
    items: (a, r) => [chestFilm(a), ...lung(a, r)],
  },
  {
    factors: ['1006'],
    workTypes: ['09-033'],
    disease: '1111',
    contraindication: '慢性肺源性心脏病',
    items: (a, r) => [chestFilm(a), ...lung(a, r)],
  },
  {
    factors: ['3008'],
    workTypes: ['39-232', '09-041'],
    disease: '4001',
    contraindication: '各种原因引起永久性感音神经性听力损失',
    items: (a, r) => hearing(a, r),
  },
  {
    factors: ['2013'],
    workTypes: ['09-041'],
    disease: '5028',
    contraindication: '血常规检出异常',
    items: (a, r) => [wbc(a, r)],
  },
  {
    factors: ['2237'],
    workTypes: ['09-041'],
    disease: '5001',
    contraindication: '贫血',
    items: (a, r) => [bloodLead(a, r)],
  },
];
const OTHER_FINDINGS = ['血压偏高', '窦性心动过缓', '轻度脂肪肝', '血糖偏高', '谷丙转氨酶轻度升高'];

// ---------------------------------------------------------------------------------------------------
// The plan

const batchOf = (plan: CardPlan, i: number) => Math.floor(i / plan.batchSize);
export const institutionOfBatch = (plan: CardPlan, j: number) =>
  plan.institutions[j % plan.institutions.length]!;
export const batchCount = (plan: CardPlan) => Math.ceil(plan.rows / plan.batchSize);
/** The card at the same place in the institution's previous batch, if there is one. */
const previousOf = (plan: CardPlan, i: number): number | null => {
  const back = plan.institutions.length * plan.batchSize;
  return batchOf(plan, i) >= plan.institutions.length && i - back >= 0 ? i - back : null;
};
const examDateOf = (plan: CardPlan, i: number) => addDays(plan.today, -(10 + Math.floor(u(i, 11) * 340)));
const reexamDateOf = (plan: CardPlan, i: number, of: number) =>
  addDays(examDateOf(plan, of), 20 + Math.floor(u(i, 12) * 40));

/** What card i is. A resend or re-exam refers to a new card of the institution's previous batch. */
export const kindOf = (plan: CardPlan, i: number): CardKind => {
  const s = plan.shares;
  const x = u(i, 7);
  if (x < s.invalid) return 'invalid';
  const prev = previousOf(plan, i);
  if (prev === null || kindOf(plan, prev) !== 'new') return 'new';
  let t = s.invalid;
  if (x < (t += s.corrected)) return 'corrected';
  if (x < (t += s.identical)) return 'identical';
  if (x < (t += s.reexam) && reexamDateOf(plan, i, prev) <= addDays(plan.today, -4)) return 'reexam';
  return 'new';
};

/** The worker index of card i: its own, an earlier card's (repeat), or that of the card it repeats. */
const workerIndexOf = (plan: CardPlan, i: number): number => {
  for (;;) {
    const k = kindOf(plan, i);
    if (k === 'corrected' || k === 'identical' || k === 'reexam') {
      i = previousOf(plan, i)!;
      continue;
    }
    if (i > 0 && u(i, 21) < plan.shares.repeatWorker) {
      i = Math.floor(u(i, 22) * i);
      continue;
    }
    return i;
  }
};

export const recordIdOf = (plan: CardPlan, i: number) =>
  `TJ${institutionOfBatch(plan, batchOf(plan, i)).organisationId}-${String(i).padStart(8, '0')}`;

const SCALE_99 = '99';

/** A new card i as the institution's system writes it. */
const newCard = (plan: CardPlan, i: number): ExamCardInput => {
  const r = rng(hash32(i, 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const institution = institutionOfBatch(plan, batchOf(plan, i));
  const employer = plan.employers[Math.floor(u(i, 31) * plan.employers.length)]!;
  const worker = workerOf(plan, workerIndexOf(plan, i));
  const profile = PROFILES[Math.floor(u(i, 32) * PROFILES.length)]!;
  const examDate = examDateOf(plan, i);
  const x = r();
  // 上岗前 15 %, 在岗期间 75 %, 离岗时 10 %.
  const examTypeCode = x < 0.15 ? '01' : x < 0.9 ? '02' : '03';
  const y = r();
  // 01 目前未见异常 most; 02 复查, 05 其他疾病或异常, 04 职业禁忌证, 03 疑似职业病 rare.
  const conclusionCode = y < 0.7 ? '01' : y < 0.8 ? '02' : y < 0.92 ? '05' : y < 0.97 ? '04' : '03';
  const abnormal = conclusionCode !== '01' && conclusionCode !== '05';
  // Exposure from 18 at the earliest, 1–14 years before the exam.
  const adult = addDays(worker.birthDate, 18 * 366);
  const span = Math.max(60, Math.min(5000, daysBetween(adult, examDate) - 30));
  const harmStart = addDays(examDate, -(30 + Math.floor(r() * span)));
  const harmDays = daysBetween(harmStart, examDate);
  const years = Math.floor(harmDays / 365.25);
  const months = Math.min(11, Math.floor((harmDays % 365.25) / 30.44));
  const conclusions: ExamCardConclusion[] = profile.factors.map((f, k) => {
    const code = k === 0 ? conclusionCode : '01';
    return {
      factorCodes: [f],
      conclusionCode: code,
      suspectedDiseaseCode: code === '03' ? profile.disease : null,
      contraindication: code === '04' ? profile.contraindication : null,
      otherAbnormality: code === '05' ? pick(OTHER_FINDINGS) : null,
      ...(examTypeCode === '01' ? {} : { harmStartDate: harmStart, harmYears: years, harmMonths: months }),
    };
  });
  const reportDate = [addDays(examDate, 3 + Math.floor(r() * 8)), plan.today].sort()[0]!;
  const enterprise = {
    name: employer.name,
    creditCode: employer.creditCode,
    economicTypeCode: '159',
    industryCode: employer.industryCode,
    scaleCode: employer.scaleCode || SCALE_99,
    regionCode: employer.regionCode,
  };
  // A dispatch agency's workers work for another unit, named as the employing unit.
  let employing = enterprise;
  if (employer.industryCode.startsWith('726')) {
    const other = plan.employers.find((e, k) => k > 0 && !e.industryCode.startsWith('726'))!;
    employing = {
      ...enterprise,
      name: other.name,
      creditCode: other.creditCode,
      industryCode: other.industryCode,
      scaleCode: other.scaleCode || SCALE_99,
      regionCode: other.regionCode,
    };
  }
  return {
    recordId: recordIdOf(plan, i),
    examNo: `${examDate.slice(0, 4)}-${String(i + 1).padStart(7, '0')}`,
    employer: {
      ...enterprise,
      address: employer.address,
      contact: employer.contact,
      phone: employer.phone,
    },
    employingUnit: employing,
    worker,
    monitoringTypeCode: '01',
    examTypeCode,
    examDate,
    contactFactorCodes: profile.factors,
    workTypeCode: pick(profile.workTypes),
    isReexam: false,
    conclusions,
    items: [...generalItems(r, worker.genderCode === '1'), ...profile.items(abnormal, r)],
    chiefPhysician: `${pick([...SURNAMES])}医生`,
    serviceYears: examTypeCode === '01' ? 0 : years + Math.floor(r() * 3),
    serviceMonths: examTypeCode === '01' ? 0 : months,
    writer: { name: `${pick([...SURNAMES])}护士`, phone: '0431-85550001', date: reportDate },
    reporter: {
      name: `${pick([...SURNAMES])}主任`,
      phone: '0431-85550002',
      date: reportDate,
      unit: institution.name,
    },
  };
};

/** Card i, whatever its kind. */
export const cardOf = (plan: CardPlan, i: number): { kind: CardKind; card: ExamCardInput } => {
  const kind = kindOf(plan, i);
  if (kind === 'new') return { kind, card: newCard(plan, i) };
  if (kind === 'invalid') {
    const card = newCard(plan, i);
    const id = card.worker.idNumber;
    const wrong = '0123456789X'.replace(id.at(-1)!, '')[i % 10]!;
    card.worker = { ...card.worker, idNumber: id.slice(0, 17) + wrong };
    return { kind, card };
  }
  const prev = previousOf(plan, i)!;
  const earlier = newCard(plan, prev);
  if (kind === 'identical') return { kind, card: earlier };
  if (kind === 'corrected')
    return { kind, card: { ...earlier, remark: `已按审核意见补充修改（第 ${i} 号更正）` } };
  // A re-exam of the earlier card's worker: its own record, naming the exam it repeats.
  const examDate = reexamDateOf(plan, i, prev);
  const r = rng(hash32(i, 2));
  const reportDate = [addDays(examDate, 2 + Math.floor(r() * 5)), plan.today].sort()[0]!;
  const card: ExamCardInput = {
    ...earlier,
    recordId: recordIdOf(plan, i),
    examNo: `${examDate.slice(0, 4)}-${String(i + 1).padStart(7, '0')}`,
    examDate,
    isReexam: true,
    reexamOf: earlier.recordId,
    conclusions: earlier.conclusions.map((c) => ({
      ...c,
      conclusionCode: '01',
      suspectedDiseaseCode: null,
      contraindication: null,
      otherAbnormality: null,
    })),
    items: earlier.items.map((it) =>
      it.abnormal === '1'
        ? {
            ...it,
            abnormal: '0',
            result: it.resultType === '01' ? String(it.referenceMin ?? 0) : '复查未见异常',
          }
        : it,
    ),
    writer: { ...earlier.writer, date: reportDate },
    reporter: { ...earlier.reporter, date: reportDate },
  };
  return { kind, card };
};
