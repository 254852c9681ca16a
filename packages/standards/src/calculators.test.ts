import { describe, expect, it } from 'vitest';
import { calculators, getCalculator } from './calculators';
import { LANGS, messagesIn, renderMsg } from './messages';

/** Every message in a result as text, nested ones included (checks[].reason, hazards[].reason, hazardGrade…). */
function allReasons(x: unknown): string[] {
  return messagesIn(x).flatMap((m) => LANGS.map((lang) => renderMsg(m, lang)));
}
/** A number written with 5 or more decimals, e.g. 31.599999999999998. */
const LONG_DECIMALS = /\d\.\d{5,}/;

/** Inputs at or near the limits, where display rounding could hide or flip a comparison. */
const BOUNDARY_INPUTS: [string, unknown][] = [
  // 88 + 10·lg(4/8) = 84.9897: compliant, must read 84.99 ≤ 85
  ['noise-judgement', { eventDate: '2024-06-01', exposure: { kind: 'laeq', laeqTe: 88, teHours: 4 } }],
  ['noise-judgement', { eventDate: '2024-06-01', exposure: { kind: 'lex8h', lex8h: 85.00001 } }],
  ['noise-judgement', { eventDate: '2024-06-01', exposure: { kind: 'lex8h', lex8h: 84.999999 } }],
  [
    'noise-judgement',
    { eventDate: '2024-06-01', exposure: { kind: 'weekly', dailyLex8h: [85, 85, 85, 85, 85] } },
  ],
  [
    'noise-lex8h',
    {
      exposure: {
        kind: 'segments',
        segments: [
          { laeq: 91.3, hours: 1 / 3 },
          { laeq: 70, hours: 7 },
        ],
      },
    },
  ],
  ['noise-equivalent-limit', { eventDate: '2024-06-01', hours: 3 }],
  ['noise-impulse', { eventDate: '2024-06-01', impulsesPerShift: 500, peakDb: 130.00004 }],
  ['noise-grade', { eventDate: '2024-06-01', level: 89.96 }],
  [
    'air-twa',
    {
      segments: [
        { concentration: 0.1, hours: 0.1 },
        { concentration: 0.2, hours: 0.2 },
      ],
      shiftHours: 0.3,
    },
  ],
  ['air-ste', { samples: [{ concentration: 7, minutes: 7 }] }],
  ['air-long-shift-rf', { form: 'daily', hoursPerDay: 9 }],
  ['air-long-shift-rf', { form: 'weekly', hoursPerWeek: 45.5 }],
  [
    'air-judgement',
    {
      eventDate: '2024-06-01',
      substance: { nameZh: '甲苯' },
      exposure: { segments: [{ concentration: 41.66668, hours: 9 }], shiftHours: 9 },
      cSte: 99.996,
    },
  ],
  ['air-judgement', { eventDate: '2024-06-01', substance: { nameZh: '甲苯' }, cTwa: 49.9999999, cSte: 100 }],
  [
    'air-mixture',
    {
      eventDate: '2024-06-01',
      additive: true,
      components: [
        { substance: { nameZh: '甲苯' }, concentration: 50 / 3, limitType: 'PC-TWA' },
        { substance: { cas: '1330-20-7' }, concentration: 100 / 3, limitType: 'PC-TWA' },
      ],
    },
  ],
  [
    'hearing-gbz49',
    {
      eventDate: '2024-06-01',
      left: { 500: 41, 1000: 41, 2000: 41, 3000: 50, 4000: 40.7, 6000: 55 },
      right: { 500: 41, 1000: 41, 2000: 41, 3000: 50, 4000: 40.8, 6000: 55 },
      correction: 'already_corrected',
      noiseExposureYears: 2.9999,
    },
  ],
  ['surveillance-cycle', { examDate: '2024-06-01', hazards: [{ hazardId: '3-1', noiseLevel: 84.96 }] }],
];

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
      const r = c.run(c.example);
      expect(r.verdict).not.toBe('error');
      expect(r.reasons.length).toBeGreaterThan(0);
      // results are plain JSON
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    },
  );

  it.each(calculators.map((c) => [c.id, c] as const))(
    'does give %s a string edition and a limitApplied that is an object or null',
    (_id, c) => {
      const r = c.run(c.example);
      expect(typeof r.edition).toBe('string');
      if ('limitApplied' in r) expect(typeof r.limitApplied).toBe('object');
    },
  );

  it.each([
    ...calculators.map((c) => [`${c.id} (example)`, c.id, c.example] as const),
    ...BOUNDARY_INPUTS.map(([id, input], i) => [`${id} (boundary ${i + 1})`, id, input] as const),
  ])('does write no number with more than 4 decimals in the reasons of %s', (_name, id, input) => {
    const r = getCalculator(id)?.run(input);
    expect(r?.verdict).not.toBe('error');
    const reasons = allReasons(r);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).not.toMatch(LONG_DECIMALS);
  });

  it('does keep comparisons at the limit visible in the reasons', () => {
    const text = (id: string, input: unknown) => allReasons(getCalculator(id)?.run(input)).join(' | ');
    const [lex84, lex85, lex849] = BOUNDARY_INPUTS.slice(0, 3).map(([id, input]) => text(id, input));
    expect(lex84).toContain('84.99 dB(A) ≤ 85 dB(A)');
    expect(lex84).not.toContain('85.0 dB(A) ≤ 85');
    expect(lex85).toContain('85.0001 dB(A) > 85 dB(A)');
    // 84.999999 is below 85 by more than the comparison tolerance, but 4 decimals cannot show it: it is
    // written one last-place unit below the limit rather than as 85.
    expect(lex849).toContain('84.9999 dB(A) ≤ 85 dB(A)');
  });

  it.each(calculators.map((c) => [c.id, c] as const))(
    'does return invalid_input naming the fields when %s gets a non-object or nothing',
    (_id, c) => {
      expect(c.run(null)).toMatchObject({
        verdict: 'error',
        error: 'invalid_input',
        issues: [{ path: '', reason: 'type' }],
      });
      const empty = c.run({}) as { verdict: string; issues?: { path: string; reason: string }[] };
      expect(empty.verdict).toBe('error');
      const required = (c.inputSchema.required as string[] | undefined) ?? [];
      for (const field of required)
        expect(empty.issues).toContainEqual(expect.objectContaining({ path: field, reason: 'required' }));
    },
  );

  it('does use a clearly exceeding noise-judgement example (the 84.99 dB(A) boundary is tested in noise.test.ts)', () => {
    const r = getCalculator('noise-judgement')?.run(getCalculator('noise-judgement')?.example);
    expect(r).toMatchObject({ verdict: 'exceeds', limitDb: 85 });
    const reasons = r?.reasons ?? [];
    expect(reasons.map((m) => renderMsg(m, 'en'))).toContain(
      'L_EX,8h 90.8 dB(A) > 85 dB(A) (GBZ 2.2—2007 §11; "not above 85 dB(A)" includes 85)',
    );
    expect(reasons.map((m) => renderMsg(m, 'zh-CN'))).toContain(
      'L_EX,8h 90.8 dB(A) > 85 dB(A)（GBZ 2.2—2007 第11章；“不超过 85 dB(A)”含 85）',
    );
  });

  it('does pass administrator amendment dates through the context', () => {
    const c = getCalculator('air-judgement');
    const input = { eventDate: '2024-01-01', substance: { nameZh: '苯' }, cTwa: 4, cSte: 5 };
    expect(c?.run(input)).toMatchObject({ verdict: 'error', error: 'amendment_date_unset' });
    expect(
      c?.run(input, { amendments: [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }] }),
    ).toMatchObject({ verdict: 'exceeds' });
  });

  it('does refuse administrator data when it arrives in the request body', () => {
    const c = getCalculator('air-judgement');
    const input = {
      eventDate: '2024-01-01',
      substance: { nameZh: '苯' },
      cTwa: 4,
      cSte: 5,
      amendments: [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }],
    };
    expect(c?.run(input)).toMatchObject({
      verdict: 'error',
      error: 'invalid_input',
      issues: [{ path: 'amendments', reason: 'additionalProperties' }],
    });
    // … even when the server's context carries the real settings: those win, the body is refused.
    expect(
      c?.run(input, { amendments: [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }] }),
    ).toMatchObject({ verdict: 'error', error: 'invalid_input' });
  });
});
