/**
 * 历史申报导入 (issue 17 items 5–6): a deterministic malformed corpus of 292 rows (80 good, 212 bad: 15 of
 * each of the 14 failure modes of the columns, and two rows sharing a legacy number) through the job pipeline — the dry run writes nothing; each bad row is
 * reported with its row, column and reason; the good ones land as accepted imported declarations and
 * their unknown employers are created by the employers module; a retry duplicates nothing.
 */
import { declarationImportColumns } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { chinaToday } from '@ohp/reference';
import { demoCreditCode, seedDemoDeclarationImport } from './declarations.demo.js';

let t: TestContext;
const c: Record<string, Client> = {};
let counties: string[] = [];
beforeAll(async () => {
  t = await createTestContext();
  for (const u of ['demo-province', 'demo-county', 'demo-employer']) c[u] = await t.login(u);
  counties = (
    await t.deps.db
      .selectFrom('organisation')
      .select('region_code')
      .where('kind', '=', 'health_commission')
      .where('region_code', 'like', '22____')
      .orderBy('region_code')
      .limit(5)
      .execute()
  ).map((r) => r.region_code);
}, 120_000);
afterAll(async () => t.close());

type Report = {
  batchId: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ row: number; column: string; reason: string }>;
};
const importCsv = (who: string, csv: string, dryRun = false) => {
  const { payload, contentType } = multipartFile(Buffer.from(csv, 'utf8'), 'legacy-declarations.csv');
  return c[who]!.request('POST', `/api/v1/declarations/import${dryRun ? '?dryRun=true' : ''}`, payload, {
    'content-type': contentType,
  });
};

const H = declarationImportColumns;
type Row = Record<(typeof H)[number], string>;
const good = (i: number): Row => ({
  原申报编号: `LEG-${String(i).padStart(4, '0')}`,
  统一社会信用代码: demoCreditCode(counties[i % counties.length]!, 500 + i),
  单位名称: `历史申报演示企业（${i}）有限公司`,
  所在地区编码: counties[i % counties.length]!,
  行业代码: ['3391', '3032', '2614', '0610'][i % 4]!,
  申报类型: ['初次申报', '变更申报', '年度更新', '初次'][i % 4]!,
  申报日期: `2023-${String((i % 12) + 1).padStart(2, '0')}-10`,
  受理日期: `2023/${(i % 12) + 1}/14`,
  在册职工总数: String(50 + i),
  接害总人数: '30',
  粉尘接触人数: '20',
  化学物质接触人数: '5',
  物理因素接触人数: '30',
  放射性物质接触人数: '',
  生物因素接触人数: '0',
  其他因素接触人数: '',
  矽尘: '12',
  煤尘: '',
  石棉: '0',
  铅: '2',
  苯: '',
  噪声: '25',
});

/** Each failure mode: how it breaks a good row, and the column and reason the report must name. */
const MODES: Array<[string, (r: Row) => void, string, string]> = [
  [
    'bad check character',
    (r) =>
      (r.统一社会信用代码 = r.统一社会信用代码.slice(0, 17) + (r.统一社会信用代码.endsWith('A') ? 'B' : 'A')),
    '统一社会信用代码',
    'declaration_credit_code_invalid',
  ],
  ['unknown industry', (r) => (r.行业代码 = '9999'), '行业代码', 'declaration_industry_unknown'],
  ['negative staff', (r) => (r.在册职工总数 = '-5'), '在册职工总数', 'declaration_import_count_negative'],
  ['fractional count', (r) => (r.噪声 = '12.5'), '噪声', 'declaration_import_count_format'],
  [
    'distinct > staff',
    (r) => ((r.在册职工总数 = '20'), (r.接害总人数 = '30')),
    '接害总人数',
    'declaration_exposed_exceeds_staff',
  ],
  [
    'category > distinct',
    (r) => (r.物理因素接触人数 = '31'),
    '物理因素接触人数',
    'declaration_category_exceeds_total',
  ],
  ['sub-factor > category', (r) => (r.矽尘 = '21'), '矽尘', 'declaration_subfactor_exceeds_category'],
  ['bad date', (r) => (r.申报日期 = '2023-02-30'), '申报日期', 'date_format'],
  ['future date', (r) => (r.受理日期 = '2999-01-01'), '受理日期', 'declaration_trigger_date_future'],
  [
    'accepted before submitted',
    (r) => ((r.申报日期 = '2023-05-10'), (r.受理日期 = '2023-05-01')),
    '受理日期',
    'declaration_import_accepted_before_submitted',
  ],
  ['unknown type', (r) => (r.申报类型 = '补充申报'), '申报类型', 'declaration_import_type_unknown'],
  ['unknown region', (r) => (r.所在地区编码 = '229999'), '所在地区编码', 'region_unknown'],
  [
    'region outside the importer',
    (r) => (r.所在地区编码 = '110101'),
    '所在地区编码',
    'declaration_import_region_outside',
  ],
  ['missing name', (r) => (r.单位名称 = ''), '单位名称', 'value_required'],
];

const csvOf = (rows: Row[]) => [H.join(','), ...rows.map((r) => H.map((h) => r[h]).join(','))].join('\n');

describe('历史申报导入: the malformed corpus', () => {
  it('reports every bad row with row, column and reason, lands the good ones, and a retry duplicates nothing', async () => {
    const rows: Row[] = [];
    const expected = new Map<number, string>();
    const goodKeys: string[] = [];
    let n = 0;
    // 80 good rows, 210 bad ones (15 per mode), and duplicate numbers: interleaved (21 bad rows in every
    // 29), deterministic.
    for (let i = 0; i < 290; i++) {
      const r = good(i);
      if (i % 29 < 21) {
        const [, breakIt, column, reason] = MODES[n % MODES.length]!;
        breakIt(r);
        expected.set(i + 2, `${column}:${reason}`);
        n++;
      } else goodKeys.push(r.原申报编号);
      rows.push(r);
    }
    // Two rows with the same number inside the file: both refused.
    const dupA = good(900);
    const dupB = { ...good(901), 原申报编号: dupA.原申报编号 };
    rows.push(dupA, dupB);
    expected.set(rows.length, '原申报编号:declaration_import_duplicate_in_file');
    expected.set(rows.length + 1, '原申报编号:declaration_import_duplicate_in_file');
    expect(n).toBe(15 * MODES.length);
    expect(expected.size).toBeGreaterThanOrEqual(200);
    expect(goodKeys.length).toBe(80);
    const csv = csvOf(rows);

    // A county regulator cannot import (no permission); the province's dry run writes nothing.
    expect((await importCsv('demo-county', csv)).status).toBe(403);
    expect((await importCsv('demo-employer', csv)).status).toBe(403);
    const dry = await importCsv('demo-province', csv, true);
    expect(dry.status, JSON.stringify(dry.body).slice(0, 500)).toBe(200);
    expect(dry.body).toMatchObject({ accepted: 80, rejected: 212 });
    const none = await t.deps.db
      .selectFrom('declaration')
      .select('declaration_id')
      .where('source', '=', 'import')
      .execute();
    expect(none).toEqual([]);

    const res = await importCsv('demo-province', csv);
    expect(res.status).toBe(200);
    const report = res.body as unknown as Report;
    expect(report).toMatchObject({ accepted: 80, rejected: 212 });
    const byRow = new Map<number, string[]>();
    for (const e of report.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${e.column}:${e.reason}`]);
    for (const [row, want] of expected) expect(byRow.get(row), `row ${row}`).toEqual([want]);
    expect(byRow.size).toBe(expected.size);

    const landed = await t.deps.db
      .selectFrom('declaration as d')
      .innerJoin('organisation as o', 'o.organisation_id', 'd.employer_id')
      .select([
        'd.import_key',
        'd.status',
        'd.declaration_type',
        'd.employees',
        'd.exposed_distinct',
        'o.kind',
        'd.form',
      ])
      .where('d.source', '=', 'import')
      .orderBy('d.import_key')
      .execute();
    expect(landed.map((d) => d.import_key)).toEqual([...goodKeys].sort());
    expect(
      landed.every((d) => d.status === 'accepted' && d.kind === 'employer' && d.exposed_distinct === 30),
    ).toBe(true);
    expect(landed.find((d) => d.import_key === 'LEG-0023')?.declaration_type).toBe('initial');
    // Its detail shows the figures it was imported with (no workplace rows to sum, no cross-check).
    const one = await t.deps.db
      .selectFrom('declaration')
      .select('declaration_id')
      .where('import_key', '=', 'LEG-0023')
      .executeTakeFirstOrThrow();
    const shown = (await c['demo-province']!.get(`/api/v1/declarations/${one.declaration_id}`)).body as {
      totals: {
        employees: number;
        exposedDistinct: number;
        keyFactors: Record<string, number>;
        categories: Record<string, { exposed: number }>;
      };
      issues: unknown[];
    };
    expect(shown.totals.employees).toBe(50 + 23);
    expect(shown.totals.exposedDistinct).toBe(30);
    expect(shown.totals.categories.physical?.exposed).toBe(30);
    expect(Object.values(shown.totals.keyFactors).reduce((a, b) => a + b, 0)).toBe(12 + 2 + 25);
    expect(shown.issues).toEqual([]);
    // The employers were created through the employers module, with their profile (source 'import').
    const profiles = await t.deps.db
      .selectFrom('employer_profile as p')
      .innerJoin('organisation as o', 'o.organisation_id', 'p.organisation_id')
      .select(['p.source'])
      .where('o.name', 'like', '历史申报演示企业%')
      .execute();
    expect(profiles.length).toBe(80);
    expect(profiles.every((p) => p.source === 'import')).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'declaration.import')
      .execute();
    expect(audit.length).toBe(1);
    const errors = await c['demo-province']!.get(`/api/v1/declarations/import/${report.batchId}/errors`);
    expect(errors.status).toBe(200);

    // Retried: the same file is the same batch; the good rows in a new file change nothing.
    const same = (await importCsv('demo-province', csv)).body as unknown as Report;
    expect(same.batchId).toBe(report.batchId);
    const goodOnly = csvOf(rows.filter((r) => goodKeys.includes(r.原申报编号)));
    const again = (await importCsv('demo-province', goodOnly)).body as unknown as Report;
    expect(again.batchId).not.toBe(report.batchId);
    expect(again).toMatchObject({ accepted: 0, unchanged: 80, rejected: 0 });
    const count = await t.deps.db
      .selectFrom('declaration')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', 'import')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(80);
  });

  it('leaves each employer its next 年度更新 clock from its newest declaration, none after a 注销', async () => {
    const base = good(900);
    const county = counties[0]!;
    const a = demoCreditCode(county, 910);
    const b = demoCreditCode(county, 911);
    const row = (key: string, code: string, type: string, submitted: string, accepted: string): Row => ({
      ...base,
      原申报编号: key,
      统一社会信用代码: code,
      单位名称: `历史申报时钟企业${code.slice(-4)}有限公司`,
      所在地区编码: county,
      申报类型: type,
      申报日期: submitted,
      受理日期: accepted,
    });
    const report = (
      await importCsv(
        'demo-province',
        csvOf([
          row('CLK-A1', a, '初次申报', '2024-03-01', '2024-03-05'),
          row('CLK-A2', a, '年度更新', '2025-03-08', '2025-03-10'),
          row('CLK-B1', b, '初次申报', '2024-06-01', '2024-06-03'),
          row('CLK-B2', b, '注销申报', '2025-01-02', '2025-01-06'),
        ]),
      )
    ).body as unknown as Report;
    expect(report).toMatchObject({ accepted: 4, rejected: 0 });
    const clocks = await t.deps.db
      .selectFrom('deadline as k')
      .innerJoin('declaration as d', 'd.declaration_id', 'k.subject_id')
      .select(['d.import_key', 'k.starts_on', 'k.due_on', 'k.done_at'])
      .where('k.kind', '=', 'declaration_annual')
      .where('k.subject_type', '=', 'declaration')
      .where('d.import_key', 'like', 'CLK-%')
      .execute();
    const day = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
    // A's newest (accepted 2025-03-10): the window opens 11 months and a day after, closes at 13 months.
    expect(clocks.map((k) => [k.import_key, day(k.starts_on), day(k.due_on), k.done_at])).toEqual([
      ['CLK-A2', '2026-02-11', '2026-04-10', null],
    ]);
    // Imported again: still one clock, nothing reopened.
    const again = (
      await importCsv('demo-province', csvOf([row('CLK-A1', a, '初次申报', '2024-03-01', '2024-03-05')]))
    ).body as unknown as Report;
    expect(again).toMatchObject({ unchanged: 1 });
    const after = await t.deps.db
      .selectFrom('deadline')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'declaration_annual')
      .where(
        'subject_id',
        'in',
        t.deps.db.selectFrom('declaration').select('declaration_id').where('import_key', 'like', 'CLK-%'),
      )
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(1);
    // A newer one in a later import: its clock opens, the one before closes.
    const later = (
      await importCsv('demo-province', csvOf([row('CLK-A3', a, '变更申报', '2025-09-01', '2025-09-03')]))
    ).body as unknown as Report;
    expect(later).toMatchObject({ accepted: 1 });
    const now = await t.deps.db
      .selectFrom('deadline as k')
      .innerJoin('declaration as d', 'd.declaration_id', 'k.subject_id')
      .select(['d.import_key', 'k.due_on', 'k.done_at'])
      .where('k.kind', '=', 'declaration_annual')
      .where('d.import_key', 'like', 'CLK-%')
      .orderBy('d.import_key')
      .execute();
    expect(now.map((k) => [k.import_key, day(k.due_on), k.done_at !== null])).toEqual([
      ['CLK-A2', '2026-04-10', true],
      ['CLK-A3', '2026-10-03', false],
    ]);
  });

  it('the template downloads', async () => {
    const tpl = await c['demo-province']!.get('/api/v1/declarations/import/template');
    expect(tpl.status).toBe(200);
    expect(tpl.raw.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('历史申报导入: the demo batch', () => {
  it('runs as the province through the import job: a finished batch, rows accepted and refused, the error workbook', async () => {
    const line = await seedDemoDeclarationImport(t.deps, chinaToday());
    expect(line).toMatch(/17 accepted, 4 rejected/);
    // In the province's import history (导入任务), finished, with the refused rows' reasons.
    const mine = (await c['demo-province']!.get('/api/v1/imports')).body as unknown as {
      data: Array<{
        batchId: number;
        kind: string;
        status: string;
        fileName: string;
        report: Report & { total: number };
      }>;
    };
    const batch = mine.data.find((b) => b.kind === 'declaration' && b.fileName.startsWith('原申报系统'))!;
    expect(batch).toMatchObject({ status: 'done', report: { total: 21, accepted: 17, rejected: 4 } });
    expect(batch.report.errors.map((e) => `${e.column}:${e.reason}`).sort()).toEqual(
      [
        '统一社会信用代码:declaration_credit_code_invalid',
        '接害总人数:declaration_exposed_exceeds_staff',
        '行业代码:declaration_industry_unknown',
        '受理日期:declaration_import_accepted_before_submitted',
      ].sort(),
    );
    const errors = await c['demo-province']!.get(`/api/v1/declarations/import/${batch.batchId}/errors`);
    expect(errors.status).toBe(200);
    expect(errors.raw.headers['content-type']).toContain('spreadsheetml');
    // Landed as accepted imported declarations (初次, 年度更新, 变更), one audit entry for the batch.
    const landed = await t.deps.db
      .selectFrom('declaration')
      .select(['declaration_type', 'status'])
      .where('import_key', 'like', 'JL-SB-%')
      .execute();
    expect(landed).toHaveLength(17);
    expect(landed.every((d) => d.status === 'accepted')).toBe(true);
    expect(new Set(landed.map((d) => d.declaration_type))).toEqual(new Set(['initial', 'annual', 'change']));
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'declaration.import')
      .where('entity_id', '=', String(batch.batchId))
      .execute();
    expect(audits).toHaveLength(1);
    // Seeded once: a second start finds the batch in.
    expect(await seedDemoDeclarationImport(t.deps, chinaToday())).toBeNull();
  });
});
