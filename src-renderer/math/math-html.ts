/**
 * One math span to HTML with KaTeX. Only KaTeX's own output is ever inserted as HTML: the problem
 * text around it is rendered as React text (escaped). `trust` stays off (no \href, \url, \htmlId…),
 * and a TeX error shows the source in red instead of throwing.
 */
import katex from 'katex';

const cache = new Map<string, string>();
const CACHE_LIMIT = 500;

export function mathToHtml(tex: string, displayMode: boolean): string {
  const key = `${displayMode ? 'D' : 'I'}${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = katex.renderToString(tex, { output: 'htmlAndMathml', throwOnError: false, displayMode, trust: false, strict: 'ignore' });
  if (cache.size >= CACHE_LIMIT) cache.clear(); // problems repeat little; a full reset keeps this simple
  cache.set(key, html);
  return html;
}
