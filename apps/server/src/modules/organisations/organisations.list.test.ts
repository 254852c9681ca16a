/**
 * The organisation list at a size where plans matter (issue 14, items 3 and 8), on the engine of the
 * run (PGlite, or PostgreSQL with OHP_TEST_DB=postgresql): a page of any region scope is read from the
 * index of its level in the list's order, never sorted; the total comes from the count table the
 * triggers keep (checked against count(*) after every kind of write), or, for text filters, is exact
 * up to the limit and an estimate above it unless the exact count is asked for.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../demo/seed.js';
import { scopeOfOrganisation, type Scope } from '../../platform/authz/scope.js';
import { buildOrganisation } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import type { OrganisationKind } from '@ohp/contracts';
import { organisationPageQuery, updateOrganisationRow } from './organisations.repository.js';

const LIMIT = 50;

let t: TestContext;
let province: Client;
let city: Client;
let county: Client;
let employer: Client;

/** The administration scope of a demo account, from its organisation (as the session derives it). */
const scopeOfUser = async (username: string): Promise<Scope> => {
  const o = await t.deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['o.kind', 'o.region_code', 'o.organisation_id'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return scopeOfOrganisation(
    { kind: o.kind as OrganisationKind, regionCode: o.region_code, organisationId: o.organisation_id },
    'administration',
  );
};

// 24,000 employers over 2 provinces, 12 cities and 120 counties (200 each), names in random order
// relative to regions: large enough that reading a scope and sorting it, or walking the name index and
// filtering other regions out, is what the planner would otherwise choose.
const GENERATED = 24_000;
const generate = () => sql`
  INSERT INTO organisation (name, kind, level, region_code, name_sort)
  SELECT '计划单位' || i, 'employer', 'county',
         c.city || lpad((1 + (i / 12) % 10)::text, 2, '0'),
         md5(i::text) || ' ' || i
    FROM generate_series(1, ${GENERATED}) AS i
    JOIN (SELECT row_number() OVER () - 1 AS k, city
            FROM unnest(ARRAY['2201','2202','2203','2204','2205','2206','2207','2208',
                              '2101','2102','2103','2104']) AS city) AS c
      ON c.k = i % 12`;

beforeAll(async () => {
  t = await createTestContext({ env: { OHP_LIST_EXACT_COUNT_LIMIT: String(LIMIT) } });
  await generate().execute(t.deps.db);
  await sql`ANALYZE`.execute(t.deps.db);
  province = await t.login('demo-province');
  city = await t.login('demo-city');
  county = await t.login('demo-county');
  employer = await t.login('demo-employer');
}, 120_000);
afterAll(async () => t.close());

type PlanNode = {
  'Node Type': string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  Plans?: PlanNode[];
};
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

type Filters = Parameters<typeof organisationPageQuery>[2];

/** The plan of the page query the service runs (organisationPageQuery), as a flat list of nodes. */
const planOf = async (scope: Scope, q: Filters = {}, offset = 0) => {
  const [row] = await organisationPageQuery(t.deps.db, scope, q, { offset, limit: 20 }).explain<{
    'QUERY PLAN': unknown;
  }>('json');
  const raw = row!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
  return nodes(plan[0]!.Plan);
};

const sorts = (plan: PlanNode[]) => plan.filter((n) => /Sort/.test(n['Node Type']));
const indexScans = (plan: PlanNode[]) =>
  plan.filter((n) => n['Node Type'] === 'Index Scan').map((n) => `${n['Index Name']} ${n['Scan Direction']}`);

describe('a page of the organisation list', () => {
  const cases = [
    ['demo-county', '220102', 'organisation_county_name_idx'],
    ['demo-city', '2201', 'organisation_city_name_idx'],
    ['demo-province', '22', 'organisation_province_name_idx'],
  ] as const;

  it.each(cases)(
    'of %s (scope %s) is read from %s in name order, not sorted',
    async (user, prefix, index) => {
      const scope = await scopeOfUser(user);
      expect(scope).toEqual({ kind: 'region', prefix });
      // First pages (a county holds 200 generated rows: paging to its end reads it all, and sorting it
      // is then as cheap).
      const pages: Array<[Filters, number]> = [
        [{}, 0],
        [{ sort: 'name' }, 40],
        [{ kind: 'employer' }, 20],
      ];
      for (const [q, offset] of pages) {
        const plan = await planOf(scope, q, offset);
        expect(sorts(plan), JSON.stringify(q)).toEqual([]);
        expect(indexScans(plan), JSON.stringify(q)).toEqual([`${index} Forward`]);
      }
      // -name reads the same index backwards.
      const desc = await planOf(scope, { sort: '-name' });
      expect(sorts(desc)).toEqual([]);
      expect(indexScans(desc)).toEqual([`${index} Backward`]);
    },
  );

  it('of a region filter inside the scope reads the filter level index', async () => {
    const plan = await planOf(await scopeOfUser('demo-province'), { regionCode: '220102' });
    expect(sorts(plan)).toEqual([]);
    expect(indexScans(plan)).toEqual(['organisation_county_name_idx Forward']);
  });

  it('sorted by another column sorts the matches (documented fallback)', async () => {
    const plan = await planOf(await scopeOfUser('demo-county'), { sort: '-createdAt' });
    expect(sorts(plan).map((n) => n['Node Type'])).toEqual(['Sort']);
  });

  it('holds the scope: every row of the page lies in it, in name order', async () => {
    const res = await city.get('/api/v1/organisations?pageSize=200&page=3');
    const rows = res.body.data as Array<{ regionCode: string; name: string }>;
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.regionCode.startsWith('2201'))).toBe(true);
    const keys = await t.deps.db
      .selectFrom('organisation')
      .select(['name', 'name_sort'])
      .where(
        'name',
        'in',
        rows.map((r) => r.name),
      )
      .where('region_code', 'like', '2201%')
      .execute();
    const order = new Map(keys.map((k) => [k.name, k.name_sort ?? '']));
    const got = rows.map((r) => order.get(r.name)!);
    expect(got).toEqual([...got].sort());
  });
});

/** The count table's non-zero rows and the live organisations counted, both as sorted lists. */
const counts = async () => {
  const kept = await sql<{ region_code: string; kind: string; n: number }>`
    SELECT region_code, kind, n::integer AS n FROM organisation_region_count WHERE n <> 0
     ORDER BY region_code, kind`.execute(t.deps.db);
  const real = await sql<{ region_code: string; kind: string; n: number }>`
    SELECT region_code, kind, count(*)::integer AS n FROM organisation WHERE status = 'active'
     GROUP BY region_code, kind ORDER BY region_code, kind`.execute(t.deps.db);
  return { kept: kept.rows, real: real.rows };
};
const expectCountsKept = async () => {
  const { kept, real } = await counts();
  expect(real.length).toBeGreaterThan(100);
  expect(kept).toEqual(real);
};

const liveIn = async (prefix: string): Promise<number> => {
  const r = await sql<{ n: number }>`
    SELECT count(*)::integer AS n FROM organisation WHERE status = 'active' AND region_code LIKE ${`${prefix}%`}`.execute(
    t.deps.db,
  );
  return r.rows[0]!.n;
};

describe('the organisation count table', () => {
  it('was filled by the migration and follows the generated rows', async () => {
    await expectCountsKept();
  });

  it('follows inserts, moves between regions and kinds, soft and hard deletes, and an import', async () => {
    // Inserts: one by the factory, several in one statement.
    const a = await buildOrganisation(t.deps, { regionCode: '220102' });
    await sql`INSERT INTO organisation (name, kind, level, region_code, name_sort)
              SELECT '批量插入' || i, 'exam_institution', 'county', '220103', 'pi liang ' || i
                FROM generate_series(1, 7) AS i`.execute(t.deps.db);
    await expectCountsKept();

    // Updates: region, kind, both; a statement moving many rows; an update that moves nothing.
    await updateOrganisationRow(t.deps.db, a, { region_code: '220104', level: 'county' });
    await updateOrganisationRow(t.deps.db, a, { kind: 'service_institution' });
    await sql`UPDATE organisation SET region_code = '220105', kind = 'rehab_station'
               WHERE name LIKE '批量插入%' AND name <> '批量插入1'`.execute(t.deps.db);
    await sql`UPDATE organisation SET contact_name = '张三' WHERE region_code = '220105'`.execute(t.deps.db);
    await expectCountsKept();

    // Soft delete through the service, reactivation by hand, hard delete of a row without dependants.
    expect((await province.delete(`/api/v1/organisations/${a}`)).status).toBe(204);
    await expectCountsKept();
    await sql`UPDATE organisation SET status = 'active' WHERE organisation_id = ${a}`.execute(t.deps.db);
    await expectCountsKept();
    await sql`DELETE FROM organisation WHERE name LIKE '批量插入%'`.execute(t.deps.db);
    await expectCountsKept();

    // An import: one new row and one existing row moved to another county and kind by its credit code.
    const creditCode = makeCreditCode('220102', 88_000_001);
    const created = await province.post('/api/v1/organisations', {
      name: '计数导入前单位',
      kind: 'employer',
      regionCode: '220102',
      creditCode,
    });
    expect(created.status).toBe(201);
    const csv =
      '单位名称,单位类型,行政区划代码,统一社会信用代码\r\n' +
      '计数导入新单位,用人单位,220112,\r\n' +
      `计数导入前单位,职业健康检查机构,220103,${creditCode}\r\n`;
    const { payload, contentType } = multipartFile(Buffer.from(csv), 'counts.csv');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations/import',
      payload,
      headers: { 'content-type': contentType, 'x-csrf-token': province.csrfToken! },
      cookies: { ohp_sid: province.sessionToken! },
    });
    expect(imported.json()).toMatchObject({ accepted: 1, updated: 1 });
    const moved = await t.deps.db
      .selectFrom('organisation')
      .select(['region_code', 'kind'])
      .where('credit_code', '=', creditCode)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ region_code: '220103', kind: 'exam_institution' });
    await expectCountsKept();
  });

  it('keeps nothing of a transaction that rolled back', async () => {
    const before = await counts();
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO organisation (name, kind, level, region_code, name_sort)
                  VALUES ('回滚单位', 'employer', 'county', '220102', 'hui gun')`.execute(trx);
        await sql`UPDATE organisation SET region_code = '220103' WHERE region_code = '220104'`.execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await counts()).toEqual(before);
    await expectCountsKept();
  });

  it('gives the list its exact total for scope, kind and region filters, above the exact-count limit', async () => {
    for (const [client, prefix] of [
      [county, '220102'],
      [city, '2201'],
      [province, '22'],
    ] as const) {
      const res = await client.get('/api/v1/organisations?pageSize=1');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: await liveIn(prefix), totalExact: true });
      expect(Number(res.body.total)).toBeGreaterThan(LIMIT);
    }
    const kinds = await province.get(
      '/api/v1/organisations?kind=exam_institution&regionCode=2201&pageSize=1',
    );
    const examInCity = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM organisation
       WHERE status = 'active' AND kind = 'exam_institution' AND region_code LIKE '2201%'`.execute(t.deps.db);
    expect(kinds.body).toMatchObject({ total: examInCity.rows[0]!.n, totalExact: true });
    // An organisation-only scope counts itself.
    expect((await employer.get('/api/v1/organisations')).body).toMatchObject({ total: 1, totalExact: true });
  });
});

describe('the total of a text search', () => {
  const matching = async (prefix: string, text: string) => {
    const r = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM organisation
       WHERE status = 'active' AND region_code LIKE ${`${prefix}%`} AND name LIKE ${`%${text}%`}`.execute(
      t.deps.db,
    );
    return r.rows[0]!.n;
  };

  it('is exact up to the limit', async () => {
    const n = await matching('2201', '计划单位100');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(LIMIT);
    const res = await city.get(`/api/v1/organisations?q=${encodeURIComponent('计划单位100')}`);
    expect(res.body).toMatchObject({ total: n, totalExact: true });
  });

  it('is an estimate above the limit, never below limit + 1, and exact when asked for', async () => {
    const n = await matching('2201', '计划单位');
    expect(n).toBeGreaterThan(LIMIT);
    const q = `q=${encodeURIComponent('计划单位')}&pageSize=5`;
    const estimated = await city.get(`/api/v1/organisations?${q}`);
    expect(estimated.status).toBe(200);
    expect(estimated.body.totalExact).toBe(false);
    expect(Number(estimated.body.total)).toBeGreaterThanOrEqual(LIMIT + 1);
    expect((estimated.body.data as unknown[]).length).toBe(5);
    const exact = await city.get(`/api/v1/organisations?${q}&exactTotal=true`);
    expect(exact.body).toMatchObject({ total: n, totalExact: true });
  });
});
