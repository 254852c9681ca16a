/**
 * 指标与驾驶舱 (issue 18 item 1) against a real database: every indicator has a source for its target
 * or says it has none; the reporting indicators of a county the demo leaves empty (白城市洮北区) against
 * a hand-computed fixture; zero denominators answer "nothing due", never 0 % or 100 %; small counts are
 * hidden at county level; the scope (a county regulator sees its own county only, a sibling county is
 * 404); the export; and the demo province's dashboard shows figures.
 */
import type {
  IndicatorCatalogue,
  IndicatorOverview,
  IndicatorPanel,
  IndicatorReport,
  IndicatorTodos,
} from '@ohp/contracts';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { chinaToday } from '@ohp/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDiagnosisReport,
  buildOrganisation,
  buildStoredCard,
  buildWorker,
} from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { computedIndicators } from './index.js';

let t: TestContext;
let province: Client;
let county: Client;

const FIXTURE = '220802'; // 洮北区, 白城市: no demo data
const panel = (o: IndicatorOverview, code: string): IndicatorPanel => {
  const p = o.panels.find((x) => x.code === code);
  if (!p) throw new Error(`no panel ${code}`);
  return p;
};
const overviewOf = async (c: Client, query: string) => {
  const res = await c.get(`/api/v1/indicators/overview?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as IndicatorOverview;
};

beforeAll(async () => {
  t = await createTestContext();
  province = await t.login('demo-province');
  county = await t.login('demo-county');
});
afterAll(() => t.close());

describe('the catalogue', () => {
  it('lists every indicator with its sources; computed ones have a computer, the others a caveat', async () => {
    const res = await province.get('/api/v1/indicators/catalogue');
    expect(res.status).toBe(200);
    const c = res.body as unknown as IndicatorCatalogue;
    const codes = c.definitions.map((d) => d.code);
    for (const code of computedIndicators) expect(codes).toContain(code);
    for (const d of c.definitions) {
      if (d.dataStatus !== 'data') expect(d.caveat?.zh.length, d.code).toBeGreaterThan(0);
      if (d.dataStatus === 'no_data') expect(computedIndicators).not.toContain(d.code);
      for (const target of d.targets) {
        expect(target.document.zh.length, d.code).toBeGreaterThan(4);
        expect(target.quote.length, d.code).toBeGreaterThan(4);
      }
    }
    // The seeds state no target for these: none is invented.
    for (const code of [
      'exam_card_timeliness',
      'diagnosis_report_timeliness',
      'suspected_to_diagnosis',
      'exam_coverage_exposed',
    ])
      expect(c.definitions.find((d) => d.code === code)!.targets).toEqual([]);
    // The report-rate target of seed 002 quotes its sentence.
    const rate = c.definitions.find((d) => d.code === 'exam_card_report_rate')!;
    expect(rate.targets[0]).toMatchObject({ provinceCode: '23', value: 95, comparator: 'ge' });
    expect(rate.targets[0]!.quote).toContain('个案信息报告率');
  });

  it('links every figure to a page the web app has (its route in router.tsx)', async () => {
    const router = readFileSync(new URL('../../../../web/src/app/router.tsx', import.meta.url), 'utf8');
    const routes = new Set([...router.matchAll(/path="([^"]+)"/g)].map((m) => m[1]));
    expect(routes.size).toBeGreaterThan(20);
    const c = (await province.get('/api/v1/indicators/catalogue')).body as unknown as IndicatorCatalogue;
    const paths = c.definitions.flatMap((d) => (d.listPath ? [[d.code, d.listPath.split('?')[0]!]] : []));
    expect(paths.length).toBeGreaterThan(10);
    for (const [code, path] of paths) expect(routes.has(path), `${code}: ${path}`).toBe(true);
  });
});

describe('the reporting indicators of a county, by hand', () => {
  let before: IndicatorOverview;
  beforeAll(async () => {
    before = await overviewOf(province, `region=${FIXTURE}&period=2026`);
    const exam = await buildOrganisation(t.deps, {
      kind: 'exam_institution',
      regionCode: '220801',
      name: '白城体检测试',
    });
    // 7 cards of 2026: 6 reported on time (arrived ≤ 15 days after the report date), 1 late; 1 card of 2025.
    const cards: Array<{ exam: string; report: string; arrived: string }> = [
      { exam: '2026-03-02', report: '2026-03-05', arrived: '2026-03-06' },
      { exam: '2026-03-10', report: '2026-03-12', arrived: '2026-03-27' },
      { exam: '2026-04-01', report: '2026-04-03', arrived: '2026-04-03' },
      { exam: '2026-04-20', report: '2026-04-21', arrived: '2026-05-30' },
      { exam: '2026-06-11', report: '2026-06-12', arrived: '2026-06-13' },
      { exam: '2026-06-12', report: '2026-06-12', arrived: '2026-06-14' },
      { exam: '2026-09-30', report: '2026-10-02', arrived: '2026-10-02' },
      { exam: '2025-12-30', report: '2026-01-02', arrived: '2026-01-03' },
    ];
    const ids: number[] = [];
    for (const c of cards) {
      const id = await buildStoredCard(t.deps, {
        institutionId: exam,
        regionCode: FIXTURE,
        worker: buildWorker(),
      });
      await sql`UPDATE exam_card SET exam_date = ${c.exam}::date, report_date = ${c.report}::date,
                created_at = (${c.arrived}::date + time '10:00') AT TIME ZONE 'Asia/Shanghai'
                WHERE exam_card_id = ${id}`.execute(t.deps.db);
      ids.push(id);
    }
    // Each example card carries a suspected finding (a suspected case is opened with it): keep three,
    // found in 2026 — one diagnosed, one open, one withdrawn — and drop the others.
    await sql`DELETE FROM suspected_case WHERE exam_card_id = ANY(${ids.slice(3)})`.execute(t.deps.db);
    for (const [i, status] of (['diagnosed', 'open', 'withdrawn'] as const).entries())
      await sql`UPDATE suspected_case s SET status = ${status}, found_on = c.exam_date,
                outcome_on = CASE WHEN ${status} = 'diagnosed' THEN c.exam_date + 40 END
                FROM exam_card c WHERE c.exam_card_id = s.exam_card_id AND s.exam_card_id = ${ids[i]}`.execute(
        t.deps.db,
      );
    // Two diagnosis reports of 2026: one reported 10 days after the diagnosis, one 30 days after.
    const diag = await buildOrganisation(t.deps, {
      kind: 'diagnosis_institution',
      regionCode: '220801',
      name: '白城诊断测试',
    });
    for (const [d, r] of [
      ['2026-05-04', '2026-05-14'],
      ['2026-07-01', '2026-07-31'],
    ] as const) {
      const id = await buildDiagnosisReport(t.deps, { institutionId: diag, regionCode: FIXTURE });
      await sql`UPDATE diagnosis_report SET diagnosis_date = ${d}::date, report_date = ${r}::date, apply_date = ${d}::date - 20
                WHERE diagnosis_report_id = ${id}`.execute(t.deps.db);
    }
  });

  it('was empty before (the fixture is the only data)', () => {
    expect(panel(before, 'exam_card_report_rate').figure.numerator).toBe(0);
    expect(panel(before, 'diagnosis_report_timeliness').figure).toMatchObject({
      value: null,
      state: 'no_denominator',
    });
    expect(panel(before, 'suspected_to_diagnosis').figure.state).toBe('no_denominator');
  });

  it('counts cards, timeliness, suspected cases reaching a diagnosis and diagnosis timeliness', async () => {
    const o = await overviewOf(province, `region=${FIXTURE}&period=2026`);
    expect(o.region).toMatchObject({ code: FIXTURE, level: 6 });
    expect(o.breadcrumb.map((b) => b.code)).toEqual(['22', '2208', FIXTURE]);
    // The report rate has no denominator: the count of cards, no rate, its caveat (never a silent 0).
    expect(panel(o, 'exam_card_report_rate').figure).toMatchObject({
      numerator: 7,
      denominator: null,
      value: null,
      state: 'no_data',
    });
    // 6 of 7 on time = 85.7 %; no target anywhere → no traffic light.
    expect(panel(o, 'exam_card_timeliness').figure).toMatchObject({
      numerator: 6,
      denominator: 7,
      value: 85.7,
      state: 'no_target',
    });
    // Suspected: 2 found (withdrawn excluded), 1 diagnosed — under 5 at county level: hidden.
    expect(panel(o, 'suspected_to_diagnosis').figure).toMatchObject({
      suppressed: true,
      value: null,
      numerator: null,
    });
    // Diagnosis reports: 2, one on time — hidden too (small).
    expect(panel(o, 'diagnosis_report_timeliness').figure.suppressed).toBe(true);
    // The city sees its counties' figures; the county's small counts stay hidden there too.
    const city = await overviewOf(province, `region=2208&period=2026`);
    expect(panel(city, 'exam_card_timeliness').figure).toMatchObject({ numerator: 6, denominator: 7 });
    const row = panel(city, 'exam_card_timeliness').children.find((c) => c.regionCode === FIXTURE)!;
    expect(row).toMatchObject({ numerator: 6, denominator: 7, value: 85.7 });
    const sus = panel(city, 'suspected_to_diagnosis');
    expect(sus.figure).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(sus.children.find((c) => c.regionCode === FIXTURE)!.suppressed).toBe(true);
    // A quarter and a month narrow the count; the trend has 12 months ending with the period.
    const q2 = await overviewOf(province, `region=2208&period=2026-Q2`);
    expect(panel(q2, 'exam_card_timeliness').figure).toMatchObject({ numerator: 3, denominator: 4 });
    expect(q2.period).toMatchObject({ grain: 'quarter', from: '2026-04-01', to: '2026-07-01' });
    const trend = panel(q2, 'exam_card_timeliness').trend;
    expect(trend.map((m) => m.period)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(trend.find((m) => m.period === '2026-03')).toMatchObject({
      numerator: 2,
      denominator: 2,
      value: 100,
    });
    expect(trend.find((m) => m.period === '2025-12')).toMatchObject({ numerator: 1, denominator: 1 });
    const dec = await overviewOf(province, `region=2208&period=2025-12`);
    expect(panel(dec, 'exam_card_report_rate').figure.numerator).toBe(1);
    expect(panel(city, 'diagnosis_report_timeliness').figure).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 50,
    });
  });
});

describe('targets and states', () => {
  it('shows Jilin its own QC and coverage targets (吉卫规〔2024〕2号) and other provinces’ as reference', async () => {
    const o = await overviewOf(province, 'period=2026');
    expect(o.region.code).toBe('22');
    expect(panel(o, 'county_public_exam').target).toMatchObject({
      provinceCode: '22',
      reference: false,
      value: 100,
    });
    expect(panel(o, 'qc_coverage_1y').target).toMatchObject({ provinceCode: '22', reference: false });
    // The national plan's target for severe-hazard industrial employers.
    expect(panel(o, 'declaration_rate_a').target).toMatchObject({ provinceCode: '00', reference: false });
    // Heilongjiang's report-rate target, shown for reference only.
    expect(panel(o, 'exam_card_report_rate').target).toMatchObject({ provinceCode: '23', reference: true });
    expect(panel(o, 'exam_card_timeliness').target).toBeNull();
    // Not collected: no figure, never 0.
    expect(panel(o, 'rehab_coverage').figure).toMatchObject({ value: null, state: 'no_data' });
  });
});

describe('the demo province', () => {
  let d: TestContext;
  let demo: Client;
  beforeAll(async () => {
    d = await createTestContext({ examCards: true });
    demo = await d.login('demo-province');
  });
  afterAll(() => d.close());

  it('has figures in every computed group of this year, and sub-regions to drill into', async () => {
    const o = await overviewOf(demo, 'period=' + chinaToday().slice(0, 4));
    const filled = o.panels
      .filter((p) => p.figure.denominator !== null && p.figure.denominator > 0)
      .map((p) => p.code);
    for (const code of [
      'exam_card_timeliness',
      'suspected_to_diagnosis',
      'declaration_rate_b',
      'qc_coverage_2y',
      'qc_rectification_rate',
      'county_public_exam',
      'city_public_diagnosis',
    ])
      expect(filled, code).toContain(code);
    expect(panel(o, 'exam_card_report_rate').figure.numerator).toBeGreaterThan(50);
    expect(panel(o, 'county_public_exam').children.length).toBeGreaterThan(5);
    expect(panel(o, 'exam_card_timeliness').trend).toHaveLength(12);
    // The demo's cards arrive as a year of operation would have (most within days, some late).
    const timely = panel(o, 'exam_card_timeliness').figure.value!;
    expect(timely).toBeGreaterThan(80);
    expect(timely).toBeLessThan(100);
  });
});

describe('scope', () => {
  it('opens a county regulator on its county and refuses a sibling county and the province', async () => {
    const o = await overviewOf(county, 'period=2026');
    expect(o.region.level).toBe(6);
    expect(o.breadcrumb).toHaveLength(1);
    expect(o.children).toEqual([]);
    for (const p of o.panels) expect(p.children).toEqual([]);
    const own = o.region.code;
    const sibling = own === '220103' ? '220104' : '220103';
    expect((await county.get(`/api/v1/indicators/overview?region=${sibling}`)).status).toBe(404);
    expect((await county.get('/api/v1/indicators/overview?region=22')).status).toBe(404);
    expect((await county.get(`/api/v1/indicators/overview.xlsx?region=${sibling}`)).status).toBe(404);
  });

  it('refuses a bad period with a field reason', async () => {
    const res = await province.get('/api/v1/indicators/overview?period=2026-13');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('period');
  });
});

describe('warnings and to-dos per region', () => {
  it('counts open clocks per sub-region and kind (overdue, due soon, warned), the city’s own apart', async () => {
    const today = chinaToday();
    const day = (n: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const clock = (i: number, region: string, due: string, o: { warned?: boolean; done?: boolean } = {}) =>
      sql`INSERT INTO deadline (kind, subject_type, subject_id, starts_on, due_on, regulator_region_code, warned_at, done_at)
          VALUES ('census_follow_up', 'indicator_test', ${9000 + i}, ${day(-30)}::date, ${due}::date, ${region},
                  ${o.warned ? sql`now()` : null}, ${o.done ? sql`now()` : null})`.execute(t.deps.db);
    await clock(1, FIXTURE, day(-5), { warned: true });
    await clock(2, FIXTURE, day(-1));
    await clock(3, FIXTURE, day(2));
    await clock(4, FIXTURE, day(20));
    await clock(5, FIXTURE, day(-9), { done: true });
    await clock(6, '2208', day(-3));
    const res = await province.get('/api/v1/indicators/todos?region=2208');
    expect(res.status).toBe(200);
    const o = res.body as unknown as IndicatorTodos;
    const fixtureRow = o.rows.find((r) => r.regionCode === FIXTURE)!;
    expect(fixtureRow.byKind.census_follow_up).toEqual({ overdue: 2, dueSoon: 1, open: 4, warned: 1 });
    const own = o.rows.find((r) => r.own)!;
    expect(own).toMatchObject({ regionCode: '2208' });
    expect(own.byKind.census_follow_up).toMatchObject({ overdue: 1, open: 1 });
    expect(o.rows[0]!.own).toBe(true);
    expect(o.total.byKind.census_follow_up).toMatchObject({ overdue: 3, open: 5 });
    expect(o.kinds.map((k) => k.kind)).toContain('census_follow_up');
    // (The fixture's cards opened their own suspected-case clocks in the county: counted too.)
    expect(fixtureRow.total.open).toBeGreaterThan(4);
    // A county regulator: its own county only.
    expect((await county.get(`/api/v1/indicators/todos?region=${FIXTURE}`)).status).toBe(404);
  });
});

describe('dispatch and evaluation reports', () => {
  it('compares a quarter with the one before, names lagging sub-regions, lists what is not collected', async () => {
    const res = await province.get(`/api/v1/indicators/reports?kind=quarterly&region=2208&period=2026-Q2`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body as unknown as IndicatorReport;
    expect(r.title.zh).toBe('职业病防治工作季调度报告');
    expect(r.previousPeriod).toMatchObject({ from: '2026-01-01', to: '2026-04-01' });
    const timely = r.rows.find((x) => x.code === 'exam_card_timeliness')!;
    // Q2: 3 of 4 on time; Q1: 2 of 2.
    expect(timely).toMatchObject({
      figure: { numerator: 3, denominator: 4, value: 75 },
      previous: 100,
      change: -25,
    });
    expect(r.notCollected.map((n) => n.code)).toContain('rehab_coverage');
    expect(r.rows.map((x) => x.code)).not.toContain('rehab_coverage');
  });

  it('lists the sub-regions under a target worst first (Jilin: each county a public exam institution)', async () => {
    const res = await province.get('/api/v1/indicators/reports?kind=annual&period=2026');
    const r = res.body as unknown as IndicatorReport;
    const row = r.rows.find((x) => x.code === 'county_public_exam')!;
    expect(row.target).toMatchObject({ provinceCode: '22', value: 100 });
    expect(row.lagging.length).toBeGreaterThan(0);
    for (const l of row.lagging) expect(['below', 'near']).toContain(l.state);
    const values = row.lagging.filter((l) => l.state === 'below').map((l) => l.value ?? 0);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('takes January to October for the November progress report, and refuses a wrong period', async () => {
    const r = (await province.get('/api/v1/indicators/reports?kind=progress&region=2208&period=2026'))
      .body as unknown as IndicatorReport;
    expect(r.period).toMatchObject({ from: '2026-01-01', to: '2026-11-01' });
    expect(r.rows.find((x) => x.code === 'exam_card_report_rate')!.figure.numerator).toBe(7);
    const bad = await province.get('/api/v1/indicators/reports?kind=quarterly&period=2026');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('indicator_report_quarter');
    expect((await county.get('/api/v1/indicators/reports?kind=annual&region=2208')).status).toBe(404);
  });

  it('exports xlsx and PDF, each audited', async () => {
    const x = await province.get('/api/v1/indicators/reports.xlsx?kind=annual&region=2208&period=2026');
    expect(x.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['指标', '暂无数据指标', '说明']);
    const p = await province.get('/api/v1/indicators/reports.pdf?kind=annual&region=2208&period=2026');
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('action', '=', 'indicator_report.export')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual(['annual:2208:2026', 'annual:2208:2026']);
  });
});

describe('the export', () => {
  it('writes one overview sheet and one sheet per computed indicator, audited', async () => {
    const res = await province.get('/api/v1/indicators/overview.xlsx?region=2208&period=2026');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('概览');
    expect(wb.worksheets.length).toBeGreaterThan(8);
    const timeliness = wb.worksheets.find((w) => w.name.includes('个案信息报告及时率'))!;
    const rows = timeliness.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => String(r[1]).includes(FIXTURE) && r[2] === 85.7)).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['entity_id'])
      .where('action', '=', 'indicator_overview.export')
      .execute();
    expect(audit.map((a) => a.entity_id)).toContain('2208:2026');
  });
});
