/**
 * 用人单位库 over HTTP (issue 17 items 1 and 3): the scoped list and its filters, the export (audited),
 * a record with flags, computed size, risk basis and versions; corrections and statuses (a version each,
 * audited; bad input refused by field); self-registration — submitted in public, a duplicate pending one
 * refused with 409 and a clear reason, returned with an opinion, approved (an existing record linked by
 * credit code, not duplicated), the applicant following it with the lookup code and signing in. The demo
 * data every screen shows, and the ids the OpenAPI examples name.
 */
import {
  employerRecordFieldLabels,
  type EmployerDetail,
  type EmployerSummary,
  type RegistrationSummary,
} from '@ohp/contracts';
import { creditCodeCheckChar } from '@ohp/standards';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../demo/seed.js';
import { childrenOf } from '@ohp/reference';
import { auditEntries, readExport } from '../../../test/exports.js';
import { buildEmployerRegistration, buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { DEMO_EMPLOYER_EXAMPLES, employerRiskOf, seedDemoEmployers } from './index.js';

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext();
  await seedDemoEmployers(t.deps);
  for (const u of ['demo-province', 'demo-city', 'demo-county', 'demo-employer', 'demo-exam', 'demo-qc'])
    c[u] = await t.login(u);
}, 240_000);
afterAll(async () => t.close());

const orgOf = (username: string) =>
  t.deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['o.organisation_id', 'o.region_code'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();

type Page<T> = { data: T[]; total: number };

describe('the demo data and the examples', () => {
  it('does name the demo employer and registrations the OpenAPI examples act on', async () => {
    const employer = await orgOf('demo-employer');
    const county = await orgOf('demo-county');
    expect(DEMO_EMPLOYER_EXAMPLES.employer).toBe(employer.organisation_id);
    expect(employer.region_code.startsWith(county.region_code)).toBe(true);
    const regs = await t.deps.db
      .selectFrom('employer_registration')
      .select(['registration_id', 'status', 'region_code'])
      .orderBy('registration_id')
      .execute();
    expect(regs.map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'rejected']);
    expect(regs.every((r) => r.region_code.startsWith(county.region_code))).toBe(true);
    expect(regs[DEMO_EMPLOYER_EXAMPLES.registrationToApprove - 1]!.status).toBe('pending');
    expect(regs[DEMO_EMPLOYER_EXAMPLES.registrationToReject - 1]!.status).toBe('pending');
  });

  it('does give the demo county statuses other than active, townships and corrections', async () => {
    const res = await c['demo-county']!.get('/api/v1/employers?programmeStatus=closed');
    expect(res.status).toBe(200);
    expect((res.body as unknown as Page<EmployerSummary>).total).toBeGreaterThanOrEqual(1);
    const na = await c['demo-county']!.get('/api/v1/employers?programmeStatus=not_applicable');
    expect((na.body as unknown as Page<EmployerSummary>).total).toBeGreaterThanOrEqual(2);
    const detail = await c['demo-county']!.get(`/api/v1/employers/${DEMO_EMPLOYER_EXAMPLES.employer}`);
    const e = detail.body as unknown as EmployerDetail;
    expect(e.versions.length).toBeGreaterThanOrEqual(3);
    expect(e.versions[0]!.changes.map((ch) => ch.field)).toEqual(
      expect.arrayContaining(['employees', 'exposedEmployees']),
    );
    expect(e.economicTypeCode).toMatch(/^\d{3}$/);
    expect(e.legalRepresentative).toBe('赵立新');
  });
});

describe('the list and the record', () => {
  it('does scope the list: a county its county, an employer only itself', async () => {
    const county = await orgOf('demo-county');
    const list = (await c['demo-county']!.get('/api/v1/employers?pageSize=200'))
      .body as unknown as Page<EmployerSummary>;
    expect(list.total).toBeGreaterThan(0);
    expect(list.data.every((e) => e.regionCode.startsWith(county.region_code))).toBe(true);
    const own = (await c['demo-employer']!.get('/api/v1/employers')).body as unknown as Page<EmployerSummary>;
    const employer = await orgOf('demo-employer');
    expect(own.data.map((e) => e.id)).toEqual([employer.organisation_id]);
    expect(own.data[0]!.abilities).toEqual({ update: false, setStatus: false });
    // Another employer's record is not found for the employer; the exam institution has no access.
    const other = list.data.find((e) => e.id !== employer.organisation_id)!;
    expect((await c['demo-employer']!.get(`/api/v1/employers/${other.id}`)).status).toBe(404);
    expect((await c['demo-exam']!.get('/api/v1/employers')).status).toBe(403);
  });

  it('does filter by risk class, the flags and the search', async () => {
    const severe = (await c['demo-province']!.get('/api/v1/employers?severe=true&pageSize=100'))
      .body as unknown as Page<EmployerSummary>;
    expect(severe.total).toBeGreaterThan(0);
    expect(severe.data.every((e) => e.riskClass === '严重' && e.severeIndustry)).toBe(true);
    const byClass = (
      await c['demo-province']!.get(`/api/v1/employers?riskClass=${encodeURIComponent('严重')}`)
    ).body as unknown as Page<EmployerSummary>;
    expect(byClass.total).toBe(severe.total);
    const ten = (await c['demo-province']!.get('/api/v1/employers?tenPlus=false&pageSize=100'))
      .body as unknown as Page<EmployerSummary>;
    expect(ten.data.every((e) => (e.employees ?? 0) < 10 && !e.tenPlus)).toBe(true);
    const industrial = (await c['demo-province']!.get('/api/v1/employers?industrial=true&pageSize=100'))
      .body as unknown as Page<EmployerSummary>;
    expect(industrial.data.every((e) => e.industrial)).toBe(true);
    const one = severe.data[0]!;
    const found = (await c['demo-province']!.get(`/api/v1/employers?q=${one.creditCode}`))
      .body as unknown as Page<EmployerSummary>;
    expect(found.data.map((e) => e.id)).toEqual([one.id]);
  });

  it('does show flags, the computed size and the risk basis on a record', async () => {
    const severe = (await c['demo-county']!.get('/api/v1/employers?severe=true'))
      .body as unknown as Page<EmployerSummary>;
    const e = (await c['demo-county']!.get(`/api/v1/employers/${severe.data[0]!.id}`))
      .body as unknown as EmployerDetail;
    expect(e.riskClass).toBe('严重');
    expect(e.riskBasis.some((b) => b.riskClass === '严重')).toBe(true);
    expect(['large', 'medium', 'small', 'micro', 'unknown']).toContain(e.computedSize);
    expect(e.tenPlus).toBe((e.employees ?? 0) >= 10);
    const v1 = await c['demo-county']!.get(`/api/v1/employers/${e.id}/versions/1`);
    expect(v1.status).toBe(200);
    expect((v1.body as { record: { name: string } }).record.name).toBeTruthy();
    expect((await c['demo-county']!.get(`/api/v1/employers/${e.id}/versions/999`)).status).toBe(404);
  });

  it('does export the filtered list as xlsx and audit it', async () => {
    const res = await c['demo-county']!.get('/api/v1/employers/export?severe=true');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml');
    expect(res.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'employer.export')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('"severe":true');
  });
});

describe('an employer written through 单位管理', () => {
  const record = async (id: number) => c['demo-province']!.get(`/api/v1/employers/${id}`);

  it('is in the base database at once: profile, risk class from its industry, first version', async () => {
    const created = await c['demo-province']!.post('/api/v1/organisations', {
      name: '长春单位管理新建机械有限公司',
      kind: 'employer',
      regionCode: '220102',
      creditCode: makeCreditCode('220102', 77_100_001),
      industryCode: 'C3422',
      employees: 80,
      revenueWanYuan: 3000,
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    const res = await record(id);
    expect(res.status).toBe(200);
    const e = res.body as unknown as EmployerDetail;
    expect(e.riskClass).toBe(employerRiskOf(['C3422']).riskClass);
    expect(e.riskClass).not.toBeNull();
    expect(e.versions.map((v) => v.version)).toEqual([1]);
    expect((await c['demo-province']!.get(`/api/v1/employers/${id}/versions/1`)).status).toBe(200);
  });

  it('gets its base record when an organisation of another kind becomes an employer, and not before', async () => {
    const created = await c['demo-province']!.post('/api/v1/organisations', {
      name: '长春改为用人单位的服务机构',
      kind: 'service_institution',
      regionCode: '220102',
      creditCode: makeCreditCode('220102', 77_100_002),
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect((await record(id)).status).toBe(404);
    const changed = await c['demo-province']!.patch(`/api/v1/organisations/${id}`, {
      kind: 'employer',
      industryCode: 'C3422',
    });
    expect(changed.status).toBe(200);
    const res = await record(id);
    expect(res.status).toBe(200);
    expect((res.body as unknown as EmployerDetail).riskClass).toBe(employerRiskOf(['C3422']).riskClass);
  });

  it('follows an edit there: risk class from the new industry, a new version naming 单位管理; none for no change', async () => {
    const created = await c['demo-province']!.post('/api/v1/organisations', {
      name: '长春单位管理改行业的用人单位',
      kind: 'employer',
      regionCode: '220102',
      creditCode: makeCreditCode('220102', 77_100_003),
      industryCode: '7211',
      employees: 30,
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    const first = (await record(id)).body as unknown as EmployerDetail;
    // An office industry, then coal mining (煤炭开采和洗选业, 严重 in the 2021 catalogue).
    expect(first.riskClass).toBe(employerRiskOf(['7211']).riskClass);
    expect(employerRiskOf(['0610']).riskClass).toBe('严重');
    expect(first.riskClass).not.toBe('严重');

    const edited = await c['demo-province']!.patch(`/api/v1/organisations/${id}`, { industryCode: '0610' });
    expect(edited.status).toBe(200);
    const after = (await record(id)).body as unknown as EmployerDetail;
    expect(after.riskClass).toBe('严重');
    expect(after.version).toBe(first.version + 1);
    expect(after.versions[0]).toMatchObject({ version: after.version, reason: 'organisations:update' });
    expect(after.versions[0]!.changes.map((ch) => ch.field)).toEqual(
      expect.arrayContaining(['industryCode', 'riskClass']),
    );
    const province = await t.deps.db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', 'demo-province')
      .executeTakeFirstOrThrow();
    const version = await t.deps.db
      .selectFrom('employer_version')
      .select('changed_by')
      .where('organisation_id', '=', id)
      .where('version', '=', after.version)
      .executeTakeFirstOrThrow();
    expect(version.changed_by).toBe(province.user_id);

    // An edit that leaves the base record as it was (the same industry again) makes no version.
    expect(
      (await c['demo-province']!.patch(`/api/v1/organisations/${id}`, { industryCode: '0610' })).status,
    ).toBe(200);
    expect(((await record(id)).body as unknown as EmployerDetail).version).toBe(after.version);
  });
});

describe('corrections and statuses', () => {
  it('does correct a record, recompute risk and size, keep a version and audit it', async () => {
    const county = await orgOf('demo-county');
    const target = (
      (await c['demo-county']!.get('/api/v1/employers?programmeStatus=active&pageSize=50'))
        .body as unknown as Page<EmployerSummary>
    ).data.find(
      (e) =>
        e.id !== DEMO_EMPLOYER_EXAMPLES.employer &&
        e.regionCode === county.region_code &&
        e.riskClass !== '严重',
    )!;
    const before = (await c['demo-county']!.get(`/api/v1/employers/${target.id}`))
      .body as unknown as EmployerDetail;
    const res = await c['demo-county']!.patch(`/api/v1/employers/${target.id}`, {
      reason: '核实后更正行业',
      industryCode: '0610',
      employees: 250,
      revenueWanYuan: 50000,
    });
    expect(res.status).toBe(200);
    const after = res.body as unknown as EmployerDetail;
    expect(after.riskClass).toBe('严重');
    expect(after.industrial).toBe(true);
    expect(after.version).toBe(before.version + 1);
    expect(after.enterpriseSize).toBe(after.computedSize);
    expect(after.versions[0]).toMatchObject({ version: after.version, reason: '核实后更正行业' });
    expect(after.versions[0]!.changes.map((ch) => ch.field)).toEqual(
      expect.arrayContaining(['industryCode', 'employees', 'riskClass']),
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'employer.update')
      .where('entity_id', '=', String(target.id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('核实后更正行业');
    // The same again: nothing changes, nothing written.
    const again = await c['demo-county']!.patch(`/api/v1/employers/${target.id}`, {
      reason: '重复提交',
      industryCode: '0610',
    });
    expect(again.status).toBe(400);
    expect((again.body as { error: { details: Array<{ reason: string }> } }).error.details[0]!.reason).toBe(
      'employer_no_change',
    );
  });

  it('does refuse bad corrections by field, writing nothing', async () => {
    const id = DEMO_EMPLOYER_EXAMPLES.employer;
    const before = (await c['demo-county']!.get(`/api/v1/employers/${id}`)).body as unknown as EmployerDetail;
    const res = await c['demo-county']!.patch(`/api/v1/employers/${id}`, {
      reason: '  ',
      industryCode: '9999',
      economicTypeCode: '999',
      regionCode: '110101',
    });
    expect(res.status).toBe(400);
    const reasons = (res.body as { error: { details: Array<{ path: string; reason: string }> } }).error
      .details;
    expect(reasons.map((d) => `${d.path}:${d.reason}`).sort()).toEqual(
      [
        'economicTypeCode:economic_type_unknown',
        'industryCode:industry_unknown',
        'reason:employer_reason_blank',
        'regionCode:region_out_of_scope',
      ].sort(),
    );
    const exposed = await c['demo-county']!.patch(`/api/v1/employers/${id}`, {
      reason: 'x',
      exposedEmployees: 100000,
    });
    expect(exposed.status).toBe(400);
    const after = (await c['demo-county']!.get(`/api/v1/employers/${id}`)).body as unknown as EmployerDetail;
    expect(after.version).toBe(before.version);
    // Out of scope: another city's regulator; an employer cannot correct even its own.
    expect(
      (await c['demo-employer']!.patch(`/api/v1/employers/${id}`, { reason: 'x', address: 'y' })).status,
    ).toBe(403);
  });

  it('does mark a status with its reason, and refuse one without', async () => {
    const id = DEMO_EMPLOYER_EXAMPLES.employer;
    const missing = await c['demo-county']!.post(`/api/v1/employers/${id}/status`, { status: 'relocated' });
    expect(missing.status).toBe(400);
    const ok = await c['demo-county']!.post(`/api/v1/employers/${id}/status`, {
      status: 'relocated',
      reason: '迁至外县',
      on: '2026-02-01',
    });
    expect(ok.status).toBe(200);
    expect((ok.body as unknown as EmployerDetail).programmeStatus).toBe('relocated');
    const back = await c['demo-county']!.post(`/api/v1/employers/${id}/status`, { status: 'active' });
    expect((back.body as unknown as EmployerDetail).programmeStatus).toBe('active');
    expect((back.body as unknown as EmployerDetail).versions[1]!.reason).toBe('迁至外县');
  });
});

describe('self-registration', () => {
  const county = () => orgOf('demo-county');
  const code = (serial: number, region: string) => {
    const first17 = `91${region.slice(0, 6)}${String(serial).padStart(9, '0')}`;
    return first17 + creditCodeCheckChar(first17);
  };
  const application = (over: Record<string, unknown>) => ({
    name: '测试注册机械厂',
    address: '测试路 1 号',
    industryCode: '3311',
    contactName: '测试联系人',
    contactPhone: '13912345678',
    password: 'Lathe#Spindle-2026',
    ...over,
  });

  it('does refuse a bad credit code, an unknown region and a weak password by field', async () => {
    const res = await t.anonymous().post(
      '/api/v1/employer-registrations',
      application({
        creditCode: '91220102MA0EXAMPL1',
        regionCode: '229999',
        username: 'weak-one',
        password: 'abc',
      }),
    );
    expect(res.status).toBe(400);
    const paths = (
      res.body as { error: { details: Array<{ path: string; reason: string }> } }
    ).error.details.map((d) => `${d.path}:${d.reason}`);
    expect(paths).toEqual(
      expect.arrayContaining(['creditCode:credit_code_invalid', 'regionCode:region_unknown']),
    );
    expect(paths.some((p) => p.startsWith('password:'))).toBe(true);
  });

  it('does take an application, refuse a second pending one for the same credit code (409), and approve it by creating the employer and the account', async () => {
    const { region_code } = await county();
    const cc = code(770001, region_code);
    const anon = t.anonymous();
    const res = await anon.post(
      '/api/v1/employer-registrations',
      application({ creditCode: cc, regionCode: region_code, username: 'applicant-one' }),
    );
    expect(res.status).toBe(201);
    const lookup = (res.body as { lookupCode: string }).lookupCode;
    expect(lookup).toMatch(/^[0-9A-Z]{12}$/);
    // The application is on record: one audit entry, by nobody signed in, naming the credit code.
    const { registration_id } = await t.deps.db
      .selectFrom('employer_registration')
      .select('registration_id')
      .where('credit_code', '=', cc)
      .executeTakeFirstOrThrow();
    const submitted = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'after'])
      .where('action', '=', 'employer_registration.submit')
      .where('entity_id', '=', String(registration_id))
      .execute();
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.actor_user_id).toBeNull();
    expect(JSON.stringify(submitted[0]!.after)).toContain(cc);
    const dup = await anon.post(
      '/api/v1/employer-registrations',
      application({ creditCode: cc, regionCode: region_code, username: 'applicant-two' }),
    );
    expect(dup.status).toBe(409);
    expect((dup.body as { error: { reason: string; message: string } }).error.reason).toBe(
      'registration_duplicate_pending',
    );
    expect((dup.body as { error: { message: string } }).error.message).toContain('待审核');
    const taken = await anon.post(
      '/api/v1/employer-registrations',
      application({
        creditCode: code(770002, region_code),
        regionCode: region_code,
        username: 'demo-county',
      }),
    );
    expect(taken.status).toBe(409);
    expect((taken.body as { error: { reason: string } }).error.reason).toBe('registration_username_taken');

    const status = await anon.get(`/api/v1/employer-registrations/status?code=${lookup}`);
    expect(status.body).toMatchObject({ status: 'pending', username: 'applicant-one' });
    expect((await anon.get('/api/v1/employer-registrations/status?code=NOSUCHCODE00')).status).toBe(404);

    const queue = (await c['demo-county']!.get('/api/v1/employer-registrations?status=pending'))
      .body as unknown as Page<RegistrationSummary>;
    const mine = queue.data.find((r) => r.creditCode === cc)!;
    expect(mine.contactPhone).toBe('139****5678');
    expect(mine.abilities.review).toBe(true);
    // Another city's regulator does not see it; an employer has no access.
    expect((await c['demo-employer']!.get('/api/v1/employer-registrations')).status).toBe(403);

    const before = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const ok = await c['demo-county']!.post(`/api/v1/employer-registrations/${mine.id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', linkedExisting: false });
    const after = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    expect((await c['demo-county']!.post(`/api/v1/employer-registrations/${mine.id}/approve`)).status).toBe(
      409,
    );
    // The applicant signs in with the password chosen, without a forced change, and sees its record.
    const applicant = await t.login('applicant-one', 'Lathe#Spindle-2026');
    const me = await applicant.get('/api/v1/auth/me');
    expect(me.body).toMatchObject({
      user: { mustChangePassword: false },
      organisation: { kind: 'employer' },
    });
    const own = (await applicant.get('/api/v1/employers')).body as unknown as Page<EmployerSummary>;
    expect(own.data).toHaveLength(1);
    expect(own.data[0]).toMatchObject({
      creditCode: cc,
      source: 'registration',
      riskClass: employerRiskOf(['3311']).riskClass,
    });
    // Never declared: its 初次申报 is due at once, among its to-dos (declarations/index.ts listens).
    const todos = (await applicant.get('/api/v1/todos')).body as unknown as {
      data: Array<{ kind: string; dueOn: string; subject: { id: number } }>;
    };
    expect(todos.data.filter((d) => d.kind === 'declaration_initial').map((d) => d.subject.id)).toEqual([
      own.data[0]!.id,
    ]);
    expect((await anon.get(`/api/v1/employer-registrations/status?code=${lookup}`)).body).toMatchObject({
      status: 'approved',
    });
  });

  it('does link an existing base-database record by credit code, not duplicate it', async () => {
    const reg = await t.deps.db
      .selectFrom('employer_registration as r')
      .innerJoin('organisation as o', (j) =>
        j.onRef('o.credit_code', '=', 'r.credit_code').on('o.status', '=', 'active'),
      )
      .select(['r.registration_id', 'o.organisation_id'])
      .where('r.status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const queue = (await c['demo-county']!.get('/api/v1/employer-registrations?status=pending'))
      .body as unknown as Page<RegistrationSummary>;
    expect(queue.data.find((r) => r.id === reg.registration_id)!.existingEmployerId).toBe(
      reg.organisation_id,
    );
    const before = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const initialClocksOf = (id: number) =>
      t.deps.db
        .selectFrom('deadline')
        .select(['deadline_id', 'due_on', 'done_at'])
        .where('kind', '=', 'declaration_initial')
        .where('subject_type', '=', 'employer')
        .where('subject_id', '=', id)
        .execute();
    const clocksBefore = await initialClocksOf(reg.organisation_id);
    const ok = await c['demo-county']!.post(`/api/v1/employer-registrations/${reg.registration_id}/approve`);
    expect(ok.body).toMatchObject({
      status: 'approved',
      organisationId: reg.organisation_id,
      linkedExisting: true,
    });
    const after = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'employer_registration.approve')
      .where('entity_id', '=', String(reg.registration_id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain('"linkedExisting":true');
    // A linked record that has declared keeps its clocks as they were; one that never has owes its
    // 初次申报 now.
    const declared = await t.deps.db
      .selectFrom('declaration')
      .select('declaration_id')
      .where('employer_id', '=', reg.organisation_id)
      .executeTakeFirst();
    const clocksAfter = await initialClocksOf(reg.organisation_id);
    if (declared) expect(clocksAfter).toEqual(clocksBefore);
    else expect(clocksAfter).toHaveLength(1);
  });

  it('does return an application only with an opinion, which the applicant then sees', async () => {
    const { region_code } = await county();
    const cc = code(770010, region_code);
    const res = await t
      .anonymous()
      .post(
        '/api/v1/employer-registrations',
        application({ creditCode: cc, regionCode: region_code, username: 'to-return' }),
      );
    const lookup = (res.body as { lookupCode: string }).lookupCode;
    const id = (
      await t.deps.db
        .selectFrom('employer_registration')
        .select('registration_id')
        .where('credit_code', '=', cc)
        .executeTakeFirstOrThrow()
    ).registration_id;
    const blank = await c['demo-county']!.post(`/api/v1/employer-registrations/${id}/reject`, {
      opinion: '   ',
    });
    expect(blank.status).toBe(400);
    // Out of scope for a regulator elsewhere: the province sees it, a sibling city would not (404).
    const rejected = await c['demo-county']!.post(`/api/v1/employer-registrations/${id}/reject`, {
      opinion: '名称与执照不符',
    });
    expect(rejected.status).toBe(200);
    const returned = await t.deps.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'employer_registration.reject')
      .where('entity_id', '=', String(id))
      .execute();
    expect(returned).toHaveLength(1);
    expect(JSON.stringify(returned[0]!.after)).toContain('名称与执照不符');
    expect(
      (await t.anonymous().get(`/api/v1/employer-registrations/status?code=${lookup}`)).body,
    ).toMatchObject({
      status: 'rejected',
      opinion: '名称与执照不符',
    });
    // Returned: the same credit code may apply again.
    const again = await t
      .anonymous()
      .post(
        '/api/v1/employer-registrations',
        application({ creditCode: cc, regionCode: region_code, username: 'to-return' }),
      );
    expect(again.status).toBe(201);
  });

  it('does list the public regions down to townships', async () => {
    const { region_code } = await county();
    const res = await t.anonymous().get(`/api/v1/employer-registrations/regions?parent=${region_code}`);
    expect(res.status).toBe(200);
    const data = (res.body as { data: Array<{ code: string; hasChildren: boolean }> }).data;
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((r) => r.code.length === 9 && !r.hasChildren)).toBe(true);
  });
});

describe('exports of the registrations and of the version history', () => {
  it('does export the registrations the list shows for the same filter, in its order; a county its own only; audited', async () => {
    const county = await orgOf('demo-county');
    const sibling = childrenOf(county.region_code.slice(0, 4)).find(
      (r) => r.code !== county.region_code && !r.statisticalOnly,
    )!.code;
    const elsewhere = await buildEmployerRegistration(t.deps, { regionCode: sibling });
    const mine = await buildEmployerRegistration(t.deps, { regionCode: county.region_code });
    const audits = (await auditEntries(t.deps.db, 'employer_registration.export')).length;
    for (const status of [undefined, 'pending'] as const) {
      const qs = status ? `status=${status}` : '';
      const list = (await c['demo-county']!.get(`/api/v1/employer-registrations?pageSize=200&${qs}`))
        .body as unknown as Page<RegistrationSummary>;
      expect(list.total).toBeGreaterThan(1);
      const res = await c['demo-county']!.get(`/api/v1/employer-registrations/export?${qs}`);
      expect(res.status).toBe(200);
      expect(res.raw.headers['content-type']).toContain('spreadsheetml');
      const x = await readExport(res.raw.rawPayload);
      expect(x.headers[0]).toBe('申请编号');
      // The same rows in the same order, phones masked as in the list.
      expect(x.rows.map((r) => Number(r[0]))).toEqual(list.data.map((r) => r.id));
      expect(x.rows.map((r) => r[8])).toEqual(list.data.map((r) => r.contactPhone));
      expect(x.rows.some((r) => String(r[8]).includes('13900000000'))).toBe(false);
      expect(x.rows.map((r) => Number(r[0]))).toContain(mine);
      expect(x.rows.map((r) => Number(r[0]))).not.toContain(elsewhere);
      expect(x.filter.get('符合条件的记录数')).toBe(list.total);
      expect(x.filter.get('导出人')).toBe('demo-county');
    }
    // The city holds both counties; csv and English headers.
    const city = await c['demo-city']!.get('/api/v1/employer-registrations/export?format=csv', {
      'accept-language': 'en',
    });
    expect(city.status).toBe(200);
    expect(city.raw.headers['content-type']).toContain('text/csv');
    expect(city.raw.headers['content-disposition']).toMatch(/employer-registrations-\d{8}\.csv/);
    const csv = await readExport(city.raw.rawPayload, 'csv');
    expect(csv.headers[0]).toBe('Application no.');
    expect(csv.rows.map((r) => Number(r[0]))).toEqual(expect.arrayContaining([mine, elsewhere]));
    // One audit entry per export, with its filter and counts.
    const after = await auditEntries(t.deps.db, 'employer_registration.export');
    expect(after.length).toBe(audits + 3);
    expect(after.at(-2)).toMatchObject({
      actor_username: 'demo-county',
      after: { filters: { status: 'pending' } },
    });
    expect(after.at(-1)).toMatchObject({ actor_username: 'demo-city', after: { format: 'csv' } });
    // Bad parameters: 400, nothing audited; no permission: 403.
    expect((await c['demo-county']!.get('/api/v1/employer-registrations/export?status=maybe')).status).toBe(
      400,
    );
    expect((await c['demo-county']!.get('/api/v1/employer-registrations/export?format=pdf')).status).toBe(
      400,
    );
    expect((await c['demo-county']!.get('/api/v1/employer-registrations/export?extra=1')).status).toBe(400);
    expect((await c['demo-exam']!.get('/api/v1/employer-registrations/export')).status).toBe(403);
    expect((await auditEntries(t.deps.db, 'employer_registration.export')).length).toBe(audits + 3);
  });

  it('does keep the order across keyset pages (equal submission times, pages of one row)', async () => {
    const county = await orgOf('demo-county');
    const ids = [
      await buildEmployerRegistration(t.deps, { regionCode: county.region_code }),
      await buildEmployerRegistration(t.deps, { regionCode: county.region_code }),
    ];
    // Two applications submitted in the same microsecond (a JS Date would round it): the id breaks the tie.
    await t.deps.db
      .updateTable('employer_registration')
      .set({ submitted_at: sql`'2026-01-02 03:04:05.123456+00'::timestamptz` })
      .where('registration_id', 'in', ids)
      .execute();
    const { exportRegistrations } = await import('./employers.registrations.js');
    const { loadActor } = await import('../../platform/authz/session.js');
    const me = await t.deps.db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', 'demo-county')
      .executeTakeFirstOrThrow();
    const actor = (await loadActor(t.deps.db, me.user_id))!.actor;
    const ctx = {
      userId: actor.userId,
      username: actor.username,
      organisationId: actor.organisationId,
      ip: null,
      requestId: 't',
    };
    const list = (await c['demo-county']!.get('/api/v1/employer-registrations?pageSize=200'))
      .body as unknown as Page<RegistrationSummary>;
    const read = async (maxRows: number) => {
      const file = await exportRegistrations(t.deps, ctx, actor, 'zh-CN', {}, { maxRows, pageSize: 1 });
      const chunks: Buffer[] = [];
      for await (const ch of file.body) chunks.push(ch as Buffer);
      return readExport(Buffer.concat(chunks));
    };
    const all = await read(100_000);
    expect(all.rows.map((r) => Number(r[0]))).toEqual(list.data.map((r) => r.id));
    const cut = await read(2);
    expect(cut.rows.map((r) => Number(r[0]))).toEqual(list.data.slice(0, 2).map((r) => r.id));
    expect(String(cut.filter.get('说明'))).toContain('上限 2');
  });

  it('does export one employer’s versions (what, when, by whom, why) for a reader in scope only; audited', async () => {
    const id = DEMO_EMPLOYER_EXAMPLES.employer;
    const detail = (await c['demo-county']!.get(`/api/v1/employers/${id}`)).body as unknown as EmployerDetail;
    expect(detail.versions.length).toBeGreaterThanOrEqual(3);
    const before = (await auditEntries(t.deps.db, 'employer_version.export')).length;
    const res = await c['demo-county']!.get(`/api/v1/employers/${id}/versions/export`);
    expect(res.status).toBe(200);
    const x = await readExport(res.raw.rawPayload);
    expect(x.headers).toEqual(['版本', '时间', '修改人', '原因', '变更内容']);
    expect(x.rows.map((r) => Number(r[0]))).toEqual(detail.versions.map((v) => v.version));
    // The changes of each version as the page shows them (field label: before → after, one a line).
    detail.versions.forEach((v, i) => {
      const lines = String(x.rows[i]![4]).split('\n').filter(Boolean);
      expect(lines.length).toBe(v.changes.length);
      expect(x.rows[i]![2]).toBe(v.changedByName ?? '');
    });
    const changed = detail.versions.findIndex((v) => v.changes.length > 0);
    expect(changed).toBeGreaterThanOrEqual(0);
    const ch = detail.versions[changed]!.changes[0]!;
    expect(String(x.rows[changed]![4])).toContain(`${employerRecordFieldLabels[ch.field]!.zh}：`);
    expect(x.filter.get('用人单位')).toBe(detail.name);
    // The employer itself may; another county's regulator and another employer may not (404).
    expect((await c['demo-employer']!.get(`/api/v1/employers/${id}/versions/export?format=csv`)).status).toBe(
      200,
    );
    const county = await orgOf('demo-county');
    const sibling = childrenOf(county.region_code.slice(0, 4)).find(
      (r) => r.code !== county.region_code && !r.statisticalOnly,
    )!.code;
    const org = await buildOrganisation(t.deps, { kind: 'health_commission', regionCode: sibling });
    const u = await buildUser(t.deps, { organisationId: org, roleKeys: ['regulator'] });
    const other = await t.login(u.username);
    expect((await other.get(`/api/v1/employers/${id}/versions/export`)).status).toBe(404);
    const list = (await c['demo-county']!.get('/api/v1/employers?pageSize=5'))
      .body as unknown as Page<EmployerSummary>;
    const notMine = list.data.find((e) => e.id !== id)!.id;
    expect((await c['demo-employer']!.get(`/api/v1/employers/${notMine}/versions/export`)).status).toBe(404);
    expect((await c['demo-county']!.get(`/api/v1/employers/${id}/versions/export?format=doc`)).status).toBe(
      400,
    );
    const audits = await auditEntries(t.deps.db, 'employer_version.export');
    expect(audits.length).toBe(before + 2);
    expect(audits.at(-1)).toMatchObject({ entity_type: 'employer', entity_id: String(id) });
  });
});
