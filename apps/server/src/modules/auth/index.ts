/** Sign-in, sessions and the signed-in user's own account. */
export { registerAuthRoutes } from './auth.routes.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { checkPasswordPolicy, generateInitialPassword } from './password-policy.js';
export { loginLocked, randomSource } from './auth.service.js';
