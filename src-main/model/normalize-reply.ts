/**
 * A model's reply rewritten into the plain form the leak guard reads numbers from, with a map back
 * to the reply as written (so what is masked is the reply's own characters). What a reader sees as
 * the same number becomes the same text:
 *
 * - Unicode: NFKC per character (fullwidth `４２` → `42`), every decimal digit of any script → ASCII
 *   (Arabic-Indic `٤٢`, Devanagari `४२`), the Arabic decimal and thousands separators, `−` → `-`;
 *   invisible characters dropped (zero-width space and joiners, soft hyphen, bidi controls: `\p{Cf}`);
 *   vulgar fractions spelled out (`¾` → `3/4`, `12½` → `12 1/2`); superscript digits kept apart
 *   (`4²` → `4^2`, never `42`).
 * - Inside math: TeX's spacing (`\,` `\;` `\!` `\quad` `~`, and plain spaces, which TeX ignores:
 *   `$4 2$` prints 42), font and colour macros (`\mathbf{4}` → `4`, `\textcolor{red}{4}` → `4`),
 *   `\phantom{…}` (invisible), `\left`/`\right`, empty and bare groups (`4{}2` → `42`, `12{,}500` →
 *   `12,500`) and every fraction macro with or without braces (`\tfrac34`, `\dfrac{3}{4}` →
 *   `\frac{3}{4}`).
 *
 * Each output character records the span of the reply it came from (`from[i]`..`to[i]`); a rewritten
 * construct (`\tfrac34`) maps every character it became to its whole source.
 */
import { findMathRegions } from '../template/math-regions.std.js';

export interface NormalizedReply {
  text: string;
  /** For each UTF-16 unit of `text`, where its source starts in the reply. */
  from: number[];
  /** …and where it ends (exclusive). */
  to: number[];
}

/** Math macros that print their one argument in another style: dropped, the argument kept. */
const STYLE_WITH_ARG = new Set([
  'mathbf', 'mathrm', 'mathit', 'mathsf', 'mathtt', 'mathbb', 'mathcal', 'mathfrak', 'boldsymbol', 'bm', 'pmb', 'text', 'textbf', 'textit',
  'textrm', 'textsf', 'texttt', 'textup', 'textnormal', 'mbox', 'hbox', 'emph', 'operatorname', 'underline', 'overline', 'boxed', 'fbox',
  'mathord', 'mathbin', 'mathrel', 'mathop', 'displaylimits',
]);
/** Switches and sizes with no argument: dropped. */
const DROPPED = new Set([
  'displaystyle', 'textstyle', 'scriptstyle', 'scriptscriptstyle', 'bf', 'rm', 'it', 'sf', 'tt', 'left', 'right', 'middle', 'big', 'Big', 'bigg',
  'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'quad', 'qquad', 'enspace', 'thinspace', 'medspace', 'thickspace', 'negthinspace',
  'negmedspace', 'negthickspace', 'nobreak', 'allowbreak', 'relax', 'limits', 'nolimits',
]);
/** Macros whose first argument is dropped entirely (a colour name, a length, invisible content). */
const DROP_FIRST_ARG = new Set(['color', 'hspace', 'vspace', 'kern', 'mkern', 'phantom', 'hphantom', 'vphantom', 'textcolor', 'colorbox']);
const FRACTIONS = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);
const SPACING_SYMBOLS = new Set([',', ';', ':', '!', ' ', '>']);

const SUPERSCRIPT: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
const SUBSCRIPT: Record<string, string> = { '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9' };
const INVISIBLE = /^\p{Cf}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** The value 0–9 of a decimal digit of any script: its distance from the start of its run of ten. */
function digitValue(ch: string): number {
  let cp = ch.codePointAt(0) ?? 0;
  let n = 0;
  while (n < 9 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp--;
    n++;
  }
  return n % 10;
}

class Builder {
  text = '';
  from: number[] = [];
  to: number[] = [];
  emit(s: string, start: number, end: number): void {
    this.text += s;
    for (let k = 0; k < s.length; k++) {
      this.from.push(start);
      this.to.push(end);
    }
  }
  lastChar(): string {
    return this.text.slice(-1);
  }
}

/** One character of prose (or of math content) in plain form. */
function plainChar(out: Builder, ch: string, start: number, end: number): void {
  out.emit(plainForm(ch, out.lastChar()), start, end);
}

function plainForm(ch: string, before: string): string {
  if (INVISIBLE.test(ch)) return '';
  const sup = SUPERSCRIPT[ch];
  if (sup !== undefined) return `^${sup}`;
  const sub = SUBSCRIPT[ch];
  if (sub !== undefined) return `_${sub}`;
  if (ch === '\u2212' || ch === '\u2012' || ch === '\u2013') return '-';
  if (ch === '\u066b') return '.';
  if (ch === '\u066c') return ',';
  const compat = ch.normalize('NFKC');
  if (compat.includes('\u2044')) {
    // A vulgar fraction: `12½` is twelve and a half, not 121/2.
    const [n = '', d = ''] = compat.split('\u2044');
    return `${/\d$/.test(before) ? ' ' : ''}${n}/${d}`;
  }
  let out = '';
  for (const c of compat) out += DECIMAL_DIGIT.test(c) && (c < '0' || c > '9') ? String(digitValue(c)) : c;
  return out;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);

/** The end of the argument starting at `i` (a braced group or one token), skipping spaces first. */
function argumentEnd(s: string, i: number, limit: number): { start: number; end: number; inner: [number, number] } | undefined {
  let k = i;
  while (k < limit && /\s/.test(s[k] ?? '')) k++;
  if (k >= limit) return undefined;
  if (s[k] === '{') {
    let depth = 0;
    for (let j = k; j < limit; j++) {
      const c = s[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return { start: k, end: j + 1, inner: [k + 1, j] };
    }
    return undefined;
  }
  if (s[k] === '\\') {
    let j = k + 1;
    if (isLetter(s[j])) while (isLetter(s[j])) j++;
    else j++;
    return { start: k, end: j, inner: [k, j] };
  }
  const cp = s.codePointAt(k) ?? 0;
  const w = cp > 0xffff ? 2 : 1;
  return { start: k, end: k + w, inner: [k, k + w] };
}

/** Math content [start, end) of `s` in plain form. */
function plainMath(out: Builder, s: string, start: number, end: number): void {
  let i = start;
  while (i < end) {
    const c = s[i] ?? '';
    if (c === '\\') {
      const next = s[i + 1];
      if (!isLetter(next)) {
        if (next !== undefined && SPACING_SYMBOLS.has(next)) {
          i += 2;
          continue;
        }
        out.emit(s.slice(i, i + 2), i, Math.min(end, i + 2));
        i += 2;
        continue;
      }
      let j = i + 1;
      while (j < end && isLetter(s[j])) j++;
      const name = s.slice(i + 1, j);
      if (FRACTIONS.has(name)) {
        const a = argumentEnd(s, j, end);
        const b = a ? argumentEnd(s, a.end, end) : undefined;
        if (a && b) {
          // One construct, mapped as a whole: `\tfrac34` and `\dfrac{3}{4}` both become `\frac{3}{4}`.
          const inner = (x: { inner: [number, number] }): string => {
            const part = new Builder();
            plainMath(part, s, x.inner[0], x.inner[1]);
            return part.text;
          };
          out.emit(`\\frac{${inner(a)}}{${inner(b)}}`, i, b.end);
          i = b.end;
          continue;
        }
      }
      if (DROPPED.has(name)) {
        i = j;
        continue;
      }
      if (DROP_FIRST_ARG.has(name)) {
        const a = argumentEnd(s, j, end);
        i = a ? a.end : j;
        continue;
      }
      if (STYLE_WITH_ARG.has(name)) {
        const a = argumentEnd(s, j, end);
        if (a) {
          plainMath(out, s, a.inner[0], a.inner[1]);
          i = a.end;
          continue;
        }
        i = j;
        continue;
      }
      out.emit(`\\${name}`, i, j);
      // Keep a control word apart from a letter that follows it (`\times x`).
      if (isLetter(s[j + (/\s/.test(s[j] ?? '') ? 1 : 0)])) out.emit(' ', j, j);
      i = j;
      continue;
    }
    if (c === '{' || c === '}') {
      // A bare group only groups: `4{}2` is 42, `12{,}500` is 12,500. (Arguments were taken above.)
      i++;
      continue;
    }
    if (c === '^' || c === '_') {
      // A script keeps its group, so `4^{2}` never reads as 42.
      const a = argumentEnd(s, i + 1, end);
      if (a) {
        const part = new Builder();
        plainMath(part, s, a.inner[0], a.inner[1]);
        out.emit(`${c}{${part.text}}`, i, a.end);
        i = a.end;
        continue;
      }
    }
    if (/\s/.test(c) || c === '~') {
      i++;
      continue;
    }
    const cp = s.codePointAt(i) ?? 0;
    const w = cp > 0xffff ? 2 : 1;
    plainChar(out, s.slice(i, i + w), i, i + w);
    i += w;
  }
}

export function normalizeReply(reply: string): NormalizedReply {
  const out = new Builder();
  let at = 0;
  const prose = (from: number, to: number): void => {
    let i = from;
    while (i < to) {
      const cp = reply.codePointAt(i) ?? 0;
      const w = cp > 0xffff ? 2 : 1;
      plainChar(out, reply.slice(i, i + w), i, i + w);
      i += w;
    }
  };
  for (const r of findMathRegions(reply)) {
    prose(at, r.start);
    out.emit(reply.slice(r.start, r.contentStart), r.start, r.contentStart);
    plainMath(out, reply, r.contentStart, r.contentEnd);
    out.emit(reply.slice(r.contentEnd, r.end), r.contentEnd, r.end);
    at = r.end;
  }
  prose(at, reply.length);
  return { text: out.text, from: out.from, to: out.to };
}

/** The reply's span for normalized span [start, end); a span of nothing maps to nothing. */
export function sourceSpan(n: NormalizedReply, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: n.from[start] ?? 0, end: n.from[start] ?? 0 };
  let s = Infinity;
  let e = -Infinity;
  for (let k = start; k < end; k++) {
    s = Math.min(s, n.from[k] ?? s);
    e = Math.max(e, n.to[k] ?? e);
  }
  return { start: s, end: e };
}

/**
 * Widens a span of the reply until its braces balance (`4}\mathbf{2` → `\mathbf{4}\mathbf{2}`), so a
 * mask never leaves half a TeX group behind. Escaped braces (`\{`) do not count.
 */
export function balanceBraces(reply: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  for (let round = 0; round < 8; round++) {
    let depth = 0;
    let closersFirst = 0;
    for (let k = s; k < e; k++) {
      const c = reply[k];
      if (c === '\\') {
        k++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) closersFirst++;
        else depth--;
      }
    }
    if (closersFirst === 0 && depth === 0) break;
    if (closersFirst > 0) {
      // Back to the `{` that the first unmatched `}` closes, and the macro name before it.
      let d = closersFirst;
      let k = s - 1;
      for (; k >= 0; k--) {
        const c = reply[k];
        if (c === '}' && reply[k - 1] !== '\\') d++;
        else if (c === '{' && reply[k - 1] !== '\\' && --d === 0) break;
      }
      if (k < 0) break;
      // Earlier arguments of the same macro (`\textcolor{red}{4}`), then the macro's name.
      let g = k;
      while (reply[g - 1] === '}') {
        let d2 = 0;
        let q = g - 1;
        for (; q >= 0; q--) {
          if (reply[q] === '}' && reply[q - 1] !== '\\') d2++;
          else if (reply[q] === '{' && reply[q - 1] !== '\\' && --d2 === 0) break;
        }
        if (q < 0) break;
        g = q;
      }
      s = g;
      while (s > 0 && isLetter(reply[s - 1])) s--;
      if (reply[s - 1] === '\\' && s < g) s--;
      else s = k;
    }
    if (depth > 0) {
      let d = depth;
      let k = e;
      for (; k < reply.length; k++) {
        const c = reply[k];
        if (c === '\\') {
          k++;
          continue;
        }
        if (c === '{') d++;
        else if (c === '}' && --d === 0) break;
      }
      if (k >= reply.length) break;
      e = k + 1;
    }
  }
  return { start: s, end: e };
}
