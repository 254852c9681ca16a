/** Error reasons of 信息公开 (public lists), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const publicListMessages: Record<string, { 'zh-CN': string; en: string }> = {
  public_list_province_only: {
    'zh-CN':
      '公开名单由省级卫生健康委员会发布（《职业健康检查管理办法》第四条；吉卫规〔2024〕2号 一(三)、六），市、县卫生健康部门不能预览、发布或撤回',
    en: 'Public lists are published by the provincial health commission; a city or county department cannot preview, publish or withdraw them',
  },
  public_list_withdrawn: {
    'zh-CN': '该公开名单已撤回',
    en: 'This publication has already been withdrawn',
  },
  public_list_empty: {
    'zh-CN': '当前没有符合条件的机构，名单为空，无需发布',
    en: 'No institution is on the list now: there is nothing to publish',
  },
  public_list_unavailable: {
    'zh-CN': '该名单的数据来源模块尚未启用，暂不能预览或发布',
    en: 'The module that holds this list’s facts is not available yet: it cannot be previewed or published',
  },
  public_list_date_future: {
    'zh-CN': '公布日期不能晚于今天',
    en: 'The publication date cannot be later than today',
  },
  public_list_date_range: {
    'zh-CN': '公布日期须在 2000 年至今之间',
    en: 'The publication date must lie between 2000 and today',
  },
  public_list_reason_blank: {
    'zh-CN': '请填写撤回原因',
    en: 'Give the reason for withdrawing',
  },
  public_list_not_published: {
    'zh-CN': '该省尚未公布此类名单，或所选的公布期次不存在、已撤回',
    en: 'This province has not published this list, or the chosen publication does not exist or was withdrawn',
  },
};
