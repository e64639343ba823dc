import { describe, expect, it } from 'vitest';
import {
  answersEqual,
  checkShape,
  inferAnswerFormat,
  isFinitePy,
  parseNumericString,
  pyToNumber,
  shapeOfOriginal,
  shapeOfPy,
} from '../../src-main/template/answer-shape.js';
import type { AnswerShape, PyValue } from '../../src-main/template/template.types.js';

const int = (v: string): PyValue => ({ t: 'int', v });
const float = (v: number | 'nan' | 'inf' | '-inf'): PyValue => ({ t: 'float', v });
const frac = (n: string, d: string): PyValue => ({ t: 'fraction', n, d });
const str = (v: string): PyValue => ({ t: 'str', v });

const WHOLE: AnswerShape = { type: 'int', integral: true, nonNegative: true };

describe('parseNumericString', () => {
  it.each<[string, number, string]>([
    ['12', 12, 'int'],
    [' -3 ', -3, 'int'],
    ['1,250', 1250, 'int'],
    ['12{,}500', 12500, 'int'],
    ['10,\\!000', 10000, 'int'],
    ['12.5', 12.5, 'float'],
    ['12.0', 12, 'float'],
    ['.5', 0.5, 'float'],
    ['1e6', 1e6, 'float'],
    ['3/4', 0.75, 'fraction'],
    ['-3/4', -0.75, 'fraction'],
    ['1 3/4', 1.75, 'fraction'],
    ['\\frac{14}{3}', 14 / 3, 'fraction'],
    ['-\\dfrac{1}{2}', -0.5, 'fraction'],
    ['\\frac43', 4 / 3, 'fraction'],
    ['\\frac 59', 5 / 9, 'fraction'],
    ['\\frac{270}7', 270 / 7, 'fraction'],
    ['1\\frac{4}{5}', 1.8, 'fraction'],
    ['11,\\! 111,\\! 111,\\! 100', 11111111100, 'int'],
    ['\\frac{-1}{2}', -0.5, 'fraction'],
    ['$12.50', 12.5, 'float'],
    ['$1,250.00', 1250, 'float'],
    ['-$5', -5, 'int'],
    ['$-5', -5, 'int'],
    ['\\$5', 5, 'int'],
    ['75%', 75, 'int'],
    ['75\\%', 75, 'int'],
    ['30^\\circ', 30, 'int'],
    ['$12$', 12, 'int'],
    ['\\(7\\)', 7, 'int'],
  ])('%j → %d (%s)', (text, value, kind) => {
    const p = parseNumericString(text);
    expect(p?.value).toBeCloseTo(value, 12);
    expect(p?.kind).toBe(kind);
  });

  it('marks currency and percent spellings', () => {
    expect(parseNumericString('$12.50')).toMatchObject({ currency: true, percent: false, integral: false });
    expect(parseNumericString('75%')).toMatchObject({ currency: false, percent: true, integral: true });
  });

  it.each(['x+1', '\\sqrt{2}', '(C)', '12 cm', '', '1,25', '1, 250', '3/0', 'twelve', '(3, \\frac{\\pi}{2})', '1.2.3', '\\frac{3\\sqrt{3}}{4}'])(
    '%j is not a number',
    (text) => {
      expect(parseNumericString(text)).toBeUndefined();
    },
  );
});

describe('shapes', () => {
  it.each<[number | string | boolean | null | undefined, AnswerShape | undefined]>([
    [12, WHOLE],
    [-3, { type: 'int', integral: true, nonNegative: false }],
    [2.5, { type: 'float', integral: false, nonNegative: true }],
    ['12', WHOLE],
    ['12.0', { type: 'float', integral: true, nonNegative: true }],
    ['3/4', { type: 'fraction', integral: false, nonNegative: true }],
    ['$12.50', { type: 'float', integral: false, nonNegative: true }],
    ['Paris', { type: 'str', integral: false, nonNegative: false }],
    [true, { type: 'bool', integral: false, nonNegative: false }],
    [null, undefined],
    [undefined, undefined],
  ])('shapeOfOriginal(%j)', (original, shape) => {
    expect(shapeOfOriginal(original)).toEqual(shape);
  });

  it.each<[PyValue, AnswerShape]>([
    [int('12'), WHOLE],
    [int('-12'), { type: 'int', integral: true, nonNegative: false }],
    [float(12), { type: 'float', integral: true, nonNegative: true }],
    [float(-0.5), { type: 'float', integral: false, nonNegative: false }],
    [frac('6', '3'), { type: 'fraction', integral: true, nonNegative: true }],
    [frac('-1', '3'), { type: 'fraction', integral: false, nonNegative: false }],
    [str('12'), { type: 'str', integral: false, nonNegative: false }],
    [{ t: 'list', v: [] }, { type: 'list', integral: false, nonNegative: false }],
    [{ t: 'none' }, { type: 'other', integral: false, nonNegative: false }],
  ])('shapeOfPy(%j)', (value, shape) => {
    expect(shapeOfPy(value)).toEqual(shape);
  });
});

describe('checkShape', () => {
  it('accepts whole numbers in any numeric spelling', () => {
    for (const v of [int('12'), float(12), frac('24', '2'), str('12'), str('$12')]) expect(checkShape(WHOLE, v)).toEqual({ ok: true });
  });

  it.each<[AnswerShape, PyValue, string]>([
    [WHOLE, float(2.5), 'answer became fractional (2.5) where the original was a whole number'],
    [WHOLE, frac('5', '2'), 'answer became fractional (5/2) where the original was a whole number'],
    [WHOLE, int('-3'), 'answer became negative (-3)'],
    [WHOLE, float(-3), 'answer became negative (-3)'],
    [WHOLE, str('many'), 'answer type changed from int to str ("many")'],
    [WHOLE, { t: 'bool', v: true }, 'answer type changed from int to bool (True)'],
    [WHOLE, float('inf'), 'answer is not a finite number (inf)'],
    [WHOLE, { t: 'none' }, 'no answer (None)'],
    [{ type: 'str', integral: false, nonNegative: false }, int('3'), 'answer type changed from str to int (3)'],
  ])('%j vs %j → %s', (expected, actual, reason) => {
    expect(checkShape(expected, actual)).toEqual({ ok: false, reason });
  });

  it('does not constrain what the original did not have', () => {
    const anyFloat: AnswerShape = { type: 'float', integral: false, nonNegative: false };
    expect(checkShape(anyFloat, float(-2.5))).toEqual({ ok: true });
    expect(checkShape(anyFloat, int('7'))).toEqual({ ok: true });
    expect(checkShape({ type: 'str', integral: false, nonNegative: false }, str('Lima'))).toEqual({ ok: true });
  });
});

describe('isFinitePy and pyToNumber', () => {
  it('isFinitePy', () => {
    expect(isFinitePy(int('5'))).toBe(true);
    expect(isFinitePy(float(1.5))).toBe(true);
    expect(isFinitePy(float('nan'))).toBe(false);
    expect(isFinitePy(float('-inf'))).toBe(false);
    expect(isFinitePy(frac('1', '0'))).toBe(false);
    expect(isFinitePy({ t: 'list', v: [int('1'), float('inf')] })).toBe(false);
    expect(isFinitePy(str('abc'))).toBe(true);
    expect(isFinitePy({ t: 'none' })).toBe(false);
  });

  it('pyToNumber', () => {
    expect(pyToNumber(int('-42'))).toBe(-42);
    expect(pyToNumber(float(2.5))).toBe(2.5);
    expect(pyToNumber(frac('3', '4'))).toBe(0.75);
    expect(pyToNumber(str('$1,250.00'))).toBe(1250);
    expect(pyToNumber(str('abc'))).toBeUndefined();
    expect(pyToNumber(float('inf'))).toBeUndefined();
    expect(pyToNumber({ t: 'bool', v: true })).toBeUndefined();
    expect(pyToNumber(int(`1${'0'.repeat(400)}`))).toBeUndefined();
  });
});

describe('inferAnswerFormat', () => {
  it.each<[number | string | boolean | null | undefined, AnswerShape | undefined, string]>([
    [12, undefined, 'integer'],
    [2.5, undefined, 'decimal'],
    ['$12.50', undefined, 'money'],
    ['75%', undefined, 'percent'],
    ['3/4', undefined, 'fraction'],
    ['\\frac{14}{3}', undefined, 'fraction'],
    ['12', undefined, 'integer'],
    ['12.5', undefined, 'decimal'],
    ['\\text{(C)}', undefined, 'multiple_choice'],
    ['B', undefined, 'multiple_choice'],
    ['3\\sqrt{2}', undefined, 'expression'],
    ['x^2+1', undefined, 'expression'],
    ['Monday', undefined, 'text'],
    ['\\text{Evelyn}', undefined, 'text'],
    [true, undefined, 'text'],
    [null, { type: 'fraction', integral: false, nonNegative: true }, 'fraction'],
    [undefined, { type: 'float', integral: true, nonNegative: true }, 'integer'],
    [undefined, undefined, 'text'],
  ])('%j (%j) → %s', (original, shape, format) => {
    expect(inferAnswerFormat(original, shape)).toBe(format);
  });
});

describe('answersEqual', () => {
  it.each<[PyValue, number | string | boolean | null, boolean]>([
    [int('1250'), '$1,250.00', true],
    [float(0.75), '3/4', true],
    [frac('3', '4'), 0.75, true],
    [float(0.1 + 0.2), 0.3, true],
    [float(1000000.4), 1000000, true],
    [float(1000002), 1000000, false],
    [float(1e-12), 0, true],
    [int('12'), 13, false],
    [str(' Paris '), 'paris', true],
    [str('Lima'), 'Paris', false],
    [str('12'), 12, true],
    [{ t: 'bool', v: true }, true, true],
    [{ t: 'bool', v: false }, true, false],
    [{ t: 'bool', v: true }, 'True', true],
    [{ t: 'none' }, null, true],
    [int('0'), null, false],
    [int('123456789012345678901234567890'), '123456789012345678901234567890', true],
    [float('nan'), 5, false],
  ])('%j vs %j → %s', (a, original, equal) => {
    expect(answersEqual(a, original)).toBe(equal);
  });

  it('honours a custom tolerance', () => {
    expect(answersEqual(float(101), 100, 0.02)).toBe(true);
    expect(answersEqual(float(101), 100)).toBe(false);
  });
});
