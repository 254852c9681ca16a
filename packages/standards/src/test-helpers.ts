// Test-only helpers: read the shipped CSV sources next to the generated data.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseCsvTable } from '@ohp/reference';
import type { ErrorResult } from './rules';
import type { Lang, Msg } from './messages';
import { renderMsg } from './messages';

export const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');

export function readSourceCsv(name: string) {
  return parseCsvTable(readFileSync(join(dataDir, 'source', name), 'utf8'));
}

export function readBytes(relative: string): Buffer {
  return readFileSync(join(dataDir, relative));
}

/** Narrows a result to its non-error branch, failing the test with the reasons otherwise. */
export function ok<T extends { verdict: string }>(r: T | ErrorResult): Exclude<T, ErrorResult> {
  if (r.verdict === 'error')
    expect.fail(`unexpected error: ${(r as ErrorResult).reasons.map((m) => renderMsg(m, 'en')).join('; ')}`);
  return r as Exclude<T, ErrorResult>;
}

export function err(r: { verdict: string }): ErrorResult {
  expect(r.verdict).toBe('error');
  return r as ErrorResult;
}

/** The reasons of a result as text in `lang` (English by default), one entry per reason. */
export function texts(r: { reasons: readonly Msg[] }, lang: Lang = 'en'): string[] {
  return r.reasons.map((m) => renderMsg(m, lang));
}

/** The reasons of a result as one text, joined with " | ". */
export function text(r: { reasons: readonly Msg[] }, lang: Lang = 'en'): string {
  return texts(r, lang).join(' | ');
}
