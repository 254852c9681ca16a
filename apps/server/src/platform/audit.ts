/**
 * The audit trail. `writeAudit` is called inside the transaction of the write it records, so an entry
 * exists exactly when its change was committed.
 *
 * Tamper evidence (docs/SECURITY.md § Audit):
 * - Entries form a keyed chain: each row stores HMAC-SHA-256(audit key, seq | previous hash | row). The
 *   audit key is held outside the database (OHP_AUDIT_KEY, or HKDF of the data key), so someone who can
 *   write the table cannot recompute the chain after changing, inserting or removing a row.
 * - `seq` is gap-free (previous seq + 1, assigned under the chain lock): a missing number is a removed
 *   row, even one removed together with the rows after it up to a re-linked head.
 * - Signed checkpoints (head seq, head hash, legacy row count, time) are appended to a file outside the
 *   database every `checkpointEvery` entries or `checkpointMinutes` minutes, at start, at shutdown and
 *   at every successful verification: removing the tail below a checkpoint is detected.
 * - Rows written before migration 0004 (chain_version 1) keep verifying with the original unkeyed rule;
 *   they must all precede the keyed rows, and every checkpoint pins how many there are.
 * - Before/after payloads pass through `sanitiseAuditValue`: phone numbers, e-mail addresses and ID
 *   numbers are masked, secrets and ciphertexts replaced, wherever they appear (by key and by content).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createHmac, hkdfSync } from 'node:crypto';
import { dirname, join } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { maskEmail, maskIdNumber, maskPhone, safeEqual, sha256 } from './crypto.js';
import type { Database } from './db.js';
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
const CHAIN_LOCK = 72202;

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

// ---------------------------------------------------------------------------------------------------
// Personal data: what before/after may hold.

const norm = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');
type FieldKind = 'secret' | 'ciphertext' | 'id_number' | 'phone' | 'email' | 'identifier' | 'plain';

/**
 * The sensitive field names, by their normalised form (lower case, no separators), so that `phone`,
 * `contact_phone`, `contactPhone` and `mobile` are all caught. A new module's field is covered as long
 * as its name says what it is; anything that still looks like a phone, ID number or e-mail address in
 * any other string is masked by content.
 */
export const fieldKind = (key: string): FieldKind => {
  const k = norm(key);
  if (/(password|passwordhash|secret|token|sessionid|apikey|privatekey)$/.test(k)) return 'secret';
  if (/enc$/.test(k)) return 'ciphertext';
  if (/(idnumber|idcard|idcardno|idno|citizenid|identitynumber|passportno|passportnumber)s?$/.test(k))
    return 'id_number';
  if (/(phone|mobile|telephone|fax)s?$/.test(k) || /^(contact)?tel$/.test(k)) return 'phone';
  if (/emails?$/.test(k) || k === 'mail') return 'email';
  // Codes and identifiers (credit codes, region codes, ids) are not personal data and are never
  // rewritten by content, so an 18-digit credit code cannot be mistaken for an ID number.
  if (/(code|codes|id|ids)$/.test(k)) return 'identifier';
  return 'plain';
};

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643 check digit (ISO 7064 MOD 11-2). */
const isIdNumber = (s: string): boolean => {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return '10X98765432'[sum % 11] === s[17]!.toUpperCase();
};

const PHONE_IN_TEXT = /(?<!\d)1\d{10}(?!\d)/g;
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

const maskText = (s: string): string =>
  s
    .replace(ID_IN_TEXT, (m) => (isIdNumber(m) ? maskIdNumber(m)! : m))
    .replace(PHONE_IN_TEXT, (m) => maskPhone(m)!)
    .replace(EMAIL_IN_TEXT, (m) => maskEmail(m)!);

const maskScalar = (kind: FieldKind, v: unknown): unknown => {
  if (v === null || v === undefined || typeof v === 'boolean') return v;
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
  switch (kind) {
    case 'secret':
      return '[redacted]';
    case 'ciphertext':
      // A reference to the ciphertext (the stored value is random-IV AES-GCM): lets an investigator
      // match the entry with the stored value without the audit trail holding either.
      return s === null ? '[encrypted]' : `[encrypted:${sha256(s).slice(0, 16)}]`;
    case 'id_number':
      return s === null ? '[masked]' : maskIdNumber(s);
    case 'phone':
      return s === null ? '[masked]' : maskPhone(s.length >= 7 ? s : '*'.repeat(7));
    case 'email':
      return s === null ? '[masked]' : s.includes('@') ? maskEmail(s) : maskText(s);
    case 'identifier':
      return v;
    case 'plain':
      return typeof v === 'string' ? maskText(v) : v;
  }
};

/**
 * Masks personal data and drops secrets from a before/after payload (already plain JSON). Applied by
 * writeAudit to every entry, so no caller can put a plain phone number into the append-only table.
 */
export const sanitiseAuditValue = (value: unknown, kind: FieldKind = 'plain'): unknown => {
  if (Array.isArray(value)) return value.map((v) => sanitiseAuditValue(v, kind));
  if (value !== null && typeof value === 'object') {
    if (kind === 'secret') return '[redacted]';
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => {
        const own = fieldKind(k);
        return [k, sanitiseAuditValue(v, own === 'plain' && kind !== 'identifier' ? kind : own)];
      }),
    );
  }
  return maskScalar(kind, value);
};

// ---------------------------------------------------------------------------------------------------
// The keyed chain.

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

/** chain_version 1: the original unkeyed rule, for rows written before migration 0004. */
export const legacyHash = (prevHash: string, row: HashInput): string =>
  sha256(`${prevHash}|${canonicalJson(row)}`);

/** chain_version 2: HMAC-SHA-256 over the sequence number, the previous hash and the row. */
const keyedHash = (key: Buffer, seq: number, prevHash: string, canonicalRow: string): string =>
  createHmac('sha256', key).update(`v2|${seq}|${prevHash}|${canonicalRow}`).digest('hex');

/**
 * The audit key: OHP_AUDIT_KEY when set (32 bytes, base64: a key of its own that can be held by a
 * different custodian), else HKDF-SHA-256 of the data key under the label 'ohp:audit:v1' (nothing new
 * to keep or back up; independent of the encryption and matching keys derived from the same root).
 */
export const auditKeyFrom = (dataKey: Buffer, auditKey: string | null): Buffer => {
  if (auditKey) {
    const key = Buffer.from(auditKey, 'base64');
    if (key.length !== 32) throw new Error('OHP_AUDIT_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'ohp:audit:v1', 32));
};

// ---------------------------------------------------------------------------------------------------
// The trail attached to a database: key, checkpoint file, checkpoint schedule.

type Trail = {
  key: Buffer;
  checkpointFile: string | null;
  every: number;
  minutes: number;
  db: Kysely<DB>;
  /** Highest count this process has checkpointed (or found in the file at start). */
  lastCount: number;
  /** Rows of the legacy (unkeyed) chain; fixed once migration 0004 ran, read once. */
  legacy: number | null;
  timer: NodeJS.Timeout | null;
  queued: boolean;
  pending: Promise<unknown>;
  closed: boolean;
  log: (message: string) => void;
};

/**
 * Trails by the Kysely adapter, which a database's Kysely instance shares with every transaction
 * started from it: writeAudit(trx, …) finds the key of the database the transaction belongs to.
 */
const trails = new WeakMap<object, Trail>();
const adapterOf = (db: Kysely<DB> | Transaction<DB>): object => db.getExecutor().adapter;

const trailOf = (db: Kysely<DB> | Transaction<DB>): Trail => {
  const trail = trails.get(adapterOf(db));
  if (!trail) throw new Error('no audit trail attached to this database (attachAuditTrail)');
  return trail;
};

/** The checkpoint file in the data directory. */
export const auditCheckpointFile = (dataDir: string): string => join(dataDir, 'audit-checkpoints.jsonl');

export type AuditTrailOptions = {
  key: Buffer;
  /** Where signed checkpoints are appended; null = none (tests of other modules may opt out). */
  checkpointFile: string | null;
  checkpointEvery?: number;
  checkpointMinutes?: number;
  log?: (message: string) => void;
};

export type Checkpoint = {
  count: number;
  hash: string;
  legacy: number;
  at: string;
  reason: string;
};
export type CheckpointLine = Checkpoint & { line: number; valid: boolean };

const signCheckpoint = (key: Buffer, c: Checkpoint): string =>
  createHmac('sha256', key)
    .update(
      `ohp:audit:checkpoint:v1|${canonicalJson({ count: c.count, hash: c.hash, legacy: c.legacy, at: c.at, reason: c.reason })}`,
    )
    .digest('hex');

/** Every line of the checkpoint file with its signature checked (a malformed line is invalid). */
export const readCheckpointFile = (file: string, key: Buffer): CheckpointLine[] => {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter(({ text }) => text !== '')
    .map(({ text, line }) => {
      try {
        const c = JSON.parse(text) as Partial<Checkpoint> & { sig?: unknown };
        const cp: Checkpoint = {
          count: Number(c.count),
          hash: String(c.hash),
          legacy: Number(c.legacy),
          at: String(c.at),
          reason: String(c.reason),
        };
        const valid =
          Number.isSafeInteger(cp.count) &&
          Number.isSafeInteger(cp.legacy) &&
          typeof c.sig === 'string' &&
          safeEqual(c.sig, signCheckpoint(key, cp));
        return { ...cp, line, valid };
      } catch {
        return { count: -1, hash: '', legacy: -1, at: '', reason: '', line, valid: false };
      }
    });
};

/** The last row by id: the head of the chain, since ids are drawn under the chain lock (pkey probe). */
const lastRow = (db: Kysely<DB> | Transaction<DB>) =>
  db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('audit_log_id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Rows of the legacy chain; counted once per process (none can be added legitimately after 0004). */
const legacyCount = async (db: Kysely<DB> | Transaction<DB>, trail: Trail): Promise<number> => {
  if (trail.legacy === null) {
    const n = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', 'is', null)
      .executeTakeFirstOrThrow();
    trail.legacy = Number(n.n);
  }
  return trail.legacy;
};

/** The committed head of the chain: count (= last seq), its hash, and the legacy row count. */
const chainHead = async (
  db: Kysely<DB> | Transaction<DB>,
  trail: Trail,
  last?: { seq: number | null; hash: string },
): Promise<{ count: number; hash: string; legacy: number }> => {
  const legacy = await legacyCount(db, trail);
  const head = last ?? (await lastRow(db));
  if (head && head.seq !== null) return { count: head.seq, hash: head.hash, legacy };
  // No keyed row yet: the chain ends at the last legacy row (or is empty).
  return { count: legacy, hash: head?.hash ?? GENESIS, legacy };
};

const appendCheckpoint = async (trail: Trail, reason: string, force: boolean): Promise<Checkpoint | null> => {
  if (!trail.checkpointFile) return null;
  if (trail.timer) clearTimeout(trail.timer);
  trail.timer = null;
  trail.queued = false;
  const head = await chainHead(trail.db, trail);
  if (!force && head.count === trail.lastCount) return null;
  const cp: Checkpoint = { ...head, at: new Date().toISOString(), reason };
  mkdirSync(dirname(trail.checkpointFile), { recursive: true });
  appendFileSync(trail.checkpointFile, `${JSON.stringify({ ...cp, sig: signCheckpoint(trail.key, cp) })}\n`, {
    mode: 0o600,
  });
  trail.lastCount = head.count;
  return cp;
};

/** Queues a checkpoint; it reads the committed head through the database's own pool, never a trx. */
const queueCheckpoint = (trail: Trail, reason: string) => {
  if (trail.queued || trail.closed) return;
  trail.queued = true;
  trail.pending = trail.pending
    .then(() => (trail.closed ? null : appendCheckpoint(trail, reason, false)))
    .catch((err: unknown) => trail.log(`audit checkpoint failed: ${(err as Error).message}`));
};

const noteWrite = (trail: Trail, seq: number) => {
  if (!trail.checkpointFile || trail.closed) return;
  if (seq - trail.lastCount >= trail.every) queueCheckpoint(trail, 'periodic');
  else if (!trail.timer) {
    trail.timer = setTimeout(() => {
      trail.timer = null;
      queueCheckpoint(trail, 'periodic');
    }, trail.minutes * 60_000);
    trail.timer.unref();
  }
};

/**
 * Binds the audit key and checkpoint file to a database (start-up, CLI and test harness). Writes a
 * 'start' checkpoint when the head is not the last checkpointed one (first start after migration 0004
 * pins the number of legacy rows), and a 'shutdown' checkpoint when the database is closed.
 */
export const attachAuditTrail = async (database: Database, opts: AuditTrailOptions): Promise<void> => {
  const trail: Trail = {
    key: opts.key,
    checkpointFile: opts.checkpointFile,
    every: opts.checkpointEvery ?? 100,
    minutes: opts.checkpointMinutes ?? 5,
    db: database.db,
    lastCount: -1,
    legacy: null,
    timer: null,
    queued: false,
    pending: Promise.resolve(),
    closed: false,
    log: opts.log ?? ((m) => console.warn(m)),
  };
  trails.set(adapterOf(database.db), trail);
  if (trail.checkpointFile) {
    const valid = readCheckpointFile(trail.checkpointFile, trail.key).filter((c) => c.valid);
    if (valid.length) trail.lastCount = valid[valid.length - 1]!.count;
    await appendCheckpoint(trail, 'start', false);
  }
  const close = database.close;
  database.close = async () => {
    if (!trail.closed) {
      await trail.pending;
      if (trail.checkpointFile)
        await appendCheckpoint(trail, 'shutdown', false).catch((err: unknown) =>
          trail.log(`audit checkpoint failed: ${(err as Error).message}`),
        );
      trail.closed = true;
      if (trail.timer) clearTimeout(trail.timer);
    }
    await close();
  };
};

/** The checkpoint file of the trail attached to `db`, each line with its signature checked. */
export const auditCheckpoints = (db: Kysely<DB>): { file: string | null; lines: CheckpointLine[] } => {
  const trail = trailOf(db);
  return {
    file: trail.checkpointFile,
    lines: trail.checkpointFile ? readCheckpointFile(trail.checkpointFile, trail.key) : [],
  };
};

/** Normalises a value the way jsonb would store it (drops undefined, Dates to ISO strings). */
const asJson = (value: unknown): unknown =>
  value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);

export const writeAudit = async (
  trx: Transaction<DB> | Kysely<DB>,
  ctx: AuditContext,
  event: AuditEvent,
): Promise<void> => {
  const trail = trailOf(trx);
  // Everything that does not depend on the head is prepared before the chain lock is taken, so the
  // lock is held for: the head probe, one HMAC over a prepared string, the insert (and the commit).
  // Millisecond precision survives the timestamptz round trip, so the verifier can recompute the hash.
  const row: HashInput = {
    at: new Date().toISOString(),
    actor_user_id: ctx.userId,
    actor_username: ctx.username,
    actor_organisation_id: ctx.organisationId,
    ip: ctx.ip,
    request_id: ctx.requestId,
    action: event.action,
    entity_type: event.entityType ?? null,
    entity_id: event.entityId == null ? null : String(event.entityId),
    before: sanitiseAuditValue(asJson(event.before)),
    after: sanitiseAuditValue(asJson(event.after)),
  };
  const canonicalRow = canonicalJson(row);
  const values = {
    ...row,
    before: row.before == null ? null : JSON.stringify(row.before),
    after: row.after == null ? null : JSON.stringify(row.after),
    chain_version: 2,
  };
  // Serialises chain appends across connections; held until the surrounding transaction ends, so the
  // next writer sees this row (seq + 1) or, after a rollback, reuses its seq: no gaps.
  await sql`select pg_advisory_xact_lock(${sql.lit(CHAIN_LOCK)})`.execute(trx);
  const head = await lastRow(trx);
  // The first keyed row continues the legacy chain (only once, right after migration 0004).
  const { seq, prevHash } =
    head && head.seq !== null
      ? { seq: head.seq + 1, prevHash: head.hash }
      : await chainHead(trx, trail, head).then((h) => ({ seq: h.count + 1, prevHash: h.hash }));
  await trx
    .insertInto('audit_log')
    .values({ ...values, seq, prev_hash: prevHash, hash: keyedHash(trail.key, seq, prevHash, canonicalRow) })
    .execute();
  noteWrite(trail, seq);
};

// ---------------------------------------------------------------------------------------------------
// Verification.

export type AuditBreak =
  | 'audit_hash_mismatch'
  | 'audit_seq_gap'
  | 'audit_legacy_after_keyed'
  | 'audit_checkpoint_invalid'
  | 'audit_checkpoint_mismatch'
  | 'audit_checkpoint_ahead';

export type ChainVerification = {
  ok: boolean;
  /** Rows that verified before the first break (all rows when ok). */
  checked: number;
  firstBrokenId: number | null;
  /** Position in the chain (seq) of the first break; for a removed tail, the first missing seq. */
  firstBrokenSeq: number | null;
  reason: AuditBreak | null;
  /** Rows verified with the legacy unkeyed rule (written before migration 0004). */
  legacyRows: number;
  /** Checkpoints found in the checkpoint file and checked against the table. */
  checkpoints: number;
  lastCheckpointAt: string | null;
};

const hashInputOf = (r: Omit<HashInput, 'at'> & { at: Date }): HashInput => ({
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

const PAGE = 5000;

/**
 * Recomputes the chain (legacy rows in id order, then keyed rows in seq order), checks that seq runs
 * 1, 2, 3 … without a gap, and checks every checkpoint in the checkpoint file against the table:
 * signature, hash at its count, legacy row count, and that the table still reaches its count.
 * `checkpoint: true` appends a 'verify' checkpoint when the trail is intact (CLI and POST /audit/verify).
 */
export const verifyAuditChain = async (
  db: Kysely<DB>,
  opts: { checkpoint?: boolean } = {},
): Promise<ChainVerification> => {
  const trail = trailOf(db);
  const cps = trail.checkpointFile ? readCheckpointFile(trail.checkpointFile, trail.key) : [];
  let checked = 0;
  let legacyRows = 0;
  const result = (
    reason: AuditBreak | null,
    at: { id?: number | null; seq?: number | null } = {},
  ): ChainVerification => ({
    ok: reason === null,
    checked,
    firstBrokenId: at.id ?? null,
    firstBrokenSeq: at.seq ?? null,
    reason,
    legacyRows,
    checkpoints: cps.length,
    lastCheckpointAt: cps.filter((c) => c.valid).at(-1)?.at ?? null,
  });

  const forged = cps.find((c) => !c.valid);
  if (forged) return result('audit_checkpoint_invalid', { seq: forged.count >= 0 ? forged.count : null });
  const byCount = new Map<number, Checkpoint[]>();
  for (const c of cps) byCount.set(c.count, [...(byCount.get(c.count) ?? []), c]);
  const checkpointsMatch = (position: number, hash: string) =>
    (byCount.get(position) ?? []).every((c) => c.hash === hash);

  let position = 0;
  let prevHash = GENESIS;
  if (!checkpointsMatch(0, GENESIS)) return result('audit_checkpoint_mismatch', { seq: 0 });
  // Every checkpoint was taken after the switchover: it knows how many legacy rows there are. More now
  // means keyed rows were rewritten under the unkeyed rule; fewer, that legacy rows were removed.
  const legacyPinned = () => cps.find((c) => c.legacy !== legacyRows);
  let keyed = false;

  // One pass in id order (ids are drawn under the chain lock): legacy rows (chain_version 1, seq null)
  // first, then keyed rows whose seq must be exactly their position.
  for (let afterId = 0; ;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('audit_log_id', '>', afterId)
      .orderBy('audit_log_id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      position += 1;
      afterId = r.audit_log_id;
      const at = { id: r.audit_log_id, seq: position };
      if (r.seq === null) {
        if (keyed) return result('audit_legacy_after_keyed', at);
        if (
          r.chain_version !== 1 ||
          r.prev_hash !== prevHash ||
          r.hash !== legacyHash(prevHash, hashInputOf(r))
        )
          return result('audit_hash_mismatch', at);
        legacyRows += 1;
      } else {
        if (!keyed) {
          keyed = true;
          const wrong = legacyPinned();
          if (wrong) return result('audit_checkpoint_mismatch', { seq: wrong.count });
        }
        if (r.seq !== position) return result('audit_seq_gap', at);
        if (
          r.chain_version !== 2 ||
          r.prev_hash !== prevHash ||
          !safeEqual(r.hash, keyedHash(trail.key, position, prevHash, canonicalJson(hashInputOf(r))))
        )
          return result('audit_hash_mismatch', at);
      }
      if (!checkpointsMatch(position, r.hash)) return result('audit_checkpoint_mismatch', at);
      prevHash = r.hash;
      checked += 1;
    }
  }
  const wrongLegacy = keyed ? undefined : legacyPinned();
  if (wrongLegacy) return result('audit_checkpoint_mismatch', { seq: wrongLegacy.count });
  // A checkpoint beyond the end: rows were removed from the tail.
  if (cps.some((c) => c.count > position)) return result('audit_checkpoint_ahead', { seq: position + 1 });

  const ok = result(null);
  if (opts.checkpoint && trail.checkpointFile) {
    const cp = await appendCheckpoint(trail, 'verify', true);
    if (cp) return { ...ok, checkpoints: ok.checkpoints + 1, lastCheckpointAt: cp.at };
  }
  return ok;
};
