/**
 * What a wrong answer most likely means, said specifically: the learner stopped at an intermediate
 * step, skipped a step, used a percent as a whole number (or the reverse), added or subtracted a given
 * number once too often, or converted units by the wrong factor. Found by comparing the answer with
 * every value of the trace, with the solution replayed with one step left out, and with simple
 * variants of the final answer. A guess is offered only when the numbers match; otherwise `unknown`.
 */
import type { PyValue, VariableValue } from '../template/template.types.js';
import { evaluate, evaluateTest } from './evaluate.js';
import { capitalize, humanize } from './expr-latex.js';
import { numericOf } from './numbers.js';
import type { SolutionStep, WorkedSolution } from './steps.js';
import type { Expr, TraceEvent } from './trace.types.js';

export type Diagnosis =
  | { kind: 'correct'; message: string }
  | { kind: 'intermediate'; step: number; title: string; message: string }
  | { kind: 'skipped-step'; step: number; title: string; message: string }
  | { kind: 'percent-slip'; factor: 100 | 0.01; message: string }
  | { kind: 'given-number'; name: string; sign: 1 | -1; message: string }
  | { kind: 'given-value'; name: string; message: string }
  | { kind: 'unit-slip'; factor: number; message: string }
  | { kind: 'unknown'; message: string };

/** Equal, allowing float noise and an answer rounded to the cent. */
export function matches(learner: number, value: number): boolean {
  if (Math.abs(learner - value) <= 1e-9 * Math.max(1, Math.abs(value))) return true;
  return !Number.isInteger(value) && Math.abs(learner - Math.round(value * 100) / 100) <= 1e-9 * Math.max(1, Math.abs(value));
}

function quoted(step: SolutionStep): string {
  return `step ${step.n} (“${step.title.replace(/[.:]$/, '')}”)`;
}

/** The first name an expression reads: what a skipped step's variable would have stayed as. */
function firstName(e: Expr): string | undefined {
  switch (e.k) {
    case 'name':
      return e.id;
    case 'bin':
      return firstName(e.l) ?? firstName(e.r);
    case 'unary':
      return firstName(e.e);
    case 'call':
      for (const a of e.args) {
        const n = firstName(a);
        if (n !== undefined) return n;
      }
      return undefined;
    default:
      return undefined;
  }
}

function numericEnv(reads: Readonly<Record<string, PyValue>>, into: Map<string, number>): void {
  for (const [k, v] of Object.entries(reads)) {
    if (into.has(k)) continue;
    const x = numericOf(v);
    if (x !== undefined) into.set(k, x);
  }
}

/** The answer the program would give if event `skip` (an assignment) had left its variable at its first input. */
export function replayWithout(events: readonly TraceEvent[], skip: number): number | undefined {
  const env = new Map<string, number>();
  let answer: number | undefined;
  for (const [i, ev] of events.entries()) {
    numericEnv(ev.reads, env);
    if (ev.kind === 'assign') {
      if (ev.loop === true || ev.targets.length !== 1 || ev.expr === undefined) return undefined;
      const target = ev.targets[0] ?? '';
      const expr: Expr = ev.aug !== undefined ? { k: 'bin', op: ev.aug, l: { k: 'name', id: target }, r: ev.expr } : ev.expr;
      let x: number | undefined;
      if (i === skip) {
        const first = firstName(expr);
        x = first === undefined ? undefined : env.get(first);
      } else x = evaluate(expr, env);
      if (x === undefined || !Number.isFinite(x)) return undefined;
      env.set(target, x);
      answer = x;
    } else if (ev.kind === 'test') {
      // A different branch would be a different solution: too far from "one step skipped".
      if (ev.expr === undefined || evaluateTest(ev.expr, env) !== ev.outcome) return undefined;
    } else {
      if (ev.expr === undefined) return undefined;
      return evaluate(ev.expr, env);
    }
  }
  return answer;
}

// 100 is left to the percent check above, which says more.
const UNIT_FACTORS = [10, 1000, 60] as const;

export function diagnose(learner: number, solution: Pick<WorkedSolution, 'answer' | 'steps' | 'trace' | 'values'>): Diagnosis {
  if (!Number.isFinite(learner)) return { kind: 'unknown', message: 'That is not a number.' };
  const answer = numericOf(solution.answer);
  if (answer !== undefined && matches(learner, answer)) return { kind: 'correct', message: 'That is the right answer.' };
  const { steps } = solution;

  // 1. The value of an earlier step: the learner stopped there.
  for (const step of steps.slice(0, -1)) {
    const x = numericOf(step.value);
    if (step.kind === 'compute' && x !== undefined && matches(learner, x) && (answer === undefined || !matches(x, answer))) {
      const what = step.names.length === 1 ? ` That is the ${humanize(step.names[0] ?? '')}.` : '';
      return {
        kind: 'intermediate',
        step: step.n,
        title: step.title,
        message: `You stopped after ${quoted(step)}.${what} There is more to do: ${steps.length - step.n} more step${steps.length - step.n === 1 ? '' : 's'}.`,
      };
    }
  }
  if (answer === undefined) return { kind: 'unknown', message: 'This answer does not match any step of the solution.' };

  // 2. The solution replayed with one step left out.
  for (const step of steps) {
    if (step.kind !== 'compute') continue;
    const x = replayWithout(solution.trace.events, step.event);
    if (x !== undefined && !matches(x, answer) && matches(learner, x)) {
      return { kind: 'skipped-step', step: step.n, title: step.title, message: `It looks like ${quoted(step)} was left out. Check that step and carry on from there.` };
    }
  }

  // 3. A percent used as a whole number, or the reverse.
  if (matches(learner, answer * 100)) {
    return { kind: 'percent-slip', factor: 100, message: 'Your answer is 100 times too big: was a percent or a decimal used as a whole number? Remember 20% = 0.20.' };
  }
  if (matches(learner, answer / 100)) {
    return { kind: 'percent-slip', factor: 0.01, message: 'Your answer is 100 times too small: was a percent written as a decimal where the whole number was wanted?' };
  }

  // 4. A given number added or subtracted once too often.
  for (const [name, v] of Object.entries(solution.values)) {
    if (typeof v !== 'number' || v === 0) continue;
    if (matches(learner, v)) {
      return { kind: 'given-value', name, message: `That is the ${humanize(name)} given in the problem. Use it to work out what is asked.` };
    }
  }
  for (const [name, v] of Object.entries(solution.values as Record<string, VariableValue>)) {
    if (typeof v !== 'number' || v === 0) continue;
    for (const sign of [1, -1] as const) {
      if (matches(learner, answer + sign * v)) {
        const how = sign === 1 ? 'too big' : 'too small';
        return {
          kind: 'given-number',
          name,
          sign,
          message: `Your answer is ${how} by exactly the ${humanize(name)} (${v}). ${capitalize(sign === 1 ? 'was it added once too often, or not taken away?' : 'was it taken away once too often, or not added?')}`,
        };
      }
    }
  }

  // 5. Units converted by the wrong factor (or not at all).
  for (const f of UNIT_FACTORS) {
    if (matches(learner, answer * f) || matches(learner, answer / f)) {
      const dir = matches(learner, answer * f) ? 'big' : 'small';
      return { kind: 'unit-slip', factor: dir === 'big' ? f : 1 / f, message: `Your answer is ${f} times too ${dir}: check the units (a conversion by ${f} may be missing or done twice).` };
    }
  }
  return { kind: 'unknown', message: 'This answer does not match any step of the solution. Try the hints, one at a time.' };
}
