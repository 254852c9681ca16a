/**
 * Health-exam case reports (职业健康检查个案卡, issue 15). So far: the card's rules (item 3) and the card
 * store with the worker registry (item 2). The doors, the review and the suspected-case chain come next.
 */
export { checkExamCard, elementOf, type CardCheck, type CardIssue } from './exam-reports.validate.js';
export { maskName, storeCards, type StoreOptions, type StoreOutcome } from './exam-reports.store.js';
