/**
 * Writes tables for download (exports, import templates, rejected-row workbooks) as xlsx or CSV.
 * Text that a spreadsheet would run as a formula — a cell starting with `=`, `+`, `-`, `@`, TAB or CR
 * (OWASP CSV injection) — is written with a leading single quote, so it opens as the text the user
 * typed; the stored value is never changed, and the import reader drops that quote again.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
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
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  for (const sheet of [{ name: sheetName, headers, rows, widths: opts.widths }, ...(opts.extra ?? [])]) {
    const ws = wb.addWorksheet(sheet.name);
    // Text format on every column so codes (credit codes, ID numbers) are never turned into numbers.
    ws.columns = sheet.headers.map((_, i) => ({ width: sheet.widths?.[i] ?? 20, style: { numFmt: '@' } }));
    const head = ws.addRow(sheet.headers.map(neutraliseCell));
    head.font = { bold: true };
    head.commit();
    // Strings are written as shared-string cells (t="s"), never as formulas.
    for (const r of sheet.rows) ws.addRow(r.map(neutraliseCell)).commit();
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
};

const csvField = (v: CellOut): string => {
  const s = v == null ? '' : String(neutraliseCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV in UTF-8 with a BOM (so Excel opens the Chinese text correctly), CRLF line ends. */
export const buildCsv = (headers: string[], rows: CellOut[][]): Buffer => {
  const lines = [headers, ...rows].map((r) => r.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
};
