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
} from '@ohp/contracts';
import { Type } from 'typebox';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { registerSheetImport } from '../imports/index.js';
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

  registerSheetImport(app, deps, {
    spec: equipmentRequirementImportSpec,
    path: '/api/v1/equipment/requirements/import',
    tags,
    summary:
      '导入设备配置标准 Import catalogue rows from xlsx/csv. A row already in the catalogue (same type, level, domain, item, year) is updated or left unchanged, never duplicated',
    template: equipmentRequirementImportTemplate,
    templateNames: { zh: '设备配置标准导入模板.xlsx', en: 'required-equipment-import-template.xlsx' },
    errorNames: (b) => ({
      zh: `设备配置标准导入错误-批次${b}.xlsx`,
      en: `equipment-import-errors-batch-${b}.xlsx`,
    }),
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
