/** The menu as data: each item names the permission it needs; the layout shows what the user holds. */
import {
  AlertOutlined,
  CarryOutOutlined,
  FileProtectOutlined,
  SafetyOutlined,
  FileDoneOutlined,
  ReconciliationOutlined,
  CalendarOutlined,
  AuditOutlined,
  BookOutlined,
  CalculatorOutlined,
  CloudUploadOutlined,
  ApartmentOutlined,
  BankOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  KeyOutlined,
  IdcardOutlined,
  LoginOutlined,
  MedicineBoxOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  MonitorOutlined,
  NotificationOutlined,
  AimOutlined,
  BarChartOutlined,
  ProfileOutlined,
  ToolOutlined,
  ShopOutlined,
  UserAddOutlined,
  FundProjectionScreenOutlined,
  FundOutlined,
  FileTextOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export type MenuEntry = {
  path: string;
  labelKey: string;
  icon: ReactNode;
  permission?: string;
  children?: MenuEntry[];
  /**
   * Shown as a shortcut card on the workbench, described by `workbench.shortcut.<key>`. A function picks
   * the description that matches what the user may do there (null: no card), so a card never promises
   * an action the user's permissions do not allow; the kind of the user's organisation tells apart
   * users whose permissions are alike (an employer and a support institution both only read cards).
   */
  shortcutKey?: string | ((can: (p: string) => boolean, organisationKind?: string) => string | null);
};

export const menuEntries: MenuEntry[] = [
  { path: '/workbench', labelKey: 'menu.workbench', icon: <DashboardOutlined /> },
  // 驾驶舱 and 指标目录 (issue 18): the regulator's indicators against their targets, and their definitions.
  {
    path: '/dashboard',
    labelKey: 'indicators.menu',
    icon: <FundProjectionScreenOutlined />,
    permission: 'indicators:read',
  },
  {
    path: '/indicators/reports',
    labelKey: 'indicators.reports.menu',
    icon: <FileTextOutlined />,
    permission: 'indicators:read',
  },
  {
    path: '/indicators/catalogue',
    labelKey: 'indicators.menuCatalogue',
    icon: <FundOutlined />,
    permission: 'indicators:read',
  },
  // 本单位信息: every business user keeps its own organisation's contact and staff figures.
  {
    path: '/my-organisation',
    labelKey: 'menu.myOrganisation',
    icon: <BankOutlined />,
    permission: 'organisation_profile:update',
    shortcutKey: 'myOrganisation',
  },
  // 待办事项: every business user's statutory clocks (organisation_profile:update marks a business
  // account of an organisation; platform administrators have no clocks).
  {
    path: '/todos',
    labelKey: 'todos.menu',
    icon: <CarryOutOutlined />,
    permission: 'organisation_profile:update',
  },
  // Every signed-in user: a clerk or a technician checks a measurement against the GBZ standards.
  {
    path: '/standards',
    labelKey: 'menu.standards',
    icon: <CalculatorOutlined />,
    shortcutKey: 'standards',
  },
  // 职业健康检查: the exam cards institutions report, reviewed level by level (逐级审核).
  {
    path: '/health-exams',
    labelKey: 'menu.healthExams',
    icon: <MedicineBoxOutlined />,
    children: [
      {
        path: '/exam-cards',
        labelKey: 'menu.examCards',
        icon: <FileSearchOutlined />,
        permission: 'exam_reports:read',
        shortcutKey: (can, kind) =>
          can('exam_reports:review')
            ? 'examCardsReview'
            : can('exam_reports:submit')
              ? 'examCardsInstitution'
              : kind === 'employer'
                ? 'examCardsEmployer'
                : 'examCardsRead',
      },
      // 疑似职业病追踪: the chain each suspected case starts, with its clocks.
      {
        path: '/suspected-cases',
        labelKey: 'menu.suspectedCases',
        icon: <AlertOutlined />,
        permission: 'exam_reports:read',
        shortcutKey: (can, kind) =>
          kind === 'exam_institution'
            ? 'suspectedInstitution'
            : kind === 'employer'
              ? 'suspectedEmployer'
              : kind === 'health_commission' || kind === 'disease_control_bureau'
                ? 'suspectedRegulator'
                : null,
      },
      // 体检到期提醒: who is due for a periodic exam (GBZ 188 cycle by factor and edition); employers
      // first, readable for regulators and institutions.
      {
        path: '/periodic-exams',
        labelKey: 'menu.periodicExams',
        icon: <CalendarOutlined />,
        permission: 'exam_reports:read',
        shortcutKey: (_can, kind) => (kind === 'employer' ? 'periodicEmployer' : null),
      },
      // 个案卡抽查: a regulator or the QC centre draws cards at random and checks them against the paper.
      {
        path: '/exam-samples',
        labelKey: 'menu.examSamples',
        icon: <FileProtectOutlined />,
        permission: 'exam_sampling:manage',
        shortcutKey: 'examSamples',
      },
      // 劳动者档案: the workers in scope and each one's history (an employer's: 本单位劳动者).
      {
        path: '/workers',
        labelKey: 'workers.menu',
        icon: <IdcardOutlined />,
        permission: 'workers:read',
      },
      // 职业病诊断报告: a diagnosis institution reports; regulators, employers and support bodies read.
      {
        path: '/diagnosis-reports',
        labelKey: 'menu.diagnosisReports',
        icon: <SolutionOutlined />,
        permission: 'diagnosis_reports:read',
        shortcutKey: (can) => (can('diagnosis_reports:submit') ? 'diagnosisInstitution' : 'diagnosisRead'),
      },
    ],
  },
  // 机构管理 (issue 16): an institution files (机构备案); the provincial commission reviews (备案审核).
  {
    path: '/institutions',
    labelKey: 'filings.group',
    icon: <ReconciliationOutlined />,
    children: [
      {
        path: '/filings/mine',
        labelKey: 'filings.menuMine',
        icon: <FileDoneOutlined />,
        permission: 'filings:submit',
      },
      {
        path: '/filings',
        labelKey: 'filings.menuReview',
        icon: <FileProtectOutlined />,
        permission: 'filings:review',
      },
      // 现场核查: the QC centre verifies new filings on site; commissions read, an institution its own.
      {
        path: '/verifications',
        labelKey: 'verifications.menu',
        icon: <SafetyOutlined />,
        permission: 'verifications:read',
      },
      // 整改台账: the QC centre and the regulators keep the ledger, the rates and the pairings; an
      // institution answers its own items (我的整改) and reads its rate and pairings.
      {
        path: '/rectifications',
        labelKey: 'rectifications.menuLedger',
        icon: <AuditOutlined />,
        permission: 'rectifications:manage',
      },
      {
        path: '/rectifications/mine',
        labelKey: 'rectifications.menuMine',
        icon: <AuditOutlined />,
        permission: 'rectifications:respond',
      },
      {
        path: '/rectifications/rates',
        labelKey: 'rectifications.menuRates',
        icon: <DashboardOutlined />,
        permission: 'rectifications:read',
      },
      {
        path: '/rectifications/pairings',
        labelKey: 'rectifications.menuPairings',
        icon: <TeamOutlined />,
        permission: 'rectifications:read',
      },
      // 外出体检告知: the institution notifies; the employer's county (or the delegated city) acknowledges.
      {
        path: '/outbound',
        labelKey: 'outbound.menuMine',
        icon: <CarryOutOutlined />,
        permission: 'outbound:submit',
      },
      {
        path: '/outbound/queue',
        labelKey: 'outbound.menuQueue',
        icon: <CarryOutOutlined />,
        permission: 'outbound:acknowledge',
      },
      // 外出体检设置: the provincial commission keeps the notice period and the delegated counties.
      {
        path: '/outbound/settings',
        labelKey: 'outbound.menuSettings',
        icon: <SettingOutlined />,
        permission: 'outbound:configure',
      },
      // 设备配置 (issue 16 item 7): the catalogue, an institution's ledger, compliance by region and institution.
      {
        path: '/equipment/requirements',
        labelKey: 'equipment.menuCatalogue',
        icon: <ProfileOutlined />,
        permission: 'equipment:read',
      },
      {
        path: '/equipment/ledger',
        labelKey: 'equipment.menuLedger',
        icon: <ToolOutlined />,
        permission: 'equipment:read',
      },
      {
        path: '/equipment/compliance',
        labelKey: 'equipment.menuCompliance',
        icon: <BarChartOutlined />,
        permission: 'equipment:read',
      },
      // 规划目标 (issue 16 item 9): each city's and county's public institution.
      {
        path: '/coverage',
        labelKey: 'coverage.menu',
        icon: <AimOutlined />,
        permission: 'coverage:read',
      },
      // 信息公开管理: the provincial commission previews, publishes and withdraws the public lists.
      {
        path: '/public-lists',
        labelKey: 'publicLists.menu',
        icon: <NotificationOutlined />,
        permission: 'public_lists:publish',
      },
    ],
  },
  // 用人单位库 (issue 17 items 1 and 3): the employer base database in scope, an employer's own record,
  // and the county's queue of employer self-registrations.
  {
    path: '/employers-group',
    labelKey: 'employers.group',
    icon: <ShopOutlined />,
    children: [
      {
        path: '/employers',
        labelKey: 'employers.menuList',
        icon: <ShopOutlined />,
        permission: 'employers:read',
      },
      // Only employers declare: their own base record (the page opens /employers/<own id>).
      {
        path: '/employers/mine',
        labelKey: 'employers.menuOwn',
        icon: <IdcardOutlined />,
        permission: 'declarations:submit',
      },
      {
        path: '/employer-registrations',
        labelKey: 'employers.menuRegistrations',
        icon: <UserAddOutlined />,
        permission: 'employers:manage',
      },
      // 用人单位数据库 (issue 17 item 4): department lists, matching review, statuses, 入户指导, 半年报送.
      {
        path: '/employer-census',
        labelKey: 'census.menu',
        icon: <FileSearchOutlined />,
        permission: 'employer_census:manage',
      },
    ],
  },
  // 职业病危害项目申报 (issue 17 item 2): an employer's declarations; the county's queue (待受理) and list.
  {
    path: '/declarations-group',
    labelKey: 'declarations.group',
    icon: <FileProtectOutlined />,
    children: [
      {
        path: '/declarations',
        labelKey: 'declarations.menu',
        icon: <FileDoneOutlined />,
        permission: 'declarations:read',
      },
    ],
  },
  // 申报调度 (issue 17 item 5): declaration rates against the 2024/2025 targets, the quarterly dispatch,
  // the provincial sampling check and the white/black lists.
  {
    path: '/declaration-oversight-group',
    labelKey: 'declarationOversight.group',
    icon: <BarChartOutlined />,
    children: [
      {
        path: '/declaration-oversight',
        labelKey: 'declarationOversight.menuRates',
        icon: <AimOutlined />,
        permission: 'declaration_oversight:read',
      },
      {
        path: '/declaration-oversight/dispatch',
        labelKey: 'declarationOversight.menuDispatch',
        icon: <ProfileOutlined />,
        permission: 'declaration_oversight:read',
      },
      {
        path: '/declaration-oversight/sampling',
        labelKey: 'declarationOversight.menuSampling',
        icon: <FileSearchOutlined />,
        permission: 'declaration_oversight:read',
      },
      {
        path: '/declaration-oversight/lists',
        labelKey: 'declarationOversight.menuLists',
        icon: <SafetyOutlined />,
        permission: 'declaration_oversight:read',
      },
      {
        path: '/declaration-oversight/inspections',
        labelKey: 'declarationOversight.menuInspections',
        icon: <AimOutlined />,
        permission: 'declaration_oversight:read',
      },
    ],
  },
  // 质量控制 (issue 16 item 5): the QC centre's forms, the yearly plan and assessments; commissions read
  // their region's; an institution reads its results and fills its own self-assessment.
  {
    path: '/qc',
    labelKey: 'qc.group',
    icon: <SafetyCertificateOutlined />,
    children: [
      {
        path: '/qc/templates',
        labelKey: 'qc.menuTemplates',
        icon: <ProfileOutlined />,
        permission: 'qc:manage',
      },
      { path: '/qc/plans', labelKey: 'qc.menuPlans', icon: <CalendarOutlined />, permission: 'qc:read' },
      {
        path: '/qc/assessments',
        labelKey: 'qc.menuAssessments',
        icon: <FileDoneOutlined />,
        permission: 'qc:read',
      },
      { path: '/qc/self', labelKey: 'qc.menuSelf', icon: <SolutionOutlined />, permission: 'qc:self_assess' },
    ],
  },
  {
    path: '/system',
    labelKey: 'menu.system',
    icon: <SettingOutlined />,
    children: [
      {
        path: '/organisations',
        labelKey: 'menu.organisations',
        icon: <ApartmentOutlined />,
        permission: 'organisations:read',
        shortcutKey: (can) =>
          ['organisations:create', 'organisations:update', 'organisations:import'].some(can)
            ? 'organisations'
            : can('organisations:export')
              ? 'organisationsExport'
              : 'organisationsRead',
      },
      {
        path: '/users',
        labelKey: 'menu.users',
        icon: <TeamOutlined />,
        permission: 'users:read',
        shortcutKey: (can) => (can('users:update') ? 'users' : 'usersRead'),
      },
      {
        path: '/roles',
        labelKey: 'menu.roles',
        icon: <SafetyCertificateOutlined />,
        permission: 'roles:read',
        shortcutKey: 'roles',
      },
      // 接口令牌: an exam or diagnosis institution's tokens for its own software.
      {
        path: '/api-tokens',
        labelKey: 'menu.apiTokens',
        icon: <KeyOutlined />,
        permission: 'api_tokens:manage',
        shortcutKey: 'apiTokens',
      },
      // 工作日历: holidays and make-up workdays every working-day clock counts on; everyone reads it.
      {
        path: '/calendar',
        labelKey: 'calendar.menu',
        icon: <CalendarOutlined />,
      },
      {
        path: '/catalogues',
        labelKey: 'menu.catalogues',
        icon: <BookOutlined />,
        permission: 'catalogues:read',
        shortcutKey: 'catalogues',
      },
    ],
  },
  {
    path: '/monitor',
    labelKey: 'menu.monitor',
    icon: <MonitorOutlined />,
    children: [
      {
        path: '/sessions',
        labelKey: 'menu.sessions',
        icon: <DesktopOutlined />,
        permission: 'sessions:read',
        shortcutKey: 'sessions',
      },
      {
        path: '/login-logs',
        labelKey: 'menu.loginLogs',
        icon: <LoginOutlined />,
        permission: 'login_logs:read',
        shortcutKey: 'loginLogs',
      },
      {
        path: '/audit',
        labelKey: 'menu.audit',
        icon: <AuditOutlined />,
        permission: 'audit:read',
        shortcutKey: 'audit',
      },
    ],
  },
  // Every signed-in user: the uploads they made (organisations, standards data), as jobs.
  { path: '/imports', labelKey: 'menu.imports', icon: <CloudUploadOutlined /> },
  { path: '/account', labelKey: 'menu.account', icon: <UserOutlined />, shortcutKey: 'account' },
];

/** The entries the user may see; a group with no visible child disappears. */
export const visibleMenu = (can: (p: string) => boolean, entries: MenuEntry[] = menuEntries): MenuEntry[] =>
  entries.flatMap((e) => {
    if (e.children) {
      const children = visibleMenu(can, e.children);
      return children.length ? [{ ...e, children }] : [];
    }
    return !e.permission || can(e.permission) ? [e] : [];
  });

export const flatMenu = (entries: MenuEntry[]): MenuEntry[] =>
  entries.flatMap((e) => (e.children ? flatMenu(e.children) : [e]));

/** The workbench description of an entry's shortcut card for this user, or null for no card. */
export const shortcutKeyOf = (
  e: MenuEntry,
  can: (p: string) => boolean,
  organisationKind?: string,
): string | null =>
  typeof e.shortcutKey === 'function' ? e.shortcutKey(can, organisationKind) : (e.shortcutKey ?? null);
