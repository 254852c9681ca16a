/**
 * Record rules for organisations, as abilities that travel with every record, and the rules for the
 * fields that decide scope or trust (kind, region, parent, supervising organisation, status).
 */
import type { ErrorDetail, OrganisationKind } from '@ohp/contracts';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import { scopeCovers, scopeOf, scopeOfOrganisation } from '../../platform/authz/scope.js';
import type { OrganisationRow } from './organisations.repository.js';

/**
 * Fields whose value decides what an organisation's users may see (kind, region) or whom they answer
 * to (parent, supervising organisation). Status changes go through delete, which follows the same rule.
 */
export const scopeDecidingFields = ['kind', 'regionCode', 'parentId', 'supervisorId'] as const;
export type ScopeDecidingField = (typeof scopeDecidingFields)[number];

/**
 * Kinds nobody creates or assigns through the API: the platform operator is created by the platform's
 * installation (seed / CLI) only.
 */
const reservedKinds: ReadonlySet<OrganisationKind> = new Set(['platform_operator']);
/** Kinds only a platform-wide administrator (scope `all`) may create or assign. */
const platformAssignedKinds: ReadonlySet<OrganisationKind> = new Set(['qc_centre']);

export const canUpdateOrganisation = (actor: Actor, _org: OrganisationRow): boolean =>
  can(actor, 'organisations:update');

/**
 * An organisation cannot delete itself; a platform operator organisation is never deleted here; and
 * the deleter's scope must cover everything the organisation's own users could reach.
 */
export const canDeleteOrganisation = (actor: Actor, org: OrganisationRow): boolean =>
  can(actor, 'organisations:delete') &&
  org.organisation_id !== actor.organisationId &&
  org.kind !== 'platform_operator' &&
  coversOrganisation(actor, org.kind as OrganisationKind, org.region_code, org.organisation_id);

/** 本单位信息: a user edits the contact and staff figures of its own organisation, and of no other. */
export const canUpdateOwnProfile = (actor: Actor, org: OrganisationRow): boolean =>
  can(actor, 'organisation_profile:update') && org.organisation_id === actor.organisationId;

export const organisationAbilities = (actor: Actor, org: OrganisationRow) => ({
  update: canUpdateOrganisation(actor, org),
  delete: canDeleteOrganisation(actor, org),
  updateProfile: canUpdateOwnProfile(actor, org),
});

/**
 * Fields an organisation's own users never change through 本单位信息: its identity (name, credit code)
 * and what decides its scope (region, type). The regulator changes them (organisations:update).
 */
export const regulatorManagedFields = ['name', 'creditCode', 'regionCode', 'kind'] as const;

/**
 * One refusal per regulator-managed field the patch would change. Sending the current value back is no
 * change (a form may send everything it read): names compare trimmed, credit codes in upper case.
 */
export const checkRegulatorManagedFields = (
  org: OrganisationRow,
  patch: Partial<Record<(typeof regulatorManagedFields)[number], string | null>>,
): ErrorDetail[] => {
  const current: Record<(typeof regulatorManagedFields)[number], string | null> = {
    name: org.name,
    creditCode: org.credit_code,
    regionCode: org.region_code,
    kind: org.kind,
  };
  const norm = (f: (typeof regulatorManagedFields)[number], v: string | null | undefined) => {
    const t = v?.trim() ?? '';
    return f === 'creditCode' ? t.toUpperCase() : t;
  };
  return regulatorManagedFields
    .filter((f) => patch[f] !== undefined && norm(f, patch[f]) !== norm(f, current[f]))
    .map((f) => ({ path: f, reason: 'organisation_field_regulator_only', message: '' }));
};

/** Whether the actor's scope covers the scope an organisation of this kind and region would have. */
const coversOrganisation = (actor: Actor, kind: OrganisationKind, regionCode: string, id: number): boolean =>
  scopeCovers(
    scopeOf(actor, 'administration'),
    scopeOfOrganisation({ kind, regionCode, organisationId: id }, 'administration'),
    regionCode,
  );

/**
 * The rule for the scope-deciding fields, for a create (`before` null) or an update. Returns one
 * refusal per field:
 *  - an organisation never changes its own kind, region, parent or supervising organisation (its
 *    regulator does);
 *  - `platform_operator` is never created or assigned, and a platform operator's kind never changes;
 *    `qc_centre` only by a platform-wide administrator;
 *  - the actor's scope must cover the scope the organisation has before the change and the one it
 *    would have after it (so nobody creates or promotes an organisation above their own reach: a
 *    county cannot make a city or provincial regulator, nor turn an employer into the QC centre).
 * Parent and supervisor references are checked against the scope by the service (old and new value).
 */
export const checkScopeFields = (
  actor: Actor,
  before: OrganisationRow | null,
  next: { kind: OrganisationKind; regionCode: string },
  changed: ReadonlySet<ScopeDecidingField>,
): ErrorDetail[] => {
  const details: ErrorDetail[] = [];
  const refuse = (path: ScopeDecidingField, reason: string) => details.push({ path, reason, message: '' });
  if (before && before.organisation_id === actor.organisationId) {
    for (const f of scopeDecidingFields) if (changed.has(f)) refuse(f, 'own_organisation_field');
    return details;
  }
  const kindChanged = !before || changed.has('kind');
  if (kindChanged) {
    if (reservedKinds.has(next.kind) || (before && reservedKinds.has(before.kind as OrganisationKind)))
      refuse('kind', 'kind_reserved');
    else if (platformAssignedKinds.has(next.kind) && scopeOf(actor, 'administration').kind !== 'all')
      refuse('kind', 'kind_reserved');
  }
  if (details.length || (before && changed.size === 0)) return details;
  const id = before?.organisation_id ?? -1;
  const reachesBefore =
    !before || coversOrganisation(actor, before.kind as OrganisationKind, before.region_code, id);
  const reachesAfter = coversOrganisation(actor, next.kind, next.regionCode, id);
  if (!reachesBefore || !reachesAfter) {
    const path: ScopeDecidingField = changed.has('kind') || !before ? 'kind' : 'regionCode';
    refuse(path, 'scope_escalation');
  }
  return details;
};
