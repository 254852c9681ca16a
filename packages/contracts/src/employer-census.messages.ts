/** Error reasons of 用人单位数据库 (potential-employer database: lists, matching, follow-ups), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const employerCensusMessages: Record<string, { 'zh-CN': string; en: string }> = {
  census_not_regulator: {
    'zh-CN': '只有卫生健康、疾控部门及其技术支撑机构可以管理用人单位数据库',
    en: 'Only health commissions, disease-control bureaus and their support institutions manage the employer database',
  },
  census_name_too_short: {
    'zh-CN': '单位名称去掉地名和组织形式后不足两个字',
    en: 'The name is shorter than two characters once place and legal form are removed',
  },
  census_credit_code_invalid: {
    'zh-CN': '统一社会信用代码无效（应为18位，校验码须正确）',
    en: 'Invalid unified social credit code (18 characters with a correct check character)',
  },
  census_region_unknown: {
    'zh-CN': '所在地区无法识别，请填写区县或乡镇（街道）的名称或代码',
    en: 'Unknown region: give a county or township name or code',
  },
  census_region_ambiguous: {
    'zh-CN': '所在地区名称重名，请填写区划代码或带上上级区县名称',
    en: 'The region name is ambiguous: give its code or the county name in front',
  },
  census_region_out_of_scope: {
    'zh-CN': '所在地区不在本单位管辖范围内',
    en: 'The region is outside your jurisdiction',
  },
  census_industry_unknown: {
    'zh-CN': '行业代码不在《国民经济行业分类》（GB/T 4754-2017）中',
    en: 'Industry code not in GB/T 4754-2017',
  },
  census_staff_invalid: { 'zh-CN': '职工人数应为不小于0的整数', en: 'Staff must be a whole number ≥ 0' },
  census_phone_invalid: { 'zh-CN': '联系电话格式不正确', en: 'Invalid phone number' },
  census_entry_conflict: {
    'zh-CN': '数据库中同名单位的统一社会信用代码与本行不同，请核实',
    en: 'An entry of the same name has another credit code: check the row',
  },
  census_entry_already_matched: { 'zh-CN': '该单位已匹配，无需复核', en: 'The entry is already matched' },
  census_not_a_candidate: {
    'zh-CN': '所选单位不是该条目的候选匹配',
    en: 'Not one of the entry’s candidates',
  },
  census_new_needs_credit_code: {
    'zh-CN': '确认为新用人单位需要有效的统一社会信用代码，请先补充',
    en: 'A valid credit code is needed to register a new employer',
  },
  census_credit_code_elsewhere: {
    'zh-CN': '该统一社会信用代码已属于辖区外或非用人单位的机构，请核实',
    en: 'The credit code belongs to an organisation outside your area or not an employer',
  },
  census_status_reason_required: { 'zh-CN': '请填写原因', en: 'A reason is required' },
  census_due_in_past: { 'zh-CN': '完成期限不能早于今天', en: 'The due date cannot be in the past' },
  census_assignee_invalid: {
    'zh-CN': '只能派发给辖区内区县卫生健康或疾控部门的人员',
    en: 'Assign only to staff of a county health commission or disease-control bureau in your area',
  },
  census_assignee_other_county: {
    'zh-CN': '该单位不在指导人员所在区县',
    en: 'The entry is not in the assignee’s county',
  },
  census_follow_up_not_undeclared: {
    'zh-CN': '只有未申报的单位需要入户指导',
    en: 'Only undeclared entries get a follow-up',
  },
  census_follow_up_open: {
    'zh-CN': '该单位已有进行中的入户指导任务',
    en: 'The entry already has an open follow-up',
  },
  census_follow_up_done: { 'zh-CN': '该任务已登记结果', en: 'The outcome was already recorded' },
  census_follow_up_not_assignee: {
    'zh-CN': '只有被指派人员可以登记结果',
    en: 'Only the assignee records the outcome',
  },
  census_date_future: { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be in the future' },
  census_date_before_visit: {
    'zh-CN': '承诺申报日期不能早于走访日期',
    en: 'The promised date cannot precede the visit',
  },
  census_entry_merged: {
    'zh-CN': '该条目已合并到其他条目，请在合并后的条目上操作',
    en: 'The entry was merged into another: act on the surviving entry',
  },
  census_merge_self: { 'zh-CN': '不能把条目合并到它自己', en: 'An entry cannot be merged into itself' },
  census_merge_into_merged: {
    'zh-CN': '目标条目本身已被合并，请选择合并后保留的条目',
    en: 'The target was itself merged into another entry: choose the surviving one',
  },
  census_merge_has_merged: {
    'zh-CN': '已有其他条目合并到该条目，请改为把另一条目合并到该条目',
    en: 'Other entries were merged into this one: merge the other entry into it instead',
  },
  census_merge_different_employers: {
    'zh-CN': '两个条目已关联到不同的用人单位，不是同一单位，不能合并；如关联有误请先取消关联',
    en: 'The entries are linked to different employers, so they are not the same unit; unlink the wrong one first',
  },
  census_merge_different_credit_codes: {
    'zh-CN': '两个条目（或其关联单位）的统一社会信用代码不同，不是同一单位，不能合并',
    en: 'The entries (or their employers) have different credit codes, so they are not the same unit',
  },
  census_merge_other_county: {
    'zh-CN': '两个条目不在同一区县，不能合并；单位已迁移的请将原条目标记为迁出',
    en: 'The entries are in different counties; mark the old one relocated if the unit moved',
  },
  census_entry_not_merged: {
    'zh-CN': '该条目没有被合并，无需拆分',
    en: 'The entry was not merged into another',
  },
  census_entry_not_matched: {
    'zh-CN': '该条目尚未关联用人单位，无需取消关联',
    en: 'The entry is not linked to an employer',
  },
  census_unlink_same_credit_code: {
    'zh-CN': '条目与关联单位的统一社会信用代码相同，是同一单位，不能取消关联；如代码有误请先更正',
    en: 'The entry and its employer have the same credit code, so they are the same unit; correct the code first',
  },
  census_snapshot_city_only: {
    'zh-CN': '半年报送由市级（或省级）生成',
    en: 'Half-yearly snapshots are taken by a city (or the province)',
  },
  census_snapshot_exists: { 'zh-CN': '该半年度已生成报送快照', en: 'A snapshot of this half-year exists' },
};
