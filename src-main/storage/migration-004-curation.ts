/**
 * Schema version 4: curation. Flags (with a reason, open until resolved), free-text notes, the
 * history of edited bodies, and an undo log for review actions; `audit_results.duplicate_of`
 * (filled by the audit job); and the indexes the library table filters and sorts on at 100k rows.
 *
 * Design notes
 * - Listings filter on one column and keep ties in library order (`seq`, the order templates were
 *   added): a one-column index is ordered by (column, rowid), so such a page is read in index order
 *   and stops after the page. (Indexes on (column, id) did the same for id order but cost 20% more
 *   CPU per imported template; see template-filter-sql.ts.)
 * - Every index costs the import (the review index ~8% CPU per upserted template), so strand and
 *   grade get partial ones: imported datasets leave them empty, and `strand = ?` /
 *   `grade_min BETWEEN …` imply NOT NULL, so SQLite still uses them. `updated` has no index
 *   (sorting by it sorts the matches: ~0.1 s over 100k templates).
 * - Open flags are what listings ask about, so a partial index holds only those, by reason.
 * - `undo_entries` keeps, per template and undo token, the review state and the template's flags as
 *   they were before (a JSON array of rows), so an undo restores exactly that, flags' ids included.
 *   One row per template keeps a bulk action over 100k templates a single INSERT … SELECT.
 */
import type Database from 'better-sqlite3';

export function migration004Curation(db: Database.Database): void {
  db.exec(`
    CREATE TABLE template_flags (
      id          INTEGER NOT NULL PRIMARY KEY,
      template_id TEXT    NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
      reason      TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
      note        TEXT,
      created_at  INTEGER NOT NULL,
      resolved_at INTEGER
    ) STRICT;
    CREATE INDEX template_flags_by_template ON template_flags (template_id);
    CREATE INDEX template_flags_open_by_reason ON template_flags (reason, template_id) WHERE resolved_at IS NULL;

    CREATE TABLE template_notes (
      id          INTEGER NOT NULL PRIMARY KEY,
      template_id TEXT    NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
      text        TEXT    NOT NULL CHECK (length(trim(text)) > 0),
      created_at  INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX template_notes_by_template ON template_notes (template_id, id);

    CREATE TABLE template_history (
      template_id TEXT    NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
      version     INTEGER NOT NULL CHECK (version >= 1),
      body        TEXT    NOT NULL CHECK (json_valid(body)),
      message     TEXT,
      created_at  INTEGER NOT NULL,
      PRIMARY KEY (template_id, version)
    ) STRICT;

    CREATE TABLE undo_log (
      token      TEXT    NOT NULL PRIMARY KEY,
      action     TEXT    NOT NULL,
      created_at INTEGER NOT NULL,
      undone_at  INTEGER
    ) STRICT;
    CREATE TABLE undo_entries (
      token       TEXT NOT NULL REFERENCES undo_log (token) ON DELETE CASCADE,
      template_id TEXT NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
      review      TEXT NOT NULL,
      flags       TEXT NOT NULL CHECK (json_valid(flags) AND json_type(flags) = 'array'),
      PRIMARY KEY (token, template_id)
    ) STRICT;
    CREATE INDEX undo_entries_by_template ON undo_entries (template_id);

    ALTER TABLE audit_results ADD COLUMN duplicate_of TEXT;
    CREATE INDEX audit_results_by_needs_module ON audit_results (needs_module) WHERE needs_module IS NOT NULL;
    CREATE INDEX audit_results_by_duplicate ON audit_results (duplicate_of) WHERE duplicate_of IS NOT NULL;
    CREATE INDEX audit_results_by_acceptance ON audit_results (acceptance, template_id);

    CREATE INDEX templates_by_review ON templates (review);
    CREATE INDEX templates_by_strand ON templates (strand) WHERE strand IS NOT NULL;
    CREATE INDEX templates_by_grade  ON templates (grade_min, grade_max) WHERE grade_min IS NOT NULL;
  `);
}
