/**
 * A small React wrapper of ECharts: creates the chart on mount with a theme taken from the antd tokens
 * (font, text and line colours, the primary colour first in the palette), sets the option on every
 * change, follows its container's size (ResizeObserver) and disposes of the chart on unmount. Click
 * events go to `onClick` with the clicked item's data.
 */
import { theme as antdTheme } from 'antd';
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { echarts, type ChartOption } from './echarts';

export type ChartClick = { name: string; dataIndex: number; data: unknown; seriesIndex?: number };

/** The antd tokens as an ECharts theme (the chart is re-created when the tokens change). */
export const useChartTheme = () => {
  const { token } = antdTheme.useToken();
  return useMemo(
    () => ({
      color: [
        token.colorPrimary,
        token.colorSuccess,
        token.colorWarning,
        token.colorError,
        token.colorInfo,
        token.colorTextTertiary,
      ],
      backgroundColor: 'transparent',
      textStyle: { fontFamily: token.fontFamily, color: token.colorText, fontSize: token.fontSizeSM },
      categoryAxis: {
        axisLine: { lineStyle: { color: token.colorBorder } },
        axisTick: { lineStyle: { color: token.colorBorder } },
        axisLabel: { color: token.colorTextSecondary },
        splitLine: { lineStyle: { color: token.colorBorderSecondary } },
      },
      valueAxis: {
        axisLine: { lineStyle: { color: token.colorBorder } },
        axisLabel: { color: token.colorTextSecondary },
        splitLine: { lineStyle: { color: token.colorBorderSecondary } },
      },
      tooltip: {
        backgroundColor: token.colorBgElevated,
        borderColor: token.colorBorderSecondary,
        textStyle: { color: token.colorText, fontSize: token.fontSizeSM },
      },
    }),
    [token],
  );
};

export const EChart = ({
  option,
  height = 280,
  onClick,
  style,
  testId,
  ariaLabel,
}: {
  option: ChartOption;
  height?: number | string;
  onClick?: (e: ChartClick) => void;
  style?: CSSProperties;
  testId?: string;
  /** Read by screen readers (the chart itself is a canvas). */
  ariaLabel?: string;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const theme = useChartTheme();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, theme, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) =>
      clickRef.current?.({
        name: String(p.name ?? ''),
        dataIndex: p.dataIndex,
        data: p.data,
        seriesIndex: p.seriesIndex,
      }),
    );
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    // Printing changes the page width: redraw at the printed size.
    const onPrint = () => c.resize();
    window.addEventListener('beforeprint', onPrint);
    window.addEventListener('afterprint', onPrint);
    return () => {
      ro.disconnect();
      window.removeEventListener('beforeprint', onPrint);
      window.removeEventListener('afterprint', onPrint);
      c.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, theme]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height, minWidth: 0, ...style }}
    />
  );
};
