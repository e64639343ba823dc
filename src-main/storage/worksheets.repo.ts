/**
 * Saved worksheets: a title and the whole spec (seed, items, rerolls, locks, print settings), so a sheet
 * reopened years later regenerates exactly. Specs are validated on the way in and on the way out: a row
 * that no longer parses (a hand edit, a future format) fails with its id and the bad field.
 *
 * Storage keeps the spec's JSON; what a valid spec is belongs to the worksheet layer above, which hands
 * its parser in (worksheet/saved-worksheets.ts binds worksheet-spec.std.ts's), so storage imports nothing above it.
 */
import type { ReadDb, WriteDb } from './db-handles.js';
import { parseJsonColumn } from './json-guards.js';
import { cachedStatement } from './statement-cache.js';
import type { EpochMs, WriteOptions } from './storage.types.js';

/** Validates a spec (and fills in its defaults); throws with the bad field when it is not one. */
export type SpecParser<S extends { title: string }> = (input: unknown) => S;

export interface WorksheetRecord<S> {
  id: number;
  title: string;
  spec: S;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface WorksheetListEntry {
  id: number;
  title: string;
  versions: number;
  /** Problems on each version (the sum of the items' counts). */
  problems: number;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

/** An id that names no saved sheet (the API layer maps it to `not-found`). */
export class WorksheetNotFoundError extends Error {
  override readonly name = 'WorksheetNotFoundError';

  constructor(
    readonly worksheetId: number,
    caller: string,
  ) {
    super(`${caller}: no saved worksheet with id ${worksheetId}`);
  }
}

interface Row {
  id: number;
  title: string;
  spec_json: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, title, spec_json, created_at, updated_at';

function checkId(id: number, caller: string): void {
  if (!Number.isSafeInteger(id) || id <= 0) throw new RangeError(`${caller}: id must be a positive integer; got ${id}`);
}

function toRecord<S extends { title: string }>(row: Row, parse: SpecParser<S>): WorksheetRecord<S> {
  let spec: S;
  try {
    spec = parse(parseJsonColumn(row.spec_json, `worksheets.spec_json (id ${row.id})`));
  } catch (err) {
    throw new Error(`saved worksheet ${row.id} ("${row.title}") cannot be read: ${(err as Error).message}`, { cause: err });
  }
  return { id: row.id, title: row.title, spec, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Every saved sheet, most recently changed first. */
export function listWorksheets(db: ReadDb): WorksheetListEntry[] {
  return cachedStatement<[], { id: number; title: string; versions: number | null; problems: number | null; created_at: number; updated_at: number }>(
    db,
    `SELECT id, title, json_extract(spec_json, '$.versions') AS versions,
            (SELECT sum(json_extract(value, '$.count')) FROM json_each(spec_json, '$.items')) AS problems,
            created_at, updated_at
     FROM worksheets ORDER BY updated_at DESC, id DESC`,
  )
    .all()
    .map((r) => ({ id: r.id, title: r.title, versions: r.versions ?? 1, problems: r.problems ?? 0, createdAt: r.created_at, updatedAt: r.updated_at }));
}

export function getWorksheet<S extends { title: string }>(db: ReadDb, id: number, parse: SpecParser<S>): WorksheetRecord<S> | undefined {
  checkId(id, 'getWorksheet');
  const row = cachedStatement<[number], Row>(db, `SELECT ${COLUMNS} FROM worksheets WHERE id = ?`).get(id);
  return row === undefined ? undefined : toRecord(row, parse);
}

export function requireWorksheet<S extends { title: string }>(db: ReadDb, id: number, caller: string, parse: SpecParser<S>): WorksheetRecord<S> {
  const found = getWorksheet(db, id, parse);
  if (found === undefined) throw new WorksheetNotFoundError(id, caller);
  return found;
}

export interface SaveWorksheetOptions extends WriteOptions {
  /** Replace this saved sheet (it must exist); without it a new one is inserted. */
  id?: number;
}

/** Insert or replace a sheet; the spec is validated (and its defaults filled in) first. */
export function saveWorksheet<S extends { title: string }>(db: WriteDb, specInput: unknown, parse: SpecParser<S>, options: SaveWorksheetOptions = {}): WorksheetRecord<S> {
  const spec = parse(specInput);
  const now = options.now ?? Date.now();
  const json = JSON.stringify(spec);
  if (options.id === undefined) {
    const { lastInsertRowid } = cachedStatement<[string, string, number, number]>(
      db,
      'INSERT INTO worksheets (title, spec_json, created_at, updated_at) VALUES (?, ?, ?, ?)',
    ).run(spec.title, json, now, now);
    return { id: Number(lastInsertRowid), title: spec.title, spec, createdAt: now, updatedAt: now };
  }
  const id = options.id;
  checkId(id, 'saveWorksheet');
  return db.transaction(() => {
    const existing = cachedStatement<[number], { created_at: number }>(db, 'SELECT created_at FROM worksheets WHERE id = ?').get(id);
    if (existing === undefined) throw new WorksheetNotFoundError(id, 'saveWorksheet');
    cachedStatement<[string, string, number, number]>(db, 'UPDATE worksheets SET title = ?, spec_json = ?, updated_at = ? WHERE id = ?').run(spec.title, json, now, id);
    return { id, title: spec.title, spec, createdAt: existing.created_at, updatedAt: now };
  })();
}

/** A copy of sheet `id` under a new id, titled "… (copy)" (cut to fit the title limit). */
export function duplicateWorksheet<S extends { title: string }>(db: WriteDb, id: number, parse: SpecParser<S>, options: WriteOptions = {}): WorksheetRecord<S> {
  const original = requireWorksheet(db, id, 'duplicateWorksheet', parse);
  const suffix = ' (copy)';
  const title = `${original.spec.title.slice(0, 200 - suffix.length)}${suffix}`;
  return saveWorksheet(db, { ...original.spec, title }, parse, options);
}

export function deleteWorksheet(db: WriteDb, id: number): boolean {
  checkId(id, 'deleteWorksheet');
  return cachedStatement<[number]>(db, 'DELETE FROM worksheets WHERE id = ?').run(id).changes === 1;
}
