/**
 * Accounts by username or name for pickers of people who do not administer accounts (the audit
 * administrator's actor filter): username, name and organisation only, nothing personal.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { likeContains } from '../../platform/sql-text.js';

export type PickedAccount = { username: string; displayName: string; organisationName: string };

export const searchAccountsByName = async (
  db: Kysely<DB>,
  q: string | undefined,
  limit: number,
): Promise<PickedAccount[]> => {
  let base = db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['u.username', 'u.display_name', 'o.name as organisation_name']);
  const text = q?.trim();
  if (text) {
    const like = likeContains(text);
    base = base.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  const rows = await base.orderBy('u.username').limit(limit).execute();
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    organisationName: r.organisation_name,
  }));
};
