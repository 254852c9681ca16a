/**
 * The chain each stored card starts (issue 15 item 7, R48), in the store's transaction, set-based for
 * the chunk: a 疑似职业病 opens a tracked case with its clocks — the institution tells the employer and
 * reports (suspected_case_notify), the employer arranges the diagnosis (suspected_case_diagnosis) — and
 * a 职业禁忌证 opens the employer's follow-up (contraindication_followup). Each clock warns the
 * regulators of the employer's county when it runs late. A corrected card that is no longer suspected
 * withdraws its open case and drops its open clocks.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { dropDeadlines, openDeadlines, type ClockToOpen } from '../deadlines/index.js';
import { caseIdsOfCards, chainFacts, upsertCases, withdrawCases } from './suspected-cases.repository.js';

export const SUSPECTED_CLOCKS = ['suspected_case_notify', 'suspected_case_diagnosis'] as const;

/**
 * `newCardIds` are cards inserted in this transaction: they have no case or clock yet, so nothing of
 * theirs is withdrawn or dropped (two statements fewer for a chunk of new cards).
 */
export const updateChain = async (
  trx: Transaction<DB>,
  cardIds: number[],
  newCardIds: ReadonlySet<number> = new Set(),
): Promise<void> => {
  const facts = await chainFacts(trx, cardIds);
  if (!facts.length) return;
  const known = facts.filter((f) => !newCardIds.has(f.exam_card_id));
  const suspected = facts.filter((f) => f.has_suspected && f.disease_code);
  await upsertCases(
    trx,
    suspected.map((f) => ({
      exam_card_id: f.exam_card_id,
      worker_id: f.worker_id,
      institution_id: f.institution_id,
      employer_id: f.employer_id,
      employer_name: f.employer_name,
      region_code: f.region_code,
      disease_code: f.disease_code!,
      found_on: f.report_date,
    })),
  );
  const notSuspected = known.filter((f) => !(f.has_suspected && f.disease_code)).map((f) => f.exam_card_id);
  const withdrawn = await withdrawCases(trx, notSuspected);
  await dropDeadlines(trx, [...SUSPECTED_CLOCKS], 'suspected_case', withdrawn);
  await dropDeadlines(
    trx,
    ['contraindication_followup'],
    'exam_card',
    known.filter((f) => !f.has_contraindication).map((f) => f.exam_card_id),
  );

  const caseIds = await caseIdsOfCards(
    trx,
    suspected.map((f) => f.exam_card_id),
  );
  const clocks: ClockToOpen[] = [];
  for (const f of suspected) {
    const caseId = caseIds.get(f.exam_card_id);
    if (caseId === undefined) continue;
    clocks.push(
      {
        kind: 'suspected_case_notify',
        subject_type: 'suspected_case',
        subject_id: caseId,
        starts_on: f.report_date,
        responsible_organisation_id: f.institution_id,
        regulator_region_code: f.region_code,
      },
      {
        kind: 'suspected_case_diagnosis',
        subject_type: 'suspected_case',
        subject_id: caseId,
        starts_on: f.report_date,
        responsible_organisation_id: f.employer_id,
        regulator_region_code: f.region_code,
      },
    );
  }
  for (const f of facts)
    if (f.has_contraindication)
      clocks.push({
        kind: 'contraindication_followup',
        subject_type: 'exam_card',
        subject_id: f.exam_card_id,
        starts_on: f.report_date,
        responsible_organisation_id: f.employer_id,
        regulator_region_code: f.region_code,
      });
  await openDeadlines(trx, clocks);
};
