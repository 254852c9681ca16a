// Small national/reporting code tables (DOMAIN §10). English names are the project's own labels, not
// official translations. `verified: false` marks rows that no source seen by the project confirms.

export type CodeEntry = {
  code: string;
  nameZh: string;
  nameEn: string;
  verified: boolean;
  note?: string;
};

/** V: official source seen; V3: third-party material only; R: not checked against any source; project: codes chosen by this project. */
export type CodeTableConfidence = 'V' | 'V3' | 'R' | 'project';

export type CodeTable = {
  id:
    | 'exam-types'
    | 'exam-conclusions'
    | 'filing-categories'
    | 'enterprise-sizes'
    | 'economic-types'
    | 'id-document-types'
    | 'sexes';
  source: string;
  confidence: CodeTableConfidence;
  entries: readonly CodeEntry[];
};

const entry = (code: string, nameZh: string, nameEn: string, verified = true, note?: string): CodeEntry =>
  note === undefined ? { code, nameZh, nameEn, verified } : { code, nameZh, nameEn, verified, note };

/** 体检类型 — 个案卡 code table C_ZYB_1.3. */
export const examTypes: readonly CodeEntry[] = Object.freeze([
  entry('1', '上岗前', 'Pre-employment'),
  entry('2', '在岗期间', 'Periodic (during employment)'),
  entry('3', '离岗时', 'At leaving the post'),
  entry('4', '离岗后', 'After leaving the post'),
  entry('5', '应急', 'Emergency'),
]);

/** 体检结论 — the five GBZ 188 individual conclusions, codes of 个案卡 table C_ZYB_1.6. */
export const examConclusions: readonly CodeEntry[] = Object.freeze([
  entry('1', '目前未见异常', 'No abnormality found at present'),
  entry('2', '复查', 'Re-examination required'),
  entry('3', '疑似职业病', 'Suspected occupational disease'),
  entry('4', '职业禁忌证', 'Occupational contraindication'),
  entry('5', '其他疾病或异常', 'Other disease or abnormality'),
]);

// The codes are this project's own (no national code for the categories was found); the six names come
// from the project brief and were not checked against 《职业健康检查管理办法》.
export const filingCategories: readonly CodeEntry[] = Object.freeze([
  entry('dust', '接触粉尘类', 'Dust exposure', false),
  entry('chemical', '接触化学因素类', 'Chemical agents', false),
  entry('physical', '接触物理因素类', 'Physical agents', false),
  entry('biological', '接触生物因素类', 'Biological agents', false),
  entry('radiological', '接触放射因素类', 'Radiological agents', false),
  entry('other', '其他类', 'Other', false),
]);

/** 企业规模 system codes — C_ZYB_1.7 (note: 005 is 不详 and 006 is 微型). */
export const enterpriseSizeCodes: readonly CodeEntry[] = Object.freeze([
  entry('002', '大', 'Large'),
  entry('003', '中', 'Medium'),
  entry('004', '小', 'Small'),
  entry('006', '微型', 'Micro'),
  entry('005', '不详', 'Unknown'),
]);

/** 登记注册类型 (NBS/工商总局 1998, adjusted 2011), as used by C_ZYB_1.8. Codes 220–390 are unverified. */
export const economicTypes: readonly CodeEntry[] = Object.freeze([
  entry('110', '国有企业', 'State-owned enterprise'),
  entry('120', '集体企业', 'Collective enterprise'),
  entry('130', '股份合作企业', 'Joint-stock cooperative enterprise'),
  entry('141', '国有联营', 'State-owned joint operation'),
  entry('142', '集体联营', 'Collective joint operation'),
  entry('143', '国有与集体联营', 'State-owned and collective joint operation'),
  entry('149', '其他联营', 'Other joint operation'),
  entry('151', '国有独资公司', 'Wholly state-owned company'),
  entry('159', '其他有限责任公司', 'Other limited liability company'),
  entry('160', '股份有限公司', 'Joint-stock limited company'),
  entry('171', '私营独资', 'Private sole proprietorship'),
  entry('172', '私营合伙', 'Private partnership'),
  entry('173', '私营有限责任公司', 'Private limited liability company'),
  entry('174', '私营股份有限公司', 'Private joint-stock limited company'),
  entry('190', '其他企业', 'Other enterprise'),
  entry('210', '合资经营(港澳台)', 'Equity joint venture (Hong Kong, Macao, Taiwan)'),
  entry('220', '合作经营(港澳台)', 'Contractual joint venture (Hong Kong, Macao, Taiwan)', false),
  entry('230', '港澳台独资', 'Wholly Hong Kong, Macao or Taiwan-owned', false),
  entry(
    '240',
    '港澳台投资股份有限公司',
    'Joint-stock company with Hong Kong, Macao or Taiwan investment',
    false,
  ),
  entry('290', '其他港澳台投资', 'Other Hong Kong, Macao or Taiwan investment', false),
  entry('310', '中外合资经营', 'Sino-foreign equity joint venture', false),
  entry('320', '中外合作经营', 'Sino-foreign contractual joint venture', false),
  entry('330', '外资企业', 'Wholly foreign-owned enterprise', false),
  entry('340', '外商投资股份有限公司', 'Foreign-invested joint-stock company', false),
  entry('390', '其他外商投资', 'Other foreign investment', false),
]);

/** 身份证件类别 — WS 364.3 CV02.01.101. */
export const idDocumentTypes: readonly CodeEntry[] = Object.freeze([
  entry('01', '居民身份证', 'Resident identity card'),
  entry('02', '居民户口簿', 'Household register'),
  entry('03', '护照', 'Passport'),
  entry('04', '军官证', 'Military officer card'),
  entry('05', '驾驶证', 'Driving licence'),
  entry('06', '港澳居民来往内地通行证', 'Mainland travel permit for Hong Kong and Macao residents'),
  entry('07', '台湾居民来往内地通行证', 'Mainland travel permit for Taiwan residents'),
  entry('99', '其他法定有效证件', 'Other legally valid document'),
  entry('88', '暂未获取', 'Not yet obtained', false, 'added by a provincial interface, not part of WS 364.3'),
]);

/** 性别 — GB/T 2261.1-2003; not checked against the standard. */
export const sexes: readonly CodeEntry[] = Object.freeze([
  entry('0', '未知', 'Unknown', false),
  entry('1', '男', 'Male', false),
  entry('2', '女', 'Female', false),
  entry('9', '未说明', 'Not stated', false),
]);

export const codeTables: Readonly<Record<CodeTable['id'], CodeTable>> = Object.freeze({
  'exam-types': {
    id: 'exam-types',
    source: '重点职业病监测个案卡 code table C_ZYB_1.3 (seen in third-party SQL)',
    confidence: 'V3',
    entries: examTypes,
  },
  'exam-conclusions': {
    id: 'exam-conclusions',
    source: 'GBZ 188-2014 conclusions; codes from 个案卡 table C_ZYB_1.6 (seen in third-party SQL)',
    confidence: 'V3',
    entries: examConclusions,
  },
  'filing-categories': {
    id: 'filing-categories',
    source:
      'Exam-institution filing categories (《职业健康检查管理办法》, not checked); codes chosen by this project',
    confidence: 'project',
    entries: filingCategories,
  },
  'enterprise-sizes': {
    id: 'enterprise-sizes',
    source: '个案卡 code table C_ZYB_1.7 (seen in third-party SQL)',
    confidence: 'V3',
    entries: enterpriseSizeCodes,
  },
  'economic-types': {
    id: 'economic-types',
    source:
      '《关于划分企业登记注册类型的规定》(1998, adjusted 2011), via C_ZYB_1.8; 110–210 seen in third-party SQL, the rest unchecked',
    confidence: 'V3',
    entries: economicTypes,
  },
  'id-document-types': {
    id: 'id-document-types',
    source: 'WS 364.3 data element CV02.01.101 (seen in third-party material)',
    confidence: 'V3',
    entries: idDocumentTypes,
  },
  sexes: {
    id: 'sexes',
    source: 'GB/T 2261.1-2003 (not checked against the standard)',
    confidence: 'R',
    entries: sexes,
  },
});

export function findCode(table: readonly CodeEntry[], code: string): CodeEntry | undefined {
  return table.find((e) => e.code === code);
}
