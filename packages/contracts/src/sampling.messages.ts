/** Error reasons of 个案卡抽查 (sampling), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const samplingMessages: Record<string, { 'zh-CN': string; en: string }> = {
  sample_period_reversed: {
    'zh-CN': '开始日期不能晚于结束日期',
    en: 'must not be after the end date',
  },
  sample_period_too_long: {
    'zh-CN': '抽样期间不能超过 3 年',
    en: 'the period may span at most 3 years',
  },
  sample_not_exam_institution: {
    'zh-CN': '不是本辖区内的职业健康检查机构',
    en: 'is not an exam institution',
  },
  sample_no_candidates: {
    'zh-CN': '所选期间和机构在您的辖区内没有可抽取的个案卡',
    en: 'No card in your area matches this period and these institutions',
  },
  sample_scope_region_only: {
    'zh-CN': '只有按行政区划管辖的监管单位或质控中心可以抽取个案卡',
    en: 'Only regulators and the QC centre, which oversee an area, can draw samples',
  },
  sample_not_yours: {
    'zh-CN': '只有抽样单位可以登记本次抽查的结果',
    en: 'Only the organisation that drew this sample records its checks',
  },
  sample_card_unknown: {
    'zh-CN': '该个案卡不在本次抽样中',
    en: 'is not a card of this sample',
  },
  sample_fields_required: {
    'zh-CN': '与纸质报告不一致时，请选择不一致的项目',
    en: 'name at least one field that differs from the paper report',
  },
  sample_fields_with_match: {
    'zh-CN': '与纸质报告一致时不应选择不一致的项目',
    en: 'must be empty when the card matches the paper report',
  },
};
