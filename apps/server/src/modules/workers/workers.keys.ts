/**
 * Key rotation of the personal data (issue 15 item 6; docs/SECURITY.md, Key rotation): every stored
 * ciphertext — the workers' ID numbers, names and phones, the accounts' phones and TOTP secrets — is
 * decrypted with the key it names and encrypted again with the keyring's newest key.
 *
 * Set-based and resumable: chunk after chunk of rows still holding a ciphertext of an older key, each
 * chunk read under FOR UPDATE, re-encrypted and written back in one statement, in its own transaction
 * (a writer of the same rows waits for one chunk at most). Rows already moved are never selected again,
 * so a run that stopped (killed, a failing chunk) is simply run again. One audit entry
 * (worker.key_rotate) records the counts when the run completes.
 *
 * The keyed hashes (worker.id_hash, exam_card.content_hash) are not touched: the matching key is derived
 * from key 1, which a rotation does not change (crypto.ts), nor is the audit key.
 */
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import { userCiphertextCounts, usersToRotate, writeUserCiphertexts } from '../users/index.js';
import { workerCiphertextCounts, workersToRotate, writeWorkerCiphertexts } from './workers.repository.js';

export const ROTATE_CHUNK = 1_000;

export type RotationResult = {
  keyId: number;
  /** Rows rewritten and ciphertexts re-encrypted by this run, per table. */
  workers: { rows: number; ciphertexts: number };
  users: { rows: number; ciphertexts: number };
  chunks: number;
};

type Counts = { rows: number; ciphertexts: number };

/**
 * Moves chunk after chunk of one table to the newest key: `select` the next rows still under an older
 * key (after the last id done), `reencrypt` them, `write` them back — one transaction per chunk.
 */
const rotateTable = async <R>(
  db: Kysely<DB>,
  o: {
    table: 'worker' | 'app_user';
    chunk: number;
    select: (trx: Transaction<DB>, afterId: number, limit: number) => Promise<R[]>;
    idOf: (r: R) => number;
    reencrypt: (r: R) => { row: R; moved: number };
    write: (trx: Transaction<DB>, rows: R[]) => Promise<void>;
    onChunk?: (table: string, rows: number) => void | Promise<void>;
  },
): Promise<Counts & { chunks: number }> => {
  const done = { rows: 0, ciphertexts: 0, chunks: 0 };
  let afterId = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await o.select(trx, afterId, o.chunk);
      if (!rows.length) return 0;
      const out = rows.map(o.reencrypt);
      await o.write(
        trx,
        out.map((x) => x.row),
      );
      afterId = o.idOf(rows[rows.length - 1]!);
      done.ciphertexts += out.reduce((s, x) => s + x.moved, 0);
      return rows.length;
    });
    if (!n) return done;
    done.rows += n;
    done.chunks++;
    await o.onChunk?.(o.table, n);
  }
};

/**
 * Re-encrypts every stored ciphertext with the newest key of `crypto`'s ring; resumable (see above).
 * `onChunk` runs after each committed chunk (progress; the tests stop a run there).
 */
export const rotateKeys = async (
  deps: { db: Kysely<DB>; crypto: Crypto },
  ctx: AuditContext,
  opts: { chunk?: number; onChunk?: (table: string, rows: number) => void | Promise<void> } = {},
): Promise<RotationResult> => {
  const { db, crypto } = deps;
  const prefix = `v${crypto.activeKeyId}.`;
  const chunk = Math.max(1, opts.chunk ?? ROTATE_CHUNK);
  let moved = 0;
  const again = <T extends string | null>(token: T): T => {
    if (token === null || token.startsWith(prefix)) return token;
    moved++;
    return crypto.encrypt(crypto.decrypt(token)) as T;
  };
  const counted =
    <R>(f: (r: R) => R) =>
    (r: R) => {
      moved = 0;
      const row = f(r);
      return { row, moved };
    };
  const workers = await rotateTable(db, {
    table: 'worker',
    chunk,
    select: (trx, after, limit) => workersToRotate(trx, prefix, after, limit),
    idOf: (r) => r.worker_id,
    reencrypt: counted((r) => ({
      worker_id: r.worker_id,
      id_number_enc: again(r.id_number_enc),
      name_enc: again(r.name_enc),
      phone_enc: again(r.phone_enc),
    })),
    write: writeWorkerCiphertexts,
    onChunk: opts.onChunk,
  });
  const users = await rotateTable(db, {
    table: 'app_user',
    chunk,
    select: (trx, after, limit) => usersToRotate(trx, prefix, after, limit),
    idOf: (r) => r.user_id,
    reencrypt: counted((r) => ({
      user_id: r.user_id,
      phone_enc: again(r.phone_enc),
      totp_secret_enc: again(r.totp_secret_enc),
      totp_pending_secret_enc: again(r.totp_pending_secret_enc),
    })),
    write: writeUserCiphertexts,
    onChunk: opts.onChunk,
  });
  const result: RotationResult = {
    keyId: crypto.activeKeyId,
    workers: { rows: workers.rows, ciphertexts: workers.ciphertexts },
    users: { rows: users.rows, ciphertexts: users.ciphertexts },
    chunks: workers.chunks + users.chunks,
  };
  await writeAudit(db, ctx, {
    action: 'worker.key_rotate',
    entityType: 'worker',
    after: { ...result, keyIds: crypto.keyIds, chunkRows: chunk },
  });
  return result;
};

/** The keyring and how many stored ciphertexts each key id holds (workers, accounts). */
export const keyStatus = async (deps: { db: Kysely<DB>; crypto: Crypto }) => ({
  keyIds: deps.crypto.keyIds,
  activeKeyId: deps.crypto.activeKeyId,
  workers: await workerCiphertextCounts(deps.db),
  users: await userCiphertextCounts(deps.db),
});
