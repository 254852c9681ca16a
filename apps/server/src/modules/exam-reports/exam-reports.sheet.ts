/**
 * Exam cards from a spreadsheet (issue 15 item 4: the web upload and the CLI), on the one import
 * pipeline as the kind `exam_card_sheet`.
 *
 * The layout is "long", on one sheet: every row carries a 记录ID, and consecutive rows with the same
 * 记录ID are one card. The card's own columns (worker, employer, employing unit, exam, report) are
 * filled on its first row; later rows may leave them empty or repeat them, and a repeated value must
 * agree. Each row may also hold one conclusion (危害因素代码 … 接害工龄月) and one exam item
 * (检查项目代码 … 是否异常), in the card's order. Codes are text: `01`, `01 上岗前` (the template's
 * dropdown value: the code counts, a name after it must be the code table's) or the table's name
 * alone; several hazard codes in one cell are separated by 、 , or ;.
 *
 * Reading (`read`, on streamSheet): the rows are grouped into cards as they stream, and each card is
 * staged as ONE pipeline row (row number = the card's first row; the cells of its rows joined by line
 * breaks, the reader never leaves one in a value), so a card reaches `validate` whole whatever the
 * chunk boundaries, and the report counts cards. A first, cheaper pass finds record IDs whose rows are
 * not consecutive: each of their runs is refused. Validation maps the rows to ExamCardInput and runs
 * the JSON door's checks (the request schema, then checkExamCard); every issue names the original
 * row and the Chinese column header (`第7行 危害因素代码` when it is not the card's first row).
 *
 * The pipeline writes one error-workbook line per staged row, i.e. per rejected card with its rows'
 * cells stacked in each cell; `examCardErrorWorkbook` turns that into the original rows plus a reason
 * column (the exam-reports errors route and the CLI serve it).
 */
import { capabilityIssues, capabilityOf, type Capability } from './exam-reports.capability.js';
import { ExamCardInput, examCardElements, examCardExample, messageFor, type Lang } from '@ohp/contracts';
import {
  chinaToday,
  exchangeDiseases,
  exchangeHazardFactors,
  exchangeHealthIndicators,
  type ExchangeTableId,
  exchangeWorkTypes,
  findExchangeCode,
  getExchangeTable,
} from '@ohp/reference';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/imports/excel.js';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { detailsFrom } from '../../platform/http/error-handler.js';
import type { Deps } from '../../platform/http/types.js';
import { recordChecker } from '../../platform/http/validation.js';
import { findBatch } from '../../platform/imports/imports.repository.js';
import {
  registerRowImport,
  type CommitResult,
  type RowImportSpec,
  type RowIssue,
  type RowOutcome,
} from '../../platform/imports/pipeline.js';
import { FORMULA_TRIGGERS } from '../../platform/imports/sheet-parse.js';
import {
  normaliseText,
  streamSheet,
  writeWorkbook,
  type CellOut,
  type SheetRow,
} from '../../platform/imports/sheet.js';
import { checkExamCard } from './exam-reports.validate.js';
import { registerCardWorkers, storeCards } from './exam-reports.store.js';

export const EXAM_CARD_SHEET_KIND = 'exam_card_sheet' as const;

// ---------------------------------------------------------------------------------------------------
// The columns
// ---------------------------------------------------------------------------------------------------

type Level = 'card' | 'conclusion' | 'item';
type Kind = 'text' | 'code' | 'codes' | 'date' | 'int' | 'number' | 'bool';
type Column = {
  /** As the sheet heads it (the template marks the required ones with *, which the reader drops). */
  header: string;
  level: Level;
  /** The field of the card, the conclusion or the item (`worker.idNumber`, `factorCodes`). */
  field: string;
  kind: Kind;
  /** The national code table (dropdown, name check). */
  table?: ExchangeTableId;
  /**
   * A cell Excel stored as a number is taken when its digits match (a 2-digit code stored as 1 lost
   * its leading zero); null: never (an 18-character ID or credit code has lost digits).
   * Undefined: a number is fine.
   */
  numeric?: RegExp | null;
  /** Present in every card: the header must have the column. */
  required?: boolean;
  /** The template's comment on the header. */
  note: string;
};

export const RECORD_ID = '记录ID';
const required = true;
const TWO = /^\d{2}$/;
const REGION = /^(\d{6}|\d{9})$/;
const col =
  (level: Level) =>
  (header: string, field: string, kind: Kind, extra: Partial<Omit<Column, 'note'>> = {}): Column => ({
    header,
    level,
    field,
    kind,
    note: NOTES[header] ?? '',
    ...extra,
  });
const card = col('card');
const conclusion = col('conclusion');
const item = col('item');

const CODE = '下拉选择，或只填代码（也可只填代码表中的名称）';
const DATE = '日期，如 2026-06-10（也可填 2026/6/10、20260610）';
const NOT_PRE = '上岗前体检不填，其他体检必填';
/** The template's comment on each header (what goes in). */
const NOTES: Record<string, string> = {
  [RECORD_ID]:
    '数据唯一标识，本机构内唯一。同一张个案卡的各行填同一记录ID，且须连续排列；再次上报同一记录ID即更新该卡',
  体检编号: '本机构的体检编号（可选）',
  证件类型: CODE,
  证件号码: '文本，勿存为数字；居民身份证会校验出生日期、性别和校验码',
  性别: CODE,
  出生日期: DATE,
  用人单位统一社会信用代码: '18 位统一社会信用代码（文本）',
  用人单位企业类型代码: 'GB/T 12402-2000 经济类型代码，如 159；公共管理、国际组织可不填',
  用人单位行业类别代码: 'GB/T 4754-2017 行业代码的数字部分，如 1019（文本）',
  用人单位企业规模: CODE,
  用人单位所属地区代码: '行政区划代码，9 位（6 位也可）',
  用人单位邮编: '6 位邮政编码（可选）',
  用工单位名称: '劳动者实际工作的单位；就在用人单位工作时与用人单位相同；劳务派遣时不能与用人单位相同',
  用工单位统一社会信用代码: '18 位统一社会信用代码（文本）',
  用工单位企业类型代码: '经济类型代码',
  用工单位行业类别代码: '行业代码的数字部分（文本）',
  用工单位企业规模: CODE,
  用工单位所属地区代码: '行政区划代码，9 位（6 位也可）',
  监测类型: CODE,
  体检类型: CODE,
  体检日期: DATE,
  接触危害因素代码: '劳动者接触的全部危害因素：下拉选择或填 4 位代码，多个用“、”分隔',
  其他接触危害因素: '选了“其他”类危害因素时填写名称',
  工种代码: `${CODE}，如 00-13`,
  其他工种名称: '工种为 99-9999 其他时填写',
  是否复查: '是 / 否',
  原体检记录ID: '复查时：被复查那次体检的记录ID（可选）',
  总工龄年: '整数（可选）',
  总工龄月: '0–11（可选）',
  主检医师: '可选',
  报告出具日期: DATE,
  报告日期: DATE,
  备注: '可选',
  危害因素代码:
    '本行体检结论针对的危害因素：每种危害因素一条结论（一行）；多种粉尘合并为一条，代码用“、”分隔',
  其他危害因素名称: '选了“其他”类危害因素时填写名称',
  体检结论: CODE,
  疑似职业病代码: '体检结论为疑似职业病时必填；下拉选择或填代码',
  职业禁忌证: '体检结论为职业禁忌证时写明名称',
  其他疾病或异常: '体检结论为其他疾病或异常时描述',
  开始接害日期: `${DATE}；${NOT_PRE}`,
  接害工龄年: `整数；${NOT_PRE}`,
  接害工龄月: `0–11；${NOT_PRE}`,
  检查项目代码: '7 位健康指标代码：下拉选择或填代码；每个检查项目一行',
  父级名称: '项目父级名称，如 肺功能',
  结果类型: CODE,
  结果: '检查结果；数值型填数字',
  单位: '计量单位（数值型必填）',
  参考下限: '数字（数值型必填）',
  参考上限: '数字（数值型必填）',
  是否异常: `${CODE}；胸片（3080100、3080200）填胸片检查结果 0–3`,
};

/** The template's columns, in order. `numeric`: see Column. */
export const COLUMNS: readonly Column[] = Object.freeze([
  card(RECORD_ID, 'recordId', 'text', { required, numeric: /^\d{1,15}$/ }),
  card('体检编号', 'examNo', 'text'),
  card('姓名', 'worker.name', 'text', { required }),
  card('证件类型', 'worker.idTypeCode', 'code', { required, table: 'id-document-types', numeric: TWO }),
  card('证件号码', 'worker.idNumber', 'text', { required, numeric: null }),
  card('性别', 'worker.genderCode', 'code', { required, table: 'sexes', numeric: /^[0129]$/ }),
  card('出生日期', 'worker.birthDate', 'date', { required }),
  card('劳动者联系电话', 'worker.phone', 'text', { required }),
  card('用人单位名称', 'employer.name', 'text', { required }),
  card('用人单位统一社会信用代码', 'employer.creditCode', 'text', { required, numeric: null }),
  card('用人单位企业类型代码', 'employer.economicTypeCode', 'text', { numeric: /^\d{2,3}$/ }),
  card('用人单位行业类别代码', 'employer.industryCode', 'text', { required, numeric: null }),
  card('用人单位企业规模', 'employer.scaleCode', 'code', { table: 'enterprise-sizes', numeric: TWO }),
  card('用人单位所属地区代码', 'employer.regionCode', 'text', { required, numeric: REGION }),
  card('用人单位详细地址', 'employer.address', 'text', { required }),
  card('用人单位邮编', 'employer.zipCode', 'text', { numeric: /^\d{6}$/ }),
  card('用人单位联系人', 'employer.contact', 'text', { required }),
  card('用人单位联系电话', 'employer.phone', 'text', { required }),
  card('用工单位名称', 'employingUnit.name', 'text', { required }),
  card('用工单位统一社会信用代码', 'employingUnit.creditCode', 'text', { required, numeric: null }),
  card('用工单位企业类型代码', 'employingUnit.economicTypeCode', 'text', { numeric: /^\d{2,3}$/ }),
  card('用工单位行业类别代码', 'employingUnit.industryCode', 'text', { required, numeric: null }),
  card('用工单位企业规模', 'employingUnit.scaleCode', 'code', { table: 'enterprise-sizes', numeric: TWO }),
  card('用工单位所属地区代码', 'employingUnit.regionCode', 'text', { required, numeric: REGION }),
  card('监测类型', 'monitoringTypeCode', 'code', { required, table: 'monitoring-types', numeric: TWO }),
  card('体检类型', 'examTypeCode', 'code', { required, table: 'exam-types', numeric: TWO }),
  card('体检日期', 'examDate', 'date', { required }),
  card('接触危害因素代码', 'contactFactorCodes', 'codes', {
    required,
    table: 'hazard-factors',
    numeric: /^\d{4}$/,
  }),
  card('其他接触危害因素', 'contactFactorOther', 'text'),
  card('工种代码', 'workTypeCode', 'code', { required, table: 'work-types', numeric: null }),
  card('其他工种名称', 'workTypeOther', 'text'),
  card('是否复查', 'isReexam', 'bool'),
  card('原体检记录ID', 'reexamOf', 'text', { numeric: /^\d{1,15}$/ }),
  card('总工龄年', 'serviceYears', 'int'),
  card('总工龄月', 'serviceMonths', 'int'),
  card('主检医师', 'chiefPhysician', 'text'),
  card('填表人', 'writer.name', 'text', { required }),
  card('填表人电话', 'writer.phone', 'text', { required }),
  card('报告出具日期', 'writer.date', 'date', { required }),
  card('报告人', 'reporter.name', 'text', { required }),
  card('报告人电话', 'reporter.phone', 'text', { required }),
  card('报告日期', 'reporter.date', 'date', { required }),
  card('报告单位', 'reporter.unit', 'text', { required }),
  card('备注', 'remark', 'text'),
  conclusion('危害因素代码', 'factorCodes', 'codes', {
    required,
    table: 'hazard-factors',
    numeric: /^\d{4}$/,
  }),
  conclusion('其他危害因素名称', 'factorOther', 'text'),
  conclusion('体检结论', 'conclusionCode', 'code', { required, table: 'exam-conclusions', numeric: TWO }),
  conclusion('疑似职业病代码', 'suspectedDiseaseCode', 'code', { table: 'diseases', numeric: /^\d{1,5}$/ }),
  conclusion('职业禁忌证', 'contraindication', 'text'),
  conclusion('其他疾病或异常', 'otherAbnormality', 'text'),
  conclusion('开始接害日期', 'harmStartDate', 'date'),
  conclusion('接害工龄年', 'harmYears', 'int'),
  conclusion('接害工龄月', 'harmMonths', 'int'),
  item('检查项目代码', 'code', 'code', { required, table: 'health-indicators', numeric: /^\d{7}$/ }),
  item('项目名称', 'name', 'text', { required }),
  item('父级名称', 'parentName', 'text', { required }),
  item('结果类型', 'resultType', 'code', { required, table: 'exam-result-types', numeric: TWO }),
  item('结果', 'result', 'text', { required }),
  item('单位', 'unit', 'text'),
  item('参考下限', 'referenceMin', 'number'),
  item('参考上限', 'referenceMax', 'number'),
  item('是否异常', 'abnormal', 'code', { required, table: 'abnormal-flags', numeric: /^[0-3]$/ }),
]);

const CARD_COLUMNS = COLUMNS.filter((x) => x.level === 'card');
const CONCLUSION_COLUMNS = COLUMNS.filter((x) => x.level === 'conclusion');
const ITEM_COLUMNS = COLUMNS.filter((x) => x.level === 'item');
const byHeader = new Map(COLUMNS.map((x) => [x.header, x]));
const headerOfCardField = new Map(CARD_COLUMNS.map((x) => [x.field, x.header]));
const headerOfConclusionField = new Map(CONCLUSION_COLUMNS.map((x) => [x.field, x.header]));
const headerOfItemField = new Map(ITEM_COLUMNS.map((x) => [x.field, x.header]));
const columnIndex = new Map(COLUMNS.map((x, i) => [x.header, i]));
const ITEM_CODE = ITEM_COLUMNS.find((x) => x.field === 'code')!;

/** Chest films carry a chest-film result (0–3) in 是否异常, as exam-reports.validate.ts reads it. */
const CHEST_FILM_ITEMS = new Set(['3080100', '3080200']);
const tableOf = (col: Column, itemCode?: string): ExchangeTableId | undefined =>
  col.field === 'abnormal' && col.level === 'item' && itemCode && CHEST_FILM_ITEMS.has(itemCode)
    ? 'chest-film-results'
    : col.table;

/** The pipeline's own columns of an error workbook: dropped when one is uploaded again. */
const OWN_HEADERS = new Set(['行号Row', '错误原因Errors']);
/**
 * Staged-card keys. Sheet headers never hold white space (the reader drops it), so these cannot
 * collide with a column of the upload. ROWS is also a column of the pipeline's error workbook.
 */
const ROWS = '各行行号 Rows';
const META = '# meta';
const ROW_HEADER = '行号 Row';
const REASON_HEADER = '错误原因 Errors';

// ---------------------------------------------------------------------------------------------------
// Cells to values
// ---------------------------------------------------------------------------------------------------

/** YYYY-MM-DD from the usual ways of writing a date; anything else as it is (the schema refuses it). */
const isoDate = (s: string): string => {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
};

const parseBool = (s: string): boolean | null =>
  ['是', 'Y', 'y', 'yes', 'true', '1'].includes(s)
    ? true
    : ['否', 'N', 'n', 'no', 'false', '0'].includes(s)
      ? false
      : null;

/** A table's codes by their (unique) name: a cell may hold the name alone. */
const namesOf = new Map<ExchangeTableId, Map<string, string | null>>();
const codeByName = (table: ExchangeTableId, name: string): string | undefined => {
  let names = namesOf.get(table);
  if (!names) {
    names = new Map();
    for (const r of getExchangeTable(table).rows) {
      const key = normaliseText(r.name);
      names.set(key, names.has(key) ? null : r.code);
    }
    namesOf.set(table, names);
  }
  return names.get(normaliseText(name)) ?? undefined;
};

type Parsed = { value: unknown } | { reason: string };

/** `01`, `01 上岗前`, `01上岗前` or `上岗前`: the code; a name that is not the code's is refused. */
const parseCode = (table: ExchangeTableId | undefined, raw: string): Parsed => {
  const m = /^(\d[\d-]*)\s*(.*)$/.exec(raw);
  if (!m) {
    const code = table ? codeByName(table, raw) : undefined;
    // Not a code: the schema or the card rules say what is wrong with it.
    return { value: code ?? raw };
  }
  const [, code, name] = m as unknown as [string, string, string];
  if (name && table) {
    const row = findExchangeCode(table, code);
    if (row && normaliseText(row.name) !== normaliseText(name)) return { reason: 'code_name_mismatch' };
  }
  return { value: code };
};

/** Hazard codes of one cell: split before each 4-digit code (names such as 1,2-二氯乙烷 keep their commas). */
const splitCodes = (raw: string): string[] =>
  raw
    .split(/(?:\s*[,;、]\s*|\s+)(?=\d{4}(?:[\s,;、]|$))/)
    .map((s) => s.replace(/^[,;、\s]+|[,;、\s]+$/g, ''))
    .filter(Boolean);

type Line = {
  row: number;
  values: Record<string, string>;
  numeric: Set<string>;
  undecodable: Set<string>;
  formula?: Set<string>;
};

const parseCell = (col: Column, raw: string, line: Line, itemCode?: string): Parsed => {
  if (line.undecodable.has(col.header)) return { reason: 'text_undecodable' };
  if (line.formula?.has(col.header)) return { reason: 'formula_cell' };
  if (line.numeric.has(col.header) && col.numeric !== undefined && !col.numeric?.test(raw))
    return { reason: 'code_stored_as_number' };
  switch (col.kind) {
    case 'text':
      return { value: raw };
    case 'date':
      return { value: isoDate(raw) };
    case 'int':
      return /^\d+$/.test(raw) ? { value: Number(raw) } : { reason: 'whole_number_invalid' };
    case 'number':
      return /^[-+]?\d+(\.\d+)?$/.test(raw) ? { value: Number(raw) } : { reason: 'not_a_number' };
    case 'bool': {
      const b = parseBool(raw);
      return b === null ? { reason: 'boolean_invalid' } : { value: b };
    }
    case 'code':
      return parseCode(tableOf(col, itemCode), raw);
    case 'codes': {
      const codes: string[] = [];
      for (const part of splitCodes(raw)) {
        const p = parseCode(col.table, part);
        if ('reason' in p) return p;
        codes.push(String(p.value));
      }
      return { value: codes };
    }
  }
};

const setPath = (target: Record<string, unknown>, path: string, value: unknown) => {
  const [head, ...rest] = path.split('.');
  if (!rest.length) target[head!] = value;
  else setPath(target[head!] as Record<string, unknown>, rest.join('.'), value);
};

// ---------------------------------------------------------------------------------------------------
// Rows to a card, issues to cells
// ---------------------------------------------------------------------------------------------------

type Cell = { row: number; header: string };
type Issue = Cell & { reason: string };
/** Where each part of the card came from: the row of a card field, of each conclusion and item. */
type Origin = { first: number; card: Map<string, number>; conclusions: number[]; items: number[] };

const cellKey = (x: Cell) => `${x.row}\t${x.header}`;

/** Maps a card's rows to the card as the JSON door takes it, with the issues of single cells. */
const mapCard = (lines: Line[]) => {
  const first = lines[0]!.row;
  const origin: Origin = { first, card: new Map(), conclusions: [], items: [] };
  const issues: Issue[] = [];
  const card: Record<string, unknown> = {
    employer: {},
    employingUnit: {},
    worker: {},
    writer: {},
    reporter: {},
  };
  const conclusions: Array<Record<string, unknown>> = [];
  const items: Array<Record<string, unknown>> = [];
  /** The value of each card field as first given (JSON), so a repeat can be compared. */
  const given = new Map<string, string>();
  for (const line of lines) {
    const refuse = (col: Column, reason: string) =>
      issues.push({ row: line.row, header: col.header, reason });
    const raw = (col: Column) => line.values[col.header] ?? '';
    for (const col of CARD_COLUMNS) {
      if (!raw(col)) continue;
      const p = parseCell(col, raw(col), line);
      if ('reason' in p) {
        refuse(col, p.reason);
        if (!origin.card.has(col.field)) origin.card.set(col.field, line.row);
        continue;
      }
      const json = JSON.stringify(p.value);
      const earlier = given.get(col.field);
      if (earlier === undefined) {
        given.set(col.field, json);
        origin.card.set(col.field, line.row);
        setPath(card, col.field, p.value);
      } else if (earlier !== json) refuse(col, 'exam_card_value_differs');
    }
    const part = (cols: Column[], itemCode?: string): Record<string, unknown> | null => {
      if (!cols.some((col) => raw(col))) return null;
      const out: Record<string, unknown> = {};
      for (const col of cols) {
        if (!raw(col)) continue;
        const p = parseCell(col, raw(col), line, itemCode);
        if ('reason' in p) refuse(col, p.reason);
        else out[col.field] = p.value;
      }
      return out;
    };
    const conclusion = part(CONCLUSION_COLUMNS);
    if (conclusion) {
      conclusions.push(conclusion);
      origin.conclusions.push(line.row);
    }
    // 是否异常 reads the chest-film table for a chest film: the item's code decides.
    const itemCode = parseCode(ITEM_CODE.table, raw(ITEM_CODE));
    const item = part(ITEM_COLUMNS, 'value' in itemCode ? String(itemCode.value) : undefined);
    if (item) {
      items.push(item);
      origin.items.push(line.row);
    }
  }
  card.conclusions = conclusions;
  card.items = items;
  return { card, issues, origin };
};

/** The cell a field path of the card (as the schema and checkExamCard name it) came from. */
const cellOf = (path: string, origin: Origin): Cell => {
  const m = /^(conclusions|items)(?:\.(\d+)(?:\.([A-Za-z]+))?)?/.exec(path);
  if (m) {
    const conclusion = m[1] === 'conclusions';
    const rows = conclusion ? origin.conclusions : origin.items;
    const row = m[2] === undefined ? origin.first : (rows[Number(m[2])] ?? origin.first);
    const fields = conclusion ? headerOfConclusionField : headerOfItemField;
    const header = (m[3] && fields.get(m[3])) ?? (conclusion ? '危害因素代码' : '检查项目代码');
    return { row, header };
  }
  const field = path.replace(/\.\d+(?=\.|$)/g, '');
  return {
    row: origin.card.get(field) ?? origin.first,
    header: headerOfCardField.get(field) ?? RECORD_ID,
  };
};

/** `证件号码` on the card's first row, `第7行 危害因素代码` on another one. */
const labelOf = (x: Cell, first: number): string => (x.row === first ? x.header : `第${x.row}行 ${x.header}`);

const toRowIssues = (issues: Issue[], first: number): Array<RowIssue & { row: number }> => {
  const seen = new Set<string>();
  return [...issues]
    .sort((a, b) => a.row - b.row || (columnIndex.get(a.header) ?? 0) - (columnIndex.get(b.header) ?? 0))
    .filter((i) => {
      const key = `${cellKey(i)}\t${i.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((i) => ({ column: labelOf(i, first), reason: i.reason, row: i.row }));
};

const checkSchema = recordChecker(ExamCardInput);

/** One staged card: refused with the cells of its issues, or the card (with remarks, if any). */
export const checkCardRows = (
  lines: Line[],
  opts: {
    split: boolean;
    actor: Pick<Actor, 'organisationKind'>;
    today: string;
    /** The institution's filed and blocked factors (exam-reports.capability.ts), if it has any. */
    capability?: Capability;
  },
): RowOutcome<ExamCardInput> => {
  const first = lines[0]!.row;
  if (opts.split)
    return {
      ok: false,
      issues: toRowIssues(
        [{ row: first, header: RECORD_ID, reason: 'exam_card_rows_not_consecutive' }],
        first,
      ),
    };
  const { card, issues, origin } = mapCard(lines);
  // A refused cell is reported once, not again as missing or wrong by the checks below.
  const refused = new Set(issues.map(cellKey));
  const add = (path: string, reason: string, to: Issue[] = issues) => {
    const at = cellOf(path, origin);
    if (!refused.has(cellKey(at)))
      to.push({ ...at, reason: reason === 'required' ? 'value_required' : reason });
  };
  // An institution reports only its own cards: the uploader's organisation must be an exam institution.
  if (opts.actor.organisationKind !== 'exam_institution')
    issues.push({ row: first, header: RECORD_ID, reason: 'forbidden' });
  const schema = detailsFrom(checkSchema(card) as never[], 'card', 'zh-CN');
  for (const d of schema) add(d.path, d.reason);
  const warnings: Issue[] = [];
  if (!schema.length) {
    const checked = checkExamCard(card as ExamCardInput, opts.today);
    for (const i of checked.issues) add(i.path, i.reason);
    for (const w of checked.warnings) add(w.path, w.reason, warnings);
    if (opts.capability)
      for (const i of capabilityIssues(opts.capability, card as ExamCardInput)) add(i.column, i.reason);
  }
  if (issues.length) return { ok: false, issues: toRowIssues(issues, first) };
  return { ok: true, record: card as ExamCardInput, warnings: toRowIssues(warnings, first) };
};

// ---------------------------------------------------------------------------------------------------
// Reading: rows grouped into cards as they stream
// ---------------------------------------------------------------------------------------------------

type Meta = { split?: boolean; numeric?: string[]; undecodable?: string[]; formula?: string[] };

/** A card's rows as one staged row: each column's cells joined by line breaks. */
const stageCard = (lines: SheetRow[], headers: string[], split: boolean): SheetRow => {
  const values: Record<string, string> = { [ROWS]: lines.map((l) => l.rowNo).join('\n') };
  for (const h of headers) {
    // (The reader leaves no line break in a value; a stray one would shift the rows.)
    const cells = lines.map((l) => (l.values[h] ?? '').replace(/\n/g, ' '));
    values[h] = cells.some(Boolean) ? cells.join('\n') : '';
  }
  const flags = (pick: (l: SheetRow) => Set<string>) =>
    lines.flatMap((l) => [...pick(l)].map((h) => `${l.rowNo}\t${h}`));
  const meta: Meta = {
    ...(split && { split }),
    numeric: flags((l) => l.numericColumns),
    undecodable: flags((l) => l.undecodableColumns),
    formula: flags((l) => l.formulaColumns ?? new Set()),
  };
  values[META] = JSON.stringify(meta);
  return { rowNo: lines[0]!.rowNo, values, numericColumns: new Set(), undecodableColumns: new Set() };
};

/** The rows of a staged card again. */
const unstageCard = (staged: SheetRow): { lines: Line[]; split: boolean } => {
  const v = staged.values;
  const lines: Line[] = (v[ROWS] ?? String(staged.rowNo))
    .split('\n')
    .map((r) => ({ row: Number(r), values: {}, numeric: new Set(), undecodable: new Set() }));
  for (const [h, cell] of Object.entries(v)) {
    if (h === ROWS || h === META || cell === '') continue;
    String(cell)
      .split('\n')
      .forEach((part, i) => {
        if (lines[i]) lines[i].values[h] = part;
      });
  }
  const meta = JSON.parse(v[META] ?? '{}') as Meta;
  const byRow = new Map(lines.map((l) => [l.row, l]));
  for (const f of meta.numeric ?? []) {
    const [row, h] = f.split('\t');
    byRow.get(Number(row))?.numeric.add(h!);
  }
  for (const f of meta.undecodable ?? []) {
    const [row, h] = f.split('\t');
    byRow.get(Number(row))?.undecodable.add(h!);
  }
  for (const f of meta.formula ?? []) {
    const [row, h] = f.split('\t');
    const line = byRow.get(Number(row));
    if (line) (line.formula ??= new Set()).add(h!);
  }
  return { lines, split: Boolean(meta.split) };
};

type Read = NonNullable<RowImportSpec<ExamCardInput>['read']>;

/**
 * The reader: a first pass finds the record IDs whose rows come in more than one run; the second
 * groups runs of rows into cards as they stream and stages them as whole cards (a card is never cut by
 * a batch of the sheet reader: the open card waits for its next rows). Returns the number of cards.
 */
export const readCardSheet =
  (sheetBatchRows?: number): Read =>
  async (file, fileName, limits, onBatch, opts) => {
    const batchRows = sheetBatchRows ?? opts.batchRows;
    const idOf = (r: SheetRow) => r.values[RECORD_ID] ?? '';
    const runs = new Map<string, number>();
    let previous = '';
    await streamSheet(
      file,
      fileName,
      limits,
      async (_headers, rows) => {
        for (const r of rows) {
          const id = idOf(r);
          if (id && id !== previous) runs.set(id, (runs.get(id) ?? 0) + 1);
          previous = id;
        }
      },
      { batchRows },
    );

    let headers: string[] = [];
    let open: SheetRow[] = [];
    let ready: SheetRow[] = [];
    let total = 0;
    const close = () => {
      if (!open.length) return;
      ready.push(stageCard(open, headers.slice(1), (runs.get(idOf(open[0]!)) ?? 0) > 1));
      total += 1;
      open = [];
    };
    const flush = async () => {
      if (!ready.length) return;
      const batch = ready;
      ready = [];
      await onBatch(headers, batch);
    };
    const own = (sheetHeaders: string[]) => [ROWS, ...sheetHeaders.filter((h) => !OWN_HEADERS.has(h))];
    const read = await streamSheet(
      file,
      fileName,
      limits,
      async (sheetHeaders, rows) => {
        headers = own(sheetHeaders);
        for (const r of rows) {
          // A row without a record ID is a card of its own (refused: the record ID is required).
          const id = idOf(r);
          if (!id || !open.length || id !== idOf(open[0]!)) close();
          open.push(r);
        }
        await flush();
      },
      { batchRows },
    );
    headers = own(read.headers);
    close();
    await flush();
    return { headers, total };
  };

// ---------------------------------------------------------------------------------------------------
// The import kind
// ---------------------------------------------------------------------------------------------------

const today = () => chinaToday();

/** The door the batch came through: the CLI marks its uploads (options.source), the web does not. */
const sourceOf = async (trx: Transaction<DB>, batchId: number): Promise<'upload' | 'cli'> => {
  const batch = await findBatch(trx, batchId);
  return (batch?.options as { source?: string } | null)?.source === 'cli' ? 'cli' : 'upload';
};

export const examCardSheetSpec = (
  deps: Deps,
  opts: { sheetBatchRows?: number } = {},
): RowImportSpec<ExamCardInput, Map<string, number>> => ({
  kind: EXAM_CARD_SHEET_KIND,
  permission: 'exam_reports:submit',
  columns: COLUMNS.map((x) => ({ header: x.header, required: Boolean(x.required) })),
  read: readCardSheet(opts.sheetBatchRows),
  validate: async (trx, rows, actor) => {
    const day = today();
    // What the institution may report (its filed and blocked factors), once for the chunk.
    const capability =
      actor.organisationKind === 'exam_institution'
        ? await capabilityOf(trx, actor.organisationId)
        : undefined;
    return rows.map((staged) => {
      const { lines, split } = unstageCard(staged);
      return checkCardRows(lines, { split, actor, today: day, capability });
    });
  },
  prepare: async (trx, records) =>
    registerCardWorkers(
      trx,
      deps.crypto,
      records.map((r) => ({ rowNo: r.rowNo, card: r.record })),
    ),
  commit: async (trx, records, actor, batchId, workers): Promise<CommitResult[]> => {
    const stored = await storeCards(
      trx,
      deps.crypto,
      { institutionId: actor.organisationId, importBatchId: batchId, source: await sourceOf(trx, batchId) },
      records.map((r) => ({ rowNo: r.rowNo, card: r.record })),
      workers,
    );
    return stored.map((s) => ({
      rowNo: s.rowNo,
      outcome: s.outcome,
      // (The record ID is on the card's first row: its row is the staged row's.)
      ...(s.issues && {
        issues: s.issues.map((i) => ({
          column: headerOfCardField.get(i.column) ?? RECORD_ID,
          reason: i.reason,
        })),
      }),
    }));
  },
  orderKey: (card) => card.recordId,
  analyze: ['exam_card', 'worker'],
});

export const registerExamCardSheetImport = (deps: Deps, opts?: { sheetBatchRows?: number }): void =>
  registerRowImport(deps, examCardSheetSpec(deps, opts));

// ---------------------------------------------------------------------------------------------------
// The template
// ---------------------------------------------------------------------------------------------------

const labelled = (table: ExchangeTableId, code: string): string => {
  const row = findExchangeCode(table, code);
  return row ? `${code} ${row.name}` : code;
};

/**
 * A card as sheet rows (aligned with COLUMNS): the card's columns on its first row, conclusion i and
 * item i on row i. With `names`, codes are written as the template's dropdown shows them (`01 上岗前`).
 */
export const cardSheetRows = (card: ExamCardInput, opts: { names?: boolean } = {}): string[][] => {
  const show = (col: Column, value: unknown, itemCode?: string): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'boolean') return value ? '是' : '否';
    const table = tableOf(col, itemCode);
    const code = (v: string) => (opts.names && table ? labelled(table, v) : v);
    if (Array.isArray(value)) return value.map((v) => code(String(v))).join('、');
    const text =
      typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
    return col.kind === 'code' ? code(text) : text;
  };
  const get = (obj: unknown, path: string): unknown =>
    path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
  const n = Math.max(card.conclusions.length, card.items.length, 1);
  return Array.from({ length: n }, (_, i) =>
    COLUMNS.map((col) => {
      if (col.header === RECORD_ID) return card.recordId;
      if (col.level === 'card') return i === 0 ? show(col, get(card, col.field)) : '';
      if (col.level === 'conclusion') {
        const part = card.conclusions[i];
        return part ? show(col, get(part, col.field)) : '';
      }
      const item = card.items[i];
      return item ? show(col, get(item, col.field), item.code) : '';
    }),
  );
};

/** Rows of the data sheet that get the dropdowns (more than one upload may hold: OHP_IMPORT_MAX_CELLS). */
const TEMPLATE_ROWS = 20_000;
const LONG_LISTS: Array<{ title: string; table: ExchangeTableId; rows: string[] }> = [
  {
    title: '危害因素',
    table: 'hazard-factors',
    rows: exchangeHazardFactors.rows.filter((r) => r.level === 'factor').map((r) => `${r.code} ${r.name}`),
  },
  { title: '工种', table: 'work-types', rows: exchangeWorkTypes.rows.map((r) => `${r.code} ${r.name}`) },
  {
    title: '职业病',
    table: 'diseases',
    rows: exchangeDiseases.rows.filter((r) => r.level === 'disease').map((r) => `${r.code} ${r.name}`),
  },
  {
    title: '健康指标',
    table: 'health-indicators',
    rows: exchangeHealthIndicators.rows.map((r) => `${r.code} ${r.name}`),
  },
];

const shortList = (col: Column): string[] => {
  if (col.field === 'abnormal') {
    const flags = getExchangeTable('abnormal-flags').rows.map((r) => `${r.code} ${r.name}`);
    const film = getExchangeTable('chest-film-results').rows.map((r) => `${r.code} ${r.name}`);
    return [...new Set([...flags, ...film])];
  }
  return getExchangeTable(col.table!).rows.map((r) => `${r.code} ${r.name}`);
};

const GUIDE = [
  '体检个案卡导入模板（职业健康检查个案卡，国家交换规范 HEALTH_EXAM_RECORD）',
  '',
  '1. 只读取第一个工作表“个案卡”；第一行是表头，列的顺序可以调整，带 * 的列必须有。',
  '2. 一张个案卡占连续的若干行，各行的“记录ID”相同；不同个案卡的记录ID不同。同一记录ID分散在不连续的几处时，整张卡不导入。',
  '3. 个案卡的基本信息（劳动者、用人单位、用工单位、体检、报告）填在该卡的第一行；后续行可留空，如重复填写必须与第一行一致。',
  '4. 体检结论：每种危害因素一条结论，占一行（危害因素代码 … 接害工龄月）；多种粉尘合并为一条，代码用“、”分隔。',
  '5. 检查项目：每个项目一行（检查项目代码 … 是否异常）。结论和项目可以填在同一行，行数取两者中较多的。',
  '6. 代码列可从下拉列表选择（如“02 在岗期间”，以代码为准，名称须与代码表一致），也可只填代码，或只填代码表中的名称。',
  '7. 所有列都是文本格式：证件号码、信用代码、以 0 开头的代码不要存成数字；Excel 已存成数字的代码会被拒绝。',
  '8. 日期填 YYYY-MM-DD（也接受 2026/6/10、20260610 或 Excel 日期）。',
  '9. 也可上传 CSV（UTF-8 或 GBK/GB18030 编码），表头与本模板相同。',
  '10. 先用“试运行”检查：不写入任何数据。有错误时可下载错误文件：原始行加一列错误原因，修改后可直接重新上传。',
  '11. 示例行（记录ID TJ2026-000123）是一张完整的个案卡，请删除后再填写。',
];

const FILLS: Record<Level, string> = { card: 'FFDDEBF7', conclusion: 'FFE2EFDA', item: 'FFFFF2CC' };

const buildTemplate = async (): Promise<Buffer> => {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('个案卡', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  // Text format on every column, so codes and ID numbers are never turned into numbers.
  ws.columns = COLUMNS.map((col) => ({
    width: Math.max(12, col.header.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  const head = ws.addRow(COLUMNS.map((col) => (col.required ? `${col.header}*` : col.header)));
  head.font = { bold: true };
  COLUMNS.forEach((col, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[col.level] } };
    const path =
      col.level === 'card'
        ? col.field
        : `${col.level === 'conclusion' ? 'conclusions' : 'items'}.${col.field}`;
    const scope = {
      card: '个案卡（填在首行）',
      conclusion: '体检结论（每行一条）',
      item: '检查项目（每行一项）',
    }[col.level];
    cell.note = [
      `${scope}${col.required ? '，必填' : ''}`,
      col.note,
      examCardElements[path] ? `国家元素 ${examCardElements[path]}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  });
  for (const r of cardSheetRows(examCardExample, { names: true })) ws.addRow(r);

  const guide = wb.addWorksheet('填写说明');
  guide.getColumn(1).width = 120;
  for (const line of GUIDE) guide.addRow([line]);

  // The long tables are the list source on a hidden sheet; their dropdowns accept any typed code.
  const lists = wb.addWorksheet('代码表', { state: 'hidden' });
  LONG_LISTS.forEach((list, i) => {
    const column = lists.getColumn(i + 1);
    column.width = 40;
    column.values = [list.title, ...list.rows];
  });
  const letter = (i: number) => ws.getColumn(i + 1).letter;
  // (exceljs 4.4 keeps a sheet's validations by range here; its typings do not declare it.)
  const validations = (
    ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  COLUMNS.forEach((col, i) => {
    if (!col.table) return;
    const range = `${letter(i)}2:${letter(i)}${TEMPLATE_ROWS + 1}`;
    const long = LONG_LISTS.findIndex((l) => l.table === col.table);
    if (long >= 0) {
      const source = lists.getColumn(long + 1).letter;
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`'代码表'!$${source}$2:$${source}$${LONG_LISTS[long]!.rows.length + 1}`],
        showErrorMessage: false,
      });
    } else
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${shortList(col).join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: col.header,
        error: '请从下拉列表中选择，或只填写代码',
      });
  });
  validations.add(
    `${letter(columnIndex.get('是否复查')!)}2:${letter(columnIndex.get('是否复查')!)}${TEMPLATE_ROWS + 1}`,
    {
      type: 'list',
      allowBlank: true,
      formulae: ['"是,否"'],
      showErrorMessage: true,
      errorStyle: 'warning',
      error: '请填写“是”或“否”',
    },
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
};

let template: Promise<Buffer> | null = null;
/** The import template (built once: it depends on the code tables only). */
export const examCardTemplate = (): Promise<Buffer> =>
  (template ??= buildTemplate().catch((e: unknown) => {
    template = null;
    throw e;
  }));

// ---------------------------------------------------------------------------------------------------
// The error workbook: the original rows plus a reason column
// ---------------------------------------------------------------------------------------------------

/** Stored error workbooks above this size are served as the pipeline wrote them (kept off the HTTP thread). */
export const EXPAND_MAX_BYTES = 8 * 1024 * 1024;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One issue of the pipeline's reason cell: `header: message` or `第N行 header: message`, joined by "; ". */
const ISSUE_START = new RegExp(
  `(?:^|; )(?:第(\\d+)行 )?(${[...byHeader.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')}): `,
  'g',
);

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  const s = typeof v === 'object' ? '' : String(v);
  // The writer's quote before formula-like text (sheet-write.ts neutraliseCell): written again below.
  return s[0] === "'" && FORMULA_TRIGGERS.has(s[1] ?? '') ? s.slice(1) : s;
};

/**
 * The rejected cards' rows one by one, each with the reasons that concern it (a row whose card was
 * refused for another row's sake says so), from the error workbook the pipeline stored (one line per
 * card, cells stacked). A workbook that is not of this kind (or too big) is returned as it is.
 */
export const examCardErrorWorkbook = async (stored: Buffer, lang: Lang): Promise<Buffer> => {
  if (stored.length > EXPAND_MAX_BYTES) return stored;
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(stored as unknown as ArrayBuffer);
  } catch {
    return stored;
  }
  const ws = wb.worksheets[0];
  if (!ws) return stored;
  const head = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  if (head[0] !== ROW_HEADER || head[1] !== ROWS || head.at(-1) !== REASON_HEADER) return stored;
  const sheetHeaders = head.slice(2, -1);
  const other = messageFor('exam_card_other_row', lang);
  const out: CellOut[][] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = Array.from({ length: head.length }, (_, i) => cellText(row.getCell(i + 1).value));
    const rows = cells[1]!.split('\n').map(Number);
    const first = rows[0]!;
    const reasons = new Map<number, string[]>();
    const text = cells.at(-1)!;
    const found = [...text.matchAll(ISSUE_START)];
    found.forEach((m, i) => {
      const end = i + 1 < found.length ? found[i + 1]!.index : text.length;
      const at = m[1] ? Number(m[1]) : first;
      reasons.set(at, [...(reasons.get(at) ?? []), `${m[2]}: ${text.slice(m.index + m[0].length, end)}`]);
    });
    if (!found.length && text) reasons.set(first, [text]);
    const columns = cells.slice(2, -1).map((cell) => (cell === '' ? [] : cell.split('\n')));
    rows.forEach((r, i) =>
      out.push([r, ...columns.map((parts) => parts[i] ?? ''), reasons.get(r)?.join('; ') ?? other]),
    );
  });
  return writeWorkbook('errors', [ROW_HEADER, ...sheetHeaders, REASON_HEADER], out);
};
