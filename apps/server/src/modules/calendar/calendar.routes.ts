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
  ImportBatch,
  ImportReport,
  WorkingDaysQuery,
  WorkingDaysResult,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { registerRowImport, startImport } from '../../platform/imports/pipeline.js';
import { SheetError } from '../../platform/imports/sheet.js';
import { answerUpload, fileRefusal, myImportErrorFile, readUpload } from '../imports/index.js';
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

  app.get('/api/v1/calendar/import/template', {
    config: { access: 'calendar:manage' },
    schema: { tags, summary: '工作日历导入模板 Import template (xlsx)' },
    handler: async (req, reply) =>
      sendDownload(reply, req.lang, {
        body: await calendarImportTemplate(),
        type: XLSX_TYPE,
        names: { zh: '工作日历导入模板.xlsx', en: 'working-calendar-import-template.xlsx' },
      }),
  });

  // Uploads run as jobs (platform/imports/pipeline.ts), as every import does.
  registerRowImport(deps, calendarImportSpec);
  app.post('/api/v1/calendar/import', {
    config: { access: 'calendar:manage' },
    schema: {
      tags,
      summary:
        '导入工作日历 Import holidays and make-up workdays from xlsx/csv (multipart field "file"; ?dryRun=true writes nothing). A date already entered is replaced. 200 with the report when done within the wait, else 202 with the batch',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: ImportReport, 202: ImportBatch },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      try {
        const batch = await startImport(deps, auditContext(req), actorOf(req), {
          kind: 'calendar_day',
          ...upload,
          dryRun: Boolean(req.query.dryRun),
          lang: req.lang,
        });
        return await answerUpload(deps, req, reply, batch);
      } catch (e) {
        if (e instanceof SheetError) throw fileRefusal(e.reason, deps.config.imports, req.lang);
        throw e;
      } finally {
        // The job's chunks drop the cache as they commit; once more when the batch is answered.
        invalidateWorkingCalendar();
      }
    },
  });

  app.get('/api/v1/calendar/import/:batchId/errors', {
    config: { access: 'calendar:manage' },
    schema: {
      tags,
      summary:
        '导入错误文件 Rows rejected by a calendar import, as the original workbook plus an error column',
      params: Type.Object({ batchId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
    },
    handler: async (req, reply) => {
      const buf = await myImportErrorFile(deps.db, actorOf(req), Number(req.params.batchId), 'calendar_day');
      const batch = req.params.batchId;
      return sendDownload(reply, req.lang, {
        body: buf,
        type: XLSX_TYPE,
        names: { zh: `工作日历导入错误-批次${batch}.xlsx`, en: `calendar-import-errors-batch-${batch}.xlsx` },
      });
    },
  });
};
