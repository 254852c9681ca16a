/**
 * Key rotation as an operator runs it (docs/SECURITY.md, Key rotation), on a data directory with key
 * files: the server starts with key 1 (data-key), cards and accounts are written under it, `keys new`
 * adds data-key.2, the server restarts (new data under key 2, old data still read), `keys rotate` moves
 * every ciphertext to key 2 chunk by chunk — stopped half-way and run again, it resumes — and afterwards
 * every value reads back, the ID-number matching still finds the workers, one audit entry records the
 * counts, and the audit chain still verifies, before and after another restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examCardExample, type ExamCardInput } from '@ohp/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../demo/exam-cards.js';
import { seedDemoProvince } from '../../demo/seed.js';
import { verifyAuditChain, writeAudit } from '../../platform/audit.js';
import { loadConfig } from '../../platform/config.js';
import { createNextKeyFile } from '../../platform/crypto.js';
import type { Deps } from '../../platform/http/types.js';
import { openAndPrepare } from '../../server.js';
import { storeCards, workerIdHash } from '../exam-reports/index.js';
import { keyStatus, rotateKeys } from './workers.keys.js';

const dir = mkdtempSync(join(tmpdir(), 'ohp-rotate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = loadConfig(
  { OHP_DATA_DIR: dir, OHP_DEMO: '0', OHP_AUDIT_CHECKPOINT_EVERY: '5' },
  { dotenv: false },
);
const open = () => openAndPrepare(config, { dataDir: dir });
const ctx = { userId: null, username: 'cli:test', organisationId: null, ip: null, requestId: null };

const WORKERS = 11;
const people = Array.from({ length: WORKERS }, (_, i) => ({
  name: `轮换${'甲乙丙丁戊己庚辛壬癸子'[i]}`,
  idNumber: makeIdNumber('220102', '1985-03-15', 100 + i, true),
  phone: `1390000${String(1000 + i)}`,
}));

const byKey = (rows: Array<{ key: string; n: number }>) => Object.fromEntries(rows.map((r) => [r.key, r.n]));

describe('key rotation', () => {
  it('moves every ciphertext to the new key, resumably, and leaves matching and the audit chain intact', async () => {
    // 1. First start: key 1 only. Cards of eleven workers, two accounts with a phone and a TOTP secret.
    let deps: Deps = await open();
    expect(deps.crypto.keyIds).toEqual([1]);
    await seedDemoProvince(deps.db, { scale: 'test', password: 'Rotate#2026!' });
    const institution = (
      await deps.db
        .selectFrom('organisation')
        .select('organisation_id')
        .where('kind', '=', 'exam_institution')
        .orderBy('organisation_id')
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const cards: ExamCardInput[] = people.map((p, i) => ({
      ...structuredClone(examCardExample),
      recordId: `rotate-${i}`,
      worker: { ...examCardExample.worker, ...p },
    }));
    const stored = await deps.db.transaction().execute((trx) =>
      storeCards(
        trx,
        deps.crypto,
        { institutionId: institution, importBatchId: null, source: 'api' },
        cards.map((card, i) => ({ rowNo: i + 1, card })),
      ),
    );
    expect(stored.every((s) => s.outcome === 'accepted')).toBe(true);
    const users = await deps.db
      .selectFrom('app_user')
      .select('user_id')
      .orderBy('user_id')
      .limit(2)
      .execute();
    await deps.db
      .updateTable('app_user')
      .set({
        phone_enc: deps.crypto.encrypt('13612345678'),
        totp_secret_enc: deps.crypto.encrypt('JBSWY3DPEHPK3PXP'),
      })
      .where(
        'user_id',
        'in',
        users.map((u) => u.user_id),
      )
      .execute();
    for (let i = 0; i < 7; i++) await writeAudit(deps.db, ctx, { action: 'demo.seed', after: { i } });
    const hashesBefore = await deps.db
      .selectFrom('worker')
      .select(['worker_id', 'id_hash'])
      .orderBy('worker_id')
      .execute();
    expect((await verifyAuditChain(deps.db)).ok).toBe(true);
    await deps.database.close();

    // 2. keys new, restart: the ring holds keys 1 and 2; new data is written with key 2.
    expect(createNextKeyFile(dir).id).toBe(2);
    deps = await open();
    expect(deps.crypto.keyIds).toEqual([1, 2]);
    expect(deps.crypto.encrypt('x').startsWith('v2.')).toBe(true);
    const before = await keyStatus(deps);
    expect(byKey(before.workers)).toEqual({ v1: WORKERS * 3 });
    expect(byKey(before.users)).toEqual({ v1: 4 });

    // 3. A rotation that stops after its first chunk (of 4 workers) keeps what it committed.
    let chunks = 0;
    await expect(
      rotateKeys(deps, ctx, {
        chunk: 4,
        onChunk: () => {
          if (++chunks === 1) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const half = await keyStatus(deps);
    expect(byKey(half.workers)).toEqual({ v1: (WORKERS - 4) * 3, v2: 4 * 3 });
    expect(
      await deps.db
        .selectFrom('audit_log')
        .select('audit_log_id')
        .where('action', '=', 'worker.key_rotate')
        .execute(),
    ).toEqual([]);

    // 4. Run again: it resumes with the rows not yet moved.
    const result = await rotateKeys(deps, ctx, { chunk: 4 });
    expect(result).toEqual({
      keyId: 2,
      workers: { rows: WORKERS - 4, ciphertexts: (WORKERS - 4) * 3 },
      users: { rows: 2, ciphertexts: 4 },
      chunks: 2 + 1,
    });
    const after = await keyStatus(deps);
    expect(byKey(after.workers)).toEqual({ v2: WORKERS * 3 });
    expect(byKey(after.users)).toEqual({ v2: 4 });
    // Nothing left: a third run moves nothing.
    expect((await rotateKeys(deps, ctx)).workers.rows).toBe(0);

    // Every value reads back; the keyed hashes did not change and still find each worker.
    const rows = await deps.db.selectFrom('worker').selectAll().orderBy('worker_id').execute();
    const plain = rows.map((r) => [
      deps.crypto.decrypt(r.name_enc),
      deps.crypto.decrypt(r.id_number_enc),
      deps.crypto.decrypt(r.phone_enc!),
    ]);
    expect(plain.sort()).toEqual(people.map((p) => [p.name, p.idNumber, p.phone]).sort());
    expect(rows.map((r) => ({ worker_id: r.worker_id, id_hash: r.id_hash }))).toEqual(hashesBefore);
    for (const p of people)
      expect(rows.some((r) => r.id_hash === workerIdHash(deps.crypto, '01', p.idNumber))).toBe(true);
    const accounts = await deps.db
      .selectFrom('app_user')
      .select(['phone_enc', 'totp_secret_enc'])
      .where(
        'user_id',
        'in',
        users.map((u) => u.user_id),
      )
      .execute();
    expect(
      accounts.map((a) => [deps.crypto.decrypt(a.phone_enc!), deps.crypto.decrypt(a.totp_secret_enc!)]),
    ).toEqual([
      ['13612345678', 'JBSWY3DPEHPK3PXP'],
      ['13612345678', 'JBSWY3DPEHPK3PXP'],
    ]);

    // One audit entry per completed run, with the counts; the chain verifies (checkpoints included).
    const entries = await deps.db
      .selectFrom('audit_log')
      .select(['after', 'actor_username'])
      .where('action', '=', 'worker.key_rotate')
      .orderBy('audit_log_id')
      .execute();
    expect(entries.length).toBe(2);
    expect(entries[0]!.after).toMatchObject({ keyId: 2, workers: { rows: WORKERS - 4 }, users: { rows: 2 } });
    const verified = await verifyAuditChain(deps.db, { checkpoint: true });
    expect(verified).toMatchObject({ ok: true, reason: null });
    expect(verified.checkpoints).toBeGreaterThan(0);
    await deps.database.close();

    // 5. Restart again (key 1 still in the ring, key 2 the newest): the chain and the data still read.
    deps = await open();
    expect((await verifyAuditChain(deps.db)).ok).toBe(true);
    const names = await deps.db.selectFrom('worker').select('name_enc').execute();
    expect(names.map((w) => deps.crypto.decrypt(w.name_enc)).sort()).toEqual(
      people.map((p) => p.name).sort(),
    );
    await deps.database.close();
  }, 120_000);
});
