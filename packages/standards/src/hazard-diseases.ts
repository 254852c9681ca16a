/**
 * Which occupational diseases a hazard factor can cause: a mapping from the 2015 hazard-factor catalogue
 * to each edition of the occupational-disease catalogue (2013; 2024 from 2025-08-01), using the ids of
 * @ohp/reference. Only pairs justified by the catalogues' own wording are listed (a disease named after its
 * agent, a shared root, a 限于 scope note, or the GBZ 2.1-2019 critical effect of the agent); every other
 * pair is 'unknown' — never 'no'.
 */
import type { Disease, DiseaseEdition, HazardFactor } from '@ohp/reference';
import { diseaseCatalogueFor, diseasesByEdition, getDisease, getHazardFactor } from '@ohp/reference';
import type { ErrorResult } from './rules';
import { checkSchema, errorResult, guard, InputError, refuse } from './rules';
import type { Msg } from './messages';
import { msg } from './messages';
import type { Issue } from './validate';
import { hazardCanCauseSchema, hazardDiseasesSchema } from './schemas';

export type MappingBasis =
  /** The disease's catalogue name is the agent's name + 中毒 / 病 / 所致…, or contains the agent's name. */
  | 'named-after-agent'
  /** Hazard and disease names share their distinctive root (电焊烟尘 / 电焊工尘肺, 高原低氧 / 高原病). */
  | 'shared-root'
  /** The disease's 限于 note names the work the hazard is (井下, 刮研作业). */
  | 'scope-note'
  /** GBZ 2.1-2019 表2 gives the disease as the agent's critical adverse health effect. */
  | 'oel-critical-effect';

export type HazardDiseaseMapping = {
  hazardId: string;
  /** Exact catalogue name of the disease. */
  disease: string;
  /** Editions where the disease carries this exact name (default both). */
  editions?: DiseaseEdition[];
  basis: MappingBasis;
  note?: string;
};

const SOURCE =
  '《职业病危害因素分类目录》(2015) and 《职业病分类和目录》(2013, 2024) wording, as shipped in @ohp/reference; pairs chosen by this package (see docs/STANDARDS.md)';

const named = (hazardId: string, ...diseases: string[]): HazardDiseaseMapping[] =>
  diseases.map((disease) => ({ hazardId, disease, basis: 'named-after-agent' as const }));

export const hazardDiseaseMappings: readonly HazardDiseaseMapping[] = Object.freeze([
  // 粉尘 → 尘肺病 and other respiratory diseases
  ...named('1-1', '矽肺'),
  ...named('1-2', '煤工尘肺'),
  ...named('1-3', '石墨尘肺'),
  {
    hazardId: '1-4',
    disease: '碳黑尘肺',
    basis: 'named-after-agent',
    note: '炭黑 (hazard) / 碳黑 (disease): variant writing of the same agent',
  },
  ...named('1-5', '石棉肺', '石棉所致肺癌、间皮瘤'),
  ...named('1-6', '滑石尘肺'),
  ...named('1-7', '水泥尘肺'),
  ...named('1-8', '云母尘肺'),
  { hazardId: '1-9', disease: '陶工尘肺', basis: 'shared-root', note: '陶土粉尘 / 陶工尘肺' },
  ...named('1-10', '铝尘肺'),
  { hazardId: '1-11', disease: '电焊工尘肺', basis: 'shared-root', note: '电焊烟尘 / 电焊工尘肺' },
  { hazardId: '1-12', disease: '铸工尘肺', basis: 'shared-root', note: '铸造粉尘 / 铸工尘肺' },
  {
    hazardId: '1-30',
    disease: '棉尘病',
    basis: 'oel-critical-effect',
    note: 'GBZ 2.1-2019 表2 row 22 麻尘: critical effect 棉尘病',
  },
  ...named('1-31', '棉尘病'),
  ...['1-47', '1-48', '1-49', '1-50'].map((hazardId) => ({
    hazardId,
    disease: '金属及其化合物粉尘肺沉着病（锡、铁、锑、钡及其化合物等）',
    basis: 'named-after-agent' as const,
    note: 'the disease names 锡、铁、锑、钡 (重晶石粉尘 is 硫酸钡)',
  })),
  { hazardId: '1-51', disease: '硬金属肺病', basis: 'shared-root', note: '硬质合金 (hard metal) / 硬金属' },
  // 化学因素 → 职业性化学中毒 (the first 59 chemical factors of 2015 follow the 2013 poisoning list)
  ...named('2-1', '铅及其化合物中毒（不包括四乙基铅）'),
  ...named('2-2', '汞及其化合物中毒'),
  ...named('2-3', '锰及其化合物中毒'),
  ...named('2-4', '镉及其化合物中毒'),
  ...named('2-5', '铍病'),
  ...named('2-6', '铊及其化合物中毒'),
  ...named('2-7', '钡及其化合物中毒'),
  ...named('2-8', '钒及其化合物中毒'),
  ...named('2-9', '磷及其化合物中毒'),
  ...named('2-10', '砷及其化合物中毒', '砷及其化合物所致肺癌、皮肤癌'),
  ...named('2-11', '铀及其化合物中毒'),
  ...named('2-12', '砷化氢中毒'),
  ...named('2-13', '氯气中毒'),
  ...named('2-14', '二氧化硫中毒'),
  ...named('2-15', '光气中毒'),
  ...named('2-16', '氨中毒'),
  ...named('2-17', '偏二甲基肼中毒'),
  ...named('2-18', '氮氧化合物中毒'),
  ...named('2-19', '一氧化碳中毒'),
  ...named('2-20', '二硫化碳中毒'),
  ...named('2-21', '硫化氢中毒'),
  ...named('2-22', '磷化氢、磷化锌、磷化铝中毒'),
  ...named('2-23', '氟及其无机化合物中毒'),
  ...named('2-24', '氰及腈类化合物中毒'),
  ...named('2-25', '四乙基铅中毒'),
  ...named('2-26', '有机锡中毒'),
  ...named('2-27', '羰基镍中毒'),
  ...named('2-28', '苯中毒', '苯所致白血病'),
  ...named('2-29', '甲苯中毒'),
  ...named('2-30', '二甲苯中毒'),
  ...named('2-31', '正己烷中毒'),
  ...named('2-32', '汽油中毒'),
  ...named('2-33', '一甲胺中毒'),
  ...named('2-34', '有机氟聚合物单体及其热裂解物中毒'),
  ...named('2-35', '二氯乙烷中毒'),
  ...named('2-36', '四氯化碳中毒'),
  ...named('2-37', '氯乙烯中毒', '氯乙烯所致肝血管肉瘤'),
  ...named('2-38', '三氯乙烯中毒'),
  ...named('2-39', '氯丙烯中毒'),
  ...named('2-40', '氯丁二烯中毒'),
  ...named('2-41', '苯的氨基及硝基化合物（不包括三硝基甲苯）中毒'),
  ...named('2-42', '三硝基甲苯中毒'),
  {
    hazardId: '2-42',
    disease: '白内障（含放射性白内障、三硝基甲苯白内障）',
    editions: ['2013'],
    basis: 'named-after-agent',
  },
  {
    hazardId: '2-42',
    disease: '白内障（含三硝基甲苯白内障）',
    editions: ['2024'],
    basis: 'named-after-agent',
  },
  ...named('2-43', '甲醇中毒'),
  ...named('2-44', '酚中毒'),
  ...named('2-45', '五氯酚（钠）中毒'),
  ...named('2-46', '甲醛中毒'),
  ...named('2-47', '硫酸二甲酯中毒'),
  ...named('2-48', '丙烯酰胺中毒'),
  ...named('2-49', '二甲基甲酰胺中毒'),
  ...named('2-50', '有机磷中毒'),
  ...named('2-51', '氨基甲酸酯类中毒'),
  ...named('2-52', '杀虫脒中毒'),
  ...named('2-53', '溴甲烷中毒'),
  ...named('2-54', '拟除虫菊酯类中毒'),
  ...named('2-55', '铟及其化合物中毒'),
  ...named('2-56', '溴丙烷中毒'),
  ...named('2-57', '碘甲烷中毒'),
  ...named('2-58', '氯乙酸中毒'),
  ...named('2-59', '环氧乙烷中毒'),
  // 化学因素 → other named diseases
  ...named('2-134', '铬鼻病'),
  {
    hazardId: '2-134',
    disease: '六价铬化合物所致肺癌',
    basis: 'named-after-agent',
    note: 'hexavalent chromium compounds are a subset of 铬及其化合物',
  },
  ...named('2-142', '焦炉逸散物所致肺癌'),
  ...named('2-143', '煤焦油、煤焦油沥青、石油沥青所致皮肤癌'),
  ...named('2-144', '煤焦油、煤焦油沥青、石油沥青所致皮肤癌'),
  ...named('2-147', '煤焦油、煤焦油沥青、石油沥青所致皮肤癌'),
  ...named('2-153', '联苯胺所致膀胱癌'),
  ...named('2-205', '氯甲醚、双氯甲醚所致肺癌'),
  ...named('2-211', '氯甲醚、双氯甲醚所致肺癌'),
  // 物理因素
  ...named('3-1', '噪声聋'),
  ...named('3-6', '手臂振动病'),
  ...named('3-7', '激光所致眼（角膜、晶状体、视网膜）损伤'),
  { hazardId: '3-5', disease: '高原病', basis: 'shared-root', note: '高原低氧 / 高原病' },
  // 放射性因素
  ...named('4-6', '放射性肿瘤（含矿工高氡暴露所致肺癌）'),
  ...named('4-7', '铀及其化合物中毒'),
  // 生物因素
  ...named('5-1', '艾滋病'),
  ...named('5-2', '布鲁氏菌病'),
  ...named('5-4', '森林脑炎'),
  { hazardId: '5-5', disease: '炭疽', basis: 'named-after-agent', note: '炭疽芽孢杆菌 / 炭疽' },
  // 其他因素
  ...named('6-1', '金属烟热'),
  { hazardId: '6-2', disease: '滑囊炎', basis: 'scope-note', note: '限于井下工人' },
  {
    hazardId: '6-3',
    disease: '股静脉血栓综合征、股动脉闭塞症或淋巴管闭塞症',
    basis: 'scope-note',
    note: '限于刮研作业人员',
  },
] satisfies HazardDiseaseMapping[]);

export const hazardDiseaseMappingSource = SOURCE;

/** Resolves the mapping to disease ids of one edition. Throws if a listed name is not in the edition. */
export function resolvedMappings(
  edition: DiseaseEdition,
): { hazardId: string; disease: Disease; basis: MappingBasis; note?: string }[] {
  const byName = new Map(diseasesByEdition[edition].map((d) => [d.name, d]));
  return hazardDiseaseMappings
    .filter((m) => (m.editions ?? ['2013', '2024']).includes(edition))
    .map((m) => {
      const disease = byName.get(m.disease);
      if (!disease)
        throw new Error(`mapping ${m.hazardId} → ${m.disease}: no such disease in the ${edition} catalogue`);
      return {
        hazardId: m.hazardId,
        disease,
        basis: m.basis,
        ...(m.note === undefined ? {} : { note: m.note }),
      };
    });
}

const resolved: Record<DiseaseEdition, ReturnType<typeof resolvedMappings>> = {
  '2013': resolvedMappings('2013'),
  '2024': resolvedMappings('2024'),
};

function catalogueFor(date: string):
  | {
      edition: DiseaseEdition;
      label: string;
      /** The catalogue in words, for reasons. */
      name: Msg;
      effectiveFrom: string;
      effectiveTo: string | null;
    }
  | ErrorResult {
  try {
    const c = diseaseCatalogueFor(date);
    return {
      edition: c.edition,
      // The edition text, in Chinese as printed; an unconfirmed document number is marked 未确认.
      label: `职业病分类和目录（${c.edition}）${c.documentNo.replace(/\s*\(.*\)\s*$/u, '')}${/unconfirmed/.test(c.documentNo) ? '（文号未确认）' : ''}`,
      // The document number without its English note; an unconfirmed number says so in both languages.
      name: msg(/unconfirmed/.test(c.documentNo) ? 'hd.catalogueUnconfirmed' : 'hd.catalogue', {
        edition: c.edition,
        documentNo: c.documentNo.replace(/\s*\(.*\)\s*$/u, ''),
      }),
      effectiveFrom: c.effectiveFrom,
      effectiveTo: c.effectiveTo,
    };
  } catch {
    return errorResult('date_not_covered', msg('hd.catalogueNotCovered', { date }));
  }
}

export type HazardDiseasesResult =
  | {
      verdict: 'mapped' | 'unknown';
      hazard: HazardFactor;
      diseases: { id: string; name: string; basis: MappingBasis; note?: string; verified: boolean }[];
      reasons: Msg[];
      edition: string;
      clause: string;
      source: string;
    }
  | ErrorResult;

const unknownHazard = (path: string, id: string): Issue => ({
  path,
  reason: 'hazard_unknown',
  message: msg('input.hazardUnknown', { id }),
});

/** The diseases of the catalogue in force on `eventDate` that the hazard is mapped to. */
export function diseasesForHazard(input: { hazardId: string; eventDate: string }): HazardDiseasesResult {
  return guard(() => {
    checkSchema(hazardDiseasesSchema, input);
    const hazard = getHazardFactor(input.hazardId);
    if (!hazard) throw new InputError(unknownHazard('hazardId', input.hazardId));
    const cat = catalogueFor(input.eventDate);
    if ('verdict' in cat) return cat;
    const diseases = resolved[cat.edition]
      .filter((m) => m.hazardId === hazard.id)
      .map((m) => ({
        id: m.disease.id,
        name: m.disease.name,
        basis: m.basis,
        ...(m.note === undefined ? {} : { note: m.note }),
        verified: m.disease.verified,
      }));
    return {
      verdict: diseases.length > 0 ? 'mapped' : 'unknown',
      hazard,
      diseases,
      reasons:
        diseases.length > 0
          ? [
              msg('hd.mapped', {
                hazard: hazard.name,
                diseases: diseases.map((d) => d.name).join('、'),
                catalogue: cat.name,
              }),
            ]
          : [msg('hd.unknown', { hazard: hazard.name })],
      edition: cat.label,
      clause: '职业病分类和目录',
      source: SOURCE,
    };
  });
}

export type HazardCausesResult =
  | {
      verdict: 'yes' | 'unknown';
      diseaseId: string;
      diseaseName: string;
      matchedHazardIds: string[];
      reasons: Msg[];
      edition: string;
      clause: string;
      source: string;
    }
  | ErrorResult;

/**
 * "A suspected occupational disease must be one the examined hazards can cause": 'yes' when one of the
 * hazards is mapped to the disease, otherwise 'unknown' (never 'no': the mapping is incomplete by design).
 * The disease id must belong to the catalogue edition in force on the event date: a disease of the other
 * edition is refused as contradicting the date.
 */
export function canHazardsCause(input: {
  hazardIds: string[];
  diseaseId: string;
  eventDate: string;
}): HazardCausesResult {
  return guard(() => {
    checkSchema(hazardCanCauseSchema, input);
    const date = input.eventDate;
    const issues: Issue[] = [];
    const seen = new Map<string, number>();
    input.hazardIds.forEach((h, i) => {
      if (!getHazardFactor(h)) issues.push(unknownHazard(`hazardIds.${i}`, h));
      const earlier = seen.get(h);
      if (earlier !== undefined)
        issues.push({
          path: `hazardIds.${i}`,
          reason: 'duplicate_entry',
          message: msg('input.duplicateHazard', {
            name: getHazardFactor(h)?.name ?? h,
            other: `hazardIds.${earlier}`,
          }),
        });
      seen.set(h, i);
    });
    const disease = getDisease(input.diseaseId);
    if (!disease)
      issues.push({
        path: 'diseaseId',
        reason: 'disease_unknown',
        message: msg('input.diseaseUnknown', { id: input.diseaseId }),
      });
    if (issues.length > 0) throw new InputError(issues);
    if (!disease)
      return refuse('diseaseId', 'disease_unknown', msg('input.diseaseUnknown', { id: input.diseaseId }));
    const cat = catalogueFor(date);
    if ('verdict' in cat) return cat;
    if (disease.edition !== cat.edition) {
      refuse(
        'diseaseId',
        'contradictory',
        msg('input.diseaseEdition', {
          disease: `${disease.id} ${disease.name}`,
          edition: disease.edition,
          inForce: cat.edition,
          date,
          from: cat.effectiveFrom,
          to: cat.effectiveTo ?? '',
        }),
      );
    }
    const ids = input.hazardIds;
    const matched = ids.filter((h) =>
      resolved[cat.edition].some((m) => m.hazardId === h && m.disease.id === disease.id),
    );
    return {
      verdict: matched.length > 0 ? 'yes' : 'unknown',
      diseaseId: disease.id,
      diseaseName: disease.name,
      matchedHazardIds: matched,
      reasons:
        matched.length > 0
          ? [
              msg('hd.yes', {
                disease: disease.name,
                hazards: matched.map((h) => getHazardFactor(h)?.name ?? h).join('、'),
                catalogue: cat.name,
              }),
            ]
          : [msg('hd.none', { disease: disease.name })],
      edition: cat.label,
      clause: '职业病分类和目录',
      source: SOURCE,
    };
  });
}
