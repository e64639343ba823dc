/**
 * Every number written in a piece of text, with where it is and what it could mean: digits with or
 * without thousands separators (`1,234`, LaTeX `1{,}234` and `12\,500`), decimals (`0.5`, `.5`),
 * money (`$12.50`, `\$12.50`, `12.50 dollars`, `50 cents`), percents (`50%`, `50\%`, `50 percent`),
 * fractions (`3/4`, `1 1/2`, `\frac{3}{4}`, `2\tfrac{1}{2}`), number words ("twenty-four",
 * "one hundred and five", "three quarters", "a half"), integers in hex, binary and octal (`0x2A`) and as
 * Roman numerals (`XLII`, upper case, canonical form, two letters or more: "I" is a word), and money
 * spoken in two parts ("twelve fifty", "12 dollars and 50 cents", "twelve dollars fifty"). The leak
 * guard compares these with the answer (on text normalize-reply.ts has made plain first).
 */
import { readNumberWords } from '../checker/number-words.std.js';
import { findMathRegions } from '../template/math-regions.std.js';

/** One reading of a number: its value and how many decimals it was written with (`null`: exact, no rounding implied). */
export interface Reading {
  value: number;
  decimals: number | null;
}

export interface NumberToken {
  start: number;
  end: number;
  raw: string;
  /** The number as written (a percent as its number of percent, cents as cents). */
  written: Reading;
  /** Other values it stands for: a percent as a fraction of one (50% → 0.5), cents in dollars. */
  alternatives: Reading[];
}

const SEP = String.raw`(?:,|\{,\}|\\,|\u202f|\u2009)`;
const CORE = String.raw`\d{1,3}(?:${SEP}\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+`;
const FRAC = String.raw`\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}`;
const PERCENT = String.raw`\s*(?:\\%|%|\s(?:percent|per\s?cent)\b)`;
const MONEY_WORD = String.raw`\s*(?:dollars?|bucks|euros?|pounds)\b`;
const CENTS = String.raw`\s*(?:cents?\b|¢)`;

/**
 * Alternatives, longest forms first: a LaTeX fraction (with an optional whole part), a mixed number,
 * a plain fraction, then a decimal with its optional currency sign and percent/money/cents suffix.
 * The look-behind keeps a match from starting in the middle of another number.
 */
const NUMBER = new RegExp(
  [
    String.raw`(?<![\d.])(?:(\d+)\s*)?${FRAC}`,
    String.raw`(?<![\d.,/])(\d+)\s+(\d+)\s*/\s*(\d+)(?![\d/])`,
    String.raw`(?<![\d.,/])(\d+)\s*/\s*(\d+)(?![\d/.])`,
    String.raw`(?:(\\\$|\$|€|£)\s*)?(?<![\d.,])(${CORE})(${PERCENT}|${MONEY_WORD}|${CENTS})?`,
  ].join('|'),
  'gi',
);

const UNIT_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen',
  'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety',
  'hundred', 'thousand', 'million', 'billion',
];
const FRACTION_WORDS = [
  'halves', 'half', 'thirds', 'third', 'quarters', 'quarter', 'fourths', 'fourth', 'fifths', 'fifth', 'sixths', 'sixth', 'sevenths', 'seventh',
  'eighths', 'eighth', 'ninths', 'ninth', 'tenths', 'tenth', 'twelfths', 'twelfth', 'hundredths', 'hundredth',
];
const WORD = `(?:${[...UNIT_WORDS, ...FRACTION_WORDS, 'dozens', 'dozen'].join('|')})`;
/**
 * A run of number words: "twenty-four", "one hundred and five", "a half", "three quarters", "minus six",
 * "one and a half", "two point five", "two dozen".
 */
const WORDS = new RegExp(
  String.raw`\b(?:(?:minus|negative)\s+)?(?:an?\s+(?=${WORD}\b))?${WORD}(?:(?:\s+|-)(?:and\s+(?:an?\s+)?|point\s+)?${WORD})*\b(?:\s*(?:percent|per\s?cent)\b)?`,
  'gi',
);

function decimalsOf(digits: string): number | null {
  const dot = digits.indexOf('.');
  return dot < 0 ? null : digits.length - dot - 1;
}

function fraction(n: string, d: string, whole?: string): Reading | undefined {
  const den = Number(d);
  if (den === 0) return undefined;
  return { value: (whole !== undefined ? Number(whole) : 0) + Number(n) / den, decimals: null };
}

function percentOf(r: Reading): Reading {
  return { value: r.value / 100, decimals: r.decimals === null ? null : r.decimals + 2 };
}

function digitToken(m: RegExpExecArray): NumberToken | undefined {
  const [raw] = m;
  const start = m.index;
  const end = start + raw.length;
  const g = (i: number): string | undefined => m[i];
  const frac = g(2) !== undefined && g(3) !== undefined ? fraction(g(2) ?? '', g(3) ?? '', g(1)) : undefined;
  if (frac) return { start, end, raw, written: frac, alternatives: [] };
  const mixed = g(4) !== undefined ? fraction(g(5) ?? '', g(6) ?? '', g(4)) : undefined;
  if (mixed) return { start, end, raw, written: mixed, alternatives: [] };
  const simple = g(7) !== undefined ? fraction(g(7) ?? '', g(8) ?? '') : undefined;
  if (simple) {
    // "12/4" is a division more often than a fraction: read it as a fraction only when it is not a whole number.
    if (Number(g(7)) % Number(g(8)) === 0) return undefined;
    return { start, end, raw, written: simple, alternatives: [] };
  }
  const core = g(10);
  if (core === undefined) return undefined;
  const digits = core.replace(/\{,\}|\\,|[,\u202f\u2009]/g, '');
  const written: Reading = { value: Number(digits), decimals: decimalsOf(digits) };
  if (!Number.isFinite(written.value)) return undefined;
  // The currency sign belongs to the token; leading spaces the optional group swallowed do not.
  const lead = raw.length - raw.trimStart().length;
  const suffix = (g(11) ?? '').trim().toLowerCase();
  const alternatives: Reading[] = [];
  if (suffix.endsWith('%') || suffix.startsWith('per')) alternatives.push(percentOf(written));
  else if (suffix.startsWith('cent') || suffix === '¢') alternatives.push(percentOf(written));
  return { start: start + lead, end, raw: raw.trimStart(), written, alternatives };
}

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** The value of a run of number words (lower case, single spaces), or undefined. */
function readWords(lower: string): number | undefined {
  if (lower === 'half' || lower === 'a half' || lower === 'one half') return 0.5;
  if (FRACTION_WORDS.includes(lower)) return undefined; // "the third step" is an ordinal, not 1/3
  const words = lower.split(' ');
  // "two point five": digits after the point, one word each.
  const point = words.indexOf('point');
  if (point > 0) {
    const whole = readWords(words.slice(0, point).join(' '));
    const digits = words.slice(point + 1).map((w) => DIGIT_WORDS.indexOf(w));
    if (whole === undefined || digits.length === 0 || digits.some((d) => d < 0)) return undefined;
    return Number(`${whole}.${digits.join('')}`);
  }
  // "two dozen", "a dozen".
  const last = words[words.length - 1];
  if (last === 'dozen' || last === 'dozens') {
    const head = words.slice(0, -1).join(' ');
    const count = head === '' || head === 'a' ? 1 : readWords(head);
    return count === undefined ? undefined : count * 12;
  }
  // "one and a half", "two and three quarters": a whole number and a fraction.
  const and = lower.lastIndexOf(' and ');
  if (and > 0) {
    const fractionPart = readNumberWords(lower.slice(and + 5));
    const wholePart = readNumberWords(lower.slice(0, and));
    if (fractionPart?.kind === 'fraction' && wholePart?.kind === 'integer') return Number(wholePart.value) + Number(fractionPart.value.n) / Number(fractionPart.value.d);
  }
  const reading = readNumberWords(lower);
  if (reading?.kind === 'integer') return Number(reading.value);
  if (reading?.kind === 'fraction') return Number(reading.value.n) / Number(reading.value.d);
  return undefined;
}

function wordTokens(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of text.matchAll(WORDS)) {
    let raw = m[0];
    const start = m.index;
    const isPercent = /(?:percent|per\s?cent)$/i.test(raw);
    const words = raw.replace(/\s*(?:percent|per\s?cent)$/i, '');
    const lower = words.toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
    const value = readWords(lower);
    if (value === undefined) {
      // A run the reader cannot take as one number ("one two"): each word on its own.
      let offset = 0;
      for (const w of raw.split(/(\s+|-)/)) {
        const single = readNumberWords(w.toLowerCase());
        if (single?.kind === 'integer' && w.trim() !== '') {
          out.push({ start: start + offset, end: start + offset + w.length, raw: w, written: { value: Number(single.value), decimals: null }, alternatives: [] });
        }
        offset += w.length;
      }
      continue;
    }
    raw = raw.trimEnd();
    const written: Reading = { value, decimals: null };
    out.push({ start, end: start + raw.length, raw, written, alternatives: isPercent ? [percentOf(written)] : [] });
  }
  return out;
}

/**
 * The text with the `$` of math delimiters blanked out (same length), so that `$12{,}500$` is a number
 * in math and not twelve dollars: only a `$` that opens no math is a currency sign.
 */
function blankMathDollars(text: string): string {
  // UTF-16 units, like the regions' indices.
  const chars = text.split('');
  for (const r of findMathRegions(text)) {
    for (let i = r.start; i < r.contentStart; i++) if (chars[i] === '$') chars[i] = ' ';
    for (let i = r.contentEnd; i < r.end; i++) if (chars[i] === '$') chars[i] = ' ';
  }
  return chars.join('');
}

const BASED = /(?<![\w.])0(?:[xX][0-9a-fA-F]+|[bB][01]+|[oO][0-7]+)(?!\w|\.\d)/g;
const ROMAN = /(?<![\p{L}\p{N}])[MDCLXVI]{2,}(?![\p{L}\p{N}])/gu;
const ROMAN_VALUES: readonly [string, number][] = [
  ['M', 1000], ['CM', 900], ['D', 500], ['CD', 400], ['C', 100], ['XC', 90], ['L', 50], ['XL', 40], ['X', 10], ['IX', 9], ['V', 5], ['IV', 4], ['I', 1],
];

/** The canonical Roman numeral of 1–3999. */
export function toRoman(n: number): string {
  let out = '';
  let rest = n;
  for (const [sym, v] of ROMAN_VALUES) {
    while (rest >= v) {
      out += sym;
      rest -= v;
    }
  }
  return out;
}

function romanValue(s: string): number | undefined {
  let total = 0;
  let i = 0;
  for (const [sym, v] of ROMAN_VALUES) {
    while (s.startsWith(sym, i)) {
      total += v;
      i += sym.length;
    }
  }
  // Only the canonical spelling: "IIII" or "VX" are not numbers anybody writes for 4 or 5.
  return i === s.length && total > 0 && total < 4000 && toRoman(total) === s ? total : undefined;
}

function basedTokens(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of text.matchAll(BASED)) {
    const raw = m[0];
    const base = raw[1]?.toLowerCase() === 'x' ? 16 : raw[1]?.toLowerCase() === 'b' ? 2 : 8;
    const value = parseInt(raw.slice(2), base);
    if (Number.isSafeInteger(value)) out.push({ start: m.index, end: m.index + raw.length, raw, written: { value, decimals: null }, alternatives: [] });
  }
  for (const m of text.matchAll(ROMAN)) {
    const value = romanValue(m[0]);
    if (value !== undefined) out.push({ start: m.index, end: m.index + m[0].length, raw: m[0], written: { value, decimals: null }, alternatives: [] });
  }
  return out;
}

const isCents = (t: NumberToken): boolean => /(?:cents?|¢)$/i.test(t.raw);
const isDollars = (t: NumberToken): boolean => /^(?:\\\$|\$)|(?:dollars?|bucks)$/i.test(t.raw);
const whole = (t: NumberToken, min: number, max: number): boolean => Number.isInteger(t.written.value) && t.written.value >= min && t.written.value <= max;
const isWords = (t: NumberToken): boolean => /^[A-Za-z]/.test(t.raw);
const DOLLARS_BETWEEN = /^\s+(?:dollars?|bucks)\s+(?:and\s+)?$/i;

/**
 * Money said in two parts, as one token: "12 dollars and 50 cents", "$12 and 50 cents", "twelve
 * dollars (and) fifty (cents)", and "twelve fifty" (two number words, the second 10–99, as a price is
 * spoken). The parts stay readings of the pair, so masking the pair never hides less than they would.
 */
function moneyPairs(text: string, tokens: NumberToken[]): NumberToken[] {
  const out: NumberToken[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const a = tokens[k];
    if (a === undefined) continue;
    const b = tokens[k + 1];
    let end: number | undefined;
    if (b !== undefined && whole(a, 0, Number.MAX_SAFE_INTEGER) && whole(b, 0, 99)) {
      const gap = text.slice(a.end, b.start);
      const centsWord = /^\s*(?:cents?\b|¢)/i.exec(text.slice(b.end));
      const dollarsSaid = DOLLARS_BETWEEN.test(gap) || (isDollars(a) && /^\s+(?:and\s+)?$/i.test(gap));
      if (dollarsSaid && (isCents(b) || centsWord)) end = b.end + (centsWord?.[0].length ?? 0);
      else if (DOLLARS_BETWEEN.test(gap) && b.alternatives.length === 0) end = b.end;
      else if (isWords(a) && isWords(b) && gap === ' ' && whole(a, 1, 99) && whole(b, 10, 99) && a.alternatives.length === 0 && b.alternatives.length === 0) end = b.end;
    }
    if (end === undefined || b === undefined) {
      out.push(a);
      continue;
    }
    out.push({
      start: a.start,
      end,
      raw: text.slice(a.start, end),
      written: { value: a.written.value + b.written.value / 100, decimals: 2 },
      alternatives: [{ value: a.written.value, decimals: null }, { value: b.written.value, decimals: null }],
    });
    k++;
  }
  return out;
}

/** Every number in `text`, in order; overlapping readings are resolved in favour of the longer one. */
export function numberTokens(text: string): NumberToken[] {
  const found: NumberToken[] = [...basedTokens(text)];
  const scan = blankMathDollars(text);
  for (const m of scan.matchAll(NUMBER)) {
    const t = digitToken(m);
    if (t) found.push(t);
    else if (m[7] !== undefined) {
      // A whole-number division such as 12/4: its two numbers, each on its own.
      const [a = '', b = ''] = m[0].split('/');
      const bStart = m.index + m[0].indexOf('/') + 1 + (b.length - b.trimStart().length);
      found.push({ start: m.index, end: m.index + a.trimEnd().length, raw: a.trimEnd(), written: { value: Number(a), decimals: null }, alternatives: [] });
      found.push({ start: bStart, end: bStart + b.trim().length, raw: b.trim(), written: { value: Number(b), decimals: null }, alternatives: [] });
    }
  }
  found.push(...wordTokens(text));
  found.sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
  const out: NumberToken[] = [];
  for (const t of found) {
    const last = out[out.length - 1];
    if (last && t.start < last.end) continue;
    out.push(t);
  }
  return moneyPairs(text, out);
}
