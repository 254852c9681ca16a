/**
 * Who manages which API tokens (接口令牌, issue 15 item 4), as rules over the actor and the token.
 *
 * Tokens are their organisation's alone: a user holding `api_tokens:manage` sees and revokes the tokens
 * of its own organisation, whatever its kind's business scope (a regulator never manages an
 * institution's tokens). Only organisations whose kind may hold integration scopes make tokens, and a
 * user gives a token only scopes it holds itself. A request made with a token never manages tokens (the
 * permission is not an integration scope, so the route refuses it before any of this).
 */
import { apiTokenScopesOfKind, type ApiTokenScope } from '@ohp/contracts';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import type { Scope } from '../../platform/authz/scope.js';

/** Where the actor's token queries look: its own organisation, never a region. */
export const tokenScopeOf = (actor: Actor): Scope =>
  can(actor, 'api_tokens:manage') && !actor.apiToken
    ? { kind: 'organisation', organisationId: actor.organisationId }
    : { kind: 'none' };

/** The scopes the actor may give a new token: its kind's integration scopes that it holds. */
export const grantableScopes = (actor: Actor): ApiTokenScope[] =>
  can(actor, 'api_tokens:manage') && !actor.apiToken
    ? apiTokenScopesOfKind(actor.organisationKind).filter((s) => can(actor, s))
    : [];

/** Whether the actor's organisation may have tokens at all. */
export const kindMayHoldTokens = (actor: Actor): boolean =>
  apiTokenScopesOfKind(actor.organisationKind).length > 0;

export type TokenFacts = { organisation_id: number; revoked_at: Date | null };

export const canRevokeToken = (actor: Actor, t: TokenFacts): boolean =>
  can(actor, 'api_tokens:manage') &&
  !actor.apiToken &&
  t.organisation_id === actor.organisationId &&
  t.revoked_at === null;

export const tokenAbilities = (actor: Actor, t: TokenFacts) => ({ revoke: canRevokeToken(actor, t) });
