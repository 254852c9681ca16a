/**
 * Minimal RFC 4180 CSV reader for the catalogue files in data/csv (UTF-8, `\n` or `\r\n`, `"` quoting
 * with `""` escapes). Used by the generator scripts and by the tests that compare shipped JSON with its
 * CSV; the runtime API never parses CSV.
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
