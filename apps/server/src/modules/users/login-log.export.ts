/**
 * The login log as an xlsx: the entries in the reader's scope that the filter selects, newest first, at
 * most LOGIN_LOG_EXPORT_MAX_ROWS, with outcomes by name and the browser and system read from the
 * User-Agent; a second sheet records the filter. The export is an audit entry.
 *
 * Streamed like the audit export (audit.export.ts): keyset pages by id through the same scoped query
 * as the list, written into the response as they are read; everything that can refuse the export
 * happens before the first byte.
 */
import type { Readable } from 'node:stream';
import { describeUserAgent, loginOutcomeLabel, type Lang } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
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
import {
  countLoginLog,
  loginLogBatch,
  loginLogHeadId,
  type LoginLogFilters,
} from './login-log.repository.js';

export const LOGIN_LOG_EXPORT_MAX_ROWS = 50_000;

const HEADERS = {
  zh: ['编号', '时间', '用户名', '结果', '结果代码', 'IP 地址', '浏览器', '操作系统', 'User-Agent'],
  en: [
    'No.',
    'Time',
    'Username',
    'Outcome',
    'Outcome code',
    'IP address',
    'Browser',
    'Operating system',
    'User-Agent',
  ],
};
const WIDTHS = [10, 20, 20, 14, 14, 16, 18, 16, 80];

type Row = Awaited<ReturnType<typeof loginLogBatch>>[number];

const cells = (r: Row, lang: Lang): CellOut[] => {
  const ua = describeUserAgent(r.user_agent, lang);
  return [
    r.login_log_id,
    chinaDateTime(r.created_at),
    r.username,
    loginOutcomeLabel(r.outcome, lang),
    r.outcome,
    r.ip,
    ua.browser,
    ua.os,
    r.user_agent,
  ];
};

/**
 * The export as a stream the route sends; the audit entry is written before the first byte (with the
 * count up to `head` and the rows planned), so a cut-off download is on record too.
 */
export const exportLoginLog = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  lang: Lang,
  q: LoginLogFilters,
  maxRows = LOGIN_LOG_EXPORT_MAX_ROWS,
): Promise<{ body: Readable; names: FileNames }> => {
  const en = lang === 'en';
  const head = await loginLogHeadId(db);
  const total = await countLoginLog(db, actor, q, head);
  const first = await loginLogBatch(db, actor, q, head + 1, Math.min(EXPORT_PAGE_ROWS, maxRows));
  const planned = Math.min(total, maxRows);
  const exportedAt = new Date();
  await writeAudit(db, ctx, {
    action: 'login_log.export',
    entityType: 'login_log',
    after: { filters: q, upTo: head, matched: total, rows: planned, truncated: total > planned },
  });
  const { pages, written } = exportPages({
    first,
    pageSize: EXPORT_PAGE_ROWS,
    maxRows,
    next: (last, limit) => loginLogBatch(db, actor, q, last.login_log_id, limit),
    cells: (r) => cells(r, lang),
  });
  const any = en ? 'All' : '全部';
  const body = streamWorkbook(
    { name: en ? 'Login log' : '登录日志', headers: HEADERS[en ? 'en' : 'zh'], widths: WIDTHS },
    pages,
    () => [
      filterSheet(lang, [
        [en ? 'Contents' : '导出内容', en ? 'Login log' : '登录日志'],
        [en ? 'Username' : '用户名', q.username?.trim().toLowerCase() || any],
        [
          en ? 'Outcome' : '结果',
          q.outcome
            ? en
              ? `${loginOutcomeLabel(q.outcome, lang)} (${q.outcome})`
              : `${loginOutcomeLabel(q.outcome, lang)}（${q.outcome}）`
            : any,
        ],
        [en ? 'From (date)' : '起始日期', q.from ?? (en ? 'Any' : '不限')],
        [en ? 'To (date)' : '截止日期', q.to ?? (en ? 'Any' : '不限')],
        [en ? 'Scope' : '数据范围', en ? "Accounts within the exporter's scope" : '导出人管辖范围内的账号'],
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
  return { body, names: { zh: `登录日志-${stamp}.xlsx`, en: `login-log-${stamp}.xlsx` } };
};
