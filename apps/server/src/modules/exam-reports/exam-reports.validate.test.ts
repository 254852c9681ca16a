/**
 * The card rules (issue 15 item 3) one by one: the example card passes, and each broken field is refused
 * with its path, its national element and its reason — nothing else is reported for it.
 */
import { examCardExample, messageFor, type ExamCardInput } from '@ohp/contracts';
import { creditCodeCheckChar, idNumberCheckChar, orgCodeCheckChar } from '@ohp/standards';
import { describe, expect, it } from 'vitest';
import { checkExamCard, elementOf } from './exam-reports.validate.js';

const TODAY = '2026-12-04';
type Patch = (c: ExamCardInput) => void;
/** The example card, changed by `patch` (a deep copy: the example is shared). */
const card = (patch?: Patch): ExamCardInput => {
  const c = structuredClone(examCardExample);
  patch?.(c);
  return c;
};
const reasons = (patch: Patch) =>
  checkExamCard(card(patch), TODAY).issues.map((i) => `${i.path} ${i.reason}`);
const creditCode = (body: string, county = '220102') => {
  const first17 = `91${county}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
};

describe('exam card rules', () => {
  it('does pass the example card, with no warning for silicosis found on a silica-dust exam', () => {
    const r = checkExamCard(card(), TODAY);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('does name the national element of a field, indexes dropped', () => {
    expect(elementOf('conclusions.1.suspectedDiseaseCode')).toBe('EXAM_CONCLUSION/YSZYB_CODE');
    expect(elementOf('items.12.abnormal')).toBe('EXAM_ITEM_RESULT/ABNORMAL');
    expect(elementOf('worker.idNumber')).toBe('WORKER_INFO/ID_CARD');
  });

  it('does refuse an ID number whose check digit is wrong, and birth date or sex that disagree with it', () => {
    const id = examCardExample.worker.idNumber;
    const wrongCheck = `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;
    expect(reasons((c) => (c.worker.idNumber = wrongCheck))).toEqual(['worker.idNumber id_number_invalid']);
    expect(reasons((c) => (c.worker.birthDate = '1985-03-16'))).toEqual([
      'worker.birthDate id_birth_mismatch',
    ]);
    expect(reasons((c) => (c.worker.genderCode = '2'))).toEqual(['worker.genderCode id_sex_mismatch']);
    // Another document type is not a GB 11643 number: not checked as one.
    expect(
      reasons((c) => {
        c.worker.idTypeCode = '03';
        c.worker.idNumber = 'E12345678';
      }),
    ).toEqual([]);
    // The number's own date is checked: a woman born 1990-02-30 does not exist.
    const first17 = '22010219900230124';
    expect(
      reasons((c) => {
        c.worker.idNumber = first17 + idNumberCheckChar(first17);
        c.worker.birthDate = '1990-02-28';
        c.worker.genderCode = '2';
      }),
    ).toEqual(['worker.idNumber id_number_invalid']);
  });

  it('does refuse a credit code whose check character is wrong, an unknown industry or region', () => {
    const good = examCardExample.employer.creditCode;
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    expect(reasons((c) => (c.employer.creditCode = bad))).toEqual([
      'employer.creditCode credit_code_invalid',
    ]);
    expect(reasons((c) => (c.employingUnit.industryCode = '9999'))).toEqual([
      'employingUnit.industryCode industry_unknown',
    ]);
    expect(reasons((c) => (c.employer.regionCode = '229999'))).toEqual([
      'employer.regionCode region_unknown',
    ]);
  });

  it('does ask for economic type and size except for public administration and international organisations', () => {
    expect(reasons((c) => (c.employer.scaleCode = null))).toEqual(['employer.scaleCode value_required']);
    expect(reasons((c) => (c.employer.economicTypeCode = null))).toEqual([
      'employer.economicTypeCode value_required',
    ]);
    // 9221 (S 公共管理…) is exempt.
    expect(
      reasons((c) => {
        c.employer.industryCode = '9221';
        c.employer.scaleCode = null;
        c.employer.economicTypeCode = null;
      }),
    ).toEqual([]);
    expect(reasons((c) => (c.employer.scaleCode = '07'))).toEqual(['employer.scaleCode code_unknown']);
  });

  it('does refuse a dispatch agency (726) named as its own employing unit', () => {
    expect(
      reasons((c) => {
        c.employer.industryCode = '7263';
        c.employingUnit.industryCode = '7263';
      }),
    ).toEqual(['employingUnit.name dispatch_same_unit']);
    expect(
      reasons((c) => {
        c.employer.industryCode = '7263';
        c.employingUnit.name = '长春示例机械厂';
        c.employingUnit.creditCode = creditCode('00005678');
      }),
    ).toEqual([]);
  });

  it('does refuse codes outside the national tables', () => {
    expect(reasons((c) => (c.examTypeCode = '06'))).toEqual(['examTypeCode code_unknown']);
    expect(reasons((c) => (c.contactFactorCodes = ['1038', '3008', '1000']))).toEqual([
      'contactFactorCodes.2 code_unknown', // 1000 is no factor (the dust category is 1)
    ]);
    expect(reasons((c) => (c.workTypeCode = '00-99'))).toEqual(['workTypeCode code_unknown']);
    expect(reasons((c) => (c.items[1]!.code = '3020199'))).toEqual(['items.1.code code_unknown']);
    // The chest film's flag is its own table (0–3); other items 0, 1, 3.
    expect(reasons((c) => (c.items[0]!.abnormal = '2'))).toEqual([]);
    expect(reasons((c) => (c.items[1]!.abnormal = '2'))).toEqual(['items.1.abnormal code_unknown']);
  });

  it('does ask for the name when a 其他 factor or work type is chosen', () => {
    expect(reasons((c) => c.contactFactorCodes.push('2999'))).toEqual(['contactFactorOther value_required']);
    expect(
      reasons((c) => {
        c.contactFactorCodes.push('2999');
        c.contactFactorOther = '某溶剂';
      }),
    ).toEqual([]);
    expect(reasons((c) => (c.workTypeCode = '99-9999'))).toEqual(['workTypeOther value_required']);
  });

  it('does refuse future dates, a report before the exam, exposure after the exam or before birth', () => {
    // An exam tomorrow: in the future, and the reports dated before it.
    expect(reasons((c) => (c.examDate = '2026-12-05'))).toEqual([
      'examDate date_in_future',
      'writer.date report_before_exam',
      'reporter.date report_before_exam',
    ]);
    expect(reasons((c) => (c.writer.date = '2026-06-09'))).toEqual(['writer.date report_before_exam']);
    expect(reasons((c) => (c.conclusions[0]!.harmStartDate = '2026-06-11'))).toEqual([
      'conclusions.0.harmStartDate after_exam',
    ]);
    expect(reasons((c) => (c.conclusions[1]!.harmStartDate = '1980-01-01'))).toEqual([
      'conclusions.1.harmStartDate before_birth',
    ]);
  });

  it('does ask for exposure on every exam but a pre-employment one, and keep it within the years of service', () => {
    expect(reasons((c) => (c.conclusions[1]!.harmYears = null))).toEqual([
      'conclusions.1.harmYears value_required',
    ]);
    expect(
      reasons((c) => {
        c.examTypeCode = '01';
        c.conclusions[0]!.conclusionCode = '01';
        c.conclusions[0]!.suspectedDiseaseCode = null;
        for (const x of c.conclusions) {
          x.harmStartDate = null;
          x.harmYears = null;
          x.harmMonths = null;
        }
      }),
    ).toEqual([]);
    expect(reasons((c) => (c.serviceYears = 14))).toEqual([
      'conclusions.0.harmYears exposure_exceeds_service',
      'conclusions.1.harmYears exposure_exceeds_service',
    ]);
  });

  it('does need the disease for a suspected case, a named contraindication, a described other finding', () => {
    expect(reasons((c) => (c.conclusions[0]!.suspectedDiseaseCode = null))).toEqual([
      'conclusions.0.suspectedDiseaseCode suspected_disease_required',
    ]);
    expect(reasons((c) => (c.conclusions[1]!.conclusionCode = '04'))).toEqual([
      'conclusions.1.contraindication contraindication_required',
    ]);
    expect(
      reasons((c) => {
        c.conclusions[1]!.conclusionCode = '04';
        c.conclusions[1]!.contraindication = '未控制的高血压';
      }),
    ).toEqual([]);
    expect(reasons((c) => (c.conclusions[1]!.conclusionCode = '05'))).toEqual([
      'conclusions.1.otherAbnormality value_required',
    ]);
    expect(reasons((c) => (c.conclusions[1]!.suspectedDiseaseCode = '4001'))).toEqual([
      'conclusions.1.suspectedDiseaseCode not_applicable',
    ]);
  });

  it('does warn, not refuse, when the hazard–disease map cannot confirm the suspected disease', () => {
    // 噪声聋 (4001) on the silica-dust conclusion: the map has no such pair ("unknown", never "no").
    const r = checkExamCard(
      card((c) => (c.conclusions[0]!.suspectedDiseaseCode = '4001')),
      TODAY,
    );
    expect(r.issues).toEqual([]);
    expect(r.warnings.map((w) => `${w.path} ${w.reason}`)).toEqual([
      'conclusions.0.suspectedDiseaseCode suspected_disease_unconfirmed',
    ]);
    expect(messageFor('suspected_disease_unconfirmed', 'en')).toContain('not confirmed');
  });

  it('does refuse two dust conclusions and a factor concluded twice', () => {
    expect(
      reasons((c) => {
        c.contactFactorCodes.push('1021');
        c.conclusions.push({ ...c.conclusions[1]!, factorCodes: ['1021'], conclusionCode: '01' });
      }),
    ).toEqual(['conclusions.2.factorCodes dusts_share_conclusion']);
    expect(reasons((c) => c.conclusions.push({ ...c.conclusions[1]!, factorCodes: ['3008'] }))).toEqual([
      'conclusions.2.factorCodes.0 duplicate_entry',
    ]);
  });

  it('does need a number, its unit and reference range for a numeric result', () => {
    expect(reasons((c) => (c.items[1]!.result = '七十八'))).toEqual(['items.1.result number_invalid']);
    expect(reasons((c) => (c.items[1]!.unit = null))).toEqual(['items.1.unit value_required']);
    expect(reasons((c) => (c.items[1]!.referenceMin = 130))).toEqual(['items.1.referenceMax range_inverted']);
  });

  it('does write every reason it gives in zh-CN and in English', () => {
    const all = new Set<string>();
    const patches: Patch[] = [
      (c) => (c.worker.birthDate = '1985-03-16'),
      (c) => (c.examTypeCode = '06'),
      (c) => (c.conclusions[0]!.suspectedDiseaseCode = null),
      (c) => (c.serviceYears = 1),
      (c) => (c.items[1]!.referenceMin = 130),
      (c) => (c.writer.date = '2026-06-09'),
      (c) => (c.examDate = '2027-01-01'),
    ];
    for (const p of patches) for (const r of checkExamCard(card(p), TODAY).issues) all.add(r.reason);
    for (const r of all) {
      expect(messageFor(r, 'zh-CN'), r).not.toBe(r);
      expect(messageFor(r, 'en'), r).not.toBe(r);
    }
    expect(all.size).toBeGreaterThan(6);
  });
});

describe('the card schema and the national code tables', () => {
  it('takes every work-type code of the national table (00-3 … 00-9 have one digit after the dash)', async () => {
    const { ExamCardInput } = await import('@ohp/contracts');
    const { exchangeWorkTypes } = await import('@ohp/reference');
    const pattern = new RegExp(
      (ExamCardInput.properties.workTypeCode as unknown as { pattern: string }).pattern,
    );
    expect(exchangeWorkTypes.rows.filter((r) => !pattern.test(r.code)).map((r) => r.code)).toEqual([]);
    expect(pattern.test('00-9')).toBe(true);
    expect(pattern.test('009')).toBe(false);
  });
});
