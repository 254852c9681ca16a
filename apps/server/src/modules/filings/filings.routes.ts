/** HTTP wiring of 机构备案 (issue 16 item 2): the institution's filing and the commission's review. */
import {
  FilingAttachmentParams,
  FilingAttachmentQuery,
  FilingCancelInput,
  FilingChangeInput,
  FilingContent,
  FilingCreateInput,
  FilingDetail,
  FilingFileInput,
  FilingListQuery,
  FilingReceipt,
  FilingReturnInput,
  FilingSubmitInput,
  FilingSummary,
  IdParams,
  Page,
  filingContentExample,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { sendStoredFile } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { readUpload, registerSheetImport } from '../imports/index.js';
import { filingImportSpec, filingImportTemplate } from './filings.import.js';
import {
  addAttachment,
  attachmentFile,
  cancelFiling,
  createFiling,
  fileFiling,
  filingDetail,
  listFilingsFor,
  receiptOf,
  removeAttachment,
  returnFiling,
  saveContent,
  startChange,
  submitFiling,
} from './filings.service.js';

const tags = ['filings'];
const Moved = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  changeStatus: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** The submission (its clock is deadline subject `filing_review`), on submit. */
  reviewId: Type.Optional(Type.Integer()),
});

/**
 * The demo filings the examples act on (filings.demo.ts seeds them in this order): 1 demo-diag's (filed),
 * 2 demo-exam's (returned), 3 and 4 submitted by other exam institutions, 5–8 filed exam institutions;
 * 9–16 are filed for the coverage-target demo (modules/coverage); the example of POST /api/v1/filings
 * (demo-service) makes the next one, 17, which the cancel example withdraws.
 */
export const DEMO_FILING_IDS = {
  diagFiled: 1,
  examReturned: 2,
  submittedA: 3,
  submittedB: 4,
  seeded: 8,
  /** Filed afterwards for the coverage-target demo (modules/coverage, fileDemoInstitutions): 9–16. */
  coverageDemo: 8,
  /** Earlier city filings imported after that (seedDemoEarlierFilings): 17–19. */
  earlierImports: 3,
} as const;

export const registerFilingRoutes = (app: AppInstance, deps: Deps) => {
  // 历史备案导入: the provincial commission imports the filings the cities made earlier (a job).
  registerSheetImport(app, deps, {
    spec: filingImportSpec,
    path: '/api/v1/filings/import',
    tags,
    summary: '导入历史备案 Import the filings made earlier by the cities from xlsx/csv (they count as filed)',
    template: filingImportTemplate,
    refuse: (actor) =>
      actor.organisationKind === 'health_commission' && actor.regionCode.length === 2
        ? null
        : 'filing_import_province_only',
    templateNames: { zh: '历史备案导入模板.xlsx', en: 'earlier-filings-import-template.xlsx' },
    errorNames: (b) => ({ zh: `历史备案导入错误-批次${b}.xlsx`, en: `filing-import-errors-batch-${b}.xlsx` }),
  });
  app.get('/api/v1/filings', {
    config: { access: 'filings:read' },
    schema: {
      tags,
      summary: '备案列表 Filings in scope (the review queue with awaitingReview=true)',
      description:
        'An institution sees its own; a health commission its region’s; the QC centre the province’s. Each row carries its abilities (edit, submit, change, cancel, review — review only for the provincial commission of the institution’s province) and, while it awaits review, the due date of the commission’s clock.',
      querystring: FilingListQuery,
      response: { 200: Page(FilingSummary) },
    },
    handler: async (req) => listFilingsFor(deps.db, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.post('/api/v1/filings', {
    config: { access: 'filings:submit', example: { as: 'demo-service' } },
    schema: {
      tags,
      summary: '新建备案 Start the institution’s filing (a draft)',
      description:
        'Exam, diagnosis and technical-service institutions only (403 otherwise); one live filing per institution (409 `filing_exists`). The institution step is prefilled from the organisation record; steps given here are saved at once (codes checked against the national hazard table). Audited.',
      body: { ...FilingCreateInput, examples: [{ content: { personnel: filingContentExample.personnel } }] },
      response: { 201: Type.Object({ id: Type.Integer() }) },
    },
    handler: async (req, reply) => {
      const r = await createFiling(deps.db, auditContext(req), actorOf(req), req.body);
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/filings/:id', {
    config: { access: 'filings:read' },
    schema: {
      tags,
      summary: '备案详情 A filing: steps, attachments, versions, reviews, clock, receipts, diff of a change',
      params: IdParams,
      response: { 200: FilingDetail },
    },
    handler: async (req) => filingDetail(deps.db, actorOf(req), Number(req.params.id), req.lang),
  });

  app.put('/api/v1/filings/:id/content', {
    config: {
      access: 'filings:submit',
      example: { as: 'demo-exam', params: { id: DEMO_FILING_IDS.examReturned } },
    },
    schema: {
      tags,
      summary: '保存备案步骤 Save steps of the draft (or of a returned filing or change)',
      description:
        'Each step given replaces that step (institution, personnel, equipment, vehicles, venues, categories); steps left out are kept. Hazard codes must be national codes of the chosen category (400 with the field). 409 `filing_not_editable` under review or when filed (apply for a change). Audited.',
      params: IdParams,
      body: { ...FilingContent, examples: [{ venues: filingContentExample.venues }] },
      response: { 200: Type.Object({ id: Type.Integer(), versionId: Type.Integer() }) },
    },
    handler: async (req) =>
      saveContent(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/filings/:id/attachments', {
    config: { access: 'filings:submit' },
    schema: {
      tags,
      summary: '上传附件 Attach a PDF / JPG / PNG (multipart "file"; ?kind=)',
      description:
        'The type is read from the content (magic bytes) and must match the file name’s extension: a renamed file is refused (400 `filing_attachment_type`); at most 10 MB. Only while the version is editable (409). Audited.',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: FilingAttachmentQuery,
      response: { 201: Type.Object({ id: Type.Integer() }) },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const r = await addAttachment(
        deps.db,
        auditContext(req),
        actorOf(req),
        Number(req.params.id),
        req.query.kind,
        upload,
      );
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/filings/:id/attachments/:attachmentId', {
    config: { access: 'filings:read' },
    schema: {
      tags,
      summary: '下载附件 Download an attachment',
      params: FilingAttachmentParams,
      produces: ['application/pdf', 'image/jpeg', 'image/png'],
    },
    handler: async (req, reply) => {
      const f = await attachmentFile(
        deps.db,
        actorOf(req),
        Number(req.params.id),
        Number(req.params.attachmentId),
      );
      return sendStoredFile(reply, f, `attachment-${req.params.attachmentId}`);
    },
  });

  app.delete('/api/v1/filings/:id/attachments/:attachmentId', {
    config: { access: 'filings:submit' },
    schema: {
      tags,
      summary: '删除附件 Remove an attachment of the editable version',
      params: FilingAttachmentParams,
      response: { 200: Type.Object({ id: Type.Integer() }) },
    },
    handler: async (req) =>
      removeAttachment(
        deps.db,
        auditContext(req),
        actorOf(req),
        Number(req.params.id),
        Number(req.params.attachmentId),
      ),
  });

  app.post('/api/v1/filings/:id/submit', {
    config: {
      access: 'filings:submit',
      example: { as: 'demo-exam', params: { id: DEMO_FILING_IDS.examReturned } },
    },
    schema: {
      tags,
      summary: '提交备案 Submit (or resubmit) the filing or its change to the provincial commission',
      description:
        'From draft or returned. Refused with every missing field (400 `filing_incomplete`: the institution’s data, a chief examiner / diagnosis physician with qualification number, equipment, venues ≥ 400 m² for exam institutions, categories with national hazard codes, the practice licence — and the radiation licence for radiation items). Opens the commission’s clock (deadline_rule filing_review; its day count is a placeholder marked uncertain). Audited.',
      params: IdParams,
      body: { ...FilingSubmitInput, examples: [{ note: '已按审核意见补充放射诊疗许可证' }] },
      response: { 200: Moved },
    },
    handler: async (req) =>
      submitFiling(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/filings/:id/change', {
    config: {
      access: 'filings:submit',
      example: { as: 'demo-diag', params: { id: DEMO_FILING_IDS.diagFiled } },
    },
    schema: {
      tags,
      summary: '申请变更 Start a change of a filed institution (a new version from the filed one)',
      description:
        'The filed version stays in force until the change is filed; the change is edited, submitted and reviewed like the first filing. 409 when not filed or a change is under way. Audited.',
      params: IdParams,
      body: { ...FilingChangeInput, examples: [{ reason: '新增诊断医师，变更联系电话' }] },
      response: { 200: Type.Object({ id: Type.Integer(), versionId: Type.Integer() }) },
    },
    handler: async (req) =>
      startChange(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/filings/:id/cancel', {
    config: {
      access: 'filings:submit',
      example: {
        as: 'demo-service',
        params: {
          id: DEMO_FILING_IDS.seeded + DEMO_FILING_IDS.coverageDemo + DEMO_FILING_IDS.earlierImports + 1,
        },
      },
    },
    schema: {
      tags,
      summary: '注销备案 Cancel the filing (or withdraw a draft)',
      description:
        'A filed institution’s filing is cancelled (注销): its filed hazard factors leave institution_capability; a change in draft is dropped. 409 while under review. Audited.',
      params: IdParams,
      body: { ...FilingCancelInput, examples: [{ reason: '机构停止开展职业健康检查业务' }] },
      response: { 200: Moved },
    },
    handler: async (req) =>
      cancelFiling(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/filings/:id/return', {
    config: {
      access: 'filings:review',
      example: { as: 'demo-province', params: { id: DEMO_FILING_IDS.submittedB } },
    },
    schema: {
      tags,
      summary: '退回备案 Return a submitted filing (or change) with the opinion',
      description:
        'The provincial health commission of the institution’s province only (403 `filing_authority_province` for city and county commissions). Closes the clock. Audited.',
      params: IdParams,
      body: {
        ...FilingReturnInput,
        examples: [{ opinion: '请补充主检医师培训合格证书编号及放射诊疗许可证扫描件' }],
      },
      response: { 200: Moved },
    },
    handler: async (req) =>
      returnFiling(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/filings/:id/file', {
    config: {
      access: 'filings:review',
      example: { as: 'demo-province', params: { id: DEMO_FILING_IDS.submittedA } },
    },
    schema: {
      tags,
      summary: '予以备案 File a submitted filing (or change): number, receipt, capability',
      description:
        'Gives the filing number (platform format <province>-<ZJ|ZD|JF>-<year>-<seq>, kept through changes), issues the receipt (备案回执: a printable document with a verification code), writes the filed hazard factors of an exam institution into institution_capability (a change that drops a factor removes it; blocked rows stay), closes the clock. Audited.',
      params: IdParams,
      body: { ...FilingFileInput, examples: [{ opinion: '材料齐全，予以备案' }] },
      response: {
        200: Type.Object({
          id: Type.Integer(),
          status: Type.String(),
          filingNo: Type.String(),
          receipt: Type.Object({
            documentId: Type.Integer(),
            code: Type.String(),
            verifyPath: Type.String(),
          }),
        }),
      },
    },
    handler: async (req) =>
      fileFiling(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get('/api/v1/filings/:id/receipt', {
    config: { access: 'filings:read' },
    schema: {
      tags,
      summary: '备案回执 The current receipt (print it at /api/v1/documents/{documentId}/pdf or /print)',
      params: IdParams,
      response: { 200: FilingReceipt },
    },
    handler: async (req) => receiptOf(deps.db, actorOf(req), Number(req.params.id)),
  });
};
