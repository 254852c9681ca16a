/**
 * The calculators' input schemas (JSON Schema, draft 2020-12 subset) with the plausible range of every
 * number. Each range names its basis (`x-basis`, a message code whose text says where the bound comes
 * from: a standard's definition, an instrument standard, physics, or a plausibility bound) and its unit
 * (`x-unit`). docs/STANDARDS.md ("Input ranges") lists them with their sources. The same schemas are
 * used by the engine functions, the registry (server, CLI, web) and the OpenAPI documentation.
 */
import type { MessageCode } from './messages';
import type { Schema } from './validate';

export type InputRange = {
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  unit: string;
  basis: MessageCode;
  /** What kind of bound it is; docs/STANDARDS.md gives the source of each. */
  kind: 'definition' | 'instrument' | 'physical' | 'plausibility' | 'arithmetic';
};

/** The ranges, by name. */
export const inputRanges = Object.freeze({
  /** mg/m³: up to 1 kg/m³, about the density of air itself (1.2 kg/m³ at 20 °C). */
  concentration: {
    minimum: 0,
    maximum: 1e6,
    unit: 'mg/m³',
    basis: 'basis.concentration',
    kind: 'plausibility',
  },
  /** Hours of one exposure segment: within a day. */
  segmentHours: { minimum: 0, maximum: 24, unit: 'h', basis: 'basis.day', kind: 'physical' },
  /** A shift (or the exposure time Te): more than 0, at most a day. */
  shiftHours: { exclusiveMinimum: 0, maximum: 24, unit: 'h', basis: 'basis.day', kind: 'physical' },
  /** One 15-minute sample's duration: C_STE is a 15-minute TWA (GBZ 2.1—2019 definition of PC-STEL). */
  steMinutes: { minimum: 0, maximum: 15, unit: 'min', basis: 'basis.ste15', kind: 'definition' },
  /** Daily hours for the reduction factor: (24 − h) must stay positive. */
  hoursPerDay: {
    exclusiveMinimum: 0,
    exclusiveMaximum: 24,
    unit: 'h',
    basis: 'basis.rfDay',
    kind: 'arithmetic',
  },
  /** Weekly hours for the reduction factor: (168 − h) must stay positive. */
  hoursPerWeek: {
    exclusiveMinimum: 0,
    exclusiveMaximum: 168,
    unit: 'h',
    basis: 'basis.rfWeek',
    kind: 'arithmetic',
  },
  /** Start of an excursion, minutes from the start of the shift: within a day. */
  excursionStart: {
    minimum: 0,
    exclusiveMaximum: 1440,
    unit: 'min',
    basis: 'basis.dayMinutes',
    kind: 'physical',
  },
  /** Duration of an excursion: more than 0, at most a day. */
  excursionMinutes: {
    exclusiveMinimum: 0,
    maximum: 1440,
    unit: 'min',
    basis: 'basis.dayMinutes',
    kind: 'physical',
  },
  /** A-weighted levels (L_Aeq,T, L_EX,8h, L_EX,W), dB(A). */
  soundLevel: { minimum: 0, maximum: 140, unit: 'dB(A)', basis: 'basis.soundLevel', kind: 'plausibility' },
  /** A peak sound pressure level, dB: at most the largest undistorted sound in air at 1 atm. */
  peakLevel: { minimum: 0, maximum: 194, unit: 'dB', basis: 'basis.peakLevel', kind: 'physical' },
  /** Impulses per shift: impulse noise has more than 1 s between impulses (GBZ 2.2 definition). */
  impulses: { minimum: 1, maximum: 86400, unit: '', basis: 'basis.impulses', kind: 'definition' },
  /** Measured air-conduction threshold, dB HL: the hearing-level range of a pure-tone audiometer. */
  hearingLevel: { minimum: -10, maximum: 120, unit: 'dB HL', basis: 'basis.audiometer', kind: 'instrument' },
  /**
   * Threshold declared already corrected for age and sex: the measured range less the largest GB/T 7582
   * median (49 dB, men aged 70 at 6000 Hz) at the bottom.
   */
  hearingLevelCorrected: {
    minimum: -59,
    maximum: 120,
    unit: 'dB HL',
    basis: 'basis.audiometerCorrected',
    kind: 'instrument',
  },
  /** Age at the examination: from the minimum working age (16, 劳动法 第十五条) to 100. */
  age: { minimum: 16, maximum: 100, unit: '', basis: 'basis.age', kind: 'plausibility' },
  /** Years of noise work: at most a working life (100 − 16). */
  exposureYears: { minimum: 0, maximum: 84, unit: '', basis: 'basis.exposureYears', kind: 'plausibility' },
  /** Long axis of a large opacity: over 10 mm by definition (GBZ 70), at most a 43 cm chest film. */
  opacityLong: {
    exclusiveMinimum: 10,
    maximum: 430,
    unit: 'mm',
    basis: 'basis.opacityLong',
    kind: 'definition',
  },
  /** Short axis of a large opacity: more than 0, at most a 43 cm chest film (and not above the long axis). */
  opacityShort: {
    exclusiveMinimum: 0,
    maximum: 430,
    unit: 'mm',
    basis: 'basis.opacityShort',
    kind: 'plausibility',
  },
} satisfies Record<string, InputRange>);

export type RangeName = keyof typeof inputRanges;

/** A number schema with the named range. */
export const num = (name: RangeName, extra: Schema = {}): Schema => {
  const r: InputRange = inputRanges[name];
  const { unit, basis, kind: _kind, ...bounds } = r;
  return { type: 'number', ...bounds, 'x-unit': unit, 'x-basis': basis, 'x-range': name, ...extra };
};
const int = (name: RangeName): Schema => ({ ...num(name), type: 'integer' });

export const date: Schema = {
  type: 'string',
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD',
};
const text = (maxLength: number, pattern?: string, hint?: MessageCode): Schema => ({
  type: 'string',
  minLength: 1,
  maxLength,
  ...(pattern ? { pattern } : {}),
  ...(hint ? { 'x-format': hint } : {}),
});

export const obj = (properties: Record<string, Schema>, required: string[]): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const list = (items: Schema, minItems: number, maxItems: number): Schema => ({
  type: 'array',
  items,
  minItems,
  maxItems,
});

export const substanceSchema: Schema = {
  oneOf: [
    obj(
      {
        rowId: {
          ...text(16, '^T[12]-\\d{1,3}(-\\d{1,2})?$', 'format.rowId'),
          description: 'GBZ 2.1-2019 row id, e.g. T1-12, T2-40-1',
        },
      },
      ['rowId'],
    ),
    obj({ cas: text(16, '^\\d{2,7}-\\d{2}-\\d$', 'format.cas') }, ['cas']),
    obj({ nameZh: text(100) }, ['nameZh']),
  ],
};

export const twaSchema: Schema = obj(
  {
    segments: list(
      obj({ concentration: num('concentration'), hours: num('segmentHours') }, ['concentration', 'hours']),
      1,
      100,
    ),
    shiftHours: num('shiftHours'),
  },
  ['segments', 'shiftHours'],
);

export const steSamplesSchema: Schema = list(
  obj({ concentration: num('concentration'), minutes: num('steMinutes') }, ['concentration', 'minutes']),
  1,
  15,
);
export const steSchema: Schema = obj({ samples: steSamplesSchema }, ['samples']);

const longShiftSchema: Schema = {
  oneOf: [
    obj({ form: { const: 'daily' } }, ['form']),
    obj({ form: { const: 'weekly' }, hoursPerWeek: num('hoursPerWeek') }, ['form', 'hoursPerWeek']),
    obj({ form: { const: 'none' } }, ['form']),
  ],
};

export const airJudgementSchema: Schema = obj(
  {
    eventDate: date,
    substance: substanceSchema,
    dustFraction: { enum: ['total', 'respirable'] },
    exposure: twaSchema,
    cTwa: num('concentration'),
    steSamples: steSamplesSchema,
    cSte: num('concentration'),
    maxConcentration: num('concentration'),
    excursions: list(
      obj(
        {
          startMinute: num('excursionStart'),
          minutes: num('excursionMinutes'),
          concentration: num('concentration'),
        },
        ['startMinute', 'minutes', 'concentration'],
      ),
      0,
      100,
    ),
    longShift: longShiftSchema,
  },
  ['eventDate', 'substance'],
);

export const mixtureSchema: Schema = obj(
  {
    eventDate: date,
    additive: { type: 'boolean' },
    components: list(
      obj(
        {
          substance: substanceSchema,
          concentration: num('concentration'),
          limitType: { enum: ['PC-TWA', 'PC-STEL', 'MAC'] },
          dustFraction: { enum: ['total', 'respirable'] },
        },
        ['substance', 'concentration', 'limitType'],
      ),
      2,
      50,
    ),
  },
  ['eventDate', 'additive', 'components'],
);

export const reductionSchema: Schema = {
  oneOf: [
    obj({ form: { const: 'daily' }, hoursPerDay: num('hoursPerDay') }, ['form', 'hoursPerDay']),
    obj({ form: { const: 'weekly' }, hoursPerWeek: num('hoursPerWeek') }, ['form', 'hoursPerWeek']),
  ],
};

const dailyLevels: Schema = list(num('soundLevel'), 1, 7);

const dailyNoiseBranches: Schema[] = [
  obj(
    {
      kind: { const: 'segments' },
      segments: list(obj({ laeq: num('soundLevel'), hours: num('segmentHours') }, ['laeq', 'hours']), 1, 100),
    },
    ['kind', 'segments'],
  ),
  obj({ kind: { const: 'laeq' }, laeqTe: num('soundLevel'), teHours: num('shiftHours') }, [
    'kind',
    'laeqTe',
    'teHours',
  ]),
  obj({ kind: { const: 'lex8h' }, lex8h: num('soundLevel') }, ['kind', 'lex8h']),
];

/** One day's exposure (segments, L_Aeq,Te with Te, or L_EX,8h), or a week of daily L_EX,8h. */
export const noiseExposureSchema: Schema = {
  oneOf: [
    ...dailyNoiseBranches,
    obj({ kind: { const: 'weekly' }, dailyLex8h: dailyLevels }, ['kind', 'dailyLex8h']),
  ],
};

export const lex8hSchema: Schema = obj({ exposure: { oneOf: dailyNoiseBranches } }, ['exposure']);
export const lexWSchema: Schema = obj({ dailyLex8h: dailyLevels }, ['dailyLex8h']);
export const noiseJudgementSchema: Schema = obj({ eventDate: date, exposure: noiseExposureSchema }, [
  'eventDate',
  'exposure',
]);
export const impulseSchema: Schema = obj(
  { eventDate: date, impulsesPerShift: int('impulses'), peakDb: num('peakLevel') },
  ['eventDate', 'impulsesPerShift'],
);
export const equivalentLimitSchema: Schema = obj({ eventDate: date, hours: num('shiftHours') }, [
  'eventDate',
  'hours',
]);
export const noiseGradeSchema: Schema = obj({ eventDate: date, level: num('soundLevel') }, [
  'eventDate',
  'level',
]);

const FREQUENCY_KEYS = ['500', '1000', '2000', '3000', '4000', '6000'] as const;
/** An audiogram whose thresholds lie in the given range. */
export const audiogramSchema = (range: 'hearingLevel' | 'hearingLevelCorrected'): Schema =>
  obj(Object.fromEntries(FREQUENCY_KEYS.map((f) => [f, num(range)])), [...FREQUENCY_KEYS]);

export const hearingSchema: Schema = obj(
  {
    eventDate: date,
    left: audiogramSchema('hearingLevelCorrected'),
    right: audiogramSchema('hearingLevelCorrected'),
    correction: { enum: ['gbt7582', 'already_corrected'] },
    sex: { enum: ['M', 'F'] },
    age: num('age'),
    noiseExposureYears: num('exposureYears'),
  },
  ['eventDate', 'left', 'right', 'correction', 'noiseExposureYears'],
);

const hazardId = text(12, '^[1-6]-\\d{1,3}$', 'format.hazardId');

export const surveillanceSchema: Schema = obj(
  {
    examDate: date,
    hazards: list(
      obj({ hazardId, noiseLevel: num('soundLevel'), workGrade: { enum: ['0', 'I', 'II', 'III', 'IV'] } }, [
        'hazardId',
      ]),
      1,
      100,
    ),
  },
  ['examDate', 'hazards'],
);

export const testingIntervalSchema: Schema = obj(
  {
    eventDate: date,
    industryCodes: list(text(5, '^[A-Za-z]?\\d{0,4}$', 'format.industryCode'), 1, 50),
    lastTestDate: date,
    lastEvaluationDate: date,
  },
  ['eventDate', 'industryCodes'],
);

export const hazardDiseasesSchema: Schema = obj({ hazardId, eventDate: date }, ['hazardId', 'eventDate']);
export const hazardCanCauseSchema: Schema = obj(
  {
    hazardIds: list(hazardId, 1, 100),
    diseaseId: text(20, '^\\d{4}(/\\d{1,3}){2,3}$', 'format.diseaseId'),
    eventDate: date,
  },
  ['hazardIds', 'diseaseId', 'eventDate'],
);
