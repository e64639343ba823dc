/**
 * The tutor's reply as it streams in, kept so that rendering costs what is new, not the whole reply
 * again on every chunk (which is O(n²) over a long reply: each chunk re-split and re-typeset every
 * formula). Finished paragraphs are `settled`: their text never changes again, so their rendered math
 * is reused (React.memo on an unchanged string); only the `live` paragraph is rendered anew. A
 * paragraph ends at a blank line outside any math still open (`$$`, `\[` and `\(` may span blank
 * lines; a single `$` never does, see math-regions.std.ts). Pure: tested in Node.
 */
import { findMathRegions } from '../../src-main/template/math-regions.std.js';

export interface StreamedReply {
  /** Paragraphs that are complete, blank lines included at their ends. */
  settled: readonly string[];
  /** The paragraph still arriving. */
  live: string;
}

export const EMPTY_REPLY: StreamedReply = { settled: [], live: '' };

export function replyText(r: StreamedReply): string {
  return r.settled.join('') + r.live;
}

/** Math that opens in `text` and has not closed by its end (display math, `\(`), outside closed regions. */
function hasOpenMath(text: string): boolean {
  const regions = findMathRegions(text);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const r = regions[k];
    if (r && i >= r.start) {
      i = r.end - 1;
      k++;
      continue;
    }
    const c = text[i];
    if (c === '\\') {
      const n = text[i + 1];
      if (n === '[' || n === '(') return true;
      i++;
      continue;
    }
    if (c === '$' && text[i + 1] === '$') return true;
  }
  return false;
}

/** The reply with `text` added: whatever is before the last safe paragraph break is settled. */
export function appendReply(r: StreamedReply, text: string): StreamedReply {
  if (text === '') return r;
  const live = r.live + text;
  // Only the newest break can be new: earlier ones were already looked at.
  let at = live.lastIndexOf('\n\n');
  while (at > 0) {
    let end = at + 2;
    while (live[end] === '\n') end++;
    const done = live.slice(0, end);
    if (!hasOpenMath(done)) return { settled: [...r.settled, done], live: live.slice(end) };
    at = live.lastIndexOf('\n\n', at - 1);
  }
  return { settled: r.settled, live };
}
