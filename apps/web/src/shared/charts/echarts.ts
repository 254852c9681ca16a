/**
 * ECharts, tree-shaken: only the charts and components the platform draws (line, bar, map; grid,
 * tooltip, mark lines, aria) on the canvas renderer. Import charts from here, never from 'echarts'
 * (the full build is ~1 MB). Pages that use it are lazy-loaded routes, so it stays out of the main
 * bundle (vite.config.ts puts it in its own chunk).
 */
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import type {
  AriaComponentOption,
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  AriaComponent,
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

export { echarts };
