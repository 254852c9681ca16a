/**
 * 信息公开 (issue 16 item 8; R45, R51, R52): the row providers of filings and verifications, the demo
 * publications, preview → publish → withdraw with audit, the snapshot frozen (later data changes and
 * direct writes do not alter a publication), province-only publishing (a city or county commission 403
 * with the reason, another province's publication 404), the public routes without login exposing only
 * the printed rows (asserted on the JSON keys), search and pages, bad inputs by field in both languages,
 * and the public routes' rate limit.
 */
import { chinaToday } from '@ohp/reference';
import type {
  PublicListDetail,
  PublicListIndex,
  PublicListOverview,
  PublicListPage,
  PublicListPreview,
  PublicListSummary,
} from '@ohp/contracts';
import { publicListKinds } from '@ohp/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFiling, buildOrganisation, buildUser, buildVerification } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { filedInstitutionRows } from '../filings/index.js';
import { lackingCapabilityRows } from '../verifications/index.js';
import { DEMO_PUBLIC_LIST_IDS } from './index.js';
import { rowSources } from './public-lists.sources.js';

const RATE_LIMIT = 80;
let t: TestContext;
const c: Record<string, Client> = {};
let otherProvince: Client;
beforeAll(async () => {
  t = await createTestContext({
    examCards: true,
    env: { OHP_PUBLIC_LIST_RATE_LIMIT: String(RATE_LIMIT) },
  });
  for (const u of ['demo-province', 'demo-city', 'demo-county', 'demo-qc', 'demo-exam', 'demo-sysadmin'])
    c[u] = await t.login(u);
  // The health commission of another province (辽宁, 21), with the provincial regulator's role.
  const liaoning = await buildOrganisation(t.deps, {
    kind: 'health_commission',
    regionCode: '21',
    name: '辽宁省卫生健康委员会（测试）',
  });
  const u = await buildUser(t.deps, { organisationId: liaoning, roleKeys: ['regulator_admin'] });
  otherProvince = await t.login(u.username);
}, 180_000);
afterAll(async () => t.close());

/** China dates, as the platform's (UTC+8). */
const today = () => chinaToday();
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const anon = () => t.anonymous();
const publicPage = async (kind: string, query = '') => {
  const res = await anon().get(`/api/v1/public/lists/22/${kind}${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as PublicListPage;
};
const preview = async (kind: string, q = '') => {
  const res = await c['demo-province']!.get(`/api/v1/public-lists/preview/${kind}${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as PublicListPreview;
};
const publish = async (body: Record<string, unknown>) => {
  const res = await c['demo-province']!.post('/api/v1/public-lists/publications', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; rowCount: number; publishedOn: string };
};
const detail = async (id: number, q = '') => {
  const res = await c['demo-province']!.get(`/api/v1/public-lists/publications/${id}${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as PublicListDetail;
};
const audits = (id: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_username', 'after'])
    .where('entity_type', '=', 'public_list')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
const reasons = (body: Record<string, unknown>) =>
  ((body.error as { details?: Array<{ path: string; reason?: string }> }).details ?? []).map((d) => [
    d.path,
    d.reason,
  ]);
const reasonOf = (body: Record<string, unknown>) => (body.error as { reason?: string }).reason;

describe('row providers', () => {
  it('lists every filed exam and diagnosis institution of the province with its items, address and region', async () => {
    const filed = await t.deps.db
      .selectFrom('filing as f')
      .innerJoin('organisation as o', 'o.organisation_id', 'f.institution_id')
      .select(['o.name', 'f.filing_no'])
      .where('f.status', '=', 'filed')
      .where('f.kind', 'in', ['exam', 'diagnosis'])
      .where('f.region_code', 'like', '22%')
      .execute();
    expect(filed.length).toBeGreaterThan(0);
    const rows = await filedInstitutionRows(t.deps.db, '22');
    expect(rows.map((r) => r.reference).sort()).toEqual(filed.map((f) => f.filing_no).sort());
    for (const r of rows) {
      expect(r.regionName).toMatch(/^吉林省 /);
      expect(r.detail).toContain(`服务地区：${r.regionName}`);
      expect(r.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.items.length).toBeGreaterThan(0);
    }
    // Items by category with the national names (the demo filings hold dust factors such as 矽尘).
    expect(rows.flatMap((r) => r.items).some((i) => /^接触粉尘类：.*尘/.test(i))).toBe(true);
    // Submitted or returned filings are not filed; another province has none.
    const waiting = await t.deps.db
      .selectFrom('filing as f')
      .innerJoin('organisation as o', 'o.organisation_id', 'f.institution_id')
      .select('o.name')
      .where('f.status', 'in', ['submitted', 'returned'])
      .execute();
    expect(waiting.length).toBeGreaterThan(0);
    for (const w of waiting) expect(rows.map((r) => r.institutionName)).not.toContain(w.name);
    expect(await filedInstitutionRows(t.deps.db, '21')).toEqual([]);
  });

  it('lists the institutions failing the verification or with blocked items, with the items and the problems', async () => {
    const rows = await lackingCapabilityRows(t.deps.db, '22');
    // The demo verification 2 blocked the radiation factor 5001 (its E3 item 不符合).
    const blocked = await t.deps.db
      .selectFrom('institution_capability as c')
      .innerJoin('organisation as o', 'o.organisation_id', 'c.institution_id')
      .select(['o.name', 'c.hazard_code'])
      .where('c.status', '=', 'blocked')
      .execute();
    expect(blocked.length).toBeGreaterThan(0);
    for (const b of blocked) {
      const row = rows.find((r) => r.institutionName === b.name);
      expect(row, b.name).toBeDefined();
      expect(row!.items.join(' ')).toContain('接触放射因素类：');
      expect(row!.detail).toMatch(/放射诊疗许可证|放射/);
    }
    // A verification that passed with every factor capable puts nobody on the list.
    const passed = await t.deps.db
      .selectFrom('verification as v')
      .innerJoin('organisation as o', 'o.organisation_id', 'v.institution_id')
      .select('o.name')
      .where('v.result', '=', 'passed')
      .execute();
    for (const p of passed)
      if (!blocked.some((b) => b.name === p.name))
        expect(rows.map((r) => r.institutionName)).not.toContain(p.name);
    expect(await lackingCapabilityRows(t.deps.db, '21')).toEqual([]);
  });

  it('puts an institution whose verification failed on a key item on the list as not meeting the conditions', async () => {
    const inst = await buildOrganisation(t.deps, {
      kind: 'exam_institution',
      regionCode: '220104',
      name: '核查未通过测试医院',
    });
    const v = await buildVerification(t.deps, { institutionId: inst, recorded: true });
    const p1 = await t.deps.db
      .selectFrom('verification_template_item')
      .select('verification_template_item_id')
      .where('item_code', '=', 'P1')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('verification_item_result')
      .set({ result: 'nonconform', note: '主检医师未到岗' })
      .where('verification_id', '=', v.id)
      .where('verification_template_item_id', '=', p1.verification_template_item_id)
      .execute();
    const qc = c['demo-qc']!;
    const done = await qc.post(`/api/v1/verifications/${v.id}/complete`, {});
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.result).toBe('failed');
    const row = (await lackingCapabilityRows(t.deps.db, '22')).find((r) => r.institutionId === inst);
    expect(row?.reference).toBe('不具备规定条件（现场核查未通过）');
    expect(row?.detail).toContain('【关键项】');
    // The assessors' free-text note stays internal.
    expect(JSON.stringify(row)).not.toContain('主检医师未到岗');
  });
});

describe('demo publications and the public pages', () => {
  it('seeds the filed and lacking-capability lists of the demo province, shown without login with their dates', async () => {
    const res = await anon().get('/api/v1/public/lists');
    expect(res.status).toBe(200);
    const index = res.body as unknown as PublicListIndex;
    const jilin = index.provinces.find((p) => p.code === '22');
    expect(jilin?.name).toBe('吉林省');
    const filed = jilin!.lists.find((l) => l.kind === 'filed_institutions')!;
    expect(filed.latest?.id).toBe(DEMO_PUBLIC_LIST_IDS.filed);
    expect(filed.latest?.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(filed.latest?.publisherName).toBe('吉林省卫生健康委员会');
    expect(jilin!.lists.find((l) => l.kind === 'lacking_capability')!.latest?.id).toBe(
      DEMO_PUBLIC_LIST_IDS.lacking,
    );
    expect(jilin!.lists.map((l) => l.kind)).toEqual([...publicListKinds]);
    // Every kind with rows in the demo province is published from a fresh start.
    for (const l of jilin!.lists) {
      const live = await preview(l.kind);
      expect(l.latest === null, l.kind).toBe(live.total === 0);
    }
    expect(jilin!.lists.filter((l) => l.latest).length).toBeGreaterThanOrEqual(2);
    const page = await publicPage('filed_institutions');
    expect(page.total).toBe(page.publication.rowCount);
    expect(page.data.length).toBeGreaterThan(0);
  });

  it('exposes only what the lists print: no ids, no people, no internal fields (JSON keys)', async () => {
    const index = (await anon().get('/api/v1/public/lists')).body as unknown as PublicListIndex;
    expect(Object.keys(index)).toEqual(['provinces']);
    for (const p of index.provinces) {
      expect(Object.keys(p).sort()).toEqual(['code', 'lists', 'name']);
      for (const l of p.lists) {
        expect(Object.keys(l).sort()).toEqual(['earlier', 'kind', 'latest']);
        if (l.latest)
          expect(Object.keys(l.latest).sort()).toEqual([
            'id',
            'kind',
            'note',
            'publishedOn',
            'publisherName',
            'rowCount',
          ]);
      }
    }
    for (const kind of ['filed_institutions', 'lacking_capability']) {
      const res = await anon().get(`/api/v1/public/lists/22/${kind}`);
      const page = res.body as unknown as PublicListPage;
      expect(Object.keys(page).sort()).toEqual([
        'data',
        'history',
        'kind',
        'page',
        'pageSize',
        'provinceCode',
        'provinceName',
        'publication',
        'total',
      ]);
      for (const h of [page.publication, ...page.history])
        expect(Object.keys(h).sort()).toEqual([
          'id',
          'kind',
          'note',
          'publishedOn',
          'publisherName',
          'rowCount',
        ]);
      for (const e of page.data)
        expect(Object.keys(e).sort()).toEqual([
          'detail',
          'institutionName',
          'items',
          'reference',
          'regionCode',
          'regionName',
          'since',
        ]);
      // Who published (a person) never appears; a signed-in request gets the very same answer.
      expect(res.raw.body).not.toContain('省卫健委演示用户');
      expect(res.raw.body).not.toMatch(/institutionId|publishedBy|withdraw|searchText|search_text/);
      const signedIn = await c['demo-exam']!.get(`/api/v1/public/lists/22/${kind}`);
      expect(signedIn.raw.body).toBe(res.raw.body);
    }
  });

  it('needs no login, and answers 404 for a province or publication with nothing published, 400 for a bad province or kind', async () => {
    const none = await anon().get('/api/v1/public/lists/21/filed_institutions');
    expect(none.status).toBe(404);
    expect(reasonOf(none.body)).toBe('public_list_not_published');
    const index21 = (await anon().get('/api/v1/public/lists?province=21')).body as unknown as PublicListIndex;
    expect(index21.provinces).toEqual([
      {
        code: '21',
        name: '辽宁省',
        lists: publicListKinds.map((kind) => ({ kind, latest: null, earlier: 0 })),
      },
    ]);
    expect((await anon().get('/api/v1/public/lists/22/filed_institutions?publication=999999')).status).toBe(
      404,
    );
    // A publication of another kind is not reachable through this kind.
    expect(
      (
        await anon().get(
          `/api/v1/public/lists/22/filed_institutions?publication=${DEMO_PUBLIC_LIST_IDS.lacking}`,
        )
      ).status,
    ).toBe(404);
    for (const url of [
      '/api/v1/public/lists/2/filed_institutions',
      '/api/v1/public/lists/22/everything',
      '/api/v1/public/lists?province=220',
      '/api/v1/public/lists/22/filed_institutions?pageSize=1000',
      '/api/v1/public/lists/22/filed_institutions?q=' + 'x'.repeat(200),
    ])
      expect((await anon().get(url)).status, url).toBe(400);
  });

  it('searches by name, region, filing number and item, case-insensitively, and pages', async () => {
    const all = await publicPage('filed_institutions', '?pageSize=200');
    const first = all.data[0]!;
    const byName = await publicPage(
      'filed_institutions',
      `?q=${encodeURIComponent(first.institutionName.slice(0, 4))}`,
    );
    expect(byName.data.map((d) => d.institutionName)).toContain(first.institutionName);
    expect(byName.total).toBeLessThanOrEqual(all.total);
    const county = first.regionName.split(' ').pop()!;
    const byRegion = await publicPage('filed_institutions', `?q=${encodeURIComponent(county)}`);
    expect(byRegion.total).toBeGreaterThan(0);
    expect(
      byRegion.data.every((d) => `${d.regionName}${d.detail ?? ''}${d.institutionName}`.includes(county)),
    ).toBe(true);
    const byNumber = await publicPage(
      'filed_institutions',
      `?q=${encodeURIComponent(first.reference!.toLowerCase())}`,
    );
    expect(byNumber.data.map((d) => d.reference)).toContain(first.reference);
    const byItem = await publicPage('filed_institutions', `?q=${encodeURIComponent('矽尘')}`);
    expect(byItem.total).toBeGreaterThan(0);
    expect(byItem.data.every((d) => d.items.join('').includes('矽尘'))).toBe(true);
    const nothing = await publicPage('filed_institutions', `?q=${encodeURIComponent('不存在的机构名称')}`);
    expect(nothing.total).toBe(0);
    expect(nothing.data).toEqual([]);
    // LIKE wildcards are text (some factor names hold a real %, such as 游离SiO2含量≥10%).
    expect((await publicPage('filed_institutions', '?q=_')).total).toBe(0);
    expect((await publicPage('filed_institutions', '?q=%25%25')).total).toBe(0);
    if (all.total >= 2) {
      const p2 = await publicPage('filed_institutions', '?pageSize=1&page=2');
      expect(p2.data).toEqual([all.data[1]]);
      expect(p2.total).toBe(all.total);
    }
  });
});

describe('publishing', () => {
  it('previews the live rows with the changes against the current publication', async () => {
    const p = await preview('filed_institutions');
    expect(p.available).toBe(true);
    expect(p.provinceName).toBe('吉林省');
    expect(p.current?.id).toBe(DEMO_PUBLIC_LIST_IDS.filed);
    expect(p.total).toBe(p.rows.length);
    const inst = await buildOrganisation(t.deps, {
      kind: 'exam_institution',
      regionCode: '220105',
      name: '新备案预览测试医院',
    });
    await buildFiling(t.deps, { institutionId: inst, status: 'filed' });
    const after = await preview('filed_institutions');
    expect(after.total).toBe(p.total + 1);
    expect(after.changes).toMatchObject({ added: (p.changes?.added ?? 0) + 1 });
    const filtered = await preview('filed_institutions', `?q=${encodeURIComponent('新备案预览')}`);
    expect(filtered.rows.map((r) => r.institutionName)).toEqual(['新备案预览测试医院']);
    expect(filtered.total).toBe(after.total);
  });

  it('publishes: frozen rows with the date, the publisher and the note, audited, shown as the latest on the public page', async () => {
    const before = await publicPage('filed_institutions');
    const live = await preview('filed_institutions');
    const p = await publish({ kind: 'filed_institutions', note: '  2026年第二期  ' });
    expect(p.publishedOn).toBe(today());
    expect(p.rowCount).toBe(live.total);
    const d = await detail(p.id, '?pageSize=200');
    expect(d.publication).toMatchObject({
      kind: 'filed_institutions',
      status: 'published',
      current: true,
      note: '2026年第二期',
      publisherName: '吉林省卫生健康委员会',
      publishedByName: '省卫健委演示用户',
      abilities: { withdraw: true },
    });
    expect(d.data).toEqual(live.rows);
    const entries = await audits(p.id);
    expect(entries.map((a) => [a.action, a.actor_username])).toEqual([
      ['public_list.publish', 'demo-province'],
    ]);
    expect(entries[0]!.after).toMatchObject({
      kind: 'filed_institutions',
      provinceCode: '22',
      rowCount: live.total,
    });
    const page = await publicPage('filed_institutions');
    expect(page.publication).toMatchObject({ id: p.id, publishedOn: today(), note: '2026年第二期' });
    expect(page.history.map((h) => h.id)).toEqual([p.id, ...before.history.map((h) => h.id)]);
    // The earlier one stays reachable.
    const earlier = await publicPage('filed_institutions', `?publication=${before.publication.id}`);
    expect(earlier.publication.id).toBe(before.publication.id);
    expect(earlier.total).toBe(before.total);
  });

  it('keeps a publication frozen: later data changes and direct writes do not alter it', async () => {
    const p = await publish({ kind: 'filed_institutions', publishedOn: addDays(today(), -1) });
    const frozen = await detail(p.id, '?pageSize=200');
    const pub = await publicPage('filed_institutions', `?publication=${p.id}&pageSize=200`);
    // An institution on the list is renamed and another's filing is cancelled (注销).
    const [a, b] = frozen.data;
    await t.deps.db
      .updateTable('organisation')
      .set({ name: '改名后的机构名称' })
      .where('organisation_id', '=', a!.institutionId)
      .execute();
    await t.deps.db
      .updateTable('filing')
      .set({
        status: 'cancelled',
        cancelled_on: today(),
        cancel_reason: '测试注销',
        working_version_id: null,
        change_status: null,
      })
      .where('institution_id', '=', b!.institutionId)
      .where('status', '=', 'filed')
      .execute();
    const live = await preview('filed_institutions');
    expect(live.rows.map((r) => r.institutionName)).toContain('改名后的机构名称');
    expect(live.rows.map((r) => r.institutionId)).not.toContain(b!.institutionId);
    expect(await detail(p.id, '?pageSize=200')).toEqual(frozen);
    expect(await publicPage('filed_institutions', `?publication=${p.id}&pageSize=200`)).toEqual(pub);
    // The tables refuse changing a frozen row or publication (the trigger, whoever writes).
    await expect(
      sql`UPDATE public_list_row SET institution_name = 'x' WHERE public_list_id = ${p.id}`.execute(
        t.deps.db,
      ),
    ).rejects.toThrow(/frozen/);
    await expect(
      sql`DELETE FROM public_list_row WHERE public_list_id = ${p.id}`.execute(t.deps.db),
    ).rejects.toThrow(/frozen/);
    await expect(
      sql`UPDATE public_list SET published_on = '2020-01-01' WHERE public_list_id = ${p.id}`.execute(
        t.deps.db,
      ),
    ).rejects.toThrow(/frozen/);
    await expect(
      sql`DELETE FROM public_list WHERE public_list_id = ${p.id}`.execute(t.deps.db),
    ).rejects.toThrow(/history/);
    // Dated yesterday, it is not the latest: the one published today stays current.
    expect((await detail(p.id)).publication.current).toBe(false);
  });

  it('withdraws with a reason: audited, kept as history, gone from the public pages, once only', async () => {
    const p = await publish({ kind: 'lacking_capability' });
    expect((await publicPage('lacking_capability')).publication.id).toBe(p.id);
    const blank = await c['demo-province']!.post(`/api/v1/public-lists/publications/${p.id}/withdraw`, {
      reason: '   ',
    });
    expect(blank.status).toBe(400);
    expect(reasons(blank.body)).toEqual([['reason', 'public_list_reason_blank']]);
    const res = await c['demo-province']!.post(`/api/v1/public-lists/publications/${p.id}/withdraw`, {
      reason: '名单有误，更正后重新公布',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: p.id, status: 'withdrawn' });
    const d = await detail(p.id);
    expect(d.publication).toMatchObject({
      status: 'withdrawn',
      current: false,
      withdrawReason: '名单有误，更正后重新公布',
      withdrawnByName: '省卫健委演示用户',
      abilities: { withdraw: false },
    });
    expect(d.total).toBe(p.rowCount);
    expect((await audits(p.id)).map((a) => a.action)).toEqual([
      'public_list.publish',
      'public_list.withdraw',
    ]);
    // The public page falls back to the previous publication; the withdrawn one is unreachable.
    const page = await publicPage('lacking_capability');
    expect(page.publication.id).toBe(DEMO_PUBLIC_LIST_IDS.lacking);
    expect(page.history.map((h) => h.id)).not.toContain(p.id);
    expect((await anon().get(`/api/v1/public/lists/22/lacking_capability?publication=${p.id}`)).status).toBe(
      404,
    );
    const again = await c['demo-province']!.post(`/api/v1/public-lists/publications/${p.id}/withdraw`, {
      reason: '再次撤回',
    });
    expect(again.status).toBe(409);
    expect(reasonOf(again.body)).toBe('public_list_withdrawn');
    expect((await audits(p.id)).length).toBe(2);
    // History: filtered by kind and status.
    const hist = await c['demo-province']!.get(
      '/api/v1/public-lists/publications?kind=lacking_capability&status=withdrawn',
    );
    expect((hist.body.data as PublicListSummary[]).map((s) => s.id)).toEqual([p.id]);
  });

  it('shows the overview of the four kinds with the current publications', async () => {
    const res = await c['demo-province']!.get('/api/v1/public-lists');
    expect(res.status).toBe(200);
    const o = res.body as unknown as PublicListOverview;
    expect(o.kinds.map((k) => k.kind)).toEqual([...publicListKinds]);
    const filed = o.kinds.find((k) => k.kind === 'filed_institutions')!;
    expect(filed.available).toBe(true);
    expect(filed.current?.current).toBe(true);
    expect(filed.publications).toBeGreaterThanOrEqual(3);
    for (const k of o.kinds) expect(k.available).toBe(rowSources[k.kind] !== null);
  });

  it('refuses bad inputs by field, in zh-CN and en, with nothing written', async () => {
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('public_list')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const post = (body: unknown, lang = 'zh-CN') =>
      c['demo-province']!.request('POST', '/api/v1/public-lists/publications', body, {
        'accept-language': lang,
      });
    const future = await post({ kind: 'filed_institutions', publishedOn: addDays(today(), 1) });
    expect(future.status).toBe(400);
    expect(reasons(future.body)).toEqual([['publishedOn', 'public_list_date_future']]);
    expect(JSON.stringify(future.body)).toContain('公布日期不能晚于今天');
    const futureEn = await post({ kind: 'filed_institutions', publishedOn: addDays(today(), 1) }, 'en');
    expect(JSON.stringify(futureEn.body)).toContain('cannot be later than today');
    const old = await post({ kind: 'filed_institutions', publishedOn: '1999-12-31' });
    expect(reasons(old.body)).toEqual([['publishedOn', 'public_list_date_range']]);
    for (const [body, field] of [
      [{ kind: 'everything' }, 'kind'],
      [{}, 'kind'],
      [{ kind: 'filed_institutions', publishedOn: '2026-13-01' }, 'publishedOn'],
      [{ kind: 'filed_institutions', note: 'x'.repeat(501) }, 'note'],
      [{ kind: 'filed_institutions', rows: [] }, 'rows'],
    ] as const) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        reasons(res.body).some(([p]) => p === field || p?.startsWith(`${field}.`) || p === ''),
        `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`,
      ).toBe(true);
    }
    // A kind whose module is not there (its source taken away for the test) is not available.
    const qcSource = rowSources.qc_qualified;
    rowSources.qc_qualified = null;
    try {
      const res = await post({ kind: 'qc_qualified' });
      expect(res.status).toBe(422);
      expect(reasonOf(res.body)).toBe('public_list_unavailable');
      const p = await preview('qc_qualified');
      expect(p).toMatchObject({ available: false, total: 0, rows: [] });
    } finally {
      rowSources.qc_qualified = qcSource;
    }
    // Another province with nothing filed: an empty list is not published.
    const empty = await otherProvince.post('/api/v1/public-lists/publications', {
      kind: 'filed_institutions',
    });
    expect(empty.status).toBe(422);
    expect(reasonOf(empty.body)).toBe('public_list_empty');
    const noReason = await c['demo-province']!.post(
      `/api/v1/public-lists/publications/${DEMO_PUBLIC_LIST_IDS.filed}/withdraw`,
      {},
    );
    expect(noReason.status).toBe(400);
    expect(reasons(noReason.body).map(([p]) => p)).toContain('reason');
    expect(await count()).toBe(n);
  });
});

describe('who may publish', () => {
  it('lets only the provincial commission act: city and county 403 with the reason, others 403, anonymous 401', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/public-lists'],
      ['GET', '/api/v1/public-lists/preview/filed_institutions'],
      ['GET', '/api/v1/public-lists/publications'],
      ['POST', '/api/v1/public-lists/publications', { kind: 'filed_institutions' }],
      ['GET', `/api/v1/public-lists/publications/${DEMO_PUBLIC_LIST_IDS.filed}`],
      [
        'POST',
        `/api/v1/public-lists/publications/${DEMO_PUBLIC_LIST_IDS.filed}/withdraw`,
        { reason: '越权撤回' },
      ],
    ];
    for (const who of ['demo-city', 'demo-county'])
      for (const [method, url, body] of routes) {
        const res = await c[who]!.request(method as 'GET', url, body, { 'accept-language': 'zh-CN' });
        expect(res.status, `${who} ${method} ${url}`).toBe(403);
        expect(reasonOf(res.body)).toBe('public_list_province_only');
        expect(JSON.stringify(res.body)).toContain('省级卫生健康委员会');
      }
    for (const who of ['demo-qc', 'demo-exam', 'demo-sysadmin'])
      for (const [method, url, body] of routes) {
        const res = await c[who]!.request(method as 'GET', url, body);
        expect(res.status, `${who} ${method} ${url}`).toBe(403);
        expect(reasonOf(res.body)).not.toBe('public_list_province_only');
      }
    for (const [method, url, body] of routes)
      expect((await anon().request(method as 'GET', url, body)).status, url).toBe(401);
    // Nothing was withdrawn or published by them.
    expect((await audits(DEMO_PUBLIC_LIST_IDS.filed)).map((a) => a.action)).toEqual(['public_list.publish']);
  });

  it('keeps each province to its own publications: another province’s is 404', async () => {
    const res = await otherProvince.get(`/api/v1/public-lists/publications/${DEMO_PUBLIC_LIST_IDS.filed}`);
    expect(res.status).toBe(404);
    const w = await otherProvince.post(
      `/api/v1/public-lists/publications/${DEMO_PUBLIC_LIST_IDS.filed}/withdraw`,
      { reason: '越省撤回' },
    );
    expect(w.status).toBe(404);
    const list = await otherProvince.get('/api/v1/public-lists/publications');
    expect(list.body.total).toBe(0);
    const overview = (await otherProvince.get('/api/v1/public-lists')).body as unknown as PublicListOverview;
    expect(overview.provinceCode).toBe('21');
    expect(overview.kinds.every((k) => k.current === null)).toBe(true);
    expect((await otherProvince.get('/api/v1/public-lists/preview/filed_institutions')).body.total).toBe(0);
  });
});

describe('rate limit', () => {
  it('limits each public route per address (OHP_PUBLIC_LIST_RATE_LIMIT)', async () => {
    let limited = 0;
    let sent = 0;
    for (let i = 0; i <= RATE_LIMIT && !limited; i++) {
      const res = await anon().get('/api/v1/public/lists?province=22');
      sent++;
      if (res.status === 429) limited = sent;
      else expect(res.status).toBe(200);
    }
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThanOrEqual(RATE_LIMIT + 1);
  });
});
