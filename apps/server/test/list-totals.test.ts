/**
 * Totals and pages of the user list, the audit trail and the login log (issue 14, item 8), on the
 * engine of the run: each counts its matches exactly only up to OHP_LIST_EXACT_COUNT_LIMIT (set low
 * here), answers an estimate marked `totalExact: false` above it, and the exact count when asked for
 * (`exactTotal=true`); the unfiltered audit trail is counted exactly and for free from its gap-free seq;
 * pages of the logs are read from an index in their order, also for a date range far from today.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit, type AuditContext } from '../src/platform/audit.js';
import { auditPageQuery } from '../src/modules/audit/audit.repository.js';
import { loginLogPageQuery } from '../src/modules/users/login-log.repository.js';
import { insertLoginLogEntry } from '../src/modules/users/users.repository.js';
import type { Actor } from '../src/platform/authz/actor.js';
import { buildOrganisation, buildUser } from './factories.js';
import { createTestContext, type Client, type TestContext } from './helpers.js';

const LIMIT = 5;

let t: TestContext;
let sysadmin: Client;
let secadmin: Client;
let auditor: Client;
let city: Client;
beforeAll(async () => {
  t = await createTestContext({ env: { OHP_LIST_EXACT_COUNT_LIMIT: String(LIMIT) } });
  sysadmin = await t.login('demo-sysadmin');
  secadmin = await t.login('demo-secadmin');
  auditor = await t.login('demo-auditor');
  city = await t.login('demo-city');
});
afterAll(async () => t.close());

const count = async (query: ReturnType<typeof sql<{ n: number }>>): Promise<number> =>
  (await query.execute(t.deps.db)).rows[0]!.n;

describe('the user list', () => {
  it('counts exactly up to the limit, estimates above it, and counts exactly when asked', async () => {
    const all = await count(sql`SELECT count(*)::integer AS n FROM app_user`);
    expect(all).toBeGreaterThan(LIMIT);
    const estimated = await sysadmin.get('/api/v1/users?pageSize=2');
    expect(estimated.status).toBe(200);
    expect(estimated.body.totalExact).toBe(false);
    expect(Number(estimated.body.total)).toBeGreaterThanOrEqual(LIMIT + 1);
    expect((estimated.body.data as unknown[]).length).toBe(2);
    expect((await sysadmin.get('/api/v1/users?pageSize=2&exactTotal=true')).body).toMatchObject({
      total: all,
      totalExact: true,
    });
    expect((await sysadmin.get('/api/v1/users?q=demo-county')).body).toMatchObject({
      total: 1,
      totalExact: true,
    });
  });

  it('counts inside the scope when asked for the exact count', async () => {
    const inCity = await count(sql`
      SELECT count(*)::integer AS n FROM app_user u JOIN organisation o USING (organisation_id)
       WHERE o.region_code LIKE '2201%'`);
    const res = await city.get('/api/v1/users?exactTotal=true&pageSize=200');
    expect(res.body).toMatchObject({ total: inCity, totalExact: true });
    expect((res.body.data as unknown[]).length).toBe(inCity);
  });

  it('lists usernames in order regardless of case', async () => {
    const org = await buildOrganisation(t.deps, { regionCode: '220102' });
    await buildUser(t.deps, { organisationId: org, username: 'Zz.Case.Upper' });
    await buildUser(t.deps, { organisationId: org, username: 'aa.case.lower' });
    const res = await sysadmin.get(`/api/v1/users?organisationId=${org}`);
    expect((res.body.data as Array<{ username: string }>).map((u) => u.username)).toEqual([
      'aa.case.lower',
      'Zz.Case.Upper',
    ]);
  });
});

const ctx: AuditContext = {
  userId: null,
  username: 'list.totals',
  organisationId: null,
  ip: null,
  requestId: null,
};

describe('the audit trail list', () => {
  beforeAll(async () => {
    for (let i = 0; i < 12; i++)
      await writeAudit(t.deps.db, ctx, {
        action: 'organisation.update',
        entityType: 'organisation',
        entityId: 900_000 + i,
      });
  });

  it('counts the whole trail exactly from its sequence, above the limit', async () => {
    const all = await count(sql`SELECT count(*)::integer AS n FROM audit_log`);
    expect(all).toBeGreaterThan(LIMIT);
    expect((await auditor.get('/api/v1/audit?pageSize=1')).body).toMatchObject({
      total: all,
      totalExact: true,
    });
  });

  it('estimates a filtered total above the limit and counts it when asked', async () => {
    const updates = await count(
      sql`SELECT count(*)::integer AS n FROM audit_log WHERE action = 'organisation.update'`,
    );
    expect(updates).toBeGreaterThan(LIMIT);
    const estimated = await auditor.get('/api/v1/audit?action=organisation.update&pageSize=3');
    expect(estimated.body.totalExact).toBe(false);
    expect(Number(estimated.body.total)).toBeGreaterThanOrEqual(LIMIT + 1);
    expect(
      (await auditor.get('/api/v1/audit?action=organisation.update&pageSize=3&exactTotal=true')).body,
    ).toMatchObject({ total: updates, totalExact: true });
    expect((await auditor.get('/api/v1/audit?entityType=organisation&entityId=900003')).body).toMatchObject({
      total: 1,
      totalExact: true,
    });
  });

  it('lists newest first', async () => {
    const res = await auditor.get('/api/v1/audit?pageSize=30');
    const rows = res.body.data as Array<{ id: number; at: string }>;
    const key = (r: { id: number; at: string }) => [Date.parse(r.at), r.id] as const;
    const sorted = [...rows].sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1]);
    expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    expect(rows[0]!.id).toBe(
      Number(
        (await sql<{ id: string }>`SELECT max(audit_log_id) AS id FROM audit_log`.execute(t.deps.db)).rows[0]!
          .id,
      ),
    );
  });
});

describe('the login log list', () => {
  beforeAll(async () => {
    for (let i = 0; i < 8; i++)
      await insertLoginLogEntry(t.deps.db, {
        username: 'list.totals',
        outcome: 'bad_password',
        ip: '10.0.0.1',
      });
    await insertLoginLogEntry(t.deps.db, { username: 'list.totals.once', outcome: 'bad_password', ip: null });
  });

  it('counts exactly up to the limit, estimates above it, and counts exactly when asked', async () => {
    const all = await count(sql`SELECT count(*)::integer AS n FROM login_log`);
    expect(all).toBeGreaterThan(LIMIT);
    const estimated = await secadmin.get('/api/v1/login-logs?pageSize=2');
    expect(estimated.body.totalExact).toBe(false);
    expect(Number(estimated.body.total)).toBeGreaterThanOrEqual(LIMIT + 1);
    // The exact count includes the sign-ins of this test's own clients, which happened before.
    expect((await secadmin.get('/api/v1/login-logs?pageSize=2&exactTotal=true')).body).toMatchObject({
      total: await count(sql`SELECT count(*)::integer AS n FROM login_log`),
      totalExact: true,
    });
    // A username in any case finds the (lower-case) entries.
    const one = await secadmin.get('/api/v1/login-logs?username=LIST.TOTALS&exactTotal=true');
    expect(one.body).toMatchObject({ total: 8, totalExact: true });
    expect((await secadmin.get('/api/v1/login-logs?username=list.totals')).body.totalExact).toBe(false);
    expect((await secadmin.get('/api/v1/login-logs?username=list.totals.once')).body).toMatchObject({
      total: 1,
      totalExact: true,
    });
  });
});

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
const planNodes = async (query: { explain: (format: 'json') => Promise<Array<Record<string, unknown>>> }) => {
  const [row] = await query.explain('json');
  const raw = row!['QUERY PLAN'];
  return nodes(((typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>)[0]!.Plan);
};
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

describe('pages of the logs at a size where plans matter', () => {
  // 20,000 entries each over the last 200 days, appended after today's (ids do not follow times).
  beforeAll(async () => {
    await sql`INSERT INTO login_log (username, outcome, ip, created_at)
              SELECT 'plan.user' || (i % 300), 'bad_password', '10.1.0.' || (i % 200),
                     now() - make_interval(mins => (20000 - i) * 14)
                FROM generate_series(1, 20000) AS i`.execute(t.deps.db);
    const head = await sql<{ seq: number }>`
      SELECT seq FROM audit_log ORDER BY audit_log_id DESC LIMIT 1`.execute(t.deps.db);
    const seq = Number(head.rows[0]!.seq);
    // Rows of the keyed chain's shape with the sequence continued (the hashes are not checked here).
    await sql`INSERT INTO audit_log (at, actor_username, action, entity_type, entity_id, prev_hash, hash, seq, chain_version)
              SELECT now() - make_interval(mins => (20000 - i) * 14), 'plan.user' || (i % 50),
                     (ARRAY['organisation.update','user.update','organisation.create','auth.login'])[1 + i % 4],
                     'organisation', (i % 5000)::text, 'x', 'y', ${seq} + i, 2
                FROM generate_series(1, 20000) AS i`.execute(t.deps.db);
    await sql`ANALYZE`.execute(t.deps.db);
  }, 60_000);

  const actor = async (username: string): Promise<Actor> => {
    const o = await t.deps.db
      .selectFrom('app_user as u')
      .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
      .select(['u.user_id', 'o.organisation_id', 'o.kind', 'o.region_code'])
      .where('u.username', '=', username)
      .executeTakeFirstOrThrow();
    return {
      userId: o.user_id,
      organisationId: o.organisation_id,
      organisationKind: o.kind,
      regionCode: o.region_code,
    } as Actor;
  };

  it('reads a day long ago of the login log from the time index, not by sorting', async () => {
    const plan = await planNodes(
      loginLogPageQuery(t.deps.db, await actor('demo-secadmin'), { from: day(150), to: day(150) }),
    );
    expect(plan.filter((n) => n['Node Type'] === 'Sort')).toEqual([]);
    expect(plan.some((n) => n['Index Name'] === 'login_log_created_id_idx')).toBe(true);
    const all = await planNodes(loginLogPageQuery(t.deps.db, await actor('demo-secadmin'), {}));
    expect(all.filter((n) => /Sort/.test(n['Node Type']))).toEqual([]);
  });

  it('reads a day long ago of the audit trail from the time index, not by sorting', async () => {
    const plan = await planNodes(auditPageQuery(t.deps.db, { from: day(150), to: day(150) }));
    expect(plan.filter((n) => /Sort/.test(n['Node Type']))).toEqual([]);
    expect(plan.some((n) => n['Index Name'] === 'audit_log_at_idx')).toBe(true);
    const all = await planNodes(auditPageQuery(t.deps.db, {}));
    expect(all.filter((n) => /Sort/.test(n['Node Type']))).toEqual([]);
    // The whole trail's total stays exact: the sequence was continued.
    const n = await count(sql`SELECT count(*)::integer AS n FROM audit_log`);
    expect((await auditor.get('/api/v1/audit?pageSize=1')).body).toMatchObject({
      total: n,
      totalExact: true,
    });
  });
});
