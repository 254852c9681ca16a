/** 质控评估 (issue 16 item 5; R50, R21, R22): versioned forms, yearly plans, assessments and self-assessments. */
export { registerQcRoutes, DEMO_QC_IDS } from './qc.routes.js';
export { seedDemoQc } from './qc.demo.js';
/**
 * For other modules: outbound eligibility (all key items of the latest assessment passed), the public
 * QC-qualified list, and the past failures that rank extra visits.
 */
export { qcKeyItemsPassed, qcQualifiedRows, qcFailureCounts } from './qc.service.js';
