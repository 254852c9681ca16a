/**
 * API tokens (接口令牌, issue 15 items 4 and 8): an organisation's tokens listed with what each can still
 * do, created (the secret returned once, only its SHA-256 kept) and revoked; both writes audited, never
 * with the secret. How a token authenticates a request: platform/authz/api-token.ts.
 */
import {
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_DAYS,
  apiTokenScopesOfKind,
  type ApiToken,
  type ApiTokenCreated,
  type ApiTokenCreateInput,
  type ApiTokenList,
  type ApiTokenStatus,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { effectiveScopes, newApiTokenSecret } from '../../platform/authz/api-token.js';
import type { DB } from '../../platform/db-types.js';
import { AppError } from '../../platform/errors.js';
import { grantableScopes, kindMayHoldTokens, tokenAbilities, tokenScopeOf } from './api-tokens.policy.js';
import {
  countLiveTokens,
  findToken,
  insertToken,
  listTokens,
  lockToken,
  markTokenRevoked,
  type TokenRow,
} from './api-tokens.repository.js';

/** Live tokens one organisation may have at once (a runaway script cannot mint thousands). */
export const MAX_LIVE_TOKENS = 20;

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
/** The calendar day in Beijing time (the platform's day) of an instant. */
export const beijingDay = (at: Date): string =>
  new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 10);
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** A token "valid until 2027-06-30" works to the end of that day, Beijing time. */
const endOfDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY_MS);

const statusOf = (r: TokenRow, scopes: readonly string[], now: Date): ApiTokenStatus =>
  r.revoked_at !== null
    ? 'revoked'
    : r.expires_at.getTime() <= now.getTime()
      ? 'expired'
      : scopes.length === 0
        ? 'suspended'
        : 'active';

const present = (actor: Actor, r: TokenRow, now: Date): ApiToken => {
  const scopes = effectiveScopes({
    scopes: r.scopes,
    kind: r.kind,
    organisationId: r.organisation_id,
    creatorStatus: r.creator_status,
    creatorOrganisationId: r.creator_organisation_id,
    creatorPermissions: r.creator_permissions,
  });
  const status = statusOf(r, scopes, now);
  return {
    id: r.api_token_id,
    name: r.name,
    scopes: r.scopes,
    effectiveScopes: status === 'active' ? scopes : [],
    prefix: r.token_prefix,
    status,
    createdAt: r.created_at.toISOString(),
    createdBy: { id: r.creator_id, username: r.creator_username, displayName: r.creator_display_name },
    expiresAt: r.expires_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    lastUsedIp: r.last_used_ip,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokedBy:
      r.revoker_id !== null
        ? { id: r.revoker_id, username: r.revoker_username!, displayName: r.revoker_display_name! }
        : null,
    abilities: tokenAbilities(actor, r),
  };
};

export const listApiTokens = async (
  db: Kysely<DB>,
  actor: Actor,
  now = new Date(),
): Promise<ApiTokenList> => {
  const rows = await listTokens(db, tokenScopeOf(actor));
  const today = beijingDay(now);
  return {
    data: rows.map((r) => present(actor, r, now)),
    grantableScopes: grantableScopes(actor),
    defaultExpiresOn: addDays(today, API_TOKEN_DEFAULT_DAYS),
    maxExpiresOn: addDays(today, API_TOKEN_MAX_DAYS),
  };
};

const refuse = (path: string, reason: string) =>
  new AppError('validation_failed', reason, [{ path, reason, message: '' }]);

export const createApiToken = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: ApiTokenCreateInput,
  now = new Date(),
): Promise<ApiTokenCreated> => {
  if (!kindMayHoldTokens(actor)) throw new AppError('forbidden', 'api_token_kind_not_allowed');
  const name = input.name.trim();
  if (!name) throw refuse('name', 'value_required');
  const kindScopes = apiTokenScopesOfKind(actor.organisationKind);
  if (input.scopes.some((s) => !kindScopes.includes(s)))
    throw refuse('scopes', 'api_token_scope_not_for_kind');
  const grantable = grantableScopes(actor);
  if (input.scopes.some((s) => !grantable.includes(s)))
    throw new AppError('forbidden', 'api_token_scope_not_held', [
      { path: 'scopes', reason: 'api_token_scope_not_held', message: '' },
    ]);
  const today = beijingDay(now);
  const expiresOn = input.expiresOn ?? addDays(today, API_TOKEN_DEFAULT_DAYS);
  if (expiresOn < today) throw refuse('expiresOn', 'api_token_expiry_past');
  if (expiresOn > addDays(today, API_TOKEN_MAX_DAYS)) throw refuse('expiresOn', 'api_token_expiry_too_far');
  // The order of the catalogue, whatever order the client sent.
  const scopes = kindScopes.filter((s) => input.scopes.includes(s));
  const secret = newApiTokenSecret();
  const id = await db.transaction().execute(async (trx) => {
    if ((await countLiveTokens(trx, actor.organisationId, now)) >= MAX_LIVE_TOKENS)
      throw new AppError('conflict', 'api_token_too_many');
    const tokenId = await insertToken(trx, {
      organisationId: actor.organisationId,
      name,
      scopes,
      prefix: secret.prefix,
      sha256: secret.sha256,
      createdBy: actor.userId,
      createdAt: now,
      expiresAt: endOfDay(expiresOn),
    });
    // Never the secret nor its hash: the prefix is enough to recognise the token.
    await writeAudit(trx, ctx, {
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: tokenId,
      after: { name, scopes, prefix: secret.prefix, expiresOn, organisationId: actor.organisationId },
    });
    return tokenId;
  });
  const row = (await findToken(db, tokenScopeOf(actor), id))!;
  return { token: present(actor, row, now), secret: secret.secret };
};

export const revokeApiToken = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  now = new Date(),
): Promise<ApiToken> => {
  const scope = tokenScopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const t = await lockToken(trx, scope, id);
    if (!t) throw new AppError('not_found', 'not_found');
    if (t.revoked_at !== null) throw new AppError('conflict', 'api_token_revoked');
    await markTokenRevoked(trx, id, actor.userId, now);
    await writeAudit(trx, ctx, {
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: id,
      before: { name: t.name, prefix: t.token_prefix, status: 'live' },
      after: { status: 'revoked' },
    });
  });
  return present(actor, (await findToken(db, scope, id))!, now);
};
