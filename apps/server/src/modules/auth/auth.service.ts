/**
 * Sign-in and account use-cases: login with lockout, captcha and second factor; logout; password
 * change with policy and history; TOTP binding. Each is (deps, input) → result and audits its writes.
 */
import { randomBytes } from 'node:crypto';
import { builtInRoles, type LoginRequest } from '@ohp/contracts';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import svgCaptcha from 'svg-captcha';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import {
  createSession,
  loadActor,
  passwordExpired,
  revokeSession,
  totpRequiredFor,
} from '../../platform/authz/session.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { AppError, invalid } from '../../platform/errors.js';
import type { Deps } from '../../platform/http/types.js';
import { checkPasswordPolicy } from './password-policy.js';
import { dummyVerify, hashPassword, verifyPassword } from './passwords.js';

export type LoginMeta = {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  previousToken?: string | undefined;
};

export type LoginResult = { token: string; userId: number };

const logAttempt = async (
  deps: Deps,
  username: string,
  userId: number | null,
  outcome: string,
  meta: LoginMeta,
) => {
  await deps.db
    .insertInto('login_log')
    .values({
      username: username.toLowerCase(),
      user_id: userId,
      outcome,
      ip: meta.ip,
      user_agent: meta.userAgent,
    })
    .execute();
};

/** Failures since the last success or unlock, within the lockout window: drives captcha and lockout. */
export const recentFailures = async (
  deps: Deps,
  username: string,
  now = new Date(),
): Promise<{ count: number; lastAt: Date | null }> => {
  const windowStart = new Date(now.getTime() - deps.config.security.lockoutMinutes * 60_000);
  const rows = await deps.db
    .selectFrom('login_log')
    .select(['outcome', 'created_at'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .where('created_at', '>=', windowStart)
    .orderBy('created_at', 'desc')
    .orderBy('login_log_id', 'desc')
    .limit(50)
    .execute();
  let count = 0;
  let lastAt: Date | null = null;
  for (const r of rows) {
    if (r.outcome === 'success' || r.outcome === 'unlocked') break;
    if (r.outcome.startsWith('fail_')) {
      count += 1;
      lastAt ??= r.created_at;
    }
  }
  return { count, lastAt };
};

export const createCaptcha = async (deps: Deps): Promise<{ captchaId: string; svg: string }> => {
  const c = svgCaptcha.create({
    size: 4,
    noise: 2,
    ignoreChars: '0oO1lIi',
    color: false,
    background: '#f5f5f5',
  });
  const captchaId = randomToken(16);
  await deps.db
    .insertInto('captcha')
    .values({
      captcha_id: captchaId,
      answer_hash: sha256(c.text.toLowerCase()),
      expires_at: new Date(Date.now() + 5 * 60_000),
    })
    .execute();
  return { captchaId, svg: c.data };
};

const consumeCaptcha = async (
  deps: Deps,
  id: string | undefined,
  answer: string | undefined,
): Promise<boolean> => {
  if (!id || !answer) return false;
  const row = await deps.db
    .deleteFrom('captcha')
    .where('captcha_id', '=', id)
    .returning(['answer_hash', 'expires_at'])
    .executeTakeFirst();
  return Boolean(
    row && row.expires_at.getTime() > Date.now() && row.answer_hash === sha256(answer.trim().toLowerCase()),
  );
};

export const login = async (deps: Deps, input: LoginRequest, meta: LoginMeta): Promise<LoginResult> => {
  const sec = deps.config.security;
  const username = input.username.trim();
  const failures = await recentFailures(deps, username);
  if (failures.count >= sec.lockoutThreshold) {
    await logAttempt(deps, username, null, 'locked', meta);
    throw new AppError('forbidden', 'account_locked');
  }
  if (failures.count >= sec.captchaAfterFailures) {
    if (!input.captchaId || !input.captchaAnswer) throw new AppError('unauthenticated', 'captcha_required');
    if (!(await consumeCaptcha(deps, input.captchaId, input.captchaAnswer))) {
      await logAttempt(deps, username, null, 'fail_captcha', meta);
      throw new AppError('unauthenticated', 'captcha_wrong');
    }
  }
  const user = await deps.db
    .selectFrom('app_user')
    .select([
      'user_id',
      'username',
      'password_hash',
      'status',
      'totp_enabled',
      'totp_secret_enc',
      'organisation_id',
    ])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  if (!user) {
    await dummyVerify(input.password);
    await logAttempt(deps, username, null, 'fail_password', meta);
    throw new AppError('unauthenticated', 'bad_credentials');
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await logAttempt(deps, username, user.user_id, 'fail_password', meta);
    throw new AppError('unauthenticated', 'bad_credentials');
  }
  if (user.status !== 'active') {
    await logAttempt(deps, username, user.user_id, 'disabled', meta);
    throw new AppError('forbidden', 'account_disabled');
  }
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!input.totp) throw new AppError('unauthenticated', 'totp_required');
    const secret = deps.crypto.decrypt(user.totp_secret_enc);
    const ok = (await verifyTotp({ secret, token: input.totp, epochTolerance: 30 })).valid;
    if (!ok) {
      await logAttempt(deps, username, user.user_id, 'fail_totp', meta);
      throw new AppError('unauthenticated', 'totp_wrong');
    }
  }
  // A new session id at every login (no fixation); a session presented with the request is revoked.
  if (meta.previousToken) await revokeSession(deps.db, sha256(meta.previousToken), 'replaced_at_login');
  const session = await createSession(deps.db, user.user_id, meta);
  await deps.db
    .updateTable('app_user')
    .set({ last_login_at: new Date() })
    .where('user_id', '=', user.user_id)
    .execute();
  await logAttempt(deps, username, user.user_id, 'success', meta);
  await writeAudit(
    deps.db,
    {
      userId: user.user_id,
      username: user.username,
      organisationId: user.organisation_id,
      ip: meta.ip,
      requestId: meta.requestId,
    },
    { action: 'auth.login', entityType: 'user', entityId: user.user_id },
  );
  return { token: session.token, userId: user.user_id };
};

export const logout = async (deps: Deps, ctx: AuditContext, sessionId: string): Promise<void> => {
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_session')
      .set({ revoked_at: new Date(), revoked_reason: 'logout' })
      .where('session_id', '=', sessionId)
      .execute();
    await writeAudit(trx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.userId });
  });
  await deps.db
    .insertInto('login_log')
    .values({
      username: (ctx.username ?? '').toLowerCase(),
      user_id: ctx.userId,
      outcome: 'logout',
      ip: ctx.ip,
      user_agent: null,
    })
    .execute();
};

export const getMe = async (deps: Deps, actor: Actor, session: { csrfToken: string }) => {
  const u = await deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select([
      'u.user_id',
      'u.username',
      'u.display_name',
      'u.must_change_password',
      'u.password_changed_at',
      'u.totp_enabled',
      'o.organisation_id',
      'o.name',
      'o.kind',
      'o.region_code',
      'o.level',
    ])
    .where('u.user_id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const roles = await deps.db
    .selectFrom('role')
    .select(['role_key', 'name_zh', 'name_en'])
    .where('role_key', 'in', actor.roleKeys.length ? actor.roleKeys : [''])
    .execute();
  const maxAge = deps.config.security.passwordMaxAgeDays;
  return {
    user: {
      id: u.user_id,
      username: u.username,
      displayName: u.display_name,
      mustChangePassword:
        u.must_change_password || passwordExpired(u.password_changed_at, maxAge, new Date()),
      totpEnabled: u.totp_enabled,
      totpRequired: totpRequiredFor(actor.roleKeys, deps.config),
      passwordExpiresAt:
        maxAge > 0 ? new Date(u.password_changed_at.getTime() + maxAge * 86_400_000).toISOString() : null,
    },
    organisation: {
      id: u.organisation_id,
      name: u.name,
      kind: u.kind,
      regionCode: u.region_code,
      regionName: '',
      level: u.level,
    },
    roles: roles.map((r) => ({ key: r.role_key, nameZh: r.name_zh, nameEn: r.name_en })),
    permissions: [...actor.permissions].sort(),
    csrfToken: session.csrfToken,
  };
};

/** Sets a new password after the policy and history checks; used by self-service and first login. */
export const changePassword = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> => {
  const user = await deps.db
    .selectFrom('app_user')
    .select(['password_hash', 'username'])
    .where('user_id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalid([{ path: 'currentPassword', reason: 'current_password_wrong' }]);
  }
  const problems = checkPasswordPolicy(input.newPassword, user.username);
  if (problems.length) throw invalid(problems.map((reason) => ({ path: 'newPassword', reason })));
  const history = await deps.db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .orderBy('password_history_id', 'desc')
    .limit(Math.max(deps.config.security.passwordHistory - 1, 0))
    .execute();
  const recent = [user.password_hash, ...history.map((h) => h.password_hash)].slice(
    0,
    deps.config.security.passwordHistory,
  );
  for (const h of recent) {
    if (await verifyPassword(h, input.newPassword))
      throw invalid([{ path: 'newPassword', reason: 'password_reused' }]);
  }
  const hashed = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_history')
      .values({ user_id: actor.userId, password_hash: user.password_hash })
      .execute();
    await trx
      .updateTable('app_user')
      .set({
        password_hash: hashed,
        password_changed_at: new Date(),
        must_change_password: false,
        updated_at: new Date(),
      })
      .where('user_id', '=', actor.userId)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
};

export const beginTotpSetup = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
): Promise<{ secret: string; otpauthUrl: string }> => {
  const secret = generateSecret();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_secret_enc: deps.crypto.encrypt(secret), totp_enabled: false, updated_at: new Date() })
      .where('user_id', '=', actor.userId)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'user.totp_setup_started',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
  return { secret, otpauthUrl: generateURI({ issuer: 'OHP 职业健康平台', label: actor.username, secret }) };
};

export const confirmTotp = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  code: string,
): Promise<void> => {
  const u = await deps.db
    .selectFrom('app_user')
    .select('totp_secret_enc')
    .where('user_id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!u.totp_secret_enc) throw invalid([{ path: 'code', reason: 'totp_wrong' }]);
  const ok = (
    await verifyTotp({ secret: deps.crypto.decrypt(u.totp_secret_enc), token: code, epochTolerance: 30 })
  ).valid;
  if (!ok) throw invalid([{ path: 'code', reason: 'totp_wrong' }]);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_enabled: true, updated_at: new Date() })
      .where('user_id', '=', actor.userId)
      .execute();
    await writeAudit(trx, ctx, { action: 'user.totp_enabled', entityType: 'user', entityId: actor.userId });
  });
};

export const disableTotp = async (deps: Deps, ctx: AuditContext, actor: Actor): Promise<void> => {
  if (totpRequiredFor(actor.roleKeys, deps.config)) throw new AppError('forbidden', 'totp_setup_required');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_enabled: false, totp_secret_enc: null, updated_at: new Date() })
      .where('user_id', '=', actor.userId)
      .execute();
    await writeAudit(trx, ctx, { action: 'user.totp_disabled', entityType: 'user', entityId: actor.userId });
  });
};

/** Random bytes for initial passwords; exported for the users module. */
export const randomSource = (n: number): Buffer => randomBytes(n);

/** Built-in role keys, for validation of role assignment. */
export const builtInRoleKeys = new Set(builtInRoles.map((r) => r.key));

export { loadActor };
