/**
 * 职业病危害项目申报: the employer's declarations (新建, steps, submit) and the county's review (待受理,
 * 退回 with opinion, 受理 with the receipt). The server says what the user may do now in `abilities`.
 */
import type {
  DeclarationDetail,
  DeclarationForm,
  DeclarationOptions,
  DeclarationSummary,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';
import { i18n } from '../../shared/i18n';
import type { ImportBatch, ImportReport } from '../../shared/types';

export const DECLARATIONS_KEY = 'declarations';

export const listDeclarations = (q: Query) => api.get<PageResult<DeclarationSummary>>('/declarations', q);
export const getDeclaration = (id: number) => api.get<DeclarationDetail>(`/declarations/${id}`);
export const declarationOptions = () => api.get<DeclarationOptions>('/declarations/options');
export const createDeclaration = (body: {
  type: string;
  triggerDate?: string | null;
  changeReason?: string;
}) => api.post<{ id: number; dueOn: string | null }>('/declarations', body);
export const saveDeclaration = (id: number, form: DeclarationForm) =>
  api.put<{ id: number; issues: Array<{ path: string; reason: string }> }>(`/declarations/${id}`, { form });
export const deleteDeclaration = (id: number) => api.delete<{ id: number }>(`/declarations/${id}`);
export const submitDeclaration = (id: number) =>
  api.post<{ id: number; status: string; late?: boolean }>(`/declarations/${id}/submit`, {});
export const returnDeclaration = (id: number, opinion: string) =>
  api.post<{ id: number; status: string }>(`/declarations/${id}/return`, { opinion });
export const acceptDeclaration = (id: number, opinion?: string) =>
  api.post<{ id: number; status: string; receipt: { documentId: number; code: string } }>(
    `/declarations/${id}/accept`,
    opinion?.trim() ? { opinion: opinion.trim() } : {},
  );
export const exportDeclarations = (q: Query) =>
  api.download('/declarations/export', q, i18n.t('declarations.exportName'));

export const STATUS_COLOURS: Record<string, string | undefined> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

/* 历史申报导入 (a job): template, errors workbook, upload. */
export const downloadDeclarationImportTemplate = () =>
  api.download('/declarations/import/template', undefined, i18n.t('declarations.importFiles.template'));
export const downloadDeclarationImportErrors = (batchId: string | number) =>
  api.download(
    `/declarations/import/${batchId}/errors`,
    undefined,
    i18n.t('declarations.importFiles.errors', { batch: batchId }),
  );
export const importDeclarations = (file: File, dryRun: boolean) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<ImportReport | ImportBatch>('/declarations/import', fd, { dryRun });
};
