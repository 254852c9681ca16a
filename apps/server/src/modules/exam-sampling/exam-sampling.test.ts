/**
 * 个案卡抽查 (issue 15 item 8): the draw is reproducible and independent of row order (the SQL draw
 * equals the documented method run in plain code; two databases holding the same cards stored in
 * opposite orders draw the same cards), it stays inside the drawer's area (a sibling county's cards and
 * samples are out of reach), checks are recorded, validated and audited, and the results export.
 */
import type { ExamSampleDetail, ExamSampleSummary } from '@ohp/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examCard } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { loadActor } from '../../platform/authz/session.js';
import type { Deps } from '../../platform/http/types.js';
import { storeCards } from '../exam-reports/index.js';
import { candidateDigest, drawKey, drawSample, type Candidate } from './exam-sampling.draw.js';

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of ['demo-province', 'demo-city', 'demo-county', 'demo-qc', 'demo-exam', 'demo-employer'])
    c[u] = await t.login(u);
});
afterAll(async () => t.close());

const actor = async (deps: Deps, username: string) => {
  const u = await deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(deps.db, u.user_id))!.actor;
};

const store = async (deps: Deps, institutionId: number, cards: ReturnType<typeof examCard>[]) =>
  deps.db.transaction().execute((trx) =>
    storeCards(
      trx,
      deps.crypto,
      { institutionId, importBatchId: null, source: 'api' },
      cards.map((card, i) => ({ rowNo: i + 1, card })),
    ),
  );

const draw = async (who: string, body: Record<string, unknown>) => {
  const res = await c[who]!.post('/api/v1/exam-samples', body);
  return { status: res.status, body: res.body as unknown as ExamSampleDetail & { error?: unknown } };
};

const audits = async (action: string) =>
  t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

describe('the draw method (sha256-v1) in plain code', () => {
  const cands: Candidate[] = Array.from({ length: 60 }, (_, i) => ({
    cardId: i + 1,
    institutionId: 1 + (i % 3),
    institutionCode: i % 3 === 2 ? null : `91220102MA0000000${i % 3}`,
    recordId: `R-${String(i).padStart(4, '0')}`,
  }));

  it('gives the same cards whatever the order of the candidates, and N per institution', () => {
    const a = drawSample(cands, 'seed-1', 4);
    const shuffled = [...cands]
      .reverse()
      .sort((x, y) => (x.recordId.charCodeAt(3) % 7) - (y.recordId.charCodeAt(3) % 7));
    expect(drawSample(shuffled, 'seed-1', 4)).toEqual(a);
    expect(a).toHaveLength(12);
    for (const inst of [1, 2, 3])
      expect(a.filter((d) => d.institutionId === inst).map((d) => d.rank)).toEqual([1, 2, 3, 4]);
    // Another seed, other cards; the digest does not depend on order either.
    expect(drawSample(cands, 'seed-2', 4).map((d) => d.cardId)).not.toEqual(a.map((d) => d.cardId));
    expect(candidateDigest(shuffled)).toBe(candidateDigest(cands));
  });

  it('keys each card by SHA-256 of “seed|institution key|record ID”', () => {
    // The same text hashed by any SHA-256 tool: echo -n 'S|91220102MA00000000|R-0000' | sha256sum
    expect(drawKey('S', '91220102MA00000000|R-0000')).toMatch(/^[0-9a-f]{64}$/);
    const d = drawSample(cands, 'S', 60).find((x) => x.cardId === 3)!;
    expect(d.naturalKey).toBe('org:3|R-0002');
    expect(d.drawKey).toBe(drawKey('S', 'org:3|R-0002'));
  });
});

describe('the draw in the database', () => {
  it('equals the plain-code method over the same candidates, records the seed, and is audited', async () => {
    const county = await actor(t.deps, 'demo-county');
    const before = (await audits('exam_sample.draw')).length;
    const res = await draw('demo-county', {
      from: '2020-01-01',
      to: '2099-12-31',
      perInstitution: 2,
      seed: 'T-1',
    });
    expect(res.status).toBe(400); // a period over three years
    const ok = await draw('demo-county', {
      from: '2025-01-01',
      to: '2027-12-30',
      perInstitution: 2,
      seed: 'T-1',
    });
    expect(ok.status).toBe(201);
    const s = ok.body;
    expect(s.seed).toBe('T-1');
    expect(s.method).toBe('sha256-v1');
    // Candidates: every card of the county's employers in the period, read directly.
    const rows = await t.deps.db
      .selectFrom('exam_card as c')
      .innerJoin('organisation as o', 'o.organisation_id', 'c.institution_id')
      .select(['c.exam_card_id', 'c.institution_id', 'o.credit_code', 'c.record_id', 'c.region_code'])
      .where('c.exam_date', '>=', '2025-01-01')
      .where('c.exam_date', '<=', '2027-12-30')
      .execute();
    const inCounty = rows.filter((r) => r.region_code.startsWith(county.regionCode));
    expect(inCounty.length).toBeLessThan(rows.length);
    const cands: Candidate[] = inCounty.map((r) => ({
      cardId: r.exam_card_id,
      institutionId: r.institution_id,
      institutionCode: r.credit_code,
      recordId: r.record_id,
    }));
    const expected = drawSample(cands, 'T-1', 2);
    expect(s.candidateCount).toBe(cands.length);
    expect(s.candidateDigest).toBe(candidateDigest(cands));
    expect(s.cards.map((x) => [x.cardId, x.rank, x.drawKey]).sort()).toEqual(
      expected.map((x) => [x.cardId, x.rank, x.drawKey]).sort(),
    );
    expect(s.cards.every((x) => x.regionCode.startsWith(county.regionCode))).toBe(true);
    expect(s.cards.every((x) => x.workerName.includes('*') && x.check === null)).toBe(true);
    const audit = (await audits('exam_sample.draw')).slice(before);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(String(s.id));
    expect(JSON.stringify(audit[0]!.after)).toContain('"seed":"T-1"');
    // The same seed and parameters again: the same cards. A generated seed is recorded.
    const again = await draw('demo-county', {
      from: '2025-01-01',
      to: '2027-12-30',
      perInstitution: 2,
      seed: 'T-1',
    });
    expect(again.body.cards.map((x) => x.cardId)).toEqual(s.cards.map((x) => x.cardId));
    const generated = await draw('demo-county', { from: '2025-01-01', to: '2027-12-30', perInstitution: 2 });
    expect(generated.status).toBe(201);
    expect(generated.body.seed).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('draws the same cards from two databases that stored the same cards in opposite orders', async () => {
    const picks: string[][] = [];
    for (const order of ['forward', 'reverse'] as const) {
      const ctx = await createTestContext();
      try {
        const exam = await actor(ctx.deps, 'demo-exam');
        const other = await ctx.deps.db
          .selectFrom('organisation')
          .select('organisation_id')
          .where('kind', '=', 'exam_institution')
          .where('organisation_id', '<>', exam.organisationId)
          .orderBy('organisation_id')
          .executeTakeFirstOrThrow();
        const cards = Array.from({ length: 24 }, (_, i) => ({
          inst: i % 2 ? exam.organisationId : other.organisation_id,
          card: examCard(`ORDER-${String(i).padStart(3, '0')}`, (x) => {
            x.examDate = `2026-0${1 + (i % 6)}-1${i % 9}`;
            x.writer = { ...x.writer, date: `2026-0${1 + (i % 6)}-2${i % 9}` };
            x.reporter = { ...x.reporter, date: `2026-0${1 + (i % 6)}-2${i % 9}` };
          }),
        }));
        const list = order === 'forward' ? cards : [...cards].reverse();
        // One card at a time, so the card ids follow the order.
        for (const x of list) expect((await store(ctx.deps, x.inst, [x.card]))[0]!.outcome).toBe('accepted');
        const county = await ctx.login('demo-county');
        const res = await county.post('/api/v1/exam-samples', {
          from: '2026-01-01',
          to: '2026-06-30',
          perInstitution: 3,
          seed: 'ORDER-TEST',
        });
        expect(res.status).toBe(201);
        const s = res.body as unknown as ExamSampleDetail;
        expect(s.candidateCount).toBe(24);
        picks.push(s.cards.map((x) => `${x.recordId}#${x.rank}#${x.drawKey}`).sort());
      } finally {
        await ctx.close();
      }
    }
    expect(picks[0]).toHaveLength(6);
    expect(picks[1]).toEqual(picks[0]);
  });

  it('refuses bad parameters field by field, and a draw with nothing to draw', async () => {
    const reversed = await draw('demo-county', { from: '2026-05-01', to: '2026-04-01', perInstitution: 2 });
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('sample_period_reversed');
    const employer = await actor(t.deps, 'demo-employer');
    const notInstitution = await draw('demo-county', {
      from: '2026-01-01',
      to: '2026-04-01',
      perInstitution: 2,
      institutionIds: [employer.organisationId],
    });
    expect(notInstitution.status).toBe(400);
    expect(JSON.stringify(notInstitution.body)).toContain('institutionIds.0');
    const empty = await draw('demo-county', { from: '2001-01-01', to: '2001-12-31', perInstitution: 2 });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('sample_no_candidates');
    expect(
      (
        await c['demo-exam']!.post('/api/v1/exam-samples', {
          from: '2026-01-01',
          to: '2026-02-01',
          perInstitution: 1,
        })
      ).status,
    ).toBe(403);
  });

  it('keeps only reviewed cards when asked', async () => {
    const res = await draw('demo-province', {
      from: '2025-01-01',
      to: '2027-12-30',
      perInstitution: 50,
      reviewedOnly: true,
      seed: 'REVIEWED',
    });
    expect(res.status).toBe(201);
    expect(res.body.cards.length).toBeGreaterThan(0);
    for (const x of res.body.cards)
      expect(['03', '11', '05', '12', '07', '13', '09']).toContain(x.auditStatus);
  });
});

describe('scope', () => {
  it('never draws a sibling county’s card, and hides its samples from the sibling county', async () => {
    const county = await actor(t.deps, 'demo-county');
    const exam = await actor(t.deps, 'demo-exam');
    const sibling = county.regionCode === '220103' ? '220102' : '220103';
    const [out] = await store(t.deps, exam.organisationId, [
      examCard(`SIBLING-${Date.now()}`, (x) => {
        x.employer.regionCode = sibling;
        x.employingUnit.regionCode = sibling;
        x.examDate = '2026-03-03';
        x.writer = { ...x.writer, date: '2026-03-05' };
        x.reporter = { ...x.reporter, date: '2026-03-05' };
      }),
    ]);
    const res = await draw('demo-county', {
      from: '2026-03-03',
      to: '2026-03-03',
      perInstitution: 100,
      institutionIds: [exam.organisationId],
      seed: 'SCOPE',
    });
    // The sibling county's card is the only one of the institution that day, or one of several in the county.
    if (res.status === 201) expect(res.body.cards.map((x) => x.cardId)).not.toContain(out!.examCardId);
    else expect(JSON.stringify(res.body)).toContain('sample_no_candidates');
    // The city draws in its whole city, the sibling county included.
    const city = await draw('demo-city', {
      from: '2026-03-03',
      to: '2026-03-03',
      perInstitution: 100,
      institutionIds: [exam.organisationId],
      seed: 'SCOPE',
    });
    expect(city.status).toBe(201);
    expect(city.body.cards.map((x) => x.cardId)).toContain(out!.examCardId);
    // The city's sample: seen by the city and the province and the QC centre, not by the county.
    const id = city.body.id;
    expect((await c['demo-county']!.get(`/api/v1/exam-samples/${id}`)).status).toBe(404);
    expect((await c['demo-province']!.get(`/api/v1/exam-samples/${id}`)).status).toBe(200);
    expect((await c['demo-qc']!.get(`/api/v1/exam-samples/${id}`)).status).toBe(200);
    const countyList = (await c['demo-county']!.get('/api/v1/exam-samples?pageSize=200')).body as unknown as {
      data: ExamSampleSummary[];
    };
    expect(countyList.data.map((s) => s.id)).not.toContain(id);
    expect(countyList.data.every((s) => s.scopeRegionCode.startsWith(county.regionCode))).toBe(true);
    expect(
      (
        await c['demo-county']!.post(`/api/v1/exam-samples/${id}/checks`, {
          cardId: out!.examCardId,
          matches: true,
        })
      ).status,
    ).toBe(404);
    expect((await c['demo-county']!.get(`/api/v1/exam-samples/${id}/replay`)).status).toBe(404);
    expect((await c['demo-county']!.get(`/api/v1/exam-samples/${id}/export`)).status).toBe(404);
    expect((await c['demo-employer']!.get('/api/v1/exam-samples')).status).toBe(403);
  });
});

describe('checks against the paper report', () => {
  it('records a mismatch with its fields, corrects it, audits both, and sums up per institution', async () => {
    const res = await draw('demo-county', {
      from: '2025-01-01',
      to: '2027-12-30',
      perInstitution: 2,
      seed: 'CHECKS',
    });
    expect(res.status).toBe(201);
    const s = res.body;
    const [first, second] = s.cards;
    const check = (who: string, body: Record<string, unknown>) =>
      c[who]!.post(`/api/v1/exam-samples/${s.id}/checks`, body);
    // Mismatch needs its fields; a match names none; a card outside the sample is refused by its field.
    const noFields = await check('demo-county', { cardId: first!.cardId, matches: false });
    expect(noFields.status).toBe(400);
    expect(JSON.stringify(noFields.body)).toContain('differingFields');
    expect(
      (await check('demo-county', { cardId: first!.cardId, matches: true, differingFields: ['items'] }))
        .status,
    ).toBe(400);
    const stranger = await check('demo-county', { cardId: 999_999_999, matches: true });
    expect(stranger.status).toBe(400);
    expect(JSON.stringify(stranger.body)).toContain('sample_card_unknown');
    // The province reads the county's sample but does not record its checks.
    const notYours = await check('demo-province', { cardId: first!.cardId, matches: true });
    expect(notYours.status).toBe(403);
    expect(JSON.stringify(notYours.body)).toContain('sample_not_yours');

    const before = (await audits('exam_sample.record')).length;
    const mismatch = await check('demo-county', {
      cardId: first!.cardId,
      matches: false,
      differingFields: ['conclusion', 'suspected_disease'],
      note: '纸质报告为复查',
    });
    expect(mismatch.status).toBe(200);
    expect(mismatch.body).toMatchObject({ checked: 1, status: 'in_progress' });
    const corrected = await check('demo-county', {
      cardId: first!.cardId,
      matches: false,
      differingFields: ['conclusion'],
    });
    expect(corrected.status).toBe(200);
    if (second)
      expect((await check('demo-county', { cardId: second.cardId, matches: true })).status).toBe(200);
    const trail = (await audits('exam_sample.record')).slice(before);
    expect(trail).toHaveLength(second ? 3 : 2);
    expect(trail[0]!.before).toBeNull();
    expect(JSON.stringify(trail[1]!.before)).toContain('suspected_disease');
    expect(JSON.stringify(trail[1]!.after)).toContain('"differingFields":["conclusion"]');

    const detail = (await c['demo-county']!.get(`/api/v1/exam-samples/${s.id}`))
      .body as unknown as ExamSampleDetail;
    const card = detail.cards.find((x) => x.cardId === first!.cardId)!;
    expect(card.check).toMatchObject({ matches: false, differingFields: ['conclusion'], note: null });
    const inst = detail.institutions.find((i) => i.institutionId === first!.institutionId)!;
    const own = detail.cards.filter((x) => x.institutionId === inst.institutionId && x.check);
    expect(inst.checked).toBe(own.length);
    expect(inst.mismatched).toBe(own.filter((x) => !x.check!.matches).length);
    expect(inst.mismatchRate).toBeCloseTo(inst.mismatched / inst.checked, 4);
    expect(inst.fieldCounts.conclusion).toBe(1);
    expect(detail.checked).toBe(second ? 2 : 1);

    // Every card checked: the sample is completed.
    for (const x of detail.cards.filter((y) => !y.check))
      expect((await check('demo-county', { cardId: x.cardId, matches: true })).status).toBe(200);
    const list = (await c['demo-county']!.get('/api/v1/exam-samples?status=completed&pageSize=200'))
      .body as unknown as {
      data: ExamSampleSummary[];
    };
    const done = list.data.find((x) => x.id === s.id)!;
    expect(done).toMatchObject({ status: 'completed', checked: s.cards.length, mismatched: 1 });
  });
});

describe('replay and export', () => {
  it('replays a draw to the same cards, and notices a changed candidate set', async () => {
    const exam = await actor(t.deps, 'demo-exam');
    const county = await actor(t.deps, 'demo-county');
    const febCard = (id: string, day: string) =>
      examCard(id, (x) => {
        x.employer.regionCode = county.regionCode;
        x.employingUnit.regionCode = county.regionCode;
        x.examDate = `2026-02-${day}`;
        x.writer = { ...x.writer, date: '2026-02-20' };
        x.reporter = { ...x.reporter, date: '2026-02-20' };
      });
    await store(t.deps, exam.organisationId, [febCard(`EARLY-${Date.now()}`, '10')]);
    const res = await draw('demo-county', {
      from: '2026-02-01',
      to: '2026-02-28',
      perInstitution: 100,
      institutionIds: [exam.organisationId],
      seed: 'REPLAY',
    });
    expect(res.status).toBe(201);
    const first = (await c['demo-county']!.get(`/api/v1/exam-samples/${res.body.id}/replay`)).body;
    expect(first).toMatchObject({ sameCandidates: true, sameCards: true, added: [], missing: [] });
    const [late] = await store(t.deps, exam.organisationId, [febCard(`LATE-${Date.now()}`, '14')]);
    const second = (await c['demo-county']!.get(`/api/v1/exam-samples/${res.body.id}/replay`)).body;
    // With N above the candidates every candidate is drawn: the late card comes out too.
    expect(second).toMatchObject({ sameCandidates: false, sameCards: false, missing: [] });
    expect((second.added as Array<{ cardId: number }>).map((a) => a.cardId)).toEqual([late!.examCardId]);
  });

  it('exports the results: cards with their checks, the per-institution summary and the parameters', async () => {
    const list = (await c['demo-city']!.get('/api/v1/exam-samples?status=completed')).body as unknown as {
      data: ExamSampleSummary[];
    };
    const done = list.data[0]!;
    const res = await c['demo-city']!.get(`/api/v1/exam-samples/${done.id}/export`);
    expect(res.status).toBe(200);
    expect(String(res.raw.headers['content-disposition'])).toContain(encodeURIComponent('个案卡抽查'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['抽查结果', '机构汇总', '抽样参数']);
    expect(wb.worksheets[0]!.rowCount).toBe(done.drawn + 1);
    const params: string[] = [];
    wb.worksheets[2]!.eachRow((r) => params.push(r.getCell(2).text));
    expect(params).toContain(done.seed);
    expect(params).toContain(done.candidateDigest);
  });
});

describe('the demo samples', () => {
  it('has a completed draw of the city and the county’s draw in progress, holding the documentation’s example card', async () => {
    const all = (await c['demo-province']!.get('/api/v1/exam-samples?pageSize=200')).body as unknown as {
      data: ExamSampleSummary[];
    };
    const one = all.data.find((s) => s.id === 1)!;
    const two = all.data.find((s) => s.id === 2)!;
    expect(one).toMatchObject({ seed: 'DEMO-CITY-QC-1', status: 'completed', reviewedOnly: true });
    expect(one.drawn).toBeGreaterThan(0);
    expect(two).toMatchObject({ seed: 'DEMO-COUNTY-QC-1', status: 'in_progress' });
    const detail = (await c['demo-county']!.get('/api/v1/exam-samples/2'))
      .body as unknown as ExamSampleDetail;
    expect(detail.cards.map((x) => x.cardId)).toContain(1);
    expect(detail.abilities.record).toBe(true);
  });
});

describe('the draw dialog’s preview', () => {
  it('counts the candidates per institution in the caller’s area, as the draw then finds them', async () => {
    const res = await c['demo-county']!.get('/api/v1/exam-samples/candidates?from=2025-01-01&to=2027-12-30');
    expect(res.status).toBe(200);
    const body = res.body as unknown as {
      total: number;
      institutions: Array<{ institutionId: number; candidates: number }>;
    };
    expect(body.total).toBe(body.institutions.reduce((a, i) => a + i.candidates, 0));
    const s = await draw('demo-county', {
      from: '2025-01-01',
      to: '2027-12-30',
      perInstitution: 1,
      seed: 'PREVIEW',
    });
    expect(s.body.candidateCount).toBe(body.total);
    expect(s.body.institutions.map((i) => [i.institutionId, i.candidates]).sort()).toEqual(
      body.institutions.map((i) => [i.institutionId, i.candidates]).sort(),
    );
    expect(
      (await c['demo-exam']!.get('/api/v1/exam-samples/candidates?from=2025-01-01&to=2027-12-30')).status,
    ).toBe(403);
  });
});
