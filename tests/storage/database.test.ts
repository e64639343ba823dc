import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../src-main/storage/database.js';
import { DatabaseNeedsMigrationError, DatabaseTooNewError, NotAnAppDatabaseError } from '../../src-main/storage/database-errors.js';
import { APPLICATION_ID } from '../../src-main/storage/migration-001-initial.js';
import { LATEST_SCHEMA_VERSION } from '../../src-main/storage/migrations.js';
import { createPack, getPack } from '../../src-main/storage/packs.repo.js';
import { upsertTemplates } from '../../src-main/storage/templates.repo.js';
import { coatTemplate, makeTempDir, type TempDir } from './storage-fixtures.js';

let tmp: TempDir;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => {
  tmp.remove();
});

describe('openDatabase', () => {
  it('creates a new file at the latest schema with WAL, foreign keys, NORMAL sync and a busy timeout', () => {
    const app = openDatabase(tmp.file('lib.sqlite'));
    try {
      expect(app.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(app.readonly).toBe(false);
      expect(app.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(app.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(app.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(app.db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(app.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(app.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    } finally {
      app.close();
    }
  });

  it('reopens an existing file without migrating again and keeps its data', () => {
    const file = tmp.file('lib.sqlite');
    const first = openDatabase(file);
    createPack(first.db, { id: 'p', name: 'Pack', sourceKind: 'user' }, { now: 1 });
    first.close();
    const second = openDatabase(file);
    try {
      expect(getPack(second.db, 'p')?.name).toBe('Pack');
      expect(second.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      second.close();
    }
  });

  it('refuses a file from a newer app version with DatabaseTooNewError and leaves the file byte-identical', () => {
    const file = tmp.file('future.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_thing (x INTEGER) STRICT');
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 6}`);
    raw.close();
    const before = readFileSync(file);

    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseTooNewError);
    const error = caught as DatabaseTooNewError;
    expect(error.name).toBe('DatabaseTooNewError');
    expect(error.fileVersion).toBe(LATEST_SCHEMA_VERSION + 6);
    expect(error.supportedVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 6}`);
    expect(error.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.message).toMatch(/Update InfinityMATH Studio/);
    expect(readFileSync(file).equals(before)).toBe(true);
    // Read-only opens are refused the same way.
    expect(() => openDatabase(file, { readonly: true })).toThrow(DatabaseTooNewError);
  });

  it('opens read-only: reads work, writes are refused by SQLite, and the type forbids passing it to writers', () => {
    const file = tmp.file('lib.sqlite');
    const writer = openDatabase(file);
    createPack(writer.db, { id: 'p', name: 'Pack', sourceKind: 'user' }, { now: 1 });
    writer.close();

    const reader = openDatabase(file, { readonly: true });
    try {
      expect(reader.readonly).toBe(true);
      expect(getPack(reader.db, 'p')?.name).toBe('Pack');
      expect(() => reader.db.exec("INSERT INTO packs (id, name, source_kind, created_at) VALUES ('x', 'x', 'user', 0)")).toThrow(/readonly/);
      // Compile-time guarantee (checked by tsc over the tests): a ReadDb is not a WriteDb.
      const typeCheckOnly = (): void => {
        // @ts-expect-error a read-only handle cannot be passed where a writer is needed
        upsertTemplates(reader.db, 'p', [{ template: coatTemplate() }]);
      };
      expect(typeof typeCheckOnly).toBe('function');
    } finally {
      reader.close();
    }
  });

  it('refuses a read-only open of a file that still needs migrating, naming both versions', () => {
    const file = tmp.file('old.sqlite');
    new Database(file).close(); // empty file, schema version 0
    expect(() => openDatabase(file, { readonly: true })).toThrow(DatabaseNeedsMigrationError);
    expect(() => openDatabase(file, { readonly: true })).toThrow(`version 0; this version of InfinityMATH Studio needs version ${LATEST_SCHEMA_VERSION}`);
  });

  it('refuses a read-only open of a missing file with the path in the message', () => {
    const file = tmp.file('missing.sqlite');
    expect(() => openDatabase(file, { readonly: true })).toThrow(`Cannot open the library database "${file}" read-only`);
  });

  it('refuses a file that is not SQLite', () => {
    const file = tmp.file('notes.sqlite');
    writeFileSync(file, 'these are my notes, not a database '.repeat(200));
    expect(() => openDatabase(file)).toThrow(NotAnAppDatabaseError);
    expect(() => openDatabase(file)).toThrow('not an SQLite database');
  });

  it("refuses to build its schema inside another application's SQLite database", () => {
    const file = tmp.file('other.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE contacts (name TEXT)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(NotAnAppDatabaseError);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'templates'").get()).toEqual({ n: 0 });
    check.close();

    const foreign = tmp.file('foreign-id.sqlite');
    const other = new Database(foreign);
    other.pragma('application_id = 1234');
    other.close();
    expect(() => openDatabase(foreign)).toThrow('its application_id is 1234');
  });
});
