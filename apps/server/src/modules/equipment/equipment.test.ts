/**
 * 设备配置 (issue 16 item 7) against a real database: the compliance formula computed by hand (expired
 * calibration, out of service, short quantity), the catalogue's writes and their audit, bad inputs in
 * zh-CN and en, ledgers kept by the institution or by the regulator for it, the region aggregation and
 * its scope (a county regulator sees its county only), and the import (dry run, bad rows reported, a
 * retry never duplicates a row).
 */
import { EQUIPMENT_DEMO_SOURCE, type ComplianceReport, type EquipmentLedger } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import {
  applicableRequirements,
  institutionCompliance,
  notCountingReason,
  pooledCompliance,
  type LedgerItem,
  type Requirement,
} from './equipment.compliance.js';
import { seedDemoEquipment } from './index.js';

const DATE = '2026-06-30';

describe('the formula (pure, computed by hand)', () => {
  const req = (id: number, over: Partial<Requirement> = {}): Requirement => ({
    id,
    institutionKind: 'support_institution',
    level: 'city',
    domain: 'hygiene',
    itemName: `设备${id}`,
    minQuantity: 1,
    source: '测试依据',
    effectiveYear: 2024,
    ...over,
  });
  const item = (id: number, requirementId: number | null, over: Partial<LedgerItem> = {}): LedgerItem => ({
    id,
    quantity: 1,
    domain: 'hygiene',
    requirementId,
    calibrationDueOn: null,
    status: 'in_service',
    ...over,
  });

  it('counts only in-service items whose calibration has not expired, up to the minimum quantity', () => {
    const catalogue = [
      req(1, { minQuantity: 2 }), // two units counted: satisfied
      req(2, { minQuantity: 2 }), // one unit only: short
      req(3), // only unit out of service
      req(4), // only unit's calibration expired the day before
      req(5), // calibration due on the evaluation date itself: still valid
      req(6), // nothing linked
      req(7, { domain: 'radiation' }), // satisfied
      req(8, { domain: 'radiation' }), // expired, plus an out-of-service spare
    ];
    const items = [
      item(1, 1, { quantity: 2, calibrationDueOn: '2027-01-01' }),
      item(2, 2, { quantity: 1 }),
      item(3, 3, { status: 'out_of_service' }),
      item(4, 4, { calibrationDueOn: '2026-06-29' }),
      item(5, 5, { calibrationDueOn: DATE }),
      item(6, null),
      item(7, 7, { domain: 'radiation' }),
      item(8, 8, { domain: 'radiation', calibrationDueOn: '2025-12-31' }),
      item(9, 8, { domain: 'radiation', status: 'out_of_service' }),
    ];
    const r = institutionCompliance(catalogue, items, DATE);
    // hygiene: 1 and 5 satisfied of 6 → 2/6; radiation: 7 of 7 and 8 → 1/2.
    expect(r.domains).toEqual([
      { domain: 'hygiene', required: 6, satisfied: 2, rate: 2 / 6, target: 0.95, meets: false },
      { domain: 'radiation', required: 2, satisfied: 1, rate: 0.5, target: 0.85, meets: false },
    ]);
    expect(r.belowTarget).toBe(true);
    const check = (id: number) => r.checks.find((c) => c.requirementId === id)!;
    expect(check(2)).toMatchObject({ counted: 1, notCounted: 0, satisfied: false });
    expect(check(3)).toMatchObject({ counted: 0, notCounted: 1, satisfied: false });
    expect(check(8)).toMatchObject({ counted: 0, notCounted: 2, satisfied: false });
    expect(notCountingReason(items[2]!, DATE)).toBe('out_of_service');
    expect(notCountingReason(items[3]!, DATE)).toBe('calibration_expired');
    expect(notCountingReason(items[4]!, DATE)).toBeNull();
    expect(notCountingReason(items[5]!, DATE)).toBe('not_linked');
  });

  it('meets 95 % at 19 of 20 and 85 % at 6 of 7, not at 18 of 20 or 5 of 7', () => {
    const hygiene = Array.from({ length: 20 }, (_, i) => req(i + 1));
    const radiation = Array.from({ length: 7 }, (_, i) => req(100 + i, { domain: 'radiation' }));
    const ledger = (n: number, m: number) => [
      ...hygiene.slice(0, n).map((r) => item(r.id, r.id)),
      ...radiation.slice(0, m).map((r) => item(r.id, r.id, { domain: 'radiation' })),
    ];
    const a = institutionCompliance([...hygiene, ...radiation], ledger(19, 6), DATE).domains;
    const b = institutionCompliance([...hygiene, ...radiation], ledger(18, 5), DATE).domains;
    expect(a.map((d) => d.meets)).toEqual([true, true]);
    expect(b.map((d) => d.meets)).toEqual([false, false]);
    // The region pools the items: (19 + 18) / 40 hygiene, (6 + 5) / 14 radiation; one institution below each.
    expect(pooledCompliance([{ domains: a }, { domains: b }])).toEqual([
      expect.objectContaining({
        domain: 'hygiene',
        required: 40,
        satisfied: 37,
        institutions: 2,
        institutionsBelow: 1,
      }),
      expect.objectContaining({
        domain: 'radiation',
        required: 14,
        satisfied: 11,
        institutions: 2,
        institutionsBelow: 1,
      }),
    ]);
  });

  it('applies the rows of the institution’s kind and level in force, the latest of an item winning', () => {
    const catalogue = [
      req(1),
      req(2, { level: null, itemName: '通用设备' }),
      req(3, { level: 'county' }),
      req(4, { institutionKind: 'service_institution' }),
      req(5, { effectiveYear: 2027, itemName: '设备1', minQuantity: 3 }),
      req(6, { effectiveYear: 2025, itemName: '设备1', minQuantity: 2 }),
    ];
    const city = applicableRequirements(catalogue, { kind: 'support_institution', level: 'city' }, DATE);
    expect(city.map((r) => r.id)).toEqual([2, 6]);
    const township = applicableRequirements(
      catalogue,
      { kind: 'support_institution', level: 'township' },
      DATE,
    );
    expect(township.map((r) => r.id)).toEqual([2, 3]);
    expect(
      applicableRequirements(catalogue, { kind: 'support_institution', level: 'city' }, '2027-01-01').map(
        (r) => r.id,
      ),
    ).toEqual([2, 5]);
  });
});

let t: TestContext;
let province: Client;
let qc: Client;
let city: Client;
let county: Client;
let cdc: Client;
let service: Client;
let changchunCdc: number;
let jilinCdc: number;
let countyCdc: number;
let otherCountyCdc: number;

const orgId = async (name: string) =>
  (
    await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).organisation_id;

type Detail = { path: string; reason: string; message: string };
const errorOf = (body: Record<string, unknown>) =>
  body.error as { code: string; reason?: string; message: string; details?: Detail[] };

const audits = (action: string) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_username', 'entity_id', 'before', 'after'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await createTestContext();
  province = await t.login('demo-province');
  qc = await t.login('demo-qc');
  city = await t.login('demo-city');
  county = await t.login('demo-county');
  cdc = await t.login('demo-cdc');
  service = await t.login('demo-service');
  changchunCdc = await orgId('长春市疾病预防控制中心');
  jilinCdc = await orgId('吉林市疾病预防控制中心');
  countyCdc = await buildOrganisation(t.deps, {
    kind: 'support_institution',
    regionCode: '220102',
    name: '长春市南关区疾病预防控制中心',
  });
  otherCountyCdc = await buildOrganisation(t.deps, {
    kind: 'support_institution',
    regionCode: '220103',
    name: '长春市宽城区疾病预防控制中心',
  });
});
afterAll(async () => t.close());

const requirement = async (c: Client, body: Record<string, unknown>) => {
  const r = await c.post('/api/v1/equipment/requirements', {
    institutionKind: 'support_institution',
    level: 'city',
    domain: 'hygiene',
    minQuantity: 1,
    source: '测试依据 第一条',
    effectiveYear: 2024,
    ...body,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: number };
};

describe('the catalogue', () => {
  it('is empty outside the demo', async () => {
    const r = await cdc.get('/api/v1/equipment/requirements');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ data: [], catalogueSize: 0, demoRows: 0, abilities: { manage: false } });
  });

  it('is kept by equipment:manage holders, each write audited', async () => {
    const created = await requirement(province, { itemName: '目录测试设备', minQuantity: 2 });
    expect((await audits('equipment_requirement.create')).at(-1)).toMatchObject({
      actor_username: 'demo-province',
      entity_id: String(created.id),
      after: { itemName: '目录测试设备', minQuantity: 2 },
    });
    const patched = await qc.patch(`/api/v1/equipment/requirements/${created.id}`, { minQuantity: 3 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ minQuantity: 3, demo: false, abilities: { update: true } });
    const upd = (await audits('equipment_requirement.update')).at(-1)!;
    expect(upd).toMatchObject({ actor_username: 'demo-qc' });
    expect(upd.before).toMatchObject({ minQuantity: 2 });
    expect(upd.after).toMatchObject({ minQuantity: 3 });
    // An unchanged patch writes nothing.
    const n = (await audits('equipment_requirement.update')).length;
    expect((await qc.patch(`/api/v1/equipment/requirements/${created.id}`, { minQuantity: 3 })).status).toBe(
      200,
    );
    expect((await audits('equipment_requirement.update')).length).toBe(n);
    // Regulators without equipment:manage read only.
    expect((await city.post('/api/v1/equipment/requirements', { itemName: 'x' })).status).toBe(403);
    expect((await city.get('/api/v1/equipment/requirements')).status).toBe(200);
    expect((await province.delete(`/api/v1/equipment/requirements/${created.id}`)).status).toBe(204);
    expect((await audits('equipment_requirement.delete')).at(-1)).toMatchObject({
      entity_id: String(created.id),
      before: { itemName: '目录测试设备' },
    });
    expect((await province.delete(`/api/v1/equipment/requirements/${created.id}`)).status).toBe(404);
  });

  it('refuses a duplicate and bad fields with reasons in zh-CN and en', async () => {
    const first = await requirement(province, { itemName: '重复测试设备' });
    const dup = await province.post('/api/v1/equipment/requirements', {
      institutionKind: 'support_institution',
      level: 'city',
      domain: 'hygiene',
      itemName: '重复测试设备',
      minQuantity: 5,
      source: '另一依据',
      effectiveYear: 2024,
    });
    expect(dup.status).toBe(409);
    expect(errorOf(dup.body).reason).toBe('equipment_requirement_exists');
    const blank = await province.request(
      'POST',
      '/api/v1/equipment/requirements',
      {
        institutionKind: 'support_institution',
        level: null,
        domain: 'hygiene',
        itemName: '  ',
        minQuantity: 1,
        source: ' ',
        effectiveYear: 2024,
      },
      { 'accept-language': 'en' },
    );
    expect(blank.status).toBe(400);
    expect(
      errorOf(blank.body)
        .details!.map((d) => `${d.path}:${d.reason}`)
        .sort(),
    ).toEqual(['itemName:value_blank', 'source:value_blank']);
    expect(errorOf(blank.body).details!.every((d) => /^[\x20-\x7e]+$/.test(d.message))).toBe(true);
    const bad = await province.request(
      'POST',
      '/api/v1/equipment/requirements',
      {
        institutionKind: 'employer',
        level: 'city',
        domain: 'x',
        itemName: 'y',
        minQuantity: 0,
        source: 's',
        effectiveYear: 1990,
      },
      { 'accept-language': 'zh-CN' },
    );
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).details!.length).toBeGreaterThanOrEqual(3);
    // Out of the way of the compliance figures below.
    expect((await province.delete(`/api/v1/equipment/requirements/${first.id}`)).status).toBe(204);
  });
});

describe('ledgers and compliance', () => {
  let hygieneA: number;
  let hygieneB: number;
  let radiation: number;
  let countyRow: number;
  let serviceRow: number;
  beforeAll(async () => {
    hygieneA = (await requirement(province, { itemName: '台账测试粉尘采样器', minQuantity: 2 })).id;
    hygieneB = (await requirement(province, { itemName: '台账测试声级计' })).id;
    radiation = (await requirement(province, { itemName: '台账测试剂量率仪', domain: 'radiation' })).id;
    countyRow = (await requirement(province, { itemName: '台账测试县级设备', level: 'county' })).id;
    serviceRow = (
      await requirement(province, {
        itemName: '台账测试服务机构设备',
        institutionKind: 'service_institution',
      })
    ).id;
  });

  const add = (c: Client, body: Record<string, unknown>) =>
    c.post('/api/v1/equipment/items', {
      name: '设备',
      quantity: 1,
      domain: 'hygiene',
      status: 'in_service',
      ...body,
    });

  it('lets an institution keep its own ledger only, and the provincial commission keep one for it', async () => {
    // demo-service keeps its own (no institutionId: its own institution).
    const own = await add(service, { name: '服务机构自有设备', requirementId: serviceRow });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ counts: true, notCountingReason: null, abilities: { update: true } });
    expect((await audits('equipment_item.create')).at(-1)).toMatchObject({
      actor_username: 'demo-service',
      after: { name: '服务机构自有设备' },
    });
    // The provincial CDC's region scope covers the city CDC, but it keeps its own ledger only.
    const notOwn = await add(cdc, { institutionId: changchunCdc, requirementId: hygieneA });
    expect(notOwn.status).toBe(403);
    expect(errorOf(notOwn.body).reason).toBe('equipment_record_own_only');
    // demo-service (institution scope) does not see the city CDC at all.
    expect((await add(service, { institutionId: changchunCdc })).status).toBe(404);
    // A city regulator reads but does not record.
    expect((await add(city, { institutionId: changchunCdc })).status).toBe(403);
    // An employer keeps no ledger.
    const employer = await orgId(
      (
        await t.deps.db
          .selectFrom('organisation')
          .select('name')
          .where('kind', '=', 'employer')
          .orderBy('organisation_id')
          .executeTakeFirstOrThrow()
      ).name,
    );
    const emp = await add(province, { institutionId: employer });
    expect(emp.status).toBe(400);
    expect(errorOf(emp.body).details![0]).toMatchObject({
      path: 'institutionId',
      reason: 'equipment_not_an_institution',
    });
    // A county row does not apply to a city CDC; the domain follows the requirement.
    const na = await add(province, { institutionId: changchunCdc, requirementId: countyRow });
    expect(errorOf(na.body).details![0]).toMatchObject({
      path: 'requirementId',
      reason: 'equipment_requirement_not_applicable',
    });
    const mismatch = await add(province, {
      institutionId: changchunCdc,
      requirementId: radiation,
      domain: 'hygiene',
    });
    expect(errorOf(mismatch.body).details![0]).toMatchObject({
      path: 'domain',
      reason: 'equipment_domain_mismatch',
    });
    expect(
      errorOf((await add(province, { institutionId: changchunCdc, requirementId: 999999 })).body).details![0],
    ).toMatchObject({
      reason: 'equipment_requirement_unknown',
    });
  });

  it('computes each institution and the pooled region, with the institutions below target', async () => {
    // 长春 CDC: A (2 units) and B in service; radiation unit expired → hygiene 2/2, radiation 0/1.
    for (const body of [
      { requirementId: hygieneA, quantity: 2, calibrationDueOn: '2027-03-01' },
      { requirementId: hygieneB },
      { requirementId: radiation, domain: 'radiation', calibrationDueOn: '2026-01-31' },
    ])
      expect((await add(province, { institutionId: changchunCdc, ...body })).status).toBe(201);
    // 吉林 CDC: A one unit short, B out of service, radiation fine → hygiene 0/2, radiation 1/1.
    for (const body of [
      { requirementId: hygieneA, quantity: 1 },
      { requirementId: hygieneB, status: 'out_of_service' },
      { requirementId: radiation, domain: 'radiation' },
    ])
      expect((await add(province, { institutionId: jilinCdc, ...body })).status).toBe(201);
    // The county CDC: its county row satisfied (1/1).
    expect((await add(province, { institutionId: countyCdc, requirementId: countyRow })).status).toBe(201);

    const ledger = await province.get(`/api/v1/equipment/institutions/${changchunCdc}?date=${DATE}`);
    expect(ledger.status).toBe(200);
    const l = ledger.body as unknown as EquipmentLedger;
    expect(l.institution.domains).toEqual([
      expect.objectContaining({ domain: 'hygiene', required: 2, satisfied: 2, rate: 1, meets: true }),
      expect.objectContaining({ domain: 'radiation', required: 1, satisfied: 0, rate: 0, meets: false }),
    ]);
    expect(l.items.find((i) => i.domain === 'radiation')).toMatchObject({
      counts: false,
      notCountingReason: 'calibration_expired',
    });
    expect(l.formula.zh).toContain('检定/校准未过期');

    const report = await province.get(`/api/v1/equipment/compliance?region=22&date=${DATE}`);
    expect(report.status).toBe(200);
    const r = report.body as unknown as ComplianceReport;
    expect(r.uncertain).toBe(true);
    expect(r.targets.map((x) => [x.domain, x.rate])).toEqual([
      ['hygiene', 0.95],
      ['radiation', 0.85],
    ]);
    const changchun = r.children.find((c) => c.regionCode === '2201')!;
    // 长春 holds its city CDC (hygiene 2/2, radiation 0/1), the two county CDCs (county row 1/1 and 0/1)
    // and demo-service, a city-level service institution (its row 1/1): hygiene (2+1+0+1)/(2+1+1+1).
    expect(changchun.domains).toEqual([
      expect.objectContaining({
        domain: 'hygiene',
        required: 5,
        satisfied: 4,
        institutions: 4,
        institutionsBelow: 1,
      }),
      expect.objectContaining({
        domain: 'radiation',
        required: 1,
        satisfied: 0,
        institutions: 1,
        institutionsBelow: 1,
      }),
    ]);
    // 吉林: its CDC (hygiene 0/2, radiation 1/1) and one city-level service institution without a ledger (0/1).
    const jilin = r.children.find((c) => c.regionCode === '2202')!;
    expect(jilin.domains).toEqual([
      expect.objectContaining({
        domain: 'hygiene',
        required: 3,
        satisfied: 0,
        meets: false,
        institutionsBelow: 2,
      }),
      expect.objectContaining({
        domain: 'radiation',
        required: 1,
        satisfied: 1,
        meets: true,
        institutionsBelow: 0,
      }),
    ]);
    // Every city CDC without a ledger is evaluated too (0 satisfied), so the province total pools them.
    const hygieneTotal = r.total.domains.find((d) => d.domain === 'hygiene')!;
    const count = (kind: string, level: string) =>
      r.institutions.filter((i) => i.kind === kind && i.level === level).length;
    expect(count('support_institution', 'city')).toBe(9);
    expect(hygieneTotal.required).toBe(
      count('support_institution', 'city') * 2 + 2 /* county CDCs */ + count('service_institution', 'city'),
    );
    expect(hygieneTotal.satisfied).toBe(2 + 1 + 1 /* 长春 CDC, 南关 CDC, demo-service */);
    expect(hygieneTotal.rate).toBeCloseTo(4 / hygieneTotal.required, 10);
    const below = r.institutions.filter((i) => i.belowTarget).map((i) => i.institutionId);
    expect(below).toContain(changchunCdc);
    expect(below).toContain(jilinCdc);
    expect(below).not.toContain(countyCdc);
  });

  it('keeps a county regulator to its county and a city regulator to its city', async () => {
    const mine = await county.get(`/api/v1/equipment/compliance?date=${DATE}`);
    expect(mine.status).toBe(200);
    const r = mine.body as unknown as ComplianceReport;
    expect(r.regionCode).toBe('220102');
    expect(r.institutions.map((i) => i.institutionId)).toEqual([countyCdc]);
    expect(r.children).toEqual([]);
    expect((await county.get('/api/v1/equipment/compliance?region=2201')).status).toBe(404);
    expect((await county.get('/api/v1/equipment/compliance?region=220103')).status).toBe(404);
    expect((await county.get(`/api/v1/equipment/institutions/${otherCountyCdc}`)).status).toBe(404);
    expect((await county.get(`/api/v1/equipment/institutions/${countyCdc}`)).status).toBe(200);
    const list = await county.get('/api/v1/equipment/institutions');
    expect((list.body.data as Array<{ institutionId: number }>).map((i) => i.institutionId)).toEqual([
      countyCdc,
    ]);
    // The city regulator: its city with its counties, not another city.
    const c = (await city.get(`/api/v1/equipment/compliance?date=${DATE}`))
      .body as unknown as ComplianceReport;
    expect(c.regionCode).toBe('2201');
    expect(c.children.map((x) => x.regionCode)).toContain('220102');
    expect(c.institutions.every((i) => i.regionCode.startsWith('2201'))).toBe(true);
    expect((await city.get('/api/v1/equipment/compliance?region=2202')).status).toBe(404);
    expect((await city.get(`/api/v1/equipment/institutions/${jilinCdc}`)).status).toBe(404);
    // An institution sees itself only, whatever region of its own it names.
    const s = (await service.get('/api/v1/equipment/compliance?region=22'))
      .body as unknown as ComplianceReport;
    expect(s.institutions.map((i) => i.name)).toEqual(['长春市旭日职业卫生技术服务有限公司（1）']);
    expect((await service.get('/api/v1/equipment/compliance?region=2202')).status).toBe(404);
  });

  it('audits updates and deletes of items; an out-of-service change stops it counting', async () => {
    const created = await add(province, {
      institutionId: countyCdc,
      name: '待修改设备',
      requirementId: countyRow,
    });
    const id = (created.body as { id: number }).id;
    const upd = await province.patch(`/api/v1/equipment/items/${id}`, { status: 'out_of_service' });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ counts: false, notCountingReason: 'out_of_service' });
    expect((await audits('equipment_item.update')).at(-1)).toMatchObject({
      entity_id: String(id),
      before: { status: 'in_service' },
      after: { status: 'out_of_service' },
    });
    expect((await county.patch(`/api/v1/equipment/items/${id}`, { quantity: 2 })).status).toBe(403);
    expect((await province.delete(`/api/v1/equipment/items/${id}`)).status).toBe(204);
    expect((await audits('equipment_item.delete')).at(-1)).toMatchObject({ entity_id: String(id) });
    expect((await province.delete(`/api/v1/equipment/items/${id}`)).status).toBe(404);
  });
});

describe('import', () => {
  const upload = (c: Client, csv: string, dryRun = false) => {
    const { payload, contentType } = multipartFile(Buffer.from(csv, 'utf8'), 'equipment.csv');
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/equipment/requirements/import${dryRun ? '?dryRun=true' : ''}`,
      payload,
      headers: { 'content-type': contentType, 'x-csrf-token': c.csrfToken!, 'accept-language': 'zh-CN' },
      cookies: { ohp_sid: c.sessionToken! },
    });
  };
  const head = '机构类型,级别,领域,设备名称,最低数量,依据,起始年份,备注';
  const src = '导入测试依据 第二条';
  const good = [
    `技术支撑机构,县级,职业卫生检测,导入测试采样器,3,${src},2025,`,
    `疾控中心,,放射卫生,导入测试剂量仪,1,${src},2025,各级通用`,
  ];
  const bad = [
    `用人单位,县级,职业卫生检测,导入测试甲,1,${src},2025,`,
    `技术支撑机构,乡级,职业卫生检测,导入测试乙,0,${src},1999,`,
    `技术支撑机构,县级,化学检测,导入测试丙,1,,2025,`,
    `技术支撑机构,县级,职业卫生检测,导入测试丁,1,${src},2025,`,
    `技术支撑机构,县级,职业卫生检测,导入测试丁,2,${src},2025,`,
  ];
  const rowsNamed = (q: string) =>
    t.deps.db
      .selectFrom('equipment_requirement')
      .select(['item_name', 'min_quantity', 'import_batch_id'])
      .where('item_name', 'like', `${q}%`)
      .orderBy('item_name')
      .execute();

  it('checks a dry run without writing, reporting every bad row', async () => {
    const res = await upload(province, [head, ...good, ...bad].join('\n'), true);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{
      accepted: number;
      rejected: number;
      errors: Array<{ row: number; column: string; reason: string; message: string }>;
    }>();
    expect(report).toMatchObject({ accepted: 2, rejected: 5 });
    const byRow = report.errors.map((e) => `${e.row}:${e.column}:${e.reason}`);
    expect(byRow).toEqual(
      expect.arrayContaining([
        '4:机构类型:equipment_kind_unknown',
        '5:级别:equipment_level_unknown',
        '5:最低数量:equipment_quantity_invalid',
        '5:起始年份:equipment_year_invalid',
        '6:领域:equipment_domain_unknown',
        '6:依据:value_required',
        '7:设备名称:equipment_requirement_repeated',
        '8:设备名称:equipment_requirement_repeated',
      ]),
    );
    expect(report.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
    expect(await rowsNamed('导入测试')).toEqual([]);
    expect((await audits('equipment_requirement.import')).length).toBe(0);
  });

  it('imports the good rows, serves the bad ones as a workbook, and a retry duplicates nothing', async () => {
    const file = [head, ...good, ...bad].join('\n');
    const res = await upload(province, file);
    const report = res.json<{ batchId: number; accepted: number; rejected: number }>();
    expect(report).toMatchObject({ accepted: 2, rejected: 5 });
    const rows = await rowsNamed('导入测试');
    expect(rows.map((r) => [r.item_name, r.min_quantity, r.import_batch_id])).toEqual([
      ['导入测试剂量仪', 1, report.batchId],
      ['导入测试采样器', 3, report.batchId],
    ]);
    expect(await audits('equipment_requirement.import')).toEqual([
      expect.objectContaining({ actor_username: 'demo-province', entity_id: String(report.batchId) }),
    ]);
    const errors = await province.get(`/api/v1/equipment/requirements/import/${report.batchId}/errors`);
    expect(errors.status).toBe(200);
    expect(errors.raw.headers['content-type']).toContain('spreadsheetml');
    expect((await qc.get(`/api/v1/equipment/requirements/import/${report.batchId}/errors`)).status).toBe(404);
    // The same file again: the first batch answers (nothing written twice).
    const again = await upload(province, file);
    expect(again.json<{ batchId: number }>().batchId).toBe(report.batchId);
    // Re-sent with a changed quantity (another file): one updated, one unchanged, no new row.
    const retry = await upload(
      province,
      [
        head,
        good[0]!.replace(',3,', ',4,'),
        good[1]!,
        `技术支撑机构,县级,职业卫生检测,导入测试戊,1,${src},2025,`,
      ].join('\n'),
    );
    expect(retry.json()).toMatchObject({ accepted: 1, updated: 1, unchanged: 1, rejected: 0 });
    expect((await rowsNamed('导入测试')).map((r) => [r.item_name, r.min_quantity])).toEqual([
      ['导入测试剂量仪', 1],
      ['导入测试戊', 1],
      ['导入测试采样器', 4],
    ]);
    expect((await city.get(`/api/v1/equipment/requirements/import/template`)).status).toBe(403);
    const tpl = await province.get('/api/v1/equipment/requirements/import/template');
    expect(tpl.status).toBe(200);
  });
});

describe('the demo', () => {
  // A province of its own: the demo seeds once, into a database without equipment data.
  let d: TestContext;
  beforeAll(async () => {
    d = await createTestContext();
  });
  afterAll(async () => d.close());

  it('labels its catalogue as demo data and has city CDCs below and above target', async () => {
    const cdc = await d.login('demo-cdc');
    const province = await d.login('demo-province');
    expect(await seedDemoEquipment(t.deps.db, DATE)).toBeNull();
    const line = await seedDemoEquipment(d.deps.db, DATE);
    expect(line).toContain('演示数据');
    const list = await cdc.get('/api/v1/equipment/requirements?domain=radiation');
    const rows = list.body.data as Array<{ source: string; demo: boolean; note: string | null }>;
    const demo = rows.filter((r) => r.demo);
    expect(demo.length).toBeGreaterThan(0);
    expect(demo.every((r) => r.source === EQUIPMENT_DEMO_SOURCE && r.note?.includes('演示数据'))).toBe(true);
    const r = (await province.get(`/api/v1/equipment/compliance?date=${DATE}`))
      .body as unknown as ComplianceReport;
    expect(r.demoRows).toBeGreaterThan(0);
    const cityCdcs = r.institutions.filter((i) => i.kind === 'support_institution' && i.level === 'city');
    expect(cityCdcs.some((i) => i.belowTarget)).toBe(true);
    expect(cityCdcs.some((i) => !i.belowTarget)).toBe(true);
    // The provincial CDC keeps its own ledger: it sees it with the right to record.
    const cdcOrg = (await cdc.get('/api/v1/auth/me')).body as { organisation?: { id: number } };
    const own = await cdc.get(`/api/v1/equipment/institutions/${cdcOrg.organisation!.id}?date=${DATE}`);
    expect(own.body).toMatchObject({ abilities: { record: true } });
    expect((own.body.items as unknown[]).length).toBeGreaterThan(20);
  });
});
