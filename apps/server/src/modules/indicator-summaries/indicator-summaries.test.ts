/**
 * The indicator summaries on a small hand-computed fixture (five cards in two counties of two cities),
 * and the rule placeholders: the SQL day counts are the ones SUMMARY_RULES documents.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, examCard } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { makeIdNumber } from '../../demo/exam-cards.js';
import { chinaToday } from '@ohp/reference';
import { storeCards } from '../exam-reports/index.js';
import {
  factCounts,
  mergeDeltas,
  SUMMARY_RULES,
  summaryCounts,
  verifySummaries,
  type CountQuery,
} from './index.js';

let t: TestContext;
let institution: number;
let other: number;
beforeAll(async () => {
  t = await createTestContext({ seed: false });
  institution = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
  other = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220203' });
});
afterAll(async () => t.close());

const today = chinaToday();
/** recordId, county, exam date, report date, exam type, suspected. */
const FIXTURE: Array<[string, string, string, string, string, boolean]> = [
  ['F-1', '220102', '2026-01-05', today, '02', true],
  ['F-2', '220102', '2026-01-20', '2026-01-25', '02', false],
  ['F-3', '220102', '2026-02-03', today, '01', false],
  ['F-4', '220203', '2026-02-10', '2026-02-11', '02', true],
  ['F-5', '220203', '2026-04-01', '2026-04-02', '02', false],
];

const q = (p: Partial<CountQuery>): CountQuery => ({
  measures: ['exam.cards'],
  regionPrefix: '22',
  groupBy: 'total',
  fromMonth: '2026-01-01',
  toMonth: '2027-01-01',
  ...p,
});
const both = async (p: Partial<CountQuery>) => {
  const s = await summaryCounts(t.deps.db, q(p));
  expect(await factCounts(t.deps.db, q(p))).toEqual(s);
  return Object.fromEntries(s.map((r) => [`${r.measure} ${r.key}`, r.n]));
};

describe('the indicator summaries on a hand-computed fixture', () => {
  it('count five cards in two counties exactly, by region level, month, institution and dimension', async () => {
    let serial = 0;
    for (const [id, county, examDate, reportDate, type, suspected] of FIXTURE) {
      const card = examCard(id, (x) => {
        x.worker.idNumber = makeIdNumber('220102', '1988-02-03', ++serial, true);
        x.worker.birthDate = '1988-02-03';
        x.employer.regionCode = x.employingUnit.regionCode = county;
        x.examDate = examDate;
        x.writer.date = x.reporter.date = reportDate;
        x.examTypeCode = type;
        if (!suspected) {
          x.conclusions[0]!.conclusionCode = '01';
          x.conclusions[0]!.suspectedDiseaseCode = null;
        }
      });
      await t.deps.db
        .transaction()
        .execute((trx) =>
          storeCards(
            trx,
            t.deps.crypto,
            { institutionId: id === 'F-5' ? other : institution, importBatchId: null, source: 'api' },
            [{ rowNo: 1, card }],
          ),
        );
    }
    const measures = ['exam.cards', 'exam.on_time', 'exam.suspected'];
    // Received today: F-1 and F-3 were reported today (on time); the others months ago (late).
    expect(await both({ measures })).toEqual({ 'exam.cards ': 5, 'exam.on_time ': 2, 'exam.suspected ': 2 });
    expect(await both({ groupBy: 'child' })).toEqual({ 'exam.cards 2201': 3, 'exam.cards 2202': 2 });
    expect(await both({ regionPrefix: '2201', groupBy: 'child' })).toEqual({ 'exam.cards 220102': 3 });
    expect(await both({ regionPrefix: '220203', groupBy: 'child' })).toEqual({ 'exam.cards 220203': 2 });
    expect(await both({ regionPrefix: '', groupBy: 'child' })).toEqual({ 'exam.cards 22': 5 });
    expect(await both({ groupBy: 'month' })).toEqual({
      'exam.cards 2026-01': 2,
      'exam.cards 2026-02': 2,
      'exam.cards 2026-04': 1,
    });
    expect(await both({ groupBy: 'institution' })).toEqual({
      [`exam.cards ${institution}`]: 4,
      [`exam.cards ${other}`]: 1,
    });
    expect(await both({ dims: ['01'] })).toEqual({ 'exam.cards ': 1 });
    // A quarter: Q1 2026 holds four of the cards; another province none.
    expect(await both({ fromMonth: '2026-01-01', toMonth: '2026-04-01' })).toEqual({ 'exam.cards ': 4 });
    expect(await both({ regionPrefix: '21' })).toEqual({});
    // Suspected cases follow the suspected cards (found on the report date).
    expect(await both({ measures: ['suspected.found'], groupBy: 'child' })).toEqual({
      'suspected.found 2201': 1,
      'suspected.found 2202': 1,
    });
    // Merged, the same answers; nothing drifts.
    await mergeDeltas(t.deps.db);
    expect(await both({ measures })).toEqual({ 'exam.cards ': 5, 'exam.on_time ': 2, 'exam.suspected ': 2 });
    expect((await verifySummaries(t.deps.db)).totalAbsDrift).toBe(0);
  });

  it('count the distinct workers examined per employer and year by reference (exam.workers)', async () => {
    const workers = { measures: ['exam.workers'], fromMonth: '2026-01-01', toMonth: '2027-01-01' };
    // Five cards of five workers (types 01 and 02), one employer (unregistered: its credit code).
    expect(await both({ ...workers, groupBy: 'child' })).toEqual({
      'exam.workers 2201': 3,
      'exam.workers 2202': 2,
    });
    const [dim] = await summaryCounts(t.deps.db, q({ ...workers }));
    expect(dim!.n).toBe(5);
    // A second card of F-1's worker: one more card, the same workers; a type-03 card counts no worker.
    const again = (id: string, type: string) =>
      examCard(id, (x) => {
        x.worker.idNumber = makeIdNumber('220102', '1988-02-03', 1, true);
        x.worker.birthDate = '1988-02-03';
        x.employer.regionCode = x.employingUnit.regionCode = '220102';
        x.examDate = '2026-03-01';
        x.writer.date = x.reporter.date = '2026-03-02';
        x.examTypeCode = type;
      });
    await t.deps.db.transaction().execute((trx) =>
      storeCards(trx, t.deps.crypto, { institutionId: institution, importBatchId: null, source: 'api' }, [
        { rowNo: 1, card: again('F-6', '02') },
        { rowNo: 2, card: again('F-7', '03') },
      ]),
    );
    expect(await both({ ...workers })).toEqual({ 'exam.workers ': 5 });
    expect(await both({})).toEqual({ 'exam.cards ': 7 });
    // F-1 deleted: its worker still has F-6. F-6 deleted too: the worker is gone from the count.
    await sql`DELETE FROM exam_card WHERE record_id = 'F-1'`.execute(t.deps.db);
    expect(await both({ ...workers })).toEqual({ 'exam.workers ': 5 });
    await sql`DELETE FROM exam_card WHERE record_id = 'F-6'`.execute(t.deps.db);
    expect(await both({ ...workers })).toEqual({ 'exam.workers ': 4 });
    // Another year (a correction moves F-2 to 2025): the 2026 count loses it, 2025 gains it.
    await sql`UPDATE exam_card SET exam_date = '2025-12-31' WHERE record_id = 'F-2'`.execute(t.deps.db);
    expect(await both({ ...workers })).toEqual({ 'exam.workers ': 3 });
    expect(await both({ ...workers, fromMonth: '2025-01-01', toMonth: '2026-01-01' })).toEqual({
      'exam.workers ': 1,
    });
    await mergeDeltas(t.deps.db);
    expect((await verifySummaries(t.deps.db)).totalAbsDrift).toBe(0);
  });

  it('refuses a malformed region prefix or month instead of reading anything', async () => {
    await expect(summaryCounts(t.deps.db, q({ regionPrefix: "22' or 1=1" }))).rejects.toThrow();
    await expect(summaryCounts(t.deps.db, q({ fromMonth: '2026-01-15' }))).rejects.toThrow();
  });
});

describe('the rule placeholders', () => {
  it('are the day counts the SQL uses (placeholders, flagged)', async () => {
    const { examOnTimeDays, suspectedResolvedDays, diagnosisOnTimeDays } = SUMMARY_RULES;
    expect([examOnTimeDays, suspectedResolvedDays, diagnosisOnTimeDays].every((r) => r.placeholder)).toBe(
      true,
    );
    const r = await sql<Record<string, boolean>>`
      SELECT indicator_exam_on_time('2026-01-01 23:59+08'::timestamptz + ${examOnTimeDays.days} * interval '1 day', '2026-01-01') AS exam_in,
             indicator_exam_on_time('2026-01-02 00:00+08'::timestamptz + ${examOnTimeDays.days} * interval '1 day', '2026-01-01') AS exam_late,
             indicator_suspected_in_time('2026-01-01', '2026-01-01'::date + ${suspectedResolvedDays.days}::int) AS case_in,
             indicator_suspected_in_time('2026-01-01', '2026-01-02'::date + ${suspectedResolvedDays.days}::int) AS case_late,
             indicator_suspected_in_time('2026-01-01', NULL) AS case_open,
             indicator_diagnosis_on_time('2026-01-01', '2026-01-01'::date + ${diagnosisOnTimeDays.days}::int) AS diag_in,
             indicator_diagnosis_on_time('2026-01-01', '2026-01-02'::date + ${diagnosisOnTimeDays.days}::int) AS diag_late`.execute(
      t.deps.db,
    );
    expect(r.rows[0]).toEqual({
      exam_in: true,
      exam_late: false,
      case_in: true,
      case_late: false,
      case_open: false,
      diag_in: true,
      diag_late: false,
    });
  });
});
