/** Routes; each page names the permission it needs (the same keys as the menu and the server). */
import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { LoginPage } from '../features/auth/LoginPage';
import { useAuth } from './auth';
import { AppLayout } from './layout';

// Every page loads on first visit, in a chunk of its own (with the modules only it uses): the first
// page of a browser session parses the shell and that page, not the whole application.
const EmployerCensusPage = lazy(() =>
  import('../features/employer-census/EmployerCensusPage').then((m) => ({ default: m.EmployerCensusPage })),
);
const AccountPage = lazy(() =>
  import('../features/account/AccountPage').then((m) => ({ default: m.AccountPage })),
);
const ApiTokensPage = lazy(() =>
  import('../features/api-tokens/ApiTokensPage').then((m) => ({ default: m.ApiTokensPage })),
);
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const CatalogueEntriesPage = lazy(() =>
  import('../features/catalogues/CatalogueEntriesPage').then((m) => ({ default: m.CatalogueEntriesPage })),
);
const CataloguesPage = lazy(() =>
  import('../features/catalogues/CataloguesPage').then((m) => ({ default: m.CataloguesPage })),
);
const CalendarPage = lazy(() =>
  import('../features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })),
);
const ExamCardsPage = lazy(() =>
  import('../features/exam-cards/ExamCardsPage').then((m) => ({ default: m.ExamCardsPage })),
);
const ExamSampleDetailPage = lazy(() =>
  import('../features/exam-sampling/ExamSampleDetailPage').then((m) => ({ default: m.ExamSampleDetailPage })),
);
const ExamSamplingPage = lazy(() =>
  import('../features/exam-sampling/ExamSamplingPage').then((m) => ({ default: m.ExamSamplingPage })),
);
const PeriodicExamsPage = lazy(() =>
  import('../features/periodic-exams/PeriodicExamsPage').then((m) => ({ default: m.PeriodicExamsPage })),
);
const ImportsPage = lazy(() =>
  import('../features/imports/ImportsPage').then((m) => ({ default: m.ImportsPage })),
);
const MyOrganisationPage = lazy(() =>
  import('../features/organisations/MyOrganisationPage').then((m) => ({ default: m.MyOrganisationPage })),
);
const OrganisationsPage = lazy(() =>
  import('../features/organisations/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })),
);
const RolesPage = lazy(() => import('../features/roles/RolesPage').then((m) => ({ default: m.RolesPage })));
const LoginLogPage = lazy(() =>
  import('../features/sessions/LoginLogPage').then((m) => ({ default: m.LoginLogPage })),
);
const SessionsPage = lazy(() =>
  import('../features/sessions/SessionsPage').then((m) => ({ default: m.SessionsPage })),
);
const SuspectedCasesPage = lazy(() =>
  import('../features/suspected-cases/SuspectedCasesPage').then((m) => ({ default: m.SuspectedCasesPage })),
);
const WorkersPage = lazy(() =>
  import('../features/workers/WorkersPage').then((m) => ({ default: m.WorkersPage })),
);
const DiagnosisReportsPage = lazy(() =>
  import('../features/diagnosis-reports/DiagnosisReportsPage').then((m) => ({
    default: m.DiagnosisReportsPage,
  })),
);
const FilingReviewPage = lazy(() =>
  import('../features/filings/FilingReviewPage').then((m) => ({ default: m.FilingReviewPage })),
);
const MyFilingPage = lazy(() =>
  import('../features/filings/MyFilingPage').then((m) => ({ default: m.MyFilingPage })),
);
const DeclarationPage = lazy(() =>
  import('../features/declarations/DeclarationPage').then((m) => ({ default: m.DeclarationPage })),
);
const DeclarationsPage = lazy(() =>
  import('../features/declarations/DeclarationsPage').then((m) => ({ default: m.DeclarationsPage })),
);
const OutboundNoticesPage = lazy(() =>
  import('../features/outbound/OutboundNoticesPage').then((m) => ({ default: m.OutboundNoticesPage })),
);
const OutboundQueuePage = lazy(() =>
  import('../features/outbound/OutboundQueuePage').then((m) => ({ default: m.OutboundQueuePage })),
);
const OutboundSettingsPage = lazy(() =>
  import('../features/outbound/OutboundSettingsPage').then((m) => ({ default: m.OutboundSettingsPage })),
);
const VerificationDetailPage = lazy(() =>
  import('../features/verifications/VerificationDetailPage').then((m) => ({
    default: m.VerificationDetailPage,
  })),
);
const VerificationsPage = lazy(() =>
  import('../features/verifications/VerificationsPage').then((m) => ({ default: m.VerificationsPage })),
);
const QcAssessmentDetailPage = lazy(() =>
  import('../features/qc/QcAssessmentDetailPage').then((m) => ({ default: m.QcAssessmentDetailPage })),
);
const QcAssessmentsPage = lazy(() =>
  import('../features/qc/QcAssessmentsPage').then((m) => ({ default: m.QcAssessmentsPage })),
);
const QcPlansPage = lazy(() =>
  import('../features/qc/QcPlansPage').then((m) => ({ default: m.QcPlansPage })),
);
const DeclarationRatesPage = lazy(() =>
  import('../features/declaration-oversight/DeclarationRatesPage').then((m) => ({
    default: m.DeclarationRatesPage,
  })),
);
const DispatchPage = lazy(() =>
  import('../features/declaration-oversight/DispatchPage').then((m) => ({ default: m.DispatchPage })),
);
const DeclarationSamplingPage = lazy(() =>
  import('../features/declaration-oversight/SamplingPage').then((m) => ({ default: m.SamplingPage })),
);
const DeclarationListsPage = lazy(() =>
  import('../features/declaration-oversight/ListsPage').then((m) => ({ default: m.ListsPage })),
);
const InspectionDrawsPage = lazy(() =>
  import('../features/declaration-oversight/InspectionDrawsPage').then((m) => ({
    default: m.InspectionDrawsPage,
  })),
);
const QcTemplateDetailPage = lazy(() =>
  import('../features/qc/QcTemplateDetailPage').then((m) => ({ default: m.QcTemplateDetailPage })),
);
const QcTemplatesPage = lazy(() =>
  import('../features/qc/QcTemplatesPage').then((m) => ({ default: m.QcTemplatesPage })),
);
const EquipmentCataloguePage = lazy(() =>
  import('../features/equipment/EquipmentCataloguePage').then((m) => ({ default: m.EquipmentCataloguePage })),
);
const EquipmentCompliancePage = lazy(() =>
  import('../features/equipment/EquipmentCompliancePage').then((m) => ({
    default: m.EquipmentCompliancePage,
  })),
);
const EquipmentLedgerPage = lazy(() =>
  import('../features/equipment/EquipmentLedgerPage').then((m) => ({ default: m.EquipmentLedgerPage })),
);
const CoveragePage = lazy(() =>
  import('../features/coverage/CoveragePage').then((m) => ({ default: m.CoveragePage })),
);
const RectificationsPage = lazy(() =>
  import('../features/rectifications/RectificationsPage').then((m) => ({ default: m.RectificationsPage })),
);
const RectificationDetailPage = lazy(() =>
  import('../features/rectifications/RectificationDetailPage').then((m) => ({
    default: m.RectificationDetailPage,
  })),
);
const RectificationRatesPage = lazy(() =>
  import('../features/rectifications/RectificationRatesPage').then((m) => ({
    default: m.RectificationRatesPage,
  })),
);
const PairingsPage = lazy(() =>
  import('../features/rectifications/PairingsPage').then((m) => ({ default: m.PairingsPage })),
);
const DocumentPage = lazy(() =>
  import('../features/documents/DocumentPage').then((m) => ({ default: m.DocumentPage })),
);
const VerifyDocumentPage = lazy(() =>
  import('../features/documents/VerifyDocumentPage').then((m) => ({ default: m.VerifyDocumentPage })),
);
const PublicIndexPage = lazy(() =>
  import('../features/public-lists/PublicPages').then((m) => ({ default: m.PublicIndexPage })),
);
const PublicListPage = lazy(() =>
  import('../features/public-lists/PublicPages').then((m) => ({ default: m.PublicListPage })),
);
const PublicListsAdminPage = lazy(() =>
  import('../features/public-lists/PublicListsAdminPage').then((m) => ({ default: m.PublicListsAdminPage })),
);
const EmployerDetailPage = lazy(() =>
  import('../features/employers/EmployerDetailPage').then((m) => ({ default: m.EmployerDetailPage })),
);
const EmployersPage = lazy(() =>
  import('../features/employers/EmployersPage').then((m) => ({ default: m.EmployersPage })),
);
const MyEmployerRedirect = lazy(() =>
  import('../features/employers/EmployersPage').then((m) => ({ default: m.MyEmployerRedirect })),
);
const RegisterPage = lazy(() =>
  import('../features/employers/RegisterPage').then((m) => ({ default: m.RegisterPage })),
);
const RegistrationsPage = lazy(() =>
  import('../features/employers/RegistrationsPage').then((m) => ({ default: m.RegistrationsPage })),
);
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
const WorkbenchPage = lazy(() =>
  import('../features/workbench/WorkbenchPage').then((m) => ({ default: m.WorkbenchPage })),
);
const TodosPage = lazy(() => import('../features/todos/TodosPage').then((m) => ({ default: m.TodosPage })));

// The standards engine (limit tables, catalogues) is large: its page loads on first visit, in its own chunk.
const StandardsPage = lazy(() =>
  import('../features/standards/StandardsPage').then((m) => ({ default: m.StandardsPage })),
);

// 驾驶舱 and 指标目录 (issue 18): ECharts is large, so these pages load on first visit, in their own chunk.
const DashboardPage = lazy(() =>
  import('../features/indicators/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
const IndicatorCataloguePage = lazy(() =>
  import('../features/indicators/CataloguePage').then((m) => ({ default: m.CataloguePage })),
);
const IndicatorReportsPage = lazy(() =>
  import('../features/indicators/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);

const PageSpin = () => (
  <div style={{ display: 'flex', padding: 64, alignItems: 'center', justifyContent: 'center' }}>
    <Spin />
  </div>
);

const FullPageSpin = () => (
  <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
    <Spin size="large" />
  </div>
);

const RequireAuth = ({ children }: { children: ReactNode }) => {
  const { me, loading, forced } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // First login, expired password or a role that requires TOTP: nothing but the account page.
  if (forced && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <>{children}</>;
};

const Forbidden = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
};

const NotFound = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
};

const Need = ({ permission, children }: { permission: string; children: ReactNode }) => {
  const { can } = useAuth();
  return can(permission) ? <>{children}</> : <Forbidden />;
};

const LoginRoute = () => {
  const { me, loading } = useAuth();
  if (loading) return <FullPageSpin />;
  if (me) return <Navigate to="/workbench" replace />;
  return <LoginPage />;
};

export const AppRoutes = () => (
  // The public pages (outside the frame) load on first visit too.
  <Suspense fallback={<FullPageSpin />}>
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      {/* 文书核验: public, no login, outside the shell (readable on a phone). */}
      <Route path="/verify" element={<VerifyDocumentPage />} />
      <Route path="/verify/:code" element={<VerifyDocumentPage />} />
      {/* 信息公开: public lists, no login, outside the shell (readable on a phone). */}
      <Route path="/public" element={<PublicIndexPage />} />
      <Route path="/public/:kind" element={<PublicListPage />} />
      {/* 用人单位注册: public, no login, outside the shell (readable on a phone). */}
      <Route path="/register" element={<RegisterPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/workbench" replace />} />
        <Route path="/workbench" element={<WorkbenchPage />} />
        <Route
          path="/dashboard"
          element={
            <Need permission="indicators:read">
              <Suspense fallback={<PageSpin />}>
                <DashboardPage />
              </Suspense>
            </Need>
          }
        />
        <Route
          path="/indicators/catalogue"
          element={
            <Need permission="indicators:read">
              <Suspense fallback={<PageSpin />}>
                <IndicatorCataloguePage />
              </Suspense>
            </Need>
          }
        />
        <Route
          path="/indicators/reports"
          element={
            <Need permission="indicators:read">
              <Suspense fallback={<PageSpin />}>
                <IndicatorReportsPage />
              </Suspense>
            </Need>
          }
        />
        <Route path="/documents/:id" element={<DocumentPage />} />
        <Route path="/calendar" element={<CalendarPage />} />
        <Route
          path="/my-organisation"
          element={
            <Need permission="organisation_profile:update">
              <MyOrganisationPage />
            </Need>
          }
        />
        <Route
          path="/api-tokens"
          element={
            <Need permission="api_tokens:manage">
              <ApiTokensPage />
            </Need>
          }
        />
        <Route
          path="/exam-samples"
          element={
            <Need permission="exam_sampling:manage">
              <ExamSamplingPage />
            </Need>
          }
        />
        <Route
          path="/exam-samples/:id"
          element={
            <Need permission="exam_sampling:manage">
              <ExamSampleDetailPage />
            </Need>
          }
        />
        <Route
          path="/periodic-exams"
          element={
            <Need permission="exam_reports:read">
              <PeriodicExamsPage />
            </Need>
          }
        />
        <Route
          path="/exam-cards"
          element={
            <Need permission="exam_reports:read">
              <ExamCardsPage />
            </Need>
          }
        />
        <Route
          path="/workers"
          element={
            <Need permission="workers:read">
              <WorkersPage />
            </Need>
          }
        />
        <Route
          path="/todos"
          element={
            <Need permission="organisation_profile:update">
              <TodosPage />
            </Need>
          }
        />
        <Route
          path="/suspected-cases"
          element={
            <Need permission="exam_reports:read">
              <SuspectedCasesPage />
            </Need>
          }
        />
        <Route
          path="/diagnosis-reports"
          element={
            <Need permission="diagnosis_reports:read">
              <DiagnosisReportsPage />
            </Need>
          }
        />
        <Route
          path="/declarations"
          element={
            <Need permission="declarations:read">
              <DeclarationsPage />
            </Need>
          }
        />
        <Route
          path="/declarations/:id"
          element={
            <Need permission="declarations:read">
              <DeclarationPage />
            </Need>
          }
        />
        <Route
          path="/filings/mine"
          element={
            <Need permission="filings:submit">
              <MyFilingPage />
            </Need>
          }
        />
        <Route
          path="/filings"
          element={
            <Need permission="filings:review">
              <FilingReviewPage />
            </Need>
          }
        />
        <Route
          path="/outbound"
          element={
            <Need permission="outbound:submit">
              <OutboundNoticesPage />
            </Need>
          }
        />
        <Route
          path="/outbound/queue"
          element={
            <Need permission="outbound:read">
              <OutboundQueuePage />
            </Need>
          }
        />
        <Route
          path="/outbound/settings"
          element={
            <Need permission="outbound:read">
              <OutboundSettingsPage />
            </Need>
          }
        />
        <Route
          path="/verifications"
          element={
            <Need permission="verifications:read">
              <VerificationsPage />
            </Need>
          }
        />
        <Route
          path="/equipment/requirements"
          element={
            <Need permission="equipment:read">
              <EquipmentCataloguePage />
            </Need>
          }
        />
        <Route
          path="/equipment/ledger"
          element={
            <Need permission="equipment:read">
              <EquipmentLedgerPage />
            </Need>
          }
        />
        <Route
          path="/equipment/compliance"
          element={
            <Need permission="equipment:read">
              <EquipmentCompliancePage />
            </Need>
          }
        />
        <Route
          path="/declaration-oversight"
          element={
            <Need permission="declaration_oversight:read">
              <DeclarationRatesPage />
            </Need>
          }
        />
        <Route
          path="/declaration-oversight/dispatch"
          element={
            <Need permission="declaration_oversight:read">
              <DispatchPage />
            </Need>
          }
        />
        <Route
          path="/declaration-oversight/sampling"
          element={
            <Need permission="declaration_oversight:read">
              <DeclarationSamplingPage />
            </Need>
          }
        />
        <Route
          path="/declaration-oversight/lists"
          element={
            <Need permission="declaration_oversight:read">
              <DeclarationListsPage />
            </Need>
          }
        />
        <Route
          path="/declaration-oversight/inspections"
          element={
            <Need permission="declaration_oversight:read">
              <InspectionDrawsPage />
            </Need>
          }
        />
        <Route
          path="/coverage"
          element={
            <Need permission="coverage:read">
              <CoveragePage />
            </Need>
          }
        />
        <Route
          path="/verifications/:id"
          element={
            <Need permission="verifications:read">
              <VerificationDetailPage />
            </Need>
          }
        />
        <Route
          path="/qc/templates"
          element={
            <Need permission="qc:read">
              <QcTemplatesPage />
            </Need>
          }
        />
        <Route
          path="/qc/templates/:id"
          element={
            <Need permission="qc:read">
              <QcTemplateDetailPage />
            </Need>
          }
        />
        <Route
          path="/qc/plans"
          element={
            <Need permission="qc:read">
              <QcPlansPage />
            </Need>
          }
        />
        <Route
          path="/qc/assessments"
          element={
            <Need permission="qc:read">
              <QcAssessmentsPage />
            </Need>
          }
        />
        <Route
          path="/qc/assessments/:id"
          element={
            <Need permission="qc:read">
              <QcAssessmentDetailPage />
            </Need>
          }
        />
        <Route
          path="/qc/self"
          element={
            <Need permission="qc:self_assess">
              <QcAssessmentsPage self />
            </Need>
          }
        />
        <Route
          path="/rectifications"
          element={
            <Need permission="rectifications:read">
              <RectificationsPage />
            </Need>
          }
        />
        <Route
          path="/rectifications/mine"
          element={
            <Need permission="rectifications:respond">
              <RectificationsPage mine />
            </Need>
          }
        />
        <Route
          path="/rectifications/rates"
          element={
            <Need permission="rectifications:read">
              <RectificationRatesPage />
            </Need>
          }
        />
        <Route
          path="/rectifications/pairings"
          element={
            <Need permission="rectifications:read">
              <PairingsPage />
            </Need>
          }
        />
        <Route
          path="/rectifications/rounds/:id"
          element={
            <Need permission="rectifications:read">
              <RectificationDetailPage />
            </Need>
          }
        />
        <Route
          path="/rectifications/:id"
          element={
            <Need permission="rectifications:read">
              <RectificationDetailPage />
            </Need>
          }
        />
        <Route
          path="/employers"
          element={
            <Need permission="employers:read">
              <EmployersPage />
            </Need>
          }
        />
        <Route
          path="/employers/mine"
          element={
            <Need permission="employers:read">
              <MyEmployerRedirect />
            </Need>
          }
        />
        <Route
          path="/employers/:id"
          element={
            <Need permission="employers:read">
              <EmployerDetailPage />
            </Need>
          }
        />
        <Route
          path="/employer-registrations"
          element={
            <Need permission="employers:manage">
              <RegistrationsPage />
            </Need>
          }
        />
        <Route
          path="/employer-census"
          element={
            <Need permission="employer_census:manage">
              <EmployerCensusPage />
            </Need>
          }
        />
        <Route
          path="/public-lists"
          element={
            <Need permission="public_lists:publish">
              <PublicListsAdminPage />
            </Need>
          }
        />
        <Route
          path="/organisations"
          element={
            <Need permission="organisations:read">
              <OrganisationsPage />
            </Need>
          }
        />
        <Route
          path="/users"
          element={
            <Need permission="users:read">
              <UsersPage />
            </Need>
          }
        />
        <Route
          path="/roles"
          element={
            <Need permission="roles:read">
              <RolesPage />
            </Need>
          }
        />
        <Route
          path="/sessions"
          element={
            <Need permission="sessions:read">
              <SessionsPage />
            </Need>
          }
        />
        <Route
          path="/login-logs"
          element={
            <Need permission="login_logs:read">
              <LoginLogPage />
            </Need>
          }
        />
        <Route
          path="/audit"
          element={
            <Need permission="audit:read">
              <AuditPage />
            </Need>
          }
        />
        <Route
          path="/catalogues"
          element={
            <Need permission="catalogues:read">
              <CataloguesPage />
            </Need>
          }
        />
        <Route
          path="/catalogues/:id"
          element={
            <Need permission="catalogues:read">
              <CatalogueEntriesPage />
            </Need>
          }
        />
        <Route
          path="/standards"
          element={
            <Suspense fallback={<PageSpin />}>
              <StandardsPage />
            </Suspense>
          }
        />
        {/* Every signed-in user: the server shows each user only their own uploads. */}
        <Route path="/imports" element={<ImportsPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  </Suspense>
);
