/**
 * Users, roles, sessions and the login log. Account administration is split by duty (三权分立):
 * the system administrator creates accounts with business roles; the security administrator assigns
 * administrative roles, unlocks accounts and ends sessions; nobody combines two administrative duties.
 */
import type { LoginLogQuery, UserInput, UserListQuery, UserPatch } from '@ohp/contracts';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import { can, type Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Deps } from '../../platform/http/types.js';
import { maskEmail, maskPhone, type Crypto } from '../../platform/crypto.js';
import { findOrganisation } from '../organisations/index.js';
import { accountCreationRefusal, accountManagementRefusal, roleAssignmentRefusal } from './users.policy.js';
import {
  countUsers,
  findLiveSessions,
  findRoles,
  insertLoginLogEntry,
  insertUserWithRoles,
  replaceUserRoles,
  revokeSessionByPrefix,
  revokeUserSessions,
  scopedUsers,
  updateUserRow,
  userColumns,
  userPage,
  type UserRow,
} from './users.repository.js';
import { searchLoginLog } from './login-log.repository.js';
import { generateInitialPassword, hashPassword, loginLocked, randomSource } from '../auth/index.js';

type Db = Kysely<DB> | Transaction<DB>;

const presentUser = (u: UserRow, actor: Actor, locked: boolean, crypto: Crypto) => ({
  id: u.user_id,
  username: u.username,
  displayName: u.display_name,
  organisationId: u.organisation_id,
  organisationName: u.organisation_name,
  roleKeys: u.role_keys,
  // Phone numbers are personal data: stored encrypted, shown masked, revealed only with an audit entry.
  phone: u.phone_enc ? maskPhone(crypto.decrypt(u.phone_enc)) : null,
  email: u.email,
  status: u.status,
  locked,
  totpEnabled: u.totp_enabled,
  lastLoginAt: u.last_login_at?.toISOString() ?? null,
  createdAt: u.created_at.toISOString(),
  abilities: {
    update: can(actor, 'users:update') && !accountManagementRefusal(actor, u),
    resetPassword: can(actor, 'users:reset_password') && !accountManagementRefusal(actor, u),
    revealPhone: can(actor, 'pii:reveal') && !accountManagementRefusal(actor, u),
    unlock: can(actor, 'users:unlock') && locked,
    assignRoles: can(actor, 'users:assign_roles') && !roleAssignmentRefusal(actor, u),
  },
});

/** Locked from some IP or in the account-wide backoff (auth/lockout.ts); the unlock clears both. */
const isLocked = (deps: Deps, username: string) => loginLocked(deps, username);

export const listUsers = async (deps: Deps, actor: Actor, q: UserListQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [rows, { total, totalExact }] = await Promise.all([
    userPage(deps.db, actor, q, { offset: (page - 1) * pageSize, limit: pageSize }),
    countUsers(deps.db, actor, q, { limit: deps.config.listExactCountLimit, exact: q.exactTotal === true }),
  ]);
  const data = [];
  for (const r of rows) data.push(presentUser(r, actor, await isLocked(deps, r.username), deps.crypto));
  return { data, total, totalExact, page, pageSize };
};

const findUser = async (db: Db, actor: Actor, id: number) =>
  scopedUsers(db, actor).select(userColumns).where('u.user_id', '=', id).executeTakeFirst();

export const getUser = async (deps: Deps, actor: Actor, id: number) => {
  const u = await findUser(deps.db, actor, id);
  if (!u) throw notFound();
  return presentUser(u, actor, await isLocked(deps, u.username), deps.crypto);
};

/** Roles must exist; administrative duties need users:assign_roles and are never combined. */
const checkRoles = async (db: Db, actor: Actor, roleKeys: string[], path: string) => {
  const roles = await findRoles(db, roleKeys);
  const unknown = roleKeys.filter((k) => !roles.some((r) => r.role_key === k));
  if (unknown.length) throw invalid([{ path, reason: 'role_unknown' }]);
  const adminDuties = new Set(roles.filter((r) => r.duty !== 'business').map((r) => r.duty));
  if (adminDuties.size > 1 || (adminDuties.size === 1 && roles.some((r) => r.duty === 'business'))) {
    throw invalid([{ path, reason: 'role_duty_conflict' }]);
  }
  if (adminDuties.size && !can(actor, 'users:assign_roles')) throw forbidden();
  return adminDuties.size > 0;
};

export const createUser = async (deps: Deps, ctx: AuditContext, actor: Actor, input: UserInput) => {
  // Names are stored trimmed; one of spaces only is no name (the schema's minLength counts spaces).
  const displayName = input.displayName.trim();
  if (!displayName) throw invalid([{ path: 'displayName', reason: 'value_blank' }]);
  const org = await findOrganisation(deps.db, scopeOf(actor, 'administration'), input.organisationId);
  if (!org) throw invalid([{ path: 'organisationId', reason: 'organisation_unknown' }]);
  const grantsAdminDuty = await checkRoles(deps.db, actor, input.roleKeys, 'roleKeys');
  const refusal = accountCreationRefusal(actor, grantsAdminDuty);
  if (refusal) throw forbidden(refusal);
  const initialPassword = generateInitialPassword(randomSource);
  const hashed = await hashPassword(initialPassword);
  const id = await deps.db.transaction().execute(async (trx) => {
    const userId = await insertUserWithRoles(
      trx,
      {
        username: input.username,
        display_name: displayName,
        organisation_id: input.organisationId,
        password_hash: hashed,
        must_change_password: true,
        phone_enc: input.phone ? deps.crypto.encrypt(input.phone) : null,
        email: input.email ?? null,
      },
      input.roleKeys,
    );
    await writeAudit(trx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: userId,
      after: {
        username: input.username,
        displayName,
        organisationId: input.organisationId,
        roleKeys: input.roleKeys,
        phone: maskPhone(input.phone ?? null),
        email: maskEmail(input.email ?? null),
      },
    });
    return userId;
  });
  return { user: await getUser(deps, actor, id), initialPassword };
};

export const updateUser = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  patch: UserPatch,
) => {
  const before = await findUser(deps.db, actor, id);
  if (!before) throw notFound();
  if (id === actor.userId && patch.status === 'disabled')
    throw new AppError('forbidden', 'cannot_disable_self');
  const refusal = accountManagementRefusal(actor, before);
  if (refusal) throw forbidden(refusal);
  const displayName = patch.displayName?.trim();
  if (displayName === '') throw invalid([{ path: 'displayName', reason: 'value_blank' }]);
  const changes = { ...patch, ...(displayName !== undefined && { displayName }) };
  await deps.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, {
      ...(displayName !== undefined && { display_name: displayName }),
      ...(patch.phone !== undefined && {
        phone_enc: patch.phone ? deps.crypto.encrypt(patch.phone) : null,
      }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.status !== undefined && { status: patch.status }),
    });
    if (patch.status === 'disabled') await revokeUserSessions(trx, id, 'user_disabled');
    await writeAudit(trx, ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      // Masked here; writeAudit masks phones and e-mail addresses in every entry anyway.
      before: {
        displayName: before.display_name,
        status: before.status,
        email: maskEmail(before.email),
        phone: before.phone_enc ? maskPhone(deps.crypto.decrypt(before.phone_enc)) : null,
      },
      after: changes,
    });
  });
  return getUser(deps, actor, id);
};

export const resetPassword = async (deps: Deps, ctx: AuditContext, actor: Actor, id: number) => {
  const u = await findUser(deps.db, actor, id);
  if (!u) throw notFound();
  const refusal = accountManagementRefusal(actor, u);
  if (refusal) throw forbidden(refusal);
  const initialPassword = generateInitialPassword(randomSource);
  const hashed = await hashPassword(initialPassword);
  await deps.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, {
      password_hash: hashed,
      must_change_password: true,
      password_changed_at: new Date(),
    });
    await revokeUserSessions(trx, id, 'password_reset');
    await writeAudit(trx, ctx, { action: 'user.reset_password', entityType: 'user', entityId: id });
  });
  return { initialPassword };
};

/** Shows one user's full phone number to a holder of pii:reveal, and records that it was seen. */
export const revealPhone = async (deps: Deps, ctx: AuditContext, actor: Actor, id: number) => {
  const u = await findUser(deps.db, actor, id);
  if (!u) throw notFound();
  const refusal = accountManagementRefusal(actor, u);
  if (refusal) throw forbidden(refusal);
  const phone = u.phone_enc ? deps.crypto.decrypt(u.phone_enc) : null;
  await writeAudit(deps.db, ctx, {
    action: 'pii.reveal',
    entityType: 'user',
    entityId: id,
    after: { field: 'phone' },
  });
  return { phone };
};

export const unlockUser = async (deps: Deps, ctx: AuditContext, actor: Actor, id: number) => {
  const u = await findUser(deps.db, actor, id);
  if (!u) throw notFound();
  await deps.db.transaction().execute(async (trx) => {
    // Lockout is counted from the login log; an 'unlocked' entry ends the count.
    await insertLoginLogEntry(trx, {
      username: u.username.toLowerCase(),
      user_id: id,
      outcome: 'unlocked',
      ip: ctx.ip,
      user_agent: null,
    });
    await writeAudit(trx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id });
  });
};

export const assignRoles = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  roleKeys: string[],
) => {
  const u = await findUser(deps.db, actor, id);
  if (!u) throw notFound();
  const refusal = roleAssignmentRefusal(actor, u);
  if (refusal) throw forbidden(refusal);
  await checkRoles(deps.db, actor, roleKeys, 'roleKeys');
  await deps.db.transaction().execute(async (trx) => {
    await replaceUserRoles(trx, id, roleKeys);
    await writeAudit(trx, ctx, {
      action: 'user.assign_roles',
      entityType: 'user',
      entityId: id,
      before: { roleKeys: u.role_keys },
      after: { roleKeys },
    });
  });
  return getUser(deps, actor, id);
};

/**
 * Sessions in scope that are still alive: not revoked and seen since `activeSince` (the idle timeout).
 * `currentSessionId` marks the caller's own.
 */
export const listSessions = async (
  db: Kysely<DB>,
  actor: Actor,
  opts: { activeSince?: Date; currentSessionId?: string } = {},
) => {
  const rows = await findLiveSessions(db, actor, opts.activeSince ?? new Date(0));
  return rows.map((r) => ({
    // The session id is a hash of the cookie token; showing its prefix identifies it without exposing the token.
    id: r.session_id.slice(0, 16),
    userId: r.user_id,
    username: r.username,
    ip: r.ip,
    userAgent: r.user_agent,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    current: r.session_id === opts.currentSessionId,
  }));
};

export const revokeSessionById = async (db: Kysely<DB>, ctx: AuditContext, actor: Actor, shortId: string) => {
  if (!/^[0-9a-f]{16}$/.test(shortId)) throw notFound();
  const sessions = await listSessions(db, actor);
  const target = sessions.find((s) => s.id === shortId);
  if (!target) throw notFound();
  await db.transaction().execute(async (trx) => {
    await revokeSessionByPrefix(trx, shortId, 'forced_logout');
    await writeAudit(trx, ctx, {
      action: 'session.revoke',
      entityType: 'user',
      entityId: target.userId,
      after: { session: shortId },
    });
  });
};

export const listLoginLog = async (deps: Deps, actor: Actor, q: LoginLogQuery) => {
  const { rows, total, totalExact, page, pageSize } = await searchLoginLog(
    deps.db,
    actor,
    q,
    deps.config.listExactCountLimit,
  );
  return {
    data: rows.map((r) => ({
      id: r.login_log_id,
      username: r.username,
      userId: r.user_id,
      outcome: r.outcome,
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: r.created_at.toISOString(),
    })),
    total,
    totalExact,
    page,
    pageSize,
  };
};
