/**
 * No request a client can send produces a 500: every registered route is called with malformed path
 * parameters, query strings, bodies and content types, by users who hold its permission, and must
 * answer 2xx–4xx with the one error shape.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteRecord } from '../src/platform/http/app.js';
import { createHttpApp } from '../src/server.js';
import { createTestContext, type Client, type TestContext } from './helpers.js';

let t: TestContext;
let users: Client[] = [];
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
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
    // Every route × several bad inputs: it grows with the API (a minute on a quiet 2-core machine).
  }, 300_000);

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

// ---------- every field of every route (issue 11, item 10) ----------

type Node = Record<string, unknown>;
type Field = { path: Array<string | number>; kind: 'string' | 'number' };

/** Every string and number leaf of a request schema, with its path (array items as index 0). */
const fieldsOf = (schema: unknown, path: Array<string | number> = []): Field[] => {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Node;
  const types = Array.isArray(node.type) ? (node.type as unknown[]) : [node.type];
  const out: Field[] = [];
  for (const k of ['anyOf', 'oneOf', 'allOf'])
    if (Array.isArray(node[k])) for (const b of node[k] as unknown[]) out.push(...fieldsOf(b, path));
  if (node.properties && typeof node.properties === 'object')
    for (const [k, v] of Object.entries(node.properties as Node)) out.push(...fieldsOf(v, [...path, k]));
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items))
    out.push(...fieldsOf(node.items, [...path, 0]));
  if (types.includes('string')) out.push({ path, kind: 'string' });
  if (types.includes('number') || types.includes('integer')) out.push({ path, kind: 'number' });
  const seen = new Set<string>();
  return out.filter((f) => {
    const key = `${f.kind}:${f.path.join('.')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** A body holding just `value` at `path` (objects for names, arrays for indexes). */
const bodyWith = (path: Array<string | number>, value: unknown): unknown => {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
};

/** A value the route's schema accepts for a path parameter, so validation reaches the other parts. */
const paramCheck = new Ajv({ coerceTypes: true, strict: false });
addFormats(paramCheck);
const validParam = (r: RouteRecord, name: string): string => {
  const schema = ((r.schema.params as Node | undefined)?.properties as Node | undefined)?.[name];
  const ok = schema ? paramCheck.compile(schema) : () => true;
  // … a province (信息公开: /public/lists/:province/:kind) and a public list's kind.
  return (
    ['1', 'hazard-factors', 'ab_1', '220102', '2026-10-10', '22', 'filed_institutions'].find((v) => ok(v)) ??
    '1'
  );
};

const BAD: Record<Field['kind'], { body: unknown; query: string; reasons: string[] }> = {
  string: { body: 'a\u0000b', query: 'a%00b', reasons: ['nul_character'] },
  number: { body: 1e308, query: '1e308', reasons: ['maximum', 'exclusiveMaximum'] },
};

describe('every field of every route is checked at the schema, and the answer names it', () => {
  let clients: Array<{ client: Client; permissions: Set<string> }> = [];
  beforeAll(async () => {
    clients = [];
    for (const u of [
      'demo-province',
      'demo-qc',
      'demo-sysadmin',
      'demo-secadmin',
      'demo-auditor',
      'demo-employer',
      'demo-exam',
      'demo-diag',
    ]) {
      const client = await t.login(u);
      const me = await client.get('/api/v1/auth/me');
      clients.push({ client, permissions: new Set(me.body.permissions as string[]) });
    }
  });
  const clientFor = (r: RouteRecord): Client | null =>
    r.access === 'public' || r.access === 'authenticated'
      ? clients[0]!.client
      : (clients.find((c) => c.permissions.has(r.access))?.client ?? null);
  const apiRoutes = () => t.routes.filter((r) => r.url.startsWith('/api/v1/') && !r.url.endsWith('/logout'));

  const send = async (c: Client, r: RouteRecord, url: string, body?: unknown) =>
    t.app.inject({
      method: r.method as 'POST',
      url,
      ...(body !== undefined && {
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        'x-csrf-token': c.csrfToken!,
      },
      cookies: { ohp_sid: c.sessionToken! },
    });

  for (const kind of ['string', 'number'] as const) {
    it(`refuses ${kind === 'string' ? 'a NUL byte in every text field' : '1e308 in every number field'} (body, query, path) with a 400 naming the field`, async () => {
      const failures: string[] = [];
      let checked = 0;
      for (const r of apiRoutes()) {
        const c = clientFor(r);
        if (!c) {
          failures.push(`${r.method} ${r.url}: no demo user holds ${r.access}`);
          continue;
        }
        const base = r.url.replace(/:([a-zA-Z]+)/g, (_m, name: string) => validParam(r, name));
        const attempts: Array<{ where: string; path: string; url: string; body?: unknown }> = [];
        for (const f of fieldsOf(r.schema.body).filter((x) => x.kind === kind))
          attempts.push({
            where: 'body',
            path: f.path.join('.'),
            url: base,
            body: bodyWith(f.path, BAD[kind].body),
          });
        for (const f of fieldsOf(r.schema.querystring).filter((x) => x.kind === kind && x.path.length === 1))
          attempts.push({
            where: 'query',
            path: String(f.path[0]),
            url: `${base}?${String(f.path[0])}=${BAD[kind].query}`,
            ...(r.method !== 'GET' && r.method !== 'DELETE' && r.schema.body !== undefined && { body: {} }),
          });
        for (const f of fieldsOf(r.schema.params).filter((x) => x.kind === kind && x.path.length === 1))
          attempts.push({
            where: 'path',
            path: String(f.path[0]),
            url: r.url.replace(/:([a-zA-Z]+)/g, (_m, name: string) =>
              name === f.path[0] ? BAD[kind].query : validParam(r, name),
            ),
            ...(r.method !== 'GET' && r.method !== 'DELETE' && r.schema.body !== undefined && { body: {} }),
          });
        for (const a of attempts) {
          checked += 1;
          const res = await send(c, r, a.url, a.body);
          const details =
            res.statusCode === 400
              ? (res.json<{ error: { details?: Array<{ path: string; reason: string }> } }>().error.details ??
                [])
              : [];
          const named = details.find((d) => d.path === a.path);
          if (!named || !BAD[kind].reasons.includes(named.reason))
            failures.push(
              `${r.method} ${r.url} ${a.where} ${a.path} → ${res.statusCode} ${JSON.stringify(details).slice(0, 200)}`,
            );
        }
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(kind === 'string' ? 40 : 15);
    });
  }

  it('refuses a body on every route that takes none, naming the body; no body or {} is fine', async () => {
    const bodyless = apiRoutes().filter((r) => r.bodyless);
    expect(bodyless.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/audit/verify', 'POST /api/v1/users/:id/unlock']),
    );
    const failures: string[] = [];
    for (const r of bodyless) {
      const c = clientFor(r)!;
      const url = r.url.replace(/:[a-zA-Z]+/g, '999999');
      for (const body of [{ admin: true }, [], 'null', 'plain']) {
        const res = await t.app.inject({
          method: r.method as 'POST',
          url,
          payload: typeof body === 'string' ? body : JSON.stringify(body),
          headers: {
            'content-type': body === 'plain' ? 'text/plain' : 'application/json',
            'x-csrf-token': c.csrfToken!,
          },
          cookies: { ohp_sid: c.sessionToken! },
        });
        const details =
          res.statusCode === 400
            ? (res.json<{ error: { details?: Array<{ path: string; reason: string }> } }>().error.details ??
              [])
            : [];
        if (!details.some((d) => d.path === 'body' && d.reason === 'body_not_allowed'))
          failures.push(`${r.method} ${r.url} ${JSON.stringify(body)} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    // What clients send for "no body" still works.
    const sec = clients.find((c) => c.permissions.has('audit:verify'))!.client;
    expect((await sec.post('/api/v1/audit/verify', {})).status).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/audit/verify',
          headers: { 'x-csrf-token': sec.csrfToken! },
          cookies: { ohp_sid: sec.sessionToken! },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('answers /api, /api/ and unknown API paths with a JSON 404, never the web page', async () => {
    const webDist = mkdtempSync(join(tmpdir(), 'ohp-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>web app</title>');
    const { app } = await createHttpApp(t.deps, { webDist });
    try {
      for (const url of ['/api', '/api/', '/api?x=1', '/api/v2/anything', '/api/v1/nope/deeper']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type'], url).toMatch(/application\/json/);
        expect(res.json(), url).toMatchObject({ error: { code: 'not_found', reason: 'route_not_found' } });
      }
      // Outside /api the web app's router gets its page.
      const page = await app.inject({ method: 'GET', url: '/organisations' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('web app');
    } finally {
      await app.close();
      rmSync(webDist, { recursive: true, force: true });
    }
  });
});
