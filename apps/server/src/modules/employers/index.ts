/** 用人单位库 (employer base database) and employer self-registration (issue 17 items 1 and 3). */
export {
  classifyEmployers,
  ensureEmployers,
  enterpriseSizeOf,
  recordDeclaredFigures,
  setEmployerProgrammeStatus,
  type EmployerSource,
  type EnsureEmployerRow,
  type ProgrammeStatus,
  type ProgrammeStatusInput,
} from './employers.core.js';
export {
  employerRiskOf,
  isIndustrialCode,
  type EmployerRisk,
  type EmployerRiskClass,
} from './employers.classify.js';
export { registerEmployerRoutes, DEMO_EMPLOYER_EXAMPLES } from './employers.routes.js';
export { seedDemoEmployers } from './employers.demo.js';
export { onEmployerRegistered, type EmployerRegistered } from './employers.events.js';
