/** HTTP wiring of the worker registry (劳动者档案, issue 15 item 6). */
import {
  IdParams,
  Page,
  WorkerDetail,
  WorkerHistoryExportQuery,
  WorkerListQuery,
  WorkerRevealInput,
  WorkerRevealResult,
  WorkerSummary,
} from '@ohp/contracts';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { exportWorkerHistory, getWorkerFor, listWorkersFor, revealWorker } from './workers.service.js';

const tags = ['workers'];

export const registerWorkerRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/workers', {
    config: { access: 'workers:read' },
    schema: {
      tags,
      summary: '劳动者档案 Workers in scope, masked, each with their latest exam',
      description:
        'A regulator sees the workers examined for employers in its region, an exam institution the workers it examined, an employer its own workers (the cards naming it). `idNumber` finds a worker by the keyed hash of the number (exact; names are encrypted and not searchable). Filters apply to the worker’s exams in scope: any exam naming the employer / by the institution, any suspected disease / contraindication, the latest exam within from–to. Newest latest exam first.',
      querystring: WorkerListQuery,
      response: { 200: Page(WorkerSummary) },
    },
    handler: async (req) =>
      listWorkersFor(deps.db, deps.crypto, actorOf(req), req.query, deps.config.listExactCountLimit),
  });

  app.get('/api/v1/workers/:id', {
    config: { access: 'workers:read' },
    schema: {
      tags,
      summary: '个人职业健康档案 A worker’s exams across employers and institutions (in scope, masked)',
      description:
        'Every exam of the worker in the caller’s scope, newest first, with its conclusions, review status and suspected cases. A worker with no exam in scope is 404.',
      params: IdParams,
      response: { 200: WorkerDetail },
    },
    handler: async (req) => getWorkerFor(deps.db, deps.crypto, actorOf(req), Number(req.params.id)),
  });

  app.post('/api/v1/workers/:id/reveal', {
    config: {
      access: 'workers:reveal',
      sessionNeutral: true,
      example: { as: 'demo-county', params: { id: '1' } },
    },
    schema: {
      tags,
      summary: '查看完整信息 Reveal a worker’s ID number, name and phone (reason required, audited)',
      description:
        'The reason (at least 4 characters) is kept in the audit entry worker.reveal with the fields shown — never the values. Without a reason: 400 naming the field `reason`. A worker out of scope: 404.',
      params: IdParams,
      body: {
        ...WorkerRevealInput,
        examples: [{ reason: '核实疑似职业病报告，需联系劳动者本人', fields: ['idNumber', 'name', 'phone'] }],
      },
      response: { 200: WorkerRevealResult },
    },
    handler: async (req) =>
      revealWorker(deps.db, deps.crypto, auditContext(req), actorOf(req), Number(req.params.id), req.body),
  });

  app.get('/api/v1/workers/:id/history.xlsx', {
    config: { access: 'workers:read' },
    schema: {
      tags,
      summary: '导出档案 The worker’s history as a workbook (masked; full with reveal=1 and a reason)',
      description:
        'Masked by default. `reveal=1&reason=…` puts the full ID number, name and phone in (workers:reveal, else 403; a reason of at least 4 characters, else 400). Every export is audited (worker.history_export, with the reason when revealed).',
      params: IdParams,
      querystring: WorkerHistoryExportQuery,
    },
    handler: async (req, reply) => {
      const file = await exportWorkerHistory(
        deps.db,
        deps.crypto,
        auditContext(req),
        actorOf(req),
        Number(req.params.id),
        req.query,
        req.lang,
      );
      return sendDownload(reply, req.lang, { body: file.body, type: XLSX_TYPE, names: file.names });
    },
  });
};
