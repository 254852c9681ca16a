/** Queries of 质控评估 (migration 0031): forms and versions, plans, complaints, assessments, scores, evidence. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { regionPrefixWhere, scopeWhere, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import { likeContains } from '../../platform/sql-text.js';

type Db = Kysely<DB> | Transaction<DB>;

// ---------- templates (reference data: not scoped) ----------

export const listTemplates = (db: Db, f: { code?: string; status?: string; kind?: string }) => {
  let q = db
    .selectFrom('qc_template as t')
    .selectAll('t')
    .select((eb) => [
      eb
        .selectFrom('qc_template_item as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.qc_template_id', '=', 't.qc_template_id')
        .as('items'),
      eb
        .selectFrom('qc_template_item as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.qc_template_id', '=', 't.qc_template_id')
        .where('i.key_item', '=', true)
        .as('key_items'),
    ]);
  if (f.code) q = q.where('t.code', '=', f.code);
  if (f.status) q = q.where('t.status', '=', f.status as 'draft');
  if (f.kind) q = q.where('t.kind', '=', f.kind as 'exam');
  return q.orderBy('t.code').orderBy('t.version', 'desc').execute();
};
export type TemplateListRow = Awaited<ReturnType<typeof listTemplates>>[number];

export const templateById = (db: Db, id: number) =>
  db.selectFrom('qc_template').selectAll().where('qc_template_id', '=', id).executeTakeFirst();
export type TemplateRow = NonNullable<Awaited<ReturnType<typeof templateById>>>;

export const lockTemplate = async (trx: Transaction<DB>, id: number) =>
  trx.selectFrom('qc_template').selectAll().where('qc_template_id', '=', id).forUpdate().executeTakeFirst();

export const sectionsOf = (db: Db, templateId: number) =>
  db
    .selectFrom('qc_template_section')
    .selectAll()
    .where('qc_template_id', '=', templateId)
    .orderBy('sort')
    .execute();

export const itemsOf = (db: Db, templateId: number) =>
  db
    .selectFrom('qc_template_item')
    .selectAll()
    .where('qc_template_id', '=', templateId)
    .orderBy('sort')
    .execute();
export type TemplateItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

export const versionsOf = (db: Db, code: string) =>
  db
    .selectFrom('qc_template')
    .select(['qc_template_id', 'version', 'status'])
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .execute();

export const publishedTemplate = (db: Db, code: string) =>
  db
    .selectFrom('qc_template')
    .selectAll()
    .where('code', '=', code)
    .where('status', '=', 'published')
    .executeTakeFirst();

export const insertTemplate = async (
  trx: Transaction<DB>,
  row: {
    code: string;
    version: number;
    kind: 'exam' | 'diagnosis' | 'support' | 'rehab';
    mode: 'assessment' | 'self';
    name_zh: string;
    name_en: string;
    source: string;
    provisional: boolean;
    note: string | null;
    pass_percent: string | number;
    basic_percent: string | number;
    created_by: number | null;
  },
): Promise<number> =>
  (await trx.insertInto('qc_template').values(row).returning('qc_template_id').executeTakeFirstOrThrow())
    .qc_template_id;

/** Copies the sections and items of one version into a new draft. */
export const copyContent = async (trx: Transaction<DB>, fromId: number, toId: number) => {
  await trx
    .insertInto('qc_template_section')
    .columns(['qc_template_id', 'section_code', 'title_zh', 'title_en', 'hazard_category', 'sort'])
    .expression((eb) =>
      eb
        .selectFrom('qc_template_section')
        .select((e) => [
          e.val(toId).as('qc_template_id'),
          'section_code',
          'title_zh',
          'title_en',
          'hazard_category',
          'sort',
        ])
        .where('qc_template_id', '=', fromId),
    )
    .execute();
  await trx
    .insertInto('qc_template_item')
    .columns([
      'qc_template_id',
      'section_code',
      'item_code',
      'text_zh',
      'text_en',
      'points',
      'key_item',
      'evidence_required',
      'basis',
      'sort',
    ])
    .expression((eb) =>
      eb
        .selectFrom('qc_template_item')
        .select((e) => [
          e.val(toId).as('qc_template_id'),
          'section_code',
          'item_code',
          'text_zh',
          'text_en',
          'points',
          'key_item',
          'evidence_required',
          'basis',
          'sort',
        ])
        .where('qc_template_id', '=', fromId),
    )
    .execute();
};

/** Replaces a draft's sections and items (the trigger refuses it for a published version). */
export const replaceContent = async (
  trx: Transaction<DB>,
  templateId: number,
  sections: Array<{
    section_code: string;
    title_zh: string;
    title_en: string;
    hazard_category: 'dust' | 'chemical' | 'physical' | 'biological' | 'radiation' | null;
    sort: number;
  }>,
  items: Array<{
    section_code: string;
    item_code: string;
    text_zh: string;
    text_en: string;
    points: number;
    key_item: boolean;
    evidence_required: boolean;
    basis: string;
    sort: number;
  }>,
) => {
  await trx.deleteFrom('qc_template_item').where('qc_template_id', '=', templateId).execute();
  await trx.deleteFrom('qc_template_section').where('qc_template_id', '=', templateId).execute();
  await trx
    .insertInto('qc_template_section')
    .values(sections.map((s) => ({ ...s, qc_template_id: templateId })))
    .execute();
  await trx
    .insertInto('qc_template_item')
    .values(items.map((i) => ({ ...i, qc_template_id: templateId })))
    .execute();
};

export const updateTemplate = (
  trx: Transaction<DB>,
  id: number,
  patch: {
    name_zh?: string;
    name_en?: string;
    source?: string;
    note?: string | null;
    provisional?: boolean;
    pass_percent?: number;
    basic_percent?: number;
    status?: 'published' | 'retired';
    published_at?: ReturnType<typeof sql>;
    published_by?: number | null;
  },
) =>
  trx
    .updateTable('qc_template')
    .set({ ...patch, updated_at: sql`now()` } as never)
    .where('qc_template_id', '=', id)
    .execute();

/** The published version of a code is retired (a newer one is being published). */
/** A draft becomes the published version (frozen from now on by the trigger of migration 0031). */
export const markTemplatePublished = (trx: Transaction<DB>, id: number, by: number | null) =>
  trx
    .updateTable('qc_template')
    .set((eb) => ({ status: 'published', published_at: eb.fn('now', []), published_by: by }))
    .where('qc_template_id', '=', id)
    .execute();

export const retirePublished = (trx: Transaction<DB>, code: string) =>
  trx
    .updateTable('qc_template')
    .set({ status: 'retired', updated_at: sql`now()` })
    .where('code', '=', code)
    .where('status', '=', 'published')
    .returning('qc_template_id')
    .execute();

export const maxVersion = async (db: Db, code: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('qc_template')
        .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
        .where('code', '=', code)
        .executeTakeFirst()
    )?.v ?? 0,
  );

// ---------- plans ----------

export const listPlans = (db: Db, province: string) =>
  db
    .selectFrom('qc_plan')
    .selectAll()
    .where('province_code', '=', province)
    .orderBy('year', 'desc')
    .execute();

export const planById = (db: Db, id: number) =>
  db.selectFrom('qc_plan').selectAll().where('qc_plan_id', '=', id).executeTakeFirst();
export type PlanRow = NonNullable<Awaited<ReturnType<typeof planById>>>;

export const lockPlan = (trx: Transaction<DB>, id: number) =>
  trx.selectFrom('qc_plan').selectAll().where('qc_plan_id', '=', id).forUpdate().executeTakeFirst();

export const insertPlan = async (
  trx: Transaction<DB>,
  row: { province_code: string; year: number; note: string | null; created_by: number | null },
): Promise<number | null> =>
  (
    await trx
      .insertInto('qc_plan')
      .values(row)
      .onConflict((oc) => oc.columns(['province_code', 'year']).doNothing())
      .returning('qc_plan_id')
      .executeTakeFirst()
  )?.qc_plan_id ?? null;

export const touchPlan = (trx: Transaction<DB>, id: number) =>
  trx
    .updateTable('qc_plan')
    .set({ updated_at: sql`now()` })
    .where('qc_plan_id', '=', id)
    .execute();

/**
 * The institutions due for QC in a province: exam and diagnosis institutions whose filing is filed
 * (a live filing; 吉卫规〔2024〕2号 五: 每年至少开展一次 … 做到全省全覆盖).
 */
export const dueInstitutions = (db: Db, province: string) =>
  db
    .selectFrom('filing as f')
    .innerJoin('organisation as o', 'o.organisation_id', 'f.institution_id')
    .select(['f.institution_id', 'f.region_code', 'f.kind', 'o.name'])
    .where('f.status', '=', 'filed')
    .where('f.kind', 'in', ['exam', 'diagnosis'])
    .where((eb) => regionPrefixWhere(eb, eb.ref('f.region_code'), province))
    .orderBy('f.institution_id')
    .execute();

export const insertRoutineEntries = async (
  trx: Transaction<DB>,
  planId: number,
  rows: Array<{ institution_id: number; region_code: string; institution_kind: 'exam' | 'diagnosis' }>,
  by: number | null,
): Promise<number[]> => {
  if (!rows.length) return [];
  const r = await trx
    .insertInto('qc_plan_entry')
    .values(rows.map((x) => ({ ...x, qc_plan_id: planId, kind: 'routine' as const, created_by: by })))
    .onConflict((oc) =>
      oc.columns(['qc_plan_id', 'institution_id']).where('kind', '=', 'routine').doNothing(),
    )
    .returning('institution_id')
    .execute();
  return r.map((x) => x.institution_id);
};

export const insertExtraEntry = async (
  trx: Transaction<DB>,
  row: {
    qc_plan_id: number;
    institution_id: number;
    region_code: string;
    institution_kind: 'exam' | 'diagnosis';
    reason: string;
    risk: string;
    created_by: number | null;
  },
): Promise<number> =>
  (
    await trx
      .insertInto('qc_plan_entry')
      .values({ ...row, kind: 'extra' })
      .returning('qc_plan_entry_id')
      .executeTakeFirstOrThrow()
  ).qc_plan_entry_id;

/** The plan's entries in scope, with their institution and assessment. */
export const planEntries = (db: Db, scope: Scope, planId: number) =>
  db
    .selectFrom('qc_plan_entry as e')
    .innerJoin('organisation as o', 'o.organisation_id', 'e.institution_id')
    .leftJoin('qc_assessment as a', 'a.qc_plan_entry_id', 'e.qc_plan_entry_id')
    .select([
      'e.qc_plan_entry_id',
      'e.qc_plan_id',
      'e.institution_id',
      'e.region_code',
      'e.institution_kind',
      'e.kind',
      'e.reason',
      'o.name as institution_name',
      'a.qc_assessment_id',
      'a.status as assessment_status',
      'a.scheduled_on',
      'a.grade',
    ])
    .where('e.qc_plan_id', '=', planId)
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('e.region_code'), organisation: eb.ref('e.institution_id') }),
    )
    .orderBy('e.kind', 'desc')
    .orderBy('e.qc_plan_entry_id')
    .execute();
export type PlanEntryRow = Awaited<ReturnType<typeof planEntries>>[number];

export const entryInScope = (db: Db, scope: Scope, entryId: number) =>
  db
    .selectFrom('qc_plan_entry as e')
    .innerJoin('qc_plan as p', 'p.qc_plan_id', 'e.qc_plan_id')
    .leftJoin('qc_assessment as a', 'a.qc_plan_entry_id', 'e.qc_plan_entry_id')
    .select([
      'e.qc_plan_entry_id',
      'e.qc_plan_id',
      'e.institution_id',
      'e.region_code',
      'e.institution_kind',
      'e.kind',
      'p.year',
      'p.province_code',
      'a.qc_assessment_id',
    ])
    .where('e.qc_plan_entry_id', '=', entryId)
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('e.region_code'), organisation: eb.ref('e.institution_id') }),
    )
    .executeTakeFirst();

/** Exam cards per institution in a date range (服务量): one GROUP BY over exam_card. */
export const cardVolumes = async (
  db: Db,
  institutionIds: number[],
  from: string,
  to: string,
): Promise<Map<number, number>> => {
  if (!institutionIds.length) return new Map();
  const rows = await db
    .selectFrom('exam_card')
    .select(['institution_id', sql<number>`count(*)::int`.as('n')])
    .where('institution_id', 'in', institutionIds)
    .where('exam_date', '>=', from)
    .where('exam_date', '<=', to)
    .groupBy('institution_id')
    .execute();
  return new Map(rows.map((r) => [r.institution_id, Number(r.n)]));
};

export const complaintsOf = async (
  db: Db,
  institutionIds: number[],
  year: number,
): Promise<Map<number, number>> => {
  if (!institutionIds.length) return new Map();
  const rows = await db
    .selectFrom('qc_complaint')
    .select(['institution_id', 'complaints'])
    .where('institution_id', 'in', institutionIds)
    .where('year', '=', year)
    .execute();
  return new Map(rows.map((r) => [r.institution_id, r.complaints]));
};

export const complaintOf = (db: Db, institutionId: number, year: number) =>
  db
    .selectFrom('qc_complaint')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('year', '=', year)
    .executeTakeFirst();

export const upsertComplaint = (
  trx: Transaction<DB>,
  row: {
    institution_id: number;
    year: number;
    complaints: number;
    note: string | null;
    recorded_by: number | null;
  },
) =>
  trx
    .insertInto('qc_complaint')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['institution_id', 'year']).doUpdateSet((eb) => ({
        complaints: eb.ref('excluded.complaints'),
        note: eb.ref('excluded.note'),
        recorded_by: eb.ref('excluded.recorded_by'),
        recorded_at: sql`now()`,
      })),
    )
    .execute();

/** Completed assessments graded 不合格, per institution. Unscoped: the caller authorised the ids. */
export const failureCounts = async (db: Db, institutionIds: number[]): Promise<Map<number, number>> => {
  if (!institutionIds.length) return new Map();
  const rows = await db
    .selectFrom('qc_assessment')
    .select(['institution_id', sql<number>`count(*)::int`.as('n')])
    .where('institution_id', 'in', institutionIds)
    .where('mode', '=', 'assessment')
    .where('status', '=', 'completed')
    .where('grade', '=', 'failed')
    .groupBy('institution_id')
    .execute();
  return new Map(rows.map((r) => [r.institution_id, Number(r.n)]));
};

/** The institutions with a completed assessment in these years. */
export const assessedIn = async (db: Db, institutionIds: number[], years: number[]): Promise<Set<number>> => {
  if (!institutionIds.length) return new Set();
  const rows = await db
    .selectFrom('qc_assessment')
    .select('institution_id')
    .distinct()
    .where('institution_id', 'in', institutionIds)
    .where('mode', '=', 'assessment')
    .where('status', '=', 'completed')
    .where('year', 'in', years)
    .execute();
  return new Set(rows.map((r) => r.institution_id));
};

// ---------- assessments ----------

export type AssessmentFilters = {
  mode?: string;
  status?: string;
  grade?: string;
  year?: number;
  regionCode?: string;
  q?: string;
};

const scoped = (db: Db, scope: Scope, f: AssessmentFilters) => {
  let q = db
    .selectFrom('qc_assessment as a')
    .innerJoin('organisation as o', 'o.organisation_id', 'a.institution_id')
    .innerJoin('qc_template as t', 't.qc_template_id', 'a.qc_template_id')
    .leftJoin('qc_plan_entry as e', 'e.qc_plan_entry_id', 'a.qc_plan_entry_id')
    .where((eb) =>
      scopeWhere(eb, scope, { region: eb.ref('a.region_code'), organisation: eb.ref('a.institution_id') }),
    );
  if (f.mode) q = q.where('a.mode', '=', f.mode as 'self');
  if (f.status) q = q.where('a.status', '=', f.status as 'draft');
  if (f.grade) q = q.where('a.grade', '=', f.grade as 'failed');
  if (f.year) q = q.where('a.year', '=', f.year);
  if (f.regionCode) q = q.where((eb) => regionPrefixWhere(eb, eb.ref('a.region_code'), f.regionCode!));
  if (f.q) q = q.where('o.name', 'like', likeContains(f.q));
  return q;
};

const columns = [
  'a.qc_assessment_id',
  'a.mode',
  'a.status',
  'a.institution_id',
  'a.region_code',
  'a.year',
  'a.qc_template_id',
  'a.qc_plan_entry_id',
  'a.filing_id',
  'a.filing_version_id',
  'a.hazard_categories',
  'a.scheduled_on',
  'a.assessors',
  'a.score',
  'a.max_score',
  'a.percent',
  'a.grade',
  'a.failed_key_items',
  'a.completed_on',
  'a.conclusion',
  'a.consistency_found',
  'a.consistency_findings',
  'a.consistency_checked_at',
  'a.major_problem',
  'a.major_note',
  'a.major_reported_at',
  'a.submitted_at',
  'a.reviewed_at',
  'a.review_note',
  'o.name as institution_name',
  't.code as template_code',
  't.kind as template_kind',
  't.version as template_version',
  't.name_zh as template_name_zh',
  't.name_en as template_name_en',
  't.provisional as template_provisional',
  'e.kind as entry_kind',
] as const;

export const listAssessments = (
  db: Db,
  scope: Scope,
  f: AssessmentFilters,
  page: { offset: number; limit: number },
) =>
  scoped(db, scope, f)
    .select(columns)
    .orderBy(sql`a.status in ('completed', 'reviewed')`)
    .orderBy(sql`coalesce(a.completed_on, a.scheduled_on)`, 'desc')
    .orderBy('a.qc_assessment_id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
export type AssessmentRow = Awaited<ReturnType<typeof listAssessments>>[number];

export const countAssessments = (db: Kysely<DB>, scope: Scope, f: AssessmentFilters, opts: TotalOptions) =>
  countMatches(db, scoped(db, scope, f).select('a.qc_assessment_id'), opts);

export const assessmentInScope = (db: Db, scope: Scope, id: number) =>
  scoped(db, scope, {}).select(columns).where('a.qc_assessment_id', '=', id).executeTakeFirst();

export const lockAssessment = async (trx: Transaction<DB>, scope: Scope, id: number) => {
  const r = await assessmentInScope(trx, scope, id);
  if (!r) return undefined;
  await trx
    .selectFrom('qc_assessment')
    .select('qc_assessment_id')
    .where('qc_assessment_id', '=', id)
    .forUpdate()
    .execute();
  return r;
};

export const insertAssessment = async (
  trx: Transaction<DB>,
  row: {
    mode: 'assessment' | 'self';
    qc_template_id: number;
    institution_id: number;
    region_code: string;
    year: number;
    qc_plan_entry_id: number | null;
    filing_id: number | null;
    filing_version_id: number | null;
    hazard_categories: string;
    status: 'scheduled' | 'draft';
    scheduled_on: string | null;
    assessors: string;
    created_by: number | null;
  },
): Promise<number | null> =>
  (
    await trx
      .insertInto('qc_assessment')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning('qc_assessment_id')
      .executeTakeFirst()
  )?.qc_assessment_id ?? null;

export const updateAssessment = (
  trx: Transaction<DB>,
  id: number,
  patch: Partial<{
    status: 'in_progress' | 'completed' | 'submitted' | 'reviewed';
    score: number;
    max_score: number;
    percent: number | null;
    grade: 'qualified' | 'basic' | 'failed' | null;
    failed_key_items: string;
    completed_on: string;
    completed_by: number | null;
    conclusion: string | null;
    consistency_found: string;
    consistency_findings: string;
    major_problem: boolean;
    major_note: string | null;
    submitted_by: number | null;
    reviewed_by: number | null;
    review_note: string | null;
  }> & { stamp?: 'consistency' | 'major' | 'submitted' | 'reviewed' },
) => {
  const { stamp, ...rest } = patch;
  const stamps =
    stamp === 'consistency'
      ? { consistency_checked_at: sql`now()` }
      : stamp === 'major'
        ? { major_reported_at: sql`now()` }
        : stamp === 'submitted'
          ? { submitted_at: sql`now()` }
          : stamp === 'reviewed'
            ? { reviewed_at: sql`now()` }
            : {};
  return trx
    .updateTable('qc_assessment')
    .set({ ...rest, ...stamps, updated_at: sql`now()` } as never)
    .where('qc_assessment_id', '=', id)
    .execute();
};

export const scoresOf = (db: Db, assessmentId: number) =>
  db.selectFrom('qc_item_score').selectAll().where('qc_assessment_id', '=', assessmentId).execute();

export const upsertScores = async (
  trx: Transaction<DB>,
  rows: Array<{
    qc_assessment_id: number;
    qc_template_item_id: number;
    result: 'passed' | 'failed' | 'not_applicable';
    points: number | null;
    note: string | null;
    major: boolean;
    recorded_by: number | null;
  }>,
) => {
  if (!rows.length) return;
  await trx
    .insertInto('qc_item_score')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['qc_assessment_id', 'qc_template_item_id']).doUpdateSet((eb) => ({
        result: eb.ref('excluded.result'),
        points: eb.ref('excluded.points'),
        note: eb.ref('excluded.note'),
        major: eb.ref('excluded.major'),
        recorded_by: eb.ref('excluded.recorded_by'),
        recorded_at: sql`now()`,
      })),
    )
    .execute();
};

/** The live filing of an institution when it is filed, with its filed version's content. */
export const filedFilingOf = (db: Db, institutionId: number) =>
  db
    .selectFrom('filing as f')
    .innerJoin('filing_version as v', 'v.filing_version_id', 'f.filed_version_id')
    .select(['f.filing_id', 'f.filing_no', 'f.kind', 'f.filed_version_id', 'v.content'])
    .where('f.institution_id', '=', institutionId)
    .where('f.status', '=', 'filed')
    .executeTakeFirst();

export const filingVersionOf = (db: Db, versionId: number) =>
  db
    .selectFrom('filing_version as v')
    .innerJoin('filing as f', 'f.filing_id', 'v.filing_id')
    .select(['v.filing_version_id', 'v.content', 'f.filing_id', 'f.filing_no'])
    .where('v.filing_version_id', '=', versionId)
    .executeTakeFirst();

export const organisationOf = (db: Db, id: number) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'name', 'kind', 'region_code'])
    .where('organisation_id', '=', id)
    .executeTakeFirst();

// ---------- evidence ----------

export const evidenceOf = (db: Db, assessmentId: number) =>
  db
    .selectFrom('qc_evidence')
    .select(['qc_evidence_id', 'item_code', 'file_name', 'media_type', 'size_bytes', 'uploaded_at'])
    .where('qc_assessment_id', '=', assessmentId)
    .orderBy('qc_evidence_id')
    .execute();

export const insertEvidence = async (
  trx: Transaction<DB>,
  row: {
    qc_assessment_id: number;
    item_code: string;
    file_name: string;
    media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
    size_bytes: number;
    sha256: string;
    content: Buffer;
    uploaded_by: number | null;
  },
): Promise<number> =>
  (await trx.insertInto('qc_evidence').values(row).returning('qc_evidence_id').executeTakeFirstOrThrow())
    .qc_evidence_id;

export const evidenceFileOf = (db: Db, assessmentId: number, evidenceId: number) =>
  db
    .selectFrom('qc_evidence')
    .select(['file_name', 'media_type', 'content'])
    .where('qc_assessment_id', '=', assessmentId)
    .where('qc_evidence_id', '=', evidenceId)
    .executeTakeFirst();

// ---------- for other modules (unscoped: the callers authorise) ----------

/** The latest completed assessment of an institution by the QC centre, with its failed key items. */
export const latestCompleted = (db: Db, institutionId: number) =>
  db
    .selectFrom('qc_assessment')
    .select(['qc_assessment_id', 'grade', 'failed_key_items', 'completed_on'])
    .where('institution_id', '=', institutionId)
    .where('mode', '=', 'assessment')
    .where('status', '=', 'completed')
    .orderBy('completed_on', 'desc')
    .orderBy('qc_assessment_id', 'desc')
    .executeTakeFirst();

/** Each institution's latest completed assessment in a province (for the QC-qualified public list). */
export const latestCompletedIn = (db: Db, province: string) =>
  db
    .selectFrom('qc_assessment as a')
    .innerJoin('organisation as o', 'o.organisation_id', 'a.institution_id')
    .innerJoin('qc_template as t', 't.qc_template_id', 'a.qc_template_id')
    .select([
      'a.qc_assessment_id',
      'a.institution_id',
      'a.region_code',
      'a.grade',
      'a.completed_on',
      'a.year',
      'o.name as institution_name',
      't.kind as template_kind',
    ])
    .distinctOn('a.institution_id')
    .where('a.mode', '=', 'assessment')
    .where('a.status', '=', 'completed')
    .where((eb) => regionPrefixWhere(eb, eb.ref('a.region_code'), province))
    .orderBy('a.institution_id')
    .orderBy('a.completed_on', 'desc')
    .orderBy('a.qc_assessment_id', 'desc')
    .execute();

/** The provincial commission and disease-control bureau (to be told of a major problem at once). */
export const provincialAuthorities = (db: Db, province: string) =>
  db
    .selectFrom('organisation')
    .select(['organisation_id', 'kind'])
    .where('kind', 'in', ['health_commission', 'disease_control_bureau'])
    .where('region_code', '=', province)
    .where('status', '=', 'active')
    .where('duplicate_of', 'is', null)
    .orderBy('organisation_id')
    .execute();

/** Whether any plan exists (the demo seeds once). */
export const anyPlan = async (db: Db): Promise<boolean> =>
  (await db.selectFrom('qc_plan').select('qc_plan_id').limit(1).executeTakeFirst()) !== undefined;
