/** HTTP wiring for organisations (单位管理). */
import {
  IdParams,
  ImportBatch,
  ImportReport,
  MyOrganisationPatch,
  Organisation,
  OrganisationHistoryEntry,
  OrganisationHistoryQuery,
  OrganisationInput,
  OrganisationListQuery,
  OrganisationPatch,
  Page,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { CSV_TYPE, sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { registerRowImport, startImport } from '../../platform/imports/pipeline.js';
import { SheetError } from '../../platform/imports/sheet.js';
import { answerUpload, fileRefusal, myImportErrorFile, readUpload } from '../imports/index.js';
import { exportOrganisations, importTemplate, organisationImportSpec } from './organisations.import.js';
import { getOrganisationHistory } from './organisations.history.js';
import { getMyOrganisation, updateMyOrganisation } from './organisations.profile.js';
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisationsFor,
  updateOrganisation,
} from './organisations.service.js';

const tags = ['organisations'];

const ExportQuery = Type.Object(
  {
    ...Type.Omit(OrganisationListQuery, ['page', 'pageSize', 'exactTotal']).properties,
    format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')])),
  },
  { additionalProperties: false },
);

export const registerOrganisationRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/organisations', {
    config: { access: 'organisations:read' },
    schema: {
      tags,
      summary: '单位列表 List organisations in scope',
      querystring: OrganisationListQuery,
      response: { 200: Page(Organisation) },
    },
    handler: async (req) =>
      listOrganisationsFor(deps.db, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/organisations/:id', {
    config: { access: 'organisations:read' },
    schema: {
      tags,
      summary: '单位详情 Get one organisation',
      params: IdParams,
      response: { 200: Organisation },
    },
    handler: async (req) => getOrganisation(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.get('/api/v1/organisations/:id/history', {
    config: { access: 'organisations:read' },
    schema: {
      tags,
      summary:
        '单位变更记录 Audit entries about one organisation in scope (who, when, which fields; personal data masked)',
      params: IdParams,
      querystring: OrganisationHistoryQuery,
      response: { 200: Page(OrganisationHistoryEntry) },
    },
    handler: async (req) => getOrganisationHistory(deps.db, actorOf(req), Number(req.params.id), req.query),
  });

  // 本单位信息: the actor's own organisation; no id, so no other organisation can be named.
  app.get('/api/v1/my-organisation', {
    config: { access: 'organisation_profile:update' },
    schema: {
      tags,
      summary: "本单位信息 The signed-in user's own organisation",
      response: { 200: Organisation },
    },
    handler: async (req) => getMyOrganisation(deps.db, actorOf(req)),
  });

  app.patch('/api/v1/my-organisation', {
    config: { access: 'organisation_profile:update', example: { as: 'demo-employer' } },
    schema: {
      tags,
      summary:
        "修改本单位信息 Update the own organisation's contact person, phone, address and staff counts (name, credit code, region and type are the regulator's)",
      body: MyOrganisationPatch,
      response: { 200: Organisation },
    },
    handler: async (req) => updateMyOrganisation(deps.db, auditContext(req), actorOf(req), req.body),
  });

  app.post('/api/v1/organisations', {
    config: { access: 'organisations:create', example: { as: 'demo-province' } },
    schema: {
      tags,
      summary: '新增单位 Create an organisation',
      body: OrganisationInput,
      response: { 201: Organisation },
    },
    handler: async (req, reply) => {
      const created = await createOrganisation(deps.db, auditContext(req), actorOf(req), req.body);
      return reply.status(201).send(created);
    },
  });

  app.patch('/api/v1/organisations/:id', {
    config: { access: 'organisations:update', example: { as: 'demo-province', params: { id: 2 } } },
    schema: {
      tags,
      summary: '修改单位 Update an organisation',
      params: IdParams,
      body: OrganisationPatch,
      response: { 200: Organisation },
    },
    handler: async (req) =>
      updateOrganisation(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.delete('/api/v1/organisations/:id', {
    config: { access: 'organisations:delete' },
    schema: {
      tags,
      summary: '删除单位 Delete (deactivate) an organisation',
      params: IdParams,
      response: { 204: Type.Null() },
    },
    handler: async (req, reply) => {
      await deleteOrganisation(deps.db, auditContext(req), actorOf(req), Number(req.params.id));
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/organisations/export', {
    config: { access: 'organisations:export' },
    schema: {
      tags,
      summary:
        '导出单位 Export the filtered list as xlsx (default; a second sheet records the filter) or csv, in the list order, at most 100,000 rows, streamed; audited',
      querystring: ExportQuery,
    },
    handler: async (req, reply) => {
      const { format = 'xlsx', ...filters } = req.query;
      const file = await exportOrganisations(
        deps.db,
        auditContext(req),
        actorOf(req),
        req.lang,
        filters,
        format,
      );
      return sendDownload(reply, req.lang, { ...file, type: format === 'csv' ? CSV_TYPE : XLSX_TYPE });
    },
  });

  app.get('/api/v1/organisations/import/template', {
    config: { access: 'organisations:import' },
    schema: { tags, summary: '导入模板 Import template (xlsx)' },
    handler: async (req, reply) =>
      sendDownload(reply, req.lang, {
        body: await importTemplate(),
        type: XLSX_TYPE,
        names: { zh: '单位导入模板.xlsx', en: 'organisation-import-template.xlsx' },
      }),
  });

  // Uploads run as jobs (platform/imports/pipeline.ts): the request answers with the report when the
  // job is done within OHP_IMPORT_WAIT_SECONDS, else 202 with the batch to follow (/api/v1/imports).
  registerRowImport(deps, organisationImportSpec);
  app.post('/api/v1/organisations/import', {
    config: { access: 'organisations:import' },
    schema: {
      tags,
      summary:
        '导入单位 Import organisations from xlsx/csv (multipart field "file"; ?dryRun=true writes nothing). 200 with the report when done within the wait, else 202 with the batch (GET /api/v1/imports/{batchId})',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: ImportReport, 202: ImportBatch },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      try {
        const batch = await startImport(deps, auditContext(req), actorOf(req), {
          kind: 'organisation',
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

  app.get('/api/v1/organisations/import/:batchId/errors', {
    config: { access: 'organisations:import' },
    schema: {
      tags,
      summary: '导入错误文件 Rows rejected by an import, as the original workbook plus an error column',
      params: Type.Object({ batchId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
    },
    handler: async (req, reply) => {
      const buf = await myImportErrorFile(deps.db, actorOf(req), Number(req.params.batchId), 'organisation');
      const batch = req.params.batchId;
      return sendDownload(reply, req.lang, {
        body: buf,
        type: XLSX_TYPE,
        names: { zh: `导入错误-批次${batch}.xlsx`, en: `import-errors-batch-${batch}.xlsx` },
      });
    },
  });
};
