/** 体检到期提醒: who is due for a periodic exam (GET /periodic-exams/due) and its export. */
import type { PeriodicDuePage } from '@ohp/contracts';
import { api, type Query } from '../../shared/api';
import { i18n } from '../../shared/i18n';

export const listDue = (q: Query) => api.get<PeriodicDuePage>('/periodic-exams/due', q);
export const exportDue = (q: Query) =>
  api.download('/periodic-exams/due.xlsx', q, i18n.t('periodic.files.export'));
