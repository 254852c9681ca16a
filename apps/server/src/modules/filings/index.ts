/** 机构备案 (issue 16 item 2): institutions file, the provincial commission returns or files (receipt, capability). */
export { registerFilingRoutes, DEMO_FILING_IDS } from './filings.routes.js';
export { seedDemoFilings } from './filings.demo.js';
export { FILING_CLOCK } from './filings.service.js';
/** The attachment check by content (PDF / JPEG / PNG magic bytes matching the extension), for evidence uploads. */
export { attachmentTypeOf } from './filings.rules.js';
