/** The audit administrator's view of the audit trail, and the chain verification. */
import { AuditEntry, AuditQuery, AuditVerifyResponse, Page } from '@ohp/contracts';
import { verifyAuditChain } from '../../platform/audit.js';
import { auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { writeAudit } from '../../platform/audit.js';
import { likePrefix } from '../../platform/sql-text.js';

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
      const q = req.query;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      // The audit trail is province-wide by nature; only the audit administrator holds audit:read.
      let base = deps.db.selectFrom('audit_log');
      if (q.action) base = base.where('action', 'like', likePrefix(q.action));
      if (q.entityType) base = base.where('entity_type', '=', q.entityType);
      if (q.entityId) base = base.where('entity_id', '=', q.entityId);
      if (q.actor) base = base.where('actor_username', '=', q.actor);
      if (q.from) base = base.where('at', '>=', new Date(`${q.from}T00:00:00+08:00`));
      if (q.to)
        base = base.where('at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000));
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('audit_log_id', 'desc')
          .offset((page - 1) * pageSize)
          .limit(pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
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
        total: Number(count.n),
        page,
        pageSize,
      };
    },
  });

  app.post('/api/v1/audit/verify', {
    config: { access: 'audit:verify' },
    schema: {
      tags,
      summary: '校验审计链 Verify the audit hash chain',
      response: { 200: AuditVerifyResponse },
    },
    handler: async (req) => {
      const result = await verifyAuditChain(deps.db);
      await writeAudit(deps.db, auditContext(req), { action: 'audit.verify', after: result });
      return result;
    },
  });
};
