/**
 * 用人单位数据库 use-cases (issue 17 item 4; R28, R29): uploaded lists, the entries with their derived
 * status, the review of uncertain matches (confirm the candidate / reject it / register a new employer
 * through the employers module), the status of an entry (not applicable / closed / relocated — for a
 * linked entry through `setEmployerProgrammeStatus`), door-to-door follow-ups (入户指导) and half-yearly
 * snapshots (半年报送). Every write is audited in its transaction.
 */
import {
  censusStatuses,
  type CensusAssignInput,
  type CensusCounts,
  type CensusEntryQuery,
  type CensusEntrySummary,
  type CensusFollowUpQuery,
  type CensusFollowUpSummary,
  type CensusListSummary,
  type CensusOutcomeInput,
  type CensusReviewInput,
  type CensusSnapshotInput,
  type CensusSnapshotSummary,
  type CensusSource,
  type CensusStatus,
  type CensusStatusInput,
  censusSourceLabels,
  censusStatusLabels,
  censusMatchStateLabels,
  censusFollowUpOutcomeLabels,
  type CensusFollowUpExportQuery,
  type CensusListExportQuery,
  type Lang,
} from '@ohp/contracts';
import { childrenOf, chinaToday, getRegion } from '@ohp/reference';
import type { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { regionInScope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import {
  chinaDateStamp,
  chinaDateTime,
  EXPORT_PAGE_ROWS,
  exportPages,
  exportSummaryRows,
  filterSheet,
  streamListExport,
  type FileNames,
} from '../../platform/http/download.js';
import { writeWorkbook } from '../../platform/imports/sheet.js';
import { streamWorkbook, type CellOut } from '../../platform/imports/sheet-write.js';
import { ensureEmployers, setEmployerProgrammeStatus } from '../employers/index.js';
import {
  canManage,
  canRecordOutcome,
  canSnapshot,
  censusScope,
  entryAbilities,
  programmeStatusOf,
} from './employer-census.policy.js';
import {
  assignableUsers,
  closeFollowUp,
  countEntries,
  entryExportPage,
  countFollowUps,
  countLists,
  followUpExportPage,
  listExportPage,
  employersByIds,
  entriesByIds,
  insertFollowUps,
  insertSnapshot,
  isDeclared,
  listEntries,
  listFollowUps,
  listLists,
  listSnapshots,
  lockEntry,
  lockFollowUp,
  openFollowUpsOf,
  snapshotCounts,
  snapshotRows,
  updateEntry,
  type EntryRow,
  type FollowUpRow,
  type ListRow,
  type LockedEntry,
} from './employer-census.repository.js';

const regionName = (code: string) => {
  const r = getRegion(code);
  if (!r) return code;
  const county = code.length === 9 ? getRegion(code.slice(0, 6)) : undefined;
  return county ? `${county.name}${r.name}` : r.name;
};

const requireManager = (actor: Actor) => {
  if (!canManage(actor)) throw forbidden('census_not_regulator');
};

// ---------------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------------

export const listListsFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: { page?: number; pageSize?: number },
): Promise<{ data: CensusListSummary[]; total: number; page: number; pageSize: number }> => {
  const scope = censusScope(actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [rows, total] = await Promise.all([
    listLists(db, scope, { offset: (page - 1) * pageSize, limit: pageSize }),
    countLists(db, scope),
  ]);
  return {
    data: rows.map((r) => {
      const c = listCounts(r);
      return {
        id: r.census_list_id,
        batchId: r.import_batch_id,
        source: r.source as CensusSource,
        title: r.title,
        regionCode: r.region_code,
        uploadedBy: r.uploaded_by,
        uploadedAt: new Date(r.uploaded_at).toISOString(),
        ...c,
      };
    }),
    total,
    page,
    pageSize,
  };
};

/** A list's row counts by match state and the rows its import rejected. */
const listCounts = (r: ListRow) => {
  const c = JSON.parse(r.counts ?? '{}') as Record<string, number>;
  const report = (r.report ?? {}) as { rejected?: number };
  return {
    rows: c.rows ?? 0,
    matched: c.matched ?? 0,
    uncertain: c.uncertain ?? 0,
    unmatched: c.unmatched ?? 0,
    errors: Number(report.rejected ?? 0),
  };
};

/** The most rows one lists or follow-ups export writes. */
export const CENSUS_LIST_EXPORT_MAX_ROWS = 50_000;

/**
 * 已导入名单 as a file: every list in the actor's region (the list's rows, newest first) with its source,
 * uploader and counts; audited (`census_list.export`).
 */
export const exportLists = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: CensusListExportQuery,
  lang: Lang,
  opts: { maxRows?: number; pageSize?: number } = {},
) => {
  const en = lang === 'en';
  const scope = censusScope(actor);
  const label = (l: { zh: string; en: string }) => (en ? l.en : l.zh);
  return streamListExport<ListRow>({
    db,
    ctx,
    lang,
    format: q.format,
    audit: { action: 'census_list.export', entityType: 'census_list', filters: {} },
    sheet: { zh: '已导入名单', en: 'Uploaded lists' },
    file: { zh: '潜在用人单位名单', en: 'census-lists' },
    columns: [
      { zh: '名单编号', en: 'List no.', width: 8, cell: (r) => r.census_list_id },
      {
        zh: '名单来源',
        en: 'Source',
        width: 16,
        cell: (r) => {
          const l = censusSourceLabels[r.source as CensusSource];
          return l ? label(l) : r.source;
        },
      },
      { zh: '名单名称', en: 'Title', width: 36, cell: (r) => r.title },
      { zh: '所在地区', en: 'Region', width: 20, cell: (r) => regionName(r.region_code) },
      { zh: '上传人', en: 'Uploaded by', width: 12, cell: (r) => r.uploaded_by ?? '' },
      {
        zh: '上传时间',
        en: 'Uploaded at',
        width: 20,
        cell: (r) => chinaDateTime(new Date(r.uploaded_at)),
      },
      { zh: '名单单位数', en: 'Rows', width: 10, cell: (r) => listCounts(r).rows },
      { zh: '已匹配', en: 'Matched', width: 8, cell: (r) => listCounts(r).matched },
      { zh: '待复核', en: 'To review', width: 8, cell: (r) => listCounts(r).uncertain },
      { zh: '未匹配', en: 'Unmatched', width: 8, cell: (r) => listCounts(r).unmatched },
      { zh: '错误行', en: 'Rejected rows', width: 8, cell: (r) => listCounts(r).errors },
      { zh: '导入批次', en: 'Import batch', width: 10, cell: (r) => r.import_batch_id },
    ],
    count: () => countLists(db, scope),
    page: (after, limit) => listExportPage(db, scope, after?.census_list_id ?? null, limit),
    filter: [
      [en ? 'Contents' : '导出内容', en ? 'Uploaded potential-employer lists' : '已导入的潜在用人单位名单'],
      [en ? 'Scope' : '数据范围', en ? "Lists within the exporter's region" : '导出人管辖地区内的名单'],
    ],
    order: { zh: '按上传时间由新到旧排列', en: 'newest first' },
    maxRows: opts.maxRows ?? CENSUS_LIST_EXPORT_MAX_ROWS,
    pageSize: opts.pageSize,
  });
};

// ---------------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------------

type StoredCandidate = { employerId: number; name: string; score: number; editDistance: number };

const present = async (
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  rows: EntryRow[],
): Promise<CensusEntrySummary[]> => {
  const scope = censusScope(actor);
  const candidateIds = [
    ...new Set(rows.flatMap((r) => ((r.candidates ?? []) as StoredCandidate[]).map((c) => c.employerId))),
  ];
  const employers = new Map((await employersByIds(db, candidateIds)).map((e) => [e.organisation_id, e]));
  const today = chinaToday();
  const follow = new Map(
    (
      await listFollowUps(
        db,
        scope,
        { today, entryIds: rows.map((r) => r.census_entry_id) },
        { offset: 0, limit: 1000 },
      )
    )
      .reverse()
      .map((f) => [f.census_entry_id, f]),
  );
  return rows.map((r) => {
    const f = follow.get(r.census_entry_id);
    const status = r.status as CensusStatus;
    const candidates = ((r.candidates ?? []) as StoredCandidate[]).flatMap((c) => {
      const e = employers.get(c.employerId);
      // A candidate outside the reader's scope (or deleted since) is not shown.
      if (!e || e.status === 'deleted' || !regionInScope(scope, e.region_code)) return [];
      return [
        {
          employerId: c.employerId,
          name: e.name,
          creditCode: e.credit_code,
          regionCode: e.region_code,
          address: e.address,
          score: c.score,
          editDistance: c.editDistance,
        },
      ];
    });
    return {
      id: r.census_entry_id,
      name: r.name,
      creditCode: r.credit_code,
      regionCode: r.region_code,
      regionName: regionName(r.region_code),
      address: r.address,
      industry: r.industry_text ?? r.industry_code,
      staff: r.staff,
      contactName: r.contact_name,
      contactPhone: r.contact_phone_masked,
      sources: (r.sources ?? []) as CensusSource[],
      matchState: r.match_state,
      employerId: r.employer_id,
      employerName: r.employer_name,
      riskClass: r.risk_class ?? null,
      status,
      statusReason: r.status_reason,
      candidates,
      followUp: f
        ? {
            id: f.census_follow_up_id,
            assignee: f.assignee,
            dueOn: f.due_on,
            status: f.status,
            outcome: f.outcome,
            overdue: f.status === 'open' && f.due_on < today,
          }
        : null,
      abilities: entryAbilities(actor, {
        matchState: r.match_state,
        status,
        creditCode: r.credit_code,
        openFollowUp: f?.status === 'open',
      }),
    };
  });
};

export const listEntriesFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: CensusEntryQuery,
  exactLimit: number,
) => {
  const scope = censusScope(actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f = {
    ...(q.source && { source: q.source }),
    ...(q.matchState && { matchState: q.matchState }),
    ...(q.status && { status: q.status }),
    ...(q.regionCode && { regionCode: q.regionCode }),
    ...(q.riskClass && { riskClass: q.riskClass }),
    ...(q.listId && { listId: q.listId }),
    ...(q.q && { q: q.q }),
  };
  const [rows, total] = await Promise.all([
    listEntries(db, scope, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countEntries(db, scope, f, { exact: Boolean(q.exactTotal), limit: exactLimit }),
  ]);
  return { data: await present(db, actor, rows), ...total, page, pageSize };
};

/** The most rows one export writes (a province's lists fit; the filter sheet says when it was cut). */
export const CENSUS_EXPORT_MAX_ROWS = 200_000;

/**
 * The filtered entries as a workbook, streamed by keyset pages in the list's order (memory flat in the
 * row count), with the filter sheet every export carries; audited (`census_entry.export`).
 */
export const exportEntries = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: CensusEntryQuery,
  lang: Lang,
  maxRows = CENSUS_EXPORT_MAX_ROWS,
  pageRows = EXPORT_PAGE_ROWS,
): Promise<{ body: Readable; names: FileNames }> => {
  const en = lang === 'en';
  const scope = censusScope(actor);
  const f = {
    ...(q.source && { source: q.source }),
    ...(q.matchState && { matchState: q.matchState }),
    ...(q.status && { status: q.status }),
    ...(q.regionCode && { regionCode: q.regionCode }),
    ...(q.riskClass && { riskClass: q.riskClass }),
    ...(q.listId && { listId: q.listId }),
    ...(q.q && { q: q.q }),
  };
  const { total } = await countEntries(db, scope, f, { exact: true, limit: Number.MAX_SAFE_INTEGER });
  const first = await entryExportPage(db, scope, f, null, Math.min(pageRows, maxRows));
  const planned = Math.min(total, maxRows);
  const exportedAt = new Date();
  await writeAudit(db, ctx, {
    action: 'census_entry.export',
    entityType: 'census_entry',
    after: { filters: q, matched: total, rows: planned, truncated: total > planned },
  });
  const label = (l: { zh: string; en: string }) => (en ? l.en : l.zh);
  const { pages, written } = exportPages({
    first,
    pageSize: pageRows,
    maxRows,
    next: (last, limit) => entryExportPage(db, scope, f, last, limit),
    cells: (r): CellOut[] => [
      r.name,
      r.credit_code ?? '',
      regionName(r.region_code),
      r.address ?? '',
      r.industry_text ?? r.industry_code ?? '',
      r.staff ?? '',
      ((r.sources ?? []) as CensusSource[]).map((s) => label(censusSourceLabels[s])).join('、'),
      label(censusMatchStateLabels[r.match_state]),
      r.employer_name ?? '',
      r.risk_class ?? '',
      label(censusStatusLabels[r.status as CensusStatus]),
      r.status_reason ?? '',
    ],
  });
  const any = en ? 'All' : '全部';
  const body = streamWorkbook(
    {
      name: en ? 'Employer database' : '用人单位数据库',
      headers: en ? EXPORT_HEADERS.en : EXPORT_HEADERS.zh,
      widths: [36, 22, 20, 36, 24, 10, 28, 10, 36, 10, 12, 30],
    },
    pages,
    () => [
      filterSheet(lang, [
        [en ? 'Contents' : '导出内容', en ? 'Potential-employer database' : '用人单位数据库（摸底名单）'],
        [
          en ? 'Region' : '地区',
          q.regionCode ? `${q.regionCode} ${getRegion(q.regionCode)?.name ?? ''}` : any,
        ],
        [en ? 'Source' : '名单来源', q.source ? label(censusSourceLabels[q.source]) : any],
        [en ? 'Match' : '匹配', q.matchState ? label(censusMatchStateLabels[q.matchState]) : any],
        [en ? 'Status' : '状态', q.status ? label(censusStatusLabels[q.status]) : any],
        [en ? 'Risk class' : '风险类别', q.riskClass ?? any],
        [en ? 'List' : '名单', q.listId ?? any],
        [en ? 'Search' : '名称或代码', q.q ?? any],
        [
          en ? 'Scope' : '数据范围',
          en ? "Entries within the exporter's scope" : '导出人管辖范围内的名单条目',
        ],
        ...exportSummaryRows(lang, {
          username: ctx.username,
          exportedAt,
          matched: total,
          exported: written(),
          maxRows,
          order: { zh: '按地区、登记先后排列', en: 'by region, then in order of entry' },
        }),
      ]),
    ],
  );
  const stamp = chinaDateStamp(exportedAt);
  return { body, names: { zh: `用人单位数据库-${stamp}.xlsx`, en: `employer-database-${stamp}.xlsx` } };
};

const EXPORT_HEADERS = {
  en: [
    'Name',
    'Credit code',
    'Region',
    'Address',
    'Industry',
    'Staff',
    'Sources',
    'Match',
    'Employer',
    'Risk class',
    'Status',
    'Reason',
  ],
  zh: [
    '单位名称',
    '统一社会信用代码',
    '所在地区',
    '地址',
    '行业',
    '职工人数',
    '名单来源',
    '匹配',
    '对应用人单位',
    '风险类别',
    '状态',
    '原因',
  ],
};

const summaryOf = async (trx: Transaction<DB>, actor: Actor, id: number) => {
  const [row] = await entriesByIds(trx, censusScope(actor), [id]);
  return { id, status: row!.status as CensusStatus, matchState: row!.match_state };
};

const auditEntry = (e: LockedEntry) => ({
  matchState: e.match_state,
  employerId: e.employer_id,
  status: e.status,
  statusReason: e.status_reason,
  candidates: (e.candidates ?? []) as unknown,
});

/** 匹配复核: confirm the candidate, reject it, or register the entry as a new employer. */
export const reviewEntry = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: CensusReviewInput,
) => {
  requireManager(actor);
  return db.transaction().execute(async (trx) => {
    const scope = censusScope(actor);
    const e = await lockEntry(trx, scope, id);
    if (!e) throw notFound();
    if (e.match_state === 'matched') throw new AppError('conflict', 'census_entry_already_matched');
    const candidates = (e.candidates ?? []) as StoredCandidate[];
    let change: Parameters<typeof updateEntry>[2];
    if (input.decision === 'confirm' || input.decision === 'reject') {
      if (!input.employerId && input.decision === 'confirm')
        throw invalid([{ path: 'employerId', reason: 'value_required' }]);
      if (input.employerId && !candidates.some((c) => c.employerId === input.employerId))
        throw invalid([{ path: 'employerId', reason: 'census_not_a_candidate' }]);
      if (input.decision === 'confirm' && input.employerId) {
        const [emp] = await employersByIds(trx, [input.employerId]);
        if (!emp || emp.status === 'deleted' || !regionInScope(scope, emp.region_code))
          throw invalid([{ path: 'employerId', reason: 'census_not_a_candidate' }]);
        change = {
          employer_id: input.employerId,
          match_state: 'matched',
          match_method: 'review',
          candidates: '[]',
        };
      } else {
        // Without an employer: none of the candidates is this entry.
        const rejected = input.employerId ? [input.employerId] : candidates.map((c) => c.employerId);
        const left = candidates.filter((c) => !rejected.includes(c.employerId));
        change = {
          candidates: JSON.stringify(left),
          rejected_employer_ids: [...new Set([...e.rejected_employer_ids, ...rejected])],
          match_state: left.length ? 'uncertain' : 'unmatched',
        };
      }
    } else {
      if (!e.credit_code) throw invalid([{ path: 'decision', reason: 'census_new_needs_credit_code' }]);
      const ids = await ensureEmployers(
        trx,
        [
          {
            creditCode: e.credit_code,
            name: e.name,
            regionCode: e.region_code,
            address: e.address,
            industryCode: e.industry_code,
            employees: e.staff,
          },
        ],
        'census',
      );
      const employerId = ids.get(e.credit_code);
      const [emp] = employerId ? await employersByIds(trx, [employerId]) : [];
      if (!emp || emp.kind !== 'employer' || !regionInScope(scope, emp.region_code))
        throw new AppError('conflict', 'census_credit_code_elsewhere');
      change = {
        employer_id: employerId!,
        match_state: 'matched',
        match_method: 'confirmed_new',
        candidates: '[]',
      };
    }
    await updateEntry(trx, id, change);
    await writeAudit(trx, ctx, {
      action: 'census_entry.resolve',
      entityType: 'census_entry',
      entityId: id,
      before: auditEntry(e),
      after: {
        decision: input.decision,
        employerId: input.employerId ?? change.employer_id ?? null,
        ...change,
      },
    });
    return summaryOf(trx, actor, id);
  });
};

/** Sets an entry's status in its transaction (and its employer's programme status when linked). */
const applyStatus = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  actor: Actor,
  e: LockedEntry,
  input: {
    status: 'open' | 'not_applicable' | 'closed' | 'relocated';
    reason?: string | null;
    on?: string | null;
  },
  via: string,
) => {
  const reason = input.reason?.trim() || null;
  if (input.status !== 'open' && !reason)
    throw invalid([{ path: 'reason', reason: 'census_status_reason_required' }]);
  const on = input.status === 'open' ? null : (input.on ?? chinaToday());
  if (e.employer_id)
    await setEmployerProgrammeStatus(trx, ctx, actor, e.employer_id, {
      status: programmeStatusOf[input.status],
      reason,
      on,
    });
  await updateEntry(trx, e.census_entry_id, {
    status: input.status,
    status_reason: input.status === 'open' ? null : reason,
    status_on: on,
  });
  await writeAudit(trx, ctx, {
    action: 'census_entry.set_status',
    entityType: 'census_entry',
    entityId: e.census_entry_id,
    before: { status: e.status, reason: e.status_reason, on: e.status_on },
    after: { status: input.status, reason, on, employerId: e.employer_id, via },
  });
};

export const setEntryStatus = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: CensusStatusInput,
) => {
  requireManager(actor);
  return db.transaction().execute(async (trx) => {
    const e = await lockEntry(trx, censusScope(actor), id);
    if (!e) throw notFound();
    if (e.status === input.status && (input.reason?.trim() || null) === e.status_reason)
      return summaryOf(trx, actor, id);
    await applyStatus(trx, ctx, actor, e, input, 'entry');
    return summaryOf(trx, actor, id);
  });
};

// ---------------------------------------------------------------------------------------------------
// Follow-ups (入户指导)
// ---------------------------------------------------------------------------------------------------

export const assigneesFor = async (db: Kysely<DB>, actor: Actor, regionCode?: string) => {
  requireManager(actor);
  return (await assignableUsers(db, censusScope(actor), regionCode)).map((u) => ({
    userId: u.user_id,
    name: u.display_name ?? u.username,
    organisation: u.organisation_name,
    regionCode: u.region_code,
  }));
};

/** Assigns entries to a county staff user (default: the caller, when county staff). `today` for the demo. */
export const assignFollowUps = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: CensusAssignInput,
  today = chinaToday(),
) => {
  requireManager(actor);
  if (input.dueOn < today) throw invalid([{ path: 'dueOn', reason: 'census_due_in_past' }]);
  const assigneeId = input.assigneeUserId ?? actor.userId;
  return db.transaction().execute(async (trx) => {
    const scope = censusScope(actor);
    const rows = await entriesByIds(trx, scope, input.entryIds);
    if (rows.length !== input.entryIds.length) throw notFound();
    const users = await assignableUsers(trx, scope);
    const assignee = users.find((u) => u.user_id === assigneeId);
    if (!assignee) throw invalid([{ path: 'assigneeUserId', reason: 'census_assignee_invalid' }]);
    const details: Array<{ path: string; reason: string }> = [];
    const open = new Set((await openFollowUpsOf(trx, input.entryIds)).map((f) => f.census_entry_id));
    input.entryIds.forEach((id, i) => {
      const r = rows.find((x) => x.census_entry_id === id)!;
      if (r.status !== 'not_declared')
        details.push({ path: `entryIds/${i}`, reason: 'census_follow_up_not_undeclared' });
      else if (open.has(id)) details.push({ path: `entryIds/${i}`, reason: 'census_follow_up_open' });
      else if (!r.region_code.startsWith(assignee.region_code))
        details.push({ path: `entryIds/${i}`, reason: 'census_assignee_other_county' });
    });
    if (details.length) throw invalid(details);
    const inserted = await insertFollowUps(
      trx,
      input.entryIds
        .map((id) => rows.find((x) => x.census_entry_id === id)!)
        .map((r) => ({
          census_entry_id: r.census_entry_id,
          region_code: r.region_code,
          assignee_user_id: assigneeId,
          assigned_by: actor.userId,
          due_on: input.dueOn,
        })),
    );
    await writeAudit(trx, ctx, {
      action: 'census_follow_up.assign',
      entityType: 'census_follow_up',
      entityId: inserted.length === 1 ? inserted[0]!.census_follow_up_id : null,
      after: {
        assigneeUserId: assigneeId,
        dueOn: input.dueOn,
        tasks: inserted.map((f) => ({ id: f.census_follow_up_id, entryId: f.census_entry_id })),
      },
    });
    return { assigned: inserted.length, ids: inserted.map((f) => f.census_follow_up_id) };
  });
};

export const listFollowUpsFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: CensusFollowUpQuery,
): Promise<{ data: CensusFollowUpSummary[]; total: number; page: number; pageSize: number }> => {
  const scope = censusScope(actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const today = chinaToday();
  const f = { today, ...(q.mine && { assignee: actor.userId }), ...(q.status && { status: q.status }) };
  const [rows, total] = await Promise.all([
    listFollowUps(db, scope, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countFollowUps(db, scope, f),
  ]);
  return {
    data: rows.map((r) => ({
      id: r.census_follow_up_id,
      entryId: r.census_entry_id,
      entryName: r.entry_name,
      regionCode: r.region_code,
      regionName: regionName(r.region_code),
      address: r.address,
      assigneeUserId: r.assignee_user_id,
      assignee: r.assignee ?? '',
      dueOn: r.due_on,
      status: r.status,
      overdue: r.status === 'open' && r.due_on < today,
      outcome: r.outcome,
      outcomeNote: r.outcome_note,
      willDeclareBy: r.will_declare_by,
      visitedOn: r.visited_on,
      canRecord: canRecordOutcome(actor, { assignee_user_id: r.assignee_user_id, status: r.status }),
    })),
    total,
    page,
    pageSize,
  };
};

const followUpStatusLabels = {
  open: { zh: '待走访', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  overdue: { zh: '已逾期', en: 'Overdue' },
};

/**
 * 入户指导 as a file: the tasks the list shows for the same filter (mine, open / done / overdue) in the
 * actor's region, in its order (open first, by due date); audited (`census_follow_up.export`).
 */
export const exportFollowUps = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: CensusFollowUpExportQuery,
  lang: Lang,
  opts: { maxRows?: number; pageSize?: number; today?: string } = {},
) => {
  const en = lang === 'en';
  const scope = censusScope(actor);
  const today = opts.today ?? chinaToday();
  const f = { today, ...(q.mine && { assignee: actor.userId }), ...(q.status && { status: q.status }) };
  const { format, ...filters } = q;
  const label = (l: { zh: string; en: string }) => (en ? l.en : l.zh);
  const any = en ? 'All' : '全部';
  return streamListExport<FollowUpRow>({
    db,
    ctx,
    lang,
    format,
    audit: { action: 'census_follow_up.export', entityType: 'census_follow_up', filters },
    sheet: { zh: '入户指导', en: 'Follow-ups' },
    file: { zh: '入户指导', en: 'census-follow-ups' },
    columns: [
      { zh: '任务编号', en: 'Task no.', width: 8, cell: (r) => r.census_follow_up_id },
      { zh: '单位名称', en: 'Name', width: 36, cell: (r) => r.entry_name },
      { zh: '所在地区', en: 'Region', width: 20, cell: (r) => regionName(r.region_code) },
      { zh: '地址', en: 'Address', width: 36, cell: (r) => r.address ?? '' },
      { zh: '指导人员', en: 'Assignee', width: 12, cell: (r) => r.assignee ?? '' },
      { zh: '截止日期', en: 'Due on', width: 12, cell: (r) => r.due_on },
      {
        zh: '状态',
        en: 'Status',
        width: 10,
        cell: (r) =>
          label(followUpStatusLabels[r.status === 'open' && r.due_on < today ? 'overdue' : r.status]),
      },
      {
        zh: '走访结果',
        en: 'Outcome',
        width: 22,
        cell: (r) => (r.outcome ? label(censusFollowUpOutcomeLabels[r.outcome]) : ''),
      },
      { zh: '承诺申报日期', en: 'Will declare by', width: 12, cell: (r) => r.will_declare_by ?? '' },
      { zh: '走访日期', en: 'Visited on', width: 12, cell: (r) => r.visited_on ?? '' },
      { zh: '说明', en: 'Note', width: 36, cell: (r) => r.outcome_note ?? '' },
    ],
    count: () => countFollowUps(db, scope, f),
    page: (after, limit) => followUpExportPage(db, scope, f, after, limit),
    filter: [
      [en ? 'Contents' : '导出内容', en ? 'Door-to-door follow-ups' : '入户指导任务'],
      [en ? 'Assigned to me only' : '仅我的任务', q.mine ? (en ? 'Yes' : '是') : en ? 'No' : '否'],
      [en ? 'Status' : '状态', q.status ? label(followUpStatusLabels[q.status]) : any],
      [en ? 'Scope' : '数据范围', en ? "Tasks within the exporter's region" : '导出人管辖地区内的任务'],
    ],
    order: { zh: '未完成在前，按截止日期排列', en: 'open first, by due date' },
    maxRows: opts.maxRows ?? CENSUS_LIST_EXPORT_MAX_ROWS,
    pageSize: opts.pageSize,
  });
};

/** The assignee records the visit; the entry's status follows (not applicable / closed). */
export const recordOutcome = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: CensusOutcomeInput,
  today = chinaToday(),
) =>
  db.transaction().execute(async (trx) => {
    const scope = censusScope(actor);
    const f = await lockFollowUp(trx, scope, id);
    if (!f) throw notFound();
    if (f.status !== 'open') throw new AppError('conflict', 'census_follow_up_done');
    if (!canRecordOutcome(actor, f)) throw forbidden('census_follow_up_not_assignee');
    const visitedOn = input.visitedOn ?? today;
    const note = input.note?.trim() || null;
    const details: Array<{ path: string; reason: string }> = [];
    if (visitedOn > today) details.push({ path: 'visitedOn', reason: 'census_date_future' });
    if (input.outcome === 'will_declare' && !input.willDeclareBy)
      details.push({ path: 'willDeclareBy', reason: 'value_required' });
    if (input.willDeclareBy && input.willDeclareBy < visitedOn)
      details.push({ path: 'willDeclareBy', reason: 'census_date_before_visit' });
    if ((input.outcome === 'not_applicable' || input.outcome === 'closed') && !note)
      details.push({ path: 'note', reason: 'census_status_reason_required' });
    if (details.length) throw invalid(details);
    await closeFollowUp(trx, id, {
      outcome: input.outcome,
      outcome_note: note,
      will_declare_by: input.outcome === 'will_declare' ? input.willDeclareBy! : null,
      visited_on: visitedOn,
      recorded_by: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'census_follow_up.record',
      entityType: 'census_follow_up',
      entityId: id,
      before: { status: 'open' },
      after: {
        status: 'done',
        outcome: input.outcome,
        note,
        visitedOn,
        willDeclareBy: input.willDeclareBy ?? null,
      },
    });
    if (input.outcome === 'not_applicable' || input.outcome === 'closed') {
      const e = await lockEntry(trx, scope, f.census_entry_id);
      if (e)
        await applyStatus(
          trx,
          ctx,
          actor,
          e,
          { status: input.outcome, reason: note, on: visitedOn },
          `follow_up:${id}`,
        );
    }
    const e = (await entriesByIds(trx, scope, [f.census_entry_id]))[0];
    return { id, entryStatus: (e?.status ?? 'not_declared') as CensusStatus };
  });

// ---------------------------------------------------------------------------------------------------
// Snapshots (半年报送)
// ---------------------------------------------------------------------------------------------------

const countsOf = (c: Record<string, number>): CensusCounts => ({
  total: c.total ?? 0,
  declared: c.declared ?? 0,
  not_declared: c.not_declared ?? 0,
  not_applicable: c.not_applicable ?? 0,
  closed: c.closed ?? 0,
  relocated: c.relocated ?? 0,
  matched: c.matched ?? 0,
  uncertain: c.uncertain ?? 0,
  unmatched: c.unmatched ?? 0,
});

/** Freezes the database of the actor's city, or of every city of the province. */
export const takeSnapshot = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: CensusSnapshotInput,
) => {
  if (!canSnapshot(actor)) throw forbidden('census_snapshot_city_only');
  const cities =
    actor.regionCode.length === 4 ? [actor.regionCode] : childrenOf(actor.regionCode).map((c) => c.code);
  return db.transaction().execute(async (trx) => {
    const taken: Array<{ id: number; regionCode: string }> = [];
    for (const city of cities) {
      const counts = countsOf(await snapshotCounts(trx, city));
      const id = await insertSnapshot(trx, {
        city,
        period: input.period,
        takenOn: chinaToday(),
        counts,
        userId: actor.userId,
      });
      if (id) taken.push({ id, regionCode: city });
    }
    if (!taken.length) throw new AppError('conflict', 'census_snapshot_exists');
    await writeAudit(trx, ctx, {
      action: 'census_snapshot.create',
      entityType: 'census_snapshot',
      entityId: taken.length === 1 ? taken[0]!.id : null,
      after: { period: input.period, snapshots: taken },
    });
    return { created: taken.length, ids: taken.map((t) => t.id) };
  });
};

export const listSnapshotsFor = async (db: Kysely<DB>, actor: Actor): Promise<CensusSnapshotSummary[]> =>
  (await listSnapshots(db, censusScope(actor))).map((s) => ({
    id: s.census_snapshot_id,
    regionCode: s.region_code,
    regionName: regionName(s.region_code),
    period: s.period,
    takenOn: s.taken_on,
    counts: countsOf(s.counts as Record<string, number>),
  }));

export const snapshotWorkbook = async (db: Kysely<DB>, actor: Actor, id: number, lang: string) => {
  const scope = censusScope(actor);
  const snap = (await listSnapshots(db, scope)).find((s) => s.census_snapshot_id === id);
  if (!snap) throw notFound();
  const rows = await snapshotRows(db, id, scope);
  const en = lang === 'en';
  const label = (l: { zh: string; en: string }) => (en ? l.en : l.zh);
  return {
    period: snap.period,
    regionCode: snap.region_code,
    body: await writeWorkbook(
      en ? 'Snapshot' : '半年报送',
      en
        ? ['Name', 'Credit code', 'Region', 'Status', 'Reason', 'Sources', 'Risk class', 'Employer id']
        : [
            '单位名称',
            '统一社会信用代码',
            '所在地区',
            '状态',
            '原因',
            '名单来源',
            '风险类别',
            '用人单位编号',
          ],
      rows.map((r) => [
        r.name,
        r.credit_code ?? '',
        regionName(r.region_code),
        censusStatuses.includes(r.status as CensusStatus)
          ? label(censusStatusLabels[r.status as CensusStatus])
          : r.status,
        r.status_reason ?? '',
        (r.sources as CensusSource[]).map((s) => label(censusSourceLabels[s] ?? { zh: s, en: s })).join('、'),
        r.risk_class ?? '',
        r.employer_id ?? '',
      ]),
    ),
  };
};

export { isDeclared };
