import { describe, expect, it } from 'vitest';
import { ageCorrection, assessNoiseDeafness, gradeOf, weightedThreshold } from './hearing';
import type { Audiogram } from './hearing';
import { err, ok, texts } from './test-helpers';
import { renderMsg } from './messages';

const D = '2024-06-01';
const flat = (low: number, high: number): Audiogram => ({
  500: low,
  1000: low,
  2000: low,
  3000: high,
  4000: high,
  6000: high,
});

describe('GBZ 49-2014 audiometric criteria', () => {
  it('does compute the weighted threshold as 0.9 × mean(500,1000,2000) + 0.1 × 4000', () => {
    // 0.9 × (30 + 30 + 35)/3 + 0.1 × 60 = 0.9 × 31.667 + 6 = 28.5 + 6 = 34.5
    expect(weightedThreshold({ 500: 30, 1000: 30, 2000: 35, 3000: 50, 4000: 60, 6000: 55 })).toBeCloseTo(
      34.5,
      12,
    );
  });

  it.each([
    { w: 25.99, grade: null },
    { w: 26, grade: '轻度噪声聋' },
    { w: 40, grade: '轻度噪声聋' },
    { w: 40.5, grade: '轻度噪声聋' },
    { w: 41, grade: '中度噪声聋' },
    { w: 55, grade: '中度噪声聋' },
    { w: 56, grade: '重度噪声聋' },
  ])('does grade a better-ear value of $w as $grade', ({ w, grade }) => {
    expect(gradeOf(w)).toBe(grade);
  });

  it('does grade by the better ear when the input is already corrected', () => {
    // left: 0.9 × 30 + 0.1 × 60 = 33; right: 0.9 × 45 + 0.1 × 60 = 46.5 → better ear left 33 → 轻度
    // high-frequency average (60 × 6)/6 = 60 ≥ 40
    const r = ok(
      assessNoiseDeafness({
        eventDate: D,
        left: flat(30, 60),
        right: flat(45, 60),
        correction: 'already_corrected',
        noiseExposureYears: 5,
      }),
    );
    expect(r).toMatchObject({
      verdict: 'meets_criteria',
      grade: '轻度噪声聋',
      betterEar: 'left',
      correctionApplied: 'already_corrected',
    });
    expect(r.betterEarWeighted).toBeCloseTo(33, 12);
    expect(renderMsg(r.correctionNote, 'en')).toContain('already corrected');
    expect(renderMsg(r.correctionNote, 'zh-CN')).toBe('输入已声明经过年龄、性别校正，此处不再校正');
  });

  it('does subtract the GB/T 7582 medians when correction is requested (man, 45 → age-40 row)', () => {
    // M 40: 500 2, 1000 2, 2000 3, 3000 6, 4000 8, 6000 9
    // left corrected: 28, 28, 32, 44, 52, 46 → weighted 0.9 × 88/3 + 0.1 × 52 = 26.4 + 5.2 = 31.6
    // right corrected: 23, 28, 27, 39, 47, 41 → weighted 0.9 × 78/3 + 4.7 = 23.4 + 4.7 = 28.1
    // HF average (44 + 52 + 46 + 39 + 47 + 41) / 6 = 269 / 6 = 44.833 ≥ 40; better ear right 28.1 → 轻度
    const r = ok(
      assessNoiseDeafness({
        eventDate: D,
        left: { 500: 30, 1000: 30, 2000: 35, 3000: 50, 4000: 60, 6000: 55 },
        right: { 500: 25, 1000: 30, 2000: 30, 3000: 45, 4000: 55, 6000: 50 },
        correction: 'gbt7582',
        sex: 'M',
        age: 45,
        noiseExposureYears: 10,
      }),
    );
    expect(r.weightedLeft).toBeCloseTo(31.6, 12);
    expect(r.weightedRight).toBeCloseTo(28.1, 12);
    expect(r.binauralHighFrequencyAverage).toBeCloseTo(269 / 6, 12);
    expect(r).toMatchObject({ verdict: 'meets_criteria', grade: '轻度噪声聋', betterEar: 'right' });
    expect(renderMsg(r.correctionNote, 'en')).toContain('age 40');
    expect(renderMsg(r.correctionNote, 'zh-CN')).toContain('男性 40 岁组');
    // reasons are display text: 31.6, not 31.599999999999998 (the fields above stay unrounded)
    expect(texts(r)).toContain(
      'monaural weighted thresholds: left 31.6 dB, right 28.1 dB; the better ear is the right ear, 28.1 dB',
    );
    expect(texts(r, 'zh-CN')).toContain('单耳听阈加权值：左耳 31.6 dB，右耳 28.1 dB；较好耳为右耳，28.1 dB');
    expect(texts(r)).toContain('binaural high-frequency average 44.8 dB ≥ 40 dB');
  });

  it('does write a better ear just below a grade bound on its own side of the bound', () => {
    // weighted 0.9 × 41 + 0.1 × 40.7 = 40.97 < 41: 轻度, and the reason must not say 41.0
    const r = ok(
      assessNoiseDeafness({
        eventDate: D,
        left: { ...flat(41, 50), 4000: 40.7 },
        right: { ...flat(41, 50), 4000: 40.8 },
        correction: 'already_corrected',
        noiseExposureYears: 5,
      }),
    );
    expect(r.grade).toBe('轻度噪声聋');
    expect(texts(r)).toContain(
      'monaural weighted thresholds: left 40.97 dB, right 40.98 dB; the better ear is the left ear, 40.97 dB',
    );
    expect(texts(r, 'zh-CN')).toContain('较好耳 40.97 dB → 轻度噪声聋（GBZ 49—2014）');
  });

  it.each([
    { age: 19, tableAge: null, db: 0 },
    { age: 20, tableAge: 20, db: 0 },
    { age: 69, tableAge: 60, db: 28 }, // 0.0160 × (60 − 18)² = 28.2 → 28
    { age: 85, tableAge: 70, db: 43 }, // 0.0160 × (70 − 18)² = 43.3 → 43
  ])('does use the decade row $tableAge when the man is $age (4000 Hz)', ({ age, tableAge, db }) => {
    expect(ageCorrection('M', age, 4000)).toEqual({ db, tableAge });
  });

  it.each([
    // HF average exactly 40 → precondition met (≥ 40 inclusive)
    { high: 40, years: 3, verdict: 'meets_criteria' },
    { high: 39.9, years: 3, verdict: 'does_not_meet' },
    { high: 60, years: 2.99, verdict: 'does_not_meet' },
  ])(
    'does apply the preconditions when HF is $high dB and exposure $years years',
    ({ high, years, verdict }) => {
      const r = ok(
        assessNoiseDeafness({
          eventDate: D,
          left: flat(35, high),
          right: flat(35, high),
          correction: 'already_corrected',
          noiseExposureYears: years,
        }),
      );
      expect(r.verdict).toBe(verdict);
    },
  );

  it('does return invalid_input when correction is requested without sex or age', () => {
    expect(
      err(
        assessNoiseDeafness({
          eventDate: D,
          left: flat(30, 60),
          right: flat(30, 60),
          correction: 'gbt7582',
          noiseExposureYears: 5,
        }),
      ).error,
    ).toBe('invalid_input');
  });

  it.each([
    ['2015-02-28', 'error'],
    ['2015-03-01', 'meets_criteria'],
  ])('does pick GBZ 49-2014 by the exam date when it is %s', (date, verdict) => {
    expect(
      assessNoiseDeafness({
        eventDate: date,
        left: flat(30, 60),
        right: flat(30, 60),
        correction: 'already_corrected',
        noiseExposureYears: 5,
      }).verdict,
    ).toBe(verdict);
  });
});
