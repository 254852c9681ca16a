/** Organisations (单位): the kinds of DESIGN §2 with region, level, supervisor and credit code. */
export { registerOrganisationRoutes } from './organisations.routes.js';
export { findOrganisation } from './organisations.repository.js';
export { levelOf, presentOrganisation } from './organisations.service.js';
