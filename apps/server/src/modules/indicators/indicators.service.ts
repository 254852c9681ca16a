/**
 * 指标与驾驶舱 (issue 18): the catalogue of indicators with their targets, and the overview of a region
 * and period — every indicator's figure against the target that applies, per sub-region and as a
 * 12-month trend. Each indicator code has a computer here; the figures of other modules (declaration
 * rates, coverage, rectification, equipment) come from those modules' own scoped reports, the reporting
 * counts from the facts (liveCounts; the summary tables take over on the dashboard, issue 18 item 2).
 */
import {
  type IndicatorCatalogue,
  type IndicatorChildFigure,
  type IndicatorDefinition,
  type IndicatorOverview,
  type IndicatorOverviewQuery,
  type IndicatorPanel,
  type IndicatorRegion,
  type IndicatorTarget,
  type IndicatorTrendPoint,
  indicatorNearMargin,
} from '@ohp/contracts';
import { chinaToday, childrenOf } from '@ohp/reference';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { coverageReport } from '../coverage/index.js';
import { ratesReport } from '../declaration-oversight/index.js';
import { complianceReport, regionName, resolveRegion } from '../equipment/index.js';
import { summaryCounts } from '../indicator-summaries/index.js';
import { rectificationRatesFor } from '../rectifications/index.js';
import {
  asOfOf,
  figureOf,
  noDataFigure,
  parsePeriod,
  suppressChildren,
  suppressFigure,
  targetFor,
  trendWindow,
  type Period,
  type RawCounts,
} from './indicators.figures.js';
import {
  definitionRows,
  exposedCoverageRows,
  countMeasures,
  qcCoverageRows,
  targetRows,
  type CountArgs,
  type CountMeasure,
  type CountRow,
} from './indicators.repository.js';

type Db = Kysely<DB>;
/** Counts of people under this are hidden at county level and below (OHP_SMALL_COUNT_MIN). */
export const SMALL_COUNT_MIN = 5;
/** Indicators whose counts are people (cards, cases, reports, workers): small counts are hidden. */
const PEOPLE = new Set([
  'exam_card_report_rate',
  'exam_card_timeliness',
  'diagnosis_report_rate',
  'diagnosis_report_timeliness',
  'suspected_to_diagnosis',
  'exam_coverage_exposed',
]);

type TargetRow = IndicatorTarget & { indicatorCode: string };

const loadTargets = async (db: Db): Promise<TargetRow[]> =>
  (await targetRows(db)).map((t) => ({
    indicatorCode: t.indicator_code,
    provinceCode: t.province_code,
    value: Number(t.target_value),
    comparator: t.comparator as IndicatorTarget['comparator'],
    dueOn: t.due_on,
    document: { zh: t.document_zh, en: t.document_en },
    documentYear: t.document_year,
    quote: t.quote_zh,
    confidence: t.confidence as IndicatorTarget['confidence'],
    reference: false,
  }));

export const loadDefinitions = async (db: Db): Promise<IndicatorDefinition[]> => {
  const [defs, targets] = await Promise.all([definitionRows(db), loadTargets(db)]);
  return defs.map((d) => ({
    code: d.code,
    group: d.grp as IndicatorDefinition['group'],
    name: { zh: d.name_zh, en: d.name_en },
    unit: d.unit as IndicatorDefinition['unit'],
    direction: d.direction as IndicatorDefinition['direction'],
    periodKind: d.period_kind as IndicatorDefinition['periodKind'],
    levels: d.levels.map(Number),
    numerator: { zh: d.numerator_zh, en: d.numerator_en },
    denominator: { zh: d.denominator_zh, en: d.denominator_en },
    dataStatus: d.data_status as IndicatorDefinition['dataStatus'],
    caveat: d.caveat_zh && d.caveat_en ? { zh: d.caveat_zh, en: d.caveat_en } : null,
    confidence: d.confidence as IndicatorDefinition['confidence'],
    requirements: d.requirements,
    listPath: d.list_path,
    targets: targets.filter((t) => t.indicatorCode === d.code).map(({ indicatorCode: _c, ...t }) => t),
  }));
};

export const catalogue = async (db: Db): Promise<IndicatorCatalogue> => ({
  definitions: await loadDefinitions(db),
  nearMargin: indicatorNearMargin,
  smallCountMin: SMALL_COUNT_MIN,
});

// ---------------------------------------------------------------------------------------------------
// Computers: one per indicator code, each answering the region's total, its sub-regions and (for
// counted indicators) the months of the trend.

type Computed = {
  total: RawCounts;
  children: Map<string, RawCounts>;
  trend: Map<string, RawCounts> | null;
  note?: { zh: string; en: string } | null;
};

type Ctx = {
  db: Db;
  actor: Actor;
  lang: string;
  code: string;
  period: Period;
  asOf: string;
  today: string;
  /** Memoised inputs shared by several indicators. */
  memo: Map<string, Promise<unknown>>;
};

const memo = <T>(ctx: Ctx, key: string, f: () => Promise<T>): Promise<T> => {
  let p = ctx.memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = f();
    ctx.memo.set(key, p);
  }
  return p;
};

/**
 * The reporting counts, from the summary tables (indicator-summaries: kept by triggers in the facts' own
 * transactions, so fresh at commit; one statement over totals ∪ unmerged deltas).
 */
const countsFor = (ctx: Ctx, groupBy: CountArgs['groupBy'], fromMonth: string, toMonth: string) =>
  memo(ctx, `counts:${groupBy}:${fromMonth}:${toMonth}`, async () =>
    (
      await summaryCounts(ctx.db, {
        measures: [...countMeasures],
        regionPrefix: ctx.code,
        groupBy,
        fromMonth,
        toMonth,
      })
    ).map((r) => ({ measure: r.measure as CountMeasure, key: r.key, n: Number(r.n) })),
  );

const pick = (rows: CountRow[], measure: CountMeasure) => {
  const m = new Map<string, number>();
  for (const r of rows) if (r.measure === measure) m.set(r.key, (m.get(r.key) ?? 0) + r.n);
  return m;
};

/** A ratio of two count measures (or a count alone when `den` is null: the rate's denominator is not collected). */
const countComputer =
  (num: CountMeasure, den: CountMeasure | null) =>
  async (ctx: Ctx): Promise<Computed> => {
    const win = trendWindow(ctx.period, ctx.today);
    const [total, child, month] = await Promise.all([
      countsFor(ctx, 'total', ctx.period.from, ctx.period.to),
      countsFor(ctx, 'child', ctx.period.from, ctx.period.to),
      countsFor(ctx, 'month', win.from, win.to),
    ]);
    const pair = (rows: CountRow[]) => {
      const n = pick(rows, num);
      const d = den ? pick(rows, den) : null;
      const keys = new Set([...n.keys(), ...(d ? d.keys() : [])]);
      return new Map(
        [...keys].map(
          (k) => [k, { numerator: n.get(k) ?? 0, denominator: d ? (d.get(k) ?? 0) : null }] as const,
        ),
      );
    };
    const t = pair(total).get('') ?? { numerator: 0, denominator: den ? 0 : null };
    const trend = pair(month);
    for (const m of win.months)
      if (!trend.has(m)) trend.set(m, { numerator: 0, denominator: den ? 0 : null });
    return { total: t, children: pair(child), trend };
  };

const declarationComputer =
  (measure: 'a' | 'b' | 'industrial') =>
  async (ctx: Ctx): Promise<Computed> => {
    const r = await memo(ctx, 'declaration', () =>
      ratesReport(ctx.db, ctx.actor, { region: ctx.code, asOf: ctx.asOf }),
    );
    const of = (f: { denominator: number; declared: number }) => ({
      numerator: f.declared,
      denominator: f.denominator,
    });
    return {
      total: of(r.total.figures[measure]),
      children: new Map(r.children.map((c) => [c.regionCode, of(c.figures[measure])] as const)),
      trend: null,
    };
  };

const qcComputer =
  (years: 1 | 2) =>
  async (ctx: Ctx): Promise<Computed> => {
    const year = ctx.period.year;
    const rows = await qcCoverageRows(ctx.db, { regionPrefix: ctx.code, year, fromYear: year - years + 1 });
    const of = (r: { num: number; den: number } | undefined) => ({
      numerator: r?.num ?? 0,
      denominator: r?.den ?? 0,
    });
    return {
      total: of(rows.find((r) => r.key === '')),
      children: new Map(rows.filter((r) => r.key !== '').map((r) => [r.key, of(r)] as const)),
      trend: null,
      note:
        years === 2
          ? {
              zh: `${year - 1}—${year}年完成考核的，计入${year}年计划`,
              en: `Assessed in ${year - 1}–${year}, against the ${year} plan`,
            }
          : { zh: `${year}年计划`, en: `The ${year} plan` },
    };
  };

const rectificationComputer = async (ctx: Ctx): Promise<Computed> => {
  const r = await rectificationRatesFor(
    ctx.db,
    ctx.actor,
    { regionCode: ctx.code, from: ctx.period.from, to: ctx.asOf, basis: 'raised' },
    ctx.lang,
    ctx.today,
  );
  const of = (c: { total: number; closed: number }) => ({ numerator: c.closed, denominator: c.total });
  return {
    total: of(r.totals),
    children: new Map(r.regions.map((c) => [c.regionCode, of(c)] as const)),
    trend: null,
  };
};

const equipmentComputer =
  (domain: 'hygiene' | 'radiation') =>
  async (ctx: Ctx): Promise<Computed> => {
    const r = await memo(ctx, 'equipment', () =>
      complianceReport(ctx.db, ctx.actor, { region: ctx.code, date: ctx.asOf }),
    );
    const of = (domains: Array<{ domain: string; required: number; satisfied: number }>) => {
      const d = domains.find((x) => x.domain === domain);
      return { numerator: d?.satisfied ?? 0, denominator: d?.required ?? 0 };
    };
    return {
      total: of(r.total.domains),
      children: new Map(r.children.filter((c) => !c.own).map((c) => [c.regionCode, of(c.domains)] as const)),
      trend: null,
    };
  };

const coverageComputer =
  (kind: 'city' | 'county') =>
  async (ctx: Ctx): Promise<Computed> => {
    const r = await memo(ctx, 'coverage', () => coverageReport(ctx.db, ctx.actor, { region: ctx.code }));
    const rows = kind === 'city' ? r.cities : r.counties;
    const childLen = Math.min(6, ctx.code.length + 2);
    const children = new Map<string, RawCounts>();
    for (const row of rows) {
      const k = row.regionCode.slice(0, childLen);
      const c = children.get(k) ?? { numerator: 0, denominator: 0 };
      children.set(k, {
        numerator: (c.numerator ?? 0) + (row.met ? 1 : 0),
        denominator: (c.denominator ?? 0) + 1,
      });
    }
    return {
      total: { numerator: rows.filter((x) => x.met).length, denominator: rows.length },
      children: ctx.code.length >= 6 ? new Map<string, RawCounts>() : children,
      trend: null,
    };
  };

const exposedComputer = async (ctx: Ctx): Promise<Computed> => {
  const y = ctx.period.year;
  const rows = await exposedCoverageRows(ctx.db, {
    regionPrefix: ctx.code,
    from: `${y}-01-01`,
    to: `${y + 1}-01-01`,
  });
  const of = (r: { num: number; den: number } | undefined) => ({
    numerator: r?.num ?? 0,
    denominator: r?.den ?? 0,
  });
  return {
    total: of(rows.find((r) => r.key === '')),
    children: new Map(rows.filter((r) => r.key !== '').map((r) => [r.key, of(r)] as const)),
    trend: null,
    note: { zh: `按${y}全年计算`, en: `Counted over the whole of ${y}` },
  };
};

const computers: Record<string, (ctx: Ctx) => Promise<Computed>> = {
  exam_card_report_rate: countComputer('exam.cards', null),
  exam_card_timeliness: countComputer('exam.on_time', 'exam.cards'),
  diagnosis_report_rate: countComputer('diagnosis.reports', null),
  diagnosis_report_timeliness: countComputer('diagnosis.on_time', 'diagnosis.reports'),
  suspected_to_diagnosis: countComputer('suspected.resolved', 'suspected.found'),
  declaration_rate_a: declarationComputer('a'),
  declaration_rate_b: declarationComputer('b'),
  declaration_rate_industrial: declarationComputer('industrial'),
  qc_coverage_2y: qcComputer(2),
  qc_coverage_1y: qcComputer(1),
  qc_rectification_rate: rectificationComputer,
  equipment_hygiene: equipmentComputer('hygiene'),
  equipment_radiation: equipmentComputer('radiation'),
  city_public_diagnosis: coverageComputer('city'),
  county_public_exam: coverageComputer('county'),
  exam_coverage_exposed: exposedComputer,
};
/** Indicator codes computed from the platform's data (the others answer no_data with their caveat). */
export const computedIndicators = Object.keys(computers);

const regionOf = (code: string): IndicatorRegion => ({ code, name: regionName(code), level: code.length });

export const overview = async (
  db: Db,
  actor: Actor,
  q: IndicatorOverviewQuery,
  lang: string,
  today: string = chinaToday(),
): Promise<IndicatorOverview> =>
  overviewFor(db, actor, q.region, parsePeriod(q.period ?? today.slice(0, 4)), lang, today);

/** The overview of a region (in the actor's scope, else 404) for any period [from, to). */
export const overviewFor = async (
  db: Db,
  actor: Actor,
  regionParam: string | undefined,
  period: Period,
  lang: string,
  today: string = chinaToday(),
): Promise<IndicatorOverview> => {
  const region = resolveRegion(actor, regionParam);
  const code = region.code;
  const asOf = asOfOf(period, today);
  const [defs, targets] = await Promise.all([loadDefinitions(db), loadTargets(db)]);
  const kids = code.length >= 6 ? [] : childrenOf(code).filter((r) => !r.statisticalOnly);
  const ctx: Ctx = { db, actor, lang, code, period, asOf, today, memo: new Map() };
  const province = code.slice(0, 2);
  const panels: IndicatorPanel[] = [];
  for (const d of defs) {
    const target = targetFor(targets, d.code, province, asOf);
    const compute = computers[d.code];
    const people = PEOPLE.has(d.code);
    if (!compute || d.dataStatus === 'no_data' || !d.levels.includes(code.length)) {
      panels.push({
        code: d.code,
        figure: noDataFigure(),
        target,
        children: [],
        trend: [],
        asOf,
        note: null,
      });
      continue;
    }
    const c = await compute(ctx);
    const small = (f: ReturnType<typeof figureOf>, level: number) =>
      people && level >= 6 ? suppressFigure(f, SMALL_COUNT_MIN) : f;
    let children: IndicatorChildFigure[] = kids
      .filter(() => d.levels.includes(Math.min(6, code.length + 2)))
      .map((k) => ({
        regionCode: k.code,
        regionName: k.name,
        ...figureOf(
          d.unit,
          c.children.get(k.code) ?? {
            numerator: 0,
            denominator: d.dataStatus === 'partial' && c.total.denominator === null ? null : 0,
          },
          target,
        ),
      }));
    if (people && code.length + 2 >= 6) children = suppressChildren(children, SMALL_COUNT_MIN);
    const trend: IndicatorTrendPoint[] = c.trend
      ? [...c.trend.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([m, v]) => ({ period: m, ...small(figureOf(d.unit, v, target), code.length) }))
      : [];
    panels.push({
      code: d.code,
      figure: small(figureOf(d.unit, c.total, target), code.length),
      target,
      children,
      trend,
      asOf,
      note: c.note ?? null,
    });
  }
  return {
    region: regionOf(code),
    breadcrumb: region.path.map((p) => regionOf(p.code)),
    children: kids.map((k) => regionOf(k.code)),
    period: {
      param: period.param,
      grain: period.grain,
      label: period.label,
      from: period.from,
      to: period.to,
    },
    panels,
    generatedAt: new Date().toISOString(),
  };
};
