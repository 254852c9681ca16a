/** How a figure, a target and a period read on the dashboard (values, "<N", links, period params). */
import type { IndicatorDefinition, IndicatorFigure, IndicatorTarget, PeriodGrain } from '@ohp/contracts';
import { i18n } from '../../shared/i18n';

const isRate = (def: Pick<IndicatorDefinition, 'unit'>) => def.unit === 'percent' || def.unit === 'share';

const num = (v: number, lang: string) => v.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');

/** 42.0% (one decimal) for percents and shares, 1,234 for counts; "<N" when suppressed; — without data. */
export const fmtValue = (
  fig: Pick<IndicatorFigure, 'value' | 'suppressed'>,
  def: Pick<IndicatorDefinition, 'unit'>,
  smallCountMin: number,
): string => {
  if (fig.suppressed) return i18n.t('indicators.suppressed', { n: smallCountMin });
  if (fig.value === null) return i18n.t('indicators.noDataValue');
  return isRate(def) ? `${fig.value.toFixed(1)}%` : num(fig.value, i18n.language);
};

/**
 * "1,234 / 2,000"; "已收到 1,234" for a rate whose denominator is not collected (the count it has); null
 * when the figure has neither (suppressed, not collected).
 */
export const fmtFraction = (fig: IndicatorFigure): string | null =>
  fig.numerator !== null && fig.denominator === null
    ? i18n.t('indicators.countOnly', { numerator: num(fig.numerator, i18n.language) })
    : fig.numerator === null || fig.denominator === null
      ? null
      : i18n.t('indicators.fraction', {
          numerator: num(fig.numerator, i18n.language),
          denominator: num(fig.denominator, i18n.language),
        });

export const comparatorSymbol = (c: IndicatorTarget['comparator']): string =>
  c === 'ge' ? '≥' : c === 'le' ? '≤' : '=';

export const fmtTargetValue = (target: IndicatorTarget, def: Pick<IndicatorDefinition, 'unit'>): string => {
  const v = Number.isInteger(target.value) ? String(target.value) : target.value.toFixed(1);
  return isRate(def) ? `${v}%` : v;
};

/** The list behind a figure: its path with the region and the period added to any query it has. */
export const listHref = (listPath: string | null, region: string, period: string): string | null => {
  if (!listPath) return null;
  const [path, query] = listPath.split('?', 2) as [string, string | undefined];
  const qs = new URLSearchParams(query ?? '');
  qs.set('region', region);
  qs.set('period', period);
  return `${path}?${qs.toString()}`;
};

/** Today in China (YYYY-MM-DD), whatever the browser's time zone. */
export const chinaToday = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

export const grainOf = (period: string): PeriodGrain =>
  /-Q[1-4]$/.test(period) ? 'quarter' : /-\d{2}$/.test(period) ? 'month' : 'year';

/** The period's year and month (1–12) its picker shows: a year's and a quarter's first month. */
export const periodStart = (period: string): { year: number; month: number } => {
  const year = Number(period.slice(0, 4));
  const q = /-Q([1-4])$/.exec(period);
  if (q) return { year, month: (Number(q[1]) - 1) * 3 + 1 };
  const m = /-(\d{2})$/.exec(period);
  return { year, month: m ? Number(m[1]) : 1 };
};

export const periodParam = (year: number, month: number, grain: PeriodGrain): string =>
  grain === 'year'
    ? String(year)
    : grain === 'quarter'
      ? `${year}-Q${Math.floor((month - 1) / 3) + 1}`
      : `${year}-${String(month).padStart(2, '0')}`;

/**
 * The same period at another grain: a year becomes its running (or last) quarter or month, a quarter or
 * a month the year it falls in.
 */
export const changeGrain = (period: string, grain: PeriodGrain): string => {
  const { year, month } = periodStart(period);
  const today = chinaToday();
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  const from = grainOf(period);
  const m = from === 'year' ? (year === thisYear ? thisMonth : 12) : month;
  return periodParam(year, m, grain);
};
