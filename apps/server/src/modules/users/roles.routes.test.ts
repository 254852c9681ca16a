import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let sec: Client;
beforeAll(async () => {
  t = await createTestContext();
  sec = await t.login('demo-secadmin');
});
afterAll(async () => t.close());

describe('role management', () => {
  it('lets the security administrator create a business role that then grants its permissions', async () => {
    const res = await sec.post('/api/v1/roles', {
      key: 'inspector',
      nameZh: '督查员',
      nameEn: 'Inspector',
      permissions: ['catalogues:read', 'organisations:read', 'organisations:export'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      key: 'inspector',
      duty: 'business',
      builtIn: false,
      userCount: 0,
      abilities: { update: true, delete: true },
    });
    const user = await t.deps.db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', 'demo-county')
      .executeTakeFirstOrThrow();
    expect((await sec.put(`/api/v1/users/${user.user_id}/roles`, { roleKeys: ['inspector'] })).status).toBe(
      200,
    );
    const county = await t.login('demo-county');
    expect((await county.get('/api/v1/auth/me')).body.permissions).toEqual([
      'catalogues:read',
      'organisations:export',
      'organisations:read',
    ]);
    // Held by a user: cannot be deleted.
    const del = await sec.delete('/api/v1/roles/inspector');
    expect(del.status).toBe(409);
    expect(del.body.error).toMatchObject({ reason: 'role_in_use' });
  });

  it('refuses administrative permissions in a business role, a duplicate key, and changes to built-in roles', async () => {
    const admin = await sec.post('/api/v1/roles', {
      key: 'sneaky',
      nameZh: '越权',
      nameEn: 'Sneaky',
      permissions: ['audit:read'],
    });
    expect(admin.status).toBe(400);
    expect(admin.body.error).toMatchObject({
      details: [{ path: 'permissions', reason: 'role_duty_conflict' }],
    });
    const unknownKey = await sec.post('/api/v1/roles', {
      key: 'bad',
      nameZh: '坏',
      nameEn: 'Bad',
      permissions: ['nope:nope'],
    });
    expect(unknownKey.status).toBe(400);
    expect(
      (await sec.post('/api/v1/roles', { key: 'inspector', nameZh: 'x', nameEn: 'x', permissions: [] }))
        .status,
    ).toBe(409);
    const builtIn = await sec.patch('/api/v1/roles/regulator', { nameZh: '改' });
    expect(builtIn.status).toBe(403);
    expect(builtIn.body.error).toMatchObject({ reason: 'role_built_in' });
    expect((await sec.delete('/api/v1/roles/no_such_role')).status).toBe(404);
  });

  it('renames and deletes an unused custom role, auditing each change', async () => {
    await sec.post('/api/v1/roles', { key: 'temp_role', nameZh: '临时', nameEn: 'Temp', permissions: [] });
    expect(
      (await sec.patch('/api/v1/roles/temp_role', { nameZh: '临时角色', permissions: ['catalogues:read'] }))
        .body,
    ).toMatchObject({ nameZh: '临时角色', permissions: ['catalogues:read'] });
    expect((await sec.delete('/api/v1/roles/temp_role')).status).toBe(204);
    const actions = (
      await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'role')
        .where('entity_id', '=', 'temp_role')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(['role.create', 'role.update', 'role.delete']);
  });

  it('does not let the system administrator manage roles', async () => {
    const sys = await t.login('demo-sysadmin');
    expect(
      (await sys.post('/api/v1/roles', { key: 'x_role', nameZh: 'x', nameEn: 'x', permissions: [] })).status,
    ).toBe(403);
  });
});
