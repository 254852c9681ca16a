/**
 * Who may do what with an employer base record and a registration. Reading is decided by the scope
 * (an employer sees itself, a regulator its region subtree); these rules decide the writes on a row the
 * actor already reads.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

/** A business actor with employers:manage (regulators) corrects and marks records in its scope. */
export const canManageEmployer = (actor: Actor): boolean =>
  can(actor, 'employers:manage') && actor.organisationKind !== 'employer';

export const employerAbilities = (actor: Actor) => {
  const manage = canManageEmployer(actor);
  return { update: manage, setStatus: manage };
};

/** A pending registration in the actor's region is reviewed by a regulator with employers:manage. */
export const canReviewRegistration = (actor: Actor, registration: { status: string }): boolean =>
  canManageEmployer(actor) && registration.status === 'pending';
