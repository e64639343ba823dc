/**
 * Exact rational arithmetic on bigints. Learners' answers are compared exactly (0.1 + 0.2 must equal
 * 0.3), so every exact kind is a Rational; floats appear only at the edges (expected Python floats,
 * which are first turned into their shortest decimal).
 */
import type { Rational } from './checker.types.std.js';

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export function babs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = babs(a);
  let y = babs(b);
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** A reduced rational. A zero denominator is a programming error here: callers check it first. */
export function rat(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new RangeError('rational with a zero denominator');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d);
  const k = g === 0n ? 1n : g;
  return { n: (sign * n) / k, d: (sign * d) / k };
}

export function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

export function add(a: Rational, b: Rational): Rational {
  return rat(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Rational, b: Rational): Rational {
  return rat(a.n * b.d - b.n * a.d, a.d * b.d);
}
export function mul(a: Rational, b: Rational): Rational {
  return rat(a.n * b.n, a.d * b.d);
}
/** Undefined when dividing by zero, so callers must handle it. */
export function div(a: Rational, b: Rational): Rational | undefined {
  if (b.n === 0n) return undefined;
  return rat(a.n * b.d, a.d * b.n);
}
export function neg(a: Rational): Rational {
  return { n: -a.n, d: a.d };
}
export function absR(a: Rational): Rational {
  return { n: babs(a.n), d: a.d };
}
export function cmp(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function eq(a: Rational, b: Rational): boolean {
  return a.n === b.n && a.d === b.d;
}
export function isInteger(a: Rational): boolean {
  return a.d === 1n;
}
export function scale10(a: Rational, k: number): Rational {
  return k >= 0 ? rat(a.n * pow10(k), a.d) : rat(a.n, a.d * pow10(-k));
}

/** Integer power; the caller bounds the exponent (see arithmetic.std.ts). Undefined for 0 to a negative power. */
export function powInt(a: Rational, e: number): Rational | undefined {
  if (e === 0) return ONE;
  if (e < 0) {
    if (a.n === 0n) return undefined;
    return rat(a.d ** BigInt(-e), a.n ** BigInt(-e));
  }
  return rat(a.n ** BigInt(e), a.d ** BigInt(e));
}

export type RoundingMode = 'half_up' | 'half_even' | 'trunc';

/** Round to `places` decimals. `half_up` rounds ties away from zero (school rounding). */
export function roundTo(a: Rational, places: number, mode: RoundingMode): Rational {
  const scaled = babs(a.n) * pow10(places);
  let q = scaled / a.d;
  const r = scaled % a.d;
  if (mode !== 'trunc') {
    const twice = 2n * r;
    if (twice > a.d || (twice === a.d && (mode === 'half_up' || q % 2n === 1n))) q += 1n;
  }
  return rat(a.n < 0n ? -q : q, pow10(places));
}

/** The number of decimal places of a terminating decimal, or undefined when it does not terminate. */
export function decimalPlaces(a: Rational): number | undefined {
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  return d === 1n ? Math.max(twos, fives) : undefined;
}

/** `|a - b| <= tol * max(1, |b|)`: the relative tolerance used for long floats. */
export function closeRelative(a: Rational, b: Rational, tol: Rational): boolean {
  const diff = absR(sub(a, b));
  const base = cmp(absR(b), ONE) > 0 ? absR(b) : ONE;
  return cmp(diff, mul(tol, base)) <= 0;
}

/** Thousands grouping with commas: 1250 → "1,250". */
export function groupThousands(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i] ?? '';
  }
  return out;
}

/**
 * Decimal text of a rational: exact when it terminates (within `maxPlaces`), else rounded to
 * `maxPlaces` with a trailing "…". `group` adds thousands separators from 1,000 on.
 */
export function toDecimalString(a: Rational, options: { maxPlaces?: number; minPlaces?: number; group?: boolean } = {}): string {
  const maxPlaces = options.maxPlaces ?? 12;
  const exact = decimalPlaces(a);
  const places = Math.max(exact !== undefined && exact <= maxPlaces ? exact : maxPlaces, options.minPlaces ?? 0);
  const r = roundTo(a, places, 'half_up');
  const negative = r.n < 0n;
  const digits = (babs(r.n) * (pow10(places) / r.d)).toString().padStart(places + 1, '0');
  const intPart = digits.slice(0, digits.length - places);
  const fracPart = digits.slice(digits.length - places);
  const intText = options.group === true && intPart.length > 3 ? groupThousands(intPart) : intPart;
  const suffix = exact === undefined || exact > maxPlaces ? '…' : '';
  const isZero = r.n === 0n;
  return `${negative && !isZero ? '-' : ''}${intText}${places > 0 ? `.${fracPart}` : ''}${suffix}`;
}

/** "3/4", "-7/2", "5". */
export function toFractionString(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n.toString()}/${a.d.toString()}`;
}

/** A short human text: integers grouped, terminating decimals as decimals, others as fractions. */
export function describeValue(a: Rational): string {
  if (a.d === 1n) return toDecimalString(a, { group: true });
  const places = decimalPlaces(a);
  if (places !== undefined && places <= 12) return toDecimalString(a);
  return toFractionString(a);
}

/**
 * Exact value of a plain decimal literal such as "12", "-0.75", "1.5e-7", "1e+21" (the forms
 * `Number.prototype.toString` produces). Undefined for anything else.
 */
export function parseDecimalLiteral(text: string): { value: Rational; places: number } | undefined {
  let i = 0;
  let negative = false;
  if (text[i] === '-' || text[i] === '+') {
    negative = text[i] === '-';
    i++;
  }
  let intDigits = '';
  while (i < text.length && isDigit(text[i])) intDigits += text[i++] ?? '';
  let fracDigits = '';
  if (text[i] === '.') {
    i++;
    while (i < text.length && isDigit(text[i])) fracDigits += text[i++] ?? '';
  }
  if (intDigits === '' && fracDigits === '') return undefined;
  let exp = 0;
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    let expNegative = false;
    if (text[i] === '-' || text[i] === '+') {
      expNegative = text[i] === '-';
      i++;
    }
    let expDigits = '';
    while (i < text.length && isDigit(text[i])) expDigits += text[i++] ?? '';
    // Doubles never need more than 3 exponent digits; anything longer is not a float's text.
    if (expDigits === '' || expDigits.length > 3) return undefined;
    exp = Number(expDigits) * (expNegative ? -1 : 1);
  }
  if (i !== text.length) return undefined;
  const mantissa = BigInt((intDigits === '' ? '0' : intDigits) + fracDigits);
  const value = scale10(rat(negative ? -mantissa : mantissa, pow10(fracDigits.length)), exp);
  return { value, places: Math.max(0, fracDigits.length - exp) };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
