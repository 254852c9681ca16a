/**
 * 现场核查: the QC centre's on-site verification of a new filing (schedule, checklist results, complete)
 * and the institution's read-only view. The server says what the user may do in `abilities`.
 */
import type {
  VerificationCompleteInput,
  VerificationDetail,
  VerificationResultsInput,
  VerificationScheduleInput,
  VerificationSummary,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';

export const VERIFICATIONS_KEY = 'verifications';

export const listVerifications = (q: Query) => api.get<PageResult<VerificationSummary>>('/verifications', q);
export const getVerification = (id: number) => api.get<VerificationDetail>(`/verifications/${id}`);
export const scheduleVerification = (id: number, body: VerificationScheduleInput) =>
  api.patch<{ id: number; status: string }>(`/verifications/${id}`, body);
export const recordVerification = (id: number, body: VerificationResultsInput) =>
  api.put<{ id: number }>(`/verifications/${id}/results`, body);
export const completeVerification = (id: number, body: VerificationCompleteInput) =>
  api.post<{ id: number; result: string; blocked: string[] }>(`/verifications/${id}/complete`, body);

export const uploadEvidence = (id: number, item: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<{ id: number }>(`/verifications/${id}/evidence`, form, { item });
};
export const evidenceUrl = (id: number, evidenceId: number) =>
  `/api/v1/verifications/${id}/evidence/${evidenceId}`;

export const STATUS_COLOURS: Record<string, string> = {
  pending: 'default',
  scheduled: 'processing',
  completed: 'success',
};
