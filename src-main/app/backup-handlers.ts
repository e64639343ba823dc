/**
 * Backups of the whole library behind the contract, in the library's own backups folder: back up
 * now (SQLite's online backup, with progress, cancellable), list, and restore by name. A restore
 * refuses while anything else runs, keeps a copy of the current library first, replaces the content
 * under the open connection, forgets what the engine had cached, and tells every window.
 */
import path from 'node:path';
import { ApiError, type ApiHandlers, type ApiMethod } from '../api/contract.std.js';
import { backupPath, backupsDir, listBackups, newBackupName } from '../backup/backup-folder.js';
import { BackupCancelledError, backupLibrary } from '../backup/library-backup.js';
import { LibraryFileError } from '../backup/library-file.js';
import { prepareRestore, restoreIntoLibrary } from '../backup/library-restore.js';
import { LATEST_SCHEMA_VERSION } from '../storage/migrations.js';
import type { HandlerDeps } from './handler-deps.js';

type BackupMethod = 'backup.list' | 'backup.create' | 'backup.cancel' | 'backup.restore';

/** Progress events at most this often (a 200 MB library copies in ~500 steps). */
const PROGRESS_EVERY_MS = 100;

export interface BackupHandlerDeps extends HandlerDeps {
  /** Methods running besides the one asking (see ActivityTracker). */
  busyWith: (self: ApiMethod) => ApiMethod[];
  /** Called after a restore: caches of templates, instances and solutions no longer hold. */
  forgetCaches: () => void;
}

export function createBackupHandlers(deps: BackupHandlerDeps): Pick<ApiHandlers, BackupMethod> {
  const folder = backupsDir(deps.db.name);
  let running: AbortController | null = null;

  const exclusive = async <T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (running !== null) throw new ApiError('unavailable', `a backup or restore is already running; wait for it or cancel it`);
    const controller = new AbortController();
    running = controller;
    const stop = (): void => controller.abort();
    deps.signal.addEventListener('abort', stop, { once: true });
    try {
      return await work(controller.signal);
    } catch (err) {
      if (err instanceof BackupCancelledError) throw new ApiError('bad-request', `${what} was cancelled; nothing was changed`);
      if (err instanceof LibraryFileError) throw new ApiError(err.code === 'missing' ? 'not-found' : 'bad-request', err.message);
      throw err;
    } finally {
      deps.signal.removeEventListener('abort', stop);
      running = null;
    }
  };

  return {
    'backup.list': () => Promise.resolve({ folder, backups: listBackups(folder), schemaVersion: LATEST_SCHEMA_VERSION }),

    'backup.create': () =>
      exclusive('the backup', async (signal) => {
        const name = newBackupName(folder, 'library', deps.now());
        let last = -Infinity;
        const result = await backupLibrary(deps.db, path.join(folder, name), {
          signal,
          onProgress: ({ copiedPages, totalPages }) => {
            const t = performance.now();
            if (copiedPages < totalPages && t - last < PROGRESS_EVERY_MS) return;
            last = t;
            deps.emit({ type: 'backup.progress', copiedPages, totalPages });
          },
        });
        return { name, sizeBytes: result.sizeBytes, folder };
      }),

    'backup.cancel': () => {
      if (running === null) return Promise.resolve({ cancelled: false });
      running.abort();
      return Promise.resolve({ cancelled: true });
    },

    'backup.restore': ({ name }) =>
      exclusive('the restore', async (signal) => {
        const busy = deps.busyWith('backup.restore');
        if (busy.length > 0) {
          throw new ApiError('unavailable', `cannot restore while the app is busy with ${busy.join(', ')}: wait until it has finished (or cancel it), then restore`);
        }
        const source = backupPath(folder, name);
        const prepared = prepareRestore(source, folder);
        try {
          if (signal.aborted) throw new BackupCancelledError();
          const keepAs = path.join(folder, newBackupName(folder, 'before-restore', deps.now()));
          const report = await restoreIntoLibrary(deps.db, prepared, keepAs, source, signal);
          deps.forgetCaches();
          deps.emit({ type: 'library.restored', from: name });
          return {
            restoredFrom: name,
            keptCopy: path.basename(report.keptCopy.file),
            fromVersion: report.fromVersion,
            templates: report.contents.templates,
            learners: report.contents.learners,
            attempts: report.contents.attempts,
          };
        } finally {
          prepared.discard();
        }
      }),
  };
}
