/** 机构备案 (issue 16 item 2): institutions file, the provincial commission returns or files (receipt, capability). */
export { registerFilingRoutes, DEMO_FILING_IDS } from './filings.routes.js';
export { seedDemoFilings, seedDemoEarlierFilings } from './filings.demo.js';
/** 规划目标 (modules/coverage): institutions filed for its demo, and what it counts per institution. */
export { fileDemoInstitutions, type DemoFilingPlan } from './filings.demo.js';
export { unsafeInstitutionFilingsIn } from './filings.repository.js';
export { FILING_CLOCK } from './filings.service.js';
/** The attachment check by content (PDF / JPEG / PNG magic bytes matching the extension), for evidence uploads. */
export { attachmentTypeOf } from './filings.rules.js';
/** 信息公开: the filed exam and diagnosis institutions of a province as public-list rows. */
export { filedInstitutionRows } from './filings.service.js';
/** How public lists print hazard items (one line per category) and regions (省 市 县). */
export { hazardItemsByCategory, regionFullName } from './filings.rules.js';
