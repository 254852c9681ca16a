/**
 * The calendar import (xlsx/csv through the one job pipeline): one row per holiday or make-up workday
 * of a year's State Council notice. A row for a date already in the table replaces that entry (the
 * administrator's from then on); the batch is audited once (`calendar_day.import`) by the pipeline.
 */
import { calendarImportColumns } from '@ohp/contracts';
import { isIsoDate } from '@ohp/reference';
import type { CommitResult, RowImportSpec, RowIssue, RowOutcome } from '../../platform/imports/pipeline.js';
import { normaliseText, writeWorkbook, type SheetRow } from '../../platform/imports/sheet.js';
import {
  insertCalendarDay,
  lockCalendarDays,
  updateCalendarDay,
  type CalendarDayValues,
} from './calendar.repository.js';
import { checkCalendarDay, invalidateWorkingCalendar } from './calendar.service.js';

type CalendarRecord = CalendarDayValues & { date: string };

const [DATE, KIND, NAME, NAME_EN, SOURCE, NOTE] = calendarImportColumns;

const KINDS = new Map<string, 'holiday' | 'workday'>([
  ['放假', 'holiday'],
  ['休', 'holiday'],
  ['假', 'holiday'],
  ['holiday', 'holiday'],
  ['调休上班', 'workday'],
  ['上班', 'workday'],
  ['班', 'workday'],
  ['workday', 'workday'],
]);

/** 2027-01-01, 2027/1/1, 2027.1.1 or 2027年1月1日 → 2027-01-01; null when it is no real date. */
export const parseCalendarDate = (s: string): string | null => {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
};

const COLUMN_OF: Record<string, string> = { date: DATE, kind: KIND, name: NAME, source: SOURCE };

const checkRow = (row: SheetRow): RowOutcome<CalendarRecord> => {
  const get = (h: string) => normaliseText(row.values[h] ?? '');
  const issues: RowIssue[] = [];
  for (const h of [DATE, KIND, NAME, SOURCE])
    if (!get(h)) issues.push({ column: h, reason: 'value_required' });
  const date = get(DATE) ? parseCalendarDate(get(DATE)) : null;
  if (get(DATE) && !date) issues.push({ column: DATE, reason: 'date_format' });
  const kind = KINDS.get(get(KIND).toLowerCase());
  if (get(KIND) && !kind) issues.push({ column: KIND, reason: 'calendar_kind_unknown' });
  if (get(NAME).length > 50) issues.push({ column: NAME, reason: 'calendar_text_too_long' });
  if (get(NAME_EN).length > 100) issues.push({ column: NAME_EN, reason: 'calendar_text_too_long' });
  if (get(SOURCE).length > 500) issues.push({ column: SOURCE, reason: 'calendar_text_too_long' });
  if (get(NOTE).length > 500) issues.push({ column: NOTE, reason: 'calendar_text_too_long' });
  const record: CalendarRecord = {
    date: date ?? '',
    kind: kind ?? 'holiday',
    name: get(NAME),
    name_en: get(NAME_EN) || null,
    source: get(SOURCE),
    note: get(NOTE) || null,
  };
  // The rules the API applies too; a column already refused (e.g. empty) is reported once.
  if (date && kind)
    for (const i of checkCalendarDay(date, record)) {
      const column = COLUMN_OF[i.path] ?? i.path;
      if (!issues.some((x) => x.column === column)) issues.push({ column, reason: i.reason });
    }
  return issues.length ? { ok: false, issues } : { ok: true, record };
};

export const calendarImportSpec: RowImportSpec<CalendarRecord> = {
  kind: 'calendar_day',
  permission: 'calendar:manage',
  analyze: ['working_calendar_day'],
  columns: calendarImportColumns.map((header) => ({
    header,
    required: header === DATE || header === KIND || header === NAME || header === SOURCE,
  })),
  validate: async (_trx, rows) => {
    const outcomes = rows.map(checkRow);
    // The same date twice in one file: both rows are refused (which one is meant cannot be told).
    const seen = new Map<string, number>();
    for (const o of outcomes) if (o.ok) seen.set(o.record.date, (seen.get(o.record.date) ?? 0) + 1);
    return outcomes.map((o) =>
      o.ok && (seen.get(o.record.date) ?? 0) > 1
        ? { ok: false, issues: [{ column: DATE, reason: 'calendar_date_repeated' }] }
        : o,
    );
  },
  orderKey: (r) => r.date,
  commit: async (trx, records, actor, batchId) => {
    const existing = new Map(
      (
        await lockCalendarDays(
          trx,
          records.map((r) => r.record.date),
        )
      ).map((d) => [d.day, d]),
    );
    const results: CommitResult[] = [];
    for (const { rowNo, record } of records) {
      const { date, ...values } = record;
      const before = existing.get(date);
      if (!before) {
        const inserted = await insertCalendarDay(trx, date, values, {
          userId: actor.userId,
          importBatchId: batchId,
        });
        results.push(
          inserted
            ? { rowNo, outcome: 'accepted' }
            : { rowNo, outcome: 'rejected', issues: [{ column: DATE, reason: 'calendar_date_repeated' }] },
        );
        continue;
      }
      const same = (Object.keys(values) as Array<keyof CalendarDayValues>).every(
        (k) => (before[k] ?? null) === values[k],
      );
      if (same) {
        results.push({ rowNo, outcome: 'unchanged' });
        continue;
      }
      await updateCalendarDay(trx, date, values, { userId: actor.userId, importBatchId: batchId });
      results.push({ rowNo, outcome: 'updated' });
    }
    if (results.some((r) => r.outcome === 'accepted' || r.outcome === 'updated')) invalidateWorkingCalendar();
    return results;
  },
};

/** The template: the columns and two example rows of a notice (a holiday and a make-up workday). */
export const calendarImportTemplate = async (): Promise<Buffer> =>
  writeWorkbook(
    '工作日历',
    [...calendarImportColumns],
    [
      [
        '2027-01-01',
        '放假',
        '元旦',
        "New Year's Day",
        '国务院办公厅关于2027年部分节假日安排的通知',
        '示例行：请按通知填写，导入前删除',
      ],
      [
        '2027-02-07',
        '调休上班',
        '春节',
        'Spring Festival',
        '国务院办公厅关于2027年部分节假日安排的通知',
        '示例行：请按通知填写，导入前删除',
      ],
    ],
  );
