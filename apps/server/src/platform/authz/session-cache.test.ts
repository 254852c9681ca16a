/**
 * Issue 14 item 2: an authenticated request pays at most one query for its session, and the
 * in-process session cache is cleared at once by everything that changes who someone is or what they
 * may do — logout, disabling, role and permission changes, forced logout, deleting the organisation.
 */
import type { KyselyPlugin } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { resolveSession, SessionCache } from './session.js';
import { sha256 } from '../crypto.js';

const counting = () => {
  const counter = { queries: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      counter.queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { counter, plugin };
};

describe('session cost and the session cache', () => {
  let ctx: TestContext;
  let secadmin: Client;
  let sysadmin: Client;
  let orgId: number;
  let userId: number;
  let username: string;
  let user: Client;

  const probe = async () => (await user.get('/api/v1/organisations')).status;
  const relogin = async () => {
    user = await ctx.login(username);
    expect(await probe()).toBe(200);
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    secadmin = await ctx.login('demo-secadmin');
    sysadmin = await ctx.login('demo-sysadmin');
    const created = await secadmin.post('/api/v1/roles', {
      key: 'cache_probe',
      nameZh: '缓存探针',
      nameEn: 'Cache probe',
      permissions: ['catalogues:read', 'organisations:read'],
    });
    expect(created.status).toBe(201);
    expect(
      (
        await secadmin.post('/api/v1/roles', {
          key: 'cache_probe_none',
          nameZh: '缓存探针（无）',
          nameEn: 'Cache probe (none)',
          permissions: ['catalogues:read'],
        })
      ).status,
    ).toBe(201);
    orgId = await buildOrganisation(ctx.deps, { regionCode: '220102' });
    ({ id: userId, username } = await buildUser(ctx.deps, {
      organisationId: orgId,
      roleKeys: ['cache_probe'],
    }));
  });
  afterAll(async () => ctx?.close());

  it('resolves a session in one query, and from the cache in none', async () => {
    const { token } = await import('./session.js').then((m) =>
      m.createSession(ctx.deps.db, userId, { ip: null, userAgent: null }),
    );
    const { counter, plugin } = counting();
    const db = ctx.deps.db.withPlugin(plugin);
    const now = new Date();
    const first = await resolveSession(db, ctx.deps.config, token, now, null);
    expect(typeof first).toBe('object');
    expect(counter.queries).toBe(1);
    const cache = new SessionCache(120_000);
    counter.queries = 0;
    await resolveSession(db, ctx.deps.config, token, now, cache);
    await resolveSession(db, ctx.deps.config, token, now, cache);
    const third = await resolveSession(db, ctx.deps.config, token, now, cache);
    expect(counter.queries).toBe(1);
    expect(typeof third === 'object' && third.actor.permissions.has('organisations:read')).toBe(true);
    // A minute later the session's last-seen time is written (once), still from the cache.
    counter.queries = 0;
    await resolveSession(db, ctx.deps.config, token, new Date(now.getTime() + 61_000), cache);
    await resolveSession(db, ctx.deps.config, token, new Date(now.getTime() + 62_000), cache);
    expect(counter.queries).toBe(1);
    // The idle timeout is judged from the cached times: expired, revoked in the database, cache cleared.
    const idle = ctx.deps.config.security.sessionIdleMinutes * 60_000;
    const later = new Date(now.getTime() + 61_000 + idle + 1_000);
    expect(await resolveSession(db, ctx.deps.config, token, later, cache)).toBe('expired');
    expect(cache.size).toBe(0);
    expect(await resolveSession(db, ctx.deps.config, token, later, cache)).toBe('none');
  });

  it('never stores a result read before a clear, and forgets entries after the TTL', async () => {
    const { createSession } = await import('./session.js');
    const { token } = await createSession(ctx.deps.db, userId, { ip: null, userAgent: null });
    const cache = new SessionCache(5_000);
    const now = new Date();
    // Simulate a read that began before a clear: the generation it started with is stale.
    const generation = cache.generation;
    cache.clear();
    const { counter, plugin } = counting();
    const db = ctx.deps.db.withPlugin(plugin);
    cache.set(sha256(token), {} as never, generation, now.getTime());
    expect(cache.size).toBe(0);
    await resolveSession(db, ctx.deps.config, token, now, cache);
    expect(cache.size).toBe(1);
    counter.queries = 0;
    await resolveSession(db, ctx.deps.config, token, new Date(now.getTime() + 4_000), cache);
    expect(counter.queries).toBe(0);
    await resolveSession(db, ctx.deps.config, token, new Date(now.getTime() + 5_000), cache);
    expect(counter.queries).toBe(1);
    // TTL 0 switches the cache off.
    const off = new SessionCache(0);
    counter.queries = 0;
    await resolveSession(db, ctx.deps.config, token, now, off);
    await resolveSession(db, ctx.deps.config, token, now, off);
    expect(counter.queries).toBe(2);
    expect(off.size).toBe(0);
  });

  it('serves a signed-in user from the cache (a change behind the application is not seen within the TTL)', async () => {
    await relogin();
    await sql`update app_user set status = 'disabled' where user_id = ${userId}`.execute(ctx.deps.db);
    try {
      // Proves the cache is in force, so the clears below are what makes the later answers change.
      expect(await probe()).toBe(200);
    } finally {
      await sql`update app_user set status = 'active' where user_id = ${userId}`.execute(ctx.deps.db);
    }
  });

  it('a change to the role’s permissions takes effect on the next request', async () => {
    await relogin();
    expect(
      (await secadmin.patch('/api/v1/roles/cache_probe', { permissions: ['catalogues:read'] })).status,
    ).toBe(200);
    expect(await probe()).toBe(403);
    expect(
      (
        await secadmin.patch('/api/v1/roles/cache_probe', {
          permissions: ['catalogues:read', 'organisations:read'],
        })
      ).status,
    ).toBe(200);
    expect(await probe()).toBe(200);
  });

  it('taking the role away takes effect on the next request', async () => {
    await relogin();
    expect(
      (await secadmin.put(`/api/v1/users/${userId}/roles`, { roleKeys: ['cache_probe_none'] })).status,
    ).toBe(200);
    expect(await probe()).toBe(403);
    expect((await secadmin.put(`/api/v1/users/${userId}/roles`, { roleKeys: ['cache_probe'] })).status).toBe(
      200,
    );
    expect(await probe()).toBe(200);
  });

  it('disabling the account signs it out at once', async () => {
    await relogin();
    expect((await sysadmin.patch(`/api/v1/users/${userId}`, { status: 'disabled' })).status).toBe(200);
    expect(await probe()).toBe(401);
    expect((await sysadmin.patch(`/api/v1/users/${userId}`, { status: 'active' })).status).toBe(200);
  });

  it('a forced logout signs the session out at once', async () => {
    await relogin();
    const list = await secadmin.get('/api/v1/sessions');
    const mine = (list.body.data as { id: string; userId: number }[]).filter((s) => s.userId === userId);
    expect(mine.length).toBeGreaterThan(0);
    for (const s of mine) expect((await secadmin.delete(`/api/v1/sessions/${s.id}`)).status).toBe(200);
    expect(await probe()).toBe(401);
  });

  it('logging out ends the session at once', async () => {
    await relogin();
    expect((await user.post('/api/v1/auth/logout')).status).toBe(200);
    expect(await probe()).toBe(401);
  });

  it('a session-neutral write (a calculator) keeps the cache; any other write clears it', async () => {
    await relogin();
    const sessions = ctx.sessions;
    const before = sessions.generation;
    const calc = await user.post('/api/v1/standards/noise-lexw', { dailyLex8h: [88, 88, 88, 88] });
    expect(calc.status).toBe(200);
    expect(sessions.generation).toBe(before);
    expect(sessions.size).toBeGreaterThan(0);
    // A refused write clears it too (the rule does not depend on the outcome).
    await user.patch('/api/v1/my-organisation', { name: 'x' });
    expect(sessions.generation).toBe(before + 1);
  });

  it("a change to the user's organisation (its region, hence the scope) takes effect on the next request", async () => {
    await relogin();
    const me = async () =>
      ((await user.get('/api/v1/auth/me')).body.organisation as { regionCode: string }).regionCode;
    expect(await me()).toBe('220102');
    expect((await sysadmin.patch(`/api/v1/organisations/${orgId}`, { regionCode: '220103' })).status).toBe(
      200,
    );
    expect(await me()).toBe('220103');
  });
});
