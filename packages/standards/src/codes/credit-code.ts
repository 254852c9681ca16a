// GB 32100-2015 统一社会信用代码: 18 characters from a 31-symbol set (no I, O, S, V, Z).
// pos 1 登记管理部门, 2 机构类别, 3–8 行政区划码, 9–17 主体标识码 (GB 11714 组织机构代码), 18 check.

export type CreditCodeReason =
  'empty' | 'bad_length' | 'bad_char' | 'bad_region_code' | 'check_digit_mismatch';
export type CreditCodeWarning = 'unknown_registration_authority' | 'org_code_check_mismatch';

export type CreditCodeResult = {
  ok: boolean;
  normalized: string | null;
  /** The embedded GB 11714 organisation code (9 characters), when the structure allows. */
  orgCode: string | null;
  reasons: Array<{ reason: CreditCodeReason; message: string }>;
  warnings: Array<{ warning: CreditCodeWarning; message: string }>;
};

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const REGISTRATION_AUTHORITIES = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']);
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 32100 check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) throw new RangeError(`character ${first17[i]} is not in the GB 32100 set`);
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] ?? '';
}

/** The GB 11714-1997 check character for an 8-character organisation-code body (digits and A–Z). */
export function orgCodeCheckChar(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) throw new RangeError('expected 8 characters 0-9/A-Z');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i] ?? '0';
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Validates a unified social credit code. The GB 32100 check character is binding; the embedded
 * organisation-code check (GB 11714) and the registration-authority symbol are warnings only, because
 * the registry guarantees them and some historical codes are irregular.
 */
export function validateCreditCode(input: string): CreditCodeResult {
  const s = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const result: CreditCodeResult = { ok: false, normalized: null, orgCode: null, reasons: [], warnings: [] };
  const fail = (reason: CreditCodeReason, message: string) => {
    result.reasons.push({ reason, message });
    return result;
  };
  if (s === '') return fail('empty', 'credit code is empty');
  if (s.length !== 18) return fail('bad_length', `credit code has ${s.length} characters; 18 expected`);
  const badChars = [...s].filter((c) => !CREDIT_CODE_CHARSET.includes(c));
  if (badChars.length > 0)
    return fail('bad_char', `characters not allowed in a credit code: ${[...new Set(badChars)].join('')}`);

  if (!/^\d{6}$/.test(s.slice(2, 8)))
    fail('bad_region_code', `positions 3–8 (${s.slice(2, 8)}) must be a 6-digit division code`);
  const expected = creditCodeCheckChar(s.slice(0, 17));
  if (s[17] !== expected) fail('check_digit_mismatch', `check character is ${s[17]}, expected ${expected}`);

  if (!REGISTRATION_AUTHORITIES.has(s[0] ?? '')) {
    result.warnings.push({
      warning: 'unknown_registration_authority',
      message: `registration authority symbol ${s[0]} is not one of GB 32100's`,
    });
  }
  const org = s.slice(8, 17);
  result.orgCode = org;
  const orgCheck = org[8] ?? '';
  if (orgCodeCheckChar(org.slice(0, 8)) !== orgCheck) {
    result.warnings.push({
      warning: 'org_code_check_mismatch',
      message: `embedded organisation code ${org} fails the GB 11714 check`,
    });
  }
  result.normalized = s;
  result.ok = result.reasons.length === 0;
  return result;
}
