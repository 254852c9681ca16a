/** Queries of the audit trail search (the audit administrator's view; province-wide by nature). */
import type { AuditQuery } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { likePrefix } from '../../platform/sql-text.js';

export const searchAudit = async (db: Kysely<DB>, q: AuditQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let base = db.selectFrom('audit_log');
  if (q.action) base = base.where('action', 'like', likePrefix(q.action));
  if (q.entityType) base = base.where('entity_type', '=', q.entityType);
  if (q.entityId) base = base.where('entity_id', '=', q.entityId);
  if (q.actor) base = base.where('actor_username', '=', q.actor);
  if (q.from) base = base.where('at', '>=', new Date(`${q.from}T00:00:00+08:00`));
  if (q.to) base = base.where('at', '<', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000));
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
