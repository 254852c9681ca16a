/**
 * 规划目标 (coverage targets, issue 16 item 9): each city ≥ 1 public diagnosis institution, each county
 * ≥ 1 public exam institution able to screen pneumoconiosis — computed per request from organisations and
 * filings, with the gaps listed.
 */
export { registerCoverageRoutes } from './coverage.routes.js';
export { seedDemoCoverage } from './coverage.demo.js';
export { coverageReport } from './coverage.service.js';
