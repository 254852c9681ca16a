/**
 * 申报调度 (issue 17 item 5): the rates with both denominators on fixtures (not-applicable and closed
 * excluded, a cancellation not counted, annual update overdue, non-industrial 严重 only in b, < 10 staff
 * only in a), the figure moving when a declaration is accepted, the gap list and its export, the dispatch
 * workbook parsed with exceljs, the reproducible draw, the province-only refusals, the list rules and
 * decisions, the provisional assessment formula, and the policy's abilities.
 *
 * Fixtures insert employer_profile and declaration rows directly (test-only SQL): the module itself only
 * reads those tables.
 */
import type {
  DeclarationRateEmployer,
  DeclarationRatesReport,
  DeclarationSamplingDetail,
  DeclarationSamplingVerify,
  DispatchReport,
  OversightListPage,
} from '@ohp/contracts';
import { declarationListRules, samplingAssessment } from '@ohp/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, readExport } from '../../../test/exports.js';
import { buildOrganisation } from '../../../test/factories.js';
import { buildCensusEntry, buildCensusFollowUp } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import { drawUnits, populationDigest, type Member } from './declaration-oversight.draw.js';
import { canDecideLists, isProvincialSampler } from './declaration-oversight.policy.js';
import { childrenOf, chinaToday } from '@ohp/reference';
import { minusMonths } from './declaration-oversight.service.js';
import { seedDemoDeclarations } from '../declarations/index.js';
import { seedDemoDeclarationOversight } from './declaration-oversight.demo.js';

let t: TestContext;
const c: Record<string, Client> = {};
let county = '';
let city = '';
beforeAll(async () => {
  t = await createTestContext();
  for (const u of ['demo-province', 'demo-city', 'demo-county', 'demo-qc', 'demo-employer'])
    c[u] = await t.login(u);
  county = (await actor('demo-county')).regionCode;
  city = county.slice(0, 4);
});
afterAll(async () => t.close());

const actor = async (username: string): Promise<Actor> => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(t.deps.db, u.user_id))!.actor;
};

type Emp = {
  risk: '严重' | '一般' | '待评价';
  industrial: boolean;
  staff: number;
  programme?: 'active' | 'not_applicable' | 'closed' | 'relocated';
  region?: string;
};

let seq = 0;
/** An employer with its profile (test-only SQL into the employers module's table). */
const employer = async (e: Emp): Promise<number> => {
  const id = await buildOrganisation(t.deps, {
    kind: 'employer',
    regionCode: e.region ?? county,
    name: `申报调度测试${++seq}`,
  });
  await t.deps.db
    .updateTable('organisation')
    .set({ employees: e.staff, industry_code: e.industrial ? 'C3011' : 'F5111' })
    .where('organisation_id', '=', id)
    .execute();
  const programme = e.programme ?? 'active';
  const v = {
    organisation_id: id,
    risk_class: e.risk,
    industrial: e.industrial,
    programme_status: programme,
    programme_status_reason: programme === 'active' ? null : '测试',
  };
  await t.deps.db
    .insertInto('employer_profile')
    .values(v)
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(v))
    .execute();
  return id;
};

/** An accepted declaration (test-only SQL into the declarations module's table). */
const declare = async (
  employerId: number,
  type: 'initial' | 'change' | 'annual' | 'cancel',
  acceptedAt: string,
  late = false,
) => {
  const o = await t.deps.db
    .selectFrom('organisation')
    .select('region_code')
    .where('organisation_id', '=', employerId)
    .executeTakeFirstOrThrow();
  await t.deps.db
    .insertInto('declaration')
    .values({
      employer_id: employerId,
      region_code: o.region_code,
      declaration_type: type,
      status: 'accepted',
      submitted_at: acceptedAt,
      accepted_at: acceptedAt,
      late,
    })
    .execute();
};

const ago = (months: number) => new Date(`${minusMonths(chinaToday(), months)}T10:00:00+08:00`).toISOString();

const rates = async (who: string, q: string): Promise<DeclarationRatesReport> => {
  const res = await c[who]!.get(`/api/v1/declaration-oversight/rates?${q}`);
  expect(res.status).toBe(200);
  return res.body as unknown as DeclarationRatesReport;
};

describe('declaration rates with both denominators', () => {
  const ids: Record<string, number> = {};
  let before: DeclarationRatesReport;

  beforeAll(async () => {
    before = await rates('demo-province', `region=${county}`);
    ids.declared = await employer({ risk: '严重', industrial: true, staff: 50 });
    await declare(ids.declared, 'initial', ago(2));
    ids.small = await employer({ risk: '严重', industrial: true, staff: 5 });
    ids.nonIndustrial = await employer({ risk: '严重', industrial: false, staff: 20 });
    await declare(ids.nonIndustrial, 'initial', ago(3));
    ids.notApplicable = await employer({
      risk: '严重',
      industrial: true,
      staff: 30,
      programme: 'not_applicable',
    });
    await declare(ids.notApplicable, 'initial', ago(3));
    ids.closed = await employer({ risk: '严重', industrial: true, staff: 30, programme: 'closed' });
    ids.cancelled = await employer({ risk: '严重', industrial: true, staff: 30 });
    await declare(ids.cancelled, 'initial', ago(8));
    await declare(ids.cancelled, 'cancel', ago(1));
    ids.overdue = await employer({ risk: '严重', industrial: true, staff: 30 });
    await declare(ids.overdue, 'annual', ago(14));
    ids.general = await employer({ risk: '一般', industrial: true, staff: 30 });
    await declare(ids.general, 'initial', ago(2), true);
  });

  it('counts each employer in the denominators it belongs to, and only declared ones as declared', async () => {
    const after = await rates('demo-province', `region=${county}`);
    const d = (
      m: 'a' | 'b' | 'industrial' | 'all',
      k: 'denominator' | 'declared' | 'annualOverdue' | 'late' | 'gap',
    ) => after.total.figures[m][k] - before.total.figures[m][k];
    // a: declared, small, cancelled, overdue (non-industrial, not applicable, closed, 一般 excluded)
    expect(d('a', 'denominator')).toBe(4);
    expect(d('a', 'declared')).toBe(2); // declared, overdue (cancelled is not)
    expect(d('a', 'gap')).toBe(2);
    expect(d('a', 'annualOverdue')).toBe(1);
    // b: declared, nonIndustrial, cancelled, overdue (< 10 staff excluded)
    expect(d('b', 'denominator')).toBe(4);
    expect(d('b', 'declared')).toBe(3);
    expect(d('industrial', 'denominator')).toBe(5);
    expect(d('industrial', 'late')).toBe(1);
    expect(d('all', 'denominator')).toBe(6);
    expect(d('all', 'declared')).toBe(4);
    expect(after.total.employers - before.total.employers).toBe(8);
    // By risk class: the 一般 one is there.
    const general = (r: DeclarationRatesReport) =>
      r.byRiskClass.find((x) => x.riskClass === '一般')!.figures.all;
    expect(general(after).declared - general(before).declared).toBe(1);
    // The national plan's targets apply to a province without its own: 100 % each.
    expect(after.targets.find((x) => x.measure === 'a')).toMatchObject({
      targetRate: 1,
      dueOn: '2024-12-31',
      own: false,
    });
    expect(after.targets.find((x) => x.measure === 'b')).toMatchObject({
      targetRate: 1,
      dueOn: '2025-12-31',
    });
  });

  it('counts declarations accepted by the date asked only', async () => {
    const then = await rates('demo-province', `region=${county}&asOf=${minusMonths(chinaToday(), 4)}`);
    const now = await rates('demo-province', `region=${county}`);
    // Four months ago: the first employer, the non-industrial and the 一般 one (accepted two or three
    // months ago) were not yet declared; the cancelled one (cancelled a month ago) still was.
    expect(now.total.figures.all.declared - then.total.figures.all.declared).toBe(2);
    expect(then.asOf).toBe(minusMonths(chinaToday(), 4));
  });

  it('moves the figure when a declaration is accepted', async () => {
    const one = await rates('demo-county', '');
    await declare(ids.small!, 'initial', ago(0));
    const two = await rates('demo-county', '');
    expect(two.total.figures.a.declared).toBe(one.total.figures.a.declared + 1);
    expect(two.total.figures.a.gap).toBe(one.total.figures.a.gap - 1);
  });

  it('drills down province → cities → counties in one statement each, and the parts add up', async () => {
    const p = await rates('demo-province', '');
    expect(p.children.every((r) => r.regionCode.length === 4)).toBe(true);
    const sum = p.children.reduce((s, r) => s + r.figures.all.denominator, 0);
    expect(sum).toBe(p.total.figures.all.denominator);
    const ci = await rates('demo-province', `region=${city}`);
    expect(ci.children.some((r) => r.regionCode === county)).toBe(true);
    expect(ci.children.every((r) => r.regionCode.length === 6)).toBe(true);
  });

  it('lists the gaps and exports them', async () => {
    const res = await c['demo-county']!.get(
      `/api/v1/declaration-oversight/rates/employers?measure=a&status=undeclared&pageSize=200`,
    );
    expect(res.status).toBe(200);
    const list = (res.body as unknown as { data: DeclarationRateEmployer[] }).data.map((e) => e.employerId);
    expect(list).toContain(ids.cancelled);
    expect(list).not.toContain(ids.declared);
    expect(list).not.toContain(ids.nonIndustrial);
    expect(list).not.toContain(ids.closed);
    const overdue = await c['demo-county']!.get(
      `/api/v1/declaration-oversight/rates/employers?measure=a&status=overdue`,
    );
    expect(
      (overdue.body as unknown as { data: DeclarationRateEmployer[] }).data.map((e) => e.employerId),
    ).toEqual(expect.arrayContaining([ids.overdue]));
    const exp = await c['demo-county']!.get(`/api/v1/declaration-oversight/rates/employers/export?measure=a`);
    expect(exp.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).text).toBe('用人单位');
    const names: string[] = [];
    ws.eachRow((row, n) => n > 1 && names.push(row.getCell(1).text));
    expect(names.length).toBe(list.length);
  });

  it('keeps a county to its county and refuses employers', async () => {
    const sibling = `${city}${county.endsWith('02') ? '03' : '02'}`;
    expect(
      (await c['demo-county']!.get(`/api/v1/declaration-oversight/rates?region=${sibling}`)).status,
    ).toBe(404);
    expect((await c['demo-county']!.get(`/api/v1/declaration-oversight/rates?region=${city}`)).status).toBe(
      404,
    );
    expect((await c['demo-employer']!.get(`/api/v1/declaration-oversight/rates`)).status).toBe(403);
    expect((await c['demo-qc']!.get(`/api/v1/declaration-oversight/rates?region=${county}`)).status).toBe(
      200,
    );
  });

  it('exports the quarterly dispatch report as a workbook, audited', async () => {
    const q = `${chinaToday().slice(0, 4)}Q${Math.floor((Number(chinaToday().slice(5, 7)) - 1) / 3) + 1}`;
    // 入户指导 of the potential-employer database in the county: two visited this quarter, one still open.
    const countyUser = (await actor('demo-county')).userId;
    for (const visited of [true, true, false]) {
      const entryId = await buildCensusEntry(t.deps, { regionCode: county, userId: countyUser });
      const id = await buildCensusFollowUp(t.deps, {
        entryId,
        regionCode: county,
        assigneeUserId: countyUser,
      });
      if (visited)
        await t.deps.db
          .updateTable('census_follow_up')
          .set({ status: 'done', outcome: 'declared', visited_on: chinaToday(), recorded_at: new Date() })
          .where('census_follow_up_id', '=', id)
          .execute();
    }
    const json = await c['demo-city']!.get(`/api/v1/declaration-oversight/dispatch?quarter=${q}`);
    expect(json.status).toBe(200);
    const rep = json.body as unknown as DispatchReport;
    expect(rep.title).toBe('职业病危害项目申报进展季调度表');
    const row = rep.rows.find((r) => r.regionCode === county)!;
    // Independently: initial declarations of the county's employers accepted in the quarter.
    const start = new Date(`${rep.from}T00:00:00+08:00`);
    const direct = await t.deps.db
      .selectFrom('declaration as d')
      .innerJoin('organisation as o', 'o.organisation_id', 'd.employer_id')
      .where('o.region_code', 'like', `${county}%`)
      .where('d.declaration_type', '=', 'initial')
      .where('d.accepted_at', '>=', start)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(row.newInitial).toBe(Number(direct.n));
    expect(row.newInitial).toBeGreaterThanOrEqual(1); // the one accepted today at least
    expect(row.followUps).toBe(2);
    expect(rep.rows.filter((r) => r.regionCode !== county).map((r) => r.followUps)).not.toContain(null);
    const res = await c['demo-city']!.get(`/api/v1/declaration-oversight/dispatch/export?quarter=${q}`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(4).text).toBe('工业领域严重行业单位数');
    let found = false;
    ws.eachRow((r) => {
      if (r.getCell(1).text.includes(`（${county}）`) && !r.getCell(1).text.startsWith('合计')) {
        found = true;
        expect(Number(r.getCell(4).text)).toBe(row.a.denominator);
        expect(Number(r.getCell(5).text)).toBe(row.a.declared);
      }
    });
    expect(found).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'dispatch_report.export')
      .execute();
    expect(audit.at(-1)!.entity_id).toBe(`${city}:${q}`);
    const future = await c['demo-city']!.get(`/api/v1/declaration-oversight/dispatch?quarter=2099Q1`);
    expect(future.status).toBe(400);
  });
});

describe('the sampling check', () => {
  it('draws the same employers from the same seed whatever the order, and others from another seed', () => {
    const members: Member[] = Array.from({ length: 90 }, (_, i) => [
      i + 1,
      `22${String(1 + (i % 3)).padStart(2, '0')}`,
      `9122010${String(i).padStart(11, '0')}`,
    ]);
    const a = drawUnits(members, 'S-1', 4);
    expect(a).toHaveLength(12);
    expect(drawUnits([...members].reverse(), 'S-1', 4)).toEqual(a);
    expect(drawUnits(members, 'S-2', 4).map((u) => u.employerId)).not.toEqual(a.map((u) => u.employerId));
    expect(populationDigest([...members].reverse())).toBe(populationDigest(members));
  });

  it('is the provincial commission’s: a city or county commission is refused with the reason', async () => {
    for (const who of ['demo-city', 'demo-county']) {
      const res = await c[who]!.post('/api/v1/declaration-oversight/samplings', {
        year: 2025,
        perCity: 2,
        measure: 'all',
      });
      expect(res.status).toBe(403);
      expect((res.body as { error: { reason: string } }).error.reason).toBe(
        'declaration_sampling_province_only',
      );
    }
  });

  let sampling: DeclarationSamplingDetail;
  it('draws reproducibly, verifies, records results and assesses (provisional formula)', async () => {
    const res = await c['demo-province']!.post('/api/v1/declaration-oversight/samplings', {
      year: 2025,
      perCity: 2,
      measure: 'a',
      seed: 'TEST-SEED-1',
    });
    expect(res.status).toBe(201);
    sampling = res.body as unknown as DeclarationSamplingDetail;
    expect(sampling.seed).toBe('TEST-SEED-1');
    expect(sampling.formulaProvisional).toBe(true);
    expect(sampling.formula).toBe(samplingAssessment.formula);
    expect(sampling.units.length).toBeGreaterThan(0);
    const again = (
      await c['demo-province']!.post('/api/v1/declaration-oversight/samplings', {
        year: 2025,
        perCity: 2,
        measure: 'a',
        seed: 'TEST-SEED-1',
      })
    ).body as unknown as DeclarationSamplingDetail;
    expect(again.units.map((u) => u.employerId)).toEqual(sampling.units.map((u) => u.employerId));
    expect(again.populationDigest).toBe(sampling.populationDigest);
    const other = (
      await c['demo-province']!.post('/api/v1/declaration-oversight/samplings', {
        year: 2025,
        perCity: 2,
        measure: 'a',
        seed: 'TEST-SEED-2',
      })
    ).body as unknown as DeclarationSamplingDetail;
    expect(other.seed).toBe('TEST-SEED-2');
    const verify = (
      await c['demo-province']!.get(`/api/v1/declaration-oversight/samplings/${sampling.id}/verify`)
    ).body as unknown as DeclarationSamplingVerify;
    expect(verify).toMatchObject({ populationIntact: true, sameDraw: true });
    // Record: first declared and accurate, second undeclared, a third (if any) inaccurate size.
    const [u1, u2] = sampling.units;
    const bad = await c['demo-province']!.post(
      `/api/v1/declaration-oversight/samplings/${sampling.id}/checks`,
      {
        employerId: u1!.employerId,
        declared: true,
        industryAccurate: null,
        sizeAccurate: true,
        factorsAccurate: true,
      },
    );
    expect(bad.status).toBe(400);
    const city403 = await c['demo-city']!.post(
      `/api/v1/declaration-oversight/samplings/${sampling.id}/checks`,
      {
        employerId: u1!.employerId,
        declared: false,
        industryAccurate: null,
        sizeAccurate: null,
        factorsAccurate: null,
      },
    );
    expect(city403.status).toBe(403);
    const ok = await c['demo-province']!.post(
      `/api/v1/declaration-oversight/samplings/${sampling.id}/checks`,
      {
        employerId: u1!.employerId,
        declared: true,
        industryAccurate: true,
        sizeAccurate: true,
        factorsAccurate: true,
      },
    );
    expect(ok.status).toBe(200);
    if (u2) {
      await c['demo-province']!.post(`/api/v1/declaration-oversight/samplings/${sampling.id}/checks`, {
        employerId: u2.employerId,
        declared: false,
        industryAccurate: null,
        sizeAccurate: null,
        factorsAccurate: null,
        note: '未申报',
      });
    }
    const d = (await c['demo-province']!.get(`/api/v1/declaration-oversight/samplings/${sampling.id}`))
      .body as unknown as DeclarationSamplingDetail;
    const cityRow = d.cities.find((x) => x.cityCode === u1!.cityCode)!;
    // The provisional formula: declared and accurate ÷ checked.
    const checked = d.units.filter((u) => u.cityCode === u1!.cityCode && u.checkedAt !== null);
    const good = checked.filter(
      (u) => u.declared && u.industryAccurate && u.sizeAccurate && u.factorsAccurate,
    );
    expect(cityRow.verifiedRate).toBe(good.length / checked.length);
    expect(samplingAssessment.provisional).toBe(true);
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['declaration_sampling.draw', 'declaration_sampling.record'])
      .execute();
    expect(audits.filter((a) => a.action === 'declaration_sampling.draw')).toHaveLength(3);
    expect(audits.filter((a) => a.action === 'declaration_sampling.record').length).toBeGreaterThanOrEqual(2);
    // The rates page shows the latest checked sampling's verified rate per city.
    const p = await rates('demo-province', '');
    const latest = Math.max(sampling.id, again.id, other.id);
    expect(latest).toBeGreaterThan(sampling.id);
    // The latest WITH checked units is this one.
    expect(p.children.find((r) => r.regionCode === u1!.cityCode)!.verified).toMatchObject({
      samplingId: sampling.id,
      provisional: true,
    });
  });

  it('shows a city only its own drawn employers, and another province nothing', async () => {
    const d = (await c['demo-city']!.get(`/api/v1/declaration-oversight/samplings/${sampling.id}`))
      .body as unknown as DeclarationSamplingDetail;
    expect(d.units.every((u) => u.cityCode === city)).toBe(true);
    expect(d.abilities.record).toBe(false);
    expect(
      (await c['demo-employer']!.get(`/api/v1/declaration-oversight/samplings/${sampling.id}`)).status,
    ).toBe(403);
  });

  it('exports the samplings the list shows, and a check’s drawn employers with results (a city its own); audited', async () => {
    const before = (await auditEntries(t.deps.db, 'declaration_sampling.export')).length;
    const list = (await c['demo-province']!.get('/api/v1/declaration-oversight/samplings'))
      .body as unknown as {
      data: Array<{ id: number; drawn: number; checked: number; seed: string }>;
    };
    expect(list.data.length).toBeGreaterThanOrEqual(3);
    for (const who of ['demo-province', 'demo-county']) {
      const res = await c[who]!.get('/api/v1/declaration-oversight/samplings/export');
      expect(res.status).toBe(200);
      const x = await readExport(res.raw.rawPayload);
      expect(x.rows.map((r) => Number(r[0]))).toEqual(list.data.map((s) => s.id));
      expect(x.rows.map((r) => Number(r[6]))).toEqual(list.data.map((s) => s.drawn));
      expect(x.rows.map((r) => Number(r[7]))).toEqual(list.data.map((s) => s.checked));
      expect(x.rows.map((r) => r[9])).toEqual(list.data.map((s) => s.seed));
    }
    const csv = await c['demo-city']!.get('/api/v1/declaration-oversight/samplings/export?format=csv');
    expect((await readExport(csv.raw.rawPayload, 'csv')).rows.length).toBe(list.data.length);
    expect(
      (await c['demo-province']!.get('/api/v1/declaration-oversight/samplings/export?format=x')).status,
    ).toBe(400);
    expect((await c['demo-employer']!.get('/api/v1/declaration-oversight/samplings/export')).status).toBe(
      403,
    );
    expect((await auditEntries(t.deps.db, 'declaration_sampling.export')).length).toBe(before + 3);

    // The drawn employers with the recorded results, as the detail shows them to each reader: a new
    // draw holding an employer of a sibling county and one of another city.
    const sib = childrenOf(city).find((r) => r.code !== county && !r.statisticalOnly)!.code;
    const otherCity = childrenOf(county.slice(0, 2)).find((r) => r.code !== city && !r.statisticalOnly)!.code;
    const far = childrenOf(otherCity).find((r) => !r.statisticalOnly)!.code;
    const inSibling = await employer({ risk: '严重', industrial: true, staff: 30, region: sib });
    const inOtherCity = await employer({ risk: '严重', industrial: true, staff: 30, region: far });
    const drawn = await c['demo-province']!.post('/api/v1/declaration-oversight/samplings', {
      year: 2026,
      perCity: 500,
      measure: 'a',
      seed: 'EXPORT-SEED',
    });
    expect(drawn.status).toBe(201);
    const exp = drawn.body as unknown as DeclarationSamplingDetail;
    const ids = exp.units.map((u) => u.employerId);
    expect(ids).toEqual(expect.arrayContaining([inSibling, inOtherCity]));
    const recorded = await c['demo-province']!.post(
      `/api/v1/declaration-oversight/samplings/${exp.id}/checks`,
      {
        employerId: inSibling,
        declared: true,
        industryAccurate: true,
        sizeAccurate: false,
        factorsAccurate: true,
        note: '导出测试：规模不符',
      },
    );
    expect(recorded.status).toBe(200);
    const unitsBefore = (await auditEntries(t.deps.db, 'declaration_sampling_unit.export')).length;
    const rowsOf = (d: DeclarationSamplingDetail) => d.units.map((u) => [u.rank, u.name, u.creditCode ?? '']);
    const seen: Record<string, string[]> = {};
    for (const who of ['demo-province', 'demo-city', 'demo-county']) {
      const d = (await c[who]!.get(`/api/v1/declaration-oversight/samplings/${exp.id}`))
        .body as unknown as DeclarationSamplingDetail;
      const res = await c[who]!.get(`/api/v1/declaration-oversight/samplings/${exp.id}/export`);
      expect(res.status).toBe(200);
      const x = await readExport(res.raw.rawPayload);
      expect(
        x.rows.map((r) => [Number(r[1]), r[2], r[3]]),
        who,
      ).toEqual(rowsOf(d));
      seen[who] = x.rows.map((r) => String(r[2]));
      if (who === 'demo-province') {
        const u = d.units.find((y) => y.employerId === inSibling)!;
        const row = x.rows.find((r) => r[2] === u.name)!;
        // Checked: found declared, industry and factors accurate, size not, with the note.
        expect(row.slice(6, 12)).toEqual(['已核查', '是', '是', '否', '是', '导出测试：规模不符']);
      }
    }
    const nameOf = (id: number) => exp.units.find((u) => u.employerId === id)!.name;
    expect(seen['demo-province']).toEqual(expect.arrayContaining([nameOf(inSibling), nameOf(inOtherCity)]));
    expect(seen['demo-city']).toContain(nameOf(inSibling));
    expect(seen['demo-city']).not.toContain(nameOf(inOtherCity));
    expect(seen['demo-county']).not.toContain(nameOf(inSibling));
    expect(seen['demo-county']).not.toContain(nameOf(inOtherCity));
    expect(seen['demo-county']!.length).toBeGreaterThan(0);
    expect((await c['demo-city']!.get('/api/v1/declaration-oversight/samplings/abc/export')).status).toBe(
      400,
    );
    expect((await c['demo-city']!.get('/api/v1/declaration-oversight/samplings/999999/export')).status).toBe(
      404,
    );
    expect(
      (await c['demo-city']!.get(`/api/v1/declaration-oversight/samplings/${exp.id}/export?format=pdf`))
        .status,
    ).toBe(400);
    const units = await auditEntries(t.deps.db, 'declaration_sampling_unit.export');
    expect(units.length).toBe(unitsBefore + 3);
    expect(units.at(-1)).toMatchObject({ entity_type: 'declaration_sampling', entity_id: String(exp.id) });
  });

  describe('white and black lists', () => {
    it('puts an employer found undeclared on the black list (B1), confirms it with a reason, audited', async () => {
      const undeclared = sampling.units[1];
      expect(undeclared).toBeDefined();
      if (!undeclared) return;
      const res = await c['demo-province']!.get(
        `/api/v1/declaration-oversight/lists?list=black&pageSize=200`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const page = res.body as unknown as OversightListPage;
      const entry = page.data.find((e) => e.employerId === undeclared.employerId)!;
      expect(entry.rules).toContain('B1');
      expect(entry.inspectionMultiplier).toBe(declarationListRules.inspectionMultiplier.black);
      expect(entry.state).toBe('pending');
      const ok = await c['demo-province']!.post('/api/v1/declaration-oversight/lists/decisions', {
        employerId: undeclared.employerId,
        list: 'black',
        action: 'confirm',
        reason: '抽查未申报',
      });
      expect(ok.status).toBe(200);
      const notWhite = await c['demo-province']!.post('/api/v1/declaration-oversight/lists/decisions', {
        employerId: undeclared.employerId,
        list: 'white',
        action: 'confirm',
        reason: '试图列入白名单',
      });
      expect(notWhite.status).toBe(422);
      const blank = await c['demo-province']!.post('/api/v1/declaration-oversight/lists/decisions', {
        employerId: undeclared.employerId,
        list: 'black',
        action: 'remove',
        reason: '   ',
      });
      expect(blank.status).toBe(400);
      const after = (
        await c['demo-province']!.get(
          `/api/v1/declaration-oversight/lists?list=black&state=confirmed&pageSize=200`,
        )
      ).body as unknown as OversightListPage;
      expect(after.data.map((e) => e.employerId)).toContain(undeclared.employerId);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'employer_list.update')
        .execute();
      expect(audit.at(-1)!.entity_id).toBe(`${undeclared.employerId}:black`);
    });

    it('puts a timely, current, accurate declarer on the white list and an old one on the black (B3)', async () => {
      const good = await employer({ risk: '严重', industrial: true, staff: 40 });
      await declare(good, 'initial', ago(3));
      const old = await employer({ risk: '严重', industrial: true, staff: 40 });
      await declare(old, 'initial', ago(20));
      const late = await employer({ risk: '严重', industrial: true, staff: 40 });
      await declare(late, 'initial', ago(3), true);
      const page = (await c['demo-county']!.get(`/api/v1/declaration-oversight/lists?pageSize=200`))
        .body as unknown as OversightListPage;
      const of = (id: number) => page.data.find((e) => e.employerId === id);
      expect(of(good)).toMatchObject({ list: 'white', rules: ['W1', 'W2', 'W3'], inspectionMultiplier: 0.5 });
      expect(of(old)).toMatchObject({ list: 'black', rules: ['B3'] });
      expect(of(late)).toBeUndefined();
      expect(declarationListRules.confidence).toBe('uncertain');
      // A county decides for its county only.
      const other = await employer({
        risk: '严重',
        industrial: true,
        staff: 40,
        region: `${city}${county.endsWith('02') ? '03' : '02'}`,
      });
      const res = await c['demo-county']!.post('/api/v1/declaration-oversight/lists/decisions', {
        employerId: other,
        list: 'white',
        action: 'remove',
        reason: '越权',
      });
      expect(res.status).toBe(404);
    });
  });
});

describe('the white and black lists export', () => {
  it('exports the entries the list computes for the same filter, in its order; a county its own; audited', async () => {
    const sibling = `${city}${county.endsWith('02') ? '03' : '02'}`;
    const mine = await employer({ risk: '严重', industrial: true, staff: 30 });
    await declare(mine, 'initial', ago(2));
    const theirs = await employer({ risk: '严重', industrial: true, staff: 30, region: sibling });
    await declare(theirs, 'initial', ago(2));
    const name = async (id: number) =>
      (
        await t.deps.db
          .selectFrom('organisation')
          .select('name')
          .where('organisation_id', '=', id)
          .executeTakeFirstOrThrow()
      ).name;
    const before = (await auditEntries(t.deps.db, 'employer_list.export')).length;
    const cases: Array<[string, string]> = [
      ['demo-county', ''],
      ['demo-county', 'list=white'],
      ['demo-county', 'list=black&state=confirmed'],
      ['demo-city', `region=${county}&list=white`],
      ['demo-province', 'list=black&state=confirmed'],
    ];
    for (const [who, qs] of cases) {
      const page = (await c[who]!.get(`/api/v1/declaration-oversight/lists?pageSize=200&${qs}`))
        .body as unknown as OversightListPage;
      expect(page.total, qs).toBeLessThanOrEqual(200);
      const res = await c[who]!.get(`/api/v1/declaration-oversight/lists/export?${qs}`);
      expect(res.status, qs).toBe(200);
      const x = await readExport(res.raw.rawPayload);
      expect(
        x.rows.map((r) => [r[1], r[2], Number(r[8])]),
        `${who} ${qs}`,
      ).toEqual(page.data.map((e) => [e.name, e.creditCode ?? '', e.inspectionMultiplier]));
      expect(
        x.rows.map((r) =>
          String(r[4])
            .split('；')
            .map((y) => y.split(' ')[0]),
        ),
      ).toEqual(page.data.map((e) => e.rules));
      expect(x.filter.get('符合条件的记录数')).toBe(page.total);
    }
    const countyX = await readExport(
      (await c['demo-county']!.get('/api/v1/declaration-oversight/lists/export?list=white')).raw.rawPayload,
    );
    expect(countyX.rows.map((r) => r[1])).toContain(await name(mine));
    expect(countyX.rows.map((r) => r[1])).not.toContain(await name(theirs));
    const cityCsv = await c['demo-city']!.get(
      `/api/v1/declaration-oversight/lists/export?list=white&format=csv&region=${sibling}`,
    );
    expect(cityCsv.status).toBe(200);
    expect((await readExport(cityCsv.raw.rawPayload, 'csv')).rows.map((r) => r[1])).toContain(
      await name(theirs),
    );
    expect(
      (await c['demo-county']!.get(`/api/v1/declaration-oversight/lists/export?region=${sibling}`)).status,
    ).toBe(404);
    expect((await c['demo-county']!.get('/api/v1/declaration-oversight/lists/export?list=grey')).status).toBe(
      400,
    );
    expect(
      (await c['demo-county']!.get('/api/v1/declaration-oversight/lists/export?state=done')).status,
    ).toBe(400);
    const audits = await auditEntries(t.deps.db, 'employer_list.export');
    expect(audits.length).toBe(before + cases.length + 2);
    expect(audits.at(-1)).toMatchObject({
      after: { format: 'csv', filters: { list: 'white', region: sibling } },
    });
  });
});

describe('policy', () => {
  const base = (o: Partial<Actor>): Actor => ({
    userId: 1,
    username: 'x',
    displayName: 'x',
    organisationId: 1,
    organisationKind: 'health_commission',
    regionCode: '22',
    roleKeys: [],
    permissions: new Set(['declaration_oversight:read', 'declaration_oversight:manage']),
    duties: new Set(['business']),
    ...o,
  });
  it('lets only the provincial commission sample; commissions at any level decide lists', () => {
    expect(isProvincialSampler(base({}))).toBe(true);
    expect(isProvincialSampler(base({ regionCode: '2201' }))).toBe(false);
    expect(isProvincialSampler(base({ regionCode: '220102' }))).toBe(false);
    expect(isProvincialSampler(base({ organisationKind: 'qc_centre' }))).toBe(false);
    expect(isProvincialSampler(base({ permissions: new Set(['declaration_oversight:read']) }))).toBe(false);
    expect(canDecideLists(base({ regionCode: '220102' }))).toBe(true);
    expect(canDecideLists(base({ permissions: new Set(['declaration_oversight:read']) }))).toBe(false);
  });
});

describe('the demo (its own demo province)', () => {
  let d: TestContext;
  const dc: Record<string, Client> = {};
  beforeAll(async () => {
    d = await createTestContext();
    const today = chinaToday();
    await seedDemoDeclarations(d.deps.db, today);
    expect(await seedDemoDeclarationOversight(d.deps.db, today)).toMatch(/sampling \d+ of \d{4}/);
    for (const u of ['demo-province', 'demo-county']) dc[u] = await d.login(u);
  }, 240_000);
  afterAll(async () => d?.close());

  it("has last year's check completed and this year's under way, whose results give the verified rate", async () => {
    const year = Number(chinaToday().slice(0, 4));
    const list = (await dc['demo-province']!.get('/api/v1/declaration-oversight/samplings'))
      .body as unknown as {
      data: Array<{ id: number; year: number; status: string; drawn: number; checked: number }>;
    };
    expect(list.data.map((s) => [s.year, s.status])).toEqual([
      [year, 'in_progress'],
      [year - 1, 'completed'],
    ]);
    const now = list.data[0]!;
    expect(now.checked).toBeGreaterThan(0);
    expect(now.checked).toBeLessThan(now.drawn);
    const r = (await dc['demo-province']!.get('/api/v1/declaration-oversight/rates?region=22'))
      .body as unknown as DeclarationRatesReport;
    expect(r.total.verified).toMatchObject({ samplingId: now.id, year, checked: now.checked });
    // The county reads the province's checks too.
    const county = (await dc['demo-county']!.get('/api/v1/declaration-oversight/samplings'))
      .body as unknown as {
      data: unknown[];
    };
    expect(county.data).toHaveLength(2);
  });

  it('has list decisions by the province, the demo city and the demo county, the rest pending', async () => {
    const page = async (q: string) =>
      (await dc['demo-province']!.get(`/api/v1/declaration-oversight/lists?pageSize=100&${q}`))
        .body as unknown as OversightListPage;
    const confirmed = (await page('state=confirmed')).data;
    expect(new Set(confirmed.map((e) => e.regionCode.slice(0, 6))).size).toBeGreaterThanOrEqual(2);
    expect(new Set(confirmed.map((e) => e.list))).toEqual(new Set(['white', 'black']));
    expect((await page('state=removed')).data.length).toBeGreaterThanOrEqual(1);
    const pending = (await page('state=pending')).data;
    expect(new Set(pending.map((e) => e.regionCode.slice(0, 6))).size).toBeGreaterThanOrEqual(2);
    const deciders = await d.deps.db
      .selectFrom('employer_list_decision')
      .select('organisation_id')
      .distinct()
      .execute();
    expect(deciders.length).toBeGreaterThanOrEqual(2);
  });
});
