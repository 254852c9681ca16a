/**
 * The audit catalogue: every action the server writes to the audit trail and every object type it
 * names, with the zh-CN / en label people read (新增用户, not `user.create`). The web app's filters, the
 * audit list and the audit export all take their labels from here; a test in the audit module fails
 * when the server writes an action that has no entry.
 */
export type Label = { zh: string; en: string };

export const auditActionLabels = {
  'auth.login': { zh: '登录', en: 'Sign in' },
  'auth.logout': { zh: '退出登录', en: 'Sign out' },
  'user.create': { zh: '新增用户', en: 'Create user' },
  'user.update': { zh: '修改用户', en: 'Update user' },
  'user.reset_password': { zh: '重置密码', en: 'Reset password' },
  'user.unlock': { zh: '解锁账号', en: 'Unlock account' },
  'user.assign_roles': { zh: '分配角色', en: 'Assign roles' },
  'user.password_changed': { zh: '修改本人密码', en: 'Change own password' },
  'user.totp_setup_started': { zh: '开始绑定动态口令', en: 'Start authenticator binding' },
  'user.totp_enabled': { zh: '绑定动态口令', en: 'Bind authenticator' },
  'user.totp_disabled': { zh: '解绑动态口令', en: 'Remove authenticator' },
  'user.totp_reset': { zh: '重置动态口令', en: 'Reset authenticator' },
  'pii.reveal': { zh: '查看完整手机号', en: 'Reveal phone number' },
  'session.revoke': { zh: '强制下线', en: 'Force logout' },
  'role.create': { zh: '新增角色', en: 'Create role' },
  'role.update': { zh: '修改角色', en: 'Update role' },
  'role.delete': { zh: '删除角色', en: 'Delete role' },
  'organisation.create': { zh: '新增单位', en: 'Create organisation' },
  'organisation.update': { zh: '修改单位', en: 'Update organisation' },
  'organisation.delete': { zh: '删除单位', en: 'Delete organisation' },
  'organisation.import': { zh: '导入单位', en: 'Import organisations' },
  'organisation.export': { zh: '导出单位', en: 'Export organisations' },
  'organisation.profile_update': { zh: '修改本单位信息', en: "Update own organisation's details" },
  'standards.amendment_set': { zh: '设置标准修改单生效日期', en: 'Set a standard amendment' },
  'standards.import': { zh: '导入标准数据', en: 'Import standards data' },
  'exam_card.import': { zh: '上报体检个案卡', en: 'Report exam cards' },
  'exam_card_sheet.import': { zh: '上传体检个案卡（表格）', en: 'Upload exam cards (spreadsheet)' },
  'exam_card.review': { zh: '审核体检个案卡', en: 'Review exam cards' },
  'suspected_case.update': { zh: '登记疑似职业病追踪进展', en: 'Record a suspected-case step' },
  'exam_card.export': { zh: '导出国家交换文件', en: 'Export cards for the national system' },
  'exam_card_xml.import': { zh: '上报体检个案卡（国家交换 XML）', en: 'Report exam cards (national XML)' },
  'worker.reveal': { zh: '查看劳动者完整身份信息', en: "Reveal a worker's identity" },
  'worker.history_export': { zh: '导出劳动者职业健康档案', en: "Export a worker's health record" },
  'worker.key_rotate': { zh: '轮换个人信息加密密钥', en: 'Rotate the personal-data key' },
  'api_token.create': { zh: '新建接口令牌', en: 'Create API token' },
  'api_token.revoke': { zh: '吊销接口令牌', en: 'Revoke API token' },
  'diagnosis_report.create': { zh: '上报职业病诊断报告', en: 'Report a diagnosis' },
  'diagnosis_report.update': { zh: '修改职业病诊断报告', en: 'Update a diagnosis report' },
  'diagnosis_report.import': { zh: '批量上报职业病诊断报告', en: 'Report diagnoses in bulk' },
  'exam_sample.draw': { zh: '抽取个案卡', en: 'Draw a card sample' },
  'exam_sample.record': { zh: '登记抽查结果', en: 'Record a sample check' },
  'calendar_day.create': { zh: '新增日历日', en: 'Add a calendar day' },
  'calendar_day.update': { zh: '修改日历日', en: 'Update a calendar day' },
  'calendar_day.delete': { zh: '删除日历日', en: 'Delete a calendar day' },
  'calendar_day.import': { zh: '导入工作日历', en: 'Import a working calendar' },
  'notification.read': { zh: '标记通知已读', en: 'Mark notifications read' },
  'document.issue': { zh: '出具文书', en: 'Issue a document' },
  'document.revoke': { zh: '作废文书', en: 'Revoke a document' },
  'filing.create': { zh: '新建备案', en: 'Create a filing' },
  'filing.update': { zh: '修改备案', en: 'Update a filing' },
  'filing.submit': { zh: '提交备案', en: 'Submit a filing' },
  'filing.return': { zh: '退回备案', en: 'Return a filing' },
  'filing.file': { zh: '予以备案', en: 'File an institution' },
  'filing.change': { zh: '备案变更', en: 'Change a filing' },
  'filing.cancel': { zh: '备案注销', en: 'Cancel a filing' },
  'filing.import': { zh: '导入历史备案', en: 'Import earlier filings' },
  'verification.schedule': { zh: '安排现场核查', en: 'Schedule an on-site verification' },
  'verification.record': { zh: '登记现场核查结果', en: 'Record on-site verification results' },
  'verification.complete': { zh: '完成现场核查', en: 'Complete an on-site verification' },
  'outbound_notice.create': { zh: '新建外出体检告知书', en: 'Create an outbound-exam notice' },
  'outbound_notice.update': { zh: '修改外出体检告知书', en: 'Update an outbound-exam notice' },
  'outbound_notice.submit': { zh: '提交外出体检告知书', en: 'Submit an outbound-exam notice' },
  'outbound_notice.withdraw': { zh: '撤回外出体检告知书', en: 'Withdraw an outbound-exam notice' },
  'outbound_notice.acknowledge': { zh: '签收外出体检告知书', en: 'Acknowledge an outbound-exam notice' },
  'outbound_setting.update': { zh: '修改外出体检告知时限', en: 'Change the outbound-exam notice period' },
  'outbound_delegation.create': { zh: '登记市代管县（市、区）', en: 'Record a county delegated to its city' },
  'outbound_delegation.delete': { zh: '取消市代管县（市、区）', en: 'Remove a county delegated to its city' },
  'qc_template.create': { zh: '新建质控模板', en: 'Create a QC template' },
  'qc_template.update': { zh: '修改质控模板', en: 'Update a QC template' },
  'qc_template.publish': { zh: '发布质控模板版本', en: 'Publish a QC template version' },
  'qc_template.retire': { zh: '停用质控模板', en: 'Retire a QC template' },
  'qc_plan.create': { zh: '制定年度质控计划', en: 'Create a yearly QC plan' },
  'qc_plan.update': { zh: '调整年度质控计划', en: 'Update a yearly QC plan' },
  'qc_assessment.create': { zh: '安排质控评估', en: 'Schedule a QC assessment' },
  'qc_assessment.score': { zh: '登记质控评分', en: 'Score a QC assessment' },
  'qc_assessment.complete': { zh: '完成质控评估', en: 'Complete a QC assessment' },
  'qc_assessment.submit': { zh: '提交机构自评', en: 'Submit a self-assessment' },
  'qc_assessment.report_major': { zh: '报告重大质量问题', en: 'Report a major quality problem' },
  'rectification.create': { zh: '登记整改问题', en: 'Raise rectification items' },
  'rectification.respond': { zh: '提交整改材料', en: 'Submit rectification evidence' },
  'rectification.verify': { zh: '整改核验销号', en: 'Verify and close a rectification item' },
  'rectification.reject': { zh: '整改核验不通过', en: 'Reject rectification evidence' },
  'rectification.reopen': { zh: '重新打开整改问题', en: 'Reopen a rectification item' },
  'rectification.follow_up': { zh: '整改回头看', en: 'Record a follow-up re-check' },
  'rectification.mark_refusing': { zh: '认定拒不整改', en: 'Mark an institution as refusing rectification' },
  'rectification.lift_refusing': { zh: '解除拒不整改认定', en: 'Lift a refusing-rectification mark' },
  'assistance_pairing.create': { zh: '登记对口帮扶', en: 'Record a pairing assistance' },
  'assistance_pairing.update': { zh: '修改对口帮扶', en: 'Update a pairing assistance' },
  'assistance_pairing.report': { zh: '提交帮扶年度报告', en: 'Submit a pairing assistance yearly report' },
  'equipment_requirement.create': { zh: '新增设备配置要求', en: 'Add a required equipment item' },
  'equipment_requirement.update': { zh: '修改设备配置要求', en: 'Update a required equipment item' },
  'equipment_requirement.delete': { zh: '删除设备配置要求', en: 'Delete a required equipment item' },
  'equipment_requirement.import': { zh: '导入设备配置要求', en: 'Import required equipment' },
  'equipment_item.create': { zh: '登记设备', en: 'Record equipment' },
  'equipment_item.update': { zh: '修改设备', en: 'Update equipment' },
  'equipment_item.delete': { zh: '删除设备', en: 'Delete equipment' },
  'public_list.publish': { zh: '发布公开名单', en: 'Publish a public list' },
  'public_list.withdraw': { zh: '撤回公开名单', en: 'Withdraw a public list' },
  'employer.update': { zh: '修改用人单位基础信息', en: 'Update an employer base record' },
  'employer.set_status': {
    zh: '标记用人单位状态',
    en: 'Mark an employer not applicable, closed or relocated',
  },
  'employer.export': { zh: '导出用人单位库', en: 'Export the employer base database' },
  'employer_registration.submit': { zh: '用人单位注册申请', en: 'Apply for an employer account' },
  'employer_registration.approve': { zh: '通过用人单位注册', en: 'Approve an employer registration' },
  'employer_registration.reject': { zh: '退回用人单位注册', en: 'Return an employer registration' },
  'declaration.create': { zh: '新建申报', en: 'Start a declaration' },
  'declaration.update': { zh: '修改申报草稿', en: 'Edit a declaration draft' },
  'declaration.delete': { zh: '删除申报草稿', en: 'Delete a declaration draft' },
  'declaration.submit': { zh: '提交申报', en: 'Submit a declaration' },
  'declaration.return': { zh: '退回申报', en: 'Return a declaration' },
  'declaration.accept': { zh: '受理申报', en: 'Accept a declaration' },
  'declaration.import': { zh: '导入历史申报', en: 'Import legacy declarations' },
  'declaration.export': { zh: '导出申报', en: 'Export declarations' },
  'census_list.import': { zh: '导入潜在用人单位名单', en: 'Import a potential-employer list' },
  'census_entry.resolve': { zh: '确认名单匹配', en: 'Resolve a list match' },
  'census_entry.set_status': { zh: '标记名单单位状态', en: 'Set a listed employer’s status' },
  'census_entry.merge': { zh: '合并名单单位', en: 'Merge two listed employers' },
  'census_entry.unmerge': { zh: '拆分已合并的名单单位', en: 'Undo a merge of listed employers' },
  'census_entry.unlink': {
    zh: '取消名单单位与用人单位的关联',
    en: 'Unlink a listed employer from its employer',
  },
  'census_entry.export': {
    zh: '导出用人单位数据库（摸底名单）',
    en: 'Export the potential-employer database',
  },
  'census_snapshot.create': { zh: '生成半年报送快照', en: 'Take the half-yearly snapshot' },
  'census_follow_up.assign': { zh: '派发入户指导', en: 'Assign door-to-door guidance' },
  'census_follow_up.record': { zh: '登记入户指导结果', en: 'Record a guidance visit' },
  'declaration_sampling.draw': { zh: '申报抽查抽样', en: 'Draw the declaration sampling check' },
  'declaration_sampling.record': { zh: '登记申报抽查结果', en: 'Record a sampling-check result' },
  'employer_list.update': { zh: '调整白名单/黑名单', en: 'Change the white or black list' },
  'dispatch_report.export': { zh: '导出季调度报表', en: 'Export the quarterly dispatch report' },
  'audit.verify': { zh: '校验审计链', en: 'Verify audit chain' },
  'audit.export': { zh: '导出审计日志', en: 'Export audit log' },
  'login_log.export': { zh: '导出登录日志', en: 'Export login log' },
  'demo.seed': { zh: '初始化演示数据', en: 'Seed demo data' },
} as const satisfies Record<string, Label>;

export type AuditAction = keyof typeof auditActionLabels;

/** Kinds of the import pipeline, which writes the action `<kind>.import` (each needs a label above). */
export const importKinds = [
  'organisation',
  'standards',
  'exam_card',
  'exam_card_xml',
  'exam_card_sheet',
  'diagnosis_report',
  'calendar_day',
  'filing',
  'equipment_requirement',
  'declaration',
  'census_list',
] as const;
export type ImportKind = (typeof importKinds)[number];
/** What each kind of upload holds, as the import list shows it. */
export const importKindLabels = {
  organisation: { zh: '单位', en: 'Organisations' },
  standards: { zh: '标准数据', en: 'Standards data' },
  exam_card: { zh: '体检个案卡', en: 'Exam cards' },
  exam_card_xml: { zh: '体检个案卡（国家交换 XML）', en: 'Exam cards (national XML)' },
  exam_card_sheet: { zh: '体检个案卡（表格）', en: 'Exam cards (spreadsheet)' },
  diagnosis_report: { zh: '职业病诊断报告', en: 'Diagnosis reports' },
  calendar_day: { zh: '工作日历', en: 'Working calendar' },
  filing: { zh: '历史备案', en: 'Earlier filings' },
  equipment_requirement: { zh: '设备配置要求', en: 'Required equipment' },
  declaration: { zh: '历史申报', en: 'Legacy declarations' },
  census_list: { zh: '潜在用人单位名单', en: 'Potential-employer list' },
} as const satisfies Record<ImportKind, Label>;
export const auditActions = Object.keys(auditActionLabels) as AuditAction[];

/** Object types (`entity_type`) the server writes. */
export const auditEntityTypeLabels = {
  user: { zh: '用户', en: 'User' },
  role: { zh: '角色', en: 'Role' },
  organisation: { zh: '单位', en: 'Organisation' },
  import_batch: { zh: '导入批次', en: 'Import batch' },
  exam_card: { zh: '体检个案卡', en: 'Exam card' },
  suspected_case: { zh: '疑似职业病', en: 'Suspected case' },
  worker: { zh: '劳动者', en: 'Worker' },
  api_token: { zh: '接口令牌', en: 'API token' },
  diagnosis_report: { zh: '职业病诊断报告', en: 'Diagnosis report' },
  exam_sample: { zh: '个案卡抽查', en: 'Card sample' },
  calendar_day: { zh: '日历日', en: 'Calendar day' },
  notification: { zh: '通知', en: 'Notification' },
  document: { zh: '文书', en: 'Document' },
  filing: { zh: '机构备案', en: 'Institution filing' },
  verification: { zh: '现场核查', en: 'On-site verification' },
  outbound_notice: { zh: '外出体检告知书', en: 'Outbound-exam notice' },
  outbound_setting: { zh: '外出体检告知时限', en: 'Outbound-exam notice period' },
  outbound_delegation: { zh: '市代管县（市、区）', en: 'County delegated to its city' },
  qc_template: { zh: '质控模板', en: 'QC template' },
  qc_plan: { zh: '质控计划', en: 'QC plan' },
  qc_assessment: { zh: '质控评估', en: 'QC assessment' },
  rectification_item: { zh: '整改问题', en: 'Rectification item' },
  assistance_pairing: { zh: '对口帮扶', en: 'Pairing assistance' },
  equipment_requirement: { zh: '设备配置要求', en: 'Required equipment' },
  equipment_item: { zh: '设备', en: 'Equipment' },
  public_list: { zh: '公开名单', en: 'Public list' },
  employer: { zh: '用人单位', en: 'Employer' },
  employer_registration: { zh: '用人单位注册申请', en: 'Employer registration' },
  declaration: { zh: '职业病危害项目申报', en: 'Hazard-project declaration' },
  census_list: { zh: '潜在用人单位名单', en: 'Potential-employer list' },
  census_entry: { zh: '名单单位', en: 'Listed employer' },
  census_snapshot: { zh: '半年报送快照', en: 'Half-yearly snapshot' },
  census_follow_up: { zh: '入户指导', en: 'Door-to-door guidance' },
  declaration_sampling: { zh: '申报抽查', en: 'Declaration sampling check' },
  employer_list_entry: { zh: '白名单/黑名单', en: 'White/black list entry' },
  dispatch_report: { zh: '季调度报表', en: 'Quarterly dispatch report' },
  standard_amendment: { zh: '标准修改单', en: 'Standard amendment' },
  standard_import: { zh: '标准数据导入', en: 'Standards data import' },
  audit_log: { zh: '审计日志', en: 'Audit log' },
  login_log: { zh: '登录日志', en: 'Login log' },
} as const satisfies Record<string, Label>;

export type AuditEntityType = keyof typeof auditEntityTypeLabels;
export const auditEntityTypes = Object.keys(auditEntityTypeLabels) as AuditEntityType[];

/** Groups of the action dropdown, by the action's prefix (`user.create` → `user`). */
export const auditActionGroupLabels: Record<string, Label> = {
  auth: { zh: '登录与退出', en: 'Sign-in' },
  user: { zh: '用户', en: 'Users' },
  pii: { zh: '个人信息', en: 'Personal data' },
  session: { zh: '在线用户', en: 'Sessions' },
  role: { zh: '角色', en: 'Roles' },
  organisation: { zh: '单位', en: 'Organisations' },
  standards: { zh: '标准', en: 'Standards' },
  exam_card: { zh: '体检个案卡', en: 'Exam cards' },
  exam_card_xml: { zh: '体检个案卡', en: 'Exam cards' },
  exam_card_sheet: { zh: '体检个案卡', en: 'Exam cards' },
  suspected_case: { zh: '疑似职业病', en: 'Suspected cases' },
  worker: { zh: '劳动者', en: 'Workers' },
  api_token: { zh: '接口令牌', en: 'API tokens' },
  diagnosis_report: { zh: '职业病诊断报告', en: 'Diagnosis reports' },
  exam_sample: { zh: '个案卡抽查', en: 'Card sampling' },
  calendar_day: { zh: '工作日历', en: 'Working calendar' },
  notification: { zh: '通知', en: 'Notifications' },
  document: { zh: '文书', en: 'Documents' },
  filing: { zh: '机构备案', en: 'Institution filings' },
  verification: { zh: '现场核查', en: 'On-site verifications' },
  outbound_notice: { zh: '外出体检', en: 'Outbound exams' },
  outbound_setting: { zh: '外出体检', en: 'Outbound exams' },
  outbound_delegation: { zh: '外出体检', en: 'Outbound exams' },
  qc_template: { zh: '质控', en: 'Quality control' },
  qc_plan: { zh: '质控', en: 'Quality control' },
  qc_assessment: { zh: '质控', en: 'Quality control' },
  rectification: { zh: '整改台账', en: 'Rectification' },
  assistance_pairing: { zh: '整改台账', en: 'Rectification' },
  equipment_requirement: { zh: '设备配置', en: 'Equipment' },
  equipment_item: { zh: '设备配置', en: 'Equipment' },
  public_list: { zh: '信息公开', en: 'Public lists' },
  employer: { zh: '用人单位库', en: 'Employer database' },
  employer_registration: { zh: '用人单位库', en: 'Employer database' },
  declaration: { zh: '职业病危害项目申报', en: 'Hazard-project declarations' },
  census_list: { zh: '用人单位数据库（扩面）', en: 'Potential-employer database' },
  census_entry: { zh: '用人单位数据库（扩面）', en: 'Potential-employer database' },
  census_snapshot: { zh: '用人单位数据库（扩面）', en: 'Potential-employer database' },
  census_follow_up: { zh: '用人单位数据库（扩面）', en: 'Potential-employer database' },
  declaration_sampling: { zh: '申报调度', en: 'Declaration oversight' },
  employer_list: { zh: '申报调度', en: 'Declaration oversight' },
  dispatch_report: { zh: '申报调度', en: 'Declaration oversight' },
  audit: { zh: '审计', en: 'Audit' },
  login_log: { zh: '登录日志', en: 'Login log' },
  demo: { zh: '系统', en: 'System' },
};

const pick = (l: Label | undefined, lang: string): string | undefined =>
  l ? (lang === 'en' ? l.en : l.zh) : undefined;

/** The label of an action in the language (`zh-CN` or `en`); an unknown action shows as it is. */
export const auditActionLabel = (action: string, lang: string): string =>
  pick((auditActionLabels as Record<string, Label>)[action], lang) ?? action;

export const auditEntityTypeLabel = (type: string, lang: string): string =>
  pick((auditEntityTypeLabels as Record<string, Label>)[type], lang) ?? type;

export const auditActionGroupLabel = (action: string, lang: string): string => {
  const prefix = action.split('.')[0] ?? action;
  return pick(auditActionGroupLabels[prefix], lang) ?? prefix;
};

export const isAuditAction = (action: string): action is AuditAction =>
  Object.prototype.hasOwnProperty.call(auditActionLabels, action);

/** Outcomes the login log records (SECURITY.md), with their labels. */
export const loginOutcomeLabels = {
  success: { zh: '成功', en: 'Success' },
  fail_password: { zh: '密码错误', en: 'Wrong password' },
  fail_captcha: { zh: '验证码错误', en: 'Wrong captcha' },
  fail_totp: { zh: '动态口令错误', en: 'Wrong code' },
  locked: { zh: '账号锁定', en: 'Locked' },
  disabled: { zh: '账号停用', en: 'Disabled' },
  unlocked: { zh: '解锁', en: 'Unlocked' },
  logout: { zh: '退出', en: 'Sign-out' },
} as const satisfies Record<string, Label>;

export type LoginOutcome = keyof typeof loginOutcomeLabels;
export const loginOutcomes = Object.keys(loginOutcomeLabels) as LoginOutcome[];

export const loginOutcomeLabel = (outcome: string, lang: string): string =>
  pick((loginOutcomeLabels as Record<string, Label>)[outcome], lang) ?? outcome;
