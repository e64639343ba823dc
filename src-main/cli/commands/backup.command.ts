/**
 * `infinitymath backup FILE` and `infinitymath restore FILE`: the whole library to one file and back.
 *
 * backup: SQLite's online backup, so it is safe while the app has the library open; refuses to
 *   replace an existing FILE without --force.
 * restore: FILE must be one of our libraries and not from a newer schema (checked through, on a
 *   private copy; an older one is migrated). An existing library is replaced only with --force,
 *   and a copy of it is always kept first in the backups folder beside it. A library that does not
 *   exist yet is simply created from FILE. Safe while the app has the library open: it sees the
 *   restored content at its next step (restart it to drop what it had cached).
 * Both parse their own options (main.ts hands them the raw arguments).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupsDir, newBackupName } from '../../backup/backup-folder.js';
import { BackupExistsError, backupLibrary } from '../../backup/library-backup.js';
import { checkLibraryFile, LibraryFileError } from '../../backup/library-file.js';
import { prepareRestore, restoreIntoLibrary, restoreToNewFile } from '../../backup/library-restore.js';
import { defaultDatabasePath } from '../../paths.js';
import { openDatabase, type AppDatabase } from '../../storage/database.js';
import { CliError } from '../cli-error.js';

export const BACKUP_USAGE = `usage: infinitymath backup FILE [--force] [--db PATH] [--json]
       infinitymath restore FILE [--force] [--db PATH] [--json]
  backup   copies the library (also while the app is running) to FILE; --force replaces an existing FILE
  restore  replaces the library with FILE (an InfinityMATH Studio library or backup); an existing library
           is replaced only with --force, and a copy of it is kept in the backups folder beside it first`;

interface Options {
  file: string;
  dbPath: string;
  force: boolean;
  json: boolean;
}

function parse(command: 'backup' | 'restore', argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { db: { type: 'string' }, force: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (err) {
    throw new CliError(`${command}: ${(err as Error).message.split('\n')[0] ?? ''}`, 2);
  }
  if (parsed.values.help) {
    process.stdout.write(`${BACKUP_USAGE}\n`);
    process.exit(0);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || file.trim() === '') throw new CliError(`${command}: which file? usage: infinitymath ${command} FILE [--force]`, 2);
  if (extra.length > 0) throw new CliError(`${command}: one file only; got also ${extra.map((e) => JSON.stringify(e)).join(', ')}`, 2);
  const db = parsed.values.db ?? (process.env.INFINITYMATH_DB !== undefined && process.env.INFINITYMATH_DB !== '' ? process.env.INFINITYMATH_DB : defaultDatabasePath());
  return { file: path.resolve(file), dbPath: path.resolve(db), force: parsed.values.force, json: parsed.values.json };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function backupCommand(argv: readonly string[]): Promise<void> {
  const o = parse('backup', argv);
  if (!fs.existsSync(o.dbPath)) throw new CliError(`backup: there is no library at ${o.dbPath} (use --db to name it)`);
  const app = openLibrary('backup', o.dbPath);
  try {
    const interactive = process.stderr.isTTY && !o.json;
    const result = await backupLibrary(app.db, o.file, {
      overwrite: o.force,
      ...(interactive ? { onProgress: ({ copiedPages, totalPages }) => process.stderr.write(`\r\x1b[2Kbacking up: ${Math.round((100 * copiedPages) / Math.max(1, totalPages))} %`) } : {}),
    }).catch((err: unknown) => {
      if (err instanceof BackupExistsError) throw new CliError(`backup: ${o.file} already exists; choose another name, or --force to replace it`);
      throw err;
    });
    if (interactive) process.stderr.write('\r\x1b[2K');
    const contents = checkLibraryFile(result.file);
    if (o.json) {
      process.stdout.write(`${JSON.stringify({ file: result.file, ...contents })}\n`);
    } else {
      process.stdout.write(`backed up ${o.dbPath} to ${result.file} (${mb(result.sizeBytes)}: ${contents.templates} templates, ${contents.learners} learners, ${contents.attempts} answers)\n`);
    }
  } finally {
    app.close();
  }
}

export async function restoreCommand(argv: readonly string[]): Promise<void> {
  const o = parse('restore', argv);
  if (o.file === o.dbPath) throw new CliError('restore: FILE is the library itself');
  const folder = backupsDir(o.dbPath);
  let prepared;
  try {
    prepared = prepareRestore(o.file, folder);
  } catch (err) {
    if (err instanceof LibraryFileError) throw new CliError(`restore: ${err.message}`);
    throw err;
  }
  try {
    const exists = fs.existsSync(o.dbPath);
    let kept: string | null = null;
    if (!exists) {
      restoreToNewFile(o.dbPath, prepared);
    } else {
      const app = openLibrary('restore', o.dbPath);
      try {
        if (!o.force) {
          const current = checkLibraryFile(o.dbPath);
          throw new CliError(
            `restore: this would replace the library at ${o.dbPath} (${current.templates} templates, ${current.learners} learners, ${current.attempts} answers); ` +
              `run again with --force to replace it (a copy of it is kept in ${folder} first)`,
          );
        }
        const keepAs = path.join(folder, newBackupName(folder, 'before-restore', Date.now()));
        const report = await restoreIntoLibrary(app.db, prepared, keepAs, o.file);
        kept = report.keptCopy.file;
      } finally {
        app.close();
      }
    }
    const c = prepared.contents;
    if (o.json) {
      process.stdout.write(`${JSON.stringify({ restoredFrom: o.file, library: o.dbPath, created: !exists, keptCopy: kept, fromVersion: prepared.fromVersion, ...c })}\n`);
    } else {
      const migrated = prepared.fromVersion < c.schemaVersion ? ` (upgraded from schema ${prepared.fromVersion} to ${c.schemaVersion})` : '';
      process.stdout.write(
        `restored ${o.dbPath} from ${o.file}${migrated}: ${c.templates} templates, ${c.learners} learners, ${c.attempts} answers\n` +
          (kept === null ? '' : `the library as it was is kept in ${kept}\n`),
      );
    }
  } finally {
    prepared.discard();
  }
}

function openLibrary(command: string, file: string): AppDatabase {
  try {
    return openDatabase(file);
  } catch (err) {
    throw new CliError(`${command}: cannot open the library ${file}: ${(err as Error).message}`);
  }
}
