import { describe, expect, it } from 'vitest';
import {
  decimalsOf,
  fixedNumber,
  formatAnswer,
  formatValue,
  groupThousands,
  plainNumber,
} from '../../src-main/template/format-value.js';
import type { AnswerFormat, Domain, PyValue } from '../../src-main/template/template.types.js';

const prose = { inMath: false, before: 'It costs ', after: ' each.' };
const math = { inMath: true, before: 'x = ', after: ' + 1' };

describe('formatValue', () => {
  it.each<[number | string, Domain, typeof prose, string]>([
    // money
    [12.5, { kind: 'money', min: 1, max: 20, step: 0.5 }, prose, '$12.50'],
    [12, { kind: 'money', min: 1, max: 20, step: 1 }, prose, '$12'],
    [12, { kind: 'money', min: 1, max: 20 }, prose, '$12.00'],
    [12, { kind: 'money', min: 1, max: 20, step: 0.5 }, prose, '$12.00'],
    [12.5, { kind: 'money', min: 1, max: 20, step: 5 }, prose, '$12.50'],
    [12, { kind: 'money', min: 1, max: 20, step: 1 }, { inMath: false, before: 'costs $', after: ' each' }, '12'],
    [12, { kind: 'money', min: 1, max: 20, step: 1 }, { inMath: false, before: 'costs \\$', after: ' each' }, '12'],
    [12, { kind: 'money', min: 1, max: 20, step: 1 }, { inMath: false, before: 'costs €', after: ' each' }, '12'],
    [12, { kind: 'money', min: 1, max: 20, step: 1 }, { inMath: false, before: 'costs ', after: ' dollars.' }, '12'],
    [12, { kind: 'money', min: 1, max: 20, step: 1 }, { inMath: false, before: 'earns ', after: '$ per month' }, '12'],
    [55, { kind: 'money', min: 1, max: 90, step: 5 }, { inMath: false, before: 'for ', after: ' cents' }, '55'],
    [3, { kind: 'money', min: 1, max: 9, step: 1 }, { inMath: false, before: 'has ', after: ' $5 bills' }, '$3'],
    [12500, { kind: 'money', min: 1, max: 20000, step: 100 }, prose, '$12,500'],
    [12500, { kind: 'money', min: 1, max: 20000, step: 100 }, math, '\\$12{,}500'],
    [1250, { kind: 'money', min: 1, max: 2000, step: 10 }, prose, '$1250'],
    [-5, { kind: 'money', min: -9, max: -1, step: 1 }, prose, '-$5'],
    // percent
    [20, { kind: 'percent', min: 5, max: 50 }, { inMath: false, before: 'for ', after: ' off.' }, '20%'],
    [20, { kind: 'percent', min: 5, max: 50 }, { inMath: false, before: 'for ', after: '% off.' }, '20'],
    [20, { kind: 'percent', min: 5, max: 50 }, { inMath: false, before: 'for ', after: '\\% off.' }, '20'],
    [20, { kind: 'percent', min: 5, max: 50 }, { inMath: false, before: 'by ', after: ' percent.' }, '20'],
    [20, { kind: 'percent', min: 5, max: 50 }, math, '20\\%'],
    [12.5, { kind: 'percent', min: 5, max: 50, step: 0.5 }, prose, '12.5%'],
    [12, { kind: 'percent', min: 5, max: 50, step: 0.5 }, prose, '12%'],
    // int: separators from 10,000
    [1250, { kind: 'int', min: 1, max: 99999 }, prose, '1250'],
    [9999, { kind: 'int', min: 1, max: 99999 }, prose, '9999'],
    [12500, { kind: 'int', min: 1, max: 99999 }, prose, '12,500'],
    [12500, { kind: 'int', min: 1, max: 99999 }, math, '12{,}500'],
    [-12500, { kind: 'int', min: -99999, max: 1 }, prose, '-12,500'],
    [-3, { kind: 'int', min: -9, max: 1 }, math, '-3'],
    [1234567, { kind: 'int', min: 1, max: 9999999 }, prose, '1,234,567'],
    // year: never a separator
    [1998, { kind: 'year', min: 1968, max: 2028 }, prose, '1998'],
    [19980, { kind: 'year', min: 19000, max: 20000 }, prose, '19980'],
    // decimal: written as people write measures (no padding to the step's decimals), float noise removed
    [1, { kind: 'decimal', min: 0.25, max: 2, step: 0.25 }, prose, '1'],
    [2.5, { kind: 'decimal', min: 1.5, max: 5, step: 0.5 }, prose, '2.5'],
    [2, { kind: 'decimal', min: 1.5, max: 5, step: 0.5 }, prose, '2'],
    [0.3, { kind: 'decimal', min: 0, max: 1, step: 0.1 }, prose, '0.3'],
    [0.1 + 0.2, { kind: 'decimal', min: 0, max: 1, step: 0.1 }, prose, '0.3'],
    [12345.5, { kind: 'decimal', min: 0, max: 99999, step: 0.5 }, prose, '12,345.5'],
    [2.25, { kind: 'decimal', min: 1.5, max: 5, step: 0.5 }, prose, '2.25'],
    // words and kept values
    ['Mia', { kind: 'list', list: 'names' }, prose, 'Mia'],
    [60, { kind: 'fixed' }, prose, '60'],
    [0.5, { kind: 'fixed' }, prose, '0.5'],
    [1e-7, { kind: 'fixed' }, prose, '0.0000001'],
    [1e21, { kind: 'fixed' }, prose, '1,000,000,000,000,000,000,000'],
    [7, { kind: 'choice', values: [7, 8] }, prose, '7'],
  ])('%s with %j in %j → %s', (value, domain, ctx, expected) => {
    expect(formatValue(value, domain, ctx)).toBe(expected);
  });
});

describe('number helpers', () => {
  it('decimalsOf counts the decimals of the shortest form', () => {
    expect([0.25, 2.5, 3.14, 12, 1e-7, 2.5e-7, 0.1 + 0.2].map(decimalsOf)).toEqual([2, 1, 2, 0, 7, 8, 17]);
  });

  it('plainNumber and fixedNumber never use exponent notation and drop the sign of zero', () => {
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.5e-7)).toBe('0.00000015');
    expect(plainNumber(-0)).toBe('0');
    expect(fixedNumber(-0.001, 2)).toBe('0.00');
    expect(fixedNumber(2e21, 1)).toBe('2000000000000000000000.0');
  });

  it('groupThousands leaves numbers below 10,000 and non-numerals alone', () => {
    expect(groupThousands('9999.99', false)).toBe('9999.99');
    expect(groupThousands('100000', false)).toBe('100,000');
    expect(groupThousands('-100000.25', true)).toBe('-100{,}000.25');
    expect(groupThousands('abcdef', false)).toBe('abcdef');
  });
});

const int = (v: string): PyValue => ({ t: 'int', v });
const float = (v: number | 'nan' | 'inf' | '-inf'): PyValue => ({ t: 'float', v });
const frac = (n: string, d: string): PyValue => ({ t: 'fraction', n, d });

describe('formatAnswer', () => {
  it.each<[PyValue, AnswerFormat, string]>([
    [int('1250'), 'integer', '1250'],
    [int('12500'), 'integer', '12,500'],
    [int('-12500'), 'integer', '-12,500'],
    [int('123456789012345678901234567890'), 'integer', '123,456,789,012,345,678,901,234,567,890'],
    [float(12), 'integer', '12'],
    [float(3431580), 'integer', '3,431,580'],
    [float(0.1 + 0.2), 'decimal', '0.3'],
    [float(2.9999999999999996), 'decimal', '3'],
    [float(0.75), 'decimal', '0.75'],
    [float(1e-12), 'decimal', '0.000000000001'],
    [float(12345678901.5), 'decimal', '12,345,678,901.5'],
    [float(2 / 3), 'decimal', '0.6666666667'],
    [int('60'), 'money', '$60'],
    [float(12.5), 'money', '$12.50'],
    [float(12.345), 'money', '$12.35'],
    [float(0.1 + 0.2), 'money', '$0.30'],
    [float(-5), 'money', '-$5'],
    [int('12500'), 'money', '$12,500'],
    [int('75'), 'percent', '75%'],
    [float(12.5), 'percent', '12.5%'],
    [frac('3', '4'), 'fraction', '3/4'],
    [frac('7', '4'), 'fraction', '7/4'],
    [frac('6', '8'), 'fraction', '3/4'],
    [frac('8', '4'), 'fraction', '2'],
    [frac('3', '-4'), 'fraction', '-3/4'],
    [frac('3', '4'), 'decimal', '0.75'],
    [frac('1', '3'), 'decimal', '0.3333333333'],
    [frac('8', '4'), 'money', '$2'],
    [float(0.75), 'fraction', '3/4'],
    [float(-1.5), 'fraction', '-3/2'],
    [float(Math.PI), 'fraction', '3.141592654'],
    [int('3'), 'fraction', '3'],
    [{ t: 'str', v: 'Paris' }, 'text', 'Paris'],
    [{ t: 'str', v: 'B' }, 'multiple_choice', 'B'],
    [{ t: 'str', v: 'x^2 + 1' }, 'expression', 'x^2 + 1'],
    [{ t: 'bool', v: true }, 'text', 'True'],
    [{ t: 'list', v: [int('1'), float(2.5)] }, 'decimal', '1, 2.5'],
    [{ t: 'none' }, 'text', 'None'],
    [float('nan'), 'decimal', 'nan'],
    [float('-inf'), 'integer', '-inf'],
  ])('%j as %s → %s', (answer, format, expected) => {
    expect(formatAnswer(answer, format)).toBe(expected);
  });

  it('prints mixed numbers only when asked', () => {
    expect(formatAnswer(frac('7', '4'), 'fraction', undefined, { mixedNumbers: true })).toBe('1 3/4');
    expect(formatAnswer(frac('-7', '4'), 'fraction', undefined, { mixedNumbers: true })).toBe('-1 3/4');
    expect(formatAnswer(frac('3', '4'), 'fraction', undefined, { mixedNumbers: true })).toBe('3/4');
    expect(formatAnswer(float(1.75), 'fraction', undefined, { mixedNumbers: true })).toBe('1 3/4');
  });

  it('appends the unit after a space, unless the format already says it', () => {
    expect(formatAnswer(int('12'), 'integer', 'cm')).toBe('12 cm');
    expect(formatAnswer(float(2.5), 'decimal', ' km/h ')).toBe('2.5 km/h');
    expect(formatAnswer(int('12'), 'money', 'dollars')).toBe('$12');
    expect(formatAnswer(int('12'), 'money', '$')).toBe('$12');
    expect(formatAnswer(int('75'), 'percent', '%')).toBe('75%');
    expect(formatAnswer({ t: 'str', v: '12 cm' }, 'text', 'cm')).toBe('12 cm');
    expect(formatAnswer(int('12'), 'integer', '')).toBe('12');
  });
});
