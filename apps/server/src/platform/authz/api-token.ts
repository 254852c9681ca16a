/**
 * Bearer authentication with an API token (接口令牌, issue 15 item 4): `Authorization: Bearer ohp_…`.
 * The token's management (create, list, revoke) is the api-tokens module's; resolving a secret into an
 * actor is the platform's, like the session cookie (session.ts).
 *
 * A token is looked up by the SHA-256 of the secret (the only thing stored; 256 random bits make a
 * salt or a slow hash pointless and an index lookup leaks nothing about the secret). It works while it
 * is neither revoked nor expired, its organisation is active and its creator is still an active member
 * of that organisation. The request then acts as the token's organisation with the token's scopes,
 * intersected with what the organisation's kind may hold and with what the creator holds now, and as
 * a synthetic actor that names the token: its user id is the creator's (every "done by" column and the
 * uploader's own import batches keep pointing at a real account), its username reads
 * `api-token:<id> <name> (<creator>)`, which is what audit entries written in the request show.
 *
 * last_used_at / last_used_ip are written at most once a minute per token, not on every request.
 */
import {
  API_TOKEN_PREFIX,
  API_TOKEN_PREFIX_CHARS,
  apiTokenScopesOfKind,
  type ApiTokenScope,
  type OrganisationKind,
  type PermissionKey,
} from '@ohp/contracts';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { sha256 } from '../crypto.js';
import type { DB } from '../db-types.js';
import type { Actor } from './actor.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Characters of randomness after `ohp_`: 43 base-62 characters are 256 bits. */
const SECRET_CHARS = 43;
const SECRET_PATTERN = new RegExp(`^${API_TOKEN_PREFIX}[0-9A-Za-z]{${SECRET_CHARS}}$`);
/** last_used_at is written again only after this long. */
export const TOKEN_TOUCH_MS = 60_000;

/** A new secret, its visible prefix and its hash (what is stored). */
export const newApiTokenSecret = (): { secret: string; prefix: string; sha256: string } => {
  let body = '';
  // Rejection sampling: bytes ≥ 248 are dropped so that every character is equally likely.
  while (body.length < SECRET_CHARS) {
    for (const b of randomBytes(64)) {
      if (b < 248 && body.length < SECRET_CHARS) body += BASE62[b % 62];
    }
  }
  const secret = `${API_TOKEN_PREFIX}${body}`;
  return {
    secret,
    prefix: secret.slice(0, API_TOKEN_PREFIX.length + API_TOKEN_PREFIX_CHARS),
    sha256: sha256(secret),
  };
};

/**
 * The secret of an `Authorization: Bearer …` header: null when there is no bearer credential at all
 * (no header, or another scheme such as a proxy's Basic), '' when the header says Bearer but carries
 * nothing usable.
 */
export const bearerSecret = (header: string | string[] | undefined): string | null => {
  if (typeof header !== 'string') return null;
  const m = /^\s*Bearer(?:\s+(.*))?$/i.exec(header);
  if (!m) return null;
  return (m[1] ?? '').trim();
};

/** How the audit trail and the access log name a token's requests. */
export const apiTokenActorName = (t: { id: number; name: string; creatorUsername: string }): string =>
  `api-token:${t.id} ${t.name} (${t.creatorUsername})`;

export type ApiTokenAuthRow = {
  api_token_id: number;
  organisation_id: number;
  name: string;
  scopes: string[];
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  kind: string;
  region_code: string;
  org_status: string;
  creator_id: number;
  creator_username: string;
  creator_status: string;
  creator_organisation_id: number;
  creator_permissions: string[];
};

/** The token with its organisation and its creator's current permissions, in one query. */
export const findTokenForAuth = (
  db: Kysely<DB>,
  secretSha256: string,
): Promise<ApiTokenAuthRow | undefined> =>
  db
    .selectFrom('api_token as t')
    .innerJoin('organisation as o', 'o.organisation_id', 't.organisation_id')
    .innerJoin('app_user as u', 'u.user_id', 't.created_by')
    .select([
      't.api_token_id',
      't.organisation_id',
      't.name',
      't.scopes',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
      'o.kind',
      'o.region_code',
      'o.status as org_status',
      'u.user_id as creator_id',
      'u.username as creator_username',
      'u.status as creator_status',
      'u.organisation_id as creator_organisation_id',
      sql<string[]>`coalesce((
        select array_agg(distinct p) from user_role ur join role r on r.role_key = ur.role_key,
          unnest(r.permissions) as p
        where ur.user_id = u.user_id), '{}'::text[])`.as('creator_permissions'),
    ])
    .where('t.secret_sha256', '=', secretSha256)
    .executeTakeFirst();

/**
 * The scopes a token works with: its own, those its organisation's kind may hold, and those its
 * creator holds now. Empty for a token whose creator is gone from the organisation.
 */
export const effectiveScopes = (t: {
  scopes: readonly string[];
  kind: string;
  organisationId: number;
  creatorStatus: string;
  creatorOrganisationId: number;
  creatorPermissions: readonly string[];
}): ApiTokenScope[] => {
  if (t.creatorStatus !== 'active' || t.creatorOrganisationId !== t.organisationId) return [];
  const held = new Set(t.creatorPermissions);
  return apiTokenScopesOfKind(t.kind).filter((s) => t.scopes.includes(s) && held.has(s));
};

export type ResolvedApiToken = { actor: Actor; tokenId: number };

/**
 * The actor of a bearer secret, or null: unknown, revoked, expired, its organisation deleted, or its
 * creator disabled or moved to another organisation (all answered 401 api_token_invalid, without saying
 * which). A token whose creator merely lost some permissions still authenticates, with fewer scopes.
 */
export const resolveApiToken = async (
  db: Kysely<DB>,
  secret: string,
  meta: { ip: string | null; now: Date },
): Promise<ResolvedApiToken | null> => {
  // A string that cannot be a secret costs no query.
  if (!SECRET_PATTERN.test(secret)) return null;
  const row = await findTokenForAuth(db, sha256(secret));
  if (!row) return null;
  const now = meta.now.getTime();
  if (row.revoked_at !== null || row.expires_at.getTime() <= now || row.org_status !== 'active') return null;
  if (row.creator_status !== 'active' || row.creator_organisation_id !== row.organisation_id) return null;
  const scopes = effectiveScopes({
    scopes: row.scopes,
    kind: row.kind,
    organisationId: row.organisation_id,
    creatorStatus: row.creator_status,
    creatorOrganisationId: row.creator_organisation_id,
    creatorPermissions: row.creator_permissions,
  });
  if (row.last_used_at === null || now - row.last_used_at.getTime() >= TOKEN_TOUCH_MS)
    await touchToken(db, row.api_token_id, meta.now, meta.ip);
  const apiToken = { id: row.api_token_id, name: row.name, creatorUsername: row.creator_username };
  return {
    tokenId: row.api_token_id,
    actor: {
      userId: row.creator_id,
      username: apiTokenActorName(apiToken),
      displayName: row.name,
      organisationId: row.organisation_id,
      organisationKind: row.kind as OrganisationKind,
      regionCode: row.region_code,
      roleKeys: [],
      permissions: new Set<PermissionKey>(scopes),
      duties: new Set(['business'] as const),
      apiToken,
    },
  };
};

/**
 * Records the use; the condition repeats the once-a-minute rule in SQL, so that requests of the same
 * token racing each other write once.
 */
const touchToken = async (db: Kysely<DB>, id: number, now: Date, ip: string | null): Promise<void> => {
  await db
    .updateTable('api_token')
    .set({ last_used_at: now, last_used_ip: ip })
    .where('api_token_id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<=', new Date(now.getTime() - TOKEN_TOUCH_MS)),
      ]),
    )
    .execute();
};
