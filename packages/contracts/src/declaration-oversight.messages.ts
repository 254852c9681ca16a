/** Error reasons of 申报调度 (declaration rates, dispatch, sampling check, white/black lists), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const declarationOversightMessages: Record<string, { 'zh-CN': string; en: string }> = {
  declaration_sampling_province_only: {
    'zh-CN':
      '申报扩面抽查由省级卫生健康委员会组织（黑卫职健函〔2024〕68号 附件2 三(三)2），市、县卫生健康部门不能抽样或登记抽查结果',
    en: 'The declaration sampling check is the provincial health commission’s; a city or county department cannot draw it or record its results',
  },
  declaration_sampling_empty: {
    'zh-CN': '所选名单中没有用人单位，无法抽样。请先在用人单位库中确认风险类别和在管状态',
    en: 'The chosen list has no employers: nothing to draw. Confirm risk classes and programme status in the employer database first',
  },
  declaration_sampling_not_drawn: {
    'zh-CN': '该用人单位不在本次抽查的抽中名单中',
    en: 'This employer was not drawn in this sampling check',
  },
  declaration_sampling_accuracy_needed: {
    'zh-CN': '已申报的单位请逐项填写行业、规模、危害因素是否准确',
    en: 'For a declared employer, say whether its industry, size and hazard factors are accurate',
  },
  declaration_sampling_accuracy_not_applicable: {
    'zh-CN': '未申报的单位无需填写申报信息是否准确',
    en: 'An undeclared employer has no declaration to judge accurate or not',
  },
  employer_list_rule_not_met: {
    'zh-CN': '该用人单位当前不符合此名单的规则，不能确认列入；可先核对申报和抽查情况',
    en: 'The employer does not meet this list’s rules now, so it cannot be confirmed on it',
  },
  employer_list_reason_blank: {
    'zh-CN': '请填写确认或移出的理由',
    en: 'Give the reason for confirming or removing',
  },
  declaration_quarter_future: {
    'zh-CN': '所选季度尚未开始',
    en: 'The chosen quarter has not started yet',
  },
  inspection_draw_commission_only: {
    'zh-CN': '双随机抽查由卫生健康行政部门组织抽取，其他单位只能查看',
    en: 'Inspection draws are made by a health commission; other organisations can only read them',
  },
  inspection_draw_region_outside: {
    'zh-CN': '只能在本部门管辖的地区内抽取',
    en: 'Draw only within the region your department supervises',
  },
  inspection_draw_empty: {
    'zh-CN': '所选地区和风险类别中没有在管的用人单位，无法抽取。请调整地区或风险类别',
    en: 'No employer in the programme in the chosen region and risk classes: nothing to draw. Change the region or risk classes',
  },
};
