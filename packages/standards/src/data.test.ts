import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chemicalLimitRows,
  dustLimitRows,
  amendmentLines,
  defaultAmendments,
  missingLimitRows,
  oelDataMeta,
} from './oel-data';
import { ageCorrectionMeta, ageCorrectionRows } from './hearing';
import { dataDir, readBytes, readSourceCsv } from './test-helpers';

const num = (v: string | undefined) => (v === '' || v === undefined ? null : Number(v));
const list = (v: string | undefined) => (v === '' || v === undefined ? [] : v.split(';'));

/** Row ids as the generator is specified to give them: T2-23, or T2-40-1 … when a 序号 has several lines. */
function expectedIds(table: 1 | 2, seqs: number[]): string[] {
  const seen = new Map<number, number>();
  return seqs.map((s) => {
    if (seqs.filter((x) => x === s).length === 1) return `T${table}-${s}`;
    const k = (seen.get(s) ?? 0) + 1;
    seen.set(s, k);
    return `T${table}-${s}-${k}`;
  });
}

describe('shipped data', () => {
  it('does load every GBZ 2.1-2019 表1 line exactly as the CSV gives it', () => {
    const csv = readSourceCsv('oel-chemicals-gbz2.1-2019.csv');
    expect(chemicalLimitRows).toHaveLength(362);
    expect(csv.records).toHaveLength(362);
    const ids = expectedIds(
      1,
      csv.records.map((r) => Number(r.cells.seq)),
    );
    csv.records.forEach((r, i) => {
      const row = chemicalLimitRows[i];
      // every field of the loaded row, nothing more: a field added to the data without a test fails here
      expect(row).toStrictEqual({
        id: ids[i],
        table: 1,
        line: r.line,
        seq: Number(r.cells.seq),
        nameZh: r.cells.name_zh,
        nameEn: r.cells.name_en,
        cas: list(r.cells.cas),
        mac: num(r.cells.mac),
        pcTwa: num(r.cells.pc_twa),
        pcStel: num(r.cells.pc_stel),
        criticalEffect: r.cells.critical_effect,
        notes: list(r.cells.notes),
      });
    });
    expect(new Set(chemicalLimitRows.map((r) => r.seq)).size).toBe(353);
  });

  it('does load every GBZ 2.1-2019 表2 line exactly as the CSV gives it', () => {
    const csv = readSourceCsv('oel-dusts-gbz2.1-2019.csv');
    expect(dustLimitRows).toHaveLength(29);
    expect(csv.records).toHaveLength(29);
    const ids = expectedIds(
      2,
      csv.records.map((r) => Number(r.cells.seq)),
    );
    csv.records.forEach((r, i) => {
      // every field of the loaded row, nothing more: a field added to the data without a test fails here
      expect(dustLimitRows[i]).toStrictEqual({
        id: ids[i],
        table: 2,
        line: r.line,
        seq: Number(r.cells.seq),
        nameZh: r.cells.name_zh,
        nameEn: r.cells.name_en,
        cas: list(r.cells.cas),
        pcTwaTotal: num(r.cells.pc_twa_total),
        pcTwaRespirable: num(r.cells.pc_twa_respirable),
        criticalEffect: r.cells.critical_effect,
        notes: list(r.cells.notes),
      });
    });
    expect(new Set(dustLimitRows.map((r) => r.seq)).size).toBe(24);
  });

  it.each([
    [1, 358, chemicalLimitRows, 5],
    [2, 49, dustLimitRows, 25],
  ] as const)(
    'does list every GBZ 2.1-2019 表%i row that is not loaded as missing, and no loaded row (1–%i)',
    (table, total, rows, missingCount) => {
      const loaded = new Set(rows.map((r) => r.seq));
      const missing = missingLimitRows.filter((m) => m.table === table).map((m) => m.seq);
      expect(missing).toHaveLength(missingCount);
      expect(missing.filter((s) => loaded.has(s))).toEqual([]);
      expect([...loaded, ...missing].sort((a, b) => a - b)).toEqual(
        Array.from({ length: total }, (_, i) => i + 1),
      );
    },
  );

  it('does name the rows most judged in practice among the missing 表2 rows (not filled from memory)', () => {
    const byName = (n: string) => missingLimitRows.find((m) => m.table === 2 && m.nameZh === n)?.seq;
    // 序号 as in the research notes' 49-name index of 表2
    expect([byName('煤尘'), byName('水泥粉尘'), byName('电焊烟尘'), byName('其他粉尘')]).toEqual([
      23, 36, 6, 49,
    ]);
    for (const m of missingLimitRows) expect(m.reason.length).toBeGreaterThan(0);
  });

  it('does give unique row ids with sub-entry suffixes when a 序号 has several lines', () => {
    const ids = [...chemicalLimitRows, ...dustLimitRows].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('T1-12');
    expect(ids).toEqual(expect.arrayContaining(['T1-313-1', 'T1-313-2', 'T1-313-3', 'T2-40-1', 'T2-40-3']));
  });

  it('does load the amendment lines and the age-correction table as the CSVs give them', () => {
    const am = readSourceCsv('oel-amendments-gbz2.1.csv');
    expect(amendmentLines.map((l) => [l.cas, l.field, l.oldValue, l.newValue, l.amendment])).toEqual(
      am.records.map((r) => [
        r.cells.cas,
        r.cells.field,
        r.cells.old_value,
        r.cells.new_value,
        r.cells.amendment,
      ]),
    );
    // No official notice of either amendment's date was found (docs/STANDARDS.md §1): both stay unset,
    // and only an administrator sets them.
    expect(amendmentLines.every((l) => l.effectiveDate === null)).toBe(true);
    expect(defaultAmendments.map((a) => [a.id, a.effectiveFrom, a.confirmed])).toEqual([
      ['GBZ 2.1—2019 第1号修改单', null, false],
      ['GBZ 2.1—2019 第2号修改单', null, false],
    ]);
    const age = readSourceCsv('hearing-age-correction-gbt7582.csv');
    expect(ageCorrectionRows.map((r) => [r.sex, r.age, r.freqHz, r.correctionDb])).toEqual(
      age.records.map((r) => [
        r.cells.sex,
        Number(r.cells.age),
        Number(r.cells.freq_hz),
        Number(r.cells.correction_db),
      ]),
    );
  });

  it.each([
    ['chemicals', oelDataMeta.chemicals],
    ['dusts', oelDataMeta.dusts],
    ['amendments', oelDataMeta.amendments],
    ['age correction', ageCorrectionMeta],
  ])('does record the checksum of the CSV the %s JSON was generated from', (_name, meta) => {
    const bytes = readBytes(meta.sourceFile.replace(/^datasets\//, ''));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(meta.sourceSha256);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(meta.generatedBy).toBe('packages/standards/scripts/build-data.ts');
    expect(dataDir).toMatch(/standards[\\/]datasets$/);
  });

  it('does ship the CSVs byte-identical to the checked transcriptions (SHA-256 recorded in PROVENANCE.md)', () => {
    const expected: Record<string, string> = {
      'oel-chemicals-gbz2.1-2019.csv': 'ea13d175686aee911987518c937a8b4f187a3feffc872956a4ad40ba09e547a6',
      'oel-dusts-gbz2.1-2019.csv': '19982a0cdbef7374e410ad75ce71b7047f7ff59a1f6b389794bf370e438c43ed',
      'oel-amendments-gbz2.1.csv': '44b963dcdafb9101dcfc6b96416959a8200e2e4e3f71972246231565618fc9bc',
      'hearing-age-correction-gbt7582.csv':
        '9e53ac35485bb601e991c117894314b9255dc0c609e90c32046e206fce997a22',
    };
    for (const [file, sha] of Object.entries(expected)) {
      expect(
        createHash('sha256')
          .update(readBytes(`source/${file}`))
          .digest('hex'),
      ).toBe(sha);
    }
  });

  it('does title every amendment once in Chinese and once in English', () => {
    const han = /\p{Script=Han}/u;
    for (const a of defaultAmendments) {
      expect(a.titleZh).toMatch(han);
      // English titles name substances in English: no Chinese characters
      expect(a.titleEn).not.toMatch(han);
      expect(a.titleEn.length).toBeGreaterThan(0);
      expect(a.title).toBe(a.titleZh); // deprecated alias
    }
  });
});
