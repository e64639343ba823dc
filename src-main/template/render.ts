/**
 * Turns a template plus drawn values into the problem text a learner reads. The hard part is knowing,
 * for each placeholder, whether it sits inside LaTeX math: word problems are full of `$` used as money
 * (`$12`, `\$12`, `${price}`), while MATH-style problems use `$…$` for formulas.
 *
 * The rule for a single `$` (after pandoc's tex_math_dollars, adapted to money in word problems):
 * - `\$` is always a literal dollar, inside or outside math; `\\` is a TeX line break, never an escape.
 * - `$$…$$`, `\(…\)` and `\[…\]` are math when their closer exists; otherwise the opener is literal.
 * - A `$` right after a number or a placeholder and followed by a space, punctuation or the end
 *   (`50$ each`, `15$?`, `{salary}$ per month`) is a currency suffix, never an opener (`50$\\%$` still
 *   opens math).
 * - A `$` whose next non-space character is a digit, `.digit` or a placeholder looks like money
 *   (`$12`, `$.50`, `${price}`, `$price` in bare style): it opens math only if the *next* unescaped `$`
 *   lies in the same sentence (before `.`/`?`/`!` + space, or a line break), has a non-space before it
 *   and no digit after it. So "It costs $12. Then $3 more" and "$5 and $6" are prices, "$5/$10" too,
 *   while `${a}x + {b} = 0$` is math. Three plain words in a row between the two (`$5 loaves of bread,
 *   2 3$`) mean prose, not math.
 * - Any other `$` (followed by a letter, `\`, `(`, …; word problems never write money that way) opens
 *   math closed by the next unescaped `$` before a blank line, as MATH-style problems expect
 *   (`$ \frac{47}{288} $` with spaces included).
 * - A `$` that opens nothing is literal text and scanning goes on from the next character.
 */
import { detectPlaceholderStyle, findPlaceholders, type PlaceholderOccurrence } from './placeholders.js';
import { formatValue } from './format-value.js';
import type { Domain, PlaceholderStyle, Template, VariableValue } from './template.types.js';

/** A math span, delimiters included: `text.slice(start, end)` is e.g. `$x^2$`. */
export interface MathRegion {
  start: number;
  end: number;
  /** Where the math content starts and ends (inside the delimiters). */
  contentStart: number;
  contentEnd: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_]/;
const FIXED: Domain = { kind: 'fixed' };
const PROSE = /[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/;
const TEX_COMMAND_END = /[A-Za-z\\]/;
/** What follows a currency-suffix `$` (`50$ each`, `20$,`); `50$\\%$` is math, not money. */
const SUFFIX_FOLLOWER = /^(?:$|[\s.,;:!?)\-/])/;
/** Characters of surrounding text handed to formatValue; enough for "\$", " percent", " dollars". */
const CONTEXT_CHARS = 12;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** `{name}` or `<name>` starting at `i` (any identifier: the style is not known while scanning). */
function placeholderAt(text: string, i: number): boolean {
  const open = text[i];
  const close = open === '{' ? '}' : open === '<' ? '>' : undefined;
  if (close === undefined || !IDENT_START.test(text[i + 1] ?? '')) return false;
  let j = i + 2;
  while (j < text.length && IDENT_CHAR.test(text[j] ?? '')) j++;
  return text[j] === close;
}

/** Index of `closer` (`\)`, `\]` or `$$`) from `from`, skipping backslash escapes; -1 if absent. */
function findCloser(text: string, from: number, closer: string): number {
  for (let i = from; i < text.length; i++) {
    if (text.startsWith(closer, i)) return i;
    if (text[i] === '\\') i++; // `\$`, `\\`, `\{`: the escaped character is not a delimiter
  }
  return -1;
}

/** Where a sentence ends for the money rule: `.`/`?`/`!` followed by whitespace or the end, or a newline. */
function sentenceEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return i;
    if ((c === '.' || c === '?' || c === '!') && (i + 1 >= text.length || isSpace(text[i + 1]))) return i;
  }
  return text.length;
}

/** The next unescaped single `$` in [from, limit), or -1. */
function nextDollar(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '$') return i;
  }
  return -1;
}

/** Index of the previous non-space character on the same line, or -1. */
function previousNonSpace(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j;
}

/** A bare-style placeholder (a variable name as a word) starts at `i`. */
function bareNameAt(text: string, i: number, names: ReadonlySet<string>): boolean {
  if (!IDENT_START.test(text[i] ?? '')) return false;
  let j = i + 1;
  while (j < text.length && IDENT_CHAR.test(text[j] ?? '')) j++;
  return names.has(text.slice(i, j));
}

/** A placeholder (`{name}`, `<name>` or a bare name) ends at index `j` (inclusive). */
function placeholderEndsAt(text: string, j: number, bareNames: ReadonlySet<string>): boolean {
  const last = text[j];
  const delimited = last === '}' || last === '>';
  let k = delimited ? j - 1 : j;
  const identEnd = k;
  while (k >= 0 && IDENT_CHAR.test(text[k] ?? '')) k--;
  if (k === identEnd || !IDENT_START.test(text[k + 1] ?? '')) return false;
  if (delimited) return text[k] === (last === '}' ? '{' : '<');
  return bareNames.has(text.slice(k + 1, identEnd + 1));
}

/**
 * All LaTeX math spans in `text`, in order (rules at the top of this file). `bareNames` are the
 * variable names of a bare-style template, so that `$price` is read as money like `${price}`.
 */
export function findMathRegions(text: string, bareNames: ReadonlySet<string> = new Set()): MathRegion[] {
  const regions: MathRegion[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const close = findCloser(text, i + 2, next === '(' ? '\\)' : '\\]');
        if (close !== -1) {
          regions.push({ start: i, end: close + 2, contentStart: i + 2, contentEnd: close });
          i = close + 2;
          continue;
        }
      }
      i += 2; // any other escape, including `\$` (a literal dollar) and `\\`
      continue;
    }
    if (c !== '$') {
      i++;
      continue;
    }
    if (text[i + 1] === '$') {
      const close = findCloser(text, i + 2, '$$');
      if (close !== -1) {
        regions.push({ start: i, end: close + 2, contentStart: i + 2, contentEnd: close });
        i = close + 2;
      } else {
        i += 2;
      }
      continue;
    }
    const prev = previousNonSpace(text, i);
    const afterNumber = isDigit(text[prev]) || placeholderEndsAt(text, prev, bareNames);
    if (afterNumber && SUFFIX_FOLLOWER.test(text[i + 1] ?? '')) {
      i++; // `50$ each`, `15$?`: a currency suffix
      continue;
    }
    let k = i + 1;
    while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
    const moneyLike =
      isDigit(text[k]) || (text[k] === '.' && isDigit(text[k + 1])) || placeholderAt(text, k) || bareNameAt(text, k, bareNames);
    let close: number;
    if (moneyLike) {
      close = nextDollar(text, i + 1, sentenceEnd(text, i + 1));
      if (close !== -1 && (isSpace(text[close - 1]) || isDigit(text[close + 1]) || text[close + 1] === '$')) close = -1;
      // "$5 loaves of bread, 2 3$": three words in a row without TeX are prose between two prices.
      if (close !== -1 && PROSE.test(text.slice(i + 1, close)) && !text.slice(i + 1, close).includes('\\')) close = -1;
    } else {
      const blankLine = text.indexOf('\n\n', i + 1);
      close = nextDollar(text, i + 1, blankLine === -1 ? n : blankLine);
    }
    if (close === -1) {
      i++; // a literal `$`; a rejected candidate closer gets its own chance to open math
      continue;
    }
    regions.push({ start: i, end: close + 1, contentStart: i + 1, contentEnd: close });
    i = close + 1;
  }
  return regions;
}

interface Prepared {
  text: string;
  variables: Template['variables'];
  declaredStyle: PlaceholderStyle | undefined;
  style: PlaceholderStyle;
  regions: readonly MathRegion[];
  /** Placeholder occurrences of variables, in text order (bare style compiles a regex to find them). */
  occurrences: readonly PlaceholderOccurrence[];
}

/**
 * Per-template work that does not depend on the values (style detection and bare-style search compile
 * regexes, math scanning walks the text), cached because an audit renders the same template thousands of times. Keyed by the
 * template object and re-checked against its text, variables and declared style, so an edited template
 * is prepared again.
 */
const prepared = new WeakMap<Template, Prepared>();

function prepare(template: Template): Prepared {
  const cached = prepared.get(template);
  const text = template.generic_problem;
  if (
    cached !== undefined &&
    cached.text === text &&
    cached.variables === template.variables &&
    cached.declaredStyle === template.placeholder_style
  ) {
    return cached;
  }
  const names = Object.keys(template.variables);
  const style = template.placeholder_style ?? detectPlaceholderStyle(text, names).style;
  const regions = findMathRegions(text, style === 'bare' ? new Set(names) : undefined);
  // `{cm}` in the text that is not a variable stays as it is.
  const occurrences = findPlaceholders(text, style, names).filter((o) => Object.hasOwn(template.variables, o.name));
  const fresh: Prepared = { text, variables: template.variables, declaredStyle: template.placeholder_style, style, regions, occurrences };
  prepared.set(template, fresh);
  return fresh;
}

/** The region containing [start, end), if any; `hint` is where to start looking (occurrences come in order). */
function regionAt(regions: readonly MathRegion[], start: number, end: number, hint: { i: number }): MathRegion | undefined {
  while (hint.i < regions.length && (regions[hint.i]?.end ?? 0) <= start) hint.i++;
  const r = regions[hint.i];
  return r !== undefined && r.contentStart <= start && end <= r.contentEnd ? r : undefined;
}

/** End of the last math region that ends at or before `pos` (prose context should not see into math). */
function proseStart(regions: readonly MathRegion[], pos: number, hint: { i: number }): number {
  const prev = regions[hint.i - 1];
  return prev !== undefined && prev.end <= pos ? prev.end : 0;
}

/**
 * The problem text for `values`: every placeholder replaced by its formatted value. Inside math a value
 * is inserted as a TeX group (`\frac{a}{b}` → `\frac{12}{5}`, `x^{n}`), unless the placeholder already
 * sits alone inside braces (`\frac{{a}}{{b}}` → `\frac{12}{5}`), so that `12{,}500` or `-3` never leak
 * into the surrounding TeX. In prose, `{{a}}` (mustache style, common in exported datasets) is one
 * placeholder: both pairs of braces go.
 *
 * Substitution walks the (cached) `findPlaceholders` occurrences itself rather than calling
 * `substitutePlaceholders`, because the mustache case replaces a character on each side of an occurrence
 * and because the occurrences of a template never change between draws.
 */
export function renderText(template: Template, domains: Record<string, Domain>, values: Record<string, VariableValue>): string {
  const { text, style, regions, occurrences } = prepare(template);
  const hint = { i: 0 };
  let out = '';
  let last = 0;
  for (const occ of occurrences) {
    if (occ.start < last) continue; // never overlap a mustache pair already consumed
    const name = occ.name;
    const value = values[name];
    if (value === undefined) {
      throw new Error(`renderText(${template.id}): no value for variable "${name}" (values have: ${Object.keys(values).join(', ') || 'none'})`);
    }
    const region = regionAt(regions, occ.start, occ.end, hint);
    const inMath = region !== undefined;
    const nextRegion = regions[hint.i];
    const lo = inMath ? region.contentStart : proseStart(regions, occ.start, hint);
    const hi = inMath ? region.contentEnd : nextRegion !== undefined && nextRegion.start >= occ.end ? nextRegion.start : text.length;
    const braced = style === 'braces' && text[occ.start - 1] === '{' && text[occ.end] === '}';
    // `\textbf{{a}}` in prose is a TeX group around a placeholder, not mustache.
    const mustache = braced && !inMath && occ.start - 1 >= Math.max(lo, last) && !TEX_COMMAND_END.test(text[occ.start - 2] ?? '');
    const start = mustache ? occ.start - 1 : occ.start;
    const end = mustache ? occ.end + 1 : occ.end;
    const formatted = formatValue(value, domains[name] ?? FIXED, {
      inMath,
      before: text.slice(Math.max(lo, start - CONTEXT_CHARS), start),
      after: text.slice(end, Math.min(hi, end + CONTEXT_CHARS)),
    });
    const alreadyGrouped = text[occ.start - 1] === '{' && text[occ.end] === '}';
    out += text.slice(last, start) + (!inMath || alreadyGrouped ? formatted : `{${formatted}}`);
    last = end;
  }
  return out + text.slice(last);
}
