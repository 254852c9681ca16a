/** 驾驶舱 and 指标目录: the catalogue, the overview, its xlsx, and the optional read-source notice. */
import type {
  IndicatorCatalogue,
  IndicatorOverview,
  IndicatorReport,
  IndicatorReportKind,
  IndicatorTodos,
} from '@ohp/contracts';
import { api, ApiError } from '../../shared/api';
import { i18n } from '../../shared/i18n';

export const INDICATORS_KEY = 'indicators';

export type OverviewQuery = { region?: string; period?: string };

export const getCatalogue = () => api.get<IndicatorCatalogue>('/indicators/catalogue');
export const getOverview = (q: OverviewQuery) => api.get<IndicatorOverview>('/indicators/overview', q);
export const exportOverview = (q: OverviewQuery) =>
  api.download(
    '/indicators/overview.xlsx',
    q,
    i18n.t('indicators.exportFile', { region: q.region ?? 'own', period: q.period ?? 'current' }),
  );

export type ReadSource = {
  source: 'primary' | 'standby';
  lagSeconds: number | null;
  fallbackReason: string | null;
};
/** Which database answered reads; null where the server has no such route (404) or refuses it. */
export const getReadSource = async (): Promise<ReadSource | null> => {
  try {
    return await api.get<ReadSource>('/read-source', undefined, { quiet: true });
  } catch (e) {
    if (e instanceof ApiError && e.status >= 400 && e.status < 500) return null;
    throw e;
  }
};

export type ReportQuery = { kind: IndicatorReportKind; region?: string; period?: string };
export const getReport = (q: ReportQuery) => api.get<IndicatorReport>('/indicators/reports', q);
export const downloadReport = (q: ReportQuery, format: 'xlsx' | 'pdf') =>
  api.download(`/indicators/reports.${format}`, q, `indicator-report-${q.kind}.${format}`);
export const getRegionTodos = (region?: string) =>
  api.get<IndicatorTodos>('/indicators/todos', region ? { region } : undefined);
