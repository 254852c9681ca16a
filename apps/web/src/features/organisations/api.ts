import { api, type PageResult, type Query } from '../../shared/api';
import { i18n } from '../../shared/i18n';
import type {
  ImportBatch,
  ImportReport,
  MyOrganisationPatch,
  Organisation,
  OrganisationHistoryEntry,
  OrganisationInput,
} from '../../shared/types';

export const listOrganisations = (q: Query) => api.get<PageResult<Organisation>>('/organisations', q);
export const getOrganisation = (id: number) => api.get<Organisation>(`/organisations/${id}`);
export const createOrganisation = (body: OrganisationInput) => api.post<Organisation>('/organisations', body);
export const updateOrganisation = (id: number, body: Partial<OrganisationInput>) =>
  api.patch<Organisation>(`/organisations/${id}`, body);
export const deleteOrganisation = (id: number) => api.delete<void>(`/organisations/${id}`);
// The server names each file in the UI language (Content-Disposition filename*); these are fallbacks.
export const exportOrganisations = (q: Query) =>
  api.download('/organisations/export', q, i18n.t('files.orgExport'));
export const downloadTemplate = () =>
  api.download('/organisations/import/template', undefined, i18n.t('files.orgTemplate'));
export const downloadImportErrors = (batchId: string | number) =>
  api.download(
    `/organisations/import/${batchId}/errors`,
    undefined,
    i18n.t('files.importErrors', { batch: batchId }),
  );
/**
 * The report when the import finished within the server's wait (200), else the batch to follow (202,
 * GET /imports/:id; tell them apart with isImportBatch of ../imports/api).
 */
export const importOrganisations = (file: File, dryRun: boolean) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<ImportReport | ImportBatch>('/organisations/import', fd, { dryRun });
};
export const getOrganisationHistory = (id: number, q: { page?: number; pageSize?: number } = {}) =>
  api.get<PageResult<OrganisationHistoryEntry>>(`/organisations/${id}/history`, q);
/** 本单位信息: the signed-in user's own organisation (no id: the server takes it from the session). */
export const getMyOrganisation = () => api.get<Organisation>('/my-organisation');
export const updateMyOrganisation = (body: MyOrganisationPatch) =>
  api.patch<Organisation>('/my-organisation', body);
