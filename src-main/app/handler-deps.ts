/**
 * What every domain's handlers get from the running app: the database, the sandbox pool (started on
 * first use), a way to push events to the UI, the clock, and a signal that fires when the app closes
 * (background jobs stop on it).
 */
import type { ApiEvent } from '../api/contract.std.js';
import type { SandboxPool } from '../sandbox/pool.js';
import type { WriteDb } from '../storage/db-handles.js';
import type { SolutionSupply } from './solution-supply.js';

export interface HandlerDeps {
  db: WriteDb;
  pool: () => Promise<SandboxPool>;
  emit: (event: ApiEvent) => void;
  now: () => number;
  /** Aborted when the app closes. */
  signal: AbortSignal;
  mode: 'electron' | 'browser';
  /** The folder of the library database: exports and settings files go under it. */
  dataDir: string;
  /** Traced solutions, cached per instance: hints and the tutor share one trace. */
  solutions: SolutionSupply;
}
