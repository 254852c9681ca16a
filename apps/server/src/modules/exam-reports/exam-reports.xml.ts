/**
 * The national exchange XML of health-exam case cards (职业健康检查个案卡): China CDC's
 * 《职业病及健康危害因素监测信息系统 数据交换文档规范》 试行版 1.0 (2021-05), document 职业健康档案
 * (HEALTH_EXAM_RECORD). Pure functions: bytes in, cards out (not validated: the caller runs the
 * `ExamCardInput` schema and `checkExamCard`), and cards in, document out. No database, no clock.
 *
 * Line numbers "spec L…" below are lines of
 * ../shared/reference-data/national-exchange-spec-2021/spec-text-pdftotext-layout.txt:
 *   L108–124 文档内容构成 (header modules, body modules, each 1..1);
 *   L126–146 文档头规范 (DocumentId, OperateType, BusinessActivityIdentification, ReportZoneCode,
 *            ReportOrgCode, License, all 1..1 必填);
 *   L226–477 the HEALTH_EXAM_RECORD element table (rows 1–78: nesting, cardinality, format, required);
 *   L1468–1670 the HEALTH_EXAM_RECORD sample document (placeholder values and some malformed tags such as
 *            `<!—` and `< ENTERPRISE_NAME_EMPLOYER>`: used for structure only).
 *
 * Decisions where the text is silent or ambiguous (also in docs/STANDARDS.md, "National exchange XML"):
 * - Operate type: OperateType is a HEADER element (L141, sample L1479–1480), so it applies to every
 *   record of the document; there is no per-record operate type. Parsing gives each record the header's
 *   type; writing refuses records of mixed types (one document per type).
 * - Record key: the `ID` attribute of HEALTH_EXAM_RECORD (sample L1495). The 用人单位信息 sample writes it
 *   lower-case (`id=`, L1403), so `id` is accepted when `ID` is absent. A Delete record needs only its ID;
 *   what else a Delete should carry is not said: the writer writes the ID alone, the parser ignores the body.
 * - JC_TYPE: the table indents it four levels (row 30, L326: inside WORKER_INFO?) while the sample puts
 *   it after </WORKER_INFO> at record level (L1556–1557). Written at record level; read at either.
 * - Empty ≡ absent: every element has cardinality 1..1 even when optional (是否必填 否, e.g.
 *   ADDRESS_ZIP_CODE row 11, IS_REVIEW row 39, REMARK row 72), so the writer writes every element, empty
 *   when there is no value, and the parser reads an empty or missing element as "no value".
 * - Lists: several hazard codes in one element are comma-separated (sample `1001,1002` for
 *   CONTACT_FACTOR_CODE, FACTOR_CODE and ITAM_CODE, L1563, L1567, L1586). Written with ","; read with
 *   "," or the full-width "，" (no other separator is accepted).
 * - Dates: D8 `yyyyMMdd` (e.g. BIRTH_DATE row 28, L323–324; EXAM_DATE row 32, L332–333). Nothing else is
 *   accepted (an ISO date is `invalid_date`).
 * - Encoding: the spec shows only `encoding="utf-8"` (L1470) and says nothing else. UTF-8 is the format;
 *   a document declaring GBK / GB2312 / GB18030 is decoded as GB18030 (their superset) as a courtesy to
 *   legacy senders; any other declared encoding is refused.
 * - FACTOR_CODE (体检危害因素代码, row 35, L342, format N..4 yet a list in the sample L1567) and
 *   FACTOR_OTHER (row 36, one per record): the platform's card keeps the examined factors in its
 *   conclusions (ITAM_CODE). FACTOR_CODE is written as the conclusions' codes and ignored when read;
 *   FACTOR_OTHER is written from the first conclusion that has a factorOther and read onto the
 *   conclusions whose codes include a 其他 factor (or the first conclusion when none does). A card with
 *   different factorOther names on several conclusions cannot be carried by one FACTOR_OTHER.
 * - Elements the card does not keep (read and ignored; written from other data): ALL_NAME /
 *   ALL_NAME_EMPLOYER (rows 14, 22: the region's full name, from the region table), AREA_CODE / ORG_CODE
 *   (rows 40–41, 创建地区/机构: the header's zone and organisation unless given), ITAM_NAME (row 45: the
 *   national names of the codes, "、"-joined; AN..20 may be too short for several dusts),
 *   REPORT_ORGAN_CREDIT_CODE (row 67, L450: named a credit code, labelled 检查单位名称: written as given in
 *   the header, else the card's reporter.unit), AUDIT_INFO (rows 73–78: written only from an audit the
 *   caller supplies; 07 省级审核通过 is required before the national system takes a card, L460).
 * - The card's extensions (examNo, reexamOf, chiefPhysician, serviceYears, serviceMonths) have no national
 *   element and are not written (`toNationalCard` gives the part that travels).
 * - Element order inside a record is not checked when reading; the writer follows the table's order.
 */
import type { ExamCardInput } from '@ohp/contracts';
import { findExchangeCode, isIsoDate, regionPath } from '@ohp/reference';
import { SaxesParser } from 'saxes';

/** Records one document may hold (as many as one JSON batch, BATCH_MAX_CARDS). */
export const XML_MAX_RECORDS = 10_000;
/** Nesting depth refused beyond: a valid document is 7 deep (DataExchange … EXAM_CONCLUSION/ITAM_CODE). */
export const XML_MAX_DEPTH = 32;
/** Data operate types, as printed in the sample's header comment (spec L1479). */
export const OPERATE_TYPES = ['Add', 'Update', 'Delete'] as const;
export type OperateType = (typeof OPERATE_TYPES)[number];
/** 业务活动类型 职业病 (spec L142–143). */
export const BUSINESS_ACTIVITY_OCCUPATIONAL = 'NEWOMAR';
/** 业务类别代码 of the 职业健康档案 document (spec L134): the middle part of DocumentId. */
export const EXAM_CARD_BUSINESS_CODE = 'HEALTH_EXAM_RECORD';

/** The header of a parsed document (spec L126–146). Absent elements are null. */
export type ExchangeHeader = {
  documentId: string | null;
  operateType: OperateType;
  businessActivityIdentification: string | null;
  reportZoneCode: string | null;
  reportOrgCode: string | null;
  /** 上报机构授权码: a credential of the reporting institution. Never log or store it verbatim. */
  license: string | null;
};

export type XmlRefusalReason =
  | 'malformed_xml'
  | 'xml_doctype_forbidden'
  | 'xml_too_deep'
  | 'xml_not_exchange_document'
  | 'xml_not_exam_card_document'
  | 'xml_unexpected_element'
  | 'xml_unexpected_text'
  | 'xml_header_missing'
  | 'xml_operate_type_invalid'
  | 'xml_encoding_unsupported'
  | 'xml_encoding_invalid'
  | 'import_too_many_rows';

/**
 * A record-level mapping problem. Value problems name the card field (`examDate`,
 * `conclusions.0.harmStartDate`); element problems name the element path inside the record, with
 * 1-based positions in list items (`WORKER_INFO/NICKNAME`, `EXAM_CONCLUSION_LIST/EXAM_CONCLUSION[2]/X`).
 */
export type XmlIssueReason =
  | 'invalid_date'
  | 'invalid_number'
  | 'invalid_flag'
  | 'unknown_element'
  | 'duplicate_element'
  | 'unexpected_text'
  | 'value_required';
export type XmlRecordIssue = { path: string; reason: XmlIssueReason };

export type XmlRecord = {
  /** 1-based position of the record in the document. */
  index: number;
  operateType: OperateType;
  /** The ID attribute ('' when missing: then an issue `recordId value_required`). */
  recordId: string;
  /** ExamCardInput-shaped but NOT validated; `{ recordId }` for a Delete. */
  card: unknown;
  issues: XmlRecordIssue[];
};

export type XmlRefusal = { ok: false; reason: XmlRefusalReason; line?: number };
export type XmlParseResult =
  XmlRefusal | { ok: true; encoding: 'utf-8' | 'gb18030'; header: ExchangeHeader; records: XmlRecord[] };

/** 审核信息 (spec rows 73–78) of one record, as the province's review produced it. */
export type ExamCardAudit = {
  /** 审核状态代码 (07 省级审核通过 for the national system). */
  statusCode: string;
  opinion: string;
  /** ISO date. */
  date: string;
  auditorName: string;
  organisation: string;
};

export type XmlWriteRecord = { operateType: OperateType; card: ExamCardInput; audit?: ExamCardAudit | null };

export type ExamCardXmlHeaderInput = {
  documentId: string;
  reportOrgCode: string;
  reportZoneCode: string;
  license: string;
  /** Default NEWOMAR. */
  businessActivityIdentification?: string;
  /** 创建地区代码 AREA_CODE of every record; default reportZoneCode. */
  areaCode?: string;
  /** 创建机构代码 ORG_CODE of every record; default reportOrgCode. */
  orgCode?: string;
  /** REPORT_ORGAN_CREDIT_CODE (labelled 检查单位名称); default the card's reporter.unit. */
  examOrgan?: string;
};

// ============================================================================================
// The record layout: one table drives both reading and writing, in the spec's row order.
// ============================================================================================

type ValueKind = 'text' | 'date' | 'number' | 'codes' | 'flag';
type WriteContext = { card: ExamCardInput; audit: ExamCardAudit | null; header: ExamCardXmlHeaderInput };
type Derive = (ctx: WriteContext, item: unknown) => unknown;
/**
 * `path`: the card field the element is read into (absolute in the record, relative in a list item);
 * null = known element the card does not keep. `derive`: the value written, when not `path`'s.
 * `readOnly`: accepted when reading, never written.
 */
type LeafSpec = {
  type: 'leaf';
  el: string;
  kind: ValueKind;
  path: string | null;
  derive?: Derive;
  readOnly?: boolean;
};
type GroupSpec = { type: 'group'; el: string; children: readonly LeafSpec[] };
type ListSpec = {
  type: 'list';
  el: string;
  itemEl: string;
  path: 'conclusions' | 'items';
  children: readonly LeafSpec[];
};
type RecordPart = LeafSpec | GroupSpec | ListSpec;

const leaf = (el: string, path: string, kind: ValueKind = 'text'): LeafSpec => ({
  type: 'leaf',
  el,
  kind,
  path,
});
const derived = (el: string, kind: ValueKind, derive: Derive): LeafSpec => ({
  type: 'leaf',
  el,
  kind,
  path: null,
  derive,
});
const group = (el: string, children: readonly LeafSpec[]): GroupSpec => ({ type: 'group', el, children });

/** Field path of FACTOR_OTHER while a record is read; moved onto the conclusions afterwards. */
const FACTOR_OTHER_SLOT = 'factorOther';

/** Rows 3–14 (spec L235–274). */
const ENTERPRISE_INFO = group('ENTERPRISE_INFO', [
  leaf('ENTERPRISE_NAME', 'employer.name'),
  leaf('CREDIT_CODE', 'employer.creditCode'),
  leaf('ECONOMIC_TYPE_CODE', 'employer.economicTypeCode'),
  leaf('INDUSTRY_CATEGORY_CODE', 'employer.industryCode'),
  leaf('BUSINESS_SCALE_CODE', 'employer.scaleCode'),
  leaf('ADDRESS_CODE', 'employer.regionCode'),
  leaf('ADDRESS_DETAIL', 'employer.address'),
  leaf('ADDRESS_ZIP_CODE', 'employer.zipCode'),
  leaf('ENTERPRISE_CONTACT', 'employer.contact'),
  leaf('CONTACT_TELPHONE', 'employer.phone'),
  derived('ALL_NAME', 'text', (ctx) => regionFullName(ctx.card.employer.regionCode)),
]);

/** Rows 15–22 (spec L275–311). */
const ENTERPRISE_INFO_EMPLOYER = group('ENTERPRISE_INFO_EMPLOYER', [
  leaf('ENTERPRISE_NAME_EMPLOYER', 'employingUnit.name'),
  leaf('CREDIT_CODE_EMPLOYER', 'employingUnit.creditCode'),
  leaf('ECONOMIC_TYPE_CODE_EMPLOYER', 'employingUnit.economicTypeCode'),
  leaf('INDUSTRY_CATEGORY_CODE_EMPLOYER', 'employingUnit.industryCode'),
  leaf('BUSINESS_SCALE_CODE_EMPLOYER', 'employingUnit.scaleCode'),
  leaf('ADDRESS_CODE_EMPLOYER', 'employingUnit.regionCode'),
  derived('ALL_NAME_EMPLOYER', 'text', (ctx) => regionFullName(ctx.card.employingUnit.regionCode)),
]);

/** Rows 23–29 (spec L312–325); JC_TYPE is also read here (row 30's indentation, L326). */
const WORKER_INFO = group('WORKER_INFO', [
  leaf('WORKER_NAME', 'worker.name'),
  leaf('ID_CARD_TYPE_CODE', 'worker.idTypeCode'),
  leaf('ID_CARD', 'worker.idNumber'),
  leaf('GENDER_CODE', 'worker.genderCode'),
  leaf('BIRTH_DATE', 'worker.birthDate', 'date'),
  leaf('WORKER_TELPHONE', 'worker.phone'),
  { ...leaf('JC_TYPE', 'monitoringTypeCode'), readOnly: true },
]);

/** Rows 42–52 (spec L368–409). Paths relative to one conclusion. */
const EXAM_CONCLUSION_LIST: ListSpec = {
  type: 'list',
  el: 'EXAM_CONCLUSION_LIST',
  itemEl: 'EXAM_CONCLUSION',
  path: 'conclusions',
  children: [
    leaf('ITAM_CODE', 'factorCodes', 'codes'),
    derived('ITAM_NAME', 'text', (_ctx, item) => factorNames(valueAt(item, 'factorCodes'))),
    leaf('EXAM_CONCLUSION_CODE', 'conclusionCode'),
    leaf('YSZYB_CODE', 'suspectedDiseaseCode'),
    leaf('ZYJJZ_NAME', 'contraindication'),
    leaf('QTJB_NAME', 'otherAbnormality'),
    leaf('HARM_START_DATE', 'harmStartDate', 'date'),
    leaf('HARM_AGE_YEAR', 'harmYears', 'number'),
    leaf('HARM_AGE_MONTH', 'harmMonths', 'number'),
  ],
};

/** Rows 53–63 (spec L410–444). Paths relative to one item. */
const EXAM_ITEM_RESULT_LIST: ListSpec = {
  type: 'list',
  el: 'EXAM_ITEM_RESULT_LIST',
  itemEl: 'EXAM_ITEM_RESULT',
  path: 'items',
  children: [
    leaf('EXAM_ITEM_PNAME', 'parentName'),
    leaf('EXAM_ITEM_NAME', 'name'),
    leaf('EXAM_ITEM_CODE', 'code'),
    leaf('EXAM_RESULT_TYPE', 'resultType'),
    leaf('EXAM_RESULT', 'result'),
    leaf('EXAM_ITEM_UNIT_CODE', 'unit'),
    leaf('REFERENCE_RANGE_MIN', 'referenceMin', 'number'),
    leaf('REFERENCE_RANGE_MAX', 'referenceMax', 'number'),
    leaf('ABNORMAL', 'abnormal'),
  ],
};

/** Rows 73–78 (spec L459–477): known, not kept; written from the caller's audit. */
const AUDIT_INFO = group('AUDIT_INFO', [
  derived('AUDITSTATUS', 'text', (ctx) => ctx.audit?.statusCode),
  derived('AUDITINFO', 'text', (ctx) => ctx.audit?.opinion),
  derived('AUDITDATE', 'date', (ctx) => ctx.audit?.date),
  derived('AUDITOR_NAME', 'text', (ctx) => ctx.audit?.auditorName),
  derived('AUDIT_ORG', 'text', (ctx) => ctx.audit?.organisation),
]);

/** The children of HEALTH_EXAM_RECORD, rows 3–78 in order. */
const RECORD_LAYOUT: readonly RecordPart[] = [
  ENTERPRISE_INFO,
  ENTERPRISE_INFO_EMPLOYER,
  WORKER_INFO,
  leaf('JC_TYPE', 'monitoringTypeCode'),
  leaf('EXAM_TYPE_CODE', 'examTypeCode'),
  leaf('EXAM_DATE', 'examDate', 'date'),
  leaf('CONTACT_FACTOR_CODE', 'contactFactorCodes', 'codes'),
  leaf('CONTACT_FACTOR_OTHER', 'contactFactorOther'),
  derived('FACTOR_CODE', 'codes', (ctx) => examinedFactors(ctx.card)),
  {
    ...leaf('FACTOR_OTHER', FACTOR_OTHER_SLOT),
    derive: (ctx) => ctx.card.conclusions.find((c) => c.factorOther)?.factorOther,
  },
  leaf('WORK_TYPE_CODE', 'workTypeCode'),
  leaf('OTHER_WORK_TYPE', 'workTypeOther'),
  leaf('IS_REVIEW', 'isReexam', 'flag'),
  derived('AREA_CODE', 'text', (ctx) => ctx.header.areaCode ?? ctx.header.reportZoneCode),
  derived('ORG_CODE', 'text', (ctx) => ctx.header.orgCode ?? ctx.header.reportOrgCode),
  EXAM_CONCLUSION_LIST,
  EXAM_ITEM_RESULT_LIST,
  leaf('WRITE_PERSON', 'writer.name'),
  leaf('WRITE_PERSON_TELPHONE', 'writer.phone'),
  leaf('WRITE_DATE', 'writer.date', 'date'),
  derived('REPORT_ORGAN_CREDIT_CODE', 'text', (ctx) => ctx.header.examOrgan ?? ctx.card.reporter.unit),
  leaf('REPORT_PERSON', 'reporter.name'),
  leaf('REPORT_PERSON_TEL', 'reporter.phone'),
  leaf('REPORT_DATE', 'reporter.date', 'date'),
  leaf('REPORT_UNIT', 'reporter.unit'),
  leaf('REMARK', 'remark'),
  AUDIT_INFO,
];

const RECORD_PARTS = new Map(RECORD_LAYOUT.map((p) => [p.el, p]));

/** Header elements in the sample's order (spec L1474–1490; the table L128–146 lists the same six). */
const HEADER_FIELDS = {
  DocumentId: 'documentId',
  OperateType: 'operateType',
  BusinessActivityIdentification: 'businessActivityIdentification',
  ReportOrgCode: 'reportOrgCode',
  License: 'license',
  ReportZoneCode: 'reportZoneCode',
} as const;
type HeaderElement = keyof typeof HEADER_FIELDS;
const isHeaderElement = (name: string): name is HeaderElement => Object.hasOwn(HEADER_FIELDS, name);

// ============================================================================================
// Small helpers shared by reading and writing
// ============================================================================================

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isBag(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Sets `path` in `obj`, creating objects on the way; false when a value is already there. */
function setAt(obj: Bag, path: string, value: unknown): boolean {
  const keys = path.split('.');
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (isBag(next)) cur = next;
    else {
      const created: Bag = {};
      cur[key] = created;
      cur = created;
    }
  }
  const last = keys[keys.length - 1] ?? '';
  if (cur[last] !== undefined) return false;
  cur[last] = value;
  return true;
}

/**
 * 所在区全名称 (e.g. 北京市市辖区海淀区, spec L1519): province, city and county names of the code's first six
 * digits (a nine-digit code's township is below the 区 the element names), or undefined when unknown.
 */
function regionFullName(code: string): string | undefined {
  const names = regionPath(code.slice(0, 6)).map((r) => r.name);
  return names.length ? names.join('') : undefined;
}

const hazardName = (code: string) => findExchangeCode('hazard-factors', code)?.name;
/** A 其他 factor (其他粉尘 1099 …): the rule checkExamCard uses for factorOther. */
const isOtherFactor = (code: unknown) => typeof code === 'string' && !!hazardName(code)?.includes('其他');

function factorNames(codes: unknown): string | undefined {
  if (!Array.isArray(codes)) return undefined;
  const names = codes.flatMap((c) => {
    const name = typeof c === 'string' ? hazardName(c) : undefined;
    return name ? [name] : [];
  });
  return names.length ? names.join('、') : undefined;
}

/** FACTOR_CODE: every conclusion's factors, each once, in order. */
const examinedFactors = (card: ExamCardInput) => [...new Set(card.conclusions.flatMap((c) => c.factorCodes))];

// ============================================================================================
// Reading: bytes → text
// ============================================================================================

type Decoded = { ok: true; text: string; encoding: 'utf-8' | 'gb18030' } | XmlRefusal;

const UTF8_LABELS = new Set(['utf-8', 'utf8']);
const GB_LABELS = new Set(['gbk', 'gb2312', 'gb18030', 'cp936']);

/** The encoding named by the XML declaration at the very start, lower-cased, or null. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const m = /^<\?xml\s[^?>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
  return m?.[2]?.toLowerCase() ?? null;
}

function decode(buf: Buffer): Decoded {
  const hasBom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const bytes = hasBom ? buf.subarray(3) : buf;
  // UTF-16 / UTF-32 (a BOM, or "<" as a wide character): not UTF-8, refused.
  if (bytes.length >= 2 && (bytes[0] === 0 || bytes[1] === 0 || bytes[0] === 0xfe || bytes[0] === 0xff))
    return { ok: false, reason: 'xml_encoding_unsupported' };
  const label = declaredEncoding(bytes);
  let encoding: 'utf-8' | 'gb18030';
  if (label === null || UTF8_LABELS.has(label)) encoding = 'utf-8';
  else if (GB_LABELS.has(label)) encoding = 'gb18030';
  else return { ok: false, reason: 'xml_encoding_unsupported' };
  // A UTF-8 byte-order mark contradicts any other declared encoding.
  if (hasBom && encoding !== 'utf-8') return { ok: false, reason: 'xml_encoding_invalid' };
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, encoding };
  } catch {
    return { ok: false, reason: 'xml_encoding_invalid' };
  }
}

// ============================================================================================
// Reading: text → header and record trees (streaming; only one record's tree is held at a time)
// ============================================================================================

type XmlNode = {
  name: string;
  line: number;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
};

/** What an open element is to the reader. */
type FrameKind = 'root' | 'header' | 'headerField' | 'body' | 'list' | 'record' | 'inRecord' | 'skipped';
/** `index`: a record's 1-based position; `node`: the tree built for record and header elements. */
type Frame = { kind: FrameKind; name: string; index?: number; node?: XmlNode };

type RawRecord = { index: number; node: XmlNode };
type Tree = {
  header: Partial<Record<HeaderElement, { text: string; line: number }>>;
  sawHeader: boolean;
  sawList: boolean;
  records: XmlRecord[];
  /** Records closed before the header's OperateType, held as trees until it is known. */
  pending: RawRecord[];
};

/** Thrown from parser callbacks to stop at the first document-level refusal. */
class Stop extends Error {
  constructor(readonly refusal: XmlRefusal) {
    super(refusal.reason);
  }
}

const hasText = (s: string) => /\S/.test(s);

function readTree(text: string, onRecord: (raw: RawRecord, tree: Tree) => void): Tree | XmlRefusal {
  // Without namespaces: names are taken literally and attributes are plain strings.
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const stack: Frame[] = [];
  const tree: Tree = { header: {}, sawHeader: false, sawList: false, records: [], pending: [] };
  const seenAt = new Map<FrameKind, Set<string>>();
  let recordCount = 0;
  const stop = (reason: XmlRefusalReason): never => {
    throw new Stop({ ok: false, reason, line: parser.line });
  };
  const once = (scope: FrameKind, name: string) => {
    const seen = seenAt.get(scope) ?? new Set<string>();
    if (seen.has(name)) stop('xml_unexpected_element');
    seen.add(name);
    seenAt.set(scope, seen);
  };

  const frameFor = (name: string, parent: Frame | undefined): FrameKind => {
    if (!parent) {
      if (name !== 'DataExchange') stop('xml_not_exchange_document');
      return 'root';
    }
    switch (parent.kind) {
      case 'root':
        if (name !== 'Header' && name !== 'EventBody') stop('xml_unexpected_element');
        once('root', name);
        return name === 'Header' ? 'header' : 'body';
      case 'header':
        if (!isHeaderElement(name)) stop('xml_unexpected_element');
        once('header', name);
        return 'headerField';
      case 'body':
        // The body may carry other modules (spec L114–124): only the exam-card list is read.
        if (name !== 'HEALTH_EXAM_RECORD_LIST') return 'skipped';
        once('body', name);
        return 'list';
      case 'list':
        if (name !== 'HEALTH_EXAM_RECORD') stop('xml_unexpected_element');
        if (++recordCount > XML_MAX_RECORDS) stop('import_too_many_rows');
        return 'record';
      case 'record':
      case 'inRecord':
        return 'inRecord';
      case 'headerField':
        return stop('xml_unexpected_element');
      case 'skipped':
        return 'skipped';
    }
  };

  parser.on('doctype', () => stop('xml_doctype_forbidden'));
  parser.on('error', () => stop('malformed_xml'));
  parser.on('opentag', (tag) => {
    if (stack.length >= XML_MAX_DEPTH) stop('xml_too_deep');
    const parent = stack[stack.length - 1];
    const kind = frameFor(tag.name, parent);
    const frame: Frame = { kind, name: tag.name, ...(kind === 'record' && { index: recordCount }) };
    if (kind === 'header') tree.sawHeader = true;
    if (kind === 'list') tree.sawList = true;
    if (kind === 'record' || kind === 'inRecord' || kind === 'headerField') {
      const node: XmlNode = {
        name: tag.name,
        line: parser.line,
        attributes: tag.attributes,
        children: [],
        text: '',
      };
      frame.node = node;
      if (kind === 'inRecord') parent?.node?.children.push(node);
    }
    stack.push(frame);
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (!top || top.kind === 'skipped') return;
    if (top.node) top.node.text += t;
    else if (hasText(t)) stop('xml_unexpected_text');
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = stack.pop();
    if (!frame?.node) return;
    if (frame.kind === 'headerField' && isHeaderElement(frame.name))
      tree.header[frame.name] = { text: frame.node.text, line: frame.node.line };
    if (frame.kind === 'record') onRecord({ index: frame.index ?? recordCount, node: frame.node }, tree);
  });

  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof Stop) return e.refusal;
    return { ok: false, reason: 'malformed_xml', line: parser.line };
  }
  return tree;
}

// ============================================================================================
// Reading: record tree → card
// ============================================================================================

const D8 = /^(\d{4})(\d{2})(\d{2})$/;
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

/** `yyyyMMdd` → `yyyy-MM-dd`, or undefined when it is not a real date in that form. */
export function d8ToIso(text: string): string | undefined {
  const m = D8.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isIsoDate(iso) ? iso : undefined;
}

type Issues = XmlRecordIssue[];

/** The value of a leaf element, or undefined (absent, empty or invalid: then an issue is recorded). */
function leafValue(kind: ValueKind, raw: string, fieldPath: string, issues: Issues): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (kind) {
    case 'text':
      return text;
    case 'codes':
      return text.split(/[,，]/).map((c) => c.trim());
    case 'date': {
      const iso = d8ToIso(text);
      if (iso === undefined) issues.push({ path: fieldPath, reason: 'invalid_date' });
      return iso;
    }
    case 'number':
      if (DECIMAL.test(text)) return Number(text);
      issues.push({ path: fieldPath, reason: 'invalid_number' });
      return undefined;
    case 'flag':
      if (text === '0' || text === '1') return text === '1';
      issues.push({ path: fieldPath, reason: 'invalid_flag' });
      return undefined;
  }
}

/** Reads `node` (a leaf) into `target`; `fieldPrefix` is the target's path in the card. */
function readLeaf(
  node: XmlNode,
  spec: LeafSpec,
  target: Bag,
  fieldPrefix: string,
  xmlPath: string,
  issues: Issues,
) {
  for (const child of node.children)
    issues.push({ path: `${xmlPath}/${child.name}`, reason: 'unknown_element' });
  if (spec.path === null) return;
  const value = leafValue(spec.kind, node.text, fieldPrefix + spec.path, issues);
  if (value !== undefined && !setAt(target, spec.path, value))
    issues.push({ path: xmlPath, reason: 'duplicate_element' });
}

/** Reads the children of a container element against its leaf specs. */
function readLeaves(
  node: XmlNode,
  specs: readonly LeafSpec[],
  target: Bag,
  fieldPrefix: string,
  xmlPath: string,
  issues: Issues,
) {
  if (hasText(node.text)) issues.push({ path: xmlPath, reason: 'unexpected_text' });
  const seen = new Set<string>();
  for (const child of node.children) {
    const at = `${xmlPath}/${child.name}`;
    const spec = specs.find((s) => s.el === child.name);
    if (!spec) issues.push({ path: at, reason: 'unknown_element' });
    else if (seen.has(child.name)) issues.push({ path: at, reason: 'duplicate_element' });
    else {
      seen.add(child.name);
      readLeaf(child, spec, target, fieldPrefix, at, issues);
    }
  }
}

function readList(node: XmlNode, spec: ListSpec, card: Bag, issues: Issues) {
  if (hasText(node.text)) issues.push({ path: spec.el, reason: 'unexpected_text' });
  const items: Bag[] = [];
  for (const child of node.children) {
    if (child.name !== spec.itemEl) {
      issues.push({ path: `${spec.el}/${child.name}`, reason: 'unknown_element' });
      continue;
    }
    const item: Bag = {};
    const at = `${spec.el}/${spec.itemEl}[${items.length + 1}]`;
    readLeaves(child, spec.children, item, `${spec.path}.${items.length}.`, at, issues);
    items.push(item);
  }
  card[spec.path] = items;
}

/** FACTOR_OTHER onto the conclusions with a 其他 factor, else onto the first conclusion. */
function placeFactorOther(card: Bag) {
  const value = card[FACTOR_OTHER_SLOT];
  delete card[FACTOR_OTHER_SLOT];
  const conclusions = card.conclusions;
  if (value === undefined || !Array.isArray(conclusions)) return;
  const bags = conclusions.filter(isBag);
  const withOther = bags.filter((c) => Array.isArray(c.factorCodes) && c.factorCodes.some(isOtherFactor));
  for (const c of withOther.length ? withOther : bags.slice(0, 1)) c.factorOther = value;
}

function readCard(node: XmlNode, recordId: string, issues: Issues): Bag {
  const card: Bag = recordId ? { recordId } : {};
  if (hasText(node.text)) issues.push({ path: node.name, reason: 'unexpected_text' });
  const seen = new Set<string>();
  for (const child of node.children) {
    const part = RECORD_PARTS.get(child.name);
    if (!part) issues.push({ path: child.name, reason: 'unknown_element' });
    else if (seen.has(child.name)) issues.push({ path: child.name, reason: 'duplicate_element' });
    else {
      seen.add(child.name);
      if (part.type === 'leaf') readLeaf(child, part, card, '', child.name, issues);
      else if (part.type === 'group') readLeaves(child, part.children, card, '', child.name, issues);
      else readList(child, part, card, issues);
    }
  }
  placeFactorOther(card);
  return card;
}

function readRecord({ index, node }: RawRecord, operateType: OperateType): XmlRecord {
  const recordId = node.attributes.ID ?? node.attributes.id ?? '';
  const issues: Issues = recordId ? [] : [{ path: 'recordId', reason: 'value_required' }];
  // A Delete needs only the record's ID: its body, if any, is not read.
  const card = operateType === 'Delete' ? (recordId ? { recordId } : {}) : readCard(node, recordId, issues);
  return { index, operateType, recordId, card, issues };
}

function readHeader(tree: Tree): ExchangeHeader | XmlRefusal {
  if (!tree.sawHeader) return { ok: false, reason: 'xml_header_missing' };
  const text = (el: HeaderElement) => {
    const t = tree.header[el]?.text.trim();
    return t ? t : null;
  };
  const operateType = OPERATE_TYPES.find((t) => t === text('OperateType'));
  if (!operateType) {
    const line = tree.header.OperateType?.line;
    return { ok: false, reason: 'xml_operate_type_invalid', ...(line !== undefined && { line }) };
  }
  return {
    documentId: text('DocumentId'),
    operateType,
    businessActivityIdentification: text('BusinessActivityIdentification'),
    reportZoneCode: text('ReportZoneCode'),
    reportOrgCode: text('ReportOrgCode'),
    license: text('License'),
  };
}

/**
 * Reads a national exchange document of health-exam cards. Refuses the whole document for what makes it
 * unreadable or unsafe (`ok: false`, with the line where known); otherwise returns every record with the
 * card mapped to the ExamCardInput shape and the record's own mapping issues. Never throws.
 */
export function parseExamCardXml(buf: Buffer): XmlParseResult {
  const decoded = decode(buf);
  if (!decoded.ok) return decoded;
  // Records closed after the Header are mapped at once and their trees dropped; records that come before
  // the Header (allowed by nothing, refused by nothing) wait for its operate type.
  const tree = readTree(decoded.text, (raw, t) => {
    const header = t.header.OperateType ? readHeader(t) : null;
    if (header && 'operateType' in header) t.records.push(readRecord(raw, header.operateType));
    else t.pending.push(raw);
  });
  if ('ok' in tree) return tree;
  const header = readHeader(tree);
  if ('ok' in header) return header;
  if (!tree.sawList) return { ok: false, reason: 'xml_not_exam_card_document' };
  const records = [...tree.records, ...tree.pending.map((raw) => readRecord(raw, header.operateType))];
  records.sort((a, b) => a.index - b.index);
  return { ok: true, encoding: decoded.encoding, header, records };
}

// ============================================================================================
// Writing
// ============================================================================================

// XML 1.0 Char production: anything else (most C0 controls, U+FFFE/U+FFFF, lone surrogates) cannot be
// written at all and becomes U+FFFD.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: & < > escaped, CR kept as a reference (a parser would turn a raw CR into LF). */
export function escapeXmlText(s: string): string {
  return s
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Attribute value (double-quoted): also " and the white space a parser would normalise. */
export function escapeXmlAttribute(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** `yyyy-MM-dd` → `yyyyMMdd`; anything else is written as it is (and read back as invalid_date). */
const isoToD8 = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replace(/-/g, '') : iso);

/** A number without exponent notation (N..5 is digits). */
function plainNumber(n: number): string {
  const s = String(n);
  if (!Number.isFinite(n) || !/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 17 });
}

function formatValue(kind: ValueKind, v: unknown): string {
  if (v === undefined || v === null) return '';
  switch (kind) {
    case 'text':
      return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
    case 'date':
      return typeof v === 'string' ? isoToD8(v) : '';
    case 'number':
      return typeof v === 'number' ? plainNumber(v) : typeof v === 'string' ? v : '';
    case 'codes':
      return Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '';
    case 'flag':
      return v === true ? '1' : v === false ? '0' : '';
  }
}

const pad = (depth: number) => '  '.repeat(depth);
const element = (depth: number, name: string, value: string) =>
  `${pad(depth)}<${name}>${escapeXmlText(value)}</${name}>`;

function writeLeaves(
  out: string[],
  depth: number,
  specs: readonly LeafSpec[],
  ctx: WriteContext,
  item: unknown,
) {
  for (const spec of specs) {
    if (spec.readOnly) continue;
    const value = spec.derive ? spec.derive(ctx, item) : spec.path ? valueAt(item, spec.path) : undefined;
    out.push(element(depth, spec.el, formatValue(spec.kind, value)));
  }
}

function writeRecord(out: string[], record: XmlWriteRecord, header: ExamCardXmlHeaderInput) {
  const id = escapeXmlAttribute(record.card.recordId);
  if (record.operateType === 'Delete') {
    out.push(`${pad(3)}<HEALTH_EXAM_RECORD ID="${id}"/>`);
    return;
  }
  const ctx: WriteContext = { card: record.card, audit: record.audit ?? null, header };
  out.push(`${pad(3)}<HEALTH_EXAM_RECORD ID="${id}">`);
  for (const part of RECORD_LAYOUT) {
    if (part.type === 'leaf') writeLeaves(out, 4, [part], ctx, record.card);
    else if (part.type === 'group') {
      out.push(`${pad(4)}<${part.el}>`);
      writeLeaves(out, 5, part.children, ctx, record.card);
      out.push(`${pad(4)}</${part.el}>`);
    } else {
      out.push(`${pad(4)}<${part.el}>`);
      for (const item of record.card[part.path]) {
        out.push(`${pad(5)}<${part.itemEl}>`);
        writeLeaves(out, 6, part.children, ctx, item);
        out.push(`${pad(5)}</${part.itemEl}>`);
      }
      out.push(`${pad(4)}</${part.el}>`);
    }
  }
  out.push(`${pad(3)}</HEALTH_EXAM_RECORD>`);
}

/**
 * Writes one national exchange document (UTF-8 text) of the given records. Every record must have the
 * same operate type (the document's OperateType is a header element) and there must be at least one
 * (HEALTH_EXAM_RECORD 1..*, spec L234): otherwise a RangeError, since that is a caller's error.
 */
export function writeExamCardXml(records: readonly XmlWriteRecord[], header: ExamCardXmlHeaderInput): string {
  const types = new Set(records.map((r) => r.operateType));
  const [operateType] = types;
  if (operateType === undefined) throw new RangeError('a document holds at least one record');
  if (types.size > 1)
    throw new RangeError('one document per operate type: the operate type is in the header');
  const values: Record<HeaderElement, string> = {
    DocumentId: header.documentId,
    OperateType: operateType,
    BusinessActivityIdentification: header.businessActivityIdentification ?? BUSINESS_ACTIVITY_OCCUPATIONAL,
    ReportOrgCode: header.reportOrgCode,
    License: header.license,
    ReportZoneCode: header.reportZoneCode,
  };
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<DataExchange>', `${pad(1)}<Header>`];
  for (const el of Object.keys(HEADER_FIELDS) as HeaderElement[]) out.push(element(2, el, values[el]));
  out.push(`${pad(1)}</Header>`, `${pad(1)}<EventBody>`, `${pad(2)}<HEALTH_EXAM_RECORD_LIST>`);
  for (const record of records) writeRecord(out, record, header);
  out.push(`${pad(2)}</HEALTH_EXAM_RECORD_LIST>`, `${pad(1)}</EventBody>`, '</DataExchange>', '');
  return out.join('\n');
}

/**
 * DocumentId (spec L129–131): 机构编码-业务类别代码-yyyyMMddHHmmssSSS-5位随机码, the time in China
 * Standard Time (UTC+8; the spec names no zone). `random5` is the caller's five random digits.
 */
export function examCardDocumentId(orgCode: string, at: Date, random5: string): string {
  const cst = new Date(at.getTime() + 8 * 3_600_000).toISOString(); // yyyy-MM-ddTHH:mm:ss.SSSZ
  const stamp = cst.slice(0, 23).replace(/\D/g, '');
  return `${orgCode}-${EXAM_CARD_BUSINESS_CODE}-${stamp}-${random5}`;
}

const EXTENSIONS = ['examNo', 'reexamOf', 'chiefPhysician', 'serviceYears', 'serviceMonths'] as const;

/** Drops null, undefined and '' values, deeply (the document cannot tell them from an absent element). */
function withoutEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEmpty);
  if (!isBag(v)) return v;
  const out: Bag = {};
  for (const [k, x] of Object.entries(v))
    if (x !== null && x !== undefined && x !== '') out[k] = withoutEmpty(x);
  return out;
}

/**
 * The part of a card the national document carries: what `parseExamCardXml(writeExamCardXml(...))`
 * gives back. The platform's extensions are dropped and empty optional values become absent.
 */
export function toNationalCard(card: ExamCardInput): ExamCardInput {
  const copy: Bag = { ...card };
  for (const key of EXTENSIONS) delete copy[key];
  return withoutEmpty(copy) as ExamCardInput;
}
