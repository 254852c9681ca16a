/**
 * API tokens (接口令牌, issue 15 items 4 and 8): an institution's own software authenticates with
 * `Authorization: Bearer ohp_…` instead of a browser session. A token belongs to one organisation, holds
 * a few integration permissions (its scopes) and works only on routes that declare one of them.
 *
 * The rules (docs/SECURITY.md § API tokens):
 * - scopes are integration permissions only (`apiTokenScopes`), those the organisation's kind may hold
 *   (`apiTokenScopesByKind`) and, at creation, those the creating user holds;
 * - a request with a token acts as the token's organisation with exactly the scopes the token still
 *   has: its own, intersected with its kind's and with what its creator holds now (a token never
 *   outlives the rights of the account that made it);
 * - expiry: 1 year by default, at most 2 years.
 */
import { Type, type Static } from 'typebox';
import type { OrganisationKind, PermissionKey } from './permissions.js';

/** What an institution's system may be allowed to do with a token. */
export const apiTokenScopes = [
  'exam_reports:submit',
  'exam_reports:read',
  'diagnosis_reports:submit',
  'diagnosis_reports:read',
] as const satisfies readonly PermissionKey[];
export type ApiTokenScope = (typeof apiTokenScopes)[number];

export const isApiTokenScope = (p: string): p is ApiTokenScope =>
  (apiTokenScopes as readonly string[]).includes(p);

/**
 * The scopes a token of an organisation of this kind may hold: exam institutions report and read their
 * cards, diagnosis institutions their diagnosis reports. Every other kind (regulators included) has
 * none, so it cannot make tokens at all.
 */
export const apiTokenScopesByKind: Readonly<Partial<Record<OrganisationKind, readonly ApiTokenScope[]>>> = {
  exam_institution: ['exam_reports:submit', 'exam_reports:read'],
  diagnosis_institution: ['diagnosis_reports:submit', 'diagnosis_reports:read'],
};

export const apiTokenScopesOfKind = (kind: string): readonly ApiTokenScope[] =>
  apiTokenScopesByKind[kind as OrganisationKind] ?? [];

/** Every secret starts so (a secret scanner, a log filter or a person can tell what it is). */
export const API_TOKEN_PREFIX = 'ohp_';
/** Characters of the secret after `ohp_` kept as its visible prefix. */
export const API_TOKEN_PREFIX_CHARS = 8;
export const API_TOKEN_DEFAULT_DAYS = 365;
export const API_TOKEN_MAX_DAYS = 730;

export const ApiTokenStatus = Type.Union(
  [Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked'), Type.Literal('suspended')],
  {
    description:
      'active; expired (past expiresAt); revoked; suspended: not revoked nor expired, but its creator is disabled, has left the organisation or no longer holds any of its scopes, so it works for nothing',
  },
);
export type ApiTokenStatus = Static<typeof ApiTokenStatus>;

const Person = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
});

export const ApiToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  /** The scopes it works with now (its own ∩ its kind's ∩ its creator's current permissions). */
  effectiveScopes: Type.Array(Type.String()),
  /** `ohp_` and the first characters of the secret, to recognise it; never enough to use it. */
  prefix: Type.String(),
  status: ApiTokenStatus,
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Person,
  expiresAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Updated at most once a minute',
  }),
  lastUsedIp: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedBy: Type.Union([Person, Type.Null()]),
  abilities: Type.Object({ revoke: Type.Boolean() }),
});
export type ApiToken = Static<typeof ApiToken>;

export const ApiTokenList = Type.Object({
  data: Type.Array(ApiToken),
  /** The scopes the caller may give a new token (its organisation kind's that it holds itself). */
  grantableScopes: Type.Array(Type.String()),
  defaultExpiresOn: Type.String({ format: 'date' }),
  maxExpiresOn: Type.String({ format: 'date' }),
});
export type ApiTokenList = Static<typeof ApiTokenList>;

export const ApiTokenCreateInput = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 60,
      description: 'What the token is for (e.g. 体检系统对接)',
    }),
    scopes: Type.Array(
      Type.Union([
        Type.Literal('exam_reports:submit'),
        Type.Literal('exam_reports:read'),
        Type.Literal('diagnosis_reports:submit'),
        Type.Literal('diagnosis_reports:read'),
      ]),
      { minItems: 1, maxItems: apiTokenScopes.length, uniqueItems: true },
    ),
    expiresOn: Type.Optional(
      Type.String({
        format: 'date',
        description: 'Last day the token works (Beijing time); default in one year, at most two years ahead',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApiTokenCreateInput = Static<typeof ApiTokenCreateInput>;

export const ApiTokenCreated = Type.Object({
  token: ApiToken,
  /** The whole secret: shown this once, never stored (only its SHA-256 is). */
  secret: Type.String(),
});
export type ApiTokenCreated = Static<typeof ApiTokenCreated>;
