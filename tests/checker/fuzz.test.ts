/**
 * Hostile and random input: 20,000 strings from a seeded PRNG (so a failure reproduces), each checked
 * against a rotating format. Every call must return a well-formed verdict, and none may fall into
 * the internal-error safety net (that would mean a reader threw). The loop is bounded by
 * construction: a fixed number of calls, each on input the checker caps at 200 characters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer, loadExpressionEngine, parseAnswer } from '../../src-main/checker/index.std.js';
import type { ExpectedAnswer, VerdictKind } from '../../src-main/checker/index.std.js';

/** mulberry32: tiny, fast, good enough to drive a fuzzer; the seed is printed on failure. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20240917;
const COUNT = 20_000;

/** Pieces that reach deep into the readers when glued together. */
const TOKENS = [
  '1', '23', '0', '7', '.', '.5', ',', ',250', '/', ' ', '  ', '-', '−', '+', 'x', 'y', 'ab', '^', '**', '*', '(', ')', '[', ']',
  '{', '}', '\\frac', '\\dfrac', '\\sqrt', '\\text{', '\\left(', '\\right)', '\\,', '\\%', '$', '€', '£', '¢', '%', 'cm', 'km/h',
  'm²', '=', 'e', 'E', 'e3', 'e-999999', '×', '10^', '10^{', '²', '½', '¾', 'sin', 'pi', 'π', '√', '!', 'twelve', 'and',
  'hundred', 'percent', 'USD', 'dollars', 'cents', 'x =', 'answer:', '...', '…', "'", '"', '|', '_', '\\', '\\sum', '\\int',
  '\\begin{matrix}', ':=', '∞', 'NaN', 'Infinity', '1e309', '9^9^9', '0/0', '1/0', 'i', 'abs(', 'sqrt(', 'ln(', 'log',
];
const TEXT_RANGES: ReadonlyArray<[number, number]> = [
  [0x20, 0x7e], [0xa0, 0xff], [0x300, 0x36f], [0x370, 0x3ff], [0x2000, 0x206f], [0x2070, 0x209f], [0x2150, 0x218f],
  [0x2200, 0x22ff], [0xd800, 0xdfff], [0xff00, 0xffef], [0x1f600, 0x1f64f], [0x0600, 0x06ff], [0x4e00, 0x4e40],
];

function randomUnicode(rand: () => number, length: number): string {
  let s = '';
  for (let k = 0; k < length; k++) {
    const [lo, hi] = TEXT_RANGES[Math.floor(rand() * TEXT_RANGES.length)] ?? [0x20, 0x7e];
    s += String.fromCodePoint(lo + Math.floor(rand() * (hi - lo + 1)));
  }
  return s;
}

function tokenSoup(rand: () => number, count: number): string {
  let s = '';
  for (let k = 0; k < count; k++) s += TOKENS[Math.floor(rand() * TOKENS.length)] ?? '';
  return s;
}

function hostile(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 5000);
  const pick = Math.floor(rand() * 22);
  switch (pick) {
    case 0: return '1e999999';
    case 1: return '9^9^9^9';
    case 2: return '9^{9^{9^{9}}}';
    case 3: return `${'('.repeat(n)}1${')'.repeat(n)}`;
    case 4: return '{'.repeat(n);
    case 5: return 'a'.repeat(10_000);
    case 6: return '1,'.repeat(n % 150);
    case 7: return `${'1 '.repeat(n % 120)}/2`;
    case 8: return '\\frac{'.repeat(n % 40);
    case 9: return `${'-'.repeat(n % 199)}3`;
    case 10: return `${'2^'.repeat(n % 99)}2`;
    case 11: return `${'a'.repeat(n % 60)}!`; // the classic (a+)+ ReDoS bait
    case 12: return `${' '.repeat(n % 199)}1`;
    case 13: return `0.${'0'.repeat(n % 190)}1`;
    case 14: return `${'sqrt('.repeat(n % 39)}x${')'.repeat(n % 39)}`;
    case 15: return `${'\\sqrt{'.repeat(n % 30)}x${'}'.repeat(n % 30)}`;
    case 16: return '9'.repeat(n % 199);
    case 17: return `x^{${'9'.repeat(n % 10)}}`;
    case 18: return `${'1'.repeat(n % 100)}e${'9'.repeat(n % 90)}`;
    case 19: return `((((x+1)^2)^2)^2)${'+x'.repeat(n % 90)}`;
    case 20: return 'x'.repeat(n);
    default: return `${'1 250 '.repeat(n % 30)}cm`;
  }
}

const EXPECTED: ExpectedAnswer[] = [
  { answer: { t: 'int', v: '1250' }, format: 'integer' },
  { answer: { t: 'float', v: 0.3333333333 }, format: 'decimal' },
  { answer: { t: 'float', v: 12.5 }, format: 'money', unit: '$' },
  { answer: { t: 'int', v: '75' }, format: 'percent' },
  { answer: { t: 'fraction', n: '3', d: '4' }, format: 'fraction', unit: 'cm' },
  { answer: { t: 'str', v: '2*x + 2' }, format: 'expression' },
  { answer: { t: 'str', v: 'Paris' }, format: 'multiple_choice', choices: ['London', 'Paris', 'Rome', '1/2'] },
  { answer: { t: 'str', v: 'São Paulo' }, format: 'text' },
];

const KINDS = new Set<VerdictKind>(['correct', 'correct_needs_simplifying', 'check_units', 'wrong', 'invalid']);
const PARSED_KINDS = new Set(['integer', 'decimal', 'fraction', 'mixed', 'percent', 'money', 'expression', 'text', 'empty', 'invalid']);

describe('fuzz: hostile and random input never throws and always gets a verdict', () => {
  beforeAll(async () => {
    await loadExpressionEngine();
  });

  it(`checks ${COUNT} seeded strings (seed ${SEED})`, { timeout: 300_000 }, () => {
    const rand = mulberry32(SEED);
    const tally = new Map<string, number>();
    let longInputs = 0;
    for (let i = 0; i < COUNT; i++) {
      const mode = rand();
      const input =
        mode < 0.35 ? tokenSoup(rand, 1 + Math.floor(rand() * 25)) : mode < 0.7 ? randomUnicode(rand, Math.floor(rand() * 260)) : hostile(rand);
      if (input.length > 200) longInputs++;
      const expected = EXPECTED[i % EXPECTED.length] ?? EXPECTED[0];
      if (expected === undefined) throw new Error('no expected answers');
      const context = `seed ${SEED}, case ${i}, input ${JSON.stringify(input.slice(0, 120))}`;

      const parsed = parseAnswer(input);
      expect(PARSED_KINDS.has(parsed.kind), context).toBe(true);
      expect(typeof parsed.readAs, context).toBe('string');

      const verdict = checkAnswer(input, expected);
      expect(KINDS.has(verdict.kind), context).toBe(true);
      expect(verdict.reason, context).not.toBe('internal_error');
      expect(verdict.message.length, context).toBeGreaterThan(0);
      if (input.length > 200) expect(verdict.reason, context).toBe('too_long');
      const key = `${expected.format}:${verdict.kind}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    // The generator must really produce both over-long input and input that reaches grading.
    expect(longInputs).toBeGreaterThan(500);
    const graded = [...tally.entries()].filter(([k]) => !k.endsWith(':invalid')).reduce((sum, [, n]) => sum + n, 0);
    expect(graded).toBeGreaterThan(1000);
    console.log('fuzz verdicts by format:kind', Object.fromEntries([...tally.entries()].sort()));
  });
});
