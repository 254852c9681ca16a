/**
 * Who may do what with a rectification item (R25). The institution that owns an item answers it with
 * evidence (rectifications:respond, its own items only). The QC centre (which tracks rectification:
 * 吉卫规〔2024〕2号 五) and the regulators of the item's region (rectifications:manage, the item in their
 * scope) raise items on inspection, verify and close (销号) or reject an answer, reopen a closed item
 * and record follow-up re-checks (回头看). Marking an institution 拒不整改 / 整改不到位 is a regulator's
 * act (六: 依法进行处罚 … 公布), not the QC centre's. The state rules are here too, so the abilities that
 * travel with each item are the ones the service enforces.
 */
import type { RectificationStatus } from '@ohp/contracts';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import { scopeOf, type Scope } from '../../platform/authz/scope.js';

export type ItemFacts = { institution_id: number; status: RectificationStatus };

export const rectificationScope = (actor: Actor): Scope => scopeOf(actor, 'business');

/** The owning institution answers (open items only: a submitted one waits for verification). */
export const isOwner = (actor: Actor, item: Pick<ItemFacts, 'institution_id'>): boolean =>
  can(actor, 'rectifications:respond') && actor.organisationId === item.institution_id;

/** The QC centre or a regulator (the item in scope is the caller's to check). */
export const isSupervisor = (actor: Actor): boolean =>
  can(actor, 'rectifications:manage') &&
  ['qc_centre', 'health_commission', 'disease_control_bureau'].includes(actor.organisationKind);

/** A regulator (not the QC centre): marks institutions as refusing to rectify and lifts the mark. */
export const isRegulator = (actor: Actor): boolean =>
  can(actor, 'rectifications:manage') &&
  ['health_commission', 'disease_control_bureau'].includes(actor.organisationKind);

/** Allowed moves of the item's state machine. */
export const transitions: Record<
  'respond' | 'verify' | 'reject' | 'reopen' | 'follow_up' | 'upload',
  readonly RectificationStatus[]
> = {
  upload: ['open'],
  respond: ['open'],
  verify: ['submitted'],
  reject: ['submitted'],
  reopen: ['closed'],
  follow_up: ['closed'],
};

export const itemAbilities = (actor: Actor, item: ItemFacts) => {
  const owner = isOwner(actor, item);
  const supervisor = isSupervisor(actor);
  return {
    respond: owner && transitions.respond.includes(item.status),
    verify: supervisor && transitions.verify.includes(item.status),
    reopen: supervisor && transitions.reopen.includes(item.status),
    followUp: supervisor && transitions.follow_up.includes(item.status),
  };
};
