/** HTTP wiring of the exam-card doors (issue 15 item 4): so far the JSON batch. */
import { examCardExample, ImportBatch, ImportReport } from '@ohp/contracts';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { fileSha256, startImport } from '../../platform/imports/pipeline.js';
import { answerUpload } from '../imports/index.js';
import { BATCH_MAX_CARDS, registerExamCardImport } from './exam-reports.import.js';

const tags = ['exam-reports'];

export const registerExamReportRoutes = (app: AppInstance, deps: Deps) => {
  registerExamCardImport(deps);

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
        'Each card follows the national HEALTH_EXAM_RECORD (ExamCardInput; its fields name their national element). The batch runs as an import job: 200 with the report when it is done within OHP_IMPORT_WAIT_SECONDS, else 202 with the batch (GET /api/v1/imports/{batchId}). A bad card is refused with its own reasons (row = its position, 1-based; column = the field) while the others are stored. The Idempotency-Key header is required: the same key with the same body returns the first result, while that batch still runs 409, with another body 422. A resend of a changed card under a new key updates it and keeps the old version; an identical one counts as unchanged.',
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
      const buffer = Buffer.from(JSON.stringify(req.body));
      const batch = await startImport(deps, auditContext(req), actorOf(req), {
        kind: 'exam_card',
        fileName: 'batch.json',
        buffer,
        dryRun: false,
        lang: req.lang,
        extensions: ['.json'],
        idempotencyKey: key,
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
};
