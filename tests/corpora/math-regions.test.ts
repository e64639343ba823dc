import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMathRegions, renderText } from '../../src-main/template/render.js';
import { corporaDir } from './corpora-dir.js';

const corpora = corporaDir();

function jsonl<T>(file: string): T[] {
  return readFileSync(path.join(corpora, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}

/** Unescaped `$` characters that are neither a math delimiter nor inside math. */
function strayDollars(text: string): number {
  const regions = findMathRegions(text);
  let stray = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '$' && !regions.some((r) => i >= r.start && i < r.end)) stray++;
  }
  return stray;
}

describe('math detection on real problems', () => {
  it('MATH-500: every `$` of every problem is part of a math span (money there is written \\$)', () => {
    const problems = jsonl<{ problem: string }>('math500/math500_test.jsonl').map((r) => r.problem);
    expect(problems.length).toBe(500);
    const withStray = problems.filter((p) => strayDollars(p) > 0);
    expect(withStray).toEqual([]);
    const regions = problems.reduce((acc, p) => acc + findMathRegions(p).length, 0);
    expect(regions).toBeGreaterThan(1500); // measured: 1545
  });

  it('ToRA worked solutions with $$ display math: no stray `$`', () => {
    const rows = jsonl<{ gt_cot: string }>('tora/tora_corpus_examples.jsonl');
    expect(rows.filter((r) => strayDollars(r.gt_cot) > 0).map((r) => r.gt_cot.slice(0, 80))).toEqual([]);
  });

  it('GSM8K: none of the 8,792 questions (2,528 with `$` money) is read as containing math', () => {
    const questions = [
      ...jsonl<{ question: string }>('gsm8k/train.jsonl'),
      ...jsonl<{ question: string }>('gsm8k/test.jsonl'),
    ].map((r) => r.question);
    expect(questions.length).toBe(8792);
    expect(questions.filter((q) => q.includes('$')).length).toBe(2528);
    const misread = questions.filter((q) => findMathRegions(q).length > 0);
    expect(misread).toEqual([]);
  });

  it('a text without placeholders renders to itself', () => {
    for (const q of jsonl<{ problem: string }>('math500/math500_test.jsonl').slice(0, 50).map((r) => r.problem)) {
      expect(renderText({ id: 'm', generic_problem: q, program: 'x', variables: {} }, {}, {})).toBe(q);
    }
  });
});
