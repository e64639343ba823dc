/**
 * Saved worksheets with their spec validated by the worksheet schema: storage/worksheets.repo.ts keeps
 * the rows and takes the spec's parser from here, so storage never imports the worksheet domain (the
 * folder order of the README, enforced by lint).
 */
import type { ReadDb, WriteDb } from '../storage/db-handles.js';
import type { WriteOptions } from '../storage/storage.types.js';
import * as repo from '../storage/worksheets.repo.js';
import { parseWorksheetSpec, type WorksheetSpec } from './worksheet-spec.std.js';

export { deleteWorksheet, listWorksheets, WorksheetNotFoundError, type SaveWorksheetOptions, type WorksheetListEntry } from '../storage/worksheets.repo.js';

export type WorksheetRecord = repo.WorksheetRecord<WorksheetSpec>;

export function getWorksheet(db: ReadDb, id: number): WorksheetRecord | undefined {
  return repo.getWorksheet(db, id, parseWorksheetSpec);
}

export function requireWorksheet(db: ReadDb, id: number, caller: string): WorksheetRecord {
  return repo.requireWorksheet(db, id, caller, parseWorksheetSpec);
}

/** Insert or replace a sheet; the spec is validated (and its defaults filled in) first. */
export function saveWorksheet(db: WriteDb, specInput: unknown, options: repo.SaveWorksheetOptions = {}): WorksheetRecord {
  return repo.saveWorksheet(db, specInput, parseWorksheetSpec, options);
}

/** A copy of sheet `id` under a new id, titled "… (copy)". */
export function duplicateWorksheet(db: WriteDb, id: number, options: WriteOptions = {}): WorksheetRecord {
  return repo.duplicateWorksheet(db, id, parseWorksheetSpec, options);
}
