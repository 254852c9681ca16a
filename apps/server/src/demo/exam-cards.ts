/**
 * A year of health-exam case cards for the demo province (issue 15 item 8), so that every card screen
 * has data: periodic, pre-employment and departure exams of workers of the demo employers, by the demo
 * exam institutions, over the twelve months before the seed date — dust, noise, benzene, lead and
 * welding-fume exposures with the items each calls for, mostly normal, some re-exams, contraindications
 * and suspected occupational diseases.
 *
 * The cards go through the real store (storeCards: workers hashed and encrypted, versions) and every
 * card is checked by the same rules as an upload (a generated card that failed them would be a bug
 * here, so seeding stops). The level-by-level review is then played by the demo regulators through
 * the real review service (scope checks, review trail, audit): the demo county reviews most of its
 * cards, the demo city most of those, the province part of those; a few are returned with an opinion,
 * and some returned cards are corrected and sent again (version 2). Cards elsewhere wait for their
 * county, as they would.
 */
import type { ExamCardConclusion, ExamCardInput, ExamCardItem } from '@ohp/contracts';
import type { Deps } from '../platform/http/types.js';
import { loadActor } from '../platform/authz/session.js';
import type { Actor } from '../platform/authz/actor.js';
import { checkExamCard } from '../modules/exam-reports/exam-reports.validate.js';
import { storeCards } from '../modules/exam-reports/exam-reports.store.js';
import { reviewCards } from '../modules/exam-reports/exam-reports.service.js';
import { recordCaseEvent } from '../modules/suspected-cases/index.js';
import type { DemoScale } from './seed.js';

const CARDS: Record<DemoScale, number> = { test: 60, small: 3000, province: 20_000 };

/** Deterministic PRNG (mulberry32): the same seed date gives the same cards. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A GB 11643 resident ID number with its check character. */
export const makeIdNumber = (county: string, birth: string, serial: number, male: boolean): string => {
  // The 17th digit is odd for men, even for women.
  const seq = String((serial % 500) * 2 + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `${county}${birth.replaceAll('-', '')}${seq}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * ID_WEIGHTS[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
};

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红梅林斌宇浩凯鑫波宁雪琳晨阳海峰志东';

type Profile = {
  factors: string[];
  workTypes: string[];
  /** The disease a suspected conclusion names, and the chest-film item's abnormal text. */
  disease: string;
  items: (abnormal: boolean, r: () => number) => ExamCardItem[];
  contraindication: string;
};

const chestFilm = (abnormal: boolean): ExamCardItem => ({
  parentName: '胸部影像学检查',
  name: '数字化摄影胸片（DR 胸片）',
  code: '3080200',
  resultType: '02',
  result: abnormal ? '双肺可见散在类圆形小阴影，建议进一步诊断' : '双肺纹理清晰，未见明显异常',
  abnormal: abnormal ? '1' : '0',
});
const fvc = (abnormal: boolean, r: () => number): ExamCardItem => {
  const v = abnormal ? 62 + Math.round(r() * 15) : 82 + Math.round(r() * 30);
  return {
    parentName: '肺功能',
    name: '用力肺活量 FVC（%）',
    code: '3020100',
    resultType: '01',
    result: String(v),
    unit: '%',
    referenceMin: 80,
    referenceMax: 120,
    abnormal: v < 80 ? '1' : '0',
  };
};
const audiometry = (abnormal: boolean): ExamCardItem => ({
  parentName: '听力',
  name: '纯音气导听阈测试',
  code: '3040000',
  resultType: '02',
  result: abnormal ? '双耳高频平均听阈 45 dB(HL)，语频平均听阈 28 dB(HL)' : '双耳听阈在正常范围',
  abnormal: abnormal ? '1' : '0',
});
const wbc = (abnormal: boolean, r: () => number): ExamCardItem => {
  const v = abnormal ? 2.8 + Math.round(r() * 8) / 10 : 4.2 + Math.round(r() * 50) / 10;
  return {
    parentName: '血常规',
    name: '白细胞总数（WBC）',
    code: '4010100',
    resultType: '01',
    result: v.toFixed(1),
    unit: '×10^9/L',
    referenceMin: 3.5,
    referenceMax: 9.5,
    abnormal: v < 3.5 ? '1' : '0',
  };
};
const bloodLead = (abnormal: boolean, r: () => number): ExamCardItem => {
  const v = abnormal ? 2.0 + Math.round(r() * 10) / 10 : 0.3 + Math.round(r() * 12) / 10;
  return {
    parentName: '血液检查',
    name: '血铅',
    code: '4070100',
    resultType: '01',
    result: v.toFixed(2),
    unit: 'μmol/L',
    referenceMin: 0,
    referenceMax: 1.9,
    abnormal: v > 1.9 ? '1' : '0',
  };
};
const ecg = (): ExamCardItem => ({
  parentName: '心电图',
  name: '心电图',
  code: '3060100',
  resultType: '02',
  result: '窦性心律，正常心电图',
  abnormal: '0',
});

const PROFILES: Profile[] = [
  {
    factors: ['1038', '3008'],
    workTypes: ['00-13', '39-232'],
    disease: '1101',
    items: (a, r) => [chestFilm(a), fvc(a, r), audiometry(false)],
    contraindication: '活动性肺结核病',
  },
  {
    factors: ['1021'],
    workTypes: ['41-001', '00-9'],
    disease: '1102',
    items: (a, r) => [chestFilm(a), fvc(a, r)],
    contraindication: '慢性阻塞性肺病',
  },
  {
    factors: ['1006'],
    workTypes: ['09-033'],
    disease: '1111',
    items: (a, r) => [chestFilm(a), fvc(a, r)],
    contraindication: '慢性肺源性心脏病',
  },
  {
    factors: ['3008'],
    workTypes: ['39-232', '09-041'],
    disease: '4001',
    items: (a) => [audiometry(a), ecg()],
    contraindication: '各种原因引起永久性感音神经性听力损失',
  },
  {
    factors: ['2013'],
    workTypes: ['09-041'],
    disease: '5028',
    items: (a, r) => [wbc(a, r), ecg()],
    contraindication: '血常规检出异常',
  },
  {
    factors: ['2237'],
    workTypes: ['09-041'],
    disease: '5001',
    items: (a, r) => [bloodLead(a, r), ecg()],
    contraindication: '贫血',
  },
];

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => day(new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000));

type Org = { organisation_id: number; name: string; region_code: string; credit_code: string | null };
/** The computed enterprise size as the national BUSINESS_SCALE_CODE (enterprise-sizes table). */
const SCALE_CODES: Record<string, string> = { large: '01', medium: '02', small: '03', micro: '04' };
/**
 * The economic type (GB/T 12402-2000) is not kept for demo employers: every card says 159 (其他有限责任
 * 公司), the code of the specification's example card.
 */
const ECONOMIC_TYPE = '159';

type Employer = Org & {
  enterprise_size: string | null;
  industry_code: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
};

const asUser = async (deps: Deps, username: string): Promise<Actor | null> => {
  const u = await deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirst();
  return u ? ((await loadActor(deps.db, u.user_id))?.actor ?? null) : null;
};

/**
 * Seeds the demo cards and plays the review. `today` is the seed date (cards are dated before it).
 * Returns how many cards were stored, how many review decisions were made, and the generated cards
 * the rules refused (a generator bug: none expected).
 */
export const seedDemoExamCards = async (
  deps: Deps,
  opts: { scale: DemoScale; today?: string },
): Promise<{ cards: number; reviews: number; skipped: string[] }> => {
  const today = opts.today ?? day(new Date());
  const random = rng(20260615);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const county = await asUser(deps, 'demo-county');
  const examUser = await asUser(deps, 'demo-exam');
  const employerUser = await asUser(deps, 'demo-employer');
  if (!county || !examUser) return { cards: 0, reviews: 0, skipped: [] };

  const institutions = await deps.db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'region_code', 'credit_code'])
    .where('kind', '=', 'exam_institution')
    .where('status', '=', 'active')
    .orderBy('organisation_id')
    .execute();
  const employers = (await deps.db
    .selectFrom('organisation')
    .select([
      'organisation_id',
      'name',
      'region_code',
      'credit_code',
      'industry_code',
      'address',
      'contact_name',
      'contact_phone',
      'enterprise_size',
    ])
    .where('kind', '=', 'employer')
    .where('status', '=', 'active')
    .where('credit_code', 'is not', null)
    .where('industry_code', 'is not', null)
    .orderBy('organisation_id')
    .execute()) as Employer[];
  // Half the cards from employers of the demo county, a quarter from the rest of its city, a quarter
  // from the rest of the province; the demo employer always among them.
  const inCounty = employers.filter((e) => e.region_code.startsWith(county.regionCode));
  const inCity = employers.filter(
    (e) => e.region_code.startsWith(county.regionCode.slice(0, 4)) && !inCounty.includes(e),
  );
  const elsewhere = employers.filter((e) => !e.region_code.startsWith(county.regionCode.slice(0, 4)));
  const demoEmployer = employers.find((e) => e.organisation_id === employerUser?.organisationId);
  const employerFor = (n: number): Employer => {
    if (demoEmployer && n % 12 === 0) return demoEmployer;
    const x = random();
    return pick(
      x < 0.5 && inCounty.length
        ? inCounty
        : x < 0.75 && inCity.length
          ? inCity
          : elsewhere.length
            ? elsewhere
            : employers,
    );
  };
  // The demo exam institution reports two cards in five; the others share the rest.
  const others = institutions.filter((i) => i.organisation_id !== examUser.organisationId);
  const demoInstitution = institutions.find((i) => i.organisation_id === examUser.organisationId)!;
  const institutionFor = () => (random() < 0.4 || !others.length ? demoInstitution : pick(others));

  type Planned = { institutionId: number; card: ExamCardInput };
  const planned: Planned[] = [];
  // A worker per employer and serial, re-examined now and then.
  const workerOf = (e: Employer, serial: number) => {
    const male = serial % 5 !== 0;
    const year = 1966 + Math.floor(random() * 36);
    const birth = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const region = e.region_code.slice(0, 6);
    return {
      name: `${pick([...SURNAMES])}${pick([...GIVEN])}${random() < 0.6 ? pick([...GIVEN]) : ''}`,
      idTypeCode: '01',
      idNumber: makeIdNumber(region, birth, serial, male),
      genderCode: male ? '1' : '2',
      birthDate: birth,
      phone: `13${String(100_000_000 + Math.floor(random() * 899_999_999)).slice(0, 9)}`,
    };
  };
  const total = CARDS[opts.scale];
  for (let n = 0; n < total; n++) {
    // Card 0 becomes the API documentation's example card (see below): the demo institution's, for an
    // employer of the demo county, with a suspected occupational disease.
    const employer = n === 0 && inCounty.length ? inCounty[0]! : employerFor(n);
    const institution = n === 0 ? demoInstitution : institutionFor();
    const profile = pick(PROFILES);
    const worker = workerOf(employer, n);
    const examDate = addDays(today, -(7 + Math.floor(random() * 358)));
    const x = random();
    // 上岗前 15%, 在岗期间 75%, 离岗时 10%.
    const examTypeCode = x < 0.15 ? '01' : x < 0.9 ? '02' : '03';
    const y = random();
    // Conclusions: 01 目前未见异常 most; 02 复查, 05 其他异常, 04 禁忌证, 03 疑似职业病 rare.
    const conclusionCode =
      n === 0 ? '03' : y < 0.7 ? '01' : y < 0.8 ? '02' : y < 0.92 ? '05' : y < 0.97 ? '04' : '03';
    const abnormal = conclusionCode !== '01';
    const harmStart = addDays(examDate, -(400 + Math.floor(random() * 5000)));
    const years = Math.floor((Date.parse(examDate) - Date.parse(harmStart)) / (365.25 * 86_400_000));
    const months = Math.floor(((Date.parse(examDate) - Date.parse(harmStart)) / (30.44 * 86_400_000)) % 12);
    const conclusions: ExamCardConclusion[] = profile.factors.map((f, i) => {
      const main = i === 0;
      const code = main ? conclusionCode : '01';
      return {
        factorCodes: [f],
        conclusionCode: code,
        suspectedDiseaseCode: code === '03' ? profile.disease : null,
        contraindication: code === '04' ? profile.contraindication : null,
        otherAbnormality: code === '05' ? pick(['血压偏高', '窦性心动过缓', '轻度脂肪肝', '血糖偏高']) : null,
        ...(examTypeCode === '01' ? {} : { harmStartDate: harmStart, harmYears: years, harmMonths: months }),
      };
    });
    const written = addDays(examDate, 3 + Math.floor(random() * 8));
    const reportDate = written > today ? today : written;
    const recordId = `DEMO-${institution.organisation_id}-${String(n + 1).padStart(6, '0')}`;
    const enterprise = {
      name: employer.name,
      creditCode: employer.credit_code!,
      economicTypeCode: ECONOMIC_TYPE,
      industryCode: employer.industry_code!,
      scaleCode: SCALE_CODES[employer.enterprise_size ?? ''] ?? '99',
      regionCode: employer.region_code.slice(0, 6),
    };
    // A dispatch agency (GB/T 4754 726x) names the unit its worker works for (the national rule).
    const host = employer.industry_code!.startsWith('726')
      ? (employers.find(
          (e) => !e.industry_code!.startsWith('726') && e.region_code === employer.region_code,
        ) ?? employers.find((e) => !e.industry_code!.startsWith('726')))
      : undefined;
    const employingUnit = host
      ? {
          ...enterprise,
          name: host.name,
          creditCode: host.credit_code!,
          industryCode: host.industry_code!,
          scaleCode: SCALE_CODES[host.enterprise_size ?? ''] ?? '99',
          regionCode: host.region_code.slice(0, 6),
        }
      : enterprise;
    const card: ExamCardInput = {
      recordId,
      examNo: `${examDate.slice(0, 4)}-${String(n + 1).padStart(5, '0')}`,
      employer: {
        ...enterprise,
        address: employer.address ?? `${employer.name}厂区`,
        contact: employer.contact_name ?? '职业卫生管理员',
        phone: employer.contact_phone ?? '0431-80000000',
      },
      employingUnit,
      worker,
      monitoringTypeCode: '01',
      examTypeCode,
      examDate,
      contactFactorCodes: profile.factors,
      workTypeCode: pick(profile.workTypes),
      isReexam: false,
      conclusions,
      items: profile.items(abnormal && conclusionCode !== '05', random),
      chiefPhysician: `${pick([...SURNAMES])}医生`,
      serviceYears: examTypeCode === '01' ? 0 : years + Math.floor(random() * 3),
      serviceMonths: examTypeCode === '01' ? 0 : months,
      writer: { name: `${pick([...SURNAMES])}护士`, phone: '0431-85550001', date: reportDate },
      reporter: {
        name: `${pick([...SURNAMES])}主任`,
        phone: '0431-85550002',
        date: reportDate,
        unit: institution.name,
      },
    };
    planned.push({ institutionId: institution.organisation_id, card });
  }

  // Only cards that pass the upload rules are stored: one that does not is a generator bug, counted
  // (and printed at start; the tests expect none), never stored.
  const skipped: string[] = [];
  for (let i = planned.length - 1; i >= 0; i--) {
    const check = checkExamCard(planned[i]!.card, today);
    if (!check.ok) {
      skipped.push(
        `${planned[i]!.card.recordId}: ${check.issues.map((x) => `${x.path} ${x.reason}`).join(', ')}`,
      );
      planned.splice(i, 1);
    }
  }
  const store = (institutionId: number, list: Planned[]) =>
    deps.db.transaction().execute((trx) =>
      storeCards(
        trx,
        deps.crypto,
        { institutionId, importBatchId: null, source: 'demo' },
        list.map((p, j) => ({ rowNo: j + 1, card: p.card })),
      ),
    );
  // First (so it is card 1 and suspected case 1 of a fresh database, the review and tracker examples of
  // the API documentation): card 0, examined a week ago, awaiting the county's review (the county
  // reviews only cards older than three weeks).
  const first = planned.findIndex(
    (p) =>
      p.card.employer.regionCode === county.regionCode && p.institutionId === demoInstitution.organisation_id,
  );
  if (first >= 0) {
    const [p] = planned.splice(first, 1);
    const examDate = addDays(today, -7);
    const reportDate = addDays(examDate, 3);
    const card: ExamCardInput = {
      ...p!.card,
      recordId: `DEMO-${demoInstitution.organisation_id}-EXAMPLE`,
      examDate,
      writer: { ...p!.card.writer, date: reportDate },
      reporter: { ...p!.card.reporter, date: reportDate, unit: demoInstitution.name },
    };
    const check = checkExamCard(card, today);
    if (!check.ok)
      skipped.push(`${card.recordId}: ${check.issues.map((x) => `${x.path} ${x.reason}`).join(', ')}`);
    else
      await store(demoInstitution.organisation_id, [
        { institutionId: demoInstitution.organisation_id, card },
      ]);
  }
  const byInstitution = new Map<number, Planned[]>();
  for (const p of planned)
    byInstitution.set(p.institutionId, [...(byInstitution.get(p.institutionId) ?? []), p]);
  for (const [institutionId, list] of byInstitution)
    for (let i = 0; i < list.length; i += 500) await store(institutionId, list.slice(i, i + 500));

  // The review, level by level, by the demo regulators (through the service: scope, trail, audit).
  let reviews = 0;
  const ctx = (a: Actor) => ({
    userId: a.userId,
    username: a.username,
    organisationId: a.organisationId,
    ip: null,
    requestId: 'demo-seed',
  });
  const awaiting = async (a: Actor, statuses: string[], olderThan: string) =>
    (
      await deps.db
        .selectFrom('exam_card')
        .select(['exam_card_id', 'exam_date'])
        .where('audit_status', 'in', statuses)
        .where('region_code', 'like', `${a.regionCode}%`)
        .where('exam_date', '<', olderThan)
        .orderBy('exam_card_id')
        .execute()
    ).map((r) => r.exam_card_id);
  /** Decides on `share` of the cards (the rest stay in the queue): most approved, a few returned. */
  const decide = async (a: Actor, all: number[], share: number, returnShare: number, opinions: string[]) => {
    const ids = all.filter(() => random() < share);
    const back = ids.filter(() => random() < returnShare);
    const ok = ids.filter((id) => !back.includes(id));
    for (let i = 0; i < ok.length; i += 500) {
      await reviewCards(deps.db, ctx(a), a, {
        cardIds: ok.slice(i, i + 500),
        decision: 'approved',
        opinion: null,
      });
      reviews++;
    }
    for (const id of back) {
      await reviewCards(deps.db, ctx(a), a, { cardIds: [id], decision: 'returned', opinion: pick(opinions) });
      reviews++;
    }
    return back;
  };
  const city = await asUser(deps, 'demo-city');
  const province = await asUser(deps, 'demo-province');
  // County: most cards examined more than three weeks ago; city: most of those older than six weeks;
  // province: most older than three months — each queue keeps the recent cards and some backlog.
  const returned = await decide(county, await awaiting(county, ['02'], addDays(today, -21)), 0.85, 0.06, [
    '胸片结果描述不完整，请补充影像学表现',
    '接害工龄与总工龄不符，请核实',
    '用人单位统一社会信用代码与营业执照不一致，请核对',
  ]);
  if (city)
    await decide(city, await awaiting(city, ['03', '11'], addDays(today, -42)), 0.8, 0.03, [
      '疑似职业病结论缺少复查建议，请补充',
    ]);
  if (province)
    await decide(province, await awaiting(province, ['05', '12'], addDays(today, -90)), 0.75, 0.02, [
      '检查项目与接触危害因素不匹配，请核实',
    ]);

  // Half of the returned cards come back corrected (version 2, awaiting the county again).
  const returnedRecords = new Set(
    returned.length
      ? (
          await deps.db
            .selectFrom('exam_card')
            .select('record_id')
            .where('exam_card_id', 'in', returned)
            .execute()
        ).map((r) => r.record_id)
      : [],
  );
  for (const [institutionId, list] of byInstitution) {
    const again = list
      .filter((p) => returnedRecords.has(p.card.recordId) && random() < 0.5)
      .map((p) => ({ ...p, card: { ...p.card, remark: '已按审核意见补充修改' } }));
    if (again.length) await store(institutionId, again);
  }
  // The suspected cases move on as they would: the demo institution tells the employers of its cases
  // older than ten days and refers half of them; the demo county records the outcome of referred cases
  // older than two months. The others stay open, so their clocks run late for the regulators to see.
  const cases = await deps.db
    .selectFrom('suspected_case')
    .select(['suspected_case_id', 'institution_id', 'region_code', 'found_on', 'disease_code'])
    .orderBy('suspected_case_id')
    .execute();
  // (A seed dated after the real date — the tests try future seed dates — records no step: a step may
  // not be dated in the future.)
  const realToday = day(new Date());
  for (const k of cases) {
    if (k.institution_id !== examUser.organisationId || k.found_on > addDays(today, -10)) continue;
    if (addDays(k.found_on, 45) > realToday) continue;
    await recordCaseEvent(deps.db, ctx(examUser), examUser, k.suspected_case_id, {
      event: 'employer_notified',
      date: addDays(k.found_on, 2),
      note: '已电话并书面通知用人单位',
    });
    if (random() < 0.5) continue;
    await recordCaseEvent(deps.db, ctx(examUser), examUser, k.suspected_case_id, {
      event: 'referred',
      date: addDays(k.found_on, 9),
      referredTo: '吉林省职业病诊断中心',
    });
    if (!k.region_code.startsWith(county.regionCode) || k.found_on > addDays(today, -60)) continue;
    const diagnosed = random() < 0.6;
    await recordCaseEvent(deps.db, ctx(county), county, k.suspected_case_id, {
      event: diagnosed ? 'diagnosed' : 'excluded',
      date: addDays(k.found_on, 45),
      diseaseCode: diagnosed ? k.disease_code : null,
      stage: diagnosed && k.disease_code.startsWith('11') ? '壹期' : null,
      note: diagnosed ? '职业病诊断证明书已出具' : '诊断排除职业病',
    });
  }
  return { cards: planned.length + (first >= 0 ? 1 : 0), reviews, skipped };
};
