/**
 * Bar charts as inline SVG strings, for a report page that must work saved to disk, offline and
 * without scripts: vertical histograms, horizontal bars with labels, and horizontal stacked bars.
 * Every label is escaped; sizes are fixed so the page lays out the same everywhere.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Vertical bars, one per bucket, with counts above and bucket labels below. */
export function histogramSvg(title: string, buckets: readonly string[], counts: readonly number[], color: string): string {
  const width = 520;
  const height = 220;
  const top = 22;
  const bottom = 44;
  const left = 8;
  const plotH = height - top - bottom;
  const n = Math.max(1, buckets.length);
  const slot = (width - left * 2) / n;
  const max = Math.max(1, ...counts);
  const bars = buckets
    .map((label, i) => {
      const count = counts[i] ?? 0;
      const h = Math.round((count / max) * plotH);
      const x = left + i * slot;
      const y = top + plotH - h;
      const cx = x + slot / 2;
      return [
        `<rect x="${(x + slot * 0.12).toFixed(1)}" y="${y}" width="${(slot * 0.76).toFixed(1)}" height="${h}" fill="${color}"><title>${escapeHtml(`${label}: ${fmt(count)}`)}</title></rect>`,
        `<text x="${cx.toFixed(1)}" y="${y - 4}" class="v">${fmt(count)}</text>`,
        `<text x="${cx.toFixed(1)}" y="${top + plotH + 16}" class="l">${escapeHtml(label)}</text>`,
      ].join('');
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<line x1="${left}" y1="${top + plotH}" x2="${width - left}" y2="${top + plotH}" class="axis"/>${bars}</svg>`;
}

export interface Segment {
  label: string;
  color: string;
}

/** Horizontal stacked bars: one row per item, one segment per series, scaled to the largest row. */
export function stackedBarsSvg(
  title: string,
  rows: readonly { label: string; values: readonly number[] }[],
  series: readonly Segment[],
  opts: { labelWidth?: number; legend?: boolean } = {},
): string {
  const labelW = opts.labelWidth ?? 210;
  const barW = 330;
  const rowH = 22;
  const showLegend = opts.legend ?? true;
  const legendH = showLegend ? 26 : 4;
  // About 6.4 px per character at the label's 11 px font.
  const maxChars = Math.floor((labelW - 12) / 6.4);
  const width = labelW + barW + 70;
  const height = legendH + rows.length * rowH + 6;
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((s, v) => s + v, 0)));
  const legend = !showLegend
    ? ''
    : series.map((s, i) => `<rect x="${labelW + i * 90}" y="6" width="12" height="12" fill="${s.color}"/><text x="${labelW + i * 90 + 16}" y="16" class="lg">${escapeHtml(s.label)}</text>`)
    .join('');
  const body = rows
    .map((row, r) => {
      const y = legendH + r * rowH;
      let x = labelW;
      const segs = row.values
        .map((v, i) => {
          const w = (v / max) * barW;
          const seg = w <= 0 ? '' : `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${series[i]?.color ?? '#999'}"><title>${escapeHtml(`${row.label} — ${series[i]?.label ?? ''}: ${fmt(v)}`)}</title></rect>`;
          x += w;
          return seg;
        })
        .join('');
      const total = row.values.reduce((s, v) => s + v, 0);
      return `<text x="${labelW - 8}" y="${y + rowH / 2 + 3}" class="rl">${escapeHtml(shorten(row.label, maxChars))}<title>${escapeHtml(row.label)}</title></text>${segs}<text x="${(x + 6).toFixed(1)}" y="${y + rowH / 2 + 3}" class="rv">${fmt(total)}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${legend}${body}</svg>`;
}

/** Horizontal bars with a label on the left and the count on the right. */
export function horizontalBarsSvg(title: string, rows: readonly { label: string; value: number }[], color: string, labelWidth = 210): string {
  return stackedBarsSvg(
    title,
    rows.map((r) => ({ label: r.label, values: [r.value] })),
    [{ label: '', color }],
    { labelWidth, legend: false },
  );
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
