import { describe, expect, it } from 'vitest';
import {
  importSurveillanceRows,
  shippedSurveillanceRows,
  surveillanceCycle,
  workplaceTestingInterval,
} from './surveillance';
import { addMonths } from './rules';
import { err, ok, text, texts } from './test-helpers';

describe('GBZ 188 periodic cycle', () => {
  it.each([
    { noiseLevel: 85, months: 12 },
    { noiseLevel: 84.9, months: 24 },
    { noiseLevel: 80, months: 24 },
  ])('does give $months months for noise when L_EX,8h is $noiseLevel', ({ noiseLevel, months }) => {
    const r = ok(surveillanceCycle({ examDate: '2024-06-01', hazards: [{ hazardId: '3-1', noiseLevel }] }));
    expect(r).toMatchObject({
      verdict: 'due',
      cycleMonths: months,
      nextDueDate: addMonths('2024-06-01', months),
      edition: 'GBZ 188-2014',
    });
    expect(r.hazards[0]).toMatchObject({ verified: false, targetDiseases: ['职业性噪声聋'] });
  });

  it('does say not_covered when noise is below 80 dB(A)', () => {
    const r = ok(
      surveillanceCycle({ examDate: '2024-06-01', hazards: [{ hazardId: '3-1', noiseLevel: 79 }] }),
    );
    expect(r.verdict).toBe('not_covered');
    expect(r.cycleMonths).toBeNull();
  });

  it('does take the shortest cycle when there are several hazards', () => {
    // noise 82 → 24 months; benzene → 12 months; shortest 12 → due 2025-06-01
    const r = ok(
      surveillanceCycle({
        examDate: '2024-06-01',
        hazards: [{ hazardId: '3-1', noiseLevel: 82 }, { hazardId: '2-28' }],
      }),
    );
    expect(r).toMatchObject({
      verdict: 'due',
      cycleMonths: 12,
      nextDueDate: '2025-06-01',
      governingHazardId: '2-28',
    });
    expect(r.hazards[1]?.targetDiseases).toEqual(['职业性慢性苯中毒', '苯所致白血病']);
  });

  it('does say not_covered with a reason when a hazard has no loaded row', () => {
    const r = ok(surveillanceCycle({ examDate: '2024-06-01', hazards: [{ hazardId: '2-29' }] }));
    expect(r.verdict).toBe('not_covered');
    expect(texts(r)[0]).toContain('no row for 甲苯 is loaded');
    expect(texts(r, 'zh-CN')[0]).toContain('未载入甲苯的条目');
  });

  it('does say partial when one hazard is covered and another is not', () => {
    const r = ok(
      surveillanceCycle({ examDate: '2024-06-01', hazards: [{ hazardId: '2-28' }, { hazardId: '2-29' }] }),
    );
    expect(r).toMatchObject({ verdict: 'partial', cycleMonths: 12 });
  });

  it.each([
    { grade: 'I' as const, months: 24 },
    { grade: 'II' as const, months: 12 },
    { grade: 'III' as const, months: 12 },
  ])('does give $months months for silica dust when the work grade is $grade', ({ grade, months }) => {
    expect(
      ok(surveillanceCycle({ examDate: '2024-06-01', hazards: [{ hazardId: '1-1', workGrade: grade }] }))
        .cycleMonths,
    ).toBe(months);
  });

  it('does say incomplete when silica dust has no work grade under the 2014 edition', () => {
    expect(ok(surveillanceCycle({ examDate: '2024-06-01', hazards: [{ hazardId: '1-1' }] })).verdict).toBe(
      'incomplete',
    );
  });

  it.each([
    // 2014 edition: ungraded silica → missing input; 2025 edition (from 2026-08-01): ungraded → 12 months (未分级从严)
    { date: '2026-07-31', edition: 'GBZ 188-2014', verdict: 'incomplete', months: null },
    { date: '2026-08-01', edition: 'GBZ 188-2025', verdict: 'due', months: 12 },
  ])('does pick $edition when the exam date is $date', ({ date, edition, verdict, months }) => {
    const r = ok(surveillanceCycle({ examDate: date, hazards: [{ hazardId: '1-1' }] }));
    expect(r).toMatchObject({ edition, verdict, cycleMonths: months });
  });

  it.each([
    { date: '2026-07-31', verdict: 'due' },
    { date: '2026-08-01', verdict: 'not_covered' },
  ])('does not carry the 2014 noise row into 2025 when the exam date is $date', ({ date, verdict }) => {
    expect(
      ok(surveillanceCycle({ examDate: date, hazards: [{ hazardId: '3-1', noiseLevel: 90 }] })).verdict,
    ).toBe(verdict);
  });

  it('does return date_not_covered when the exam date is before GBZ 188-2014', () => {
    expect(
      err(surveillanceCycle({ examDate: '2014-09-30', hazards: [{ hazardId: '3-1', noiseLevel: 90 }] }))
        .error,
    ).toBe('date_not_covered');
  });

  it('does ship only unverified rows', () => {
    expect(shippedSurveillanceRows.every((r) => !r.verified)).toBe(true);
  });

  it('does add months to the same day or the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-08-31', 12)).toBe('2024-08-31');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
  });
});

describe('GBZ 188 import', () => {
  const header =
    'hazard_id,section,cycle_kind,cycle,target_diseases,contraindications_pre,contraindications_on,verified,source';
  it('does return rows that replace the shipped ones when the file is valid', () => {
    const csv = `${header}\n3-1,7.1,noiseLevel,85:12;80:24,职业性噪声聋,,,true,GBZ 188-2025 p.99\n2-29,5.58,fixed,12,职业性慢性甲苯中毒,a;b,,false,GBZ 188-2025 p.80\n`;
    const imp = importSurveillanceRows(csv, { edition: 'GBZ 188-2025' });
    expect(imp.errors).toEqual([]);
    expect(imp.rows[1]).toMatchObject({
      hazardId: '2-29',
      hazardName: '甲苯',
      cycle: { kind: 'fixed', months: 12 },
      contraindications: [
        { examType: '上岗前', text: 'a' },
        { examType: '上岗前', text: 'b' },
      ],
    });
    const r = ok(
      surveillanceCycle({
        examDate: '2026-08-01',
        hazards: [{ hazardId: '3-1', noiseLevel: 90 }, { hazardId: '2-29' }],
        importedRows: imp.rows,
      }),
    );
    expect(r).toMatchObject({ verdict: 'due', cycleMonths: 12 });
    expect(r.hazards[0]?.verified).toBe(true);
  });

  it('does report row, column and reason when a line is invalid', () => {
    const csv = `${header}\n9-9,7.1,fixed,12,,,,true,x\n3-1,x,weekly,12,,,,maybe,\n1-1,6.1,workGrade,I:24;II:12,,,,false,s\n`;
    const imp = importSurveillanceRows(csv, { edition: 'GBZ 188-2014' });
    expect(imp.ok).toBe(false);
    expect(imp.errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'hazard_id', reason: '9-9 is not a hazard-factor id of the 2015 catalogue' },
        { row: 3, column: 'section', reason: 'must be a section number such as 7.1' },
        { row: 3, column: 'cycle_kind', reason: 'must be fixed, noiseLevel or workGrade' },
        { row: 3, column: 'verified', reason: 'must be true or false' },
        { row: 3, column: 'source', reason: 'required: where the row was transcribed from (edition, page)' },
        { row: 4, column: 'cycle', reason: 'grades must be listed from the highest down' },
      ]),
    );
  });

  it('does reject an edition that is not GBZ 188-2014 or -2025', () => {
    expect(importSurveillanceRows(header, { edition: 'GBZ 188-2007' }).ok).toBe(false);
  });
});

describe('workplace testing interval (2021 risk class)', () => {
  it('does give 12 months and a 36-month status evaluation when the industry is 严重', () => {
    // 0610 烟煤和无烟煤开采洗选 is listed 严重 in the 2021 catalogue
    const r = ok(
      workplaceTestingInterval({
        eventDate: '2024-06-01',
        industryCodes: ['0610'],
        lastTestDate: '2024-03-15',
        lastEvaluationDate: '2022-01-10',
      }),
    );
    expect(r).toMatchObject({
      verdict: 'severe',
      riskClass: '严重',
      testingIntervalMonths: 12,
      statusEvaluationIntervalMonths: 36,
      nextTestDue: '2025-03-15',
      nextEvaluationDue: '2025-01-10',
    });
  });

  it('does give 36 months when every industry is 一般', () => {
    const r = ok(workplaceTestingInterval({ eventDate: '2024-06-01', industryCodes: ['0111'] }));
    expect(r).toMatchObject({
      verdict: 'general',
      riskClass: '一般',
      testingIntervalMonths: 36,
      statusEvaluationIntervalMonths: null,
    });
  });

  it('does give no interval when the class needs evaluation', () => {
    // 2330 记录媒介复制 is a GB/T 4754-2017 class the 2021 catalogue does not list
    const r = ok(workplaceTestingInterval({ eventDate: '2024-06-01', industryCodes: ['2330'] }));
    expect(r).toMatchObject({ verdict: 'needs_evaluation', riskClass: null, testingIntervalMonths: null });
    expect(text(r, 'zh-CN')).toContain('行业 2330 未列入目录，其类别需经评价确定');
  });

  it('does return date_not_covered before the 2021 catalogue', () => {
    expect(err(workplaceTestingInterval({ eventDate: '2021-03-11', industryCodes: ['0610'] })).error).toBe(
      'date_not_covered',
    );
  });
});
