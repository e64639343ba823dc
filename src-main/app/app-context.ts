/**
 * The running engine behind the UI: the database, the sandbox pool (warmed in the background), the
 * instance pool and the API handlers. Browser mode's server and Electron's backend process each
 * create one (create-app-context.ts builds it; this file holds only the types, so the two never import
 * each other); nothing here knows which transport is in front of it.
 */
import type { ApiEvent, ApiHandlers } from '../api/contract.std.js';

export interface AppContextOptions {
  /** The SQLite file (created with the starter pack if new). */
  dbPath: string;
  /** Where the Pyodide snapshot is cached (default: the user's cache directory). */
  cacheDir?: string;
  mode: 'electron' | 'browser';
  /** Sandbox processes (default: the cores). */
  poolSize?: number;
  /** In Electron: its binary, run as Node for the sandbox children. */
  execPath?: string;
  extraEnv?: Record<string, string>;
  /** A fixed clock for tests. */
  now?: () => number;
}

export interface AppContext {
  readonly handlers: ApiHandlers;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Resolves when the sandbox is warm and the starter instance pool is filled (tests and benchmarks). */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

