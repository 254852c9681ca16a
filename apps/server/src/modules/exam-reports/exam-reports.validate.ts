/**
 * The rules a health-exam case card (个案卡) must pass before it is stored (issue 15 item 3), apart from
 * what needs the database (the institution's own filings, duplicates): a pure function of the card and
 * the day it is checked on. Every refusal names the field (`conclusions.0.suspectedDiseaseCode`), the
 * national element it stands for (`EXAM_CONCLUSION/YSZYB_CODE`) and a reason with a zh-CN and en
 * message (@ohp/contracts messages). Where the rule's source is uncertain the card is not refused: a
 * warning is returned instead (`suspected_disease_unconfirmed`, see docs/STANDARDS.md).
 *
 * Sources: the CDC exchange specification 2021 (required / conditional elements, code tables,
 * "all dusts share one conclusion", 726 dispatch, 上岗前 exposure), GB 11643 (ID check digit, birth date,
 * sex), GB 32100 (credit code), GB/T 4754-2017 (industry), the 2013 / 2024 disease catalogues by exam date,
 * and the standards engine's hazard → disease map.
 */
import {
  examCardElements,
  type ExamCardConclusion,
  type ExamCardEnterprise,
  type ExamCardInput,
} from '@ohp/contracts';
import {
  diseaseCatalogueFor,
  diseaseCatalogues,
  findExchangeCode,
  getExchangeTable,
  getIndustry,
  getRegion,
  isIsoDate,
  type ExchangeDisease,
  type ExchangeHazardFactor,
} from '@ohp/reference';
import { ruleKit } from '../../platform/rule-kit.js';
import { canHazardsCause, validateCreditCode, validateIdNumber } from '@ohp/standards';

/** The first day of the earliest shipped occupational-disease catalogue (2013-12-23). */
const EARLIEST_DISEASE_CATALOGUE = diseaseCatalogues.map((c) => c.effectiveFrom).sort()[0]!;

export type CardIssue = { path: string; element: string | null; reason: string; detail?: string };
export type CardCheck = { ok: boolean; issues: CardIssue[]; warnings: CardIssue[] };

/** The element of a path: `conclusions.2.conclusionCode` → `EXAM_CONCLUSION/EXAM_CONCLUSION_CODE`. */
export const elementOf = (path: string): string | null =>
  examCardElements[path.replace(/\.\d+(?=\.|$)/g, '')] ?? null;

const DUST_CATEGORY = '1';
/** 体检结论: 03 疑似职业病, 04 职业禁忌证, 05 其他疾病或异常. */
const SUSPECTED = '03';
const CONTRAINDICATION = '04';
const OTHER_DISEASE = '05';
/** 体检类型 01 上岗前: no exposure yet, so no exposure start or years. */
const PRE_EMPLOYMENT = '01';
/** 证件类型 01 居民身份证: the only one with a check digit the platform can verify. */
const RESIDENT_ID = '01';
/** GB/T 4754-2017 726 人力资源服务 (7263 劳务派遣服务 among it): the workers of such a unit work for another one. */
const DISPATCH_PREFIX = '726';
/** Sections whose units carry no economic type or size (the spec's exemption): S 公共管理…, T 国际组织. */
const EXEMPT_SECTIONS = new Set(['S', 'T']);
/** 工种 99-9999 其他. */
const OTHER_WORK_TYPE = '99-9999';

const hazard = (code: string) => findExchangeCode('hazard-factors', code) as ExchangeHazardFactor | undefined;
const isOther = (name: string) => name.includes('其他');

export function checkExamCard(card: ExamCardInput, today: string): CardCheck {
  const { issues, warnings, refuse, warn, code, notFuture } = ruleKit(elementOf, today);

  // ---------- enterprises ----------
  const enterprise = (prefix: 'employer' | 'employingUnit', e: ExamCardEnterprise) => {
    const credit = validateCreditCode(e.creditCode);
    if (!credit.ok) refuse(`${prefix}.creditCode`, 'credit_code_invalid', credit.reasons[0]?.message);
    const industry = getIndustry(e.industryCode);
    if (!industry) refuse(`${prefix}.industryCode`, 'industry_unknown');
    if (!getRegion(e.regionCode)) refuse(`${prefix}.regionCode`, 'region_unknown');
    const exempt = industry ? EXEMPT_SECTIONS.has(industry.section) : false;
    if (!exempt && !e.economicTypeCode) refuse(`${prefix}.economicTypeCode`, 'value_required');
    if (!exempt && !e.scaleCode) refuse(`${prefix}.scaleCode`, 'value_required');
    code(`${prefix}.scaleCode`, 'enterprise-sizes', e.scaleCode);
  };
  enterprise('employer', card.employer);
  enterprise('employingUnit', card.employingUnit);
  // A dispatch agency's workers work for another unit, which must be named as the employing unit.
  if (
    card.employer.industryCode.startsWith(DISPATCH_PREFIX) &&
    (card.employingUnit.name.trim() === card.employer.name.trim() ||
      card.employingUnit.creditCode === card.employer.creditCode)
  )
    refuse('employingUnit.name', 'dispatch_same_unit');

  // ---------- worker ----------
  const w = card.worker;
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

  // ---------- exam ----------
  code('monitoringTypeCode', 'monitoring-types', card.monitoringTypeCode);
  code('examTypeCode', 'exam-types', card.examTypeCode);
  notFuture('examDate', card.examDate);
  if (isIsoDate(w.birthDate) && card.examDate < w.birthDate) refuse('examDate', 'before_birth');
  const contact = card.contactFactorCodes.map((c, i) => hazardOf(`contactFactorCodes.${i}`, c));
  if (contact.some((h) => h && isOther(h.name)) && !card.contactFactorOther)
    refuse('contactFactorOther', 'value_required');
  const workType = code('workTypeCode', 'work-types', card.workTypeCode);
  if (workType && card.workTypeCode === OTHER_WORK_TYPE && !card.workTypeOther)
    refuse('workTypeOther', 'value_required');

  function hazardOf(path: string, value: string) {
    const h = hazard(value);
    if (!h || h.level !== 'factor') refuse(path, 'code_unknown', getExchangeTable('hazard-factors').titleZh);
    return h && h.level === 'factor' ? h : undefined;
  }

  // ---------- conclusions ----------
  const seenFactor = new Map<string, number>();
  let dustConclusion: number | null = null;
  card.conclusions.forEach((c, i) => checkConclusion(c, i));
  function checkConclusion(c: ExamCardConclusion, i: number) {
    const at = (f: string) => `conclusions.${i}.${f}`;
    const factors = c.factorCodes.map((f, j) => hazardOf(`conclusions.${i}.factorCodes.${j}`, f));
    c.factorCodes.forEach((f, j) => {
      const earlier = seenFactor.get(f);
      if (earlier !== undefined) refuse(`conclusions.${i}.factorCodes.${j}`, 'duplicate_entry');
      seenFactor.set(f, i);
    });
    if (factors.some((h) => h && isOther(h.name)) && !c.factorOther)
      refuse(at('factorOther'), 'value_required');
    // All dusts of a card share one conclusion (the specification's rule).
    if (factors.some((h) => h?.parentCode === DUST_CATEGORY)) {
      if (dustConclusion !== null && dustConclusion !== i)
        refuse(at('factorCodes'), 'dusts_share_conclusion');
      dustConclusion ??= i;
    }
    code(at('conclusionCode'), 'exam-conclusions', c.conclusionCode);
    if (c.conclusionCode === SUSPECTED) checkSuspected(c, i, factors);
    else if (c.suspectedDiseaseCode) refuse(at('suspectedDiseaseCode'), 'not_applicable');
    if (c.conclusionCode === CONTRAINDICATION && !c.contraindication?.trim())
      refuse(at('contraindication'), 'contraindication_required');
    if (c.conclusionCode === OTHER_DISEASE && !c.otherAbnormality?.trim())
      refuse(at('otherAbnormality'), 'value_required');
    // Exposure: not for a pre-employment exam, required for every other one.
    if (card.examTypeCode !== PRE_EMPLOYMENT) {
      if (!c.harmStartDate) refuse(at('harmStartDate'), 'value_required');
      if (c.harmYears === null || c.harmYears === undefined) refuse(at('harmYears'), 'value_required');
      if (c.harmMonths === null || c.harmMonths === undefined) refuse(at('harmMonths'), 'value_required');
    }
    if (c.harmStartDate) {
      notFuture(at('harmStartDate'), c.harmStartDate);
      if (c.harmStartDate > card.examDate) refuse(at('harmStartDate'), 'after_exam');
      if (isIsoDate(w.birthDate) && c.harmStartDate < w.birthDate)
        refuse(at('harmStartDate'), 'before_birth');
    }
    const harm = (c.harmYears ?? 0) * 12 + (c.harmMonths ?? 0);
    const service =
      card.serviceYears === null || card.serviceYears === undefined
        ? null
        : card.serviceYears * 12 + (card.serviceMonths ?? 0);
    if (service !== null && harm > service) refuse(at('harmYears'), 'exposure_exceeds_service');
  }

  function checkSuspected(
    c: ExamCardConclusion,
    i: number,
    factors: Array<ExchangeHazardFactor | undefined>,
  ) {
    const path = `conclusions.${i}.suspectedDiseaseCode`;
    if (!c.suspectedDiseaseCode) {
      refuse(path, 'suspected_disease_required');
      return;
    }
    const disease = findExchangeCode('diseases', c.suspectedDiseaseCode) as ExchangeDisease | undefined;
    if (!disease || disease.level !== 'disease') {
      refuse(path, 'code_unknown', getExchangeTable('diseases').titleZh);
      return;
    }
    // The disease must be one of the catalogue in force on the exam date (2013 until 2025-07-31, 2024 after);
    // an exam before the 2013 catalogue took effect cannot be checked (no earlier edition is shipped).
    if (card.examDate < EARLIEST_DISEASE_CATALOGUE) {
      refuse(path, 'disease_edition_unknown');
      return;
    }
    const catalogue = diseaseCatalogueFor(card.examDate);
    const mapped = catalogue.edition === '2013' ? disease.mapped2013 : disease.mapped2024;
    if (!mapped) {
      refuse(path, 'disease_not_in_edition', catalogue.title);
      return;
    }
    const hazardIds = [...new Set(factors.flatMap((h) => (h?.mapped ? [h.mapped.id] : [])))];
    const cause = hazardIds.length
      ? canHazardsCause({ hazardIds, diseaseId: mapped.id, eventDate: card.examDate })
      : null;
    // The map lists only pairs the catalogues' wording justifies; anything else is "unknown", never "no".
    if (!cause || !('verdict' in cause) || cause.verdict !== 'yes')
      warn(path, 'suspected_disease_unconfirmed', disease.name);
  }

  // ---------- items ----------
  const chestFilm = new Set(['3080100', '3080200']);
  card.items.forEach((it, i) => {
    const at = (f: string) => `items.${i}.${f}`;
    code(at('code'), 'health-indicators', it.code);
    code(at('resultType'), 'exam-result-types', it.resultType);
    code(at('abnormal'), chestFilm.has(it.code) ? 'chest-film-results' : 'abnormal-flags', it.abnormal);
    if (it.resultType === '01') {
      if (!/^[-+]?\d+(\.\d+)?$/.test(it.result.trim())) refuse(at('result'), 'number_invalid');
      if (!it.unit?.trim()) refuse(at('unit'), 'value_required');
      if (it.referenceMin === null || it.referenceMin === undefined)
        refuse(at('referenceMin'), 'value_required');
      if (it.referenceMax === null || it.referenceMax === undefined)
        refuse(at('referenceMax'), 'value_required');
      if (
        typeof it.referenceMin === 'number' &&
        typeof it.referenceMax === 'number' &&
        it.referenceMin > it.referenceMax
      )
        refuse(at('referenceMax'), 'range_inverted');
    }
  });

  // ---------- writer and reporter ----------
  notFuture('writer.date', card.writer.date);
  notFuture('reporter.date', card.reporter.date);
  if (card.writer.date < card.examDate) refuse('writer.date', 'report_before_exam');
  if (card.reporter.date < card.examDate) refuse('reporter.date', 'report_before_exam');
  if (card.isReexam === false && card.reexamOf) refuse('reexamOf', 'not_applicable');

  return { ok: issues.length === 0, issues, warnings };
}
