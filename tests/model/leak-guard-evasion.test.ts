/**
 * Every way issue 11 item 6 found to slip the answer past the leak guard, and their cousins: TeX
 * that prints the same digits (`$4{}2$`, `$\mathbf{4}\mathbf{2}$`, `$4\,2$`), invisible and foreign
 * characters (a zero-width space, fullwidth and Arabic-Indic digits), other notations (`0x2A`,
 * `XLII`, `40 + 2`), fractions (`$\frac34$`, `$\tfrac34$`, `¾`), money (`12½`, "twelve fifty").
 * Each is masked in one piece and split across chunks; and the problem's own numbers, ordinary
 * intermediate values and innocent text stay visible (false positives are failures too).
 */
import { describe, expect, it } from 'vitest';
import { LeakFinder, MASK, maskLeaks, StreamingLeakGuard, type LeakTarget } from '../../src-main/model/leak-guard.js';
import { normalizeReply } from '../../src-main/model/normalize-reply.js';

const M = MASK;
const num = (value: number, percent = false): LeakTarget => ({ kind: 'number', value, percent });
const ZWSP = '\u200b';

interface Case {
  reply: string;
  expected: string;
  problem?: string;
}

const ANSWER_42: Case[] = [
  { reply: 'It is $4{}2$.', expected: `It is $${M}$.` },
  { reply: 'It is $\\mathbf{4}\\mathbf{2}$.', expected: `It is $${M}$.` },
  { reply: 'It is $4\\,2$.', expected: `It is $${M}$.` },
  { reply: 'It is $4 2$ (TeX ignores the space).', expected: `It is $${M}$ (TeX ignores the space).` },
  { reply: 'It is $\\textcolor{red}{4}\\text{2}$.', expected: `It is $${M}$.` },
  { reply: `It is 4${ZWSP}2.`, expected: `It is ${M}.` },
  { reply: 'It is 4\u20602 or 4\u00ad2.', expected: `It is ${M} or ${M}.` },
  { reply: 'It is ４２.', expected: `It is ${M}.` },
  { reply: 'It is ٤٢.', expected: `It is ${M}.` },
  { reply: 'It is ۴۲ or ४२.', expected: `It is ${M} or ${M}.` },
  { reply: 'It is 0x2A.', expected: `It is ${M}.` },
  { reply: 'It is 0b101010 or 0o52.', expected: `It is ${M} or ${M}.` },
  { reply: 'It is XLII.', expected: `It is ${M}.` },
  { reply: 'It is 40 + 2.', expected: `It is ${M}.` },
  { reply: 'Work out $6 \\times 7$.', expected: `Work out $${M}$.` },
  { reply: 'Compute 84 / 2 or 84 ÷ 2.', expected: `Compute ${M} or ${M}.` },
  { reply: 'That is 10 + 4 × 8.', expected: `That is ${M}.` },
  { reply: 'forty plus two', expected: M },
  { reply: 'So 40 + 2 = 42.', expected: `So ${M} = ${M}.` },
];

const ANSWER_THREE_QUARTERS: Case[] = [
  { reply: 'It is $\\frac34$.', expected: `It is $${M}$.` },
  { reply: 'It is $\\tfrac34$.', expected: `It is $${M}$.` },
  { reply: 'It is $\\dfrac{3}{4}$ or $\\cfrac{6}{8}$.', expected: `It is $${M}$ or $${M}$.` },
  { reply: 'It is ¾ of it.', expected: `It is ${M} of it.` },
  { reply: 'It is $\\frac{\\mathbf{3}}{\\mathbf 4}$.', expected: `It is $${M}$.` },
  { reply: 'It is 3 over 4.', expected: `It is ${M}.` },
];

const ANSWER_12_50: Case[] = [
  { reply: 'You pay 12½ dollars.', expected: `You pay ${M} dollars.` },
  { reply: 'You pay twelve fifty.', expected: `You pay ${M}.` },
  { reply: 'You pay twelve dollars and fifty cents.', expected: `You pay ${M}.` },
  { reply: 'You pay twelve dollars fifty.', expected: `You pay ${M}.` },
  { reply: 'You pay 12 dollars and 50 cents.', expected: `You pay ${M}.` },
  { reply: 'You pay $12 and 50 cents.', expected: `You pay ${M}.` },
  { reply: 'You pay $１２.５０.', expected: `You pay ${M}.` },
];

describe('leak guard: the evasions of issue 11', () => {
  it.each(ANSWER_42)('42: $reply', (c) => {
    expect(maskLeaks(c.reply, new LeakFinder(num(42), c.problem ?? '')).text).toBe(c.expected);
  });
  it.each(ANSWER_THREE_QUARTERS)('3/4: $reply', (c) => {
    expect(maskLeaks(c.reply, new LeakFinder(num(0.75), c.problem ?? '')).text).toBe(c.expected);
  });
  it.each(ANSWER_12_50)('$12.50: $reply', (c) => {
    expect(maskLeaks(c.reply, new LeakFinder(num(12.5), c.problem ?? '')).text).toBe(c.expected);
  });
});

describe('leak guard: what must stay visible', () => {
  const visible: [string, LeakTarget, string, string][] = [
    // [what, answer, problem, reply]
    ['the givens, written any way', num(42), 'Ann has 40 apples and buys 2 more. How many now?', 'Ann starts with 40 apples and buys $2$ more: ４０ and ２.'],
    ['arithmetic the problem itself writes', num(42), 'What is 40 + 2?', 'The problem asks for 40 + 2: add the ones first.'],
    ['arithmetic that is not the answer', num(42), '', 'First 6 × 2 = 12, then 12 + 3 = 15.'],
    ['a power is not a longer number', num(42), '', 'Note that $4^2 = 16$ and 4² is sixteen.'],
    ['a superscript is not a digit', num(42), '', 'The area is 4 m² here.'],
    ['ordinary capital words are not numerals', num(42), '', 'I think CD and MIX are words; so is DIV.'],
    ['a single capital I is a word', num(1), '', 'I would start by drawing it.'],
    ['a hex-looking word is not a number', num(42), '', 'Use box 0x or the 2A bus.'],
    ['twelve and fifty apart', num(12.5), 'She buys twelve pens and fifty pencils.', 'Remember: twelve pens, fifty pencils.'],
    ['a range is not a subtraction of the answer', num(2), '', 'Read pages 10-12 again.'],
    ['spacing between different numbers', num(42), '', 'The numbers are $4$ and $2$, in that order.'],
    ['a fraction that is not the answer', num(0.75), '', 'Half is $\\frac12$; a quarter is ¼.'],
  ];
  it.each(visible)('%s', (_what, target, problem, reply) => {
    const out = maskLeaks(reply, new LeakFinder(target, problem));
    expect(out.text).toBe(reply);
    expect(out.masked).toBe(0);
  });
});

describe('leak guard: the evasions split across chunks', () => {
  const stream = (target: LeakTarget, pieces: readonly string[], problem = ''): { text: string; shown: string[] } => {
    const guard = new StreamingLeakGuard(new LeakFinder(target, problem), 12);
    const shown = pieces.map((p) => guard.push(p));
    shown.push(guard.finish());
    return { text: shown.join(''), shown };
  };
  const everyCharacter = (s: string): string[] => Array.from(s);
  const filler = ' Take your time and check each step against the question before you go on.';

  for (const c of [...ANSWER_42.slice(0, 15)]) {
    it(`42, one character at a time: ${c.reply}`, () => {
      const out = stream(num(42), everyCharacter(c.reply + filler));
      expect(out.text).toBe(c.expected + filler);
    });
  }

  it('40 + 2 whose operand arrives much later', () => {
    const out = stream(num(42), ['It is 40 +', '           ', ' 2, you see.', filler]);
    expect(out.text).toBe(`It is ${M}, you see.${filler}`);
    expect(out.shown.some((s) => s.includes('40'))).toBe(false);
  });

  it('a zero-width space exactly at a chunk boundary', () => {
    const out = stream(num(42), ['The total is 4', ZWSP, '2', filler]);
    expect(out.text).toBe(`The total is ${M}${filler}`);
  });

  it('math split mid-region is judged whole: $4 | 2$', () => {
    const out = stream(num(42), ['So the total is $4 ', '2$ in all.', filler]);
    expect(out.text).toBe(`So the total is $${M}$ in all.${filler}`);
  });

  for (const c of ANSWER_12_50) {
    it(`$12.50, word by word: ${c.reply}`, () => {
      const out = stream(num(12.5), (c.reply + filler).split(/(?<= )/));
      expect(out.text).toBe(c.expected + filler);
    });
  }

  it('a money sign that never closes math still lets the text out', () => {
    const long = `It costs $5 each, ${'and that is fine. '.repeat(20)}`;
    const guard = new StreamingLeakGuard(new LeakFinder(num(42)), 12);
    const shown = everyCharacter(long).map((ch) => guard.push(ch));
    expect(shown.join('').length).toBeGreaterThan(long.length / 2);
    expect(shown.join('') + guard.finish()).toBe(long);
  });
});

describe('normalizing a reply', () => {
  it('maps what it rewrote back to the reply', () => {
    const reply = 'Pay ٤٢ or $\\tfrac34$.';
    const n = normalizeReply(reply);
    expect(n.text).toBe('Pay 42 or $\\frac{3}{4}$.');
    const at = n.text.indexOf('\\frac');
    expect(reply.slice(n.from[at], n.to[at + 10])).toBe('\\tfrac34');
  });
});
