/**
 * Splits a problem text into plain text and LaTeX math, using the engine's own scanner
 * (`findMathRegions`), so `$12.50` in a word problem stays money while `$\frac{3}{4}$` is math.
 * Pure: no DOM, no KaTeX (see math-html.ts), so it is tested in Node.
 */
import { findMathRegions } from '../../src-main/template/math-regions.std.js';

export type MathSegment = { kind: 'math'; tex: string; display: boolean; source: string };
export type TextSegment =
  | { kind: 'text'; text: string }
  /** `display` for `$$…$$` and `\[…\]`; `source` is the span as written, delimiters included. */
  | MathSegment;

/** `\$` outside math is a literal dollar (the scanner's rule), shown without its backslash. */
function plain(text: string): string {
  return text.replaceAll('\\$', '$');
}

export function splitMath(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const region of findMathRegions(text)) {
    if (region.start > at) segments.push({ kind: 'text', text: plain(text.slice(at, region.start)) });
    const source = text.slice(region.start, region.end);
    const display = source.startsWith('$$') || source.startsWith('\\[');
    segments.push({ kind: 'math', tex: text.slice(region.contentStart, region.contentEnd), display, source });
    at = region.end;
  }
  if (at < text.length) segments.push({ kind: 'text', text: plain(text.slice(at)) });
  return segments;
}

/** Inline math glued to the characters that touch it without a space (`(`, `,`, `?`, `cm`). */
export type WrapPiece = { kind: 'text'; text: string } | { kind: 'glued'; before: string; math: MathSegment; after: string } | MathSegment;

/** Longer inline formulas keep KaTeX's own line breaks (at relations and operators) rather than overflow. */
export const GLUE_MAX_TEX = 40;

/**
 * Groups short inline math with the non-space text right before and after it, so a line never breaks
 * between a formula and its comma or bracket (browsers may break around KaTeX's inline boxes).
 */
const gluable = (math: MathSegment): boolean => !math.display && math.tex.length <= GLUE_MAX_TEX;

export function glueForWrapping(segments: readonly TextSegment[]): WrapPiece[] {
  const pieces: WrapPiece[] = [];
  let carry = ''; // text already taken by the previous formula's `after`
  segments.forEach((segment, i) => {
    if (segment.kind === 'text') {
      const text = segment.text.slice(carry.length);
      carry = '';
      const next = segments[i + 1];
      if (next?.kind === 'math' && gluable(next)) {
        const before = /\S*$/.exec(text)?.[0] ?? '';
        if (text.length > before.length) pieces.push({ kind: 'text', text: text.slice(0, text.length - before.length) });
        carry = before; // handed to the formula below
        return;
      }
      if (text !== '') pieces.push({ kind: 'text', text });
      return;
    }
    if (!gluable(segment)) {
      if (carry !== '') pieces.push({ kind: 'text', text: carry });
      carry = '';
      pieces.push(segment);
      return;
    }
    const before = carry;
    const next = segments[i + 1];
    const after = next?.kind === 'text' ? (/^\S*/.exec(next.text)?.[0] ?? '') : '';
    pieces.push({ kind: 'glued', before, math: segment, after });
    carry = after;
  });
  return pieces;
}
