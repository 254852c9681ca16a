import industryData from '../datasets/industries-gbt4754-2017.json' with { type: 'json' };

export type IndustryLevel = 1 | 2 | 3 | 4;
export type IndustrySection =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T';

export type Industry = {
  /** 门类 letter ('C') or the numeric code without the letter ('30', '301', '3011'). */
  code: string;
  name: string;
  /** 1 门类, 2 大类, 3 中类, 4 小类. */
  level: IndustryLevel;
  section: IndustrySection;
  parentCode: string | null;
};

/** GB/T 4754-2017 (as amended by XG1-2019, see DATA-SOURCES): 20 门类, 97 大类, 473 中类, 1,381 小类. */
export const industries: readonly Industry[] = Object.freeze(industryData.rows as Industry[]);
export const industriesMeta = industryData.meta;

const byCode = new Map(industries.map((i) => [i.code, i]));

/**
 * Normalises '0111', 'A0111', 'a0111' and ' A ' to the stored code ('0111', 'A'); a letter that does not
 * match the code's 门类 gives null, as does anything that is not a GB/T 4754-2017 code.
 */
export function normalizeIndustryCode(input: string): string | null {
  const s = input.trim().toUpperCase();
  if (/^[A-T]$/.test(s)) return byCode.has(s) ? s : null;
  const m = /^([A-T])?(\d{2,4})$/.exec(s);
  if (!m || m[2] === undefined) return null;
  const found = byCode.get(m[2]);
  if (!found) return null;
  if (m[1] !== undefined && m[1] !== found.section) return null;
  return found.code;
}

export function getIndustry(code: string): Industry | undefined {
  const normalized = normalizeIndustryCode(code);
  return normalized === null ? undefined : byCode.get(normalized);
}

export function industryChildren(code: string | null): Industry[] {
  return industries.filter((i) => i.parentCode === code);
}

/** The industry and its ancestors, 门类 first. */
export function industryPath(code: string): Industry[] {
  const path: Industry[] = [];
  let current = getIndustry(code);
  while (current) {
    path.unshift(current);
    current = current.parentCode === null ? undefined : byCode.get(current.parentCode);
  }
  return path;
}
