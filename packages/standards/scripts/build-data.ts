/**
 * Regenerates the JSON data files in data/ from the verbatim CSV copies in datasets/source/.
 *
 *   npx tsx packages/standards/scripts/build-data.ts
 *
 * The CSVs are byte-for-byte copies of the checked transcriptions in the project's research notes
 * (reference-data/ of the shared folder; provenance in datasets/source/PROVENANCE.md and docs/STANDARDS.md).
 * The transformation is mechanical: numbers for numeric cells, null for empty cells, lists for `;`-joined
 * cells, a stable row id and the CSV line number. Each file's `meta` records the SHA-256 of its CSV.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvTable } from '@ohp/reference';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');

function read(name: string) {
  const buf = readFileSync(join(dataDir, 'source', name));
  const table = parseCsvTable(buf.toString('utf8'));
  for (const r of table.records) {
    if (r.width !== table.header.length) throw new Error(`${name} line ${r.line}: ${r.width} cells`);
  }
  return { ...table, sha256: createHash('sha256').update(buf).digest('hex') };
}

function cell(rec: Record<string, string>, key: string): string {
  const v = rec[key];
  if (v === undefined) throw new Error(`missing column ${key}`);
  return v;
}

function num(rec: Record<string, string>, key: string): number | null {
  const v = cell(rec, key);
  if (v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${key}: not a number: ${v}`);
  return n;
}

const list = (v: string): string[] => (v === '' ? [] : v.split(';'));

function write(name: string, csvName: string, sha256: string, rows: unknown[]): void {
  const meta = {
    generatedBy: 'packages/standards/scripts/build-data.ts',
    sourceFile: `datasets/source/${csvName}`,
    sourceSha256: sha256,
    rowCount: rows.length,
  };
  const body = rows.map((r) => '    ' + JSON.stringify(r)).join(',\n');
  writeFileSync(join(dataDir, name), `{\n  "meta": ${JSON.stringify(meta)},\n  "rows": [\n${body}\n  ]\n}\n`);
  console.log(`${name}: ${rows.length} rows`);
}

/** T1-12 for a single-line row; T1-313-1, T1-313-2 … for the lines of a row printed with sub-entries. */
function ids(table: 1 | 2, seqs: number[]): string[] {
  const count = new Map<number, number>();
  for (const s of seqs) count.set(s, (count.get(s) ?? 0) + 1);
  const seen = new Map<number, number>();
  return seqs.map((s) => {
    if (count.get(s) === 1) return `T${table}-${s}`;
    const k = (seen.get(s) ?? 0) + 1;
    seen.set(s, k);
    return `T${table}-${s}-${k}`;
  });
}

{
  const csv = 'oel-chemicals-gbz2.1-2019.csv';
  const { records, sha256 } = read(csv);
  const seqs = records.map((r) => Number(cell(r.cells, 'seq')));
  const rowIds = ids(1, seqs);
  const rows = records.map((r, i) => ({
    id: rowIds[i],
    table: 1,
    seq: seqs[i],
    line: r.line,
    nameZh: cell(r.cells, 'name_zh'),
    nameEn: cell(r.cells, 'name_en'),
    cas: list(cell(r.cells, 'cas')),
    mac: num(r.cells, 'mac'),
    pcTwa: num(r.cells, 'pc_twa'),
    pcStel: num(r.cells, 'pc_stel'),
    criticalEffect: cell(r.cells, 'critical_effect'),
    notes: list(cell(r.cells, 'notes')),
  }));
  write('oel-chemicals-gbz2.1-2019.json', csv, sha256, rows);
}

{
  const csv = 'oel-dusts-gbz2.1-2019.csv';
  const { records, sha256 } = read(csv);
  const seqs = records.map((r) => Number(cell(r.cells, 'seq')));
  const rowIds = ids(2, seqs);
  const rows = records.map((r, i) => ({
    id: rowIds[i],
    table: 2,
    seq: seqs[i],
    line: r.line,
    nameZh: cell(r.cells, 'name_zh'),
    nameEn: cell(r.cells, 'name_en'),
    cas: list(cell(r.cells, 'cas')),
    pcTwaTotal: num(r.cells, 'pc_twa_total'),
    pcTwaRespirable: num(r.cells, 'pc_twa_respirable'),
    criticalEffect: cell(r.cells, 'critical_effect'),
    notes: list(cell(r.cells, 'notes')),
  }));
  write('oel-dusts-gbz2.1-2019.json', csv, sha256, rows);
}

{
  const csv = 'oel-amendments-gbz2.1.csv';
  const { records, sha256 } = read(csv);
  const rows = records.map((r) => ({
    line: r.line,
    cas: cell(r.cells, 'cas'),
    nameZh: cell(r.cells, 'name_zh'),
    field: cell(r.cells, 'field'),
    oldValue: cell(r.cells, 'old_value'),
    newValue: cell(r.cells, 'new_value'),
    amendment: cell(r.cells, 'amendment'),
    effectiveDate: cell(r.cells, 'effective_date') === '' ? null : cell(r.cells, 'effective_date'),
    source: cell(r.cells, 'source'),
  }));
  write('oel-amendments-gbz2.1.json', csv, sha256, rows);
}

{
  const csv = 'hearing-age-correction-gbt7582.csv';
  const { records, sha256 } = read(csv);
  const rows = records.map((r) => ({
    sex: cell(r.cells, 'sex'),
    age: Number(cell(r.cells, 'age')),
    freqHz: Number(cell(r.cells, 'freq_hz')),
    correctionDb: Number(cell(r.cells, 'correction_db')),
  }));
  write('hearing-age-correction-gbt7582.json', csv, sha256, rows);
}
