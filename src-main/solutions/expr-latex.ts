/**
 * A traced expression as KaTeX, either with this instance's numbers substituted (`400 \times (1 - 0.2)`)
 * or with the quantities named (`\text{price} \times (1 - \text{discount})`, the "idea" of a step).
 * Returns undefined when the expression holds something a learner should not see as code (a
 * comprehension, a subscript, an f-string): the step then shows its result only.
 */
import type { PyValue } from '../template/template.types.js';
import { latexText, latexValue, type NumberStyle } from './numbers.js';
import type { Expr } from './trace.types.js';

export type Substitution = { mode: 'values'; values: Readonly<Record<string, PyValue>> } | { mode: 'names' };

/** `price_after_discount` → "price after discount" (the caller capitalises titles). */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\s]+/)
    .filter((w) => w !== '');
  return words.join(' ').toLowerCase();
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Binding strength: higher binds tighter. Atoms (numbers, names, \frac, calls) are 9. */
const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '%': 2, '//': 9, '/': 9, '**': 3 };
const CMP: Record<string, string> = { '==': '=', '!=': '\\ne', '<': '\\lt', '<=': '\\le', '>': '\\gt', '>=': '\\ge' };
const CMP_NEGATED: Record<string, string> = { '==': '\\ne', '!=': '=', '<': '\\ge', '<=': '\\gt', '>': '\\le', '>=': '\\lt' };
const CONSTANTS: Record<string, string> = { 'math.pi': '\\pi', pi: '\\pi', 'math.e': 'e' };

interface Rendered {
  tex: string;
  prec: number;
  /** Starts with a minus sign (needs parentheses after an operator). */
  negative: boolean;
  /** The operator at the top, for binary operations. */
  op?: string;
}

function atom(tex: string): Rendered {
  return { tex, prec: 9, negative: tex.startsWith('-') };
}

function paren(r: Rendered): string {
  return `\\left(${r.tex}\\right)`;
}

class Unrenderable extends Error {}

function render(e: Expr, sub: Substitution, style: NumberStyle): Rendered {
  switch (e.k) {
    case 'num': {
      const t = latexValue(e.v, style);
      if (t === undefined) throw new Unrenderable();
      return atom(t);
    }
    case 'str':
      return atom(`\\text{${latexText(e.v)}}`);
    case 'bool':
      return atom(e.v ? '\\text{yes}' : '\\text{no}');
    case 'none':
      throw new Unrenderable();
    case 'name': {
      const constant = CONSTANTS[e.id];
      if (constant !== undefined) return atom(constant);
      if (sub.mode === 'values') {
        const v = sub.values[e.id];
        if (v === undefined) throw new Unrenderable();
        const t = latexValue(v, style);
        if (t === undefined) throw new Unrenderable();
        return atom(t);
      }
      return atom(`\\text{${latexText(humanize(e.id))}}`);
    }
    case 'unary': {
      const inner = render(e.e, sub, style);
      if (e.op === 'not') return { tex: `\\text{not } ${inner.prec < 9 ? paren(inner) : inner.tex}`, prec: 1, negative: false };
      const body = inner.prec < 9 || inner.negative ? paren(inner) : inner.tex;
      return { tex: `${e.op === '-' ? '-' : '+'}${body}`, prec: 2, negative: e.op === '-' };
    }
    case 'bin':
      return renderBin(e.op, render(e.l, sub, style), render(e.r, sub, style));
    case 'call':
      return renderCall(e.f, e.args, sub, style);
    case 'cmp': {
      const items = e.items.map((x) => render(x, sub, style));
      const first = items[0];
      if (first === undefined || e.ops.some((op) => CMP[op] === undefined)) throw new Unrenderable();
      let tex = first.tex;
      e.ops.forEach((op, i) => {
        const item = items[i + 1];
        if (item === undefined) throw new Unrenderable();
        tex += ` ${CMP[op] ?? ''} ${item.tex}`;
      });
      return { tex, prec: 0, negative: first.negative };
    }
    case 'boolop': {
      const parts = e.items.map((x) => render(x, sub, style).tex);
      return { tex: parts.join(e.op === 'and' ? ' \\text{ and } ' : ' \\text{ or } '), prec: -1, negative: false };
    }
    case 'list':
    case 'tuple': {
      const parts = e.items.map((x) => render(x, sub, style).tex);
      return atom(`\\left(${parts.join(', ')}\\right)`);
    }
    case 'ifexp':
      throw new Unrenderable();
    case 'other': {
      const constant = CONSTANTS[e.src.trim()];
      if (constant !== undefined) return atom(constant);
      throw new Unrenderable();
    }
  }
}

function renderBin(op: string, l: Rendered, r: Rendered): Rendered {
  const prec = PREC[op] ?? 1;
  if (op === '/') return atom(`\\frac{${l.tex}}{${r.tex}}`);
  if (op === '//') return atom(`\\left\\lfloor \\frac{${l.tex}}{${r.tex}} \\right\\rfloor`);
  if (op === '**') {
    const base = l.prec < 9 || l.negative ? paren(l) : l.tex;
    return { tex: `${base}^{${r.tex}}`, prec, negative: false };
  }
  // Left-associative: a left operand of equal strength needs no parentheses; a right one does (a - (b - c)).
  const left = l.prec < prec ? paren(l) : l.tex;
  // a + (b - c) reads the same without them, and a × (b × c); a × (b mod c) and a - (b + c) do not.
  const sameStrengthOk = op === '+' || (op === '*' && r.op === '*');
  const right = r.prec < prec || (r.prec === prec && !sameStrengthOk) || r.negative ? paren(r) : r.tex;
  const sym = op === '*' ? '\\times' : op === '%' ? '\\bmod' : op;
  return { tex: `${left} ${sym} ${right}`, prec, negative: l.negative && l.prec >= prec, op };
}

/** Conversions that do not change what the learner computes. */
const PASS_THROUGH = new Set(['float', 'int', 'Fraction', 'Decimal', 'fractions.Fraction', 'decimal.Decimal']);

function renderCall(f: string, args: Expr[], sub: Substitution, style: NumberStyle): Rendered {
  // sorted([a, b, c]), max([a, b]): the list's own brackets add nothing.
  const only = args.length === 1 ? args[0] : undefined;
  const flat = only !== undefined && (only.k === 'list' || only.k === 'tuple') && ['sorted', 'sum', 'max', 'min'].includes(f) ? only.items : args;
  const a = flat.map((x) => render(x, sub, style));
  const [first, second] = a;
  if (first === undefined) throw new Unrenderable();
  const name = f.startsWith('math.') ? f.slice(5) : f;
  if (a.length === 2 && second !== undefined && (f === 'Fraction' || f === 'fractions.Fraction')) return atom(`\\frac{${first.tex}}{${second.tex}}`);
  if (a.length === 1 && PASS_THROUGH.has(f)) return first;
  // Rounding is said by the step's title and its ≈ sign, not written as a function.
  if (f === 'round' && (a.length === 1 || second !== undefined)) return first;
  if (a.length === 1) {
    if (name === 'sqrt') return atom(`\\sqrt{${first.tex}}`);
    if (f === 'abs' || name === 'fabs') return atom(`\\left|${first.tex}\\right|`);
    if (name === 'floor') return atom(`\\left\\lfloor ${first.tex} \\right\\rfloor`);
    if (name === 'ceil') return atom(`\\left\\lceil ${first.tex} \\right\\rceil`);
    if (f === 'round') return atom(`\\operatorname{round}\\left(${first.tex}\\right)`);
  }
  if (f === 'round' && second !== undefined) return atom(`\\operatorname{round}\\left(${first.tex}, ${second.tex}\\right)`);
  if (name === 'max' || name === 'min' || name === 'gcd' || name === 'lcm') return atom(`\\${name === 'max' || name === 'min' || name === 'gcd' ? name : 'operatorname{lcm}'}\\left(${a.map((x) => x.tex).join(', ')}\\right)`);
  if (name === 'pow' && second !== undefined) return renderBin('**', first, second);
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(f) && ['sum', 'sorted', 'len'].includes(f)) {
    return atom(`\\operatorname{${f}}\\left(${a.map((x) => x.tex).join(', ')}\\right)`);
  }
  throw new Unrenderable();
}

/** KaTeX for `e`, or undefined when it cannot be shown without code. */
export function exprLatex(e: Expr, sub: Substitution, style: NumberStyle): string | undefined {
  try {
    return render(e, sub, style).tex;
  } catch (err) {
    if (err instanceof Unrenderable) return undefined;
    throw err;
  }
}

/** A comparison that came out false, written as the relation that held (`35 \le 90`). */
export function negatedComparison(e: Expr, sub: Substitution, style: NumberStyle): string | undefined {
  if (e.k !== 'cmp' || e.ops.length !== 1) return undefined;
  const op = e.ops[0] ?? '';
  const neg = CMP_NEGATED[op];
  if (neg === undefined) return undefined;
  const [l, r] = e.items;
  if (l === undefined || r === undefined) return undefined;
  const lt = exprLatex(l, sub, style);
  const rt = exprLatex(r, sub, style);
  return lt === undefined || rt === undefined ? undefined : `${lt} ${neg} ${rt}`;
}
