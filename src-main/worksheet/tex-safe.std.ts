/**
 * Problem text to LaTeX that compiles and only typesets. Prose is escaped character by character (no
 * backslash, brace, `%`, `^^` or control character of the source survives as TeX). A math region is
 * kept as math only when every control sequence in it is on the allowlist (template/tex-allowlist)
 * and KaTeX can parse it; otherwise the region is printed as visible typewriter text, so the teacher
 * sees exactly what the template says and nothing in it runs (`\input{/etc/hostname}` prints as those
 * characters). The engine's scanner decides what is math, so `$12.50` stays money.
 */
import katex from 'katex';
import { findMathRegions } from '../template/math-regions.std.js';
import { sanitizeMathTex, texText } from '../template/tex-safety.std.js';

export interface TexConversion {
  tex: string;
  /** Why math regions were printed as text, each reason once ("\\input is not allowed in math"). */
  refused: string[];
}

/** KaTeX parses it (the allowlist says which commands; this catches broken structure: `\frac{`, `\left(` alone). */
function katexParses(tex: string, displayMode: boolean): string | null {
  try {
    katex.renderToString(tex, { throwOnError: true, strict: 'ignore', trust: false, displayMode, maxExpand: 100 });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.replace(/^KaTeX parse error: /, '') : String(err);
  }
}

/** One math region (delimiters included in `source`) as LaTeX, or as visible text with the reason. */
export function mathRegionToTex(source: string, content: string, display: boolean): { tex: string; refused: string[] } {
  const { tex, problems } = sanitizeMathTex(content);
  const refused = problems.map((p) => `${p} is not allowed in math`);
  if (refused.length === 0) {
    const broken = katexParses(tex, display);
    if (broken === null) return { tex: display ? `\\[${tex}\\]` : `$${tex}$`, refused };
    refused.push(`math that does not parse (${broken})`);
  }
  return { tex: `\\texttt{${texText(source)}}`, refused };
}

/** Prose escaped, math kept (when allowed); `\$` in the source (a literal dollar) prints as `$`. */
export function mathTextToTexReport(text: string): TexConversion {
  let out = '';
  let at = 0;
  const refused = new Set<string>();
  const prose = (s: string): string => texText(s.replaceAll('\\$', '$'));
  for (const r of findMathRegions(text)) {
    out += prose(text.slice(at, r.start));
    const source = text.slice(r.start, r.end);
    const display = source.startsWith('$$') || source.startsWith('\\[');
    const region = mathRegionToTex(source, text.slice(r.contentStart, r.contentEnd), display);
    out += region.tex;
    for (const x of region.refused) refused.add(x);
    at = r.end;
  }
  return { tex: out + prose(text.slice(at)), refused: [...refused] };
}

export function mathTextToTex(text: string): string {
  return mathTextToTexReport(text).tex;
}
