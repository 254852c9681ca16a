/** 用人单位库 (employer base database) and employer self-registration (issue 17 items 1 and 3). */
import { onOrganisationsWritten } from '../organisations/index.js';
import { ensureProfilesOf, refreshProfilesOf } from './employers.core.js';

// An employer organisation written through 单位管理 or its import, in the same transaction: a new one
// gets its base record, a changed one its risk class and a new version.
onOrganisationsWritten(async (trx, e) => {
  await ensureProfilesOf(trx, e.organisationIds);
  await refreshProfilesOf(trx, e.organisationIds, `organisations:${e.via}`, e.changedBy);
});

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
export { updateEmployer } from './employers.service.js';
export { seedDemoEmployers } from './employers.demo.js';
export { onEmployerRegistered, type EmployerRegistered } from './employers.events.js';
