/**
 * Reasons in the reader's language. Every reason a calculator gives, and every refusal of bad input, is a
 * message code with parameters (`Msg`); `renderMsg` writes it in zh-CN or en from the table below. The
 * server renders with the request's Accept-Language, the CLI with --lang, the web page with its UI
 * language. A reason is a sentence a QC officer would write in a report: it names the substance or
 * hazard, the figures with their units and the standard's table or clause, never a file path or package.
 * Provenance (source file, line, confidence) is kept in structured result fields instead.
 *
 * Parameters are display-ready: numbers are formatted by ./rounding (`fmt`, `fmtVs`) before they are
 * passed, so both languages show the same figures. A parameter may itself be a message (a term such as
 * 总尘 / total dust, or a citation), or a list of messages, joined with "；" or "; ".
 */
import { standardsMessages } from './message-table';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export type MessageCode = keyof typeof standardsMessages;

export type MsgParam = string | number | Msg | readonly MsgParam[];
/** A reason: a code of the message table and its parameters. */
export type Msg = { code: MessageCode; params?: { [name: string]: MsgParam } };
/** A reason as the server sends it: the code and parameters, and the text in the request's language. */
export type RenderedMsg = Msg & { text: string };

export { standardsMessages };

export function msg(code: MessageCode, params?: { [name: string]: MsgParam | undefined }): Msg {
  if (!params) return { code };
  const kept: { [name: string]: MsgParam } = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) kept[k] = v;
  return { code, params: kept };
}

/** A literal given in both languages (a substance's Chinese and English name, for example). */
export const bilingual = (zh: string, en: string): Msg => msg('text.bilingual', { zh, en: en || zh });

const LIST_SEPARATOR: Record<Lang, string> = { 'zh-CN': '；', en: '; ' };
/** `text.list` joins its items as an enumeration: 甲苯、二甲苯 / toluene, xylene. */
const ENUM_SEPARATOR: Record<Lang, string> = { 'zh-CN': '、', en: ', ' };

/** An enumeration of items (names, limits) joined the way each language writes a list. */
export const listOf = (items: readonly MsgParam[]): Msg => msg('text.list', { items });

export function isMsg(x: unknown): x is Msg {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as { code?: unknown; params?: unknown };
  return (
    typeof o.code === 'string' &&
    Object.prototype.hasOwnProperty.call(standardsMessages, o.code) &&
    (o.params === undefined || (typeof o.params === 'object' && o.params !== null))
  );
}

function renderParam(p: MsgParam, lang: Lang): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return String(p);
  if (Array.isArray(p))
    return (p as readonly MsgParam[]).map((x) => renderParam(x, lang)).join(LIST_SEPARATOR[lang]);
  return renderMsg(p as Msg, lang);
}

/**
 * A template split once into literal text and parameter names: `compiled[i]` is literal when `i` is even
 * and a parameter name when odd ("{value} > {limit}" → ['', 'value', ' > ', 'limit', '']).
 */
type Compiled = readonly string[];
const compiledTemplates: Record<Lang, Map<string, Compiled>> = { 'zh-CN': new Map(), en: new Map() };
const compile = (template: string): Compiled => template.split(/\{(\w+)\}/);
/** Spaces left doubled or before closing punctuation by an empty or trimmed parameter. */
const LOOSE_SPACES = / +(?=[）)，,；;：])| {2,}/g;
const CLOSING = new Set(['）', ')', '，', ',', '；', ';', '：']);
/** Before closing punctuation: dropped; elsewhere a run of spaces becomes one. */
const looseSpace = (run: string, offset: number, whole: string): string =>
  CLOSING.has(whole[offset + run.length] ?? '') ? '' : ' ';

/**
 * The text of a message in `lang`. An unknown code is written as the code itself and a parameter the
 * template names but the message lacks stays visible as `{name}` (the message tests look for both).
 * Templates are split into parts once per code and language; runs of spaces are collapsed and a space
 * before closing punctuation dropped (a parameter may be empty).
 */
export function renderMsg(m: Msg, lang: Lang): string {
  const entry = (standardsMessages as Record<string, { 'zh-CN': string; en: string } | undefined>)[m.code];
  if (!entry) return m.code;
  if (m.code === 'text.list') {
    const items = m.params?.items;
    return Array.isArray(items)
      ? (items as readonly MsgParam[]).map((x) => renderParam(x, lang)).join(ENUM_SEPARATOR[lang])
      : renderParam(items ?? '', lang);
  }
  const cache = compiledTemplates[lang];
  let parts = cache.get(m.code);
  if (!parts) cache.set(m.code, (parts = compile(entry[lang])));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const p = m.params?.[name];
    out += (p === undefined ? `{${name}}` : renderParam(p, lang)) + parts[i + 1]!;
  }
  return out.includes(' ') ? out.replace(LOOSE_SPACES, looseSpace) : out;
}

/** Picks zh-CN or en from an Accept-Language header or a UI language tag (zh-CN unless it starts with en). */
export const langOf = (tag: string | null | undefined): Lang =>
  tag && /^\s*en\b/i.test(tag) ? 'en' : 'zh-CN';

/** Every message in a value (a result, a nested check, an issue) with its text in `lang` added. */
export type Localized<T> = T extends Msg
  ? RenderedMsg
  : T extends readonly (infer U)[]
    ? Localized<U>[]
    : T extends object
      ? { [K in keyof T]: Localized<T[K]> }
      : T;

/**
 * Adds `text` in `lang` to every message found in `value` (reasons, nested checks and hazards, the
 * messages of refused fields). Message parameters are not walked: only whole messages get a text.
 */
export function localize<T>(value: T, lang: Lang): Localized<T> {
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) return v.map(walk);
    if (isMsg(v)) return { ...v, text: renderMsg(v, lang) };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = walk((v as Record<string, unknown>)[k]);
    return out;
  };
  return walk(value) as Localized<T>;
}

/** Every message in a value (depth first), nested messages in parameters excluded. */
export function messagesIn(value: unknown): Msg[] {
  if (Array.isArray(value)) return value.flatMap(messagesIn);
  if (typeof value !== 'object' || value === null) return [];
  if (isMsg(value)) return [value];
  return Object.values(value).flatMap(messagesIn);
}

/** Every code used by a message, its parameters included. */
export function codesIn(m: Msg): MessageCode[] {
  const out: MessageCode[] = [m.code];
  const visit = (p: MsgParam): void => {
    if (Array.isArray(p)) (p as readonly MsgParam[]).forEach(visit);
    else if (typeof p === 'object' && p !== null) out.push(...codesIn(p as Msg));
  };
  for (const p of Object.values(m.params ?? {})) visit(p);
  return out;
}
