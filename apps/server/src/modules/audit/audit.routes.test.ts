import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('audit trail', () => {
  it('records who, from where and under which request for every write and login', async () => {
    const c = await t.login('demo-province');
    const res = await c.post(
      '/api/v1/organisations',
      { name: '审计测试单位', kind: 'employer', regionCode: '220102' },
      { 'x-request-id': 'audit-test-0001' },
    );
    expect(res.status).toBe(201);
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', 'audit-test-0001')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'organisation.create',
      actor_username: 'demo-province',
      entity_type: 'organisation',
      entity_id: String(res.body.id),
    });
    expect(entry.ip).toBeTruthy();
    expect(entry.actor_organisation_id).toBeGreaterThan(0);
    const login = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.login')
      .where('actor_username', '=', 'demo-province')
      .executeTakeFirst();
    expect(login).toBeDefined();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows in the database itself', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });

  it('verifies the hash chain and finds the first tampered row', async () => {
    const ok = await verifyAuditChain(t.deps.db);
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(1);
    // Tampering needs the table owner to switch the trigger off: exactly what the chain is there to catch.
    const victim = await t.deps.db
      .selectFrom('audit_log')
      .select('audit_log_id')
      .orderBy('audit_log_id')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.deps.db);
    await sql`update audit_log set actor_username = 'someone-else' where audit_log_id = ${victim.audit_log_id}`.execute(
      t.deps.db,
    );
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.deps.db);
    const broken = await verifyAuditChain(t.deps.db);
    expect(broken).toMatchObject({ ok: false, firstBrokenId: victim.audit_log_id });
  });

  it('lets the audit administrator search the trail, and nobody else', async () => {
    const auditor = await t.login('demo-auditor');
    const res = await auditor.get('/api/v1/audit?action=organisation&pageSize=50');
    expect(res.status).toBe(200);
    const rows = res.body.data as Array<{ action: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.action.startsWith('organisation'))).toBe(true);
    const sysadmin = await t.login('demo-sysadmin');
    expect((await sysadmin.get('/api/v1/audit')).status).toBe(403);
    const verify = await auditor.post('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: false });
  });
});
