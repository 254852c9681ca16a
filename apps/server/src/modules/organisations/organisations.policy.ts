/** Record rules for organisations, as abilities that travel with every record. */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { OrganisationRow } from './organisations.repository.js';

export const canUpdateOrganisation = (actor: Actor, _org: OrganisationRow): boolean =>
  can(actor, 'organisations:update');

/** An organisation cannot delete itself; a platform operator organisation is never deleted here. */
export const canDeleteOrganisation = (actor: Actor, org: OrganisationRow): boolean =>
  can(actor, 'organisations:delete') &&
  org.organisation_id !== actor.organisationId &&
  org.kind !== 'platform_operator';

export const organisationAbilities = (actor: Actor, org: OrganisationRow) => ({
  update: canUpdateOrganisation(actor, org),
  delete: canDeleteOrganisation(actor, org),
});
