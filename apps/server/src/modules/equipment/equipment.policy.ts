/**
 * Who does what with equipment (设备配置):
 *  - the catalogue: read with equipment:read, kept with equipment:manage (provincial regulator's
 *    administrator, QC centre); national/provincial data, no record scope;
 *  - a ledger: read with equipment:read in the business scope (an institution its own); kept with
 *    equipment:record — an institution its own ledger only (a CDC's region scope does not let it keep a
 *    service institution's ledger), a health commission, disease-control bureau or the QC centre the
 *    ledgers of the institutions in its scope (“by regulators for it”);
 *  - the region views: the requested region must lie inside the scope (out of scope ⇒ 404); an
 *    institution-only scope may name the regions its own institution lies in and sees itself only.
 */
import { equipmentInstitutionKinds, regulatorKinds, type OrganisationKind } from '@ohp/contracts';
import { getRegion } from '@ohp/reference';
import { can, type Actor } from '../../platform/authz/actor.js';
import { scopeOf, type Scope } from '../../platform/authz/scope.js';
import { notFound } from '../../platform/errors.js';

export const canManageCatalogue = (actor: Actor): boolean => can(actor, 'equipment:manage');

/** Organisations that keep ledgers on someone else's behalf (the regulators and the QC centre). */
const keepsOthersLedgers = (kind: OrganisationKind): boolean =>
  regulatorKinds.includes(kind) || kind === 'qc_centre';

/** Whether the actor may keep this (in-scope) institution's ledger. */
export const canRecordFor = (actor: Actor, institutionId: number): boolean =>
  can(actor, 'equipment:record') &&
  (institutionId === actor.organisationId || keepsOthersLedgers(actor.organisationKind));

export const isEquipmentInstitution = (kind: string): boolean =>
  (equipmentInstitutionKinds as readonly string[]).includes(kind);

export const requirementAbilities = (actor: Actor) => {
  const manage = canManageCatalogue(actor);
  return { update: manage, delete: manage };
};

export type ResolvedRegion = {
  scope: Scope;
  /** The region asked for (or the scope's own), 2, 4 or 6 digits. */
  code: string;
  /** From the scope's root down to `code`. */
  path: Array<{ code: string; name: string }>;
};

export const regionName = (code: string): string => getRegion(code)?.name ?? code;

/** GB/T 2260 ancestors of a code down to itself (2, 4, 6 digits). */
const chain = (code: string): string[] =>
  [2, 4, 6].filter((n) => n <= code.length).map((n) => code.slice(0, n));

/**
 * The region a region view shows: the one asked for when it lies in the actor's business scope, else
 * 404; without one, the scope's own region. An institution-only scope may ask for the regions that
 * contain its institution (it sees itself only).
 */
export const resolveRegion = (actor: Actor, region: string | undefined): ResolvedRegion => {
  const scope = scopeOf(actor, 'business');
  const own = actor.regionCode.slice(0, 6);
  let code: string;
  let root: string;
  switch (scope.kind) {
    case 'none':
      throw notFound();
    case 'all':
      code = region ?? own.slice(0, 2);
      root = code.slice(0, 2);
      break;
    case 'region': {
      const prefix = scope.prefix.slice(0, 6);
      code = region ?? prefix;
      if (!code.startsWith(prefix)) throw notFound();
      root = prefix;
      break;
    }
    case 'organisation':
      code = region ?? own;
      if (!own.startsWith(code)) throw notFound();
      root = code;
      break;
  }
  if (!getRegion(code)) throw notFound();
  return {
    scope,
    code,
    path: chain(code)
      .filter((c) => c.length >= root.length)
      .map((c) => ({ code: c, name: regionName(c) })),
  };
};
