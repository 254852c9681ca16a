/** Error reasons of 现场核查 (on-site verification), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const verificationMessages: Record<string, { 'zh-CN': string; en: string }> = {
  verification_province_only: {
    'zh-CN':
      '现场核查由机构所在省的质控中心（省职业病防治院）或省级卫生健康委组织（吉卫规〔2024〕2号 一(三)）',
    en: "On-site verification is done by the QC centre or the health commission of the institution's province",
  },
  verification_completed: {
    'zh-CN': '该现场核查已完成，不能再修改',
    en: 'The verification is completed and can no longer be changed',
  },
  verification_not_scheduled: {
    'zh-CN': '请先安排核查日期和核查人员',
    en: 'Schedule the date and the assessors first',
  },
  verification_incomplete: {
    'zh-CN': '还有核查项目或危害因素未登记结果，请全部登记后再完成核查',
    en: 'Some checklist items or hazard factors have no result yet: record them all before completing',
  },
  verification_item_unknown: {
    'zh-CN': '不是本核查表中的项目编号',
    en: 'Not an item of this checklist',
  },
  verification_factor_not_filed: {
    'zh-CN': '该危害因素不在本次备案的项目中',
    en: 'The hazard factor is not among the filed items',
  },
  verification_duplicate: {
    'zh-CN': '同一项目重复登记',
    en: 'The same item is given twice',
  },
  verification_note_required: {
    'zh-CN': '不符合或不具备能力时请填写核查说明',
    en: 'Give a note for an item that does not conform or a factor not capable',
  },
  verification_date_before_filing: {
    'zh-CN': '核查日期不能早于备案日期',
    en: 'The verification date cannot be before the filing date',
  },
};
