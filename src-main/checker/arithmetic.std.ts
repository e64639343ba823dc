/**
 * Exact evaluation of plain arithmetic a learner may type instead of a single number (`3+4`,
 * `2(3+4)`, `1.5/3`, `\frac{6}{8}`, `2^10`). It lets the checker say "right value, now work it out"
 * (correct_needs_simplifying) instead of "wrong". Recursive descent with hard caps on tokens,
 * nesting and the size of powers, so hostile input cannot make it slow or deep.
 */
import type { Rational } from './checker.types.std.js';
import { add, babs, div, mul, neg, powInt, rat, sub } from './rational.std.js';
import { isDigit } from './numbers.std.js';

const MAX_TOKENS = 120;
const MAX_DEPTH = 24;
const MAX_EXPONENT = 64;
/** Bits a power may produce: 2^10 is fine, 999^64 is refused before it is computed. */
const MAX_POWER_BITS = 4096;

type Token =
  | { t: 'num'; value: Rational }
  | { t: 'op'; op: '+' | '-' | '*' | '/' | '^' }
  | { t: 'open'; close: ')' | ']' | '}' }
  | { t: 'close'; close: ')' | ']' | '}' }
  | { t: 'frac' };

export type ArithmeticResult = { ok: true; value: Rational; operations: number } | { ok: false; error: string };

function tokenize(s: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (tokens.length > MAX_TOKENS) return 'the calculation is too long';
    const c = s[i] ?? '';
    if (c === ' ') {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(s[i + 1]))) {
      let j = i;
      while (isDigit(s[j])) j++;
      const intPart = s.slice(i, j);
      let frac = '';
      if (s[j] === '.') {
        j++;
        const fs = j;
        while (isDigit(s[j])) j++;
        frac = s.slice(fs, j);
      }
      if (intPart.length + frac.length > 60) return 'a number in the calculation is too long';
      tokens.push({ t: 'num', value: rat(BigInt((intPart === '' ? '0' : intPart) + frac), 10n ** BigInt(frac.length)) });
      i = j;
      continue;
    }
    if (c === '+' || c === '-' || c === '/' || c === '^') {
      tokens.push({ t: 'op', op: c });
      i++;
      continue;
    }
    if (c === '*' || c === '×' || c === '·' || c === 'x' || c === 'X') {
      tokens.push({ t: 'op', op: '*' });
      i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      tokens.push({ t: 'open', close: c === '(' ? ')' : c === '[' ? ']' : '}' });
      i++;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      tokens.push({ t: 'close', close: c });
      i++;
      continue;
    }
    if (s.startsWith('\\frac', i)) {
      tokens.push({ t: 'frac' });
      i += 5;
      continue;
    }
    return `“${c}” cannot be part of a calculation`;
  }
  return tokens;
}

class Evaluator {
  private pos = 0;
  private depth = 0;
  operations = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  run(): Rational {
    const v = this.expr();
    const next = this.peek();
    if (next?.t === 'num') throw new ArithmeticError('there is more than one number (write one answer)');
    if (next !== undefined) throw new ArithmeticError('something is left over after the calculation');
    return v;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new ArithmeticError('the calculation is nested too deeply');
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private expr(): Rational {
    this.enter();
    let v = this.term();
    for (let tk = this.peek(); tk?.t === 'op' && (tk.op === '+' || tk.op === '-'); tk = this.peek()) {
      this.pos++;
      const r = this.term();
      v = tk.op === '+' ? add(v, r) : sub(v, r);
      this.operations++;
    }
    this.depth--;
    return v;
  }

  private term(): Rational {
    let v = this.unary();
    for (;;) {
      const tk = this.peek();
      if (tk?.t === 'op' && (tk.op === '*' || tk.op === '/')) {
        this.pos++;
        const r = this.unary();
        const next = tk.op === '*' ? mul(v, r) : div(v, r);
        if (next === undefined) throw new ArithmeticError('division by zero');
        v = next;
        this.operations++;
      } else if (tk?.t === 'open' || tk?.t === 'frac') {
        // Implicit multiplication: 2(3+4), (1+2)(3+4), 3\frac{1}{2} is NOT this (mixed numbers are read earlier).
        v = mul(v, this.unary());
        this.operations++;
      } else return v;
    }
  }

  private unary(): Rational {
    const tk = this.peek();
    if (tk?.t === 'op' && (tk.op === '-' || tk.op === '+')) {
      this.pos++;
      this.enter();
      const v = this.unary();
      this.depth--;
      return tk.op === '-' ? neg(v) : v;
    }
    return this.power();
  }

  private power(): Rational {
    const base = this.atom();
    const tk = this.peek();
    if (tk?.t !== 'op' || tk.op !== '^') return base;
    this.pos++;
    this.enter();
    const e = this.unary();
    this.depth--;
    if (e.d !== 1n || babs(e.n) > BigInt(MAX_EXPONENT)) throw new ArithmeticError(`powers are limited to whole exponents up to ${MAX_EXPONENT}`);
    const exp = Number(e.n);
    const bits = Math.max(babs(base.n).toString(2).length, base.d.toString(2).length);
    if (bits * Math.abs(exp) > MAX_POWER_BITS) throw new ArithmeticError('the power is too large to work out');
    const v = powInt(base, exp);
    if (v === undefined) throw new ArithmeticError('division by zero');
    this.operations++;
    return v;
  }

  private atom(): Rational {
    const tk = this.peek();
    if (tk === undefined) throw new ArithmeticError('the calculation is incomplete');
    this.pos++;
    if (tk.t === 'num') return tk.value;
    if (tk.t === 'open') {
      this.enter();
      const v = this.expr();
      const close = this.peek();
      if (close?.t !== 'close' || close.close !== tk.close) throw new ArithmeticError('brackets do not match');
      this.pos++;
      this.depth--;
      return v;
    }
    if (tk.t === 'frac') {
      const n = this.braced();
      const d = this.braced();
      const v = div(n, d);
      if (v === undefined) throw new ArithmeticError('division by zero');
      this.operations++;
      return v;
    }
    throw new ArithmeticError('the calculation is incomplete');
  }

  /** A `\frac` argument: `{…}` or a single digit (`\frac34`). */
  private braced(): Rational {
    const tk = this.peek();
    if (tk?.t === 'open' && tk.close === '}') return this.atom();
    if (tk?.t === 'num' && tk.value.d === 1n && tk.value.n < 10n) {
      this.pos++;
      return tk.value;
    }
    throw new ArithmeticError('\\frac needs two groups, like \\frac{3}{4}');
  }
}

class ArithmeticError extends Error {}

/** Evaluate `s` exactly. Only digits, `. + - * × · x / ^ ( ) [ ] { }` and `\frac` are allowed. */
export function evaluateArithmetic(s: string): ArithmeticResult {
  const tokens = tokenize(s);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  if (tokens.length === 0) return { ok: false, error: 'there is no calculation' };
  // `\frac34` arrives as one number token 34: split a two-digit number right after \frac into two digits.
  const split: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const tk = tokens[k];
    const next = tokens[k + 1];
    if (tk === undefined) continue;
    split.push(tk);
    if (tk.t === 'frac' && next?.t === 'num' && next.value.d === 1n && next.value.n >= 10n && next.value.n < 100n) {
      split.push({ t: 'num', value: rat(next.value.n / 10n) }, { t: 'num', value: rat(next.value.n % 10n) });
      k++;
    }
  }
  try {
    const ev = new Evaluator(split);
    const value = ev.run();
    return { ok: true, value, operations: ev.operations };
  } catch (e) {
    if (e instanceof ArithmeticError) return { ok: false, error: e.message };
    throw e;
  }
}
