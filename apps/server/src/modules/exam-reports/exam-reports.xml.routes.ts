/**
 * HTTP wiring of the national exchange XML (issue 15 items 4 and 5): the door institutions post their
 * national documents to, and the export of province-approved cards for the national system.
 */
import { ExamCardExportQuery, ImportBatch, ImportReport } from '@ohp/contracts';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.js';
import { sendDownload } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { startImport } from '../../platform/imports/pipeline.js';
import { answerUpload } from '../imports/index.js';
import { exportNationalXml } from './exam-reports.service.js';
import { registerExamCardXmlImport } from './exam-reports.xml-door.js';

const tags = ['exam-reports'];
const XML_TYPES = ['application/xml', 'text/xml'];
/** A national document of 10,000 cards is about 40 MB. */
const XML_BODY_LIMIT = 64 * 1024 * 1024;

export const registerExamCardXmlRoutes = (app: AppInstance, deps: Deps) => {
  registerExamCardXmlImport(deps);
  // The document is taken as bytes: its own declaration says its encoding (UTF-8, or GBK read as GB18030).
  app.addContentTypeParser(XML_TYPES, { parseAs: 'buffer', bodyLimit: XML_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/api/v1/exam-reports/national-xml', {
    config: { access: 'exam_reports:submit' },
    bodyLimit: XML_BODY_LIMIT,
    schema: {
      tags,
      summary:
        '上报体检个案卡（国家交换 XML）Post a national exchange document (DataExchange / HEALTH_EXAM_RECORD) as is',
      description:
        'Content-Type application/xml. The document the institution’s software produces for the national system (CDC 2021 exchange specification; see docs/STANDARDS.md “National exchange XML” and apps/server/src/modules/exam-reports/fixtures/national-exam-cards.xml), ≤ 10,000 records. It runs as an import job: 200 with the report when done within OHP_IMPORT_WAIT_SECONDS, else 202 with the batch (GET /api/v1/imports/{batchId}). The report’s `results` lists every record’s outcome by its ID (accepted, updated, unchanged, deleted, rejected); a refused record’s reasons are in `errors` (row = its position). Add and Update store the card (a changed resend keeps the old version; an identical one is unchanged); Delete removes the institution’s card unless the province approved it (07). A DOCTYPE or entity declaration refuses the whole document. Posting the same document again returns the first result.',
      consumes: XML_TYPES,
      response: { 200: ImportReport, 202: ImportBatch },
    },
    handler: async (req, reply) => {
      // Another content type (text/plain is parsed as a string) is not the document as is.
      if (!Buffer.isBuffer(req.body))
        throw new AppError('validation_failed', 'unsupported_media_type', [
          { path: 'body', reason: 'xml_content_type_required', message: '' },
        ]);
      const buffer = req.body;
      const batch = await startImport(deps, auditContext(req), actorOf(req), {
        kind: 'exam_card_xml',
        fileName: 'national.xml',
        buffer,
        dryRun: false,
        lang: req.lang,
        extensions: ['.xml'],
      });
      return answerUpload(deps, req, reply, batch);
    },
  });

  app.get('/api/v1/exam-cards/national-xml', {
    config: { access: 'exam_reports:export' },
    schema: {
      tags,
      summary: '导出国家交换文件 Province-approved cards (07) of a period as the national exchange XML',
      description:
        'The cards approved by the province (审核状态 07) in the caller’s scope with an exam date in the period, as one DataExchange document (Add), worker’s personal data in full, each with the province’s approval as AUDIT_INFO. At most 10,000 cards a file (else 400: narrow the period); 404 when none. The License element is left empty for the province’s exchange client. Audited.',
      querystring: ExamCardExportQuery,
      response: { 200: Type.String({ description: 'the XML document' }) },
    },
    handler: async (req, reply) => {
      const { xml, count } = await exportNationalXml(
        deps.db,
        deps.crypto,
        auditContext(req),
        actorOf(req),
        req.query,
      );
      void reply.header('x-record-count', String(count));
      return sendDownload(reply, req.lang, {
        body: Buffer.from(xml, 'utf8'),
        type: 'application/xml; charset=utf-8',
        names: {
          zh: `个案卡国家交换文件_${req.query.from}_${req.query.to}.xml`,
          en: `exam-cards-national_${req.query.from}_${req.query.to}.xml`,
        },
      });
    },
  });
};
