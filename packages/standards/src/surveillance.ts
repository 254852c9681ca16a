/**
 * Health surveillance: GBZ 188-2014 (to 2026-07-31) and GBZ 188—2025 (from 2026-08-01) periodic-exam
 * cycles, target diseases and contraindications per hazard; and the workplace testing interval by the 2021
 * risk class. No machine-readable copy of either GBZ 188 edition exists: the shipped rows are ONLY those
 * the project's domain notes (DOMAIN §6) give, each with its confidence and `verified: false`. The full
 * table is imported by an administrator (importSurveillanceRows) and passed in by the server.
 */
import { classifyIndustryRisk, getHazardFactor } from '@ohp/reference';
import type { Confidence, Edition, ErrorResult, RuleRef } from './rules';
import {
  addMonths,
  atLeast,
  checkArray,
  checkDate,
  checkObject,
  editionFor,
  errorResult,
  guard,
  InputError,
} from './rules';
import { parseCsvTable } from '@ohp/reference';
import { fmt } from './rounding';
import type { ImportIssue } from './oel-data';

export type Gbz188Edition = 'GBZ 188-2014' | 'GBZ 188-2025';

export const gbz188Editions: readonly (Edition & { edition: Gbz188Edition })[] = Object.freeze([
  {
    standard: 'GBZ 188',
    edition: 'GBZ 188-2014',
    effectiveFrom: '2014-10-01',
    effectiveTo: '2026-07-31',
    datesConfirmed: false,
    source: '发布 2014-05-14, 实施 2014-10-01 [V: cover page]; superseded 2026-08-01 by GBZ 188—2025 [V3]',
  },
  {
    standard: 'GBZ 188',
    edition: 'GBZ 188-2025',
    effectiveFrom: '2026-08-01',
    effectiveTo: null,
    datesConfirmed: false,
    source:
      'reported 发布 2025-08-20, 实施 2026-08-01 [V3: third-party code that parsed the NHC PDF]; not confirmed on an NHC notice',
  },
]);

export type WorkGrade = '0' | 'I' | 'II' | 'III' | 'IV';
const GRADE_ORDER: Record<WorkGrade, number> = { '0': 0, I: 1, II: 2, III: 3, IV: 4 };

export type CycleRule =
  | { kind: 'fixed'; months: number }
  /** Bands by L_EX,8h, highest first: the first band whose minDb ≤ level applies. */
  | { kind: 'noiseLevel'; bands: { minDb: number; months: number }[] }
  /** Bands by 作业分级 (GBZ/T 229), highest first: the first band whose minGrade ≤ grade applies. */
  | { kind: 'workGrade'; bands: { minGrade: WorkGrade; months: number }[]; ungradedMonths: number | null };

export type SurveillanceRow = {
  edition: Gbz188Edition;
  /** Section of the standard, or null where the source does not give it. */
  section: string | null;
  /** @ohp/reference hazard-factor id (2015 catalogue). */
  hazardId: string;
  hazardName: string;
  cycle: CycleRule;
  targetDiseases: string[];
  contraindications: { examType: '上岗前' | '在岗期间'; text: string }[];
  confidence: Confidence;
  verified: boolean;
  source: string;
  note?: string;
};

const NOTES_2014 = 'DOMAIN §6.3 (2014 examples)';
const RENRENDOC =
  'DOMAIN §6.3 "other 2014 periodicities" — third-party summary (renrendoc) [V3]; target diseases and contraindications not transcribed';

const fixed = (hazardId: string, hazardName: string, months: number, note?: string): SurveillanceRow => ({
  edition: 'GBZ 188-2014',
  section: null,
  hazardId,
  hazardName,
  cycle: { kind: 'fixed', months },
  targetDiseases: [],
  contraindications: [],
  confidence: 'V3',
  verified: false,
  source: RENRENDOC,
  ...(note === undefined ? {} : { note }),
});

const DUST_CONTRA = '活动性肺结核, 慢性阻塞性肺病, 慢性间质性肺病, 伴肺功能损害的疾病 [R]';

/** The rows DOMAIN §6 gives, and no others. All `verified: false`. */
export const shippedSurveillanceRows: readonly SurveillanceRow[] = Object.freeze([
  {
    edition: 'GBZ 188-2014',
    section: '6.1',
    hazardId: '1-1',
    hazardName: '游离二氧化硅粉尘',
    cycle: {
      kind: 'workGrade',
      bands: [
        { minGrade: 'II', months: 12 },
        { minGrade: 'I', months: 24 },
      ],
      ungradedMonths: null,
    },
    targetDiseases: ['矽肺'],
    contraindications: [{ examType: '上岗前', text: DUST_CONTRA }],
    confidence: 'R',
    verified: false,
    source: NOTES_2014,
    note: 'low confidence; abnormal film needing follow-up: 1年1次 for 5 years [R, not encoded]',
  },
  {
    edition: 'GBZ 188-2014',
    section: '6.2',
    hazardId: '1-2',
    hazardName: '煤尘',
    cycle: {
      kind: 'workGrade',
      bands: [
        { minGrade: 'II', months: 24 },
        { minGrade: 'I', months: 36 },
      ],
      ungradedMonths: null,
    },
    targetDiseases: ['煤工尘肺'],
    contraindications: [{ examType: '上岗前', text: DUST_CONTRA }],
    confidence: 'R',
    verified: false,
    source: NOTES_2014,
    note: 'DOMAIN marks both cycles "?" — low confidence, verify before use',
  },
  {
    edition: 'GBZ 188-2014',
    section: '7.1',
    hazardId: '3-1',
    hazardName: '噪声',
    cycle: {
      kind: 'noiseLevel',
      bands: [
        { minDb: 85, months: 12 },
        { minDb: 80, months: 24 },
      ],
    },
    targetDiseases: ['职业性噪声聋'],
    contraindications: [
      {
        examType: '上岗前',
        text: '各种原因引起永久性感音神经性听力损失 (500/1000/2000 Hz 任一频率纯音气导听阈 >25 dB); 高频段 3000/4000/6000 Hz 双耳平均听阈 ≥40 dB; 任一耳传导性耳聋且平均语频听力损失 ≥41 dB [R; 2007 text V3]',
      },
      { examType: '在岗期间', text: '除噪声外各种原因引起的永久性感音神经性听力损失 [R; 2007 text V3]' },
    ],
    confidence: 'V3',
    verified: false,
    source: NOTES_2014 + ' [V3 + R]',
  },
  {
    edition: 'GBZ 188-2014',
    section: '5.19',
    hazardId: '2-28',
    hazardName: '苯',
    cycle: { kind: 'fixed', months: 12 },
    targetDiseases: ['职业性慢性苯中毒', '苯所致白血病'],
    contraindications: [
      {
        examType: '上岗前',
        text: '白细胞 <4×10⁹/L 或中性粒细胞 <2×10⁹/L, 血小板 <8×10¹⁰/L, 造血系统疾病 [R]',
      },
    ],
    confidence: 'V3',
    verified: false,
    source: NOTES_2014 + ' [V3 renrendoc list]',
  },
  fixed('2-1', '铅及其化合物', 12),
  fixed('2-25', '四乙基铅', 36),
  {
    ...fixed('2-2', '汞及其化合物', 12),
    cycle: {
      kind: 'workGrade',
      bands: [
        { minGrade: 'II', months: 12 },
        { minGrade: 'I', months: 24 },
      ],
      ungradedMonths: null,
    },
  },
  fixed('2-3', '锰及其化合物', 12),
  fixed('2-5', '铍及其化合物', 12),
  fixed('2-4', '镉及其化合物', 12),
  fixed('2-134', '铬及其化合物', 12),
  fixed('2-43', '甲醇', 36),
  fixed('2-31', '正己烷', 12),
  fixed('2-13', '氯气', 12),
  fixed('2-14', '二氧化硫', 12),
  fixed('2-18', '氮氧化合物', 12),
  fixed('2-16', '氨', 12),
  fixed('2-46', '甲醛', 12),
  fixed('2-19', '一氧化碳', 36),
  fixed('2-21', '硫化氢', 36),
  fixed('2-42', '三硝基甲苯', 12, '肝功能 1次/半年 (not encoded as a cycle)'),
  {
    edition: 'GBZ 188-2025',
    section: '6.1',
    hazardId: '1-1',
    hazardName: '游离二氧化硅粉尘',
    cycle: {
      kind: 'workGrade',
      bands: [
        { minGrade: 'II', months: 12 },
        { minGrade: 'I', months: 24 },
      ],
      ungradedMonths: 12,
    },
    targetDiseases: ['矽肺'],
    contraindications: [],
    confidence: 'V3',
    verified: false,
    source: 'DOMAIN §6.3: a 2025-based third-party table (Ⅰ≤→24 mo, Ⅱ≥→12 mo, 未分级从严 12 mo) [V3]',
  },
] satisfies SurveillanceRow[]);

export type HazardExposure = { hazardId: string; noiseLevel?: number; workGrade?: WorkGrade };

export type SurveillanceInput = {
  /** Date of the periodic exam just done (the next due date counts from it), YYYY-MM-DD. */
  examDate: string;
  hazards: HazardExposure[];
  /** Administrator-imported rows; they replace the shipped rows of the same edition and hazard. */
  importedRows?: SurveillanceRow[];
};

export type HazardCycle = {
  hazardId: string;
  hazardName: string;
  status: 'covered' | 'not_covered' | 'missing_input';
  cycleMonths: number | null;
  section: string | null;
  targetDiseases: string[];
  contraindications: SurveillanceRow['contraindications'];
  confidence: Confidence | null;
  verified: boolean;
  reason: string;
};

export type SurveillanceResult =
  | {
      verdict: 'due' | 'partial' | 'not_covered' | 'incomplete';
      cycleMonths: number | null;
      nextDueDate: string | null;
      governingHazardId: string | null;
      hazards: HazardCycle[];
      reasons: string[];
      edition: Gbz188Edition;
      clause: string;
      rule: RuleRef;
    }
  | ErrorResult;

function cycleFor(
  row: SurveillanceRow,
  h: HazardExposure,
): { months: number | null; status: HazardCycle['status']; reason: string } {
  const c = row.cycle;
  switch (c.kind) {
    case 'fixed':
      return { months: c.months, status: 'covered', reason: `1 exam every ${c.months} months` };
    case 'noiseLevel': {
      if (h.noiseLevel === undefined)
        return {
          months: null,
          status: 'missing_input',
          reason: 'noiseLevel (L_EX,8h) is needed for this hazard',
        };
      if (typeof h.noiseLevel !== 'number' || !Number.isFinite(h.noiseLevel))
        throw new InputError('noiseLevel must be a number');
      const band = c.bands.find((b) => h.noiseLevel !== undefined && atLeast(h.noiseLevel, b.minDb));
      // Written against every band bound, so the band shown is the band applied.
      const level = fmt(
        h.noiseLevel,
        'soundLevel',
        c.bands.map((b) => b.minDb),
      );
      if (!band) {
        const lowest = Math.min(...c.bands.map((b) => b.minDb));
        return {
          months: null,
          status: 'not_covered',
          reason: `L_EX,8h ${level} < ${fmt(lowest, 'soundLevel')} dB(A): no periodic cycle in the loaded row`,
        };
      }
      return {
        months: band.months,
        status: 'covered',
        reason: `L_EX,8h ${level} ≥ ${fmt(band.minDb, 'soundLevel')} dB(A): every ${band.months} months`,
      };
    }
    case 'workGrade': {
      if (h.workGrade === undefined) {
        return c.ungradedMonths === null
          ? {
              months: null,
              status: 'missing_input',
              reason: 'workGrade (作业分级) is needed for this hazard',
            }
          : {
              months: c.ungradedMonths,
              status: 'covered',
              reason: `not graded: every ${c.ungradedMonths} months (未分级从严)`,
            };
      }
      if (!(h.workGrade in GRADE_ORDER)) throw new InputError(`workGrade must be one of 0, I, II, III, IV`);
      const g = GRADE_ORDER[h.workGrade];
      const band = c.bands.find((b) => g >= GRADE_ORDER[b.minGrade]);
      if (!band)
        return {
          months: null,
          status: 'not_covered',
          reason: `grade ${h.workGrade}: no cycle in the loaded row`,
        };
      return {
        months: band.months,
        status: 'covered',
        reason: `grade ${h.workGrade} (≥ ${band.minGrade}): every ${band.months} months`,
      };
    }
  }
}

function surveillance(input: SurveillanceInput): SurveillanceResult {
  const o = checkObject(input, 'input');
  const date = checkDate(o.examDate, 'examDate');
  const ed = editionFor(gbz188Editions, date);
  if ('verdict' in ed) return ed;
  const hazards = checkArray(o.hazards, 'hazards').map((h, i) => {
    const ho = checkObject(h, `hazards[${i}]`);
    if (typeof ho.hazardId !== 'string') throw new InputError(`hazards[${i}].hazardId must be a string`);
    return ho as HazardExposure;
  });
  if (hazards.length === 0) throw new InputError('at least one hazard is required');
  const imported = (input.importedRows ?? []).filter((r) => r.edition === ed.edition);
  const table = [
    ...imported,
    ...shippedSurveillanceRows.filter(
      (r) => r.edition === ed.edition && !imported.some((i) => i.hazardId === r.hazardId),
    ),
  ];
  const per: HazardCycle[] = hazards.map((h) => {
    const factor = getHazardFactor(h.hazardId);
    const row = table.find((r) => r.hazardId === h.hazardId);
    if (!row) {
      return {
        hazardId: h.hazardId,
        hazardName: factor?.name ?? '(not in the 2015 hazard catalogue)',
        status: 'not_covered',
        cycleMonths: null,
        section: null,
        targetDiseases: [],
        contraindications: [],
        confidence: null,
        verified: false,
        reason: factor
          ? `${ed.edition}: no row for ${factor.name} is loaded (only the rows of the project notes ship; an administrator imports the full table)`
          : `${h.hazardId} is not a hazard-factor id of the 2015 catalogue`,
      };
    }
    const c = cycleFor(row, h);
    return {
      hazardId: h.hazardId,
      hazardName: row.hazardName,
      status: c.status,
      cycleMonths: c.months,
      section: row.section,
      targetDiseases: row.targetDiseases,
      contraindications: row.contraindications,
      confidence: row.confidence,
      verified: row.verified,
      reason: `${ed.edition}${row.section ? ` §${row.section}` : ''} ${row.hazardName}: ${c.reason}${row.verified ? '' : ' (UNVERIFIED row)'}`,
    };
  });
  const covered = per.filter((p) => p.status === 'covered' && p.cycleMonths !== null);
  let governing: HazardCycle | null = null;
  for (const p of covered)
    if (!governing || (p.cycleMonths ?? Infinity) < (governing.cycleMonths ?? Infinity)) governing = p;
  const cycleMonths = governing?.cycleMonths ?? null;
  const verdict: 'due' | 'partial' | 'not_covered' | 'incomplete' =
    covered.length === per.length
      ? 'due'
      : covered.length > 0
        ? 'partial'
        : per.some((p) => p.status === 'missing_input')
          ? 'incomplete'
          : 'not_covered';
  const reasons = per.map((p) => `${p.hazardId}: ${p.reason}`);
  if (governing) reasons.push(`shortest cycle ${cycleMonths} months (${governing.hazardName}) governs`);
  if (verdict === 'partial')
    reasons.push('some hazards are not covered or lack input: their cycle may be shorter than the one given');
  return {
    verdict,
    cycleMonths,
    nextDueDate: cycleMonths === null ? null : addMonths(date, cycleMonths),
    governingHazardId: governing?.hazardId ?? null,
    hazards: per,
    reasons,
    edition: ed.edition,
    clause: governing?.section ? `§${governing.section} 在岗期间 健康检查周期` : '在岗期间 健康检查周期',
    rule: {
      standard: 'GBZ 188',
      edition: ed.edition,
      clause: '在岗期间 健康检查周期 per hazard section',
      effectiveFrom: ed.effectiveFrom,
      effectiveTo: ed.effectiveTo,
      verified: false,
      confidence: 'V3',
      note: 'next due = exam date + cycle months (same day of month, or the month’s last day)',
    },
  };
}

/** The periodic-exam cycle and next due date for a worker's hazards under the GBZ 188 edition in force. */
export function surveillanceCycle(input: SurveillanceInput): SurveillanceResult {
  return guard(() => surveillance(input));
}

// ---------------------------------------------------------------------------------------------------
// Import of the full table
// ---------------------------------------------------------------------------------------------------

export const surveillanceImportTemplate = Object.freeze([
  'hazard_id',
  'section',
  'cycle_kind',
  'cycle',
  'target_diseases',
  'contraindications_pre',
  'contraindications_on',
  'verified',
  'source',
] as const);

export type SurveillanceImportResult = {
  edition: string;
  rows: SurveillanceRow[];
  errors: ImportIssue[];
  ok: boolean;
};

const MONTHS_RE = /^\d{1,3}$/;

/**
 * Validates an administrator's transcription of a GBZ 188 edition. Columns (see the template):
 * hazard_id (2015 catalogue id, e.g. 3-1), section (e.g. 7.1), cycle_kind fixed | noiseLevel | workGrade,
 * cycle ("12"; "85:12;80:24"; "II:12;I:24;ungraded:12"), target_diseases and contraindications as
 * `;`-separated text, verified true/false, source (required). Returns the rows; the server persists them.
 */
export function importSurveillanceRows(csvText: string, opts: { edition: string }): SurveillanceImportResult {
  const errors: ImportIssue[] = [];
  const rows: SurveillanceRow[] = [];
  const edition = opts.edition;
  const done = (): SurveillanceImportResult => ({ edition, rows, errors, ok: errors.length === 0 });
  if (edition !== 'GBZ 188-2014' && edition !== 'GBZ 188-2025') {
    errors.push({ row: 0, column: null, reason: 'edition must be GBZ 188-2014 or GBZ 188-2025' });
    return done();
  }
  let table;
  try {
    table = parseCsvTable(csvText);
  } catch (e) {
    errors.push({ row: 0, column: null, reason: (e as Error).message });
    return done();
  }
  const template: readonly string[] = surveillanceImportTemplate;
  if (table.header.join(',') !== template.join(',')) {
    errors.push({ row: 1, column: null, reason: `header must be ${template.join(',')}` });
    return done();
  }
  const seen = new Set<string>();
  for (const { line, cells, width } of table.records) {
    const before = errors.length;
    const err = (column: string | null, reason: string) => errors.push({ row: line, column, reason });
    if (width !== template.length) err(null, `${width} cells, the template has ${template.length}`);
    const hazardId = (cells.hazard_id ?? '').trim();
    const factor = getHazardFactor(hazardId);
    if (!factor) err('hazard_id', `${hazardId} is not a hazard-factor id of the 2015 catalogue`);
    else if (seen.has(hazardId)) err('hazard_id', 'duplicate hazard in this file');
    seen.add(hazardId);
    const section = (cells.section ?? '').trim();
    if (!/^\d+(\.\d+)*$/.test(section)) err('section', 'must be a section number such as 7.1');
    const kind = (cells.cycle_kind ?? '').trim();
    const cycleText = (cells.cycle ?? '').trim();
    let cycle: CycleRule | null = null;
    const months = (t: string): number | null => {
      if (!MONTHS_RE.test(t) || Number(t) < 1 || Number(t) > 120) {
        err('cycle', `"${t}" is not a number of months 1–120`);
        return null;
      }
      return Number(t);
    };
    if (kind === 'fixed') {
      const m = months(cycleText);
      if (m !== null) cycle = { kind: 'fixed', months: m };
    } else if (kind === 'noiseLevel') {
      const bands = cycleText.split(';').map((p) => {
        const [db = '', m = ''] = p.split(':');
        const n = Number(db);
        if (db === '' || !Number.isFinite(n)) err('cycle', `"${p}" must be minDb:months`);
        return { minDb: n, months: months(m) ?? 0 };
      });
      if (bands.some((b, i) => i > 0 && b.minDb >= (bands[i - 1]?.minDb ?? Infinity)))
        err('cycle', 'bands must be listed from the highest level down');
      cycle = { kind: 'noiseLevel', bands };
    } else if (kind === 'workGrade') {
      let ungradedMonths: number | null = null;
      const bands: { minGrade: WorkGrade; months: number }[] = [];
      for (const p of cycleText.split(';')) {
        const [g = '', m = ''] = p.split(':');
        if (g === 'ungraded') ungradedMonths = months(m);
        else if (g in GRADE_ORDER) bands.push({ minGrade: g as WorkGrade, months: months(m) ?? 0 });
        else err('cycle', `"${g}" is not a grade (0, I, II, III, IV or ungraded)`);
      }
      const prevGrade = (i: number): number => GRADE_ORDER[bands[i - 1]?.minGrade ?? 'IV'];
      if (bands.some((b, i) => i > 0 && GRADE_ORDER[b.minGrade] >= prevGrade(i))) {
        err('cycle', 'grades must be listed from the highest down');
      }
      if (bands.length === 0) err('cycle', 'at least one grade band is required');
      cycle = { kind: 'workGrade', bands, ungradedMonths };
    } else {
      err('cycle_kind', 'must be fixed, noiseLevel or workGrade');
    }
    const verified = (cells.verified ?? '').trim();
    if (verified !== 'true' && verified !== 'false') err('verified', 'must be true or false');
    const source = (cells.source ?? '').trim();
    if (source === '') err('source', 'required: where the row was transcribed from (edition, page)');
    const split = (v: string | undefined) =>
      (v ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    if (errors.length === before && cycle && factor) {
      rows.push({
        edition,
        section,
        hazardId,
        hazardName: factor.name,
        cycle,
        targetDiseases: split(cells.target_diseases),
        contraindications: [
          ...split(cells.contraindications_pre).map((text) => ({ examType: '上岗前' as const, text })),
          ...split(cells.contraindications_on).map((text) => ({ examType: '在岗期间' as const, text })),
        ],
        confidence: verified === 'true' ? 'V' : 'R',
        verified: verified === 'true',
        source,
      });
    }
  }
  return done();
}

// ---------------------------------------------------------------------------------------------------
// Workplace testing interval by the 2021 risk class
// ---------------------------------------------------------------------------------------------------

export const workplaceTestingRule: RuleRef = {
  standard: '工作场所职业卫生管理规定',
  edition: '国家卫生健康委员会令第5号 + 建设项目职业病危害风险分类管理目录(2021)',
  clause: '严重: 检测 ≥ 1次/年, 现状评价 ≥ 1次/3年; 一般: 检测 ≥ 1次/3年 (article number unverified)',
  effectiveFrom: '2021-03-12',
  effectiveTo: null,
  verified: false,
  confidence: 'R',
  note: 'order in force 2021-02-01 [R]; the risk catalogue dated 2021-03-12 [V] — the later date bounds the rule; a third-party suite encodes the same 12/36 months [V3]',
};

export type TestingIntervalInput = {
  eventDate: string;
  industryCodes: string[];
  lastTestDate?: string;
  lastEvaluationDate?: string;
};

/** The 2021 risk classes as verdict codes: 严重 → severe, 一般 → general, 需评价确定 → needs_evaluation. */
export type TestingIntervalVerdict = 'severe' | 'general' | 'needs_evaluation';

export type TestingIntervalResult =
  | {
      verdict: TestingIntervalVerdict;
      /** The class as the catalogue prints it (严重 / 一般), or null while it needs evaluation. */
      riskClass: '严重' | '一般' | null;
      testingIntervalMonths: number | null;
      statusEvaluationIntervalMonths: number | null;
      nextTestDue: string | null;
      nextEvaluationDue: string | null;
      riskClassification: ReturnType<typeof classifyIndustryRisk>;
      reasons: string[];
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | ErrorResult;

/** Workplace hazard-factor testing interval (and status-evaluation interval) by the 2021 risk class. */
export function workplaceTestingInterval(input: TestingIntervalInput): TestingIntervalResult {
  return guard(() => {
    const o = checkObject(input, 'input');
    const date = checkDate(o.eventDate, 'eventDate');
    if (date < workplaceTestingRule.effectiveFrom) {
      return errorResult(
        'date_not_covered',
        `the 2021 risk catalogue applies from ${workplaceTestingRule.effectiveFrom}; the 2012 catalogue (3 classes) is not loaded`,
      );
    }
    const codes = checkArray(o.industryCodes, 'industryCodes').map((c, i) => {
      if (typeof c !== 'string') throw new InputError(`industryCodes[${i}] must be a string`);
      return c;
    });
    const last = o.lastTestDate === undefined ? null : checkDate(o.lastTestDate, 'lastTestDate');
    const lastEval =
      o.lastEvaluationDate === undefined ? null : checkDate(o.lastEvaluationDate, 'lastEvaluationDate');
    const rc = classifyIndustryRisk(codes);
    const reasons = [`risk class: ${rc.riskClass} — ${rc.reason}`];
    let testing: number | null = null;
    let evaluation: number | null = null;
    if (rc.riskClass === '严重') {
      testing = 12;
      evaluation = 36;
      reasons.push(
        '严重: testing at least every 12 months, status evaluation (现状评价) at least every 36 months',
      );
    } else if (rc.riskClass === '一般') {
      testing = 36;
      reasons.push('一般: testing at least every 36 months');
    } else {
      reasons.push('class decided by evaluation (评价): no interval until the class is known');
    }
    const verdict: TestingIntervalVerdict =
      rc.riskClass === '严重' ? 'severe' : rc.riskClass === '一般' ? 'general' : 'needs_evaluation';
    return {
      verdict,
      riskClass: rc.riskClass === 'needs_evaluation' ? null : rc.riskClass,
      testingIntervalMonths: testing,
      statusEvaluationIntervalMonths: evaluation,
      nextTestDue: last && testing ? addMonths(last, testing) : null,
      nextEvaluationDue: lastEval && evaluation ? addMonths(lastEval, evaluation) : null,
      riskClassification: rc,
      reasons,
      edition: workplaceTestingRule.edition,
      clause: workplaceTestingRule.clause,
      rule: workplaceTestingRule,
    };
  });
}
