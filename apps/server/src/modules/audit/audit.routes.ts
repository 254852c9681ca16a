/** The audit administrator's view of the audit trail, and the chain verification. */
import { AuditEntry, AuditQuery, AuditVerifyResponse, Page } from '@ohp/contracts';
import { Type } from 'typebox';
import { verifyAuditChain, writeAudit } from '../../platform/audit.js';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { searchAccountsByName } from '../users/index.js';
import { exportAudit } from './audit.export.js';
import { searchAudit } from './audit.repository.js';

const tags = ['audit'];

const AuditExportQuery = Type.Omit(AuditQuery, ['page', 'pageSize', 'exactTotal'], {
  additionalProperties: false,
});

const ActorQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);
const ActorOption = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  organisationName: Type.String(),
});

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
      const { rows, total, totalExact, page, pageSize } = await searchAudit(
        deps.db,
        req.query,
        deps.config.listExactCountLimit,
      );
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
        totalExact,
        page,
        pageSize,
      };
    },
  });

  app.get('/api/v1/audit/export', {
    config: { access: 'audit:read' },
    schema: {
      tags,
      summary:
        '导出审计日志 Export the filtered audit trail as xlsx (newest first, at most 50,000 rows; a second sheet records the filter; audited)',
      querystring: AuditExportQuery,
    },
    handler: async (req, reply) => {
      const file = await exportAudit(deps.db, auditContext(req), req.lang, req.query);
      return sendDownload(reply, req.lang, { body: file.body, type: XLSX_TYPE, names: file.names });
    },
  });

  app.get('/api/v1/audit/actors', {
    config: { access: 'audit:read' },
    schema: {
      tags,
      summary: '操作人选择 Accounts by username or name, for the audit actor filter',
      querystring: ActorQuery,
      response: { 200: Type.Object({ data: Type.Array(ActorOption) }) },
    },
    // Username, name and organisation only: what the audit trail itself already names.
    handler: async (req) => ({
      data: await searchAccountsByName(deps.db, req.query.q, req.query.limit ?? 20),
    }),
  });

  app.post('/api/v1/audit/verify', {
    config: { access: 'audit:verify', sessionNeutral: true },
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
