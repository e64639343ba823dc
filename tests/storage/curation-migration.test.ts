/** Migration 4 (curation) applied to a version-3 file that holds data. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/storage/database.js';
import { readUserVersion, runMigrations } from '../../src-main/storage/migrations.js';
import { makeTempDir, type TempDir } from './storage-fixtures.js';

let tmp: TempDir;
let db: Database.Database;
beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(tmp.file('v3.sqlite'));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

/** A version-3 library: one pack, two templates (one audited), a search entry. */
function buildVersion3(): void {
  runMigrations(db, { target: 3 });
  db.prepare("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('p', 'P', 'import', 1)").run();
  const insert = db.prepare<[string, string]>(
    "INSERT INTO templates (id, pack_id, body, content_hash, topic, review, created_at, updated_at) VALUES (?, 'p', '{}', 'h', 'money', ?, 1, 1)",
  );
  insert.run('t1', 'approved');
  insert.run('t2', 'none');
  db.prepare(
    `INSERT INTO audit_results (template_id, template_hash, run_at, samples, valid, crashes, timeouts, needs_module, reproduces_original, acceptance, status)
     VALUES ('t1', 'h', 5, 20, 18, 0, 0, NULL, 1, 0.9, 'warning')`,
  ).run();
}

const indexColumns = (name: string): string[] =>
  db.prepare<[string], { name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name).map((c) => c.name);

describe('migration 4 (version 3 → curation)', () => {
  it('adds the curation tables STRICT, duplicate_of, the listing indexes, and keeps every row', () => {
    buildVersion3();
    expect(runMigrations(db, { target: 4 })).toEqual({ from: 3, to: 4 });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'templates' AND name LIKE 'templates_by_%' ORDER BY name").pluck().all()).toEqual([
      'templates_by_grade',
      'templates_by_pack',
      'templates_by_review',
      'templates_by_source',
      'templates_by_status',
      'templates_by_strand',
      'templates_by_topic',
    ]);
    expect(readUserVersion(db)).toBe(4);

    const strict = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('template_flags', 'template_notes', 'template_history', 'undo_log', 'undo_entries') ORDER BY name",
      )
      .all();
    expect(strict).toEqual(['template_flags', 'template_history', 'template_notes', 'undo_entries', 'undo_log'].map((name) => ({ name, strict: 1 })));

    expect(db.prepare('SELECT template_id, acceptance, status, duplicate_of FROM audit_results').all()).toEqual([
      { template_id: 't1', acceptance: 0.9, status: 'warning', duplicate_of: null },
    ]);
    expect(db.prepare('SELECT id, topic, review FROM templates ORDER BY id').all()).toEqual([
      { id: 't1', topic: 'money', review: 'approved' },
      { id: 't2', topic: 'money', review: 'none' },
    ]);

    // One-column listing indexes (ordered by column, then rowid); strand and grade only where set.
    expect(indexColumns('templates_by_review')).toEqual(['review']);
    expect(indexColumns('templates_by_strand')).toEqual(['strand']);
    expect(indexColumns('templates_by_grade')).toEqual(['grade_min', 'grade_max']);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'templates_by_grade'").pluck().get()).toMatch(/WHERE grade_min IS NOT NULL/);
    expect(indexColumns('template_flags_open_by_reason')).toEqual(['reason', 'template_id']);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'template_flags_open_by_reason'").pluck().get()).toMatch(/WHERE resolved_at IS NULL/);
    expect(indexColumns('audit_results_by_needs_module')).toEqual(['needs_module']);
  });

  it('uses the new indexes for the filters the library table runs', () => {
    buildVersion3();
    runMigrations(db, { target: 4 });
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT t.seq FROM templates t WHERE t.review = 'flagged' ORDER BY t.seq LIMIT 100")).toMatch(/USING COVERING INDEX templates_by_review/);
    expect(plan("SELECT t.seq FROM templates t WHERE t.review = 'flagged' ORDER BY t.seq LIMIT 100")).not.toMatch(/TEMP B-TREE/);
    expect(plan("SELECT t.seq FROM templates t WHERE t.strand = 'percent'")).toMatch(/INDEX templates_by_strand/);
    expect(
      plan("SELECT t.seq FROM templates t WHERE t.id IN (SELECT f.template_id FROM template_flags f WHERE f.resolved_at IS NULL AND f.reason = 'x') ORDER BY t.id LIMIT 100"),
    ).toMatch(/template_flags_open_by_reason/);
    // The grade filter as template-filter-sql.ts writes it uses its index.
    expect(plan('SELECT t.seq FROM templates t WHERE t.grade_min BETWEEN 0 AND 7 AND t.grade_max >= 7 ORDER BY t.id LIMIT 100')).toMatch(/INDEX templates_by_grade/);
  });

  it('cascades: deleting a template removes its flags, notes, history and undo entries', () => {
    buildVersion3();
    runMigrations(db, { target: 4 });
    db.prepare("INSERT INTO template_flags (template_id, reason, created_at) VALUES ('t1', 'duplicate', 1)").run();
    db.prepare("INSERT INTO template_notes (template_id, text, created_at) VALUES ('t1', 'hm', 1)").run();
    db.prepare("INSERT INTO template_history (template_id, version, body, created_at) VALUES ('t1', 1, '{}', 1)").run();
    db.prepare("INSERT INTO undo_log (token, action, created_at) VALUES ('u', 'flag', 1)").run();
    db.prepare("INSERT INTO undo_entries (token, template_id, review, flags) VALUES ('u', 't1', 'none', '[]')").run();
    expect(() => db.prepare("INSERT INTO template_flags (template_id, reason, created_at) VALUES ('t2', '  ', 1)").run()).toThrow(/CHECK constraint failed/);
    db.prepare("DELETE FROM templates WHERE id = 't1'").run();
    for (const table of ['template_flags', 'template_notes', 'template_history', 'undo_entries']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('is applied by openDatabase to a version-3 file', () => {
    buildVersion3();
    db.close();
    const app = openDatabase(tmp.file('v3.sqlite'));
    try {
      expect(app.schemaVersion).toBeGreaterThanOrEqual(4);
      expect(app.db.prepare("SELECT review FROM templates WHERE id = 't1'").pluck().get()).toBe('approved');
      expect(app.db.prepare('SELECT count(*) FROM template_flags').pluck().get()).toBe(0);
    } finally {
      app.close();
    }
  });
});
