/**
 * Reading stored cards and the level-by-level review (issue 15 items 5 and 8), on the demo year of
 * cards: who sees which cards, the queues per level, approve / return with the trail and one audit
 * entry, the all-or-nothing refusals, a corrected resend starting again at the county.
 */
import { reviewSteps, type ExamCardDetail, type ExamCardSummary } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../platform/authz/session.js';
import { seedDemoExamCards } from '../../demo/exam-cards.js';
import type { examCard } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { canReviewCard, reviewLevelOf } from './exam-reports.policy.js';
import { storeCards } from './exam-reports.store.js';

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of [
    'demo-province',
    'demo-city',
    'demo-county',
    'demo-exam',
    'demo-employer',
    'demo-qc',
    'demo-diag',
  ])
    c[u] = await t.login(u);
});
afterAll(async () => t.close());

type PageOf<T> = { data: T[]; total: number };
const list = async (who: string, query = '') => {
  const res = await c[who]!.get(`/api/v1/exam-cards?pageSize=200${query}`);
  expect(res.status).toBe(200);
  return res.body as unknown as PageOf<ExamCardSummary>;
};
const actorOf = async (username: string) => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(t.deps.db, u.user_id))!.actor;
};
const statusOf = async (id: number) =>
  (
    await t.deps.db
      .selectFrom('exam_card')
      .select('audit_status')
      .where('exam_card_id', '=', id)
      .executeTakeFirstOrThrow()
  ).audit_status;
const reviewRows = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('exam_card_review')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditRows = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'exam_card.review')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the demo year of cards', () => {
  it('generates only cards that pass the upload rules, whatever the seed date', async () => {
    for (const today of ['2026-01-01', '2026-02-28', '2027-03-01', '2028-02-29']) {
      const ctx = await createTestContext();
      try {
        const r = await seedDemoExamCards(ctx.deps, { scale: 'test', today });
        expect(r.skipped).toEqual([]);
        expect(r.cards).toBeGreaterThanOrEqual(60);
      } finally {
        await ctx.close();
      }
    }
    // Four seeded years: over a minute on a loaded 2-core machine.
  }, 240_000);

  it('has cards at every stage of the review, each level’s queue holding recent ones', async () => {
    const rows = await t.deps.db
      .selectFrom('exam_card')
      .select(['audit_status', 'version', 'has_suspected'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const statuses = new Set(rows.map((r) => r.audit_status));
    for (const s of ['02', '03', '05', '07']) expect(statuses).toContain(s);
    expect((await list('demo-county', '&queue=awaiting')).total).toBeGreaterThan(0);
  });
});

describe('who sees which cards', () => {
  it('a county sees its county, a city its city, the province everything; an institution its own, an employer its workers’', async () => {
    const county = await actorOf('demo-county');
    const city = await actorOf('demo-city');
    const exam = await actorOf('demo-exam');
    const employer = await actorOf('demo-employer');
    const all = await list('demo-province');
    const total = Number(
      (
        await t.deps.db
          .selectFrom('exam_card')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(all.total).toBe(total);
    const inCounty = await list('demo-county');
    expect(inCounty.total).toBeGreaterThan(0);
    expect(inCounty.total).toBeLessThan(total);
    expect(inCounty.data.every((x) => x.regionCode.startsWith(county.regionCode))).toBe(true);
    const inCity = await list('demo-city');
    expect(inCity.data.every((x) => x.regionCode.startsWith(city.regionCode))).toBe(true);
    expect(inCity.total).toBeGreaterThanOrEqual(inCounty.total);
    const own = await list('demo-exam');
    expect(own.total).toBeGreaterThan(0);
    expect(own.data.every((x) => x.institutionId === exam.organisationId)).toBe(true);
    const workers = await list('demo-employer');
    expect(workers.total).toBeGreaterThan(0);
    const employerIds = await t.deps.db
      .selectFrom('exam_card')
      .select('employer_id')
      .where(
        'exam_card_id',
        'in',
        workers.data.map((x) => x.id),
      )
      .execute();
    expect(employerIds.every((r) => r.employer_id === employer.organisationId)).toBe(true);
    // Personal data is masked in every list.
    expect(all.data.every((x) => x.workerName.includes('*') && x.workerIdNumber.includes('*'))).toBe(true);
  });

  it('answers 404 for a card outside the scope, and never shows it in a list', async () => {
    const outside = (await list('demo-province')).data.find((x) => !x.regionCode.startsWith('220102'))!;
    expect(outside).toBeDefined();
    const county = await actorOf('demo-county');
    expect(outside.regionCode.startsWith(county.regionCode)).toBe(false);
    expect((await c['demo-county']!.get(`/api/v1/exam-cards/${outside.id}`)).status).toBe(404);
    expect((await list('demo-county', `&q=${outside.recordId}`)).total).toBe(0);
    expect((await list('demo-province', `&q=${outside.recordId}`)).total).toBe(1);
    // A diagnosis institution holds no read permission on cards (until the chain gives it its cases).
    expect((await c['demo-diag']!.get('/api/v1/exam-cards')).status).toBe(403);
  });

  it('finds a worker’s cards by ID number through the keyed hash, and shows the detail masked', async () => {
    const mine = (await list('demo-exam')).data[0]!;
    const card = await t.deps.db
      .selectFrom('exam_card')
      .select(['record_id', 'worker_id'])
      .where('exam_card_id', '=', mine.id)
      .executeTakeFirstOrThrow();
    const w = await t.deps.db
      .selectFrom('worker')
      .select(['id_number_enc'])
      .where('worker_id', '=', card.worker_id)
      .executeTakeFirstOrThrow();
    const id = t.deps.crypto.decrypt(w.id_number_enc);
    const found = await list('demo-exam', `&q=${id}`);
    expect(found.data.map((x) => x.id)).toContain(mine.id);
    expect(found.data.every((x) => x.workerIdNumber === mine.workerIdNumber)).toBe(true);
    const detail = (await c['demo-exam']!.get(`/api/v1/exam-cards/${mine.id}`))
      .body as unknown as ExamCardDetail;
    const worker = (detail.card as { worker: Record<string, unknown> }).worker;
    expect(worker.idNumber).toBe(mine.workerIdNumber);
    expect(JSON.stringify(detail)).not.toContain(id);
  });

  it('filters by conclusion, factor, exam type, status and period', async () => {
    const suspected = await list('demo-province', '&conclusionCode=03');
    expect(suspected.total).toBeGreaterThan(0);
    expect(suspected.data.every((x) => x.conclusionCodes.includes('03') && x.hasSuspected)).toBe(true);
    const noise = await list('demo-province', '&factorCode=3008');
    expect(noise.data.every((x) => x.contactFactorCodes.includes('3008'))).toBe(true);
    const approved = await list('demo-province', '&auditStatus=07');
    expect(approved.data.every((x) => x.auditStatus === '07')).toBe(true);
    const some = (await list('demo-province')).data[5]!;
    const day = await list('demo-province', `&from=${some.examDate}&to=${some.examDate}`);
    expect(day.data.every((x) => x.examDate === some.examDate)).toBe(true);
    expect(day.data.map((x) => x.id)).toContain(some.id);
  });
});

describe('the level-by-level review', () => {
  it('knows each regulator’s level, and lets only that level decide, inside its region', async () => {
    const [county, city, province, exam] = await Promise.all(
      ['demo-county', 'demo-city', 'demo-province', 'demo-exam'].map(actorOf),
    );
    expect([county, city, province, exam].map((a) => reviewLevelOf(a!))).toEqual([
      'county',
      'city',
      'province',
      null,
    ]);
    const card = { audit_status: '02', region_code: county!.regionCode, institution_id: 1 };
    expect(canReviewCard(county!, card)).toBe(true);
    expect(canReviewCard(city!, card)).toBe(false);
    expect(canReviewCard(county!, { ...card, audit_status: '03' })).toBe(false);
    expect(canReviewCard(city!, { ...card, audit_status: '03' })).toBe(true);
    expect(canReviewCard(province!, { ...card, audit_status: '05' })).toBe(true);
    expect(
      canReviewCard(county!, { ...card, region_code: '220103' === county!.regionCode ? '220102' : '220103' }),
    ).toBe(false);
    expect(canReviewCard(exam!, card)).toBe(false);
  });

  it('moves approved cards up a level and records the trail and one audit entry', async () => {
    const queue = await list('demo-county', '&queue=awaiting');
    expect(
      queue.data.every((x) => reviewSteps.county.awaiting.includes(x.auditStatus) && x.abilities.review),
    ).toBe(true);
    const ids = queue.data.slice(0, 2).map((x) => x.id);
    const [reviews, audits] = [await reviewRows(), await auditRows()];
    const res = await c['demo-county']!.post('/api/v1/exam-cards/reviews', {
      cardIds: ids,
      decision: 'approved',
      opinion: '资料完整',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reviewed: 2, level: 'county', auditStatus: '03' });
    for (const id of ids) expect(await statusOf(id)).toBe('03');
    expect(await reviewRows()).toBe(reviews + 2);
    expect(await auditRows()).toBe(audits + 1);
    // Now in the city's queue, no longer in the county's.
    expect((await list('demo-county', '&queue=awaiting')).data.map((x) => x.id)).not.toContain(ids[0]);
    expect((await list('demo-city', '&queue=awaiting')).data.map((x) => x.id)).toContain(ids[0]);
    const detail = (await c['demo-city']!.get(`/api/v1/exam-cards/${ids[0]}`))
      .body as unknown as ExamCardDetail;
    expect(detail.reviews.at(-1)).toMatchObject({
      level: 'county',
      decision: 'approved',
      opinion: '资料完整',
    });
    expect(detail.abilities.review).toBe(true);
  });

  it('refuses all or nothing: a card not awaiting the level (409), out of scope (404), a return without opinion (400)', async () => {
    const queue = (await list('demo-county', '&queue=awaiting')).data;
    const pending = queue[0]!.id;
    const done = (await list('demo-county', '&auditStatus=03')).data[0]!.id;
    const outside = (await list('demo-province', '&auditStatus=02')).data.find(
      (x) => !x.regionCode.startsWith(queue[0]!.regionCode),
    )!.id;
    const before = [await reviewRows(), await auditRows(), await statusOf(pending)];
    const conflict = await c['demo-county']!.post('/api/v1/exam-cards/reviews', {
      cardIds: [pending, done],
      decision: 'approved',
    });
    expect(conflict.status).toBe(409);
    expect(
      (conflict.body as unknown as { error: { details: Array<{ path: string; reason: string }> } }).error
        .details,
    ).toEqual([expect.objectContaining({ path: 'cardIds.1', reason: 'review_not_awaiting' })]);
    expect(
      (
        await c['demo-county']!.post('/api/v1/exam-cards/reviews', {
          cardIds: [pending, outside],
          decision: 'approved',
        })
      ).status,
    ).toBe(404);
    const noOpinion = await c['demo-county']!.post('/api/v1/exam-cards/reviews', {
      cardIds: [pending],
      decision: 'returned',
      opinion: '  ',
    });
    expect(noOpinion.status).toBe(400);
    expect(
      (noOpinion.body as unknown as { error: { details: Array<{ path: string }> } }).error.details[0]!.path,
    ).toBe('opinion');
    // The exam institution cannot review at all.
    expect(
      (await c['demo-exam']!.post('/api/v1/exam-cards/reviews', { cardIds: [pending], decision: 'approved' }))
        .status,
    ).toBe(403);
    expect([await reviewRows(), await auditRows(), await statusOf(pending)]).toEqual(before);
  });

  it('returns a card to its institution, which sees it with the reason and resends it corrected: version 2, back to the county', async () => {
    const exam = await actorOf('demo-exam');
    const mine = (await list('demo-county', '&queue=awaiting')).data.find(
      (x) => x.institutionId === exam.organisationId,
    )!;
    expect(mine).toBeDefined();
    const res = await c['demo-county']!.post('/api/v1/exam-cards/reviews', {
      cardIds: [mine.id],
      decision: 'returned',
      opinion: '请补充胸片描述',
    });
    expect(res.body).toMatchObject({ auditStatus: '04' });
    const returned = await list('demo-exam', '&queue=returned');
    expect(returned.data.map((x) => x.id)).toContain(mine.id);
    const seen = (await c['demo-exam']!.get(`/api/v1/exam-cards/${mine.id}`))
      .body as unknown as ExamCardDetail;
    expect(seen.reviews.at(-1)).toMatchObject({
      decision: 'returned',
      opinion: '请补充胸片描述',
      level: 'county',
    });
    // The institution corrects and sends the card again (the store: a changed card goes back to 02).
    const stored = await t.deps.db
      .selectFrom('exam_card')
      .select(['card', 'record_id'])
      .where('exam_card_id', '=', mine.id)
      .executeTakeFirstOrThrow();
    const w = await t.deps.db
      .selectFrom('worker')
      .innerJoin('exam_card', 'exam_card.worker_id', 'worker.worker_id')
      .select(['id_number_enc', 'name_enc', 'phone_enc'])
      .where('exam_card_id', '=', mine.id)
      .executeTakeFirstOrThrow();
    const card = structuredClone(stored.card) as ReturnType<typeof examCard>;
    card.worker = {
      ...card.worker,
      name: t.deps.crypto.decrypt(w.name_enc),
      idNumber: t.deps.crypto.decrypt(w.id_number_enc),
      phone: t.deps.crypto.decrypt(w.phone_enc!),
    };
    card.remark = '已补充胸片描述';
    const out = await t.deps.db
      .transaction()
      .execute((trx) =>
        storeCards(
          trx,
          t.deps.crypto,
          { institutionId: exam.organisationId, importBatchId: null, source: 'api' },
          [{ rowNo: 1, card }],
        ),
      );
    expect(out[0]!.outcome).toBe('updated');
    const again = (await c['demo-exam']!.get(`/api/v1/exam-cards/${mine.id}`))
      .body as unknown as ExamCardDetail;
    expect(again).toMatchObject({ auditStatus: '02', version: mine.version + 1 });
    expect(again.versions.map((v) => v.version)).toContain(mine.version);
    expect((await list('demo-county', '&queue=awaiting')).data.map((x) => x.id)).toContain(mine.id);
  });

  it('combines a queue with a status filter: only the statuses both allow', async () => {
    expect((await list('demo-county', '&queue=awaiting&auditStatus=07')).total).toBe(0);
    const both = await list('demo-county', '&queue=awaiting&auditStatus=02');
    expect(both.total).toBe((await list('demo-county', '&queue=awaiting')).total);
    expect(both.total).toBeGreaterThan(0);
  });

  it('gives a user who reviews at no level an empty queue', async () => {
    expect((await list('demo-qc', '&queue=awaiting')).total).toBe(0);
    expect((await list('demo-qc')).total).toBeGreaterThan(0);
  });
});
