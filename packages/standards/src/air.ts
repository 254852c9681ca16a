/**
 * Workplace air against GBZ 2.1-2019: C_TWA, C_STE, MAC, peak excursions, long-shift reduction, action
 * level and additive mixtures. Limits come from ./oel-data (the reference tables, amendments by
 * administrator-set date, administrator imports). Numbers are unrounded; see ./rounding for display.
 * Reasons are message codes (./messages): "甲苯 C_TWA 40 mg/m³ ≤ PC-TWA 50 mg/m³（GBZ 2.1—2019 表1 第136行）".
 *
 * Clause numbers of GBZ 2.1-2019 were not read in the official text: the judgement rules below follow the
 * project's domain notes (DOMAIN §7.1), which cite §6.3 from a third-party engine [V3]. Each RuleRef says so.
 *
 * Input is refused, never judged, when it is out of range (./schemas), contradictory (segments and a
 * precomputed C_TWA; a maximum below an average) or does not apply to the substance's limit (a C_STE for
 * a MAC substance): the refusal names the field.
 */
import type { ErrorResult, RuleRef } from './rules';
import { atLeast, atMost, checkSchema, guard, InputError, isErrorResult, refuse, scaled } from './rules';
import type { AmendmentSetting, LimitRow, ResolvedLimitRow, SubstanceRef } from './oel-data';
import { citeRow, GBZ21_2019, isValidCas, nameOf, refField, resolveLimit } from './oel-data';
import { fmt, fmtVs } from './rounding';
import type { Msg } from './messages';
import { listOf, msg } from './messages';
import type { Issue } from './validate';
import { joinPath, rangeMessage } from './validate';
import { airJudgementSchema, mixtureSchema, num, reductionSchema, steSchema, twaSchema } from './schemas';

/** Who is being judged, for the sentence of a check: the substance's name and its limit row's citation. */
export type CheckSubject = { name: Msg; cite: Msg };

/** "甲苯 C_TWA 40 mg/m³ ≤ PC-TWA 50 mg/m³（GBZ 2.1—2019 表1 第136行）": a concentration against its limit. */
const vs = (
  subject: CheckSubject | null,
  what: string,
  measured: number,
  limitName: string,
  limit: number,
): Msg => {
  const [m, l] = fmtVs(measured, limit, 'concentration');
  const op = atMost(measured, limit) ? '≤' : '>';
  return subject
    ? msg('air.check', { ...subject, what, value: m, op, limitName, limit: l })
    : msg('air.checkBare', { what, value: m, op, limitName, limit: l });
};

/** Concentrations (mg/m³) in reasons; `against`: limits the value is compared with. */
const mg = (x: number, against?: number | readonly number[]) => fmt(x, 'concentration', against);
const h = (x: number, against?: number | readonly number[]) => fmt(x, 'duration', against);

const ref = (
  clause: string,
  verified: boolean,
  confidence: RuleRef['confidence'],
  note?: string,
): RuleRef => ({
  standard: 'GBZ 2.1',
  edition: GBZ21_2019.edition,
  clause,
  effectiveFrom: GBZ21_2019.effectiveFrom,
  effectiveTo: GBZ21_2019.effectiveTo,
  verified,
  confidence,
  ...(note === undefined ? {} : { note }),
});

export const airRules = Object.freeze({
  cTwa: ref(
    'C_TWA = Σ CᵢTᵢ / 8 (clause number unverified)',
    true,
    'V',
    'unexposed time within the 8 h counts as C = 0 (DOMAIN §7.1, page quoting the rule)',
  ),
  cSte: ref(
    'C_STE = 15-min TWA (clause number unverified)',
    false,
    'R',
    'exposure < 15 min: the 15-min TWA, remaining time counts 0',
  ),
  mac: ref('MAC: C_M ≤ MAC (§6.3 per a third-party engine, unverified)', false, 'V3'),
  twaStel: ref('PC-TWA + PC-STEL: C_TWA ≤ PC-TWA and C_STE ≤ PC-STEL (§6.3, unverified)', false, 'V3'),
  peak: ref(
    'Peak exposure for PC-TWA-only substances and all dusts: excursions > 3×PC-TWA ≤ 15 min each, ≤ 4 per shift, ≥ 1 h apart; never > 5×PC-TWA (§6.3, unverified)',
    false,
    'V3',
  ),
  mixture: ref('Mixtures with additive effects: Σ Cᵢ/Lᵢ ≤ 1 (clause number unverified)', false, 'V3'),
  longShift: ref(
    'Long working hours: RF daily = (8/h)·(24−h)/16, weekly = (40/h)·(168−h)/128, applied to PC-TWA only (Brief & Scala)',
    false,
    'V3',
    'that GBZ 2.1-2019 adopts Brief & Scala is R (unverified); the formula is V3',
  ),
  actionLevel: ref('Action level = 0.5 × OEL (clause number unverified)', false, 'V3'),
});

/**
 * The long-shift convention of this engine (DOMAIN §7.1 leaves it open whether GBZ 2.1-2019 divides by 8 or
 * by the shift length h before comparing with RF × PC-TWA; the two differ by h/8).
 *
 * 'shift-average-vs-reduced-limit': for a shift h > 8 h with reduction, the exposure is averaged over the
 * actual shift (Σ CᵢTᵢ / h) and compared with RF × PC-TWA — the Brief & Scala model, in which RF already
 * accounts for the longer exposure; dividing by 8 AND reducing the limit would count the extra hours twice.
 * With reduction 'none' the literal formula Σ CᵢTᵢ / 8 is compared with PC-TWA. Both values are reported.
 */
export const LONG_SHIFT_CONVENTION = 'shift-average-vs-reduced-limit' as const;

export type ExposureSegment = { concentration: number; hours: number };

export type TwaInput = { segments: ExposureSegment[]; shiftHours: number };
export type TwaResult = {
  verdict: 'computed';
  /** Σ CᵢTᵢ / 8 — the GBZ 2.1 formula (mg/m³). */
  cTwa8h: number;
  /** Σ CᵢTᵢ / shiftHours — the shift average used with the long-shift reduction (mg/m³). */
  cTwaShift: number;
  exposedHours: number;
  /** max(8, shiftHours) − exposed hours, counted at C = 0. */
  unexposedHours: number;
  shiftHours: number;
  reasons: Msg[];
  edition: string;
  clause: string;
  rule: RuleRef;
};

/**
 * C_TWA of schema-valid segments. `path`: where the TWA input sits ('' on its own, 'exposure' in a
 * judgement); `against`: limits C_TWA (÷ 8 h) and the shift average are compared with, for the decimals.
 */
function twa(input: TwaInput, path = '', against: readonly number[] = []): TwaResult {
  const { segments, shiftHours } = input;
  const exposedHours = segments.reduce((s, x) => s + x.hours, 0);
  if (!(exposedHours > 0))
    refuse(joinPath(path, 'segments'), 'sum_out_of_range', msg('input.noExposureTime'));
  if (exposedHours > shiftHours + 1e-9) {
    refuse(
      joinPath(path, 'segments'),
      'contradictory',
      msg('input.segmentsExceedShift', { hours: h(exposedHours, shiftHours), shift: h(shiftHours) }),
    );
  }
  const dose = segments.reduce((s, x) => s + x.concentration * x.hours, 0);
  const cTwa8h = dose / 8;
  const cTwaShift = dose / shiftHours;
  const reasons = [
    msg('air.twa.sum', { dose: fmt(dose, 'dose'), hours: h(exposedHours), cTwa: mg(cTwa8h, against) }),
  ];
  if (shiftHours < 8) reasons.push(msg('air.twa.shortShift', { shift: h(shiftHours) }));
  if (shiftHours > 8)
    reasons.push(msg('air.twa.longShift', { shift: h(shiftHours), avg: mg(cTwaShift, against) }));
  return {
    verdict: 'computed',
    cTwa8h,
    cTwaShift,
    exposedHours,
    unexposedHours: Math.max(8, shiftHours) - exposedHours,
    shiftHours,
    reasons,
    edition: GBZ21_2019.edition,
    clause: airRules.cTwa.clause,
    rule: airRules.cTwa,
  };
}

/** C_TWA from concentration × duration segments over an explicit shift length. */
export function computeTwa(input: TwaInput): TwaResult | ErrorResult {
  return guard(() => {
    checkSchema(twaSchema, input);
    return twa(input);
  });
}

export type SteSample = { concentration: number; minutes: number };
export type SteInput = { samples: SteSample[] };
export type SteResult = {
  verdict: 'computed';
  cSte: number;
  sampledMinutes: number;
  reasons: Msg[];
  edition: string;
  clause: string;
  rule: RuleRef;
};

/** C_STE of schema-valid samples at `path`; `against`: the PC-STEL C_STE is compared with. */
function ste(samples: SteSample[], path: string, against: readonly number[] = []): SteResult {
  const minutes = samples.reduce((s, x) => s + x.minutes, 0);
  if (!(minutes > 0)) refuse(path, 'sum_out_of_range', msg('input.noSampleTime'));
  if (minutes > 15 + 1e-9)
    refuse(path, 'sum_out_of_range', msg('input.steOver15', { minutes: h(minutes, 15) }));
  const cSte = samples.reduce((s, x) => s + x.concentration * x.minutes, 0) / 15;
  const reasons = [msg('air.ste.value', { cSte: mg(cSte, against) })];
  if (minutes < 15) reasons.push(msg('air.ste.short', { minutes: h(minutes, 15), rest: h(15 - minutes) }));
  return {
    verdict: 'computed',
    cSte,
    sampledMinutes: minutes,
    reasons,
    edition: GBZ21_2019.edition,
    clause: airRules.cSte.clause,
    rule: airRules.cSte,
  };
}

/** C_STE: the 15-minute TWA (exposure shorter than 15 min: its 15-minute TWA). */
export function computeSte(input: SteInput): SteResult | ErrorResult {
  return guard(() => {
    checkSchema(steSchema, input);
    return ste(input.samples, 'samples');
  });
}

export type ReductionInput =
  { form: 'daily'; hoursPerDay: number } | { form: 'weekly'; hoursPerWeek: number };
export type ReductionResult = {
  verdict: 'computed';
  form: 'daily' | 'weekly';
  hours: number;
  /** The reduction factor (1 when the hours do not exceed 8 h/day or 40 h/week: limits are never raised). */
  rf: number;
  applies: boolean;
  reasons: Msg[];
  edition: string;
  clause: string;
  rule: RuleRef;
};

function rf(input: ReductionInput): ReductionResult {
  let factor: number;
  let hours: number;
  let applies: boolean;
  let text: Msg;
  if (input.form === 'daily') {
    hours = input.hoursPerDay;
    applies = hours > 8;
    factor = applies ? (8 / hours) * ((24 - hours) / 16) : 1;
    text = applies
      ? msg('air.rf.daily', { h: h(hours), rf: fmt(factor, 'ratio') })
      : msg('air.rf.dailyNone', { h: h(hours) });
  } else {
    hours = input.hoursPerWeek;
    applies = hours > 40;
    factor = applies ? (40 / hours) * ((168 - hours) / 128) : 1;
    text = applies
      ? msg('air.rf.weekly', { h: h(hours), rf: fmt(factor, 'ratio') })
      : msg('air.rf.weeklyNone', { h: h(hours) });
  }
  return {
    verdict: 'computed',
    form: input.form,
    hours,
    rf: factor,
    applies,
    reasons: [text, msg('air.rf.scope')],
    edition: GBZ21_2019.edition,
    clause: airRules.longShift.clause,
    rule: airRules.longShift,
  };
}

/** The long-shift reduction factor (Brief & Scala; daily or weekly form). */
export function longShiftReductionFactor(input: ReductionInput): ReductionResult | ErrorResult {
  return guard(() => {
    checkSchema(reductionSchema, input);
    return rf(input);
  });
}

// ---------------------------------------------------------------------------------------------------
// Peak excursions
// ---------------------------------------------------------------------------------------------------

export type Excursion = { startMinute: number; minutes: number; concentration: number };

export type CheckId = 'PC-TWA' | 'PC-STEL' | 'MAC' | 'PE-5x' | 'PE-excursions';
export type LimitCheck = {
  id: CheckId;
  measured: number | null;
  limit: number | null;
  /** null when the measurement needed for this check was not given. */
  pass: boolean | null;
  reason: Msg;
  clause: string;
};

/**
 * The peak rule for a PC-TWA-only substance or a dust. "超过" 3×PC-TWA is strict (a reading equal to 3× is not
 * an excursion); "不超过" 5×PC-TWA, 15 min and 4 times are inclusive; "间隔 ≥ 1 h" is measured from the end
 * of one excursion to the start of the next (the stricter reading; the text was not read).
 * `subject`: the substance and its limit row, named in the reasons.
 */
export function checkPeakExcursions(
  pcTwa: number,
  maxConcentration: number | null,
  excursions: Excursion[] | null,
  subject: CheckSubject | null = null,
): LimitCheck[] {
  const clause = airRules.peak.clause;
  const five = scaled(5, pcTwa);
  const three = scaled(3, pcTwa);
  if (maxConcentration === null) {
    return [{ id: 'PE-5x', measured: null, limit: five, pass: null, reason: msg('air.missing.pe'), clause }];
  }
  const checks: LimitCheck[] = [
    {
      id: 'PE-5x',
      measured: maxConcentration,
      limit: five,
      pass: atMost(maxConcentration, five),
      reason: vs(subject, 'C_PE', maxConcentration, '5 × PC-TWA =', five),
      clause,
    },
  ];
  const atThree = vs(subject, 'C_PE', maxConcentration, '3 × PC-TWA =', three);
  if (atMost(maxConcentration, three)) {
    checks.push({
      id: 'PE-excursions',
      measured: maxConcentration,
      limit: three,
      pass: true,
      reason: msg('air.pe.noExcursion', { check: atThree }),
      clause,
    });
    return checks;
  }
  if (excursions === null || excursions.length === 0) {
    checks.push({
      id: 'PE-excursions',
      measured: maxConcentration,
      limit: three,
      pass: false,
      reason: msg('air.pe.noLog', { check: atThree }),
      clause,
    });
    return checks;
  }
  const above = excursions
    .filter((e) => !atMost(e.concentration, three))
    .sort((a, b) => a.startMinute - b.startMinute);
  const problems: Msg[] = [];
  for (const e of above) {
    if (!atMost(e.minutes, 15))
      problems.push(msg('air.pe.tooLong', { start: h(e.startMinute), minutes: h(e.minutes, 15) }));
  }
  if (above.length > 4) problems.push(msg('air.pe.tooMany', { count: above.length }));
  for (let i = 1; i < above.length; i++) {
    const prev = above[i - 1];
    const cur = above[i];
    if (!prev || !cur) continue;
    const gap = cur.startMinute - (prev.startMinute + prev.minutes);
    if (!atLeast(gap, 60))
      problems.push(
        msg('air.pe.tooClose', { a: h(prev.startMinute), b: h(cur.startMinute), gap: h(gap, 60) }),
      );
  }
  if (!above.some((e) => atLeast(e.concentration, maxConcentration))) {
    problems.push(msg('air.pe.peakNotLogged', { peak: mg(maxConcentration) }));
  }
  checks.push({
    id: 'PE-excursions',
    measured: maxConcentration,
    limit: three,
    pass: problems.length === 0,
    reason:
      problems.length === 0
        ? msg('air.pe.ok', { count: above.length, three: mg(three) })
        : msg('air.pe.problems', { problems }),
    clause,
  });
  return checks;
}

// ---------------------------------------------------------------------------------------------------
// Judgement of one substance
// ---------------------------------------------------------------------------------------------------

export type LongShiftOption = { form: 'daily' } | { form: 'weekly'; hoursPerWeek: number } | { form: 'none' };

export type AirJudgementInput = {
  /** Sampling date, YYYY-MM-DD: picks the edition and the amendments in force. */
  eventDate: string;
  substance: SubstanceRef;
  /** Required for a dust (Table 2); refused for a chemical (Table 1). */
  dustFraction?: 'total' | 'respirable';
  /** Full-shift exposure segments (preferred), or cTwa already computed over 8 h — never both. */
  exposure?: TwaInput;
  cTwa?: number;
  /** 15-minute samples, or cSte already computed — never both. */
  steSamples?: SteSample[];
  cSte?: number;
  /** Highest reading (C_M for a MAC substance, C_PE for the peak rule). */
  maxConcentration?: number;
  excursions?: Excursion[];
  /** Long-shift handling for shifts > 8 h; default { form: 'daily' }. */
  longShift?: LongShiftOption;
  /** Administrator settings of the amendments' effective dates. */
  amendments?: AmendmentSetting[];
  /** Administrator-imported rows (from importLimitRows). */
  importedRows?: LimitRow[];
};

export type LimitApplied = {
  rowId: string;
  table: 1 | 2;
  seq: number;
  nameZh: string;
  nameEn: string;
  cas: string[];
  /** Where the row came from: file and line, the amendment that changed it, or administrator import. */
  origin: string;
  /** The same as structured data: file, lines, confidence tag, and the base row an amendment changed. */
  provenance: ResolvedLimitRow['source']['provenance'];
  /** The row in words, as the reasons cite it: "GBZ 2.1—2019 表1 第136行" or the amendment. */
  citation: Msg;
  /** GBZ 2.1-2019, or 'GBZ 2.1-2019 + 第1号修改单'. */
  edition: string;
  amendments: string[];
  type: 'MAC' | 'PC-TWA+PC-STEL' | 'PC-TWA';
  mac: number | null;
  pcTwa: number | null;
  pcStel: number | null;
  dustFraction: 'total' | 'respirable' | null;
  reductionFactor: number;
  /** RF × PC-TWA, the TWA limit actually compared. */
  pcTwaApplied: number | null;
};

export type AirJudgementResult =
  | {
      verdict: 'compliant' | 'exceeds' | 'incomplete';
      reasons: Msg[];
      limitApplied: LimitApplied;
      edition: string;
      clause: string;
      checks: LimitCheck[];
      twa: TwaResult | null;
      cSte: number | null;
      longShiftConvention: typeof LONG_SHIFT_CONVENTION;
      actionLevel: {
        value: number;
        measured: number | null;
        reached: boolean | null;
        quantity: 'C_TWA' | 'C_M';
      };
      rules: RuleRef[];
    }
  | { verdict: 'limit_not_loaded'; reasons: Msg[]; limitApplied: null; edition: string; clause: string }
  | ErrorResult;

/** The substance reference (schema-valid), its CAS check digit checked. */
function readSubstance(ref: SubstanceRef, path: string): SubstanceRef {
  if ('cas' in ref && !isValidCas(ref.cas.trim()))
    refuse(joinPath(path, 'cas'), 'cas_invalid', msg('input.casCheckDigit', { cas: ref.cas }));
  return ref;
}

/** Moves the issues of a lookup error (ambiguous substance) under the substance's path. */
function underPath<T extends ErrorResult>(r: T, path: string): T {
  return r.issues ? { ...r, issues: r.issues.map((i) => ({ ...i, path: joinPath(path, i.path) })) } : r;
}

/** Administrator data is not part of a request: the schema sees the request's own fields only. */
function requestPart(input: object): Record<string, unknown> {
  const { amendments: _a, importedRows: _r, ...request } = input as Record<string, unknown>;
  return request;
}

const FIELD_OF_NOT_APPLICABLE = {
  MAC: ['exposure', 'cTwa', 'steSamples', 'cSte', 'excursions', 'longShift'],
  'PC-TWA+PC-STEL': ['maxConcentration', 'excursions'],
  'PC-TWA': ['steSamples', 'cSte'],
} as const;

function judge(input: AirJudgementInput): AirJudgementResult {
  const date = input.eventDate;
  const substance = readSubstance(input.substance, 'substance');
  // Alternatives given together contradict each other: which one would be judged?
  if (input.exposure !== undefined && input.cTwa !== undefined)
    refuse('cTwa', 'contradictory', msg('input.eitherOr', { a: 'exposure', b: 'cTwa' }));
  if (input.steSamples !== undefined && input.cSte !== undefined)
    refuse('cSte', 'contradictory', msg('input.eitherOr', { a: 'steSamples', b: 'cSte' }));
  const lookup = resolveLimit(substance, date, {
    ...(input.amendments ? { amendments: input.amendments } : {}),
    ...(input.importedRows ? { importedRows: input.importedRows } : {}),
  });
  if (isErrorResult(lookup)) return underPath(lookup, 'substance');
  if (lookup.kind === 'not_loaded') {
    return {
      verdict: 'limit_not_loaded',
      reasons: lookup.reasons,
      limitApplied: null,
      edition: GBZ21_2019.edition,
      clause: '表1 / 表2',
    };
  }
  const row: ResolvedLimitRow = lookup.row;
  const cite = citeRow(row);
  const reasons: Msg[] = [];
  const rules: RuleRef[] = [];

  let mac: number | null = null;
  let pcTwa: number | null = null;
  let pcStel: number | null = null;
  let dustFraction: 'total' | 'respirable' | null = null;
  if (row.table === 1) {
    ({ mac, pcTwa, pcStel } = row);
    if (input.dustFraction !== undefined)
      refuse('dustFraction', 'not_applicable', msg('input.notDust', { name: nameOf(row) }));
  } else {
    if (input.dustFraction === undefined)
      refuse('dustFraction', 'required', msg('input.dustFractionRequired', { name: nameOf(row) }));
    dustFraction = input.dustFraction;
    pcTwa = dustFraction === 'total' ? row.pcTwaTotal : row.pcTwaRespirable;
    if (pcTwa === null) {
      return {
        verdict: 'limit_not_loaded',
        reasons: [
          msg('oel.noFractionLimit', { name: nameOf(row), fraction: msg(`term.${dustFraction}`), cite }),
        ],
        limitApplied: null,
        edition: row.source.edition,
        clause: '表2',
      };
    }
  }
  const type: LimitApplied['type'] = mac !== null ? 'MAC' : pcStel !== null ? 'PC-TWA+PC-STEL' : 'PC-TWA';
  const name: Msg = dustFraction
    ? msg('air.dustName', { name: nameOf(row), fraction: msg(`term.${dustFraction}`) })
    : nameOf(row);
  const subject: CheckSubject = { name, cite };

  // Measurements the substance's limit does not use are refused, not silently ignored.
  for (const field of FIELD_OF_NOT_APPLICABLE[type]) {
    if (input[field] !== undefined)
      refuse(field, 'not_applicable', msg(`input.notFor.${type}`, { name: nameOf(row), field }));
  }
  const maxC = input.maxConcentration ?? null;
  const excursions = input.excursions ?? null;
  checkConsistency(input, maxC, excursions);

  // Exposure over the shift.
  let twaResult: TwaResult | null = null;
  let cTwaCompared: number | null = null;
  let reduction = 1;
  if (input.exposure !== undefined) {
    const shift = input.exposure.shiftHours;
    const ls: LongShiftOption = input.longShift ?? { form: 'daily' };
    const rfReasons: Msg[] = [];
    if (ls.form === 'weekly' && ls.hoursPerWeek < shift)
      refuse(
        'longShift.hoursPerWeek',
        'contradictory',
        msg('input.weekShorterThanShift', { week: h(ls.hoursPerWeek), shift: h(shift) }),
      );
    // The daily factor (24 − h)/16 is 0 for a 24 h shift: no limit would remain.
    if (ls.form === 'daily' && !(shift < 24))
      refuse('exposure.shiftHours', 'exclusiveMaximum', rangeMessage(num('hoursPerDay'), shift));
    if (ls.form === 'weekly' || (ls.form === 'daily' && shift > 8)) {
      const r = rf(
        ls.form === 'weekly'
          ? { form: 'weekly', hoursPerWeek: ls.hoursPerWeek }
          : { form: 'daily', hoursPerDay: shift },
      );
      reduction = r.rf;
      rfReasons.push(...r.reasons.slice(0, 1));
      rules.push(airRules.longShift);
    }
    // The TWA limit is known only now (RF depends on the shift): write C_TWA against it.
    const twaLimit = pcTwa === null ? [] : [reduction < 1 ? reduction * pcTwa : pcTwa];
    twaResult = twa(input.exposure, 'exposure', twaLimit);
    rules.unshift(airRules.cTwa);
    reasons.push(...twaResult.reasons, ...rfReasons);
    cTwaCompared = reduction < 1 ? twaResult.cTwaShift : twaResult.cTwa8h;
    if (reduction < 1)
      reasons.push(msg('air.longShift.compared', { avg: mg(twaResult.cTwaShift, twaLimit) }));
    else if (shift > 8) reasons.push(msg('air.longShift.none', { cTwa: mg(twaResult.cTwa8h, twaLimit) }));
  } else if (input.cTwa !== undefined) {
    cTwaCompared = input.cTwa;
    if (input.longShift !== undefined && input.longShift.form !== 'none')
      refuse('longShift', 'contradictory', msg('input.longShiftNeedsSegments'));
  }
  let cSte: number | null = null;
  if (input.steSamples !== undefined) {
    const s = ste(input.steSamples, 'steSamples', pcStel === null ? [] : [pcStel]);
    cSte = s.cSte;
    reasons.push(...s.reasons);
    rules.push(airRules.cSte);
  } else if (input.cSte !== undefined) {
    cSte = input.cSte;
  }

  const pcTwaApplied = pcTwa === null ? null : reduction < 1 ? reduction * pcTwa : pcTwa;
  const checks: LimitCheck[] = [];
  if (type === 'MAC' && mac !== null) {
    rules.push(airRules.mac);
    checks.push({
      id: 'MAC',
      measured: maxC,
      limit: mac,
      pass: maxC === null ? null : atMost(maxC, mac),
      reason: maxC === null ? msg('air.missing.cm') : vs(subject, 'C_M', maxC, 'MAC', mac),
      clause: airRules.mac.clause,
    });
  } else if (pcTwaApplied !== null && pcTwa !== null) {
    checks.push({
      id: 'PC-TWA',
      measured: cTwaCompared,
      limit: pcTwaApplied,
      pass: cTwaCompared === null ? null : atMost(cTwaCompared, pcTwaApplied),
      reason:
        cTwaCompared === null
          ? msg('air.missing.twa')
          : vs(
              subject,
              'C_TWA',
              cTwaCompared,
              reduction < 1 ? `RF ${fmt(reduction, 'ratio')} × PC-TWA ${mg(pcTwa)} mg/m³ =` : 'PC-TWA',
              pcTwaApplied,
            ),
      clause: row.table === 1 ? '表1' : '表2',
    });
    if (type === 'PC-TWA+PC-STEL' && pcStel !== null) {
      rules.push(airRules.twaStel);
      checks.push({
        id: 'PC-STEL',
        measured: cSte,
        limit: pcStel,
        pass: cSte === null ? null : atMost(cSte, pcStel),
        reason: cSte === null ? msg('air.missing.ste') : vs(subject, 'C_STE', cSte, 'PC-STEL', pcStel),
        clause: airRules.twaStel.clause,
      });
    } else {
      rules.push(airRules.peak);
      checks.push(...checkPeakExcursions(pcTwa, maxC, excursions, subject));
    }
  }

  const failed = checks.filter((c) => c.pass === false);
  const missing = checks.filter((c) => c.pass === null);
  const verdict = failed.length > 0 ? 'exceeds' : missing.length > 0 ? 'incomplete' : 'compliant';
  const limits = [
    ...(mac !== null ? [`MAC ${mg(mac)} mg/m³`] : []),
    ...(pcTwa !== null ? [`PC-TWA ${mg(pcTwa)} mg/m³`] : []),
    ...(pcStel !== null ? [`PC-STEL ${mg(pcStel)} mg/m³`] : []),
  ];
  reasons.unshift(msg('air.limit', { name, limits: listOf(limits), cite }));
  for (const c of checks) reasons.push(c.reason);
  if (verdict === 'incomplete') reasons.push(msg('air.incomplete'));

  // Action level: 0.5 × the OEL (RF × PC-TWA, or MAC). "Reached" is measured ≥ 0.5 × OEL (convention).
  const alBase = type === 'MAC' ? mac : pcTwaApplied;
  const alMeasured = type === 'MAC' ? maxC : cTwaCompared;
  const alValue = scaled(0.5, alBase ?? 0);
  rules.push(airRules.actionLevel);

  return {
    verdict,
    reasons,
    limitApplied: {
      rowId: row.id,
      table: row.table,
      seq: row.seq,
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      cas: row.cas,
      origin: row.source.origin,
      provenance: row.source.provenance,
      citation: cite,
      edition: row.source.edition,
      amendments: row.source.amendments,
      type,
      mac,
      pcTwa,
      pcStel,
      dustFraction,
      reductionFactor: reduction,
      pcTwaApplied,
    },
    edition: row.source.edition,
    clause: checks.map((c) => c.clause).join('; '),
    checks,
    twa: twaResult,
    cSte,
    longShiftConvention: LONG_SHIFT_CONVENTION,
    actionLevel: {
      value: alValue,
      measured: alMeasured,
      reached: alMeasured === null ? null : atLeast(alMeasured, alValue),
      quantity: type === 'MAC' ? 'C_M' : 'C_TWA',
    },
    rules,
  };
}

/**
 * Contradictions between the readings: the highest reading of the shift (C_M / C_PE) cannot be below an
 * average over part of it (a segment, C_TWA, C_STE, a 15-minute sample), nor below a logged excursion;
 * excursions cannot overlap or run past the shift.
 */
function checkConsistency(input: AirJudgementInput, maxC: number | null, excursions: Excursion[] | null) {
  const issues: Issue[] = [];
  if (maxC !== null) {
    const below = (what: string, value: number) =>
      issues.push({
        path: 'maxConcentration',
        reason: 'contradictory',
        message: msg('input.maxBelow', { max: mg(maxC, value), what, value: mg(value, maxC) }),
      });
    const segs = input.exposure?.segments ?? [];
    const top = segs.reduce((m, s) => Math.max(m, s.concentration), 0);
    if (segs.length > 0 && !atMost(top, maxC)) below('Cᵢ', top);
    else if (input.cTwa !== undefined && !atMost(input.cTwa, maxC)) below('C_TWA', input.cTwa);
    const samples = input.steSamples ?? [];
    const topSample = samples.reduce((m, s) => Math.max(m, s.concentration), 0);
    if (samples.length > 0 && !atMost(topSample, maxC)) below('C_STE', topSample);
    else if (input.cSte !== undefined && !atMost(input.cSte, maxC)) below('C_STE', input.cSte);
  }
  if (excursions) {
    const shiftMinutes = (input.exposure?.shiftHours ?? 24) * 60;
    excursions.forEach((e, i) => {
      if (maxC !== null && !atMost(e.concentration, maxC))
        issues.push({
          path: `excursions.${i}.concentration`,
          reason: 'contradictory',
          message: msg('input.excursionAboveMax', { value: mg(e.concentration, maxC), max: mg(maxC) }),
        });
      if (!atMost(e.startMinute + e.minutes, shiftMinutes))
        issues.push({
          path: `excursions.${i}.minutes`,
          reason: 'contradictory',
          message: msg('input.excursionBeyondShift', {
            end: h(e.startMinute + e.minutes),
            shift: h(shiftMinutes),
          }),
        });
      excursions.forEach((o, j) => {
        if (j < i && e.startMinute < o.startMinute + o.minutes && o.startMinute < e.startMinute + e.minutes)
          issues.push({
            path: `excursions.${i}.startMinute`,
            reason: 'contradictory',
            message: msg('input.excursionsOverlap', { other: `excursions.${j}` }),
          });
      });
    });
  }
  if (issues.length > 0) throw new InputError(issues);
}

/** Judges one substance's measurements against its GBZ 2.1-2019 limit row in force on the sampling date. */
export function judgeAirExposure(input: AirJudgementInput): AirJudgementResult {
  return guard(() => {
    checkSchema(airJudgementSchema, typeof input === 'object' && input !== null ? requestPart(input) : input);
    return judge(input);
  });
}

// ---------------------------------------------------------------------------------------------------
// Mixtures
// ---------------------------------------------------------------------------------------------------

export type MixtureComponent = {
  substance: SubstanceRef;
  concentration: number;
  limitType: 'PC-TWA' | 'PC-STEL' | 'MAC';
  dustFraction?: 'total' | 'respirable';
};

export type MixtureInput = {
  eventDate: string;
  /** The caller declares that the components act additively (similar effects on the same organ). */
  additive: boolean;
  components: MixtureComponent[];
  amendments?: AmendmentSetting[];
  importedRows?: LimitRow[];
};

export type MixtureResult =
  | {
      verdict: 'compliant' | 'exceeds';
      sum: number;
      terms: {
        rowId: string;
        nameZh: string;
        concentration: number;
        limit: number;
        limitType: string;
        ratio: number;
        origin: string;
        citation: Msg;
        edition: string;
      }[];
      reasons: Msg[];
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | { verdict: 'not_applicable' | 'limit_not_loaded'; reasons: Msg[]; edition: string; clause: string }
  | ErrorResult;

function mixture(input: MixtureInput): MixtureResult {
  const date = input.eventDate;
  const comps = input.components;
  const types = new Set(comps.map((c) => c.limitType));
  if (types.size > 1) {
    const first = comps[0]?.limitType ?? '';
    const i = comps.findIndex((c) => c.limitType !== first);
    refuse(`components.${i}.limitType`, 'contradictory', msg('input.mixedLimitTypes', { first }));
  }
  if (!input.additive) {
    return {
      verdict: 'not_applicable',
      reasons: [msg('air.mix.notAdditive')],
      edition: GBZ21_2019.edition,
      clause: airRules.mixture.clause,
    };
  }
  const terms: Extract<MixtureResult, { verdict: 'compliant' | 'exceeds' }>['terms'] = [];
  const reasons: Msg[] = [];
  const editions = new Set<string>();
  const seen = new Map<string, number>();
  for (const [i, co] of comps.entries()) {
    const path = `components.${i}`;
    const lt = co.limitType;
    const lookup = resolveLimit(readSubstance(co.substance, `${path}.substance`), date, {
      ...(input.amendments ? { amendments: input.amendments } : {}),
      ...(input.importedRows ? { importedRows: input.importedRows } : {}),
    });
    if (isErrorResult(lookup)) return underPath(lookup, `${path}.substance`);
    if (lookup.kind === 'not_loaded') {
      return {
        verdict: 'limit_not_loaded',
        reasons: lookup.reasons,
        edition: GBZ21_2019.edition,
        clause: airRules.mixture.clause,
      };
    }
    const row = lookup.row;
    const key = `${row.id}|${co.dustFraction ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      refuse(
        `${path}.substance.${refField(co.substance)}`,
        'contradictory',
        msg('input.duplicateComponent', { name: nameOf(row), other: `components.${earlier}` }),
      );
    seen.set(key, i);
    let limit: number | null;
    if (row.table === 1) {
      if (co.dustFraction !== undefined)
        refuse(`${path}.dustFraction`, 'not_applicable', msg('input.notDust', { name: nameOf(row) }));
      limit = lt === 'MAC' ? row.mac : lt === 'PC-TWA' ? row.pcTwa : row.pcStel;
    } else if (co.dustFraction === undefined) {
      refuse(`${path}.dustFraction`, 'required', msg('input.dustFractionRequired', { name: nameOf(row) }));
    } else if (lt !== 'PC-TWA') limit = null;
    else limit = co.dustFraction === 'total' ? row.pcTwaTotal : row.pcTwaRespirable;
    if (limit === null)
      refuse(
        `${path}.limitType`,
        'not_applicable',
        msg('input.noSuchLimit', { name: nameOf(row), limitType: lt, cite: citeRow(row) }),
      );
    editions.add(row.source.edition);
    const cite = citeRow(row);
    const ratio = co.concentration / limit;
    terms.push({
      rowId: row.id,
      nameZh: row.nameZh,
      concentration: co.concentration,
      limit,
      limitType: lt,
      ratio,
      origin: row.source.origin,
      citation: cite,
      edition: row.source.edition,
    });
    reasons.push(
      msg('air.mix.term', {
        name: nameOf(row),
        c: mg(co.concentration),
        limitType: lt,
        limit: mg(limit),
        ratio: fmt(ratio, 'ratio'),
        cite,
      }),
    );
  }
  const sum = terms.reduce((s, t) => s + t.ratio, 0);
  const [sumText, oneText] = fmtVs(sum, 1, 'ratio');
  reasons.push(
    msg('air.mix.sum', {
      terms: terms.map((t) => `${mg(t.concentration)}/${mg(t.limit)}`).join(' + '),
      sum: sumText,
      op: atMost(sum, 1) ? '≤' : '>',
      one: oneText,
    }),
  );
  return {
    verdict: atMost(sum, 1) ? 'compliant' : 'exceeds',
    sum,
    terms,
    reasons,
    edition: [...editions].join('; '),
    clause: airRules.mixture.clause,
    rule: airRules.mixture,
  };
}

/** Additive mixture rule Σ Cᵢ/Lᵢ ≤ 1, applied only when the caller declares the components additive. */
export function judgeMixture(input: MixtureInput): MixtureResult {
  return guard(() => {
    checkSchema(mixtureSchema, typeof input === 'object' && input !== null ? requestPart(input) : input);
    return mixture(input);
  });
}
