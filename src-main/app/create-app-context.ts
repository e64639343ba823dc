/**
 * Wires the engine for a UI: database (with the starter pack), sandbox pool warmed in the background,
 * the instance supply, and every API handler. Nothing here blocks start-up on Pyodide: the first
 * problem is served from stored instances while the sandbox warms.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiEvent, ApiHandlers, ImportSummary } from '../api/contract.std.js';
import { ApiError } from '../api/contract.std.js';
import { detectFileFormat, importFile } from '../importers/import-runner.js';
import { ensureStarterPack, STARTER_PACK_ID } from '../library/starter-pack.js';
import { packageRoot } from '../paths.js';
import { SandboxPool } from '../sandbox/pool.js';
import { openDatabase } from '../storage/database.js';
import { countTemplates } from '../storage/templates.repo.js';
import type { AppContext, AppContextOptions } from './app-context.js';
import { InstanceSupply } from './instance-supply.js';
import { createAuthoringHandlers } from './authoring-handlers.js';
import type { HandlerDeps } from './handler-deps.js';
import { createLibraryHandlers } from './library-handlers.js';
import { createPracticeHandlers } from './practice-handlers.js';
import { createTutorHandlers } from './tutor-handlers.js';
import { createWorksheetHandlers } from './worksheet-handlers.js';
import { SolutionSupply } from './solution-supply.js';
import { ActivityTracker } from './activity-tracker.js';
import { createBackupHandlers } from './backup-handlers.js';
import { createLearnerHandlers } from './learner-handlers.js';

/** Instances kept ready per starter template, so practice never waits for the sandbox. */
const STOCK_PER_TEMPLATE = 8;

function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Async so that callers need not change when start-up gains real awaits (opening is synchronous today). */
export function createAppContext(opts: AppContextOptions): Promise<AppContext> {
  fs.mkdirSync(path.dirname(opts.dbPath), { recursive: true });
  const app = openDatabase(opts.dbPath);
  const db = app.db;
  const now = opts.now ?? Date.now;
  ensureStarterPack(db);
  const listeners = new Set<(e: ApiEvent) => void>();
  const activity = new ActivityTracker();
  const emit = (e: ApiEvent): void => {
    activity.observe(e);
    for (const l of listeners) l(e);
  };

  let poolPromise: Promise<SandboxPool> | undefined;
  let sandboxReady = false;
  const pool = (): Promise<SandboxPool> =>
    (poolPromise ??= SandboxPool.create({
      ...(opts.poolSize !== undefined ? { size: opts.poolSize } : {}),
      ...(opts.cacheDir !== undefined ? { cacheDir: opts.cacheDir } : {}),
      ...(opts.execPath !== undefined ? { execPath: opts.execPath } : {}),
      ...(opts.extraEnv !== undefined ? { extraEnv: opts.extraEnv } : {}),
    }));
  const supply = new InstanceSupply(db, pool);
  supply.loadShipped(path.join(packageRoot(), 'dist', 'starter-instances.jsonl'));

  // Warm the sandbox and top up the instance stock without holding up start-up: the first problem comes
  // from stored instances, so the warm-up waits until it has been served (or two seconds have passed)
  // rather than competing with the first page load for the CPU.
  const controller = new AbortController();
  let startWarmUp: () => void = () => undefined;
  const firstServed = new Promise<void>((resolve) => {
    startWarmUp = resolve;
    setTimeout(resolve, 2000).unref();
  });
  const background = (async () => {
    await firstServed;
    if (controller.signal.aborted) return; // closed before anything was served: nothing to warm
    const p = await pool();
    await p.warm();
    sandboxReady = true;
    emit({ type: 'sandbox.ready' });
    const starterIds = db.prepare('SELECT id FROM templates WHERE pack_id = ? ORDER BY id').pluck().all(STARTER_PACK_ID) as string[];
    await supply.fill(starterIds, STOCK_PER_TEMPLATE, controller.signal);
  })();
  background.catch(() => undefined);

  const solutions = new SolutionSupply(pool);
  const practice = createPracticeHandlers(db, supply, solutions, now);
  const next = practice['practice.next'];
  practice['practice.next'] = (args) => next(args).finally(() => startWarmUp());
  const deps: HandlerDeps = { db, pool, emit, now, signal: controller.signal, mode: opts.mode, dataDir: path.dirname(opts.dbPath), solutions };
  const handlers: ApiHandlers = activity.wrap({
    ...practice,
    ...createLearnerHandlers(deps, appVersion()),
    ...createBackupHandlers({
      ...deps,
      busyWith: (self) => activity.busyWith(self),
      forgetCaches: () => {
        supply.forget();
        solutions.forget();
      },
    }),
    ...createWorksheetHandlers(deps),
    ...createLibraryHandlers(deps),
    ...createTutorHandlers(deps),
    ...createAuthoringHandlers(deps),
    'app.info': () =>
      Promise.resolve({
        version: appVersion(),
        templates: countTemplates(db),
        instancesReady: (db.prepare('SELECT count(*) FROM instances').pluck().get() as number) ?? 0,
        sandboxReady,
        mode: opts.mode,
      }),
    'library.importFile': async ({ path: file, format }): Promise<ImportSummary> => {
      if (!fs.existsSync(file)) throw new ApiError('not-found', `no such file: ${file}`);
      const detected = format ?? (await detectFileFormat(file));
      const report = await importFile(db, file, {
        format: detected,
        // Only program-of-thought records run in the sandbox during import (to verify the templatized programs).
        ...(detected === 'pot' ? { pool: await pool() } : {}),
        signal: controller.signal,
        onProgress: (p) => emit({ type: 'import.progress', ...p }),
      });
      const summary: ImportSummary = {
        packId: report.packId,
        rowsRead: report.rowsRead,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
        skippedByReason: Object.fromEntries(Object.entries(report.skippedByReason).map(([k, v]) => [k, v ?? 0])),
        firstErrors: report.errors.slice(0, 20).map((e) => ({ line: e.lineNo, reason: e.reason, detail: e.detail ?? null })),
        cancelled: report.cancelled,
      };
      emit({ type: 'import.done', summary });
      return summary;
    },
  });

  return Promise.resolve({
    handlers,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenIdle: () => background,
    close: async () => {
      controller.abort();
      startWarmUp(); // releases the waiting warm-up, which sees the abort and stops
      await background.catch(() => undefined);
      if (poolPromise) await (await poolPromise).close();
      app.close();
    },
  });
}
