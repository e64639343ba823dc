/**
 * A backend child process spoken to in raw protocol messages (no BackendClient), for tests of
 * what the backend does with messages a well-behaved client would never send.
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface RawBackend {
  child: ChildProcess;
  send(message: unknown): void;
  /** The next message (in arrival order) that matches; waits for it if it has not come yet. */
  next(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function forkRaw(script: string): RawBackend {
  const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  const seen: Record<string, unknown>[] = [];
  const waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  child.on('message', (raw) => {
    const message = raw as Record<string, unknown>;
    const waiter = waiters.find((w) => w.match(message));
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    } else seen.push(message);
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    send: (message) => child.send(message as object),
    next: (match) => {
      const index = seen.findIndex(match);
      if (index >= 0) return Promise.resolve(seen.splice(index, 1)[0] as Record<string, unknown>);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    exit,
  };
}

export const isType =
  (type: string, extra: (m: Record<string, unknown>) => boolean = () => true) =>
  (m: Record<string, unknown>): boolean =>
    m.type === type && extra(m);
