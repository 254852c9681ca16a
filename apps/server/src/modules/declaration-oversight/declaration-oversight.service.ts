/**
 * 申报调度 (issue 17 item 5; R30, R31): declaration rates by region and risk class with both policy
 * denominators against the targets, the gap lists, the quarterly dispatch report (季调度), the provincial
 * sampling check (抽查) and the white / black lists. Rates are computed per request in one set-based
 * statement (repository); nothing is cached, so accepting a declaration moves the figure at once.
 */
import {
  DISPATCH_TITLE_ZH,
  declarationListRules,
  declarationMeasureLabels,
  samplingAssessment,
  type DeclarationMeasure,
  type DeclarationRateEmployer,
  type DeclarationRateEmployersQuery,
  type DeclarationRateRow,
  type DeclarationRatesQuery,
  type DeclarationRatesReport,
  type DeclarationSamplingCheckInput,
  type DeclarationSamplingDetail,
  type DeclarationSamplingDrawInput,
  type DeclarationSamplingSummary,
  type DeclarationSamplingVerify,
  type DeclarationTarget,
  type DispatchQuery,
  type DispatchReport,
  type DispatchRow,
  type OversightListDecisionInput,
  type OversightListEntry,
  type OversightListExportQuery,
  type SamplingExportQuery,
  type OversightListPage,
  type OversightListQuery,
  type Lang,
  type MeasureFigures,
  type VerifiedRate,
} from '@ohp/contracts';
import { childrenOf, chinaToday } from '@ohp/reference';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import {
  chinaDateTime,
  streamListExport,
  yesNoCell,
  type ExportColumn,
} from '../../platform/http/download.js';
import { buildWorkbook, type CellOut } from '../../platform/imports/sheet-write.js';
import { regionName, resolveRegion } from '../equipment/index.js';
import {
  DRAW_METHOD,
  drawUnits,
  naturalKeyOf,
  newSeed,
  populationDigest,
  type Member,
} from './declaration-oversight.draw.js';
import {
  canDecideLists,
  isProvincialSampler,
  provinceOf,
  samplingAbilities,
} from './declaration-oversight.policy.js';
import {
  countSamplings,
  countSamplingUnits,
  employerInScope,
  findDecision,
  findSampling,
  insertSampling,
  latestVerifiedByCity,
  listEntries,
  listSamplings,
  lockSampling,
  lockUnit,
  quarterActivity,
  quarterFollowUps,
  rateEmployers,
  rateFigures,
  recordUnit,
  samplingExportPage,
  samplingPopulation,
  samplingUnitExportPage,
  samplingUnits,
  upsertDecision,
  type BaseParams,
  type FigureRow,
  type ListRow,
  type SamplingRow,
  type UnitRow,
  targetRowsOf,
} from './declaration-oversight.repository.js';

const MEASURES: DeclarationMeasure[] = ['a', 'b', 'industrial', 'all'];

// ---- dates (China, UTC+8) ----------------------------------------------------------------------------

/** The instant a China date starts. */
const chinaStart = (date: string): string => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The same day `n` months earlier (clamped to the month's end). */
export const minusMonths = (date: string, n: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 - n, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
};

/** The base parameters of the figures as of a China date: accepted by its end; overdue when > 13 months. */
export const baseAsOf = (scope: BaseParams['scope'], code: string, asOf: string): BaseParams => ({
  scope,
  code,
  asOfEnd: chinaStart(addDays(asOf, 1)),
  overdueBefore: chinaStart(minusMonths(asOf, 13)),
});

const childLengthOf = (code: string): number => (code.length === 2 ? 4 : code.length === 4 ? 6 : 6);

const num = (v: unknown): number => Number(v ?? 0);
const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);

const figuresOf = (r: FigureRow | undefined): Record<DeclarationMeasure, MeasureFigures> =>
  Object.fromEntries(
    MEASURES.map((m) => {
      const den = num(r?.[`${m}_den`]);
      const dec = num(r?.[`${m}_dec`]);
      return [
        m,
        {
          denominator: den,
          declared: dec,
          gap: den - dec,
          rate: rate(dec, den),
          annualOverdue: num(r?.[`${m}_overdue`]),
          late: num(r?.[`${m}_late`]),
        },
      ];
    }),
  ) as Record<DeclarationMeasure, MeasureFigures>;

// ---- targets -----------------------------------------------------------------------------------------

/** The targets that apply to a province: its own rows, else the national plan's ('00'). */
export const targetsOf = async (db: Kysely<DB>, province: string): Promise<DeclarationTarget[]> => {
  const rows = await targetRowsOf(db, province);
  const out: DeclarationTarget[] = [];
  for (const m of MEASURES) {
    const own = rows.find((r) => r.province_code === province && r.measure === m);
    const national = rows.find((r) => r.province_code === '00' && r.measure === m);
    const r = own ?? national;
    if (!r) continue;
    out.push({
      measure: m,
      provinceCode: r.province_code,
      targetRate: Number(r.target_rate),
      dueOn: String(r.due_on).slice(0, 10),
      sourceZh: r.source_zh,
      sourceEn: r.source_en,
      confidence: r.confidence as 'stated' | 'uncertain',
      own: own !== undefined,
    });
  }
  return out;
};

// ---- rates -------------------------------------------------------------------------------------------

/** A city's verified rate from the latest sampling (cities only; counties and the province elsewhere). */
const verifiedFor = (
  v: Awaited<ReturnType<typeof latestVerifiedByCity>>,
  code: string,
): VerifiedRate | null => {
  if (!v || code.length !== 4) return null;
  const c = v.cities.get(code);
  if (!c) return null;
  return {
    samplingId: v.samplingId,
    year: v.year,
    checked: c.checked,
    declaredAndAccurate: c.good,
    rate: rate(c.good, c.checked),
    provisional: v.provisional,
  };
};

const provinceVerified = (v: Awaited<ReturnType<typeof latestVerifiedByCity>>): VerifiedRate | null => {
  if (!v) return null;
  let checked = 0;
  let good = 0;
  for (const c of v.cities.values()) {
    checked += c.checked;
    good += c.good;
  }
  return {
    samplingId: v.samplingId,
    year: v.year,
    checked,
    declaredAndAccurate: good,
    rate: rate(good, checked),
    provisional: v.provisional,
  };
};

/** Real child regions of a code (not the statistical-only zones), with the groups actually found. */
const childCodes = (code: string, found: string[]): string[] => {
  if (code.length >= 6) return [];
  const real = childrenOf(code)
    .filter((r) => !r.statisticalOnly)
    .map((r) => r.code);
  return [...new Set([...real, ...found.filter((f) => f.startsWith(code) && f !== code)])].sort();
};

export const ratesReport = async (
  db: Kysely<DB>,
  actor: Actor,
  q: DeclarationRatesQuery,
): Promise<DeclarationRatesReport> => {
  const region = resolveRegion(actor, q.region);
  const asOf = q.asOf ?? chinaToday();
  const code = region.code;
  const rows = await rateFigures(db, {
    ...baseAsOf(region.scope, code, asOf),
    childLength: childLengthOf(code),
  });
  const total = rows.find((r) => Number(r.g_grp) === 1 && Number(r.g_risk) === 1);
  const byGroup = new Map(
    rows.filter((r) => Number(r.g_grp) === 0).map((r) => [r.grp as string, r] as const),
  );
  const verified = await latestVerifiedByCity(db, code.slice(0, 2));
  const children = childCodes(code, [...byGroup.keys()]).map((c): DeclarationRateRow => ({
    regionCode: c,
    regionName: regionName(c),
    employers: num(byGroup.get(c)?.employers),
    hasChildren: c.length < 6,
    figures: figuresOf(byGroup.get(c)),
    verified: verifiedFor(verified, c),
  }));
  return {
    regionCode: code,
    regionName: regionName(code),
    parentCode:
      code.length > 2 && region.path.length > 1 ? (region.path[region.path.length - 2]?.code ?? null) : null,
    asOf,
    total: {
      regionCode: code,
      regionName: regionName(code),
      employers: num(total?.employers),
      hasChildren: code.length < 6,
      figures: figuresOf(total),
      verified: code.length === 2 ? provinceVerified(verified) : verifiedFor(verified, code),
    },
    children,
    byRiskClass: ['严重', '一般', '待评价'].map((rc) => ({
      riskClass: rc,
      figures: figuresOf(rows.find((r) => Number(r.g_risk) === 0 && r.risk === rc)),
    })),
    targets: await targetsOf(db, code.slice(0, 2)),
  };
};

const employerOut = (r: Awaited<ReturnType<typeof rateEmployers>>[number]): DeclarationRateEmployer => ({
  employerId: r.organisation_id,
  name: r.name,
  creditCode: r.credit_code,
  regionCode: r.region_code,
  regionName: regionName(r.region_code),
  industryCode: r.industry_code,
  employees: r.employees,
  riskClass: r.risk_class,
  industrial: r.industrial,
  declared: r.declared,
  lastAcceptedAt: r.accepted_at ? new Date(r.accepted_at).toISOString() : null,
  lastType: r.declaration_type,
  annualOverdue: r.overdue,
  late: r.late,
});

export const rateEmployersPage = async (db: Kysely<DB>, actor: Actor, q: DeclarationRateEmployersQuery) => {
  const region = resolveRegion(actor, q.region);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const rows = await rateEmployers(db, {
    ...baseAsOf(region.scope, region.code, q.asOf ?? chinaToday()),
    measure: q.measure ?? 'a',
    status: q.status ?? 'undeclared',
    riskClass: q.riskClass ?? null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { data: rows.map(employerOut), total: num(rows[0]?.total), page, pageSize };
};

const chinaDateTimeOf = (iso: string | null): string | null =>
  iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : null;

const typeLabel: Record<string, { zh: string; en: string }> = {
  initial: { zh: '初次申报', en: 'Initial' },
  change: { zh: '变更申报', en: 'Change' },
  annual: { zh: '年度更新', en: 'Annual update' },
  cancel: { zh: '注销申报', en: 'Cancellation' },
};

/** The gap list (or any status of a measure) as xlsx, every row (no paging). */
export const rateEmployersWorkbook = async (
  db: Kysely<DB>,
  actor: Actor,
  q: DeclarationRateEmployersQuery,
  lang: Lang,
): Promise<{ body: Buffer; names: { zh: string; en: string } }> => {
  const region = resolveRegion(actor, q.region);
  const asOf = q.asOf ?? chinaToday();
  const measure = q.measure ?? 'a';
  const status = q.status ?? 'undeclared';
  const rows = (
    await rateEmployers(db, {
      ...baseAsOf(region.scope, region.code, asOf),
      measure,
      status,
      riskClass: q.riskClass ?? null,
      limit: null,
      offset: 0,
    })
  ).map(employerOut);
  const en = lang === 'en';
  const yes = en ? 'Yes' : '是';
  const no = en ? 'No' : '否';
  const body = await buildWorkbook(
    en ? 'Employers' : '用人单位',
    en
      ? [
          'Employer',
          'Credit code',
          'Region',
          'Industry',
          'Staff',
          'Risk class',
          'Industrial',
          'Declared',
          'Last accepted',
          'Type',
          'Annual update overdue',
          'Late',
        ]
      : [
          '用人单位',
          '统一社会信用代码',
          '所在地区',
          '行业代码',
          '职工人数',
          '风险类别',
          '工业领域',
          '已申报',
          '最近受理时间',
          '申报类型',
          '年度更新逾期',
          '迟报',
        ],
    rows.map((r): CellOut[] => [
      r.name,
      r.creditCode,
      `${r.regionName}（${r.regionCode}）`,
      r.industryCode,
      r.employees,
      r.riskClass,
      r.industrial ? yes : no,
      r.declared ? yes : no,
      chinaDateTimeOf(r.lastAcceptedAt),
      r.lastType ? (typeLabel[r.lastType]?.[en ? 'en' : 'zh'] ?? r.lastType) : null,
      r.annualOverdue ? yes : no,
      r.late ? yes : no,
    ]),
    {
      widths: [40, 22, 24, 10, 10, 10, 8, 8, 18, 12, 12, 8],
      extra: [
        {
          name: en ? 'About' : '说明',
          headers: en ? ['Item', 'Value'] : ['项目', '值'],
          rows: [
            [en ? 'Region' : '地区', `${regionName(region.code)}（${region.code}）`],
            [en ? 'As of' : '截至日期', asOf],
            [en ? 'List' : '口径', declarationMeasureLabels[measure][en ? 'en' : 'zh']],
            [en ? 'Status' : '状态', status],
            [en ? 'Rows' : '行数', rows.length],
          ],
          widths: [20, 60],
        },
      ],
    },
  );
  return {
    body,
    names: {
      zh: `申报缺口名单-${region.code}-${asOf}.xlsx`,
      en: `declaration-gaps-${region.code}-${asOf}.xlsx`,
    },
  };
};

// ---- 季调度 -------------------------------------------------------------------------------------------

export const parseQuarter = (quarter: string): { year: number; q: number; from: string; to: string } => {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  const m = (q - 1) * 3 + 1;
  const from = `${year}-${String(m).padStart(2, '0')}-01`;
  const to = q === 4 ? `${year + 1}-01-01` : `${year}-${String(m + 3).padStart(2, '0')}-01`;
  return { year, q, from, to };
};
const quarterOf = (date: string): string =>
  `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
const previousQuarter = (quarter: string): string => {
  const { year, q } = parseQuarter(quarter);
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
};

export const dispatchReport = async (
  db: Kysely<DB>,
  actor: Actor,
  q: DispatchQuery,
): Promise<DispatchReport> => {
  const region = resolveRegion(actor, q.region);
  const today = chinaToday();
  const quarter = q.quarter ?? previousQuarter(quarterOf(today));
  const { from, to } = parseQuarter(quarter);
  if (from > today) throw invalid([{ path: '/quarter', reason: 'declaration_quarter_future' }]);
  const prevQ = previousQuarter(quarter);
  const end = addDays(to, -1) < today ? addDays(to, -1) : today;
  const prevEnd = addDays(from, -1);
  const code = region.code;
  const childLength = childLengthOf(code);
  const [now, before, activity, verified, followUps] = await Promise.all([
    rateFigures(db, { ...baseAsOf(region.scope, code, end), childLength }),
    rateFigures(db, { ...baseAsOf(region.scope, code, prevEnd), childLength }),
    quarterActivity(db, {
      scope: region.scope,
      code,
      childLength,
      from: chinaStart(from),
      to: chinaStart(to),
    }),
    latestVerifiedByCity(db, code.slice(0, 2)),
    quarterFollowUps(db, { scope: region.scope, code, childLength, fromDay: from, toDay: to }),
  ]);
  const pick = <T extends { grp: string | null; g_grp: number }>(rows: T[], c: string | null) =>
    rows.find((r) => (c === null ? Number(r.g_grp) === 1 : Number(r.g_grp) === 0 && r.grp === c)) as
      (T & Record<string, unknown>) | undefined;
  const onlyTotals = (rows: FigureRow[]) => rows.filter((r) => Number(r.g_risk) === 1);
  const rowOf = (c: string | null): DispatchRow => {
    const n: FigureRow | undefined = pick(onlyTotals(now), c);
    const p: FigureRow | undefined = pick(onlyTotals(before), c);
    const a = pick(activity, c);
    const f = figuresOf(n);
    const pf = figuresOf(p);
    const cell = (m: 'a' | 'b') => ({
      denominator: f[m].denominator,
      declared: f[m].declared,
      rate: f[m].rate,
      previousRate: pf[m].rate,
      change: f[m].rate !== null && pf[m].rate !== null ? f[m].rate - pf[m].rate : null,
    });
    const rc = c ?? code;
    return {
      regionCode: rc,
      regionName: regionName(rc),
      employers: num(n?.employers),
      inProgramme: f.all.denominator,
      a: cell('a'),
      b: cell('b'),
      newInitial: num(a?.new_initial),
      newChange: num(a?.new_change),
      newAnnual: num(a?.new_annual),
      newCancel: num(a?.new_cancel),
      late: num(a?.late),
      annualOverdue: f.all.annualOverdue,
      followUps: num(pick(followUps, c)?.done),
      verified: rc.length === 2 ? provinceVerified(verified) : verifiedFor(verified, rc),
    };
  };
  const found = now.filter((r) => Number(r.g_grp) === 0).map((r) => r.grp as string);
  const children = code.length >= 6 ? [code] : childCodes(code, found);
  return {
    title: DISPATCH_TITLE_ZH,
    quarter,
    from,
    to: addDays(to, -1),
    previousQuarter: prevQ,
    regionCode: code,
    regionName: regionName(code),
    rows:
      code.length >= 6
        ? [rowOf(null)].map((r) => ({ ...r, regionCode: code }))
        : children.map((c) => rowOf(c)),
    total: rowOf(null),
    targets: await targetsOf(db, code.slice(0, 2)),
  };
};

const pct = (v: number | null): string | null => (v === null ? null : `${(v * 100).toFixed(1)}%`);
const pp = (v: number | null): string | null =>
  v === null ? null : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;

export const dispatchWorkbook = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: DispatchQuery,
  lang: Lang,
  /** Where the report is read (the read replica's pick); the audit entry is written on `db`. */
  readDb: Kysely<DB> = db,
): Promise<{ body: Buffer; names: { zh: string; en: string } }> => {
  const r = await dispatchReport(readDb, actor, q);
  const en = lang === 'en';
  const line = (x: DispatchRow): CellOut[] => [
    `${x.regionName}（${x.regionCode}）`,
    x.employers,
    x.inProgramme,
    x.a.denominator,
    x.a.declared,
    pct(x.a.rate),
    pp(x.a.change),
    x.b.denominator,
    x.b.declared,
    pct(x.b.rate),
    pp(x.b.change),
    x.newInitial,
    x.newChange,
    x.newAnnual,
    x.newCancel,
    x.late,
    x.annualOverdue,
    x.followUps,
    x.verified ? pct(x.verified.rate) : null,
  ];
  const headers = en
    ? [
        'Region',
        'Employers in database',
        'In programme',
        'Industrial severe (2024)',
        'declared',
        'rate',
        'change (pp)',
        'Severe ≥ 10 staff (2025)',
        'declared',
        'rate',
        'change (pp)',
        'New initial',
        'New change',
        'Annual updates',
        'Cancellations',
        'Late',
        'Annual update overdue',
        'Follow-ups',
        'Verified rate (sampling, provisional)',
      ]
    : [
        '地区',
        '数据库单位数',
        '在管单位数',
        '工业领域严重行业单位数',
        '已申报',
        '申报率',
        '较上季度(百分点)',
        '严重行业10人及以上单位数',
        '已申报',
        '申报率',
        '较上季度(百分点)',
        '本季度初次申报',
        '本季度变更申报',
        '本季度年度更新',
        '本季度注销',
        '本季度迟报',
        '年度更新逾期',
        '入户指导',
        '抽查核实申报率(暂定)',
      ];
  const body = await buildWorkbook(
    en ? 'Dispatch' : '季调度',
    headers,
    [...r.rows.map(line), [...line(r.total)].map((v, i) => (i === 0 ? `${en ? 'Total' : '合计'}：${v}` : v))],
    {
      widths: [26, 10, 10, 12, 8, 8, 10, 12, 8, 8, 10, 10, 10, 10, 8, 8, 10, 8, 14],
      extra: [
        {
          name: en ? 'About' : '说明',
          headers: en ? ['Item', 'Value'] : ['项目', '值'],
          rows: [
            [en ? 'Title' : '标题', `${r.regionName}${r.title}（${r.quarter}）`],
            [en ? 'Quarter' : '季度', `${r.quarter}：${r.from} ~ ${r.to}`],
            [en ? 'Compared with' : '对比季度', r.previousQuarter],
            ...r.targets.map((t): CellOut[] => [
              `${en ? 'Target' : '目标'}：${declarationMeasureLabels[t.measure][en ? 'en' : 'zh']}`,
              `${(t.targetRate * 100).toFixed(0)}% ${en ? 'by' : '截至'} ${t.dueOn}（${en ? t.sourceEn : t.sourceZh}）`,
            ]),
            [en ? 'Verified rate' : '抽查核实申报率', en ? samplingAssessment.en : samplingAssessment.zh],
            [
              en ? 'Follow-ups' : '入户指导',
              en
                ? 'Door-to-door follow-ups of the potential-employer database recorded as visited in the quarter'
                : '用人单位数据库中本季度完成走访的入户指导次数',
            ],
          ],
          widths: [28, 100],
        },
      ],
    },
  );
  await writeAudit(db, ctx, {
    action: 'dispatch_report.export',
    entityType: 'dispatch_report',
    entityId: `${r.regionCode}:${r.quarter}`,
    after: { regionCode: r.regionCode, quarter: r.quarter, rows: r.rows.length },
  });
  return {
    body,
    names: {
      zh: `申报季调度表-${r.regionCode}-${r.quarter}.xlsx`,
      en: `declaration-dispatch-${r.regionCode}-${r.quarter}.xlsx`,
    },
  };
};

// ---- 抽查 ---------------------------------------------------------------------------------------------

/** Samplings are the province's: readable by anyone with a region scope inside the province. */
const readableProvince = (actor: Actor): string => {
  const scope = scopeOf(actor, 'business');
  if (scope.kind !== 'region') throw notFound();
  return scope.prefix.slice(0, 2);
};

const summaryOf = (s: SamplingRow): DeclarationSamplingSummary => ({
  id: s.sampling_id,
  provinceCode: s.province_code,
  year: s.year,
  title: s.title,
  measure: s.measure,
  perCity: s.per_city,
  seed: s.seed,
  method: s.method,
  populationCount: s.population_count,
  populationDigest: s.population_digest,
  drawn: num(s.drawn),
  checked: num(s.checked),
  status: num(s.drawn) > 0 && num(s.checked) === num(s.drawn) ? 'completed' : 'in_progress',
  drawnAt: new Date(s.drawn_at).toISOString(),
  drawnBy: s.drawn_by_name,
});

export const listSamplingsFor = async (db: Kysely<DB>, actor: Actor) => {
  const rows = await listSamplings(db, readableProvince(actor));
  return { data: rows.map(summaryOf), total: rows.length, page: 1, pageSize: rows.length || 1 };
};

export const getSamplingFor = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
): Promise<DeclarationSamplingDetail> => {
  const s = await findSampling(db, readableProvince(actor), id);
  if (!s) throw notFound();
  const scope = scopeOf(actor, 'business');
  const units = await samplingUnits(db, id, scope);
  const population = (typeof s.population === 'string' ? JSON.parse(s.population) : s.population) as Member[];
  const popByCity = new Map<string, number>();
  for (const m of population) popByCity.set(m[1], (popByCity.get(m[1]) ?? 0) + 1);
  const cityCodes = [...new Set(units.map((u) => u.city_code))].sort();
  const cities = cityCodes.map((c) => {
    const us = units.filter((u) => u.city_code === c);
    const checked = us.filter((u) => u.checked_at !== null);
    const good = checked.filter(
      (u) => u.declared && u.industry_accurate && u.size_accurate && u.factors_accurate,
    );
    const sys = us.filter((u) => u.declared_in_system).length;
    return {
      cityCode: c,
      cityName: regionName(c),
      population: popByCity.get(c) ?? 0,
      drawn: us.length,
      checked: checked.length,
      declaredInSystem: sys,
      declaredAndAccurate: good.length,
      systemRate: rate(sys, us.length),
      verifiedRate: rate(good.length, checked.length),
    };
  });
  return {
    ...summaryOf(s),
    formula: s.assessment_formula,
    formulaProvisional: s.formula_provisional,
    cities,
    units: units.map((u) => ({
      employerId: u.employer_id,
      name: u.name,
      creditCode: u.credit_code,
      regionCode: u.region_code,
      cityCode: u.city_code,
      cityName: regionName(u.city_code),
      rank: u.rank,
      drawKey: u.draw_key,
      declaredInSystem: u.declared_in_system,
      declared: u.declared,
      industryAccurate: u.industry_accurate,
      sizeAccurate: u.size_accurate,
      factorsAccurate: u.factors_accurate,
      note: u.note,
      checkedAt: u.checked_at ? new Date(u.checked_at).toISOString() : null,
    })),
    abilities: samplingAbilities(actor, s),
  };
};

/** The most rows one oversight export writes (samplings, drawn units, the lists). */
export const OVERSIGHT_EXPORT_MAX_ROWS = 100_000;

const samplingStatusLabel = (s: SamplingRow, en: boolean): string =>
  num(s.drawn) > 0 && num(s.checked) === num(s.drawn)
    ? en
      ? 'Completed'
      : '已完成'
    : en
      ? 'In progress'
      : '进行中';

/**
 * 申报抽查 as a file: the province's sampling checks the list shows (every reader inside the province
 * sees the same), newest first; audited (`declaration_sampling.export`).
 */
export const exportSamplings = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: SamplingExportQuery,
  lang: Lang,
  opts: { maxRows?: number; pageSize?: number } = {},
) => {
  const province = readableProvince(actor);
  const en = lang === 'en';
  return streamListExport<SamplingRow>({
    db,
    ctx,
    lang,
    format: q.format,
    audit: { action: 'declaration_sampling.export', entityType: 'declaration_sampling', filters: {} },
    sheet: { zh: '申报抽查', en: 'Sampling checks' },
    file: { zh: '申报抽查', en: 'declaration-samplings' },
    columns: [
      { zh: '抽查编号', en: 'Check no.', width: 8, cell: (r) => r.sampling_id },
      { zh: '年度', en: 'Year', width: 8, cell: (r) => r.year },
      { zh: '名称', en: 'Title', width: 30, cell: (r) => r.title ?? '' },
      {
        zh: '抽样范围',
        en: 'Population',
        width: 30,
        cell: (r, e) => declarationMeasureLabels[r.measure]?.[e ? 'en' : 'zh'] ?? r.measure,
      },
      { zh: '每市抽取', en: 'Per city', width: 8, cell: (r) => r.per_city },
      { zh: '总体单位数', en: 'Population size', width: 10, cell: (r) => r.population_count },
      { zh: '抽中单位数', en: 'Drawn', width: 10, cell: (r) => num(r.drawn) },
      { zh: '已核查', en: 'Checked', width: 8, cell: (r) => num(r.checked) },
      { zh: '状态', en: 'Status', width: 10, cell: (r, e) => samplingStatusLabel(r, e) },
      { zh: '随机种子', en: 'Seed', width: 24, cell: (r) => r.seed },
      { zh: '抽样方法', en: 'Method', width: 12, cell: (r) => r.method },
      {
        zh: '总体摘要（SHA-256）',
        en: 'Population digest (SHA-256)',
        width: 30,
        cell: (r) => r.population_digest,
      },
      { zh: '抽样人', en: 'Drawn by', width: 12, cell: (r) => r.drawn_by_name },
      { zh: '抽样时间', en: 'Drawn at', width: 20, cell: (r) => chinaDateTime(new Date(r.drawn_at)) },
    ],
    count: () => countSamplings(db, province),
    page: (after, limit) => samplingExportPage(db, province, after, limit),
    filter: [
      [en ? 'Contents' : '导出内容', en ? 'Declaration sampling checks' : '职业病危害项目申报抽查'],
      [en ? 'Province' : '省份', `${regionName(province)}（${province}）`],
    ],
    order: { zh: '按年度、抽样先后由新到旧排列', en: 'newest year first, then newest' },
    maxRows: opts.maxRows ?? OVERSIGHT_EXPORT_MAX_ROWS,
    pageSize: opts.pageSize,
  });
};

const unitColumns: Array<ExportColumn<UnitRow>> = [
  { zh: '所在市', en: 'City', width: 14, cell: (u) => regionName(u.city_code) },
  { zh: '抽取顺序', en: 'Rank', width: 8, cell: (u) => u.rank },
  { zh: '用人单位', en: 'Employer', width: 36, cell: (u) => u.name },
  { zh: '统一社会信用代码', en: 'Credit code', width: 22, cell: (u) => u.credit_code ?? '' },
  {
    zh: '所在地区',
    en: 'Region',
    width: 20,
    cell: (u) => `${regionName(u.region_code)}（${u.region_code}）`,
  },
  {
    zh: '系统内已申报',
    en: 'Declared in the system',
    width: 10,
    cell: (u, e) => yesNoCell(u.declared_in_system, e),
  },
  {
    zh: '核查状态',
    en: 'Checked',
    width: 10,
    cell: (u, e) => (u.checked_at ? (e ? 'Checked' : '已核查') : e ? 'Not yet' : '未核查'),
  },
  { zh: '核实已申报', en: 'Found declared', width: 10, cell: (u, e) => yesNoCell(u.declared, e) },
  { zh: '行业准确', en: 'Industry accurate', width: 10, cell: (u, e) => yesNoCell(u.industry_accurate, e) },
  { zh: '规模准确', en: 'Size accurate', width: 10, cell: (u, e) => yesNoCell(u.size_accurate, e) },
  { zh: '危害因素准确', en: 'Factors accurate', width: 10, cell: (u, e) => yesNoCell(u.factors_accurate, e) },
  { zh: '核查说明', en: 'Note', width: 36, cell: (u) => u.note ?? '' },
  {
    zh: '核查时间',
    en: 'Checked at',
    width: 20,
    cell: (u) => (u.checked_at ? chinaDateTime(new Date(u.checked_at)) : ''),
  },
  { zh: '抽样键', en: 'Draw key', width: 24, cell: (u) => u.draw_key },
];

/**
 * One sampling check's drawn employers with their recorded results, as the detail shows them: a city
 * or county reader gets its own units only; audited (`declaration_sampling_unit.export`).
 */
export const exportSamplingUnits = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  q: SamplingExportQuery,
  lang: Lang,
  opts: { maxRows?: number; pageSize?: number } = {},
) => {
  const s = await findSampling(db, readableProvince(actor), id);
  if (!s) throw notFound();
  const scope = scopeOf(actor, 'business');
  const en = lang === 'en';
  return streamListExport<UnitRow>({
    db,
    ctx,
    lang,
    format: q.format,
    audit: {
      action: 'declaration_sampling_unit.export',
      entityType: 'declaration_sampling',
      entityId: id,
      filters: {},
    },
    sheet: { zh: '抽中单位', en: 'Drawn employers' },
    file: { zh: `申报抽查-${s.year}-${id}-抽中单位`, en: `declaration-sampling-${id}-units` },
    columns: unitColumns,
    count: () => countSamplingUnits(db, id, scope),
    page: (after, limit) => samplingUnitExportPage(db, id, scope, after, limit),
    filter: [
      [en ? 'Contents' : '导出内容', en ? 'Drawn employers and results' : '申报抽查抽中单位及核查结果'],
      [en ? 'Sampling check' : '抽查', `${s.year} ${s.title ?? ''}（${en ? 'no.' : '编号'} ${id}）`.trim()],
      [en ? 'Population' : '抽样范围', declarationMeasureLabels[s.measure][en ? 'en' : 'zh']],
      [en ? 'Seed / method' : '随机种子 / 方法', `${s.seed} / ${s.method}`],
      [en ? 'Assessment' : '核实申报率口径', en ? samplingAssessment.en : samplingAssessment.zh],
      [
        en ? 'Scope' : '数据范围',
        en ? "Drawn employers within the exporter's region" : '导出人管辖地区内的抽中单位',
      ],
    ],
    order: { zh: '按市、抽取顺序排列', en: 'by city, then draw rank' },
    maxRows: opts.maxRows ?? OVERSIGHT_EXPORT_MAX_ROWS,
    pageSize: opts.pageSize,
  });
};

export const drawSamplingFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: DeclarationSamplingDrawInput,
  today = chinaToday(),
): Promise<DeclarationSamplingDetail> => {
  if (!isProvincialSampler(actor)) throw forbidden('declaration_sampling_province_only');
  const province = provinceOf(actor);
  const measure = input.measure ?? 'b';
  const seed = input.seed ?? newSeed();
  const id = await db.transaction().execute(async (trx) => {
    const rows = await samplingPopulation(trx, {
      ...baseAsOf({ kind: 'region', prefix: province }, province, today),
      measure,
    });
    if (rows.length === 0) throw new AppError('unprocessable', 'declaration_sampling_empty');
    const members: Member[] = rows.map((r) => [
      r.organisation_id,
      r.region_code.slice(0, 4),
      naturalKeyOf(r.organisation_id, r.credit_code),
    ]);
    const declared = new Map(rows.map((r) => [r.organisation_id, r.declared]));
    const drawn = drawUnits(members, seed, input.perCity);
    const sid = await insertSampling(
      trx,
      {
        province_code: province,
        year: input.year,
        title: input.title?.trim() || null,
        measure,
        per_city: input.perCity,
        seed,
        method: DRAW_METHOD,
        population: members,
        population_count: members.length,
        population_digest: populationDigest(members),
        organisation_id: actor.organisationId,
        drawn_by: actor.userId,
      },
      drawn.map((u) => ({
        employer_id: u.employerId,
        city_code: u.cityCode,
        rank: u.rank,
        draw_key: u.drawKey,
        declared_in_system: declared.get(u.employerId) ?? false,
      })),
    );
    await writeAudit(trx, ctx, {
      action: 'declaration_sampling.draw',
      entityType: 'declaration_sampling',
      entityId: sid,
      after: {
        year: input.year,
        measure,
        perCity: input.perCity,
        seed,
        population: members.length,
        drawn: drawn.length,
      },
    });
    return sid;
  });
  return getSamplingFor(db, actor, id);
};

export const recordSamplingCheck = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: DeclarationSamplingCheckInput,
): Promise<DeclarationSamplingDetail> => {
  const province = readableProvince(actor);
  const s = await findSampling(db, province, id);
  if (!s) throw notFound();
  if (!isProvincialSampler(actor)) throw forbidden('declaration_sampling_province_only');
  const acc = [input.industryAccurate, input.sizeAccurate, input.factorsAccurate] as const;
  const paths = ['/industryAccurate', '/sizeAccurate', '/factorsAccurate'];
  if (input.declared && acc.some((v) => v === null))
    throw invalid(
      acc
        .map((v, i) =>
          v === null ? { path: paths[i]!, reason: 'declaration_sampling_accuracy_needed' } : null,
        )
        .filter((x): x is { path: string; reason: string } => x !== null),
    );
  if (!input.declared && acc.some((v) => v !== null))
    throw invalid(
      acc
        .map((v, i) =>
          v !== null ? { path: paths[i]!, reason: 'declaration_sampling_accuracy_not_applicable' } : null,
        )
        .filter((x): x is { path: string; reason: string } => x !== null),
    );
  await db.transaction().execute(async (trx) => {
    await lockSampling(trx, id);
    const unit = await lockUnit(trx, id, input.employerId);
    if (!unit) throw new AppError('unprocessable', 'declaration_sampling_not_drawn');
    const note = input.note?.trim() || null;
    await recordUnit(trx, id, input.employerId, {
      declared: input.declared,
      industry_accurate: input.industryAccurate,
      size_accurate: input.sizeAccurate,
      factors_accurate: input.factorsAccurate,
      note,
      checked_by: actor.userId,
    });
    await writeAudit(trx, ctx, {
      action: 'declaration_sampling.record',
      entityType: 'declaration_sampling',
      entityId: id,
      before:
        unit.checked_at === null
          ? null
          : {
              employerId: input.employerId,
              declared: unit.declared,
              industryAccurate: unit.industry_accurate,
              sizeAccurate: unit.size_accurate,
              factorsAccurate: unit.factors_accurate,
              note: unit.note,
            },
      after: { ...input, note },
    });
  });
  return getSamplingFor(db, actor, id);
};

/** Draws again from the stored population with the stored seed and compares with the stored units. */
export const verifySamplingFor = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
): Promise<DeclarationSamplingVerify> => {
  const s = await findSampling(db, readableProvince(actor), id);
  if (!s) throw notFound();
  const population = (typeof s.population === 'string' ? JSON.parse(s.population) : s.population) as Member[];
  const again = drawUnits(population, s.seed, s.per_city);
  const stored = await samplingUnits(db, id, { kind: 'region', prefix: s.province_code });
  const key = (x: { employerId: number; rank: number }) => `${x.employerId}:${x.rank}`;
  const a = again.map(key).sort();
  const b = stored.map((u) => key({ employerId: u.employer_id, rank: u.rank })).sort();
  return {
    populationIntact: populationDigest(population) === s.population_digest,
    sameDraw: a.length === b.length && a.every((x, i) => x === b[i]),
    redrawn: again.map((u) => ({ employerId: u.employerId, cityCode: u.cityCode, rank: u.rank })),
  };
};

// ---- 白名单 / 黑名单 -----------------------------------------------------------------------------------

export const listParams = (scope: BaseParams['scope'], code: string, today: string) => ({
  ...baseAsOf(scope, code, today),
  blackBefore: chinaStart(minusMonths(today, 13 + declarationListRules.blackOverdueMonths)),
});

export const employerListFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: OversightListQuery,
  today = chinaToday(),
): Promise<OversightListPage> => {
  const region = resolveRegion(actor, q.region);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const rows = await listEntries(db, {
    ...listParams(region.scope, region.code, today),
    list: q.list ?? null,
    state: q.state ?? null,
    employerId: null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  // Counts over the whole computed list of the region, whatever the filter (a filtered empty page still
  // needs them): one more statement only when the page is empty.
  let counts = { white: num(rows[0]?.n_white), black: num(rows[0]?.n_black) };
  if (rows.length === 0 && (q.list || q.state || page > 1)) {
    const any = await listEntries(db, {
      ...listParams(region.scope, region.code, today),
      list: null,
      state: null,
      employerId: null,
      limit: 1,
      offset: 0,
    });
    counts = { white: num(any[0]?.n_white), black: num(any[0]?.n_black) };
  }
  return {
    data: rows.map((r): OversightListEntry => ({
      employerId: r.organisation_id,
      name: r.name,
      creditCode: r.credit_code,
      regionCode: r.region_code,
      regionName: regionName(r.region_code),
      list: r.list,
      rules: r.rules,
      state: r.action === 'confirm' ? 'confirmed' : r.action === 'remove' ? 'removed' : 'pending',
      reason: r.reason,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      inspectionMultiplier:
        r.action === 'remove'
          ? declarationListRules.inspectionMultiplier.none
          : declarationListRules.inspectionMultiplier[r.list],
    })),
    total: num(rows[0]?.total),
    page,
    pageSize,
    counts,
    abilities: { decide: canDecideLists(actor) },
  };
};

const listStateOf = (r: ListRow) =>
  r.action === 'confirm' ? 'confirmed' : r.action === 'remove' ? 'removed' : 'pending';
const listStateLabels = {
  pending: { zh: '待确认', en: 'Pending' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  removed: { zh: '已移出', en: 'Removed' },
};
const listLabels = { white: { zh: '白名单', en: 'White list' }, black: { zh: '黑名单', en: 'Black list' } };
const ruleText = (id: string, en: boolean): string => {
  const r = [...declarationListRules.white, ...declarationListRules.black].find((x) => x.id === id);
  return r ? `${id} ${en ? r.en : r.zh}` : id;
};

/**
 * 白名单/黑名单 as a file: the entries the list computes for the same region and filters (the actor's
 * region only), with the rules, the decision, its reason and the inspection multiplier; audited
 * (`employer_list.export`).
 */
export const exportEmployerLists = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: OversightListExportQuery,
  lang: Lang,
  opts: {
    maxRows?: number;
    pageSize?: number;
    today?: string;
    /** Where the rows are read (the read replica's pick); the audit entry is written on `db`. */
    readDb?: Kysely<DB>;
  } = {},
) => {
  const region = resolveRegion(actor, q.region);
  const today = opts.today ?? chinaToday();
  const en = lang === 'en';
  const { format, ...filters } = q;
  const base = {
    ...listParams(region.scope, region.code, today),
    list: q.list ?? null,
    state: q.state ?? null,
    employerId: null,
  };
  const any = en ? 'All' : '全部';
  return streamListExport<ListRow>({
    db,
    readDb: opts.readDb,
    ctx,
    lang,
    format,
    audit: { action: 'employer_list.export', entityType: 'employer_list_entry', filters },
    sheet: { zh: '白名单黑名单', en: 'White and black lists' },
    file: { zh: `白名单黑名单-${region.code}`, en: `employer-lists-${region.code}` },
    columns: [
      { zh: '名单', en: 'List', width: 10, cell: (r, e) => listLabels[r.list][e ? 'en' : 'zh'] },
      { zh: '用人单位', en: 'Employer', width: 36, cell: (r) => r.name },
      { zh: '统一社会信用代码', en: 'Credit code', width: 22, cell: (r) => r.credit_code ?? '' },
      {
        zh: '所在地区',
        en: 'Region',
        width: 20,
        cell: (r) => `${regionName(r.region_code)}（${r.region_code}）`,
      },
      {
        zh: '依据规则',
        en: 'Rules',
        width: 60,
        cell: (r, e) => r.rules.map((x) => ruleText(x, e)).join('；'),
      },
      {
        zh: '状态',
        en: 'State',
        width: 10,
        cell: (r, e) => listStateLabels[listStateOf(r)][e ? 'en' : 'zh'],
      },
      { zh: '确认或移出原因', en: 'Reason', width: 36, cell: (r) => r.reason ?? '' },
      {
        zh: '决定时间',
        en: 'Decided at',
        width: 20,
        cell: (r) => (r.decided_at ? chinaDateTime(new Date(r.decided_at)) : ''),
      },
      {
        zh: '监督检查频次倍数（暂定）',
        en: 'Inspection multiplier (provisional)',
        width: 12,
        cell: (r) =>
          r.action === 'remove'
            ? declarationListRules.inspectionMultiplier.none
            : declarationListRules.inspectionMultiplier[r.list],
      },
    ],
    count: async (rdb) => num((await listEntries(rdb, { ...base, limit: 1, offset: 0 }))[0]?.total),
    page: (after, limit, rdb) => listEntries(rdb, { ...base, limit, offset: 0, after }),
    filter: [
      [
        en ? 'Contents' : '导出内容',
        en ? 'White and black lists (provisional rules)' : '职业卫生白名单/黑名单（暂定规则）',
      ],
      [en ? 'Region' : '地区', `${regionName(region.code)}（${region.code}）`],
      [en ? 'List' : '名单', q.list ? listLabels[q.list][en ? 'en' : 'zh'] : any],
      [en ? 'State' : '状态', q.state ? listStateLabels[q.state][en ? 'en' : 'zh'] : any],
      [en ? 'As of' : '计算日期', today],
      [en ? 'Rule source' : '规则来源', en ? declarationListRules.source.en : declarationListRules.source.zh],
    ],
    order: { zh: '按名单、地区、单位名称排列', en: 'by list, region, then name' },
    maxRows: opts.maxRows ?? OVERSIGHT_EXPORT_MAX_ROWS,
    pageSize: opts.pageSize,
  });
};

export const decideListEntry = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: OversightListDecisionInput,
  today = chinaToday(),
): Promise<OversightListEntry> => {
  const scope = scopeOf(actor, 'business');
  const employer = await employerInScope(db, scope, input.employerId);
  if (!employer) throw notFound();
  if (!canDecideLists(actor)) throw forbidden();
  const reason = input.reason.trim();
  if (!reason) throw invalid([{ path: '/reason', reason: 'employer_list_reason_blank' }]);
  return db.transaction().execute(async (trx) => {
    const [entry] = await listEntries(trx, {
      ...listParams(scope, employer.region_code, today),
      list: input.list,
      state: null,
      employerId: input.employerId,
      limit: 1,
      offset: 0,
    });
    if (input.action === 'confirm' && !entry)
      throw new AppError('unprocessable', 'employer_list_rule_not_met');
    const before = await findDecision(trx, input.employerId, input.list);
    await upsertDecision(trx, {
      employer_id: input.employerId,
      list: input.list,
      action: input.action,
      reason,
      rules: entry?.rules ?? [],
      decided_by: actor.userId,
      organisation_id: actor.organisationId,
    });
    await writeAudit(trx, ctx, {
      action: 'employer_list.update',
      entityType: 'employer_list_entry',
      entityId: `${input.employerId}:${input.list}`,
      before: before ? { decision: before.action, reason: before.reason } : null,
      after: {
        employerId: input.employerId,
        list: input.list,
        decision: input.action,
        reason,
        rules: entry?.rules ?? [],
      },
    });
    return {
      employerId: input.employerId,
      name: employer.name,
      creditCode: entry?.credit_code ?? null,
      regionCode: employer.region_code,
      regionName: regionName(employer.region_code),
      list: input.list,
      rules: entry?.rules ?? [],
      state: input.action === 'confirm' ? 'confirmed' : 'removed',
      reason,
      decidedAt: new Date().toISOString(),
      inspectionMultiplier:
        input.action === 'remove'
          ? declarationListRules.inspectionMultiplier.none
          : declarationListRules.inspectionMultiplier[input.list],
    };
  });
};
