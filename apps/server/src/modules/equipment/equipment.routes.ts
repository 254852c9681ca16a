/** HTTP wiring for 设备配置 (equipment compliance): the catalogue, its import, ledgers and compliance. */
import {
  ComplianceQuery,
  ComplianceReport,
  EquipmentInstitutionList,
  EquipmentInstitutionQuery,
  EquipmentItemInput,
  EquipmentItemPatch,
  EquipmentItemRecord,
  EquipmentLedger,
  EquipmentLedgerQuery,
  EquipmentRequirementInput,
  EquipmentRequirementList,
  EquipmentRequirementPatch,
  EquipmentRequirementQuery,
  EquipmentRequirementRecord,
  IdParams,
  ImportBatch,
  ImportReport,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { registerRowImport, startImport } from '../../platform/imports/pipeline.js';
import { SheetError } from '../../platform/imports/sheet.js';
import { answerUpload, fileRefusal, myImportErrorFile, readUpload } from '../imports/index.js';
import { equipmentRequirementImportSpec, equipmentRequirementImportTemplate } from './equipment.import.js';
import {
  complianceReport,
  createItem,
  createRequirement,
  deleteItemFor,
  deleteRequirementFor,
  getLedger,
  listEquipmentInstitutions,
  listRequirementsFor,
  updateItemFor,
  updateRequirementFor,
} from './equipment.service.js';

const tags = ['equipment'];

/** The demo rows the examples act on (equipment.demo.ts): catalogue row 1 and ledger item 1 (demo-cdc's). */
export const DEMO_EQUIPMENT_IDS = { requirement: 1, cdcItem: 1 } as const;

export const registerEquipmentRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/equipment/requirements', {
    config: { access: 'equipment:read' },
    schema: {
      tags,
      summary:
        '设备配置标准 The required-equipment catalogue (per institution type, level and domain); rows whose source is 演示数据 are demo data, not from any standard',
      querystring: EquipmentRequirementQuery,
      response: { 200: EquipmentRequirementList },
    },
    handler: async (req) => listRequirementsFor(deps.db, actorOf(req), req.query),
  });

  app.post('/api/v1/equipment/requirements', {
    config: { access: 'equipment:manage', example: { as: 'demo-province' } },
    schema: {
      tags,
      summary: '新增配置要求 Add a required item to the catalogue; audited',
      body: EquipmentRequirementInput,
      response: { 201: EquipmentRequirementRecord },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createRequirement(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.patch('/api/v1/equipment/requirements/:id', {
    config: {
      access: 'equipment:manage',
      example: { as: 'demo-qc', params: { id: DEMO_EQUIPMENT_IDS.requirement } },
    },
    schema: {
      tags,
      summary: '修改配置要求 Change a catalogue row; audited (an unchanged patch writes nothing)',
      params: IdParams,
      body: EquipmentRequirementPatch,
      response: { 200: EquipmentRequirementRecord },
    },
    handler: async (req) =>
      updateRequirementFor(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.delete('/api/v1/equipment/requirements/:id', {
    config: { access: 'equipment:manage' },
    schema: {
      tags,
      summary: '删除配置要求 Delete a catalogue row; linked ledger items are unlinked; audited',
      params: IdParams,
      response: { 204: Type.Null() },
    },
    handler: async (req, reply) => {
      await deleteRequirementFor(deps.db, auditContext(req), actorOf(req), Number(req.params.id));
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/equipment/requirements/import/template', {
    config: { access: 'equipment:manage' },
    schema: { tags, summary: '设备配置标准导入模板 Import template (xlsx)' },
    handler: async (req, reply) =>
      sendDownload(reply, req.lang, {
        body: await equipmentRequirementImportTemplate(),
        type: XLSX_TYPE,
        names: { zh: '设备配置标准导入模板.xlsx', en: 'required-equipment-import-template.xlsx' },
      }),
  });

  // Uploads run as jobs (platform/imports/pipeline.ts), as every import does.
  registerRowImport(deps, equipmentRequirementImportSpec);
  app.post('/api/v1/equipment/requirements/import', {
    config: { access: 'equipment:manage' },
    schema: {
      tags,
      summary:
        '导入设备配置标准 Import catalogue rows from xlsx/csv (multipart field "file"; ?dryRun=true writes nothing). A row already in the catalogue (same type, level, domain, item, year) is updated or left unchanged, never duplicated. 200 with the report when done within the wait, else 202 with the batch',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: ImportReport, 202: ImportBatch },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      try {
        const batch = await startImport(deps, auditContext(req), actorOf(req), {
          kind: 'equipment_requirement',
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

  app.get('/api/v1/equipment/requirements/import/:batchId/errors', {
    config: { access: 'equipment:manage' },
    schema: {
      tags,
      summary:
        '导入错误文件 Rows rejected by a catalogue import, as the original workbook plus an error column',
      params: Type.Object({ batchId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
    },
    handler: async (req, reply) => {
      const buf = await myImportErrorFile(
        deps.db,
        actorOf(req),
        Number(req.params.batchId),
        'equipment_requirement',
      );
      const batch = req.params.batchId;
      return sendDownload(reply, req.lang, {
        body: buf,
        type: XLSX_TYPE,
        names: {
          zh: `设备配置标准导入错误-批次${batch}.xlsx`,
          en: `equipment-import-errors-batch-${batch}.xlsx`,
        },
      });
    },
  });

  app.get('/api/v1/equipment/institutions', {
    config: { access: 'equipment:read' },
    schema: {
      tags,
      summary:
        '机构设备配置 Institutions in scope that keep a ledger, each with its rate per domain (belowTarget: below 95 % hygiene / 85 % radiation)',
      querystring: EquipmentInstitutionQuery,
      response: { 200: EquipmentInstitutionList },
    },
    handler: async (req) => listEquipmentInstitutions(deps.db, actorOf(req), req.query),
  });

  app.get('/api/v1/equipment/institutions/:id', {
    config: { access: 'equipment:read' },
    schema: {
      tags,
      summary:
        '设备台账 An institution’s ledger with each applicable requirement checked (out of service and expired calibration do not count)',
      params: IdParams,
      querystring: EquipmentLedgerQuery,
      response: { 200: EquipmentLedger },
    },
    handler: async (req) => getLedger(deps.db, actorOf(req), Number(req.params.id), req.query.date),
  });

  app.post('/api/v1/equipment/items', {
    config: { access: 'equipment:record', example: { as: 'demo-cdc' } },
    schema: {
      tags,
      summary:
        '登记设备 Add an item to a ledger (institutionId: default the own institution; regulators and the QC centre for an institution in their region); audited',
      body: EquipmentItemInput,
      response: { 201: EquipmentItemRecord },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createItem(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.patch('/api/v1/equipment/items/:id', {
    config: {
      access: 'equipment:record',
      example: { as: 'demo-cdc', params: { id: DEMO_EQUIPMENT_IDS.cdcItem } },
    },
    schema: {
      tags,
      summary: '修改设备 Change a ledger item; audited',
      params: IdParams,
      body: EquipmentItemPatch,
      response: { 200: EquipmentItemRecord },
    },
    handler: async (req) =>
      updateItemFor(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.delete('/api/v1/equipment/items/:id', {
    config: { access: 'equipment:record' },
    schema: {
      tags,
      summary: '删除设备 Remove a ledger item; audited',
      params: IdParams,
      response: { 204: Type.Null() },
    },
    handler: async (req, reply) => {
      await deleteItemFor(deps.db, auditContext(req), actorOf(req), Number(req.params.id));
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/equipment/compliance', {
    config: { access: 'equipment:read' },
    schema: {
      tags,
      summary:
        '设备配置达标率 Compliance by region (the region and its sub-regions, pooled) and by institution, against 95 % (hygiene) and 85 % (radiation); the formula is the platform’s own (uncertain)',
      querystring: ComplianceQuery,
      response: { 200: ComplianceReport },
    },
    handler: async (req) => complianceReport(deps.db, actorOf(req), req.query),
  });
};
