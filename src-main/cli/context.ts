/**
 * What every CLI command needs: the database (created with the starter pack on first use) and,
 * lazily, the sandbox pool. Both are closed when the command ends.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureStarterPack } from '../library/starter-pack.js';
import { SandboxPool } from '../sandbox/pool.js';
import { openDatabase, type AppDatabase } from '../storage/database.js';
import { defaultDatabasePath } from '../paths.js';
import { adoptionNotice, adoptOldLibrary } from '../userdata/adopt-old-library.js';
import { currentUserEnv } from '../userdata/user-dirs.js';
import { CliError } from './cli-error.js';

export interface CliContext {
  readonly database: AppDatabase;
  pool(): Promise<SandboxPool>;
  close(): Promise<void>;
  /** Progress lines go to stderr, and only on a terminal or when asked. */
  progress(line: string): void;
}

export function openContext(dbPath: string | undefined, opts: { json: boolean }): CliContext {
  const file = path.resolve(dbPath ?? process.env.INFINITYMATH_DB ?? defaultDatabasePath());
  // A library an earlier version kept elsewhere comes to the default place once (and says so once).
  const notice = adoptionNotice(adoptOldLibrary(file, currentUserEnv()));
  if (notice !== null) process.stderr.write(`infinitymath: ${notice}\n`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let database: AppDatabase;
  try {
    database = openDatabase(file);
  } catch (err) {
    throw new CliError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  ensureStarterPack(database.db);
  let pool: Promise<SandboxPool> | undefined;
  const interactive = process.stderr.isTTY && !opts.json;
  return {
    database,
    pool: () => (pool ??= SandboxPool.create()),
    progress: (line) => {
      if (interactive) process.stderr.write(`\r\x1b[2K${line}`);
    },
    close: async () => {
      if (interactive) process.stderr.write('\r\x1b[2K');
      if (pool) await (await pool).close();
      database.close();
    },
  };
}
