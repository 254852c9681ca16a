/**
 * Who sees which workers and who sees them in full (issue 15 item 6). A worker is visible through
 * their exam cards: the caller's card scope (exam-reports.policy.ts cardScopeOf — a regulator its
 * region, an exam institution the cards it reported, an employer its workers' cards) decides which
 * workers exist for it and which of their exams their history shows. The full ID number, name and
 * phone are shown only to a holder of workers:reveal, with a stated reason, and every reveal and
 * export is audited.
 */
import { REVEAL_REASON_MIN } from '@ohp/contracts';
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import { cardScopeOf, type CardScope } from '../exam-reports/index.js';

/** The cards through which the actor sees workers: the card search's scope, unchanged. */
export const workerScopeOf = (actor: Actor): CardScope => cardScopeOf(actor);

/** Whether the actor may see a worker's full personal data at all (with a reason, audited). */
export const canRevealWorker = (actor: Actor): boolean => can(actor, 'workers:reveal');

/** A stated reason: at least REVEAL_REASON_MIN characters once trimmed. */
export const isReasonStated = (reason: string | undefined | null): boolean =>
  [...(reason ?? '').trim()].length >= REVEAL_REASON_MIN;

export const workerAbilities = (actor: Actor) => ({ reveal: canRevealWorker(actor) });
