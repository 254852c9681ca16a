/**
 * The provincial sampling check's draw (method sha256-v1, `samplingMethod` in @ohp/contracts), in plain
 * code so that anyone can replay a recorded draw from the seed and the frozen population:
 *
 *   natural key = unified social credit code, or `org:<organisation id>` when it has none
 *   draw key    = hex SHA-256 of the UTF-8 text `<seed>|<natural key>`
 *   per city (the first four digits of the employer's region): ordered by draw key, ties by natural key
 *   (bytewise), the first N drawn
 *
 * The population digest is the SHA-256 of the natural keys sorted bytewise and joined by newlines.
 */
import { createHash, randomBytes } from 'node:crypto';

export const DRAW_METHOD = 'sha256-v1';

/** A member of the frozen population: [employer id, city code, natural key]. */
export type Member = [number, string, string];

export type DrawnUnit = {
  employerId: number;
  cityCode: string;
  naturalKey: string;
  drawKey: string;
  rank: number;
};

export const naturalKeyOf = (id: number, creditCode: string | null): string => creditCode ?? `org:${id}`;

export const drawKey = (seed: string, natural: string): string =>
  createHash('sha256').update(`${seed}|${natural}`, 'utf8').digest('hex');

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

export const newSeed = (): string => randomBytes(12).toString('base64url');

export const populationDigest = (members: readonly Member[]): string =>
  createHash('sha256')
    .update(
      members
        .map((m) => m[2])
        .sort(byteOrder)
        .join('\n'),
      'utf8',
    )
    .digest('hex');

/** The first `perCity` members of each city by draw key; independent of the members' order. */
export const drawUnits = (members: readonly Member[], seed: string, perCity: number): DrawnUnit[] => {
  const byCity = new Map<string, DrawnUnit[]>();
  for (const [employerId, cityCode, naturalKey] of members) {
    const list = byCity.get(cityCode) ?? [];
    list.push({ employerId, cityCode, naturalKey, drawKey: drawKey(seed, naturalKey), rank: 0 });
    byCity.set(cityCode, list);
  }
  const out: DrawnUnit[] = [];
  for (const list of byCity.values()) {
    list.sort((a, b) => byteOrder(a.drawKey, b.drawKey) || byteOrder(a.naturalKey, b.naturalKey));
    list.slice(0, perCity).forEach((u, i) => out.push({ ...u, rank: i + 1 }));
  }
  return out.sort((a, b) => a.cityCode.localeCompare(b.cityCode) || a.rank - b.rank);
};

// ---- 双随机抽查: the weighted draw (method sha256-weighted-v1, `inspectionDrawMethod` in @ohp/contracts) ---
//
//   natural key = as above
//   u           = (the first 13 hex digits of drawKey(seed, natural key) as an integer + 0.5) ÷ 16^13,
//                 in (0, 1)
//   score       = ln(u) ÷ weight (≤ 0; weight = the list's multiplier)
//   ordered by score, highest first, ties by natural key (bytewise); the first N drawn
//
// Taking the N highest u^(1/weight) — the same order — is Efraimidis and Spirakis's weighted random
// sampling without replacement (Information Processing Letters 97(5), 2006): one draw at a time, each
// employer is chosen with probability proportional to its weight among those not yet chosen.

export const WEIGHTED_DRAW_METHOD = 'sha256-weighted-v1';

/** A member of the frozen population: [employer id, region code, natural key, list]. */
export type WeightedMember = [number, string, string, 'white' | 'black' | 'none'];
export type Weights = { white: number; black: number; none: number };

export type WeightedUnit = {
  employerId: number;
  regionCode: string;
  naturalKey: string;
  list: WeightedMember[3];
  weight: number;
  score: number;
  rank: number;
};

/** The uniform number in (0, 1) of a natural key under a seed. */
export const uniformOf = (seed: string, natural: string): number =>
  (parseInt(drawKey(seed, natural).slice(0, 13), 16) + 0.5) / 16 ** 13;

/** The digest of a weighted population: its "natural key|list" lines, sorted bytewise. */
export const weightedPopulationDigest = (members: readonly WeightedMember[]): string =>
  createHash('sha256')
    .update(
      members
        .map((m) => `${m[2]}|${m[3]}`)
        .sort(byteOrder)
        .join('\n'),
      'utf8',
    )
    .digest('hex');

/** The first `n` members by weighted score; independent of the members' order. */
export const drawWeighted = (
  members: readonly WeightedMember[],
  seed: string,
  n: number,
  weights: Weights,
): WeightedUnit[] => {
  const scored = members.map(([employerId, regionCode, naturalKey, list]) => {
    const weight = weights[list];
    return {
      employerId,
      regionCode,
      naturalKey,
      list,
      weight,
      score: Math.log(uniformOf(seed, naturalKey)) / weight,
      rank: 0,
    };
  });
  scored.sort((a, b) => b.score - a.score || byteOrder(a.naturalKey, b.naturalKey));
  return scored.slice(0, n).map((u, i) => ({ ...u, rank: i + 1 }));
};
