import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { createGeoService } from './geo.service.js';

/** A hand-made two-feature collection (two squares, not a real boundary), keyed as DataV files are. */
const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
});
const fixture = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { adcode: 220100, name: '长春市' }, geometry: square(125, 43) },
    { type: 'Feature', properties: { code: '2202', name: '吉林市' }, geometry: square(126, 43) },
  ],
};

let t: TestContext;
let c: Client;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ohp-geo-'));
  writeFileSync(join(dir, '22.json'), JSON.stringify(fixture));
  writeFileSync(join(dir, '2201.json'), '{"type":"Feature"');
  t = await createTestContext({ seed: true, env: { OHP_GEOJSON_DIR: dir } });
  c = await t.login('demo-county');
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('geo boundaries', () => {
  it('serves an installed file as GeoJSON with an ETag and a private cache lifetime', async () => {
    const res = await c.get('/api/v1/geo/22');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.raw.headers['cache-control']).toBe('private, max-age=3600');
    const etag = res.raw.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body = res.body as unknown as typeof fixture;
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f) => f.properties)).toEqual([
      { adcode: 220100, name: '长春市' },
      { code: '2202', name: '吉林市' },
    ]);
    // Revalidation: the same ETag answers 304 without a body; another one the file again.
    const again = await c.get('/api/v1/geo/22', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.raw.body).toBe('');
    expect((await c.get('/api/v1/geo/22', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers a new ETag when the operator replaces the file', async () => {
    const before = (await c.get('/api/v1/geo/22')).raw.headers.etag;
    const changed = { ...fixture, features: fixture.features.slice(0, 1) };
    writeFileSync(join(dir, '22.json'), JSON.stringify(changed));
    utimesSync(join(dir, '22.json'), new Date(), new Date(Date.now() + 5000));
    const res = await c.get('/api/v1/geo/22');
    expect(res.raw.headers.etag).not.toBe(before);
    expect((res.body as unknown as typeof fixture).features).toHaveLength(1);
    writeFileSync(join(dir, '22.json'), JSON.stringify(fixture));
  });

  it('answers 404 with a clear reason in Chinese and English when no boundary is installed', async () => {
    const zh = await c.get('/api/v1/geo/2202');
    expect(zh.status).toBe(404);
    expect(zh.body.error).toMatchObject({ code: 'not_found', reason: 'geo_boundary_missing' });
    expect((zh.body.error as { message: string }).message).toContain('方块图');
    const en = await c.get('/api/v1/geo/2202', { 'accept-language': 'en' });
    expect((en.body.error as { message: string }).message).toContain('tile grid');
  });

  it('refuses a malformed code (400) and a file that is not a FeatureCollection (422), never a 5xx', async () => {
    for (const bad of ['2', '22x', '..%2F22', '2201011', '%2Fetc%2Fpasswd'])
      expect((await c.get(`/api/v1/geo/${bad}`)).status).toBe(400);
    const broken = await c.get('/api/v1/geo/2201');
    expect(broken.status).toBe(422);
    expect(broken.body.error).toMatchObject({ reason: 'geo_boundary_invalid' });
  });

  it('needs a signed-in user', async () => {
    expect((await t.anonymous().get('/api/v1/geo/22')).status).toBe(401);
  });

  it('without a directory configured, every region has no boundary', async () => {
    await expect(createGeoService(null).boundaries('22')).rejects.toMatchObject({
      code: 'not_found',
      reason: 'geo_boundary_missing',
    });
  });
});
