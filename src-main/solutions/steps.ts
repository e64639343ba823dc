/**
 * A trace turned into a worked solution: numbered steps in plain language with this instance's
 * numbers. Each step's title is the program's comment for that line (InfinityMATH programs comment
 * every step) or the humanized variable name; its arithmetic is the assignment's right-hand side with
 * the values substituted, as KaTeX (`400 \times \left(1 - 0.2\right) = 320`). Copies (`result = total`),
 * no-op conversions and constants already given in the problem are left out; values a learner must
 * never see (None, raw reprs) make a step disappear rather than show.
 */
import type { AnswerFormat, PyValue, VariableValue } from '../template/template.types.js';
import { capitalize, exprLatex, humanize, negatedComparison } from './expr-latex.js';
import { isApproximate, latexNumber, latexValue, numericOf, type NumberStyle } from './numbers.js';
import { evaluate } from './evaluate.js';
import type { Expr, Trace, TraceEvent } from './trace.types.js';

export interface SolutionStep {
  /** 1-based position among the shown steps. */
  n: number;
  /** `compute`: an assignment; `decide`: an `if` test and how it came out; `answer`: the returned value. */
  kind: 'compute' | 'decide' | 'answer';
  /** Plain text: the program's comment, or the humanized variable name. */
  title: string;
  /** KaTeX with this instance's numbers, ending in the step's value: `20 \times 4 = 80`. */
  latex: string;
  /** KaTeX of the step's idea with the quantities named and no numbers; undefined when there is no formula. */
  idea: string | undefined;
  value: PyValue;
  /** The variables the step assigned (empty for decisions and answers). */
  names: string[];
  /** The program line (for authors). */
  line: number;
  /** Index of the trace event the step came from (diagnosis replays the trace from there). */
  event: number;
}

export interface StepOptions {
  /** The instance's variable values: numbers already given in the problem are not shown as steps. */
  values: Readonly<Record<string, VariableValue>>;
  answerFormat?: AnswerFormat | undefined;
  /** The problem as shown: constants written in it are not shown as steps either. */
  problemText?: string | undefined;
}

export interface WorkedSolution {
  answer: PyValue;
  steps: SolutionStep[];
  /** The docstring: what the program computes, for an introduction line. */
  summary: string | undefined;
  trace: Trace;
  values: Readonly<Record<string, VariableValue>>;
}

const NUMBER_IN_TEXT = /\d+(?:[.,]\d+)*/g;
const CONVERSIONS = new Set(['float', 'int', 'Fraction', 'Decimal', 'fractions.Fraction', 'decimal.Decimal', 'round']);

function givenNumbers(opts: StepOptions): Set<number> {
  const out = new Set<number>();
  for (const v of Object.values(opts.values)) if (typeof v === 'number') out.add(v);
  for (const m of (opts.problemText ?? '').matchAll(NUMBER_IN_TEXT)) out.add(Number(m[0].replace(/,/g, '')));
  return out;
}

export function sameValue(a: PyValue, b: PyValue): boolean {
  const x = numericOf(a);
  const y = numericOf(b);
  if (x !== undefined && y !== undefined) return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return JSON.stringify(a) === JSON.stringify(b);
}

function titleOf(event: TraceEvent, fallback: string): string {
  const comment = event.comments.join(' ').trim();
  return comment !== '' ? comment : fallback;
}

/** The value as the final line shows it: money to the cent, percent with its sign. */
function answerLatex(v: PyValue, format: AnswerFormat | undefined, style: NumberStyle): string | undefined {
  const x = numericOf(v);
  if (x !== undefined && v.t === 'float' && format === 'money') return latexNumber(Math.round(x * 100) / 100, { money: true });
  const t = latexValue(v, style);
  if (t !== undefined && format === 'percent' && x !== undefined) return `${t}\\%`;
  return t;
}

/** The right-hand side an assignment really computed (`total += x` is `total + x`). */
function effectiveExpr(event: Extract<TraceEvent, { kind: 'assign' }>): Expr | undefined {
  const rhs = event.expr;
  if (rhs === undefined) return undefined;
  const target = event.targets[0];
  if (event.aug !== undefined && target !== undefined) return { k: 'bin', op: event.aug, l: { k: 'name', id: target }, r: rhs };
  return rhs;
}

function isCopy(e: Expr, reads: Readonly<Record<string, PyValue>>, value: PyValue): boolean {
  if (e.k === 'name') return true;
  // float(x), int(x), round(x, 2) that did not change x: nothing to learn from it.
  if (e.k === 'call' && CONVERSIONS.has(e.f) && (e.args.length === 1 || e.f === 'round') && e.args[0]?.k === 'name') {
    const before = reads[e.args[0].id];
    return before !== undefined && sameValue(before, value);
  }
  return false;
}

function targetValue(event: Extract<TraceEvent, { kind: 'assign' }>): PyValue | undefined {
  if (event.targets.length === 1) return event.values[event.targets[0] ?? ''];
  const parts = event.targets.map((t) => event.values[t]);
  if (parts.some((p) => p === undefined)) return undefined;
  return { t: 'list', v: parts as PyValue[] };
}

/** The step shows a rounded number somewhere, or its own value was rounded: it says ≈. */
function approximate(expr: Expr, value: PyValue, reads: Readonly<Record<string, PyValue>>): boolean {
  if (isApproximate(value) || Object.values(reads).some(isApproximate)) return true;
  const env = new Map<string, number>();
  for (const [k, v] of Object.entries(reads)) {
    const x = numericOf(v);
    if (x !== undefined) env.set(k, x);
  }
  const exact = evaluate(expr, env, true);
  const shown = numericOf(value);
  return exact !== undefined && shown !== undefined && Math.abs(exact - shown) > 1e-9 * Math.max(1, Math.abs(exact));
}

function nameLatex(names: readonly string[]): string {
  return `\\text{${names.map(humanize).join(', ')}}`;
}

export function buildSteps(trace: Trace, opts: StepOptions): SolutionStep[] {
  const style: NumberStyle = { money: opts.answerFormat === 'money', expression: opts.answerFormat === 'expression' };
  const given = givenNumbers(opts);
  const steps: Omit<SolutionStep, 'n'>[] = [];
  trace.events.forEach((event, index) => {
    const values = event.reads;
    if (event.kind === 'assign') {
      if (event.loop === true) return;
      const value = targetValue(event);
      const expr = effectiveExpr(event);
      if (value === undefined || expr === undefined) return;
      const valueTex = latexValue(value, style);
      if (valueTex === undefined || isCopy(expr, values, value)) return;
      const lhs = nameLatex(event.targets);
      const title = titleOf(event, capitalize(humanize(event.targets.join(' and '))));
      const base = { kind: 'compute' as const, title, value, names: [...event.targets], line: event.line, event: index };
      // An equation written by the program (`y = 3x - 7`) is its own statement: no `name =` before it.
      if (value.t === 'str' && !valueTex.startsWith('\\text') && valueTex.includes('=')) {
        steps.push({ ...base, latex: valueTex, idea: undefined });
        return;
      }
      if (expr.k === 'num') {
        const x = numericOf(value);
        // A constant the problem already states, or a running total starting at 0: nothing to work out.
        if (x !== undefined && (given.has(x) || x === 0)) return;
        steps.push({ ...base, latex: `${lhs} = ${valueTex}`, idea: undefined });
        return;
      }
      const worked = exprLatex(expr, { mode: 'values', values }, style);
      const idea = exprLatex(expr, { mode: 'names' }, style);
      const eq = approximate(expr, value, values) ? '\\approx' : '=';
      steps.push({
        ...base,
        latex: worked === undefined || worked === valueTex ? `${lhs} = ${valueTex}` : `${worked} ${eq} ${valueTex}`,
        idea: idea === undefined ? undefined : `${lhs} = ${idea}`,
      });
      return;
    }
    if (event.kind === 'test') {
      if (event.expr === undefined) return;
      const holds = exprLatex(event.expr, { mode: 'values', values }, style);
      if (holds === undefined) return;
      const latex = event.outcome ? holds : negatedComparison(event.expr, { mode: 'values', values }, style) ?? `\\text{not } \\left(${holds}\\right)`;
      const idea = exprLatex(event.expr, { mode: 'names' }, style);
      steps.push({
        kind: 'decide',
        title: titleOf(event, 'Check'),
        latex,
        idea: idea === undefined ? undefined : `${idea}\\,?`,
        value: { t: 'bool', v: event.outcome },
        names: [],
        line: event.line,
        event: index,
      });
      return;
    }
    // return
    const valueTex = answerLatex(event.value, opts.answerFormat, style);
    if (valueTex === undefined || event.expr === undefined) return;
    const prev = steps.at(-1);
    if (isCopy(event.expr, values, event.value) && prev !== undefined && prev.kind === 'compute' && sameValue(prev.value, event.value)) return;
    const worked = event.expr.k === 'name' ? undefined : exprLatex(event.expr, { mode: 'values', values }, style);
    const named = event.expr.k === 'name' ? undefined : exprLatex(event.expr, { mode: 'names' }, style);
    // `round(height, 1)` names nothing new: its idea is the title.
    const idea = named === undefined || /^\\text\{[^}]*\}$/.test(named) ? undefined : named;
    steps.push({
      kind: 'answer',
      title: titleOf(event, 'Answer'),
      latex: worked === undefined || worked === valueTex || event.expr.k === 'str' ? valueTex : `${worked} ${approximate(event.expr, event.value, values) ? '\\approx' : '='} ${valueTex}`,
      idea,
      value: event.value,
      names: [],
      line: event.line,
      event: index,
    });
  });
  // The answer came from somewhere the tracer does not follow (printed, a helper): say it plainly.
  const last = steps.at(-1);
  if (last === undefined || !sameValue(last.value, trace.answer)) {
    const tex = answerLatex(trace.answer, opts.answerFormat, style);
    if (tex !== undefined) steps.push({ kind: 'answer', title: 'Answer', latex: tex, idea: undefined, value: trace.answer, names: [], line: 0, event: trace.events.length });
  }
  return steps.map((s, i) => ({ ...s, n: i + 1 }));
}

/** The whole worked solution of one traced instance. */
export function buildSolution(trace: Trace, opts: StepOptions): WorkedSolution {
  return { answer: trace.answer, steps: buildSteps(trace, opts), summary: trace.doc, trace, values: opts.values };
}
