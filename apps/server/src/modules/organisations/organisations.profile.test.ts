/**
 * 本单位信息 (issue 13): a business user keeps its own organisation's contact and staff figures; the
 * regulator's fields are refused by name; no request reaches another organisation.
 */
import { builtInRoles } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../demo/seed.js';
import { buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let employer: Client;
let ownId: number;
beforeAll(async () => {
  t = await createTestContext();
  employer = await t.login('demo-employer');
  ownId = ((await employer.get('/api/v1/auth/me')).body.organisation as { id: number }).id;
});
afterAll(async () => t.close());

type Detail = { path: string; reason: string; message: string };
const details = (res: { body: Record<string, unknown> }) =>
  ((res.body.error as { details?: Detail[] }).details ?? []).map((d) => `${d.path}:${d.reason}`).sort();

const row = (id: number) =>
  t.deps.db
    .selectFrom('organisation')
    .selectAll()
    .where('organisation_id', '=', id)
    .executeTakeFirstOrThrow();
const profileAudits = (id: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'organisation.profile_update')
    .where('entity_id', '=', String(id))
    .orderBy('audit_log_id')
    .execute();

describe('本单位信息: reading and saving the own organisation', () => {
  it('shows the employer its own organisation, with the right to edit its profile only', async () => {
    const res = await employer.get('/api/v1/my-organisation');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ownId,
      kind: 'employer',
      regionCode: '220102',
      abilities: { update: false, delete: false, updateProfile: true },
    });
    // The demo seed gives employers an exposed-staff count and an industry name.
    expect(typeof res.body.exposedEmployees).toBe('number');
    expect(typeof res.body.industryName).toBe('string');
  });

  it('saves contact person, phone, address and staff counts, recomputes the size and audits the change with the phone masked', async () => {
    const before = await profileAudits(ownId);
    const res = await employer.patch('/api/v1/my-organisation', {
      contactName: '  赵敏 ',
      contactPhone: '13812345678',
      address: '长春市南关区自检路 8 号',
      employees: 400,
      exposedEmployees: 120,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contactName: '赵敏',
      contactPhone: '13812345678',
      address: '长春市南关区自检路 8 号',
      employees: 400,
      exposedEmployees: 120,
    });
    const stored = await row(ownId);
    expect(stored).toMatchObject({ contact_name: '赵敏', employees: 400, exposed_employees: 120 });
    const audits = await profileAudits(ownId);
    expect(audits).toHaveLength(before.length + 1);
    const entry = audits[audits.length - 1]!;
    expect(entry.actor_username).toBe('demo-employer');
    expect(entry.after).toMatchObject({ contact_name: '赵敏', contact_phone: '138****5678', employees: 400 });
    expect(JSON.stringify(entry.after)).not.toContain('13812345678');

    // The history shows the entry, field by field, as the audit stored it.
    const history = await employer.get(`/api/v1/organisations/${ownId}/history`);
    expect(history.status).toBe(200);
    const latest = (
      history.body.data as Array<{ action: string; changes: Array<{ field: string; after: unknown }> }>
    )[0]!;
    expect(latest.action).toBe('organisation.profile_update');
    expect(latest.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'contactPhone', after: '138****5678' }),
        expect.objectContaining({ field: 'exposedEmployees', after: 120 }),
      ]),
    );
  });

  it('accepts a landline and clears a field sent empty, and writes nothing when nothing changes', async () => {
    const res = await employer.patch('/api/v1/my-organisation', {
      contactPhone: '0431-85561234',
      address: ' ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ contactPhone: '0431-85561234', address: null });
    const count = (await profileAudits(ownId)).length;
    const again = await employer.patch('/api/v1/my-organisation', { contactPhone: '0431-85561234' });
    expect(again.status).toBe(200);
    expect(await profileAudits(ownId)).toHaveLength(count);
  });

  it('refuses a change of name, credit code, region or type, naming each field, and changes nothing', async () => {
    const before = await row(ownId);
    const count = (await profileAudits(ownId)).length;
    const res = await employer.patch('/api/v1/my-organisation', {
      name: '改名后的公司',
      creditCode: makeCreditCode('220102', 66_000_001),
      regionCode: '220103',
      kind: 'exam_institution',
      contactName: '不应保存',
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'forbidden', reason: 'organisation_field_regulator_only' });
    expect(details(res)).toEqual(
      [
        'creditCode:organisation_field_regulator_only',
        'kind:organisation_field_regulator_only',
        'name:organisation_field_regulator_only',
        'regionCode:organisation_field_regulator_only',
      ].sort(),
    );
    for (const d of (res.body.error as { details: Detail[] }).details) expect(d.message).toMatch(/监管部门/);
    expect(await row(ownId)).toEqual(before);
    expect(await profileAudits(ownId)).toHaveLength(count);
    // One field alone is refused the same way.
    const one = await employer.patch('/api/v1/my-organisation', { regionCode: '220103' });
    expect(one.status).toBe(403);
    expect(details(one)).toEqual(['regionCode:organisation_field_regulator_only']);
  });

  it('accepts the regulator fields sent back unchanged (a form that sends everything it read)', async () => {
    const me = (await employer.get('/api/v1/my-organisation')).body;
    const res = await employer.patch('/api/v1/my-organisation', {
      name: ` ${String(me.name)} `,
      creditCode: String(me.creditCode).toLowerCase(),
      regionCode: me.regionCode,
      kind: me.kind,
      contactName: '钱七',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: me.name, contactName: '钱七' });
  });

  it('refuses more exposed staff than staff, and staff fewer than the exposed on record, on the field sent', async () => {
    const more = await employer.patch('/api/v1/my-organisation', { employees: 50, exposedEmployees: 51 });
    expect(more.status).toBe(400);
    expect(details(more)).toEqual(['exposedEmployees:exposed_exceeds_employees']);
    expect((more.body.error as { details: Detail[] }).details[0]!.message).toBe('接害人数不能多于职工人数');
    const fewer = await employer.patch('/api/v1/my-organisation', { employees: 10 });
    expect(fewer.status).toBe(400);
    expect(details(fewer)).toEqual(['employees:employees_below_exposed']);
    expect((await row(ownId)).employees).toBe(400);
    // In English too.
    const en = await employer.request(
      'PATCH',
      '/api/v1/my-organisation',
      { exposedEmployees: 401 },
      {
        'accept-language': 'en',
      },
    );
    expect((en.body.error as { details: Detail[] }).details[0]!.message).toBe(
      'The exposed staff cannot outnumber the staff',
    );
  });

  it('refuses a phone that is neither a mobile nor a landline with area code, and unknown fields', async () => {
    const phone = await employer.patch('/api/v1/my-organisation', { contactPhone: '12345' });
    expect(phone.status).toBe(400);
    expect(details(phone)).toEqual(['contactPhone:contact_phone_format']);
    const unknown = await employer.patch('/api/v1/my-organisation', { parentId: 1, isPublic: true });
    expect(unknown.status).toBe(400);
    expect(details(unknown)).toEqual(['isPublic:additionalProperties', 'parentId:additionalProperties']);
  });
});

describe('the organisation_profile:update permission', () => {
  it('belongs to every built-in business role and to no administrator duty', () => {
    for (const r of builtInRoles)
      expect([r.key, r.permissions.includes('organisation_profile:update')]).toEqual([
        r.key,
        r.duty === 'business',
      ]);
  });
});

describe('本单位信息 never reaches another organisation', () => {
  it('changes only the caller’s own organisation; the route takes no id and the id routes stay closed', async () => {
    const otherOrg = await buildOrganisation(t.deps, { regionCode: '220102', name: '另一家自助测试公司' });
    const other = await buildUser(t.deps, { organisationId: otherOrg, roleKeys: ['employer_staff'] });
    const otherClient = await t.login(other.username);
    const mine = await row(ownId);
    const res = await otherClient.patch('/api/v1/my-organisation', {
      contactName: '别家联系人',
      employees: 9,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: otherOrg, contactName: '别家联系人' });
    expect(await row(ownId)).toEqual(mine);
    // Naming an organisation is impossible: no id in the path, no id field in the body.
    expect((await otherClient.patch(`/api/v1/my-organisation/${ownId}`, { contactName: 'x' })).status).toBe(
      404,
    );
    expect((await otherClient.patch('/api/v1/my-organisation', { organisationId: ownId })).status).toBe(400);
    // And the regulator's route is not theirs.
    expect((await otherClient.patch(`/api/v1/organisations/${ownId}`, { contactName: 'x' })).status).toBe(
      403,
    );
    expect((await otherClient.get(`/api/v1/organisations/${ownId}`)).status).toBe(404);
    expect((await otherClient.get(`/api/v1/organisations/${ownId}/history`)).status).toBe(404);
    expect(await row(ownId)).toEqual(mine);
  });

  it('lets a regulator keep its own organisation, and refuses the platform administrators (no business role)', async () => {
    const city = await t.login('demo-city');
    const res = await city.patch('/api/v1/my-organisation', { contactName: '市卫健委联系人' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'health_commission',
      regionCode: '2201',
      contactName: '市卫健委联系人',
    });
    const sysadmin = await t.login('demo-sysadmin');
    expect((await sysadmin.get('/api/v1/my-organisation')).status).toBe(403);
    expect((await sysadmin.patch('/api/v1/my-organisation', { contactName: 'x' })).status).toBe(403);
  });

  it('keeps the exposed staff a bound for the regulator too: its update and its import', async () => {
    const province = await t.login('demo-province');
    const upd = await province.patch(`/api/v1/organisations/${ownId}`, { employees: 5 });
    expect(upd.status).toBe(400);
    expect(details(upd)).toEqual(['employees:employees_below_exposed']);
    const both = await province.patch(`/api/v1/organisations/${ownId}`, {
      employees: 5,
      exposedEmployees: 6,
    });
    expect(details(both)).toEqual(['exposedEmployees:exposed_exceeds_employees']);
    const ok = await province.patch(`/api/v1/organisations/${ownId}`, {
      employees: 500,
      exposedEmployees: 200,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ employees: 500, exposedEmployees: 200 });

    const own = await row(ownId);
    const csv = `单位名称,单位类型,行政区划代码,统一社会信用代码,从业人员数\r\n${own.name},用人单位,220102,${own.credit_code},100\r\n`;
    const { payload, contentType } = multipartFile(Buffer.from(csv), 'staff.csv');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations/import',
      payload,
      headers: { 'content-type': contentType, 'x-csrf-token': province.csrfToken! },
      cookies: { ohp_sid: province.sessionToken! },
    });
    expect(res.json()).toMatchObject({
      rejected: 1,
      errors: [{ column: '从业人员数', reason: 'employees_below_exposed' }],
    });
    expect((await row(ownId)).employees).toBe(500);
  });
});
