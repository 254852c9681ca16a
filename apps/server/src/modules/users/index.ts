/** Users, roles, online sessions and the login log. */
export { registerUserRoutes } from './users.routes.js';
export { searchAccountsByName, type PickedAccount } from './user-picker.repository.js';
export { userIdByUsername } from './users.repository.js';
export {
  userCiphertextCounts,
  usersToRotate,
  writeUserCiphertexts,
  type UserCiphertexts,
} from './users.repository.js';
