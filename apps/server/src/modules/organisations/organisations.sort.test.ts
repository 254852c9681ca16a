/**
 * Names sort by pinyin, in the same order on PGlite and PostgreSQL (this file runs on both, against
 * one expected order): the application's sort key (organisations.sort-key.ts), stored by every writer
 * and backfilled at start for rows written without it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { backfillOrganisationSortKeys } from './organisations.service.js';
import { organisationSortKey, SORT_KEY_VERSION } from './organisations.sort-key.js';

let t: TestContext;
let province: Client;
beforeAll(async () => {
  t = await createTestContext();
  province = await t.login('demo-province');
});
afterAll(async () => t.close());

const byKey = (names: string[]) =>
  [...names].sort((a, b) => {
    const x = organisationSortKey(a);
    const y = organisationSortKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });

const names = async (q: string, sort = 'name') => {
  const res = await province.get(`/api/v1/organisations?q=${encodeURIComponent(q)}&sort=${sort}&pageSize=50`);
  expect(res.status).toBe(200);
  return (res.body.data as Array<{ name: string }>).map((o) => o.name);
};

describe('the pinyin sort key', () => {
  it('reads names as a dictionary does: by syllable, shorter first, polyphones by word', () => {
    expect(organisationSortKey('长春市卫生健康委员会')).toBe(
      'chang chun shi wei sheng jian kang wei yuan hui  长春市卫生健康委员会',
    );
    expect(organisationSortKey('重庆')).toMatch(/^chong qing {2}/);
    expect(organisationSortKey('绿源')).toMatch(/^lv yuan {2}/);
    expect(byKey(['重庆', '长春', '北京', '阿城'])).toEqual(['阿城', '北京', '长春', '重庆']);
    // A name before every longer name it begins; 西安 (xi an) before 先锋 (xian feng).
    expect(byKey(['长春市', '长春', '长春市南关区'])).toEqual(['长春', '长春市', '长春市南关区']);
    expect(byKey(['先锋', '西安'])).toEqual(['西安', '先锋']);
    // Numbers by value, full-width or not; Latin letters lower case; punctuation ignored.
    expect(byKey(['化工（12）', '化工(2)', '化工（１）'])).toEqual(['化工（１）', '化工(2)', '化工（12）']);
    expect(organisationSortKey('ABC·化工')).toMatch(/^abc hua gong {2}/);
    // Names that read alike stay apart, by the name itself.
    expect(organisationSortKey('長春')).not.toBe(organisationSortKey('长春'));
  });
});

describe('sorting the organisation list', () => {
  it('sorts names by pinyin, not by code point, the same on every database', async () => {
    const created = ['重庆排序测试厂', '长春排序测试厂', '北京排序测试厂', '阿城排序测试厂', '长春排序测试'];
    for (const name of created) {
      const res = await province.post('/api/v1/organisations', {
        name,
        kind: 'employer',
        regionCode: '220102',
      });
      expect(res.status).toBe(201);
    }
    const expected = ['阿城排序测试厂', '北京排序测试厂', '长春排序测试', '长春排序测试厂', '重庆排序测试厂'];
    // Code-point order would be 北 < 重 < 长 < 阿.
    expect([...created].sort()).not.toEqual(expected);
    expect(await names('排序测试')).toEqual(expected);
    expect(await names('排序测试', '-name')).toEqual([...expected].reverse());
    // The default sort is the name.
    const res = await province.get(`/api/v1/organisations?q=${encodeURIComponent('排序测试')}`);
    expect((res.body.data as Array<{ name: string }>).map((o) => o.name)).toEqual(expected);
  });

  it('keys every row the application writes: create, rename, import, factory and the demo seed', async () => {
    const renamed = await buildOrganisation(t.deps, { name: '重命名前单位', regionCode: '220102' });
    expect(
      (await province.patch(`/api/v1/organisations/${renamed}`, { name: '安达改名后单位' })).status,
    ).toBe(200);
    const csv = '单位名称,单位类型,行政区划代码\r\n白山导入排序单位,用人单位,220102\r\n';
    const { payload, contentType } = multipartFile(Buffer.from(csv), 'sort.csv');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations/import',
      payload,
      headers: { 'content-type': contentType, 'x-csrf-token': province.csrfToken! },
      cookies: { ohp_sid: province.sessionToken! },
    });
    expect(imported.json()).toMatchObject({ accepted: 1 });
    const rows = await t.deps.db.selectFrom('organisation').select(['name', 'name_sort']).execute();
    expect(rows.length).toBeGreaterThan(100);
    const wrong = rows.filter((r) => r.name_sort !== organisationSortKey(r.name));
    expect(wrong).toEqual([]);
  });

  it('sorts the other columns with empty values last in both directions', async () => {
    const staff = async (sort: string) => {
      const res = await province.get(`/api/v1/organisations?regionCode=220102&sort=${sort}&pageSize=200`);
      return (res.body.data as Array<{ employees: number | null }>).map((o) => o.employees);
    };
    for (const sort of ['employees', '-employees']) {
      const list = await staff(sort);
      const known = list.filter((n): n is number => n !== null);
      expect(list.slice(0, known.length)).toEqual(known);
      expect(known).toEqual([...known].sort((a, b) => (sort.startsWith('-') ? b - a : a - b)));
      expect(list.length).toBeGreaterThan(known.length);
    }
    const codes = await province.get(
      '/api/v1/organisations?kind=exam_institution&sort=creditCode&pageSize=50',
    );
    const list = (codes.body.data as Array<{ creditCode: string }>).map((o) => o.creditCode);
    expect(list).toEqual([...list].sort());
    expect((await province.get('/api/v1/organisations?sort=industryCode')).status).toBe(400);
  });

  it('reads a scoped page by name in index order', async () => {
    await sql`ANALYZE organisation`.execute(t.deps.db);
    const plan = await t.deps.db.transaction().execute(async (trx) => {
      // Tiny test tables are read whole and sorted; forbid both to see the index that keeps the order.
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      await sql`SET LOCAL enable_sort = off`.execute(trx);
      const r = await sql<{ 'QUERY PLAN': string }>`
        EXPLAIN SELECT * FROM organisation o
         WHERE o.status = 'active' AND left(o.region_code, 4) = '2201'
         ORDER BY o.name_sort, o.organisation_id LIMIT 20`.execute(trx);
      return r.rows.map((x) => x['QUERY PLAN']).join('\n');
    });
    // The scope's level index (0007), led by the city prefix and in name order: no sort.
    expect(plan).toMatch(/Index Scan using organisation_city_name_idx/);
    expect(plan).not.toMatch(/Sort/);
  });
});

describe('the start-up backfill of sort keys', () => {
  it('fills rows written without a key, in batches, and recomputes every key when the rule changes', async () => {
    for (const name of ['蛟河补键单位', '安图补键单位', '珲春补键单位']) {
      await sql`INSERT INTO organisation (name, kind, level, region_code)
                VALUES (${name}, 'employer', 'county', '220102')`.execute(t.deps.db);
    }
    // Without a key they sort last.
    expect(await names('补键单位')).toEqual(['蛟河补键单位', '安图补键单位', '珲春补键单位']);
    expect(await backfillOrganisationSortKeys(t.deps.db, { batchSize: 2 })).toBe(3);
    expect(await names('补键单位')).toEqual(['安图补键单位', '珲春补键单位', '蛟河补键单位']);
    // Nothing left: a second run writes nothing.
    expect(await backfillOrganisationSortKeys(t.deps.db)).toBe(0);

    // A stored key of an older rule is recomputed everywhere.
    const total = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('app_setting')
      .set({ value: JSON.stringify(SORT_KEY_VERSION - 1) })
      .where('setting_key', '=', 'organisation_name_sort_version')
      .execute();
    await sql`UPDATE organisation SET name_sort = 'zzz stale' WHERE name = '安图补键单位'`.execute(t.deps.db);
    expect(await backfillOrganisationSortKeys(t.deps.db, { batchSize: 500 })).toBe(Number(total.n));
    expect(await names('补键单位')).toEqual(['安图补键单位', '珲春补键单位', '蛟河补键单位']);
  });
});
