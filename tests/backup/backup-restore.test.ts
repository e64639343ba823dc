/**
 * Backing up and restoring a whole library, on real files: a library with rows in every table
 * (starter pack and its full-text index, practice history, skips, cards, settings, audits,
 * curation, worksheets, imports, the tutor's log) is backed up while its connection is open and
 * writing; it is then changed beyond recognition and restored, and every table's rows — the
 * full-text index's own tables included — equal the backup's. Restore refuses what it must (not
 * SQLite, another application's database, a newer schema, a damaged file) and then changes nothing;
 * an older backup is migrated on the way in; a copy of the library as it was is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPath, backupsDir, listBackups, newBackupName } from '../../src-main/backup/backup-folder.js';
import { BackupCancelledError, BackupExistsError, backupLibrary } from '../../src-main/backup/library-backup.js';
import { checkLibraryFile, LibraryFileError, peekLibraryFile } from '../../src-main/backup/library-file.js';
import { prepareRestore, restoreIntoLibrary, restoreToNewFile } from '../../src-main/backup/library-restore.js';
import { ensureStarterPack } from '../../src-main/library/starter-pack.js';
import { recordOutcome } from '../../src-main/practice/record-outcome.js';
import { skipProblem } from '../../src-main/practice/skip-problem.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { APPLICATION_ID } from '../../src-main/storage/migration-001-initial.js';
import { createLearner, deleteLearner, listLearners } from '../../src-main/storage/learners.repo.js';
import { LATEST_SCHEMA_VERSION, runMigrations } from '../../src-main/storage/migrations.js';
import { getSetting, setSetting } from '../../src-main/storage/settings.repo.js';
import { makeTempDir, type TempDir } from '../storage/storage-fixtures.js';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

let tmp: TempDir;
let library: AppDatabase;
beforeEach(() => {
  tmp = makeTempDir('imstudio-backup-');
  library = openDatabase(tmp.file('library.sqlite'));
  ensureStarterPack(library.db);
});
afterEach(() => {
  library.close();
  tmp.remove();
});

/** A row in every table the app writes. */
function fill(db: AppDatabase['db']): void {
  const templateId = db.prepare('SELECT id FROM templates ORDER BY id LIMIT 1').pluck().get() as string;
  const amira = createLearner(db, 'Amira', { now: T0 });
  const ben = createLearner(db, 'Ben', { now: T0 });
  const base = { templateId, strand: 'percent', topic: 'discount' };
  recordOutcome(db, { ...base, learnerId: amira.id, seed: 1, answer: '5', verdict: 'wrong', elapsedMs: 9_000 }, T0);
  recordOutcome(db, { ...base, learnerId: amira.id, seed: 1, answer: '60', verdict: 'correct', elapsedMs: 9_000 }, T0 + 1);
  recordOutcome(db, { ...base, learnerId: ben.id, seed: 2, answer: null, verdict: 'revealed', elapsedMs: 0 }, T0 + 2);
  skipProblem(db, { ...base, learnerId: ben.id, seed: 3, hintsUsed: 1, elapsedMs: 3_000 }, T0 + 3);
  setSetting(db, 'model', { baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen' }, { now: T0 });
  const run = (sql: string, ...params: unknown[]): void => {
    db.prepare(sql).run(...params);
  };
  run("INSERT INTO instances (template_id, seed, values_json, text, answer_json, answer_text, answer_format, created_at) VALUES (?, 1, '{}', 'x', '1', '1', 'integer', 1)", templateId);
  run("INSERT INTO audit_results (template_id, template_hash, run_at, samples, valid, crashes, timeouts, acceptance, status) VALUES (?, 'h', 1, 20, 20, 0, 0, 1, 'healthy')", templateId);
  run("INSERT INTO imports (id, file_path, file_size, file_mtime_ms, file_fingerprint, format, started_at) VALUES (1, '/x.jsonl', 10, 1, 'f', 'native', 1)");
  run("INSERT INTO import_errors (import_id, line_no, reason) VALUES (1, 3, 'bad-json')");
  run("INSERT INTO worksheets (title, spec_json, created_at, updated_at) VALUES ('Sheet', '{}', 1, 1)");
  run("INSERT INTO template_flags (template_id, reason, created_at) VALUES (?, 'absurd', 1)", templateId);
  run("INSERT INTO template_notes (template_id, text, created_at) VALUES (?, 'check units', 1)", templateId);
  run("INSERT INTO template_history (template_id, version, body, created_at) VALUES (?, 1, '{}', 1)", templateId);
  run("INSERT INTO undo_log (token, action, created_at) VALUES ('u1', 'approve', 1)");
  run("INSERT INTO undo_entries (token, template_id, review, flags) VALUES ('u1', ?, 'none', '[]')", templateId);
  run("INSERT INTO tutor_requests (learner_id, template_id, seed, model, outcome, created_at) VALUES (?, ?, 1, 'qwen', 'done', 1)", amira.id, templateId);
}

/** Every table of the file (the full-text index's shadow tables included), every row, in a stable order. */
function snapshot(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const out: Record<string, unknown[]> = {};
    for (const table of tables) {
      // Virtual tables read through their shadow tables; ordering by every column makes the order stable.
      const virtual = (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string).startsWith('CREATE VIRTUAL');
      if (virtual) continue;
      const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((c) => `"${c}"`);
      out[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).raw().all();
    }
    out['(schema)'] = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").raw().all();
    out['(user_version)'] = [db.pragma('user_version', { simple: true })];
    out['(application_id)'] = [db.pragma('application_id', { simple: true })];
    return out;
  } finally {
    db.close();
  }
}

describe('backupLibrary', () => {
  it('copies the open library, writes made during it included, to one self-contained file', async () => {
    fill(library.db);
    const dest = tmp.file('backups/one.sqlite');
    const seen: number[] = [];
    const done = backupLibrary(library.db, dest, { onProgress: (p) => seen.push(p.copiedPages) });
    // The app keeps writing while the copy runs (this connection's writes are carried into it).
    createLearner(library.db, 'Written during the backup', { now: T0 });
    const result = await done;
    expect(result.file).toBe(dest);
    expect(result.sizeBytes).toBe(fs.statSync(dest).size);
    expect(seen.at(-1)).toBe(result.pages);
    // No -wal or -shm beside it, and no partial file left over.
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['one.sqlite']);
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(snapshot(dest)).toEqual(snapshot(library.file));
    expect(checkLibraryFile(dest)).toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION, learners: 3, attempts: 3 });
    expect(checkLibraryFile(dest).templates).toBeGreaterThan(300);
  });

  it('refuses to overwrite unless asked, refuses the library itself, and leaves nothing behind when cancelled', async () => {
    const dest = tmp.file('b.sqlite');
    fs.writeFileSync(dest, 'precious');
    await expect(backupLibrary(library.db, dest)).rejects.toThrow(BackupExistsError);
    expect(fs.readFileSync(dest, 'utf8')).toBe('precious');
    await backupLibrary(library.db, dest, { overwrite: true });
    expect(peekLibraryFile(dest).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    await expect(backupLibrary(library.db, library.file, { overwrite: true })).rejects.toThrow('cannot back up the library onto itself');

    const controller = new AbortController();
    const cancelled = backupLibrary(library.db, tmp.file('cancelled.sqlite'), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(cancelled).rejects.toThrow(BackupCancelledError);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });
});

describe('restore', () => {
  it('a restored library equals the backup in every table, under the open connection, and a copy of the replaced one is kept', async () => {
    fill(library.db);
    const folder = backupsDir(library.file);
    const name = newBackupName(folder, 'library', T0);
    expect(name).toBe('library-2026-11-24-090000.sqlite');
    await backupLibrary(library.db, path.join(folder, name));
    const original = snapshot(path.join(folder, name));
    const matches = (): number => library.db.prepare("SELECT count(*) FROM templates_fts WHERE templates_fts MATCH 'total'").pluck().get() as number;
    const matchesBefore = matches();
    expect(matchesBefore).toBeGreaterThan(0);

    // Then the library changes beyond recognition.
    const amira = listLearners(library.db).find((l) => l.name === 'Amira');
    if (amira === undefined) throw new Error('fixture');
    deleteLearner(library.db, amira.id);
    createLearner(library.db, 'Zed', { now: T0 });
    setSetting(library.db, 'model', { baseURL: 'http://elsewhere/v1', model: 'other' });
    library.db.prepare('DELETE FROM templates WHERE id IN (SELECT id FROM templates ORDER BY id LIMIT 50)').run();
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    const changed = snapshot(library.file);
    expect(changed).not.toEqual(original);

    const prepared = prepareRestore(path.join(folder, name), folder);
    const keepAs = path.join(folder, newBackupName(folder, 'before-restore', T0 + 1));
    const report = await restoreIntoLibrary(library.db, prepared, keepAs, path.join(folder, name));
    prepared.discard();
    expect(report).toMatchObject({ fromVersion: LATEST_SCHEMA_VERSION, contents: { learners: 2, attempts: 3 } });

    // The app's own open connection reads the restored library at once (no reopening)…
    expect(listLearners(library.db).map((l) => l.name)).toEqual(['Amira', 'Ben']);
    expect(getSetting(library.db, 'model')).toEqual({ baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen' });
    // …and the file equals the backup, table by table, row by row.
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(snapshot(library.file)).toEqual(original);
    // Full-text search works on the restored index.
    expect(matches()).toBe(matchesBefore);
    // The replaced library was kept, exactly as it was.
    expect(report.keptCopy.file).toBe(keepAs);
    expect(snapshot(keepAs)).toEqual(changed);
    // The private working copy is gone; the folder holds the two backups.
    expect(listBackups(folder).map((b) => [b.name, b.beforeRestore, b.schemaVersion])).toEqual([
      [path.basename(keepAs), true, LATEST_SCHEMA_VERSION],
      [name, false, LATEST_SCHEMA_VERSION],
    ]);
    expect(fs.readdirSync(folder).filter((f) => f.startsWith('.restore-'))).toEqual([]);
  });

  it('migrates an older backup (schema 5, before skips) on the way in, without touching the backup file', async () => {
    const old = tmp.file('old.sqlite');
    const raw = new Database(old);
    runMigrations(raw, { target: 5 });
    raw.prepare("INSERT INTO learners (name, created_at) VALUES ('From 2025', 1)").run();
    raw.close();
    const before = fs.readFileSync(old);
    const folder = backupsDir(library.file);
    const prepared = prepareRestore(old, folder);
    const report = await restoreIntoLibrary(library.db, prepared, path.join(folder, 'kept.sqlite'), old);
    prepared.discard();
    expect(report.fromVersion).toBe(5);
    expect(library.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(listLearners(library.db).map((l) => l.name)).toEqual(['From 2025']);
    expect(library.db.prepare('SELECT count(*) FROM skips').pluck().get()).toBe(0);
    expect(fs.readFileSync(old).equals(before)).toBe(true);
  });

  it('restores a live library file with its -wal beside it (latest commits included)', () => {
    const live = tmp.file('live.sqlite');
    const other = openDatabase(live);
    createLearner(other.db, 'Only in the WAL', { now: T0 });
    // Copy the file and its -wal while the connection is open: the learner is in the -wal only.
    const copy = tmp.file('copy/live.sqlite');
    fs.mkdirSync(path.dirname(copy));
    fs.copyFileSync(live, copy);
    fs.copyFileSync(`${live}-wal`, `${copy}-wal`);
    other.close();
    const prepared = prepareRestore(copy, tmp.file('work'));
    const target = tmp.file('restored/new.sqlite');
    restoreToNewFile(target, prepared);
    const restored = openDatabase(target);
    try {
      expect(listLearners(restored.db).map((l) => l.name)).toEqual(['Only in the WAL']);
    } finally {
      restored.close();
    }
  });

  it.each([
    ['a missing file', (f: string) => f, 'missing', 'there is no such file'],
    ['a text file', (f: string) => (fs.writeFileSync(f, 'hello, I am not a database\n'.repeat(10)), f), 'not-sqlite', 'it is not an SQLite database'],
    [
      'another application’s SQLite database',
      (f: string) => {
        const db = new Database(f);
        db.exec('CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES (1)');
        db.pragma('application_id = 1234');
        db.close();
        return f;
      },
      'not-ours',
      'an SQLite database of another application (application_id 1234)',
    ],
    [
      'a library from a newer schema',
      (f: string) => {
        const db = new Database(f);
        runMigrations(db);
        db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
        db.close();
        return f;
      },
      'too-new',
      `schema version ${LATEST_SCHEMA_VERSION + 1}, written by a newer InfinityMATH Studio`,
    ],
    [
      'a damaged library (pages overwritten)',
      (f: string) => {
        const db = new Database(f);
        runMigrations(db);
        db.prepare('CREATE TABLE filler (x TEXT)').run();
        const insert = db.prepare('INSERT INTO filler VALUES (?)');
        for (let i = 0; i < 500; i += 1) insert.run('x'.repeat(500));
        db.close();
        const bytes = fs.readFileSync(f);
        bytes.fill(0x5a, 4096 * 3, 4096 * 6);
        fs.writeFileSync(f, bytes);
        return f;
      },
      'damaged',
      'damaged',
    ],
  ])('refuses %s and changes nothing', async (_what, make, code, message) => {
    fill(library.db);
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshot(library.file);
    const folder = backupsDir(library.file);
    const file = make(tmp.file('candidate.sqlite'));
    let error: unknown;
    try {
      const prepared = prepareRestore(file, folder);
      await restoreIntoLibrary(library.db, prepared, path.join(folder, 'kept.sqlite'), file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LibraryFileError);
    expect((error as LibraryFileError).code).toBe(code);
    expect((error as Error).message).toContain(message);
    expect(snapshot(library.file)).toEqual(before);
    expect(fs.existsSync(folder) ? fs.readdirSync(folder) : []).toEqual([]);
  });

  it('the application id really is in the header where the quick check reads it (once checkpointed)', () => {
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    const header = Buffer.alloc(100);
    const fd = fs.openSync(library.file, 'r');
    fs.readSync(fd, header, 0, 100, 0);
    fs.closeSync(fd);
    expect(header.readUInt32BE(68)).toBe(APPLICATION_ID);
    expect(header.readUInt32BE(60)).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('the backups folder', () => {
  it('names only plain files directly in it; links, dot files and paths are refused', () => {
    const folder = backupsDir(library.file);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'ok.sqlite'), 'x');
    fs.symlinkSync(library.file, path.join(folder, 'link.sqlite'));
    fs.writeFileSync(tmp.file('outside.sqlite'), 'x');
    expect(backupPath(folder, 'ok.sqlite')).toBe(path.join(folder, 'ok.sqlite'));
    for (const name of ['../outside.sqlite', '..', '.hidden.sqlite', 'a/b.sqlite', 'link.sqlite', 'missing.sqlite', 'ok.txt', `${tmp.dir}/outside.sqlite`]) {
      expect(() => backupPath(folder, name), name).toThrow(LibraryFileError);
    }
    // The listing says why a file cannot be restored rather than hiding it; links are not listed.
    expect(listBackups(folder)).toEqual([expect.objectContaining({ name: 'ok.sqlite', schemaVersion: null, problem: 'this file is not an InfinityMATH Studio library: it is not an SQLite database' })]);
    expect(listBackups(tmp.file('nowhere'))).toEqual([]);
  });

  it('never reuses a name', () => {
    const folder = tmp.file('names');
    fs.mkdirSync(folder);
    const first = newBackupName(folder, 'library', T0);
    fs.writeFileSync(path.join(folder, first), '');
    expect(newBackupName(folder, 'library', T0)).toBe('library-2026-11-24-090000-2.sqlite');
  });
});
