import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/storage/database.js';
import { APPLICATION_ID } from '../../src-main/storage/migration-001-initial.js';
import { LATEST_SCHEMA_VERSION, readUserVersion, runMigrations } from '../../src-main/storage/migrations.js';
import { makeTempDir, type TempDir } from './storage-fixtures.js';

let tmp: TempDir;
let db: Database.Database;
beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(tmp.file('m.sqlite'));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

/** A version-1 library with one pack, one template and one stored instance. */
function buildVersion1(): void {
  runMigrations(db, { target: 1 });
  db.prepare("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('p', 'P', 'user', 1)").run();
  db.prepare("INSERT INTO templates (id, pack_id, body, content_hash, strand, created_at, updated_at) VALUES ('t1', 'p', '{}', 'h', 'percent', 1, 1)").run();
  db.prepare("INSERT INTO instances (template_id, seed, values_json, text, answer_json, answer_text, answer_format, created_at) VALUES ('t1', 7, '{}', 'x', '{}', '3', 'integer', 1)").run();
}

const insertLearner = (name: string): number => Number(db.prepare('INSERT INTO learners (name, created_at) VALUES (?, 1)').run(name).lastInsertRowid);
function insertAttempt(values: { learner: number; template?: string; answer?: string | null; verdict?: string; correct?: number | string; attemptNo?: number }): void {
  db.prepare(
    `INSERT INTO attempts (learner_id, template_id, seed, strand, topic, answer, verdict, correct, attempt_no, elapsed_ms, hints_used, created_at)
     VALUES (?, ?, 7, 'percent', 'percent', ?, ?, ?, ?, 1000, 0, 5)`,
  ).run(values.learner, values.template ?? 't1', values.answer === undefined ? '3' : values.answer, values.verdict ?? 'correct', values.correct ?? 1, values.attemptNo ?? 1);
}

describe('migration 2 (version 1 → learners, attempts, review cards)', () => {
  it('adds the three STRICT tables and their indexes, keeps every version-1 row, and sets user_version 2', () => {
    buildVersion1();
    expect(runMigrations(db, { target: 2 })).toEqual({ from: 1, to: 2 });
    expect(readUserVersion(db)).toBe(2);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);

    const strict = db.prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('learners', 'attempts', 'review_cards') ORDER BY name").all();
    expect(strict).toEqual([
      { name: 'attempts', strict: 1 },
      { name: 'learners', strict: 1 },
      { name: 'review_cards', strict: 1 },
    ]);
    const indexes = (table: string): { name: string; columns: string[] }[] =>
      db
        .prepare<[string], { name: string }>("SELECT name FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name")
        .all(table)
        .map(({ name }) => ({ name, columns: db.prepare<[string], { name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name).map((c) => c.name) }));
    expect(indexes('attempts')).toEqual([
      { name: 'attempts_by_learner_template', columns: ['learner_id', 'template_id'] },
      { name: 'attempts_by_learner_time', columns: ['learner_id', 'created_at'] },
    ]);
    expect(indexes('review_cards')).toEqual([{ name: 'review_cards_by_due', columns: ['learner_id', 'due'] }]);
    // The primary key of review_cards is (learner_id, template_id).
    expect(db.prepare<[], { name: string; pk: number }>("SELECT name, pk FROM pragma_table_info('review_cards') WHERE pk > 0 ORDER BY pk").all()).toEqual([
      { name: 'learner_id', pk: 1 },
      { name: 'template_id', pk: 2 },
    ]);

    expect(db.prepare("SELECT id, strand FROM templates").all()).toEqual([{ id: 't1', strand: 'percent' }]);
    expect(db.prepare('SELECT template_id, seed, answer_text FROM instances').all()).toEqual([{ template_id: 't1', seed: 7, answer_text: '3' }]);
  });

  it('enforces names unique in any case, the verdict list, answer-iff-not-revealed, and STRICT types', () => {
    buildVersion1();
    runMigrations(db);
    const amira = insertLearner('Amira');
    expect(() => insertLearner('aMIRA')).toThrow(/UNIQUE constraint failed: learners.name/);
    expect(() => insertLearner('   ')).toThrow(/CHECK constraint failed/);

    insertAttempt({ learner: amira });
    insertAttempt({ learner: amira, verdict: 'revealed', answer: null, correct: 0, attemptNo: 2 });
    expect(() => insertAttempt({ learner: amira, verdict: 'maybe', correct: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => insertAttempt({ learner: amira, verdict: 'revealed', answer: '3', correct: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => insertAttempt({ learner: amira, verdict: 'wrong', answer: null, correct: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => insertAttempt({ learner: amira, verdict: 'wrong', correct: 1 })).toThrow(/CHECK constraint failed/);
    expect(() => insertAttempt({ learner: amira, attemptNo: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => insertAttempt({ learner: amira, correct: 'yes' })).toThrow(/cannot store TEXT value in INTEGER column attempts.correct/);
    expect(() => insertAttempt({ learner: 999 })).toThrow(/FOREIGN KEY constraint failed/);

    db.prepare("INSERT INTO review_cards (learner_id, template_id, card_json, due, strand) VALUES (?, 't1', '{\"due\":1}', 1, 'percent')").run(amira);
    expect(() => db.prepare("INSERT INTO review_cards (learner_id, template_id, card_json, due) VALUES (?, 't1', '{}', 2)").run(amira)).toThrow(/UNIQUE constraint failed/);
    expect(() => db.prepare("INSERT INTO review_cards (learner_id, template_id, card_json, due) VALUES (?, 't2', '[1]', 2)").run(amira)).toThrow(/CHECK constraint failed/);
  });

  it('keeps history when a template is deleted, and deletes it with the learner', () => {
    buildVersion1();
    runMigrations(db);
    const amira = insertLearner('Amira');
    const ben = insertLearner('Ben');
    insertAttempt({ learner: amira });
    insertAttempt({ learner: ben });
    db.prepare("INSERT INTO review_cards (learner_id, template_id, card_json, due) VALUES (?, 't1', '{}', 1), (?, 't1', '{}', 1)").run(amira, ben);

    // Deleting the pack cascades to its templates and instances, never to learners' history.
    db.prepare("DELETE FROM packs WHERE id = 'p'").run();
    expect(db.prepare('SELECT count(*) FROM templates').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(2);
    expect(db.prepare('SELECT count(*) FROM review_cards').pluck().get()).toBe(2);

    db.prepare('DELETE FROM learners WHERE id = ?').run(amira);
    expect(db.prepare('SELECT learner_id FROM attempts').pluck().all()).toEqual([ben]);
    expect(db.prepare('SELECT learner_id FROM review_cards').pluck().all()).toEqual([ben]);
  });

  it('is applied by openDatabase to a version-1 file, which then opens read-only too', () => {
    buildVersion1();
    db.close();
    const app = openDatabase(tmp.file('m.sqlite'));
    expect(app.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(app.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('learners', 'attempts', 'review_cards')").pluck().get()).toBe(3);
    expect(app.db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(1);
    app.close();
    const reader = openDatabase(tmp.file('m.sqlite'), { readonly: true });
    expect(reader.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    reader.close();
  });
});
