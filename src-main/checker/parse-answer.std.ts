/**
 * `parseAnswer`: read what a learner typed, before any grading, the way STACK's validation step does.
 * The result says what kind of answer it is, its exact value, unit and currency, and `readAs`, the
 * sentence the practice page shows ("read as the fraction 3/4") so a misreading is caught before it
 * costs the learner anything. Never throws; every scan is linear in the (capped) input.
 */
import type { ParsedAnswer, ParsedKind, Rational, ReadNote, WrittenFraction } from './checker.types.std.js';
import { MAX_INPUT_LENGTH } from './checker.types.std.js';
import { evaluateArithmetic } from './arithmetic.std.js';
import { readNumberWords } from './number-words.std.js';
import { isDigit, isLetter, readNumeral } from './numbers.std.js';
import type { Numeral } from './numbers.std.js';
import { normalizeInput, looksLikeLatex } from './normalize-input.std.js';
import { add, describeValue, neg, rat, scale10, toDecimalString, toFractionString } from './rational.std.js';
import { CURRENCY_SYMBOLS, readCurrencyPrefix, readCurrencySuffix, readUnitText } from './units.std.js';

/** The number part of a quantity, before sign, percent, currency and unit. */
interface Core {
  value: Rational;
  form: 'numeral' | 'fraction' | 'mixed';
  fraction?: WrittenFraction;
  numeral?: Numeral;
  latex: boolean;
}

type CoreResult = { core: Core; end: number } | { error: string } | undefined;

/** Reads positions in one string; every method advances or returns without consuming. */
class Cursor {
  constructor(
    readonly s: string,
    public pos = 0,
  ) {}
  skipSpace(): void {
    while (this.s[this.pos] === ' ') this.pos++;
  }
  at(text: string): boolean {
    return this.s.startsWith(text, this.pos);
  }
  rest(): string {
    return this.s.slice(this.pos);
  }
  /** A run of plain digits (no separators), or undefined. */
  digits(): bigint | undefined {
    const start = this.pos;
    while (isDigit(this.s[this.pos])) this.pos++;
    if (this.pos === start || this.pos - start > 60) {
      this.pos = start;
      return undefined;
    }
    return BigInt(this.s.slice(start, this.pos));
  }
}

/** `\frac{3}{4}`, `\frac34`, `\frac{-3}{4}` at the cursor. */
function readLatexFraction(c: Cursor): { negative: boolean; n: bigint; d: bigint } | undefined {
  const start = c.pos;
  if (!c.at('\\frac')) return undefined;
  c.pos += 5;
  c.skipSpace();
  const arg = (allowSign: boolean): { negative: boolean; v: bigint } | undefined => {
    if (c.s[c.pos] === '{') {
      c.pos++;
      c.skipSpace();
      let negative = false;
      if (allowSign && c.s[c.pos] === '-') {
        negative = true;
        c.pos++;
      }
      const v = c.digits();
      c.skipSpace();
      if (v === undefined || c.s[c.pos] !== '}') return undefined;
      c.pos++;
      c.skipSpace();
      return { negative, v };
    }
    if (isDigit(c.s[c.pos])) {
      const v = BigInt(c.s[c.pos] ?? '0');
      c.pos++;
      c.skipSpace();
      return { negative: false, v };
    }
    return undefined;
  };
  const n = arg(true);
  const d = n === undefined ? undefined : arg(false);
  if (n === undefined || d === undefined) {
    c.pos = start;
    return undefined;
  }
  return { negative: n.negative, n: n.v, d: d.v };
}

function fractionCore(negative: boolean, whole: bigint | undefined, n: bigint, d: bigint, latex: boolean): CoreResult | { error: string } {
  if (d === 0n) return { error: 'a fraction cannot have 0 as its denominator' };
  const fracValue = rat(n, d);
  const unsigned = whole === undefined ? fracValue : add(rat(whole), fracValue);
  return {
    core: {
      value: negative ? neg(unsigned) : unsigned,
      form: whole === undefined ? 'fraction' : 'mixed',
      fraction: { negative, whole, numerator: n, denominator: d },
      latex,
    },
    end: 0,
  };
}

/** Mixed number, fraction, LaTeX fraction or plain numeral at the cursor. */
function readCore(c: Cursor): CoreResult {
  const latexFrac = readLatexFraction(c);
  if (latexFrac !== undefined) {
    const r = fractionCore(latexFrac.negative, undefined, latexFrac.n, latexFrac.d, true);
    return r !== undefined && 'core' in r ? { core: r.core, end: c.pos } : r;
  }
  const numeral = readNumeral(c.s, c.pos);
  if (numeral === undefined) return undefined;
  if ('error' in numeral) return numeral;
  c.pos = numeral.end;
  const plainInteger = !numeral.hasPointOrExponent && numeral.notes.length === 0;
  if (plainInteger) {
    const whole = numeral.value.n;
    const afterWhole = c.pos;
    // `3\frac{1}{2}` / `3 \frac12`: a mixed number in LaTeX.
    c.skipSpace();
    const lf = readLatexFraction(c);
    if (lf !== undefined && !lf.negative) {
      const r = fractionCore(false, whole, lf.n, lf.d, true);
      return r !== undefined && 'core' in r ? { core: r.core, end: c.pos } : r;
    }
    c.pos = afterWhole;
    // `1 3/4`: whole, one or more spaces, numerator, slash, denominator.
    if (c.s[c.pos] === ' ') {
      c.skipSpace();
      const n = c.digits();
      if (n !== undefined) {
        c.skipSpace();
        if (c.s[c.pos] === '/') {
          c.pos++;
          c.skipSpace();
          const d = c.digits();
          if (d !== undefined) {
            const r = fractionCore(false, whole, n, d, false);
            return r !== undefined && 'core' in r ? { core: r.core, end: c.pos } : r;
          }
        }
      }
      c.pos = afterWhole;
    }
    // `3/4`, `3 / 4`
    c.skipSpace();
    if (c.s[c.pos] === '/') {
      c.pos++;
      c.skipSpace();
      const d = c.digits();
      if (d !== undefined) {
        const r = fractionCore(false, undefined, whole, d, false);
        return r !== undefined && 'core' in r ? { core: r.core, end: c.pos } : r;
      }
    }
    c.pos = afterWhole;
  }
  return { core: { value: numeral.value, form: 'numeral', numeral, latex: false }, end: numeral.end };
}

const PERCENT_WORDS = ['percent', 'per cent', 'pct'];

function readSign(c: Cursor): boolean | undefined {
  const ch = c.s[c.pos];
  if (ch !== '-' && ch !== '+') return undefined;
  c.pos++;
  c.skipSpace();
  return ch === '-';
}

interface Quantity {
  value: Rational;
  kind: ParsedKind;
  percent?: Rational;
  fraction?: WrittenFraction;
  places?: number;
  unit?: string;
  currency?: string;
  cents: boolean;
  notes: ReadNote[];
  coreText: string;
}

/** A whole input of the shape: sign? currency? sign? number percent? currency? unit? */
function readQuantity(s: string): Quantity | { error: string } | undefined {
  const c = new Cursor(s);
  let negative = readSign(c) ?? false;
  const prefix = readCurrencyPrefix(s, c.pos);
  if (prefix !== undefined) c.pos = prefix.end;
  if (prefix !== undefined) {
    const second = readSign(c);
    if (second !== undefined) {
      if (negative && second) return { error: 'two minus signs' };
      negative = negative || second;
    }
  }
  const core = readCore(c);
  if (core === undefined || 'error' in core) return core;
  c.pos = core.end;
  c.skipSpace();
  let percent = false;
  if (c.s[c.pos] === '%') {
    percent = true;
    c.pos++;
  } else {
    for (const w of PERCENT_WORDS) {
      if (c.s.slice(c.pos, c.pos + w.length).toLowerCase() === w && !isLetter(c.s[c.pos + w.length])) {
        percent = true;
        c.pos += w.length;
        break;
      }
    }
  }
  c.skipSpace();
  const rest = c.rest();
  let currency = prefix?.code;
  let cents = false;
  let unit: string | undefined;
  if (rest !== '') {
    const suffix = readCurrencySuffix(rest);
    if (suffix !== undefined) {
      if (suffix.code === 'cents') {
        if (currency !== undefined) return { error: 'a currency sign and “cents” together' };
        cents = true;
      } else {
        if (currency !== undefined && currency !== suffix.code) return { error: 'two different currencies' };
        currency = suffix.code;
      }
    } else {
      unit = readUnitText(rest);
      if (unit === undefined) return undefined;
    }
  }
  if (percent && (currency !== undefined || cents)) return { error: 'a percent and a currency together' };
  const { value: coreValue, form } = core.core;
  const signed = negative ? neg(coreValue) : coreValue;
  const numeral = core.core.numeral;
  const notes: ReadNote[] = [...(numeral?.notes ?? [])];
  const fraction = core.core.fraction === undefined ? undefined : { ...core.core.fraction, negative: negative !== core.core.fraction.negative };
  const coreText = coreDescription(core.core, negative);
  if (percent) {
    return { value: scale10(signed, -2), percent: signed, kind: 'percent', fraction, places: numeral?.places, unit, cents, notes, coreText };
  }
  if (currency !== undefined || cents) {
    if (cents) notes.push('cents');
    return { value: cents ? scale10(signed, -2) : signed, kind: 'money', fraction, places: numeral?.places, unit, currency, cents, notes, coreText };
  }
  const kind: ParsedKind = form === 'mixed' ? 'mixed' : form === 'fraction' ? 'fraction' : signed.d === 1n && numeral?.places === 0 ? 'integer' : 'decimal';
  return { value: signed, kind, fraction, places: numeral?.places, unit, cents, notes, coreText };
}

function coreDescription(core: Core, negative: boolean): string {
  const sign = negative ? '-' : '';
  const f = core.fraction;
  if (f !== undefined) {
    const fracSign = f.negative !== negative ? '-' : '';
    return f.whole === undefined
      ? `${fracSign}${f.numerator.toString()}/${f.denominator.toString()}`
      : `${fracSign}${f.whole.toString()} ${f.numerator.toString()}/${f.denominator.toString()}`;
  }
  return `${sign}${core.numeral?.text ?? describeValue(core.value)}`;
}

function moneyText(value: Rational, currency: string | undefined): string {
  const negative = value.n < 0n;
  const abs = negative ? neg(value) : value;
  const amount = abs.d === 1n ? toDecimalString(abs, { group: true }) : toDecimalString(abs, { minPlaces: 2, group: true });
  const symbol = currency === undefined ? undefined : CURRENCY_SYMBOLS[currency];
  const body = symbol !== undefined ? `${symbol}${amount}` : currency !== undefined ? `${amount} ${currency}` : amount;
  return `${negative ? '-' : ''}${body}`;
}

function describeQuantity(q: Quantity): string {
  const unitText = q.unit === undefined ? '' : ` with unit ${q.unit}`;
  const sci = q.notes.includes('scientific') ? ` (= ${describeValue(q.value)})` : '';
  const comma = q.notes.includes('decimal_comma') ? ' (the comma read as a decimal point)' : '';
  switch (q.kind) {
    case 'percent':
      return `read as ${q.coreText} % (= ${describeValue(q.value)})${comma}${unitText}`;
    case 'money':
      if (q.cents) return `read as ${q.coreText} cents (= ${toDecimalString(q.value, { minPlaces: 2 })})${unitText}`;
      return `read as ${moneyText(q.value, q.currency)}${comma}${unitText}`;
    case 'fraction':
      return `read as the fraction ${q.coreText}${unitText}`;
    case 'mixed':
      return `read as the mixed number ${q.coreText} (= ${toFractionString(q.value)})${unitText}`;
    case 'decimal':
      return sci !== '' ? `read as ${q.coreText}${sci}${unitText}` : `read as the decimal ${q.coreText}${comma}${unitText}`;
    default:
      return `read as ${q.coreText}${sci}${unitText}`;
  }
}

/** `x = 12`, `answer: 12`, `the answer is 12`, `= 12`, `≈ 0.33` → `12`, `0.33`. */
function stripAnswerPrefix(s: string): { text: string; stripped: boolean } {
  const lower = s.toLowerCase();
  for (const p of ['the answer is ', 'answer is ', 'answer: ', 'answer:', 'answer = ', 'answer=', 'ans: ', 'ans = ', 'ans=']) {
    if (lower.startsWith(p)) return { text: s.slice(p.length).trim(), stripped: true };
  }
  const first = s[0];
  if (first === '=' || first === '≈' || first === '~' || first === '≃') return { text: s.slice(1).trim(), stripped: true };
  // A single identifier then `=` (not `==`), and no other `=`: `x = 12`, `total=12`.
  let i = 0;
  while (i < s.length && i < 24 && (isLetter(s[i]) || s[i] === '_' || (i > 0 && isDigit(s[i])))) i++;
  if (i > 0 && i < 24) {
    let j = i;
    if (s[j] === ' ') j++;
    if ((s[j] === '=' || s[j] === '≈') && s[j + 1] !== '=' && !s.includes('=', j + 1)) return { text: s.slice(j + 1).trim(), stripped: true };
  }
  return { text: s, stripped: false };
}

/** `12.` (sentence full stop) and `0.333...` (ellipsis) lose their trailing dots. */
function stripTrailingDots(s: string): string {
  let end = s.length;
  while (end > 1 && (s[end - 1] === '.' || s[end - 1] === '…')) end--;
  return end === s.length ? s : s.slice(0, end).trimEnd();
}

const OPERATOR_CHARS = new Set(['+', '-', '*', '/', '^', '=', '×', '·', '<', '>', '\\', '√']);

function classifyLeftover(s: string): 'text' | 'expression' | 'other' {
  let letters = false;
  let digits = false;
  let operators = false;
  for (const ch of s) {
    if (isDigit(ch)) digits = true;
    else if (isLetter(ch)) letters = true;
    else if (OPERATOR_CHARS.has(ch)) operators = true;
  }
  if (letters && !digits && !operators) return 'text';
  if (letters && (digits || operators)) return 'expression';
  if (letters) return 'text';
  return 'other';
}

function result(kind: ParsedKind, normalized: string, readAs: string, extra: Partial<ParsedAnswer> = {}): ParsedAnswer {
  return { kind, normalized, notes: [], readAs, ...extra };
}

function invalid(normalized: string, error: string): ParsedAnswer {
  return result('invalid', normalized, `could not read this: ${error}`, { error });
}

function quote(text: string): string {
  return text.length > 60 ? `“${text.slice(0, 57)}…”` : `“${text}”`;
}

/** Read a learner's raw input. Never throws. */
export function parseAnswer(raw: string): ParsedAnswer {
  if (raw.length > MAX_INPUT_LENGTH) {
    return invalid('', `the answer is too long (at most ${MAX_INPUT_LENGTH} characters)`);
  }
  try {
    return parseNormalized(raw);
  } catch {
    // A safety net: the readers are written not to throw, and the fuzz test checks that they do not.
    return invalid(raw.trim(), 'an unexpected problem while reading');
  }
}

function parseNormalized(raw: string): ParsedAnswer {
  const normalized = normalizeInput(raw).replace(/\^\{?°\}?/g, '°');
  if (normalized === '') return result('empty', '', 'nothing entered yet');
  const prefix = stripAnswerPrefix(normalized);
  const s = stripTrailingDots(prefix.text);
  if (s === '') return invalid(normalized, 'there is no answer after the “=”');
  const latex = looksLikeLatex(raw);
  const extraNotes: ReadNote[] = prefix.stripped ? ['prefix_removed'] : [];

  const q = readQuantity(s);
  if (q !== undefined && !('error' in q)) {
    const notes = [...q.notes, ...extraNotes];
    if (latex && !notes.includes('latex')) notes.push('latex');
    return {
      kind: q.kind,
      normalized,
      value: q.value,
      ...(q.percent !== undefined ? { percent: q.percent } : {}),
      ...(q.fraction !== undefined ? { fraction: q.fraction } : {}),
      ...(q.places !== undefined ? { places: q.places } : {}),
      ...(q.unit !== undefined ? { unit: q.unit } : {}),
      ...(q.currency !== undefined ? { currency: q.currency } : {}),
      notes,
      readAs: describeQuantity(q),
    };
  }
  const quantityError = q !== undefined && 'error' in q ? q.error : undefined;

  const shape = classifyLeftover(s);
  if (shape === 'other' || (shape === 'expression' && !hasLetterOtherThanTimes(s))) {
    const a = evaluateArithmetic(s);
    if (a.ok) {
      if (a.operations === 0) {
        const kind: ParsedKind = a.value.d === 1n ? 'integer' : 'decimal';
        return { kind, normalized, value: a.value, notes: extraNotes, readAs: `read as ${describeValue(a.value)}` };
      }
      return {
        kind: 'expression',
        normalized,
        value: a.value,
        notes: latex ? [...extraNotes, 'latex'] : extraNotes,
        readAs: `read as the calculation ${s} (= ${describeValue(a.value)})`,
      };
    }
    if (shape === 'other') return invalid(normalized, quantityError ?? a.error);
  }
  if (quantityError !== undefined) return invalid(normalized, quantityError);

  const words = readNumberWords(s);
  if (words !== undefined) {
    const notes: ReadNote[] = [...extraNotes, 'number_words'];
    if (words.kind === 'integer') {
      const value = rat(words.value);
      return { kind: 'integer', normalized, value, places: 0, notes, readAs: `read as ${describeValue(value)} (from the words ${quote(s)})` };
    }
    const fraction: WrittenFraction = {
      negative: words.numerator < 0n,
      whole: undefined,
      numerator: words.numerator < 0n ? -words.numerator : words.numerator,
      denominator: words.denominator,
    };
    return {
      kind: 'fraction',
      normalized,
      value: words.value,
      fraction,
      notes,
      readAs: `read as the fraction ${words.numerator.toString()}/${words.denominator.toString()} (from the words ${quote(s)})`,
    };
  }
  if (shape === 'text') return result('text', normalized, `read as the text ${quote(s)}`, { notes: extraNotes });
  // Letters with digits or operators: algebra. The expression checker reads it properly (expression.std.ts).
  return result('expression', normalized, `read as the expression ${quote(normalized)}`, { notes: latex ? ['latex'] : [] });
}

/** `3 x 4` uses x as "times"; any other letter makes it algebra. */
function hasLetterOtherThanTimes(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (!isLetter(ch)) continue;
    if (ch === 'x' || ch === 'X') continue;
    if (s.startsWith('frac', i) && s[i - 1] === '\\') {
      i += 3;
      continue;
    }
    return true;
  }
  return false;
}
