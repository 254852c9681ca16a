/**
 * Who sees and who writes which diagnosis reports, as rules over the actor and the report.
 *
 * Seeing: the business scope of the one scope helper — a regulator or support institution its region
 * subtree (the report's region is its employer's county), the QC centre the province, a diagnosis
 * institution the reports it made, an employer the reports that name it (its workers'). Writing: a
 * diagnosis institution, for itself only (a report names no other institution: the reporter is the
 * caller's organisation), and corrects only its own reports.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { ReportScope } from './diagnosis-reports.repository.js';

export const reportScopeOf = (actor: Actor): ReportScope => ({
  scope: scopeOf(actor, 'business'),
  owner: actor.organisationKind === 'employer' ? 'employer' : 'institution',
});

/** Whether the actor may report diagnoses at all (its organisation is a diagnosis institution). */
export const canSubmitReports = (actor: Actor): boolean =>
  can(actor, 'diagnosis_reports:submit') && actor.organisationKind === 'diagnosis_institution';

export const canUpdateReport = (actor: Actor, r: { institution_id: number }): boolean =>
  canSubmitReports(actor) && r.institution_id === actor.organisationId;

export const reportAbilities = (actor: Actor, r: { institution_id: number }) => ({
  update: canUpdateReport(actor, r),
});
