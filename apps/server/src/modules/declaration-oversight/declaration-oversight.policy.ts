/**
 * Who sees and does what in 申报调度. Reading (declaration_oversight:read: regulators, the QC centre, the
 * support institution) follows the business region scope. The sampling check is the PROVINCIAL
 * commission's (seed 002 附件2 三(三)2: 省卫生健康委每年至少开展1次…抽查): a city or county commission holds
 * declaration_oversight:manage but is refused with a reason. White/black list decisions are taken by any
 * commission holding declaration_oversight:manage for employers in its region (各市(地)…探索推行).
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

/** The province of the actor (its region's first two digits). */
export const provinceOf = (actor: Actor): string => actor.regionCode.slice(0, 2);

/** A user of a provincial health commission holding declaration_oversight:manage. */
export const isProvincialSampler = (actor: Actor): boolean =>
  can(actor, 'declaration_oversight:manage') &&
  actor.organisationKind === 'health_commission' &&
  actor.regionCode.length === 2;

/** Confirms or removes white/black list entries (in its region; the scope check is the repository's). */
export const canDecideLists = (actor: Actor): boolean =>
  can(actor, 'declaration_oversight:manage') && actor.organisationKind === 'health_commission';

export const samplingAbilities = (actor: Actor, s: { province_code: string }) => ({
  record: isProvincialSampler(actor) && provinceOf(actor) === s.province_code,
});

/**
 * Draws employers for inspection (双随机抽查) in its region: any health commission holding
 * declaration_oversight:manage (the province, a city or a county — each inspects in its own region).
 */
export const canDrawInspections = (actor: Actor): boolean =>
  can(actor, 'declaration_oversight:manage') && actor.organisationKind === 'health_commission';
