/**
 * Exam cards partitioned by exam year (migration 0048), on both databases: every card sits in its
 * year's partition; the job's function creates the current and next year ahead, once; a card of a year
 * without a partition waits in the default partition and moves when its year is created, the summaries
 * unchanged; a correction that moves a card to another year keeps its conclusions and review trail; the
 * card's identity (institution, record ID) stays unique across partitions through exam_card_key, for raw
 * writers too; deleting a card removes its key and its dependants.
 */
import { chinaToday } from '@ohp/reference';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examCard } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { makeIdNumber } from '../../demo/exam-cards.js';
import { verifySummaries } from '../indicator-summaries/index.js';
import { ensureExamCardPartitions, examCardPartitions, storeCards } from './index.js';

let t: TestContext;
let institutionId: number;
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  institutionId = (
    await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'exam_institution')
      .orderBy('organisation_id')
      .executeTakeFirstOrThrow()
  ).organisation_id;
});
afterAll(async () => t.close());

let serial = 0;
const store = async (recordId: string, examDate: string) =>
  t.deps.db.transaction().execute((trx) =>
    storeCards(trx, t.deps.crypto, { institutionId, importBatchId: null, source: 'api' }, [
      {
        rowNo: 1,
        card: examCard(recordId, (x) => {
          x.worker.idNumber = makeIdNumber('220102', '1985-04-05', 700 + ++serial, true);
          x.worker.birthDate = '1985-04-05';
          x.examDate = examDate;
          x.writer.date = examDate;
          x.reporter.date = examDate;
        }),
      },
    ]),
  );

/** The partition a card is in, its key, and its dependants' counts. */
const whereIs = async (recordId: string) => {
  const r = await sql<{ part: string; id: string; exam_date: string }>`
    SELECT tableoid::regclass::text AS part, exam_card_id AS id, to_char(exam_date, 'YYYY-MM-DD') AS exam_date
      FROM exam_card WHERE institution_id = ${institutionId} AND record_id = ${recordId}`.execute(t.deps.db);
  if (!r.rows.length) return null;
  const id = r.rows[0]!.id;
  const n = await sql<{ keys: string; conclusions: string }>`
    SELECT (SELECT count(*) FROM exam_card_key WHERE exam_card_id = ${id}) AS keys,
           (SELECT count(*) FROM exam_conclusion WHERE exam_card_id = ${id}) AS conclusions`.execute(
    t.deps.db,
  );
  return {
    part: r.rows[0]!.part,
    examDate: r.rows[0]!.exam_date,
    keys: Number(n.rows[0]!.keys),
    conclusions: Number(n.rows[0]!.conclusions),
  };
};

const expectNoDrift = async () => expect((await verifySummaries(t.deps.db)).driftRows).toEqual([]);

describe('exam cards partitioned by exam year', () => {
  it('is a partitioned table whose cards each sit in their own year, none in the default', async () => {
    const kind = await sql<{ relkind: string }>`
      SELECT relkind FROM pg_class WHERE oid = 'exam_card'::regclass`.execute(t.deps.db);
    expect(kind.rows[0]!.relkind).toBe('p');
    const parts = await examCardPartitions(t.deps.db);
    const thisYear = Number(chinaToday().slice(0, 4));
    expect(parts.map((p) => p.name)).toContain(`exam_card_y${thisYear}`);
    expect(parts.map((p) => p.name)).toContain('exam_card_default');
    const total = await sql<{ n: string }>`SELECT count(*) AS n FROM exam_card`.execute(t.deps.db);
    expect(Number(total.rows[0]!.n)).toBeGreaterThan(0);
    expect(parts.reduce((s, p) => s + p.cards, 0)).toBe(Number(total.rows[0]!.n));
    expect(parts.find((p) => p.name === 'exam_card_default')!.cards).toBe(0);
    const misplaced = await sql<{ n: string }>`
      SELECT count(*) AS n FROM exam_card
       WHERE tableoid::regclass::text <> 'exam_card_y' || extract(year FROM exam_date)`.execute(t.deps.db);
    expect(Number(misplaced.rows[0]!.n)).toBe(0);
    // One key per card and no key without its card.
    const keys = await sql<{ orphans: string; missing: string }>`
      SELECT (SELECT count(*) FROM exam_card_key k WHERE NOT EXISTS
                (SELECT 1 FROM exam_card c WHERE c.exam_card_id = k.exam_card_id)) AS orphans,
             (SELECT count(*) FROM exam_card c WHERE NOT EXISTS
                (SELECT 1 FROM exam_card_key k WHERE k.exam_card_id = c.exam_card_id
                   AND k.institution_id = c.institution_id AND k.record_id = c.record_id)) AS missing`.execute(
      t.deps.db,
    );
    expect(keys.rows.map((r) => [Number(r.orphans), Number(r.missing)])).toEqual([[0, 0]]);
  });

  it('creates the current and the next year ahead, once', async () => {
    expect(await ensureExamCardPartitions(t.deps.db, '2033-12-31')).toEqual([2033, 2034]);
    expect(await ensureExamCardPartitions(t.deps.db, '2033-12-31')).toEqual([]);
    expect(await ensureExamCardPartitions(t.deps.db, '2034-01-01')).toEqual([2035]);
    const parts = await examCardPartitions(t.deps.db);
    expect(parts.find((p) => p.name === 'exam_card_y2034')!.bounds).toBe(
      "FOR VALUES FROM ('2034-01-01') TO ('2035-01-01')",
    );
  });

  it('keeps a card of a year without partition in the default, and moves it when the year is created', async () => {
    await store('P-2019', '2019-03-04');
    expect(await whereIs('P-2019')).toMatchObject({ part: 'exam_card_default', keys: 1 });
    const conclusions = (await whereIs('P-2019'))!.conclusions;
    expect(conclusions).toBeGreaterThan(0);
    await expectNoDrift();
    // The job's run: this year and the next exist (and 2033–2035 from above); 2019 waits in the default.
    expect(await ensureExamCardPartitions(t.deps.db, chinaToday())).toEqual([2019]);
    expect(await whereIs('P-2019')).toEqual({
      part: 'exam_card_y2019',
      examDate: '2019-03-04',
      keys: 1,
      conclusions,
    });
    expect((await examCardPartitions(t.deps.db)).find((p) => p.name === 'exam_card_default')!.cards).toBe(0);
    await expectNoDrift();
  });

  it('moves a corrected card to its new year, keeping its key, conclusions and review trail', async () => {
    await store('P-MOVE', '2025-06-07');
    const before = (await whereIs('P-MOVE'))!;
    expect(before.part).toBe('exam_card_y2025');
    // The resend with another exam date is an update of the same record.
    const r = await store('P-MOVE', '2026-01-15');
    expect(r).toMatchObject([{ outcome: 'updated' }]);
    expect(await whereIs('P-MOVE')).toEqual({ ...before, part: 'exam_card_y2026', examDate: '2026-01-15' });
    const versions = await sql<{ n: string }>`
      SELECT count(*) AS n FROM exam_card_version v JOIN exam_card_key k USING (exam_card_id)
       WHERE k.record_id = 'P-MOVE'`.execute(t.deps.db);
    expect(Number(versions.rows[0]!.n)).toBe(1);
    await expectNoDrift();
  });

  it('keeps the record unique across partitions, for raw writers too, and its identity fixed', async () => {
    await store('P-UNIQ', '2019-02-02');
    const copy = sql`
      INSERT INTO exam_card (institution_id, record_id, content_hash, worker_id, employer_credit_code, employer_name,
                             employing_credit_code, employing_name, region_code, exam_date, exam_type_code,
                             monitoring_type_code, work_type_code, contact_factor_codes, report_date, card, source)
      SELECT institution_id, record_id, content_hash, worker_id, employer_credit_code, employer_name,
             employing_credit_code, employing_name, region_code, ${`${chinaToday().slice(0, 4)}-01-02`}::date, exam_type_code,
             monitoring_type_code, work_type_code, contact_factor_codes, report_date, card, source
        FROM exam_card WHERE record_id = 'P-UNIQ'`;
    await expect(copy.execute(t.deps.db)).rejects.toThrow(/exam_card_key/);
    await expect(
      sql`UPDATE exam_card SET record_id = 'P-OTHER' WHERE record_id = 'P-UNIQ'`.execute(t.deps.db),
    ).rejects.toThrow(/cannot change/);
    // A raw insert of a new record gets its key from the trigger.
    await sql`
      INSERT INTO exam_card (institution_id, record_id, content_hash, worker_id, employer_credit_code, employer_name,
                             employing_credit_code, employing_name, region_code, exam_date, exam_type_code,
                             monitoring_type_code, work_type_code, contact_factor_codes, report_date, card, source)
      SELECT institution_id, 'P-RAW', content_hash, worker_id, employer_credit_code, employer_name,
             employing_credit_code, employing_name, region_code, exam_date, exam_type_code,
             monitoring_type_code, work_type_code, contact_factor_codes, report_date, card, source
        FROM exam_card WHERE record_id = 'P-UNIQ'`.execute(t.deps.db);
    expect(await whereIs('P-RAW')).toMatchObject({ part: 'exam_card_y2019', keys: 1 });
    await expectNoDrift();
  });

  it('deletes a card with its key and dependants', async () => {
    await store('P-DEL', '2026-05-05');
    const id = (
      await sql<{ id: string }>`SELECT exam_card_id AS id FROM exam_card WHERE record_id = 'P-DEL'`.execute(
        t.deps.db,
      )
    ).rows[0]!.id;
    await sql`DELETE FROM exam_card WHERE exam_card_id = ${id}`.execute(t.deps.db);
    const left = await sql<{ keys: string; conclusions: string }>`
      SELECT (SELECT count(*) FROM exam_card_key WHERE exam_card_id = ${id}) AS keys,
             (SELECT count(*) FROM exam_conclusion WHERE exam_card_id = ${id}) AS conclusions`.execute(
      t.deps.db,
    );
    expect(left.rows.map((r) => [Number(r.keys), Number(r.conclusions)])).toEqual([[0, 0]]);
    await expectNoDrift();
  });
});
