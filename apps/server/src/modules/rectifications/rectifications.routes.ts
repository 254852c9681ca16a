/** HTTP wiring of 整改台账 (issue 16 item 6, R25): items, evidence, rates, 拒不整改 marks, 对口帮扶. */
import {
  IdParams,
  Page,
  PairingActivityInput,
  PairingCreateInput,
  PairingDetail,
  PairingListQuery,
  PairingReportInput,
  PairingSummary,
  PairingUpdateInput,
  RectificationCreateInput,
  RectificationDetail,
  RectificationEvidenceParams,
  RectificationFollowUpInput,
  RectificationListQuery,
  RectificationRateQuery,
  RectificationRates,
  RectificationRejectInput,
  RectificationReopenInput,
  RectificationRespondInput,
  RectificationSummary,
  RectificationVerifyInput,
  RectificationWriteResult,
  RefusalCreateInput,
  RefusalLiftInput,
  RefusalListQuery,
  RefusalSummary,
  rectificationCreateExample,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { sendStoredFile } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { readUpload } from '../imports/index.js';
import {
  addPairingActivity,
  createPairing,
  listPairingsFor,
  pairingDetail,
  submitPairingReport,
  updatePairingFor,
} from './rectifications.pairings.js';
import { rectificationRatesFor } from './rectifications.rates.js';
import {
  addEvidence,
  evidenceFile,
  followUpItem,
  listRectificationsFor,
  listRefusalsFor,
  liftRefusing,
  markRefusing,
  raiseByHand,
  rectificationDetail,
  rectificationOfRound,
  rejectItem,
  reopenItem,
  respondToItem,
  verifyItem,
} from './rectifications.service.js';

const tags = ['rectifications'];

/**
 * The demo items, mark and pairings the examples act on (rectifications.demo.ts, seeded before the
 * other modules raise theirs, so these ids are stable): 1 and 2 submitted by the demo exam institution
 * (verify, reject), 3 open with evidence uploaded (respond), 4 and 5 closed (reopen, follow-up); the
 * standing 拒不整改 mark 1; pairing 1 of the demo city.
 */
export const DEMO_RECTIFICATION_IDS = {
  submitted: 1,
  submittedToReject: 2,
  openWithEvidence: 3,
  closed: 4,
  closedToRecheck: 5,
  reopened: 6,
  refusal: 1,
  pairing: 1,
} as const;

/**
 * Demo organisations the examples name (the demo seed inserts them in a fixed order): the demo exam
 * institution 长春市人民医院 (3), and two exam institutions of the demo city, 长春市职业病防治所 (15) and
 * 长春市第二医院 (21). rectifications.test.ts checks them.
 */
export const DEMO_RECTIFICATION_INSTITUTIONS = { exam: 3, pairingLead: 15, pairingAssisted: 21 } as const;

const Write = RectificationWriteResult;

export const registerRectificationRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/rectifications/items', {
    config: { access: 'rectifications:read' },
    schema: {
      tags,
      summary: '整改台账 Rectification items in scope',
      description:
        'The QC centre sees its province’s, a commission its region’s, an institution its own. Open and waiting items first, by due date; `overdue=true` lists those not closed past their due date. Each row carries its abilities (respond: the owning institution; verify / reopen / followUp: the QC centre or a regulator in scope).',
      querystring: RectificationListQuery,
      response: { 200: Page(RectificationSummary) },
    },
    handler: async (req) =>
      listRectificationsFor(deps.db, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/rectifications/items/:id', {
    config: { access: 'rectifications:read' },
    schema: {
      tags,
      summary: '整改问题详情 An item with its history, evidence and clock',
      params: IdParams,
      response: { 200: RectificationDetail },
    },
    handler: async (req) => rectificationDetail(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.get('/api/v1/rectifications/rounds/:id', {
    config: { access: 'rectifications:read' },
    schema: {
      tags,
      summary: '按整改轮次查看 The item of a round (the to-do inbox links a clock’s round)',
      params: IdParams,
      response: { 200: RectificationDetail },
    },
    handler: async (req) => rectificationOfRound(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/rectifications/items', {
    config: { access: 'rectifications:manage', example: { as: 'demo-qc' } },
    schema: {
      tags,
      summary: '登记检查发现的问题 Raise an inspection finding by hand',
      description:
        'The QC centre or a regulator raises a finding against a service institution in its area (source `inspection`). Without a due date the default of its severity applies (deadline_rule rectification_major 30 / rectification_general 60 calendar days — placeholders, confidence uncertain). The same `reference` for the same institution returns the same item. Opens the item’s clock (the institution responsible, the commission of its region warned when late). Audited.',
      body: {
        ...RectificationCreateInput,
        examples: [{ ...rectificationCreateExample, institutionId: DEMO_RECTIFICATION_INSTITUTIONS.exam }],
      },
      response: { 201: Type.Object({ ...Write.properties, created: Type.Boolean() }) },
    },
    handler: async (req, reply) => {
      const r = await raiseByHand(deps.db, auditContext(req), actorOf(req), req.body);
      return reply.code(201).send(r);
    },
  });

  app.post('/api/v1/rectifications/items/:id/evidence', {
    config: { access: 'rectifications:respond' },
    schema: {
      tags,
      summary: '上传整改佐证 Upload evidence (multipart "file")',
      description:
        'The owning institution, while the item is open (409 otherwise). PDF / JPG / PNG, the type read from the content and matching the extension (400 `filing_attachment_type`), at most 10 MB. Audited.',
      consumes: ['multipart/form-data'],
      params: IdParams,
      response: { 201: Type.Object({ id: Type.Integer() }) },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const r = await addEvidence(deps.db, auditContext(req), actorOf(req), Number(req.params.id), upload);
      return reply.code(201).send(r);
    },
  });

  app.get('/api/v1/rectifications/items/:id/evidence/:evidenceId', {
    config: { access: 'rectifications:read' },
    schema: {
      tags,
      summary: '下载整改佐证 Download evidence',
      params: RectificationEvidenceParams,
      produces: ['application/pdf', 'image/jpeg', 'image/png'],
    },
    handler: async (req, reply) => {
      const f = await evidenceFile(
        deps.db,
        actorOf(req),
        Number(req.params.id),
        Number(req.params.evidenceId),
      );
      return sendStoredFile(reply, f, `evidence-${req.params.evidenceId}`);
    },
  });

  app.post('/api/v1/rectifications/items/:id/respond', {
    config: {
      access: 'rectifications:respond',
      example: { as: 'demo-exam', params: { id: DEMO_RECTIFICATION_IDS.openWithEvidence } },
    },
    schema: {
      tags,
      summary: '提交整改材料 The institution answers: open → submitted',
      description:
        'The owning institution (403 `rectification_not_own`), an open item (409 `rectification_not_open`), with evidence uploaded since its last answer (400 `rectification_evidence_required`). Names the responsible person if given. Audited.',
      params: IdParams,
      body: {
        ...RectificationRespondInput,
        examples: [
          { statement: '已修订内部审核制度并完成本年度内部审核，附审核记录。', responsiblePerson: '王质量' },
        ],
      },
      response: { 200: Write },
    },
    handler: async (req) =>
      respondToItem(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/rectifications/items/:id/verify', {
    config: {
      access: 'rectifications:manage',
      example: { as: 'demo-qc', params: { id: DEMO_RECTIFICATION_IDS.submitted } },
    },
    schema: {
      tags,
      summary: '核验销号 Verify and close a submitted item (动态销号)',
      description:
        'The QC centre or a regulator in scope (403 `rectification_supervisor_only` otherwise); a submitted item (409 `rectification_not_submitted`). Closes the round’s clock. Audited.',
      params: IdParams,
      body: {
        ...RectificationVerifyInput,
        examples: [{ opinion: '整改材料齐全，现场复核属实，予以销号。' }],
      },
      response: { 200: Write },
    },
    handler: async (req) =>
      verifyItem(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/rectifications/items/:id/reject', {
    config: {
      access: 'rectifications:manage',
      example: { as: 'demo-qc', params: { id: DEMO_RECTIFICATION_IDS.submittedToReject } },
    },
    schema: {
      tags,
      summary: '核验不通过 Reject the answer: back to open with the opinion',
      description: 'A submitted item (409 otherwise); the round and its clock run on. Audited.',
      params: IdParams,
      body: {
        ...RectificationRejectInput,
        examples: [{ opinion: '培训合格证明仅 1 人，另 1 名主检医师仍未参加培训。' }],
      },
      response: { 200: Write },
    },
    handler: async (req) =>
      rejectItem(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/rectifications/items/:id/reopen', {
    config: {
      access: 'rectifications:manage',
      example: { as: 'demo-qc', params: { id: DEMO_RECTIFICATION_IDS.closed } },
    },
    schema: {
      tags,
      summary: '重新打开 Reopen a closed item (a new round with a new clock)',
      description:
        'A closed item (409 `rectification_not_closed`); a new due date (not before today) or the default of its severity. Audited.',
      params: IdParams,
      body: {
        ...RectificationReopenInput,
        examples: [{ reason: '复查发现诊断档案仍有缺页。', dueOn: null }],
      },
      response: { 200: Write },
    },
    handler: async (req) =>
      reopenItem(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/rectifications/items/:id/follow-ups', {
    config: {
      access: 'rectifications:manage',
      example: { as: 'demo-qc', params: { id: DEMO_RECTIFICATION_IDS.closedToRecheck } },
    },
    schema: {
      tags,
      summary: '回头看 Record a follow-up re-check of a closed item',
      description:
        'The date (not after today, not before the item was closed), who checked, the result: `ok` keeps it closed, `relapse` reopens it (a new round and clock, due on `dueOn` or the default). Audited.',
      params: IdParams,
      body: {
        ...RectificationFollowUpInput,
        examples: [
          {
            checkedOn: '2025-12-01',
            checkers: '李娜、周丽',
            result: 'ok',
            note: '现场抽查 20 份检测报告，均按规定签发。',
          },
        ],
      },
      response: { 200: Write },
    },
    handler: async (req) =>
      followUpItem(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get('/api/v1/rectifications/rates', {
    config: { access: 'rectifications:read' },
    schema: {
      tags,
      summary: '整改率 Rectification rate by region and institution',
      description:
        'Closed ÷ all items (raised — or due, `basis=due` — in the period), by the institution’s region one level down (province → cities → counties) and by institution. The definition is returned with the figures and marked uncertain (the policies set 100% as the target without a formula).',
      querystring: RectificationRateQuery,
      response: { 200: RectificationRates },
    },
    handler: async (req) => rectificationRatesFor(deps.db, actorOf(req), req.query, req.lang),
  });

  app.get('/api/v1/rectifications/refusals', {
    config: { access: 'rectifications:read' },
    schema: {
      tags,
      summary: '拒不整改或整改不到位的机构 Institutions marked as refusing or failing to rectify',
      description: 'Standing marks in scope (`all=true`: the lifted ones too), with the items concerned.',
      querystring: RefusalListQuery,
      response: { 200: Page(RefusalSummary) },
    },
    handler: async (req) => listRefusalsFor(deps.db, actorOf(req), req.query),
  });

  app.post('/api/v1/rectifications/refusals', {
    config: { access: 'rectifications:manage', example: { as: 'demo-province' } },
    schema: {
      tags,
      summary: '认定拒不整改 / 整改不到位 Mark an institution',
      description:
        'A regulator (not the QC centre: 403 `rectification_regulator_only`) marks an institution in its area with the reason, the date and the items concerned (its own items: 400 per item otherwise); one standing mark per institution (409 `rectification_already_marked`). The mark and the items’ titles feed the public list (吉卫规〔2024〕2号 六). Audited `rectification.mark_refusing`.',
      body: {
        ...RefusalCreateInput,
        examples: [
          {
            institutionId: DEMO_RECTIFICATION_INSTITUTIONS.exam,
            kind: 'inadequate',
            reason: '经两次督促，质量管理制度内部审核问题仍未整改到位。',
            markedOn: null,
            itemIds: [DEMO_RECTIFICATION_IDS.openWithEvidence],
          },
        ],
      },
      response: { 201: RefusalSummary },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await markRefusing(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.post('/api/v1/rectifications/refusals/:id/lift', {
    config: {
      access: 'rectifications:manage',
      example: { as: 'demo-province', params: { id: DEMO_RECTIFICATION_IDS.refusal } },
    },
    schema: {
      tags,
      summary: '解除认定 Lift the mark once the institution rectified',
      description: 'A regulator in scope; a standing mark (409 `rectification_mark_lifted`). Audited.',
      params: IdParams,
      body: { ...RefusalLiftInput, examples: [{ note: '逾期问题已全部整改并经核验销号。', liftedOn: null }] },
      response: { 200: RefusalSummary },
    },
    handler: async (req) =>
      liftRefusing(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get('/api/v1/rectifications/pairings', {
    config: { access: 'rectifications:read' },
    schema: {
      tags,
      summary: '对口帮扶 Pairing assistance in scope',
      description:
        'By the assisted institution’s region; an institution sees the pairings it leads or receives. `year` lists those running in that year.',
      querystring: PairingListQuery,
      response: { 200: Page(PairingSummary) },
    },
    handler: async (req) => listPairingsFor(deps.db, actorOf(req), req.query),
  });

  app.get('/api/v1/rectifications/pairings/:id', {
    config: { access: 'rectifications:read' },
    schema: {
      tags,
      summary: '对口帮扶详情 A pairing with its activities and yearly reports',
      params: IdParams,
      response: { 200: PairingDetail },
    },
    handler: async (req) => pairingDetail(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/rectifications/pairings', {
    config: { access: 'rectifications:manage', example: { as: 'demo-city' } },
    schema: {
      tags,
      summary: '登记对口帮扶 Record a pairing',
      description:
        'The QC centre or a regulator; the assisted institution in its area and of the pairing’s kind (diagnosis / exam institution, rehabilitation station); the lead an institution of the province. Audited.',
      body: {
        ...PairingCreateInput,
        examples: [
          {
            kind: 'exam',
            leadInstitutionId: DEMO_RECTIFICATION_INSTITUTIONS.pairingLead,
            assistedInstitutionId: DEMO_RECTIFICATION_INSTITUTIONS.pairingAssisted,
            startsOn: '2025-03-01',
            endsOn: null,
            focus: ['qms', 'qc_rectification'],
            note: '按“一单位一方案”开展帮扶',
          },
        ],
      },
      response: { 201: PairingDetail },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await createPairing(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.patch('/api/v1/rectifications/pairings/:id', {
    config: {
      access: 'rectifications:manage',
      example: { as: 'demo-city', params: { id: DEMO_RECTIFICATION_IDS.pairing } },
    },
    schema: {
      tags,
      summary: '修改对口帮扶 Change the period, status, focus or note',
      params: IdParams,
      body: { ...PairingUpdateInput, examples: [{ note: '2025 年起增加质控问题整改指导' }] },
      response: { 200: PairingDetail },
    },
    handler: async (req) =>
      updatePairingFor(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/rectifications/pairings/:id/activities', {
    config: {
      access: 'rectifications:manage',
      example: { as: 'demo-city', params: { id: DEMO_RECTIFICATION_IDS.pairing } },
    },
    schema: {
      tags,
      summary: '登记帮扶活动 Record an activity',
      description:
        'Within the pairing’s period and not after today (400 `pairing_activity_outside`). Audited.',
      params: IdParams,
      body: {
        ...PairingActivityInput,
        examples: [
          { activityOn: '2025-06-18', kind: 'training', summary: '组织主检医师业务培训 1 次，12 人参加' },
        ],
      },
      response: { 200: PairingDetail },
    },
    handler: async (req) =>
      addPairingActivity(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.post('/api/v1/rectifications/pairings/:id/reports', {
    config: {
      access: 'rectifications:manage',
      example: { as: 'demo-city', params: { id: DEMO_RECTIFICATION_IDS.pairing } },
    },
    schema: {
      tags,
      summary: '报送年度帮扶报告 Submit the yearly report (by 15 November)',
      description:
        'One report per year (submitting the year again replaces it); the year within the pairing’s period and not after this year. Audited `assistance_pairing.report`.',
      params: IdParams,
      body: {
        ...PairingReportInput,
        examples: [
          {
            year: 2025,
            summary: '全年开展帮扶活动 6 次，受援机构质控评估由基本合格提升为合格。',
            submittedOn: null,
          },
        ],
      },
      response: { 200: PairingDetail },
    },
    handler: async (req) =>
      submitPairingReport(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });
};
