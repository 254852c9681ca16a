/**
 * Contracts of 申报调度 (issue 17 item 5; R30, R31): declaration rates by region and risk class with both
 * policy denominators, the quarterly dispatch report (季调度), the provincial sampling check (抽查) and the
 * white / black lists. Seed 002 附件2 (黑龙江省职业病危害项目申报扩面行动(2024-2025年)工作方案) and the national
 * 扩面行动 plan of 2024-04-30 are the sources; what they do not state is marked provisional here.
 */
import { Type, type Static } from 'typebox';
import { ExportFormatQuery, Paging, RegionCode } from './schemas.js';

/**
 * The denominators. a: employers in the programme, 严重 industry, industrial (GB/T 4754 B/C/D) — the 2024
 * target; b: employers in the programme, 严重 industry, ≥ 10 staff — the 2025 target; industrial: every
 * industrial employer in the programme (Guizhou's 工业企业申报率); all: every employer in the programme.
 */
export const declarationMeasures = ['a', 'b', 'industrial', 'all'] as const;
export type DeclarationMeasure = (typeof declarationMeasures)[number];
export const declarationMeasureLabels: Record<DeclarationMeasure, { zh: string; en: string }> = {
  a: { zh: '工业领域严重行业（2024年目标）', en: 'Industrial, severe-hazard industry (2024 target)' },
  b: { zh: '严重行业10人及以上（2025年目标）', en: 'Severe-hazard industry, ≥ 10 staff (2025 target)' },
  industrial: { zh: '工业企业', en: 'Industrial employers' },
  all: { zh: '全部在管用人单位', en: 'All employers in the programme' },
};
const Measure = Type.Unsafe<DeclarationMeasure>(Type.Union(declarationMeasures.map((m) => Type.Literal(m))));

/** The definitions shown with every figure (what counts, from which source). */
export const declarationRateDefinitions = {
  declared: {
    zh: '已申报：最近一次已受理的申报不是注销申报',
    en: 'Declared: the latest accepted declaration is not a cancellation',
  },
  annualOverdue: {
    zh: '年度更新逾期：最近一次已受理的申报距今超过13个月（年度更新间隔大于11个月且小于13个月）',
    en: 'Annual update overdue: the latest accepted declaration is more than 13 months old (the annual update falls between 11 and 13 months)',
  },
  programme: {
    zh: '在管：用人单位库中状态为“在管”（不适用、关闭、迁出的不计入）',
    en: 'In the programme: programme status active in the employer database (not applicable, closed and relocated excluded)',
  },
  snapshot: {
    zh: '行业、风险类别、人数与在管状态取当前记录；申报按截止日期前已受理的计算',
    en: 'Industry, risk class, staff and programme status are the current record; declarations count when accepted by the date',
  },
};

export const DeclarationRatesQuery = Type.Object({
  region: Type.Optional(RegionCode),
  asOf: Type.Optional(
    Type.String({ format: 'date', description: 'Date of the figures (China); today by default' }),
  ),
});
export type DeclarationRatesQuery = Static<typeof DeclarationRatesQuery>;

export const MeasureFigures = Type.Object({
  denominator: Type.Integer(),
  declared: Type.Integer(),
  /** denominator − declared: listed employers not declared. */
  gap: Type.Integer(),
  /** declared / denominator, null when the denominator is 0. */
  rate: Type.Union([Type.Number(), Type.Null()]),
  annualOverdue: Type.Integer(),
  /** Declared employers whose latest accepted declaration was submitted late. */
  late: Type.Integer(),
});
export type MeasureFigures = Static<typeof MeasureFigures>;

const Figures = Type.Object({
  a: MeasureFigures,
  b: MeasureFigures,
  industrial: MeasureFigures,
  all: MeasureFigures,
});

/** The provincial sampling check's verified rate for a city (provisional formula). */
export const VerifiedRate = Type.Object({
  samplingId: Type.Integer(),
  year: Type.Integer(),
  checked: Type.Integer(),
  declaredAndAccurate: Type.Integer(),
  rate: Type.Union([Type.Number(), Type.Null()]),
  provisional: Type.Boolean(),
});
export type VerifiedRate = Static<typeof VerifiedRate>;

export const DeclarationRateRow = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  /** Employers in the database (any programme status). */
  employers: Type.Integer(),
  hasChildren: Type.Boolean(),
  figures: Figures,
  verified: Type.Union([VerifiedRate, Type.Null()]),
});
export type DeclarationRateRow = Static<typeof DeclarationRateRow>;

export const DeclarationTarget = Type.Object({
  measure: Measure,
  provinceCode: Type.String(),
  targetRate: Type.Number(),
  dueOn: Type.String(),
  sourceZh: Type.String(),
  sourceEn: Type.String(),
  confidence: Type.Union([Type.Literal('stated'), Type.Literal('uncertain')]),
  /** Whether the province has its own row (false: the national plan applies). */
  own: Type.Boolean(),
});
export type DeclarationTarget = Static<typeof DeclarationTarget>;

export const DeclarationRatesReport = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  asOf: Type.String(),
  total: DeclarationRateRow,
  children: Type.Array(DeclarationRateRow),
  byRiskClass: Type.Array(Type.Object({ riskClass: Type.String(), figures: Figures })),
  targets: Type.Array(DeclarationTarget),
});
export type DeclarationRatesReport = Static<typeof DeclarationRatesReport>;

export const rateEmployerStatuses = ['undeclared', 'declared', 'overdue', 'late'] as const;
export type RateEmployerStatus = (typeof rateEmployerStatuses)[number];

export const DeclarationRateEmployersQuery = Type.Object({
  region: Type.Optional(RegionCode),
  asOf: Type.Optional(Type.String({ format: 'date' })),
  measure: Type.Optional(Measure),
  status: Type.Optional(
    Type.Unsafe<RateEmployerStatus>(Type.Union(rateEmployerStatuses.map((s) => Type.Literal(s)))),
  ),
  riskClass: Type.Optional(Type.Union([Type.Literal('严重'), Type.Literal('一般'), Type.Literal('待评价')])),
  ...Paging,
});
export type DeclarationRateEmployersQuery = Static<typeof DeclarationRateEmployersQuery>;

export const DeclarationRateEmployer = Type.Object({
  employerId: Type.Integer(),
  name: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.String(),
  industryCode: Type.Union([Type.String(), Type.Null()]),
  employees: Type.Union([Type.Integer(), Type.Null()]),
  riskClass: Type.String(),
  industrial: Type.Boolean(),
  declared: Type.Boolean(),
  lastAcceptedAt: Type.Union([Type.String(), Type.Null()]),
  lastType: Type.Union([Type.String(), Type.Null()]),
  annualOverdue: Type.Boolean(),
  late: Type.Boolean(),
});
export type DeclarationRateEmployer = Static<typeof DeclarationRateEmployer>;

// ---- 季调度 -------------------------------------------------------------------------------------------

export const DISPATCH_TITLE_ZH = '职业病危害项目申报进展季调度表';
export const DispatchQuery = Type.Object({
  region: Type.Optional(RegionCode),
  quarter: Type.Optional(
    Type.String({
      pattern: '^20[0-9]{2}Q[1-4]$',
      description: 'e.g. 2026Q3; the last complete quarter by default',
    }),
  ),
});
export type DispatchQuery = Static<typeof DispatchQuery>;

const RateCell = Type.Object({
  denominator: Type.Integer(),
  declared: Type.Integer(),
  rate: Type.Union([Type.Number(), Type.Null()]),
  /** The rate at the end of the previous quarter, and the change in percentage points. */
  previousRate: Type.Union([Type.Number(), Type.Null()]),
  change: Type.Union([Type.Number(), Type.Null()]),
});

export const DispatchRow = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  employers: Type.Integer(),
  inProgramme: Type.Integer(),
  a: RateCell,
  b: RateCell,
  newInitial: Type.Integer(),
  newChange: Type.Integer(),
  newAnnual: Type.Integer(),
  newCancel: Type.Integer(),
  /** Declarations submitted in the quarter after their due date. */
  late: Type.Integer(),
  annualOverdue: Type.Integer(),
  /** 入户指导 follow-ups of the potential-employer database visited in the quarter (null: not counted). */
  followUps: Type.Union([Type.Integer(), Type.Null()]),
  verified: Type.Union([VerifiedRate, Type.Null()]),
});
export type DispatchRow = Static<typeof DispatchRow>;

export const DispatchReport = Type.Object({
  title: Type.String(),
  quarter: Type.String(),
  from: Type.String(),
  to: Type.String(),
  previousQuarter: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  rows: Type.Array(DispatchRow),
  total: DispatchRow,
  targets: Type.Array(DeclarationTarget),
});
export type DispatchReport = Static<typeof DispatchReport>;

// ---- 抽查 ---------------------------------------------------------------------------------------------

/**
 * The verified declaration rate of a city (PROVISIONAL: seed 002 says the sampling result is “the basis
 * of the declaration-rate assessment” but states no formula): checked sampled employers that declared
 * AND whose industry, size and hazard factors were all found accurate, over the checked sampled employers.
 */
export const samplingAssessment = {
  formula: 'declared_and_accurate_v0',
  provisional: true,
  zh: '核实申报率（暂定）= 抽查核实“已申报且行业、规模、危害因素均准确”的单位数 ÷ 已核查的抽中单位数。来源只规定抽查结果“作为申报率的考核依据”，未给出公式。',
  en: 'Verified declaration rate (provisional) = sampled employers found declared with accurate industry, size and hazard factors ÷ sampled employers checked. The source only says the result is the basis of the declaration-rate assessment; it gives no formula.',
};

export const samplingMethod = {
  id: 'sha256-v1',
  zh: '每个市按 SHA-256(种子|统一社会信用代码或org:编号) 排序，取前 N 家；同一种子和同一冻结名单必得同一结果',
  en: 'Per city, employers ordered by SHA-256 of “seed|credit code (or org:id)”, the first N taken; the same seed and frozen population always give the same draw',
};

export const DeclarationSamplingDrawInput = Type.Object({
  year: Type.Integer({ minimum: 2020, maximum: 2100 }),
  perCity: Type.Integer({ minimum: 1, maximum: 500 }),
  seed: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  measure: Type.Optional(Measure),
  title: Type.Optional(Type.String({ maxLength: 200 })),
});
export type DeclarationSamplingDrawInput = Static<typeof DeclarationSamplingDrawInput>;
export const declarationSamplingDrawExample: DeclarationSamplingDrawInput = {
  year: 2026,
  perCity: 3,
  seed: 'HLJ-2026-SB',
  measure: 'b',
  title: '2026年度申报扩面行动抽查',
};

export const DeclarationSamplingCheckInput = Type.Object({
  employerId: Type.Integer({ minimum: 1 }),
  declared: Type.Boolean(),
  industryAccurate: Type.Union([Type.Boolean(), Type.Null()]),
  sizeAccurate: Type.Union([Type.Boolean(), Type.Null()]),
  factorsAccurate: Type.Union([Type.Boolean(), Type.Null()]),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
});
export type DeclarationSamplingCheckInput = Static<typeof DeclarationSamplingCheckInput>;

export const DeclarationSamplingUnit = Type.Object({
  employerId: Type.Integer(),
  name: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  cityCode: Type.String(),
  cityName: Type.String(),
  rank: Type.Integer(),
  drawKey: Type.String(),
  declaredInSystem: Type.Boolean(),
  declared: Type.Union([Type.Boolean(), Type.Null()]),
  industryAccurate: Type.Union([Type.Boolean(), Type.Null()]),
  sizeAccurate: Type.Union([Type.Boolean(), Type.Null()]),
  factorsAccurate: Type.Union([Type.Boolean(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  checkedAt: Type.Union([Type.String(), Type.Null()]),
});
export type DeclarationSamplingUnit = Static<typeof DeclarationSamplingUnit>;

export const DeclarationSamplingCity = Type.Object({
  cityCode: Type.String(),
  cityName: Type.String(),
  population: Type.Integer(),
  drawn: Type.Integer(),
  checked: Type.Integer(),
  declaredInSystem: Type.Integer(),
  declaredAndAccurate: Type.Integer(),
  /** The system's rate among the drawn (declared in the system when drawn ÷ drawn). */
  systemRate: Type.Union([Type.Number(), Type.Null()]),
  verifiedRate: Type.Union([Type.Number(), Type.Null()]),
});
export type DeclarationSamplingCity = Static<typeof DeclarationSamplingCity>;

export const DeclarationSamplingSummary = Type.Object({
  id: Type.Integer(),
  provinceCode: Type.String(),
  year: Type.Integer(),
  title: Type.Union([Type.String(), Type.Null()]),
  measure: Measure,
  perCity: Type.Integer(),
  seed: Type.String(),
  method: Type.String(),
  populationCount: Type.Integer(),
  populationDigest: Type.String(),
  drawn: Type.Integer(),
  checked: Type.Integer(),
  status: Type.Union([Type.Literal('in_progress'), Type.Literal('completed')]),
  drawnAt: Type.String(),
  drawnBy: Type.String(),
});
export type DeclarationSamplingSummary = Static<typeof DeclarationSamplingSummary>;

export const DeclarationSamplingDetail = Type.Intersect([
  DeclarationSamplingSummary,
  Type.Object({
    formula: Type.String(),
    formulaProvisional: Type.Boolean(),
    cities: Type.Array(DeclarationSamplingCity),
    units: Type.Array(DeclarationSamplingUnit),
    abilities: Type.Object({ record: Type.Boolean() }),
  }),
]);
export type DeclarationSamplingDetail = Static<typeof DeclarationSamplingDetail>;

export const DeclarationSamplingVerify = Type.Object({
  /** The stored population hashes to the stored digest. */
  populationIntact: Type.Boolean(),
  /** Drawing again from the stored population with the stored seed gives the stored units. */
  sameDraw: Type.Boolean(),
  redrawn: Type.Array(
    Type.Object({ employerId: Type.Integer(), cityCode: Type.String(), rank: Type.Integer() }),
  ),
});
export type DeclarationSamplingVerify = Static<typeof DeclarationSamplingVerify>;

// ---- 白名单 / 黑名单 -----------------------------------------------------------------------------------

export const oversightLists = ['white', 'black'] as const;
export type OversightList = (typeof oversightLists)[number];

/**
 * The rules of the lists, as data. Seed 002 附件2 三(三)3 only says: lower the inspection frequency of
 * employers that declare on time with true and accurate information, 探索推行 white and black lists, and
 * inspect undeclared employers more often. Every rule and multiplier below is therefore UNCERTAIN.
 */
export const declarationListRules = {
  source: {
    zh: '黑卫职健函〔2024〕68号 附件2 三(三)3：对申报及时、信息真实准确的用人单位适当降低监督检查频次，探索推行职业卫生“白名单”“黑名单”',
    en: 'Heilongjiang 黑卫职健函〔2024〕68号, annex 2, 3(3)3: fewer inspections for timely, accurate declarers; explore white and black lists',
  },
  confidence: 'uncertain' as const,
  /** Black: an annual update overdue by more than this many months beyond the 13-month window. */
  blackOverdueMonths: 6,
  white: [
    { id: 'W1', zh: '已申报且最近一次申报按时', en: 'Declared, latest declaration on time' },
    { id: 'W2', zh: '年度更新未逾期', en: 'Annual update not overdue' },
    { id: 'W3', zh: '如被抽查，抽查核实已申报且信息准确', en: 'If sampled, found declared and accurate' },
  ],
  black: [
    { id: 'B1', zh: '抽查发现未申报', en: 'Found undeclared in a sampling check' },
    { id: 'B2', zh: '抽查发现申报信息不准确', en: 'Declaration found inaccurate in a sampling check' },
    {
      id: 'B3',
      zh: '年度更新逾期超过6个月（最近申报超过19个月）',
      en: 'Annual update overdue by more than 6 months (latest declaration over 19 months old)',
    },
  ],
  /** The effect on 双随机 inspection probability (provisional). */
  inspectionMultiplier: { white: 0.5, black: 2, none: 1 },
  notes: {
    zh: '“拒不整改”尚无用人单位整改记录可判断，暂未纳入；现场检查发现未申报待执法模块接入。',
    en: 'Refused rectification and inspection findings have no employer records yet and are not used.',
  },
};

export const OversightListQuery = Type.Object({
  region: Type.Optional(RegionCode),
  list: Type.Optional(Type.Union([Type.Literal('white'), Type.Literal('black')])),
  state: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('removed')]),
  ),
  ...Paging,
});
export type OversightListQuery = Static<typeof OversightListQuery>;

/** The white / black lists as a file: the list's filters and the format. */
export const OversightListExportQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    list: Type.Optional(Type.Union([Type.Literal('white'), Type.Literal('black')])),
    state: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('removed')]),
    ),
    ...ExportFormatQuery,
  },
  { additionalProperties: false },
);
export type OversightListExportQuery = Static<typeof OversightListExportQuery>;

/** The sampling checks, or one check's drawn employers, as a file (no filter but the format). */
export const SamplingExportQuery = Type.Object({ ...ExportFormatQuery }, { additionalProperties: false });
export type SamplingExportQuery = Static<typeof SamplingExportQuery>;

export const OversightListEntry = Type.Object({
  employerId: Type.Integer(),
  name: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.String(),
  list: Type.Union([Type.Literal('white'), Type.Literal('black')]),
  rules: Type.Array(Type.String()),
  state: Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('removed')]),
  reason: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  inspectionMultiplier: Type.Number(),
});
export type OversightListEntry = Static<typeof OversightListEntry>;

export const OversightListPage = Type.Object({
  data: Type.Array(OversightListEntry),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  counts: Type.Object({ white: Type.Integer(), black: Type.Integer() }),
  abilities: Type.Object({ decide: Type.Boolean() }),
});
export type OversightListPage = Static<typeof OversightListPage>;

export const OversightListDecisionInput = Type.Object({
  employerId: Type.Integer({ minimum: 1 }),
  list: Type.Union([Type.Literal('white'), Type.Literal('black')]),
  action: Type.Union([Type.Literal('confirm'), Type.Literal('remove')]),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type OversightListDecisionInput = Static<typeof OversightListDecisionInput>;

// ---- 双随机抽查 (inspection draws weighted by the lists) ---------------------------------------------------

/**
 * The draw of employers for supervision inspection (双随机抽查: the inspected employers drawn at random),
 * weighted by the white / black lists: an employer's chance of being drawn is its list's
 * `declarationListRules.inspectionMultiplier` times that of an employer on neither list — the lists'
 * effect on inspection frequency (seed 002 附件2 三(三)3: fewer inspections for timely, accurate
 * declarers; more for undeclared ones). The weights are PROVISIONAL (no source states them). An entry the
 * regulator removed from a list counts as on neither; a pending (computed, not yet confirmed) entry counts.
 * Only the employers are drawn here: drawing the inspectors (the second 随机) is not part of the platform.
 */
export const inspectionDrawMethod = {
  id: 'sha256-weighted-v1',
  zh: '每家单位 u =（SHA-256(种子|统一社会信用代码或org:编号) 前13位十六进制数 + 0.5）÷ 16^13，得分 = ln(u) ÷ 权重，按得分从高到低（相同时按代码）取前 N 家：权重为2的单位被抽中的机会约为权重为1的2倍。同一种子和同一冻结名单必得同一结果',
  en: 'Each employer: u = (first 13 hex digits of SHA-256 of “seed|credit code (or org:id)” + 0.5) ÷ 16^13, score = ln(u) ÷ weight; the N highest scores (ties by the code) are drawn, so a weight-2 employer is about twice as likely to be drawn as a weight-1 one. The same seed and frozen population always give the same draw',
};

export const inspectionLists = ['white', 'black', 'none'] as const;
export type InspectionList = (typeof inspectionLists)[number];
const InspectionListT = Type.Union([Type.Literal('white'), Type.Literal('black'), Type.Literal('none')]);
const RiskClassT = Type.Union([Type.Literal('严重'), Type.Literal('一般'), Type.Literal('待评价')]);

export const InspectionDrawInput = Type.Object({
  year: Type.Integer({ minimum: 2020, maximum: 2100 }),
  /** How many employers to draw from the region's population. */
  planned: Type.Integer({ minimum: 1, maximum: 2000 }),
  /** The region drawn from: the commission's own (default) or one inside it. */
  region: Type.Optional(Type.String({ pattern: '^[0-9]{2}([0-9]{2}){0,2}$' })),
  /** Only employers of these risk classes (all when absent or empty). */
  riskClasses: Type.Optional(Type.Array(RiskClassT, { maxItems: 3, uniqueItems: true })),
  seed: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  title: Type.Optional(Type.String({ maxLength: 200 })),
});
export type InspectionDrawInput = Static<typeof InspectionDrawInput>;
export const inspectionDrawExample: InspectionDrawInput = {
  year: 2026,
  planned: 5,
  seed: 'NG-2026-SSJ-1',
  title: '2026年第一批双随机监督检查',
};

/** Per list: the population, how many were drawn, the rate, and the weight used. */
export const InspectionDrawListFigures = Type.Object({
  list: InspectionListT,
  weight: Type.Number(),
  population: Type.Integer(),
  drawn: Type.Integer(),
  rate: Type.Union([Type.Number(), Type.Null()]),
});
export type InspectionDrawListFigures = Static<typeof InspectionDrawListFigures>;

export const InspectionDrawSummary = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  year: Type.Integer(),
  title: Type.Union([Type.String(), Type.Null()]),
  planned: Type.Integer(),
  riskClasses: Type.Array(Type.String()),
  seed: Type.String(),
  method: Type.String(),
  weights: Type.Object({ white: Type.Number(), black: Type.Number(), none: Type.Number() }),
  weightsProvisional: Type.Boolean(),
  populationCount: Type.Integer(),
  populationDigest: Type.String(),
  drawn: Type.Integer(),
  drawnAt: Type.String(),
  drawnBy: Type.String(),
  organisation: Type.String(),
});
export type InspectionDrawSummary = Static<typeof InspectionDrawSummary>;

export const InspectionDrawUnit = Type.Object({
  employerId: Type.Integer(),
  name: Type.String(),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.String(),
  riskClass: Type.String(),
  rank: Type.Integer(),
  list: InspectionListT,
  weight: Type.Number(),
  score: Type.Number(),
});
export type InspectionDrawUnit = Static<typeof InspectionDrawUnit>;

export const InspectionDrawDetail = Type.Intersect([
  InspectionDrawSummary,
  Type.Object({
    lists: Type.Array(InspectionDrawListFigures),
    /** The drawn employers within the reader's scope (a county reading its city's draw sees its own). */
    units: Type.Array(InspectionDrawUnit),
    /** Drawn employers outside the reader's scope (counted, not listed). */
    unitsElsewhere: Type.Integer(),
  }),
]);
export type InspectionDrawDetail = Static<typeof InspectionDrawDetail>;

export const InspectionDrawPage = Type.Object({
  data: Type.Array(InspectionDrawSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  abilities: Type.Object({ draw: Type.Boolean() }),
});
export type InspectionDrawPage = Static<typeof InspectionDrawPage>;

export const InspectionDrawQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2020, maximum: 2100 })),
  ...Paging,
});
export type InspectionDrawQuery = Static<typeof InspectionDrawQuery>;

export const InspectionDrawVerify = Type.Object({
  populationIntact: Type.Boolean(),
  sameDraw: Type.Boolean(),
  redrawn: Type.Array(Type.Object({ employerId: Type.Integer(), rank: Type.Integer() })),
});
export type InspectionDrawVerify = Static<typeof InspectionDrawVerify>;
