/** HTTP wiring of 外出体检告知 (issue 16 item 4): the institution's notices and the department's queue. */
import {
  IdParams,
  OutboundAcknowledgeInput,
  OutboundDelegation,
  OutboundDelegationInput,
  OutboundDelegationParams,
  OutboundProvinceParams,
  OutboundSetting,
  OutboundSettingInput,
  outboundDelegationExample,
  outboundSettingExample,
  OutboundListQuery,
  OutboundNoticeDetail,
  OutboundNoticeInput,
  OutboundNoticePatch,
  OutboundNoticeSummary,
  OutboundOptions,
  OutboundTiming,
  OutboundTimingQuery,
  OutboundWithdrawInput,
  outboundNoticeExample,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import {
  acknowledgeNotice,
  createNotice,
  createOutboundDelegation,
  deleteOutboundDelegation,
  outboundDelegations,
  outboundSetting,
  updateOutboundSetting,
  employerChoices,
  listNoticesFor,
  noticeDetail,
  optionsFor,
  submitNotice,
  timingFor,
  updateNoticeContent,
  withdrawNotice,
} from './outbound.service.js';

const tags = ['outbound'];
const Moved = Type.Object({ id: Type.Integer(), status: Type.String() });

/**
 * The demo notices the examples act on (outbound.demo.ts seeds them in this order, by the demo account
 * `demo-outbound` of a filed exam institution): 1 acknowledged, 2 submitted (awaiting the county), 3 a
 * draft; the create example makes 4.
 */
export const DEMO_OUTBOUND_IDS = { acknowledged: 1, submitted: 2, draft: 3 } as const;
/** The demo account of the filed exam institution that gives the demo notices. */
export const DEMO_OUTBOUND_USER = 'demo-outbound';

export const registerOutboundRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/outbound-notices', {
    config: { access: 'outbound:read' },
    schema: {
      tags,
      summary: '外出体检告知书列表 Outbound-exam notices in scope (queue=true: routed to my department)',
      description:
        'The institution sees its own (drafts too); health commissions and the QC centre see the submitted notices for employers in their region. Awaiting acknowledgement first. Each row carries its abilities.',
      querystring: OutboundListQuery,
      response: {
        200: Type.Object({
          data: Type.Array(OutboundNoticeSummary),
          total: Type.Integer(),
          page: Type.Integer(),
          pageSize: Type.Integer(),
        }),
      },
    },
    handler: async (req) => listNoticesFor(deps.db, actorOf(req), req.query),
  });

  app.get('/api/v1/outbound-notices/options', {
    config: { access: 'outbound:submit' },
    schema: {
      tags,
      summary:
        '可选内容 What a notice may hold: the filing’s factors (filed, not blocked), staff, vehicles, equipment; eligibility',
      response: { 200: OutboundOptions },
    },
    handler: async (req) => optionsFor(deps.db, actorOf(req)),
  });

  app.get('/api/v1/outbound-notices/employers', {
    config: { access: 'outbound:submit' },
    schema: {
      tags,
      summary: '用人单位选择 Registered employers of the province by name or credit code (the picker)',
      querystring: Type.Object({ q: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
      response: {
        200: Type.Array(
          Type.Object({
            id: Type.Integer(),
            name: Type.String(),
            creditCode: Type.Union([Type.String(), Type.Null()]),
            regionCode: Type.String(),
            address: Type.Union([Type.String(), Type.Null()]),
          }),
        ),
      },
    },
    handler: async (req) => employerChoices(deps.db, actorOf(req), req.query.q),
  });

  app.get('/api/v1/outbound-notices/timing', {
    config: { access: 'outbound:submit' },
    schema: {
      tags,
      summary:
        '告知时限计算 The earliest allowed start date (and whether a start date is allowed) on the working calendar',
      description:
        'N working days before the start (the province’s setting; Jilin 5), counted on the working calendar (holidays excluded, make-up workdays counted) under the named convention (clear_days: neither the notice day nor the start day counts).',
      querystring: OutboundTimingQuery,
      response: { 200: OutboundTiming },
    },
    handler: async (req) => timingFor(deps.db, actorOf(req), req.query),
  });

  app.post('/api/v1/outbound-notices', {
    config: { access: 'outbound:submit', example: { as: DEMO_OUTBOUND_USER } },
    schema: {
      tags,
      summary: '新建外出体检告知书 Draft a notice',
      description:
        'Filed exam institutions only (422 `outbound_not_filed`). Factors must be filed and not blocked, staff, vehicles and equipment from the filing (400 with the field). Audited.',
      body: { ...OutboundNoticeInput, examples: [outboundNoticeExample] },
      response: { 201: Type.Object({ id: Type.Integer() }) },
    },
    handler: async (req, reply) => {
      const r = await createNotice(deps.db, auditContext(req), actorOf(req), req.body);
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/outbound-notices/:id', {
    config: { access: 'outbound:read' },
    schema: {
      tags,
      summary: '告知书详情 A notice with its routing and printable document',
      params: IdParams,
      response: { 200: OutboundNoticeDetail },
    },
    handler: async (req) => noticeDetail(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.put('/api/v1/outbound-notices/:id', {
    config: {
      access: 'outbound:submit',
      example: { as: DEMO_OUTBOUND_USER, params: { id: DEMO_OUTBOUND_IDS.draft } },
    },
    schema: {
      tags,
      summary: '修改告知书 Change a draft (fields given replace those fields)',
      description: '409 `outbound_not_editable` once submitted. Audited.',
      params: IdParams,
      body: {
        ...OutboundNoticePatch,
        examples: [{ expectedCount: 150, siteAddress: outboundNoticeExample.siteAddress }],
      },
      response: { 200: Type.Object({ id: Type.Integer() }) },
    },
    handler: async (req) =>
      updateNoticeContent(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/outbound-notices/:id/submit', {
    config: { access: 'outbound:submit' },
    schema: {
      tags,
      summary: '提交告知书 Submit: eligibility and timing checked, routed, the printable notice issued',
      description:
        '422 with the reason when the institution is not eligible (`outbound_not_filed`, `outbound_verification_not_passed`, `outbound_qc_key_items_not_passed`) or the notice is late (`outbound_too_late`, with a detail `earliestStartDate` whose message gives the earliest allowed start date). Routed to the health commission of the employer’s county, or of its city when the county’s supervision is delegated. Audited.',
      params: IdParams,
      response: {
        200: Type.Object({
          id: Type.Integer(),
          status: Type.String(),
          receivingOrganisationId: Type.Integer(),
          delegated: Type.Boolean(),
          document: Type.Object({
            documentId: Type.Integer(),
            code: Type.String(),
            verifyPath: Type.String(),
          }),
        }),
      },
    },
    handler: async (req) =>
      submitNotice(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.lang),
  });

  app.post('/api/v1/outbound-notices/:id/withdraw', {
    config: {
      access: 'outbound:submit',
      example: { as: DEMO_OUTBOUND_USER, params: { id: DEMO_OUTBOUND_IDS.draft } },
    },
    schema: {
      tags,
      summary: '撤回告知书 Withdraw a draft or a submitted notice (not once acknowledged)',
      params: IdParams,
      body: { ...OutboundWithdrawInput, examples: [{ reason: '用人单位推迟体检安排' }] },
      response: { 200: Moved },
    },
    handler: async (req) =>
      withdrawNotice(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/outbound-notices/:id/acknowledge', {
    config: {
      access: 'outbound:acknowledge',
      example: { as: 'demo-county', params: { id: DEMO_OUTBOUND_IDS.submitted } },
    },
    schema: {
      tags,
      summary: '签收告知书 Acknowledge (the receiving health department only)',
      description: '403 `outbound_not_receiving_department` for any other department. Audited.',
      params: IdParams,
      body: { ...OutboundAcknowledgeInput, examples: [{ note: '已收悉，将安排现场监督' }] },
      response: { 200: Moved },
    },
    handler: async (req) =>
      acknowledgeNotice(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  // 外出体检设置: the province's notice period and its delegated counties. Whoever reads notices reads
  // them (their own province; another is 404); the provincial commission changes them (a city or county
  // commission: 403 outbound_configure_province_only).
  app.get('/api/v1/outbound-settings/:province', {
    config: { access: 'outbound:read' },
    schema: {
      tags,
      summary: '外出体检告知时限 The province’s notice period (working days, convention, legal basis)',
      description:
        'What a notice given now is checked against. A province without its own row gets the default (5 working days, clear_days, uncertain). `canConfigure`: the caller may change it.',
      params: OutboundProvinceParams,
      response: { 200: OutboundSetting },
    },
    handler: async (req) => outboundSetting(deps.db, actorOf(req), req.params.province),
  });

  app.put('/api/v1/outbound-settings/:province', {
    config: {
      access: 'outbound:configure',
      example: { as: 'demo-province', params: { province: '22' } },
    },
    schema: {
      tags,
      summary: '修改告知时限 Set the province’s notice period (the provincial health commission)',
      description:
        '1–30 working days; convention clear_days (neither the notice day nor the start day counts) or notice_day_counts (the notice day counts when a working day); legal basis required. Applies to the next notice at once (submitted notices keep theirs). 403 `outbound_configure_province_only` for a city or county commission. Audited with before and after.',
      params: OutboundProvinceParams,
      body: { ...OutboundSettingInput, examples: [outboundSettingExample] },
      response: { 200: OutboundSetting },
    },
    handler: async (req) =>
      updateOutboundSetting(deps.db, auditContext(req), actorOf(req), req.params.province, req.body),
  });

  app.get('/api/v1/outbound-settings/:province/delegations', {
    config: { access: 'outbound:read' },
    schema: {
      tags,
      summary:
        '市代管县（市、区） Counties whose supervision is delegated to their city (notices go to the city)',
      params: OutboundProvinceParams,
      response: { 200: Type.Array(OutboundDelegation) },
    },
    handler: async (req) => outboundDelegations(deps.db, actorOf(req), req.params.province),
  });

  app.post('/api/v1/outbound-settings/:province/delegations', {
    config: {
      access: 'outbound:configure',
      example: { as: 'demo-province', params: { province: '22' } },
    },
    schema: {
      tags,
      summary: '登记代管县（市、区） Record a county delegated to its city',
      description:
        'A county-level division of the province (400 `outbound_delegation_not_county`, `outbound_delegation_other_province`); its city is its parent, whose health commission receives the notices (400 `outbound_delegation_no_city_department` when none). 409 `outbound_delegation_exists`. Audited.',
      params: OutboundProvinceParams,
      body: { ...OutboundDelegationInput, examples: [outboundDelegationExample] },
      response: { 201: OutboundDelegation },
    },
    handler: async (req, reply) => {
      const r = await createOutboundDelegation(
        deps.db,
        auditContext(req),
        actorOf(req),
        req.params.province,
        req.body,
      );
      return reply.code(201).send(r);
    },
  });

  app.delete('/api/v1/outbound-settings/:province/delegations/:county', {
    config: { access: 'outbound:configure' },
    schema: {
      tags,
      summary: '取消代管 Remove a delegated county (notices go to the county again)',
      description: 'Notices already submitted keep their route. Audited.',
      params: OutboundDelegationParams,
      response: { 204: Type.Null() },
    },
    handler: async (req, reply) => {
      await deleteOutboundDelegation(
        deps.db,
        auditContext(req),
        actorOf(req),
        req.params.province,
        req.params.county,
      );
      return reply.status(204).send(null);
    },
  });
};
