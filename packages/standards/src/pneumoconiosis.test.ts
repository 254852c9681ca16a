import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LUNG_ZONES, PROFUSION_SUBCATEGORIES, stagePneumoconiosis } from './pneumoconiosis';
import type { LungZone, Profusion, StagingInput } from './pneumoconiosis';
import { err, ok } from './test-helpers';

const D = '2024-06-01';
/** Six zones: the first `n` at `p`, the rest at 0/0. */
const zones = (p: Profusion, n: number): Record<LungZone, Profusion> =>
  Object.fromEntries(LUNG_ZONES.map((z, i) => [z, i < n ? p : '0/0'])) as Record<LungZone, Profusion>;
const stage = (input: Omit<StagingInput, 'eventDate'>) => ok(stagePneumoconiosis({ eventDate: D, ...input }));

describe('GBZ 70-2015 staging (criteria unverified against the 2015 text)', () => {
  it.each([
    { name: 'all zones 0/1', z: zones('0/1', 6), stage: null },
    { name: '1/0 in one zone', z: zones('1/0', 1), stage: null },
    { name: '1/0 in two zones (≥ 2 zones at 1级)', z: zones('1/0', 2), stage: '尘肺壹期' },
    { name: '1/2 in all six zones (1级 only)', z: zones('1/2', 6), stage: '尘肺壹期' },
    { name: '2/1 in four zones (not > 4)', z: zones('2/1', 4), stage: '尘肺壹期' },
    { name: '2/1 in five zones (> 4)', z: zones('2/1', 5), stage: '尘肺贰期' },
    { name: '3/2 in three zones', z: zones('3/2', 3), stage: '尘肺壹期' },
    { name: '3/2 in four zones (达到 4)', z: zones('3/2', 4), stage: '尘肺贰期' },
    { name: '3/3 in five zones without aggregation (read as 贰期)', z: zones('3/3', 5), stage: '尘肺贰期' },
  ])('does stage $name as $stage', ({ z, stage: expected }) => {
    const r = stage({ zones: z, smallOpacityAggregation: false });
    expect(r.stage).toBe(expected);
    expect(r.verified).toBe(false);
    expect(r.verdict).toBe(expected ? 'staged' : 'no_pneumoconiosis_by_imaging');
  });

  it('does stage 叁期 when 3级 covers more than 4 zones with aggregation', () => {
    const r = stage({ zones: zones('3/3', 5), smallOpacityAggregation: true });
    expect(r).toMatchObject({ stage: '尘肺叁期', clause: '叁期 b' });
  });

  it('does stage 叁期 when 3级 covers more than 4 zones with a small large opacity', () => {
    expect(
      stage({
        zones: zones('3/+', 5),
        smallOpacityAggregation: false,
        largeOpacities: [{ longAxisMm: 12, shortAxisMm: 8 }],
      }).clause,
    ).toBe('叁期 c');
  });

  it.each([
    { long: 20, short: 10, stage: '尘肺叁期' },
    { long: 19.9, short: 10, stage: '尘肺壹期' },
    { long: 25, short: 9.9, stage: '尘肺壹期' },
  ])(
    'does apply the large-opacity axes inclusively when they are $long × $short mm',
    ({ long, short, stage: expected }) => {
      expect(
        stage({
          zones: zones('1/1', 2),
          smallOpacityAggregation: false,
          largeOpacities: [{ longAxisMm: long, shortAxisMm: short }],
        }).stage,
      ).toBe(expected);
    },
  );

  it('does evaluate from the highest stage down when several criteria match', () => {
    // 2级 in 6 zones matches 贰期 a and 壹期 a; a 20 × 10 large opacity also matches 叁期 a → 叁期
    const r = stage({
      zones: zones('2/2', 6),
      smallOpacityAggregation: false,
      largeOpacities: [{ longAxisMm: 20, shortAxisMm: 10 }],
    });
    expect(r).toMatchObject({ stage: '尘肺叁期', clause: '叁期 a' });
  });

  describe('asbestos', () => {
    const plaques = {
      pleuralPlaques: true,
      plaquesInvolveHeartBorderOrDiaphragm: false,
      plaqueLengthOverHalfChestWall: false,
      shaggyHeartBorder: false,
    };
    it.each([
      { name: '0/1 in two zones + plaques', z: zones('0/1', 2), a: plaques, stage: '尘肺壹期' },
      {
        name: '0/1 in two zones without plaques',
        z: zones('0/1', 2),
        a: { ...plaques, pleuralPlaques: false },
        stage: null,
      },
      { name: '1/0 in one zone + plaques', z: zones('1/0', 1), a: plaques, stage: '尘肺壹期' },
      {
        name: '1/1 in five zones + plaques on the heart border',
        z: zones('1/1', 5),
        a: { ...plaques, plaquesInvolveHeartBorderOrDiaphragm: true },
        stage: '尘肺贰期',
      },
      {
        name: '1/1 in five zones + plaques not on the heart border',
        z: zones('1/1', 5),
        a: plaques,
        stage: '尘肺壹期',
      },
      {
        name: '3/3 in five zones + plaques over ½ chest wall',
        z: zones('3/3', 5),
        a: { ...plaques, plaqueLengthOverHalfChestWall: true },
        stage: '尘肺叁期',
      },
      {
        name: '3/3 in five zones + shaggy heart border',
        z: zones('3/3', 5),
        a: { ...plaques, shaggyHeartBorder: true },
        stage: '尘肺叁期',
      },
    ])('does stage $name as $stage', ({ z, a, stage: expected }) => {
      expect(stage({ zones: z, smallOpacityAggregation: false, asbestos: a }).stage).toBe(expected);
    });
  });

  it('does never give a lower stage when a zone profusion rises', () => {
    const order = { 尘肺壹期: 1, 尘肺贰期: 2, 尘肺叁期: 3 } as const;
    const rank = (s: keyof typeof order | null) => (s ? order[s] : 0);
    const prof = fc.constantFrom(...PROFUSION_SUBCATEGORIES);
    fc.assert(
      fc.property(
        fc.array(prof, { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        (ps, i, agg) => {
          const z = Object.fromEntries(LUNG_ZONES.map((k, j) => [k, ps[j]])) as Record<LungZone, Profusion>;
          const before = stage({ zones: z, smallOpacityAggregation: agg }).stage;
          const key = LUNG_ZONES[i] as LungZone;
          const idx = PROFUSION_SUBCATEGORIES.indexOf(z[key]);
          const raised = {
            ...z,
            [key]: PROFUSION_SUBCATEGORIES[Math.min(idx + 1, PROFUSION_SUBCATEGORIES.length - 1)],
          };
          const after = stage({ zones: raised, smallOpacityAggregation: agg }).stage;
          expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
        },
      ),
    );
  });

  it.each([
    ['2016-04-30', 'error'],
    ['2016-05-01', 'staged'],
  ])('does pick GBZ 70-2015 by the diagnosis date when it is %s', (date, verdict) => {
    expect(
      stagePneumoconiosis({ eventDate: date, zones: zones('1/1', 2), smallOpacityAggregation: false })
        .verdict,
    ).toBe(verdict);
  });

  it('does return invalid_input when a profusion is not on the 12-point scale', () => {
    expect(
      err(
        stagePneumoconiosis({
          eventDate: D,
          zones: { ...zones('1/1', 2), leftLower: '4/4' as Profusion },
          smallOpacityAggregation: false,
        }),
      ).error,
    ).toBe('invalid_input');
  });
});
