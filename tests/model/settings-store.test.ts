/**
 * Migration 5 on a version-4 library file, the settings repository, and the model settings stored in
 * it (surviving a reopen of the file).
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearModelSettings, loadModelSettings, MODEL_SETTINGS_KEY, saveModelSettings } from '../../src-main/model/model-settings-store.js';
import { closeTutorRequest, openTutorRequest, tutorRequestsFor } from '../../src-main/model/tutor-log.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { asWriteDb } from '../../src-main/storage/db-handles.js';
import { LATEST_SCHEMA_VERSION, readUserVersion, runMigrations } from '../../src-main/storage/migrations.js';
import { deleteSetting, getSetting, setSetting } from '../../src-main/storage/settings.repo.js';
import { makeTempDir, type TempDir } from '../storage/storage-fixtures.js';

let tmp: TempDir;
beforeEach(() => {
  tmp = makeTempDir('im-settings-');
});
afterEach(() => tmp.remove());

describe('migration 5 (version 4 → settings, tutor log)', () => {
  it('adds both STRICT tables to a version-4 file and keeps its learners', () => {
    const file = tmp.file('v4.sqlite');
    const raw = new Database(file);
    runMigrations(raw, { target: 4 });
    raw.prepare("INSERT INTO learners (name, created_at) VALUES ('Ada', 1)").run();
    raw.close();

    const app = openDatabase(file);
    try {
      expect(readUserVersion(app.db)).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
      const tables = app.db
        .prepare<[], { name: string; strict: number }>("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name IN ('settings', 'tutor_requests') ORDER BY name")
        .all();
      expect(tables).toEqual([
        { name: 'settings', strict: 1 },
        { name: 'tutor_requests', strict: 1 },
      ]);
      expect(app.db.prepare('SELECT name FROM learners').pluck().all()).toEqual(['Ada']);
      // Only JSON goes in, whoever writes.
      expect(() => app.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '{not json', 1)").run()).toThrow(/CHECK constraint failed/);
      expect(() =>
        app.db.prepare("INSERT INTO tutor_requests (learner_id, template_id, seed, model, outcome, created_at) VALUES (1, 't', 1, 'm', 'maybe', 1)").run(),
      ).toThrow(/CHECK constraint failed/);
    } finally {
      app.close();
    }
  });
});

describe('settings repository', () => {
  it('stores JSON values by key, replaces and deletes them, and refuses values JSON would change', () => {
    const app = openDatabase(tmp.file('s.sqlite'));
    try {
      const db = app.db;
      expect(getSetting(db, 'x')).toBeUndefined();
      setSetting(db, 'x', { a: [1, 'two', null, true] }, { now: 5 });
      expect(getSetting(db, 'x')).toEqual({ a: [1, 'two', null, true] });
      setSetting(db, 'x', 'plain');
      expect(getSetting(db, 'x')).toBe('plain');
      expect(() => setSetting(db, 'x', { a: Number.NaN })).toThrow('setSetting: x.a is NaN, which JSON cannot hold');
      expect(() => setSetting(db, 'x', { a: undefined })).toThrow('setSetting: x.a is undefined, which JSON cannot hold');
      expect(() => setSetting(db, '', 1)).toThrow('setSetting: a setting key is 1 to 200 characters; got ""');
      expect(deleteSetting(db, 'x')).toBe(true);
      expect(deleteSetting(db, 'x')).toBe(false);
    } finally {
      app.close();
    }
  });

  it('remembers the model settings across a reopen, and reads a broken value as not configured', () => {
    const file = tmp.file('m.sqlite');
    let app = openDatabase(file);
    expect(loadModelSettings(app.db)).toBeNull();
    expect(saveModelSettings(app.db, { baseURL: 'http://127.0.0.1:1234/v1///', model: 'qwen', apiKey: 'sk-1' })).toEqual({
      baseURL: 'http://127.0.0.1:1234/v1',
      model: 'qwen',
      apiKey: 'sk-1',
      timeoutMs: 120_000,
    });
    app.close();
    app = openDatabase(file);
    try {
      expect(loadModelSettings(app.db)).toEqual({ baseURL: 'http://127.0.0.1:1234/v1', model: 'qwen', apiKey: 'sk-1', timeoutMs: 120_000 });
      expect(() => saveModelSettings(app.db, { baseURL: 'not a url', model: 'qwen' })).toThrow('the endpoint must be an http:// or https:// URL');
      setSetting(app.db, MODEL_SETTINGS_KEY, { baseURL: 42 });
      expect(loadModelSettings(app.db)).toBeNull();
      expect(clearModelSettings(app.db)).toBe(true);
      expect(getSetting(app.db, MODEL_SETTINGS_KEY)).toBeUndefined();
    } finally {
      app.close();
    }
  });
});

describe('tutor log', () => {
  it('opens a request as running and closes it with its outcome and masked count', () => {
    const app = openDatabase(tmp.file('t.sqlite'));
    try {
      const db = asWriteDb(app.db);
      const learner = Number(db.prepare("INSERT INTO learners (name, created_at) VALUES ('Bo', 1)").run().lastInsertRowid);
      const id = openTutorRequest(db, { learnerId: learner, templateId: 't', seed: 3, question: null, model: 'm' }, 10);
      expect(tutorRequestsFor(db, learner, 't', 3)).toMatchObject([{ id, outcome: 'running', masked: 0, finishedAt: null }]);
      closeTutorRequest(db, id, { outcome: 'done', masked: 2, reply: 'a ▮▮ b ▮▮', error: null }, 20);
      expect(tutorRequestsFor(db, learner, 't', 3)).toEqual([
        { id, learnerId: learner, templateId: 't', seed: 3, question: null, model: 'm', outcome: 'done', masked: 2, reply: 'a ▮▮ b ▮▮', error: null, createdAt: 10, finishedAt: 20 },
      ]);
    } finally {
      app.close();
    }
  });
});
