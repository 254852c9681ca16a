/**
 * Use-cases of the employer base database (用人单位库): the scoped list and its export, a record with its
 * computed flags, size, risk basis and versions, corrections (a new version each) and the programme
 * status. Reads scope through platform/authz/scope.ts (business domain): an employer reads itself, a
 * regulator its region subtree; out of scope ⇒ 404.
 */
import type { Readable } from 'node:stream';
import {
  employerAffiliationLabels,
  employerProgrammeStatusLabels,
  employerRecordFieldLabels,
  employerSourceLabels,
  enterpriseSizeLabels,
  type EmployerAffiliation,
  type EmployerVersionsExportQuery,
  type EmployerDetail,
  type EmployerProgrammeStatus,
  type enterpriseSizes,
  type EmployerListQuery,
  type EmployerPatch,
  type EmployerStatusInput,
  type EmployerSummary,
  type EmployerVersionDetail,
  type Lang,
} from '@ohp/contracts';
import { economicTypes, getIndustry, getRegion, normalizeIndustryCode } from '@ohp/reference';
import { computeEnterpriseSize } from '@ohp/standards';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { regionInScope, scopeOf } from '../../platform/authz/scope.js';
import { maskPhone } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
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
import { streamWorkbook, type CellOut } from '../../platform/imports/sheet-write.js';
import { levelOf } from '../organisations/index.js';
import { employerRiskOf, type RiskBasisRow } from './employers.classify.js';
import { enterpriseSizeOf, setEmployerProgrammeStatus } from './employers.core.js';
import { canManageEmployer, employerAbilities } from './employers.policy.js';
import {
  countEmployers,
  countVersions,
  employerExportPage,
  type EmployerFilters,
  employerPage,
  type EmployerRow,
  findEmployer,
  findVersion,
  listVersions,
  lockEmployer,
  snapshotVersions,
  updateOrganisationFields,
  updateProfile,
  versionExportPage,
  versionPair,
} from './employers.repository.js';

const scopeFor = (actor: Actor) => scopeOf(actor, 'business');

const economicTypeName = (code: string | null): string | null =>
  code ? (economicTypes.find((e) => e.code === code)?.nameZh ?? null) : null;

export const presentEmployer = (row: EmployerRow, actor: Actor): EmployerSummary => ({
  id: row.organisation_id,
  name: row.name,
  creditCode: row.credit_code,
  regionCode: row.region_code,
  regionName: getRegion(row.region_code)?.name ?? row.region_code,
  industryCode: row.industry_code,
  industryName: row.industry_code ? (getIndustry(row.industry_code)?.name ?? null) : null,
  employees: row.employees,
  exposedEmployees: row.exposed_employees,
  enterpriseSize: row.enterprise_size,
  economicTypeCode: row.economic_type_code,
  economicTypeName: economicTypeName(row.economic_type_code),
  riskClass: row.risk_class as EmployerSummary['riskClass'],
  severeIndustry: row.risk_class === '严重',
  tenPlus: (row.employees ?? 0) >= 10,
  industrial: row.industrial,
  programmeStatus: row.programme_status as EmployerSummary['programmeStatus'],
  source: row.source,
  version: row.version,
  abilities: employerAbilities(actor),
});

const filtersOf = (q: EmployerListQuery): EmployerFilters => ({
  regionCode: q.regionCode,
  riskClass: q.riskClass,
  severe: q.severe,
  tenPlus: q.tenPlus,
  industrial: q.industrial,
  programmeStatus: q.programmeStatus,
  enterpriseSize: q.enterpriseSize,
  q: q.q?.trim() || undefined,
});

export const listEmployersFor = async (db: Kysely<DB>, actor: Actor, q: EmployerListQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f = filtersOf(q);
  const [rows, total] = await Promise.all([
    employerPage(db, scopeFor(actor), f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countEmployers(db, scopeFor(actor), f),
  ]);
  return { data: rows.map((r) => presentEmployer(r, actor)), total, page, pageSize };
};

type VersionRecord = Record<string, unknown>;

/** The fields that differ between two versions' records. */
export const versionChanges = (before: VersionRecord | null, after: VersionRecord) => {
  if (!before) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
};

export const employerDetail = async (db: Kysely<DB>, actor: Actor, id: number): Promise<EmployerDetail> => {
  const row = await findEmployer(db, scopeFor(actor), id);
  if (!row) throw notFound();
  const versions = await listVersions(db, id);
  const ascending = [...versions].reverse();
  const size = row.industry_code
    ? computeEnterpriseSize({
        industryCode: row.industry_code,
        employees: row.employees ?? undefined,
        revenueWanYuan: row.revenue_wan_yuan == null ? undefined : Number(row.revenue_wan_yuan),
      })
    : { size: 'unknown' as const, reasons: ['no industry code'] };
  return {
    ...presentEmployer(row, actor),
    address: row.address,
    contactName: row.contact_name,
    contactPhone: maskPhone(row.contact_phone),
    revenueWanYuan: row.revenue_wan_yuan == null ? null : Number(row.revenue_wan_yuan),
    extraIndustryCodes: row.extra_industry_codes ?? [],
    legalRepresentative: row.legal_representative,
    affiliation: row.affiliation as EmployerDetail['affiliation'],
    programmeStatusReason: row.programme_status_reason,
    programmeStatusOn: row.programme_status_on,
    computedSize: size.size,
    computedSizeReasons: size.reasons,
    riskBasis: ((row.risk_basis ?? []) as RiskBasisRow[]).map((b) => ({
      ...b,
      industryName: getIndustry(b.industryCode)?.name ?? null,
    })),
    versions: ascending
      .map((v, i) => ({
        version: v.version,
        reason: v.reason,
        changedAt: new Date(v.changed_at as unknown as string).toISOString(),
        changedByName: v.changed_by_name,
        changes: versionChanges(
          i > 0 ? (ascending[i - 1]!.record as VersionRecord) : null,
          v.record as VersionRecord,
        ),
      }))
      .reverse(),
  };
};

export const employerVersion = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  version: number,
): Promise<EmployerVersionDetail> => {
  const row = await findEmployer(db, scopeFor(actor), id);
  if (!row) throw notFound();
  const v = await findVersion(db, id, version);
  if (!v) throw notFound();
  return {
    version: v.version,
    reason: v.reason,
    changedAt: new Date(v.changed_at as unknown as string).toISOString(),
    changedByName: v.changed_by_name,
    record: v.record as VersionRecord,
  };
};

/** Corrects the base record: validated, size and risk recomputed, a new version, audited. */
export const updateEmployer = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  patch: EmployerPatch,
): Promise<EmployerDetail> => {
  if (!canManageEmployer(actor)) throw forbidden();
  const reason = patch.reason.trim();
  const details: Array<{ path: string; reason: string }> = [];
  if (!reason) details.push({ path: 'reason', reason: 'employer_reason_blank' });
  if (patch.name !== undefined && patch.name.trim().length < 2)
    details.push({ path: 'name', reason: 'value_blank' });
  if (patch.regionCode !== undefined) {
    if (!getRegion(patch.regionCode)) details.push({ path: 'regionCode', reason: 'region_unknown' });
    else if (!regionInScope(scopeFor(actor), patch.regionCode))
      details.push({ path: 'regionCode', reason: 'region_out_of_scope' });
  }
  const industry =
    patch.industryCode === undefined
      ? undefined
      : patch.industryCode
        ? normalizeIndustryCode(patch.industryCode)
        : null;
  if (patch.industryCode && (!industry || !getIndustry(industry)))
    details.push({ path: 'industryCode', reason: 'industry_unknown' });
  const extras = patch.extraIndustryCodes?.map((c) => normalizeIndustryCode(c));
  extras?.forEach((c, i) => {
    if (!c || !getIndustry(c)) details.push({ path: `extraIndustryCodes/${i}`, reason: 'industry_unknown' });
  });
  if (patch.economicTypeCode && !economicTypes.some((e) => e.code === patch.economicTypeCode))
    details.push({ path: 'economicTypeCode', reason: 'economic_type_unknown' });
  if (details.length) throw invalid(details);

  return db
    .transaction()
    .execute(async (trx) => {
      const before = await lockEmployer(trx, scopeFor(actor), id);
      if (!before) throw notFound();
      const employees = patch.employees !== undefined ? patch.employees : before.employees;
      const exposed =
        patch.exposedEmployees !== undefined ? patch.exposedEmployees : before.exposed_employees;
      if (employees != null && exposed != null && exposed > employees)
        throw invalid([
          patch.exposedEmployees !== undefined
            ? { path: 'exposedEmployees', reason: 'exposed_exceeds_employees' }
            : { path: 'employees', reason: 'employees_below_exposed' },
        ]);
      const industryCode = industry !== undefined ? industry : before.industry_code;
      const revenue =
        patch.revenueWanYuan !== undefined
          ? patch.revenueWanYuan
          : before.revenue_wan_yuan == null
            ? null
            : Number(before.revenue_wan_yuan);
      const extraCodes = extras ? [...new Set(extras as string[])] : (before.extra_industry_codes ?? []);
      const risk = employerRiskOf([industryCode, ...extraCodes]);
      const org = {
        ...(patch.name !== undefined && { name: patch.name.trim() }),
        ...(patch.regionCode !== undefined && {
          region_code: patch.regionCode,
          level: levelOf(patch.regionCode),
        }),
        ...(patch.address !== undefined && { address: patch.address?.trim() || null }),
        ...(industry !== undefined && { industry_code: industry }),
        ...(patch.employees !== undefined && { employees: patch.employees }),
        ...(patch.exposedEmployees !== undefined && { exposed_employees: patch.exposedEmployees }),
        ...(patch.revenueWanYuan !== undefined && { revenue_wan_yuan: patch.revenueWanYuan }),
        ...(patch.contactName !== undefined && { contact_name: patch.contactName?.trim() || null }),
        enterprise_size: enterpriseSizeOf(industryCode, employees, revenue),
      };
      await updateOrganisationFields(trx, id, org);
      const { version } = await updateProfile(trx, id, {
        ...(patch.economicTypeCode !== undefined && { economic_type_code: patch.economicTypeCode }),
        ...(extras && { extra_industry_codes: extraCodes }),
        ...(patch.legalRepresentative !== undefined && {
          legal_representative: patch.legalRepresentative?.trim() || null,
        }),
        ...(patch.affiliation !== undefined && { affiliation: patch.affiliation }),
        risk_class: risk.riskClass,
        risk_basis: JSON.stringify(risk.basis),
        industrial: risk.industrial,
      });
      await snapshotVersions(trx, [id], reason, actor.userId);
      const [prev, next] = await versionPair(trx, id, version);
      const changes =
        prev && next ? versionChanges(prev.record as VersionRecord, next.record as VersionRecord) : [];
      if (!changes.length) throw invalid([{ path: 'reason', reason: 'employer_no_change' }]);
      await writeAudit(trx, ctx, {
        action: 'employer.update',
        entityType: 'employer',
        entityId: id,
        before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
        after: { ...Object.fromEntries(changes.map((c) => [c.field, c.after])), reason, version },
      });
      return undefined;
    })
    .then(() => employerDetail(db, actor, id));
};

export const setEmployerStatus = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: EmployerStatusInput,
): Promise<EmployerDetail> => {
  if (!canManageEmployer(actor)) throw forbidden();
  await db.transaction().execute((trx) =>
    setEmployerProgrammeStatus(trx, ctx, actor, id, {
      status: input.status,
      reason: input.reason,
      on: input.on,
    }),
  );
  return employerDetail(db, actor, id);
};

// ---------- export ----------

export const EMPLOYER_EXPORT_MAX_ROWS = 100_000;

const HEADERS = {
  zh: [
    '单位名称',
    '统一社会信用代码',
    '地区代码',
    '地区',
    '行业代码',
    '行业',
    '经济类型',
    '职工人数',
    '接害人数',
    '企业规模',
    '风险类别',
    '严重危害行业',
    '职工≥10人',
    '工业领域',
    '状态',
    '状态原因',
    '地址',
    '来源',
    '版本',
  ],
  en: [
    'Name',
    'Credit code',
    'Region code',
    'Region',
    'Industry code',
    'Industry',
    'Economic type',
    'Employees',
    'Exposed',
    'Size',
    'Risk class',
    'Severe industry',
    '≥10 staff',
    'Industrial',
    'Status',
    'Status reason',
    'Address',
    'Source',
    'Version',
  ],
};
const WIDTHS = [36, 22, 12, 16, 10, 24, 18, 10, 10, 8, 10, 12, 10, 10, 12, 24, 40, 14, 6];

const cells = (r: EmployerRow, lang: Lang): CellOut[] => {
  const en = lang === 'en';
  const yes = (b: boolean) => (en ? (b ? 'Yes' : 'No') : b ? '是' : '否');
  const status = employerProgrammeStatusLabels[r.programme_status as EmployerProgrammeStatus];
  const size = r.enterprise_size
    ? enterpriseSizeLabels[r.enterprise_size as (typeof enterpriseSizes)[number]]
    : null;
  return [
    r.name,
    r.credit_code,
    r.region_code,
    getRegion(r.region_code)?.name ?? '',
    r.industry_code,
    r.industry_code ? (getIndustry(r.industry_code)?.name ?? '') : '',
    r.economic_type_code
      ? `${r.economic_type_code} ${economicTypeName(r.economic_type_code) ?? ''}`.trim()
      : '',
    r.employees,
    r.exposed_employees,
    size ? (en ? size.en : size.zh) : (r.enterprise_size ?? ''),
    r.risk_class ?? '',
    yes(r.risk_class === '严重'),
    yes((r.employees ?? 0) >= 10),
    yes(r.industrial),
    status ? (en ? status.en : status.zh) : r.programme_status,
    r.programme_status_reason ?? '',
    r.address ?? '',
    r.source,
    r.version,
  ];
};

export const exportEmployers = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  lang: Lang,
  q: EmployerListQuery,
  maxRows = EMPLOYER_EXPORT_MAX_ROWS,
): Promise<{ body: Readable; names: FileNames }> => {
  const en = lang === 'en';
  const f = filtersOf(q);
  const scope = scopeFor(actor);
  const total = await countEmployers(db, scope, f);
  const first = await employerExportPage(db, scope, f, 0, Math.min(EXPORT_PAGE_ROWS, maxRows));
  const planned = Math.min(total, maxRows);
  const exportedAt = new Date();
  await writeAudit(db, ctx, {
    action: 'employer.export',
    entityType: 'employer',
    after: { filters: q, matched: total, rows: planned, truncated: total > planned },
  });
  const { pages, written } = exportPages({
    first,
    pageSize: EXPORT_PAGE_ROWS,
    maxRows,
    next: (last, limit) => employerExportPage(db, scope, f, last.organisation_id, limit),
    cells: (r) => cells(r, lang),
  });
  const any = en ? 'All' : '全部';
  const yesNo = (b: boolean | undefined) =>
    b === undefined ? any : en ? (b ? 'Yes' : 'No') : b ? '是' : '否';
  const body = streamWorkbook(
    { name: en ? 'Employers' : '用人单位', headers: HEADERS[en ? 'en' : 'zh'], widths: WIDTHS },
    pages,
    () => [
      filterSheet(lang, [
        [en ? 'Contents' : '导出内容', en ? 'Employer base database' : '用人单位职业健康基础数据库'],
        [
          en ? 'Region' : '地区',
          q.regionCode ? `${q.regionCode} ${getRegion(q.regionCode)?.name ?? ''}` : any,
        ],
        [en ? 'Risk class' : '风险类别', q.riskClass ?? any],
        [en ? 'Severe industry' : '严重危害行业', yesNo(q.severe)],
        [en ? '≥10 staff' : '职工≥10人', yesNo(q.tenPlus)],
        [en ? 'Industrial' : '工业领域', yesNo(q.industrial)],
        [
          en ? 'Status' : '状态',
          q.programmeStatus ? employerProgrammeStatusLabels[q.programmeStatus][en ? 'en' : 'zh'] : any,
        ],
        [
          en ? 'Size' : '企业规模',
          q.enterpriseSize ? enterpriseSizeLabels[q.enterpriseSize][en ? 'en' : 'zh'] : any,
        ],
        [en ? 'Search' : '名称或代码', q.q ?? any],
        [
          en ? 'Scope' : '数据范围',
          en ? "Employers within the exporter's scope" : '导出人管辖范围内的用人单位',
        ],
        ...exportSummaryRows(lang, {
          username: ctx.username,
          exportedAt,
          matched: total,
          exported: written(),
          maxRows,
          order: { zh: '按登记先后排列', en: 'in order of registration' },
        }),
      ]),
    ],
  );
  const stamp = chinaDateStamp(exportedAt);
  return { body, names: { zh: `用人单位库-${stamp}.xlsx`, en: `employers-${stamp}.xlsx` } };
};

// ---------- version history export ----------

/** A version's reason as the detail page words it (created by a source, a status, a declaration …). */
const versionReasonText = (reason: string | null, version: number, en: boolean): string => {
  const l = (x: { zh: string; en: string } | undefined, raw: string) => (x ? (en ? x.en : x.zh) : raw);
  if (!reason) return version === 1 ? (en ? 'Record created' : '系统建档') : '';
  if (reason.startsWith('created:')) {
    const src = l(
      employerSourceLabels[reason.slice(8) as keyof typeof employerSourceLabels],
      reason.slice(8),
    );
    return en ? `Registered automatically from: ${src}` : `由“${src}”自动登记`;
  }
  if (reason === 'organisations:update') return en ? 'Edited in Organisations' : '在“单位管理”中修改';
  if (reason === 'organisations:import')
    return en ? 'Updated by an organisations import' : '由单位批量导入更新';
  if (reason.startsWith('status:')) {
    const st = l(employerProgrammeStatusLabels[reason.slice(7) as EmployerProgrammeStatus], reason.slice(7));
    return en ? `Marked "${st}"` : `标记为“${st}”`;
  }
  if (/^declaration:\d+$/.test(reason))
    return en
      ? `Staff and exposed workers taken from accepted declaration no. ${reason.slice(12)}`
      : `受理申报（第 ${reason.slice(12)} 号）时按申报更新职工人数与接害人数`;
  return reason;
};

const versionValue = (field: string, v: unknown, en: boolean): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (field === 'affiliation' && typeof v === 'string') {
    const a = employerAffiliationLabels[v as EmployerAffiliation];
    return a ? (en ? a.en : a.zh) : v;
  }
  if (Array.isArray(v)) return v.length ? v.join('、') : '—';
  if (typeof v === 'boolean') return en ? (v ? 'Yes' : 'No') : v ? '是' : '否';
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
};

type VersionExportRow = Awaited<ReturnType<typeof versionExportPage>>[number];

/**
 * 版本记录 of one employer as a file, newest first: each version with when, by whom, why and what it
 * changed (field: before → after, one per line). Only an employer the actor reads (else 404); audited
 * (`employer_version.export`).
 */
export const exportEmployerVersions = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  lang: Lang,
  id: number,
  q: EmployerVersionsExportQuery,
  opts: { pageSize?: number } = {},
) => {
  const row = await findEmployer(db, scopeFor(actor), id);
  if (!row) throw notFound();
  const en = lang === 'en';
  const field = (k: string) => {
    const x = employerRecordFieldLabels[k];
    return x ? (en ? x.en : x.zh) : k;
  };
  return streamListExport<VersionExportRow>({
    db,
    ctx,
    lang,
    format: q.format,
    audit: { action: 'employer_version.export', entityType: 'employer', entityId: id, filters: {} },
    sheet: { zh: '版本记录', en: 'Versions' },
    file: { zh: `用人单位版本记录-${row.name}`, en: `employer-versions-${id}` },
    columns: [
      { zh: '版本', en: 'Version', width: 6, cell: (v) => v.version },
      {
        zh: '时间',
        en: 'Changed at',
        width: 20,
        cell: (v) => chinaDateTime(new Date(v.changed_at as unknown as string)),
      },
      { zh: '修改人', en: 'Changed by', width: 14, cell: (v) => v.changed_by_name ?? '' },
      { zh: '原因', en: 'Reason', width: 40, cell: (v, e) => versionReasonText(v.reason, v.version, e) },
      {
        zh: '变更内容',
        en: 'Changes',
        width: 80,
        cell: (v, e) =>
          versionChanges((v.previous_record as VersionRecord | null) ?? null, v.record as VersionRecord)
            .map(
              (c) =>
                `${field(c.field)}：${versionValue(c.field, c.before, e)} → ${versionValue(c.field, c.after, e)}`,
            )
            .join('\n'),
      },
    ],
    count: () => countVersions(db, id),
    page: (after, limit) => versionExportPage(db, id, after?.version ?? null, limit),
    filter: [
      [en ? 'Contents' : '导出内容', en ? 'Version history of an employer' : '用人单位基础信息版本记录'],
      [en ? 'Employer' : '用人单位', row.name],
      [en ? 'Credit code' : '统一社会信用代码', row.credit_code ?? ''],
      [en ? 'Current version' : '当前版本', row.version],
    ],
    order: { zh: '按版本由新到旧排列', en: 'newest version first' },
    // An employer's versions are few; the cap only bounds a runaway history.
    maxRows: EMPLOYER_EXPORT_MAX_ROWS,
    pageSize: opts.pageSize,
  });
};
