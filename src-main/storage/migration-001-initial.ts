/**
 * Schema version 1. A migration is frozen once released: it spells out its SQL literally (it does
 * not read today's constant lists), so a database created fresh and one migrated step by step end
 * up identical. Change the schema with a new migration, never by editing this one.
 *
 * Design notes
 * - Every ordinary table is STRICT (FTS5 virtual tables cannot be).
 * - `templates.seq` is an INTEGER PRIMARY KEY (a rowid alias) and `id` is UNIQUE: the FTS row of a
 *   template is found by that rowid. A TEXT primary key would leave the rowid implicit, and VACUUM
 *   may renumber implicit rowids, silently detaching the search index. Foreign keys reference
 *   `templates(id)` as usual.
 * - `body` is the canonical JSON of the template and `content_hash` its SHA-256, so an unchanged
 *   re-import is detected without parsing. `original` is the imported source row and is only ever
 *   written when still NULL.
 * - The FTS table is contentless (`content=''`): the texts are already in `body`, and a second copy
 *   cost a fifth of the import rate and a quarter of the index size. `contentless_delete=1` lets
 *   rows be deleted and replaced; `contentless_unindexed=1` keeps the UNINDEXED `id` readable.
 *   (Excerpts are made in JavaScript, see search-snippet.ts, since snippet() needs stored content.)
 * - FTS rows are added and replaced by `templates.repo.ts`, which already holds the problem texts:
 *   an insert trigger would json_extract them from `body` again, measured at 40% of the import
 *   rate. Deletion is a trigger, because templates also disappear through `ON DELETE CASCADE`
 *   from `packs`, which repository code never sees. So templates are written only through
 *   `templates.repo.ts` (or `rebuildSearchIndex` is run after writing them some other way).
 * - Child tables have an index leading with their foreign key, so cascading deletes do not scan.
 */
import type Database from 'better-sqlite3';

/** `PRAGMA application_id` of an InfinityMATH Studio database: ASCII "IMST". */
export const APPLICATION_ID = 0x494d5354;

export function migration001Initial(db: Database.Database): void {
  db.exec(`
    CREATE TABLE packs (
      id          TEXT    NOT NULL PRIMARY KEY,
      name        TEXT    NOT NULL,
      source_kind TEXT    NOT NULL CHECK (source_kind IN ('starter', 'import', 'user')),
      source_path TEXT,
      created_at  INTEGER NOT NULL,
      meta        TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(meta) AND json_type(meta) = 'object')
    ) STRICT;

    CREATE TABLE templates (
      seq           INTEGER NOT NULL PRIMARY KEY,
      id            TEXT    NOT NULL UNIQUE,
      pack_id       TEXT    NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
      body          TEXT    NOT NULL CHECK (json_valid(body)),
      original      TEXT             CHECK (original IS NULL OR json_valid(original)),
      content_hash  TEXT    NOT NULL,
      source        TEXT,
      topic         TEXT,
      strand        TEXT,
      grade_min     INTEGER CHECK (grade_min BETWEEN 0 AND 13),
      grade_max     INTEGER CHECK (grade_max BETWEEN 0 AND 13),
      difficulty    INTEGER CHECK (difficulty BETWEEN 1 AND 3),
      answer_format TEXT,
      status        TEXT    NOT NULL DEFAULT 'unknown' CHECK (status IN ('unknown', 'healthy', 'warning', 'broken')),
      review        TEXT    NOT NULL DEFAULT 'none',
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX templates_by_pack   ON templates (pack_id);
    CREATE INDEX templates_by_topic  ON templates (topic);
    CREATE INDEX templates_by_source ON templates (source);
    CREATE INDEX templates_by_status ON templates (status);

    CREATE VIRTUAL TABLE templates_fts USING fts5 (
      id UNINDEXED,
      original_problem,
      generic_problem,
      content = '',
      contentless_delete = 1,
      contentless_unindexed = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER templates_fts_after_delete AFTER DELETE ON templates BEGIN
      DELETE FROM templates_fts WHERE rowid = old.seq;
    END;

    CREATE TABLE instances (
      template_id   TEXT    NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
      seed          INTEGER NOT NULL,
      values_json   TEXT    NOT NULL CHECK (json_valid(values_json)),
      text          TEXT    NOT NULL,
      answer_json   TEXT    NOT NULL CHECK (json_valid(answer_json)),
      answer_text   TEXT    NOT NULL,
      answer_format TEXT    NOT NULL,
      created_at    INTEGER NOT NULL,
      PRIMARY KEY (template_id, seed)
    ) STRICT;

    CREATE TABLE audit_results (
      template_id         TEXT    NOT NULL PRIMARY KEY REFERENCES templates (id) ON DELETE CASCADE,
      template_hash       TEXT    NOT NULL,
      run_at              INTEGER NOT NULL,
      samples             INTEGER NOT NULL CHECK (samples >= 0),
      valid               INTEGER NOT NULL CHECK (valid >= 0),
      crashes             INTEGER NOT NULL CHECK (crashes >= 0),
      timeouts            INTEGER NOT NULL CHECK (timeouts >= 0),
      needs_module        TEXT,
      reproduces_original INTEGER CHECK (reproduces_original IN (0, 1)),
      acceptance          REAL    NOT NULL CHECK (acceptance BETWEEN 0 AND 1),
      status              TEXT    NOT NULL CHECK (status IN ('healthy', 'warning', 'broken')),
      reasons             TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
      details             TEXT             CHECK (details IS NULL OR json_valid(details))
    ) STRICT;

    CREATE TABLE imports (
      id               INTEGER NOT NULL PRIMARY KEY,
      file_path        TEXT    NOT NULL,
      file_size        INTEGER NOT NULL CHECK (file_size >= 0),
      file_mtime_ms    INTEGER NOT NULL,
      file_fingerprint TEXT    NOT NULL,
      format           TEXT    NOT NULL,
      options_json     TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(options_json)),
      pack_id          TEXT    REFERENCES packs (id) ON DELETE SET NULL,
      status           TEXT    NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
      started_at       INTEGER NOT NULL,
      finished_at      INTEGER,
      next_byte        INTEGER NOT NULL DEFAULT 0 CHECK (next_byte >= 0),
      next_line        INTEGER NOT NULL DEFAULT 0 CHECK (next_line >= 0),
      counters_json    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(counters_json))
    ) STRICT;
    CREATE INDEX imports_by_fingerprint ON imports (file_fingerprint, format);
    CREATE INDEX imports_by_pack ON imports (pack_id);

    CREATE TABLE import_errors (
      import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
      line_no   INTEGER NOT NULL,
      reason    TEXT    NOT NULL,
      detail    TEXT
    ) STRICT;
    CREATE INDEX import_errors_by_import ON import_errors (import_id, line_no);
  `);
  db.pragma(`application_id = ${APPLICATION_ID}`);
}
