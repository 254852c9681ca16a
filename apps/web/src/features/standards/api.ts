/**
 * The standards endpoints: the calculators registry, one run, the GBZ 2.1 limit-row search of the substance
 * picker, the catalogue entries of the hazard, disease and industry pickers, the GBZ 2.1 amendment
 * settings and the administrator's imports.
 */
import type { LimitRowHit } from '@ohp/contracts';
import type { Msg } from '@ohp/standards';

export type { LimitRowHit };
import { api } from '../../shared/api';
import type { ImportBatch, ImportReport } from '../../shared/types';

export type CalculatorInfo = {
  id: string;
  nameZh: string;
  nameEn: string;
  standard: string;
  inputSchema: unknown;
  example: unknown;
};

/**
 * A reason: a message code with parameters (./messages of @ohp/standards). The server adds `text` in the
 * request's language; the page renders the code in the UI language itself, so the browser's live results
 * (which have no text) and the server's read the same.
 */
export type Reason = Msg & { text?: string };

/**
 * What every calculator returns (CalculatorResult of @ohp/standards); the rest of the fields depend on the
 * calculator. `edition` is always text; `limitApplied` is a limit row or null (plain limits have their own
 * numeric field, e.g. `limitDb`).
 */
export type CalcResult = {
  verdict: string;
  reasons?: Reason[];
  error?: string;
  edition?: string;
  clause?: string;
  limitApplied?: Record<string, unknown> | null;
  [key: string]: unknown;
};

export type AmendmentInfo = {
  id: string;
  titleZh: string;
  titleEn: string;
  effectiveFrom: string | null;
  confirmed: boolean;
  reportedDate?: string;
  [key: string]: unknown;
};

export const listCalculators = () => api.get<{ data: CalculatorInfo[] }>('/standards');

/** Runs a calculator on the server; a 400 (body fails the schema) is shown next to the input. */
export const runCalculator = (id: string, input: unknown) =>
  api.post<CalcResult>(`/standards/${encodeURIComponent(id)}`, input);

/** Rows by name, CAS number, row id or pinyin initials, in force on `eventDate` (today when absent). */
export const searchLimitRows = (q: string, eventDate?: string, limit = 30) =>
  api.get<{ data: LimitRowHit[]; total: number }>('/standards/limit-rows', { q, eventDate, limit });

/** One catalogue entry (hazard factor, disease, industry): the fields the pickers read. */
export type CatalogueEntry = Record<string, unknown>;

/** Entries of a catalogue (GET /catalogues/:id, permission catalogues:read), searched by `q`. */
export const catalogueEntries = (id: string, q: string, pageSize = 30) =>
  api.get<{ data: CatalogueEntry[]; total: number }>(`/catalogues/${encodeURIComponent(id)}`, {
    q,
    pageSize,
  });

export const listAmendments = () => api.get<{ data: AmendmentInfo[] }>('/standards/amendments');

export const saveAmendment = (body: { id: string; effectiveFrom: string | null; confirmed: boolean }) =>
  api.put<unknown>('/standards/amendments', body);

/** The groups of the calculator list, in display order. */
export const GROUPS = ['gbz21', 'noise', 'gbz49', 'gbz188', 'gbz70', 'catalogues', 'other'] as const;
export type Group = (typeof GROUPS)[number];

const BY_ID: Record<string, Group> = {
  'surveillance-cycle': 'gbz188',
  'workplace-testing-interval': 'gbz188',
  'hazard-diseases': 'catalogues',
  'hazard-can-cause': 'catalogues',
};

export const groupOf = (c: Pick<CalculatorInfo, 'id' | 'standard'>): Group => {
  const known = BY_ID[c.id];
  if (known) return known;
  const s = c.standard;
  if (s.startsWith('GBZ 2.1')) return 'gbz21';
  if (/^GBZ(\/T)? (2\.2|189\.8|229\.4)/.test(s)) return 'noise';
  if (s.startsWith('GBZ 49')) return 'gbz49';
  if (s.startsWith('GBZ 188')) return 'gbz188';
  if (s.startsWith('GBZ 70')) return 'gbz70';
  if (s.includes('目录')) return 'catalogues';
  return 'other';
};

/**
 * JSON with two-space indentation, but objects and arrays that fit on a short line stay on one line
 * (an audiogram or a segment reads better as `{ "concentration": 4, "hours": 2 }`).
 */
export const prettyJson = (value: unknown, width = 64): string => {
  const inline = (v: unknown): string => JSON.stringify(v, null, 1).replace(/\s*\n\s*/g, ' ');
  /** `used`: characters already on the line (indentation and key). */
  const walk = (v: unknown, indent: string, used: number): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const one = inline(v);
    if (used + one.length + 1 <= width) return one;
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => inner + walk(x, inner, inner.length)).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([k, x]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return key + walk(x, inner, key.length);
    });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  };
  return walk(value, '', 0);
};

/** Kinds of administrator data the server imports from CSV (GBZ 2.1 tables 1/2, GBZ 188 table). */
export const IMPORT_KINDS = ['oel_chemicals', 'oel_dusts', 'surveillance'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The editions offered per kind; the first is the server's default. */
export const IMPORT_EDITIONS: Record<ImportKind, readonly string[]> = {
  oel_chemicals: ['GBZ 2.1-2019'],
  oel_dusts: ['GBZ 2.1-2019'],
  surveillance: ['GBZ 188-2014', 'GBZ 188-2025'],
};

export type StandardImportReport = {
  kind: ImportKind;
  edition: string;
  dryRun: boolean;
  accepted: number;
  rejected: number;
  unchanged: boolean;
  errors: { row: number; column: string; reason: string }[];
};

export const downloadImportTemplate = (kind: ImportKind) =>
  api.download('/standards/imports/template', { kind }, `${kind}-template.csv`);

/**
 * Valid rows replace the previous import of that kind and edition (unless dryRun). The report when the
 * job finished within the server's wait (200), else the batch to follow (202; isImportBatch of
 * ../imports/api tells them apart).
 */
export const importStandards = (kind: ImportKind, edition: string, file: File, dryRun: boolean) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<StandardImportReport | ImportBatch>('/standards/imports', fd, { kind, edition, dryRun });
};

/**
 * A followed batch's report (the pipeline's ImportReport) in the panel's shape. Kind and edition are
 * those asked for unless the report names them; `unchanged` is the server's `sameFile` when it says so.
 */
export const standardReportOf = (
  r: ImportReport,
  asked: { kind: ImportKind; edition: string },
): StandardImportReport => {
  const more = r as ImportReport & { kind?: unknown; edition?: unknown; sameFile?: unknown };
  const kind = IMPORT_KINDS.find((k) => k === more.kind) ?? asked.kind;
  return {
    kind,
    edition: typeof more.edition === 'string' && more.edition ? more.edition : asked.edition,
    dryRun: r.dryRun,
    accepted: r.accepted,
    rejected: r.rejected,
    errors: r.errors.map((e) => ({ row: e.row, column: e.column, reason: e.reason })),
    unchanged: more.sameFile === true,
  };
};
