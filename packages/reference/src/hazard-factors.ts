import hazardData from '../datasets/hazard-factors-2015.json' with { type: 'json' };

export type HazardCategoryNo = 1 | 2 | 3 | 4 | 5 | 6;

export type HazardCategory = { no: HazardCategoryNo; nameZh: string; nameEn: string };

/** The six categories of 国卫疾控发〔2015〕92号, in catalogue order. */
export const hazardCategories: readonly HazardCategory[] = Object.freeze([
  { no: 1, nameZh: '粉尘', nameEn: 'Dusts' },
  { no: 2, nameZh: '化学因素', nameEn: 'Chemical agents' },
  { no: 3, nameZh: '物理因素', nameEn: 'Physical agents' },
  { no: 4, nameZh: '放射性因素', nameEn: 'Radioactive agents' },
  { no: 5, nameZh: '生物因素', nameEn: 'Biological agents' },
  { no: 6, nameZh: '其他因素', nameEn: 'Other factors' },
]);

export type HazardFactor = {
  /** `${category}-${seq}`: a stable internal id. The catalogue defines no national code. */
  id: string;
  category: HazardCategoryNo;
  categoryName: string;
  /** The catalogue 序号 within its category. */
  seq: number;
  name: string;
  /** CAS numbers as printed (check digits verified); empty where none is printed or the printed one fails. */
  cas: string[];
  /** The printed 限于… limit, if any. */
  scopeNote: string | null;
  /** One of the five "以上未提及的可导致职业病的其他…" items. */
  isOpenItem: boolean;
};

/** 《职业病危害因素分类目录》(2015): 459 factors. */
export const hazardFactors: readonly HazardFactor[] = Object.freeze(hazardData.rows as HazardFactor[]);
export const hazardFactorsMeta = hazardData.meta;

const byId = new Map(hazardFactors.map((h) => [h.id, h]));

export function getHazardFactor(id: string): HazardFactor | undefined {
  return byId.get(id);
}

export function hazardFactorsByCategory(category: HazardCategoryNo): HazardFactor[] {
  return hazardFactors.filter((h) => h.category === category);
}
