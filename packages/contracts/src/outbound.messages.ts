/** Error reasons of 外出体检告知 (outbound-exam notices), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const outboundMessages: Record<string, { 'zh-CN': string; en: string }> = {
  outbound_not_an_exam_institution: {
    'zh-CN': '只有职业健康检查机构可以填写外出职业健康检查告知书',
    en: 'Only exam institutions give outbound-exam notices',
  },
  outbound_not_filed: {
    'zh-CN': '本机构尚未在平台完成备案（或备案已注销），不能外出开展职业健康检查',
    en: 'The institution is not filed on the platform (or its filing is cancelled): no outbound exams',
  },
  outbound_verification_not_passed: {
    'zh-CN': '新备案机构须经省卫生健康委组织的现场核查合格后，方可外出开展职业健康检查',
    en: 'A newly filed institution may examine outside its site only after its on-site verification passed',
  },
  outbound_qc_key_items_not_passed: {
    'zh-CN': '已由各地备案的机构须在全省质量控制考核中关键项全部合格后，方可外出开展职业健康检查',
    en: 'An institution filed earlier by a city may examine outside its site only after all key QC items passed',
  },
  outbound_too_late: {
    'zh-CN': '告知时间不足：须在开展工作前规定的工作日数告知（节假日不计，调休上班日计入）',
    en: 'Too late: the notice must be given the required number of working days before the start (holidays excluded, make-up workdays counted)',
  },
  outbound_earliest_start: {
    'zh-CN': '今天提交，最早可开始日期见本项',
    en: 'Submitted today, the earliest allowed start date is given here',
  },
  outbound_hazard_not_filed: {
    'zh-CN': '该危害因素不在本机构已备案的检查项目内',
    en: 'This hazard factor is not among the institution’s filed items',
  },
  outbound_hazard_blocked: {
    'zh-CN': '该危害因素经现场核查不具备能力，不能外出检查',
    en: 'This hazard factor was found lacking capability at on-site verification: not for outbound exams',
  },
  outbound_staff_not_filed: {
    'zh-CN': '该人员不在本机构备案的人员名单中',
    en: 'This person is not among the filing’s personnel',
  },
  outbound_vehicle_not_filed: {
    'zh-CN': '该车辆不在本机构备案的外出车辆中',
    en: 'This vehicle is not among the filing’s vehicles',
  },
  outbound_equipment_not_filed: {
    'zh-CN': '该设备不在本机构备案的设备清单中（或数量超过备案数量）',
    en: 'This equipment is not in the filing’s list (or more than filed)',
  },
  outbound_employer_required: {
    'zh-CN': '请选择已登记的用人单位，或填写单位名称及所在县（市、区）',
    en: 'Pick a registered employer, or give its name and county',
  },
  outbound_employer_not_found: {
    'zh-CN': '未找到该用人单位',
    en: 'No such employer',
  },
  outbound_region_not_county: {
    'zh-CN': '请填写用人单位所在县（市、区）的行政区划代码',
    en: 'Give the code of the employer’s county',
  },
  outbound_region_other_province: {
    'zh-CN': '外出检查限本省范围内（用人单位须在本机构所在省）',
    en: 'Outbound exams are within the province (the employer must be in the institution’s province)',
  },
  outbound_end_before_start: {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'The end date cannot be before the start date',
  },
  outbound_no_department: {
    'zh-CN': '未找到用人单位所在地的卫生健康行政部门，无法送达告知书',
    en: 'No health department found for the employer’s place: the notice cannot be routed',
  },
  outbound_not_editable: {
    'zh-CN': '只有草稿状态的告知书可以修改或提交',
    en: 'Only a draft notice can be edited or submitted',
  },
  outbound_not_withdrawable: {
    'zh-CN': '已签收或已撤回的告知书不能撤回',
    en: 'An acknowledged or withdrawn notice cannot be withdrawn',
  },
  outbound_not_awaiting_acknowledgement: {
    'zh-CN': '该告知书不在待签收状态',
    en: 'The notice is not awaiting acknowledgement',
  },
  outbound_not_receiving_department: {
    'zh-CN': '只有告知书送达的卫生健康行政部门可以签收',
    en: 'Only the health department the notice was sent to acknowledges it',
  },
  outbound_configure_province_only: {
    'zh-CN':
      '外出体检设置由省级卫生健康行政部门维护：告知时限由省级统一规定（吉卫规〔2024〕2号 三），由市（州）代管的县（市、区）名单也由省级统一登记',
    en: 'Outbound-exam settings are kept by the provincial health commission: the province sets the notice period (吉卫规〔2024〕2号 §3) and registers the counties whose supervision is delegated to their city',
  },
  outbound_days_range: {
    'zh-CN': '提前告知的工作日数须为 1–30 之间的整数',
    en: 'The notice period must be a whole number of working days from 1 to 30',
  },
  outbound_convention_invalid: {
    'zh-CN': '请选择计算口径：告知日与开始日均不计，或告知日计入',
    en: 'Choose the counting convention: neither the notice day nor the start day counts, or the notice day counts',
  },
  outbound_confidence_invalid: {
    'zh-CN': '请选择口径是否已确认（已确认 / 待确认）',
    en: 'Say whether the reading is confirmed (verified / uncertain)',
  },
  outbound_legal_basis_required: {
    'zh-CN': '请填写依据（文件名称、文号及条款）',
    en: 'Give the legal basis (the document, its number and the clause)',
  },
  outbound_delegation_not_county: {
    'zh-CN': '请选择县（市、区）级行政区划（6 位代码）',
    en: 'Choose a county-level division (a 6-digit code)',
  },
  outbound_delegation_other_province: {
    'zh-CN': '该县（市、区）不属于本省',
    en: 'This county is not in the province',
  },
  outbound_delegation_no_city_department: {
    'zh-CN': '未找到该县（市、区）所属市（州）的卫生健康行政部门，告知书无法送达，不能登记代管',
    en: 'The county’s city has no health commission registered: notices could not be routed there, so the delegation cannot be recorded',
  },
  outbound_delegation_exists: {
    'zh-CN': '该县（市、区）已登记为由市（州）代管',
    en: 'This county is already recorded as delegated to its city',
  },
};
