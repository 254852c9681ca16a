/** Error reasons of 机构备案 (institution filings), in zh-CN and en; merged into reasonMessages (messages.ts). */
export const filingMessages: Record<string, { 'zh-CN': string; en: string }> = {
  filing_not_an_institution: {
    'zh-CN': '只有职业健康检查机构、职业病诊断机构和职业卫生技术服务机构可以备案',
    en: 'Only exam, diagnosis and technical-service institutions file',
  },
  filing_exists: {
    'zh-CN': '本机构已有备案（未注销），请在原备案上修改或申请变更',
    en: 'The institution already has a filing (not cancelled): edit it or apply for a change',
  },
  filing_not_editable: {
    'zh-CN': '当前状态不能修改备案内容（已提交待审核或已备案，如需修改请申请变更）',
    en: 'The filing cannot be edited in its state (under review or filed: apply for a change)',
  },
  filing_not_submittable: {
    'zh-CN': '当前状态不能提交（只有草稿或被退回的备案可以提交）',
    en: 'Only a draft or a returned filing can be submitted',
  },
  filing_not_awaiting_review: {
    'zh-CN': '该备案不在待审核状态',
    en: 'The filing is not awaiting review',
  },
  filing_change_not_allowed: {
    'zh-CN': '只有已备案且没有进行中变更的机构可以申请变更',
    en: 'Only a filed institution with no change under way can apply for a change',
  },
  filing_cancel_not_allowed: {
    'zh-CN': '审核中的备案不能注销；已注销的不能再次注销',
    en: 'A filing under review, or already cancelled, cannot be cancelled',
  },
  filing_authority_province: {
    'zh-CN': '备案由机构所在省的省级卫生健康委审核（《职业健康检查管理办法》第四条）',
    en: "Filings are decided by the provincial health commission of the institution's province",
  },
  filing_incomplete: {
    'zh-CN': '备案内容不完整，请按提示补充后再提交',
    en: 'The filing is incomplete: complete the fields shown and submit again',
  },
  filing_hazard_unknown: {
    'zh-CN': '不是国家危害因素代码表（cdc2021）中的危害因素代码',
    en: 'Not a hazard-factor code of the national table (cdc2021)',
  },
  filing_hazard_wrong_category: {
    'zh-CN': '该危害因素不属于所选检查类别',
    en: 'The hazard factor does not belong to the chosen category',
  },
  filing_category_duplicate: {
    'zh-CN': '检查类别重复',
    en: 'The category is listed twice',
  },
  filing_hazard_duplicate: {
    'zh-CN': '危害因素重复',
    en: 'The hazard factor is listed twice',
  },
  filing_category_empty: {
    'zh-CN': '请至少选择一个备案类别及其危害因素',
    en: 'Choose at least one category with its hazard factors',
  },
  filing_chief_examiner_required: {
    'zh-CN': '职业健康检查机构须至少有 1 名主检医师（具有职业病诊断资格的执业医师）',
    en: 'An exam institution needs at least one chief examiner (a physician qualified in occupational-disease diagnosis)',
  },
  filing_diagnosis_physician_required: {
    'zh-CN': '职业病诊断机构须至少有 1 名诊断医师',
    en: 'A diagnosis institution needs at least one diagnosis physician',
  },
  filing_qualification_required: {
    'zh-CN': '主检医师和诊断医师须填写资格证书编号',
    en: 'Chief examiners and diagnosis physicians need their qualification number',
  },
  filing_area_too_small: {
    'zh-CN': '职业健康检查场所总面积不应少于 400 平方米（《职业健康检查管理办法》第五条）',
    en: 'Exam premises should total at least 400 m² (article 5)',
  },
  filing_radiation_licence_required: {
    'zh-CN': '备案放射因素类须填写放射诊疗许可证号',
    en: 'Radiation items need the radiation licence number',
  },
  filing_attachment_required: {
    'zh-CN': '请上传该附件',
    en: 'Upload this attachment',
  },
  filing_attachment_type: {
    'zh-CN': '附件只能是 PDF、JPG 或 PNG 文件（按文件内容识别，不看扩展名）',
    en: 'Attachments must be PDF, JPG or PNG files (checked by their content, not their name)',
  },
  filing_attachment_too_large: {
    'zh-CN': '附件过大（每个不超过 10 MB）',
    en: 'The attachment is too large (10 MB at most)',
  },
  filing_attachment_locked: {
    'zh-CN': '已提交或已备案的版本不能增删附件',
    en: 'Attachments of a submitted or filed version cannot be changed',
  },
  filing_no_receipt: {
    'zh-CN': '该备案尚无备案回执',
    en: 'The filing has no receipt yet',
  },
  filing_import_institution_unknown: {
    'zh-CN': '平台上没有该统一社会信用代码的机构，请先在单位管理中登记该机构',
    en: 'No institution with this credit code is on the platform: register it under organisations first',
  },
  filing_import_name_mismatch: {
    'zh-CN': '机构名称与平台登记的名称不一致（以统一社会信用代码为准，请核对）',
    en: 'The name differs from the registered one (the credit code decides: check the row)',
  },
  filing_import_kind_unknown: {
    'zh-CN': '备案类型应为“职业健康检查”或“职业病诊断”',
    en: 'The filing type must be 职业健康检查 (exam) or 职业病诊断 (diagnosis)',
  },
  filing_import_kind_mismatch: {
    'zh-CN': '备案类型与机构类型不符（职业健康检查机构 / 职业病诊断机构）',
    en: "The filing type does not match the institution's type",
  },
  filing_import_not_authority: {
    'zh-CN': '只有机构所在省的省级卫生健康委可以导入该机构的历史备案',
    en: "Only the health commission of the institution's province may import its earlier filing",
  },
  filing_import_live_filing: {
    'zh-CN': '该机构在平台上已有备案（或正在备案），不能再导入历史备案',
    en: 'The institution already has a filing on the platform (or one under way)',
  },
  filing_import_no_taken: {
    'zh-CN': '该备案编号已被其他机构使用',
    en: 'This filing number is used by another institution',
  },
  filing_import_repeated: {
    'zh-CN': '同一文件中该机构或备案编号出现了不止一次',
    en: 'The institution or the filing number appears more than once in the file',
  },
  filing_import_date_future: {
    'zh-CN': '备案日期不能晚于今天',
    en: 'The filing date cannot be later than today',
  },
  filing_import_hazards_required: {
    'zh-CN': '职业健康检查机构须填写备案的危害因素编码（国家代码，多个用分号分隔）',
    en: 'An exam institution needs its filed hazard-factor codes (national codes, separated by semicolons)',
  },
  filing_import_province_only: {
    'zh-CN': '历史备案由省级卫生健康委导入（备案由省级卫生健康委管理）',
    en: 'Earlier filings are imported by the provincial health commission (which keeps the filings)',
  },
};
