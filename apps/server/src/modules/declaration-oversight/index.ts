/**
 * 申报调度 (declaration oversight, issue 17 item 5; R30, R31): declaration rates with both policy
 * denominators, the quarterly dispatch report, the provincial sampling check and the white/black lists.
 * Reads employer_profile and declaration (the employers' and declarations' tables) read-only.
 */
export { registerDeclarationOversightRoutes } from './declaration-oversight.routes.js';
export { seedDemoDeclarationOversight, seedDemoInspectionDraws } from './declaration-oversight.demo.js';
export { ratesReport } from './declaration-oversight.service.js';
