/**
 * GBZ 49-2014 职业性噪声聋的诊断 — the audiometric part: age/sex correction (GB/T 7582-2004 table in
 * datasets/), monaural weighted threshold, binaural high-frequency average, better ear, grade, and the ≥ 3 years
 * noise-exposure condition. A diagnostic aid only: diagnosis also needs exclusion of other causes etc.
 * The text of GBZ 49-2014 was not available; formulas and grades are from two pages that agree [V].
 */
import ageData from '../datasets/hearing-age-correction-gbt7582.json' with { type: 'json' };
import type { Edition, ErrorResult, RuleRef } from './rules';
import { atLeast, checkDate, checkNumber, checkObject, editionFor, guard, InputError } from './rules';
import { fmt, fmtVs } from './rounding';

export const gbz49Editions: readonly Edition[] = Object.freeze([
  {
    standard: 'GBZ 49',
    edition: 'GBZ 49-2014',
    effectiveFrom: '2015-03-01',
    effectiveTo: null,
    datesConfirmed: true,
    source: '发布 2014-10-13, 实施 2015-03-01, replacing GBZ 49-2007 (m.wenke99.com p-3764593)',
  },
]);

const GBZ49 = gbz49Editions[0] as Edition;
const r = (clause: string, verified: boolean, confidence: RuleRef['confidence'], note?: string): RuleRef => ({
  standard: 'GBZ 49',
  edition: GBZ49.edition,
  clause,
  effectiveFrom: GBZ49.effectiveFrom,
  effectiveTo: GBZ49.effectiveTo,
  verified,
  confidence,
  ...(note === undefined ? {} : { note }),
});

export const hearingRules = Object.freeze({
  weighted: r(
    'monaural weighted threshold = 0.9 × mean(500, 1000, 2000 Hz) + 0.1 × 4000 Hz (clause number unverified)',
    true,
    'V',
  ),
  highFrequency: r(
    'binaural high-frequency average (3000/4000/6000 Hz, both ears) ≥ 40 dB (clause number unverified)',
    true,
    'V',
  ),
  grade: r(
    'grade by the better ear: 轻度 26–40, 中度 41–55, 重度 ≥ 56 dB (clause number unverified)',
    true,
    'V',
    'unrounded values are graded on half-open intervals [26, 41), [41, 56), [56, ∞) — convention; the standard prints whole decibels',
  ),
  exposure: r('≥ 3 years of continuous noise work (clause number unverified)', true, 'V'),
  ageCorrection: {
    standard: 'GB/T 7582',
    edition: 'GB/T 7582-2004',
    clause: 'median threshold deviation by age and sex (ISO 7029:2000), as tabulated at ages 20–70',
    effectiveFrom: '2004-12-01',
    effectiveTo: null,
    verified: false,
    confidence: 'V3',
    note: 'values check against the ISO 7029 formula; applying the decade value (20–29 → age 20 … ≥ 70 → age 70, < 20 → 0) is the source’s convention, not confirmed as GBZ 49 practice',
  } satisfies RuleRef,
});

export const FREQUENCIES = [500, 1000, 2000, 3000, 4000, 6000] as const;
export type Frequency = (typeof FREQUENCIES)[number];
/** Air-conduction thresholds in dB HL, keyed by frequency ("500" … "6000"). */
export type Audiogram = Record<`${Frequency}`, number>;

type AgeRow = { sex: string; age: number; freqHz: number; correctionDb: number };
export const ageCorrectionRows: readonly AgeRow[] = Object.freeze(ageData.rows as AgeRow[]);
export const ageCorrectionMeta = ageData.meta;

/** The GB/T 7582 correction (dB) for sex, age and frequency by the decade convention. */
export function ageCorrection(
  sex: 'M' | 'F',
  age: number,
  freq: Frequency,
): { db: number; tableAge: number | null } {
  if (age < 20) return { db: 0, tableAge: null };
  const tableAge = Math.min(70, Math.floor(age / 10) * 10);
  const row = ageCorrectionRows.find((x) => x.sex === sex && x.age === tableAge && x.freqHz === freq);
  if (!row) throw new Error(`age-correction table has no row for ${sex} ${tableAge} ${freq}`);
  return { db: row.correctionDb, tableAge };
}

export type HearingInput = {
  /** Examination / diagnosis date, YYYY-MM-DD. */
  eventDate: string;
  left: Audiogram;
  right: Audiogram;
  /** 'gbt7582': correct here from the table (needs sex and age); 'already_corrected': the input is corrected. */
  correction: 'gbt7582' | 'already_corrected';
  sex?: 'M' | 'F';
  age?: number;
  /** Years of continuous noise work. */
  noiseExposureYears: number;
};

export type HearingGrade = '轻度噪声聋' | '中度噪声聋' | '重度噪声聋';

export type HearingResult =
  | {
      verdict: 'meets_criteria' | 'does_not_meet';
      grade: HearingGrade | null;
      correctedLeft: Audiogram;
      correctedRight: Audiogram;
      correctionApplied: 'gbt7582' | 'already_corrected';
      correctionNote: string;
      weightedLeft: number;
      weightedRight: number;
      betterEar: 'left' | 'right';
      betterEarWeighted: number;
      binauralHighFrequencyAverage: number;
      highFrequencyPreconditionMet: boolean;
      exposureConditionMet: boolean;
      reasons: string[];
      edition: string;
      clause: string;
      rules: RuleRef[];
    }
  | ErrorResult;

function readAudiogram(x: unknown, what: string): Audiogram {
  const o = checkObject(x, what);
  const out = {} as Audiogram;
  for (const f of FREQUENCIES) out[`${f}`] = checkNumber(o[`${f}`], `${what}["${f}"]`);
  return out;
}

export function weightedThreshold(a: Audiogram): number {
  return 0.9 * ((a['500'] + a['1000'] + a['2000']) / 3) + 0.1 * a['4000'];
}

/** Lower bounds of the grades (dB): 轻度, 中度, 重度. */
const GRADE_BOUNDS = [26, 41, 56] as const;

export function gradeOf(betterEarWeighted: number): HearingGrade | null {
  if (atLeast(betterEarWeighted, 56)) return '重度噪声聋';
  if (atLeast(betterEarWeighted, 41)) return '中度噪声聋';
  if (atLeast(betterEarWeighted, 26)) return '轻度噪声聋';
  return null;
}

function assess(input: HearingInput): HearingResult {
  const o = checkObject(input, 'input');
  const date = checkDate(o.eventDate, 'eventDate');
  const ed = editionFor(gbz49Editions, date);
  if ('verdict' in ed) return ed;
  const left = readAudiogram(o.left, 'left');
  const right = readAudiogram(o.right, 'right');
  const years = checkNumber(o.noiseExposureYears, 'noiseExposureYears', { min: 0 });
  const reasons: string[] = [];
  const rules: RuleRef[] = [
    hearingRules.weighted,
    hearingRules.highFrequency,
    hearingRules.grade,
    hearingRules.exposure,
  ];
  let correctedLeft = left;
  let correctedRight = right;
  let correctionNote: string;
  if (o.correction === 'gbt7582') {
    if (o.sex !== 'M' && o.sex !== 'F')
      throw new InputError("sex 'M' or 'F' is required for the GB/T 7582 correction");
    const age = checkNumber(o.age, 'age', { min: 0 });
    const sex = o.sex;
    const correct = (a: Audiogram): Audiogram => {
      const out = { ...a };
      for (const f of FREQUENCIES) out[`${f}`] = a[`${f}`] - ageCorrection(sex, age, f).db;
      return out;
    };
    correctedLeft = correct(left);
    correctedRight = correct(right);
    const tableAge = ageCorrection(sex, age, 500).tableAge;
    correctionNote =
      tableAge === null
        ? `age ${fmt(age, 'duration')} < 20: no correction (GB/T 7582 table starts at 20)`
        : `corrected by GB/T 7582-2004 medians for ${sex === 'M' ? 'men' : 'women'} at age ${tableAge} (decade of age ${fmt(age, 'duration')}; decade banding is the source's convention, unverified)`;
    rules.push(hearingRules.ageCorrection);
  } else if (o.correction === 'already_corrected') {
    correctionNote = 'input declared already corrected for age and sex; no correction applied here';
  } else {
    throw new InputError("correction must be 'gbt7582' or 'already_corrected'");
  }
  reasons.push(correctionNote);
  const weightedLeft = weightedThreshold(correctedLeft);
  const weightedRight = weightedThreshold(correctedRight);
  const betterEar = weightedLeft <= weightedRight ? 'left' : 'right';
  const betterEarWeighted = Math.min(weightedLeft, weightedRight);
  const hf =
    (correctedLeft['3000'] +
      correctedLeft['4000'] +
      correctedLeft['6000'] +
      correctedRight['3000'] +
      correctedRight['4000'] +
      correctedRight['6000']) /
    6;
  const hfMet = atLeast(hf, 40);
  const exposureMet = atLeast(years, 3);
  // Each ear is written against the other ear and the grade bounds, so which ear is better and which grade
  // applies stay visible after rounding.
  const db = (x: number, other: number) => fmt(x, 'hearingThreshold', [other, ...GRADE_BOUNDS]);
  const [hfText, hfLimit] = fmtVs(hf, 40, 'hearingThreshold');
  const [yearsText, yearsLimit] = fmtVs(years, 3, 'duration');
  reasons.push(
    `weighted threshold left ${db(weightedLeft, weightedRight)}, right ${db(weightedRight, weightedLeft)} dB; better ear ${betterEar} ${fmt(betterEarWeighted, 'hearingThreshold', GRADE_BOUNDS)} dB`,
    `binaural high-frequency average ${hfText} dB ${hfMet ? '≥' : '<'} ${hfLimit}`,
    `noise exposure ${yearsText} years ${exposureMet ? '≥' : '<'} ${yearsLimit}`,
  );
  const g = gradeOf(betterEarWeighted);
  let grade: HearingGrade | null = null;
  if (!exposureMet) reasons.push('does not meet: less than 3 years of noise work');
  else if (!hfMet) reasons.push('does not meet: binaural high-frequency average below 40 dB');
  else if (g === null) reasons.push('does not meet: better ear weighted threshold below 26 dB');
  else {
    grade = g;
    reasons.push(`better ear ${fmt(betterEarWeighted, 'hearingThreshold', GRADE_BOUNDS)} dB → ${g}`);
  }
  return {
    verdict: grade ? 'meets_criteria' : 'does_not_meet',
    grade,
    correctedLeft,
    correctedRight,
    correctionApplied: o.correction,
    correctionNote,
    weightedLeft,
    weightedRight,
    betterEar,
    betterEarWeighted,
    binauralHighFrequencyAverage: hf,
    highFrequencyPreconditionMet: hfMet,
    exposureConditionMet: exposureMet,
    reasons,
    edition: ed.edition,
    clause: hearingRules.grade.clause,
    rules,
  };
}

/** Audiometric criteria of GBZ 49-2014 for occupational noise deafness. */
export function assessNoiseDeafness(input: HearingInput): HearingResult {
  return guard(() => assess(input));
}
