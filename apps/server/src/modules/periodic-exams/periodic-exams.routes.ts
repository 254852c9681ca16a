/** HTTP wiring of 体检到期提醒 (who is due for a periodic exam, issue 15 item 7). */
import { PeriodicDueExport, PeriodicDuePage, PeriodicDueQuery } from '@ohp/contracts';
import { chinaDateStamp, sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, type AppInstance, type Deps } from '../../platform/http/types.js';
import { dueWorkbook, listDueFor } from './periodic-exams.service.js';

const tags = ['periodic-exams'];

export const registerPeriodicExamRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/periodic-exams/due', {
    config: { access: 'exam_reports:read' },
    schema: {
      tags,
      summary: '体检到期提醒 Who is due for a periodic exam, per worker and hazard factor',
      description:
        'Per worker, employer and examined hazard factor: the latest 上岗前 / 在岗期间 exam (a later 离岗时 exam, or a later card under another employer, ends it), the cycle the standards engine gives for the factor under the GBZ 188 edition in force on the exam date (2014 until 2026-07-31, then 2025), the next due date and the status — overdue, due_soon (within 30 days), in_date — overdue first. undetermined: the engine cannot give one cycle; `caveat` says why (noise level or work grade not on the card — with the cycle and due date each level would give; no row for the factor in that edition; no 2015-catalogue entry) instead of a guessed date. Every row names the edition, section and confidence of the engine’s row (all GBZ 188 rows are unverified transcriptions). Employers see their workers, regulators their region, exam institutions the workers they examined; personal data masked.',
      querystring: PeriodicDueQuery,
      response: { 200: PeriodicDuePage },
    },
    handler: async (req) => listDueFor(deps.db, actorOf(req), req.query, req.lang),
  });

  app.get('/api/v1/periodic-exams/due.xlsx', {
    config: { access: 'exam_reports:read' },
    schema: {
      tags,
      summary:
        '导出体检到期提醒 The due list as xlsx (same filters and order; at most 50,000 rows; a second sheet records the filter)',
      querystring: PeriodicDueExport,
    },
    handler: async (req, reply) =>
      sendDownload(reply, req.lang, {
        body: await dueWorkbook(deps.db, actorOf(req), req.query, req.lang),
        type: XLSX_TYPE,
        names: {
          zh: `体检到期提醒-${chinaDateStamp()}.xlsx`,
          en: `periodic-exams-due-${chinaDateStamp()}.xlsx`,
        },
      }),
  });
};
