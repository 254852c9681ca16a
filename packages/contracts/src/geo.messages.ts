/** Error reasons of 地图边界 (geo), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const geoMessages: Record<string, { 'zh-CN': string; en: string }> = {
  geo_boundary_missing: {
    'zh-CN': '未安装该地区的下级行政区边界文件，驾驶舱以方块图代替地图显示',
    en: 'No boundary file is installed for the sub-regions of this region; the dashboard shows a tile grid instead of a map',
  },
  geo_boundary_invalid: {
    'zh-CN': '该地区的边界文件不是有效的 GeoJSON 要素集合（FeatureCollection），请联系系统管理员',
    en: 'The boundary file of this region is not a valid GeoJSON FeatureCollection; ask the system administrator',
  },
};
