/**
 * OpenAPI examples that work (issue 13): every write route with a JSON body documents at least one
 * example on its body schema and, in its route config, the demo account (and path parameters) it
 * works with. This test posts every example as is to a freshly seeded demo province — with the same
 * demo password `npm start` uses — and expects a 2xx; then posts it again with one field broken and
 * expects a 4xx whose details name that field. Integrators copy these examples: they must never rot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteRecord } from '../src/platform/http/app.js';
import { createTestContext, type Client, type TestContext } from './helpers.js';

/** The demo password `npm start` seeds (config.ts default), which the examples use. */
const START_DEMO_PASSWORD = 'Demo@2026!';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ demoPassword: START_DEMO_PASSWORD, examCards: true });
});
afterAll(async () => t.close());

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const writeRoutes = (): RouteRecord[] =>
  t.routes.filter((r) => r.url.startsWith('/api/v1/') && WRITE.has(r.method) && r.schema.body !== undefined);

type BodySchema = { examples?: unknown[]; properties?: Record<string, { type?: unknown }> };

const pathOf = (r: RouteRecord): string =>
  r.url.replace(/:(\w+)/g, (_m, name: string) => String(r.example?.params?.[name] ?? `:${name}`));

/** A value of the wrong kind for the field's current value, which every schema refuses. */
const broken = (value: unknown): unknown => {
  if (typeof value === 'string') return `${value}\u0000`;
  if (typeof value === 'number') return 1e15;
  if (typeof value === 'boolean') return 'not-a-boolean';
  if (Array.isArray(value)) return 'not-an-array';
  if (value === null) return { not: 'null' };
  return 'not-an-object';
};

const clientFor = async (as: string | null): Promise<Client> => (as ? t.login(as) : t.anonymous());

/** Sends in an order where no example spoils another's account (the password change goes last). */
const ordered = (routes: RouteRecord[]) =>
  [...routes].sort(
    (a, b) =>
      Number(a.url === '/api/v1/auth/password') - Number(b.url === '/api/v1/auth/password') ||
      a.url.localeCompare(b.url),
  );

describe('route schemas', () => {
  it("every route's request validators and response serializers compile (they compile on first use)", () => {
    // Nothing has compiled the routes' schemas yet but the few requests other tests may have made;
    // compiling the rest here is what start-up used to do, so a schema that cannot compile fails here.
    const before = t.schemas.pending;
    expect(before).toBeGreaterThan(t.routes.length);
    expect(t.schemas.compileAll()).toBe(before);
    expect(t.schemas.pending).toBe(0);
  });
});

describe('OpenAPI examples', () => {
  it('every write route with a JSON body documents an example and the account it works with', () => {
    const missing = writeRoutes()
      .filter((r) => !(r.schema.body as BodySchema).examples?.length || r.example === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(writeRoutes().length).toBeGreaterThan(20);
  });

  it('the OpenAPI document shows each example with its account', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      paths: Record<string, Record<string, { requestBody?: unknown; 'x-example-as'?: unknown }>>;
    }>();
    const op = doc.paths['/api/v1/organisations/{id}']?.patch;
    expect(op?.['x-example-as']).toBe('demo-province');
    expect(JSON.stringify(op?.requestBody)).toContain('0431-88887777');
  });

  // A sweep of every write route: ≈ 10 s in CI, several times that on a loaded machine.
  it('accepts every example as is, and refuses it with one field broken, naming the field', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const r of ordered(writeRoutes())) {
      const example = (r.schema.body as BodySchema).examples?.[0] as Record<string, unknown> | undefined;
      if (!example || !r.example) continue;
      const url = pathOf(r);
      const key = `${r.method} ${r.url}`;
      const fields = Object.keys(example);
      // Broken first, so a refused request can be checked to leave the example still acceptable.
      if (fields.length) {
        const field = fields[0]!;
        const c = await clientFor(r.example.as);
        const res = await c.request(
          r.method as 'POST',
          url,
          { ...example, [field]: broken(example[field]) },
          r.example.headers,
        );
        const details = ((res.body.error as { details?: Array<{ path: string }> } | undefined)?.details ??
          []) as Array<{ path: string }>;
        if (res.status < 400 || res.status >= 500)
          failures.push(`${key} with ${field} broken: got ${res.status}, expected 4xx`);
        else if (!details.some((d) => d.path === field || d.path.startsWith(`${field}.`)))
          failures.push(`${key} with ${field} broken: details ${JSON.stringify(details)} do not name it`);
      }
      if (r.example.notReplayable) continue;
      const c = await clientFor(r.example.as);
      const res = await c.request(r.method as 'POST', url, example, r.example.headers);
      tried++;
      if (res.status < 200 || res.status >= 300)
        failures.push(`${key} as ${String(r.example.as)}: got ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(20);
  }, 240_000);
});
