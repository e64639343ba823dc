/**
 * From what learners (and Python programs) write for an algebraic expression to LaTeX the Compute
 * Engine reads as intended, with the guards that keep the engine fast:
 * - `x**2`, `x^(n+1)`, `x^12` → `x^{2}`, `x^{(n+1)}`, `x^{12}` (LaTeX would read `x^12` as x¹·2);
 * - `sqrt(x)`, `abs(x)`, `cbrt(x)`, `sin(x)`, `pi` → `\sqrt{x}`, `|x|`, `\sqrt[3]{x}`, `\sin(x)`, `\pi`;
 * - `a(b+c)` → `a\cdot(b+c)` (the engine would read a function `a` applied to b+c);
 * - multi-letter names of a Python-style expected answer (`2*rate*time`) stay one symbol.
 * Refused before the engine sees them: nested powers (`9^9^9`), exponents over 3 digits, numbers over
 * 15 digits, brackets nested deeper than 12, factorials, sums, integrals and any unknown command.
 */
import { isDigit, isLetter } from './numbers.std.js';

export type LatexConversion = { ok: true; latex: string } | { ok: false; reason: 'too_complex' | 'unreadable'; detail: string };

const MAX_DEPTH = 12;
const MAX_POWERS = 8;
const MAX_NUMBER_DIGITS = 15;
const MAX_OUTPUT = 800;

/** Word functions learners and Python write, with their LaTeX. */
const FUNCTIONS: Readonly<Record<string, string>> = {
  arcsin: '\\arcsin', arccos: '\\arccos', arctan: '\\arctan', asin: '\\arcsin', acos: '\\arccos', atan: '\\arctan',
  sinh: '\\sinh', cosh: '\\cosh', tanh: '\\tanh', sin: '\\sin', cos: '\\cos', tan: '\\tan', sec: '\\sec', csc: '\\csc',
  cot: '\\cot', ln: '\\ln', log: '\\log', exp: '\\exp',
};
/** Functions whose argument becomes a LaTeX group. */
const GROUP_FUNCTIONS = new Set(['sqrt', 'cbrt', 'abs']);
const CONSTANTS: Readonly<Record<string, string>> = {
  pi: '\\pi', theta: '\\theta', alpha: '\\alpha', beta: '\\beta', gamma: '\\gamma', delta: '\\delta', lambda: '\\lambda',
  mu: '\\mu', sigma: '\\sigma', phi: '\\phi', omega: '\\omega', rho: '\\rho', tau: '\\tau',
};
/** LaTeX commands allowed in an answer; anything else (\sum, \int, \lim, \begin, \def …) is refused. */
const ALLOWED_COMMANDS = new Set([
  '\\frac', '\\sqrt', '\\cdot', '\\times', '\\div', '\\mathrm', '\\operatorname', '\\pi', '\\infty',
  ...Object.values(FUNCTIONS), ...Object.values(CONSTANTS).filter((c) => c !== '\\pi'),
]);
const WORD_NAMES = [...Object.keys(FUNCTIONS), ...GROUP_FUNCTIONS, ...Object.keys(CONSTANTS)].sort((a, b) => b.length - a.length);

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}
function isNameChar(c: string | undefined): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === '_';
}

class Refusal extends Error {
  constructor(
    readonly reason: 'too_complex' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/** Index of the bracket closing the one at `open` (same kind), or -1. Linear scan. */
function matching(s: string, open: number): number {
  const o = s[open];
  const c = o === '(' ? ')' : o === '{' ? '}' : o === '[' ? ']' : '';
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function skipSpaces(s: string, i: number): number {
  let k = i;
  while (s[k] === ' ') k++;
  return k;
}

class Converter {
  private out = '';
  private powers = 0;
  /** Longest first, each with a letters-only name for the engine (unique: `rate_1`, `rate_2` → ratea, rateb). */
  private readonly identifiers: { name: string; latexName: string }[] = [];

  constructor(identifiers: readonly string[]) {
    const used = new Set<string>();
    for (const name of [...identifiers].sort((a, b) => b.length - a.length)) {
      let latexName = '';
      for (const ch of name) if (isAsciiLetter(ch)) latexName += ch;
      let k = 0;
      while (used.has(latexName) || latexName.length < 2) latexName = `${latexName}${String.fromCharCode(97 + (k++ % 26))}`;
      used.add(latexName);
      this.identifiers.push({ name, latexName });
    }
  }

  private identifierAt(s: string, i: number): { name: string; latexName: string } | undefined {
    return this.identifiers.find((id) => s.startsWith(id.name, i) && !isNameChar(s[i + id.name.length]));
  }

  run(s: string, depth: number): string {
    if (depth > MAX_DEPTH) throw new Refusal('too_complex', 'brackets are nested too deeply');
    const saved = this.out;
    this.out = '';
    let i = 0;
    let bracketDepth = 0;
    while (i < s.length) {
      if (this.out.length + saved.length > MAX_OUTPUT) throw new Refusal('too_complex', 'the expression is too long');
      const c = s[i] ?? '';
      if (c === ' ') {
        this.out += ' ';
        i++;
      } else if (isDigit(c) || (c === '.' && isDigit(s[i + 1]))) {
        i = this.number(s, i);
      } else if (c === '\\') {
        i = this.command(s, i, depth);
      } else if (c === '^' || (c === '*' && s[i + 1] === '*')) {
        i = this.power(s, c === '^' ? i + 1 : i + 2, depth);
      } else if (c === '*' || c === '·' || c === '×') {
        this.out += ' \\cdot ';
        i++;
      } else if (c === '(' || c === '[' || c === '{') {
        bracketDepth++;
        if (bracketDepth + depth > MAX_DEPTH) throw new Refusal('too_complex', 'brackets are nested too deeply');
        this.out += c;
        i++;
      } else if (c === ')' || c === ']' || c === '}') {
        bracketDepth--;
        this.out += c;
        i++;
      } else if (c === '+' || c === '-' || c === '/' || c === '=' || c === '|' || c === ',' || c === '_') {
        this.out += c;
        i++;
      } else if (c === '√') {
        i = this.groupFunction('sqrt', s, i + 1, depth);
      } else if (c === 'π') {
        this.out += '\\pi ';
        i = this.afterName(s, i + 1);
      } else if (isAsciiLetter(c) || c === '_') {
        const identifier = isAsciiLetter(s[i - 1]) || s[i - 1] === '_' ? undefined : this.identifierAt(s, i);
        if (identifier !== undefined) {
          this.out += `\\mathrm{${identifier.latexName}}`;
          i = this.afterName(s, i + identifier.name.length);
        } else if (c === '_') {
          this.out += c;
          i++;
        } else i = this.letters(s, i, depth);
      } else if (isLetter(c)) {
        this.out += c;
        i = this.afterName(s, i + 1);
      } else if (c === '!') {
        throw new Refusal('unreadable', 'factorials (!) are not supported in answers');
      } else {
        throw new Refusal('unreadable', `“${c}” cannot be part of an expression`);
      }
    }
    const result = this.out;
    this.out = saved;
    return result;
  }

  private number(s: string, start: number): number {
    let i = start;
    let digits = 0;
    while (isDigit(s[i]) || (s[i] === '.' && isDigit(s[i + 1]))) {
      if (s[i] !== '.') digits++;
      i++;
    }
    if (digits > MAX_NUMBER_DIGITS) throw new Refusal('too_complex', `numbers are limited to ${MAX_NUMBER_DIGITS} digits`);
    this.out += s.slice(start, i);
    return i;
  }

  /** After a variable or constant: `x(…)` means x times (…), not a function x. */
  private afterName(s: string, i: number): number {
    const k = skipSpaces(s, i);
    if (s[k] === '(') this.out += ' \\cdot ';
    return i;
  }

  private command(s: string, start: number, depth: number): number {
    let i = start + 1;
    while (i < s.length && isAsciiLetter(s[i])) i++;
    const name = s.slice(start, i);
    if (name === '\\') throw new Refusal('unreadable', `“${s.slice(start, start + 2)}” is not supported in answers`);
    if (!ALLOWED_COMMANDS.has(name)) throw new Refusal('unreadable', `${name} is not supported in answers`);
    if (name === '\\mathrm' || name === '\\operatorname') {
      const k = skipSpaces(s, i);
      const close = s[k] === '{' ? s.indexOf('}', k) : -1;
      const inner = close < 0 ? '' : s.slice(k + 1, close);
      if (inner === '' || !Array.from(inner).every((ch) => isLetter(ch))) throw new Refusal('unreadable', `${name} needs a name in braces`);
      this.out += `\\mathrm{${inner}}`;
      return this.afterName(s, close + 1);
    }
    if (name === '\\sqrt') {
      this.out += '\\sqrt';
      const k = skipSpaces(s, i);
      if (s[k] === '[') {
        const close = matching(s, k);
        if (close < 0) throw new Refusal('unreadable', 'a bracket is not closed');
        this.out += `[${this.run(s.slice(k + 1, close), depth + 1)}]`;
        return close + 1;
      }
      return k;
    }
    this.out += `${name} `;
    return Object.values(CONSTANTS).includes(name) ? this.afterName(s, i) : i;
  }

  /** `^` (or `**`) and its exponent: one group, never containing another power. */
  private power(s: string, start: number, depth: number): number {
    if (++this.powers > MAX_POWERS) throw new Refusal('too_complex', 'too many powers');
    let i = skipSpaces(s, start);
    const c = s[i];
    let exponent: string;
    if (c === '(' || c === '{') {
      const close = matching(s, i);
      if (close < 0) throw new Refusal('unreadable', 'a bracket is not closed');
      const inner = s.slice(i + 1, close);
      if (inner.includes('^') || inner.includes('**')) throw new Refusal('too_complex', 'powers inside powers are not supported');
      this.checkExponentDigits(inner);
      exponent = c === '(' ? `(${this.run(inner, depth + 1)})` : this.run(inner, depth + 1);
      i = close + 1;
    } else {
      let k = i;
      if (s[k] === '-' || s[k] === '+') k++;
      if (isDigit(s[k])) {
        while (isDigit(s[k]) || (s[k] === '.' && isDigit(s[k + 1]))) k++;
      } else if (s[k] !== undefined && isLetter(s[k])) {
        k++;
      } else throw new Refusal('unreadable', 'after ^ write a number, a letter or a bracket');
      exponent = s.slice(i, k);
      this.checkExponentDigits(exponent);
      i = k;
    }
    this.out += `^{${exponent}}`;
    const next = skipSpaces(s, i);
    if (s[next] === '^' || (s[next] === '*' && s[next + 1] === '*')) throw new Refusal('too_complex', 'powers of powers are not supported');
    return i;
  }

  private checkExponentDigits(exponent: string): void {
    let run = 0;
    for (const ch of exponent) {
      run = isDigit(ch) ? run + 1 : 0;
      if (run > 3) throw new Refusal('too_complex', 'exponents are limited to 3 digits');
    }
  }

  /** `sqrt(…)` → `\sqrt{…}`, `abs(…)` → `|…|`, `cbrt(…)` → `\sqrt[3]{…}`; without brackets the next item is the argument. */
  private groupFunction(name: string, s: string, start: number, depth: number): number {
    const k = skipSpaces(s, start);
    const head = name === 'cbrt' ? '\\sqrt[3]' : name === 'abs' ? '' : '\\sqrt';
    if (s[k] === '(') {
      const close = matching(s, k);
      if (close < 0) throw new Refusal('unreadable', 'a bracket is not closed');
      const inner = this.run(s.slice(k + 1, close), depth + 1);
      this.out += name === 'abs' ? `\\left|${inner}\\right|` : `${head}{${inner}}`;
      return close + 1;
    }
    if (name === 'abs') throw new Refusal('unreadable', 'write abs(…) with brackets');
    this.out += `${head} `;
    return k;
  }

  /** A run of ASCII letters: function names, known identifiers, Greek names, else single-letter variables. */
  private letters(s: string, start: number, depth: number): number {
    let end = start;
    while (end < s.length && isAsciiLetter(s[end])) end++;
    let i = start;
    while (i < end) {
      const rest = s.slice(i, end);
      const word = WORD_NAMES.find((w) => rest.toLowerCase().startsWith(w));
      if (word !== undefined) {
        i += word.length;
        if (GROUP_FUNCTIONS.has(word)) {
          if (i < end) {
            // `sqrtx`: the argument is the rest of the letters.
            this.out += word === 'abs' ? '' : word === 'cbrt' ? '\\sqrt[3]' : '\\sqrt';
            if (word === 'abs') throw new Refusal('unreadable', 'write abs(…) with brackets');
            continue;
          }
          return this.groupFunction(word, s, end, depth);
        }
        const fn = FUNCTIONS[word];
        if (fn !== undefined) {
          this.out += `${fn} `;
          continue;
        }
        this.out += `${CONSTANTS[word] ?? ''} `;
        if (i === end) return this.afterName(s, end);
        continue;
      }
      this.out += s[i] ?? '';
      i++;
      if (i === end) return this.afterName(s, end);
      this.out += ' ';
    }
    return end;
  }
}

/** Convert an expression to guarded LaTeX. `identifiers`: multi-letter names to keep whole. */
export function expressionToLatex(input: string, identifiers: readonly string[] = []): LatexConversion {
  try {
    const converter = new Converter(identifiers);
    const latex = converter.run(input, 0);
    return { ok: true, latex };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: e.reason, detail: e.message };
    throw e;
  }
}

/**
 * Multi-letter names in a Python-style expected answer (`2*rate*time` → rate, time). Python never
 * writes `ab` for a·b, so there a letter run is one name; in LaTeX-style answers (no `*`) it is a product.
 */
export function multiLetterIdentifiers(expected: string): string[] {
  if (!expected.includes('*')) return [];
  const names = new Set<string>();
  let i = 0;
  while (i < expected.length) {
    const c = expected[i];
    if (c === '\\') {
      i++;
      while (isAsciiLetter(expected[i])) i++; // a LaTeX command, not a name
      continue;
    }
    if (!isAsciiLetter(c) && c !== '_') {
      i++;
      continue;
    }
    const start = i;
    while (isNameChar(expected[i])) i++;
    const name = expected.slice(start, i);
    const lower = name.toLowerCase();
    const known = FUNCTIONS[lower] !== undefined || GROUP_FUNCTIONS.has(lower) || CONSTANTS[lower] !== undefined;
    if (name.length >= 2 && !known) names.add(name);
  }
  return [...names].slice(0, 50);
}
