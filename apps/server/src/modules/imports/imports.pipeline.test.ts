/**
 * The import pipeline as a job (issue 15 item 0), through the organisation import on a real database:
 * 202 and progress for an upload the request does not wait for, the report and error workbook built
 * from the staged rows, one audit entry per batch, a job that resumes after a failed chunk without
 * applying anything twice, dry runs that validate again, the uploader's permission checked when the job
 * runs, and chunk validation that reads the database once per chunk, not once per row.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDemoImports } from '../../demo/imports.js';
import { makeCreditCode } from '../../demo/seed.js';
import { organisationImportSpec } from '../organisations/index.js';
import { loadActor } from '../../platform/authz/session.js';
import {
  createTestContext,
  multipartFile,
  refuseInserts,
  type Client,
  type TestContext,
} from '../../../test/helpers.js';

let t: TestContext;
let province: Client;
beforeAll(async () => {
  // The request never waits: every upload answers 202 with its batch.
  t = await createTestContext({ env: { OHP_IMPORT_WAIT_SECONDS: '0' } });
  province = await t.login('demo-province');
});
afterAll(async () => t.close());

const HEADER = '单位名称,单位类型,行政区划代码,统一社会信用代码,是否公立';
/** `n` employers in 长春市南关区; every `badEvery`-th row has an unknown kind. */
const csv = (tag: string, n: number, badEvery = 0): Buffer => {
  const lines = [HEADER];
  for (let i = 1; i <= n; i++)
    lines.push(`${tag}单位${i},${badEvery && i % badEvery === 0 ? '外星单位' : '用人单位'},220102,,否`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
};

type Batch = {
  batchId: number;
  status: string;
  progress: { phase: string; done: number; total: number | null };
  report: {
    total: number;
    accepted: number;
    rejected: number;
    errors: Array<{ row: number; reason: string }>;
  } | null;
  error: { reason: string; message: string } | null;
};

const upload = (c: Client, buf: Buffer, name: string, dryRun = false) => {
  const { payload, contentType } = multipartFile(buf, name);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/organisations/import${dryRun ? '?dryRun=true' : ''}`,
    payload,
    headers: { 'content-type': contentType, 'x-csrf-token': c.csrfToken! },
    cookies: { ohp_sid: c.sessionToken! },
  });
};

/** Follows a batch as the web page does, until it is done or failed. */
const follow = async (c: Client, batchId: number): Promise<Batch> => {
  for (let i = 0; i < 1_200; i++) {
    const res = await c.get(`/api/v1/imports/${batchId}`);
    expect(res.status).toBe(200);
    const b = res.body as Batch;
    if (b.status === 'done' || b.status === 'failed') return b;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`batch ${batchId} did not finish`);
};

const live = async (nameLike: string) =>
  Number(
    (
      await t.deps.db
        .selectFrom('organisation')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('name', 'like', nameLike)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).n,
  );

const auditOf = (batchId: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .where('entity_type', '=', 'import_batch')
    .where('entity_id', '=', String(batchId))
    .execute();

describe('the import pipeline as a job', () => {
  it('does answer 202, show progress, and report from the staged rows with one audit entry', async () => {
    const file = csv('作业甲', 1_200, 100);
    const res = await upload(province, file, 'jobs.csv');
    expect(res.statusCode).toBe(202);
    const queued = res.json<Batch>();
    expect(['queued', 'running', 'done']).toContain(queued.status);

    const done = await follow(province, queued.batchId);
    expect(done.status).toBe('done');
    expect(done.progress.phase).toBe('done');
    expect(done.report).toMatchObject({ total: 1_200, accepted: 1_188, rejected: 12 });
    expect(done.report!.errors.map((e) => e.row)).toEqual(
      Array.from({ length: 12 }, (_, i) => (i + 1) * 100 + 1), // spreadsheet rows: the header is row 1
    );
    expect(await live('作业甲单位%')).toBe(1_188);

    // The rejected rows as a workbook: the original cells plus the reason.
    const errors = await province.get(`/api/v1/imports/${queued.batchId}/errors`);
    expect(errors.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errors.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.actualRowCount).toBe(13);
    expect(ws.getRow(2).getCell(2).text).toBe('作业甲单位100');
    expect(ws.getRow(2).getCell(7).text).toContain('单位类型');

    // One audit entry for the batch, with its counts and the file's hash; the staged rows are gone.
    const audit = await auditOf(queued.batchId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('organisation.import');
    expect(audit[0]!.after).toMatchObject({
      accepted: 1_188,
      rejected: 12,
      fileSha256: createHash('sha256').update(file).digest('hex'),
    });
    const staged = await t.deps.db
      .selectFrom('import_row')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('import_batch_id', '=', queued.batchId)
      .executeTakeFirstOrThrow();
    expect(Number(staged.n)).toBe(0);
    // The upload itself is gone once no batch reads it; the batch keeps its hash.
    const sha = createHash('sha256').update(file).digest('hex');
    const stored = await t.deps.db
      .selectFrom('import_file')
      .select('file_sha256')
      .where('file_sha256', '=', sha)
      .execute();
    expect(stored).toEqual([]);

    // The uploader's list shows it; the same file again is the same batch.
    const mine = await province.get('/api/v1/imports?kind=organisation');
    expect((mine.body as { data: Batch[] }).data[0]!.batchId).toBe(queued.batchId);
    const again = await upload(province, file, 'jobs-again.csv');
    expect(again.json<Batch>().batchId).toBe(queued.batchId);
    expect(await live('作业甲单位%')).toBe(1_188);
  });

  it('does resume after a failed chunk from its last committed one, applying nothing twice', async () => {
    // The first attempt fails in its third chunk (rows 1,001–1,500): a trigger refuses one name until
    // the test removes it. The runner retries the job; it must go on from the third chunk.
    const refusal = await refuseInserts(t.deps.db, 'organisation', `NEW.name = '作业乙单位1234'`);
    try {
      const res = await upload(province, csv('作业乙', 2_000), 'resume.csv');
      expect(res.statusCode).toBe(202);
      const { batchId } = res.json<Batch>();
      const jobId = (
        await t.deps.db
          .selectFrom('import_batch')
          .select('job_id')
          .where('import_batch_id', '=', batchId)
          .executeTakeFirstOrThrow()
      ).job_id!;
      // Wait for the failed first attempt (queued again for its retry).
      for (let i = 0; i < 600; i++) {
        const job = await t.deps.db
          .selectFrom('job')
          .select(['attempts', 'status', 'error'])
          .where('job_id', '=', jobId)
          .executeTakeFirstOrThrow();
        if (job.attempts === 1 && job.status === 'queued' && job.error) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const between = await t.deps.db
        .selectFrom('job')
        .select(['checkpoint', 'error'])
        .where('job_id', '=', jobId)
        .executeTakeFirstOrThrow();
      expect(between.error).toContain('refused by the test');
      expect(between.checkpoint).toMatchObject({ phase: 'process', processedCount: 1_000 });
      expect(await live('作业乙单位%')).toBe(1_000);
      await refusal.allow();

      const done = await follow(province, batchId);
      expect(done.report).toMatchObject({ total: 2_000, accepted: 2_000, rejected: 0 });
      expect(await live('作业乙单位%')).toBe(2_000);
      // The batch is finished inside the job; the runner settles the job row just after it returns
      // (on PostgreSQL another connection can read between the two).
      let job = { attempts: 0, status: 'running' };
      for (let i = 0; i < 200 && job.status === 'running'; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 50));
        job = await t.deps.db
          .selectFrom('job')
          .select(['attempts', 'status'])
          .where('job_id', '=', jobId)
          .executeTakeFirstOrThrow();
      }
      expect(job).toMatchObject({ attempts: 2, status: 'done' });
      expect(await auditOf(batchId)).toHaveLength(1);
    } finally {
      await refusal.drop();
    }
  });

  it('does validate again on every dry run, writing nothing and auditing nothing', async () => {
    const code = makeCreditCode('220102', 9_101);
    const file = Buffer.from(`${HEADER}\r\n作业丙单位1,用人单位,220102,${code},否\r\n`);
    const first = await follow(
      province,
      (await upload(province, file, 'dry.csv', true)).json<Batch>().batchId,
    );
    expect(first.report).toMatchObject({ total: 1, accepted: 1, rejected: 0 });
    // Meanwhile an organisation outside the province's scope takes the credit code.
    await t.deps.db
      .insertInto('organisation')
      .values({
        name: '外省单位',
        kind: 'employer',
        level: 'county',
        region_code: '210102',
        credit_code: code,
      })
      .execute();
    const second = await follow(
      province,
      (await upload(province, file, 'dry.csv', true)).json<Batch>().batchId,
    );
    expect(second.batchId).not.toBe(first.batchId);
    expect(second.report).toMatchObject({ total: 1, accepted: 0, rejected: 1 });
    expect(second.report!.errors[0]).toMatchObject({ row: 2, reason: 'duplicate' });
    expect(await live('作业丙单位%')).toBe(0);
    expect(await auditOf(first.batchId)).toHaveLength(0);
  });

  it('does refuse to run an upload whose uploader lost the permission before the job ran', async () => {
    await t.deps.jobs.stop();
    const admin = await t.login('demo-sysadmin');
    const res = await upload(admin, csv('作业丁', 3), 'lost.csv');
    expect(res.statusCode).toBe(202);
    const { batchId } = res.json<Batch>();
    const user = await t.deps.db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', 'demo-sysadmin')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('app_user')
      .set({ status: 'disabled' })
      .where('user_id', '=', user.user_id)
      .execute();
    try {
      await t.deps.jobs.start();
      await t.deps.jobs.idle();
      const batch = await t.deps.db
        .selectFrom('import_batch')
        .select(['status', 'report'])
        .where('import_batch_id', '=', batchId)
        .executeTakeFirstOrThrow();
      expect(batch).toMatchObject({
        status: 'failed',
        report: { error: { reason: 'import_permission_lost' } },
      });
      expect(await live('作业丁单位%')).toBe(0);
    } finally {
      await t.deps.db
        .updateTable('app_user')
        .set({ status: 'active' })
        .where('user_id', '=', user.user_id)
        .execute();
    }
  });

  it('does read the database once per chunk to validate it, however many rows the chunk has', async () => {
    const user = await t.deps.db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', 'demo-province')
      .executeTakeFirstOrThrow();
    const { actor } = (await loadActor(t.deps.db, user.user_id))!;
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        rowNo: i + 2,
        values: {
          单位名称: `作业戊单位${i}`,
          单位类型: '用人单位',
          行政区划代码: '220102',
          统一社会信用代码: makeCreditCode('220102', 20_000 + i),
          是否公立: '否',
        },
        numericColumns: new Set<string>(),
        undecodableColumns: new Set<string>(),
      }));
    const queriesFor = async (n: number) => {
      let queries = 0;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const outcomes = await t.deps.db
        .withPlugin(counter)
        .transaction()
        .execute((trx) => organisationImportSpec.validate(trx, rows(n), actor));
      expect(outcomes.every((o) => o.ok)).toBe(true);
      return queries;
    };
    expect(await queriesFor(10)).toBe(1);
    expect(await queriesFor(500)).toBe(1);
  });

  it('does run the demo upload through the job: 38 employers in, 2 rows refused with their reasons', async () => {
    await queueDemoImports(t.deps);
    await t.deps.jobs.idle();
    const admin = await t.login('demo-sysadmin');
    const list = (await admin.get('/api/v1/imports')).body as { data: Batch[] };
    const demo = list.data.find(
      (b) => (b as Batch & { fileName: string }).fileName === '南关区用人单位名录.csv',
    )!;
    expect(demo.status).toBe('done');
    expect(demo.report).toMatchObject({ total: 40, accepted: 38, rejected: 2 });
    expect(demo.report!.errors.map((e) => [e.row, e.reason])).toEqual([
      [18, 'kind_unknown'],
      [31, 'credit_code_invalid'],
    ]);
    expect(await live('南关区%示例企业%号')).toBe(38);
  });
});
