/**
 * Restoring a library from a backup. Nothing touches the current library until the backup has
 * passed every check, on a private copy:
 *  1. the copy (plus its `-wal`, if the file was a live library) is checked: ours, not from a newer
 *     schema, SQLite's integrity check, foreign keys (library-file.ts);
 *  2. it is brought up to this build's schema (an older backup is migrated, the original file is
 *     never written);
 *  3. the current library is backed up beside the backups ("before-restore-…"), so a restore can be
 *     undone;
 *  4. the copy replaces the current library's content with SQLite's backup API, *through the file*,
 *     as one step: connections that have the library open (the app itself) see the restored content
 *     at their next statement, with no reopening.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { WriteDb } from '../storage/db-handles.js';
import { openDatabase } from '../storage/database.js';
import { LATEST_SCHEMA_VERSION, readUserVersion } from '../storage/migrations.js';
import { backupLibrary, type BackupResult } from './library-backup.js';
import { checkLibraryFile, LibraryFileError, peekLibraryFile, type LibraryContents } from './library-file.js';

/** `db.backup()` reads its page count from this return value: all pages in one step. */
const ALL_PAGES = 0x7fffffff;

export interface PreparedRestore {
  /** The checked, migrated private copy. */
  copy: string;
  contents: LibraryContents;
  /** The backup's schema version before migration. */
  fromVersion: number;
  discard(): void;
}

/** Steps 1–2: a checked, up-to-date private copy of `source` in `workDir`. Throws LibraryFileError. */
export function prepareRestore(source: string, workDir: string): PreparedRestore {
  // A file without a -wal can be refused from its header before a 200 MB copy; with one, the copy is checked through SQLite.
  const hasWal = fs.existsSync(`${source}-wal`);
  if (!hasWal) peekLibraryFile(source);
  fs.mkdirSync(workDir, { recursive: true });
  const copy = path.join(workDir, `.restore-${crypto.randomBytes(6).toString('hex')}.sqlite`);
  const discard = (): void => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${copy}${suffix}`, { force: true });
  };
  try {
    fs.copyFileSync(source, copy);
    // A live library (not one of our backups) may hold its latest commits in the -wal beside it.
    if (hasWal) fs.copyFileSync(`${source}-wal`, `${copy}-wal`);
    const contents = checkLibraryFile(copy);
    const migrated = openDatabase(copy);
    migrated.close();
    const db = new Database(copy, { fileMustExist: true });
    try {
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    return { copy, contents: { ...contents, schemaVersion: LATEST_SCHEMA_VERSION }, fromVersion: contents.schemaVersion, discard };
  } catch (err) {
    discard();
    if (err instanceof LibraryFileError) throw err;
    throw new LibraryFileError('damaged', `"${source}" cannot be restored: ${(err as Error).message}`);
  }
}

export interface RestoreReport {
  from: string;
  /** The copy of the library as it was before the restore. */
  keptCopy: BackupResult;
  fromVersion: number;
  contents: LibraryContents;
}

/**
 * Steps 3–4 into a library that is open (`live`, a connection to its file): keeps a copy of it at
 * `keepAs`, then replaces its content. The caller makes sure nothing else writes meanwhile (the app
 * refuses while jobs run).
 */
export async function restoreIntoLibrary(live: WriteDb, prepared: PreparedRestore, keepAs: string, source: string, signal?: AbortSignal): Promise<RestoreReport> {
  const keptCopy = await backupLibrary(live, keepAs, signal === undefined ? {} : { signal });
  // Past this point the restore is one step: it is no longer cancelled.
  matchPageSize(prepared.copy, live.pragma('page_size', { simple: true }) as number);
  const from = new Database(prepared.copy, { readonly: true, fileMustExist: true });
  try {
    // Through the file, not this connection: every connection to it (this one included) sees the result.
    await from.backup(live.name, { progress: () => ALL_PAGES });
  } finally {
    from.close();
  }
  const version = readUserVersion(live);
  if (version !== LATEST_SCHEMA_VERSION) throw new Error(`restore: the library reads as schema version ${version} after the restore, expected ${LATEST_SCHEMA_VERSION}`);
  return { from: source, keptCopy, fromVersion: prepared.fromVersion, contents: prepared.contents };
}

/** Into a file that does not exist yet: the checked copy simply becomes it. */
export function restoreToNewFile(target: string, prepared: PreparedRestore): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(prepared.copy, target);
}

/**
 * SQLite's backup into a WAL-mode library needs equal page sizes. Ours are all SQLite's default, but a
 * library written elsewhere might not be: the private copy (in rollback mode) is rebuilt to match.
 */
function matchPageSize(file: string, pageSize: number): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    if (db.pragma('page_size', { simple: true }) === pageSize) return;
    // A number read from SQLite, never input.
    db.pragma(`page_size = ${pageSize}`);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}
