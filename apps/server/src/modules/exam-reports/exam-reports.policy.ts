/**
 * Who sees and reviews which exam cards (issue 15 items 5 and 8), as rules over the actor and the card.
 *
 * Seeing: the business scope of the one scope helper — a regulator or support institution its region
 * subtree (the card's region is its employer's county), the QC centre the province, an exam
 * institution the cards it reported, an employer the cards that name it (its workers' exams). Reviewing
 * (逐级审核): a health commission or disease-control bureau reviews at its own level (county, city or
 * province, from its region code) the cards awaiting that level, inside its region.
 */
import { regulatorKinds, reviewSteps, type ReviewLevel } from '@ohp/contracts';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import { regionInScope, scopeOf, type Scope } from '../../platform/authz/scope.js';

/** Which column names the organisation an organisation-scoped actor sees cards of. */
export type CardOwner = 'institution' | 'employer';

export type CardScope = { scope: Scope; owner: CardOwner };

export const cardScopeOf = (actor: Actor): CardScope => ({
  scope: scopeOf(actor, 'business'),
  owner: actor.organisationKind === 'employer' ? 'employer' : 'institution',
});

/** The review level of the actor's organisation, or null when it reviews at none. */
export const reviewLevelOf = (actor: Actor): ReviewLevel | null => {
  if (!regulatorKinds.includes(actor.organisationKind)) return null;
  switch (actor.regionCode.length) {
    case 2:
      return 'province';
    case 4:
      return 'city';
    case 6:
      return 'county';
    default:
      return null;
  }
};

/** Whether the actor may decide on this card now: its level's turn, inside its region. */
export const canReviewCard = (
  actor: Actor,
  card: { audit_status: string; region_code: string; institution_id: number },
): boolean => {
  if (!can(actor, 'exam_reports:review')) return false;
  const level = reviewLevelOf(actor);
  return (
    level !== null &&
    reviewSteps[level].awaiting.includes(card.audit_status) &&
    regionInScope(scopeOf(actor, 'business'), card.region_code, card.institution_id)
  );
};

export const examCardAbilities = (
  actor: Actor,
  card: { audit_status: string; region_code: string; institution_id: number },
) => ({ review: canReviewCard(actor, card) });
