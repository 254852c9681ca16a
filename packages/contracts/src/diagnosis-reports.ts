/**
 * The occupational-disease diagnosis report (职业病诊断报告, issue 15 items 2 and 7), as a diagnosis
 * institution reports it: after the national exchange specification's DIAGNOSE_OCPD (CDC 2021 试行版
 * 1.0; ../shared/NATIONAL-DATA-SETS.md §2.4), which covers both 职业病报告卡 and 尘肺病报告卡. Each field
 * names its national element. The platform adds the conclusion (diagnosed / excluded — the national
 * table's 0 无职业病), the explicit pneumoconiosis stage (the specification implies it by the latest stage
 * date set) and the suspected case the report resolves.
 *
 * Codes are strings of the national tables: diseases (cdc2021-diseases), pneumoconiosis case types,
 * complications, hazard factors, work types, ID document types, sexes.
 */
import { Type, type Static } from 'typebox';
import { ExamCardEmployer, ExamCardWorker, examCardExample } from './exam-reports.js';
import { ListTotalQuery, Paging, RegionCode } from './schemas.js';

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });
const OptionalText = (maxLength: number, description: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength, description }), Type.Null()]));
const DateText = (description: string) => Type.String({ format: 'date', description });
const OptionalDate = (description: string) => Type.Optional(Type.Union([DateText(description), Type.Null()]));

export const pneumoconiosisStages = ['壹期', '贰期', '叁期'] as const;
export type PneumoconiosisStage = (typeof pneumoconiosisStages)[number];
export const diagnosisConclusions = ['diagnosed', 'excluded'] as const;
export type DiagnosisConclusion = (typeof diagnosisConclusions)[number];

/** The physicians who signed the conclusion (诊断医师, DIAGNOSTIC_PHYSICIAN) and their unit. */
export const DiagnosisPhysician = Type.Object(
  {
    name: Text(50, '诊断医师姓名 DIAGNOSTIC_PHYSICIAN'),
    unit: OptionalText(70, '诊断医师单位 DIAGNOSTIC_PHYSICIAN_UNIT (default: the reporting institution)'),
  },
  { additionalProperties: false },
);

export const DiagnosisReportInput = Type.Object(
  {
    recordId: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[^\\s]+$',
      description: '诊断报告编号 (the record ID attribute): with the institution, the report’s natural key',
    }),
    /** The suspected case it resolves (optional); its worker, employer and disease prefill the report. */
    suspectedCaseId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    /**
     * 劳动者 WORKER_INFO. May be left out when a suspected case referred to the institution is named:
     * the case's worker is taken.
     */
    worker: Type.Optional(Type.Union([ExamCardWorker, Type.Null()])),
    /** 用人单位 ENTERPRISE_INFO. May be left out with a suspected case: the exam card's employer is taken. */
    employer: Type.Optional(Type.Union([ExamCardEmployer, Type.Null()])),
    /** 用工单位 ENTERPRISE_NAME_EMPLOYER / CREDIT_CODE_EMPLOYER (default: the employer). */
    employingUnit: Type.Optional(
      Type.Union([
        Type.Object(
          {
            name: Text(70, '用工单位名称 ENTERPRISE_NAME_EMPLOYER'),
            creditCode: Type.String({
              pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$',
              description: '用工单位统一社会信用代码 CREDIT_CODE_EMPLOYER',
            }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    workTypeCode: Type.String({ pattern: '^\\d{2}-\\d{1,4}$', description: '工种代码 WORK_TYPE_CODE' }),
    workTypeOther: OptionalText(70, '其他工种名称 OTHER_WORK_TYPE'),
    /** 接触的职业病危害因素 FACTOR_CODE, 开始接害日期 HARM_START_DATE, 实际接害工龄 HARM_AGE_YEAR / MONTH. */
    exposure: Type.Object(
      {
        factorCodes: Type.Array(Type.String({ pattern: '^\\d{4}$' }), { minItems: 1, maxItems: 30 }),
        startDate: DateText('开始接害日期 HARM_START_DATE'),
        years: Type.Integer({ minimum: 0, maximum: 70, description: '实际接害工龄-年 HARM_AGE_YEAR' }),
        months: Type.Integer({ minimum: 0, maximum: 11, description: '实际接害工龄-月 HARM_AGE_MONTH' }),
      },
      { additionalProperties: false },
    ),
    applyDate: DateText('诊断登记日期 APPLY_DIAGNOSE_DATE'),
    conclusion: Type.Union([Type.Literal('diagnosed'), Type.Literal('excluded')], {
      description: 'diagnosed: 诊断为职业病; excluded: 诊断排除（不是职业病）',
    }),
    diseaseCode: Type.Optional(
      Type.Union([
        Type.String({
          pattern: '^\\d{1,5}$',
          description: '职业病名称代码 DISEASE_NAME_CODE (cdc2021-diseases; required when diagnosed)',
        }),
        Type.Null(),
      ]),
    ),
    diseaseOther: OptionalText(70, '其他职业病名称 DISEASE_NAME_CODE_OTHER (an open 其他… item)'),
    poisoningTypeCode: Type.Optional(
      Type.Union([Type.Literal('01'), Type.Literal('02'), Type.Null()], {
        description:
          '职业性化学中毒分类 OCCUPATION_POISONING_TYPE_CODE: 01 急性, 02 慢性 (chemical poisonings)',
      }),
    ),
    /** 尘肺病 only: case type, stage and the dates of the stages (晋期). */
    caseTypeCode: Type.Optional(
      Type.Union([
        Type.String({ pattern: '^0[1-5]$', description: '尘肺病病例类型 CASETYPE (01 新病例 … 05 死亡)' }),
        Type.Null(),
      ]),
    ),
    stage: Type.Optional(
      Type.Union([Type.Literal('壹期'), Type.Literal('贰期'), Type.Literal('叁期'), Type.Null()]),
    ),
    stageOneDate: OptionalDate('尘肺一期诊断日期 DIAGNOSE_DATE_STAGE_ONE'),
    stageTwoDate: OptionalDate('尘肺二期诊断日期 DIAGNOSE_DATE_STAGE_TWO'),
    stageThreeDate: OptionalDate('尘肺三期诊断日期 DIAGNOSE_DATE_STAGE_THREE'),
    complicationCodes: Type.Optional(
      Type.Array(Type.String({ pattern: '^0[1-5]$' }), {
        maxItems: 5,
        uniqueItems: true,
        description: '合并症 COMPLICATION_CODE (尘肺病: 01 肺结核 … 05 肺癌)',
      }),
    ),
    deathDate: OptionalDate('死亡日期 DIE_DATE (case type 05)'),
    diagnosisDate: DateText('诊断日期 DIAGNOSE_DATE'),
    physicians: Type.Array(DiagnosisPhysician, { minItems: 1, maxItems: 15 }),
    unitHead: Text(50, '单位负责人 DIAGNOSE_PERSON'),
    reporter: Type.Object(
      {
        name: Text(50, '报告人 REPORT_PERSON'),
        phone: Text(20, '报告人电话 REPORT_PERSON_TEL'),
        date: DateText('报告日期 REPORT_DATE'),
      },
      { additionalProperties: false },
    ),
    remark: OptionalText(500, '备注 REMARK'),
  },
  { additionalProperties: false },
);
export type DiagnosisReportInput = Static<typeof DiagnosisReportInput>;

/** The national element of each field (paths as the validator names them). */
export const diagnosisReportElements: Readonly<Record<string, string>> = Object.freeze({
  recordId: 'DIAGNOSE_OCPD/@ID',
  'worker.name': 'WORKER_INFO/WORKER_NAME',
  'worker.idTypeCode': 'WORKER_INFO/ID_CARD_TYPE_CODE',
  'worker.idNumber': 'WORKER_INFO/ID_CARD',
  'worker.genderCode': 'WORKER_INFO/GENDER_CODE',
  'worker.birthDate': 'WORKER_INFO/BIRTH_DATE',
  'worker.phone': 'WORKER_TELPHONE',
  'employer.name': 'ENTERPRISE_INFO/ENTERPRISE_NAME',
  'employer.creditCode': 'ENTERPRISE_INFO/CREDIT_CODE',
  'employer.industryCode': 'ENTERPRISE_INFO/INDUSTRY_CATEGORY_CODE',
  'employer.regionCode': 'ENTERPRISE_INFO/ADDRESS_CODE',
  'employingUnit.name': 'ENTERPRISE_NAME_EMPLOYER',
  'employingUnit.creditCode': 'CREDIT_CODE_EMPLOYER',
  workTypeCode: 'WORK_TYPE_CODE',
  workTypeOther: 'OTHER_WORK_TYPE',
  'exposure.factorCodes': 'FACTOR_CODE',
  'exposure.startDate': 'HARM_START_DATE',
  'exposure.years': 'HARM_AGE_YEAR',
  'exposure.months': 'HARM_AGE_MONTH',
  applyDate: 'APPLY_DIAGNOSE_DATE',
  diseaseCode: 'DISEASE_NAME_CODE',
  diseaseOther: 'DISEASE_NAME_CODE_OTHER',
  poisoningTypeCode: 'OCCUPATION_POISONING_TYPE_CODE',
  caseTypeCode: 'CASETYPE',
  stageOneDate: 'DIAGNOSE_DATE_STAGE_ONE',
  stageTwoDate: 'DIAGNOSE_DATE_STAGE_TWO',
  stageThreeDate: 'DIAGNOSE_DATE_STAGE_THREE',
  complicationCodes: 'COMPLICATION_CODE',
  deathDate: 'DIE_DATE',
  diagnosisDate: 'DIAGNOSE_DATE',
  physicians: 'DIAGNOSTIC_PHYSICIAN',
  unitHead: 'DIAGNOSE_PERSON',
  'reporter.name': 'REPORT_PERSON',
  'reporter.phone': 'REPORT_PERSON_TEL',
  'reporter.date': 'REPORT_DATE',
  remark: 'REMARK',
});

/** The API example: a 矽肺 (silicosis) 壹期 diagnosed for the example exam card's worker and employer. */
export const diagnosisReportExample: DiagnosisReportInput = {
  recordId: 'ZD2026-000001',
  worker: examCardExample.worker,
  employer: examCardExample.employer,
  employingUnit: {
    name: examCardExample.employingUnit.name,
    creditCode: examCardExample.employingUnit.creditCode,
  },
  workTypeCode: examCardExample.workTypeCode,
  exposure: { factorCodes: ['1038'], startDate: '2012-04-01', years: 14, months: 2 },
  applyDate: '2026-06-25',
  conclusion: 'diagnosed',
  diseaseCode: '1101',
  caseTypeCode: '01',
  stage: '壹期',
  stageOneDate: '2026-07-20',
  complicationCodes: [],
  diagnosisDate: '2026-07-20',
  physicians: [{ name: '王立新' }, { name: '刘晓梅' }, { name: '赵国强' }],
  unitHead: '陈建华',
  reporter: { name: '孙丽', phone: '0431-85550123', date: '2026-07-28' },
};

/** A warning kept with the report: the report is stored, the point is shown (and listed in the answer). */
export const DiagnosisReportNotice = Type.Object({
  path: Type.String(),
  element: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  message: Type.String(),
});
export type DiagnosisReportNotice = Static<typeof DiagnosisReportNotice>;

export const DiagnosisReportResult = Type.Object({
  id: Type.Integer(),
  recordId: Type.String(),
  version: Type.Integer(),
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('updated'), Type.Literal('unchanged')]),
  /** The suspected case resolved (its step recorded), if any. */
  suspectedCaseId: Type.Union([Type.Integer(), Type.Null()]),
  warnings: Type.Array(DiagnosisReportNotice),
});
export type DiagnosisReportResult = Static<typeof DiagnosisReportResult>;

export const DiagnosisReportListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    /** A report number (exact) or part of the employer's name. */
    q: Type.Optional(Type.String({ maxLength: 100 })),
    regionCode: Type.Optional(RegionCode),
    institutionId: Type.Optional(Type.Integer({ minimum: 1 })),
    conclusion: Type.Optional(Type.Union([Type.Literal('diagnosed'), Type.Literal('excluded')])),
    diseaseCode: Type.Optional(Type.String({ pattern: '^\\d{1,5}$' })),
    /** A disease category of the national table (1 尘肺病及其他呼吸系统疾病, 11 尘肺病 …): codes starting with it. */
    diseaseCategory: Type.Optional(Type.String({ pattern: '^\\d{1,2}$' })),
    stage: Type.Optional(Type.Union([Type.Literal('壹期'), Type.Literal('贰期'), Type.Literal('叁期')])),
    from: Type.Optional(Type.String({ format: 'date', description: 'diagnosis date from (inclusive)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'diagnosis date to (inclusive)' })),
    suspectedCaseId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type DiagnosisReportListQuery = Static<typeof DiagnosisReportListQuery>;

export const DiagnosisReportSummary = Type.Object({
  id: Type.Integer(),
  recordId: Type.String(),
  version: Type.Integer(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  workerName: Type.String({ description: 'masked (张*明)' }),
  workerIdNumber: Type.String({ description: 'masked' }),
  genderCode: Type.String(),
  employerName: Type.String(),
  employerCreditCode: Type.String(),
  regionCode: Type.String(),
  conclusion: Type.String(),
  diseaseCode: Type.Union([Type.String(), Type.Null()]),
  diseaseEdition: Type.Union([Type.String(), Type.Null()]),
  stage: Type.Union([Type.String(), Type.Null()]),
  caseTypeCode: Type.Union([Type.String(), Type.Null()]),
  diagnosisDate: Type.String(),
  reportDate: Type.String(),
  /** The day the report was due (diagnosis date + the rule's days) and how late it came (0 = on time). */
  dueOn: Type.Union([Type.String(), Type.Null()]),
  lateDays: Type.Integer(),
  suspectedCaseId: Type.Union([Type.Integer(), Type.Null()]),
  matchesSuspected: Type.Union([Type.Boolean(), Type.Null()]),
  source: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  abilities: Type.Object({ update: Type.Boolean() }),
});
export type DiagnosisReportSummary = Static<typeof DiagnosisReportSummary>;

export const DiagnosisReportDetail = Type.Object({
  ...DiagnosisReportSummary.properties,
  /** The report as received, the worker's personal fields masked. */
  report: Type.Unknown(),
  physicians: Type.Array(Type.String()),
  complicationCodes: Type.Array(Type.String()),
  factorCodes: Type.Array(Type.String()),
  stageOneDate: Type.Union([Type.String(), Type.Null()]),
  stageTwoDate: Type.Union([Type.String(), Type.Null()]),
  stageThreeDate: Type.Union([Type.String(), Type.Null()]),
  versions: Type.Array(
    Type.Object({ version: Type.Integer(), replacedAt: Type.String({ format: 'date-time' }) }),
  ),
  /** The suspected case it resolved and the exam card that raised it. */
  suspectedCase: Type.Union([
    Type.Object({
      id: Type.Integer(),
      status: Type.String(),
      diseaseCode: Type.String(),
      foundOn: Type.String(),
      outcomeOn: Type.Union([Type.String(), Type.Null()]),
      examCardId: Type.Integer(),
      examRecordId: Type.String(),
      examDate: Type.String(),
      examInstitutionName: Type.String(),
    }),
    Type.Null(),
  ]),
  warnings: Type.Array(DiagnosisReportNotice),
});
export type DiagnosisReportDetail = Static<typeof DiagnosisReportDetail>;

/**
 * A suspected case referred to the caller's institution, not yet resolved, with what prefills a report:
 * the employer and exposure of the exam card that raised it (the worker masked; the report may leave the
 * worker out and the case's is taken).
 */
export const DiagnosisReferral = Type.Object({
  suspectedCaseId: Type.Integer(),
  status: Type.String(),
  foundOn: Type.String(),
  referredOn: Type.Union([Type.String(), Type.Null()]),
  diseaseCode: Type.String(),
  workerName: Type.String({ description: 'masked' }),
  workerIdNumber: Type.String({ description: 'masked' }),
  genderCode: Type.String(),
  birthDate: Type.String(),
  examCardId: Type.Integer(),
  examRecordId: Type.String(),
  examDate: Type.String(),
  examInstitutionName: Type.String(),
  employer: Type.Unknown({ description: 'ExamCardEmployer of the exam card' }),
  employingUnit: Type.Unknown({ description: '{ name, creditCode } of the exam card' }),
  workTypeCode: Type.String(),
  exposure: Type.Object({
    factorCodes: Type.Array(Type.String()),
    startDate: Type.Union([Type.String(), Type.Null()]),
    years: Type.Union([Type.Integer(), Type.Null()]),
    months: Type.Union([Type.Integer(), Type.Null()]),
  }),
});
export type DiagnosisReferral = Static<typeof DiagnosisReferral>;
