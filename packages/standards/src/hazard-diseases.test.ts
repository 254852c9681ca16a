import { describe, expect, it } from 'vitest';
import { getHazardFactor } from '@ohp/reference';
import {
  canHazardsCause,
  diseasesForHazard,
  hazardDiseaseMappings,
  resolvedMappings,
} from './hazard-diseases';
import { err, ok, texts } from './test-helpers';

describe('hazard → disease mapping', () => {
  it('does resolve every mapped name to a disease of each edition it lists', () => {
    expect(() => resolvedMappings('2013')).not.toThrow();
    expect(() => resolvedMappings('2024')).not.toThrow();
    for (const m of hazardDiseaseMappings) expect(getHazardFactor(m.hazardId), m.hazardId).toBeDefined();
  });

  it.each([
    { hazardId: '3-1', date: '2025-08-01', names: ['噪声聋'] },
    { hazardId: '1-1', date: '2024-01-01', names: ['矽肺'] },
    { hazardId: '2-28', date: '2025-08-01', names: ['苯中毒', '苯所致白血病'] },
    { hazardId: '1-5', date: '2025-08-01', names: ['石棉肺', '石棉所致肺癌、间皮瘤'] },
  ])('does map $hazardId to $names when the date is $date', ({ hazardId, date, names }) => {
    const r = ok(diseasesForHazard({ hazardId, eventDate: date }));
    expect(r.verdict).toBe('mapped');
    expect(r.diseases.map((d) => d.name)).toEqual(names);
  });

  it.each([
    // The edition boundary: 2013 ids through 2025-07-31, 2024 ids from 2025-08-01
    { date: '2025-07-31', id: '2013/5/28' },
    { date: '2025-08-01', id: '2024/5/27' },
  ])('does give benzene poisoning the id $id when the date is $date', ({ date, id }) => {
    const r = ok(diseasesForHazard({ hazardId: '2-28', eventDate: date }));
    expect(r.diseases[0]?.id).toBe(id);
  });

  it('does follow 铀及其化合物中毒 into the radiation category in 2024', () => {
    expect(ok(diseasesForHazard({ hazardId: '2-11', eventDate: '2025-07-31' })).diseases[0]?.id).toBe(
      '2013/5/11',
    );
    expect(ok(diseasesForHazard({ hazardId: '2-11', eventDate: '2025-08-01' })).diseases[0]?.id).toBe(
      '2024/7/12',
    );
  });

  it('does say unknown, not no, when a hazard has no mapping', () => {
    // 高温 → 中暑 is plausible but not justified by the wording: unknown
    const r = ok(diseasesForHazard({ hazardId: '3-2', eventDate: '2025-08-01' }));
    expect(r.verdict).toBe('unknown');
    expect(texts(r)[0]).toContain('unknown');
    expect(texts(r, 'zh-CN')[0]).toContain('未知（不等于“不能”）');
  });

  it.each([
    { hazardIds: ['3-1'], diseaseId: '2024/4/1', verdict: 'yes' },
    { hazardIds: ['2-28', '3-1'], diseaseId: '2024/9/3', verdict: 'yes' },
    { hazardIds: ['3-1'], diseaseId: '2024/9/3', verdict: 'unknown' },
  ])(
    'does answer $verdict when the hazards are $hazardIds and the disease $diseaseId',
    ({ hazardIds, diseaseId, verdict }) => {
      expect(canHazardsCause({ hazardIds, diseaseId, eventDate: '2025-08-01' }).verdict).toBe(verdict);
    },
  );

  it('does refuse a disease id of another edition than the catalogue in force on the date', () => {
    for (const [diseaseId, eventDate] of [
      ['2013/4/1', '2025-08-01'],
      ['2024/4/1', '2025-07-31'],
    ] as const) {
      const r = err(canHazardsCause({ hazardIds: ['3-1'], diseaseId, eventDate }));
      expect(r.error).toBe('invalid_input');
      expect(r.issues).toEqual([expect.objectContaining({ path: 'diseaseId', reason: 'contradictory' })]);
    }
  });

  it('does return date_not_covered when the date is before the 2013 catalogue', () => {
    expect(err(diseasesForHazard({ hazardId: '3-1', eventDate: '2013-12-22' })).error).toBe(
      'date_not_covered',
    );
  });
});
