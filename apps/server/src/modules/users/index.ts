/** Users, roles, online sessions and the login log. */
export { registerUserRoutes } from './users.routes.js';
export { searchAccountsByName, type PickedAccount } from './user-picker.repository.js';
export { userIdByUsername } from './users.repository.js';
/** Creating an account through the users service (the census demo adds county staff with it). */
export { createUser } from './users.service.js';
export {
  userCiphertextCounts,
  usersToRotate,
  writeUserCiphertexts,
  type UserCiphertexts,
} from './users.repository.js';
