/**
 * Common shapes of the standards engine: the citation every rule carries, edition selection by the date of
 * the event judged (never today's date), and the error result. Pure: no I/O, no clock.
 */
import { isIsoDate } from '@ohp/reference';

/** How sure we are of a rule or value (the tags of the project's domain notes). */
export type Confidence = 'V' | 'V3' | 'R' | 'C';

/** The citation carried by every rule and every verdict. */
export type RuleRef = {
  /** e.g. 'GBZ 2.1' */
  standard: string;
  /** e.g. 'GBZ 2.1-2019' or 'GBZ 2.1-2019 + 第1号修改单' */
  edition: string;
  /** Clause, table or annex, as far as it is known; "(number unverified)" where it is not. */
  clause: string;
  /** First day in force, YYYY-MM-DD. */
  effectiveFrom: string;
  /** Last day in force, or null while current. */
  effectiveTo: string | null;
  /** false where the rule or its dates were not checked against the official text. */
  verified: boolean;
  confidence: Confidence;
  note?: string;
};

/** One edition of a standard with the dates it is in force. */
export type Edition = {
  standard: string;
  edition: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** false where the in-force dates themselves were not confirmed. */
  datesConfirmed: boolean;
  source: string;
};

export type ErrorCode = 'invalid_input' | 'date_not_covered' | 'amendment_date_unset' | 'ambiguous_substance';

/** Returned (never thrown) when a calculation cannot be made; `reasons` say why. */
export type ErrorResult = { verdict: 'error'; error: ErrorCode; reasons: string[] };

export function errorResult(error: ErrorCode, ...reasons: string[]): ErrorResult {
  return { verdict: 'error', error, reasons };
}

export function isErrorResult(x: unknown): x is ErrorResult {
  return typeof x === 'object' && x !== null && (x as { verdict?: unknown }).verdict === 'error';
}

/** Thrown inside the package for bad input; calculators turn it into an ErrorResult. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function checkDate(date: unknown, what: string): string {
  if (typeof date !== 'string' || !isIsoDate(date)) {
    throw new InputError(`${what} must be a real date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return date;
}

export function checkNumber(
  x: unknown,
  what: string,
  opts: { min?: number; positive?: boolean } = {},
): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new InputError(`${what} must be a finite number`);
  if (opts.positive && !(x > 0)) throw new InputError(`${what} must be > 0, got ${x}`);
  if (opts.min !== undefined && x < opts.min) throw new InputError(`${what} must be ≥ ${opts.min}, got ${x}`);
  return x;
}

export function checkArray(x: unknown, what: string): unknown[] {
  if (!Array.isArray(x)) throw new InputError(`${what} must be an array`);
  return x as unknown[];
}

export function checkObject(x: unknown, what: string): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x))
    throw new InputError(`${what} must be an object`);
  return x as Record<string, unknown>;
}

export function inForce(e: { effectiveFrom: string; effectiveTo: string | null }, date: string): boolean {
  return e.effectiveFrom <= date && (e.effectiveTo === null || date <= e.effectiveTo);
}

/**
 * The edition in force on `date`, or a 'date_not_covered' error naming the editions loaded. Never falls
 * back to the nearest edition.
 */
export function editionFor<E extends Edition>(editions: readonly E[], date: string): E | ErrorResult {
  const found = editions.find((e) => inForce(e, date));
  if (found) return found;
  const loaded = editions
    .map((e) => `${e.edition} (${e.effectiveFrom} – ${e.effectiveTo ?? 'current'})`)
    .join('; ');
  return errorResult(
    'date_not_covered',
    `no loaded edition of ${editions[0]?.standard ?? 'the standard'} is in force on ${date}; loaded: ${loaded}`,
  );
}

/** Runs a calculation, turning InputError into an 'invalid_input' ErrorResult. Other errors propagate. */
export function guard<T>(fn: () => T): T | ErrorResult {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) return errorResult('invalid_input', e.message);
    throw e;
  }
}

/** Adds whole calendar months: same day-of-month, or the month's last day when it has no such day. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Comparisons at a limit. Values are kept unrounded, but binary floating point turns exact decimal
 * arithmetic into near misses (3 × 0.3 = 0.8999999999999999; 10·lg(10^8.5) = 85.00000000000001). A
 * difference below 1e-9 relative to the limit is treated as equality so that inclusive limits ("不超过")
 * stay inclusive. This is not rounding: 85.0001 still exceeds 85.
 */
export const COMPARISON_TOLERANCE = 1e-9;
const tol = (b: number) => COMPARISON_TOLERANCE * Math.max(1, Math.abs(b));
/** a ≤ b, inclusive, tolerant of floating-point noise. */
export const atMost = (a: number, b: number): boolean => a <= b + tol(b);
/** a ≥ b, inclusive, tolerant of floating-point noise. */
export const atLeast = (a: number, b: number): boolean => a >= b - tol(b);
/** A limit derived by multiplying a printed limit: k × L without binary noise (15 significant digits). */
export const scaled = (k: number, limit: number): number => Number((k * limit).toPrecision(15));
