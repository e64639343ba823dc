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

import { findMathRegions, type MathRegion } from './math-regions.std.js';
export { findMathRegions, type MathRegion } from './math-regions.std.js';
/** A letter or backslash before `{{`: a TeX command's group (`\\textbf{{a}}`), not mustache. */
const TEX_COMMAND_END = /[A-Za-z\\]/;
const FIXED: Domain = { kind: 'fixed' };
/** Characters of surrounding text handed to formatValue; enough for "\$", " percent", " dollars". */
const CONTEXT_CHARS = 12;

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
