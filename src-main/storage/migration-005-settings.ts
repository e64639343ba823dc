/**
 * Schema version 5: settings, and the tutor's log. Frozen once released, like every migration.
 *
 * Design notes
 * - `settings` is a key → JSON value store for the app's own preferences (the model endpoint, its
 *   model and API key, …). It lives in the user's library database, on their machine; the value is
 *   checked to be JSON so a reader never meets a half-written string. Each setting's shape is checked
 *   by its reader (zod) rather than here, so a new setting needs no migration.
 * - `tutor_requests` logs each "Ask the tutor": who asked about which instance, how it ended, how many
 *   times the answer-leak guard masked the answer, and the reply as shown (masked). It is history like
 *   `attempts`, so `template_id` has no foreign key (a deleted template keeps its log) and rows
 *   cascade only with their learner.
 */
import type Database from 'better-sqlite3';

export function migration005Settings(db: Database.Database): void {
  db.exec(`
    CREATE TABLE settings (
      key        TEXT    NOT NULL PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
      value      TEXT    NOT NULL CHECK (json_valid(value)),
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE tutor_requests (
      id          INTEGER NOT NULL PRIMARY KEY,
      learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      template_id TEXT    NOT NULL,
      seed        INTEGER NOT NULL,
      question    TEXT,
      model       TEXT    NOT NULL,
      outcome     TEXT    NOT NULL CHECK (outcome IN ('running', 'done', 'stopped', 'error')),
      masked      INTEGER NOT NULL DEFAULT 0 CHECK (masked >= 0),
      reply       TEXT    NOT NULL DEFAULT '',
      error       TEXT,
      created_at  INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX tutor_requests_by_instance ON tutor_requests (learner_id, template_id, seed);
  `);
}
