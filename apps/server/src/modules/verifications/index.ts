/** 现场核查 (issue 16 item 3, R45): the on-site verification of a new filing, its checklist and capability results. */
export { registerVerificationRoutes, DEMO_VERIFICATION_IDS } from './verifications.routes.js';
export { seedDemoVerifications } from './verifications.demo.js';
export { openVerificationTask, verificationPassed, VERIFICATION_CLOCK } from './verifications.service.js';
/** 信息公开: institutions failing the on-site verification or lacking capability for items, as public-list rows. */
export { lackingCapabilityRows } from './verifications.service.js';
