/**
 * GET /api/v1/login-logs/export: the workbook (parsed with exceljs) holds exactly the entries the filter
 * selects within the reader's scope, with outcome names and the browser and system read from the
 * User-Agent; the filter and counts are recorded in the file; the export is audited.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, DEMO_PASSWORD, type Client, type TestContext } from '../../../test/helpers.js';

const CHROME_WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

let t: TestContext;
let security: Client;
beforeAll(async () => {
  t = await createTestContext();
  security = await t.login('demo-secadmin');
  // Failures from a known browser: demo-county (南关区, 220102) and demo-city (长春市, 2201); an unknown name.
  for (const username of ['demo-county', 'demo-city', 'nobody.at.all']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: 'Wrong#Pass123' },
      headers: { 'user-agent': CHROME_WIN },
    });
    expect(res.statusCode).toBe(401);
  }
});
afterAll(async () => t.close());

type Sheet = { name: string; rows: unknown[][] };
const readXlsx = async (body: Buffer): Promise<Sheet[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: ws.name, rows };
  });
};
const filterOf = (s: Sheet): Map<string, unknown> =>
  new Map(s.rows.slice(1).map((r) => [String(r[0]), r[1]]));

const download = async (c: Client, query: string) => {
  const res = await c.get(`/api/v1/login-logs/export?${query}`);
  expect(res.status).toBe(200);
  return { res: res.raw, sheets: await readXlsx(res.raw.rawPayload) };
};

describe('login log export', () => {
  it('holds exactly the filtered entries with outcome names, browser and system, and the filter', async () => {
    const { res, sheets } = await download(security, 'outcome=fail_password&username=DEMO-COUNTY');
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toMatch(
      /^登录日志-\d{8}\.xlsx$/,
    );
    expect(sheets.map((s) => s.name)).toEqual(['登录日志', '筛选条件']);
    const [data, filter] = sheets as [Sheet, Sheet];
    expect(data.rows[0]).toEqual([
      '编号',
      '时间',
      '用户名',
      '结果',
      '结果代码',
      'IP 地址',
      '浏览器',
      '操作系统',
      'User-Agent',
    ]);
    const rows = data.rows.slice(1);
    expect(rows.length).toBe(1);
    expect(rows[0]!.slice(2, 5)).toEqual(['demo-county', '密码错误', 'fail_password']);
    expect(rows[0]!.slice(6, 9)).toEqual(['Chrome 126', 'Windows 10/11', CHROME_WIN]);
    const f = filterOf(filter);
    expect(f.get('导出内容')).toBe('登录日志');
    expect(f.get('用户名')).toBe('demo-county');
    expect(f.get('结果')).toBe('密码错误（fail_password）');
    expect(f.get('导出人')).toBe('demo-secadmin');
    expect(Number(f.get('导出记录数'))).toBe(1);
  });

  it('shows the platform security administrator every entry, unknown usernames included', async () => {
    const { sheets } = await download(security, 'outcome=fail_password');
    const names = sheets[0]!.rows.slice(1).map((r) => r[2]);
    expect(names).toEqual(expect.arrayContaining(['demo-county', 'demo-city', 'nobody.at.all']));
  });

  it('keeps a regional reader to the accounts of its region', async () => {
    // A county regulator of 南关区 given login_logs:read through a role written straight into the table
    // (the API refuses administrator permissions in business roles): the scope rule still holds.
    await t.deps.db
      .insertInto('role')
      .values({
        role_key: 'log_reader_test',
        name_zh: '日志查看测试',
        name_en: 'Log reader test',
        duty: 'business',
        built_in: false,
        permissions: ['login_logs:read'],
      })
      .execute();
    const org = await buildOrganisation(t.deps, { kind: 'health_commission', regionCode: '220102' });
    const reader = await buildUser(t.deps, { organisationId: org, roleKeys: ['log_reader_test'] });
    const c = await t.login(reader.username, DEMO_PASSWORD);
    const { sheets } = await download(c, 'outcome=fail_password');
    const names = sheets[0]!.rows.slice(1).map((r) => r[2]);
    expect(names).toEqual(['demo-county']);
    const list = await c.get('/api/v1/login-logs?outcome=fail_password');
    expect((list.body.data as Array<{ username: string }>).map((d) => d.username)).toEqual(['demo-county']);
    expect(Number(filterOf(sheets[1]!).get('符合条件的记录数'))).toBe(1);
  });

  it('respects the date filter and is itself audited', async () => {
    const { sheets } = await download(security, 'from=2999-01-01&to=2999-12-31');
    expect(sheets[0]!.rows.length).toBe(1);
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'login_log.export')
      .orderBy('audit_log_id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry.actor_username).toBe('demo-secadmin');
    expect(entry.after).toMatchObject({ filters: { from: '2999-01-01', to: '2999-12-31' }, rows: 0 });
  });

  it('is refused without login_logs:read', async () => {
    for (const u of ['demo-sysadmin', 'demo-province']) {
      const c = await t.login(u);
      expect((await c.get('/api/v1/login-logs/export')).status, u).toBe(403);
    }
  });
});
