/** 劳动者档案: the workers API (list, history, audited reveal, history workbook). */
import type { WorkerDetail, WorkerRevealInput, WorkerRevealResult, WorkerSummary } from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';

export const WORKERS_KEY = 'workers';

export const listWorkers = (q: Query) => api.get<PageResult<WorkerSummary>>('/workers', q);
export const getWorker = (id: number) => api.get<WorkerDetail>(`/workers/${id}`);
export const revealWorker = (id: number, body: WorkerRevealInput) =>
  api.post<WorkerRevealResult>(`/workers/${id}/reveal`, body);
/** The history workbook: masked, or with `reason` the full one (workers:reveal). */
export const downloadWorkerHistory = (id: number, reason?: string) =>
  api.download(
    `/workers/${id}/history.xlsx`,
    reason ? { reveal: '1', reason } : undefined,
    `worker-${id}.xlsx`,
  );
