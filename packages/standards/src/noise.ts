/**
 * Workplace noise: GBZ 2.2-2007 §11 (limits), GBZ/T 189.8-2007 (L_EX,8h, L_EX,W, App. B), GBZ/T 229.4-2012
 * (hazard grade — table from the project's domain notes, tagged [R]: UNVERIFIED). Numbers unrounded.
 */
import type { Edition, ErrorResult, RuleRef } from './rules';
import { atLeast, atMost, checkSchema, designation, editionFor, guard, refuse } from './rules';
import { fmt, fmtVs } from './rounding';
import type { Msg } from './messages';
import { msg } from './messages';
import { joinPath } from './validate';
import {
  equivalentLimitSchema,
  impulseSchema,
  lex8hSchema,
  lexWSchema,
  noiseGradeSchema,
  noiseJudgementSchema,
} from './schemas';

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
const dB = (x: number, against?: number | readonly number[]) => fmt(x, 'soundLevel', against);

/**
 * L_EX,8h of a schema-valid exposure at `path`. `against`: limits the caller compares the level with, so the
 * reason writes it on the right side of them.
 */
function lex8hOf(
  exposure: Exclude<NoiseExposure, { kind: 'weekly' }>,
  path: string,
  against: readonly number[] = [],
): { value: number; reasons: Msg[] } {
  if (exposure.kind === 'segments') {
    const segs = exposure.segments;
    const total = segs.reduce((s, x) => s + x.hours, 0);
    if (!(total > 0)) refuse(joinPath(path, 'segments'), 'sum_out_of_range', msg('input.noExposureTime'));
    if (total > 24 + 1e-9)
      refuse(
        joinPath(path, 'segments'),
        'sum_out_of_range',
        msg('input.segmentsOverDay', { hours: fmt(total, 'duration', 24) }),
      );
    const energy = segs.reduce((s, x) => s + x.hours * 10 ** (0.1 * x.laeq), 0);
    const value = 10 * lg(energy / 8);
    return {
      value,
      reasons: [msg('noise.lex8h.segments', { hours: fmt(total, 'duration'), value: dB(value, against) })],
    };
  }
  if (exposure.kind === 'laeq') {
    const l = exposure.laeqTe;
    const te = exposure.teHours;
    const value = l + 10 * lg(te / 8);
    return {
      value,
      reasons: [msg('noise.lex8h.laeq', { l: dB(l), te: fmt(te, 'duration'), value: dB(value, against) })],
    };
  }
  const value = exposure.lex8h;
  return { value, reasons: [msg('noise.lex8h.given', { value: dB(value, against) })] };
}

function lexWOf(days: number[], against: readonly number[] = []): { value: number; reasons: Msg[] } {
  const value = 10 * lg(days.reduce((s, l) => s + 10 ** (0.1 * l), 0) / 5);
  return { value, reasons: [msg('noise.lexw', { days: days.length, value: dB(value, against) })] };
}

export type LexResult = {
  verdict: 'computed';
  quantity: 'L_EX,8h' | 'L_EX,W';
  value: number;
  reasons: Msg[];
  edition: string;
  clause: string;
  rule: RuleRef;
};

/** L_EX,8h from segments (L_Aeq,Tᵢ, Tᵢ) or from L_Aeq,Te and Te (GBZ/T 189.8-2007). */
export function computeLex8h(input: { exposure: NoiseExposure }): LexResult | ErrorResult {
  return guard(() => {
    checkSchema(lex8hSchema, input);
    // The schema admits the daily forms only (a week is noise-lexw).
    const r = lex8hOf(input.exposure as Exclude<NoiseExposure, { kind: 'weekly' }>, 'exposure');
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
    checkSchema(lexWSchema, input);
    const r = lexWOf(input.dailyLex8h);
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
      reasons: Msg[];
      edition: string;
      clause: string;
      verified: false;
      rule: RuleRef;
    }
  | {
      verdict: 'below_grading';
      grade: null;
      level: number;
      reasons: Msg[];
      edition: string;
      clause: string;
      verified: false;
      rule: RuleRef;
    }
  | ErrorResult;

/** Lower bounds of the grades, dB(A). */
const GRADE_BOUNDS = [85, 90, 95, 100] as const;

const GRADE_TERMS = {
  Ⅰ: 'term.noiseGrade.1',
  Ⅱ: 'term.noiseGrade.2',
  Ⅲ: 'term.noiseGrade.3',
  Ⅳ: 'term.noiseGrade.4',
} as const;

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
  const text = dB(level, GRADE_BOUNDS);
  return g
    ? {
        verdict: 'graded',
        grade: g,
        reasons: [
          msg('noise.grade', {
            level: text,
            grade: msg(GRADE_TERMS[g.grade]),
            standard: designation(ed.edition),
          }),
        ],
        ...base,
      }
    : {
        verdict: 'below_grading',
        grade: null,
        reasons: [msg('noise.belowGrade', { level: text })],
        ...base,
      };
}

/** Noise hazard grade of GBZ/T 229.4-2012 from L_EX,8h (or L_EX,W). UNVERIFIED table. */
export function gradeNoiseHazard(input: { eventDate: string; level: number }): NoiseGradeResult {
  return guard(() => {
    checkSchema(noiseGradeSchema, input);
    return gradeResult(input.level, input.eventDate);
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
      reasons: Msg[];
      edition: string;
      clause: string;
      rules: RuleRef[];
    }
  | ErrorResult;

/** The 85 dB(A) judgement of GBZ 2.2-2007 (L_EX,8h, or L_EX,W for weeks ≠ 5 days), inclusive. */
export function judgeNoiseExposure(input: NoiseJudgementInput): NoiseJudgementResult {
  return guard(() => {
    checkSchema(noiseJudgementSchema, input);
    const date = input.eventDate;
    const ed = editionFor(noiseEditions.gbz22, date);
    if ('verdict' in ed) return ed;
    const exp = input.exposure;
    const weekly = exp.kind === 'weekly';
    const limit = 85;
    const r = exp.kind === 'weekly' ? lexWOf(exp.dailyLex8h, [limit]) : lex8hOf(exp, 'exposure', [limit]);
    const quantity = weekly ? 'L_EX,W' : 'L_EX,8h';
    const ok = atMost(r.value, limit);
    const [v, l] = fmtVs(r.value, limit, 'soundLevel');
    const noiseWork = atLeast(r.value, 80);
    return {
      verdict: ok ? 'compliant' : 'exceeds',
      quantity,
      value: r.value,
      limitDb: limit,
      noiseWork,
      hazardGrade: gradeResult(r.value, date),
      reasons: [
        ...r.reasons,
        msg('noise.judge', {
          quantity,
          value: v,
          op: ok ? '≤' : '>',
          limit: l,
          standard: designation(ed.edition),
        }),
        msg(noiseWork ? 'noise.noiseWork' : 'noise.notNoiseWork', { quantity }),
      ],
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
      reasons: Msg[];
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | { verdict: 'not_covered'; limitDb: null; reasons: Msg[]; edition: string; clause: string }
  | ErrorResult;

/** Impulse-noise peak limit by the number of impulses per shift (GBZ 2.2-2007 §11); boundaries inclusive. */
export function judgeImpulseNoise(input: ImpulseInput): ImpulseResult {
  return guard(() => {
    checkSchema(impulseSchema, input);
    const date = input.eventDate;
    const ed = editionFor(noiseEditions.gbz22, date);
    if ('verdict' in ed) return ed;
    const n = input.impulsesPerShift;
    const standard = designation(ed.edition);
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
        reasons: [msg('noise.impulse.notCovered', { n, standard })],
        edition: ed.edition,
        clause: noiseRules.impulse.clause,
      };
    }
    const reasons = [msg('noise.impulse.band', { n, band: band.text, limit: band.limit, standard })];
    let verdict: 'compliant' | 'exceeds' | 'limit_only' = 'limit_only';
    if (input.peakDb !== undefined) {
      const peak = input.peakDb;
      verdict = atMost(peak, band.limit) ? 'compliant' : 'exceeds';
      const [p, l] = fmtVs(peak, band.limit, 'soundLevel');
      reasons.push(msg('noise.impulse.peak', { peak: p, op: verdict === 'compliant' ? '≤' : '>', limit: l }));
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
      reasons: Msg[];
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | ErrorResult;

/** The L_Aeq limit equivalent to 85 dB(A) over 8 h for a daily exposure of `hours` (3-dB exchange). */
export function equivalentNoiseLimit(input: { eventDate: string; hours: number }): EquivalentLimitResult {
  return guard(() => {
    checkSchema(equivalentLimitSchema, input);
    const ed = editionFor(noiseEditions.gbzt1898, input.eventDate);
    if ('verdict' in ed) return ed;
    const t = input.hours;
    const limit = 85 + 10 * lg(8 / t);
    return {
      verdict: 'computed',
      hours: t,
      limit,
      reasons: [
        msg('noise.equivalent', {
          t: fmt(t, 'duration'),
          limit: dB(limit),
          standard: designation(ed.edition),
        }),
      ],
      edition: ed.edition,
      clause: noiseRules.equivalent.clause,
      rule: noiseRules.equivalent,
    };
  });
}
