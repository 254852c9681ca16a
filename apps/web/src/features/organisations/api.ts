import { api, type PageResult, type Query } from '../../shared/api';
import type { ImportReport, Organisation, OrganisationInput } from '../../shared/types';

export const listOrganisations = (q: Query) => api.get<PageResult<Organisation>>('/organisations', q);
export const getOrganisation = (id: number) => api.get<Organisation>(`/organisations/${id}`);
export const createOrganisation = (body: OrganisationInput) => api.post<Organisation>('/organisations', body);
export const updateOrganisation = (id: number, body: Partial<OrganisationInput>) =>
  api.patch<Organisation>(`/organisations/${id}`, body);
export const deleteOrganisation = (id: number) => api.delete<void>(`/organisations/${id}`);
export const exportOrganisations = (q: Query) => api.download('/organisations/export', q, '单位列表.xlsx');
export const downloadTemplate = () =>
  api.download('/organisations/import/template', undefined, '单位导入模板.xlsx');
export const downloadImportErrors = (batchId: string | number) =>
  api.download(`/organisations/import/${batchId}/errors`, undefined, `import-errors-${batchId}.xlsx`);
export const importOrganisations = (file: File, dryRun: boolean) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<ImportReport>('/organisations/import', fd, { dryRun });
};
