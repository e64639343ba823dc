/**
 * Worksheet figures for `npm run bench` (the lead wires this into tests/bench/bench.ts): the sheet,
 * 4 versions × 20 fractions problems with keys, from spec to PDF bytes (draw and verify, render HTML,
 * launch Chromium, print), against launching Chromium and printing a static page with the same number
 * of pages, in the same run. Goal: ≤ 3 s total.
 */
import { chromium } from 'playwright-core';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { generateWorksheet } from '../../src-main/worksheet/generate-worksheet.js';
import { inlineKatexCss } from '../../src-main/worksheet/katex-css.js';
import { CHROMIUM_FLAGS, chromiumPath, printPdf } from '../../src-main/worksheet/print-pdf.js';
import { renderWorksheetHtml } from '../../src-main/worksheet/worksheet-html.std.js';
import { fractionsSpec, starterLookup } from './fixture.js';

export interface WorksheetBench {
  generateMs: number;
  renderMs: number;
  printMs: number;
  totalMs: number;
  pages: number;
  /** Launch Chromium and print a static page of `pages` pages, the same way. */
  staticMs: number;
}

function pagesOf(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

function staticHtml(pages: number): string {
  const page = '<p>' + 'The quick brown fox jumps over the lazy dog. '.repeat(40) + '</p>';
  return `<!doctype html><html><head><meta charset="utf-8"><style>section{break-after:page}</style></head><body>${Array.from({ length: pages }, () => `<section>${page}</section>`).join('')}</body></html>`;
}

export async function worksheetBench(pool: SandboxPool): Promise<WorksheetBench> {
  // One warm-up of Chromium itself (first launch reads the binary from disk), not counted for either side.
  await (await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_FLAGS] })).close();
  const t0 = performance.now();
  const sheet = await generateWorksheet(pool, fractionsSpec(7), starterLookup());
  const t1 = performance.now();
  const html = renderWorksheetHtml(sheet, { katexCss: inlineKatexCss() });
  const t2 = performance.now();
  const pdf = await printPdf(html, 'A4');
  const t3 = performance.now();
  const pages = pagesOf(pdf);
  const s0 = performance.now();
  await printPdf(staticHtml(pages), 'A4');
  const staticMs = performance.now() - s0;
  return { generateMs: t1 - t0, renderMs: t2 - t1, printMs: t3 - t2, totalMs: t3 - t0, pages, staticMs };
}

/** Rows in bench.ts's table format: measure, value, ratio, goal. */
export function worksheetBenchRows(b: WorksheetBench): string[][] {
  const ms = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return [
    [`worksheet: 4 versions × 20 problems + keys → PDF, ${b.pages} pages (ms)`, ms(b.totalMs), '', '≤ 3,000 ms'],
    ['  of which draw + verify / render HTML / Chromium print (ms)', `${ms(b.generateMs)} / ${ms(b.renderMs)} / ${ms(b.printMs)}`, '', ''],
    ['  vs Chromium printing a static page of as many pages (ms)', ms(b.staticMs), `${(b.totalMs / b.staticMs).toFixed(1)}×`, ''],
  ];
}
