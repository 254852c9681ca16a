/**
 * 现场核查 (issue 16 item 3, R45): a newly filed exam or diagnosis institution is verified on site within 3
 * months of its filing, by the provincial QC centre against a checklist (核查表: sections, items, key
 * items); each filed hazard factor is found capable or not. Completing it passes or fails the institution
 * (a key item 不符合 fails it) and turns the factors found not capable into 不具备能力的服务项目, which the
 * exam-card doors refuse (institution_capability 'blocked').
 */
import { Type, type Static } from 'typebox';
import { ListTotalQuery, Paging, RegionCode } from './schemas.js';

/** A closed set of strings, typed as its union. */
const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const verificationStatuses = ['pending', 'scheduled', 'completed'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];
export const verificationResults = ['passed', 'failed'] as const;
export type VerificationResult = (typeof verificationResults)[number];
/** 符合 / 不符合 / 不适用. */
export const verificationItemResults = ['conform', 'nonconform', 'not_applicable'] as const;
export type VerificationItemResult = (typeof verificationItemResults)[number];

export const verificationItemResultLabels: Record<VerificationItemResult, { zh: string; en: string }> = {
  conform: { zh: '符合', en: 'Conforms' },
  nonconform: { zh: '不符合', en: 'Does not conform' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
};

export const VerificationListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    status: Type.Optional(lit(verificationStatuses)),
    result: Type.Optional(lit(verificationResults)),
    /** Not completed and past the due date. */
    overdue: Type.Optional(Type.Boolean()),
    regionCode: Type.Optional(RegionCode),
    q: Type.Optional(Type.String({ maxLength: 100, description: '机构名称或备案编号' })),
  },
  { additionalProperties: false },
);
export type VerificationListQuery = Static<typeof VerificationListQuery>;

export const VerificationAbilities = Type.Object({
  schedule: Type.Boolean(),
  record: Type.Boolean(),
  complete: Type.Boolean(),
});
export type VerificationAbilities = Static<typeof VerificationAbilities>;

export const VerificationSummary = Type.Object({
  id: Type.Integer(),
  filingId: Type.Integer(),
  filingNo: Nullable(Type.String()),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  filingKind: Type.String(),
  regionCode: Type.String(),
  status: lit(verificationStatuses),
  result: Type.Union([lit(verificationResults), Type.Null()]),
  filedOn: Type.String(),
  dueOn: Type.String(),
  overdueDays: Type.Integer(),
  scheduledOn: Nullable(Type.String()),
  assessors: Type.Array(Type.String()),
  completedOn: Nullable(Type.String()),
  responsibleOrganisationName: Nullable(Type.String()),
  /** Hazard factors found not capable (blocked once completed). */
  failedFactors: Type.Integer(),
  abilities: VerificationAbilities,
});
export type VerificationSummary = Static<typeof VerificationSummary>;

export const VerificationChecklistItem = Type.Object({
  itemId: Type.Integer(),
  code: Type.String(),
  sectionCode: Type.String(),
  section: Type.String(),
  text: Type.String(),
  keyItem: Type.Boolean(),
  basis: Type.String(),
  result: Type.Union([lit(verificationItemResults), Type.Null()]),
  note: Nullable(Type.String()),
  recordedAt: Nullable(Type.String()),
  evidence: Type.Array(
    Type.Object({
      id: Type.Integer(),
      fileName: Type.String(),
      mediaType: Type.String(),
      sizeBytes: Type.Integer(),
      uploadedAt: Type.String(),
    }),
  ),
});
export type VerificationChecklistItem = Static<typeof VerificationChecklistItem>;

export const VerificationFactor = Type.Object({
  hazardCode: Type.String(),
  hazardName: Type.String(),
  category: Type.String(),
  capable: Type.Union([Type.Boolean(), Type.Null()]),
  note: Nullable(Type.String()),
  /** The institution_capability row now (blocked once a failed factor is completed). */
  capabilityStatus: Type.Union([Type.Literal('filed'), Type.Literal('blocked'), Type.Null()]),
});
export type VerificationFactor = Static<typeof VerificationFactor>;

export const VerificationDetail = Type.Object({
  ...VerificationSummary.properties,
  conclusion: Nullable(Type.String()),
  template: Type.Object({
    code: Type.String(),
    version: Type.Integer(),
    name: Type.String(),
    source: Type.String(),
    /** 'uncertain': a provisional checklist (the QC centre's form not in the sources). */
    confidence: Type.String(),
    note: Nullable(Type.String()),
  }),
  items: Type.Array(VerificationChecklistItem),
  factors: Type.Array(VerificationFactor),
  clock: Type.Union([
    Type.Object({
      startsOn: Type.String(),
      dueOn: Type.String(),
      done: Type.Boolean(),
      overdueDays: Type.Integer(),
      legalBasis: Type.String(),
      confidence: Type.String(),
    }),
    Type.Null(),
  ]),
  /** What completing would decide now (failed key items, factors not capable, what is missing). */
  preview: Type.Object({
    missingItems: Type.Array(Type.String()),
    missingFactors: Type.Array(Type.String()),
    failedKeyItems: Type.Array(Type.String()),
    failedFactors: Type.Array(Type.String()),
    result: Type.Union([lit(verificationResults), Type.Null()]),
  }),
});
export type VerificationDetail = Static<typeof VerificationDetail>;

export const VerificationScheduleInput = Type.Object(
  {
    scheduledOn: Type.String({ format: 'date', description: '核查日期' }),
    assessors: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
      minItems: 1,
      maxItems: 10,
      description: '核查人员（姓名）',
    }),
  },
  { additionalProperties: false },
);
export type VerificationScheduleInput = Static<typeof VerificationScheduleInput>;

export const VerificationResultsInput = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 20, description: '核查项目编号（如 P1）' }),
          result: lit(verificationItemResults, 'conform 符合 / nonconform 不符合 / not_applicable 不适用'),
          note: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: '核查说明' }))),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    factors: Type.Optional(
      Type.Array(
        Type.Object(
          {
            hazardCode: Type.String({ pattern: '^\\d{4}$', description: '备案的危害因素代码' }),
            capable: Type.Boolean({ description: '是否具备该项目的检查能力' }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          },
          { additionalProperties: false },
        ),
        { maxItems: 600 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type VerificationResultsInput = Static<typeof VerificationResultsInput>;

export const VerificationCompleteInput = Type.Object(
  {
    conclusion: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '核查结论意见' }))),
  },
  { additionalProperties: false },
);
export type VerificationCompleteInput = Static<typeof VerificationCompleteInput>;

export const verificationResultsExample: VerificationResultsInput = {
  items: [
    { code: 'P1', result: 'conform', note: '主检医师 2 名在岗，证书与备案一致' },
    { code: 'E2', result: 'nonconform', note: '肺功能仪校准证书已过期' },
  ],
  factors: [{ hazardCode: '1038', capable: true, note: null }],
};

export const VerificationEvidenceQuery = Type.Object(
  { item: Type.String({ pattern: '^[A-Z][A-Z0-9]{0,9}$', description: '核查项目编号（如 E2）' }) },
  { additionalProperties: false },
);
export type VerificationEvidenceQuery = Static<typeof VerificationEvidenceQuery>;
export const VerificationEvidenceParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
  evidenceId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
});
