/**
 * The audit trail. `writeAudit` is called inside the transaction of the write it records, so an entry
 * exists exactly when its change was committed. Entries form a hash chain (each row hashes its content
 * with the previous row's hash); `verifyAuditChain` recomputes it.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { sha256 } from './crypto.js';
import type { DB } from './db-types.js';

export type AuditContext = {
  userId: number | null;
  username: string | null;
  organisationId: number | null;
  ip: string | null;
  requestId: string | null;
};

export type AuditEvent = {
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

const GENESIS = '0'.repeat(64);

/** Stable JSON (sorted keys) so the hash does not depend on key order after a jsonb round trip. */
export const canonicalJson = (value: unknown): string => {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

type HashInput = {
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_organisation_id: number | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: unknown;
  after: unknown;
};

const hashRow = (prevHash: string, row: HashInput): string => sha256(`${prevHash}|${canonicalJson(row)}`);

/** Normalises a value the way jsonb would store it (drops undefined, Dates to ISO strings). */
const asJson = (value: unknown): unknown =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);

export const writeAudit = async (
  trx: Transaction<DB> | Kysely<DB>,
  ctx: AuditContext,
  event: AuditEvent,
): Promise<void> => {
  // Serialises chain appends across connections; held until the surrounding transaction ends.
  await sql`select pg_advisory_xact_lock(72202)`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('audit_log_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  // Millisecond precision survives the timestamptz round trip, so the verifier can recompute the hash.
  const at = new Date().toISOString();
  const row: HashInput = {
    at,
    actor_user_id: ctx.userId,
    actor_username: ctx.username,
    actor_organisation_id: ctx.organisationId,
    ip: ctx.ip,
    request_id: ctx.requestId,
    action: event.action,
    entity_type: event.entityType ?? null,
    entity_id: event.entityId == null ? null : String(event.entityId),
    before: asJson(event.before),
    after: asJson(event.after),
  };
  await trx
    .insertInto('audit_log')
    .values({
      ...row,
      before: row.before == null ? null : JSON.stringify(row.before),
      after: row.after == null ? null : JSON.stringify(row.after),
      prev_hash: prevHash,
      hash: hashRow(prevHash, row),
    })
    .execute();
};

export type ChainVerification = { ok: boolean; checked: number; firstBrokenId: number | null };

/** Recomputes the chain in id order, in pages, and reports the first row that does not match. */
export const verifyAuditChain = async (db: Kysely<DB>): Promise<ChainVerification> => {
  let prevHash = GENESIS;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('audit_log_id', '>', afterId)
      .orderBy('audit_log_id')
      .limit(5000)
      .execute();
    if (rows.length === 0) return { ok: true, checked, firstBrokenId: null };
    for (const r of rows) {
      const expected = hashRow(prevHash, {
        at: r.at.toISOString(),
        actor_user_id: r.actor_user_id,
        actor_username: r.actor_username,
        actor_organisation_id: r.actor_organisation_id,
        ip: r.ip,
        request_id: r.request_id,
        action: r.action,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        before: r.before,
        after: r.after,
      });
      if (r.prev_hash !== prevHash || r.hash !== expected)
        return { ok: false, checked, firstBrokenId: r.audit_log_id };
      prevHash = r.hash;
      afterId = r.audit_log_id;
      checked += 1;
    }
  }
};
