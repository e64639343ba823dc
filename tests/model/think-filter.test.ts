/**
 * Thinking never reaches the learner: `<think>` blocks in content (whole, split at every possible
 * place, several, unterminated), replies that start inside thinking without the opening tag (held
 * until the closing tag), gpt-oss harmony channels left in content, and ordinary replies untouched.
 */
import { describe, expect, it } from 'vitest';
import { stripThinking, ThinkFilter, type ThinkMode } from '../../src-main/model/think-filter.js';

function run(pieces: readonly string[], mode: ThinkMode = 'hold'): { shown: string[]; text: string; filter: ThinkFilter } {
  const filter = new ThinkFilter(mode);
  const shown = pieces.map((p) => filter.push(p));
  shown.push(filter.finish());
  return { shown, text: shown.join(''), filter };
}

/** Every way of cutting `text` in two. */
function everySplit(text: string): [string, string][] {
  return Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
}

const THOUGHT = 'The answer is 42 because 40 + 2; do not tell.';

describe('stripping thinking from content', () => {
  it('removes a tagged block, whatever the chunking, and streams the rest', () => {
    const reply = `<think>\n${THOUGHT}\n</think>\n\nLook at the tens first.`;
    for (const [a, b] of everySplit(reply)) {
      const out = run([a, b]);
      expect(out.text, JSON.stringify([a, b])).toBe('Look at the tens first.');
      expect(out.shown.join('')).not.toContain('42');
    }
    const perChar = run(Array.from(reply));
    expect(perChar.text).toBe('Look at the tens first.');
    expect(perChar.filter.result).toEqual({ thought: true, headless: false, unterminated: false });
  });

  it('removes blocks in the middle, upper case and <thinking>, and keeps text on both sides', () => {
    expect(stripThinking('Start. <THINK>secret</THINK> Middle. <thinking>more</thinking>End.', 'plain').text).toBe('Start. Middle. End.');
  });

  it('hides everything after an unterminated block', () => {
    const out = run(['Hello. <think>', THOUGHT, ' and more thinking']);
    expect(out.text).toBe('Hello. ');
    expect(out.filter.result.unterminated).toBe(true);
    expect(run(['<think>', THOUGHT]).text).toBe('');
  });

  it('holds a reply that starts inside thinking without the tag, then drops it at </think>', () => {
    const reply = `${THOUGHT} Let me check. </think>\n\nTry adding the ones.`;
    for (const [a, b] of everySplit(reply)) {
      const out = run([a, b], 'hold');
      expect(out.text, JSON.stringify([a, b])).toBe('Try adding the ones.');
      expect(out.shown.slice(0, 1).join('')).not.toContain('42');
    }
    expect(run([reply]).filter.result.headless).toBe(true);
  });

  it('in hold mode releases an ordinary reply at its end; in plain mode at once', () => {
    const held = run(['Look at ', 'the tens.']);
    expect(held.shown).toEqual(['', '', 'Look at the tens.']);
    const plain = run(['Look at ', 'the tens.'], 'plain');
    expect(plain.shown).toEqual(['Look at ', 'the tens.', '']);
    expect(plain.filter.result).toEqual({ thought: false, headless: false, unterminated: false });
  });

  it('releases a held reply at once when the server sends thinking in a field of its own', () => {
    const f = new ThinkFilter('hold');
    f.thinkingSeparately();
    expect(f.push('Look at the tens.')).toBe('Look at the tens.');
  });

  it('in plain mode a stray </think> hides what follows no further and is reported', () => {
    const out = run(['Some thought', '</think>', 'The hint.'], 'plain');
    expect(out.text).toBe('Some thoughtThe hint.');
    expect(out.filter.result.headless).toBe(true);
  });

  it('removes gpt-oss harmony analysis left in content by the server', () => {
    const reply = '<|channel|>analysis<|message|>User wants 42.<|end|><|start|>assistant<|channel|>final<|message|>Hello! Start with the tens.';
    for (const [a, b] of everySplit(reply)) expect(run([a, b]).text, JSON.stringify([a, b])).toBe('Hello! Start with the tens.');
  });

  it('leaves ordinary text with angle brackets alone', () => {
    expect(stripThinking('Is 3 < 4? Yes, and <b> is not a tag we know; think about it.').text).toBe('Is 3 < 4? Yes, and <b> is not a tag we know; think about it.');
  });
});
