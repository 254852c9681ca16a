/**
 * 规划目标 (issue 16 item 9) against a real database: a county meets its target only with a public exam
 * institution whose live filing is filed with a dust factor not blocked; a private one, a cancelled or a
 * pending filing, or one without a dust factor does not count; a city meets it with a public filed
 * diagnosis institution; the scope (a county regulator sees its county only); and the demo's mix.
 */
import { coverageRules, type CoverageRegion, type CoverageReport } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFiling, buildOrganisation } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { isDustCode } from './coverage.rules.js';
import { seedDemoCoverage } from './index.js';

describe('the dust rule', () => {
  it('takes the national codes of category 1 (粉尘), nothing else', () => {
    expect(['1038', '1021', '1099'].every(isDustCode)).toBe(true);
    expect(['1', '2013', '3008', '5001', '10'].some(isDustCode)).toBe(false);
    // The rule is stated as uncertain wherever it is shown.
    expect(coverageRules.find((r) => r.kind === 'county_exam')!.uncertain.length).toBeGreaterThan(0);
  });
});

let t: TestContext;
let province: Client;
let city: Client;
let county: Client;
let qc: Client;

/** An exam or diagnosis institution in `region`, public or not, with its filing and filed codes. */
const institution = async (o: {
  kind: 'exam_institution' | 'diagnosis_institution';
  region: string;
  isPublic: boolean;
  filing?: 'filed' | 'submitted' | 'cancelled';
  codes?: string[];
  blocked?: string[];
  name: string;
}) => {
  const id = await buildOrganisation(t.deps, { kind: o.kind, regionCode: o.region, name: o.name });
  await t.deps.db
    .updateTable('organisation')
    .set({ is_public: o.isPublic })
    .where('organisation_id', '=', id)
    .execute();
  if (o.filing) await buildFiling(t.deps, { institutionId: id, status: o.filing });
  const rows = [
    ...(o.codes ?? []).map((hazard_code) => ({ hazard_code, status: 'filed' as const })),
    ...(o.blocked ?? []).map((hazard_code) => ({ hazard_code, status: 'blocked' as const })),
  ];
  if (rows.length)
    await t.deps.db
      .insertInto('institution_capability')
      .values(rows.map((r) => ({ ...r, institution_id: id, source: 'filing' as const })))
      .execute();
  return id;
};

beforeAll(async () => {
  t = await createTestContext();
  province = await t.login('demo-province');
  city = await t.login('demo-city');
  county = await t.login('demo-county');
  qc = await t.login('demo-qc');
});
afterAll(async () => t.close());

const report = async (c: Client, q = '') => {
  const r = await c.get(`/api/v1/coverage${q}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as CoverageReport;
};
const row = (rows: CoverageRegion[], code: string) => rows.find((r) => r.regionCode === code)!;

describe('the county target', () => {
  it('is not met by a private, cancelled, pending or dust-less institution, nor by a blocked dust factor', async () => {
    // 南关区 (220102): five institutions, none of which counts.
    await institution({
      kind: 'exam_institution',
      region: '220102',
      isPublic: false,
      filing: 'filed',
      codes: ['1038'],
      name: '南关私立体检',
    });
    await institution({
      kind: 'exam_institution',
      region: '220102',
      isPublic: true,
      filing: 'cancelled',
      codes: [],
      name: '南关注销体检',
    });
    await institution({
      kind: 'exam_institution',
      region: '220102',
      isPublic: true,
      filing: 'submitted',
      name: '南关待审体检',
    });
    await institution({
      kind: 'exam_institution',
      region: '220102',
      isPublic: true,
      filing: 'filed',
      codes: ['2013', '3008'],
      name: '南关无粉尘体检',
    });
    await institution({
      kind: 'exam_institution',
      region: '220102',
      isPublic: true,
      filing: 'filed',
      codes: ['3008'],
      blocked: ['1038'],
      name: '南关粉尘受限体检',
    });
    await institution({ kind: 'exam_institution', region: '220102', isPublic: true, name: '南关未备案体检' });
    const r = row((await report(county)).counties, '220102');
    expect(r.met).toBe(false);
    expect(r.counting).toEqual([]);
    const why = Object.fromEntries(r.notCounting.map((i) => [i.name, i.reasons]));
    expect(why).toEqual({
      南关私立体检: ['not_public'],
      南关注销体检: ['filing_cancelled'],
      南关待审体检: ['filing_pending'],
      南关无粉尘体检: ['no_dust_capability'],
      南关粉尘受限体检: ['no_dust_capability'],
      南关未备案体检: ['not_filed'],
    });
  });

  it('is met by a public institution filed with a dust factor, listed as the one that counts', async () => {
    const id = await institution({
      kind: 'exam_institution',
      region: '220103',
      isPublic: true,
      filing: 'filed',
      codes: ['1038', '3008'],
      name: '宽城公立体检',
    });
    // A township institution counts for its county; a city-level one for none.
    await institution({
      kind: 'exam_institution',
      region: '2201',
      isPublic: true,
      filing: 'filed',
      codes: ['1021'],
      name: '长春市本级体检',
    });
    const r = await report(city);
    const kuancheng = row(r.counties, '220103');
    expect(kuancheng.met).toBe(true);
    expect(kuancheng.counting).toEqual([
      expect.objectContaining({
        institutionId: id,
        isPublic: true,
        filingStatus: 'filed',
        dustCodes: ['1038'],
        reasons: [],
      }),
    ]);
    expect(r.counties.some((k) => k.counting.some((i) => i.name === '长春市本级体检'))).toBe(false);
    expect(row(r.counties, '220102').met).toBe(false);
    expect(r.summary.countiesMet).toBe(r.counties.filter((k) => k.met).length);
    expect(r.caveats[0]!.zh).toContain('职业病院');
  });
});

describe('the city target', () => {
  it('is met by a public filed diagnosis institution, not by a private or cancelled one', async () => {
    await institution({
      kind: 'diagnosis_institution',
      region: '220203',
      isPublic: false,
      filing: 'filed',
      name: '吉林私立诊断',
    });
    await institution({
      kind: 'diagnosis_institution',
      region: '2202',
      isPublic: true,
      filing: 'cancelled',
      name: '吉林注销诊断',
    });
    let r = row((await report(province)).cities, '2202');
    expect(r.met).toBe(false);
    const why = Object.fromEntries(r.notCounting.map((i) => [i.name, i.reasons]));
    expect(why).toMatchObject({ 吉林私立诊断: ['not_public'], 吉林注销诊断: ['filing_cancelled'] });
    // The demo's own diagnosis institution of 吉林市 is public but not filed.
    expect(why['吉林市职业病诊断中心（1）']).toEqual(['not_filed']);
    await institution({
      kind: 'diagnosis_institution',
      region: '220204',
      isPublic: true,
      filing: 'filed',
      name: '吉林公立诊断',
    });
    r = row((await report(province)).cities, '2202');
    expect(r.met).toBe(true);
    expect(r.counting.map((i) => i.name)).toEqual(['吉林公立诊断']);
  });
});

describe('scope', () => {
  it('shows a county regulator its county only, a city regulator its city and counties', async () => {
    const mine = await report(county);
    expect(mine.regionCode).toBe('220102');
    expect(mine.cities).toEqual([]);
    expect(mine.counties.map((k) => k.regionCode)).toEqual(['220102']);
    expect((await county.get('/api/v1/coverage?region=2201')).status).toBe(404);
    expect((await county.get('/api/v1/coverage?region=220103')).status).toBe(404);
    const c = await report(city);
    expect(c.cities.map((x) => x.regionCode)).toEqual(['2201']);
    expect(c.counties.every((k) => k.regionCode.startsWith('2201'))).toBe(true);
    expect((await city.get('/api/v1/coverage?region=2202')).status).toBe(404);
    const p = await report(qc);
    expect(p.cities.length).toBe(9);
    expect(p.summary.counties).toBe(p.counties.length);
    expect((await (await t.login('demo-exam')).get('/api/v1/coverage')).status).toBe(403);
  });
});

describe('the demo', () => {
  let d: TestContext;
  beforeAll(async () => {
    d = await createTestContext();
  });
  afterAll(async () => d.close());

  it('files eight institutions so that some counties and cities meet the target and some have gaps', async () => {
    expect(await seedDemoCoverage(d.deps.db)).toContain('8');
    expect(await seedDemoCoverage(d.deps.db)).toBeNull();
    const r = (await (await d.login('demo-province')).get('/api/v1/coverage'))
      .body as unknown as CoverageReport;
    const county = (code: string) => row(r.counties, code);
    expect(['220112', '220182', '220204'].map((k) => county(k).met)).toEqual([true, true, true]);
    expect(county('220183').notCounting.some((i) => i.reasons.includes('no_dust_capability'))).toBe(true);
    expect(county('220122').notCounting.some((i) => i.reasons.includes('not_public'))).toBe(true);
    expect(county('220105').notCounting.some((i) => i.reasons.includes('filing_cancelled'))).toBe(true);
    expect(county('220102').met).toBe(false);
    expect(row(r.cities, '2202').met).toBe(true);
    expect(row(r.cities, '2204').notCounting.map((i) => i.reasons)).toEqual([['not_public']]);
    expect(r.summary.countiesMet).toBe(3);
  });
});
