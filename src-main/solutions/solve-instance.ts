/**
 * The one call the practice loop needs: trace an instance in the sandbox and build its worked solution
 * and hints. Diagnosis of a wrong answer then works on the returned solution (`diagnose`), with no
 * further sandbox call.
 */
import type { SandboxPool } from '../sandbox/pool.js';
import type { Template, VariableValue } from '../template/template.types.js';
import { buildHints, type Hint } from './hints.js';
import { buildSolution, type WorkedSolution } from './steps.js';
import { traceInstance } from './trace-instance.js';
import type { TraceFailure } from './trace.types.js';

export type SolveOutcome = { ok: true; solution: WorkedSolution; hints: Hint[] } | { ok: false; failure: TraceFailure };

export async function solveInstance(
  pool: SandboxPool,
  template: Pick<Template, 'program' | 'entry' | 'constraints' | 'answer_format'>,
  values: Record<string, VariableValue>,
  /** The problem as the learner sees it (constants it states are not repeated as steps). */
  problemText?: string,
): Promise<SolveOutcome> {
  const out = await traceInstance(pool, template, values);
  if (!out.ok) return out;
  const solution = buildSolution(out.trace, { values, answerFormat: template.answer_format, problemText });
  return { ok: true, solution, hints: buildHints(solution) };
}
