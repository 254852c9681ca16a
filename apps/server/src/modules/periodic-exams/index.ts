/**
 * 体检到期提醒 (issue 15 item 7): who is due for a periodic exam, from the latest exam per worker and
 * factor and the standards engine's GBZ 188 cycle for the edition in force on its date.
 */
export { registerPeriodicExamRoutes } from './periodic-exams.routes.js';
