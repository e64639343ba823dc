/**
 * A small numeric evaluator over traced expressions, for replaying a solution with one step left out
 * (diagnosis). It only knows plain arithmetic and the usual school functions; anything else gives
 * undefined and the replay is abandoned. Python's semantics where they differ from JS: `//` floors,
 * `%` takes the divisor's sign.
 */
import { numericOf } from './numbers.js';
import type { Expr } from './trace.types.js';

export type Env = ReadonlyMap<string, number>;

function call(f: string, args: number[]): number | undefined {
  const [a, b] = args;
  if (a === undefined) return undefined;
  const name = f.startsWith('math.') ? f.slice(5) : f;
  switch (name) {
    case 'float':
    case 'Fraction':
    case 'Decimal':
      return args.length === 1 ? a : b === undefined || b === 0 ? undefined : a / b;
    case 'int':
      return Math.trunc(a);
    case 'round':
      return b === undefined ? Math.round(a) : Math.round(a * 10 ** b) / 10 ** b;
    case 'abs':
    case 'fabs':
      return Math.abs(a);
    case 'sqrt':
      return a < 0 ? undefined : Math.sqrt(a);
    case 'floor':
      return Math.floor(a);
    case 'ceil':
      return Math.ceil(a);
    case 'max':
      return Math.max(...args);
    case 'min':
      return Math.min(...args);
    case 'pow':
      return b === undefined ? undefined : a ** b;
    default:
      return undefined;
  }
}

/** `exact`: ignore `round(…)`, to tell whether a step's value was rounded. */
export function evaluate(e: Expr, env: Env, exact = false): number | undefined {
  switch (e.k) {
    case 'num':
      return numericOf(e.v);
    case 'name':
      return env.get(e.id) ?? (e.id === 'pi' ? Math.PI : undefined);
    case 'unary': {
      const x = evaluate(e.e, env, exact);
      if (x === undefined || e.op === 'not') return undefined;
      return e.op === '-' ? -x : x;
    }
    case 'bin': {
      const l = evaluate(e.l, env, exact);
      const r = evaluate(e.r, env, exact);
      if (l === undefined || r === undefined) return undefined;
      switch (e.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return r === 0 ? undefined : l / r;
        case '//':
          return r === 0 ? undefined : Math.floor(l / r);
        case '%':
          return r === 0 ? undefined : ((l % r) + r) % r;
        case '**':
          return l ** r;
      }
      return undefined;
    }
    case 'call': {
      const args: number[] = [];
      for (const a of e.args) {
        const x = evaluate(a, env, exact);
        if (x === undefined) return undefined;
        args.push(x);
      }
      if (exact && e.f === 'round') return args[0];
      return call(e.f, args);
    }
    case 'other':
      return e.src.trim() === 'math.pi' ? Math.PI : undefined;
    default:
      return undefined;
  }
}

/** Outcome of a comparison test, or undefined when it is not plain arithmetic. */
export function evaluateTest(e: Expr, env: Env): boolean | undefined {
  if (e.k !== 'cmp') return undefined;
  const xs = e.items.map((x) => evaluate(x, env));
  let ok = true;
  for (let i = 0; i < e.ops.length; i++) {
    const l = xs[i];
    const r = xs[i + 1];
    if (l === undefined || r === undefined) return undefined;
    const op = e.ops[i];
    const holds = op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : op === '>=' ? l >= r : op === '==' ? l === r : op === '!=' ? l !== r : undefined;
    if (holds === undefined) return undefined;
    ok &&= holds;
  }
  return ok;
}
