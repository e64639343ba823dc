/**
 * Schema migrations: an ordered list of functions, migration `i` (0-based) taking the schema from
 * version `i` to `i + 1`. The version lives in `PRAGMA user_version`. Each step runs in its own
 * IMMEDIATE transaction together with the version bump, so a step is either fully applied or not
 * at all, and two processes opening the same file cannot both apply it.
 *
 * Foreign keys are switched off while migrations run (SQLite's documented procedure for changing a
 * table's definition: copy into a new table, drop, rename, which would otherwise cascade-delete
 * child rows) and every step must leave `PRAGMA foreign_key_check` empty, or it is rolled back.
 */
import type Database from 'better-sqlite3';
import { migration001Initial } from './migration-001-initial.js';
import { migration002Progress } from './migration-002-progress.js';
import { migration003Worksheets } from './migration-003-worksheets.js';
import { migration004Curation } from './migration-004-curation.js';
import { migration005Settings } from './migration-005-settings.js';
import { migration006Skips } from './migration-006-skips.js';

export type Migration = (db: Database.Database) => void;

export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002Progress, migration003Worksheets, migration004Curation, migration005Settings, migration006Skips];

/** The schema version this build of the app writes and understands. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function readUserVersion(db: Database.Database): number {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new Error(`PRAGMA user_version returned ${typeof version}, expected a number`);
  return version;
}

export interface MigrationOptions {
  /** Stop at this version (tests build old schemas this way). Defaults to the last migration. */
  target?: number;
  /** The list to run; defaults to `MIGRATIONS`. Tests pass their own to exercise the runner. */
  migrations?: readonly Migration[];
}

export interface MigrationReport {
  from: number;
  to: number;
}

/**
 * Bring the database up to `target`. Throws if the file is already newer than `target` knows
 * (callers that want the friendly error check first: see `openDatabase`).
 */
export function runMigrations(db: Database.Database, options: MigrationOptions = {}): MigrationReport {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = options.target ?? migrations.length;
  if (!Number.isInteger(target) || target < 0 || target > migrations.length) {
    throw new RangeError(`runMigrations: target must be an integer from 0 to ${migrations.length}, got ${target}`);
  }
  const from = readUserVersion(db);
  if (from > target) {
    throw new Error(`runMigrations: the database is at schema version ${from}, newer than the target ${target}`);
  }
  if (from === target) return { from, to: from };
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  // Only effective outside a transaction, hence here and not inside each step.
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = from; version < target; version += 1) {
      const migrate = migrations[version];
      if (migrate === undefined) throw new Error(`runMigrations: no migration from version ${version}`);
      const step = db.transaction(() => {
        // Re-read inside the write lock: another process may have migrated while we waited for it.
        if (readUserVersion(db) !== version) return;
        migrate(db);
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        const first = broken[0];
        if (first !== undefined) {
          throw new Error(
            `runMigrations: migration to version ${version + 1} left ${broken.length} row(s) whose foreign key points nowhere ` +
              `(first: a row of "${first.table}" referencing "${first.parent}"); it was rolled back`,
          );
        }
        // PRAGMA takes no bound parameters; `version + 1` is a number computed here, never input.
        db.pragma(`user_version = ${version + 1}`);
      });
      step.immediate();
    }
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return { from, to: readUserVersion(db) };
}
