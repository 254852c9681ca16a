import { describe, it, expect } from 'vitest';
import { getHazardFactor, hazardCategories, hazardFactors, hazardFactorsByCategory } from './hazard-factors';
import { readCsv } from './test-helpers';

describe('hazard factors 2015', () => {
  it('does count 459 factors in 6 categories of 52/375/15/8/6/3 when loaded', () => {
    expect(hazardCategories.map((c) => c.nameZh)).toEqual([
      '粉尘',
      '化学因素',
      '物理因素',
      '放射性因素',
      '生物因素',
      '其他因素',
    ]);
    expect(hazardFactors).toHaveLength(459);
    expect(hazardCategories.map((c) => hazardFactorsByCategory(c.no).length)).toEqual([52, 375, 15, 8, 6, 3]);
  });

  it('does number each category contiguously from 1 when loaded', () => {
    for (const c of hazardCategories) {
      expect(hazardFactorsByCategory(c.no).map((h) => h.seq)).toEqual(
        hazardFactorsByCategory(c.no).map((_, i) => i + 1),
      );
    }
  });

  it('does carry CAS lists, limits and open items when looked up', () => {
    expect(getHazardFactor('1-1')).toMatchObject({
      name: '矽尘（游离SiO2含量≥10%）',
      cas: ['14808-60-7'],
      categoryName: '粉尘',
    });
    expect(getHazardFactor('2-22')?.cas).toEqual(['7803-51-2', '1314-84-7', '20859-73-8']);
    expect(getHazardFactor('5-1')?.scopeNote).toBe('限于医疗卫生人员及人民警察');
    expect(hazardFactors.filter((h) => h.isOpenItem)).toHaveLength(5);
    expect(hazardFactors.filter((h) => h.scopeNote !== null)).toHaveLength(4);
  });

  it('does give every CAS number a valid check digit when shipped', () => {
    for (const h of hazardFactors) {
      for (const cas of h.cas) {
        const digits = cas.replace(/-/g, '');
        const body = digits.slice(0, -1).split('').reverse();
        const sum = body.reduce((s, d, i) => s + Number(d) * (i + 1), 0);
        expect(sum % 10, `${h.id} ${cas}`).toBe(Number(digits.at(-1)));
      }
    }
  });

  it('does match the verbatim CSV field by field when compared', () => {
    const csv = readCsv('csv/hazard-factors-2015.csv');
    expect(csv).toHaveLength(hazardFactors.length);
    csv.forEach((r, i) => {
      expect(hazardFactors[i]).toMatchObject({
        category: Number(r['category']),
        seq: Number(r['seq']),
        name: r['name'],
        cas: r['cas'] === '' ? [] : r['cas']?.split(';'),
        scopeNote: r['scope_note'] === '' ? null : r['scope_note'],
        isOpenItem: r['is_open_item'] === 'true',
      });
    });
  });
});
