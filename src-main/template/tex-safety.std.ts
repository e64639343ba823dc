/**
 * Whether a template's math may go into a LaTeX document, and what LaTeX it becomes. The import flags
 * a template whose math uses anything outside the allowlist (tex-allowlist.std.ts); the LaTeX export
 * prints such a region as visible text instead of compiling it. Runs anywhere (no Node, no KaTeX).
 *
 * The scan works on TeX's own tokens: a control word (`\` + letters), a control symbol (`\` + one
 * other character), a character. Things TeX does below the token level are refused as such: `^^`
 * (TeX turns `^^5c` into a backslash before it tokenizes, so `^^5cinput` is `\input`) and a lone
 * backslash at the end. `%` (a comment would swallow the closing `$`), `#` and a stray `&` are escaped.
 */
import { findMathRegions } from './math-regions.std.js';
import { MATH_COMMANDS, MATH_ENVIRONMENTS, MATH_REWRITES, MATH_SYMBOLS, UNICODE_MATH } from './tex-allowlist.std.js';

export interface MathTex {
  /** The math as LaTeX source (only allowed commands; Unicode mapped); meaningful when `problems` is empty. */
  tex: string;
  /** What is refused, each once, in the order met ("\\input", "^^ (a character escape)"). Empty: safe. */
  problems: string[];
}

/** Commands whose braced argument is text, not math (Unicode inside is text, `^` is a character). */
const TEXT_ARG = new Set(['text', 'textbf', 'textit', 'textrm', 'textsf', 'texttt', 'textup', 'textnormal', 'mbox', 'emph']);

const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** C0/C1 control characters other than tab, newline and carriage return (which are white space). */
export function isControlChar(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

/**
 * Non-ASCII characters LaTeX's `utf8` input encoding prints with T1 and TS1 fonts (from TeX Live's
 * t1enc.dfu, ts1enc.dfu and the encoding-independent part of utf8enc.dfu; Cyrillic needs T2A and is
 * left out). Anything else would stop pdflatex with "Unicode character … not set up for use with LaTeX".
 */
const TEXT_RANGES: readonly (readonly [number, number])[] = [
  [0xa0, 0xac], [0xae, 0x125], [0x128, 0x137], [0x139, 0x13e], [0x141, 0x148], [0x14a, 0x165], [0x168, 0x17e], [0x192, 0x192],
  [0x1c4, 0x1d4], [0x1e2, 0x1e3], [0x1e6, 0x1eb], [0x1f0, 0x1f0], [0x1f4, 0x1f5], [0x218, 0x21b], [0x232, 0x233], [0x237, 0x237],
  [0x2c6, 0x2c7], [0x2d8, 0x2d9], [0x2db, 0x2dd], [0xe3f, 0xe3f], [0x1e02, 0x1e03], [0x1e0d, 0x1e0d], [0x1e1e, 0x1e21],
  [0x1e25, 0x1e25], [0x1e30, 0x1e31], [0x1e37, 0x1e37], [0x1e43, 0x1e43], [0x1e45, 0x1e45], [0x1e47, 0x1e47], [0x1e5b, 0x1e5b],
  [0x1e63, 0x1e63], [0x1e6d, 0x1e6d], [0x1e8e, 0x1e91], [0x1e9e, 0x1e9e], [0x1ef2, 0x1ef3], [0x2010, 0x2016], [0x2018, 0x201a],
  [0x201c, 0x201e], [0x2020, 0x2022], [0x2026, 0x2026], [0x2030, 0x2031], [0x2039, 0x203b], [0x203d, 0x203d], [0x2044, 0x2044],
  [0x204e, 0x204e], [0x2052, 0x2052], [0x20a1, 0x20a1], [0x20a4, 0x20a4], [0x20a6, 0x20a6], [0x20a9, 0x20a9], [0x20ab, 0x20ac],
  [0x20b1, 0x20b1], [0x2103, 0x2103], [0x2116, 0x2117], [0x211e, 0x211e], [0x2120, 0x2120], [0x2122, 0x2122], [0x2126, 0x2127],
  [0x212e, 0x212e], [0x2190, 0x2193], [0x2329, 0x232a], [0x2422, 0x2423], [0x25e6, 0x25e6], [0x25ef, 0x25ef], [0x266a, 0x266a],
  [0x27e8, 0x27e9], [0x3008, 0x3009], [0xfb00, 0xfb06],
];

/** This character (one code point) can stand in LaTeX text as it is. */
export function isTexTextChar(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return code >= 0x20 && code < 0x7f;
  // (U+00AD, the soft hyphen, is declared but prints as a visible hyphen: left out, like U+200C and U+FEFF.)
  return TEXT_RANGES.some(([a, b]) => code >= a && code <= b);
}

const TEXT_SPECIAL: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/**
 * One character of prose as LaTeX text: specials escaped, control characters dropped, white space a
 * space, characters LaTeX cannot print written through NFKC (fullwidth `４` → `4`), as math (`π`), or
 * as their code point (`[U+1F34E]`), so the document always compiles and nothing is silently lost.
 */
export function texTextChar(ch: string): string {
  const special = TEXT_SPECIAL[ch];
  if (special !== undefined) return special;
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x09 || code === 0x0a || code === 0x0d) return ' ';
  if (isControlChar(code) || code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xfeff || code === 0xad) return '';
  if (isTexTextChar(ch)) return ch;
  const math = UNICODE_MATH[ch];
  if (math !== undefined) return `\\ensuremath{${math.trimEnd()}}`;
  const compat = ch.normalize('NFKC');
  // Code points, not grapheme clusters: each is printed or replaced on its own.
  const parts = Array.from(compat);
  if (compat !== ch && parts.every((c) => isTexTextChar(c) || c in TEXT_SPECIAL)) return parts.map(texTextChar).join('');
  return `\\texttt{[U+${code.toString(16).toUpperCase().padStart(4, '0')}]}`;
}

/** Prose as LaTeX text (every character through texTextChar). */
export function texText(text: string): string {
  let out = '';
  for (const ch of text) out += texTextChar(ch);
  return out;
}

/**
 * A math region's content (between its delimiters) checked against the allowlist and written as
 * LaTeX. With problems, `tex` must not be used: print the source as text instead.
 */
export function sanitizeMathTex(content: string): MathTex {
  const problems = new Set<string>();
  let out = '';
  /** Open `\begin{…}` environments: `&` and `\\` mean something only inside one. */
  let envDepth = 0;
  /** Brace depth of each open text-argument group (`\text{…}`), innermost last. */
  const textGroups: number[] = [];
  let depth = 0;
  /** A control word was just written: a following letter needs a space to stay a separate token. */
  let afterWord = false;
  let pendingText = false;
  const inText = (): boolean => textGroups.length > 0;
  const emit = (s: string, word = false): void => {
    if (afterWord && isLetter(s[0])) out += ' ';
    out += s;
    afterWord = word;
  };
  const chars = Array.from(content);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === '\\') {
      const next = chars[i + 1];
      if (next === undefined) {
        problems.add('a lone backslash at the end');
        break;
      }
      if (isLetter(next)) {
        let j = i + 1;
        while (isLetter(chars[j])) j++;
        const name = chars.slice(i + 1, j).join('');
        i = j - 1;
        const rewrite = MATH_REWRITES[name];
        if (rewrite !== undefined) {
          emit(rewrite, /[A-Za-z]$/.test(rewrite));
          pendingText = rewrite === '\\text';
          continue;
        }
        if (!MATH_COMMANDS.has(name)) {
          problems.add(`\\${name}`);
          continue;
        }
        if (name === 'begin' || name === 'end') {
          // The environment's name must be one of ours: `\begin{filecontents}` writes a file.
          const m = /^\s*\{([A-Za-z*]+)\}/.exec(chars.slice(j, j + 40).join(''));
          if (!m?.[1] || !MATH_ENVIRONMENTS.has(m[1])) {
            problems.add(`\\${name}{${m?.[1] ?? '…'}}`);
            continue;
          }
          emit(`\\${name}{${m[1]}}`);
          i = j - 1 + m[0].length;
          envDepth += name === 'begin' ? 1 : -1;
          if (envDepth < 0) envDepth = 0;
          continue;
        }
        emit(`\\${name}`, true);
        pendingText = TEXT_ARG.has(name);
        continue;
      }
      i++;
      if (next === '\\') {
        emit(envDepth > 0 ? '\\\\' : ' ');
      } else if (MATH_SYMBOLS.has(next)) {
        emit(`\\${next}`);
      } else {
        problems.add(`\\${next}`);
      }
      continue;
    }
    const code = c.codePointAt(0) ?? 0;
    if (c === '^' && chars[i + 1] === '^') {
      problems.add('^^ (a TeX character escape)');
      i++;
      continue;
    }
    if (isControlChar(code)) {
      problems.add(`the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
      continue;
    }
    switch (c) {
      case '{':
        depth++;
        if (pendingText) textGroups.push(depth);
        pendingText = false;
        emit('{');
        continue;
      case '}':
        if (textGroups[textGroups.length - 1] === depth) textGroups.pop();
        depth--;
        emit('}');
        continue;
      case '%':
        emit('\\%');
        continue;
      case '#':
        emit('\\#');
        continue;
      case '&':
        emit(envDepth > 0 && !inText() ? '&' : '\\&');
        continue;
      case '\t':
      case '\n':
      case '\r':
        emit(' ');
        continue;
      default:
        break;
    }
    if (c !== ' ') pendingText = false;
    if (code < 0x80) {
      emit(inText() && (c === '^' || c === '_' || c === '<' || c === '>' || c === '|' || c === '~') ? (TEXT_SPECIAL[c] ?? c) : c);
      continue;
    }
    if (inText()) {
      emit(texTextChar(c));
      continue;
    }
    const math = UNICODE_MATH[c];
    emit(math ?? `\\text{${texTextChar(c)}}`, math !== undefined && /[A-Za-z] $/.test(math));
  }
  return { tex: out, problems: [...problems] };
}

/**
 * What in a text's math LaTeX export would refuse (each once, in order), e.g. `["\\input", "\\openout"]`.
 * Empty for the starter library and ordinary math. Prose needs no check: it is escaped character by character.
 */
export function texProblems(text: string, bareNames: ReadonlySet<string> = new Set()): string[] {
  // Most texts have no backslash and no `^^`: nothing to scan.
  // eslint-disable-next-line no-control-regex
  if (!text.includes('\\') && !text.includes('^^') && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text)) return [];
  const found = new Set<string>();
  for (const r of findMathRegions(text, bareNames)) {
    for (const p of sanitizeMathTex(text.slice(r.contentStart, r.contentEnd)).problems) found.add(p);
  }
  return [...found];
}
