/**
 * Messages between the engine (parent) and a sandbox child process. Plain JSON-able data only:
 * the child is untrusted territory, so everything it sends back is validated before use.
 */
import type { PyValue } from '../template/template.types.js';

/** A program as the sandbox needs it. `key` identifies the compiled form cached in each child. */
export interface ProgramSpec {
  key: string;
  source: string;
  entry?: string | undefined;
  constraints?: readonly string[] | undefined;
}

export type RunStatus =
  | 'ok'
  /** The program raised an exception. */
  | 'error'
  /** The program does not parse. */
  | 'syntax'
  /** It ran past its time limit (interrupted, or its process was killed). */
  | 'timeout'
  /** It imported a module that is not available offline (sympy, numpy, …). */
  | 'needs-module'
  /** It ran but there was no answer: no return value, no result/ans/answer, nothing printed. */
  | 'no-answer'
  /** A constraint did not hold (the instance is rejected, not broken). */
  | 'constraint'
  /** It printed more than the output limit. */
  | 'output-limit'
  /** It ran out of memory. */
  | 'memory'
  /** It tried something the sandbox forbids (js bridge, sleep, files outside its scratch space). */
  | 'forbidden'
  /** Its process died (deep recursion overflowing the wasm stack, or killed by the hard limit). */
  | 'crash';

export interface RunResult {
  status: RunStatus;
  value?: PyValue;
  /** Exception type and message, with the program line when known. */
  error?: { type: string; message: string; line?: number };
  /** The module a `needs-module` program asked for. */
  module?: string;
  /** The constraint that failed. */
  constraint?: string;
  /** Captured standard output (truncated). */
  stdout?: string;
  /** Time spent in the program, in milliseconds. */
  ms: number;
}

export interface CompileInfo {
  ok: boolean;
  /** Why compiling failed (`syntax`, `needs-module`, `timeout`, …). */
  status?: RunStatus;
  module?: string | null;
  kind?: 'function' | 'script';
  entry?: string;
  params?: string[];
  error?: { type: string; message: string; line?: number };
}

export type ParentToChild =
  | {
      type: 'run';
      id: number;
      program: ProgramSpec;
      /** One JSON object of variable values per run. */
      items: string[];
      softMs: number;
      hardMs: number;
    }
  | { type: 'compile'; id: number; program: ProgramSpec; softMs: number; hardMs: number }
  /** Runs one value set under the step tracer (src-main/solutions validates what comes back). */
  | { type: 'trace'; id: number; program: ProgramSpec; item: string; softMs: number; hardMs: number };

export type ChildToParent =
  | { type: 'ready'; loadMs: number; snapshot: boolean }
  | { type: 'snapshot'; bytes: Uint8Array }
  | { type: 'results'; id: number; compile: CompileInfo; results: RunResult[]; heapBytes: number }
  | { type: 'compiled'; id: number; compile: CompileInfo; heapBytes: number }
  /** `trace` is the tracer's JSON text, unparsed: it is untrusted and validated by the engine. */
  | { type: 'traced'; id: number; compile: CompileInfo; trace: string | null; heapBytes: number }
  | { type: 'fatal'; id?: number; message: string };
