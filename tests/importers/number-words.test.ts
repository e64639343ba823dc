import { describe, expect, it } from 'vitest';
import { findNumbers, parseNumberWords, parseNumericString } from '../../src-main/importers/number-words.js';

function values(text: string): [string, number][] {
  return findNumbers(text).map((m) => [m.text, m.value]);
}

describe('findNumbers: digits', () => {
  it('reads separators, decimals, money, percents and fractions with their spans', () => {
    const text = 'It costs $1,250.50, then 12.5 kg, 20% off, 3/4 cup and 1 1/2 hours.';
    expect(values(text)).toEqual([
      ['$1,250.50', 1250.5],
      ['12.5', 12.5],
      ['20%', 20],
      ['3/4', 0.75],
      ['1 1/2', 1.5],
    ]);
    const money = findNumbers(text)[0];
    expect(money?.currency).toBe('$');
    expect(text.slice(money?.numeralStart, money?.numeralEnd)).toBe('1,250.50');
    const pct = findNumbers(text)[2];
    expect(pct?.percent).toBe(true);
    expect(text.slice(pct?.numeralStart, pct?.numeralEnd)).toBe('20');
  });

  it('does not read improper comma groups, codes or ordinals as plain quantities', () => {
    expect(values('scores 3,4 and 5; room A4; COVID19')).toEqual([
      ['3', 3],
      ['4', 4],
      ['5', 5],
    ]);
    const ord = findNumbers('the 3rd floor and the 21st day');
    expect(ord.map((m) => [m.text, m.value, m.ordinal])).toEqual([
      ['3rd', 3, true],
      ['21st', 21, true],
    ]);
  });

  it('reads scale words, spaced thousands after a currency sign, percent words and negatives', () => {
    expect(values('a 1.5 million prize, $400 000 budget, 3 100 bills, 15 percent, -5 degrees')).toEqual([
      ['1.5 million', 1500000],
      ['$400 000', 400000],
      ['3', 3],
      ['100', 100],
      ['15 percent', 15],
      ['-5', -5],
    ]);
    expect(findNumbers('2.3 million')[0]?.value).toBe(2300000);
  });

  it('keeps large integers exact', () => {
    expect(values('a 525096200-meter race')).toEqual([['525096200', 525096200]]);
  });

  it('reads a hyphenated range as two numbers', () => {
    expect(values('2-3 hours and a 10-foot pole')).toEqual([
      ['2', 2],
      ['3', 3],
      ['10', 10],
    ]);
  });
});

describe('findNumbers: words', () => {
  it('reads cardinals, compounds and articles', () => {
    expect(values('Twenty-five cats, one hundred and five dogs, a hundred birds, two thousand ants')).toEqual([
      ['Twenty-five', 25],
      ['one hundred and five', 105],
      ['a hundred', 100],
      ['two thousand', 2000],
    ]);
  });

  it('keeps separate numbers apart', () => {
    expect(values('five six seven')).toEqual([
      ['five', 5],
      ['six', 6],
      ['seven', 7],
    ]);
  });

  it('reads dozens, halves, quarters and thirds', () => {
    expect(findNumbers('a dozen eggs, half a dozen rolls, half the cake, a quarter, three quarters, two thirds, one and a half cups').map((m) => [m.text, m.value, m.kind])).toEqual([
      ['a dozen', 12, 'words'],
      ['half a dozen', 6, 'words'],
      ['half', 0.5, 'fraction-words'],
      ['a quarter', 0.25, 'fraction-words'],
      ['three quarters', 0.75, 'fraction-words'],
      ['two thirds', 2 / 3, 'fraction-words'],
      ['one and a half', 1.5, 'words'],
    ]);
  });

  it('does not read a bare ordinal "third" as a fraction', () => {
    expect(values('on the third day')).toEqual([]);
  });

  it('reads multipliers', () => {
    expect(findNumbers('twice as many, double the price, triple, once, thrice').map((m) => [m.text, m.value, m.kind])).toEqual([
      ['twice', 2, 'multiplier'],
      ['double', 2, 'multiplier'],
      ['triple', 3, 'multiplier'],
      ['once', 1, 'multiplier'],
      ['thrice', 3, 'multiplier'],
    ]);
  });

  it('reads the number word of a hyphenated adjective', () => {
    expect(values('a six-sided die')).toEqual([['six', 6]]);
  });

  it('returns mentions in text order, digits and words mixed', () => {
    expect(values('three apples cost $2 and 4 pears cost twice that')).toEqual([
      ['three', 3],
      ['$2', 2],
      ['4', 4],
      ['twice', 2],
    ]);
  });
});

describe('parseNumericString', () => {
  it('reads one unambiguous number', () => {
    expect(parseNumericString('1,250')).toBe(1250);
    expect(parseNumericString(' 12.5 ')).toBe(12.5);
    expect(parseNumericString('$3')).toBe(3);
    expect(parseNumericString('-$3.50')).toBe(-3.5);
    expect(parseNumericString('3/4')).toBe(0.75);
    expect(parseNumericString('1 1/2')).toBe(1.5);
    expect(parseNumericString('.5')).toBe(0.5);
  });

  it('refuses anything else', () => {
    expect(parseNumericString('50%')).toBeUndefined();
    expect(parseNumericString('12 apples')).toBeUndefined();
    expect(parseNumericString('1,25')).toBeUndefined();
    expect(parseNumericString('3/0')).toBeUndefined();
    expect(parseNumericString('')).toBeUndefined();
    expect(parseNumericString('five')).toBeUndefined();
  });
});

describe('parseNumberWords', () => {
  it('reads a string that is exactly one number in words', () => {
    expect(parseNumberWords('five')).toBe(5);
    expect(parseNumberWords('Twenty')).toBe(20);
    expect(parseNumberWords('triple')).toBe(3);
    expect(parseNumberWords('half')).toBe(0.5);
    expect(parseNumberWords('five days')).toBeUndefined();
    expect(parseNumberWords('Benny')).toBeUndefined();
  });
});
