/** HTTP wiring for sign-in and the signed-in user's own account. */
import {
  CaptchaResponse,
  ChangePasswordRequest,
  IdParams,
  LoginRequest,
  MeResponse,
  TotpConfirmRequest,
  TotpReauthRequest,
  TotpRemoveRequest,
  TotpSetupResponse,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { resolveSession, SESSION_COOKIE, SIGNED_IN_HINT_COOKIE } from '../../platform/authz/session.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import {
  beginTotpSetup,
  changePassword,
  confirmTotp,
  createCaptcha,
  disableTotp,
  getMe,
  login,
  logout,
  resetTotp,
} from './auth.service.js';

const Ok = Type.Object({ ok: Type.Literal(true) });
const tags = ['auth'];

export const registerAuthRoutes = (
  app: AppInstance,
  deps: Deps,
  resolveRegionName: (code: string) => string,
) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.config.security.secureCookies,
  };

  app.post('/api/v1/auth/login', {
    config: {
      access: 'public',
      example: { as: null },
      rateLimit: { max: deps.config.security.loginRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: { tags, summary: '登录 Sign in', body: LoginRequest, response: { 200: MeResponse } },
    handler: async (req, reply) => {
      const result = await login(deps, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
        previousToken: req.cookies[SESSION_COOKIE],
      });
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
      reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', { ...cookieOptions, httpOnly: false });
      // Answer with the same body as /auth/me so the client has the menu at once.
      const s = await resolveSession(deps.db, deps.config, result.token);
      if (typeof s !== 'object') throw new Error('session just created could not be resolved');
      const me = getMe(deps, s.actor, s);
      me.organisation.regionName = resolveRegionName(me.organisation.regionCode);
      return me;
    },
  });

  app.get('/api/v1/auth/captcha', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: '图形验证码 Offline captcha', response: { 200: CaptchaResponse } },
    handler: async () => createCaptcha(deps),
  });

  app.get('/api/v1/auth/me', {
    config: { access: 'authenticated', allowPending: true },
    schema: {
      tags,
      summary: '当前用户 Current user, organisation, roles and permissions',
      response: { 200: MeResponse },
    },
    handler: async (req) => {
      const me = getMe(deps, actorOf(req), req.session!);
      me.organisation.regionName = resolveRegionName(me.organisation.regionCode);
      return me;
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { access: 'authenticated', allowPending: true },
    schema: { tags, summary: '退出 Sign out (revokes the session)', response: { 200: Ok } },
    handler: async (req, reply) => {
      await logout(deps, auditContext(req), req.session!.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.post('/api/v1/auth/password', {
    config: { access: 'authenticated', allowPending: true, example: { as: 'demo-rehab' } },
    schema: {
      tags,
      summary: '修改密码 Change own password',
      body: ChangePasswordRequest,
      response: { 200: Ok },
    },
    handler: async (req) => {
      await changePassword(deps, auditContext(req), actorOf(req), req.body);
      return { ok: true as const };
    },
  });

  app.post('/api/v1/auth/totp/setup', {
    config: { access: 'authenticated', allowPending: true, example: { as: 'demo-diag' } },
    schema: {
      tags,
      summary:
        '开始绑定动态口令 Start TOTP binding ({} when none is bound; to rebind a bound one, the current password and a current code)',
      body: TotpReauthRequest,
      response: { 200: TotpSetupResponse },
    },
    handler: async (req) => beginTotpSetup(deps, auditContext(req), actorOf(req), req.body),
  });

  app.post('/api/v1/auth/totp/confirm', {
    config: {
      access: 'authenticated',
      allowPending: true,
      example: {
        as: 'demo-diag',
        notReplayable: 'the code comes from the authenticator at the time of the request',
      },
    },
    schema: {
      tags,
      summary: '确认动态口令 Confirm TOTP binding',
      body: TotpConfirmRequest,
      response: { 200: Ok },
    },
    handler: async (req) => {
      await confirmTotp(deps, auditContext(req), actorOf(req), req.body.code);
      return { ok: true as const };
    },
  });

  app.delete('/api/v1/auth/totp', {
    config: {
      access: 'authenticated',
      example: {
        as: 'demo-diag',
        notReplayable: 'the code comes from the authenticator at the time of the request',
      },
    },
    schema: {
      tags,
      summary: '解绑动态口令 Remove own TOTP (the current password, and a current code when bound)',
      body: TotpRemoveRequest,
      response: { 200: Ok },
    },
    handler: async (req) => {
      await disableTotp(deps, auditContext(req), actorOf(req), req.body);
      return { ok: true as const };
    },
  });

  // A user who lost the authenticator asks the security administrator (users:unlock, like an unlock).
  app.post('/api/v1/users/:id/reset-totp', {
    config: { access: 'users:unlock' },
    schema: {
      tags: ['users'],
      summary: "重置动态口令 Remove another user's TOTP (lost device; audited)",
      params: IdParams,
      response: { 200: Ok },
    },
    handler: async (req) => {
      await resetTotp(deps, auditContext(req), actorOf(req), Number(req.params.id));
      return { ok: true as const };
    },
  });
};
