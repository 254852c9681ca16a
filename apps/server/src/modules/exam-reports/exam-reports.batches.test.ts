/**
 * The JSON batch door (issue 15 item 4) on the import job: per-card results (a bad card refused with its
 * field and reason, the others stored), the Idempotency-Key (same body → the first result; another
 * body → 422; the first still running → 409), and a resend under a new key (unchanged / updated).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examCard } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let exam: Client;
beforeAll(async () => {
  t = await createTestContext();
  exam = await t.login('demo-exam');
});
afterAll(async () => t.close());

const card = examCard;
type Report = {
  batchId: number;
  total: number;
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ row: number; column: string; reason: string; message: string }>;
};
const post = (key: string, cards: unknown[], c: Client = exam) =>
  c.post('/api/v1/exam-reports/batches', { cards }, { 'idempotency-key': key });

describe('the exam-card batch door', () => {
  it('does store the good cards and refuse each bad one with its field and reason', async () => {
    const res = await post('batch-test-0001', [
      card('B-1'),
      card('B-2', (c) => (c.worker.birthDate = '1985-03-16')),
      { ...card('B-3'), examDate: undefined },
      card('B-4', (c) => (c.conclusions[0]!.suspectedDiseaseCode = null)),
    ]);
    expect(res.status).toBe(200);
    const r = res.body as unknown as Report;
    expect(r).toMatchObject({ total: 4, accepted: 1, rejected: 3 });
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, 'worker.birthDate', 'id_birth_mismatch'],
      [3, 'examDate', 'required'],
      [4, 'conclusions.0.suspectedDiseaseCode', 'suspected_disease_required'],
    ]);
    expect(r.errors[0]!.message).toContain('身份证');
    const stored = await t.deps.db
      .selectFrom('exam_card as c')
      .innerJoin('organisation as o', 'o.organisation_id', 'c.institution_id')
      .select(['c.record_id', 'o.kind', 'c.audit_status', 'c.import_batch_id', 'c.source'])
      .where('c.record_id', 'like', 'B-%')
      .execute();
    expect(stored).toEqual([
      {
        record_id: 'B-1',
        kind: 'exam_institution',
        audit_status: '02',
        import_batch_id: r.batchId,
        source: 'api',
      },
    ]);
  });

  it('does take a card whose suspected disease the hazard map cannot confirm, with a warning to check', async () => {
    const res = await post('batch-test-0008', [
      card('WARN-1', (c) => (c.conclusions[0]!.suspectedDiseaseCode = '4001')),
      card('WARN-2'),
    ]);
    expect(res.status).toBe(200);
    const r = res.body as unknown as Report & { warnings?: Report['errors'] };
    expect(r).toMatchObject({ accepted: 2, rejected: 0 });
    expect(r.warnings?.map((w) => [w.row, w.column, w.reason])).toEqual([
      [1, 'conclusions.0.suspectedDiseaseCode', 'suspected_disease_unconfirmed'],
    ]);
    expect(r.warnings?.[0]?.message).toContain('请核实');
  });

  it('does answer a retry with the first result, and refuse the key reused for another body', async () => {
    const first = await post('batch-test-0002', [card('I-1')]);
    const again = await post('batch-test-0002', [card('I-1')]);
    expect(again.status).toBe(200);
    expect((again.body as unknown as Report).batchId).toBe((first.body as unknown as Report).batchId);
    const other = await post('batch-test-0002', [card('I-2')]);
    expect(other.status).toBe(422);
    expect((other.body.error as { reason: string }).reason).toBe('idempotency_key_reused');
    const count = await t.deps.db
      .selectFrom('exam_card')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('record_id', 'in', ['I-1', 'I-2'])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('does count a resend under a new key as unchanged, or updated when the card changed', async () => {
    await post('batch-test-0003', [card('R-1')]);
    const same = await post('batch-test-0004', [card('R-1')]);
    expect(same.body).toMatchObject({ accepted: 0, unchanged: 1, updated: 0 });
    const changed = await post('batch-test-0005', [card('R-1', (c) => (c.remark = '复查后更正'))]);
    expect(changed.body).toMatchObject({ accepted: 0, unchanged: 0, updated: 1 });
  });

  it('does answer 409 to a duplicate while the first batch still runs', async () => {
    await t.deps.jobs.stop();
    const waitless = await createTestContext({ env: { OHP_IMPORT_WAIT_SECONDS: '0' } });
    try {
      await waitless.deps.jobs.stop();
      const c = await waitless.login('demo-exam');
      const first = await c.post(
        '/api/v1/exam-reports/batches',
        { cards: [card('C-1')] },
        { 'idempotency-key': 'batch-test-0006' },
      );
      expect(first.status).toBe(202);
      const dup = await c.post(
        '/api/v1/exam-reports/batches',
        { cards: [card('C-1')] },
        { 'idempotency-key': 'batch-test-0006' },
      );
      expect(dup.status).toBe(409);
      expect((dup.body.error as { reason: string }).reason).toBe('idempotency_in_progress');
    } finally {
      await waitless.close();
      await t.deps.jobs.start();
    }
  });

  it('does refuse a regulator, who reports no cards', async () => {
    const province = await t.login('demo-province');
    expect((await post('batch-test-0007', [card('X-1')], province)).status).toBe(403);
  });
});
