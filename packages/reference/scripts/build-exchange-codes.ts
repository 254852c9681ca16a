/**
 * Extracts the code tables of China CDC's exchange specification
 * 《职业病及健康危害因素监测信息系统 数据交换文档规范》(试行版 1.0, 中国疾病预防控制中心, 2021-05) from its text layer,
 * checks them, maps the hazard-factor and disease codes to the project's catalogues, and writes
 * datasets/cdc2021-*.json.
 *
 *   npx tsx packages/reference/scripts/build-exchange-codes.ts
 *
 * Input: datasets/source/cdc-exchange-spec-2021/spec-text-pdftotext-layout.txt, a byte-for-byte copy of the
 * text layer (`pdftotext -layout`, poppler 22.12.0) of the 202-page PDF (sha256 7fb4ace1…6c88d9); provenance in
 * that folder's README.md and docs/DATA-SOURCES.md §12. Page numbers below are PDF pages (1-based; the text has
 * one form feed per page). The mapping inputs are the generated datasets/hazard-factors-2015.json and
 * datasets/diseases-2013.json / -2024.json (their SHA-256 is recorded in the output).
 *
 * Nothing is typed in from memory: every code and name comes from the text layer. Where the text layer wraps a
 * row, an explicit override below joins the printed fragments (and says so on the row); every line of a table
 * that is not a row must be claimed by an override, or the script fails. Row counts, first and last codes and
 * uniqueness are checked against the figures below, read from the PDF.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');
const SOURCE_FILE = 'source/cdc-exchange-spec-2021/spec-text-pdftotext-layout.txt';
/** SHA-256 of the text layer as copied; the script refuses any other input. */
const SOURCE_SHA256 = '23d285a6759ce39dfe4df4403dda0560353f50a8dc8c487111fd13d1a9c83d21';
/** SHA-256 of the PDF the text layer was extracted from (not shipped; see the README beside the text). */
const PDF_SHA256 = '7fb4ace1cc32a3584c8e08f4d222309f09cc7ddc2c24ce04a0ac4a807a6c88d9';
const PDF_PAGES = 202;
const VERSION = '1.0 (2021-05)';
const GENERATED_BY = 'packages/reference/scripts/build-exchange-codes.ts';

class ExtractionError extends Error {}
function fail(message: string): never {
  throw new ExtractionError(message);
}

// ---------------------------------------------------------------------------------------------------------
// The text layer, as pages and lines
// ---------------------------------------------------------------------------------------------------------

type Line = { page: number; lineNo: number; text: string };

const sourceBuf = readFileSync(join(dataDir, SOURCE_FILE));
const sourceSha = createHash('sha256').update(sourceBuf).digest('hex');
if (sourceSha !== SOURCE_SHA256) fail(`${SOURCE_FILE}: sha256 ${sourceSha}, expected ${SOURCE_SHA256}`);

const pageTexts = sourceBuf.toString('utf8').split('\f');
// pdftotext ends every page with a form feed, so the last piece is empty.
if (pageTexts.length !== PDF_PAGES + 1 || pageTexts[PDF_PAGES]?.trim() !== '') {
  fail(`${SOURCE_FILE}: ${pageTexts.length - 1} pages, expected ${PDF_PAGES}`);
}
const lines: Line[] = [];
{
  let lineNo = 0;
  pageTexts.slice(0, PDF_PAGES).forEach((pageText, i) => {
    for (const text of pageText.split('\n')) lines.push({ page: i + 1, lineNo: ++lineNo, text });
  });
}

/** Collapses white space (pdftotext pads columns with spaces). */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------
// Table definitions: headings, code shapes and the counts read from the PDF
// ---------------------------------------------------------------------------------------------------------

type TableId =
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
  | 'health-indicators'
  | 'hazard-factors'
  | 'work-types'
  | 'sexes'
  | 'id-document-types'
  | 'diseases'
  | 'death-causes';

type TableDef = {
  id: TableId;
  codeSystem: string;
  /** The heading as printed (without its number). */
  titleZh: string;
  section: string;
  heading: RegExp;
  /** PDF pages of the heading and of the last row. */
  pages: [number, number];
  /** Shape of the 值 cell as the text layer has it (exceptions are listed in codeExceptions). */
  code: string;
  /** Shape every code must have, unless listed in codeExceptions. */
  valid: RegExp;
  /** The 备注 text every row carries, if the table has one. */
  remark?: string;
  expectedRows: number;
  first: string;
  last: string;
};

// Appendix 1 (附录 1：数据元值域代码表) begins on p. 51; table 1 (地区/机构代码表, p. 51) prints no codes: "地区代码和
// 机构代码数据较多，故不在本文中描述，具体数据请在中国疾病预防控制信息系统应用门户的标准代码系统中下载".
// Counts: every row of each table, read from the PDF pages given (the tables have no printed totals).
const tables: TableDef[] = [
  // p. 51: 0 未见异常 … 3 未检查
  {
    id: 'chest-film-results',
    codeSystem: 'cdc2021.chestFilm',
    titleZh: '胸片检查结果代码表',
    section: '附录1 表2',
    heading: /^\s*2\.\s*胸片检查结果代码表\s*$/,
    pages: [51, 51],
    code: '\\d',
    valid: /^\d$/,
    expectedRows: 4,
    first: '0',
    last: '3',
  },
  // pp. 51–52: 01 待上报 … 13 国家级待审核
  {
    id: 'audit-statuses',
    codeSystem: 'cdc2021.audit',
    titleZh: '审核状态代码表',
    section: '附录1 表3',
    heading: /^\s*3\.\s*审核状态代码表\s*$/,
    pages: [51, 52],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 13,
    first: '01',
    last: '13',
  },
  // p. 52: 01 目前未见异常 … 05 其他疾病或异常
  {
    id: 'exam-conclusions',
    codeSystem: 'cdc2021.conclusion',
    titleZh: '体检结论代码表',
    section: '附录1 表4',
    heading: /^\s*4\.\s*体检结论代码表\s*$/,
    pages: [52, 52],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 5,
    first: '01',
    last: '05',
  },
  // p. 52: 01 肺结核 … 05 肺癌
  {
    id: 'complications',
    codeSystem: 'cdc2021.complication',
    titleZh: '合并症代码表',
    section: '附录1 表5',
    heading: /^\s*5\.\s*合并症代码表\s*$/,
    pages: [52, 52],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 5,
    first: '01',
    last: '05',
  },
  // pp. 52–53: 01 治愈 … 05 转院, 99 其他
  {
    id: 'outcomes',
    codeSystem: 'cdc2021.outcome',
    titleZh: '转归代码表',
    section: '附录1 表6',
    heading: /^\s*6\.\s*转归代码表\s*$/,
    pages: [52, 53],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 6,
    first: '01',
    last: '99',
  },
  // p. 53: 01 CTWA, 02 CSTEL, 03 CMAC, 99 其他
  {
    id: 'concentration-types',
    codeSystem: 'cdc2021.densityType',
    titleZh: '浓度/强度类型代码表',
    section: '附录1 表7',
    heading: /^\s*7\.\s*浓度\/强度类型代码表\s*$/,
    pages: [53, 53],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 4,
    first: '01',
    last: '99',
  },
  // p. 53: 01 生产性自用 … 04 生活性自服
  {
    id: 'pesticide-poisoning-causes',
    codeSystem: 'cdc2021.pesticideCause',
    titleZh: '农药中毒原因类型代码表',
    section: '附录1 表8',
    heading: /^\s*8\.\s*农药中毒原因类型代码表\s*$/,
    pages: [53, 53],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 4,
    first: '01',
    last: '04',
  },
  // p. 53: 01 大型, 02 中型, 03 小型, 04 微型, 99 不详
  {
    id: 'enterprise-sizes',
    codeSystem: 'cdc2021.scale',
    titleZh: '企业规模代码表',
    section: '附录1 表9',
    heading: /^\s*9\.\s*企业规模代码表\s*$/,
    pages: [53, 53],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 5,
    first: '01',
    last: '99',
  },
  // p. 53: 01 上岗前, 02 在岗期间, 03 离岗时, 04 应急, 05 离岗后
  {
    id: 'exam-types',
    codeSystem: 'cdc2021.examType',
    titleZh: '体检类型代码表',
    section: '附录1 表10',
    heading: /^\s*10\.\s*体检类型代码表\s*$/,
    pages: [53, 53],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 5,
    first: '01',
    last: '05',
  },
  // p. 54: 01 新病例 … 05 死亡病例
  {
    id: 'pneumoconiosis-case-types',
    codeSystem: 'cdc2021.caseType',
    titleZh: '尘肺病病例类型代码表',
    section: '附录1 表11',
    heading: /^\s*11\.\s*尘肺病病例类型代码表\s*$/,
    pages: [54, 54],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 5,
    first: '01',
    last: '05',
  },
  // p. 54: 1 杀虫剂 … 32 抗凝血杀鼠剂; 31 rows — code 24 is not printed (checked on the page image: 23 除草剂 is
  // followed directly by 25 其他).
  {
    id: 'pesticides',
    codeSystem: 'cdc2021.pesticide',
    titleZh: '农药中毒毒物名称代码表',
    section: '附录1 表12',
    heading: /^\s*12\.\s*农药中毒毒物名称代码表\s*$/,
    pages: [54, 54],
    code: '\\d{1,2}',
    valid: /^\d{1,2}$/,
    expectedRows: 31,
    first: '1',
    last: '32',
  },
  // pp. 55–83: 1000000 症状询问 … 4996000 发砷; 1,398 rows = 1,397 seven-digit codes + one printed with eight
  // digits (43700000, p. 76). Cross-checked with `pdftotext -raw` (same 1,398 codes) and with the word
  // positions of `pdftotext -bbox-layout` (no blank rows).
  {
    id: 'health-indicators',
    codeSystem: 'cdc2021.item',
    titleZh: '健康指标代码表',
    section: '附录1 表13',
    heading: /^\s*13\.\s*健康指标代码表\s*$/,
    pages: [55, 83],
    code: '\\d{7,8}',
    valid: /^\d{7}$/,
    expectedRows: 1398,
    first: '1000000',
    last: '4996000',
  },
  // pp. 83–95: 7 category rows (1 粉尘 … 9 其他因素) + 595 four-digit codes (1001 白云石粉尘 … 9003 金属烟).
  {
    id: 'hazard-factors',
    codeSystem: 'cdc2021.hazard',
    titleZh: '职业病危害因素代码表',
    section: '附录1 表14',
    heading: /^\s*14\.\s*职业病危害因素代码表\s*$/,
    pages: [83, 95],
    code: '\\d{1,4}',
    valid: /^(\d|\d{4})$/,
    expectedRows: 602,
    first: '1',
    last: '9003',
  },
  // pp. 95–189: 00-10 煤矿混合工 … 46-559 养老护理员, 99-9999 其他; 4,684 rows including 99-9999 (the research
  // digest's "4,684 + 99-9999" over-counts by one). Cross-checked as for table 13.
  {
    id: 'work-types',
    codeSystem: 'cdc2021.worktype',
    titleZh: '工种代码表',
    section: '附录1 表15',
    heading: /^\s*15\.\s*工种代码表\s*$/,
    pages: [95, 189],
    code: '\\d{2}-\\d{1,4}',
    valid: /^\d{2}-\d{1,4}$/,
    expectedRows: 4684,
    first: '00-10',
    last: '99-9999',
  },
  // Appendix 2 (附录 2：国标码、卫生标准码), p. 190.
  // p. 190: 0 未知的性别, 1 男性, 2 女性, 9 未说明的性别
  {
    id: 'sexes',
    codeSystem: 'GB/T 2261.1-2003',
    titleZh: 'GB/T2261.1-2003 人的性别代码',
    section: '附录2 表1',
    heading: /^\s*1\.\s*GB\/T2261\.1-2003 人的性别代码\s*$/,
    pages: [190, 190],
    code: '\\d',
    valid: /^\d$/,
    expectedRows: 4,
    first: '0',
    last: '9',
  },
  // p. 190: 01 居民身份证 … 07 台湾居民来往内地通行证, 88 暂未获取 (no 99 in this copy)
  {
    id: 'id-document-types',
    codeSystem: 'WS 364.3 CV02.01.101',
    titleZh: 'WS364.3 CV02.01.101 身份证件类型代码',
    section: '附录2 表2',
    heading: /^\s*2\.\s*WS364\.3 CV02\.01\.101 身份证件类型代码\s*$/,
    pages: [190, 190],
    code: '\\d{2}',
    valid: /^\d{2}$/,
    expectedRows: 8,
    first: '01',
    last: '88',
  },
  // pp. 190–194: 0 无职业病; 10 categories (1 … 10); sub-groups 11 尘肺病 and 12 其他呼吸系统疾病; 132 diseases
  // (1101 矽肺 … 10003) — the 2013 目录 (10 类 132 种). Every row's 备注 reads 参照《职业病分类目录》.
  {
    id: 'diseases',
    codeSystem: 'cdc2021.disease',
    titleZh: '职业病种类代码',
    section: '附录2 表3',
    heading: /^\s*3\.\s*职业病种类代码\s*$/,
    pages: [190, 194],
    code: '\\d{1,5}',
    valid: /^(\d{1,2}|\d{4}|10\d{3})$/,
    remark: '参照《职业病分类目录》',
    expectedRows: 145,
    first: '0',
    last: '10003',
  },
  // pp. 194–202: 369 rows (A08.4 （胃）肠炎 NOS … X69 硫酸自杀（强酸、碱自杀）), 362 distinct codes, plus one printed
  // row "ICD-10 死因" (p. 200, a column header repeated inside the table; skipped). Codes repeat: see
  // deathCauseDuplicates.
  {
    id: 'death-causes',
    codeSystem: 'cdc2021.dieReason',
    titleZh: '死亡原因代码',
    section: '附录2 表4',
    heading: /^\s*4\.\s*死亡原因代码\s*$/,
    pages: [194, 202],
    code: '[A-Za-z]\\d{2}(?:\\.\\d{1,2})?',
    valid: /^[A-Z]\d{2}(\.\d{1,2})?$/,
    expectedRows: 369,
    first: 'A08.4',
    last: 'X69',
  },
];

/** Headings that end the previous table without starting one of ours. */
const terminators: { heading: RegExp; page: number }[] = [
  { heading: /^\s*附录 2：国标码、卫生标准码\s*$/, page: 190 },
];

// ---------------------------------------------------------------------------------------------------------
// Overrides: every deviation from "one row per line", with its page
// ---------------------------------------------------------------------------------------------------------

/** A row whose 值含义 the text layer wraps onto neighbouring lines: the fragments, in line order, are joined. */
type JoinOverride = { table: TableId; code: string; page: number; fragments: string[]; reason: string };
const joins: JoinOverride[] = [
  {
    table: 'health-indicators',
    code: '3082200',
    page: 64,
    fragments: ['长骨、大关节 X 线数字化摄影（DR）（双肩、双肘、双膝、双髋', '关节）'],
    reason: 'name wrapped over two lines in the PDF cell; the first line stands above the code',
  },
  {
    table: 'diseases',
    code: '1113',
    page: 191,
    fragments: ['根据《尘肺病诊断标准》和《尘肺病理', '诊断标准》可以诊断的其他尘肺病'],
    reason: 'name wrapped over two lines around the code line',
  },
  {
    table: 'diseases',
    code: '1204',
    page: 191,
    fragments: ['金属及其化合物粉尘肺沉着病（锡、铁、', '锑、钡及其化合物等）'],
    reason: 'name wrapped over two lines around the code line',
  },
  {
    table: 'diseases',
    code: '2009',
    page: 191,
    fragments: ['根据《职业性皮肤病的诊断总则》可以诊', '断的其他职业性皮肤病'],
    reason: 'name wrapped over two lines around the code line',
  },
  {
    table: 'diseases',
    code: '5041',
    page: 192,
    fragments: ['苯的氨基及硝基化合物(不包括三硝基甲', '苯)中毒'],
    reason: 'name wrapped; the second line is at the top of p. 193',
  },
  {
    table: 'diseases',
    code: '5060',
    page: 193,
    fragments: ['上述条目未提及的与职业有害因素接触之', '间存在直接因果联系的其他化学中毒'],
    reason: 'name wrapped over two lines around the code line',
  },
  {
    table: 'diseases',
    code: '6006',
    page: 193,
    fragments: ['激光所致眼（角膜、晶状体、视网膜）损', '伤'],
    reason: 'name wrapped over two lines around the code line',
  },
  {
    table: 'diseases',
    code: '7011',
    page: 194,
    fragments: ['根据《职业性放射性疾病诊断标准（总则）》', '可以诊断的其他放射性损伤'],
    reason: 'name wrapped over two lines around the code line',
  },
  {
    table: 'diseases',
    code: '9010',
    page: 194,
    fragments: ['煤焦油、煤焦油沥青、石油沥青所致皮肤', '癌'],
    reason: 'name wrapped over two lines around the code line',
  },
  {
    table: 'diseases',
    code: '10003',
    page: 194,
    fragments: ['股静脉血栓综合征、股动脉闭塞症或淋巴', '管闭塞症（限于刮研作业人员）'],
    reason: 'name wrapped over two lines around the code line',
  },
];

/** Printed lines inside a table that are not rows. */
type SkipOverride = { table: TableId; page: number; text: string; reason: string };
const skips: SkipOverride[] = [
  {
    table: 'death-causes',
    page: 200,
    text: 'ICD-10 死因',
    reason: 'the column header "ICD-10 | 死因" printed again as a row in the middle of the table (after R96)',
  },
];

/** Codes kept as printed although they break the table's code shape. */
type CodeException = { table: TableId; code: string; page: number; note: string };
const codeExceptions: CodeException[] = [
  {
    table: 'health-indicators',
    code: '43700000',
    page: 76,
    note: 'printed with eight digits (the PDF shows 43700000, checked on the page image); it heads 4370100–4371102, whose 7-digit structure implies 4370000. Kept as printed.',
  },
  {
    table: 'death-causes',
    code: 'k73.9',
    page: 199,
    note: 'printed with a lower-case letter; ICD-10 codes are upper case (K73.9). Kept as printed.',
  },
];

/** Codes the death-cause table prints more than once, with the number of rows each has (pp. 196–202). */
const deathCauseDuplicates: Record<string, number> = {
  C48: 2, // p. 196: 腹膜癌 NOS / 腹膜后和腹膜癌
  F03: 2, // p. 197: 未特指的（包括老年性）痴呆 / 老年性精神病
  'I25.9': 2, // p. 198: 缺血性心脏病 / 胰腺癌，未特指 (the second is not an I25.9 condition)
  R96: 2, // p. 200: 猝死，原因不知 / 其他猝死，原因不知
  'W17.6': 2, // pp. 200–201: 未特指的跌落（工业和建筑区域） / 从一个平面至另一个平面的其他跌落
  X69: 3, // pp. 201–202: 其他和未特指化学制品等自杀 / 卤水自杀 / 硫酸自杀（强酸、碱自杀）
};

// ---------------------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------------------

type RawRow = { code: string; name: string; page: number; lineNo: number; note?: string };
type Orphan = Line & { claimed: boolean };

function findHeading(re: RegExp, page: number, what: string): number {
  // Search after the table of contents (pp. 2–3), whose entries end in leader dots and page numbers.
  const hits = lines.filter((l) => l.page >= 4 && re.test(l.text));
  if (hits.length !== 1) fail(`${what}: heading found ${hits.length} times, expected once`);
  const hit = hits[0]!;
  if (hit.page !== page) fail(`${what}: heading on p. ${hit.page}, expected p. ${page}`);
  return lines.indexOf(hit);
}

const headingIndex = new Map<string, number>();
for (const t of tables) headingIndex.set(t.id, findHeading(t.heading, t.pages[0], t.id));
for (const t of terminators)
  headingIndex.set(String(t.heading), findHeading(t.heading, t.page, String(t.heading)));
const boundaries = [...headingIndex.values()].sort((a, b) => a - b);

const usedJoins = new Set<JoinOverride>();
const usedSkips = new Set<SkipOverride>();
const usedExceptions = new Set<CodeException>();

function extract(t: TableDef): RawRow[] {
  const start = headingIndex.get(t.id)!;
  const end = boundaries.find((b) => b > start) ?? lines.length;
  const rowRe = new RegExp(`^\\s*(${t.code})(?:\\s+(.*?))?\\s*$`);
  const rows: RawRow[] = [];
  const orphans: Orphan[] = [];
  for (const line of lines.slice(start + 1, end)) {
    const text = line.text;
    if (text.trim() === '' || /^\s*值\s+值含义\s+备注\s*$/.test(text)) continue;
    const m = rowRe.exec(text);
    if (!m) {
      orphans.push({ ...line, claimed: false });
      continue;
    }
    let rest = m[2] ?? '';
    if (t.remark !== undefined) {
      if (!rest.endsWith(t.remark)) fail(`${t.id} p. ${line.page}: row ${m[1]} lacks the 备注 ${t.remark}`);
      rest = rest.slice(0, -t.remark.length);
    }
    rest = rest.trim();
    // Two or more spaces inside the name would mean a further column the table does not have.
    if (/\s{2,}/.test(rest)) fail(`${t.id} p. ${line.page}: row ${m[1]} has an unexpected column: ${rest}`);
    rows.push({ code: m[1]!, name: squash(rest), page: line.page, lineNo: line.lineNo });
  }

  // Join wrapped names: the fragments are the row's own text plus orphan lines between its neighbours.
  for (const j of joins.filter((o) => o.table === t.id)) {
    const i = rows.findIndex((r) => r.code === j.code);
    const row = rows[i];
    if (!row) fail(`${t.id}: join override for ${j.code} (p. ${j.page}) matches no row`);
    if (row.page !== j.page) fail(`${t.id}: row ${j.code} is on p. ${row.page}, override says p. ${j.page}`);
    const lo = rows[i - 1]?.lineNo ?? 0;
    const hi = rows[i + 1]?.lineNo ?? Infinity;
    const pieces: { lineNo: number; text: string }[] = row.name
      ? [{ lineNo: row.lineNo, text: row.name }]
      : [];
    for (const o of orphans) {
      if (!o.claimed && o.lineNo > lo && o.lineNo < hi && j.fragments.includes(squash(o.text))) {
        o.claimed = true;
        pieces.push({ lineNo: o.lineNo, text: squash(o.text) });
      }
    }
    pieces.sort((a, b) => a.lineNo - b.lineNo);
    const got = pieces.map((p) => p.text);
    if (JSON.stringify(got) !== JSON.stringify(j.fragments)) {
      fail(
        `${t.id}: row ${j.code} (p. ${j.page}) has fragments ${JSON.stringify(got)}, override expects ${JSON.stringify(j.fragments)}`,
      );
    }
    row.name = j.fragments.join('');
    row.note = `text layer wraps this name (p. ${j.page}); fragments joined: ${j.reason}`;
    usedJoins.add(j);
  }
  for (const s of skips.filter((o) => o.table === t.id)) {
    const o = orphans.find((x) => !x.claimed && x.page === s.page && squash(x.text) === s.text);
    if (!o) fail(`${t.id}: skip override "${s.text}" (p. ${s.page}) matches no line`);
    o.claimed = true;
    usedSkips.add(s);
  }
  const left = orphans.filter((o) => !o.claimed);
  if (left.length) {
    fail(
      `${t.id}: lines that are no row and no override claims:\n${left.map((o) => `  p. ${o.page}: ${o.text}`).join('\n')}`,
    );
  }

  // Shape, count, first/last, uniqueness.
  for (const r of rows) {
    if (!r.name) fail(`${t.id} p. ${r.page}: row ${r.code} has no name`);
    if (t.valid.test(r.code)) continue;
    const ex = codeExceptions.find((e) => e.table === t.id && e.code === r.code);
    if (!ex) fail(`${t.id} p. ${r.page}: code ${r.code} does not have the table's shape ${String(t.valid)}`);
    if (ex.page !== r.page) fail(`${t.id}: ${r.code} is on p. ${r.page}, exception says p. ${ex.page}`);
    r.note = ex.note;
    usedExceptions.add(ex);
  }
  if (rows.length !== t.expectedRows)
    fail(`${t.id}: ${rows.length} rows extracted, expected ${t.expectedRows}`);
  if (rows[0]!.code !== t.first || rows.at(-1)!.code !== t.last) {
    fail(`${t.id}: first/last ${rows[0]!.code}/${rows.at(-1)!.code}, expected ${t.first}/${t.last}`);
  }
  if (rows.at(-1)!.page !== t.pages[1])
    fail(`${t.id}: last row on p. ${rows.at(-1)!.page}, expected ${t.pages[1]}`);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  const repeated = Object.fromEntries([...counts].filter(([, n]) => n > 1));
  const allowed = t.id === 'death-causes' ? deathCauseDuplicates : {};
  if (JSON.stringify(Object.entries(repeated).sort()) !== JSON.stringify(Object.entries(allowed).sort())) {
    fail(`${t.id}: repeated codes ${JSON.stringify(repeated)}, expected ${JSON.stringify(allowed)}`);
  }
  return rows;
}

const extracted = new Map<TableId, RawRow[]>();
for (const t of tables) extracted.set(t.id, extract(t));
for (const [what, list, used] of [
  ['join', joins, usedJoins],
  ['skip', skips, usedSkips],
  ['code exception', codeExceptions, usedExceptions],
] as const) {
  for (const o of list)
    if (!(used as Set<unknown>).has(o)) fail(`unused ${what} override: ${JSON.stringify(o)}`);
}
const rowsOf = (id: TableId) => extracted.get(id)!;

// ---------------------------------------------------------------------------------------------------------
// Value sets printed inside the field definitions of chapter 1 (the exam card), not as appendix tables
// ---------------------------------------------------------------------------------------------------------

/**
 * The rule cell (last column) of a field row, possibly wrapped over `lines` lines; its text with all white space
 * removed must equal `cell`, and `values` (a prefix of `cell`) lists the codes as `code + name` separated by 、.
 */
type InlineSet = {
  id: 'monitoring-types' | 'exam-result-types' | 'abnormal-flags';
  codeSystem: string;
  titleZh: string;
  section: string;
  page: number;
  element: string;
  lines: number;
  cell: string;
  values: string;
  expectedRows: number;
};
const inlineSets: InlineSet[] = [
  // p. 9, 职业健康档案 row 30: "JC_TYPE 1..1 监测类型代码 N2 是 01 常规监测、02 主动监测、03 其他监测"
  {
    id: 'monitoring-types',
    codeSystem: 'cdc2021.jcType',
    titleZh: '监测类型代码 (JC_TYPE)',
    section: '第一章 六(二) 职业健康档案, 第30行',
    page: 9,
    element: 'JC_TYPE',
    lines: 3,
    cell: '01常规监测、02主动监测、03其他监测',
    values: '01常规监测、02主动监测、03其他监测',
    expectedRows: 3,
  },
  // p. 11, row 58: "EXAM_RESULT_TYPE 1..1 检查结果类型代码 N2 是 01 数值型、02 字符型、03 枚举型"
  {
    id: 'exam-result-types',
    codeSystem: 'cdc2021.resultType',
    titleZh: '检查结果类型代码 (EXAM_RESULT_TYPE)',
    section: '第一章 六(二) 职业健康档案, 第58行',
    page: 11,
    element: 'EXAM_RESULT_TYPE',
    lines: 3,
    cell: '01数值型、02字符型、03枚举型',
    values: '01数值型、02字符型、03枚举型',
    expectedRows: 3,
  },
  // p. 11, row 63: "ABNORMAL 1..1 是否异常 N1 是 0 正常、1 异常、3 未检查；当检查项目是胸片时，参见数据元值域代码表：
  // 胸片检查结果代码表" (the XML example on p. 34 repeats: "是否异常（0 正常、1 异常、3 未检查；…）")
  {
    id: 'abnormal-flags',
    codeSystem: 'cdc2021.abnormal',
    titleZh: '是否异常 (ABNORMAL)',
    section: '第一章 六(二) 职业健康档案, 第63行',
    page: 11,
    element: 'ABNORMAL',
    lines: 7,
    cell: '0正常、1异常、3未检查；当检查项目是胸片时，参见数据元值域代码表：胸片检查结果代码表',
    values: '0正常、1异常、3未检查',
    expectedRows: 3,
  },
];

function extractInline(s: InlineSet): RawRow[] {
  const hits = lines.filter((l) => l.page === s.page && new RegExp(`--${s.element}\\s`).test(l.text));
  if (hits.length !== 1) fail(`${s.id}: element ${s.element} found ${hits.length} times on p. ${s.page}`);
  const at = lines.indexOf(hits[0]!);
  // The rule cell is the text after the last run of three or more spaces on each line.
  const cell = lines
    .slice(at, at + s.lines)
    .map((l) => l.text.split(/\s{3,}/).at(-1) ?? '')
    .join('')
    .replace(/\s+/g, '');
  if (cell !== s.cell) fail(`${s.id}: rule cell on p. ${s.page} reads ${cell}, expected ${s.cell}`);
  if (!s.cell.startsWith(s.values)) fail(`${s.id}: values are not a prefix of the cell`);
  const rows = s.values.split('、').map((v) => {
    const m = /^(\d+)(\D.*)$/.exec(v);
    if (!m) fail(`${s.id}: cannot read "${v}"`);
    return { code: m[1]!, name: m[2]!, page: s.page, lineNo: hits[0]!.lineNo };
  });
  if (rows.length !== s.expectedRows) fail(`${s.id}: ${rows.length} values, expected ${s.expectedRows}`);
  if (new Set(rows.map((r) => r.code)).size !== rows.length) fail(`${s.id}: repeated codes`);
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Hierarchies
// ---------------------------------------------------------------------------------------------------------

/** 健康指标 codes are C SS ii jj: the parent zeroes the last non-zero pair. */
function structuralParent(code: string): string | null {
  if (code.length !== 7) return null;
  if (code.slice(1) === '000000') return null;
  if (code.slice(3) === '0000') return `${code[0]}000000`;
  if (code.slice(5) === '00') return `${code.slice(0, 3)}0000`;
  return `${code.slice(0, 5)}00`;
}
const indicatorLevel = (code: string) =>
  code.slice(1) === '000000' ? 1 : code.slice(3) === '0000' ? 2 : code.slice(5) === '00' ? 3 : 4;

/** The structural parent 4370000 is printed as 43700000 (p. 76). */
const printedParentAlias: Record<string, string> = { '4370000': '43700000' };

/**
 * Rows whose structural parent is not printed: they hang below the nearest printed ancestor (so a tree view
 * reaches them). Each with its page; the list must match exactly.
 */
const parentNotPrinted: Record<string, { page: number; missing: string }> = {
  '3110100': { page: 66, missing: '3110000' }, // 膀胱镜, printed between 3210300 and 3210301
  '4240300': { page: 71, missing: '4240000' }, // 高铁血红蛋白还原试验（MHb-RT）, among the 4070000 rows
  '4200700': { page: 73, missing: '4200000' }, // 前列腺--其它
  '4200800': { page: 74, missing: '4200000' }, // 前列腺--颜色
  '4200900': { page: 74, missing: '4200000' }, // 前列腺--粘稠度
};

type IndicatorRow = RawRow & { parentCode: string | null; level: number };
function buildIndicators(rows: RawRow[]): IndicatorRow[] {
  const codes = new Set(rows.map((r) => r.code));
  const found: Record<string, { page: number; missing: string }> = {};
  const aliased = new Set<string>();
  const out = rows.map((r) => {
    // Printed at the level of 4360000 (a group of 4000000), where 4370000 would stand.
    if (r.code === '43700000') return { ...r, parentCode: '4000000', level: 2 };
    let parent = structuralParent(r.code);
    const alias = parent === null ? undefined : printedParentAlias[parent];
    if (alias !== undefined) {
      parent = alias;
      aliased.add(r.code);
    }
    if (parent && !codes.has(parent)) {
      found[r.code] = { page: r.page, missing: parent };
      let up: string | null = parent;
      while (up && !codes.has(up)) up = structuralParent(up);
      parent = up;
    }
    return { ...r, parentCode: parent, level: indicatorLevel(r.code) };
  });
  if (JSON.stringify(found) !== JSON.stringify(parentNotPrinted)) {
    fail(
      `health-indicators: rows without a printed parent ${JSON.stringify(found)}, expected ${JSON.stringify(parentNotPrinted)}`,
    );
  }
  for (const r of out) {
    if (r.code in parentNotPrinted)
      r.note = `parent ${parentNotPrinted[r.code]!.missing} is not printed; placed under ${r.parentCode}`;
    if (aliased.has(r.code)) r.note = 'parent printed as 43700000 (eight digits, p. 76)';
  }
  // Level counts (levels by code structure; 43700000 counted at level 2, where it is printed).
  const levels = [1, 2, 3, 4].map((l) => out.filter((r) => r.level === l).length);
  if (JSON.stringify(levels) !== JSON.stringify(EXPECTED_INDICATOR_LEVELS)) {
    fail(
      `health-indicators: levels ${JSON.stringify(levels)}, expected ${JSON.stringify(EXPECTED_INDICATOR_LEVELS)}`,
    );
  }
  return out;
}
/** 4 groups (1000000 症状询问, 2000000 体格检查, 3000000 特殊检查, 4000000 化验检查), then by code structure. */
const EXPECTED_INDICATOR_LEVELS = [4, 153, 983, 258];

// ---------------------------------------------------------------------------------------------------------
// Mapping to the project's catalogues
// ---------------------------------------------------------------------------------------------------------

/**
 * Normalised names: Unicode NFKC (full-width brackets, letters, digits and ＜ become half-width), white space
 * removed. For hazard factors also the measurement basis "(按 X 计)" — it says how the limit is expressed, not
 * which agent — is dropped. Nothing else.
 */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const normHazard = (s: string) => norm(s).replace(/\(按[^()]*计\)/g, '');

type Match = 'exact' | 'normalised' | 'manual';
/** How the national entry relates to the catalogue entry it is mapped to, by their printed names. */
type Relation = 'same' | 'narrower' | 'broader';
type Mapped = { id: string; name: string; match: Match; relation: Relation };

type HazardRow2015 = { id: string; category: number; categoryName: string; name: string };
const hazardFile = 'hazard-factors-2015.json';
const hazardBuf = readFileSync(join(dataDir, hazardFile));
const hazards2015 = (JSON.parse(hazardBuf.toString('utf8')) as { rows: HazardRow2015[] }).rows;

/**
 * National category → 2015 category, by their printed names (national p. 83–95; 2015 目录): 1 粉尘 → 1 粉尘,
 * 2 化学有害因素 → 2 化学因素, 3 物理有害因素 → 3 物理因素, 4 生物因素 → 5 生物因素, 5 放射物质类 → 4 放射性因素,
 * 9 其他因素 → 6 其他因素; 6 特殊作业 has no counterpart. Names are compared only within corresponding categories.
 */
const categoryMap: Record<string, { national: string; c2015: number | null; name2015: string | null }> = {
  '1': { national: '粉尘', c2015: 1, name2015: '粉尘' },
  '2': { national: '化学有害因素', c2015: 2, name2015: '化学因素' },
  '3': { national: '物理有害因素', c2015: 3, name2015: '物理因素' },
  '4': { national: '生物因素', c2015: 5, name2015: '生物因素' },
  '5': { national: '放射物质类', c2015: 4, name2015: '放射性因素' },
  '6': { national: '特殊作业', c2015: null, name2015: null },
  '9': { national: '其他因素', c2015: 6, name2015: '其他因素' },
};

/**
 * Mappings read by hand from both names (each target's 2015 name is repeated here and checked, so a change to
 * either side breaks the build). Relations are what the printed names show: "narrower" = the national entry
 * names a part of the 2015 entry (an isomer, soluble/inorganic compounds only, a content limit, one of a
 * listed group, a named compound of the element of a 2015 "X及其化合物" entry); "broader" = the reverse.
 * Membership in a class entry of the 2015 目录 (有机磷, 有机锡, 氨基甲酸酯类, 苯的氨基及硝基化合物 …) is never
 * mapped: the printed names do not show it. Two biological synonyms (4003, 4004) rely on the names being
 * synonyms; their reasons say so.
 */
type ManualHazard = {
  code: string;
  national: string;
  to: string;
  name2015: string;
  relation: Relation;
  reason: string;
};
const manualHazards: ManualHazard[] = [
  // 粉尘
  {
    code: '1004',
    national: '沉淀 SiO2（白炭黑）',
    to: '1-13',
    name2015: '白炭黑粉尘',
    relation: 'same',
    reason: 'both name 白炭黑',
  },
  {
    code: '1005',
    national: '大理石粉尘 （碳酸钙）',
    to: '1-18',
    name2015: '大理石粉尘',
    relation: 'same',
    reason: 'national name adds the mineral in brackets',
  },
  {
    code: '1013',
    national: '滑石粉尘（游离 SiO2 含量＜10%）',
    to: '1-6',
    name2015: '滑石粉尘',
    relation: 'narrower',
    reason: 'national name adds the free-SiO2 limit',
  },
  {
    code: '1019',
    national: '铝尘（铝金属、铝合金粉尘氧化铝粉尘）',
    to: '1-10',
    name2015: '铝尘',
    relation: 'same',
    reason: 'national name lists the forms in brackets',
  },
  {
    code: '1020',
    national: '麻尘（亚麻、黄麻、芒麻）',
    to: '1-30',
    name2015: '麻尘（亚麻、黄麻和苎麻）（游离SiO2含量<10%）',
    relation: 'broader',
    reason: 'national name lacks the free-SiO2 limit; it prints 芒麻 where the 2015 目录 has 苎麻',
  },
  {
    code: '1021',
    national: '煤尘（游离 SiO2 含量＜10%）',
    to: '1-2',
    name2015: '煤尘',
    relation: 'narrower',
    reason: 'national name adds the free-SiO2 limit',
  },
  {
    code: '1023',
    national: '木粉尘（硬）',
    to: '1-32',
    name2015: '木粉尘',
    relation: 'narrower',
    reason: 'national name limits to hardwood',
  },
  {
    code: '1032',
    national: '石棉（石棉含量＞10%）粉尘纤维',
    to: '1-5',
    name2015: '石棉粉尘',
    relation: 'narrower',
    reason: 'national name adds an asbestos-content limit',
  },
  {
    code: '1034',
    national: '水泥粉尘（游离 SiO2 含量<10 %）',
    to: '1-7',
    name2015: '水泥粉尘',
    relation: 'narrower',
    reason: 'national name adds the free-SiO2 limit',
  },
  {
    code: '1038',
    national: '矽尘',
    to: '1-1',
    name2015: '矽尘（游离SiO2含量≥10%）',
    relation: 'same',
    reason: 'the 2015 name adds the definition of 矽尘 (free SiO2 ≥ 10%)',
  },
  {
    code: '1099',
    national: '其他粉尘',
    to: '1-52',
    name2015: '以上未提及的可导致职业病的其他粉尘',
    relation: 'same',
    reason: "both are the category's catch-all entry (the lists they complete differ)",
  },
  // 化学
  {
    code: '2001',
    national: '安妥（α-萘硫脲）',
    to: '2-242',
    name2015: 'α-萘硫脲（安妥）',
    relation: 'same',
    reason: 'name and bracketed synonym swapped',
  },
  {
    code: '2007',
    national: '奥克托今（环四次甲基四硝胺）',
    to: '2-302',
    name2015: '环四次甲基四硝胺（奥克托今）',
    relation: 'same',
    reason: 'name and bracketed synonym swapped',
  },
  {
    code: '2009',
    national: '百草枯（1,1-二甲基-4,4-联吡啶鎓盐二氯化物）',
    to: '2-78',
    name2015: "1,1-二甲基-4,4'-联吡啶鎓盐二氯化物（百草枯）",
    relation: 'same',
    reason: 'name and bracketed synonym swapped (the national text drops the prime)',
  },
  {
    code: '2011',
    national: '钡及其可溶性化合物（按 Ba 计）',
    to: '2-7',
    name2015: '钡及其化合物',
    relation: 'narrower',
    reason: 'soluble compounds only',
  },
  {
    code: '2058',
    national: '对二氯苯（二氯苯）',
    to: '2-172',
    name2015: '二氯苯',
    relation: 'narrower',
    reason: 'the para isomer of 二氯苯 (the national name gives 二氯苯 as synonym)',
  },
  {
    code: '2066',
    national: '二丙二醇甲醚（2-甲氧基甲乙氧基丙醇）',
    to: '2-207',
    name2015: '二丙二醇甲醚',
    relation: 'same',
    reason: 'national name adds a synonym',
  },
  {
    code: '2073',
    national: '二甲苯（全部异构体）',
    to: '2-30',
    name2015: '二甲苯',
    relation: 'same',
    reason: 'national name states that all isomers are meant',
  },
  {
    code: '2075',
    national: '1,3-二甲基丁基乙酸酯（仲乙酸己酯、乙酸仲己酯）',
    to: '2-350',
    name2015: '1,3-二甲基丁基乙酸酯（乙酸仲己酯）',
    relation: 'same',
    reason: 'national name adds a second synonym',
  },
  {
    code: '2080',
    national: '二甲基乙酰胺',
    to: '2-298',
    name2015: 'N,N-二甲基乙酰胺',
    relation: 'same',
    reason: 'national name omits the N,N- locants',
  },
  {
    code: '2091',
    national: '1,2-二氯乙烷',
    to: '2-35',
    name2015: '二氯乙烷',
    relation: 'narrower',
    reason: 'one isomer of 二氯乙烷',
  },
  {
    code: '2092',
    national: '1,2-二氯乙烯（全部异构体）',
    to: '2-176',
    name2015: '1,2-二氯乙烯（顺式）',
    relation: 'broader',
    reason: 'all isomers vs the cis isomer',
  },
  {
    code: '2093',
    national: '二硼烷（乙硼烷）',
    to: '2-225',
    name2015: '乙硼烷',
    relation: 'same',
    reason: 'national name gives 乙硼烷 as synonym',
  },
  {
    code: '2099',
    national: '氮氧化物（一氧化氮和二氧化氮）',
    to: '2-18',
    name2015: '氮氧化合物',
    relation: 'same',
    reason: '氮氧化物 / 氮氧化合物 (wording); national name lists the members',
  },
  {
    code: '2105',
    national: '二乙烯三胺（二乙撑三胺）',
    to: '2-335',
    name2015: '二乙烯三胺',
    relation: 'same',
    reason: 'national name adds a synonym',
  },
  {
    code: '2116',
    national: '氟化氢（按 F 计）',
    to: '2-23',
    name2015: '氟及其无机化合物',
    relation: 'narrower',
    reason: 'hydrogen fluoride, an inorganic fluorine compound',
  },
  {
    code: '2120',
    national: '汞-金属汞（蒸气）',
    to: '2-2',
    name2015: '汞及其化合物',
    relation: 'narrower',
    reason: 'metallic mercury',
  },
  {
    code: '2121',
    national: '汞-有机汞化合物（按 Hg 计）',
    to: '2-2',
    name2015: '汞及其化合物',
    relation: 'narrower',
    reason: 'organic mercury compounds',
  },
  {
    code: '2122',
    national: '钴及其化合物（按 Co 计）',
    to: '2-135',
    name2015: '钴及其氧化物',
    relation: 'broader',
    reason: 'all compounds vs oxides',
  },
  {
    code: '2133',
    national: '环三次甲基三硝胺（黑索今）',
    to: '2-303',
    name2015: '环三次甲基三硝铵（黑索今）',
    relation: 'same',
    reason: '胺 / 铵 differ; same synonym 黑索今',
  },
  {
    code: '2137',
    national: '黄磷',
    to: '2-9',
    name2015: '磷及其化合物（磷化氢、磷化锌、磷化铝、有机磷单列）',
    relation: 'narrower',
    reason: 'a form of the element',
  },
  {
    code: '2140',
    national: '1,6-己二异氰酸酯（六亚甲基二异氰酸酯（HDI））',
    to: '2-315',
    name2015: '六亚甲基二异氰酸酯（HDI）（1,6-己二异氰酸酯）',
    relation: 'same',
    reason: 'name and bracketed synonym swapped',
  },
  {
    code: '2142',
    national: '2-己酮（甲基正丁基甲酮）',
    to: '2-267',
    name2015: '2-己酮',
    relation: 'same',
    reason: 'national name adds a synonym',
  },
  {
    code: '2148',
    national: '甲酚（全部异构体）',
    to: '2-123',
    name2015: '甲酚',
    relation: 'same',
    reason: 'national name states that all isomers are meant',
  },
  {
    code: '2161',
    national: '2-甲氧基乙醇（甲氧基乙醇）',
    to: '2-291',
    name2015: '甲氧基乙醇',
    relation: 'same',
    reason: 'national name gives the 2015 name as synonym',
  },
  {
    code: '2171',
    national: '苦味酸（2,4,6-三硝基苯酚）',
    to: '2-129',
    name2015: '三硝基酚（苦味酸）',
    relation: 'same',
    reason: 'both name 苦味酸',
  },
  {
    code: '2175',
    national: '邻苯二甲酸酐（PA）',
    to: '2-249',
    name2015: '邻苯二甲酸酐',
    relation: 'same',
    reason: 'national name adds the abbreviation',
  },
  {
    code: '2176',
    national: '邻二氯苯',
    to: '2-172',
    name2015: '二氯苯',
    relation: 'narrower',
    reason: 'the ortho isomer of 二氯苯',
  },
  {
    code: '2177',
    national: '邻氯苯乙烯',
    to: '2-76',
    name2015: '邻氯苯乙烯（氯乙烯苯）',
    relation: 'same',
    reason: 'the 2015 name adds a synonym',
  },
  {
    code: '2181',
    national: '磷化氢',
    to: '2-22',
    name2015: '磷化氢、磷化锌、磷化铝',
    relation: 'narrower',
    reason: 'one of the three listed',
  },
  {
    code: '2182',
    national: '磷酸',
    to: '2-9',
    name2015: '磷及其化合物（磷化氢、磷化锌、磷化铝、有机磷单列）',
    relation: 'narrower',
    reason: 'an inorganic phosphorus compound',
  },
  {
    code: '2185',
    national: '硫酸钡（按 Ba 计）',
    to: '2-7',
    name2015: '钡及其化合物',
    relation: 'narrower',
    reason: 'a barium compound (the 2015 目录 also lists barite dust, 1-47 重晶石粉尘（硫酸钡）)',
  },
  {
    code: '2198',
    national: '氯，氯气',
    to: '2-13',
    name2015: '氯气',
    relation: 'same',
    reason: 'national name adds 氯',
  },
  {
    code: '2202',
    national: 'β-氯丁二烯（氯丁二烯）',
    to: '2-40',
    name2015: '氯丁二烯',
    relation: 'same',
    reason: 'national name gives 氯丁二烯 as synonym',
  },
  {
    code: '2204',
    national: '氯化汞（升汞）',
    to: '2-2',
    name2015: '汞及其化合物',
    relation: 'narrower',
    reason: 'a mercury compound',
  },
  {
    code: '2205',
    national: '氯化苦（三氯硝基甲烷）',
    to: '2-347',
    name2015: '三氯硝基甲烷（氯化苦）',
    relation: 'same',
    reason: 'name and bracketed synonym swapped',
  },
  {
    code: '2222',
    national: '煤焦油沥青挥发物（按苯溶物计）',
    to: '2-144',
    name2015: '煤焦油沥青',
    relation: 'same',
    reason: 'national name names the measured fraction of the same agent',
  },
  {
    code: '2223',
    national: '锰及其无机化合物（按 MnO2 计）',
    to: '2-3',
    name2015: '锰及其化合物',
    relation: 'narrower',
    reason: 'inorganic compounds only',
  },
  {
    code: '2232',
    national: '镍及其无机化合物(按 Ni 计)',
    to: '2-220',
    name2015: '镍及其化合物（羰基镍单列）',
    relation: 'narrower',
    reason: 'inorganic compounds only',
  },
  {
    code: '2236',
    national: '偏二甲基肼',
    to: '2-17',
    name2015: '偏二甲基肼（1,1-二甲基肼）',
    relation: 'same',
    reason: 'the 2015 name adds a synonym',
  },
  {
    code: '2237',
    national: '铅及其无机化合物（按 Pb 计，不包括四乙基铅）',
    to: '2-1',
    name2015: '铅及其化合物（不包括四乙基铅）',
    relation: 'narrower',
    reason: 'inorganic compounds only',
  },
  {
    code: '2240',
    national: '氢化锂',
    to: '2-152',
    name2015: '锂及其化合物',
    relation: 'narrower',
    reason: 'a lithium compound',
  },
  {
    code: '2252',
    national: '汽油、溶剂汽油',
    to: '2-32',
    name2015: '汽油',
    relation: 'broader',
    reason: 'national name adds 溶剂汽油',
  },
  {
    code: '2253',
    national: '乳酸正丁酯',
    to: '2-353',
    name2015: 'n-乳酸正丁酯',
    relation: 'same',
    reason: 'the 2015 name repeats the n- prefix',
  },
  {
    code: '2257',
    national: '三甲苯磷酸酯（全部异构体）',
    to: '2-114',
    name2015: '三甲苯磷酸酯',
    relation: 'same',
    reason: 'national name states that all isomers are meant',
  },
  {
    code: '2260',
    national: '三氯化磷',
    to: '2-9',
    name2015: '磷及其化合物（磷化氢、磷化锌、磷化铝、有机磷单列）',
    relation: 'narrower',
    reason: 'an inorganic phosphorus compound',
  },
  {
    code: '2261',
    national: '三氯甲烷（氯仿）',
    to: '2-190',
    name2015: '氯仿（三氯甲烷）',
    relation: 'same',
    reason: 'name and bracketed synonym swapped',
  },
  {
    code: '2262',
    national: '三氯硫磷',
    to: '2-9',
    name2015: '磷及其化合物（磷化氢、磷化锌、磷化铝、有机磷单列）',
    relation: 'narrower',
    reason: 'an inorganic phosphorus compound',
  },
  {
    code: '2264',
    national: '三氯氧磷',
    to: '2-9',
    name2015: '磷及其化合物（磷化氢、磷化锌、磷化铝、有机磷单列）',
    relation: 'narrower',
    reason: 'an inorganic phosphorus compound',
  },
  {
    code: '2270',
    national: '三氧化铬、铬酸盐、重铬酸盐（按 Cr 计）',
    to: '2-134',
    name2015: '铬及其化合物',
    relation: 'narrower',
    reason: 'chromium compounds',
  },
  {
    code: '2273',
    national: '杀鼠灵（3-（1-丙酮基苄基）-4-羟基香豆素；华法林）',
    to: '2-243',
    name2015: '3-(1-丙酮基苄基)-4-羟基香豆素（杀鼠灵）',
    relation: 'same',
    reason: 'name and bracketed synonym swapped; national name adds 华法林',
  },
  {
    code: '2274',
    national: '砷化氢（胂）',
    to: '2-12',
    name2015: '砷化氢',
    relation: 'same',
    reason: 'national name adds a synonym',
  },
  {
    code: '2275',
    national: '砷及其无机化合物（按 As 计）',
    to: '2-10',
    name2015: '砷及其化合物（砷化氢单列）',
    relation: 'narrower',
    reason: 'inorganic compounds only',
  },
  {
    code: '2278',
    national: '石油沥青烟(按苯溶物计)',
    to: '2-147',
    name2015: '石油沥青',
    relation: 'same',
    reason: 'national name names the measured fume of the same agent',
  },
  {
    code: '2291',
    national: '铊及其可溶性化合物（按 Tl 计）',
    to: '2-6',
    name2015: '铊及其化合物',
    relation: 'narrower',
    reason: 'soluble compounds only',
  },
  {
    code: '2292',
    national: '钽及其氧化物（按 Ta 计）',
    to: '2-264',
    name2015: '钽及其化合物',
    relation: 'narrower',
    reason: 'oxides only',
  },
  {
    code: '2302',
    national: '五氟（一）氯乙烷',
    to: '2-197',
    name2015: '五氟氯乙烷',
    relation: 'same',
    reason: 'national name adds the count （一）',
  },
  {
    code: '2303',
    national: '五硫化二磷',
    to: '2-9',
    name2015: '磷及其化合物（磷化氢、磷化锌、磷化铝、有机磷单列）',
    relation: 'narrower',
    reason: 'an inorganic phosphorus compound',
  },
  {
    code: '2306',
    national: '五氧化二磷',
    to: '2-9',
    name2015: '磷及其化合物（磷化氢、磷化锌、磷化铝、有机磷单列）',
    relation: 'narrower',
    reason: 'an inorganic phosphorus compound',
  },
  {
    code: '2307',
    national: '戊醇',
    to: '2-94',
    name2015: '正戊醇',
    relation: 'broader',
    reason: 'all pentanols vs the n- isomer',
  },
  {
    code: '2308',
    national: '戊烷（全部异构体）',
    to: '2-289',
    name2015: '正戊烷',
    relation: 'broader',
    reason: 'all isomers vs the n- isomer',
  },
  {
    code: '2310',
    national: '硒及其化合物（按 Se 计）（不包括六氟化硒、硒化氢）',
    to: '2-296',
    name2015: '硒及其化合物（六氟化硒、硒化氢单列）',
    relation: 'same',
    reason: 'both exclude 六氟化硒 and 硒化氢',
  },
  {
    code: '2314',
    national: '1-硝基丙烷（硝基丙烷）',
    to: '2-346',
    name2015: '硝基丙烷',
    relation: 'narrower',
    reason: 'the 1- isomer',
  },
  {
    code: '2315',
    national: '2-硝基丙烷',
    to: '2-346',
    name2015: '硝基丙烷',
    relation: 'narrower',
    reason: 'the 2- isomer',
  },
  {
    code: '2321',
    national: '溴化氢（氢溴酸）',
    to: '2-307',
    name2015: '氢溴酸（溴化氢）',
    relation: 'same',
    reason: 'name and bracketed synonym swapped',
  },
  {
    code: '2335',
    national: '乙二胺（乙烯二胺，EDA）',
    to: '2-342',
    name2015: '乙二胺',
    relation: 'same',
    reason: 'national name adds synonyms',
  },
  {
    code: '2338',
    national: '乙酐（乙酸酐）',
    to: '2-251',
    name2015: '乙酸酐',
    relation: 'same',
    reason: 'national name gives the 2015 name as synonym',
  },
  {
    code: '2349',
    national: '乙酸戊酯（全部异构体）',
    to: '2-371',
    name2015: '乙酸戊酯',
    relation: 'same',
    reason: 'national name states that all isomers are meant',
  },
  {
    code: '2369',
    national: '正丙醇',
    to: '2-85',
    name2015: '丙醇',
    relation: 'narrower',
    reason: 'the n- isomer of 丙醇',
  },
  {
    code: '2371',
    national: '正丁醇',
    to: '2-87',
    name2015: '丁醇',
    relation: 'narrower',
    reason: 'the n- isomer of 丁醇',
  },
  {
    code: '2374',
    national: '正丁醛',
    to: '2-233',
    name2015: '丁醛',
    relation: 'narrower',
    reason: 'the n- isomer of 丁醛',
  },
  {
    code: '2380',
    national: '苯的氨基与硝基化合物（不含三硝基甲苯）',
    to: '2-41',
    name2015: '苯的氨基及硝基化合物（不含三硝基甲苯）',
    relation: 'same',
    reason: '与 / 及',
  },
  {
    code: '2381',
    national: '联苯胺（4,4’-二氨基联苯）',
    to: '2-153',
    name2015: "联苯胺（4,4'-二氨基联苯）",
    relation: 'same',
    reason: 'typographic apostrophe (’) for the prime',
  },
  {
    code: '2389',
    national: '萘二异氰酸酯（NDI）',
    to: '2-316',
    name2015: '萘二异氰酸酯',
    relation: 'same',
    reason: 'national name adds the abbreviation',
  },
  {
    code: '2413',
    national: '卤化水杨酰苯胺（Ν-水杨酰苯胺）',
    to: '2-107',
    name2015: '卤化水杨酰苯胺（N-水杨酰苯胺）',
    relation: 'same',
    reason: 'the national text has a Greek capital nu (Ν) for the Latin N',
  },
  {
    code: '2445',
    national: '1,2,4-苯三酸酐（TMA）',
    to: '2-248',
    name2015: '1,2,4-苯三酸酐',
    relation: 'same',
    reason: 'national name adds the abbreviation',
  },
  {
    code: '2489',
    national: '三乙烯四胺（三乙撑四胺）',
    to: '2-339',
    name2015: '三乙烯四胺',
    relation: 'same',
    reason: 'national name adds a synonym',
  },
  {
    code: '2531',
    national: '磷化锌',
    to: '2-22',
    name2015: '磷化氢、磷化锌、磷化铝',
    relation: 'narrower',
    reason: 'one of the three listed',
  },
  {
    code: '2532',
    national: '磷化铝',
    to: '2-22',
    name2015: '磷化氢、磷化锌、磷化铝',
    relation: 'narrower',
    reason: 'one of the three listed',
  },
  {
    code: '2999',
    national: '其他化学有害因素',
    to: '2-375',
    name2015: '以上未提及的可导致职业病的其他化学因素',
    relation: 'same',
    reason: "both are the category's catch-all entry (the lists they complete differ)",
  },
  // 物理
  {
    code: '3001',
    national: '超高频电磁场（超高频辐射）',
    to: '3-14',
    name2015: '超高频电磁场',
    relation: 'same',
    reason: 'national name adds a synonym',
  },
  {
    code: '3002',
    national: '高频电磁场（高频辐射）',
    to: '3-13',
    name2015: '高频电磁场',
    relation: 'same',
    reason: 'national name adds a synonym',
  },
  {
    code: '3003',
    national: '工频电磁场（工频辐射）',
    to: '3-12',
    name2015: '工频电磁场',
    relation: 'same',
    reason: 'national name adds a synonym',
  },
  {
    code: '3006',
    national: '紫外辐射（紫外线）',
    to: '3-10',
    name2015: '紫外线',
    relation: 'same',
    reason: 'national name gives the 2015 name as synonym',
  },
  {
    code: '3099',
    national: '其他物理有害因素',
    to: '3-15',
    name2015: '以上未提及的可导致职业病的其他物理因素',
    relation: 'same',
    reason: "both are the category's catch-all entry (the lists they complete differ)",
  },
  // 生物
  {
    code: '4003',
    national: '炭疽杆菌',
    to: '5-5',
    name2015: '炭疽芽孢杆菌',
    relation: 'same',
    reason: 'two names of the anthrax bacillus (relies on that synonymy)',
  },
  {
    code: '4004',
    national: '布鲁菌属',
    to: '5-2',
    name2015: '布鲁氏菌',
    relation: 'same',
    reason: 'two names of Brucella (relies on that synonymy)',
  },
  {
    code: '4009',
    national: '其他生物有害因素',
    to: '5-6',
    name2015: '以上未提及的可导致职业病的其他生物因素',
    relation: 'same',
    reason: "both are the category's catch-all entry (the lists they complete differ)",
  },
  // 放射
  {
    code: '5009',
    national: '其他',
    to: '4-8',
    name2015: '以上未提及的可导致职业病的其他放射性因素',
    relation: 'same',
    reason:
      "both are the category's catch-all entry (the two categories classify differently, see 5001–5005)",
  },
];

/** Unmatched with a specific reason (the rest get the default reason of their category). */
const unmappedHazards: { code: string; national: string; reason: string }[] = [
  {
    code: '1009',
    national: '酚醛树酯粉尘',
    reason:
      'the 2015 目录 lists 酚醛树脂 (2-244) as a chemical agent, not as a dust; not mapped across categories',
  },
  {
    code: '2117',
    national: '氟及其化合物（不含氟化氢）（按 F 计）',
    reason: 'scopes overlap but neither contains the other (2015 2-23: 氟及其无机化合物)',
  },
];

const DEFAULT_UNMAPPED =
  'no 2015 entry of the same name or a printed synonym (compared after normalisation and read by hand); a class entry (有机磷, 有机锡, 氨基甲酸酯类, 苯的氨基及硝基化合物 …) may still cover it — class membership is not mapped';
const RADIATION_UNMAPPED =
  'the 2015 目录 classifies radioactive factors by source (密封放射源, 非密封放射性物质, X射线装置, 加速器, 中子发生器 …), this table by radiation type; no one-to-one correspondence';
const SPECIAL_UNMAPPED = 'special operations (特殊作业) are no category of the 2015 目录';

type HazardOut = {
  code: string;
  name: string;
  level: 'category' | 'factor';
  parentCode: string | null;
  page: number;
  mapped: Mapped | null;
  mappingNote: string | null;
  note?: string;
};

function buildHazards(rows: RawRow[]): HazardOut[] {
  const byCategory = new Map<number, HazardRow2015[]>();
  for (const h of hazards2015) byCategory.set(h.category, [...(byCategory.get(h.category) ?? []), h]);
  const usedManual = new Set<string>();
  const usedUnmapped = new Set<string>();
  const out = rows.map((r): HazardOut => {
    const base = { code: r.code, name: r.name, page: r.page, ...(r.note ? { note: r.note } : {}) };
    if (r.code.length === 1) {
      const c = categoryMap[r.code];
      if (!c || c.national !== r.name)
        fail(`hazard-factors: category ${r.code} ${r.name} not in categoryMap`);
      if (c.c2015 !== null) {
        const names = new Set(hazards2015.filter((h) => h.category === c.c2015).map((h) => h.categoryName));
        if (names.size !== 1 || !names.has(c.name2015!))
          fail(`hazard-factors: 2015 category ${c.c2015} is ${[...names].join('/')}`);
      }
      return {
        ...base,
        level: 'category',
        parentCode: null,
        mapped: null,
        mappingNote: 'category heading (mapped by category, see meta.categoryMap)',
      };
    }
    const cat = categoryMap[r.code[0]!];
    if (!cat) fail(`hazard-factors: ${r.code} has no category row`);
    const parentCode = r.code[0]!;
    const candidates = cat.c2015 === null ? [] : (byCategory.get(cat.c2015) ?? []);
    const manual = manualHazards.find((m) => m.code === r.code);
    const exact = candidates.filter((h) => h.name === r.name);
    const normalised = candidates.filter((h) => normHazard(h.name) === normHazard(r.name));
    if (manual) {
      if (manual.national !== r.name)
        fail(`hazard-factors: manual ${r.code} says ${manual.national}, spec has ${r.name}`);
      const target = hazards2015.find((h) => h.id === manual.to);
      if (!target || target.name !== manual.name2015)
        fail(`hazard-factors: manual ${r.code} → ${manual.to} is ${target?.name}`);
      if (target.category !== cat.c2015)
        fail(`hazard-factors: manual ${r.code} → ${manual.to} crosses categories`);
      if (exact.length || normalised.length)
        fail(`hazard-factors: manual ${r.code} is redundant (matches by name)`);
      usedManual.add(r.code);
      return {
        ...base,
        level: 'factor',
        parentCode,
        mapped: { id: target.id, name: target.name, match: 'manual', relation: manual.relation },
        mappingNote: manual.reason,
      };
    }
    const unmapped = unmappedHazards.find((u) => u.code === r.code);
    if (unmapped && (exact.length || normalised.length))
      fail(`hazard-factors: unmapped ${r.code} matches by name`);
    if (exact.length > 1 || normalised.length > 1) fail(`hazard-factors: ${r.code} ${r.name} is ambiguous`);
    const hit = exact[0] ?? normalised[0];
    if (hit) {
      return {
        ...base,
        level: 'factor',
        parentCode,
        mapped: { id: hit.id, name: hit.name, match: exact[0] ? 'exact' : 'normalised', relation: 'same' },
        mappingNote: null,
      };
    }
    if (unmapped) {
      if (unmapped.national !== r.name)
        fail(`hazard-factors: unmapped ${r.code} says ${unmapped.national}, spec has ${r.name}`);
      usedUnmapped.add(r.code);
    }
    const reason =
      unmapped?.reason ??
      (parentCode === '5' ? RADIATION_UNMAPPED : parentCode === '6' ? SPECIAL_UNMAPPED : DEFAULT_UNMAPPED);
    return { ...base, level: 'factor', parentCode, mapped: null, mappingNote: reason };
  });
  for (const m of manualHazards)
    if (!usedManual.has(m.code)) fail(`hazard-factors: manual mapping ${m.code} unused`);
  for (const u of unmappedHazards)
    if (!usedUnmapped.has(u.code)) fail(`hazard-factors: unmapped entry ${u.code} unused`);
  // Category breakdown (pp. 83–95): 粉尘 58, 化学 492, 物理 15, 生物 9, 放射 8, 特殊作业 10, 其他 3.
  const perCategory = Object.fromEntries(
    Object.keys(categoryMap).map((c) => [
      c,
      out.filter((h) => h.level === 'factor' && h.parentCode === c).length,
    ]),
  );
  const expected = { '1': 58, '2': 492, '3': 15, '4': 9, '5': 8, '6': 10, '9': 3 };
  if (JSON.stringify(perCategory) !== JSON.stringify(expected)) {
    fail(`hazard-factors: per category ${JSON.stringify(perCategory)}, expected ${JSON.stringify(expected)}`);
  }
  return out;
}

type DiseaseRow = { id: string; categoryNo: number; itemNo: number; name: string; scopeNote: string | null };
const diseaseFiles = { '2013': 'diseases-2013.json', '2024': 'diseases-2024.json' } as const;
const diseaseBufs = {
  '2013': readFileSync(join(dataDir, diseaseFiles['2013'])),
  '2024': readFileSync(join(dataDir, diseaseFiles['2024'])),
};
const diseases = {
  '2013': (JSON.parse(diseaseBufs['2013'].toString('utf8')) as { rows: DiseaseRow[] }).rows,
  '2024': (JSON.parse(diseaseBufs['2024'].toString('utf8')) as { rows: DiseaseRow[] }).rows,
};

/** A disease name as the national table prints it may carry the 目录's 限于… scope note in brackets. */
const diseaseKeys = (d: DiseaseRow) => [
  norm(d.name),
  ...(d.scopeNote ? [norm(`${d.name}（${d.scopeNote}）`)] : []),
];

type ManualDisease = {
  code: string;
  national: string;
  edition: '2013' | '2024';
  to: string;
  name: string;
  relation: Relation;
  reason: string;
};
const manualDiseases: ManualDisease[] = [
  {
    code: '3003',
    national: '白内障（不含放射性白内障）',
    edition: '2013',
    to: '2013/3/3',
    name: '白内障（含放射性白内障、三硝基甲苯白内障）',
    relation: 'narrower',
    reason:
      "same position (三 职业性眼病, item 3) but the wording conflicts: the national table excludes radiation cataract, the project's 2013 transcription includes it. Unresolved",
  },
  {
    code: '3003',
    national: '白内障（不含放射性白内障）',
    edition: '2024',
    to: '2024/3/3',
    name: '白内障（含三硝基甲苯白内障）',
    relation: 'same',
    reason: 'the 2024 目录 lists 放射性白内障 separately (2024/7/11), so both exclude it',
  },
];

type DiseaseOut = {
  code: string;
  name: string;
  level: 'none' | 'category' | 'subcategory' | 'disease';
  parentCode: string | null;
  page: number;
  mapped2013: Mapped | null;
  mapped2024: Mapped | null;
  mappingNote: string | null;
  note?: string;
};

function diseaseShape(code: string): {
  level: DiseaseOut['level'];
  parentCode: string | null;
  category: number;
  item: number;
  sub: number | null;
} {
  if (code === '0') return { level: 'none', parentCode: null, category: 0, item: 0, sub: null };
  if (/^([1-9]|10)$/.test(code))
    return { level: 'category', parentCode: null, category: Number(code), item: 0, sub: null };
  if (code === '11' || code === '12')
    return { level: 'subcategory', parentCode: '1', category: 1, item: 0, sub: Number(code[1]) };
  if (/^1[12]\d{2}$/.test(code))
    return {
      level: 'disease',
      parentCode: code.slice(0, 2),
      category: 1,
      item: Number(code.slice(2)),
      sub: Number(code[1]),
    };
  if (/^[2-9]\d{3}$/.test(code))
    return {
      level: 'disease',
      parentCode: code[0]!,
      category: Number(code[0]),
      item: Number(code.slice(1)),
      sub: null,
    };
  if (/^10\d{3}$/.test(code))
    return { level: 'disease', parentCode: '10', category: 10, item: Number(code.slice(2)), sub: null };
  fail(`diseases: unexpected code ${code}`);
}

function buildDiseases(rows: RawRow[]): DiseaseOut[] {
  const codes = new Set(rows.map((r) => r.code));
  const usedManual = new Set<ManualDisease>();
  const out = rows.map((r): DiseaseOut => {
    const shape = diseaseShape(r.code);
    if (shape.parentCode !== null && !codes.has(shape.parentCode))
      fail(`diseases: ${r.code} has no parent ${shape.parentCode}`);
    const base = {
      code: r.code,
      name: r.name,
      level: shape.level,
      parentCode: shape.parentCode,
      page: r.page,
      ...(r.note ? { note: r.note } : {}),
    };
    if (shape.level !== 'disease') {
      return {
        ...base,
        mapped2013: null,
        mapped2024: null,
        mappingNote: shape.level === 'none' ? 'not a disease (无职业病)' : 'category heading',
      };
    }
    const notes: string[] = [];
    const mapOne = (edition: '2013' | '2024'): Mapped | null => {
      const manual = manualDiseases.find((m) => m.code === r.code && m.edition === edition);
      const hits = diseases[edition].filter((d) => diseaseKeys(d).includes(norm(r.name)));
      if (manual) {
        if (manual.national !== r.name)
          fail(`diseases: manual ${r.code} says ${manual.national}, spec has ${r.name}`);
        const d = diseases[edition].find((x) => x.id === manual.to);
        if (!d || d.name !== manual.name) fail(`diseases: manual ${r.code} → ${manual.to} is ${d?.name}`);
        if (hits.length) fail(`diseases: manual ${r.code} (${edition}) is redundant`);
        usedManual.add(manual);
        notes.push(`${edition}: ${manual.reason}`);
        return { id: d.id, name: d.name, match: 'manual', relation: manual.relation };
      }
      if (hits.length > 1) fail(`diseases: ${r.code} ${r.name} is ambiguous in ${edition}`);
      const d = hits[0];
      if (!d) {
        notes.push(`${edition}: no entry of that name`);
        return null;
      }
      return { id: d.id, name: d.name, match: d.name === r.name ? 'exact' : 'normalised', relation: 'same' };
    };
    const m2013 = mapOne('2013');
    // The 2013 mapping must also agree with the code's structure (category, 子类, item).
    if (m2013) {
      const expectedId = `2013/${shape.category}/${shape.sub === null ? '' : `${shape.sub}/`}${shape.item}`;
      if (m2013.id !== expectedId)
        fail(`diseases: ${r.code} maps to ${m2013.id}, its code says ${expectedId}`);
    }
    const m2024 = mapOne('2024');
    return {
      ...base,
      mapped2013: m2013,
      mapped2024: m2024,
      mappingNote: notes.length ? notes.join('; ') : null,
    };
  });
  for (const m of manualDiseases)
    if (!usedManual.has(m)) fail(`diseases: manual mapping ${m.code} ${m.edition} unused`);
  const leaves = out.filter((d) => d.level === 'disease');
  const perCategory = Array.from(
    { length: 10 },
    (_, i) => leaves.filter((d) => diseaseShape(d.code).category === i + 1).length,
  );
  // 2013 目录 (and this table): 19 (尘肺病 13 + 其他呼吸系统疾病 6), 9, 3, 4, 60, 7, 11, 5, 11, 3 = 132.
  const expected = [19, 9, 3, 4, 60, 7, 11, 5, 11, 3];
  if (JSON.stringify(perCategory) !== JSON.stringify(expected))
    fail(`diseases: per category ${JSON.stringify(perCategory)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sourceMeta = {
  file: `datasets/${SOURCE_FILE}`,
  sha256: SOURCE_SHA256,
  pdfSha256: PDF_SHA256,
  pdfPages: PDF_PAGES,
  extraction: 'pdftotext -layout (poppler 22.12.0); page numbers are PDF pages',
  origin:
    'GitHub panlongcoder/xml-demo @ f14e4aa46996f94dca02b68bb69c6b26abc6de86, src/main/resources/职业病及健康危害因素监测信息系统数据交换文档规范(2021版)-20210514(1).pdf',
};
const specMeta = {
  titleZh: '职业病及健康危害因素监测信息系统 数据交换文档规范',
  edition: '试行版 1.0',
  date: '2021-05',
  publisher: '中国疾病预防控制中心',
  confidence: 'V3',
};

const tableMeta = (t: TableDef, rows: { length: number }) => ({
  id: t.id,
  codeSystem: t.codeSystem,
  version: VERSION,
  titleZh: t.titleZh,
  section: t.section,
  pages: t.pages,
  expectedRows: t.expectedRows,
  rowCount: rows.length,
});
const overridesOf = (id: TableId) => ({
  joins: joins.filter((o) => o.table === id).map(({ table: _t, ...o }) => o),
  skips: skips.filter((o) => o.table === id).map(({ table: _t, ...o }) => o),
  codeExceptions: codeExceptions.filter((o) => o.table === id).map(({ table: _t, ...o }) => o),
});

function write(name: string, meta: object, rows: unknown[]): void {
  const body = rows.map((r) => '    ' + JSON.stringify(r)).join(',\n');
  writeFileSync(
    join(dataDir, name),
    `{\n  "meta": ${JSON.stringify({ generatedBy: GENERATED_BY, source: sourceMeta, spec: specMeta, ...meta })},\n  "rows": [\n${body}\n  ]\n}\n`,
  );
  console.log(`${name}: ${rows.length} rows`);
}
const def = (id: TableId) => tables.find((t) => t.id === id)!;
const plain = (r: RawRow) => ({
  code: r.code,
  name: r.name,
  page: r.page,
  ...(r.note ? { note: r.note } : {}),
});

// Small tables (appendix tables 2–12, appendix 2 tables 1–2, and the three chapter-1 value sets) in one file.
{
  const small: TableId[] = [
    'chest-film-results',
    'audit-statuses',
    'exam-conclusions',
    'complications',
    'outcomes',
    'concentration-types',
    'pesticide-poisoning-causes',
    'enterprise-sizes',
    'exam-types',
    'pneumoconiosis-case-types',
    'pesticides',
    'sexes',
    'id-document-types',
  ];
  const rows: unknown[] = [];
  const metaTables: object[] = [];
  for (const id of small) {
    const r = rowsOf(id);
    metaTables.push(tableMeta(def(id), r));
    for (const x of r) rows.push({ table: id, ...plain(x) });
  }
  for (const s of inlineSets) {
    const r = extractInline(s);
    metaTables.push({
      id: s.id,
      codeSystem: s.codeSystem,
      version: VERSION,
      titleZh: s.titleZh,
      section: s.section,
      pages: [s.page, s.page],
      expectedRows: s.expectedRows,
      rowCount: r.length,
      printedCell: s.cell,
    });
    for (const x of r) rows.push({ table: s.id, ...plain(x) });
  }
  write('cdc2021-code-tables.json', { tables: metaTables }, rows);
}
{
  const rows = buildIndicators(rowsOf('health-indicators'));
  write(
    'cdc2021-health-indicators.json',
    {
      table: tableMeta(def('health-indicators'), rows),
      overrides: overridesOf('health-indicators'),
      parentNotPrinted,
      printedParentAlias,
    },
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parentCode,
      page: r.page,
      ...(r.note ? { note: r.note } : {}),
    })),
  );
}
{
  const rows = buildHazards(rowsOf('hazard-factors'));
  const factors = rows.filter((r) => r.level === 'factor');
  write(
    'cdc2021-hazard-factors.json',
    {
      table: tableMeta(def('hazard-factors'), rows),
      overrides: overridesOf('hazard-factors'),
      mappingInput: { file: `datasets/${hazardFile}`, sha256: sha(hazardBuf) },
      categoryMap,
      mappingCoverage: {
        factors: factors.length,
        exact: factors.filter((r) => r.mapped?.match === 'exact').length,
        normalised: factors.filter((r) => r.mapped?.match === 'normalised').length,
        manual: factors.filter((r) => r.mapped?.match === 'manual').length,
        unmapped: factors.filter((r) => r.mapped === null).length,
      },
    },
    rows,
  );
}
{
  const rows = rowsOf('work-types');
  write(
    'cdc2021-work-types.json',
    { table: tableMeta(def('work-types'), rows), overrides: overridesOf('work-types') },
    rows.map(plain),
  );
}
{
  const rows = buildDiseases(rowsOf('diseases'));
  const leaves = rows.filter((r) => r.level === 'disease');
  const coverage = (key: 'mapped2013' | 'mapped2024') => ({
    exact: leaves.filter((r) => r[key]?.match === 'exact').length,
    normalised: leaves.filter((r) => r[key]?.match === 'normalised').length,
    manual: leaves.filter((r) => r[key]?.match === 'manual').length,
    unmapped: leaves.filter((r) => r[key] === null).length,
  });
  write(
    'cdc2021-diseases.json',
    {
      table: tableMeta(def('diseases'), rows),
      overrides: overridesOf('diseases'),
      mappingInput: {
        '2013': { file: `datasets/${diseaseFiles['2013']}`, sha256: sha(diseaseBufs['2013']) },
        '2024': { file: `datasets/${diseaseFiles['2024']}`, sha256: sha(diseaseBufs['2024']) },
      },
      mappingCoverage: {
        diseases: leaves.length,
        '2013': coverage('mapped2013'),
        '2024': coverage('mapped2024'),
      },
    },
    rows,
  );
}
{
  const rows = rowsOf('death-causes');
  write(
    'cdc2021-death-causes.json',
    {
      table: tableMeta(def('death-causes'), rows),
      overrides: overridesOf('death-causes'),
      duplicateCodes: deathCauseDuplicates,
    },
    rows.map((r) => ({
      ...plain(r),
      ...(deathCauseDuplicates[r.code]
        ? { note: `code printed ${deathCauseDuplicates[r.code]} times in this table` }
        : {}),
    })),
  );
}
