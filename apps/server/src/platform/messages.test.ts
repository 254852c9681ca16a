import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { reasonMessages } from '@ohp/contracts';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });

describe('error reasons', () => {
  it('have a Chinese and an English message for every reason the server sends', () => {
    const source = files(join(import.meta.dirname, '..'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    // Reasons appear as `reason: '…'`, `new AppError('code', '…'` or `sendError(…, '…')` in the server.
    const found = new Set<string>();
    for (const m of source.matchAll(/(?<![a-z_])reason: '([a-z_]+)'/g)) found.add(m[1]!);
    for (const m of source.matchAll(/new AppError\('[a-z_]+', '([a-z_]+)'/g)) found.add(m[1]!);
    for (const m of source.matchAll(/sendError\(reply, req, '[a-z_]+', '([a-z_]+)'\)/g)) found.add(m[1]!);
    expect(found.size).toBeGreaterThan(20);
    const missing = [...found].filter((r) => !reasonMessages[r]?.['zh-CN'] || !reasonMessages[r]?.en);
    expect(missing).toEqual([]);
  });
});
