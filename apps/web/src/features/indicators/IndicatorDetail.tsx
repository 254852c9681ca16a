/**
 * The selected indicator: its 12-month trend (target as a mark line), the ranking of sub-regions (a bar
 * chart and a sortable table; a region's name drills down, its value opens the list behind it) and the
 * map of sub-regions (boundaries when installed, else a tile grid).
 */
import type {
  IndicatorChildFigure,
  IndicatorDefinition,
  IndicatorOverview,
  IndicatorPanel,
} from '@ohp/contracts';
import { Button, Card, Col, Empty, Row, Table, Tag, Typography, theme as antdTheme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EChart } from '../../shared/charts/EChart';
import type { ChartOption } from '../../shared/charts/echarts';
import { RegionMap } from '../../shared/charts/RegionMap';
import { chartColors, shortRegionName, stateTagColor } from '../../shared/charts/states';
import { pickText } from '../equipment/api';
import { TargetLine } from './KpiCard';
import { comparatorSymbol, fmtFraction, fmtTargetValue, fmtValue, listHref } from './format';

type Ranked = IndicatorChildFigure & { rank: number | null; label: string };

/** Best first in the indicator's direction; regions without a value (suppressed, no data) last, unranked. */
export const rankChildren = (
  children: IndicatorChildFigure[],
  def: IndicatorDefinition,
  smallCountMin: number,
): Ranked[] => {
  const withValue = children.filter((c) => c.value !== null && !c.suppressed);
  const without = children.filter((c) => c.value === null || c.suppressed);
  withValue.sort((a, b) => (def.direction === 'up' ? b.value! - a.value! : a.value! - b.value!));
  return [
    ...withValue.map((c, i) => ({ ...c, rank: i + 1, label: fmtValue(c, def, smallCountMin) })),
    ...without.map((c) => ({ ...c, rank: null, label: fmtValue(c, def, smallCountMin) })),
  ];
};

export const IndicatorDetail = ({
  def,
  panel,
  overview,
  smallCountMin,
  onDrill,
}: {
  def: IndicatorDefinition;
  panel: IndicatorPanel;
  overview: IndicatorOverview;
  smallCountMin: number;
  onDrill: (code: string) => void;
}) => {
  const { t } = useTranslation();
  const { token } = antdTheme.useToken();
  const period = overview.period.param;
  const drillable = useMemo(() => new Set(overview.children.map((c) => c.code)), [overview.children]);
  const ranked = useMemo(
    () => rankChildren(panel.children, def, smallCountMin),
    [panel.children, def, smallCountMin],
  );
  const isRate = def.unit !== 'count';
  const target = panel.target;
  const targetMark = (axis: 'x' | 'y') =>
    target
      ? {
          symbol: 'none',
          silent: true,
          lineStyle: { color: token.colorError, type: 'dashed' as const, width: 1.5 },
          label: {
            formatter: `${t('indicators.trendTarget')} ${comparatorSymbol(target.comparator)} ${fmtTargetValue(target, def)}`,
            color: token.colorError,
            fontSize: 11,
            position: axis === 'y' ? ('insideEndTop' as const) : ('start' as const),
          },
          data: [axis === 'y' ? { yAxis: target.value } : { xAxis: target.value }],
        }
      : undefined;

  const trendOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: unknown) => {
          const p = (ps as Array<{ dataIndex: number }>)[0];
          const point = p && panel.trend[p.dataIndex];
          if (!point) return '';
          const frac = fmtFraction(point);
          return `${point.period}<br/><b>${fmtValue(point, def, smallCountMin)}</b>${frac ? `<br/>${frac}` : ''}`;
        },
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: panel.trend.map((p) => p.period),
        axisLabel: { formatter: (v: string) => v.slice(2).replace('-', '.'), hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        min: 0,
        ...(isRate && { max: (v: { max: number }) => Math.max(100, Math.ceil(v.max)) }),
        axisLabel: { formatter: isRate ? '{value}%' : '{value}' },
      },
      series: [
        {
          type: 'line',
          name: pickText(def.name),
          connectNulls: false,
          symbolSize: 7,
          lineStyle: { width: 2, color: token.colorPrimary },
          areaStyle: { color: token.colorPrimaryBg, opacity: 0.6 },
          data: panel.trend.map((p) => ({
            value: p.suppressed ? null : p.value,
            itemStyle: { color: chartColors(p.state, token).solid },
          })),
          markLine: targetMark('y'),
        },
      ],
    }),
    [panel, def, token, smallCountMin, t],
  );

  const barRows = ranked.filter((r) => r.rank !== null);
  const barOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 56, top: target ? 24 : 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const r = barRows[(p as { dataIndex: number }).dataIndex];
          return r ? `${r.regionName}<br/><b>${r.label}</b>` : '';
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        ...(isRate && { max: 100 }),
        axisLabel: { formatter: isRate ? '{value}%' : '{value}' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: barRows.map((r) => shortRegionName(r.regionName)),
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          cursor: 'pointer',
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => barRows[p.dataIndex]?.label ?? '',
            fontSize: 11,
          },
          data: barRows.map((r) => ({
            value: r.value,
            itemStyle: { color: chartColors(r.state, token).solid, borderRadius: [0, 3, 3, 0] },
          })),
          markLine: targetMark('x'),
        },
      ],
    }),
    [barRows, token, t, isRate],
  );

  const columns: ColumnsType<Ranked> = [
    {
      title: t('indicators.rank'),
      dataIndex: 'rank',
      width: 56,
      align: 'center',
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('indicators.region'),
      dataIndex: 'regionName',
      sorter: (a, b) => a.regionCode.localeCompare(b.regionCode),
      render: (name: string, r) =>
        drillable.has(r.regionCode) ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto' }}
            data-testid={`ranking-drill-${r.regionCode}`}
            onClick={() => onDrill(r.regionCode)}
          >
            {name}
          </Button>
        ) : (
          name
        ),
    },
    {
      title: t('indicators.value'),
      dataIndex: 'value',
      align: 'right',
      sorter: (a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity),
      render: (_: unknown, r) => {
        const href = listHref(def.listPath, r.regionCode, period);
        return href && !r.suppressed && r.value !== null ? (
          <Link to={href} data-testid={`ranking-value-${r.regionCode}`} title={t('indicators.openList')}>
            {r.label}
          </Link>
        ) : (
          <span title={r.suppressed ? t('indicators.suppressedHint', { n: smallCountMin }) : undefined}>
            {r.label}
          </span>
        );
      },
    },
    {
      title: `${t('indicators.numerator')} / ${t('indicators.denominator')}`,
      key: 'fraction',
      align: 'right',
      responsive: ['sm'],
      render: (_: unknown, r) => fmtFraction(r) ?? '—',
    },
    {
      title: t('indicators.stateCol'),
      dataIndex: 'state',
      width: 96,
      render: (s: Ranked['state']) => <Tag color={stateTagColor(s)}>{t(`indicators.state.${s}`)}</Tag>,
    },
  ];

  const levelName = t(`indicators.regionLevel.${overview.region.level}`);
  const noChildren = panel.children.length === 0;
  return (
    <Card
      data-testid="indicator-detail"
      title={
        <div style={{ whiteSpace: 'normal', lineHeight: 1.4, padding: '8px 0' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
            {t('indicators.selected')}
          </Typography.Text>
          <div>
            {pickText(def.name)}{' '}
            <Tag color={stateTagColor(panel.figure.state)} style={{ verticalAlign: 'middle' }}>
              {t(`indicators.state.${panel.figure.state}`)}
            </Tag>
          </div>
          <div style={{ fontWeight: 400 }}>
            <TargetLine target={target} def={def} />
          </div>
        </div>
      }
    >
      {def.dataStatus !== 'data' && def.caveat && (
        <Typography.Paragraph type="warning" style={{ fontSize: 12 }}>
          {`${t('indicators.caveat')}：${pickText(def.caveat)}`}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={noChildren ? 24 : 12}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('indicators.trend')}
          </Typography.Title>
          {panel.trend.length ? (
            <EChart
              option={trendOption}
              height={240}
              testId="trend-chart"
              ariaLabel={t('indicators.trend')}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('indicators.trendEmpty')} />
          )}
        </Col>
        {!noChildren && (
          <Col xs={24} lg={12}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('indicators.map')}
            </Typography.Title>
            <RegionMap
              parentCode={overview.region.code}
              items={ranked.map((r) => ({
                code: r.regionCode,
                name: r.regionName,
                value: r.suppressed ? null : r.value,
                state: r.state,
                label: r.state === 'no_denominator' ? t('indicators.state.no_denominator') : r.label,
              }))}
              onSelect={(code) => drillable.has(code) && onDrill(code)}
            />
          </Col>
        )}
        <Col xs={24}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('indicators.ranking')}
          </Typography.Title>
          {noChildren ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('indicators.rankingEmpty', { level: levelName })}
            />
          ) : (
            <Row gutter={[16, 16]}>
              {barRows.length > 0 && (
                <Col xs={24} lg={12}>
                  <EChart
                    option={barOption}
                    height={Math.max(160, barRows.length * 30 + 24)}
                    testId="ranking-chart"
                    ariaLabel={t('indicators.ranking')}
                    onClick={(e) => {
                      const r = barRows[e.dataIndex];
                      if (r && drillable.has(r.regionCode)) onDrill(r.regionCode);
                    }}
                  />
                </Col>
              )}
              <Col xs={24} lg={barRows.length > 0 ? 12 : 24}>
                <Table<Ranked>
                  rowKey="regionCode"
                  size="small"
                  data-testid="ranking-table"
                  columns={columns}
                  dataSource={ranked}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                />
              </Col>
            </Row>
          )}
        </Col>
      </Row>
    </Card>
  );
};
