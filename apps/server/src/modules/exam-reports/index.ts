/**
 * Health-exam case reports (职业健康检查个案卡, issue 15). So far: the card's rules (item 3). The card
 * store, the doors, the review and the suspected-case chain come next (see the issue).
 */
export { checkExamCard, elementOf, type CardCheck, type CardIssue } from './exam-reports.validate.js';
