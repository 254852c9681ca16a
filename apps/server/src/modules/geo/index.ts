/**
 * 地图边界 (geo, issue 18 item 3): the operator-installed boundaries the dashboard's map draws
 * (OHP_GEOJSON_DIR/<regionCode>.json). No table, no audit (a read of public geography).
 */
export { registerGeoRoutes } from './geo.routes.js';
