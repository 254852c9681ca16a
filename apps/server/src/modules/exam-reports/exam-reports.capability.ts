/**
 * The institution's capability (issue 15 item 3): an exam institution reports only for the hazard
 * factors it has filed for, and never for one found 不具备能力 at on-site verification. The rows come
 * from the institution module (issue 16: filings and verifications write institution_capability); this
 * is the seam the card doors consult — one query per chunk, whatever the door.
 *
 * Until an institution's filing is on the platform (no 'filed' row) its factors are not restricted;
 * 'blocked' rows always apply. Only the examined factors of the conclusions are checked (the factors the
 * exam was for); contact factors are what the worker is exposed to, not what was examined.
 */
import type { ExamCardInput } from '@ohp/contracts';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import type { RowIssue, RowOutcome } from '../../platform/imports/pipeline.js';
import { capabilityRows } from './exam-reports.repository.js';

export type Capability = { filed: ReadonlySet<string> | null; blocked: ReadonlySet<string> };

export const capabilityOf = async (trx: Transaction<DB>, institutionId: number): Promise<Capability> => {
  const rows = await capabilityRows(trx, institutionId);
  const filed = rows.filter((r) => r.status === 'filed').map((r) => r.hazard_code);
  return {
    filed: filed.length ? new Set(filed) : null,
    blocked: new Set(rows.filter((r) => r.status === 'blocked').map((r) => r.hazard_code)),
  };
};

/** The card's examined factors the institution may not report, each by its field. */
export const capabilityIssues = (cap: Capability, card: ExamCardInput): RowIssue[] => {
  if (!cap.blocked.size && !cap.filed) return [];
  const issues: RowIssue[] = [];
  card.conclusions.forEach((c, i) =>
    c.factorCodes.forEach((code, j) => {
      const column = `conclusions.${i}.factorCodes.${j}`;
      if (cap.blocked.has(code)) issues.push({ column, reason: 'factor_capability_blocked' });
      else if (cap.filed && !cap.filed.has(code)) issues.push({ column, reason: 'factor_not_filed' });
    }),
  );
  return issues;
};

/**
 * The chunk's outcomes with the capability applied: a taken card with a factor the institution may not
 * report is refused with those factors (a refused one keeps its own reasons). `cardOf` gives the card of
 * a taken record (null: nothing to check, e.g. a Delete).
 */
export const applyCapability = async <T>(
  trx: Transaction<DB>,
  actor: Actor,
  outcomes: Array<RowOutcome<T>>,
  cardOf: (record: T) => ExamCardInput | null,
): Promise<Array<RowOutcome<T>>> => {
  if (actor.organisationKind !== 'exam_institution' || !outcomes.some((o) => o.ok)) return outcomes;
  const cap = await capabilityOf(trx, actor.organisationId);
  if (!cap.blocked.size && !cap.filed) return outcomes;
  return outcomes.map((o) => {
    if (!o.ok) return o;
    const card = cardOf(o.record);
    const issues = card ? capabilityIssues(cap, card) : [];
    return issues.length ? { ok: false, issues } : o;
  });
};
