/**
 * Numbers in English word-problem text: digits (`1,250`, `12.5`, `$3.75`, `20%`, `3/4`, `1 1/2`, `1.5 million`)
 * and number words (`three`, `twenty-five`, `a hundred`, `a dozen`, `half`, `two thirds`, `twice`, `triple`).
 *
 * Importers use this to find where a program's number is written in the question (to turn it into a
 * placeholder) and to read defaults such as `{d,five}`. Every mention carries its character span, and
 * the span of the numeral alone, so that `$3.50` becomes `${price}` and `20%` becomes `{rate}%`.
 */

export type NumberMentionKind =
  /** `16`, `1,250`, `12.5`, `.5`, `1.5 million` */
  | 'digits'
  /** `3/4` */
  | 'fraction'
  /** `1 1/2` */
  | 'mixed'
  /** `three`, `twenty-five`, `a hundred`, `a dozen`, `one and a half` */
  | 'words'
  /** `once`, `twice`, `thrice`, `double`, `triple`, `quadruple` */
  | 'multiplier'
  /** `half`, `a quarter`, `two thirds` */
  | 'fraction-words';

export interface NumberMention {
  /** Whole mention, including a currency sign before it and a percent sign after it. */
  start: number;
  end: number;
  text: string;
  value: number;
  kind: NumberMentionKind;
  /** The numeral alone (no currency sign, no `%`/` percent`): what a placeholder replaces. */
  numeralStart: number;
  numeralEnd: number;
  /** Followed by `%`, ` percent` or `-percent`; `value` is then the number of percent (20 for 20 %). */
  percent: boolean;
  currency?: string;
  /** `3rd`, `21st`: a position rather than a quantity. */
  ordinal: boolean;
}

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const MULTIPLIERS: Readonly<Record<string, number>> = {
  once: 1, twice: 2, thrice: 3, double: 2, triple: 3, quadruple: 4,
};
/** Denominators written as words; only read as fractions after `a`/`one`/`two`… (bare `third` is an ordinal). */
const DENOMINATORS: Readonly<Record<string, number>> = {
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4,
  fifth: 5, fifths: 5, sixth: 6, sixths: 6, eighth: 8, eighths: 8, tenth: 10, tenths: 10,
};
const CURRENCIES = new Set(['$', '€', '£']);

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_]/.test(ch);
}

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** Word tokens (letters only); a hyphen or whitespace separates words, so `six-sided` gives `six`, `sided`. */
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    out.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** True when only spaces or a single hyphen separate two words (so they may form one number). */
function adjacent(text: string, a: Word, b: Word): boolean {
  const gap = text.slice(a.end, b.start);
  return /^(?:\s+|-)$/.test(gap);
}

/** `2.3 million` is 2299999.9999999995 in binary: round products with a scale word to 15 significant digits. */
function scaled(value: number, scale: number): number {
  return Number((value * scale).toPrecision(15));
}

/** Scan digit mentions. Returns them in text order. */
function findDigitMentions(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const startsNumber = isDigit(ch) || (ch === '.' && isDigit(text[i + 1]) && !isDigit(text[i - 1]));
    if (!startsNumber || isWordChar(text[i - 1]) || (ch !== '.' && text[i - 1] === '.' && isDigit(text[i - 2]))) {
      i++;
      continue;
    }
    // A letter or digit right before means this is part of a code or identifier (`A4`, `COVID19`).
    let numeralStart = i;
    let negative = false;
    if (text[i - 1] === '-' && (i - 1 === 0 || /[\s(]/.test(text[i - 2] ?? ' '))) {
      negative = true;
      numeralStart = i - 1;
    }
    let j = i;
    let intText: string;
    // `1,250`; `400 000` only after a currency sign or with a no-break/thin space (`3 100 bills` is two numbers).
    const afterCurrency = CURRENCIES.has(text[i - 1] ?? '');
    const grouped =
      /^\d{1,3}(?:,\d{3})+(?!\d)/.exec(text.slice(j, j + 64)) ??
      (afterCurrency ? /^\d{1,3}(?: \d{3})+(?![\d,.])/.exec(text.slice(j, j + 64)) : null) ??
      /^\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\d,.])/.exec(text.slice(j, j + 64));
    if (grouped) {
      intText = grouped[0].replace(/[,\s\u00a0\u202f\u2009]/g, '');
      j += grouped[0].length;
    } else {
      while (isDigit(text[j])) j++;
      intText = text.slice(i, j);
    }
    let decText = '';
    if (text[j] === '.' && isDigit(text[j + 1])) {
      let k = j + 1;
      while (isDigit(text[k])) k++;
      decText = text.slice(j + 1, k);
      j = k;
    }
    let value = Number(`${intText === '' ? '0' : intText}${decText === '' ? '' : `.${decText}`}`);
    let kind: NumberMentionKind = 'digits';
    // `3/4` and `1 1/2` (only for plain integers: `1,250/3` is not a fraction anyone writes).
    const plainInt = !grouped && decText === '' && intText !== '';
    if (plainInt && text[j] === '/' && isDigit(text[j + 1])) {
      let k = j + 1;
      while (isDigit(text[k])) k++;
      const den = Number(text.slice(j + 1, k));
      if (den !== 0 && !isDigit(text[k]) && text[k] !== '/') {
        value = value / den;
        kind = 'fraction';
        j = k;
      }
    } else if (plainInt) {
      const mixed = /^ (\d+)\/(\d+)(?![\d/])/.exec(text.slice(j));
      if (mixed) {
        const num = Number(mixed[1]);
        const den = Number(mixed[2]);
        if (den !== 0 && num < den) {
          value = value + num / den;
          kind = 'mixed';
          j += mixed[0].length;
        }
      }
    }
    let ordinal = false;
    const ord = /^(?:st|nd|rd|th)(?![A-Za-z])/i.exec(text.slice(j));
    if (kind === 'digits' && decText === '' && ord) {
      ordinal = true;
      j += ord[0].length;
    }
    let numeralEnd = j;
    if (kind === 'digits' && !ordinal) {
      const scale = /^ (thousand|million|billion|trillion)(?![A-Za-z])/i.exec(text.slice(j));
      if (scale) {
        value = scaled(value, SCALES[(scale[1] ?? '').toLowerCase()] ?? 1);
        j += scale[0].length;
        numeralEnd = j;
      }
    }
    if (negative) value = -value;
    let end = numeralEnd;
    let percent = false;
    const pct = /^(?:%|\s?-?percent(?![A-Za-z]))/i.exec(text.slice(numeralEnd));
    if (!ordinal && pct) {
      percent = true;
      end = numeralEnd + pct[0].length;
    }
    let start = numeralStart;
    let currency: string | undefined;
    const before = text[numeralStart - 1];
    if (before !== undefined && CURRENCIES.has(before)) {
      currency = before;
      start = numeralStart - 1;
    }
    const mention: NumberMention = {
      start,
      end,
      text: text.slice(start, end),
      value,
      kind,
      numeralStart,
      numeralEnd,
      percent,
      ordinal,
    };
    if (currency !== undefined) mention.currency = currency;
    out.push(mention);
    i = Math.max(j, end);
  }
  return out;
}

interface WordNumber {
  value: number;
  /** Index (in the word list) one past the last word used. */
  next: number;
}

/** Read a cardinal made of number words starting at word index `w` (`twenty-five`, `one hundred and five`). */
function readCardinal(text: string, words: readonly Word[], w: number, afterArticle = false): WordNumber | undefined {
  let total = 0;
  let current = 0;
  let last: 'unit' | 'teen' | 'ten' | 'hundred' | 'scale' | undefined;
  let k = w;
  while (k < words.length) {
    const word = words[k];
    if (word === undefined) break;
    if (k > w) {
      const prev = words[k - 1];
      if (prev === undefined) break;
      // `one hundred and five`: an `and` joins only after hundred/thousand and before a smaller number.
      if (word.lower === 'and' && (last === 'hundred' || last === 'scale')) {
        const after = words[k + 1];
        if (after && adjacent(text, word, after) && adjacent(text, prev, word) && (UNITS[after.lower] !== undefined || TENS[after.lower] !== undefined)) {
          k++;
          continue;
        }
        break;
      }
      if (!adjacent(text, prev, word) && !(prev.lower === 'and' && adjacent(text, prev, word))) break;
    }
    const unit = UNITS[word.lower];
    const ten = TENS[word.lower];
    if (unit !== undefined) {
      if (last === 'unit' || last === 'teen') break;
      if (last === 'ten' && unit >= 10) break;
      current += unit;
      last = unit >= 10 ? 'teen' : 'unit';
    } else if (ten !== undefined) {
      if (last === 'unit' || last === 'teen' || last === 'ten') break;
      current += ten;
      last = 'ten';
    } else if (word.lower === 'hundred') {
      if (last === 'hundred' || (last === undefined && !afterArticle)) break;
      current = (current === 0 ? 1 : current) * 100;
      last = 'hundred';
    } else if (SCALES[word.lower] !== undefined) {
      if (last === 'scale' || (last === undefined && !afterArticle)) break;
      total += (current === 0 ? 1 : current) * (SCALES[word.lower] ?? 1);
      current = 0;
      last = 'scale';
    } else {
      break;
    }
    k++;
  }
  if (k === w) return undefined;
  return { value: total + current, next: k };
}

function isArticle(word: Word | undefined): boolean {
  return word !== undefined && (word.lower === 'a' || word.lower === 'an');
}

/** Scan word mentions, skipping anything inside `taken` spans (digit mentions). */
function findWordMentions(text: string, taken: readonly NumberMention[]): NumberMention[] {
  const words = wordsOf(text).filter((w) => !taken.some((t) => w.start < t.end && w.end > t.start));
  const out: NumberMention[] = [];
  const push = (from: Word, to: Word, value: number, kind: NumberMentionKind): void => {
    const start = from.start;
    let end = to.end;
    let percent = false;
    const pct = /^(?:\s?-?percent(?![A-Za-z]))/i.exec(text.slice(end));
    if (kind === 'words' && pct) {
      percent = true;
      end += pct[0].length;
    }
    out.push({
      start,
      end,
      text: text.slice(start, end),
      value,
      kind,
      numeralStart: start,
      numeralEnd: to.end,
      percent,
      ordinal: false,
    });
  };
  let w = 0;
  while (w < words.length) {
    const word = words[w];
    if (word === undefined) break;
    const next = words[w + 1];
    const next2 = words[w + 2];
    // `half a dozen` = 6
    if (word.lower === 'half' && isArticle(next) && next2?.lower === 'dozen' && next && adjacent(text, word, next) && adjacent(text, next, next2)) {
      push(word, next2, 6, 'words');
      w += 3;
      continue;
    }
    // `a dozen`, `dozen`
    if (word.lower === 'dozen') {
      push(word, word, 12, 'words');
      w += 1;
      continue;
    }
    if (isArticle(word) && next && adjacent(text, word, next)) {
      if (next.lower === 'dozen') {
        push(word, next, 12, 'words');
        w += 2;
        continue;
      }
      if (next.lower === 'hundred' || SCALES[next.lower] !== undefined) {
        const card = readCardinal(text, words, w + 1, true);
        if (card) {
          const last = words[card.next - 1] ?? next;
          push(word, last, card.value, 'words');
          w = card.next;
          continue;
        }
      }
      const den = DENOMINATORS[next.lower];
      if (den !== undefined && !next.lower.endsWith('s')) {
        push(word, next, 1 / den, 'fraction-words');
        w += 2;
        continue;
      }
    }
    const mult = MULTIPLIERS[word.lower];
    if (mult !== undefined) {
      push(word, word, mult, 'multiplier');
      w += 1;
      continue;
    }
    if (word.lower === 'half') {
      push(word, word, 0.5, 'fraction-words');
      w += 1;
      continue;
    }
    const card = readCardinal(text, words, w);
    if (card) {
      const lastWord = words[card.next - 1] ?? word;
      const after = words[card.next];
      // `two thirds`, `three quarters`, `one half`
      if (after && adjacent(text, lastWord, after) && DENOMINATORS[after.lower] !== undefined && card.value > 0 && card.value < 20) {
        push(word, after, card.value / (DENOMINATORS[after.lower] ?? 1), 'fraction-words');
        w = card.next + 1;
        continue;
      }
      // `one and a half`, `two and a half`
      const andW = words[card.next];
      const aW = words[card.next + 1];
      const halfW = words[card.next + 2];
      if (andW?.lower === 'and' && isArticle(aW) && halfW?.lower === 'half' && aW && adjacent(text, lastWord, andW) && adjacent(text, andW, aW) && adjacent(text, aW, halfW)) {
        push(word, halfW, card.value + 0.5, 'words');
        w = card.next + 3;
        continue;
      }
      push(word, lastWord, card.value, 'words');
      w = card.next;
      continue;
    }
    w += 1;
  }
  return out;
}

/** Every number mentioned in `text`, in text order, with its value and span. */
export function findNumbers(text: string): NumberMention[] {
  const digits = findDigitMentions(text);
  const words = findWordMentions(text, digits);
  return [...digits, ...words].sort((a, b) => a.start - b.start);
}

/**
 * A string that is one number and nothing else, read unambiguously: `12`, `1,250`, `12.5`, `-3`, `$3`,
 * `3/4`, `1 1/2`. Percentages are not read (`50%` could mean 50 or 0.5); words are not read (see
 * `parseNumberWords`). Returns undefined when the string is anything else.
 */
export function parseNumericString(raw: string): number | undefined {
  const s = raw.trim();
  const m = /^([$€£])?\s*([-+])?\s*([$€£])?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|\d+\.)(?:\/(\d+)| (\d+)\/(\d+))?$/.exec(s);
  if (!m) return undefined;
  if (m[1] !== undefined && m[3] !== undefined) return undefined;
  const sign = m[2] === '-' ? -1 : 1;
  const body = (m[4] ?? '').replace(/,/g, '');
  let value = Number(body);
  if (m[5] !== undefined) {
    if (body.includes('.') || (m[4] ?? '').includes(',')) return undefined;
    const den = Number(m[5]);
    if (den === 0) return undefined;
    value = value / den;
  } else if (m[6] !== undefined && m[7] !== undefined) {
    if (body.includes('.')) return undefined;
    const num = Number(m[6]);
    const den = Number(m[7]);
    if (den === 0 || num >= den) return undefined;
    value = value + num / den;
  }
  return Number.isFinite(value) ? sign * value : undefined;
}

/** A string that is one number written in words (`five`, `Twenty`, `twice`, `half`), or undefined. */
export function parseNumberWords(raw: string): number | undefined {
  const s = raw.trim();
  const mentions = findNumbers(s);
  const only = mentions[0];
  if (mentions.length !== 1 || only === undefined || only.start !== 0 || only.end !== s.length) return undefined;
  return only.value;
}
