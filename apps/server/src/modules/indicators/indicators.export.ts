/**
 * 驾驶舱导出: what the dashboard shows, as xlsx — an overview sheet (every indicator: figure, target and
 * its source, state, caveat) and one sheet per computed indicator (its sub-regions, then its trend).
 * Audited (indicator_overview.export).
 */
import {
  indicatorStateLabels,
  type IndicatorFigure,
  type IndicatorOverviewQuery,
  type Lang,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { buildWorkbook, type CellOut } from '../../platform/imports/sheet-write.js';
import { loadDefinitions, overview, SMALL_COUNT_MIN } from './indicators.service.js';

export const overviewWorkbook = async (
  db: Kysely<DB>,
  readDb: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  q: IndicatorOverviewQuery,
  lang: Lang,
): Promise<{ body: Buffer; names: { zh: string; en: string } }> => {
  const o = await overview(readDb, actor, q, lang);
  const defs = new Map((await loadDefinitions(readDb)).map((d) => [d.code, d] as const));
  const en = lang === 'en';
  const t = (x: { zh: string; en: string }) => (en ? x.en : x.zh);
  const cells = (f: IndicatorFigure): CellOut[] =>
    f.suppressed
      ? [`<${SMALL_COUNT_MIN}`, null, null, t(indicatorStateLabels[f.state])]
      : [f.value, f.numerator, f.denominator, t(indicatorStateLabels[f.state])];
  const overviewRows: CellOut[][] = o.panels.map((p) => {
    const d = defs.get(p.code)!;
    return [
      t(d.name),
      ...cells(p.figure),
      p.target ? `${p.target.comparator === 'le' ? '≤' : '≥'}${p.target.value}` : null,
      p.target
        ? `${t(p.target.document)} ${p.target.reference ? (en ? '(reference: another province)' : '（参照外省）') : ''}`
        : null,
      d.caveat ? t(d.caveat) : null,
    ];
  });
  const used = new Set<string>();
  const sheetName = (name: string, i: number) => {
    const base = `${i + 1}.${name.replace(/[\\/?*[\]:]/g, '')}`.slice(0, 28);
    let n = base;
    for (let k = 2; used.has(n); k++) n = `${base.slice(0, 26)}~${k}`;
    used.add(n);
    return n;
  };
  const head = en
    ? ['Region / month', 'Value', 'Numerator', 'Denominator', 'State']
    : ['地区/月份', '数值', '分子', '分母', '状态'];
  const extra = o.panels
    .filter((p) => p.children.length || p.trend.length)
    .map((p, i) => ({
      name: sheetName(t(defs.get(p.code)!.name), i),
      headers: head,
      rows: [
        ...p.children.map((c): CellOut[] => [`${c.regionName}（${c.regionCode}）`, ...cells(c)]),
        ...(p.children.length && p.trend.length ? [[] as CellOut[]] : []),
        ...p.trend.map((m): CellOut[] => [m.period, ...cells(m)]),
      ],
      widths: [28, 10, 10, 10, 12],
    }));
  const body = await buildWorkbook(
    en ? 'Overview' : '概览',
    en
      ? ['Indicator', 'Value', 'Numerator', 'Denominator', 'State', 'Target', 'Target source', 'Caveat']
      : ['指标', '数值', '分子', '分母', '状态', '目标', '目标来源', '说明'],
    [[`${o.region.name}（${o.region.code}） ${t(o.period.label)}`], ...overviewRows],
    { widths: [34, 10, 10, 10, 12, 10, 50, 60], extra },
  );
  await writeAudit(db, ctx, {
    action: 'indicator_overview.export',
    entityType: 'indicator_overview',
    entityId: `${o.region.code}:${o.period.param}`,
    after: { regionCode: o.region.code, period: o.period.param, panels: o.panels.length },
  });
  return {
    body,
    names: {
      zh: `指标驾驶舱-${o.region.code}-${o.period.param}.xlsx`,
      en: `indicators-${o.region.code}-${o.period.param}.xlsx`,
    },
  };
};
