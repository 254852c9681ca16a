/**
 * Organisation use-cases: list, get, create, update, delete (soft), with field validation against the
 * national catalogues (region, industry, credit code) and the actor's scope. Writes are audited.
 */
import type {
  ErrorDetail,
  OrganisationInput,
  OrganisationKind,
  OrganisationListQuery,
  OrganisationPatch,
} from '@ohp/contracts';
import { getIndustry, getRegion, normalizeIndustryCode, regionLevelOfCode } from '@ohp/reference';
import { computeEnterpriseSize, validateCreditCode } from '@ohp/standards';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { regionInScope, scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import {
  canDeleteOrganisation,
  canUpdateOrganisation,
  checkScopeFields,
  organisationAbilities,
  type ScopeDecidingField,
} from './organisations.policy.js';
import {
  ancestorIds,
  dependentsOf,
  clearOrganisationSortKeys,
  findOrganisation,
  insertOrganisationIfAbsent,
  countOrganisations,
  organisationNamesInScope,
  organisationPage,
  setOrganisationSortKeys,
  storedSortKeyVersion,
  storeSortKeyVersion,
  unsafeFindByCreditCode,
  unsafeOrganisationsWithoutSortKey,
  updateOrganisationRow,
  type OrganisationRow,
} from './organisations.repository.js';
import { organisationsWritten } from './organisations.events.js';
import { organisationSortKey, SORT_KEY_VERSION } from './organisations.sort-key.js';

/** An organisation's level follows its region code: 2 digits province, 4 city, 6 county, 9 township. */
export const levelOf = (regionCode: string): string => regionLevelOfCode(regionCode) ?? 'township';

export const presentOrganisation = (row: OrganisationRow, actor: Actor) => ({
  id: row.organisation_id,
  name: row.name,
  kind: row.kind,
  level: row.level,
  regionCode: row.region_code,
  regionName: getRegion(row.region_code)?.name ?? row.region_code,
  creditCode: row.credit_code,
  isPublic: row.is_public,
  parentId: row.parent_id,
  supervisorId: row.supervisor_id,
  industryCode: row.industry_code,
  industryName: row.industry_code ? (getIndustry(row.industry_code)?.name ?? null) : null,
  employees: row.employees,
  exposedEmployees: row.exposed_employees,
  revenueWanYuan: row.revenue_wan_yuan,
  enterpriseSize: row.enterprise_size,
  address: row.address,
  contactName: row.contact_name,
  contactPhone: row.contact_phone,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  abilities: organisationAbilities(actor, row),
});
export type PresentedOrganisation = ReturnType<typeof presentOrganisation>;

/** The record with its parent's and supervising organisation's names (when in the actor's scope). */
export const presentOrganisationDetail = async (
  db: Kysely<DB> | Transaction<DB>,
  row: OrganisationRow,
  actor: Actor,
) => {
  const refs = [row.parent_id, row.supervisor_id].filter((x): x is number => x !== null);
  const names = await organisationNamesInScope(db, scopeOf(actor, 'administration'), refs);
  return {
    ...presentOrganisation(row, actor),
    parentName: row.parent_id === null ? null : (names.get(row.parent_id) ?? null),
    supervisorName: row.supervisor_id === null ? null : (names.get(row.supervisor_id) ?? null),
  };
};

/**
 * 接害人数 ≤ 职工人数 (an unknown count bounds nothing). Reported on the field the request changed: the
 * exposed staff when it sent them, else the staff it lowered.
 */
export const checkStaffCounts = (
  employees: number | null,
  exposed: number | null,
  exposedSent: boolean,
): ErrorDetail[] => {
  if (employees === null || exposed === null || exposed <= employees) return [];
  return exposedSent
    ? [{ path: 'exposedEmployees', reason: 'exposed_exceeds_employees', message: '' }]
    : [{ path: 'employees', reason: 'employees_below_exposed', message: '' }];
};

/** Field checks that need the catalogues; returns every problem, not just the first. */
export const checkOrganisationFields = (
  input: Partial<OrganisationInput>,
  actor: Actor,
  current?: { region_code: string },
): { details: ErrorDetail[]; normalized: Partial<OrganisationInput> } => {
  const details: ErrorDetail[] = [];
  const normalized: Partial<OrganisationInput> = { ...input };
  // Sending an organisation's current region is no move (an organisation-only scope holds no region).
  if (input.regionCode !== undefined && input.regionCode !== current?.region_code) {
    if (!getRegion(input.regionCode))
      details.push({ path: 'regionCode', reason: 'region_unknown', message: '' });
    else if (!regionInScope(scopeOf(actor, 'administration'), input.regionCode, -1)) {
      details.push({ path: 'regionCode', reason: 'region_out_of_scope', message: '' });
    }
  }
  if (input.creditCode) {
    const v = validateCreditCode(input.creditCode);
    if (!v.ok) {
      const reason = v.reasons.some((r) => r.reason === 'check_digit_mismatch')
        ? 'credit_code_invalid'
        : 'credit_code_format';
      details.push({ path: 'creditCode', reason, message: '' });
    } else normalized.creditCode = v.normalized;
  }
  if (input.industryCode) {
    const code = normalizeIndustryCode(input.industryCode);
    if (!code || !getIndustry(code))
      details.push({ path: 'industryCode', reason: 'industry_unknown', message: '' });
    else normalized.industryCode = code;
  }
  return { details, normalized };
};

export const sizeOf = (
  industryCode: string | null | undefined,
  employees: number | null | undefined,
  revenue: number | null | undefined,
): string | null => {
  if (!industryCode) return null;
  const r = computeEnterpriseSize({
    industryCode,
    employees: employees ?? undefined,
    revenueWanYuan: revenue ?? undefined,
  });
  return r.size;
};

const toRow = (input: Partial<OrganisationInput>) => ({
  ...(input.name !== undefined && { name: input.name.trim() }),
  ...(input.kind !== undefined && { kind: input.kind }),
  ...(input.regionCode !== undefined && { region_code: input.regionCode, level: levelOf(input.regionCode) }),
  ...(input.creditCode !== undefined && { credit_code: input.creditCode || null }),
  ...(input.isPublic !== undefined && { is_public: input.isPublic }),
  ...(input.parentId !== undefined && { parent_id: input.parentId }),
  ...(input.supervisorId !== undefined && { supervisor_id: input.supervisorId }),
  ...(input.industryCode !== undefined && { industry_code: input.industryCode }),
  ...(input.employees !== undefined && { employees: input.employees }),
  ...(input.exposedEmployees !== undefined && { exposed_employees: input.exposedEmployees }),
  ...(input.revenueWanYuan !== undefined && { revenue_wan_yuan: input.revenueWanYuan }),
  ...(input.address !== undefined && { address: input.address }),
  ...(input.contactName !== undefined && { contact_name: input.contactName }),
  ...(input.contactPhone !== undefined && { contact_phone: input.contactPhone }),
});

/** Which scope-deciding fields a patch really changes (sending the current value is no change). */
const changedScopeFields = (before: OrganisationRow, patch: OrganisationPatch): Set<ScopeDecidingField> => {
  const changed = new Set<ScopeDecidingField>();
  if (patch.kind !== undefined && patch.kind !== before.kind) changed.add('kind');
  if (patch.regionCode !== undefined && patch.regionCode !== before.region_code) changed.add('regionCode');
  if (patch.parentId !== undefined && patch.parentId !== before.parent_id) changed.add('parentId');
  if (patch.supervisorId !== undefined && patch.supervisorId !== before.supervisor_id)
    changed.add('supervisorId');
  return changed;
};

const checkReferences = async (
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  input: Partial<OrganisationInput>,
  details: ErrorDetail[],
) => {
  const scope = scopeOf(actor, 'administration');
  for (const key of ['parentId', 'supervisorId'] as const) {
    const id = input[key];
    // A parent or supervisor outside the actor's scope is reported as unknown: no existence leak.
    if (id != null && !(await findOrganisation(db, scope, id)))
      details.push({ path: key, reason: 'organisation_unknown', message: '' });
  }
};

/**
 * A page of the organisations in scope and its total: exact from the count table for scope, kind and
 * region filters; otherwise exact up to `exactCountLimit` matches, an estimate above (totalExact false)
 * unless the caller asks for the exact count.
 */
export const listOrganisationsFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: OrganisationListQuery,
  exactCountLimit: number,
) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const scope = scopeOf(actor, 'administration');
  const [rows, { total, totalExact }] = await Promise.all([
    organisationPage(db, scope, q, { offset: (page - 1) * pageSize, limit: pageSize }),
    countOrganisations(db, scope, q, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  return { data: rows.map((r) => presentOrganisation(r, actor)), total, totalExact, page, pageSize };
};

export const getOrganisation = async (db: Kysely<DB>, actor: Actor, id: number) => {
  const row = await findOrganisation(db, scopeOf(actor, 'administration'), id);
  if (!row) throw notFound();
  return presentOrganisationDetail(db, row, actor);
};

export const createOrganisation = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: OrganisationInput,
) => {
  const { details, normalized } = checkOrganisationFields(input, actor);
  await checkReferences(db, actor, input, details);
  details.push(
    ...checkStaffCounts(
      input.employees ?? null,
      input.exposedEmployees ?? null,
      input.exposedEmployees != null,
    ),
  );
  if (details.length) throw new AppError('validation_failed', 'validation_failed', details);
  // A region inside the actor's scope can still carry a kind that reaches beyond it.
  const refused = checkScopeFields(
    actor,
    null,
    { kind: input.kind, regionCode: input.regionCode },
    new Set<ScopeDecidingField>(['kind', 'regionCode']),
  );
  if (refused.length) throw new AppError('forbidden', 'scope_field_forbidden', refused);
  return db.transaction().execute(async (trx) => {
    // The natural key (credit code, else normalised name + region) is unique in the database; a
    // concurrent create of the same key waits for the other and then lands here as a clean 409.
    const row = await insertOrganisationIfAbsent(trx, {
      ...(toRow(normalized) as Required<
        Pick<ReturnType<typeof toRow>, 'name' | 'kind' | 'region_code' | 'level'>
      >),
      enterprise_size: sizeOf(normalized.industryCode, normalized.employees, normalized.revenueWanYuan),
    });
    if (!row) {
      const path = normalized.creditCode ? 'creditCode' : 'name';
      throw new AppError('conflict', 'duplicate', [{ path, reason: 'duplicate', message: '' }]);
    }
    await writeAudit(trx, ctx, {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: row.organisation_id,
      after: row,
    });
    await organisationsWritten(trx, {
      organisationIds: [row.organisation_id],
      via: 'update',
      changedBy: actor.userId,
    });
    return presentOrganisation(row, actor);
  });
};

export const updateOrganisation = (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  patch: OrganisationPatch,
) => db.transaction().execute((trx) => updateOrganisationIn(trx, ctx, actor, id, patch));

/** The update inside the caller's transaction (the route's, or the demo seed's). */
export const updateOrganisationIn = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  patch: OrganisationPatch,
) => {
  const scope = scopeOf(actor, 'administration');
  const before = await findOrganisation(trx, scope, id);
  if (!before) throw notFound();
  if (!canUpdateOrganisation(actor, before)) throw forbidden();
  const changed = changedScopeFields(before, patch);
  const refused = checkScopeFields(
    actor,
    before,
    {
      kind: patch.kind ?? (before.kind as OrganisationKind),
      regionCode: patch.regionCode ?? before.region_code,
    },
    changed,
  );
  // The old parent or supervisor must be in scope too: nobody detaches an organisation from a
  // superior they cannot see.
  for (const [key, old] of [
    ['parentId', before.parent_id],
    ['supervisorId', before.supervisor_id],
  ] as const) {
    if (changed.has(key) && old != null && !(await findOrganisation(trx, scope, old)))
      refused.push({ path: key, reason: 'scope_escalation', message: '' });
  }
  if (refused.length) throw new AppError('forbidden', 'scope_field_forbidden', refused);
  const { details, normalized } = checkOrganisationFields(patch, actor, before);
  await checkReferences(trx, actor, patch, details);
  if (patch.parentId != null && (await ancestorIds(trx, patch.parentId)).includes(id))
    details.push({ path: 'parentId', reason: 'parent_cycle', message: '' });
  if (details.length) throw new AppError('validation_failed', 'validation_failed', details);
  if (normalized.creditCode && normalized.creditCode !== before.credit_code) {
    const other = await unsafeFindByCreditCode(trx, normalized.creditCode);
    if (other && other.organisation_id !== id)
      throw new AppError('conflict', 'duplicate', [{ path: 'creditCode', reason: 'duplicate', message: '' }]);
  }
  const industry = normalized.industryCode !== undefined ? normalized.industryCode : before.industry_code;
  const employees = normalized.employees !== undefined ? normalized.employees : before.employees;
  const revenue =
    normalized.revenueWanYuan !== undefined ? normalized.revenueWanYuan : before.revenue_wan_yuan;
  const staff = checkStaffCounts(
    employees,
    normalized.exposedEmployees !== undefined ? normalized.exposedEmployees : before.exposed_employees,
    normalized.exposedEmployees != null,
  );
  if (staff.length) throw new AppError('validation_failed', 'validation_failed', staff);
  const after = await updateOrganisationRow(trx, id, {
    ...toRow(normalized),
    enterprise_size: sizeOf(industry, employees, revenue),
  });
  await writeAudit(trx, ctx, {
    action: 'organisation.update',
    entityType: 'organisation',
    entityId: id,
    before,
    after,
  });
  // An employer's base record follows: created if it just became one, else reclassified and versioned.
  if (after.kind === 'employer')
    await organisationsWritten(trx, { organisationIds: [id], via: 'update', changedBy: actor.userId });
  return presentOrganisation(after, actor);
};

export const deleteOrganisation = async (db: Kysely<DB>, ctx: AuditContext, actor: Actor, id: number) => {
  await db.transaction().execute(async (trx) => {
    const before = await findOrganisation(trx, scopeOf(actor, 'administration'), id);
    if (!before) throw notFound();
    if (!canDeleteOrganisation(actor, before)) throw forbidden();
    const { hasUsers, hasChildren } = await dependentsOf(trx, id);
    if (hasUsers) throw new AppError('conflict', 'organisation_has_users');
    if (hasChildren) throw new AppError('conflict', 'organisation_has_children');
    // Soft delete: history (audit, facts pointing here) keeps its reference.
    await updateOrganisationRow(trx, id, { status: 'deleted' });
    await writeAudit(trx, ctx, {
      action: 'organisation.delete',
      entityType: 'organisation',
      entityId: id,
      before,
    });
  });
};

/**
 * Fills the pinyin sort key of every organisation stored without one (rows written before migration
 * 0006, or by a writer outside the application), in batches of `batchSize` rows, each batch one
 * statement of its own. When SORT_KEY_VERSION changed since the last run, every key is recomputed.
 * Runs at every start right after the migrations (server.ts openAndPrepare); a database where every
 * key is present costs one indexed query. Returns the number of keys written.
 */
export const backfillOrganisationSortKeys = async (
  db: Kysely<DB>,
  opts: { batchSize?: number } = {},
): Promise<number> => {
  const batchSize = opts.batchSize ?? 1000;
  const stored = await storedSortKeyVersion(db);
  if (stored !== null && stored !== SORT_KEY_VERSION) await clearOrganisationSortKeys(db);
  let filled = 0;
  for (let after = 0; ;) {
    const rows = await unsafeOrganisationsWithoutSortKey(db, after, batchSize);
    if (!rows.length) break;
    await setOrganisationSortKeys(
      db,
      rows.map((r) => ({ id: r.organisation_id, nameSort: organisationSortKey(r.name) })),
    );
    filled += rows.length;
    after = rows[rows.length - 1]!.organisation_id;
  }
  if (stored !== SORT_KEY_VERSION) await storeSortKeyVersion(db, SORT_KEY_VERSION);
  return filled;
};
