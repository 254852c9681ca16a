/**
 * Workplace noise: GBZ 2.2-2007 §11 (limits), GBZ/T 189.8-2007 (L_EX,8h, L_EX,W, App. B), GBZ/T 229.4-2012
 * (hazard grade — table from the project's domain notes, tagged [R]: UNVERIFIED). Numbers unrounded.
 */
import type { Edition, ErrorResult, RuleRef } from './rules';
import {
  atLeast,
  atMost,
  checkArray,
  checkDate,
  checkNumber,
  checkObject,
  editionFor,
  guard,
  InputError,
} from './rules';
import { fmt, fmtVs } from './rounding';

export const noiseEditions = Object.freeze({
  gbz22: [
    {
      standard: 'GBZ 2.2',
      edition: 'GBZ 2.2-2007',
      effectiveFrom: '2007-11-01',
      effectiveTo: null,
      datesConfirmed: false,
      source:
        '实施 date from domain knowledge [R]; still cited as current by 2026 third-party code [V3]; check for a revision',
    },
  ] as Edition[],
  gbzt1898: [
    {
      standard: 'GBZ/T 189.8',
      edition: 'GBZ/T 189.8-2007',
      effectiveFrom: '2007-11-01',
      effectiveTo: null,
      datesConfirmed: false,
      source: '实施 date from domain knowledge [R]',
    },
  ] as Edition[],
  gbzt2294: [
    {
      standard: 'GBZ/T 229.4',
      edition: 'GBZ/T 229.4-2012',
      effectiveFrom: '2013-01-01',
      effectiveTo: null,
      datesConfirmed: false,
      source:
        'edition year 2012; the 实施 date was not found — events before 2013-01-01 are refused rather than graded by a guess',
    },
  ] as Edition[],
});

const rule = (
  e: Edition,
  clause: string,
  verified: boolean,
  confidence: RuleRef['confidence'],
  note?: string,
): RuleRef => ({
  standard: e.standard,
  edition: e.edition,
  clause,
  effectiveFrom: e.effectiveFrom,
  effectiveTo: e.effectiveTo,
  verified,
  confidence,
  ...(note === undefined ? {} : { note }),
});

const [GBZ22, GBZT1898, GBZT2294] = [
  noiseEditions.gbz22[0],
  noiseEditions.gbzt1898[0],
  noiseEditions.gbzt2294[0],
] as [Edition, Edition, Edition];

export const noiseRules = Object.freeze({
  lex8h: rule(GBZT1898, 'L_EX,8h = 10·lg[(1/8)·Σ Tᵢ·10^(0.1·L_Aeq,Tᵢ)] = L_Aeq,Te + 10·lg(Te/8)', true, 'V'),
  lexW: rule(GBZT1898, 'L_EX,W = 10·lg[(1/5)·Σ 10^(0.1·L_EX,8h,i)]', true, 'V'),
  limit85: rule(
    GBZ22,
    '§11: L_EX,8h (or L_EX,W) 85 dB(A)',
    true,
    'V',
    '"不超过 85" read as inclusive: ≤ 85 符合, > 85 超标 [R]',
  ),
  impulse: rule(
    GBZ22,
    '§11: impulse noise peak — n ≤ 100: 140 dB; 100 < n ≤ 1000: 130 dB; 1000 < n ≤ 10000: 120 dB',
    true,
    'V',
  ),
  equivalent: rule(
    GBZT1898,
    'App. B: limit for shorter exposure T: 85 + 10·lg(8/T) (3-dB exchange: 4 h 88, 2 h 91, 1 h 94)',
    true,
    'V',
  ),
  noiseWork: rule(GBZ22, '噪声作业: L_EX,8h ≥ 80 dB(A) (triggers health surveillance)', false, 'R'),
  grade: rule(
    GBZT2294,
    'hazard grade: 85–<90 Ⅰ 轻度危害, 90–<95 Ⅱ 中度危害, 95–<100 Ⅲ 重度危害, ≥100 Ⅳ 极重危害',
    false,
    'R',
    'table from the project domain notes, NOT checked against GBZ/T 229.4-2012; no grade below 85 dB(A) is loaded',
  ),
});

export type NoiseSegment = { laeq: number; hours: number };

export type NoiseExposure =
  | { kind: 'segments'; segments: NoiseSegment[] }
  | { kind: 'laeq'; laeqTe: number; teHours: number }
  | { kind: 'lex8h'; lex8h: number }
  | { kind: 'weekly'; dailyLex8h: number[] };

const lg = Math.log10;

/** `against`: limits the caller compares the level with, so the reason writes it on the right side of them. */
function lex8hOf(
  exposure: NoiseExposure,
  against: readonly number[] = [],
): { value: number; reasons: string[] } {
  const o = checkObject(exposure, 'exposure');
  if (o.kind === 'segments') {
    const segs = checkArray(o.segments, 'segments').map((s, i) => {
      const so = checkObject(s, `segments[${i}]`);
      return {
        laeq: checkNumber(so.laeq, `segments[${i}].laeq`),
        hours: checkNumber(so.hours, `segments[${i}].hours`, { min: 0 }),
      };
    });
    const total = segs.reduce((s, x) => s + x.hours, 0);
    if (!(total > 0)) throw new InputError('segments must cover more than 0 h');
    if (total > 24) throw new InputError('segments cover more than 24 h');
    const energy = segs.reduce((s, x) => s + x.hours * 10 ** (0.1 * x.laeq), 0);
    const value = 10 * lg(energy / 8);
    return {
      value,
      reasons: [
        `L_EX,8h = 10·lg[(1/8)·Σ Tᵢ·10^(0.1·Lᵢ)] over ${fmt(total, 'duration')} h = ${fmt(value, 'soundLevel', against)} dB(A)`,
      ],
    };
  }
  if (o.kind === 'laeq') {
    const l = checkNumber(o.laeqTe, 'laeqTe');
    const te = checkNumber(o.teHours, 'teHours', { positive: true });
    if (te > 24) throw new InputError('teHours must be ≤ 24');
    const value = l + 10 * lg(te / 8);
    return {
      value,
      reasons: [
        `L_EX,8h = L_Aeq,Te + 10·lg(Te/8) = ${fmt(l, 'soundLevel')} + 10·lg(${fmt(te, 'duration')}/8) = ${fmt(value, 'soundLevel', against)} dB(A)`,
      ],
    };
  }
  if (o.kind === 'lex8h') {
    const value = checkNumber(o.lex8h, 'lex8h');
    return { value, reasons: [`L_EX,8h given: ${fmt(value, 'soundLevel', against)} dB(A)`] };
  }
  throw new InputError(`exposure.kind must be segments, laeq, lex8h or weekly`);
}

function lexWOf(daily: unknown, against: readonly number[] = []): { value: number; reasons: string[] } {
  const days = checkArray(daily, 'dailyLex8h').map((d, i) => checkNumber(d, `dailyLex8h[${i}]`));
  if (days.length < 1 || days.length > 7) throw new InputError('dailyLex8h must have 1–7 working days');
  const value = 10 * lg(days.reduce((s, l) => s + 10 ** (0.1 * l), 0) / 5);
  return {
    value,
    reasons: [
      `L_EX,W = 10·lg[(1/5)·Σ 10^(0.1·L_EX,8h,i)] over ${days.length} day(s) = ${fmt(value, 'soundLevel', against)} dB(A)`,
    ],
  };
}

export type LexResult = {
  verdict: 'computed';
  quantity: 'L_EX,8h' | 'L_EX,W';
  value: number;
  reasons: string[];
  edition: string;
  clause: string;
  rule: RuleRef;
};

/** L_EX,8h from segments (L_Aeq,Tᵢ, Tᵢ) or from L_Aeq,Te and Te (GBZ/T 189.8-2007). */
export function computeLex8h(input: { exposure: NoiseExposure }): LexResult | ErrorResult {
  return guard(() => {
    const r = lex8hOf(checkObject(input, 'input').exposure as NoiseExposure);
    return {
      verdict: 'computed',
      quantity: 'L_EX,8h',
      value: r.value,
      reasons: r.reasons,
      edition: GBZT1898.edition,
      clause: noiseRules.lex8h.clause,
      rule: noiseRules.lex8h,
    };
  });
}

/** L_EX,W (40 h week) from the daily L_EX,8h values of the working days of one week. */
export function computeLexW(input: { dailyLex8h: number[] }): LexResult | ErrorResult {
  return guard(() => {
    const r = lexWOf(checkObject(input, 'input').dailyLex8h);
    return {
      verdict: 'computed',
      quantity: 'L_EX,W',
      value: r.value,
      reasons: r.reasons,
      edition: GBZT1898.edition,
      clause: noiseRules.lexW.clause,
      rule: noiseRules.lexW,
    };
  });
}

export type NoiseGrade = {
  grade: 'Ⅰ' | 'Ⅱ' | 'Ⅲ' | 'Ⅳ';
  nameZh: '轻度危害' | '中度危害' | '重度危害' | '极重危害';
};

export type NoiseGradeResult =
  | {
      verdict: 'graded';
      grade: NoiseGrade;
      level: number;
      reasons: string[];
      edition: string;
      clause: string;
      verified: false;
      rule: RuleRef;
    }
  | {
      verdict: 'below_grading';
      grade: null;
      level: number;
      reasons: string[];
      edition: string;
      clause: string;
      verified: false;
      rule: RuleRef;
    }
  | ErrorResult;

/** Lower bounds of the grades, dB(A). */
const GRADE_BOUNDS = [85, 90, 95, 100] as const;

function grade(level: number): NoiseGrade | null {
  if (atLeast(level, 100)) return { grade: 'Ⅳ', nameZh: '极重危害' };
  if (atLeast(level, 95)) return { grade: 'Ⅲ', nameZh: '重度危害' };
  if (atLeast(level, 90)) return { grade: 'Ⅱ', nameZh: '中度危害' };
  if (atLeast(level, 85)) return { grade: 'Ⅰ', nameZh: '轻度危害' };
  return null;
}

function gradeResult(level: number, date: string): NoiseGradeResult {
  const ed = editionFor(noiseEditions.gbzt2294, date);
  if ('verdict' in ed) return ed;
  const g = grade(level);
  const base = {
    level,
    edition: ed.edition,
    clause: noiseRules.grade.clause,
    verified: false as const,
    rule: noiseRules.grade,
  };
  return g
    ? {
        verdict: 'graded',
        grade: g,
        reasons: [
          `${fmt(level, 'soundLevel', GRADE_BOUNDS)} dB(A) → ${g.grade} ${g.nameZh} (UNVERIFIED table, DOMAIN §7.3 [R])`,
        ],
        ...base,
      }
    : {
        verdict: 'below_grading',
        grade: null,
        reasons: [`${fmt(level, 'soundLevel', GRADE_BOUNDS)} dB(A) < 85: no grade is loaded below 85 dB(A)`],
        ...base,
      };
}

/** Noise hazard grade of GBZ/T 229.4-2012 from L_EX,8h (or L_EX,W). UNVERIFIED table. */
export function gradeNoiseHazard(input: { eventDate: string; level: number }): NoiseGradeResult {
  return guard(() => {
    const o = checkObject(input, 'input');
    return gradeResult(checkNumber(o.level, 'level'), checkDate(o.eventDate, 'eventDate'));
  });
}

export type NoiseJudgementInput = { eventDate: string; exposure: NoiseExposure };
export type NoiseJudgementResult =
  | {
      verdict: 'compliant' | 'exceeds';
      quantity: 'L_EX,8h' | 'L_EX,W';
      value: number;
      /** The limit compared with, dB(A) (85). */
      limitDb: number;
      /** L_EX ≥ 80 dB(A): 噪声作业 (health surveillance applies) [R]. */
      noiseWork: boolean;
      hazardGrade: NoiseGradeResult;
      reasons: string[];
      edition: string;
      clause: string;
      rules: RuleRef[];
    }
  | ErrorResult;

/** The 85 dB(A) judgement of GBZ 2.2-2007 (L_EX,8h, or L_EX,W for weeks ≠ 5 days), inclusive. */
export function judgeNoiseExposure(input: NoiseJudgementInput): NoiseJudgementResult {
  return guard(() => {
    const o = checkObject(input, 'input');
    const date = checkDate(o.eventDate, 'eventDate');
    const ed = editionFor(noiseEditions.gbz22, date);
    if ('verdict' in ed) return ed;
    const exp = checkObject(o.exposure, 'exposure');
    const weekly = exp.kind === 'weekly';
    const limit = 85;
    const r = weekly ? lexWOf(exp.dailyLex8h, [limit]) : lex8hOf(exp as NoiseExposure, [limit]);
    const quantity = weekly ? 'L_EX,W' : 'L_EX,8h';
    const ok = atMost(r.value, limit);
    const [v, l] = fmtVs(r.value, limit, 'soundLevel');
    return {
      verdict: ok ? 'compliant' : 'exceeds',
      quantity,
      value: r.value,
      limitDb: limit,
      noiseWork: atLeast(r.value, 80),
      hazardGrade: gradeResult(r.value, date),
      reasons: [...r.reasons, `${quantity} ${v} ${ok ? '≤' : '>'} ${l} dB(A) (不超过 85 is inclusive)`],
      edition: ed.edition,
      clause: noiseRules.limit85.clause,
      rules: [weekly ? noiseRules.lexW : noiseRules.lex8h, noiseRules.limit85, noiseRules.noiseWork],
    };
  });
}

export type ImpulseInput = { eventDate: string; impulsesPerShift: number; peakDb?: number };
export type ImpulseResult =
  | {
      verdict: 'compliant' | 'exceeds' | 'limit_only';
      /** The peak limit of the band, dB. */
      limitDb: number;
      band: string;
      reasons: string[];
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | { verdict: 'not_covered'; limitDb: null; reasons: string[]; edition: string; clause: string }
  | ErrorResult;

/** Impulse-noise peak limit by the number of impulses per shift (GBZ 2.2-2007 §11); boundaries inclusive. */
export function judgeImpulseNoise(input: ImpulseInput): ImpulseResult {
  return guard(() => {
    const o = checkObject(input, 'input');
    const date = checkDate(o.eventDate, 'eventDate');
    const ed = editionFor(noiseEditions.gbz22, date);
    if ('verdict' in ed) return ed;
    const n = checkNumber(o.impulsesPerShift, 'impulsesPerShift', { min: 0 });
    if (!Number.isInteger(n)) throw new InputError('impulsesPerShift must be a whole number');
    const band =
      n <= 100
        ? { limit: 140, text: 'n ≤ 100' }
        : n <= 1000
          ? { limit: 130, text: '100 < n ≤ 1000' }
          : n <= 10000
            ? { limit: 120, text: '1000 < n ≤ 10000' }
            : null;
    if (!band) {
      return {
        verdict: 'not_covered',
        limitDb: null,
        reasons: [`${n} impulses per shift > 10000: GBZ 2.2-2007 gives no peak limit for this count`],
        edition: ed.edition,
        clause: noiseRules.impulse.clause,
      };
    }
    const reasons = [`${n} impulses per shift (${band.text}) → peak limit ${band.limit} dB`];
    let verdict: 'compliant' | 'exceeds' | 'limit_only' = 'limit_only';
    if (o.peakDb !== undefined) {
      const peak = checkNumber(o.peakDb, 'peakDb');
      verdict = atMost(peak, band.limit) ? 'compliant' : 'exceeds';
      const [p, l] = fmtVs(peak, band.limit, 'soundLevel');
      reasons.push(`peak ${p} ${verdict === 'compliant' ? '≤' : '>'} ${l} dB`);
    }
    return {
      verdict,
      limitDb: band.limit,
      band: band.text,
      reasons,
      edition: ed.edition,
      clause: noiseRules.impulse.clause,
      rule: noiseRules.impulse,
    };
  });
}

export type EquivalentLimitResult =
  | {
      verdict: 'computed';
      hours: number;
      limit: number;
      reasons: string[];
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | ErrorResult;

/** The L_Aeq limit equivalent to 85 dB(A) over 8 h for a daily exposure of `hours` (3-dB exchange). */
export function equivalentNoiseLimit(input: { eventDate: string; hours: number }): EquivalentLimitResult {
  return guard(() => {
    const o = checkObject(input, 'input');
    const date = checkDate(o.eventDate, 'eventDate');
    const ed = editionFor(noiseEditions.gbzt1898, date);
    if ('verdict' in ed) return ed;
    const t = checkNumber(o.hours, 'hours', { positive: true });
    if (t > 24) throw new InputError('hours must be ≤ 24');
    const limit = 85 + 10 * lg(8 / t);
    return {
      verdict: 'computed',
      hours: t,
      limit,
      reasons: [
        `85 + 10·lg(8/${fmt(t, 'duration')}) = ${fmt(limit, 'soundLevel')} dB(A) (App. B prints whole decibels: 4 h 88, 2 h 91, 1 h 94)`,
      ],
      edition: ed.edition,
      clause: noiseRules.equivalent.clause,
      rule: noiseRules.equivalent,
    };
  });
}
