/**
 * Value sets stored in the database, shared by the schema (CHECK constraints), the repositories and
 * their callers. Changing one of the CHECKed lists needs a migration.
 */

/** Where a pack came from: shipped with the app, imported from a file, or made by the user. */
export const PACK_SOURCE_KINDS = ['starter', 'import', 'user'] as const;
export type PackSourceKind = (typeof PACK_SOURCE_KINDS)[number];

/** A template's health as the last audit saw it; `unknown` until audited, and again after an edit. */
export const TEMPLATE_STATUSES = ['unknown', 'healthy', 'warning', 'broken'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** What an audit can conclude (an audit never concludes "unknown"). */
export const AUDIT_STATUSES = ['healthy', 'warning', 'broken'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/**
 * A curator's verdict. Not CHECKed in the schema on purpose: review workflows are likely to grow
 * new states, and widening a CHECK in SQLite means rebuilding a 100k-row table.
 */
export const REVIEW_STATES = ['none', 'approved', 'flagged', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const IMPORT_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Milliseconds since the Unix epoch, as every `*_at` column stores it. */
export type EpochMs = number;

/** Options every write accepts so tests (and replays) can fix the clock. */
export interface WriteOptions {
  now?: EpochMs;
}
