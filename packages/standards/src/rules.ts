/**
 * Common shapes of the standards engine: the citation every rule carries, edition selection by the date of
 * the event judged (never today's date), and the error result. Pure: no I/O, no clock.
 */
import type { Msg } from './messages';
import { msg } from './messages';
import type { Issue, Schema } from './validate';
import { validate } from './validate';

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

/**
 * Returned (never thrown) when a calculation cannot be made; `reasons` say why. `issues` name the fields
 * of a refused input (`invalid_input`, `ambiguous_substance`): the server answers those with HTTP 400.
 */
export type ErrorResult = { verdict: 'error'; error: ErrorCode; reasons: Msg[]; issues?: Issue[] };

export function errorResult(error: ErrorCode, ...reasons: Msg[]): ErrorResult {
  return { verdict: 'error', error, reasons };
}

/** The refusal of an input: one reason per issue, naming the field. */
export function invalidInput(issues: readonly Issue[], error: ErrorCode = 'invalid_input'): ErrorResult {
  return {
    verdict: 'error',
    error,
    reasons: issues.map((i) =>
      msg('input.issue', { field: i.path === '' ? msg('term.input') : i.path, message: i.message }),
    ),
    issues: [...issues],
  };
}

export function isErrorResult(x: unknown): x is ErrorResult {
  return typeof x === 'object' && x !== null && (x as { verdict?: unknown }).verdict === 'error';
}

/** Thrown inside the package for bad input; calculators turn it into an ErrorResult naming the fields. */
export class InputError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue | Issue[]) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map((i) => `${i.path || 'input'}: ${i.reason}`).join('; '));
    this.name = 'InputError';
    this.issues = list;
  }
}

/** Throws an InputError for one field. */
export function refuse(path: string, reason: string, message: Msg): never {
  throw new InputError({ path, reason, message });
}

/** Validates `input` against a calculator's schema, throwing every issue found. */
export function checkSchema(schema: Schema, input: unknown): void {
  const issues = validate(schema, input);
  if (issues.length > 0) throw new InputError(issues);
}

export function inForce(e: { effectiveFrom: string; effectiveTo: string | null }, date: string): boolean {
  return e.effectiveFrom <= date && (e.effectiveTo === null || date <= e.effectiveTo);
}

/** "GBZ 2.1-2019" → "GBZ 2.1—2019": a designation as the standards print it, for reasons. */
export const designation = (edition: string): string => edition.replace(/(\d)-(\d{4})\b/g, '$1—$2');

/** An edition and the dates it is in force, for reasons. */
export const editionRange = (e: {
  edition: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}): Msg =>
  e.effectiveTo === null
    ? msg('edition.rangeOpen', { edition: designation(e.edition), from: e.effectiveFrom })
    : msg('edition.range', { edition: designation(e.edition), from: e.effectiveFrom, to: e.effectiveTo });

/**
 * The edition in force on `date`, or a 'date_not_covered' error naming the editions loaded. Never falls
 * back to the nearest edition.
 */
export function editionFor<E extends Edition>(editions: readonly E[], date: string): E | ErrorResult {
  const found = editions.find((e) => inForce(e, date));
  if (found) return found;
  return errorResult(
    'date_not_covered',
    msg('edition.notCovered', {
      standard: editions[0]?.standard ?? '',
      date,
      loaded: editions.map(editionRange),
    }),
  );
}

/** Runs a calculation, turning InputError into an 'invalid_input' ErrorResult. Other errors propagate. */
export function guard<T>(fn: () => T): T | ErrorResult {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) return invalidInput(e.issues);
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
