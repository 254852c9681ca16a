/**
 * 职业病危害项目申报 (hazard-project declarations, issue 17 item 2): the employer's declarations in steps,
 * the county's return / acceptance with the verifiable 申报回执, the clocks, the legacy import.
 */
import { onEmployerRegistered } from '../employers/index.js';
import { openClockOfRegisteredEmployer } from './declarations.service.js';

// An employer approved through self-registration owes its 初次申报 at once (employers.events.ts).
onEmployerRegistered(openClockOfRegisteredEmployer);

export { registerDeclarationRoutes, DEMO_DECLARATION_IDS } from './declarations.routes.js';
export { seedDemoDeclarationImport, seedDemoDeclarations } from './declarations.demo.js';
/** The never-declared employer's 初次申报 clock (due at once), set-based, for the employers module. */
export { openNeverDeclaredClocks, DECLARATION_CLOCKS } from './declarations.service.js';
/** The form's rules (annual window), for readers such as the oversight module. */
export { annualWindow, addMonths } from './declarations.rules.js';
