/**
 * The substance picker's search over GBZ 2.1—2019 表1/表2: by Chinese name, English name, CAS number,
 * row id (T1-136) or the pinyin initials of the name (jb → 甲苯, yyht → 一氧化碳). Rows that the standard
 * prints as sub-rows of one substance (一氧化碳：非高原 / 高原…, 矽尘：10%≤游离SiO2含量≤50% …) share a
 * `group` (the name before "："), so a base name offers its sub-rows to choose from. The rows are those in
 * force on the event date (amendments with their dates, administrator-imported rows); the numbered rows
 * that are not loaded are listed too (`loaded: false`), so a user picking 煤尘 learns why no verdict
 * is given instead of finding nothing.
 */
import {
  chemicalLimitRows,
  citeRow,
  designation,
  dustLimitRows,
  GBZ21_2019,
  limitRowsFor,
  missingLimitRows,
  msg,
  renderMsg,
  type CalculatorContext,
  type Lang,
  type LimitRow,
  type ResolvedLimitRow,
} from '@ohp/standards';
import type { LimitRowHit } from '@ohp/contracts';
import { pinyin } from 'pinyin-pro';

export type { LimitRowHit };

/** The name before the printed qualifiers: 铅及其无机化合物（按Pb计）：铅尘 → 铅及其无机化合物. */
const bareName = (s: string): string => s.replace(/[（(].*$/u, '').trim();

const splitName = (nameZh: string): { group: string; variant: string | null } => {
  const i = nameZh.indexOf('：');
  return i > 0
    ? { group: nameZh.slice(0, i), variant: nameZh.slice(i + 1) }
    : { group: nameZh, variant: null };
};

const initialsCache = new Map<string, string>();
/** Pinyin initials of the Chinese characters of `s` (甲苯 → jb); other characters are left out. */
export const initialsOf = (s: string): string => {
  let v = initialsCache.get(s);
  if (v === undefined) {
    v = pinyin(s, { pattern: 'first', toneType: 'none', nonZh: 'removed', type: 'array' })
      .join('')
      .toLowerCase();
    initialsCache.set(s, v);
  }
  return v;
};

type Candidate = Omit<LimitRowHit, 'citation' | 'note'> & {
  cite: ReturnType<typeof citeRow>;
  why: ReturnType<typeof msg> | null;
};

const fromRow = (r: ResolvedLimitRow | LimitRow, cite: Candidate['cite'], origin: Candidate['origin']) => ({
  rowId: r.id,
  table: r.table,
  seq: r.seq,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
  ...splitName(r.nameZh),
  cas: [...r.cas],
  mac: r.table === 1 ? r.mac : null,
  pcTwa: r.table === 1 ? r.pcTwa : null,
  pcStel: r.table === 1 ? r.pcStel : null,
  pcTwaTotal: r.table === 2 ? r.pcTwaTotal : null,
  pcTwaRespirable: r.table === 2 ? r.pcTwaRespirable : null,
  loaded: true,
  origin,
  cite,
  why: null,
});

/** The rows in force on `date` (with the administrator's data), or the 2019 tables for a date before them. */
const candidates = (date: string, ctx: CalculatorContext): Candidate[] => {
  const set = limitRowsFor(date, {
    amendments: ctx.amendments,
    importedRows: ctx.importedLimitRows,
  });
  const rows: Candidate[] =
    'verdict' in set
      ? [...chemicalLimitRows, ...dustLimitRows, ...(ctx.importedLimitRows ?? [])].map((r) =>
          fromRow(
            r,
            msg('cite.row', { designation: designation(GBZ21_2019.edition), table: r.table, seq: r.seq }),
            'table',
          ),
        )
      : set.rows.map((r) =>
          fromRow(
            r,
            citeRow(r),
            r.source.provenance.kind === 'import'
              ? 'import'
              : r.source.provenance.kind === 'amendment'
                ? 'amendment'
                : 'table',
          ),
        );
  const loaded = new Set(rows.map((r) => `${r.table}-${r.seq}`));
  for (const m of missingLimitRows) {
    if (loaded.has(`${m.table}-${m.seq}`)) continue; // imported by an administrator
    rows.push({
      rowId: `T${m.table}-${m.seq}`,
      table: m.table,
      seq: m.seq,
      nameZh: m.nameZh,
      nameEn: '',
      ...splitName(m.nameZh),
      cas: [],
      mac: null,
      pcTwa: null,
      pcStel: null,
      pcTwaTotal: null,
      pcTwaRespirable: null,
      loaded: false,
      origin: 'missing',
      cite: msg('cite.row', { designation: designation(GBZ21_2019.edition), table: m.table, seq: m.seq }),
      why: msg(m.why),
    });
  }
  return rows;
};

/** How well a row answers the query (0: not at all). */
const score = (r: Candidate, q: string): number => {
  const ql = q.toLowerCase();
  if (/^t[12]-\d/.test(ql)) {
    const id = r.rowId.toLowerCase();
    return id === ql ? 120 : id.startsWith(`${ql}-`) ? 115 : id.startsWith(ql) ? 70 : 0;
  }
  if (/^\d[\d-]*$/.test(q) && r.cas.length > 0) {
    if (r.cas.includes(q)) return 110;
    if (r.cas.some((c) => c.startsWith(q))) return 80;
  }
  if (r.group === q || r.nameZh === q || bareName(r.group) === q) return 100;
  if (r.nameZh.startsWith(q)) return 85;
  if (r.nameZh.includes(q)) return 60;
  if (/^[a-z]+$/.test(ql)) {
    const bare = initialsOf(bareName(r.group));
    if (bare === ql) return 95;
    if (bare.startsWith(ql)) return 75;
    if (initialsOf(r.nameZh).includes(ql)) return 40;
  }
  if (ql.length >= 3 && r.nameEn.toLowerCase() === ql) return 90;
  if (ql.length >= 3 && r.nameEn.toLowerCase().startsWith(ql)) return 50;
  if (ql.length >= 3 && r.nameEn.toLowerCase().includes(ql)) return 30;
  return 0;
};

/**
 * Rows matching `q` (all rows in table order when q is empty), best first; rows of one group stay
 * together in their printed order. At most `limit` rows, and never half a group.
 */
export const searchLimitRows = (
  ctx: CalculatorContext,
  opts: { q?: string; eventDate: string; limit: number; lang: Lang },
): { data: LimitRowHit[]; total: number } => {
  const q = (opts.q ?? '').trim();
  const all = candidates(opts.eventDate, ctx);
  const order = (a: Candidate, b: Candidate) =>
    a.table - b.table || a.seq - b.seq || a.rowId.localeCompare(b.rowId);
  let hits: Candidate[];
  if (q === '') hits = [...all].sort(order);
  else {
    const scored = all.map((r) => ({ r, s: score(r, q) })).filter((x) => x.s > 0);
    // A group ranks by its best row, and a matched group brings all its sub-rows.
    const best = new Map<string, number>();
    const key = (r: Candidate) => `${r.table}:${r.group}`;
    for (const { r, s } of scored) best.set(key(r), Math.max(best.get(key(r)) ?? 0, s));
    hits = all
      .filter((r) => best.has(key(r)))
      .sort((a, b) => (best.get(key(b)) ?? 0) - (best.get(key(a)) ?? 0) || order(a, b));
  }
  const out: Candidate[] = [];
  for (const r of hits) {
    const last = out[out.length - 1];
    if (out.length >= opts.limit && !(last && last.table === r.table && last.group === r.group)) break;
    out.push(r);
  }
  return {
    data: out.map(({ cite, why, ...r }) => ({
      ...r,
      citation: renderMsg(cite, opts.lang),
      note: why ? renderMsg(why, opts.lang) : null,
    })),
    total: hits.length,
  };
};
