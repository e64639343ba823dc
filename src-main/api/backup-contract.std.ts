/**
 * Backups of the whole library in the contract. The page names backups only by their file name in
 * the library's backups folder: it can neither write nor read a path of its choosing.
 * `backup.create` answers when the copy is complete (`backup.progress` events meanwhile);
 * `backup.restore` replaces the library, then every window gets `library.restored` and reloads.
 * Composed into `apiArgs` / `ApiResults` / `ApiEvent` by contract.std.ts.
 */
import { z } from 'zod';

const backupName = z.string().min(1).max(240);

export const backupApiArgs = {
  'backup.list': z.object({}).strict(),
  'backup.create': z.object({}).strict(),
  'backup.cancel': z.object({}).strict(),
  'backup.restore': z.object({ name: backupName }).strict(),
} as const;

export interface BackupEntryView {
  name: string;
  sizeBytes: number;
  modifiedAt: number;
  /** Null when the file cannot be restored (`problem` says why). */
  schemaVersion: number | null;
  problem: string | null;
  /** Kept automatically before a restore. */
  beforeRestore: boolean;
}

export interface BackupListView {
  /** The folder, for the user to copy backups to and from. */
  folder: string;
  backups: BackupEntryView[];
  /** This build's schema version (a backup with a higher one cannot be restored). */
  schemaVersion: number;
}

export interface RestoreView {
  restoredFrom: string;
  /** The backup of the library as it was just before (in the same folder). */
  keptCopy: string;
  fromVersion: number;
  templates: number;
  learners: number;
  attempts: number;
}

export interface BackupApiResults {
  'backup.list': BackupListView;
  'backup.create': { name: string; sizeBytes: number; folder: string };
  'backup.cancel': { cancelled: boolean };
  'backup.restore': RestoreView;
}

export type BackupApiEvent = { type: 'backup.progress'; copiedPages: number; totalPages: number } | { type: 'library.restored'; from: string };
