/**
 * The calculators registry: one entry per calculator, so the server can expose
 * `/api/v1/standards/<id>` and the CLI `standards <id>` generically, and the web page can list them.
 * `inputSchema` is a plain JSON-Schema (draft 2020-12 subset) object for request validation; `run` also
 * validates and returns an ErrorResult ({ verdict: 'error', error: 'invalid_input', reasons }) for bad input.
 * Administrator data (amendment dates, imported limit rows, imported GBZ 188 rows) is not part of the request:
 * the server passes it as `context`.
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
import { LUNG_ZONES, PROFUSION_SUBCATEGORIES, stagePneumoconiosis } from './pneumoconiosis';
import { canHazardsCause, diseasesForHazard } from './hazard-diseases';
import type { AmendmentSetting, LimitRow } from './oel-data';
import { errorResult } from './rules';

export type JsonSchema = { [key: string]: unknown };

/** Administrator data the server loads and passes to every run. */
export type CalculatorContext = {
  amendments?: AmendmentSetting[];
  importedLimitRows?: LimitRow[];
  importedSurveillanceRows?: SurveillanceRow[];
};

/**
 * The fields every calculator result shares. `edition` is always a string (the edition text cited);
 * `limitApplied`, where present, is the limit row object or null — a plain limit number has its own
 * named field (e.g. `limitDb`). Numbers are unrounded; `reasons` are display text (see ./rounding `fmt`).
 */
export type CalculatorResult = {
  verdict: string;
  reasons: string[];
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
  run(input: unknown, context?: CalculatorContext): CalculatorResult;
};

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' } as const;
const nonNeg = { type: 'number', minimum: 0 } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;
const obj = (properties: Record<string, unknown>, required: string[]): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const substance: JsonSchema = {
  oneOf: [
    obj({ rowId: { type: 'string', description: 'GBZ 2.1-2019 row id, e.g. T1-12, T2-40-1' } }, ['rowId']),
    obj({ cas: { type: 'string' } }, ['cas']),
    obj({ nameZh: { type: 'string' } }, ['nameZh']),
  ],
};
const twaSchema = obj(
  {
    segments: {
      type: 'array',
      items: obj({ concentration: nonNeg, hours: nonNeg }, ['concentration', 'hours']),
    },
    shiftHours: { type: 'number', exclusiveMinimum: 0, maximum: 24 },
  },
  ['segments', 'shiftHours'],
);
const steSamples = {
  type: 'array',
  items: obj({ concentration: nonNeg, minutes: nonNeg }, ['concentration', 'minutes']),
};
const noiseExposure: JsonSchema = {
  oneOf: [
    obj(
      {
        kind: { const: 'segments' },
        segments: {
          type: 'array',
          items: obj({ laeq: { type: 'number' }, hours: nonNeg }, ['laeq', 'hours']),
        },
      },
      ['kind', 'segments'],
    ),
    obj(
      {
        kind: { const: 'laeq' },
        laeqTe: { type: 'number' },
        teHours: { type: 'number', exclusiveMinimum: 0, maximum: 24 },
      },
      ['kind', 'laeqTe', 'teHours'],
    ),
    obj({ kind: { const: 'lex8h' }, lex8h: { type: 'number' } }, ['kind', 'lex8h']),
    obj(
      {
        kind: { const: 'weekly' },
        dailyLex8h: { type: 'array', items: { type: 'number' }, minItems: 1, maxItems: 7 },
      },
      ['kind', 'dailyLex8h'],
    ),
  ],
};
const audiogram = obj(
  Object.fromEntries(['500', '1000', '2000', '3000', '4000', '6000'].map((f) => [f, { type: 'number' }])),
  ['500', '1000', '2000', '3000', '4000', '6000'],
);
const grade = { enum: ['0', 'I', 'II', 'III', 'IV'] };

const withAir = <T extends object>(input: unknown, ctx: CalculatorContext | undefined): T => {
  // Administrator data comes only from the server's context, never from the request body.
  const { amendments: _a, importedRows: _r, ...request } = input as Record<string, unknown>;
  const merged: T = {
    ...(request as T),
    ...(ctx?.amendments ? { amendments: ctx.amendments } : {}),
    ...(ctx?.importedLimitRows ? { importedRows: ctx.importedLimitRows } : {}),
  };
  return merged;
};

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const needObject =
  <R>(fn: (input: unknown, ctx?: CalculatorContext) => R) =>
  (input: unknown, ctx?: CalculatorContext) =>
    isObject(input) ? fn(input, ctx) : errorResult('invalid_input', 'input must be a JSON object');

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
    inputSchema: obj({ samples: steSamples }, ['samples']),
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
    inputSchema: obj(
      {
        eventDate: date,
        substance,
        dustFraction: { enum: ['total', 'respirable'] },
        exposure: twaSchema,
        cTwa: nonNeg,
        steSamples,
        cSte: nonNeg,
        maxConcentration: nonNeg,
        excursions: {
          type: 'array',
          items: obj({ startMinute: nonNeg, minutes: positive, concentration: nonNeg }, [
            'startMinute',
            'minutes',
            'concentration',
          ]),
        },
        longShift: {
          oneOf: [
            obj({ form: { const: 'daily' } }, ['form']),
            obj(
              {
                form: { const: 'weekly' },
                hoursPerWeek: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 168 },
              },
              ['form', 'hoursPerWeek'],
            ),
            obj({ form: { const: 'none' } }, ['form']),
          ],
        },
      },
      ['eventDate', 'substance'],
    ),
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
    run: needObject((i, ctx) => judgeAirExposure(withAir<AirJudgementInput>(i, ctx))),
  },
  {
    id: 'air-mixture',
    nameZh: '混合物相加作用判定',
    nameEn: 'Additive mixture (Σ C/L ≤ 1)',
    standard: 'GBZ 2.1-2019',
    inputSchema: obj(
      {
        eventDate: date,
        additive: { type: 'boolean' },
        components: {
          type: 'array',
          minItems: 2,
          items: obj(
            {
              substance,
              concentration: nonNeg,
              limitType: { enum: ['PC-TWA', 'PC-STEL', 'MAC'] },
              dustFraction: { enum: ['total', 'respirable'] },
            },
            ['substance', 'concentration', 'limitType'],
          ),
        },
      },
      ['eventDate', 'additive', 'components'],
    ),
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
    inputSchema: {
      oneOf: [
        obj(
          {
            form: { const: 'daily' },
            hoursPerDay: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 24 },
          },
          ['form', 'hoursPerDay'],
        ),
        obj(
          {
            form: { const: 'weekly' },
            hoursPerWeek: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 168 },
          },
          ['form', 'hoursPerWeek'],
        ),
      ],
    },
    example: { form: 'daily', hoursPerDay: 12 },
    run: needObject((i) => longShiftReductionFactor(i as ReductionInput)),
  },
  {
    id: 'noise-lex8h',
    nameZh: '8 h 等效声级 L_EX,8h',
    nameEn: 'Daily noise exposure level L_EX,8h',
    standard: 'GBZ/T 189.8-2007',
    inputSchema: obj({ exposure: noiseExposure }, ['exposure']),
    example: {
      exposure: {
        kind: 'segments',
        segments: [
          { laeq: 90, hours: 2 },
          { laeq: 80, hours: 6 },
        ],
      },
    },
    run: needObject((i) => computeLex8h(i as { exposure: NoiseExposure })),
  },
  {
    id: 'noise-lexw',
    nameZh: '每周 40 h 等效声级 L_EX,W',
    nameEn: 'Weekly noise exposure level L_EX,W',
    standard: 'GBZ/T 189.8-2007',
    inputSchema: obj({ dailyLex8h: { type: 'array', items: { type: 'number' }, minItems: 1, maxItems: 7 } }, [
      'dailyLex8h',
    ]),
    example: { dailyLex8h: [88, 88, 88, 88] },
    run: needObject((i) => computeLexW(i as { dailyLex8h: number[] })),
  },
  {
    id: 'noise-judgement',
    nameZh: '噪声职业接触限值判定',
    nameEn: 'Noise exposure judgement (85 dB(A))',
    standard: 'GBZ 2.2-2007',
    inputSchema: obj({ eventDate: date, exposure: noiseExposure }, ['eventDate', 'exposure']),
    // Clearly above the limit: 92 + 10·lg(6/8) = 90.75 dB(A). (88 dB(A) for 4 h, 84.99 ≤ 85, is a boundary
    // case and tested as one in noise.test.ts.)
    example: { eventDate: '2024-06-01', exposure: { kind: 'laeq', laeqTe: 92, teHours: 6 } },
    run: needObject((i) => judgeNoiseExposure(i as NoiseJudgementInput)),
  },
  {
    id: 'noise-impulse',
    nameZh: '脉冲噪声峰值限值',
    nameEn: 'Impulse noise peak limit',
    standard: 'GBZ 2.2-2007',
    inputSchema: obj(
      { eventDate: date, impulsesPerShift: { type: 'integer', minimum: 0 }, peakDb: { type: 'number' } },
      ['eventDate', 'impulsesPerShift'],
    ),
    example: { eventDate: '2024-06-01', impulsesPerShift: 500, peakDb: 128 },
    run: needObject((i) => judgeImpulseNoise(i as ImpulseInput)),
  },
  {
    id: 'noise-equivalent-limit',
    nameZh: '非 8 h 接触的等效限值',
    nameEn: 'Equivalent noise limit for a shorter daily exposure',
    standard: 'GBZ/T 189.8-2007',
    inputSchema: obj({ eventDate: date, hours: { type: 'number', exclusiveMinimum: 0, maximum: 24 } }, [
      'eventDate',
      'hours',
    ]),
    example: { eventDate: '2024-06-01', hours: 4 },
    run: needObject((i) => equivalentNoiseLimit(i as { eventDate: string; hours: number })),
  },
  {
    id: 'noise-grade',
    nameZh: '噪声作业危害分级 (未核实)',
    nameEn: 'Noise hazard grade (UNVERIFIED table)',
    standard: 'GBZ/T 229.4-2012',
    inputSchema: obj({ eventDate: date, level: { type: 'number' } }, ['eventDate', 'level']),
    example: { eventDate: '2024-06-01', level: 92 },
    run: needObject((i) => gradeNoiseHazard(i as { eventDate: string; level: number })),
  },
  {
    id: 'hearing-gbz49',
    nameZh: '职业性噪声聋 听力判定',
    nameEn: 'Occupational noise deafness — audiometric criteria',
    standard: 'GBZ 49-2014',
    inputSchema: obj(
      {
        eventDate: date,
        left: audiogram,
        right: audiogram,
        correction: { enum: ['gbt7582', 'already_corrected'] },
        sex: { enum: ['M', 'F'] },
        age: nonNeg,
        noiseExposureYears: nonNeg,
      },
      ['eventDate', 'left', 'right', 'correction', 'noiseExposureYears'],
    ),
    example: {
      eventDate: '2024-06-01',
      left: { 500: 30, 1000: 30, 2000: 35, 3000: 50, 4000: 60, 6000: 55 },
      right: { 500: 25, 1000: 30, 2000: 30, 3000: 45, 4000: 55, 6000: 50 },
      correction: 'gbt7582',
      sex: 'M',
      age: 45,
      noiseExposureYears: 10,
    },
    run: needObject((i) => assessNoiseDeafness(i as HearingInput)),
  },
  {
    id: 'surveillance-cycle',
    nameZh: '在岗期间职业健康检查周期',
    nameEn: 'Periodic health-examination cycle',
    standard: 'GBZ 188-2014 / GBZ 188-2025',
    inputSchema: obj(
      {
        examDate: date,
        hazards: {
          type: 'array',
          minItems: 1,
          items: obj({ hazardId: { type: 'string' }, noiseLevel: { type: 'number' }, workGrade: grade }, [
            'hazardId',
          ]),
        },
      },
      ['examDate', 'hazards'],
    ),
    example: { examDate: '2024-06-01', hazards: [{ hazardId: '3-1', noiseLevel: 83 }, { hazardId: '2-28' }] },
    run: needObject((i, ctx) =>
      surveillanceCycle({
        ...(i as SurveillanceInput),
        importedRows: [],
        ...(ctx?.importedSurveillanceRows ? { importedRows: ctx.importedSurveillanceRows } : {}),
      }),
    ),
  },
  {
    id: 'workplace-testing-interval',
    nameZh: '工作场所职业病危害因素检测周期',
    nameEn: 'Workplace hazard testing interval by risk class (2021)',
    standard: '工作场所职业卫生管理规定 + 风险分类管理目录(2021)',
    inputSchema: obj(
      {
        eventDate: date,
        industryCodes: { type: 'array', items: { type: 'string' } },
        lastTestDate: date,
        lastEvaluationDate: date,
      },
      ['eventDate', 'industryCodes'],
    ),
    example: { eventDate: '2024-06-01', industryCodes: ['0610'], lastTestDate: '2024-03-15' },
    run: needObject((i) => workplaceTestingInterval(i as TestingIntervalInput)),
  },
  {
    id: 'pneumoconiosis-stage',
    nameZh: '尘肺病 X 射线分期 (未核实)',
    nameEn: 'Pneumoconiosis staging by imaging (UNVERIFIED criteria)',
    standard: 'GBZ 70-2015',
    inputSchema: obj(
      {
        eventDate: date,
        zones: obj(Object.fromEntries(LUNG_ZONES.map((z) => [z, { enum: [...PROFUSION_SUBCATEGORIES] }])), [
          ...LUNG_ZONES,
        ]),
        smallOpacityAggregation: { type: 'boolean' },
        largeOpacities: {
          type: 'array',
          items: obj({ longAxisMm: positive, shortAxisMm: positive }, ['longAxisMm', 'shortAxisMm']),
        },
        asbestos: obj(
          {
            pleuralPlaques: { type: 'boolean' },
            plaquesInvolveHeartBorderOrDiaphragm: { type: 'boolean' },
            plaqueLengthOverHalfChestWall: { type: 'boolean' },
            shaggyHeartBorder: { type: 'boolean' },
          },
          [
            'pleuralPlaques',
            'plaquesInvolveHeartBorderOrDiaphragm',
            'plaqueLengthOverHalfChestWall',
            'shaggyHeartBorder',
          ],
        ),
      },
      ['eventDate', 'zones', 'smallOpacityAggregation'],
    ),
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
    run: needObject((i) => stagePneumoconiosis(i as StagingInput)),
  },
  {
    id: 'hazard-diseases',
    nameZh: '危害因素可致职业病',
    nameEn: 'Diseases a hazard factor can cause',
    standard: '职业病危害因素分类目录(2015) → 职业病分类和目录(2013/2024)',
    inputSchema: obj({ hazardId: { type: 'string' }, eventDate: date }, ['hazardId', 'eventDate']),
    example: { hazardId: '2-28', eventDate: '2025-08-01' },
    run: needObject((i) => diseasesForHazard(i as { hazardId: string; eventDate: string })),
  },
  {
    id: 'hazard-can-cause',
    nameZh: '疑似职业病与接触危害因素一致性',
    nameEn: 'Can the examined hazards cause this disease?',
    standard: '职业病危害因素分类目录(2015) → 职业病分类和目录(2013/2024)',
    inputSchema: obj(
      {
        hazardIds: { type: 'array', items: { type: 'string' }, minItems: 1 },
        diseaseId: { type: 'string' },
        eventDate: date,
      },
      ['hazardIds', 'diseaseId', 'eventDate'],
    ),
    example: { hazardIds: ['3-1', '2-28'], diseaseId: '2024/4/1', eventDate: '2025-08-01' },
    run: needObject((i) =>
      canHazardsCause(i as { hazardIds: string[]; diseaseId: string; eventDate: string }),
    ),
  },
] satisfies Calculator[]);

export function getCalculator(id: string): Calculator | undefined {
  return calculators.find((c) => c.id === id);
}
