/**
 * The session's one query: the session row, its user, the user's organisation and roles (with their
 * permissions and names) in a single round trip, so that an authenticated request pays one query for
 * "who is this" (issue 14) and /auth/me none beyond it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db-types.js';

export type SessionRoleRow = {
  role_key: string;
  permissions: string[];
  duty: string;
  name_zh: string;
  name_en: string;
};

export type SessionRow = {
  session_id: string;
  user_id: number;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  username: string;
  display_name: string;
  status: string;
  must_change_password: boolean;
  password_changed_at: Date;
  totp_enabled: boolean;
  organisation_id: number;
  organisation_name: string;
  kind: string;
  region_code: string;
  level: string;
  org_status: string;
  roles: SessionRoleRow[];
};

/** The live (not revoked) session with everything the request needs to know about its user. */
export const findLiveSession = (db: Kysely<DB>, sessionId: string): Promise<SessionRow | undefined> =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.user_id', 's.user_id')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select([
      's.session_id',
      's.user_id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      'u.username',
      'u.display_name',
      'u.status',
      'u.must_change_password',
      'u.password_changed_at',
      'u.totp_enabled',
      'o.organisation_id',
      'o.name as organisation_name',
      'o.kind',
      'o.region_code',
      'o.level',
      'o.status as org_status',
      sql<SessionRoleRow[]>`coalesce((
        select json_agg(json_build_object('role_key', r.role_key, 'permissions', r.permissions,
          'duty', r.duty, 'name_zh', r.name_zh, 'name_en', r.name_en) order by r.role_key)
        from user_role ur join role r on r.role_key = ur.role_key
        where ur.user_id = u.user_id), '[]'::json)`.as('roles'),
    ])
    .where('s.session_id', '=', sessionId)
    .where('s.revoked_at', 'is', null)
    .executeTakeFirst();

export const markSessionExpired = async (
  db: Kysely<DB>,
  sessionId: string,
  now: Date,
  why: 'idle_timeout' | 'absolute_timeout',
): Promise<void> => {
  await db
    .updateTable('user_session')
    .set({ revoked_at: now, revoked_reason: why })
    .where('session_id', '=', sessionId)
    .execute();
};

export const touchSession = async (db: Kysely<DB>, sessionId: string, now: Date): Promise<void> => {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: now })
    .where('session_id', '=', sessionId)
    .execute();
};
