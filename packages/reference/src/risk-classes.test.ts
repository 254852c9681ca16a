import { describe, it, expect } from 'vitest';
import { classifyIndustryRisk, riskCatalogueMeta, riskCatalogueRows } from './risk-classes';
import { getIndustry } from './industries';
import { readCsv } from './test-helpers';

describe('risk classes 2021', () => {
  it('does hold 380 rows with 146 严重 and 145 一般 when loaded', () => {
    expect(riskCatalogueRows).toHaveLength(380);
    expect(riskCatalogueRows.filter((r) => r.riskClass === '严重')).toHaveLength(146);
    expect(riskCatalogueRows.filter((r) => r.riskClass === '一般')).toHaveLength(145);
    expect(new Set(riskCatalogueRows.map((r) => r.riskClass))).toEqual(new Set([null, '严重', '一般']));
    expect(riskCatalogueRows.filter((r) => r.starred).map((r) => r.code)).toEqual([
      'C195',
      'C203',
      'C211',
      'C213',
      'C231',
      'O811',
    ]);
  });

  it('does use only GB/T 4754-2017 codes when classifying rows', () => {
    for (const r of riskCatalogueRows) {
      expect(getIndustry(r.code)).toBeDefined();
    }
  });

  it('does match a 小类 to its listed 中类 when classifying', () => {
    const result = classifyIndustryRisk(['0111']);
    expect(result.riskClass).toBe('一般');
    expect(result.matches).toEqual([
      expect.objectContaining({
        industryCode: '0111',
        matchedCode: '011',
        riskClass: '一般',
        name: '谷物种植',
      }),
    ]);
    expect(classifyIndustryRisk(['B0610']).riskClass).toBe('严重');
  });

  it('does prefer the exact 小类 row when the catalogue lists one', () => {
    const result = classifyIndustryRisk(['5265']);
    expect(result.riskClass).toBe('一般');
    expect(result.matches.map((m) => m.matchedCode)).toEqual(['5265']);
  });

  it('does apply the higher class and return every row when one code carries rows that disagree', () => {
    const result = classifyIndustryRisk(['0313']);
    expect(result.riskClass).toBe('严重');
    expect(result.matches.map((m) => [m.name, m.riskClass])).toEqual([
      ['牲畜饲养（牛、羊）', '严重'],
      ['牲畜饲养（其他）', '一般'],
    ]);
    expect(result.reason).toContain('higher class');
  });

  it('does say needs_evaluation when the industry is not listed', () => {
    const result = classifyIndustryRisk(['5261']);
    expect(result.riskClass).toBe('needs_evaluation');
    expect(result.unlisted).toEqual(['5261']);
    expect(result.listedClass).toBeNull();
  });

  it('does not match a 大类 when the catalogue classifies only its 中类', () => {
    expect(classifyIndustryRisk(['06']).riskClass).toBe('needs_evaluation');
  });

  it('does take 严重 when several industries include a 严重 one and an unlisted one', () => {
    const result = classifyIndustryRisk(['0111', '5261', '3011']);
    expect(result.riskClass).toBe('严重');
    expect(result.unlisted).toEqual(['5261']);
  });

  it('does say so in the reason when one industry is unlisted and the others are 一般', () => {
    const result = classifyIndustryRisk(['0111', '5261']);
    expect(result.riskClass).toBe('needs_evaluation');
    expect(result.listedClass).toBe('一般');
    expect(result.reason).toContain('5261');
    expect(result.reason).toContain('一般');
  });

  it('does report invalid codes and empty input when classifying', () => {
    expect(classifyIndustryRisk(['Z99'])).toMatchObject({ riskClass: 'needs_evaluation', invalid: ['Z99'] });
    expect(classifyIndustryRisk([])).toMatchObject({
      riskClass: 'needs_evaluation',
      reason: 'no industry code given',
    });
  });

  it('does flag a starred row when the footnote may lower it', () => {
    const result = classifyIndustryRisk(['C1951']);
    expect(result.riskClass).toBe('严重');
    expect(result.matches[0]?.starred).toBe(true);
    expect(result.reason).toContain('starred');
  });

  it('does match the verbatim CSV field by field when compared', () => {
    const csv = readCsv('csv/risk-classes-2021.csv');
    expect(csv).toHaveLength(riskCatalogueRows.length);
    expect(riskCatalogueMeta.rowCount).toBe(csv.length);
    csv.forEach((r, i) => {
      const row = riskCatalogueRows[i];
      expect(row).toMatchObject({
        rowNo: i + 1,
        printedNo: r['row'],
        code: r['code'],
        codeNumeric: r['code_numeric'] === '' ? null : r['code_numeric'],
        name: r['name'],
        riskClass: r['risk_class'] === '' ? null : r['risk_class'],
        starred: r['starred'] === 'true',
      });
    });
  });
});
