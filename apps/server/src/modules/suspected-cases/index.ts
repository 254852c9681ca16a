/** The suspected-case chain (疑似职业病追踪, issue 15 item 7): cases opened by stored cards, their clocks and steps. */
export { registerSuspectedCaseRoutes } from './suspected-cases.routes.js';
export { SUSPECTED_CLOCKS, updateChain } from './suspected-cases.chain.js';
export { caseIdsOfCards } from './suspected-cases.repository.js';
export { recordCaseEvent, recordDiagnosisOutcome, type DiagnosisOutcome } from './suspected-cases.service.js';
