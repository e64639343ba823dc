/**
 * The crash-safety contract of imports in one call: a batch of templates, the errors found in the
 * same stretch of the file, and the checkpoint after it commit together or not at all.
 */
import type { WriteDb } from './db-handles.js';
import { addImportErrors, checkpoint, type ImportCheckpoint, type ImportErrorInput } from './imports.repo.js';
import type { WriteOptions } from './storage.types.js';
import { upsertTemplates, type TemplateUpsertItem, type UpsertResult } from './templates.repo.js';

export interface ImportBatch {
  importId: number;
  packId: string;
  items: readonly TemplateUpsertItem[];
  errors?: readonly ImportErrorInput[];
  /** Where the file has been read up to once this batch is stored. */
  checkpoint: ImportCheckpoint;
}

export function commitImportBatch(db: WriteDb, batch: ImportBatch, options: WriteOptions = {}): UpsertResult {
  return db.transaction(() => {
    const result = upsertTemplates(db, batch.packId, batch.items, options);
    if (batch.errors !== undefined && batch.errors.length > 0) addImportErrors(db, batch.importId, batch.errors);
    checkpoint(db, batch.importId, batch.checkpoint);
    return result;
  })();
}
