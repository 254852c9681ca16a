/**
 * 个案卡抽查 (card sampling, issue 15 item 8): a regulator or the provincial QC centre draws N cards per
 * exam institution at random with a recorded seed, then records for each drawn card whether the online
 * card matches the paper report — and if not, which fields differ. The draw is reproducible: the same
 * seed, parameters and candidate cards give the same cards (method `sha256-v1`, see `sampleMethod`).
 */
import { Type, type Static } from 'typebox';
import { Paging } from './schemas.js';

/** How a draw orders the candidates; stored with every sample. */
export const sampleMethod = {
  id: 'sha256-v1',
  zh: '每张候选个案卡的抽样键 = SHA-256（UTF-8 文本“种子|机构标识|记录编号”）的十六进制值；机构标识为统一社会信用代码（无则为 org:机构内部编号）。每个机构的候选卡按抽样键升序排列（相同时按“机构标识|记录编号”的字节序），取前 N 张。同一种子、同一参数、同一候选卡集合必得同一结果，与数据库及入库顺序无关。',
  en: 'Each candidate card’s draw key is SHA-256 (hex) of the UTF-8 text “seed|institution key|record ID”; the institution key is its unified social credit code (or org:<internal id> when it has none). Per institution, candidates are ordered by draw key (ties by “institution key|record ID”, bytewise) and the first N taken. The same seed, parameters and candidate set always give the same cards, whatever the database or the order the cards were stored in.',
} as const;

/** The parts of a card that can disagree with the paper report. */
export const sampleCheckFields = [
  'personal',
  'employer',
  'exam_date',
  'exam_type',
  'factors',
  'conclusion',
  'suspected_disease',
  'contraindication',
  'items',
  'physician',
  'report_date',
  'other',
] as const;
export type SampleCheckField = (typeof sampleCheckFields)[number];

export const sampleCheckFieldLabels: Record<SampleCheckField, { zh: string; en: string }> = {
  personal: { zh: '个人信息', en: 'Personal data' },
  employer: { zh: '用人单位', en: 'Employer' },
  exam_date: { zh: '体检日期', en: 'Exam date' },
  exam_type: { zh: '体检类型', en: 'Exam type' },
  factors: { zh: '危害因素', en: 'Hazard factors' },
  conclusion: { zh: '体检结论', en: 'Conclusion' },
  suspected_disease: { zh: '疑似职业病', en: 'Suspected disease' },
  contraindication: { zh: '职业禁忌证', en: 'Contraindication' },
  items: { zh: '检查项目及结果', en: 'Items and results' },
  physician: { zh: '主检医师', en: 'Chief physician' },
  report_date: { zh: '报告日期', en: 'Report date' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Statuses a card has once the county approved it and it was not returned later (审核状态 03 区县通过,
 * 11 市级待审, 05 市级通过, 12 省级待审, 07 省级通过, 13 国家级待审, 09 国家级通过): “only reviewed cards”.
 */
export const sampleReviewedStatuses: readonly string[] = ['03', '11', '05', '12', '07', '13', '09'];

export const SampleSeed = Type.String({
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'letters, digits, - and _ (1–64); generated and recorded when not given',
});

export const ExamSampleDrawInput = Type.Object(
  {
    /** Exam dates from … to (inclusive); not in the future. */
    from: Type.String({ format: 'date', description: 'exam date from (inclusive)' }),
    to: Type.String({ format: 'date', description: 'exam date to (inclusive)' }),
    /** Exam institutions to sample; omitted or empty: every institution with cards in the caller’s scope. */
    institutionIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500, uniqueItems: true }),
    ),
    perInstitution: Type.Integer({ minimum: 1, maximum: 100, description: 'cards drawn per institution' }),
    seed: Type.Optional(SampleSeed),
    /** Only cards approved at least by the county and not returned since (sampleReviewedStatuses). */
    reviewedOnly: Type.Optional(Type.Boolean()),
    title: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ExamSampleDrawInput = Static<typeof ExamSampleDrawInput>;

export const ExamSampleCheckInput = Type.Object(
  {
    cardId: Type.Integer({ minimum: 1, description: 'an exam card of this sample' }),
    /** Whether the online card agrees with the paper report. */
    matches: Type.Boolean(),
    /** The fields that differ: at least one when matches is false, none when true. */
    differingFields: Type.Optional(
      Type.Array(Type.Unsafe<SampleCheckField>(Type.Union(sampleCheckFields.map((f) => Type.Literal(f)))), {
        maxItems: sampleCheckFields.length,
        uniqueItems: true,
      }),
    ),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ExamSampleCheckInput = Static<typeof ExamSampleCheckInput>;

export const ExamSampleListQuery = Type.Object(
  {
    ...Paging,
    status: Type.Optional(Type.Union([Type.Literal('in_progress'), Type.Literal('completed')])),
  },
  { additionalProperties: false },
);
export type ExamSampleListQuery = Static<typeof ExamSampleListQuery>;

const Counts = {
  drawn: Type.Integer(),
  checked: Type.Integer(),
  matching: Type.Integer(),
  mismatched: Type.Integer(),
  /** mismatched / checked, or null before the first check. */
  mismatchRate: Type.Union([Type.Number(), Type.Null()]),
};

export const ExamSampleSummary = Type.Object({
  id: Type.Integer(),
  title: Type.Union([Type.String(), Type.Null()]),
  method: Type.String(),
  seed: Type.String(),
  from: Type.String(),
  to: Type.String(),
  perInstitution: Type.Integer(),
  reviewedOnly: Type.Boolean(),
  /** As asked; empty: every institution in scope. */
  institutionIds: Type.Array(Type.Integer()),
  scopeRegionCode: Type.String(),
  organisationId: Type.Integer(),
  organisationName: Type.String(),
  drawnBy: Type.String(),
  drawnAt: Type.String(),
  candidateCount: Type.Integer(),
  /** SHA-256 over the candidates' natural keys (sorted, one per line): shows whether a replay saw the same set. */
  candidateDigest: Type.String(),
  institutionCount: Type.Integer(),
  ...Counts,
  status: Type.Union([Type.Literal('in_progress'), Type.Literal('completed')]),
  /** record: the caller may record checks (the drawing organisation's staff). */
  abilities: Type.Object({ record: Type.Boolean() }),
});
export type ExamSampleSummary = Static<typeof ExamSampleSummary>;

export const ExamSampleCheck = Type.Object({
  matches: Type.Boolean(),
  differingFields: Type.Array(Type.String()),
  note: Type.Union([Type.String(), Type.Null()]),
  checkedBy: Type.String(),
  checkedAt: Type.String(),
});

export const ExamSampleCard = Type.Object({
  cardId: Type.Integer(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  /** 1 … N within the institution, by draw key. */
  rank: Type.Integer(),
  drawKey: Type.String(),
  recordId: Type.String(),
  examNo: Type.Union([Type.String(), Type.Null()]),
  /** The version drawn, and the card's version now (a resend after the draw changes it). */
  cardVersion: Type.Integer(),
  currentVersion: Type.Integer(),
  workerName: Type.String({ description: 'masked' }),
  workerIdNumber: Type.String({ description: 'masked' }),
  employerName: Type.String(),
  regionCode: Type.String(),
  examDate: Type.String(),
  examTypeCode: Type.String(),
  factorCodes: Type.Array(Type.String()),
  conclusionCodes: Type.Array(Type.String()),
  suspectedDiseaseCodes: Type.Array(Type.String()),
  auditStatus: Type.String(),
  check: Type.Union([ExamSampleCheck, Type.Null()]),
});
export type ExamSampleCard = Static<typeof ExamSampleCard>;

export const ExamSampleInstitution = Type.Object({
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  candidates: Type.Integer(),
  ...Counts,
  /** How often each field differed among this institution's mismatches. */
  fieldCounts: Type.Record(Type.String(), Type.Integer()),
});
export type ExamSampleInstitution = Static<typeof ExamSampleInstitution>;

export const ExamSampleDetail = Type.Intersect([
  ExamSampleSummary,
  Type.Object({
    methodDescription: Type.String(),
    institutions: Type.Array(ExamSampleInstitution),
    cards: Type.Array(ExamSampleCard),
  }),
]);
export type ExamSampleDetail = Static<typeof ExamSampleDetail>;

export const ExamSampleCheckResult = Type.Object({
  cardId: Type.Integer(),
  matches: Type.Boolean(),
  differingFields: Type.Array(Type.String()),
  checked: Type.Integer(),
  drawn: Type.Integer(),
  status: Type.Union([Type.Literal('in_progress'), Type.Literal('completed')]),
});
export type ExamSampleCheckResult = Static<typeof ExamSampleCheckResult>;

/** A draw done again now with the recorded seed and parameters, compared with the recorded one. */
export const ExamSampleReplay = Type.Object({
  sameCandidates: Type.Boolean(),
  sameCards: Type.Boolean(),
  candidateCount: Type.Integer(),
  candidateDigest: Type.String(),
  /** Cards drawn now that were not drawn then, and the other way round (record IDs). */
  added: Type.Array(Type.Object({ cardId: Type.Integer(), recordId: Type.String() })),
  missing: Type.Array(Type.Object({ cardId: Type.Integer(), recordId: Type.String() })),
});
export type ExamSampleReplay = Static<typeof ExamSampleReplay>;

/** The institutions with cards to draw from in the caller's area, for the draw dialog. */
export const ExamSampleCandidatesQuery = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    reviewedOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ExamSampleCandidatesQuery = Static<typeof ExamSampleCandidatesQuery>;

export const ExamSampleCandidates = Type.Object({
  total: Type.Integer(),
  institutions: Type.Array(
    Type.Object({
      institutionId: Type.Integer(),
      institutionName: Type.String(),
      candidates: Type.Integer(),
    }),
  ),
});
export type ExamSampleCandidates = Static<typeof ExamSampleCandidates>;
