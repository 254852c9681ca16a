/**
 * Workplace air against GBZ 2.1-2019: C_TWA, C_STE, MAC, peak excursions, long-shift reduction, action
 * level and additive mixtures. Limits come from ./oel-data (the reference tables, amendments by
 * administrator-set date, administrator imports). Numbers are unrounded; see ./rounding for display.
 *
 * Clause numbers of GBZ 2.1-2019 were not read in the official text: the judgement rules below follow the
 * project's domain notes (DOMAIN §7.1), which cite §6.3 from a third-party engine [V3]. Each RuleRef says so.
 */
import type { ErrorResult, RuleRef } from './rules';
import {
  atLeast,
  atMost,
  checkArray,
  checkDate,
  checkNumber,
  checkObject,
  guard,
  InputError,
  scaled,
} from './rules';
import type { AmendmentSetting, LimitRow, ResolvedLimitRow, SubstanceRef } from './oel-data';
import { GBZ21_2019, resolveLimit } from './oel-data';
import { fmt, fmtVs } from './rounding';

/** "C_TWA 40 ≤ PC-TWA 50": a measured concentration and its limit, compared inclusively (不超过). */
const vs = (what: string, measured: number, limitName: string, limit: number): string => {
  const [m, l] = fmtVs(measured, limit, 'concentration');
  return `${what} ${m} ${atMost(measured, limit) ? '≤' : '>'} ${limitName} ${l}`;
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
  reasons: string[];
  edition: string;
  clause: string;
  rule: RuleRef;
};

function readSegments(x: unknown): ExposureSegment[] {
  return checkArray(x, 'segments').map((s, i) => {
    const o = checkObject(s, `segments[${i}]`);
    return {
      concentration: checkNumber(o.concentration, `segments[${i}].concentration`, { min: 0 }),
      hours: checkNumber(o.hours, `segments[${i}].hours`, { min: 0 }),
    };
  });
}

/** `against`: limits C_TWA (÷ 8 h) and the shift average are compared with, for the reasons' decimals. */
function twa(input: TwaInput, against: readonly number[] = []): TwaResult {
  const o = checkObject(input, 'input');
  const segments = readSegments(o.segments);
  const shiftHours = checkNumber(o.shiftHours, 'shiftHours', { positive: true });
  if (shiftHours > 24) throw new InputError('shiftHours must be ≤ 24');
  const exposedHours = segments.reduce((s, x) => s + x.hours, 0);
  if (exposedHours > shiftHours + 1e-9) {
    throw new InputError(
      `segments cover ${h(exposedHours, shiftHours)} h, more than the shift of ${h(shiftHours)} h`,
    );
  }
  const dose = segments.reduce((s, x) => s + x.concentration * x.hours, 0);
  const cTwa8h = dose / 8;
  const cTwaShift = dose / shiftHours;
  const reasons = [
    `Σ CᵢTᵢ = ${fmt(dose, 'dose')} mg·h/m³ over ${h(exposedHours)} h exposed; C_TWA = Σ CᵢTᵢ / 8 = ${mg(cTwa8h, against)}`,
  ];
  if (shiftHours < 8)
    reasons.push(`shift of ${h(shiftHours)} h: the rest of the 8 h counts as unexposed (C = 0)`);
  if (shiftHours > 8) {
    reasons.push(
      `shift of ${h(shiftHours)} h > 8 h: shift average Σ CᵢTᵢ / ${h(shiftHours)} = ${mg(cTwaShift, against)} is what the long-shift convention (${LONG_SHIFT_CONVENTION}) compares with RF × PC-TWA`,
    );
  }
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
  return guard(() => twa(input));
}

export type SteSample = { concentration: number; minutes: number };
export type SteInput = { samples: SteSample[] };
export type SteResult = {
  verdict: 'computed';
  cSte: number;
  sampledMinutes: number;
  reasons: string[];
  edition: string;
  clause: string;
  rule: RuleRef;
};

/** `against`: the PC-STEL C_STE is compared with, for the reasons' decimals. */
function ste(input: SteInput, against: readonly number[] = []): SteResult {
  const o = checkObject(input, 'input');
  const samples = checkArray(o.samples, 'samples').map((s, i) => {
    const so = checkObject(s, `samples[${i}]`);
    return {
      concentration: checkNumber(so.concentration, `samples[${i}].concentration`, { min: 0 }),
      minutes: checkNumber(so.minutes, `samples[${i}].minutes`, { min: 0 }),
    };
  });
  const minutes = samples.reduce((s, x) => s + x.minutes, 0);
  if (!(minutes > 0)) throw new InputError('samples must cover more than 0 minutes');
  if (minutes > 15 + 1e-9)
    throw new InputError(`C_STE is a 15-minute TWA; samples cover ${h(minutes, 15)} min`);
  const cSte = samples.reduce((s, x) => s + x.concentration * x.minutes, 0) / 15;
  const reasons = [`C_STE = Σ Cᵢtᵢ / 15 min = ${mg(cSte, against)}`];
  if (minutes < 15)
    reasons.push(
      `exposure of ${h(minutes, 15)} min < 15 min: the remaining ${h(15 - minutes)} min count as 0`,
    );
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
  return guard(() => ste(input));
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
  reasons: string[];
  edition: string;
  clause: string;
  rule: RuleRef;
};

function rf(input: ReductionInput): ReductionResult {
  const o = checkObject(input, 'input');
  let factor: number;
  let hours: number;
  let applies: boolean;
  let text: string;
  const form = o.form;
  if (form === 'daily') {
    hours = checkNumber(o.hoursPerDay, 'hoursPerDay', { positive: true });
    if (hours >= 24) throw new InputError('hoursPerDay must be < 24');
    applies = hours > 8;
    factor = applies ? (8 / hours) * ((24 - hours) / 16) : 1;
    text = applies
      ? `RF = (8/${h(hours)})·(24−${h(hours)})/16 = ${fmt(factor, 'ratio')}`
      : `${h(hours)} h/day ≤ 8 h: no reduction (RF = 1)`;
  } else if (form === 'weekly') {
    hours = checkNumber(o.hoursPerWeek, 'hoursPerWeek', { positive: true });
    if (hours >= 168) throw new InputError('hoursPerWeek must be < 168');
    applies = hours > 40;
    factor = applies ? (40 / hours) * ((168 - hours) / 128) : 1;
    text = applies
      ? `RF = (40/${h(hours)})·(168−${h(hours)})/128 = ${fmt(factor, 'ratio')}`
      : `${h(hours)} h/week ≤ 40 h: no reduction (RF = 1)`;
  } else {
    throw new InputError(`form must be 'daily' or 'weekly'`);
  }
  return {
    verdict: 'computed',
    form,
    hours,
    rf: factor,
    applies,
    reasons: [text, 'applies to PC-TWA only, never to MAC, PC-STEL or the peak-excursion multiples'],
    edition: GBZ21_2019.edition,
    clause: airRules.longShift.clause,
    rule: airRules.longShift,
  };
}

/** The long-shift reduction factor (Brief & Scala; daily or weekly form). */
export function longShiftReductionFactor(input: ReductionInput): ReductionResult | ErrorResult {
  return guard(() => rf(input));
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
  reason: string;
  clause: string;
};

/**
 * The peak rule for a PC-TWA-only substance or a dust. "超过" 3×PC-TWA is strict (a reading equal to 3× is not
 * an excursion); "不超过" 5×PC-TWA, 15 min and 4 times are inclusive; "间隔 ≥ 1 h" is measured from the end
 * of one excursion to the start of the next (the stricter reading; the text was not read).
 */
export function checkPeakExcursions(
  pcTwa: number,
  maxConcentration: number | null,
  excursions: Excursion[] | null,
): LimitCheck[] {
  const clause = airRules.peak.clause;
  const five = scaled(5, pcTwa);
  const three = scaled(3, pcTwa);
  if (maxConcentration === null) {
    return [
      {
        id: 'PE-5x',
        measured: null,
        limit: five,
        pass: null,
        reason: 'no peak concentration (C_PE) given',
        clause,
      },
    ];
  }
  const checks: LimitCheck[] = [
    {
      id: 'PE-5x',
      measured: maxConcentration,
      limit: five,
      pass: atMost(maxConcentration, five),
      reason: vs('C_PE', maxConcentration, '5 × PC-TWA =', five),
      clause,
    },
  ];
  if (atMost(maxConcentration, three)) {
    checks.push({
      id: 'PE-excursions',
      measured: maxConcentration,
      limit: three,
      pass: true,
      reason: `${vs('C_PE', maxConcentration, '3 × PC-TWA =', three)}: no excursion`,
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
      reason: `${vs('C_PE', maxConcentration, '3 × PC-TWA =', three)} but no excursion log (start, duration) was given; the rule cannot be shown to hold`,
      clause,
    });
    return checks;
  }
  const above = excursions
    .filter((e) => !atMost(e.concentration, three))
    .sort((a, b) => a.startMinute - b.startMinute);
  const problems: string[] = [];
  for (const e of above) {
    if (!atMost(e.minutes, 15))
      problems.push(`excursion at minute ${h(e.startMinute)} lasts ${h(e.minutes, 15)} min > 15 min`);
  }
  if (above.length > 4) problems.push(`${above.length} excursions > 4 per shift`);
  for (let i = 1; i < above.length; i++) {
    const prev = above[i - 1];
    const cur = above[i];
    if (!prev || !cur) continue;
    const gap = cur.startMinute - (prev.startMinute + prev.minutes);
    if (!atLeast(gap, 60))
      problems.push(
        `excursions at minutes ${h(prev.startMinute)} and ${h(cur.startMinute)} are ${h(gap, 60)} min apart (< 60)`,
      );
  }
  if (!above.some((e) => atLeast(e.concentration, maxConcentration))) {
    problems.push(`the excursion log does not contain the peak of ${mg(maxConcentration)}`);
  }
  checks.push({
    id: 'PE-excursions',
    measured: maxConcentration,
    limit: three,
    pass: problems.length === 0,
    reason:
      problems.length === 0
        ? `${above.length} excursion(s) > 3 × PC-TWA = ${mg(three)}, each ≤ 15 min, ≤ 4, ≥ 60 min apart`
        : problems.join('; '),
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
  /** Required for a dust (Table 2). */
  dustFraction?: 'total' | 'respirable';
  /** Full-shift exposure segments (preferred), or cTwa already computed over 8 h. */
  exposure?: TwaInput;
  cTwa?: number;
  /** 15-minute samples, or cSte already computed. */
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
  /** Where the row came from: file and line, or administrator import. */
  origin: string;
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
      reasons: string[];
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
  | { verdict: 'limit_not_loaded'; reasons: string[]; limitApplied: null; edition: string; clause: string }
  | ErrorResult;

function readSubstance(x: unknown, what: string): SubstanceRef {
  const o = checkObject(x, what);
  if (typeof o.rowId === 'string') return { rowId: o.rowId };
  if (typeof o.cas === 'string') return { cas: o.cas };
  if (typeof o.nameZh === 'string') return { nameZh: o.nameZh };
  throw new InputError(`${what} must be { rowId }, { cas } or { nameZh }`);
}

function judge(input: AirJudgementInput): AirJudgementResult {
  const o = checkObject(input, 'input');
  const date = checkDate(o.eventDate, 'eventDate');
  const substance = readSubstance(o.substance, 'substance');
  const lookup = resolveLimit(substance, date, {
    ...(input.amendments ? { amendments: input.amendments } : {}),
    ...(input.importedRows ? { importedRows: input.importedRows } : {}),
  });
  if ('verdict' in lookup) return lookup;
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
  const reasons: string[] = [];
  const rules: RuleRef[] = [];

  let mac: number | null = null;
  let pcTwa: number | null = null;
  let pcStel: number | null = null;
  let dustFraction: 'total' | 'respirable' | null = null;
  if (row.table === 1) {
    ({ mac, pcTwa, pcStel } = row);
  } else {
    if (o.dustFraction !== 'total' && o.dustFraction !== 'respirable') {
      throw new InputError(`${row.nameZh} is a dust (表2): dustFraction 'total' or 'respirable' is required`);
    }
    dustFraction = o.dustFraction;
    pcTwa = dustFraction === 'total' ? row.pcTwaTotal : row.pcTwaRespirable;
    if (pcTwa === null) {
      return {
        verdict: 'limit_not_loaded',
        reasons: [
          `${row.id} ${row.nameZh} has no ${dustFraction === 'total' ? '总尘' : '呼尘'} PC-TWA in GBZ 2.1-2019 表2 (as loaded)`,
        ],
        limitApplied: null,
        edition: row.source.edition,
        clause: '表2',
      };
    }
  }
  const type: LimitApplied['type'] = mac !== null ? 'MAC' : pcStel !== null ? 'PC-TWA+PC-STEL' : 'PC-TWA';

  // Exposure over the shift.
  let twaResult: TwaResult | null = null;
  let cTwaCompared: number | null = null;
  let reduction = 1;
  if (o.exposure !== undefined) {
    twaResult = twa(o.exposure as TwaInput);
    rules.push(airRules.cTwa);
    const shift = twaResult.shiftHours;
    const twaReasonsAt = reasons.length;
    const ls = (o.longShift ?? { form: 'daily' }) as LongShiftOption;
    if (ls.form !== 'daily' && ls.form !== 'weekly' && ls.form !== 'none')
      throw new InputError(`longShift.form must be daily, weekly or none`);
    if (ls.form === 'weekly' || (ls.form === 'daily' && shift > 8)) {
      const r = rf(
        ls.form === 'weekly'
          ? { form: 'weekly', hoursPerWeek: ls.hoursPerWeek }
          : { form: 'daily', hoursPerDay: shift },
      );
      reduction = r.rf;
      reasons.push(...r.reasons.slice(0, 1));
      rules.push(airRules.longShift);
    }
    // The TWA limit is known only now (RF depends on the shift): write C_TWA against it.
    const twaLimit = pcTwa === null ? [] : [reduction < 1 ? reduction * pcTwa : pcTwa];
    twaResult = twa(o.exposure as TwaInput, twaLimit);
    reasons.splice(twaReasonsAt, 0, ...twaResult.reasons);
    cTwaCompared = reduction < 1 ? twaResult.cTwaShift : twaResult.cTwa8h;
    if (reduction < 1)
      reasons.push(
        `long-shift convention ${LONG_SHIFT_CONVENTION}: shift average ${mg(twaResult.cTwaShift, twaLimit)} compared with RF × PC-TWA`,
      );
    else if (shift > 8)
      reasons.push(`no reduction: Σ CᵢTᵢ / 8 = ${mg(twaResult.cTwa8h, twaLimit)} compared with PC-TWA`);
  } else if (o.cTwa !== undefined) {
    cTwaCompared = checkNumber(o.cTwa, 'cTwa', { min: 0 });
    if (o.longShift !== undefined && (o.longShift as LongShiftOption).form !== 'none') {
      throw new InputError(
        'a long-shift reduction needs the exposure segments (exposure), not a precomputed cTwa',
      );
    }
  }
  let cSte: number | null = null;
  if (o.steSamples !== undefined) {
    const s = ste({ samples: o.steSamples as SteSample[] }, pcStel === null ? [] : [pcStel]);
    cSte = s.cSte;
    reasons.push(...s.reasons);
    rules.push(airRules.cSte);
  } else if (o.cSte !== undefined) {
    cSte = checkNumber(o.cSte, 'cSte', { min: 0 });
  }
  const maxC =
    o.maxConcentration === undefined ? null : checkNumber(o.maxConcentration, 'maxConcentration', { min: 0 });
  const excursions =
    o.excursions === undefined
      ? null
      : checkArray(o.excursions, 'excursions').map((e, i) => {
          const eo = checkObject(e, `excursions[${i}]`);
          return {
            startMinute: checkNumber(eo.startMinute, `excursions[${i}].startMinute`, { min: 0 }),
            minutes: checkNumber(eo.minutes, `excursions[${i}].minutes`, { positive: true }),
            concentration: checkNumber(eo.concentration, `excursions[${i}].concentration`, { min: 0 }),
          };
        });

  const pcTwaApplied = pcTwa === null ? null : reduction < 1 ? reduction * pcTwa : pcTwa;
  const checks: LimitCheck[] = [];
  if (type === 'MAC' && mac !== null) {
    rules.push(airRules.mac);
    checks.push({
      id: 'MAC',
      measured: maxC,
      limit: mac,
      pass: maxC === null ? null : atMost(maxC, mac),
      reason: maxC === null ? 'no maximum concentration (C_M) given' : vs('C_M', maxC, 'MAC', mac),
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
          ? 'no full-shift exposure (exposure segments or cTwa) given'
          : vs(
              'C_TWA',
              cTwaCompared,
              reduction < 1 ? `RF ${fmt(reduction, 'ratio')} × PC-TWA ${mg(pcTwa)} =` : 'PC-TWA',
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
        reason:
          cSte === null
            ? 'no 15-minute exposure (steSamples or cSte) given'
            : vs('C_STE', cSte, 'PC-STEL', pcStel),
        clause: airRules.twaStel.clause,
      });
    } else {
      rules.push(airRules.peak);
      checks.push(...checkPeakExcursions(pcTwa, maxC, excursions));
    }
  }

  const failed = checks.filter((c) => c.pass === false);
  const missing = checks.filter((c) => c.pass === null);
  const verdict = failed.length > 0 ? 'exceeds' : missing.length > 0 ? 'incomplete' : 'compliant';
  reasons.unshift(
    `limit row ${row.id} ${row.nameZh} (${row.source.origin}; ${row.source.edition}): ${type}` +
      (mac !== null ? ` MAC ${mg(mac)}` : '') +
      (pcTwa !== null ? ` PC-TWA ${mg(pcTwa)}` : '') +
      (pcStel !== null ? ` PC-STEL ${mg(pcStel)}` : '') +
      (dustFraction ? ` (${dustFraction === 'total' ? '总尘' : '呼尘'})` : '') +
      ' mg/m³',
  );
  for (const c of checks) reasons.push(`${c.id}: ${c.reason}`);
  if (verdict === 'incomplete') reasons.push('verdict incomplete: a check lacks its measurement');

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

/** Judges one substance's measurements against its GBZ 2.1-2019 limit row in force on the sampling date. */
export function judgeAirExposure(input: AirJudgementInput): AirJudgementResult {
  return guard(() => judge(input));
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
        edition: string;
      }[];
      reasons: string[];
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | { verdict: 'not_applicable' | 'limit_not_loaded'; reasons: string[]; edition: string; clause: string }
  | ErrorResult;

function mixture(input: MixtureInput): MixtureResult {
  const o = checkObject(input, 'input');
  const date = checkDate(o.eventDate, 'eventDate');
  if (typeof o.additive !== 'boolean') throw new InputError('additive must be true or false');
  const comps = checkArray(o.components, 'components');
  if (comps.length < 2) throw new InputError('a mixture needs at least 2 components');
  if (!o.additive) {
    return {
      verdict: 'not_applicable',
      reasons: [
        'the components are not declared additive: Σ C/L does not apply; judge each substance on its own',
      ],
      edition: GBZ21_2019.edition,
      clause: airRules.mixture.clause,
    };
  }
  const terms: Extract<MixtureResult, { verdict: 'compliant' | 'exceeds' }>['terms'] = [];
  const editions = new Set<string>();
  for (const [i, c] of comps.entries()) {
    const co = checkObject(c, `components[${i}]`);
    const concentration = checkNumber(co.concentration, `components[${i}].concentration`, { min: 0 });
    const lt = co.limitType;
    if (lt !== 'PC-TWA' && lt !== 'PC-STEL' && lt !== 'MAC')
      throw new InputError(`components[${i}].limitType must be PC-TWA, PC-STEL or MAC`);
    const lookup = resolveLimit(readSubstance(co.substance, `components[${i}].substance`), date, {
      ...(input.amendments ? { amendments: input.amendments } : {}),
      ...(input.importedRows ? { importedRows: input.importedRows } : {}),
    });
    if ('verdict' in lookup) return lookup;
    if (lookup.kind === 'not_loaded') {
      return {
        verdict: 'limit_not_loaded',
        reasons: lookup.reasons,
        edition: GBZ21_2019.edition,
        clause: airRules.mixture.clause,
      };
    }
    const row = lookup.row;
    let limit: number | null;
    if (row.table === 1) limit = lt === 'MAC' ? row.mac : lt === 'PC-TWA' ? row.pcTwa : row.pcStel;
    else if (lt !== 'PC-TWA') limit = null;
    else if (co.dustFraction === 'total') limit = row.pcTwaTotal;
    else if (co.dustFraction === 'respirable') limit = row.pcTwaRespirable;
    else throw new InputError(`components[${i}] is a dust: dustFraction is required`);
    if (limit === null) throw new InputError(`components[${i}] ${row.id} ${row.nameZh} has no ${lt} limit`);
    editions.add(row.source.edition);
    terms.push({
      rowId: row.id,
      nameZh: row.nameZh,
      concentration,
      limit,
      limitType: lt,
      ratio: concentration / limit,
      origin: row.source.origin,
      edition: row.source.edition,
    });
  }
  const types = new Set(terms.map((t) => t.limitType));
  if (types.size > 1)
    throw new InputError('all components must be compared with the same limit type (PC-TWA, PC-STEL or MAC)');
  const sum = terms.reduce((s, t) => s + t.ratio, 0);
  const [sumText, oneText] = fmtVs(sum, 1, 'ratio');
  return {
    verdict: atMost(sum, 1) ? 'compliant' : 'exceeds',
    sum,
    terms,
    reasons: [
      `Σ C/L = ${terms.map((t) => `${mg(t.concentration)}/${mg(t.limit)}`).join(' + ')} = ${sumText} ${atMost(sum, 1) ? '≤' : '>'} ${oneText}`,
    ],
    edition: [...editions].join('; '),
    clause: airRules.mixture.clause,
    rule: airRules.mixture,
  };
}

/** Additive mixture rule Σ Cᵢ/Lᵢ ≤ 1, applied only when the caller declares the components additive. */
export function judgeMixture(input: MixtureInput): MixtureResult {
  return guard(() => mixture(input));
}
