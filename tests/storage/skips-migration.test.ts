/** Migration 6 (skips) applied to a version-5 library that holds practice history. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readUserVersion, runMigrations } from '../../src-main/storage/migrations.js';
import { makeTempDir, type TempDir } from './storage-fixtures.js';

let tmp: TempDir;
let db: Database.Database;
beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(tmp.file('v5.sqlite'));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

describe('migration 6 (version 5 → skips)', () => {
  it('adds a STRICT skips table that cascades with its learner, and keeps every attempt', () => {
    runMigrations(db, { target: 5 });
    db.prepare("INSERT INTO learners (id, name, created_at) VALUES (1, 'Amira', 1), (2, 'Ben', 1)").run();
    db.prepare(
      "INSERT INTO attempts (learner_id, template_id, seed, answer, verdict, correct, attempt_no, elapsed_ms, created_at) VALUES (1, 't', 1, '5', 'wrong', 0, 1, 10, 2)",
    ).run();
    expect(runMigrations(db, { target: 6 })).toEqual({ from: 5, to: 6 });
    expect(readUserVersion(db)).toBe(6);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = 'skips'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT learner_id, verdict FROM attempts').all()).toEqual([{ learner_id: 1, verdict: 'wrong' }]);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'skips' ORDER BY name").pluck().all()).toEqual([
      'skips_by_learner_template',
      'skips_by_learner_time',
    ]);

    const insert = db.prepare<[number, number]>(
      "INSERT INTO skips (learner_id, template_id, seed, answers_before, elapsed_ms, created_at) VALUES (?, 't', 1, ?, 5, 3)",
    );
    insert.run(1, 0);
    insert.run(2, 1);
    // STRICT and CHECKed: a text count or a negative one is refused; a learner that does not exist too.
    expect(() => db.prepare("INSERT INTO skips (learner_id, template_id, seed, answers_before, elapsed_ms, created_at) VALUES (1, 't', 1, 'x', 5, 3)").run()).toThrow();
    expect(() => insert.run(1, -1)).toThrow(/CHECK/);
    expect(() => insert.run(99, 0)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM learners WHERE id = 1').run();
    expect(db.prepare('SELECT learner_id FROM skips').pluck().all()).toEqual([2]);
  });
});
