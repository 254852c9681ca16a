/** Error reasons of 职业病危害项目申报 (hazard-project declarations), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const declarationMessages: Record<string, { 'zh-CN': string; en: string }> = {
  declaration_not_an_employer: {
    'zh-CN': '只有用人单位可以进行职业病危害项目申报',
    en: 'Only employers declare hazard projects',
  },
  declaration_open_exists: {
    'zh-CN': '本单位已有一份未完成的申报（草稿、待受理或被退回），请先完成或删除它',
    en: 'The employer already has a declaration in progress (draft, awaiting acceptance or returned): finish or delete it first',
  },
  declaration_first_must_be_initial: {
    'zh-CN': '本单位尚无已受理的申报，请先进行初次申报',
    en: 'The employer has no accepted declaration yet: make the initial declaration first',
  },
  declaration_initial_exists: {
    'zh-CN': '本单位已有已受理的申报，请选择变更申报、年度更新或注销申报',
    en: 'The employer already has an accepted declaration: choose a change, an annual update or a cancellation',
  },
  declaration_cancelled: {
    'zh-CN': '本单位的申报已注销，如恢复生产请重新进行初次申报',
    en: 'The employer’s declaration was cancelled; declare again with an initial declaration when production resumes',
  },
  declaration_annual_too_early: {
    'zh-CN': '年度更新须在上次申报受理满11个月后进行（未到年度更新时间）',
    en: 'An annual update is made more than 11 months after the last accepted declaration (the window is not open yet)',
  },
  declaration_trigger_date_required: {
    'zh-CN': '请填写变更或终止生产经营的日期（申报期限从该日起算）',
    en: 'Give the date of the change or of the termination (the deadline runs from it)',
  },
  declaration_trigger_date_future: {
    'zh-CN': '日期不能晚于今天',
    en: 'The date cannot be in the future',
  },
  declaration_change_reason_required: {
    'zh-CN': '请填写变更原因（或注销原因）',
    en: 'Give the reason for the change (or the cancellation)',
  },
  declaration_not_editable: {
    'zh-CN': '当前状态不能修改（只有草稿或被退回的申报可以修改）',
    en: 'Only a draft or a returned declaration can be edited',
  },
  declaration_not_submittable: {
    'zh-CN': '当前状态不能提交（只有草稿或被退回的申报可以提交）',
    en: 'Only a draft or a returned declaration can be submitted',
  },
  declaration_not_awaiting_review: {
    'zh-CN': '该申报不在待受理状态',
    en: 'The declaration is not awaiting acceptance',
  },
  declaration_not_deletable: {
    'zh-CN': '只有草稿可以删除',
    en: 'Only a draft can be deleted',
  },
  declaration_reviewer_county: {
    'zh-CN': '申报由用人单位所在地的县级卫生健康主管部门受理',
    en: 'A declaration is accepted by the county health department of the employer’s location',
  },
  declaration_incomplete: {
    'zh-CN': '申报内容不完整或前后不一致，请按提示修改后再提交',
    en: 'The declaration is incomplete or inconsistent: correct the fields shown and submit again',
  },
  declaration_invalid: {
    'zh-CN': '申报内容有误，请按提示修改',
    en: 'The declaration has errors: correct the fields shown',
  },
  declaration_no_receipt: {
    'zh-CN': '该申报尚无回执（受理后出具）',
    en: 'The declaration has no receipt yet (issued on acceptance)',
  },
  declaration_no_workplace: {
    'zh-CN': '请至少填写一个作业场所及其职业病危害因素',
    en: 'Give at least one workplace with its hazard factors',
  },
  declaration_hazard_code_unknown: {
    'zh-CN': '职业病危害因素不在国家职业病危害因素代码表中',
    en: 'The hazard factor is not in the national hazard-factor code table',
  },
  declaration_factor_duplicate: {
    'zh-CN': '同一作业场所中该危害因素重复填写',
    en: 'The factor appears twice in the same workplace',
  },
  declaration_workplace_no_factor: {
    'zh-CN': '作业场所至少要有一个职业病危害因素',
    en: 'A workplace needs at least one hazard factor',
  },
  declaration_workplace_distinct_below_factor: {
    'zh-CN': '作业场所接触人数（不重复）不能少于其中任一危害因素的接触人数',
    en: 'The workplace’s distinct exposed workers cannot be fewer than those of any of its factors',
  },
  declaration_workplace_distinct_above_sum: {
    'zh-CN': '作业场所接触人数（不重复）不能多于各危害因素接触人数之和（可重复）',
    en: 'The workplace’s distinct exposed workers cannot exceed the sum of its factors’ counts',
  },
  declaration_exposed_exceeds_staff: {
    'zh-CN': '接害总人数（不重复）不能超过在册职工总数',
    en: 'Distinct exposed workers cannot exceed the total staff',
  },
  declaration_category_exceeds_total: {
    'zh-CN': '该类危害因素接触人数不能超过接害总人数（不重复）',
    en: 'A category’s exposed workers cannot exceed the distinct exposed total',
  },
  declaration_category_missing: {
    'zh-CN': '作业场所中有该类危害因素，请填写该类接触人数',
    en: 'Workplaces list factors of this category: give its exposed workers',
  },
  declaration_category_without_rows: {
    'zh-CN': '填写了该类接触人数，但作业场所分布中没有该类危害因素',
    en: 'Exposed workers are given for this category but no workplace lists a factor of it',
  },
  declaration_category_above_rows: {
    'zh-CN': '该类接触人数不能多于作业场所分布中该类的接触人次之和',
    en: 'A category’s exposed workers cannot exceed the sum of its workplace counts',
  },
  declaration_subfactor_exceeds_category: {
    'zh-CN': '其中某一危害因素（如矽尘、噪声）的接触人数多于该类总接触人数',
    en: 'A factor of the category (silica, noise …) has more exposed workers than the category',
  },
  declaration_exceeding_above_points: {
    'zh-CN': '超标点数不能多于检测点数',
    en: 'Points above the limit cannot exceed the points measured',
  },
  declaration_key_factor_unknown: {
    'zh-CN': '重点危害因素只能是矽尘、煤尘、石棉、铅、苯、噪声',
    en: 'Key factors are silica, coal dust, asbestos, lead, benzene and noise',
  },
  declaration_key_points_above_category: {
    'zh-CN': '重点危害因素的检测点数不能多于其所属类别的检测点数',
    en: 'A key factor’s points cannot exceed its category’s points',
  },
  declaration_trained_above_managers: {
    'zh-CN': '培训的管理人员人数不能多于职业卫生管理人员（专职＋兼职）',
    en: 'Trained managers cannot exceed the occupational-health managers (full and part time)',
  },
  declaration_trained_above_exposed: {
    'zh-CN': '培训的接害劳动者人数不能多于接害总人数（不重复）',
    en: 'Trained workers cannot exceed the distinct exposed total',
  },
  declaration_exams_done_above_due: {
    'zh-CN': '实检人数不能多于应检人数',
    en: 'Examined workers cannot exceed those due',
  },
  declaration_exams_due_above_exposed: {
    'zh-CN': '在岗期间应检人数不能多于接害总人数（不重复）',
    en: 'On-duty exams due cannot exceed the distinct exposed total',
  },
  declaration_annual_locked_field: {
    'zh-CN': '年度更新不能修改企业规模、经济类型和行业分类，如有变化请做变更申报',
    en: 'An annual update cannot change the size, economic type or industry: make a change declaration',
  },
  declaration_credit_code_invalid: {
    'zh-CN': '统一社会信用代码格式或校验位不正确',
    en: 'The unified social credit code is malformed or its check character is wrong',
  },
  declaration_industry_unknown: {
    'zh-CN': '行业代码不在国民经济行业分类（GB/T 4754-2017）中',
    en: 'The industry code is not in GB/T 4754-2017',
  },
  declaration_economic_type_unknown: {
    'zh-CN': '经济类型代码不正确',
    en: 'Unknown economic type code',
  },
  declaration_phone_format: {
    'zh-CN': '电话号码格式不正确（手机 11 位或带区号的固定电话）',
    en: 'Phone number format: an 11-digit mobile or a landline with its area code',
  },
  declaration_import_type_unknown: {
    'zh-CN': '申报类型只能是 初次申报、变更申报、年度更新、注销申报',
    en: 'The type must be 初次申报, 变更申报, 年度更新 or 注销申报',
  },
  declaration_import_duplicate_in_file: {
    'zh-CN': '文件中该申报编号重复出现',
    en: 'The declaration number appears more than once in the file',
  },
  declaration_import_region_outside: {
    'zh-CN': '用人单位所在地区不在本机构管辖范围内',
    en: 'The employer’s region is outside the importer’s region',
  },
  declaration_import_accepted_before_submitted: {
    'zh-CN': '受理日期不能早于申报日期',
    en: 'The acceptance date cannot be before the declaration date',
  },
  declaration_import_count_negative: {
    'zh-CN': '人数不能为负数',
    en: 'A count cannot be negative',
  },
  declaration_import_count_format: {
    'zh-CN': '人数须为整数',
    en: 'A count must be a whole number',
  },
};
