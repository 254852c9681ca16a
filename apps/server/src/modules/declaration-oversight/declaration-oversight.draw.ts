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
