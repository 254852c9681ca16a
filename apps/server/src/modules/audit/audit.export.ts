/**
 * The audit trail as an xlsx for the audit administrator: the entries the search filters select, newest
 * first, at most AUDIT_EXPORT_MAX_ROWS, with actions and object types by name; a second sheet records
 * the filter, the exporter, the time and the counts. The export is itself an audit entry.
 *
 * Streamed: the entries are read in keyset pages (by id, below the previous page's last) and written
 * into the response as they come, so memory stays flat in the row count and, on PGlite's single
 * connection, other requests are answered between two pages. Everything that can refuse the export
 * (permission, filters, the count, the first page, the audit entry) happens before the first byte.
 */
import type { Readable } from 'node:stream';
import { auditActionLabel, auditEntityTypeLabel, type Lang } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { DB } from '../../platform/db-types.js';
import {
  chinaDateStamp,
  chinaDateTime,
  EXPORT_PAGE_ROWS,
  exportPages,
  exportSummaryRows,
  filterSheet,
  type FileNames,
} from '../../platform/http/download.js';
import { streamWorkbook, type CellOut } from '../../platform/imports/sheet-write.js';
import { auditBatch, auditHeadId, countAudit, type AuditFilters } from './audit.repository.js';

/** Rows one export may hold (the newest); more matching entries are reported as left out. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
/** Excel holds at most 32,767 characters in a cell; longer before/after JSON is cut with a note. */
const CELL_MAX = 32_000;

const json = (v: unknown, lang: Lang): CellOut => {
  if (v === null || v === undefined) return null;
  const s = JSON.stringify(v);
  return s.length > CELL_MAX
    ? `${s.slice(0, CELL_MAX)}… (${lang === 'en' ? `cut, ${s.length} characters` : `已截断，共 ${s.length} 字符`})`
    : s;
};

const HEADERS = {
  zh: [
    '编号',
    '时间',
    '操作人',
    '操作人单位编号',
    'IP 地址',
    '操作',
    '操作代码',
    '对象类型',
    '对象编号',
    '变更前',
    '变更后',
    '请求编号',
    '哈希',
  ],
  en: [
    'No.',
    'Time',
    'Actor',
    'Actor organisation id',
    'IP address',
    'Action',
    'Action code',
    'Object type',
    'Object id',
    'Before',
    'After',
    'Request id',
    'Hash',
  ],
};
const WIDTHS = [10, 20, 18, 14, 16, 18, 24, 12, 12, 50, 50, 20, 66];

type Row = Awaited<ReturnType<typeof auditBatch>>[number];

const cells = (r: Row, lang: Lang): CellOut[] => [
  r.audit_log_id,
  chinaDateTime(r.at),
  r.actor_username,
  r.actor_organisation_id,
  r.ip,
  auditActionLabel(r.action, lang),
  r.action,
  r.entity_type ? auditEntityTypeLabel(r.entity_type, lang) : null,
  r.entity_id,
  json(r.before, lang),
  json(r.after, lang),
  r.request_id,
  r.hash,
];

/** The filter as people read it: labels with the codes in brackets, "all" for a filter not set. */
const describeFilter = (q: AuditFilters, lang: Lang): Array<[string, string]> => {
  const en = lang === 'en';
  const any = en ? 'All' : '全部';
  const coded = (label: string, code: string) =>
    label === code ? code : en ? `${label} (${code})` : `${label}（${code}）`;
  return [
    [en ? 'Action' : '操作', q.action ? coded(auditActionLabel(q.action, lang), q.action) : any],
    [
      en ? 'Object type' : '对象类型',
      q.entityType ? coded(auditEntityTypeLabel(q.entityType, lang), q.entityType) : any,
    ],
    [en ? 'Object id' : '对象编号', q.entityId ?? any],
    [en ? 'Actor' : '操作人', q.actor ?? any],
    [en ? 'From (date)' : '起始日期', q.from ?? (en ? 'Any' : '不限')],
    [en ? 'To (date)' : '截止日期', q.to ?? (en ? 'Any' : '不限')],
  ];
};

/**
 * The export as a stream the route sends. The audit entry is written before the first byte, so an
 * export is on record even when its download is cut off; it records the count up to `head` and the
 * rows planned (the trail is append-only, so those are the rows written unless the download fails).
 */
export const exportAudit = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  lang: Lang,
  q: AuditFilters,
  maxRows = AUDIT_EXPORT_MAX_ROWS,
): Promise<{ body: Readable; names: FileNames }> => {
  const en = lang === 'en';
  const head = await auditHeadId(db);
  const total = await countAudit(db, q, head);
  const first = await auditBatch(db, q, head + 1, Math.min(EXPORT_PAGE_ROWS, maxRows));
  const planned = Math.min(total, maxRows);
  const exportedAt = new Date();
  await writeAudit(db, ctx, {
    action: 'audit.export',
    entityType: 'audit_log',
    after: { filters: q, upTo: head, matched: total, rows: planned, truncated: total > planned },
  });
  const { pages, written } = exportPages({
    first,
    pageSize: EXPORT_PAGE_ROWS,
    maxRows,
    next: (last, limit) => auditBatch(db, q, last.audit_log_id, limit),
    cells: (r) => cells(r, lang),
  });
  const body = streamWorkbook(
    { name: en ? 'Audit log' : '审计日志', headers: HEADERS[en ? 'en' : 'zh'], widths: WIDTHS },
    pages,
    () => [
      filterSheet(lang, [
        [en ? 'Contents' : '导出内容', en ? 'Audit log' : '审计日志'],
        ...describeFilter(q, lang),
        ...exportSummaryRows(lang, {
          username: ctx.username,
          exportedAt,
          head,
          matched: total,
          exported: written(),
          maxRows,
        }),
      ]),
    ],
  );
  const stamp = chinaDateStamp(exportedAt);
  return { body, names: { zh: `审计日志-${stamp}.xlsx`, en: `audit-log-${stamp}.xlsx` } };
};
