/** HTTP wiring of the API tokens (接口令牌, issue 15 items 4 and 8). */
import { ApiToken, ApiTokenCreated, ApiTokenCreateInput, ApiTokenList, IdParams } from '@ohp/contracts';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.js';

const tags = ['api-tokens'];

export const registerApiTokenRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/api-tokens', {
    config: { access: 'api_tokens:manage' },
    schema: {
      tags,
      summary: "接口令牌 The organisation's API tokens (live first), and the scopes the caller may give",
      description:
        'Own organisation only (a regulator never sees an institution’s tokens). Each token shows its prefix (never the secret), scopes, effective scopes (its own ∩ its organisation kind’s ∩ what its creator holds now), creator, last use (updated at most once a minute) and status: active, expired, revoked, or suspended (its creator is disabled, left the organisation or holds none of its scopes).',
      response: { 200: ApiTokenList },
    },
    handler: async (req) => listApiTokens(deps.db, actorOf(req)),
  });

  app.post('/api/v1/api-tokens', {
    config: { access: 'api_tokens:manage', example: { as: 'demo-exam' }, sessionNeutral: true },
    schema: {
      tags,
      summary: '新建接口令牌 Create an API token; the secret is in this answer only',
      description:
        'Scopes: integration permissions the organisation’s kind may hold (exam institution: exam_reports:submit, exam_reports:read; diagnosis institution: diagnosis_reports:submit, diagnosis_reports:read) and the caller holds itself (403 api_token_scope_not_held otherwise). expiresOn: the last day it works (Beijing time), default one year, at most two. At most 20 live tokens per organisation (409). The secret (`ohp_` + 43 characters) is returned once and never stored; only its SHA-256 is. Use it as `Authorization: Bearer <secret>`. Audited (api_token.create, without the secret).',
      body: {
        ...ApiTokenCreateInput,
        examples: [{ name: '体检系统对接', scopes: ['exam_reports:submit', 'exam_reports:read'] }],
      },
      response: { 201: ApiTokenCreated },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createApiToken(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.post('/api/v1/api-tokens/:id/revoke', {
    config: { access: 'api_tokens:manage', sessionNeutral: true },
    schema: {
      tags,
      summary: '吊销接口令牌 Revoke an API token: it stops working at once (401 api_token_invalid)',
      description:
        'Own organisation’s tokens only (404 otherwise); a revoked token stays listed. 409 when already revoked. Audited (api_token.revoke).',
      params: IdParams,
      response: { 200: ApiToken },
    },
    handler: async (req) => revokeApiToken(deps.db, auditContext(req), actorOf(req), Number(req.params.id)),
  });
};
