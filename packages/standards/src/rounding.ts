/**
 * Display rounding. Every calculator returns unrounded numbers; a screen or report rounds them here, once,
 * by a named rule. The rule applied to each quantity is listed in `displayRules` with how sure we are that
 * it is the one the standard states. Numbers written into `reasons` (display text) go through `fmt` /
 * `fmtVs`, which build on the same rules but never let rounding hide or flip a comparison.
 */
import { COMPARISON_TOLERANCE } from './rules';

export type RoundingMethod =
  /** GB/T 8170-2008 数值修约规则: 四舍六入五成双 — a dropped part of exactly 5 rounds to the even digit. */
  | 'gbt8170-half-even'
  /** 四舍五入: a dropped part of exactly 5 rounds away from zero. */
  | 'half-up';

export type DisplayRule = {
  quantity: string;
  method: RoundingMethod;
  decimals: number;
  unit: string;
  basis: string;
  verified: boolean;
};

export const displayRules = Object.freeze({
  concentration: {
    quantity: 'C_TWA, C_STE, C_M, C_PE (mg/m³)',
    method: 'gbt8170-half-even',
    decimals: 2,
    unit: 'mg/m³',
    basis:
      'GBZ 2.1-2019 states no rounding rule in the material available; GB/T 8170 is the general Chinese rounding standard. Two decimals is a display choice (limits are printed with up to 3 significant figures). UNVERIFIED.',
    verified: false,
  },
  ratio: {
    quantity: 'Σ C/L, exposure ratio, reduction factor',
    method: 'gbt8170-half-even',
    decimals: 2,
    unit: '',
    basis: 'No rule stated in the material available; display choice. UNVERIFIED.',
    verified: false,
  },
  soundLevel: {
    quantity: 'L_EX,8h, L_EX,W, L_Aeq (dB(A))',
    method: 'gbt8170-half-even',
    decimals: 1,
    unit: 'dB(A)',
    basis:
      'GBZ/T 189.8-2007 results are customarily reported to 0.1 dB; the rounding rule itself was not read in the standard. UNVERIFIED.',
    verified: false,
  },
  hearingThreshold: {
    quantity: 'weighted / averaged hearing thresholds (dB HL)',
    method: 'gbt8170-half-even',
    decimals: 1,
    unit: 'dB',
    basis:
      'GBZ 49-2014 text not available; grading uses the unrounded value (see docs/STANDARDS.md). Display only. UNVERIFIED.',
    verified: false,
  },
  duration: {
    quantity: 'durations in reasons: T, t (h, min), years of exposure',
    method: 'gbt8170-half-even',
    decimals: 2,
    unit: 'h / min / years',
    basis: 'Inputs echoed in reasons, and their sums; display choice (no rule applies). UNVERIFIED.',
    verified: false,
  },
  dose: {
    quantity: 'Σ CᵢTᵢ (mg·h/m³)',
    method: 'gbt8170-half-even',
    decimals: 2,
    unit: 'mg·h/m³',
    basis:
      'Intermediate of C_TWA shown in reasons; display choice, same decimals as concentrations. UNVERIFIED.',
    verified: false,
  },
} satisfies Record<string, DisplayRule>);

export type DisplayQuantity = keyof typeof displayRules;

const POW10 = Array.from({ length: 13 }, (_, i) => 10 ** i);

/**
 * Rounds `value` to `decimals` places by `method`, deciding on the decimal digits so 2.675 stays 2.675.
 * When the part to drop is clearly below or above half a unit (more than 1e-5 of a unit from it, with at
 * most 9 digits kept) the decision cannot depend on binary noise and is taken on the scaled double;
 * anything nearer a tie goes through the decimal string (`roundToByDigits`). Both give the same result
 * (rounding.test.ts compares them on random and tie-adjacent values).
 */
export function roundTo(value: number, decimals: number, method: RoundingMethod): number {
  if (!Number.isFinite(value)) return value;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12)
    throw new RangeError('decimals must be 0–12');
  const scale = POW10[decimals]!;
  const scaled = Math.abs(value) * scale;
  if (scaled < 1e9) {
    const floor = Math.floor(scaled);
    const frac = scaled - floor;
    if (Math.abs(frac - 0.5) > 1e-5) {
      const n = frac > 0.5 ? floor + 1 : floor;
      return (value < 0 && n !== 0 ? -n : n) / scale;
    }
  }
  return roundToByDigits(value, decimals, method);
}

/** `roundTo` on the decimal string of `value` (15 significant digits), whatever the value. */
export function roundToByDigits(value: number, decimals: number, method: RoundingMethod): number {
  if (!Number.isFinite(value)) return value;
  const negative = value < 0;
  // 15 significant digits removes binary noise (0.1 + 0.2 → 0.3) before the decision on the dropped part.
  const [intPart, fracPart] = plainDecimal(Math.abs(value).toPrecision(15));
  const kept = fracPart.slice(0, decimals);
  const dropped = fracPart.slice(decimals);
  const digits = intPart + kept.padEnd(decimals, '0');
  let up: boolean;
  const first = dropped.charCodeAt(0) - 48;
  const restNonZero = /[1-9]/.test(dropped.slice(1));
  if (dropped === '' || first < 5) up = false;
  else if (first > 5 || restNonZero) up = true;
  else if (method === 'half-up') up = true;
  else up = (Number(digits.at(-1)) & 1) === 1; // exactly 5: to even
  let n = BigInt(digits) + (up ? 1n : 0n);
  if (negative) n = -n;
  return Number(n) / 10 ** decimals;
}

/** '1.23e-7' / '2.67500000000000' → ['0', '000000123'] / ['2', '67500000000000']. */
function plainDecimal(s: string): [string, string] {
  const [mantissa = '0', expText] = s.split('e');
  const exp = expText === undefined ? 0 : Number(expText);
  const [i = '0', f = ''] = mantissa.split('.');
  let digits = i + f;
  let point = i.length + exp;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length);
  }
  return [digits.slice(0, point), digits.slice(point)];
}

/** Rounds for display by the rule listed for the quantity; returns the number, its text and the rule used. */
export function roundForDisplay(
  value: number,
  quantity: DisplayQuantity,
): { value: number; text: string; rule: DisplayRule } {
  const rule: DisplayRule = displayRules[quantity];
  const rounded = roundTo(value, rule.decimals, rule.method);
  return { value: rounded, text: rounded.toFixed(rule.decimals), rule };
}

// ---------------------------------------------------------------------------------------------------
// Numbers in reasons
// ---------------------------------------------------------------------------------------------------

/** A number in a reason is written with at most this many decimals … */
export const REASON_MAX_DECIMALS = 4;
/**
 * … except below 0.01, where it keeps up to this many significant figures (0.00049 mg/m³ against a PC-TWA
 * of 0.0005 stays 0.00049). Every number keeps at least REASON_MAX_SIGNIFICANT − 1 significant figures.
 */
export const REASON_MAX_SIGNIFICANT = 3;

type Relation = -1 | 0 | 1;

/** How the engine compares: equal within COMPARISON_TOLERANCE relative to the limit (rules.ts). */
function judged(a: number, limit: number): Relation {
  if (Math.abs(a - limit) <= COMPARISON_TOLERANCE * Math.max(1, Math.abs(limit))) return 0;
  return a < limit ? -1 : 1;
}
const shown = (a: number, b: number): Relation => (a === b ? 0 : a < b ? -1 : 1);

/** Decimal places before the first significant digit plus one: 0.0005 → 4, 0.05 → 2, 0.5 → 1, 5 → 0. */
const lead = (x: number): number => {
  const a = Math.abs(x);
  return a > 0 && a < 1 ? -Math.floor(Math.log10(a)) : 0;
};
/** The quantity's display decimals, raised below 1 to keep REASON_MAX_SIGNIFICANT − 1 significant figures. */
const baseDecimals = (x: number, rule: DisplayRule): number =>
  Math.min(Math.max(rule.decimals, lead(x) + REASON_MAX_SIGNIFICANT - 2), maxDecimals(x));
/** REASON_MAX_DECIMALS, or more below 0.01 for REASON_MAX_SIGNIFICANT significant figures (≤ 12: roundTo). */
const maxDecimals = (x: number): number =>
  Math.min(12, Math.max(REASON_MAX_DECIMALS, lead(x) + REASON_MAX_SIGNIFICANT - 1));

/** Sentence form: trailing zeros and a bare point dropped, no "-0". */
function text(value: number, decimals: number): string {
  const t = value.toFixed(decimals);
  const trimmed = t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * The decimals and rounded value with which `value` is written so that, against every limit in `against`
 * (each rounded to the same decimals), the written relation (<, =, >) is the one the engine judged.
 */
function place(
  value: number,
  quantity: DisplayQuantity,
  against: readonly number[],
): { decimals: number; rounded: number } {
  const rule: DisplayRule = displayRules[quantity];
  const round = (x: number, d: number) => roundTo(x, d, rule.method);
  const limits = against.filter((b) => Number.isFinite(b));
  const max = Math.max(maxDecimals(value), ...limits.map(maxDecimals));
  for (let d = baseDecimals(value, rule); d <= max; d++) {
    const r = round(value, d);
    if (limits.every((b) => shown(r, round(b, d)) === judged(value, b))) return { decimals: d, rounded: r };
  }
  // The difference is below what `max` decimals can show: write the value on its judged side of the limit,
  // one last-place unit away from it (or equal to it when judged equal).
  const unit = 10 ** -max;
  let r = round(value, max);
  for (const b of limits) {
    const rb = round(b, max);
    const want = judged(value, b);
    if (shown(r, rb) !== want) r = want === 0 ? rb : round(rb + want * unit, max);
  }
  return { decimals: max, rounded: r };
}

/**
 * Formats a number for a reason by the display rule of its quantity: GB/T 8170 rounding to the rule's
 * decimals (at least 2 significant figures below 1), trailing zeros dropped, never more than
 * REASON_MAX_DECIMALS decimals (below 0.01: REASON_MAX_SIGNIFICANT significant figures). With `against`,
 * the decimals are raised, one at a time up to that cap, until the written value sits on the same side of
 * each limit as the unrounded value does (84.9897 against 85 is "84.99", never "85"); if the cap is not
 * enough, the value is written one last-place unit to its side of the limit. Result fields stay unrounded.
 */
export function fmt(value: number, quantity: DisplayQuantity, against?: number | readonly number[]): string {
  if (!Number.isFinite(value)) return String(value);
  const limits = against === undefined ? [] : typeof against === 'number' ? [against] : against;
  const { decimals, rounded } = place(value, quantity, limits);
  return text(rounded, decimals);
}

/**
 * A value and the limit it is compared with, written with the same decimals so the comparison printed
 * between them ("≤", ">") is visible: fmtVs(84.9897, 85, 'soundLevel') → ['84.99', '85'].
 */
export function fmtVs(value: number, limit: number, quantity: DisplayQuantity): [string, string] {
  if (!Number.isFinite(value) || !Number.isFinite(limit)) return [fmt(value, quantity), fmt(limit, quantity)];
  const { decimals, rounded } = place(value, quantity, [limit]);
  const rule: DisplayRule = displayRules[quantity];
  const ld = Math.max(decimals, baseDecimals(limit, rule));
  return [text(rounded, decimals), text(roundTo(limit, ld, rule.method), ld)];
}
