import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, orgId, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let sys: Client;
let sec: Client;
beforeAll(async () => {
  t = await createTestContext();
  sys = await t.login('demo-sysadmin');
  sec = await t.login('demo-secadmin');
});
afterAll(async () => t.close());

describe('user administration', () => {
  it('creates a user with a one-time password, masks the phone and audits the creation', async () => {
    const org = await orgId(t.deps, { kind: 'employer' });
    const res = await sys.post('/api/v1/users', {
      username: 'wang.li',
      displayName: '王丽',
      organisationId: org,
      roleKeys: ['employer_staff'],
      phone: '13812345678',
    });
    expect(res.status).toBe(201);
    expect(String(res.body.initialPassword)).toHaveLength(12);
    expect(res.body.user).toMatchObject({
      username: 'wang.li',
      phone: '138****5678',
      roleKeys: ['employer_staff'],
    });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('initialPassword');
  });

  it('stores the phone encrypted and reveals it only with permission, leaving an audit entry', async () => {
    const row = await t.deps.db
      .selectFrom('app_user')
      .select(['user_id', 'phone_enc'])
      .where('username', '=', 'wang.li')
      .executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13812345678');
    const revealed = await sys.post(`/api/v1/users/${row.user_id}/reveal-phone`);
    expect(revealed.body).toEqual({ phone: '13812345678' });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.reveal')
      .where('entity_id', '=', String(row.user_id))
      .executeTakeFirst();
    expect(audit?.actor_username).toBe('demo-sysadmin');
    expect((await sec.post(`/api/v1/users/${row.user_id}/reveal-phone`)).status).toBe(403);
  });

  it('refuses a duplicate username regardless of case with 409', async () => {
    const org = await orgId(t.deps, { kind: 'employer' });
    const res = await sys.post('/api/v1/users', {
      username: 'WANG.LI',
      displayName: '重复',
      organisationId: org,
      roleKeys: ['employer_staff'],
    });
    expect(res.status).toBe(409);
  });

  it('keeps administrative duties apart', async () => {
    const org = await orgId(t.deps, { kind: 'platform_operator' });
    // The system administrator may not hand out administrative roles.
    const byTheSysadmin = await sys.post('/api/v1/users', {
      username: 'new.auditor',
      displayName: '审计',
      organisationId: org,
      roleKeys: ['audit_admin'],
    });
    expect(byTheSysadmin.status).toBe(403);
    const created = await sys.post('/api/v1/users', {
      username: 'ops.one',
      displayName: '运维',
      organisationId: org,
      roleKeys: ['employer_staff'],
    });
    const id = (created.body.user as { id: number }).id;
    const combined = await sec.put(`/api/v1/users/${id}/roles`, {
      roleKeys: ['audit_admin', 'system_admin'],
    });
    expect(combined.status).toBe(400);
    expect(combined.body.error).toMatchObject({ details: [{ reason: 'role_duty_conflict' }] });
    const ok = await sec.put(`/api/v1/users/${id}/roles`, { roleKeys: ['audit_admin'] });
    expect(ok.status).toBe(200);
    expect(ok.body.roleKeys).toEqual(['audit_admin']);
    expect((await sec.put(`/api/v1/users/${id}/roles`, { roleKeys: ['no_such_role'] })).status).toBe(400);
  });

  it('disables a user, ending its sessions, and resets a password forcing a change', async () => {
    const org = await orgId(t.deps, { kind: 'exam_institution' });
    const created = await sys.post('/api/v1/users', {
      username: 'li.ming',
      displayName: '李明',
      organisationId: org,
      roleKeys: ['exam_staff'],
    });
    const id = (created.body.user as { id: number }).id;
    const user = await t.login('li.ming', String(created.body.initialPassword));
    expect((await sys.patch(`/api/v1/users/${id}`, { status: 'disabled' })).status).toBe(200);
    expect((await user.get('/api/v1/auth/me')).status).toBe(401);
    const disabledLogin = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: 'li.ming', password: String(created.body.initialPassword) });
    expect(disabledLogin.body.error).toMatchObject({ reason: 'account_disabled' });
    await sys.patch(`/api/v1/users/${id}`, { status: 'active' });
    const reset = await sys.post(`/api/v1/users/${id}/reset-password`);
    const again = await t.login('li.ming', String(reset.body.initialPassword));
    expect((await again.get('/api/v1/auth/me')).body).toMatchObject({ user: { mustChangePassword: true } });
  });

  it('does not let anyone disable or reset themselves', async () => {
    const me = await sys.get('/api/v1/auth/me');
    const myId = (me.body.user as { id: number }).id;
    expect((await sys.patch(`/api/v1/users/${myId}`, { status: 'disabled' })).body.error).toMatchObject({
      reason: 'cannot_disable_self',
    });
    expect((await sys.post(`/api/v1/users/${myId}/reset-password`)).status).toBe(403);
  });

  it('shows a city regulator only the users of organisations in its city', async () => {
    const city = await t.login('demo-city');
    const res = await city.get('/api/v1/users?pageSize=200');
    expect(res.status).toBe(200);
    const names = (res.body.data as Array<{ username: string }>).map((u) => u.username);
    expect(names).toContain('demo-city');
    expect(names).toContain('demo-county');
    expect(names).not.toContain('demo-province');
    expect(names).not.toContain('demo-sysadmin');
  });

  it('lists the built-in roles with their permission keys', async () => {
    const res = await sys.get('/api/v1/roles');
    const roles = res.body.data as Array<{ key: string; duty: string; permissions: string[] }>;
    const auditAdmin = roles.find((r) => r.key === 'audit_admin');
    expect(auditAdmin?.duty).toBe('audit_admin');
    expect(auditAdmin?.permissions).toContain('audit:read');
    expect(roles.find((r) => r.key === 'system_admin')?.permissions).not.toContain('audit:read');
  });
});

describe('rate limiting', () => {
  it('answers 429 in the error shape once the login limit is exceeded', async () => {
    const limited = await createTestContext({ seed: false, env: { OHP_LOGIN_RATE_LIMIT: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await limited.anonymous().post('/api/v1/auth/login', { username: 'x', password: 'y' })).status,
        );
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      const last = await limited.anonymous().post('/api/v1/auth/login', { username: 'x', password: 'y' });
      expect(last.status).toBe(429);
      expect(last.body.error).toMatchObject({ code: 'rate_limited' });
    } finally {
      await limited.close();
    }
  });
});
