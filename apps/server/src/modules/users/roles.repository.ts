/**
 * The `role` table's queries (角色管理). Every function takes the connection or transaction to run on,
 * so a caller inside a transaction passes it down.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Every role with how many users hold it: built-in first, then by duty and key. */
export const listRoleRows = (db: Db) =>
  db
    .selectFrom('role as r')
    .select([
      'r.role_key',
      'r.name_zh',
      'r.name_en',
      'r.duty',
      'r.built_in',
      'r.permissions',
      sql<number>`(select count(*) from user_role ur where ur.role_key = r.role_key)::int`.as('user_count'),
    ])
    .orderBy('r.built_in', 'desc')
    .orderBy('r.duty')
    .orderBy('r.role_key')
    .execute();

export const findRole = (db: Db, key: string) =>
  db.selectFrom('role').selectAll().where('role_key', '=', key).executeTakeFirst();

export const insertCustomRole = async (
  db: Db,
  r: { key: string; nameZh: string; nameEn: string; permissions: readonly string[] },
): Promise<void> => {
  await db
    .insertInto('role')
    .values({
      role_key: r.key,
      name_zh: r.nameZh,
      name_en: r.nameEn,
      duty: 'business',
      built_in: false,
      permissions: [...r.permissions],
    })
    .execute();
};

export const updateRoleRow = async (
  db: Db,
  key: string,
  patch: { nameZh?: string; nameEn?: string; permissions?: readonly string[] },
): Promise<void> => {
  await db
    .updateTable('role')
    .set({
      ...(patch.nameZh !== undefined && { name_zh: patch.nameZh }),
      ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
      ...(patch.permissions !== undefined && { permissions: [...patch.permissions] }),
      updated_at: new Date(),
    })
    .where('role_key', '=', key)
    .execute();
};

/** Whether any user holds the role. */
export const roleHeld = async (db: Db, key: string): Promise<boolean> =>
  (await db.selectFrom('user_role').select('user_id').where('role_key', '=', key).limit(1).execute()).length >
  0;

export const deleteRoleRow = async (db: Db, key: string): Promise<void> => {
  await db.deleteFrom('role').where('role_key', '=', key).execute();
};
