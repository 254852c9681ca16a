/**
 * Who may do what with an on-site verification (R45): the provincial QC centre (省职业病防治院, which the
 * Jilin notice charges with the verification: 吉卫规〔2024〕2号 一(三)) or the provincial health commission
 * (which organises it: 一(二) 省卫生健康委组织现场核查) of the institution's province schedules, records and
 * completes it. City and county commissions read their region's; an institution reads its own. The
 * state rules are here too, so the abilities that travel with each record are the ones the service
 * enforces.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

export type VerificationFacts = {
  region_code: string;
  status: 'pending' | 'scheduled' | 'completed';
};

/** The province of an institution's region (the first two digits). */
export const provinceOf = (regionCode: string): string => regionCode.slice(0, 2);

/** The QC centre or the health commission of the verification's province, with the permission. */
export const isVerifier = (actor: Actor, v: Pick<VerificationFacts, 'region_code'>): boolean =>
  can(actor, 'verifications:manage') &&
  (actor.organisationKind === 'qc_centre' || actor.organisationKind === 'health_commission') &&
  actor.regionCode === provinceOf(v.region_code);

export const openState = (v: VerificationFacts): boolean => v.status !== 'completed';
export const completableState = (v: VerificationFacts): boolean => v.status === 'scheduled';

export const verificationAbilities = (actor: Actor, v: VerificationFacts) => {
  const verifier = isVerifier(actor, v);
  return {
    schedule: verifier && openState(v),
    record: verifier && openState(v),
    complete: verifier && completableState(v),
  };
};
