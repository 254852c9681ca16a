/** HTTP wiring for the working-day calendar (工作日历). */
import {
  CalendarDateParams,
  CalendarDayInfo,
  CalendarDayInput,
  CalendarDayPatch,
  CalendarDayRecord,
  CalendarYear,
  CalendarYearList,
  CalendarYearParams,
  WorkingDaysQuery,
  WorkingDaysResult,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { registerSheetImport } from '../imports/index.js';
import { calendarImportSpec, calendarImportTemplate } from './calendar.import.js';
import {
  countWorkingDays,
  createCalendarDay,
  deleteCalendarDayFor,
  describeCalendarDay,
  getCalendarYear,
  invalidateWorkingCalendar,
  listCalendarYears,
  updateCalendarDayFor,
} from './calendar.service.js';

const tags = ['calendar'];

export const registerCalendarRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/calendar/years', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary:
        '工作日历年份 Years of the working calendar with their holidays and make-up workdays; provisional: no arrangement entered, Monday–Friday count',
      response: { 200: CalendarYearList },
    },
    handler: async (req) => listCalendarYears(deps.db, actorOf(req)),
  });

  app.get('/api/v1/calendar/years/:year', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '某年工作日历 The holidays and make-up workdays of one year, with who entered them',
      params: CalendarYearParams,
      response: { 200: CalendarYear },
    },
    handler: async (req) => getCalendarYear(deps.db, actorOf(req), req.params.year),
  });

  app.get('/api/v1/calendar/working-days', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary:
        '工作日计算 The n-th working day after (n > 0) or before (n < 0) a date, on the calendar every clock uses',
      querystring: WorkingDaysQuery,
      response: { 200: WorkingDaysResult },
    },
    handler: async (req) => countWorkingDays(deps.db, req.query),
  });

  app.get('/api/v1/calendar/days/:date', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary:
        '是否工作日 Whether a date is a working day, and why (weekday, weekend, holiday, make-up workday)',
      params: CalendarDateParams,
      response: { 200: CalendarDayInfo },
    },
    handler: async (req) => describeCalendarDay(deps.db, req.params.date),
  });

  app.post('/api/v1/calendar/days', {
    config: { access: 'calendar:manage', example: { as: 'demo-sysadmin' } },
    schema: {
      tags,
      summary: '新增日历日 Enter a holiday or make-up workday (from the State Council notice); audited',
      body: CalendarDayInput,
      response: { 201: CalendarDayRecord },
    },
    handler: async (req, reply) => {
      const day = await createCalendarDay(deps.db, auditContext(req), actorOf(req), req.body);
      return reply.status(201).send(day);
    },
  });

  app.patch('/api/v1/calendar/days/:date', {
    config: {
      access: 'calendar:manage',
      example: { as: 'demo-sysadmin', params: { date: '2026-10-10' } },
    },
    schema: {
      tags,
      summary: '修改日历日 Change a day of the calendar; audited',
      params: CalendarDateParams,
      body: CalendarDayPatch,
      response: { 200: CalendarDayRecord },
    },
    handler: async (req) =>
      updateCalendarDayFor(deps.db, auditContext(req), actorOf(req), req.params.date, req.body),
  });

  app.delete('/api/v1/calendar/days/:date', {
    config: { access: 'calendar:manage' },
    schema: {
      tags,
      summary: '删除日历日 Remove a day from the calendar (it counts by the week again); audited',
      params: CalendarDateParams,
      response: { 204: Type.Null() },
    },
    handler: async (req, reply) => {
      await deleteCalendarDayFor(deps.db, auditContext(req), actorOf(req), req.params.date);
      return reply.status(204).send(null);
    },
  });

  registerSheetImport(app, deps, {
    spec: calendarImportSpec,
    path: '/api/v1/calendar/import',
    tags,
    summary:
      '导入工作日历 Import holidays and make-up workdays from xlsx/csv; a date already entered is replaced',
    template: calendarImportTemplate,
    templateNames: { zh: '工作日历导入模板.xlsx', en: 'working-calendar-import-template.xlsx' },
    errorNames: (b) => ({
      zh: `工作日历导入错误-批次${b}.xlsx`,
      en: `calendar-import-errors-batch-${b}.xlsx`,
    }),
    // The job's chunks drop the cache as they commit; once more when the batch is answered.
    afterUpload: invalidateWorkingCalendar,
  });
};
