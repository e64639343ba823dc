/**
 * Schema version 6: skipped problems. Frozen once released, like every migration.
 *
 * Design notes
 * - A skip is not an answer, so it is not an `attempts` row: every count, accuracy, mastery and
 *   streak over `attempts` stays exactly what it was, and nothing that reads attempts has to learn
 *   to leave skips out. Skips get their own table and are counted on their own (Progress shows them).
 * - One row per press of Skip on an instance (learner, template, seed). `answers_before` is how many
 *   judged answers the learner had given on that instance before skipping (0 = skipped without
 *   trying), so "skipped after trying" can be told apart from "skipped at sight".
 * - As with attempts, `template_id` has no foreign key (a curator may delete a template; the history
 *   stays) and `strand`/`topic` are copied in at skip time; rows cascade only with their learner.
 * - The scheduler asks "how often, and when last, was this template skipped lately?", hence the
 *   (learner_id, template_id, created_at) index; Progress counts by learner, hence the time index.
 */
import type Database from 'better-sqlite3';

export function migration006Skips(db: Database.Database): void {
  db.exec(`
    CREATE TABLE skips (
      id             INTEGER NOT NULL PRIMARY KEY,
      learner_id     INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      template_id    TEXT    NOT NULL,
      seed           INTEGER NOT NULL,
      strand         TEXT,
      topic          TEXT,
      answers_before INTEGER NOT NULL CHECK (answers_before >= 0),
      hints_used     INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
      elapsed_ms     INTEGER NOT NULL CHECK (elapsed_ms >= 0),
      created_at     INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX skips_by_learner_time     ON skips (learner_id, created_at);
    CREATE INDEX skips_by_learner_template ON skips (learner_id, template_id, created_at);
  `);
}
