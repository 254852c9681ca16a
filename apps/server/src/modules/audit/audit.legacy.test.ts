/**
 * A database whose audit rows were written with the original unkeyed chain (before migration 0004)
 * keeps verifying after the upgrade: legacy rows with the SHA-256 rule, then the keyed chain continues
 * from the last legacy hash with seq = legacy rows + 1. Legacy rows cannot be appended after the switch.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachAuditTrail,
  auditCheckpointFile,
  canonicalJson,
  verifyAuditChain,
  writeAudit,
} from '../../platform/audit.js';
import type { Database } from '../../platform/db.js';
import type { DB } from '../../platform/db-types.js';
import { migrate, migrationsDir } from '../../platform/migrate.js';
import { openTestDatabase } from '../../../test/helpers.js';

const GENESIS = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ctx = { userId: null, username: 'legacy-test', organisationId: null, ip: null, requestId: null };
const LEGACY = 4;

let database: Database;
let drop: () => Promise<void>;
const dir = mkdtempSync(join(tmpdir(), 'ohp-audit-legacy-'));

const legacyRow = (i: number) => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  actor_user_id: null,
  actor_username: 'old-server',
  actor_organisation_id: null,
  ip: null,
  request_id: null,
  action: 'legacy.entry',
  entity_type: 'test',
  entity_id: String(i),
  before: null,
  after: { n: i },
});

const asOwner = async (db: Kysely<DB>, fn: () => Promise<unknown>) => {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  try {
    await fn();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  }
};

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  // The schema as it was before 0004, with rows written by the old writeAudit.
  const old = join(dir, 'migrations');
  mkdirSync(old);
  const all = migrationsDir();
  for (const f of readdirSync(all).filter((f) => /^\d{4}_/.test(f) && f < '0004'))
    copyFileSync(join(all, f), join(old, f));
  process.env.OHP_MIGRATIONS_DIR = old;
  try {
    await migrate(database);
  } finally {
    delete process.env.OHP_MIGRATIONS_DIR;
  }
  let prev = GENESIS;
  for (let i = 1; i <= LEGACY; i++) {
    const row = legacyRow(i);
    const hash = sha256(`${prev}|${canonicalJson(row)}`);
    await sql`insert into audit_log (at, actor_user_id, actor_username, actor_organisation_id, ip, request_id,
        action, entity_type, entity_id, before, after, prev_hash, hash)
      values (${row.at}, null, ${row.actor_username}, null, null, null, ${row.action}, ${row.entity_type},
        ${row.entity_id}, null, ${JSON.stringify(row.after)}, ${prev}, ${hash})`.execute(database.db);
    prev = hash;
  }
  // The upgrade: 0004 (and anything after it), then the server starts with its audit key.
  await migrate(database);
  await attachAuditTrail(database, { key: randomBytes(32), checkpointFile: auditCheckpointFile(dir) });
  for (let i = 1; i <= 3; i++) await writeAudit(database.db, ctx, { action: 'keyed.entry', entityId: i });
});
afterAll(async () => {
  await database.close();
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit rows from before the keyed chain', () => {
  it('keep verifying with the old rule, and the keyed chain continues from them', async () => {
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['seq', 'chain_version', 'prev_hash', 'hash'])
      .orderBy('audit_log_id')
      .execute();
    expect(rows.map((r) => r.chain_version)).toEqual([1, 1, 1, 1, 2, 2, 2]);
    expect(rows.map((r) => r.seq)).toEqual([null, null, null, null, 5, 6, 7]);
    expect(rows[4]!.prev_hash).toBe(rows[3]!.hash);
    expect(await verifyAuditChain(database.db, { checkpoint: true })).toMatchObject({
      ok: true,
      checked: 7,
      legacyRows: LEGACY,
    });
  });

  it('refuses an unkeyed row appended after the switch', async () => {
    const head = await database.db
      .selectFrom('audit_log')
      .select(['audit_log_id', 'hash'])
      .orderBy('seq', 'desc')
      .where('seq', 'is not', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    const row = legacyRow(99);
    const hash = sha256(`${head.hash}|${canonicalJson(row)}`);
    const inserted = await sql<{ id: number }>`insert into audit_log (at, actor_username, action, entity_type,
        entity_id, after, prev_hash, hash, chain_version)
      values (${row.at}, ${row.actor_username}, ${row.action}, ${row.entity_type}, ${row.entity_id},
        ${JSON.stringify(row.after)}, ${head.hash}, ${hash}, 1) returning audit_log_id as id`.execute(
      database.db,
    );
    const id = inserted.rows[0]!.id;
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      reason: 'audit_legacy_after_keyed',
      firstBrokenId: id,
    });
    await asOwner(database.db, () =>
      sql`delete from audit_log where audit_log_id = ${id}`.execute(database.db),
    );
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('detects a legacy row rewritten and re-hashed', async () => {
    const first = await database.db
      .selectFrom('audit_log')
      .select(['audit_log_id', 'hash'])
      .where('seq', 'is', null)
      .orderBy('audit_log_id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await asOwner(database.db, async () => {
      await sql`update audit_log set actor_username = 'rewritten' where audit_log_id = ${first.audit_log_id}`.execute(
        database.db,
      );
      // Re-hash the legacy part with the public rule; the keyed rows cannot be re-hashed without the key.
      const rows = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', 'is', null)
        .orderBy('audit_log_id')
        .execute();
      let prev = GENESIS;
      for (const r of rows) {
        const hash = sha256(
          `${prev}|${canonicalJson({ ...legacyRow(Number(r.entity_id)), actor_username: r.actor_username })}`,
        );
        await sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where audit_log_id = ${r.audit_log_id}`.execute(
          database.db,
        );
        prev = hash;
      }
    });
    const r = await verifyAuditChain(database.db);
    expect(r.ok).toBe(false);
    // The legacy chain is self-consistent again, but the checkpoints pinned the last legacy hash.
    expect(r.reason).toBe('audit_checkpoint_mismatch');
  });
});
