/**
 * The shared clocks (期限): a clock of a kind starts on a date and is due a number of calendar or working
 * days later (deadline_rule, with its legal basis and confidence); it names the organisation that must
 * act and the region whose regulators are warned when it runs late. Working days are counted on the
 * one working calendar (holidays and make-up workdays as data: modules/calendar, `workingCalendar`).
 * Issues 16 and 17 open their clocks here too.
 */
import type { WorkingCalendar } from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { workingCalendar } from '../calendar/index.js';
import {
  deadlineRules,
  insertDeadlines,
  type DeadlineRule,
  type NewDeadline,
} from './deadlines.repository.js';

const addCalendarDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The due date of a clock of this rule starting on `startsOn`; working days are counted on `calendar`
 * (`workingCalendar(db)`, read with the caller's transaction).
 */
export const dueDate = (
  rule: Pick<DeadlineRule, 'days' | 'day_type'>,
  startsOn: string,
  calendar: WorkingCalendar,
): string =>
  rule.day_type === 'working'
    ? calendar.addWorkingDays(startsOn, rule.days).date
    : addCalendarDays(startsOn, rule.days);

/** A clock to open; `due_on` when the one who opens it set the date (a rectification's due date), else the rule's. */
export type ClockToOpen = Omit<NewDeadline, 'due_on'> & { due_on?: string };

/** Opens clocks (their due dates from the rules, read once); an open clock of the same subject stays. */
export const openDeadlines = async (
  db: Kysely<DB> | Transaction<DB>,
  clocks: ClockToOpen[],
): Promise<void> => {
  if (!clocks.length) return;
  const rules = new Map((await deadlineRules(db)).map((r) => [r.kind, r]));
  const calendar = await workingCalendar(db);
  await insertDeadlines(
    db,
    clocks.map((c) => {
      const rule = rules.get(c.kind);
      if (!rule) throw new Error(`no deadline rule for ${c.kind}`);
      return { ...c, due_on: c.due_on ?? dueDate(rule, c.starts_on, calendar) };
    }),
  );
};

/** Days a clock is overdue on `today` (0 when it is not, or done). */
export const overdueDays = (dueOn: string, doneAt: Date | string | null, today: string): number =>
  doneAt || dueOn >= today ? 0 : Math.round((Date.parse(today) - Date.parse(dueOn)) / 86_400_000);
