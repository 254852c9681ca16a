/** HTTP wiring of the suspected-case tracker (疑似职业病追踪, issue 15 item 7). */
import {
  IdParams,
  Page,
  SuspectedCase,
  SuspectedCaseEventInput,
  SuspectedCaseListQuery,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { listCasesFor, recordCaseEvent } from './suspected-cases.service.js';

const tags = ['suspected-cases'];

export const registerSuspectedCaseRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/suspected-cases', {
    config: { access: 'exam_reports:read' },
    schema: {
      tags,
      summary: '疑似职业病追踪 Suspected cases in scope, with their clocks',
      description:
        'Every 疑似职业病 conclusion of a stored card opens a case: open → employer_notified → referred → diagnosed / excluded (withdrawn when the institution corrects the card). Each case carries its clocks (deadline_rule: days, legal basis, confidence — the suspected-case day counts are placeholders marked uncertain); `overdue=true` lists the cases with a clock past due. Worker data masked.',
      querystring: SuspectedCaseListQuery,
      response: { 200: Page(SuspectedCase) },
    },
    handler: async (req) =>
      listCasesFor(deps.db, actorOf(req), req.query, req.lang, deps.config.listExactCountLimit),
  });

  app.post('/api/v1/suspected-cases/:id/events', {
    config: { access: 'suspected_cases:record', example: { as: 'demo-exam', params: { id: '1' } } },
    schema: {
      tags,
      summary: '登记追踪进展 Record a step of a suspected case',
      description:
        'employer_notified: the exam institution that found the case (closes its notify clock); referred: the institution or the employer (referredTo: the diagnosis institution); diagnosed (diseaseCode of the national table, stage for a pneumoconiosis) or excluded: the regulator of the employer’s region (closes the diagnosis clock). Steps go forward only (409 otherwise); the date defaults to today and may not be before the case was found. Audited.',
      params: IdParams,
      body: {
        ...SuspectedCaseEventInput,
        examples: [{ event: 'employer_notified', note: '已电话并书面通知用人单位' }],
      },
      response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }) },
    },
    handler: async (req) =>
      recordCaseEvent(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });
};
