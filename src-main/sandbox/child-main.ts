/**
 * Entry point of a sandbox child process (bundled to dist/sandbox-child.mjs). It is started by
 * sandbox-process.ts with Node's permission model (read access to Pyodide's files and these bundles
 * only; no child processes; no writes), code generation from strings disabled (so no JS object's
 * `.constructor.constructor` can compile code), an empty environment, and no network globals.
 * It holds one Pyodide interpreter and runs batches of template programs sent over IPC.
 */
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PyodideAPI } from 'pyodide';
import harnessSource from './harness.py';
import type { ChildToParent, CompileInfo, ParentToChild, RunResult } from './protocol.js';

interface ChildArgs {
  mode: 'serve' | 'make-snapshot';
  pyodideDir: string;
  watchdog: string;
  snapshot?: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
// Captured before the globals below are removed: the IPC channel is how results leave this process.
const send = (msg: ChildToParent): void => {
  process.send?.(msg);
};

// Pyodide's Node file system support asks for process.binding('constants') while loading; the
// permission model forbids process.binding, so answer that one request and refuse every other.
Object.defineProperty(process, 'binding', {
  value: (name: string): unknown => {
    if (name === 'constants') return { os: os.constants, fs: fs.constants };
    throw new Error(`process.binding('${name}') is not available in the sandbox`);
  },
});

/** Network-capable globals that untrusted code must never reach through a JS bridge. */
function removeNetworkGlobals(): void {
  for (const name of ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'Request', 'Response', 'Headers', 'navigator']) {
    try {
      Reflect.deleteProperty(globalThis, name);
    } catch {
      // Non-configurable in some runtime: overwrite instead.
      Reflect.set(globalThis, name, undefined);
    }
  }
}

async function loadInterpreter(snapshot: Uint8Array | undefined, makeSnapshot: boolean): Promise<PyodideAPI> {
  const mod = (await import(pathToFileURL(`${args.pyodideDir}/pyodide.mjs`).href)) as typeof import('pyodide');
  return mod.loadPyodide({
    indexURL: `${args.pyodideDir}/`,
    // `import js` sees an empty object instead of globalThis.
    jsglobals: {},
    env: { HOME: '/home/pyodide' },
    stdout: () => undefined,
    stderr: () => undefined,
    ...(makeSnapshot ? { _makeSnapshot: true } : {}),
    ...(snapshot ? { _loadSnapshot: snapshot } : {}),
  });
}

/**
 * Interrupts and hard deadlines come from a watchdog thread: the main thread is busy inside Python.
 * Starting an item only stores a counter (no wake-up); the watchdog polls it, so the per-item cost
 * is a couple of atomic stores.
 */
class Watchdog {
  private readonly control = new Int32Array(new SharedArrayBuffer(16));
  readonly interrupt = new Uint8Array(new SharedArrayBuffer(1));
  private readonly worker: Worker;
  private ticks = 0;

  constructor(script: string) {
    this.worker = new Worker(script, { workerData: { control: this.control.buffer, interrupt: this.interrupt.buffer } });
    this.worker.unref();
  }

  /** Sets the limits for the work that follows; `tick` then marks each item's start. */
  limits(softMs: number, hardMs: number): void {
    Atomics.store(this.control, 1, softMs);
    Atomics.store(this.control, 2, hardMs);
  }

  /** Item `n` (1-based) starts now; 0 means idle. */
  readonly tick = (n: number): void => {
    this.interrupt[0] = 0;
    Atomics.store(this.control, 3, n === 0 ? 0 : 1);
    Atomics.store(this.control, 0, ++this.ticks);
  };
}

/** A Python function as Pyodide hands it to JavaScript. */
type PyCall = (...a: unknown[]) => unknown;

async function main(): Promise<void> {
  const started = performance.now();
  if (args.mode === 'make-snapshot') {
    const py = await loadInterpreter(undefined, true);
    // 30 MB over IPC: disconnect only once the message has been handed over, or it is lost.
    process.send?.({ type: 'snapshot', bytes: py.makeMemorySnapshot() } satisfies ChildToParent, () => process.disconnect?.());
    return;
  }
  let snapshot: Uint8Array | undefined;
  if (args.snapshot) {
    try {
      snapshot = fs.readFileSync(args.snapshot);
    } catch {
      snapshot = undefined; // a cold start is slower, not wrong
    }
  }
  let py: PyodideAPI;
  try {
    py = await loadInterpreter(snapshot, false);
  } catch (err) {
    if (!snapshot) throw err;
    snapshot = undefined; // a stale or corrupt snapshot: start cold
    py = await loadInterpreter(undefined, false);
  }
  const watchdog = new Watchdog(args.watchdog);
  py.setInterruptBuffer(watchdog.interrupt);
  py.runPython(harnessSource);
  const globals = py.globals as unknown as { get(name: string): unknown };
  const imCompile = globals.get('im_compile') as PyCall;
  const imRunBatch = globals.get('im_run_batch') as PyCall;
  const imTrace = globals.get('im_trace') as PyCall;
  removeNetworkGlobals();
  const heapBytes = (): number => (py as unknown as { _module: { HEAP8: Uint8Array } })._module.HEAP8.length;

  const compile = (msg: { program: { key: string; source: string; entry?: string | undefined; constraints?: readonly string[] | undefined }; softMs: number; hardMs: number }): CompileInfo => {
    watchdog.limits(msg.softMs, msg.hardMs);
    watchdog.tick(1);
    try {
      const p = msg.program;
      return JSON.parse(imCompile(p.key, p.source, p.entry ?? '', JSON.stringify(p.constraints ?? [])) as string) as CompileInfo;
    } finally {
      watchdog.tick(0);
    }
  };

  process.on('message', (raw: ParentToChild) => {
    try {
      if (raw.type === 'compile') {
        send({ type: 'compiled', id: raw.id, compile: compile(raw), heapBytes: heapBytes() });
        return;
      }
      if (raw.type === 'run') {
        const info = compile(raw);
        let results: RunResult[] = [];
        if (info.ok && raw.items.length > 0) {
          try {
            results = JSON.parse(imRunBatch(raw.program.key, `[${raw.items.join(',')}]`, watchdog.tick) as string) as RunResult[];
          } finally {
            watchdog.tick(0);
          }
        }
        send({ type: 'results', id: raw.id, compile: info, results, heapBytes: heapBytes() });
        return;
      }
      if (raw.type === 'trace') {
        const info = compile(raw);
        let trace: string | null = null;
        if (info.ok) {
          try {
            trace = imTrace(raw.program.key, raw.item, watchdog.tick) as string;
          } finally {
            watchdog.tick(0);
          }
        }
        send({ type: 'traced', id: raw.id, compile: info, trace, heapBytes: heapBytes() });
      }
    } catch (err) {
      // Pyodide's fatal errors (a wasm stack overflow) leave the interpreter unusable: report and exit.
      send({ type: 'fatal', id: raw.id, message: err instanceof Error ? err.message.split('\n')[0] ?? 'fatal' : String(err) });
      process.exit(70);
    }
  });
  send({ type: 'ready', loadMs: performance.now() - started, snapshot: snapshot !== undefined });
}

main().catch((err: unknown) => {
  send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  process.exit(71);
});
