/**
 * The to-do inbox, the overdue sweep and the notification centre (issue 16 item 1), against a real
 * database: scoping (own organisation vs a sibling county's, a regulator's region), states and counts,
 * the sweep warning once, mark-read audited, bad inputs.
 */
import { chinaToday } from '@ohp/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Todo, TodoSummary } from '@ohp/contracts';
import { buildFiling, buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { inboxScopeOf } from './deadlines.policy.js';
import { insertDeadlines } from './deadlines.repository.js';
import { sweepOverdueDeadlines } from './notifications.service.js';

/** China date, as the platform's (UTC+8). */
const today = chinaToday();
const shift = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let t: TestContext;
let county: string;
let sibling: string;
let countyOrg: number;
let siblingCommission: number;
let mine: number;
let other: number;
let me: Client;
let them: Client;
let countyClient: Client;
let cityClient: Client;
let subject = 900_000;

/** Clocks of an organisation: one overdue, one due soon, one open, one done. */
const clocksOf = async (organisationId: number, region: string) => {
  const row = (due: string) => ({
    kind: 'contraindication_followup',
    subject_type: 'exam_card',
    subject_id: ++subject,
    starts_on: shift(-40),
    due_on: due,
    responsible_organisation_id: organisationId,
    regulator_region_code: region,
  });
  const rows = [row(shift(-5)), row(shift(2)), row(shift(20)), row(shift(-30))];
  await insertDeadlines(t.deps.db, rows);
  const done = rows[3]!.subject_id;
  await t.deps.db
    .updateTable('deadline')
    .set({ done_at: new Date() })
    .where('subject_id', '=', done)
    .where('subject_type', '=', 'exam_card')
    .execute();
  return rows.map((r) => r.subject_id);
};

const subjectsOf = (res: { body: Record<string, unknown> }) =>
  (res.body.data as Todo[]).map((d) => d.subject.id).sort((a, b) => a - b);

beforeAll(async () => {
  t = await createTestContext();
  const c = await t.deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['o.region_code', 'o.organisation_id'])
    .where('u.username', '=', 'demo-county')
    .executeTakeFirstOrThrow();
  county = c.region_code;
  countyOrg = c.organisation_id;
  sibling = county === '220103' ? '220102' : '220103';
  siblingCommission = (
    await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'health_commission')
      .where('region_code', '=', sibling)
      .executeTakeFirstOrThrow()
  ).organisation_id;
  mine = await buildOrganisation(t.deps, { regionCode: county, name: '待办测试本单位' });
  other = await buildOrganisation(t.deps, { regionCode: sibling, name: '待办测试邻县单位' });
  const u1 = await buildUser(t.deps, { organisationId: mine, roleKeys: ['employer_staff'] });
  const u2 = await buildUser(t.deps, { organisationId: other, roleKeys: ['employer_staff'] });
  me = await t.login(u1.username);
  them = await t.login(u2.username);
  countyClient = await t.login('demo-county');
  cityClient = await t.login('demo-city');
});
afterAll(async () => t.close());

describe('to-do inbox', () => {
  let mineIds: number[];
  let otherIds: number[];
  beforeAll(async () => {
    mineIds = await clocksOf(mine, county);
    otherIds = await clocksOf(other, sibling);
  });

  it('lists the clocks of my own organisation only, not a sibling county’s', async () => {
    const res = await me.get('/api/v1/todos?pageSize=50');
    expect(res.status).toBe(200);
    // Not done: overdue, due soon, open (the done one only under state=done).
    expect(subjectsOf(res)).toEqual(mineIds.slice(0, 3));
    expect(res.body.total).toBe(3);
    const rows = res.body.data as Todo[];
    expect(rows.every((r) => r.relation === 'own' && r.responsibleOrganisationId === mine)).toBe(true);
    // Most pressing first, with days left and the rule's basis.
    expect(rows[0]!.state).toBe('overdue');
    expect(rows[0]!.daysLeft).toBe(-5);
    expect(rows[0]!.overdueDays).toBe(5);
    expect(rows[0]!.confidence).toBe('uncertain');
    expect(rows[0]!.legalBasis).toContain('职业病防治法');
    expect(rows[0]!.link).toBe('/exam-cards');
    const theirs = await them.get('/api/v1/todos?pageSize=50');
    expect(subjectsOf(theirs)).toEqual(otherIds.slice(0, 3));
  });

  it('filters by state and kind, each state disjoint', async () => {
    const by = async (q: string) => subjectsOf(await me.get(`/api/v1/todos?${q}`));
    expect(await by('state=overdue')).toEqual([mineIds[0]]);
    expect(await by('state=due_soon')).toEqual([mineIds[1]]);
    expect(await by('state=open')).toEqual([mineIds[2]]);
    expect(await by('state=done')).toEqual([mineIds[3]]);
    expect(await by('kind=contraindication_followup&state=overdue')).toEqual([mineIds[0]]);
    expect(await by('kind=suspected_case_notify')).toEqual([]);
    const done = (await me.get('/api/v1/todos?state=done')).body.data as Todo[];
    expect(done[0]!.daysLeft).toBeNull();
    expect(done[0]!.doneAt).not.toBeNull();
  });

  it('counts my to-dos by kind and state', async () => {
    const res = await me.get('/api/v1/todos/summary');
    expect(res.status).toBe(200);
    const s = res.body as unknown as TodoSummary;
    expect(s.totals).toEqual({ overdue: 1, due_soon: 1, open: 1, done: 1 });
    const k = s.kinds.find((x) => x.kind === 'contraindication_followup')!;
    expect(k.counts).toEqual({ overdue: 1, due_soon: 1, open: 1, done: 1 });
    expect(s.kinds.find((x) => x.kind === 'suspected_case_notify')!.counts.overdue).toBe(0);
  });

  it('shows a county regulator the overdue clocks of its county only, a city regulator its counties’', async () => {
    const res = await countyClient.get('/api/v1/todos?relation=region&pageSize=200');
    expect(res.status).toBe(200);
    const ids = subjectsOf(res);
    expect(ids).toContain(mineIds[0]);
    // Not the due-soon or open ones (the organisation must act on those), nor the sibling county's.
    for (const id of [mineIds[1], mineIds[2], mineIds[3], ...otherIds]) expect(ids).not.toContain(id);
    expect((res.body.data as Todo[]).every((r) => r.relation === 'region' && r.state === 'overdue')).toBe(
      true,
    );
    const city = subjectsOf(await cityClient.get('/api/v1/todos?relation=region&pageSize=200'));
    expect(city).toEqual(expect.arrayContaining([mineIds[0], otherIds[0]]));
    // A sibling county's regulator does not see this county's clocks.
    const summary = (await countyClient.get('/api/v1/todos/summary?relation=region'))
      .body as unknown as TodoSummary;
    expect(summary.totals.overdue).toBeGreaterThanOrEqual(1);
    expect(summary.totals.open).toBe(0);
  });

  it('names a filing waiting for review by its institution and links to the review queue', async () => {
    const institution = await buildOrganisation(t.deps, {
      regionCode: county,
      kind: 'exam_institution',
      name: '待办测试体检中心',
    });
    const filing = await buildFiling(t.deps, { institutionId: institution, status: 'submitted' });
    await insertDeadlines(t.deps.db, [
      {
        kind: 'filing_review',
        subject_type: 'filing',
        subject_id: filing.id,
        starts_on: shift(-1),
        due_on: shift(10),
        responsible_organisation_id: mine,
        regulator_region_code: county,
      },
    ]);
    const res = await me.get('/api/v1/todos?kind=filing_review');
    expect(res.status).toBe(200);
    const [todo] = res.body.data as Todo[];
    expect(todo?.subject.label).toBe('待办测试体检中心（职业健康检查机构备案）');
    expect(todo?.link).toBe('/filings');
  });

  it('cites laws and notices in every rule users read, never a path of the research notes', async () => {
    const rules = await t.deps.db
      .selectFrom('deadline_rule')
      .select(['kind', 'legal_basis', 'note'])
      .execute();
    expect(rules.length).toBeGreaterThan(4);
    expect(rules.filter((r) => `${r.legal_basis} ${r.note ?? ''}`.includes('shared/'))).toEqual([]);
    expect(rules.find((r) => r.kind === 'suspected_case_notify')?.legal_basis).toContain(
      '《职业健康检查管理办法》第七条',
    );
    // The outbound notice period's basis is shown the same way (migration 0035).
    const settings = await t.deps.db.selectFrom('outbound_setting').select(['legal_basis']).execute();
    expect(settings.length).toBeGreaterThan(0);
    expect(settings.filter((s) => s.legal_basis.includes('shared/'))).toEqual([]);
    expect(settings[0]!.legal_basis).toContain('吉卫规〔2024〕2号 三');
    // …and its note is Chinese like the rest of the page (migration 0036).
    const note = (await t.deps.db.selectFrom('outbound_setting').select('note').executeTakeFirst())?.note;
    expect(note).toMatch(/^天数/);
  });

  it('refuses bad filters with the field named', async () => {
    for (const q of ['state=late', 'relation=all', 'kind=DROP%20TABLE', 'pageSize=0']) {
      const res = await me.get(`/api/v1/todos?${q}`);
      expect(res.status, q).toBe(400);
      const details = (res.body.error as { details: Array<{ path: string }> }).details;
      expect(details.map((d) => d.path).join(), q).toContain(q.split('=')[0]);
    }
  });
});

describe('overdue sweep and notifications', () => {
  let overdue: number;
  let siblingOverdue: number;
  beforeAll(async () => {
    overdue = ++subject;
    siblingOverdue = ++subject;
    await insertDeadlines(t.deps.db, [
      {
        kind: 'suspected_case_notify',
        subject_type: 'exam_card',
        subject_id: overdue,
        starts_on: shift(-20),
        due_on: shift(-1),
        responsible_organisation_id: mine,
        regulator_region_code: county,
      },
      {
        kind: 'suspected_case_notify',
        subject_type: 'exam_card',
        subject_id: siblingOverdue,
        starts_on: shift(-20),
        due_on: shift(-1),
        responsible_organisation_id: other,
        regulator_region_code: sibling,
      },
    ]);
  });

  const notificationsOf = (organisationId: number, subjectId: number) =>
    t.deps.db
      .selectFrom('notification as n')
      .innerJoin('deadline as d', 'd.deadline_id', 'n.deadline_id')
      .select(['n.notification_id', 'n.kind', 'n.organisation_id'])
      .where('n.organisation_id', '=', organisationId)
      .where('d.subject_id', '=', subjectId)
      .execute();

  it('notifies the responsible organisation and its county regulator once, and not again', async () => {
    const first = await sweepOverdueDeadlines(t.deps.db, today);
    expect(first.clocks).toBeGreaterThanOrEqual(2);
    expect(await notificationsOf(mine, overdue)).toEqual([
      expect.objectContaining({ kind: 'deadline_overdue' }),
    ]);
    expect(await notificationsOf(countyOrg, overdue)).toEqual([
      expect.objectContaining({ kind: 'deadline_overdue_region' }),
    ]);
    // The sibling county's clock goes to its own regulator, not to this county's.
    expect(await notificationsOf(countyOrg, siblingOverdue)).toEqual([]);
    expect(await notificationsOf(siblingCommission, siblingOverdue)).toHaveLength(1);
    const warned = await t.deps.db
      .selectFrom('deadline')
      .select('warned_at')
      .where('subject_id', '=', overdue)
      .executeTakeFirstOrThrow();
    expect(warned.warned_at).not.toBeNull();
    const second = await sweepOverdueDeadlines(t.deps.db, today);
    expect(second).toEqual({ clocks: 0, notifications: 0 });
    expect(await notificationsOf(mine, overdue)).toHaveLength(1);
    // Not-yet-due clocks are never warned about.
    const soon = await t.deps.db
      .selectFrom('deadline')
      .select('warned_at')
      .where('responsible_organisation_id', '=', mine)
      .where('due_on', '>=', today)
      .execute();
    expect(soon.every((d) => d.warned_at === null)).toBe(true);
  });

  it('lists my notifications with a title in the request language and counts the unread', async () => {
    const res = await me.get('/api/v1/notifications');
    expect(res.status).toBe(200);
    const data = res.body.data as Array<{ title: string; link: string; kind: string }>;
    // The two overdue clocks of beforeAll (contraindication, 5 days) and this one.
    expect(data).toHaveLength(2);
    expect(data.every((n) => n.kind === 'deadline_overdue')).toBe(true);
    expect(data.map((n) => n.title).join()).toContain('【逾期】');
    expect(data[0]!.link).toMatch(/^\/todos\?state=overdue&kind=/);
    const en = await me.get('/api/v1/notifications', { 'accept-language': 'en' });
    expect((en.body.data as Array<{ title: string }>)[0]!.title).toMatch(/^\[Overdue\]/);
    expect((await me.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 2 });
    // Theirs are not mine.
    expect((await them.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 2 });
  });

  it('marks one read (audited), refuses another organisation’s (404, nothing marked), then all', async () => {
    const mineList = (await me.get('/api/v1/notifications')).body.data as Array<{ id: number }>;
    const theirs = (await them.get('/api/v1/notifications')).body.data as Array<{ id: number }>;
    const one = mineList[0]!.id;
    const res = await me.post(`/api/v1/notifications/${one}/read`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 1, unread: 1 });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id'])
      .where('action', '=', 'notification.read')
      .orderBy('audit_log_id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({
      action: 'notification.read',
      entity_type: 'notification',
      entity_id: String(one),
    });
    // Another organisation's: does not exist for me, and stays unread.
    expect((await me.post(`/api/v1/notifications/${theirs[0]!.id}/read`)).status).toBe(404);
    expect(
      (await me.post('/api/v1/notifications/read', { ids: [mineList[1]!.id, theirs[0]!.id] })).status,
    ).toBe(404);
    expect((await them.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 2 });
    expect((await me.get('/api/v1/notifications/unread-count')).body).toEqual({ unread: 1 });
    // Already read: nothing to do, not audited again.
    const before = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'notification.read')
      .executeTakeFirstOrThrow();
    expect((await me.post(`/api/v1/notifications/${one}/read`)).body).toEqual({ updated: 0, unread: 1 });
    const after = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'notification.read')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const all = await me.post('/api/v1/notifications/read', { all: true });
    expect(all.body).toEqual({ updated: 1, unread: 0 });
    expect((await me.get('/api/v1/notifications?unread=true')).body.total).toBe(0);
  });

  it('refuses a mark-read without ids or all, or with both, naming the field', async () => {
    for (const body of [{}, { ids: [1], all: true }]) {
      const res = await me.post('/api/v1/notifications/read', body);
      expect(res.status).toBe(400);
      const err = res.body.error as { details: Array<{ path: string; reason: string }> };
      expect(err.details).toEqual([
        expect.objectContaining({ path: 'ids', reason: 'notification_ids_or_all' }),
      ]);
    }
    for (const body of [{ ids: [] }, { ids: ['x'] }, { all: false }, { ids: [1], extra: 1 }]) {
      const res = await me.post('/api/v1/notifications/read', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await me.post('/api/v1/notifications/abc/read')).status).toBe(400);
  });
});

describe('inbox scope (policy)', () => {
  const actor = (organisationKind: string, regionCode: string) =>
    ({
      userId: 1,
      username: 'x',
      displayName: 'x',
      organisationId: 7,
      organisationKind,
      regionCode,
      roleKeys: [],
      permissions: new Set(),
      duties: new Set(['business']),
    }) as unknown as Parameters<typeof inboxScopeOf>[0];

  it('gives regulators and the QC centre their region, everyone else their organisation only', () => {
    expect(inboxScopeOf(actor('health_commission', '220102')).region).toEqual({
      kind: 'region',
      prefix: '220102',
    });
    expect(inboxScopeOf(actor('disease_control_bureau', '2201')).region).toEqual({
      kind: 'region',
      prefix: '2201',
    });
    // The QC centre watches the whole province.
    expect(inboxScopeOf(actor('qc_centre', '220100')).region).toEqual({ kind: 'region', prefix: '22' });
    for (const kind of ['support_institution', 'exam_institution', 'employer', 'platform_operator'])
      expect(inboxScopeOf(actor(kind, '220102')), kind).toEqual({
        organisationId: 7,
        userId: 1,
        region: null,
      });
  });
});
