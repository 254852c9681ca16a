/**
 * Reads a list export back (the tests compare it with the list): the xlsx's first sheet (header row,
 * data rows) and its filter sheet as a map, or the csv's rows (UTF-8 with BOM, RFC 4180 quoting).
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db-types.js';

export type ReadExport = {
  headers: string[];
  rows: Array<Array<string | number>>;
  /** The filter sheet (xlsx only): item → value. */
  filter: Map<string, string | number>;
  sheets: number;
};

const cellText = (v: ExcelJS.CellValue): string | number => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return JSON.stringify(v);
};

const sheetRows = (ws: ExcelJS.Worksheet): Array<Array<string | number>> => {
  const out: Array<Array<string | number>> = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    const cells: Array<string | number> = [];
    for (let i = 0; i < ws.columnCount; i++) cells.push(cellText(values[i]));
    out.push(cells);
  });
  return out;
};

const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
};

export const readExport = async (payload: Buffer, format: 'xlsx' | 'csv' = 'xlsx'): Promise<ReadExport> => {
  if (format === 'csv') {
    const text = payload.toString('utf8');
    if (!text.startsWith('\uFEFF')) throw new Error('csv without BOM');
    const [headers = [], ...rows] = parseCsv(text.slice(1));
    return { headers, rows, filter: new Map(), sheets: 1 };
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  const [headers = [], ...rows] = sheetRows(wb.worksheets[0]!);
  const filter = new Map<string, string | number>();
  if (wb.worksheets[1])
    for (const [k, v] of sheetRows(wb.worksheets[1]).slice(1)) filter.set(String(k), v ?? '');
  return { headers: headers.map(String), rows, filter, sheets: wb.worksheets.length };
};

/** The audit entries of an action, oldest first. */
export const auditEntries = (db: Kysely<DB>, action: string) =>
  db
    .selectFrom('audit_log')
    .select(['entity_type', 'entity_id', 'after', 'actor_username'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
