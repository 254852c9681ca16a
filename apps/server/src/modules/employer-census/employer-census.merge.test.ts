/**
 * 用人单位数据库 (migration 0042) against a real database: merging two entries of one unit (sources with
 * their provenance, the credit code and employer link, the status rule, open follow-ups moved or closed
 * as duplicates, one audit entry, the merged view, a later list naming the merged entry), unmerging (what
 * the merge gave back where unchanged; what changed since kept), the 404 and 409 refusals, unlinking a
 * wrong match (back to the review queue or unmatched), paging of the review queue, and the follow-up's
 * clock on the deadlines engine (opened on assignment, in the assignee's and the county's to-dos,
 * overdue flagged, closed by the outcome).
 */
import { censusListColumns, reasonMessages as employerCensusMessages } from '@ohp/contracts';
import { childrenOf } from '@ohp/reference';
import { creditCodeCheckChar, orgCodeCheckChar } from '@ohp/standards';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCensusEntry, buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { classifyEmployers } from '../employers/index.js';

const COUNTY = '220102';
const SIBLING = childrenOf('2201').find((c) => c.code !== COUNTY && !c.statisticalOnly)!.code;
const P = '/api/v1/employer-census';

const code = (region: string, serial: number) => {
  const body = String(serial).padStart(8, '0');
  const first17 = `91${region}${body}${orgCodeCheckChar(body)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};

let t: TestContext;
let county: Client;
let city: Client;
let sibling: Client;
let countyUserId: number;
let countyOrgId: number;
const emp: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };
const CODE_A = code(COUNTY, 42_001);
const CODE_S1 = code(COUNTY, 42_101);
const CODE_M3 = code(COUNTY, 42_104);

const upload = async (c: Client, rows: string[], q: string, name: string) => {
  const csv = `${[censusListColumns.join(','), ...rows].join('\r\n')}\r\n`;
  const { payload, contentType } = multipartFile(Buffer.from(csv, 'utf8'), name);
  const res = await t.app.inject({
    method: 'POST',
    url: `${P}/lists/import?${q}`,
    payload,
    headers: { 'content-type': contentType, 'x-csrf-token': c.csrfToken!, 'accept-language': 'zh-CN' },
    cookies: { ohp_sid: c.sessionToken! },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ accepted: number; updated: number; rejected: number }>();
};
const entry = (name: string) =>
  t.deps.db.selectFrom('census_entry').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
const entryById = (id: number) =>
  t.deps.db
    .selectFrom('census_entry')
    .selectAll()
    .where('census_entry_id', '=', id)
    .executeTakeFirstOrThrow();
const sourcesOf = (id: number) =>
  t.deps.db
    .selectFrom('census_entry_source as s')
    .innerJoin('census_list as l', 'l.census_list_id', 's.census_list_id')
    .select(['l.source', 's.merged_from_id', 's.listed_name'])
    .where('s.census_entry_id', '=', id)
    .orderBy('l.source')
    .execute();
const audits = (action: string) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['entity_id', 'before', 'after'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
const followUp = (id: number) =>
  t.deps.db
    .selectFrom('census_follow_up')
    .selectAll()
    .where('census_follow_up_id', '=', id)
    .executeTakeFirstOrThrow();
const clockOf = (followUpId: number) =>
  t.deps.db
    .selectFrom('deadline')
    .selectAll()
    .where('kind', '=', 'census_follow_up')
    .where('subject_type', '=', 'census_follow_up')
    .where('subject_id', '=', followUpId)
    .executeTakeFirst();
type ErrorBody = { error: { code: string; reason: string; message: string } };
const refusal = (r: { status: number; body: unknown }) => [r.status, (r.body as ErrorBody).error?.reason];
type EntryPage = {
  data: Array<{
    id: number;
    name: string;
    sources: string[];
    mergedInto: { id: number; name: string } | null;
    mergedFrom: Array<{ id: number; name: string }>;
    abilities: Record<string, boolean>;
    matchState: string;
    status: string;
  }>;
  total: number;
};
const assign = async (entryId: number, dueOn = '2099-01-01') => {
  const r = await county.post(`${P}/follow-ups`, { entryIds: [entryId], dueOn });
  expect(r.status).toBe(201);
  return (r.body as { ids: number[] }).ids[0]!;
};

const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestContext();
  await classifyEmployers(t.deps.db);
  county = await t.login('demo-county');
  city = await t.login('demo-city');
  const me = await t.deps.db
    .selectFrom('app_user')
    .select(['user_id', 'organisation_id'])
    .where('username', '=', 'demo-county')
    .executeTakeFirstOrThrow();
  countyUserId = me.user_id;
  countyOrgId = me.organisation_id;
  const sib = await buildOrganisation(t.deps, {
    kind: 'health_commission',
    regionCode: SIBLING,
    name: '兄弟区卫健局',
  });
  sibling = await t.login(
    (await buildUser(t.deps, { organisationId: sib, roleKeys: ['regulator'] })).username,
  );
  const rows = await t.deps.db
    .insertInto('organisation')
    .values([
      {
        name: '南关宏远水泥制造有限公司',
        kind: 'employer',
        level: 'county',
        region_code: COUNTY,
        credit_code: CODE_A,
      },
      { name: '南关华丰铸造有限公司', kind: 'employer', level: 'county', region_code: COUNTY },
      { name: '南关鑫源化工有限公司', kind: 'employer', level: 'county', region_code: COUNTY },
      { name: '南关鑫源化工原料有限公司', kind: 'employer', level: 'county', region_code: COUNTY },
    ])
    .returning('organisation_id')
    .execute();
  [emp.A, emp.B, emp.C, emp.D] = rows.map((r) => r.organisation_id) as [number, number, number, number];
  await classifyEmployers(t.deps.db);
  await upload(
    county,
    [
      `南关区金鼎机械制造有限公司,${CODE_S1},${COUNTY},永吉街31号,,,,`,
      `华丰铸造有限责任公司,,${COUNTY},,,,,`,
      `南关区顺达包装厂,,${COUNTY},,,,,`,
      `南关区德隆五金有限公司,${CODE_M3},${COUNTY},,,,,`,
      `南关区德隆五金加工厂,,${COUNTY},,,,,`,
      `宏远水泥制造厂,${CODE_A},${COUNTY},,,,,`,
      `鑫源化工厂,,${COUNTY},,,,,`,
      `南关区永固铸件厂,,${COUNTY},,,,,`,
      `南关区永固铸造厂,,${COUNTY},,,,,`,
    ],
    'source=tax',
    'tax.csv',
  );
  await upload(county, [`南关区金鼎机械厂,,${COUNTY},永吉街31号,,,,`], 'source=township', 'town.csv');
  await upload(county, [`南关区金鼎机械厂,,${COUNTY},,,,,`], 'source=human_resources', 'hr.csv');
  for (const [k, name] of Object.entries({
    S1: '南关区金鼎机械制造有限公司',
    M1: '南关区金鼎机械厂',
    M2: '华丰铸造有限责任公司',
    S2: '南关区顺达包装厂',
    M3: '南关区德隆五金有限公司',
    S3: '南关区德隆五金加工厂',
    LA: '宏远水泥制造厂',
    LC: '鑫源化工厂',
    D1: '南关区永固铸件厂',
    D2: '南关区永固铸造厂',
  }))
    ids[k] = (await entry(name)).census_entry_id;
}, 180_000);
afterAll(async () => t?.close());

describe('the fixtures', () => {
  it('are matched as the cases need', async () => {
    expect((await entryById(ids.S1!)).match_state).toBe('unmatched');
    expect((await entryById(ids.M1!)).match_state).toBe('unmatched');
    expect(await entryById(ids.M2!)).toMatchObject({ match_state: 'matched', employer_id: emp.B });
    expect(await entryById(ids.LA!)).toMatchObject({ match_state: 'matched', employer_id: emp.A });
    expect(await entryById(ids.LC!)).toMatchObject({ match_state: 'matched', employer_id: emp.C });
    expect((await sourcesOf(ids.M1!)).map((s) => s.source)).toEqual(['human_resources', 'township']);
  });
});

describe('merge', () => {
  it('moves the sources (provenance kept) and the open follow-up to the survivor; one audit entry', async () => {
    const f1 = await assign(ids.M1!);
    ids.F1 = f1;
    const before = (await audits('census_entry.merge')).length;
    const res = await county.post(`${P}/entries/${ids.M1}/merge`, { into: ids.S1, reason: '同一地址' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ids.M1,
      into: ids.S1,
      survivor: { sources: ['human_resources', 'tax', 'township'], matchState: 'unmatched' },
      sourcesMoved: 2,
      followUpsMoved: [f1],
      followUpsClosed: [],
    });
    expect(await sourcesOf(ids.S1!)).toEqual([
      { source: 'human_resources', merged_from_id: ids.M1, listed_name: '南关区金鼎机械厂' },
      { source: 'tax', merged_from_id: null, listed_name: '南关区金鼎机械制造有限公司' },
      { source: 'township', merged_from_id: ids.M1, listed_name: '南关区金鼎机械厂' },
    ]);
    expect(await sourcesOf(ids.M1!)).toEqual([]);
    // Kept, frozen, pointing to the survivor.
    expect(await entryById(ids.M1!)).toMatchObject({ merged_into_id: ids.S1, name: '南关区金鼎机械厂' });
    expect(await followUp(f1)).toMatchObject({ census_entry_id: ids.S1, status: 'open' });
    expect((await clockOf(f1))?.done_at).toBeNull();
    const a = await audits('census_entry.merge');
    expect(a.length).toBe(before + 1);
    expect(a.at(-1)).toMatchObject({
      entity_id: String(ids.M1),
      before: { survivor: { id: ids.S1, creditCode: CODE_S1 }, merged: { id: ids.M1 } },
      after: { mergedInto: ids.S1, reason: '同一地址', followUpsMoved: [f1], statusTaken: false },
    });
  });

  it('shows the merged entry only in the merged view, linking to the survivor; frozen', async () => {
    const live = (await county.get(`${P}/entries?pageSize=100`)).body as EntryPage;
    expect(live.data.map((e) => e.id)).not.toContain(ids.M1);
    const s1 = live.data.find((e) => e.id === ids.S1)!;
    expect(s1.mergedFrom).toEqual([{ id: ids.M1, name: '南关区金鼎机械厂' }]);
    expect(s1.abilities).toMatchObject({ merge: false, unmerge: false, setStatus: true });
    const merged = (await county.get(`${P}/entries?merged=true`)).body as EntryPage;
    expect(merged.data.map((e) => e.id)).toEqual([ids.M1]);
    expect(merged.data[0]).toMatchObject({
      mergedInto: { id: ids.S1, name: '南关区金鼎机械制造有限公司' },
      abilities: { unmerge: true, merge: false, setStatus: false, assign: false, review: false },
    });
    const one = (await county.get(`${P}/entries?id=${ids.S1}`)).body as EntryPage;
    expect(one.data.map((e) => e.id)).toEqual([ids.S1]);
    // Frozen: every other write refuses it.
    expect(
      refusal(await county.post(`${P}/entries/${ids.M1}/status`, { status: 'closed', reason: 'x' })),
    ).toEqual([409, 'census_entry_merged']);
    expect(refusal(await county.post(`${P}/entries/${ids.M1}/review`, { decision: 'reject' }))).toEqual([
      409,
      'census_entry_merged',
    ]);
    const a = await county.post(`${P}/follow-ups`, { entryIds: [ids.M1], dueOn: '2099-01-01' });
    expect(a.body).toMatchObject({
      error: { details: [expect.objectContaining({ path: 'entryIds/0', reason: 'census_entry_merged' })] },
    });
  });

  it('a later list naming the merged entry links the survivor, remembering the name it used', async () => {
    const entries = Number(
      (
        await t.deps.db
          .selectFrom('census_entry')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const r = await upload(county, [`南关区金鼎机械厂,,${COUNTY},,,,,`], 'source=inspection', 'insp.csv');
    expect(r).toMatchObject({ accepted: 0, updated: 1, rejected: 0 });
    expect(
      Number(
        (
          await t.deps.db
            .selectFrom('census_entry')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(entries);
    expect((await sourcesOf(ids.S1!)).find((s) => s.source === 'inspection')).toEqual({
      source: 'inspection',
      merged_from_id: ids.M1,
      listed_name: '南关区金鼎机械厂',
    });
  });

  it('refuses with 409 and a zh/en reason: itself, merged entries, chains, other employers or codes, other counties', async () => {
    const cases: Array<[number, number, string, Client?]> = [
      [ids.S3!, ids.S3!, 'census_merge_self'],
      [ids.M1!, ids.S3!, 'census_entry_merged'],
      [ids.S3!, ids.M1!, 'census_merge_into_merged'],
      [ids.S1!, ids.S3!, 'census_merge_has_merged'],
      [ids.LA!, ids.LC!, 'census_merge_different_employers'],
      [ids.M3!, ids.S1!, 'census_merge_different_credit_codes'],
      // Its own code against the employer's of the other: two codes.
      [ids.M3!, ids.LA!, 'census_merge_different_credit_codes'],
    ];
    for (const [from, into, reason] of cases) {
      const r = await county.post(`${P}/entries/${from}/merge`, { into });
      expect(refusal(r), `${from} → ${into}`).toEqual([409, reason]);
      expect((r.body as ErrorBody).error.message).toBe(employerCensusMessages[reason]!['zh-CN']);
    }
    const en = await county.post(
      `${P}/entries/${ids.S3}/merge`,
      { into: ids.S3 },
      { 'accept-language': 'en' },
    );
    expect((en.body as ErrorBody).error.message).toBe(employerCensusMessages.census_merge_self!.en);
    // A sibling county's entry: out of the county's scope (404); the city sees both but they are not in
    // one county (409).
    const other = await buildCensusEntry(t.deps, { regionCode: SIBLING, userId: countyUserId });
    expect((await county.post(`${P}/entries/${ids.S3}/merge`, { into: other })).status).toBe(404);
    expect((await county.post(`${P}/entries/${other}/merge`, { into: ids.S3 })).status).toBe(404);
    expect((await sibling.post(`${P}/entries/${ids.S3}/merge`, { into: other })).status).toBe(404);
    expect(refusal(await city.post(`${P}/entries/${other}/merge`, { into: ids.S3 }))).toEqual([
      409,
      'census_merge_other_county',
    ]);
    // Nothing changed by the refusals.
    expect((await entryById(ids.S3!)).merged_into_id).toBeNull();
    expect((await entryById(other)).merged_into_id).toBeNull();
  });

  it('the survivor takes the link and a set status when it has none; the employer follows', async () => {
    const st = await county.post(`${P}/entries/${ids.M2}/status`, {
      status: 'not_applicable',
      reason: '仅为销售门店',
      on: '2026-01-05',
    });
    expect(st.status).toBe(200);
    const res = await county.post(`${P}/entries/${ids.M2}/merge`, { into: ids.S2 });
    expect(res.body).toMatchObject({ survivor: { matchState: 'matched', status: 'not_applicable' } });
    expect(await entryById(ids.S2!)).toMatchObject({
      employer_id: emp.B,
      match_state: 'matched',
      match_method: 'name',
      status: 'not_applicable',
      status_reason: '仅为销售门店',
    });
    expect(String((await entryById(ids.S2!)).status_on).slice(0, 10)).toBe('2026-01-05');
    expect((await audits('census_entry.merge')).at(-1)!.after).toMatchObject({ statusTaken: true });
  });

  it('the survivor takes a credit code it lacked (one entry per code)', async () => {
    const res = await county.post(`${P}/entries/${ids.M3}/merge`, { into: ids.S3 });
    expect(res.status).toBe(200);
    expect((await entryById(ids.S3!)).credit_code).toBe(CODE_M3);
    expect((await entryById(ids.M3!)).credit_code).toBeNull();
  });

  it('when both have an open follow-up, the merged one is closed as a duplicate with its clock', async () => {
    const keep = await assign(ids.D1!);
    const dup = await assign(ids.D2!);
    const res = await county.post(`${P}/entries/${ids.D2}/merge`, { into: ids.D1 });
    expect(res.body).toMatchObject({ followUpsMoved: [], followUpsClosed: [dup] });
    expect(await followUp(dup)).toMatchObject({ status: 'done', outcome: 'merged', census_entry_id: ids.D2 });
    expect((await followUp(dup)).outcome_note).toContain(`#${ids.D1}`);
    expect((await clockOf(dup))?.done_at).not.toBeNull();
    expect(await followUp(keep)).toMatchObject({ status: 'open', census_entry_id: ids.D1 });
    expect((await clockOf(keep))?.done_at).toBeNull();
    // Not a visit: the follow-up list shows it done with its outcome, never as recordable.
    const list = (await county.get(`${P}/follow-ups?status=done&pageSize=100`)).body as {
      data: Array<{ id: number; outcome: string; canRecord: boolean }>;
    };
    expect(list.data.find((f) => f.id === dup)).toMatchObject({ outcome: 'merged', canRecord: false });
  });
});

describe('unmerge', () => {
  it('gives back the sources, the open follow-up and the entry; audited', async () => {
    expect((await county.post(`${P}/entries/${ids.M1}/unmerge`, { reason: '  ' })).body).toMatchObject({
      error: {
        details: [expect.objectContaining({ path: 'reason', reason: 'census_status_reason_required' })],
      },
    });
    expect((await sibling.post(`${P}/entries/${ids.M1}/unmerge`, { reason: '核实' })).status).toBe(404);
    const res = await county.post(`${P}/entries/${ids.M1}/unmerge`, { reason: '核实为两家单位' });
    expect(res.status).toBe(200);
    expect((await entryById(ids.M1!)).merged_into_id).toBeNull();
    expect((await sourcesOf(ids.M1!)).map((s) => [s.source, s.merged_from_id])).toEqual([
      ['human_resources', null],
      ['inspection', null],
      ['township', null],
    ]);
    expect((await sourcesOf(ids.S1!)).map((s) => s.source)).toEqual(['tax']);
    expect(await followUp(ids.F1!)).toMatchObject({ census_entry_id: ids.M1, status: 'open' });
    const m = await t.deps.db
      .selectFrom('census_merge')
      .selectAll()
      .where('merged_entry_id', '=', ids.M1!)
      .executeTakeFirstOrThrow();
    expect(m.unmerge_reason).toBe('核实为两家单位');
    expect(m.unmerged_at).not.toBeNull();
    expect((await audits('census_entry.unmerge')).at(-1)).toMatchObject({
      entity_id: String(ids.M1),
      after: { mergedInto: null, sourcesBack: 3, followUpsBack: [ids.F1] },
    });
    expect(refusal(await county.post(`${P}/entries/${ids.M1}/unmerge`, { reason: '再次' }))).toEqual([
      409,
      'census_entry_not_merged',
    ]);
    // Live again: in the list, and it may be merged again.
    const live = (await county.get(`${P}/entries?pageSize=100`)).body as EntryPage;
    expect(live.data.find((e) => e.id === ids.M1)?.abilities).toMatchObject({ merge: true, unmerge: false });
  });

  it('gives back the credit code', async () => {
    await county.post(`${P}/entries/${ids.M3}/unmerge`, { reason: '代码登记错误' });
    expect((await entryById(ids.S3!)).credit_code).toBeNull();
    expect((await entryById(ids.M3!)).credit_code).toBe(CODE_M3);
  });

  it('gives back the link, but keeps a status changed since the merge', async () => {
    const st = await county.post(`${P}/entries/${ids.S2}/status`, { status: 'closed', reason: '已注销' });
    expect(st.status).toBe(200);
    const res = await county.post(`${P}/entries/${ids.M2}/unmerge`, { reason: '不是同一单位' });
    expect(res.status).toBe(200);
    expect(await entryById(ids.S2!)).toMatchObject({
      employer_id: null,
      match_state: 'unmatched',
      status: 'closed',
      status_reason: '已注销',
    });
    expect(await entryById(ids.M2!)).toMatchObject({
      employer_id: emp.B,
      match_state: 'matched',
      status: 'not_applicable',
      merged_into_id: null,
    });
    expect((await audits('census_entry.unmerge')).at(-1)!.after).toMatchObject({
      keptOnSurvivor: ['status'],
    });
  });
});

describe('unlink', () => {
  it('drops a wrong link: the employer is never proposed again; a similar one sends it to review', async () => {
    expect((await sibling.post(`${P}/entries/${ids.LC}/unlink`, { reason: '错误' })).status).toBe(404);
    const res = await county.post(`${P}/entries/${ids.LC}/unlink`, { reason: '现场核实不是同一单位' });
    expect(res.body).toMatchObject({ id: ids.LC, matchState: 'uncertain' });
    const e = await entryById(ids.LC!);
    expect(e.employer_id).toBeNull();
    expect(e.rejected_employer_ids).toEqual([emp.C]);
    expect((e.candidates as Array<{ employerId: number }>).map((c) => c.employerId)).toEqual([emp.D]);
    expect((await audits('census_entry.unlink')).at(-1)).toMatchObject({
      entity_id: String(ids.LC),
      before: { employerId: emp.C, matchState: 'matched' },
      after: { reason: '现场核实不是同一单位', unlinkedEmployerId: emp.C, match_state: 'uncertain' },
    });
    // In the review queue now; confirming the unlinked employer is refused (not a candidate).
    const queue = (await county.get(`${P}/entries?matchState=uncertain&pageSize=100`)).body as EntryPage;
    expect(queue.data.map((x) => x.id)).toContain(ids.LC);
    expect(
      (await county.post(`${P}/entries/${ids.LC}/review`, { decision: 'confirm', employerId: emp.C })).body,
    ).toMatchObject({ error: { details: [expect.objectContaining({ reason: 'census_not_a_candidate' })] } });
    expect(refusal(await county.post(`${P}/entries/${ids.LC}/unlink`, { reason: '再次' }))).toEqual([
      409,
      'census_entry_not_matched',
    ]);
  });

  it('refuses an entry with the employer’s own credit code, and needs a reason', async () => {
    expect(refusal(await county.post(`${P}/entries/${ids.LA}/unlink`, { reason: '错误' }))).toEqual([
      409,
      'census_unlink_same_credit_code',
    ]);
    expect((await county.post(`${P}/entries/${ids.LA}/unlink`, {})).status).toBe(400);
    expect((await entryById(ids.LA!)).employer_id).toBe(emp.A);
  });

  it('without another similar employer, the entry is unmatched', async () => {
    const res = await county.post(`${P}/entries/${ids.M2}/unlink`, { reason: '名称相同但不是同一单位' });
    expect(res.body).toMatchObject({ matchState: 'unmatched' });
    expect((await entryById(ids.M2!)).rejected_employer_ids).toEqual([emp.B]);
  });
});

describe('the review queue', () => {
  it('pages like the other lists: disjoint pages that together hold every uncertain entry', async () => {
    for (let i = 0; i < 3; i++) await buildCensusEntry(t.deps, { regionCode: COUNTY, userId: countyUserId });
    const all = (
      await t.deps.db
        .selectFrom('census_entry')
        .select('census_entry_id')
        .where('match_state', '=', 'uncertain')
        .where('county_code', '=', COUNTY)
        .where('merged_into_id', 'is', null)
        .execute()
    ).map((r) => r.census_entry_id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 2); page++) {
      const r = (
        await county.get(`${P}/entries?matchState=uncertain&pageSize=2&page=${page}&exactTotal=true`)
      ).body as EntryPage;
      expect(r.total).toBe(all.length);
      expect(r.data.length).toBe(Math.min(2, all.length - (page - 1) * 2));
      seen.push(...r.data.map((e) => e.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
  });
});

describe('the follow-up clock (deadlines engine)', () => {
  it('is opened on assignment, in the assignee’s to-dos; overdue in the county’s and the city’s; closed by the outcome', async () => {
    const entryId = (await entry('南关区德隆五金加工厂')).census_entry_id;
    const f = await assign(entryId, '2099-06-30');
    const clock = await clockOf(f);
    expect(clock).toMatchObject({
      due_on: '2099-06-30',
      responsible_organisation_id: countyOrgId,
      regulator_region_code: COUNTY,
      done_at: null,
    });
    const rule = await t.deps.db
      .selectFrom('deadline_rule')
      .selectAll()
      .where('kind', '=', 'census_follow_up')
      .executeTakeFirstOrThrow();
    // No source gives a period for the visit: the rule says so as data.
    expect(rule.confidence).toBe('uncertain');
    type Todos = {
      data: Array<{
        subject: { type: string; id: number; label: string };
        state: string;
        link: string | null;
        confidence: string;
      }>;
    };
    const mine = (await county.get('/api/v1/todos?kind=census_follow_up&pageSize=100')).body as Todos;
    const todo = mine.data.find((x) => x.subject.id === f)!;
    expect(todo).toMatchObject({
      subject: { type: 'census_follow_up', label: '南关区德隆五金加工厂（入户指导）' },
      state: 'open',
      link: '/employer-census?tab=followUps',
      confidence: 'uncertain',
    });
    // The city sees it only once it runs late.
    const cityTodos = async () =>
      ((await city.get('/api/v1/todos?kind=census_follow_up&relation=region&pageSize=100')).body as Todos)
        .data;
    expect((await cityTodos()).map((x) => x.subject.id)).not.toContain(f);
    await t.deps.db
      .updateTable('deadline')
      .set({ due_on: '2020-01-01' })
      .where('deadline_id', '=', clock!.deadline_id)
      .execute();
    await t.deps.db
      .updateTable('census_follow_up')
      .set({ due_on: '2020-01-01' })
      .where('census_follow_up_id', '=', f)
      .execute();
    const late = (await county.get('/api/v1/todos?kind=census_follow_up&state=overdue&pageSize=100'))
      .body as Todos;
    expect(late.data.find((x) => x.subject.id === f)?.state).toBe('overdue');
    expect((await cityTodos()).find((x) => x.subject.id === f)?.state).toBe('overdue');
    // The outcome closes it.
    const done = await county.post(`${P}/follow-ups/${f}/outcome`, { outcome: 'not_found' });
    expect(done.status).toBe(200);
    expect((await clockOf(f))?.done_at).not.toBeNull();
    const open = (await county.get('/api/v1/todos?kind=census_follow_up&pageSize=100')).body as Todos;
    expect(open.data.map((x) => x.subject.id)).not.toContain(f);
    const closed = (await county.get('/api/v1/todos?kind=census_follow_up&state=done&pageSize=100'))
      .body as Todos;
    expect(closed.data.map((x) => x.subject.id)).toContain(f);
  });
});
