/**
 * Everything the engine derives from a template before drawing instances: domains (explicit or
 * inferred), the program spec, the answer shape to keep and the answer format. The shape comes from
 * the original answer, or, when there is none, from running the program on the original values.
 */
import { inferAnswerFormat, shapeOfOriginal, shapeOfPy } from '../template/answer-shape.js';
import type { SandboxPool } from '../sandbox/pool.js';
import type { ProgramSpec, RunResult } from '../sandbox/protocol.js';
import type { AnswerFormat, AnswerShape, Domain, Template } from '../template/template.types.js';
import { resolveDomains } from '../sampling/infer-domain.js';
import { programSpecOf } from './program-spec.js';

export interface PreparedTemplate {
  template: Template;
  domains: Record<string, Domain>;
  spec: ProgramSpec;
  /** The shape every new answer must keep; undefined when even the original run gave no answer. */
  shape: AnswerShape | undefined;
  format: AnswerFormat;
  /** The program's result on the original values. */
  original: RunResult;
}

export async function prepareTemplate(pool: SandboxPool, template: Template): Promise<PreparedTemplate> {
  const spec = programSpecOf(template);
  const outcome = await pool.run(spec, [template.variables]);
  const original = outcome.results[0] ?? { status: 'error', error: { type: 'SandboxError', message: 'no result' }, ms: 0 };
  const shape =
    template.answer_shape ??
    shapeOfOriginal(template.original_answer) ??
    (original.status === 'ok' && original.value ? shapeOfPy(original.value) : undefined);
  const format = template.answer_format ?? inferAnswerFormat(template.original_answer, shape);
  return { template, domains: resolveDomains(template), spec, shape, format, original };
}
