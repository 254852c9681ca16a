/**
 * Every text the web app shows comes from a message table: the i18n files (apps/web/src/shared/i18n*.ts)
 * or the zh/en tables of @ohp/contracts (reason messages, audit actions, permission names). This reads
 * the web sources and fails on Chinese text, English sentences in JSX or in text props, and literal
 * fallbacks of `t()` outside those tables — the way hard-coded strings crept in before (issue 13).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB = fileURLToPath(new URL('../../web/src/', import.meta.url));

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

/** The message tables themselves. */
const isTable = (file: string) => /^shared\/i18n[^/]*\.ts$/.test(file);

/**
 * Known exceptions, each with its reason: the language switch names each language in itself (中文,
 * English), as language menus do; the standards page matches words of the server's catalogue names
 * (目录, and 职业病分类和目录 to put it in 《》) — logic on text it received, not text of its own.
 */
const ALLOWED: Array<{ file: RegExp; text: RegExp }> = [
  { file: /^app\/layout\.tsx$/, text: /^(中文|English)$/ },
  { file: /^features\/standards\/api\.ts$/, text: /^目录$/ },
  { file: /^features\/standards\/sentence\.ts$/, text: /^职业病分类和目录$/ },
];
const allowed = (file: string, text: string) => ALLOWED.some((a) => a.file.test(file) && a.text.test(text));

/** The source without comments (line comments after code or white space, block comments). */
const code = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[\s;,{}()])\/\/.*$/gm, '$1');

const files = sources(WEB)
  .map((f) => ({ file: relative(WEB, f).replace(/\\/g, '/'), text: code(readFileSync(f, 'utf8')) }))
  .filter((f) => !isTable(f.file));

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

describe('web texts come from the message tables', () => {
  it('reads the web sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('has no Chinese text outside the message tables', () => {
    const found: string[] = [];
    for (const { file, text } of files)
      // Words (ideographs); full-width brackets around interpolated names are formatting, not text.
      for (const m of text.matchAll(/[\u3400-\u9fff]+/g))
        if (!allowed(file, m[0])) found.push(`${file}:${lineOf(text, m.index)} ${m[0]}`);
    expect(found).toEqual([]);
  });

  it('has no English sentences as JSX text or in text props', () => {
    const found: string[] = [];
    const patterns = [
      // <span>Some words</span>
      />\s*([A-Za-z][A-Za-z'’]*(?: [A-Za-z'’,.!?-]+)+)\s*</g,
      // title="Some words", placeholder='Some words' …
      /\b(?:title|placeholder|label|message|content|tooltip|extra|okText|cancelText|description|alt)\s*[=:]\s*["']([A-Za-z][A-Za-z'’]*(?: [A-Za-z'’,.!?-]+)+)["']/g,
    ];
    for (const { file, text } of files)
      for (const re of patterns)
        for (const m of text.matchAll(re))
          if (!allowed(file, m[1]!)) found.push(`${file}:${lineOf(text, m.index)} ${m[1]}`);
    expect(found).toEqual([]);
  });

  it('gives t() no literal text to fall back on', () => {
    const found: string[] = [];
    for (const { file, text } of files)
      for (const m of text.matchAll(/defaultValue:\s*(['"`])([^'"`]*)\1/g))
        found.push(`${file}:${lineOf(text, m.index)} ${m[2]}`);
    expect(found).toEqual([]);
  });
});
