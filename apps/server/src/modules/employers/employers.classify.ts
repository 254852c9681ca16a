/**
 * The employer's risk class and industrial flag from its industries (pure; no database).
 *
 * - Risk class: 《建设项目职业病危害风险分类管理目录》(2021), through `classifyIndustryRisk` of
 *   @ohp/reference: 严重 / 一般; an industry the catalogue does not list (or no/unknown industry) gives
 *   待评价 unless another industry is 严重; several industries → the highest.
 * - Industrial (工业): GB/T 4754-2017 门类 B 采矿业 (大类 06–12), C 制造业 (13–43), D 电力、热力、燃气及水生产和
 *   供应业 (44–46), the 国家统计局 grouping of 工业. The platform's reading: an employer is industrial when
 *   ANY of its industries (main or extra) lies in B/C/D.
 */
import { classifyIndustryRisk, normalizeIndustryCode } from '@ohp/reference';

export type EmployerRiskClass = '严重' | '一般' | '待评价';

export type RiskBasisRow = {
  industryCode: string;
  /** null for an industry the catalogue does not list (or a code that is not GB/T 4754-2017). */
  riskClass: '严重' | '一般' | null;
  matchedCode: string | null;
  printedNo: string | null;
  name: string | null;
  starred: boolean;
};

export type EmployerRisk = {
  riskClass: EmployerRiskClass;
  basis: RiskBasisRow[];
  industrial: boolean;
  reason: string;
};

/** Industrial per GB/T 4754-2017 门类 B, C, D (大类 06–46). */
export const isIndustrialCode = (code: string | null | undefined): boolean => {
  if (!code) return false;
  const n = normalizeIndustryCode(code);
  if (!n) return false;
  if (/^[A-T]$/.test(n)) return n === 'B' || n === 'C' || n === 'D';
  if (!/^\d{2}/.test(n)) return false;
  const division = Number(n.slice(0, 2));
  return division >= 6 && division <= 46;
};

const cache = new Map<string, EmployerRisk>();

/** Risk class, basis rows and industrial flag of an employer with these industries (main first). */
export const employerRiskOf = (industryCodes: ReadonlyArray<string | null | undefined>): EmployerRisk => {
  const codes = [...new Set(industryCodes.filter((c): c is string => !!c && c.trim() !== ''))];
  const key = codes.join(',');
  const hit = cache.get(key);
  if (hit) return hit;
  const r = classifyIndustryRisk(codes);
  const basis: RiskBasisRow[] = r.matches.map((m) => ({
    industryCode: m.industryCode,
    riskClass: m.riskClass,
    matchedCode: m.matchedCode,
    printedNo: m.printedNo,
    name: m.name,
    starred: m.starred,
  }));
  for (const code of [...r.unlisted, ...r.invalid])
    basis.push({
      industryCode: code,
      riskClass: null,
      matchedCode: null,
      printedNo: null,
      name: null,
      starred: false,
    });
  const result: EmployerRisk = {
    riskClass: r.riskClass === 'needs_evaluation' ? '待评价' : r.riskClass,
    basis,
    industrial: codes.some(isIndustrialCode),
    reason: r.reason,
  };
  if (cache.size > 5000) cache.clear();
  cache.set(key, result);
  return result;
};
