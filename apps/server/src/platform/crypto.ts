/**
 * Personal-data crypto: AES-256-GCM for storage, HMAC-SHA-256 for matching, masking for display.
 * The key lives outside the database: OHP_DATA_KEY (base64, 32 bytes) or a key file in the data
 * directory created on first start.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Crypto = {
  encrypt: (plain: string) => string;
  decrypt: (token: string) => string;
  /** Keyed hash for equality matching without storing the plain value. */
  keyedHash: (value: string) => string;
};

export const loadOrCreateKey = (dataKey: string | null, dataDir: string): Buffer => {
  if (dataKey) {
    const key = Buffer.from(dataKey, 'base64');
    if (key.length !== 32) throw new Error('OHP_DATA_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  const file = join(dataDir, 'data-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
};

export const createCrypto = (key: Buffer): Crypto => {
  const encKey = createHmac('sha256', key).update('ohp:enc:v1').digest();
  const macKey = createHmac('sha256', key).update('ohp:mac:v1').digest();
  return {
    encrypt: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt: (token) => {
      if (!token.startsWith('v1.')) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(token.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    keyedHash: (value) => createHmac('sha256', macKey).update(value).digest('hex'),
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
