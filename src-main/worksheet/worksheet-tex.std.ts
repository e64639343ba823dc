/**
 * A generated worksheet as a LaTeX document (amsmath) for teachers who edit in LaTeX: one \section per
 * version and one per answer key. Prose is escaped character by character; the math regions found by the
 * engine's scanner stay math when they use only allowlisted TeX (tex-safe.std.ts), so `$\frac{3}{4}$`
 * stays math, `$12.50` becomes `\$12.50`, and `$\input{/etc/hostname}$` prints as those characters.
 */
import { texText } from '../template/tex-safety.std.js';
import { mathTextToTex } from './tex-safe.std.js';
import type { GeneratedWorksheet } from './worksheet-types.std.js';
import { footerText } from './worksheet-html.std.js';

/** Text (a title, an answer, a footer) as LaTeX: every special character escaped (see tex-safe.std.ts). */
export function escapeTex(text: string): string {
  return texText(text);
}

/** Prose escaped, math kept when it is on the allowlist, otherwise printed as text (see tex-safe.std.ts). */
export { mathTextToTex };

const WORK = { none: '', small: '\\vspace{3cm}', large: '\\vspace{7cm}' } as const;

export interface WorksheetTexOptions {
  /** Which parts go in this document (default: the spec's `key` setting decides). */
  parts?: 'sheets' | 'keys' | 'both';
  /** Only these versions (indexes); default all. */
  versions?: readonly number[];
}

export function renderWorksheetTex(sheet: GeneratedWorksheet, opts: WorksheetTexOptions = {}): string {
  const { spec } = sheet;
  const versions = opts.versions === undefined ? sheet.versions : sheet.versions.filter((v) => opts.versions?.includes(v.index));
  const parts = opts.parts ?? (spec.key === 'appended' ? 'both' : 'sheets');
  const lines: string[] = [
    `\\documentclass[${spec.fontSize <= 10 ? '10pt' : spec.fontSize <= 11 ? '11pt' : '12pt'}]{article}`,
    '\\usepackage[T1]{fontenc}',
    '\\usepackage[utf8]{inputenc}',
    '\\usepackage{amsmath,amssymb}',
    `\\usepackage[${spec.paper === 'A4' ? 'a4paper' : 'letterpaper'},margin=18mm]{geometry}`,
    '\\usepackage{multicol}',
    // A footer on every page, no extra package: "Version B · seed 12345" is set by each section.
    '\\makeatletter',
    '\\newcommand{\\sheetfooter}{}',
    '\\def\\ps@sheet{\\def\\@oddhead{}\\def\\@evenhead{}\\def\\@oddfoot{\\hfil\\footnotesize\\sheetfooter\\hfil}\\let\\@evenfoot\\@oddfoot}',
    '\\makeatother',
    '\\pagestyle{sheet}',
    '\\begin{document}',
  ];
  for (const v of parts === 'keys' ? [] : versions) {
    // The title on every version (no \maketitle page of its own), then the version as the section.
    lines.push('', '\\clearpage', `\\renewcommand{\\sheetfooter}{${escapeTex(footerText(spec, v.label, false))}}`, `\\begin{center}\\Large\\bfseries ${escapeTex(spec.title)}\\end{center}`, `\\section*{Version ${v.label}}`);
    if (spec.nameLine) lines.push('\\noindent Name \\hrulefill\\quad Date \\rule{3cm}{0.4pt}\\quad Class \\rule{3cm}{0.4pt}\\par\\medskip');
    if (spec.instructions.trim() !== '') lines.push(`\\noindent\\textit{${mathTextToTex(spec.instructions)}}\\par\\medskip`);
    if (spec.columns === 2) lines.push('\\begin{multicols}{2}');
    lines.push('\\begin{enumerate}');
    for (const p of v.problems) lines.push(`  \\item ${mathTextToTex(p.instance.text)}${WORK[spec.workingSpace] ? `\n\n  ${WORK[spec.workingSpace]}` : ''}`);
    lines.push('\\end{enumerate}');
    if (spec.columns === 2) lines.push('\\end{multicols}');
  }
  if (parts !== 'sheets') {
    for (const v of versions) {
      lines.push('', '\\clearpage', `\\renewcommand{\\sheetfooter}{${escapeTex(footerText(spec, v.label, true))}}`, `\\section*{Answer key: Version ${v.label}}`, '\\begin{enumerate}');
      for (const p of v.problems) {
        lines.push(`  \\item ${escapeTex(p.instance.answerText)} {\\footnotesize\\texttt{${escapeTex(`${p.instance.templateId} #${p.instance.seed}`)}}}`);
      }
      lines.push('\\end{enumerate}');
    }
  }
  lines.push('\\end{document}', '');
  return lines.join('\n');
}
