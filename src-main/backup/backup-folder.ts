/**
 * The library's backups folder (`backups/` beside the library file). The app's Settings page backs
 * up into it and restores from it, naming files only by their name in it: the page (an untrusted
 * script, in the worst case) can never make the engine write or read a path of its choosing.
 * A backup made elsewhere is restored by copying it into this folder, or with `infinitymath restore`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { peekLibraryFile, LibraryFileError } from './library-file.js';

export const BACKUPS_DIR_NAME = 'backups';
/** Names the folder's listing accepts: no separators, no leading dot, ending in .sqlite. */
export const BACKUP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.sqlite$/;

export function backupsDir(libraryFile: string): string {
  return path.join(path.dirname(path.resolve(libraryFile)), BACKUPS_DIR_NAME);
}

/** `library-2026-11-24-153012.sqlite` (UTC), `-2`, `-3`… when that name is taken. */
export function newBackupName(dir: string, kind: 'library' | 'before-restore', now: number): string {
  const iso = new Date(now).toISOString(); // 2026-11-24T15:30:12.345Z
  const stamp = `${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  for (let n = 1; ; n += 1) {
    const name = `${kind}-${stamp}${n === 1 ? '' : `-${n}`}.sqlite`;
    if (!fs.existsSync(path.join(dir, name))) return name;
  }
}

export interface BackupEntry {
  name: string;
  sizeBytes: number;
  modifiedAt: number;
  /** Null when the file cannot be restored (`problem` says why). */
  schemaVersion: number | null;
  problem: string | null;
  /** Kept automatically before a restore (as opposed to made by "Back up now"). */
  beforeRestore: boolean;
}

/** The folder's `.sqlite` files, newest first, each with a header check. A missing folder is an empty list. */
export function listBackups(dir: string): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    if (!BACKUP_NAME_PATTERN.test(name)) continue;
    const file = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    let schemaVersion: number | null = null;
    let problem: string | null = null;
    try {
      schemaVersion = peekLibraryFile(file).schemaVersion;
    } catch (err) {
      problem = err instanceof LibraryFileError ? err.message.replace(`"${file}"`, 'this file') : String(err);
    }
    entries.push({ name, sizeBytes: stat.size, modifiedAt: Math.round(stat.mtimeMs), schemaVersion, problem, beforeRestore: name.startsWith('before-restore-') });
  }
  return entries.sort((a, b) => b.modifiedAt - a.modifiedAt || (a.name < b.name ? 1 : -1));
}

/** The path of a backup named by the page: a plain file directly in the folder, or an error. */
export function backupPath(dir: string, name: string): string {
  if (!BACKUP_NAME_PATTERN.test(name) || name.includes('..')) throw new LibraryFileError('missing', `"${name}" is not the name of a backup in the backups folder`);
  const file = path.join(dir, name);
  let stat: fs.Stats;
  try {
    // lstat: a symbolic link in the folder is not followed (it could point anywhere).
    stat = fs.lstatSync(file);
  } catch {
    throw new LibraryFileError('missing', `there is no backup "${name}" in ${dir}`);
  }
  if (!stat.isFile()) throw new LibraryFileError('missing', `"${name}" in ${dir} is not a regular file`);
  return file;
}
