/**
 * Roles as data (角色管理). Built-in roles are kept in step with the contracts at every start and are
 * read-only here; the security administrator adds custom business roles from the permission keys.
 * Administrative permissions stay with the three built-in administrator roles (三权分立).
 */
import { adminDutyPermissions, type PermissionKey, type RoleInput, type RolePatch } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import { can, type Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  deleteRoleRow,
  findRole,
  insertCustomRole,
  listRoleRows,
  roleHeld,
  updateRoleRow,
} from './roles.repository.js';

export const listRoles = async (db: Kysely<DB>, actor: Actor) => {
  const rows = await listRoleRows(db);
  return rows.map((r) => ({
    key: r.role_key,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    duty: r.duty,
    builtIn: r.built_in,
    permissions: r.permissions,
    userCount: Number(r.user_count),
    abilities: {
      update: can(actor, 'roles:manage') && !r.built_in,
      delete: can(actor, 'roles:manage') && !r.built_in && Number(r.user_count) === 0,
    },
  }));
};

const checkPermissions = (permissions: readonly string[] | undefined) => {
  const bad = (permissions ?? []).filter((p) => adminDutyPermissions.has(p as PermissionKey));
  if (bad.length)
    throw new AppError('validation_failed', 'validation_failed', [
      { path: 'permissions', reason: 'role_duty_conflict', message: '' },
    ]);
};

export const createRole = async (db: Kysely<DB>, ctx: AuditContext, actor: Actor, input: RoleInput) => {
  checkPermissions(input.permissions);
  await db.transaction().execute(async (trx) => {
    const existing = await findRole(trx, input.key);
    if (existing)
      throw new AppError('conflict', 'duplicate', [{ path: 'key', reason: 'duplicate', message: '' }]);
    await insertCustomRole(trx, input);
    await writeAudit(trx, ctx, {
      action: 'role.create',
      entityType: 'role',
      entityId: input.key,
      after: input,
    });
  });
  return (await listRoles(db, actor)).find((r) => r.key === input.key)!;
};

const findCustom = async (db: Kysely<DB>, key: string) => {
  const row = await findRole(db, key);
  if (!row) throw notFound();
  if (row.built_in) throw new AppError('forbidden', 'role_built_in');
  return row;
};

export const updateRole = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  key: string,
  patch: RolePatch,
) => {
  checkPermissions(patch.permissions);
  const before = await findCustom(db, key);
  await db.transaction().execute(async (trx) => {
    await updateRoleRow(trx, key, patch);
    await writeAudit(trx, ctx, {
      action: 'role.update',
      entityType: 'role',
      entityId: key,
      before,
      after: patch,
    });
  });
  return (await listRoles(db, actor)).find((r) => r.key === key)!;
};

export const deleteRole = async (db: Kysely<DB>, ctx: AuditContext, key: string) => {
  const before = await findCustom(db, key);
  await db.transaction().execute(async (trx) => {
    if (await roleHeld(trx, key)) throw new AppError('conflict', 'role_in_use');
    await deleteRoleRow(trx, key);
    await writeAudit(trx, ctx, { action: 'role.delete', entityType: 'role', entityId: key, before });
  });
};
