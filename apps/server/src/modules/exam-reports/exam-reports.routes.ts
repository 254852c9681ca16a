/** HTTP wiring of the exam-card doors (issue 15 item 4): the JSON batch and the spreadsheet upload. */
import { examCardExample, ImportBatch, ImportReport } from '@ohp/contracts';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.js';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { findOwnBatch } from '../../platform/imports/imports.repository.js';
import { fileSha256, startImport } from '../../platform/imports/pipeline.js';
import { SheetError } from '../../platform/imports/sheet.js';
import { rawJsonBody } from '../../platform/http/app.js';
import { answerUpload, fileRefusal, myImportErrorFile, readUpload } from '../imports/index.js';
import { BATCH_MAX_CARDS, registerExamCardImport } from './exam-reports.import.js';
import { registerExamCardPartitionJob } from './exam-reports.partitions.js';
import {
  EXAM_CARD_SHEET_KIND,
  examCardErrorWorkbook,
  examCardTemplate,
  registerExamCardSheetImport,
} from './exam-reports.sheet.js';

const tags = ['exam-reports'];

export const registerExamReportRoutes = (app: AppInstance, deps: Deps) => {
  registerExamCardImport(deps);
  registerExamCardPartitionJob(deps);

  app.post('/api/v1/exam-reports/batches', {
    config: {
      access: 'exam_reports:submit',
      example: { as: 'demo-exam', headers: { 'idempotency-key': 'demo-2026-06-batch-0001' } },
    },
    bodyLimit: 50 * 1024 * 1024,
    schema: {
      tags,
      summary: '上报体检个案卡 Report up to 10,000 health-exam case cards (JSON); per-card results',
      description:
        'Each card follows the national HEALTH_EXAM_RECORD (ExamCardInput; its fields name their national element). The batch runs as an import job: 200 with the report when it is done within OHP_IMPORT_WAIT_SECONDS, else 202 with the batch (GET /api/v1/imports/{batchId}). A bad card is refused with its own reasons (row = its position, 1-based; column = the field) while the others are stored. The Idempotency-Key header is required: the same key with the same body (the same bytes: the body is stored as received) returns the first result, while that batch still runs 409, with another body 422. A resend of a changed card under a new key updates it and keeps the old version; an identical one counts as unchanged.',
      headers: Type.Object({
        'idempotency-key': Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }),
      }),
      body: Type.Object(
        {
          cards: Type.Array(Type.Unknown({ description: 'ExamCardInput' }), {
            minItems: 1,
            maxItems: BATCH_MAX_CARDS,
          }),
        },
        { additionalProperties: false, examples: [{ cards: [examCardExample] }] },
      ),
      response: { 200: ImportReport, 202: ImportBatch },
    },
    handler: async (req, reply) => {
      const key = req.headers['idempotency-key'];
      // The body as received (a batch parsed again would cost a second JSON.stringify).
      const buffer = rawJsonBody(req) ?? Buffer.from(JSON.stringify(req.body));
      const batch = await startImport(deps, auditContext(req), actorOf(req), {
        kind: 'exam_card',
        fileName: 'batch.json',
        buffer,
        dryRun: false,
        lang: req.lang,
        extensions: ['.json'],
        idempotencyKey: key,
        // The job takes the parsed cards instead of parsing the bytes again (while this request holds them).
        parsed: req.body,
      });
      if (batch.existing) {
        if (batch.file_sha256 !== fileSha256(buffer))
          throw new AppError('unprocessable', 'idempotency_key_reused', [
            { path: 'idempotency-key', reason: 'idempotency_key_reused', message: '' },
          ]);
        if (batch.status !== 'done') throw new AppError('conflict', 'idempotency_in_progress');
      }
      return answerUpload(deps, req, reply, batch);
    },
  });

  // The spreadsheet door (xlsx / csv, UTF-8 or GB18030), as the organisation import: the template,
  // the upload as a job (200 with the report when done within the wait, else 202 with the batch to
  // follow on /api/v1/imports), and the rejected rows. Layout and rules: exam-reports.sheet.ts.
  registerExamCardSheetImport(deps);

  app.get('/api/v1/exam-reports/import/template', {
    config: { access: 'exam_reports:submit' },
    schema: {
      tags,
      summary:
        '个案卡导入模板 Exam-card import template (xlsx): one card per run of rows with the same 记录ID, the example card filled in, dropdowns fed by the national code tables',
    },
    handler: async (req, reply) =>
      sendDownload(reply, req.lang, {
        body: await examCardTemplate(),
        type: XLSX_TYPE,
        names: { zh: '体检个案卡导入模板.xlsx', en: 'exam-card-import-template.xlsx' },
      }),
  });

  app.post('/api/v1/exam-reports/import', {
    config: { access: 'exam_reports:submit' },
    schema: {
      tags,
      summary:
        '上传体检个案卡 Upload exam cards from xlsx/csv (multipart field "file"; ?dryRun=true writes nothing). Counts are cards; an error names the row and the column. 200 with the report when done within the wait, else 202 with the batch (GET /api/v1/imports/{batchId})',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: ImportReport, 202: ImportBatch },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      try {
        const batch = await startImport(deps, auditContext(req), actorOf(req), {
          kind: EXAM_CARD_SHEET_KIND,
          ...upload,
          dryRun: Boolean(req.query.dryRun),
          lang: req.lang,
        });
        return await answerUpload(deps, req, reply, batch);
      } catch (e) {
        if (e instanceof SheetError) throw fileRefusal(e.reason, deps.config.imports, req.lang);
        throw e;
      }
    },
  });

  app.get('/api/v1/exam-reports/import/:batchId/errors', {
    config: { access: 'exam_reports:submit' },
    schema: {
      tags,
      summary:
        '导入错误文件 Rows of the cards an upload rejected: the original rows plus an error column (xlsx), to correct and upload again',
      params: Type.Object({ batchId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const id = Number(req.params.batchId);
      const stored = await myImportErrorFile(deps.db, actor, id, EXAM_CARD_SHEET_KIND);
      // The reasons are in the batch's language: what the workbook adds is too.
      const lang = (await findOwnBatch(deps.db, id, actor.userId))?.lang === 'en' ? 'en' : 'zh-CN';
      const batch = req.params.batchId;
      return sendDownload(reply, req.lang, {
        body: await examCardErrorWorkbook(stored, lang),
        type: XLSX_TYPE,
        names: { zh: `个案卡导入错误-批次${batch}.xlsx`, en: `exam-card-import-errors-batch-${batch}.xlsx` },
      });
    },
  });
};
