/**
 * The API-token rules as pure functions: who manages which tokens, which scopes a user may give, which
 * scopes a stored token still works with, and how a bearer header and a new secret look.
 */
import {
  ApiTokenCreateInput,
  apiTokenScopes,
  apiTokenScopesByKind,
  builtInRoles,
  organisationKinds,
  type OrganisationKind,
  type PermissionKey,
} from '@ohp/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/actor.js';
import { bearerSecret, effectiveScopes, newApiTokenSecret } from '../../platform/authz/api-token.js';
import { sha256 } from '../../platform/crypto.js';
import { canRevokeToken, grantableScopes, kindMayHoldTokens, tokenScopeOf } from './api-tokens.policy.js';

const actor = (kind: OrganisationKind, permissions: PermissionKey[], extra: Partial<Actor> = {}): Actor => ({
  userId: 7,
  username: 'u',
  displayName: 'U',
  organisationId: 100,
  organisationKind: kind,
  regionCode: '220102',
  roleKeys: [],
  permissions: new Set(permissions),
  duties: new Set(['business']),
  ...extra,
});

const examStaff = builtInRoles.find((r) => r.key === 'exam_staff')!.permissions;
const diagStaff = builtInRoles.find((r) => r.key === 'diagnosis_staff')!.permissions;

describe('token policy', () => {
  it('scopes the token queries to the own organisation only, for every kind', () => {
    for (const kind of organisationKinds)
      expect(tokenScopeOf(actor(kind, ['api_tokens:manage']))).toEqual({
        kind: 'organisation',
        organisationId: 100,
      });
    expect(tokenScopeOf(actor('exam_institution', ['exam_reports:submit']))).toEqual({ kind: 'none' });
    // A token's own request never manages tokens, even if the permission were in its set.
    expect(
      tokenScopeOf(
        actor('exam_institution', ['api_tokens:manage'], {
          apiToken: { id: 1, name: 'x', creatorUsername: 'u' },
        }),
      ),
    ).toEqual({ kind: 'none' });
  });

  it('lets a user give only its kind’s integration scopes that it holds', () => {
    expect(grantableScopes(actor('exam_institution', [...examStaff]))).toEqual([
      'exam_reports:submit',
      'exam_reports:read',
    ]);
    expect(grantableScopes(actor('exam_institution', ['api_tokens:manage', 'exam_reports:read']))).toEqual([
      'exam_reports:read',
    ]);
    expect(
      grantableScopes(
        actor('health_commission', ['api_tokens:manage', 'exam_reports:read', 'exam_reports:review']),
      ),
    ).toEqual([]);
    expect(grantableScopes(actor('exam_institution', ['exam_reports:submit']))).toEqual([]);
  });

  it('gives tokens to exam and diagnosis institutions only; their staff roles hold what their kind may grant', () => {
    const kinds = organisationKinds.filter((k) => kindMayHoldTokens(actor(k, [])));
    expect(kinds).toEqual(['exam_institution', 'diagnosis_institution']);
    for (const s of Object.values(apiTokenScopesByKind).flat()) expect(apiTokenScopes).toContain(s);
    expect(examStaff).toContain('api_tokens:manage');
    for (const s of apiTokenScopesByKind.exam_institution!) expect(examStaff).toContain(s);
    for (const s of apiTokenScopesByKind.diagnosis_institution!) expect(diagStaff).toContain(s);
    // No administrator duty and no regulator role manages tokens.
    for (const r of builtInRoles.filter((r) => !['exam_staff', 'diagnosis_staff'].includes(r.key)))
      expect(r.permissions, r.key).not.toContain('api_tokens:manage');
  });

  it('revokes a live token of the own organisation only', () => {
    const a = actor('exam_institution', ['api_tokens:manage']);
    expect(canRevokeToken(a, { organisation_id: 100, revoked_at: null })).toBe(true);
    expect(canRevokeToken(a, { organisation_id: 101, revoked_at: null })).toBe(false);
    expect(canRevokeToken(a, { organisation_id: 100, revoked_at: new Date() })).toBe(false);
    expect(canRevokeToken(actor('exam_institution', []), { organisation_id: 100, revoked_at: null })).toBe(
      false,
    );
  });

  it('takes the scopes of a token as its own ∩ its kind’s ∩ its creator’s current ones', () => {
    const base = {
      scopes: ['exam_reports:submit', 'exam_reports:read', 'diagnosis_reports:read', 'users:read'],
      kind: 'exam_institution',
      organisationId: 100,
      creatorStatus: 'active',
      creatorOrganisationId: 100,
      creatorPermissions: [
        'exam_reports:submit',
        'exam_reports:read',
        'diagnosis_reports:read',
        'users:read',
      ],
    };
    expect(effectiveScopes(base)).toEqual(['exam_reports:submit', 'exam_reports:read']);
    expect(effectiveScopes({ ...base, creatorPermissions: ['exam_reports:read'] })).toEqual([
      'exam_reports:read',
    ]);
    expect(effectiveScopes({ ...base, creatorStatus: 'disabled' })).toEqual([]);
    expect(effectiveScopes({ ...base, creatorOrganisationId: 101 })).toEqual([]);
    expect(effectiveScopes({ ...base, kind: 'health_commission' })).toEqual([]);
    expect(effectiveScopes({ ...base, kind: 'employer' })).toEqual([]);
  });

  it('reads the bearer credential of an Authorization header', () => {
    expect(bearerSecret(undefined)).toBeNull();
    expect(bearerSecret('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerSecret('Bearer ohp_abc')).toBe('ohp_abc');
    expect(bearerSecret('bearer   ohp_abc  ')).toBe('ohp_abc');
    expect(bearerSecret('Bearer')).toBe('');
    expect(bearerSecret('Bearer ')).toBe('');
  });

  it('makes 256-bit base-62 secrets with a visible prefix and stores their SHA-256', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const s = newApiTokenSecret();
      expect(s.secret).toMatch(/^ohp_[0-9A-Za-z]{43}$/);
      expect(s.prefix).toBe(s.secret.slice(0, 12));
      expect(s.sha256).toBe(sha256(s.secret));
      seen.add(s.secret);
    }
    expect(seen.size).toBe(200);
  });

  it('declares in the create schema exactly the integration scopes', () => {
    const items = (
      ApiTokenCreateInput.properties.scopes as unknown as { items: { anyOf: Array<{ const: string }> } }
    ).items.anyOf;
    expect(items.map((i) => i.const)).toEqual([...apiTokenScopes]);
  });
});
