/** Error reasons of 用人单位库 (employer base database) and self-registration, in zh-CN and en; merged into reasonMessages (messages.ts). */
export const employerMessages: Record<string, { 'zh-CN': string; en: string }> = {
  employer_status_unknown: { 'zh-CN': '状态不在可选范围内', en: 'Unknown status' },
  employer_status_reason_required: {
    'zh-CN': '标记为不适用、停产停业或迁出时必须填写原因',
    en: 'Give a reason when marking an employer not applicable, closed or relocated',
  },
  employer_status_reason_too_long: {
    'zh-CN': '原因不能超过 500 字',
    en: 'The reason must be at most 500 characters',
  },
  employer_status_date_invalid: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'The date must be YYYY-MM-DD' },
  employer_reason_blank: {
    'zh-CN': '请填写修改原因，它会保存在版本记录中',
    en: 'Give the reason for the correction; it is kept with the version',
  },
  employer_no_change: { 'zh-CN': '没有修改任何内容', en: 'Nothing was changed' },
  economic_type_unknown: {
    'zh-CN': '经济类型代码不在 GB/T 12402 代码表中',
    en: 'The economic type is not a GB/T 12402 code',
  },
  employer_region_not_county: {
    'zh-CN': '请选择到县（区）或乡镇（街道）',
    en: 'Choose a county (district) or a township (street)',
  },
  registration_duplicate_pending: {
    'zh-CN': '该统一社会信用代码已有一份待审核的注册申请，请用查询码查看进度，勿重复提交',
    en: 'A registration for this credit code is already waiting for review; check it with its lookup code instead of applying again',
  },
  registration_username_taken: {
    'zh-CN': '该登录账号已被使用，请换一个',
    en: 'This username is taken; choose another',
  },
  registration_not_pending: {
    'zh-CN': '该注册申请已审核，不能再次审核',
    en: 'This registration has already been reviewed',
  },
  registration_opinion_required: {
    'zh-CN': '退回时必须填写意见，申请人会看到它',
    en: 'Give an opinion when returning a registration; the applicant sees it',
  },
  registration_lookup_unknown: {
    'zh-CN': '查询码不存在，请核对后重试',
    en: 'No registration has this lookup code; check it and try again',
  },
  registration_credit_code_other_kind: {
    'zh-CN': '该统一社会信用代码已登记为其他类型的单位（非用人单位），请联系卫生健康部门',
    en: 'This credit code belongs to an organisation that is not an employer; contact the health commission',
  },
};
