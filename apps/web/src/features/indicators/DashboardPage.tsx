/**
 * 驾驶舱 (issue 18 item 3): the regulator's indicators against their targets, for a region and a period
 * held in the URL (?region=&period=&indicator=; shareable, the back button walks the drill-down). It
 * opens on the user's own region and the current year (the server's defaults). KPI cards grouped by
 * indicator group; the selected one's trend, ranking of sub-regions and map; drill-down province → city
 * → county with a breadcrumb; every figure links to the list behind it; xlsx export and a print view.
 */
import { BookOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import {
  indicatorGroupLabels,
  indicatorGroups,
  type IndicatorDefinition,
  type IndicatorPanel,
} from '@ohp/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Empty, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ExportButton } from '../../shared/ExportButton';
import { fmtDateTime } from '../../shared/format';
import { pickText } from '../equipment/api';
import { INDICATORS_KEY, exportOverview, getCatalogue, getOverview, getReadSource } from './api';
import { IndicatorDetail } from './IndicatorDetail';
import { KpiCard } from './KpiCard';
import { PeriodPicker } from './PeriodPicker';
import { RegionTodos } from './RegionTodos';

const PRINT_CSS = `
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  body * { visibility: hidden; }
  #dashboard-print, #dashboard-print * { visibility: visible; }
  #dashboard-print { position: absolute; left: 0; top: 0; width: 100%; }
  #dashboard-print .no-print { display: none !important; }
  #dashboard-print .dashboard-detail { position: static !important; break-before: page; }
  #dashboard-print .ant-card { break-inside: avoid; box-shadow: none !important; }
  #dashboard-print .ant-table-content { overflow: visible !important; }
}
`;

const byCode = (defs: IndicatorDefinition[]): Map<string, IndicatorDefinition> =>
  new Map(defs.map((d) => [d.code, d]));

/** A language-neutral anchor for the whole page (the e2e journeys and print CSS read it). */
const PRINT_ID = 'dashboard-print';

const ReadSourceNotice = () => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [INDICATORS_KEY, 'read-source'],
    queryFn: getReadSource,
    retry: false,
    staleTime: 60_000,
  });
  const s = q.data;
  if (!s || s.source !== 'standby') return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="dashboard-read-source"
      style={{ marginBottom: 12 }}
      message={
        s.lagSeconds === null
          ? t('indicators.readReplicaUnknown')
          : t('indicators.readReplica', { n: Math.round(s.lagSeconds) })
      }
    />
  );
};

export const DashboardPage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const detailRef = useRef<HTMLDivElement>(null);
  const region = params.get('region') ?? undefined;
  const period = params.get('period') ?? undefined;
  const wanted = params.get('indicator') ?? undefined;

  const cat = useQuery({
    queryKey: [INDICATORS_KEY, 'catalogue'],
    queryFn: getCatalogue,
    staleTime: 5 * 60_000,
  });
  const ov = useQuery({
    queryKey: [INDICATORS_KEY, 'overview', region ?? '', period ?? ''],
    queryFn: () => getOverview({ region, period }),
    placeholderData: keepPreviousData,
  });
  const defs = useMemo(() => byCode(cat.data?.definitions ?? []), [cat.data]);
  const o = ov.data;
  const smallCountMin = cat.data?.smallCountMin ?? 0;

  /** Changes the URL (a new history entry: the back button goes back up the drill-down). */
  const go = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const drill = (code: string) => go({ region: code, period: o?.period.param });
  const select = (code: string) => {
    go({ indicator: code });
    // The detail is below the cards: bring it into view when its top is out of sight.
    const top = detailRef.current?.getBoundingClientRect().top ?? 0;
    if (top > window.innerHeight * 0.6)
      setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
  };

  const panels = useMemo(() => (o?.panels ?? []).filter((p) => defs.has(p.code)), [o?.panels, defs]);
  const selected: IndicatorPanel | undefined =
    panels.find((p) => p.code === wanted) ??
    panels.find((p) => p.trend.length > 0 && p.children.length > 0 && p.figure.state !== 'no_data') ??
    panels.find((p) => p.figure.state !== 'no_data') ??
    panels[0];
  const selectedDef = selected ? defs.get(selected.code) : undefined;

  if (ov.isError || cat.isError)
    return (
      <PageContainer title={false} breadcrumbRender={false}>
        <Result
          status="warning"
          title={t('indicators.loadFailed')}
          subTitle={(ov.error ?? cat.error)?.message}
          extra={
            <Button type="primary" onClick={() => void Promise.all([ov.refetch(), cat.refetch()])}>
              {t('indicators.retry')}
            </Button>
          }
        />
      </PageContainer>
    );
  if (!o || !cat.data)
    return (
      <PageContainer title={false} breadcrumbRender={false}>
        <div style={{ display: 'flex', padding: 64, justifyContent: 'center' }}>
          <Spin />
        </div>
      </PageContainer>
    );

  const regionParam = o.region.code;
  const periodParam = o.period.param;
  const groups = indicatorGroups
    .map((g) => ({ group: g, panels: panels.filter((p) => defs.get(p.code)!.group === g) }))
    .filter((g) => g.panels.length > 0);
  const asOf = panels.find((p) => p.asOf)?.asOf;

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <style>{PRINT_CSS}</style>
      <div id={PRINT_ID} data-testid="dashboard">
        <ReadSourceNotice />
        <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 20px' } }}>
          <div
            style={{
              display: 'flex',
              flexWrap: 'wrap',
              gap: 12,
              justifyContent: 'space-between',
              alignItems: 'flex-start',
            }}
          >
            <div style={{ minWidth: 0 }}>
              <Breadcrumb
                style={{ display: o.breadcrumb.length > 1 ? undefined : 'none' }}
                data-testid="dashboard-breadcrumb"
                items={o.breadcrumb.map((r, i) => ({
                  key: r.code,
                  title:
                    i < o.breadcrumb.length - 1 ? (
                      <a
                        data-testid={`dashboard-crumb-${r.code}`}
                        href={`?region=${r.code}&period=${periodParam}`}
                        onClick={(e) => {
                          e.preventDefault();
                          go({ region: r.code, period: periodParam });
                        }}
                      >
                        {r.name}
                      </a>
                    ) : (
                      <span data-testid={`dashboard-crumb-${r.code}`}>{r.name}</span>
                    ),
                }))}
              />
              <Typography.Title level={3} style={{ margin: '4px 0 0' }} data-testid="dashboard-title">
                {`${o.region.name} · ${pickText(o.period.label)}`}
              </Typography.Title>
              <Space size={8} wrap style={{ marginTop: 4 }}>
                <Tag>{t(`indicators.regionLevel.${o.region.level}`)}</Tag>
                {asOf && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('indicators.asOf', { date: asOf })}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('indicators.generatedAt', { time: fmtDateTime(o.generatedAt) })}
                </Typography.Text>
                {ov.isFetching && <Spin size="small" />}
              </Space>
            </div>
            <Space className="no-print" size={8} wrap>
              <PeriodPicker value={periodParam} onChange={(p) => go({ period: p, region: regionParam })} />
              <ExportButton
                testId="dashboard-export"
                label={t('indicators.export')}
                onExport={() => exportOverview({ region: regionParam, period: periodParam })}
              />
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="dashboard-print">
                {t('indicators.print')}
              </Button>
              <Link to={`/indicators/reports?region=${regionParam}`} data-testid="dashboard-reports">
                <Button icon={<FileTextOutlined />}>{t('indicators.reports.open')}</Button>
              </Link>
              <Link to="/indicators/catalogue">
                <Button icon={<BookOutlined />} type="text">
                  {t('indicators.catalogueLink')}
                </Button>
              </Link>
            </Space>
          </div>
          <Typography.Paragraph
            type="secondary"
            className="no-print"
            style={{ margin: '8px 0 0', fontSize: 12 }}
          >
            {`${t('indicators.intro')} ${t('indicators.stateLegend', { margin: cat.data.nearMargin })}`}
          </Typography.Paragraph>
        </Card>

        {panels.length === 0 ? (
          <Card>
            <Empty description={t('indicators.empty')}>
              <Typography.Text type="secondary">{t('indicators.emptyHint')}</Typography.Text>
            </Empty>
          </Card>
        ) : (
          <>
            <div
              data-testid="kpi-groups"
              style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginBottom: 16 }}
            >
              {groups.map(({ group, panels: ps }) => (
                <section
                  key={group}
                  data-testid={`group-${group}`}
                  style={{
                    flex: `${ps.length} 1 ${ps.length * 236}px`,
                    maxWidth: ps.length * 340,
                    minWidth: 'min(100%, 236px)',
                  }}
                >
                  <Typography.Text
                    type="secondary"
                    strong
                    style={{ display: 'block', marginBottom: 6, fontSize: 13 }}
                  >
                    {pickText(indicatorGroupLabels[group])}
                  </Typography.Text>
                  <div
                    style={{
                      display: 'grid',
                      gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
                      gap: 12,
                    }}
                  >
                    {ps.map((p) => (
                      <KpiCard
                        key={p.code}
                        def={defs.get(p.code)!}
                        panel={p}
                        region={regionParam}
                        period={periodParam}
                        smallCountMin={smallCountMin}
                        selected={p.code === selected?.code}
                        onSelect={() => select(p.code)}
                      />
                    ))}
                  </div>
                </section>
              ))}
            </div>
            <div ref={detailRef} className="dashboard-detail" style={{ scrollMarginTop: 16 }}>
              {selected && selectedDef && (
                <IndicatorDetail
                  def={selectedDef}
                  panel={selected}
                  overview={o}
                  smallCountMin={smallCountMin}
                  onDrill={drill}
                />
              )}
            </div>
            <RegionTodos region={regionParam} onDrill={drill} />
          </>
        )}
      </div>
    </PageContainer>
  );
};
