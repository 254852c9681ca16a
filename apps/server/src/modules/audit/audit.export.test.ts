/**
 * GET /api/v1/audit/export and GET /api/v1/audit/actors: the workbook holds exactly the entries the
 * filter selects (parsed with exceljs, not grepped), the filter and the counts are recorded in the
 * file, the name is in the caller's language, the export is audited and capped, and only the audit
 * administrator may make one.
 */
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { exportAudit } from './audit.export.js';

let t: TestContext;
let auditor: Client;
beforeAll(async () => {
  t = await createTestContext();
  auditor = await t.login('demo-auditor');
  // Two accounts created by the system administrator, one organisation by the province regulator.
  const sys = await t.login('demo-sysadmin');
  const orgId = (
    await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'employer')
      .orderBy('organisation_id')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).organisation_id;
  for (const n of [1, 2]) {
    const res = await sys.post('/api/v1/users', {
      username: `export.clerk.${n}`,
      displayName: `导出测试${n}`,
      organisationId: orgId,
      roleKeys: ['employer_staff'],
    });
    expect(res.status).toBe(201);
  }
  const province = await t.login('demo-province');
  expect(
    (
      await province.post('/api/v1/organisations', {
        name: '审计导出测试单位',
        kind: 'employer',
        regionCode: '220102',
      })
    ).status,
  ).toBe(201);
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

const download = async (c: Client, query: string, headers: Record<string, string> = {}) => {
  const res = await c.get(`/api/v1/audit/export?${query}`, headers);
  expect(res.status).toBe(200);
  return { res: res.raw, sheets: await readXlsx(res.raw.rawPayload) };
};

describe('audit export', () => {
  it('holds exactly the filtered entries, labelled, with the filter recorded in the file', async () => {
    const { res, sheets } = await download(auditor, 'action=user.create&actor=demo-sysadmin');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="audit-log-\d{8}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toMatch(/^审计日志-\d{8}\.xlsx$/);
    expect(sheets.map((s) => s.name)).toEqual(['审计日志', '筛选条件']);
    const [data, filter] = sheets as [Sheet, Sheet];
    expect(data.rows[0]).toEqual(expect.arrayContaining(['操作', '操作代码', '对象类型', '变更后']));
    const body = data.rows.slice(1);
    const expected = await t.deps.db
      .selectFrom('audit_log')
      .select('audit_log_id')
      .where('action', '=', 'user.create')
      .where('actor_username', '=', 'demo-sysadmin')
      .orderBy('audit_log_id', 'desc')
      .execute();
    expect(expected.length).toBe(2);
    expect(body.map((r) => Number(r[0]))).toEqual(expected.map((e) => e.audit_log_id));
    for (const r of body) {
      expect(r[2]).toBe('demo-sysadmin');
      expect(r[5]).toBe('新增用户');
      expect(r[6]).toBe('user.create');
      expect(r[7]).toBe('用户');
      expect(String(r[10])).toContain('导出测试');
      expect(r[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    const f = filterOf(filter);
    expect(f.get('导出内容')).toBe('审计日志');
    expect(f.get('操作')).toBe('新增用户（user.create）');
    expect(f.get('操作人')).toBe('demo-sysadmin');
    expect(f.get('对象类型')).toBe('全部');
    expect(f.get('起始日期')).toBe('不限');
    expect(f.get('导出人')).toBe('demo-auditor');
    expect(Number(f.get('符合条件的记录数'))).toBe(2);
    expect(Number(f.get('导出记录数'))).toBe(2);
  });

  it('is itself an audit entry recording the filter and the counts', async () => {
    await download(auditor, 'entityType=organisation&from=2020-01-01');
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.export')
      .orderBy('audit_log_id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry.actor_username).toBe('demo-auditor');
    expect(entry.entity_type).toBe('audit_log');
    expect(entry.after).toMatchObject({
      filters: { entityType: 'organisation', from: '2020-01-01' },
      truncated: false,
    });
    expect((entry.after as { rows: number }).rows).toBeGreaterThanOrEqual(1);
  });

  it('respects the object type and date filters', async () => {
    const { sheets } = await download(auditor, 'entityType=organisation');
    const rows = sheets[0]!.rows.slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r[7] === '单位')).toBe(true);
    expect(rows.some((r) => String(r[10]).includes('审计导出测试单位'))).toBe(true);
    const future = await download(auditor, 'from=2999-01-01');
    expect(future.sheets[0]!.rows.length).toBe(1); // the header only
    expect(Number(filterOf(future.sheets[1]!).get('符合条件的记录数'))).toBe(0);
  });

  it('matches a catalogue action exactly and other text as a prefix', async () => {
    const exact = await download(auditor, 'action=user.update');
    expect(exact.sheets[0]!.rows.slice(1).every((r) => r[6] === 'user.update')).toBe(true);
    const prefix = await download(auditor, 'action=user.');
    const codes = new Set(prefix.sheets[0]!.rows.slice(1).map((r) => r[6]));
    expect(codes.has('user.create')).toBe(true);
    expect([...codes].every((c) => String(c).startsWith('user.'))).toBe(true);
  });

  it('names the file and labels the sheets in English for an English client', async () => {
    const { res, sheets } = await download(auditor, 'action=user.create', { 'accept-language': 'en' });
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toMatch(
      /^audit-log-\d{8}\.xlsx$/,
    );
    expect(sheets.map((s) => s.name)).toEqual(['Audit log', 'Filter']);
    expect(sheets[0]!.rows[1]![5]).toBe('Create user');
    expect(filterOf(sheets[1]!).get('Action')).toBe('Create user (user.create)');
  });

  it('writes filter text that a spreadsheet would run as a formula as plain text', async () => {
    const { sheets } = await download(auditor, `actor=${encodeURIComponent('=HYPERLINK("http://x")')}`);
    const f = filterOf(sheets[1]!);
    expect(f.get('操作人')).toBe(`'=HYPERLINK("http://x")`);
  });

  it('stops at the row cap and says so in the file', async () => {
    const total = Number(
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const ctx = { userId: null, username: 'demo-auditor', organisationId: null, ip: null, requestId: 'cap' };
    const file = await exportAudit(t.deps.db, ctx, 'zh-CN', {}, 3);
    const sheets = await readXlsx(await buffer(file.body));
    const rows = sheets[0]!.rows.slice(1);
    expect(rows.length).toBe(3);
    // Newest first, consecutive ids.
    const ids = rows.map((r) => Number(r[0]));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const f = filterOf(sheets[1]!);
    expect(Number(f.get('符合条件的记录数'))).toBeGreaterThanOrEqual(total);
    expect(Number(f.get('导出记录数'))).toBe(3);
    expect(String(f.get('说明'))).toContain('上限 3');
  });

  it('is refused to everyone without audit:read', async () => {
    for (const u of ['demo-secadmin', 'demo-sysadmin', 'demo-province']) {
      const c = await t.login(u);
      expect((await c.get('/api/v1/audit/export')).status, u).toBe(403);
      expect((await c.get('/api/v1/audit/actors?q=demo')).status, u).toBe(403);
    }
    expect((await t.anonymous().get('/api/v1/audit/export')).status).toBe(401);
  });
});

describe('audit actor picker', () => {
  it('finds accounts by username or name, with nothing personal', async () => {
    const res = await auditor.get(`/api/v1/audit/actors?q=${encodeURIComponent('导出测试')}`);
    expect(res.status).toBe(200);
    const data = res.body.data as Array<Record<string, unknown>>;
    expect(data.map((d) => d.username)).toEqual(['export.clerk.1', 'export.clerk.2']);
    expect(Object.keys(data[0]!).sort()).toEqual(['displayName', 'organisationName', 'username']);
    const byName = await auditor.get('/api/v1/audit/actors?q=sysadmin');
    expect((byName.body.data as Array<{ username: string }>).map((d) => d.username)).toContain(
      'demo-sysadmin',
    );
  });
});
