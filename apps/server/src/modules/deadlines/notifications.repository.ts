/**
 * Queries of the notification centre and of the overdue sweep (migration 0025). A user's notifications
 * are those addressed to the user's organisation and either to nobody in particular or to the user.
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { OrganisationKind } from '@ohp/contracts';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';

type Db = Kysely<DB> | Transaction<DB>;

export type Recipient = { organisationId: number; userId: number };

const mine = (eb: ExpressionBuilder<DB, 'notification'>, who: Recipient): Expression<SqlBool> =>
  eb.and([
    eb('notification.organisation_id', '=', who.organisationId),
    eb.or([eb('notification.user_id', 'is', null), eb('notification.user_id', '=', who.userId)]),
  ]);

const myNotifications = (db: Db, who: Recipient, f: { unread?: boolean }) => {
  let q = db.selectFrom('notification').where((eb) => mine(eb, who));
  if (f.unread) q = q.where('notification.read_at', 'is', null);
  return q;
};

export const listNotifications = (
  db: Db,
  who: Recipient,
  f: { unread?: boolean },
  page: { offset: number; limit: number },
) =>
  myNotifications(db, who, f)
    .selectAll('notification')
    .orderBy('notification.created_at', 'desc')
    .orderBy('notification.notification_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export const countNotifications = (
  db: Kysely<DB>,
  who: Recipient,
  f: { unread?: boolean },
  opts: TotalOptions,
) => countMatches(db, myNotifications(db, who, f).select('notification.notification_id'), opts);

export const countUnread = async (db: Db, who: Recipient): Promise<number> => {
  const r = await myNotifications(db, who, { unread: true })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
};

/** Of these ids, the ones that are the user's (the others do not exist for the user). */
export const myNotificationIds = async (db: Db, who: Recipient, ids: number[]): Promise<number[]> =>
  ids.length
    ? (
        await myNotifications(db, who, {})
          .select('notification.notification_id')
          .where('notification.notification_id', 'in', ids)
          .execute()
      ).map((r) => r.notification_id)
    : [];

/** Marks the user's unread notifications read (these ids, or all when ids is null); returns their ids. */
export const markNotificationsRead = async (
  trx: Transaction<DB>,
  who: Recipient,
  ids: number[] | null,
): Promise<number[]> => {
  let q = trx
    .updateTable('notification')
    .set({ read_at: sql`now()`, read_by: who.userId })
    .where((eb) => mine(eb, who))
    .where('notification.read_at', 'is', null);
  if (ids) q = q.where('notification.notification_id', 'in', ids);
  const rows = await q.returning('notification.notification_id').execute();
  return rows.map((r) => r.notification_id);
};

// ---------- the overdue sweep ----------

/**
 * Open clocks past due that nobody was warned about yet, locked for the sweep's transaction (a second
 * sweep running at the same time skips them), oldest first.
 */
export const lockOverdueUnwarned = (trx: Transaction<DB>, today: string, limit: number) =>
  trx
    .selectFrom('deadline as d')
    .innerJoin('deadline_rule as r', 'r.kind', 'd.kind')
    .leftJoin('organisation as o', 'o.organisation_id', 'd.responsible_organisation_id')
    .select([
      'd.deadline_id',
      'd.kind',
      'd.subject_type',
      'd.subject_id',
      'd.due_on',
      'd.responsible_organisation_id',
      'd.regulator_region_code',
      'o.name as organisation_name',
      'r.name_zh',
      'r.name_en',
    ])
    .where('d.done_at', 'is', null)
    .where('d.warned_at', 'is', null)
    .where('d.due_on', '<', today)
    .orderBy('d.due_on')
    .orderBy('d.deadline_id')
    .limit(limit)
    .forUpdate('d')
    .skipLocked()
    .execute();

/**
 * The active regulators (of these kinds) whose region is one of `regionCodes` — the callers pass the
 * prefixes of the clocks' regions (province, city, county, township) and pick the nearest level.
 */
export const regulatorsIn = (db: Db, kinds: readonly OrganisationKind[], regionCodes: string[]) =>
  regionCodes.length
    ? db
        .selectFrom('organisation')
        .select(['organisation_id', 'region_code'])
        .where('kind', 'in', [...kinds])
        .where('status', '=', 'active')
        .where('duplicate_of', 'is', null)
        .where('region_code', 'in', regionCodes)
        .execute()
    : Promise.resolve([]);

export type NewNotification = {
  organisation_id: number;
  user_id: number | null;
  kind: string;
  params: Record<string, unknown>;
  link: string | null;
  deadline_id: number | null;
};

/** Writes notifications; one a clock already has (same kind and recipient) is not written again. */
export const insertNotifications = async (trx: Db, rows: NewNotification[]): Promise<number> => {
  if (!rows.length) return 0;
  const r = await trx
    .insertInto('notification')
    .values(rows.map((n) => ({ ...n, params: JSON.stringify(n.params) })))
    .onConflict((oc) => oc.columns(['deadline_id', 'organisation_id', 'kind']).doNothing())
    .returning('notification_id')
    .execute();
  return r.length;
};

export const markWarned = async (trx: Transaction<DB>, deadlineIds: number[]): Promise<void> => {
  if (!deadlineIds.length) return;
  await trx
    .updateTable('deadline')
    .set({ warned_at: sql`now()` })
    .where('deadline_id', 'in', deadlineIds)
    .execute();
};
