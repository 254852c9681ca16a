/** National catalogues (字典) and administrative divisions, read-only. */
export { registerCatalogueRoutes } from './catalogues.routes.js';
