import diseases2013 from '../datasets/diseases-2013.json' with { type: 'json' };
import diseases2024 from '../datasets/diseases-2024.json' with { type: 'json' };
import { assertIsoDate } from './dates';

export type DiseaseEdition = '2013' | '2024';

export type Disease = {
  /** `${edition}/${categoryNo}/${itemNo}`, with the 子类 (1 尘肺病, 2 其他呼吸系统疾病) inserted in category 1. */
  id: string;
  edition: DiseaseEdition;
  categoryNo: number;
  category: string;
  /** Only in category 1, whose numbering restarts per 子类. */
  subcategory: string | null;
  itemNo: number;
  name: string;
  scopeNote: string | null;
  isOpenItem: boolean;
  /** false where the wording or position rests on a single source (see DATA-SOURCES). */
  verified: boolean;
};

export type DiseaseCatalogue = {
  edition: DiseaseEdition;
  title: string;
  documentNo: string;
  effectiveFrom: string;
  /** Last day in force, or null while current. */
  effectiveTo: string | null;
  diseases: readonly Disease[];
};

export const diseasesByEdition: Readonly<Record<DiseaseEdition, readonly Disease[]>> = Object.freeze({
  '2013': Object.freeze(diseases2013.rows as Disease[]),
  '2024': Object.freeze(diseases2024.rows as Disease[]),
});

// Dates: 2013 edition dated 2013-12-23 and in force on issue (date as recited by the 2024 repeal clause;
// the 2013 notice itself was not seen); 2024 edition in force 2025-08-01, repealing the 2013 one.
export const diseaseCatalogues: readonly DiseaseCatalogue[] = Object.freeze([
  {
    edition: '2013',
    title: '职业病分类和目录',
    documentNo: '国卫疾控发〔2013〕48号',
    effectiveFrom: '2013-12-23',
    effectiveTo: '2025-07-31',
    diseases: diseasesByEdition['2013'],
  },
  {
    edition: '2024',
    title: '职业病分类和目录',
    documentNo: '国卫职健发〔2024〕39号 (single source, unconfirmed)',
    effectiveFrom: '2025-08-01',
    effectiveTo: null,
    diseases: diseasesByEdition['2024'],
  },
]);

/**
 * The edition in force on the date of the event being judged (e.g. the diagnosis date) — never today's.
 * Throws RangeError for a malformed date or one before the earliest edition shipped (2013-12-23): the
 * 2002 list is not shipped and must not be silently replaced by a later one.
 */
export function diseaseCatalogueFor(eventDate: string): DiseaseCatalogue {
  assertIsoDate(eventDate, 'eventDate');
  const found = diseaseCatalogues.find(
    (c) => c.effectiveFrom <= eventDate && (c.effectiveTo === null || eventDate <= c.effectiveTo),
  );
  if (!found) {
    throw new RangeError(
      `no occupational-disease catalogue is shipped for ${eventDate}: the earliest edition (2013) is in force from 2013-12-23`,
    );
  }
  return found;
}

export function getDisease(id: string): Disease | undefined {
  const edition = id.slice(0, 4);
  if (edition !== '2013' && edition !== '2024') return undefined;
  return diseasesByEdition[edition].find((d) => d.id === id);
}
