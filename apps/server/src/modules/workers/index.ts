/**
 * The worker registry (劳动者档案, issue 15 item 6): workers in scope, masked; each worker's history
 * across employers and institutions; the audited reveal and export; key rotation of the personal data.
 */
export { registerWorkerRoutes } from './workers.routes.js';
export { keyStatus, rotateKeys, type RotationResult } from './workers.keys.js';
