/**
 * ECharts, only the parts the app's charts draw (Progress and the dataset report) (tree-shaken: about a third of the full build).
 * SVG renderer: crisp at any zoom, and its text stays in the DOM.
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  CalendarComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  CalendarComponent,
  VisualMapComponent,
  AriaComponent,
  SVGRenderer,
]);

export function createChart(element: HTMLElement): ECharts {
  return init(element, null, { renderer: 'svg' });
}
