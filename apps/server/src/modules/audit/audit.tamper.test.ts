/**
 * Tamper evidence of the audit trail (issue 11, item 5). Each case tampers as the table owner would:
 * the append-only trigger switched off, rows deleted or rewritten and the chain re-hashed with the
 * public rule (SHA-256) — everything an attacker without the audit key can do — and then expects
 * verification to fail, naming why.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { reasonMessages } from '@ohp/contracts';
import { auditCheckpoints, canonicalJson, verifyAuditChain, writeAudit } from '../../platform/audit.js';
import type { DB } from '../../platform/db-types.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';

const GENESIS = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ctx = { userId: null, username: 'tamper-test', organisationId: null, ip: '127.0.0.1', requestId: null };

let t: TestContext | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

/** A fresh database (no demo data) with `n` audit entries. */
const trailOf = async (n: number) => {
  t = await createTestContext({ seed: false });
  for (let i = 1; i <= n; i++)
    await writeAudit(t.deps.db, ctx, {
      action: 'test.entry',
      entityType: 'test',
      entityId: i,
      after: { n: i },
    });
  return t;
};

const ids = async (db: Kysely<DB>) =>
  (await db.selectFrom('audit_log').select('audit_log_id').orderBy('audit_log_id').execute()).map(
    (r) => r.audit_log_id,
  );

/** Runs `fn` as the table owner with the append-only trigger off (what the chain must expose). */
const asOwner = async (db: Kysely<DB>, fn: () => Promise<unknown>) => {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  try {
    await fn();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
  }
};

/** Re-links the chain from `fromId` on with plain SHA-256, in id order: the best a keyless attacker can do. */
const rehashFrom = async (db: Kysely<DB>, fromId: number) => {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('audit_log_id').execute();
  let prev = GENESIS;
  for (const r of rows) {
    if (r.audit_log_id < fromId) {
      prev = r.hash;
      continue;
    }
    const hash = sha256(
      `${prev}|${canonicalJson({
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
      })}`,
    );
    await sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where audit_log_id = ${r.audit_log_id}`.execute(
      db,
    );
    prev = hash;
  }
};

describe('audit tamper evidence', () => {
  it('numbers entries 1, 2, 3 … under a keyed hash and verifies them, writing a signed checkpoint', async () => {
    const { deps } = await trailOf(5);
    const rows = await deps.db
      .selectFrom('audit_log')
      .select(['seq', 'chain_version', 'prev_hash', 'hash'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.every((r) => r.chain_version === 2)).toBe(true);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    const r = await verifyAuditChain(deps.db, { checkpoint: true });
    expect(r).toMatchObject({ ok: true, checked: 5, reason: null, legacyRows: 0 });
    // The start checkpoint (count 0) was there; verification added one at the head.
    expect(r.checkpoints).toBeGreaterThanOrEqual(2);
    expect(r.lastCheckpointAt).not.toBeNull();
  });

  it('detects the tail deleted below the last checkpoint', async () => {
    const { deps } = await trailOf(10);
    expect((await verifyAuditChain(deps.db, { checkpoint: true })).ok).toBe(true);
    const all = await ids(deps.db);
    // The last three rows go; the remaining chain is a perfectly valid shorter chain.
    await asOwner(deps.db, () => sql`delete from audit_log where audit_log_id > ${all[6]!}`.execute(deps.db));
    const r = await verifyAuditChain(deps.db);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ reason: 'audit_checkpoint_ahead', firstBrokenSeq: 8, checked: 7 });
  });

  it('detects a rewritten row whose chain was re-hashed without the key', async () => {
    const { deps } = await trailOf(10);
    expect((await verifyAuditChain(deps.db, { checkpoint: true })).ok).toBe(true);
    const all = await ids(deps.db);
    const victim = all[3]!;
    await asOwner(deps.db, async () => {
      await sql`update audit_log set actor_username = 'someone-else', after = '{"n": 99}' where audit_log_id = ${victim}`.execute(
        deps.db,
      );
      await rehashFrom(deps.db, victim);
    });
    const r = await verifyAuditChain(deps.db);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ reason: 'audit_hash_mismatch', firstBrokenId: victim, firstBrokenSeq: 4 });
  });

  it('detects a row removed from the middle, also when the chain is re-linked around it', async () => {
    const { deps } = await trailOf(10);
    expect((await verifyAuditChain(deps.db, { checkpoint: true })).ok).toBe(true);
    const all = await ids(deps.db);
    await asOwner(deps.db, async () => {
      await sql`delete from audit_log where audit_log_id = ${all[4]!}`.execute(deps.db);
      await rehashFrom(deps.db, all[5]!);
    });
    const r = await verifyAuditChain(deps.db);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ reason: 'audit_seq_gap', firstBrokenId: all[5], firstBrokenSeq: 5 });
  });

  it('detects a row removed and the later rows renumbered and re-hashed', async () => {
    const { deps } = await trailOf(10);
    expect((await verifyAuditChain(deps.db, { checkpoint: true })).ok).toBe(true);
    const all = await ids(deps.db);
    await asOwner(deps.db, async () => {
      await sql`delete from audit_log where audit_log_id = ${all[4]!}`.execute(deps.db);
      await sql`update audit_log set seq = seq - 1 where audit_log_id > ${all[4]!}`.execute(deps.db);
      await rehashFrom(deps.db, all[5]!);
    });
    const r = await verifyAuditChain(deps.db);
    expect(r).toMatchObject({ ok: false, reason: 'audit_hash_mismatch', firstBrokenId: all[5] });
  });

  it('detects the whole trail rewritten under the unkeyed legacy rule (downgrade)', async () => {
    const { deps } = await trailOf(6);
    expect((await verifyAuditChain(deps.db, { checkpoint: true })).ok).toBe(true);
    await asOwner(deps.db, async () => {
      await sql`update audit_log set seq = null, chain_version = 1`.execute(deps.db);
      await rehashFrom(deps.db, 0);
    });
    const r = await verifyAuditChain(deps.db);
    expect(r).toMatchObject({ ok: false, reason: 'audit_checkpoint_mismatch' });
  });

  it('refuses a checkpoint file edited without the key', async () => {
    const { deps } = await trailOf(4);
    expect((await verifyAuditChain(deps.db, { checkpoint: true })).ok).toBe(true);
    const file = auditCheckpoints(deps.db).file!;
    // Lower the last checkpoint's count to hide a removed tail: its signature no longer matches.
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { count: number };
    lines[lines.length - 1] = JSON.stringify({ ...last, count: last.count - 2 });
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: false, reason: 'audit_checkpoint_invalid' });
  });

  it('keeps seq gap-free across rolled-back and concurrent writes', async () => {
    const { deps } = await trailOf(2);
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await writeAudit(trx, ctx, { action: 'test.rolled_back' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        deps.db
          .transaction()
          .execute((trx) => writeAudit(trx, ctx, { action: 'test.concurrent', entityId: i })),
      ),
    );
    const seqs = (await deps.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map(
      (r) => r.seq,
    );
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await verifyAuditChain(deps.db)).toMatchObject({ ok: true, checked: 10 });
  });

  it('has a zh-CN and an en message for every verification failure', () => {
    for (const reason of [
      'audit_hash_mismatch',
      'audit_seq_gap',
      'audit_legacy_after_keyed',
      'audit_checkpoint_invalid',
      'audit_checkpoint_mismatch',
      'audit_checkpoint_ahead',
    ]) {
      expect(reasonMessages[reason]?.['zh-CN']).toBeTruthy();
      expect(reasonMessages[reason]?.en).toBeTruthy();
    }
  });
});
