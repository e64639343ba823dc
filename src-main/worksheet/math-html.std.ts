/**
 * Problem text to print HTML: the engine's own math scanner decides what is math (`$\frac{3}{4}$`) and
 * what is money (`$12.50`); math goes through KaTeX, everything else is escaped text.
 */
import katex from 'katex';
import { findMathRegions } from '../template/math-regions.std.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function texToHtml(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { output: 'htmlAndMathml', throwOnError: false, displayMode, trust: false, strict: 'ignore' });
}

/** `\$` outside math is a literal dollar (the scanner's rule), printed without its backslash. */
function plain(text: string): string {
  return escapeHtml(text.replaceAll('\\$', '$'));
}

export function mathTextToHtml(text: string): string {
  let out = '';
  let at = 0;
  for (const r of findMathRegions(text)) {
    out += plain(text.slice(at, r.start));
    const source = text.slice(r.start, r.end);
    const display = source.startsWith('$$') || source.startsWith('\\[');
    // On paper, inline fractions at text size are too small to read and write over: print them full size.
    out += texToHtml(display ? text.slice(r.contentStart, r.contentEnd) : `\\displaystyle ${text.slice(r.contentStart, r.contentEnd)}`, display);
    at = r.end;
  }
  return out + plain(text.slice(at));
}
