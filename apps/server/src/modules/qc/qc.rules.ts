/**
 * The computations of 质控评估, as pure functions: the grade of a scored form, the filing-consistency
 * findings (备案信息一致性核查), the risk score that ranks extra visits and the two-year coverage.
 */
import {
  filingCategories,
  filingCategoryCodePrefixes,
  qcRiskWeights,
  type FilingContent,
  type QcConsistencyFinding,
  type QcConsistencyInput,
  type QcGrade,
  type QcRiskParts,
} from '@ohp/contracts';

const round2 = (n: number): number => Math.round(n * 100) / 100;
const round1 = (n: number): number => Math.round(n * 10) / 10;

export type ScoredItem = {
  code: string;
  points: number;
  keyItem: boolean;
  result: 'passed' | 'failed' | 'not_applicable' | null;
  awarded: number | null;
};

export type GradeResult = {
  score: number;
  maxScore: number;
  percent: number | null;
  failedKeyItems: string[];
  missingItems: string[];
  grade: QcGrade | null;
};

/**
 * The grade of a form (R50; issue 16 item 5): the percent of the applicable points (不适用 items do not
 * count), 合格 at or above the version's pass line, 基本合格 at or above its basic line, else 不合格 — and a
 * failed key item (关键项) is 不合格 whatever the score. Null while an item has no result.
 */
export const gradeOf = (
  items: ScoredItem[],
  thresholds: { passPercent: number; basicPercent: number },
): GradeResult => {
  const missingItems = items.filter((i) => i.result === null).map((i) => i.code);
  const counted = items.filter((i) => i.result !== null && i.result !== 'not_applicable');
  const score = round2(counted.reduce((s, i) => s + (i.awarded ?? 0), 0));
  const maxScore = round2(counted.reduce((s, i) => s + i.points, 0));
  const percent = maxScore > 0 ? round2((score / maxScore) * 100) : null;
  const failedKeyItems = items.filter((i) => i.keyItem && i.result === 'failed').map((i) => i.code);
  let grade: QcGrade | null = null;
  if (!missingItems.length) {
    const p = percent ?? 100;
    grade = failedKeyItems.length
      ? 'failed'
      : p >= thresholds.passPercent
        ? 'qualified'
        : p >= thresholds.basicPercent
          ? 'basic'
          : 'failed';
  }
  return { score, maxScore, percent, failedKeyItems, missingItems, grade };
};

/** A failed item, or a passed one that lost points (扣分项): each becomes a rectification item. */
export const isDeducted = (i: ScoredItem): boolean =>
  i.result === 'failed' || (i.result === 'passed' && (i.awarded ?? 0) < i.points);

// ---------- 备案信息一致性核查 ----------

export type FiledFacts = {
  staffCount: number;
  equipment: Array<{ name: string; quantity: number }>;
  hazardCodes: string[];
  venueAreaM2: number;
};

/** What the filed version declares: staff, equipment (by name, quantities summed), hazard codes, area. */
export const filedFactsOf = (content: FilingContent): FiledFacts => {
  const equipment = new Map<string, number>();
  for (const e of content.equipment ?? [])
    equipment.set(e.name.trim(), (equipment.get(e.name.trim()) ?? 0) + e.quantity);
  return {
    staffCount: (content.personnel ?? []).length,
    equipment: [...equipment].map(([name, quantity]) => ({ name, quantity })),
    hazardCodes: [...new Set((content.categories ?? []).flatMap((c) => c.hazardCodes))].sort(),
    venueAreaM2: round2((content.venues ?? []).reduce((s, v) => s + v.areaM2, 0)),
  };
};

/** The filing categories of a version (for the per-hazard score sheets). */
export const filedCategoriesOf = (content: FilingContent): string[] =>
  filingCategories.filter((c) =>
    (content.categories ?? []).some(
      (x) =>
        x.category === c ||
        x.hazardCodes.some((h) => filingCategoryCodePrefixes[c].some((p) => h.startsWith(p))),
    ),
  );

/**
 * The venue area found may differ from the filed one by this share before it is a mismatch (a measured
 * floor area is never exact). The platform's tolerance, PROVISIONAL (docs/STANDARDS.md).
 */
export const VENUE_AREA_TOLERANCE = 0.05;

/**
 * Each difference between the filed version and what the assessors found is a finding: the staff count,
 * each piece of equipment (missing, fewer, more, not filed), each hazard factor (filed but not done, done
 * but not filed), the venue area beyond the tolerance.
 */
export const consistencyFindings = (filed: FiledFacts, found: QcConsistencyInput): QcConsistencyFinding[] => {
  const out: QcConsistencyFinding[] = [];
  if (filed.staffCount !== found.staffCount)
    out.push({
      aspect: 'staff',
      key: 'count',
      filed: String(filed.staffCount),
      found: String(found.staffCount),
      text: `人员数与备案不一致：备案 ${filed.staffCount} 人，现场核实 ${found.staffCount} 人`,
    });
  const foundEq = new Map<string, number>();
  for (const e of found.equipment) foundEq.set(e.name.trim(), (foundEq.get(e.name.trim()) ?? 0) + e.quantity);
  for (const e of filed.equipment) {
    const n = foundEq.get(e.name) ?? 0;
    if (n !== e.quantity)
      out.push({
        aspect: 'equipment',
        key: e.name,
        filed: String(e.quantity),
        found: String(n),
        text: `设备与备案不一致：${e.name} 备案 ${e.quantity} 台，现场核实 ${n} 台`,
      });
  }
  const filedNames = new Set(filed.equipment.map((e) => e.name));
  for (const [name, n] of foundEq)
    if (!filedNames.has(name) && n > 0)
      out.push({
        aspect: 'equipment',
        key: name,
        filed: '0',
        found: String(n),
        text: `设备未备案：${name} 现场 ${n} 台`,
      });
  const foundCodes = new Set(found.hazardCodes);
  const filedCodes = new Set(filed.hazardCodes);
  for (const code of filed.hazardCodes)
    if (!foundCodes.has(code))
      out.push({
        aspect: 'hazards',
        key: code,
        filed: code,
        found: '',
        text: `备案的危害因素 ${code} 未实际开展或不具备检查条件`,
      });
  for (const code of [...foundCodes].sort())
    if (!filedCodes.has(code))
      out.push({
        aspect: 'hazards',
        key: code,
        filed: '',
        found: code,
        text: `开展了未备案的危害因素 ${code} 的检查（超备案范围）`,
      });
  const diff = Math.abs(found.venueAreaM2 - filed.venueAreaM2);
  if (diff > filed.venueAreaM2 * VENUE_AREA_TOLERANCE)
    out.push({
      aspect: 'venue_area',
      key: 'area',
      filed: String(filed.venueAreaM2),
      found: String(found.venueAreaM2),
      text: `场所面积与备案不一致：备案 ${filed.venueAreaM2} 平方米，现场核实 ${found.venueAreaM2} 平方米`,
    });
  return out;
};

// ---------- risk and coverage ----------

export type RiskInputs = {
  volume: number;
  complaints: number;
  pastFailures: number;
  lateRectifications: number;
};

/** The risk score with its parts (weights: qcRiskWeights, provisional); maxVolume is the province's largest. */
export const riskOf = (x: RiskInputs, maxVolume: number): QcRiskParts => {
  const w = qcRiskWeights;
  const volumePoints = maxVolume > 0 ? round1((w.volumeMax * x.volume) / maxVolume) : 0;
  const complaintPoints = x.complaints * w.perComplaint;
  const failurePoints = x.pastFailures * w.perPastFailure;
  const latePoints = x.lateRectifications * w.perLateRectification;
  return {
    ...x,
    volumePoints,
    complaintPoints,
    failurePoints,
    latePoints,
    score: round1(volumePoints + complaintPoints + failurePoints + latePoints),
  };
};

/** Coverage over the two-year cycle (R21: 质控覆盖率每两年达到100%), percent with one decimal. */
export const coveragePercent = (covered: number, due: number): number =>
  due > 0 ? round1((covered / due) * 100) : 100;
