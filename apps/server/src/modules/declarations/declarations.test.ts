/**
 * 职业病危害项目申报 (issue 17 item 2): totals computed from the rows and every cross-check; the clocks
 * (30 days after 竣工验收, at once for a never-declared employer, 15 days, the 11–13-month annual window,
 * the 回执 in 5 working days over the National Day holidays) and the late flag; prefill; the annual
 * update's locked fields; the state machine with its refusals (409 with reasons); who may decide (the
 * county of the employer only); scope (an employer sees only itself); the receipt verifiable on the
 * public page and revoked by a later declaration or a 注销; versions kept; every state change audited;
 * the demo data.
 */
import {
  computeDeclaration,
  declarationFormExample,
  type DeclarationDetail,
  type DeclarationForm,
  type DeclarationSummary,
} from '@ohp/contracts';
import { chinaDayOf, chinaToday } from '@ohp/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import { buildUser } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { registerDemoEmployers, seedDemoDeclarations } from './declarations.demo.js';
import { addMonths, annualWindow } from './declarations.rules.js';
import { DEMO_DECLARATION_IDS } from './declarations.routes.js';
import {
  acceptDeclaration,
  createDeclaration,
  returnDeclaration,
  submitDeclaration,
  updateDraft,
} from './declarations.service.js';

let t: TestContext;
const c: Record<string, Client> = {};
const today = chinaToday();
let seeded: string | null = null;
let county = '';
/** Employers of the demo county with no declaration: each test takes its own. */
let free: Array<{ organisation_id: number; region_code: string; credit_code: string | null }> = [];

beforeAll(async () => {
  t = await createTestContext();
  seeded = await seedDemoDeclarations(t.deps.db, today);
  for (const u of ['demo-province', 'demo-city', 'demo-county', 'demo-employer', 'demo-exam'])
    c[u] = await t.login(u);
  const me = (await c['demo-county']!.get('/api/v1/auth/me')).body as {
    organisation?: { regionCode?: string };
  };
  county =
    me.organisation?.regionCode ??
    (
      await t.deps.db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
        .select('o.region_code')
        .where('u.username', '=', 'demo-county')
        .executeTakeFirstOrThrow()
    ).region_code;
  const ids = await registerDemoEmployers(t.deps.db, county, [11, 12, 13, 14, 15]);
  free = await t.deps.db
    .selectFrom('organisation as o')
    .select(['o.organisation_id', 'o.region_code', 'o.credit_code'])
    .where('o.organisation_id', 'in', ids)
    .orderBy('o.organisation_id')
    .execute();
  // The sibling county of the same city: a regulator there.
  const sibling = await t.deps.db
    .selectFrom('organisation')
    .select('organisation_id')
    .where('kind', '=', 'health_commission')
    .where('region_code', 'like', `${county.slice(0, 4)}__`)
    .where('region_code', '<>', county)
    .orderBy('region_code')
    .executeTakeFirstOrThrow();
  const sib = await buildUser(t.deps, { organisationId: sibling.organisation_id, roleKeys: ['regulator'] });
  c.sibling = await t.login(sib.username);
}, 240_000);
afterAll(async () => t.close());

const employerClient = async () => {
  const e = free.shift()!;
  const u = await buildUser(t.deps, { organisationId: e.organisation_id, roleKeys: ['employer_staff'] });
  return {
    client: await t.login(u.username),
    employer: e,
    actor: (await loadActor(t.deps.db, u.id))!.actor,
  };
};
const ctx = (a: Actor) => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 't',
});
const countyActor = async (): Promise<Actor> => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', 'demo-county')
    .executeTakeFirstOrThrow();
  return (await loadActor(t.deps.db, u.user_id))!.actor;
};
const detail = async (who: Client, id: number) => {
  const res = await who.get(`/api/v1/declarations/${id}`);
  expect(res.status).toBe(200);
  return res.body as unknown as DeclarationDetail;
};
const audits = (id: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'declaration')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute()
    .then((r) => r.map((x) => x.action));
const clocks = (subjectType: string, ids: number[]) =>
  t.deps.db
    .selectFrom('deadline')
    .select(['kind', 'subject_id', 'starts_on', 'due_on', 'done_at', 'responsible_organisation_id'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', ids)
    .orderBy('deadline_id')
    .execute();
const dayOf = (d: unknown) => (d instanceof Date ? chinaDayOf(d) : String(d).slice(0, 10));

/** A complete form for an employer of the demo county (its credit code kept). */
const formFor = (creditCode: string | null): DeclarationForm => ({
  ...structuredClone(declarationFormExample),
  basic: {
    ...declarationFormExample.basic,
    ...(creditCode && { creditCode }),
    industryCode: '3311',
    economicTypeCode: '173',
  },
});

describe('computed totals and cross-checks', () => {
  it('computes the totals from the rows (the example is consistent)', () => {
    const { totals, issues } = computeDeclaration(declarationFormExample);
    expect(issues).toEqual([]);
    expect(totals.exposedDistinct).toBe(35);
    expect(totals.exposedRepeated).toBe(55);
    expect(totals.keyFactors).toMatchObject({ '1038': 20, '3008': 35, '2013': 0 });
    expect(totals.categories.dust).toEqual({ present: true, exposed: 20, repeated: 20 });
    expect(totals.categories.physical).toEqual({ present: true, exposed: 35, repeated: 35 });
    expect(totals.detectionPoints).toBe(12);
    expect(totals.detectionExceeding).toBe(1);
  });

  const broken = (change: (f: DeclarationForm) => void) => {
    const f = structuredClone(declarationFormExample);
    change(f);
    return computeDeclaration(f).issues;
  };
  it.each([
    [
      'distinct exposed > staff',
      (f: DeclarationForm) => (f.basic!.employees = 30),
      'basic.employees',
      'declaration_exposed_exceeds_staff',
    ],
    [
      'category > distinct total',
      (f: DeclarationForm) => (f.hazards!.physical!.exposed = 36),
      'hazards.physical.exposed',
      'declaration_category_exceeds_total',
    ],
    [
      'sub-factor > category',
      (f: DeclarationForm) => (f.hazards!.physical!.exposed = 30),
      'hazards.physical.exposed',
      'declaration_subfactor_exceeds_category',
    ],
    [
      'category without rows',
      (f: DeclarationForm) => (f.hazards!.chemical = { exposed: 3 }),
      'hazards.chemical.exposed',
      'declaration_category_without_rows',
    ],
    [
      'rows without the category',
      (f: DeclarationForm) => delete f.hazards!.dust,
      'hazards.dust.exposed',
      'declaration_category_missing',
    ],
    [
      'workplace distinct < a factor',
      (f: DeclarationForm) => (f.workplaces![0]!.distinctExposed = 10),
      'workplaces.0.distinctExposed',
      'declaration_workplace_distinct_below_factor',
    ],
    [
      'workplace distinct > sum',
      (f: DeclarationForm) => (f.workplaces![1]!.distinctExposed = 16),
      'workplaces.1.distinctExposed',
      'declaration_workplace_distinct_above_sum',
    ],
    [
      'same factor twice',
      (f: DeclarationForm) => f.workplaces![1]!.factors.push({ code: '3008', exposed: 1 }),
      'workplaces.1.factors.1.code',
      'declaration_factor_duplicate',
    ],
    [
      'unknown category code',
      (f: DeclarationForm) => (f.workplaces![1]!.factors[0]!.code = '8001'),
      'workplaces.1.factors.0.code',
      'declaration_hazard_code_unknown',
    ],
    [
      'exceedances > points',
      (f: DeclarationForm) => (f.detection!.categories!.dust!.exceeding = 5),
      'detection.categories.dust.exceeding',
      'declaration_exceeding_above_points',
    ],
    [
      'key factor points > category points',
      (f: DeclarationForm) => (f.detection!.keyFactors![0]!.points = 5),
      'detection.keyFactors.0.points',
      'declaration_key_points_above_category',
    ],
    [
      'managers trained > managers',
      (f: DeclarationForm) => (f.training!.managersTrained = 4),
      'training.managersTrained',
      'declaration_trained_above_managers',
    ],
    [
      'workers trained > exposed',
      (f: DeclarationForm) => (f.training!.workersTrained = 36),
      'training.workersTrained',
      'declaration_trained_above_exposed',
    ],
    [
      'exams done > due',
      (f: DeclarationForm) => (f.surveillance!.onDuty = { due: 30, done: 31 }),
      'surveillance.onDuty.done',
      'declaration_exams_done_above_due',
    ],
    [
      'exams due > exposed',
      (f: DeclarationForm) => (f.surveillance!.onDuty = { due: 36, done: 30 }),
      'surveillance.onDuty.due',
      'declaration_exams_due_above_exposed',
    ],
  ])('%s', (_name, change, path, reason) => {
    expect(broken(change)).toContainEqual({ path, reason });
  });
});

describe('dates of the clocks', () => {
  it('counts calendar months with the day clamped, and the annual window (> 11, ≤ 13 months)', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 2)).toBe('2026-01-15');
    expect(annualWindow('2024-03-15')).toEqual({ opensOn: '2025-02-16', dueOn: '2025-04-15' });
  });
});

describe('the demo declarations', () => {
  it('seeds accepted, awaiting (one past the 回执 clock) and returned declarations', async () => {
    expect(seeded).toMatch(/accepted/);
    const queue = (await c['demo-county']!.get('/api/v1/declarations?status=submitted')).body as unknown as {
      data: DeclarationSummary[];
    };
    // 2 and 3 await the county; a 省属企业 of the county awaits the city (第四条): the county reads it but
    // does not decide it.
    const forCity = DEMO_DECLARATION_IDS.provincial;
    expect(queue.data.map((d) => d.id).sort((x, y) => x - y)).toEqual([2, 3, forCity]);
    expect(
      queue.data
        .filter((d) => d.abilities.review)
        .map((d) => d.id)
        .sort(),
    ).toEqual([2, 3]);
    expect(queue.data.find((d) => d.id === forCity)).toMatchObject({ receivingLevel: 'city' });
    const city = (await c['demo-city']!.get('/api/v1/declarations?status=submitted&pageSize=100'))
      .body as unknown as { data: DeclarationSummary[] };
    expect(city.data.filter((d) => d.abilities.review).map((d) => d.id)).toEqual([forCity]);
    // Each commission's own queue (receivedBy=me): what it decides, nothing another level receives.
    const own = async (who: string) =>
      (
        (await c[who]!.get('/api/v1/declarations?status=submitted&receivedBy=me&pageSize=100'))
          .body as unknown as { data: DeclarationSummary[] }
      ).data
        .map((d) => d.id)
        .sort((x, y) => x - y);
    expect(await own('demo-county')).toEqual([2, 3]);
    expect(await own('demo-city')).toEqual([forCity]);
    expect(await own('demo-employer')).toEqual([]);
    expect(queue.data.find((d) => d.id === 3)!.receiptOverdueDays).toBeGreaterThan(0);
    expect(queue.data.find((d) => d.id === 2)!.receiptOverdueDays).toBe(0);
    const returned = await detail(c['demo-county']!, 4);
    expect(returned.status).toBe('returned');
    expect(returned.returnedOpinion).toMatch(/噪声/);
    const late = (await c['demo-province']!.get('/api/v1/declarations?late=true&pageSize=100'))
      .body as unknown as {
      total: number;
    };
    expect(late.total).toBeGreaterThan(0);
    // The demo employer: its accepted initial declaration, and the annual update may be started now.
    const mine = (await c['demo-employer']!.get('/api/v1/declarations')).body as unknown as {
      data: DeclarationSummary[];
    };
    expect(mine.data.map((d) => d.id)).toEqual([1]);
    const options = (await c['demo-employer']!.get('/api/v1/declarations/options')).body as {
      types: Array<{ type: string; allowed: boolean; dueOn: string | null }>;
    };
    expect(options.types.find((x) => x.type === 'annual')).toMatchObject({ allowed: true });
    expect(options.types.find((x) => x.type === 'initial')).toMatchObject({ allowed: false });
  });

  it('has depth: 变更 and 注销 through the service across counties, histories, drafts and returned ones', async () => {
    const all = async (q: string) =>
      (
        (await c['demo-province']!.get(`/api/v1/declarations?${q}&pageSize=100&exactTotal=true`))
          .body as unknown as { data: DeclarationSummary[]; total: number }
      ).data;
    const count = (rows: DeclarationSummary[], status: string) =>
      rows.filter((d) => d.status === status).length;
    const changes = await all('type=change');
    expect(count(changes, 'accepted')).toBe(3);
    expect(count(changes, 'submitted')).toBe(1);
    expect(count(changes, 'returned')).toBe(1);
    expect(count(changes, 'draft')).toBe(1);
    // One declared 26 days after its change (15 days allowed): late, as the service judged it.
    expect(changes.filter((d) => d.status === 'accepted' && d.late)).toHaveLength(1);
    const cancels = await all('type=cancel');
    expect(count(cancels, 'accepted')).toBe(2);
    expect(count(cancels, 'submitted')).toBe(1);
    expect(cancels.filter((d) => d.status === 'accepted' && d.late)).toHaveLength(1);
    // Across counties, every one after the fixed declarations (their ids unchanged).
    const depth = [...changes, ...cancels];
    expect(new Set(depth.map((d) => d.regionCode.slice(0, 6))).size).toBeGreaterThanOrEqual(3);
    expect(Math.min(...depth.map((d) => d.id))).toBeGreaterThan(DEMO_DECLARATION_IDS.provincial);
    // A 变更 prefilled from the last accepted one (its previous) and keeps its reason.
    const change = await detail(c['demo-province']!, changes.find((d) => d.status === 'accepted')!.id);
    expect(change.previousId).not.toBeNull();
    expect(change.changeReason).toBeTruthy();
    expect(change.form.workplaces?.length).toBeGreaterThan(0);
    // 初次 → 年度更新 → 变更: the full history of an employer.
    const history = await t.deps.db
      .selectFrom('declaration')
      .select(['employer_id', 'declaration_type'])
      .where('status', '=', 'accepted')
      .orderBy('accepted_at')
      .execute();
    const byEmployer = new Map<number, string[]>();
    for (const r of history)
      byEmployer.set(r.employer_id, [...(byEmployer.get(r.employer_id) ?? []), r.declaration_type]);
    expect(
      [...byEmployer.values()].filter((ts) => ts.join() === 'initial,annual,change').length,
    ).toBeGreaterThanOrEqual(2);
    // An accepted 注销: the employer left the programme (the employers module's record follows).
    for (const d of cancels.filter((x) => x.status === 'accepted')) {
      const e = (await c['demo-province']!.get(`/api/v1/employers/${d.employerId}`)).body as {
        programmeStatus: string;
      };
      expect(e.programmeStatus).toBe('closed');
    }
    // Open drafts and returned declarations of other employers than the demo employer, outside the county.
    const open = [...(await all('status=draft')), ...(await all('status=returned'))];
    expect(open.filter((d) => d.id !== 4 && !d.regionCode.startsWith(county)).length).toBeGreaterThanOrEqual(
      3,
    );
    // The clocks as the service opened them: the draft 变更's 15 days and the returned 变更's resubmission
    // both overdue (the warnings the deadline sweep sends).
    const draft = changes.find((d) => d.status === 'draft')!;
    const [draftClock] = await clocks('declaration', [draft.id]);
    expect(draftClock).toMatchObject({ kind: 'declaration_change', done_at: null });
    expect(dayOf(draftClock!.due_on) < today).toBe(true);
    const returnedChange = await detail(
      c['demo-province']!,
      changes.find((d) => d.status === 'returned')!.id,
    );
    expect(returnedChange.returnedOpinion).toMatch(/变更原因/);
  });

  it('scopes: an employer sees only itself, the county only its county, a sibling county nothing of it', async () => {
    expect((await c['demo-employer']!.get('/api/v1/declarations/2')).status).toBe(404);
    expect((await c.sibling!.get('/api/v1/declarations/2')).status).toBe(404);
    const sib = (await c.sibling!.get('/api/v1/declarations?pageSize=200')).body as unknown as {
      data: DeclarationSummary[];
    };
    expect(sib.data.every((d) => !d.regionCode.startsWith(county))).toBe(true);
    expect((await c['demo-city']!.get('/api/v1/declarations/2')).status).toBe(200);
    expect((await c['demo-exam']!.get('/api/v1/declarations')).status).toBe(403);
  });
});

describe('the receiving department (48号令 第四条)', () => {
  it('a 省属企业 declares to the city: the city decides, the county reads only, the 回执 clock is the city commission’s', async () => {
    const { client: me, employer } = await employerClient();
    // The county records in the base database that the employer is a provincial state-owned enterprise.
    const marked = await c['demo-county']!.patch(`/api/v1/employers/${employer.organisation_id}`, {
      reason: '核实为省属企业',
      affiliation: 'provincial',
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ affiliation: 'provincial' });
    const created = await me.post('/api/v1/declarations', { type: 'initial' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect((await detail(me, id)).receivingLevel).toBe('city');
    expect((await me.put(`/api/v1/declarations/${id}`, { form: formFor(employer.credit_code) })).status).toBe(
      200,
    );
    expect((await me.post(`/api/v1/declarations/${id}/submit`)).status).toBe(200);

    // The county of the employer reads it and cannot decide; the city can.
    expect((await detail(c['demo-county']!, id)).abilities.review).toBe(false);
    expect((await c['demo-county']!.post(`/api/v1/declarations/${id}/accept`, {})).status).toBe(403);
    expect((await detail(c['demo-city']!, id)).abilities.review).toBe(true);
    const cityCommission = await t.deps.db
      .selectFrom('app_user')
      .select('organisation_id')
      .where('username', '=', 'demo-city')
      .executeTakeFirstOrThrow();
    const versions = await t.deps.db
      .selectFrom('declaration_version')
      .select('declaration_version_id')
      .where('declaration_id', '=', id)
      .execute();
    const receipt = await clocks(
      'declaration_version',
      versions.map((v) => v.declaration_version_id),
    );
    expect(receipt.map((x) => [x.kind, x.responsible_organisation_id])).toEqual([
      ['declaration_receipt', cityCommission.organisation_id],
    ]);
    const accepted = await c['demo-city']!.post(`/api/v1/declarations/${id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(await detail(me, id)).toMatchObject({ status: 'accepted', receivingLevel: 'city' });
  });

  it('follows the employer’s 隶属关系 as it stands at submission', async () => {
    const { client: me, employer } = await employerClient();
    const created = await me.post('/api/v1/declarations', { type: 'initial' });
    const id = (created.body as { id: number }).id;
    expect((await detail(me, id)).receivingLevel).toBe('county');
    await me.put(`/api/v1/declarations/${id}`, { form: formFor(employer.credit_code) });
    // Corrected to 中央企业 while the draft was open: submitted to the city.
    expect(
      (
        await c['demo-county']!.patch(`/api/v1/employers/${employer.organisation_id}`, {
          reason: '核实为中央企业所属单位',
          affiliation: 'central',
        })
      ).status,
    ).toBe(200);
    expect((await me.post(`/api/v1/declarations/${id}/submit`)).status).toBe(200);
    expect((await detail(me, id)).receivingLevel).toBe('city');
    expect((await detail(c['demo-city']!, id)).abilities.review).toBe(true);
  });
});

describe('deleting a draft', () => {
  it('deletes a draft never submitted with its clocks, audited; nobody else may, nor a submitted one', async () => {
    const { client: me, employer } = await employerClient();
    const created = await me.post('/api/v1/declarations', { type: 'initial' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    // The county cannot delete the employer's draft (no declarations:submit).
    expect((await c['demo-county']!.delete(`/api/v1/declarations/${id}`)).status).toBe(403);
    const gone = await me.delete(`/api/v1/declarations/${id}`);
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ id });
    expect(
      await t.deps.db
        .selectFrom('declaration')
        .select('declaration_id')
        .where('declaration_id', '=', id)
        .execute(),
    ).toEqual([]);
    expect(await clocks('declaration', [id])).toEqual([]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'before'])
      .where('entity_type', '=', 'declaration')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'declaration.delete')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ type: 'initial', status: 'draft' });
    // Deleted, it is gone for the employer too; a submitted declaration cannot be deleted.
    expect((await me.delete(`/api/v1/declarations/${id}`)).status).toBe(404);
    const next = (await me.post('/api/v1/declarations', { type: 'initial' })).body as { id: number };
    await me.put(`/api/v1/declarations/${next.id}`, { form: formFor(employer.credit_code) });
    expect((await me.post(`/api/v1/declarations/${next.id}/submit`)).status).toBe(200);
    const refused = await me.delete(`/api/v1/declarations/${next.id}`);
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { reason: string } }).error.reason).toBe('declaration_not_deletable');
  });
});

describe('the state machine', () => {
  it('draft → submitted → returned → resubmitted → accepted, with the receipt verifiable and every step audited', async () => {
    const { client: me, employer } = await employerClient();
    // A first declaration must be 初次.
    const wrong = await me.post('/api/v1/declarations', {
      type: 'change',
      triggerDate: today,
      changeReason: '更换设备',
    });
    expect(wrong.status).toBe(409);
    expect((wrong.body as { error: { reason: string } }).error.reason).toBe(
      'declaration_first_must_be_initial',
    );
    const created = await me.post('/api/v1/declarations', { type: 'initial' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect((created.body as { dueOn: string }).dueOn).toBe(today);
    // One in progress at a time.
    expect((await me.post('/api/v1/declarations', { type: 'initial' })).status).toBe(409);
    // Format errors are refused on save, naming the field.
    const bad = await me.put(`/api/v1/declarations/${id}`, {
      form: { basic: { creditCode: '91220102MA0000000A' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('form.basic.creditCode');
    // Inconsistent totals are saved (a draft) but refused at submission with each failing field.
    const form = formFor(employer.credit_code);
    form.basic!.employees = 20;
    const saved = await me.put(`/api/v1/declarations/${id}`, { form });
    expect(saved.status).toBe(200);
    expect((saved.body as { issues: Array<{ reason: string }> }).issues.map((i) => i.reason)).toContain(
      'declaration_exposed_exceeds_staff',
    );
    const refused = await me.post(`/api/v1/declarations/${id}/submit`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { reason: 'declaration_incomplete' } });
    expect(JSON.stringify(refused.body)).toContain('form.basic.employees');
    // Totals sent by the client are not trusted: the server computes them.
    expect((await me.put(`/api/v1/declarations/${id}`, { form: formFor(employer.credit_code) })).status).toBe(
      200,
    );
    const d0 = await detail(me, id);
    expect(d0.totals.exposedDistinct).toBe(35);
    expect(d0.form.basic?.enterpriseSize).toBeTruthy();
    expect(d0.issues).toEqual([]);
    const sub = await me.post(`/api/v1/declarations/${id}/submit`);
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ status: 'submitted', late: false });
    expect((await me.post(`/api/v1/declarations/${id}/submit`)).status).toBe(409);
    expect((await me.put(`/api/v1/declarations/${id}`, { form: {} })).status).toBe(409);
    // Only the county of the employer decides.
    expect(
      (await c['demo-city']!.post(`/api/v1/declarations/${id}/return`, { opinion: '请补充' })).status,
    ).toBe(403);
    expect((await c.sibling!.post(`/api/v1/declarations/${id}/accept`, {})).status).toBe(404);
    expect((await me.post(`/api/v1/declarations/${id}/accept`, {})).status).toBe(403);
    const noOpinion = await c['demo-county']!.post(`/api/v1/declarations/${id}/return`, { opinion: ' ' });
    expect(noOpinion.status).toBe(400);
    const ret = await c['demo-county']!.post(`/api/v1/declarations/${id}/return`, {
      opinion: '请补充检测报告编号',
    });
    expect(ret.status).toBe(200);
    expect((await c['demo-county']!.post(`/api/v1/declarations/${id}/accept`, {})).status).toBe(409);
    const d1 = await detail(me, id);
    expect(d1.returnedOpinion).toBe('请补充检测报告编号');
    expect(d1.abilities).toMatchObject({ edit: true, submit: true, review: false });
    expect((await me.post(`/api/v1/declarations/${id}/submit`)).status).toBe(200);
    const acc = await c['demo-county']!.post(`/api/v1/declarations/${id}/accept`, { opinion: '予以受理' });
    expect(acc.status).toBe(200);
    const code = (acc.body as { receipt: { code: string } }).receipt.code;
    const pub = await t.anonymous().get(`/api/v1/public/documents/${code}`);
    expect(pub.status).toBe(200);
    expect(JSON.stringify(pub.body)).toContain('职业病危害项目申报回执');
    const d2 = await detail(me, id);
    expect(d2.status).toBe('accepted');
    expect(d2.versions.map((v) => [v.versionNo, v.decision])).toEqual([
      [2, 'accepted'],
      [1, 'returned'],
    ]);
    expect(d2.receipt?.code).toBe(code);
    // The base record takes the declared staff and exposed workers as a new version.
    const base = (await c['demo-county']!.get(`/api/v1/employers/${employer.organisation_id}`)).body as {
      employees: number | null;
      exposedEmployees: number | null;
      versions: Array<{ version: number; reason: string | null }>;
    };
    expect([base.employees, base.exposedEmployees]).toEqual([d2.form.basic?.employees, 35]);
    expect(base.versions.map((v) => v.reason)).toContain(`declaration:${id}`);
    expect((await me.get(`/api/v1/declarations/${id}/receipt`)).status).toBe(200);
    expect(await audits(id)).toEqual([
      'declaration.create',
      'declaration.update',
      'declaration.update',
      'declaration.submit',
      'declaration.return',
      'declaration.submit',
      'declaration.accept',
    ]);
    expect(
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_type', '=', 'employer')
          .where('entity_id', '=', String(employer.organisation_id))
          .execute()
      ).map((a) => a.action),
    ).toContain('employer.update');
    // Clocks: the employer's initial clock closed at the first submission, both 回执 clocks closed, the
    // annual clock opened on the accepted declaration (window 11–13 months).
    const initial = await clocks('employer', [employer.organisation_id]);
    expect(initial.map((x) => [x.kind, x.done_at !== null])).toEqual([['declaration_initial', true]]);
    const versions = await t.deps.db
      .selectFrom('declaration_version')
      .select('declaration_version_id')
      .where('declaration_id', '=', id)
      .execute();
    const receipts = await clocks(
      'declaration_version',
      versions.map((v) => v.declaration_version_id),
    );
    expect(receipts.filter((x) => x.kind === 'declaration_receipt').every((x) => x.done_at !== null)).toBe(
      true,
    );
    const annual = await clocks('declaration', [id]);
    expect(annual.map((x) => [x.kind, dayOf(x.starts_on), dayOf(x.due_on), x.done_at])).toEqual([
      ['declaration_annual', annualWindow(today).opensOn, annualWindow(today).dueOn, null],
    ]);
    // The annual update is not open yet; a change is prefilled from the accepted declaration.
    const early = await me.post('/api/v1/declarations', { type: 'annual' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: { reason: 'declaration_annual_too_early' } });
    const change = await me.post('/api/v1/declarations', {
      type: 'change',
      triggerDate: today,
      changeReason: '新增喷漆工段',
    });
    expect(change.status).toBe(201);
    const ch = await detail(me, (change.body as { id: number }).id);
    expect(ch.previousId).toBe(id);
    expect(ch.form.workplaces).toEqual(d2.form.workplaces);
    expect(ch.dueOn).toBe(
      new Date(Date.parse(`${today}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10),
    );
    // The employer sees its own only.
    const mine = (await me.get('/api/v1/declarations')).body as unknown as { data: DeclarationSummary[] };
    expect(mine.data.every((d) => d.employerId === employer.organisation_id)).toBe(true);
  });

  it('clocks on dates: 30 days after 竣工验收 and late; 回执 in 5 working days over National Day; annual locks; 注销', async () => {
    const { actor, employer } = await employerClient();
    const reviewer = await countyActor();
    // 竣工验收 2025-01-01 → due 2025-01-31; first submitted 2025-02-15: late.
    const { id, dueOn } = await createDeclaration(
      t.deps.db,
      ctx(actor),
      actor,
      { type: 'initial', triggerDate: '2025-01-01', form: formFor(employer.credit_code) },
      '2025-02-10',
    );
    expect(dueOn).toBe('2025-01-31');
    const s = await submitDeclaration(t.deps.db, ctx(actor), actor, id, '2025-09-30');
    expect(s.late).toBe(true);
    const row = await t.deps.db
      .selectFrom('declaration')
      .selectAll()
      .where('declaration_id', '=', id)
      .executeTakeFirstOrThrow();
    // Tue 30 Sep 2025 + 5 working days: 1–8 Oct are holidays, Sat 11 Oct a make-up workday → Tue 14 Oct.
    expect(dayOf(row.receipt_due_on)).toBe('2025-10-14');
    await acceptDeclaration(t.deps.db, ctx(reviewer), reviewer, id, {}, '2025-10-09');
    // Annual window after 2025-10-09: opens 2026-09-10, due 2026-11-09; 2026-09-09 is too early.
    await expect(
      createDeclaration(t.deps.db, ctx(actor), actor, { type: 'annual' }, '2026-09-09'),
    ).rejects.toMatchObject({
      reason: 'declaration_annual_too_early',
    });
    const annual = await createDeclaration(t.deps.db, ctx(actor), actor, { type: 'annual' }, '2026-09-10');
    expect(annual.dueOn).toBe('2026-11-09');
    // The annual update keeps 规模 / 经济类型 / 行业.
    await expect(
      updateDraft(t.deps.db, ctx(actor), actor, annual.id, {
        form: { basic: { ...formFor(employer.credit_code).basic, economicTypeCode: '160' } },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await submitDeclaration(t.deps.db, ctx(actor), actor, annual.id, '2026-11-10');
    const a = await t.deps.db
      .selectFrom('declaration')
      .select(['late'])
      .where('declaration_id', '=', annual.id)
      .executeTakeFirstOrThrow();
    expect(a.late).toBe(true);
    await returnDeclaration(
      t.deps.db,
      ctx(reviewer),
      reviewer,
      annual.id,
      { opinion: '请核对接害人数' },
      '2026-11-11',
    );
    await submitDeclaration(t.deps.db, ctx(actor), actor, annual.id, '2026-11-12');
    await acceptDeclaration(t.deps.db, ctx(reviewer), reviewer, annual.id, {}, '2026-11-13');
    // The first receipt is revoked by the later accepted one.
    const docs = await t.deps.db
      .selectFrom('issued_document')
      .select(['subject_id', 'revoked_at'])
      .where('subject_type', '=', 'declaration')
      .where('subject_id', 'in', [id, annual.id])
      .orderBy('subject_id')
      .execute();
    expect(docs.map((d) => [d.subject_id, d.revoked_at !== null])).toEqual([
      [id, true],
      [annual.id, false],
    ]);
    // 注销: 15 days after the termination; accepted, the employer leaves the programme.
    const cancel = await createDeclaration(
      t.deps.db,
      ctx(actor),
      actor,
      { type: 'cancel', triggerDate: '2026-12-01', changeReason: '企业停产关闭' },
      '2026-12-05',
    );
    expect(cancel.dueOn).toBe('2026-12-16');
    await submitDeclaration(t.deps.db, ctx(actor), actor, cancel.id, '2026-12-05');
    await acceptDeclaration(t.deps.db, ctx(reviewer), reviewer, cancel.id, {}, '2026-12-07');
    const profile = await t.deps.db
      .selectFrom('employer_profile')
      .select(['programme_status'])
      .where('organisation_id', '=', employer.organisation_id)
      .executeTakeFirstOrThrow();
    expect(profile.programme_status).toBe('closed');
    // Its own 15-day clock closed by the submission; no annual clock after a 注销.
    const after = await clocks('declaration', [cancel.id]);
    expect(after.map((x) => [x.kind, dayOf(x.starts_on), dayOf(x.due_on), x.done_at !== null])).toEqual([
      ['declaration_cancel', '2026-12-01', '2026-12-16', true],
    ]);
    // After a 注销 only a new 初次 declaration may start.
    await expect(
      createDeclaration(
        t.deps.db,
        ctx(actor),
        actor,
        { type: 'change', triggerDate: '2026-12-10', changeReason: 'x' },
        '2026-12-10',
      ),
    ).rejects.toMatchObject({ reason: 'declaration_first_must_be_initial' });
  });
});
