/**
 * The three exports as they were before they were streamed (issue 14 item 6), kept verbatim as the
 * reference: organisations.export.test.ts and log-exports-streamed.test.ts check that the streamed
 * files hold the same content, and
 * bench/export.ts measures them as "before". They read every row into memory and build one Buffer;
 * nothing in the application calls them.
 */
import {
  auditActionLabel,
  auditEntityTypeLabel,
  describeUserAgent,
  loginOutcomeLabel,
  organisationKindLabels,
  type Lang,
  type OrganisationKind,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import {
  auditBatch,
  auditHeadId,
  countAudit,
  type AuditFilters,
} from '../src/modules/audit/audit.repository.js';
import {
  listOrganisations,
  type OrganisationFilters,
} from '../src/modules/organisations/organisations.repository.js';
import { presentOrganisation } from '../src/modules/organisations/organisations.service.js';
import {
  countLoginLog,
  loginLogBatch,
  loginLogHeadId,
  type LoginLogFilters,
} from '../src/modules/users/login-log.repository.js';
import { writeAudit, type AuditContext } from '../src/platform/audit.js';
import type { Actor } from '../src/platform/authz/actor.js';
import { scopeOf } from '../src/platform/authz/scope.js';
import type { DB } from '../src/platform/db-types.js';
import {
  chinaDateStamp,
  chinaDateTime,
  exportSummaryRows,
  filterSheet,
  type FileNames,
} from '../src/platform/http/download.js';
import { buildCsv, writeWorkbook, type CellOut } from '../src/platform/imports/sheet.js';

// ---------------------------------------------------------------------------------------------------
// apps/server/src/modules/organisations/organisations.import.ts

export const legacyExportOrganisations = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: OrganisationFilters,
  format: 'xlsx' | 'csv' = 'xlsx',
) => {
  const { rows, total } = await listOrganisations(db, scopeOf(actor, 'administration'), q, {
    offset: 0,
    limit: 100_000,
  });
  const presented = rows.map((r) => presentOrganisation(r, actor));
  const headers = [
    '单位名称',
    '单位类型',
    '行政区划代码',
    '行政区划',
    '统一社会信用代码',
    '是否公立',
    '行业代码',
    '从业人员数',
    '营业收入(万元)',
    '企业规模',
    '地址',
    '联系人',
    '联系电话',
  ];
  // Values go out as stored; the writers prefix text that a spreadsheet would run as a formula.
  const cells = presented.map((o) => [
    o.name,
    organisationKindLabels[o.kind as OrganisationKind]?.zh ?? o.kind,
    o.regionCode,
    o.regionName,
    o.creditCode,
    o.isPublic ? '是' : '否',
    o.industryCode,
    o.employees,
    o.revenueWanYuan,
    o.enterpriseSize,
    o.address,
    o.contactName,
    o.contactPhone,
  ]);
  const buf = format === 'csv' ? buildCsv(headers, cells) : await writeWorkbook('单位', headers, cells);
  await writeAudit(db, ctx, {
    action: 'organisation.export',
    entityType: 'organisation',
    after: { filters: q, format, rows: total },
  });
  return buf;
};

// ---------------------------------------------------------------------------------------------------
// apps/server/src/modules/audit/audit.export.ts

/** Rows one export may hold (the newest); more matching entries are reported as left out. */
const AUDIT_EXPORT_MAX_ROWS = 50_000;

/** Excel holds at most 32,767 characters in a cell; longer before/after JSON is cut with a note. */
const CELL_MAX = 32_000;

const auditJson = (v: unknown, lang: Lang): CellOut => {
  if (v === null || v === undefined) return null;
  const s = JSON.stringify(v);
  return s.length > CELL_MAX
    ? `${s.slice(0, CELL_MAX)}… (${lang === 'en' ? `cut, ${s.length} characters` : `已截断，共 ${s.length} 字符`})`
    : s;
};

const AUDIT_HEADERS = {
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
const AUDIT_WIDTHS = [10, 20, 18, 14, 16, 18, 24, 12, 12, 50, 50, 20, 66];

type AuditRow = Awaited<ReturnType<typeof auditBatch>>[number];

const auditCells = (r: AuditRow, lang: Lang): CellOut[] => [
  r.audit_log_id,
  chinaDateTime(r.at),
  r.actor_username,
  r.actor_organisation_id,
  r.ip,
  auditActionLabel(r.action, lang),
  r.action,
  r.entity_type ? auditEntityTypeLabel(r.entity_type, lang) : null,
  r.entity_id,
  auditJson(r.before, lang),
  auditJson(r.after, lang),
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

export const legacyExportAudit = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  lang: Lang,
  q: AuditFilters,
  maxRows = AUDIT_EXPORT_MAX_ROWS,
): Promise<{ body: Buffer; names: FileNames }> => {
  const en = lang === 'en';
  const head = await auditHeadId(db);
  const total = await countAudit(db, q, head);
  const rows: CellOut[][] = [];
  for (let before = head + 1; rows.length < maxRows;) {
    const limit = Math.min(1_000, maxRows - rows.length);
    const batch = await auditBatch(db, q, before, limit);
    for (const r of batch) rows.push(auditCells(r, lang));
    if (batch.length < limit) break;
    before = batch[batch.length - 1]!.audit_log_id;
  }
  const truncated = total > rows.length;
  const exportedAt = new Date();
  const sheet = filterSheet(lang, [
    [en ? 'Contents' : '导出内容', en ? 'Audit log' : '审计日志'],
    ...describeFilter(q, lang),
    ...exportSummaryRows(lang, {
      username: ctx.username,
      exportedAt,
      head,
      matched: total,
      exported: rows.length,
      maxRows,
    }),
  ]);
  const body = await writeWorkbook(
    en ? 'Audit log' : '审计日志',
    AUDIT_HEADERS[en ? 'en' : 'zh'],
    rows,
    300,
    {
      widths: AUDIT_WIDTHS,
      extra: [sheet],
    },
  );
  await writeAudit(db, ctx, {
    action: 'audit.export',
    entityType: 'audit_log',
    after: { filters: q, upTo: head, matched: total, rows: rows.length, truncated },
  });
  const stamp = chinaDateStamp(exportedAt);
  return { body, names: { zh: `审计日志-${stamp}.xlsx`, en: `audit-log-${stamp}.xlsx` } };
};

// ---------------------------------------------------------------------------------------------------
// apps/server/src/modules/users/login-log.export.ts

const LOGIN_LOG_EXPORT_MAX_ROWS = 50_000;

const LOGIN_HEADERS = {
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
const LOGIN_WIDTHS = [10, 20, 20, 14, 14, 16, 18, 16, 80];

type LoginRow = Awaited<ReturnType<typeof loginLogBatch>>[number];

const loginCells = (r: LoginRow, lang: Lang): CellOut[] => {
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

export const legacyExportLoginLog = async (
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
    const limit = Math.min(1_000, maxRows - rows.length);
    const batch = await loginLogBatch(db, actor, q, before, limit);
    for (const r of batch) rows.push(loginCells(r, lang));
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
  const body = await writeWorkbook(
    en ? 'Login log' : '登录日志',
    LOGIN_HEADERS[en ? 'en' : 'zh'],
    rows,
    300,
    {
      widths: LOGIN_WIDTHS,
      extra: [sheet],
    },
  );
  await writeAudit(db, ctx, {
    action: 'login_log.export',
    entityType: 'login_log',
    after: { filters: q, upTo: head, matched: total, rows: rows.length, truncated },
  });
  const stamp = chinaDateStamp(exportedAt);
  return { body, names: { zh: `登录日志-${stamp}.xlsx`, en: `login-log-${stamp}.xlsx` } };
};
