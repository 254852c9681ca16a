/**
 * 调度与评估报告 (issue 18 item 5; R20: "季调度、年评估", and the progress report due each November): per
 * region and period, each computed indicator's figure against its target, the change from the previous
 * period and the lagging sub-regions, the indicators not collected with their caveats, and the open
 * clocks — as JSON (the printable page), xlsx and PDF (the documents module's Chromium). The November
 * report covers January to October of the year (the seed names the month, not the span: the platform's
 * reading, stated on the report).
 */
import {
  indicatorReportTitles,
  indicatorStateLabels,
  type IndicatorPanel,
  type IndicatorReport,
  type IndicatorReportQuery,
  type IndicatorReportRow,
  type IndicatorState,
  type Lang,
} from '@ohp/contracts';
import { chinaToday } from '@ohp/reference';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { invalid } from '../../platform/errors.js';
import { buildWorkbook, type CellOut } from '../../platform/imports/sheet-write.js';
import { parsePeriod, type Period } from './indicators.figures.js';
import { loadDefinitions, overviewFor } from './indicators.service.js';
import { todosOverview } from './indicators.todos.js';

type Db = Kysely<DB>;

/** The report's period and the one it is compared with. */
export const reportPeriods = (
  q: IndicatorReportQuery,
  today: string,
): { period: Period; previous: Period } => {
  const year = Number(today.slice(0, 4));
  switch (q.kind) {
    case 'quarterly': {
      const param = q.period ?? `${year}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
      if (!/^\d{4}-Q[1-4]$/.test(param))
        throw invalid([{ path: 'period', reason: 'indicator_report_quarter' }]);
      const y = Number(param.slice(0, 4));
      const n = Number(param.slice(6));
      return {
        period: parsePeriod(param),
        previous: parsePeriod(n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`),
      };
    }
    case 'annual': {
      const param = q.period ?? String(year);
      if (!/^\d{4}$/.test(param)) throw invalid([{ path: 'period', reason: 'indicator_report_year' }]);
      return { period: parsePeriod(param), previous: parsePeriod(String(Number(param) - 1)) };
    }
    case 'progress': {
      const param = q.period ?? String(year);
      if (!/^\d{4}$/.test(param)) throw invalid([{ path: 'period', reason: 'indicator_report_year' }]);
      const span = (y: number): Period => ({
        param: `${y}-progress`,
        grain: 'year',
        year: y,
        from: `${y}-01-01`,
        to: `${y}-11-01`,
        label: { zh: `${y}年1—10月`, en: `January–October ${y}` },
      });
      return { period: span(Number(param)), previous: span(Number(param) - 1) };
    }
  }
};

const SEVERITY: Record<IndicatorState, number> = {
  below: 0,
  near: 1,
  met: 2,
  no_target: 3,
  no_denominator: 4,
  no_data: 5,
};

const lagging = (p: IndicatorPanel) =>
  p.children
    .filter((c) => !c.suppressed && (c.state === 'below' || c.state === 'near'))
    .sort((a, b) => SEVERITY[a.state] - SEVERITY[b.state] || (a.value ?? 0) - (b.value ?? 0))
    .map((c) => ({ regionCode: c.regionCode, regionName: c.regionName, value: c.value, state: c.state }));

export const indicatorReport = async (
  db: Db,
  actor: Actor,
  q: IndicatorReportQuery,
  lang: string,
  today: string = chinaToday(),
): Promise<IndicatorReport> => {
  const { period, previous } = reportPeriods(q, today);
  const [now, before, defs, todos] = await Promise.all([
    overviewFor(db, actor, q.region, period, lang, today),
    overviewFor(db, actor, q.region, previous, lang, today),
    loadDefinitions(db),
    todosOverview(db, actor, { region: q.region }, today),
  ]);
  const prev = new Map(before.panels.map((p) => [p.code, p] as const));
  const rows: IndicatorReportRow[] = [];
  const notCollected: IndicatorReport['notCollected'] = [];
  for (const p of now.panels) {
    const d = defs.find((x) => x.code === p.code)!;
    if (d.dataStatus === 'no_data') {
      notCollected.push({ code: d.code, name: d.name, caveat: d.caveat });
      continue;
    }
    const pv = prev.get(p.code)?.figure.value ?? null;
    const v = p.figure.value;
    rows.push({
      code: p.code,
      name: d.name,
      unit: d.unit,
      figure: p.figure,
      target: p.target,
      previous: pv,
      change: v !== null && pv !== null ? Math.round((v - pv) * 10) / 10 : null,
      lagging: lagging(p),
      caveat: d.caveat,
    });
  }
  return {
    kind: q.kind,
    title: indicatorReportTitles[q.kind],
    region: now.region,
    period: { param: period.param, label: period.label, from: period.from, to: period.to },
    previousPeriod: { label: previous.label, from: previous.from, to: previous.to },
    rows,
    notCollected,
    clocks: todos.total.total,
    generatedAt: new Date().toISOString(),
  };
};

const fmt = (r: IndicatorReportRow, v: number | null) =>
  v === null ? '—' : r.unit === 'count' ? String(v) : `${v.toFixed(1)}%`;
const targetText = (r: IndicatorReportRow, en: boolean) =>
  r.target
    ? `${r.target.comparator === 'le' ? '≤' : '≥'}${r.target.value}${r.unit === 'count' ? '' : '%'}${r.target.reference ? (en ? ' (reference)' : '（参照）') : ''}`
    : '—';

const auditReport = (db: Db, ctx: AuditContext, r: IndicatorReport, format: 'xlsx' | 'pdf') =>
  writeAudit(db, ctx, {
    action: 'indicator_report.export',
    entityType: 'indicator_report',
    entityId: `${r.kind}:${r.region.code}:${r.period.param}`,
    after: { kind: r.kind, regionCode: r.region.code, period: r.period.param, format, rows: r.rows.length },
  });

const fileNames = (r: IndicatorReport, ext: string) => ({
  zh: `${r.title.zh}-${r.region.name}-${r.period.param}.${ext}`,
  en: `indicator-report-${r.kind}-${r.region.code}-${r.period.param}.${ext}`,
});

export const reportWorkbook = async (
  db: Db,
  readDb: Db,
  ctx: AuditContext,
  actor: Actor,
  q: IndicatorReportQuery,
  lang: Lang,
): Promise<{ body: Buffer; names: { zh: string; en: string } }> => {
  const r = await indicatorReport(readDb, actor, q, lang);
  const en = lang === 'en';
  const t = (x: { zh: string; en: string }) => (en ? x.en : x.zh);
  const main: CellOut[][] = r.rows.map((row) => [
    t(row.name),
    row.figure.suppressed ? '<5' : fmt(row, row.figure.value),
    row.figure.numerator,
    row.figure.denominator,
    targetText(row, en),
    t(indicatorStateLabels[row.figure.state]),
    fmt(row, row.previous),
    row.change,
    row.lagging.map((l) => `${l.regionName} ${fmt(row, l.value)}`).join('；'),
    row.caveat ? t(row.caveat) : null,
  ]);
  const body = await buildWorkbook(
    en ? 'Indicators' : '指标',
    en
      ? [
          'Indicator',
          'Value',
          'Numerator',
          'Denominator',
          'Target',
          'State',
          'Previous period',
          'Change',
          'Lagging sub-regions',
          'Caveat',
        ]
      : ['指标', '数值', '分子', '分母', '目标', '状态', '上期', '变化', '落后地区', '说明'],
    main,
    {
      widths: [34, 10, 10, 10, 12, 10, 10, 8, 50, 60],
      extra: [
        {
          name: en ? 'Not collected' : '暂无数据指标',
          headers: en ? ['Indicator', 'Why'] : ['指标', '原因'],
          rows: r.notCollected.map((n): CellOut[] => [t(n.name), n.caveat ? t(n.caveat) : null]),
          widths: [40, 80],
        },
        {
          name: en ? 'About' : '说明',
          headers: en ? ['Item', 'Value'] : ['项目', '值'],
          rows: [
            [en ? 'Report' : '报告', `${r.region.name}${t(r.title)}`],
            [en ? 'Period' : '期间', `${t(r.period.label)}（${r.period.from} ~ ${r.period.to}）`],
            [en ? 'Compared with' : '对比期间', t(r.previousPeriod.label)],
            [
              en ? 'Open clocks' : '未办结时限',
              en
                ? `${r.clocks.open} open, ${r.clocks.overdue} overdue, ${r.clocks.dueSoon} due soon`
                : `未办结 ${r.clocks.open}，已逾期 ${r.clocks.overdue}，即将到期 ${r.clocks.dueSoon}`,
            ],
            [en ? 'Generated' : '生成时间', r.generatedAt],
          ],
          widths: [20, 90],
        },
      ],
    },
  );
  await auditReport(db, ctx, r, 'xlsx');
  return { body, names: fileNames(r, 'xlsx') };
};

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The report as one printable HTML page (A4 landscape), for the PDF. */
export const reportHtml = (r: IndicatorReport, lang: Lang, fontCss: string): string => {
  const en = lang === 'en';
  const t = (x: { zh: string; en: string }) => esc(en ? x.en : x.zh);
  const colour: Record<IndicatorState, string> = {
    met: '#237804',
    near: '#ad6800',
    below: '#a8071a',
    no_target: '#595959',
    no_data: '#595959',
    no_denominator: '#595959',
  };
  const rows = r.rows
    .map(
      (row) => `<tr>
  <td>${t(row.name)}${row.caveat ? `<div class="cav">${t(row.caveat)}</div>` : ''}</td>
  <td class="n">${row.figure.suppressed ? '&lt;5' : esc(fmt(row, row.figure.value))}</td>
  <td class="n">${row.figure.numerator ?? '—'} / ${row.figure.denominator ?? '—'}</td>
  <td class="n">${esc(targetText(row, en))}</td>
  <td style="color:${colour[row.figure.state]}">${t(indicatorStateLabels[row.figure.state])}</td>
  <td class="n">${esc(fmt(row, row.previous))}</td>
  <td class="n">${row.change === null ? '—' : `${row.change > 0 ? '+' : ''}${row.change}`}</td>
  <td>${row.lagging.length ? row.lagging.map((l) => `${esc(l.regionName)} ${esc(fmt(row, l.value))}`).join('；') : '—'}</td>
</tr>`,
    )
    .join('\n');
  const missing = r.notCollected.map((n) => `<li>${t(n.name)}：${n.caveat ? t(n.caveat) : ''}</li>`).join('');
  const pd = r.period;
  return `<!doctype html><html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">
<title>${esc(r.region.name)}${t(r.title)}</title>
<style>${fontCss}
@page { size: A4 landscape; margin: 14mm 12mm; }
body { font-family: 'OHP CJK', 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; color: #1f1f1f; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4pt; }
.sub { text-align: center; color: #595959; margin-bottom: 10pt; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.5pt solid #8c8c8c; padding: 3pt 5pt; vertical-align: top; }
th { background: #f0f0f0; font-weight: 600; }
.n { text-align: right; white-space: nowrap; }
.cav { color: #8c8c8c; font-size: 8.5pt; margin-top: 2pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; }
ul { margin: 0; padding-left: 16pt; } li { margin: 1pt 0; }
</style></head><body>
<h1>${esc(r.region.name)}${t(r.title)}</h1>
<div class="sub">${t(pd.label)}（${pd.from} ~ ${pd.to}）· ${en ? 'compared with' : '对比'} ${t(r.previousPeriod.label)} · ${en ? 'generated' : '生成于'} ${esc(r.generatedAt.slice(0, 16).replace('T', ' '))} UTC</div>
<table><thead><tr>
<th>${en ? 'Indicator' : '指标'}</th><th>${en ? 'Value' : '数值'}</th><th>${en ? 'Num. / den.' : '分子/分母'}</th>
<th>${en ? 'Target' : '目标'}</th><th>${en ? 'State' : '状态'}</th><th>${en ? 'Previous' : '上期'}</th>
<th>${en ? 'Change' : '变化'}</th><th>${en ? 'Lagging sub-regions' : '落后地区'}</th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>${en ? 'Deadlines' : '时限办理'}</h2>
<p>${en ? `${r.clocks.open} clocks open, ${r.clocks.overdue} overdue, ${r.clocks.dueSoon} due within 3 days.` : `未办结 ${r.clocks.open} 项，其中已逾期 ${r.clocks.overdue} 项、3日内到期 ${r.clocks.dueSoon} 项。`}</p>
<h2>${en ? 'Not collected yet' : '尚未采集数据的指标'}</h2>
<ul>${missing}</ul>
${r.kind === 'progress' ? `<p class="cav">${en ? 'The progress report covers January–October (the platform’s reading: the policy names November for the report, not its span).' : '进展报告统计1—10月（政策规定11月报送，未规定统计区间，为平台口径）。'}</p>` : ''}
</body></html>`;
};

export { auditReport as auditIndicatorReport, fileNames as indicatorReportFileNames };
