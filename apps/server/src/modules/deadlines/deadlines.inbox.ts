/**
 * The to-do inbox (待办事项, issue 16 item 1): the clocks in the user's inbox scope (deadlines.policy.ts)
 * as a paginated list with each clock's state on the day, days left or overdue, subject and link, the
 * rule's legal basis and confidence; and the counts by kind × state for the workbench and the badges.
 */
import { chinaToday } from '@ohp/reference';
import {
  todoDueSoonDays,
  todoStates,
  todoSubjectLink,
  type Todo,
  type TodoListQuery,
  type TodoPage,
  type TodoStateCounts,
  type TodoSummary,
  type TodoSummaryQuery,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { inboxScopeOf } from './deadlines.policy.js';
import {
  countTodos,
  countTodosByKindAndState,
  listTodos,
  ruleNames,
  subjectInfo,
  subjectKey,
  type TodoFilters,
} from './todos.repository.js';

/** Today in China (UTC+8): clocks fall due on China dates. */
export const todayIso = (): string => chinaToday();

const addDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString();

const filtersOf = (
  q: { kind?: string; state?: Todo['state']; relation?: Todo['relation'] },
  today: string,
) => ({
  kind: q.kind,
  state: q.state,
  relation: q.relation,
  today,
  soon: addDays(today, todoDueSoonDays),
});

export const listTodosFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: TodoListQuery,
  lang: string,
  exactCountLimit: number,
  today: string = todayIso(),
): Promise<TodoPage> => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const scope = inboxScopeOf(actor);
  const f: TodoFilters = filtersOf(q, today);
  const [rows, { total, totalExact }] = await Promise.all([
    listTodos(db, scope, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countTodos(db, scope, f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  const subjects = await subjectInfo(db, rows);
  return {
    data: rows.map((r) => {
      const s = subjects.get(subjectKey(r));
      const done = r.done_at !== null;
      return {
        id: r.deadline_id,
        kind: r.kind,
        name: lang === 'en' ? r.name_en : r.name_zh,
        state: r.state,
        relation: r.responsible_organisation_id === scope.organisationId ? 'own' : 'region',
        subject: {
          type: r.subject_type,
          id: r.subject_id,
          label: s?.label ?? `${r.subject_type} #${r.subject_id}`,
          examCardId: s?.examCardId ?? null,
        },
        link: todoSubjectLink(r.subject_type, r.subject_id),
        startsOn: r.starts_on,
        dueOn: r.due_on,
        daysLeft: done ? null : daysBetween(today, r.due_on),
        overdueDays: done ? 0 : Math.max(0, daysBetween(r.due_on, today)),
        doneAt: iso(r.done_at),
        responsibleOrganisationId: r.responsible_organisation_id,
        responsibleOrganisationName: r.organisation_name,
        regulatorRegionCode: r.regulator_region_code,
        legalBasis: r.legal_basis,
        confidence: r.confidence,
        dayType: r.day_type,
        days: r.days,
        warnedAt: iso(r.warned_at),
      };
    }),
    total,
    totalExact,
    page,
    pageSize,
    asOf: today,
  };
};

const zero = (): TodoStateCounts => ({ overdue: 0, due_soon: 0, open: 0, done: 0 });

export const summariseTodosFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: TodoSummaryQuery,
  lang: string,
  today: string = todayIso(),
): Promise<TodoSummary> => {
  const scope = inboxScopeOf(actor);
  const [counts, rules] = await Promise.all([
    countTodosByKindAndState(db, scope, filtersOf({ relation: q.relation }, today)),
    ruleNames(db),
  ]);
  const totals = zero();
  const byKind = new Map(rules.map((r) => [r.kind, zero()]));
  for (const c of counts) {
    if (!todoStates.includes(c.state)) continue;
    totals[c.state] += c.n;
    const k = byKind.get(c.kind) ?? zero();
    k[c.state] += c.n;
    byKind.set(c.kind, k);
  }
  return {
    asOf: today,
    totals,
    kinds: rules.map((r) => ({
      kind: r.kind,
      name: lang === 'en' ? r.name_en : r.name_zh,
      confidence: r.confidence,
      counts: byKind.get(r.kind) ?? zero(),
    })),
  };
};
