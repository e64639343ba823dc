/**
 * Schema version 3: saved worksheets. Frozen once released, like every migration.
 *
 * Design notes
 * - The spec (worksheet-spec.std.ts) is stored whole as JSON: it holds the seed, the items with their
 *   rerolls and locked seeds, and every print setting, so reopening a sheet regenerates it exactly. It is
 *   validated by the repository on the way in and out (the schema only checks it is a JSON object).
 * - `title` is copied out of the spec so the list of saved sheets never parses every spec.
 * - No foreign key to templates: deleting a template must not delete a teacher's sheet; generating it
 *   then fails with the missing template's id, which is the useful message.
 */
import type Database from 'better-sqlite3';

export function migration003Worksheets(db: Database.Database): void {
  db.exec(`
    CREATE TABLE worksheets (
      id         INTEGER NOT NULL PRIMARY KEY,
      title      TEXT    NOT NULL CHECK (length(title) <= 200),
      spec_json  TEXT    NOT NULL CHECK (json_valid(spec_json) AND json_type(spec_json) = 'object'),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX worksheets_by_updated ON worksheets (updated_at);
  `);
}
