/**
 * Who may do what in 质控评估 (R50): the provincial QC centre (省职业病防治院 — seed 004 五: 全省职业健康检查和
 * 职业病诊断质量管理中心) keeps the forms, the yearly plan and scores the assessments of its province's
 * institutions (permission qc:manage, held at provincial level); commissions read their region's; an
 * institution reads its own results and fills its own self-assessments (qc:self_assess). The state rules
 * are here too, so the abilities that travel with each record are the ones the service enforces.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

export const provinceOf = (regionCode: string): string => regionCode.slice(0, 2);

/** A provincial-level holder of qc:manage (the QC centre) — for the forms, which serve the province. */
export const isQcManager = (actor: Actor): boolean =>
  can(actor, 'qc:manage') && actor.regionCode.length === 2;

/** The QC manager of the record's province. */
export const managesRegion = (actor: Actor, regionCode: string): boolean =>
  isQcManager(actor) && actor.regionCode === provinceOf(regionCode);

export type TemplateFacts = { status: 'draft' | 'published' | 'retired' };

export const templateAbilities = (actor: Actor, t: TemplateFacts) => {
  const m = isQcManager(actor);
  return {
    edit: m && t.status === 'draft',
    publish: m && t.status === 'draft',
    retire: m && t.status === 'published',
    newVersion: m && t.status !== 'draft',
  };
};

export type AssessmentFacts = {
  mode: 'assessment' | 'self';
  status: 'scheduled' | 'in_progress' | 'completed' | 'draft' | 'submitted' | 'reviewed';
  region_code: string;
  institution_id: number;
  major_reported_at: Date | string | null;
};

export const openAssessment = (a: Pick<AssessmentFacts, 'status'>): boolean =>
  a.status === 'scheduled' || a.status === 'in_progress';

/** The institution itself, with the self-assessment permission. */
export const isSelfAssessor = (actor: Actor, a: Pick<AssessmentFacts, 'institution_id'>): boolean =>
  can(actor, 'qc:self_assess') && actor.organisationId === a.institution_id;

export const assessmentAbilities = (actor: Actor, a: AssessmentFacts) => {
  const manager = managesRegion(actor, a.region_code);
  if (a.mode === 'assessment')
    return {
      score: manager && openAssessment(a),
      check: manager && openAssessment(a),
      complete: manager && openAssessment(a),
      reportMajor: manager && a.major_reported_at === null,
      submit: false,
      review: false,
    };
  const own = isSelfAssessor(actor, a);
  return {
    score: own && a.status === 'draft',
    check: false,
    complete: false,
    reportMajor: false,
    submit: own && a.status === 'draft',
    review: manager && a.status === 'submitted',
  };
};
