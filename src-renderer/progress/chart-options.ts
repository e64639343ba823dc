/**
 * ECharts options for the Progress page, built from a `ProgressSummary`. Pure (no DOM, no ECharts
 * runtime: types only), so the numbers that reach each chart are unit-tested.
 */
import type { ProgressSummary, TopicProgress } from '../../src-main/api/contract.std.js';
import type { ChartOption, ChartPalette } from '../shared/chart-types.js';

// The chart types of every chart in the app live with the shared EChart component.
export type { ChartOption, ChartPalette } from '../shared/chart-types.js';

type Daily = ProgressSummary['daily'];

/** The last `days` days with practice, oldest first. */
export const ACCURACY_DAYS = 30;
/** Weeks shown in the practice calendar: a year, like a contribution graph. */
export const CALENDAR_WEEKS = 53;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-03` → `Nov 3` (the ISO date is already local time). */
export function shortDate(iso: string): string {
  const [, month, day] = iso.split('-').map(Number);
  return `${MONTHS[(month ?? 1) - 1] ?? ''} ${day ?? ''}`.trim();
}

/** `YYYY-MM-DD` of a date `days` before the given local ISO date. */
export function isoDaysBefore(iso: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = iso.split('-').map(Number);
  // UTC arithmetic on a calendar date: no daylight-saving hour can shift the day.
  const d = new Date(Date.UTC(year, month - 1, day - days));
  return d.toISOString().slice(0, 10);
}

export function percent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}

const axisStyle = (p: ChartPalette) => ({
  axisLine: { lineStyle: { color: p.line } },
  axisLabel: { color: p.muted },
  splitLine: { lineStyle: { color: p.line, opacity: 0.5 } },
});

export function accuracyOption(daily: Daily, palette: ChartPalette, description: string): ChartOption {
  const days = daily.slice(-ACCURACY_DAYS);
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { color: palette.text },
    tooltip: { trigger: 'axis' },
    legend: { data: ['Attempts', 'Accuracy'], textStyle: { color: palette.muted }, top: 0 },
    grid: { left: 44, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: days.map((d) => shortDate(d.date)), ...axisStyle(palette) },
    yAxis: [
      { type: 'value', name: 'attempts', minInterval: 1, nameTextStyle: { color: palette.muted }, ...axisStyle(palette) },
      {
        type: 'value',
        name: '%',
        min: 0,
        max: 100,
        nameTextStyle: { color: palette.muted },
        ...axisStyle(palette),
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: 'Attempts',
        type: 'bar',
        data: days.map((d) => d.attempts),
        itemStyle: { color: palette.accent, opacity: 0.35, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 18,
      },
      {
        name: 'Accuracy',
        type: 'line',
        yAxisIndex: 1,
        data: days.map((d) => (d.attempts === 0 ? 0 : percent(Math.min(1, d.correct / d.attempts)))),
        itemStyle: { color: palette.accent },
        lineStyle: { width: 2.5 },
        symbolSize: 6,
      },
    ],
  };
}

export function calendarOption(daily: Daily, today: string, palette: ChartPalette, description: string): ChartOption {
  const start = isoDaysBefore(today, CALENDAR_WEEKS * 7 - 1);
  const inRange = daily.filter((d) => d.date >= start && d.date <= today);
  const most = Math.max(1, ...inRange.map((d) => d.attempts));
  return {
    aria: { enabled: true, label: { description } },
    animation: false,
    textStyle: { color: palette.text },
    tooltip: {},
    visualMap: {
      show: false,
      min: 0,
      max: most,
      inRange: { color: palette.heat },
    },
    calendar: {
      range: [start, today],
      top: 22,
      left: 28,
      right: 8,
      bottom: 4,
      cellSize: ['auto', 'auto'],
      splitLine: { show: false },
      itemStyle: { color: palette.surface, borderColor: palette.line, borderWidth: 2 },
      dayLabel: { firstDay: 1, nameMap: ['S', 'M', 'T', 'W', 'T', 'F', 'S'], color: palette.muted, fontSize: 10 },
      monthLabel: { color: palette.muted, fontSize: 11 },
      yearLabel: { show: false },
    },
    series: [
      {
        type: 'heatmap',
        coordinateSystem: 'calendar',
        data: inRange.map((d) => [d.date, d.attempts]),
        tooltip: {
          formatter: (params) => {
            const value = Array.isArray(params) ? undefined : params.value;
            return Array.isArray(value) ? `${shortDate(String(value[0]))}: ${String(value[1])} attempts` : '';
          },
        },
      },
    ],
  };
}

/** Tooltip lines of one topic's bar (plain text joined by <br>; labels are escaped). */
export function masteryTooltip(s: TopicProgress): string {
  const lines = [
    `<b>${escapeHtml(s.label)}: ${percent(s.mastery)} %</b>`,
    `from ${s.firstTries} first ${s.firstTries === 1 ? 'try' : 'tries'}`,
    `one more right first try: ${percent(s.masteryIfRight)} %`,
  ];
  if (s.skipped > 0) lines.push(`${s.skipped} skipped (not counted)`);
  return lines.join('<br>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function masteryOption(byStrand: TopicProgress[], palette: ChartPalette, description: string): ChartOption {
  // Weakest at the bottom of the list reads naturally top-down as "best first".
  const strands = [...byStrand].sort((a, b) => a.mastery - b.mastery);
  return {
    aria: { enabled: true, label: { description } },
    textStyle: { color: palette.text },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // What the bar rests on, and how it grows (see MasteryExplainer).
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const s = first === undefined ? undefined : strands[first.dataIndex];
        return s === undefined ? '' : masteryTooltip(s);
      },
    },
    grid: { left: 8, right: 56, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: palette.muted, formatter: '{value} %' }, splitLine: { lineStyle: { color: palette.line, opacity: 0.5 } } },
    yAxis: { type: 'category', data: strands.map((s) => s.label), axisLabel: { color: palette.text }, axisLine: { lineStyle: { color: palette.line } } },
    series: [
      {
        name: 'Mastery',
        type: 'bar',
        data: strands.map((s) => ({
          value: percent(s.mastery),
          itemStyle: { color: s.mastery >= 0.8 ? palette.success : palette.accent, borderRadius: [0, 4, 4, 0] },
        })),
        barMaxWidth: 22,
        label: { show: true, position: 'right', color: palette.muted, formatter: '{c} %' },
      },
    ],
  };
}
