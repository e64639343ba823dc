/**
 * Parent side of one sandbox child process: starts it locked down, sends it work, and turns every
 * way it can fail (timeout, crash, fatal Python error, memory growth) into results, never into a
 * hang or an exception that takes the caller down.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ChildToParent, CompileInfo, ParentToChild, ProgramSpec, RunResult } from './protocol.js';

export interface SandboxProcessOptions {
  pyodideDir: string;
  childScript: string;
  watchdogScript: string;
  /** Memory snapshot file to start from (made by makeSnapshot); optional. */
  snapshotFile?: string | undefined;
  /** How to run Node: in Electron, its own binary with ELECTRON_RUN_AS_NODE. */
  execPath?: string | undefined;
  extraEnv?: Record<string, string> | undefined;
}

/** Node 20 spells the permission model `--experimental-permission`; Node 22.13+ `--permission`. */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

export function sandboxExecArgv(opts: SandboxProcessOptions): string[] {
  const readable = [
    opts.pyodideDir + path.sep,
    opts.childScript,
    opts.watchdogScript,
    ...(opts.snapshotFile ? [opts.snapshotFile] : []),
  ];
  return [
    '--disallow-code-generation-from-strings',
    permissionFlag(),
    // The watchdog is a worker thread; nothing else may start threads or processes.
    '--allow-worker',
    ...readable.map((p) => `--allow-fs-read=${p}`),
    '--no-warnings',
    // Pyodide's own heap is wasm memory; this bounds the JS side.
    '--max-old-space-size=512',
    '--stack-size=4000',
  ];
}

interface Pending {
  resolve: (msg: ChildToParent) => void;
  reject: (err: Error) => void;
}

export class SandboxCrashed extends Error {
  constructor(message: string, readonly reason: 'killed' | 'fatal' | 'exited') {
    super(message);
    this.name = 'SandboxCrashed';
  }
}

/** One child process. Not reusable after it dies: the pool makes a new one. */
export class SandboxProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited = false;
  /** Resolves once the interpreter is loaded (or, in make-snapshot mode, with the snapshot's bytes). */
  readonly ready: Promise<{ loadMs: number; snapshot: boolean; bytes?: Uint8Array }>;
  /** wasm heap size reported after the last batch. */
  heapBytes = 0;

  constructor(opts: SandboxProcessOptions, mode: 'serve' | 'make-snapshot' = 'serve') {
    const childArgs = JSON.stringify({
      mode,
      pyodideDir: opts.pyodideDir,
      watchdog: opts.watchdogScript,
      ...(opts.snapshotFile ? { snapshot: opts.snapshotFile } : {}),
    });
    const execArgv = sandboxExecArgv(opts);
    this.child = fork(opts.childScript, [childArgs], {
      execArgv,
      ...(opts.execPath ? { execPath: opts.execPath } : {}),
      // No environment at all: templates must not see the user's variables (tokens, paths).
      env: { ...(opts.extraEnv ?? {}) },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      cwd: opts.pyodideDir,
    });
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (msg: ChildToParent): void => {
        if (msg.type === 'ready') resolve({ loadMs: msg.loadMs, snapshot: msg.snapshot });
        else if (msg.type === 'snapshot') resolve({ loadMs: 0, snapshot: false, bytes: msg.bytes });
        else if (msg.type === 'fatal' && msg.id === undefined) reject(new SandboxCrashed(`sandbox failed to start: ${msg.message}`, 'fatal'));
      };
      this.child.on('message', onMessage);
      this.child.once('exit', (code, signal) => {
        reject(new SandboxCrashed(`sandbox exited during start (code ${code}, signal ${signal}): ${stderr.trim().slice(0, 500)}`, 'exited'));
      });
    });
    this.ready.catch(() => undefined);
    this.child.on('message', (msg: ChildToParent) => {
      if (msg.type === 'results' || msg.type === 'compiled' || msg.type === 'traced') {
        this.heapBytes = msg.heapBytes;
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve(msg);
      } else if (msg.type === 'fatal' && msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.reject(new SandboxCrashed(msg.message, 'fatal'));
      }
    });
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      const reason = signal === 'SIGKILL' ? 'killed' : code === 70 ? 'fatal' : 'exited';
      for (const p of this.pending.values()) {
        p.reject(new SandboxCrashed(`sandbox process ended (code ${code}, signal ${signal})`, reason));
      }
      this.pending.clear();
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private request(msg: ParentToChild, timeoutMs: number): Promise<ChildToParent> {
    if (this.exited) return Promise.reject(new SandboxCrashed('sandbox process is not running', 'exited'));
    return new Promise((resolve, reject) => {
      // Last line of defence: the watchdog inside the child should already have acted.
      const timer = setTimeout(() => {
        this.kill();
      }, timeoutMs);
      timer.unref();
      this.pending.set(msg.id, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send(msg);
    });
  }

  async run(program: ProgramSpec, items: string[], softMs: number, hardMs: number): Promise<{ compile: CompileInfo; results: RunResult[] }> {
    const id = this.nextId++;
    const reply = await this.request(
      { type: 'run', id, program, items, softMs, hardMs },
      // compile + every item at its hard limit, plus IPC slack
      hardMs * (items.length + 1) + 2000,
    );
    if (reply.type !== 'results') throw new SandboxCrashed(`unexpected reply ${reply.type}`, 'fatal');
    return { compile: reply.compile, results: reply.results };
  }

  /** Runs one value set under the step tracer; `trace` is the tracer's JSON text (untrusted). */
  async trace(program: ProgramSpec, item: string, softMs: number, hardMs: number): Promise<{ compile: CompileInfo; trace: string | null }> {
    const id = this.nextId++;
    const reply = await this.request({ type: 'trace', id, program, item, softMs, hardMs }, hardMs * 2 + 2000);
    if (reply.type !== 'traced') throw new SandboxCrashed(`unexpected reply ${reply.type}`, 'fatal');
    return { compile: reply.compile, trace: reply.trace };
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Resolves when the process has ended (for tests and orderly shutdown). */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.kill();
    await done;
  }
}
