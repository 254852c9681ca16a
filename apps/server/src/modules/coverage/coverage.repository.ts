/** Queries of 规划目标: only the demo's lookup of institutions by name (the targets read filings' index). */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';

/** Demo seeding: the institutions of the demo province named in the plan. */
export const institutionIdsByName = async (db: Kysely<DB>, names: string[]): Promise<Map<string, number>> =>
  new Map(
    (
      await db
        .selectFrom('organisation')
        .select(['organisation_id', 'name'])
        .where('kind', 'in', ['exam_institution', 'diagnosis_institution'])
        .where('name', 'in', names)
        .execute()
    ).map((r) => [r.name, r.organisation_id]),
  );

/** Whether any of these institutions has a filing (the coverage demo runs once). */
export const anyFilingOf = async (db: Kysely<DB>, institutionIds: number[]): Promise<boolean> =>
  (await db
    .selectFrom('filing')
    .select('filing_id')
    .where('institution_id', 'in', institutionIds)
    .limit(1)
    .executeTakeFirst()) !== undefined;
