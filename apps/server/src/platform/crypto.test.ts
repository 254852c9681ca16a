/**
 * The personal-data keyring (docs/SECURITY.md, Key rotation): ciphertexts name their key, the original
 * `v1.` ciphertexts are key 1's, new data is written with the newest key, the matching key stays key
 * 1's, and the ring comes from OHP_DATA_KEYS / OHP_DATA_KEY or the data directory's key files.
 */
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditKeyFrom } from './audit.js';
import {
  createCrypto,
  createNextKeyFile,
  loadKeyring,
  loadOrCreateKey,
  parseKeyList,
  rootKeyOf,
} from './crypto.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const b64 = (b: Buffer) => b.toString('base64');

/** A ciphertext exactly as the single-key crypto wrote it before the keyring (`v1.` + iv|tag|body). */
const legacyCiphertext = (key: Buffer, plain: string): string => {
  const encKey = createHmac('sha256', key).update('ohp:enc:v1').digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
};

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ohp-keys-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the keyring', () => {
  it('reads the original v1 ciphertexts as key 1 and writes new data with the newest key', () => {
    const legacy = legacyCiphertext(k1, '220102198503151237');
    const ring = createCrypto(
      new Map([
        [1, k1],
        [2, k2],
      ]),
    );
    expect(ring.decrypt(legacy)).toBe('220102198503151237');
    expect(ring.activeKeyId).toBe(2);
    expect(ring.keyIds).toEqual([1, 2]);
    const fresh = ring.encrypt('李建国');
    expect(fresh.startsWith('v2.')).toBe(true);
    expect(ring.keyIdOf(fresh)).toBe(2);
    expect(ring.keyIdOf(legacy)).toBe(1);
    expect(ring.decrypt(fresh)).toBe('李建国');
    // A single key (a Buffer, as before the keyring) is key 1 and writes v1.
    const single = createCrypto(k1);
    expect(single.encrypt('x').startsWith('v1.')).toBe(true);
    expect(single.decrypt(legacy)).toBe('220102198503151237');
    // A ring without key 2 cannot read key 2's ciphertexts, and says which key is missing.
    expect(() => single.decrypt(fresh)).toThrow(/key 2/);
  });

  it('keeps the matching key and the audit key of key 1 whatever the newest key', () => {
    const one = createCrypto(k1);
    const both = createCrypto(
      new Map([
        [1, k1],
        [2, k2],
      ]),
    );
    expect(both.keyedHash('01:220102198503151237')).toBe(one.keyedHash('01:220102198503151237'));
    expect(createCrypto(k2).keyedHash('x')).not.toBe(one.keyedHash('x'));
    const ring = new Map([
      [1, k1],
      [2, k2],
    ]);
    expect(auditKeyFrom(rootKeyOf(ring), null).equals(auditKeyFrom(k1, null))).toBe(true);
  });

  it('detects a ciphertext moved to another key id or changed', () => {
    const ring = createCrypto(
      new Map([
        [1, k1],
        [2, k2],
      ]),
    );
    const a = ring.encrypt('13800001234');
    expect(() => ring.decrypt(`v1.${a.slice(3)}`)).toThrow();
    expect(() => ring.decrypt(`${a.slice(0, -2)}${a.endsWith('A') ? 'BB' : 'AA'}`)).toThrow();
    expect(() => ring.decrypt('plain text')).toThrow(/unknown ciphertext/);
  });

  it('refuses a ring without key 1 (the root of the matching and audit keys)', () => {
    expect(() => createCrypto(new Map([[2, k2]]))).toThrow(/key 1/);
  });
});

describe('loading the keyring', () => {
  it('parses OHP_DATA_KEYS and takes OHP_DATA_KEY as key 1', () => {
    const ring = loadKeyring({ dataKey: b64(k1), dataKeys: `2:${b64(k2)}` }, tempDir());
    expect([...ring.keys()].sort()).toEqual([1, 2]);
    expect(ring.get(1)!.equals(k1)).toBe(true);
    expect(parseKeyList(` 1:${b64(k1)} , 2:${b64(k2)} `).size).toBe(2);
    expect(() => parseKeyList(`1:${b64(k1)},1:${b64(k2)}`)).toThrow(/twice/);
    expect(() => parseKeyList('x:abc')).toThrow(/key id/);
    expect(() => parseKeyList(`2:${b64(randomBytes(16))}`)).toThrow(/32 bytes/);
    expect(() => loadKeyring({ dataKey: b64(k1), dataKeys: `1:${b64(k2)}` }, tempDir())).toThrow(/differ/);
  });

  it('creates data-key on first start, reads it as key 1, and adds data-key.2 as the next key', () => {
    const dir = tempDir();
    const first = loadKeyring({ dataKey: null }, dir);
    expect([...first.keys()]).toEqual([1]);
    expect(existsSync(join(dir, 'data-key'))).toBe(true);
    expect(loadOrCreateKey(null, dir).equals(first.get(1)!)).toBe(true);
    const { id, file } = createNextKeyFile(dir);
    expect(id).toBe(2);
    expect(file).toBe(join(dir, 'data-key.2'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const ring = loadKeyring({ dataKey: null }, dir);
    expect([...ring.keys()].sort()).toEqual([1, 2]);
    expect(ring.get(1)!.equals(first.get(1)!)).toBe(true);
    expect(createCrypto(ring).activeKeyId).toBe(2);
    expect(createNextKeyFile(dir).id).toBe(3);
    // The environment wins over the files.
    expect([...loadKeyring({ dataKey: b64(k1) }, dir).keys()]).toEqual([1]);
    // A broken key file is an error, not a silently new key.
    writeFileSync(join(dir, 'data-key.4'), 'short');
    expect(() => loadKeyring({ dataKey: null }, dir)).toThrow(/data-key.4/);
    expect(readFileSync(join(dir, 'data-key'), 'utf8')).toBe(b64(first.get(1)!));
  });
});
