/**
 * Indicator summaries (issue 18 item 2): per-measure counts of exam cards, suspected cases and
 * diagnosis reports per county, month, institution and dimension, kept by triggers in the facts' own
 * transactions (migration 0045), read in one statement, merged by a job, verified against the facts.
 */
export {
  factCounts,
  listVerifications,
  MEASURES,
  mergeDeltas,
  openClockCounts,
  openClocksFromFacts,
  runVerification,
  SUMMARY_RULES,
  summaryCounts,
  verifySummaries,
  type CountQuery,
  type CountRow,
  type DriftRow,
  type GroupBy,
  type Measure,
  type OpenClockQuery,
  type OpenClockRow,
  type VerificationResult,
} from './indicator-summaries.service.js';
export {
  MERGE_JOB,
  registerIndicatorSummaryJobs,
  registerIndicatorSummaryRoutes,
} from './indicator-summaries.routes.js';
export { scheduleSummaryMerge } from './indicator-summaries.schedule.js';
