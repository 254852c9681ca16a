/**
 * The suspected-case chain (issue 15 item 7): cases and clocks opened by stored cards, the tracker's
 * scope, the steps by whom and in which order, clocks closed by the step that answers them, corrections
 * withdrawing a case, the contraindication follow-up, and working-day clocks on the national calendar.
 */
import { calendarDays } from '@ohp/reference';
import type { SuspectedCase } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examCard } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { loadActor } from '../../platform/authz/session.js';
import { workingCalendar } from '../calendar/index.js';
import { dueDate } from '../deadlines/index.js';
import { storeCards } from '../exam-reports/index.js';

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of ['demo-province', 'demo-county', 'demo-exam', 'demo-employer', 'demo-qc', 'demo-diag'])
    c[u] = await t.login(u);
});
afterAll(async () => t.close());

const list = async (who: string, q = '') => {
  const res = await c[who]!.get(`/api/v1/suspected-cases?pageSize=200${q}`);
  expect(res.status).toBe(200);
  return res.body as unknown as { data: SuspectedCase[]; total: number };
};
const caseOf = async (who: string, id: number) => (await list(who)).data.find((x) => x.id === id);
const event = (who: string, id: number, body: Record<string, unknown>) =>
  c[who]!.post(`/api/v1/suspected-cases/${id}/events`, body);
const actor = async (username: string) => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(t.deps.db, u.user_id))!.actor;
};
const store = async (institutionId: number, card: ReturnType<typeof examCard>) =>
  (
    await t.deps.db
      .transaction()
      .execute((trx) =>
        storeCards(trx, t.deps.crypto, { institutionId, importBatchId: null, source: 'api' }, [
          { rowNo: 1, card },
        ]),
      )
  )[0]!;

describe('cases opened by stored cards', () => {
  it('opens one case per suspected card, with its two clocks, and the regulators see them in their region', async () => {
    const suspected = Number(
      (
        await t.deps.db
          .selectFrom('exam_card')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('has_suspected', '=', true)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const all = await list('demo-province');
    expect(suspected).toBeGreaterThan(0);
    expect(all.total).toBe(suspected);
    const cal = await workingCalendar(t.deps.db);
    for (const k of all.data) {
      expect(k.clocks.map((x) => x.kind).sort()).toEqual([
        'suspected_case_diagnosis',
        'suspected_case_notify',
      ]);
      const notify = k.clocks.find((x) => x.kind === 'suspected_case_notify')!;
      expect(notify.startsOn).toBe(k.foundOn);
      expect(notify.dueOn).toBe(dueDate({ days: 15, day_type: 'calendar' }, k.foundOn, cal));
      expect(notify.confidence).toBe('uncertain');
      expect(k.workerName).toContain('*');
    }
    const county = await actor('demo-county');
    const inCounty = await list('demo-county');
    expect(inCounty.data.every((k) => k.regionCode.startsWith(county.regionCode))).toBe(true);
    const exam = await actor('demo-exam');
    expect((await list('demo-exam')).data.every((k) => k.institutionId === exam.organisationId)).toBe(true);
    expect((await c['demo-diag']!.get('/api/v1/suspected-cases')).status).toBe(403);
    // Late clocks are flagged for the regulator.
    const overdue = await list('demo-province', '&overdue=true');
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.data.every((k) => k.clocks.some((x) => !x.done && x.overdueDays > 0))).toBe(true);
  });
});

describe('the found-date filter (the dashboard’s link)', () => {
  it('lists the cases found in a date range, inclusive, and refuses a malformed date', async () => {
    const all = (await list('demo-province')).data;
    expect(all.length).toBeGreaterThan(2);
    const days = [...new Set(all.map((x) => x.foundOn))].sort();
    const from = days[Math.floor(days.length / 3)]!;
    const to = days[Math.floor((2 * days.length) / 3)]!;
    const inRange = all.filter((x) => x.foundOn >= from && x.foundOn <= to);
    const got = await list('demo-province', `&from=${from}&to=${to}`);
    expect(got.data.map((x) => x.id).sort()).toEqual(inRange.map((x) => x.id).sort());
    expect(got.data.length).toBeLessThan(all.length);
    expect((await c['demo-province']!.get('/api/v1/suspected-cases?from=2026-13-01')).status).toBe(400);
  });
});

describe('the steps', () => {
  it('lets the institution tell the employer (closing its clock), then refer; the regulator records the diagnosis', async () => {
    const k = (await list('demo-exam', '&status=open')).data.find((x) =>
      x.abilities.events.includes('employer_notified'),
    )!;
    expect(k).toBeDefined();
    // Not the employer's or the county's step; not in the future; not before the case was found.
    expect((await event('demo-county', k.id, { event: 'employer_notified' })).status).toBe(409);
    expect((await event('demo-exam', k.id, { event: 'employer_notified', date: '2999-01-01' })).status).toBe(
      400,
    );
    expect((await event('demo-exam', k.id, { event: 'employer_notified', date: '2000-01-01' })).status).toBe(
      400,
    );
    const audits = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'suspected_case.update')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await audits();
    const ok = await event('demo-exam', k.id, { event: 'employer_notified', note: '已书面通知' });
    expect(ok.status).toBe(200);
    expect(await audits()).toBe(before + 1);
    const after = (await caseOf('demo-exam', k.id))!;
    expect(after.status).toBe('employer_notified');
    expect(after.clocks.find((x) => x.kind === 'suspected_case_notify')!.done).toBe(true);
    expect(after.clocks.find((x) => x.kind === 'suspected_case_diagnosis')!.done).toBe(false);
    // Steps go forward only.
    expect((await event('demo-exam', k.id, { event: 'employer_notified' })).status).toBe(409);
    expect(
      (await event('demo-exam', k.id, { event: 'referred', referredTo: '吉林省职业病诊断中心' })).status,
    ).toBe(200);
    // The diagnosis: by the regulator of the employer's region, with a disease of the national table.
    const regulator = (await actor('demo-county')).regionCode;
    const who = k.regionCode.startsWith(regulator) ? 'demo-county' : 'demo-province';
    expect((await event('demo-exam', k.id, { event: 'diagnosed', diseaseCode: k.diseaseCode })).status).toBe(
      409,
    );
    const missing = await event(who, k.id, { event: 'diagnosed' });
    expect(missing.status).toBe(400);
    expect((missing.body as { error: { details: Array<{ path: string }> } }).error.details[0]!.path).toBe(
      'diseaseCode',
    );
    expect((await event(who, k.id, { event: 'diagnosed', diseaseCode: '99999' })).status).toBe(400);
    expect(
      (await event(who, k.id, { event: 'diagnosed', diseaseCode: k.diseaseCode, stage: '壹期' })).status,
    ).toBe(200);
    const done = (await caseOf('demo-province', k.id))!;
    expect(done).toMatchObject({ status: 'diagnosed', diagnosedDiseaseCode: k.diseaseCode, stage: '壹期' });
    expect(done.clocks.every((x) => x.done)).toBe(true);
    expect((await event(who, k.id, { event: 'excluded' })).status).toBe(409);
  });

  it('answers 404 for a case outside the scope, and never lists it', async () => {
    const county = await actor('demo-county');
    const exam = await actor('demo-exam');
    const elsewhere = county.regionCode === '220104' ? '220103' : '220104';
    const out = await store(
      exam.organisationId,
      examCard(`chain-outside-${Date.now()}`, (x) => {
        x.employer.regionCode = elsewhere;
        x.employingUnit.regionCode = elsewhere;
      }),
    );
    expect(out.outcome).toBe('accepted');
    const outside = (await list('demo-province')).data.find((k) => k.examCardId === out.examCardId)!;
    expect(outside).toBeDefined();
    expect((await list('demo-county')).data.map((k) => k.id)).not.toContain(outside.id);
    expect((await event('demo-county', outside.id, { event: 'excluded' })).status).toBe(404);
  });
});

describe('corrections and follow-ups', () => {
  it('withdraws an open case when the card is corrected to no suspicion, and opens it again when suspected again', async () => {
    const exam = await actor('demo-exam');
    const card = examCard(`chain-${Date.now()}`);
    const first = await store(exam.organisationId, card);
    const opened = await t.deps.db
      .selectFrom('suspected_case')
      .select(['suspected_case_id', 'status'])
      .where('exam_card_id', '=', first.examCardId!)
      .executeTakeFirstOrThrow();
    expect(opened.status).toBe('open');
    const clocks = () =>
      t.deps.db
        .selectFrom('deadline')
        .select('kind')
        .where('subject_type', '=', 'suspected_case')
        .where('subject_id', '=', opened.suspected_case_id)
        .execute();
    expect(await clocks()).toHaveLength(2);
    const corrected = structuredClone(card);
    corrected.conclusions[0] = {
      ...corrected.conclusions[0]!,
      conclusionCode: '04',
      suspectedDiseaseCode: null,
      contraindication: '活动性肺结核病',
    };
    expect((await store(exam.organisationId, corrected)).outcome).toBe('updated');
    const withdrawn = await t.deps.db
      .selectFrom('suspected_case')
      .select('status')
      .where('suspected_case_id', '=', opened.suspected_case_id)
      .executeTakeFirstOrThrow();
    expect(withdrawn.status).toBe('withdrawn');
    expect(await clocks()).toHaveLength(0);
    // The contraindication opened the employer's follow-up.
    const followUp = await t.deps.db
      .selectFrom('deadline')
      .selectAll()
      .where('kind', '=', 'contraindication_followup')
      .where('subject_id', '=', first.examCardId!)
      .execute();
    expect(followUp).toHaveLength(1);
    expect(followUp[0]!.regulator_region_code).toBe(card.employer.regionCode);
    // Suspected again: the same case opens again, with its clocks.
    expect((await store(exam.organisationId, card)).outcome).toBe('updated');
    const reopened = await t.deps.db
      .selectFrom('suspected_case')
      .select(['suspected_case_id', 'status'])
      .where('exam_card_id', '=', first.examCardId!)
      .executeTakeFirstOrThrow();
    expect(reopened).toEqual({ suspected_case_id: opened.suspected_case_id, status: 'open' });
    expect(await clocks()).toHaveLength(2);
    expect(
      await t.deps.db
        .selectFrom('deadline')
        .select('kind')
        .where('kind', '=', 'contraindication_followup')
        .where('subject_id', '=', first.examCardId!)
        .execute(),
    ).toHaveLength(0);
  });

  it('counts working-day clocks on the national calendar, skipping holidays and counting make-up workdays', async () => {
    // The calendar every clock uses: the table of holidays and make-up workdays (modules/calendar).
    const cal = await workingCalendar(t.deps.db);
    const holiday = calendarDays.find((d) => d.kind === 'holiday' && d.date.startsWith('2026-10'))!;
    expect(holiday).toBeDefined();
    const eve = new Date(Date.parse(`${holiday.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const due = dueDate({ days: 1, day_type: 'working' }, eve, cal);
    expect(cal.describeDay(due).working).toBe(true);
    // The next working day after the eve lies beyond the whole holiday block.
    for (
      let d = eve;
      d < due;
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    )
      if (d !== eve) expect(cal.describeDay(d).working).toBe(false);
    expect(dueDate({ days: 3, day_type: 'calendar' }, '2026-02-27', cal)).toBe('2026-03-02');
  });
});
