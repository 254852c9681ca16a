/**
 * 整改台账: the ledger, an item's history and actions, the rates, the 拒不整改 marks and 对口帮扶. The
 * server says what the user may do in `abilities`.
 */
import type {
  PairingActivityInput,
  PairingCreateInput,
  PairingDetail,
  PairingReportInput,
  PairingSummary,
  PairingUpdateInput,
  RectificationCreateInput,
  RectificationDetail,
  RectificationFollowUpInput,
  RectificationRates,
  RectificationReopenInput,
  RectificationSummary,
  RectificationWriteResult,
  RefusalCreateInput,
  RefusalSummary,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';

export const RECTIFICATIONS_KEY = 'rectifications';

export const listRectifications = (q: Query) =>
  api.get<PageResult<RectificationSummary>>('/rectifications/items', q);
export const getRectification = (id: number) => api.get<RectificationDetail>(`/rectifications/items/${id}`);
export const getRectificationOfRound = (id: number) =>
  api.get<RectificationDetail>(`/rectifications/rounds/${id}`);
export const raiseRectification = (body: RectificationCreateInput) =>
  api.post<RectificationWriteResult & { created: boolean }>('/rectifications/items', body);
export const respondRectification = (
  id: number,
  body: { statement: string; responsiblePerson?: string | null },
) => api.post<RectificationWriteResult>(`/rectifications/items/${id}/respond`, body);
export const verifyRectification = (id: number, body: { opinion?: string | null }) =>
  api.post<RectificationWriteResult>(`/rectifications/items/${id}/verify`, body);
export const rejectRectification = (id: number, body: { opinion: string }) =>
  api.post<RectificationWriteResult>(`/rectifications/items/${id}/reject`, body);
export const reopenRectification = (id: number, body: RectificationReopenInput) =>
  api.post<RectificationWriteResult>(`/rectifications/items/${id}/reopen`, body);
export const followUpRectification = (id: number, body: RectificationFollowUpInput) =>
  api.post<RectificationWriteResult>(`/rectifications/items/${id}/follow-ups`, body);
export const uploadRectificationEvidence = (id: number, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<{ id: number }>(`/rectifications/items/${id}/evidence`, form);
};
export const rectificationEvidenceUrl = (id: number, evidenceId: number) =>
  `/api/v1/rectifications/items/${id}/evidence/${evidenceId}`;

export const getRectificationRates = (q: Query) => api.get<RectificationRates>('/rectifications/rates', q);

export const listRefusals = (q: Query) => api.get<PageResult<RefusalSummary>>('/rectifications/refusals', q);
export const markRefusal = (body: RefusalCreateInput) =>
  api.post<RefusalSummary>('/rectifications/refusals', body);
export const liftRefusal = (id: number, body: { note: string }) =>
  api.post<RefusalSummary>(`/rectifications/refusals/${id}/lift`, body);

export const listPairings = (q: Query) => api.get<PageResult<PairingSummary>>('/rectifications/pairings', q);
export const getPairing = (id: number) => api.get<PairingDetail>(`/rectifications/pairings/${id}`);
export const createPairing = (body: PairingCreateInput) =>
  api.post<PairingDetail>('/rectifications/pairings', body);
export const updatePairing = (id: number, body: PairingUpdateInput) =>
  api.patch<PairingDetail>(`/rectifications/pairings/${id}`, body);
export const addPairingActivity = (id: number, body: PairingActivityInput) =>
  api.post<PairingDetail>(`/rectifications/pairings/${id}/activities`, body);
export const submitPairingReport = (id: number, body: PairingReportInput) =>
  api.post<PairingDetail>(`/rectifications/pairings/${id}/reports`, body);

/** Institutions to pick (the organisations list in the user's scope), by name. */
export const searchInstitutions = async (q: string, kind?: string) =>
  (
    await api.get<PageResult<{ id: number; name: string; kind: string; regionCode: string }>>(
      '/organisations',
      {
        q: q || undefined,
        kind,
        pageSize: 20,
      },
    )
  ).data;

export const STATUS_COLOURS: Record<string, string> = {
  open: 'processing',
  submitted: 'warning',
  closed: 'success',
};
