import { enterpriseSizeCodes, getIndustry } from '@ohp/reference';

// 《统计上大中小微型企业划分办法(2017)》(国统字〔2017〕213号), table as in DOMAIN §10.
// X 从业人员 (persons), Y 营业收入 (万元), Z 资产总额 (万元).

export type EnterpriseSize = 'large' | 'medium' | 'small' | 'micro' | 'unknown';
export type SizeIndicator = 'employees' | 'revenueWanYuan' | 'assetsWanYuan';

export type EnterpriseSizeSector =
  | 'agriculture'
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'transport'
  | 'warehousing'
  | 'postal'
  | 'accommodation_catering'
  | 'information_transmission'
  | 'software_it'
  | 'real_estate_development'
  | 'property_management'
  | 'leasing_business_services'
  | 'other';

type SectorRule = {
  sector: EnterpriseSizeSector;
  nameZh: string;
  /** Lower bounds per indicator for large, medium and small; below the small bound on any one → micro. */
  bounds: Partial<Record<SizeIndicator, { large: number; medium: number; small: number }>>;
};

const b = (large: number, medium: number, small: number) => ({ large, medium, small });

export const enterpriseSizeRules: readonly SectorRule[] = Object.freeze([
  { sector: 'agriculture', nameZh: '农、林、牧、渔业', bounds: { revenueWanYuan: b(20000, 500, 50) } },
  {
    sector: 'industry',
    nameZh: '工业',
    bounds: { employees: b(1000, 300, 20), revenueWanYuan: b(40000, 2000, 300) },
  },
  {
    sector: 'construction',
    nameZh: '建筑业',
    bounds: { revenueWanYuan: b(80000, 6000, 300), assetsWanYuan: b(80000, 5000, 300) },
  },
  {
    sector: 'wholesale',
    nameZh: '批发业',
    bounds: { employees: b(200, 20, 5), revenueWanYuan: b(40000, 5000, 1000) },
  },
  {
    sector: 'retail',
    nameZh: '零售业',
    bounds: { employees: b(300, 50, 10), revenueWanYuan: b(20000, 500, 100) },
  },
  {
    sector: 'transport',
    nameZh: '交通运输业',
    bounds: { employees: b(1000, 300, 20), revenueWanYuan: b(30000, 3000, 200) },
  },
  {
    sector: 'warehousing',
    nameZh: '仓储业',
    bounds: { employees: b(200, 100, 20), revenueWanYuan: b(30000, 1000, 100) },
  },
  {
    sector: 'postal',
    nameZh: '邮政业',
    bounds: { employees: b(1000, 300, 20), revenueWanYuan: b(30000, 2000, 100) },
  },
  {
    sector: 'accommodation_catering',
    nameZh: '住宿业、餐饮业',
    bounds: { employees: b(300, 100, 10), revenueWanYuan: b(10000, 2000, 100) },
  },
  {
    sector: 'information_transmission',
    nameZh: '信息传输业',
    bounds: { employees: b(2000, 100, 10), revenueWanYuan: b(100000, 1000, 100) },
  },
  {
    sector: 'software_it',
    nameZh: '软件和信息技术服务业',
    bounds: { employees: b(300, 100, 10), revenueWanYuan: b(10000, 1000, 50) },
  },
  {
    sector: 'real_estate_development',
    nameZh: '房地产开发经营',
    bounds: { revenueWanYuan: b(200000, 1000, 100), assetsWanYuan: b(10000, 5000, 2000) },
  },
  {
    sector: 'property_management',
    nameZh: '物业管理',
    bounds: { employees: b(1000, 300, 100), revenueWanYuan: b(5000, 1000, 500) },
  },
  {
    sector: 'leasing_business_services',
    nameZh: '租赁和商务服务业',
    bounds: { employees: b(300, 100, 10), assetsWanYuan: b(120000, 8000, 100) },
  },
  { sector: 'other', nameZh: '其他未列明行业', bounds: { employees: b(300, 100, 10) } },
]);

const ruleBySector = new Map(enterpriseSizeRules.map((r) => [r.sector, r]));

/**
 * The table row for a GB/T 4754-2017 code, or a reason why it cannot be chosen (unknown code, or a code
 * too coarse to decide: e.g. 'G', '59' or '70' span rows with different thresholds).
 */
export function enterpriseSizeSectorOf(
  industryCode: string,
): { sector: EnterpriseSizeSector } | { error: string } {
  const industry = getIndustry(industryCode);
  if (!industry) return { error: `"${industryCode}" is not a GB/T 4754-2017 code` };
  const code = industry.code;
  const section = industry.section;
  const coarse = {
    error: `industry code ${code} is too coarse to choose a row of the size table; give a more specific code`,
  };
  switch (section) {
    case 'A':
      return { sector: 'agriculture' };
    case 'B':
    case 'C':
    case 'D':
      return { sector: 'industry' };
    case 'E':
      return { sector: 'construction' };
    case 'F':
      if (industry.level === 1) return coarse;
      return { sector: code.startsWith('51') ? 'wholesale' : 'retail' };
    case 'G': {
      if (industry.level === 1) return coarse;
      const div = code.slice(0, 2);
      // 591 装卸搬运 counts as 交通运输业, the rest of 59 as 仓储业; 53 铁路 is outside the 交通运输业 row.
      if (div === '59') {
        if (code.length === 2) return coarse;
        return { sector: code.startsWith('591') ? 'transport' : 'warehousing' };
      }
      if (div === '60') return { sector: 'postal' };
      if (div === '53') return { sector: 'other' };
      return { sector: 'transport' };
    }
    case 'H':
      return { sector: 'accommodation_catering' };
    case 'I':
      if (industry.level === 1) return coarse;
      return { sector: code.startsWith('65') ? 'software_it' : 'information_transmission' };
    case 'K':
      if (code.length < 3) return coarse;
      if (code.startsWith('701')) return { sector: 'real_estate_development' };
      if (code.startsWith('702')) return { sector: 'property_management' };
      return { sector: 'other' };
    case 'L':
      return { sector: 'leasing_business_services' };
    // 其他未列明行业. Whether the 办法 covers every one of these 门类 (e.g. J 金融业) was not checked.
    case 'J':
    case 'M':
    case 'N':
    case 'O':
    case 'P':
    case 'Q':
    case 'R':
    case 'S':
    case 'T':
      return { sector: 'other' };
  }
}

const SIZES = ['micro', 'small', 'medium', 'large'] as const;
type KnownSize = (typeof SIZES)[number];
const INDICATOR_ZH: Record<SizeIndicator, string> = {
  employees: '从业人员',
  revenueWanYuan: '营业收入',
  assetsWanYuan: '资产总额',
};

export type EnterpriseSizeInput = {
  industryCode: string;
  employees?: number | null;
  revenueWanYuan?: number | null;
  assetsWanYuan?: number | null;
};

export type EnterpriseSizeResult = {
  size: EnterpriseSize;
  /** The table row applied, or null when the industry could not be placed. */
  sector: EnterpriseSizeSector | null;
  sectorNameZh: string | null;
  /** Size reached by each indicator the row uses (null when missing). */
  byIndicator: Partial<Record<SizeIndicator, KnownSize | null>>;
  reasons: string[];
};

/**
 * Classifies an enterprise under the 2017 办法. Large, medium and small require every indicator of the
 * row to reach that size's lower bound (otherwise the next size down); micro needs only one indicator
 * below the small bound. Hence size = the smallest per-indicator size. A missing indicator gives
 * 'unknown' unless a present one is already below the small bound (then micro regardless).
 */
export function computeEnterpriseSize(input: EnterpriseSizeInput): EnterpriseSizeResult {
  const placed = enterpriseSizeSectorOf(input.industryCode);
  if ('error' in placed) {
    return { size: 'unknown', sector: null, sectorNameZh: null, byIndicator: {}, reasons: [placed.error] };
  }
  const rule = ruleBySector.get(placed.sector);
  if (!rule) throw new Error(`no size rule for ${placed.sector}`);
  const reasons: string[] = [];
  const byIndicator: EnterpriseSizeResult['byIndicator'] = {};
  const missing: SizeIndicator[] = [];
  let smallest: KnownSize | null = null;

  for (const [indicator, bounds] of Object.entries(rule.bounds) as [
    SizeIndicator,
    { large: number; medium: number; small: number },
  ][]) {
    const value = input[indicator];
    if (value === undefined || value === null) {
      byIndicator[indicator] = null;
      missing.push(indicator);
      continue;
    }
    if (!Number.isFinite(value) || value < 0) {
      byIndicator[indicator] = null;
      missing.push(indicator);
      reasons.push(`${indicator} (${INDICATOR_ZH[indicator]}) must be a non-negative number`);
      continue;
    }
    const size: KnownSize =
      value >= bounds.large
        ? 'large'
        : value >= bounds.medium
          ? 'medium'
          : value >= bounds.small
            ? 'small'
            : 'micro';
    byIndicator[indicator] = size;
    reasons.push(`${INDICATOR_ZH[indicator]} ${value} → ${size}`);
    if (smallest === null || SIZES.indexOf(size) < SIZES.indexOf(smallest)) smallest = size;
  }

  let size: EnterpriseSize;
  if (smallest === 'micro') {
    size = 'micro';
    if (missing.length > 0)
      reasons.push(`one indicator is below the small bound, so micro regardless of ${missing.join(', ')}`);
  } else if (missing.length > 0) {
    size = 'unknown';
    reasons.push(`${rule.nameZh} needs ${missing.map((m) => `${m} (${INDICATOR_ZH[m]})`).join(' and ')}`);
  } else {
    size = smallest ?? 'unknown';
  }
  return { size, sector: rule.sector, sectorNameZh: rule.nameZh, byIndicator, reasons };
}

const SIZE_CODE: Record<EnterpriseSize, string> = {
  large: '002',
  medium: '003',
  small: '004',
  micro: '006',
  unknown: '005',
};

/** The C_ZYB_1.7 reporting code for a size (002 大, 003 中, 004 小, 006 微型, 005 不详). */
export function enterpriseSizeCode(size: EnterpriseSize): string {
  const code = SIZE_CODE[size];
  if (!enterpriseSizeCodes.some((e) => e.code === code))
    throw new Error(`size code ${code} missing from table`);
  return code;
}
