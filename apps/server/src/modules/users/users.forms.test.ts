/**
 * The user form's rules on the server: names are stored trimmed and a name of spaces only is refused on
 * its field; a bad phone or e-mail is refused with a reason that says what a valid one is, once per
 * field, in the caller's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let sys: Client;
let orgId: number;
let n = 0;
beforeAll(async () => {
  t = await createTestContext();
  sys = await t.login('demo-sysadmin');
  orgId = (
    await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'employer')
      .orderBy('organisation_id')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).organisation_id;
});
afterAll(async () => t.close());

const create = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  sys.request(
    'POST',
    '/api/v1/users',
    {
      username: `form.user.${++n}`,
      displayName: '表单测试',
      organisationId: orgId,
      roleKeys: ['employer_staff'],
      ...body,
    },
    headers,
  );
type Detail = { path: string; reason: string; message: string };
const details = (body: Record<string, unknown>) => (body.error as { details: Detail[] }).details;

describe('user form rules on the server', () => {
  it('stores the name trimmed, and audits the trimmed name', async () => {
    const res = await create({ displayName: '  张 三　 ' });
    expect(res.status).toBe(201);
    const user = (res.body as { user: { id: number; displayName: string } }).user;
    expect(user.displayName).toBe('张 三');
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'user.create')
      .where('entity_id', '=', String(user.id))
      .executeTakeFirstOrThrow();
    expect((entry.after as { displayName: string }).displayName).toBe('张 三');
    const patched = await sys.patch(`/api/v1/users/${user.id}`, { displayName: ' 李四 ' });
    expect(patched.status).toBe(200);
    expect(patched.body.displayName).toBe('李四');
  });

  it('refuses a name of spaces only on its field, on create and on edit, and writes nothing', async () => {
    const before = await t.deps.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await create({ displayName: ' \u3000 ' });
    expect(res.status).toBe(400);
    expect(details(res.body)).toEqual([
      { path: 'displayName', reason: 'value_blank', message: '不能为空，也不能只有空格' },
    ]);
    const after = await t.deps.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const ok = await create({});
    const id = (ok.body as { user: { id: number } }).user.id;
    const patched = await sys.patch(`/api/v1/users/${id}`, { displayName: '   ' });
    expect(patched.status).toBe(400);
    expect(details(patched.body).map((d) => [d.path, d.reason])).toEqual([['displayName', 'value_blank']]);
    expect((await sys.get(`/api/v1/users/${id}`)).body.displayName).toBe('表单测试');
  });

  it('says what a valid phone number and e-mail address are, once per field', async () => {
    const res = await create({ phone: '1381234567', email: 'zhang.example.com' });
    expect(res.status).toBe(400);
    const d = details(res.body);
    expect(d.map((x) => x.path).sort()).toEqual(['email', 'phone']);
    const phone = d.find((x) => x.path === 'phone')!;
    expect(phone.reason).toBe('phone_format');
    expect(phone.message).toContain('以 1 开头的 11 位手机号码');
    const email = d.find((x) => x.path === 'email')!;
    expect(email.reason).toBe('email_format');
    expect(email.message).toContain('电子邮箱格式不正确');
    const patched = await sys.patch(`/api/v1/users/9`, { phone: '23812345678' });
    expect(details(patched.body)).toEqual([
      expect.objectContaining({ path: 'phone', reason: 'phone_format' }),
    ]);
  });

  it('answers in English for an English client', async () => {
    const res = await create({ phone: '12345', displayName: '  ' }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    const phone = details(res.body).find((x) => x.path === 'phone')!;
    expect(phone.message).toMatch(/11-digit mobile number starting with 1/);
  });
});
