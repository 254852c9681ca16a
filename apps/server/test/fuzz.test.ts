/**
 * No request a client can send produces a 500: every registered route is called with malformed path
 * parameters, query strings, bodies and content types, by users who hold its permission, and must
 * answer 2xx–4xx with the one error shape.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from './helpers.js';

let t: TestContext;
let users: Client[] = [];
beforeAll(async () => {
  t = await createTestContext();
  users = [
    await t.login('demo-province'),
    await t.login('demo-sysadmin'),
    await t.login('demo-secadmin'),
    await t.login('demo-auditor'),
  ];
});
afterAll(async () => t.close());

const badParams = [
  'abc',
  '0',
  '-1',
  '99999999999999999999',
  '1.5',
  '%00',
  'x'.repeat(300),
  '中文',
  "1' or '1'='1",
  '..%2f..%2fetc',
];
const badQueries = [
  'page=-1',
  'pageSize=100000',
  'page=abc',
  'unknown=1',
  'q=' + 'x'.repeat(500),
  'kind=nope',
  'regionCode=ab',
  'from=2024-13-45',
  'sort=drop',
  'dryRun=maybe',
  'parent=%00',
];
const badBodies: Array<{ payload: string; type: string }> = [
  { payload: '{', type: 'application/json' },
  { payload: 'null', type: 'application/json' },
  { payload: '[]', type: 'application/json' },
  { payload: '"text"', type: 'application/json' },
  { payload: '{"__proto__":{"admin":true}}', type: 'application/json' },
  { payload: '{"name":{"$gt":""},"roleKeys":"x","organisationId":"1"}', type: 'application/json' },
  { payload: JSON.stringify({ name: 'x'.repeat(100_000) }), type: 'application/json' },
  { payload: 'plain text', type: 'text/plain' },
  { payload: '<xml/>', type: 'application/xml' },
  {
    payload:
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nnot a zip\r\n--x--\r\n',
    type: 'multipart/form-data; boundary=x',
  },
  { payload: '--x\r\nbroken', type: 'multipart/form-data; boundary=x' },
];

const fill = (url: string, value: string) => url.replace(/:[a-zA-Z]+/g, encodeURIComponent(value));

const call = async (c: Client, method: string, url: string, body?: { payload: string; type: string }) => {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    ...(body && {
      payload: body.payload,
      headers: { 'content-type': body.type, 'x-csrf-token': c.csrfToken! },
    }),
    ...(!body && { headers: { 'x-csrf-token': c.csrfToken! } }),
    cookies: { ohp_sid: c.sessionToken! },
  });
  return res;
};

describe('malformed input never produces a 500', () => {
  it('answers every route × bad path, query and body with a 4xx or success and the error shape', async () => {
    const failures: string[] = [];
    const routes = t.routes.filter((r) => r.url.startsWith('/api/v1/') && !r.url.endsWith('/logout'));
    for (const r of routes) {
      for (const c of users) {
        // Each kind of bad input on its own (path, then query, then body), so the run stays linear.
        const paths = r.url.includes(':') ? badParams.map((p) => fill(r.url, p)) : [r.url];
        const attempts: Array<[string, { payload: string; type: string } | undefined]> = [
          ...paths.map((u): [string, undefined] => [u, undefined]),
          ...badQueries.map((q): [string, undefined] => [`${paths[0]}?${q}`, undefined]),
          ...(r.method === 'GET' || r.method === 'DELETE'
            ? []
            : badBodies.map((b): [string, typeof b] => [paths[0]!, b])),
        ];
        for (const [url, b] of attempts) {
          const res = await call(c, r.method, url, b);
          if (res.statusCode >= 500)
            failures.push(
              `${r.method} ${url} ${b?.type ?? ''} → ${res.statusCode} ${res.body.slice(0, 200)}`,
            );
          else if (res.statusCode >= 400) {
            const body = res.json<{ error?: { code?: string; requestId?: string } }>();
            if (!body.error?.code || !body.error.requestId)
              failures.push(`${r.method} ${url} → ${res.statusCode} without the error shape`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers arbitrary JSON bodies on every write route with a 4xx or success', async () => {
    const writes = t.routes.filter(
      (r) => r.url.startsWith('/api/v1/') && r.method !== 'GET' && !r.url.endsWith('/logout'),
    );
    const c = users[0]!;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue({ maxDepth: 3 }), async (r, value) => {
        const res = await call(c, r.method, fill(r.url, '1'), {
          payload: JSON.stringify(value),
          type: 'application/json',
        });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found', reason: 'route_not_found' } });
  });
});
