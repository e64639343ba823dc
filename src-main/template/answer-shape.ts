/**
 * The answer's shape and equality. A re-sampled instance is only valid when its answer keeps the shape
 * of the original answer (a whole number stays whole, a non-negative answer stays non-negative, a
 * number stays a number): otherwise the new numbers produced "3.5 people" or "-4 eggs". Originals come
 * from datasets as numbers or strings (`"12"`, `"3/4"`, `"$1,250.00"`, `"\\frac{14}{3}"`), so numeric
 * strings are read as numbers.
 */
import type { AnswerFormat, AnswerShape, PyValue } from './template.types.js';

export interface ParsedNumber {
  value: number;
  /** `fraction` for `3/4`, `1 3/4` and `\frac{3}{4}`; `float` when written with a point or exponent. */
  kind: 'int' | 'float' | 'fraction';
  integral: boolean;
  /** Written with a currency sign (`$12.50`). */
  currency: boolean;
  /** Written with a percent sign (`75%`); the value is 75, not 0.75. */
  percent: boolean;
}

// Compiled once: the audit parses every row's original answer.
/** `11,\! 111`: a comma followed by a TeX thin space separates thousands. */
const LATEX_GROUP_SEP = /,\s*\\!\s*/g;
const LATEX_SPACING = /\\[!,;: ]|\{,\}|~/g;
const WRAPPING_MATH = /^\$+([^$]*)\$+$|^\\\((.*)\\\)$|^\\\[(.*)\\\]$/s;
const DEGREES = /(?:\^\s*\{?\\circ\}?|°)$/;
const PERCENT_SUFFIX = /\s*(?:\\%|%)$/;
const CURRENCY_PREFIX = /^(?:\\\$|\$|€|£|¥|₹)\s*/u;
/** `\frac{3}{4}`, `\dfrac{-1}{2}`, and TeX's brace-less single digits `\frac43`, `\frac{270}7`; optional whole part `1\frac{4}{5}`. */
const LATEX_FRAC = /^(?:(\d+)\s*)?\\[dt]?frac\s*(?:\{\s*(-?\d+)\s*\}|(\d))\s*(?:\{\s*(-?\d+)\s*\}|(\d))$/;
const MIXED = /^(\d+)\s+(\d+)\s*\/\s*(\d+)$/;
const SLASH_FRACTION = /^(\d+)\s*\/\s*(\d+)$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SIGNED_INT = /^-?\d+$/;

function fraction(num: number, den: number, negative: boolean): { value: number; integral: boolean } | undefined {
  if (den === 0) return undefined;
  const value = (negative ? -num : num) / den;
  return { value, integral: num % den === 0 };
}

/**
 * Reads a number written as text: `12`, `-3`, `1,250`, `12{,}500`, `10,\!000`, `12.5`, `.5`, `1e6`,
 * `3/4`, `1 3/4`, `\frac{3}{4}`, `-\dfrac{1}{2}`, `$12.50`, `-$5`, `\$5`, `75%`, `75\%`, `30^\circ`, `$12$`.
 * Anything else (`x+1`, `\sqrt{2}`, `(C)`, `12 cm`) is not a number: undefined.
 */
export function parseNumericString(text: string): ParsedNumber | undefined {
  let s = text.trim();
  const wrapped = WRAPPING_MATH.exec(s);
  // `$12$` is math around a number; `$12` alone is a price and is handled by the currency prefix below.
  if (wrapped !== null && s.length > 2) s = (wrapped[1] ?? wrapped[2] ?? wrapped[3] ?? '').trim();
  s = s.replace(LATEX_GROUP_SEP, ',').replace(LATEX_SPACING, '').trim();
  s = s.replace(DEGREES, '').trim();
  let percent = false;
  if (PERCENT_SUFFIX.test(s)) {
    percent = true;
    s = s.replace(PERCENT_SUFFIX, '');
  }
  let negative = false;
  let currency = false;
  // Sign and currency in either order: `-$5` and `$-5`.
  for (let i = 0; i < 2; i++) {
    if (s.startsWith('-') || s.startsWith('−') || s.startsWith('+')) {
      negative = negative !== (s[0] !== '+');
      s = s.slice(1).trimStart();
    }
    const cur = CURRENCY_PREFIX.exec(s);
    if (cur !== null && !currency) {
      currency = true;
      s = s.slice(cur[0].length);
    }
  }
  if (s === '') return undefined;

  const latex = LATEX_FRAC.exec(s);
  if (latex !== null) {
    const whole = Number(latex[1] ?? '0');
    const num = Number(latex[2] ?? latex[3]);
    const den = Number(latex[4] ?? latex[5]);
    if (whole !== 0 && (num < 0 || den < 0)) return undefined; // `1\frac{-4}{5}` is not a mixed number
    const f = fraction(whole * Math.abs(den) + Math.abs(num), Math.abs(den), negative !== (num < 0) !== (den < 0));
    return f === undefined ? undefined : { ...f, kind: 'fraction', currency, percent };
  }
  const mixed = MIXED.exec(s);
  if (mixed !== null) {
    const den = Number(mixed[3]);
    const f = fraction(Number(mixed[1]) * den + Number(mixed[2]), den, negative);
    return f === undefined ? undefined : { ...f, kind: 'fraction', currency, percent };
  }
  const slash = SLASH_FRACTION.exec(s);
  if (slash !== null) {
    const f = fraction(Number(slash[1]), Number(slash[2]), negative);
    return f === undefined ? undefined : { ...f, kind: 'fraction', currency, percent };
  }
  let digits: string;
  if (GROUPED.test(s)) digits = s.replaceAll(',', '');
  else if (PLAIN.test(s)) digits = s;
  else return undefined;
  const magnitude = Number(digits);
  if (!Number.isFinite(magnitude)) return undefined;
  const value = negative ? -magnitude : magnitude;
  const isFloat = digits.includes('.') || digits.includes('e') || digits.includes('E');
  return { value: Object.is(value, -0) ? 0 : value, kind: isFloat ? 'float' : 'int', integral: Number.isInteger(value), currency, percent };
}

/** Shape of an original answer as stored in a template; undefined when there is none to keep. */
export function shapeOfOriginal(answer: number | string | boolean | null | undefined): AnswerShape | undefined {
  if (answer === null || answer === undefined) return undefined;
  if (typeof answer === 'boolean') return { type: 'bool', integral: false, nonNegative: false };
  if (typeof answer === 'number') {
    if (!Number.isFinite(answer)) return { type: 'float', integral: false, nonNegative: false };
    const integral = Number.isInteger(answer);
    return { type: integral ? 'int' : 'float', integral, nonNegative: answer >= 0 };
  }
  const parsed = parseNumericString(answer);
  if (parsed === undefined) return { type: 'str', integral: false, nonNegative: false };
  return { type: parsed.kind, integral: parsed.integral, nonNegative: parsed.value >= 0 };
}

/** A bigint from a PyValue's decimal digits, or undefined when they are not digits. */
function bigOf(digits: string): bigint | undefined {
  return SIGNED_INT.test(digits) ? BigInt(digits) : undefined;
}

/** Shape of a value the program returned, taken literally (a `str` stays `str` even if it holds digits). */
export function shapeOfPy(value: PyValue): AnswerShape {
  switch (value.t) {
    case 'int':
      return { type: 'int', integral: true, nonNegative: !value.v.trim().startsWith('-') };
    case 'float': {
      if (typeof value.v !== 'number') return { type: 'float', integral: false, nonNegative: value.v === 'inf' };
      return { type: 'float', integral: Number.isInteger(value.v), nonNegative: value.v >= 0 };
    }
    case 'fraction': {
      const n = bigOf(value.n);
      const d = bigOf(value.d);
      if (n === undefined || d === undefined || d === 0n) return { type: 'fraction', integral: false, nonNegative: false };
      return { type: 'fraction', integral: n % d === 0n, nonNegative: (n >= 0n) === (d > 0n) || n === 0n };
    }
    case 'str':
      return { type: 'str', integral: false, nonNegative: false };
    case 'bool':
      return { type: 'bool', integral: false, nonNegative: false };
    case 'list':
      return { type: 'list', integral: false, nonNegative: false };
    case 'none':
    case 'other':
      return { type: 'other', integral: false, nonNegative: false };
  }
}

/**
 * False for nan/inf floats (anywhere in a list) and for None (no answer at all); true otherwise,
 * including strings and booleans, which have no notion of infinity.
 */
export function isFinitePy(value: PyValue): boolean {
  switch (value.t) {
    case 'float':
      return typeof value.v === 'number' && Number.isFinite(value.v);
    case 'fraction': {
      const d = bigOf(value.d);
      return d !== undefined && d !== 0n && bigOf(value.n) !== undefined;
    }
    case 'list':
      return value.v.every(isFinitePy);
    case 'none':
      return false;
    default:
      return true;
  }
}

/**
 * The value as a finite JS number: ints, floats, fractions and numeric strings (`"$12.50"` → 12.5).
 * Undefined for everything else, for nan/inf, and for ints too large for a double.
 */
export function pyToNumber(value: PyValue): number | undefined {
  let x: number | undefined;
  switch (value.t) {
    case 'int':
      x = bigOf(value.v) === undefined ? undefined : Number(value.v);
      break;
    case 'float':
      x = typeof value.v === 'number' ? value.v : undefined;
      break;
    case 'fraction': {
      const n = bigOf(value.n);
      const d = bigOf(value.d);
      x = n === undefined || d === undefined || d === 0n ? undefined : Number(value.n) / Number(value.d);
      break;
    }
    case 'str':
      x = parseNumericString(value.v)?.value;
      break;
    default:
      x = undefined;
  }
  return x !== undefined && Number.isFinite(x) ? x : undefined;
}

function showPy(value: PyValue): string {
  switch (value.t) {
    case 'int':
      return value.v;
    case 'float':
      return String(value.v);
    case 'fraction':
      return `${value.n}/${value.d}`;
    case 'str':
      return JSON.stringify(value.v);
    case 'bool':
      return value.v ? 'True' : 'False';
    case 'list':
      return `[${value.v.map(showPy).join(', ')}]`;
    case 'none':
      return 'None';
    case 'other':
      return value.repr;
  }
}

const NUMERIC_TYPES: ReadonlySet<AnswerShape['type']> = new Set(['int', 'float', 'fraction']);

/** The numeric reading of an answer for shape checks: numbers, and strings that hold a number. */
function numericShapeOf(actual: PyValue): { shape: AnswerShape; value: number | undefined } | undefined {
  if (actual.t === 'int' || actual.t === 'float' || actual.t === 'fraction') {
    return { shape: shapeOfPy(actual), value: pyToNumber(actual) };
  }
  if (actual.t === 'str') {
    const parsed = parseNumericString(actual.v);
    if (parsed === undefined) return undefined;
    return { shape: { type: parsed.kind, integral: parsed.integral, nonNegative: parsed.value >= 0 }, value: parsed.value };
  }
  return undefined;
}

/**
 * Whether a new answer keeps the original's shape. Ints, floats, fractions and numeric strings are
 * all "numbers" to each other (12.0 and `"12"` count as whole); what is checked is whole-ness,
 * sign and the broad type.
 */
export function checkShape(expected: AnswerShape, actual: PyValue): { ok: true } | { ok: false; reason: string } {
  if (!isFinitePy(actual)) {
    return { ok: false, reason: actual.t === 'none' ? 'no answer (None)' : `answer is not a finite number (${showPy(actual)})` };
  }
  if (NUMERIC_TYPES.has(expected.type)) {
    const numeric = numericShapeOf(actual);
    if (numeric === undefined) {
      return { ok: false, reason: `answer type changed from ${expected.type} to ${shapeOfPy(actual).type} (${showPy(actual)})` };
    }
    if (expected.integral && !numeric.shape.integral) {
      return { ok: false, reason: `answer became fractional (${showPy(actual)}) where the original was a whole number` };
    }
    if (expected.nonNegative && !numeric.shape.nonNegative) {
      return { ok: false, reason: `answer became negative (${showPy(actual)})` };
    }
    return { ok: true };
  }
  const actualType = shapeOfPy(actual).type;
  if (actualType !== expected.type) {
    return { ok: false, reason: `answer type changed from ${expected.type} to ${actualType} (${showPy(actual)})` };
  }
  return { ok: true };
}

const CHOICE_LETTER = /^(?:\\text\{)?\(?[A-Ea-e]\)?\}?$/;
/** `\text{Evelyn}`: a word dressed as LaTeX. */
const TEXT_ONLY = /^\\(?:text|textbf|mbox|mathrm)\{([^{}\\]*)\}$/;
/** LaTeX, operators, brackets, or a letter next to a digit (`3x`, `x2`): an expression, not prose. */
const EXPRESSION_HINT = /\\|[\^_=+*/()[\]{}<>]|\d\s*-|-\s*\d|\d[a-zA-Z]|[a-zA-Z]\d/;

/**
 * How answers of this template are printed and checked, when the template does not say: from the
 * original answer's spelling first (`$12.50` is money, `75%` percent, `3/4` fraction), else its shape.
 */
export function inferAnswerFormat(original: number | string | boolean | null | undefined, shape: AnswerShape | undefined): AnswerFormat {
  if (typeof original === 'number') return Number.isInteger(original) ? 'integer' : 'decimal';
  if (typeof original === 'boolean') return 'text';
  if (typeof original === 'string') {
    const parsed = parseNumericString(original);
    if (parsed !== undefined) {
      if (parsed.currency) return 'money';
      if (parsed.percent) return 'percent';
      if (parsed.kind === 'fraction') return parsed.integral ? 'integer' : 'fraction';
      return parsed.kind === 'int' ? 'integer' : 'decimal';
    }
    const s = original.trim();
    if (CHOICE_LETTER.test(s)) return 'multiple_choice';
    const text = TEXT_ONLY.exec(s);
    if (text !== null) return inferAnswerFormat(text[1] ?? '', undefined);
    return EXPRESSION_HINT.test(s) ? 'expression' : 'text';
  }
  if (shape === undefined) return 'text';
  switch (shape.type) {
    case 'int':
      return 'integer';
    case 'float':
      return shape.integral ? 'integer' : 'decimal';
    case 'fraction':
      return shape.integral ? 'integer' : 'fraction';
    default:
      return 'text';
  }
}

const WHITESPACE_RUN = /\s+/g;

function normaliseText(s: string): string {
  return s.trim().replace(WHITESPACE_RUN, ' ').toLowerCase();
}

/** Python's `math.isclose` with rel_tol = `tolerance` and a tiny abs_tol, so 0 equals 1e-12 float noise. */
function close(a: number, b: number, tolerance: number): boolean {
  if (a === b) return true;
  const diff = Math.abs(a - b);
  return diff <= tolerance * Math.max(Math.abs(a), Math.abs(b)) || diff <= 1e-9;
}

/** Text of an answer for a non-numeric comparison. */
function textOf(a: PyValue): string | undefined {
  switch (a.t) {
    case 'str':
      return a.v;
    case 'bool':
      return a.v ? 'true' : 'false';
    case 'int':
      return a.v;
    case 'float':
      return typeof a.v === 'number' ? String(a.v) : a.v;
    case 'fraction':
      return `${a.n}/${a.d}`;
    default:
      return undefined;
  }
}

/**
 * Whether the program's answer equals the stored original answer (the audit's "original values reproduce
 * the original answer"): numbers within a relative `tolerance` (numeric strings parsed, so `"$1,250.00"`
 * equals 1250 and `"3/4"` equals 0.75), other strings trimmed and case-insensitive, null only equals None.
 */
export function answersEqual(a: PyValue, originalAnswer: number | string | boolean | null, tolerance = 1e-6): boolean {
  if (originalAnswer === null) return a.t === 'none';
  if (typeof originalAnswer === 'boolean') {
    if (a.t === 'bool') return a.v === originalAnswer;
    return a.t === 'str' && normaliseText(a.v) === String(originalAnswer);
  }
  if (a.t === 'bool') return typeof originalAnswer === 'string' && normaliseText(originalAnswer) === String(a.v);
  if (a.t === 'none' || a.t === 'other') return false;
  if (a.t === 'list') return false;
  const expected = typeof originalAnswer === 'number' ? originalAnswer : parseNumericString(originalAnswer)?.value;
  if (expected !== undefined) {
    const actual = pyToNumber(a);
    if (actual !== undefined) return close(actual, expected, tolerance);
    // Big ints beyond a double still compare exactly.
    if (a.t === 'int' && typeof originalAnswer === 'string' && SIGNED_INT.test(originalAnswer.trim())) {
      return bigOf(a.v) === BigInt(originalAnswer.trim());
    }
    return false;
  }
  const text = textOf(a);
  return text !== undefined && normaliseText(text) === normaliseText(String(originalAnswer));
}
