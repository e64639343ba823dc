/** The ECharts option type of every chart in the app (the parts echarts-setup.ts registers) and the theme's colours. */
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  CalendarComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | CalendarComponentOption
  | VisualMapComponentOption
  | AriaComponentOption
>;

/** Colours from the page's theme (light or dark), so the charts follow `prefers-color-scheme`. */
export interface ChartPalette {
  text: string;
  muted: string;
  line: string;
  accent: string;
  success: string;
  surface: string;
  /** Heatmap: from "a little" to "a lot". */
  heat: [string, string];
}
