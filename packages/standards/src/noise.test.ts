import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeLex8h,
  computeLexW,
  equivalentNoiseLimit,
  gradeNoiseHazard,
  judgeImpulseNoise,
  judgeNoiseExposure,
} from './noise';
import { err, ok, texts } from './test-helpers';

const D = '2024-06-01';
const lex = (exposure: Parameters<typeof computeLex8h>[0]['exposure']) =>
  ok(computeLex8h({ exposure })).value;

describe('L_EX,8h', () => {
  it.each([
    // 90 dB for 2 h + 80 dB for 6 h: (1/8)(2·10^9 + 6·10^8) = (2e9 + 6e8)/8 = 3.25e8; 10·lg(3.25e8) = 85.1188
    {
      exposure: {
        kind: 'segments' as const,
        segments: [
          { laeq: 90, hours: 2 },
          { laeq: 80, hours: 6 },
        ],
      },
      value: 85.11883360978874,
    },
    // 88 dB for 4 h: 88 + 10·lg(4/8) = 88 − 3.0103 = 84.9897
    { exposure: { kind: 'laeq' as const, laeqTe: 88, teHours: 4 }, value: 84.98970004336019 },
    // 85 dB for 10 h: 85 + 10·lg(10/8) = 85 + 0.9691 = 85.9691
    { exposure: { kind: 'laeq' as const, laeqTe: 85, teHours: 10 }, value: 85.96910013008056 },
  ])('does compute L_EX,8h $value when the exposure is $exposure', ({ exposure, value }) => {
    expect(lex(exposure)).toBeCloseTo(value, 9);
  });

  it('does give 85 when 85 dB(A) lasts 8 h', () => {
    expect(lex({ kind: 'segments', segments: [{ laeq: 85, hours: 8 }] })).toBeCloseTo(85, 12);
    expect(lex({ kind: 'laeq', laeqTe: 85, teHours: 8 })).toBe(85);
  });

  it('does lower L_EX,8h by 10·lg 2 when the exposure time is halved', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 40, max: 140, noNaN: true }),
        fc.double({ min: 0.1, max: 16, noNaN: true }),
        (l, t) => {
          const full = lex({ kind: 'laeq', laeqTe: l, teHours: t });
          const half = lex({ kind: 'laeq', laeqTe: l, teHours: t / 2 });
          expect(full - half).toBeCloseTo(10 * Math.log10(2), 9);
          const segFull = lex({ kind: 'segments', segments: [{ laeq: l, hours: t }] });
          const segHalf = lex({ kind: 'segments', segments: [{ laeq: l, hours: t / 2 }] });
          expect(segFull - segHalf).toBeCloseTo(10 * Math.log10(2), 9);
        },
      ),
    );
  });

  it('does agree between the segment form and the L_Aeq,Te form when there is one segment', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 40, max: 140, noNaN: true }),
        fc.double({ min: 0.1, max: 24, noNaN: true }),
        (l, t) => {
          expect(lex({ kind: 'segments', segments: [{ laeq: l, hours: t }] })).toBeCloseTo(
            lex({ kind: 'laeq', laeqTe: l, teHours: t }),
            9,
          );
        },
      ),
    );
  });
});

describe('L_EX,W', () => {
  it.each([
    // five days at 85: 10·lg[(1/5)·5·10^8.5] = 85
    { days: [85, 85, 85, 85, 85], value: 85 },
    // four days at 88: 10·lg[(4/5)·10^8.8] = 88 + 10·lg 0.8 = 88 − 0.9691 = 87.0309
    { days: [88, 88, 88, 88], value: 87.03089986991944 },
    // six days at 85: 85 + 10·lg(6/5) = 85.7918
    { days: [85, 85, 85, 85, 85, 85], value: 85.79181246047625 },
  ])('does compute L_EX,W $value when the days are $days', ({ days, value }) => {
    expect(ok(computeLexW({ dailyLex8h: days })).value).toBeCloseTo(value, 9);
  });
});

describe('85 dB(A) judgement (GBZ 2.2-2007)', () => {
  it.each([
    { exposure: { kind: 'lex8h' as const, lex8h: 85 }, verdict: 'compliant' },
    { exposure: { kind: 'lex8h' as const, lex8h: 85.0001 }, verdict: 'exceeds' },
    { exposure: { kind: 'segments' as const, segments: [{ laeq: 85, hours: 8 }] }, verdict: 'compliant' },
    { exposure: { kind: 'weekly' as const, dailyLex8h: [85, 85, 85, 85, 85] }, verdict: 'compliant' },
    { exposure: { kind: 'weekly' as const, dailyLex8h: [85, 85, 85, 85, 85, 85] }, verdict: 'exceeds' },
  ])('does judge $exposure as $verdict (不超过 85 inclusive)', ({ exposure, verdict }) => {
    const r = ok(judgeNoiseExposure({ eventDate: D, exposure }));
    expect(r.verdict).toBe(verdict);
    expect(r.limitDb).toBe(85);
    expect(r.edition).toBe('GBZ 2.2-2007');
  });

  it('does judge 88 dB(A) for 4 h (84.99 dB(A), just under the limit) as compliant and say so readably', () => {
    const r = ok(judgeNoiseExposure({ eventDate: D, exposure: { kind: 'laeq', laeqTe: 88, teHours: 4 } }));
    expect(r.verdict).toBe('compliant');
    expect(r.value).toBe(84.98970004336019); // unrounded
    expect(texts(r)).toEqual([
      'L_EX,8h = L_Aeq,Te + 10·lg(Te/8) = 88 + 10·lg(4/8) = 84.99 dB(A)',
      'L_EX,8h 84.99 dB(A) ≤ 85 dB(A) (GBZ 2.2—2007 §11; "not above 85 dB(A)" includes 85)',
      'L_EX,8h ≥ 80 dB(A): noise work (health surveillance applies)',
    ]);
    expect(texts(r, 'zh-CN')).toEqual([
      'L_EX,8h = L_Aeq,Te + 10·lg(Te/8) = 88 + 10·lg(4/8) = 84.99 dB(A)',
      'L_EX,8h 84.99 dB(A) ≤ 85 dB(A)（GBZ 2.2—2007 第11章；“不超过 85 dB(A)”含 85）',
      'L_EX,8h ≥ 80 dB(A)：属于噪声作业，应进行职业健康监护',
    ]);
  });

  it('does judge 92 dB(A) for 6 h (90.75 dB(A)) as exceeding', () => {
    const r = ok(judgeNoiseExposure({ eventDate: D, exposure: { kind: 'laeq', laeqTe: 92, teHours: 6 } }));
    expect(r.verdict).toBe('exceeds');
    expect(r.value).toBeCloseTo(90.750612633917, 9);
    expect(texts(r).at(-2)).toBe(
      'L_EX,8h 90.8 dB(A) > 85 dB(A) (GBZ 2.2—2007 §11; "not above 85 dB(A)" includes 85)',
    );
  });

  it.each([
    { level: 80, noiseWork: true },
    { level: 79.99, noiseWork: false },
  ])('does flag noise work ($noiseWork) when L_EX,8h is $level', ({ level, noiseWork }) => {
    expect(
      ok(judgeNoiseExposure({ eventDate: D, exposure: { kind: 'lex8h', lex8h: level } })).noiseWork,
    ).toBe(noiseWork);
  });

  it('does return date_not_covered when the date is before GBZ 2.2-2007', () => {
    expect(
      err(judgeNoiseExposure({ eventDate: '2007-10-31', exposure: { kind: 'lex8h', lex8h: 80 } })).error,
    ).toBe('date_not_covered');
  });
});

describe('impulse noise', () => {
  it.each([
    { n: 100, limit: 140 },
    { n: 101, limit: 130 },
    { n: 1000, limit: 130 },
    { n: 1001, limit: 120 },
    { n: 10000, limit: 120 },
  ])('does set the peak limit to $limit dB when there are $n impulses per shift', ({ n, limit }) => {
    const r = judgeImpulseNoise({ eventDate: D, impulsesPerShift: n });
    expect(r.verdict).toBe('limit_only');
    if (r.verdict === 'limit_only') expect(r.limitDb).toBe(limit);
  });

  it.each([
    { peak: 130, verdict: 'compliant' },
    { peak: 130.1, verdict: 'exceeds' },
  ])('does judge a peak of $peak dB inclusively when 500 impulses occur', ({ peak, verdict }) => {
    expect(judgeImpulseNoise({ eventDate: D, impulsesPerShift: 500, peakDb: peak }).verdict).toBe(verdict);
  });

  it('does say not_covered when there are more than 10000 impulses', () => {
    expect(judgeImpulseNoise({ eventDate: D, impulsesPerShift: 10001 }).verdict).toBe('not_covered');
  });
});

describe('equivalent limit for shorter exposure', () => {
  it.each([
    // 85 + 10·lg(8/8) = 85; 85 + 10·lg 2 = 88.0103; 85 + 10·lg 4 = 91.0206; 85 + 10·lg 8 = 94.0309
    { hours: 8, limit: 85 },
    { hours: 4, limit: 88.01029995663981 },
    { hours: 2, limit: 91.02059991327963 },
    { hours: 1, limit: 94.03089986991944 },
  ])('does give $limit dB(A) when the daily exposure is $hours h', ({ hours, limit }) => {
    const r = ok(equivalentNoiseLimit({ eventDate: D, hours }));
    expect(r.limit).toBeCloseTo(limit, 9);
    expect(Math.round(r.limit)).toBe([85, 88, 91, 94][Math.log2(8 / hours)]);
  });
});

describe('noise hazard grade (GBZ/T 229.4-2012, unverified table)', () => {
  it.each([
    { level: 84.99, verdict: 'below_grading', grade: null },
    { level: 85, verdict: 'graded', grade: 'Ⅰ' },
    { level: 89.99, verdict: 'graded', grade: 'Ⅰ' },
    { level: 90, verdict: 'graded', grade: 'Ⅱ' },
    { level: 95, verdict: 'graded', grade: 'Ⅲ' },
    { level: 100, verdict: 'graded', grade: 'Ⅳ' },
  ])('does grade $level dB(A) as $grade and mark it unverified', ({ level, verdict, grade }) => {
    const r = gradeNoiseHazard({ eventDate: D, level });
    expect(r.verdict).toBe(verdict);
    if (r.verdict === 'graded' || r.verdict === 'below_grading') {
      expect(r.grade?.grade ?? null).toBe(grade);
      expect(r.verified).toBe(false);
    }
  });
});
