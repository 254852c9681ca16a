/**
 * 整改台账 (issue 16 item 6, R25): findings of QC assessments, on-site verifications, card sampling and
 * inspections as rectification items with owner, due date and clock, evidence, verification and closing
 * (动态销号), re-opening and follow-up re-checks (回头看); 拒不整改 marks; rates; pairing assistance (对口帮扶).
 */
export {
  raiseFindings,
  lateRectificationCounts,
  refusingRectificationRows,
  RECTIFICATION_CLOCKS,
  type FindingInput,
} from './rectifications.service.js';
export {
  registerRectificationRoutes,
  DEMO_RECTIFICATION_IDS,
  DEMO_RECTIFICATION_INSTITUTIONS,
} from './rectifications.routes.js';
export { seedDemoRectifications, seedDemoRectificationProgress } from './rectifications.demo.js';
export { rectificationRatesFor } from './rectifications.rates.js';
