/**
 * The exchange-specification code tables (exchange-codes.ts) as catalogues: their entries in the catalogue
 * list (catalogues.ts) and what the interface says about them (catalogue-display.ts). Counts in the notes are
 * computed from the data, so they cannot go stale.
 */
import type { CatalogueDisplay } from './catalogue-display';
import type { CatalogueMeta } from './catalogues';
import {
  exchangeHazardFactors,
  exchangeSpec,
  exchangeTables,
  type ExchangeCatalogueId,
  type ExchangeTable,
  type ExchangeTableId,
} from './exchange-codes';

type Texts = {
  nameZh: string;
  nameEn: string;
  /** Where in the specification, for the interface (Chinese / English). */
  whereZh: string;
  whereEn: string;
  /** An optional further sentence for the interface. */
  extraZh?: string;
  extraEn?: string;
  /** Working notes for docs and the API (not shown as the provenance sentence). */
  notes?: string;
};

const appendix = (n: 1 | 2, t: number) => ({
  whereZh: `附录${n}第${t}表`,
  whereEn: `appendix ${n}, table ${t}`,
});
const chapter1 = (row: number) => ({
  whereZh: `第一章职业健康档案第${row}行的字段说明`,
  whereEn: `chapter 1, field ${row} of the examination record`,
});

const hazardCoverage = (() => {
  const factors = exchangeHazardFactors.rows.filter((r) => r.level === 'factor');
  const count = (m: string) => factors.filter((r) => r.mapped?.match === m).length;
  return {
    byName: count('exact') + count('normalised'),
    manual: count('manual'),
    unmapped: factors.filter((r) => r.mapped === null).length,
  };
})();

const texts: Record<ExchangeTableId, Texts> = {
  'chest-film-results': { nameZh: '胸片检查结果', nameEn: 'Chest radiograph results', ...appendix(1, 2) },
  'audit-statuses': { nameZh: '审核状态', nameEn: 'Audit statuses', ...appendix(1, 3) },
  'exam-conclusions': { nameZh: '体检结论', nameEn: 'Examination conclusions', ...appendix(1, 4) },
  complications: { nameZh: '合并症', nameEn: 'Complications (pneumoconiosis)', ...appendix(1, 5) },
  outcomes: { nameZh: '转归', nameEn: 'Outcomes', ...appendix(1, 6) },
  'concentration-types': {
    nameZh: '浓度/强度类型',
    nameEn: 'Concentration / intensity types',
    ...appendix(1, 7),
  },
  'pesticide-poisoning-causes': {
    nameZh: '农药中毒原因类型',
    nameEn: 'Causes of pesticide poisoning',
    ...appendix(1, 8),
  },
  'enterprise-sizes': { nameZh: '企业规模', nameEn: 'Enterprise sizes', ...appendix(1, 9) },
  'exam-types': { nameZh: '体检类型', nameEn: 'Examination types', ...appendix(1, 10) },
  'pneumoconiosis-case-types': {
    nameZh: '尘肺病病例类型',
    nameEn: 'Pneumoconiosis case types',
    ...appendix(1, 11),
  },
  pesticides: {
    nameZh: '农药中毒毒物名称',
    nameEn: 'Pesticides (poisoning agents)',
    ...appendix(1, 12),
    notes: '31 codes; 24 is not printed.',
  },
  'health-indicators': {
    nameZh: '健康指标（体检项目）',
    nameEn: 'Health indicators (examination items)',
    ...appendix(1, 13),
    extraZh: '原文中一个代码印为八位（43700000），按原样保留。',
    extraEn: 'One code is printed with eight digits (43700000) and is kept as printed.',
    notes:
      '1,398 rows in four levels (code structure C SS ii jj). 43700000 kept as printed (its children hang below it); 5 rows whose parent code is not printed hang below the nearest printed ancestor; one wrapped name joined (3082200).',
  },
  'hazard-factors': {
    nameZh: '职业病危害因素',
    nameEn: 'Occupational hazard factors',
    ...appendix(1, 14),
    extraZh:
      '每个代码都标注了与2015年版《职业病危害因素分类目录》的对应条目及匹配方式，无对应条目的注明了原因。',
    extraEn:
      'Each code shows its entry in the 2015 catalogue of hazard factors and how it was matched, or why it has none.',
    notes: `7 categories + 595 codes (not the 2015 目录's order; 4 生物, 5 放射, 6 特殊作业). Mapped to the 2015 目录: ${hazardCoverage.byName} by name, ${hazardCoverage.manual} read by hand (relation same/narrower/broader per row), ${hazardCoverage.unmapped} without a counterpart (reason per row).`,
  },
  'work-types': {
    nameZh: '工种',
    nameEn: 'Work types',
    ...appendix(1, 15),
    notes: '4,684 codes including 99-9999 其他; flat list.',
  },
  sexes: { nameZh: '人的性别（GB/T 2261.1-2003）', nameEn: 'Sex (GB/T 2261.1-2003)', ...appendix(2, 1) },
  'id-document-types': {
    nameZh: '身份证件类型（CV02.01.101）',
    nameEn: 'Identity document types (CV02.01.101)',
    ...appendix(2, 2),
    notes: '01–07 and 88 暂未获取; no 99 in this table.',
  },
  diseases: {
    nameZh: '职业病种类（2013年版目录）',
    nameEn: 'Occupational diseases (2013 catalogue)',
    ...appendix(2, 3),
    extraZh: '按2013年版《职业病分类和目录》编码，每个病种都对应到2013年版和2024年版目录的条目。',
    extraEn:
      'Coded on the 2013 catalogue of occupational diseases; each disease is linked to its entry in the 2013 and the 2024 catalogue.',
    notes:
      "0 无职业病, 10 categories, 2 sub-groups, 132 diseases. 3003 白内障（不含放射性白内障） conflicts with the project's 2013 transcription (含放射性白内障); mapped by hand. No 2024-目录 code table was found.",
  },
  'death-causes': {
    nameZh: '死亡原因',
    nameEn: 'Causes of death',
    ...appendix(2, 4),
    extraZh: '原文中部分代码重复出现，按原样保留。',
    extraEn: 'Some codes are printed more than once and are kept as printed.',
    notes:
      '369 rows, 362 distinct codes (C48, F03, I25.9, R96, W17.6 twice, X69 three times); k73.9 printed in lower case; a repeated header row skipped.',
  },
  'monitoring-types': { nameZh: '监测类型', nameEn: 'Monitoring types', ...chapter1(30) },
  'exam-result-types': {
    nameZh: '检查结果类型',
    nameEn: 'Result types of examination items',
    ...chapter1(58),
  },
  'abnormal-flags': { nameZh: '是否异常', nameEn: 'Abnormal flag of examination items', ...chapter1(63) },
};

const SOURCE_EN =
  '中国疾病预防控制中心《职业病及健康危害因素监测信息系统 数据交换文档规范》试行版 1.0 (2021-05); PDF copy found in GitHub panlongcoder/xml-demo @f14e4aa (not from a CDC site), text layer in datasets/source/cdc-exchange-spec-2021';

function meta(t: ExchangeTable): CatalogueMeta {
  const x = texts[t.id];
  return {
    id: t.catalogueId,
    nameZh: `${x.nameZh}（国家数据交换规范）`,
    nameEn: `${x.nameEn} — national exchange specification`,
    edition: `${exchangeSpec.edition} (${exchangeSpec.date}), ${t.section}`,
    effectiveFrom: null,
    effectiveTo: null,
    source: `${SOURCE_EN}; ${t.section}, pp. ${t.pages[0]}–${t.pages[1]}; code system ${t.codeSystem}`,
    verified: 'partial',
    notes: [
      `${t.rows.length} rows extracted from the text layer and checked against the count read from the PDF; confidence ${t.confidence} (third-party copy of the official text).`,
      x.notes ?? '',
    ]
      .filter(Boolean)
      .join(' '),
  };
}

function display(t: ExchangeTable): CatalogueDisplay {
  const x = texts[t.id];
  return {
    editionZh: `试行版 1.0（2021 年 5 月）`,
    editionEn: 'Trial version 1.0 (May 2021)',
    provenanceZh: `依据中国疾病预防控制中心《职业病及健康危害因素监测信息系统数据交换文档规范》（试行版1.0，2021年5月）${x.whereZh}整理。${x.extraZh ?? ''}所据文本为公开渠道获得的副本，尚未与中国疾病预防控制中心发布的文本核对。`,
    provenanceEn: `From China CDC’s data-exchange specification for the occupational-disease and hazard monitoring system (trial version 1.0, May 2021), ${x.whereEn}. ${x.extraEn ? `${x.extraEn} ` : ''}The copy used was obtained publicly and has not yet been checked against a copy published by China CDC.`,
  };
}

export const exchangeCatalogueMetas: readonly CatalogueMeta[] = Object.freeze(exchangeTables.map(meta));

export const exchangeCatalogueDisplay = Object.freeze(
  Object.fromEntries(exchangeTables.map((t) => [t.catalogueId, display(t)])) as Record<
    ExchangeCatalogueId,
    CatalogueDisplay
  >,
);
