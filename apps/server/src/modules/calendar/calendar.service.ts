/**
 * 工作日历 (issue 16 item 1): the table of holidays and make-up workdays is the one truth every clock
 * counts on. `workingCalendar(db)` builds the calendar from it (cached in the process for a short while,
 * dropped on every write here); administrators add, change and delete days, each write audited; the
 * shipped State Council arrangements are copied in at start-up, a year once.
 */
import type {
  CalendarDayInfo,
  CalendarDayInput,
  CalendarDayPatch,
  CalendarDayRecord,
  CalendarYear,
  CalendarYearList,
  CalendarYearSummary,
  WorkingDaysQuery,
  WorkingDaysResult,
} from '@ohp/contracts';
import {
  addDays,
  calendarDays,
  chinaToday,
  createCalendar,
  type WorkingCalendar,
  workingCalendarMeta,
} from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { calendarDayAbilities, canManageCalendar } from './calendar.policy.js';
import {
  allCalendarDays,
  calendarDaysOfYear,
  calendarYearCounts,
  deleteCalendarDay,
  findCalendarDay,
  insertCalendarDay,
  insertShippedYear,
  lockCalendarDay,
  shippedYearsLoaded,
  updateCalendarDay,
  type CalendarDayRow,
  type CalendarDayValues,
  type YearCounts,
} from './calendar.repository.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------------------------------------------
// The one calendar.

/**
 * How long a built calendar is reused. Writes through this process drop it at once; another server
 * process on the same database sees a change after at most this long.
 */
export const CALENDAR_CACHE_MS = 30_000;

let cached: { calendar: WorkingCalendar; expires: number } | null = null;
/** Bumped by every invalidation, so a load that overlapped a write is not kept. */
let generation = 0;

/** Drops the cached calendar (after every write to working_calendar_day). */
export const invalidateWorkingCalendar = (): void => {
  generation++;
  cached = null;
};

/** A year counts as entered (not provisional) once the table holds at least one holiday of it. */
const buildCalendar = (rows: Array<{ day: string; kind: string; name: string; source: string }>) =>
  createCalendar(
    rows.map((r) => ({ date: r.day, kind: r.kind as 'holiday' | 'workday', name: r.name, source: r.source })),
    {
      includeShipped: false,
      extraLoadedYears: [
        ...new Set(rows.filter((r) => r.kind === 'holiday').map((r) => Number(r.day.slice(0, 4)))),
      ],
    },
  );

/**
 * The working calendar every clock uses, built from working_calendar_day. Inside a transaction pass
 * the transaction (PGlite has one connection): the days are read with it when the cache is cold.
 */
export const workingCalendar = async (db: Db): Promise<WorkingCalendar> => {
  const now = Date.now();
  if (cached && cached.expires > now) return cached.calendar;
  const at = generation;
  const calendar = buildCalendar(await allCalendarDays(db));
  if (at === generation) cached = { calendar, expires: now + CALENDAR_CACHE_MS };
  return calendar;
};

/**
 * Copies the shipped arrangements (@ohp/reference, State Council notices) of the years not copied yet;
 * idempotent, run at every start. A year once copied is the administrators' to change: its deleted or
 * changed days are never restored by a later start.
 */
export const syncShippedCalendar = async (db: Kysely<DB>): Promise<number[]> => {
  const done = await shippedYearsLoaded(db);
  const copied: number[] = [];
  const notices = workingCalendarMeta.notices as Record<string, string>;
  for (const y of workingCalendarMeta.years.map(Number)) {
    if (done.has(y)) continue;
    const days = calendarDays
      .filter((d) => d.date.startsWith(`${y}-`))
      .map((d) => ({ date: d.date, kind: d.kind, name: d.name, nameEn: d.nameEn ?? null, source: d.source }));
    const source = notices[String(y)] ?? workingCalendarMeta.source;
    if (await db.transaction().execute((trx) => insertShippedYear(trx, y, source, days))) copied.push(y);
  }
  invalidateWorkingCalendar();
  return copied;
};

// ---------------------------------------------------------------------------------------------------
// Reading.

const iso = (d: Date | string): string => (typeof d === 'string' ? d : d.toISOString());

const presentDay = (r: CalendarDayRow, actor: Actor): CalendarDayRecord => ({
  date: r.day,
  kind: r.kind as CalendarDayRecord['kind'],
  name: r.name,
  nameEn: r.name_en,
  source: r.source,
  note: r.note,
  origin: r.origin as CalendarDayRecord['origin'],
  importBatchId: r.import_batch_id,
  createdBy: r.created_by_name,
  createdAt: iso(r.created_at),
  updatedBy: r.updated_by_name,
  updatedAt: iso(r.updated_at),
  abilities: calendarDayAbilities(actor),
});

const summaryOf = (year: number, c: YearCounts | undefined): CalendarYearSummary => ({
  year,
  holidays: c?.holidays ?? 0,
  makeupWorkdays: c?.makeup_workdays ?? 0,
  provisional: !c || c.holidays === 0,
  shippedDays: c?.shipped_days ?? 0,
  adminDays: c?.admin_days ?? 0,
  lastChangedAt: c?.last_changed_at ? iso(c.last_changed_at) : null,
});

/** The years with entries, plus this year and the next (which may still be provisional). */
export const listCalendarYears = async (db: Kysely<DB>, actor: Actor): Promise<CalendarYearList> => {
  const counts = await calendarYearCounts(db);
  const today = chinaToday();
  const thisYear = Number(today.slice(0, 4));
  const years = [...new Set([...counts.map((c) => c.year), thisYear, thisYear + 1])].sort((a, b) => a - b);
  const by = new Map(counts.map((c) => [c.year, c]));
  return {
    data: years.map((y) => summaryOf(y, by.get(y))),
    today,
    abilities: { manage: canManageCalendar(actor) },
  };
};

export const getCalendarYear = async (db: Kysely<DB>, actor: Actor, year: number): Promise<CalendarYear> => {
  const [counts, days] = await Promise.all([calendarYearCounts(db, year), calendarDaysOfYear(db, year)]);
  return {
    ...summaryOf(year, counts[0]),
    days: days.map((d) => presentDay(d, actor)),
    abilities: { manage: canManageCalendar(actor) },
  };
};

const MIN_DATE = '2000-01-01';
const MAX_DATE = '2100-12-31';

const inRange = (date: string) => date >= MIN_DATE && date <= MAX_DATE;

export const describeCalendarDay = async (db: Kysely<DB>, date: string): Promise<CalendarDayInfo> => {
  if (!inRange(date)) throw invalid([{ path: 'date', reason: 'calendar_date_out_of_range' }]);
  return (await workingCalendar(db)).describeDay(date);
};

/** The calculator: the n-th working day after (n > 0) or before (n < 0) `from`. */
export const countWorkingDays = async (db: Kysely<DB>, q: WorkingDaysQuery): Promise<WorkingDaysResult> => {
  if (!inRange(q.from)) throw invalid([{ path: 'from', reason: 'calendar_date_out_of_range' }]);
  const cal = await workingCalendar(db);
  const r = cal.addWorkingDays(q.from, q.n);
  const holidaysPassed: CalendarDayInfo[] = [];
  const step = q.n < 0 ? -1 : 1;
  for (let d = q.from; d !== r.date;) {
    d = addDays(d, step);
    const info = cal.describeDay(d);
    if (info.kind === 'holiday' && d !== r.date) holidaysPassed.push(info);
  }
  return {
    from: q.from,
    n: q.n,
    date: r.date,
    provisional: r.provisional,
    day: cal.describeDay(r.date),
    holidaysPassed,
  };
};

// ---------------------------------------------------------------------------------------------------
// Writing (calendar:manage, checked by the route).

/** Saturday or Sunday. */
const isWeekend = (date: string): boolean => {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

/** The checks a day must pass, for the API and the import alike: field → reason. */
export const checkCalendarDay = (
  date: string,
  v: { kind: string; name: string; source: string },
): Array<{ path: string; reason: string }> => {
  const issues: Array<{ path: string; reason: string }> = [];
  if (!inRange(date)) issues.push({ path: 'date', reason: 'calendar_date_out_of_range' });
  // 调休: a make-up workday is a Saturday or Sunday worked; a weekday is a working day anyway.
  else if (v.kind === 'workday' && !isWeekend(date))
    issues.push({ path: 'date', reason: 'calendar_workday_not_weekend' });
  if (!v.name.trim()) issues.push({ path: 'name', reason: 'value_blank' });
  if (!v.source.trim()) issues.push({ path: 'source', reason: 'value_blank' });
  return issues;
};

const valuesOf = (
  v: Pick<CalendarDayInput, 'kind' | 'name' | 'source'> & { nameEn?: string | null; note?: string | null },
): CalendarDayValues => ({
  kind: v.kind,
  name: v.name.trim(),
  name_en: v.nameEn?.trim() || null,
  source: v.source.trim(),
  note: v.note?.trim() || null,
});

const auditValues = (date: string, v: CalendarDayValues & { origin?: string }) => ({
  date,
  kind: v.kind,
  name: v.name,
  nameEn: v.name_en,
  source: v.source,
  note: v.note,
  ...(v.origin && { origin: v.origin }),
});

const conflictFor = (existingKind: string, kind: string) =>
  new AppError(
    'conflict',
    existingKind === 'holiday' && kind === 'holiday' ? 'calendar_day_already_holiday' : 'calendar_day_exists',
    [
      {
        path: 'date',
        reason:
          existingKind === 'holiday' && kind === 'holiday'
            ? 'calendar_day_already_holiday'
            : 'calendar_day_exists',
        message: '',
      },
    ],
  );

const reload = async (db: Kysely<DB>, actor: Actor, date: string): Promise<CalendarDayRecord> => {
  const row = await findCalendarDay(db, date);
  if (!row) throw notFound();
  return presentDay(row, actor);
};

export const createCalendarDay = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: CalendarDayInput,
): Promise<CalendarDayRecord> => {
  const v = valuesOf(input);
  const issues = checkCalendarDay(input.date, v);
  if (issues.length) throw invalid(issues);
  await db.transaction().execute(async (trx) => {
    if (!(await insertCalendarDay(trx, input.date, v, { userId: actor.userId }))) {
      const existing = await lockCalendarDay(trx, input.date);
      throw conflictFor(existing?.kind ?? '', v.kind);
    }
    await writeAudit(trx, ctx, {
      action: 'calendar_day.create',
      entityType: 'calendar_day',
      entityId: input.date,
      after: auditValues(input.date, v),
    });
  });
  invalidateWorkingCalendar();
  return reload(db, actor, input.date);
};

export const updateCalendarDayFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  date: string,
  patch: CalendarDayPatch,
): Promise<CalendarDayRecord> => {
  const changed = await db.transaction().execute(async (trx) => {
    const before = await lockCalendarDay(trx, date);
    if (!before) throw notFound();
    const v = valuesOf({
      kind: patch.kind ?? (before.kind as CalendarDayInput['kind']),
      name: patch.name ?? before.name,
      nameEn: patch.nameEn !== undefined ? patch.nameEn : before.name_en,
      source: patch.source ?? before.source,
      note: patch.note !== undefined ? patch.note : before.note,
    });
    const issues = checkCalendarDay(date, v);
    if (issues.length) throw invalid(issues.map((i) => (i.path === 'date' ? { ...i, path: 'kind' } : i)));
    const same = (Object.keys(v) as Array<keyof CalendarDayValues>).every(
      (k) => (before[k] ?? null) === v[k],
    );
    if (same) return false;
    await updateCalendarDay(trx, date, v, { userId: actor.userId });
    await writeAudit(trx, ctx, {
      action: 'calendar_day.update',
      entityType: 'calendar_day',
      entityId: date,
      before: auditValues(date, { ...before, origin: before.origin }),
      after: auditValues(date, { ...v, origin: 'admin' }),
    });
    return true;
  });
  if (changed) invalidateWorkingCalendar();
  return reload(db, actor, date);
};

export const deleteCalendarDayFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  _actor: Actor,
  date: string,
): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    const before = await lockCalendarDay(trx, date);
    if (!before) throw notFound();
    await deleteCalendarDay(trx, date);
    await writeAudit(trx, ctx, {
      action: 'calendar_day.delete',
      entityType: 'calendar_day',
      entityId: date,
      before: auditValues(date, { ...before, origin: before.origin }),
    });
  });
  invalidateWorkingCalendar();
};
