/** Error reasons of 整改台账 (rectification ledger), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const rectificationMessages: Record<string, { 'zh-CN': string; en: string }> = {
  rectification_supervisor_only: {
    'zh-CN': '整改问题由质控中心或卫生健康（疾控）监管部门登记、核验和销号',
    en: 'Rectification items are raised, verified and closed by the QC centre or a regulator',
  },
  rectification_not_own: {
    'zh-CN': '只能对本机构的整改问题提交整改材料',
    en: 'Only the institution that owns the item can answer it',
  },
  rectification_regulator_only: {
    'zh-CN': '拒不整改或整改不到位由卫生健康（疾控）监管部门认定（吉卫规〔2024〕2号 六）',
    en: 'Only a regulator marks an institution as refusing or failing to rectify',
  },
  rectification_not_open: {
    'zh-CN': '该问题不在整改中：已提交待核验或已销号',
    en: 'The item is not open: it is awaiting verification or closed',
  },
  rectification_not_submitted: {
    'zh-CN': '机构尚未提交整改材料，不能核验',
    en: 'The institution has not submitted its answer: nothing to verify',
  },
  rectification_not_closed: {
    'zh-CN': '只有已销号的问题才能重新打开或开展回头看',
    en: 'Only a closed item can be reopened or re-checked',
  },
  rectification_evidence_required: {
    'zh-CN': '请先上传整改佐证材料（PDF、JPG 或 PNG）再提交',
    en: 'Upload evidence (PDF, JPG or PNG) before submitting',
  },
  rectification_due_past: {
    'zh-CN': '整改期限不能早于今天',
    en: 'The due date cannot be before today',
  },
  rectification_date_future: {
    'zh-CN': '日期不能晚于今天',
    en: 'The date cannot be after today',
  },
  rectification_follow_up_before_close: {
    'zh-CN': '回头看日期不能早于销号日期',
    en: 'A follow-up re-check cannot be before the item was closed',
  },
  rectification_institution_unknown: {
    'zh-CN': '不是辖区内的服务机构（体检、诊断、技术服务机构或康复站）',
    en: 'Not a service institution (exam, diagnosis, technical-service, rehabilitation) in your area',
  },
  rectification_item_not_institution: {
    'zh-CN': '该整改问题不属于所认定的机构',
    en: 'The item does not belong to the institution being marked',
  },
  rectification_already_marked: {
    'zh-CN': '该机构已被认定拒不整改或整改不到位，请先解除原认定',
    en: 'The institution is already marked: lift the standing mark first',
  },
  rectification_mark_lifted: {
    'zh-CN': '该认定已解除',
    en: 'The mark has already been lifted',
  },
  rectification_lift_before_mark: {
    'zh-CN': '解除日期不能早于认定日期',
    en: 'The mark cannot be lifted before it was made',
  },
  rectification_period_reversed: {
    'zh-CN': '统计期间的开始日期不能晚于结束日期',
    en: 'The period starts after it ends',
  },
  pairing_same_institution: {
    'zh-CN': '支援机构和受援机构不能是同一机构',
    en: 'The lead and the assisted institution must differ',
  },
  pairing_kind_mismatch: {
    'zh-CN': '受援机构类型与帮扶类别不符（诊断机构 / 体检机构 / 尘肺病康复站）',
    en: 'The assisted institution is not of the pairing’s kind (diagnosis / exam / rehabilitation)',
  },
  pairing_lead_unknown: {
    'zh-CN': '支援机构须为本省的医疗卫生机构',
    en: 'The lead institution must be a health institution of the province',
  },
  pairing_period_reversed: {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'The end date cannot be before the start date',
  },
  pairing_activity_outside: {
    'zh-CN': '帮扶活动日期须在帮扶期间内且不晚于今天',
    en: 'The activity date must be within the pairing’s period and not after today',
  },
  pairing_report_year: {
    'zh-CN': '报告年度须在帮扶期间内且不晚于本年度',
    en: 'The report year must fall within the pairing’s period and not after this year',
  },
};
