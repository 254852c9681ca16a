/** Organisation import (xlsx/csv through the one pipeline) and export (xlsx of the scoped, filtered list). */
import {
  organisationKindLabels,
  organisationKinds,
  type OrganisationInput,
  type OrganisationKind,
  type OrganisationListQuery,
} from '@ohp/contracts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { regionInScope, scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, notFound } from '../../platform/errors.js';
import { runImport, type ImportSpec, type RowIssue } from '../../platform/imports/pipeline.js';
import { SheetError, writeWorkbook } from '../../platform/imports/sheet.js';
import { findOrganisation, listOrganisations, unsafeFindByCreditCode } from './organisations.repository.js';
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

const importSpec = (db: Kysely<DB>, actor: Actor): ImportSpec<OrganisationInput> => ({
  kind: 'organisation',
  columns: COLUMNS.map((c) => ({ header: c.header, required: 'required' in c && c.required })),
  validate: async (row) => {
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
    const num = (h: string, integer: boolean): number | undefined => {
      const s = get(h).replace(/,/g, '');
      if (!s) return undefined;
      const n = Number(s);
      if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
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
    // A credit code that belongs to an organisation outside the importer's scope: this row is refused
    // as a duplicate (without saying where the other one is); the other rows still go in.
    if (!issues.length && input.creditCode) {
      const other = await unsafeFindByCreditCode(db, input.creditCode);
      if (other && !(await findOrganisation(db, scopeOf(actor, 'administration'), other.organisation_id))) {
        issues.push({ column: '统一社会信用代码', reason: 'duplicate' });
      }
    }
    return issues.length ? { ok: false, issues } : { ok: true, record: input };
  },
  commit: async (trx, records) => {
    let accepted = 0;
    let updated = 0;
    let unchanged = 0;
    for (const { record: r } of records) {
      const values = {
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
      };
      // Natural key: the credit code where there is one, else name + region.
      const existing = await trx
        .selectFrom('organisation')
        .selectAll()
        .where('status', '=', 'active')
        .where((eb) =>
          r.creditCode
            ? eb('credit_code', '=', r.creditCode)
            : eb.and([eb('name', '=', r.name), eb('region_code', '=', r.regionCode)]),
        )
        .executeTakeFirst();
      if (!existing) {
        await trx.insertInto('organisation').values(values).execute();
        accepted++;
        continue;
      }
      if (!regionInScope(scopeOf(actor, 'administration'), existing.region_code, existing.organisation_id)) {
        // The key belongs to an organisation the importer cannot see: refuse without revealing it.
        throw new AppError('conflict', 'duplicate');
      }
      const same = (Object.keys(values) as Array<keyof typeof values>).every(
        (k) => String(existing[k] ?? '') === String(values[k] ?? ''),
      );
      if (same) {
        unchanged++;
        continue;
      }
      await trx
        .updateTable('organisation')
        .set({ ...values, updated_at: new Date() })
        .where('organisation_id', '=', existing.organisation_id)
        .execute();
      updated++;
    }
    return { accepted, updated, unchanged };
  },
});

export const importOrganisations = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  req: FastifyRequest,
  dryRun: boolean,
) => {
  if (!req.isMultipart())
    throw new AppError('validation_failed', 'unsupported_media_type', [
      { path: 'file', reason: 'value_required', message: '' },
    ]);
  let upload: { filename: string; buffer: Buffer } | null = null;
  try {
    const file = await req.file();
    if (file) upload = { filename: file.filename, buffer: await file.toBuffer() };
  } catch (e) {
    // Too large keeps its 413; a truncated or malformed multipart body is the client's fault.
    if ((e as { statusCode?: number }).statusCode === 413) throw e;
    throw new AppError('validation_failed', 'unreadable_file', [
      { path: 'file', reason: 'unreadable_file', message: '' },
    ]);
  }
  if (!upload)
    throw new AppError('validation_failed', 'validation_failed', [
      { path: 'file', reason: 'value_required', message: '' },
    ]);
  const { filename, buffer } = upload;
  try {
    return await runImport(db, ctx, importSpec(db, actor), {
      fileName: filename,
      buffer,
      dryRun,
      lang: req.lang,
      organisationId: actor.organisationId,
    });
  } catch (e) {
    if (e instanceof SheetError)
      throw new AppError('validation_failed', e.message, [{ path: 'file', reason: e.message, message: '' }]);
    throw e;
  }
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

export const importErrorFile = async (db: Kysely<DB>, actor: Actor, batchId: number): Promise<Buffer> => {
  // Only the user who uploaded a batch can download its rejected rows.
  const row = await db
    .selectFrom('import_batch')
    .select('error_file')
    .where('import_batch_id', '=', batchId)
    .where('user_id', '=', actor.userId)
    .where('kind', '=', 'organisation')
    .executeTakeFirst();
  if (!row?.error_file) throw notFound();
  return row.error_file;
};

export const exportOrganisations = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: Omit<OrganisationListQuery, 'page' | 'pageSize'>,
) => {
  const { rows, total } = await listOrganisations(db, scopeOf(actor, 'administration'), q, {
    offset: 0,
    limit: 100_000,
  });
  const presented = rows.map((r) => presentOrganisation(r, actor));
  const buf = await writeWorkbook(
    '单位',
    [
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
    ],
    presented.map((o) => [
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
    ]),
  );
  await writeAudit(db, ctx, {
    action: 'organisation.export',
    entityType: 'organisation',
    after: { filters: q, rows: total },
  });
  return buf;
};
