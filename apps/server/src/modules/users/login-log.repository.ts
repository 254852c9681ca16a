/**
 * Queries of the login log, scoped like the accounts they belong to: the list page and the export
 * select with the same filter and the same scope.
 */
import type { LoginLogQuery } from '@ohp/contracts';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf, scopeWhere } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches } from '../../platform/list-total.js';

export type LoginLogFilters = Omit<LoginLogQuery, 'page' | 'pageSize' | 'exactTotal'>;

const dayStart = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

const filtered = (db: Kysely<DB>, actor: Actor, q: LoginLogFilters) => {
  const scope = scopeOf(actor, 'administration');
  // Login attempts of unknown usernames have no organisation; only province-wide viewers see those.
  let base = db
    .selectFrom('login_log as l')
    .leftJoin('app_user as u', 'u.user_id', 'l.user_id')
    .leftJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .where((eb) =>
      scope.kind === 'all'
        ? sql<boolean>`true`
        : scopeWhere(eb, scope, {
            region: eb.ref('o.region_code') as never,
            organisation: eb.ref('o.organisation_id') as never,
          }),
    );
  // Usernames are written in lower case; lower() lets login_log_username_idx find them.
  if (q.username)
    base = base.where((eb) => eb(eb.fn('lower', ['l.username']), '=', q.username!.trim().toLowerCase()));
  if (q.outcome) base = base.where('l.outcome', '=', q.outcome);
  if (q.from) base = base.where('l.created_at', '>=', dayStart(q.from));
  if (q.to) base = base.where('l.created_at', '<', new Date(dayStart(q.to).getTime() + 86_400_000));
  return base;
};

const columns = [
  'l.login_log_id',
  'l.username',
  'l.user_id',
  'l.outcome',
  'l.ip',
  'l.user_agent',
  'l.created_at',
] as const;

/**
 * One page of the login log, newest first by time, then id, and its total (exact up to
 * `exactCountLimit` matches, else an estimate; platform/list-total.ts). The order is that of
 * login_log_created_id_idx (migration 0007; a date filter is a range of it) and, for one username, of
 * login_log_username_idx: the page is read in order, not sorted.
 */
export const searchLoginLog = async (
  db: Kysely<DB>,
  actor: Actor,
  q: LoginLogQuery,
  exactCountLimit: number,
) => {
  const [rows, { total, totalExact }] = await Promise.all([
    loginLogPageQuery(db, actor, q).execute(),
    countMatches(db, filtered(db, actor, q), { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  return { rows, total, totalExact, page: q.page ?? 1, pageSize: q.pageSize ?? 20 };
};

/** The query of one page (not run; list-totals.test.ts explains it). */
export const loginLogPageQuery = (db: Kysely<DB>, actor: Actor, q: LoginLogQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return filtered(db, actor, q)
    .select(columns)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.login_log_id', 'desc')
    .offset((page - 1) * pageSize)
    .limit(pageSize);
};

/** The newest entry's id: an export covers the log up to it. */
export const loginLogHeadId = async (db: Kysely<DB>): Promise<number> => {
  const r = await db
    .selectFrom('login_log')
    .select('login_log_id')
    .orderBy('login_log_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.login_log_id ?? 0;
};

export const countLoginLog = async (
  db: Kysely<DB>,
  actor: Actor,
  q: LoginLogFilters,
  headId: number,
): Promise<number> => {
  const r = await filtered(db, actor, q)
    .where('l.login_log_id', '<=', headId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

/** One batch of matching entries in scope, newest first, with ids below `beforeId` (keyset paging). */
export const loginLogBatch = async (
  db: Kysely<DB>,
  actor: Actor,
  q: LoginLogFilters,
  beforeId: number,
  limit: number,
) =>
  filtered(db, actor, q)
    .where('l.login_log_id', '<', beforeId)
    .select(columns)
    .orderBy('l.login_log_id', 'desc')
    .limit(limit)
    .execute();
