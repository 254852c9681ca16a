/**
 * Queries of the to-do inbox (issue 16 item 1): the clocks of migration 0013 in an inbox scope — the
 * organisation's own clocks, and for a regional watcher also the overdue clocks of its region — listed,
 * counted by kind × state, and described by their subjects.
 */
import { findExchangeCode } from '@ohp/reference';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { TodoRelation, TodoState } from '@ohp/contracts';
import { scopeWhere } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { countMatches, type TotalOptions } from '../../platform/list-total.js';
import type { InboxScope } from './deadlines.policy.js';

type Db = Kysely<DB> | Transaction<DB>;

export type TodoFilters = {
  kind?: string;
  state?: TodoState;
  relation?: TodoRelation;
  /** Today and the last day that counts as due soon (ISO dates). */
  today: string;
  soon: string;
};

type Eb = ExpressionBuilder<DB, 'deadline'>;

const ownWhere = (eb: Eb, s: InboxScope): Expression<SqlBool> =>
  eb('deadline.responsible_organisation_id', '=', s.organisationId);

/** Overdue clocks of the watcher's region (through the one scope helper). */
const regionWhere = (eb: Eb, s: InboxScope, today: string): Expression<SqlBool> | null =>
  s.region
    ? eb.and([
        scopeWhere(eb, s.region, {
          region: eb.ref('deadline.regulator_region_code'),
          organisation: eb.ref('deadline.responsible_organisation_id') as Expression<number>,
        }),
        eb('deadline.done_at', 'is', null),
        eb('deadline.due_on', '<', today),
      ])
    : null;

const stateWhere = (eb: Eb, state: TodoState | undefined, f: TodoFilters): Expression<SqlBool> => {
  switch (state) {
    case undefined:
      return eb('deadline.done_at', 'is', null);
    case 'done':
      return eb('deadline.done_at', 'is not', null);
    case 'overdue':
      return eb.and([eb('deadline.done_at', 'is', null), eb('deadline.due_on', '<', f.today)]);
    case 'due_soon':
      return eb.and([
        eb('deadline.done_at', 'is', null),
        eb('deadline.due_on', '>=', f.today),
        eb('deadline.due_on', '<=', f.soon),
      ]);
    case 'open':
      return eb.and([eb('deadline.done_at', 'is', null), eb('deadline.due_on', '>', f.soon)]);
  }
};

/** The clocks of the inbox scope matching the filters (state and kind; relation narrows the scope). */
const inboxClocks = (db: Db, s: InboxScope, f: TodoFilters, opts: { anyState?: boolean } = {}) =>
  db.selectFrom('deadline').where((eb) => {
    const own = ownWhere(eb, s);
    const region = regionWhere(eb, s, f.today);
    const scoped =
      f.relation === 'own'
        ? own
        : f.relation === 'region'
          ? (region ?? sql<boolean>`false`)
          : region
            ? eb.or([own, region])
            : own;
    const parts: Expression<SqlBool>[] = [scoped];
    if (!opts.anyState) parts.push(stateWhere(eb, f.state, f));
    if (f.kind) parts.push(eb('deadline.kind', '=', f.kind));
    return eb.and(parts);
  });

const stateOf = (f: TodoFilters) =>
  sql<TodoState>`CASE WHEN deadline.done_at IS NOT NULL THEN 'done' WHEN deadline.due_on < ${f.today} THEN 'overdue' WHEN deadline.due_on <= ${f.soon} THEN 'due_soon' ELSE 'open' END`;

export const listTodos = (db: Db, s: InboxScope, f: TodoFilters, page: { offset: number; limit: number }) => {
  let q = inboxClocks(db, s, f)
    .innerJoin('deadline_rule as r', 'r.kind', 'deadline.kind')
    .leftJoin('organisation as o', 'o.organisation_id', 'deadline.responsible_organisation_id')
    .select([
      'deadline.deadline_id',
      'deadline.kind',
      'deadline.subject_type',
      'deadline.subject_id',
      'deadline.starts_on',
      'deadline.due_on',
      'deadline.done_at',
      'deadline.warned_at',
      'deadline.responsible_organisation_id',
      'deadline.regulator_region_code',
      'o.name as organisation_name',
      'r.name_zh',
      'r.name_en',
      'r.legal_basis',
      'r.confidence',
      'r.day_type',
      'r.days',
    ])
    .select(stateOf(f).as('state'));
  // Done clocks: the latest first; the others: the most pressing first.
  q = f.state === 'done' ? q.orderBy('deadline.done_at', 'desc') : q.orderBy('deadline.due_on', 'asc');
  return q.orderBy('deadline.deadline_id', 'asc').offset(page.offset).limit(page.limit).execute();
};

export const countTodos = (db: Kysely<DB>, s: InboxScope, f: TodoFilters, opts: TotalOptions) =>
  countMatches(db, inboxClocks(db, s, f).select('deadline.deadline_id'), opts);

/** Counts of the inbox by kind × state (all states). */
export const countTodosByKindAndState = async (db: Db, s: InboxScope, f: TodoFilters) => {
  const state = stateOf(f);
  const rows = await inboxClocks(db, s, f, { anyState: true })
    .select(['deadline.kind', state.as('state')])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    // By position: the CASE carries parameters, and a repeated one would not match the selected one.
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ kind: r.kind, state: r.state, n: Number(r.n) }));
};

export const ruleNames = (db: Db) =>
  db
    .selectFrom('deadline_rule')
    .select(['kind', 'name_zh', 'name_en', 'confidence'])
    .orderBy('kind')
    .execute();

export type SubjectRef = { subject_type: string; subject_id: number };
export type SubjectInfo = { label: string; examCardId: number | null };

const diseaseName = (code: string | null): string =>
  code ? (findExchangeCode('diseases', code)?.name ?? code) : '';

/**
 * What each clock is about, in words, by subject type: a suspected case (worker masked, employer,
 * disease), an exam card (worker masked, employer, record ID), a diagnosis report (record ID, worker
 * masked, employer), a filing (the institution and the kind of filing). A subject type of a later module without a description here shows its type and id.
 * The callers have scoped the clocks; the subjects are read for those clocks only.
 */
export const subjectInfo = async (db: Db, refs: SubjectRef[]): Promise<Map<string, SubjectInfo>> => {
  const out = new Map<string, SubjectInfo>();
  const ids = (type: string) => [
    ...new Set(refs.filter((r) => r.subject_type === type).map((r) => r.subject_id)),
  ];
  const cases = ids('suspected_case');
  if (cases.length)
    for (const r of await db
      .selectFrom('suspected_case as s')
      .innerJoin('worker as w', 'w.worker_id', 's.worker_id')
      .select(['s.suspected_case_id', 's.exam_card_id', 's.employer_name', 's.disease_code', 'w.name_masked'])
      .where('s.suspected_case_id', 'in', cases)
      .execute())
      out.set(`suspected_case:${r.suspected_case_id}`, {
        label: [r.name_masked, r.employer_name, diseaseName(r.disease_code)].filter(Boolean).join(' · '),
        examCardId: r.exam_card_id,
      });
  const cards = ids('exam_card');
  if (cards.length)
    for (const r of await db
      .selectFrom('exam_card as c')
      .innerJoin('worker as w', 'w.worker_id', 'c.worker_id')
      .select(['c.exam_card_id', 'c.record_id', 'c.employer_name', 'w.name_masked'])
      .where('c.exam_card_id', 'in', cards)
      .execute())
      out.set(`exam_card:${r.exam_card_id}`, {
        label: `${r.name_masked} · ${r.employer_name}（${r.record_id}）`,
        examCardId: r.exam_card_id,
      });
  const reports = ids('diagnosis_report');
  if (reports.length)
    for (const r of await db
      .selectFrom('diagnosis_report as d')
      .innerJoin('worker as w', 'w.worker_id', 'd.worker_id')
      .select(['d.diagnosis_report_id', 'd.record_id', 'd.employer_name', 'd.disease_code', 'w.name_masked'])
      .where('d.diagnosis_report_id', 'in', reports)
      .execute())
      out.set(`diagnosis_report:${r.diagnosis_report_id}`, {
        label: [r.name_masked, r.employer_name, diseaseName(r.disease_code), r.record_id]
          .filter(Boolean)
          .join(' · '),
        examCardId: null,
      });
  const filings = ids('filing');
  if (filings.length)
    for (const r of await db
      .selectFrom('filing as f')
      .innerJoin('organisation as o', 'o.organisation_id', 'f.institution_id')
      .select(['f.filing_id', 'f.kind', 'o.name'])
      .where('f.filing_id', 'in', filings)
      .execute())
      out.set(`filing:${r.filing_id}`, {
        label: `${r.name}（${FILING_KIND_ZH[r.kind] ?? r.kind}）`,
        examCardId: null,
      });
  const verifications = ids('verification');
  if (verifications.length)
    for (const r of await db
      .selectFrom('verification as v')
      .innerJoin('organisation as o', 'o.organisation_id', 'v.institution_id')
      .select(['v.verification_id', 'o.name'])
      .where('v.verification_id', 'in', verifications)
      .execute())
      out.set(`verification:${r.verification_id}`, { label: `${r.name}（现场核查）`, examCardId: null });
  const rounds = ids('rectification_round');
  if (rounds.length)
    for (const r of await db
      .selectFrom('rectification_round as r')
      .innerJoin('rectification_item as i', 'i.rectification_item_id', 'r.rectification_item_id')
      .innerJoin('organisation as o', 'o.organisation_id', 'i.institution_id')
      .select(['r.rectification_round_id', 'r.round_no', 'i.title', 'o.name'])
      .where('r.rectification_round_id', 'in', rounds)
      .execute())
      out.set(`rectification_round:${r.rectification_round_id}`, {
        label: `${r.name}（整改${r.round_no > 1 ? `，第 ${r.round_no} 轮` : ''}）：${r.title}`,
        examCardId: null,
      });
  // 职业病危害项目申报 (modules/declarations): the declaration, a submission of it, a never-declared employer.
  const declarations = ids('declaration');
  const versions = ids('declaration_version');
  if (declarations.length || versions.length) {
    let q = db
      .selectFrom('declaration as d')
      .innerJoin('organisation as o', 'o.organisation_id', 'd.employer_id')
      .leftJoin('declaration_version as v', 'v.declaration_id', 'd.declaration_id')
      .select(['d.declaration_id', 'd.declaration_type', 'v.declaration_version_id', 'o.name']);
    q = q.where((eb) =>
      eb.or([
        ...(declarations.length ? [eb('d.declaration_id', 'in', declarations)] : []),
        ...(versions.length ? [eb('v.declaration_version_id', 'in', versions)] : []),
      ]),
    );
    for (const r of await q.execute()) {
      const label = `${r.name}（${DECLARATION_TYPE_ZH[r.declaration_type] ?? r.declaration_type}）`;
      out.set(`declaration:${r.declaration_id}`, { label, examCardId: null });
      if (r.declaration_version_id !== null)
        out.set(`declaration_version:${r.declaration_version_id}`, { label, examCardId: null });
    }
  }
  const employers = ids('employer');
  if (employers.length)
    for (const r of await db
      .selectFrom('organisation')
      .select(['organisation_id', 'name'])
      .where('organisation_id', 'in', employers)
      .execute())
      out.set(`employer:${r.organisation_id}`, {
        label: `${r.name}（职业病危害项目初次申报）`,
        examCardId: null,
      });
  // 入户指导 of the potential-employer database (modules/employer-census): the entry's name and region.
  const followUps = ids('census_follow_up');
  if (followUps.length)
    for (const r of await db
      .selectFrom('census_follow_up as f')
      .innerJoin('census_entry as e', 'e.census_entry_id', 'f.census_entry_id')
      .select(['f.census_follow_up_id', 'e.name'])
      .where('f.census_follow_up_id', 'in', followUps)
      .execute())
      out.set(`census_follow_up:${r.census_follow_up_id}`, {
        label: `${r.name}（入户指导）`,
        examCardId: null,
      });
  return out;
};

const DECLARATION_TYPE_ZH: Record<string, string> = {
  initial: '初次申报',
  change: '变更申报',
  annual: '年度更新',
  cancel: '注销申报',
};

const FILING_KIND_ZH: Record<string, string> = {
  exam: '职业健康检查机构备案',
  diagnosis: '职业病诊断机构备案',
  service: '技术服务机构资质备案',
};

export const subjectKey = (r: SubjectRef) => `${r.subject_type}:${r.subject_id}`;
