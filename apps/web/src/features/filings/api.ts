/**
 * 机构备案: the institution's filing (steps, attachments, submit, change, cancel) and the provincial
 * commission's review (queue, return with opinion, file). The server says what the user may do now in
 * `abilities`; the screens only show those actions.
 */
import type { FilingContent, FilingDetail, FilingSummary } from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';
import { i18n } from '../../shared/i18n';
import type { ImportBatch, ImportReport } from '../../shared/types';

export const FILINGS_KEY = 'filings';

export const listFilings = (q: Query) => api.get<PageResult<FilingSummary>>('/filings', q);
export const getFiling = (id: number) => api.get<FilingDetail>(`/filings/${id}`);
export const createFiling = () => api.post<{ id: number }>('/filings', {});
export const saveFilingSteps = (id: number, content: FilingContent) =>
  api.put<{ id: number; versionId: number }>(`/filings/${id}/content`, content);
export const submitFiling = (id: number) =>
  api.post<{ id: number; status: string }>(`/filings/${id}/submit`, {});
export const changeFiling = (id: number, reason: string) =>
  api.post<{ id: number; versionId: number }>(`/filings/${id}/change`, { reason });
export const cancelFiling = (id: number, reason: string) =>
  api.post<{ id: number; status: string }>(`/filings/${id}/cancel`, { reason });
export const returnFiling = (id: number, opinion: string) =>
  api.post<{ id: number; status: string }>(`/filings/${id}/return`, { opinion });
export const fileFiling = (id: number, opinion?: string) =>
  api.post<{ id: number; filingNo: string; receipt: { documentId: number } }>(`/filings/${id}/file`, {
    opinion: opinion?.trim() || null,
  });
export const uploadAttachment = (id: number, kind: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<{ id: number }>(`/filings/${id}/attachments`, form, { kind });
};
export const removeAttachment = (id: number, attachmentId: number) =>
  api.delete<{ id: number }>(`/filings/${id}/attachments/${attachmentId}`);
export const attachmentUrl = (id: number, attachmentId: number) =>
  `/api/v1/filings/${id}/attachments/${attachmentId}`;

export const STATUS_COLOURS: Record<string, string | undefined> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  filed: 'success',
  cancelled: undefined,
};

/** Rows of a step with their index as `key` (the steps' rows have no ids of their own). */
export const keyed = <T extends object>(rows: readonly T[]): Array<T & { key: number }> =>
  rows.map((r, i) => ({ ...r, key: i }));

/* 历史备案导入: the provincial commission imports the cities' earlier filings (xlsx/csv, a job). */
export const downloadFilingImportTemplate = () =>
  api.download('/filings/import/template', undefined, i18n.t('filings.importFiles.template'));
export const downloadFilingImportErrors = (batchId: string | number) =>
  api.download(
    `/filings/import/${batchId}/errors`,
    undefined,
    i18n.t('filings.importFiles.errors', { batch: batchId }),
  );
export const importFilings = (file: File, dryRun: boolean) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<ImportReport | ImportBatch>('/filings/import', fd, { dryRun });
};
