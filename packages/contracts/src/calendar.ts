/**
 * 工作日历 (working-day calendar, issue 16 item 1): the statutory holidays and 调休 make-up workdays as
 * data. Every clock counts working days on it; administrators (calendar:manage) enter or import the
 * later years; any signed-in user may read it and use the calculator. A year without any holiday entered
 * is provisional: Monday–Friday count as working days.
 */
import { Type, type Static } from 'typebox';

export const calendarDayKinds = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];

export const calendarDayKindLabels: Record<CalendarDayKind, { zh: string; en: string }> = {
  holiday: { zh: '放假', en: 'Holiday' },
  workday: { zh: '调休上班', en: 'Make-up workday' },
};

/** A calendar date, YYYY-MM-DD (a real date: the format check refuses 2027-02-30). */
export const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const CalendarDateParams = Type.Object(
  { date: Type.String({ format: 'date', description: 'YYYY-MM-DD' }) },
  { additionalProperties: false },
);
export type CalendarDateParams = Static<typeof CalendarDateParams>;

export const CalendarYearParams = Type.Object(
  { year: Type.Integer({ minimum: 1949, maximum: 2200 }) },
  { additionalProperties: false },
);
export type CalendarYearParams = Static<typeof CalendarYearParams>;

const Kind = Type.Unsafe<CalendarDayKind>(
  Type.Union(
    calendarDayKinds.map((k) => Type.Literal(k)),
    {
      description: 'holiday: 放假 (a day off); workday: 调休上班 (a weekend day worked)',
    },
  ),
);
const Name = Type.String({ minLength: 1, maxLength: 50, description: 'the festival, e.g. 国庆节' });
const NameEn = Type.Union([Type.String({ maxLength: 100 }), Type.Null()]);
const Source = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'the notice the day comes from: its URL or document number (国务院办公厅通知)',
});
const Note = Type.Union([Type.String({ maxLength: 500 }), Type.Null()]);

export const CalendarDayInput = Type.Object(
  {
    date: CalendarDate,
    kind: Kind,
    name: Name,
    nameEn: Type.Optional(NameEn),
    source: Source,
    note: Type.Optional(Note),
  },
  {
    additionalProperties: false,
    examples: [
      {
        date: '2027-01-01',
        kind: 'holiday',
        name: '元旦',
        nameEn: "New Year's Day",
        source: '国务院办公厅关于2027年部分节假日安排的通知',
      },
    ],
  },
);
export type CalendarDayInput = Static<typeof CalendarDayInput>;

export const CalendarDayPatch = Type.Object(
  {
    kind: Type.Optional(Kind),
    name: Type.Optional(Name),
    nameEn: Type.Optional(NameEn),
    source: Type.Optional(Source),
    note: Type.Optional(Note),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [
      {
        name: '国庆节',
        source: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
      },
    ],
  },
);
export type CalendarDayPatch = Static<typeof CalendarDayPatch>;

export const CalendarDayRecord = Type.Object({
  date: Type.String(),
  kind: Kind,
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  /** shipped: copied from the State Council notices shipped with the platform, unchanged; admin: entered, changed or imported by an administrator. */
  origin: Type.Union([Type.Literal('shipped'), Type.Literal('admin')]),
  importBatchId: Type.Union([Type.Integer(), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  abilities: Type.Object({ update: Type.Boolean(), delete: Type.Boolean() }),
});
export type CalendarDayRecord = Static<typeof CalendarDayRecord>;

export const CalendarYearSummary = Type.Object({
  year: Type.Integer(),
  holidays: Type.Integer(),
  makeupWorkdays: Type.Integer(),
  /** No holiday entered for the year: Monday–Friday count as working days. */
  provisional: Type.Boolean(),
  /** Days of the year still as shipped / entered or changed by an administrator. */
  shippedDays: Type.Integer(),
  adminDays: Type.Integer(),
  lastChangedAt: Type.Union([Type.String(), Type.Null()]),
});
export type CalendarYearSummary = Static<typeof CalendarYearSummary>;

export const CalendarYearList = Type.Object({
  data: Type.Array(CalendarYearSummary),
  /** Today on the server (Asia/Shanghai), for the page's default year. */
  today: Type.String(),
  abilities: Type.Object({ manage: Type.Boolean() }),
});
export type CalendarYearList = Static<typeof CalendarYearList>;

export const CalendarYear = Type.Object({
  ...CalendarYearSummary.properties,
  days: Type.Array(CalendarDayRecord),
  abilities: Type.Object({ manage: Type.Boolean() }),
});
export type CalendarYear = Static<typeof CalendarYear>;

export const CalendarDayInfo = Type.Object({
  date: Type.String(),
  working: Type.Boolean(),
  kind: Type.Union([
    Type.Literal('weekday'),
    Type.Literal('weekend'),
    Type.Literal('holiday'),
    Type.Literal('makeup_workday'),
  ]),
  name: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  provisional: Type.Boolean(),
});
export type CalendarDayInfo = Static<typeof CalendarDayInfo>;

export const WorkingDaysQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'the start date, YYYY-MM-DD (not counted)' }),
    /** Working days after (n > 0) or before (n < 0) the start date; 0 answers the start date itself. */
    n: Type.Integer({ minimum: -1000, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export type WorkingDaysQuery = Static<typeof WorkingDaysQuery>;

export const WorkingDaysResult = Type.Object({
  from: Type.String(),
  n: Type.Integer(),
  date: Type.String(),
  /** Some day counted lies in a year without an entered arrangement (Monday–Friday were used). */
  provisional: Type.Boolean(),
  day: CalendarDayInfo,
  /** The holidays passed over on the way (named days off between from and date). */
  holidaysPassed: Type.Array(CalendarDayInfo),
});
export type WorkingDaysResult = Static<typeof WorkingDaysResult>;

/** Columns of the calendar import template (one row per holiday or make-up workday). */
export const calendarImportColumns = ['日期', '类型', '名称', '英文名称', '依据', '备注'] as const;
