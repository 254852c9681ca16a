/** 工作日历: the years, one year's days, the day writes, the import and the calculator. */
import type {
  CalendarDayInput,
  CalendarDayPatch,
  CalendarDayRecord,
  CalendarYear,
  CalendarYearList,
  WorkingDaysResult,
} from '@ohp/contracts';
import { api } from '../../shared/api';
import { i18n } from '../../shared/i18n';
import type { ImportBatch, ImportReport } from '../../shared/types';

export const CALENDAR_KEY = 'calendar';

export const listYears = () => api.get<CalendarYearList>('/calendar/years');
export const getYear = (year: number) => api.get<CalendarYear>(`/calendar/years/${year}`);
export const createDay = (body: CalendarDayInput) => api.post<CalendarDayRecord>('/calendar/days', body);
export const updateDay = (date: string, body: CalendarDayPatch) =>
  api.patch<CalendarDayRecord>(`/calendar/days/${date}`, body);
export const deleteDay = (date: string) => api.delete<void>(`/calendar/days/${date}`);
export const workingDays = (from: string, n: number) =>
  api.get<WorkingDaysResult>('/calendar/working-days', { from, n });

export const downloadCalendarTemplate = () =>
  api.download('/calendar/import/template', undefined, i18n.t('calendar.files.template'));
export const downloadCalendarErrors = (batchId: string | number) =>
  api.download(
    `/calendar/import/${batchId}/errors`,
    undefined,
    i18n.t('calendar.files.errors', { batch: batchId }),
  );
export const importCalendar = (file: File, dryRun: boolean) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<ImportReport | ImportBatch>('/calendar/import', fd, { dryRun });
};
