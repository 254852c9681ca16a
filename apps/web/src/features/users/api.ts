import { api, type PageResult, type Query } from '../../shared/api';
import type { CreatedUser, Organisation, Role, User, UserInput, UserPatch } from '../../shared/types';

export const listUsers = (q: Query) => api.get<PageResult<User>>('/users', q);
export const createUser = (body: UserInput) => api.post<CreatedUser>('/users', body);
export const updateUser = (id: number, body: UserPatch) => api.patch<User>(`/users/${id}`, body);
export const resetPassword = (id: number) =>
  api.post<{ initialPassword: string }>(`/users/${id}/reset-password`);
export const unlockUser = (id: number) => api.post<{ ok: true }>(`/users/${id}/unlock`);
export const resetTotp = (id: number) => api.post<{ ok: true }>(`/users/${id}/reset-totp`);
export const assignRoles = (id: number, roleKeys: string[]) =>
  api.put<User>(`/users/${id}/roles`, { roleKeys });
export const listRoles = () => api.get<{ data: Role[] }>('/roles');
export const searchOrganisations = (q: string, kind?: string) =>
  api.get<PageResult<Organisation>>('/organisations', {
    q: q || undefined,
    kind,
    pageSize: 50,
    sort: 'name',
  });
