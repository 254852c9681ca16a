/** 用人单位库 (employer base database) and employer self-registration (issue 17 items 1 and 3). */
import { onOrganisationsWritten } from '../organisations/index.js';
import { ensureProfilesOf } from './employers.core.js';

// A new employer organisation (单位管理, its import) gets its base record in the same transaction.
onOrganisationsWritten((trx, e) => ensureProfilesOf(trx, e.organisationIds));

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
