import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  idNumberCheckChar,
  maskIdNumber,
  maskPhone,
  orgCodeCheckChar,
  validateCreditCode,
  validateIdNumber,
} from './codes/index';

const TODAY = '2026-06-30';
const pad = (n: number, w: number) => String(n).padStart(w, '0');

// A plausible 17-digit body: province 11–65, any area/sequence, a real birth date up to TODAY.
const idBody = fc
  .record({
    area: fc.integer({ min: 110000, max: 659999 }),
    day: fc.integer({ min: 0, max: 45_000 }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, day, seq }) => {
    const birth = new Date(Date.UTC(1905, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    return { body: `${area}${birth.replace(/-/g, '')}${pad(seq, 3)}`, birth, seq };
  })
  .filter(({ birth }) => birth <= TODAY);

describe('validateIdNumber', () => {
  it('does accept a known-good number when its check character matches', () => {
    // 11010519491231002X: the commonly cited example number (female, born 1949-12-31).
    expect(validateIdNumber('11010519491231002x', TODAY)).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      reasons: [],
    });
  });

  it('does accept every generated number when the check character is computed', () => {
    fc.assert(
      fc.property(idBody, ({ body, birth, seq }) => {
        const id = body + idNumberCheckChar(body);
        const result = validateIdNumber(id, TODAY);
        expect(result.ok).toBe(true);
        expect(result.birthDate).toBe(birth);
        expect(result.sex).toBe(seq % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('does reject a generated number when any one character is changed', () => {
    fc.assert(
      fc.property(
        idBody,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        ({ body }, pos, shift) => {
          const id = body + idNumberCheckChar(body);
          const alphabet = '0123456789X';
          const original = id[pos] ?? '0';
          const replacement = alphabet[(alphabet.indexOf(original) + shift) % 11] ?? '0';
          const mutated = id.slice(0, pos) + replacement + id.slice(pos + 1);
          expect(validateIdNumber(mutated, TODAY).ok).toBe(false);
        },
      ),
    );
  });

  it('does upgrade a legacy 15-digit number when it is valid', () => {
    fc.assert(
      fc.property(
        idBody.filter(({ birth }) => birth.startsWith('19')),
        ({ body }) => {
          const legacy = body.slice(0, 6) + body.slice(8, 17);
          const result = validateIdNumber(legacy, TODAY);
          expect(result.ok).toBe(true);
          expect(result.normalized).toBe(body + idNumberCheckChar(body));
          expect(result.warnings.map((w) => w.warning)).toContain('upgraded_from_15_digits');
        },
      ),
    );
  });

  it('does give a stable reason code when the number is malformed', () => {
    const reasons = (s: string) => validateIdNumber(s, TODAY).reasons.map((r) => r.reason);
    expect(reasons('')).toEqual(['empty']);
    expect(reasons('1101051949123100')).toEqual(['bad_length']);
    expect(reasons('11010519491231002A')).toEqual(['bad_char']);
    expect(reasons('11010519491231X02X')).toEqual(['bad_char']);
    const feb30 = '11010519490230002';
    expect(reasons(feb30 + idNumberCheckChar(feb30))).toEqual(['bad_birth_date']);
    const future = '11010520260701002';
    expect(reasons(future + idNumberCheckChar(future))).toEqual(['birth_date_in_future']);
    expect(reasons('110105194912310021')).toEqual(['check_digit_mismatch']);
  });

  it('does accept a birth date equal to today when today is passed', () => {
    const body = '11010520260630001';
    expect(validateIdNumber(body + idNumberCheckChar(body), TODAY).ok).toBe(true);
  });

  it('does fold full-width characters and spaces when normalising', () => {
    expect(validateIdNumber(' １１０１０５１９４９１２３１００２ｘ ', TODAY).normalized).toBe(
      '11010519491231002X',
    );
  });

  it('does warn but not reject when the province code is unknown', () => {
    const body = '99010519491231002';
    const result = validateIdNumber(body + idNumberCheckChar(body), TODAY);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.warning)).toEqual(['unknown_province_code']);
  });

  it('does throw when today is not a date', () => {
    expect(() => validateIdNumber('11010519491231002X', '2026-13-01')).toThrow(RangeError);
  });
});

const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET.split(''));
const creditBody = fc
  .tuple(
    fc.constantFrom('1', '5', '9', 'Y'),
    charsetChar,
    fc.integer({ min: 110000, max: 659999 }),
    fc.array(charsetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([authority, kind, region, org]) => `${authority}${kind}${region}${org.join('')}`);

describe('validateCreditCode', () => {
  it('does accept every generated code when the check character is computed', () => {
    fc.assert(
      fc.property(creditBody, (body) => {
        const result = validateCreditCode(body + creditCodeCheckChar(body));
        expect(result.ok).toBe(true);
        expect(result.reasons).toEqual([]);
      }),
    );
  });

  it('does reject a generated code when any one character is changed', () => {
    fc.assert(
      fc.property(
        creditBody,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (body, pos, shift) => {
          const code = body + creditCodeCheckChar(body);
          const original = code[pos] ?? '0';
          const replacement =
            CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(original) + shift) % 31] ?? '0';
          const mutated = code.slice(0, pos) + replacement + code.slice(pos + 1);
          expect(validateCreditCode(mutated).ok).toBe(false);
        },
      ),
    );
  });

  it('does warn only when the embedded organisation code fails its own check', () => {
    const orgBody = 'MA0Q1234';
    const good = `91220102${orgBody}${orgCodeCheckChar(orgBody)}`;
    const goodCode = good + creditCodeCheckChar(good);
    expect(validateCreditCode(goodCode)).toMatchObject({
      ok: true,
      warnings: [],
      orgCode: `${orgBody}${orgCodeCheckChar(orgBody)}`,
    });
    const wrongOrgCheck = orgCodeCheckChar(orgBody) === '1' ? '2' : '1';
    const bad = `91220102${orgBody}${wrongOrgCheck}`;
    const result = validateCreditCode(bad + creditCodeCheckChar(bad));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.warning)).toEqual(['org_code_check_mismatch']);
  });

  it('does compute the GB 11714 check with X and 0 when the remainder is 10 or 11', () => {
    // Σ = 0 → C = 11 → '0'; found by search for C = 10 → 'X'.
    expect(orgCodeCheckChar('00000000')).toBe('0');
    const bodies = Array.from({ length: 200 }, (_, i) => pad(i, 8));
    expect(bodies.map(orgCodeCheckChar)).toContain('X');
  });

  it('does give a stable reason code when the code is malformed', () => {
    const reasons = (s: string) => validateCreditCode(s).reasons.map((r) => r.reason);
    expect(reasons('')).toEqual(['empty']);
    expect(reasons('91220102MA0Q1234')).toEqual(['bad_length']);
    expect(reasons('91220102MA0Q1234IO')).toEqual(['bad_char']);
    const letters = '9122A102MA0Q12345';
    expect(reasons(letters + creditCodeCheckChar(letters))).toEqual(['bad_region_code']);
    const body = '91220102MA0Q12345';
    const wrong = creditCodeCheckChar(body) === '0' ? '1' : '0';
    expect(reasons(body + wrong)).toEqual(['check_digit_mismatch']);
  });

  it('does upper-case and trim the input when normalising', () => {
    const body = '91220102MA0Q12345';
    const code = body + creditCodeCheckChar(body);
    expect(validateCreditCode(` ${code.toLowerCase()} `).normalized).toBe(code);
  });
});

describe('masking', () => {
  it('does keep the area code and last four characters when masking an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
    expect(maskIdNumber('12345')).toBe('***45');
  });

  it('does keep the first three and last four digits when masking a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('+86138****5678');
    expect(maskPhone('0431-88886666')).toBe('****-****6666');
  });
});
