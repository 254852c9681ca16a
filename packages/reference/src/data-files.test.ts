import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { dataDir, readJson } from './test-helpers';

type GeneratedMeta = { generatedBy: string; sourceFile: string; sourceSha256: string; rowCount: number };

const generated = [
  'industries-gbt4754-2017.json',
  'risk-classes-2021.json',
  'hazard-factors-2015.json',
  'diseases-2013.json',
  'diseases-2024.json',
];

describe('generated data files', () => {
  it.each(generated)('does record the checksum and row count of its CSV when %s was generated', (file) => {
    const { meta, rows } = readJson(file) as { meta: GeneratedMeta; rows: unknown[] };
    const csv = readFileSync(join(dataDir, '..', meta.sourceFile));
    expect(createHash('sha256').update(csv).digest('hex')).toBe(meta.sourceSha256);
    const csvLines =
      csv
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '').length - 1;
    expect(rows).toHaveLength(meta.rowCount);
    // Quoted fields in these CSVs never contain a newline, so lines = records.
    expect(rows).toHaveLength(csvLines);
    expect(meta.generatedBy).toBe('packages/reference/scripts/build-catalogues.ts');
  });

  it('does ship the CSVs as UTF-8 without a byte-order mark when copied', () => {
    for (const file of generated) {
      const { meta } = readJson(file) as { meta: GeneratedMeta };
      const head = readFileSync(join(dataDir, '..', meta.sourceFile)).subarray(0, 3);
      expect(head.equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    }
  });
});
