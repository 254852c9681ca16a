import { describe, expect, it } from 'vitest';
import { displayRules, roundForDisplay, roundTo } from './rounding';

describe('display rounding', () => {
  it.each([
    // GB/T 8170: 四舍六入五成双
    { v: 2.675, d: 2, m: 'gbt8170-half-even' as const, out: 2.68 }, // dropped 5, kept 7 is odd → up
    { v: 2.665, d: 2, m: 'gbt8170-half-even' as const, out: 2.66 }, // dropped 5, kept 6 is even → stays
    { v: 2.6651, d: 2, m: 'gbt8170-half-even' as const, out: 2.67 }, // more than half → up
    { v: 84.95, d: 1, m: 'gbt8170-half-even' as const, out: 85 }, // kept 9 odd → up
    { v: 84.85, d: 1, m: 'gbt8170-half-even' as const, out: 84.8 },
    { v: 0.1 + 0.2, d: 1, m: 'gbt8170-half-even' as const, out: 0.3 },
    { v: 2.665, d: 2, m: 'half-up' as const, out: 2.67 },
    { v: -1.25, d: 1, m: 'half-up' as const, out: -1.3 },
    { v: 1.23e-7, d: 9, m: 'half-up' as const, out: 1.23e-7 },
  ])('does round $v to $out when the rule is $m with $d decimals', ({ v, d, m, out }) => {
    expect(roundTo(v, d, m)).toBe(out);
  });

  it('does name the rule and say it is unverified when rounding for display', () => {
    const r = roundForDisplay(84.98970004336019, 'soundLevel');
    expect(r).toMatchObject({ value: 85, text: '85.0' });
    expect(r.rule.verified).toBe(false);
    expect(Object.values(displayRules).every((x) => x.basis.length > 0)).toBe(true);
  });
});
