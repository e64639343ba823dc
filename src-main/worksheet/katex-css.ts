/**
 * KaTeX's stylesheet with its fonts inlined as base64 woff2: a worksheet HTML is then one self-contained
 * string that prints the same from `page.setContent` (an about:blank page cannot load file:// fonts), from
 * Electron's printToPDF, or from a saved .html file opened years later.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../paths.js';

let cached: string | undefined;

export function katexDistDir(): string {
  return path.join(packageRoot(), 'node_modules', 'katex', 'dist');
}

/** Only woff2 is kept: every Chromium reads it, and it is the smallest. */
const FONT_SRC = /src:url\(fonts\/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)[^;}]*/g;

export function inlineKatexCss(): string {
  if (cached !== undefined) return cached;
  const dir = katexDistDir();
  const css = fs.readFileSync(path.join(dir, 'katex.min.css'), 'utf8');
  let fonts = 0;
  const inlined = css.replace(FONT_SRC, (_all, name: string) => {
    fonts++;
    const data = fs.readFileSync(path.join(dir, 'fonts', `${name}.woff2`)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  // A KaTeX upgrade that changes the @font-face syntax must fail loudly, not print boxes for symbols.
  if (fonts === 0) throw new Error(`inlineKatexCss: no KaTeX font found in ${path.join(dir, 'katex.min.css')}`);
  cached = inlined;
  return inlined;
}
