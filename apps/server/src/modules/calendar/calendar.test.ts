/**
 * The working-day calendar as data (issue 16 item 1) against a real database: the shipped days in the
 * table (copied once), working-day arithmetic through the table across 国庆 and 春节 with make-up
 * Saturdays, an administrator's 2027 entry changing the due date of a newly opened clock, audit
 * entries, bad inputs in zh-CN and en, and the import with a bad row reported.
 */
import { calendarDays } from '@ohp/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { openDeadlines } from '../deadlines/index.js';
import { invalidateWorkingCalendar, syncShippedCalendar, workingCalendar } from './index.js';

let t: TestContext;
let admin: Client;
let county: Client;
let sysadminName: string;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('demo-sysadmin');
  county = await t.login('demo-county');
  sysadminName = (
    await t.deps.db
      .selectFrom('app_user')
      .select('display_name')
      .where('username', '=', 'demo-sysadmin')
      .executeTakeFirstOrThrow()
  ).display_name;
});
afterAll(async () => t.close());

type Detail = { path: string; reason: string; message: string };
const errorOf = (body: Record<string, unknown>) =>
  body.error as { code: string; reason?: string; message: string; details?: Detail[] };

const tableCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('working_calendar_day')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const auditOf = (action: string, entityId: string) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_username', 'entity_type', 'entity_id', 'before', 'after'])
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .orderBy('seq', 'desc')
    .execute();

describe('the calendar table', () => {
  it('holds the shipped days once, and a later start restores no day an administrator deleted', async () => {
    expect(await tableCount()).toBe(calendarDays.length);
    const row = await t.deps.db
      .selectFrom('working_calendar_day')
      .selectAll()
      .where('day', '=', '2025-10-01')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'holiday', name: '国庆节', origin: 'shipped' });
    expect(row.source).toMatch(/^https:\/\/www\.gov\.cn\//);
    expect(await syncShippedCalendar(t.deps.db)).toEqual([]);
    expect(await tableCount()).toBe(calendarDays.length);

    const del = await admin.delete('/api/v1/calendar/days/2024-01-01');
    expect(del.status).toBe(204);
    await syncShippedCalendar(t.deps.db);
    expect(await tableCount()).toBe(calendarDays.length - 1);
    const put = await admin.post('/api/v1/calendar/days', {
      date: '2024-01-01',
      kind: 'holiday',
      name: '元旦',
      source: 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
    });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ origin: 'admin', createdBy: sysadminName });
  });
});

describe('working days through the table', () => {
  it('skips 国庆 2025 and counts the make-up Sunday and Saturday (9-28, 10-11)', async () => {
    const cal = await workingCalendar(t.deps.db);
    // 国务院办公厅 2025 notice: 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班.
    expect(cal.addWorkingDays('2025-09-26', 1).date).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-30', 1).date).toBe('2025-10-09');
    expect(cal.addWorkingDays('2025-09-30', 3).date).toBe('2025-10-11');
    expect(cal.addWorkingDays('2025-10-09', -2).date).toBe('2025-09-29');
    expect(cal.describeDay('2025-10-06')).toMatchObject({
      working: false,
      kind: 'holiday',
      provisional: false,
    });
  });

  it('skips 春节 2026 and counts the make-up Saturdays (2-14, 2-28)', async () => {
    // 2026 notice: 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班.
    const r = await county.get('/api/v1/calendar/working-days?from=2026-02-13&n=2');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ date: '2026-02-24', provisional: false });
    const passed = (r.body.holidaysPassed as Array<{ date: string }>).map((d) => d.date);
    expect(passed).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect((await county.get('/api/v1/calendar/working-days?from=2026-02-13&n=1')).body.date).toBe(
      '2026-02-14',
    );
    expect((await county.get('/api/v1/calendar/working-days?from=2026-02-24&n=4')).body.date).toBe(
      '2026-02-28',
    );
    expect((await county.get('/api/v1/calendar/working-days?from=2026-03-02&n=-5')).body.date).toBe(
      '2026-02-24',
    );
    const day = await county.get('/api/v1/calendar/days/2026-02-28');
    expect(day.body).toMatchObject({
      working: true,
      kind: 'makeup_workday',
      name: '春节',
      provisional: false,
    });
  });

  it('follows a changed day at once: deleting the make-up Saturday 2026-02-28 makes it a weekend again', async () => {
    expect((await admin.delete('/api/v1/calendar/days/2026-02-28')).status).toBe(204);
    expect((await county.get('/api/v1/calendar/days/2026-02-28')).body).toMatchObject({
      working: false,
      kind: 'weekend',
    });
    expect((await county.get('/api/v1/calendar/working-days?from=2026-02-24&n=4')).body.date).toBe(
      '2026-03-02',
    );
    const audit = await auditOf('calendar_day.delete', '2026-02-28');
    expect(audit[0]).toMatchObject({ actor_username: 'demo-sysadmin', entity_type: 'calendar_day' });
    expect(audit[0]!.before).toMatchObject({ kind: 'workday', name: '春节', origin: 'shipped' });
    const back = await admin.post('/api/v1/calendar/days', {
      date: '2026-02-28',
      kind: 'workday',
      name: '春节',
      source: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    });
    expect(back.status).toBe(201);
  });
});

describe('a later year entered by an administrator', () => {
  const openClock = async (subjectId: number) => {
    await t.deps.db.transaction().execute((trx) =>
      openDeadlines(trx, [
        {
          kind: 'calendar_test_clock',
          subject_type: 'calendar_test',
          subject_id: subjectId,
          starts_on: '2027-09-30',
          responsible_organisation_id: null,
          regulator_region_code: '22',
        },
      ]),
    );
    return (
      await t.deps.db
        .selectFrom('deadline')
        .select('due_on')
        .where('kind', '=', 'calendar_test_clock')
        .where('subject_id', '=', subjectId)
        .executeTakeFirstOrThrow()
    ).due_on;
  };

  it('changes the due date of a clock opened after the 2027 国庆 days are entered', async () => {
    await t.deps.db
      .insertInto('deadline_rule')
      .values({
        kind: 'calendar_test_clock',
        name_zh: '测试：3 个工作日',
        name_en: 'Test: 3 working days',
        days: 3,
        day_type: 'working',
        legal_basis: '测试规则',
        confidence: 'uncertain',
      })
      .execute();
    const before = await county.get('/api/v1/calendar/years/2027');
    expect(before.body).toMatchObject({ provisional: true, holidays: 0, days: [] });
    const years = await county.get('/api/v1/calendar/years');
    const listed = (years.body.data as Array<{ year: number; provisional: boolean }>).map((y) => y.year);
    expect(listed).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    // Not entered yet: Monday–Friday. Thu 9-30 → Fri 10-1, Mon 10-4, Tue 10-5.
    expect(await openClock(1)).toBe('2027-10-05');
    expect((await county.get('/api/v1/calendar/working-days?from=2027-09-30&n=3')).body).toMatchObject({
      date: '2027-10-05',
      provisional: true,
    });

    for (const d of ['01', '02', '03', '04', '05', '06', '07']) {
      const r = await admin.post('/api/v1/calendar/days', {
        date: `2027-10-${d}`,
        kind: 'holiday',
        name: '国庆节',
        source: '测试：管理员录入的 2027 年放假安排',
      });
      expect(r.status, d).toBe(201);
    }
    const sat = await admin.post('/api/v1/calendar/days', {
      date: '2027-10-09',
      kind: 'workday',
      name: '国庆节',
      source: '测试：管理员录入的 2027 年放假安排',
    });
    expect(sat.status).toBe(201);
    // Entered: Fri 10-8, Sat 10-9 (make-up), Mon 10-11.
    expect(await openClock(2)).toBe('2027-10-11');
    // A clock keeps the due date it was opened with.
    expect(await openClock(1)).toBe('2027-10-05');
    const after = await county.get('/api/v1/calendar/years/2027');
    expect(after.body).toMatchObject({ year: 2027, holidays: 7, makeupWorkdays: 1, provisional: false });
    expect((await county.get('/api/v1/calendar/working-days?from=2027-09-30&n=3')).body).toMatchObject({
      date: '2027-10-11',
      provisional: false,
    });

    const audit = await auditOf('calendar_day.create', '2027-10-09');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_username: 'demo-sysadmin', entity_type: 'calendar_day' });
    expect(audit[0]!.after).toMatchObject({ date: '2027-10-09', kind: 'workday', name: '国庆节' });
  });

  it('audits a change with what it was and what it became, and leaves an unchanged patch unaudited', async () => {
    const r = await admin.patch('/api/v1/calendar/days/2027-10-07', { name: '国庆节、中秋节', note: '合并' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: '国庆节、中秋节',
      note: '合并',
      origin: 'admin',
      updatedBy: sysadminName,
    });
    const audit = await auditOf('calendar_day.update', '2027-10-07');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ name: '国庆节', note: null });
    expect(audit[0]!.after).toMatchObject({ name: '国庆节、中秋节', note: '合并' });
    expect((await admin.patch('/api/v1/calendar/days/2027-10-07', { name: '国庆节、中秋节' })).status).toBe(
      200,
    );
    expect(await auditOf('calendar_day.update', '2027-10-07')).toHaveLength(1);
  });

  it('drops the cached calendar on a write', async () => {
    const cal = await workingCalendar(t.deps.db);
    expect(await workingCalendar(t.deps.db)).toBe(cal);
    await admin.post('/api/v1/calendar/days', {
      date: '2027-12-31',
      kind: 'holiday',
      name: '测试',
      source: '测试',
    });
    const next = await workingCalendar(t.deps.db);
    expect(next).not.toBe(cal);
    expect(next.isWorkingDay('2027-12-31')).toBe(false);
    expect((await admin.delete('/api/v1/calendar/days/2027-12-31')).status).toBe(204);
    expect((await workingCalendar(t.deps.db)).isWorkingDay('2027-12-31')).toBe(true);
    invalidateWorkingCalendar();
  });
});

describe('bad input', () => {
  const post = (body: Record<string, unknown>, lang = 'zh-CN') =>
    admin.request('POST', '/api/v1/calendar/days', body, { 'accept-language': lang });
  const day = { date: '2027-05-03', kind: 'holiday', name: '劳动节', source: '测试通知' };

  it('names the field and says why, in Chinese and in English', async () => {
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ ...day, date: '2027-02-30' }, 400, 'date', 'date_format'],
      [{ ...day, date: '27-5-3' }, 400, 'date', 'date_format'],
      [{ ...day, kind: 'vacation' }, 400, 'kind', ''],
      [{ ...day, name: '   ' }, 400, 'name', 'value_blank'],
      [{ ...day, source: '' }, 400, 'source', 'minLength'],
      [{ ...day, date: '1999-10-01' }, 400, 'date', 'calendar_date_out_of_range'],
      // 2027-05-05 is a Wednesday: a weekday is a working day anyway.
      [{ ...day, date: '2027-05-05', kind: 'workday' }, 400, 'date', 'calendar_workday_not_weekend'],
      [{ ...day, date: '2026-10-01' }, 409, 'date', 'calendar_day_already_holiday'],
      [{ ...day, date: '2026-10-10' }, 409, 'date', 'calendar_day_exists'],
    ];
    for (const [body, status, path, reason] of cases) {
      for (const lang of ['zh-CN', 'en']) {
        const r = await post(body, lang);
        expect(r.status, JSON.stringify(body)).toBe(status);
        const d = errorOf(r.body).details?.find((x) => x.path === path);
        expect(d, `${JSON.stringify(body)} ${lang}`).toBeDefined();
        if (reason) expect(d!.reason).toBe(reason);
        expect(d!.message).not.toBe('');
        expect(d!.message).not.toBe(d!.reason);
        if (lang === 'zh-CN') expect(d!.message).toMatch(/[\u4e00-\u9fff]/);
        else expect(d!.message).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect((await county.get('/api/v1/calendar/days/2027-05-03')).body).toMatchObject({ kind: 'weekday' });
  });

  it('refuses the make-up day on a weekday when kind is changed, and unknown dates', async () => {
    const r = await admin.patch('/api/v1/calendar/days/2027-10-05', { kind: 'workday' });
    expect(r.status).toBe(400);
    expect(errorOf(r.body).details).toEqual([
      expect.objectContaining({ path: 'kind', reason: 'calendar_workday_not_weekend' }),
    ]);
    expect((await admin.patch('/api/v1/calendar/days/2027-03-03', { name: 'x' })).status).toBe(404);
    expect((await admin.delete('/api/v1/calendar/days/2027-03-03')).status).toBe(404);
    expect((await admin.patch('/api/v1/calendar/days/2027-10-05', {})).status).toBe(400);
    expect((await county.get('/api/v1/calendar/working-days?from=2026-13-01&n=1')).status).toBe(400);
    expect((await county.get('/api/v1/calendar/working-days?from=2026-10-01&n=5000')).status).toBe(400);
    expect((await county.get('/api/v1/calendar/days/2026-1-1')).status).toBe(400);
  });

  it('refuses writes without calendar:manage', async () => {
    expect((await county.post('/api/v1/calendar/days', day)).status).toBe(403);
    expect((await county.delete('/api/v1/calendar/days/2026-10-01')).status).toBe(403);
    const years = await county.get('/api/v1/calendar/years');
    expect(years.status).toBe(200);
    expect(years.body.abilities).toEqual({ manage: false });
  });
});

describe('import', () => {
  const upload = (csv: string, dryRun = false) => {
    const { payload, contentType } = multipartFile(Buffer.from(csv, 'utf8'), 'calendar-2028.csv');
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/calendar/import${dryRun ? '?dryRun=true' : ''}`,
      payload,
      headers: { 'content-type': contentType, 'x-csrf-token': admin.csrfToken!, 'accept-language': 'zh-CN' },
      cookies: { ohp_sid: admin.sessionToken! },
    });
  };
  const src = '测试：2028 年放假安排';

  it('imports a year, reports the bad rows with their reasons, and serves them as an error workbook', async () => {
    const csv = [
      '日期,类型,名称,英文名称,依据,备注',
      `2028-01-01,放假,元旦,New Year's Day,${src},`,
      `2028/1/2,放假,元旦,,${src},`,
      `2028-01-29,调休上班,春节,,${src},`,
      `2028-02-30,放假,春节,,${src},`,
      `2028-01-26,上班,春节,,${src},`,
      `2028-05-01,休息日,劳动节,,${src},`,
      `2028-10-01,放假,国庆节,,,`,
      `2028-10-02,放假,国庆节,,${src},`,
      `2028-10-02,放假,国庆节,,${src},`,
    ].join('\n');
    const res = await upload(csv);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{
      batchId: number;
      accepted: number;
      rejected: number;
      errors: Array<{ row: number; column: string; reason: string; message: string }>;
      errorFileId: string | null;
    }>();
    expect(report.accepted).toBe(3);
    expect(report.rejected).toBe(6);
    const byRow = Object.fromEntries(report.errors.map((e) => [e.row, `${e.column}:${e.reason}`]));
    expect(byRow).toMatchObject({
      5: '日期:date_format',
      // 2028-01-26 is a Wednesday.
      6: '日期:calendar_workday_not_weekend',
      7: '类型:calendar_kind_unknown',
      8: '依据:value_required',
      9: '日期:calendar_date_repeated',
      10: '日期:calendar_date_repeated',
    });
    expect(report.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
    const year = await county.get('/api/v1/calendar/years/2028');
    expect(year.body).toMatchObject({ holidays: 2, makeupWorkdays: 1, provisional: false });
    const days = year.body.days as Array<{ date: string; importBatchId: number | null; origin: string }>;
    expect(days.map((d) => d.date)).toEqual(['2028-01-01', '2028-01-02', '2028-01-29']);
    expect(days.every((d) => d.importBatchId === report.batchId && d.origin === 'admin')).toBe(true);
    // The calendar every clock uses sees the import at once.
    expect((await workingCalendar(t.deps.db)).isWorkingDay('2028-01-29')).toBe(true);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username'])
      .where('action', '=', 'calendar_day.import')
      .execute();
    expect(audit).toEqual([{ action: 'calendar_day.import', actor_username: 'demo-sysadmin' }]);

    const errors = await admin.get(`/api/v1/calendar/import/${report.batchId}/errors`);
    expect(errors.status).toBe(200);
    expect(errors.raw.headers['content-type']).toContain('spreadsheetml');
    expect((await county.get(`/api/v1/calendar/import/${report.batchId}/errors`)).status).toBe(403);

    // Again with one name changed: the rest unchanged, the changed one updated.
    const again = await upload(
      [
        '日期,类型,名称,英文名称,依据,备注',
        `2028-01-01,放假,元旦,New Year's Day,${src},`,
        `2028-01-02,放假,元旦（调整）,,${src},`,
      ].join('\n'),
    );
    expect(again.json()).toMatchObject({ accepted: 0, updated: 1, unchanged: 1, rejected: 0 });
  });

  it('serves the template', async () => {
    const r = await admin.get('/api/v1/calendar/import/template');
    expect(r.status).toBe(200);
    expect(r.raw.headers['content-type']).toContain('spreadsheetml');
  });
});
