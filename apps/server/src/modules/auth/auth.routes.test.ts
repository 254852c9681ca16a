import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, DEMO_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { sha256 } from '../../platform/crypto.js';
import { hashPassword } from './passwords.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ env: { OHP_TOTP_REQUIRED_ROLES: 'audit_admin' } });
});
afterAll(async () => t.close());

const login = (username: string, password: string, extra: Record<string, string> = {}, lang = 'zh-CN') =>
  t.anonymous().post('/api/v1/auth/login', { username, password, ...extra }, { 'accept-language': lang });

/** A login from a given client address (inject sets the socket's remote address; nothing is sent). */
const loginFrom = async (
  ip: string,
  username: string,
  password: string,
  extra: Record<string, string> = {},
) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...extra },
    remoteAddress: ip,
  });
  return {
    status: res.statusCode,
    body: res.json<{ error?: { code: string; reason?: string } }>(),
    raw: res,
  };
};

/** A captcha whose answer the test knows (the real one is an SVG for humans; the hash is what is checked). */
let captchaSeq = 0;
const knownCaptcha = async (): Promise<{ captchaId: string; captchaAnswer: string }> => {
  const captchaId = `test-captcha-${++captchaSeq}`;
  await t.deps.db
    .insertInto('captcha')
    .values({ captcha_id: captchaId, answer_hash: sha256('k7ub'), expires_at: new Date(Date.now() + 60_000) })
    .execute();
  return { captchaId, captchaAnswer: 'K7UB' };
};

/** A fresh account (demo password, no pending change) so each test owns its login history. */
const makeUser = async (username: string, displayName = '测试用户', roleKey = 'employer_staff') => {
  const org = await t.deps.db
    .selectFrom('organisation')
    .select('organisation_id')
    .where('kind', '=', 'employer')
    .limit(1)
    .executeTakeFirstOrThrow();
  const u = await t.deps.db
    .insertInto('app_user')
    .values({
      username,
      display_name: displayName,
      organisation_id: org.organisation_id,
      password_hash: await hashPassword(DEMO_PASSWORD),
      must_change_password: false,
    })
    .returning('user_id')
    .executeTakeFirstOrThrow();
  await t.deps.db.insertInto('user_role').values({ user_id: u.user_id, role_key: roleKey }).execute();
  return u.user_id;
};

const reasons = (body: Record<string, unknown>) =>
  ((body.error as { details?: Array<{ path: string; reason: string }> }).details ?? []).map(
    (d) => `${d.path}:${d.reason}`,
  );

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

  it('asks for a captcha after 3 failures and locks the (username, address) after 5, unknown usernames included', async () => {
    for (const username of ['demo-service', 'ghost-user']) {
      for (let i = 0; i < 3; i++) expect((await login(username, 'Wrong#pass1')).status).toBe(401);
      const needCaptcha = await login(username, DEMO_PASSWORD);
      expect(needCaptcha.body.error).toMatchObject({ reason: 'captcha_required' });
      const wrongCaptcha = await login(username, 'Wrong#pass1', { captchaId: 'nope', captchaAnswer: 'abcd' });
      expect(wrongCaptcha.body.error).toMatchObject({ reason: 'captcha_wrong' });
      const captcha = await t.anonymous().get('/api/v1/auth/captcha');
      expect(captcha.status).toBe(200);
      expect(String(captcha.body.svg)).toContain('<svg');
      // Wrong captchas do not count (old rule: they did, and 2 of them completed the lockout).
      for (let i = 0; i < 2; i++) {
        const wrongPassword = await login(username, `Wrong#pass${i + 2}`, await knownCaptcha());
        expect(wrongPassword.status).toBe(401);
        expect(wrongPassword.body.error).toMatchObject({ reason: 'bad_credentials' });
      }
      const locked = await login(username, DEMO_PASSWORD, await knownCaptcha());
      expect(locked.status).toBe(403);
      expect(locked.body.error).toMatchObject({ code: 'forbidden', reason: 'account_locked' });
    }
  });

  it('never counts a failed or bogus captcha as a failed password', async () => {
    await makeUser('captcha.victim');
    for (let i = 0; i < 3; i++) expect((await login('captcha.victim', 'Wrong#pass1')).status).toBe(401);
    // The probe: bogus captcha ids, many times. Before: 2 of them locked the account for 30 minutes.
    for (let i = 0; i < 10; i++) {
      const bogus = await login('captcha.victim', 'Wrong#pass1', {
        captchaId: `bogus-${i}`,
        captchaAnswer: 'x',
      });
      expect(bogus.body.error).toMatchObject({ reason: 'captcha_wrong' });
    }
    const ok = await login('captcha.victim', DEMO_PASSWORD, await knownCaptcha());
    expect(ok.status).toBe(200);
  });

  it('locks only the address that failed: the user signs in from another one', async () => {
    await makeUser('pair.victim');
    const attacker = '198.51.100.7';
    for (let i = 0; i < 5; i++) {
      const r = await loginFrom(
        attacker,
        'pair.victim',
        `Wrong#pass${i}`,
        i >= 3 ? await knownCaptcha() : {},
      );
      expect(r.body.error).toMatchObject({ reason: 'bad_credentials' });
    }
    const locked = await loginFrom(attacker, 'pair.victim', DEMO_PASSWORD, await knownCaptcha());
    expect(locked.body.error).toMatchObject({ code: 'forbidden', reason: 'account_locked' });
    // The real user, elsewhere: no lockout and not even a captcha (before: locked for 30 minutes).
    expect((await loginFrom('203.0.113.20', 'pair.victim', DEMO_PASSWORD)).status).toBe(200);
    // Still locked for the attacker's address.
    expect((await loginFrom(attacker, 'pair.victim', DEMO_PASSWORD, await knownCaptcha())).status).toBe(403);
    // The administrators' view shows the account as locked (from that address) until unlocked.
    const sec = await t.login('demo-secadmin');
    const id = (
      await t.deps.db
        .selectFrom('app_user')
        .select('user_id')
        .where('username', '=', 'pair.victim')
        .executeTakeFirstOrThrow()
    ).user_id;
    expect((await sec.get(`/api/v1/users/${id}`)).body).toMatchObject({ locked: true });
  });

  it("backs off exponentially on an account attacked from many addresses, except from the user's usual address", async () => {
    await makeUser('spray.victim');
    const sec = t.deps.config.security;
    // The user signed in from the office before (a trusted address for lockoutTrustedIpDays).
    expect((await loginFrom('203.0.113.30', 'spray.victim', DEMO_PASSWORD)).status).toBe(200);
    // One failure from each of many addresses: no pair reaches its captcha or lockout threshold.
    for (let i = 0; i < sec.lockoutAccountThreshold; i++) {
      const r = await loginFrom(`198.51.100.${100 + i}`, 'spray.victim', `Wrong#spray${i}`);
      expect(r.body.error).toMatchObject({ reason: 'bad_credentials' });
    }
    // A further address must wait (with the right password too)…
    const waited = await loginFrom('198.51.100.200', 'spray.victim', DEMO_PASSWORD);
    expect(waited.status).toBe(403);
    expect(waited.body.error).toMatchObject({ reason: 'login_throttled' });
    // …but the user's usual address is exempt (a captcha is asked while the account is under attack).
    const office = await loginFrom('203.0.113.30', 'spray.victim', DEMO_PASSWORD);
    expect(office.body.error).toMatchObject({ reason: 'captcha_required' });
    expect(
      (await loginFrom('203.0.113.30', 'spray.victim', DEMO_PASSWORD, await knownCaptcha())).status,
    ).toBe(200);
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
    ).toEqual(['password_common', 'password_too_short', 'password_too_simple']);
    const reuse = await user.post('/api/v1/auth/password', {
      currentPassword: initial,
      newPassword: initial,
    });
    expect((reuse.body.error as { details: Array<{ reason: string }> }).details[0]?.reason).toBe(
      'password_reused',
    );
    expect(
      (await user.post('/api/v1/auth/password', { currentPassword: initial, newPassword: 'Harbour#Kite7a' }))
        .status,
    ).toBe(200);
    expect((await user.get('/api/v1/organisations')).status).toBe(200);
    // The last five passwords cannot come back.
    // (These were Clerk#2026a…d: the username clerk.zhang's part "clerk" is now refused.)
    let current = 'Harbour#Kite7a';
    for (const next of ['Harbour#Kite7b', 'Harbour#Kite7c', 'Harbour#Kite7d']) {
      expect(
        (await user.post('/api/v1/auth/password', { currentPassword: current, newPassword: next })).status,
      ).toBe(200);
      current = next;
    }
    const back = await user.post('/api/v1/auth/password', {
      currentPassword: current,
      newPassword: 'Harbour#Kite7a',
    });
    expect((back.body.error as { details: Array<{ reason: string }> }).details[0]?.reason).toBe(
      'password_reused',
    );
  });

  it('refuses common, patterned and context passwords, each with its reason', async () => {
    await makeUser('zhang.san', '张三');
    const c = await t.login('zhang.san');
    const cases: Array<[string, string]> = [
      ['Password1', 'password_common'],
      ['Qwerty123', 'password_common'],
      ['P@ssw0rd', 'password_common'],
      ['Admin@123', 'password_common'],
      ['Zhangsan123', 'password_contains_name'],
      ['Welcome2026', 'password_common'],
      ['        A1a', 'password_mostly_whitespace'],
      ['1qaz@WSX', 'password_keyboard_pattern'],
      ['Zhang.san#77x', 'password_contains_username'],
    ];
    const got: string[] = [];
    for (const [pw, reason] of cases) {
      const res = await c.post(
        '/api/v1/auth/password',
        { currentPassword: DEMO_PASSWORD, newPassword: pw },
        { 'accept-language': 'en' },
      );
      expect(res.status).toBe(400);
      const details = (
        res.body.error as { details: Array<{ path: string; reason: string; message: string }> }
      ).details;
      if (!details.some((d) => d.path === 'newPassword' && d.reason === reason))
        got.push(`${pw}: ${reasons(res.body).join(', ')}`);
      // Every refusal has a message of its own, not the bare reason code.
      for (const d of details) expect(d.message).not.toBe(d.reason);
    }
    expect(got).toEqual([]);
    expect(
      (
        await c.post('/api/v1/auth/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'Lantern#Ox42q',
        })
      ).status,
    ).toBe(200);
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
  // The clock is ours (Date only): codes belong to 30-second steps, and tests move from one to the next.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
  const nextStep = () => vi.setSystemTime(Date.now() + 30_000);
  const code = (secret: string) => generate({ secret });
  const me = async (c: Awaited<ReturnType<TestContext['login']>>) =>
    (await c.get('/api/v1/auth/me')).body as { user: { totpEnabled: boolean } };
  const bind = async (c: Awaited<ReturnType<TestContext['login']>>) => {
    const setup = await c.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const secret = String(setup.body.secret);
    expect((await c.post('/api/v1/auth/totp/confirm', { code: await code(secret) })).status).toBe(200);
    return secret;
  };

  it('requires TOTP binding for a role configured to need it, then asks for the code at login', async () => {
    const c = await t.login('demo-auditor');
    expect((await c.get('/api/v1/audit')).body.error).toMatchObject({ reason: 'totp_setup_required' });
    const setup = await c.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const secret = String(setup.body.secret);
    expect(String(setup.body.otpauthUrl)).toMatch(/^otpauth:\/\/totp\//);
    expect((await c.post('/api/v1/auth/totp/confirm', { code: '000000' })).status).toBe(400);
    expect((await c.post('/api/v1/auth/totp/confirm', { code: await code(secret) })).status).toBe(200);
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
    nextStep();
    expect((await login('demo-auditor', DEMO_PASSWORD, { totp: await code(secret) })).status).toBe(200);
    // A role that requires the factor cannot remove it, even with the password and a code.
    nextStep();
    const removal = await c.request('DELETE', '/api/v1/auth/totp', {
      currentPassword: DEMO_PASSWORD,
      code: await code(secret),
    });
    expect(removal.body.error).toMatchObject({ reason: 'totp_setup_required' });
  });

  it('accepts each code once: a used code is refused within its window', async () => {
    await makeUser('totp.replay');
    const secret = await bind(await t.login('totp.replay'));
    // The confirming code was used: the same code cannot sign in (before: it could, twice and more).
    const replayConfirm = await login('totp.replay', DEMO_PASSWORD, { totp: await code(secret) });
    expect(replayConfirm.status).toBe(401);
    expect(replayConfirm.body.error).toMatchObject({ reason: 'totp_replayed' });
    nextStep();
    const fresh = await code(secret);
    expect((await login('totp.replay', DEMO_PASSWORD, { totp: fresh })).status).toBe(200);
    const again = await login('totp.replay', DEMO_PASSWORD, { totp: fresh });
    expect(again.status).toBe(401);
    expect(again.body.error).toMatchObject({ reason: 'totp_replayed' });
    // Two requests racing with one fresh code: exactly one gets in (the step is claimed atomically).
    nextStep();
    const raced = await code(secret);
    const both = await Promise.all([
      login('totp.replay', DEMO_PASSWORD, { totp: raced }),
      login('totp.replay', DEMO_PASSWORD, { totp: raced }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    // Nor an older code still inside the ±1 step tolerance.
    const previous = await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 });
    expect((await login('totp.replay', DEMO_PASSWORD, { totp: previous })).body.error).toMatchObject({
      reason: 'totp_replayed',
    });
  });

  it('removes or rebinds a bound factor only with the current password and a current code', async () => {
    await makeUser('totp.owner');
    const c = await t.login('totp.owner');
    const oldSecret = await bind(c);
    nextStep();
    // The session alone is not enough (before: DELETE and setup switched the factor off).
    const bare = await c.request('DELETE', '/api/v1/auth/totp', {});
    expect(bare.status).toBe(400);
    expect(reasons(bare.body)).toEqual(['currentPassword:required']);
    const noCode = await c.request('DELETE', '/api/v1/auth/totp', { currentPassword: DEMO_PASSWORD });
    expect(reasons(noCode.body)).toEqual(['code:required']);
    const wrongPassword = await c.request('DELETE', '/api/v1/auth/totp', {
      currentPassword: 'Wrong#pass1',
      code: await code(oldSecret),
    });
    expect(reasons(wrongPassword.body)).toEqual(['currentPassword:current_password_wrong']);
    const rebindBare = await c.post('/api/v1/auth/totp/setup', {});
    expect(rebindBare.status).toBe(400);
    expect(reasons(rebindBare.body).sort()).toEqual(['code:required', 'currentPassword:required']);
    expect((await me(c)).user.totpEnabled).toBe(true);

    // Rebinding: the password and a current code; the bound factor stays in force until confirmed.
    const rebind = await c.post('/api/v1/auth/totp/setup', {
      currentPassword: DEMO_PASSWORD,
      code: await code(oldSecret),
    });
    expect(rebind.status).toBe(200);
    const newSecret = String(rebind.body.secret);
    expect((await me(c)).user.totpEnabled).toBe(true);
    nextStep();
    expect((await login('totp.owner', DEMO_PASSWORD, { totp: await code(oldSecret) })).status).toBe(200);
    expect((await c.post('/api/v1/auth/totp/confirm', { code: await code(newSecret) })).status).toBe(200);
    // A second confirm has nothing pending.
    expect(
      reasons((await c.post('/api/v1/auth/totp/confirm', { code: await code(newSecret) })).body),
    ).toEqual(['code:totp_setup_not_started']);
    nextStep();
    expect(
      (await login('totp.owner', DEMO_PASSWORD, { totp: await code(oldSecret) })).body.error,
    ).toMatchObject({
      reason: 'totp_wrong',
    });
    expect((await login('totp.owner', DEMO_PASSWORD, { totp: await code(newSecret) })).status).toBe(200);

    // Removal with both; the code used for it is used up.
    nextStep();
    const removal = await c.request('DELETE', '/api/v1/auth/totp', {
      currentPassword: DEMO_PASSWORD,
      code: await code(newSecret),
    });
    expect(removal.status).toBe(200);
    expect((await me(c)).user.totpEnabled).toBe(false);
    expect((await login('totp.owner', DEMO_PASSWORD)).status).toBe(200);
    // Without a factor, removal still needs the password (and is then a no-op).
    expect((await c.request('DELETE', '/api/v1/auth/totp', { currentPassword: DEMO_PASSWORD })).status).toBe(
      200,
    );
  });

  it("lets the security administrator reset a user's factor (lost device), audited, never their own", async () => {
    const userId = await makeUser('totp.lost');
    await bind(await t.login('totp.lost'));
    expect((await login('totp.lost', DEMO_PASSWORD)).body.error).toMatchObject({ reason: 'totp_required' });
    const sysadmin = await t.login('demo-sysadmin');
    expect((await sysadmin.post(`/api/v1/users/${userId}/reset-totp`)).status).toBe(403);
    const sec = await t.login('demo-secadmin');
    // A body-less route refuses a body.
    expect(reasons((await sec.post(`/api/v1/users/${userId}/reset-totp`, { force: true })).body)).toEqual([
      'body:body_not_allowed',
    ]);
    expect((await sec.post(`/api/v1/users/${userId}/reset-totp`)).status).toBe(200);
    expect((await login('totp.lost', DEMO_PASSWORD)).status).toBe(200);
    const row = await t.deps.db
      .selectFrom('app_user')
      .select(['totp_enabled', 'totp_secret_enc', 'totp_last_step'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_enabled: false, totp_secret_enc: null, totp_last_step: null });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_username', 'entity_id'])
      .where('action', '=', 'user.totp_reset')
      .execute();
    expect(audit).toContainEqual({ actor_username: 'demo-secadmin', entity_id: String(userId) });
    const selfId = (
      await t.deps.db
        .selectFrom('app_user')
        .select('user_id')
        .where('username', '=', 'demo-secadmin')
        .executeTakeFirstOrThrow()
    ).user_id;
    expect((await sec.post(`/api/v1/users/${selfId}/reset-totp`)).body.error).toMatchObject({
      reason: 'totp_reset_self',
    });
    expect((await sec.post('/api/v1/users/999999/reset-totp')).status).toBe(404);
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
