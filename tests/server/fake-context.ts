/**
 * A small AppContext for the server tests: handlers that echo their arguments or fail with a chosen
 * error code, and events the test emits by hand. The server only sees the AppContext interface, so
 * the transport is tested without the database or the sandbox.
 */
import { ApiError, type ApiEvent, type ApiHandlers, type ProgressSummary } from '../../src-main/api/contract.std.js';
import type { AppContext } from '../../src-main/app/app-context.js';
import { withUnavailable } from '../helpers/stub-handlers.js';

export class FakeContext implements AppContext {
  private readonly listeners = new Set<(e: ApiEvent) => void>();
  private waiters: { done: (listeners: number) => boolean; resolve: () => void }[] = [];
  closed = false;

  /** Every method a handler was entered for, in order. */
  readonly calls: string[] = [];

  readonly handlers: ApiHandlers = withUnavailable({
    'app.info': () => this.record('app.info', { version: 'fake', templates: 3, instancesReady: 7, sandboxReady: true, mode: 'browser' }),
    'learners.list': () => this.record('learners.list', []),
    'learners.create': ({ name }) => this.record('learners.create', { id: 1, name, createdAt: 0 }),
    'practice.catalog': () => Promise.resolve({ strands: [], grades: [3, 4] }),
    'practice.next': () => Promise.reject(new ApiError('unavailable', 'no problem ready yet')),
    'practice.another': ({ templateId }) => Promise.reject(new ApiError('not-found', `no template ${templateId}`)),
    'practice.submit': ({ answer, hintsUsed }) =>
      Promise.resolve({ verdict: 'correct', message: `hints ${hintsUsed}`, readAs: answer, counted: true, answerText: null, attemptsOnProblem: 1, diagnosis: null }),
    'practice.reveal': () => Promise.reject(new Error('disk on fire')),
    'practice.hint': () => Promise.reject(new ApiError('unavailable', 'no hints in the fake')),
    // A value JSON cannot carry: the server must answer 500, not drop the connection.
    'progress.summary': () => Promise.resolve({ attempts: 10n } as unknown as ProgressSummary),
    'library.importFile': async ({ path }) => {
      const hold = this.hold;
      if (hold) {
        hold.enter();
        await hold.released;
      }
      return { packId: path, rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, skippedByReason: {}, firstErrors: [], cancelled: false };
    },
  });

  private hold: { enter: () => void; released: Promise<void> } | null = null;

  /** Makes the next `library.importFile` calls wait until released: a request held in flight. */
  holdImports(): { entered: Promise<void>; release: () => void } {
    let enter = (): void => undefined;
    let release = (): void => undefined;
    const entered = new Promise<void>((resolve) => (enter = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.hold = { enter, released };
    return {
      entered,
      release: () => {
        this.hold = null;
        release();
      },
    };
  }

  private record<T>(method: string, value: T): Promise<T> {
    this.calls.push(method);
    return Promise.resolve(value);
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    this.changed();
    return () => {
      this.listeners.delete(listener);
      this.changed();
    };
  }

  emit(event: ApiEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Resolves once the number of subscribed listeners satisfies `done` (at once if it already does). */
  whenListeners(done: (listeners: number) => boolean): Promise<void> {
    if (done(this.listeners.size)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  whenIdle(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private changed(): void {
    const n = this.listeners.size;
    this.waiters = this.waiters.filter((w) => {
      if (!w.done(n)) return true;
      w.resolve();
      return false;
    });
  }
}
