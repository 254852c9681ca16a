/**
 * Sign-in and account use-cases: login with throttling, captcha and second factor; logout; password
 * change with policy and history; TOTP binding, rebinding and removal (each needing the password and a
 * current code once a factor is bound) and the security administrator's reset. Each is
 * (deps, input) → result and audits its writes; the queries are in auth.repository.ts.
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
  type SessionProfile,
} from '../../platform/authz/session.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Deps } from '../../platform/http/types.js';
import {
  claimTotpStep,
  findCredentialsById,
  findCredentialsByUsername,
  findScopedUser,
  hasSucceededFrom,
  insertCaptcha,
  insertLoginLog,
  passwordHistory,
  recentAttempts,
  replacePassword,
  revokeSessionById,
  setTotpState,
  takeCaptcha,
  touchLastLogin,
  type Db,
} from './auth.repository.js';
import { assessAttempts, attemptsWindowStart, lockedAnywhere, type LoginThrottle } from './lockout.js';
import { checkPasswordPolicy } from './password-policy.js';
import { dummyVerify, hashPassword, verifyPassword } from './passwords.js';

export type LoginMeta = {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  previousToken?: string | undefined;
};

export type LoginResult = { token: string; userId: number };

/** Enough login-log rows to assess any attempt (thresholds are far below this). */
const ATTEMPT_ROWS = 1000;

const logAttempt = (deps: Deps, username: string, userId: number | null, outcome: string, meta: LoginMeta) =>
  insertLoginLog(deps.db, { username, userId, outcome, ip: meta.ip, userAgent: meta.userAgent });

/** The throttle state for a login attempt of `username` from `ip` (see lockout.ts). */
export const loginThrottle = async (
  deps: Deps,
  username: string,
  ip: string | null,
  now = new Date(),
): Promise<LoginThrottle> => {
  const sec = deps.config.security;
  const rows = await recentAttempts(deps.db, username, attemptsWindowStart(sec, now), ATTEMPT_ROWS);
  return assessAttempts(rows, ip, sec, now);
};

/** For administrators: locked from some IP or in the account-wide backoff (the unlock clears both). */
export const loginLocked = async (deps: Deps, username: string, now = new Date()): Promise<boolean> => {
  const sec = deps.config.security;
  const rows = await recentAttempts(deps.db, username, attemptsWindowStart(sec, now), ATTEMPT_ROWS);
  return lockedAnywhere(rows, sec, now);
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
  await insertCaptcha(deps.db, {
    captchaId,
    answerHash: sha256(c.text.toLowerCase()),
    expiresAt: new Date(Date.now() + 5 * 60_000),
  });
  return { captchaId, svg: c.data };
};

const consumeCaptcha = async (
  deps: Deps,
  id: string | undefined,
  answer: string | undefined,
): Promise<boolean> => {
  if (!id || !answer) return false;
  const row = await takeCaptcha(deps.db, id);
  return Boolean(
    row && row.expires_at.getTime() > Date.now() && row.answer_hash === sha256(answer.trim().toLowerCase()),
  );
};

/** The RFC 6238 time step a code matches (±1 step of clock drift), or null. */
const totpStep = async (secret: string, code: string): Promise<number | null> => {
  const r = await verifyTotp({ secret, token: code, epochTolerance: 30 });
  if (!r.valid) return null;
  return 'timeStep' in r && typeof r.timeStep === 'number'
    ? r.timeStep
    : Math.floor(Date.now() / 30_000) + r.delta;
};

/**
 * Checks a code against the bound secret and uses it up: a code whose time step is not later than the
 * last one accepted for this user is refused, so each code works once.
 */
const useTotpCode = async (
  deps: Deps,
  db: Db,
  user: { user_id: number; totp_secret_enc: string | null; totp_last_step: number | null },
  code: string,
): Promise<'ok' | 'totp_wrong' | 'totp_replayed'> => {
  if (!user.totp_secret_enc) return 'totp_wrong';
  const step = await totpStep(deps.crypto.decrypt(user.totp_secret_enc), code);
  if (step === null) return 'totp_wrong';
  if (user.totp_last_step !== null && step <= user.totp_last_step) return 'totp_replayed';
  return (await claimTotpStep(db, user.user_id, step)) ? 'ok' : 'totp_replayed';
};

export const login = async (deps: Deps, input: LoginRequest, meta: LoginMeta): Promise<LoginResult> => {
  const sec = deps.config.security;
  const username = input.username.trim();
  const now = new Date();
  const throttle = await loginThrottle(deps, username, meta.ip, now);
  if (throttle.pairLocked) {
    await logAttempt(deps, username, null, 'locked', meta);
    throw new AppError('forbidden', 'account_locked');
  }
  if (throttle.backoffUntil) {
    const trustedSince = new Date(now.getTime() - sec.lockoutTrustedIpDays * 86_400_000);
    if (!(await hasSucceededFrom(deps.db, username, meta.ip, trustedSince))) {
      await logAttempt(deps, username, null, 'locked', meta);
      throw new AppError('forbidden', 'login_throttled');
    }
  }
  if (throttle.captchaRequired) {
    if (!input.captchaId || !input.captchaAnswer) throw new AppError('unauthenticated', 'captcha_required');
    if (!(await consumeCaptcha(deps, input.captchaId, input.captchaAnswer))) {
      // Logged, but not counted towards the lockout: a bogus captcha says nothing about the password.
      await logAttempt(deps, username, null, 'fail_captcha', meta);
      throw new AppError('unauthenticated', 'captcha_wrong');
    }
  }
  const user = await findCredentialsByUsername(deps.db, username);
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
    const outcome = await useTotpCode(deps, deps.db, user, input.totp);
    if (outcome !== 'ok') {
      await logAttempt(deps, username, user.user_id, 'fail_totp', meta);
      throw new AppError('unauthenticated', outcome);
    }
  }
  // A new session id at every login (no fixation); a session presented with the request is revoked.
  if (meta.previousToken) await revokeSession(deps.db, sha256(meta.previousToken), 'replaced_at_login');
  const session = await createSession(deps.db, user.user_id, meta);
  await touchLastLogin(deps.db, user.user_id);
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
    await revokeSessionById(trx, sessionId, 'logout');
    await writeAudit(trx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.userId });
  });
  await insertLoginLog(deps.db, {
    username: ctx.username ?? '',
    userId: ctx.userId,
    outcome: 'logout',
    ip: ctx.ip,
    userAgent: null,
  });
};

/** /auth/me from what the session's one query already read (no further query). */
export const getMe = (deps: Deps, actor: Actor, session: { csrfToken: string; profile: SessionProfile }) => {
  const u = session.profile;
  const maxAge = deps.config.security.passwordMaxAgeDays;
  return {
    user: {
      id: u.userId,
      username: u.username,
      displayName: u.displayName,
      mustChangePassword: u.mustChangePassword || passwordExpired(u.passwordChangedAt, maxAge, new Date()),
      totpEnabled: u.totpEnabled,
      totpRequired: totpRequiredFor(actor.roleKeys, deps.config),
      passwordExpiresAt:
        maxAge > 0 ? new Date(u.passwordChangedAt.getTime() + maxAge * 86_400_000).toISOString() : null,
    },
    organisation: {
      id: u.organisation.id,
      name: u.organisation.name,
      kind: u.organisation.kind,
      regionCode: u.organisation.regionCode,
      regionName: '',
      level: u.organisation.level,
    },
    roles: u.roles.map((r) => ({ key: r.key, nameZh: r.nameZh, nameEn: r.nameEn })),
    permissions: [...actor.permissions].sort(),
    csrfToken: session.csrfToken,
  };
};

const currentUser = async (deps: Deps, actor: Actor) => {
  const user = await findCredentialsById(deps.db, actor.userId);
  if (!user) throw notFound();
  return user;
};

/** Sets a new password after the policy and history checks; used by self-service and first login. */
export const changePassword = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> => {
  const user = await currentUser(deps, actor);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalid([{ path: 'currentPassword', reason: 'current_password_wrong' }]);
  }
  const problems = checkPasswordPolicy(input.newPassword, {
    username: user.username,
    displayName: user.display_name,
  });
  if (problems.length) throw invalid(problems.map((reason) => ({ path: 'newPassword', reason })));
  const keep = deps.config.security.passwordHistory;
  const history = await passwordHistory(deps.db, actor.userId, Math.max(keep - 1, 0));
  const recent = [user.password_hash, ...history].slice(0, keep);
  for (const h of recent) {
    if (await verifyPassword(h, input.newPassword))
      throw invalid([{ path: 'newPassword', reason: 'password_reused' }]);
  }
  const hashed = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await replacePassword(trx, actor.userId, user.password_hash, hashed);
    await writeAudit(trx, ctx, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
};

export type TotpReauth = { currentPassword?: string | undefined; code?: string | undefined };

/**
 * Removing or rebinding a bound second factor needs the current password and a current code (which is
 * then used up), so a stolen session alone cannot switch the factor off or move it to another device.
 */
const reauthenticate = async (
  deps: Deps,
  user: NonNullable<Awaited<ReturnType<typeof findCredentialsById>>>,
  input: TotpReauth,
  needCode: boolean,
): Promise<void> => {
  const missing = [
    ...(input.currentPassword ? [] : [{ path: 'currentPassword', reason: 'required' }]),
    ...(needCode && !input.code ? [{ path: 'code', reason: 'required' }] : []),
  ];
  if (missing.length) throw invalid(missing);
  if (!(await verifyPassword(user.password_hash, input.currentPassword!))) {
    throw invalid([{ path: 'currentPassword', reason: 'current_password_wrong' }]);
  }
  if (needCode) {
    const outcome = await useTotpCode(deps, deps.db, user, input.code!);
    if (outcome !== 'ok') throw invalid([{ path: 'code', reason: outcome }]);
  }
};

/**
 * Starts binding a second factor. The new secret is kept pending: a bound factor stays in force until
 * the new one is confirmed. Rebinding a bound factor needs the password and a current code.
 */
export const beginTotpSetup = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: TotpReauth,
): Promise<{ secret: string; otpauthUrl: string }> => {
  const user = await currentUser(deps, actor);
  if (user.totp_enabled) await reauthenticate(deps, user, input, true);
  const secret = generateSecret();
  await deps.db.transaction().execute(async (trx) => {
    await setTotpState(trx, actor.userId, { pendingSecretEnc: deps.crypto.encrypt(secret) });
    await writeAudit(trx, ctx, {
      action: 'user.totp_setup_started',
      entityType: 'user',
      entityId: actor.userId,
      after: { rebind: user.totp_enabled },
    });
  });
  return { secret, otpauthUrl: generateURI({ issuer: 'OHP 职业健康平台', label: actor.username, secret }) };
};

/** Confirms the pending secret with a code from it; it replaces the bound one, if any. */
export const confirmTotp = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  code: string,
): Promise<void> => {
  const user = await currentUser(deps, actor);
  if (!user.totp_pending_secret_enc) throw invalid([{ path: 'code', reason: 'totp_setup_not_started' }]);
  const step = await totpStep(deps.crypto.decrypt(user.totp_pending_secret_enc), code);
  if (step === null) throw invalid([{ path: 'code', reason: 'totp_wrong' }]);
  await deps.db.transaction().execute(async (trx) => {
    // The confirming code is used: its step is the last accepted one for the new secret.
    await setTotpState(trx, actor.userId, {
      secretEnc: user.totp_pending_secret_enc,
      pendingSecretEnc: null,
      enabled: true,
      lastStep: step,
    });
    await writeAudit(trx, ctx, {
      action: 'user.totp_enabled',
      entityType: 'user',
      entityId: actor.userId,
      after: { rebind: user.totp_enabled },
    });
  });
};

/** Removes the user's own second factor: the password always, and a current code when one is bound. */
export const disableTotp = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: TotpReauth,
): Promise<void> => {
  if (totpRequiredFor(actor.roleKeys, deps.config)) throw new AppError('forbidden', 'totp_setup_required');
  const user = await currentUser(deps, actor);
  await reauthenticate(deps, user, input, user.totp_enabled);
  await deps.db.transaction().execute(async (trx) => {
    await setTotpState(trx, actor.userId, {
      secretEnc: null,
      pendingSecretEnc: null,
      enabled: false,
      lastStep: null,
    });
    await writeAudit(trx, ctx, { action: 'user.totp_disabled', entityType: 'user', entityId: actor.userId });
  });
};

/**
 * The security administrator removes another user's second factor (lost device). The user binds a new
 * one at the next sign-in if a role requires it. Never one's own: that goes through disableTotp.
 */
export const resetTotp = async (
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  userId: number,
): Promise<void> => {
  const target = await findScopedUser(deps.db, actor, userId);
  if (!target) throw notFound();
  if (target.user_id === actor.userId) throw forbidden('totp_reset_self');
  await deps.db.transaction().execute(async (trx) => {
    await setTotpState(trx, userId, {
      secretEnc: null,
      pendingSecretEnc: null,
      enabled: false,
      lastStep: null,
    });
    await writeAudit(trx, ctx, {
      action: 'user.totp_reset',
      entityType: 'user',
      entityId: userId,
      before: { totpEnabled: target.totp_enabled },
      after: { totpEnabled: false },
    });
  });
};

/** Random bytes for initial passwords; exported for the users module. */
export const randomSource = (n: number): Buffer => randomBytes(n);

/** Built-in role keys, for validation of role assignment. */
export const builtInRoleKeys = new Set(builtInRoles.map((r) => r.key));

export { loadActor };
