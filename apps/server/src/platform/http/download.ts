/**
 * File downloads: the Content-Disposition header names the file in the caller's language as RFC 6266 /
 * RFC 5987 `filename*` (UTF-8, percent-encoded) with a plain ASCII `filename` for old clients, so a
 * Chinese user saves 单位导入模板.xlsx and an English one organisation-import-template.xlsx.
 */
import { Readable } from 'node:stream';
import { messageFor, type AuditAction, type ExportFormat, type Lang } from '@ohp/contracts';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../audit.js';
import type { DB } from '../db-types.js';
import {
  streamCsv,
  streamWorkbook,
  type CellOut,
  type RowPages,
  type SheetOut,
} from '../imports/sheet-write.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * unescaped, which the grammar does not allow. */
const rfc5987 = (s: string): string =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An ASCII stand-in: letters, digits, dot, dash and underscore; anything else becomes '_'. */
const asciiName = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_');

export const contentDisposition = (fileName: string, asciiFallback: string): string =>
  `attachment; filename="${asciiName(asciiFallback)}"; filename*=UTF-8''${rfc5987(fileName)}`;

/** A file name in the language: `names.zh` / `names.en` (the English one is also the ASCII fallback). */
export type FileNames = { zh: string; en: string };

export const fileNameIn = (names: FileNames, lang: Lang): string => (lang === 'en' ? names.en : names.zh);

/** Today's date in China (UTC+8) as YYYYMMDD, for export file names. */
export const chinaDateStamp = (now = new Date()): string =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * Sends a file for download with its type and its name in the caller's language. The body is a Buffer
 * or a stream (a streamed export, platform/imports/sheet-write.ts): Fastify pipes a stream into the
 * response, chunked, reading it only as fast as the client takes it. A stream that fails before its
 * first byte still becomes the JSON error answer; one that fails after it cannot (the status and
 * headers are gone): the connection is destroyed, so the client sees a cut-off download (no final
 * chunk) rather than a complete-looking file, and the failure is logged here.
 */
export const sendDownload = (
  reply: FastifyReply,
  lang: Lang,
  file: { body: Buffer | Readable; type: string; names: FileNames },
) => {
  if (file.body instanceof Readable)
    file.body.once('error', (err) => {
      if (reply.raw.headersSent)
        reply.log.error({ err, file: file.names.en }, 'download failed after it began; connection closed');
    });
  return reply
    .header('content-type', file.type)
    .header('content-disposition', contentDisposition(fileNameIn(file.names, lang), file.names.en))
    .send(file.body);
};

/**
 * An uploaded file sent back as it was stored (attachments, evidence): its checked media type, never
 * sniffed by the browser, under its own name (ASCII fallback for old clients).
 */
export const sendStoredFile = (
  reply: FastifyReply,
  file: { mediaType: string; fileName: string; content: Buffer },
  asciiFallback: string,
) =>
  reply
    .type(file.mediaType)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(file.fileName, asciiFallback))
    .send(file.content);

/** Rows an export reads per query (one keyset page). */
export const EXPORT_PAGE_ROWS = 1_000;

/**
 * An export's rows as pages for the streaming writers (streamWorkbook, streamCsv): `first` — read before
 * the response starts, so that a failing query still gets the error shape — then `next(last, limit)`,
 * the rows after the previous page's last one in the export's order (a keyset query), until a page
 * comes back short or `maxRows` rows are out. Each page is one short statement: on PGlite's single
 * connection other requests' queries run between two pages, and memory holds one page. `written()`
 * counts the rows handed to the writer, for the filter sheet written after the data.
 */
export const exportPages = <R>(o: {
  first: R[];
  pageSize: number;
  maxRows: number;
  next: (last: R, limit: number) => Promise<R[]>;
  cells: (row: R) => CellOut[];
}): { pages: RowPages; written: () => number } => {
  let written = 0;
  async function* pages(): AsyncGenerator<CellOut[][]> {
    let asked = Math.min(o.pageSize, o.maxRows);
    let page = o.first.slice(0, asked);
    for (;;) {
      written += page.length;
      yield page.map(o.cells);
      if (page.length < asked || written >= o.maxRows) return;
      asked = Math.min(o.pageSize, o.maxRows - written);
      page = await o.next(page[page.length - 1]!, asked);
    }
  }
  return { pages: pages(), written: () => written };
};

/** A date-time as people in China read it (UTC+8): 2026-03-01 14:05:09. */
export const chinaDateTime = (d: Date): string =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * The sheet that records what an export holds: the filter it was made with, who made it and when, how
 * many records matched and how many were written. Every export workbook carries one.
 */
export const filterSheet = (lang: Lang, entries: Array<[string, string | number]>): SheetOut => ({
  name: lang === 'en' ? 'Filter' : '筛选条件',
  headers: lang === 'en' ? ['Item', 'Value'] : ['项目', '值'],
  rows: entries.map(([k, v]) => [k, v]),
  widths: [24, 80],
});

/** The closing rows of every filter sheet: who exported what, when, how much, and whether it was cut. */
export const exportSummaryRows = (
  lang: Lang,
  o: {
    username: string | null;
    exportedAt: Date;
    /** The newest record the export covers (append-only logs); left out when not given. */
    head?: number;
    matched: number;
    exported: number;
    maxRows: number;
    /** Whether the cap cut the export; by default when fewer were exported than matched. */
    truncated?: boolean;
    /** The order of the rows, said after "all matching records are exported"; newest first by default. */
    order?: FileNames;
  },
): Array<[string, string | number]> => {
  const en = lang === 'en';
  const order = o.order ?? { zh: '按时间由新到旧排列', en: 'newest first' };
  return [
    [en ? 'Exported by' : '导出人', o.username ?? ''],
    [en ? 'Exported at' : '导出时间', chinaDateTime(o.exportedAt)],
    ...(o.head === undefined
      ? []
      : ([[en ? 'Up to record no.' : '截至记录编号', o.head]] as Array<[string, number]>)),
    [en ? 'Matching records' : '符合条件的记录数', o.matched],
    [en ? 'Records exported' : '导出记录数', o.exported],
    [
      en ? 'Note' : '说明',
      (o.truncated ?? o.matched > o.exported)
        ? `${messageFor('export_truncated', lang)}${en ? ` (limit ${o.maxRows})` : `（上限 ${o.maxRows}）`}`
        : en
          ? `All matching records are exported, ${order.en}.`
          : `已导出全部符合条件的记录，${order.zh}。`,
    ],
  ];
};

// ---------------------------------------------------------------------------------------------------
// A list's export in one call

/** A column of a list export: its header in both languages, its width in the workbook, its cell. */
export type ExportColumn<R> = {
  zh: string;
  en: string;
  /** Characters; 20 when not given. */
  width?: number;
  cell: (row: R, en: boolean) => CellOut;
};

/**
 * What a list's export needs: the same scoped query as the list (`count`, and `page` — the rows after
 * a row in the export's order, a keyset query), its columns, the filter it was made with (described
 * in the request language) and the audit entry's action.
 */
export type ListExport<R> = {
  /** Where the audit entry is written: always the primary (`deps.db`; a read replica refuses writes). */
  db: Kysely<DB>;
  /**
   * Where `count` and `page` read, handed to them: the read replica's pick (`deps.reads.pick()`,
   * platform/read-replica.ts) or, when not given, `db`.
   */
  readDb?: Kysely<DB>;
  ctx: AuditContext;
  lang: Lang;
  format?: ExportFormat;
  /** The audit entry: `{ filters, format, matched, rows, truncated }` is written as its `after`. */
  audit: { action: AuditAction; entityType: string; entityId?: string | number | null; filters: unknown };
  /** The data sheet's name. */
  sheet: FileNames;
  /** The file name without date and extension (`-YYYYMMDD.xlsx` is appended). */
  file: FileNames;
  columns: Array<ExportColumn<R>>;
  count: (readDb: Kysely<DB>) => Promise<number>;
  page: (after: R | null, limit: number, readDb: Kysely<DB>) => Promise<R[]>;
  /** The filter sheet's first rows (what was asked); the summary rows follow. */
  filter: Array<[string, string | number]>;
  /** The rows' order, for the filter sheet's note. */
  order: FileNames;
  maxRows: number;
  pageSize?: number;
};

/**
 * Exports a list: counts the matches, reads the first page (so a failing query still answers with the
 * error shape) — both on `readDb` when given —, writes ONE audit entry on `db` (the primary), then streams the rows page by page (keyset) as xlsx — with the
 * filter sheet (filter, exporter, time, counts, whether the cap cut it) — or csv. Formula-like text is
 * neutralised by the writers; headers, sheet and file names follow the request language.
 */
export const streamListExport = async <R>(
  o: ListExport<R>,
): Promise<{ body: Readable; type: string; names: FileNames }> => {
  const en = o.lang === 'en';
  const format = o.format ?? 'xlsx';
  const pageSize = o.pageSize ?? EXPORT_PAGE_ROWS;
  const readDb = o.readDb ?? o.db;
  const matched = await o.count(readDb);
  const first = await o.page(null, Math.min(pageSize, o.maxRows), readDb);
  const planned = Math.min(matched, o.maxRows);
  const exportedAt = new Date();
  await writeAudit(o.db, o.ctx, {
    action: o.audit.action,
    entityType: o.audit.entityType,
    entityId: o.audit.entityId ?? null,
    after: { filters: o.audit.filters, format, matched, rows: planned, truncated: matched > planned },
  });
  const { pages, written } = exportPages<R>({
    first,
    pageSize,
    maxRows: o.maxRows,
    next: (last, limit) => o.page(last, limit, readDb),
    cells: (r) => o.columns.map((c) => c.cell(r, en)),
  });
  const headers = o.columns.map((c) => (en ? c.en : c.zh));
  const stamp = chinaDateStamp(exportedAt);
  const names = { zh: `${o.file.zh}-${stamp}.${format}`, en: `${o.file.en}-${stamp}.${format}` };
  if (format === 'csv') return { body: streamCsv(headers, pages), type: CSV_TYPE, names };
  const body = streamWorkbook(
    { name: en ? o.sheet.en : o.sheet.zh, headers, widths: o.columns.map((c) => c.width ?? 20) },
    pages,
    () => {
      const exported = written();
      return [
        filterSheet(o.lang, [
          ...o.filter,
          ...exportSummaryRows(o.lang, {
            username: o.ctx.username,
            exportedAt,
            matched,
            exported,
            maxRows: o.maxRows,
            truncated: exported >= o.maxRows && matched > exported,
            order: o.order,
          }),
        ]),
      ];
    },
  );
  return { body, type: XLSX_TYPE, names };
};

/** A yes / no cell in the language (empty for null). */
export const yesNoCell = (v: boolean | null | undefined, en: boolean): string =>
  v == null ? '' : en ? (v ? 'Yes' : 'No') : v ? '是' : '否';
