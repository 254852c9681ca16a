/**
 * The suspected-case tracker (疑似职业病追踪, issue 15 item 7): the cases in the actor's card scope with
 * their clocks (overdue ones flagged for the regulator), and the steps recorded one at a time, each
 * closing the clock it answers and audited.
 */
import type { SuspectedCase, SuspectedCaseEventInput, SuspectedCaseListQuery } from '@ohp/contracts';
import { chinaToday, findExchangeCode } from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { AppError } from '../../platform/errors.js';
import { closeDeadlines, deadlinesOf, overdueDays } from '../deadlines/index.js';
import { cardScopeOf } from '../exam-reports/index.js';
import { caseAbilities, canRecord } from './suspected-cases.policy.js';
import {
  countCases,
  listCases,
  lockCase,
  unsafeLockCaseForDiagnosis,
  updateCase,
} from './suspected-cases.repository.js';

const today = () => chinaToday();
const day = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

export const listCasesFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: SuspectedCaseListQuery,
  lang: string,
  exactCountLimit: number,
): Promise<{ data: SuspectedCase[]; total: number; totalExact: boolean; page: number; pageSize: number }> => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const cs = cardScopeOf(actor);
  const now = today();
  const f = {
    status: q.status,
    regionCode: q.regionCode,
    overdueOn: q.overdue ? now : undefined,
    foundFrom: q.from,
    foundTo: q.to,
  };
  const [rows, { total, totalExact }] = await Promise.all([
    listCases(db, cs, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countCases(db, cs, f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  const clocks = await deadlinesOf(
    db,
    'suspected_case',
    rows.map((r) => r.suspected_case_id),
  );
  return {
    data: rows.map((r) => ({
      id: r.suspected_case_id,
      examCardId: r.exam_card_id,
      recordId: r.record_id,
      examDate: r.exam_date,
      workerName: r.name_masked,
      workerIdNumber: r.id_masked,
      institutionId: r.institution_id,
      institutionName: r.institution_name,
      employerName: r.employer_name,
      regionCode: r.region_code,
      diseaseCode: r.disease_code,
      foundOn: r.found_on,
      status: r.status,
      employerNotifiedOn: day(r.employer_notified_on),
      referredOn: day(r.referred_on),
      referredTo: r.referred_to,
      outcomeOn: day(r.outcome_on),
      diagnosedDiseaseCode: r.diagnosed_disease_code,
      stage: r.stage,
      note: r.note,
      clocks: clocks
        .filter((c) => c.subject_id === r.suspected_case_id)
        .map((c) => ({
          kind: c.kind,
          name: lang === 'en' ? c.name_en : c.name_zh,
          startsOn: c.starts_on,
          dueOn: c.due_on,
          done: c.done_at !== null,
          overdueDays: overdueDays(c.due_on, c.done_at, now),
          confidence: c.confidence,
          legalBasis: c.legal_basis,
        })),
      abilities: caseAbilities(actor, r),
    })),
    total,
    totalExact,
    page,
    pageSize,
  };
};

const refuse = (path: string, reason: string) =>
  new AppError('validation_failed', 'validation_failed', [{ path, reason, message: '' }]);

export const recordCaseEvent = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: SuspectedCaseEventInput,
): Promise<{ id: number; status: string }> => {
  const date = input.date ?? today();
  return db.transaction().execute(async (trx) => {
    const c = await lockCase(trx, cardScopeOf(actor), id);
    if (!c) throw new AppError('not_found', 'not_found');
    if (!canRecord(actor, c, input.event)) throw new AppError('conflict', 'case_step_not_allowed');
    if (date > today()) throw refuse('date', 'date_in_future');
    if (date < c.found_on) throw refuse('date', 'case_step_before_found');
    const note = input.note?.trim() || null;
    switch (input.event) {
      case 'employer_notified':
        await updateCase(trx, id, { status: 'employer_notified', employer_notified_on: date, note });
        await closeDeadlines(trx, ['suspected_case_notify'], 'suspected_case', [id], {
          userId: actor.userId,
          note,
        });
        break;
      case 'referred':
        await updateCase(trx, id, {
          status: 'referred',
          referred_on: date,
          referred_to: input.referredTo?.trim() || null,
          note,
        });
        break;
      case 'diagnosed': {
        const disease = input.diseaseCode ?? null;
        if (!disease) throw refuse('diseaseCode', 'value_required');
        if (!findExchangeCode('diseases', disease)) throw refuse('diseaseCode', 'code_unknown');
        await updateCase(trx, id, {
          status: 'diagnosed',
          outcome_on: date,
          diagnosed_disease_code: disease,
          stage: input.stage ?? null,
          note,
        });
        await closeDeadlines(
          trx,
          ['suspected_case_notify', 'suspected_case_diagnosis'],
          'suspected_case',
          [id],
          {
            userId: actor.userId,
            note,
          },
        );
        break;
      }
      case 'excluded':
        await updateCase(trx, id, { status: 'excluded', outcome_on: date, note });
        await closeDeadlines(
          trx,
          ['suspected_case_notify', 'suspected_case_diagnosis'],
          'suspected_case',
          [id],
          {
            userId: actor.userId,
            note,
          },
        );
        break;
    }
    const status = input.event;
    await writeAudit(trx, ctx, {
      action: 'suspected_case.update',
      entityType: 'suspected_case',
      entityId: id,
      before: { status: c.status },
      after: { status, date, note, diseaseCode: input.diseaseCode ?? null, stage: input.stage ?? null },
    });
    return { id, status };
  });
};

export type DiagnosisOutcome = {
  outcome: 'diagnosed' | 'excluded';
  date: string;
  diseaseCode: string | null;
  stage: string | null;
  note: string | null;
  /** A correction of the report that resolved the case: the outcome is rewritten, not a step forward. */
  amend?: boolean;
};

/**
 * The diagnosis or exclusion of a suspected case recorded by a diagnosis report (diagnosis-reports
 * module), in the report's transaction: the step moves the case to diagnosed / excluded (from open,
 * employer_notified or referred — or, for a correction of the report that resolved it, from
 * diagnosed / excluded), closes its clocks and is audited as any step. The caller has checked that the
 * actor's institution may resolve this case. Returns null when the case no longer takes the step.
 */
export const recordDiagnosisOutcome = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  o: DiagnosisOutcome,
): Promise<{ id: number; status: string } | null> => {
  const c = await unsafeLockCaseForDiagnosis(trx, id);
  const from = o.amend ? ['diagnosed', 'excluded'] : ['open', 'employer_notified', 'referred'];
  if (!c || !from.includes(c.status)) return null;
  await updateCase(trx, id, {
    status: o.outcome,
    outcome_on: o.date,
    diagnosed_disease_code: o.outcome === 'diagnosed' ? o.diseaseCode : null,
    stage: o.outcome === 'diagnosed' ? o.stage : null,
    note: o.note,
  });
  await closeDeadlines(trx, ['suspected_case_notify', 'suspected_case_diagnosis'], 'suspected_case', [id], {
    userId: actor.userId,
    note: o.note,
  });
  await writeAudit(trx, ctx, {
    action: 'suspected_case.update',
    entityType: 'suspected_case',
    entityId: id,
    before: { status: c.status },
    after: { status: o.outcome, date: o.date, note: o.note, diseaseCode: o.diseaseCode, stage: o.stage },
  });
  return { id, status: o.outcome };
};
