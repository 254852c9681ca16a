/** The audit administrator's view of the audit trail, and the chain verification. */
import { AuditEntry, AuditQuery, AuditVerifyResponse, Page } from '@ohp/contracts';
import { verifyAuditChain, writeAudit } from '../../platform/audit.js';
import { auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { searchAudit } from './audit.repository.js';

const tags = ['audit'];

export const registerAuditRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/audit', {
    config: { access: 'audit:read' },
    schema: {
      tags,
      summary: '审计日志 Search the audit trail',
      querystring: AuditQuery,
      response: { 200: Page(AuditEntry) },
    },
    handler: async (req) => {
      // The audit trail is province-wide by nature; only the audit administrator holds audit:read.
      const { rows, total, page, pageSize } = await searchAudit(deps.db, req.query);
      return {
        data: rows.map((r) => ({
          id: r.audit_log_id,
          at: r.at.toISOString(),
          actorUserId: r.actor_user_id,
          actorUsername: r.actor_username,
          actorOrganisationId: r.actor_organisation_id,
          ip: r.ip,
          requestId: r.request_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
          hash: r.hash,
        })),
        total,
        page,
        pageSize,
      };
    },
  });

  app.post('/api/v1/audit/verify', {
    config: { access: 'audit:verify' },
    schema: {
      tags,
      summary: '校验审计链 Verify the audit chain (keyed hashes, sequence, signed checkpoints)',
      response: { 200: AuditVerifyResponse },
    },
    handler: async (req) => {
      // An intact trail gets a 'verify' checkpoint in the checkpoint file, signed with the audit key.
      const result = await verifyAuditChain(deps.db, { checkpoint: true });
      await writeAudit(deps.db, auditContext(req), { action: 'audit.verify', after: result });
      return result;
    },
  });
};
