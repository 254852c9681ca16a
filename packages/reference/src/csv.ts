/**
 * The project's one RFC 4180 CSV reader (UTF-8 text, `\n` or `\r\n`, `"` quoting with `""` escapes),
 * used by the catalogue generators and their tests, by the standards engine's administrator imports
 * and by the server's upload reader. Throws on a quoted field left open: callers reading user files
 * turn that into a validation error.
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

/** Parses a CSV with a header line into records keyed by the header; every line must have all columns. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...lines] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  return lines.map((cells, i) => {
    if (cells.length !== header.length) {
      throw new Error(`CSV line ${i + 2}: ${cells.length} cells, header has ${header.length}`);
    }
    const record: Record<string, string> = {};
    header.forEach((name, j) => {
      record[name] = cells[j] ?? '';
    });
    return record;
  });
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
