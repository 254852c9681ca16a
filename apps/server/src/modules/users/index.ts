/** Users, roles, online sessions and the login log. */
export { registerUserRoutes } from './users.routes.js';
