/**
 * Organisation import and export against a real database (PGlite, or PostgreSQL with
 * OHP_TEST_DB=postgresql): upload limits, natural keys under concurrency, GB18030, and formula-like
 * text in exports (issue 11, items 3, 4 and 9).
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '@ohp/reference';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../demo/seed.js';
import { normaliseText } from '../../platform/imports/sheet.js';
import { migrationsDir } from '../../platform/migrate.js';
import {
  createTestContext,
  testDbKind,
  type Client,
  type TestContext,
  multipartFile,
} from '../../../test/helpers.js';

const MAX_ROWS = 200;
const MAX_CELLS = 5_000;

let t: TestContext;
let province: Client;
let sysadmin: Client;
beforeAll(async () => {
  t = await createTestContext({
    env: { OHP_IMPORT_MAX_ROWS: String(MAX_ROWS), OHP_IMPORT_MAX_CELLS: String(MAX_CELLS) },
  });
  province = await t.login('demo-province');
  sysadmin = await t.login('demo-sysadmin');
});
afterAll(async () => t.close());

const HEADERS = ['单位名称', '单位类型', '行政区划代码', '统一社会信用代码', '是否公立', '联系电话'];

const workbook = async (rows: Array<Array<string | number>>, headers = HEADERS): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

type Report = {
  batchId: number;
  total: number;
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ row: number; column: string; reason: string; message: string }>;
};

const upload = (c: Client, buf: Buffer, name: string, lang = 'zh-CN') => {
  const { payload, contentType } = multipartFile(buf, name);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/organisations/import',
    payload,
    headers: {
      'content-type': contentType,
      'x-csrf-token': c.csrfToken!,
      'accept-language': lang,
    },
    cookies: { ohp_sid: c.sessionToken! },
  });
};

const count = async (nameLike: string) =>
  Number(
    (
      await t.deps.db
        .selectFrom('organisation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('name', 'like', nameLike)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('upload limits (item 3)', () => {
  it(`refuses a file with more than OHP_IMPORT_MAX_ROWS = ${MAX_ROWS} data rows with a 400 on the file, writing nothing`, async () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => [
      `超限单位${i}`,
      '用人单位',
      '220102',
      '',
      '否',
      '',
    ]);
    for (const [lang, limit] of [
      ['zh-CN', '上限 200'],
      ['en', 'limit 200'],
    ] as const) {
      const res = await upload(province, await workbook(rows), 'rows.xlsx', lang);
      expect(res.statusCode).toBe(400);
      const body = res.json<{
        error: { reason: string; details: Array<{ path: string; reason: string; message: string }> };
      }>();
      expect(body.error.reason).toBe('import_too_many_rows');
      expect(body.error.details).toEqual([
        { path: 'file', reason: 'import_too_many_rows', message: expect.stringContaining(limit) as string },
      ]);
    }
    expect(await count('超限单位%')).toBe(0);
    // Exactly the limit is accepted.
    const ok = await upload(province, await workbook(rows.slice(0, MAX_ROWS)), 'rows-ok.xlsx');
    expect(ok.json()).toMatchObject({ total: MAX_ROWS, accepted: MAX_ROWS });
  });

  it(`refuses a file with more than OHP_IMPORT_MAX_CELLS = ${MAX_CELLS} cells`, async () => {
    const headers = [...HEADERS, ...Array.from({ length: 94 }, (_, i) => `备注${i}`)];
    const rows = Array.from({ length: 60 }, (_, i) => [
      `宽表单位${i}`,
      '用人单位',
      '220102',
      '',
      '否',
      '',
      ...Array.from({ length: 94 }, () => 'x'),
    ]);
    const res = await upload(province, await workbook(rows, headers), 'wide.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { reason: 'import_too_many_cells' } });
    expect(await count('宽表单位%')).toBe(0);
  });
});

describe('employers in an import', () => {
  it('get their base record (profile, risk class, first version) in the chunk that writes them', async () => {
    const rows = [
      ['导入即建档单位甲', '用人单位', '220102', '', '否', ''],
      ['导入即建档单位乙', '用人单位', '220102', '', '否', ''],
      ['导入即建档服务机构', '职业卫生技术服务机构', '220102', '', '否', ''],
    ];
    const res = await upload(province, await workbook(rows), 'employers.xlsx');
    expect(res.json()).toMatchObject({ total: 3, accepted: 3 });
    const profiles = await t.deps.db
      .selectFrom('organisation as o')
      .leftJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
      .select(['o.name', 'o.kind', 'p.risk_class'])
      .select((eb) =>
        eb
          .selectFrom('employer_version as v')
          .whereRef('v.organisation_id', '=', 'o.organisation_id')
          .select((v) => v.fn.countAll<number>().as('n'))
          .as('versions'),
      )
      .where('o.name', 'like', '导入即建档%')
      .execute();
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
    expect(profiles.sort(byName).map((p) => [p.name, p.kind, p.risk_class, Number(p.versions)])).toEqual([
      ['导入即建档单位乙', 'employer', '待评价', 1],
      ['导入即建档单位甲', 'employer', '待评价', 1],
      ['导入即建档服务机构', 'service_institution', null, 0],
    ]);
  });

  it('an employer the file updates: risk class from its new industry, a new version naming the import', async () => {
    const headers = ['单位名称', '单位类型', '行政区划代码', '统一社会信用代码', '行业代码'];
    const code = makeCreditCode('220102', 77_200_001);
    const first = await upload(
      province,
      await workbook([['导入改行业单位', '用人单位', '220102', code, '7211']], headers),
      'industry-1.xlsx',
    );
    expect(first.json()).toMatchObject({ total: 1, accepted: 1 });
    const second = await upload(
      province,
      await workbook([['导入改行业单位', '用人单位', '220102', code, '0610']], headers),
      'industry-2.xlsx',
    );
    expect(second.json()).toMatchObject({ total: 1, accepted: 0, updated: 1 });
    const rows = await t.deps.db
      .selectFrom('organisation as o')
      .innerJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
      .innerJoin('employer_version as v', 'v.organisation_id', 'o.organisation_id')
      .select(['p.risk_class', 'p.version as current', 'v.version', 'v.reason'])
      .where('o.credit_code', '=', code)
      .orderBy('v.version')
      .execute();
    expect(rows.map((r) => [r.version, r.reason])).toEqual([
      [1, null],
      [2, 'organisations:import'],
    ]);
    expect(rows[0]).toMatchObject({ risk_class: '严重', current: 2 });
  });
});

describe('fields that decide scope (item 1 rule, applied to imports)', () => {
  it('refuses creating a QC centre or changing its own organisation kind through an import, row by row', async () => {
    const own = await t.deps.db
      .selectFrom('organisation as o')
      .innerJoin('app_user as u', 'u.organisation_id', 'o.organisation_id')
      .select(['o.name', 'o.region_code', 'o.credit_code', 'o.kind'])
      .where('u.username', '=', 'demo-province')
      .executeTakeFirstOrThrow();
    const res = await upload(
      province,
      await workbook([
        ['导入的质控中心', 'qc_centre', '2201', '', '否', ''],
        [own.name, 'employer', own.region_code, own.credit_code ?? '', '否', ''],
        ['导入规则之外的普通单位', '用人单位', '220102', '', '否', ''],
      ]),
      'scope.xlsx',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 1,
      rejected: 2,
      errors: [
        { row: 2, column: '单位类型', reason: 'kind_reserved' },
        { row: 3, column: '单位类型', reason: 'own_organisation_field' },
      ],
    });
    expect(await count('导入的质控中心')).toBe(0);
    const after = await t.deps.db
      .selectFrom('organisation')
      .select('kind')
      .where('name', '=', own.name)
      .executeTakeFirstOrThrow();
    expect(after.kind).toBe(own.kind);
  });
});

describe('natural keys (item 4)', () => {
  it('keeps organisation_name_key in SQL equal to the reader normalisation', async () => {
    const fixed = [
      '  ＡＢＣ　化工　 有限公司  ',
      'a\t\n\u00a0b',
      'x\u2003y\u3000z\u205f',
      '\ufeff名称\u2028',
      '＇引号＇＼反斜杠',
      '\u200b零宽\u0085',
      'tab\u000bv\u000cf\rr',
    ];
    const key = async (s: string) =>
      (await sql<{ k: string }>`SELECT organisation_name_key(${s}) AS k`.execute(t.deps.db)).rows[0]!.k;
    for (const s of fixed) expect(await key(s), JSON.stringify(s)).toBe(normaliseText(s));
    const ch = fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\u3000',
      '\u00a0',
      '\u2009',
      'Ａ',
      'ｚ',
      '１',
      '（',
      '）',
      '单',
      'a',
      '-',
      '\u200b',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(ch, { maxLength: 12 }), async (cs) => {
        const s = cs.join('');
        expect(await key(s)).toBe(normaliseText(s));
      }),
      { numRuns: 100 },
    );
  });

  it('creates no duplicate when 10 overlapping imports by two administrators run at once', async () => {
    // 40 rows without a credit code (matched by name + region) and 20 with one, in 10 overlapping,
    // differently ordered files; half uploaded by the provincial regulator admin, half by the system admin.
    const all: string[][] = [
      ...Array.from({ length: 40 }, (_, i) => [
        `并发导入单位${i}`,
        '用人单位',
        i % 2 ? '220102' : '220103',
        '',
        '否',
        '',
      ]),
      ...Array.from({ length: 20 }, (_, i) => [
        `并发导入有代码单位${i}`,
        '用人单位',
        '220102',
        makeCreditCode('220102', 66_000_000 + i),
        '否',
        '',
      ]),
    ];
    // Full-width digits and surrounding spaces in some files: the same key after normalisation.
    const fullWidth = (d: string) =>
      [...d].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const variant = (r: string[], k: number) =>
      k % 2 ? [`  ${r[0]!.replace(/\d+$/, fullWidth)}\u3000`, ...r.slice(1)] : r;
    const files = await Promise.all(
      Array.from({ length: 10 }, (_, k) => {
        const rows = Array.from(
          { length: 36 },
          (_, j) => all[(k * 6 + j * (k % 3 === 0 ? 1 : 7)) % all.length]!,
        );
        return workbook((k % 2 ? rows.reverse() : rows).map((r) => variant(r, k)));
      }),
    );
    const results = await Promise.all(
      files.map((f, k) => upload(k % 2 ? sysadmin : province, f, `c${k}.xlsx`)),
    );
    // (Imported names are stored normalised, so the name is the key.)
    const keys = await t.deps.db
      .selectFrom('organisation')
      .select(['name', 'region_code', 'credit_code'])
      .where('name', 'like', '并发导入%')
      .where('status', '=', 'active')
      .execute();
    const distinct = new Set(keys.map((k) => `${k.credit_code ?? ''}|${k.name}|${k.region_code}`));
    const imported = new Set(
      files.flatMap((_, k) =>
        Array.from({ length: 36 }, (_, j) => (k * 6 + j * (k % 3 === 0 ? 1 : 7)) % all.length),
      ),
    );
    expect(keys.length - distinct.size, 'duplicated organisations').toBe(0);
    expect(keys).toHaveLength(imported.size);
    // Every upload succeeded (no 409 naming a constraint, no deadlock 500) and counted every row once.
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
    const reports = results.map((r) => r.json<Report>());
    for (const r of reports) {
      expect(r.rejected).toBe(0);
      expect(r.accepted + r.updated + r.unchanged).toBe(r.total);
    }
    expect(reports.reduce((n, r) => n + r.accepted, 0)).toBe(imported.size);
  });

  it.runIf(testDbKind() === 'postgresql')(
    'yields to a key another transaction inserts while the import runs, and updates that row',
    async () => {
      // Another writer (a create) inserts a key the import is about to insert, and commits only
      // once the import's INSERT … ON CONFLICT waits for it.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const holding = new Promise<void>((r) => (started = r));
      const other = t.deps.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO organisation (name, kind, level, region_code)
                  VALUES ('抢先插入单位', 'employer', 'county', '220102')`.execute(trx);
        started();
        await gate;
      });
      await holding;
      const file = await workbook([
        ['抢先插入单位', '用人单位', '220102', '', '否', '0431-9'],
        ['抢先插入之外的单位', '用人单位', '220102', '', '否', ''],
      ]);
      const importing = upload(province, file, 'race.xlsx');
      const waiting = async () =>
        Number(
          (
            await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
                                      WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(
              t.deps.db,
            )
          ).rows[0]!.n,
        );
      for (let i = 0; i < 200 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await waiting()).toBeGreaterThan(0);
      release();
      await other;
      const res = await importing;
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ accepted: 1, updated: 1, unchanged: 0, rejected: 0 });
      expect(await count('抢先插入单位')).toBe(1);
    },
  );

  it('answers 10 concurrent uploads of the same file by the same user with the first report', async () => {
    const file = await workbook(
      Array.from({ length: 30 }, (_, i) => [`同文件并发单位${i}`, '用人单位', '220102', '', '否', '']),
    );
    const results = await Promise.all(Array.from({ length: 10 }, () => upload(province, file, 'same.xlsx')));
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
    const reports = results.map((r) => r.json<Report>());
    expect(new Set(reports.map((r) => r.batchId)).size).toBe(1);
    expect(reports[0]).toMatchObject({ accepted: 30, rejected: 0 });
    expect(await count('同文件并发单位%')).toBe(30);
  });

  it('refuses a second organisation with the same normalised name and region with 409 on the name, also when 10 are created at once', async () => {
    const base = { kind: 'employer', regionCode: '220104', isPublic: false };
    const first = await province.post('/api/v1/organisations', { ...base, name: 'AB 名称键测试有限公司' });
    expect(first.status).toBe(201);
    const again = await province.post('/api/v1/organisations', {
      ...base,
      name: ' ＡＢ　 名称键测试有限公司 ',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: { code: 'conflict', reason: 'duplicate', details: [{ path: 'name', reason: 'duplicate' }] },
    });
    // Another region, or a credit code, is another organisation.
    expect(
      (
        await province.post('/api/v1/organisations', {
          ...base,
          regionCode: '220105',
          name: 'AB 名称键测试有限公司',
        })
      ).status,
    ).toBe(201);

    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        province.post('/api/v1/organisations', { ...base, name: '同时新建测试单位' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array.from({ length: 9 }, () => 409)]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ error: { details: [{ path: 'name', reason: 'duplicate' }] } });
    expect(await count('同时新建测试单位')).toBe(1);
  });

  it('migrates a database that already holds duplicates: the oldest keeps the key, nothing is lost', async () => {
    const db = t.deps.db;
    // Back to the schema before 0003, with the duplicates the old import could create.
    await t.deps.database.execScript(`
      DROP INDEX organisation_name_key_key;
      ALTER TABLE organisation DROP COLUMN duplicate_of, DROP COLUMN name_key;
      DROP FUNCTION organisation_name_key(text);`);
    const ids: number[] = [];
    for (const name of ['迁移重复单位', '迁移重复单位', '迁移重复单位', '迁移重复单位２']) {
      const r = await sql<{ organisation_id: number }>`
        INSERT INTO organisation (name, kind, level, region_code) VALUES (${name}, 'employer', 'county', '220102')
        RETURNING organisation_id`.execute(db);
      ids.push(r.rows[0]!.organisation_id);
    }
    const body = readFileSync(`${migrationsDir()}/0003_import_keys.sql`, 'utf8');
    await t.deps.database.execScript(`BEGIN;\n${body}\nCOMMIT;`);
    const rows = await db
      .selectFrom('organisation')
      .select(['organisation_id', 'duplicate_of', 'name_key'])
      .where('organisation_id', 'in', ids)
      .orderBy('organisation_id')
      .execute();
    expect(rows.map((r) => r.duplicate_of)).toEqual([null, ids[0], ids[0], null]);
    expect(rows[3]!.name_key).toBe('迁移重复单位2');
    // The key is enforced from now on, and an import updates the kept row instead of adding one.
    const res = await upload(
      province,
      await workbook([['迁移重复单位', '用人单位', '220102', '', '否', '0431-1']]),
      'm.xlsx',
    );
    expect(res.json()).toMatchObject({ accepted: 0, updated: 1 });
    expect(await count('迁移重复单位')).toBe(3);
    const kept = await db
      .selectFrom('organisation')
      .select('contact_phone')
      .where('organisation_id', '=', ids[0]!)
      .executeTakeFirstOrThrow();
    expect(kept.contact_phone).toBe('0431-1');
    const dup = await province.post('/api/v1/organisations', {
      name: '迁移重复单位',
      kind: 'employer',
      regionCode: '220102',
    });
    expect(dup.status).toBe(409);
  });
});

/** GB18030 bytes: one- and two-byte characters from the decoder's own table, four-byte ones computed. */
const encodeGb18030 = (text: string): Buffer => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp >= 0x10000) {
      // Supplementary planes: four bytes from 0x90308130 on (GB 18030-2005, 6.3.3).
      let l = cp - 0x10000;
      const b1 = 0x90 + Math.floor(l / 12600);
      l %= 12600;
      const b2 = 0x30 + Math.floor(l / 1260);
      l %= 1260;
      bytes.push(b1, b2, 0x81 + Math.floor(l / 10), 0x30 + (l % 10));
    } else bytes.push(...table.get(ch)!);
  }
  return Buffer.from(bytes);
};

describe('import text (item 9)', () => {
  it('decodes GB18030 four-byte characters and refuses the row whose bytes do not decode, with its row and column', async () => {
    const head = encodeGb18030('单位名称,单位类型,行政区划代码,地址\r\n');
    const good = encodeGb18030('吉林𠀀化工有限公司,用人单位,220102,长春市𬌗路1号\r\n');
    expect(new TextDecoder('gb18030').decode(good)).toContain('𠀀');
    const bad = Buffer.concat([
      encodeGb18030('坏字节单位'),
      Buffer.from([0xff]),
      encodeGb18030(',用人单位,220102,地址\r\n'),
    ]);
    const other = encodeGb18030('另一个正常单位,用人单位,220102,\r\n');
    const res = await upload(province, Buffer.concat([head, good, bad, other]), 'gb.csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 3,
      accepted: 2,
      rejected: 1,
      errors: [{ row: 3, column: '单位名称', reason: 'text_undecodable' }],
    });
    const stored = await t.deps.db
      .selectFrom('organisation')
      .select(['name', 'address'])
      .where('name', 'like', '吉林%化工有限公司')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: '吉林𠀀化工有限公司', address: '长春市𬌗路1号' });
    expect(await count('%\uFFFD%')).toBe(0);
  });
});

describe('export text (item 9)', () => {
  const typed = {
    name: '=HYPERLINK("http://evil.example","点我")',
    address: '+86 431 8888 0000',
    contactName: '@SUM(A1)',
    contactPhone: '-2+3',
  };

  it('neutralises formula-like text in xlsx and csv exports, keeps it as typed in the database, and imports back unchanged', async () => {
    const created = await province.post('/api/v1/organisations', {
      ...typed,
      kind: 'employer',
      regionCode: '220102',
    });
    expect(created.status).toBe(201);
    const stored = await t.deps.db
      .selectFrom('organisation')
      .select(['name', 'address', 'contact_name', 'contact_phone'])
      .where('organisation_id', '=', created.body.id as number)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      name: typed.name,
      address: typed.address,
      contact_name: typed.contactName,
      contact_phone: typed.contactPhone,
    });

    const q = `q=${encodeURIComponent('HYPERLINK')}`;
    const xlsx = await province.get(`/api/v1/organisations/export?${q}`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const row = ws.getRow(2);
    const cell = (h: string) => row.getCell(header.indexOf(h) + 1);
    for (const [h, v] of [
      ['单位名称', typed.name],
      ['地址', typed.address],
      ['联系人', typed.contactName],
      ['联系电话', typed.contactPhone],
    ] as const) {
      expect(cell(h).type).toBe(ExcelJS.ValueType.String);
      expect(cell(h).value).toBe(`'${v}`);
    }

    const csv = await province.get(`/api/v1/organisations/export?${q}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.raw.headers['content-type']).toContain('text/csv');
    const lines = parseCsv(csv.raw.body.replace(/^\uFEFF/, ''));
    const csvHeader = lines[0]!;
    expect(lines).toHaveLength(2);
    expect(lines[1]![csvHeader.indexOf('单位名称')]).toBe(`'${typed.name}`);
    expect(lines[1]![csvHeader.indexOf('联系电话')]).toBe(`'${typed.contactPhone}`);

    // The exported workbook imports back to the values as typed: nothing changes.
    const back = await upload(province, Buffer.from(xlsx.raw.rawPayload), 'export.xlsx');
    expect(back.json()).toMatchObject({ total: 1, accepted: 0, updated: 0, unchanged: 1, rejected: 0 });
  });

  it('neutralises the rejected rows workbook too', async () => {
    const res = await upload(
      province,
      Buffer.from('单位名称,单位类型,行政区划代码\r\n"=cmd|\' /C calc\'!A0",不存在的类型,220102\r\n'),
      'inj.csv',
    );
    const report = res.json<Report & { errorFileId: string }>();
    expect(report.rejected).toBe(1);
    const errors = await province.get(`/api/v1/organisations/import/${report.errorFileId}/errors`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe("'=cmd|' /C calc'!A0");
  });
});

describe('bounds and renames', () => {
  it('refuses a number beyond the column with the row and column named, taking the other rows', async () => {
    const res = await upload(
      province,
      Buffer.from(
        '单位名称,单位类型,行政区划代码,营业收入(万元),从业人员数\r\n超大营收单位,用人单位,220102,1e20,5\r\n正常营收单位,用人单位,220102,100,5\r\n',
      ),
      'bounds.csv',
    );
    expect(res.statusCode).toBe(200);
    const report = res.json<Report>();
    expect(report).toMatchObject({ total: 2, accepted: 1, rejected: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, column: '营业收入(万元)', reason: 'number_invalid' }),
    ]);
    expect(await count('超大营收单位')).toBe(0);
  });

  it('answers a rename onto a taken name + region with 409 on the name field', async () => {
    const a = await province.post('/api/v1/organisations', {
      name: '改名测试甲',
      kind: 'employer',
      regionCode: '220102',
    });
    const b = await province.post('/api/v1/organisations', {
      name: '改名测试乙',
      kind: 'employer',
      regionCode: '220102',
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    const res = await province.patch(`/api/v1/organisations/${String(b.body.id)}`, { name: '改名测试甲' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ details: [{ path: 'name', reason: 'duplicate' }] });
  });
});

it('runs on the database the suite was asked for', () => {
  expect(t.deps.database.kind).toBe(testDbKind());
});
