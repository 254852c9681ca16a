/**
 * Organisation import (xlsx/csv through the one pipeline) and export (xlsx or csv of the scoped, filtered
 * list in the list's order, formula-like text neutralised, streamed page by page).
 */
import type { Readable } from 'node:stream';
import {
  organisationKindLabels,
  organisationKinds,
  type Lang,
  type OrganisationInput,
  type OrganisationKind,
  type OrganisationSortKey,
} from '@ohp/contracts';
import { getRegion } from '@ohp/reference';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { regionInScope, scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import {
  EXPORT_PAGE_ROWS,
  exportPages,
  exportSummaryRows,
  filterSheet,
  type FileNames,
} from '../../platform/http/download.js';
import {
  type CommitResult,
  type RowImportSpec,
  type RowIssue,
  type RowOutcome,
} from '../../platform/imports/pipeline.js';
import { normaliseText, writeWorkbook, type SheetRow } from '../../platform/imports/sheet.js';
import { streamCsv, streamWorkbook } from '../../platform/imports/sheet-write.js';
import {
  countOrganisationsForExport,
  insertOrganisationsIfAbsent,
  organisationExportPage,
  unsafeFindByCreditCodes,
  unsafeLockByNaturalKeys,
  updateOrganisationsValues,
  type ImportedValues,
  type NaturalKey,
  type OrganisationExportRow,
  type OrganisationFilters,
  type OrganisationRow,
} from './organisations.repository.js';
import { organisationsWritten } from './organisations.events.js';
import { checkScopeFields, type ScopeDecidingField } from './organisations.policy.js';
import { checkOrganisationFields, levelOf, presentOrganisation, sizeOf } from './organisations.service.js';

const COLUMNS = [
  { header: '单位名称', key: 'name', required: true },
  { header: '单位类型', key: 'kind', required: true },
  { header: '行政区划代码', key: 'regionCode', required: true },
  { header: '统一社会信用代码', key: 'creditCode' },
  { header: '是否公立', key: 'isPublic' },
  { header: '行业代码', key: 'industryCode' },
  { header: '从业人员数', key: 'employees' },
  { header: '营业收入(万元)', key: 'revenueWanYuan' },
  { header: '地址', key: 'address' },
  { header: '联系人', key: 'contactName' },
  { header: '联系电话', key: 'contactPhone' },
] as const;

const kindByLabel = new Map<string, OrganisationKind>(
  organisationKinds.flatMap((k): Array<[string, OrganisationKind]> => [
    [k, k],
    [organisationKindLabels[k].zh, k],
  ]),
);

const parseBool = (s: string): boolean | null | undefined =>
  s === ''
    ? undefined
    : ['是', 'Y', 'y', 'yes', 'true', '1', '公立'].includes(s)
      ? true
      : ['否', 'N', 'n', 'no', 'false', '0', '民营', '私立'].includes(s)
        ? false
        : null;

/** One row's checks that need no database: values, codes, the fields that decide scope. */
const checkRow = (row: SheetRow, actor: Actor): RowOutcome<OrganisationInput> => {
  const v = row.values;
  const issues: RowIssue[] = [];
  const get = (h: string) => v[h] ?? '';
  for (const c of COLUMNS)
    if ('required' in c && c.required && !get(c.header))
      issues.push({ column: c.header, reason: 'value_required' });
  const kind = kindByLabel.get(get('单位类型'));
  if (get('单位类型') && !kind) issues.push({ column: '单位类型', reason: 'kind_unknown' });
  if (kind === 'platform_operator') issues.push({ column: '单位类型', reason: 'kind_unknown' });
  if (row.numericColumns.has('统一社会信用代码'))
    issues.push({ column: '统一社会信用代码', reason: 'code_stored_as_number' });
  const isPublic = parseBool(get('是否公立'));
  if (isPublic === null) issues.push({ column: '是否公立', reason: 'boolean_invalid' });
  // The same bounds as the API schema (employees ≤ 10,000,000; revenue ≤ 1e9 万元).
  const num = (h: string, integer: boolean): number | undefined => {
    const s = get(h).replace(/,/g, '');
    if (!s) return undefined;
    const n = Number(s);
    const max = integer ? 10_000_000 : 1e9;
    if (!Number.isFinite(n) || n < 0 || n > max || (integer && !Number.isInteger(n))) {
      issues.push({ column: h, reason: 'number_invalid' });
      return undefined;
    }
    return n;
  };
  const input: OrganisationInput = {
    name: get('单位名称'),
    kind: kind ?? 'employer',
    regionCode: get('行政区划代码'),
    // A code that Excel stored as a number has already lost digits: report that, not a check failure.
    creditCode: row.numericColumns.has('统一社会信用代码')
      ? null
      : get('统一社会信用代码').toUpperCase() || null,
    isPublic: isPublic ?? false,
    industryCode: get('行业代码') || null,
    employees: num('从业人员数', true) ?? null,
    revenueWanYuan: num('营业收入(万元)', false) ?? null,
    address: get('地址') || null,
    contactName: get('联系人') || null,
    contactPhone: get('联系电话') || null,
  };
  if (input.name && (input.name.length < 2 || input.name.length > 200))
    issues.push({ column: '单位名称', reason: 'maxLength' });
  if (input.regionCode && !/^(\d{2}|\d{4}|\d{6}|\d{9})$/.test(input.regionCode))
    issues.push({ column: '行政区划代码', reason: 'region_unknown' });
  else if (input.regionCode) {
    const { details, normalized } = checkOrganisationFields(input, actor);
    const header = (path: string) => COLUMNS.find((c) => c.key === path)?.header ?? path;
    for (const d of details) issues.push({ column: header(d.path), reason: d.reason });
    Object.assign(input, normalized);
  }
  return issues.length ? { ok: false, issues } : { ok: true, record: input };
};

export const organisationImportSpec: RowImportSpec<OrganisationInput> = {
  kind: 'organisation',
  permission: 'organisations:import',
  analyze: ['organisation'],
  columns: COLUMNS.map((c) => ({ header: c.header, required: 'required' in c && c.required })),
  validate: async (trx, rows, actor) => {
    const outcomes = rows.map((row) => checkRow(row, actor));
    // A credit code that belongs to an organisation outside the importer's scope: the row is refused
    // as a duplicate (without saying where the other one is); the other rows still go in. The chunk's
    // codes are looked up in one statement.
    const codes = [
      ...new Set(outcomes.flatMap((o) => (o.ok && o.record.creditCode ? [o.record.creditCode] : []))),
    ];
    const scope = scopeOf(actor, 'administration');
    const hidden = new Set(
      (await unsafeFindByCreditCodes(trx, codes))
        .filter((o) => !regionInScope(scope, o.region_code, o.organisation_id))
        .map((o) => o.credit_code),
    );
    return outcomes.map((o) =>
      o.ok && o.record.creditCode && hidden.has(o.record.creditCode)
        ? { ok: false, issues: [{ column: '统一社会信用代码', reason: 'duplicate' }] }
        : o,
    );
  },
  orderKey: (r) => (r.creditCode ? `c:${r.creditCode}` : `n:${r.regionCode}:${normaliseText(r.name)}`),
  // A chunk is a handful of statements: lock the organisations holding the chunk's keys, insert the
  // missing ones with ON CONFLICT DO NOTHING, lock the keys another writer took meanwhile, update the
  // changed ones. The unique keys of migration 0003 make a duplicate impossible whatever runs at once.
  commit: async (trx, records, actor) => {
    const scope = scopeOf(actor, 'administration');
    const valuesOf = (r: OrganisationInput): ImportedValues => ({
      name: r.name,
      kind: r.kind,
      level: levelOf(r.regionCode),
      region_code: r.regionCode,
      credit_code: r.creditCode ?? null,
      is_public: r.isPublic ?? false,
      industry_code: r.industryCode ?? null,
      employees: r.employees ?? null,
      revenue_wan_yuan: r.revenueWanYuan ?? null,
      enterprise_size: sizeOf(r.industryCode, r.employees, r.revenueWanYuan),
      address: r.address ?? null,
      contact_name: r.contactName ?? null,
      contact_phone: r.contactPhone ?? null,
    });
    const naturalKey = (r: OrganisationInput): NaturalKey =>
      r.creditCode
        ? { creditCode: r.creditCode }
        : { creditCode: null, name: r.name, regionCode: r.regionCode };
    const items = records.map(({ rowNo, record }) => ({
      rowNo,
      values: valuesOf(record),
      key: naturalKey(record),
    }));

    /** The stored organisation each item's key belongs to, as the database matched it. */
    const holder = new Map<number, OrganisationRow>();
    const lock = async (which: number[]) => {
      const found = await unsafeLockByNaturalKeys(
        trx,
        which.map((i) => items[i]!.key),
      );
      for (const { key_index, ...row } of found) {
        const i = which[key_index]!;
        if (!holder.has(i)) holder.set(i, row);
      }
    };
    await lock(items.map((_, i) => i));

    // The rule for the fields that decide scope (organisations.policy.ts) holds for imports as for the
    // API: a new organisation as a create, a changed kind or region as an update.
    const rejected: Array<{ rowNo: number; issues: RowIssue[] }> = [];
    const refusals = (i: number, before: OrganisationRow | null): RowIssue[] => {
      const v = items[i]!.values;
      const changed = new Set<ScopeDecidingField>();
      if (!before || before.kind !== v.kind) changed.add('kind');
      if (!before || before.region_code !== v.region_code) changed.add('regionCode');
      return checkScopeFields(
        actor,
        before,
        { kind: v.kind as OrganisationKind, regionCode: v.region_code },
        changed,
      ).map((d) => ({ column: d.path === 'kind' ? '单位类型' : '行政区划代码', reason: d.reason }));
    };

    // Insert the items nobody holds; an item whose key an earlier item of the chunk (or another
    // transaction) takes is skipped by the database and matched below.
    const absent = items.flatMap((_, i) => {
      if (holder.has(i)) return [];
      const refused = refusals(i, null);
      if (refused.length) rejected.push({ rowNo: items[i]!.rowNo, issues: refused });
      return refused.length ? [] : [i];
    });
    const inserted = await insertOrganisationsIfAbsent(
      trx,
      absent.map((i) => items[i]!.values),
    );
    const exact = (v: { credit_code: string | null; region_code: string; name: string }) =>
      v.credit_code ? `c:${v.credit_code}` : `n:${v.region_code}:${v.name}`;
    const insertedBy = new Map<number, OrganisationRow>();
    const byExact = new Map(inserted.map((o) => [exact(o), o]));
    for (const i of absent) {
      const o = byExact.get(exact(items[i]!.values));
      if (o) {
        byExact.delete(exact(items[i]!.values));
        insertedBy.set(i, o);
      }
    }
    const taken = absent.filter((i) => !insertedBy.has(i));
    if (taken.length) await lock(taken);
    for (const [i, o] of insertedBy) holder.set(i, o);

    const results: CommitResult[] = [];
    const updates = new Map<number, ImportedValues>();
    const latest = new Map<number, OrganisationRow>();
    const refusedNew = new Set(rejected.map((r) => r.rowNo));
    items.forEach(({ rowNo, values }, i) => {
      if (insertedBy.has(i)) {
        results.push({ rowNo, outcome: 'accepted' });
        return;
      }
      if (!holder.has(i) && refusedNew.has(rowNo)) return;
      const found = holder.get(i);
      if (!found || !regionInScope(scope, found.region_code, found.organisation_id)) {
        // The key belongs to an organisation the importer cannot see: refuse the row without revealing it.
        rejected.push({
          rowNo,
          issues: [{ column: values.credit_code ? '统一社会信用代码' : '单位名称', reason: 'duplicate' }],
        });
        return;
      }
      const current = latest.get(found.organisation_id) ?? found;
      const refused = refusals(i, current);
      if (refused.length) {
        rejected.push({ rowNo, issues: refused });
        return;
      }
      // The exposed staff the organisation reported (本单位信息) bound the staff from below.
      if (
        values.employees !== null &&
        current.exposed_employees !== null &&
        values.employees < current.exposed_employees
      ) {
        rejected.push({ rowNo, issues: [{ column: '从业人员数', reason: 'employees_below_exposed' }] });
        return;
      }
      const same = (Object.keys(values) as Array<keyof ImportedValues>).every(
        (k) => String(current[k] ?? '') === String(values[k] ?? ''),
      );
      if (same) {
        results.push({ rowNo, outcome: 'unchanged' });
        return;
      }
      updates.set(found.organisation_id, values);
      latest.set(found.organisation_id, { ...current, ...values });
      results.push({ rowNo, outcome: 'updated' });
    });
    await updateOrganisationsValues(
      trx,
      [...updates].map(([id, values]) => ({ id, values })),
    );
    // New employers, and organisations the file turned into employers, get their base record; employers
    // it updated, their risk class and a new version.
    const written = [...inserted.map((o) => o.organisation_id), ...updates.keys()];
    if (written.length)
      await organisationsWritten(trx, { organisationIds: written, via: 'import', changedBy: actor.userId });
    for (const r of rejected) results.push({ rowNo: r.rowNo, outcome: 'rejected', issues: r.issues });
    return results;
  },
};

export const importTemplate = async (): Promise<Buffer> =>
  writeWorkbook(
    '单位',
    COLUMNS.map((c) => c.header),
    [
      [
        '示例化工有限公司',
        '用人单位',
        '220102',
        '',
        '否',
        '2614',
        '120',
        '3500',
        '长春市南关区示例路1号',
        '张三',
        '0431-88888888',
      ],
    ],
  );

/** Rows one organisation export may hold (the first in the chosen order); the rest are reported as left out. */
export const ORGANISATION_EXPORT_MAX_ROWS = 100_000;

const EXPORT_HEADERS = [
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

/** One organisation as an export row: values as stored (the writers neutralise formula-like text). */
const exportCells = (r: OrganisationRow, actor: Actor) => {
  const o = presentOrganisation(r, actor);
  return [
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
  ];
};

const SORT_LABELS: Record<OrganisationSortKey, FileNames> = {
  name: { zh: '单位名称（拼音）', en: 'Name (pinyin)' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  regionCode: { zh: '行政区划代码', en: 'Region code' },
  employees: { zh: '从业人员数', en: 'Staff' },
  createdAt: { zh: '创建时间', en: 'Created' },
};

/** The filter as people read it: labels with the codes in brackets, "all" for a filter not set. */
const describeOrganisationFilter = (q: OrganisationFilters, lang: Lang): Array<[string, string]> => {
  const en = lang === 'en';
  const any = en ? 'All' : '全部';
  const coded = (label: string, code: string) => (en ? `${label} (${code})` : `${label}（${code}）`);
  const sort = q.sort ?? 'name';
  const desc = sort.startsWith('-');
  const label = SORT_LABELS[sort.replace(/^-/, '') as OrganisationSortKey];
  return [
    [en ? 'Contents' : '导出内容', en ? 'Organisations' : '单位列表'],
    [en ? 'Keyword' : '关键词', q.q ?? any],
    [
      en ? 'Organisation type' : '单位类型',
      q.kind ? coded(organisationKindLabels[q.kind][en ? 'en' : 'zh'], q.kind) : any,
    ],
    [
      en ? 'Region' : '行政区划',
      q.regionCode ? coded(getRegion(q.regionCode)?.name ?? q.regionCode, q.regionCode) : any,
    ],
    [en ? 'Credit code' : '统一社会信用代码', q.creditCode ?? any],
    [
      en ? 'Order' : '排序',
      en ? `${label.en}, ${desc ? 'descending' : 'ascending'}` : `${label.zh}${desc ? '降序' : '升序'}`,
    ],
    [en ? 'Scope' : '数据范围', en ? "Organisations within the exporter's scope" : '导出人管辖范围内的单位'],
  ];
};

/**
 * The scoped, filtered organisation list as a stream the route sends: xlsx (the data sheet, then a
 * filter sheet with the filter, the exporter, the time and the counts) or csv (the data only), at most
 * `maxRows` rows, in the list's order. Rows are read in keyset pages (organisationExportPage) and
 * written as they come, so memory stays flat in the row count and other requests are answered between
 * pages. Before the first byte: the count, the first page and the audit entry — which records the
 * filter, the count and the rows planned, so an export is on record even if its download is cut off.
 * No snapshot is held across pages: an organisation created or changed during a long export may or
 * may not be in it (the filter sheet's "exported" is what was written).
 */
export const exportOrganisations = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  lang: Lang,
  q: OrganisationFilters,
  format: 'xlsx' | 'csv' = 'xlsx',
  opts: { maxRows?: number; pageSize?: number } = {},
): Promise<{ body: Readable; names: FileNames }> => {
  const maxRows = opts.maxRows ?? ORGANISATION_EXPORT_MAX_ROWS;
  const pageSize = opts.pageSize ?? EXPORT_PAGE_ROWS;
  const scope = scopeOf(actor, 'administration');
  const matched = await countOrganisationsForExport(db, scope, q);
  const first = await organisationExportPage(db, scope, q, null, Math.min(pageSize, maxRows));
  const planned = Math.min(matched, maxRows);
  const exportedAt = new Date();
  await writeAudit(db, ctx, {
    action: 'organisation.export',
    entityType: 'organisation',
    after: { filters: q, format, matched, rows: planned, truncated: matched > planned },
  });
  const { pages, written } = exportPages<OrganisationExportRow>({
    first,
    pageSize,
    maxRows,
    next: (last, limit) => organisationExportPage(db, scope, q, last.cursor, limit),
    cells: (r) => exportCells(r, actor),
  });
  const names = { zh: `单位列表.${format}`, en: `organisations.${format}` };
  if (format === 'csv') return { body: streamCsv(EXPORT_HEADERS, pages), names };
  const body = streamWorkbook({ name: '单位', headers: EXPORT_HEADERS }, pages, () => {
    const exported = written();
    return [
      filterSheet(lang, [
        ...describeOrganisationFilter(q, lang),
        ...exportSummaryRows(lang, {
          username: ctx.username,
          exportedAt,
          matched,
          exported,
          maxRows,
          truncated: exported >= maxRows && matched > exported,
          order: { zh: '按所选排序排列', en: 'in the chosen order' },
        }),
      ]),
    ];
  });
  return { body, names };
};
