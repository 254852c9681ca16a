/**
 * Permission keys (`<module>:<action>`) and the built-in roles that bundle them.
 * Roles are data: the server seeds them into the `role` table from here, administrators may add more,
 * and the web app builds its menu from the keys the signed-in user holds.
 */
export const permissionKeys = [
  'catalogues:read',
  'organisations:read',
  'organisations:create',
  'organisations:update',
  'organisations:delete',
  'organisations:import',
  'organisations:export',
  'users:read',
  'users:create',
  'users:update',
  'users:reset_password',
  'users:unlock',
  'users:assign_roles',
  'roles:read',
  'roles:manage',
  'sessions:read',
  'sessions:revoke',
  'login_logs:read',
  'audit:read',
  'audit:verify',
  'pii:reveal',
  'standards:manage',
  // 本单位信息: a business user edits its own organisation's contact and staff figures (issue 13).
  'organisation_profile:update',
  // 职业健康检查个案卡: an exam institution reports its own cards (issue 15).
  'exam_reports:submit',
  // 个案卡查询: the cards in scope (a regulator's region, an institution's own, an employer's workers').
  'exam_reports:read',
  // 逐级审核: a regulator reviews the cards awaiting its level (county → city → province).
  'exam_reports:review',
  // 国家交换: the province's approved cards (07) as the national exchange XML, personal data in full.
  'exam_reports:export',
  // 疑似职业病追踪: record a step of a suspected case (the institution tells the employer, the employer
  // refers the worker, the regulator records the diagnosis or its exclusion).
  'suspected_cases:record',
  // 劳动者档案: the worker registry — a worker's exams across employers and institutions, masked (issue 15).
  'workers:read',
  // 查看完整身份信息: reveal a worker's ID number, name and phone with a stated reason (audited).
  'workers:reveal',
  // 接口令牌: an institution's tokens for its own software to post cards (created, scoped, revoked).
  'api_tokens:manage',
  // 职业病诊断报告: a diagnosis institution reports its diagnoses (and resolves suspected cases).
  'diagnosis_reports:submit',
  // 诊断报告查询: the diagnosis reports in scope.
  'diagnosis_reports:read',
  // 个案卡抽查: draw cards per institution at random (recorded seed) and record the paper-report check.
  'exam_sampling:manage',
  // 工作日历: enter or import the holidays and make-up workdays of a year (issue 16; every clock counts on it).
  'calendar:manage',
  // 机构备案: an institution drafts, submits, changes or cancels its own filing (issue 16).
  'filings:submit',
  // 备案查询: the filings in scope (a regulator's region, the QC centre's province, an institution's own).
  'filings:read',
  // 备案审核: a health commission returns a filing with its opinion or files it (备案回执).
  'filings:review',
  // 现场核查: the QC centre (or the commission) records the on-site verification of a new filing.
  'verifications:manage',
  // 现场核查查询: verifications in scope (an institution sees its own).
  'verifications:read',
  // 外出体检告知: an exam institution submits an outbound-exam notice (外出职业健康检查告知书).
  'outbound:submit',
  // 外出体检查询: notices in scope (the receiving health department, the institution's own).
  'outbound:read',
  // 告知书签收: the receiving health department acknowledges a notice.
  'outbound:acknowledge',
  // 外出体检设置: the provincial health commission sets the notice period and the counties whose
  // supervision is delegated to their city (the service refuses a city or county commission).
  'outbound:configure',
  // 质控评估: the QC centre keeps the versioned templates, the yearly plan and scores assessments (issue 16 item 5).
  'qc:manage',
  // 质控结果查询: assessments and plans in scope (an institution sees its own).
  'qc:read',
  // 机构自评: an institution fills its self-assessment (建设标准自查, 九个一) against a published template.
  'qc:self_assess',
  // 整改台账查询: rectification items in scope (an institution sees its own) (issue 16 item 6).
  'rectifications:read',
  // 整改督办: raise, verify, close, reopen and re-check rectification items; pairing assistance records.
  'rectifications:manage',
  // 整改落实: an institution answers its own items with evidence.
  'rectifications:respond',
  // 设备配置查询: equipment compliance per institution and region (issue 16 item 7).
  'equipment:read',
  // 设备配置标准: keep the required-equipment catalogue per institution type (data, imported or entered).
  'equipment:manage',
  // 设备台账: an institution records its own equipment; the provincial regulator's administrator and the QC
  // centre record for the institutions in their region (equipment.policy.ts).
  'equipment:record',
  // 规划目标: coverage targets per city and county (issue 16 item 9).
  'coverage:read',
  // 信息公开: the provincial commission publishes the public lists (issue 16 item 8).
  'public_lists:publish',
  // 用人单位库: the employer base database in scope (issue 17; an employer reads its own record).
  'employers:read',
  // 用人单位库维护: a regulator corrects base records, marks 不适用 / 关闭 / 迁出, reviews self-registrations.
  'employers:manage',
  // 职业病危害项目申报: an employer drafts and submits its own declarations (初次 / 变更 / 年度更新 / 注销).
  'declarations:submit',
  // 申报查询: declarations in scope (a regulator's region, an employer's own).
  'declarations:read',
  // 申报审核: the receiving health department returns a declaration with its opinion or accepts it (回执).
  'declarations:review',
  // 历史申报导入: legacy declarations migrated from a spreadsheet through the import pipeline.
  'declarations:import',
  // 用人单位数据库: import other departments' lists of potential employers, resolve matches, statuses,
  // half-yearly snapshots and door-to-door guidance (入户指导) tasks (R28, R29).
  'employer_census:manage',
  // 申报调度: declaration rates, the quarterly dispatch report (季调度), sampling results, white/black lists.
  'declaration_oversight:read',
  // 指标与驾驶舱: live indicators against the policy targets for the user's region (issue 18).
  'indicators:read',
  // 申报抽查与名单: the provincial sampling check (recorded seed) and the white/black list decisions (R30).
  'declaration_oversight:manage',
  // 指标汇总核对: recount the indicator summaries from the facts and report (or repair) any drift.
  'indicators:verify',
] as const;

export type PermissionKey = (typeof permissionKeys)[number];

/**
 * Permissions that belong to the separated administrator duties (三权分立) and may never be granted to a
 * business role: the server refuses them in custom roles and the web app does not offer them.
 */
export const adminDutyPermissions: ReadonlySet<PermissionKey> = new Set<PermissionKey>([
  'users:assign_roles',
  'users:unlock',
  'roles:manage',
  'sessions:read',
  'sessions:revoke',
  'login_logs:read',
  'audit:read',
  'audit:verify',
]);

/** What a route may declare: a permission key, any signed-in user, or anonymous access. */
export type RouteAccess = PermissionKey | 'authenticated' | 'public';

export const organisationKinds = [
  'health_commission',
  'disease_control_bureau',
  'qc_centre',
  'support_institution',
  'exam_institution',
  'diagnosis_institution',
  'service_institution',
  'rehab_station',
  'employer',
  'platform_operator',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisationKindLabels: Record<OrganisationKind, { zh: string; en: string }> = {
  health_commission: { zh: '卫生健康委员会', en: 'Health commission' },
  disease_control_bureau: { zh: '疾病预防控制局', en: 'Disease-control bureau' },
  qc_centre: { zh: '职业健康质量控制中心', en: 'Provincial QC centre' },
  support_institution: { zh: '技术支撑机构', en: 'Technical-support institution' },
  exam_institution: { zh: '职业健康检查机构', en: 'Occupational-health exam institution' },
  diagnosis_institution: { zh: '职业病诊断机构', en: 'Occupational-disease diagnosis institution' },
  service_institution: { zh: '职业卫生技术服务机构', en: 'Technical-service institution' },
  rehab_station: { zh: '尘肺病康复站', en: 'Pneumoconiosis rehabilitation station' },
  employer: { zh: '用人单位', en: 'Employer' },
  platform_operator: { zh: '平台运维单位', en: 'Platform operator' },
};

/** Regulators and support institutions see their region subtree; see DESIGN §2. */
export const regulatorKinds: readonly OrganisationKind[] = ['health_commission', 'disease_control_bureau'];

export type RoleDefinition = {
  key: string;
  nameZh: string;
  nameEn: string;
  /** Separation of duties (三权分立): system, security and audit administration never share a role. */
  duty: 'business' | 'system_admin' | 'security_admin' | 'audit_admin';
  permissions: readonly PermissionKey[];
};

const readOrgs: PermissionKey[] = ['catalogues:read', 'organisations:read'];
/**
 * Every business role keeps its own organisation's contact person, phone, address and staff counts
 * (本单位信息); name, credit code, region and type stay with the regulator (organisations:update).
 */
const ownOrg: PermissionKey[] = ['organisation_profile:update'];

export const builtInRoles: readonly RoleDefinition[] = [
  {
    key: 'regulator',
    nameZh: '监管人员',
    nameEn: 'Regulator',
    duty: 'business',
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'organisations:export',
      'users:read',
      'exam_reports:read',
      'exam_reports:review',
      'suspected_cases:record',
      'workers:read',
      'workers:reveal',
      'diagnosis_reports:read',
      'exam_sampling:manage',
      'filings:read',
      'filings:review',
      'verifications:read',
      'verifications:manage',
      'outbound:read',
      'outbound:acknowledge',
      'qc:read',
      'rectifications:read',
      'rectifications:manage',
      'equipment:read',
      'coverage:read',
      'public_lists:publish',
      'employers:read',
      'employers:manage',
      'declarations:read',
      'declarations:review',
      'employer_census:manage',
      'declaration_oversight:read',
      'indicators:read',
      'declaration_oversight:manage',
    ],
  },
  {
    key: 'regulator_admin',
    nameZh: '监管单位管理员',
    nameEn: 'Regulator administrator',
    duty: 'business',
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'organisations:create',
      'organisations:update',
      'organisations:delete',
      'organisations:import',
      'organisations:export',
      'users:read',
      'exam_reports:read',
      'exam_reports:review',
      'exam_reports:export',
      'suspected_cases:record',
      'workers:read',
      'workers:reveal',
      'diagnosis_reports:read',
      'exam_sampling:manage',
      'filings:read',
      'filings:review',
      'calendar:manage',
      'verifications:read',
      'verifications:manage',
      'outbound:read',
      'outbound:acknowledge',
      'outbound:configure',
      'qc:read',
      'rectifications:read',
      'rectifications:manage',
      'equipment:read',
      'equipment:manage',
      'equipment:record',
      'coverage:read',
      'public_lists:publish',
      'employers:read',
      'employers:manage',
      'declarations:read',
      'declarations:review',
      'declarations:import',
      'employer_census:manage',
      'declaration_oversight:read',
      'indicators:read',
      'declaration_oversight:manage',
    ],
  },
  {
    key: 'qc_staff',
    nameZh: '质控中心人员',
    nameEn: 'QC centre staff',
    duty: 'business',
    // The provincial QC centre keeps the standards' administrator data (limit rows, GBZ 188 tables).
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'organisations:export',
      'standards:manage',
      'exam_reports:read',
      'diagnosis_reports:read',
      'exam_sampling:manage',
      'filings:read',
      'verifications:read',
      'verifications:manage',
      'outbound:read',
      'qc:read',
      'qc:manage',
      'rectifications:read',
      'rectifications:manage',
      'equipment:read',
      'equipment:manage',
      'equipment:record',
      'coverage:read',
      'employers:read',
      'declarations:read',
      'declaration_oversight:read',
      'indicators:read',
    ],
  },
  {
    key: 'support_staff',
    nameZh: '技术支撑机构人员',
    nameEn: 'Support-institution staff',
    duty: 'business',
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'exam_reports:read',
      'diagnosis_reports:read',
      'qc:read',
      'qc:self_assess',
      'rectifications:read',
      'rectifications:respond',
      'equipment:read',
      'equipment:record',
      'employers:read',
      'declarations:read',
      'employer_census:manage',
      'declaration_oversight:read',
      'indicators:read',
    ],
  },
  {
    key: 'exam_staff',
    nameZh: '体检机构人员',
    nameEn: 'Exam-institution staff',
    duty: 'business',
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'exam_reports:submit',
      'exam_reports:read',
      'suspected_cases:record',
      'workers:read',
      'workers:reveal',
      'api_tokens:manage',
      'filings:submit',
      'filings:read',
      'verifications:read',
      'outbound:submit',
      'outbound:read',
      'qc:read',
      'qc:self_assess',
      'rectifications:read',
      'rectifications:respond',
    ],
  },
  {
    key: 'diagnosis_staff',
    nameZh: '诊断机构人员',
    nameEn: 'Diagnosis-institution staff',
    duty: 'business',
    // Its own diagnosis reports (a report records the diagnosed / excluded step of the suspected case it
    // resolves); tokens for its own software.
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'diagnosis_reports:submit',
      'diagnosis_reports:read',
      'api_tokens:manage',
      'filings:submit',
      'filings:read',
      'verifications:read',
      'qc:read',
      'qc:self_assess',
      'rectifications:read',
      'rectifications:respond',
    ],
  },
  {
    key: 'service_staff',
    nameZh: '技术服务机构人员',
    nameEn: 'Technical-service staff',
    duty: 'business',
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'filings:submit',
      'filings:read',
      'qc:read',
      'qc:self_assess',
      'rectifications:read',
      'rectifications:respond',
      'equipment:read',
      'equipment:record',
    ],
  },
  {
    key: 'rehab_staff',
    nameZh: '康复站人员',
    nameEn: 'Rehabilitation-station staff',
    duty: 'business',
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'qc:read',
      'qc:self_assess',
      'rectifications:read',
      'rectifications:respond',
    ],
  },
  {
    key: 'employer_staff',
    nameZh: '用人单位人员',
    nameEn: 'Employer staff',
    duty: 'business',
    // Its workers' exams (the cards that name it as employer), personal data masked.
    permissions: [
      ...readOrgs,
      ...ownOrg,
      'exam_reports:read',
      'suspected_cases:record',
      'workers:read',
      'diagnosis_reports:read',
      'employers:read',
      'declarations:submit',
      'declarations:read',
    ],
  },
  {
    key: 'system_admin',
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    duty: 'system_admin',
    permissions: [
      'catalogues:read',
      'organisations:read',
      'organisations:create',
      'organisations:update',
      'organisations:delete',
      'organisations:import',
      'organisations:export',
      'users:read',
      'users:create',
      'users:update',
      'users:reset_password',
      'roles:read',
      'pii:reveal',
      'calendar:manage',
      'indicators:verify',
    ],
  },
  {
    key: 'security_admin',
    nameZh: '安全管理员',
    nameEn: 'Security administrator',
    duty: 'security_admin',
    // Account management for administrator accounts only (users.policy.ts); business accounts are the
    // system administrator's.
    permissions: [
      'catalogues:read',
      'users:read',
      'users:create',
      'users:update',
      'users:reset_password',
      'users:unlock',
      'users:assign_roles',
      'roles:read',
      'roles:manage',
      'sessions:read',
      'sessions:revoke',
      'login_logs:read',
    ],
  },
  {
    key: 'audit_admin',
    nameZh: '审计管理员',
    nameEn: 'Audit administrator',
    duty: 'audit_admin',
    permissions: ['catalogues:read', 'audit:read', 'audit:verify', 'login_logs:read'],
  },
];
