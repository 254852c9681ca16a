/**
 * 地图边界: reads `<regionCode>.json` from the configured directory (OHP_GEOJSON_DIR). The file is the
 * operator's (none ships with the platform: a published map needs its 审图号); it is checked to be a
 * GeoJSON FeatureCollection once per change (size and modification time), hashed for the ETag, and kept
 * in memory. No SQL, no scope: boundaries are public geography, the route only needs a signed-in user.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../platform/errors.js';

export type GeoFile = { body: Buffer; etag: string };

type Entry = { size: number; mtimeMs: number; file: GeoFile };

/** The codes a file may be named by (the route's schema checks the same; this keeps paths safe anyway). */
const CODE = /^(\d{2}|\d{4}|\d{6})$/;

const isFeatureCollection = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  (v as { type?: unknown }).type === 'FeatureCollection' &&
  Array.isArray((v as { features?: unknown }).features);

export const createGeoService = (dir: string | null) => {
  const cache = new Map<string, Entry>();
  return {
    /** The region's boundary file, or a 404 (geo_boundary_missing) when none is installed. */
    async boundaries(regionCode: string): Promise<GeoFile> {
      if (!dir || !CODE.test(regionCode)) throw new AppError('not_found', 'geo_boundary_missing');
      const path = join(dir, `${regionCode}.json`);
      const st = await stat(path).catch(() => null);
      if (!st?.isFile()) {
        cache.delete(regionCode);
        throw new AppError('not_found', 'geo_boundary_missing');
      }
      const hit = cache.get(regionCode);
      if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.file;
      const body = await readFile(path);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        parsed = null;
      }
      if (!isFeatureCollection(parsed)) throw new AppError('unprocessable', 'geo_boundary_invalid');
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const file = { body, etag };
      cache.set(regionCode, { size: st.size, mtimeMs: st.mtimeMs, file });
      return file;
    },
  };
};
export type GeoService = ReturnType<typeof createGeoService>;
