/**
 * How numbers look in a problem's text and in an answer. The two differ on purpose: problem text follows
 * the domain (money as `$12.50`, `20%`, a decimal with its step's decimals, LaTeX-safe inside math),
 * while answers are printed the way a learner types them (`1250`, `12,500`, `3/4`, `0.3`).
 */
import type { AnswerFormat, Domain, PyValue, VariableValue } from './template.types.js';

export interface FormatContext {
  /** The placeholder sits inside LaTeX math (`$…$`, `\(…\)`, …). */
  inMath: boolean;
  /** About a dozen characters of the surrounding text, used to avoid `$$12` or `20%%`. */
  before: string;
  after: string;
}

export interface AnswerFormatOptions {
  /** Print improper fractions as mixed numbers (`1 3/4`) instead of `7/4`. */
  mixedNumbers?: boolean;
}

// Compiled once: these run for every placeholder of every rendered instance.
const CURRENCY_SYMBOL_BEFORE = /[$€£¥₹]\s?$/u;
/** After the number: a currency word, cents, or a symbol written after it (`200$`, `15 €`, but not `3 $5 bills`). */
const CURRENCY_AFTER = /^\s*(?:dollars?|euros?|pounds?|yen|rupees?|bucks|usd|eur|gbp|cents?|pennies)\b|^\s?[$€£¥₹¢](?!\s?\d)/iu;
const PERCENT_AFTER = /^\s*(?:%|\\%|percent\b|per\s?cent\b|pct\b)/i;
const EXPONENT_FORM = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/;
const MONEY_UNIT = /^(?:\$|usd|dollars?|euros?|€|£|¥|₹|pounds?|yen|rupees?)$/i;
const PERCENT_UNIT = /^(?:%|percent|per\s?cent)$/i;
const NEGATIVE_ZERO = /^-0(?:\.0*)?$/;
const DIGITS = /^\d+$/;
const SIGNED_DIGITS = /^-?\d+$/;

/** Largest number of decimals any printed value gets; beyond this a double has no real digits left. */
const MAX_DECIMALS = 20;

/**
 * Number of decimals in the shortest form of `x` (0.25 → 2, 2.5 → 1, 1e-7 → 7, 12 → 0).
 * Used for steps: a domain with step 0.05 prints and draws with two decimals.
 */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const s = String(Math.abs(x));
  const e = s.indexOf('e');
  if (e === -1) {
    const dot = s.indexOf('.');
    return dot === -1 ? 0 : Math.min(MAX_DECIMALS, s.length - dot - 1);
  }
  const mantissa = s.slice(0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const mantissaDecimals = dot === -1 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, Math.min(MAX_DECIMALS, mantissaDecimals - exponent));
}

/** Expands `1.5e-7` / `1e+21` into plain digits; other strings pass through. */
function expandExponent(s: string): string {
  const m = EXPONENT_FORM.exec(s);
  if (m === null) return s;
  const sign = m[1] ?? '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const pointAt = (m[2] ?? '').length + Number(m[4]);
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return sign + digits + '0'.repeat(pointAt - digits.length);
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** The shortest round-trip form of `x`, never in exponent notation (so 1e21 and 1e-7 read as digits). */
export function plainNumber(x: number): string {
  if (Object.is(x, -0)) return '0';
  return expandExponent(String(x));
}

/** `x` with exactly `decimals` decimals, without exponent notation for huge values. */
export function fixedNumber(x: number, decimals: number): string {
  const d = Math.max(0, Math.min(MAX_DECIMALS, decimals));
  const s = Math.abs(x) >= 1e21 ? expandExponent(String(Math.round(x))) + (d > 0 ? `.${'0'.repeat(d)}` : '') : x.toFixed(d);
  // `(-0.001).toFixed(2)` is "-0.00": a sign on zero reads as a typo.
  return NEGATIVE_ZERO.test(s) ? s.slice(1) : s;
}

/**
 * Thousands separators from 10,000 up (`12,500`, but `1250` like a learner writes it); inside math
 * `12{,}500`, because a bare comma in TeX math is punctuation and gets a space after it.
 */
export function groupThousands(numeral: string, inMath: boolean): string {
  const negative = numeral.startsWith('-');
  const body = negative ? numeral.slice(1) : numeral;
  const dot = body.indexOf('.');
  const intPart = dot === -1 ? body : body.slice(0, dot);
  if (intPart.length < 5 || !DIGITS.test(intPart)) return numeral;
  const sep = inMath ? '{,}' : ',';
  let grouped = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) grouped += sep;
    grouped += intPart[i] ?? '';
  }
  return (negative ? '-' : '') + grouped + (dot === -1 ? '' : body.slice(dot));
}

const SIGNIFICANT_DIGITS = 10;

/**
 * Float noise off: 0.30000000000000004 → 0.3, 2.9999999999999996 → 3. Ten significant digits, but never
 * fewer than the integer part needs plus a few decimals, so 12345678901.5 keeps its digits.
 */
function tidy(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  const intDigits = String(Math.trunc(Math.abs(x))).length; // non-integers are below 2^53: no exponent form
  return Number(x.toPrecision(Math.min(15, Math.max(SIGNIFICANT_DIGITS, intDigits + 4))));
}

/** Rounds to a number of decimals the way people do (12.345 → 12.35), not by the double's binary value. */
function roundHalfUp(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  // toPrecision(15) strips the binary representation error (1234.4999999999998 → 1234.5) before rounding.
  const scaled = Number((Math.abs(x) * scale).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / scale;
}

function formatMoney(value: number, step: number | undefined, ctx: FormatContext): string {
  // Whole dollars stay whole (`$12`) unless the domain draws cents; a value with cents always shows two.
  const cents = decimalsOf(step ?? 0.01) > 0 || !Number.isInteger(value);
  const numeral = groupThousands(fixedNumber(Math.abs(value), cents ? 2 : 0), ctx.inMath);
  const symbolAlready = CURRENCY_SYMBOL_BEFORE.test(ctx.before) || CURRENCY_AFTER.test(ctx.after);
  const symbol = symbolAlready ? '' : ctx.inMath ? '\\$' : '$';
  return (value < 0 ? '-' : '') + symbol + numeral;
}

function formatPercent(value: number, ctx: FormatContext): string {
  // Percents print as short as they are (12.5%, 20%), not padded to the step's decimals.
  const numeral = groupThousands(plainNumber(tidy(value)), ctx.inMath);
  if (PERCENT_AFTER.test(ctx.after)) return numeral;
  return numeral + (ctx.inMath ? '\\%' : '%');
}

/**
 * A variable's value as it appears in the problem text. Negative numbers keep the ASCII `-`: inside
 * math TeX sets it as a true minus sign, and in prose it is what the original data and learners use.
 */
export function formatValue(value: VariableValue, domain: Domain, ctx: FormatContext): string {
  if (typeof value === 'string') return value;
  switch (domain.kind) {
    case 'money':
      return formatMoney(value, domain.step, ctx);
    case 'percent':
      return formatPercent(value, ctx);
    case 'year':
      return plainNumber(value); // 1998, never 1,998
    case 'decimal':
      // A measure reads as people write it: 19 cm, 0.4 L, 1.25 kg — no padding to the step's decimals
      // ("19.0 cm" read badly in instances); float noise is still removed (0.1 + 0.2 prints 0.3).
      return groupThousands(fixedNumber(value, Math.max(decimalsOf(domain.step), decimalsOf(tidy(value)))).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''), ctx.inMath);
    case 'int':
    case 'choice':
    case 'list':
    case 'fixed':
      return groupThousands(plainNumber(value), ctx.inMath);
  }
}

// ---------------------------------------------------------------------------------------------------
// Answers

function bigAbs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = bigAbs(a);
  let y = bigAbs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function parseBig(digits: string): bigint | undefined {
  return SIGNED_DIGITS.test(digits) ? BigInt(digits) : undefined;
}

/** A float as a small fraction when it is one within float noise (0.75 → 3/4), else undefined. */
function floatToFraction(x: number): [bigint, bigint] | undefined {
  if (!Number.isFinite(x)) return undefined;
  // Continued fractions; denominators up to 10,000 cover every fraction a learner is asked to type.
  let h0 = 0;
  let h1 = 1;
  let k0 = 1;
  let k1 = 0;
  let rest = Math.abs(x);
  for (let i = 0; i < 30; i++) {
    const a = Math.floor(rest);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (k1 > 10_000) return undefined;
    if (Math.abs(h1 / k1 - Math.abs(x)) <= 1e-9 * Math.max(1, Math.abs(x))) {
      return [BigInt(Math.sign(x) < 0 ? -h1 : h1), BigInt(k1)];
    }
    const frac = rest - a;
    if (frac < 1e-12) return undefined;
    rest = 1 / frac;
  }
  return undefined;
}

function fractionText(n: bigint, d: bigint, mixed: boolean): string {
  let num = n;
  let den = d;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  if (g > 1n) {
    num /= g;
    den /= g;
  }
  if (den === 1n) return groupThousands(num.toString(), false);
  const sign = num < 0n ? '-' : '';
  const abs = bigAbs(num);
  if (mixed && abs > den) {
    const whole = abs / den;
    const rem = abs % den;
    return `${sign}${groupThousands(whole.toString(), false)} ${rem.toString()}/${den.toString()}`;
  }
  return `${sign}${abs.toString()}/${den.toString()}`;
}

/** A learner-style decimal: 10 significant digits, trailing zeros dropped, separators from 10,000. */
function decimalText(x: number): string {
  return groupThousands(plainNumber(tidy(x)), false);
}

function moneyText(x: number): string {
  const cents = roundHalfUp(tidy(x), 2);
  const numeral = groupThousands(fixedNumber(Math.abs(cents), Number.isInteger(cents) ? 0 : 2), false);
  return `${cents < 0 ? '-' : ''}$${numeral}`;
}

/** The numeric value of a number-like PyValue as a float (fractions divided out). */
function asFloat(value: PyValue): number | undefined {
  switch (value.t) {
    case 'int':
      return Number(value.v);
    case 'float':
      return typeof value.v === 'number' ? value.v : undefined;
    case 'fraction':
      return Number(value.n) / Number(value.d);
    default:
      return undefined;
  }
}

function formatNumberAnswer(value: PyValue, format: AnswerFormat, options: AnswerFormatOptions): string | undefined {
  // nan/inf keep Python's spelling: such an answer is invalid anyway, this only shows what came back.
  if (value.t === 'float' && typeof value.v !== 'number') return value.v;
  const mixed = options.mixedNumbers === true;
  if (value.t === 'int') {
    const n = parseBig(value.v);
    if (n === undefined) return value.v;
    if (format === 'money') return moneyText(Number(n));
    if (format === 'percent') return `${groupThousands(n.toString(), false)}%`;
    return groupThousands(n.toString(), false);
  }
  if (value.t === 'fraction') {
    const n = parseBig(value.n);
    const d = parseBig(value.d);
    if (n === undefined || d === undefined || d === 0n) return `${value.n}/${value.d}`;
    if (format === 'fraction' || format === 'expression' || format === 'text' || format === 'multiple_choice') {
      return fractionText(n, d, mixed);
    }
    if (n % d === 0n) return formatNumberAnswer({ t: 'int', v: (n / d).toString() }, format, options);
  }
  const x = asFloat(value);
  if (x === undefined) return undefined;
  switch (format) {
    case 'money':
      return moneyText(x);
    case 'percent':
      return `${decimalText(x)}%`;
    case 'fraction': {
      const f = floatToFraction(x);
      return f === undefined ? decimalText(x) : fractionText(f[0], f[1], mixed);
    }
    default:
      return decimalText(x);
  }
}

function formatAnyAnswer(answer: PyValue, format: AnswerFormat, options: AnswerFormatOptions): string {
  switch (answer.t) {
    case 'str':
      return answer.v;
    case 'bool':
      return answer.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'other':
      return answer.repr;
    case 'list':
      return answer.v.map((item) => formatAnyAnswer(item, format, options)).join(', ');
    case 'int':
    case 'float':
    case 'fraction':
      return formatNumberAnswer(answer, format, options) ?? '';
  }
}

/** Whether `unit` would only repeat what the format already prints (`$` for money, `%` for percent). */
function unitIsImplied(format: AnswerFormat, unit: string): boolean {
  return (format === 'money' && MONEY_UNIT.test(unit)) || (format === 'percent' && PERCENT_UNIT.test(unit));
}

/**
 * An answer the way a learner types it: `1250`, `12,500`, `$12.50`, `75%`, `3/4` (`1 3/4` with
 * `mixedNumbers`), `0.3` (floats to 10 significant digits), text as is; `unit` appended after a space.
 */
export function formatAnswer(answer: PyValue, format: AnswerFormat, unit?: string, options: AnswerFormatOptions = {}): string {
  const text = formatAnyAnswer(answer, format, options);
  const u = unit?.trim() ?? '';
  if (u === '' || unitIsImplied(format, u) || text.endsWith(` ${u}`) || text === '') return text;
  return `${text} ${u}`;
}
