/** HTTP wiring of 指标与驾驶舱 (issue 18): the catalogue, the overview of a region and period, its export. */
import {
  IndicatorCatalogue,
  IndicatorOverview,
  IndicatorOverviewQuery,
  IndicatorReport,
  IndicatorReportQuery,
  IndicatorTodos,
  IndicatorTodosQuery,
} from '@ohp/contracts';
import { AppError } from '../../platform/errors.js';
import { fontFaceCss, PdfRenderer, PdfUnavailable, pdfAvailability, useCjkFont } from '../documents/index.js';
import {
  auditIndicatorReport,
  indicatorReport,
  indicatorReportFileNames,
  reportHtml,
  reportWorkbook,
} from './indicators.reports.js';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { READ_SOURCE_HEADER } from '../../platform/read-replica.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { overviewWorkbook } from './indicators.export.js';
import { catalogue, overview } from './indicators.service.js';
import { todosOverview } from './indicators.todos.js';

const tags = ['indicators'];
const base = '/api/v1/indicators';

export const registerIndicatorRoutes = (app: AppInstance, deps: Deps) => {
  // The reports' PDF: the documents module's renderer (system Chromium, CJK font embedded), started on first use.
  const renderer = new PdfRenderer(deps.config.documents.chromiumPath);
  useCjkFont(deps.config.documents.cjkFont);
  app.addHook('onClose', async () => renderer.close());
  /** The database reads go to (the fresh standby, else the primary), said in X-Read-Source. */
  const readDb = async (reply: FastifyReply): Promise<Kysely<DB>> => {
    const read = await deps.reads.pick();
    void reply.header(READ_SOURCE_HEADER, read.source);
    return read.db;
  };

  app.get(`${base}/catalogue`, {
    config: { access: 'indicators:read' },
    schema: {
      tags,
      summary:
        '指标目录 Every indicator: what it counts, period, levels, data status and caveat, and every target with the document and sentence that state it',
      response: { 200: IndicatorCatalogue },
    },
    handler: async () => catalogue(deps.db),
  });

  app.get(`${base}/overview`, {
    config: { access: 'indicators:read' },
    schema: {
      tags,
      summary:
        '驾驶舱 The indicators of a region (default: the user’s own) for a period (year, quarter or month; default this year), computed now: figure, target that applies, traffic light, sub-regions and 12-month trend; small counts of people hidden at county level',
      querystring: IndicatorOverviewQuery,
      response: { 200: IndicatorOverview },
    },
    handler: async (req, reply) => {
      const db = await readDb(reply);
      return overview(db, actorOf(req), req.query, req.lang);
    },
  });

  app.get(`${base}/overview.xlsx`, {
    config: { access: 'indicators:read' },
    schema: {
      tags,
      summary:
        '导出驾驶舱 What the dashboard shows as xlsx: an overview sheet and one sheet per indicator (sub-regions, trend); audited (indicator_overview.export)',
      querystring: IndicatorOverviewQuery,
    },
    handler: async (req, reply) => {
      const db = await readDb(reply);
      const file = await overviewWorkbook(deps.db, db, auditContext(req), actorOf(req), req.query, req.lang);
      return sendDownload(reply, req.lang, { ...file, type: XLSX_TYPE });
    },
  });

  app.get(`${base}/todos`, {
    config: { access: 'indicators:read' },
    schema: {
      tags,
      summary:
        '预警与待办 The deadlines engine’s open clocks whose regulator lies in the region (default: the user’s own), per sub-region and kind: overdue, due soon, open, warned',
      querystring: IndicatorTodosQuery,
      response: { 200: IndicatorTodos },
    },
    handler: async (req, reply) => {
      const db = await readDb(reply);
      return todosOverview(db, actorOf(req), req.query);
    },
  });

  app.get(`${base}/reports`, {
    config: { access: 'indicators:read' },
    schema: {
      tags,
      summary:
        '调度与评估报告 季调度 (kind quarterly, period 2026-Q3), 年评估 (annual, 2026) or the November progress report (progress, 2026: January–October) of a region: each indicator against its target, change from the previous period, lagging sub-regions, indicators not collected, open clocks',
      querystring: IndicatorReportQuery,
      response: { 200: IndicatorReport },
    },
    handler: async (req, reply) => {
      const db = await readDb(reply);
      return indicatorReport(db, actorOf(req), req.query, req.lang);
    },
  });

  app.get(`${base}/reports.xlsx`, {
    config: { access: 'indicators:read' },
    schema: {
      tags,
      summary:
        '导出调度与评估报告 The report as xlsx (indicators, not collected, about); audited (indicator_report.export)',
      querystring: IndicatorReportQuery,
    },
    handler: async (req, reply) => {
      const db = await readDb(reply);
      const file = await reportWorkbook(deps.db, db, auditContext(req), actorOf(req), req.query, req.lang);
      return sendDownload(reply, req.lang, { ...file, type: XLSX_TYPE });
    },
  });

  app.get(`${base}/reports.pdf`, {
    config: { access: 'indicators:read' },
    schema: {
      tags,
      summary:
        '调度与评估报告 PDF The report as an A4 landscape PDF rendered by the server’s Chromium; 503 indicator_report_pdf_unavailable without Chromium (print the web page instead); audited (indicator_report.export)',
      querystring: IndicatorReportQuery,
      produces: ['application/pdf'],
    },
    handler: async (req, reply) => {
      const lang = req.query.lang ?? req.lang;
      const db = await readDb(reply);
      const r = await indicatorReport(db, actorOf(req), req.query, lang);
      if (!pdfAvailability(deps.config.documents.chromiumPath).available)
        throw new AppError('unavailable', 'indicator_report_pdf_unavailable');
      let pdf: Buffer;
      try {
        pdf = await renderer.render(reportHtml(r, lang, fontFaceCss({ files: true })));
      } catch (err) {
        req.log.error({ err, pdfUnavailable: err instanceof PdfUnavailable }, 'indicator report PDF failed');
        throw new AppError('unavailable', 'indicator_report_pdf_unavailable');
      }
      await auditIndicatorReport(deps.db, auditContext(req), r, 'pdf');
      return sendDownload(reply, lang, {
        body: pdf,
        type: 'application/pdf',
        names: indicatorReportFileNames(r, 'pdf'),
      });
    },
  });
};
