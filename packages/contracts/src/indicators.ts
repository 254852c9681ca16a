/**
 * Contracts of 指标与驾驶舱 (indicators and the regulator's dashboard, issue 18; R20, R21, R34, R40, R46).
 * An indicator is data (table `indicator_definition`): what it counts, over which period, at which region
 * levels, in which direction, and — where the platform lacks the data — the caveat shown instead of a
 * silent zero. Targets (table `indicator_target`) are per province with the document, year and sentence
 * they come from; a province without its own target sees the national one, else another province's
 * stated figure marked 参照 (reference) — never an invented number.
 */
import { Type, type Static } from 'typebox';
import { RegionCode } from './schemas.js';

export const indicatorUnits = ['percent', 'count', 'share'] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];
/** `period`: counted over the period; `as_of`: a state at the period's end; `cycle2y`: the period's year and the one before. */
export const indicatorPeriodKinds = ['period', 'as_of', 'cycle2y'] as const;
export type IndicatorPeriodKind = (typeof indicatorPeriodKinds)[number];
/** `data`: computed from the platform's facts; `partial`: one side or the rule is missing or uncertain; `no_data`: not collected. */
export const indicatorDataStatuses = ['data', 'partial', 'no_data'] as const;
export type IndicatorDataStatus = (typeof indicatorDataStatuses)[number];
export const indicatorGroups = [
  'reporting',
  'declaration',
  'qc',
  'capacity',
  'coverage',
  'monitoring',
  'rehabilitation',
  'sme',
] as const;
export type IndicatorGroup = (typeof indicatorGroups)[number];
export const indicatorGroupLabels: Record<IndicatorGroup, { zh: string; en: string }> = {
  reporting: { zh: '报告与诊断', en: 'Reporting and diagnosis' },
  declaration: { zh: '申报扩面', en: 'Hazard declaration' },
  qc: { zh: '质量控制', en: 'Quality control' },
  capacity: { zh: '服务能力', en: 'Service capacity' },
  coverage: { zh: '健康检查覆盖', en: 'Exam coverage' },
  monitoring: { zh: '监测与执法', en: 'Monitoring and enforcement' },
  rehabilitation: { zh: '尘肺病康复', en: 'Pneumoconiosis rehabilitation' },
  sme: { zh: '中小微企业帮扶', en: 'SME assistance' },
};

/**
 * Traffic light of a figure against its target: met; near (within `nearMargin` of it, in the target's
 * direction); below; no_target (the figure has no target anywhere); no_data (not collected);
 * no_denominator (nothing was due: 无应报对象 — never shown as 0 % or 100 %).
 */
export const indicatorStates = ['met', 'near', 'below', 'no_target', 'no_data', 'no_denominator'] as const;
export type IndicatorState = (typeof indicatorStates)[number];
/** The states' names in reports and exports. */
export const indicatorStateLabels: Record<IndicatorState, { zh: string; en: string }> = {
  met: { zh: '达标', en: 'Met' },
  near: { zh: '接近目标', en: 'Near' },
  below: { zh: '未达标', en: 'Below' },
  no_target: { zh: '无目标', en: 'No target' },
  no_data: { zh: '暂无数据', en: 'No data' },
  no_denominator: { zh: '无应报对象', en: 'Nothing due' },
};
/** Percentage points under a percent target still shown amber (platform's choice, stated on the page). */
export const indicatorNearMargin = 5;

export const periodGrains = ['month', 'quarter', 'year'] as const;
export type PeriodGrain = (typeof periodGrains)[number];
/** `2026` · `2026-Q3` · `2026-11`. */
export const PeriodParam = Type.String({
  pattern: '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$',
  description: 'Period: a year (2026), a quarter (2026-Q3) or a month (2026-11)',
  examples: ['2026'],
});

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const IndicatorTarget = Type.Object({
  provinceCode: Type.String({ description: '00 = national' }),
  value: Type.Number({ description: 'Percent for percent indicators' }),
  comparator: Type.Union([Type.Literal('ge'), Type.Literal('le'), Type.Literal('eq')]),
  dueOn: Type.String({ format: 'date' }),
  document: Text,
  documentYear: Type.Integer(),
  quote: Type.String({ description: 'The sentence of the document that states the target (zh)' }),
  confidence: Type.Union([Type.Literal('stated'), Type.Literal('uncertain')]),
  /** true: another province's stated figure shown for reference (the user's province has set none). */
  reference: Type.Boolean(),
});
export type IndicatorTarget = Static<typeof IndicatorTarget>;

export const IndicatorDefinition = Type.Object({
  code: Type.String(),
  group: Type.Unsafe<IndicatorGroup>(Type.Union(indicatorGroups.map((g) => Type.Literal(g)))),
  name: Text,
  unit: Type.Unsafe<IndicatorUnit>(Type.Union(indicatorUnits.map((u) => Type.Literal(u)))),
  direction: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  periodKind: Type.Unsafe<IndicatorPeriodKind>(Type.Union(indicatorPeriodKinds.map((p) => Type.Literal(p)))),
  /** Region levels it is shown at (2 = province, 4 = city, 6 = county). */
  levels: Type.Array(Type.Integer()),
  numerator: Text,
  denominator: Text,
  dataStatus: Type.Unsafe<IndicatorDataStatus>(Type.Union(indicatorDataStatuses.map((s) => Type.Literal(s)))),
  /** Shown with every figure of a partial or no-data indicator: what is missing or uncertain. */
  caveat: Type.Union([Text, Type.Null()]),
  /** The rule's confidence (verified / reported / uncertain), as in docs/STANDARDS.md. */
  confidence: Type.Union([Type.Literal('verified'), Type.Literal('reported'), Type.Literal('uncertain')]),
  /** Requirement ids of the policy digest it answers (R21 …). */
  requirements: Type.Array(Type.String()),
  /** The web list behind the figure (a path; the page adds region and period), null when there is none. */
  listPath: Type.Union([Type.String(), Type.Null()]),
  /** Every target known for it (all provinces), for the catalogue. */
  targets: Type.Array(IndicatorTarget),
});
export type IndicatorDefinition = Static<typeof IndicatorDefinition>;

export const IndicatorCatalogue = Type.Object({
  definitions: Type.Array(IndicatorDefinition),
  nearMargin: Type.Number(),
  /** Counts of people under this are shown as "<N" at county level and by institution. */
  smallCountMin: Type.Integer(),
});
export type IndicatorCatalogue = Static<typeof IndicatorCatalogue>;

export const IndicatorOverviewQuery = Type.Object({
  region: Type.Optional(RegionCode),
  period: Type.Optional(PeriodParam),
});
export type IndicatorOverviewQuery = Static<typeof IndicatorOverviewQuery>;

/** One figure: value = numerator / denominator (percent: × 100), or a count. */
export const IndicatorFigure = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  numerator: Type.Union([Type.Integer(), Type.Null()]),
  denominator: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.Unsafe<IndicatorState>(Type.Union(indicatorStates.map((s) => Type.Literal(s)))),
  /** Small counts hidden (numerator and denominator null, value null) so no worker can be identified. */
  suppressed: Type.Boolean(),
});
export type IndicatorFigure = Static<typeof IndicatorFigure>;

export const IndicatorChildFigure = Type.Intersect([
  Type.Object({ regionCode: Type.String(), regionName: Type.String() }),
  IndicatorFigure,
]);
export type IndicatorChildFigure = Static<typeof IndicatorChildFigure>;

export const IndicatorTrendPoint = Type.Intersect([
  Type.Object({ period: Type.String({ description: 'YYYY-MM' }) }),
  IndicatorFigure,
]);
export type IndicatorTrendPoint = Static<typeof IndicatorTrendPoint>;

export const IndicatorPanel = Type.Object({
  code: Type.String(),
  figure: IndicatorFigure,
  /** The target that applies to the region's province (own, else national, else reference), or null. */
  target: Type.Union([IndicatorTarget, Type.Null()]),
  /** One row per sub-region (empty at county level), in region-code order; the page ranks them. */
  children: Type.Array(IndicatorChildFigure),
  /** The 12 months ending with the period's last month, for indicators counted per month; else empty. */
  trend: Type.Array(IndicatorTrendPoint),
  /** The date the as-of figures are taken at (the period's last day, or today when the period is running). */
  asOf: Type.String({ format: 'date' }),
  /** Extra words for this figure (e.g. which years the two-year cycle covers). */
  note: Type.Union([Text, Type.Null()]),
});
export type IndicatorPanel = Static<typeof IndicatorPanel>;

export const IndicatorRegion = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer({ description: '0 national, 2 province, 4 city, 6 county' }),
});
export type IndicatorRegion = Static<typeof IndicatorRegion>;

export const IndicatorOverview = Type.Object({
  region: IndicatorRegion,
  /** From the user's own region down to this one (drill-down breadcrumb). */
  breadcrumb: Type.Array(IndicatorRegion),
  /** The sub-regions one can drill into (empty at county level). */
  children: Type.Array(IndicatorRegion),
  period: Type.Object({
    param: Type.String(),
    grain: Type.Unsafe<PeriodGrain>(Type.Union(periodGrains.map((g) => Type.Literal(g)))),
    label: Text,
    from: Type.String({ format: 'date' }),
    /** Exclusive. */
    to: Type.String({ format: 'date' }),
  }),
  panels: Type.Array(IndicatorPanel),
  generatedAt: Type.String({ format: 'date-time' }),
});
export type IndicatorOverview = Static<typeof IndicatorOverview>;

/** 预警与待办 (issue 18 item 4): the deadlines engine's clocks summarised per sub-region and kind. */
export const IndicatorTodosQuery = Type.Object(
  { region: Type.Optional(RegionCode) },
  { additionalProperties: false },
);
export type IndicatorTodosQuery = Static<typeof IndicatorTodosQuery>;

export const IndicatorTodoCounts = Type.Object({
  /** Not done, due before today. */
  overdue: Type.Integer(),
  /** Not done, due within the next days (todoDueSoonDays). */
  dueSoon: Type.Integer(),
  /** Not done (overdue and due soon included). */
  open: Type.Integer(),
  /** Overdue clocks the regulators were warned about (the overdue sweep's notification). */
  warned: Type.Integer(),
});
export type IndicatorTodoCounts = Static<typeof IndicatorTodoCounts>;

export const IndicatorTodoRow = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  /** true: clocks whose regulator is this region itself (本级), not a sub-region. */
  own: Type.Boolean(),
  total: IndicatorTodoCounts,
  /** Per clock kind (deadline_rule.kind). */
  byKind: Type.Record(Type.String(), IndicatorTodoCounts),
});
export type IndicatorTodoRow = Static<typeof IndicatorTodoRow>;

export const IndicatorTodos = Type.Object({
  region: IndicatorRegion,
  asOf: Type.String({ format: 'date' }),
  /** The kinds present, with their names (deadline_rule). */
  kinds: Type.Array(Type.Object({ kind: Type.String(), name: Text })),
  total: IndicatorTodoRow,
  rows: Type.Array(IndicatorTodoRow),
});
export type IndicatorTodos = Static<typeof IndicatorTodos>;

/**
 * 调度与评估报告 (issue 18 item 5; R20): 季调度 (a quarter), 年评估 (a year) and the November progress
 * report (工作进展报告, January–October of the year): per region, each computed indicator's figure against
 * its target, the change from the previous period and the lagging sub-regions; the indicators not
 * collected with their caveats; the open clocks.
 */
export const indicatorReportKinds = ['quarterly', 'annual', 'progress'] as const;
export type IndicatorReportKind = (typeof indicatorReportKinds)[number];
export const indicatorReportTitles: Record<IndicatorReportKind, { zh: string; en: string }> = {
  quarterly: { zh: '职业病防治工作季调度报告', en: 'Quarterly dispatch report' },
  annual: { zh: '职业病防治工作年度评估报告', en: 'Yearly evaluation report' },
  progress: { zh: '职业病防治工作进展报告', en: 'November progress report' },
};

export const IndicatorReportQuery = Type.Object(
  {
    kind: Type.Unsafe<IndicatorReportKind>(Type.Union(indicatorReportKinds.map((k) => Type.Literal(k)))),
    region: Type.Optional(RegionCode),
    period: Type.Optional(PeriodParam),
    lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type IndicatorReportQuery = Static<typeof IndicatorReportQuery>;

export const IndicatorReportLagging = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  state: Type.Unsafe<IndicatorState>(Type.Union(indicatorStates.map((s) => Type.Literal(s)))),
});

export const IndicatorReportRow = Type.Object({
  code: Type.String(),
  name: Text,
  unit: Type.Unsafe<IndicatorUnit>(Type.Union(indicatorUnits.map((u) => Type.Literal(u)))),
  figure: IndicatorFigure,
  target: Type.Union([IndicatorTarget, Type.Null()]),
  previous: Type.Union([Type.Number(), Type.Null()]),
  /** value − previous (percentage points for percentages), null when either is missing. */
  change: Type.Union([Type.Number(), Type.Null()]),
  /** Sub-regions below or near the target, worst first. */
  lagging: Type.Array(IndicatorReportLagging),
  caveat: Type.Union([Text, Type.Null()]),
});
export type IndicatorReportRow = Static<typeof IndicatorReportRow>;

export const IndicatorReport = Type.Object({
  kind: Type.Unsafe<IndicatorReportKind>(Type.Union(indicatorReportKinds.map((k) => Type.Literal(k)))),
  title: Text,
  region: IndicatorRegion,
  period: Type.Object({ param: Type.String(), label: Text, from: Type.String(), to: Type.String() }),
  previousPeriod: Type.Object({ label: Text, from: Type.String(), to: Type.String() }),
  rows: Type.Array(IndicatorReportRow),
  notCollected: Type.Array(
    Type.Object({ code: Type.String(), name: Text, caveat: Type.Union([Text, Type.Null()]) }),
  ),
  clocks: IndicatorTodoCounts,
  generatedAt: Type.String({ format: 'date-time' }),
});
export type IndicatorReport = Static<typeof IndicatorReport>;
