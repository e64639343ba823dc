/**
 * A pool of sandbox child processes, sized to the cores, started in the background from the memory
 * snapshot. Callers hand it a program and a batch of variable sets; it returns one result per set,
 * whatever the program does: a runaway program costs its own batch a process restart, never the pool.
 */
import os from 'node:os';
import { defaultCacheDir, pyodideDir, sandboxScripts } from '../paths.js';
import type { VariableValue } from '../template/template.types.js';
import type { CompileInfo, ProgramSpec, RunResult, RunStatus } from './protocol.js';
import { SandboxCrashed, SandboxProcess, type SandboxProcessOptions } from './sandbox-process.js';
import { ensureSnapshot } from './snapshot.js';

export interface PoolOptions {
  /** Number of child processes; default: the machine's cores. */
  size?: number;
  /** Per-run soft limit: the program gets KeyboardInterrupt. */
  softMs?: number;
  /** Per-run hard limit: the process is killed. Kept under 2 s. */
  hardMs?: number;
  /** Where the memory snapshot is cached; `false` disables the snapshot. */
  cacheDir?: string | false;
  /** A process whose wasm heap grew past this after a batch is replaced. */
  maxHeapBytes?: number;
  /** Items per message to a child: larger batches amortise IPC, smaller ones keep latency low. */
  maxBatch?: number;
  execPath?: string;
  extraEnv?: Record<string, string>;
}

export interface BatchOutcome {
  compile: CompileInfo;
  results: RunResult[];
}

/** One traced run: `trace` is the tracer's JSON text (untrusted; src-main/solutions validates it), absent when the run never finished. */
export interface TraceOutcome {
  compile: CompileInfo;
  /** How the run ended when no trace came back (timeout, crash, compile failure). */
  result: RunResult | undefined;
  trace: string | undefined;
}

export interface PoolStats {
  processesStarted: number;
  crashes: number;
  recycledForMemory: number;
  runs: number;
}

interface Slot {
  proc: SandboxProcess | undefined;
  busy: boolean;
}

interface Task {
  program: ProgramSpec;
  items: string[];
  softMs: number;
  hardMs: number;
  /** Run the single item under the step tracer instead. */
  trace?: boolean;
  resolve: (outcome: BatchOutcome & { trace?: string | undefined }) => void;
}

const DEFAULTS = { softMs: 1000, hardMs: 1800, maxHeapBytes: 768 * 1024 * 1024, maxBatch: 64 };

function failedAll(items: number, compile: CompileInfo): RunResult[] {
  const status: RunStatus = compile.status ?? 'error';
  return Array.from({ length: items }, () => ({
    status,
    ...(compile.error ? { error: compile.error } : {}),
    ...(compile.module ? { module: compile.module } : {}),
    ms: 0,
  }));
}

export class SandboxPool {
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private closed = false;
  readonly stats: PoolStats = { processesStarted: 0, crashes: 0, recycledForMemory: 0, runs: 0 };

  private constructor(
    private readonly procOptions: SandboxProcessOptions,
    private readonly opts: Required<Pick<PoolOptions, 'softMs' | 'hardMs' | 'maxHeapBytes' | 'maxBatch'>>,
    size: number,
  ) {
    this.slots = Array.from({ length: size }, () => ({ proc: undefined, busy: false }));
  }

  /** Makes (or reuses) the snapshot, then starts every process in the background. */
  static async create(options: PoolOptions = {}): Promise<SandboxPool> {
    const scripts = sandboxScripts();
    const base: SandboxProcessOptions = {
      pyodideDir: pyodideDir(),
      childScript: scripts.child,
      watchdogScript: scripts.watchdog,
      execPath: options.execPath,
      extraEnv: options.extraEnv,
    };
    const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
    const snapshotFile = cacheDir === false ? undefined : await ensureSnapshot(cacheDir, base);
    const size = Math.max(1, options.size ?? os.availableParallelism());
    const pool = new SandboxPool(
      { ...base, snapshotFile },
      {
        softMs: options.softMs ?? DEFAULTS.softMs,
        hardMs: options.hardMs ?? DEFAULTS.hardMs,
        maxHeapBytes: options.maxHeapBytes ?? DEFAULTS.maxHeapBytes,
        maxBatch: options.maxBatch ?? DEFAULTS.maxBatch,
      },
      size,
    );
    for (const slot of pool.slots) slot.proc = pool.spawn();
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Resolves when every process has loaded its interpreter (for benchmarks and warm-up). */
  async warm(): Promise<void> {
    await Promise.all(this.slots.map((s) => (s.proc ? s.proc.ready.catch(() => undefined) : Promise.resolve())));
  }

  private spawn(): SandboxProcess {
    this.stats.processesStarted++;
    return new SandboxProcess(this.procOptions);
  }

  /**
   * Runs `program` once per item (variable values). Results come back in item order. Never rejects
   * for anything the program does; rejects only if the pool is closed.
   */
  async run(
    program: ProgramSpec,
    items: readonly (Record<string, VariableValue> | string)[],
    limits: { softMs?: number; hardMs?: number } = {},
  ): Promise<BatchOutcome> {
    if (this.closed) throw new Error('the sandbox pool is closed');
    const encoded = items.map((it) => (typeof it === 'string' ? it : JSON.stringify(it)));
    const softMs = limits.softMs ?? this.opts.softMs;
    const hardMs = Math.max(softMs + 50, limits.hardMs ?? this.opts.hardMs);
    if (encoded.length === 0) {
      return this.enqueue(program, [], softMs, hardMs);
    }
    const chunks: Promise<BatchOutcome>[] = [];
    for (let i = 0; i < encoded.length; i += this.opts.maxBatch) {
      chunks.push(this.enqueue(program, encoded.slice(i, i + this.opts.maxBatch), softMs, hardMs));
    }
    const outcomes = await Promise.all(chunks);
    const first = outcomes[0];
    if (!first) throw new Error('unreachable: no batch outcome');
    return { compile: first.compile, results: outcomes.flatMap((o) => o.results) };
  }

  /** Compiles without running: entry, parameters, or the syntax error / missing module. */
  async compile(program: ProgramSpec): Promise<CompileInfo> {
    return (await this.run(program, [])).compile;
  }

  /**
   * Runs `program` once on `values` under the step tracer, in the same locked-down children and with
   * the same time limits as `run`. Never rejects for anything the program does.
   */
  async trace(program: ProgramSpec, values: Record<string, VariableValue>, limits: { softMs?: number; hardMs?: number } = {}): Promise<TraceOutcome> {
    if (this.closed) throw new Error('the sandbox pool is closed');
    const softMs = limits.softMs ?? this.opts.softMs;
    const hardMs = Math.max(softMs + 50, limits.hardMs ?? this.opts.hardMs);
    const outcome = await this.enqueue(program, [JSON.stringify(values)], softMs, hardMs, true);
    return { compile: outcome.compile, result: outcome.results[0], trace: outcome.trace };
  }

  private enqueue(program: ProgramSpec, items: string[], softMs: number, hardMs: number, trace = false): Promise<BatchOutcome & { trace?: string | undefined }> {
    return new Promise((resolve) => {
      this.queue.push({ program, items, softMs, hardMs, ...(trace ? { trace } : {}), resolve });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy || this.closed) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.busy = true;
      void this.execute(slot, task).then((outcome) => {
        slot.busy = false;
        task.resolve(outcome);
        this.pump();
      });
    }
  }

  private async execute(slot: Slot, task: Task): Promise<BatchOutcome & { trace?: string | undefined }> {
    this.stats.runs += task.items.length;
    try {
      return await this.attempt(slot, task);
    } catch (err) {
      if (!(err instanceof SandboxCrashed)) throw err;
      this.stats.crashes++;
      slot.proc = undefined;
      if (task.items.length <= 1) {
        const status: RunStatus = err.reason === 'killed' ? 'timeout' : 'crash';
        const message =
          status === 'timeout'
            ? 'stopped: the program ignored the interrupt and was killed at the hard time limit'
            : `the interpreter stopped: ${err.message}`;
        return {
          compile: { ok: true },
          results: task.items.map(() => ({ status, error: { type: status === 'timeout' ? 'Timeout' : 'Crash', message }, ms: task.hardMs })),
        };
      }
      // Something in the batch killed its process: run the items one by one to find which.
      const results: RunResult[] = [];
      let compile: CompileInfo = { ok: true };
      for (const item of task.items) {
        const single = await this.execute(slot, { ...task, items: [item] });
        compile = single.compile;
        results.push(...single.results);
      }
      return { compile, results };
    }
  }

  private async attempt(slot: Slot, task: Task): Promise<BatchOutcome & { trace?: string | undefined }> {
    if (!slot.proc?.alive) slot.proc = this.spawn();
    const proc = slot.proc;
    await proc.ready;
    let trace: string | undefined;
    let compile: CompileInfo;
    let results: RunResult[] = [];
    if (task.trace === true) {
      const traced = await proc.trace(task.program, task.items[0] ?? '{}', task.softMs, task.hardMs);
      compile = traced.compile;
      trace = traced.trace ?? undefined;
    } else {
      ({ compile, results } = await proc.run(task.program, task.items, task.softMs, task.hardMs));
    }
    if (proc.heapBytes > this.opts.maxHeapBytes) {
      // wasm memory never shrinks: a program that ballooned would keep this process fat forever.
      this.stats.recycledForMemory++;
      proc.kill();
      slot.proc = this.spawn();
    }
    if (trace !== undefined) return { compile, results, trace };
    return { compile, results: compile.ok ? results : failedAll(task.items.length, compile) };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => (s.proc ? s.proc.close() : Promise.resolve())));
  }
}
