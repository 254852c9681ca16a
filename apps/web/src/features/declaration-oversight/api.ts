/** 申报调度: declaration rates, gap lists, the quarterly dispatch, the sampling check and the lists. */
import type {
  DeclarationRateEmployer,
  DeclarationRatesReport,
  DeclarationSamplingCheckInput,
  DeclarationSamplingDetail,
  DeclarationSamplingDrawInput,
  DeclarationSamplingSummary,
  DeclarationSamplingVerify,
  DispatchReport,
  InspectionDrawDetail,
  InspectionDrawInput,
  InspectionDrawPage,
  InspectionDrawVerify,
  OversightListDecisionInput,
  OversightListEntry,
  OversightListPage,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';
import { i18n } from '../../shared/i18n';

const base = '/declaration-oversight';
export const OVERSIGHT_KEY = 'declaration-oversight';

export const getRates = (q: Query) => api.get<DeclarationRatesReport>(`${base}/rates`, q);
export const getRateEmployers = (q: Query) =>
  api.get<PageResult<DeclarationRateEmployer>>(`${base}/rates/employers`, q);
export const exportRateEmployers = (q: Query) =>
  api.download(`${base}/rates/employers/export`, q, i18n.t('declarationOversight.files.gaps'));
export const getDispatch = (q: Query) => api.get<DispatchReport>(`${base}/dispatch`, q);
export const exportDispatch = (q: Query) =>
  api.download(`${base}/dispatch/export`, q, i18n.t('declarationOversight.files.dispatch'));
export const listSamplings = () => api.get<PageResult<DeclarationSamplingSummary>>(`${base}/samplings`);
export const exportSamplings = () =>
  api.download(`${base}/samplings/export`, undefined, i18n.t('declarationOversight.files.samplings'));
export const exportSamplingUnits = (id: number) =>
  api.download(
    `${base}/samplings/${id}/export`,
    undefined,
    i18n.t('declarationOversight.files.samplingUnits', { id }),
  );
export const getSampling = (id: number) => api.get<DeclarationSamplingDetail>(`${base}/samplings/${id}`);
export const drawSampling = (body: DeclarationSamplingDrawInput) =>
  api.post<DeclarationSamplingDetail>(`${base}/samplings`, body);
export const verifySampling = (id: number) =>
  api.get<DeclarationSamplingVerify>(`${base}/samplings/${id}/verify`);
export const recordSamplingCheck = (id: number, body: DeclarationSamplingCheckInput) =>
  api.post<DeclarationSamplingDetail>(`${base}/samplings/${id}/checks`, body);
export const getLists = (q: Query) => api.get<OversightListPage>(`${base}/lists`, q);
export const exportLists = (q: Query) =>
  api.download(`${base}/lists/export`, q, i18n.t('declarationOversight.files.lists'));
export const decideList = (body: OversightListDecisionInput) =>
  api.post<OversightListEntry>(`${base}/lists/decisions`, body);

export const listInspectionDraws = (q: Query) => api.get<InspectionDrawPage>(`${base}/inspection-draws`, q);
export const getInspectionDraw = (id: number) =>
  api.get<InspectionDrawDetail>(`${base}/inspection-draws/${id}`);
export const drawInspections = (body: InspectionDrawInput) =>
  api.post<InspectionDrawDetail>(`${base}/inspection-draws`, body);
export const verifyInspectionDraw = (id: number) =>
  api.get<InspectionDrawVerify>(`${base}/inspection-draws/${id}/verify`);

export const pct = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
export const pp = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;

/** The last complete quarter (China), e.g. 2026Q3, and the quarters of the last three years. */
export const quarterOptions = (today = new Date(Date.now() + 8 * 3_600_000)): string[] => {
  const y = today.getUTCFullYear();
  const q = Math.floor(today.getUTCMonth() / 3) + 1;
  const out: string[] = [];
  for (let yy = y; yy >= y - 2; yy--)
    for (let qq = 4; qq >= 1; qq--) if (yy < y || qq <= q) out.push(`${yy}Q${qq}`);
  return out;
};
