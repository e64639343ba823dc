/**
 * Schema version 2: learners and their practice history. Frozen once released, like every
 * migration: change these tables with a new migration, never by editing this one.
 *
 * Design notes
 * - `learners.name` is UNIQUE COLLATE NOCASE: two learners called "Amira" and "amira" on one
 *   machine could not tell their profiles apart in the picker.
 * - `attempts.template_id` has no foreign key on purpose: a curator may delete or re-import a
 *   template, and the learner's history (streaks, accuracy, mastery) must not change because of it.
 *   `strand` and `topic` are copied in at attempt time for the same reason (and so summaries never
 *   join 100k-row template tables).
 * - One attempts row per submission or reveal. `verdict` is the checker's verdict or `revealed`;
 *   `answer` is NULL exactly for reveals. `correct` is derived by the repository (see
 *   attempts.repo.ts); the CHECK only forbids a "correct" flag on a verdict that cannot be right.
 * - `attempt_no` numbers the counted tries on one instance (learner, template, seed): invalid
 *   input does not advance it, so the first real answer is always attempt 1.
 * - `review_cards` holds one ts-fsrs Card per (learner, template) as JSON; `due` is copied out of it
 *   so "what is due now" is an index range scan, and `strand` so it can be filtered by scope.
 * - Both child tables cascade from `learners` and lead with `learner_id` in an index.
 */
import type Database from 'better-sqlite3';

export function migration002Progress(db: Database.Database): void {
  db.exec(`
    CREATE TABLE learners (
      id         INTEGER NOT NULL PRIMARY KEY,
      name       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 60),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE attempts (
      id          INTEGER NOT NULL PRIMARY KEY,
      learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      template_id TEXT    NOT NULL,
      seed        INTEGER NOT NULL,
      strand      TEXT,
      topic       TEXT,
      answer      TEXT,
      verdict     TEXT    NOT NULL CHECK (verdict IN ('correct', 'correct_needs_simplifying', 'check_units', 'wrong', 'invalid', 'revealed')),
      correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
      attempt_no  INTEGER NOT NULL CHECK (attempt_no >= 1),
      elapsed_ms  INTEGER NOT NULL CHECK (elapsed_ms >= 0),
      hints_used  INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
      created_at  INTEGER NOT NULL,
      CHECK ((answer IS NULL) = (verdict = 'revealed')),
      CHECK (correct = 0 OR verdict IN ('correct', 'correct_needs_simplifying'))
    ) STRICT;
    CREATE INDEX attempts_by_learner_time     ON attempts (learner_id, created_at);
    CREATE INDEX attempts_by_learner_template ON attempts (learner_id, template_id);

    CREATE TABLE review_cards (
      learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
      template_id TEXT    NOT NULL,
      card_json   TEXT    NOT NULL CHECK (json_valid(card_json) AND json_type(card_json) = 'object'),
      due         INTEGER NOT NULL,
      strand      TEXT,
      PRIMARY KEY (learner_id, template_id)
    ) STRICT;
    CREATE INDEX review_cards_by_due ON review_cards (learner_id, due);
  `);
}
