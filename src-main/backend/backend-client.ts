/**
 * The parent's side of the backend protocol: sends `init`, numbers each call and matches its
 * result, relays events, and turns a backend that died into `unavailable` answers rather than
 * promises that never settle. The process itself is reached through a BackendPort, so the same
 * client drives an Electron utility process and a Node child process.
 */
import type { ApiEvent, ApiResponse } from '../api/contract.std.js';
import { isBackendMessage, type InitMessage, type ParentToBackend } from './backend-protocol.js';

export interface BackendPort {
  post(message: ParentToBackend): void;
  onMessage(listener: (raw: unknown) => void): void;
  /** Once, when the process has ended (code null when a signal ended it). */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export class BackendStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendStartError';
  }
}

export type BackendInit = Omit<InitMessage, 'type'>;

export interface BackendClientOptions {
  /** Where protocol errors and unexpected messages go (the developer's console). */
  log?: (line: string) => void;
}

export class BackendClient {
  /** Resolves when the backend serves calls; rejects with BackendStartError if it cannot start. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  private readonly pending = new Map<number, (response: ApiResponse<unknown>) => void>();
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  private nextId = 1;
  private alive = true;
  private readonly log: (line: string) => void;

  constructor(
    private readonly port: BackendPort,
    init: BackendInit,
    options: BackendClientOptions = {},
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    let markReady: () => void = () => undefined;
    let failStart: (err: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    // Nobody may be waiting on `ready` (calls queue in the backend anyway): keep a failure from being "unhandled".
    this.ready.catch(() => undefined);
    let markExited: (code: number | null) => void = () => undefined;
    this.exited = new Promise((resolve) => {
      markExited = resolve;
    });

    port.onMessage((raw) => {
      if (!isBackendMessage(raw)) {
        this.log(`backend: unexpected message ${JSON.stringify(raw)?.slice(0, 200) ?? String(raw)}`);
        return;
      }
      switch (raw.type) {
        case 'ready':
          markReady();
          return;
        case 'init-failed':
          failStart(new BackendStartError(`the engine did not start: ${raw.message}`));
          return;
        case 'protocol-error':
          this.log(`backend: protocol error: ${raw.message}`);
          return;
        case 'result': {
          const settle = this.pending.get(raw.id);
          this.pending.delete(raw.id);
          if (settle) settle(raw.response);
          else this.log(`backend: result for unknown call ${raw.id}`);
          return;
        }
        case 'event':
          for (const listener of this.listeners) listener(raw.event);
          return;
      }
    });
    port.onExit((code) => {
      this.alive = false;
      failStart(new BackendStartError(`the engine process ended before it was ready (exit code ${code})`));
      const gone: ApiResponse<never> = { ok: false, error: { code: 'unavailable', message: `the engine process ended (exit code ${code})` } };
      for (const settle of this.pending.values()) settle(gone);
      this.pending.clear();
      markExited(code);
    });
    port.post({ type: 'init', ...init });
  }

  get running(): boolean {
    return this.alive;
  }

  /**
   * Sends one call; the backend validates and dispatches it. Never rejects: every failure, including
   * a dead backend, comes back as an ApiResponse error.
   */
  call(method: string, args: unknown): Promise<ApiResponse<unknown>> {
    if (!this.alive) {
      return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'the engine process is not running' } });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.port.post({ type: 'call', id, method, args });
    });
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Asks the backend to close its context (database, sandbox) and exit; kills it if it has not
   * ended after `graceMs`. Resolves with the exit code.
   */
  async shutdown(graceMs = 5000): Promise<number | null> {
    if (!this.alive) return this.exited;
    this.port.post({ type: 'shutdown' });
    const timer = setTimeout(() => this.port.kill(), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
