/**
 * The coverage rules, pure: whether an exam or diagnosis institution counts for its county's or city's
 * target, and why not. Sources and what is uncertain: coverageRules in @ohp/contracts, docs/STANDARDS.md
 * (Coverage targets).
 */
import type { CoverageExclusionReason, CoverageInstitution, CoverageTargetKind } from '@ohp/contracts';
import { exchangeHazardFactors } from '@ohp/reference';

/** National hazard-factor table (cdc2021 表14): category 1 is 粉尘; its factors are 1001–1099. */
const DUST_CATEGORY = '1';
const DUST_CODES = new Set(
  exchangeHazardFactors.rows
    .filter((r) => r.level === 'factor' && r.parentCode === DUST_CATEGORY)
    .map((r) => r.code),
);

/**
 * Whether a filed factor makes an exam institution "able to screen pneumoconiosis": any dust-category
 * factor (uncertain — the sources do not say which filed items amount to 尘肺病筛查能力).
 */
export const isDustCode = (code: string): boolean => DUST_CODES.has(code);

export type Candidate = {
  organisation_id: number;
  name: string;
  kind: string;
  region_code: string;
  is_public: boolean;
  filing: {
    filing_id: number;
    kind: string;
    status: string;
    filing_no: string | null;
    filed_on: string | null;
  } | null;
  /** Filed, not blocked, hazard codes (institution_capability). */
  filedCodes: string[];
};

const FILING_KIND: Record<CoverageTargetKind, string> = { county_exam: 'exam', city_diagnosis: 'diagnosis' };

/** Why the institution does not count for the target (empty: it counts). */
export const exclusionReasons = (c: Candidate, target: CoverageTargetKind): CoverageExclusionReason[] => {
  const reasons: CoverageExclusionReason[] = [];
  if (!c.is_public) reasons.push('not_public');
  const f = c.filing;
  if (!f) reasons.push('not_filed');
  else if (f.status === 'cancelled') reasons.push('filing_cancelled');
  else if (f.status !== 'filed') reasons.push('filing_pending');
  else if (f.kind !== FILING_KIND[target]) reasons.push('filed_other_kind');
  else if (target === 'county_exam' && !c.filedCodes.some(isDustCode)) reasons.push('no_dust_capability');
  return reasons;
};

export const presentCandidate = (
  c: Candidate,
  target: CoverageTargetKind,
  regionName: (code: string) => string,
): CoverageInstitution => {
  const reasons = exclusionReasons(c, target);
  return {
    institutionId: c.organisation_id,
    name: c.name,
    regionCode: c.region_code,
    regionName: regionName(c.region_code),
    isPublic: c.is_public,
    filingId: c.filing?.filing_id ?? null,
    filingNo: c.filing?.filing_no ?? null,
    filingStatus: c.filing?.status ?? null,
    filedOn: c.filing?.filed_on ?? null,
    dustCodes:
      target === 'county_exam' && c.filing?.status === 'filed' ? c.filedCodes.filter(isDustCode) : [],
    counts: reasons.length === 0,
    reasons,
  };
};
