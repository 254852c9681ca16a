/**
 * The JSON batch door (issue 15 item 4) on the import job: per-card results (a bad card refused with its
 * field and reason, the others stored), the Idempotency-Key (same body → the first result; another
 * body → 422; the first still running → 409), and a resend under a new key (unchanged / updated).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorker, examCard } from '../../../test/factories.js';
import { workerIdHash } from './exam-reports.store.js';
import { createTestContext, refuseInserts, type Client, type TestContext } from '../../../test/helpers.js';

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

  it('does store the body as received, and know a retry by those bytes', async () => {
    // Indented as some systems send it: the stored file is these bytes, not the body serialised again.
    const text = JSON.stringify({ cards: [card('RAW-1')] }, null, 2);
    const send = (body: string) =>
      exam.request('POST', '/api/v1/exam-reports/batches', body, {
        'content-type': 'application/json',
        'idempotency-key': 'batch-test-0009',
      });
    const first = await send(text);
    expect(first.status).toBe(200);
    const batchId = (first.body as unknown as Report).batchId;
    const stored = await t.deps.db
      .selectFrom('import_batch')
      .select('file_sha256')
      .where('import_batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(stored.file_sha256).toBe(createHash('sha256').update(text).digest('hex'));
    const again = await send(text);
    expect((again.body as unknown as Report).batchId).toBe(batchId);
    // The same cards in other bytes under the same key are another body.
    expect((await send(JSON.stringify(JSON.parse(text)))).status).toBe(422);
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

describe('a chunk of cards whose commit fails', () => {
  // The request does not wait: the test sees the job between its failed attempt and the retry.
  let w: TestContext;
  beforeAll(async () => {
    w = await createTestContext({ env: { OHP_IMPORT_WAIT_SECONDS: '0' } });
  });
  afterAll(async () => w.close());

  it('does keep the workers of its valid cards, registered first in their own transaction, and reuse them on the retry', async () => {
    // The first attempt's card insert fails (a trigger refuses PREP-2 until the test removes it): the
    // workers of the chunk's valid cards were registered before, in a transaction of their own (so that
    // another job meeting them does not wait for the chunk); a refused card registers nobody.
    const [w1, w2, w3] = [buildWorker(), buildWorker(), buildWorker()];
    const refusal = await refuseInserts(w.deps.db, 'exam_card', `NEW.record_id = 'PREP-2'`);
    const workerIds = async (...ws: Array<typeof w1>) =>
      (
        await w.deps.db
          .selectFrom('worker')
          .select(['worker_id', 'id_hash'])
          .where(
            'id_hash',
            'in',
            ws.map((x) => workerIdHash(w.deps.crypto, x.idTypeCode, x.idNumber)),
          )
          .orderBy('worker_id')
          .execute()
      ).map((r) => r.worker_id);
    try {
      const res = await post(
        'batch-test-0010',
        [
          card('PREP-1', (c) => (c.worker = w1)),
          card('PREP-2', (c) => (c.worker = w2)),
          // Refused by the card rules: the birth date disagrees with the ID number.
          card('PREP-3', (c) => (c.worker = { ...w3, birthDate: '1999-12-31' })),
        ],
        await w.login('demo-exam'),
      );
      expect(res.status).toBe(202);
      const batch = await w.deps.db
        .selectFrom('import_batch')
        .select(['import_batch_id', 'job_id'])
        .where('import_batch_id', '=', (res.body as { batchId: number }).batchId)
        .executeTakeFirstOrThrow();
      for (let i = 0; i < 600; i++) {
        const job = await w.deps.db
          .selectFrom('job')
          .select(['attempts', 'status', 'error'])
          .where('job_id', '=', batch.job_id!)
          .executeTakeFirstOrThrow();
        if (job.attempts === 1 && job.status === 'queued' && job.error) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const cardsNow = () =>
        w.deps.db
          .selectFrom('exam_card')
          .select(['record_id', 'worker_id'])
          .where('record_id', 'like', 'PREP-%')
          .orderBy('record_id')
          .execute();
      expect(await cardsNow()).toEqual([]);
      const registered = await workerIds(w1, w2);
      expect(registered).toHaveLength(2);
      expect(await workerIds(w3)).toEqual([]);

      await refusal.allow();
      for (let i = 0; i < 600; i++) {
        const b = await w.deps.db
          .selectFrom('import_batch')
          .select('status')
          .where('import_batch_id', '=', batch.import_batch_id)
          .executeTakeFirstOrThrow();
        if (b.status === 'done' || b.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const stored = await cardsNow();
      expect(stored.map((c) => c.record_id)).toEqual(['PREP-1', 'PREP-2']);
      expect(stored.map((c) => c.worker_id).sort((a, b) => a - b)).toEqual(registered);
      expect(await workerIds(w1, w2)).toEqual(registered);
    } finally {
      await refusal.drop();
    }
  });
});
