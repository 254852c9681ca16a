/**
 * The auth module's queries: the login log (attempts, lockout counts), captchas, the user's password
 * and second-factor columns, password history. Every function takes the connection or transaction to
 * run on, so a caller inside a transaction passes it down.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf, scopeWhere } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';

export type Db = Kysely<DB> | Transaction<DB>;

export type AttemptRow = { outcome: string; ip: string | null; created_at: Date };

export const insertLoginLog = async (
  db: Db,
  row: {
    username: string;
    userId: number | null;
    outcome: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> => {
  await db
    .insertInto('login_log')
    .values({
      username: row.username.toLowerCase(),
      user_id: row.userId,
      outcome: row.outcome,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .execute();
};

/** A username's login-log rows since `since`, newest first (at most `limit`). */
export const recentAttempts = (db: Db, username: string, since: Date, limit: number): Promise<AttemptRow[]> =>
  db
    .selectFrom('login_log')
    .select(['outcome', 'ip', 'created_at'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .orderBy('login_log_id', 'desc')
    .limit(limit)
    .execute();

/** Whether the username signed in successfully from this IP since `since`. */
export const hasSucceededFrom = async (
  db: Db,
  username: string,
  ip: string | null,
  since: Date,
): Promise<boolean> => {
  if (!ip) return false;
  const row = await db
    .selectFrom('login_log')
    .select('login_log_id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .where('ip', '=', ip)
    .where('outcome', '=', 'success')
    .where('created_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
};

export const insertCaptcha = async (
  db: Db,
  row: { captchaId: string; answerHash: string; expiresAt: Date },
): Promise<void> => {
  await db
    .insertInto('captcha')
    .values({ captcha_id: row.captchaId, answer_hash: row.answerHash, expires_at: row.expiresAt })
    .execute();
};

/** Deletes the captcha (single use) and returns what it was. */
export const takeCaptcha = (db: Db, captchaId: string) =>
  db
    .deleteFrom('captcha')
    .where('captcha_id', '=', captchaId)
    .returning(['answer_hash', 'expires_at'])
    .executeTakeFirst();

const credentialColumns = [
  'user_id',
  'username',
  'display_name',
  'password_hash',
  'status',
  'totp_enabled',
  'totp_secret_enc',
  'totp_pending_secret_enc',
  'totp_last_step',
  'organisation_id',
] as const;

export const findCredentialsByUsername = (db: Db, username: string) =>
  db
    .selectFrom('app_user')
    .select(credentialColumns)
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();

export const findCredentialsById = (db: Db, userId: number) =>
  db.selectFrom('app_user').select(credentialColumns).where('user_id', '=', userId).executeTakeFirst();

/** The user in the actor's administration scope (for the security administrator's reset), or undefined. */
export const findScopedUser = (db: Db, actor: Actor, userId: number) =>
  db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['u.user_id', 'u.username', 'u.totp_enabled'])
    .where('u.user_id', '=', userId)
    .where((eb) =>
      scopeWhere(eb, scopeOf(actor, 'administration'), {
        region: eb.ref('o.region_code'),
        organisation: eb.ref('o.organisation_id'),
      }),
    )
    .executeTakeFirst();

/**
 * Records a TOTP time step as used, only if it is later than the last one used: true when this call
 * took it, false when it (or a later one) was used already — atomic, so two requests racing with the
 * same code cannot both succeed.
 */
export const claimTotpStep = async (db: Db, userId: number, step: number): Promise<boolean> => {
  const res = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
};

export const setTotpState = async (
  db: Db,
  userId: number,
  state: {
    secretEnc?: string | null;
    pendingSecretEnc?: string | null;
    enabled?: boolean;
    lastStep?: number | null;
  },
): Promise<void> => {
  await db
    .updateTable('app_user')
    .set({
      ...(state.secretEnc !== undefined && { totp_secret_enc: state.secretEnc }),
      ...(state.pendingSecretEnc !== undefined && { totp_pending_secret_enc: state.pendingSecretEnc }),
      ...(state.enabled !== undefined && { totp_enabled: state.enabled }),
      ...(state.lastStep !== undefined && { totp_last_step: state.lastStep }),
      updated_at: new Date(),
    })
    .where('user_id', '=', userId)
    .execute();
};

export const touchLastLogin = async (db: Db, userId: number): Promise<void> => {
  await db.updateTable('app_user').set({ last_login_at: new Date() }).where('user_id', '=', userId).execute();
};

export const revokeSessionById = async (db: Db, sessionId: string, reason: string): Promise<void> => {
  await db
    .updateTable('user_session')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('session_id', '=', sessionId)
    .execute();
};

/** The signed-in user with the organisation, for /auth/me. */
/** The hashes of the user's previous passwords, newest first. */
export const passwordHistory = async (db: Db, userId: number, limit: number): Promise<string[]> =>
  (
    await db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('password_history_id', 'desc')
      .limit(limit)
      .execute()
  ).map((r) => r.password_hash);

export const replacePassword = async (
  db: Db,
  userId: number,
  previousHash: string,
  newHash: string,
): Promise<void> => {
  await db.insertInto('password_history').values({ user_id: userId, password_hash: previousHash }).execute();
  await db
    .updateTable('app_user')
    .set({
      password_hash: newHash,
      password_changed_at: new Date(),
      must_change_password: false,
      updated_at: new Date(),
    })
    .where('user_id', '=', userId)
    .execute();
};
