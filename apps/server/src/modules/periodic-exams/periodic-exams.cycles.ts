/**
 * The periodic-exam cycle of each national hazard code under each GBZ 188 edition, asked of the
 * standards engine (`surveillanceCycle`, with the administrator's imported rows) — never a table of its
 * own. A national code (cdc2021.hazard) reaches the engine through its 2015-catalogue entry (the
 * exchange table's mapping). Where the engine needs a level the card does not carry (noise L_EX,8h,
 * 作业分级), the engine is asked once per band of its row, so each possible cycle is the engine's too;
 * the list shows them as a caveat, not as the answer.
 */
import { exchangeHazardFactors, findExchangeCode } from '@ohp/reference';
import {
  designation,
  gbz188Editions,
  renderMsg,
  shippedSurveillanceRows,
  surveillanceCycle,
  type Gbz188Edition,
  type HazardCycle,
  type HazardExposure,
  type Lang,
  type SurveillanceRow,
} from '@ohp/standards';
import type { PeriodicCaveatKind } from '@ohp/contracts';

export type Alternative = { condition: { zh: string; en: string }; months: number; exposure: HazardExposure };

export type FactorCycle = {
  code: string;
  edition: Gbz188Edition;
  effectiveFrom: string;
  effectiveTo: string | null;
  hazardId: string | null;
  /** The engine's answer for the hazard (null: the code has no 2015-catalogue entry). */
  cycle: HazardCycle | null;
  /** One cycle when the engine gives one without further input. */
  months: number | null;
  alternatives: Alternative[];
  caveat: PeriodicCaveatKind | null;
};

const GRADE_TEXT: Record<string, string> = { '0': '0', I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' };

/** The row the engine reads for this edition and hazard: an imported one first, as the engine does. */
const rowFor = (imported: SurveillanceRow[], edition: Gbz188Edition, hazardId: string) =>
  imported.find((r) => r.edition === edition && r.hazardId === hazardId) ??
  shippedSurveillanceRows.find((r) => r.edition === edition && r.hazardId === hazardId);

/** Asks the engine about one hazard on a date; the hazard's entry, or null when it refuses. */
const ask = (examDate: string, exposure: HazardExposure, imported: SurveillanceRow[]): HazardCycle | null => {
  const r = surveillanceCycle({ examDate, hazards: [exposure], importedRows: imported });
  return r.verdict === 'error' ? null : (r.hazards[0] ?? null);
};

const bandAlternatives = (
  row: SurveillanceRow | undefined,
  date: string,
  hazardId: string,
  imported: SurveillanceRow[],
): Alternative[] => {
  if (!row) return [];
  const out: Alternative[] = [];
  if (row.cycle.kind === 'noiseLevel')
    for (const b of row.cycle.bands) {
      const exposure = { hazardId, noiseLevel: b.minDb };
      const m = ask(date, exposure, imported)?.cycleMonths;
      if (m != null)
        out.push({
          condition: { zh: `L_EX,8h ≥ ${b.minDb} dB(A)`, en: `L_EX,8h ≥ ${b.minDb} dB(A)` },
          months: m,
          exposure,
        });
    }
  if (row.cycle.kind === 'workGrade')
    for (const b of row.cycle.bands) {
      const exposure = { hazardId, workGrade: b.minGrade };
      const m = ask(date, exposure, imported)?.cycleMonths;
      if (m != null)
        out.push({
          condition: {
            zh: `作业分级 ${GRADE_TEXT[b.minGrade]} 级及以上`,
            en: `work grade ${b.minGrade} or above`,
          },
          months: m,
          exposure,
        });
    }
  return out;
};

/** The engine's answer for one national code under one edition (asked on the edition's first day). */
export const factorCycle = (
  code: string,
  edition: (typeof gbz188Editions)[number],
  imported: SurveillanceRow[],
): FactorCycle => {
  const entry = exchangeHazardFactors.rows.find((r) => r.code === code);
  const hazardId = entry?.mapped?.id ?? null;
  const base = {
    code,
    edition: edition.edition,
    effectiveFrom: edition.effectiveFrom,
    effectiveTo: edition.effectiveTo,
    hazardId,
  };
  if (!hazardId) return { ...base, cycle: null, months: null, alternatives: [], caveat: 'factor_not_mapped' };
  const cycle = ask(edition.effectiveFrom, { hazardId }, imported);
  if (!cycle) return { ...base, cycle: null, months: null, alternatives: [], caveat: 'factor_not_mapped' };
  if (cycle.status === 'covered' && cycle.cycleMonths !== null)
    return { ...base, cycle, months: cycle.cycleMonths, alternatives: [], caveat: null };
  if (cycle.status === 'missing_input') {
    const row = rowFor(imported, edition.edition, hazardId);
    return {
      ...base,
      cycle,
      months: null,
      alternatives: bandAlternatives(row, edition.effectiveFrom, hazardId, imported),
      caveat: row?.cycle.kind === 'noiseLevel' ? 'noise_level_required' : 'work_grade_required',
    };
  }
  return { ...base, cycle, months: null, alternatives: [], caveat: 'no_cycle_in_edition' };
};

/**
 * Every national hazard code × every edition, for the codes the engine knows something about (a cycle
 * or bands); the other codes have no cycle, and their caveat is worked out per row.
 */
export const cycleTable = (imported: SurveillanceRow[]): FactorCycle[] =>
  exchangeHazardFactors.rows
    .filter((r) => r.level === 'factor' && r.mapped)
    .flatMap((r) => gbz188Editions.map((e) => factorCycle(r.code, e, imported)))
    .filter((c) => c.months !== null || c.alternatives.length > 0);

export const editionOn = (date: string) =>
  gbz188Editions.find((e) => date >= e.effectiveFrom && (e.effectiveTo === null || date <= e.effectiveTo)) ??
  null;

const CAVEAT_TEXT: Record<PeriodicCaveatKind, { zh: string; en: string }> = {
  noise_level_required: {
    zh: '周期取决于噪声等效声级 L_EX,8h，个案卡未载明该值：下列各条件下的周期与到期日仅供参考，不作推定',
    en: 'The cycle depends on the noise level L_EX,8h, which the card does not carry: the cycles below are what each level would give, not a guess',
  },
  work_grade_required: {
    zh: '周期取决于作业分级（GBZ/T 229），个案卡未载明分级：下列各分级下的周期与到期日仅供参考，不作推定',
    en: 'The cycle depends on the work grade (GBZ/T 229), which the card does not carry: the cycles below are what each grade would give, not a guess',
  },
  no_cycle_in_edition: {
    zh: '{edition} 中该危害因素的在岗期间检查周期尚未载入标准引擎',
    en: '{edition}: no periodic-exam cycle for this factor is loaded in the standards engine',
  },
  factor_not_mapped: {
    zh: '国家危害因素代码 {code} 在 2015 年版《职业病危害因素分类目录》中无对应条目，标准引擎无法确定周期',
    en: 'National hazard code {code} has no entry in the 2015 hazard catalogue; the standards engine cannot give a cycle',
  },
  edition_not_covered: {
    zh: '体检日期 {date} 不在已载入的 GBZ 188 版本适用期内',
    en: 'The exam date {date} is outside every loaded GBZ 188 edition',
  },
};

export const caveatText = (
  kind: PeriodicCaveatKind,
  lang: Lang,
  p: { edition?: string; code?: string; date?: string },
): string =>
  CAVEAT_TEXT[kind][lang === 'en' ? 'en' : 'zh']
    .replace('{edition}', p.edition ? designation(p.edition) : '')
    .replace('{code}', p.code ?? '')
    .replace('{date}', p.date ?? '');

export const reasonText = (c: HazardCycle | null, lang: Lang): string => (c ? renderMsg(c.reason, lang) : '');

export const factorName = (code: string): string => findExchangeCode('hazard-factors', code)?.name ?? code;
