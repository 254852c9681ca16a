/**
 * The card store (issue 15 item 2) on a real database (PGlite, or PostgreSQL with OHP_TEST_DB=postgresql):
 * new, unchanged and changed cards with their versions, the worker registered once by the keyed hash of
 * the ID number with personal fields encrypted, conclusions replaced, a record ID twice in a chunk.
 */
import { examCardExample, type ExamCardInput } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, examCard } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { canonical, maskName, storeCards, type StoreOptions } from './exam-reports.store.js';

let t: TestContext;
let opts: StoreOptions;
beforeAll(async () => {
  t = await createTestContext({ seed: false });
  const institution = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
  opts = { institutionId: institution, importBatchId: null, source: 'api' };
});
afterAll(async () => t.close());

const card = examCard;
const store = (cards: ExamCardInput[]) =>
  t.deps.db.transaction().execute((trx) =>
    storeCards(
      trx,
      t.deps.crypto,
      opts,
      cards.map((c, i) => ({ rowNo: i + 2, card: c })),
    ),
  );
const outcomes = async (cards: ExamCardInput[]) => (await store(cards)).map((o) => o.outcome);

describe('the card store', () => {
  it('does store a new card once, count an identical resend as unchanged and keep the old version of a changed one', async () => {
    expect(await outcomes([card('S-1'), card('S-2')])).toEqual(['accepted', 'accepted']);
    expect(await outcomes([card('S-1')])).toEqual(['unchanged']);
    expect(await outcomes([card('S-1', (c) => (c.conclusions[1]!.conclusionCode = '02'))])).toEqual([
      'updated',
    ]);
    const stored = await t.deps.db
      .selectFrom('exam_card')
      .select(['exam_card_id', 'version', 'audit_status', 'has_suspected', 'region_code', 'exam_date'])
      .where('record_id', '=', 'S-1')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      version: 2,
      audit_status: '02',
      has_suspected: true,
      region_code: '220102',
      exam_date: '2026-06-10',
    });
    const versions = await t.deps.db
      .selectFrom('exam_card_version')
      .select(['version', 'card'])
      .where('exam_card_id', '=', stored.exam_card_id)
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect((versions[0]!.card as ExamCardInput).conclusions[1]!.conclusionCode).toBe('01');
    const conclusions = await t.deps.db
      .selectFrom('exam_conclusion')
      .select(['seq', 'conclusion_code', 'factor_codes'])
      .where('exam_card_id', '=', stored.exam_card_id)
      .orderBy('seq')
      .execute();
    expect(conclusions).toEqual([
      { seq: 0, conclusion_code: '03', factor_codes: ['1038'] },
      { seq: 1, conclusion_code: '02', factor_codes: ['3008'] },
    ]);
    // The same content again, after the change: unchanged, no new version.
    expect(await outcomes([card('S-1', (c) => (c.conclusions[1]!.conclusionCode = '02'))])).toEqual([
      'unchanged',
    ]);
  });

  it('does register the worker once, by the keyed hash of the ID number, with personal fields encrypted', async () => {
    // The same person with the ID number in its 15-digit legacy form is the same worker.
    await store([
      card('W-1'),
      card('W-2', (c) => {
        c.worker.idNumber = '220102850315123';
        c.worker.phone = '13900009999';
      }),
    ]);
    const workers = await t.deps.db.selectFrom('worker').selectAll().execute();
    expect(workers).toHaveLength(1);
    const w = workers[0]!;
    const id = examCardExample.worker.idNumber;
    expect(w.id_hash).toBe(t.deps.crypto.keyedHash(`01:${id}`));
    expect(JSON.stringify(w)).not.toContain(id);
    expect(JSON.stringify(w)).not.toContain(examCardExample.worker.name);
    expect(t.deps.crypto.decrypt(w.id_number_enc)).toBe(id);
    expect(t.deps.crypto.decrypt(w.phone_enc!)).toBe('13900009999');
    expect(w).toMatchObject({
      id_masked: '220102********1237',
      name_masked: '李*国',
      birth_date: '1985-03-15',
    });
    // The stored card holds no personal field of the worker.
    const cards = await t.deps.db
      .selectFrom('exam_card')
      .select('card')
      .where('record_id', '=', 'W-1')
      .execute();
    const text = JSON.stringify(cards[0]!.card);
    expect(text).not.toContain(id);
    expect(text).not.toContain(examCardExample.worker.name);
    expect(text).not.toContain(examCardExample.worker.phone);
  });

  it('does only read a known worker whose details are as stored, and refreshes one whose details changed', async () => {
    const details = () =>
      t.deps.db
        .selectFrom('worker')
        .select(['worker_id', 'updated_at', 'phone_enc', 'details_hash'])
        .execute();
    const [before] = await details();
    expect(before!.details_hash).toMatch(/^[0-9a-f]{64}$/);
    // The same worker, same details (the phone as stored by W-2): nothing is written to the registry.
    await store([card('W-3', (c) => (c.worker.phone = '13900009999'))]);
    const [same] = await details();
    expect(same).toEqual(before);
    // A new phone: the row is refreshed (re-encrypted, new details hash), still one worker.
    await store([card('W-4', (c) => (c.worker.phone = '13700001111'))]);
    const after = await details();
    expect(after).toHaveLength(1);
    expect(after[0]!.worker_id).toBe(before!.worker_id);
    expect(after[0]!.details_hash).not.toBe(before!.details_hash);
    expect(t.deps.crypto.decrypt(after[0]!.phone_enc!)).toBe('13700001111');
  });

  it('does hash cards by the same canonical text as before (keys sorted at every level, no copies)', () => {
    // The replacer-based form the content hashes stored so far were computed with.
    const previous = (v: unknown): string =>
      JSON.stringify(v, (_k, x: unknown) =>
        x && typeof x === 'object' && !Array.isArray(x)
          ? Object.fromEntries(
              Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
            )
          : x,
      );
    const samples: unknown[] = [
      examCardExample,
      card('C-1', (c) => (c.conclusions[0]!.otherAbnormality = '“引号” \\ \n 换行')),
      { b: [3, { z: null, a: undefined, é: 'x', A: [[], {}] }], a: true, 中: 1.5e-7, '': -0 },
      [undefined, null, 'x', { y: [undefined] }],
      'text',
      42,
      null,
    ];
    for (const s of samples) expect(canonical(s)).toBe(previous(s));
    // Key order does not matter; values do.
    expect(canonical({ a: 1, b: 2 })).toBe(canonical({ b: 2, a: 1 }));
    expect(canonical({ a: 1, b: 2 })).not.toBe(canonical({ a: 2, b: 1 }));
  });

  it('does keep the later card when a chunk holds a record ID twice, refusing the earlier', async () => {
    const r = await store([card('D-1'), card('D-1', (c) => (c.examNo = 'later'))]);
    expect(r.map((o) => [o.rowNo, o.outcome, o.issues?.[0]?.reason ?? null])).toEqual([
      [2, 'rejected', 'duplicate_entry'],
      [3, 'accepted', null],
    ]);
    const stored = await t.deps.db
      .selectFrom('exam_card')
      .select('exam_no')
      .where('record_id', '=', 'D-1')
      .execute();
    expect(stored).toEqual([{ exam_no: 'later' }]);
  });

  it('does link a re-exam to the exam it repeats, also when both come in one chunk', async () => {
    await store([
      card('RX-1'),
      card('RX-2', (c) => {
        c.isReexam = true;
        c.reexamOf = 'RX-1';
      }),
      card('RX-3', (c) => {
        c.isReexam = true;
        c.reexamOf = 'never-sent';
      }),
    ]);
    const rows = await t.deps.db
      .selectFrom('exam_card as c')
      .leftJoin('exam_card as o', 'o.exam_card_id', 'c.reexam_of_card_id')
      .select(['c.record_id', 'c.is_reexam', 'o.record_id as of'])
      .where('c.record_id', 'like', 'RX-%')
      .orderBy('c.record_id')
      .execute();
    expect(rows).toEqual([
      { record_id: 'RX-1', is_reexam: false, of: null },
      { record_id: 'RX-2', is_reexam: true, of: 'RX-1' },
      { record_id: 'RX-3', is_reexam: true, of: null },
    ]);
  });

  it('does mask names for lists', () => {
    expect([maskName('李建国'), maskName('王五'), maskName('欧阳娜娜'), maskName('张')]).toEqual([
      '李*国',
      '王*',
      '欧**娜',
      '*',
    ]);
  });
});
