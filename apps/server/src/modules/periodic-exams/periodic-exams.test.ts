/**
 * 体检到期提醒 (issue 15 item 7): due dates are the standards engine's for the edition in force on the
 * exam date (GBZ 188-2014 before 2026-08-01, 2025 after), the latest exam per worker and factor counts
 * (a 离岗时 exam or a later card under another employer ends the reminder), a cycle that needs a level
 * the card lacks is a caveat with the engine's answer per level — not a guessed date — and each kind of
 * user sees its own workers.
 */
import type { ExamCardInput, PeriodicDuePage, PeriodicDueRow } from '@ohp/contracts';
import { surveillanceCycle } from '@ohp/standards';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildUser, examCard } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { makeIdNumber } from '../../demo/exam-cards.js';
import { makeCreditCode } from '../../demo/seed.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import { storeCards } from '../exam-reports/index.js';
import { listDueFor } from './periodic-exams.service.js';

const TODAY = '2026-12-05';

let t: TestContext;
let county: Actor;
let exam: Actor;
let employer: { id: number; credit: string; actor: Actor };
let sibling: { id: number; credit: string };
let otherInstitution: { id: number; actor: Actor };
let thirdInstitution: Actor;

const actorOfUser = async (userId: number) => (await loadActor(t.deps.db, userId))!.actor;
const actorOf = async (username: string) => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return actorOfUser(u.user_id);
};

let serial = 0;
/** A card of a new or given worker at an employer, for one factor, with the exam type and date. */
const card = (
  o: { credit: string; region: string; name: string },
  factor: string,
  examTypeCode: string,
  examDate: string,
  worker?: ExamCardInput['worker'],
): ExamCardInput =>
  examCard(`DUE-${process.pid}-${++serial}`, (c) => {
    const birth = `19${70 + (serial % 25)}-0${1 + (serial % 9)}-1${serial % 9}`;
    const male = serial % 3 !== 0;
    c.worker = worker ?? {
      name: '测试劳动者',
      idTypeCode: '01',
      idNumber: makeIdNumber(o.region, birth, 700 + serial, male),
      genderCode: male ? '1' : '2',
      birthDate: birth,
      phone: `1380000${String(1000 + serial).slice(-4)}`,
    };
    c.employer = { ...c.employer, name: o.name, creditCode: o.credit, regionCode: o.region };
    c.employingUnit = { ...c.employingUnit, name: o.name, creditCode: o.credit, regionCode: o.region };
    c.examTypeCode = examTypeCode;
    c.examDate = examDate;
    c.contactFactorCodes = [factor];
    const years = Number(examDate.slice(0, 4)) - 2016;
    c.conclusions = [
      {
        factorCodes: [factor],
        conclusionCode: '01',
        ...(examTypeCode === '01' ? {} : { harmStartDate: '2015-06-01', harmYears: years, harmMonths: 0 }),
      },
    ];
    c.serviceYears = examTypeCode === '01' ? 0 : years + 1;
    c.serviceMonths = 0;
    const report = new Date(Date.parse(`${examDate}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    c.writer = { ...c.writer, date: report };
    c.reporter = { ...c.reporter, date: report };
  });

const store = async (institutionId: number, cards: ExamCardInput[]) => {
  const out = await t.deps.db.transaction().execute((trx) =>
    storeCards(
      trx,
      t.deps.crypto,
      { institutionId, importBatchId: null, source: 'api' },
      cards.map((c, i) => ({ rowNo: i + 1, card: c })),
    ),
  );
  for (const o of out) expect(o.outcome, JSON.stringify(o)).toBe('accepted');
  return out;
};

/** The worker of each named card, to find its row. */
const W: Record<string, ExamCardInput['worker']> = {};

beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  county = await actorOf('demo-county');
  exam = await actorOf('demo-exam');
  const siblingRegion = county.regionCode === '220103' ? '220102' : '220103';
  const mk = async (region: string, n: number, name: string) => {
    const id = await buildOrganisation(t.deps, { kind: 'employer', regionCode: region, name });
    const credit = makeCreditCode(region, 88_000_000 + n + (process.pid % 1000) * 10);
    await t.deps.db
      .updateTable('organisation')
      .set({ credit_code: credit })
      .where('organisation_id', '=', id)
      .execute();
    return { id, credit };
  };
  const e = await mk(county.regionCode, 1, '到期提醒测试化工有限公司');
  const eu = await buildUser(t.deps, { organisationId: e.id, roleKeys: ['employer_staff'] });
  employer = { ...e, actor: await actorOfUser(eu.id) };
  sibling = await mk(siblingRegion, 2, '邻区测试机械有限公司');
  const other = await t.deps.db
    .selectFrom('organisation')
    .select('organisation_id')
    .where('kind', '=', 'exam_institution')
    .where('organisation_id', '<>', exam.organisationId)
    .orderBy('organisation_id')
    .limit(2)
    .execute();
  const ou = await buildUser(t.deps, { organisationId: other[0]!.organisation_id, roleKeys: ['exam_staff'] });
  otherInstitution = { id: other[0]!.organisation_id, actor: await actorOfUser(ou.id) };
  const tu = await buildUser(t.deps, { organisationId: other[1]!.organisation_id, roleKeys: ['exam_staff'] });
  thirdInstitution = await actorOfUser(tu.id);

  const E = { credit: employer.credit, region: county.regionCode, name: '到期提醒测试化工有限公司' };
  const S = { credit: sibling.credit, region: siblingRegion, name: '邻区测试机械有限公司' };
  const named = (key: string, c: ExamCardInput) => {
    W[key] = c.worker;
    return c;
  };
  await store(exam.organisationId, [
    named('benzeneOverdue', card(E, '2013', '02', '2025-03-31')),
    named('leadLeapDay', card(E, '2237', '02', '2024-02-29')),
    named('benzeneSoon', card(E, '2013', '02', '2025-12-20')),
    named('benzeneInDate', card(E, '2013', '02', '2026-06-01')),
    named('noise', card(E, '3008', '02', '2025-06-15')),
    named('silica2025', card(E, '1038', '02', '2026-08-31')),
    named('silica2014', card(E, '1038', '02', '2025-05-20')),
    named('benzene2025', card(E, '2013', '02', '2026-09-10')),
    named('unmapped', card(E, '2062', '02', '2025-07-01')),
    named('preEmployment', card(E, '2013', '01', '2025-11-20')),
    named('left', card(E, '2013', '02', '2024-01-10')),
    named('moved', card(E, '2013', '02', '2025-01-10')),
    named('twoExams', card(E, '2237', '02', '2024-05-01')),
    named('siblingWorker', card(S, '2013', '02', '2025-02-01')),
  ]);
  await store(exam.organisationId, [card(E, '2013', '03', '2025-01-10', W.left)]);
  await store(exam.organisationId, [card(S, '2013', '02', '2025-06-01', W.moved)]);
  // The later exam of twoExams by another institution.
  await store(otherInstitution.id, [card(E, '2237', '02', '2025-05-01', W.twoExams)]);
});
afterAll(async () => t.close());

const rowsOf = async (a: Actor, q: Record<string, unknown> = {}) =>
  listDueFor(t.deps.db, a, { pageSize: 200, ...q }, 'zh-CN', TODAY);

/** The worker's row (masked ID numbers differ by the last digits; the record ID of the last exam is unique). */
const rowOf = (page: PeriodicDuePage, key: string): PeriodicDueRow | undefined =>
  page.data.find(
    (r) =>
      r.workerIdNumber.slice(-4) === W[key]!.idNumber.slice(-4) &&
      r.workerIdNumber.slice(0, 3) === W[key]!.idNumber.slice(0, 3),
  );

describe('due dates from the standards engine, by the edition of the exam date', () => {
  it('gives the GBZ 188-2014 and -2025 cycles, the engine’s due dates and the statuses as of the day', async () => {
    const page = await rowsOf(employer.actor);
    const r = (k: string) => {
      const row = rowOf(page, k);
      expect(row, k).toBeDefined();
      return row!;
    };
    expect(r('benzeneOverdue')).toMatchObject({
      edition: 'GBZ 188-2014',
      cycleMonths: 12,
      dueOn: '2026-03-31',
      status: 'overdue',
      daysOverdue: 249,
      hazardId: '2-28',
      caveat: null,
      verified: false,
    });
    // 2024-02-29 + 12 months: the month has no 29th, so its last day (the engine's addMonths).
    expect(r('leadLeapDay')).toMatchObject({ dueOn: '2025-02-28', status: 'overdue' });
    expect(r('benzeneSoon')).toMatchObject({ dueOn: '2026-12-20', status: 'due_soon', daysOverdue: -15 });
    expect(r('benzeneInDate')).toMatchObject({
      edition: 'GBZ 188-2014',
      dueOn: '2027-06-01',
      status: 'in_date',
    });
    // From 2026-08-01 the 2025 edition: silica dust, ungraded, 12 months (a third-party V3 row).
    expect(r('silica2025')).toMatchObject({
      edition: 'GBZ 188-2025',
      cycleMonths: 12,
      dueOn: '2027-08-31',
      status: 'in_date',
      confidence: 'V3',
    });
    expect(r('preEmployment')).toMatchObject({ dueOn: '2026-11-20', status: 'overdue', daysOverdue: 15 });
    expect(r('preEmployment').lastExam.examTypeCode).toBe('01');
    // Every due date is the engine's for that exam date and hazard.
    const dated = page.data.filter((x) => x.dueOn);
    expect(dated.length).toBeGreaterThanOrEqual(7);
    expect(new Set(dated.map((x) => x.edition))).toEqual(new Set(['GBZ 188-2014', 'GBZ 188-2025']));
    for (const x of dated) {
      const res = surveillanceCycle({ examDate: x.lastExam.examDate, hazards: [{ hazardId: x.hazardId! }] });
      if (res.verdict === 'error') throw new Error(`engine refused ${x.hazardId}`);
      expect(res.nextDueDate, `${x.factorCode} ${x.lastExam.examDate}`).toBe(x.dueOn);
      expect(res.edition).toBe(x.edition);
      expect(res.cycleMonths).toBe(x.cycleMonths);
    }
  });

  it('shows a cycle that needs a level the card lacks as a caveat with the engine’s answer per level, not a date', async () => {
    const page = await rowsOf(employer.actor);
    const noise = rowOf(page, 'noise')!;
    expect(noise).toMatchObject({
      status: 'undetermined',
      dueOn: null,
      cycleMonths: null,
      edition: 'GBZ 188-2014',
    });
    expect(noise.caveat!.kind).toBe('noise_level_required');
    expect(noise.caveat!.message).toContain('L_EX,8h');
    expect(noise.caveat!.alternatives).toEqual([
      { condition: 'L_EX,8h ≥ 85 dB(A)', months: 12, dueOn: '2026-06-15' },
      { condition: 'L_EX,8h ≥ 80 dB(A)', months: 24, dueOn: '2027-06-15' },
    ]);
    expect(noise.caveat!.earliestDueOn).toBe('2026-06-15');
    for (const a of noise.caveat!.alternatives) {
      const res = surveillanceCycle({
        examDate: '2025-06-15',
        hazards: [{ hazardId: '3-1', noiseLevel: Number(/(\d+) dB/.exec(a.condition)![1]) }],
      });
      expect(res.verdict === 'error' ? null : res.nextDueDate).toBe(a.dueOn);
    }
    const silica = rowOf(page, 'silica2014')!;
    expect(silica.caveat!.kind).toBe('work_grade_required');
    expect(silica.caveat!.alternatives.map((a) => a.months)).toEqual([12, 24]);
    // No transcribed 2025 row for benzene: said, not guessed.
    const benzene = rowOf(page, 'benzene2025')!;
    expect(benzene).toMatchObject({ status: 'undetermined', edition: 'GBZ 188-2025', dueOn: null });
    expect(benzene.caveat).toMatchObject({
      kind: 'no_cycle_in_edition',
      alternatives: [],
      earliestDueOn: null,
    });
    expect(benzene.basis).toContain('GBZ 188');
    const unmapped = rowOf(page, 'unmapped')!;
    expect(unmapped).toMatchObject({ status: 'undetermined', hazardId: null });
    expect(unmapped.caveat!.kind).toBe('factor_not_mapped');
    // English too.
    const en = await listDueFor(t.deps.db, employer.actor, { pageSize: 200 }, 'en', TODAY);
    expect(en.data.find((x) => x.caveat?.kind === 'noise_level_required')!.caveat!.message).toContain(
      'noise level',
    );
  });

  it('counts only the latest exam: a departure exam or a later card under another employer ends the reminder', async () => {
    const page = await rowsOf(employer.actor);
    expect(rowOf(page, 'left')).toBeUndefined();
    expect(rowOf(page, 'moved')).toBeUndefined();
    const two = rowOf(page, 'twoExams')!;
    expect(two.lastExam.examDate).toBe('2025-05-01');
    expect(two.dueOn).toBe('2026-05-01');
    expect(page.data.filter((x) => x.lastExam.recordId === two.lastExam.recordId)).toHaveLength(1);
  });

  it('lists overdue first, counts per status, and filters', async () => {
    const page = await rowsOf(employer.actor);
    const rank = { overdue: 0, due_soon: 1, undetermined: 2, in_date: 3 };
    const ranks = page.data.map((x) => rank[x.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(page.total).toBe(page.data.length);
    expect(Object.values(page.counts).reduce((a, b) => a + b, 0)).toBe(page.total);
    const overdue = await rowsOf(employer.actor, { status: 'overdue' });
    expect(overdue.total).toBe(page.counts.overdue);
    expect(overdue.data.every((x) => x.status === 'overdue')).toBe(true);
    const lead = await rowsOf(employer.actor, { factorCode: '2237' });
    expect(lead.data.length).toBe(2);
    expect(lead.data.every((x) => x.factorCode === '2237')).toBe(true);
  });
});

describe('who sees whom', () => {
  it('shows an employer its workers, a county its region (not the sibling county), an institution the workers it examined', async () => {
    const own = await rowsOf(employer.actor);
    expect(own.data.every((x) => x.employerCreditCode === employer.credit)).toBe(true);
    const inCounty = await rowsOf(county, { q: employer.credit });
    expect(inCounty.total).toBe(own.total);
    expect((await rowsOf(county, { q: sibling.credit })).total).toBe(0);
    const city = await actorOf('demo-city');
    expect((await rowsOf(city, { q: sibling.credit })).total).toBeGreaterThan(0);
    expect((await rowsOf(county)).data.every((x) => x.regionCode.startsWith(county.regionCode))).toBe(true);
    // The other institution examined only twoExams' worker; the demo institution sees that worker's later
    // exam there; a third institution sees none of them.
    const other = await rowsOf(otherInstitution.actor, { q: employer.credit });
    expect(other.data.map((x) => x.lastExam.examDate)).toEqual(['2025-05-01']);
    const mine = rowOf(await rowsOf(exam, { q: employer.credit }), 'twoExams')!;
    expect(mine.lastExam.examDate).toBe('2025-05-01');
    expect((await rowsOf(thirdInstitution, { q: employer.credit })).total).toBe(0);
  });
});

describe('routes', () => {
  let c: Record<string, Client>;
  beforeAll(async () => {
    c = {};
    for (const u of ['demo-employer', 'demo-county', 'demo-sysadmin']) c[u] = await t.login(u);
  });

  it('gives the demo employer its overdue workers first, and exports the list', async () => {
    const res = await c['demo-employer']!.get('/api/v1/periodic-exams/due?pageSize=50');
    expect(res.status).toBe(200);
    const page = res.body as unknown as PeriodicDuePage;
    expect(page.counts.overdue).toBeGreaterThan(0);
    expect(page.data[0]!.status).toBe('overdue');
    expect(page.data[0]!.workerName).toContain('*');
    expect(page.counts.undetermined).toBeGreaterThan(0);
    const xlsx = await c['demo-employer']!.get('/api/v1/periodic-exams/due.xlsx?status=overdue');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('体检到期提醒');
    expect(wb.worksheets[0]!.rowCount).toBe(page.counts.overdue + 1);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).text).toBe('已逾期');
    expect((await c['demo-county']!.get('/api/v1/periodic-exams/due')).status).toBe(200);
    expect((await c['demo-sysadmin']!.get('/api/v1/periodic-exams/due')).status).toBe(403);
    expect((await c['demo-employer']!.get('/api/v1/periodic-exams/due?status=late')).status).toBe(400);
  });
});
