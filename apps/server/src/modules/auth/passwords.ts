/** argon2id hashing (OWASP parameters: m=19 MiB, t=2, p=1). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (pw: string): Promise<string> => hash(pw, OPTIONS);

export const verifyPassword = async (hashed: string, pw: string): Promise<boolean> => {
  try {
    return await verify(hashed, pw);
  } catch {
    return false;
  }
};

/** A real hash to verify against when the username is unknown, so both paths take the same time. */
let dummy: Promise<string> | null = null;
export const dummyVerify = async (pw: string): Promise<void> => {
  dummy ??= hashPassword('unused-dummy-password');
  await verifyPassword(await dummy, pw);
};
