/**
 * Issue 14 item 5: what every request pays. The security headers are computed once (and stay exactly
 * helmet's), the access log is one line per request with sampled reads, and /api/health shares and
 * reuses its database check.
 */
import { PassThrough } from 'node:stream';
import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './helpers.js';
import { healthProbe } from '../src/modules/health/index.js';
import { createHttpApp } from '../src/server.js';
import type { Config } from '../src/platform/config.js';
import type { Deps } from '../src/platform/http/types.js';
import { cspDirectives } from '../src/platform/http/security-headers.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ seed: false });
});
afterAll(async () => t?.close());

const withConfig = (patch: (c: Config) => Config): Deps => ({ ...t.deps, config: patch(t.deps.config) });

const helmetHeaders = async (hsts: boolean) => {
  const ref = Fastify();
  await ref.register(helmet, {
    contentSecurityPolicy: { directives: cspDirectives },
    crossOriginEmbedderPolicy: false,
    hsts,
  });
  ref.get('/', async () => 'x');
  const res = await ref.inject('/');
  await ref.close();
  return res.headers;
};

const securityPart = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers).filter(
      ([k]) =>
        !['content-type', 'content-length', 'date', 'connection', 'x-request-id', 'cache-control'].includes(
          k,
        ) &&
        // The rate limiter's own headers (API paths only).
        !k.startsWith('x-ratelimit-'),
    ),
  );

describe('security headers', () => {
  for (const hsts of [false, true]) {
    it(`are exactly helmet's with the platform's policy (HSTS ${hsts ? 'on' : 'off'})`, async () => {
      const deps = withConfig((c) => ({ ...c, security: { ...c.security, secureCookies: hsts } }));
      const { app } = await createHttpApp(deps);
      try {
        for (const url of ['/api/health', '/api/nope', '/index.html']) {
          const res = await app.inject(url);
          expect(securityPart(res.headers), url).toEqual(securityPart(await helmetHeaders(hsts)));
        }
      } finally {
        await app.close();
      }
    });
  }
});

describe('the access log', () => {
  const logged = async (
    http: Partial<Config['http']>,
    requests: Array<{ method: 'GET' | 'POST'; url: string }>,
  ) => {
    const stream = new PassThrough();
    const lines: Array<Record<string, unknown>> = [];
    stream.on('data', (b: Buffer) => {
      for (const l of b.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
    });
    const deps = withConfig((c) => ({ ...c, logLevel: 'info', http: { ...c.http, ...http } }));
    const { app } = await createHttpApp(deps, { logger: { stream } });
    try {
      for (const r of requests) await app.inject(r);
    } finally {
      await app.close();
    }
    await new Promise((r) => setImmediate(r));
    return lines.filter((l) => l.msg === 'request');
  };

  it('writes one line per request when every read is sampled', async () => {
    const lines = await logged({ accessLogSample: 1 }, [
      { method: 'GET', url: '/api/health' },
      { method: 'GET', url: '/api/health' },
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ method: 'GET', url: '/api/health', status: 200 });
    expect(typeof lines[0]!.ms).toBe('number');
  });

  it('always logs writes and errors, and reads only as sampled', async () => {
    const lines = await logged({ accessLogSample: 0, accessLogSlowMs: 60_000 }, [
      { method: 'GET', url: '/api/health' },
      { method: 'GET', url: '/api/v1/no-such-route' },
      { method: 'POST', url: '/api/v1/auth/logout' },
    ]);
    expect(lines.map((l) => [l.method, l.url, l.status])).toEqual([
      ['GET', '/api/v1/no-such-route', 404],
      ['POST', '/api/v1/auth/logout', 401],
    ]);
  });

  it('always logs a slow read', async () => {
    const lines = await logged({ accessLogSample: 0, accessLogSlowMs: 0 }, [
      { method: 'GET', url: '/api/health' },
    ]);
    expect(lines).toHaveLength(1);
  });
});

describe('the health check', () => {
  const counted = (healthCheckMs: number) => {
    const counter = { queries: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        counter.queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const deps = withConfig((c) => ({ ...c, http: { ...c.http, healthCheckMs } }));
    return { counter, probe: healthProbe({ ...deps, db: t.deps.db.withPlugin(plugin) }) };
  };

  it('shares one database check among concurrent calls and reuses it for OHP_HEALTH_CHECK_MS', async () => {
    const { counter, probe } = counted(60_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => probe()));
    expect(counter.queries).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await probe();
    expect(counter.queries).toBe(1);
  });

  it('checks on every call when OHP_HEALTH_CHECK_MS is 0', async () => {
    const { counter, probe } = counted(0);
    await probe();
    await probe();
    expect(counter.queries).toBe(2);
  });

  it('answers with the time of the database check', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.checkedAt as string)).toBeGreaterThan(Date.now() - 60_000);
  });
});
