/** Runs one instance's program under the step tracer and validates what the sandbox sends back. */
import { programSpecOf } from '../engine/program-spec.js';
import type { SandboxPool } from '../sandbox/pool.js';
import type { Template, VariableValue } from '../template/template.types.js';
import { rawTraceSchema, type Trace, type TraceFailure } from './trace.types.js';

export type TraceResult = { ok: true; trace: Trace } | { ok: false; failure: TraceFailure };

/** Parses the tracer's JSON text. Exported for tests: a hostile program can shape what it prints, not this. */
export function parseTrace(text: string): TraceResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, failure: { status: 'invalid-trace', message: 'the tracer sent text that is not JSON' } };
  }
  const parsed = rawTraceSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, failure: { status: 'invalid-trace', message: `the tracer sent a malformed trace at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}` } };
  }
  const { result, doc, events, truncated } = parsed.data;
  if (result.status !== 'ok' || result.value === undefined) {
    return { ok: false, failure: { status: result.status, message: result.error?.message ?? `the program ended with status ${result.status}` } };
  }
  return { ok: true, trace: { answer: result.value, doc: doc ?? undefined, events, truncated: truncated === true, ms: result.ms } };
}

/** Traces `template`'s program on `values` (an instance's values, or the template's original ones). */
export async function traceInstance(
  pool: SandboxPool,
  template: Pick<Template, 'program' | 'entry' | 'constraints'>,
  values: Record<string, VariableValue>,
): Promise<TraceResult> {
  const out = await pool.trace(programSpecOf(template), values);
  if (!out.compile.ok) {
    return { ok: false, failure: { status: out.compile.status ?? 'error', message: out.compile.error?.message ?? 'the program does not compile' } };
  }
  if (out.trace === undefined) {
    const r = out.result;
    return { ok: false, failure: { status: r?.status ?? 'crash', message: r?.error?.message ?? 'the sandbox returned no trace' } };
  }
  return parseTrace(out.trace);
}
