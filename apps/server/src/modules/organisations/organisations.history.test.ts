/**
 * 变更记录 (issue 13): GET /organisations/:id/history answers the audit entries about one organisation,
 * only when the organisation is in the caller's scope, with readable fields and masked personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../../../test/factories.js';
import { createTestContext, orgId, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let province: Client;
let city: Client;
let county: Client;
let employer: Client;
beforeAll(async () => {
  t = await createTestContext();
  province = await t.login('demo-province');
  city = await t.login('demo-city');
  county = await t.login('demo-county');
  employer = await t.login('demo-employer');
});
afterAll(async () => t.close());

type Change = {
  field: string;
  before: unknown;
  after: unknown;
  beforeLabel: string | null;
  afterLabel: string | null;
};
type Entry = { id: number; at: string; actorUsername: string | null; action: string; changes: Change[] };
const entries = (res: { body: Record<string, unknown> }) => res.body.data as Entry[];

describe('organisation history', () => {
  it('shows who changed which field from what to what, newest first, with codes named', async () => {
    const created = await province.post('/api/v1/organisations', {
      name: '历史记录测试有限公司',
      kind: 'employer',
      regionCode: '220102',
      industryCode: 'C3421',
      employees: 30,
    });
    expect(created.status).toBe(201);
    const id = Number(created.body.id);
    const parent = await orgId(t.deps, { kind: 'employer', region: '220103' });
    expect(
      (
        await province.patch(`/api/v1/organisations/${id}`, {
          regionCode: '220103',
          parentId: parent,
          contactPhone: '13900001111',
        })
      ).status,
    ).toBe(200);

    const res = await province.get(`/api/v1/organisations/${id}/history`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1 });
    const [update, create] = entries(res);
    expect(update).toMatchObject({ action: 'organisation.update', actorUsername: 'demo-province' });
    expect(update!.changes).toEqual(
      expect.arrayContaining([
        {
          field: 'regionCode',
          before: '220102',
          after: '220103',
          beforeLabel: '南关区',
          afterLabel: '宽城区',
        },
        expect.objectContaining({ field: 'parentId', before: null, after: parent }),
        // The audit trail masks the phone; the history shows it as stored.
        { field: 'contactPhone', before: null, after: '139****1111', beforeLabel: null, afterLabel: null },
      ]),
    );
    expect(update!.changes.find((c) => c.field === 'parentId')!.afterLabel).toEqual(expect.any(String));
    // Derived and internal columns are not shown.
    expect(update!.changes.map((c) => c.field)).not.toContain('level');
    expect(JSON.stringify(res.body)).not.toContain('name_sort');
    expect(create).toMatchObject({ action: 'organisation.create' });
    expect(create!.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', before: null, after: '历史记录测试有限公司' }),
        expect.objectContaining({ field: 'industryCode', after: '3421' }),
      ]),
    );
    expect(create!.changes.find((c) => c.field === 'industryCode')!.afterLabel).toMatch(/\S/);
    expect(JSON.stringify(res.body)).not.toContain('13900001111');

    // A deleted organisation is no longer found, so neither is its history.
    expect((await province.delete(`/api/v1/organisations/${id}`)).status).toBe(204);
    expect((await province.get(`/api/v1/organisations/${id}/history`)).status).toBe(404);
  });

  it('answers only for organisations in scope: 404 outside it, as for one that does not exist', async () => {
    const employerOrg = ((await employer.get('/api/v1/auth/me')).body.organisation as { id: number }).id;
    const sibling = await buildOrganisation(t.deps, { regionCode: '220103', name: '宽城区历史测试单位' });
    const otherCity = await buildOrganisation(t.deps, { regionCode: '220202', name: '吉林市历史测试单位' });
    await province.patch(`/api/v1/organisations/${sibling}`, { contactName: '甲' });
    await province.patch(`/api/v1/organisations/${otherCity}`, { contactName: '乙' });

    // The county (南关区) sees its employer, not the sibling county's organisation.
    expect((await county.get(`/api/v1/organisations/${employerOrg}/history`)).status).toBe(200);
    expect((await county.get(`/api/v1/organisations/${sibling}/history`)).status).toBe(404);
    // The city (长春) sees both of its counties, not the sibling city.
    expect((await city.get(`/api/v1/organisations/${sibling}/history`)).status).toBe(200);
    expect((await city.get(`/api/v1/organisations/${otherCity}/history`)).status).toBe(404);
    // The employer sees its own history, nobody else's.
    expect((await employer.get(`/api/v1/organisations/${employerOrg}/history`)).status).toBe(200);
    expect((await employer.get(`/api/v1/organisations/${sibling}/history`)).status).toBe(404);
    const missing = await province.get('/api/v1/organisations/999999/history');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found' });
    // The auditor holds no organisations:read.
    const auditor = await t.login('demo-auditor');
    expect((await auditor.get(`/api/v1/organisations/${employerOrg}/history`)).status).toBe(403);
  });

  it('holds only the entries about that organisation, including the demo history', async () => {
    const employerOrg = ((await employer.get('/api/v1/auth/me')).body.organisation as { id: number }).id;
    const res = await county.get(`/api/v1/organisations/${employerOrg}/history?pageSize=50`);
    const list = entries(res);
    // The demo seed: the province corrected the address and phone, then the employer its own profile.
    expect(list.map((e) => `${e.action}:${e.actorUsername}`)).toEqual([
      'organisation.profile_update:demo-employer',
      'organisation.update:demo-province',
    ]);
    expect(list[0]!.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'contactPhone', after: '139****1234' })]),
    );
    const ids = await t.deps.db
      .selectFrom('audit_log')
      .select('audit_log_id')
      .where('entity_type', '=', 'organisation')
      .where('entity_id', '=', String(employerOrg))
      .execute();
    expect(list.map((e) => e.id).sort()).toEqual(ids.map((r) => Number(r.audit_log_id)).sort());
    // Paged.
    const first = await county.get(`/api/v1/organisations/${employerOrg}/history?pageSize=1`);
    expect(first.body).toMatchObject({ total: 2, pageSize: 1 });
    expect(entries(first)).toHaveLength(1);
  });

  it('names the parent and supervising organisation in the detail, when in scope', async () => {
    const parent = await buildOrganisation(t.deps, { regionCode: '220102', name: '南关区集团总公司' });
    const child = await buildOrganisation(t.deps, {
      regionCode: '220102',
      name: '南关区集团子公司',
      parentId: parent,
    });
    const supervisor = await orgId(t.deps, { kind: 'health_commission', region: '220102' });
    await province.patch(`/api/v1/organisations/${child}`, { supervisorId: supervisor });
    const res = await county.get(`/api/v1/organisations/${child}`);
    expect(res.body).toMatchObject({
      parentId: parent,
      parentName: '南关区集团总公司',
      supervisorId: supervisor,
    });
    expect(res.body.supervisorName).toMatch(/卫生健康局$/);
    // A parent outside the caller's scope keeps its id, not its name.
    const farParent = await buildOrganisation(t.deps, { regionCode: '220202', name: '吉林市集团总公司' });
    const farChild = await buildOrganisation(t.deps, {
      regionCode: '220102',
      name: '南关区外地集团子公司',
      parentId: farParent,
    });
    const far = await county.get(`/api/v1/organisations/${farChild}`);
    expect(far.body).toMatchObject({ parentId: farParent, parentName: null });
  });
});
