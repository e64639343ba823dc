import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, readUserVersion, runMigrations, type Migration } from '../../src-main/storage/migrations.js';
import { makeTempDir, type TempDir } from './storage-fixtures.js';

/** The runner tests append stand-in migrations after version 1, whatever later versions exist. */
const V1 = MIGRATIONS.slice(0, 1);

let tmp: TempDir;
let db: Database.Database;
beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(tmp.file('m.sqlite'));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  tmp.remove();
});

interface TableInfo {
  name: string;
  type: string;
  strict: number;
}

function tables(): Map<string, TableInfo> {
  const rows = db.prepare<[], TableInfo>("SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main'").all();
  return new Map(rows.map((r) => [r.name, r]));
}

function names(type: 'index' | 'trigger'): string[] {
  return db
    .prepare<[string], { name: string }>("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all(type)
    .map((r) => r.name);
}

describe('migration 1 (empty file → initial schema)', () => {
  it('creates every table STRICT, the FTS table, indexes and sync triggers, and sets user_version 1', () => {
    // Version 0 is an empty file: nothing to carry over, but unrelated pragmas must survive.
    expect(readUserVersion(db)).toBe(0);
    const report = runMigrations(db, { target: 1 });
    expect(report).toEqual({ from: 0, to: 1 });
    expect(readUserVersion(db)).toBe(1);

    const t = tables();
    for (const name of ['packs', 'templates', 'instances', 'audit_results', 'imports', 'import_errors']) {
      expect(t.get(name), name).toMatchObject({ type: 'table', strict: 1 });
    }
    expect(t.get('templates_fts')?.type).toBe('virtual');
    expect(names('index')).toEqual([
      'import_errors_by_import',
      'imports_by_fingerprint',
      'imports_by_pack',
      'templates_by_pack',
      'templates_by_source',
      'templates_by_status',
      'templates_by_topic',
    ]);
    // Inserts into the search index are the repository's job; deletes must also follow cascades.
    expect(names('trigger')).toEqual(['templates_fts_after_delete']);
  });

  it('enforces its constraints: STRICT types, CHECKed enums, foreign keys with cascade', () => {
    runMigrations(db, { target: 1 });
    db.prepare("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('p', 'P', 'user', 1)").run();
    expect(() => db.prepare("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('q', 'Q', 'web', 1)").run()).toThrow(/CHECK constraint failed/);
    // STRICT: a text where an INTEGER is declared is an error, not silently stored.
    expect(() => db.prepare("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('q', 'Q', 'user', 'yesterday')").run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
    const insertTemplate = db.prepare<[string, string, string]>(
      "INSERT INTO templates (id, pack_id, body, content_hash, created_at, updated_at) VALUES (?, ?, ?, 'h', 1, 1)",
    );
    expect(() => insertTemplate.run('t0', 'nope', '{}')).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => insertTemplate.run('t0', 'p', 'not json')).toThrow(/CHECK constraint failed/);
    const { lastInsertRowid } = insertTemplate.run('t1', 'p', JSON.stringify({ generic_problem: 'Twelve apples' }));
    expect(db.prepare("SELECT status, review FROM templates WHERE id = 't1'").get()).toEqual({ status: 'unknown', review: 'none' });
    db.prepare("INSERT INTO templates_fts (rowid, id, original_problem, generic_problem) VALUES (?, 't1', NULL, 'Twelve apples')").run(lastInsertRowid);
    // Contentless: the text is not stored, the UNINDEXED id is.
    expect(db.prepare("SELECT id, generic_problem FROM templates_fts WHERE templates_fts MATCH 'apples'").all()).toEqual([{ id: 't1', generic_problem: null }]);

    db.prepare("DELETE FROM packs WHERE id = 'p'").run();
    expect(db.prepare('SELECT count(*) AS n FROM templates').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM templates_fts').get()).toEqual({ n: 0 });
  });

  it('is a no-op when run again', () => {
    runMigrations(db);
    const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all();
    expect(runMigrations(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
  });
});

describe('the migration runner', () => {
  // A stand-in for a future data-changing migration, to pin down how the runner carries data across.
  const splitTopic: Migration = (d) => {
    d.exec("ALTER TABLE templates ADD COLUMN subtopic TEXT; UPDATE templates SET subtopic = substr(topic, instr(topic, '/') + 1), topic = substr(topic, 1, instr(topic, '/') - 1) WHERE topic LIKE '%/%';");
  };

  it('builds the previous schema, keeps rows inserted there, and migrates them (the pattern for every future migration)', () => {
    const list = [...V1, splitTopic];
    runMigrations(db, { migrations: list, target: 1 });
    db.prepare("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('p', 'P', 'user', 1)").run();
    db.prepare(
      "INSERT INTO templates (id, pack_id, body, content_hash, topic, created_at, updated_at) VALUES ('t1', 'p', '{}', 'h', 'fractions/adding', 1, 1)",
    ).run();
    expect(runMigrations(db, { migrations: list })).toEqual({ from: 1, to: 2 });
    expect(db.prepare("SELECT topic, subtopic FROM templates WHERE id = 't1'").get()).toEqual({ topic: 'fractions', subtopic: 'adding' });
  });

  it('rolls a failing migration back completely: no half schema, version unchanged, earlier data intact', () => {
    const failing: Migration = (d) => {
      d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
      d.exec("UPDATE packs SET name = 'changed'");
      throw new Error('disk on fire');
    };
    runMigrations(db, { target: 1 });
    db.prepare("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('p', 'P', 'user', 1)").run();
    expect(() => runMigrations(db, { migrations: [...V1, failing] })).toThrow('disk on fire');
    expect(readUserVersion(db)).toBe(1);
    expect(tables().has('half_done')).toBe(false);
    expect(db.prepare("SELECT name FROM packs WHERE id = 'p'").get()).toEqual({ name: 'P' });
  });

  it('runs with foreign keys off (so tables can be rebuilt) but rolls back a step that leaves a dangling reference', () => {
    runMigrations(db, { target: 1 });
    db.prepare("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('p', 'P', 'user', 1)").run();
    db.prepare("INSERT INTO templates (id, pack_id, body, content_hash, created_at, updated_at) VALUES ('t1', 'p', '{}', 'h', 1, 1)").run();
    // The documented way to change a table's definition: new table, copy, drop, rename. With
    // foreign keys on, the DROP would cascade and delete every template of the pack.
    const rebuildPacks: Migration = (d) => {
      d.exec(`CREATE TABLE packs_new (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, source_kind TEXT NOT NULL,
                source_path TEXT, created_at INTEGER NOT NULL, meta TEXT NOT NULL DEFAULT '{}', color TEXT) STRICT;
              INSERT INTO packs_new (id, name, source_kind, source_path, created_at, meta) SELECT id, name, source_kind, source_path, created_at, meta FROM packs;
              DROP TABLE packs;
              ALTER TABLE packs_new RENAME TO packs;`);
    };
    expect(runMigrations(db, { migrations: [...V1, rebuildPacks] })).toEqual({ from: 1, to: 2 });
    expect(db.prepare('SELECT count(*) FROM templates').pluck().get()).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1); // restored afterwards

    const orphaning: Migration = (d) => {
      d.exec("DELETE FROM packs WHERE id = 'p'");
    };
    expect(() => runMigrations(db, { migrations: [...V1, rebuildPacks, orphaning] })).toThrow(
      'migration to version 3 left 1 row(s) whose foreign key points nowhere (first: a row of "templates" referencing "packs")',
    );
    expect(readUserVersion(db)).toBe(2);
    expect(db.prepare('SELECT count(*) FROM packs').pluck().get()).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('rejects a target outside the list and a database newer than the target', () => {
    expect(() => runMigrations(db, { target: LATEST_SCHEMA_VERSION + 1 })).toThrow(RangeError);
    runMigrations(db);
    expect(() => runMigrations(db, { target: 0 })).toThrow(`schema version ${LATEST_SCHEMA_VERSION}, newer than the target 0`);
  });
});
