/**
 * Where a variable's new values come from when the template does not say. Imported datasets (GSM8K,
 * InfinityMATH rows) carry only original values, so the domain is guessed from the value, the variable's
 * name and the words around its placeholder. The guess is conservative: anything that looks structural
 * (a unit conversion, a multiplier of 1, an exponent) stays fixed, because changing it would change
 * what the problem is about rather than its numbers.
 */
import { detectPlaceholderStyle, findPlaceholders } from '../template/placeholders.js';
import { findMathRegions, type MathRegion } from '../template/render.js';
import { decimalsOf } from '../template/format-value.js';
import type { Domain, PlaceholderStyle, Template, VariableValue } from '../template/template.types.js';
import { WORD_LISTS } from './word-lists.js';

export interface PlaceholderSpan {
  start: number;
  end: number;
}

export interface DomainContext {
  /** The text to read context from; defaults to `template.generic_problem`. */
  text?: string;
  /** Placeholder style; defaults to `template.placeholder_style`, else detected. */
  style?: PlaceholderStyle;
}

/** A fresh object each time: callers may keep or extend the domains they get. */
const fixed = (): Domain => ({ kind: 'fixed' });
/** Characters of text on each side of a placeholder read for clues. */
const WINDOW = 40;

// ---------------------------------------------------------------------------------------------------
// Word lists: which list a string value belongs to.

/** Lists checked for string values, most specific first; `names` itself is never the answer. */
const LIST_ORDER = [
  'female_names', 'male_names', 'unisex_names', 'items', 'items_singular', 'fruits', 'fruits_singular',
  'vegetables', 'vegetables_singular', 'animals', 'animals_singular', 'foods', 'foods_singular', 'vehicles',
  'vehicles_singular', 'colors', 'cities', 'sports', 'stores', 'school_subjects', 'currencies_sym', 'weekdays',
  'months',
] as const;

/** Lowercased word → the lists holding it, built once. */
const LISTS_BY_WORD: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const list of LIST_ORDER) {
    for (const word of WORD_LISTS[list] ?? []) {
      const key = word.toLowerCase();
      const lists = map.get(key) ?? [];
      lists.push(list);
      map.set(key, lists);
    }
  }
  return map;
})();

const SHE = /\b(?:she|her|hers|herself)\b/i;
const HE = /\b(?:he|him|his|himself)\b/i;

function stringDomain(value: string, text: string): Domain {
  const lists = LISTS_BY_WORD.get(value.trim().toLowerCase());
  // Not a word we know (a brand, a place in the story): keep it.
  if (lists === undefined) return fixed();
  // A word in two unrelated lists ("orange": colour or fruit, "sheep": singular or plural) is ambiguous: keep it.
  if (lists.length !== 1) return fixed();
  const list = lists[0] ?? '';
  // A unisex name takes the gender the text's pronouns give it, so "she" still fits the new name.
  if (list === 'unisex_names') {
    const she = SHE.test(text);
    const he = HE.test(text);
    if (she && !he) return { kind: 'list', list: 'female_names' };
    if (he && !she) return { kind: 'list', list: 'male_names' };
  }
  return { kind: 'list', list };
}

// ---------------------------------------------------------------------------------------------------
// Names: `discountPercent`, `price_per_kg` → ['discount', 'percent'], ['price', 'per', 'kg'].

const CAMEL_BOUNDARY = /([a-z])([A-Z])/g;
const NAME_SEPARATORS = /[^A-Za-z]+/;

function nameTokens(name: string): string[] {
  return name
    .replace(CAMEL_BOUNDARY, '$1_$2')
    .split(NAME_SEPARATORS)
    .filter((t) => t !== '')
    .map((t) => t.toLowerCase());
}

function hasAny(tokens: readonly string[], words: ReadonlySet<string>): boolean {
  return tokens.some((t) => words.has(t));
}

const words = (...w: string[]): ReadonlySet<string> => new Set(w);

const MONEY_NAMES = words(
  'price', 'prices', 'priced', 'cost', 'costs', 'dollar', 'dollars', 'money', 'pay', 'paid', 'pays', 'payment',
  'salary', 'wage', 'wages', 'fee', 'fees', 'budget', 'spend', 'spent', 'spends', 'spending', 'earn', 'earns',
  'earned', 'earning', 'earnings', 'income', 'profit', 'revenue', 'tip', 'tips', 'bill', 'charge', 'charged',
  'fare', 'rent', 'savings', 'allowance', 'loan', 'debt', 'cash', 'refund', 'deposit', 'bonus', 'usd', 'euros',
);
const PERCENT_NAMES = words('percent', 'percents', 'percentage', 'pct', 'perc');
const RATE_NAMES = words('rate');
const YEAR_NAMES = words('year', 'yr');
const HALF_NAMES = words('half', 'halves', 'halve', 'halved');
/** A 2 named like this is the factor of "twice"/"half"; `pairs = 2` would be a count of pairs and may vary. */
const TWO_NAMES = words('twice', 'double', 'doubled', 'doubles', 'doubling', ...HALF_NAMES);
const PI_NAMES = words('pi');

// ---------------------------------------------------------------------------------------------------
// Unit constants: a value that is a conversion factor (60 minutes in an hour) must not change.

const MINUTE = words('minute', 'minutes', 'min', 'mins');
const SECOND = words('second', 'seconds', 'sec', 'secs');
const HOUR = words('hour', 'hours', 'hr', 'hrs', 'hourly');
const DAY = words('day', 'days', 'daily');
const WEEK = words('week', 'weeks', 'weekly');
const MONTH = words('month', 'months', 'monthly');
const YEAR = words('year', 'years', 'yearly', 'annual', 'annually');
const DECADE = words('decade', 'decades');
const CENTURY = words('century', 'centuries');
const GRAM = words('gram', 'grams', 'g');
const KILOGRAM = words('kilogram', 'kilograms', 'kg', 'kgs', 'kilo', 'kilos');
const MILLIGRAM = words('milligram', 'milligrams', 'mg');
const METER = words('meter', 'meters', 'metre', 'metres', 'm');
const KILOMETER = words('kilometer', 'kilometers', 'kilometre', 'kilometres', 'km');
const CENTIMETER = words('centimeter', 'centimeters', 'centimetre', 'centimetres', 'cm');
const MILLIMETER = words('millimeter', 'millimeters', 'millimetre', 'millimetres', 'mm');
const LITER = words('liter', 'liters', 'litre', 'litres', 'l');
const MILLILITER = words('milliliter', 'milliliters', 'millilitre', 'millilitres', 'ml');
const INCH = words('inch', 'inches', 'in');
const FOOT = words('foot', 'feet', 'ft');
const YARD = words('yard', 'yards', 'yd');
const MILE = words('mile', 'miles', 'mi');
const OUNCE = words('ounce', 'ounces', 'oz');
const POUND = words('pound', 'pounds', 'lb', 'lbs');
const CUP = words('cup', 'cups');
const PINT = words('pint', 'pints');
const QUART = words('quart', 'quarts');
const GALLON = words('gallon', 'gallons', 'gal');
const CENT = words('cent', 'cents', 'penny', 'pennies');
const DOLLAR = words('dollar', 'dollars');
const DIME = words('dime', 'dimes');
const NICKEL = words('nickel', 'nickels');
const QUARTER = words('quarter', 'quarters');
const DOZEN = words('dozen', 'dozens');
const HUNDRED = words('hundred', 'hundreds', 'percent', 'percentage', 'pct');
const THOUSAND = words('thousand', 'thousands');
const TEASPOON = words('teaspoon', 'teaspoons', 'tsp');
const TABLESPOON = words('tablespoon', 'tablespoons', 'tbsp');

/** value → sets of words that must all be present (one word from each set) for it to be a conversion factor. */
const UNIT_CONSTANTS: readonly { value: number; all: readonly ReadonlySet<string>[] }[] = [
  { value: 60, all: [MINUTE, HOUR] },
  { value: 60, all: [SECOND, MINUTE] },
  { value: 3600, all: [SECOND, HOUR] },
  { value: 24, all: [HOUR, DAY] },
  { value: 7, all: [DAY, WEEK] },
  { value: 12, all: [MONTH, YEAR] },
  { value: 12, all: [INCH, FOOT] },
  { value: 12, all: [DOZEN] },
  { value: 52, all: [WEEK, YEAR] },
  { value: 365, all: [DAY, YEAR] },
  { value: 4, all: [WEEK, MONTH] },
  { value: 30, all: [DAY, MONTH] },
  { value: 10, all: [YEAR, DECADE] },
  { value: 100, all: [YEAR, CENTURY] },
  { value: 1000, all: [GRAM, KILOGRAM] },
  { value: 1000, all: [MILLIGRAM, GRAM] },
  { value: 1000, all: [METER, KILOMETER] },
  { value: 1000, all: [MILLIMETER, METER] },
  { value: 1000, all: [MILLILITER, LITER] },
  { value: 1000, all: [THOUSAND] },
  { value: 100, all: [CENTIMETER, METER] },
  { value: 100, all: [CENT, DOLLAR] },
  { value: 100, all: [HUNDRED] },
  { value: 10, all: [MILLIMETER, CENTIMETER] },
  { value: 10, all: [DIME, DOLLAR] },
  { value: 10, all: [CENT, DIME] },
  { value: 5, all: [CENT, NICKEL] },
  { value: 20, all: [NICKEL, DOLLAR] },
  { value: 25, all: [CENT, QUARTER] },
  { value: 4, all: [QUARTER, DOLLAR] },
  { value: 3, all: [FOOT, YARD] },
  { value: 36, all: [INCH, YARD] },
  { value: 5280, all: [FOOT, MILE] },
  { value: 1760, all: [YARD, MILE] },
  { value: 16, all: [OUNCE, POUND] },
  { value: 8, all: [OUNCE, CUP] },
  { value: 2, all: [CUP, PINT] },
  { value: 2, all: [PINT, QUART] },
  { value: 4, all: [QUART, GALLON] },
  { value: 16, all: [CUP, GALLON] },
  { value: 8, all: [PINT, GALLON] },
  { value: 3, all: [TEASPOON, TABLESPOON] },
  { value: 2, all: [TWO_NAMES] },
  { value: 0.5, all: [HALF_NAMES] },
  { value: 0.25, all: [QUARTER] },
  { value: 3.14, all: [PI_NAMES] },
  { value: 3.14159, all: [PI_NAMES] },
  { value: 3.1416, all: [PI_NAMES] },
];

/** "60 minutes in an hour", "1000 g per kg", "12 inches make a foot": the words after a conversion factor. */
const CONVERSION_AFTER =
  /^\s*([A-Za-z]+)\.?\s+(?:in|per|to|make|makes|=|equal|equals|is|are)\s+(?:an?\s+|one\s+|each\s+|every\s+|1\s+)?([A-Za-z]+)/;
function isUnitConstant(value: number, tokens: readonly string[], after: string): boolean {
  const clue = [...tokens];
  const m = CONVERSION_AFTER.exec(after);
  if (m !== null) clue.push((m[1] ?? '').toLowerCase(), (m[2] ?? '').toLowerCase());
  return UNIT_CONSTANTS.some((u) => u.value === value && u.all.every((set) => hasAny(clue, set)));
}

// ---------------------------------------------------------------------------------------------------
// Text clues around the placeholder. All compiled once: inference runs for every variable of 100k rows.

const CURRENCY_BEFORE = /(?:[$€£¥₹]|\\\$)\s?$/u;
const CURRENCY_AFTER = /^\s?[$€£¥₹](?!\s?\d)/u;
const CENTS_AFTER = /^\s*(?:cents?|pennies|¢)/i;
const PERCENT_AFTER = /^\s*(?:%|\\%)/;
const PERCENT_WORD_AFTER = /^\s*(?:percent|per\s?cent|pct)\b/i;
const MONEY_WORD_AFTER = /^\s*(?:dollars?|bucks|euros?|pounds? sterling|rupees?|yen)\b/i;
const MONEY_ANYWHERE = /[$€£¥₹]|\b(?:dollars?|cents?|euros?|price|cost|costs|paid|pay|pays|spend|spent|buy|buys|bought|sell|sells|sold|earn|earns|earned)\b/i;
const YEAR_BEFORE = /\b(?:in|since|year|until)\s+$/i;
const ORDINAL_AFTER = /^(?:st|nd|rd|th)\b/;
const CLOCK_AFTER = /^:\d|^:\s*[{<]|^\s*(?:a\.?m\.?|p\.?m\.?|o'clock)(?![A-Za-z])/i;
const CLOCK_BEFORE = /\d:$|[}>]:$/;
const EXPONENT_BEFORE = /[\^_]\s*\{?\s*$/;
const ROOT_INDEX_BEFORE = /\\sqrt\s*\[\s*$/;
const TIMES_AFTER = /^\s*(?:times|halves)\b/i;
const UNIT_WORD_AFTER = /^\s*-?\s*[A-Za-z]/;
/**
 * What may follow an amount of money or a percent in prose: punctuation or a function word ("$5 each",
 * "20 per kg", "12 and"). A noun right after ("10 times", "3 hours") means the number counts that noun,
 * whatever the variable is called (`rent_times`).
 */
const AMOUNT_AFTER =
  /^\s*(?:$|[.,;:!?)\]}]|(?:each|per|a|an|every|and|or|to|for|on|in|at|from|is|was|were|will|would|but|with|if|then|plus|total|altogether|apiece|off|of|the|than|so|by|after|before|when|while)\b)/i;
const OF_AFTER = /^\s*of\b/i;

// ---------------------------------------------------------------------------------------------------
// Ranges that keep magnitude and roundness.

/** Steps a whole number may keep (400 → 100, 35 → 5, 12 → 1): only "round" steps, never 2 or 3. */
const INT_STEPS: readonly number[] = (() => {
  const out = [1];
  for (let p = 1; p <= 1e15; p *= 10) out.push(5 * p, 10 * p, 25 * p, 50 * p);
  return out.filter((s, i, a) => a.indexOf(s) === i).sort((a, b) => a - b);
})();

/** Steps a decimal may keep: halves, quarters, tenths, twentieths, hundredths, … */
const DECIMAL_STEPS: readonly number[] = [0.5, 0.25, 0.1, 0.05, 0.01, 0.005, 0.001, 0.0005, 0.0001, 0.00001, 0.000001];

/** The largest round step that divides the whole number `v` and is at most v/4 (so there is room to vary). */
function roundStep(v: number): number {
  let best = 1;
  for (const s of INT_STEPS) {
    if (s > v / 4) break;
    if (v % s === 0) best = s;
  }
  return best;
}

/** The coarsest decimal resolution that divides `v` (2.5 → 0.5, 0.25 → 0.25, 3.14 → 0.01). */
function decimalStep(v: number, finest = 1e-6): number {
  const scale = 10 ** Math.min(6, decimalsOf(v));
  const units = Math.round(v * scale);
  for (const s of DECIMAL_STEPS) {
    if (s < finest) break;
    const su = Math.round(s * scale);
    if (Math.abs(s * scale - su) > 1e-9 || su === 0) continue; // a step finer than v's own decimals
    if (units % su === 0) return s;
  }
  return Math.max(finest, 1 / scale);
}

/** Rounds a multiple of `step` computed in floats back onto the decimal grid (0.1 * 3 → 0.3). */
function onGrid(x: number, step: number): number {
  const d = decimalsOf(step);
  return Number(x.toFixed(d));
}

interface Range {
  min: number;
  max: number;
  step: number;
}

/**
 * Around a positive original `v`: roughly [v/2, 2v] on the grid `step`, never below `floor`, always
 * containing `v`, and with at least `minValues` values so that "varying" is not a single choice.
 */
function rangeAround(v: number, step: number, floor: number, minValues: number): Range {
  let lo = Math.max(floor, Math.ceil(v / 2 / step - 1e-9) * step);
  const hi = Math.max(v, Math.floor((2 * v) / step + 1e-9) * step);
  lo = Math.min(lo, v);
  const count = Math.round((hi - lo) / step) + 1;
  const max = count < minValues ? lo + (minValues - 1) * step : hi;
  return { min: onGrid(lo, step), max: onGrid(max, step), step };
}

/** Whole numbers: min ≥ 1, and ≥ 2 when the original is ≥ 2 (no "1 apples"). */
function intRange(v: number): Range {
  const step = roundStep(v);
  return rangeAround(v, step, Math.max(step, v >= 2 ? 2 : 1), 1);
}

function decimalRange(v: number, finest?: number): Range {
  const step = decimalStep(v, finest);
  return rangeAround(v, step, step, 4);
}

/** A range for |v| mirrored onto the negative side when v < 0 (a debt stays a debt). */
function signed(v: number, make: (abs: number) => Range): Range {
  if (v >= 0) return make(v);
  const r = make(-v);
  return { min: -r.max, max: -r.min, step: r.step };
}

function numberRange(v: number, finest?: number): Range {
  return signed(v, (a) => (Number.isInteger(a) ? intRange(a) : decimalRange(a, finest)));
}

function intDomain(v: number): Domain {
  const r = signed(v, intRange);
  return r.step === 1 ? { kind: 'int', min: r.min, max: r.max } : { kind: 'int', min: r.min, max: r.max, step: r.step };
}

function moneyDomain(v: number): Domain {
  // Cents only when the original had cents; whole dollars keep a round step ($80 → multiples of $10).
  const r = numberRange(v, 0.01);
  return { kind: 'money', min: r.min, max: r.max, step: r.step };
}

function percentDomain(v: number): Domain {
  const r = numberRange(v, 0.01);
  // A percent of at most 100 stays at most 100 (a share cannot exceed the whole); larger ones may grow.
  const cap = v <= 100 && v >= 0 ? Math.max(v, Math.floor(100 / r.step + 1e-9) * r.step) : r.max;
  return { kind: 'percent', min: r.min, max: onGrid(Math.min(r.max, cap), r.step), step: r.step };
}

function decimalDomain(v: number, capBelowOne: boolean): Domain {
  const r = numberRange(v);
  // "0.25 of the cake" is a share of a whole: keep it below 1.
  const max = capBelowOne ? Math.max(v, Math.min(r.max, onGrid(1 - r.step, r.step))) : r.max;
  return { kind: 'decimal', min: r.min, max, step: r.step };
}

// ---------------------------------------------------------------------------------------------------

/**
 * The domain of one variable, guessed from its original `value`, its `name` and the generic `text`
 * around its first `placeholder` (undefined when the variable does not appear in the text).
 * `regions` are `findMathRegions(text)`, passed by callers that infer many variables of one text.
 */
export function inferDomain(
  name: string,
  value: VariableValue,
  text: string,
  placeholder: PlaceholderSpan | undefined,
  regions: readonly MathRegion[] = findMathRegions(text),
): Domain {
  // A word: redraw it from the built-in list it belongs to, else keep it.
  if (typeof value === 'string') return stringDomain(value, text);
  // Not shown in the text: an internal constant; changing it would change the answer invisibly.
  if (placeholder === undefined || !Number.isFinite(value)) return fixed();
  // 0 and 1 are structural (a start, a multiplier, "1 apple" whose noun would need to change).
  if (value === 0 || value === 1) return fixed();

  const tokens = nameTokens(name);
  const region = regions.find((r) => r.contentStart <= placeholder.start && placeholder.end <= r.contentEnd);
  // Clues are read within the same math span, or within the prose between spans (a math `$` is no price).
  const prevEnd = regions.reduce((acc, r) => (r.end <= placeholder.start ? Math.max(acc, r.end) : acc), 0);
  const nextStart = regions.find((r) => r.start >= placeholder.end)?.start ?? text.length;
  const lo = region?.contentStart ?? prevEnd;
  const hi = region?.contentEnd ?? nextStart;
  const before = text.slice(Math.max(lo, placeholder.start - WINDOW), placeholder.start);
  const after = text.slice(placeholder.end, Math.min(hi, placeholder.end + WINDOW));
  const inMath = region !== undefined;

  // Unit conversion factors (60 min/h, 1000 g/kg, 12 per dozen, 2 for "twice", π) are facts, not data.
  if (isUnitConstant(value, tokens, after)) return fixed();
  // "2 times as many" / "2 halves": a 2 that means "double" or "half".
  if (value === 2 && TIMES_AFTER.test(after)) return fixed();
  // Exponents, subscripts and root indices decide the kind of problem (x^2 → x^5 is another topic).
  if (inMath && (EXPONENT_BEFORE.test(before) || ROOT_INDEX_BEFORE.test(before))) return fixed();
  // "the 3rd day": the suffix belongs to the number.
  if (ORDINAL_AFTER.test(after)) return fixed();
  // Clock times ("at 3:30 pm"): hours and minutes have their own ranges; keep them.
  if (CLOCK_AFTER.test(after) || CLOCK_BEFORE.test(before)) return fixed();

  // A currency sign right before it (`$12`, `\$12`, `€12`) or right after it (`200$`, `15 €`): money.
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) return moneyDomain(value);
  // "55 cents" is a count of cents, whatever the name says: `$` must not be added to it.
  if (CENTS_AFTER.test(after) && Number.isInteger(value)) return intDomain(value);
  // `%` or `\%` right after: a percent.
  if (PERCENT_AFTER.test(after)) return percentDomain(value);
  // "20 percent": a percent.
  if (PERCENT_WORD_AFTER.test(after)) return percentDomain(value);
  // "12 dollars": money.
  if (MONEY_WORD_AFTER.test(after)) return moneyDomain(value);
  // A year: the name says so, or "in 1998" not followed by a noun ("in 1500 ml"); kept within ±30 years.
  const yearish = Number.isInteger(value) && value >= 1000 && value <= 2100;
  const amountAfter = AMOUNT_AFTER.test(after);
  if (yearish && (hasAny(tokens, YEAR_NAMES) || (YEAR_BEFORE.test(before) && amountAfter))) {
    return { kind: 'year', min: value - 30, max: value + 30 };
  }
  // The name speaks of money (price, cost, wage, …) and no noun follows the number.
  if (hasAny(tokens, MONEY_NAMES) && amountAfter) return moneyDomain(value);
  // The name speaks of a percent, the value could be one, and no noun follows the number.
  if (hasAny(tokens, PERCENT_NAMES) && Math.abs(value) <= 100 && amountAfter) return percentDomain(value);
  // A "rate" of at most 100 with no unit word after it (a unit would make it a speed or a price).
  if (hasAny(tokens, RATE_NAMES) && value >= 1 && value <= 100 && !UNIT_WORD_AFTER.test(after)) return percentDomain(value);
  // Two decimals in a text about money, with no noun after it ("2.25 hours"): an amount with cents.
  if (decimalsOf(value) === 2 && amountAfter && MONEY_ANYWHERE.test(text)) return moneyDomain(value);
  // Any other fractional value: a measure on the grid of its own decimals (2.5 → halves).
  if (!Number.isInteger(value)) return decimalDomain(value, value > 0 && value < 1 && OF_AFTER.test(after));
  // A whole number: a count, kept near its magnitude and roundness; negative stays negative.
  return intDomain(value);
}

/**
 * Every variable's domain: the template's own `domains` win, the rest are inferred from the text
 * (`context.text`, default `generic_problem`) around each variable's first placeholder.
 */
export function resolveDomains(template: Template, context: DomainContext = {}): Record<string, Domain> {
  const text = context.text ?? template.generic_problem;
  const names = Object.keys(template.variables);
  const style = context.style ?? template.placeholder_style ?? detectPlaceholderStyle(text, names).style;
  const regions = findMathRegions(text, style === 'bare' ? new Set(names) : undefined);
  const first = new Map<string, PlaceholderSpan>();
  for (const occ of findPlaceholders(text, style, names)) {
    if (!first.has(occ.name)) first.set(occ.name, { start: occ.start, end: occ.end });
  }
  const out: Record<string, Domain> = {};
  for (const name of names) {
    const explicit = template.domains?.[name];
    const value = template.variables[name];
    if (explicit !== undefined) out[name] = explicit;
    else if (value !== undefined) out[name] = inferDomain(name, value, text, first.get(name), regions);
  }
  return out;
}
