import { describe, it, expect } from 'vitest';
import { diseaseCatalogueFor, diseasesByEdition, getDisease } from './diseases';
import { readCsv } from './test-helpers';

const perCategory = (edition: '2013' | '2024') => {
  const counts = new Map<number, number>();
  for (const d of diseasesByEdition[edition]) counts.set(d.categoryNo, (counts.get(d.categoryNo) ?? 0) + 1);
  return [...counts.values()];
};

describe('occupational-disease catalogues', () => {
  it('does count 132 diseases in 10 categories when the edition is 2013', () => {
    expect(diseasesByEdition['2013']).toHaveLength(132);
    expect(perCategory('2013')).toEqual([19, 9, 3, 4, 60, 7, 11, 5, 11, 3]);
    expect(diseasesByEdition['2013'].filter((d) => d.isOpenItem)).toHaveLength(4);
    expect(diseasesByEdition['2013'].filter((d) => !d.verified)).toHaveLength(8);
  });

  it('does count 135 diseases in 12 categories when the edition is 2024', () => {
    expect(diseasesByEdition['2024']).toHaveLength(135);
    expect(perCategory('2024')).toEqual([19, 9, 3, 4, 59, 7, 13, 5, 11, 2, 1, 2]);
    expect(diseasesByEdition['2024'].filter((d) => d.isOpenItem)).toHaveLength(4);
    expect(diseasesByEdition['2024'].filter((d) => !d.verified)).toHaveLength(12);
  });

  it('does pick the 2013 edition on 2025-07-31 and the 2024 edition from 2025-08-01', () => {
    expect(diseaseCatalogueFor('2025-07-31').edition).toBe('2013');
    expect(diseaseCatalogueFor('2025-08-01').edition).toBe('2024');
    expect(diseaseCatalogueFor('2030-01-01').edition).toBe('2024');
    expect(diseaseCatalogueFor('2013-12-23').edition).toBe('2013');
  });

  it('does throw when the date is before the earliest edition or malformed', () => {
    expect(() => diseaseCatalogueFor('2013-12-22')).toThrow(RangeError);
    expect(() => diseaseCatalogueFor('2025-02-30')).toThrow(RangeError);
    expect(() => diseaseCatalogueFor('2025/08/01')).toThrow(RangeError);
  });

  it('does give ids that restart per 子类 in category 1 when looked up', () => {
    expect(getDisease('2013/1/1/1')?.name).toBe('矽肺');
    expect(getDisease('2013/1/2/1')?.subcategory).toBe('其他呼吸系统疾病');
    expect(getDisease('2024/11/1')?.name).toBe('创伤后应激障碍');
    expect(new Set(diseasesByEdition['2024'].map((d) => d.id)).size).toBe(135);
  });

  it('does match the verbatim CSVs field by field when compared', () => {
    for (const edition of ['2013', '2024'] as const) {
      const csv = readCsv(`csv/diseases-${edition}.csv`);
      expect(csv).toHaveLength(diseasesByEdition[edition].length);
      csv.forEach((r, i) => {
        expect(diseasesByEdition[edition][i]).toMatchObject({
          edition,
          categoryNo: Number(r['category_no']),
          category: r['category'],
          itemNo: Number(r['item_no']),
          name: r['name'],
          scopeNote: r['scope_note'] === '' ? null : r['scope_note'],
          isOpenItem: r['is_open_item'] === 'true',
          verified: r['verified'] === 'true',
          subcategory: r['subcategory'] === '' ? null : r['subcategory'],
        });
      });
    }
  });
});
