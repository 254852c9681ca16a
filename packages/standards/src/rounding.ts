/**
 * Display rounding. Every calculator returns unrounded numbers; a screen or report rounds them here, once,
 * by a named rule. The rule applied to each quantity is listed in `displayRules` with how sure we are that
 * it is the one the standard states.
 */

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
} satisfies Record<string, DisplayRule>);

export type DisplayQuantity = keyof typeof displayRules;

/** Rounds `value` to `decimals` places by `method`, working on the decimal string so 2.675 stays 2.675. */
export function roundTo(value: number, decimals: number, method: RoundingMethod): number {
  if (!Number.isFinite(value)) return value;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12)
    throw new RangeError('decimals must be 0–12');
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
