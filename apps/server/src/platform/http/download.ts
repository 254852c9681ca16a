/**
 * File downloads: the Content-Disposition header names the file in the caller's language as RFC 6266 /
 * RFC 5987 `filename*` (UTF-8, percent-encoded) with a plain ASCII `filename` for old clients, so a
 * Chinese user saves 单位导入模板.xlsx and an English one organisation-import-template.xlsx.
 */
import { messageFor, type Lang } from '@ohp/contracts';
import type { FastifyReply } from 'fastify';
import type { SheetOut } from '../imports/sheet.js';

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

/** Sends a file for download with its type and its name in the caller's language. */
export const sendDownload = (
  reply: FastifyReply,
  lang: Lang,
  file: { body: Buffer; type: string; names: FileNames },
) =>
  reply
    .header('content-type', file.type)
    .header('content-disposition', contentDisposition(fileNameIn(file.names, lang), file.names.en))
    .send(file.body);

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
    head: number;
    matched: number;
    exported: number;
    maxRows: number;
  },
): Array<[string, string | number]> => {
  const en = lang === 'en';
  return [
    [en ? 'Exported by' : '导出人', o.username ?? ''],
    [en ? 'Exported at' : '导出时间', chinaDateTime(o.exportedAt)],
    [en ? 'Up to record no.' : '截至记录编号', o.head],
    [en ? 'Matching records' : '符合条件的记录数', o.matched],
    [en ? 'Records exported' : '导出记录数', o.exported],
    [
      en ? 'Note' : '说明',
      o.matched > o.exported
        ? `${messageFor('export_truncated', lang)}${en ? ` (limit ${o.maxRows})` : `（上限 ${o.maxRows}）`}`
        : en
          ? 'All matching records are exported, newest first.'
          : '已导出全部符合条件的记录，按时间由新到旧排列。',
    ],
  ];
};
