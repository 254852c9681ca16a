/**
 * Pure rules of the indicators: periods, a figure's value and traffic light against its target, which
 * target applies, and the suppression of small counts. No database here (tested on their own).
 */
import {
  indicatorNearMargin,
  type IndicatorChildFigure,
  type IndicatorFigure,
  type IndicatorState,
  type IndicatorTarget,
  type IndicatorUnit,
  type PeriodGrain,
} from '@ohp/contracts';

export type Period = {
  param: string;
  grain: PeriodGrain;
  year: number;
  /** First day, inclusive. */
  from: string;
  /** First day after, exclusive. */
  to: string;
  label: { zh: string; en: string };
};

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (y: number, m: number) =>
  m > 12 ? `${y + 1}-${pad(m - 12)}-01` : m < 1 ? `${y - 1}-${pad(m + 12)}-01` : `${y}-${pad(m)}-01`;

/** `2026` · `2026-Q3` · `2026-11` → the period (the pattern is checked by the route's schema). */
export const parsePeriod = (param: string): Period => {
  const year = Number(param.slice(0, 4));
  const q = /^\d{4}-Q([1-4])$/.exec(param);
  if (q) {
    const n = Number(q[1]);
    return {
      param,
      grain: 'quarter',
      year,
      from: monthStart(year, (n - 1) * 3 + 1),
      to: monthStart(year, n * 3 + 1),
      label: { zh: `${year}年第${n}季度`, en: `Q${n} ${year}` },
    };
  }
  const m = /^\d{4}-(\d{2})$/.exec(param);
  if (m) {
    const n = Number(m[1]);
    return {
      param,
      grain: 'month',
      year,
      from: monthStart(year, n),
      to: monthStart(year, n + 1),
      label: { zh: `${year}年${n}月`, en: `${year}-${pad(n)}` },
    };
  }
  return {
    param,
    grain: 'year',
    year,
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
    label: { zh: `${year}年`, en: `${year}` },
  };
};

const dayBefore = (iso: string): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** The day as-of figures are taken: the period's last day, or today while the period runs. */
export const asOfOf = (p: Period, today: string): string => {
  const last = dayBefore(p.to);
  return today < last ? today : last;
};

/** The 12 months ending with the period's last month (or the current month while it runs): [from, to). */
export const trendWindow = (p: Period, today: string): { from: string; to: string; months: string[] } => {
  const end = asOfOf(p, today);
  const y = Number(end.slice(0, 4));
  const m = Number(end.slice(5, 7));
  const months: string[] = [];
  for (let i = 11; i >= 0; i--) months.push(monthStart(y, m - i).slice(0, 7));
  return { from: `${months[0]}-01`, to: monthStart(y, m + 1), months };
};

/** value of a figure: percent/share as a percentage with one decimal; count as is; null without a denominator. */
export const valueOf = (
  unit: IndicatorUnit,
  numerator: number | null,
  denominator: number | null,
): number | null => {
  if (numerator === null) return null;
  if (unit === 'count') return numerator;
  if (denominator === null || denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
};

/** The traffic light of a value against a target (percent targets: amber within the near margin). */
export const stateOf = (
  value: number | null,
  denominator: number | null,
  unit: IndicatorUnit,
  target: IndicatorTarget | null,
): IndicatorState => {
  if (unit !== 'count' && denominator === null) return 'no_data';
  if (unit !== 'count' && denominator === 0) return 'no_denominator';
  if (value === null) return 'no_data';
  if (!target) return 'no_target';
  const t = target.value;
  const margin = unit === 'count' ? 0 : indicatorNearMargin;
  switch (target.comparator) {
    case 'ge':
      return value >= t ? 'met' : value >= t - margin ? 'near' : 'below';
    case 'le':
      return value <= t ? 'met' : value <= t + margin ? 'near' : 'below';
    case 'eq':
      return value === t ? 'met' : Math.abs(value - t) <= margin ? 'near' : 'below';
  }
};

export type RawCounts = { numerator: number | null; denominator: number | null };

export const figureOf = (
  unit: IndicatorUnit,
  c: RawCounts,
  target: IndicatorTarget | null,
): IndicatorFigure => {
  const value = valueOf(unit, c.numerator, c.denominator);
  return {
    value,
    numerator: c.numerator,
    denominator: c.denominator,
    state: stateOf(value, c.denominator, unit, target),
    suppressed: false,
  };
};

export const noDataFigure = (): IndicatorFigure => ({
  value: null,
  numerator: null,
  denominator: null,
  state: 'no_data',
  suppressed: false,
});

type TargetRow = IndicatorTarget & { indicatorCode: string };

/**
 * The target that applies in a province on a date: the province's own, else the national one ('00'),
 * else another province's stated figure marked as a reference. Among several due dates the first not yet
 * past on the date, else the latest.
 */
export const targetFor = (
  rows: TargetRow[],
  code: string,
  provinceCode: string,
  onDate: string,
): IndicatorTarget | null => {
  const pick = (list: TargetRow[]) => {
    if (!list.length) return null;
    const sorted = [...list].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    return sorted.find((t) => t.dueOn >= onDate) ?? sorted[sorted.length - 1]!;
  };
  const mine = rows.filter((t) => t.indicatorCode === code);
  const own = pick(mine.filter((t) => t.provinceCode === provinceCode));
  if (own) return strip(own, false);
  const national = pick(mine.filter((t) => t.provinceCode === '00'));
  if (national) return strip(national, false);
  const others = mine
    .filter((t) => t.provinceCode !== provinceCode)
    .sort((a, b) => (a.provinceCode < b.provinceCode ? -1 : 1));
  const first = others[0];
  return first ? strip(pick(others.filter((t) => t.provinceCode === first.provinceCode))!, true) : null;
};

const strip = ({ indicatorCode: _c, ...t }: TargetRow, reference: boolean): IndicatorTarget => ({
  ...t,
  reference,
});

/**
 * Small counts (people: cards, cases, reports) at county level are hidden when 0 < n < min: the figure
 * shows "<min" and neither count. When exactly one sub-region of a parent would be hidden, the next
 * smallest is hidden too (secondary suppression), so the hidden one cannot be derived from the total.
 */
export const suppressFigure = (f: IndicatorFigure, min: number): IndicatorFigure => {
  const small = (n: number | null) => n !== null && n > 0 && n < min;
  if (!small(f.numerator) && !small(f.denominator)) return f;
  return { ...f, value: null, numerator: null, denominator: null, suppressed: true };
};

export const suppressChildren = (rows: IndicatorChildFigure[], min: number): IndicatorChildFigure[] => {
  const out = rows.map((r) => ({ ...r, ...suppressFigure(r, min) }));
  const hidden = out.filter((r) => r.suppressed).length;
  if (hidden === 1) {
    const candidates = out
      .map((r, i) => ({ r, i, n: rows[i]!.denominator ?? rows[i]!.numerator ?? 0 }))
      .filter((x) => !x.r.suppressed && x.n > 0)
      .sort((a, b) => a.n - b.n);
    const next = candidates[0];
    if (next) out[next.i] = { ...next.r, value: null, numerator: null, denominator: null, suppressed: true };
  }
  return out;
};
