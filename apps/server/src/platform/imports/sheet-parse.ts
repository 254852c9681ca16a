/**
 * Reads an uploaded table (xlsx, or csv in UTF-8 or GB18030) into header-keyed text rows, in one
 * linear pass: xlsx through exceljs's streaming parsers (see readXlsx), csv through a streaming decoder and a
 * state machine. Stops as soon as the upload exceeds its row or cell limit. Handles the usual
 * spreadsheet traps: full-width characters, Excel dates, long numbers stored as numbers (precision
 * lost), trailing empty rows, header cells with line breaks, undecodable bytes.
 *
 * Runs inside the sheet worker (sheet-worker.ts) so that a big or hostile file never blocks the HTTP
 * thread; tests call it directly to count its work.
 */
import { isUtf8 } from 'node:buffer';
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';
import unzipper from 'unzipper';

export type SheetRow = {
  /** 1-based row number as the user sees it in the spreadsheet. */
  rowNo: number;
  values: Record<string, string>;
  /** Columns whose cell held a number, not text (an 18-digit ID stored as a number has lost digits). */
  numericColumns: Set<string>;
  /** Columns whose cell holds bytes that no supported encoding decodes (U+FFFD), or a NUL character. */
  undecodableColumns: Set<string>;
  /** Columns whose cell is a formula (xlsx): refused, never imported as the formula's cached result. */
  formulaColumns?: Set<string>;
};

export type Sheet = { headers: string[]; rows: SheetRow[] };

export type SheetLimits = {
  /** Data rows (non-empty rows after the header) per upload. */
  maxRows: number;
  /** Cells per upload: the cell positions present in non-empty rows, header included. */
  maxCells: number;
};

/**
 * What the reader did, for the linearity test: `work` counts every row visited and every cell
 * position examined (including the ones exceljs walks internally for a row), so a hidden rescan
 * would show.
 */
export type SheetStats = { rows: number; cells: number; work: number };

/** Reasons a whole file is refused; the caller turns them into a 400 on the `file` field. */
export type SheetErrorReason =
  | 'unsupported_file_type'
  | 'unreadable_file'
  | 'import_too_many_rows'
  | 'import_too_many_cells'
  | 'import_too_complex';

/** A document door's refusal of the whole file (the national XML: malformed, DOCTYPE, too deep, …). */
export type DocumentRefusalReason = 'malformed_xml' | `xml_${string}`;

export class SheetError extends Error {
  constructor(readonly reason: SheetErrorReason | DocumentRefusalReason) {
    super(reason);
  }
}

/** Full-width ASCII (！…～) and the ideographic space to their half-width forms. */
export const toHalfWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/**
 * The one text normalisation: half-width, runs of white space to one space, trimmed. The SQL function
 * `organisation_name_key` (migration 0003) is the same function; a test compares them.
 */
export const normaliseText = (s: string): string => toHalfWidth(s).replace(/\s+/g, ' ').trim();

/**
 * The characters a spreadsheet treats as the start of a formula (OWASP CSV injection). Exports prefix
 * such a cell with a single quote; the reader removes exactly that quote again, so an exported file
 * imports back to the values as typed.
 */
export const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

// (An xlsx stores a CR as a line feed, so a quote before a line feed is the export's too.)
const unquote = (s: string): string =>
  s[0] === "'" && (FORMULA_TRIGGERS.has(s[1] ?? '') || s[1] === '\n') ? s.slice(1) : s;

const clean = (s: string): string => normaliseText(unquote(s));

const ymd = (d: Date): string => d.toISOString().slice(0, 10);

type Cell = { text: string; numeric: boolean; formula?: boolean };
const EMPTY: Cell = { text: '', numeric: false };

const cellText = (v: ExcelJS.CellValue): Cell => {
  if (v == null) return EMPTY;
  if (v instanceof Date) return { text: ymd(v), numeric: false };
  if (typeof v === 'number') return { text: Number.isInteger(v) ? v.toFixed(0) : String(v), numeric: true };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', numeric: false };
  if (typeof v === 'string') return { text: clean(v), numeric: false };
  if (typeof v === 'object') {
    if ('richText' in v) return { text: clean(v.richText.map((r) => r.text).join('')), numeric: false };
    if ('formula' in v || 'sharedFormula' in v)
      return {
        ...cellText(((v as { result?: unknown }).result ?? null) as ExcelJS.CellValue),
        formula: true,
      };
    if ('text' in v) return { text: clean(String(v.text)), numeric: false };
  }
  return EMPTY;
};

/** Receives data rows in batches while a sheet is read (streamParseSheet); the reader waits for it. */
export type BatchSink = (headers: string[], rows: SheetRow[]) => Promise<void>;

/** Data rows per batch handed to a BatchSink, unless the caller says otherwise. */
export const DEFAULT_BATCH_ROWS = 1000;

/**
 * Turns rows, as they arrive, into the sheet: the first non-empty row is the header; later non-empty
 * rows are data. Counts rows and cells against the limits and throws the moment one is exceeded.
 * With a batch sink, data rows are not kept: they wait in `pending` until the reader hands a full
 * batch to the sink (`flush`), so memory stays flat however long the sheet is.
 */
class SheetBuilder {
  readonly stats: SheetStats = { rows: 0, cells: 0, work: 0 };
  private headers: string[] | null = null;
  /** The header without its empty names: what build() returns and what the sink receives. */
  private named: string[] = [];
  private readonly rows: SheetRow[] = [];
  private pending: SheetRow[] = [];
  /** Set once the sink has thrown, so that the reader passes its error on as it is. */
  sinkFailed = false;

  constructor(
    private readonly limits: SheetLimits,
    private readonly onBatch?: BatchSink,
    private readonly batchRows = DEFAULT_BATCH_ROWS,
  ) {}

  /** `width` is how many cell positions the row holds (what producing `cells` cost). */
  add(rowNo: number, cells: Cell[], width: number): void {
    this.stats.work += 1 + width;
    let nonEmpty = false;
    for (const c of cells)
      if (c.text !== '') {
        nonEmpty = true;
        break;
      }
    if (!nonEmpty) return;
    this.stats.cells += width;
    if (this.stats.cells > this.limits.maxCells) throw new SheetError('import_too_many_cells');
    if (!this.headers) {
      this.headers = cells.map((c) => c.text.replace(/\s+/g, '').replace(/[*＊]/g, ''));
      this.named = this.headers.filter(Boolean);
      return;
    }
    this.stats.rows += 1;
    if (this.stats.rows > this.limits.maxRows) throw new SheetError('import_too_many_rows');
    const values: Record<string, string> = {};
    const numericColumns = new Set<string>();
    const undecodableColumns = new Set<string>();
    const formulaColumns = new Set<string>();
    const headers = this.headers;
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i]!;
      if (!h) continue;
      const cell = cells[i] ?? EMPTY;
      values[h] = cell.text;
      if (cell.numeric) numericColumns.add(h);
      if (cell.formula) formulaColumns.add(h);
      // U+FFFD: bytes no decoder could read; NUL: binary or UTF-16 content (PostgreSQL text cannot hold it).
      if (cell.text.includes('\uFFFD') || cell.text.includes('\u0000')) undecodableColumns.add(h);
    }
    this.stats.work += headers.length;
    (this.onBatch ? this.pending : this.rows).push({
      rowNo,
      values,
      numericColumns,
      undecodableColumns,
      ...(formulaColumns.size && { formulaColumns }),
    });
  }

  /** Whether a full batch waits for the sink (never without one); the reader then awaits flush(). */
  get batchFull(): boolean {
    return this.pending.length >= this.batchRows;
  }

  /** Hands the pending rows to the sink and waits for it. */
  async flush(): Promise<void> {
    if (!this.onBatch || this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    try {
      await this.onBatch(this.named, rows);
    } catch (e) {
      this.sinkFailed = true;
      throw e;
    }
  }

  build(): Sheet & { stats: SheetStats } {
    return { headers: (this.headers ?? []).filter(Boolean), rows: this.rows, stats: this.stats };
  }
}

// ---------- CSV ----------

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030 (a superset of GBK and GB2312). */
export const csvEncoding = (buf: Buffer): 'utf-8' | 'gb18030' => (isUtf8(buf) ? 'utf-8' : 'gb18030');

/**
 * RFC 4180 CSV (`\n`, `\r\n` or `\r` line ends, `"` quoting with `""` escapes), the same grammar as
 * @ohp/reference parseCsv, read chunk by chunk. Bytes that are not GB18030 decode to U+FFFD, which the
 * builder reports per cell; a quoted field left open makes the file unreadable. With a batch sink it
 * waits for the sink after the record that fills a batch (not per chunk: a chunk of short records
 * holds many batches).
 */
const readCsv = async (buf: Buffer, builder: SheetBuilder, chunk: number): Promise<void> => {
  const decoder = new TextDecoder(csvEncoding(buf), { ignoreBOM: false });
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let quotePending = false; // a `"` inside quotes: closes the field, or starts `""`
  let crPending = false; // a `\r` line end: a following `\n` belongs to it
  let recordNo = 0;
  const endRecord = () => {
    row.push(field);
    recordNo += 1;
    const cells = row.map((t) => ({ text: clean(t), numeric: false }));
    builder.add(recordNo, cells, cells.length);
    row = [];
    field = '';
  };
  for (let offset = 0; offset < buf.length || offset === 0; offset += chunk) {
    const last = offset + chunk >= buf.length;
    const text = decoder.decode(buf.subarray(offset, offset + chunk), { stream: !last });
    builder.stats.work += text.length;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (crPending) {
        crPending = false;
        if (ch === '\n') continue;
      }
      if (quotePending) {
        quotePending = false;
        if (ch === '"') {
          field += '"';
          continue;
        }
        inQuotes = false;
      }
      if (inQuotes) {
        if (ch === '"') quotePending = true;
        else field += ch;
      } else if (ch === '"') inQuotes = true;
      else if (ch === ',') {
        row.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        crPending = ch === '\r';
        endRecord();
        if (builder.batchFull) await builder.flush();
      } else field += ch;
    }
    if (last) break;
  }
  if (quotePending) inQuotes = false;
  if (inQuotes) throw new SheetError('unreadable_file');
  if (field !== '' || row.length > 0) endRecord();
};

// ---------- xlsx ----------

type StreamingSheet = AsyncIterable<ExcelJS.Row>;
type Chunks = AsyncIterable<Buffer | string>;
/** The parts of exceljs's streaming reader this reader drives (exceljs 4.4, lib/stream/xlsx/workbook-reader.js). */
type ReaderInternals = {
  model?: { sheets?: Array<{ id?: number | string; rId?: string }> };
  workbookRels?: Array<{ Id?: string; Target?: string }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<{ eventType: string; value: StreamingSheet }>;
};

/** Decodes UTF-8 across chunk boundaries (a character split between two chunks stays whole). */
async function* utf8Text(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const text = typeof c === 'string' ? c : decoder.write(c);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Reads the first sheet of the workbook through exceljs's streaming parsers, opening the zip by its
 * central directory (the whole file is in memory) instead of exceljs's own front-to-back walk:
 *
 * - exceljs 4.4 walks the zip's entries with an iterator (utils/iterate-stream.js) that now and then
 *   loses entries — xl/workbook.xml (a TypeError) or, silently, xl/sharedStrings.xml (every text cell
 *   empty: the header row vanished and the first data row became the header; seen in CI, and on a
 *   third of the reads of a zip whose workbook part comes last). Read by name, no part can be missed;
 *   the test reads such a zip hundreds of times.
 * - The parts a sheet needs (relationships, workbook, shared strings, styles) are read first, whatever
 *   their order in the zip, so no sheet is spilled to a temporary file, and only the first sheet (the
 *   workbook's first, not the zip's) is inflated at all.
 * - Sheet and shared-strings text is decoded across chunks: exceljs decodes each inflated chunk on its
 *   own, so a Chinese character that straddles two chunks became "\uFFFD\uFFFD".
 */
const readXlsx = async (buf: Buffer, builder: SheetBuilder): Promise<void> => {
  const dir = await unzipper.Open.buffer(buf);
  const parts = new Map(dir.files.filter((f) => f.type === 'File').map((f) => [f.path, f]));
  const open = (path: string): Readable | undefined => parts.get(path)?.stream();
  const Excel = await loadExcel();
  const reader = new Excel.stream.xlsx.WorkbookReader(new PassThrough(), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell dates from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderInternals;
  const rels = open('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(rels);
  const workbook = open('xl/workbook.xml');
  if (workbook) await reader._parseWorkbook(workbook);
  const strings = open('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(Readable.from(utf8Text(strings)))) void _;
  const styles = open('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  // The workbook's first sheet: its relationship's target; else the first sheet part in the zip.
  const firstRel = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((r) => r.Id === firstRel)?.Target?.replace(/^\/?(xl\/)?/, 'xl/');
  const path =
    target !== undefined && SHEET_PATH.test(target) && parts.has(target)
      ? target
      : [...parts.keys()].find((k) => SHEET_PATH.test(k));
  if (path === undefined) return;
  const sheetNo = SHEET_PATH.exec(path)![1]!;
  let sheet: StreamingSheet | undefined;
  for (const event of reader._parseWorksheet(utf8Text(open(path)!), sheetNo))
    if (event.eventType === 'worksheet') sheet = event.value;
  if (!sheet) return;
  for await (const row of sheet) {
    const values = row.values as ExcelJS.CellValue[];
    const width = row.cellCount;
    const cells: Cell[] = new Array<Cell>(Math.max(values.length - 1, 0));
    for (let c = 1; c < values.length; c++) cells[c - 1] = cellText(values[c]);
    builder.add(row.number, cells, width);
    if (builder.batchFull) await builder.flush();
  }
};

/** Reads the file into the builder, the rest of a batch included; SheetError for a refused file. */
const readInto = async (
  buf: Buffer,
  fileName: string,
  builder: SheetBuilder,
  csvChunkBytes: number,
): Promise<void> => {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) await readCsv(buf, builder, csvChunkBytes);
  else if (lower.endsWith('.xlsx')) {
    try {
      await readXlsx(buf, builder);
    } catch (e) {
      // The sink's own error passes as it is (it is not the file's fault).
      if (e instanceof SheetError || builder.sinkFailed) throw e;
      throw new SheetError('unreadable_file');
    }
  } else throw new SheetError('unsupported_file_type');
  await builder.flush();
};

/** Parses in the current thread. The server calls it through readSheet (sheet.ts), in a worker. */
export const parseSheet = async (
  buf: Buffer,
  fileName: string,
  limits: SheetLimits,
  /** How many bytes the CSV decoder takes at a time (tests split files at every position). */
  opts: { csvChunkBytes?: number } = {},
): Promise<Sheet & { stats: SheetStats }> => {
  const builder = new SheetBuilder(limits);
  await readInto(buf, fileName, builder, opts.csvChunkBytes ?? 1 << 20);
  return builder.build();
};

/**
 * Parses in the current thread and hands the data rows to `onBatch`, `batchRows` at a time (the last
 * batch may be shorter), waiting for it before reading on: the rows are never all in memory. The
 * header is the one parseSheet returns. A refused file throws SheetError after the batches before the
 * refusal were handed over; an error of `onBatch` ends the read and is thrown as it is. The server
 * calls it through streamSheet (sheet.ts), in a worker.
 */
export const streamParseSheet = async (
  buf: Buffer,
  fileName: string,
  limits: SheetLimits,
  onBatch: BatchSink,
  opts: { csvChunkBytes?: number; batchRows?: number } = {},
): Promise<{ headers: string[]; total: number; stats: SheetStats }> => {
  const batchRows = opts.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1)
    throw new RangeError(`batchRows must be ≥ 1: ${batchRows}`);
  const builder = new SheetBuilder(limits, onBatch, batchRows);
  await readInto(buf, fileName, builder, opts.csvChunkBytes ?? 1 << 20);
  const { headers, stats } = builder.build();
  return { headers, total: stats.rows, stats };
};
