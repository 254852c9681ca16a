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

/** A one-sheet xlsx, written row by row (exceljs's streaming writer: memory grows with the output only). */
export const buildWorkbook = async (
  sheetName: string,
  headers: string[],
  rows: CellOut[][],
): Promise<Buffer> => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet(sheetName);
  // Text format on every column so codes (credit codes, ID numbers) are never turned into numbers.
  ws.columns = headers.map(() => ({ width: 20, style: { numFmt: '@' } }));
  const head = ws.addRow(headers.map(neutraliseCell));
  head.font = { bold: true };
  head.commit();
  // Strings are written as shared-string cells (t="s"), never as formulas.
  for (const r of rows) ws.addRow(r.map(neutraliseCell)).commit();
  ws.commit();
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
