/**
 * Who records which step of a suspected case (R48): the exam institution that found it tells the
 * employer (employer_notified) and may refer the worker; the employer refers its worker to diagnosis
 * (referred); the regulator of the employer's region records the diagnosis or its exclusion from the
 * certificate (until diagnosis reports arrive through their own door). Steps go forward only.
 */
import type { SuspectedCaseEvent } from '@ohp/contracts';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import { regionInScope, scopeOf } from '../../platform/authz/scope.js';

/** The statuses from which each step may be recorded. */
const FROM: Record<SuspectedCaseEvent, readonly string[]> = {
  employer_notified: ['open'],
  referred: ['open', 'employer_notified'],
  diagnosed: ['open', 'employer_notified', 'referred'],
  excluded: ['open', 'employer_notified', 'referred'],
};

export type CaseFacts = {
  status: string;
  institution_id: number;
  employer_id: number | null;
  region_code: string;
};

const role = (actor: Actor, c: CaseFacts): 'institution' | 'employer' | 'regulator' | null => {
  if (actor.organisationKind === 'exam_institution' && c.institution_id === actor.organisationId)
    return 'institution';
  if (actor.organisationKind === 'employer' && c.employer_id === actor.organisationId) return 'employer';
  const scope = scopeOf(actor, 'business');
  if (
    (actor.organisationKind === 'health_commission' || actor.organisationKind === 'disease_control_bureau') &&
    regionInScope(scope, c.region_code)
  )
    return 'regulator';
  return null;
};

const BY: Record<SuspectedCaseEvent, ReadonlyArray<'institution' | 'employer' | 'regulator'>> = {
  employer_notified: ['institution'],
  referred: ['institution', 'employer'],
  diagnosed: ['regulator'],
  excluded: ['regulator'],
};

export const canRecord = (actor: Actor, c: CaseFacts, event: SuspectedCaseEvent): boolean => {
  if (!can(actor, 'suspected_cases:record')) return false;
  const r = role(actor, c);
  return r !== null && BY[event].includes(r) && FROM[event].includes(c.status);
};

export const caseAbilities = (actor: Actor, c: CaseFacts) => ({
  events: (Object.keys(FROM) as SuspectedCaseEvent[]).filter((e) => canRecord(actor, c, e)),
});
