/**
 * Who may do what in 用人单位数据库 (R28, R29). The regulators (health commissions, disease-control
 * bureaus) and the technical-support institutions they organise (seed 002 三(一)1: 组织疾控中心、职业病防治院
 * 等技术支撑机构) hold `employer_census:manage` for their region: they import lists, review matches, set
 * statuses, merge entries that are the same unit (and undo it), unlink a wrong match and assign
 * door-to-door guidance. A follow-up's outcome is recorded by its assignee. Half-yearly
 * snapshots are a city's submission to the province (每半年将“数据库”上报): a city takes its own, the
 * province takes every city's; a county cannot.
 */
import type { CensusStatus } from '@ohp/contracts';
import { can, type Actor } from '../../platform/authz/actor.js';
import { scopeOf, type Scope } from '../../platform/authz/scope.js';

export const censusScope = (actor: Actor): Scope => scopeOf(actor, 'business');

const MANAGING_KINDS = ['health_commission', 'disease_control_bureau', 'support_institution'];

export const canManage = (actor: Actor): boolean =>
  can(actor, 'employer_census:manage') && MANAGING_KINDS.includes(actor.organisationKind);

/** A city (4-digit region) or the province (2 digits) takes snapshots. */
export const canSnapshot = (actor: Actor): boolean => canManage(actor) && actor.regionCode.length <= 4;

export type EntryFacts = {
  matchState: 'matched' | 'uncertain' | 'unmatched';
  status: CensusStatus;
  creditCode: string | null;
  openFollowUp: boolean;
  /** Merged into another entry (frozen: only an unmerge applies). */
  merged?: boolean;
  /** Other entries are merged into this one (it may take more, but is not merged itself). */
  hasMerged?: boolean;
};

export const entryAbilities = (actor: Actor, e: EntryFacts) => {
  const manage = canManage(actor);
  const live = manage && !e.merged;
  return {
    review: live && e.matchState === 'uncertain',
    setStatus: live,
    assign: live && e.status === 'not_declared' && !e.openFollowUp,
    confirmNew: live && e.matchState !== 'matched' && Boolean(e.creditCode),
    merge: live && !e.hasMerged,
    unmerge: manage && Boolean(e.merged),
    unlink: live && e.matchState === 'matched',
  };
};

/** The assignee records the outcome of an open follow-up. */
export const canRecordOutcome = (actor: Actor, f: { assignee_user_id: number; status: string }): boolean =>
  can(actor, 'employer_census:manage') && f.status === 'open' && f.assignee_user_id === actor.userId;

/** entry status (set) → employer programme status (employers module). */
export const programmeStatusOf = {
  open: 'active',
  not_applicable: 'not_applicable',
  closed: 'closed',
  relocated: 'relocated',
} as const;
