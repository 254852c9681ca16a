/** Queries of the audit trail search and export (the audit administrator's view; province-wide by nature). */
import { isAuditAction, type AuditQuery } from '@ohp/contracts';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { likePrefix } from '../../platform/sql-text.js';

/** The search filters without paging: what the list and the export both select by. */
export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize'>;

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

export const searchAudit = async (db: Kysely<DB>, q: AuditQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const base = filtered(db, q);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('audit_log_id', 'desc')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), page, pageSize };
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
