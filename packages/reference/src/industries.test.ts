import { describe, it, expect } from 'vitest';
import { getIndustry, industries, industryPath, normalizeIndustryCode } from './industries';
import { readCsv } from './test-helpers';

describe('industries (GB/T 4754-2017)', () => {
  it('does count 20 门类, 97 大类, 473 中类 and 1,381 小类 when the data is loaded', () => {
    const count = (level: number) => industries.filter((i) => i.level === level).length;
    expect([count(1), count(2), count(3), count(4)]).toEqual([20, 97, 473, 1381]);
    // The standard announces 1,380 小类; every complete copy has 1,381 (see DATA-SOURCES).
    expect(industries).toHaveLength(1971);
  });

  it('does find a 小类 when given with or without its 门类 letter', () => {
    expect(getIndustry('0111')).toMatchObject({
      code: '0111',
      name: '稻谷种植',
      level: 4,
      section: 'A',
      parentCode: '011',
    });
    expect(getIndustry('A0111')).toEqual(getIndustry('0111'));
    expect(getIndustry('a0111')).toEqual(getIndustry('0111'));
    expect(getIndustry('C')).toMatchObject({ name: '制造业', level: 1, parentCode: null });
  });

  it('does reject a code when its letter is the wrong 门类 or it does not exist', () => {
    expect(getIndustry('B0111')).toBeUndefined();
    expect(getIndustry('0000')).toBeUndefined();
    expect(getIndustry('U')).toBeUndefined();
    expect(normalizeIndustryCode('C3011')).toBe('3011');
  });

  it('does nest every code under a parent that exists when walked', () => {
    for (const i of industries) {
      if (i.level === 1) continue;
      const parent = getIndustry(i.parentCode ?? '');
      expect(parent?.level).toBe(i.level - 1);
      expect(parent?.section).toBe(i.section);
      if (i.level > 2) expect(i.code.startsWith(i.parentCode ?? 'x')).toBe(true);
    }
    expect(industryPath('3741').map((i) => i.code)).toEqual(['C', '37', '374', '3741']);
  });

  it('does match the verbatim CSV field by field when compared', () => {
    const csv = readCsv('csv/industries-gbt4754-2017.csv');
    expect(csv).toHaveLength(industries.length);
    csv.forEach((r, i) => {
      const shipped = industries[i];
      expect(shipped).toEqual({
        code: r['code'],
        name: r['name'],
        level: Number(r['level']),
        section: r['section'],
        parentCode: r['parent'] === '' ? null : r['parent'],
      });
    });
  });
});
