/** Standards calculators (标准计算器) over @ohp/standards, with administrator data in the database. */
export { registerStandardsRoutes } from './standards.routes.js';
export { runCalculator, loadContext } from './standards.service.js';
