import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let c: Client;
beforeAll(async () => {
  t = await createTestContext({ seed: true });
  c = await t.login('demo-employer');
});
afterAll(async () => t.close());

describe('catalogues', () => {
  it('lists every catalogue with edition, effective dates, source, verification and count', async () => {
    const res = await c.get('/api/v1/catalogues');
    expect(res.status).toBe(200);
    const rows = res.body.data as Array<{
      id: string;
      count: number;
      source: string;
      verified: string;
      effectiveFrom: string | null;
    }>;
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId['hazard-factors']?.count).toBe(459);
    expect(byId['diseases-2013']?.count).toBe(132);
    expect(byId['diseases-2024']?.count).toBe(135);
    expect(byId['diseases-2024']?.effectiveFrom).toBe('2025-08-01');
    expect(
      rows.every((r) => r.source.length > 0 && ['verified', 'partial', 'unverified'].includes(r.verified)),
    ).toBe(true);
  });

  it('pages, searches and drills into hierarchical catalogues', async () => {
    const top = await c.get('/api/v1/catalogues/industries?parent=&pageSize=50');
    expect(top.body.total).toBe(20);
    const mining = await c.get('/api/v1/catalogues/industries?parent=B&pageSize=50');
    expect((mining.body.data as Array<{ code: string }>).map((r) => r.code)).toContain('06');
    // Drill-down arrows: 大类 06 has 中类 children, a 小类 has none.
    const rows = mining.body.data as Array<{ code: string; hasChildren: boolean }>;
    expect(rows.find((r) => r.code === '06')?.hasChildren).toBe(true);
    const leaf = await c.get('/api/v1/catalogues/industries?parent=061&pageSize=5');
    expect((leaf.body.data as Array<{ hasChildren: boolean }>).every((r) => !r.hasChildren)).toBe(true);
    const search = await c.get(`/api/v1/catalogues/diseases-2024?q=${encodeURIComponent('矽肺')}`);
    expect(search.body.total).toBeGreaterThan(0);
    expect((await c.get('/api/v1/catalogues/no-such-catalogue')).status).toBe(404);
  });

  it('serves the exchange specification code tables: listed, paged, searched and as trees', async () => {
    const list = (await c.get('/api/v1/catalogues')).body.data as Array<{
      id: string;
      count: number;
      verified: string;
    }>;
    const byId = Object.fromEntries(list.map((r) => [r.id, r]));
    expect(list.filter((r) => r.id.startsWith('cdc2021-'))).toHaveLength(21);
    expect(byId['cdc2021-work-types']?.count).toBe(4684);
    expect(byId['cdc2021-health-indicators']?.count).toBe(1398);
    expect(byId['cdc2021-hazard-factors']?.count).toBe(602);
    expect(byId['cdc2021-diseases']?.verified).toBe('partial');
    // The large table is paged: page 2 of 50 starts at row 51.
    const page2 = await c.get('/api/v1/catalogues/cdc2021-work-types?page=2&pageSize=50');
    expect(page2.body.total).toBe(4684);
    expect(page2.body.data).toHaveLength(50);
    const found = await c.get(`/api/v1/catalogues/cdc2021-work-types?q=${encodeURIComponent('矿车修理工')}`);
    expect((found.body.data as Array<{ code: string; codeSystem: string }>)[0]).toMatchObject({
      code: '41-098',
      codeSystem: 'cdc2021.worktype',
    });
    // Hazard factors drill down from the seven categories; a search also finds the mapped 2015 name.
    const top = await c.get('/api/v1/catalogues/cdc2021-hazard-factors?parent=&pageSize=20');
    expect((top.body.data as Array<{ code: string }>).map((r) => r.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '9',
    ]);
    const dust = await c.get('/api/v1/catalogues/cdc2021-hazard-factors?parent=1&pageSize=100');
    expect(dust.body.total).toBe(58);
    const lead = await c.get(
      `/api/v1/catalogues/cdc2021-hazard-factors?q=${encodeURIComponent('铅及其化合物')}`,
    );
    const r2237 = (lead.body.data as Array<{ code: string; mapped: unknown }>).find((r) => r.code === '2237');
    expect(r2237?.mapped).toMatchObject({ id: '2-1', match: 'manual', relation: 'narrower' });
    const types = await c.get('/api/v1/catalogues/cdc2021-exam-types');
    expect(
      (types.body.data as Array<{ code: string; name: string }>).map((r) => `${r.code}${r.name}`),
    ).toEqual(['01上岗前', '02在岗期间', '03离岗时', '04应急', '05离岗后']);
  });

  it('serves the region tree lazily and by search, flagging statistical-only units', async () => {
    const provinces = await c.get('/api/v1/regions');
    const codes = (provinces.body.data as Array<{ code: string }>).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['11', '22', '71', '81', '82']));
    const jilin = await c.get('/api/v1/regions?parent=22');
    expect(
      (jilin.body.data as Array<{ name: string; hasChildren: boolean }>).find((r) => r.name === '长春市')
        ?.hasChildren,
    ).toBe(true);
    const found = await c.get(`/api/v1/regions?q=${encodeURIComponent('南关')}`);
    const nanguan = (found.body.data as Array<{ code: string; pathName: string }>).find(
      (r) => r.code === '220102',
    );
    expect(nanguan?.pathName).toBe('吉林省 长春市 南关区');
    const path = await c.get('/api/v1/regions/220102');
    expect((path.body.path as Array<{ name: string }>).map((r) => r.name)).toEqual([
      '吉林省',
      '长春市',
      '南关区',
    ]);
    const changchun = await c.get('/api/v1/regions?parent=2201');
    const stat = (changchun.body.data as Array<{ code: string; statisticalOnly: boolean }>).filter((r) =>
      /7\d$/.test(r.code),
    );
    expect(stat.length).toBeGreaterThan(0);
    expect(stat.every((r) => r.statisticalOnly)).toBe(true);
    expect((await c.get('/api/v1/regions?parent=99')).status).toBe(404);
  });
});
