/**
 * 待办事项与通知 (to-dos and notifications, issue 16 item 1): the deadlines engine's clocks as a to-do
 * inbox — the clocks whose responsible organisation is the user's own, and for regulators and the QC
 * centre also the overdue clocks of their region — with counts for badges; and the notification centre,
 * where the overdue sweep warns the responsible organisation and the regulators of the clock's region.
 */
import { Type, type Static } from 'typebox';
import { Id, ListTotalQuery, Paging } from './schemas.js';

/**
 * A clock's state on a day: done; overdue (due before today); due soon (due within `todoDueSoonDays`
 * days, today included); open (due later). The four do not overlap, so counts add up.
 */
export const todoStates = ['overdue', 'due_soon', 'open', 'done'] as const;
export type TodoState = (typeof todoStates)[number];
/** “Due soon”: due today or within this many days. */
export const todoDueSoonDays = 3;

/** Why a clock is in the user's inbox: its organisation must act, or it runs late in the user's region. */
export const todoRelations = ['own', 'region'] as const;
export type TodoRelation = (typeof todoRelations)[number];

/**
 * Where the web opens a clock's subject, by subject type (a later module adds its own; `{id}` stands for
 * the subject's id where its page opens one record from the address). Types without an entry have no
 * link. The to-do page opens the exam card or diagnosis report behind a clock in place; these pages are
 * for the rest (and for users who may not open that record).
 */
export const todoSubjectLinks: Record<string, string> = {
  suspected_case: '/suspected-cases',
  exam_card: '/exam-cards',
  diagnosis_report: '/diagnosis-reports',
  // A submitted filing waits for the commission: its review queue.
  filing: '/filings',
  // An on-site verification due: its checklist page.
  verification: '/verifications/{id}',
  // A rectification item's round (整改台账): the item's page.
  rectification_round: '/rectifications/rounds/{id}',
  // 职业病危害项目申报: a declaration's own clock (初次 / 变更 / 注销 / 年度更新 after it) opens it; a
  // submission's (回执, returned) and an employer's never-declared clock open the declarations page.
  declaration: '/declarations/{id}',
  declaration_version: '/declarations',
  employer: '/declarations',
  // 入户指导 (potential-employer database): the follow-ups tab.
  census_follow_up: '/employer-census?tab=followUps',
};
export const todoSubjectLink = (subjectType: string, subjectId: number): string | null =>
  todoSubjectLinks[subjectType]?.replace('{id}', String(subjectId)) ?? null;

/** One of these strings (typed as their union). */
const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));

const Kind = Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'a deadline rule kind' });

export const TodoListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    kind: Type.Optional(Kind),
    /** One state; omitted: every clock not done yet (overdue, due soon and open). */
    state: Type.Optional(oneOf(todoStates)),
    /** own: my organisation must act; region: overdue clocks of my region (regulators, QC centre). */
    relation: Type.Optional(oneOf(todoRelations)),
  },
  { additionalProperties: false },
);
export type TodoListQuery = Static<typeof TodoListQuery>;

export const TodoSubject = Type.Object({
  type: Type.String({ description: 'suspected_case | exam_card | diagnosis_report | … (the module’s)' }),
  id: Type.Integer(),
  /** What the clock is about, in words (a worker masked, an employer, a record ID). */
  label: Type.String(),
  /** The exam card behind it (a suspected case's, a card's own), for the web's card drawer. */
  examCardId: Type.Union([Type.Integer(), Type.Null()]),
});

export const Todo = Type.Object({
  id: Type.Integer({ description: 'the clock (deadline) id' }),
  kind: Type.String(),
  name: Type.String({ description: 'the rule’s name in the request language' }),
  state: oneOf(todoStates),
  relation: oneOf(todoRelations),
  subject: TodoSubject,
  /** Where the web opens the subject (todoSubjectLinks), or null. */
  link: Type.Union([Type.String(), Type.Null()]),
  startsOn: Type.String({ format: 'date' }),
  dueOn: Type.String({ format: 'date' }),
  /** Days from today to the due date (negative: overdue); null once done. */
  daysLeft: Type.Union([Type.Integer(), Type.Null()]),
  overdueDays: Type.Integer(),
  doneAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  responsibleOrganisationId: Type.Union([Type.Integer(), Type.Null()]),
  responsibleOrganisationName: Type.Union([Type.String(), Type.Null()]),
  regulatorRegionCode: Type.String(),
  legalBasis: Type.String(),
  /** verified | reported | uncertain (a placeholder day count the province should set). */
  confidence: Type.String(),
  dayType: Type.String({ description: 'calendar | working' }),
  days: Type.Integer(),
  warnedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Todo = Static<typeof Todo>;

export const TodoPage = Type.Object({
  data: Type.Array(Todo),
  total: Type.Integer(),
  totalExact: Type.Optional(Type.Boolean()),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** The day the states were computed on. */
  asOf: Type.String({ format: 'date' }),
});
export type TodoPage = Static<typeof TodoPage>;

const StateCounts = Type.Object({
  overdue: Type.Integer(),
  due_soon: Type.Integer(),
  open: Type.Integer(),
  done: Type.Integer(),
});
export type TodoStateCounts = Static<typeof StateCounts>;

export const TodoSummaryQuery = Type.Object(
  { relation: Type.Optional(oneOf(todoRelations)) },
  { additionalProperties: false },
);
export type TodoSummaryQuery = Static<typeof TodoSummaryQuery>;

export const TodoSummary = Type.Object({
  asOf: Type.String({ format: 'date' }),
  totals: StateCounts,
  /** Per rule kind with a clock in the inbox (every kind of the rules table, zeros included). */
  kinds: Type.Array(
    Type.Object({ kind: Type.String(), name: Type.String(), confidence: Type.String(), counts: StateCounts }),
  ),
});
export type TodoSummary = Static<typeof TodoSummary>;

// ---------- notifications ----------

/** Kinds of notification and the titles they are rendered with ({{param}} from the notification's params). */
export const notificationTemplates: Record<string, { zh: string; en: string }> = {
  // To the organisation that must act.
  deadline_overdue: {
    zh: '【逾期】{{ruleZh}}：{{subject}}，应于 {{dueOn}} 前完成',
    en: '[Overdue] {{ruleEn}}: {{subject}}, due {{dueOn}}',
  },
  // To the regulators of the clock's region.
  deadline_overdue_region: {
    zh: '【辖区逾期】{{organisation}}：{{ruleZh}}（{{subject}}），应于 {{dueOn}} 前完成',
    en: '[Overdue in your area] {{organisation}}: {{ruleEn}} ({{subject}}), due {{dueOn}}',
  },
  // To the provincial commission and disease-control bureau: a major QC problem, at once (modules/qc).
  qc_major_problem: {
    zh: '【重大质量问题】{{institution}}：{{note}}（质控评估 #{{assessmentId}}）',
    en: '[Major quality problem] {{institution}}: {{note}} (QC assessment #{{assessmentId}})',
  },
};

/** The title of a notification in a language; an unknown kind shows its kind. */
export const renderNotificationTitle = (
  kind: string,
  params: Record<string, unknown>,
  lang: 'zh-CN' | 'en',
): string => {
  const t = notificationTemplates[kind];
  if (!t) return kind;
  return (lang === 'en' ? t.en : t.zh).replace(/\{\{(\w+)\}\}/g, (_m, k: string) => {
    const v = params[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  });
};

export const NotificationListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    unread: Type.Optional(Type.Boolean({ description: 'only the unread ones' })),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  /** Rendered in the request language from the kind's template and the params. */
  title: Type.String(),
  params: Type.Record(Type.String(), Type.Unknown()),
  link: Type.Union([Type.String(), Type.Null()]),
  deadlineId: Type.Union([Type.Integer(), Type.Null()]),
  /** Addressed to one user (else the whole organisation). */
  personal: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Notification = Static<typeof Notification>;

export const NotificationPage = Type.Object({
  data: Type.Array(Notification),
  total: Type.Integer(),
  totalExact: Type.Optional(Type.Boolean()),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  unread: Type.Integer(),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const UnreadCount = Type.Object({ unread: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCount>;

/** Marks several notifications (ids) or all of the user's (all: true) read; exactly one of the two. */
export const NotificationReadInput = Type.Object(
  {
    ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true })),
    all: Type.Optional(Type.Literal(true)),
  },
  {
    additionalProperties: false,
    // Works as is on the demo province (test/openapi-examples.test.ts posts it).
    examples: [{ all: true }],
  },
);
export type NotificationReadInput = Static<typeof NotificationReadInput>;

export const NotificationReadResult = Type.Object({
  /** Notifications that were unread and are read now. */
  updated: Type.Integer(),
  unread: Type.Integer(),
});
export type NotificationReadResult = Static<typeof NotificationReadResult>;
