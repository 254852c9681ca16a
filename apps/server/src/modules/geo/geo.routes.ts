/** HTTP wiring of 地图边界: GET /api/v1/geo/:regionCode, with ETag and a private cache lifetime. */
import { GeoRegionParams } from '@ohp/contracts';
import type { AppInstance, Deps } from '../../platform/http/types.js';
import { createGeoService } from './geo.service.js';

const tags = ['geo'];

/** Boundaries change only when the operator installs new files: an hour, then revalidated by ETag. */
const CACHE_CONTROL = 'private, max-age=3600';

const etagMatches = (header: string | undefined, etag: string): boolean =>
  !!header &&
  header
    .split(',')
    .map((s) => s.trim().replace(/^W\//, ''))
    .some((s) => s === etag || s === '*');

export const registerGeoRoutes = (app: AppInstance, deps: Deps) => {
  const geo = createGeoService(deps.config.geojsonDir);
  app.get('/api/v1/geo/:regionCode', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary:
        '地图边界 Boundaries of a region’s sub-regions: the GeoJSON FeatureCollection installed in OHP_GEOJSON_DIR (features keyed by properties.adcode or properties.code), with ETag; 404 geo_boundary_missing when none is installed',
      params: GeoRegionParams,
    },
    handler: async (req, reply) => {
      const file = await geo.boundaries(req.params.regionCode);
      reply.header('etag', file.etag).header('cache-control', CACHE_CONTROL);
      if (etagMatches(req.headers['if-none-match'], file.etag)) return reply.code(304).send();
      // A Buffer is sent as it is (not re-serialised): the file was checked when it was read.
      return reply.type('application/geo+json; charset=utf-8').send(file.body);
    },
  });
};
