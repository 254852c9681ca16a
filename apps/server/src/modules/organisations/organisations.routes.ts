/** HTTP wiring for organisations (单位管理). */
import {
  IdParams,
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
import { registerSheetImport } from '../imports/index.js';
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

  registerSheetImport(app, deps, {
    spec: organisationImportSpec,
    path: '/api/v1/organisations/import',
    tags,
    summary: '导入单位 Import organisations from xlsx/csv',
    template: importTemplate,
    templateNames: { zh: '单位导入模板.xlsx', en: 'organisation-import-template.xlsx' },
    errorNames: (b) => ({ zh: `导入错误-批次${b}.xlsx`, en: `import-errors-batch-${b}.xlsx` }),
  });
};
