/**
 * The notification centre and the overdue warnings (issue 16 item 1).
 *
 * The sweep finds the open clocks that ran past their due date and were never warned about, and in one
 * transaction per chunk writes a notification to the organisation that must act and to the regulators
 * of the clock's region, and marks the clocks warned (deadline.warned_at): each clock is warned about
 * once, however often the sweep runs, and a crash between chunks loses nothing (the next run picks up the
 * clocks still unwarned; the unique key of notification refuses a second warning to the same recipient).
 * It runs as a job (`deadlines.sweep`) queued at start and every hour, and once when the demo is seeded.
 */
import {
  renderNotificationTitle,
  type Lang,
  type Notification,
  type NotificationListQuery,
  type NotificationPage,
  type NotificationReadInput,
  type NotificationReadResult,
} from '@ohp/contracts';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import type { Deps } from '../../platform/http/types.js';
import { scheduleRecurringJob } from '../../platform/jobs/schedule.js';
import { todayIso } from './deadlines.inbox.js';
import { regulatorKinds } from './deadlines.policy.js';
import {
  countNotifications,
  countUnread,
  insertNotifications,
  listNotifications,
  lockOverdueUnwarned,
  markNotificationsRead,
  markWarned,
  myNotificationIds,
  regulatorsIn,
  type NewNotification,
  type Recipient,
} from './notifications.repository.js';
import { subjectInfo, subjectKey } from './todos.repository.js';

const recipientOf = (actor: Actor): Recipient => ({
  organisationId: actor.organisationId,
  userId: actor.userId,
});

const presentNotification = (
  n: Awaited<ReturnType<typeof listNotifications>>[number],
  lang: Lang,
): Notification => {
  const params = (n.params ?? {}) as Record<string, unknown>;
  return {
    id: n.notification_id,
    kind: n.kind,
    title: renderNotificationTitle(n.kind, params, lang),
    params,
    link: n.link,
    deadlineId: n.deadline_id,
    personal: n.user_id !== null,
    createdAt: n.created_at.toISOString(),
    readAt: n.read_at ? n.read_at.toISOString() : null,
  };
};

export const listNotificationsFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: NotificationListQuery,
  lang: Lang,
  exactCountLimit: number,
): Promise<NotificationPage> => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const who = recipientOf(actor);
  const f = { unread: q.unread === true };
  const [rows, { total, totalExact }, unread] = await Promise.all([
    listNotifications(db, who, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countNotifications(db, who, f, { limit: exactCountLimit, exact: q.exactTotal === true }),
    countUnread(db, who),
  ]);
  return { data: rows.map((n) => presentNotification(n, lang)), total, totalExact, page, pageSize, unread };
};

export const unreadCountFor = async (db: Kysely<DB>, actor: Actor): Promise<{ unread: number }> => ({
  unread: await countUnread(db, recipientOf(actor)),
});

/**
 * Marks notifications read: one (`id`), several (`ids`) or all of the user's (`all`). A named
 * notification that is not the user's does not exist for the user (404, nothing marked). Audited
 * (`notification.read`) when anything changed.
 */
export const markNotificationsReadFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: NotificationReadInput | { id: number },
): Promise<NotificationReadResult> => {
  const ids = 'id' in input ? [input.id] : (input.ids ?? null);
  const all = !('id' in input) && input.all === true;
  if ((ids === null) === !all) throw invalid([{ path: 'ids', reason: 'notification_ids_or_all' }]);
  const who = recipientOf(actor);
  return db.transaction().execute(async (trx) => {
    if (ids) {
      const visible = await myNotificationIds(trx, who, ids);
      if (visible.length !== ids.length) throw new AppError('not_found', 'not_found');
    }
    const updated = await markNotificationsRead(trx, who, ids);
    if (updated.length)
      await writeAudit(trx, ctx, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: updated.length === 1 ? updated[0]! : null,
        after: { ids: updated.slice(0, 200), count: updated.length, all },
      });
    return { updated: updated.length, unread: await countUnread(trx, who) };
  });
};

/**
 * Writes notifications that are not about a clock, in the caller's transaction (e.g. a major QC problem
 * the QC centre reports to the provincial commission at once: modules/qc). Returns how many were written.
 */
export const notifyOrganisations = (
  trx: Transaction<DB>,
  rows: Array<{ organisationId: number; kind: string; params: Record<string, unknown>; link: string | null }>,
): Promise<number> =>
  insertNotifications(
    trx,
    rows.map((r) => ({
      organisation_id: r.organisationId,
      user_id: null,
      kind: r.kind,
      params: r.params,
      link: r.link,
      deadline_id: null,
    })),
  );

// ---------- the overdue sweep ----------

const SWEEP_CHUNK = 200;

/** The prefixes of a region code, province to itself (GB/T 2260 levels: 2, 4, 6, 9 digits). */
const regionPrefixes = (code: string): string[] =>
  [2, 4, 6, 9].filter((n) => n <= code.length).map((n) => code.slice(0, n));

export type SweepResult = { clocks: number; notifications: number };
type Step = <T>(work: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;

/**
 * Warns about every clock that is overdue on `today` and was not warned about yet (see the file
 * comment); returns how many clocks were warned about and how many notifications written. `inStep`
 * runs each chunk's transaction (the job's, which checks the runner still holds the job; else db's).
 */
export const sweepOverdueDeadlines = async (
  db: Kysely<DB>,
  today: string = todayIso(),
  inStep: Step = (work) => db.transaction().execute(work),
): Promise<SweepResult> => {
  const result: SweepResult = { clocks: 0, notifications: 0 };
  for (;;) {
    const step = await inStep(async (trx) => {
      const clocks = await lockOverdueUnwarned(trx, today, SWEEP_CHUNK);
      if (!clocks.length) return { clocks: 0, notifications: 0 };
      const subjects = await subjectInfo(trx, clocks);
      const prefixes = [...new Set(clocks.flatMap((c) => regionPrefixes(c.regulator_region_code)))];
      const regulators = await regulatorsIn(trx, regulatorKinds, prefixes);
      const rows: NewNotification[] = [];
      for (const c of clocks) {
        const params = {
          kind: c.kind,
          ruleZh: c.name_zh,
          ruleEn: c.name_en,
          subject: subjects.get(subjectKey(c))?.label ?? `${c.subject_type} #${c.subject_id}`,
          subjectType: c.subject_type,
          subjectId: c.subject_id,
          dueOn: c.due_on,
          organisation: c.organisation_name ?? '',
          regionCode: c.regulator_region_code,
        };
        if (c.responsible_organisation_id !== null)
          rows.push({
            organisation_id: c.responsible_organisation_id,
            user_id: null,
            kind: 'deadline_overdue',
            params,
            link: `/todos?state=overdue&kind=${c.kind}`,
            deadline_id: c.deadline_id,
          });
        // The regulators of the nearest level that has any (the county's, else the city's, else the
        // province's): the level that supervises the duty; the levels above see it in their inbox.
        const covering = regulators.filter((r) => c.regulator_region_code.startsWith(r.region_code));
        const nearest = Math.max(0, ...covering.map((r) => r.region_code.length));
        for (const r of covering)
          if (r.region_code.length === nearest && r.organisation_id !== c.responsible_organisation_id)
            rows.push({
              organisation_id: r.organisation_id,
              user_id: null,
              kind: 'deadline_overdue_region',
              params,
              link: `/todos?relation=region&state=overdue&kind=${c.kind}`,
              deadline_id: c.deadline_id,
            });
      }
      const notifications = await insertNotifications(trx, rows);
      await markWarned(
        trx,
        clocks.map((c) => c.deadline_id),
      );
      return { clocks: clocks.length, notifications };
    });
    result.clocks += step.clocks;
    result.notifications += step.notifications;
    if (step.clocks < SWEEP_CHUNK) return result;
  }
};

export const SWEEP_JOB = 'deadlines.sweep';
/** How often the server queues a sweep (a clock becomes overdue at midnight; an hour's delay is fine). */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Registers the sweep's job handler (with the routes, so every server process can run it). */
export const registerDeadlineJobs = (deps: Deps): void => {
  deps.jobs.register(SWEEP_JOB, async (ctx) =>
    sweepOverdueDeadlines(ctx.db, todayIso(), (work) => ctx.transaction(work)),
  );
};

/**
 * Queues a sweep now and every hour (main.ts, after the runner started); a sweep already queued is not
 * queued twice. Returns a function that stops the timer.
 */
export const scheduleDeadlineSweep = (deps: Deps, everyMs = SWEEP_EVERY_MS): (() => void) =>
  scheduleRecurringJob(deps, SWEEP_JOB, everyMs);

/** Demo: the warnings of the demo province's overdue clocks, as the hourly sweep would write them. */
export const seedDemoNotifications = async (deps: Deps, today: string): Promise<string | null> => {
  const r = await sweepOverdueDeadlines(deps.db, today);
  return r.clocks
    ? `overdue warnings: ${r.clocks} overdue clocks, ${r.notifications} notifications to the responsible organisations and their regulators`
    : null;
};
