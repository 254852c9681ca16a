/**
 * 外出体检告知: the institution's notices (draft, edit, submit, withdraw) and the receiving department's
 * queue (acknowledge). The server says what the user may do now in `abilities`.
 */
import type {
  OutboundDelegation,
  OutboundDelegationInput,
  OutboundSetting,
  OutboundSettingInput,
  OutboundNoticeDetail,
  OutboundNoticeInput,
  OutboundNoticePatch,
  OutboundNoticeSummary,
  OutboundOptions,
  OutboundTiming,
} from '@ohp/contracts';
import { api, type Query } from '../../shared/api';

export const OUTBOUND_KEY = 'outbound-notices';

export type EmployerChoice = {
  id: number;
  name: string;
  creditCode: string | null;
  regionCode: string;
  address: string | null;
};

export const listNotices = (q: Query) =>
  api.get<{ data: OutboundNoticeSummary[]; total: number; page: number; pageSize: number }>(
    '/outbound-notices',
    q,
  );
export const getNotice = (id: number) => api.get<OutboundNoticeDetail>(`/outbound-notices/${id}`);
export const getOptions = () => api.get<OutboundOptions>('/outbound-notices/options');
export const getTiming = (startDate?: string) =>
  api.get<OutboundTiming>('/outbound-notices/timing', { startDate });
export const searchEmployers = (q: string) => api.get<EmployerChoice[]>('/outbound-notices/employers', { q });
export const createNotice = (body: OutboundNoticeInput) =>
  api.post<{ id: number }>('/outbound-notices', body);
export const updateNotice = (id: number, body: OutboundNoticePatch) =>
  api.put<{ id: number }>(`/outbound-notices/${id}`, body);
export const submitNotice = (id: number) =>
  api.post<{ id: number; status: string; document: { documentId: number } }>(
    `/outbound-notices/${id}/submit`,
    {},
  );
export const withdrawNotice = (id: number, reason: string) =>
  api.post<{ id: number; status: string }>(`/outbound-notices/${id}/withdraw`, { reason });
export const acknowledgeNotice = (id: number, note: string) =>
  api.post<{ id: number; status: string }>(`/outbound-notices/${id}/acknowledge`, {
    note: note.trim() || null,
  });

// 外出体检设置: the province's notice period and its delegated counties.
export const getSetting = (province: string) => api.get<OutboundSetting>(`/outbound-settings/${province}`);
export const putSetting = (province: string, body: OutboundSettingInput) =>
  api.put<OutboundSetting>(`/outbound-settings/${province}`, body);
export const listDelegations = (province: string) =>
  api.get<OutboundDelegation[]>(`/outbound-settings/${province}/delegations`);
export const addDelegation = (province: string, body: OutboundDelegationInput) =>
  api.post<OutboundDelegation>(`/outbound-settings/${province}/delegations`, body);
export const removeDelegation = (province: string, county: string) =>
  api.delete<null>(`/outbound-settings/${province}/delegations/${county}`);

export const STATUS_COLOURS: Record<string, string | undefined> = {
  draft: 'default',
  submitted: 'processing',
  acknowledged: 'success',
  withdrawn: undefined,
};
