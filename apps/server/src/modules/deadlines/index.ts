/** The shared clocks (期限): rules as data, open clocks, closing them (issue 15 item 7; issues 16, 17). */
export { dueDate, openDeadlines, overdueDays, type ClockToOpen } from './deadlines.js';
export {
  closeDeadlines,
  deadlineRules,
  deadlinesOf,
  dropDeadlines,
  type DeadlineRule,
} from './deadlines.repository.js';
/** The to-do inbox and the notification centre with its overdue sweep (issue 16 item 1). */
export { registerDeadlineRoutes } from './deadlines.routes.js';
export {
  notifyOrganisations,
  scheduleDeadlineSweep,
  seedDemoNotifications,
  sweepOverdueDeadlines,
  SWEEP_JOB,
  type SweepResult,
} from './notifications.service.js';
