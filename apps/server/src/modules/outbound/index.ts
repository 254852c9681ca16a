/** 外出体检告知 (issue 16 item 4, R44, R47): outbound-exam notices, routed to the employer's county or its city. */
export { registerOutboundRoutes, DEMO_OUTBOUND_IDS, DEMO_OUTBOUND_USER } from './outbound.routes.js';
export { seedDemoOutbound } from './outbound.demo.js';
export { eligibilityOf as outboundEligibility } from './outbound.service.js';
