/**
 * Invalid or contradictory input is refused, never judged (issue 12, item 1): each refusal names the field
 * (`segments.0.laeq`) with a reason code and a message in zh-CN and en. A property test sets every number
 * field of every calculator outside its stated range and checks the calculator refuses it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculators, getCalculator } from './calculators';
import { LANGS, renderMsg } from './messages';
import type { ErrorResult } from './rules';
import { inputRanges } from './schemas';
import type { Issue, Schema } from './validate';
import { numericFields, validate } from './validate';

const D = '2024-06-01';
const run = (id: string, input: unknown) =>
  getCalculator(id)?.run(input) as { verdict: string } & Partial<ErrorResult>;

/** The refusal's issues, checked for the shape every refusal has. */
function refused(id: string, input: unknown): Issue[] {
  const r = run(id, input);
  expect(r.verdict, JSON.stringify(r)).toBe('error');
  expect(r.error).toBe('invalid_input');
  const issues = r.issues ?? [];
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues)
    for (const lang of LANGS) {
      const text = renderMsg(i.message, lang);
      expect(text).not.toMatch(/\{\w+\}/);
      expect(text.length).toBeGreaterThan(1);
    }
  return issues;
}
const paths = (issues: Issue[]) => issues.map((i) => `${i.path} ${i.reason}`);

const toluene = { nameZh: '甲苯' };
const audiogram = { 500: 30, 1000: 30, 2000: 35, 3000: 50, 4000: 60, 6000: 55 };

describe('refusals named in issue 12', () => {
  it.each<[string, string, unknown, string[]]>([
    [
      'an empty segment list',
      'air-judgement',
      { eventDate: D, substance: toluene, exposure: { segments: [], shiftHours: 8 }, cSte: 1 },
      ['exposure.segments minItems'],
    ],
    [
      'exposure together with cTwa',
      'air-judgement',
      {
        eventDate: D,
        substance: toluene,
        exposure: { segments: [{ concentration: 1, hours: 8 }], shiftHours: 8 },
        cTwa: 500,
      },
      ['cTwa contradictory'],
    ],
    [
      'steSamples together with a failing cSte',
      'air-judgement',
      {
        eventDate: D,
        substance: toluene,
        cTwa: 10,
        steSamples: [{ concentration: 1, minutes: 15 }],
        cSte: 500,
      },
      ['cSte contradictory'],
    ],
    [
      'L_Aeq of −500 dB',
      'noise-lex8h',
      { exposure: { kind: 'laeq', laeqTe: -500, teHours: 8 } },
      ['exposure.laeqTe minimum'],
    ],
    [
      'L_Aeq of 400 dB in a segment',
      'noise-judgement',
      { eventDate: D, exposure: { kind: 'segments', segments: [{ laeq: 400, hours: 8 }] } },
      ['exposure.segments.0.laeq maximum'],
    ],
    [
      'a hearing threshold of 500 dB',
      'hearing-gbz49',
      {
        eventDate: D,
        left: { ...audiogram, 4000: 500 },
        right: audiogram,
        correction: 'already_corrected',
        noiseExposureYears: 10,
      },
      ['left.4000 maximum'],
    ],
    ['a noise grade for −10 dB', 'noise-grade', { eventDate: D, level: -10 }, ['level minimum']],
    [
      'no industry code',
      'workplace-testing-interval',
      { eventDate: D, industryCodes: [] },
      ['industryCodes minItems'],
    ],
    [
      'the industry code ZZZZ',
      'workplace-testing-interval',
      { eventDate: D, industryCodes: ['ZZZZ'] },
      ['industryCodes.0 pattern'],
    ],
    [
      'an industry code that GB/T 4754 does not have',
      'workplace-testing-interval',
      { eventDate: D, industryCodes: ['0610', '9999'] },
      ['industryCodes.1 industry_unknown'],
    ],
    [
      'the date 2024-02-30',
      'workplace-testing-interval',
      { eventDate: '2024-02-30', industryCodes: ['0610'] },
      ['eventDate format'],
    ],
  ])('does refuse %s', (_name, id, input, expected) => {
    expect(paths(refused(id, input))).toEqual(expected);
  });

  it('does write the range and its source in both languages', () => {
    const [issue] = refused('noise-lex8h', { exposure: { kind: 'laeq', laeqTe: 400, teHours: 8 } });
    expect(renderMsg(issue!.message, 'zh-CN')).toBe(
      '超出合理范围：应在 [0, 140] dB(A) 内（合理性范围：A 计权等效声级不低于 0 dB(A)（基准声压 20 μPa），不高于 GBZ 2.2—2007 最高的脉冲噪声峰值限值 140 dB），实际为 400',
    );
    expect(renderMsg(issue!.message, 'en')).toContain('out of range: must be within [0, 140] dB(A)');
    const [hearing] = refused('hearing-gbz49', {
      eventDate: D,
      left: { ...audiogram, 500: -20 },
      right: audiogram,
      correction: 'gbt7582',
      sex: 'M',
      age: 45,
      noiseExposureYears: 10,
    });
    expect(hearing).toMatchObject({ path: 'left.500', reason: 'minimum' });
    expect(renderMsg(hearing!.message, 'zh-CN')).toContain(
      '纯音听力计气导听力级范围 −10～120 dB HL（GB/T 7341.1）',
    );
  });
});

describe('refusals of contradictory or inapplicable input', () => {
  const twa8 = { segments: [{ concentration: 10, hours: 8 }], shiftHours: 8 };
  it.each<[string, string, unknown, string[]]>([
    [
      'segments longer than the shift',
      'air-twa',
      { segments: [{ concentration: 1, hours: 9 }], shiftHours: 8 },
      ['segments contradictory'],
    ],
    [
      'segments of 0 h in all',
      'air-twa',
      { segments: [{ concentration: 1, hours: 0 }], shiftHours: 8 },
      ['segments sum_out_of_range'],
    ],
    [
      'samples of more than 15 min',
      'air-ste',
      {
        samples: [
          { concentration: 1, minutes: 10 },
          { concentration: 1, minutes: 10 },
        ],
      },
      ['samples sum_out_of_range'],
    ],
    [
      'a dust fraction for a chemical',
      'air-judgement',
      { eventDate: D, substance: toluene, dustFraction: 'total', cTwa: 1, cSte: 1 },
      ['dustFraction not_applicable'],
    ],
    [
      'a dust without its fraction',
      'air-judgement',
      { eventDate: D, substance: { rowId: 'T2-40-3' }, cTwa: 0.1 },
      ['dustFraction required'],
    ],
    [
      'a C_STE for a MAC substance',
      'air-judgement',
      { eventDate: D, substance: { nameZh: '甲醛' }, maxConcentration: 0.3, cSte: 0.2 },
      ['cSte not_applicable'],
    ],
    [
      'a peak reading for a PC-STEL substance',
      'air-judgement',
      { eventDate: D, substance: toluene, cTwa: 10, cSte: 20, maxConcentration: 30 },
      ['maxConcentration not_applicable'],
    ],
    [
      'a C_STE for a PC-TWA-only substance',
      'air-judgement',
      { eventDate: D, substance: { rowId: 'T1-1' }, cTwa: 0.1, cSte: 0.2 },
      ['cSte not_applicable'],
    ],
    [
      'a maximum below C_TWA',
      'air-judgement',
      { eventDate: D, substance: { rowId: 'T1-1' }, cTwa: 0.2, maxConcentration: 0.1 },
      ['maxConcentration contradictory'],
    ],
    [
      'an excursion above the maximum',
      'air-judgement',
      {
        eventDate: D,
        substance: { rowId: 'T1-1' },
        cTwa: 0.2,
        maxConcentration: 1,
        excursions: [{ startMinute: 0, minutes: 10, concentration: 1.2 }],
      },
      ['excursions.0.concentration contradictory'],
    ],
    [
      'overlapping excursions',
      'air-judgement',
      {
        eventDate: D,
        substance: { rowId: 'T1-1' },
        cTwa: 0.2,
        maxConcentration: 1,
        excursions: [
          { startMinute: 0, minutes: 15, concentration: 1 },
          { startMinute: 10, minutes: 5, concentration: 1 },
        ],
      },
      ['excursions.1.startMinute contradictory'],
    ],
    [
      'an excursion after the shift',
      'air-judgement',
      {
        eventDate: D,
        substance: { rowId: 'T1-1' },
        exposure: { segments: [{ concentration: 0.2, hours: 8 }], shiftHours: 8 },
        maxConcentration: 1,
        excursions: [{ startMinute: 470, minutes: 15, concentration: 1 }],
      },
      ['excursions.0.minutes contradictory'],
    ],
    [
      'a week shorter than the shift',
      'air-judgement',
      {
        eventDate: D,
        substance: toluene,
        exposure: { segments: [{ concentration: 10, hours: 12 }], shiftHours: 12 },
        longShift: { form: 'weekly', hoursPerWeek: 10 },
        cSte: 20,
      },
      ['longShift.hoursPerWeek contradictory'],
    ],
    [
      'a daily reduction for a 24 h shift',
      'air-judgement',
      {
        eventDate: D,
        substance: toluene,
        exposure: { segments: [{ concentration: 1, hours: 24 }], shiftHours: 24 },
        cSte: 2,
      },
      ['exposure.shiftHours exclusiveMaximum'],
    ],
    [
      'a long-shift reduction with a precomputed C_TWA',
      'air-judgement',
      { eventDate: D, substance: toluene, cTwa: 10, cSte: 1, longShift: { form: 'daily' } },
      ['longShift contradictory'],
    ],
    [
      'a CAS number with a wrong check digit',
      'air-judgement',
      { eventDate: D, substance: { cas: '108-88-4' }, cTwa: 1 },
      ['substance.cas cas_invalid'],
    ],
    [
      'the same substance twice in a mixture',
      'air-mixture',
      {
        eventDate: D,
        additive: true,
        components: [
          { substance: toluene, concentration: 10, limitType: 'PC-TWA' },
          { substance: { cas: '108-88-3' }, concentration: 10, limitType: 'PC-TWA' },
        ],
      },
      ['components.1.substance.cas contradictory'],
    ],
    [
      'mixed limit types in a mixture',
      'air-mixture',
      {
        eventDate: D,
        additive: true,
        components: [
          { substance: toluene, concentration: 10, limitType: 'PC-TWA' },
          { substance: { nameZh: '二甲苯' }, concentration: 10, limitType: 'PC-STEL' },
        ],
      },
      ['components.1.limitType contradictory'],
    ],
    [
      'a limit type the substance does not have',
      'air-mixture',
      {
        eventDate: D,
        additive: true,
        components: [
          { substance: toluene, concentration: 10, limitType: 'MAC' },
          { substance: { nameZh: '二甲苯' }, concentration: 10, limitType: 'MAC' },
        ],
      },
      ['components.0.limitType not_applicable'],
    ],
    [
      'no impulses per shift',
      'noise-impulse',
      { eventDate: D, impulsesPerShift: 0, peakDb: 120 },
      ['impulsesPerShift minimum'],
    ],
    [
      'a fractional impulse count',
      'noise-impulse',
      { eventDate: D, impulsesPerShift: 10.5 },
      ['impulsesPerShift type'],
    ],
    [
      'noise segments longer than a day',
      'noise-lex8h',
      {
        exposure: {
          kind: 'segments',
          segments: [
            { laeq: 80, hours: 20 },
            { laeq: 80, hours: 8 },
          ],
        },
      },
      ['exposure.segments sum_out_of_range'],
    ],
    [
      'a week of 8 days',
      'noise-lexw',
      { dailyLex8h: [80, 80, 80, 80, 80, 80, 80, 80] },
      ['dailyLex8h maxItems'],
    ],
    [
      'more years of noise work than a working life allows',
      'hearing-gbz49',
      {
        eventDate: D,
        left: audiogram,
        right: audiogram,
        correction: 'gbt7582',
        sex: 'M',
        age: 30,
        noiseExposureYears: 20,
      },
      ['noiseExposureYears contradictory'],
    ],
    [
      'the GB/T 7582 correction without age and sex',
      'hearing-gbz49',
      { eventDate: D, left: audiogram, right: audiogram, correction: 'gbt7582', noiseExposureYears: 5 },
      ['sex required', 'age required'],
    ],
    [
      'an unknown hazard id',
      'surveillance-cycle',
      { examDate: D, hazards: [{ hazardId: '9-9' }] },
      ['hazards.0.hazardId pattern'],
    ],
    [
      'a hazard id the catalogue does not have',
      'surveillance-cycle',
      { examDate: D, hazards: [{ hazardId: '2-999' }] },
      ['hazards.0.hazardId hazard_unknown'],
    ],
    [
      'the same hazard twice',
      'surveillance-cycle',
      { examDate: D, hazards: [{ hazardId: '2-28' }, { hazardId: '2-28' }] },
      ['hazards.1.hazardId duplicate_entry'],
    ],
    [
      'a noise level for benzene',
      'surveillance-cycle',
      { examDate: D, hazards: [{ hazardId: '2-28', noiseLevel: 90 }] },
      ['hazards.0.noiseLevel not_applicable'],
    ],
    [
      'a last test after the date assessed',
      'workplace-testing-interval',
      { eventDate: D, industryCodes: ['0610'], lastTestDate: '2024-07-01' },
      ['lastTestDate contradictory'],
    ],
    [
      'a short axis longer than the long axis',
      'pneumoconiosis-stage',
      {
        eventDate: D,
        zones: {
          rightUpper: '1/1',
          rightMiddle: '1/0',
          rightLower: '0/1',
          leftUpper: '1/1',
          leftMiddle: '0/0',
          leftLower: '0/0',
        },
        smallOpacityAggregation: false,
        largeOpacities: [{ longAxisMm: 20, shortAxisMm: 30 }],
      },
      ['largeOpacities.0.shortAxisMm contradictory'],
    ],
    [
      'a large opacity of 8 mm',
      'pneumoconiosis-stage',
      {
        eventDate: D,
        zones: {
          rightUpper: '1/1',
          rightMiddle: '1/0',
          rightLower: '0/1',
          leftUpper: '1/1',
          leftMiddle: '0/0',
          leftLower: '0/0',
        },
        smallOpacityAggregation: false,
        largeOpacities: [{ longAxisMm: 8, shortAxisMm: 5 }],
      },
      ['largeOpacities.0.longAxisMm exclusiveMinimum'],
    ],
    [
      'plaque findings without plaques',
      'pneumoconiosis-stage',
      {
        eventDate: D,
        zones: {
          rightUpper: '1/1',
          rightMiddle: '1/0',
          rightLower: '0/1',
          leftUpper: '1/1',
          leftMiddle: '0/0',
          leftLower: '0/0',
        },
        smallOpacityAggregation: false,
        asbestos: {
          pleuralPlaques: false,
          plaquesInvolveHeartBorderOrDiaphragm: true,
          plaqueLengthOverHalfChestWall: false,
          shaggyHeartBorder: false,
        },
      },
      ['asbestos.plaquesInvolveHeartBorderOrDiaphragm contradictory'],
    ],
    [
      'an unknown disease id',
      'hazard-can-cause',
      { hazardIds: ['3-1'], diseaseId: '2024/99/1', eventDate: '2025-08-01' },
      ['diseaseId disease_unknown'],
    ],
    [
      'an unknown hazard',
      'hazard-diseases',
      { hazardId: '2-999', eventDate: '2025-08-01' },
      ['hazardId hazard_unknown'],
    ],
    ['a field that does not exist', 'air-twa', { ...twa8, shift: 8 }, ['shift additionalProperties']],
    [
      'a NUL character',
      'hazard-diseases',
      { hazardId: '3-1\u0000', eventDate: '2025-08-01' },
      ['hazardId nul_character'],
    ],
  ])('does refuse %s', (_name, id, input, expected) => {
    expect(paths(refused(id, input))).toEqual(expected);
  });
});

describe('alternatives report only the field that is wrong', () => {
  it.each<[string, string, unknown, string[]]>([
    [
      'a number where the row id goes',
      'air-judgement',
      { eventDate: D, substance: { rowId: 5 }, cTwa: 1 },
      ['substance.rowId type'],
    ],
    [
      'a row id and a CAS number at once',
      'air-judgement',
      { eventDate: D, substance: { rowId: 'T1-136', cas: '108-88-3' }, cTwa: 1 },
      ['substance.cas contradictory'],
    ],
    [
      'no substance field at all',
      'air-judgement',
      { eventDate: D, substance: {}, cTwa: 1 },
      ['substance required'],
    ],
    [
      'a wrong value in the laeq form',
      'noise-judgement',
      { eventDate: D, exposure: { kind: 'laeq', laeqTe: 92, teHours: 30 } },
      ['exposure.teHours maximum'],
    ],
    [
      'an unknown exposure kind',
      'noise-judgement',
      { eventDate: D, exposure: { kind: 'hourly', laeqTe: 92 } },
      ['exposure.kind enum'],
    ],
    [
      'a form without its kind',
      'noise-judgement',
      { eventDate: D, exposure: { lex8h: 1e308 } },
      ['exposure.kind required', 'exposure.lex8h maximum'],
    ],
    [
      'a weekly reduction with too many hours',
      'air-long-shift-rf',
      { form: 'weekly', hoursPerWeek: 200 },
      ['hoursPerWeek exclusiveMaximum'],
    ],
    [
      'a weekly form given to L_EX,8h',
      'noise-lex8h',
      { exposure: { kind: 'weekly', dailyLex8h: [85] } },
      ['exposure.kind enum'],
    ],
  ])('does report only %s', (_name, id, input, expected) => {
    expect(paths(refused(id, input))).toEqual(expected);
  });
});

describe('ranges', () => {
  /** Every number field of a schema (alternatives and array items included), with its path. */
  const numbersOf = (s: Schema, path = ''): { path: string; schema: Schema }[] => {
    const out: { path: string; schema: Schema }[] = [];
    if (Array.isArray(s.oneOf)) for (const b of s.oneOf as Schema[]) out.push(...numbersOf(b, path));
    if (s.type === 'number' || s.type === 'integer') out.push({ path, schema: s });
    if (s.properties && typeof s.properties === 'object')
      for (const [k, v] of Object.entries(s.properties as Record<string, Schema>))
        out.push(...numbersOf(v, path ? `${path}.${k}` : k));
    if (s.items && typeof s.items === 'object') out.push(...numbersOf(s.items as Schema, `${path}.*`));
    return out;
  };

  it.each(calculators.map((c) => [c.id, c] as const))(
    'does state a bounded range with its basis and unit for every number of %s',
    (_id, c) => {
      for (const f of numbersOf(c.inputSchema)) {
        const s = f.schema;
        expect(typeof (s.minimum ?? s.exclusiveMinimum), f.path).toBe('number');
        expect(typeof (s.maximum ?? s.exclusiveMaximum), f.path).toBe('number');
        expect(s['x-basis'], f.path).toBeTypeOf('string');
        expect(Object.keys(inputRanges)).toContain(s['x-range']);
      }
    },
  );

  it.each(calculators.map((c) => [c.id, c] as const))(
    'does accept its examples and cover every number field of %s with them',
    (_id, c) => {
      const inputs = [c.example, ...(c.moreExamples ?? [])];
      const covered = new Set<string>();
      for (const input of inputs) {
        expect(validate(c.inputSchema, input)).toEqual([]);
        const r = c.run(input);
        expect(r.verdict, JSON.stringify(r)).not.toBe('error');
        for (const f of numericFields(c.inputSchema, input))
          covered.add(f.path.map((p) => (typeof p === 'number' ? '*' : p)).join('.'));
      }
      const all = new Set(numbersOf(c.inputSchema).map((f) => f.path));
      expect([...all].filter((p) => !covered.has(p))).toEqual([]);
    },
  );

  /** Values outside a number schema's range (below and above), and values that are not numbers at all. */
  const outside = (s: Schema): fc.Arbitrary<number> => {
    const lo = (s.minimum ?? s.exclusiveMinimum) as number;
    const hi = (s.maximum ?? s.exclusiveMaximum) as number;
    const below = fc
      .double({ min: -1e308, max: lo, noNaN: true })
      .filter((v) => (s.minimum !== undefined ? v < lo : v <= lo));
    const above = fc
      .double({ min: hi, max: 1e308, noNaN: true })
      .filter((v) => (s.maximum !== undefined ? v > hi : v >= hi));
    const odd = fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      lo - 1e-6,
      hi + 1e-6,
    );
    const fractional =
      s.type === 'integer'
        ? [fc.double({ min: lo, max: hi, noNaN: true }).filter((v) => !Number.isInteger(v))]
        : [];
    return fc.oneof(below, above, odd, ...fractional);
  };

  const setAt = (input: unknown, path: (string | number)[], value: unknown): unknown => {
    const copy = structuredClone(input) as Record<string | number, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1]!] = value;
    return copy;
  };

  const cases = calculators.flatMap((c) =>
    [c.example, ...(c.moreExamples ?? [])].flatMap((input, n) =>
      numericFields(c.inputSchema, input).map((f) => ({ id: c.id, n, input, ...f })),
    ),
  );

  it.each(cases.map((k) => [`${k.id} #${k.n} ${k.path.join('.')}`, k] as const))(
    'does never answer with a verdict when %s is out of its stated range',
    (_name, k) => {
      const c = getCalculator(k.id)!;
      fc.assert(
        fc.property(outside(k.schema), (v) => {
          const r = c.run(setAt(k.input, k.path, v)) as { verdict: string } & Partial<ErrorResult>;
          expect(r.verdict).toBe('error');
          expect(r.error).toBe('invalid_input');
          expect(r.issues?.map((i) => i.path)).toContain(k.path.join('.'));
        }),
        { numRuns: 40 },
      );
    },
  );
});
