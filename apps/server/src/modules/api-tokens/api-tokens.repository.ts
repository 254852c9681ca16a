/** Queries of the API tokens (migration 0016): an organisation's tokens, with their creator and revoker. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';

type Db = Kysely<DB> | Transaction<DB>;

const tokenColumns = [
  't.api_token_id',
  't.organisation_id',
  't.name',
  't.scopes',
  't.token_prefix',
  't.created_at',
  't.expires_at',
  't.last_used_at',
  't.last_used_ip',
  't.revoked_at',
  'o.kind',
  'c.user_id as creator_id',
  'c.username as creator_username',
  'c.display_name as creator_display_name',
  'c.status as creator_status',
  'c.organisation_id as creator_organisation_id',
  'r.user_id as revoker_id',
  'r.username as revoker_username',
  'r.display_name as revoker_display_name',
] as const;

const tokens = (db: Db, scope: Scope) =>
  db
    .selectFrom('api_token as t')
    .innerJoin('organisation as o', 'o.organisation_id', 't.organisation_id')
    .innerJoin('app_user as c', 'c.user_id', 't.created_by')
    .leftJoin('app_user as r', 'r.user_id', 't.revoked_by')
    .select(tokenColumns)
    // What the creator holds now: a token works only with the scopes its creator still has.
    .select(
      sql<string[]>`coalesce((
        select array_agg(distinct p) from user_role ur join role ro on ro.role_key = ur.role_key,
          unnest(ro.permissions) as p
        where ur.user_id = c.user_id), '{}'::text[])`.as('creator_permissions'),
    )
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('t.organisation_id') }),
    );

export type TokenRow = NonNullable<Awaited<ReturnType<typeof findToken>>>;

/** The tokens in scope, live ones first, newest first within each group. */
export const listTokens = (db: Db, scope: Scope) =>
  tokens(db, scope)
    .orderBy(sql`t.revoked_at IS NULL`, 'desc')
    .orderBy('t.created_at', 'desc')
    .orderBy('t.api_token_id', 'desc')
    .limit(500)
    .execute();

export const findToken = (db: Db, scope: Scope, id: number) =>
  tokens(db, scope).where('t.api_token_id', '=', id).executeTakeFirst();

/** Locks the token in scope for a state change (revoke); undefined when out of scope or unknown. */
export const lockToken = (db: Db, scope: Scope, id: number) =>
  db
    .selectFrom('api_token as t')
    .innerJoin('organisation as o', 'o.organisation_id', 't.organisation_id')
    .select(['t.api_token_id', 't.organisation_id', 't.name', 't.token_prefix', 't.revoked_at'])
    .where('t.api_token_id', '=', id)
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('o.region_code'), organisation: eb.ref('t.organisation_id') }),
    )
    .forUpdate('t')
    .executeTakeFirst();

/** Tokens of the organisation that still work by date (neither revoked nor expired). */
export const countLiveTokens = async (db: Db, organisationId: number, now: Date): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('api_token')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('organisation_id', '=', organisationId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirstOrThrow()
    ).n,
  );

export type NewToken = {
  organisationId: number;
  name: string;
  scopes: string[];
  prefix: string;
  sha256: string;
  createdBy: number;
  createdAt: Date;
  expiresAt: Date;
};

export const insertToken = async (db: Db, t: NewToken): Promise<number> =>
  (
    await db
      .insertInto('api_token')
      .values({
        organisation_id: t.organisationId,
        name: t.name,
        scopes: t.scopes,
        token_prefix: t.prefix,
        secret_sha256: t.sha256,
        created_by: t.createdBy,
        created_at: t.createdAt,
        expires_at: t.expiresAt,
      })
      .returning('api_token_id')
      .executeTakeFirstOrThrow()
  ).api_token_id;

export const markTokenRevoked = async (db: Db, id: number, by: number, at: Date): Promise<void> => {
  await db
    .updateTable('api_token')
    .set({ revoked_at: at, revoked_by: by })
    .where('api_token_id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
};
