/**
 * GBZ 70-2015 尘肺病诊断标准 — X-ray staging from the six lung-zone profusions, small-opacity aggregation,
 * large opacities and (asbestos) pleural plaques, evaluated 叁期 → 贰期 → 壹期.
 *
 * UNVERIFIED [R]: the criteria follow the project's domain notes (DOMAIN §8), which match the GBZ 70-2009
 * wording seen on two pages; that they are unchanged in the 2015 text was NOT checked. Each result says so.
 * Conventions where the wording leaves gaps are listed in PNEUMOCONIOSIS_CONVENTIONS and docs/STANDARDS.md.
 * Imaging staging only: the diagnosis also needs a reliable dust-exposure history and exclusion of other
 * diseases, which this function does not judge.
 */
import type { Edition, ErrorResult, RuleRef } from './rules';
import { checkSchema, editionFor, guard, InputError } from './rules';
import type { MessageCode, Msg } from './messages';
import { msg } from './messages';
import type { Issue, Schema } from './validate';
import { date, num, obj } from './schemas';

export const gbz70Editions: readonly Edition[] = Object.freeze([
  {
    standard: 'GBZ 70',
    edition: 'GBZ 70-2015',
    effectiveFrom: '2016-05-01',
    effectiveTo: null,
    datesConfirmed: false,
    source: '2015-12-15 发布, 2016-05-01 实施, replacing GBZ 70-2009 [DOMAIN §8, R]',
  },
]);

export const PROFUSION_SUBCATEGORIES = [
  '0/-',
  '0/0',
  '0/1',
  '1/0',
  '1/1',
  '1/2',
  '2/1',
  '2/2',
  '2/3',
  '3/2',
  '3/3',
  '3/+',
] as const;
export type Profusion = (typeof PROFUSION_SUBCATEGORIES)[number];
export const LUNG_ZONES = [
  'rightUpper',
  'rightMiddle',
  'rightLower',
  'leftUpper',
  'leftMiddle',
  'leftLower',
] as const;
export type LungZone = (typeof LUNG_ZONES)[number];

/** The conventions as messages (the same order as PNEUMOCONIOSIS_CONVENTIONS). */
export const PNEUMOCONIOSIS_CONVENTION_MESSAGES: readonly Msg[] = Object.freeze(
  [1, 2, 3, 4, 5, 6, 7].map((n) => msg(`pneu.convention.${n}` as MessageCode)),
);

export const PNEUMOCONIOSIS_CONVENTIONS = Object.freeze([
  'a zone profusion is entered only for zones where small opacities cover ≥ 2/3 of the zone (the reader judges this); other zones are entered as 0/0',
  '总体密集度 (overall profusion) = the highest zone category; 分布范围 = number of zones with category ≥ 1 (for every stage, including "3级 … 分布范围超过4个肺区")',
  '石棉肺 贰期 "2级 达到4个肺区" is read as overall profusion ≥ 2 in ≥ 4 zones',
  '壹期 "总体密集度1级, 分布范围至少达到2个肺区" is read as overall profusion ≥ 1 in ≥ 2 zones, so that 2/3 级 profusions in too few zones for 贰期 fall to 壹期 rather than to no stage',
  '贰期 "3级 … 分布范围达到4个肺区" is read as ≥ 4 zones, so that 3级 in > 4 zones without aggregation or large opacity is 贰期',
  '叁期 "有大阴影" (with 3级 > 4 zones) counts any large opacity given, whatever its size',
  'asbestos 壹期 "1级 in 1 zone + 胸膜斑" is read as overall profusion ≥ 1 in ≥ 1 zone + plaques',
]);

const rule = (clause: string): RuleRef => ({
  standard: 'GBZ 70',
  edition: 'GBZ 70-2015',
  clause,
  effectiveFrom: '2016-05-01',
  effectiveTo: null,
  verified: false,
  confidence: 'R',
  note: 'matches GBZ 70-2009 wording on two pages [V]; unchanged in 2015 is unverified [R]',
});

export type AsbestosFindings = {
  pleuralPlaques: boolean;
  /** Plaques involve part of the heart border or the diaphragm surface (心缘或膈面). */
  plaquesInvolveHeartBorderOrDiaphragm: boolean;
  /** A single plaque, or several summed, longer than ½ of one side's chest-wall length. */
  plaqueLengthOverHalfChestWall: boolean;
  /** 心缘蓬乱 (shaggy heart border). */
  shaggyHeartBorder: boolean;
};

export type StagingInput = {
  /** Date of the diagnosis, YYYY-MM-DD. */
  eventDate: string;
  zones: Record<LungZone, Profusion>;
  smallOpacityAggregation: boolean;
  largeOpacities?: { longAxisMm: number; shortAxisMm: number }[];
  /** Present for asbestos exposure (石棉肺): the asbestos criteria are evaluated too. */
  asbestos?: AsbestosFindings;
};

export type Stage = '尘肺壹期' | '尘肺贰期' | '尘肺叁期';

const STAGE_TERMS = { 尘肺壹期: 'term.stage.1', 尘肺贰期: 'term.stage.2', 尘肺叁期: 'term.stage.3' } as const;

export type StagingResult =
  | {
      verdict: 'staged' | 'no_pneumoconiosis_by_imaging';
      stage: Stage | null;
      /** The criterion that matched (or null), as printed in Chinese. */
      criterion: string | null;
      /** The same as a message. */
      criterionMessage: Msg | null;
      overallProfusion: 0 | 1 | 2 | 3;
      zonesWithCategoryAtLeast1: number;
      reasons: Msg[];
      conventions: readonly Msg[];
      verified: false;
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | ErrorResult;

export const stagingSchema: Schema = obj(
  {
    eventDate: date,
    zones: obj(Object.fromEntries(LUNG_ZONES.map((z) => [z, { enum: [...PROFUSION_SUBCATEGORIES] }])), [
      ...LUNG_ZONES,
    ]),
    smallOpacityAggregation: { type: 'boolean' },
    largeOpacities: {
      type: 'array',
      items: obj({ longAxisMm: num('opacityLong'), shortAxisMm: num('opacityShort') }, [
        'longAxisMm',
        'shortAxisMm',
      ]),
      minItems: 0,
      maxItems: 50,
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
);

const category = (p: Profusion): 0 | 1 | 2 | 3 => Number(p[0]) as 0 | 1 | 2 | 3;

/** A short axis longer than the long axis, or plaque findings without plaques, contradict themselves. */
function checkFindings(input: StagingInput): void {
  const issues: Issue[] = [];
  (input.largeOpacities ?? []).forEach((l, i) => {
    if (l.shortAxisMm > l.longAxisMm)
      issues.push({
        path: `largeOpacities.${i}.shortAxisMm`,
        reason: 'contradictory',
        message: msg('input.shortAxisOverLong', { short: String(l.shortAxisMm), long: String(l.longAxisMm) }),
      });
  });
  const a = input.asbestos;
  if (a && !a.pleuralPlaques) {
    for (const k of ['plaquesInvolveHeartBorderOrDiaphragm', 'plaqueLengthOverHalfChestWall'] as const)
      if (a[k])
        issues.push({
          path: `asbestos.${k}`,
          reason: 'contradictory',
          message: msg('input.plaqueWithoutPlaques'),
        });
  }
  if (issues.length > 0) throw new InputError(issues);
}

function stage(input: StagingInput): StagingResult {
  checkFindings(input);
  const ed = editionFor(gbz70Editions, input.eventDate);
  if ('verdict' in ed) return ed;
  const zones = LUNG_ZONES.map((z) => input.zones[z]);
  const aggregation = input.smallOpacityAggregation;
  const large = (input.largeOpacities ?? []).map((l) => ({
    longAxis: l.longAxisMm,
    shortAxis: l.shortAxisMm,
  }));
  const asb: AsbestosFindings | null = input.asbestos ?? null;

  const cats = zones.map(category);
  const overall = Math.max(...cats) as 0 | 1 | 2 | 3;
  const extent = cats.filter((c) => c >= 1).length;
  const zones01 = zones.filter((p) => p === '0/1').length;
  const bigLarge = large.some((l) => l.longAxis >= 20 && l.shortAxis >= 10);

  type Criterion = { stage: Stage; text: string; code: MessageCode; clause: string; test: () => boolean };
  const criteria: Criterion[] = [
    {
      stage: '尘肺叁期',
      clause: '叁期 a',
      code: 'pneu.crit.3a',
      text: '大阴影 长径 ≥ 20 mm 且 短径 ≥ 10 mm',
      test: () => bigLarge,
    },
    {
      stage: '尘肺叁期',
      clause: '叁期 b',
      code: 'pneu.crit.3b',
      text: '总体密集度 3 级, 分布范围 > 4 个肺区, 伴小阴影聚集',
      test: () => overall === 3 && extent > 4 && aggregation,
    },
    {
      stage: '尘肺叁期',
      clause: '叁期 c',
      code: 'pneu.crit.3c',
      text: '总体密集度 3 级, 分布范围 > 4 个肺区, 伴大阴影',
      test: () => overall === 3 && extent > 4 && large.length > 0,
    },
    {
      stage: '尘肺叁期',
      clause: '叁期 (石棉肺)',
      code: 'pneu.crit.3asb',
      text: '石棉肺: 总体密集度 3 级, 分布范围 > 4 个肺区, 胸膜斑长度之和 > 单侧胸壁长度 1/2 或 心缘蓬乱',
      test: () =>
        asb !== null &&
        asb.pleuralPlaques &&
        overall === 3 &&
        extent > 4 &&
        (asb.plaqueLengthOverHalfChestWall || asb.shaggyHeartBorder),
    },
    {
      stage: '尘肺贰期',
      clause: '贰期 a',
      code: 'pneu.crit.2a',
      text: '总体密集度 2 级, 分布范围 > 4 个肺区',
      test: () => overall === 2 && extent > 4,
    },
    {
      stage: '尘肺贰期',
      clause: '贰期 b',
      code: 'pneu.crit.2b',
      text: '总体密集度 3 级, 分布范围达到 4 个肺区（按 ≥ 4 理解）',
      test: () => overall === 3 && extent >= 4,
    },
    {
      stage: '尘肺贰期',
      clause: '贰期 (石棉肺)',
      code: 'pneu.crit.2asb',
      text: '石棉肺: 总体密集度 1 级 分布范围 > 4 个肺区, 或 2 级 达到 4 个肺区, 伴胸膜斑累及部分心缘或膈面',
      test: () =>
        asb !== null &&
        asb.pleuralPlaques &&
        asb.plaquesInvolveHeartBorderOrDiaphragm &&
        ((overall >= 1 && extent > 4) || (overall >= 2 && extent >= 4)),
    },
    {
      stage: '尘肺壹期',
      clause: '壹期 a',
      code: 'pneu.crit.1a',
      text: '总体密集度 1 级（按 ≥ 1 理解）, 分布范围至少达到 2 个肺区',
      test: () => overall >= 1 && extent >= 2,
    },
    {
      stage: '尘肺壹期',
      clause: '壹期 (石棉肺)',
      code: 'pneu.crit.1asb',
      text: '石棉肺: 总体密集度 1 级, 分布范围 1 个肺区, 伴胸膜斑; 或 总体密集度 0 级 但至少 2 个肺区 0/1, 伴胸膜斑',
      test: () =>
        asb !== null &&
        asb.pleuralPlaques &&
        ((overall >= 1 && extent >= 1) || (overall === 0 && zones01 >= 2)),
    },
  ];
  const reasons: Msg[] = [
    msg(bigLarge ? 'pneu.summaryBig' : 'pneu.summary', {
      overall,
      extent,
      aggregation: msg(aggregation ? 'term.present' : 'term.absent'),
      large: large.length,
    }),
  ];
  if (asb)
    reasons.push(msg('pneu.asbestos', { plaques: msg(asb.pleuralPlaques ? 'term.present' : 'term.absent') }));
  const hit = criteria.find((c) => c.test());
  const base = {
    overallProfusion: overall,
    zonesWithCategoryAtLeast1: extent,
    conventions: PNEUMOCONIOSIS_CONVENTION_MESSAGES,
    verified: false as const,
    edition: ed.edition,
  };
  if (!hit) {
    reasons.push(msg('pneu.none'));
    return {
      verdict: 'no_pneumoconiosis_by_imaging',
      stage: null,
      criterion: null,
      criterionMessage: null,
      reasons,
      ...base,
      clause: '分期',
      rule: rule('分期'),
    };
  }
  const criterionMessage = msg(hit.code);
  reasons.push(msg('pneu.staged', { stage: msg(STAGE_TERMS[hit.stage]), criterion: criterionMessage }));
  return {
    verdict: 'staged',
    stage: hit.stage,
    criterion: hit.text,
    criterionMessage,
    reasons,
    ...base,
    clause: hit.clause,
    rule: rule(hit.clause),
  };
}

/** Pneumoconiosis stage by imaging under GBZ 70-2015 (UNVERIFIED criteria, see module comment). */
export function stagePneumoconiosis(input: StagingInput): StagingResult {
  return guard(() => {
    checkSchema(stagingSchema, input);
    return stage(input);
  });
}
