/**
 * Where the math is in a problem text (shared by the engine, the audit and the renderer; runs anywhere).
 * See render.ts for how `$` is told apart from a dollar sign.
 */
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
const PROSE = /[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/;
/** What follows a currency-suffix `$` (`50$ each`, `20$,`); `50$\\%$` is math, not money. */
const SUFFIX_FOLLOWER = /^(?:$|[\s.,;:!?)\-/])/;

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
