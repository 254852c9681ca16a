/** HTTP wiring of the stored cards: search, detail and the level-by-level review (issue 15 items 5, 8). */
import {
  ExamCardDetail,
  ExamCardListQuery,
  ExamCardReviewInput,
  ExamCardReviewResult,
  ExamCardSummary,
  IdParams,
  Page,
} from '@ohp/contracts';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { getCardFor, listCardsFor, reviewCards } from './exam-reports.service.js';

const tags = ['exam-reports'];

export const registerExamCardRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/exam-cards', {
    config: { access: 'exam_reports:read' },
    schema: {
      tags,
      summary: '个案卡查询 Search the health-exam cards in scope (personal data masked)',
      description:
        'A regulator sees the cards of employers in its region, an exam institution the cards it reported, an employer its workers’ cards. `queue=awaiting` lists the cards awaiting the caller’s review level (oldest exam first), `queue=returned` the cards returned to institutions. `q` matches a record ID, an exam number, part of the employer’s name, or — when it is an ID number — the worker (by keyed hash).',
      querystring: ExamCardListQuery,
      response: { 200: Page(ExamCardSummary) },
    },
    handler: async (req) =>
      listCardsFor(deps.db, deps.crypto, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/exam-cards/:id', {
    config: { access: 'exam_reports:read' },
    schema: {
      tags,
      summary: '个案卡详情 One card with its conclusions, items, review trail and versions',
      params: IdParams,
      response: { 200: ExamCardDetail },
    },
    handler: async (req) => getCardFor(deps.db, actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/exam-cards/reviews', {
    config: { access: 'exam_reports:review', example: { as: 'demo-county' } },
    schema: {
      tags,
      summary: '逐级审核 Approve or return cards awaiting the caller’s review level',
      description:
        'All or nothing: every card must be in the caller’s region (else 404) and awaiting its level — county 02, city 03/11, province 05/12 (else 409 naming each card). Approval moves a card to 03 / 05 / 07, a return to 04 / 06 / 08 and needs an opinion; only 07 cards are exported to the national system. One audit entry records the decision with the card IDs.',
      body: {
        ...ExamCardReviewInput,
        examples: [{ cardIds: [1], decision: 'approved', opinion: '资料完整' }],
      },
      response: { 200: ExamCardReviewResult },
    },
    handler: async (req) => reviewCards(deps.db, auditContext(req), actorOf(req), req.body),
  });
};
