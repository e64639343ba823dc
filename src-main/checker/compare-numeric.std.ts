/**
 * Grading of the numeric formats: integer, decimal, money, percent, fraction. The rules, in short
 * (README.md has the long form):
 * - integer and fraction: exact. A fraction not in lowest terms, or a calculation left unworked
 *   (`3+4`), is `correct_needs_simplifying`; any other exactly equal form (0.75 for 3/4) is correct.
 * - decimal and percent: an expected value that terminates within 6 places must be given exactly;
 *   a longer one needs at least 2 places (or `decimals` when the question says), rounded or truncated
 *   to the places the learner gave. An exact fraction within 1e-9 of a long float is correct.
 * - money: both amounts rounded to the cent must agree (12.5 = 12.50 = $12.50).
 * - percent: 75 % and 75 are the same when the answer is a percent; 0.75 and 3/4 count too.
 */
import type { ExpectedAnswer, ParsedAnswer, Rational, VerdictKind, VerdictReason } from './checker.types.std.js';
import type { ExpectedNumber } from './expected.std.js';
import { closeToLong, expectedNumber } from './expected.std.js';
import { closeRelative, decimalPlaces, describeValue, eq, gcd, mul, rat, roundTo, scale10, toDecimalString, toFractionString } from './rational.std.js';
import { compareUnits, currencyOfUnit, CURRENCY_SYMBOLS } from './units.std.js';

export interface Judgement {
  kind: VerdictKind;
  reason: VerdictReason;
  message: string;
}

/** Float noise: the tolerance under which a float and a decimal are the same number (see expected.std.ts). */
const FLOAT_NOISE = rat(1n, 10n ** 14n);

const j = (kind: VerdictKind, reason: VerdictReason, message: string): Judgement => ({ kind, reason, message });
const isCorrect = (x: Judgement): boolean => x.kind === 'correct' || x.kind === 'correct_needs_simplifying';

/** The learner's number as the format sees it. */
interface LearnerNumber {
  value: Rational;
  /** Decimal places typed; undefined for exact forms (fractions, calculations). */
  places: number | undefined;
}

function learnerNumber(p: ParsedAnswer): LearnerNumber | undefined {
  if (p.value === undefined) return undefined;
  const exactForm = p.kind === 'fraction' || p.kind === 'mixed' || p.kind === 'expression' || p.fraction !== undefined;
  return { value: p.value, places: exactForm ? undefined : p.places };
}

/** A fraction as typed that is not in lowest terms (6/8, 12/1, 1 6/8, 1 5/4). */
function needsSimplifying(p: ParsedAnswer): boolean {
  const f = p.fraction;
  if (f === undefined) return false;
  if (f.denominator === 1n || gcd(f.numerator, f.denominator) !== 1n) return true;
  return f.whole !== undefined && f.numerator >= f.denominator;
}

function placesWord(n: number): string {
  return n === 1 ? '1 decimal place' : `${n} decimal places`;
}

/** The decimal rule shared by the decimal and percent formats. */
function judgeDecimal(l: LearnerNumber, e: ExpectedNumber, decimalsAsked: number | undefined): Judgement {
  if (eq(l.value, e.value)) return j('correct', 'exact', 'Correct!');
  // The float itself, noise and all (3244047.0999999996 for 3244047.1), is the same number.
  if (e.fromFloat && closeRelative(l.value, e.value, FLOAT_NOISE)) return j('correct', 'within_tolerance', 'Correct!');
  const short = e.shortPlaces;
  const required = decimalsAsked ?? short ?? 2;
  if (l.places === undefined) {
    if (short === undefined && closeToLong(l.value, e.value)) return j('correct', 'within_tolerance', 'Correct!');
    return j('wrong', 'not_equal', 'Not quite. Try again.');
  }
  const d = l.places;
  const candidates = [roundTo(e.value, d, 'half_up'), roundTo(e.value, d, 'half_even')];
  // Without an explicit "round to n places" in the question, cutting the digits off is fine too.
  if (decimalsAsked === undefined) candidates.push(roundTo(e.value, d, 'trunc'));
  if (candidates.some((c) => eq(c, l.value))) {
    if (d >= required) return j('correct', 'rounded', `Correct (to ${placesWord(d)}).`);
    return j('wrong', 'not_precise_enough', `Not precise enough: give at least ${placesWord(required)}.`);
  }
  // More digits than the expected float itself has (a calculator's 0.333333333333 for 0.3333333333):
  // the extra digits cannot be judged, so 1e-9 relative decides.
  const expectedPlaces = decimalPlaces(e.value);
  if (short === undefined && expectedPlaces !== undefined && d > expectedPlaces && closeToLong(l.value, e.value)) {
    return j('correct', 'within_tolerance', 'Correct!');
  }
  return j('wrong', 'not_equal', 'Not quite. Try again.');
}

function judgeInteger(p: ParsedAnswer, l: LearnerNumber, e: ExpectedNumber): Judgement {
  if (eq(l.value, e.value)) {
    if (p.kind === 'expression') return j('correct_needs_simplifying', 'unevaluated_arithmetic', `Right value. Now work it out: the answer is a single number.`);
    if (needsSimplifying(p) || p.kind === 'fraction' || p.kind === 'mixed') {
      return j('correct_needs_simplifying', 'not_in_lowest_terms', `Right value, but simplify it: write it as the whole number ${describeValue(l.value)}.`);
    }
    return j('correct', p.kind === 'integer' || p.kind === 'decimal' ? 'exact' : 'equivalent_form', 'Correct!');
  }
  if (e.value.d === 1n && l.value.d !== 1n) return j('wrong', 'not_whole_number', 'Not quite: the answer is a whole number.');
  return j('wrong', 'not_equal', 'Not quite. Try again.');
}

function judgeFraction(p: ParsedAnswer, l: LearnerNumber, e: ExpectedNumber): Judgement {
  if (eq(l.value, e.value)) {
    if (p.kind === 'expression') return j('correct_needs_simplifying', 'unevaluated_arithmetic', 'Right value. Now work it out into a single fraction.');
    if (needsSimplifying(p)) {
      return j('correct_needs_simplifying', 'not_in_lowest_terms', `Right value, but simplify it: ${toFractionString(l.value)} in lowest terms.`);
    }
    if (p.kind === 'fraction' || p.kind === 'mixed') return j('correct', 'exact', 'Correct!');
    if (l.value.d === 1n) return j('correct', 'exact', 'Correct!');
    return j('correct', 'equivalent_form', `Correct: that is the fraction ${toFractionString(l.value)}.`);
  }
  const exactExpected = e.shortPlaces === undefined;
  // A long float is the computer's picture of an exact fraction (1/3 → 0.3333333333).
  if (e.fromFloat && exactExpected && l.places === undefined && closeToLong(l.value, e.value)) return j('correct', 'within_tolerance', 'Correct!');
  if (l.places !== undefined && exactExpected) {
    const d = l.places;
    const near = [roundTo(e.value, d, 'half_up'), roundTo(e.value, d, 'trunc')].some((c) => eq(c, l.value));
    if (near || closeToLong(l.value, e.value)) return j('wrong', 'not_exact', `Give an exact fraction: ${describeValue(l.value)} is only close to the answer.`);
  }
  return j('wrong', 'not_equal', 'Not quite. Try again.');
}

function cents(v: Rational): Rational {
  return roundTo(v, 2, 'half_up');
}

/** The amounts a learner may give for `v` to the cent: on an exact half cent, both neighbours. */
function centCandidates(v: Rational): Rational[] {
  const tie = scale10(v, 2).d === 2n;
  return tie ? [cents(v), roundTo(v, 2, 'trunc')] : [cents(v)];
}

function judgeMoney(p: ParsedAnswer, l: LearnerNumber, e: ExpectedNumber): Judgement {
  const learnerCents = cents(l.value);
  if (centCandidates(e.value).some((c) => eq(c, learnerCents))) {
    if (p.kind === 'expression') return j('correct_needs_simplifying', 'unevaluated_arithmetic', 'Right amount. Now work it out to a single amount.');
    if (p.fraction !== undefined) return j('correct_needs_simplifying', 'not_in_lowest_terms', 'Right amount, but write it in dollars and cents (a decimal).');
    return j('correct', eq(l.value, e.value) ? 'exact' : 'rounded', 'Correct!');
  }
  return j('wrong', 'not_equal', 'Not quite. Try again.');
}

function judgePercent(p: ParsedAnswer, l: LearnerNumber, e: ExpectedNumber, decimalsAsked: number | undefined): Judgement {
  // The percent format's expected value is the number of percent (75 for 75 %).
  const writtenPercent = p.kind === 'percent' && p.percent !== undefined;
  const asPercent: LearnerNumber = writtenPercent ? { value: p.percent ?? l.value, places: l.places } : l;
  const direct = judgeDecimal(asPercent, e, decimalsAsked);
  if (isCorrect(direct) || writtenPercent) return withCalculationNote(p, direct);
  // 0.75 or 3/4 typed for 75 %: the same amount written as a fraction of one.
  const scaled: LearnerNumber = { value: scale10(l.value, 2), places: l.places === undefined ? undefined : Math.max(0, l.places - 2) };
  const viaFraction = judgeDecimal(scaled, e, decimalsAsked);
  if (isCorrect(viaFraction)) {
    return withCalculationNote(p, j('correct', 'equivalent_form', `Correct: ${describeValue(l.value)} = ${describeValue(scaled.value)} %.`));
  }
  return direct;
}

function withCalculationNote(p: ParsedAnswer, x: Judgement): Judgement {
  if (isCorrect(x) && p.kind === 'expression') return j('correct_needs_simplifying', 'unevaluated_arithmetic', 'Right value. Now work it out to a single number.');
  return x;
}

function judgeValue(format: ExpectedAnswer['format'], p: ParsedAnswer, l: LearnerNumber, e: ExpectedNumber, decimals: number | undefined): Judgement {
  switch (format) {
    case 'integer':
      return judgeInteger(p, l, e);
    case 'fraction':
      return judgeFraction(p, l, e);
    case 'money':
      return judgeMoney(p, l, e);
    case 'percent':
      return judgePercent(p, l, e, decimals);
    default:
      return withCalculationNote(p, judgeDecimal(l, e, decimals));
  }
}

/** Units: a right number with a wrong (or, when required, missing) unit is `check_units`. */
function judgeUnits(p: ParsedAnswer, expected: ExpectedAnswer, value: Judgement): Judgement {
  const unit = expected.unit?.trim();
  if (unit === undefined || unit === '') return value;
  const expectedCurrency = currencyOfUnit(unit);
  if (expectedCurrency !== undefined) {
    if (p.currency !== undefined && p.currency !== expectedCurrency) {
      return j('check_units', 'currency_mismatch', `The amount is right, but check the currency: the answer is in ${CURRENCY_SYMBOLS[expectedCurrency] ?? expectedCurrency}.`);
    }
    if (p.unit !== undefined) return j('check_units', 'unit_mismatch', `The amount is right, but check your units: the answer is an amount of money.`);
    if (p.currency === undefined && expected.unitRequired === true) return j('check_units', 'unit_missing', `The amount is right. Include the currency (${unit}).`);
    return value;
  }
  if (p.unit === undefined) {
    if (p.currency !== undefined) return j('check_units', 'unit_mismatch', `The number is right, but check your units: the answer is in ${unit}.`);
    if (expected.unitRequired === true) return j('check_units', 'unit_missing', `The number is right. Include the unit (${unit}).`);
    return value;
  }
  const relation = compareUnits(p.unit, unit);
  if (relation.relation === 'same') return value;
  return j('check_units', 'unit_mismatch', `The number is right, but check your units: the answer is in ${unit}.`);
}

/** A wrong number in another unit of the same kind may be the right amount (150 cm for 1.5 m). */
function convertedUnits(p: ParsedAnswer, expected: ExpectedAnswer, e: ExpectedNumber, decimals: number | undefined): Judgement | undefined {
  const unit = expected.unit?.trim();
  if (unit === undefined || unit === '' || p.unit === undefined || p.value === undefined) return undefined;
  const relation = compareUnits(p.unit, unit);
  if (relation.relation !== 'convertible') return undefined;
  const converted = mul(p.value, relation.factor);
  const again = judgeValue(expected.format, { ...p, value: converted, fraction: undefined, kind: 'decimal' }, { value: converted, places: undefined }, e, decimals);
  if (!isCorrect(again)) return undefined;
  return j('check_units', 'unit_converted', `That is the right amount, but give it in ${unit}: ${describeValue(p.value)} ${p.unit} = ${describeValue(converted)} ${unit}.`);
}

export interface NumericCheck {
  judgement: Judgement;
  expectedText: string | undefined;
}

/** Grade a parsed answer against an expected answer of a numeric format. */
export function checkNumeric(p: ParsedAnswer, expected: ExpectedAnswer): NumericCheck {
  const e = expectedNumber(expected.answer, expected.format);
  if ('error' in e) return { judgement: j('invalid', 'bad_expected', "This question's answer cannot be checked automatically."), expectedText: undefined };
  const expectedText = formatExpected(e, expected);
  const l = learnerNumber(p);
  if (l === undefined) {
    const message =
      p.kind === 'expression' ? 'Please give a number, not an expression.' : p.kind === 'text' ? 'Please give a number.' : `I could not read that: ${p.error ?? 'not a number'}.`;
    return { judgement: j('invalid', p.kind === 'invalid' ? 'unreadable' : 'not_a_number', message), expectedText };
  }
  const decimals = expected.decimals !== undefined && Number.isInteger(expected.decimals) && expected.decimals >= 0 && expected.decimals <= 12 ? expected.decimals : undefined;
  const value = judgeValue(expected.format, p, l, e, decimals);
  if (isCorrect(value)) return { judgement: judgeUnits(p, expected, value), expectedText };
  return { judgement: convertedUnits(p, expected, e, decimals) ?? value, expectedText };
}

/** The expected answer as a learner would write it. */
function formatExpected(e: ExpectedNumber, expected: ExpectedAnswer): string {
  const unit = expected.unit?.trim();
  const withUnit = (text: string): string => (unit !== undefined && unit !== '' && currencyOfUnit(unit) === undefined ? `${text} ${unit}` : text);
  const v = e.value;
  switch (expected.format) {
    case 'integer':
      return withUnit(describeValue(v));
    case 'fraction':
      return withUnit(toFractionString(v));
    case 'money': {
      const code = (unit !== undefined ? currencyOfUnit(unit) : undefined) ?? e.currency ?? 'USD';
      const symbol = CURRENCY_SYMBOLS[code];
      const amount = toDecimalString(roundTo(v, 2, 'half_up'), { minPlaces: v.d === 1n ? 0 : 2, group: true });
      const negative = amount.startsWith('-');
      const body = negative ? amount.slice(1) : amount;
      return `${negative ? '-' : ''}${symbol ?? ''}${body}${symbol === undefined ? ` ${code}` : ''}`;
    }
    case 'percent':
      return `${decimalText(v, e, expected.decimals)}%`;
    default:
      return withUnit(decimalText(v, e, expected.decimals));
  }
}

function decimalText(v: Rational, e: ExpectedNumber, decimals: number | undefined): string {
  if (decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= 12) {
    return toDecimalString(roundTo(v, decimals, 'half_up'), { minPlaces: decimals, group: true });
  }
  if (e.shortPlaces !== undefined) return toDecimalString(v, { group: true });
  const places = decimalPlaces(v);
  return places === undefined || places > 2 ? `${toDecimalString(roundTo(v, 2, 'half_up'), { minPlaces: 2, group: true })} (rounded)` : toDecimalString(v);
}

