import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayRules, fmt, fmtVs, roundForDisplay, roundTo, roundToByDigits } from './rounding';
import { COMPARISON_TOLERANCE } from './rules';

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

  it('does round the way the decimal-string path does, near ties and far from them', () => {
    const methods = ['gbt8170-half-even', 'half-up'] as const;
    // Values just beside a tie at each number of decimals (x.xx5 ± a few ulps) and arbitrary doubles.
    const nearTie = fc
      .tuple(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: -4, max: 4 }),
      )
      .map(([n, d, ulps]) => {
        const tie = (n + 0.5) / 10 ** d;
        return { v: tie + ulps * Number.EPSILON * Math.max(1, Math.abs(tie)), d };
      });
    const anyValue = fc.record({
      v: fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }),
      d: fc.integer({ min: 0, max: 12 }),
    });
    fc.assert(
      fc.property(fc.oneof(nearTie, anyValue), fc.constantFrom(...methods), ({ v, d }, m) => {
        expect(roundTo(v, d, m)).toBe(roundToByDigits(v, d, m));
      }),
      { numRuns: 20_000 },
    );
    // The shortcut is taken for most values: this one is far from a tie, 2.675 is one.
    expect(roundTo(2.6751, 2, 'gbt8170-half-even')).toBe(2.68);
    expect(roundTo(2.675, 2, 'gbt8170-half-even')).toBe(roundToByDigits(2.675, 2, 'gbt8170-half-even'));
  });

  it('does name the rule and say it is unverified when rounding for display', () => {
    const r = roundForDisplay(84.98970004336019, 'soundLevel');
    expect(r).toMatchObject({ value: 85, text: '85.0' });
    expect(r.rule.verified).toBe(false);
    expect(Object.values(displayRules).every((x) => x.basis.length > 0)).toBe(true);
  });
});

describe('numbers in reasons (fmt, fmtVs)', () => {
  it.each([
    { v: 31.599999999999998, q: 'hearingThreshold' as const, out: '31.6' },
    { v: 84.98970004336019, q: 'soundLevel' as const, out: '85' },
    { v: 40, q: 'concentration' as const, out: '40' },
    { v: 0.0005, q: 'concentration' as const, out: '0.0005' }, // smallest printed GBZ 2.1 limit survives
    { v: 0.00625, q: 'concentration' as const, out: '0.0062' }, // 2 significant figures, GB/T 8170 half-even
    { v: 0.8333333333333334, q: 'ratio' as const, out: '0.83' },
    { v: 0.30000000000000004, q: 'duration' as const, out: '0.3' },
    { v: -0, q: 'ratio' as const, out: '0' },
  ])('does write $v as $out when the quantity is $q', ({ v, q, out }) => {
    expect(fmt(v, q)).toBe(out);
  });

  it.each([
    { v: 84.98970004336019, limit: 85, q: 'soundLevel' as const, out: ['84.99', '85'] },
    { v: 85.0001, limit: 85, q: 'soundLevel' as const, out: ['85.0001', '85'] },
    { v: 85 + 1e-12, limit: 85, q: 'soundLevel' as const, out: ['85', '85'] }, // equal within tolerance
    { v: 49.996, limit: 50, q: 'concentration' as const, out: ['49.996', '50'] },
    { v: 0.00049, limit: 0.0005, q: 'concentration' as const, out: ['0.00049', '0.0005'] },
    { v: 41.66668, limit: (50 * 5) / 6, q: 'concentration' as const, out: ['41.6668', '41.6667'] },
    // below the limit by less than 4 decimals can show: one last-place unit below it
    { v: 84.999999, limit: 85, q: 'soundLevel' as const, out: ['84.9999', '85'] },
  ])('does write $v against $limit as $out', ({ v, limit, q, out }) => {
    expect(fmtVs(v, limit, q)).toEqual(out);
  });

  it('does write a value inside the band it was graded in when given the band bounds', () => {
    expect(fmt(40.97, 'hearingThreshold', [26, 41, 56])).toBe('40.97');
    expect(fmt(89.96, 'soundLevel', [85, 90, 95, 100])).toBe('89.96');
    expect(fmt(92, 'soundLevel', [85, 90, 95, 100])).toBe('92');
  });

  it('does never flip or hide the comparison the engine made, and never write more than 4 decimals', () => {
    const relation = (a: number, b: number) =>
      Math.abs(a - b) <= COMPARISON_TOLERANCE * Math.max(1, Math.abs(b)) ? 0 : Math.sign(a - b);
    fc.assert(
      fc.property(
        fc.constantFrom(85, 80, 40, 26, 41, 1, 50, 0.5, 3 * 0.3, (50 * 5) / 6),
        fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        fc.constantFrom(...(Object.keys(displayRules) as (keyof typeof displayRules)[])),
        (limit, delta, q) => {
          const value = limit + delta;
          const [v, l] = fmtVs(value, limit, q);
          expect(Math.sign(Number(v) - Number(l))).toBe(relation(value, limit));
          expect(v).not.toMatch(/\.\d{5,}/);
          expect(l).not.toMatch(/\.\d{5,}/);
          // and the written value is never further from the value than the rule's own rounding allows
          expect(Math.abs(Number(v) - value)).toBeLessThanOrEqual(
            0.5 * 10 ** -displayRules[q].decimals + 1e-9,
          );
        },
      ),
    );
  });
});
