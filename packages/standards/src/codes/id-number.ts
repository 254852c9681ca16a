import { isIsoDate } from '@ohp/reference';

// GB 11643-1999 公民身份号码: 6-digit address code + YYYYMMDD + 3-digit sequence (odd = male) + check,
// check = ISO 7064 MOD 11-2: weights 2^(18−i) mod 11, char "10X98765432"[Σ mod 11].

export type IdNumberReason =
  'empty' | 'bad_length' | 'bad_char' | 'bad_birth_date' | 'birth_date_in_future' | 'check_digit_mismatch';

export type IdNumberWarning = 'unknown_province_code' | 'upgraded_from_15_digits';

export type IdNumberResult = {
  ok: boolean;
  /** 18-character form with an upper-case X (15-digit input upgraded), or null when it cannot be formed. */
  normalized: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  reasons: Array<{ reason: IdNumberReason; message: string }>;
  warnings: Array<{ warning: IdNumberWarning; message: string }>;
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Province-level prefixes (GB/T 2260) plus 83 used by 台湾居民居住证 (DOMAIN §9.1). Only a warning:
// the address code is the one valid at issue, so an unknown one is not proof of a bad number.
const PROVINCE_PREFIXES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(
    ' ',
  ),
);

/** The MOD 11-2 check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/** Trims, removes inner spaces, folds full-width characters and upper-cases 'x'. */
function clean(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * Validates a resident ID number (18-digit, or legacy 15-digit which is upgraded by inserting "19" and
 * appending the check char). `today` (YYYY-MM-DD) is supplied by the caller — no clock is read here —
 * and a birth date after it is rejected.
 */
export function validateIdNumber(input: string, today: string): IdNumberResult {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got "${today}"`);
  const s = clean(input);
  const result: IdNumberResult = {
    ok: false,
    normalized: null,
    birthDate: null,
    sex: null,
    reasons: [],
    warnings: [],
  };
  const fail = (reason: IdNumberReason, message: string) => {
    result.reasons.push({ reason, message });
    return result;
  };
  if (s === '') return fail('empty', 'ID number is empty');
  if (s.length !== 18 && s.length !== 15)
    return fail('bad_length', `ID number has ${s.length} characters; 18 (or legacy 15) expected`);

  let full: string;
  if (s.length === 15) {
    if (!/^\d{15}$/.test(s)) return fail('bad_char', 'a 15-digit ID number contains only digits');
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    full = first17 + idNumberCheckChar(first17);
    result.warnings.push({
      warning: 'upgraded_from_15_digits',
      message: 'legacy 15-digit number upgraded to 18 characters',
    });
  } else {
    if (!/^\d{17}[\dX]$/.test(s))
      return fail('bad_char', 'an ID number is 17 digits followed by a digit or X');
    full = s;
  }

  const birth = `${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`;
  if (!isIsoDate(birth)) {
    fail('bad_birth_date', `${birth} is not a calendar date`);
  } else if (birth > today) {
    fail('birth_date_in_future', `birth date ${birth} is after ${today}`);
  }
  const expected = idNumberCheckChar(full.slice(0, 17));
  if (full[17] !== expected)
    fail('check_digit_mismatch', `check character is ${full[17]}, expected ${expected}`);
  if (!PROVINCE_PREFIXES.has(full.slice(0, 2))) {
    result.warnings.push({
      warning: 'unknown_province_code',
      message: `address code ${full.slice(0, 6)} does not start with a known province code`,
    });
  }

  result.normalized = full;
  if (result.reasons.length === 0) {
    result.ok = true;
    result.birthDate = birth;
    result.sex = Number(full[16]) % 2 === 1 ? 'male' : 'female';
  }
  return result;
}
