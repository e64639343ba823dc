/**
 * Draws new values for a template's variables. Runs once per candidate instance (100k+ times in an
 * audit), so it does no parsing and compiles nothing: domains are already resolved.
 *
 * Reproducibility: variables are drawn in sorted-name order from the one stream, so the same
 * `(domains, original, rng state)` always gives the same values, whatever order the template's JSON keys
 * came in. Each call advances the stream, so calling again with the same `rng` gives the next draw.
 */
import { decimalsOf } from '../template/format-value.js';
import type { Domain, VariableValue } from '../template/template.types.js';
import type { Rng } from './rng.js';
import { canonicalListName, getWordList, WORD_LISTS } from './word-lists.js';

/** Grid of a numeric domain: value = k * unit / scale for integers k in [lo, hi], unit = step * scale. */
interface Grid {
  lo: number;
  hi: number;
  unit: number;
  scale: number;
  decimals: number;
}

function fail(name: string, message: string): never {
  throw new Error(`domain for "${name}": ${message}`);
}

function defaultStep(domain: Domain): number {
  switch (domain.kind) {
    case 'money':
      return domain.step ?? 0.01;
    case 'percent':
      return domain.step ?? 1;
    case 'int':
      return domain.step ?? 1;
    case 'decimal':
      return domain.step;
    default:
      return 1; // year: whole years
  }
}

/**
 * The grid of multiples of the step inside [min, max], in integer units of the step's last decimal, so
 * that 0.1 + 0.2 never happens: values are built as (integer) / 10^decimals, which the division rounds
 * to the double nearest the decimal, the one that prints as `0.3`.
 */
function gridOf(name: string, min: number, max: number, step: number): Grid {
  if (!Number.isFinite(min) || !Number.isFinite(max)) fail(name, `min and max must be finite numbers, got min=${min}, max=${max}`);
  if (!(step > 0) || !Number.isFinite(step)) fail(name, `step must be a positive number, got ${step}`);
  if (min > max) fail(name, `min (${min}) is greater than max (${max})`);
  const decimals = decimalsOf(step);
  const scale = 10 ** decimals;
  const unit = Math.round(step * scale);
  // Bounds in steps, nudged by a hair so that 0.3 / 0.1 = 2.9999999999999996 still counts as 3.
  const lo = Math.ceil(min / step - 1e-9);
  const hi = Math.floor(max / step + 1e-9);
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
    fail(name, `the range ${min}..${max} has too many steps of ${step} to draw from exactly`);
  }
  if (lo > hi) fail(name, `no multiple of the step ${step} lies between min ${min} and max ${max}`);
  return { lo, hi, unit, scale, decimals };
}

function drawOnGrid(g: Grid, rng: Rng): number {
  const k = rng.int(g.lo, g.hi);
  const x = (k * g.unit) / g.scale;
  return g.decimals === 0 ? x : Number(x.toFixed(g.decimals));
}

function gridOfDomain(name: string, domain: Domain): Grid | undefined {
  switch (domain.kind) {
    case 'int':
    case 'decimal':
    case 'money':
    case 'percent':
      return gridOf(name, domain.min, domain.max, defaultStep(domain));
    case 'year':
      return gridOf(name, domain.min, domain.max, 1);
    default:
      return undefined;
  }
}

/** "apples" drawn for an original "Apples" at the start of a sentence becomes "Apples". */
function matchCase(word: string, original: VariableValue | undefined): string {
  if (typeof original !== 'string' || original === '') return word;
  const first = original[0] ?? '';
  const capitalised = first !== first.toLowerCase() && first === first.toUpperCase();
  return capitalised ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/** Tries before falling back to filtering the list, which is rarely needed. */
const PICK_TRIES = 8;

/** A word from `list` not in `used` (two variables should not both be "Mia"); a repeat only if the list runs out. */
function pickFresh(list: readonly string[], used: ReadonlySet<string>, rng: Rng): string {
  for (let i = 0; i < PICK_TRIES; i++) {
    const w = rng.pick(list);
    if (!used.has(w.toLowerCase())) return w;
  }
  const fresh = list.filter((w) => !used.has(w.toLowerCase()));
  return rng.pick(fresh.length > 0 ? fresh : list);
}

/**
 * New values for every variable of `original` (and any extra name in `domains`): numeric kinds uniformly
 * on their grid, `choice`/`list` uniformly among their entries, `fixed` (and variables without a domain)
 * keep their original value. Errors name the variable and what is wrong with its domain.
 */
export function drawValues(
  domains: Record<string, Domain>,
  original: Record<string, VariableValue>,
  rng: Rng,
): Record<string, VariableValue> {
  const names = [...new Set([...Object.keys(original), ...Object.keys(domains)])].sort();
  const out: Record<string, VariableValue> = {};
  // Words that stay as they are, so that a drawn name does not collide with a kept one.
  const used = new Set<string>();
  for (const name of names) {
    const d = domains[name];
    const v = original[name];
    if ((d === undefined || d.kind === 'fixed') && typeof v === 'string') used.add(v.toLowerCase());
  }
  for (const name of names) {
    const domain = domains[name];
    const orig = original[name];
    if (domain === undefined || domain.kind === 'fixed') {
      if (orig === undefined) fail(name, 'is fixed but the variable has no original value');
      out[name] = orig;
      continue;
    }
    switch (domain.kind) {
      case 'choice':
        if (domain.values.length === 0) fail(name, 'choice has no values');
        out[name] = rng.pick(domain.values);
        break;
      case 'list': {
        const list = getWordList(domain.list);
        if (list === undefined || list.length === 0) {
          fail(name, `unknown word list "${domain.list}" (known: ${Object.keys(WORD_LISTS).join(', ')})`);
        }
        const word = matchCase(pickFresh(list, used, rng), orig);
        used.add(word.toLowerCase());
        out[name] = word;
        break;
      }
      default: {
        const grid = gridOfDomain(name, domain);
        if (grid === undefined) fail(name, `unsupported kind "${domain.kind}"`);
        out[name] = drawOnGrid(grid, rng);
      }
    }
  }
  return out;
}

/**
 * How many distinct values a domain can give (1 for `fixed`, 0 for an empty or invalid one). Infinity
 * when the grid is too large to count exactly (non-finite bounds), so callers can compare safely.
 */
export function domainSize(domain: Domain): number {
  switch (domain.kind) {
    case 'fixed':
      return 1;
    case 'choice':
      return new Set(domain.values).size;
    case 'list': {
      const canonical = canonicalListName(domain.list);
      return canonical === undefined ? 0 : new Set(WORD_LISTS[canonical]).size;
    }
    default: {
      const { min, max } = domain;
      const step = defaultStep(domain);
      if (Number.isNaN(min) || Number.isNaN(max) || !(step > 0) || min > max) return 0;
      if (!Number.isFinite(min) || !Number.isFinite(max) || !Number.isFinite(step)) return Infinity;
      const count = Math.floor(max / step + 1e-9) - Math.ceil(min / step - 1e-9) + 1;
      if (count <= 0) return 0;
      return Number.isSafeInteger(count) ? count : Infinity;
    }
  }
}
