/**
 * Numbers written in English words: "twelve", "one hundred and five", "minus three",
 * "two thousand twenty-four", and simple fractions "a half", "three quarters", "two thirds".
 * Young learners type these; the reading is shown, so a misreading is visible.
 */
import type { Rational } from './checker.types.std.js';
import { rat } from './rational.std.js';

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Readonly<Record<string, bigint>> = { thousand: 1000n, million: 1_000_000n, billion: 1_000_000_000n };
const DENOMINATORS: Readonly<Record<string, bigint>> = {
  half: 2n, halves: 2n, third: 3n, thirds: 3n, quarter: 4n, quarters: 4n, fourth: 4n, fourths: 4n, fifth: 5n, fifths: 5n,
  sixth: 6n, sixths: 6n, seventh: 7n, sevenths: 7n, eighth: 8n, eighths: 8n, ninth: 9n, ninths: 9n, tenth: 10n, tenths: 10n,
  twelfth: 12n, twelfths: 12n, hundredth: 100n, hundredths: 100n,
};

export type NumberWordsReading = { kind: 'integer'; value: bigint } | { kind: 'fraction'; numerator: bigint; denominator: bigint; value: Rational };

function readInteger(words: readonly string[]): bigint | undefined {
  if (words.length === 0) return undefined;
  let total = 0n;
  let group = 0n;
  let sawAny = false;
  // The previous word when it was a number below 100: "twenty five" is fine, "twelve twelve" is not.
  let previous: number | undefined;
  for (const w of words) {
    if (w === 'and') continue;
    const unit = UNITS[w];
    if (unit !== undefined) {
      if (previous !== undefined && !(previous >= 20 && previous % 10 === 0 && unit < 10 && unit > 0)) return undefined;
      group += BigInt(unit);
      sawAny = true;
      previous = unit;
      continue;
    }
    previous = undefined;
    if (w === 'hundred') {
      group = (group === 0n ? 1n : group) * 100n;
      sawAny = true;
      continue;
    }
    const scale = SCALES[w];
    if (scale !== undefined) {
      total += (group === 0n ? 1n : group) * scale;
      group = 0n;
      sawAny = true;
      continue;
    }
    return undefined;
  }
  return sawAny ? total + group : undefined;
}

/** Read the whole text as number words, or undefined. Input is short (capped), words are split on spaces and hyphens. */
export function readNumberWords(text: string): NumberWordsReading | undefined {
  const words = text.toLowerCase().replace(/-/g, ' ').split(' ').filter((w) => w !== '');
  if (words.length === 0 || words.length > 12) return undefined;
  let negative = false;
  if (words[0] === 'minus' || words[0] === 'negative') {
    negative = true;
    words.shift();
  }
  const last = words[words.length - 1] ?? '';
  const denominator = DENOMINATORS[last];
  if (denominator !== undefined && words.length >= 2) {
    const head = words.slice(0, -1);
    const numerator = head.length === 1 && (head[0] === 'a' || head[0] === 'an') ? 1n : readInteger(head);
    if (numerator === undefined) return undefined;
    const signed = negative ? -numerator : numerator;
    return { kind: 'fraction', numerator: signed, denominator, value: rat(signed, denominator) };
  }
  if (words[0] === 'a' && (words[1] === 'hundred' || (words[1] !== undefined && SCALES[words[1]] !== undefined))) words[0] = 'one';
  const value = readInteger(words);
  if (value === undefined) return undefined;
  return { kind: 'integer', value: negative ? -value : value };
}
