import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../demo/seed.js';
import { createTestContext, type Client, type TestContext, multipartFile } from '../../../test/helpers.js';

let t: TestContext;
let province: Client;
let city: Client;
let county: Client;
beforeAll(async () => {
  t = await createTestContext();
  province = await t.login('demo-province');
  city = await t.login('demo-city');
  county = await t.login('demo-county');
});
afterAll(async () => t.close());

type Org = {
  id: number;
  name: string;
  regionCode: string;
  creditCode: string | null;
  enterpriseSize: string | null;
  abilities: { update: boolean; delete: boolean };
};
const list = (res: { body: Record<string, unknown> }) => res.body.data as Org[];

const validOrg = (over: Record<string, unknown> = {}) => ({
  name: '长春测试机械制造有限公司',
  kind: 'employer',
  regionCode: '220102',
  creditCode: makeCreditCode('220102', 77_000_001),
  industryCode: 'C3422',
  employees: 150,
  revenueWanYuan: 5000,
  ...over,
});

describe('organisation lists are scoped by region', () => {
  it('shows a city regulator only organisations inside its city, and the province all of them', async () => {
    const cityOrgs = await city.get('/api/v1/organisations?pageSize=200');
    expect(cityOrgs.status).toBe(200);
    expect(list(cityOrgs).length).toBeGreaterThan(0);
    expect(list(cityOrgs).every((o) => o.regionCode.startsWith('2201'))).toBe(true);
    const all = await province.get('/api/v1/organisations?pageSize=1');
    expect(Number(all.body.total)).toBeGreaterThan(Number(cityOrgs.body.total));
  });

  it('answers 404 for an organisation outside the scope, exactly as for one that does not exist', async () => {
    const other = await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('region_code', 'like', '2202%')
      .limit(1)
      .executeTakeFirstOrThrow();
    const outside = await city.get(`/api/v1/organisations/${other.organisation_id}`);
    const missing = await city.get('/api/v1/organisations/999999');
    expect(outside.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(outside.body.error).toMatchObject({ code: 'not_found' });
    const filtered = await city.get(`/api/v1/organisations?regionCode=2202`);
    expect(filtered.body.total).toBe(0);
  });

  it('filters by kind, name and region and pages on the server', async () => {
    const res = await province.get('/api/v1/organisations?kind=exam_institution&pageSize=5&page=2&sort=name');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 2, pageSize: 5 });
    expect(list(res)).toHaveLength(5);
    const byName = await province.get(`/api/v1/organisations?q=${encodeURIComponent('卫生健康委员会')}`);
    expect(list(byName).every((o) => o.name.includes('卫生健康委员会'))).toBe(true);
  });
});

describe('creating and changing organisations', () => {
  it('creates an organisation with its enterprise size computed, and audits it', async () => {
    const res = await province.post('/api/v1/organisations', validOrg());
    expect(res.status).toBe(201);
    // Industry 3422 is 工业: 150 employees and 5,000 万元 revenue meet the small bounds (20/300) but not medium's 300 staff.
    expect(res.body).toMatchObject({
      regionName: '南关区',
      level: 'county',
      enterpriseSize: 'small',
      industryCode: '3422',
    });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'organisation.create')
      .where('entity_id', '=', String(res.body.id))
      .executeTakeFirst();
    expect(audit?.actor_username).toBe('demo-province');
    expect(audit?.after).toMatchObject({ name: '长春测试机械制造有限公司' });
  });

  it('rejects a wrong credit-code check character, an unknown region and an unknown industry together, writing nothing', async () => {
    const good = makeCreditCode('220102', 77_000_002);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await province.post(
      '/api/v1/organisations',
      validOrg({ creditCode: bad, regionCode: '229999', industryCode: '9999' }),
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    const details = (res.body.error as { details: Array<{ path: string; reason: string; message: string }> })
      .details;
    expect(details.map((d) => [d.path, d.reason]).sort()).toEqual([
      ['creditCode', 'credit_code_invalid'],
      ['industryCode', 'industry_unknown'],
      ['regionCode', 'region_unknown'],
    ]);
    expect(details.every((d) => d.message.length > 0)).toBe(true);
    const after = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a second organisation with the same credit code with 409', async () => {
    const res = await province.post('/api/v1/organisations', validOrg({ name: '重复信用代码公司' }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', reason: 'duplicate' });
  });

  it('refuses a region outside the actor jurisdiction', async () => {
    const admin = await t.login('demo-province');
    const res = await admin.post(
      '/api/v1/organisations',
      validOrg({ regionCode: '210102', creditCode: null }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      details: [{ path: 'regionCode', reason: 'region_out_of_scope' }],
    });
  });

  it('updates with an audit entry holding before and after, and deletes softly', async () => {
    const created = await province.post(
      '/api/v1/organisations',
      validOrg({ name: '待删除测试单位', creditCode: null }),
    );
    const id = Number(created.body.id);
    const upd = await province.patch(`/api/v1/organisations/${id}`, { contactName: '李四', employees: 10 });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ contactName: '李四', enterpriseSize: 'micro' });
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'organisation.update')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(entry.before).toMatchObject({ contact_name: null });
    expect(entry.after).toMatchObject({ contact_name: '李四' });
    expect((await province.delete(`/api/v1/organisations/${id}`)).status).toBe(204);
    expect((await province.get(`/api/v1/organisations/${id}`)).status).toBe(404);
    const row = await t.deps.db
      .selectFrom('organisation')
      .select('status')
      .where('organisation_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('deleted');
  });

  it('does not let a regulator without the permission write', async () => {
    const res = await county.post('/api/v1/organisations', validOrg({ creditCode: null }));
    expect(res.status).toBe(403);
  });
});

const workbook = async (rows: Array<Array<string | number>>): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.addRow([
    '单位名称*',
    '单位类型',
    '行政区划代码',
    '统一社会信用代码',
    '是否公立',
    '行业代码',
    '从业人员数',
    '营业收入(万元)',
  ]);
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow([]);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

const upload = (c: Client, buf: Buffer, name: string, dryRun = false) => {
  const { payload, contentType } = multipartFile(buf, name);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/organisations/import?dryRun=${dryRun}`,
    payload,
    headers: {
      'content-type': contentType,
      'x-csrf-token': c.csrfToken!,
      'accept-language': 'zh-CN',
    },
    cookies: { ohp_sid: c.sessionToken! },
  });
};

/** Node can decode GBK but not encode it: build the reverse table from the decoder itself. */
const encodeGbk = (text: string): Buffer => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
  return Buffer.from(bytes);
};

describe('importing organisations', () => {
  const rows = (): Array<Array<string | number>> => [
    [
      '导入测试化工有限公司',
      '用人单位',
      '220102',
      makeCreditCode('220102', 88_000_001),
      '否',
      '2614',
      50,
      1000,
    ],
    [
      '导入测试医院',
      '职业健康检查机构',
      '220103',
      makeCreditCode('220103', 88_000_002, '2', '1'),
      '是',
      '',
      '',
      '',
    ],
    ['坏行一', '不存在的类型', '220102', '', '否', '', '', ''],
    ['坏行二', '用人单位', '999999', 'ABC', '也许', 'X99', 'abc', ''],
    // An 18-digit code typed as a number loses its last digits in Excel: the row is refused with a clear reason.
    ['坏行三', '用人单位', '220102', 912201020100000000, '否', '', '', ''],
  ];

  // One file for the first upload and its retry: a retry sends the same bytes. (Two workbooks written
  // by exceljs in different seconds differ in their creation time, so they are two files.)
  let buf: Buffer;
  beforeAll(async () => {
    buf = await workbook(rows());
  });

  it('dry-runs without writing, then accepts the good rows and reports every bad cell', async () => {
    const dry = await upload(province, buf, 'orgs.xlsx', true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 5, accepted: 2, rejected: 3 });
    expect(
      await t.deps.db
        .selectFrom('organisation')
        .select('organisation_id')
        .where('name', '=', '导入测试化工有限公司')
        .executeTakeFirst(),
    ).toBeUndefined();

    const res = await upload(province, buf, 'orgs.xlsx');
    const report = res.json<{
      accepted: number;
      rejected: number;
      errors: Array<{ row: number; column: string; reason: string; message: string }>;
      errorFileId: string;
    }>();
    expect(report).toMatchObject({ dryRun: false, total: 5, accepted: 2, rejected: 3 });
    const cells = report.errors.map((e) => `${e.row}:${e.column}:${e.reason}`).sort();
    expect(cells).toEqual(
      [
        '4:单位类型:kind_unknown',
        '5:统一社会信用代码:credit_code_format',
        '5:是否公立:boolean_invalid',
        '5:从业人员数:number_invalid',
        '5:行业代码:industry_unknown',
        '5:行政区划代码:region_unknown',
        '6:统一社会信用代码:code_stored_as_number',
      ].sort(),
    );
    expect(report.errors.every((e) => e.message && e.message !== e.reason)).toBe(true);
    const created = await t.deps.db
      .selectFrom('organisation')
      .select(['kind', 'enterprise_size'])
      .where('name', '=', '导入测试化工有限公司')
      .executeTakeFirstOrThrow();
    expect(created).toEqual({ kind: 'employer', enterprise_size: 'small' });

    // The rejected rows come back as a workbook with an error column.
    const errors = await province.get(`/api/v1/organisations/import/${report.errorFileId}/errors`);
    expect(errors.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).getCell(ws.columnCount).text).toContain('错误原因');
    // Another user cannot fetch this batch's error file.
    expect((await city.get(`/api/v1/organisations/import/${report.errorFileId}/errors`)).status).toBe(403);
  });

  it('treats a retried upload of the same file as the same batch and writes nothing twice', async () => {
    const again = await upload(province, buf, 'orgs.xlsx');
    expect(again.json()).toMatchObject({ accepted: 2 });
    const n = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', '导入测试化工有限公司')
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });

  it('updates by credit code and counts unchanged rows when a changed file is imported', async () => {
    const changed = rows().slice(0, 2);
    changed[0]![6] = 400;
    const res = await upload(province, await workbook(changed), 'orgs-v2.xlsx');
    expect(res.json()).toMatchObject({ accepted: 0, updated: 1, unchanged: 1, rejected: 0 });
  });

  it('refuses only the row whose credit code belongs to an organisation outside the importer scope', async () => {
    // A city-level regulator administrator of 长春 (2201); the credit code below belongs to 吉林市 (2202).
    const cityHc = await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'health_commission')
      .where('region_code', '=', '2201')
      .executeTakeFirstOrThrow();
    const elsewhere = await t.deps.db
      .selectFrom('organisation')
      .select('credit_code')
      .where('region_code', 'like', '2202%')
      .where('credit_code', 'is not', null)
      .executeTakeFirstOrThrow();
    const u = await t.deps.db
      .insertInto('app_user')
      .values({
        username: 'cc.admin',
        display_name: '长春管理员',
        organisation_id: cityHc.organisation_id,
        password_hash: (
          await t.deps.db
            .selectFrom('app_user')
            .select('password_hash')
            .where('username', '=', 'demo-city')
            .executeTakeFirstOrThrow()
        ).password_hash,
        must_change_password: false,
      })
      .returning('user_id')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('user_role')
      .values({ user_id: u.user_id, role_key: 'regulator_admin' })
      .execute();
    const admin = await t.login('cc.admin');
    const file = await workbook([
      ['长春范围内新单位', '用人单位', '220102', makeCreditCode('220102', 88_000_777), '否', '', '', ''],
      ['冒用外市信用代码', '用人单位', '220102', elsewhere.credit_code!, '否', '', '', ''],
    ]);
    const res = await upload(admin, file, 'scope.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 1,
      rejected: 1,
      errors: [{ row: 3, column: '统一社会信用代码', reason: 'duplicate' }],
    });
  });

  it('answers 400 for a CSV whose quoted field never closes, writing nothing', async () => {
    const res = await upload(
      province,
      Buffer.from('单位名称,单位类型,行政区划代码\r\n"未闭合引号单位,用人单位,220102\r\n'),
      'bad.csv',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'validation_failed', reason: 'unreadable_file' } });
  });

  it('reads a GBK-encoded CSV', async () => {
    const csv = '单位名称,单位类型,行政区划代码\r\nＧＢＫ测试单位,用人单位,220102\r\n';
    const gbk = encodeGbk(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const res = await upload(province, gbk, 'orgs.csv');
    expect(res.json()).toMatchObject({ total: 1, accepted: 1 });
    // Full-width letters were normalised to half-width.
    expect(
      await t.deps.db
        .selectFrom('organisation')
        .select('name')
        .where('name', '=', 'GBK测试单位')
        .executeTakeFirst(),
    ).toBeDefined();
  });
});

describe('exporting organisations', () => {
  it('exports the scoped, filtered list as xlsx and audits the export', async () => {
    const res = await city.get('/api/v1/organisations/export?kind=health_commission');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const codes: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) codes.push(row.getCell(3).text);
    });
    expect(codes.length).toBeGreaterThan(1);
    expect(codes.every((c) => c.startsWith('2201'))).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'organisation.export')
      .where('actor_username', '=', 'demo-city')
      .executeTakeFirst();
    expect(audit?.after).toMatchObject({ rows: codes.length });
  });
});
