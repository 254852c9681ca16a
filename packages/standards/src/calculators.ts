/**
 * The calculators registry: one entry per calculator, so the server can expose
 * `/api/v1/standards/<id>` and the CLI `standards <id>` generically, and the web page can list them.
 * `inputSchema` is a plain JSON-Schema (draft 2020-12 subset, ./schemas) with the plausible range of every
 * number; `run` validates the input against it and the calculator's own rules (contradictions, codes that
 * must exist) and returns an ErrorResult ({ verdict: 'error', error: 'invalid_input', issues, reasons })
 * naming each refused field. Administrator data (amendment dates, imported limit rows, imported GBZ 188
 * rows) is not part of the request: the server passes it as `context`. Reasons are messages (./messages).
 */
import type { AirJudgementInput, MixtureInput, ReductionInput, SteInput, TwaInput } from './air';
import { computeSte, computeTwa, judgeAirExposure, judgeMixture, longShiftReductionFactor } from './air';
import type { NoiseExposure, NoiseJudgementInput, ImpulseInput } from './noise';
import {
  computeLex8h,
  computeLexW,
  equivalentNoiseLimit,
  gradeNoiseHazard,
  judgeImpulseNoise,
  judgeNoiseExposure,
} from './noise';
import type { HearingInput } from './hearing';
import { assessNoiseDeafness } from './hearing';
import type { SurveillanceInput, SurveillanceRow, TestingIntervalInput } from './surveillance';
import { surveillanceCycle, workplaceTestingInterval } from './surveillance';
import type { StagingInput } from './pneumoconiosis';
import { stagePneumoconiosis, stagingSchema } from './pneumoconiosis';
import { canHazardsCause, diseasesForHazard } from './hazard-diseases';
import type { AmendmentSetting, LimitRow } from './oel-data';
import type { ErrorResult } from './rules';
import { invalidInput } from './rules';
import type { Msg } from './messages';
import { msg } from './messages';
import type { Schema } from './validate';
import {
  airJudgementSchema,
  equivalentLimitSchema,
  hazardCanCauseSchema,
  hazardDiseasesSchema,
  hearingSchema,
  impulseSchema,
  lex8hSchema,
  lexWSchema,
  mixtureSchema,
  noiseGradeSchema,
  noiseJudgementSchema,
  reductionSchema,
  steSchema,
  surveillanceSchema,
  testingIntervalSchema,
  twaSchema,
} from './schemas';

export type JsonSchema = Schema;

/** Administrator data the server loads and passes to every run. */
export type CalculatorContext = {
  amendments?: AmendmentSetting[];
  importedLimitRows?: LimitRow[];
  importedSurveillanceRows?: SurveillanceRow[];
};

/**
 * The fields every calculator result shares. `edition` is always a string (the edition text cited);
 * `limitApplied`, where present, is the limit row object or null — a plain limit number has its own
 * named field (e.g. `limitDb`). Numbers are unrounded; `reasons` are messages (code and parameters, see
 * ./messages `renderMsg`), rendered by the surface in the reader's language.
 */
export type CalculatorResult = {
  verdict: string;
  reasons: Msg[];
  edition?: string;
  clause?: string;
  limitApplied?: { [key: string]: unknown } | null;
};

export type Calculator = {
  id: string;
  nameZh: string;
  nameEn: string;
  /** Standard(s) the calculator applies, e.g. 'GBZ 2.1-2019'. */
  standard: string;
  inputSchema: JsonSchema;
  /** A valid input, for documentation, the web page and tests. */
  example: unknown;
  /**
   * Further valid inputs, so that together with `example` every alternative and every number field of
   * the schema appears in one of them (the range tests and the message tests run them all).
   */
  moreExamples?: readonly unknown[];
  run(input: unknown, context?: CalculatorContext): CalculatorResult;
};

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Administrator data comes only from the server's context: the request may not carry it. */
const ADMIN_FIELDS = ['amendments', 'importedRows'] as const;

/**
 * Runs `fn` on an object input. Anything else, or an object carrying administrator data, is refused
 * with the field named (administrator data is set on the standards page, never sent with a request).
 */
const needObject =
  <R>(fn: (input: Record<string, unknown>, ctx?: CalculatorContext) => R) =>
  (input: unknown, ctx?: CalculatorContext): R | ErrorResult => {
    if (!isObject(input))
      return invalidInput([
        {
          path: '',
          reason: 'type',
          message: msg('input.type', {
            type: msg('term.type.object'),
            value: Array.isArray(input) ? 'array' : String(input),
          }),
        },
      ]);
    const carried = ADMIN_FIELDS.filter((k) => k in input);
    if (carried.length > 0)
      return invalidInput(
        carried.map((k) => ({ path: k, reason: 'additionalProperties', message: msg('input.adminData') })),
      );
    return fn(input, ctx);
  };

const withAir = <T extends object>(request: Record<string, unknown>, ctx: CalculatorContext | undefined): T =>
  ({
    ...request,
    ...(ctx?.amendments ? { amendments: ctx.amendments } : {}),
    ...(ctx?.importedLimitRows ? { importedRows: ctx.importedLimitRows } : {}),
  }) as T;

export const calculators: readonly Calculator[] = Object.freeze([
  {
    id: 'air-twa',
    nameZh: '时间加权平均浓度 C_TWA',
    nameEn: 'Time-weighted average concentration (C_TWA)',
    standard: 'GBZ 2.1-2019',
    inputSchema: twaSchema,
    example: {
      segments: [
        { concentration: 4, hours: 2 },
        { concentration: 1, hours: 4 },
      ],
      shiftHours: 8,
    },
    run: needObject((i) => computeTwa(i as TwaInput)),
  },
  {
    id: 'air-ste',
    nameZh: '短时间接触浓度 C_STE',
    nameEn: 'Short-term exposure concentration (C_STE, 15 min)',
    standard: 'GBZ 2.1-2019',
    inputSchema: steSchema,
    example: {
      samples: [
        { concentration: 12, minutes: 10 },
        { concentration: 6, minutes: 5 },
      ],
    },
    run: needObject((i) => computeSte(i as SteInput)),
  },
  {
    id: 'air-judgement',
    nameZh: '化学有害因素/粉尘 接触限值判定',
    nameEn: 'Air sample judgement against GBZ 2.1-2019 (MAC, PC-TWA, PC-STEL, peak exposure)',
    standard: 'GBZ 2.1-2019',
    inputSchema: airJudgementSchema,
    example: {
      eventDate: '2024-06-01',
      substance: { nameZh: '甲苯' },
      exposure: {
        segments: [
          { concentration: 60, hours: 4 },
          { concentration: 20, hours: 4 },
        ],
        shiftHours: 8,
      },
      steSamples: [{ concentration: 90, minutes: 15 }],
    },
    moreExamples: [
      // 安妥 (PC-TWA only): the peak rule, with an excursion log
      {
        eventDate: '2024-06-01',
        substance: { rowId: 'T1-1' },
        cTwa: 0.2,
        maxConcentration: 1,
        excursions: [{ startMinute: 60, minutes: 15, concentration: 1 }],
      },
      // precomputed C_TWA and C_STE
      { eventDate: '2024-06-01', substance: { cas: '108-88-3' }, cTwa: 10, cSte: 20 },
      // a 10 h shift in a 50 h week: the weekly reduction factor
      {
        eventDate: '2024-06-01',
        substance: { nameZh: '甲苯' },
        exposure: { segments: [{ concentration: 10, hours: 10 }], shiftHours: 10 },
        longShift: { form: 'weekly', hoursPerWeek: 50 },
        cSte: 20,
      },
      // a MAC substance (甲醛)
      { eventDate: '2024-06-01', substance: { nameZh: '甲醛' }, maxConcentration: 0.3 },
      // a dust (矽尘 >80%, respirable)
      {
        eventDate: '2024-06-01',
        substance: { rowId: 'T2-40-3' },
        dustFraction: 'respirable',
        cTwa: 0.1,
        maxConcentration: 0.2,
      },
    ],
    run: needObject((i, ctx) => judgeAirExposure(withAir<AirJudgementInput>(i, ctx))),
  },
  {
    id: 'air-mixture',
    nameZh: '混合物相加作用判定',
    nameEn: 'Additive mixture (Σ C/L ≤ 1)',
    standard: 'GBZ 2.1-2019',
    inputSchema: mixtureSchema,
    example: {
      eventDate: '2024-06-01',
      additive: true,
      components: [
        { substance: { nameZh: '甲苯' }, concentration: 20, limitType: 'PC-TWA' },
        { substance: { cas: '1330-20-7' }, concentration: 20, limitType: 'PC-TWA' },
      ],
    },
    run: needObject((i, ctx) => judgeMixture(withAir<MixtureInput>(i, ctx))),
  },
  {
    id: 'air-long-shift-rf',
    nameZh: '长时间工作 PC-TWA 折减因子',
    nameEn: 'Long-shift reduction factor (Brief & Scala)',
    standard: 'GBZ 2.1-2019',
    inputSchema: reductionSchema,
    example: { form: 'daily', hoursPerDay: 12 },
    moreExamples: [{ form: 'weekly', hoursPerWeek: 50 }],
    run: needObject((i) => longShiftReductionFactor(i as ReductionInput)),
  },
  {
    id: 'noise-lex8h',
    nameZh: '8 h 等效声级 L_EX,8h',
    nameEn: 'Daily noise exposure level L_EX,8h',
    standard: 'GBZ/T 189.8-2007',
    inputSchema: lex8hSchema,
    example: {
      exposure: {
        kind: 'segments',
        segments: [
          { laeq: 90, hours: 2 },
          { laeq: 80, hours: 6 },
        ],
      },
    },
    moreExamples: [
      { exposure: { kind: 'laeq', laeqTe: 90, teHours: 4 } },
      { exposure: { kind: 'lex8h', lex8h: 84 } },
    ],
    run: needObject((i) => computeLex8h(i as { exposure: NoiseExposure })),
  },
  {
    id: 'noise-lexw',
    nameZh: '每周 40 h 等效声级 L_EX,W',
    nameEn: 'Weekly noise exposure level L_EX,W',
    standard: 'GBZ/T 189.8-2007',
    inputSchema: lexWSchema,
    example: { dailyLex8h: [88, 88, 88, 88] },
    run: needObject((i) => computeLexW(i as { dailyLex8h: number[] })),
  },
  {
    id: 'noise-judgement',
    nameZh: '噪声职业接触限值判定',
    nameEn: 'Noise exposure judgement (85 dB(A))',
    standard: 'GBZ 2.2-2007',
    inputSchema: noiseJudgementSchema,
    // Clearly above the limit: 92 + 10·lg(6/8) = 90.75 dB(A). (88 dB(A) for 4 h, 84.99 ≤ 85, is a boundary
    // case and tested as one in noise.test.ts.)
    example: { eventDate: '2024-06-01', exposure: { kind: 'laeq', laeqTe: 92, teHours: 6 } },
    moreExamples: [
      {
        eventDate: '2024-06-01',
        exposure: {
          kind: 'segments',
          segments: [
            { laeq: 88, hours: 2 },
            { laeq: 78, hours: 6 },
          ],
        },
      },
      { eventDate: '2024-06-01', exposure: { kind: 'lex8h', lex8h: 79 } },
      { eventDate: '2024-06-01', exposure: { kind: 'weekly', dailyLex8h: [86, 86, 86, 86, 86, 86] } },
    ],
    run: needObject((i) => judgeNoiseExposure(i as NoiseJudgementInput)),
  },
  {
    id: 'noise-impulse',
    nameZh: '脉冲噪声峰值限值',
    nameEn: 'Impulse noise peak limit',
    standard: 'GBZ 2.2-2007',
    inputSchema: impulseSchema,
    example: { eventDate: '2024-06-01', impulsesPerShift: 500, peakDb: 128 },
    moreExamples: [
      { eventDate: '2024-06-01', impulsesPerShift: 50 },
      { eventDate: '2024-06-01', impulsesPerShift: 20000 },
    ],
    run: needObject((i) => judgeImpulseNoise(i as ImpulseInput)),
  },
  {
    id: 'noise-equivalent-limit',
    nameZh: '非 8 h 接触的等效限值',
    nameEn: 'Equivalent noise limit for a shorter daily exposure',
    standard: 'GBZ/T 189.8-2007',
    inputSchema: equivalentLimitSchema,
    example: { eventDate: '2024-06-01', hours: 4 },
    run: needObject((i) => equivalentNoiseLimit(i as { eventDate: string; hours: number })),
  },
  {
    id: 'noise-grade',
    nameZh: '噪声作业危害分级 (未核实)',
    nameEn: 'Noise hazard grade (UNVERIFIED table)',
    standard: 'GBZ/T 229.4-2012',
    inputSchema: noiseGradeSchema,
    example: { eventDate: '2024-06-01', level: 92 },
    moreExamples: [{ eventDate: '2024-06-01', level: 82 }],
    run: needObject((i) => gradeNoiseHazard(i as { eventDate: string; level: number })),
  },
  {
    id: 'hearing-gbz49',
    nameZh: '职业性噪声聋 听力判定',
    nameEn: 'Occupational noise deafness — audiometric criteria',
    standard: 'GBZ 49-2014',
    inputSchema: hearingSchema,
    example: {
      eventDate: '2024-06-01',
      left: { 500: 30, 1000: 30, 2000: 35, 3000: 50, 4000: 60, 6000: 55 },
      right: { 500: 25, 1000: 30, 2000: 30, 3000: 45, 4000: 55, 6000: 50 },
      correction: 'gbt7582',
      sex: 'M',
      age: 45,
      noiseExposureYears: 10,
    },
    moreExamples: [
      {
        eventDate: '2024-06-01',
        left: { 500: 20, 1000: 20, 2000: 25, 3000: 40, 4000: 45, 6000: 40 },
        right: { 500: 20, 1000: 25, 2000: 25, 3000: 35, 4000: 40, 6000: 35 },
        correction: 'already_corrected',
        noiseExposureYears: 2,
      },
    ],
    run: needObject((i) => assessNoiseDeafness(i as HearingInput)),
  },
  {
    id: 'surveillance-cycle',
    nameZh: '在岗期间职业健康检查周期',
    nameEn: 'Periodic health-examination cycle',
    standard: 'GBZ 188-2014 / GBZ 188-2025',
    inputSchema: surveillanceSchema,
    example: { examDate: '2024-06-01', hazards: [{ hazardId: '3-1', noiseLevel: 83 }, { hazardId: '2-28' }] },
    moreExamples: [
      { examDate: '2024-06-01', hazards: [{ hazardId: '1-1', workGrade: 'II' }, { hazardId: '2-29' }] },
      { examDate: '2026-08-01', hazards: [{ hazardId: '1-1' }] },
    ],
    run: needObject((i, ctx) =>
      surveillanceCycle({
        ...(i as SurveillanceInput),
        importedRows: ctx?.importedSurveillanceRows ?? [],
      }),
    ),
  },
  {
    id: 'workplace-testing-interval',
    nameZh: '工作场所职业病危害因素检测周期',
    nameEn: 'Workplace hazard testing interval by risk class (2021)',
    standard: '工作场所职业卫生管理规定 + 风险分类管理目录(2021)',
    inputSchema: testingIntervalSchema,
    example: { eventDate: '2024-06-01', industryCodes: ['0610'], lastTestDate: '2024-03-15' },
    moreExamples: [
      { eventDate: '2024-06-01', industryCodes: ['0111'] },
      { eventDate: '2024-06-01', industryCodes: ['0111', '2330'] },
    ],
    run: needObject((i) => workplaceTestingInterval(i as TestingIntervalInput)),
  },
  {
    id: 'pneumoconiosis-stage',
    nameZh: '尘肺病 X 射线分期 (未核实)',
    nameEn: 'Pneumoconiosis staging by imaging (UNVERIFIED criteria)',
    standard: 'GBZ 70-2015',
    inputSchema: stagingSchema,
    example: {
      eventDate: '2024-06-01',
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
    moreExamples: [
      {
        eventDate: '2024-06-01',
        zones: {
          rightUpper: '3/3',
          rightMiddle: '3/2',
          rightLower: '2/2',
          leftUpper: '3/3',
          leftMiddle: '2/3',
          leftLower: '1/1',
        },
        smallOpacityAggregation: true,
        largeOpacities: [{ longAxisMm: 25, shortAxisMm: 12 }],
      },
      {
        eventDate: '2024-06-01',
        zones: {
          rightUpper: '0/1',
          rightMiddle: '0/1',
          rightLower: '0/0',
          leftUpper: '0/0',
          leftMiddle: '0/0',
          leftLower: '0/0',
        },
        smallOpacityAggregation: false,
        asbestos: {
          pleuralPlaques: true,
          plaquesInvolveHeartBorderOrDiaphragm: false,
          plaqueLengthOverHalfChestWall: false,
          shaggyHeartBorder: false,
        },
      },
    ],
    run: needObject((i) => stagePneumoconiosis(i as StagingInput)),
  },
  {
    id: 'hazard-diseases',
    nameZh: '危害因素可致职业病',
    nameEn: 'Diseases a hazard factor can cause',
    standard: '职业病危害因素分类目录(2015) → 职业病分类和目录(2013/2024)',
    inputSchema: hazardDiseasesSchema,
    example: { hazardId: '2-28', eventDate: '2025-08-01' },
    moreExamples: [{ hazardId: '3-2', eventDate: '2024-06-01' }],
    run: needObject((i) => diseasesForHazard(i as { hazardId: string; eventDate: string })),
  },
  {
    id: 'hazard-can-cause',
    nameZh: '疑似职业病与接触危害因素一致性',
    nameEn: 'Can the examined hazards cause this disease?',
    standard: '职业病危害因素分类目录(2015) → 职业病分类和目录(2013/2024)',
    inputSchema: hazardCanCauseSchema,
    example: { hazardIds: ['3-1', '2-28'], diseaseId: '2024/4/1', eventDate: '2025-08-01' },
    moreExamples: [{ hazardIds: ['3-1'], diseaseId: '2024/9/3', eventDate: '2025-08-01' }],
    run: needObject((i) =>
      canHazardsCause(i as { hazardIds: string[]; diseaseId: string; eventDate: string }),
    ),
  },
] satisfies Calculator[]);

export function getCalculator(id: string): Calculator | undefined {
  return calculators.find((c) => c.id === id);
}
