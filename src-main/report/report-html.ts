/**
 * The dataset report as one self-contained HTML page: inline CSS, charts as inline SVG, no scripts
 * and no external resources, so it can be saved, mailed and opened anywhere (and passes a strict CSP).
 */
import type { DatasetReport, LibraryFilter, TemplateHealth } from '../api/library-contract.std.js';
import { escapeHtml, histogramSvg, horizontalBarsSvg, stackedBarsSvg } from './svg-charts.js';

export const HEALTH_COLORS: Record<TemplateHealth, string> = {
  healthy: '#2e7d4f',
  warning: '#d39b1c',
  broken: '#c0392b',
  unknown: '#a0a7b4',
};
const ORDER: readonly TemplateHealth[] = ['healthy', 'warning', 'broken', 'unknown'];

export interface ReportPageOptions {
  title?: string;
  filter?: LibraryFilter;
  /** Shown in the header ("generated …"); the caller's clock, so tests stay deterministic. */
  generatedAt?: number;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function pct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)}%`;
}

function filterText(filter: LibraryFilter | undefined): string {
  const parts = Object.entries(filter ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length === 0 ? 'the whole library' : parts.join(' · ');
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2430; background: #f5f6f8; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 28px 48px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: #5c6473; }
.tiles { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin: 22px 0; }
.tile { background: #fff; border: 1px solid #e1e4ea; border-radius: 10px; padding: 12px 14px; }
.tile .n { font-size: 24px; font-weight: 650; display: block; }
.tile .k { color: #5c6473; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.tile .s { color: #5c6473; font-size: 12px; }
.tile.healthy .n { color: ${HEALTH_COLORS.healthy}; } .tile.warning .n { color: ${HEALTH_COLORS.warning}; }
.tile.broken .n { color: ${HEALTH_COLORS.broken}; } .tile.unknown .n { color: #6b7280; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(540px, 1fr)); gap: 16px; }
section.wide { grid-column: 1 / -1; }
section { background: #fff; border: 1px solid #e1e4ea; border-radius: 10px; padding: 14px 16px; overflow-x: auto; }
section h2 { margin: 0 0 10px; font-size: 15px; }
section p.note { margin: 6px 0 0; color: #5c6473; font-size: 12px; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eef0f3; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg .axis { stroke: #c4c9d2; }
svg text { font-size: 11px; fill: #3b4250; }
svg text.v, svg text.l { text-anchor: middle; }
svg text.v { fill: #5c6473; }
svg text.rl { text-anchor: end; }
.empty { color: #5c6473; font-style: italic; }
footer { margin-top: 24px; color: #8a909c; font-size: 12px; }
@media print { body { background: #fff; } section, .tile { break-inside: avoid; } }
`;

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** "10^-3" → "10⁻³": bucket labels narrow enough for sixteen bars. */
export function superscriptPowers(label: string): string {
  return label.replace(/\^(-?\d+)/g, (_, p: string) => p.replace(/[-\d]/g, (c) => SUPERSCRIPT[c] ?? c));
}

function tile(kind: string, label: string, value: number, sub: string): string {
  return `<div class="tile ${kind}"><span class="k">${escapeHtml(label)}</span><span class="n">${fmt(value)}</span><span class="s">${escapeHtml(sub)}</span></div>`;
}

function section(title: string, body: string, note?: string, wide = false): string {
  return `<section${wide ? ' class="wide"' : ''}><h2>${escapeHtml(title)}</h2>${body}${note ? `<p class="note">${escapeHtml(note)}</p>` : ''}</section>`;
}

function emptyOr(nonEmpty: boolean, html: () => string, empty: string): string {
  return nonEmpty ? html() : `<p class="empty">${escapeHtml(empty)}</p>`;
}

export function renderReportHtml(report: DatasetReport, opts: ReportPageOptions = {}): string {
  const title = opts.title ?? 'InfinityMATH Studio — dataset report';
  const when = opts.generatedAt === undefined ? '' : ` · generated ${new Date(opts.generatedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  const t = report.total;
  const tiles = [
    tile('', 'templates', t, `${fmt(report.audited)} audited (${pct(report.audited, t)})`),
    ...ORDER.map((h) => tile(h, h, report.byStatus[h], pct(report.byStatus[h], t))),
    tile('', 'duplicates', report.duplicates, 'of an earlier template'),
    tile('', 'reproduce original', report.reproduced, `${fmt(report.notReproduced)} do not`),
    tile('', 'approved', report.byReview.approved, `${fmt(report.byReview.flagged)} flagged · ${fmt(report.byReview.rejected)} rejected`),
  ].join('');

  const bySource = section(
    'Status by source',
    emptyOr(
      report.bySource.length > 0,
      () =>
        stackedBarsSvg(
          'Status by source',
          report.bySource.map((s) => ({ label: s.source, values: ORDER.map((h) => s.byStatus[h]) })),
          ORDER.map((h) => ({ label: h, color: HEALTH_COLORS[h] })),
        ),
      'No templates.',
    ),
    undefined,
    true,
  );
  const acceptance = section(
    'Acceptance rate (share of valid draws)',
    emptyOr(report.audited > 0, () => histogramSvg('Acceptance rate', report.acceptance.buckets, report.acceptance.counts, '#3b6fd8'), 'Nothing audited yet.'),
    'Templates per bucket of the share of their audit draws that gave a valid instance.',
  );
  const magnitude = section(
    'Answer magnitude on the original values',
    emptyOr(
      report.magnitude.buckets.length > 0,
      () => histogramSvg('Answer magnitude', report.magnitude.buckets.map(superscriptPowers), report.magnitude.counts, '#7b52c7'),
      'No numeric answers audited yet.',
    ),
    'Templates per power of ten of |answer| (10ᵏ: from 10ᵏ up to 10ᵏ⁺¹); zero and non-numeric answers are left out.',
  );
  const reasons = section(
    'Top reasons',
    emptyOr(
      report.topReasons.length > 0,
      () => horizontalBarsSvg('Top reasons', report.topReasons.map((r) => ({ label: r.reason, value: r.count })), '#c0392b', 420),
      'No reasons: every audited template is healthy.',
    ),
    'Numbers in reasons are shown as N so that alike reasons count together.',
    true,
  );
  const modules = section(
    'Needs a module',
    emptyOr(
      report.needsModule.length > 0,
      () =>
        `<table><thead><tr><th>module</th><th class="num">templates</th></tr></thead><tbody>${report.needsModule
          .map((m) => `<tr><td>${escapeHtml(m.module)}</td><td class="num">${fmt(m.count)}</td></tr>`)
          .join('')}</tbody></table>`,
      'No template needs a module that is missing offline.',
    ),
  );
  const review = section(
    'Review',
    `<table><thead><tr><th>state</th><th class="num">templates</th></tr></thead><tbody>${(['none', 'approved', 'flagged', 'rejected'] as const)
      .map((r) => `<tr><td>${r === 'none' ? 'not reviewed' : r}</td><td class="num">${fmt(report.byReview[r])}</td></tr>`)
      .join('')}</tbody></table>`,
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(filterText(opts.filter))}${escapeHtml(when)}</p></header>
<div class="tiles">${tiles}</div>
<div class="grid">
${bySource}
${reasons}
${acceptance}
${magnitude}
${modules}
${review}
</div>
<footer>InfinityMATH Studio. Figures are from each template's latest audit.</footer>
</main>
</body>
</html>
`;
}
