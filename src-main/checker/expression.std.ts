/**
 * Mathematical equivalence of expressions (`2(x+1)` vs `2x+2`) with the Compute Engine.
 *
 * The engine is large (≈0.4 s to import and start), so it is loaded lazily: call
 * `loadExpressionEngine()` (or use `checkAnswerAsync`) before checking an expression answer. Only
 * this file refers to the engine, and only through `import type` plus one dynamic `import()`.
 *
 * Equivalence is decided deterministically: both expressions are evaluated at 8 fixed sample points
 * (each variable gets a different irrational-looking value, never an integer, so poles like 1/(x-1)
 * are avoided); they are equivalent when every point where both are finite agrees to 1e-9 (relative),
 * with at least 3 such points (1 when there is no variable). Equations `a = b` are equivalent when
 * a-b is a non-zero constant multiple of the other's. The guards: the text guard of
 * expression-latex.std.ts, an allow-list of operators on the parsed MathJSON, size and depth limits,
 * and a time limit inside the engine as a last resort.
 */
import type { ComputeEngine, Expression } from '@cortex-js/compute-engine';
import { expressionToLatex, multiLetterIdentifiers } from './expression-latex.std.js';

let engine: ComputeEngine | undefined;
let loading: Promise<ComputeEngine> | undefined;

/** Start (once) and wait for the Compute Engine. Rejects only if the package cannot be loaded. */
export async function loadExpressionEngine(): Promise<void> {
  if (engine !== undefined) return;
  loading ??= import('@cortex-js/compute-engine').then((mod) => {
    const ce = new mod.ComputeEngine();
    // Machine floats: sampling needs speed, not 300 digits.
    ce.precision = 'machine';
    return ce;
  });
  try {
    engine = await loading;
  } catch (e) {
    loading = undefined;
    throw e;
  }
}

export function isExpressionEngineReady(): boolean {
  return engine !== undefined;
}

export type ExpressionOutcome =
  | { status: 'equivalent'; readAs: string; latex: string }
  | { status: 'different'; readAs: string; latex: string }
  | { status: 'refused'; reason: 'unreadable' | 'too_complex' | 'engine_not_ready'; detail: string; readAs: string }
  | { status: 'bad_expected'; detail: string };

/** Operators an answer may use (MathJSON names after canonical parsing). */
const ALLOWED_OPERATORS = new Set([
  'Add', 'Subtract', 'Negate', 'Multiply', 'Divide', 'Rational', 'Power', 'Sqrt', 'Root', 'Abs', 'Square', 'Exp',
  'Sin', 'Cos', 'Tan', 'Sec', 'Csc', 'Cot', 'Arcsin', 'Arccos', 'Arctan', 'Sinh', 'Cosh', 'Tanh', 'Ln', 'Log',
  'Complex', 'Equal', 'Delimiter', 'Half',
]);
const MAX_NODES = 400;
const MAX_TREE_DEPTH = 40;
const MAX_LITERAL = 1e300;
const TIME_LIMIT_MS = 2000;
const SAMPLE_POINTS = 8;
const TOLERANCE = 1e-9;
/** Base sample values: irrational-looking, both signs, none an integer or a simple fraction. */
const BASE_VALUES = [
  0.6180339887, 1.4142135624, -0.7320508076, 2.2360679775, -1.3247179572, 0.5772156649, 1.7320508076, -2.0816659995,
  0.8862269255, -0.4142135624, 2.7182818285, 1.2599210499,
];

class Refused extends Error {
  constructor(
    readonly reason: 'unreadable' | 'too_complex',
    message: string,
  ) {
    super(message);
  }
}

/** Walk the MathJSON: allowed operators only, bounded size, depth, literals and exponents. */
function guardTree(json: unknown): void {
  let nodes = 0;
  const visit = (node: unknown, depth: number, inExponent: boolean): void => {
    if (++nodes > MAX_NODES) throw new Refused('too_complex', 'the expression is too long');
    if (depth > MAX_TREE_DEPTH) throw new Refused('too_complex', 'the expression is nested too deeply');
    if (typeof node === 'number') {
      if (!Number.isFinite(node) || Math.abs(node) > MAX_LITERAL) throw new Refused('too_complex', 'a number is too large');
      return;
    }
    if (typeof node === 'string') return;
    if (Array.isArray(node)) {
      const [op, ...args] = node as unknown[];
      if (typeof op !== 'string') throw new Refused('unreadable', 'the expression could not be read');
      if (op === 'Error') throw new Refused('unreadable', 'the expression could not be read');
      if (!ALLOWED_OPERATORS.has(op)) throw new Refused('unreadable', `${op} is not supported in answers`);
      const power = op === 'Power' || op === 'Root' || op === 'Exp';
      if (power && inExponent) throw new Refused('too_complex', 'powers inside powers are not supported');
      args.forEach((a, k) => {
        visit(a, depth + 1, inExponent || (power && (op === 'Exp' || k === 1)));
      });
      return;
    }
    if (typeof node === 'object' && node !== null) {
      const num = (node as { num?: unknown }).num;
      if (typeof num === 'string') {
        const v = Number(num);
        if (!Number.isFinite(v) || Math.abs(v) > MAX_LITERAL) throw new Refused('too_complex', 'a number is too large');
        return;
      }
      if (typeof (node as { sym?: unknown }).sym === 'string') return;
      throw new Refused('unreadable', 'the expression could not be read');
    }
    throw new Refused('unreadable', 'the expression could not be read');
  };
  visit(json, 0, false);
}

interface Complex {
  re: number;
  im: number;
}

function parseGuarded(ce: ComputeEngine, latex: string): Expression {
  const expr = ce.parse(latex);
  if (!expr.isValid) throw new Refused('unreadable', 'the expression could not be read');
  guardTree(expr.json);
  return expr;
}

/** Numeric value at a point, or undefined when not finite (outside the domain, a pole). */
function valueAt(expr: Expression, point: Readonly<Record<string, number>>): Complex | undefined {
  const ce = expr.engine;
  const subs: Record<string, Expression> = {};
  for (const [name, v] of Object.entries(point)) subs[name] = ce.number(v);
  const n = expr.subs(subs).N();
  const re = n.re;
  const im = n.im;
  if (!Number.isFinite(re) || !Number.isFinite(im)) return undefined;
  return { re, im };
}

function close(a: Complex, b: Complex): boolean {
  const scale = Math.max(1, Math.hypot(a.re, a.im), Math.hypot(b.re, b.im));
  return Math.abs(a.re - b.re) <= TOLERANCE * scale && Math.abs(a.im - b.im) <= TOLERANCE * scale;
}

function samplePoints(variables: readonly string[]): Record<string, number>[] {
  const count = variables.length === 0 ? 1 : SAMPLE_POINTS;
  const points: Record<string, number>[] = [];
  for (let p = 0; p < count; p++) {
    const point: Record<string, number> = {};
    variables.forEach((name, j) => {
      point[name] = (BASE_VALUES[(p + 3 * j) % BASE_VALUES.length] ?? 0.5) + 0.0137 * j;
    });
    points.push(point);
  }
  return points;
}

type Side = { kind: 'expr'; expr: Expression } | { kind: 'equation'; lhs: Expression; rhs: Expression };

/** The operands of a function expression (checked structurally: the runtime guards live in the engine's bundle). */
function operandsOf(expr: Expression): readonly Expression[] | undefined {
  return 'ops' in expr && Array.isArray(expr.ops) ? (expr.ops as readonly Expression[]) : undefined;
}

function isLoneSymbol(expr: Expression): boolean {
  return 'symbol' in expr && typeof expr.symbol === 'string';
}

function sideOf(expr: Expression): Side {
  const ops = operandsOf(expr);
  if (expr.operator === 'Equal' && ops?.length === 2) {
    const [lhs, rhs] = ops;
    if (lhs !== undefined && rhs !== undefined) return { kind: 'equation', lhs, rhs };
  }
  return { kind: 'expr', expr };
}

/** `y = 2x+1` against `2x+1`: the right-hand side, when the left is a lone variable. */
function rhsOfDefinition(side: Side): Expression | undefined {
  return side.kind === 'equation' && isLoneSymbol(side.lhs) ? side.rhs : undefined;
}

function sub(a: Complex, b: Complex): Complex {
  return { re: a.re - b.re, im: a.im - b.im };
}

function divide(a: Complex, b: Complex): Complex | undefined {
  const d = b.re * b.re + b.im * b.im;
  if (d === 0) return undefined;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
}

function isZero(a: Complex): boolean {
  return Math.hypot(a.re, a.im) <= TOLERANCE;
}

/** Compare two sides by sampling. */
function sameBySampling(learner: Side, expected: Side): 'equivalent' | 'different' | 'unknown' {
  const variables = [...new Set([...unknownsOf(learner), ...unknownsOf(expected)])].sort();
  const points = samplePoints(variables);
  const needed = variables.length === 0 ? 1 : 3;
  let agree = 0;
  // Points where only the learner's expression is undefined (1/0, a pole everywhere): not the answer.
  let learnerOnlyUndefined = 0;
  let ratio: Complex | undefined;
  for (const point of points) {
    if (learner.kind === 'expr' && expected.kind === 'expr') {
      const a = valueAt(learner.expr, point);
      const b = valueAt(expected.expr, point);
      if (a === undefined && b !== undefined) learnerOnlyUndefined++;
      if (a === undefined || b === undefined) continue;
      if (!close(a, b)) return 'different';
      agree++;
    } else if (learner.kind === 'equation' && expected.kind === 'equation') {
      const l1 = valueAt(learner.lhs, point);
      const l2 = valueAt(learner.rhs, point);
      const e1 = valueAt(expected.lhs, point);
      const e2 = valueAt(expected.rhs, point);
      if (l1 === undefined || l2 === undefined || e1 === undefined || e2 === undefined) continue;
      const f = sub(l1, l2);
      const g = sub(e1, e2);
      if (isZero(f) && isZero(g)) continue;
      if (isZero(f) !== isZero(g)) return 'different';
      const r = divide(f, g);
      if (r === undefined) continue;
      if (ratio === undefined) ratio = r;
      else if (!close(r, ratio)) return 'different';
      agree++;
    } else return 'different';
  }
  if (agree >= needed) return 'equivalent';
  return learnerOnlyUndefined >= needed ? 'different' : 'unknown';
}

function unknownsOf(side: Side): readonly string[] {
  return side.kind === 'expr' ? side.expr.unknowns : [...side.lhs.unknowns, ...side.rhs.unknowns];
}

/** A plain-text reading of a parsed expression for the learner (`2(x + 1)`). */
function describe(expr: Expression): string {
  return expr.toString().replace(/"/g, '').replace(/ == /g, ' = ');
}

/**
 * Compare a learner's expression with the expected one (both as typed: plain text, Python or LaTeX).
 * Never throws.
 */
export function compareExpressions(learnerText: string, expectedText: string): ExpressionOutcome {
  const ce = engine;
  if (ce === undefined) {
    return { status: 'refused', reason: 'engine_not_ready', detail: 'the expression checker is still loading', readAs: `read as the expression “${learnerText}”` };
  }
  const identifiers = multiLetterIdentifiers(expectedText);
  const expectedLatex = expressionToLatex(expectedText, identifiers);
  if (!expectedLatex.ok) return { status: 'bad_expected', detail: expectedLatex.detail };
  const learnerLatex = expressionToLatex(learnerText, identifiers);
  if (!learnerLatex.ok) return { status: 'refused', reason: learnerLatex.reason, detail: learnerLatex.detail, readAs: `could not read this: ${learnerLatex.detail}` };

  ce.pushScope();
  try {
    return ce.withTimeLimit(TIME_LIMIT_MS, () => compareLatex(ce, learnerLatex.latex, expectedLatex.latex));
  } catch (e) {
    const detail = e instanceof Refused ? e.message : 'the expression took too long to check';
    return { status: 'refused', reason: e instanceof Refused ? e.reason : 'too_complex', detail, readAs: `could not read this: ${detail}` };
  } finally {
    ce.popScope();
  }
}

function compareLatex(ce: ComputeEngine, learnerLatex: string, expectedLatex: string): ExpressionOutcome {
  let expected: Expression;
  try {
    expected = parseGuarded(ce, expectedLatex);
  } catch (e) {
    return { status: 'bad_expected', detail: e instanceof Error ? e.message : 'unreadable' };
  }
  const learner = parseGuarded(ce, learnerLatex);
  const readAs = `read as the expression ${describe(learner)}`;
  const latex = learner.latex;
  let l = sideOf(learner);
  let x = sideOf(expected);
  // `y = 2x+1` answers "find y" as well as `2x+1` does, in either direction.
  if (l.kind === 'equation' && x.kind === 'expr') {
    const rhs = rhsOfDefinition(l);
    if (rhs !== undefined) l = { kind: 'expr', expr: rhs };
  } else if (l.kind === 'expr' && x.kind === 'equation') {
    const rhs = rhsOfDefinition(x);
    if (rhs !== undefined) x = { kind: 'expr', expr: rhs };
  }
  if (l.kind === 'expr' && x.kind === 'expr' && l.expr.isSame(x.expr)) return { status: 'equivalent', readAs, latex };
  const sampled = sameBySampling(l, x);
  if (sampled === 'equivalent') return { status: 'equivalent', readAs, latex };
  if (sampled === 'different') return { status: 'different', readAs, latex };
  // Too few finite points to decide (a domain that misses every sample): the engine's own
  // structural check after expansion is the last word; otherwise it is not decidable here.
  if (l.kind === 'expr' && x.kind === 'expr' && l.expr.is(x.expr)) return { status: 'equivalent', readAs, latex };
  return { status: 'refused', reason: 'too_complex', detail: 'this expression could not be checked automatically', readAs };
}
