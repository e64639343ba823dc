/**
 * A generated worksheet as one self-contained print HTML document (inline CSS; the KaTeX CSS with its
 * fonts is passed in, see katex-css.ts), printed by Chromium (tests, CLI, browser mode) or Electron.
 *
 * Print layout: every version and every answer key is its own named page group (`@page v0`, `@page k0`),
 * which starts it on a new page and gives its pages their own running footer in the bottom margin box
 * ("Version B · seed 12345"). Each problem is `break-inside: avoid`, so a page break never splits one.
 * No clock and no random: the same sheet gives the same bytes.
 */
import type { AnswerFormat } from '../template/template.types.js';
import { escapeHtml, mathTextToHtml, texToHtml } from './math-html.std.js';
import type { GeneratedWorksheet, WorksheetProblem, WorksheetVersion } from './worksheet-types.std.js';
import type { WorksheetSpec } from './worksheet-spec.std.js';

export interface WorksheetHtmlOptions {
  /** KaTeX's stylesheet with fonts the printer can load (base64 for a self-contained file). */
  katexCss: string;
  /** Which parts go in this document (default: the spec's `key` setting decides). */
  parts?: 'sheets' | 'keys' | 'both';
  /** Only these versions (indexes); default all. Used for "one file per version". */
  versions?: readonly number[];
  /**
   * Invisible text markers at the start and end of every problem and key entry (`[[P A 3 <]]` …), for
   * tests that read the PDF's text per page to prove no problem is split. Off for teachers.
   */
  markers?: boolean;
  /**
   * Worked solutions for the key (the hook for the worked-steps engine): HTML for one problem's solution,
   * shown under its answer when the spec asks for worked solutions. The caller owns that HTML's safety.
   */
  workedSolution?: (problem: WorksheetProblem) => string | undefined;
}

const WORK_SPACE = { none: '0', small: '3cm', large: '7cm' } as const;
const MARGIN = { A4: '18mm 16mm 20mm 16mm', Letter: '0.7in 0.65in 0.8in 0.65in' } as const;
/** On screen (the builder's preview, a saved .html opened in a browser) each part is drawn as a sheet of paper. */
const PAPER = { A4: { width: '210mm', height: '297mm' }, Letter: { width: '8.5in', height: '11in' } } as const;

/** A CSS string literal (for `content:` in margin boxes). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, ' ')}"`;
}

export function footerText(spec: WorksheetSpec, label: string, key: boolean): string {
  return `${key ? 'Answer key · ' : ''}Version ${label} · seed ${spec.seed}`;
}

/** `3/4`, `-1 3/4`, `5/2 cups`: printed as a fraction, with its unit as text. */
const FRACTION = /^(-?)(?:(\d+) )?(\d+)\/(\d+)(\s+\S.*)?$/;

function answerHtml(text: string, format: AnswerFormat): string {
  const m = format === 'fraction' ? FRACTION.exec(text) : null;
  // Full-size fractions (\dfrac): the teacher marks against these, next to bold answers.
  if (m) return texToHtml(`${m[1] ?? ''}${m[2] ?? ''}\\dfrac{${m[3] ?? ''}}{${m[4] ?? ''}}`, false) + escapeHtml(m[5] ?? '');
  if (format === 'expression') return texToHtml(text, false);
  return escapeHtml(text);
}

function marker(on: boolean, kind: 'P' | 'K', label: string, n: number, edge: '<' | '>'): string {
  return on ? `<span class="mk">[[${kind} ${label} ${n} ${edge}]]</span>` : '';
}

function sheetCss(spec: WorksheetSpec, versions: readonly WorksheetVersion[], parts: 'sheets' | 'keys' | 'both'): string {
  const pages = versions
    .flatMap((v) => [
      ...(parts === 'keys' ? [] : [`@page v${v.index}{@bottom-center{content:${cssString(footerText(spec, v.label, false))}}}\n.page-v${v.index}{page:v${v.index}}`]),
      ...(parts === 'sheets' ? [] : [`@page k${v.index}{@bottom-center{content:${cssString(footerText(spec, v.label, true))}}}\n.page-k${v.index}{page:k${v.index}}`]),
    ])
    .join('\n');
  return `@page{size:${spec.paper === 'A4' ? 'A4' : 'letter'};margin:${MARGIN[spec.paper]};@bottom-center{font:9pt system-ui,sans-serif;color:#555}}
${pages}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font-family:"Noto Serif","DejaVu Serif",Georgia,serif;font-size:${spec.fontSize}pt;line-height:1.45;color:#111}
section.part{break-before:page}
section.part:first-child{break-before:auto}
header h1{font:700 1.5em/1.2 system-ui,sans-serif;margin:0 0 .2em}
header .version{font:600 .85em system-ui,sans-serif;color:#444;margin-bottom:.6em}
.name-line{display:flex;gap:1.2em;margin:.4em 0 .8em;font-size:.9em}
.name-line span{flex:1;border-bottom:1px solid #333;padding-bottom:2px}
.name-line span.short{flex:.5}
.instructions{margin:.2em 0 1em;font-style:italic}
.problems{margin:0}
.problems.cols-2{column-count:2;column-gap:9mm}
.problem{break-inside:avoid;page-break-inside:avoid;display:flex;align-items:baseline;gap:.5em;padding:.35em 0 .6em}
.problem .num{font-weight:700;min-width:1.8em;text-align:right}
.problem .body{flex:1;min-width:0}
.problem .work{height:${WORK_SPACE[spec.workingSpace]}}
.key-list{column-count:${spec.workedSolutions ? 1 : spec.columns === 2 ? 3 : 2};column-gap:9mm}
.key-entry{break-inside:avoid;page-break-inside:avoid;padding:.2em 0;display:flex;align-items:baseline;gap:.5em}
.key-entry .num{font-weight:700;min-width:1.8em;text-align:right}
.key-entry .ans{font-weight:600}
.key-entry .src{display:block;font:7pt ui-monospace,monospace;color:#666;overflow-wrap:anywhere}
.key-entry .worked{font-size:.85em;margin-top:.2em}
.key-entry .steps{margin:.15em 0 0;padding-left:1.3em}
.katex{font-size:1.05em}
.mk{display:block;height:0;overflow:visible;font-size:2px;line-height:0;color:#fff}
@media screen{html{background:#dfe3ea}body{padding:14px 0}section.part{background:#fff;width:${PAPER[spec.paper].width};min-height:${PAPER[spec.paper].height};margin:0 auto 14px;padding:${MARGIN[spec.paper]};box-shadow:0 1px 3px rgb(0 0 0/18%)}}`;
}

function problemHtml(p: WorksheetProblem, label: string, markers: boolean): string {
  return (
    `<div class="problem"><span class="num">${p.number}.</span>` +
    `<div class="body">${marker(markers, 'P', label, p.number, '<')}<div class="text">${mathTextToHtml(p.instance.text)}</div><div class="work"></div>${marker(markers, 'P', label, p.number, '>')}</div></div>`
  );
}

function sheetHtml(spec: WorksheetSpec, v: WorksheetVersion, markers: boolean): string {
  const nameLine = spec.nameLine ? '<div class="name-line"><span>Name</span><span class="short">Date</span><span class="short">Class</span></div>' : '';
  const instructions = spec.instructions.trim() === '' ? '' : `<p class="instructions">${mathTextToHtml(spec.instructions)}</p>`;
  const versionLine = spec.versions > 1 ? `<div class="version">Version ${v.label}</div>` : '';
  return (
    `<section class="part sheet page-v${v.index}" data-version="${v.label}"><header><h1>${escapeHtml(spec.title)}</h1>${versionLine}${nameLine}${instructions}</header>` +
    `<div class="problems cols-${spec.columns}">${v.problems.map((p) => problemHtml(p, v.label, markers)).join('')}</div></section>`
  );
}

function keyHtml(spec: WorksheetSpec, v: WorksheetVersion, markers: boolean, worked: WorksheetHtmlOptions['workedSolution']): string {
  // Without a worked-solution provider the key shows final answers only.
  const solution = (p: WorksheetProblem): string => {
    const html = spec.workedSolutions ? worked?.(p) : undefined;
    return html === undefined ? '' : `<div class="worked">${html}</div>`;
  };
  const entries = v.problems
    .map(
      (p) =>
        `<div class="key-entry"><span class="num">${p.number}.</span><div>${marker(markers, 'K', v.label, p.number, '<')}<span class="ans">${answerHtml(p.instance.answerText, p.instance.answerFormat)}</span>` +
        `<span class="src">${escapeHtml(p.instance.templateId)} #${p.instance.seed}</span>${solution(p)}${marker(markers, 'K', v.label, p.number, '>')}</div></div>`,
    )
    .join('');
  return (
    `<section class="part key page-k${v.index}" data-key="${v.label}"><header><h1>${escapeHtml(spec.title)} — answer key</h1>` +
    `<div class="version">Version ${v.label} · seed ${spec.seed}</div></header><div class="key-list">${entries}</div></section>`
  );
}

export function renderWorksheetHtml(sheet: GeneratedWorksheet, opts: WorksheetHtmlOptions): string {
  const { spec } = sheet;
  const wanted = opts.versions === undefined ? sheet.versions : sheet.versions.filter((v) => opts.versions?.includes(v.index));
  if (wanted.length === 0) throw new RangeError(`renderWorksheetHtml: no version among ${JSON.stringify(opts.versions)} (the sheet has ${sheet.versions.length})`);
  const parts = opts.parts ?? (spec.key === 'none' ? 'sheets' : spec.key === 'separate' ? 'sheets' : 'both');
  const markers = opts.markers ?? false;
  const body: string[] = [];
  if (parts !== 'keys') for (const v of wanted) body.push(sheetHtml(spec, v, markers));
  if (parts !== 'sheets') for (const v of wanted) body.push(keyHtml(spec, v, markers, opts.workedSolution));
  const title = `${spec.title}${parts === 'keys' ? ' — answer keys' : ''}`;
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>\n` +
    `<style>${opts.katexCss}</style>\n<style>${sheetCss(spec, wanted, parts)}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`
  );
}
