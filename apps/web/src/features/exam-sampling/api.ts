/** 个案卡抽查: draws of cards per exam institution with a recorded seed, and the paper-report checks. */
import type {
  ExamSampleCandidates,
  ExamSampleCheckInput,
  ExamSampleCheckResult,
  ExamSampleDetail,
  ExamSampleDrawInput,
  ExamSampleReplay,
  ExamSampleSummary,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';
import { i18n } from '../../shared/i18n';

export const listSamples = (q: Query) => api.get<PageResult<ExamSampleSummary>>('/exam-samples', q);
export const getSample = (id: number) => api.get<ExamSampleDetail>(`/exam-samples/${id}`);
export const drawSample = (body: ExamSampleDrawInput) => api.post<ExamSampleDetail>('/exam-samples', body);
export const sampleCandidates = (q: { from: string; to: string; reviewedOnly?: boolean }) =>
  api.get<ExamSampleCandidates>('/exam-samples/candidates', q);
export const recordCheck = (id: number, body: ExamSampleCheckInput) =>
  api.post<ExamSampleCheckResult>(`/exam-samples/${id}/checks`, body);
export const replaySample = (id: number) => api.get<ExamSampleReplay>(`/exam-samples/${id}/replay`);
export const exportSample = (id: number) =>
  api.download(`/exam-samples/${id}/export`, undefined, i18n.t('sampling.files.export'));

/** The react-query key prefix of this feature. */
export const SAMPLES_KEY = 'exam-samples';

/** A rate as a percentage with one decimal, or “-”. */
export const pct = (rate: number | null): string => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);
