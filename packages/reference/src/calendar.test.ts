import { describe, it, expect } from 'vitest';
import { calendarDays, createCalendar, workingCalendarMeta } from './calendar';
import { addDays } from './dates';
import { readJson } from './test-helpers';

const cal = createCalendar();

describe('working calendar', () => {
  it('does load 2024–2026 and nothing later when built from chinese-days 1.5.7', () => {
    expect(cal.loadedYears).toEqual([2024, 2025, 2026]);
    expect(cal.lastLoadedYear).toBe(2026);
    expect(workingCalendarMeta.laterYearsInPackage).toEqual([]);
    expect(cal.coverage('2026-12-31')).toEqual({ loaded: true, year: 2026 });
    expect(cal.coverage('2027-03-01')).toEqual({ loaded: false, year: 2027 });
  });

  it('does follow the 2026 国庆 arrangement when the dates fall around it', () => {
    const working = (d: string) => cal.isWorkingDay(d);
    const days = [
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-01',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-11',
      '2026-10-12',
    ];
    expect(days.map(working)).toEqual([true, true, true, false, false, true, true, true, false, true]);
    expect(cal.describeDay('2026-10-10')).toMatchObject({
      kind: 'makeup_workday',
      name: '国庆节',
      provisional: false,
    });
    expect(cal.describeDay('2026-09-20')).toMatchObject({ working: true, kind: 'makeup_workday' });
    expect(cal.describeDay('2026-09-25')).toMatchObject({ working: false, kind: 'holiday', name: '中秋' });
    expect(cal.describeDay('2026-10-11')).toMatchObject({ working: false, kind: 'weekend' });
  });

  it('does skip the holiday week when adding working days', () => {
    expect(cal.addWorkingDays('2026-09-30', 1)).toEqual({ date: '2026-10-08', provisional: false });
    expect(cal.addWorkingDays('2026-10-08', -1)).toEqual({ date: '2026-09-30', provisional: false });
    expect(cal.addWorkingDays('2026-10-09', 1).date).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-10-03', 0).date).toBe('2026-10-03');
  });

  it('does count working days in (a, b] when counting between two dates', () => {
    expect(cal.workingDaysBetween('2026-09-28', '2026-10-12')).toEqual({ days: 6, provisional: false });
    expect(cal.workingDaysBetween('2026-10-12', '2026-09-28').days).toBe(-6);
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-07').days).toBe(0);
    const a = '2026-09-28';
    expect(cal.workingDaysBetween(a, cal.addWorkingDays(a, 5).date).days).toBe(5);
  });

  it('does leave n clear working days between notice and start when the convention is clear_days', () => {
    // Start 2026-10-12: working days back are 10-10, 10-09, 10-08, 09-30, 09-29, 09-28.
    expect(cal.workingDaysBefore('2026-10-12', 5)).toEqual({
      date: '2026-09-28',
      provisional: false,
      convention: 'clear_days',
    });
    // Start 2026-10-08: 09-30, 09-29, 09-28, then 09-24 (09-25…27 中秋).
    expect(cal.workingDaysBefore('2026-10-08', 3).date).toBe('2026-09-24');
    const notice = cal.workingDaysBefore('2026-10-12', 5).date;
    // Strictly between notice and start: exactly 5 working days.
    expect(cal.workingDaysBetween(notice, '2026-10-12').days - 1).toBe(5);
  });

  it('does count the notice day itself when the convention is notice_day_counts', () => {
    expect(cal.workingDaysBefore('2026-10-12', 5, 'notice_day_counts').date).toBe('2026-09-29');
    expect(cal.workingDaysBefore('2026-10-08', 1, 'notice_day_counts').date).toBe('2026-09-30');
    expect(cal.workingDaysBefore('2026-10-08', 1).date).toBe('2026-09-29');
  });

  it('does count Monday to Friday and mark results provisional when the year is not loaded', () => {
    expect(cal.describeDay('2027-01-01')).toMatchObject({
      working: true,
      kind: 'weekday',
      provisional: true,
    });
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
    expect(cal.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-04', provisional: true });
    expect(cal.workingDaysBetween('2026-12-28', '2027-01-04').provisional).toBe(true);
    expect(cal.workingDaysBefore('2027-01-06', 5).provisional).toBe(true);
  });

  it('does apply overrides and loaded years when an administrator supplies them', () => {
    const custom = createCalendar(
      [
        {
          date: '2027-01-01',
          kind: 'holiday',
          name: '元旦',
          source: '国务院办公厅关于2027年部分节假日安排的通知 (example)',
        },
        { date: '2026-10-10', kind: 'holiday', name: 'test', source: 'test override' },
      ],
      { extraLoadedYears: [2027] },
    );
    expect(custom.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-05', provisional: false });
    expect(custom.isWorkingDay('2026-10-10')).toBe(false);
    expect(custom.lastLoadedYear).toBe(2027);
    expect(() => createCalendar([{ date: '2027-02-30', kind: 'holiday', name: 'x', source: 'y' }])).toThrow(
      RangeError,
    );
    expect(() => createCalendar([{ date: '2027-02-03', kind: 'holiday', name: 'x', source: ' ' }])).toThrow(
      RangeError,
    );
  });

  it('does reject malformed dates when asked about them', () => {
    expect(() => cal.isWorkingDay('2026-10-32')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-10-01', 1.5)).toThrow(RangeError);
    expect(() => cal.workingDaysBefore('2026-10-12', 0)).toThrow(RangeError);
  });

  it('does agree with the 2025 and 2026 notices as reproduced by Xinhua when checked independently', () => {
    // Hand-copied from the notice texts (国办发明电〔2024〕12号 of 2024-11-12; notice of 2025-11-04) as
    // reproduced by 新华社 (politics.gmw.cn/2025-11/04/content_38391083.htm and a 新华网 mirror of 2024-11-12).
    const range = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
      return out;
    };
    const holidays = [
      ...range('2025-01-01', '2025-01-01'),
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ];
    const workdays = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'];
    workdays.push('2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10');
    const shipped = (kind: string) =>
      calendarDays.filter((d) => d.kind === kind && d.date >= '2025').map((d) => d.date);
    expect(shipped('holiday')).toEqual(holidays);
    expect(shipped('workday')).toEqual(workdays);
  });

  it('does match the verbatim chinese-days year files entry by entry when compared', () => {
    type YearFile = {
      holidays: Record<string, string>;
      workdays: Record<string, string>;
      inLieuDays: Record<string, string>;
    };
    const expected: string[] = [];
    for (const year of ['2024', '2025', '2026']) {
      const file = readJson(`source/chinese-days-1.5.7/${year}.json`) as YearFile;
      for (const [date, label] of Object.entries(file.holidays))
        expected.push(`${date} holiday ${label} ${date in file.inLieuDays}`);
      for (const [date, label] of Object.entries(file.workdays))
        expected.push(`${date} workday ${label} false`);
    }
    const generated = readJson('working-calendar.json') as {
      days: Array<{ date: string; statutoryDays: number }>;
    };
    const statutory = new Map(generated.days.map((d) => [d.date, d.statutoryDays]));
    const shipped = calendarDays.map(
      (d) => `${d.date} ${d.kind} ${d.nameEn},${d.name},${statutory.get(d.date)} ${d.inLieu}`,
    );
    expect(shipped.sort()).toEqual(expected.sort());
    expect(calendarDays.every((d) => d.source.startsWith('https://www.gov.cn/'))).toBe(true);
  });
});
