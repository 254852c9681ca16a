/** The shared clocks (期限): rules as data, open clocks, closing them (issue 15 item 7; issues 16, 17). */
export { dueDate, openDeadlines, overdueDays, type ClockToOpen } from './deadlines.js';
export {
  closeDeadlines,
  deadlineRules,
  deadlinesOf,
  dropDeadlines,
  type DeadlineRule,
} from './deadlines.repository.js';
