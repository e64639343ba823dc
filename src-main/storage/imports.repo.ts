/**
 * Import runs and their resume checkpoints. A runner commits each batch of templates and the
 * checkpoint (`nextByte`, `nextLine`, counters) in the same transaction (see `commitImportBatch`),
 * so after a crash the checkpoint describes exactly the rows that are in the database, and the run
 * resumes from `nextByte` without duplicating or losing a line.
 */
import { canonicalJson } from './canonical-json.js';
import type { ReadDb, WriteDb } from './db-handles.js';
import { expectNumberRecord, parseJsonColumn } from './json-guards.js';
import { cachedStatement } from './statement-cache.js';
import { checkPage } from './template-filter-sql.js';
import { IMPORT_STATUSES, type EpochMs, type ImportStatus, type WriteOptions } from './storage.types.js';

/** Whatever the runner counts (rows read, templates stored, errors, …). */
export type ImportCounters = Record<string, number>;

export interface ImportStart {
  filePath: string;
  fileSize: number;
  fileMtimeMs: number;
  /** From `fingerprintFile`: identifies the file's content, so a renamed or touched file still resumes. */
  fingerprint: string;
  format: string;
  /** The importer's options (JSON). A run resumes only with the same options, compared key-order-insensitively. */
  options: unknown;
  packId: string | null;
}

export interface ImportRecord {
  id: number;
  filePath: string;
  fileSize: number;
  fileMtimeMs: number;
  fingerprint: string;
  format: string;
  options: unknown;
  packId: string | null;
  status: ImportStatus;
  startedAt: EpochMs;
  finishedAt: EpochMs | null;
  nextByte: number;
  nextLine: number;
  counters: ImportCounters;
}

export interface ImportCheckpoint {
  /** Byte offset in the file where the next unread line starts. */
  nextByte: number;
  /** Number of the next unread line (0-based: the count of lines consumed). */
  nextLine: number;
  counters: ImportCounters;
}

export interface ImportErrorInput {
  lineNo: number;
  reason: string;
  detail?: string | null;
}

export interface ImportErrorRecord {
  importId: number;
  lineNo: number;
  reason: string;
  detail: string | null;
}

export function startImport(db: WriteDb, start: ImportStart, options: WriteOptions = {}): ImportRecord {
  for (const field of ['fileSize', 'fileMtimeMs'] as const) {
    if (!Number.isFinite(start[field]) || start[field] < 0) throw new Error(`startImport: ${field} must be a non-negative number; got ${start[field]}`);
  }
  if (start.fingerprint === '') throw new Error('startImport: fingerprint is empty');
  const info = cachedStatement<[string, number, number, string, string, string, string | null, number]>(
    db,
    `INSERT INTO imports (file_path, file_size, file_mtime_ms, file_fingerprint, format, options_json, pack_id, status, started_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
  ).run(
    start.filePath,
    start.fileSize,
    Math.trunc(start.fileMtimeMs),
    start.fingerprint,
    start.format,
    canonicalJson(start.options ?? {}),
    start.packId,
    options.now ?? Date.now(),
  );
  const created = getImport(db, Number(info.lastInsertRowid));
  if (created === undefined) throw new Error('startImport: the new import row cannot be read back');
  return created;
}

export function getImport(db: ReadDb, id: number): ImportRecord | undefined {
  const row = cachedStatement<[number], ImportRow>(db, `SELECT ${IMPORT_COLUMNS} FROM imports WHERE id = ?`).get(id);
  return row === undefined ? undefined : toImport(row);
}

/** Most recent first. */
export function listImports(db: ReadDb, limit: number, offset = 0): ImportRecord[] {
  checkPage(limit, offset, 'listImports');
  return cachedStatement<[number, number], ImportRow>(db, `SELECT ${IMPORT_COLUMNS} FROM imports ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(limit, offset)
    .map(toImport);
}

/**
 * The latest unfinished run (running — i.e. interrupted —, failed or cancelled) of the same file
 * content, format and options, if any: the one to resume.
 */
export function findResumable(db: ReadDb, fingerprint: string, format: string, options: unknown): ImportRecord | undefined {
  const row = cachedStatement<[string, string, string], ImportRow>(
    db,
    `SELECT ${IMPORT_COLUMNS} FROM imports
     WHERE file_fingerprint = ? AND format = ? AND options_json = ? AND status <> 'done'
     ORDER BY id DESC LIMIT 1`,
  ).get(fingerprint, format, canonicalJson(options ?? {}));
  return row === undefined ? undefined : toImport(row);
}

/**
 * Record progress. Runs no transaction of its own: call it inside the transaction that stored the
 * batch, so that both commit or neither does.
 */
export function checkpoint(db: WriteDb, importId: number, point: ImportCheckpoint): void {
  for (const field of ['nextByte', 'nextLine'] as const) {
    if (!Number.isSafeInteger(point[field]) || point[field] < 0) {
      throw new Error(`checkpoint: import ${importId}: ${field} must be a non-negative integer; got ${point[field]}`);
    }
  }
  const changes = cachedStatement<[number, number, string, number]>(
    db,
    "UPDATE imports SET next_byte = ?, next_line = ?, counters_json = ? WHERE id = ? AND status IN ('running', 'failed', 'cancelled')",
  ).run(point.nextByte, point.nextLine, canonicalJson(point.counters), importId).changes;
  if (changes !== 1) throw new Error(`checkpoint: import ${importId} ${describeMissing(db, importId)}`);
}

/** Mark an unfinished run as running again before resuming it. */
export function resumeImport(db: WriteDb, importId: number): void {
  const changes = cachedStatement<[number]>(
    db,
    "UPDATE imports SET status = 'running', finished_at = NULL WHERE id = ? AND status <> 'done'",
  ).run(importId).changes;
  if (changes !== 1) throw new Error(`resumeImport: import ${importId} ${describeMissing(db, importId)}`);
}

export function addImportErrors(db: WriteDb, importId: number, errors: readonly ImportErrorInput[]): void {
  const insert = cachedStatement<[number, number, string, string | null]>(
    db,
    'INSERT INTO import_errors (import_id, line_no, reason, detail) VALUES (?, ?, ?, ?)',
  );
  // Nested inside a caller's transaction this becomes a savepoint, so it composes with commitImportBatch.
  db.transaction(() => {
    for (const error of errors) {
      if (!Number.isSafeInteger(error.lineNo) || error.lineNo < 0) {
        throw new Error(`addImportErrors: import ${importId}: lineNo must be a non-negative integer; got ${error.lineNo}`);
      }
      insert.run(importId, error.lineNo, error.reason, error.detail ?? null);
    }
  })();
}

export function listImportErrors(db: ReadDb, importId: number, limit: number, offset = 0): ImportErrorRecord[] {
  checkPage(limit, offset, 'listImportErrors');
  return cachedStatement<[number, number, number], { import_id: number; line_no: number; reason: string; detail: string | null }>(
    db,
    'SELECT import_id, line_no, reason, detail FROM import_errors WHERE import_id = ? ORDER BY line_no, rowid LIMIT ? OFFSET ?',
  )
    .all(importId, limit, offset)
    .map((row) => ({ importId: row.import_id, lineNo: row.line_no, reason: row.reason, detail: row.detail }));
}

export function countImportErrors(db: ReadDb, importId: number): number {
  return cachedStatement<[number], { n: number }>(db, 'SELECT count(*) AS n FROM import_errors WHERE import_id = ?').get(importId)?.n ?? 0;
}

export function finishImport(
  db: WriteDb,
  importId: number,
  status: Exclude<ImportStatus, 'running'>,
  options: WriteOptions & { counters?: ImportCounters } = {},
): void {
  if (status === ('running' as ImportStatus) || !IMPORT_STATUSES.includes(status)) {
    throw new Error(`finishImport: status must be done, failed or cancelled; got ${JSON.stringify(status)}`);
  }
  const counters = options.counters === undefined ? null : canonicalJson(options.counters);
  const changes = cachedStatement<[string, number, string | null, number]>(
    db,
    'UPDATE imports SET status = ?, finished_at = ?, counters_json = coalesce(?, counters_json) WHERE id = ?',
  ).run(status, options.now ?? Date.now(), counters, importId).changes;
  if (changes !== 1) throw new Error(`finishImport: import ${importId} does not exist`);
}

const IMPORT_COLUMNS = `id, file_path, file_size, file_mtime_ms, file_fingerprint, format, options_json, pack_id, status,
  started_at, finished_at, next_byte, next_line, counters_json`;

interface ImportRow {
  id: number;
  file_path: string;
  file_size: number;
  file_mtime_ms: number;
  file_fingerprint: string;
  format: string;
  options_json: string;
  pack_id: string | null;
  status: string;
  started_at: number;
  finished_at: number | null;
  next_byte: number;
  next_line: number;
  counters_json: string;
}

function toImport(row: ImportRow): ImportRecord {
  const where = `imports row ${row.id}`;
  const status = IMPORT_STATUSES.find((s) => s === row.status);
  if (status === undefined) throw new Error(`${where}: status "${row.status}" is not one of ${IMPORT_STATUSES.join(', ')}`);
  return {
    id: row.id,
    filePath: row.file_path,
    fileSize: row.file_size,
    fileMtimeMs: row.file_mtime_ms,
    fingerprint: row.file_fingerprint,
    format: row.format,
    options: parseJsonColumn(row.options_json, `${where}, options_json`),
    packId: row.pack_id,
    status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    nextByte: row.next_byte,
    nextLine: row.next_line,
    counters: expectNumberRecord(parseJsonColumn(row.counters_json, `${where}, counters_json`), `${where}, counters_json`),
  };
}

function describeMissing(db: ReadDb, importId: number): string {
  const row = cachedStatement<[number], { status: string }>(db, 'SELECT status FROM imports WHERE id = ?').get(importId);
  return row === undefined ? 'does not exist' : `is "${row.status}"; only an unfinished import can take this`;
}
