/** Queries of the audit trail search and export (the audit administrator's view; province-wide by nature). */
import { isAuditAction, type AuditQuery } from '@ohp/contracts';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type ListTotal } from '../../platform/list-total.js';
import { likePrefix } from '../../platform/sql-text.js';

/** The search filters without paging: what the list and the export both select by. */
export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize' | 'exactTotal'>;

/** The first instant of a calendar day in China (UTC+8, no daylight saving). */
const dayStart = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

const filtered = (db: Kysely<DB>, q: AuditFilters): SelectQueryBuilder<DB, 'audit_log', object> => {
  let base = db.selectFrom('audit_log');
  // An action from the catalogue (the dropdown) is matched exactly, so `organisation.update` does not also
  // select a longer action that starts with it; any other text is a prefix (`user.` = every user action).
  if (q.action)
    base = isAuditAction(q.action)
      ? base.where('action', '=', q.action)
      : base.where('action', 'like', likePrefix(q.action));
  if (q.entityType) base = base.where('entity_type', '=', q.entityType);
  if (q.entityId) base = base.where('entity_id', '=', q.entityId);
  if (q.actor) base = base.where('actor_username', '=', q.actor);
  if (q.from) base = base.where('at', '>=', dayStart(q.from));
  if (q.to) base = base.where('at', '<', new Date(dayStart(q.to).getTime() + 86_400_000));
  return base;
};

/** The query of one page (not run; list-totals.test.ts explains it). */
export const auditPageQuery = (db: Kysely<DB>, q: AuditQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return filtered(db, q)
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('audit_log_id', 'desc')
    .offset((page - 1) * pageSize)
    .limit(pageSize);
};

const unfiltered = (q: AuditFilters): boolean =>
  !q.action && !q.entityType && !q.entityId && !q.actor && !q.from && !q.to;

/**
 * How many entries the trail holds, read from its head: seq is gap-free and counts the legacy rows too
 * (the first keyed row is legacy count + 1; platform/audit.ts), and rows are committed in seq order
 * under the chain lock, so the newest visible row's seq is the number of visible rows. Null while the
 * head is a legacy row (no seq).
 */
const trailLength = async (db: Kysely<DB>): Promise<number | null> => {
  const head = await db
    .selectFrom('audit_log')
    .select('seq')
    .orderBy('audit_log_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!head) return 0;
  return head.seq === null ? null : Number(head.seq);
};

/**
 * One page of the trail, newest first by time, then id: read backwards along audit_log_at_idx (migration
 * 0007; a date filter is a range of it) or along the (action, at) / (actor_username, at) index of the
 * filter, in order. Its total: the whole trail's from its head's seq (exact, one index probe); a
 * filtered one exact up to `exactCountLimit` matches, else an estimate.
 */
export const searchAudit = async (db: Kysely<DB>, q: AuditQuery, exactCountLimit: number) => {
  const base = filtered(db, q);
  const total = async (): Promise<ListTotal> => {
    const length = unfiltered(q) ? await trailLength(db) : null;
    if (length !== null) return { total: length, totalExact: true };
    return countMatches(db, base, { limit: exactCountLimit, exact: q.exactTotal === true });
  };
  const [rows, { total: n, totalExact }] = await Promise.all([auditPageQuery(db, q).execute(), total()]);
  return { rows, total: n, totalExact, page: q.page ?? 1, pageSize: q.pageSize ?? 20 };
};

/** The newest entry's id: an export covers the trail up to it, so rows appended meanwhile stay out. */
export const auditHeadId = async (db: Kysely<DB>): Promise<number> => {
  const r = await db
    .selectFrom('audit_log')
    .select('audit_log_id')
    .orderBy('audit_log_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? Number(r.audit_log_id) : 0;
};

/** How many entries up to `headId` match the filters. */
export const countAudit = async (db: Kysely<DB>, q: AuditFilters, headId: number): Promise<number> => {
  const r = await filtered(db, q)
    .where('audit_log_id', '<=', headId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

/**
 * One batch of matching entries, newest first, with ids below `beforeId` (keyset paging: each batch is
 * one short query, so on the single PGlite connection other requests get their turn between batches).
 */
export const auditBatch = async (db: Kysely<DB>, q: AuditFilters, beforeId: number, limit: number) =>
  filtered(db, q)
    .where('audit_log_id', '<', beforeId)
    .selectAll()
    .orderBy('audit_log_id', 'desc')
    .limit(limit)
    .execute();
