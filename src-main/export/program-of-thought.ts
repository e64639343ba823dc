/**
 * The program-of-thought of one instance: the template's program with this instance's numbers bound,
 * as a model would be trained to write it. A function template gets a call with the values as keyword
 * arguments (`print(solution(price=12, count=3))`); a script template gets the values as assignments
 * in front of it. Either way the text runs as it is and prints (or assigns) the instance's answer.
 */
import type { CompileInfo } from '../sandbox/protocol.js';
import type { VariableValue } from '../template/template.types.js';

/** A Python literal for a variable's value (JSON string escapes are valid Python escapes). */
export function pythonLiteral(value: VariableValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (!Number.isFinite(value)) throw new Error(`pythonLiteral: ${String(value)} has no Python literal`);
  return String(value);
}

/** How the program is called: from the sandbox's compile info (function entry and its parameters). */
export interface ProgramCall {
  kind: 'function' | 'script';
  entry: string | null;
  params: readonly string[];
}

export function programCallOf(info: CompileInfo): ProgramCall {
  if (info.kind === 'function' && typeof info.entry === 'string') return { kind: 'function', entry: info.entry, params: info.params ?? [] };
  return { kind: 'script', entry: null, params: [] };
}

export function boundProgram(program: string, call: ProgramCall, values: Record<string, VariableValue>): string {
  const body = program.replace(/\s+$/, '');
  if (call.kind === 'function' && call.entry !== null) {
    const args = call.params.filter((p) => p in values).map((p) => `${p}=${pythonLiteral(values[p] ?? 0)}`);
    return `${body}\n\nprint(${call.entry}(${args.join(', ')}))`;
  }
  const assignments = Object.entries(values).map(([name, v]) => `${name} = ${pythonLiteral(v)}`);
  return assignments.length === 0 ? body : `${assignments.join('\n')}\n\n${body}`;
}

/** The assistant's answer: the program in a fenced block, then the final answer in words. */
export function potResponse(program: string, answerText: string): string {
  return `\`\`\`python\n${program}\n\`\`\`\nThe answer is ${answerText}.`;
}

/** The program of a response written by `potResponse` (for checks that re-run it). */
export function programOfResponse(response: string): string | undefined {
  return /^```python\n([\s\S]*?)\n```/.exec(response)?.[1];
}
