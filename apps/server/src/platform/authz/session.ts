/**
 * Sessions: a random token in an HttpOnly cookie, its SHA-256 in `user_session`. Resolving a session
 * applies the idle and absolute timeouts and builds the Actor from the user's organisation and roles.
 */
import type { OrganisationKind, PermissionKey } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { randomToken, sha256 } from '../crypto.js';
import type { DB } from '../db-types.js';
import type { Actor } from './actor.js';

export const SESSION_COOKIE = 'ohp_sid';
/**
 * A companion cookie readable by the web app, holding no secret ("1"): set at login, cleared at logout
 * and whenever a request arrives with a session that is gone. The login page asks /auth/me only when it
 * is present, so loading the page signed out makes no failing request.
 */
export const SIGNED_IN_HINT_COOKIE = 'ohp_signed_in';

export type ResolvedSession = {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  totpSetupRequired: boolean;
};

export type SessionFailure = 'none' | 'expired';

export const passwordExpired = (changedAt: Date, maxAgeDays: number, now: Date): boolean =>
  maxAgeDays > 0 && now.getTime() - changedAt.getTime() > maxAgeDays * 86_400_000;

export const loadActor = async (
  db: Kysely<DB>,
  userId: number,
): Promise<{
  actor: Actor;
  mustChange: boolean;
  changedAt: Date;
  totpEnabled: boolean;
  status: string;
} | null> => {
  const row = await db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select([
      'u.user_id',
      'u.username',
      'u.display_name',
      'u.status',
      'u.must_change_password',
      'u.password_changed_at',
      'u.totp_enabled',
      'o.organisation_id',
      'o.kind',
      'o.region_code',
      'o.status as org_status',
    ])
    .where('u.user_id', '=', userId)
    .executeTakeFirst();
  if (!row || row.org_status !== 'active') return null;
  const roles = await db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.role_key', 'ur.role_key')
    .select(['r.role_key', 'r.permissions', 'r.duty'])
    .where('ur.user_id', '=', userId)
    .execute();
  const permissions = new Set<PermissionKey>();
  const duties = new Set<Actor['duties'] extends ReadonlySet<infer D> ? D : never>();
  for (const r of roles) {
    for (const p of r.permissions) permissions.add(p as PermissionKey);
    duties.add(r.duty as 'business');
  }
  return {
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      organisationId: row.organisation_id,
      organisationKind: row.kind as OrganisationKind,
      regionCode: row.region_code,
      roleKeys: roles.map((r) => r.role_key),
      permissions,
      duties,
    },
    mustChange: row.must_change_password,
    changedAt: row.password_changed_at,
    totpEnabled: row.totp_enabled,
    status: row.status,
  };
};

export const totpRequiredFor = (roleKeys: string[], config: Config): boolean =>
  roleKeys.some((r) => config.security.totpRequiredRoles.includes(r));

export const resolveSession = async (
  db: Kysely<DB>,
  config: Config,
  token: string,
  now = new Date(),
): Promise<ResolvedSession | SessionFailure> => {
  const sessionId = sha256(token);
  const s = await db
    .selectFrom('user_session')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!s) return 'none';
  const idleMs = config.security.sessionIdleMinutes * 60_000;
  const absoluteMs = config.security.sessionAbsoluteHours * 3_600_000;
  const idle = now.getTime() - s.last_seen_at.getTime() > idleMs;
  const tooOld = now.getTime() - s.created_at.getTime() > absoluteMs;
  if (idle || tooOld) {
    await db
      .updateTable('user_session')
      .set({ revoked_at: now, revoked_reason: idle ? 'idle_timeout' : 'absolute_timeout' })
      .where('session_id', '=', sessionId)
      .execute();
    return 'expired';
  }
  const loaded = await loadActor(db, s.user_id);
  if (!loaded || loaded.status !== 'active') return 'none';
  // Touch at most once a minute: enough for a 30-minute idle timeout, cheap for the database.
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('user_session')
      .set({ last_seen_at: now })
      .where('session_id', '=', sessionId)
      .execute();
  }
  return {
    actor: loaded.actor,
    sessionId,
    csrfToken: s.csrf_token,
    mustChangePassword:
      loaded.mustChange || passwordExpired(loaded.changedAt, config.security.passwordMaxAgeDays, now),
    totpSetupRequired: !loaded.totpEnabled && totpRequiredFor(loaded.actor.roleKeys, config),
  };
};

/** Creates a session and returns the cookie token (only its hash is stored). */
export const createSession = async (
  db: Kysely<DB>,
  userId: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; sessionId: string; csrfToken: string }> => {
  const token = randomToken();
  const sessionId = sha256(token);
  const csrfToken = randomToken(24);
  await db
    .insertInto('user_session')
    .values({
      session_id: sessionId,
      user_id: userId,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent,
    })
    .execute();
  return { token, sessionId, csrfToken };
};

export const revokeSession = async (db: Kysely<DB>, sessionId: string, reason: string): Promise<void> => {
  await db
    .updateTable('user_session')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
};
