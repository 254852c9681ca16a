/**
 * The streamed organisation export (issue 14 item 6): the same file as before streaming (checked
 * against the old implementation, test/legacy-exports.ts), plus the filter sheet; the keyset pages
 * give every row in scope exactly once, in the list's order, ties and empty values included, and
 * nothing out of scope; the row cap; a page that fails before or after the first byte; and, over real
 * sockets, other requests answered while an export of 25,000 rows is still reading the database.
 * No timings are asserted: only orders and contents.
 */
import { buffer } from 'node:stream/consumers';
import { organisationSortKeys, type OrganisationSortKey } from '@ohp/contracts';
import { parseCsv } from '@ohp/reference';
import ExcelJS from 'exceljs';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyExportOrganisations } from '../../../test/legacy-exports.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import { loadActor } from '../../platform/authz/session.js';
import { exportOrganisations } from './organisations.import.js';
import {
  listOrganisations,
  organisationExportPage,
  type OrganisationCursor,
  type OrganisationFilters,
} from './organisations.repository.js';
import { organisationSortKey } from './organisations.sort-key.js';

let t: TestContext;
let province: Client;
const actors = new Map<string, { actor: Actor; ctx: AuditContext }>();

/** Rows of the tie test: in four counties of 长春 (2201) and two of 吉林市 (2202, outside demo-city). */
const MARK = 'KS键集';
const IN_CITY = ['220102', '220103', '220104', '220105'];
const OUT_OF_CITY = ['220202', '220203'];

beforeAll(async () => {
  t = await createTestContext();
  province = await t.login('demo-province');
  for (const username of ['demo-province', 'demo-city', 'demo-county']) {
    const u = await t.deps.db
      .selectFrom('app_user')
      .select(['user_id', 'organisation_id'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const { actor } = (await loadActor(t.deps.db, u.user_id))!;
    actors.set(username, {
      actor,
      ctx: { userId: u.user_id, username, organisationId: u.organisation_id, ip: null, requestId: null },
    });
  }
  // Ties everywhere: the same ten names in every county, staff in three values or unknown, a few rows
  // without a name key (sorted as empty), most without a credit code, creation times equal or a
  // microsecond apart (a JavaScript Date would lose the difference).
  const rows = [...IN_CITY, ...OUT_OF_CITY].flatMap((region, r) =>
    Array.from({ length: 10 }, (_, i) => {
      const n = r * 10 + i;
      const name = `${MARK}${i}`;
      return {
        name,
        name_sort: n % 13 === 5 ? null : organisationSortKey(name),
        kind: n % 6 === 0 ? 'exam_institution' : 'employer',
        level: 'county',
        region_code: region,
        credit_code: n % 4 === 1 ? `91${region}0000000${String(n).padStart(3, '0')}`.slice(0, 18) : null,
        employees: n % 4 === 0 ? null : (n % 3) * 10,
        address: n === 7 ? '=HYPERLINK("http://evil.example")' : `地址${n}`,
        created_at: sql<Date>`timestamptz '2026-01-01 00:00:00+00' + ${n % 5} * interval '1 microsecond'`,
      };
    }),
  );
  await t.deps.db.insertInto('organisation').values(rows).execute();
});
afterAll(async () => t.close());

type Cell = { type: number; value: unknown };
type ReadSheet = { name: string; widths: unknown[]; formats: unknown[]; bold: unknown; rows: Cell[][] };

const readXlsx = async (body: Buffer): Promise<ReadSheet[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const columns = ws.columnCount;
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: Cell[] = [];
      for (let c = 1; c <= columns; c++) {
        const { type, value } = row.getCell(c);
        // An empty text is an empty cell in the streamed file (no shared-string table).
        cells.push(value === '' ? { type: ExcelJS.ValueType.Null, value: null } : { type, value });
      }
      rows.push(cells);
    });
    return {
      name: ws.name,
      widths: ws.columns.map((c) => c.width),
      formats: ws.columns.map((c) => c.numFmt),
      bold: ws.getRow(1).font?.bold,
      rows,
    };
  });
};
const filterOf = (s: ReadSheet): Map<string, unknown> =>
  new Map(s.rows.slice(1).map((r) => [String(r[0]!.value), r[1]!.value]));

/** Every page of the keyset walk, checking that no page is longer than asked. */
const walk = async (actor: Actor, q: OrganisationFilters, pageSize: number): Promise<number[]> => {
  const scope = scopeOf(actor, 'administration');
  const ids: number[] = [];
  let after: OrganisationCursor | null = null;
  for (;;) {
    const page = await organisationExportPage(t.deps.db, scope, q, after, pageSize);
    expect(page.length).toBeLessThanOrEqual(pageSize);
    ids.push(...page.map((r) => r.organisation_id));
    if (page.length < pageSize) return ids;
    after = page[page.length - 1]!.cursor;
  }
};

const listIds = async (actor: Actor, q: OrganisationFilters): Promise<number[]> =>
  (
    await listOrganisations(t.deps.db, scopeOf(actor, 'administration'), q, { offset: 0, limit: 1_000_000 })
  ).rows.map((r) => r.organisation_id);

const sorts = organisationSortKeys.flatMap((k): Array<OrganisationSortKey | `-${OrganisationSortKey}`> => [
  k,
  `-${k}`,
]);

describe('keyset pages', () => {
  it('give every row in scope exactly once, in the list order, ties and empty values included', async () => {
    for (const username of ['demo-city', 'demo-province']) {
      const { actor } = actors.get(username)!;
      for (const sort of sorts) {
        const q = { q: MARK, sort };
        const expected = await listIds(actor, q);
        expect(expected.length, `${username} ${sort}`).toBe(username === 'demo-city' ? 40 : 60);
        for (const size of [1, 3, 1_000])
          expect(await walk(actor, q, size), `${username} ${sort} pages of ${size}`).toEqual(expected);
      }
      // The whole scope, seed included.
      for (const sort of ['name', '-name', '-employees', 'createdAt'] as const) {
        const expected = await listIds(actor, { sort });
        expect(await walk(actor, { sort }, 7), `${username} ${sort} all`).toEqual(expected);
      }
    }
  });

  it('select nothing out of scope, whatever the filters ask', async () => {
    const { actor } = actors.get('demo-city')!;
    const scope = scopeOf(actor, 'administration');
    expect(scope).toEqual({ kind: 'region', prefix: '2201' });
    for (const q of [
      { q: MARK },
      { regionCode: '2202' },
      { regionCode: '22', sort: '-regionCode' as const },
    ]) {
      const rows = await organisationExportPage(t.deps.db, scope, q, null, 100_000);
      expect(
        rows.every((r) => r.region_code.startsWith('2201')),
        JSON.stringify(q),
      ).toBe(true);
      expect(rows.map((r) => r.organisation_id)).toEqual(await listIds(actor, q));
    }
    expect(await organisationExportPage(t.deps.db, scope, { regionCode: '2202' }, null, 10)).toEqual([]);
  });
});

describe('the streamed file', () => {
  const queries = [
    '',
    'kind=employer&sort=-employees',
    'regionCode=2201&sort=creditCode',
    `q=${encodeURIComponent(MARK)}&sort=createdAt`,
  ];
  const filtersOf = (query: string): OrganisationFilters => Object.fromEntries(new URLSearchParams(query));

  it('holds the data the export held before streaming, and a filter sheet (xlsx)', async () => {
    const { actor, ctx } = actors.get('demo-province')!;
    for (const query of queries) {
      const res = await province.get(`/api/v1/organisations/export?${query}`);
      expect(res.status).toBe(200);
      expect(res.raw.headers['content-type']).toContain('spreadsheetml');
      const [data, filter, ...more] = await readXlsx(res.raw.rawPayload);
      const [before] = await readXlsx(
        await legacyExportOrganisations(t.deps.db, ctx, actor, filtersOf(query)),
      );
      expect(data, query).toEqual(before);
      expect(more).toEqual([]);
      expect(filter!.name).toBe('筛选条件');
      const f = filterOf(filter!);
      expect(f.get('导出内容')).toBe('单位列表');
      expect(f.get('导出人')).toBe('demo-province');
      expect(f.get('符合条件的记录数')).toBe(data!.rows.length - 1);
      expect(f.get('导出记录数')).toBe(data!.rows.length - 1);
      expect(f.get('说明')).toBe('已导出全部符合条件的记录，按所选排序排列。');
    }
    const res = await province.get(
      `/api/v1/organisations/export?kind=employer&regionCode=2201&sort=-employees`,
      {
        'accept-language': 'en',
      },
    );
    const f = filterOf((await readXlsx(res.raw.rawPayload))[1]!);
    expect(f.get('Organisation type')).toBe('Employer (employer)');
    expect(f.get('Region')).toBe('长春市 (2201)');
    expect(f.get('Order')).toBe('Staff, descending');
    expect(f.get('Keyword')).toBe('All');
    expect(f.get('Scope')).toBe("Organisations within the exporter's scope");
  });

  it('writes the bytes the export wrote before streaming (csv)', async () => {
    const { actor, ctx } = actors.get('demo-province')!;
    for (const query of queries) {
      const res = await province.get(`/api/v1/organisations/export?${query}${query ? '&' : ''}format=csv`);
      expect(res.status).toBe(200);
      expect(res.raw.headers['content-type']).toBe('text/csv; charset=utf-8');
      const before = await legacyExportOrganisations(t.deps.db, ctx, actor, filtersOf(query), 'csv');
      expect(Buffer.from(res.raw.rawPayload).equals(before), query).toBe(true);
    }
  });

  it('stops at the row cap, says so in the filter sheet, and audits what it planned', async () => {
    const { actor, ctx } = actors.get('demo-city')!;
    const file = await exportOrganisations(t.deps.db, ctx, actor, 'zh-CN', { q: MARK }, 'xlsx', {
      maxRows: 5,
      pageSize: 2,
    });
    const [data, filter] = await readXlsx(await buffer(file.body));
    const names = data!.rows.slice(1).map((r) => r[0]!.value);
    const expected = (await listIds(actor, { q: MARK })).slice(0, 5);
    const stored = await t.deps.db
      .selectFrom('organisation')
      .select(['organisation_id', 'name'])
      .where('organisation_id', 'in', expected)
      .execute();
    expect(names).toEqual(expected.map((id) => stored.find((s) => s.organisation_id === id)!.name));
    const f = filterOf(filter!);
    expect(f.get('符合条件的记录数')).toBe(40);
    expect(f.get('导出记录数')).toBe(5);
    expect(String(f.get('说明'))).toContain('上限 5');
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'organisation.export')
      .orderBy('audit_log_id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry.after).toEqual({
      filters: { q: MARK },
      format: 'xlsx',
      matched: 40,
      rows: 5,
      truncated: true,
    });
    const csv = await exportOrganisations(t.deps.db, ctx, actor, 'zh-CN', { q: MARK }, 'csv', { maxRows: 5 });
    expect(parseCsv((await buffer(csv.body)).toString('utf8').replace(/^\uFEFF/, ''))).toHaveLength(6);
  });
});

describe('a database failure', () => {
  /** Fails the `n`th read of an export page (a select on organisations with a limit). */
  const failingPage = (n: number): KyselyPlugin => {
    let pages = 0;
    return {
      transformQuery: ({ node }) => {
        if (
          node.kind === 'SelectQueryNode' &&
          node.limit &&
          JSON.stringify(node.from).includes('"organisation"')
        )
          if (++pages === n) throw new Error(`page ${n} failed`);
        return node;
      },
      transformResult: async ({ result }) => result,
    };
  };

  it('before the first byte refuses the export (an error answer) and audits nothing', async () => {
    const { actor, ctx } = actors.get('demo-city')!;
    const audits = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'organisation.export')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await audits();
    await expect(
      exportOrganisations(t.deps.db.withPlugin(failingPage(1)), ctx, actor, 'zh-CN', { q: MARK }),
    ).rejects.toThrow('page 1 failed');
    expect(await audits()).toBe(n);
  });

  it('after the first byte ends the stream with the error: the file is cut off, not completed', async () => {
    const { actor, ctx } = actors.get('demo-city')!;
    for (const format of ['xlsx', 'csv'] as const) {
      const file = await exportOrganisations(
        t.deps.db.withPlugin(failingPage(3)),
        ctx,
        actor,
        'zh-CN',
        { q: MARK },
        format,
        { pageSize: 2 },
      );
      await expect(buffer(file.body), format).rejects.toThrow('page 3 failed');
    }
  });
});

describe('on one database connection', () => {
  const ROWS = 25_000;

  it('answers other requests while an export is still reading, through real sockets', async () => {
    // 25,000 organisations of about 1.3 kB each: some 30 MB of CSV, far more than the socket buffers
    // hold, so the export cannot finish while the client does not read.
    await sql`
      INSERT INTO organisation (name, kind, level, region_code, name_sort, address)
      SELECT '导出并发' || i, 'employer', 'county', '220102', 'a' || lpad(i::text, 6, '0'),
             repeat('长春市南关区人民大街示例路', 30) || i
        FROM generate_series(1, ${ROWS}) AS i`.execute(t.deps.db);
    const finished: string[] = [];
    t.app.server.on('request', (req: { url?: string }, res: NodeJS.EventEmitter) =>
      res.on('finish', () => finished.push(String(req.url).split('?')[0]!)),
    );
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const headers = { cookie: `ohp_sid=${province.sessionToken}` };

    const exp = await fetch(
      `${base}/api/v1/organisations/export?q=${encodeURIComponent('导出并发')}&format=csv`,
      {
        headers,
      },
    );
    expect(exp.status).toBe(200);
    const reader = (exp.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [(await reader.read()).value!];

    // The export has begun and waits for the client. Another request is answered meanwhile …
    const me = await fetch(`${base}/api/v1/auth/me`, { headers });
    expect(me.status).toBe(200);
    await me.arrayBuffer();
    // … and so is a write, whose organisation sorts after all the others: it is in the export, so
    // the export read its last page after this request was answered.
    const created = await fetch(`${base}/api/v1/organisations`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': province.csrfToken! },
      body: JSON.stringify({ name: '导出并发中途新增', kind: 'employer', regionCode: '220102' }),
    });
    expect(created.status).toBe(201);
    await created.arrayBuffer();
    expect(finished).toEqual(['/api/v1/auth/me', '/api/v1/organisations']);

    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    const lines = parseCsv(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
    expect(lines).toHaveLength(1 + ROWS + 1);
    expect(lines[1]![0]).toBe('导出并发1');
    expect(lines.at(-1)![0]).toBe('导出并发中途新增');
    expect(new Set(lines.slice(1).map((l) => l[0])).size).toBe(ROWS + 1);
    expect(finished).toEqual(['/api/v1/auth/me', '/api/v1/organisations', '/api/v1/organisations/export']);
  });
});
