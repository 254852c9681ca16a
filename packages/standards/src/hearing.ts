/**
 * GBZ 49-2014 职业性噪声聋的诊断 — the audiometric part: age/sex correction (GB/T 7582-2004 table in
 * datasets/), monaural weighted threshold, binaural high-frequency average, better ear, grade, and the ≥ 3 years
 * noise-exposure condition. A diagnostic aid only: diagnosis also needs exclusion of other causes etc.
 * The text of GBZ 49-2014 was not available; formulas and grades are from two pages that agree [V].
 */
import ageData from '../datasets/hearing-age-correction-gbt7582.json' with { type: 'json' };
import type { Edition, ErrorResult, RuleRef } from './rules';
import { atLeast, checkSchema, designation, editionFor, guard, InputError, refuse } from './rules';
import { fmt, fmtVs } from './rounding';
import type { Msg } from './messages';
import { msg } from './messages';
import type { Issue } from './validate';
import { rangeMessage } from './validate';
import { hearingSchema, inputRanges, num } from './schemas';

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

const GRADE_TERMS: Record<
  HearingGrade,
  'term.hearing.mild' | 'term.hearing.moderate' | 'term.hearing.severe'
> = {
  轻度噪声聋: 'term.hearing.mild',
  中度噪声聋: 'term.hearing.moderate',
  重度噪声聋: 'term.hearing.severe',
};

export type HearingResult =
  | {
      verdict: 'meets_criteria' | 'does_not_meet';
      grade: HearingGrade | null;
      correctedLeft: Audiogram;
      correctedRight: Audiogram;
      correctionApplied: 'gbt7582' | 'already_corrected';
      correctionNote: Msg;
      weightedLeft: number;
      weightedRight: number;
      betterEar: 'left' | 'right';
      betterEarWeighted: number;
      binauralHighFrequencyAverage: number;
      highFrequencyPreconditionMet: boolean;
      exposureConditionMet: boolean;
      reasons: Msg[];
      edition: string;
      clause: string;
      rules: RuleRef[];
    }
  | ErrorResult;

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

/**
 * Checks beyond the schema: measured thresholds (correction here) lie in the audiometer's range, and the
 * years of noise work fit in the working life the age allows.
 */
function checkPlausible(input: HearingInput): void {
  const issues: Issue[] = [];
  if (input.correction === 'gbt7582') {
    const measured = num('hearingLevel');
    const { minimum, maximum } = inputRanges.hearingLevel;
    for (const ear of ['left', 'right'] as const)
      for (const f of FREQUENCIES) {
        const v = input[ear][`${f}`];
        if (v < minimum || v > maximum)
          issues.push({
            path: `${ear}.${f}`,
            reason: v < minimum ? 'minimum' : 'maximum',
            message: rangeMessage(measured, v),
          });
      }
    if (input.sex === undefined)
      issues.push({ path: 'sex', reason: 'required', message: msg('input.sexRequired') });
    if (input.age === undefined)
      issues.push({ path: 'age', reason: 'required', message: msg('input.ageRequired') });
  }
  if (input.age !== undefined && input.noiseExposureYears > input.age - inputRanges.age.minimum + 1e-9)
    issues.push({
      path: 'noiseExposureYears',
      reason: 'contradictory',
      message: msg('input.yearsOverWorkingLife', {
        years: String(input.noiseExposureYears),
        age: String(input.age),
        start: inputRanges.age.minimum,
      }),
    });
  if (issues.length > 0) throw new InputError(issues);
}

function assess(input: HearingInput): HearingResult {
  checkPlausible(input);
  const ed = editionFor(gbz49Editions, input.eventDate);
  if ('verdict' in ed) return ed;
  const { left, right } = input;
  const years = input.noiseExposureYears;
  const reasons: Msg[] = [];
  const rules: RuleRef[] = [
    hearingRules.weighted,
    hearingRules.highFrequency,
    hearingRules.grade,
    hearingRules.exposure,
  ];
  let correctedLeft = left;
  let correctedRight = right;
  let correctionNote: Msg;
  if (input.correction === 'gbt7582') {
    const sex = input.sex;
    const age = input.age;
    if (sex === undefined || age === undefined) return refuse('sex', 'required', msg('input.sexRequired'));
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
        ? msg('hearing.noCorrectionUnder20', { age: fmt(age, 'duration') })
        : msg('hearing.corrected', {
            sex: msg(sex === 'M' ? 'term.sex.M' : 'term.sex.F'),
            tableAge,
            age: fmt(age, 'duration'),
          });
    rules.push(hearingRules.ageCorrection);
  } else {
    correctionNote = msg('hearing.alreadyCorrected');
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
  const better = fmt(betterEarWeighted, 'hearingThreshold', GRADE_BOUNDS);
  reasons.push(
    msg('hearing.weighted', {
      left: db(weightedLeft, weightedRight),
      right: db(weightedRight, weightedLeft),
      ear: msg(betterEar === 'left' ? 'term.ear.left' : 'term.ear.right'),
      better,
    }),
    msg('hearing.hf', { value: hfText, op: hfMet ? '≥' : '<', limit: hfLimit }),
    msg('hearing.years', { years: yearsText, op: exposureMet ? '≥' : '<', limit: yearsLimit }),
  );
  const g = gradeOf(betterEarWeighted);
  let grade: HearingGrade | null = null;
  if (!exposureMet) reasons.push(msg('hearing.notMet.years'));
  else if (!hfMet) reasons.push(msg('hearing.notMet.hf'));
  else if (g === null) reasons.push(msg('hearing.notMet.grade', { better }));
  else {
    grade = g;
    reasons.push(
      msg('hearing.grade', { better, grade: msg(GRADE_TERMS[g]), standard: designation(ed.edition) }),
    );
  }
  return {
    verdict: grade ? 'meets_criteria' : 'does_not_meet',
    grade,
    correctedLeft,
    correctedRight,
    correctionApplied: input.correction,
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
  return guard(() => {
    checkSchema(hearingSchema, input);
    return assess(input);
  });
}
