/**
 * Reads an uploaded table (xlsx, or csv in UTF-8 or GBK) into header-keyed text rows and writes
 * workbooks. Handles the usual spreadsheet traps: full-width characters, Excel dates, long numbers
 * stored as numbers (precision lost), trailing empty rows, header cells with line breaks.
 */
import { parseCsv } from '@ohp/reference';
import ExcelJS from 'exceljs';

export type SheetRow = {
  /** 1-based row number as the user sees it in the spreadsheet. */
  rowNo: number;
  values: Record<string, string>;
  /** Columns whose cell held a number, not text (an 18-digit ID stored as a number has lost digits). */
  numericColumns: Set<string>;
};

export type Sheet = { headers: string[]; rows: SheetRow[] };

/** Full-width ASCII (！…～) and the ideographic space to their half-width forms. */
export const toHalfWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

const clean = (s: string): string => toHalfWidth(s).replace(/\s+/g, ' ').trim();

const ymd = (d: Date): string => d.toISOString().slice(0, 10);

const cellText = (v: ExcelJS.CellValue): { text: string; numeric: boolean } => {
  if (v == null) return { text: '', numeric: false };
  if (v instanceof Date) return { text: ymd(v), numeric: false };
  if (typeof v === 'number') return { text: Number.isInteger(v) ? v.toFixed(0) : String(v), numeric: true };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', numeric: false };
  if (typeof v === 'string') return { text: clean(v), numeric: false };
  if (typeof v === 'object') {
    if ('richText' in v) return { text: clean(v.richText.map((r) => r.text).join('')), numeric: false };
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return { text: clean(String(v.text)), numeric: false };
  }
  return { text: '', numeric: false };
};

const decodeText = (buf: Buffer): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(buf);
  }
};

const build = (grid: Array<{ rowNo: number; cells: Array<{ text: string; numeric: boolean }> }>): Sheet => {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c.text !== ''));
  const head = nonEmpty[0];
  if (!head) return { headers: [], rows: [] };
  const headers = head.cells.map((c) => c.text.replace(/\s+/g, '').replace(/[*＊]/g, ''));
  const rows = nonEmpty.slice(1).map((r) => {
    const values: Record<string, string> = {};
    const numericColumns = new Set<string>();
    headers.forEach((h, i) => {
      if (!h) return;
      const cell = r.cells[i] ?? { text: '', numeric: false };
      values[h] = cell.text;
      if (cell.numeric) numericColumns.add(h);
    });
    return { rowNo: r.rowNo, values, numericColumns };
  });
  return { headers: headers.filter(Boolean), rows };
};

export class SheetError extends Error {}

export const readSheet = async (buf: Buffer, fileName: string): Promise<Sheet> => {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) {
    let cells: string[][];
    try {
      cells = parseCsv(decodeText(buf));
    } catch {
      // A quoted field left open: the file is not valid CSV.
      throw new SheetError('unreadable_file');
    }
    const grid = cells.map((cells, i) => ({
      rowNo: i + 1,
      cells: cells.map((t) => ({ text: clean(t), numeric: false })),
    }));
    return build(grid);
  }
  if (!lower.endsWith('.xlsx')) throw new SheetError('unsupported_file_type');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new SheetError('unreadable_file');
  }
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const grid: Array<{ rowNo: number; cells: Array<{ text: string; numeric: boolean }> }> = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells: Array<{ text: string; numeric: boolean }> = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    grid.push({ rowNo, cells });
  });
  return build(grid);
};

export const writeWorkbook = async (
  sheetName: string,
  headers: string[],
  rows: Array<Array<string | number | null>>,
): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  // Text format on every column so codes (credit codes, ID numbers) are never turned into numbers.
  ws.columns.forEach((col) => {
    col.numFmt = '@';
    col.width = 20;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
};
