/**
 * The tutor panel's reply state (src-renderer/practice/tutor-reply.ts) in Node: finished paragraphs
 * settle and never change again (so their rendered math is reused), the paragraph still arriving is
 * the only live text, and math that may span a blank line is never split.
 */
import { describe, expect, it } from 'vitest';
import { appendReply, EMPTY_REPLY, replyText, type StreamedReply } from '../../src-renderer/practice/tutor-reply.js';

const feed = (chunks: readonly string[]): StreamedReply[] => {
  const states: StreamedReply[] = [];
  let r = EMPTY_REPLY;
  for (const c of chunks) {
    r = appendReply(r, c);
    states.push(r);
  }
  return states;
};

describe('a streamed tutor reply', () => {
  it('settles each paragraph once, keeps the text whole, and leaves only the last one live', () => {
    const paragraphs = Array.from({ length: 50 }, (_, i) => `Step ${i}: look at $x_${i} + 1$ and think.\n\n`);
    const chunks = paragraphs.join('').match(/[\s\S]{1,7}/g) ?? [];
    const states = feed(chunks);
    const last = states.at(-1) ?? EMPTY_REPLY;
    expect(replyText(last)).toBe(paragraphs.join(''));
    expect(last.settled).toEqual(paragraphs);
    // A settled paragraph is the same string from the moment it settles (React.memo reuses it).
    const firstSettled = states.find((s) => s.settled.length > 0)?.settled[0];
    expect(states.every((s) => s.settled.length === 0 || s.settled[0] === firstSettled)).toBe(true);
    // The live text never holds more than one paragraph (plus a chunk).
    expect(Math.max(...states.map((s) => s.live.length))).toBeLessThan((paragraphs[0] ?? '').length + 8);
  });

  it('does not settle inside display math that spans a blank line', () => {
    const states = feed(['Look: $$x = 1', '\n\n', 'y = 2$$ done.', '\n\nNext.']);
    expect(states[1]?.settled).toEqual([]);
    expect(states[2]?.settled).toEqual([]);
    expect(states[3]?.settled).toEqual(['Look: $$x = 1\n\ny = 2$$ done.\n\n']);
    expect(states[3]?.live).toBe('Next.');
  });

  it('treats money as money: a $ without its closer does not hold paragraphs back', () => {
    const states = feed(['It costs $5 each.\n\n', 'Then count.']);
    expect(states[1]).toEqual({ settled: ['It costs $5 each.\n\n'], live: 'Then count.' });
  });
});
