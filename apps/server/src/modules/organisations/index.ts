/** Organisations (单位): the kinds of DESIGN §2 with region, level, supervisor and credit code. */
export { registerOrganisationRoutes } from './organisations.routes.js';
export { findOrganisation } from './organisations.repository.js';
export { organisationImportSpec } from './organisations.import.js';
export {
  backfillOrganisationSortKeys,
  levelOf,
  presentOrganisation,
  updateOrganisationIn,
} from './organisations.service.js';
export { updateMyOrganisationIn } from './organisations.profile.js';
export { organisationSortKey } from './organisations.sort-key.js';
export { onOrganisationsWritten, type OrganisationsWritten } from './organisations.events.js';
