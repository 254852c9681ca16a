/**
 * 整改台账 (rectification ledger, issue 16 item 6; R25): every finding — a QC assessment's, an on-site
 * verification's, a card sample's or one raised by hand on an inspection — becomes an item owned by the
 * institution, with a due date, evidence, verification by the QC centre or a regulator and closing item
 * by item (动态销号), re-opening and follow-up re-checks (回头看); institutions that refuse or fail to
 * rectify (拒不整改或整改不到位) are marked and published; pairing assistance (对口帮扶) is recorded with
 * its activities and yearly reports. Sources: 吉卫规〔2024〕2号 五、六; 黑卫 2024 职业病防治技术支撑能力提升行动
 * 三(四)2–3.
 */
import { Type, type Static } from 'typebox';
import { ListTotalQuery, Paging, RegionCode } from './schemas.js';

type Label = { zh: string; en: string };
const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const IsoDate = (description?: string) =>
  Type.String({ format: 'date', ...(description ? { description } : {}) });
const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });

export const rectificationSources = ['qc', 'verification', 'card_sampling', 'inspection'] as const;
export type RectificationSource = (typeof rectificationSources)[number];
export const rectificationSourceLabels: Record<RectificationSource, Label> = {
  qc: { zh: '质控评估', en: 'QC assessment' },
  verification: { zh: '现场核查', en: 'On-site verification' },
  card_sampling: { zh: '个案卡抽查', en: 'Card sampling' },
  inspection: { zh: '监督检查', en: 'Inspection' },
};

export const rectificationSeverities = ['major', 'general'] as const;
export type RectificationSeverity = (typeof rectificationSeverities)[number];
export const rectificationSeverityLabels: Record<RectificationSeverity, Label> = {
  major: { zh: '重大问题', en: 'Major' },
  general: { zh: '一般问题', en: 'General' },
};

/** open → submitted (the institution answered with evidence) → closed (销号), or rejected back to open. */
export const rectificationStatuses = ['open', 'submitted', 'closed'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];
export const rectificationStatusLabels: Record<RectificationStatus, Label> = {
  open: { zh: '整改中', en: 'Open' },
  submitted: { zh: '待核验', en: 'Awaiting verification' },
  closed: { zh: '已销号', en: 'Closed' },
};

export const rectificationEventKinds = [
  'raised',
  'responded',
  'rejected',
  'closed',
  'reopened',
  'follow_up',
] as const;
export type RectificationEventKind = (typeof rectificationEventKinds)[number];
export const rectificationEventLabels: Record<RectificationEventKind, Label> = {
  raised: { zh: '登记问题', en: 'Raised' },
  responded: { zh: '提交整改材料', en: 'Evidence submitted' },
  rejected: { zh: '核验不通过', en: 'Rejected' },
  closed: { zh: '核验销号', en: 'Verified and closed' },
  reopened: { zh: '重新打开', en: 'Reopened' },
  follow_up: { zh: '回头看', en: 'Follow-up re-check' },
};

export const followUpResults = ['ok', 'relapse'] as const;
export type FollowUpResult = (typeof followUpResults)[number];
export const followUpResultLabels: Record<FollowUpResult, Label> = {
  ok: { zh: '整改保持', en: 'Still rectified' },
  relapse: { zh: '问题反弹', en: 'Relapsed' },
};

export const refusalKinds = ['refusing', 'inadequate'] as const;
export type RefusalKind = (typeof refusalKinds)[number];
export const refusalKindLabels: Record<RefusalKind, Label> = {
  refusing: { zh: '拒不整改', en: 'Refuses to rectify' },
  inadequate: { zh: '整改不到位', en: 'Rectification inadequate' },
};

export const pairingKinds = ['diagnosis', 'exam', 'rehab'] as const;
export type PairingKind = (typeof pairingKinds)[number];
export const pairingKindLabels: Record<PairingKind, Label> = {
  diagnosis: { zh: '职业病诊断机构帮扶', en: 'Diagnosis institutions' },
  exam: { zh: '职业健康检查机构帮扶', en: 'Exam institutions' },
  rehab: { zh: '尘肺病康复站帮扶', en: 'Rehabilitation stations' },
};

/** What a pairing helps with (黑卫 2024 三(四)2: 组织架构、质量管理体系、信息报送、质控问题整改; 培训). */
export const assistanceFocuses = [
  'guidance',
  'qms',
  'reporting',
  'qc_rectification',
  'training',
  'other',
] as const;
export type AssistanceFocus = (typeof assistanceFocuses)[number];
export const assistanceFocusLabels: Record<AssistanceFocus, Label> = {
  guidance: { zh: '组织架构与业务指导', en: 'Organisation and guidance' },
  qms: { zh: '质量管理体系建设', en: 'Quality management system' },
  reporting: { zh: '职业病信息报送', en: 'Information reporting' },
  qc_rectification: { zh: '质控问题整改', en: 'QC rectification' },
  training: { zh: '人员培训', en: 'Training' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * The yearly report of pairing assistance is due by 15 November (黑卫 2024 三(四)2: 各市(地)卫生健康委要于
 * 每年11月15日前报送帮扶工作开展情况报告).
 */
export const assistanceReportDueMonthDay = '11-15';

/**
 * The rectification rate as the platform computes it. The policies set 整改率 100% as the target without a
 * formula: this definition is the platform's (uncertain) and is shown with every figure.
 */
export const rectificationRateDefinition = {
  zh: '整改率 = 已销号问题数 ÷ 问题总数 × 100%。问题按登记日期（或按整改期限，见“统计口径”）落在统计期间内的计；按机构所在地区汇总（省 → 市 → 县）。按时整改 = 在整改期限当日或之前销号。政策只规定整改率 100% 的目标，未给出计算公式，本口径为平台暂定（待省级确认）。',
  en: 'Rectification rate = items closed ÷ all items × 100%, counting the items raised (or due, see "Basis") in the period, by the region of the institution (province → city → county). Closed on time = closed on or before the due date. The policies set a 100% target without a formula: this definition is the platform\'s, provisional until the province confirms it.',
  confidence: 'uncertain' as const,
};

export const rectificationRateBases = ['raised', 'due'] as const;
export type RectificationRateBasis = (typeof rectificationRateBases)[number];

// ---------- items ----------

export const RectificationListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    source: Type.Optional(lit(rectificationSources)),
    status: Type.Optional(lit(rectificationStatuses)),
    severity: Type.Optional(lit(rectificationSeverities)),
    regionCode: Type.Optional(RegionCode),
    institutionId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    /** Not closed and past the due date. */
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: 100, description: '机构名称或问题描述' })),
  },
  { additionalProperties: false },
);
export type RectificationListQuery = Static<typeof RectificationListQuery>;

export const RectificationAbilities = Type.Object({
  /** The institution uploads evidence and submits its answer (open items of its own). */
  respond: Type.Boolean(),
  /** The QC centre or a regulator in scope verifies a submitted item: closes it or rejects it. */
  verify: Type.Boolean(),
  reopen: Type.Boolean(),
  followUp: Type.Boolean(),
});
export type RectificationAbilities = Static<typeof RectificationAbilities>;

export const RectificationSummary = Type.Object({
  id: Type.Integer(),
  source: lit(rectificationSources),
  sourceRef: Type.String(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  title: Type.String(),
  severity: lit(rectificationSeverities),
  status: lit(rectificationStatuses),
  raisedOn: Type.String(),
  dueOn: Type.String(),
  /** Days past the due date while not closed (0 otherwise). */
  overdueDays: Type.Integer(),
  roundNo: Type.Integer({ description: '第几轮整改（重新打开后加 1）' }),
  responsiblePerson: Nullable(Type.String()),
  closedOn: Nullable(Type.String()),
  raisedByName: Nullable(Type.String()),
  abilities: RectificationAbilities,
});
export type RectificationSummary = Static<typeof RectificationSummary>;

export const RectificationEvent = Type.Object({
  id: Type.Integer(),
  kind: lit(rectificationEventKinds),
  roundNo: Type.Integer(),
  note: Nullable(Type.String()),
  checkedOn: Nullable(Type.String()),
  checkers: Nullable(Type.String()),
  result: Type.Union([lit(followUpResults), Type.Null()]),
  dueOn: Nullable(Type.String()),
  userName: Nullable(Type.String()),
  organisationName: Nullable(Type.String()),
  at: Type.String(),
  /** Evidence submitted with this answer. */
  evidenceIds: Type.Array(Type.Integer()),
});
export type RectificationEvent = Static<typeof RectificationEvent>;

export const RectificationEvidence = Type.Object({
  id: Type.Integer(),
  roundNo: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedAt: Type.String(),
  /** Submitted with an answer (false: uploaded, waiting for the institution to submit). */
  submitted: Type.Boolean(),
});
export type RectificationEvidence = Static<typeof RectificationEvidence>;

export const RectificationDetail = Type.Object({
  ...RectificationSummary.properties,
  detail: Nullable(Type.String()),
  events: Type.Array(RectificationEvent),
  evidence: Type.Array(RectificationEvidence),
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
  /** The institution's standing 拒不整改 / 整改不到位 mark, if any. */
  refusal: Type.Union([
    Type.Object({
      id: Type.Integer(),
      kind: lit(refusalKinds),
      reason: Type.String(),
      markedOn: Type.String(),
    }),
    Type.Null(),
  ]),
});
export type RectificationDetail = Static<typeof RectificationDetail>;

export const RectificationCreateInput = Type.Object(
  {
    institutionId: Type.Integer({ minimum: 1, maximum: 2147483647, description: '被检查机构' }),
    title: Text(200, '问题（一句话）'),
    detail: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '问题描述与整改要求' }))),
    severity: lit(rectificationSeverities, 'major 重大问题 / general 一般问题'),
    dueOn: Type.Optional(
      Nullable(IsoDate('整改期限；不填时按问题严重程度的默认期限（平台暂定，待省级确认）')),
    ),
    reference: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          maxLength: 100,
          description: '检查文书编号（同一编号再次提交返回同一问题）',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);
export type RectificationCreateInput = Static<typeof RectificationCreateInput>;
export const rectificationCreateExample: RectificationCreateInput = {
  // The demo exam institution (长春市人民医院).
  institutionId: 3,
  title: '主检医师未参加年度培训考核',
  detail: '2 名主检医师未取得本年度培训合格证明。要求：组织参加培训并提交合格证明。',
  severity: 'general',
  dueOn: null,
  reference: null,
};

export const RectificationRespondInput = Type.Object(
  {
    statement: Text(2000, '整改情况说明'),
    responsiblePerson: Type.Optional(Nullable(Type.String({ maxLength: 50, description: '整改责任人' }))),
  },
  { additionalProperties: false },
);
export type RectificationRespondInput = Static<typeof RectificationRespondInput>;

export const RectificationVerifyInput = Type.Object(
  { opinion: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '核验意见' }))) },
  { additionalProperties: false },
);
export type RectificationVerifyInput = Static<typeof RectificationVerifyInput>;

export const RectificationRejectInput = Type.Object(
  { opinion: Text(2000, '核验不通过的意见（退回机构继续整改）') },
  { additionalProperties: false },
);
export type RectificationRejectInput = Static<typeof RectificationRejectInput>;

export const RectificationReopenInput = Type.Object(
  {
    reason: Text(2000, '重新打开的原因'),
    dueOn: Type.Optional(Nullable(IsoDate('新的整改期限；不填时按默认期限'))),
  },
  { additionalProperties: false },
);
export type RectificationReopenInput = Static<typeof RectificationReopenInput>;

export const RectificationFollowUpInput = Type.Object(
  {
    checkedOn: IsoDate('回头看日期'),
    checkers: Text(200, '检查人员'),
    result: lit(followUpResults, 'ok 整改保持 / relapse 问题反弹（重新打开）'),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '检查情况' }))),
    dueOn: Type.Optional(Nullable(IsoDate('问题反弹时新的整改期限'))),
  },
  { additionalProperties: false },
);
export type RectificationFollowUpInput = Static<typeof RectificationFollowUpInput>;

export const RectificationEvidenceParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
  evidenceId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }),
});

export const RectificationWriteResult = Type.Object({
  id: Type.Integer(),
  status: lit(rectificationStatuses),
  roundNo: Type.Integer(),
  dueOn: Type.String(),
});
export type RectificationWriteResult = Static<typeof RectificationWriteResult>;

// ---------- rates ----------

export const RectificationRateQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    from: Type.Optional(IsoDate('统计期间起')),
    to: Type.Optional(IsoDate('统计期间止')),
    basis: Type.Optional(lit(rectificationRateBases, 'raised 按登记日期 / due 按整改期限')),
  },
  { additionalProperties: false },
);
export type RectificationRateQuery = Static<typeof RectificationRateQuery>;

export const RectificationCounts = Type.Object({
  total: Type.Integer(),
  closed: Type.Integer(),
  closedOnTime: Type.Integer(),
  open: Type.Integer({ description: '整改中或待核验' }),
  overdue: Type.Integer({ description: '未销号且已过整改期限' }),
  /** closed / total, 0–1 (null when there are no items). */
  rate: Type.Union([Type.Number(), Type.Null()]),
});
export type RectificationCounts = Static<typeof RectificationCounts>;

export const RectificationRates = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  basis: lit(rectificationRateBases),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  asOf: Type.String(),
  definition: Type.String(),
  confidence: Type.String(),
  totals: RectificationCounts,
  regions: Type.Array(
    Type.Object({ regionCode: Type.String(), regionName: Type.String(), ...RectificationCounts.properties }),
  ),
  institutions: Type.Array(
    Type.Object({
      institutionId: Type.Integer(),
      institutionName: Type.String(),
      regionCode: Type.String(),
      regionName: Type.String(),
      ...RectificationCounts.properties,
    }),
  ),
});
export type RectificationRates = Static<typeof RectificationRates>;

// ---------- 拒不整改 / 整改不到位 ----------

export const RefusalListQuery = Type.Object(
  {
    ...Paging,
    /** Standing marks only (default) or also the lifted ones. */
    all: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RefusalListQuery = Static<typeof RefusalListQuery>;

export const RefusalSummary = Type.Object({
  id: Type.Integer(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kind: lit(refusalKinds),
  reason: Type.String(),
  markedOn: Type.String(),
  markedByName: Nullable(Type.String()),
  liftedOn: Nullable(Type.String()),
  liftNote: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({ id: Type.Integer(), title: Type.String(), status: lit(rectificationStatuses) }),
  ),
  abilities: Type.Object({ lift: Type.Boolean() }),
});
export type RefusalSummary = Static<typeof RefusalSummary>;

export const RefusalCreateInput = Type.Object(
  {
    institutionId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    kind: lit(refusalKinds, 'refusing 拒不整改 / inadequate 整改不到位'),
    reason: Text(2000, '认定理由'),
    markedOn: Type.Optional(Nullable(IsoDate('认定日期（默认今天）'))),
    itemIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), {
      minItems: 1,
      maxItems: 50,
      description: '涉及的整改问题（公布为主要问题）',
    }),
  },
  { additionalProperties: false },
);
export type RefusalCreateInput = Static<typeof RefusalCreateInput>;

export const RefusalLiftInput = Type.Object(
  {
    note: Text(2000, '解除理由（整改到位的情况）'),
    liftedOn: Type.Optional(Nullable(IsoDate('解除日期（默认今天）'))),
  },
  { additionalProperties: false },
);
export type RefusalLiftInput = Static<typeof RefusalLiftInput>;

// ---------- 对口帮扶 ----------

export const PairingListQuery = Type.Object(
  {
    ...Paging,
    kind: Type.Optional(lit(pairingKinds)),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '在该年度内有效的帮扶' })),
  },
  { additionalProperties: false },
);
export type PairingListQuery = Static<typeof PairingListQuery>;

export const PairingSummary = Type.Object({
  id: Type.Integer(),
  kind: lit(pairingKinds),
  leadInstitutionId: Type.Integer(),
  leadInstitutionName: Type.String(),
  assistedInstitutionId: Type.Integer(),
  assistedInstitutionName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  startsOn: Type.String(),
  endsOn: Nullable(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('ended')]),
  focus: Type.Array(lit(assistanceFocuses)),
  note: Nullable(Type.String()),
  activities: Type.Integer(),
  /** Years with a report submitted. */
  reportYears: Type.Array(Type.Integer()),
  abilities: Type.Object({ manage: Type.Boolean() }),
});
export type PairingSummary = Static<typeof PairingSummary>;

export const PairingDetail = Type.Object({
  ...PairingSummary.properties,
  activityList: Type.Array(
    Type.Object({
      id: Type.Integer(),
      activityOn: Type.String(),
      kind: lit(assistanceFocuses),
      summary: Type.String(),
    }),
  ),
  reports: Type.Array(
    Type.Object({ year: Type.Integer(), summary: Type.String(), submittedOn: Type.String() }),
  ),
  /** The yearly report's due date (by 15 November) for the current year. */
  reportDueOn: Type.String(),
});
export type PairingDetail = Static<typeof PairingDetail>;

export const PairingCreateInput = Type.Object(
  {
    kind: lit(pairingKinds),
    leadInstitutionId: Type.Integer({ minimum: 1, maximum: 2147483647, description: '支援机构' }),
    assistedInstitutionId: Type.Integer({ minimum: 1, maximum: 2147483647, description: '受援机构' }),
    startsOn: IsoDate('帮扶开始日期'),
    endsOn: Type.Optional(Nullable(IsoDate('帮扶结束日期'))),
    focus: Type.Array(lit(assistanceFocuses), { minItems: 1, maxItems: 6, description: '帮扶内容' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type PairingCreateInput = Static<typeof PairingCreateInput>;

export const PairingUpdateInput = Type.Object(
  {
    endsOn: Type.Optional(Nullable(IsoDate('帮扶结束日期'))),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('ended')])),
    focus: Type.Optional(Type.Array(lit(assistanceFocuses), { minItems: 1, maxItems: 6 })),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type PairingUpdateInput = Static<typeof PairingUpdateInput>;

export const PairingActivityInput = Type.Object(
  {
    activityOn: IsoDate('帮扶日期'),
    kind: lit(assistanceFocuses),
    summary: Text(2000, '帮扶内容'),
  },
  { additionalProperties: false },
);
export type PairingActivityInput = Static<typeof PairingActivityInput>;

export const PairingReportInput = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100, description: '报告年度' }),
    summary: Text(5000, '帮扶工作开展情况报告'),
    submittedOn: Type.Optional(Nullable(IsoDate('报送日期（默认今天）'))),
  },
  { additionalProperties: false },
);
export type PairingReportInput = Static<typeof PairingReportInput>;
