import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, generateInitialPassword, patternCoverage } from './password-policy.js';

describe('password policy', () => {
  it('needs 8 characters and 3 of 4 classes and refuses the username inside', () => {
    expect(checkPasswordPolicy('Lantern#Ox42', 'zhang')).toEqual([]);
    expect(checkPasswordPolicy('qmzvkrtl', 'zhang')).toEqual(['password_too_simple']);
    expect(checkPasswordPolicy('Ab1#', 'zhang')).toEqual(['password_too_short']);
    expect(checkPasswordPolicy('Zhang#2026', 'zhang')).toContain('password_contains_username');
    // Three classes without symbols is enough.
    expect(checkPasswordPolicy('Kestrel7Mango', 'li')).toEqual([]);
    // (Before: 'Abc#1234' and 'Abcdefg1' were the examples of acceptable passwords; the second is a
    // sequence and a listed password now, see below.)
  });

  it('refuses the passwords the probe got accepted, each with its reason', () => {
    const ctx = { username: 'probe', displayName: '张三' };
    expect(checkPasswordPolicy('Password1', ctx)).toContain('password_common');
    expect(checkPasswordPolicy('Qwerty123', ctx)).toContain('password_common');
    expect(checkPasswordPolicy('P@ssw0rd', ctx)).toContain('password_common');
    expect(checkPasswordPolicy('Admin@123', ctx)).toContain('password_common');
    expect(checkPasswordPolicy('Zhangsan123', ctx)).toContain('password_contains_name');
    // The placeholder name 张三 is refused for everybody, not only for 张三.
    expect(checkPasswordPolicy('Zhangsan123', 'someone')).toContain('password_common');
    expect(checkPasswordPolicy('Welcome2026', ctx)).toContain('password_common');
    expect(checkPasswordPolicy(' '.repeat(8) + 'A1a', ctx)).toEqual(['password_mostly_whitespace']);
  });

  it('reads through case, surrounding digits and symbols, and leetspeak', () => {
    for (const pw of ['PASSWORD!!', '2026Password', 'Pa$$w0rd#1', 'Dragon@2026', 'Mima@2026', 'Jilin#2026']) {
      expect(checkPasswordPolicy(pw, 'someone'), pw).toContain('password_common');
    }
  });

  it('refuses keyboard walks, sequences and repeats making up most of the password', () => {
    for (const pw of ['1qaz@WSX', '!QAZ2wsx', 'Qwer!234', 'Abcd1234!', 'Aaaa1111#', 'Zxcvbnm,./1']) {
      expect(checkPasswordPolicy(pw, 'someone'), pw).toContain('password_keyboard_pattern');
    }
    expect(patternCoverage('1qaz2wsx')).toBe(1);
    expect(patternCoverage('Kite#Ledger58')).toBeLessThan(0.6);
  });

  it('refuses the username, its parts, the display name and its pinyin', () => {
    const ctx = { username: 'clerk.zhang', displayName: '张文书' };
    expect(checkPasswordPolicy('Clerk#2026a', ctx)).toEqual(['password_contains_username']);
    expect(checkPasswordPolicy('Wenshu#2026x', ctx)).toEqual(['password_contains_name']);
    expect(checkPasswordPolicy('ZhangWenShu!9', ctx)).toContain('password_contains_name');
    expect(checkPasswordPolicy('张文书#2026ab', ctx)).toContain('password_contains_name');
    // Compound surnames and ü: 欧阳娜娜 → ouyangnana / nana; 吕小绿 → lvxiaolv.
    expect(checkPasswordPolicy('Ouyangnana#7', { username: 'oy', displayName: '欧阳娜娜' })).toContain(
      'password_contains_name',
    );
    expect(checkPasswordPolicy('Lvxiaolv#77', { username: 'lv', displayName: '吕小绿' })).toContain(
      'password_contains_name',
    );
    expect(checkPasswordPolicy('Harbour#Kite7a', ctx)).toEqual([]);
  });

  it('generates initial passwords that always satisfy the policy', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const pw = generateInitialPassword(() => Buffer.from(bytes));
        expect(pw).toHaveLength(12);
        expect(checkPasswordPolicy(pw, 'someone')).toEqual([]);
      }),
    );
  });
});
