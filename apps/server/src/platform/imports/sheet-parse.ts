/**
 * Reads an uploaded table (xlsx, or csv in UTF-8 or GB18030) into header-keyed text rows, in one
 * linear pass: xlsx through exceljs's streaming WorkbookReader, csv through a streaming decoder and a
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
import ExcelJS from 'exceljs';

export type SheetRow = {
  /** 1-based row number as the user sees it in the spreadsheet. */
  rowNo: number;
  values: Record<string, string>;
  /** Columns whose cell held a number, not text (an 18-digit ID stored as a number has lost digits). */
  numericColumns: Set<string>;
  /** Columns whose cell holds bytes that no supported encoding decodes (U+FFFD), or a NUL character. */
  undecodableColumns: Set<string>;
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

export class SheetError extends Error {
  constructor(readonly reason: SheetErrorReason) {
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

type Cell = { text: string; numeric: boolean };
const EMPTY: Cell = { text: '', numeric: false };

const cellText = (v: ExcelJS.CellValue): Cell => {
  if (v == null) return EMPTY;
  if (v instanceof Date) return { text: ymd(v), numeric: false };
  if (typeof v === 'number') return { text: Number.isInteger(v) ? v.toFixed(0) : String(v), numeric: true };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', numeric: false };
  if (typeof v === 'string') return { text: clean(v), numeric: false };
  if (typeof v === 'object') {
    if ('richText' in v) return { text: clean(v.richText.map((r) => r.text).join('')), numeric: false };
    if ('result' in v) return cellText(v.result);
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
  /** Set once a batch went to the sink: the read can no longer be started again. */
  delivered = false;

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
    const headers = this.headers;
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i]!;
      if (!h) continue;
      const cell = cells[i] ?? EMPTY;
      values[h] = cell.text;
      if (cell.numeric) numericColumns.add(h);
      // U+FFFD: bytes no decoder could read; NUL: binary or UTF-16 content (PostgreSQL text cannot hold it).
      if (cell.text.includes('\uFFFD') || cell.text.includes('\u0000')) undecodableColumns.add(h);
    }
    this.stats.work += headers.length;
    (this.onBatch ? this.pending : this.rows).push({ rowNo, values, numericColumns, undecodableColumns });
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
    this.delivered = true;
    try {
      await this.onBatch(this.named, rows);
    } catch (e) {
      this.sinkFailed = true;
      throw e;
    }
  }

  /** Forgets what was read, for a read started again from the top (nothing delivered yet). */
  reset(): void {
    Object.assign(this.stats, { rows: 0, cells: 0, work: 0 });
    this.headers = null;
    this.named = [];
    this.rows.length = 0;
    this.pending = [];
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

type StreamingSheet = AsyncIterable<ExcelJS.Row> & { id?: number | string };
type Chunks = AsyncIterable<Buffer | string>;
type ReaderInternals = {
  model?: { sheets?: Array<{ id?: number | string }> };
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
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

const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/**
 * exceljs's streaming reader decodes every inflated chunk of a sheet or of the shared strings on its
 * own, so a Chinese character that straddles two chunks becomes "\uFFFD\uFFFD". This reader hands
 * it text decoded across chunks instead (its XML parser takes strings as they are).
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseWorksheet(iterator: Chunks, sheetNo: string) {
    return base._parseWorksheet.call(this, utf8Text(iterator), sheetNo);
  }

  _parseSharedStrings(entry: NodeJS.ReadableStream) {
    return base._parseSharedStrings.call(this, Readable.from(utf8Text(entry as unknown as Chunks)));
  }
}

const readXlsx = async (buf: Buffer, builder: SheetBuilder): Promise<void> => {
  const input = new PassThrough();
  input.end(buf);
  const reader = new Utf8WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell dates from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let done = false;
  for await (const sheet of reader as unknown as AsyncIterable<StreamingSheet>) {
    // The workbook's first sheet (its id once workbook.xml has been read, as exceljs sets the sheet's).
    const first = (reader as unknown as ReaderInternals).model?.sheets?.[0]?.id;
    const take = !done && (first === undefined || String(sheet.id) === String(first));
    // Other sheets are read to their end without looking at them: exceljs deletes the temporary
    // file it may have spilled a sheet to only once the sheet has been read.
    for await (const row of sheet) {
      if (!take) continue;
      const values = row.values as ExcelJS.CellValue[];
      const width = row.cellCount;
      const cells: Cell[] = new Array<Cell>(Math.max(values.length - 1, 0));
      for (let c = 1; c < values.length; c++) cells[c - 1] = cellText(values[c]);
      builder.add(row.number, cells, width);
      if (builder.batchFull) await builder.flush();
    }
    if (take) done = true;
  }
};

const XLSX_READ_ATTEMPTS = 3;

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
    for (let attempt = 1; ; attempt++) {
      try {
        await readXlsx(buf, builder);
        break;
      } catch (e) {
        // The sink's own error passes as it is (it is not the file's fault).
        if (e instanceof SheetError || builder.sinkFailed) throw e;
        // exceljs 4.4's streaming reader now and then loses xl/workbook.xml to a race in its stream
        // handling ("Cannot read properties of undefined (reading 'sheets')" on a valid file, about one
        // read in a thousand, more under load). The file is read again from the top while no row has
        // left the reader; a file that fails three times is unreadable.
        if (attempt < XLSX_READ_ATTEMPTS && e instanceof TypeError && !builder.delivered) {
          builder.reset();
          continue;
        }
        throw new SheetError('unreadable_file');
      }
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
