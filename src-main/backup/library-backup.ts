/**
 * Backing up the library while it is in use, with SQLite's online backup (better-sqlite3's
 * `db.backup()`): pages are copied in steps from the open connection, so practice and the Library
 * keep working, and writes made during the backup by this connection are carried along.
 *
 * The copy is written under a temporary name and renamed into place only when complete, so a
 * cancelled or crashed backup never leaves a half file under the name the user asked for. It is
 * then switched to a rollback journal: one self-contained file, no `-wal` beside it to forget.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ReadDb } from '../storage/db-handles.js';

/** Pages per step: ~400 KB at 4 KB pages, so the app answers between steps of a 200 MB copy. */
const PAGES_PER_STEP = 100;

export interface BackupProgress {
  copiedPages: number;
  totalPages: number;
}

export interface BackupOptions {
  /** Replace `dest` if it exists (the CLI's --force); otherwise an existing file is refused. */
  overwrite?: boolean;
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
}

export interface BackupResult {
  file: string;
  sizeBytes: number;
  pages: number;
}

export class BackupExistsError extends Error {
  override readonly name = 'BackupExistsError';

  constructor(readonly file: string) {
    super(`"${file}" already exists; choose another file name (or --force to replace it)`);
  }
}

export class BackupCancelledError extends Error {
  override readonly name = 'BackupCancelledError';

  constructor() {
    super('the backup was cancelled; nothing was written');
  }
}

export async function backupLibrary(db: ReadDb, dest: string, options: BackupOptions = {}): Promise<BackupResult> {
  const file = path.resolve(dest);
  if (!options.overwrite && fs.existsSync(file)) throw new BackupExistsError(file);
  if (path.resolve(db.name) === file) throw new Error(`cannot back up the library onto itself ("${file}")`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${crypto.randomBytes(4).toString('hex')}`;
  try {
    options.signal?.throwIfAborted();
    const result = await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        // Throwing here stops the copy; better-sqlite3 then deletes the new file.
        if (options.signal?.aborted === true) throw new BackupCancelledError();
        options.onProgress?.({ copiedPages: totalPages - remainingPages, totalPages });
        return PAGES_PER_STEP;
      },
    });
    const pages = result.totalPages;
    options.onProgress?.({ copiedPages: pages, totalPages: pages });
    // One self-contained file: out of WAL mode, so nothing beside it is needed.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    if (options.signal?.aborted === true) throw new BackupCancelledError();
    fs.renameSync(partial, file);
    return { file, sizeBytes: fs.statSync(file).size, pages };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    if (err instanceof Error && (err.name === 'AbortError' || err instanceof BackupCancelledError)) throw new BackupCancelledError();
    throw err;
  }
}
