/**
 * Who draws and checks samples (个案卡抽查). Drawing needs an area: a regulator samples the cards of
 * employers in its region, the provincial QC centre the province (the business scope of the one scope
 * helper). A sample is seen by the organisations whose scope holds the region it was drawn in (the city
 * sees its counties' samples, a sibling county does not); its checks are recorded by the organisation
 * that drew it — a higher level reads them.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import { scopeOf, type Scope } from '../../platform/authz/scope.js';

/** The region a draw by this actor looks in, or null when its scope is not an area. */
export const drawRegionOf = (actor: Actor): string | null => {
  const scope = scopeOf(actor, 'business');
  return scope.kind === 'region' ? scope.prefix : null;
};

export const sampleScopeOf = (actor: Actor): Scope => scopeOf(actor, 'business');

export const canRecordChecks = (actor: Actor, sample: { organisation_id: number }): boolean =>
  can(actor, 'exam_sampling:manage') && sample.organisation_id === actor.organisationId;

export const sampleAbilities = (actor: Actor, sample: { organisation_id: number }) => ({
  record: canRecordChecks(actor, sample),
});
