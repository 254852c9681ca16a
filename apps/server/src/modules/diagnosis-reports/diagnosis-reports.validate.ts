/**
 * The rules a diagnosis report (职业病诊断报告) must pass before it is stored, apart from what needs the
 * database (the suspected case, the institution): a pure function of the report — its worker and employer
 * already resolved (given, or taken from the suspected case) — and the day it is checked on. Every
 * refusal names the field, the national element (DIAGNOSE_OCPD) and a reason with a zh-CN and en
 * message. A rule whose source is uncertain only warns: three physicians (集体诊断: found only in a
 * provincial filing rule, not in the national text we hold), and the hazard → disease map.
 *
 * Sources: the CDC exchange specification 2021 §DIAGNOSE_OCPD (required and conditional elements:
 * 化学中毒 needs 急性/慢性, 尘肺 case type and stage dates — first promotion two dates, second promotion
 * three, other types one), GB 11643 (ID check digit, birth date, sex), GB 32100 (credit code), the 2013 /
 * 2024 《职业病分类和目录》 by diagnosis date (2024 from 2025-08-01), GBZ 70 (stages 壹/贰/叁期).
 */
import {
  diagnosisReportElements,
  pneumoconiosisStages,
  type DiagnosisReportInput,
  type ExamCardEmployer,
  type ExamCardWorker,
} from '@ohp/contracts';
import type { Static } from 'typebox';
import {
  diseaseCatalogueFor,
  diseaseCatalogues,
  findExchangeCode,
  getExchangeTable,
  getIndustry,
  getRegion,
  isIsoDate,
  type DiseaseEdition,
  type ExchangeDisease,
  type ExchangeHazardFactor,
  type ExchangeTableId,
} from '@ohp/reference';
import { ruleKit } from '../../platform/rule-kit.js';
import { canHazardsCause, validateCreditCode, validateIdNumber } from '@ohp/standards';

export type ReportIssue = { path: string; element: string | null; reason: string; detail?: string };

/** A report with its worker and employer resolved (given, or taken from the suspected case). */
export type ResolvedReport = Omit<DiagnosisReportInput, 'worker' | 'employer'> & {
  worker: Static<typeof ExamCardWorker>;
  employer: Static<typeof ExamCardEmployer>;
};

export type ReportCheck = {
  ok: boolean;
  issues: ReportIssue[];
  warnings: ReportIssue[];
  /** The catalogue edition the disease was checked against (null when excluded or not checkable). */
  edition: DiseaseEdition | null;
};

const EARLIEST_DISEASE_CATALOGUE = diseaseCatalogues.map((c) => c.effectiveFrom).sort()[0]!;
/** 尘肺病: the subcategory 11 of the national disease table (1101 矽肺 … 1113 其他尘肺病). */
const PNEUMOCONIOSIS = '11';
/** 职业性化学中毒: category 5 of the national table, which needs 急性 / 慢性. */
const CHEMICAL_POISONING = '5';
/** 尘肺病病例类型: 02 首次晋期, 03 再次晋期, 05 死亡. */
const FIRST_PROMOTION = '02';
const SECOND_PROMOTION = '03';
const DEATH = '05';
const RESIDENT_ID = '01';
const OTHER_WORK_TYPE = '99-9999';
/** The number of physicians a collective diagnosis is said to need (uncertain: warns only). */
const PHYSICIANS_EXPECTED = 3;

export const elementOf = (path: string): string | null =>
  diagnosisReportElements[path.replace(/\.\d+(?=\.|$)/g, '')] ?? null;

export const isPneumoconiosis = (diseaseCode: string | null | undefined): boolean => {
  if (!diseaseCode) return false;
  const d = findExchangeCode('diseases', diseaseCode) as ExchangeDisease | undefined;
  return d?.level === 'disease' && d.parentCode === PNEUMOCONIOSIS;
};

const isChemicalPoisoning = (d: ExchangeDisease) => d.parentCode === CHEMICAL_POISONING;

export function checkDiagnosisReport(
  r: ResolvedReport,
  today: string,
  opts: { suspectedDiseaseCode?: string | null } = {},
): ReportCheck {
  const { issues, warnings, refuse, warn, code, notFuture } = ruleKit(elementOf, today);

  // ---------- worker ----------
  const w = r.worker;
  code('worker.idTypeCode', 'id-document-types', w.idTypeCode);
  code('worker.genderCode', 'sexes', w.genderCode);
  notFuture('worker.birthDate', w.birthDate);
  if (w.idTypeCode === RESIDENT_ID) {
    const id = validateIdNumber(w.idNumber, today);
    if (!id.ok) refuse('worker.idNumber', 'id_number_invalid', id.reasons[0]?.message);
    else {
      if (id.birthDate !== w.birthDate) refuse('worker.birthDate', 'id_birth_mismatch');
      const sex = w.genderCode === '1' ? 'male' : w.genderCode === '2' ? 'female' : null;
      if (sex && id.sex !== sex) refuse('worker.genderCode', 'id_sex_mismatch');
    }
  }

  // ---------- employer ----------
  const credit = validateCreditCode(r.employer.creditCode);
  if (!credit.ok) refuse('employer.creditCode', 'credit_code_invalid', credit.reasons[0]?.message);
  if (!getIndustry(r.employer.industryCode)) refuse('employer.industryCode', 'industry_unknown');
  if (!getRegion(r.employer.regionCode)) refuse('employer.regionCode', 'region_unknown');
  if (r.employingUnit) {
    const c = validateCreditCode(r.employingUnit.creditCode);
    if (!c.ok) refuse('employingUnit.creditCode', 'credit_code_invalid', c.reasons[0]?.message);
  }

  // ---------- work and exposure ----------
  const workType = code('workTypeCode', 'work-types', r.workTypeCode);
  if (workType && r.workTypeCode === OTHER_WORK_TYPE && !r.workTypeOther?.trim())
    refuse('workTypeOther', 'value_required');
  const factors = r.exposure.factorCodes.map(
    (f, i) => code(`exposure.factorCodes.${i}`, 'hazard-factors', f) as ExchangeHazardFactor | undefined,
  );
  notFuture('exposure.startDate', r.exposure.startDate);
  if (isIsoDate(w.birthDate) && r.exposure.startDate < w.birthDate)
    refuse('exposure.startDate', 'before_birth');
  if (r.exposure.startDate > r.diagnosisDate) refuse('exposure.startDate', 'exposure_after_diagnosis');

  // ---------- dates ----------
  for (const [path, d] of [
    ['applyDate', r.applyDate],
    ['diagnosisDate', r.diagnosisDate],
    ['reporter.date', r.reporter.date],
    ['deathDate', r.deathDate],
  ] as const)
    notFuture(path, d);
  if (r.diagnosisDate < r.applyDate) refuse('diagnosisDate', 'diagnosis_before_apply');
  if (r.reporter.date < r.diagnosisDate) refuse('reporter.date', 'report_before_diagnosis');

  // ---------- the conclusion and the disease ----------
  let edition: DiseaseEdition | null = null;
  const pneumoFields = () => {
    const given: Array<[string, unknown]> = [
      ['stage', r.stage],
      ['caseTypeCode', r.caseTypeCode],
      ['stageOneDate', r.stageOneDate],
      ['stageTwoDate', r.stageTwoDate],
      ['stageThreeDate', r.stageThreeDate],
      ['complicationCodes', r.complicationCodes?.length ? r.complicationCodes : null],
    ];
    for (const [path, v] of given) if (v !== null && v !== undefined) refuse(path, 'pneumoconiosis_only');
  };
  if (r.conclusion === 'excluded') {
    if (r.diseaseCode) refuse('diseaseCode', 'diagnosis_disease_not_allowed');
    pneumoFields();
  } else if (!r.diseaseCode) refuse('diseaseCode', 'value_required');
  else {
    const disease = findExchangeCode('diseases', r.diseaseCode) as ExchangeDisease | undefined;
    if (!disease || disease.level !== 'disease')
      refuse('diseaseCode', 'code_unknown', getExchangeTable('diseases').titleZh);
    else if (r.diagnosisDate < EARLIEST_DISEASE_CATALOGUE)
      refuse('diseaseCode', 'diagnosis_disease_edition_unknown');
    else {
      // The disease must be one of the catalogue in force on the diagnosis date (2013 until 2025-07-31,
      // 2024 from 2025-08-01): a diagnosis keeps the classification of its day.
      const catalogue = diseaseCatalogueFor(r.diagnosisDate);
      const mapped = catalogue.edition === '2013' ? disease.mapped2013 : disease.mapped2024;
      if (!mapped) refuse('diseaseCode', 'diagnosis_disease_not_in_edition', catalogue.title);
      else {
        edition = catalogue.edition;
        if (disease.name.includes('其他') && !r.diseaseOther?.trim())
          refuse('diseaseOther', 'diagnosis_disease_other_required');
        if (isChemicalPoisoning(disease) && !r.poisoningTypeCode)
          refuse('poisoningTypeCode', 'value_required');
        const hazardIds = [...new Set(factors.flatMap((h) => (h?.mapped ? [h.mapped.id] : [])))];
        const cause = hazardIds.length
          ? canHazardsCause({ hazardIds, diseaseId: mapped.id, eventDate: r.diagnosisDate })
          : null;
        // The map lists only pairs the catalogues' wording justifies; anything else is "unknown", never "no".
        if (!cause || !('verdict' in cause) || cause.verdict !== 'yes')
          warn('diseaseCode', 'diagnosed_disease_unconfirmed', disease.name);
      }
      if (disease.parentCode === PNEUMOCONIOSIS) checkPneumoconiosis(r, refuse, code, notFuture);
      else pneumoFields();
      if (!isChemicalPoisoning(disease) && r.poisoningTypeCode) refuse('poisoningTypeCode', 'not_applicable');
    }
  }
  if (r.caseTypeCode === DEATH && !r.deathDate) refuse('deathDate', 'death_date_required');

  // ---------- physicians ----------
  // The collective diagnosis by three or more physicians is found only in a provincial rule (重庆
  // 渝卫发〔2021〕49号, per category for the filing) in the sources we hold, not in the national text:
  // uncertain, so it warns (docs/STANDARDS.md).
  if (r.physicians.length < PHYSICIANS_EXPECTED) warn('physicians', 'physicians_fewer_than_three');

  // The suspected disease and the diagnosed one: noted, never refused (a suspected silicosis may turn
  // out a coal-worker's pneumoconiosis).
  if (
    opts.suspectedDiseaseCode &&
    r.conclusion === 'diagnosed' &&
    r.diseaseCode &&
    r.diseaseCode !== opts.suspectedDiseaseCode
  )
    warn('diseaseCode', 'diagnosis_differs_from_suspected', opts.suspectedDiseaseCode);

  return { ok: issues.length === 0, issues, warnings, edition };
}

/**
 * 尘肺病 (GBZ 70; the specification's CASETYPE and stage dates): a case type; the stage with its date;
 * stage dates in order and not after the diagnosis; as many dates as the case type needs (首次晋期 two,
 * 再次晋期 three, other types one); the stage is the highest one dated.
 */
function checkPneumoconiosis(
  r: ResolvedReport,
  refuse: (path: string, reason: string, detail?: string) => void,
  code: (path: string, table: ExchangeTableId, value: string | null | undefined) => unknown,
  notFuture: (path: string, date: string | null | undefined) => void,
) {
  if (!r.caseTypeCode) refuse('caseTypeCode', 'value_required');
  else code('caseTypeCode', 'pneumoconiosis-case-types', r.caseTypeCode);
  (r.complicationCodes ?? []).forEach((c, i) => code(`complicationCodes.${i}`, 'complications', c));
  if (!r.stage) {
    refuse('stage', 'value_required');
    return;
  }
  const dates = [r.stageOneDate ?? null, r.stageTwoDate ?? null, r.stageThreeDate ?? null];
  const paths = ['stageOneDate', 'stageTwoDate', 'stageThreeDate'];
  dates.forEach((d, i) => {
    notFuture(paths[i]!, d);
    if (d && d > r.diagnosisDate) refuse(paths[i]!, 'stage_date_after_diagnosis');
  });
  const level = pneumoconiosisStages.indexOf(r.stage);
  if (!dates[level]) refuse(paths[level]!, 'stage_date_required');
  const highest = dates.reduce((h, d, i) => (d ? i : h), -1);
  if (highest > level) refuse('stage', 'stage_not_latest_date');
  for (let i = 1; i < 3; i++) {
    const later = dates[i];
    const earlier = dates.slice(0, i).filter((d): d is string => d !== null);
    if (later && earlier.some((d) => d > later)) refuse(paths[i]!, 'stage_dates_out_of_order');
  }
  const count = dates.filter((d) => d !== null).length;
  const needed = r.caseTypeCode === FIRST_PROMOTION ? 2 : r.caseTypeCode === SECOND_PROMOTION ? 3 : 1;
  // Other types: at least the stage's own date (earlier stages of an older diagnosis may be given too).
  const fits =
    r.caseTypeCode === FIRST_PROMOTION || r.caseTypeCode === SECOND_PROMOTION ? count === needed : count >= 1;
  if (r.caseTypeCode && !fits) refuse('caseTypeCode', 'stage_dates_for_case_type', String(needed));
}
