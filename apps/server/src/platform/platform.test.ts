import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './audit.js';
import type { Actor } from './authz/actor.js';
import { regionInScope, scopeOf } from './authz/scope.js';
import { createCrypto, maskPhone } from './crypto.js';
import { toHalfWidth } from './imports/sheet.js';
import { randomBytes } from 'node:crypto';

const actor = (kind: Actor['organisationKind'], region: string): Actor => ({
  userId: 1,
  username: 'u',
  displayName: 'u',
  organisationId: 7,
  organisationKind: kind,
  regionCode: region,
  roleKeys: [],
  permissions: new Set(),
  duties: new Set(),
});

describe('scope', () => {
  it('gives regulators and support institutions their region subtree', () => {
    expect(scopeOf(actor('health_commission', '2201'), 'business')).toEqual({
      kind: 'region',
      prefix: '2201',
    });
    expect(scopeOf(actor('support_institution', '220102'), 'administration')).toEqual({
      kind: 'region',
      prefix: '220102',
    });
  });
  it('gives the QC centre its whole province even when placed at a city', () => {
    expect(scopeOf(actor('qc_centre', '2201'), 'business')).toEqual({ kind: 'region', prefix: '22' });
  });
  it('confines service institutions and employers to themselves', () => {
    for (const k of [
      'exam_institution',
      'diagnosis_institution',
      'service_institution',
      'rehab_station',
      'employer',
    ] as const) {
      expect(scopeOf(actor(k, '220102'), 'business')).toEqual({ kind: 'organisation', organisationId: 7 });
    }
  });
  it('gives platform administrators administration data but no business data', () => {
    expect(scopeOf(actor('platform_operator', '22'), 'administration')).toEqual({ kind: 'all' });
    expect(scopeOf(actor('platform_operator', '22'), 'business')).toEqual({ kind: 'none' });
  });
  it('places a region inside a prefix scope only when the code starts with it', () => {
    expect(regionInScope({ kind: 'region', prefix: '2201' }, '220102')).toBe(true);
    expect(regionInScope({ kind: 'region', prefix: '2201' }, '2202')).toBe(false);
    expect(regionInScope({ kind: 'none' }, '22')).toBe(false);
  });
});

describe('canonical JSON for the audit chain', () => {
  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
    );
  });
});

describe('personal-data crypto', () => {
  it('round-trips, never repeats a ciphertext and detects tampering', () => {
    const c = createCrypto(randomBytes(32));
    const a = c.encrypt('220102199003071234');
    expect(c.decrypt(a)).toBe('220102199003071234');
    expect(c.encrypt('220102199003071234')).not.toBe(a);
    const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'BB' : 'AA');
    expect(() => c.decrypt(tampered)).toThrow();
    expect(c.keyedHash('x')).toBe(c.keyedHash('x'));
    expect(createCrypto(randomBytes(32)).keyedHash('x')).not.toBe(c.keyedHash('x'));
  });
  it('masks phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('spreadsheet text', () => {
  it('turns full-width letters, digits and spaces into half-width', () => {
    expect(toHalfWidth('ＡＢＣ１２３　（测试）')).toBe('ABC123 (测试)');
  });
});
