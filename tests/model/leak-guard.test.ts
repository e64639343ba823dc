/**
 * The answer-leak guard on a table of replies: ones that state the answer in some form (masked) and
 * ones that do not (left alone), then the streaming form fed in awkward pieces.
 */
import { describe, expect, it } from 'vitest';
import { LeakFinder, leakTarget, MASK, maskLeaks, StreamingLeakGuard, type LeakTarget } from '../../src-main/model/leak-guard.js';

const num = (value: number, percent = false): LeakTarget => ({ kind: 'number', value, percent });

interface Case {
  name: string;
  target: LeakTarget;
  problem?: string;
  reply: string;
  /** The reply after masking. */
  expected: string;
}

const M = MASK;
const cases: Case[] = [
  // Leaking replies.
  { name: 'integer digits', target: num(24), reply: 'So the answer is 24.', expected: `So the answer is ${M}.` },
  { name: 'integer words with hyphen', target: num(24), reply: 'That makes twenty-four apples.', expected: `That makes ${M} apples.` },
  { name: 'integer words with space', target: num(24), reply: 'Twenty four in all.', expected: `${M} in all.` },
  { name: 'thousands separator', target: num(1234), reply: 'You get 1,234 beads.', expected: `You get ${M} beads.` },
  { name: 'no thousands separator for a separated answer', target: num(12500), reply: 'It is 12500 m.', expected: `It is ${M} m.` },
  { name: 'LaTeX thousands {,}', target: num(12500), reply: 'So $x = 12{,}500$.', expected: `So $x = ${M}$.` },
  { name: 'LaTeX thin space', target: num(12500), reply: 'Total $12\\,500$ m', expected: `Total $${M}$ m` },
  { name: 'large number words', target: num(105), reply: 'one hundred and five pages', expected: `${M} pages` },
  { name: 'decimal', target: num(0.5), reply: 'It is 0.5 of the tank.', expected: `It is ${M} of the tank.` },
  { name: 'decimal without leading zero', target: num(0.5), reply: 'It is .5 of the tank.', expected: `It is ${M} of the tank.` },
  { name: 'decimal with trailing zero', target: num(0.5), reply: 'Exactly 0.50 litres.', expected: `Exactly ${M} litres.` },
  { name: 'whole number written as decimal', target: num(24), reply: 'x = 24.0', expected: `x = ${M}` },
  { name: 'fraction slash', target: num(0.5), reply: 'She ate 1/2 of it.', expected: `She ate ${M} of it.` },
  { name: 'equivalent fraction', target: num(0.75), reply: 'That is 6/8 of the pizza.', expected: `That is ${M} of the pizza.` },
  { name: 'LaTeX fraction', target: num(0.75), reply: 'So it is $\\frac{3}{4}$.', expected: `So it is $${M}$.` },
  { name: 'LaTeX dfrac', target: num(0.75), reply: 'So it is $\\dfrac{3}{4}$.', expected: `So it is $${M}$.` },
  { name: 'fraction words', target: num(0.75), reply: 'three quarters of the class', expected: `${M} of the class` },
  { name: 'one half in words', target: num(0.5), reply: 'Exactly one half is left.', expected: `Exactly ${M} is left.` },
  { name: 'a half in words', target: num(0.5), reply: 'He drank a half.', expected: `He drank ${M}.` },
  { name: 'mixed number', target: num(2.5), reply: 'It takes 2 1/2 hours.', expected: `It takes ${M} hours.` },
  { name: 'LaTeX mixed number', target: num(2.5), reply: 'It takes $2\\tfrac{1}{2}$ hours.', expected: `It takes $${M}$ hours.` },
  { name: 'percent sign', target: num(50, true), reply: 'The discount is 50%.', expected: `The discount is ${M}.` },
  { name: 'percent word', target: num(50, true), reply: 'That is 50 percent off.', expected: `That is ${M} off.` },
  { name: 'LaTeX percent', target: num(50, true), reply: 'So $50\\%$ of them.', expected: `So $${M}$ of them.` },
  { name: 'percent answer stated as a decimal', target: num(50, true), reply: 'The rate is 0.5.', expected: `The rate is ${M}.` },
  { name: 'percent answer stated as a fraction', target: num(25, true), reply: 'That is 1/4 of the price.', expected: `That is ${M} of the price.` },
  { name: 'decimal answer stated as a percent', target: num(0.5), reply: 'That is 50% of the tank.', expected: `That is ${M} of the tank.` },
  { name: 'percent in words', target: num(50, true), reply: 'fifty percent of the votes', expected: `${M} of the votes` },
  { name: 'money with sign', target: num(12.5), reply: 'You pay $12.50 in total.', expected: `You pay ${M} in total.` },
  { name: 'money LaTeX sign', target: num(12.5), reply: 'You pay $\\$12.50$ in total.', expected: `You pay $${M}$ in total.` },
  { name: 'money in words after digits', target: num(12.5), reply: 'It comes to 12.50 dollars.', expected: `It comes to ${M}.` },
  { name: 'money in cents', target: num(0.75), reply: 'Change: 75 cents.', expected: `Change: ${M}.` },
  { name: 'cents sign', target: num(1.31), reply: 'That is 131¢ in all.', expected: `That is ${M} in all.` },
  { name: 'whole and a half in words', target: num(1.5), reply: 'It takes one and a half hours.', expected: `It takes ${M} hours.` },
  { name: 'whole and quarters in words', target: num(2.75), reply: 'two and three quarters cups', expected: `${M} cups` },
  { name: 'decimal in words', target: num(2.5), reply: 'It is two point five metres.', expected: `It is ${M} metres.` },
  { name: 'dozens', target: num(24), reply: 'She bakes two dozen cookies.', expected: `She bakes ${M} cookies.` },
  { name: 'a dozen', target: num(12), reply: 'That is a dozen eggs.', expected: `That is ${M} eggs.` },
  { name: 'rounded repeating decimal', target: num(1 / 3), reply: 'about 0.33 of a cup', expected: `about ${M} of a cup` },
  { name: 'several statements all masked', target: num(8), reply: '8 boxes, so eight.', expected: `${M} boxes, so ${M}.` },
  { name: 'negative answer without its sign', target: num(-3), reply: 'The temperature is -3 degrees.', expected: `The temperature is -${M} degrees.` },
  { name: 'text answer', target: { kind: 'text', text: 'Tuesday' }, reply: 'It will be tuesday.', expected: `It will be ${M}.` },
  // Replies that must be left alone.
  { name: 'intermediate values only', target: num(24), reply: 'First find 6 × 2 = 12, then think about the 2 boxes.', expected: 'First find 6 × 2 = 12, then think about the 2 boxes.' },
  { name: 'a number containing the answer digits', target: num(24), reply: 'There are 124 and 240 items.', expected: 'There are 124 and 240 items.' },
  { name: 'given number equal to the answer', target: num(12), problem: 'Ann has 12 apples and gives away none.', reply: 'Ann starts with 12 apples.', expected: 'Ann starts with 12 apples.' },
  { name: 'given percent repeated', target: num(0.2), problem: 'A 20% discount on $50.', reply: 'Use the 20% discount.', expected: 'Use the 20% discount.' },
  { name: 'an ordinal is not a fraction', target: num(1 / 3), reply: 'Look at the third step again.', expected: 'Look at the third step again.' },
  { name: 'a division is not a fraction', target: num(5), reply: 'Now work out 12/4 yourself.', expected: 'Now work out 12/4 yourself.' },
  // (A division whose result is the answer is the last step written out: masked, see leak-guard-evasion.test.ts.)
  { name: 'a bare number is not a percent answer×100', target: num(0.5), reply: 'There are 50 marbles.', expected: 'There are 50 marbles.' },
  { name: 'digits inside another decimal', target: num(5), reply: 'Multiply by 0.5 first.', expected: 'Multiply by 0.5 first.' },
  { name: 'rounded reading needs the decimals', target: num(7.25), reply: 'You have 7 whole ones.', expected: 'You have 7 whole ones.' },
  { name: 'no target', target: num(Number.NaN), reply: 'Nothing to hide 24.', expected: 'Nothing to hide 24.' },
  { name: 'text answer inside another word', target: { kind: 'text', text: 'red' }, reply: 'Count the reddish ones.', expected: 'Count the reddish ones.' },
];

describe('leak guard: the table', () => {
  it('has enough cases of both kinds', () => {
    expect(cases.filter((c) => c.reply !== c.expected).length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.reply === c.expected).length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('$name', (c) => {
    const finder = new LeakFinder(c.target, c.problem ?? '');
    const out = maskLeaks(c.reply, finder);
    expect(out.text).toBe(c.expected);
    expect(out.masked).toBe(c.expected.split(M).length - 1);
  });
});

describe('leak guard: targets from answers', () => {
  it('reads every answer kind', () => {
    expect(leakTarget({ t: 'int', v: '24' }, 'integer')).toEqual(num(24));
    expect(leakTarget({ t: 'float', v: 12.5 }, 'money')).toEqual(num(12.5));
    expect(leakTarget({ t: 'fraction', n: '3', d: '4' }, 'fraction')).toEqual(num(0.75));
    expect(leakTarget({ t: 'float', v: 37.5 }, 'percent')).toEqual(num(37.5, true));
    expect(leakTarget({ t: 'str', v: '$12.50' }, 'money')).toEqual(num(12.5));
    expect(leakTarget({ t: 'str', v: 'Tuesday' }, 'text')).toEqual({ kind: 'text', text: 'Tuesday' });
    expect(leakTarget({ t: 'str', v: 'B' }, 'multiple_choice')).toBeNull();
    expect(leakTarget({ t: 'bool', v: true }, 'text')).toBeNull();
    expect(leakTarget({ t: 'float', v: 'nan' }, 'decimal')).toBeNull();
  });
});

describe('leak guard: streaming', () => {
  const stream = (target: LeakTarget, pieces: string[], problem = '') => {
    const guard = new StreamingLeakGuard(new LeakFinder(target, problem), 12);
    const shown: string[] = [];
    for (const p of pieces) shown.push(guard.push(p));
    shown.push(guard.finish());
    return { text: shown.join(''), shown, masked: guard.masked };
  };

  it('catches a number split across chunks', () => {
    const out = stream(num(12.5), ['You will pay $1', '2.', '50 for the ', 'tickets, which is a lot of money in the end.']);
    expect(out.text).toBe(`You will pay ${M} for the tickets, which is a lot of money in the end.`);
    expect(out.masked).toBe(1);
    // No piece shown ever held part of the answer.
    expect(out.shown.some((s) => /\d/.test(s))).toBe(false);
  });

  it('catches number words split across chunks, one character at a time', () => {
    const reply = 'Well done so far. The total is twenty-four, so check it against your sum.';
    const out = stream(num(24), Array.from({ length: reply.length }, (_, i) => reply.charAt(i)));
    expect(out.text).toBe(`Well done so far. The total is ${M}, so check it against your sum.`);
    expect(out.shown.some((s) => /twen|four/i.test(s))).toBe(false);
  });

  it('catches a percent whose sign arrives later', () => {
    const out = stream(num(0.4), ['The share is 40', ' ', 'percent of everything they had at the start.']);
    expect(out.text).toBe(`The share is ${M} of everything they had at the start.`);
  });

  it('releases text while streaming, not only at the end', () => {
    const out = stream(num(7), ['First, look at how many groups there are. ', 'Then count how many are in each group. ', 'Done.']);
    expect(out.shown[0]).not.toBe('');
    expect(out.text).toBe('First, look at how many groups there are. Then count how many are in each group. Done.');
  });

  it('leaves everything alone when there is nothing to hide, and counts nothing', () => {
    const out = stream(num(99), ['3 + 4 = 7, ', 'and 7 × 2 = 14.']);
    expect(out.text).toBe('3 + 4 = 7, and 7 × 2 = 14.');
    expect(out.masked).toBe(0);
  });
});
