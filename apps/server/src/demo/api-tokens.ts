/**
 * Demo API tokens (接口令牌): the demo exam institution's system token (used once, from the
 * institution's network, so the list shows a last use) and an older one it revoked; one for the demo
 * diagnosis institution. Created through the service like any other; the secrets are dropped at once —
 * never printed or stored — so no demo token can be used by anyone.
 */
import type { ApiTokenScope } from '@ohp/contracts';
import { loadActor } from '../platform/authz/session.js';
import { resolveApiToken } from '../platform/authz/api-token.js';
import type { Deps } from '../platform/http/types.js';
import { createApiToken, revokeApiToken } from '../modules/api-tokens/index.js';

const actorOf = async (deps: Deps, username: string) => {
  const u = await deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirst();
  return u ? ((await loadActor(deps.db, u.user_id))?.actor ?? null) : null;
};

export const seedDemoApiTokens = async (deps: Deps): Promise<string | null> => {
  const plan: Array<{ as: string; name: string; scopes: ApiTokenScope[]; revoke?: boolean; use?: string }> = [
    { as: 'demo-exam', name: '旧版体检系统（已停用）', scopes: ['exam_reports:submit'], revoke: true },
    {
      as: 'demo-exam',
      name: '体检管理系统对接',
      scopes: ['exam_reports:submit', 'exam_reports:read'],
      use: '10.12.0.8',
    },
    { as: 'demo-diag', name: '诊断系统对接', scopes: ['diagnosis_reports:submit', 'diagnosis_reports:read'] },
  ];
  let made = 0;
  for (const p of plan) {
    const actor = await actorOf(deps, p.as);
    if (!actor) continue;
    const ctx = {
      userId: actor.userId,
      username: actor.username,
      organisationId: actor.organisationId,
      ip: null,
      requestId: 'demo-seed',
    };
    const created = await createApiToken(deps.db, ctx, actor, { name: p.name, scopes: p.scopes });
    if (p.use) await resolveApiToken(deps.db, created.secret, { ip: p.use, now: new Date() });
    if (p.revoke) await revokeApiToken(deps.db, ctx, actor, created.token.id);
    made++;
  }
  return made ? `API tokens: ${made} (secrets discarded; the demo institutions create their own)` : null;
};
