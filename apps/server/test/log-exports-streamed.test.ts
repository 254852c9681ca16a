/**
 * The streamed audit and login-log exports hold what they held before streaming (test/legacy-exports.ts,
 * the old implementation kept verbatim): the same data sheet and the same filter sheet, cap included,
 * in both languages. The clock is held still around each pair so both record the same export time.
 */
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportAudit } from '../src/modules/audit/audit.export.js';
import type { AuditFilters } from '../src/modules/audit/audit.repository.js';
import { exportLoginLog } from '../src/modules/users/login-log.export.js';
import type { LoginLogFilters } from '../src/modules/users/login-log.repository.js';
import type { AuditContext } from '../src/platform/audit.js';
import { loadActor } from '../src/platform/authz/session.js';
import { createTestContext, type TestContext } from './helpers.js';
import { legacyExportAudit, legacyExportLoginLog } from './legacy-exports.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
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
  for (const n of [1, 2, 3]) {
    const res = await sys.post('/api/v1/users', {
      username: `stream.clerk.${n}`,
      displayName: `=流式导出${n}`,
      organisationId: orgId,
      roleKeys: ['employer_staff'],
    });
    expect(res.status).toBe(201);
  }
  for (const username of ['demo-county', 'demo-city', 'nobody.at.all', 'demo-county'])
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: 'Wrong#Pass123' },
      headers: {
        'user-agent': username === 'demo-city' ? '' : 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
      },
    });
});
afterAll(async () => t.close());
afterEach(() => {
  vi.useRealTimers();
});

type ReadSheet = { name: string; widths: unknown[]; rows: Array<Array<{ type: number; value: unknown }>> };
const readXlsx = async (body: Buffer): Promise<ReadSheet[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const columns = ws.columnCount;
    const rows: ReadSheet['rows'] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: ReadSheet['rows'][number] = [];
      for (let c = 1; c <= columns; c++) {
        const { type, value } = row.getCell(c);
        // An empty text is an empty cell in the streamed file (no shared-string table).
        cells.push(value === '' ? { type: ExcelJS.ValueType.Null, value: null } : { type, value });
      }
      rows.push(cells);
    });
    return { name: ws.name, widths: ws.columns.map((c) => c.width), rows };
  });
};

const ctxOf = async (username: string): Promise<AuditContext> => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select(['user_id', 'organisation_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: u.user_id,
    username,
    organisationId: u.organisation_id,
    ip: null,
    requestId: 'stream-test',
  };
};

const stillClock = () => vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-04T06:30:15Z') });

describe('audit export', () => {
  // Filters that leave out audit.export entries: the streamed export's own entry is written before the
  // old one runs, so the old one covers one more record ("up to record no." is one higher).
  const cases: Array<[AuditFilters, number | undefined]> = [
    [{ action: 'user.' }, undefined],
    [{ entityType: 'organisation' }, undefined],
    [{ actor: 'demo-sysadmin', from: '2020-01-01' }, undefined],
    [{ action: 'user.create' }, 2],
    [{ action: 'auth.' }, undefined],
  ];

  it('holds the sheets it held before streaming', async () => {
    const ctx = await ctxOf('demo-auditor');
    for (const lang of ['zh-CN', 'en'] as const)
      for (const [q, cap] of cases) {
        stillClock();
        const now = await exportAudit(t.deps.db, ctx, lang, q, cap);
        const [data, filter] = await readXlsx(await buffer(now.body));
        const old = await legacyExportAudit(t.deps.db, ctx, lang, q, cap);
        const [oldData, oldFilter] = await readXlsx(old.body);
        vi.useRealTimers();
        const label = `${lang} ${JSON.stringify(q)} cap ${cap}`;
        expect(now.names, label).toEqual(old.names);
        expect(data!.rows.length, label).toBeGreaterThan(1);
        expect(data, label).toEqual(oldData);
        const headRow = lang === 'en' ? 'Up to record no.' : '截至记录编号';
        const at = filter!.rows.findIndex((r) => r[0]!.value === headRow);
        expect(oldFilter!.rows[at]![1]!.value, label).toBe(Number(filter!.rows[at]![1]!.value) + 1);
        expect({ ...filter, rows: filter!.rows.filter((_, i) => i !== at) }, label).toEqual({
          ...oldFilter,
          rows: oldFilter!.rows.filter((_, i) => i !== at),
        });
        if (cap) expect(String(filter!.rows.at(-1)![1]!.value)).toContain(String(cap));
      }
  });
});

describe('login log export', () => {
  const cases: Array<[LoginLogFilters, number | undefined]> = [
    [{}, undefined],
    [{ outcome: 'fail_password' }, undefined],
    [{ username: 'DEMO-COUNTY', from: '2020-01-01', to: '2999-12-31' }, undefined],
    [{}, 2],
  ];

  it('holds the sheets it held before streaming, in the reader’s scope', async () => {
    for (const username of ['demo-secadmin']) {
      const ctx = await ctxOf(username);
      const { actor } = (await loadActor(t.deps.db, ctx.userId!))!;
      for (const lang of ['zh-CN', 'en'] as const)
        for (const [q, cap] of cases) {
          stillClock();
          const now = await exportLoginLog(t.deps.db, ctx, actor, lang, q, cap);
          const nowSheets = await readXlsx(await buffer(now.body));
          const old = await legacyExportLoginLog(t.deps.db, ctx, actor, lang, q, cap);
          const oldSheets = await readXlsx(old.body);
          vi.useRealTimers();
          const label = `${username} ${lang} ${JSON.stringify(q)} cap ${cap}`;
          expect(now.names, label).toEqual(old.names);
          expect(nowSheets[0]!.rows.length, label).toBeGreaterThan(1);
          expect(nowSheets, label).toEqual(oldSheets);
        }
    }
  });
});
