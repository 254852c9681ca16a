/** Error reasons of 职业病诊断报告 (diagnosis-reports), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const diagnosisReportMessages: Record<string, { 'zh-CN': string; en: string }> = {
  diagnosis_disease_edition_unknown: {
    'zh-CN': '诊断日期早于《职业病分类和目录》（2013 版，2013-12-23 起施行），无法核对职业病名称',
    en: 'the diagnosis date is before the 2013 occupational-disease catalogue took effect (2013-12-23); the disease cannot be checked',
  },
  diagnosis_disease_not_in_edition: {
    'zh-CN': '该职业病不在诊断日期适用的《职业病分类和目录》中',
    en: 'is not in the occupational-disease catalogue in force on the diagnosis date',
  },
  diagnosis_disease_not_allowed: {
    'zh-CN': '诊断结论为排除职业病时不应填写职业病名称',
    en: 'must be empty when the conclusion is “not an occupational disease”',
  },
  diagnosis_disease_other_required: {
    'zh-CN': '职业病名称选择“其他”时须填写其他职业病名称',
    en: 'is required when an open “other …” disease is chosen',
  },
  pneumoconiosis_only: {
    'zh-CN': '仅尘肺病填写（分期、病例类型、分期诊断日期、合并症）',
    en: 'applies to a pneumoconiosis only (stage, case type, stage dates, complications)',
  },
  stage_date_required: {
    'zh-CN': '尘肺病须填写所诊断分期的诊断日期',
    en: 'a pneumoconiosis needs the diagnosis date of its stage',
  },
  stage_dates_for_case_type: {
    'zh-CN': '分期诊断日期个数与病例类型不符（首次晋期须填两个，再次晋期须填三个，其他类型填一个）',
    en: 'the number of stage dates does not fit the case type (first promotion two, second promotion three, other types one)',
  },
  stage_not_latest_date: {
    'zh-CN': '分期应为已填诊断日期中最高的一期',
    en: 'must be the highest stage whose date is given',
  },
  stage_dates_out_of_order: {
    'zh-CN': '分期诊断日期须按壹期、贰期、叁期先后',
    en: 'stage dates must follow each other (stage I, then II, then III)',
  },
  stage_date_after_diagnosis: {
    'zh-CN': '分期诊断日期晚于本次诊断日期',
    en: 'is after the diagnosis date',
  },
  report_before_diagnosis: {
    'zh-CN': '报告日期早于诊断日期',
    en: 'is before the diagnosis date',
  },
  diagnosis_before_apply: {
    'zh-CN': '诊断日期早于诊断登记日期',
    en: 'is before the date the diagnosis was applied for',
  },
  exposure_after_diagnosis: {
    'zh-CN': '开始接害日期晚于诊断日期',
    en: 'is after the diagnosis date',
  },
  death_date_required: {
    'zh-CN': '死亡病例须填写死亡日期',
    en: 'a death case needs the date of death',
  },
  physicians_fewer_than_three: {
    'zh-CN': '诊断医师少于 3 名（集体诊断的人数要求未经核实，仅提示，请核对）',
    en: 'fewer than three physicians signed (the collective-diagnosis rule is not verified; shown for checking only)',
  },
  diagnosis_differs_from_suspected: {
    'zh-CN': '诊断的职业病与体检时的疑似职业病不同（已记录，请核对）',
    en: 'the diagnosed disease differs from the suspected one (noted; please check)',
  },
  diagnosed_disease_unconfirmed: {
    'zh-CN': '未能确认所接触危害因素可导致该职业病（危害因素—职业病对照表未收录此组合），请核实',
    en: 'the hazard–disease map does not confirm that the exposures can cause this disease; please check',
  },
  suspected_case_closed: {
    'zh-CN': '该疑似职业病已有诊断结论或已撤销',
    en: 'the suspected case already has an outcome or was withdrawn',
  },
  suspected_case_not_referred_here: {
    'zh-CN': '该疑似职业病未转诊至本机构：请填写劳动者身份信息（须与病例一致）',
    en: 'the suspected case was not referred to this institution: name its worker (who must be the case’s)',
  },
  suspected_case_worker_mismatch: {
    'zh-CN': '劳动者与所选疑似职业病病例的劳动者不一致',
    en: 'is not the worker of the chosen suspected case',
  },
  suspected_case_taken: {
    'zh-CN': '该疑似职业病已由另一份诊断报告处理',
    en: 'the suspected case is resolved by another diagnosis report',
  },
  record_id_immutable: {
    'zh-CN': '诊断报告编号不可修改',
    en: 'the report number cannot be changed',
  },
};
