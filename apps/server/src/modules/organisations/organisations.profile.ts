/**
 * 本单位信息 (issue 13): every business user reads its own organisation and keeps its contact person,
 * phone, address and staff counts. The routes take no id: the organisation is the actor's own, so no
 * request reaches another one. Name, credit code, region and type are the regulator's.
 */
import type { ErrorDetail, MyOrganisationPatch } from '@ohp/contracts';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { canUpdateOwnProfile, checkRegulatorManagedFields } from './organisations.policy.js';
import { findOrganisation, updateOrganisationRow, type OrganisationRow } from './organisations.repository.js';
import { checkStaffCounts, presentOrganisationDetail, sizeOf } from './organisations.service.js';

/**
 * A mobile number (1 and 10 digits), a landline with its area code (0431-88888888, extension allowed)
 * or a 400/800 service number; spaces and hyphens as people write them.
 */
const CONTACT_PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/;

const blankToNull = (v: string | null | undefined): string | null | undefined =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim();

/** The actor's own organisation, through the same scoped query as every read (own ⊂ scope). */
const ownOrganisation = async (db: Kysely<DB>, actor: Actor): Promise<OrganisationRow> => {
  const row = await findOrganisation(db, scopeOf(actor, 'administration'), actor.organisationId);
  if (!row) throw notFound();
  return row;
};

export const getMyOrganisation = async (db: Kysely<DB>, actor: Actor) =>
  presentOrganisationDetail(db, await ownOrganisation(db, actor), actor);

export const updateMyOrganisation = (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  patch: MyOrganisationPatch,
) => db.transaction().execute((trx) => updateMyOrganisationIn(trx, ctx, actor, patch));

/** The update inside the caller's transaction (the route's, or the demo seed's). */
export const updateMyOrganisationIn = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  actor: Actor,
  patch: MyOrganisationPatch,
) => {
  const before = await ownOrganisation(trx, actor);
  if (!canUpdateOwnProfile(actor, before)) throw forbidden();
  const refused = checkRegulatorManagedFields(before, patch);
  if (refused.length) throw new AppError('forbidden', 'organisation_field_regulator_only', refused);

  const contactName = blankToNull(patch.contactName);
  const contactPhone = blankToNull(patch.contactPhone)?.replace(/\s+/g, '');
  const address = blankToNull(patch.address);
  const details: ErrorDetail[] = [];
  if (contactPhone && !CONTACT_PHONE.test(contactPhone))
    details.push({ path: 'contactPhone', reason: 'contact_phone_format', message: '' });
  const employees = patch.employees !== undefined ? patch.employees : before.employees;
  const exposed = patch.exposedEmployees !== undefined ? patch.exposedEmployees : before.exposed_employees;
  details.push(...checkStaffCounts(employees, exposed, patch.exposedEmployees != null));
  if (details.length) throw new AppError('validation_failed', 'validation_failed', details);

  const values = {
    ...(contactName !== undefined && { contact_name: contactName }),
    ...(contactPhone !== undefined && { contact_phone: contactPhone }),
    ...(address !== undefined && { address }),
    ...(patch.employees !== undefined && { employees }),
    ...(patch.exposedEmployees !== undefined && { exposed_employees: exposed }),
  };
  const changed = (Object.keys(values) as Array<keyof typeof values>).some((k) => values[k] !== before[k]);
  // Nothing to change (the form was saved as it was): no write, no audit entry.
  if (!changed) return presentOrganisationDetail(trx, before, actor);
  const after = await updateOrganisationRow(trx, before.organisation_id, {
    ...values,
    // The staff count is one of the 2017 size rule's measures.
    enterprise_size: sizeOf(before.industry_code, employees, before.revenue_wan_yuan),
  });
  await writeAudit(trx, ctx, {
    action: 'organisation.profile_update',
    entityType: 'organisation',
    entityId: before.organisation_id,
    before,
    after,
  });
  return presentOrganisationDetail(trx, after, actor);
};
