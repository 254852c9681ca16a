/**
 * The diagnosis report's rules (pure): ID check digit, the disease catalogue by diagnosis date, the
 * pneumoconiosis fields (stage only for a pneumoconiosis; stage dates by case type), no future dates,
 * report date not before the diagnosis, and the uncertain rules that only warn.
 */
import { diagnosisReportExample } from '@ohp/contracts';
import { describe, expect, it } from 'vitest';
import { checkDiagnosisReport, isPneumoconiosis, type ResolvedReport } from './diagnosis-reports.validate.js';

const TODAY = '2026-12-05';
const report = (patch?: (r: ResolvedReport) => void): ResolvedReport => {
  const r = structuredClone(diagnosisReportExample) as ResolvedReport;
  patch?.(r);
  return r;
};
const reasons = (r: ResolvedReport, opts?: { suspectedDiseaseCode?: string | null }) =>
  checkDiagnosisReport(r, TODAY, opts).issues.map((i) => `${i.path} ${i.reason}`);
const warnings = (r: ResolvedReport, opts?: { suspectedDiseaseCode?: string | null }) =>
  checkDiagnosisReport(r, TODAY, opts).warnings.map((i) => `${i.path} ${i.reason}`);

describe('diagnosis report rules', () => {
  it('accepts the API example and records the catalogue edition of its diagnosis date', () => {
    const check = checkDiagnosisReport(report(), TODAY);
    expect(check.issues).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.edition).toBe('2024');
  });

  it('checks the disease against the catalogue of the diagnosis date, not of today', () => {
    const before = report((r) => {
      r.applyDate = '2025-06-01';
      r.diagnosisDate = '2025-07-31';
      r.stageOneDate = '2025-07-31';
      r.reporter.date = '2025-08-05';
    });
    expect(checkDiagnosisReport(before, TODAY).edition).toBe('2013');
    const on = report((r) => {
      r.applyDate = '2025-06-01';
      r.diagnosisDate = '2025-08-01';
      r.stageOneDate = '2025-08-01';
      r.reporter.date = '2025-08-05';
    });
    expect(checkDiagnosisReport(on, TODAY).edition).toBe('2024');
    const tooEarly = report((r) => {
      r.exposure.startDate = '2005-01-01';
      r.applyDate = '2013-01-01';
      r.diagnosisDate = '2013-06-01';
      r.stageOneDate = '2013-06-01';
      r.reporter.date = '2013-06-05';
    });
    expect(reasons(tooEarly)).toContain('diseaseCode diagnosis_disease_edition_unknown');
    expect(reasons(report((r) => (r.diseaseCode = '11')))).toContain('diseaseCode code_unknown');
    expect(reasons(report((r) => (r.diseaseCode = '99999')))).toContain('diseaseCode code_unknown');
  });

  it('refuses a resident ID with a wrong check digit, and a birth date or sex that disagrees with it', () => {
    expect(reasons(report((r) => (r.worker.idNumber = '220102198503151238')))).toEqual([
      'worker.idNumber id_number_invalid',
    ]);
    expect(reasons(report((r) => (r.worker.birthDate = '1985-03-16')))).toContain(
      'worker.birthDate id_birth_mismatch',
    );
    expect(reasons(report((r) => (r.worker.genderCode = '2')))).toContain(
      'worker.genderCode id_sex_mismatch',
    );
  });

  it('takes the stage fields for a pneumoconiosis only', () => {
    const noise = report((r) => {
      r.diseaseCode = '4001';
      r.exposure.factorCodes = ['3008'];
    });
    expect(reasons(noise)).toEqual(
      expect.arrayContaining([
        'stage pneumoconiosis_only',
        'caseTypeCode pneumoconiosis_only',
        'stageOneDate pneumoconiosis_only',
      ]),
    );
    noise.stage = null;
    noise.caseTypeCode = null;
    noise.stageOneDate = null;
    expect(reasons(noise)).toEqual([]);
    expect(isPneumoconiosis('1101')).toBe(true);
    expect(isPneumoconiosis('1201')).toBe(false);
    expect(isPneumoconiosis('4001')).toBe(false);
    // An exclusion names no disease and no stage.
    const excluded = report((r) => (r.conclusion = 'excluded'));
    expect(reasons(excluded)).toEqual(
      expect.arrayContaining(['diseaseCode diagnosis_disease_not_allowed', 'stage pneumoconiosis_only']),
    );
    excluded.diseaseCode = null;
    excluded.stage = null;
    excluded.caseTypeCode = null;
    excluded.stageOneDate = null;
    expect(reasons(excluded)).toEqual([]);
    expect(reasons(report((r) => (r.diseaseCode = null)))).toContain('diseaseCode value_required');
  });

  it('needs the stage, its date, and as many stage dates as the case type says', () => {
    expect(reasons(report((r) => (r.stage = null)))).toContain('stage value_required');
    expect(reasons(report((r) => (r.caseTypeCode = null)))).toContain('caseTypeCode value_required');
    expect(reasons(report((r) => (r.stage = '贰期')))).toContain('stageTwoDate stage_date_required');
    // 首次晋期: two dates; 再次晋期: three.
    const first = report((r) => {
      r.caseTypeCode = '02';
      r.stage = '贰期';
      r.stageOneDate = '2024-05-01';
      r.stageTwoDate = '2026-07-20';
    });
    expect(reasons(first)).toEqual([]);
    first.caseTypeCode = '03';
    expect(reasons(first)).toContain('caseTypeCode stage_dates_for_case_type');
    first.stage = '叁期';
    first.stageThreeDate = '2026-07-20';
    first.stageTwoDate = '2025-05-01';
    expect(reasons(first)).toEqual([]);
    // Out of order; after the diagnosis; the stage lower than a dated one.
    expect(
      reasons(report((r) => ((r.caseTypeCode = '02'), (r.stage = '贰期'), (r.stageTwoDate = '2020-01-01')))),
    ).toContain('stageTwoDate stage_dates_out_of_order');
    expect(reasons(report((r) => (r.stageOneDate = '2026-08-01')))).toContain(
      'stageOneDate stage_date_after_diagnosis',
    );
    expect(reasons(report((r) => (r.stageTwoDate = '2026-07-20')))).toContain('stage stage_not_latest_date');
    expect(reasons(report((r) => (r.complicationCodes = ['09'])))).toContain(
      'complicationCodes.0 code_unknown',
    );
    expect(reasons(report((r) => (r.caseTypeCode = '05')))).toContain('deathDate death_date_required');
  });

  it('refuses future dates and a report dated before the diagnosis', () => {
    const future = report((r) => {
      r.diagnosisDate = '2027-01-02';
      r.stageOneDate = '2027-01-02';
      r.reporter.date = '2027-01-05';
    });
    expect(reasons(future)).toEqual(
      expect.arrayContaining(['diagnosisDate date_in_future', 'reporter.date date_in_future']),
    );
    expect(reasons(report((r) => (r.reporter.date = '2026-07-19')))).toEqual([
      'reporter.date report_before_diagnosis',
    ]);
    expect(reasons(report((r) => (r.applyDate = '2026-07-21')))).toEqual([
      'diagnosisDate diagnosis_before_apply',
    ]);
    expect(reasons(report((r) => (r.exposure.startDate = '2026-08-01')))).toContain(
      'exposure.startDate exposure_after_diagnosis',
    );
  });

  it('asks 急性/慢性 of a chemical poisoning, and a name for an open 其他 item', () => {
    const lead = report((r) => {
      r.diseaseCode = '5001';
      r.stage = null;
      r.caseTypeCode = null;
      r.stageOneDate = null;
    });
    expect(reasons(lead)).toEqual(['poisoningTypeCode value_required']);
    lead.poisoningTypeCode = '02';
    expect(reasons(lead)).toEqual([]);
    expect(reasons(report((r) => (r.poisoningTypeCode = '01')))).toContain(
      'poisoningTypeCode not_applicable',
    );
    expect(reasons(report((r) => (r.diseaseCode = '1113')))).toContain(
      'diseaseOther diagnosis_disease_other_required',
    );
  });

  it('only warns of fewer than three physicians (an uncertain rule) and of a disease other than the suspected one', () => {
    const two = report((r) => (r.physicians = r.physicians.slice(0, 2)));
    expect(reasons(two)).toEqual([]);
    expect(warnings(two)).toContain('physicians physicians_fewer_than_three');
    expect(warnings(report())).not.toContain('physicians physicians_fewer_than_three');
    const other = report((r) => (r.diseaseCode = '1102'));
    expect(reasons(other, { suspectedDiseaseCode: '1101' })).toEqual([]);
    expect(warnings(other, { suspectedDiseaseCode: '1101' })).toContain(
      'diseaseCode diagnosis_differs_from_suspected',
    );
    expect(warnings(report(), { suspectedDiseaseCode: '1101' })).not.toContain(
      'diseaseCode diagnosis_differs_from_suspected',
    );
  });
});
