/**
 * The draw (method sha256-v1, `sampleMethod` in @ohp/contracts) as plain code: what the repository's SQL
 * does, written so that anyone can replay a recorded sample from the seed and a list of cards, without
 * the database. A test holds the SQL to this.
 *
 *   institution key = unified social credit code, or `org:<organisation id>` when it has none
 *   natural key     = `<institution key>|<record ID>`            (the card's natural key)
 *   draw key        = hex SHA-256 of the UTF-8 text `<seed>|<natural key>`
 *   per institution: candidates ordered by draw key, ties by natural key (bytewise), the first N drawn
 *
 * The seed is letters, digits, `-` and `_` only, and the institution key holds no `|`, so the text
 * hashed names one (seed, card) pair. Nothing here depends on the order the cards arrive in.
 */
import { createHash, randomBytes } from 'node:crypto';

export const DRAW_METHOD = 'sha256-v1';

export type Candidate = {
  cardId: number;
  institutionId: number;
  /** The institution's credit code, or null. */
  institutionCode: string | null;
  recordId: string;
};

export type Drawn = Candidate & { rank: number; drawKey: string; naturalKey: string };

export const institutionKey = (institutionId: number, creditCode: string | null): string =>
  creditCode ?? `org:${institutionId}`;

export const naturalKey = (c: Candidate): string =>
  `${institutionKey(c.institutionId, c.institutionCode)}|${c.recordId}`;

export const drawKey = (seed: string, natural: string): string =>
  createHash('sha256').update(`${seed}|${natural}`, 'utf8').digest('hex');

/** Bytewise UTF-8 order (PostgreSQL's COLLATE "C"), not the locale's. */
export const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A new seed: 96 random bits as 16 base64url characters. */
export const newSeed = (): string => randomBytes(12).toString('base64url');

/** SHA-256 (hex) over the natural keys, sorted bytewise, joined by newlines: the candidate set's digest. */
export const candidateDigest = (candidates: readonly Candidate[]): string =>
  createHash('sha256').update(candidates.map(naturalKey).sort(byteOrder).join('\n'), 'utf8').digest('hex');

/** The first `perInstitution` candidates of each institution by draw key. */
export const drawSample = (
  candidates: readonly Candidate[],
  seed: string,
  perInstitution: number,
): Drawn[] => {
  const byInstitution = new Map<number, Drawn[]>();
  for (const c of candidates) {
    const nk = naturalKey(c);
    const list = byInstitution.get(c.institutionId) ?? [];
    list.push({ ...c, naturalKey: nk, drawKey: drawKey(seed, nk), rank: 0 });
    byInstitution.set(c.institutionId, list);
  }
  const out: Drawn[] = [];
  for (const list of byInstitution.values()) {
    list.sort((a, b) => byteOrder(a.drawKey, b.drawKey) || byteOrder(a.naturalKey, b.naturalKey));
    list.slice(0, perInstitution).forEach((d, i) => out.push({ ...d, rank: i + 1 }));
  }
  return out.sort((a, b) => a.institutionId - b.institutionId || a.rank - b.rank);
};
