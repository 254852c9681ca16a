/**
 * Queries of the diagnosis reports (migration 0017). Lists and details are scoped through the one scope
 * helper: a regulator its region (the employer's county), a diagnosis institution its own reports, an
 * employer the reports that name it.
 */
import { sql, type Expression, type Insertable, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB, DiagnosisReportTable } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Whose reports an organisation-scoped actor sees: the institution's own, or an employer's workers'. */
export type ReportScope = { scope: Scope; owner: 'institution' | 'employer' };

export type ReportValues = Omit<
  Insertable<DiagnosisReportTable>,
  'diagnosis_report_id' | 'version' | 'created_at' | 'updated_at'
>;

export type ReportFilters = {
  text?: string;
  regionCode?: string;
  institutionId?: number;
  conclusion?: 'diagnosed' | 'excluded';
  diseaseCode?: string;
  diseaseCategory?: string;
  stage?: '壹期' | '贰期' | '叁期';
  from?: string;
  to?: string;
  suspectedCaseId?: number;
};

const scoped = (db: Db, { scope, owner }: ReportScope, f: ReportFilters) => {
  let q = db.selectFrom('diagnosis_report as r').where((eb) =>
    scopeWhere(eb, scope, {
      region: eb.ref('r.region_code'),
      organisation: eb.ref(owner === 'employer' ? 'r.employer_id' : 'r.institution_id') as Expression<number>,
    }),
  );
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('r.region_code'), f.regionCode!));
  if (f.institutionId) q = q.where('r.institution_id', '=', f.institutionId);
  if (f.conclusion) q = q.where('r.conclusion', '=', f.conclusion);
  if (f.diseaseCode) q = q.where('r.disease_code', '=', f.diseaseCode);
  if (f.diseaseCategory) q = q.where('r.disease_code', 'like', `${f.diseaseCategory}%`);
  if (f.stage) q = q.where('r.stage', '=', f.stage);
  if (f.from) q = q.where('r.diagnosis_date', '>=', f.from);
  if (f.to) q = q.where('r.diagnosis_date', '<=', f.to);
  if (f.suspectedCaseId) q = q.where('r.suspected_case_id', '=', f.suspectedCaseId);
  if (f.text)
    q = q.where((eb) =>
      eb.or([eb('r.record_id', '=', f.text!), eb('r.employer_name', 'like', likeContains(f.text!))]),
    );
  return q;
};

const summaryColumns = [
  'r.diagnosis_report_id',
  'r.record_id',
  'r.version',
  'r.institution_id',
  'r.employer_name',
  'r.employer_credit_code',
  'r.employer_id',
  'r.region_code',
  'r.conclusion',
  'r.disease_code',
  'r.disease_edition',
  'r.stage',
  'r.case_type_code',
  'r.diagnosis_date',
  'r.report_date',
  'r.suspected_case_id',
  'r.matches_suspected',
  'r.source',
  'r.updated_at',
  'w.name_masked',
  'w.id_masked',
  'w.gender_code',
  'i.name as institution_name',
] as const;

const withNames = (q: ReturnType<typeof scoped>) =>
  q
    .innerJoin('worker as w', 'w.worker_id', 'r.worker_id')
    .innerJoin('organisation as i', 'i.organisation_id', 'r.institution_id')
    .leftJoin('deadline as d', (j) =>
      j
        .on('d.kind', '=', 'diagnosis_report_due')
        .on('d.subject_type', '=', 'diagnosis_report')
        .onRef('d.subject_id', '=', 'r.diagnosis_report_id'),
    );

export const listReports = (
  db: Db,
  rs: ReportScope,
  f: ReportFilters,
  page: { offset: number; limit: number },
) =>
  withNames(scoped(db, rs, f))
    .select(summaryColumns)
    .select('d.due_on')
    .orderBy('r.diagnosis_date', 'desc')
    .orderBy('r.diagnosis_report_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();

export type ReportSummaryRow = Awaited<ReturnType<typeof listReports>>[number];

export const countReports = (db: Kysely<DB>, rs: ReportScope, f: ReportFilters, opts: TotalOptions) =>
  countMatches(db, scoped(db, rs, f).select('r.diagnosis_report_id'), opts);

export const findReport = (db: Db, rs: ReportScope, id: number) =>
  withNames(scoped(db, rs, {}))
    .select(summaryColumns)
    .select([
      'd.due_on',
      'r.report',
      'r.physicians',
      'r.complication_codes',
      'r.factor_codes',
      'r.stage_one_date',
      'r.stage_two_date',
      'r.stage_three_date',
      'r.worker_id',
      'r.content_hash',
    ])
    .where('r.diagnosis_report_id', '=', id)
    .executeTakeFirst();

export type ReportDetailRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export const reportVersions = (db: Db, id: number) =>
  db
    .selectFrom('diagnosis_report_version')
    .select(['version', 'replaced_at'])
    .where('diagnosis_report_id', '=', id)
    .orderBy('version', 'desc')
    .execute();

/** The stored report of an institution by its natural key, locked for the transaction that replaces it. */
export const lockReportByKey = (trx: Transaction<DB>, institutionId: number, recordId: string) =>
  trx
    .selectFrom('diagnosis_report')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('record_id', '=', recordId)
    .forUpdate()
    .executeTakeFirst();

export type StoredReport = NonNullable<Awaited<ReturnType<typeof lockReportByKey>>>;

/** A report in the actor's scope, locked for a correction. */
export const lockReport = (trx: Transaction<DB>, rs: ReportScope, id: number) =>
  scoped(trx, rs, {}).selectAll('r').where('r.diagnosis_report_id', '=', id).forUpdate().executeTakeFirst();

export const insertReport = async (trx: Transaction<DB>, values: ReportValues): Promise<number> =>
  (
    await trx
      .insertInto('diagnosis_report')
      .values(values)
      .returning('diagnosis_report_id')
      .executeTakeFirstOrThrow()
  ).diagnosis_report_id;

/** Keeps the stored content as a version and writes the new one (version + 1). */
export const replaceReport = async (
  trx: Transaction<DB>,
  stored: StoredReport,
  values: ReportValues,
  by: number | null,
): Promise<number> => {
  await trx
    .insertInto('diagnosis_report_version')
    .values({
      diagnosis_report_id: stored.diagnosis_report_id,
      version: stored.version,
      content_hash: stored.content_hash,
      report: JSON.stringify(stored.report),
      replaced_by: by,
    })
    .execute();
  const { created_by: _c, ...rest } = values;
  await trx
    .updateTable('diagnosis_report')
    .set({ ...rest, version: stored.version + 1, updated_at: sql`now()` })
    .where('diagnosis_report_id', '=', stored.diagnosis_report_id)
    .execute();
  return stored.version + 1;
};

/** The report already resolving this case, if any (a case is resolved by one report). */
export const reportOfCase = (db: Db, caseId: number) =>
  db
    .selectFrom('diagnosis_report')
    .select('diagnosis_report_id')
    .where('suspected_case_id', '=', caseId)
    .executeTakeFirst();

/** A suspected case with the exam card that raised it (for linking and the detail). */
export const caseWithCard = (db: Db, caseId: number) =>
  db
    .selectFrom('suspected_case as s')
    .innerJoin('exam_card as c', 'c.exam_card_id', 's.exam_card_id')
    .innerJoin('organisation as i', 'i.organisation_id', 's.institution_id')
    .select([
      's.suspected_case_id',
      's.status',
      's.worker_id',
      's.disease_code',
      's.found_on',
      's.outcome_on',
      's.referred_to',
      's.referred_on',
      's.region_code',
      'c.exam_card_id',
      'c.record_id',
      'c.exam_date',
      'c.card',
      'i.name as institution_name',
    ])
    .where('s.suspected_case_id', '=', caseId)
    .executeTakeFirst();

export type CaseWithCard = NonNullable<Awaited<ReturnType<typeof caseWithCard>>>;

/**
 * The suspected cases referred to an institution (by the name the referral gave) and not yet resolved,
 * newest first, with the exam card's content for prefilling a report. The referral names the
 * institution as text (the tracker's referredTo), so the match is on its registered name.
 */
export const referredCases = (db: Db, institutionName: string, limit: number) =>
  db
    .selectFrom('suspected_case as s')
    .innerJoin('exam_card as c', 'c.exam_card_id', 's.exam_card_id')
    .innerJoin('organisation as i', 'i.organisation_id', 's.institution_id')
    .innerJoin('worker as w', 'w.worker_id', 's.worker_id')
    .select([
      's.suspected_case_id',
      's.status',
      's.disease_code',
      's.found_on',
      's.referred_on',
      'w.name_masked',
      'w.id_masked',
      'w.gender_code',
      'w.birth_date',
      'c.exam_card_id',
      'c.record_id',
      'c.exam_date',
      'c.card',
      'c.work_type_code',
      'i.name as institution_name',
    ])
    .where('s.status', '=', 'referred')
    .where(sql<string>`btrim(s.referred_to)`, '=', institutionName.trim())
    .orderBy('s.referred_on', 'desc')
    .orderBy('s.suspected_case_id', 'desc')
    .limit(limit)
    .execute();

/** The open case of a worker referred to this institution, preferring the same suspected disease. */
export const referredCaseOfWorker = (
  db: Db,
  workerId: number,
  institutionName: string,
  diseaseCode: string | null,
) =>
  db
    .selectFrom('suspected_case as s')
    .select(['s.suspected_case_id', 's.disease_code'])
    .where('s.worker_id', '=', workerId)
    .where('s.status', '=', 'referred')
    .where(sql<string>`btrim(s.referred_to)`, '=', institutionName.trim())
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('diagnosis_report as r')
            .select(sql`1`.as('one'))
            .whereRef('r.suspected_case_id', '=', 's.suspected_case_id'),
        ),
      ),
    )
    .orderBy(sql`(s.disease_code = ${diseaseCode ?? ''})`, 'desc')
    .orderBy('s.found_on', 'desc')
    .limit(1)
    .executeTakeFirst();

export const workerOfId = (db: Db, workerId: number) =>
  db
    .selectFrom('worker')
    .select([
      'worker_id',
      'id_type_code',
      'id_number_enc',
      'name_enc',
      'phone_enc',
      'gender_code',
      'birth_date',
    ])
    .where('worker_id', '=', workerId)
    .executeTakeFirst();

export const organisationName = async (db: Db, id: number): Promise<string> =>
  (await db.selectFrom('organisation').select('name').where('organisation_id', '=', id).executeTakeFirst())
    ?.name ?? '';

// ---------- idempotency of the single-report door ----------

export const findRequest = (db: Db, institutionId: number, key: string) =>
  db
    .selectFrom('diagnosis_report_request')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();

export const insertRequest = async (
  trx: Transaction<DB>,
  row: {
    institution_id: number;
    idempotency_key: string;
    body_hash: string;
    diagnosis_report_id: number;
    outcome: string;
  },
): Promise<void> => {
  await trx.insertInto('diagnosis_report_request').values(row).execute();
};
