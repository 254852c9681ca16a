/**
 * 质控评估: forms (versions), the yearly plan with its risk ranking, assessments with scores and the
 * filing-consistency check, self-assessments. The server says what the user may do in `abilities`.
 */
import type {
  QcAssessmentDetail,
  QcAssessmentSummary,
  QcCompleteInput,
  QcComplaintInput,
  QcConsistencyInput,
  QcExtraVisitInput,
  QcPlanCreateInput,
  QcPlanDetail,
  QcPlanSummary,
  QcScheduleInput,
  QcScoresInput,
  QcSelfCreateInput,
  QcTemplateCreateInput,
  QcTemplateDetail,
  QcTemplateSummary,
  QcTemplateUpdateInput,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';

export const QC_KEY = 'qc';

export const listTemplates = (q: Query = {}) => api.get<QcTemplateSummary[]>('/qc/templates', q);
export const getTemplate = (id: number) => api.get<QcTemplateDetail>(`/qc/templates/${id}`);
export const createTemplate = (body: QcTemplateCreateInput) =>
  api.post<{ id: number; version: number }>('/qc/templates', body);
export const updateTemplate = (id: number, body: QcTemplateUpdateInput) =>
  api.put<{ id: number }>(`/qc/templates/${id}`, body);
export const publishTemplate = (id: number) => api.post<{ id: number }>(`/qc/templates/${id}/publish`, {});
export const retireTemplate = (id: number) => api.post<{ id: number }>(`/qc/templates/${id}/retire`, {});

export const listPlans = () => api.get<QcPlanSummary[]>('/qc/plans');
export const getPlan = (id: number) => api.get<QcPlanDetail>(`/qc/plans/${id}`);
export const createPlan = (body: QcPlanCreateInput) =>
  api.post<{ id: number; year: number; entries: number }>('/qc/plans', body);
export const refreshPlan = (id: number) => api.post<{ added: number }>(`/qc/plans/${id}/refresh`, {});
export const addExtraVisit = (id: number, body: QcExtraVisitInput) =>
  api.post<{ entryId: number }>(`/qc/plans/${id}/extra-visits`, body);
export const recordComplaints = (id: number, body: QcComplaintInput) =>
  api.put<{ complaints: number }>(`/qc/plans/${id}/complaints`, body);

export const listAssessments = (q: Query) => api.get<PageResult<QcAssessmentSummary>>('/qc/assessments', q);
export const getAssessment = (id: number) => api.get<QcAssessmentDetail>(`/qc/assessments/${id}`);
export const scheduleAssessment = (body: QcScheduleInput) =>
  api.post<{ id: number }>('/qc/assessments', body);
export const saveScores = (id: number, self: boolean, body: QcScoresInput) =>
  api.put<{ id: number }>(`/qc/${self ? 'self-assessments' : 'assessments'}/${id}/scores`, body);
export const saveConsistency = (id: number, body: QcConsistencyInput) =>
  api.put<{ findings: unknown[] }>(`/qc/assessments/${id}/consistency`, body);
export const completeAssessment = (id: number, body: QcCompleteInput) =>
  api.post<{ grade: string; percent: number | null }>(`/qc/assessments/${id}/complete`, body);
export const reportMajor = (id: number, note: string) =>
  api.post<{ notified: number }>(`/qc/assessments/${id}/report-major`, { note });
export const createSelf = (body: QcSelfCreateInput) => api.post<{ id: number }>('/qc/self-assessments', body);
export const submitSelf = (id: number) => api.post<{ id: number }>(`/qc/self-assessments/${id}/submit`, {});
export const reviewSelf = (id: number, note: string | null) =>
  api.post<{ id: number }>(`/qc/self-assessments/${id}/review`, { note });
export const uploadEvidence = (id: number, self: boolean, item: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<{ id: number }>(`/qc/${self ? 'self-assessments' : 'assessments'}/${id}/evidence`, form, {
    item,
  });
};
export const evidenceUrl = (id: number, evidenceId: number) =>
  `/api/v1/qc/assessments/${id}/evidence/${evidenceId}`;

export const GRADE_COLOURS: Record<string, string> = { qualified: 'green', basic: 'gold', failed: 'red' };
export const STATUS_COLOURS: Record<string, string> = {
  scheduled: 'blue',
  in_progress: 'processing',
  completed: 'success',
  draft: 'default',
  submitted: 'processing',
  reviewed: 'success',
};
