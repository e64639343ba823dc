/**
 * Number detection for authoring: every number of a pasted problem as a span with its value, kind and a
 * proposed placeholder name, read by the importers' reader (src-main/importers/number-words.ts), so the
 * app and the auto-templatizer agree on what a number is.
 *
 * Decisions (each proposed span can be changed by the author):
 * - Years (`in 2019`, a 4-digit whole number 1900–2099 after in/since/of/year/by/until/from, or alone
 *   followed by a comma/full stop) are detected with kind `year` and proposed unmasked: a date is
 *   rarely one of the problem's quantities, and a program that hard-codes it stays correct.
 * - `one`, `once`, `half`, and `double`/`triple` used as adjectives ("a double room") are proposed
 *   unmasked: they are rarely quantities, or cannot hold another number in their sentence.
 * - Ordinals (`3rd`, `third`) are not numbers here at all.
 * - Names come from the noun after the number (`5 apples` → `apples`, `a 120-page book` → `pages`,
 *   `48 of her friends` → `friends`), from the verb before money (`costs $5` → `cost`), from the unit of
 *   a rate (`$12.50 per hour` → `rate_per_hour`), and `<noun>_percent` / `<noun>_fraction` / `factor`.
 */
import { findNumbers, parseNumberWords, type NumberMention } from '../importers/number-words.js';
import type { NumberKind, NumberSpan } from './authoring-types.std.js';
import { uniqueName } from './mask.std.js';

/** Words skipped when looking for the noun a number counts. */
const FILLER = new Set([
  'of', 'the', 'a', 'an', 'her', 'his', 'their', 'its', 'my', 'your', 'our', 'them', 'these', 'those', 'more', 'fewer', 'less',
  'extra', 'additional', 'new', 'other', 'different', 'whole', 'full', 'total', 'big', 'small', 'large', 'little', 'old',
  'same', 'red', 'blue', 'green', 'yellow', 'white', 'black', 'brown', 'pink', 'purple', 'orange',
]);
/** Words that end the search: what follows is not the counted noun. */
const STOP = new Set([
  'and', 'or', 'but', 'to', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'if', 'is', 'are', 'was', 'were', 'be', 'has', 'have',
  'had', 'as', 'than', 'that', 'this', 'it', 'he', 'she', 'they', 'we', 'you', 'i', 'each', 'per', 'every', 'how', 'what',
  'much', 'many', 'times', 'then', 'so', 'will', 'would', 'can', 'could', 'did', 'does', 'do', 'left', 'all', 'who',
]);
/** Verbs before an amount of money, and the name they suggest. */
const MONEY_VERBS: Readonly<Record<string, string>> = {
  cost: 'cost', costs: 'cost', costing: 'cost', priced: 'price', price: 'price', sells: 'price', sold: 'price', charges: 'fee',
  charged: 'fee', charge: 'fee', pays: 'pay', paid: 'pay', pay: 'pay', earns: 'earnings', earned: 'earnings', makes: 'earnings',
  made: 'earnings', saves: 'savings', saved: 'savings', spends: 'spent', spent: 'spent', has: 'money', had: 'money',
  needs: 'needed', need: 'needed', gives: 'gift', gave: 'gift', give: 'gift', given: 'gift', budget: 'budget', tip: 'tip', fee: 'fee', salary: 'salary', wage: 'wage', worth: 'value',
};
/** Units of a rate: `$12 per hour`, `$12 an hour`, `$3 each`. */
const RATE_AFTER = /^\s*(?:per|an?|each|every)\s+([a-z]+)/i;
const YEAR_BEFORE = /\b(?:in|since|of|year|by|until|from|before|after)\s+$/i;

function words(s: string): string[] {
  return s.match(/[A-Za-z]+/g)?.map((w) => w.toLowerCase()) ?? [];
}

/** The noun right after a number, skipping fillers; a hyphenated unit (`120-page`) counts as its plural. */
function nounAfter(text: string, end: number): string | undefined {
  // The noun is in the same sentence (`needs $100. Her parents…` has none).
  const rest = text.slice(end, end + 60).split(/[.!?;]/)[0] ?? '';
  const hyphen = /^-([A-Za-z]+)/.exec(rest);
  if (hyphen?.[1]) return plural(hyphen[1].toLowerCase());
  for (const w of words(rest).slice(0, 4)) {
    if (STOP.has(w)) return undefined;
    if (FILLER.has(w)) continue;
    return w;
  }
  return undefined;
}

function plural(w: string): string {
  if (/(?:s|x|ch|sh)$/.test(w)) return w;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  return `${w}s`;
}

const PRONOUNS = new Set(['her', 'him', 'them', 'me', 'us', 'you', 'it', 'only', 'just', 'about', 'another']);

/** The word before a number, looking past pronouns (`give her $15` → `give`). */
function wordBefore(text: string, start: number): string | undefined {
  const before = words(text.slice(Math.max(0, start - 40), start));
  while (before.length > 1 && PRONOUNS.has(before.at(-1) ?? '')) before.pop();
  return before.at(-1);
}

function kindOf(m: NumberMention, text: string): NumberKind {
  if (m.percent) return 'percent';
  if (m.currency !== undefined) return 'money';
  if (m.kind === 'multiplier') return 'multiplier';
  if (m.kind === 'fraction' || m.kind === 'fraction-words') return 'fraction';
  if (m.kind === 'digits' && Number.isInteger(m.value) && m.value >= 1900 && m.value <= 2099 && /^\d{4}$/.test(m.text)) {
    const before = text.slice(Math.max(0, m.start - 12), m.start);
    const after = text.slice(m.end, m.end + 2);
    if (YEAR_BEFORE.test(before) || /^[,.](?!\d)/.test(after)) return 'year';
  }
  return 'number';
}

/** A fraction's whole numbers: `3/4` → 3 and 4, `two thirds` → 2 and 3, `half` → 1 and 2. */
function fractionParts(m: NumberMention, text: string): { num: number; den: number } | undefined {
  const digits = /^(\d+)\/(\d+)$/.exec(text.slice(m.numeralStart, m.numeralEnd));
  if (digits) return { num: Number(digits[1]), den: Number(digits[2]) };
  for (let den = 2; den <= 20; den++) {
    const num = Math.round(m.value * den);
    if (num > 0 && Math.abs(num / den - m.value) < 1e-9) return { num, den };
  }
  return undefined;
}

const MULTIPLIER_FOLLOWERS = new Set(['the', 'that', 'what', 'as', 'his', 'her', 'their', 'its', 'this', 'my', 'your', 'our', 'of']);

/** Why a span is proposed unmasked, or null. */
function unmaskNote(m: NumberMention, kind: NumberKind, text: string): string | null {
  const lower = m.text.toLowerCase();
  if (kind === 'year') return 'looks like a year: mask it if the problem computes with it';
  if (m.kind === 'words' && lower === 'one') return '"one" is often not a quantity ("one day", "one of them")';
  if (lower === 'once') return '"once" is rarely a quantity';
  if (m.kind === 'fraction-words' && /^(?:a\s+|one\s+)?half$/i.test(m.text)) return '"half" reads badly with another number in its place';
  if (lower === 'double' || lower === 'triple' || lower === 'quadruple') {
    const next = /^\s+([A-Za-z]+)/.exec(text.slice(m.end))?.[1]?.toLowerCase();
    if (next === undefined || !MULTIPLIER_FOLLOWERS.has(next)) return `"${m.text}" is not used as a multiplier here`;
  }
  return null;
}

function proposedName(m: NumberMention, kind: NumberKind, text: string): string {
  const noun = nounAfter(text, m.end);
  switch (kind) {
    case 'money': {
      const rate = RATE_AFTER.exec(text.slice(m.end, m.end + 30))?.[1]?.toLowerCase();
      if (rate !== undefined && !FILLER.has(rate) && !STOP.has(rate)) return `price_per_${rate}`;
      if (/^\s*each\b/i.test(text.slice(m.end))) return 'price_each';
      const verb = wordBefore(text, m.start);
      if (verb !== undefined && MONEY_VERBS[verb] !== undefined) return MONEY_VERBS[verb];
      return noun !== undefined ? `${noun}_price` : 'amount';
    }
    case 'percent': {
      const after = /^\s*(?:of\s+(?:the\s+|her\s+|his\s+|their\s+)?)?([A-Za-z]+)/.exec(text.slice(m.end))?.[1]?.toLowerCase();
      if (after === 'off' || after === 'discount') return 'discount_percent';
      return after !== undefined && !STOP.has(after) && !FILLER.has(after) ? `${after}_percent` : 'percent';
    }
    case 'fraction':
      return noun !== undefined ? `${noun}_fraction` : 'fraction';
    case 'multiplier':
      return 'factor';
    case 'year':
      return 'year';
    default: {
      if (noun !== undefined) return noun;
      const before = wordBefore(text, m.start);
      return before !== undefined && !STOP.has(before) && !FILLER.has(before) ? before : 'n';
    }
  }
}

function spanOf(m: NumberMention, text: string, taken: Set<string>): NumberSpan | undefined {
  if (m.ordinal || !Number.isFinite(m.value)) return undefined;
  const kind = kindOf(m, text);
  const note = unmaskNote(m, kind, text);
  const span: NumberSpan = {
    start: m.start,
    end: m.end,
    text: m.text,
    value: m.value,
    kind,
    written: /^[^A-Za-z]*\d/.test(m.text) ? 'digits' : 'words',
    name: uniqueName(proposedName(m, kind, text), taken),
    masked: note === null,
    note,
  };
  if (kind === 'fraction') {
    const parts = fractionParts(m, text);
    if (parts === undefined) return { ...span, kind: 'number' };
    span.fraction = parts;
  }
  return span;
}

/** Every number of the problem, in text order, with a unique proposed name each. */
export function detectNumbers(text: string): NumberSpan[] {
  const taken = new Set<string>();
  const out: NumberSpan[] = [];
  for (const m of findNumbers(text)) {
    const span = spanOf(m, text, taken);
    if (span !== undefined) out.push(span);
  }
  return out;
}

/**
 * The author marks `text.slice(start, end)` as a number: it must read as exactly one number (surrounding
 * spaces are ignored). `taken` holds the names already in use. Throws with the reason otherwise.
 */
export function markNumber(text: string, start: number, end: number, taken: readonly string[]): NumberSpan {
  if (!(start >= 0 && end <= text.length && start < end)) throw new Error(`the selection ${start}–${end} is outside the problem text`);
  const raw = text.slice(start, end);
  // A selection made with the mouse often takes a space or a full stop along.
  const lead = /^[\s.,;:!?()"']*/.exec(raw)?.[0].length ?? 0;
  const trail = /[\s.,;:!?()"']*$/.exec(raw.slice(lead))?.[0].length ?? 0;
  const from = start + lead;
  const to = end - trail;
  if (to <= from) throw new Error('the selection holds no number');
  const inside = findNumbers(text).filter((m) => m.start >= from && m.end <= to);
  const exact = inside.find((m) => m.start === from && m.end === to);
  if (exact === undefined) {
    const picked = text.slice(from, to);
    const alone = parseNumberWords(picked);
    const why = inside.length > 1 ? 'it holds more than one number' : alone === undefined ? 'it is not a number' : 'it is part of a longer number';
    throw new Error(`"${picked}" cannot be marked as a number: ${why}`);
  }
  if (exact.ordinal) throw new Error(`"${exact.text}" is an ordinal (a position), not a quantity`);
  const span = spanOf(exact, text, new Set(taken));
  if (span === undefined) throw new Error(`"${exact.text}" cannot be marked as a number`);
  return { ...span, masked: true, note: null };
}
