/**
 * Occupational-disease diagnosis reports (职业病诊断报告, issue 15 items 2 and 7): the report's rules, its
 * store (worker registry, versions, the suspected case it resolves, the report clock), the doors and reads.
 */
export { registerDiagnosisReportRoutes } from './diagnosis-reports.routes.js';
export { storeReport, submitReport, type StoreReportOptions } from './diagnosis-reports.service.js';
export { checkDiagnosisReport, isPneumoconiosis } from './diagnosis-reports.validate.js';
