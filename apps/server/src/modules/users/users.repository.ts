/** Kysely queries on accounts, their roles and sessions (users.service decides; test factories insert here). */
import type { UserListQuery } from '@ohp/contracts';
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf, scopeWhere } from '../../platform/authz/scope.js';
import type { AppUserTable, DB, LoginLogTable } from '../../platform/db-types.js';
import { countMatches, type ListTotal, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Inserts an account with its roles (the caller's transaction keeps both or neither). */
export const insertUserWithRoles = async (
  db: Db,
  values: Insertable<AppUserTable>,
  roleKeys: readonly string[],
): Promise<number> => {
  const { user_id } = await db
    .insertInto('app_user')
    .values(values)
    .returning('user_id')
    .executeTakeFirstOrThrow();
  if (roleKeys.length)
    await db
      .insertInto('user_role')
      .values(roleKeys.map((role_key) => ({ user_id, role_key })))
      .execute();
  return user_id;
};

/** Accounts whose organisation lies in the actor's administration scope (the one scope helper). */
export const scopedUsers = (db: Db, actor: Actor) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .where((eb) =>
      scopeWhere(eb, scopeOf(actor, 'administration'), {
        region: eb.ref('o.region_code'),
        organisation: eb.ref('o.organisation_id'),
      }),
    );

export const userColumns = [
  'u.user_id',
  'u.username',
  'u.display_name',
  'u.organisation_id',
  'o.name as organisation_name',
  'u.phone_enc',
  'u.email',
  'u.status',
  'u.totp_enabled',
  'u.last_login_at',
  'u.created_at',
  sql<
    string[]
  >`coalesce((select array_agg(ur.role_key order by ur.role_key) from user_role ur where ur.user_id = u.user_id), '{}')`.as(
    'role_keys',
  ),
  sql<
    string[]
  >`coalesce((select array_agg(distinct r.duty order by r.duty) from user_role ur join role r on r.role_key = ur.role_key where ur.user_id = u.user_id and r.duty <> 'business'), '{}')`.as(
    'admin_duties',
  ),
] as const;

export type UserRow = {
  user_id: number;
  username: string;
  display_name: string;
  organisation_id: number;
  organisation_name: string;
  phone_enc: string | null;
  email: string | null;
  status: string;
  totp_enabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  role_keys: string[];
  admin_duties: string[];
};

export type UserFilters = Omit<UserListQuery, 'page' | 'pageSize' | 'exactTotal'>;

/** Accounts in scope that match the list filters. */
const filteredUsers = (db: Db, actor: Actor, q: UserFilters) => {
  let base = scopedUsers(db, actor);
  if (q.q) {
    const like = likeContains(q.q);
    base = base.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  if (q.organisationId) base = base.where('u.organisation_id', '=', q.organisationId);
  if (q.status) base = base.where('u.status', '=', q.status);
  return base;
};

/**
 * One page of the user list, by username: lower(username) is unique (app_user_username_key), so the
 * page is read in that index's order (usernames are unique regardless of case, so it needs no tie-break).
 */
export const userPage = (db: Db, actor: Actor, q: UserFilters, limit: { offset: number; limit: number }) =>
  filteredUsers(db, actor, q)
    .select(userColumns)
    .orderBy(sql`lower(u.username)`)
    .offset(limit.offset)
    .limit(limit.limit)
    .execute() as Promise<UserRow[]>;

/** The user list's total: exact up to the limit, else an estimate (platform/list-total.ts). */
export const countUsers = (
  db: Kysely<DB>,
  actor: Actor,
  q: UserFilters,
  opts: TotalOptions,
): Promise<ListTotal> => countMatches(db, filteredUsers(db, actor, q), opts);

export const findRoles = (db: Db, roleKeys: readonly string[]) =>
  db.selectFrom('role').select(['role_key', 'duty']).where('role_key', 'in', roleKeys).execute();

/** Sets columns of one account (and its updated_at). */
export const updateUserRow = (db: Db, userId: number, values: Updateable<AppUserTable>) =>
  db
    .updateTable('app_user')
    .set({ ...values, updated_at: new Date() })
    .where('user_id', '=', userId)
    .execute();

/** Ends every live session of an account, with the reason kept for the sessions list. */
export const revokeUserSessions = (db: Db, userId: number, reason: string) =>
  db
    .updateTable('user_session')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();

/** Ends the live session whose id starts with the 16-character prefix the sessions list shows. */
export const revokeSessionByPrefix = (db: Db, prefix: string, reason: string) =>
  db
    .updateTable('user_session')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('session_id', 'like', `${prefix}%`)
    .where('revoked_at', 'is', null)
    .execute();

/** Replaces an account's roles. */
export const replaceUserRoles = async (db: Db, userId: number, roleKeys: readonly string[]) => {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  await db
    .insertInto('user_role')
    .values(roleKeys.map((role_key) => ({ user_id: userId, role_key })))
    .execute();
};

/** A login-log entry written by an administrator's action (e.g. 'unlocked', which ends a lockout count). */
export const insertLoginLogEntry = (db: Db, values: Insertable<LoginLogTable>) =>
  db.insertInto('login_log').values(values).execute();

/** Live sessions of accounts in the actor's scope, seen since `activeSince`, newest first (at most 500). */
export const findLiveSessions = (db: Db, actor: Actor, activeSince: Date) =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.user_id', 's.user_id')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .where((eb) =>
      scopeWhere(eb, scopeOf(actor, 'administration'), {
        region: eb.ref('o.region_code'),
        organisation: eb.ref('o.organisation_id'),
      }),
    )
    .where('s.revoked_at', 'is', null)
    .where('s.last_seen_at', '>=', activeSince)
    .select([
      's.session_id',
      's.user_id',
      'u.username',
      's.ip',
      's.user_agent',
      's.created_at',
      's.last_seen_at',
    ])
    .orderBy('s.last_seen_at', 'desc')
    .limit(500)
    .execute();

/** The id of the account with this username, if any (the CLI acts as a named user). */
export const userIdByUsername = async (db: Kysely<DB>, username: string): Promise<number | undefined> =>
  (await db.selectFrom('app_user').select('user_id').where('username', '=', username).executeTakeFirst())
    ?.user_id;

// ---------- key rotation (workers module, keys rotate): the accounts' ciphertexts, chunk by chunk ----------

export type UserCiphertexts = {
  user_id: number;
  phone_enc: string | null;
  totp_secret_enc: string | null;
  totp_pending_secret_enc: string | null;
};

/**
 * The next chunk of accounts (after `afterId`) holding a ciphertext not under the key `prefix` names,
 * locked for the chunk's transaction (a stopped rotation resumes with the rows not yet moved).
 */
export const usersToRotate = (
  trx: Transaction<DB>,
  prefix: string,
  afterId: number,
  limit: number,
): Promise<UserCiphertexts[]> =>
  trx
    .selectFrom('app_user')
    .select(['user_id', 'phone_enc', 'totp_secret_enc', 'totp_pending_secret_enc'])
    .where('user_id', '>', afterId)
    .where((eb) =>
      eb.or(
        (['phone_enc', 'totp_secret_enc', 'totp_pending_secret_enc'] as const).map((c) =>
          eb(eb.fn('left', [c, sql.lit(prefix.length)]), '<>', prefix),
        ),
      ),
    )
    .orderBy('user_id')
    .limit(limit)
    .forUpdate()
    .execute();

/** Writes a chunk's new ciphertexts in one statement (updated_at untouched: the data did not change). */
export const writeUserCiphertexts = async (trx: Transaction<DB>, rows: UserCiphertexts[]): Promise<void> => {
  if (!rows.length) return;
  await sql`
    UPDATE app_user AS u
       SET phone_enc = v.phone_enc, totp_secret_enc = v.totp_secret_enc,
           totp_pending_secret_enc = v.totp_pending_secret_enc
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS v(user_id integer, phone_enc text, totp_secret_enc text, totp_pending_secret_enc text)
     WHERE u.user_id = v.user_id`.execute(trx);
};

/** How many account ciphertexts are under each key id. */
export const userCiphertextCounts = async (db: Db) =>
  (
    await sql<{ key: string; n: number }>`
    SELECT split_part(t, '.', 1) AS key, count(*)::int AS n
      FROM (SELECT phone_enc AS t FROM app_user WHERE phone_enc IS NOT NULL
            UNION ALL SELECT totp_secret_enc FROM app_user WHERE totp_secret_enc IS NOT NULL
            UNION ALL SELECT totp_pending_secret_enc FROM app_user WHERE totp_pending_secret_enc IS NOT NULL) AS x
     GROUP BY 1 ORDER BY 1`.execute(db)
  ).rows;
