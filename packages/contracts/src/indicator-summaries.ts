/**
 * Indicator summaries (issue 18 item 2): the verification runs that recount the summaries from the
 * facts and report the drift (apps/server/src/modules/indicator-summaries).
 */
import { Type, type Static } from 'typebox';

export const IndicatorDriftRow = Type.Object({
  level: Type.Optional(
    Type.Union([Type.Literal('detail'), Type.Literal('rollup')], {
      description:
        'detail = per institution and dim (indicator_count); rollup = per county and month (indicator_rollup: institution_id 0, dim empty); absent in runs before migration 0047',
    }),
  ),
  measure: Type.String(),
  region_code: Type.String(),
  month: Type.String({ description: 'YYYY-MM-DD, first day of the month' }),
  institution_id: Type.Integer(),
  dim: Type.String(),
  expected: Type.Integer({ description: 'recounted from the facts' }),
  kept: Type.Integer({ description: 'kept by the summaries (totals + deltas not yet merged)' }),
});
export type IndicatorDriftRow = Static<typeof IndicatorDriftRow>;

export const IndicatorVerificationBody = Type.Object(
  {
    repair: Type.Optional(
      Type.Boolean({
        description:
          'rebuild the drifted measures from the facts (holds off their writers while it runs); default false',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ repair: false }] },
);
export type IndicatorVerificationBody = Static<typeof IndicatorVerificationBody>;

export const IndicatorVerification = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  repaired: Type.Boolean(),
  totalAbsDrift: Type.Integer(),
  checkedMeasures: Type.Array(Type.String()),
  driftRowCount: Type.Integer(),
  driftRows: Type.Array(IndicatorDriftRow, { description: 'the first 100' }),
});
export type IndicatorVerification = Static<typeof IndicatorVerification>;
