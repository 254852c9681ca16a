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

  it('are defined once: no module message file repeats a reason another file defines', () => {
    const dir = join(import.meta.dirname, '../../../../packages/contracts/src');
    const keys = new Map<string, string[]>();
    for (const f of readdirSync(dir).filter((n) => n === 'messages.ts' || n.endsWith('.messages.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/^ {2}([a-z_]+): \{/gm)) keys.set(m[1]!, [...(keys.get(m[1]!) ?? []), f]);
    }
    expect(keys.size).toBeGreaterThan(50);
    expect([...keys].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
