/** Reading models' replies: fences or none, prose around, ranges in several shapes, and clear refusals. */
import { describe, expect, it } from 'vitest';
import { finalAnswer } from '../../src-main/authoring/gsm-answer.js';
import { parseReply } from '../../src-main/authoring/parse-reply.js';

const PROGRAM = 'def solution(a, b):\n    """Sum."""\n    total = a + b  # both\n    return total\n';

describe('parseReply', () => {
  it('reads a ```python block and a ```json block with ranges and criteria', () => {
    const r = parseReply(`Here you go:\n\`\`\`python\n${PROGRAM}\`\`\`\n\`\`\`json\n{"ranges": {"a": {"min": 1, "max": 9}, "b": {"min": 2, "max": 20, "step": 2}}, "criteria": ["answer > 0"]}\n\`\`\``, ['a', 'b']);
    expect(r).toEqual({ program: PROGRAM, ranges: { a: { min: 1, max: 9 }, b: { min: 2, max: 20, step: 2 } }, criteria: ['answer > 0'], notes: [] });
  });

  it('reads an unlabelled fence, a bare def in prose, and a JSON object without a fence', () => {
    expect(parseReply(`\`\`\`\n${PROGRAM}\`\`\``, ['a', 'b']).program).toBe(PROGRAM);
    const bare = parseReply(`Sure.\n${PROGRAM}\nRanges: {"a": [1, 5], "b": {"min": 0, "max": 3}}\nHope it helps!`, ['a', 'b']);
    expect(bare.program).toBe(PROGRAM);
    expect(bare.ranges).toEqual({ a: { min: 1, max: 5 }, b: { min: 0, max: 3 } });
    // An unterminated fence (the reply was cut) still gives the program.
    expect(parseReply(`\`\`\`python\n${PROGRAM}`, ['a', 'b']).program).toBe(PROGRAM);
  });

  it('keeps the program when the ranges are missing or wrong, and says so', () => {
    expect(parseReply(`\`\`\`python\n${PROGRAM}\`\`\``, ['a', 'b']).notes).toEqual(['the reply gave no ranges: they are inferred from the values']);
    const r = parseReply(`\`\`\`python\n${PROGRAM}\`\`\`\n\`\`\`json\n{"ranges": {"a": {"min": 9, "max": 1}, "c": {"min": 1, "max": 2}}, "criteria": [3]}\n\`\`\``, ['a', 'b']);
    expect(r.ranges).toEqual({});
    expect(r.notes).toEqual([
      'ignored the range of "a": expected {"min": number, "max": number} with min ≤ max',
      'ignored a range for "c", which is not a variable',
      'ignored a criterion that is not a short Python expression',
    ]);
  });

  it('refuses replies without a usable program, with the reason', () => {
    expect(() => parseReply('', ['a'])).toThrow('the reply is empty');
    expect(() => parseReply('The answer is 12.', ['a'])).toThrow('the reply holds no program (no `def solution(...)`)');
    expect(() => parseReply('```python\nprint(1)\n```', ['a'])).toThrow('the reply has code blocks but none defines `def solution(...)`');
    expect(() => parseReply(`\`\`\`python\n${PROGRAM}\`\`\``, ['a', 'c'])).toThrow('solution() must take exactly (a, c), but takes (a, b); missing: c; not variables: b');
  });
});

describe('finalAnswer (GSM8K)', () => {
  it.each([
    ['Natalia sold 48/2 = 24 clips in May.\n#### 72', '72'],
    ['… so $1,250 in all.\n#### 1,250', '1250'],
    ['#### -3.5', '-3.5'],
    ['72', '72'],
  ])('%j → %s', (raw, answer) => {
    expect(finalAnswer(raw)).toBe(answer);
  });
  it('reads numbers and refuses what is not an answer', () => {
    expect(finalAnswer(72)).toBe('72');
    expect(finalAnswer(null)).toBeNull();
    expect(finalAnswer('')).toBeNull();
  });
});
