/**
 * 工作日历 (working-day calendar, issue 16 item 1): holidays and make-up workdays as data, entered and
 * imported by administrators, audited. `workingCalendar(db)` is the one calendar every clock counts on.
 */
export { registerCalendarRoutes } from './calendar.routes.js';
export { calendarImportSpec } from './calendar.import.js';
export {
  CALENDAR_CACHE_MS,
  invalidateWorkingCalendar,
  syncShippedCalendar,
  workingCalendar,
} from './calendar.service.js';
