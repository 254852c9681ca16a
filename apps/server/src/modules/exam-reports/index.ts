/**
 * Health-exam case reports (职业健康检查个案卡, issue 15): the card's rules (item 3), the card store with
 * the worker registry (item 2), the JSON batch door on the import job (item 4). The other doors, the
 * review and the suspected-case chain come next.
 */
export { checkExamCard, elementOf, type CardCheck, type CardIssue } from './exam-reports.validate.js';
export { maskName, storeCards, type StoreOptions, type StoreOutcome } from './exam-reports.store.js';
export { registerExamReportRoutes } from './exam-reports.routes.js';
export { registerExamCardRoutes } from './exam-reports.cards.routes.js';
export { registerExamCardXmlRoutes } from './exam-reports.xml.routes.js';
export { cardScopeOf, type CardScope } from './exam-reports.policy.js';
/**
 * The worker registry's match / insert by keyed hash, reused by the diagnosis reports: registerWorkers
 * (in the caller's transaction; known workers with unchanged details are only read; returns ids by
 * workerKeyOf). It replaces the former upsertWorkers, which rewrote every known worker.
 */
export {
  normaliseIdNumber,
  registerWorkers,
  workerIdHash,
  workerKeyOf,
  type WorkerInput,
} from './exam-reports.store.js';
export { organisationsByCreditCode } from './exam-reports.repository.js';
export {
  ensureExamCardPartitions,
  examCardPartitions,
  PARTITION_JOB,
  scheduleExamCardPartitions,
  type ExamCardPartition,
} from './exam-reports.partitions.js';
