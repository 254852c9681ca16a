/**
 * Reasons in the reader's language (issue 12, item 2): every reason is a code of the message table with
 * parameters; every calculator's documented examples (and the other outcomes: limit not loaded, amendment
 * date unset, date not covered …) render in zh-CN and en with no code missing, no parameter left open, no
 * file path, and no English in the zh-CN text except units, formula symbols and standard designations.
 */
import { describe, expect, it } from 'vitest';
import { calculators, getCalculator } from './calculators';
import type { Msg } from './messages';
import { codesIn, LANGS, localize, messagesIn, renderMsg, standardsMessages } from './messages';
import { presentResult } from './present';
import { judgeAirExposure } from './air';

const D = '2024-06-01';

/** Inputs whose outcome is not a plain verdict: their reasons must read as well as the examples'. */
const OUTCOMES: [string, unknown][] = [
  ['air-judgement', { eventDate: D, substance: { nameZh: '煤尘' }, dustFraction: 'total', cTwa: 1 }],
  ['air-judgement', { eventDate: D, substance: { nameZh: '不存在的粉尘' }, cTwa: 1 }],
  ['air-judgement', { eventDate: D, substance: { nameZh: '二噁英类化合物' }, cTwa: 1 }],
  ['air-judgement', { eventDate: D, substance: { nameZh: '苯' }, cTwa: 4, cSte: 5 }],
  ['air-judgement', { eventDate: D, substance: { nameZh: '乙草胺' }, cTwa: 0.1 }],
  ['air-judgement', { eventDate: '2020-03-31', substance: { nameZh: '甲醛' }, maxConcentration: 0.1 }],
  ['air-judgement', { eventDate: D, substance: { nameZh: '甲苯' }, cTwa: 10 }],
  ['air-judgement', { eventDate: D, substance: { nameZh: '甲醛' } }],
  ['air-judgement', { eventDate: D, substance: { rowId: 'T1-1' }, cTwa: 0.2 }],
  ['air-judgement', { eventDate: D, substance: { rowId: 'T1-1' }, cTwa: 0.2, maxConcentration: 1.2 }],
  [
    'air-judgement',
    {
      eventDate: D,
      substance: { rowId: 'T1-1' },
      cTwa: 0.2,
      maxConcentration: 1.2,
      excursions: [0, 30, 100, 200, 300].map((s) => ({ startMinute: s, minutes: 20, concentration: 1.1 })),
    },
  ],
  [
    'air-judgement',
    {
      eventDate: D,
      substance: { nameZh: '甲苯' },
      exposure: { segments: [{ concentration: 30, hours: 12 }], shiftHours: 12 },
      longShift: { form: 'none' },
      steSamples: [{ concentration: 60, minutes: 10 }],
    },
  ],
  [
    'air-judgement',
    {
      eventDate: D,
      substance: { nameZh: '甲苯' },
      exposure: { segments: [{ concentration: 30, hours: 6 }], shiftHours: 6 },
      cSte: 1,
    },
  ],
  [
    'air-mixture',
    {
      eventDate: D,
      additive: false,
      components: [
        { substance: { nameZh: '甲苯' }, concentration: 20, limitType: 'PC-TWA' },
        { substance: { nameZh: '二甲苯' }, concentration: 20, limitType: 'PC-TWA' },
      ],
    },
  ],
  ['air-long-shift-rf', { form: 'daily', hoursPerDay: 6 }],
  ['air-long-shift-rf', { form: 'weekly', hoursPerWeek: 40 }],
  ['noise-grade', { eventDate: '2012-06-01', level: 90 }],
  ['noise-judgement', { eventDate: '2007-10-31', exposure: { kind: 'lex8h', lex8h: 80 } }],
  ['noise-impulse', { eventDate: D, impulsesPerShift: 500, peakDb: 131 }],
  [
    'hearing-gbz49',
    {
      eventDate: D,
      left: { 500: 10, 1000: 10, 2000: 10, 3000: 50, 4000: 60, 6000: 55 },
      right: { 500: 10, 1000: 10, 2000: 10, 3000: 45, 4000: 55, 6000: 50 },
      correction: 'gbt7582',
      sex: 'F',
      age: 18,
      noiseExposureYears: 2,
    },
  ],
  [
    'hearing-gbz49',
    {
      eventDate: D,
      left: { 500: 20, 1000: 20, 2000: 20, 3000: 30, 4000: 30, 6000: 30 },
      right: { 500: 20, 1000: 20, 2000: 20, 3000: 30, 4000: 30, 6000: 30 },
      correction: 'already_corrected',
      noiseExposureYears: 5,
    },
  ],
  [
    'hearing-gbz49',
    {
      eventDate: D,
      left: { 500: 20, 1000: 20, 2000: 20, 3000: 50, 4000: 50, 6000: 50 },
      right: { 500: 20, 1000: 20, 2000: 20, 3000: 50, 4000: 50, 6000: 50 },
      correction: 'already_corrected',
      noiseExposureYears: 5,
    },
  ],
  [
    'hearing-gbz49',
    {
      eventDate: '2015-02-28',
      left: { 500: 20, 1000: 20, 2000: 20, 3000: 50, 4000: 50, 6000: 50 },
      right: { 500: 20, 1000: 20, 2000: 20, 3000: 50, 4000: 50, 6000: 50 },
      correction: 'already_corrected',
      noiseExposureYears: 5,
    },
  ],
  ['surveillance-cycle', { examDate: D, hazards: [{ hazardId: '3-1' }] }],
  ['surveillance-cycle', { examDate: D, hazards: [{ hazardId: '3-1', noiseLevel: 75 }] }],
  ['surveillance-cycle', { examDate: D, hazards: [{ hazardId: '1-1' }] }],
  ['surveillance-cycle', { examDate: D, hazards: [{ hazardId: '1-1', workGrade: '0' }] }],
  ['surveillance-cycle', { examDate: '2014-09-30', hazards: [{ hazardId: '1-1' }] }],
  ['workplace-testing-interval', { eventDate: '2021-03-11', industryCodes: ['0610'] }],
  ['workplace-testing-interval', { eventDate: D, industryCodes: ['0111'], lastTestDate: '2023-01-31' }],
  ['workplace-testing-interval', { eventDate: D, industryCodes: ['0610'], lastEvaluationDate: '2022-02-28' }],
  [
    'pneumoconiosis-stage',
    {
      eventDate: D,
      zones: {
        rightUpper: '0/0',
        rightMiddle: '0/0',
        rightLower: '0/1',
        leftUpper: '0/0',
        leftMiddle: '0/0',
        leftLower: '0/0',
      },
      smallOpacityAggregation: false,
    },
  ],
  [
    'pneumoconiosis-stage',
    {
      eventDate: '2016-04-30',
      zones: {
        rightUpper: '1/1',
        rightMiddle: '1/0',
        rightLower: '0/1',
        leftUpper: '1/1',
        leftMiddle: '0/0',
        leftLower: '0/0',
      },
      smallOpacityAggregation: false,
    },
  ],
  ['hazard-diseases', { hazardId: '1-11', eventDate: '2013-12-23' }],
  ['hazard-diseases', { hazardId: '3-1', eventDate: '2013-12-22' }],
];

/**
 * What may stay Latin in zh-CN text: units, formula symbols, standard designations, row ids, CAS and
 * chemical formulas inside the printed names of substances.
 */
const ALLOWED_LATIN = [
  /\b(?:GBZ\/T|GBZ|GB\/T) ?[\d.]+(?:—\d{4})?/g,
  /mg·h\/m³|mg\/m³|kg\/m³|dB\(A\)|dB HL|\bdB\b|μPa|\bmin\b|\bmm\b|\bcm\b|\bh\b|\bs\b|\bHz\b/g,
  /L_EX,8h,i|L_EX,8h|L_EX,W|L_Aeq,Te|L_Aeq,Tᵢ|C_TWA|C_STE|C_M|C_PE|PC-TWA|PC-STEL|MAC|\bRF\b|\blg\b|\bTe\b|CᵢTᵢ|Cᵢtᵢ|Tᵢ|Lᵢ|Cᵢ|C\/L|\bC\b|\bn\b/g,
  /\bT[12]-\d+(?:-\d+)?\b/g,
  /\bCAS\b/g,
  /附录 ?[A-Z]\b|[AC] ?计权/g,
  /SiO2|pgTEQ\/m³/g,
];
const latinLeft = (zh: string): string[] => {
  let rest = zh;
  for (const re of ALLOWED_LATIN) rest = rest.replace(re, ' ');
  return rest.match(/[A-Za-z]+/g) ?? [];
};

const runAll = (): { name: string; result: unknown }[] => [
  ...calculators.flatMap((c) =>
    [c.example, ...(c.moreExamples ?? [])].map((input, n) => ({
      name: `${c.id} example ${n}`,
      result: c.run(input),
    })),
  ),
  ...OUTCOMES.map(([id, input], n) => ({
    name: `${id} outcome ${n}`,
    result: getCalculator(id)?.run(input),
  })),
];

describe('the message table', () => {
  const table = standardsMessages as Record<string, { 'zh-CN': string; en: string }>;
  const params = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(Object.keys(table))('does give %s a zh-CN and an en text with the same parameters', (code) => {
    const e = table[code]!;
    expect(e['zh-CN'].trim().length).toBeGreaterThan(0);
    expect(e.en.trim().length).toBeGreaterThan(0);
    // text.bilingual is the one message that picks a different parameter per language.
    if (code !== 'text.bilingual') expect(params(e['zh-CN'])).toEqual(params(e.en));
  });

  it('does write no English in the zh-CN templates beyond symbols, units, designations and field names', () => {
    // Field names (exposure, dustFraction …) are allowed in refusals, which name the JSON field.
    const FIELD =
      /\\u0000|\b(?:exposure|cTwa|steSamples|cSte|dustFraction|total|respirable|pleuralPlaques|longShift|none|true|false|YYYY-MM-DD|M|F|TEQ)\b|\b[A-T]\d{2,4}\b/g;
    const left = Object.entries(table)
      .map(([code, e]) => [code, latinLeft(e['zh-CN'].replace(/\{\w+\}/g, ' ').replace(FIELD, ' '))] as const)
      .filter(([, words]) => words.length > 0);
    expect(left).toEqual([]);
  });
});

describe('reasons of every calculator', () => {
  const all = runAll();

  it('does produce only messages of the table, every parameter filled', () => {
    for (const { name, result } of all) {
      const messages = messagesIn(result);
      expect(messages.length, name).toBeGreaterThan(0);
      for (const m of messages) {
        for (const code of codesIn(m))
          expect(Object.keys(standardsMessages), `${name}: ${code}`).toContain(code);
        for (const lang of LANGS) expect(renderMsg(m, lang), `${name} ${lang}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it.each(all.map(({ name, result }) => [name, result] as const))(
    'does render %s in both languages, with no English left in zh-CN and no file path',
    (_name, result) => {
      const reasons = (result as { reasons: Msg[] }).reasons;
      expect(reasons.length).toBeGreaterThan(0);
      for (const m of messagesIn(result)) {
        const zh = renderMsg(m, 'zh-CN');
        const en = renderMsg(m, 'en');
        expect(zh).toMatch(/[\u4e00-\u9fff]|[=≤≥<>]/u);
        expect(latinLeft(zh), zh).toEqual([]);
        for (const text of [zh, en]) {
          expect(text).not.toMatch(/datasets\/|\.csv|\bline \d|@ohp|packages\//);
          expect(text).not.toMatch(/\d\.\d{5,}/);
        }
      }
    },
  );

  it('does write the reason a QC officer would write', () => {
    const r = judgeAirExposure({ eventDate: D, substance: { nameZh: '甲苯' }, cTwa: 30, cSte: 60 });
    const zh = r.reasons.map((m) => renderMsg(m, 'zh-CN'));
    expect(zh).toContain('甲苯 C_TWA 30 mg/m³ ≤ PC-TWA 50 mg/m³（GBZ 2.1—2019 表1 第136行）');
    expect(r.reasons.map((m) => renderMsg(m, 'en'))).toContain(
      'Toluene C_TWA 30 mg/m³ ≤ PC-TWA 50 mg/m³ (GBZ 2.1—2019 Table 1, row 136)',
    );
  });
});

describe('provenance', () => {
  const amendments = [{ id: 'GBZ 2.1—2019 第1号修改单', effectiveFrom: '2023-01-01' }];

  it('does cite an amended limit by its amendment and keep the file, lines and confidence as fields', () => {
    const r = judgeAirExposure({
      eventDate: '2023-06-01',
      substance: { nameZh: '苯' },
      cTwa: 4,
      cSte: 5,
      amendments,
    });
    if (r.verdict !== 'exceeds') return expect.fail(r.verdict);
    expect(r.limitApplied.origin).toMatch(
      /^GBZ 2\.1—2019 第1号修改单 \(datasets\/source\/oel-amendments-gbz2\.1\.csv lines 2, 3/,
    );
    expect(r.limitApplied.provenance).toEqual({
      kind: 'amendment',
      file: 'datasets/source/oel-amendments-gbz2.1.csv',
      lines: [2, 3, 4],
      confidence: 'V3',
      verified: false,
      amends: { file: 'datasets/source/oel-chemicals-gbz2.1-2019.csv', line: 13 },
    });
    const zh = r.reasons.map((m) => renderMsg(m, 'zh-CN'));
    expect(zh).toContain(
      '苯 C_TWA 4 mg/m³ > PC-TWA 3 mg/m³（GBZ 2.1—2019 第1号修改单，修改 GBZ 2.1—2019 表1 第12行）',
    );
    expect(r.reasons.map((m) => renderMsg(m, 'en'))).toContain(
      'Benzene C_TWA 4 mg/m³ > PC-TWA 3 mg/m³ (GBZ 2.1—2019 Amendment No. 1, amending GBZ 2.1—2019 Table 1, row 12)',
    );
  });

  it('does cite a row added by an amendment by that amendment', () => {
    const r = judgeAirExposure({
      eventDate: '2025-06-01',
      substance: { cas: '34256-82-1' },
      cTwa: 0.1,
      maxConcentration: 0.2,
      amendments: [{ id: 'GBZ 2.1—2019 第2号修改单', effectiveFrom: '2025-05-01' }],
    });
    if (r.verdict !== 'compliant') return expect.fail(r.verdict);
    expect(r.limitApplied.provenance).toMatchObject({ kind: 'amendment', confidence: 'V3' });
    expect(r.limitApplied.provenance.amends).toBeUndefined();
    expect(renderMsg(r.limitApplied.citation, 'zh-CN')).toBe('GBZ 2.1—2019 第2号修改单，增列表1 第359行');
  });

  it('does keep the table row, its line and confidence for a limit from the table', () => {
    const r = judgeAirExposure({ eventDate: D, substance: { nameZh: '甲苯' }, cTwa: 30, cSte: 60 });
    if (r.verdict !== 'compliant') return expect.fail(r.verdict);
    expect(r.limitApplied.provenance).toEqual({
      kind: 'table',
      file: 'datasets/source/oel-chemicals-gbz2.1-2019.csv',
      lines: [r.limitApplied.provenance.lines[0]],
      confidence: 'V3',
      verified: false,
    });
  });
});

describe('presenting a result', () => {
  it('does add each reason’s text in the reader’s language and keep code and parameters', () => {
    const c = getCalculator('noise-grade')!;
    const p = presentResult(c.run(c.example), 'en');
    if (p.kind !== 'outcome') return expect.fail(p.kind);
    expect(p.body.reasons[0]?.code).toBe('noise.grade');
    expect(p.body.reasons[0]?.text).toContain('grade Ⅱ');
    expect(localize(c.run(c.example), 'zh-CN').reasons[0]?.text).toContain('Ⅱ级 中度危害');
  });

  it('does turn a refusal into fields with messages, and keep real outcomes as outcomes', () => {
    const c = getCalculator('noise-grade')!;
    const refusal = presentResult(c.run({ eventDate: D, level: -10 }), 'zh-CN');
    if (refusal.kind !== 'refused') return expect.fail(refusal.kind);
    expect(refusal.error).toBe('invalid_input');
    expect(refusal.issues.map((i) => `${i.path} ${i.reason}`)).toEqual(['level minimum']);
    expect(refusal.issues[0]?.message).toContain('超出合理范围');
    const air = getCalculator('air-judgement')!;
    expect(
      presentResult(air.run({ eventDate: D, substance: { nameZh: '苯' }, cTwa: 4, cSte: 5 }), 'en').kind,
    ).toBe('outcome');
    expect(
      presentResult(air.run({ eventDate: D, substance: { cas: '630-08-0' }, cTwa: 1 }), 'en'),
    ).toMatchObject({
      kind: 'refused',
      error: 'ambiguous_substance',
      issues: [{ path: 'substance.cas', reason: 'ambiguous_substance' }],
    });
  });
});
