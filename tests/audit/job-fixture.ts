/**
 * A library on a real SQLite file with the starter pack, the job handlers over it and a real sandbox
 * pool, plus a way to await a job's events. Shared by the audit, report and export tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import { createLibraryJobHandlers } from '../../src-main/app/library-job-handlers.js';
import type { HandlerDeps } from '../../src-main/app/handler-deps.js';
import { ensureStarterPack } from '../../src-main/library/starter-pack.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { createTestPool } from '../helpers/sandbox.js';
import { SolutionSupply } from '../../src-main/app/solution-supply.js';

export interface JobFixture {
  dir: string;
  app: AppDatabase;
  pool: SandboxPool;
  events: ApiEvent[];
  handlers: ReturnType<typeof createLibraryJobHandlers>;
  clock: { now: number };
  /** Resolves with the job's done (or failed) event. */
  finished(jobId: string): Promise<ApiEvent>;
  /** Resolves with the job's first progress event. */
  firstProgress(jobId: string): Promise<ApiEvent>;
  close(): Promise<void>;
}

export async function createJobFixture(prefix: string): Promise<JobFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const app = openDatabase(path.join(dir, 'library.sqlite'));
  ensureStarterPack(app.db);
  const pool = await createTestPool();
  const events: ApiEvent[] = [];
  const waiters: ((e: ApiEvent) => void)[] = [];
  const clock = { now: Date.UTC(2026, 10, 24, 1, 0, 0) };
  const closing = new AbortController();
  const deps: HandlerDeps = {
    db: app.db,
    pool: () => Promise.resolve(pool),
    emit: (e) => {
      events.push(e);
      for (const w of [...waiters]) w(e);
    },
    now: () => clock.now,
    signal: closing.signal,
    mode: 'browser',
    dataDir: dir,
    solutions: new SolutionSupply(() => Promise.resolve(pool)),
  };
  const handlers = createLibraryJobHandlers(deps);
  const waitFor = (pred: (e: ApiEvent) => boolean): Promise<ApiEvent> => {
    const seen = events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const w = (e: ApiEvent): void => {
        if (!pred(e)) return;
        waiters.splice(waiters.indexOf(w), 1);
        resolve(e);
      };
      waiters.push(w);
    });
  };
  const jobOf = (e: ApiEvent): string | undefined => ('jobId' in e ? e.jobId : undefined);
  return {
    dir,
    app,
    pool,
    events,
    handlers,
    clock,
    finished: (jobId) => waitFor((e) => jobOf(e) === jobId && (e.type.endsWith('.done') || e.type === 'library.job.failed')),
    firstProgress: (jobId) => waitFor((e) => jobOf(e) === jobId && e.type.endsWith('.progress')),
    close: async () => {
      closing.abort();
      await pool.close();
      app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
