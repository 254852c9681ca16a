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

/**
 * 外出体检设置: the provincial health commission keeps the notice period and the delegated counties of
 * its province (outbound:configure is granted to regulator_admin; a city or county regulator_admin holds
 * it too and is refused here). Why the province also for delegations: 吉卫规〔2024〕2号 三 (seed 004) is a
 * provincial rule that names the receiving department — the county, or the city (州) "若相关的县（市、区）级
 * 职业卫生监督工作由上一级市（州）代管" — without saying who declares the 代管; the province, which issued
 * the rule and runs the one provincial platform that routes every notice, keeps the one list, so a city
 * cannot take over (or drop) a county's notices by itself. Cities and counties read it. docs/STANDARDS.md.
 */
export const isProvincialCommission = (actor: Actor): boolean =>
  actor.organisationKind === 'health_commission' && actor.regionCode.length === 2;

export const canConfigureOutbound = (actor: Actor, provinceCode: string): boolean =>
  can(actor, 'outbound:configure') && isProvincialCommission(actor) && actor.regionCode === provinceCode;
