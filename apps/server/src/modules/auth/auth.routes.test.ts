import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO_PASSWORD, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { OHP_TOTP_REQUIRED_ROLES: 'audit_admin' } });
});
afterAll(async () => t.close());

const login = (username: string, password: string, extra: Record<string, string> = {}, lang = 'zh-CN') =>
  t.anonymous().post('/api/v1/auth/login', { username, password, ...extra }, { 'accept-language': lang });

const sessionCookie = (res: {
  raw: { cookies: Array<{ name: string; value: string; httpOnly?: boolean; sameSite?: string }> };
}) => res.raw.cookies.find((c) => c.name === 'ohp_sid');

describe('login', () => {
  it('sets an HttpOnly SameSite=Strict session cookie and returns the user, organisation and permissions', async () => {
    const res = await login('demo-city', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = sessionCookie(res);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(res.body).toMatchObject({
      user: { username: 'demo-city', mustChangePassword: false },
      organisation: { kind: 'health_commission', regionCode: '2201', regionName: '长春市', level: 'city' },
      roles: [{ key: 'regulator' }],
    });
    expect(res.body.permissions).toContain('organisations:read');
    expect(res.body.permissions).not.toContain('organisations:create');
  });

  it('answers bad_credentials in the caller language for a wrong password and for an unknown user alike', async () => {
    const wrong = await login('demo-qc', 'Wrong#pass1', {}, 'en');
    const unknown = await login('nobody-here', 'Wrong#pass1', {}, 'en');
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body.error).toMatchObject({
        code: 'unauthenticated',
        reason: 'bad_credentials',
        message: 'Wrong username or password',
      });
    }
    const zh = await login('demo-qc', 'Wrong#pass1');
    expect((zh.body.error as { message: string }).message).toBe('用户名或密码错误');
  });

  it('asks for a captcha after 3 failures and locks the account after 5, unknown usernames included', async () => {
    for (const username of ['demo-service', 'ghost-user']) {
      for (let i = 0; i < 3; i++) expect((await login(username, 'Wrong#pass1')).status).toBe(401);
      const needCaptcha = await login(username, DEMO_PASSWORD);
      expect(needCaptcha.body.error).toMatchObject({ reason: 'captcha_required' });
      const wrongCaptcha = await login(username, 'Wrong#pass1', { captchaId: 'nope', captchaAnswer: 'abcd' });
      expect(wrongCaptcha.body.error).toMatchObject({ reason: 'captcha_wrong' });
      // Read the answer from the database: the captcha is an SVG for humans, the hash is what we check.
      const captcha = await t.anonymous().get('/api/v1/auth/captcha');
      expect(captcha.status).toBe(200);
      expect(String(captcha.body.svg)).toContain('<svg');
      const wrongPassword = await login(username, 'Wrong#pass2', {
        captchaId: String(captcha.body.captchaId),
        captchaAnswer: 'zzzz',
      });
      expect(wrongPassword.status).toBe(401);
      const locked = await login(username, DEMO_PASSWORD);
      expect(locked.status).toBe(403);
      expect(locked.body.error).toMatchObject({ code: 'forbidden', reason: 'account_locked' });
    }
  });

  it('records successes and failures in the login log', async () => {
    const rows = await t.deps.db
      .selectFrom('login_log')
      .select(['username', 'outcome'])
      .where('username', 'in', ['demo-city', 'demo-service'])
      .execute();
    expect(rows.some((r) => r.username === 'demo-city' && r.outcome === 'success')).toBe(true);
    expect(rows.some((r) => r.username === 'demo-service' && r.outcome === 'fail_password')).toBe(true);
    expect(rows.some((r) => r.username === 'demo-service' && r.outcome === 'locked')).toBe(true);
  });

  it('lets the security administrator unlock a locked account', async () => {
    const sec = await t.login('demo-secadmin');
    const u = await t.deps.db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', 'demo-service')
      .executeTakeFirstOrThrow();
    expect((await sec.post(`/api/v1/users/${u.user_id}/unlock`)).status).toBe(200);
    expect((await login('demo-service', DEMO_PASSWORD)).status).toBe(200);
  });

  it('refuses extra fields and reports every invalid field', async () => {
    const res = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: '', password: 5, admin: true }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    const paths = (res.body.error as { details: Array<{ path: string }> }).details.map((d) => d.path).sort();
    expect(paths).toEqual(['admin', 'password', 'username']);
  });
});

describe('sessions', () => {
  it('issues a new session id at every login and revokes the one presented with the request', async () => {
    const first = await t.login('demo-county');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo-county', password: DEMO_PASSWORD },
      cookies: { ohp_sid: first.sessionToken! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'ohp_sid')?.value).not.toBe(first.sessionToken);
    expect((await first.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('revokes the session at logout', async () => {
    const c = await t.login('demo-cdc');
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    const after = await c.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
  });

  it('expires a session idle for longer than the idle timeout', async () => {
    const c = await t.login('demo-diag');
    await t.deps.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where(
        'user_id',
        '=',
        (
          await t.deps.db
            .selectFrom('app_user')
            .select('user_id')
            .where('username', '=', 'demo-diag')
            .executeTakeFirstOrThrow()
        ).user_id,
      )
      .execute();
    const res = await c.get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ reason: 'session_expired' });
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const c = await t.login('demo-province');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { ohp_sid: c.sessionToken! },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { reason: string } }>().error.reason).toBe('csrf_failed');
  });

  it('lets the security administrator see online sessions and force one out', async () => {
    const victim = await t.login('demo-exam');
    const sec = await t.login('demo-secadmin');
    const list = await sec.get('/api/v1/sessions');
    const sessions = list.body.data as Array<{ id: string; username: string; current: boolean }>;
    const row = sessions.find((s) => s.username === 'demo-exam');
    expect(row?.current).toBe(false);
    // Exactly one session is the caller's own, although demo-secadmin signed in earlier too.
    expect(sessions.filter((s) => s.current).map((s) => s.username)).toEqual(['demo-secadmin']);
    expect((await sec.delete(`/api/v1/sessions/${row!.id}`)).status).toBe(200);
    expect((await victim.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('passwords', () => {
  it('forces a created account to change its password before anything else, with the policy and history enforced', async () => {
    const admin = await t.login('demo-sysadmin');
    const org = await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'exam_institution')
      .limit(1)
      .executeTakeFirstOrThrow();
    const created = await admin.post('/api/v1/users', {
      username: 'clerk.zhang',
      displayName: '张文书',
      organisationId: org.organisation_id,
      roleKeys: ['exam_staff'],
    });
    expect(created.status).toBe(201);
    const initial = String(created.body.initialPassword);
    const user = await t.login('clerk.zhang', initial);
    expect((await user.get('/api/v1/auth/me')).body).toMatchObject({ user: { mustChangePassword: true } });
    const blocked = await user.get('/api/v1/organisations');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toMatchObject({ reason: 'password_change_required' });

    const weak = await user.post(
      '/api/v1/auth/password',
      { currentPassword: initial, newPassword: 'short' },
      { 'accept-language': 'en' },
    );
    expect(weak.status).toBe(400);
    expect(
      (weak.body.error as { details: Array<{ reason: string }> }).details.map((d) => d.reason).sort(),
    ).toEqual(['password_too_short', 'password_too_simple']);
    const reuse = await user.post('/api/v1/auth/password', {
      currentPassword: initial,
      newPassword: initial,
    });
    expect((reuse.body.error as { details: Array<{ reason: string }> }).details[0]?.reason).toBe(
      'password_reused',
    );
    expect(
      (await user.post('/api/v1/auth/password', { currentPassword: initial, newPassword: 'Clerk#2026a' }))
        .status,
    ).toBe(200);
    expect((await user.get('/api/v1/organisations')).status).toBe(200);
    // The last five passwords cannot come back.
    let current = 'Clerk#2026a';
    for (const next of ['Clerk#2026b', 'Clerk#2026c', 'Clerk#2026d']) {
      expect(
        (await user.post('/api/v1/auth/password', { currentPassword: current, newPassword: next })).status,
      ).toBe(200);
      current = next;
    }
    const back = await user.post('/api/v1/auth/password', {
      currentPassword: current,
      newPassword: 'Clerk#2026a',
    });
    expect((back.body.error as { details: Array<{ reason: string }> }).details[0]?.reason).toBe(
      'password_reused',
    );
  });

  it('treats a password older than the maximum age as one that must be changed', async () => {
    await t.deps.db
      .updateTable('app_user')
      .set({ password_changed_at: new Date(Date.now() - 91 * 86_400_000) })
      .where('username', '=', 'demo-rehab')
      .execute();
    const c = await t.login('demo-rehab');
    expect((await c.get('/api/v1/auth/me')).body).toMatchObject({ user: { mustChangePassword: true } });
    expect((await c.get('/api/v1/catalogues')).body.error).toMatchObject({
      reason: 'password_change_required',
    });
  });
});

describe('second factor', () => {
  it('requires TOTP binding for a role configured to need it, then asks for the code at login', async () => {
    const c = await t.login('demo-auditor');
    expect((await c.get('/api/v1/audit')).body.error).toMatchObject({ reason: 'totp_setup_required' });
    const setup = await c.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const secret = String(setup.body.secret);
    expect(String(setup.body.otpauthUrl)).toMatch(/^otpauth:\/\/totp\//);
    expect((await c.post('/api/v1/auth/totp/confirm', { code: '000000' })).status).toBe(400);
    expect((await c.post('/api/v1/auth/totp/confirm', { code: await generate({ secret }) })).status).toBe(
      200,
    );
    expect((await c.get('/api/v1/audit')).status).toBe(200);
    // The secret is stored encrypted, never in the clear.
    const stored = await t.deps.db
      .selectFrom('app_user')
      .select('totp_secret_enc')
      .where('username', '=', 'demo-auditor')
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret_enc).not.toContain(secret);

    expect((await login('demo-auditor', DEMO_PASSWORD)).body.error).toMatchObject({
      reason: 'totp_required',
    });
    expect((await login('demo-auditor', DEMO_PASSWORD, { totp: '123456' })).body.error).toMatchObject({
      reason: 'totp_wrong',
    });
    expect((await login('demo-auditor', DEMO_PASSWORD, { totp: await generate({ secret }) })).status).toBe(
      200,
    );
  });
});

describe('security headers', () => {
  it('sends CSP, frame and content-type protections and a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.json()).toMatchObject({ status: 'ok', db: t.deps.database.kind });
  });
});
