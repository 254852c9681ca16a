/** Routes; each page names the permission it needs (the same keys as the menu and the server). */
import { EmployerCensusPage } from '../features/employer-census/EmployerCensusPage';
import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { AccountPage } from '../features/account/AccountPage';
import { ApiTokensPage } from '../features/api-tokens/ApiTokensPage';
import { AuditPage } from '../features/audit/AuditPage';
import { LoginPage } from '../features/auth/LoginPage';
import { CatalogueEntriesPage } from '../features/catalogues/CatalogueEntriesPage';
import { CataloguesPage } from '../features/catalogues/CataloguesPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { ExamCardsPage } from '../features/exam-cards/ExamCardsPage';
import { ExamSampleDetailPage } from '../features/exam-sampling/ExamSampleDetailPage';
import { ExamSamplingPage } from '../features/exam-sampling/ExamSamplingPage';
import { PeriodicExamsPage } from '../features/periodic-exams/PeriodicExamsPage';
import { ImportsPage } from '../features/imports/ImportsPage';
import { MyOrganisationPage } from '../features/organisations/MyOrganisationPage';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage';
import { RolesPage } from '../features/roles/RolesPage';
import { LoginLogPage } from '../features/sessions/LoginLogPage';
import { SessionsPage } from '../features/sessions/SessionsPage';
import { SuspectedCasesPage } from '../features/suspected-cases/SuspectedCasesPage';
import { WorkersPage } from '../features/workers/WorkersPage';
import { DiagnosisReportsPage } from '../features/diagnosis-reports/DiagnosisReportsPage';
import { FilingReviewPage } from '../features/filings/FilingReviewPage';
import { MyFilingPage } from '../features/filings/MyFilingPage';
import { DeclarationPage } from '../features/declarations/DeclarationPage';
import { DeclarationsPage } from '../features/declarations/DeclarationsPage';
import { OutboundNoticesPage } from '../features/outbound/OutboundNoticesPage';
import { OutboundQueuePage } from '../features/outbound/OutboundQueuePage';
import { OutboundSettingsPage } from '../features/outbound/OutboundSettingsPage';
import { VerificationDetailPage } from '../features/verifications/VerificationDetailPage';
import { VerificationsPage } from '../features/verifications/VerificationsPage';
import { QcAssessmentDetailPage } from '../features/qc/QcAssessmentDetailPage';
import { QcAssessmentsPage } from '../features/qc/QcAssessmentsPage';
import { QcPlansPage } from '../features/qc/QcPlansPage';
import { DeclarationRatesPage } from '../features/declaration-oversight/DeclarationRatesPage';
import { DispatchPage } from '../features/declaration-oversight/DispatchPage';
import { SamplingPage as DeclarationSamplingPage } from '../features/declaration-oversight/SamplingPage';
import { ListsPage as DeclarationListsPage } from '../features/declaration-oversight/ListsPage';
import { InspectionDrawsPage } from '../features/declaration-oversight/InspectionDrawsPage';
import { QcTemplateDetailPage } from '../features/qc/QcTemplateDetailPage';
import { QcTemplatesPage } from '../features/qc/QcTemplatesPage';
import { EquipmentCataloguePage } from '../features/equipment/EquipmentCataloguePage';
import { EquipmentCompliancePage } from '../features/equipment/EquipmentCompliancePage';
import { EquipmentLedgerPage } from '../features/equipment/EquipmentLedgerPage';
import { CoveragePage } from '../features/coverage/CoveragePage';
import { RectificationsPage } from '../features/rectifications/RectificationsPage';
import { RectificationDetailPage } from '../features/rectifications/RectificationDetailPage';
import { RectificationRatesPage } from '../features/rectifications/RectificationRatesPage';
import { PairingsPage } from '../features/rectifications/PairingsPage';
import { DocumentPage } from '../features/documents/DocumentPage';
import { VerifyDocumentPage } from '../features/documents/VerifyDocumentPage';
import { PublicIndexPage, PublicListPage } from '../features/public-lists/PublicPages';
import { PublicListsAdminPage } from '../features/public-lists/PublicListsAdminPage';
import { EmployerDetailPage } from '../features/employers/EmployerDetailPage';
import { EmployersPage, MyEmployerRedirect } from '../features/employers/EmployersPage';
import { RegisterPage } from '../features/employers/RegisterPage';
import { RegistrationsPage } from '../features/employers/RegistrationsPage';
import { UsersPage } from '../features/users/UsersPage';
import { WorkbenchPage } from '../features/workbench/WorkbenchPage';
import { TodosPage } from '../features/todos/TodosPage';
import { useAuth } from './auth';
import { AppLayout } from './layout';

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
);
