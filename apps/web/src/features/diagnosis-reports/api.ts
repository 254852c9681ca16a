/**
 * 职业病诊断报告: the reports in the user's scope, one report with its versions and the suspected case it
 * resolved, the suspected cases referred to the user's institution, and the report door.
 */
import type {
  DiagnosisReferral,
  DiagnosisReportDetail,
  DiagnosisReportInput,
  DiagnosisReportResult,
  DiagnosisReportSummary,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';

export type { DiagnosisReferral, DiagnosisReportDetail, DiagnosisReportInput, DiagnosisReportSummary };

export const listDiagnosisReports = (q: Query) =>
  api.get<PageResult<DiagnosisReportSummary>>('/diagnosis-reports', q);
export const getDiagnosisReport = (id: number) => api.get<DiagnosisReportDetail>(`/diagnosis-reports/${id}`);
export const listReferrals = () => api.get<DiagnosisReferral[]>('/diagnosis-reports/referrals');
export const submitDiagnosisReport = (body: DiagnosisReportInput) =>
  api.post<DiagnosisReportResult>('/diagnosis-reports', body);

/** The react-query key prefix of this feature. */
export const REPORTS_KEY = 'diagnosis-reports';

/** The pneumoconioses (尘肺病) are the national table's subcategory 11 (1101 矽肺 … 1113). */
export const isPneumoconiosis = (code: string | null | undefined) => !!code && /^11\d{2}$/.test(code);
/** 职业性化学中毒: category 5 (5001 …), which names 急性 or 慢性. */
export const isPoisoning = (code: string | null | undefined) => !!code && /^5\d{3}$/.test(code);
