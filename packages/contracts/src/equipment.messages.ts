/** Error reasons of 设备配置 (equipment compliance) and 规划目标 (coverage targets), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const equipmentMessages: Record<string, { 'zh-CN': string; en: string }> = {
  equipment_requirement_exists: {
    'zh-CN': '设备配置标准中已有相同的条目（机构类型、级别、领域、设备名称、起始年份均相同）',
    en: 'The catalogue already has this entry (same institution type, level, domain, item and year)',
  },
  equipment_requirement_repeated: {
    'zh-CN': '同一条目在文件中出现多次',
    en: 'The same entry appears more than once in the file',
  },
  equipment_kind_unknown: {
    'zh-CN': '机构类型应为：技术支撑机构、质控中心、技术服务机构、职业健康检查机构、职业病诊断机构',
    en: 'The institution type must be a support institution, QC centre, technical-service, exam or diagnosis institution',
  },
  equipment_level_unknown: {
    'zh-CN': '级别应为：省级、市级、县级，或留空（各级通用）',
    en: 'The level must be province, city, county or empty (every level)',
  },
  equipment_domain_unknown: {
    'zh-CN': '领域应为：职业卫生检测、放射卫生检测、职业健康检查与诊断救治、工程防护',
    en: 'The domain must be occupational-hygiene detection, radiation-hygiene detection, health exams and diagnosis, or engineering protection',
  },
  equipment_quantity_invalid: {
    'zh-CN': '数量应为 1 至 1000 之间的整数',
    en: 'The quantity must be a whole number from 1 to 1000',
  },
  equipment_year_invalid: {
    'zh-CN': '起始年份应为 2000 至 2100 之间的年份',
    en: 'The year must lie between 2000 and 2100',
  },
  equipment_text_too_long: {
    'zh-CN': '内容过长（设备名称不超过 100 字，依据和备注不超过 500 字）',
    en: 'Too long (an item name has at most 100 characters, a source or note at most 500)',
  },
  equipment_not_an_institution: {
    'zh-CN': '该单位不是需要登记设备台账的机构（技术支撑机构、质控中心、技术服务机构、体检或诊断机构）',
    en: 'This organisation keeps no equipment ledger (support institutions, the QC centre, technical-service, exam and diagnosis institutions do)',
  },
  equipment_record_own_only: {
    'zh-CN': '机构只能登记本机构的设备台账；为其他机构登记须由监管部门或质控中心办理',
    en: 'An institution records its own equipment only; regulators or the QC centre record for others',
  },
  equipment_requirement_unknown: {
    'zh-CN': '所选配置要求不存在',
    en: 'The chosen requirement does not exist',
  },
  equipment_requirement_not_applicable: {
    'zh-CN': '所选配置要求不适用于该机构（机构类型或级别不符）',
    en: 'The chosen requirement does not apply to this institution (its type or level differs)',
  },
  equipment_domain_mismatch: {
    'zh-CN': '设备的领域应与所满足的配置要求的领域一致',
    en: 'The item’s domain must be that of the requirement it satisfies',
  },
  coverage_region_level: {
    'zh-CN': '请选择省、市（州）或县（市、区）',
    en: 'Choose a province, a city or a county',
  },
};
