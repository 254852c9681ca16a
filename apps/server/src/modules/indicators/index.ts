/**
 * 指标与驾驶舱 (issue 18): indicator definitions and targets as data, live figures per region and
 * period against the policy targets, the dashboard's overview and its export.
 */
export { registerIndicatorRoutes } from './indicators.routes.js';
export { computedIndicators, overview, catalogue } from './indicators.service.js';
export { seedDemoIndicators } from './indicators.demo.js';
