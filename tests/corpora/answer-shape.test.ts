/** Answer shapes of other people's answers: GSM8K and MATH-500 (moved from tests/template/answer-shape.test.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answersEqual, parseNumericString, shapeOfOriginal } from '../../src-main/template/answer-shape.js';
import { corporaDir } from './corpora-dir.js';

describe('answer shapes of real corpora', () => {
  const corpora = corporaDir();

  it('reads every GSM8K test answer ("#### 72") as a number that equals itself as an int', () => {
    const lines = readFileSync(path.join(corpora, 'gsm8k/test.jsonl'), 'utf8').trim().split('\n');
    let numeric = 0;
    for (const line of lines) {
      const answer = (JSON.parse(line) as { answer: string }).answer.split('####').pop()?.trim() ?? '';
      const parsed = parseNumericString(answer);
      if (parsed === undefined) continue;
      numeric++;
      expect(answersEqual({ t: 'int', v: String(parsed.value) }, answer), answer).toBe(true);
    }
    expect(lines.length).toBe(1319);
    expect(numeric).toBe(1319);
  });

  it('reads MATH-500 numeric answers (ints, fractions, decimals) and leaves expressions as text', () => {
    const rows = readFileSync(path.join(corpora, 'math500/math500_test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { answer: string });
    const shapes = rows.map((r) => shapeOfOriginal(r.answer)?.type);
    const count = (t: string): number => shapes.filter((s) => s === t).length;
    // Measured on this corpus: 330 ints, 58 fractions, 8 decimals, 104 expressions/text.
    expect(count('int')).toBeGreaterThanOrEqual(325);
    expect(count('fraction')).toBeGreaterThanOrEqual(55);
    expect(count('float')).toBeGreaterThanOrEqual(5);
    expect(count('str')).toBeLessThanOrEqual(110);
    expect(count('str')).toBeGreaterThanOrEqual(90); // sqrt, pi, tuples, matrices stay expressions
    expect(rows.length).toBe(500);
    expect(shapeOfOriginal('\\frac{14}{3}')).toEqual({ type: 'fraction', integral: false, nonNegative: true });
  });
});
