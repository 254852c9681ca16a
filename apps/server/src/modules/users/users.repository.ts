/** Kysely writes on `app_user` and `user_role` shared by the service and the test factories. */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AppUserTable, DB } from '../../platform/db-types.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Inserts an account with its roles (the caller's transaction keeps both or neither). */
export const insertUserWithRoles = async (
  db: Db,
  values: Insertable<AppUserTable>,
  roleKeys: readonly string[],
): Promise<number> => {
  const { user_id } = await db
    .insertInto('app_user')
    .values(values)
    .returning('user_id')
    .executeTakeFirstOrThrow();
  if (roleKeys.length)
    await db
      .insertInto('user_role')
      .values(roleKeys.map((role_key) => ({ user_id, role_key })))
      .execute();
  return user_id;
};
