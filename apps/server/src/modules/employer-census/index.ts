/** 用人单位数据库 (the coverage database of potential employers, issue 17 item 4): lists, matching, review, follow-ups, snapshots. */
export { registerEmployerCensusRoutes, DEMO_CENSUS } from './employer-census.routes.js';
export { normaliseName, EmployerIndex } from './employer-census.matcher.js';
export { seedDemoEmployerCensus } from './employer-census.demo.js';
