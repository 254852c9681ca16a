/**
 * 质控评估 (issue 16 item 5; R50, R21, R22): the provincial QC centre's versioned forms (sections, items,
 * points, key items 关键项, evidence required; per-hazard score sheets for exam institutions), the yearly
 * plan that covers every filed exam and diagnosis institution (coverage over two years against 100 %) with
 * extra visits ranked by risk, the assessments scored by assessors (合格 / 基本合格 / 不合格 — a failed key
 * item means 不合格) with the filing-consistency check (备案信息一致性核查), and the self-assessments of
 * support institutions (building standards, R2) and rehabilitation stations (九个一, R22).
 */
import { Type, type Static } from 'typebox';
import { ListTotalQuery, Paging, RegionCode } from './schemas.js';

const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Code = (description: string) => Type.String({ pattern: '^[A-Z][A-Z0-9]{0,9}$', description });

export const qcTemplateKinds = ['exam', 'diagnosis', 'support', 'rehab'] as const;
export type QcTemplateKind = (typeof qcTemplateKinds)[number];
export const qcTemplateModes = ['assessment', 'self'] as const;
export const qcTemplateStatuses = ['draft', 'published', 'retired'] as const;
export type QcTemplateStatus = (typeof qcTemplateStatuses)[number];
/** The filing categories a per-hazard score sheet may be for (the five of the issue; not 'other'). */
export const qcHazardCategories = ['dust', 'chemical', 'physical', 'biological', 'radiation'] as const;
export type QcHazardCategory = (typeof qcHazardCategories)[number];
export const qcGrades = ['qualified', 'basic', 'failed'] as const;
export type QcGrade = (typeof qcGrades)[number];
export const qcGradeLabels: Record<QcGrade, { zh: string; en: string }> = {
  qualified: { zh: '合格', en: 'Qualified' },
  basic: { zh: '基本合格', en: 'Basically qualified' },
  failed: { zh: '不合格', en: 'Failed' },
};
export const qcAssessmentModes = ['assessment', 'self'] as const;
export type QcAssessmentMode = (typeof qcAssessmentModes)[number];
export const qcAssessmentStatuses = [
  'scheduled',
  'in_progress',
  'completed',
  'draft',
  'submitted',
  'reviewed',
] as const;
export type QcAssessmentStatus = (typeof qcAssessmentStatuses)[number];
/** 符合 / 不符合 / 不适用. */
export const qcItemResults = ['passed', 'failed', 'not_applicable'] as const;
export type QcItemResult = (typeof qcItemResults)[number];
export const qcConsistencyAspects = ['staff', 'equipment', 'hazards', 'venue_area'] as const;
export type QcConsistencyAspect = (typeof qcConsistencyAspects)[number];

/** Which organisation kind fills which form kind (self-assessments; the assessed kinds for assessments). */
export const qcTemplateKindOfOrganisation: Record<string, QcTemplateKind | undefined> = {
  exam_institution: 'exam',
  diagnosis_institution: 'diagnosis',
  support_institution: 'support',
  rehab_station: 'rehab',
};

/**
 * The risk score that ranks extra visits (R50: 服务量大、投诉多、质量问题整改不及时或不到位). The seed names the
 * inputs but no weights: these are the platform's, PROVISIONAL (docs/STANDARDS.md, QC assessments).
 */
export const qcRiskWeights = {
  /** Points for the largest card volume in the province (others in proportion). */
  volumeMax: 20,
  perComplaint: 10,
  perPastFailure: 20,
  perLateRectification: 10,
  /** A score at or above this proposes an extra visit. */
  proposeAt: 30,
} as const;

// ---------- templates ----------

export const QcTemplateItemInput = Type.Object(
  {
    code: Code('项目编号（如 Q1）'),
    textZh: Type.String({ minLength: 1, maxLength: 500, description: '项目内容' }),
    textEn: Type.Optional(Type.String({ maxLength: 500 })),
    points: Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: '分值' }),
    keyItem: Type.Boolean({ description: '关键项（不符合即不合格）' }),
    evidenceRequired: Type.Boolean({ description: '须上传佐证材料' }),
    basis: Type.String({ minLength: 1, maxLength: 300, description: '依据' }),
  },
  { additionalProperties: false },
);

export const QcTemplateSectionInput = Type.Object(
  {
    code: Code('部分编号（如 Q）'),
    titleZh: Type.String({ minLength: 1, maxLength: 100 }),
    titleEn: Type.Optional(Type.String({ maxLength: 100 })),
    hazardCategory: Type.Optional(
      Type.Union([lit(qcHazardCategories, '按危害类别的评分表：仅适用于备案了该类别的机构'), Type.Null()]),
    ),
    items: Type.Array(QcTemplateItemInput, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

/** A draft version's whole content (replaces what the draft had). */
export const QcTemplateUpdateInput = Type.Object(
  {
    nameZh: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.Optional(Type.String({ maxLength: 200 })),
    source: Type.String({ minLength: 1, maxLength: 1000, description: '依据的规范与文件' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    provisional: Type.Boolean({ description: '暂定（内容或阈值未经正式文件确认）' }),
    passPercent: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: '合格线（得分率 %）' }),
    basicPercent: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: '基本合格线（得分率 %）' }),
    sections: Type.Array(QcTemplateSectionInput, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type QcTemplateUpdateInput = Static<typeof QcTemplateUpdateInput>;

export const qcTemplateUpdateExample: QcTemplateUpdateInput = {
  nameZh: '职业病诊断机构质量控制评估表（2026 修订稿）',
  nameEn: 'Diagnosis institution QC evaluation form (2026 draft)',
  source: '《职业病诊断质量控制规范》；吉卫规〔2024〕2号 五',
  note: '修订稿：关键指标两项为关键项',
  provisional: true,
  passPercent: 85,
  basicPercent: 70,
  sections: [
    {
      code: 'Q',
      titleZh: '质量管理体系与制度',
      titleEn: 'Quality management system and rules',
      hazardCategory: null,
      items: [
        {
          code: 'Q1',
          textZh: '建立职业病诊断质量管理体系，质量管理制度健全',
          points: 10,
          keyItem: false,
          evidenceRequired: true,
          basis: '吉卫规〔2024〕2号 五',
        },
      ],
    },
    {
      code: 'K',
      titleZh: '关键指标',
      items: [
        {
          code: 'K1',
          textZh: '职业病诊断准确',
          points: 20,
          keyItem: true,
          evidenceRequired: false,
          basis: '吉卫规〔2024〕2号 五（关键指标）',
        },
        {
          code: 'K2',
          textZh: '职业病诊断报告及时',
          points: 20,
          keyItem: true,
          evidenceRequired: false,
          basis: '吉卫规〔2024〕2号 五（关键指标）',
        },
      ],
    },
  ],
};

/** A new draft: the next version of a form (copied from its latest version), or a new form. */
export const QcTemplateCreateInput = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: '模板代码（如 exam）' }),
    /** For a new form only (ignored when the code exists: the next version copies the latest). */
    kind: Type.Optional(lit(qcTemplateKinds)),
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type QcTemplateCreateInput = Static<typeof QcTemplateCreateInput>;

export const QcTemplateListQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(lit(qcTemplateStatuses)),
    /** Only the published forms the signed-in institution may self-assess against. */
    forSelf: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type QcTemplateListQuery = Static<typeof QcTemplateListQuery>;

export const QcTemplateAbilities = Type.Object({
  edit: Type.Boolean(),
  publish: Type.Boolean(),
  retire: Type.Boolean(),
  newVersion: Type.Boolean(),
});

export const QcTemplateSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  version: Type.Integer(),
  kind: lit(qcTemplateKinds),
  mode: lit(qcTemplateModes),
  name: Type.String(),
  status: lit(qcTemplateStatuses),
  provisional: Type.Boolean(),
  passPercent: Type.Number(),
  basicPercent: Type.Number(),
  items: Type.Integer(),
  keyItems: Type.Integer(),
  publishedAt: Nullable(Type.String()),
  abilities: QcTemplateAbilities,
});
export type QcTemplateSummary = Static<typeof QcTemplateSummary>;

export const QcTemplateItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  text: Type.String(),
  textZh: Type.String(),
  textEn: Type.String(),
  points: Type.Number(),
  keyItem: Type.Boolean(),
  evidenceRequired: Type.Boolean(),
  basis: Type.String(),
});
export type QcTemplateItem = Static<typeof QcTemplateItem>;

export const QcTemplateSection = Type.Object({
  code: Type.String(),
  title: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  hazardCategory: Type.Union([lit(qcHazardCategories), Type.Null()]),
  items: Type.Array(QcTemplateItem),
});
export type QcTemplateSection = Static<typeof QcTemplateSection>;

export const QcTemplateDetail = Type.Object({
  ...QcTemplateSummary.properties,
  nameZh: Type.String(),
  nameEn: Type.String(),
  source: Type.String(),
  note: Nullable(Type.String()),
  totalPoints: Type.Number(),
  sections: Type.Array(QcTemplateSection),
  /** The other versions of the same form. */
  versions: Type.Array(
    Type.Object({ id: Type.Integer(), version: Type.Integer(), status: lit(qcTemplateStatuses) }),
  ),
});
export type QcTemplateDetail = Static<typeof QcTemplateDetail>;

export const QcEmptyInput = Type.Object({}, { additionalProperties: false, examples: [{}] });

// ---------- plans ----------

export const QcPlanCreateInput = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100, description: '计划年度' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type QcPlanCreateInput = Static<typeof QcPlanCreateInput>;

export const QcExtraVisitInput = Type.Object(
  {
    /** A routine entry of the plan: the extra visit is for its institution. */
    entryId: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 1, maxLength: 500, description: '加密考核理由' }),
  },
  { additionalProperties: false },
);
export type QcExtraVisitInput = Static<typeof QcExtraVisitInput>;

export const QcComplaintInput = Type.Object(
  {
    entryId: Type.Integer({ minimum: 1, description: '计划条目（其机构）' }),
    complaints: Type.Integer({ minimum: 0, maximum: 100000, description: '本年度投诉数' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type QcComplaintInput = Static<typeof QcComplaintInput>;

export const QcRiskParts = Type.Object({
  volume: Type.Integer({ description: '服务量：计划年度及上一年度的个案卡数' }),
  complaints: Type.Integer(),
  pastFailures: Type.Integer({ description: '以往质控不合格次数' }),
  lateRectifications: Type.Integer({ description: '逾期未整改的问题数' }),
  volumePoints: Type.Number(),
  complaintPoints: Type.Number(),
  failurePoints: Type.Number(),
  latePoints: Type.Number(),
  score: Type.Number(),
});
export type QcRiskParts = Static<typeof QcRiskParts>;

export const QcPlanEntry = Type.Object({
  id: Type.Integer(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  institutionKind: Type.Union([Type.Literal('exam'), Type.Literal('diagnosis')]),
  regionCode: Type.String(),
  kind: Type.Union([Type.Literal('routine'), Type.Literal('extra')]),
  reason: Nullable(Type.String()),
  assessmentId: Type.Union([Type.Integer(), Type.Null()]),
  assessmentStatus: Nullable(Type.String()),
  scheduledOn: Nullable(Type.String()),
  grade: Type.Union([lit(qcGrades), Type.Null()]),
  /** Assessed (completed) in the plan year or the year before: counts for the two-year coverage. */
  coveredInCycle: Type.Boolean(),
  risk: QcRiskParts,
  /** The risk score proposes an extra visit and none is planned yet. */
  proposeExtra: Type.Boolean(),
});
export type QcPlanEntry = Static<typeof QcPlanEntry>;

export const QcPlanSummary = Type.Object({
  id: Type.Integer(),
  provinceCode: Type.String(),
  year: Type.Integer(),
  note: Nullable(Type.String()),
  due: Type.Integer(),
  assessedThisYear: Type.Integer(),
  coveredInCycle: Type.Integer(),
  /** Coverage over the two-year cycle (assessed in year−1 or year / due), percent; target 100. */
  coveragePercent: Type.Number(),
  extraVisits: Type.Integer(),
});
export type QcPlanSummary = Static<typeof QcPlanSummary>;

export const QcPlanDetail = Type.Object({
  ...QcPlanSummary.properties,
  coverageTarget: Type.Number(),
  /** Institutions filed since the plan was made that it does not list yet (refresh adds them). */
  missing: Type.Integer(),
  weights: Type.Object({
    volumeMax: Type.Number(),
    perComplaint: Type.Number(),
    perPastFailure: Type.Number(),
    perLateRectification: Type.Number(),
    proposeAt: Type.Number(),
  }),
  entries: Type.Array(QcPlanEntry),
  abilities: Type.Object({ manage: Type.Boolean() }),
});
export type QcPlanDetail = Static<typeof QcPlanDetail>;

// ---------- assessments ----------

export const QcScheduleInput = Type.Object(
  {
    planEntryId: Type.Integer({ minimum: 1, description: '年度计划条目' }),
    scheduledOn: Type.String({ format: 'date', description: '考核日期' }),
    assessors: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
      minItems: 1,
      maxItems: 10,
      description: '考核专家（姓名）',
    }),
  },
  { additionalProperties: false },
);
export type QcScheduleInput = Static<typeof QcScheduleInput>;

export const QcSelfCreateInput = Type.Object(
  {
    templateCode: Type.String({
      pattern: '^[a-z][a-z0-9_]{1,39}$',
      description: '自评所用模板（已发布版本）',
    }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  },
  { additionalProperties: false },
);
export type QcSelfCreateInput = Static<typeof QcSelfCreateInput>;

export const QcScoresInput = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          code: Code('项目编号'),
          result: lit(qcItemResults, 'passed 符合 / failed 不符合 / not_applicable 不适用'),
          points: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1000 }), Type.Null()])),
          note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          /** 重大质量问题 / 弄虚作假 found on this item: reported to the commission when completed. */
          major: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      { maxItems: 300 },
    ),
  },
  { additionalProperties: false },
);
export type QcScoresInput = Static<typeof QcScoresInput>;

export const QcConsistencyInput = Type.Object(
  {
    staffCount: Type.Integer({ minimum: 0, maximum: 10000, description: '现场核实的人员数' }),
    equipment: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 100 }),
          quantity: Type.Integer({ minimum: 0, maximum: 10000 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500, description: '现场核实的设备（名称与数量）' },
    ),
    hazardCodes: Type.Array(Type.String({ pattern: '^\\d{4}$' }), {
      maxItems: 600,
      description: '实际开展的危害因素（国家代码）',
    }),
    venueAreaM2: Type.Number({ minimum: 0, maximum: 1_000_000, description: '现场核实的场所面积（平方米）' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);
export type QcConsistencyInput = Static<typeof QcConsistencyInput>;

export const QcCompleteInput = Type.Object(
  {
    conclusion: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '考核意见' }))),
    /** 重大质量问题 / 弄虚作假 of the assessment as a whole (a note required). */
    majorProblem: Type.Optional(Type.Boolean()),
    majorNote: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);
export type QcCompleteInput = Static<typeof QcCompleteInput>;

export const QcReportMajorInput = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 1000, description: '重大质量问题或弄虚作假的情况' }) },
  { additionalProperties: false },
);
export type QcReportMajorInput = Static<typeof QcReportMajorInput>;

export const QcReviewInput = Type.Object(
  { note: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '审阅意见' }))) },
  { additionalProperties: false },
);
export type QcReviewInput = Static<typeof QcReviewInput>;

export const QcAssessmentListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    mode: Type.Optional(lit(qcAssessmentModes)),
    status: Type.Optional(lit(qcAssessmentStatuses)),
    grade: Type.Optional(lit(qcGrades)),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    regionCode: Type.Optional(RegionCode),
    q: Type.Optional(Type.String({ maxLength: 100, description: '机构名称' })),
  },
  { additionalProperties: false },
);
export type QcAssessmentListQuery = Static<typeof QcAssessmentListQuery>;

export const QcAssessmentAbilities = Type.Object({
  score: Type.Boolean(),
  check: Type.Boolean(),
  complete: Type.Boolean(),
  reportMajor: Type.Boolean(),
  submit: Type.Boolean(),
  review: Type.Boolean(),
});
export type QcAssessmentAbilities = Static<typeof QcAssessmentAbilities>;

export const QcAssessmentSummary = Type.Object({
  id: Type.Integer(),
  mode: lit(qcAssessmentModes),
  status: lit(qcAssessmentStatuses),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  template: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    kind: lit(qcTemplateKinds),
    version: Type.Integer(),
    name: Type.String(),
    provisional: Type.Boolean(),
  }),
  planEntryId: Type.Union([Type.Integer(), Type.Null()]),
  planEntryKind: Nullable(Type.String()),
  scheduledOn: Nullable(Type.String()),
  assessors: Type.Array(Type.String()),
  score: NullableNumber,
  maxScore: NullableNumber,
  percent: NullableNumber,
  grade: Type.Union([lit(qcGrades), Type.Null()]),
  completedOn: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  majorProblem: Type.Boolean(),
  majorReportedAt: Nullable(Type.String()),
  abilities: QcAssessmentAbilities,
});
export type QcAssessmentSummary = Static<typeof QcAssessmentSummary>;

export const QcScoredItem = Type.Object({
  ...QcTemplateItem.properties,
  sectionCode: Type.String(),
  result: Type.Union([lit(qcItemResults), Type.Null()]),
  awarded: NullableNumber,
  note: Nullable(Type.String()),
  major: Type.Boolean(),
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
export type QcScoredItem = Static<typeof QcScoredItem>;

export const QcConsistencyFinding = Type.Object({
  aspect: lit(qcConsistencyAspects),
  key: Type.String(),
  filed: Type.String(),
  found: Type.String(),
  text: Type.String(),
});
export type QcConsistencyFinding = Static<typeof QcConsistencyFinding>;

export const QcAssessmentDetail = Type.Object({
  ...QcAssessmentSummary.properties,
  templateDetail: Type.Object({
    source: Type.String(),
    note: Nullable(Type.String()),
    passPercent: Type.Number(),
    basicPercent: Type.Number(),
  }),
  hazardCategories: Type.Array(Type.String()),
  sections: Type.Array(
    Type.Object({
      code: Type.String(),
      title: Type.String(),
      hazardCategory: Type.Union([lit(qcHazardCategories), Type.Null()]),
      items: Type.Array(QcScoredItem),
    }),
  ),
  /** Per-hazard sheets not applied (their category is not in the filing). */
  skippedSections: Type.Array(Type.String()),
  filing: Type.Union([
    Type.Object({
      filingId: Type.Integer(),
      filingNo: Nullable(Type.String()),
      versionId: Type.Integer(),
      staffCount: Type.Integer(),
      equipment: Type.Array(Type.Object({ name: Type.String(), quantity: Type.Integer() })),
      hazardCodes: Type.Array(Type.String()),
      venueAreaM2: Type.Number(),
    }),
    Type.Null(),
  ]),
  consistency: Type.Union([
    Type.Object({
      found: QcConsistencyInput,
      findings: Type.Array(QcConsistencyFinding),
      checkedAt: Type.String(),
    }),
    Type.Null(),
  ]),
  conclusion: Nullable(Type.String()),
  majorNote: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  /** What completing (or submitting) would decide now. */
  preview: Type.Object({
    missingItems: Type.Array(Type.String()),
    missingEvidence: Type.Array(Type.String()),
    consistencyMissing: Type.Boolean(),
    score: Type.Number(),
    maxScore: Type.Number(),
    percent: Type.Union([Type.Number(), Type.Null()]),
    failedKeyItems: Type.Array(Type.String()),
    grade: Type.Union([lit(qcGrades), Type.Null()]),
  }),
  /** The rectification items raised from this assessment (module rectifications), by source reference. */
  findings: Type.Array(
    Type.Object({ sourceRef: Type.String(), title: Type.String(), severity: Type.String() }),
  ),
});
export type QcAssessmentDetail = Static<typeof QcAssessmentDetail>;

export const QcEvidenceQuery = Type.Object(
  { item: Code('评分项目编号（如 Q1）') },
  { additionalProperties: false },
);
export type QcEvidenceQuery = Static<typeof QcEvidenceQuery>;
export const QcEvidenceParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
  evidenceId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
});
export const QcPlanEntryParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
  entryId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
});
