/**
 * Minimal RFC 4180 CSV reader (UTF-8, `\n` or `\r\n`, `"` quoting with `""` escapes), used by the data
 * generator and by the administrators' import functions (which receive the uploaded text from the server).
 * Pure: no I/O.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (inQuotes) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Header + records; `line` is the 1-based line number in the text (header = line 1). */
export type CsvTable = {
  header: string[];
  records: { line: number; cells: Record<string, string>; width: number }[];
};

export function parseCsvTable(text: string): CsvTable {
  const [header, ...lines] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return { header: [], records: [] };
  return {
    header,
    records: lines
      .map((cells, i) => {
        const record: Record<string, string> = {};
        header.forEach((name, j) => {
          record[name] = cells[j] ?? '';
        });
        return { line: i + 2, cells: record, width: cells.length };
      })
      .filter((r) => !(r.width === 1 && r.cells[header[0] ?? ''] === '')),
  };
}
