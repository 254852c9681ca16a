/**
 * 设备配置 (equipment compliance, issue 16 item 7): the required-equipment catalogue as data, the
 * institutions' ledgers, compliance per institution and region against 95 % / 85 %.
 */
export { registerEquipmentRoutes, DEMO_EQUIPMENT_IDS } from './equipment.routes.js';
export { equipmentRequirementImportSpec } from './equipment.import.js';
export { seedDemoEquipment } from './equipment.demo.js';
/** The region a region view shows, inside the actor's scope (404 outside); shared with 规划目标. */
export { resolveRegion, regionName } from './equipment.policy.js';
export { complianceReport } from './equipment.service.js';
