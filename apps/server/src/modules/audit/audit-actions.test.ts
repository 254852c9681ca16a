/**
 * Every action and object type the server writes to the audit trail has a zh-CN and an en label in
 * @ohp/contracts (audit-actions.ts), so the audit page, its filters and the export never show a code.
 * Read from the source: a new `writeAudit(…, { action: 'x.y' })` without a label fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  auditActionGroupLabels,
  auditActionLabels,
  auditActions,
  auditEntityTypeLabels,
  importKinds,
} from '@ohp/contracts';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

const files = sources(SRC).map((f) => ({ file: relative(SRC, f), text: readFileSync(f, 'utf8') }));

/**
 * The argument text of every `writeAudit(…)` call, and of every `streamListExport(…)` call (a list's
 * export, which writes its `audit.action` through writeAudit), parentheses balanced, with its file.
 */
const calls = (): Array<{ file: string; text: string }> => {
  const out: Array<{ file: string; text: string }> = [];
  for (const { file, text } of files) {
    if (file === 'platform/audit.ts') continue;
    // `streamListExport<Row>(` takes a type argument.
    for (const m of text.matchAll(/\b(?:writeAudit|streamListExport(?:<[\w.]+>)?)\(/g)) {
      const i = m.index;
      let depth = 0;
      let j = i + m[0].length - 1;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      out.push({ file, text: text.slice(i, j + 1) });
    }
  }
  return out;
};

/** `action: 'x.y'` in a writeAudit call, and any other form an action is written in. */
const written = () => {
  const literal = new Map<string, string>();
  const other: string[] = [];
  for (const { file, text } of calls()) {
    for (const m of text.matchAll(/\baction:\s*(?:'([^']*)'|"([^"]*)"|(`[^`]*`)|([^\s,}]+))/g)) {
      const value = m[1] ?? m[2];
      if (value !== undefined) literal.set(value, file);
      else other.push(`${file}: action: ${m[3] ?? m[4]}`);
    }
  }
  return { literal, other };
};

const entityTypes = () => {
  const found = new Map<string, string>();
  for (const { file, text } of calls()) {
    for (const m of text.matchAll(/\bentityType:\s*'([^']*)'/g)) found.set(m[1]!, file);
  }
  return found;
};

describe('the audit action catalogue', () => {
  it('labels every action the server writes, in zh-CN and en', () => {
    const { literal, other } = written();
    expect(literal.size).toBeGreaterThan(20);
    const missing = [...literal].filter(([a]) => !(a in auditActionLabels)).map(([a, f]) => `${a} (${f})`);
    expect(missing).toEqual([]);
    // The computed actions: the import pipeline's `<kind>.import` (its kinds are typed, ImportKind) and
    // the list-export helper's, which its callers name literally (read above; typed AuditAction).
    expect(other.sort()).toEqual([
      'platform/http/download.ts: action: o.audit.action',
      'platform/imports/pipeline.ts: action: `${spec.kind}.import`',
    ]);
    for (const k of importKinds) expect(auditActionLabels).toHaveProperty([`${k}.import`]);
  });

  it('labels every object type the server writes', () => {
    const found = entityTypes();
    expect(found.size).toBeGreaterThan(4);
    const missing = [...found].filter(([e]) => !(e in auditEntityTypeLabels)).map(([e, f]) => `${e} (${f})`);
    expect(missing).toEqual([]);
  });

  it('has real labels: Chinese in zh, no codes, a group for every action', () => {
    for (const a of auditActions) {
      const l = auditActionLabels[a];
      expect(l.zh, a).toMatch(/[\u4e00-\u9fff]/);
      expect(l.zh, a).not.toContain('.');
      expect(l.en.length, a).toBeGreaterThan(2);
      expect(auditActionGroupLabels, a).toHaveProperty([a.split('.')[0]!]);
    }
    const zh = auditActions.map((a) => auditActionLabels[a].zh);
    expect(new Set(zh).size, 'labels are unique, so the dropdown can be read').toBe(zh.length);
  });

  it('lists no action the server never writes (except the two exports written by this module)', () => {
    const { literal } = written();
    const computed = new Set(importKinds.map((k) => `${k}.import`));
    const stale = auditActions.filter((a) => !literal.has(a) && !computed.has(a));
    expect(stale).toEqual([]);
  });
});
