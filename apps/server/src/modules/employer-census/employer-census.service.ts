/**
 * 用人单位数据库 use-cases (issue 17 item 4; R28, R29): uploaded lists, the entries with their derived
 * status, the review of uncertain matches (confirm the candidate / reject it / register a new employer
 * through the employers module), the status of an entry (not applicable / closed / relocated — for a
 * linked entry through `setEmployerProgrammeStatus`), merging two entries that are the same unit (and
 * undoing it), unlinking a wrong match, door-to-door follow-ups (入户指导, each with its clock on the
 * deadlines engine) and half-yearly snapshots (半年报送). Every write is audited in its transaction.
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
  type CensusMergeInput,
  type CensusMergeResult,
  type CensusOutcomeInput,
  type CensusReasonInput,
  type CensusReviewInput,
  type CensusSnapshotInput,
  type CensusSnapshotSummary,
  type CensusSource,
  type CensusStatus,
  type CensusStatusInput,
  censusSourceLabels,
  censusStatusLabels,
  censusMatchStateLabels,
  censusFollowUpClosureLabels,
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
import { closeDeadlines, openDeadlines } from '../deadlines/index.js';
import { ensureEmployers, setEmployerProgrammeStatus } from '../employers/index.js';
import { EmployerIndex, MAX_CANDIDATES } from './employer-census.matcher.js';
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
  closeFollowUpsAsMerged,
  closeMerge,
  countEntries,
  employersOfCounties,
  hasMergedInto,
  insertMerge,
  lockOpenFollowUpsOf,
  moveFollowUps,
  moveSourcesBack,
  moveSourcesToSurvivor,
  openMergeOf,
  sourceListsOf,
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

/** The deadline rule of a follow-up (migration 0042; no source gives a period: confidence uncertain). */
export const FOLLOW_UP_CLOCK = 'census_follow_up';

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
    const mergedInto = r.merged_into
      ? (JSON.parse(r.merged_into) as { id: number; name: string; mergedAt: string | null })
      : null;
    const mergedFrom = r.merged_from
      ? (JSON.parse(r.merged_from) as Array<{ id: number; name: string }>)
      : [];
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
      mergedInto: mergedInto && {
        ...mergedInto,
        mergedAt: mergedInto.mergedAt ? new Date(mergedInto.mergedAt).toISOString() : null,
      },
      mergedFrom,
      abilities: entryAbilities(actor, {
        matchState: r.match_state,
        status,
        creditCode: r.credit_code,
        openFollowUp: f?.status === 'open',
        merged: r.merged_into_id !== null,
        hasMerged: mergedFrom.length > 0,
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
    ...(q.id && { id: q.id }),
    merged: q.merged === true,
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
    ...(q.id && { id: q.id }),
    merged: q.merged === true,
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
        [
          en ? 'Merged entries' : '已合并条目',
          q.merged
            ? en
              ? 'Only entries merged into another'
              : '仅显示已合并到其他条目的'
            : en
              ? 'Not included (live entries only)'
              : '不含（仅在用条目）',
        ],
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
    if (e.merged_into_id) throw new AppError('conflict', 'census_entry_merged');
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
    if (e.merged_into_id) throw new AppError('conflict', 'census_entry_merged');
    if (e.status === input.status && (input.reason?.trim() || null) === e.status_reason)
      return summaryOf(trx, actor, id);
    await applyStatus(trx, ctx, actor, e, input, 'entry');
    return summaryOf(trx, actor, id);
  });
};

// ---------------------------------------------------------------------------------------------------
// Merge, unmerge, unlink
// ---------------------------------------------------------------------------------------------------

const conflict = (reason: string) => new AppError('conflict', reason);

/** What a merge may change on the survivor (kept with the merge, so an unmerge gives it back). */
type SurvivorFacts = {
  creditCode: string | null;
  employerId: number | null;
  matchState: 'matched' | 'uncertain' | 'unmatched';
  matchMethod: LockedEntry['match_method'];
  candidates: StoredCandidate[];
  rejectedEmployerIds: number[];
  status: LockedEntry['status'];
  statusReason: string | null;
  statusOn: string | null;
};

const factsOf = (e: LockedEntry): SurvivorFacts => ({
  creditCode: e.credit_code,
  employerId: e.employer_id,
  matchState: e.match_state,
  matchMethod: e.match_method,
  candidates: (e.candidates ?? []) as StoredCandidate[],
  rejectedEmployerIds: [...e.rejected_employer_ids].sort((a, b) => a - b),
  status: e.status,
  statusReason: e.status_reason,
  statusOn: e.status_on ? String(e.status_on).slice(0, 10) : null,
});

const matchKey = (f: SurvivorFacts) =>
  JSON.stringify([
    f.employerId,
    f.matchState,
    f.matchMethod,
    f.candidates.map((c) => c.employerId),
    [...f.rejectedEmployerIds].sort((a, b) => a - b),
  ]);
const statusKey = (f: SurvivorFacts) => JSON.stringify([f.status, f.statusReason]);

const sameCode = (a: string | null | undefined, b: string | null | undefined) =>
  Boolean(a && b && a.toUpperCase() === b.toUpperCase());

/**
 * 合并: entry `id` is the same unit as entry `input.into` (the survivor). Both in the actor's scope (404),
 * in the same county, neither merged, `id` with nothing merged into it, not linked to different employers
 * and without two different credit codes (409 with the reason). The survivor keeps its identity and
 * gains: the merged entry's list rows (recorded as merged from it), its credit code when it had none, its
 * employer link when it had none (else the candidates of both not rejected by either), and its status
 * when the survivor is in the programme (open) and the merged entry was marked not applicable / closed /
 * relocated. An open follow-up of the merged entry moves to the survivor, or — when the survivor has its
 * own open follow-up — is closed as a duplicate (outcome 'merged', its clock closed). The merged entry is
 * kept, frozen, pointing to the survivor. One audit entry.
 */
export const mergeEntries = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: CensusMergeInput,
): Promise<CensusMergeResult> => {
  requireManager(actor);
  return db.transaction().execute(async (trx) => {
    const scope = censusScope(actor);
    // Locked in id order (two merges of the same pair never wait on each other crosswise).
    const [lo, hi] = [id, input.into].sort((a, b) => a - b) as [number, number];
    const first = await lockEntry(trx, scope, lo);
    const second = lo === hi ? first : await lockEntry(trx, scope, hi);
    if (!first || !second) throw notFound();
    if (id === input.into) throw conflict('census_merge_self');
    const m = first.census_entry_id === id ? first : second;
    const s = m === first ? second : first;
    if (m.merged_into_id) throw conflict('census_entry_merged');
    if (s.merged_into_id) throw conflict('census_merge_into_merged');
    if (await hasMergedInto(trx, m.census_entry_id)) throw conflict('census_merge_has_merged');
    if (m.county_code !== s.county_code) throw conflict('census_merge_other_county');
    if (m.employer_id && s.employer_id && m.employer_id !== s.employer_id)
      throw conflict('census_merge_different_employers');
    const employerId = s.employer_id ?? m.employer_id;
    const [employer] = employerId ? await employersByIds(trx, [employerId]) : [];
    const codes = new Set(
      [s.credit_code, m.credit_code, employer?.credit_code].flatMap((c) => (c ? [c.toUpperCase()] : [])),
    );
    if (codes.size > 1) throw conflict('census_merge_different_credit_codes');

    const before = factsOf(s);
    const rejected = [...new Set([...s.rejected_employer_ids, ...m.rejected_employer_ids])].sort(
      (a, b) => a - b,
    );
    let match: Pick<SurvivorFacts, 'employerId' | 'matchState' | 'matchMethod' | 'candidates'>;
    if (s.employer_id)
      match = {
        employerId: s.employer_id,
        matchState: 'matched',
        matchMethod: s.match_method,
        candidates: [],
      };
    else if (m.employer_id)
      match = {
        employerId: m.employer_id,
        matchState: 'matched',
        matchMethod: m.match_method,
        candidates: [],
      };
    else {
      const best = new Map<number, StoredCandidate>();
      for (const c of [...before.candidates, ...((m.candidates ?? []) as StoredCandidate[])])
        if (!rejected.includes(c.employerId) && (best.get(c.employerId)?.score ?? -1) < c.score)
          best.set(c.employerId, c);
      const candidates = [...best.values()]
        .sort((a, b) => b.score - a.score || a.employerId - b.employerId)
        .slice(0, MAX_CANDIDATES);
      match = {
        employerId: null,
        matchState: candidates.length ? 'uncertain' : 'unmatched',
        matchMethod: null,
        candidates,
      };
    }
    const takeStatus = s.status === 'open' && m.status !== 'open';
    const after: SurvivorFacts = {
      ...match,
      creditCode: s.credit_code ?? m.credit_code,
      rejectedEmployerIds: rejected,
      status: takeStatus ? m.status : s.status,
      statusReason: takeStatus ? m.status_reason : s.status_reason,
      statusOn: takeStatus ? factsOf(m).statusOn : before.statusOn,
    };
    const codeMoved = !s.credit_code && Boolean(m.credit_code);

    // The merged entry first (its credit code leaves it before the survivor takes it: one per code).
    await updateEntry(trx, m.census_entry_id, {
      merged_into_id: s.census_entry_id,
      ...(codeMoved && { credit_code: null }),
    });
    await updateEntry(trx, s.census_entry_id, {
      credit_code: after.creditCode,
      employer_id: after.employerId,
      match_state: after.matchState,
      match_method: after.matchMethod,
      candidates: JSON.stringify(after.candidates),
      rejected_employer_ids: after.rejectedEmployerIds,
      status: after.status,
      status_reason: after.statusReason,
      status_on: after.statusOn,
    });
    if (takeStatus && after.employerId)
      await setEmployerProgrammeStatus(trx, ctx, actor, after.employerId, {
        status: programmeStatusOf[after.status],
        reason: after.statusReason,
        on: after.statusOn,
      });

    // Sources: the lists that named only the merged entry now name the survivor (provenance kept).
    const survivorLists = new Set(await sourceListsOf(trx, s.census_entry_id));
    const movedLists = (await sourceListsOf(trx, m.census_entry_id)).filter((l) => !survivorLists.has(l));
    const sourcesMoved = await moveSourcesToSurvivor(trx, m.census_entry_id, s.census_entry_id, movedLists);

    // Follow-ups: the visit is to the same unit.
    const mOpen = (await lockOpenFollowUpsOf(trx, m.census_entry_id)).map((f) => f.census_follow_up_id);
    const sOpen = await lockOpenFollowUpsOf(trx, s.census_entry_id);
    let followUpsMoved: number[] = [];
    let followUpsClosed: number[] = [];
    if (mOpen.length && !sOpen.length)
      followUpsMoved = await moveFollowUps(trx, mOpen, {
        entryId: s.census_entry_id,
        regionCode: s.region_code,
      });
    else if (mOpen.length) {
      const note = `合并至条目 #${s.census_entry_id}（${s.name}），沿用其入户指导任务 #${sOpen[0]!.census_follow_up_id}`;
      await closeFollowUpsAsMerged(trx, mOpen, { note, userId: actor.userId });
      await closeDeadlines(trx, [FOLLOW_UP_CLOCK], 'census_follow_up', mOpen, {
        userId: actor.userId,
        note: `merged:${s.census_entry_id}`,
      });
      followUpsClosed = mOpen;
    }

    const reason = input.reason?.trim() || null;
    const mergeId = await insertMerge(trx, {
      merged_entry_id: m.census_entry_id,
      survivor_entry_id: s.census_entry_id,
      reason,
      survivor_before: before,
      survivor_after: after,
      moved_list_ids: movedLists,
      moved_follow_up_ids: followUpsMoved,
      closed_follow_up_ids: followUpsClosed,
      merged_by: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'census_entry.merge',
      entityType: 'census_entry',
      entityId: m.census_entry_id,
      before: {
        merged: { id: m.census_entry_id, name: m.name, creditCode: m.credit_code, ...auditEntry(m) },
        survivor: { id: s.census_entry_id, name: s.name, ...before },
      },
      after: {
        mergeId,
        mergedInto: s.census_entry_id,
        reason,
        survivor: after,
        creditCodeMoved: codeMoved,
        statusTaken: takeStatus,
        sourcesMoved: movedLists,
        followUpsMoved,
        followUpsClosed,
      },
    });
    const [row] = await entriesByIds(trx, scope, [s.census_entry_id]);
    return {
      id: m.census_entry_id,
      into: s.census_entry_id,
      survivor: {
        status: row!.status as CensusStatus,
        matchState: row!.match_state,
        sources: (row!.sources ?? []) as CensusSource[],
      },
      sourcesMoved,
      followUpsMoved,
      followUpsClosed,
    };
  });
};

/**
 * 拆分: undoes the merge of entry `id`. The entry is live again with its own lists (and those that named
 * it by its name since), its credit code and its open follow-ups that moved and are still open. On the
 * survivor, what the merge gave it goes back only where the survivor still holds it unchanged (credit code,
 * match, status); anything changed since stays (the audit entry lists what was kept). Follow-ups closed
 * as duplicates stay closed (assign a new one). One audit entry.
 */
export const unmergeEntry = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: CensusReasonInput,
) => {
  requireManager(actor);
  const reason = input.reason.trim();
  if (!reason) throw invalid([{ path: 'reason', reason: 'census_status_reason_required' }]);
  return db.transaction().execute(async (trx) => {
    const scope = censusScope(actor);
    const m = await lockEntry(trx, scope, id);
    if (!m) throw notFound();
    if (!m.merged_into_id) throw conflict('census_entry_not_merged');
    const s = await lockEntry(trx, scope, m.merged_into_id);
    if (!s) throw notFound();
    const record = await openMergeOf(trx, id);
    const current = factsOf(s);
    const before = record ? (record.survivor_before as SurvivorFacts) : null;
    const after = record ? (record.survivor_after as SurvivorFacts) : null;
    const kept: string[] = [];
    const restore: Parameters<typeof updateEntry>[2] = {};
    let codeBack: string | null = null;
    if (before && after) {
      if (after.creditCode !== before.creditCode) {
        if (current.creditCode === after.creditCode) {
          restore.credit_code = before.creditCode;
          codeBack = after.creditCode;
        } else kept.push('creditCode');
      }
      if (matchKey(after) !== matchKey(before)) {
        if (matchKey(current) === matchKey(after))
          Object.assign(restore, {
            employer_id: before.employerId,
            match_state: before.matchState,
            match_method: before.matchMethod,
            candidates: JSON.stringify(before.candidates),
            rejected_employer_ids: before.rejectedEmployerIds,
          });
        else kept.push('match');
      }
      if (statusKey(after) !== statusKey(before)) {
        if (statusKey(current) === statusKey(after))
          Object.assign(restore, {
            status: before.status,
            status_reason: before.statusReason,
            status_on: before.statusOn,
          });
        else kept.push('status');
      }
    }
    if (Object.keys(restore).length) await updateEntry(trx, s.census_entry_id, restore);
    const employerAfter = restore.employer_id !== undefined ? restore.employer_id : current.employerId;
    if (restore.status !== undefined && employerAfter && before)
      await setEmployerProgrammeStatus(trx, ctx, actor, employerAfter, {
        status: programmeStatusOf[before.status],
        reason: before.statusReason,
        on: before.statusOn,
      });
    await updateEntry(trx, m.census_entry_id, {
      merged_into_id: null,
      ...(codeBack && { credit_code: codeBack }),
    });
    const sourcesBack = await moveSourcesBack(trx, m.census_entry_id, s.census_entry_id);
    const followUpsBack = await moveFollowUps(
      trx,
      record?.moved_follow_up_ids ?? [],
      { entryId: m.census_entry_id, regionCode: m.region_code },
      s.census_entry_id,
    );
    if (record) await closeMerge(trx, record.census_merge_id, { userId: actor.userId, reason });
    await writeAudit(trx, ctx, {
      action: 'census_entry.unmerge',
      entityType: 'census_entry',
      entityId: m.census_entry_id,
      before: { mergedInto: s.census_entry_id, mergeId: record?.census_merge_id ?? null, survivor: current },
      after: {
        mergedInto: null,
        reason,
        survivorRestored: restore,
        keptOnSurvivor: kept,
        creditCodeBack: codeBack,
        sourcesBack,
        followUpsBack,
      },
    });
    return summaryOf(trx, actor, m.census_entry_id);
  });
};

/**
 * 取消关联: a matched entry whose employer is not this unit. The employer is never proposed again; the
 * entry goes back to the review queue when the matcher finds other candidates in the county, else it is
 * unmatched. An entry whose credit code is the employer's cannot be unlinked (409: the same unit). The
 * employer's programme status, if set through this entry, is not reverted (the employers module holds
 * it; correct it there). Audited.
 */
export const unlinkEntry = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: CensusReasonInput,
) => {
  requireManager(actor);
  const reason = input.reason.trim();
  if (!reason) throw invalid([{ path: 'reason', reason: 'census_status_reason_required' }]);
  return db.transaction().execute(async (trx) => {
    const scope = censusScope(actor);
    const e = await lockEntry(trx, scope, id);
    if (!e) throw notFound();
    if (e.merged_into_id) throw conflict('census_entry_merged');
    if (e.match_state !== 'matched' || !e.employer_id) throw conflict('census_entry_not_matched');
    const [employer] = await employersByIds(trx, [e.employer_id]);
    if (sameCode(e.credit_code, employer?.credit_code)) throw conflict('census_unlink_same_credit_code');
    const rejected = [...new Set([...e.rejected_employer_ids, e.employer_id])].sort((a, b) => a - b);
    const known = (await employersOfCounties(trx, [e.county_code])).filter((k) =>
      regionInScope(scope, k.region_code),
    );
    const index = new EmployerIndex(
      known.map((k) => ({
        id: k.organisation_id,
        name: k.name,
        regionCode: k.region_code,
        creditCode: k.credit_code,
      })),
    );
    const found = index.match(
      { name: e.name, regionCode: e.region_code, creditCode: e.credit_code },
      new Set(rejected),
    );
    const nameOf = new Map(known.map((k) => [k.organisation_id, k.name]));
    // A human just said the link was wrong: even a certain match waits for review.
    const candidates: StoredCandidate[] =
      found.decision === 'certain'
        ? [
            {
              employerId: found.employerId,
              name: nameOf.get(found.employerId) ?? '',
              score: 1,
              editDistance: 0,
            },
          ]
        : found.decision === 'uncertain'
          ? found.candidates
          : [];
    const change = {
      employer_id: null,
      match_state: candidates.length ? ('uncertain' as const) : ('unmatched' as const),
      match_method: null,
      candidates: JSON.stringify(candidates),
      rejected_employer_ids: rejected,
    };
    await updateEntry(trx, id, change);
    await writeAudit(trx, ctx, {
      action: 'census_entry.unlink',
      entityType: 'census_entry',
      entityId: id,
      before: auditEntry(e),
      after: { ...change, candidates, reason, unlinkedEmployerId: e.employer_id },
    });
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
      if (r.merged_into_id !== null) details.push({ path: `entryIds/${i}`, reason: 'census_entry_merged' });
      else if (r.status !== 'not_declared')
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
    // Each task's clock (deadline_rule census_follow_up, no source: uncertain): due on the date set here;
    // the assignee's organisation must act, the entry's county is warned when it runs late.
    const regionOf = new Map(rows.map((r) => [r.census_entry_id, r.region_code]));
    await openDeadlines(
      trx,
      inserted.map((f) => ({
        kind: FOLLOW_UP_CLOCK,
        subject_type: 'census_follow_up',
        subject_id: f.census_follow_up_id,
        starts_on: today,
        due_on: input.dueOn,
        responsible_organisation_id: assignee.organisation_id,
        regulator_region_code: regionOf.get(f.census_entry_id)!.slice(0, 6),
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
        cell: (r) => (r.outcome ? label(censusFollowUpClosureLabels[r.outcome]) : ''),
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
    await closeDeadlines(trx, [FOLLOW_UP_CLOCK], 'census_follow_up', [id], {
      userId: actor.userId,
      note: `outcome:${input.outcome}`,
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
