import { describe, expect, it } from 'vitest';
import { calculators, getCalculator } from './calculators';

describe('calculators registry', () => {
  it('does give every calculator a unique id, names, a standard and an object schema', () => {
    expect(new Set(calculators.map((c) => c.id)).size).toBe(calculators.length);
    for (const c of calculators) {
      expect(c.id).toMatch(/^[a-z0-9-]+$/);
      expect(c.nameZh.length).toBeGreaterThan(0);
      expect(c.nameEn.length).toBeGreaterThan(0);
      expect(c.standard.length).toBeGreaterThan(0);
      expect(typeof c.inputSchema).toBe('object');
      expect(JSON.parse(JSON.stringify(c.inputSchema))).toEqual(c.inputSchema);
    }
  });

  it.each(calculators.map((c) => [c.id, c] as const))(
    'does run the example of %s without an error',
    (_id, c) => {
      const r = c.run(c.example) as { verdict: string; reasons: string[] };
      expect(r.verdict).not.toBe('error');
      expect(r.reasons.length).toBeGreaterThan(0);
      // results are plain JSON
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    },
  );

  it.each(calculators.map((c) => [c.id, c] as const))(
    'does return invalid_input when %s gets a non-object',
    (_id, c) => {
      expect(c.run(null)).toMatchObject({ verdict: 'error', error: 'invalid_input' });
      expect(c.run({})).toMatchObject({ verdict: 'error' });
    },
  );

  it('does pass administrator amendment dates through the context', () => {
    const c = getCalculator('air-judgement');
    const input = { eventDate: '2024-01-01', substance: { nameZh: '苯' }, cTwa: 4, cSte: 5 };
    expect(c?.run(input)).toMatchObject({ verdict: 'error', error: 'amendment_date_unset' });
    expect(
      c?.run(input, { amendments: [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }] }),
    ).toMatchObject({ verdict: 'exceeds' });
  });

  it('does ignore administrator data when it arrives in the request body', () => {
    const c = getCalculator('air-judgement');
    const input = {
      eventDate: '2024-01-01',
      substance: { nameZh: '苯' },
      cTwa: 4,
      cSte: 5,
      amendments: [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }],
    };
    expect(c?.run(input)).toMatchObject({ verdict: 'error', error: 'amendment_date_unset' });
  });
});
