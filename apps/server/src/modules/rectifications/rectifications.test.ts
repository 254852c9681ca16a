/**
 * 整改台账 (issue 16 item 6, R25): findings raised idempotently with their clocks (the default due date per
 * severity, uncertain, as data); the item's state machine over HTTP with illegal moves refused (4xx), the
 * clock closed on 销号 and a new one opened on reopening; the overdue sweep warning the institution and
 * its commission; rates computed by hand; scope (a county its county, an institution its own); 拒不整改
 * marks feeding the public list; the verification and card-sampling wiring; pairing assistance; bad
 * inputs refused by field; every write audited; the demo data every screen shows.
 */
import { chinaToday } from '@ohp/reference';
import type {
  PairingDetail,
  RectificationDetail,
  RectificationRates,
  RectificationSummary,
  RefusalSummary,
  TodoPage,
} from '@ohp/contracts';
import { rectificationRateDefinition } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildRectification, buildVerification } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { sweepOverdueDeadlines } from '../deadlines/index.js';
import {
  DEMO_RECTIFICATION_IDS as D,
  DEMO_RECTIFICATION_INSTITUTIONS,
  lateRectificationCounts,
  raiseFindings,
  refusingRectificationRows,
  type FindingInput,
} from './index.js';

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of [
    'demo-province',
    'demo-city',
    'demo-county',
    'demo-qc',
    'demo-exam',
    'demo-diag',
    'demo-employer',
  ])
    c[u] = await t.login(u);
}, 180_000);
afterAll(async () => t.close());

/** China dates, as the platform's (UTC+8). */
const today = () => chinaToday();
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const ctx = { userId: null, username: 'test', organisationId: null, ip: null, requestId: 'test' };
const orgOf = (username: string) =>
  t.deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['o.organisation_id', 'o.region_code'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
const detail = async (who: string, id: number) => {
  const res = await c[who]!.get(`/api/v1/rectifications/items/${id}`);
  expect(res.status).toBe(200);
  return res.body as unknown as RectificationDetail;
};
const list = async (who: string, q = '') => {
  const res = await c[who]!.get(`/api/v1/rectifications/items?pageSize=200${q}`);
  expect(res.status).toBe(200);
  return res.body as unknown as { data: RectificationSummary[]; total: number };
};
const clocksOf = (itemId: number) =>
  t.deps.db
    .selectFrom('deadline as d')
    .innerJoin('rectification_round as r', 'r.rectification_round_id', 'd.subject_id')
    .select([
      'd.deadline_id',
      'd.kind',
      'd.due_on',
      'd.done_at',
      'd.responsible_organisation_id',
      'd.regulator_region_code',
      'r.round_no',
      'r.rectification_round_id',
    ])
    .where('d.subject_type', '=', 'rectification_round')
    .where('r.rectification_item_id', '=', itemId)
    .orderBy('r.round_no')
    .execute();
const audits = (id: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_username'])
    .where('entity_type', '=', 'rectification_item')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
const reasons = (body: Record<string, unknown>) =>
  ((body.error as { details?: Array<{ path: string; reason?: string }> }).details ?? []).map((d) => [
    d.path,
    d.reason,
  ]);
const reasonOf = (body: Record<string, unknown>) => (body.error as { reason?: string }).reason;
const upload = (who: string, id: number, buf: Buffer, name: string) => {
  const { payload, contentType } = multipartFile(buf, name);
  return c[who]!.request('POST', `/api/v1/rectifications/items/${id}/evidence`, payload, {
    'content-type': contentType,
  });
};
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
const raise = (findings: FindingInput[]) =>
  t.deps.db.transaction().execute((trx) => raiseFindings(trx, ctx, findings));

describe('the clocks and the rate definition as data', () => {
  it('holds the default due date per severity as uncertain deadline rules and applies it', async () => {
    const rules = await t.deps.db
      .selectFrom('deadline_rule')
      .select(['kind', 'days', 'day_type', 'confidence', 'legal_basis'])
      .where('kind', 'in', ['rectification_major', 'rectification_general'])
      .orderBy('kind')
      .execute();
    expect(rules.map((r) => [r.kind, r.days, r.day_type, r.confidence])).toEqual([
      ['rectification_general', 60, 'calendar', 'uncertain'],
      ['rectification_major', 30, 'calendar', 'uncertain'],
    ]);
    expect(rules.every((r) => r.legal_basis.includes('吉卫规〔2024〕2号'))).toBe(true);
    const institutionId = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
    const [major, general, given] = await raise([
      { source: 'inspection', sourceRef: 'due-1', institutionId, title: '重大', severity: 'major' },
      { source: 'inspection', sourceRef: 'due-2', institutionId, title: '一般', severity: 'general' },
      {
        source: 'inspection',
        sourceRef: 'due-3',
        institutionId,
        title: '指定',
        severity: 'general',
        dueOn: '2031-01-31',
      },
    ]);
    const due = async (id: number) => (await detail('demo-qc', id)).dueOn;
    expect(await due(major!)).toBe(addDays(today(), 30));
    expect(await due(general!)).toBe(addDays(today(), 60));
    expect(await due(given!)).toBe('2031-01-31');
    expect((await detail('demo-qc', major!)).clock).toMatchObject({ confidence: 'uncertain', done: false });
    expect(rectificationRateDefinition.confidence).toBe('uncertain');
  });
});

describe('raiseFindings', () => {
  it('is idempotent on source and reference: the same ids, one item, one round, one clock, one audit entry', async () => {
    const institutionId = await buildOrganisation(t.deps, {
      kind: 'diagnosis_institution',
      regionCode: '220102',
    });
    const findings: FindingInput[] = [
      { source: 'qc', sourceRef: 'idem-A', institutionId, title: '关键项不合格', severity: 'major' },
      {
        source: 'qc',
        sourceRef: 'idem-B',
        institutionId,
        title: '一般项扣分',
        severity: 'general',
        detail: '扣 2 分',
      },
      { source: 'qc', sourceRef: 'idem-A', institutionId, title: '重复', severity: 'major' },
    ];
    const before = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'rectification.create')
      .executeTakeFirstOrThrow();
    const first = await raise(findings);
    expect(first[0]).toBe(first[2]);
    const again = await raise(findings);
    expect(again).toEqual(first);
    const items = await t.deps.db
      .selectFrom('rectification_item')
      .select(['rectification_item_id', 'title'])
      .where('institution_id', '=', institutionId)
      .execute();
    expect(items).toHaveLength(2);
    expect(items.find((i) => i.rectification_item_id === first[0])!.title).toBe('关键项不合格');
    expect(await clocksOf(first[0]!)).toHaveLength(1);
    const after = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'rectification.create')
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    const [clock] = await clocksOf(first[0]!);
    expect(clock).toMatchObject({
      kind: 'rectification_major',
      responsible_organisation_id: institutionId,
      regulator_region_code: '220102',
      done_at: null,
    });
  });
});

describe('an item from raising to 回头看 (the journey)', () => {
  it('raises by hand, answers with evidence, rejects, answers again, closes, re-checks, reopens on a relapse', async () => {
    const exam = await orgOf('demo-exam');
    // A regulator of another area cannot raise against it; the county of the demo exam institution can't
    // either (the institution is city-level); the city can.
    const bad = await c['demo-city']!.post('/api/v1/rectifications/items', {
      institutionId: 999_999,
      title: '不存在',
      severity: 'general',
      dueOn: '2000-01-01',
    });
    expect(bad.status).toBe(400);
    expect(reasons(bad.body)).toEqual([
      ['dueOn', 'rectification_due_past'],
      ['institutionId', 'rectification_institution_unknown'],
    ]);
    const schemaBad = await c['demo-city']!.post('/api/v1/rectifications/items', {
      institutionId: exam.organisation_id,
      severity: 'urgent',
    });
    expect(schemaBad.status).toBe(400);
    const en = await c['demo-city']!.request(
      'POST',
      '/api/v1/rectifications/items',
      { institutionId: 999_999, title: 'x', severity: 'general' },
      { 'accept-language': 'en' },
    );
    expect(JSON.stringify(en.body)).toContain('Not a service institution');
    expect(
      (
        await c['demo-exam']!.post('/api/v1/rectifications/items', {
          institutionId: exam.organisation_id,
          title: 'x',
          severity: 'general',
        })
      ).status,
    ).toBe(403);

    const created = await c['demo-city']!.post('/api/v1/rectifications/items', {
      institutionId: exam.organisation_id,
      title: '体检报告签发不规范',
      detail: '3 份报告无主检医师签字',
      severity: 'major',
      reference: '长卫监〔2026〕12号-1',
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect(created.body).toMatchObject({ status: 'open', roundNo: 1, created: true });
    // The same inspection reference returns the same item.
    const same = await c['demo-city']!.post('/api/v1/rectifications/items', {
      institutionId: exam.organisation_id,
      title: '体检报告签发不规范',
      severity: 'major',
      reference: '长卫监〔2026〕12号-1',
    });
    expect(same.body).toMatchObject({ id, created: false });

    // Illegal moves: nothing submitted to verify or reject; an open item cannot be reopened or re-checked.
    for (const [path, body] of [
      ['verify', {}],
      ['reject', { opinion: 'x' }],
      ['reopen', { reason: 'x' }],
      ['follow-ups', { checkedOn: today(), checkers: 'x', result: 'ok' }],
    ] as const) {
      const r = await c['demo-qc']!.post(`/api/v1/rectifications/items/${id}/${path}`, body);
      expect(r.status, path).toBe(409);
    }
    // No evidence yet.
    const noEvidence = await c['demo-exam']!.post(`/api/v1/rectifications/items/${id}/respond`, {
      statement: '已整改',
    });
    expect(noEvidence.status).toBe(400);
    expect(reasons(noEvidence.body)).toEqual([['evidence', 'rectification_evidence_required']]);
    // Not the institution: the QC centre holds no respond permission (403), another institution does
    // not see the item (404).
    expect(
      (await c['demo-qc']!.post(`/api/v1/rectifications/items/${id}/respond`, { statement: 'x' })).status,
    ).toBe(403);
    expect(
      (await c['demo-diag']!.post(`/api/v1/rectifications/items/${id}/respond`, { statement: 'x' })).status,
    ).toBe(404);
    const exe = await upload(
      'demo-exam',
      id,
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 1)]),
      '整改.pdf',
    );
    expect(exe.status).toBe(400);
    expect(reasons(exe.body)).toEqual([['file', 'filing_attachment_type']]);
    const ok = await upload('demo-exam', id, PDF, '整改报告.pdf');
    expect(ok.status).toBe(201);
    const evidenceId = (ok.body as { id: number }).id;
    const answered = await c['demo-exam']!.post(`/api/v1/rectifications/items/${id}/respond`, {
      statement: '已补签并修订签发流程',
      responsiblePerson: '王质量',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'submitted' });
    // Submitted: the institution cannot answer again nor upload.
    expect(
      (await c['demo-exam']!.post(`/api/v1/rectifications/items/${id}/respond`, { statement: 'x' })).status,
    ).toBe(409);
    expect((await upload('demo-exam', id, PDF, 'b.pdf')).status).toBe(409);

    const rejected = await c['demo-qc']!.post(`/api/v1/rectifications/items/${id}/reject`, {
      opinion: '缺少修订后的流程文件',
    });
    expect(rejected.body).toMatchObject({ status: 'open', roundNo: 1 });
    // The evidence already submitted does not count for the next answer.
    expect(
      (await c['demo-exam']!.post(`/api/v1/rectifications/items/${id}/respond`, { statement: '补充' }))
        .status,
    ).toBe(400);
    expect((await upload('demo-exam', id, PDF, '签发流程.pdf')).status).toBe(201);
    expect(
      (
        await c['demo-exam']!.post(`/api/v1/rectifications/items/${id}/respond`, {
          statement: '补充签发流程文件',
        })
      ).status,
    ).toBe(200);

    let d = await detail('demo-exam', id);
    expect(d.abilities).toEqual({ respond: false, verify: false, reopen: false, followUp: false });
    expect((await detail('demo-qc', id)).abilities.verify).toBe(true);
    expect(d.responsiblePerson).toBe('王质量');
    expect(d.evidence.map((e) => [e.fileName, e.submitted])).toEqual([
      ['整改报告.pdf', true],
      ['签发流程.pdf', true],
    ]);
    const file = await c['demo-city']!.get(`/api/v1/rectifications/items/${id}/evidence/${evidenceId}`);
    expect(file.status).toBe(200);
    expect(file.raw.headers['content-type']).toContain('application/pdf');
    expect(
      (await c['demo-diag']!.get(`/api/v1/rectifications/items/${id}/evidence/${evidenceId}`)).status,
    ).toBe(404);

    const closed = await c['demo-qc']!.post(`/api/v1/rectifications/items/${id}/verify`, { opinion: '销号' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    let clocks = await clocksOf(id);
    expect(clocks).toHaveLength(1);
    expect(clocks[0]!.done_at).not.toBeNull();

    // 回头看: a date in the future is refused; ok keeps it closed; a relapse reopens it (round 2, new clock).
    const future = await c['demo-qc']!.post(`/api/v1/rectifications/items/${id}/follow-ups`, {
      checkedOn: addDays(today(), 1),
      checkers: '张伟',
      result: 'ok',
    });
    expect(reasons(future.body)).toEqual([['checkedOn', 'rectification_date_future']]);
    const fine = await c['demo-qc']!.post(`/api/v1/rectifications/items/${id}/follow-ups`, {
      checkedOn: today(),
      checkers: '张伟',
      result: 'ok',
    });
    expect(fine.body).toMatchObject({ status: 'closed', roundNo: 1 });
    const relapse = await c['demo-city']!.post(`/api/v1/rectifications/items/${id}/follow-ups`, {
      checkedOn: today(),
      checkers: '张伟、李娜',
      result: 'relapse',
      note: '再次发现未签字报告',
      dueOn: addDays(today(), 15),
    });
    expect(relapse.body).toMatchObject({ status: 'open', roundNo: 2, dueOn: addDays(today(), 15) });
    clocks = await clocksOf(id);
    expect(clocks.map((k) => [k.round_no, k.done_at === null, k.due_on])).toEqual([
      [1, false, clocks[0]!.due_on],
      [2, true, addDays(today(), 15)],
    ]);
    d = await detail('demo-exam', id);
    expect(d.events.map((e) => e.kind)).toEqual([
      'raised',
      'responded',
      'rejected',
      'responded',
      'closed',
      'follow_up',
      'follow_up',
      'reopened',
    ]);
    expect(d.events.find((e) => e.kind === 'rejected')!.note).toBe('缺少修订后的流程文件');
    expect(d.abilities.respond).toBe(true);
    expect(d.clock).toMatchObject({ done: false, dueOn: addDays(today(), 15) });

    // The institution's to-do inbox lists the new round's clock, linked to the item.
    const todos = (await c['demo-exam']!.get('/api/v1/todos?kind=rectification_major&pageSize=200'))
      .body as unknown as TodoPage;
    const todo = todos.data.find((x) => x.subject.id === clocks[1]!.rectification_round_id)!;
    expect(todo.link).toBe(`/rectifications/rounds/${clocks[1]!.rectification_round_id}`);
    expect(todo.subject.label).toContain('体检报告签发不规范');
    const byRound = await c['demo-exam']!.get(
      `/api/v1/rectifications/rounds/${clocks[1]!.rectification_round_id}`,
    );
    expect((byRound.body as { id: number }).id).toBe(id);

    // Closing again, then an explicit reopen.
    expect((await upload('demo-exam', id, PDF, 'c.pdf')).status).toBe(201);
    expect(
      (await c['demo-exam']!.post(`/api/v1/rectifications/items/${id}/respond`, { statement: '再次整改' }))
        .status,
    ).toBe(200);
    expect((await c['demo-city']!.post(`/api/v1/rectifications/items/${id}/verify`, {})).status).toBe(200);
    const reopenBad = await c['demo-qc']!.post(`/api/v1/rectifications/items/${id}/reopen`, {
      reason: 'x',
      dueOn: '2001-01-01',
    });
    expect(reasons(reopenBad.body)).toEqual([['dueOn', 'rectification_due_past']]);
    const reopened = await c['demo-qc']!.post(`/api/v1/rectifications/items/${id}/reopen`, {
      reason: '复查发现反弹',
    });
    expect(reopened.body).toMatchObject({ status: 'open', roundNo: 3, dueOn: addDays(today(), 30) });
    expect((await clocksOf(id)).map((k) => k.done_at === null)).toEqual([false, false, true]);

    expect((await audits(id)).map((a) => a.action)).toEqual([
      'rectification.create',
      'rectification.respond',
      'rectification.respond',
      'rectification.reject',
      'rectification.respond',
      'rectification.respond',
      'rectification.verify',
      'rectification.follow_up',
      'rectification.follow_up',
      'rectification.respond',
      'rectification.respond',
      'rectification.verify',
      'rectification.reopen',
    ]);
  });
});

describe('the overdue sweep', () => {
  it('warns the institution and the commission of its region once the due date has passed', async () => {
    const institutionId = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
    const [id] = await raise([
      {
        source: 'inspection',
        sourceRef: 'sweep-1',
        institutionId,
        title: '逾期问题',
        severity: 'general',
        dueOn: addDays(today(), -3),
      },
    ]);
    await sweepOverdueDeadlines(t.deps.db, today());
    const [clock] = await clocksOf(id!);
    const warned = await t.deps.db
      .selectFrom('notification as n')
      .innerJoin('organisation as o', 'o.organisation_id', 'n.organisation_id')
      .select(['o.organisation_id', 'o.kind', 'o.region_code'])
      .where('n.deadline_id', '=', clock!.deadline_id)
      .execute();
    expect(warned).toContainEqual({
      organisation_id: institutionId,
      kind: 'exam_institution',
      region_code: '220102',
    });
    expect(warned.some((w) => w.kind === 'health_commission' && w.region_code === '220102')).toBe(true);
    expect((await list('demo-county', '&overdue=true')).data.map((i) => i.id)).toContain(id);
    expect((await lateRectificationCounts(t.deps.db, [institutionId])).get(institutionId)).toBe(1);
  });
});

describe('rates', () => {
  it('computes closed ÷ all by region and institution, as computed by hand', async () => {
    // Items raised in 2019 only (the demo's are recent): two institutions of two 长春 counties.
    const a = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220103' });
    const b = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220104' });
    const mk = async (institutionId: number, raisedOn: string, dueOn: string, closedOn: string | null) => {
      const { id } = await buildRectification(t.deps, {
        institutionId,
        status: closedOn ? 'closed' : 'open',
      });
      await t.deps.db
        .updateTable('rectification_item')
        .set({ raised_on: raisedOn, due_on: dueOn, closed_on: closedOn })
        .where('rectification_item_id', '=', id)
        .execute();
    };
    await mk(a, '2019-03-01', '2019-04-01', '2019-03-20'); // closed on time
    await mk(a, '2019-05-01', '2019-06-01', '2019-07-01'); // closed late
    await mk(a, '2019-06-01', '2019-07-01', null); // open, overdue
    await mk(b, '2019-09-01', '2019-10-01', null); // open, overdue
    await mk(b, '2020-01-02', '2020-02-01', '2020-01-20'); // outside the period
    const res = await c['demo-city']!.get(
      '/api/v1/rectifications/rates?regionCode=2201&from=2019-01-01&to=2019-12-31',
    );
    expect(res.status).toBe(200);
    const r = res.body as unknown as RectificationRates;
    expect(r.totals).toEqual({ total: 4, closed: 2, closedOnTime: 1, open: 2, overdue: 2, rate: 0.5 });
    expect(r.regions.map((x) => [x.regionCode, x.total, x.closed, x.rate])).toEqual([
      ['220103', 3, 2, 0.6667],
      ['220104', 1, 0, 0],
    ]);
    expect(r.institutions.map((x) => [x.institutionId, x.rate])).toEqual([
      [b, 0],
      [a, 0.6667],
    ]);
    expect(r.confidence).toBe('uncertain');
    expect(r.definition).toContain('整改率');
    // By due date instead: the 2020 item (due 2020-02-01) still out, the same four in.
    const due = (
      await c['demo-city']!.get(
        '/api/v1/rectifications/rates?regionCode=2201&from=2019-01-01&to=2019-12-31&basis=due',
      )
    ).body as unknown as RectificationRates;
    expect(due.totals.total).toBe(4);
    // A county sees its own county only.
    const county = (
      await c['demo-county']!.get(
        '/api/v1/rectifications/rates?regionCode=2201&from=2019-01-01&to=2019-12-31',
      )
    ).body as unknown as RectificationRates;
    expect(county.totals.total).toBe(0);
    const reversed = await c['demo-city']!.get('/api/v1/rectifications/rates?from=2019-12-31&to=2019-01-01');
    expect(reasons(reversed.body)).toEqual([['from', 'rectification_period_reversed']]);
  });
});

describe('scope', () => {
  it('shows a county only its county and an institution only its own; out of scope is 404', async () => {
    const county = await orgOf('demo-county');
    const inside = await buildRectification(t.deps, {
      institutionId: await buildOrganisation(t.deps, {
        kind: 'exam_institution',
        regionCode: county.region_code,
      }),
    });
    const sibling = await buildRectification(t.deps, {
      institutionId: await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220103' }),
    });
    const seen = (await list('demo-county')).data.map((i) => i.id);
    expect(seen).toContain(inside.id);
    expect(seen).not.toContain(sibling.id);
    expect((await c['demo-county']!.get(`/api/v1/rectifications/items/${sibling.id}`)).status).toBe(404);
    expect(
      (await c['demo-county']!.post(`/api/v1/rectifications/items/${sibling.id}/reopen`, { reason: 'x' }))
        .status,
    ).toBe(404);
    const exam = await orgOf('demo-exam');
    const mine = await list('demo-exam');
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((i) => i.institutionId === exam.organisation_id)).toBe(true);
    expect((await c['demo-exam']!.get(`/api/v1/rectifications/items/${inside.id}`)).status).toBe(404);
    expect((await c['demo-employer']!.get('/api/v1/rectifications/items')).status).toBe(403);
    // Filters: source, status, institution.
    const qcOnly = await list('demo-qc', '&source=card_sampling');
    expect(qcOnly.data.length).toBeGreaterThan(0);
    expect(qcOnly.data.every((i) => i.source === 'card_sampling')).toBe(true);
    const closed = await list('demo-qc', `&status=closed&institutionId=${exam.organisation_id}`);
    expect(closed.data.every((i) => i.status === 'closed' && i.institutionId === exam.organisation_id)).toBe(
      true,
    );
  });
});

describe('拒不整改 / 整改不到位', () => {
  it('is marked by a regulator with its items, feeds the public list, and is lifted', async () => {
    const institutionId = await buildOrganisation(t.deps, {
      kind: 'exam_institution',
      regionCode: '220102',
      name: '拒改测试医院',
    });
    const other = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
    const item = await buildRectification(t.deps, { institutionId, severity: 'major' });
    const foreign = await buildRectification(t.deps, { institutionId: other });
    const body = { institutionId, kind: 'refusing', reason: '经督促仍拒不整改', itemIds: [item.id] };
    expect(reasonOf((await c['demo-qc']!.post('/api/v1/rectifications/refusals', body)).body)).toBe(
      'rectification_regulator_only',
    );
    const wrong = await c['demo-county']!.post('/api/v1/rectifications/refusals', {
      ...body,
      itemIds: [item.id, foreign.id],
    });
    expect(reasons(wrong.body)).toEqual([['itemIds.1', 'rectification_item_not_institution']]);
    const marked = await c['demo-county']!.post('/api/v1/rectifications/refusals', body);
    expect(marked.status).toBe(201);
    const m = marked.body as unknown as RefusalSummary;
    expect(m).toMatchObject({ kind: 'refusing', liftedOn: null, abilities: { lift: true } });
    expect(m.items.map((i) => i.id)).toEqual([item.id]);
    expect((await c['demo-county']!.post('/api/v1/rectifications/refusals', body)).status).toBe(409);
    const rows = await refusingRectificationRows(t.deps.db, '22');
    const row = rows.find((r) => r.institutionId === institutionId)!;
    expect(row).toMatchObject({
      institutionName: '拒改测试医院',
      reference: '拒不整改',
      detail: '经督促仍拒不整改',
      since: today(),
    });
    expect(row.items).toEqual([(await detail('demo-county', item.id)).title]);
    expect(row.regionName).toContain('南关区');
    expect((await detail('demo-county', item.id)).refusal).toMatchObject({ kind: 'refusing' });
    expect(await refusingRectificationRows(t.deps.db, '21')).toEqual([]);

    const early = await c['demo-county']!.post(`/api/v1/rectifications/refusals/${m.id}/lift`, {
      note: '已整改',
      liftedOn: '2000-01-01',
    });
    expect(reasons(early.body)).toEqual([['liftedOn', 'rectification_lift_before_mark']]);
    const lifted = await c['demo-county']!.post(`/api/v1/rectifications/refusals/${m.id}/lift`, {
      note: '已整改到位',
    });
    expect(lifted.body).toMatchObject({ liftedOn: today(), liftNote: '已整改到位' });
    expect(
      (await c['demo-county']!.post(`/api/v1/rectifications/refusals/${m.id}/lift`, { note: 'x' })).status,
    ).toBe(409);
    expect(
      (await refusingRectificationRows(t.deps.db, '22')).some((r) => r.institutionId === institutionId),
    ).toBe(false);
    const trail = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'organisation')
      .where('entity_id', '=', String(institutionId))
      .orderBy('seq')
      .execute();
    expect(trail.map((a) => a.action)).toEqual([
      'rectification.mark_refusing',
      'rectification.lift_refusing',
    ]);
    // The standing ones list; all=true the lifted too.
    const standing = (await c['demo-county']!.get('/api/v1/rectifications/refusals')).body as {
      data: RefusalSummary[];
    };
    expect(standing.data.some((r) => r.id === m.id)).toBe(false);
    const all = (await c['demo-county']!.get('/api/v1/rectifications/refusals?all=true')).body as {
      data: RefusalSummary[];
    };
    expect(all.data.some((r) => r.id === m.id)).toBe(true);
  });
});

describe('the sources wired', () => {
  it('raises an item for each checklist item 不符合 and each factor not capable when a verification completes', async () => {
    const institutionId = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
    const v = await buildVerification(t.deps, { institutionId, recorded: true });
    const d = (await c['demo-qc']!.get(`/api/v1/verifications/${v.id}`)).body as {
      factors: Array<{ hazardCode: string }>;
    };
    const factor = d.factors[0]!.hazardCode;
    const rec = await c['demo-qc']!.put(`/api/v1/verifications/${v.id}/results`, {
      items: [
        { code: 'P2', result: 'nonconform', note: '无诊断资格医师' },
        { code: 'E2', result: 'nonconform', note: '校准过期' },
      ],
      factors: [{ hazardCode: factor, capable: false, note: '无设备' }],
    });
    expect(rec.status).toBe(200);
    expect((await c['demo-qc']!.post(`/api/v1/verifications/${v.id}/complete`, {})).status).toBe(200);
    const items = await t.deps.db
      .selectFrom('rectification_item')
      .select(['source', 'source_ref', 'severity', 'detail', 'status'])
      .where('institution_id', '=', institutionId)
      .orderBy('source_ref')
      .execute();
    expect(items).toEqual([
      {
        source: 'verification',
        source_ref: `verification:${v.id}:factor:${factor}`,
        severity: 'general',
        detail: '无设备',
        status: 'open',
      },
      {
        source: 'verification',
        source_ref: `verification:${v.id}:item:E2`,
        severity: 'general',
        detail: '校准过期',
        status: 'open',
      },
      {
        source: 'verification',
        source_ref: `verification:${v.id}:item:P2`,
        severity: 'major',
        detail: '无诊断资格医师',
        status: 'open',
      },
    ]);
  });

  it('raises an item for the card’s institution when a sampled card does not match its paper report', async () => {
    const samples = (await c['demo-county']!.get('/api/v1/exam-samples?pageSize=50')).body as {
      data: Array<{ id: number; abilities: { record: boolean } }>;
    };
    const sample = samples.data.find((s) => s.abilities.record)!;
    const s = (await c['demo-county']!.get(`/api/v1/exam-samples/${sample.id}`)).body as {
      cards: Array<{ cardId: number; institutionId: number; recordId: string; check: unknown }>;
    };
    const card = s.cards.find((x) => x.check === null)!;
    const ok = await c['demo-county']!.post(`/api/v1/exam-samples/${sample.id}/checks`, {
      cardId: card.cardId,
      matches: true,
    });
    expect(ok.status).toBe(200);
    const ref = `sample:${sample.id}:card:${card.cardId}`;
    const find = () =>
      t.deps.db
        .selectFrom('rectification_item')
        .select(['institution_id', 'title', 'source'])
        .where('source', '=', 'card_sampling')
        .where('source_ref', '=', ref)
        .execute();
    expect(await find()).toEqual([]);
    const bad = await c['demo-county']!.post(`/api/v1/exam-samples/${sample.id}/checks`, {
      cardId: card.cardId,
      matches: false,
      differingFields: ['conclusion'],
      note: '结论不一致',
    });
    expect(bad.status).toBe(200);
    // Recorded again: still one item.
    await c['demo-county']!.post(`/api/v1/exam-samples/${sample.id}/checks`, {
      cardId: card.cardId,
      matches: false,
      differingFields: ['conclusion'],
    });
    const found = await find();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ institution_id: card.institutionId, source: 'card_sampling' });
    expect(found[0]!.title).toContain(card.recordId);
    expect(found[0]!.title).toContain('体检结论');
  });
});

describe('对口帮扶', () => {
  it('records a pairing with activities and a yearly report, refusing bad input by field, audited', async () => {
    const lead = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
    const assisted = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
    const rehab = await buildOrganisation(t.deps, { kind: 'rehab_station', regionCode: '220102' });
    const bad = await c['demo-county']!.post('/api/v1/rectifications/pairings', {
      kind: 'exam',
      leadInstitutionId: lead,
      assistedInstitutionId: rehab,
      startsOn: '2025-03-01',
      endsOn: '2025-01-01',
      focus: ['qms'],
    });
    expect(reasons(bad.body)).toEqual([
      ['assistedInstitutionId', 'pairing_kind_mismatch'],
      ['endsOn', 'pairing_period_reversed'],
    ]);
    const same = await c['demo-county']!.post('/api/v1/rectifications/pairings', {
      kind: 'exam',
      leadInstitutionId: assisted,
      assistedInstitutionId: assisted,
      startsOn: '2025-03-01',
      focus: ['qms'],
    });
    expect(reasons(same.body)).toEqual([['leadInstitutionId', 'pairing_same_institution']]);
    expect(
      (
        await c['demo-exam']!.post('/api/v1/rectifications/pairings', {
          kind: 'exam',
          leadInstitutionId: lead,
          assistedInstitutionId: assisted,
          startsOn: '2025-03-01',
          focus: ['qms'],
        })
      ).status,
    ).toBe(403);
    const created = await c['demo-county']!.post('/api/v1/rectifications/pairings', {
      kind: 'exam',
      leadInstitutionId: lead,
      assistedInstitutionId: assisted,
      startsOn: '2025-03-01',
      focus: ['qms', 'training', 'qms'],
    });
    expect(created.status).toBe(201);
    const p = created.body as unknown as PairingDetail;
    expect(p.focus).toEqual(['qms', 'training']);
    const outside = await c['demo-county']!.post(`/api/v1/rectifications/pairings/${p.id}/activities`, {
      activityOn: '2024-01-01',
      kind: 'qms',
      summary: 'x',
    });
    expect(reasons(outside.body)).toEqual([['activityOn', 'pairing_activity_outside']]);
    expect(
      (
        await c['demo-county']!.post(`/api/v1/rectifications/pairings/${p.id}/activities`, {
          activityOn: '2025-04-01',
          kind: 'qms',
          summary: '修订质量手册',
        })
      ).status,
    ).toBe(200);
    const year = await c['demo-county']!.post(`/api/v1/rectifications/pairings/${p.id}/reports`, {
      year: 2024,
      summary: 'x',
    });
    expect(reasons(year.body)).toEqual([['year', 'pairing_report_year']]);
    const rep = await c['demo-county']!.post(`/api/v1/rectifications/pairings/${p.id}/reports`, {
      year: 2025,
      summary: '年度帮扶报告',
    });
    expect(rep.status).toBe(200);
    const upd = await c['demo-county']!.patch(`/api/v1/rectifications/pairings/${p.id}`, {
      status: 'ended',
      endsOn: '2025-12-31',
    });
    const after = upd.body as unknown as PairingDetail;
    expect(after).toMatchObject({
      status: 'ended',
      endsOn: '2025-12-31',
      activities: 1,
      reportYears: [2025],
    });
    expect(after.reportDueOn.endsWith('-11-15')).toBe(true);
    // The institutions see the pairings they lead or receive; a sibling county does not see it.
    const trail = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'assistance_pairing')
      .where('entity_id', '=', String(p.id))
      .orderBy('seq')
      .execute();
    expect(trail.map((a) => a.action)).toEqual([
      'assistance_pairing.create',
      'assistance_pairing.update',
      'assistance_pairing.report',
      'assistance_pairing.update',
    ]);
  });
});

describe('the demo ledger', () => {
  it('gives every screen data: the example items, several sources and states, a reopened item, a mark, two pairings', async () => {
    const exam = await orgOf('demo-exam');
    expect(exam.organisation_id).toBe(DEMO_RECTIFICATION_INSTITUTIONS.exam);
    const names = await t.deps.db
      .selectFrom('organisation')
      .select(['organisation_id', 'kind', 'region_code'])
      .where('organisation_id', 'in', [
        DEMO_RECTIFICATION_INSTITUTIONS.pairingLead,
        DEMO_RECTIFICATION_INSTITUTIONS.pairingAssisted,
      ])
      .execute();
    expect(names.every((o) => o.kind === 'exam_institution' && o.region_code.startsWith('2201'))).toBe(true);
    const state = async (id: number) => (await detail('demo-qc', id)).status;
    // The journey above may have moved none of these (they are the examples').
    expect(await state(D.submitted)).toBe('submitted');
    expect(await state(D.submittedToReject)).toBe('submitted');
    const withEvidence = await detail('demo-exam', D.openWithEvidence);
    expect(withEvidence.status).toBe('open');
    expect(withEvidence.evidence.some((e) => !e.submitted)).toBe(true);
    expect(await state(D.closed)).toBe('closed');
    const recheck = await detail('demo-qc', D.closedToRecheck);
    expect(recheck).toMatchObject({ status: 'closed', closedOn: '2025-06-30' });
    const reopened = await detail('demo-qc', D.reopened);
    expect(reopened).toMatchObject({ status: 'open', roundNo: 2 });
    expect(reopened.events.map((e) => e.kind)).toContain('follow_up');
    const all = await list('demo-qc');
    const sources = new Set(all.data.map((i) => i.source));
    for (const s of ['inspection', 'card_sampling', 'verification'])
      expect(sources.has(s as 'qc')).toBe(true);
    expect(all.data.some((i) => i.overdueDays > 0)).toBe(true);
    expect(new Set(all.data.map((i) => i.regionCode.slice(0, 4))).size).toBeGreaterThanOrEqual(3);
    const refusals = (await c['demo-province']!.get('/api/v1/rectifications/refusals')).body as {
      data: RefusalSummary[];
    };
    expect(refusals.data.find((r) => r.id === D.refusal)).toMatchObject({ kind: 'refusing', liftedOn: null });
    const pairings = (await c['demo-province']!.get('/api/v1/rectifications/pairings')).body as {
      data: PairingDetail[];
    };
    expect(pairings.data.filter((p) => p.reportYears.length > 0).length).toBeGreaterThanOrEqual(2);
    const cityPairing = (await c['demo-city']!.get(`/api/v1/rectifications/pairings/${D.pairing}`))
      .body as unknown as PairingDetail;
    expect(cityPairing.abilities.manage).toBe(true);
    // The rate page of the province has figures per city.
    const rates = (await c['demo-province']!.get('/api/v1/rectifications/rates'))
      .body as unknown as RectificationRates;
    expect(rates.regions.length).toBeGreaterThanOrEqual(3);
    expect(rates.totals.closed).toBeGreaterThan(0);
  });
});
