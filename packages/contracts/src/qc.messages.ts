/** Error reasons of 质控评估 (QC assessments), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const qcMessages: Record<string, { 'zh-CN': string; en: string }> = {
  qc_province_only: {
    'zh-CN':
      '质控模板、年度计划与质控评估由机构所在省的质控中心（省职业病防治院）负责（吉卫规〔2024〕2号 五）',
    en: "QC forms, plans and assessments are kept by the QC centre of the institution's province",
  },
  qc_template_draft_exists: {
    'zh-CN': '该模板已有一个草稿版本，请先编辑并发布它',
    en: 'This form already has a draft version: edit and publish it first',
  },
  qc_template_published: {
    'zh-CN': '已发布的模板版本不能修改，请新建版本',
    en: 'A published version cannot change: create a new version',
  },
  qc_template_not_published: {
    'zh-CN': '只有已发布的版本可以停用',
    en: 'Only a published version can be retired',
  },
  qc_template_empty: {
    'zh-CN': '模板没有任何评分项目，不能发布',
    en: 'The version has no items and cannot be published',
  },
  qc_threshold_order: {
    'zh-CN': '基本合格线不能高于合格线',
    en: 'The basic line cannot be above the pass line',
  },
  qc_duplicate: {
    'zh-CN': '编号重复',
    en: 'The same code is given twice',
  },
  qc_hazard_sheet_exam_only: {
    'zh-CN': '按危害类别的评分表只适用于职业健康检查机构的模板',
    en: 'Per-hazard score sheets belong to exam-institution forms only',
  },
  qc_template_unknown: {
    'zh-CN': '没有该代码的已发布模板',
    en: 'No published form with this code',
  },
  qc_template_not_for_you: {
    'zh-CN': '该模板不适用于本机构类型',
    en: "This form is not for your institution's kind",
  },
  qc_plan_exists: {
    'zh-CN': '该年度的质控计划已存在',
    en: 'The plan of this year exists already',
  },
  qc_plan_entry_unknown: {
    'zh-CN': '不是本计划中的机构条目',
    en: 'Not an entry of this plan',
  },
  qc_entry_scheduled: {
    'zh-CN': '该计划条目已安排质控评估',
    en: 'This plan entry already has an assessment',
  },
  qc_not_filed: {
    'zh-CN': '该机构当前没有已备案的备案信息，无法进行备案信息一致性核查',
    en: 'The institution has no filed filing to check against',
  },
  qc_no_published_template: {
    'zh-CN': '该机构类型没有已发布的质控模板，请先发布模板',
    en: "No published form for the institution's kind: publish one first",
  },
  qc_self_exists: {
    'zh-CN': '本年度已按该模板版本开展自评',
    en: 'A self-assessment against this version exists for the year already',
  },
  qc_assessment_completed: {
    'zh-CN': '该质控评估已完成，不能再修改',
    en: 'The assessment is completed and can no longer be changed',
  },
  qc_self_own_only: {
    'zh-CN': '自评由机构自己填写',
    en: 'A self-assessment is filled by the institution itself',
  },
  qc_self_submitted: {
    'zh-CN': '自评已提交，不能再修改',
    en: 'The self-assessment is submitted and can no longer be changed',
  },
  qc_self_not_submitted: {
    'zh-CN': '只能审阅已提交的自评',
    en: 'Only a submitted self-assessment can be reviewed',
  },
  qc_item_unknown: {
    'zh-CN': '不是本评分表（适用部分）中的项目编号',
    en: 'Not an item of this form (of its applicable sections)',
  },
  qc_points_over: {
    'zh-CN': '得分不能超过该项目的分值',
    en: "The points cannot exceed the item's points",
  },
  qc_points_not_applicable: {
    'zh-CN': '不适用的项目不计分',
    en: 'A not-applicable item takes no points',
  },
  qc_note_required: {
    'zh-CN': '不符合、扣分或重大问题的项目请填写说明',
    en: 'Give a note for a failed, deducted or major-problem item',
  },
  qc_incomplete: {
    'zh-CN': '还有项目未评分，请全部评分后再完成或提交',
    en: 'Some items have no score yet: score them all first',
  },
  qc_evidence_missing: {
    'zh-CN': '该项目要求上传佐证材料',
    en: 'This item requires evidence',
  },
  qc_consistency_missing: {
    'zh-CN': '请先完成备案信息一致性核查',
    en: 'Do the filing-consistency check first',
  },
  qc_major_note_required: {
    'zh-CN': '请说明重大质量问题或弄虚作假的情况',
    en: 'Describe the major problem',
  },
  qc_major_reported: {
    'zh-CN': '该评估的重大质量问题已报告',
    en: 'The major problem of this assessment has been reported already',
  },
};
