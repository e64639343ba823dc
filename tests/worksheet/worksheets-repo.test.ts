/**
 * Saved worksheets in SQLite: migration 3 on a version-2 file (its rows kept), save / reopen / update /
 * duplicate / delete, specs validated on the way in and on the way out.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWriteDb, type WriteDb } from '../../src-main/storage/db-handles.js';
import { readUserVersion, runMigrations } from '../../src-main/storage/migrations.js';
import {
  deleteWorksheet,
  duplicateWorksheet,
  getWorksheet,
  listWorksheets,
  requireWorksheet,
  saveWorksheet,
  WorksheetNotFoundError,
} from '../../src-main/worksheet/saved-worksheets.js';
import { makeTempDir, type TempDir } from '../storage/storage-fixtures.js';

let tmp: TempDir;
let raw: Database.Database;
let db: WriteDb;

const spec = (title: string, seed = 7) => ({
  title,
  seed,
  versions: 2,
  items: [
    { templateId: 'starter.fractions.pizza-left', count: 3, reroll: 2 },
    { templateId: 'starter.fractions.blue-marbles', count: 2, locked: [[11, 12], [13, 14]] },
  ],
});

beforeEach(() => {
  tmp = makeTempDir('im-worksheets-');
  raw = new Database(tmp.file('lib.sqlite'));
  raw.pragma('foreign_keys = ON');
});
afterEach(() => {
  if (raw.open) raw.close();
  tmp.remove();
});

describe('migration 3 (version 2 → worksheets)', () => {
  it('adds a STRICT worksheets table with its index, keeps version-2 rows and checks the spec is a JSON object', () => {
    runMigrations(raw, { target: 2 });
    raw.prepare("INSERT INTO learners (name, created_at) VALUES ('Ada', 1)").run();
    raw.close();
    // A version-2 file reopened by this build.
    raw = new Database(tmp.file('lib.sqlite'));
    expect(readUserVersion(raw)).toBe(2);
    expect(runMigrations(raw, { target: 3 })).toEqual({ from: 2, to: 3 });
    expect(raw.prepare('SELECT name FROM learners').pluck().all()).toEqual(['Ada']);
    expect(raw.prepare("SELECT strict FROM pragma_table_list WHERE name = 'worksheets'").pluck().get()).toBe(1);
    expect(raw.prepare("SELECT name FROM pragma_index_list('worksheets') WHERE origin = 'c'").pluck().all()).toEqual(['worksheets_by_updated']);
    const insert = raw.prepare('INSERT INTO worksheets (title, spec_json, created_at, updated_at) VALUES (?, ?, 1, 1)');
    expect(() => insert.run('x', '[1,2]')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('x', 'not json')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('x'.repeat(201), '{}')).toThrow(/CHECK constraint failed/);
    expect(() => raw.prepare("INSERT INTO worksheets (title, spec_json, created_at, updated_at) VALUES ('x', '{}', 'soon', 1)").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});

describe('worksheets repository', () => {
  beforeEach(() => {
    runMigrations(raw, { target: 3 });
    db = asWriteDb(raw);
  });

  it('saves a spec with its defaults filled in and reopens it unchanged (seed, rerolls, locks)', () => {
    const saved = saveWorksheet(db, spec('Fractions'), { now: 1000 });
    expect(saved).toMatchObject({ title: 'Fractions', createdAt: 1000, updatedAt: 1000 });
    expect(saved.spec).toMatchObject({ columns: 1, key: 'appended', paper: 'A4', fontSize: 12 });
    const again = getWorksheet(db, saved.id);
    expect(again).toEqual(saved);
    expect(again?.spec.items).toEqual(spec('Fractions').items);
  });

  it('updates in place (created kept, updated bumped, title from the spec) and lists newest first with counts', () => {
    const a = saveWorksheet(db, spec('First'), { now: 1000 });
    const b = saveWorksheet(db, spec('Second'), { now: 2000 });
    const a2 = saveWorksheet(db, { ...spec('First, edited', 9), versions: 3, items: [{ templateId: 'starter.fractions.pizza-left', count: 4 }] }, { id: a.id, now: 3000 });
    expect(a2).toMatchObject({ id: a.id, title: 'First, edited', createdAt: 1000, updatedAt: 3000 });
    expect(a2.spec.seed).toBe(9);
    expect(listWorksheets(db)).toEqual([
      { id: a.id, title: 'First, edited', versions: 3, problems: 4, createdAt: 1000, updatedAt: 3000 },
      { id: b.id, title: 'Second', versions: 2, problems: 5, createdAt: 2000, updatedAt: 2000 },
    ]);
  });

  it('duplicates under a new id with the same spec and a "(copy)" title', () => {
    const a = saveWorksheet(db, spec('Quiz'), { now: 1000 });
    const copy = duplicateWorksheet(db, a.id, { now: 5000 });
    expect(copy.id).not.toBe(a.id);
    expect(copy.title).toBe('Quiz (copy)');
    expect({ ...copy.spec, title: 'Quiz' }).toEqual(a.spec);
    expect(copy).toMatchObject({ createdAt: 5000, updatedAt: 5000 });
    const long = saveWorksheet(db, spec('x'.repeat(200)));
    expect(duplicateWorksheet(db, long.id).title).toBe(`${'x'.repeat(193)} (copy)`);
  });

  it('deletes, and names a missing id', () => {
    const a = saveWorksheet(db, spec('Gone'));
    expect(deleteWorksheet(db, a.id)).toBe(true);
    expect(deleteWorksheet(db, a.id)).toBe(false);
    expect(getWorksheet(db, a.id)).toBeUndefined();
    expect(() => requireWorksheet(db, a.id, 'test')).toThrow(WorksheetNotFoundError);
    expect(() => saveWorksheet(db, spec('x'), { id: a.id })).toThrow(`saveWorksheet: no saved worksheet with id ${a.id}`);
    expect(() => duplicateWorksheet(db, 999)).toThrow('duplicateWorksheet: no saved worksheet with id 999');
    expect(() => getWorksheet(db, 0)).toThrow(/positive integer/);
  });

  it('refuses a bad spec naming the field, and a bad stored spec naming the row', () => {
    expect(() => saveWorksheet(db, { ...spec('Bad'), versions: 0 })).toThrow(/versions: /);
    expect(() => saveWorksheet(db, { ...spec('Bad'), versions: 3 })).toThrow(/items\.1\.locked: item 2 .* locked for 2 version\(s\) but the sheet has 3/);
    expect(listWorksheets(db)).toEqual([]);
    raw.prepare(`INSERT INTO worksheets (id, title, spec_json, created_at, updated_at) VALUES (42, 'Hand edit', '{"seed": -1}', 1, 1)`).run();
    expect(() => getWorksheet(db, 42)).toThrow(/saved worksheet 42 \("Hand edit"\) cannot be read: invalid worksheet: seed: .*items: /);
  });
});
