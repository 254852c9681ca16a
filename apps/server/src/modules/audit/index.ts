/** Audit trail search and verification (the audit administrator's pages). */
export { registerAuditRoutes } from './audit.routes.js';
