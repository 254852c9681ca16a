/**
 * 用人单位数据库 (issue 17 item 4) against a real database: the list import with a deterministic corpus
 * of ≥ 200 malformed rows (every column's failure modes; each reported with row, column and reason; the
 * good rows land; a dry run writes nothing; the same file again and the same rows in another file
 * duplicate nothing), matching on import (credit code, exact normalised name, similar name → review,
 * new), review (confirm / reject / new through the employers module), statuses (a linked entry's
 * employer follows), follow-ups (assign, only the assignee records, the entry's status follows,
 * overdue), snapshots (city only, once per half-year, xlsx) — every state change audited — and the
 * policy's abilities.
 */
import { censusListColumns, censusMatchStateLabels } from '@ohp/contracts';
import { childrenOf } from '@ohp/reference';
import { creditCodeCheckChar, orgCodeCheckChar } from '@ohp/standards';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/actor.js';
import { auditEntries, readExport } from '../../../test/exports.js';
import { buildCensusFollowUp, buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { classifyEmployers } from '../employers/index.js';
import { loadActor } from '../../platform/authz/session.js';
import { canRecordOutcome, canSnapshot, entryAbilities } from './employer-census.policy.js';
import { exportEntries } from './employer-census.service.js';
import { DEMO_CENSUS, seedDemoEmployerCensus } from './index.js';

const COUNTY = '220102';
const SIBLING = childrenOf('2201').find((c) => c.code !== COUNTY && !c.statisticalOnly)!.code;

const code = (region: string, serial: number) => {
  const body = String(serial).padStart(8, '0');
  const first17 = `91${region}${body}${orgCodeCheckChar(body)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};
const badCheck = (c: string) => `${c.slice(0, 17)}${c.endsWith('0') ? '1' : '0'}`;

type Expect = { column: string; reason: string };
/**
 * The malformed corpus: 21 failure modes × 10 rows = 210 bad rows (one failure each, the rest of the
 * row good), plus 30 good rows interleaved. Deterministic.
 */
export const malformedCorpus = () => {
  const [NAME, CREDIT, REGION, ADDRESS, INDUSTRY, STAFF, CONTACT, PHONE] = censusListColumns;
  const modes: Array<{ set: (r: string[], i: number) => void; expect: Expect }> = [
    { set: (r) => (r[0] = ''), expect: { column: NAME, reason: 'value_required' } },
    { set: (r) => (r[0] = `超长名称${'甲'.repeat(200)}`), expect: { column: NAME, reason: 'maxLength' } },
    { set: (r) => (r[0] = '（长春）'), expect: { column: NAME, reason: 'census_name_too_short' } },
    {
      set: (r) => (r[1] = '9122010212345'),
      expect: { column: CREDIT, reason: 'census_credit_code_invalid' },
    },
    {
      set: (r, i) => (r[1] = `91220102MA0IO${String(i).padStart(4, '0')}X`),
      expect: { column: CREDIT, reason: 'census_credit_code_invalid' },
    },
    {
      set: (r, i) => (r[1] = badCheck(code(COUNTY, 60_000 + i))),
      expect: { column: CREDIT, reason: 'census_credit_code_invalid' },
    },
    { set: (r) => (r[2] = ''), expect: { column: REGION, reason: 'value_required' } },
    { set: (r) => (r[2] = '999999'), expect: { column: REGION, reason: 'census_region_unknown' } },
    { set: (r) => (r[2] = '22'), expect: { column: REGION, reason: 'census_region_unknown' } },
    { set: (r) => (r[2] = SIBLING), expect: { column: REGION, reason: 'census_region_out_of_scope' } },
    { set: (r) => (r[2] = '火星区'), expect: { column: REGION, reason: 'census_region_unknown' } },
    { set: (r) => (r[2] = '绿园区'), expect: { column: REGION, reason: 'census_region_out_of_scope' } },
    { set: (r) => (r[3] = `地址${'路'.repeat(210)}`), expect: { column: ADDRESS, reason: 'maxLength' } },
    { set: (r) => (r[4] = 'C9999'), expect: { column: INDUSTRY, reason: 'census_industry_unknown' } },
    { set: (r) => (r[4] = `行业${'业'.repeat(120)}`), expect: { column: INDUSTRY, reason: 'maxLength' } },
    { set: (r) => (r[5] = '-5'), expect: { column: STAFF, reason: 'census_staff_invalid' } },
    { set: (r) => (r[5] = '十二'), expect: { column: STAFF, reason: 'census_staff_invalid' } },
    { set: (r) => (r[5] = '12345678'), expect: { column: STAFF, reason: 'census_staff_invalid' } },
    { set: (r) => (r[6] = '联'.repeat(60)), expect: { column: CONTACT, reason: 'maxLength' } },
    { set: (r) => (r[7] = 'abc-电话'), expect: { column: PHONE, reason: 'census_phone_invalid' } },
    { set: (r) => (r[7] = '12'), expect: { column: PHONE, reason: 'census_phone_invalid' } },
  ];
  const good = (i: number): string[] => [
    `南关区语料${['宏远', '鑫源', '华丰', '永兴', '兴隆'][i % 5]}机械厂${i}号`,
    i % 3 === 0 ? '' : code(COUNTY, 50_000 + i),
    i % 2 ? COUNTY : '南关区',
    `南关区语料路${i}号`,
    i % 4 ? 'C3311 金属结构制造' : '',
    String(10 + i),
    '联系人',
    '0431-88001234',
  ];
  const rows: string[][] = [];
  const expected = new Map<number, Expect>();
  const goodRows: number[] = [];
  let n = 0;
  for (let k = 0; k < 10; k++)
    for (const [m, mode] of modes.entries()) {
      const r = good(1000 + k * 100 + m);
      mode.set(r, k * 100 + m);
      rows.push(r);
      expected.set(rows.length + 1, mode.expect);
      if ((k * modes.length + m) % 7 === 0) {
        rows.push(good(n++));
        goodRows.push(rows.length + 1);
      }
    }
  while (goodRows.length < 30) {
    rows.push(good(n++));
    goodRows.push(rows.length + 1);
  }
  const csv = `${[censusListColumns.join(','), ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`;
  return { csv, expected, goodRows, rows };
};

let t: TestContext;
let county: Client;
let city: Client;
let sibling: Client;
let employerA: { id: number; name: string; code: string };
let employerB: { id: number; name: string };

type Report = {
  batchId: number;
  dryRun: boolean;
  total: number;
  accepted: number;
  updated: number;
  rejected: number;
  errors: Array<{ row: number; column: string; reason: string; message: string }>;
};
const upload = async (c: Client, csv: string, q: string, name = 'list.csv') => {
  const { payload, contentType } = multipartFile(Buffer.from(csv, 'utf8'), name);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/employer-census/lists/import?${q}`,
    payload,
    headers: { 'content-type': contentType, 'x-csrf-token': c.csrfToken!, 'accept-language': 'zh-CN' },
    cookies: { ohp_sid: c.sessionToken! },
  });
  return { statusCode: res.statusCode, json: () => res.json<Report>() };
};
const count = async (table: 'census_entry' | 'census_list' | 'census_entry_source') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = (action: string) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['entity_id', 'before', 'after'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
const entryByName = (name: string) =>
  t.deps.db.selectFrom('census_entry').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestContext();
  await classifyEmployers(t.deps.db);
  county = await t.login('demo-county');
  city = await t.login('demo-city');
  const sib = await buildOrganisation(t.deps, {
    kind: 'health_commission',
    regionCode: SIBLING,
    name: '兄弟区县卫健局',
  });
  const su = await buildUser(t.deps, { organisationId: sib, roleKeys: ['regulator'] });
  sibling = await t.login(su.username);
  // Two known employers of the county with distinct names (matched below).
  const a = code(COUNTY, 40_001);
  const [ra, rb] = await t.deps.db
    .insertInto('organisation')
    .values([
      {
        name: '南关宏远水泥制造有限公司',
        kind: 'employer',
        level: 'county',
        region_code: COUNTY,
        credit_code: a,
      },
      { name: '南关华丰铸造有限公司', kind: 'employer', level: 'county', region_code: COUNTY },
    ])
    .returning(['organisation_id', 'name'])
    .execute();
  await classifyEmployers(t.deps.db);
  employerA = { id: ra!.organisation_id, name: ra!.name, code: a };
  employerB = { id: rb!.organisation_id, name: rb!.name };
}, 120_000);
afterAll(async () => t?.close());

describe('list import (malformed corpus)', () => {
  const corpus = malformedCorpus();

  it('has ≥ 200 malformed rows', () => {
    expect(corpus.expected.size).toBeGreaterThanOrEqual(200);
    expect(corpus.goodRows.length).toBeGreaterThanOrEqual(30);
  });

  it('a dry run reports every bad row and writes nothing', async () => {
    const res = await upload(county, corpus.csv, 'source=market_regulation&dryRun=true');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.dryRun).toBe(true);
    expect(r.rejected).toBe(corpus.expected.size);
    expect(await count('census_entry')).toBe(0);
    expect(await count('census_list')).toBe(0);
  });

  it('reports every bad row with row, column and reason; the good rows land', async () => {
    const res = await upload(county, corpus.csv, 'source=market_regulation&title=语料名单');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.total).toBe(corpus.rows.length);
    expect(r.rejected).toBe(corpus.expected.size);
    expect(r.accepted).toBe(corpus.goodRows.length);
    const got = new Map<number, Array<{ column: string; reason: string; message: string }>>();
    for (const e of r.errors) got.set(e.row, [...(got.get(e.row) ?? []), e]);
    for (const [row, want] of corpus.expected) {
      expect(got.get(row), `row ${row}`).toEqual([expect.objectContaining(want)]);
      expect(got.get(row)![0]!.message).not.toBe('');
    }
    for (const row of corpus.goodRows) expect(got.has(row)).toBe(false);
    expect(await count('census_entry')).toBe(corpus.goodRows.length);
    // The error workbook: the original cells plus the reasons.
    const errors = await county.get(`/api/v1/employer-census/lists/import/${r.batchId}/errors`);
    expect(errors.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.raw.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount).toBe(corpus.expected.size + 1);
    // The list with its counts; the same file again is the same batch; nothing duplicates.
    const lists = (await county.get('/api/v1/employer-census/lists')).body as {
      data: Array<Record<string, unknown>>;
    };
    expect(lists.data).toEqual([
      expect.objectContaining({
        title: '语料名单',
        source: 'market_regulation',
        rows: corpus.goodRows.length,
        errors: corpus.expected.size,
      }),
    ]);
    const again = await upload(county, corpus.csv, 'source=market_regulation&title=语料名单');
    expect(again.json().batchId).toBe(r.batchId);
    expect(await count('census_entry')).toBe(corpus.goodRows.length);
    expect(await count('census_list')).toBe(1);
    // The same rows in another file from another department: one more list, more sources, no new entry.
    const other = corpus.goodRows.map((row) => corpus.rows[row - 2]!.join(',')).reverse();
    const res2 = await upload(
      county,
      `${censusListColumns.join(',')}\r\n${other.join('\r\n')}\r\n`,
      'source=tax',
      'tax.csv',
    );
    expect(res2.json()).toMatchObject({ accepted: 0, updated: corpus.goodRows.length, rejected: 0 });
    expect(await count('census_entry')).toBe(corpus.goodRows.length);
    expect(await count('census_list')).toBe(2);
    expect(await count('census_entry_source')).toBe(2 * corpus.goodRows.length);
    const audited = await audits('census_list.import');
    expect(audited.length).toBe(2);
  }, 120_000);

  it('refuses every row when a required column is missing', async () => {
    const res = await upload(county, '单位名称,地址\r\n某某厂,某路\r\n', 'source=other', 'nocol.csv');
    expect(res.json()).toMatchObject({ accepted: 0, updated: 0 });
    expect(await count('census_list')).toBe(2);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ row: 1, column: '所在地区', reason: 'column_missing' }),
    ]);
  });
});

describe('matching, review, status, follow-ups, snapshots', () => {
  let ids: Record<string, number> = {};

  it('matches on import: credit code and exact name certain, a similar name to review, others new', async () => {
    const csv = [
      censusListColumns.join(','),
      `宏远水泥制造厂,${employerA.code},南关区,,,,,`,
      `吉林省长春市南关区华丰铸造有限责任公司,,${COUNTY},,,,,`,
      `南关洪远水泥制造有限公司,,${COUNTY},,,,,`,
      `南关区新开铸件有限公司,${code(COUNTY, 40_100)},${COUNTY},,,,,`,
      `南关区无码小作坊,,${COUNTY},,,,,`,
    ].join('\r\n');
    const res = await upload(county, csv, 'source=emergency_management', 'match.csv');
    expect(res.json()).toMatchObject({ accepted: 5, rejected: 0 });
    const a = await entryByName('宏远水泥制造厂');
    expect(a).toMatchObject({
      match_state: 'matched',
      match_method: 'credit_code',
      employer_id: employerA.id,
    });
    const b = await entryByName('吉林省长春市南关区华丰铸造有限责任公司');
    expect(b).toMatchObject({ match_state: 'matched', match_method: 'name', employer_id: employerB.id });
    const c = await entryByName('南关洪远水泥制造有限公司');
    expect(c.match_state).toBe('uncertain');
    expect((c.candidates as Array<{ employerId: number }>)[0]!.employerId).toBe(employerA.id);
    const d = await entryByName('南关区新开铸件有限公司');
    const e = await entryByName('南关区无码小作坊');
    expect([d.match_state, e.match_state]).toEqual(['unmatched', 'unmatched']);
    ids = {
      a: a.census_entry_id,
      b: b.census_entry_id,
      c: c.census_entry_id,
      d: d.census_entry_id,
      e: e.census_entry_id,
    };
    // The review queue shows the candidate side by side; a sibling county sees nothing.
    const queue = (await county.get('/api/v1/employer-census/entries?matchState=uncertain')).body as {
      data: Array<{
        id: number;
        candidates: Array<{ name: string; score: number }>;
        abilities: { review: boolean };
      }>;
    };
    expect(queue.data.map((x) => x.id)).toEqual([ids.c]);
    expect(queue.data[0]!.candidates[0]).toMatchObject({ name: employerA.name });
    expect(queue.data[0]!.abilities.review).toBe(true);
    expect(((await sibling.get('/api/v1/employer-census/entries')).body as { total: number }).total).toBe(0);
    expect(
      (await sibling.post(`/api/v1/employer-census/entries/${ids.c}/review`, { decision: 'reject' })).status,
    ).toBe(404);
  });

  it('review: confirm, reject (never proposed again), new (through the employers module); audited', async () => {
    expect(
      (
        await county.post(`/api/v1/employer-census/entries/${ids.c}/review`, {
          decision: 'confirm',
          employerId: employerB.id,
        })
      ).body,
    ).toMatchObject({
      error: {
        code: 'validation_failed',
        details: [expect.objectContaining({ path: 'employerId', reason: 'census_not_a_candidate' })],
      },
    });
    const r = await county.post(`/api/v1/employer-census/entries/${ids.c}/review`, {
      decision: 'reject',
      employerId: employerA.id,
    });
    expect(r.body).toMatchObject({ matchState: 'unmatched' });
    expect((await entryByName('南关洪远水泥制造有限公司')).rejected_employer_ids).toEqual([employerA.id]);
    // new without a credit code: refused with its reason; with one: a new employer organisation.
    expect(
      (await county.post(`/api/v1/employer-census/entries/${ids.e}/review`, { decision: 'new' })).status,
    ).toBe(400);
    const n = await county.post(`/api/v1/employer-census/entries/${ids.d}/review`, { decision: 'new' });
    expect(n.body).toMatchObject({ matchState: 'matched' });
    const d = await entryByName('南关区新开铸件有限公司');
    const org = await t.deps.db
      .selectFrom('organisation')
      .innerJoin('employer_profile as p', 'p.organisation_id', 'organisation.organisation_id')
      .select(['kind', 'credit_code', 'p.source'])
      .where('organisation.organisation_id', '=', d.employer_id!)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ kind: 'employer', credit_code: code(COUNTY, 40_100), source: 'census' });
    expect(
      (await county.post(`/api/v1/employer-census/entries/${ids.d}/review`, { decision: 'new' })).status,
    ).toBe(409);
    const a = await audits('census_entry.resolve');
    expect(a.map((x) => x.entity_id)).toEqual([String(ids.c), String(ids.d)]);
    expect(a[0]!.after).toMatchObject({ decision: 'reject', match_state: 'unmatched' });
  });

  it('status: reason required; a linked entry’s employer follows; audited', async () => {
    const bad = await county.post(`/api/v1/employer-census/entries/${ids.b}/status`, { status: 'closed' });
    expect(bad.body).toMatchObject({
      error: {
        details: [expect.objectContaining({ path: 'reason', reason: 'census_status_reason_required' })],
      },
    });
    const ok = await county.post(`/api/v1/employer-census/entries/${ids.b}/status`, {
      status: 'closed',
      reason: '已停产注销',
      on: '2026-01-10',
    });
    expect(ok.body).toMatchObject({ status: 'closed' });
    const p = await t.deps.db
      .selectFrom('employer_profile')
      .select(['programme_status', 'programme_status_reason'])
      .where('organisation_id', '=', employerB.id)
      .executeTakeFirstOrThrow();
    expect(p).toEqual({ programme_status: 'closed', programme_status_reason: '已停产注销' });
    expect((await audits('census_entry.set_status')).at(-1)).toMatchObject({
      entity_id: String(ids.b),
      after: { status: 'closed' },
    });
    expect((await audits('employer.set_status')).length).toBeGreaterThan(0);
    const list = (await county.get('/api/v1/employer-census/entries?status=closed')).body as {
      data: Array<{ id: number }>;
    };
    expect(list.data.map((x) => x.id)).toEqual([ids.b]);
  });

  it('follow-ups: assign undeclared entries, only the assignee records, the status follows, overdue shown', async () => {
    // A closed entry is not assigned; an undeclared one is (to the caller by default).
    const refused = await county.post('/api/v1/employer-census/follow-ups', {
      entryIds: [ids.b],
      dueOn: '2099-01-01',
    });
    expect(refused.body).toMatchObject({
      error: {
        details: [expect.objectContaining({ path: 'entryIds/0', reason: 'census_follow_up_not_undeclared' })],
      },
    });
    const res = await county.post('/api/v1/employer-census/follow-ups', {
      entryIds: [ids.e, ids.c],
      dueOn: '2099-01-01',
    });
    expect(res.status).toBe(201);
    const [f1, f2] = (res.body as { ids: number[] }).ids;
    expect(
      (await county.post('/api/v1/employer-census/follow-ups', { entryIds: [ids.e], dueOn: '2099-01-01' }))
        .status,
    ).toBe(400);
    expect(
      (await sibling.post(`/api/v1/employer-census/follow-ups/${f1}/outcome`, { outcome: 'not_found' }))
        .status,
    ).toBe(404);
    expect(
      (await city.post(`/api/v1/employer-census/follow-ups/${f1}/outcome`, { outcome: 'not_found' })).status,
    ).toBe(403);
    expect(
      (await county.post(`/api/v1/employer-census/follow-ups/${f1}/outcome`, { outcome: 'will_declare' }))
        .status,
    ).toBe(400);
    const done = await county.post(`/api/v1/employer-census/follow-ups/${f1}/outcome`, {
      outcome: 'not_applicable',
      note: '仅办公场所',
    });
    expect(done.body).toMatchObject({ entryStatus: 'not_applicable' });
    expect(
      (await county.post(`/api/v1/employer-census/follow-ups/${f1}/outcome`, { outcome: 'not_found' }))
        .status,
    ).toBe(409);
    // Overdue: a task past its due date.
    await t.deps.db
      .updateTable('census_follow_up')
      .set({ due_on: '2020-01-01' })
      .where('census_follow_up_id', '=', f2!)
      .execute();
    const overdue = (await county.get('/api/v1/employer-census/follow-ups?status=overdue')).body as {
      data: Array<{ id: number; overdue: boolean }>;
    };
    expect(overdue.data).toEqual([expect.objectContaining({ id: f2, overdue: true })]);
    const mine = (await county.get('/api/v1/employer-census/follow-ups?mine=true')).body as { total: number };
    expect(mine.total).toBe(2);
    expect((await audits('census_follow_up.assign')).length).toBe(1);
    expect((await audits('census_follow_up.record')).map((a) => a.entity_id)).toEqual([String(f1)]);
    expect((await audits('census_entry.set_status')).at(-1)).toMatchObject({
      entity_id: String(ids.e),
      after: { status: 'not_applicable', via: `follow_up:${f1}` },
    });
  });

  it('snapshots: the city (not the county), once per half-year, downloadable; audited', async () => {
    expect((await county.post('/api/v1/employer-census/snapshots', { period: '2026-H1' })).status).toBe(403);
    const res = await city.post('/api/v1/employer-census/snapshots', { period: '2026-H1' });
    expect(res.status).toBe(201);
    expect((await city.post('/api/v1/employer-census/snapshots', { period: '2026-H1' })).status).toBe(409);
    expect(
      ((await county.get('/api/v1/employer-census/snapshots')).body as { data: unknown[] }).data,
    ).toEqual([]);
    const list = (await city.get('/api/v1/employer-census/snapshots')).body as {
      data: Array<{ id: number; counts: Record<string, number> }>;
    };
    expect(list.data.length).toBe(1);
    const total = await count('census_entry');
    expect(list.data[0]!.counts).toMatchObject({ total, closed: 1, not_applicable: 1 });
    const dl = await city.get(`/api/v1/employer-census/snapshots/${list.data[0]!.id}/download`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.raw.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount).toBe(total + 1);
    expect((await audits('census_snapshot.create')).length).toBe(1);
    const exp = await county.get('/api/v1/employer-census/entries/export?status=not_declared');
    expect(exp.status).toBe(200);
    const listed = (
      await county.get('/api/v1/employer-census/entries?status=not_declared&pageSize=100&exactTotal=true')
    ).body as unknown as { data: Array<{ name: string }>; total: number };
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.total).toBeLessThanOrEqual(100);
    const ewb = new ExcelJS.Workbook();
    await ewb.xlsx.load(exp.raw.rawPayload as never);
    // The rows of the list, in its order, then the filter sheet; the export is in the audit trail.
    const names = (w: ExcelJS.Workbook) => w.worksheets[0]!.getColumn(1).values.slice(2);
    expect(names(ewb)).toEqual(listed.data.map((e) => e.name));
    expect(ewb.worksheets.length).toBe(2);
    expect((await audits('census_entry.export')).length).toBe(1);
    // Streamed by keyset pages: pages of two rows give the same rows in the same order, and a cap cuts it.
    const me = await t.deps.db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', 'demo-county')
      .executeTakeFirstOrThrow();
    const actor = (await loadActor(t.deps.db, me.user_id))!.actor;
    const ctx = {
      userId: actor.userId,
      username: actor.username,
      organisationId: actor.organisationId,
      ip: null,
      requestId: 'test',
    };
    const read = async (maxRows: number) => {
      const file = await exportEntries(
        t.deps.db,
        ctx,
        actor,
        { status: 'not_declared' },
        'zh-CN',
        maxRows,
        2,
      );
      const w = new ExcelJS.Workbook();
      const chunks: Buffer[] = [];
      for await (const c of file.body) chunks.push(c as Buffer);
      await w.xlsx.load(Buffer.concat(chunks) as never);
      return names(w);
    };
    expect(await read(100_000)).toEqual(listed.data.map((e) => e.name));
    expect(await read(3)).toEqual(listed.data.slice(0, 3).map((e) => e.name));
  });
});

describe('exports of the lists, the follow-ups and the review queue', () => {
  let siblingList: number;
  let siblingTask: number;
  beforeAll(async () => {
    // The sibling county uploads a list of its own and has a task: neither is the county's.
    const csv = `${censusListColumns.join(',')}\r\n兄弟区县导出测试机械厂,,${SIBLING},兄弟路1号,,12,,\r\n`;
    const res = await upload(sibling, csv, 'source=township&title=兄弟区县名单', 'sibling.csv');
    expect(res.statusCode).toBe(200);
    siblingList = (
      await t.deps.db
        .selectFrom('census_list')
        .select('census_list_id')
        .where('title', '=', '兄弟区县名单')
        .executeTakeFirstOrThrow()
    ).census_list_id;
    const entry = await entryByName('兄弟区县导出测试机械厂');
    const su = await t.deps.db
      .selectFrom('app_user as u')
      .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
      .select('u.user_id')
      .where('o.name', '=', '兄弟区县卫健局')
      .executeTakeFirstOrThrow();
    siblingTask = await buildCensusFollowUp(t.deps, {
      entryId: entry.census_entry_id,
      regionCode: SIBLING,
      assigneeUserId: su.user_id,
    });
  });

  it('lists: the rows the list shows, newest first; the county its own; csv; audited; bad parameters 400', async () => {
    const before = (await auditEntries(t.deps.db, 'census_list.export')).length;
    const list = (await county.get('/api/v1/employer-census/lists?pageSize=200')).body as unknown as {
      data: Array<{ id: number; title: string; rows: number; uncertain: number }>;
      total: number;
    };
    expect(list.total).toBeGreaterThan(0);
    const res = await county.get('/api/v1/employer-census/lists/export');
    expect(res.status).toBe(200);
    const x = await readExport(res.raw.rawPayload);
    expect(x.rows.map((r) => Number(r[0]))).toEqual(list.data.map((l) => l.id));
    expect(x.rows.map((r) => r[2])).toEqual(list.data.map((l) => l.title));
    expect(x.rows.map((r) => Number(r[6]))).toEqual(list.data.map((l) => l.rows));
    expect(x.rows.map((r) => Number(r[8]))).toEqual(list.data.map((l) => l.uncertain));
    expect(x.rows.map((r) => Number(r[0]))).not.toContain(siblingList);
    expect(x.filter.get('导出记录数')).toBe(list.total);
    const cityCsv = await city.get('/api/v1/employer-census/lists/export?format=csv');
    expect(cityCsv.raw.headers['content-type']).toContain('text/csv');
    const y = await readExport(cityCsv.raw.rawPayload, 'csv');
    expect(y.rows.map((r) => Number(r[0]))).toEqual(expect.arrayContaining([siblingList, list.data[0]!.id]));
    const sib = await readExport((await sibling.get('/api/v1/employer-census/lists/export')).raw.rawPayload);
    expect(sib.rows.map((r) => Number(r[0]))).toEqual([siblingList]);
    expect((await county.get('/api/v1/employer-census/lists/export?format=ods')).status).toBe(400);
    expect((await county.get('/api/v1/employer-census/lists/export?page=2')).status).toBe(400);
    const audits = await auditEntries(t.deps.db, 'census_list.export');
    expect(audits.length).toBe(before + 3);
    expect(audits.at(-3)).toMatchObject({ entity_type: 'census_list', after: { matched: list.total } });
  });

  it('follow-ups: the rows the list shows for each view; the county its own; audited; bad parameters 400', async () => {
    const before = (await auditEntries(t.deps.db, 'census_follow_up.export')).length;
    const views = ['', 'mine=true', 'status=overdue', 'status=done', 'status=open'];
    for (const v of views) {
      const list = (await county.get(`/api/v1/employer-census/follow-ups?pageSize=200&${v}`))
        .body as unknown as {
        data: Array<{ id: number; entryName: string; overdue: boolean }>;
        total: number;
      };
      const res = await county.get(`/api/v1/employer-census/follow-ups/export?${v}`);
      expect(res.status, v).toBe(200);
      const x = await readExport(res.raw.rawPayload);
      expect(
        x.rows.map((r) => Number(r[0])),
        v,
      ).toEqual(list.data.map((f) => f.id));
      expect(
        x.rows.map((r) => r[1]),
        v,
      ).toEqual(list.data.map((f) => f.entryName));
      expect(
        x.rows.map((r) => r[6] === '已逾期'),
        v,
      ).toEqual(list.data.map((f) => f.overdue));
      expect(
        x.rows.map((r) => Number(r[0])),
        v,
      ).not.toContain(siblingTask);
    }
    const all = await readExport(
      (await county.get('/api/v1/employer-census/follow-ups/export')).raw.rawPayload,
    );
    expect(all.rows.length).toBeGreaterThan(0);
    const cityX = await readExport(
      (await city.get('/api/v1/employer-census/follow-ups/export')).raw.rawPayload,
    );
    expect(cityX.rows.map((r) => Number(r[0]))).toContain(siblingTask);
    expect((await county.get('/api/v1/employer-census/follow-ups/export?status=late')).status).toBe(400);
    expect((await county.get('/api/v1/employer-census/follow-ups/export?mine=perhaps')).status).toBe(400);
    expect((await auditEntries(t.deps.db, 'census_follow_up.export')).length).toBe(before + views.length + 2);
  });

  it('review queue: the entries export with matchState=uncertain is the queue the review tab shows', async () => {
    // Two entries of the county wait for review (test-only SQL), and the sibling county's one.
    const waiting = await t.deps.db
      .selectFrom('census_entry')
      .select('census_entry_id')
      .where('region_code', 'like', `${COUNTY}%`)
      .where('match_state', '=', 'unmatched')
      .orderBy('census_entry_id')
      .limit(2)
      .execute();
    const theirs = await entryByName('兄弟区县导出测试机械厂');
    await t.deps.db
      .updateTable('census_entry')
      .set({ match_state: 'uncertain' })
      .where('census_entry_id', 'in', [...waiting.map((w) => w.census_entry_id), theirs.census_entry_id])
      .execute();
    const queue = (
      await county.get('/api/v1/employer-census/entries?matchState=uncertain&pageSize=100&exactTotal=true')
    ).body as unknown as { data: Array<{ name: string; matchState: string }>; total: number };
    const res = await county.get('/api/v1/employer-census/entries/export?matchState=uncertain');
    expect(res.status).toBe(200);
    const x = await readExport(res.raw.rawPayload);
    expect(queue.total).toBeGreaterThanOrEqual(2);
    expect(x.rows.map((r) => r[0])).toEqual(queue.data.map((e) => e.name));
    expect(x.rows.map((r) => r[0])).not.toContain(theirs.name);
    expect(x.rows.every((r) => r[7] === censusMatchStateLabels.uncertain.zh)).toBe(true);
    expect((await county.get('/api/v1/employer-census/entries/export?matchState=maybe')).status).toBe(400);
  });
});

describe('policy abilities', () => {
  const actor = (o: Partial<Actor>): Actor => ({
    userId: 1,
    username: 'u',
    displayName: 'u',
    organisationId: 1,
    organisationKind: 'health_commission',
    regionCode: COUNTY,
    roleKeys: [],
    permissions: new Set(['employer_census:manage']),
    duties: new Set(['business']),
    ...o,
  });
  it('regulators manage; employers never; only cities and the province snapshot; only the assignee records', () => {
    const facts = {
      matchState: 'uncertain' as const,
      status: 'not_declared' as const,
      creditCode: null,
      openFollowUp: false,
    };
    expect(entryAbilities(actor({}), facts)).toEqual({
      review: true,
      setStatus: true,
      assign: true,
      confirmNew: false,
      merge: true,
      unmerge: false,
      unlink: false,
    });
    expect(entryAbilities(actor({ organisationKind: 'employer' }), facts)).toEqual({
      review: false,
      setStatus: false,
      assign: false,
      confirmNew: false,
      merge: false,
      unmerge: false,
      unlink: false,
    });
    // A merged entry is frozen: only an unmerge; an entry with entries merged into it is not merged itself.
    expect(entryAbilities(actor({}), { ...facts, merged: true, creditCode: 'X' })).toEqual({
      review: false,
      setStatus: false,
      assign: false,
      confirmNew: false,
      merge: false,
      unmerge: true,
      unlink: false,
    });
    expect(entryAbilities(actor({}), { ...facts, matchState: 'matched', hasMerged: true })).toMatchObject({
      merge: false,
      unlink: true,
      review: false,
    });
    expect(entryAbilities(actor({ permissions: new Set() }), facts).setStatus).toBe(false);
    expect(entryAbilities(actor({}), { ...facts, openFollowUp: true, creditCode: 'X' })).toMatchObject({
      assign: false,
      confirmNew: true,
    });
    expect(canSnapshot(actor({}))).toBe(false);
    expect(canSnapshot(actor({ regionCode: '2201' }))).toBe(true);
    expect(canRecordOutcome(actor({}), { assignee_user_id: 1, status: 'open' })).toBe(true);
    expect(canRecordOutcome(actor({}), { assignee_user_id: 2, status: 'open' })).toBe(false);
    expect(canRecordOutcome(actor({}), { assignee_user_id: 1, status: 'done' })).toBe(false);
  });
});

describe('demo data (the OpenAPI examples act on it)', () => {
  let d: TestContext;
  beforeAll(async () => {
    d = await createTestContext();
    await classifyEmployers(d.deps.db);
  }, 120_000);
  afterAll(async () => d?.close());

  it('seeds lists, a review queue, statuses, follow-ups (one overdue) and a snapshot; deterministic ids', async () => {
    const today = '2026-03-15';
    const line = await seedDemoEmployerCensus(d.deps, today);
    expect(line).toMatch(/用人单位数据库/);
    expect(await seedDemoEmployerCensus(d.deps, today)).toBeNull();
    const e = async (id: number) =>
      d.deps.db
        .selectFrom('census_entry')
        .selectAll()
        .where('census_entry_id', '=', id)
        .executeTakeFirstOrThrow();
    expect((await e(1)).match_state).toBe('matched');
    expect((await e(DEMO_CENSUS.uncertainEntry)).match_state).toBe('uncertain');
    expect(await e(DEMO_CENSUS.statusEntry)).toMatchObject({ match_state: 'unmatched', status: 'open' });
    expect((await e(9)).status).toBe('not_applicable');
    expect((await e(8)).status).toBe('closed');
    const f = await d.deps.db
      .selectFrom('census_follow_up')
      .selectAll()
      .orderBy('census_follow_up_id')
      .execute();
    expect(f.slice(0, 6).map((x) => [x.census_entry_id, x.status, x.outcome])).toEqual([
      [DEMO_CENSUS.openEntry, 'open', null],
      [6, 'done', 'will_declare'],
      [7, 'open', null],
      [8, 'done', 'closed'],
      [9, 'done', 'not_applicable'],
      // Assigned on entry 12, moved to 13 when 12 was merged into it.
      [DEMO_CENSUS.mergedSurvivor, 'open', null],
    ]);
    expect(f[2]!.due_on < today).toBe(true);
    // Follow-up 5 was visited in the quarter before today's (2025Q4; the one the 季调度 shows by default).
    const visited = String(f[4]!.visited_on).slice(0, 10);
    expect(visited >= '2025-10-01' && visited <= '2025-12-31', visited).toBe(true);
    const lists = await d.deps.db
      .selectFrom('census_list')
      .select(['source'])
      .orderBy('census_list_id')
      .execute();
    expect(lists.map((l) => l.source)).toEqual([
      'market_regulation',
      'emergency_management',
      'township',
      'inspection',
      'tax',
      'tax',
      'human_resources',
      'industrial_park',
      'township',
    ]);
    // Entry 1 is named by two lists.
    expect(
      (
        await d.deps.db
          .selectFrom('census_entry_source')
          .selectAll()
          .where('census_entry_id', '=', 1)
          .execute()
      ).length,
    ).toBe(2);
    expect(
      (await d.deps.db.selectFrom('census_snapshot').select('period').execute()).map((s) => s.period),
    ).toEqual(['2025-H2']);
    // Every county of the city: entries named by several sources, with gaps.
    const counties = childrenOf('2201').filter((x) => !x.statisticalOnly);
    const byCounty = await d.deps.db
      .selectFrom('census_entry as e')
      .innerJoin('census_entry_source as s', 's.census_entry_id', 'e.census_entry_id')
      .innerJoin('census_list as l', 'l.census_list_id', 's.census_list_id')
      .select([
        'e.county_code',
        (eb) => eb.fn.count<number>('l.source').distinct().as('sources'),
        (eb) => eb.fn.count<number>('e.census_entry_id').distinct().as('entries'),
      ])
      .where('e.merged_into_id', 'is', null)
      .groupBy('e.county_code')
      .execute();
    for (const k of counties) {
      const row = byCounty.find((r) => r.county_code === k.code);
      expect(row, k.name).toBeDefined();
      expect(Number(row!.sources), k.name).toBeGreaterThanOrEqual(3);
      expect(Number(row!.entries), k.name).toBeGreaterThanOrEqual(5);
    }
    const statuses = await d.deps.db
      .selectFrom('census_entry')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    for (const st of ['not_applicable', 'closed', 'relocated'])
      expect(Number(statuses.find((x) => x.status === st)?.n ?? 0), st).toBeGreaterThanOrEqual(2);
    // The review queue holds several; one pair already merged; follow-ups in several counties, one overdue.
    const uncertain = await d.deps.db
      .selectFrom('census_entry')
      .select('county_code')
      .where('match_state', '=', 'uncertain')
      .where('merged_into_id', 'is', null)
      .execute();
    expect(uncertain.length).toBeGreaterThanOrEqual(4);
    expect(new Set(uncertain.map((u) => u.county_code)).size).toBeGreaterThanOrEqual(3);
    expect(await e(DEMO_CENSUS.mergedEntry)).toMatchObject({ merged_into_id: DEMO_CENSUS.mergedSurvivor });
    expect(await e(DEMO_CENSUS.mergeEntry)).toMatchObject({ merged_into_id: null, credit_code: null });
    expect((await e(DEMO_CENSUS.mergeSurvivor)).credit_code).not.toBeNull();
    expect(await e(DEMO_CENSUS.unlinkEntry)).toMatchObject({ match_state: 'matched', match_method: 'name' });
    const followCounties = new Set(f.map((x) => x.region_code.slice(0, 6)));
    expect(followCounties.size).toBeGreaterThanOrEqual(3);
    const overdueCounties = new Set(
      f.filter((x) => x.status === 'open' && x.due_on < today).map((x) => x.region_code.slice(0, 6)),
    );
    expect(overdueCounties.size).toBeGreaterThanOrEqual(2);
    // Every open follow-up has its open clock.
    const clocks = await d.deps.db
      .selectFrom('deadline')
      .select(['subject_id', 'due_on', 'done_at'])
      .where('kind', '=', 'census_follow_up')
      .execute();
    for (const x of f.filter((y) => y.status === 'open'))
      expect(clocks.find((c) => Number(c.subject_id) === x.census_follow_up_id)).toMatchObject({
        due_on: x.due_on,
        done_at: null,
      });
    // The examples: assign entry 5 to demo-county, record follow-up 1, review entry 2, status of entry 4,
    // merge 10 into 11, unmerge 12, unlink 14.
    const c = await d.login('demo-county');
    expect(
      (
        await c.post(`/api/v1/employer-census/entries/${DEMO_CENSUS.mergeEntry}/merge`, {
          into: DEMO_CENSUS.mergeSurvivor,
        })
      ).status,
    ).toBe(200);
    expect(
      (await c.post(`/api/v1/employer-census/entries/${DEMO_CENSUS.mergedEntry}/unmerge`, { reason: '核实' }))
        .status,
    ).toBe(200);
    expect(
      (await c.post(`/api/v1/employer-census/entries/${DEMO_CENSUS.unlinkEntry}/unlink`, { reason: '核实' }))
        .status,
    ).toBe(200);
    expect(
      (
        await c.post('/api/v1/employer-census/follow-ups', {
          entryIds: [DEMO_CENSUS.assignEntry],
          dueOn: '2099-12-31',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await c.post(`/api/v1/employer-census/follow-ups/${DEMO_CENSUS.followUp}/outcome`, {
          outcome: 'will_declare',
          willDeclareBy: '2099-12-31',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await c.post(`/api/v1/employer-census/entries/${DEMO_CENSUS.uncertainEntry}/review`, {
          decision: 'reject',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await c.post(`/api/v1/employer-census/entries/${DEMO_CENSUS.statusEntry}/status`, {
          status: 'not_applicable',
          reason: '核实',
        })
      ).status,
    ).toBe(200);
  }, 120_000);
});
