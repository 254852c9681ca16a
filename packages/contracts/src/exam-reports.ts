/**
 * The health-exam case card (职业健康检查个案卡, issue 15), as the platform takes it from every door (the
 * JSON batch, the web upload, the CLI, and the national XML once mapped). It follows the national
 * exchange specification's HEALTH_EXAM_RECORD (CDC 2021 试行版 1.0, §2.2 of ../shared/NATIONAL-DATA-SETS.md)
 * element by element; `examCardElements` names the national element of every field, so a refusal can
 * name both. Fields the national card lacks but institutions keep (体检编号, 主检医师, 总工龄) are
 * optional extensions, marked as such.
 *
 * Codes are strings of the national tables (catalogues `cdc2021-*`): exam type, monitoring type,
 * conclusion, hazard factor, work type, health indicator, disease, sex, ID document type, enterprise size,
 * abnormal flag / chest-film result.
 */
import { Type, type Static } from 'typebox';
import { ListTotalQuery, Paging, RegionCode } from './schemas.js';

const Code = (pattern: string, description: string) => Type.String({ pattern, description });
const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });
const OptionalText = (maxLength: number, description: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength, description }), Type.Null()]));
const DateText = (description: string) => Type.String({ format: 'date', description });

/** 用人单位 / 用工单位: the enterprise blocks of the card. */
export const ExamCardEnterprise = Type.Object(
  {
    name: Text(70, '单位名称 ENTERPRISE_NAME'),
    creditCode: Code('^[0-9A-HJ-NPQRTUWXY]{18}$', '统一社会信用代码 CREDIT_CODE (GB 32100)'),
    economicTypeCode: Type.Optional(
      Type.Union([Code('^\\d{2,3}$', '企业类型代码 ECONOMIC_TYPE_CODE (GB/T 12402-2000)'), Type.Null()]),
    ),
    industryCode: Code('^\\d{1,4}$', '行业类别代码 INDUSTRY_CATEGORY_CODE (GB/T 4754-2017, digits)'),
    scaleCode: Type.Optional(Type.Union([Code('^\\d{2}$', '企业规模代码 BUSINESS_SCALE_CODE'), Type.Null()])),
    regionCode: Code('^(\\d{6}|\\d{9})$', '所属地区代码 ADDRESS_CODE (9 digits; 6 accepted)'),
  },
  { additionalProperties: false },
);

export const ExamCardEmployer = Type.Object(
  {
    ...ExamCardEnterprise.properties,
    address: Text(70, '详细地址 ADDRESS_DETAIL'),
    zipCode: Type.Optional(Type.Union([Code('^\\d{6}$', '邮编 ADDRESS_ZIP_CODE'), Type.Null()])),
    contact: Text(50, '联系人 ENTERPRISE_CONTACT'),
    phone: Text(20, '联系电话 CONTACT_TELPHONE'),
  },
  { additionalProperties: false },
);

export const ExamCardWorker = Type.Object(
  {
    name: Text(50, '姓名 WORKER_NAME'),
    idTypeCode: Code('^\\d{2}$', '证件类型 ID_CARD_TYPE_CODE (CV02.01.101)'),
    idNumber: Text(18, '证件号码 ID_CARD'),
    genderCode: Code('^[0129]$', '性别 GENDER_CODE (GB/T 2261.1)'),
    birthDate: DateText('出生日期 BIRTH_DATE'),
    phone: Text(20, '联系电话 WORKER_TELPHONE'),
  },
  { additionalProperties: false },
);

/** One conclusion per hazard factor; all dusts of a card share one conclusion (the national rule). */
export const ExamCardConclusion = Type.Object(
  {
    factorCodes: Type.Array(Code('^\\d{4}$', '危害因素代码 ITAM_CODE'), { minItems: 1, maxItems: 30 }),
    factorOther: OptionalText(20, '其他危害因素名称 (when a 其他 code is chosen)'),
    conclusionCode: Code('^0[1-5]$', '体检结论代码 EXAM_CONCLUSION_CODE'),
    suspectedDiseaseCode: Type.Optional(
      Type.Union([Code('^\\d{1,5}$', '疑似职业病代码 YSZYB_CODE'), Type.Null()]),
    ),
    contraindication: OptionalText(500, '职业禁忌证名称 ZYJJZ_NAME'),
    otherAbnormality: OptionalText(500, '其他疾病或异常描述 QTJB_NAME'),
    harmStartDate: Type.Optional(Type.Union([DateText('开始接害日期 HARM_START_DATE'), Type.Null()])),
    harmYears: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 70 }), Type.Null()])),
    harmMonths: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 11 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ExamCardItem = Type.Object(
  {
    parentName: Text(50, '项目父级名称 EXAM_ITEM_PNAME'),
    name: Text(50, '项目名称 EXAM_ITEM_NAME'),
    code: Code('^\\d{7}$', '检查项目代码 EXAM_ITEM_CODE (健康指标)'),
    resultType: Code('^0[1-3]$', '结果类型 EXAM_RESULT_TYPE: 01 数值型, 02 字符型, 03 枚举型'),
    result: Text(500, '检查结果 EXAM_RESULT'),
    unit: OptionalText(50, '计量单位 EXAM_ITEM_UNIT_CODE (numeric results)'),
    referenceMin: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    referenceMax: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    abnormal: Code('^[0-3]$', '是否异常 ABNORMAL: 0 正常, 1 异常, 3 未检查 (chest film: 0–3 胸片检查结果)'),
  },
  { additionalProperties: false },
);

const Person = (what: string) =>
  Type.Object(
    {
      name: Text(50, `${what}`),
      phone: Text(20, `${what}电话`),
      date: DateText(`${what}日期`),
    },
    { additionalProperties: false },
  );

export const ExamCardInput = Type.Object(
  {
    recordId: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[^\\s]+$',
      description: '数据唯一标识 (the record ID attribute): with the institution, the card’s natural key',
    }),
    examNo: OptionalText(64, '体检编号 (extension: the institution’s own number)'),
    employer: ExamCardEmployer,
    employingUnit: ExamCardEnterprise,
    worker: ExamCardWorker,
    monitoringTypeCode: Code('^0[1-3]$', '监测类型代码 JC_TYPE'),
    examTypeCode: Code('^0[1-5]$', '体检类型代码 EXAM_TYPE_CODE'),
    examDate: DateText('体检日期 EXAM_DATE'),
    contactFactorCodes: Type.Array(Code('^\\d{4}$', '接触的职业病危害因素代码 CONTACT_FACTOR_CODE'), {
      minItems: 1,
      maxItems: 30,
    }),
    contactFactorOther: OptionalText(20, '接触的其他危害因素 CONTACT_FACTOR_OTHER'),
    workTypeCode: Code('^\\d{2}-\\d{1,4}$', '工种代码 WORK_TYPE_CODE (00-3 … 99-9999)'),
    workTypeOther: OptionalText(20, '其他工种名称 OTHER_WORK_TYPE'),
    isReexam: Type.Optional(Type.Boolean({ description: '是否复查 IS_REVIEW' })),
    reexamOf: OptionalText(64, 'the recordId of the exam this one repeats (extension)'),
    conclusions: Type.Array(ExamCardConclusion, { minItems: 1, maxItems: 30 }),
    items: Type.Array(ExamCardItem, { minItems: 1, maxItems: 500 }),
    chiefPhysician: OptionalText(50, '主检医师 (extension)'),
    serviceYears: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 70 }), Type.Null()])),
    serviceMonths: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 11 }), Type.Null()])),
    writer: Person('填表人 WRITE_PERSON; date = 报告出具日期 WRITE_DATE'),
    reporter: Type.Object(
      {
        ...Person('报告人 REPORT_PERSON; date = 报告日期 REPORT_DATE').properties,
        unit: Text(70, '报告单位 REPORT_UNIT'),
      },
      { additionalProperties: false },
    ),
    remark: OptionalText(500, '备注 REMARK'),
  },
  { additionalProperties: false },
);
export type ExamCardInput = Static<typeof ExamCardInput>;
export type ExamCardEnterprise = Static<typeof ExamCardEnterprise>;
export type ExamCardConclusion = Static<typeof ExamCardConclusion>;
export type ExamCardItem = Static<typeof ExamCardItem>;

/** The national element of each field of ExamCardInput (paths as the validator names them). */
export const examCardElements: Readonly<Record<string, string>> = Object.freeze({
  recordId: 'HEALTH_EXAM_RECORD/@ID',
  'employer.name': 'ENTERPRISE_INFO/ENTERPRISE_NAME',
  'employer.creditCode': 'ENTERPRISE_INFO/CREDIT_CODE',
  'employer.economicTypeCode': 'ENTERPRISE_INFO/ECONOMIC_TYPE_CODE',
  'employer.industryCode': 'ENTERPRISE_INFO/INDUSTRY_CATEGORY_CODE',
  'employer.scaleCode': 'ENTERPRISE_INFO/BUSINESS_SCALE_CODE',
  'employer.regionCode': 'ENTERPRISE_INFO/ADDRESS_CODE',
  'employer.address': 'ENTERPRISE_INFO/ADDRESS_DETAIL',
  'employer.zipCode': 'ENTERPRISE_INFO/ADDRESS_ZIP_CODE',
  'employer.contact': 'ENTERPRISE_INFO/ENTERPRISE_CONTACT',
  'employer.phone': 'ENTERPRISE_INFO/CONTACT_TELPHONE',
  'employingUnit.name': 'ENTERPRISE_INFO_EMPLOYER/ENTERPRISE_NAME_EMPLOYER',
  'employingUnit.creditCode': 'ENTERPRISE_INFO_EMPLOYER/CREDIT_CODE_EMPLOYER',
  'employingUnit.economicTypeCode': 'ENTERPRISE_INFO_EMPLOYER/ECONOMIC_TYPE_CODE_EMPLOYER',
  'employingUnit.industryCode': 'ENTERPRISE_INFO_EMPLOYER/INDUSTRY_CATEGORY_CODE_EMPLOYER',
  'employingUnit.scaleCode': 'ENTERPRISE_INFO_EMPLOYER/BUSINESS_SCALE_CODE_EMPLOYER',
  'employingUnit.regionCode': 'ENTERPRISE_INFO_EMPLOYER/ADDRESS_CODE_EMPLOYER',
  'worker.name': 'WORKER_INFO/WORKER_NAME',
  'worker.idTypeCode': 'WORKER_INFO/ID_CARD_TYPE_CODE',
  'worker.idNumber': 'WORKER_INFO/ID_CARD',
  'worker.genderCode': 'WORKER_INFO/GENDER_CODE',
  'worker.birthDate': 'WORKER_INFO/BIRTH_DATE',
  'worker.phone': 'WORKER_INFO/WORKER_TELPHONE',
  monitoringTypeCode: 'JC_TYPE',
  examTypeCode: 'EXAM_TYPE_CODE',
  examDate: 'EXAM_DATE',
  contactFactorCodes: 'CONTACT_FACTOR_CODE',
  contactFactorOther: 'CONTACT_FACTOR_OTHER',
  workTypeCode: 'WORK_TYPE_CODE',
  workTypeOther: 'OTHER_WORK_TYPE',
  isReexam: 'IS_REVIEW',
  'conclusions.factorCodes': 'EXAM_CONCLUSION/ITAM_CODE',
  'conclusions.factorOther': 'FACTOR_OTHER',
  'conclusions.conclusionCode': 'EXAM_CONCLUSION/EXAM_CONCLUSION_CODE',
  'conclusions.suspectedDiseaseCode': 'EXAM_CONCLUSION/YSZYB_CODE',
  'conclusions.contraindication': 'EXAM_CONCLUSION/ZYJJZ_NAME',
  'conclusions.otherAbnormality': 'EXAM_CONCLUSION/QTJB_NAME',
  'conclusions.harmStartDate': 'EXAM_CONCLUSION/HARM_START_DATE',
  'conclusions.harmYears': 'EXAM_CONCLUSION/HARM_AGE_YEAR',
  'conclusions.harmMonths': 'EXAM_CONCLUSION/HARM_AGE_MONTH',
  'items.parentName': 'EXAM_ITEM_RESULT/EXAM_ITEM_PNAME',
  'items.name': 'EXAM_ITEM_RESULT/EXAM_ITEM_NAME',
  'items.code': 'EXAM_ITEM_RESULT/EXAM_ITEM_CODE',
  'items.resultType': 'EXAM_ITEM_RESULT/EXAM_RESULT_TYPE',
  'items.result': 'EXAM_ITEM_RESULT/EXAM_RESULT',
  'items.unit': 'EXAM_ITEM_RESULT/EXAM_ITEM_UNIT_CODE',
  'items.referenceMin': 'EXAM_ITEM_RESULT/REFERENCE_RANGE_MIN',
  'items.referenceMax': 'EXAM_ITEM_RESULT/REFERENCE_RANGE_MAX',
  'items.abnormal': 'EXAM_ITEM_RESULT/ABNORMAL',
  'writer.name': 'WRITE_PERSON',
  'writer.phone': 'WRITE_PERSON_TELPHONE',
  'writer.date': 'WRITE_DATE',
  'reporter.name': 'REPORT_PERSON',
  'reporter.phone': 'REPORT_PERSON_TEL',
  'reporter.date': 'REPORT_DATE',
  'reporter.unit': 'REPORT_UNIT',
  remark: 'REMARK',
});

/**
 * A complete, valid card (a periodic exam of a grinder exposed to silica dust and noise, suspected
 * silicosis): the OpenAPI example and the base of the tests' card factory. The ID number and credit
 * codes carry correct check characters.
 */
export const examCardExample: ExamCardInput = {
  recordId: 'TJ2026-000123',
  examNo: '2026-0123',
  employer: {
    name: '长春示例矿业有限公司',
    creditCode: '912201020000123430',
    economicTypeCode: '159',
    industryCode: '1019',
    scaleCode: '03',
    regionCode: '220102',
    address: '长春市南关区示例路 1 号',
    zipCode: '130022',
    contact: '王经理',
    phone: '0431-88881234',
  },
  employingUnit: {
    name: '长春示例矿业有限公司',
    creditCode: '912201020000123430',
    economicTypeCode: '159',
    industryCode: '1019',
    scaleCode: '03',
    regionCode: '220102',
  },
  worker: {
    name: '李建国',
    idTypeCode: '01',
    idNumber: '220102198503151237',
    genderCode: '1',
    birthDate: '1985-03-15',
    phone: '13800001234',
  },
  monitoringTypeCode: '01',
  examTypeCode: '02',
  examDate: '2026-06-10',
  contactFactorCodes: ['1038', '3008'],
  workTypeCode: '00-13',
  isReexam: false,
  conclusions: [
    {
      factorCodes: ['1038'],
      conclusionCode: '03',
      suspectedDiseaseCode: '1101',
      harmStartDate: '2012-04-01',
      harmYears: 14,
      harmMonths: 2,
    },
    {
      factorCodes: ['3008'],
      conclusionCode: '01',
      harmStartDate: '2012-04-01',
      harmYears: 14,
      harmMonths: 2,
    },
  ],
  items: [
    {
      parentName: '胸部影像学检查',
      name: '数字化摄影胸片（DR 胸片）',
      code: '3080200',
      resultType: '02',
      result: '双肺可见小阴影，请结合诊断',
      abnormal: '1',
    },
    {
      parentName: '肺功能',
      name: '用力肺活量 FVC（%）',
      code: '3020100',
      resultType: '01',
      result: '78',
      unit: '%',
      referenceMin: 80,
      referenceMax: 120,
      abnormal: '1',
    },
  ],
  chiefPhysician: '赵医生',
  serviceYears: 16,
  serviceMonths: 0,
  writer: { name: '张护士', phone: '0431-85550001', date: '2026-06-17' },
  reporter: { name: '孙主任', phone: '0431-85550002', date: '2026-06-18', unit: '长春市职业病防治院' },
};

// ---------- reading and reviewing stored cards (items 5 and 8) ----------

/**
 * The national audit states (审核状态, CDC 2021 code table) the level-by-level review (逐级审核) moves a
 * card through: it arrives at 02 (区县待审核); the county approves (03) or returns it (04); the city then
 * approves (05) or returns (06); the province approves (07, the only state exported to the national
 * system) or returns (08). A returned card goes back to its institution, which corrects and resends it:
 * a changed card starts again at 02. 11 and 12 (市级/省级待审核) are accepted by the city and province
 * queues for cards that arrive without a county review.
 */
export const examCardAuditStatuses = ['02', '03', '04', '05', '06', '07', '08', '11', '12'] as const;
export type ExamCardAuditStatus = (typeof examCardAuditStatuses)[number];

export type ReviewLevel = 'county' | 'city' | 'province';
/** What each level reviews, and where its approval and its return send the card. */
export const reviewSteps: Record<
  ReviewLevel,
  { awaiting: readonly string[]; approved: string; returned: string }
> = {
  county: { awaiting: ['02'], approved: '03', returned: '04' },
  city: { awaiting: ['03', '11'], approved: '05', returned: '06' },
  province: { awaiting: ['05', '12'], approved: '07', returned: '08' },
};
/** Statuses of cards returned to their institution. */
export const returnedStatuses: readonly string[] = ['04', '06', '08'];

export const ExamCardListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    /**
     * A record ID or exam number (exact), part of the employer's name, or a worker's ID number (matched
     * through its keyed hash). Workers' names are encrypted and cannot be searched.
     */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    regionCode: Type.Optional(RegionCode),
    institutionId: Type.Optional(Type.Integer({ minimum: 1 })),
    employerCreditCode: Type.Optional(Type.String({ maxLength: 18 })),
    from: Type.Optional(Type.String({ format: 'date', description: 'exam date from (inclusive)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'exam date to (inclusive)' })),
    auditStatus: Type.Optional(
      Type.Unsafe<ExamCardAuditStatus>(Type.Union(examCardAuditStatuses.map((c) => Type.Literal(c)))),
    ),
    conclusionCode: Type.Optional(Type.String({ pattern: '^0[1-5]$' })),
    factorCode: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
    examTypeCode: Type.Optional(Type.String({ pattern: '^0[1-5]$' })),
    /**
     * awaiting: the cards awaiting the caller's review level; returned: the cards returned to institutions.
     * With auditStatus too, only the statuses both allow.
     */
    queue: Type.Optional(Type.Union([Type.Literal('awaiting'), Type.Literal('returned')])),
  },
  { additionalProperties: false },
);
export type ExamCardListQuery = Static<typeof ExamCardListQuery>;

export const ExamCardSummary = Type.Object({
  id: Type.Integer(),
  recordId: Type.String(),
  examNo: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  auditStatus: Type.String(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  workerName: Type.String({ description: 'masked (张*明)' }),
  workerIdNumber: Type.String({ description: 'masked' }),
  genderCode: Type.String(),
  employerName: Type.String(),
  employerCreditCode: Type.String(),
  regionCode: Type.String(),
  examDate: Type.String(),
  examTypeCode: Type.String(),
  contactFactorCodes: Type.Array(Type.String()),
  /** The card's conclusion codes, most serious first (03 疑似职业病, 04 禁忌证, 05, 02, 01). */
  conclusionCodes: Type.Array(Type.String()),
  hasSuspected: Type.Boolean(),
  hasContraindication: Type.Boolean(),
  reportDate: Type.String(),
  source: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  abilities: Type.Object({ review: Type.Boolean() }),
});
export type ExamCardSummary = Static<typeof ExamCardSummary>;

export const ExamCardReviewEntry = Type.Object({
  level: Type.Union([Type.Literal('county'), Type.Literal('city'), Type.Literal('province')]),
  decision: Type.Union([Type.Literal('approved'), Type.Literal('returned')]),
  opinion: Type.Union([Type.String(), Type.Null()]),
  cardVersion: Type.Integer(),
  reviewerName: Type.String(),
  organisationName: Type.String(),
  reviewedAt: Type.String({ format: 'date-time' }),
});
export type ExamCardReviewEntry = Static<typeof ExamCardReviewEntry>;

export const ExamCardDetail = Type.Object({
  ...ExamCardSummary.properties,
  /** The card as received, the worker's personal fields masked (name, ID number, phone). */
  card: Type.Unknown(),
  reviews: Type.Array(ExamCardReviewEntry),
  /** The exam this one repeats, when the institution named it. */
  reexamOf: Type.Union([Type.Object({ id: Type.Integer(), recordId: Type.String() }), Type.Null()]),
  versions: Type.Array(
    Type.Object({ version: Type.Integer(), replacedAt: Type.String({ format: 'date-time' }) }),
  ),
});
export type ExamCardDetail = Static<typeof ExamCardDetail>;

export const ExamCardReviewInput = Type.Object(
  {
    cardIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500, uniqueItems: true }),
    decision: Type.Union([Type.Literal('approved'), Type.Literal('returned')]),
    /** Required when returning (the institution reads it); optional on approval. */
    opinion: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ExamCardReviewInput = Static<typeof ExamCardReviewInput>;

export const ExamCardReviewResult = Type.Object({
  reviewed: Type.Integer(),
  level: Type.Union([Type.Literal('county'), Type.Literal('city'), Type.Literal('province')]),
  auditStatus: Type.String({ description: 'the status the cards now have' }),
});
export type ExamCardReviewResult = Static<typeof ExamCardReviewResult>;

/** The province-approved cards (07) of a period, as the national exchange XML (≤ 10,000 a file). */
export const ExamCardExportQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'exam date from (inclusive)' }),
    to: Type.String({ format: 'date', description: 'exam date to (inclusive)' }),
    regionCode: Type.Optional(RegionCode),
    institutionId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ExamCardExportQuery = Static<typeof ExamCardExportQuery>;

// ---------- the suspected-case chain (item 7) ----------

export const suspectedCaseStatuses = [
  'open',
  'employer_notified',
  'referred',
  'diagnosed',
  'excluded',
  'withdrawn',
] as const;
export type SuspectedCaseStatus = (typeof suspectedCaseStatuses)[number];

export const SuspectedCaseListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    status: Type.Optional(
      Type.Unsafe<SuspectedCaseStatus>(Type.Union(suspectedCaseStatuses.map((s) => Type.Literal(s)))),
    ),
    regionCode: Type.Optional(RegionCode),
    /** Found (发现日期) from / to, inclusive. */
    from: Type.Optional(Type.String({ format: 'date', description: 'found from (inclusive)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'found to (inclusive)' })),
    /** Only cases with a clock past its due date. */
    overdue: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SuspectedCaseListQuery = Static<typeof SuspectedCaseListQuery>;

export const DeadlineView = Type.Object({
  kind: Type.String(),
  name: Type.String(),
  startsOn: Type.String(),
  dueOn: Type.String(),
  done: Type.Boolean(),
  overdueDays: Type.Integer(),
  /** verified / reported / uncertain (a placeholder the province should set: docs/STANDARDS.md). */
  confidence: Type.String(),
  legalBasis: Type.String(),
});
export type DeadlineView = Static<typeof DeadlineView>;

export const SuspectedCase = Type.Object({
  id: Type.Integer(),
  examCardId: Type.Integer(),
  recordId: Type.String(),
  examDate: Type.String(),
  workerName: Type.String({ description: 'masked' }),
  workerIdNumber: Type.String({ description: 'masked' }),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  employerName: Type.String(),
  regionCode: Type.String(),
  diseaseCode: Type.String(),
  foundOn: Type.String(),
  status: Type.String(),
  employerNotifiedOn: Type.Union([Type.String(), Type.Null()]),
  referredOn: Type.Union([Type.String(), Type.Null()]),
  referredTo: Type.Union([Type.String(), Type.Null()]),
  outcomeOn: Type.Union([Type.String(), Type.Null()]),
  diagnosedDiseaseCode: Type.Union([Type.String(), Type.Null()]),
  stage: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  clocks: Type.Array(DeadlineView),
  /** The steps the caller may record now. */
  abilities: Type.Object({ events: Type.Array(Type.String()) }),
});
export type SuspectedCase = Static<typeof SuspectedCase>;

export const suspectedCaseEvents = ['employer_notified', 'referred', 'diagnosed', 'excluded'] as const;
export type SuspectedCaseEvent = (typeof suspectedCaseEvents)[number];

export const SuspectedCaseEventInput = Type.Object(
  {
    event: Type.Union([
      Type.Literal('employer_notified'),
      Type.Literal('referred'),
      Type.Literal('diagnosed'),
      Type.Literal('excluded'),
    ]),
    /** When it happened (default today); not before the case was found, not in the future. */
    date: Type.Optional(Type.String({ format: 'date' })),
    /** referred: the diagnosis institution. */
    referredTo: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    /** diagnosed: the disease of the national table (cdc2021-diseases) and, for a pneumoconiosis, the stage. */
    diseaseCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{1,5}$' }), Type.Null()])),
    stage: Type.Optional(
      Type.Union([Type.Literal('壹期'), Type.Literal('贰期'), Type.Literal('叁期'), Type.Null()]),
    ),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type SuspectedCaseEventInput = Static<typeof SuspectedCaseEventInput>;
