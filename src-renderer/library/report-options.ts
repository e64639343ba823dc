/**
 * ECharts options for the dataset report, built from a `DatasetReport`. Pure (types only from
 * ECharts), so what reaches each chart is unit-tested.
 */
import type { DatasetReport, Histogram, TemplateHealth } from '../../src-main/api/library-contract.std.js';
import type { ChartOption, ChartPalette } from '../shared/chart-types.js';

/** The theme's colours plus the two status colours the report needs. */
export interface ReportPalette extends ChartPalette {
  warning: string;
  broken: string;
}

export const STATUS_ORDER: readonly TemplateHealth[] = ['healthy', 'warning', 'broken', 'unknown'];
const STATUS_LABEL: Record<TemplateHealth, string> = { healthy: 'Healthy', warning: 'Warning', broken: 'Broken', unknown: 'Not audited' };

export function statusColour(status: TemplateHealth, p: ReportPalette): string {
  return status === 'healthy' ? p.success : status === 'warning' ? p.warning : status === 'broken' ? p.broken : p.muted;
}

const axis = (p: ChartPalette) => ({
  axisLine: { lineStyle: { color: p.line } },
  axisLabel: { color: p.muted },
  splitLine: { lineStyle: { color: p.line, opacity: 0.5 } },
});

/**
 * One horizontal bar per source, split by status as shares of that source (sources differ in size by
 * orders of magnitude: counts would hide a small source's problems); the label carries the count.
 * Biggest source on top.
 */
export function statusBySourceOption(report: DatasetReport, p: ReportPalette): ChartOption {
  // A category axis draws bottom-up: smallest first puts the biggest on top.
  const sources = [...report.bySource].sort((a, b) => sum(a.byStatus) - sum(b.byStatus));
  const description =
    'Templates by source and status: ' +
    [...sources]
      .reverse()
      .map((s) => `${s.source}: ${STATUS_ORDER.map((st) => `${s.byStatus[st]} ${STATUS_LABEL[st].toLowerCase()}`).join(', ')}`)
      .join('; ') +
    '.';
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { color: p.text },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => `${String(value)} %` },
    legend: { data: STATUS_ORDER.map((s) => STATUS_LABEL[s]), textStyle: { color: p.muted }, top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', min: 0, max: 100, ...axis(p), axisLabel: { color: p.muted, formatter: '{value} %' } },
    yAxis: {
      type: 'category',
      data: sources.map((s) => `${s.source} (${sum(s.byStatus).toLocaleString('en-US')})`),
      axisLabel: { color: p.text },
      axisLine: { lineStyle: { color: p.line } },
    },
    series: STATUS_ORDER.map((status) => ({
      name: STATUS_LABEL[status],
      type: 'bar' as const,
      stack: 'status',
      data: sources.map((s) => shareOf(s.byStatus[status], sum(s.byStatus))),
      itemStyle: { color: statusColour(status, p) },
      barMaxWidth: 26,
    })),
  };
}

/** Height for the by-source chart: a row per source. */
export function bySourceHeight(sources: number): number {
  return Math.max(140, 34 * sources + 60);
}

/** Percent with one decimal (0 of 0 is 0). */
export function shareOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}

/** A histogram as bars over its bucket labels. */
export function histogramOption(h: Histogram, p: ChartPalette, name: string, colour: string): ChartOption {
  const description = `${name}: ${h.buckets.map((b, i) => `${b}: ${h.counts[i] ?? 0}`).join(', ')}.`;
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { color: p.text },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: [...h.buckets], ...axis(p), axisLabel: { color: p.muted, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, ...axis(p) },
    series: [{ name, type: 'bar', data: [...h.counts], itemStyle: { color: colour, borderRadius: [3, 3, 0, 0] }, barCategoryGap: '12%' }],
  };
}

/** The most common audit reasons, most common on top. */
export function topReasonsOption(reasons: DatasetReport['topReasons'], p: ReportPalette, limit = 12): ChartOption {
  const shown = [...reasons].sort((a, b) => b.count - a.count).slice(0, limit).reverse();
  return {
    aria: { enabled: true, label: { description: `Top audit reasons: ${[...shown].reverse().map((r) => `${r.reason} (${r.count})`).join(', ')}.` } },
    textStyle: { color: p.text },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', minInterval: 1, ...axis(p) },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.reason),
      axisLabel: { color: p.text, width: 260, overflow: 'truncate' },
      axisLine: { lineStyle: { color: p.line } },
    },
    series: [
      {
        name: 'Templates',
        type: 'bar',
        data: shown.map((r) => r.count),
        itemStyle: { color: p.broken, borderRadius: [0, 4, 4, 0] },
        barMaxWidth: 20,
        label: { show: true, position: 'right', color: p.muted },
      },
    ],
  };
}

/** Height for the reasons chart: a row per reason, at least 200 px. */
export function reasonsHeight(count: number, limit = 12): number {
  return Math.max(200, 30 * Math.min(count, limit) + 24);
}

export function sum(byStatus: Record<TemplateHealth, number>): number {
  return STATUS_ORDER.reduce((total, s) => total + byStatus[s], 0);
}
