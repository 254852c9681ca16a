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
import { checkArray, checkDate, checkNumber, checkObject, editionFor, guard, InputError } from './rules';

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

export type StagingResult =
  | {
      verdict: 'staged' | 'no_pneumoconiosis_by_imaging';
      stage: Stage | null;
      /** The criterion that matched (or null). */
      criterion: string | null;
      overallProfusion: 0 | 1 | 2 | 3;
      zonesWithCategoryAtLeast1: number;
      reasons: string[];
      conventions: readonly string[];
      verified: false;
      edition: string;
      clause: string;
      rule: RuleRef;
    }
  | ErrorResult;

const category = (p: Profusion): 0 | 1 | 2 | 3 => Number(p[0]) as 0 | 1 | 2 | 3;

function stage(input: StagingInput): StagingResult {
  const o = checkObject(input, 'input');
  const date = checkDate(o.eventDate, 'eventDate');
  const ed = editionFor(gbz70Editions, date);
  if ('verdict' in ed) return ed;
  const zo = checkObject(o.zones, 'zones');
  const zones = LUNG_ZONES.map((z) => {
    const p = zo[z];
    if (typeof p !== 'string' || !(PROFUSION_SUBCATEGORIES as readonly string[]).includes(p)) {
      throw new InputError(`zones.${z} must be one of ${PROFUSION_SUBCATEGORIES.join(' ')}`);
    }
    return p as Profusion;
  });
  if (typeof o.smallOpacityAggregation !== 'boolean')
    throw new InputError('smallOpacityAggregation must be true or false');
  const aggregation = o.smallOpacityAggregation;
  const large =
    o.largeOpacities === undefined
      ? []
      : checkArray(o.largeOpacities, 'largeOpacities').map((l, i) => {
          const lo = checkObject(l, `largeOpacities[${i}]`);
          const longAxis = checkNumber(lo.longAxisMm, `largeOpacities[${i}].longAxisMm`, { positive: true });
          const shortAxis = checkNumber(lo.shortAxisMm, `largeOpacities[${i}].shortAxisMm`, {
            positive: true,
          });
          if (shortAxis > longAxis)
            throw new InputError(`largeOpacities[${i}]: short axis exceeds long axis`);
          return { longAxis, shortAxis };
        });
  let asb: AsbestosFindings | null = null;
  if (o.asbestos !== undefined) {
    const ao = checkObject(o.asbestos, 'asbestos');
    const b = (k: keyof AsbestosFindings) => {
      if (typeof ao[k] !== 'boolean') throw new InputError(`asbestos.${k} must be true or false`);
      return ao[k];
    };
    asb = {
      pleuralPlaques: b('pleuralPlaques'),
      plaquesInvolveHeartBorderOrDiaphragm: b('plaquesInvolveHeartBorderOrDiaphragm'),
      plaqueLengthOverHalfChestWall: b('plaqueLengthOverHalfChestWall'),
      shaggyHeartBorder: b('shaggyHeartBorder'),
    };
  }

  const cats = zones.map(category);
  const overall = Math.max(...cats) as 0 | 1 | 2 | 3;
  const extent = cats.filter((c) => c >= 1).length;
  const zones01 = zones.filter((p) => p === '0/1').length;
  const bigLarge = large.some((l) => l.longAxis >= 20 && l.shortAxis >= 10);

  type Criterion = { stage: Stage; text: string; clause: string; test: () => boolean };
  const criteria: Criterion[] = [
    {
      stage: '尘肺叁期',
      clause: '叁期 a',
      text: '大阴影 长径 ≥ 20 mm 且 短径 ≥ 10 mm',
      test: () => bigLarge,
    },
    {
      stage: '尘肺叁期',
      clause: '叁期 b',
      text: '总体密集度 3 级, 分布范围 > 4 个肺区, 伴小阴影聚集',
      test: () => overall === 3 && extent > 4 && aggregation,
    },
    {
      stage: '尘肺叁期',
      clause: '叁期 c',
      text: '总体密集度 3 级, 分布范围 > 4 个肺区, 伴大阴影',
      test: () => overall === 3 && extent > 4 && large.length > 0,
    },
    {
      stage: '尘肺叁期',
      clause: '叁期 (石棉肺)',
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
      text: '总体密集度 2 级, 分布范围 > 4 个肺区',
      test: () => overall === 2 && extent > 4,
    },
    {
      stage: '尘肺贰期',
      clause: '贰期 b',
      text: '总体密集度 3 级, 分布范围达到 4 个肺区 (read as ≥ 4)',
      test: () => overall === 3 && extent >= 4,
    },
    {
      stage: '尘肺贰期',
      clause: '贰期 (石棉肺)',
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
      text: '总体密集度 1 级 (read as ≥ 1), 分布范围至少达到 2 个肺区',
      test: () => overall >= 1 && extent >= 2,
    },
    {
      stage: '尘肺壹期',
      clause: '壹期 (石棉肺)',
      text: '石棉肺: 总体密集度 1 级, 分布范围 1 个肺区, 伴胸膜斑; 或 总体密集度 0 级 但至少 2 个肺区 0/1, 伴胸膜斑',
      test: () =>
        asb !== null &&
        asb.pleuralPlaques &&
        ((overall >= 1 && extent >= 1) || (overall === 0 && zones01 >= 2)),
    },
  ];
  const reasons = [
    `总体密集度 ${overall} 级; 分布范围 ${extent} 个肺区 (category ≥ 1); 小阴影聚集 ${aggregation ? '有' : '无'}; 大阴影 ${large.length}${bigLarge ? ' (≥ 20 × 10 mm)' : ''}`,
  ];
  if (asb) reasons.push(`石棉: 胸膜斑 ${asb.pleuralPlaques ? '有' : '无'}`);
  const hit = criteria.find((c) => c.test());
  const base = {
    overallProfusion: overall,
    zonesWithCategoryAtLeast1: extent,
    conventions: PNEUMOCONIOSIS_CONVENTIONS,
    verified: false as const,
    edition: ed.edition,
  };
  if (!hit) {
    reasons.push('no stage criterion matched (evaluated 叁期 → 贰期 → 壹期): not pneumoconiosis by imaging');
    return {
      verdict: 'no_pneumoconiosis_by_imaging',
      stage: null,
      criterion: null,
      reasons,
      ...base,
      clause: '分期',
      rule: rule('分期'),
    };
  }
  reasons.push(`${hit.stage}: ${hit.text} (criteria UNVERIFIED against the 2015 text)`);
  return {
    verdict: 'staged',
    stage: hit.stage,
    criterion: hit.text,
    reasons,
    ...base,
    clause: hit.clause,
    rule: rule(hit.clause),
  };
}

/** Pneumoconiosis stage by imaging under GBZ 70-2015 (UNVERIFIED criteria, see module comment). */
export function stagePneumoconiosis(input: StagingInput): StagingResult {
  return guard(() => stage(input));
}
