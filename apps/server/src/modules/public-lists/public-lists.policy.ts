/**
 * Who may publish the public lists: the provincial health commission (《职业健康检查管理办法》第四条 —
 * the province publishes the filed list; 吉卫规〔2024〕2号 一(三), 五, 六 — 省卫生健康委 publishes the
 * lacking-capability, QC and refusing-rectification lists). City and county commissions hold the same
 * regulator role but are refused with a reason; everyone reads the published lists without login.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

/** The province whose lists the actor may manage (its region's first two digits). */
export const provinceOfActor = (actor: Actor): string => actor.regionCode.slice(0, 2);

/** A user of a provincial health commission holding public_lists:publish. */
export const isPublisher = (actor: Actor): boolean =>
  can(actor, 'public_lists:publish') &&
  actor.organisationKind === 'health_commission' &&
  actor.regionCode.length === 2;

export const publicationAbilities = (actor: Actor, p: { status: 'published' | 'withdrawn' }) => ({
  withdraw: isPublisher(actor) && p.status === 'published',
});
