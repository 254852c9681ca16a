// Test-only helpers: read the shipped CSV/JSON sources next to the generated data.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from './csv';

export const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');

export function readCsv(relativePath: string): Record<string, string>[] {
  return parseCsvRecords(readFileSync(join(dataDir, relativePath), 'utf8'));
}

export function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(dataDir, relativePath), 'utf8')) as unknown;
}
