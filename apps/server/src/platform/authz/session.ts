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
import { findLiveSession, markSessionExpired, touchSession, type SessionRow } from './session.repository.js';

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

/** What /auth/me shows of the user, read by the same query as the session (no second round trip). */
export type SessionProfile = {
  userId: number;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  totpEnabled: boolean;
  organisation: { id: number; name: string; kind: string; regionCode: string; level: string };
  roles: { key: string; nameZh: string; nameEn: string }[];
};

type LoadedSession = { row: SessionRow; actor: Actor; profile: SessionProfile };

const loadedFrom = (row: SessionRow): LoadedSession => {
  const permissions = new Set<PermissionKey>();
  const duties = new Set<Actor['duties'] extends ReadonlySet<infer D> ? D : never>();
  for (const r of row.roles) {
    for (const p of r.permissions) permissions.add(p as PermissionKey);
    duties.add(r.duty as 'business');
  }
  return {
    row,
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      organisationId: row.organisation_id,
      organisationKind: row.kind as OrganisationKind,
      regionCode: row.region_code,
      roleKeys: row.roles.map((r) => r.role_key),
      permissions,
      duties,
    },
    profile: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      mustChangePassword: row.must_change_password,
      passwordChangedAt: new Date(row.password_changed_at),
      totpEnabled: row.totp_enabled,
      organisation: {
        id: row.organisation_id,
        name: row.organisation_name,
        kind: row.kind,
        regionCode: row.region_code,
        level: row.level,
      },
      roles: row.roles.map((r) => ({ key: r.role_key, nameZh: r.name_zh, nameEn: r.name_en })),
    },
  };
};

/**
 * Resolved sessions kept in this process for a few seconds (OHP_SESSION_CACHE_SECONDS, 0 = off), so
 * that a request pays no query for "who is this". Anything that could change the answer clears it
 * before its response is sent: every write request unless its route declares `sessionNeutral`
 * (platform/http/app.ts) — logout, locks, role and permission changes, forced logouts, organisation
 * changes. A read that started before a clear never stores its (possibly stale) result: every clear
 * starts a new generation and only results loaded in the current one are kept. Timeouts are checked on
 * every request from the cached times. One process per database is assumed (docs/ARCHITECTURE.md); a
 * change made by another process is seen within the TTL.
 */
export class SessionCache {
  private readonly entries = new Map<string, { loaded: LoadedSession; at: number }>();
  private gen = 0;
  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.entries.size;
  }

  get(sessionId: string, now: number): LoadedSession | undefined {
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    if (now - e.at >= this.ttlMs) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return e.loaded;
  }

  set(sessionId: string, loaded: LoadedSession, generation: number, now: number): void {
    if (this.ttlMs <= 0 || generation !== this.gen) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { loaded, at: now });
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
  }
}

export type ResolvedSessionWithProfile = ResolvedSession & { profile: SessionProfile };

export const resolveSession = async (
  db: Kysely<DB>,
  config: Config,
  token: string,
  now = new Date(),
  cache: SessionCache | null = null,
): Promise<ResolvedSessionWithProfile | SessionFailure> => {
  const sessionId = sha256(token);
  const generation = cache?.generation ?? 0;
  let loaded = cache?.get(sessionId, now.getTime());
  const fromDatabase = !loaded;
  if (!loaded) {
    const row = await findLiveSession(db, sessionId);
    if (!row) return 'none';
    loaded = loadedFrom(row);
  }
  const s = loaded.row;
  const idleMs = config.security.sessionIdleMinutes * 60_000;
  const absoluteMs = config.security.sessionAbsoluteHours * 3_600_000;
  const lastSeen = new Date(s.last_seen_at).getTime();
  const idle = now.getTime() - lastSeen > idleMs;
  const tooOld = now.getTime() - new Date(s.created_at).getTime() > absoluteMs;
  if (idle || tooOld) {
    await markSessionExpired(db, sessionId, now, idle ? 'idle_timeout' : 'absolute_timeout');
    cache?.clear();
    return 'expired';
  }
  if (s.status !== 'active' || s.org_status !== 'active') return 'none';
  // Touch at most once a minute: enough for a 30-minute idle timeout, cheap for the database.
  if (now.getTime() - lastSeen > 60_000) {
    await touchSession(db, sessionId, now);
    s.last_seen_at = now;
  }
  // The TTL counts from the read: a session in constant use is still re-read every TTL.
  if (fromDatabase) cache?.set(sessionId, loaded, generation, now.getTime());
  return {
    actor: loaded.actor,
    sessionId,
    csrfToken: s.csrf_token,
    mustChangePassword:
      s.must_change_password ||
      passwordExpired(new Date(s.password_changed_at), config.security.passwordMaxAgeDays, now),
    totpSetupRequired: !s.totp_enabled && totpRequiredFor(loaded.actor.roleKeys, config),
    profile: loaded.profile,
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
