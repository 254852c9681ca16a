/**
 * Health surveillance: GBZ 188-2014 (to 2026-07-31) and GBZ 188—2025 (from 2026-08-01) periodic-exam
 * cycles, target diseases and contraindications per hazard; and the workplace testing interval by the 2021
 * risk class. No machine-readable copy of either GBZ 188 edition exists: the shipped rows are ONLY those
 * the project's domain notes (DOMAIN §6) give, each with its confidence and `verified: false`. The full
 * table is imported by an administrator (importSurveillanceRows) and passed in by the server.
 */
import { classifyIndustryRisk, getHazardFactor, normalizeIndustryCode } from '@ohp/reference';
import type { RiskClassification } from '@ohp/reference';
import type { Confidence, Edition, ErrorResult, RuleRef } from './rules';
import {
  addMonths,
  atLeast,
  checkSchema,
  designation,
  editionFor,
  errorResult,
  guard,
  InputError,
} from './rules';
import { parseCsvTable } from '@ohp/reference';
import { fmt } from './rounding';
import type { ImportIssue } from './oel-data';
import type { Msg } from './messages';
import { listOf, msg } from './messages';
import type { Issue } from './validate';
import { surveillanceSchema, testingIntervalSchema } from './schemas';

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
  reason: Msg;
};

export type SurveillanceResult =
  | {
      verdict: 'due' | 'partial' | 'not_covered' | 'incomplete';
      cycleMonths: number | null;
      nextDueDate: string | null;
      governingHazardId: string | null;
      hazards: HazardCycle[];
      reasons: Msg[];
      edition: Gbz188Edition;
      clause: string;
      rule: RuleRef;
    }
  | ErrorResult;

/** 作业分级 as printed: Ⅰ … Ⅳ. */
const GRADE_DISPLAY: Record<WorkGrade, string> = { '0': '0', I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' };

/** The hazard id of noise in the 2015 catalogue: the only hazard a noise level applies to. */
const NOISE_HAZARD_ID = '3-1';

function cycleFor(
  row: SurveillanceRow,
  h: HazardExposure,
): { months: number | null; status: HazardCycle['status']; reason: Msg } {
  const c = row.cycle;
  switch (c.kind) {
    case 'fixed':
      return { months: c.months, status: 'covered', reason: msg('surv.fixed', { months: c.months }) };
    case 'noiseLevel': {
      if (h.noiseLevel === undefined)
        return { months: null, status: 'missing_input', reason: msg('surv.noiseMissing') };
      const level = h.noiseLevel;
      const band = c.bands.find((b) => atLeast(level, b.minDb));
      // Written against every band bound, so the band shown is the band applied.
      const text = fmt(
        level,
        'soundLevel',
        c.bands.map((b) => b.minDb),
      );
      if (!band) {
        const lowest = Math.min(...c.bands.map((b) => b.minDb));
        return {
          months: null,
          status: 'not_covered',
          reason: msg('surv.noiseBelow', { level: text, lowest: fmt(lowest, 'soundLevel') }),
        };
      }
      return {
        months: band.months,
        status: 'covered',
        reason: msg('surv.noiseBand', {
          level: text,
          min: fmt(band.minDb, 'soundLevel'),
          months: band.months,
        }),
      };
    }
    case 'workGrade': {
      if (h.workGrade === undefined) {
        return c.ungradedMonths === null
          ? { months: null, status: 'missing_input', reason: msg('surv.gradeMissing') }
          : {
              months: c.ungradedMonths,
              status: 'covered',
              reason: msg('surv.ungraded', { months: c.ungradedMonths }),
            };
      }
      const g = GRADE_ORDER[h.workGrade];
      const band = c.bands.find((b) => g >= GRADE_ORDER[b.minGrade]);
      const grade = GRADE_DISPLAY[h.workGrade];
      if (!band) return { months: null, status: 'not_covered', reason: msg('surv.gradeNone', { grade }) };
      return {
        months: band.months,
        status: 'covered',
        reason: msg('surv.gradeBand', { grade, min: GRADE_DISPLAY[band.minGrade], months: band.months }),
      };
    }
  }
}

/** Hazard ids of the 2015 catalogue, each once; a noise level only for noise. */
function checkHazards(hazards: HazardExposure[]): void {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  hazards.forEach((h, i) => {
    const factor = getHazardFactor(h.hazardId);
    if (!factor) {
      issues.push({
        path: `hazards.${i}.hazardId`,
        reason: 'hazard_unknown',
        message: msg('input.hazardUnknown', { id: h.hazardId }),
      });
      return;
    }
    const earlier = seen.get(h.hazardId);
    if (earlier !== undefined)
      issues.push({
        path: `hazards.${i}.hazardId`,
        reason: 'duplicate_entry',
        message: msg('input.duplicateHazard', { name: factor.name, other: `hazards.${earlier}` }),
      });
    seen.set(h.hazardId, i);
    if (h.noiseLevel !== undefined && h.hazardId !== NOISE_HAZARD_ID)
      issues.push({
        path: `hazards.${i}.noiseLevel`,
        reason: 'not_applicable',
        message: msg('input.noiseLevelNotNoise', { name: factor.name }),
      });
  });
  if (issues.length > 0) throw new InputError(issues);
}

function surveillance(input: SurveillanceInput): SurveillanceResult {
  const date = input.examDate;
  const hazards = input.hazards;
  checkHazards(hazards);
  const ed = editionFor(gbz188Editions, date);
  if ('verdict' in ed) return ed;
  const edition = designation(ed.edition);
  const imported = (input.importedRows ?? []).filter((r) => r.edition === ed.edition);
  const table = [
    ...imported,
    ...shippedSurveillanceRows.filter(
      (r) => r.edition === ed.edition && !imported.some((i) => i.hazardId === r.hazardId),
    ),
  ];
  const per: HazardCycle[] = hazards.map((h) => {
    const factor = getHazardFactor(h.hazardId);
    const name = factor?.name ?? h.hazardId;
    const row = table.find((r) => r.hazardId === h.hazardId);
    if (!row) {
      return {
        hazardId: h.hazardId,
        hazardName: name,
        status: 'not_covered',
        cycleMonths: null,
        section: null,
        targetDiseases: [],
        contraindications: [],
        confidence: null,
        verified: false,
        reason: msg('surv.noRow', { edition, name, who: msg('surv.who.import') }),
      };
    }
    const c = cycleFor(row, h);
    const section = row.section ? `§${row.section}` : '';
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
      reason: msg(row.verified ? 'surv.row' : 'surv.rowUnverified', {
        edition,
        section,
        name: row.hazardName,
        detail: c.reason,
      }),
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
  const nextDueDate = cycleMonths === null ? null : addMonths(date, cycleMonths);
  const reasons: Msg[] = per.map((p) => p.reason);
  if (governing && nextDueDate)
    reasons.push(
      msg('surv.governs', { months: cycleMonths ?? '', name: governing.hazardName, date: nextDueDate }),
    );
  if (verdict === 'partial') reasons.push(msg('surv.partial'));
  return {
    verdict,
    cycleMonths,
    nextDueDate,
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
  return guard(() => {
    if (typeof input === 'object' && input !== null) {
      const { importedRows: _r, ...request } = input;
      checkSchema(surveillanceSchema, request);
    } else checkSchema(surveillanceSchema, input);
    return surveillance(input);
  });
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
      /** The classification of @ohp/reference, its reason given as a message. */
      riskClassification: Omit<RiskClassification, 'reason'> & { reason: Msg };
      reasons: Msg[];
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | ErrorResult;

const CLASS_TERMS = { 严重: 'term.risk.severe', 一般: 'term.risk.general' } as const;

/** Real GB/T 4754-2017 codes, each once; the last test and evaluation not after the date assessed. */
function checkTestingInput(input: TestingIntervalInput): void {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  input.industryCodes.forEach((c, i) => {
    const code = normalizeIndustryCode(c);
    if (code === null) {
      issues.push({
        path: `industryCodes.${i}`,
        reason: 'industry_unknown',
        message: msg('input.industryUnknown', { code: c }),
      });
      return;
    }
    const earlier = seen.get(code);
    if (earlier !== undefined)
      issues.push({
        path: `industryCodes.${i}`,
        reason: 'duplicate_entry',
        message: msg('input.duplicateCode', { code: c, other: `industryCodes.${earlier}` }),
      });
    seen.set(code, i);
  });
  for (const field of ['lastTestDate', 'lastEvaluationDate'] as const) {
    const d = input[field];
    if (d !== undefined && d > input.eventDate)
      issues.push({
        path: field,
        reason: 'contradictory',
        message: msg('input.dateAfterEvent', { date: d, event: input.eventDate }),
      });
  }
  if (issues.length > 0) throw new InputError(issues);
}

/** The classification's reasons: each listed industry with its class, the unlisted ones, the footnotes. */
function classificationReasons(rc: RiskClassification): Msg[] {
  const out: Msg[] = [];
  const byCode = new Map<string, RiskClassification['matches']>();
  for (const m of rc.matches) byCode.set(m.industryCode, [...(byCode.get(m.industryCode) ?? []), m]);
  for (const [code, rows] of byCode) {
    out.push(
      msg('testing.listed', {
        code,
        rows: listOf(
          rows.map((r) => msg('testing.row', { name: r.name, cls: msg(CLASS_TERMS[r.riskClass]) })),
        ),
      }),
    );
    if (rows.length > 1 && new Set(rows.map((r) => r.riskClass)).size > 1)
      out.push(msg('testing.multiRow', { code }));
    if (rows.some((r) => r.starred)) out.push(msg('testing.starred', { code }));
  }
  if (rc.unlisted.length > 0) out.push(msg('testing.unlisted', { codes: rc.unlisted.join('、') }));
  return out;
}

/** Workplace hazard-factor testing interval (and status-evaluation interval) by the 2021 risk class. */
export function workplaceTestingInterval(input: TestingIntervalInput): TestingIntervalResult {
  return guard(() => {
    checkSchema(testingIntervalSchema, input);
    checkTestingInput(input);
    const date = input.eventDate;
    if (date < workplaceTestingRule.effectiveFrom) {
      return errorResult(
        'date_not_covered',
        msg('testing.before2021', { from: workplaceTestingRule.effectiveFrom }),
      );
    }
    const rc = classifyIndustryRisk(input.industryCodes);
    const reasons = classificationReasons(rc);
    let testing: number | null = null;
    let evaluation: number | null = null;
    let classMsg: Msg;
    if (rc.riskClass === '严重') {
      testing = 12;
      evaluation = 36;
      classMsg = msg('testing.severe');
    } else if (rc.riskClass === '一般') {
      testing = 36;
      classMsg = msg('testing.general');
    } else {
      classMsg = msg('testing.needsEvaluation');
    }
    reasons.push(classMsg);
    const nextTestDue = input.lastTestDate && testing ? addMonths(input.lastTestDate, testing) : null;
    const nextEvaluationDue =
      input.lastEvaluationDate && evaluation ? addMonths(input.lastEvaluationDate, evaluation) : null;
    if (nextTestDue)
      reasons.push(msg('testing.nextTest', { last: input.lastTestDate ?? '', date: nextTestDue }));
    if (nextEvaluationDue)
      reasons.push(
        msg('testing.nextEvaluation', { last: input.lastEvaluationDate ?? '', date: nextEvaluationDue }),
      );
    const verdict: TestingIntervalVerdict =
      rc.riskClass === '严重' ? 'severe' : rc.riskClass === '一般' ? 'general' : 'needs_evaluation';
    return {
      verdict,
      riskClass: rc.riskClass === 'needs_evaluation' ? null : rc.riskClass,
      testingIntervalMonths: testing,
      statusEvaluationIntervalMonths: evaluation,
      nextTestDue,
      nextEvaluationDue,
      riskClassification: { ...rc, reason: classMsg },
      reasons,
      edition: workplaceTestingRule.edition,
      clause: workplaceTestingRule.clause,
      rule: workplaceTestingRule,
    };
  });
}
