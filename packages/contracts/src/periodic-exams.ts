/**
 * 体检到期提醒 (issue 15 item 7): per worker and hazard factor, the latest 上岗前 / 在岗期间 exam, the
 * periodic-exam cycle the standards engine gives for that factor under the GBZ 188 edition in force on
 * the exam date, the next due date and where it stands. Where the engine cannot give one cycle — the
 * cycle depends on a level the card does not carry (noise L_EX,8h, 作业分级), the edition has no
 * transcribed row for the factor, the national code has no 2015-catalogue entry — the row says so as a
 * caveat instead of guessing a date.
 */
import { Type, type Static } from 'typebox';
import { ListTotalQuery, Paging, RegionCode } from './schemas.js';

export const periodicDueStatuses = ['overdue', 'due_soon', 'undetermined', 'in_date'] as const;
export type PeriodicDueStatus = (typeof periodicDueStatuses)[number];

/** Days ahead that count as “due soon”. */
export const PERIODIC_DUE_SOON_DAYS = 30;

/** Why no single due date is given. */
export const periodicCaveatKinds = [
  'noise_level_required',
  'work_grade_required',
  'no_cycle_in_edition',
  'factor_not_mapped',
  'edition_not_covered',
] as const;
export type PeriodicCaveatKind = (typeof periodicCaveatKinds)[number];

export const PeriodicDueQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    status: Type.Optional(
      Type.Unsafe<PeriodicDueStatus>(Type.Union(periodicDueStatuses.map((s) => Type.Literal(s)))),
    ),
    /** A national hazard-factor code (cdc2021-hazard-factors). */
    factorCode: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
    regionCode: Type.Optional(RegionCode),
    /** Part of the employer's name or its credit code, or a worker's ID number (matched by keyed hash). */
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type PeriodicDueQuery = Static<typeof PeriodicDueQuery>;

export const PeriodicDueExport = Type.Omit(PeriodicDueQuery, ['page', 'pageSize', 'exactTotal']);
export type PeriodicDueExport = Static<typeof PeriodicDueExport>;

export const PeriodicDueRow = Type.Object({
  workerId: Type.Integer(),
  workerName: Type.String({ description: 'masked' }),
  workerIdNumber: Type.String({ description: 'masked' }),
  employerName: Type.String(),
  employerCreditCode: Type.String(),
  regionCode: Type.String(),
  /** The national code as on the card, and its 2015-catalogue entry (what the engine is asked about). */
  factorCode: Type.String(),
  factorName: Type.String(),
  hazardId: Type.Union([Type.String(), Type.Null()]),
  lastExam: Type.Object({
    cardId: Type.Integer(),
    recordId: Type.String(),
    examDate: Type.String(),
    examTypeCode: Type.String(),
    conclusionCode: Type.String(),
    institutionName: Type.String(),
  }),
  /** The GBZ 188 edition in force on the exam date, or null when none is loaded for that date. */
  edition: Type.Union([Type.String(), Type.Null()]),
  section: Type.Union([Type.String(), Type.Null()]),
  cycleMonths: Type.Union([Type.Integer(), Type.Null()]),
  dueOn: Type.Union([Type.String(), Type.Null()]),
  /** Days past the due date (overdue) or left until it (negative), null without a due date. */
  daysOverdue: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Unsafe<PeriodicDueStatus>(Type.Union(periodicDueStatuses.map((s) => Type.Literal(s)))),
  /** The engine's row: how sure its source is (V, V3, R) and whether it was checked against the text. */
  confidence: Type.Union([Type.String(), Type.Null()]),
  verified: Type.Boolean(),
  /** The engine's reason, in the caller's language. */
  basis: Type.String(),
  caveat: Type.Union([
    Type.Object({
      kind: Type.Unsafe<PeriodicCaveatKind>(Type.Union(periodicCaveatKinds.map((k) => Type.Literal(k)))),
      message: Type.String(),
      /** The cycles the missing level would select, each with the due date it would give. */
      alternatives: Type.Array(
        Type.Object({ condition: Type.String(), months: Type.Integer(), dueOn: Type.String() }),
      ),
      /** The earliest of those due dates (the shortest cycle), when there are alternatives. */
      earliestDueOn: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});
export type PeriodicDueRow = Static<typeof PeriodicDueRow>;

export const PeriodicDuePage = Type.Object({
  data: Type.Array(PeriodicDueRow),
  total: Type.Integer(),
  totalExact: Type.Optional(Type.Boolean()),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** The date the statuses are computed for (today in China). */
  asOf: Type.String(),
  /** Rows per status under the same filters, status filter aside. */
  counts: Type.Object({
    overdue: Type.Integer(),
    due_soon: Type.Integer(),
    undetermined: Type.Integer(),
    in_date: Type.Integer(),
  }),
});
export type PeriodicDuePage = Static<typeof PeriodicDuePage>;
