/**
 * The readable signed-in hint cookie (issue 13): the login page asks /auth/me only when it is present,
 * so it must follow the session exactly — set at login, cleared at logout and when a request brings a
 * session that is gone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, DEMO_PASSWORD, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const cookie = (res: {
  cookies: Array<{ name: string; value: string; httpOnly?: boolean; expires?: Date }>;
}) => res.cookies.find((c) => c.name === 'ohp_signed_in');

it('is set, readable by the page, at login and carries no secret', async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'demo-city', password: DEMO_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  const hint = cookie(res);
  expect(hint).toMatchObject({ value: '1' });
  expect(hint?.httpOnly).toBeFalsy();
  expect(res.cookies.find((c) => c.name === 'ohp_sid')?.httpOnly).toBe(true);
});

it('is cleared at logout and when the session presented is gone', async () => {
  const c = await t.login('demo-city');
  const out = await c.post('/api/v1/auth/logout', {});
  expect(out.status).toBe(200);
  const cleared = cookie(out.raw);
  expect(cleared?.value).toBe('');
  // The same (now revoked) session again: 401, and the hint is cleared once more.
  const stale = await c.get('/api/v1/auth/me');
  expect(stale.status).toBe(401);
  expect(cookie(stale.raw)?.value).toBe('');
});

it('is not touched on a request without any cookie', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
  expect(res.statusCode).toBe(401);
  expect(cookie(res)).toBeUndefined();
});
