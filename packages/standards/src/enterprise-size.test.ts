import { describe, it, expect } from 'vitest';
import {
  computeEnterpriseSize,
  enterpriseSizeCode,
  type EnterpriseSize,
  type EnterpriseSizeSector,
} from './enterprise-size';
import { getIndustry } from '@ohp/reference';

type Case = [
  industryCode: string,
  X: number | undefined,
  Y: number | undefined,
  Z: number | undefined,
  sector: EnterpriseSizeSector | null,
  size: EnterpriseSize,
];
const _ = undefined;

// Hand-worked against the DOMAIN §10 table: each lower bound met exactly, and missed by one.
const cases: Case[] = [
  // 农、林、牧、渔业: Y only
  ['0111', _, 20000, _, 'agriculture', 'large'],
  ['0111', _, 19999, _, 'agriculture', 'medium'],
  ['0111', _, 500, _, 'agriculture', 'medium'],
  ['0111', _, 499, _, 'agriculture', 'small'],
  ['0111', 5000, 50, _, 'agriculture', 'small'],
  ['0111', _, 49, _, 'agriculture', 'micro'],
  // 工业: X and Y
  ['3011', 1000, 40000, _, 'industry', 'large'],
  ['3011', 999, 40000, _, 'industry', 'medium'],
  ['3011', 1000, 39999, _, 'industry', 'medium'],
  ['3011', 300, 2000, _, 'industry', 'medium'],
  ['3011', 299, 2000, _, 'industry', 'small'],
  ['3011', 300, 1999, _, 'industry', 'small'],
  ['0610', 20, 300, _, 'industry', 'small'],
  ['0610', 19, 300, _, 'industry', 'micro'],
  ['4411', 5000, 299, _, 'industry', 'micro'],
  // 建筑业: Y and Z
  ['4710', _, 80000, 80000, 'construction', 'large'],
  ['4710', _, 80000, 79999, 'construction', 'medium'],
  ['4710', _, 6000, 5000, 'construction', 'medium'],
  ['4710', _, 5999, 5000, 'construction', 'small'],
  ['4710', _, 300, 300, 'construction', 'small'],
  ['4710', _, 299, 1000000, 'construction', 'micro'],
  ['4710', _, 1000000, 299, 'construction', 'micro'],
  // 批发业
  ['5111', 200, 40000, _, 'wholesale', 'large'],
  ['5111', 199, 40000, _, 'wholesale', 'medium'],
  ['5111', 20, 5000, _, 'wholesale', 'medium'],
  ['5111', 20, 4999, _, 'wholesale', 'small'],
  ['5111', 5, 1000, _, 'wholesale', 'small'],
  ['5111', 4, 1000, _, 'wholesale', 'micro'],
  ['5111', 5, 999, _, 'wholesale', 'micro'],
  // 零售业
  ['5211', 300, 20000, _, 'retail', 'large'],
  ['5211', 50, 500, _, 'retail', 'medium'],
  ['5211', 49, 500, _, 'retail', 'small'],
  ['5211', 10, 100, _, 'retail', 'small'],
  ['5211', 9, 100, _, 'retail', 'micro'],
  ['5211', 10, 99, _, 'retail', 'micro'],
  // 交通运输业 (incl. 591 装卸搬运)
  ['5411', 1000, 30000, _, 'transport', 'large'],
  ['5411', 300, 3000, _, 'transport', 'medium'],
  ['5411', 300, 2999, _, 'transport', 'small'],
  ['5910', 20, 200, _, 'transport', 'small'],
  ['5910', 20, 199, _, 'transport', 'micro'],
  // 仓储业 (59 except 591)
  ['5920', 200, 30000, _, 'warehousing', 'large'],
  ['5920', 199, 30000, _, 'warehousing', 'medium'],
  ['5920', 100, 1000, _, 'warehousing', 'medium'],
  ['5920', 99, 1000, _, 'warehousing', 'small'],
  ['5920', 20, 100, _, 'warehousing', 'small'],
  ['5920', 19, 100, _, 'warehousing', 'micro'],
  // 邮政业
  ['6010', 1000, 30000, _, 'postal', 'large'],
  ['6010', 300, 2000, _, 'postal', 'medium'],
  ['6010', 300, 1999, _, 'postal', 'small'],
  ['6010', 20, 100, _, 'postal', 'small'],
  ['6010', 20, 99, _, 'postal', 'micro'],
  // 住宿业 / 餐饮业
  ['6110', 300, 10000, _, 'accommodation_catering', 'large'],
  ['6210', 100, 2000, _, 'accommodation_catering', 'medium'],
  ['6210', 99, 2000, _, 'accommodation_catering', 'small'],
  ['6210', 10, 100, _, 'accommodation_catering', 'small'],
  ['6210', 9, 100, _, 'accommodation_catering', 'micro'],
  // 信息传输业
  ['6311', 2000, 100000, _, 'information_transmission', 'large'],
  ['6311', 1999, 100000, _, 'information_transmission', 'medium'],
  ['6311', 100, 1000, _, 'information_transmission', 'medium'],
  ['6311', 10, 100, _, 'information_transmission', 'small'],
  ['6311', 10, 99, _, 'information_transmission', 'micro'],
  // 软件和信息技术服务业
  ['6513', 300, 10000, _, 'software_it', 'large'],
  ['6513', 100, 1000, _, 'software_it', 'medium'],
  ['6513', 100, 999, _, 'software_it', 'small'],
  ['6513', 10, 50, _, 'software_it', 'small'],
  ['6513', 10, 49, _, 'software_it', 'micro'],
  // 房地产开发经营: Y and Z
  ['7010', _, 200000, 10000, 'real_estate_development', 'large'],
  ['7010', _, 199999, 10000, 'real_estate_development', 'medium'],
  ['7010', _, 1000, 5000, 'real_estate_development', 'medium'],
  ['7010', _, 100, 2000, 'real_estate_development', 'small'],
  ['7010', _, 100, 1999, 'real_estate_development', 'micro'],
  // 物业管理
  ['7020', 1000, 5000, _, 'property_management', 'large'],
  ['7020', 300, 1000, _, 'property_management', 'medium'],
  ['7020', 100, 500, _, 'property_management', 'small'],
  ['7020', 99, 500, _, 'property_management', 'micro'],
  ['7020', 100, 499, _, 'property_management', 'micro'],
  // 租赁和商务服务业: X and Z (revenue is not an indicator)
  ['7111', 300, 1, 120000, 'leasing_business_services', 'large'],
  ['7111', 100, _, 8000, 'leasing_business_services', 'medium'],
  ['7111', 100, _, 7999, 'leasing_business_services', 'small'],
  ['7111', 10, _, 100, 'leasing_business_services', 'small'],
  ['7111', 10, _, 99, 'leasing_business_services', 'micro'],
  // 其他未列明行业: X only (incl. 703 中介, and 53 铁路 which the 交通运输业 row excludes)
  ['7310', 300, _, _, 'other', 'large'],
  ['7310', 299, _, _, 'other', 'medium'],
  ['7310', 100, _, _, 'other', 'medium'],
  ['7030', 99, _, _, 'other', 'small'],
  ['5311', 10, _, _, 'other', 'small'],
  ['5311', 9, _, _, 'other', 'micro'],
];

describe('computeEnterpriseSize', () => {
  it.each(cases)(
    'does classify %s with X=%s Y=%s Z=%s as %s/%s',
    (industryCode, employees, revenueWanYuan, assetsWanYuan, sector, size) => {
      expect(getIndustry(industryCode)).toBeDefined();
      const result = computeEnterpriseSize({ industryCode, employees, revenueWanYuan, assetsWanYuan });
      expect(result.sector).toBe(sector);
      expect(result.size).toBe(size);
    },
  );

  it('does return unknown when a needed indicator is missing and no other is micro', () => {
    const result = computeEnterpriseSize({ industryCode: '3011', employees: 500 });
    expect(result.size).toBe('unknown');
    expect(result.reasons.join(' ')).toContain('revenueWanYuan');
  });

  it('does return micro when one indicator is below the small bound and another is missing', () => {
    expect(computeEnterpriseSize({ industryCode: '3011', employees: 19 }).size).toBe('micro');
  });

  it('does return unknown when the industry is too coarse or not a code', () => {
    expect(computeEnterpriseSize({ industryCode: 'G', employees: 10, revenueWanYuan: 10 })).toMatchObject({
      size: 'unknown',
      sector: null,
    });
    expect(computeEnterpriseSize({ industryCode: '59', employees: 10, revenueWanYuan: 10 }).size).toBe(
      'unknown',
    );
    expect(computeEnterpriseSize({ industryCode: '70', employees: 10 }).size).toBe('unknown');
    expect(computeEnterpriseSize({ industryCode: '9999', employees: 10 }).reasons[0]).toContain(
      'not a GB/T 4754-2017 code',
    );
  });

  it('does return unknown when an indicator is negative or not a number', () => {
    expect(computeEnterpriseSize({ industryCode: '7310', employees: -1 }).size).toBe('unknown');
    expect(computeEnterpriseSize({ industryCode: '7310', employees: Number.NaN }).size).toBe('unknown');
  });

  it('does map sizes to the C_ZYB_1.7 codes when asked', () => {
    expect((['large', 'medium', 'small', 'micro', 'unknown'] as const).map(enterpriseSizeCode)).toEqual([
      '002',
      '003',
      '004',
      '006',
      '005',
    ]);
  });
});
