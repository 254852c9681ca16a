/**
 * What each permission key lets its holder do, in zh-CN and en: the roles page and the role form show
 * these names, never the `<module>:<action>` codes. Typed by PermissionKey, so a new key without a
 * label does not compile.
 */
import type { Label } from './audit-actions.js';
import type { PermissionKey } from './permissions.js';

export const permissionLabels: Record<PermissionKey, Label> = {
  'catalogues:read': { zh: '查看数据字典', en: 'View catalogues' },
  'organisations:read': { zh: '查看单位', en: 'View organisations' },
  'organisations:create': { zh: '新增单位', en: 'Create organisations' },
  'organisations:update': { zh: '修改单位', en: 'Edit organisations' },
  'organisations:delete': { zh: '删除单位', en: 'Delete organisations' },
  'organisations:import': { zh: '导入单位', en: 'Import organisations' },
  'organisations:export': { zh: '导出单位', en: 'Export organisations' },
  'users:read': { zh: '查看用户', en: 'View users' },
  'users:create': { zh: '新增用户', en: 'Create users' },
  'users:update': { zh: '修改、停用用户', en: 'Edit and disable users' },
  'users:reset_password': { zh: '重置密码', en: 'Reset passwords' },
  'users:unlock': { zh: '解锁账号、重置动态口令', en: 'Unlock accounts, reset authenticators' },
  'users:assign_roles': { zh: '分配角色', en: 'Assign roles' },
  'roles:read': { zh: '查看角色', en: 'View roles' },
  'roles:manage': { zh: '管理角色', en: 'Manage roles' },
  'sessions:read': { zh: '查看在线用户', en: 'View online users' },
  'sessions:revoke': { zh: '强制下线', en: 'Force logout' },
  'login_logs:read': { zh: '查看、导出登录日志', en: 'View and export the login log' },
  'audit:read': { zh: '查看、导出审计日志', en: 'View and export the audit log' },
  'audit:verify': { zh: '校验审计链', en: 'Verify the audit chain' },
  'pii:reveal': { zh: '查看完整个人信息（留痕）', en: 'Reveal personal data (audited)' },
  'standards:manage': { zh: '维护标准数据', en: 'Maintain standards data' },
  'organisation_profile:update': { zh: '维护本单位信息', en: "Maintain own organisation's details" },
  'exam_reports:submit': { zh: '上报职业健康检查个案卡', en: 'Report health-exam case cards' },
  'exam_reports:read': { zh: '查看职业健康检查个案卡', en: 'View health-exam case cards' },
  'exam_reports:review': { zh: '审核职业健康检查个案卡', en: 'Review health-exam case cards' },
  'suspected_cases:record': { zh: '登记疑似职业病追踪进展', en: 'Record suspected-case steps' },
  'workers:read': { zh: '查看劳动者职业健康档案', en: "View workers' health records" },
  'workers:reveal': {
    zh: '查看劳动者完整身份信息（需说明理由，留痕）',
    en: "Reveal a worker's identity (reason required, audited)",
  },
  'api_tokens:manage': { zh: '管理本单位接口令牌', en: "Manage the organisation's API tokens" },
  'diagnosis_reports:submit': { zh: '上报职业病诊断报告', en: 'Report occupational-disease diagnoses' },
  'diagnosis_reports:read': { zh: '查看职业病诊断报告', en: 'View occupational-disease diagnosis reports' },
  'exam_sampling:manage': { zh: '个案卡抽查', en: 'Sample exam cards for checking' },
  'calendar:manage': { zh: '维护工作日历', en: 'Maintain the working-day calendar' },
  'filings:submit': { zh: '机构备案', en: 'File the institution' },
  'filings:read': { zh: '备案查询', en: 'View institution filings' },
  'filings:review': { zh: '备案审核', en: 'Review institution filings' },
  'verifications:manage': { zh: '现场核查', en: 'Verify institutions on site' },
  'verifications:read': { zh: '现场核查查询', en: 'View on-site verifications' },
  'outbound:submit': { zh: '外出体检告知', en: 'Notify outbound exams' },
  'outbound:read': { zh: '外出体检查询', en: 'View outbound-exam notices' },
  'outbound:acknowledge': { zh: '告知书签收', en: 'Acknowledge outbound-exam notices' },
  'outbound:configure': { zh: '外出体检设置', en: 'Configure outbound-exam notices' },
  'qc:manage': { zh: '质控评估', en: 'Run QC assessments' },
  'qc:read': { zh: '质控结果查询', en: 'View QC assessments' },
  'qc:self_assess': { zh: '机构自评', en: 'Self-assess the institution' },
  'rectifications:read': { zh: '整改台账查询', en: 'View rectification items' },
  'rectifications:manage': { zh: '整改督办', en: 'Supervise rectification' },
  'rectifications:respond': { zh: '整改落实', en: 'Answer rectification items' },
  'equipment:read': { zh: '设备配置查询', en: 'View equipment compliance' },
  'equipment:manage': { zh: '设备配置标准', en: 'Keep the required-equipment catalogue' },
  'equipment:record': { zh: '设备台账登记', en: 'Keep equipment ledgers' },
  'coverage:read': { zh: '规划目标', en: 'View coverage targets' },
  'public_lists:publish': { zh: '信息公开', en: 'Publish public lists' },
  'employers:read': { zh: '用人单位库', en: 'View the employer base database' },
  'employers:manage': { zh: '用人单位库维护', en: 'Maintain the employer base database' },
  'declarations:submit': { zh: '职业病危害项目申报', en: 'Submit hazard-project declarations' },
  'declarations:read': { zh: '申报查询', en: 'View declarations' },
  'declarations:review': { zh: '申报审核', en: 'Review declarations' },
  'declarations:import': { zh: '历史申报导入', en: 'Import legacy declarations' },
  'employer_census:manage': { zh: '用人单位数据库（扩面）', en: 'Potential-employer database' },
  'declaration_oversight:read': { zh: '申报调度', en: 'Declaration coverage and dispatch' },
  'indicators:read': { zh: '指标驾驶舱', en: 'Indicators dashboard' },
  'declaration_oversight:manage': {
    zh: '申报抽查与红黑名单',
    en: 'Declaration sampling and white/black lists',
  },
  'indicators:verify': { zh: '核对指标汇总', en: 'Verify the indicator summaries' },
  'exam_reports:export': {
    zh: '导出国家交换文件（含完整个人信息，留痕）',
    en: 'Export cards for the national system (full personal data, audited)',
  },
};

/** The permission's name in the language; a key without a label (a custom one) shows as it is. */
export const permissionLabel = (key: string, lang: string): string => {
  const l = (permissionLabels as Record<string, Label | undefined>)[key];
  return l ? (lang === 'en' ? l.en : l.zh) : key;
};
