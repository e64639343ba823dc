/**
 * The backend's side of the protocol: wait for `init`, create the AppContext, answer each `call`
 * through the contract's dispatch, push the context's events, and close the context cleanly on
 * `shutdown` or when the parent goes away. Calls that arrive before the context exists wait for
 * it; if it cannot be created, they are answered with `unavailable` and the reason.
 */
import os from 'node:os';
import type { ApiResponse } from '../api/contract.std.js';
import { dispatch } from '../api/dispatch.js';
import type { AppContext, AppContextOptions } from '../app/app-context.js';
import { packageRoot } from '../paths.js';
import { parseParentMessage, type CallMessage, type InitMessage } from './backend-protocol.js';
import type { BackendTransport } from './backend-transport.js';
import { sandboxLaunch, type Runtime } from './sandbox-launch.js';

export type ContextFactory = (options: AppContextOptions) => Promise<AppContext>;

export interface BackendHooks {
  /** Ends the process once the context is closed. */
  exit(code: number): void;
  /** One line for the developer's console (stderr). */
  log(line: string): void;
}

/** What the AppContext is created with, given the parent's `init` and the runtime (sandbox-launch.ts). */
export function contextOptionsFromInit(init: InitMessage, runtime: Runtime = currentRuntime()): AppContextOptions {
  return { dbPath: init.dbPath, cacheDir: init.cacheDir, mode: 'electron', ...sandboxLaunch(init, runtime) };
}

function currentRuntime(): Runtime {
  return { electron: process.versions.electron !== undefined, cores: os.availableParallelism() };
}

function unavailable(message: string): ApiResponse<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function runBackend(transport: BackendTransport, createContext: ContextFactory, hooks: BackendHooks): void {
  let releaseInit: (init: InitMessage) => void = () => undefined;
  const initReceived = new Promise<InitMessage>((resolve) => {
    releaseInit = resolve;
  });
  let initialised = false;
  let stopping = false;

  const context: Promise<AppContext> = initReceived.then(async (init) => {
    if (init.engineRoot !== undefined) {
      // src-main/paths.ts takes the package root from this variable when it is set.
      process.env.INFINITYMATH_ROOT = init.engineRoot;
      // paths.ts caches the root on first use: had anything asked before init, the sandbox would look
      // for Pyodide inside app.asar, where its locked-down children cannot read.
      if (packageRoot() !== init.engineRoot) throw new Error(`the engine root was fixed at ${packageRoot()} before init named ${init.engineRoot}`);
    }
    return createContext(contextOptionsFromInit(init));
  });
  // Waiting calls see the failure through their own await; this keeps it from being "unhandled".
  context.catch(() => undefined);

  const inFlight = new Set<Promise<void>>();

  // `arrivedWhileStopping` is decided when the message arrives: several messages can be delivered in
  // one tick, and a call sent before `shutdown` is still served.
  const answer = async (call: CallMessage, arrivedWhileStopping: boolean): Promise<void> => {
    let response: ApiResponse<unknown>;
    try {
      const ctx = await context;
      response = arrivedWhileStopping ? unavailable('the engine is shutting down') : await dispatch(ctx.handlers, call.method, call.args);
    } catch (err) {
      response = unavailable(`the engine did not start: ${errorMessage(err)}`);
    }
    transport.send({ type: 'result', id: call.id, response });
  };

  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    if (!initialised) {
      hooks.exit(0);
      return;
    }
    let ctx: AppContext;
    try {
      ctx = await context;
    } catch {
      // The context never started: nothing to close.
      hooks.exit(0);
      return;
    }
    let code = 0;
    try {
      // close() aborts a running import (its abort signal) and stops the sandbox; the calls still in
      // flight then end and are answered before the process goes.
      const closing = ctx.close();
      await Promise.allSettled([...inFlight]);
      await closing;
    } catch (err) {
      hooks.log(`backend: closing after ${why} failed: ${errorMessage(err)}`);
      code = 1;
    }
    // Calls that arrived while closing (answered `unavailable`) go out before the process does: the
    // snapshot above misses one that came a tick after `shutdown` (seen under load).
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    hooks.exit(code);
  };

  transport.onMessage((raw) => {
    const parsed = parseParentMessage(raw);
    if (!parsed.ok) {
      transport.send({ type: 'protocol-error', message: parsed.reason });
      // A call with a usable id still gets an answer, so the parent's promise does not wait forever.
      const maybe = raw as { type?: unknown; id?: unknown } | null;
      if (maybe?.type === 'call' && typeof maybe.id === 'number') {
        transport.send({ type: 'result', id: maybe.id, response: { ok: false, error: { code: 'bad-request', message: parsed.reason } } });
      }
      return;
    }
    const msg = parsed.message;
    switch (msg.type) {
      case 'init':
        if (initialised) {
          transport.send({ type: 'protocol-error', message: 'init was sent twice; the second one is ignored' });
          return;
        }
        initialised = true;
        releaseInit(msg);
        context.then(
          (ctx) => {
            ctx.onEvent((event) => transport.send({ type: 'event', event }));
            transport.send({ type: 'ready' });
          },
          (err: unknown) => transport.send({ type: 'init-failed', message: errorMessage(err) }),
        );
        return;
      case 'call': {
        const pending = answer(msg, stopping).finally(() => inFlight.delete(pending));
        inFlight.add(pending);
        return;
      }
      case 'shutdown':
        void stop('shutdown');
        return;
    }
  });
  transport.onParentGone(() => void stop('parent gone'));
}
