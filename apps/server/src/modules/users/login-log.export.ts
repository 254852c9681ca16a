/**
 * The login log as an xlsx: the entries in the reader's scope that the filter selects, newest first, at
 * most LOGIN_LOG_EXPORT_MAX_ROWS, with outcomes by name and the browser and system read from the
 * User-Agent; a second sheet records the filter. The export is an audit entry.
 */
import { describeUserAgent, loginOutcomeLabel, type Lang } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import {
  chinaDateStamp,
  chinaDateTime,
  exportSummaryRows,
  filterSheet,
  type FileNames,
} from '../../platform/http/download.js';
import { writeWorkbook, type CellOut } from '../../platform/imports/sheet.js';
import {
  countLoginLog,
  loginLogBatch,
  loginLogHeadId,
  type LoginLogFilters,
} from './login-log.repository.js';

export const LOGIN_LOG_EXPORT_MAX_ROWS = 50_000;
const BATCH = 1_000;

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

export const exportLoginLog = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  lang: Lang,
  q: LoginLogFilters,
  maxRows = LOGIN_LOG_EXPORT_MAX_ROWS,
): Promise<{ body: Buffer; names: FileNames }> => {
  const en = lang === 'en';
  const head = await loginLogHeadId(db);
  const total = await countLoginLog(db, actor, q, head);
  const rows: CellOut[][] = [];
  for (let before = head + 1; rows.length < maxRows;) {
    const limit = Math.min(BATCH, maxRows - rows.length);
    const batch = await loginLogBatch(db, actor, q, before, limit);
    for (const r of batch) rows.push(cells(r, lang));
    if (batch.length < limit) break;
    before = batch[batch.length - 1]!.login_log_id;
  }
  const truncated = total > rows.length;
  const exportedAt = new Date();
  const any = en ? 'All' : '全部';
  const sheet = filterSheet(lang, [
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
      exported: rows.length,
      maxRows,
    }),
  ]);
  const body = await writeWorkbook(en ? 'Login log' : '登录日志', HEADERS[en ? 'en' : 'zh'], rows, 300, {
    widths: WIDTHS,
    extra: [sheet],
  });
  await writeAudit(db, ctx, {
    action: 'login_log.export',
    entityType: 'login_log',
    after: { filters: q, upTo: head, matched: total, rows: rows.length, truncated },
  });
  const stamp = chinaDateStamp(exportedAt);
  return { body, names: { zh: `登录日志-${stamp}.xlsx`, en: `login-log-${stamp}.xlsx` } };
};
