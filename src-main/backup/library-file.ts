/**
 * Is this file one of our libraries, and can this build use it? Two levels:
 * - `peekLibraryFile` reads only the 100-byte SQLite header (magic, application id, schema version):
 *   cheap enough to list a folder of 200 MB backups. It is only right for a file without a `-wal`
 *   beside it: a library in use keeps its newest page 1 in the WAL until a checkpoint (a fresh
 *   library's file header can still read application id 0);
 * - `checkLibraryFile` opens the file with SQLite (which reads through the WAL) and checks it through:
 *   application id, schema version, SQLite's integrity check, the foreign keys, and what it holds.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { APPLICATION_ID } from '../storage/migration-001-initial.js';
import { LATEST_SCHEMA_VERSION } from '../storage/migrations.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Header offsets (https://www.sqlite.org/fileformat.html#the_database_header): user_version and application_id, big-endian. */
const USER_VERSION_OFFSET = 60;
const APPLICATION_ID_OFFSET = 68;
const HEADER_BYTES = 100;

/** Why a file cannot be restored. `code` lets a caller tell the cases apart without parsing text. */
export class LibraryFileError extends Error {
  override readonly name = 'LibraryFileError';

  constructor(
    readonly code: 'missing' | 'not-sqlite' | 'not-ours' | 'too-new' | 'damaged',
    message: string,
  ) {
    super(message);
  }
}

export interface LibraryHeader {
  schemaVersion: number;
  sizeBytes: number;
}

/** Header-only check; throws LibraryFileError. */
export function peekLibraryFile(file: string): LibraryHeader {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new LibraryFileError('missing', `cannot read "${file}": ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (err as Error).message}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new LibraryFileError('missing', `"${file}" is not a file`);
    const header = Buffer.alloc(HEADER_BYTES);
    const read = fs.readSync(fd, header, 0, HEADER_BYTES, 0);
    if (read < HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
      throw new LibraryFileError('not-sqlite', `"${file}" is not an InfinityMATH Studio library: it is not an SQLite database`);
    }
    const schemaVersion = checkHeaderValues(file, header.readUInt32BE(APPLICATION_ID_OFFSET), header.readUInt32BE(USER_VERSION_OFFSET));
    return { schemaVersion, sizeBytes: stat.size };
  } finally {
    fs.closeSync(fd);
  }
}

export interface LibraryContents {
  schemaVersion: number;
  sizeBytes: number;
  templates: number;
  learners: number;
  attempts: number;
}

/**
 * The full check, on a file nobody else is using (restore runs it on its own private copy): the
 * header, then SQLite's integrity check and the foreign keys, then what it holds.
 */
export function checkLibraryFile(file: string): LibraryContents {
  const hasWal = fs.existsSync(`${file}-wal`);
  const sizeBytes = hasWal ? fileSize(file) : peekLibraryFile(file).sizeBytes;
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (err) {
    throw new LibraryFileError('damaged', `cannot open "${file}": ${(err as Error).message}`);
  }
  try {
    const schemaVersion = checkIdentity(db, file);
    let problems: { integrity_check: string }[];
    try {
      problems = db.pragma('integrity_check') as { integrity_check: string }[];
    } catch (err) {
      throw new LibraryFileError('damaged', `"${file}" is damaged: ${(err as Error).message}`);
    }
    const first = problems[0]?.integrity_check;
    if (problems.length !== 1 || first !== 'ok') {
      throw new LibraryFileError('damaged', `"${file}" is damaged: SQLite's integrity check says ${JSON.stringify(first ?? 'nothing')}`);
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new LibraryFileError('damaged', `"${file}" is damaged: ${broken.length} row(s) refer to rows that do not exist`);
    const count = (table: string): number => {
      const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
      // The table name is one of the constants below, never input.
      return exists ? (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0;
    };
    return { schemaVersion, sizeBytes, templates: count('templates'), learners: count('learners'), attempts: count('attempts') };
  } finally {
    db.close();
  }
}

/** The application id and schema version as SQLite reads them (through the WAL, if any). */
function checkIdentity(db: Database.Database, file: string): number {
  let appId: unknown;
  let version: unknown;
  try {
    appId = db.pragma('application_id', { simple: true });
    version = db.pragma('user_version', { simple: true });
  } catch (err) {
    if (err instanceof Database.SqliteError && err.code === 'SQLITE_NOTADB') {
      throw new LibraryFileError('not-sqlite', `"${file}" is not an InfinityMATH Studio library: it is not an SQLite database`);
    }
    throw new LibraryFileError('damaged', `"${file}" is damaged: ${(err as Error).message}`);
  }
  return checkHeaderValues(file, Number(appId), Number(version));
}

function checkHeaderValues(file: string, appId: number, schemaVersion: number): number {
  if (appId !== APPLICATION_ID) {
    throw new LibraryFileError('not-ours', `"${file}" is an SQLite database of another application (application_id ${appId}), not an InfinityMATH Studio library`);
  }
  if (schemaVersion < 1) throw new LibraryFileError('not-ours', `"${file}" carries our application id but no schema: it is not a usable library`);
  if (schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new LibraryFileError(
      'too-new',
      `"${file}" is a library of schema version ${schemaVersion}, written by a newer InfinityMATH Studio; this version reads up to ${LATEST_SCHEMA_VERSION}: update the app to restore it`,
    );
  }
  return schemaVersion;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch (err) {
    throw new LibraryFileError('missing', `cannot read "${file}": ${(err as Error).message}`);
  }
}
