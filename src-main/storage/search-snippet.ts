/**
 * Search-result excerpts, made in JavaScript because the FTS table is contentless (it stores no
 * copy of the text; FTS5's own snippet() needs one). Words that start with a search term are
 * wrapped in SNIPPET_OPEN / SNIPPET_CLOSE, control characters that never occur in problem text
 * or LaTeX, so a UI can split on them safely.
 */
import { foldForSearch, WORD } from './fts-query.js';

export const SNIPPET_OPEN = '\u0002';
export const SNIPPET_CLOSE = '\u0003';
export const SNIPPET_ELLIPSIS = '…';

/** Words shown before the first match, for context. */
const LEAD_WORDS = 4;

interface WordSpan {
  start: number;
  end: number;
  hit: boolean;
}

/**
 * An excerpt of about `maxWords` words around the first match in `text` (or its start when nothing
 * matches), with the matching words marked.
 */
export function makeSnippet(text: string, terms: readonly string[], maxWords = 16): string {
  const folded = terms.map(foldForSearch);
  const words: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = foldForSearch(m[0]);
    words.push({ start: m.index, end: m.index + m[0].length, hit: folded.some((t) => t !== '' && word.startsWith(t)) });
  }
  if (words.length === 0) return text.slice(0, 200);
  const size = Math.max(1, Math.floor(maxWords));
  const firstHit = Math.max(0, words.findIndex((w) => w.hit));
  // Context before the match, but never so much that the match itself falls out of the window.
  const lead = Math.min(LEAD_WORDS, size - 1);
  const from = Math.max(0, Math.min(firstHit - lead, words.length - size));
  const to = Math.min(words.length, from + size);
  const window = words.slice(from, to);
  const first = window[0];
  const last = window[window.length - 1];
  if (first === undefined || last === undefined) return '';

  const startAt = from === 0 ? 0 : first.start;
  const endAt = to === words.length ? text.length : last.end;
  let out = from === 0 ? '' : SNIPPET_ELLIPSIS;
  let cursor = startAt;
  for (const w of window) {
    if (!w.hit) continue;
    out += text.slice(cursor, w.start) + SNIPPET_OPEN + text.slice(w.start, w.end) + SNIPPET_CLOSE;
    cursor = w.end;
  }
  out += text.slice(cursor, endAt);
  return to === words.length ? out : out + SNIPPET_ELLIPSIS;
}

/** Whether `text` contains a word starting with one of the terms (to pick the column to excerpt). */
export function hasHit(text: string, terms: readonly string[]): boolean {
  const folded = terms.map(foldForSearch);
  for (const m of text.matchAll(WORD)) {
    const word = foldForSearch(m[0]);
    if (folded.some((t) => t !== '' && word.startsWith(t))) return true;
  }
  return false;
}
