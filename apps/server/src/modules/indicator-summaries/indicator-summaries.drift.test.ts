/**
 * The indicator summaries stay exact (issue 18 item 2), on both databases: on the demo province (its
 * cards, cases and reports written by the demo seeders), after ingestion through the JSON batch door,
 * corrections that move cards (exam date, county, report date), the XML Delete (cascading to suspected
 * cases), cases excluded and diagnosed through the services, a diagnosis report inserted and replaced,
 * two concurrent batches and a merge half-way, the verifier finds zero drift and the summaries answer
 * what a GROUP BY over the facts answers, for the province, a city, a county and the nation, by total,
 * child region, institution and month. A seeded random sequence of ~200 writes ends at zero drift; a
 * tampered total is reported as exactly that key; on PostgreSQL a writer's open transaction does not
 * hold back another writer of the same county and month.
 */
import { readFileSync } from 'node:fs';
import { diagnosisReportExample, type DiagnosisReportInput, type ExamCardInput } from '@ohp/contracts';
import { chinaToday } from '@ohp/reference';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examCard } from '../../../test/factories.js';
import { createTestContext, testDbKind, type Client, type TestContext } from '../../../test/helpers.js';
import { makeIdNumber } from '../../demo/exam-cards.js';
import { loadActor } from '../../platform/authz/session.js';
import { storeCards } from '../exam-reports/index.js';
import { recordCaseEvent } from '../suspected-cases/index.js';
import {
  factCounts,
  listVerifications,
  MEASURES,
  mergeDeltas,
  openClockCounts,
  openClocksFromFacts,
  runVerification,
  summaryCounts,
  verifySummaries,
  type CountQuery,
  type GroupBy,
} from './index.js';

const xmlFixture = readFileSync(new URL('../exam-reports/fixtures/national-exam-cards.xml', import.meta.url));

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of ['demo-exam', 'demo-diag', 'demo-county', 'demo-sysadmin']) c[u] = await t.login(u);
});
afterAll(async () => t.close());

const ALL = { fromMonth: '2000-01-01', toMonth: '2100-01-01' };
const PREFIXES = ['', '22', '2201', '220102'];
const GROUPS: GroupBy[] = ['total', 'child', 'institution', 'month'];

/** Zero drift, and the summaries answer as the facts do for every region level and grouping. */
const expectExact = async () => {
  const v = await verifySummaries(t.deps.db);
  expect(v.driftRows).toEqual([]);
  expect(v.totalAbsDrift).toBe(0);
  for (const regionPrefix of PREFIXES)
    for (const groupBy of GROUPS) {
      const q: CountQuery = { measures: [...MEASURES], regionPrefix, groupBy, ...ALL };
      expect(await summaryCounts(t.deps.db, q), `${regionPrefix || 'national'} by ${groupBy}`).toEqual(
        await factCounts(t.deps.db, q),
      );
    }
  // The open clocks per regulator region (to-dos and warnings): open, overdue and due soon.
  for (const regionPrefix of PREFIXES)
    for (const groupBy of ['total', 'child'] as const) {
      const q = { regionPrefix, groupBy, asOf: chinaToday(), soonDays: 3 };
      expect(
        await openClockCounts(t.deps.db, q),
        `clocks ${regionPrefix || 'national'} by ${groupBy}`,
      ).toEqual(await openClocksFromFacts(t.deps.db, q));
    }
  // A quarter and one dimension, as a dashboard asks.
  const quarter: CountQuery = {
    measures: ['exam.cards', 'exam.on_time'],
    regionPrefix: '2201',
    groupBy: 'child',
    fromMonth: '2026-04-01',
    toMonth: '2026-07-01',
    dims: ['02'],
  };
  expect(await summaryCounts(t.deps.db, quarter)).toEqual(await factCounts(t.deps.db, quarter));
};

/** The first day of the month after `month` ('YYYY-MM-01'). */
const addMonth = (month: string) => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The summaries' figure of one measure, region and month. */
const countOf = async (measure: string, regionPrefix: string, month: string) => {
  const next = addMonth(month);
  const rows = await summaryCounts(t.deps.db, {
    measures: [measure],
    regionPrefix,
    groupBy: 'total',
    fromMonth: month,
    toMonth: next,
  });
  return rows[0]?.n ?? 0;
};

let serial = 0;
/** A card of a worker of its own, for an employer in `county`. */
const cardIn = (recordId: string, county: string, patch?: (c: ExamCardInput) => void) =>
  examCard(recordId, (x) => {
    const idNumber = makeIdNumber('220102', '1988-02-03', 200 + ++serial, true);
    x.worker.idNumber = idNumber;
    x.worker.birthDate = '1988-02-03';
    x.employer.regionCode = county;
    x.employingUnit.regionCode = county;
    patch?.(x);
  });

const postBatch = async (key: string, cards: ExamCardInput[]) => {
  const res = await c['demo-exam']!.post(
    '/api/v1/exam-reports/batches',
    { cards },
    { 'idempotency-key': key },
  );
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ rejected: 0 });
  return res.body as { accepted: number; updated: number };
};

const postXmlDelete = async (recordIds: string[]) => {
  const who = c['demo-exam']!;
  const body = `<?xml version="1.0" encoding="utf-8"?><DataExchange>${xmlFixture
    .toString('utf8')
    .match(/<Header>[\s\S]*<\/Header>/)![0]
    .replace(/<OperateType>\w+<\/OperateType>/, '<OperateType>Delete</OperateType>')
    .replace(
      /<DocumentId>[^<]*<\/DocumentId>/,
      `<DocumentId>del-${recordIds.join('-')}</DocumentId>`,
    )}<EventBody><HEALTH_EXAM_RECORD_LIST>${recordIds.map((id) => `<HEALTH_EXAM_RECORD ID="${id}"/>`).join('')}</HEALTH_EXAM_RECORD_LIST></EventBody></DataExchange>`;
  const res = await who.app.inject({
    method: 'POST',
    url: '/api/v1/exam-reports/national-xml',
    payload: Buffer.from(body),
    headers: { 'content-type': 'application/xml', 'x-csrf-token': who.csrfToken! },
    cookies: { ohp_sid: who.sessionToken! },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ deleted: number }>();
};

const actorOf = async (username: string) => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(t.deps.db, u.user_id))!.actor;
};
const ctxOf = (a: Awaited<ReturnType<typeof actorOf>>) => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'test',
});
const caseOf = async (recordId: string) =>
  (
    await t.deps.db
      .selectFrom('suspected_case as s')
      .innerJoin('exam_card as e', 'e.exam_card_id', 's.exam_card_id')
      .select(['s.suspected_case_id', 's.status'])
      .where('e.record_id', '=', recordId)
      .executeTakeFirstOrThrow()
  ).suspected_case_id;

const storeDirect = async (institutionId: number, cards: ExamCardInput[]) =>
  t.deps.db.transaction().execute((trx) =>
    storeCards(
      trx,
      t.deps.crypto,
      { institutionId, importBatchId: null, source: 'api' },
      cards.map((card, i) => ({ rowNo: i + 1, card })),
    ),
  );

describe('the indicator summaries', () => {
  it('are exact on the demo province, whose facts the demo seeders wrote', async () => {
    const [cards] = await summaryCounts(t.deps.db, {
      measures: ['exam.cards'],
      regionPrefix: '22',
      groupBy: 'total',
      ...ALL,
    });
    const facts = await t.deps.db
      .selectFrom('exam_card')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(cards!.n).toBe(Number(facts.n));
    expect(cards!.n).toBeGreaterThan(0);
    const clocks = await openClockCounts(t.deps.db, {
      regionPrefix: '22',
      groupBy: 'total',
      asOf: chinaToday(),
      soonDays: 3,
    });
    expect(clocks.reduce((n, r) => n + r.open, 0)).toBeGreaterThan(0);
    await expectExact();
  });

  it('stay exact through ingestion, corrections, deletions, case outcomes, reports and concurrent batches', async () => {
    const june0 = await countOf('exam.cards', '220102', '2026-06-01');
    const chaoyang0 = await countOf('exam.cards', '220104', '2026-06-01');
    // 1. A batch through the JSON door: three cards in 南关区 and three in 朝阳区, June 2026.
    const first = [
      ...['D-1', 'D-2', 'D-3'].map((id) => cardIn(id, '220102')),
      ...['D-4', 'D-5', 'D-6'].map((id) => cardIn(id, '220104')),
    ];
    expect(await postBatch('drift-0001', first)).toMatchObject({ accepted: 6 });
    // Fresh at commit: the figure changed without any merge.
    expect(await countOf('exam.cards', '220102', '2026-06-01')).toBe(june0 + 3);
    expect(await countOf('exam.cards', '220104', '2026-06-01')).toBe(chaoyang0 + 3);
    await expectExact();

    // 2. Corrections that move cards: exam date (→ May), county (→ 朝阳区), report date (later: late).
    const byId = new Map(first.map((x) => [x.recordId, x]));
    const corrected = [
      { ...byId.get('D-1')!, examDate: '2026-05-03' },
      {
        ...byId.get('D-2')!,
        employer: { ...byId.get('D-2')!.employer, regionCode: '220104' },
        employingUnit: { ...byId.get('D-2')!.employingUnit, regionCode: '220104' },
      },
      {
        ...byId.get('D-3')!,
        writer: { ...byId.get('D-3')!.writer, date: '2026-07-30' },
        reporter: { ...byId.get('D-3')!.reporter, date: '2026-07-30' },
      },
    ];
    expect(await postBatch('drift-0002', corrected)).toMatchObject({ updated: 3 });
    expect(await countOf('exam.cards', '220102', '2026-06-01')).toBe(june0 + 1);
    expect(await countOf('exam.cards', '220102', '2026-05-01')).toBeGreaterThanOrEqual(1);
    expect(await countOf('exam.cards', '220104', '2026-06-01')).toBe(chaoyang0 + 4);
    await expectExact();

    // 3. The merge half-way: totals take the deltas, the answers do not change.
    const before = await summaryCounts(t.deps.db, {
      measures: [...MEASURES],
      regionPrefix: '22',
      groupBy: 'child',
      ...ALL,
    });
    const merged = await mergeDeltas(t.deps.db);
    expect(merged.deltas).toBeGreaterThan(0);
    expect(
      Number(
        (await sql<{ n: string }>`select count(*) as n from indicator_delta`.execute(t.deps.db)).rows[0]!.n,
      ),
    ).toBe(0);
    expect(
      await summaryCounts(t.deps.db, {
        measures: [...MEASURES],
        regionPrefix: '22',
        groupBy: 'child',
        ...ALL,
      }),
    ).toEqual(before);

    // 4. The XML Delete of two cards (their suspected cases go with them, by cascade).
    const suspected0 = await countOf('suspected.found', '220104', '2026-06-01');
    expect((await postXmlDelete(['D-4', 'D-5'])).deleted).toBe(2);
    expect(await countOf('suspected.found', '220104', '2026-06-01')).toBe(suspected0 - 2);
    await expectExact();

    // 5. Case outcomes: D-1's case excluded by the county regulator; D-6's diagnosed by a report.
    const county = await actorOf('demo-county');
    await recordCaseEvent(t.deps.db, ctxOf(county), county, await caseOf('D-1'), {
      event: 'excluded',
      date: '2026-07-01',
    });
    const report = (patch: (r: DiagnosisReportInput) => void): DiagnosisReportInput => {
      const r = structuredClone(diagnosisReportExample);
      r.recordId = `drift-zd-${++serial}`;
      patch(r);
      return r;
    };
    const d6 = await caseOf('D-6');
    const diag = await actorOf('demo-diag');
    const diagName = (
      await t.deps.db
        .selectFrom('organisation')
        .select('name')
        .where('organisation_id', '=', diag.organisationId)
        .executeTakeFirstOrThrow()
    ).name;
    const examActor = await actorOf('demo-exam');
    await recordCaseEvent(t.deps.db, ctxOf(examActor), examActor, d6, {
      event: 'referred',
      date: '2026-06-20',
      referredTo: diagName,
    });
    const resolved0 = await countOf('suspected.resolved', '220104', '2026-06-01');
    const diagnosed = await c['demo-diag']!.post(
      '/api/v1/diagnosis-reports',
      report((r) => {
        r.suspectedCaseId = d6;
        r.worker = null;
        r.employer = null;
        r.employingUnit = null;
      }),
    );
    expect(diagnosed.status, JSON.stringify(diagnosed.body)).toBe(200);
    expect(await countOf('suspected.resolved', '220104', '2026-06-01')).toBe(resolved0 + 1);
    await expectExact();

    // 6. A report inserted, then replaced with another diagnosis date and report date (PUT).
    const r = report(() => {});
    const posted = await c['demo-diag']!.post('/api/v1/diagnosis-reports', r);
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    const put = await c['demo-diag']!.put(`/api/v1/diagnosis-reports/${Number(posted.body.id)}`, {
      ...r,
      diagnosisDate: '2026-08-10',
      stageOneDate: '2026-08-10',
      reporter: { ...r.reporter, date: '2026-09-15' },
      remark: '更正',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await expectExact();

    // 7. Two batches at once, the same county and month (PostgreSQL: two pool connections; PGlite
    // serialises them on its one connection).
    const exam = await actorOf('demo-exam');
    const a = ['C-1', 'C-2', 'C-3'].map((id) => cardIn(id, '220102'));
    const b = ['C-4', 'C-5', 'C-6'].map((id) => cardIn(id, '220102'));
    const june1 = await countOf('exam.cards', '220102', '2026-06-01');
    await Promise.all([storeDirect(exam.organisationId, a), storeDirect(exam.organisationId, b)]);
    expect(await countOf('exam.cards', '220102', '2026-06-01')).toBe(june1 + 6);
    await expectExact();
    await mergeDeltas(t.deps.db);
    await expectExact();
  });

  it('stay exact through a seeded random sequence of 200 writes and merges', async () => {
    // mulberry32: the same sequence every run.
    let seed = 18_002;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const counties = ['220102', '220104', '220203'];
    const days = ['2026-01-15', '2026-03-31', '2026-04-01', '2026-06-10', '2026-09-30', '2025-12-31'];
    const exam = await actorOf('demo-exam');
    const live = new Map<string, ExamCardInput>();
    const counts = { insert: 0, correct: 0, delete: 0, cases: 0, merge: 0, report: 0 };
    for (let op = 0; op < 200; op++) {
      const r = rand();
      if (r < 0.35 || live.size < 3) {
        const n = 1 + Math.floor(rand() * 3);
        const cards = Array.from({ length: n }, () => {
          const examDate = pick(days);
          return cardIn(`R-${op}-${++serial}`, pick(counties), (x) => {
            // A small pool of workers and two employers (one unregistered): workers examined again.
            const w = Math.floor(rand() * 6);
            x.worker.idNumber = makeIdNumber('220102', '1988-02-03', 900 + w, true);
            if (rand() < 0.3) x.employer.creditCode = x.employingUnit.creditCode = '91220102MA00RANDOM';
            x.examDate = examDate;
            x.examTypeCode = pick(['01', '02', '03']);
            x.writer.date = rand() < 0.5 ? examDate : '2026-11-30';
            if (rand() < 0.4) {
              x.conclusions[0]!.conclusionCode = '01';
              x.conclusions[0]!.suspectedDiseaseCode = null;
            }
          });
        });
        await storeDirect(exam.organisationId, cards);
        for (const x of cards) live.set(x.recordId, x);
        counts.insert++;
      } else if (r < 0.6) {
        const ids = [...live.keys()];
        const batch = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(ids));
        const changed = [...new Set(batch)].map((id) => {
          const x = structuredClone(live.get(id)!);
          const what = rand();
          if (what < 0.33) x.examDate = pick(days.filter((d) => d <= x.writer.date));
          else if (what < 0.66) x.employer.regionCode = x.employingUnit.regionCode = pick(counties);
          else x.writer.date = x.reporter.date = pick(['2026-11-30', x.examDate]);
          x.examTypeCode = rand() < 0.2 ? pick(['01', '02', '03']) : x.examTypeCode;
          live.set(id, x);
          return x;
        });
        await storeDirect(exam.organisationId, changed);
        counts.correct++;
      } else if (r < 0.72) {
        // Any writer: a hard delete in SQL (the triggers count every writer, not only the services).
        const id = pick([...live.keys()]);
        live.delete(id);
        await sql`DELETE FROM exam_card WHERE record_id = ${id} AND institution_id = ${exam.organisationId}`.execute(
          t.deps.db,
        );
        counts.delete++;
      } else if (r < 0.88) {
        const status = pick(['diagnosed', 'excluded', 'withdrawn', 'open', 'referred']);
        const after = Math.floor(rand() * 150);
        await sql`
          UPDATE suspected_case SET status = ${status},
                 outcome_on = CASE WHEN ${status} IN ('diagnosed', 'excluded') THEN found_on + ${after}::int END
           WHERE suspected_case_id IN (SELECT suspected_case_id FROM suspected_case
                                        ORDER BY md5(suspected_case_id::text || ${String(op)}) LIMIT 3)`.execute(
          t.deps.db,
        );
        counts.cases++;
      } else if (r < 0.95) {
        await mergeDeltas(t.deps.db);
        counts.merge++;
      } else {
        // A diagnosis report moved in time by SQL (a correction by any writer).
        await sql`
          UPDATE diagnosis_report SET diagnosis_date = diagnosis_date - ${Math.floor(rand() * 60)}::int
           WHERE diagnosis_report_id = (SELECT min(diagnosis_report_id) FROM diagnosis_report)`.execute(
          t.deps.db,
        );
        counts.report++;
      }
      if (op % 50 === 49) expect((await verifySummaries(t.deps.db)).totalAbsDrift, `after op ${op}`).toBe(0);
    }
    expect(Math.min(...Object.values(counts))).toBeGreaterThan(0);
    await expectExact();
  });

  it('report a tampered total as exactly that key, store and audit the run, and repair it', async () => {
    await mergeDeltas(t.deps.db);
    const row = (
      await sql<{
        measure: string;
        region_code: string;
        month: string;
        institution_id: number;
        dim: string;
        n: string;
      }>`
        SELECT measure, region_code, to_char(month, 'YYYY-MM-DD') AS month, institution_id, dim, n
          FROM indicator_count WHERE measure = 'exam.cards' AND n > 0
         ORDER BY region_code, month, institution_id, dim LIMIT 1`.execute(t.deps.db)
    ).rows[0]!;
    await sql`UPDATE indicator_count SET n = n + 7
               WHERE measure = ${row.measure} AND region_code = ${row.region_code} AND month = ${row.month}::date
                 AND institution_id = ${row.institution_id} AND dim = ${row.dim}`.execute(t.deps.db);
    const v = await verifySummaries(t.deps.db);
    expect(v.driftRows).toEqual([
      {
        level: 'detail',
        measure: 'exam.cards',
        region_code: row.region_code,
        month: row.month,
        institution_id: row.institution_id,
        dim: row.dim,
        expected: Number(row.n),
        kept: Number(row.n) + 7,
      },
    ]);
    expect(v.totalAbsDrift).toBe(7);
    expect(v.checkedMeasures).toEqual([...MEASURES]);
    // The route runs it, stores the run and audits it; the list shows it first.
    const res = await c['demo-sysadmin']!.post('/api/v1/indicator-summaries/verifications', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalAbsDrift: 7, driftRowCount: 1, repaired: false });
    const list = await c['demo-sysadmin']!.get('/api/v1/indicator-summaries/verifications');
    expect((list.body as { data: Array<{ id: number; totalAbsDrift: number }> }).data[0]).toMatchObject({
      id: res.body.id,
      totalAbsDrift: 7,
    });
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select(['entity_id'])
      .where('action', '=', 'indicator_summaries.verify')
      .execute();
    expect(audited.map((a) => a.entity_id)).toContain(String(res.body.id));
    // Repair rebuilds the drifted measure from the facts.
    const repaired = await runVerification(
      t.deps.db,
      { userId: null, username: 'test', organisationId: null, ip: null, requestId: null },
      { repair: true },
    );
    expect(repaired).toMatchObject({ repaired: true, totalAbsDrift: 7 });
    await expectExact();
    expect((await listVerifications(t.deps.db, 5))[0]).toMatchObject({ repaired: true, driftRowCount: 1 });
    // A business account may not run it.
    expect((await c['demo-county']!.post('/api/v1/indicator-summaries/verifications', {})).status).toBe(403);
  });

  it('report a tampered open-clock count as a deadline.open drift row, and repair it', async () => {
    await mergeDeltas(t.deps.db);
    const row = (
      await sql<{ region_code: string; month: string; dim: string; n: string }>`
        SELECT region_code, to_char(month, 'YYYY-MM-DD') AS month, dim, n FROM indicator_count
         WHERE measure = 'deadline.open' AND n > 0 ORDER BY 1, 2, 3 LIMIT 1`.execute(t.deps.db)
    ).rows[0]!;
    await sql`UPDATE indicator_count SET n = n - 1
               WHERE measure = 'deadline.open' AND region_code = ${row.region_code} AND dim = ${row.dim}
                 AND month = ${row.month}::date AND institution_id = 0`.execute(t.deps.db);
    expect((await verifySummaries(t.deps.db)).driftRows).toEqual([
      {
        level: 'detail',
        measure: 'deadline.open',
        region_code: row.region_code,
        month: row.month,
        institution_id: 0,
        dim: row.dim,
        expected: Number(row.n),
        kept: Number(row.n) - 1,
      },
    ]);
    expect((await verifySummaries(t.deps.db, { repair: true })).repaired).toBe(true);
    await expectExact();
  });

  it('report a tampered coarse total (indicator_rollup) as a rollup drift row, read it in the figures, and repair it', async () => {
    await mergeDeltas(t.deps.db);
    const row = (
      await sql<{ region_code: string; month: string; n: string }>`
        SELECT region_code, to_char(month, 'YYYY-MM-DD') AS month, n FROM indicator_rollup
         WHERE measure = 'exam.cards' AND n > 0 ORDER BY 1, 2 LIMIT 1`.execute(t.deps.db)
    ).rows[0]!;
    const q = {
      measures: ['exam.cards'],
      regionPrefix: row.region_code,
      fromMonth: row.month,
      toMonth: addMonth(row.month),
    };
    // The rollup holds the detail's sum for the key.
    const detail = await summaryCounts(t.deps.db, { ...q, groupBy: 'institution' });
    expect(detail.reduce((s, r) => s + r.n, 0)).toBe(Number(row.n));
    await sql`UPDATE indicator_rollup SET n = n + 3
               WHERE measure = 'exam.cards' AND region_code = ${row.region_code} AND month = ${row.month}::date`.execute(
      t.deps.db,
    );
    // A figure by region or month is read from the rollup (so the tamper shows), by institution not.
    expect(await summaryCounts(t.deps.db, { ...q, groupBy: 'total' })).toEqual([
      { measure: 'exam.cards', key: '', n: Number(row.n) + 3 },
    ]);
    expect(await summaryCounts(t.deps.db, { ...q, groupBy: 'institution' })).toEqual(detail);
    const v = await verifySummaries(t.deps.db);
    expect(v.driftRows).toEqual([
      {
        level: 'rollup',
        measure: 'exam.cards',
        region_code: row.region_code,
        month: row.month,
        institution_id: 0,
        dim: '',
        expected: Number(row.n),
        kept: Number(row.n) + 3,
      },
    ]);
    expect((await verifySummaries(t.deps.db, { repair: true })).repaired).toBe(true);
    expect(await summaryCounts(t.deps.db, { ...q, groupBy: 'total' })).toEqual([
      { measure: 'exam.cards', key: '', n: Number(row.n) },
    ]);
    await expectExact();
  });

  it.skipIf(testDbKind() !== 'postgresql')(
    'never hold a writer back: a batch of the same county and month commits while another is open',
    async () => {
      const exam = await actorOf('demo-exam');
      const june = await countOf('exam.cards', '220203', '2026-06-01');
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let stored!: () => void;
      const inA = new Promise<void>((r) => (stored = r));
      const a = t.deps.db.transaction().execute(async (trx) => {
        await storeCards(
          trx,
          t.deps.crypto,
          { institutionId: exam.organisationId, importBatchId: null, source: 'api' },
          [{ rowNo: 1, card: cardIn('L-1', '220203') }],
        );
        stored();
        await gate;
      });
      await inA;
      // B writes the same key and commits while A holds its transaction open; then a merge runs.
      const b = storeDirect(exam.organisationId, [cardIn('L-2', '220203')]);
      const winner = await Promise.race([
        b.then(() => 'b'),
        new Promise((r) => setTimeout(() => r('timeout'), 10_000)),
      ]);
      expect(winner).toBe('b');
      expect(await countOf('exam.cards', '220203', '2026-06-01')).toBe(june + 1);
      await mergeDeltas(t.deps.db);
      expect(await countOf('exam.cards', '220203', '2026-06-01')).toBe(june + 1);
      release();
      await a;
      // A's delta was not merged (not visible to the merge): it is read from the delta table.
      expect(await countOf('exam.cards', '220203', '2026-06-01')).toBe(june + 2);
      await expectExact();
      await mergeDeltas(t.deps.db);
      await expectExact();
    },
  );
});
