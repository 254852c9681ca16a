/**
 * Contracts of 地图边界 (geo): the boundaries of a region's sub-regions as a GeoJSON FeatureCollection,
 * served from the operator's directory (OHP_GEOJSON_DIR, `<regionCode>.json`). The platform ships no
 * boundary file (published maps need an approval number, 审图号); without one the dashboard draws a
 * tile-grid cartogram instead.
 */
import { Type, type Static } from 'typebox';

export const GeoRegionParams = Type.Object({
  regionCode: Type.String({
    pattern: '^(\\d{2}|\\d{4}|\\d{6})$',
    description: 'GB/T 2260 code of the parent region (00 = the whole country)',
    examples: ['22'],
  }),
});
export type GeoRegionParams = Static<typeof GeoRegionParams>;
