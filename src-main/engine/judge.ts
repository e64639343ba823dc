/** Whether one run of a template's program gives a valid instance, and if not, why not. */
import type { RunResult, RunStatus } from '../sandbox/protocol.js';
import { checkShape } from '../template/answer-shape.js';
import type { AnswerShape } from '../template/template.types.js';

export type Rejection =
  | { kind: Exclude<RunStatus, 'ok'>; reason: string }
  | { kind: 'shape'; reason: string };

export type RejectionKind = Rejection['kind'];

export function judgeRun(result: RunResult, shape: AnswerShape | undefined): Rejection | undefined {
  if (result.status !== 'ok') {
    const reason =
      result.status === 'constraint'
        ? `constraint failed: ${result.constraint ?? '?'}`
        : result.status === 'needs-module'
          ? `needs ${result.module ?? 'a module'}`
          : (result.error ? `${result.error.type}: ${result.error.message}` : result.status);
    return { kind: result.status, reason };
  }
  if (!result.value) return { kind: 'no-answer', reason: 'no answer' };
  if (shape) {
    const kept = checkShape(shape, result.value);
    if (!kept.ok) return { kind: 'shape', reason: kept.reason };
  }
  return undefined;
}
