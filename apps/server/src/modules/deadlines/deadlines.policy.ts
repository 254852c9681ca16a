/**
 * Who sees which clocks and notifications (issue 16 item 1). Every signed-in user has a to-do inbox:
 * the clocks whose responsible organisation is the user's own. The regulators (health commissions,
 * disease-control bureaus) and the provincial QC centre also watch their region: its clocks that run
 * late appear in their inbox (overdue only — the organisation that must act owns the rest). Notifications
 * are addressed to an organisation (everyone of it sees them) or to one of its users.
 */
import type { OrganisationKind } from '@ohp/contracts';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf, type Scope } from '../../platform/authz/scope.js';

/** Organisation kinds that are warned when a clock of their region runs late (see regulatorKinds). */
const WATCHERS: readonly OrganisationKind[] = ['health_commission', 'disease_control_bureau', 'qc_centre'];

/**
 * The regulators a sweep notifies of an overdue clock in their region: the health commissions and
 * disease-control bureaus (the QC centre sees the overdue clocks in its inbox but is not notified of
 * each one — it supervises institutions, not every employer's duty).
 */
export const regulatorKinds: readonly OrganisationKind[] = ['health_commission', 'disease_control_bureau'];

export type InboxScope = {
  organisationId: number;
  userId: number;
  /** A watcher's region scope (the scope helper's), or null: only the organisation's own clocks. */
  region: Scope | null;
};

export const inboxScopeOf = (actor: Actor): InboxScope => {
  const scope = scopeOf(actor, 'business');
  return {
    organisationId: actor.organisationId,
    userId: actor.userId,
    region: WATCHERS.includes(actor.organisationKind) && scope.kind === 'region' ? scope : null,
  };
};
