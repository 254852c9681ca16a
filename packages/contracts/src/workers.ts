/**
 * The worker registry (劳动者档案, issue 15 item 6): workers found by the keyed hash of their ID number,
 * listed and shown masked, each with the history of their exams across employers and institutions
 * (个人职业健康档案); the full ID number, name and phone only through an audited reveal with a reason.
 */
import { Type, type Static } from 'typebox';
import { ListTotalQuery, Paging } from './schemas.js';

const Day = Type.String({ format: 'date' });

export const WorkerListQuery = Type.Object(
  {
    ...Paging,
    ...ListTotalQuery,
    /**
     * A worker's ID number (resident ID, 15 or 18 characters; another document's number as printed):
     * matched exactly through its keyed hash. Names are encrypted and cannot be searched.
     */
    idNumber: Type.Optional(Type.String({ maxLength: 40 })),
    /** Workers with an exam in scope naming this employer (统一社会信用代码). */
    employerCreditCode: Type.Optional(Type.String({ maxLength: 18 })),
    /** Workers with an exam in scope by this exam institution. */
    institutionId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    /** Workers with a 疑似职业病 conclusion among their exams in scope. */
    hasSuspected: Type.Optional(Type.Boolean()),
    /** Workers with a 职业禁忌证 conclusion among their exams in scope. */
    hasContraindication: Type.Optional(Type.Boolean()),
    /** The latest exam in scope on or after this date. */
    from: Type.Optional(Type.String({ format: 'date', description: 'latest exam from (inclusive)' })),
    /** The latest exam in scope on or before this date. */
    to: Type.Optional(Type.String({ format: 'date', description: 'latest exam to (inclusive)' })),
  },
  { additionalProperties: false },
);
export type WorkerListQuery = Static<typeof WorkerListQuery>;

export const WorkerAbilities = Type.Object({
  /** May see the full ID number, name and phone (workers:reveal), with a reason, audited. */
  reveal: Type.Boolean(),
});

export const WorkerSummary = Type.Object({
  id: Type.Integer(),
  idTypeCode: Type.String(),
  idNumber: Type.String({ description: 'masked (220102********1234)' }),
  name: Type.String({ description: 'masked (张*明)' }),
  genderCode: Type.String(),
  birthYear: Type.Integer(),
  /** The worker's exams in the caller's scope. */
  examCount: Type.Integer(),
  latestExamDate: Day,
  latestExamTypeCode: Type.String(),
  /** The latest exam's conclusion codes, most serious first (03, 04, 05, 02, 01). */
  latestConclusionCodes: Type.Array(Type.String()),
  /** The employer of the latest exam in scope (用人单位). */
  employerName: Type.String(),
  employerCreditCode: Type.String(),
  institutionName: Type.String(),
  /** Any exam in scope with a 疑似职业病 / 职业禁忌证 conclusion. */
  hasSuspected: Type.Boolean(),
  hasContraindication: Type.Boolean(),
  abilities: WorkerAbilities,
});
export type WorkerSummary = Static<typeof WorkerSummary>;

export const WorkerExamConclusion = Type.Object({
  factorCodes: Type.Array(Type.String()),
  factorOther: Type.Union([Type.String(), Type.Null()]),
  conclusionCode: Type.String(),
  suspectedDiseaseCode: Type.Union([Type.String(), Type.Null()]),
  contraindication: Type.Union([Type.String(), Type.Null()]),
  otherAbnormality: Type.Union([Type.String(), Type.Null()]),
});

export const WorkerExam = Type.Object({
  cardId: Type.Integer(),
  recordId: Type.String(),
  examNo: Type.Union([Type.String(), Type.Null()]),
  examDate: Day,
  examTypeCode: Type.String(),
  isReexam: Type.Boolean(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  employerName: Type.String(),
  employerCreditCode: Type.String(),
  employingName: Type.String(),
  regionCode: Type.String(),
  workTypeCode: Type.String(),
  workTypeOther: Type.Union([Type.String(), Type.Null()]),
  contactFactorCodes: Type.Array(Type.String()),
  conclusions: Type.Array(WorkerExamConclusion),
  hasSuspected: Type.Boolean(),
  hasContraindication: Type.Boolean(),
  /** The national review status (02 … 07). */
  auditStatus: Type.String(),
  reportDate: Day,
  chiefPhysician: Type.Union([Type.String(), Type.Null()]),
});
export type WorkerExam = Static<typeof WorkerExam>;

export const WorkerSuspectedCase = Type.Object({
  id: Type.Integer(),
  examCardId: Type.Integer(),
  diseaseCode: Type.String(),
  foundOn: Day,
  status: Type.String(),
  outcomeOn: Type.Union([Day, Type.Null()]),
  diagnosedDiseaseCode: Type.Union([Type.String(), Type.Null()]),
  stage: Type.Union([Type.String(), Type.Null()]),
});

/** 个人职业健康档案: the worker (masked) and every exam of theirs in the caller's scope, newest first. */
export const WorkerDetail = Type.Object({
  ...WorkerSummary.properties,
  birthDate: Type.String({ description: 'masked to the year (1985-**-**)' }),
  phone: Type.Union([Type.String({ description: 'masked (138****5678)' }), Type.Null()]),
  /** The employers of the worker's exams in scope, latest first. */
  employers: Type.Array(
    Type.Object({ name: Type.String(), creditCode: Type.String(), firstExam: Day, lastExam: Day }),
  ),
  exams: Type.Array(WorkerExam),
  suspectedCases: Type.Array(WorkerSuspectedCase),
});
export type WorkerDetail = Static<typeof WorkerDetail>;

export const workerRevealFields = ['idNumber', 'name', 'phone'] as const;
export type WorkerRevealField = (typeof workerRevealFields)[number];

/** The least a stated reason must hold (characters, after trimming). */
export const REVEAL_REASON_MIN = 4;

export const WorkerRevealInput = Type.Object(
  {
    /** Why the full data is needed (kept in the audit trail; at least four characters). */
    reason: Type.String({ maxLength: 200 }),
    /** Which fields to show; all three when absent. */
    fields: Type.Optional(
      Type.Array(Type.Union([Type.Literal('idNumber'), Type.Literal('name'), Type.Literal('phone')]), {
        minItems: 1,
        maxItems: 3,
        uniqueItems: true,
      }),
    ),
  },
  { additionalProperties: false },
);
export type WorkerRevealInput = Static<typeof WorkerRevealInput>;

export const WorkerRevealResult = Type.Object({
  idNumber: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  phone: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type WorkerRevealResult = Static<typeof WorkerRevealResult>;

export const WorkerHistoryExportQuery = Type.Object(
  {
    /** 1: the workbook with the full ID number, name and phone (workers:reveal and a reason; audited). */
    reveal: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type WorkerHistoryExportQuery = Static<typeof WorkerHistoryExportQuery>;
