/**
 * Who may do what with a filing (R43): the institution drafts, edits, submits, changes and cancels its
 * own; the provincial health commission of the institution's province returns or files it
 * (《职业健康检查管理办法》第四条 and 《职业病诊断与鉴定管理办法》: filed with the provincial commission;
 * Jilin 2024: 由省卫生健康委进行网上备案管理). City and county commissions and the QC centre read the
 * filings of their region. The state rules are here too, so the abilities that travel with each
 * record are the ones the service enforces.
 */
import type { OrganisationKind } from '@ohp/contracts';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

export type FilingFacts = {
  institution_id: number;
  authority_region_code: string;
  status: 'draft' | 'submitted' | 'returned' | 'filed' | 'cancelled';
  change_status: 'draft' | 'submitted' | 'returned' | null;
};

/** The filing kind of an organisation kind (null: it does not file). */
export const filingKindOf = (kind: OrganisationKind): 'exam' | 'diagnosis' | 'service' | null =>
  kind === 'exam_institution'
    ? 'exam'
    : kind === 'diagnosis_institution'
      ? 'diagnosis'
      : kind === 'service_institution'
        ? 'service'
        : null;

/**
 * The commission that files an institution: the provincial one (the first two digits of the
 * institution's region). A rule, not data: every source read names the province (docs/STANDARDS.md).
 */
export const authorityRegionOf = (institutionRegion: string): string => institutionRegion.slice(0, 2);

export const isOwner = (actor: Actor, f: Pick<FilingFacts, 'institution_id'>): boolean =>
  can(actor, 'filings:submit') && actor.organisationId === f.institution_id;

/** The provincial commission of the filing's province (with the permission). */
export const isAuthority = (actor: Actor, f: Pick<FilingFacts, 'authority_region_code'>): boolean =>
  can(actor, 'filings:review') &&
  actor.organisationKind === 'health_commission' &&
  actor.regionCode === f.authority_region_code;

/** The version being drafted may be edited: a first filing in draft or returned, or a change in draft or returned. */
export const editableState = (f: FilingFacts): boolean =>
  f.status === 'draft' ||
  f.status === 'returned' ||
  (f.status === 'filed' && (f.change_status === 'draft' || f.change_status === 'returned'));

export const awaitingReview = (f: FilingFacts): boolean =>
  f.status === 'submitted' || (f.status === 'filed' && f.change_status === 'submitted');

export const changeState = (f: FilingFacts): boolean => f.status === 'filed' && f.change_status === null;

/** 注销 a filed institution (a change in draft or returned is dropped with it) or withdraw a first draft. */
export const cancelState = (f: FilingFacts): boolean =>
  f.status === 'draft' ||
  f.status === 'returned' ||
  (f.status === 'filed' && f.change_status !== 'submitted');

export const filingAbilities = (actor: Actor, f: FilingFacts) => {
  const owner = isOwner(actor, f);
  return {
    edit: owner && editableState(f),
    submit: owner && editableState(f),
    change: owner && changeState(f),
    cancel: owner && cancelState(f),
    review: isAuthority(actor, f) && awaitingReview(f),
  };
};
