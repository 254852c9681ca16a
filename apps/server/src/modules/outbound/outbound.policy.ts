/**
 * Who may do what with an outbound-exam notice (R44, R47): the exam institution drafts, edits, submits
 * and withdraws its own; the health department it was routed to (the employer's county, or the city
 * under delegation) acknowledges it. Others in scope read it. The state rules are here so the abilities
 * that travel with each record are the ones the service enforces.
 */
import { can, type Actor } from '../../platform/authz/actor.js';

export type NoticeFacts = {
  institution_id: number;
  status: 'draft' | 'submitted' | 'acknowledged' | 'withdrawn';
  receiving_organisation_id: number | null;
};

export const isOwner = (actor: Actor, n: Pick<NoticeFacts, 'institution_id'>): boolean =>
  can(actor, 'outbound:submit') && actor.organisationId === n.institution_id;

/** The receiving department: the health commission the notice was routed to, with the permission. */
export const isReceiver = (actor: Actor, n: Pick<NoticeFacts, 'receiving_organisation_id'>): boolean =>
  can(actor, 'outbound:acknowledge') &&
  actor.organisationKind === 'health_commission' &&
  n.receiving_organisation_id !== null &&
  actor.organisationId === n.receiving_organisation_id;

export const editableState = (n: NoticeFacts): boolean => n.status === 'draft';
/** A draft is dropped, a submitted notice called off (e.g. the employer postponed); not once acknowledged. */
export const withdrawableState = (n: NoticeFacts): boolean =>
  n.status === 'draft' || n.status === 'submitted';

export const noticeAbilities = (actor: Actor, n: NoticeFacts) => {
  const owner = isOwner(actor, n);
  return {
    edit: owner && editableState(n),
    submit: owner && editableState(n),
    withdraw: owner && withdrawableState(n),
    acknowledge: isReceiver(actor, n) && n.status === 'submitted',
  };
};
