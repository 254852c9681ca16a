/**
 * Who may do what with a declaration (《职业病危害项目申报办法》第四条: declared to the health department of
 * the county where the employer is; 中央企业 and 省属企业 and their units to the city: receiving_level, from the
 * employer's 隶属关系, set when the declaration is created and again when it is submitted). The employer drafts, edits and submits its own; the receiving county
 * health commission returns or accepts; regulators above read their region. The state rules are here so
 * the abilities that travel with each record are the ones the service enforces.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

export type DeclarationFacts = {
  employer_id: number;
  region_code: string;
  receiving_level: string;
  status: string;
};

/** 第四条: a central or provincial state-owned enterprise (or its unit) declares to the city, others to the county. */
export const receivingLevelOf = (affiliation: string | null | undefined): 'county' | 'city' =>
  affiliation === 'central' || affiliation === 'provincial' ? 'city' : 'county';

/** The region of the receiving department: the county (first 6 digits), or the city for receiving_level 'city'. */
export const receivingRegionOf = (d: Pick<DeclarationFacts, 'region_code' | 'receiving_level'>): string =>
  d.receiving_level === 'city' ? d.region_code.slice(0, 4) : d.region_code.slice(0, 6);

export const isOwner = (actor: Actor, d: Pick<DeclarationFacts, 'employer_id'>): boolean =>
  can(actor, 'declarations:submit') &&
  actor.organisationKind === 'employer' &&
  actor.organisationId === d.employer_id;

export const isReviewer = (
  actor: Actor,
  d: Pick<DeclarationFacts, 'region_code' | 'receiving_level'>,
): boolean =>
  can(actor, 'declarations:review') &&
  actor.organisationKind === 'health_commission' &&
  actor.regionCode === receivingRegionOf(d);

export const editableState = (d: Pick<DeclarationFacts, 'status'>): boolean =>
  d.status === 'draft' || d.status === 'returned';

export const awaitingReview = (d: Pick<DeclarationFacts, 'status'>): boolean => d.status === 'submitted';

export const declarationAbilities = (actor: Actor, d: DeclarationFacts) => ({
  edit: isOwner(actor, d) && editableState(d),
  submit: isOwner(actor, d) && editableState(d),
  review: isReviewer(actor, d) && awaitingReview(d),
});
