/**
 * Personal-data crypto: AES-256-GCM for storage, HMAC-SHA-256 for matching, masking for display.
 *
 * Keys live outside the database, as a keyring of numbered 32-byte root keys (docs/SECURITY.md, Key
 * rotation): `OHP_DATA_KEYS` (`1:<base64>,2:<base64>`) and/or `OHP_DATA_KEY` (key 1), or else the key
 * files of the data directory — `data-key` (key 1, created on first start) and `data-key.<n>` for
 * every later key (`npm run cli -- keys new`). Every ciphertext names the key it was written with,
 * `v<key id>.<iv|tag|body base64url>` (the original `v1.` ciphertexts are key 1's); new data is always
 * written with the newest key, any key of the ring is read, and `npm run cli -- keys rotate` moves the
 * stored ciphertexts to the newest key.
 *
 * The matching key (keyed hashes) and the audit key (audit.ts auditKeyFrom) are derived from the
 * ring's root, key 1, and stay the same through a rotation: the audit chain is
 * verified with one key from its first keyed row to its head, and the stored cards' content hashes
 * cannot be recomputed (the card is stored without the personal fields they cover). So the root key
 * stays in the ring after a rotation (it encrypts nothing any more).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Crypto = {
  /** Encrypts with the ring's newest key (the ciphertext names it). */
  encrypt: (plain: string) => string;
  /** Decrypts with the key the ciphertext names; throws when the ring lacks it or the text was changed. */
  decrypt: (token: string) => string;
  /** Keyed hash for equality matching without storing the plain value (the root's matching key). */
  keyedHash: (value: string) => string;
  /** The key id a ciphertext names (null: not a ciphertext of this format). */
  keyIdOf: (token: string) => number | null;
  /** The id of the key new data is written with. */
  activeKeyId: number;
  /** The ids of the ring, ascending. */
  keyIds: readonly number[];
};

/** Numbered keys; the highest encrypts, key 1 (the root) keys the matching and audit hashes. */
export type Keyring = ReadonlyMap<number, Buffer>;

const KEY_BYTES = 32;
/** The key file of key 1 (created on first start), and of key n ≥ 2. */
export const KEY_FILE = 'data-key';
export const keyFileOf = (id: number): string => (id === 1 ? KEY_FILE : `${KEY_FILE}.${id}`);
const KEY_FILE_PATTERN = /^data-key(?:\.([1-9]\d{0,2}))?$/;
const CIPHERTEXT = /^v([1-9]\d{0,2})\./;

const decodeKey = (b64: string, where: string): Buffer => {
  const key = Buffer.from(b64.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${where} must be 32 bytes, base64-encoded`);
  return key;
};

/** `1:<base64>,2:<base64>` (OHP_DATA_KEYS) as a ring. */
export const parseKeyList = (list: string): Map<number, Buffer> => {
  const ring = new Map<number, Buffer>();
  for (const entry of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([1-9]\d{0,2}):(.+)$/.exec(entry);
    if (!m) throw new Error('OHP_DATA_KEYS entries must be "<key id 1-999>:<base64 key>", comma-separated');
    const id = Number(m[1]);
    if (ring.has(id)) throw new Error(`OHP_DATA_KEYS names key ${id} twice`);
    ring.set(id, decodeKey(m[2]!, `OHP_DATA_KEYS key ${id}`));
  }
  return ring;
};

/** The key files of a data directory as a ring (empty when there are none). */
export const readKeyFiles = (dataDir: string): Map<number, Buffer> => {
  const ring = new Map<number, Buffer>();
  if (!existsSync(dataDir)) return ring;
  for (const name of readdirSync(dataDir)) {
    const m = KEY_FILE_PATTERN.exec(name);
    if (!m) continue;
    const id = m[1] ? Number(m[1]) : 1;
    if (id === 1 && m[1]) throw new Error(`${name}: key 1 lives in ${KEY_FILE}`);
    ring.set(id, decodeKey(readFileSync(join(dataDir, name), 'utf8'), name));
  }
  return ring;
};

/**
 * The keyring: from the environment when OHP_DATA_KEYS or OHP_DATA_KEY is set (OHP_DATA_KEY is key 1;
 * naming key 1 in both with different keys is refused), else from the data directory's key files —
 * creating `data-key` (key 1) on first start.
 */
export const loadKeyring = (
  env: { dataKey: string | null; dataKeys?: string | null },
  dataDir: string,
): Keyring => {
  if (env.dataKeys || env.dataKey) {
    const ring = env.dataKeys ? parseKeyList(env.dataKeys) : new Map<number, Buffer>();
    if (env.dataKey) {
      const one = decodeKey(env.dataKey, 'OHP_DATA_KEY');
      const listed = ring.get(1);
      if (listed && !listed.equals(one)) throw new Error('OHP_DATA_KEY and key 1 of OHP_DATA_KEYS differ');
      ring.set(1, one);
    }
    return ring;
  }
  const ring = readKeyFiles(dataDir);
  if (ring.size) return ring;
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(join(dataDir, KEY_FILE), key.toString('base64'), { mode: 0o600 });
  return new Map([[1, key]]);
};

/** Key 1 alone (the original single key); kept for callers that hold one key. */
export const loadOrCreateKey = (dataKey: string | null, dataDir: string): Buffer =>
  rootKeyOf(loadKeyring({ dataKey }, dataDir));

/**
 * The ring's root, key 1: the matching key and the audit key are derived from it, so it stays in the
 * ring for good (a ring without it is refused).
 */
export const rootKeyOf = (ring: Keyring): Buffer => {
  const root = ring.get(1);
  if (!root)
    throw new Error(
      'the keyring has no key 1: keep the original key (OHP_DATA_KEY or data-key) in it — the matching and audit keys derive from it',
    );
  return root;
};

/**
 * A new key file for the next key id (one more than the highest in the directory), written 0600 and
 * never over an existing file. Returns its id and path. The server and the CLI read it at their next
 * start; from then on new data is written with it.
 */
export const createNextKeyFile = (dataDir: string): { id: number; file: string } => {
  const ring = readKeyFiles(dataDir);
  if (!ring.size) throw new Error(`no ${KEY_FILE} in ${dataDir}: the first key is created at first start`);
  const id = Math.max(...ring.keys()) + 1;
  const file = join(dataDir, keyFileOf(id));
  writeFileSync(file, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
  return { id, file };
};

/** A fresh key as base64, for an OHP_DATA_KEYS entry. */
export const newKeyBase64 = (): string => randomBytes(KEY_BYTES).toString('base64');

export const createCrypto = (keys: Buffer | Keyring): Crypto => {
  const ring: Keyring = Buffer.isBuffer(keys) ? new Map([[1, keys]]) : keys;
  const keyIds = [...ring.keys()].sort((a, b) => a - b);
  const activeKeyId = keyIds.at(-1)!;
  // The same derivation for every key of the ring; only the root's matching key is used.
  const encKeys = new Map(
    keyIds.map((id) => [id, createHmac('sha256', ring.get(id)!).update('ohp:enc:v1').digest()]),
  );
  const macKey = createHmac('sha256', rootKeyOf(ring)).update('ohp:mac:v1').digest();
  const activeKey = encKeys.get(activeKeyId)!;
  const prefix = `v${activeKeyId}.`;
  const keyIdOf = (token: string): number | null => {
    const m = CIPHERTEXT.exec(token);
    return m ? Number(m[1]) : null;
  };
  return {
    encrypt: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', activeKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${prefix}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt: (token) => {
      const id = keyIdOf(token);
      if (id === null) throw new Error('unknown ciphertext version');
      const key = encKeys.get(id);
      if (!key) throw new Error(`ciphertext of key ${id}, which the keyring does not hold`);
      const raw = Buffer.from(token.slice(token.indexOf('.') + 1), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    keyedHash: (value) => createHmac('sha256', macKey).update(value).digest('hex'),
    keyIdOf,
    activeKeyId,
    keyIds,
  };
};

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string | null): string | null =>
  phone && phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;

/** zhang.san@example.com → z***@example.com */
export const maskEmail = (email: string | null): string | null => {
  if (!email) return email;
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email.slice(0, 1)}***${email.slice(at)}` : '***';
};

/** 220102199001011234 → 220102********1234 (region kept, birth date and sequence hidden) */
export const maskIdNumber = (id: string | null): string | null =>
  id && id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id && '****';
