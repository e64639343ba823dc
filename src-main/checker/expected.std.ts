/**
 * The expected answer as an exact number. Python floats arrive with binary noise (0.1 + 0.2 gives
 * 0.30000000000000004), so a float is first taken as its shortest decimal text and then "snapped" to
 * a clean decimal when one with at most 10 significant digits lies within 1e-14 (relative): noise is
 * removed, a genuinely long value (1/3 → 0.3333333333333333) stays long.
 */
import type { AnswerFormat, PyValue } from '../template/template.types.js';
import type { Rational } from './checker.types.std.js';
import { parseAnswer } from './parse-answer.std.js';
import { babs, closeRelative, decimalPlaces, parseDecimalLiteral, pow10, rat, roundTo } from './rational.std.js';

export interface ExpectedNumber {
  /** Exact value. For the percent format: the number of percent (75 means 75 %). */
  value: Rational;
  /** Decimal places when the value terminates within 6 places ("short": must be given exactly). */
  shortPlaces: number | undefined;
  /** The Python value was a float (an approximation of something exact, perhaps). */
  fromFloat: boolean;
  /** A currency the expected text named (`"$12.50"`). */
  currency?: string;
}

/** Doubles carry ~16 significant digits; a few operations leave noise well under 1e-14 (relative). */
const SNAP_TOLERANCE = rat(1n, 10n ** 14n);
const MAX_SNAP_SIGNIFICANT = 10;
const MAX_SHORT_PLACES = 6;

function significantDigits(r: Rational, places: number): number {
  const scaled = babs(r.n) * (pow10(places) / r.d);
  return scaled === 0n ? 0 : scaled.toString().length;
}

/** Exact value of a finite float, with binary noise removed (see the file comment). */
export function snapFloat(v: number): Rational | undefined {
  if (!Number.isFinite(v)) return undefined;
  const literal = parseDecimalLiteral(String(v));
  if (literal === undefined) return undefined;
  const exact = literal.value;
  for (let k = 0; k <= 15; k++) {
    const r = roundTo(exact, k, 'half_up');
    if (significantDigits(r, k) > MAX_SNAP_SIGNIFICANT) break;
    if (closeRelative(r, exact, SNAP_TOLERANCE)) return r;
  }
  return exact;
}

function shortPlacesOf(value: Rational): number | undefined {
  const p = decimalPlaces(value);
  return p !== undefined && p <= MAX_SHORT_PLACES ? p : undefined;
}

export type ExpectedResult = ExpectedNumber | { error: string };

/** The expected answer of a numeric format (integer, decimal, money, percent, fraction) as an exact number. */
export function expectedNumber(answer: PyValue, format: AnswerFormat): ExpectedResult {
  switch (answer.t) {
    case 'int': {
      const text = answer.v.trim();
      if (!/^-?\d{1,400}$/.test(text)) return { error: `the expected int “${text.slice(0, 40)}” is not an integer` };
      const value = rat(BigInt(text));
      return { value, shortPlaces: 0, fromFloat: false };
    }
    case 'float': {
      if (typeof answer.v !== 'number') return { error: `the expected answer is ${answer.v}, not a finite number` };
      const value = snapFloat(answer.v);
      if (value === undefined) return { error: 'the expected float is not finite' };
      return { value, shortPlaces: shortPlacesOf(value), fromFloat: true };
    }
    case 'fraction': {
      const ok = /^-?\d{1,400}$/;
      if (!ok.test(answer.n) || !ok.test(answer.d) || /^-?0+$/.test(answer.d)) {
        return { error: `the expected fraction ${answer.n}/${answer.d} is not a valid fraction` };
      }
      const value = rat(BigInt(answer.n), BigInt(answer.d));
      return { value, shortPlaces: shortPlacesOf(value), fromFloat: false };
    }
    case 'str': {
      const parsed = parseAnswer(answer.v);
      if (parsed.value === undefined) return { error: `the expected text “${answer.v.slice(0, 40)}” is not a number` };
      const value = format === 'percent' && parsed.percent !== undefined ? parsed.percent : parsed.value;
      return { value, shortPlaces: shortPlacesOf(value), fromFloat: false, ...(parsed.currency !== undefined ? { currency: parsed.currency } : {}) };
    }
    case 'bool':
      return { error: 'the expected answer is a boolean, not a number' };
    case 'list':
      return { error: 'the expected answer is a list; answers with several parts are not supported' };
    case 'none':
      return { error: 'the expected answer is None' };
    case 'other':
      return { error: `the expected answer is a Python ${answer.type}, not a number` };
  }
}

/** `|a - b| <= 1e-9 * max(1, |b|)`: "the same number" for a long float. */
export function closeToLong(a: Rational, b: Rational): boolean {
  return closeRelative(a, b, rat(1n, 10n ** 9n));
}

