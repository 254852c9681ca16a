import regionData from '../datasets/regions.json' with { type: 'json' };

export type RegionLevel = 'province' | 'city' | 'county' | 'township';

export type Region = {
  /** GB/T 2260-style prefix code: 2 digits province, 4 city, 6 county, 9 township. */
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /**
   * NBS statistical-only county-level unit (开发区, 高新区, 园区 …): county part 71–79. Such codes are
   * not GB/T 2260 codes and must not be offered where a legal division code is required.
   */
  statisticalOnly: boolean;
};

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township' };
const PARENT_LENGTH: Record<RegionLevel, number> = { province: 0, city: 2, county: 4, township: 6 };

/** The level a code of this shape would have (by length), or null for a malformed code. */
export function regionLevelOfCode(code: string): RegionLevel | null {
  if (!/^\d+$/.test(code)) return null;
  return LEVEL_BY_LENGTH[code.length] ?? null;
}

// In the NBS 2023 data every county-level code ending in 71–79 is a statistical-only unit and no real
// county uses that range (DOMAIN §5, counted); 81–99 are genuine 县级市 and are not flagged.
function isStatisticalOnly(code: string, level: RegionLevel): boolean {
  return level === 'county' && /7[1-9]$/.test(code);
}

function build(rows: [string, string][], level: RegionLevel): Region[] {
  return rows.map(([code, name]) => ({
    code,
    name,
    level,
    parentCode: level === 'province' ? null : code.slice(0, PARENT_LENGTH[level]),
    statisticalOnly: isStatisticalOnly(code, level),
  }));
}

/** Provinces, cities and counties of the whole country (港澳台 as provinces only); townships of 吉林省 only. */
export const regions: readonly Region[] = Object.freeze([
  ...build(regionData.provinces as [string, string][], 'province'),
  ...build(regionData.cities as [string, string][], 'city'),
  ...build(regionData.counties as [string, string][], 'county'),
  ...build(regionData.townships as [string, string][], 'township'),
]);

/** Provenance of the shipped division data (package, vintage, input checksums). */
export const regionsMeta = regionData.meta;

const byCode = new Map(regions.map((r) => [r.code, r]));
const childrenByParent = new Map<string | null, Region[]>();
for (const r of regions) {
  const list = childrenByParent.get(r.parentCode) ?? [];
  list.push(r);
  childrenByParent.set(r.parentCode, list);
}
for (const list of childrenByParent.values()) list.sort((a, b) => (a.code < b.code ? -1 : 1));

export function getRegion(code: string): Region | undefined {
  return byCode.get(code);
}

/** Direct children in code order; `null` gives the provinces. Unknown code → []. */
export function childrenOf(code: string | null): Region[] {
  return [...(childrenByParent.get(code) ?? [])];
}

/** The region and its ancestors, province first. Unknown code → []. */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  let current = byCode.get(code);
  while (current) {
    path.unshift(current);
    current = current.parentCode === null ? undefined : byCode.get(current.parentCode);
  }
  return path;
}

/**
 * Regions whose code starts with `query` (when it is all digits) or whose name contains it; code-prefix
 * hits come first, then shallower levels first, then code order.
 */
export function searchRegions(query: string, limit = 20): Region[] {
  const q = query.trim();
  if (q === '' || limit <= 0) return [];
  const numeric = /^\d+$/.test(q);
  const hits = regions.filter((r) => (numeric ? r.code.startsWith(q) : r.name.includes(q)));
  const depth = (r: Region) => PARENT_LENGTH[r.level];
  hits.sort((a, b) => depth(a) - depth(b) || (a.code < b.code ? -1 : 1));
  return hits.slice(0, limit);
}
