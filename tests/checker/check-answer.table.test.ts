/**
 * The checker's behaviour as one table: raw input, expected answer and format → verdict kind (and,
 * where it matters, the reason). Every answer format and every input shape of the brief is here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer, loadExpressionEngine } from '../../src-main/checker/index.std.js';
import type { ExpectedAnswer, VerdictKind, VerdictReason } from '../../src-main/checker/index.std.js';
import type { AnswerFormat, PyValue } from '../../src-main/template/template.types.js';

const int = (v: number | string): PyValue => ({ t: 'int', v: String(v) });
const flt = (v: number): PyValue => ({ t: 'float', v });
const frac = (n: number, d: number): PyValue => ({ t: 'fraction', n: String(n), d: String(d) });
const str = (v: string): PyValue => ({ t: 'str', v });

function exp(format: AnswerFormat, answer: PyValue, extra: Partial<ExpectedAnswer> = {}): ExpectedAnswer {
  return { answer, format, ...extra };
}

type Row = [raw: string, expected: ExpectedAnswer, kind: VerdictKind, reason?: VerdictReason];

const I12 = exp('integer', int(12));
const D075 = exp('decimal', flt(0.75));
const THIRD = exp('decimal', flt(0.3333333333));
const TWO_THIRDS = exp('decimal', flt(0.6666666667));
const F34 = exp('fraction', frac(3, 4));
const F13 = exp('fraction', frac(1, 3));
const F74 = exp('fraction', frac(7, 4));
const M125 = exp('money', flt(12.5));
const P75 = exp('percent', int(75));
const E2X2 = exp('expression', str('2*x + 2'));
const CITIES = ['London', 'Paris', 'Rome', 'Berlin'];
const MC = exp('multiple_choice', str('Paris'), { choices: CITIES });
const T_SP = exp('text', str('São Paulo'));

const integerRows: Row[] = [
  ['12', I12, 'correct', 'exact'],
  [' 12 ', I12, 'correct', 'exact'],
  ['12.', I12, 'correct', 'exact'],
  ['x = 12', I12, 'correct', 'exact'],
  ['answer: 12', I12, 'correct', 'exact'],
  ['twelve', I12, 'correct', 'exact'],
  ['12.0', I12, 'correct', 'exact'],
  ['１２', I12, 'correct', 'exact'],
  ['1.2e1', I12, 'correct', 'exact'],
  ['$12', I12, 'correct', 'equivalent_form'],
  ['1200%', I12, 'correct', 'equivalent_form'],
  ['24/2', I12, 'correct_needs_simplifying', 'not_in_lowest_terms'],
  ['12/1', I12, 'correct_needs_simplifying', 'not_in_lowest_terms'],
  ['3+9', I12, 'correct_needs_simplifying', 'unevaluated_arithmetic'],
  ['2(3+3)', I12, 'correct_needs_simplifying', 'unevaluated_arithmetic'],
  ['3 x 4', I12, 'correct_needs_simplifying', 'unevaluated_arithmetic'],
  ['13', I12, 'wrong', 'not_equal'],
  ['12.5', I12, 'wrong', 'not_whole_number'],
  ['', I12, 'invalid', 'empty'],
  ['   ', I12, 'invalid', 'empty'],
  ['abc', I12, 'invalid', 'not_a_number'],
  ['2x', I12, 'invalid', 'not_a_number'],
  ['12 34', I12, 'invalid', 'unreadable'],
  ['12 / 0', I12, 'invalid', 'unreadable'],
  ['1e999999', I12, 'invalid', 'unreadable'],
  ['1,2,3', I12, 'invalid', 'unreadable'],
  ['1,250', exp('integer', int(1250)), 'correct', 'exact'],
  ['1 250', exp('integer', int(1250)), 'correct', 'exact'],
  ["1'250", exp('integer', int(1250)), 'correct', 'exact'],
  ['1.250', exp('integer', int(1250)), 'wrong', 'not_whole_number'], // a single dot is a decimal point
  ['12 000', exp('integer', int(12000)), 'correct', 'exact'],
  ['12,000,000', exp('integer', int(12000000)), 'correct', 'exact'],
  ['1.250.000', exp('integer', int(1250000)), 'correct', 'exact'],
  ['2.5e3', exp('integer', int(2500)), 'correct', 'exact'],
  ['2.5 × 10^3', exp('integer', int(2500)), 'correct', 'exact'],
  ['2.5x10^3', exp('integer', int(2500)), 'correct', 'exact'],
  ['2.5 \\times 10^{3}', exp('integer', int(2500)), 'correct', 'exact'],
  ['10³', exp('integer', int(1000)), 'correct_needs_simplifying', 'unevaluated_arithmetic'],
  ['one hundred and five', exp('integer', int(105)), 'correct', 'exact'],
  ['-3', exp('integer', int(-3)), 'correct', 'exact'],
  ['−3', exp('integer', int(-3)), 'correct', 'exact'],
  ['– 3', exp('integer', int(-3)), 'correct', 'exact'],
  ['minus three', exp('integer', int(-3)), 'correct', 'exact'],
  ['3', exp('integer', int(-3)), 'wrong', 'not_equal'],
  ['0', exp('integer', int(0)), 'correct', 'exact'],
  ['12', exp('integer', flt(12.0)), 'correct', 'exact'],
  ['12', exp('integer', str('12')), 'correct', 'exact'],
  ['123456789012345678901234567890', exp('integer', int('123456789012345678901234567890')), 'correct', 'exact'],
  ['123456789012345678901234567891', exp('integer', int('123456789012345678901234567890')), 'wrong', 'not_equal'],
  ['12', exp('integer', { t: 'bool', v: true }), 'invalid', 'bad_expected'],
  ['12', exp('integer', { t: 'list', v: [int(12)] }), 'invalid', 'bad_expected'],
  ['12', exp('integer', { t: 'float', v: 'nan' }), 'invalid', 'bad_expected'],
];

const unitRows: Row[] = [
  ['12 cm', exp('integer', int(12), { unit: 'cm' }), 'correct', 'exact'],
  ['12cm', exp('integer', int(12), { unit: 'cm' }), 'correct', 'exact'],
  ['12\\,\\text{cm}', exp('integer', int(12), { unit: 'cm' }), 'correct', 'exact'],
  ['12 centimetres', exp('integer', int(12), { unit: 'cm' }), 'correct', 'exact'],
  ['12', exp('integer', int(12), { unit: 'cm' }), 'correct', 'exact'],
  ['12', exp('integer', int(12), { unit: 'cm', unitRequired: true }), 'check_units', 'unit_missing'],
  ['12 m', exp('integer', int(12), { unit: 'cm' }), 'check_units', 'unit_mismatch'],
  ['12 $', exp('integer', int(12), { unit: 'cm' }), 'check_units', 'unit_mismatch'],
  ['13 cm', exp('integer', int(12), { unit: 'cm' }), 'wrong', 'not_equal'],
  ['12 apples', exp('integer', int(12), { unit: 'apples' }), 'correct', 'exact'],
  ['12 apple', exp('integer', int(12), { unit: 'apples' }), 'correct', 'exact'],
  ['12 pears', exp('integer', int(12), { unit: 'apples' }), 'check_units', 'unit_mismatch'],
  ['12 boxes', exp('integer', int(12), { unit: 'box' }), 'correct', 'exact'],
  ['2.5 kg', exp('decimal', flt(2.5), { unit: 'kg' }), 'correct', 'exact'],
  ['2500 g', exp('decimal', flt(2.5), { unit: 'kg' }), 'check_units', 'unit_converted'],
  ['2.5 g', exp('decimal', flt(2.5), { unit: 'kg' }), 'check_units', 'unit_mismatch'],
  ['150 cm', exp('decimal', flt(1.5), { unit: 'm' }), 'check_units', 'unit_converted'],
  ['1500 mm', exp('decimal', flt(1.5), { unit: 'm' }), 'check_units', 'unit_converted'],
  ['1.5 metres', exp('decimal', flt(1.5), { unit: 'm' }), 'correct', 'exact'],
  ['45 km/h', exp('integer', int(45), { unit: 'km/h' }), 'correct', 'exact'],
  ['45 kph', exp('integer', int(45), { unit: 'km/h' }), 'correct', 'exact'],
  ['45 km per hour', exp('integer', int(45), { unit: 'km/h' }), 'correct', 'exact'],
  ['45 mph', exp('integer', int(45), { unit: 'km/h' }), 'check_units', 'unit_mismatch'],
  ['12.5 m²', exp('decimal', flt(12.5), { unit: 'm^2' }), 'correct', 'exact'],
  ['12.5 sq m', exp('decimal', flt(12.5), { unit: 'm^2' }), 'correct', 'exact'],
  ['12.5 square meters', exp('decimal', flt(12.5), { unit: 'm^2' }), 'correct', 'exact'],
  ['90^\\circ', exp('integer', int(90), { unit: '°' }), 'correct', 'exact'],
  ['90 degrees', exp('integer', int(90), { unit: '°' }), 'correct', 'exact'],
  ['2 h', exp('integer', int(120), { unit: 'min' }), 'check_units', 'unit_converted'],
];

const decimalRows: Row[] = [
  ['0.75', D075, 'correct', 'exact'],
  ['.75', D075, 'correct', 'exact'],
  ['0.750', D075, 'correct', 'exact'],
  ['0.75.', D075, 'correct', 'exact'],
  ['0,75', D075, 'correct', 'exact'], // decimal comma
  ['3/4', D075, 'correct', 'exact'],
  ['\\frac{3}{4}', D075, 'correct', 'exact'],
  ['75%', D075, 'correct', 'exact'],
  ['0.8', D075, 'wrong', 'not_precise_enough'],
  ['0.7', D075, 'wrong', 'not_precise_enough'],
  ['0.76', D075, 'wrong', 'not_equal'],
  ['0.75 + 0', D075, 'correct_needs_simplifying', 'unevaluated_arithmetic'],
  ['x', D075, 'invalid', 'not_a_number'],
  ['0.33', THIRD, 'correct', 'rounded'],
  ['0.333', THIRD, 'correct', 'rounded'],
  ['0.3333333333', THIRD, 'correct', 'exact'],
  ['≈ 0.33', THIRD, 'correct', 'rounded'],
  ['0.34', THIRD, 'wrong', 'not_equal'],
  ['0.3', THIRD, 'wrong', 'not_precise_enough'],
  ['1/3', THIRD, 'correct', 'within_tolerance'],
  ['0.67', TWO_THIRDS, 'correct', 'rounded'],
  ['0.66', TWO_THIRDS, 'correct', 'rounded'], // cut off rather than rounded: fine when the question names no places
  ['0.65', TWO_THIRDS, 'wrong', 'not_equal'],
  ['0.3', exp('decimal', flt(0.1 + 0.2)), 'correct', 'exact'], // float noise removed
  ['3244047.1', exp('decimal', flt(3244047.0999999996)), 'correct', 'exact'], // a PAL gsm-hard target
  ['14053029.67', exp('decimal', flt(14053029.666666666)), 'correct', 'rounded'],
  ['14053029.66', exp('decimal', flt(14053029.666666666)), 'correct', 'rounded'],
  ['14053029.68', exp('decimal', flt(14053029.666666666)), 'wrong', 'not_equal'],
  ['0.333333333333', THIRD, 'correct', 'within_tolerance'],
  ['0.333333343333', THIRD, 'wrong', 'not_equal'],
  ['14053029.7', exp('decimal', flt(14053029.666666666)), 'wrong', 'not_precise_enough'],
  ['2.3', exp('decimal', flt(2.25), { decimals: 1 }), 'correct', 'rounded'],
  ['2.2', exp('decimal', flt(2.25), { decimals: 1 }), 'correct', 'rounded'], // a tie: half-even is Python's round()
  ['2.25', exp('decimal', flt(2.25), { decimals: 1 }), 'correct', 'exact'],
  ['2.4', exp('decimal', flt(2.25), { decimals: 1 }), 'wrong', 'not_equal'],
  ['3.14', exp('decimal', flt(3.14159), { decimals: 2 }), 'correct', 'rounded'],
  ['3.1416', exp('decimal', flt(3.14159), { decimals: 2 }), 'correct', 'rounded'],
  ['3.141', exp('decimal', flt(3.14159), { decimals: 2 }), 'wrong', 'not_equal'], // truncation is not rounding when asked
  ['3.1', exp('decimal', flt(3.14159), { decimals: 2 }), 'wrong', 'not_precise_enough'],
  ['2.5e-3', exp('decimal', flt(0.0025)), 'correct', 'exact'],
  ['1,250.75', exp('decimal', flt(1250.75)), 'correct', 'exact'],
  ['1.250,75', exp('decimal', flt(1250.75)), 'correct', 'exact'],
  ['1 250,75', exp('decimal', flt(1250.75)), 'correct', 'exact'],
  ['3,5', exp('decimal', flt(3.5)), 'correct', 'exact'],
  ['1,250', exp('decimal', flt(1.25)), 'wrong', 'not_equal'], // read as 1250: the English default, shown in readAs
  ['0.333...', exp('decimal', frac(1, 3)), 'correct', 'rounded'],
  ['0.33', exp('decimal', frac(1, 3)), 'correct', 'rounded'],
  ['3/4', exp('decimal', str('0.75')), 'correct', 'exact'],
  ['1 1/2', exp('decimal', flt(1.5)), 'correct', 'exact'],
];

const fractionRows: Row[] = [
  ['3/4', F34, 'correct', 'exact'],
  ['3 / 4', F34, 'correct', 'exact'],
  ['\\frac{3}{4}', F34, 'correct', 'exact'],
  ['\\dfrac34', F34, 'correct', 'exact'],
  ['$\\frac{3}{4}$', F34, 'correct', 'exact'],
  ['three quarters', F34, 'correct', 'exact'],
  ['6/8', F34, 'correct_needs_simplifying', 'not_in_lowest_terms'],
  ['\\frac{6}{8}', F34, 'correct_needs_simplifying', 'not_in_lowest_terms'],
  ['1/2 + 1/4', F34, 'correct_needs_simplifying', 'unevaluated_arithmetic'],
  ['0.75', F34, 'correct', 'equivalent_form'],
  ['75%', F34, 'correct', 'equivalent_form'],
  ['4/3', F34, 'wrong', 'not_equal'],
  ['3/5', F34, 'wrong', 'not_equal'],
  ['½', F34, 'wrong', 'not_equal'],
  ['3/0', F34, 'invalid', 'unreadable'],
  ['1/3', F13, 'correct', 'exact'],
  ['2/6', F13, 'correct_needs_simplifying', 'not_in_lowest_terms'],
  ['0.33', F13, 'wrong', 'not_exact'],
  ['0.333', F13, 'wrong', 'not_exact'],
  ['0.5', F13, 'wrong', 'not_equal'],
  ['1 3/4', F74, 'correct', 'exact'],
  ['7/4', F74, 'correct', 'exact'],
  ['1\\frac{3}{4}', F74, 'correct', 'exact'],
  ['1¾', F74, 'correct', 'exact'],
  ['1.75', F74, 'correct', 'equivalent_form'],
  ['1 6/8', F74, 'correct_needs_simplifying', 'not_in_lowest_terms'],
  ['1 1/2', F74, 'wrong', 'not_equal'],
  ['3\\frac{1}{2}', exp('fraction', frac(7, 2)), 'correct', 'exact'],
  ['3 \\frac12', exp('fraction', frac(7, 2)), 'correct', 'exact'],
  ['3½', exp('fraction', frac(7, 2)), 'correct', 'exact'],
  ['-1 1/2', exp('fraction', frac(-3, 2)), 'correct', 'exact'],
  ['-3/2', exp('fraction', frac(-3, 2)), 'correct', 'exact'],
  ['-\\frac{3}{2}', exp('fraction', frac(-3, 2)), 'correct', 'exact'],
  ['\\frac{-3}{2}', exp('fraction', frac(-3, 2)), 'correct', 'exact'],
  ['1 1/2', exp('fraction', frac(-3, 2)), 'wrong', 'not_equal'],
  ['2', exp('fraction', frac(2, 1)), 'correct', 'exact'],
  ['4/2', exp('fraction', frac(2, 1)), 'correct_needs_simplifying', 'not_in_lowest_terms'],
  ['1/2 cup', exp('fraction', frac(1, 2), { unit: 'cup' }), 'correct', 'exact'],
  ['1/2 cups', exp('fraction', frac(1, 2), { unit: 'cup' }), 'correct', 'exact'],
  ['1/2 tbsp', exp('fraction', frac(1, 2), { unit: 'cup' }), 'check_units', 'unit_mismatch'],
  ['1/3', exp('fraction', flt(0.3333333333)), 'correct', 'within_tolerance'],
  ['3/4', exp('fraction', flt(0.75)), 'correct', 'exact'],
  ['3/4', exp('fraction', str('3/4')), 'correct', 'exact'],
];

const moneyRows: Row[] = [
  ['12.5', M125, 'correct', 'exact'],
  ['12.50', M125, 'correct', 'exact'],
  ['$12.50', M125, 'correct', 'exact'],
  ['$12.5', M125, 'correct', 'exact'],
  ['12.50$', M125, 'correct', 'exact'],
  ['$ 12.50', M125, 'correct', 'exact'],
  ['12.50 dollars', M125, 'correct', 'exact'],
  ['USD 12.50', M125, 'correct', 'exact'],
  ['12,50 $', M125, 'correct', 'exact'],
  ['€12.50', M125, 'correct', 'exact'],
  ['1250¢', M125, 'correct', 'exact'],
  ['1250 cents', M125, 'correct', 'exact'],
  ['12.499', M125, 'correct', 'rounded'], // to the cent
  ['12.51', M125, 'wrong', 'not_equal'],
  ['13', M125, 'wrong', 'not_equal'],
  ['25/2', M125, 'correct_needs_simplifying', 'not_in_lowest_terms'],
  ['10 + 2.5', M125, 'correct_needs_simplifying', 'unevaluated_arithmetic'],
  ['€12.50', exp('money', flt(12.5), { unit: '$' }), 'check_units', 'currency_mismatch'],
  ['12.50', exp('money', flt(12.5), { unit: '$', unitRequired: true }), 'check_units', 'unit_missing'],
  ['12.50 €', exp('money', flt(12.5), { unit: 'EUR' }), 'correct', 'exact'],
  ['12.5 cm', exp('money', flt(12.5), { unit: '$' }), 'check_units', 'unit_mismatch'],
  ['50¢', exp('money', flt(0.5)), 'correct', 'exact'],
  ['50 cents', exp('money', flt(0.5)), 'correct', 'exact'],
  ['$0.50', exp('money', flt(0.5)), 'correct', 'exact'],
  ['50', exp('money', flt(0.5)), 'wrong', 'not_equal'],
  ['-$3', exp('money', int(-3)), 'correct', 'exact'],
  ['$-3', exp('money', int(-3)), 'correct', 'exact'],
  ['-3.00', exp('money', int(-3)), 'correct', 'exact'],
  ['$1,234.50', exp('money', flt(1234.5)), 'correct', 'exact'],
  ['3.33', exp('money', flt(3.3333333)), 'correct', 'rounded'],
  ['3.34', exp('money', flt(3.3333333)), 'wrong', 'not_equal'],
  ['12.5', exp('money', str('$12.50')), 'correct', 'exact'],
];

const percentRows: Row[] = [
  ['75%', P75, 'correct', 'exact'],
  ['75 %', P75, 'correct', 'exact'],
  ['75', P75, 'correct', 'exact'],
  ['75 percent', P75, 'correct', 'exact'],
  ['75\\%', P75, 'correct', 'exact'],
  ['0.75', P75, 'correct', 'equivalent_form'],
  ['3/4', P75, 'correct', 'equivalent_form'],
  ['7.5%', P75, 'wrong', 'not_equal'],
  ['0.75%', P75, 'wrong', 'not_equal'],
  ['75 %%', P75, 'invalid', 'unreadable'],
  ['33.33%', exp('percent', flt(33.333333333333336)), 'correct', 'rounded'],
  ['33.3%', exp('percent', flt(33.333333333333336)), 'wrong', 'not_precise_enough'],
  ['1/3', exp('percent', flt(33.333333333333336)), 'correct', 'equivalent_form'],
  ['12.5%', exp('percent', flt(12.5)), 'correct', 'exact'],
  ['0.125', exp('percent', flt(12.5)), 'correct', 'equivalent_form'],
  ['12%', exp('percent', flt(12.5)), 'wrong', 'not_precise_enough'],
  ['75%', exp('percent', str('75%')), 'correct', 'exact'],
  ['50% + 25%', P75, 'invalid', 'unreadable'],
];

const expressionRows: Row[] = [
  ['2*x + 2', E2X2, 'correct', 'exact'],
  ['2(x+1)', E2X2, 'correct', 'equivalent_expression'],
  ['2x+2', E2X2, 'correct', 'equivalent_expression'],
  ['x+1+x+1', E2X2, 'correct', 'equivalent_expression'],
  ['2 \\cdot (x+1)', E2X2, 'correct', 'equivalent_expression'],
  ['2x+1', E2X2, 'wrong', 'different_expression'],
  ['2y+2', E2X2, 'wrong', 'different_expression'],
  ['1/0', E2X2, 'wrong', 'different_expression'],
  ['', E2X2, 'invalid', 'empty'],
  ['x +', E2X2, 'invalid', 'unreadable'],
  ['x!', E2X2, 'invalid', 'unreadable'],
  ['\\sum_{i=1}^{n} i', E2X2, 'invalid', 'unreadable'],
  ['x := 5', E2X2, 'invalid', 'unreadable'],
  ['9^9^9^9', E2X2, 'invalid', 'too_complex'],
  ['9^{9^{9^{9}}}', E2X2, 'invalid', 'too_complex'],
  ['x^{99999}', E2X2, 'invalid', 'too_complex'],
  [`${'('.repeat(14)}x${')'.repeat(14)}`, E2X2, 'invalid', 'too_complex'],
  ['(x+1)^2', exp('expression', str('x**2 + 2*x + 1')), 'correct', 'equivalent_expression'],
  ['x^2+2x+1', exp('expression', str('(x+1)^2')), 'correct', 'equivalent_expression'],
  ['x²+2x+1', exp('expression', str('(x+1)^2')), 'correct', 'equivalent_expression'],
  ['x^2+1', exp('expression', str('(x+1)^2')), 'wrong', 'different_expression'],
  ['\\frac{x}{2}', exp('expression', str('x/2')), 'correct', 'equivalent_expression'],
  ['0.5x', exp('expression', str('x/2')), 'correct', 'equivalent_expression'],
  ['1/2x', exp('expression', str('x/2')), 'wrong', 'different_expression'], // read as 1/(2x), as readAs shows
  ['sqrt(x^2)', exp('expression', str('abs(x)')), 'correct', 'equivalent_expression'],
  ['x(x+1)', exp('expression', str('x**2 + x')), 'correct', 'equivalent_expression'],
  ['a(b+c)', exp('expression', str('a*b + a*c')), 'correct', 'equivalent_expression'],
  ['ba', exp('expression', str('a*b')), 'correct', 'equivalent_expression'],
  ['rate*time*2', exp('expression', str('2*rate*time')), 'correct', 'equivalent_expression'],
  ['2*rate', exp('expression', str('2*rate*time')), 'wrong', 'different_expression'],
  ['y = 2x + 1', exp('expression', str('2*x + 1')), 'correct', 'equivalent_expression'],
  ['2x + 1 = y', exp('expression', str('y = 2*x + 1')), 'correct', 'equivalent_expression'],
  ['y - 2x = 1', exp('expression', str('y = 2*x + 1')), 'correct', 'equivalent_expression'],
  ['y = 2x', exp('expression', str('y = 2*x + 1')), 'wrong', 'different_expression'],
  ['\\sin^2(x)+\\cos^2(x)', exp('expression', str('1')), 'correct', 'equivalent_expression'],
  ['\\sqrt{18}', exp('expression', str('3*sqrt(2)')), 'correct', 'equivalent_expression'],
  ['3\\sqrt{2}', exp('expression', str('3*sqrt(2)')), 'correct', 'equivalent_expression'],
  ['4.24', exp('expression', str('3*sqrt(2)')), 'wrong', 'different_expression'],
  ['3+4', exp('expression', int(7)), 'correct', 'equivalent_expression'],
  ['\\frac{x+1}{x-1}', exp('expression', str('(x+1)/(x-1)')), 'correct', 'equivalent_expression'],
  ['(x-1)/(x+1)', exp('expression', str('(x+1)/(x-1)')), 'wrong', 'different_expression'],
  ['e^x', exp('expression', str('exp(x)')), 'correct', 'equivalent_expression'],
  ['x', exp('expression', str('x!')), 'invalid', 'bad_expected'],
];

const choiceRows: Row[] = [
  ['B', MC, 'correct', 'option_match'],
  ['b', MC, 'correct', 'option_match'],
  ['(b)', MC, 'correct', 'option_match'],
  ['b)', MC, 'correct', 'option_match'],
  ['B.', MC, 'correct', 'option_match'],
  ['option b', MC, 'correct', 'option_match'],
  ['\\text{(B)}', MC, 'correct', 'option_match'],
  ['Paris', MC, 'correct', 'option_match'],
  ['  paris ', MC, 'correct', 'option_match'],
  ['A', MC, 'wrong', 'wrong_option'],
  ['Rome', MC, 'wrong', 'wrong_option'],
  ['E', MC, 'invalid', 'not_an_option'],
  ['Madrid', MC, 'invalid', 'not_an_option'],
  ['', MC, 'invalid', 'empty'],
  ['Rome', exp('multiple_choice', str('C'), { choices: CITIES }), 'correct', 'option_match'],
  ['Paris', exp('multiple_choice', str('Lisbon'), { choices: CITIES }), 'invalid', 'bad_expected'],
  ['0.75', exp('multiple_choice', str('3/4'), { choices: ['1/2', '3/4', '1'] }), 'correct', 'option_match'],
  ['b', exp('multiple_choice', str('3/4'), { choices: ['1/2', '3/4', '1'] }), 'correct', 'option_match'],
  ['0.5', exp('multiple_choice', str('3/4'), { choices: ['1/2', '3/4', '1'] }), 'wrong', 'wrong_option'],
];

const textRows: Row[] = [
  ['São Paulo', T_SP, 'correct', 'text_match'],
  ['sao paulo', T_SP, 'correct', 'text_match'],
  ['  SAO   PAULO  ', T_SP, 'correct', 'text_match'],
  ['Sao Paulo.', T_SP, 'correct', 'text_match'],
  ['Rio', T_SP, 'wrong', 'not_equal'],
  ['', T_SP, 'invalid', 'empty'],
  ['yes', exp('text', { t: 'bool', v: true }), 'correct', 'text_match'],
  ['True', exp('text', { t: 'bool', v: true }), 'correct', 'text_match'],
  ['no', exp('text', { t: 'bool', v: true }), 'wrong', 'not_equal'],
  ['Monday', exp('text', str('monday')), 'correct', 'text_match'],
  ['Mon', exp('text', str('monday')), 'wrong', 'not_equal'],
  ['x'.repeat(201), T_SP, 'invalid', 'too_long'],
  ['1'.repeat(201), I12, 'invalid', 'too_long'],
  [`2x+2${' '.repeat(200)}`, E2X2, 'invalid', 'too_long'],
];

const ALL: Row[] = [
  ...integerRows,
  ...unitRows,
  ...decimalRows,
  ...fractionRows,
  ...moneyRows,
  ...percentRows,
  ...expressionRows,
  ...choiceRows,
  ...textRows,
];

describe('checkAnswer: the verdict table', () => {
  beforeAll(async () => {
    await loadExpressionEngine();
  });

  it('has at least 150 rows covering every answer format', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(150);
    const formats = new Set(ALL.map(([, e]) => e.format));
    expect([...formats].sort()).toEqual(['decimal', 'expression', 'fraction', 'integer', 'money', 'multiple_choice', 'percent', 'text']);
    const kinds = new Set(ALL.map(([, , k]) => k));
    expect([...kinds].sort()).toEqual(['check_units', 'correct', 'correct_needs_simplifying', 'invalid', 'wrong']);
  });

  it.each(ALL)('%j for %j → %s (%s)', (raw, expected, kind, reason) => {
    const v = checkAnswer(raw, expected);
    const context = `${JSON.stringify(raw)} (${expected.format}): got ${v.kind}/${v.reason}, read: ${v.readAs}, said: ${v.message}`;
    expect(v.kind, context).toBe(kind);
    if (reason !== undefined) expect(v.reason, context).toBe(reason);
    expect(v.message.length).toBeGreaterThan(0);
  });
});
