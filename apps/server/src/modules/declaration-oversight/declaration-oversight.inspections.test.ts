/**
 * 双随机抽查 (issue 17 item 5: the white and black lists' effect on inspection frequency): the weighted
 * draw is reproducible, independent of the population's order, and draws a black-listed employer about
 * twice and a white-listed one about half as often as one on neither list; the routes draw within the
 * commission's region with the lists as they stand (a removed entry counts as neither), freeze and verify
 * the population, audit the draw, and scope readers (a county reads its city's draw but only its units; a
 * sibling county reads nothing of it).
 */
import type { InspectionDrawDetail, InspectionDrawPage, InspectionDrawVerify } from '@ohp/contracts';
import { declarationListRules, inspectionDrawExample } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { drawWeighted, uniformOf, type WeightedMember } from './declaration-oversight.draw.js';

const weights = declarationListRules.inspectionMultiplier;
const LISTS = ['white', 'none', 'black'] as const;
const population = (n: number): WeightedMember[] =>
  Array.from({ length: n }, (_, i) => [
    i + 1,
    '220102',
    `9122010200000${String(i).padStart(5, '0')}`,
    LISTS[i % 3]!,
  ]);

describe('the weighted draw (sha256-weighted-v1)', () => {
  it('gives the same units for the same seed, whatever the order of the population, and others for another seed', () => {
    const members = population(600);
    const a = drawWeighted(members, 'SEED-A', 40, weights);
    const shuffled = [...members].sort((x, y) => uniformOf('shuffle', x[2]) - uniformOf('shuffle', y[2]));
    expect(shuffled.map((m) => m[0])).not.toEqual(members.map((m) => m[0]));
    expect(drawWeighted(shuffled, 'SEED-A', 40, weights)).toEqual(a);
    expect(a.map((u) => u.rank)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const b = drawWeighted(members, 'SEED-B', 40, weights);
    expect(b.map((u) => u.employerId)).not.toEqual(a.map((u) => u.employerId));
  });

  it('with equal weights is the plain order of u (highest first)', () => {
    const members = population(300);
    const even = { white: 1, black: 1, none: 1 };
    const byU = [...members]
      .sort((x, y) => uniformOf('EVEN', y[2]) - uniformOf('EVEN', x[2]))
      .slice(0, 25)
      .map((m) => m[0]);
    expect(drawWeighted(members, 'EVEN', 25, even).map((u) => u.employerId)).toEqual(byU);
    for (const m of members) {
      const u = uniformOf('EVEN', m[2]);
      expect(u > 0 && u < 1).toBe(true);
    }
  });

  it('draws a black-listed employer about twice, a white-listed one about half as often as one on neither', () => {
    // 3,000 employers, a third on each list; 300 drawn (10 %) under 20 seeds. Sampling one at a time
    // proportionally to weight gives, at this small fraction, inclusion close to n·w ÷ Σw: 0.171 black,
    // 0.086 neither, 0.043 white (slightly under proportional for the heaviest).
    const members = population(3000);
    const drawn = { white: 0, black: 0, none: 0 };
    for (let s = 0; s < 20; s++)
      for (const u of drawWeighted(members, `RATE-${s}`, 300, weights)) drawn[u.list] += 1;
    const rate = (l: keyof typeof drawn) => drawn[l] / (20 * 1000);
    expect(rate('black') / rate('none')).toBeGreaterThan(1.75);
    expect(rate('black') / rate('none')).toBeLessThan(2.1);
    expect(rate('white') / rate('none')).toBeGreaterThan(0.42);
    expect(rate('white') / rate('none')).toBeLessThan(0.58);
  });
});

describe('inspection draws through the routes', () => {
  let t: TestContext;
  const c: Record<string, Client> = {};
  let county = '';
  let sibling = '';
  beforeAll(async () => {
    // The demo province with the modules' demo data: declarations, lists and this year's draws.
    t = await createTestContext({ examCards: true });
    for (const u of ['demo-province', 'demo-city', 'demo-county', 'demo-qc', 'demo-employer'])
      c[u] = await t.login(u);
    county = (
      await t.deps.db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
        .select('o.region_code')
        .where('u.username', '=', 'demo-county')
        .executeTakeFirstOrThrow()
    ).region_code;
    // A commission of a sibling county of the same city, with a regulator.
    const other = await t.deps.db
      .selectFrom('organisation')
      .select('region_code')
      .where('kind', '=', 'employer')
      .where('region_code', 'like', `${county.slice(0, 4)}%`)
      .where('region_code', 'not like', `${county}%`)
      .orderBy('region_code')
      .executeTakeFirstOrThrow();
    sibling = other.region_code.slice(0, 6);
    const hc = await buildOrganisation(t.deps, {
      kind: 'health_commission',
      regionCode: sibling,
      name: '抽查测试兄弟县卫健局',
    });
    const u = await buildUser(t.deps, { organisationId: hc, roleKeys: ['regulator'] });
    c.sibling = await t.login(u.username);
    const bureau = await buildOrganisation(t.deps, {
      kind: 'disease_control_bureau',
      regionCode: county,
      name: '抽查测试疾控局',
    });
    const v = await buildUser(t.deps, { organisationId: bureau, roleKeys: ['regulator'] });
    c.bureau = await t.login(v.username);
  }, 180_000);
  afterAll(async () => t.close());

  const base = '/api/v1/declaration-oversight/inspection-draws';
  /** Employers of a region in the programme (active, with no status or an active one), counted directly. */
  const inProgramme = async (region: string) =>
    Number(
      (
        await t.deps.db
          .selectFrom('organisation as o')
          .leftJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('o.kind', '=', 'employer')
          .where('o.status', '=', 'active')
          .where('o.region_code', 'like', `${region}%`)
          .where((eb) =>
            eb.or([eb('p.programme_status', 'is', null), eb('p.programme_status', '=', 'active')]),
          )
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('the demo has this year’s draws: the county reads its own and its city’s, seeing only its units', async () => {
    const list = (await c['demo-county']!.get(base)).body as unknown as InspectionDrawPage;
    const regions = list.data.map((d) => d.regionCode).sort();
    expect(regions).toEqual([county.slice(0, 4), county]);
    expect(list.abilities.draw).toBe(true);
    const cityDraw = list.data.find((d) => d.regionCode.length === 4)!;
    // The county's draw froze every employer of the county in the programme as the demo left them.
    const countyDraw = list.data.find((d) => d.regionCode === county)!;
    expect(countyDraw.populationCount).toBe(await inProgramme(county));
    const asCounty = (await c['demo-county']!.get(`${base}/${cityDraw.id}`))
      .body as unknown as InspectionDrawDetail;
    const asCity = (await c['demo-city']!.get(`${base}/${cityDraw.id}`))
      .body as unknown as InspectionDrawDetail;
    expect(asCity.units.length).toBe(asCity.drawn);
    expect(asCity.unitsElsewhere).toBe(0);
    expect(asCounty.units.every((u) => u.regionCode.startsWith(county))).toBe(true);
    expect(asCounty.units.length + asCounty.unitsElsewhere).toBe(asCity.drawn);
    expect(asCounty.units.map((u) => u.employerId)).toEqual(
      asCity.units.filter((u) => u.regionCode.startsWith(county)).map((u) => u.employerId),
    );
    // The city drew only 严重 employers.
    expect(asCity.riskClasses).toEqual(['严重']);
    expect(asCity.units.every((u) => u.riskClass === '严重')).toBe(true);
    // The sibling county reads neither the demo county's draw nor, of the city's, any unit of the county.
    const sib = (await c.sibling!.get(base)).body as unknown as InspectionDrawPage;
    expect(sib.data.map((d) => d.regionCode)).toEqual([county.slice(0, 4)]);
    expect((await c.sibling!.get(`${base}/${countyDraw.id}`)).status).toBe(404);
    expect((await c.sibling!.get(`${base}/${countyDraw.id}/verify`)).status).toBe(404);
    const sibCity = (await c.sibling!.get(`${base}/${cityDraw.id}`)).body as unknown as InspectionDrawDetail;
    expect(sibCity.units.every((u) => u.regionCode.startsWith(sibling))).toBe(true);
    // An employer has no access at all.
    expect((await c['demo-employer']!.get(base)).status).toBe(403);
  });

  it('draws within the county with the lists’ weights, freezes the population, verifies and audits', async () => {
    const res = await c['demo-county']!.post(base, {
      ...inspectionDrawExample,
      seed: 'TEST-SSJ-1',
      planned: 8,
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    const d = res.body as unknown as InspectionDrawDetail;
    expect(d.regionCode).toBe(county);
    expect(d.method).toBe('sha256-weighted-v1');
    expect(d.weights).toEqual(weights);
    expect(d.weightsProvisional).toBe(true);
    expect(d.units.length).toBe(Math.min(8, d.populationCount));
    expect(d.units.every((u) => u.regionCode.startsWith(county) && u.weight === weights[u.list])).toBe(true);
    // Per list: the population sums to the whole, the drawn to the units.
    expect(d.lists.reduce((s, l) => s + l.population, 0)).toBe(d.populationCount);
    expect(d.lists.reduce((s, l) => s + l.drawn, 0)).toBe(d.units.length);
    // The population as frozen: the county's employers in the programme, each with its list.
    const row = await t.deps.db
      .selectFrom('inspection_draw')
      .select(['population', 'population_count'])
      .where('draw_id', '=', d.id)
      .executeTakeFirstOrThrow();
    const frozen = (
      typeof row.population === 'string' ? JSON.parse(row.population) : row.population
    ) as WeightedMember[];
    expect(frozen.length).toBe(row.population_count);
    expect(frozen.every((m) => m[1].startsWith(county))).toBe(true);
    expect(frozen.length).toBe(await inProgramme(county));
    // Replayed from the frozen population it gives the same units; the same seed again, the same draw.
    const verify = (await c['demo-county']!.get(`${base}/${d.id}/verify`))
      .body as unknown as InspectionDrawVerify;
    expect(verify).toMatchObject({ populationIntact: true, sameDraw: true });
    const again = (
      await c['demo-county']!.post(base, { ...inspectionDrawExample, seed: 'TEST-SSJ-1', planned: 8 })
    ).body as unknown as InspectionDrawDetail;
    expect(again.units.map((u) => u.employerId)).toEqual(d.units.map((u) => u.employerId));
    // Audited.
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'inspection_draw.create')
      .where('entity_id', '=', String(d.id))
      .execute();
    expect(audit.length).toBe(1);
    // A tampered population no longer verifies.
    await t.deps.db
      .updateTable('inspection_draw')
      .set({
        population: JSON.stringify(
          frozen.map((m, i) => (i === 0 ? [m[0], m[1], m[2], m[3] === 'black' ? 'white' : 'black'] : m)),
        ),
      })
      .where('draw_id', '=', d.id)
      .execute();
    const tampered = (await c['demo-county']!.get(`${base}/${d.id}/verify`))
      .body as unknown as InspectionDrawVerify;
    expect(tampered.populationIntact).toBe(false);
  });

  it('counts an entry the regulator removed from a list as on neither', async () => {
    // An entry of the city on a list and not removed (pending or confirmed).
    const lists = (
      await c['demo-city']!.get(
        `/api/v1/declaration-oversight/lists?region=${county.slice(0, 4)}&pageSize=100`,
      )
    ).body as unknown as {
      data: Array<{ employerId: number; list: 'white' | 'black'; state: string }>;
    };
    const entry = lists.data.find((e) => e.state !== 'removed')!;
    expect(entry).toBeDefined();
    const listOf = async (drawId: number) => {
      const row = await t.deps.db
        .selectFrom('inspection_draw')
        .select('population')
        .where('draw_id', '=', drawId)
        .executeTakeFirstOrThrow();
      const members = (
        typeof row.population === 'string' ? JSON.parse(row.population) : row.population
      ) as WeightedMember[];
      return members.find((m) => m[0] === entry.employerId)?.[3];
    };
    const before = (await c['demo-city']!.post(base, { year: 2026, planned: 1, seed: 'TEST-LIST-1' }))
      .body as unknown as InspectionDrawDetail;
    expect(await listOf(before.id)).toBe(entry.list);
    const decided = await c['demo-city']!.post('/api/v1/declaration-oversight/lists/decisions', {
      employerId: entry.employerId,
      list: entry.list,
      action: 'remove',
      reason: '测试：移出名单',
    });
    expect(decided.status).toBe(200);
    const after = (await c['demo-city']!.post(base, { year: 2026, planned: 1, seed: 'TEST-LIST-1' }))
      .body as unknown as InspectionDrawDetail;
    expect(await listOf(after.id)).toBe('none');
  });

  it('refuses a region outside the commission, an unknown one, a non-commission and a reader', async () => {
    const outside = await c['demo-county']!.post(base, { ...inspectionDrawExample, region: sibling });
    expect(outside.status).toBe(400);
    expect(JSON.stringify(outside.body)).toContain('inspection_draw_region_outside');
    const unknown = await c['demo-city']!.post(base, {
      ...inspectionDrawExample,
      region: `${county.slice(0, 4)}98`,
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('region_unknown');
    const bad = await c['demo-county']!.post(base, { ...inspectionDrawExample, planned: 0 });
    expect(bad.status).toBe(400);
    const bureau = await c.bureau!.post(base, inspectionDrawExample);
    expect(bureau.status).toBe(403);
    expect(JSON.stringify(bureau.body)).toContain('inspection_draw_commission_only');
    expect((await c['demo-qc']!.post(base, inspectionDrawExample)).status).toBe(403);
    const count = await t.deps.db
      .selectFrom('inspection_draw')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seed', '=', inspectionDrawExample.seed!)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
