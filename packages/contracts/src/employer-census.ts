/**
 * Contracts of 用人单位数据库 (the coverage database of potential employers, issue 17 item 4; R28, R29;
 * seed 002 申报扩面行动 三(一)(二)): lists from other departments with their source label, entries matched
 * to known employers (credit code, then normalised name in the county; uncertain ones reviewed), each
 * entry's status, half-yearly snapshots (半年报送) and door-to-door follow-ups (入户指导).
 */
import { Type, type Static } from 'typebox';
import { ExportFormatQuery, ListTotalQuery, Paging, RegionCode } from './schemas.js';

type Label = { zh: string; en: string };
const lit = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description ? { description } : {},
    ),
  );
const IsoDate = (description?: string) =>
  Type.String({ format: 'date', ...(description ? { description } : {}) });

/** Where a list came from (seed 002 三(一)2–5: 部门联动, 监督执法, 乡镇(街道)和工业园区, 动态补充). */
export const censusSources = [
  'market_regulation',
  'emergency_management',
  'human_resources',
  'tax',
  'industrial_park',
  'township',
  'inspection',
  'other',
] as const;
export type CensusSource = (typeof censusSources)[number];
export const censusSourceLabels: Record<CensusSource, Label> = {
  market_regulation: { zh: '市场监管', en: 'Market regulation' },
  emergency_management: { zh: '应急管理', en: 'Emergency management' },
  human_resources: { zh: '人社', en: 'HR & social security' },
  tax: { zh: '税务', en: 'Tax' },
  industrial_park: { zh: '园区', en: 'Industrial park' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  inspection: { zh: '监督检查发现', en: 'Inspection finding' },
  other: { zh: '其他', en: 'Other' },
};

export const censusMatchStates = ['matched', 'uncertain', 'unmatched'] as const;
export type CensusMatchState = (typeof censusMatchStates)[number];
export const censusMatchStateLabels: Record<CensusMatchState, Label> = {
  matched: { zh: '已匹配', en: 'Matched' },
  uncertain: { zh: '待复核', en: 'To review' },
  unmatched: { zh: '未匹配（潜在单位）', en: 'Unmatched (potential)' },
};

/** The status shown: declared / not declared derived from accepted declarations, the rest set. */
export const censusStatuses = ['declared', 'not_declared', 'not_applicable', 'closed', 'relocated'] as const;
export type CensusStatus = (typeof censusStatuses)[number];
export const censusStatusLabels: Record<CensusStatus, Label> = {
  declared: { zh: '已申报', en: 'Declared' },
  not_declared: { zh: '未申报', en: 'Not declared' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
  closed: { zh: '关闭', en: 'Closed' },
  relocated: { zh: '迁出', en: 'Relocated' },
};

export const censusFollowUpOutcomes = [
  'declared',
  'will_declare',
  'not_applicable',
  'closed',
  'not_found',
] as const;
export type CensusFollowUpOutcome = (typeof censusFollowUpOutcomes)[number];
export const censusFollowUpOutcomeLabels: Record<CensusFollowUpOutcome, Label> = {
  declared: { zh: '已现场指导申报', en: 'Declared now' },
  will_declare: { zh: '承诺限期申报', en: 'Will declare by a date' },
  not_applicable: { zh: '不存在职业病危害（不适用）', en: 'Not applicable' },
  closed: { zh: '已关闭或迁出', en: 'Closed or relocated' },
  not_found: { zh: '查无此单位', en: 'Not found' },
};

/**
 * How a follow-up ended: the assignee's outcomes, or 'merged' — closed by the platform because its entry
 * was merged into one that already had an open follow-up (never recorded by a user).
 */
export const censusFollowUpClosures = [...censusFollowUpOutcomes, 'merged'] as const;
export type CensusFollowUpClosure = (typeof censusFollowUpClosures)[number];
export const censusFollowUpClosureLabels: Record<CensusFollowUpClosure, Label> = {
  ...censusFollowUpOutcomeLabels,
  merged: { zh: '条目已合并（沿用合并后条目的任务）', en: 'Entry merged (the survivor’s task goes on)' },
};

/** Columns of the list workbook (template order); 单位名称 and 所在地区 are required. */
export const censusListColumns = [
  '单位名称',
  '统一社会信用代码',
  '所在地区',
  '地址',
  '行业',
  '职工人数',
  '联系人',
  '联系电话',
] as const;

export const CensusImportQuery = Type.Object(
  {
    source: lit(censusSources, 'The list’s source label'),
    title: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Shown in the lists; default: the file name',
      }),
    ),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CensusImportQuery = Static<typeof CensusImportQuery>;

export const CensusListSummary = Type.Object({
  id: Type.Integer(),
  batchId: Type.Integer(),
  source: lit(censusSources),
  title: Type.String(),
  regionCode: Type.String(),
  uploadedBy: Type.Union([Type.String(), Type.Null()]),
  uploadedAt: Type.String(),
  rows: Type.Integer({ description: 'Entries the list names' }),
  matched: Type.Integer(),
  uncertain: Type.Integer(),
  unmatched: Type.Integer(),
  errors: Type.Integer({ description: 'Rows the import rejected' }),
});
export type CensusListSummary = Static<typeof CensusListSummary>;

export const CensusListQuery = Type.Object({ ...Paging }, { additionalProperties: false });
/** The uploaded lists as a file (every list in scope; no filter but the format). */
export const CensusListExportQuery = Type.Object({ ...ExportFormatQuery }, { additionalProperties: false });
export type CensusListExportQuery = Static<typeof CensusListExportQuery>;

export const CensusCandidate = Type.Object({
  employerId: Type.Integer(),
  name: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  score: Type.Number({ description: 'Character-bigram Dice of the normalised names, 0–1' }),
  editDistance: Type.Integer(),
});

export const CensusEntrySummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  industry: Type.Union([Type.String(), Type.Null()]),
  staff: Type.Union([Type.Integer(), Type.Null()]),
  contactName: Type.Union([Type.String(), Type.Null()]),
  contactPhone: Type.Union([Type.String(), Type.Null()], { description: 'Masked' }),
  sources: Type.Array(lit(censusSources)),
  matchState: lit(censusMatchStates),
  employerId: Type.Union([Type.Integer(), Type.Null()]),
  employerName: Type.Union([Type.String(), Type.Null()]),
  riskClass: Type.Union([Type.String(), Type.Null()]),
  status: lit(censusStatuses),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  candidates: Type.Array(CensusCandidate),
  followUp: Type.Union([
    Type.Object({
      id: Type.Integer(),
      assignee: Type.String(),
      dueOn: Type.String(),
      status: lit(['open', 'done'] as const),
      outcome: Type.Union([lit(censusFollowUpClosures), Type.Null()]),
      overdue: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  mergedInto: Type.Union(
    [
      Type.Object({
        id: Type.Integer(),
        name: Type.String(),
        mergedAt: Type.Union([Type.String(), Type.Null()]),
      }),
      Type.Null(),
    ],
    { description: 'The entry this one was merged into (it is then frozen); null for a live entry' },
  ),
  mergedFrom: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), {
    description: 'Entries merged into this one',
  }),
  abilities: Type.Object({
    review: Type.Boolean(),
    setStatus: Type.Boolean(),
    assign: Type.Boolean(),
    confirmNew: Type.Boolean(),
    merge: Type.Boolean({ description: 'May be merged into another entry (live, nothing merged into it)' }),
    unmerge: Type.Boolean(),
    unlink: Type.Boolean(),
  }),
});
export type CensusEntrySummary = Static<typeof CensusEntrySummary>;

export const CensusEntryQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    source: Type.Optional(lit(censusSources)),
    matchState: Type.Optional(lit(censusMatchStates)),
    status: Type.Optional(lit(censusStatuses)),
    regionCode: Type.Optional(RegionCode),
    riskClass: Type.Optional(lit(['严重', '一般', '待评价'] as const)),
    listId: Type.Optional(Type.Integer({ minimum: 1 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    merged: Type.Optional(
      Type.Boolean({
        description: 'true: only entries merged into another; absent or false: the live entries only',
      }),
    ),
    id: Type.Optional(
      Type.Integer({ minimum: 1, description: 'One entry (e.g. a merged entry’s survivor)' }),
    ),
  },
  { additionalProperties: false },
);
export type CensusEntryQuery = Static<typeof CensusEntryQuery>;

export const CensusReviewInput = Type.Object(
  {
    decision: lit(
      ['confirm', 'reject', 'new'] as const,
      'confirm: the entry is the candidate; reject: it is not (next candidate or unmatched); new: register it as a new employer (credit code required)',
    ),
    employerId: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'The candidate confirmed or rejected (reject without it: none of the candidates)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CensusReviewInput = Static<typeof CensusReviewInput>;

export const CensusStatusInput = Type.Object(
  {
    status: lit(['open', 'not_applicable', 'closed', 'relocated'] as const, 'open: back in the programme'),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    on: Type.Optional(IsoDate('Since when (default today)')),
  },
  { additionalProperties: false },
);
export type CensusStatusInput = Static<typeof CensusStatusInput>;

export const CensusWriteResult = Type.Object({
  id: Type.Integer(),
  status: lit(censusStatuses),
  matchState: lit(censusMatchStates),
});

export const CensusMergeInput = Type.Object(
  {
    into: Type.Integer({
      minimum: 1,
      description: 'The surviving entry: it keeps its identity and gains this entry’s sources',
    }),
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why they are the same unit' })),
  },
  { additionalProperties: false },
);
export type CensusMergeInput = Static<typeof CensusMergeInput>;

export const CensusMergeResult = Type.Object({
  id: Type.Integer({ description: 'The merged entry' }),
  into: Type.Integer({ description: 'The survivor' }),
  survivor: Type.Object({
    status: lit(censusStatuses),
    matchState: lit(censusMatchStates),
    sources: Type.Array(lit(censusSources)),
  }),
  sourcesMoved: Type.Integer({ description: 'Source rows moved to the survivor' }),
  followUpsMoved: Type.Array(Type.Integer(), { description: 'Open follow-ups that now visit the survivor' }),
  followUpsClosed: Type.Array(Type.Integer(), {
    description: 'Open follow-ups closed as duplicates (the survivor had its own)',
  }),
});
export type CensusMergeResult = Static<typeof CensusMergeResult>;

/** Undoing a merge, or unlinking a wrong match: the reason is required (it is in the audit trail). */
export const CensusReasonInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type CensusReasonInput = Static<typeof CensusReasonInput>;

export const CensusAssignInput = Type.Object(
  {
    entryIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500, uniqueItems: true }),
    assigneeUserId: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Default: the caller (county staff assigning to themselves)' }),
    ),
    dueOn: IsoDate('By when the visit is due'),
  },
  { additionalProperties: false },
);
export type CensusAssignInput = Static<typeof CensusAssignInput>;

export const CensusOutcomeInput = Type.Object(
  {
    outcome: lit(censusFollowUpOutcomes),
    visitedOn: Type.Optional(IsoDate()),
    willDeclareBy: Type.Optional(IsoDate('Required for will_declare')),
    note: Type.Optional(
      Type.String({ maxLength: 500, description: 'Required for not_applicable and closed' }),
    ),
  },
  { additionalProperties: false },
);
export type CensusOutcomeInput = Static<typeof CensusOutcomeInput>;

export const CensusFollowUpSummary = Type.Object({
  id: Type.Integer(),
  entryId: Type.Integer(),
  entryName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  assigneeUserId: Type.Integer(),
  assignee: Type.String(),
  dueOn: Type.String(),
  status: lit(['open', 'done'] as const),
  overdue: Type.Boolean(),
  outcome: Type.Union([lit(censusFollowUpClosures), Type.Null()]),
  outcomeNote: Type.Union([Type.String(), Type.Null()]),
  willDeclareBy: Type.Union([Type.String(), Type.Null()]),
  visitedOn: Type.Union([Type.String(), Type.Null()]),
  canRecord: Type.Boolean(),
});
export type CensusFollowUpSummary = Static<typeof CensusFollowUpSummary>;

export const CensusFollowUpQuery = Type.Object(
  {
    ...Paging,
    mine: Type.Optional(Type.Boolean({ description: 'Only tasks assigned to me' })),
    status: Type.Optional(lit(['open', 'done', 'overdue'] as const)),
  },
  { additionalProperties: false },
);
export type CensusFollowUpQuery = Static<typeof CensusFollowUpQuery>;
/** The follow-ups as a file: the list's filters and the format. */
export const CensusFollowUpExportQuery = Type.Object(
  {
    mine: Type.Optional(Type.Boolean({ description: 'Only tasks assigned to me' })),
    status: Type.Optional(lit(['open', 'done', 'overdue'] as const)),
    ...ExportFormatQuery,
  },
  { additionalProperties: false },
);
export type CensusFollowUpExportQuery = Static<typeof CensusFollowUpExportQuery>;

export const CensusAssignee = Type.Object({
  userId: Type.Integer(),
  name: Type.String(),
  organisation: Type.String(),
  regionCode: Type.String(),
});

export const CensusSnapshotInput = Type.Object(
  {
    period: Type.String({ pattern: '^[0-9]{4}-H[12]$', description: '2025-H1 (上半年) or 2025-H2 (下半年)' }),
  },
  { additionalProperties: false },
);
export type CensusSnapshotInput = Static<typeof CensusSnapshotInput>;

export const CensusCounts = Type.Object({
  total: Type.Integer(),
  declared: Type.Integer(),
  not_declared: Type.Integer(),
  not_applicable: Type.Integer(),
  closed: Type.Integer(),
  relocated: Type.Integer(),
  matched: Type.Integer(),
  uncertain: Type.Integer(),
  unmatched: Type.Integer(),
});
export type CensusCounts = Static<typeof CensusCounts>;

export const CensusSnapshotSummary = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  period: Type.String(),
  takenOn: Type.String(),
  counts: CensusCounts,
});
export type CensusSnapshotSummary = Static<typeof CensusSnapshotSummary>;
