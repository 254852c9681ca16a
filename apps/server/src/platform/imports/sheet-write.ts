/**
 * Writes tables for download (exports, import templates, rejected-row workbooks) as xlsx or CSV.
 * Text that a spreadsheet would run as a formula — a cell starting with `=`, `+`, `-`, `@`, TAB or CR
 * (OWASP CSV injection) — is written with a leading single quote, so it opens as the text the user
 * typed; the stored value is never changed, and the import reader drops that quote again.
 *
 * Two ways: `buildWorkbook` / `buildCsv` make one Buffer (templates, rejected-row workbooks: small), and
 * `streamWorkbook` / `streamCsv` write an export while its rows are still being read, page by page,
 * into a stream the route sends (memory flat in the number of rows; see streamWorkbook).
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';
import { FORMULA_TRIGGERS } from './sheet-parse.js';

export type CellOut = string | number | null;

/** A text cell that a spreadsheet would evaluate gets a leading `'`; everything else is left alone. */
export const neutraliseCell = <T extends CellOut>(v: T): T | string =>
  typeof v === 'string' && FORMULA_TRIGGERS.has(v[0] ?? '') ? `'${v}` : v;

/** A further sheet of a workbook (e.g. the filter an export was made with). */
export type SheetOut = { name: string; headers: string[]; rows: CellOut[][]; widths?: number[] };

export type WorkbookOptions = {
  /** Column widths of the first sheet (characters); 20 each when not given. */
  widths?: number[];
  /** Sheets after the first, written the same way (text format, neutralised cells). */
  extra?: SheetOut[];
};

/**
 * An xlsx of one sheet (and optionally more after it), written row by row (exceljs's streaming
 * writer: memory grows with the output only).
 */
export const buildWorkbook = async (
  sheetName: string,
  headers: string[],
  rows: CellOut[][],
  opts: WorkbookOptions = {},
): Promise<Buffer> => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  });
  for (const sheet of [{ name: sheetName, headers, rows, widths: opts.widths }, ...(opts.extra ?? [])]) {
    const ws = openSheet(wb, sheet);
    // Strings are written as shared-string cells (t="s"), never as formulas.
    for (const r of sheet.rows) ws.addRow(r.map(neutraliseCell)).commit();
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
};

type Sheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

/** Adds a sheet with its column widths, the text format on every column and the bold header row. */
const openSheet = (
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: { name: string; headers: string[]; widths?: number[] },
): Sheet => {
  const ws = wb.addWorksheet(sheet.name);
  // Text format on every column so codes (credit codes, ID numbers) are never turned into numbers.
  ws.columns = sheet.headers.map((_, i) => ({ width: sheet.widths?.[i] ?? 20, style: { numFmt: '@' } }));
  const head = ws.addRow(sheet.headers.map(neutraliseCell));
  head.font = { bold: true };
  head.commit();
  return ws;
};

const csvField = (v: CellOut): string => {
  const s = v == null ? '' : String(neutraliseCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const csvLine = (r: CellOut[]): string => r.map(csvField).join(',');

/** RFC 4180 CSV in UTF-8 with a BOM (so Excel opens the Chinese text correctly), CRLF line ends. */
export const buildCsv = (headers: string[], rows: CellOut[][]): Buffer => {
  const lines = [headers, ...rows].map(csvLine);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
};

// ---------------------------------------------------------------------------------------------------
// Streaming exports

/**
 * The rows of an export as pages (e.g. 1,000 rows read by one keyset query each). The writer asks for
 * the next page only when the reader of the stream has taken what it wrote, and stops asking (calls
 * the iterator's `return`) when that reader has gone.
 */
export type RowPages = AsyncIterable<CellOut[][]>;

/** The first sheet of a streamed workbook; its rows come from the pages. */
export type StreamedSheet = { name: string; headers: string[]; widths?: number[] };

/** Bytes the stream buffers before the writer waits for its reader (the HTTP response). */
const STREAM_HIGH_WATER_MARK = 64 * 1024;
/**
 * Row XML the workbook writer may hold that its zip has not compressed yet before the writer waits: a
 * page is written in one go, so this is what bounds the memory of a slow download to about one page.
 */
const XLSX_BACKLOG_BYTES = 1024 * 1024;
/** Rows of xlsx written between two turns of the event loop (a few milliseconds of work). */
const XLSX_SLICE_ROWS = 100;

/** Resolves once `out` wants more data again, or has gone (closed or destroyed). */
const drained = (out: Writable): Promise<void> =>
  new Promise((resolve) => {
    if (!out.writableNeedDrain || out.destroyed) return resolve();
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });

/** Whether `out` can no longer be written to (its reader went away, or it failed). */
const gone = (out: Writable): boolean => out.destroyed || out.writableEnded;

/**
 * Runs the writer in the background. A failure — a page that could not be read, a writer error — ends
 * the stream with that error: before the first byte the route still answers with the error shape
 * (Fastify sees the error before any header), after it the connection is closed and the client is left
 * with a truncated file (Fastify logs the error; sendDownload logs it too).
 */
const pump = (out: PassThrough, write: () => Promise<void>): void => {
  write().catch((err: unknown) => {
    if (!out.destroyed) out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
};

/** An RFC 4180 CSV export (as buildCsv, byte for byte) written page by page. */
export const streamCsv = (headers: string[], pages: RowPages): Readable => {
  const out = new PassThrough({ highWaterMark: STREAM_HIGH_WATER_MARK });
  pump(out, async () => {
    out.write(`\uFEFF${csvLine(headers)}\r\n`);
    for await (const page of pages) {
      if (page.length) out.write(`${page.map(csvLine).join('\r\n')}\r\n`);
      // The next page is read once the reader has taken this one; leaving the loop ends the reads.
      await drained(out);
      if (gone(out)) return;
    }
    out.end();
  });
  return out;
};

/**
 * The row XML that exceljs's streaming writer holds for a sheet and its zip has not taken yet. exceljs
 * writes rows into the sheet's buffer and from there into the zip's compressor without waiting for
 * either (its buffer ignores backpressure), so this is read from the writer's parts: the buffer's
 * chunks of 64 KiB and what the streams it feeds still hold. 0 when the parts are not where exceljs
 * 4.4 keeps them (then only the HTTP side's backpressure is respected).
 */
const xlsxBacklog = (ws: Sheet): number => {
  const buf = (ws as unknown as { stream?: { buffers?: unknown[]; pipes?: unknown[]; bufSize?: number } })
    .stream;
  if (!buf || !Array.isArray(buf.buffers) || !Array.isArray(buf.pipes)) return 0;
  let n = buf.buffers.length * (buf.bufSize ?? 65_536);
  // archiver wraps the buffer in a PassThrough of readable-stream 2 (no writableLength): its states.
  type Held = { _writableState?: { length?: number }; _readableState?: { length?: number } };
  for (const p of buf.pipes as Held[]) n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0);
  return n;
};

/** Resolves once the sheet's writer has handed its row XML on (or `out` has gone). */
const xlsxSettled = async (ws: Sheet, out: Writable): Promise<void> => {
  while (xlsxBacklog(ws) > XLSX_BACKLOG_BYTES && !gone(out)) {
    await drained(out);
    // The compressor works off the thread pool and reports no event we could wait for here.
    await new Promise((r) => setTimeout(r, 2));
  }
  await drained(out);
};

/**
 * An xlsx export written while its rows are read: the first sheet (the data) filled page by page,
 * then the sheets `after()` returns — written once the data is complete, so a filter sheet can hold the
 * counts of what was written. The same workbook as buildWorkbook (sheets, widths, text format, bold
 * header, neutralised cells), except that strings are written into the cells (inline, `t="str"`)
 * rather than into a shared-string table, which would hold every distinct string until the end (so an
 * empty text becomes an empty cell).
 * Memory stays flat in the row count: one page, the writer's compressor and the stream's buffer;
 * the writer waits for the reader before it asks for the next page.
 */
export const streamWorkbook = (
  sheet: StreamedSheet,
  pages: RowPages,
  after: () => SheetOut[] = () => [],
): Readable => {
  const out = new PassThrough({ highWaterMark: STREAM_HIGH_WATER_MARK });
  pump(out, async () => {
    const Excel = await loadExcel();
    const wb = new Excel.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const zip = (wb as unknown as { zip: NodeJS.EventEmitter & { abort: () => void } }).zip;
    zip.on('error', (err: Error) => out.destroy(err));
    // The reader went away: no more zip output (exceljs would go on writing into a closed stream).
    out.once('close', () => {
      if (!out.writableFinished) zip.abort();
    });
    const ws = openSheet(wb, sheet);
    for await (const page of pages) {
      // A page's XML is written in slices with a turn of the event loop between them: writing 1,000
      // rows at once would hold this (the HTTP) thread for tens of milliseconds.
      for (let i = 0; i < page.length; i += XLSX_SLICE_ROWS) {
        if (i) await new Promise((r) => setImmediate(r));
        for (const r of page.slice(i, i + XLSX_SLICE_ROWS)) ws.addRow(r.map(neutraliseCell)).commit();
      }
      await xlsxSettled(ws, out);
      if (gone(out)) return;
    }
    ws.commit();
    for (const extra of after()) {
      const xs = openSheet(wb, extra);
      for (const r of extra.rows) xs.addRow(r.map(neutraliseCell)).commit();
      xs.commit();
    }
    if (gone(out)) return;
    // Resolves when the zip has been written into `out` to its end; the reader leaving ends the wait.
    await Promise.race([wb.commit(), new Promise((r) => out.once('close', r))]);
  });
  return out;
};
