import riskData from '../datasets/risk-classes-2021.json' with { type: 'json' };
import { normalizeIndustryCode } from './industries';

export type RiskClass = '严重' | '一般';

export type RiskCatalogueRow = {
  /** Position in the printed table, 1-based (the printed 序号 restarts per 门类/大类, so it is not a key). */
  rowNo: number;
  /** 序号 as printed: 一 (门类), （一） (大类), 1 (中类 or 小类 row), 1.1 (sub-row of a split row). */
  printedNo: string;
  kind: 'section' | 'division' | 'item' | 'subitem';
  /** Code as printed with the 门类 letter ('A031'); sub-rows printed with "—" carry their row's code. */
  code: string;
  codeNumeric: string | null;
  name: string;
  /** null for headings and for the ten rows split into sub-rows. */
  riskClass: RiskClass | null;
  /** Marked * in print: 一般 management applies when no benzene/n-hexane/1,2-DCE/chloroform products are used. */
  starred: boolean;
};

/** 《建设项目职业病危害风险分类管理目录》(2021), 国卫办职健发〔2021〕5号: all 380 printed rows. */
export const riskCatalogueRows: readonly RiskCatalogueRow[] = Object.freeze(
  riskData.rows as RiskCatalogueRow[],
);
export const riskCatalogueMeta = riskData.meta;

export type RiskMatch = {
  /** The caller's industry code, normalised (numeric, no letter). */
  industryCode: string;
  rowNo: number;
  riskClass: RiskClass;
  /** The catalogue code that matched (the longest listed prefix of industryCode). */
  matchedCode: string;
  printedNo: string;
  name: string;
  starred: boolean;
};

export type RiskClassification = {
  riskClass: RiskClass | 'needs_evaluation';
  matches: RiskMatch[];
  /** Highest class among the listed industries, or null when none is listed. */
  listedClass: RiskClass | null;
  /** Valid GB/T 4754-2017 codes that the catalogue does not classify. */
  unlisted: string[];
  /** Inputs that are not GB/T 4754-2017 codes. */
  invalid: string[];
  reason: string;
};

const classifiedByCode = new Map<string, RiskCatalogueRow[]>();
for (const row of riskCatalogueRows) {
  if (row.riskClass === null || row.codeNumeric === null) continue;
  const list = classifiedByCode.get(row.codeNumeric) ?? [];
  list.push(row);
  classifiedByCode.set(row.codeNumeric, list);
}

const rank = (c: RiskClass) => (c === '严重' ? 2 : 1);
const higher = (a: RiskClass | null, b: RiskClass): RiskClass => (a !== null && rank(a) >= rank(b) ? a : b);

/**
 * Classifies an employer or project by its GB/T 4754-2017 industries under the 2021 catalogue.
 *
 * - Each code is matched by longest numeric prefix (小类 → 中类 → 大类) against the classified rows;
 *   a code given less precisely than the catalogue (e.g. a 大类 whose 中类 are listed) does not match.
 * - Where one code carries several rows (a 中类 split into sub-rows such as 牲畜饲养（牛、羊）严重 /
 *   （其他）一般), the sub-row cannot be chosen from the code alone, so the HIGHER class applies — the
 *   conservative reading; all candidate rows are returned so that a user can justify the lower one.
 * - Several industries → the highest class (the notice: a project spanning industries takes the highest).
 * - An unlisted industry is classed through evaluation (评价): if no industry is 严重 and any is unlisted
 *   or invalid, the result is 'needs_evaluation' (the unlisted part could be 严重); `listedClass` still
 *   reports what the listed part alone gives.
 * - Starred 严重 rows are returned as 严重 with `starred: true`; applying the footnote (一般 when no
 *   benzene-type adhesives, cleaners, inks or paints are used) needs facts this function does not have.
 */
export function classifyIndustryRisk(codes: string[]): RiskClassification {
  const matches: RiskMatch[] = [];
  const unlisted: string[] = [];
  const invalid: string[] = [];
  const notes: string[] = [];
  let listedClass: RiskClass | null = null;

  for (const input of codes) {
    const normalized = normalizeIndustryCode(input);
    if (normalized === null || !/^\d+$/.test(normalized)) {
      invalid.push(input);
      continue;
    }
    let rows: RiskCatalogueRow[] | undefined;
    let matchedCode = '';
    for (let len = normalized.length; len >= 2 && !rows; len--) {
      matchedCode = normalized.slice(0, len);
      rows = classifiedByCode.get(matchedCode);
    }
    if (!rows) {
      unlisted.push(normalized);
      continue;
    }
    let codeClass: RiskClass | null = null;
    for (const row of rows) {
      const riskClass = row.riskClass as RiskClass;
      codeClass = higher(codeClass, riskClass);
      matches.push({
        industryCode: normalized,
        rowNo: row.rowNo,
        riskClass,
        matchedCode,
        printedNo: row.printedNo,
        name: row.name,
        starred: row.starred,
      });
    }
    if (rows.length > 1 && new Set(rows.map((r) => r.riskClass)).size > 1) {
      notes.push(
        `${normalized} matches ${rows.length} rows (${rows.map((r) => `${r.name} ${r.riskClass}`).join('; ')}); the higher class is applied`,
      );
    }
    if (rows.some((r) => r.starred)) {
      notes.push(
        `${normalized} is a starred row: 一般 management applies if no benzene-type materials are used`,
      );
    }
    if (codeClass) listedClass = higher(listedClass, codeClass);
  }

  let riskClass: RiskClassification['riskClass'];
  let reason: string;
  if (codes.length === 0) {
    riskClass = 'needs_evaluation';
    reason = 'no industry code given';
  } else if (listedClass === '严重') {
    riskClass = '严重';
    reason = 'at least one industry is listed as 严重; the highest class applies';
  } else if (unlisted.length > 0 || invalid.length > 0) {
    riskClass = 'needs_evaluation';
    const parts = [
      unlisted.length > 0 ? `not listed in the catalogue: ${unlisted.join(', ')}` : '',
      invalid.length > 0 ? `not GB/T 4754-2017 codes: ${invalid.join(', ')}` : '',
    ].filter(Boolean);
    reason =
      `${parts.join('; ')}; no industry is listed as 严重, so the class is decided by evaluation (评价)` +
      (listedClass === '一般' ? ' (the listed industries alone are 一般)' : '');
  } else {
    riskClass = '一般';
    reason = 'every industry is listed and none is 严重';
  }
  if (notes.length > 0) reason += `. ${notes.join('. ')}`;
  return { riskClass, matches, listedClass, unlisted, invalid, reason };
}
