// Calendar dates are 'YYYY-MM-DD' strings throughout; arithmetic goes through UTC day numbers so that
// the host time zone can never shift a date.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real Gregorian date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function assertIsoDate(s: string, what = 'date'): void {
  if (!isIsoDate(s)) throw new RangeError(`${what} must be a real date written YYYY-MM-DD, got "${s}"`);
}

/** Days since 1970-01-01 (UTC). */
export function toDayNumber(s: string): number {
  assertIsoDate(s);
  return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000;
}

export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(s: string, n: number): string {
  return fromDayNumber(toDayNumber(s) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(s: string): number {
  return new Date(toDayNumber(s) * 86_400_000).getUTCDay();
}

/**
 * China Standard Time (UTC+8, no daylight saving): the date a clerk in the province sees on the wall.
 * Legal clocks, receipts and "today" are China dates, whatever the server's time zone.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today's date in China, YYYY-MM-DD. */
export function chinaToday(now: number | Date = Date.now()): string {
  return new Date(Number(now) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China date of an instant (a timestamp); a YYYY-MM-DD string is returned as it is. */
export function chinaDayOf(at: Date | string): string {
  if (typeof at === 'string' && isIsoDate(at.slice(0, 10)) && at.length === 10) return at;
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
