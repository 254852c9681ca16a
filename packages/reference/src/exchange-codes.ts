/**
 * Code tables of China CDC's exchange specification 《职业病及健康危害因素监测信息系统 数据交换文档规范》
 * (试行版 1.0, 2021-05): what the national monitoring system expects in the exchanged XML (exam card, disease
 * reports, workplace monitoring). Extracted from the spec's text layer by scripts/build-exchange-codes.ts;
 * provenance, counts and overrides in docs/DATA-SOURCES.md §12.
 *
 * Codes are strings (leading zeros kept) and always travel with their code system and version: the national
 * tables reuse small codes with other meanings than the older 个案卡 tables in code-tables.ts (e.g. 体检类型
 * 04 is 应急 here, 离岗后 there).
 */
import codeTablesData from '../datasets/cdc2021-code-tables.json' with { type: 'json' };
import deathCausesData from '../datasets/cdc2021-death-causes.json' with { type: 'json' };
import diseasesData from '../datasets/cdc2021-diseases.json' with { type: 'json' };
import hazardData from '../datasets/cdc2021-hazard-factors.json' with { type: 'json' };
import indicatorsData from '../datasets/cdc2021-health-indicators.json' with { type: 'json' };
import workTypesData from '../datasets/cdc2021-work-types.json' with { type: 'json' };
import type { CodeTableConfidence } from './code-tables';

export const exchangeSpec = Object.freeze({
  titleZh: '职业病及健康危害因素监测信息系统 数据交换文档规范',
  publisherZh: '中国疾病预防控制中心',
  edition: '试行版 1.0',
  /** As printed on the title page (二〇二一年 5 月); no effective date is printed. */
  date: '2021-05',
  version: '1.0 (2021-05)',
  /** Found in a third-party repository, not obtained from China CDC (see DATA-SOURCES §12). */
  confidence: 'V3',
});

export type ExchangeSmallTableId =
  | 'chest-film-results'
  | 'audit-statuses'
  | 'exam-conclusions'
  | 'complications'
  | 'outcomes'
  | 'concentration-types'
  | 'pesticide-poisoning-causes'
  | 'enterprise-sizes'
  | 'exam-types'
  | 'pneumoconiosis-case-types'
  | 'pesticides'
  | 'sexes'
  | 'id-document-types'
  | 'monitoring-types'
  | 'exam-result-types'
  | 'abnormal-flags';

export type ExchangeTableId =
  ExchangeSmallTableId | 'health-indicators' | 'hazard-factors' | 'work-types' | 'diseases' | 'death-causes';

/** The catalogue id under which a table is served (`/api/v1/catalogues/cdc2021-…`). */
export type ExchangeCatalogueId = `cdc2021-${ExchangeTableId}`;

export type ExchangeCode = {
  /** e.g. `cdc2021.hazard`, `GB/T 2261.1-2003`, `WS 364.3 CV02.01.101`. */
  codeSystem: string;
  /** The edition of the specification that prints the table. */
  version: string;
  code: string;
  /** As printed (white space collapsed). */
  name: string;
  /** PDF page of the specification where the row is printed. */
  page: number;
  /** Why the row deviates from the printed line (wrapped name, odd code, repeated code …). */
  note?: string;
};

/** Small tables carry the project's English label (not an official translation) where one is given. */
export type ExchangeSmallCode = ExchangeCode & { nameEn?: string };

export type ExchangeIndicator = ExchangeCode & {
  /** 1 group (1000000 …) to 4, by the code structure C SS ii jj. */
  level: number;
  parentCode: string | null;
};

export type ExchangeMatch = 'exact' | 'normalised' | 'manual';
/** How the national entry relates to the catalogue entry, by their printed names. */
export type ExchangeRelation = 'same' | 'narrower' | 'broader';
export type ExchangeMapping = { id: string; name: string; match: ExchangeMatch; relation: ExchangeRelation };

export type ExchangeHazardFactor = ExchangeCode & {
  level: 'category' | 'factor';
  /** The category row (1 粉尘, 2 化学有害因素, 3 物理, 4 生物, 5 放射, 6 特殊作业, 9 其他) for factors. */
  parentCode: string | null;
  /** The entry of the 2015 目录 (`hazard-factors`), or null with the reason in mappingNote. */
  mapped: ExchangeMapping | null;
  mappingNote: string | null;
};

export type ExchangeDisease = ExchangeCode & {
  level: 'none' | 'category' | 'subcategory' | 'disease';
  parentCode: string | null;
  /** The entry of the 2013 目录 (`diseases-2013`); every one of the 132 diseases has one. */
  mapped2013: ExchangeMapping | null;
  /** The same disease in the 2024 目录 (`diseases-2024`), where it has one. */
  mapped2024: ExchangeMapping | null;
  mappingNote: string | null;
};

export type ExchangeTable<R extends ExchangeCode = ExchangeCode> = {
  id: ExchangeTableId;
  catalogueId: ExchangeCatalogueId;
  codeSystem: string;
  version: string;
  titleZh: string;
  /** e.g. `附录1 表14`. */
  section: string;
  /** First and last PDF page. */
  pages: readonly [number, number];
  confidence: CodeTableConfidence;
  rows: readonly R[];
};

type TableMeta = {
  id: string;
  codeSystem: string;
  version: string;
  titleZh: string;
  section: string;
  pages: number[];
};

// English labels of the small enumerations: the project's own, checked by a test to cover every code.
const labelsEn: Partial<Record<ExchangeSmallTableId, Record<string, string>>> = {
  'chest-film-results': {
    '0': 'No abnormality',
    '1': 'Pneumoconiosis-like changes',
    '2': 'Other abnormality',
    '3': 'Not examined',
  },
  'audit-statuses': {
    '01': 'Not yet submitted',
    '02': 'Awaiting county review',
    '03': 'Approved by the county',
    '04': 'Rejected by the county',
    '05': 'Approved by the city',
    '06': 'Rejected by the city',
    '07': 'Approved by the province',
    '08': 'Rejected by the province',
    '09': 'Approved nationally',
    '10': 'Rejected nationally',
    '11': 'Awaiting city review',
    '12': 'Awaiting provincial review',
    '13': 'Awaiting national review',
  },
  'exam-conclusions': {
    '01': 'No abnormality found at present',
    '02': 'Re-examination required',
    '03': 'Suspected occupational disease',
    '04': 'Occupational contraindication',
    '05': 'Other disease or abnormality',
  },
  complications: {
    '01': 'Pulmonary tuberculosis',
    '02': 'Lung and bronchial infection',
    '03': 'Spontaneous pneumothorax',
    '04': 'Pulmonary heart disease',
    '05': 'Lung cancer',
  },
  outcomes: {
    '01': 'Cured',
    '02': 'Improved',
    '03': 'Disabled',
    '04': 'Died',
    '05': 'Transferred',
    '99': 'Other',
  },
  'concentration-types': { '01': 'C_TWA', '02': 'C_STEL', '03': 'C_MAC', '99': 'Other' },
  'pesticide-poisoning-causes': {
    '01': 'Occupational, own use',
    '02': 'Occupational, as an employee',
    '03': 'Non-occupational, taken or used by mistake',
    '04': 'Non-occupational, self-administered',
  },
  'enterprise-sizes': { '01': 'Large', '02': 'Medium', '03': 'Small', '04': 'Micro', '99': 'Unknown' },
  'exam-types': {
    '01': 'Pre-employment',
    '02': 'Periodic (during employment)',
    '03': 'At leaving the post',
    '04': 'Emergency',
    '05': 'After leaving the post',
  },
  'pneumoconiosis-case-types': {
    '01': 'New case',
    '02': 'First promotion in stage',
    '03': 'Further promotion in stage',
    '04': 'Re-diagnosed case',
    '05': 'Death',
  },
  sexes: { '0': 'Unknown', '1': 'Male', '2': 'Female', '9': 'Not stated' },
  'id-document-types': {
    '01': 'Resident identity card',
    '02': 'Household register',
    '03': 'Passport',
    '04': 'Military officer card',
    '05': 'Driving licence',
    '06': 'Mainland travel permit for Hong Kong and Macao residents',
    '07': 'Mainland travel permit for Taiwan residents',
    '88': 'Not yet obtained',
  },
  'monitoring-types': { '01': 'Routine monitoring', '02': 'Active monitoring', '03': 'Other monitoring' },
  'exam-result-types': { '01': 'Numeric', '02': 'Text', '03': 'Enumerated' },
  'abnormal-flags': { '0': 'Normal', '1': 'Abnormal', '3': 'Not examined' },
};
export const exchangeLabelsEn: Readonly<typeof labelsEn> = labelsEn;

function table<R extends ExchangeCode>(
  meta: TableMeta,
  rows: readonly Omit<R, 'codeSystem' | 'version'>[],
): ExchangeTable<R> {
  const id = meta.id as ExchangeTableId;
  const labels = labelsEn[id as ExchangeSmallTableId];
  return {
    id,
    catalogueId: `cdc2021-${id}`,
    codeSystem: meta.codeSystem,
    version: meta.version,
    titleZh: meta.titleZh,
    section: meta.section,
    pages: [meta.pages[0]!, meta.pages[1]!] as const,
    confidence: exchangeSpec.confidence,
    rows: Object.freeze(
      rows.map((r) => {
        const nameEn = labels?.[r.code];
        // Code system and version first, so that a stored code is never separated from them.
        return Object.freeze({
          codeSystem: meta.codeSystem,
          version: meta.version,
          ...r,
          ...(nameEn ? { nameEn } : {}),
        } as R);
      }),
    ),
  };
}

type SmallRow = Omit<ExchangeSmallCode, 'codeSystem' | 'version'> & { table: string };
const smallRows = codeTablesData.rows as SmallRow[];
const smallTables = (codeTablesData.meta.tables as TableMeta[]).map((meta) =>
  table<ExchangeSmallCode>(
    meta,
    smallRows.filter((r) => r.table === meta.id).map(({ table: _t, ...r }) => r),
  ),
);

export const exchangeHealthIndicators = table<ExchangeIndicator>(
  indicatorsData.meta.table,
  indicatorsData.rows,
);
export const exchangeHazardFactors = table<ExchangeHazardFactor>(
  hazardData.meta.table,
  hazardData.rows as Omit<ExchangeHazardFactor, 'codeSystem' | 'version'>[],
);
export const exchangeWorkTypes = table<ExchangeCode>(workTypesData.meta.table, workTypesData.rows);
export const exchangeDiseases = table<ExchangeDisease>(
  diseasesData.meta.table,
  diseasesData.rows as Omit<ExchangeDisease, 'codeSystem' | 'version'>[],
);
export const exchangeDeathCauses = table<ExchangeCode>(deathCausesData.meta.table, deathCausesData.rows);

/** Every table, in the order of the specification (chapter-1 value sets last). */
export const exchangeTables: readonly ExchangeTable[] = Object.freeze([
  ...smallTables.slice(0, 11),
  exchangeHealthIndicators,
  exchangeHazardFactors,
  exchangeWorkTypes,
  ...smallTables.slice(11, 13),
  exchangeDiseases,
  exchangeDeathCauses,
  ...smallTables.slice(13),
]);

const byId = new Map(exchangeTables.map((t) => [t.id, t]));

export function getExchangeTable(id: ExchangeTableId): ExchangeTable {
  const t = byId.get(id);
  if (!t) throw new RangeError(`no exchange code table ${id}`);
  return t;
}

/** Each table's rows by code, built on first use (the card rules look codes up ~60 times a card). */
const byCode = new Map<ExchangeTableId, Map<string, ExchangeCode>>();

/** The row of a code in a table, or undefined. (死亡原因 prints some codes twice: this returns the first.) */
export function findExchangeCode(id: ExchangeTableId, code: string): ExchangeCode | undefined {
  let codes = byCode.get(id);
  if (!codes) {
    codes = new Map();
    for (const r of getExchangeTable(id).rows) if (!codes.has(r.code)) codes.set(r.code, r);
    byCode.set(id, codes);
  }
  return codes.get(code);
}

/** National hazard-factor codes mapped to an entry of the 2015 目录 (e.g. `2-1` → 2237 and its relation). */
export function exchangeHazardCodesFor(hazardFactorId: string): ExchangeHazardFactor[] {
  return exchangeHazardFactors.rows.filter((r) => r.mapped?.id === hazardFactorId);
}

/** The national disease code of an entry of the 2013 or 2024 目录, or undefined when it has none. */
export function exchangeDiseaseCodeFor(diseaseId: string): ExchangeDisease | undefined {
  return exchangeDiseases.rows.find((r) => r.mapped2013?.id === diseaseId || r.mapped2024?.id === diseaseId);
}

export const exchangeCodesMeta = Object.freeze({
  hazardFactors: hazardData.meta,
  healthIndicators: indicatorsData.meta,
  workTypes: workTypesData.meta,
  diseases: diseasesData.meta,
  deathCauses: deathCausesData.meta,
  codeTables: codeTablesData.meta,
});
