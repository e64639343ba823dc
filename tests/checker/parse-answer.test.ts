/**
 * parseAnswer: what kind of answer, its exact value, unit and currency, and the sentence shown to
 * the learner before grading.
 */
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src-main/checker/index.std.js';
import type { ParsedKind } from '../../src-main/checker/index.std.js';

interface Reading {
  kind: ParsedKind;
  value?: string; // "n/d" or "n"
  unit?: string;
  currency?: string;
  readAs?: string;
}

const value = (raw: string): string | undefined => {
  const v = parseAnswer(raw).value;
  return v === undefined ? undefined : v.d === 1n ? v.n.toString() : `${v.n.toString()}/${v.d.toString()}`;
};

const ROWS: [string, Reading][] = [
  ['12', { kind: 'integer', value: '12', readAs: 'read as 12' }],
  ['1,250', { kind: 'integer', value: '1250', readAs: 'read as 1,250' }],
  ['1 250', { kind: 'integer', value: '1250', readAs: 'read as 1,250' }],
  ['1\u00A0250', { kind: 'integer', value: '1250', readAs: 'read as 1,250' }],
  ['1\u202F250', { kind: 'integer', value: '1250', readAs: 'read as 1,250' }],
  ['1{,}250', { kind: 'integer', value: '1250', readAs: 'read as 1,250' }],
  ['-3', { kind: 'integer', value: '-3', readAs: 'read as -3' }],
  ['−3', { kind: 'integer', value: '-3', readAs: 'read as -3' }],
  ['0.75', { kind: 'decimal', value: '3/4', readAs: 'read as the decimal 0.75' }],
  ['.75', { kind: 'decimal', value: '3/4', readAs: 'read as the decimal 0.75' }],
  ['0,75', { kind: 'decimal', value: '3/4', readAs: 'read as the decimal 0.75 (the comma read as a decimal point)' }],
  ['0,750', { kind: 'decimal', value: '3/4' }], // a leading 0 group is never a thousands group
  ['12,5', { kind: 'decimal', value: '25/2' }],
  ['1.250,75', { kind: 'decimal', value: '5003/4', readAs: 'read as the decimal 1,250.75 (the comma read as a decimal point)' }],
  ['3/4', { kind: 'fraction', value: '3/4', readAs: 'read as the fraction 3/4' }],
  ['6/8', { kind: 'fraction', value: '3/4', readAs: 'read as the fraction 6/8' }],
  ['1 3/4', { kind: 'mixed', value: '7/4', readAs: 'read as the mixed number 1 3/4 (= 7/4)' }],
  ['-1 1/2', { kind: 'mixed', value: '-3/2', readAs: 'read as the mixed number -1 1/2 (= -3/2)' }],
  ['75%', { kind: 'percent', value: '3/4', readAs: 'read as 75 % (= 0.75)' }],
  ['75 %', { kind: 'percent', value: '3/4', readAs: 'read as 75 % (= 0.75)' }],
  ['12.5 percent', { kind: 'percent', value: '1/8', readAs: 'read as 12.5 % (= 0.125)' }],
  ['$12.50', { kind: 'money', value: '25/2', currency: 'USD', readAs: 'read as $12.50' }],
  ['12.50$', { kind: 'money', value: '25/2', currency: 'USD', readAs: 'read as $12.50' }],
  ['€3', { kind: 'money', value: '3', currency: 'EUR', readAs: 'read as €3' }],
  ['£1,000', { kind: 'money', value: '1000', currency: 'GBP', readAs: 'read as £1,000' }],
  ['12 CHF', { kind: 'money', value: '12', currency: 'CHF', readAs: 'read as 12 CHF' }],
  ['-$3', { kind: 'money', value: '-3', currency: 'USD', readAs: 'read as -$3' }],
  ['50¢', { kind: 'money', value: '1/2', readAs: 'read as 50 cents (= 0.50)' }],
  ['12 cm', { kind: 'integer', value: '12', unit: 'cm', readAs: 'read as 12 with unit cm' }],
  ['12cm', { kind: 'integer', value: '12', unit: 'cm', readAs: 'read as 12 with unit cm' }],
  ['12 m²', { kind: 'integer', value: '12', unit: 'm^2', readAs: 'read as 12 with unit m^2' }],
  ['45 km/h', { kind: 'integer', value: '45', unit: 'km/h' }],
  ['1/2 cup', { kind: 'fraction', value: '1/2', unit: 'cup', readAs: 'read as the fraction 1/2 with unit cup' }],
  ['2.5e3', { kind: 'integer', value: '2500', readAs: 'read as 2.5 × 10^3 (= 2,500)' }],
  ['2.5 × 10^3', { kind: 'integer', value: '2500', readAs: 'read as 2.5 × 10^3 (= 2,500)' }],
  ['2.5·10^{-3}', { kind: 'decimal', value: '1/400', readAs: 'read as 2.5 × 10^-3 (= 0.0025)' }],
  ['\\frac{3}{4}', { kind: 'fraction', value: '3/4', readAs: 'read as the fraction 3/4' }],
  ['\\dfrac34', { kind: 'fraction', value: '3/4', readAs: 'read as the fraction 3/4' }],
  ['3\\frac{1}{2}', { kind: 'mixed', value: '7/2', readAs: 'read as the mixed number 3 1/2 (= 7/2)' }],
  ['\\(\\frac{1}{2}\\)', { kind: 'fraction', value: '1/2' }],
  ['x = 12', { kind: 'integer', value: '12', readAs: 'read as 12' }],
  ['total=12', { kind: 'integer', value: '12' }],
  ['12.', { kind: 'integer', value: '12' }],
  [' 12 ', { kind: 'integer', value: '12' }],
  ['twelve', { kind: 'integer', value: '12', readAs: 'read as 12 (from the words “twelve”)' }],
  ['two thousand twenty-four', { kind: 'integer', value: '2024' }],
  ['a half', { kind: 'fraction', value: '1/2' }],
  ['twelve twelve', { kind: 'text' }],
  ['3+4', { kind: 'expression', value: '7', readAs: 'read as the calculation 3+4 (= 7)' }],
  ['(12)', { kind: 'integer', value: '12', readAs: 'read as 12' }],
  ['2^10', { kind: 'expression', value: '1024' }],
  ['2(x+1)', { kind: 'expression', readAs: 'read as the expression “2(x+1)”' }],
  ['Paris', { kind: 'text', readAs: 'read as the text “Paris”' }],
  ['(b)', { kind: 'text' }],
  ['', { kind: 'empty', readAs: 'nothing entered yet' }],
  ['   ', { kind: 'empty' }],
  ['12 34', { kind: 'invalid', readAs: 'could not read this: there is more than one number (write one answer)' }],
  ['3/0', { kind: 'invalid', readAs: 'could not read this: a fraction cannot have 0 as its denominator' }],
  ['1e999999', { kind: 'invalid', readAs: 'could not read this: the exponent is too large to check (at most ±300)' }],
  ['1.2.3', { kind: 'invalid' }],
  ['2^999999', { kind: 'invalid', readAs: 'could not read this: powers are limited to whole exponents up to 64' }],
  ['$12 €', { kind: 'invalid', readAs: 'could not read this: two different currencies' }],
  ['x'.repeat(201), { kind: 'invalid', readAs: 'could not read this: the answer is too long (at most 200 characters)' }],
];

describe('parseAnswer', () => {
  it.each(ROWS)('%j', (raw, want) => {
    const p = parseAnswer(raw);
    expect(p.kind).toBe(want.kind);
    if (want.value !== undefined) expect(value(raw)).toBe(want.value);
    if (want.unit !== undefined) expect(p.unit).toBe(want.unit);
    if (want.currency !== undefined) expect(p.currency).toBe(want.currency);
    if (want.readAs !== undefined) expect(p.readAs).toBe(want.readAs);
  });

  it('keeps the fraction as written, so 6/8 can be told to simplify', () => {
    expect(parseAnswer('6/8').fraction).toEqual({ negative: false, whole: undefined, numerator: 6n, denominator: 8n });
    expect(parseAnswer('-1 6/8').fraction).toEqual({ negative: true, whole: 1n, numerator: 6n, denominator: 8n });
    expect(parseAnswer('\\frac{-3}{4}').fraction).toEqual({ negative: true, whole: undefined, numerator: 3n, denominator: 4n });
  });

  it('records the decimal places typed, after any exponent', () => {
    expect(parseAnswer('2.50').places).toBe(2);
    expect(parseAnswer('2.5e3').places).toBe(0);
    expect(parseAnswer('2.5e-3').places).toBe(4);
    expect(parseAnswer('3/4').places).toBeUndefined();
  });

  it('gives percent both as a fraction of one and as written', () => {
    const p = parseAnswer('75%');
    expect(p.value).toEqual({ n: 3n, d: 4n });
    expect(p.percent).toEqual({ n: 75n, d: 1n });
  });

  it('notes how the input was read', () => {
    expect(parseAnswer('0,75').notes).toContain('decimal_comma');
    expect(parseAnswer('1,250').notes).toContain('thousands_separator');
    expect(parseAnswer('2.5e3').notes).toContain('scientific');
    expect(parseAnswer('twelve').notes).toContain('number_words');
    expect(parseAnswer('x = 12').notes).toContain('prefix_removed');
    expect(parseAnswer('\\frac{3}{4}').notes).toContain('latex');
  });

  it('never uses floats for exact kinds: 0.1 + 0.2 is exactly 3/10', () => {
    expect(parseAnswer('0.1 + 0.2').value).toEqual({ n: 3n, d: 10n });
    expect(parseAnswer('0.1').value).toEqual({ n: 1n, d: 10n });
    expect(parseAnswer('123456789012345678901234567890.5').value).toEqual({ n: 246913578024691357802469135781n, d: 2n });
  });
});
