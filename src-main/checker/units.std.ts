/**
 * Units and currencies written after (or before) a number. A small table of school units with exact
 * conversion factors lets the checker say "right amount, wrong unit" (150 cm for 1.5 m); any other
 * word (`apples`, `cups`) is compared as text, singular and plural alike.
 */
import type { Rational } from './checker.types.std.js';
import { div, eq, ONE, rat } from './rational.std.js';
import { isDigit, isLetter } from './numbers.std.js';

export interface UnitInfo {
  /** Canonical spelling (`cm`, `km/h`, `m^2`). */
  key: string;
  /** Things of one dimension convert into each other (`length`, `length^2`, `length/time`). */
  dimension: string;
  /** Size in the dimension's base unit (m, g, ml, s). */
  factor: Rational;
}

interface BaseUnit {
  key: string;
  dimension: string;
  factor: Rational;
  /** Lower-case aliases; words are listed in the singular, plurals are derived. */
  aliases: string[];
  words: string[];
}

const dec = (text: string): Rational => {
  const [i = '0', f = ''] = text.split('.');
  return rat(BigInt(i + f), 10n ** BigInt(f.length));
};

const LENGTH: BaseUnit[] = [
  { key: 'mm', dimension: 'length', factor: dec('0.001'), aliases: ['mm'], words: ['millimeter', 'millimetre'] },
  { key: 'cm', dimension: 'length', factor: dec('0.01'), aliases: ['cm'], words: ['centimeter', 'centimetre'] },
  { key: 'm', dimension: 'length', factor: ONE, aliases: ['m'], words: ['meter', 'metre'] },
  { key: 'km', dimension: 'length', factor: dec('1000'), aliases: ['km'], words: ['kilometer', 'kilometre'] },
  { key: 'in', dimension: 'length', factor: dec('0.0254'), aliases: ['in', '"'], words: ['inch'] },
  { key: 'ft', dimension: 'length', factor: dec('0.3048'), aliases: ['ft', "'"], words: ['foot', 'feet'] },
  { key: 'yd', dimension: 'length', factor: dec('0.9144'), aliases: ['yd'], words: ['yard'] },
  { key: 'mi', dimension: 'length', factor: dec('1609.344'), aliases: ['mi'], words: ['mile'] },
];
const OTHERS: BaseUnit[] = [
  { key: 'mg', dimension: 'mass', factor: dec('0.001'), aliases: ['mg'], words: ['milligram', 'milligramme'] },
  { key: 'g', dimension: 'mass', factor: ONE, aliases: ['g', 'gr'], words: ['gram', 'gramme'] },
  { key: 'kg', dimension: 'mass', factor: dec('1000'), aliases: ['kg', 'kilo', 'kilos'], words: ['kilogram', 'kilogramme'] },
  { key: 't', dimension: 'mass', factor: dec('1000000'), aliases: ['t'], words: ['tonne', 'metric ton'] },
  { key: 'oz', dimension: 'mass', factor: dec('28.349523125'), aliases: ['oz'], words: ['ounce'] },
  { key: 'lb', dimension: 'mass', factor: dec('453.59237'), aliases: ['lb', 'lbs'], words: ['pound'] },
  { key: 'ml', dimension: 'volume', factor: ONE, aliases: ['ml', 'cc', 'cm^3', 'cm3'], words: ['milliliter', 'millilitre', 'cubic centimeter', 'cubic centimetre'] },
  { key: 'cl', dimension: 'volume', factor: dec('10'), aliases: ['cl'], words: ['centiliter', 'centilitre'] },
  { key: 'dl', dimension: 'volume', factor: dec('100'), aliases: ['dl'], words: ['deciliter', 'decilitre'] },
  { key: 'l', dimension: 'volume', factor: dec('1000'), aliases: ['l', 'ltr'], words: ['liter', 'litre'] },
  { key: 'm^3', dimension: 'volume', factor: dec('1000000'), aliases: ['m^3', 'm3'], words: ['cubic meter', 'cubic metre'] },
  { key: 'gal', dimension: 'volume', factor: dec('3785.411784'), aliases: ['gal'], words: ['gallon'] },
  { key: 'ms', dimension: 'time', factor: dec('0.001'), aliases: ['ms'], words: ['millisecond'] },
  { key: 's', dimension: 'time', factor: ONE, aliases: ['s', 'sec', 'secs'], words: ['second'] },
  { key: 'min', dimension: 'time', factor: dec('60'), aliases: ['min', 'mins'], words: ['minute'] },
  { key: 'h', dimension: 'time', factor: dec('3600'), aliases: ['h', 'hr', 'hrs'], words: ['hour'] },
  { key: 'day', dimension: 'time', factor: dec('86400'), aliases: ['d'], words: ['day'] },
  { key: 'week', dimension: 'time', factor: dec('604800'), aliases: ['wk', 'wks'], words: ['week'] },
  { key: 'year', dimension: 'time', factor: dec('31536000'), aliases: ['yr', 'yrs'], words: ['year'] },
  { key: 'ha', dimension: 'length^2', factor: dec('10000'), aliases: ['ha'], words: ['hectare'] },
  { key: '°', dimension: 'angle', factor: ONE, aliases: ['°', 'deg'], words: ['degree'] },
  { key: '°C', dimension: 'celsius', factor: ONE, aliases: ['°c', 'degc', 'c°'], words: ['degree celsius', 'degrees celsius', 'celsius'] },
  { key: '°F', dimension: 'fahrenheit', factor: ONE, aliases: ['°f', 'degf', 'f°'], words: ['degree fahrenheit', 'degrees fahrenheit', 'fahrenheit'] },
  { key: 'mph', dimension: 'length/time', factor: dec('0.44704'), aliases: ['mph'], words: ['mile per hour', 'miles per hour'] },
  { key: 'km/h', dimension: 'length/time', factor: rat(5n, 18n), aliases: ['kph', 'kmh', 'km/hr', 'kmph'], words: ['kilometer per hour', 'kilometers per hour', 'kilometre per hour', 'kilometres per hour'] },
];

function plural(word: string): string[] {
  if (word === 'foot' || word === 'feet') return [word];
  if (word.endsWith('inch')) return [`${word}es`];
  if (word.includes(' per ')) return [word];
  if (word.startsWith('cubic ') || word.startsWith('square ')) return [`${word}s`];
  return [`${word}s`];
}

const TABLE = new Map<string, UnitInfo>();
function register(alias: string, info: UnitInfo): void {
  if (!TABLE.has(alias)) TABLE.set(alias, info);
}
for (const u of [...LENGTH, ...OTHERS]) {
  const info: UnitInfo = { key: u.key, dimension: u.dimension, factor: u.factor };
  for (const a of u.aliases) register(a, info);
  for (const w of u.words) for (const form of [w, ...plural(w)]) register(form, info);
}
// Areas from lengths: cm^2, cm2, sq cm, square centimeters, centimeters squared.
for (const u of LENGTH) {
  const info: UnitInfo = { key: `${u.key}^2`, dimension: 'length^2', factor: { n: u.factor.n * u.factor.n, d: u.factor.d * u.factor.d } };
  for (const a of u.aliases.filter((x) => isLetter(x[0]))) {
    for (const form of [`${a}^2`, `${a}2`, `sq ${a}`, `square ${a}`]) register(form, info);
  }
  for (const w of u.words) {
    const forms = w === 'foot' || w === 'feet' ? ['square foot', 'square feet', 'sq feet', 'feet squared'] : [`square ${w}`, `square ${w}s`, `sq ${w}s`, `${w}s squared`, `${w} squared`];
    for (const f of forms) register(f, info);
  }
}
const CURRENCY_UNITS: ReadonlyArray<[string, string[]]> = [
  ['USD', ['usd', '$', 'us$', 'dollar', 'dollars']],
  ['EUR', ['eur', '€', 'euro', 'euros']],
  ['GBP', ['gbp', '£', 'pounds sterling', 'sterling']],
  ['JPY', ['jpy', '¥', 'yen']],
  ['INR', ['inr', '₹', 'rupee', 'rupees']],
  ['CAD', ['cad', 'c$']],
  ['AUD', ['aud', 'a$']],
  ['CHF', ['chf']],
];
for (const [code, aliases] of CURRENCY_UNITS) {
  const info: UnitInfo = { key: code, dimension: `currency:${code}`, factor: ONE };
  for (const a of aliases) register(a, info);
}

/** Tidy a unit for comparison: lower case, no dots (`sq. ft.`), single spaces, `²` already `^2`. */
export function tidyUnit(unit: string): string {
  let out = '';
  for (const c of unit.toLowerCase()) {
    if (c === '.') continue;
    out += c;
  }
  return out.split(' ').filter((w) => w !== '').join(' ').replace(/ ?\/ ?/g, '/').replace(/ ?\^ ?/g, '^');
}

/** A unit from the table; compound `a/b` and `a per b` are built from their parts (`g/cm^3`, `m/s`). */
export function lookupUnit(unit: string): UnitInfo | undefined {
  const t = tidyUnit(unit);
  const direct = TABLE.get(t);
  if (direct !== undefined) return direct;
  const sep = t.includes('/') ? '/' : t.includes(' per ') ? ' per ' : undefined;
  if (sep === undefined) return undefined;
  const parts = t.split(sep);
  if (parts.length !== 2) return undefined;
  const a = TABLE.get(parts[0] ?? '');
  const b = TABLE.get(parts[1] ?? '') ?? (parts[1] !== undefined ? TABLE.get(parts[1].replace(/s$/, '')) : undefined);
  if (a === undefined || b === undefined) return undefined;
  const factor = div(a.factor, b.factor);
  if (factor === undefined) return undefined;
  return { key: `${a.key}/${b.key}`, dimension: `${a.dimension}/${b.dimension}`, factor };
}

/** Words compared without a table: `apples` = `apple`, `boxes` = `box`. */
function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 2) return word.slice(0, -1);
  return word;
}

export type UnitComparison =
  | { relation: 'same' }
  /** Same dimension: a learner value in `learner` units is `factor` times as much in `expected` units. */
  | { relation: 'convertible'; factor: Rational }
  | { relation: 'different' };

export function compareUnits(learner: string, expected: string): UnitComparison {
  const a = lookupUnit(learner);
  const b = lookupUnit(expected);
  if (a !== undefined && b !== undefined) {
    if (a.key === b.key || (a.dimension === b.dimension && eq(a.factor, b.factor))) return { relation: 'same' };
    if (a.dimension === b.dimension) {
      const factor = div(a.factor, b.factor);
      return factor === undefined ? { relation: 'different' } : { relation: 'convertible', factor };
    }
    return { relation: 'different' };
  }
  if (a !== undefined || b !== undefined) return { relation: 'different' };
  const words = (u: string): string => tidyUnit(u).split(' ').map(singular).join(' ');
  return words(learner) === words(expected) ? { relation: 'same' } : { relation: 'different' };
}

/** The currency an expected unit names (`$`, `USD`, `dollars` → USD), if it names one. */
export function currencyOfUnit(unit: string): string | undefined {
  const info = lookupUnit(unit);
  return info?.dimension.startsWith('currency:') === true ? info.key : undefined;
}

export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹' };

/** Currency marks written before the amount, longest first. */
const CURRENCY_PREFIXES: ReadonlyArray<[string, string]> = [
  ['US$', 'USD'], ['A$', 'AUD'], ['C$', 'CAD'], ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['₹', 'INR'],
];
const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'INR', 'CAD', 'AUD', 'CHF']);

/** A currency mark at `i` (`$`, `€`, `USD `); returns its code and the index after it (and one space). */
export function readCurrencyPrefix(s: string, i: number): { code: string; end: number } | undefined {
  for (const [mark, code] of CURRENCY_PREFIXES) {
    if (s.startsWith(mark, i)) return { code, end: s[i + mark.length] === ' ' ? i + mark.length + 1 : i + mark.length };
  }
  const word = s.slice(i, i + 3).toUpperCase();
  const after = s[i + 3];
  if (CURRENCY_CODES.has(word) && (after === ' ' || isDigit(after) || after === '-')) {
    return { code: word, end: after === ' ' ? i + 4 : i + 3 };
  }
  return undefined;
}

/** A currency written after the amount (`12.50$`, `3 €`, `12 dollars`, `50¢`, `50 cents`). */
/** `code` is an ISO code, or `cents` for ¢/cents (a hundredth of whatever the currency is). */
export function readCurrencySuffix(rest: string): { code: string } | undefined {
  const t = tidyUnit(rest);
  if (t === '¢' || t === 'cent' || t === 'cents') return { code: 'cents' };
  for (const [mark, code] of CURRENCY_PREFIXES) if (t === mark.toLowerCase()) return { code };
  const info = TABLE.get(t);
  if (info?.dimension.startsWith('currency:') === true) return { code: info.key };
  return undefined;
}

/** Single letters that are units; any other lone letter after a number is algebra (`3x`), not a unit. */
const SINGLE_LETTER_UNITS = new Set(['m', 'g', 's', 'l', 'h', 't', 'd']);

/**
 * Is `rest` (what follows the number) a unit? Up to four words of letters, joined by spaces, `/`,
 * `·` or ` per `, each with an optional small power (`m^2`, `cm3`). Scanned by hand: linear time.
 */
export function readUnitText(rest: string): string | undefined {
  const t = rest.trim();
  if (t === '' || t.length > 40) return undefined;
  if (t === "'" || t === '"' || t === '°') return t;
  let words = 0;
  let i = 0;
  while (i < t.length) {
    // one word
    const start = i;
    while (i < t.length && (isLetter(t[i]) || t[i] === '°' || t[i] === '.' || t[i] === 'µ')) i++;
    const word = t.slice(start, i);
    if (word === '' || !(isLetter(word[0]) || word[0] === '°' || word[0] === 'µ')) return undefined;
    if (t[i] === '^') i++;
    if (isDigit(t[i])) {
      i++;
      if (isDigit(t[i])) return undefined;
    }
    words++;
    if (words > 4) return undefined;
    if (i >= t.length) break;
    // Between words: spaces, or `/`, `·`, `*` with optional spaces around.
    const before = i;
    while (t[i] === ' ') i++;
    if (t[i] === '/' || t[i] === '·' || t[i] === '*') {
      i++;
      while (t[i] === ' ') i++;
    }
    if (i === before) return undefined;
  }
  const tidy = tidyUnit(t);
  if (words === 1 && tidy.length === 1 && !SINGLE_LETTER_UNITS.has(tidy)) return undefined;
  return tidy;
}
