/** Registers every module's routes; the only place that knows the whole list. */
import { getRegion } from '@ohp/reference';
import type { AppInstance, Deps } from '../platform/http/types.js';
import { registerApiTokenRoutes } from './api-tokens/index.js';
import { registerAuditRoutes } from './audit/index.js';
import { registerAuthRoutes } from './auth/index.js';
import { registerCalendarRoutes } from './calendar/index.js';
import { registerCatalogueRoutes } from './catalogues/index.js';
import { registerDeadlineRoutes } from './deadlines/index.js';
import { registerDiagnosisReportRoutes } from './diagnosis-reports/index.js';
import { registerDocumentRoutes } from './documents/index.js';
import { registerExamSamplingRoutes } from './exam-sampling/index.js';
import { registerFilingRoutes } from './filings/index.js';
import { registerDeclarationRoutes } from './declarations/index.js';
import {
  registerExamCardRoutes,
  registerExamCardXmlRoutes,
  registerExamReportRoutes,
} from './exam-reports/index.js';
import { registerHealthRoutes } from './health/index.js';
import { registerImportRoutes } from './imports/index.js';
import { registerOrganisationRoutes } from './organisations/index.js';
import { registerPeriodicExamRoutes } from './periodic-exams/index.js';
import { registerStandardsRoutes } from './standards/index.js';
import { registerSuspectedCaseRoutes } from './suspected-cases/index.js';
import { registerUserRoutes } from './users/index.js';
import { registerWorkerRoutes } from './workers/index.js';
import { registerVerificationRoutes } from './verifications/index.js';
import { registerOutboundRoutes } from './outbound/index.js';
import { registerRectificationRoutes } from './rectifications/index.js';
import { registerEquipmentRoutes } from './equipment/index.js';
import { registerCoverageRoutes } from './coverage/index.js';
import { registerPublicListRoutes } from './public-lists/index.js';
import { registerQcRoutes } from './qc/index.js';
import { registerEmployerCensusRoutes } from './employer-census/index.js';
import { registerEmployerRoutes } from './employers/index.js';
import { registerDeclarationOversightRoutes } from './declaration-oversight/index.js';
import { registerIndicatorSummaryRoutes } from './indicator-summaries/index.js';

export const registerModules = async (app: AppInstance, deps: Deps): Promise<void> => {
  const multipart = (await import('@fastify/multipart')).default;
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps, (code) => getRegion(code)?.name ?? code);
  registerCatalogueRoutes(app);
  registerCalendarRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerStandardsRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerExamReportRoutes(app, deps);
  registerExamCardRoutes(app, deps);
  registerExamCardXmlRoutes(app, deps);
  registerSuspectedCaseRoutes(app, deps);
  registerExamSamplingRoutes(app, deps);
  registerPeriodicExamRoutes(app, deps);
  registerDiagnosisReportRoutes(app, deps);
  registerWorkerRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
  registerFilingRoutes(app, deps);
  registerVerificationRoutes(app, deps);
  registerOutboundRoutes(app, deps);
  registerRectificationRoutes(app, deps);
  registerEquipmentRoutes(app, deps);
  registerCoverageRoutes(app, deps);
  registerPublicListRoutes(app, deps);
  registerQcRoutes(app, deps);
  registerEmployerRoutes(app, deps);
  registerEmployerCensusRoutes(app, deps);
  registerDeclarationRoutes(app, deps);
  registerDeclarationOversightRoutes(app, deps);
  registerDeadlineRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerIndicatorSummaryRoutes(app, deps);
};
