/**
 * 分布图: the sub-regions of `parentCode` coloured by their state. It asks GET /api/v1/geo/:parentCode
 * for the boundaries the operator installed (a GeoJSON FeatureCollection whose features carry the
 * GB/T 2260 code in `properties.adcode` or `properties.code`) and draws an ECharts map; without one
 * (404, or any failure) it draws a tile-grid cartogram: one square per sub-region in code order, in a
 * near-square grid, labelled with the short name and the value, clickable.
 */
import { useQuery } from '@tanstack/react-query';
import type { IndicatorState } from '@ohp/contracts';
import { Spin, Typography, theme as antdTheme } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { EChart } from './EChart';
import { echarts, type ChartOption } from './echarts';
import { chartColors, shortRegionName } from './states';

export type RegionMapItem = {
  code: string;
  name: string;
  value: number | null;
  state: IndicatorState;
  /** The value as the page shows it (42.0%, <5, —). */
  label: string;
};

type Feature = { type: 'Feature'; properties?: Record<string, unknown> | null; geometry: unknown };
type FeatureCollection = { type: 'FeatureCollection'; features: Feature[] };

/** Codes compared on six digits: DataV-style 220100 and the platform's 2201 are the same city. */
const key6 = (code: unknown): string =>
  typeof code === 'string' || typeof code === 'number' ? String(code).padEnd(6, '0') : '';

/** Registers the boundaries once per parent, with each feature's code in `properties.ohpKey`. */
const registerBoundaries = (parentCode: string, fc: FeatureCollection): string => {
  const name = `ohp-${parentCode}`;
  if (!echarts.getMap(name)) {
    const features = fc.features.map((f) => ({
      ...f,
      properties: { ...f.properties, ohpKey: key6(f.properties?.adcode ?? f.properties?.code) },
    }));
    echarts.registerMap(name, { type: 'FeatureCollection', features } as never);
  }
  return name;
};

const TileGrid = ({
  items,
  onSelect,
  testId,
}: {
  items: RegionMapItem[];
  onSelect?: (code: string) => void;
  testId?: string;
}) => {
  const { token } = antdTheme.useToken();
  const sorted = [...items].sort((a, b) => a.code.localeCompare(b.code));
  const cols = Math.max(1, Math.ceil(Math.sqrt(sorted.length)));
  return (
    <div
      data-testid={testId}
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
        gap: 6,
        maxWidth: cols * 132,
        margin: '0 auto',
      }}
    >
      {sorted.map((it) => {
        const c = chartColors(it.state, token);
        return (
          <button
            key={it.code}
            type="button"
            title={`${it.name} ${it.label}`}
            aria-label={`${it.name} ${it.label}`}
            data-testid={`${testId ?? 'region-map'}-tile-${it.code}`}
            onClick={() => onSelect?.(it.code)}
            disabled={!onSelect}
            style={{
              aspectRatio: '1 / 0.8',
              minWidth: 0,
              padding: 4,
              border: `1px solid ${c.border}`,
              borderTop: `4px solid ${c.solid}`,
              borderRadius: token.borderRadius,
              background: c.bg,
              color: token.colorText,
              cursor: onSelect ? 'pointer' : 'default',
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              overflow: 'hidden',
              font: 'inherit',
            }}
          >
            <span
              style={{
                fontSize: token.fontSizeSM,
                lineHeight: 1.2,
                maxWidth: '100%',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
            >
              {shortRegionName(it.name)}
            </span>
            <span
              style={{ fontWeight: 600, fontSize: token.fontSize, lineHeight: 1.2, whiteSpace: 'nowrap' }}
            >
              {it.label}
            </span>
          </button>
        );
      })}
    </div>
  );
};

export const RegionMap = ({
  parentCode,
  items,
  onSelect,
  height = 320,
  testId = 'region-map',
}: {
  parentCode: string;
  items: RegionMapItem[];
  onSelect?: (code: string) => void;
  height?: number;
  testId?: string;
}) => {
  const { t } = useTranslation();
  const { token } = antdTheme.useToken();
  const geo = useQuery({
    queryKey: ['geo', parentCode],
    queryFn: () => api.get<FeatureCollection>(`/geo/${parentCode}`, undefined, { quiet: true }),
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  const mapName = useMemo(
    () => (geo.data?.type === 'FeatureCollection' ? registerBoundaries(parentCode, geo.data) : null),
    [geo.data, parentCode],
  );
  const byKey = useMemo(() => new Map(items.map((it) => [key6(it.code), it])), [items]);
  const option = useMemo<ChartOption | null>(
    () =>
      mapName === null
        ? null
        : {
            tooltip: {
              trigger: 'item',
              formatter: (p: unknown) => {
                const it = byKey.get(String((p as { name?: string }).name));
                return it ? `${it.name}<br/><b>${it.label}</b>` : '';
              },
            },
            series: [
              {
                type: 'map',
                map: mapName,
                nameProperty: 'ohpKey',
                roam: false,
                selectedMode: false,
                label: {
                  show: true,
                  fontSize: 11,
                  color: token.colorText,
                  formatter: (p: { name: string }) => {
                    const it = byKey.get(p.name);
                    return it ? shortRegionName(it.name) : '';
                  },
                },
                itemStyle: {
                  borderColor: token.colorBgContainer,
                  borderWidth: 1,
                  areaColor: token.colorFillAlter,
                },
                emphasis: { label: { show: true }, itemStyle: { areaColor: token.colorPrimaryBgHover } },
                data: items.map((it) => ({
                  name: key6(it.code),
                  value: it.value ?? undefined,
                  itemStyle: { areaColor: chartColors(it.state, token).solid },
                })),
              },
            ],
          },
    [mapName, items, byKey, token],
  );

  if (geo.isLoading)
    return (
      <div style={{ height: 120, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin tip={t('indicators.mapLoading')}>
          <span />
        </Spin>
      </div>
    );
  if (!option)
    return (
      <div>
        <TileGrid items={items} onSelect={onSelect} testId={testId} />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('indicators.mapTiles')}
        </Typography.Paragraph>
      </div>
    );
  return (
    <EChart
      option={option}
      height={height}
      testId={testId}
      ariaLabel={t('indicators.map')}
      onClick={(e) => {
        const it = byKey.get(e.name);
        if (it) onSelect?.(it.code);
      }}
    />
  );
};
