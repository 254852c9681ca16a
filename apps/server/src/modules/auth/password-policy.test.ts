import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, generateInitialPassword } from './password-policy.js';

describe('password policy', () => {
  it('needs 8 characters and 3 of 4 classes and refuses the username inside', () => {
    expect(checkPasswordPolicy('Abc#1234', 'zhang')).toEqual([]);
    expect(checkPasswordPolicy('abcdefgh', 'zhang')).toEqual(['password_too_simple']);
    expect(checkPasswordPolicy('Ab1#', 'zhang')).toEqual(['password_too_short']);
    expect(checkPasswordPolicy('Zhang#2026', 'zhang')).toEqual(['password_contains_username']);
    // Three classes without symbols is enough.
    expect(checkPasswordPolicy('Abcdefg1', 'li')).toEqual([]);
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
