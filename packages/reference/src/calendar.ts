import calendarData from '../datasets/working-calendar.json' with { type: 'json' };
import { addDays, assertIsoDate, dayOfWeek, toDayNumber } from './dates';

// National working-day calendar: statutory holidays and 调休 make-up workdays from the State Council
// notices (via chinese-days@1.5.7, see DATA-SOURCES), plus an administrator override table.
// For a year that is not loaded, Monday–Friday count as working days and results say `provisional`.

export type CalendarDay = {
  date: string;
  kind: 'holiday' | 'workday';
  /** Festival name, e.g. 国庆节. */
  name: string;
  nameEn?: string;
  /** Where the entry comes from: the notice URL for shipped data, the admin's citation for overrides. */
  source: string;
  inLieu?: boolean;
};

export type CalendarOverride = { date: string; kind: 'holiday' | 'workday'; name: string; source: string };

export type DayInfo = {
  date: string;
  working: boolean;
  /** weekday/weekend by the week; holiday or makeup_workday from a notice or override. */
  kind: 'weekday' | 'weekend' | 'holiday' | 'makeup_workday';
  name: string | null;
  source: string | null;
  /** The date's year is not loaded: only the week was used. */
  provisional: boolean;
};

/**
 * Conventions for "N working days before a start date" (e.g. R47: notify ≥5 working days before an
 * outbound exam):
 * - 'clear_days' (default): neither the notice day nor the start day counts — at least N working days
 *   lie strictly between them. The stricter reading.
 * - 'notice_day_counts': the notice day counts as the first of the N (if it is a working day), the start
 *   day does not.
 * Either way the answer is a working day (the latest on which the notice can still be given).
 */
export type WorkingDaysBeforeConvention = 'clear_days' | 'notice_day_counts';

export type WorkingCalendar = {
  /** Whether the date is a working day (provisional for years not loaded: see coverage). */
  isWorkingDay(date: string): boolean;
  describeDay(date: string): DayInfo;
  /**
   * The n-th working day after `date` (n > 0) or before it (n < 0), not counting `date` itself;
   * n = 0 returns `date`.
   */
  addWorkingDays(date: string, n: number): { date: string; provisional: boolean };
  /** Working days d with a < d ≤ b (negative when b < a), so that addWorkingDays(a, k) = b gives k when b is a working day. */
  workingDaysBetween(a: string, b: string): { days: number; provisional: boolean };
  /** The latest working day on which something is "n working days before" `startDate`, under `convention`. */
  workingDaysBefore(
    startDate: string,
    n: number,
    convention?: WorkingDaysBeforeConvention,
  ): { date: string; provisional: boolean; convention: WorkingDaysBeforeConvention };
  coverage(date: string): { loaded: boolean; year: number };
  /** The last year whose full arrangement is loaded. */
  lastLoadedYear: number;
  loadedYears: readonly number[];
};

/** Provenance of the shipped calendar (package, years, notice URLs). */
export const workingCalendarMeta = calendarData.meta;

const notices = calendarData.meta.notices as Record<string, string>;

/** The shipped holiday and make-up workday entries (2024–2026). */
export const calendarDays: readonly CalendarDay[] = Object.freeze(
  calendarData.days.map((d) => ({
    date: d.date,
    kind: d.kind as CalendarDay['kind'],
    name: d.name,
    nameEn: d.nameEn,
    source: notices[d.date.slice(0, 4)] ?? calendarData.meta.source,
    inLieu: d.inLieu,
  })),
);

/**
 * Builds a calendar from the shipped data plus overrides (an override replaces the shipped entry for
 * its date). `extraLoadedYears` declares years whose complete arrangement the overrides supply (e.g. an
 * administrator entered the 2027 notice), so those years stop being provisional. With
 * `includeShipped: false` the overrides are the whole calendar (the server's table, which holds the
 * shipped days itself) and only `extraLoadedYears` are loaded.
 */
export function createCalendar(
  overrides: CalendarOverride[] = [],
  options: { extraLoadedYears?: number[]; includeShipped?: boolean } = {},
): WorkingCalendar {
  const includeShipped = options.includeShipped ?? true;
  const entries = new Map<string, CalendarDay>();
  if (includeShipped) for (const d of calendarDays) entries.set(d.date, d);
  for (const o of overrides) {
    assertIsoDate(o.date, 'override date');
    if (o.kind !== 'holiday' && o.kind !== 'workday')
      throw new RangeError(`override ${o.date}: kind must be holiday or workday`);
    if (!o.source.trim()) throw new RangeError(`override ${o.date}: a source (the notice) is required`);
    entries.set(o.date, { date: o.date, kind: o.kind, name: o.name, source: o.source });
  }
  const loadedYears = Object.freeze(
    [
      ...new Set([
        ...(includeShipped ? calendarData.meta.years.map(Number) : []),
        ...(options.extraLoadedYears ?? []),
      ]),
    ].sort((a, b) => a - b),
  );
  const loaded = new Set(loadedYears);
  const lastLoadedYear = loadedYears[loadedYears.length - 1] ?? 0;

  function describeDay(date: string): DayInfo {
    assertIsoDate(date);
    const provisional = !loaded.has(Number(date.slice(0, 4)));
    const entry = entries.get(date);
    if (entry) {
      const working = entry.kind === 'workday';
      return {
        date,
        working,
        kind: working ? 'makeup_workday' : 'holiday',
        name: entry.name,
        source: entry.source,
        provisional,
      };
    }
    const dow = dayOfWeek(date);
    const weekend = dow === 0 || dow === 6;
    return {
      date,
      working: !weekend,
      kind: weekend ? 'weekend' : 'weekday',
      name: null,
      source: null,
      provisional,
    };
  }

  function addWorkingDays(date: string, n: number): { date: string; provisional: boolean } {
    if (!Number.isInteger(n)) throw new RangeError('n must be an integer');
    let provisional = describeDay(date).provisional;
    let current = date;
    let remaining = Math.abs(n);
    const step = n < 0 ? -1 : 1;
    while (remaining > 0) {
      current = addDays(current, step);
      const info = describeDay(current);
      provisional ||= info.provisional;
      if (info.working) remaining--;
    }
    return { date: current, provisional };
  }

  function workingDaysBetween(a: string, b: string): { days: number; provisional: boolean } {
    const [from, to, sign] = toDayNumber(a) <= toDayNumber(b) ? [a, b, 1] : [b, a, -1];
    let days = 0;
    let provisional = false;
    for (let d = from; d < to;) {
      d = addDays(d, 1);
      const info = describeDay(d);
      provisional ||= info.provisional;
      if (info.working) days++;
    }
    return { days: sign * days, provisional };
  }

  function workingDaysBefore(
    startDate: string,
    n: number,
    convention: WorkingDaysBeforeConvention = 'clear_days',
  ) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
    // clear_days: n working days strictly between, so the notice is the (n+1)-th working day back.
    const back = convention === 'clear_days' ? n + 1 : n;
    const result = addWorkingDays(startDate, -back);
    return { ...result, convention };
  }

  return {
    isWorkingDay: (date) => describeDay(date).working,
    describeDay,
    addWorkingDays,
    workingDaysBetween,
    workingDaysBefore,
    coverage: (date) => {
      assertIsoDate(date);
      const year = Number(date.slice(0, 4));
      return { loaded: loaded.has(year), year };
    },
    lastLoadedYear,
    loadedYears,
  };
}
