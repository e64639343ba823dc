import { writeFileSync, appendFileSync, utimesSync, renameSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { fingerprintFile, FINGERPRINT_BLOCK } from '../../src-main/storage/file-fingerprint.js';
import { commitImportBatch } from '../../src-main/storage/import-batch.js';
import {
  addImportErrors,
  checkpoint,
  countImportErrors,
  findResumable,
  finishImport,
  getImport,
  listImportErrors,
  listImports,
  resumeImport,
  startImport,
  type ImportStart,
} from '../../src-main/storage/imports.repo.js';
import { createPack, deletePack } from '../../src-main/storage/packs.repo.js';
import { countTemplates } from '../../src-main/storage/templates.repo.js';
import { coatTemplate, makeTempDir, type TempDir } from './storage-fixtures.js';

let tmp: TempDir;
let app: AppDatabase;
beforeEach(() => {
  tmp = makeTempDir();
  app = openDatabase(tmp.file('lib.sqlite'));
  createPack(app.db, { id: 'imp', name: 'Imported', sourceKind: 'import' });
});
afterEach(() => {
  app.close();
  tmp.remove();
});

const start = (overrides: Partial<ImportStart> = {}): ImportStart => ({
  filePath: '/data/rows.jsonl',
  fileSize: 5000,
  fileMtimeMs: 1_700_000_000_123.75,
  fingerprint: 'f1',
  format: 'infinitymath',
  options: { dedupe: true, topic: 'auto' },
  packId: 'imp',
  ...overrides,
});

describe('import runs', () => {
  it('starts, checkpoints, collects errors and finishes', () => {
    const run = startImport(app.db, start(), { now: 10 });
    expect(run).toMatchObject({ status: 'running', nextByte: 0, nextLine: 0, counters: {}, startedAt: 10, finishedAt: null, fileMtimeMs: 1_700_000_000_123 });
    checkpoint(app.db, run.id, { nextByte: 2048, nextLine: 17, counters: { read: 17, stored: 15 } });
    addImportErrors(app.db, run.id, [
      { lineNo: 9, reason: 'invalid JSON', detail: 'Unexpected token } at 31' },
      { lineNo: 3, reason: 'missing program' },
    ]);
    expect(countImportErrors(app.db, run.id)).toBe(2);
    expect(listImportErrors(app.db, run.id, 10)).toEqual([
      { importId: run.id, lineNo: 3, reason: 'missing program', detail: null },
      { importId: run.id, lineNo: 9, reason: 'invalid JSON', detail: 'Unexpected token } at 31' },
    ]);
    finishImport(app.db, run.id, 'done', { now: 99, counters: { read: 17, stored: 15, errors: 2 } });
    expect(getImport(app.db, run.id)).toMatchObject({ status: 'done', finishedAt: 99, nextByte: 2048, nextLine: 17, counters: { read: 17, stored: 15, errors: 2 } });
    expect(() => { checkpoint(app.db, run.id, { nextByte: 1, nextLine: 1, counters: {} }); }).toThrow(`import ${run.id} is "done"; only an unfinished import`);
    expect(() => { checkpoint(app.db, 999, { nextByte: 1, nextLine: 1, counters: {} }); }).toThrow('import 999 does not exist');
    expect(() => { checkpoint(app.db, run.id, { nextByte: -1, nextLine: 1, counters: {} }); }).toThrow('nextByte must be a non-negative integer; got -1');
  });

  it('finds the latest unfinished run of the same content, format and options (key order irrelevant)', () => {
    const done = startImport(app.db, start());
    finishImport(app.db, done.id, 'done');
    expect(findResumable(app.db, 'f1', 'infinitymath', { dedupe: true, topic: 'auto' })).toBeUndefined();

    const crashed = startImport(app.db, start());
    checkpoint(app.db, crashed.id, { nextByte: 100, nextLine: 2, counters: { read: 2 } });
    startImport(app.db, start({ fingerprint: 'f2' }));
    startImport(app.db, start({ options: { dedupe: false, topic: 'auto' } }));

    const found = findResumable(app.db, 'f1', 'infinitymath', { topic: 'auto', dedupe: true });
    expect(found).toMatchObject({ id: crashed.id, nextByte: 100, nextLine: 2, options: { dedupe: true, topic: 'auto' } });
    expect(findResumable(app.db, 'f1', 'gsm8k', { dedupe: true, topic: 'auto' })).toBeUndefined();

    finishImport(app.db, crashed.id, 'cancelled');
    expect(findResumable(app.db, 'f1', 'infinitymath', { dedupe: true, topic: 'auto' })?.id).toBe(crashed.id);
    resumeImport(app.db, crashed.id);
    expect(getImport(app.db, crashed.id)).toMatchObject({ status: 'running', finishedAt: null });
    expect(listImports(app.db, 2).map((r) => r.id)).toEqual([crashed.id + 2, crashed.id + 1]);
  });

  it('keeps import history when its pack is deleted, and deletes errors with their import', () => {
    const run = startImport(app.db, start());
    addImportErrors(app.db, run.id, [{ lineNo: 1, reason: 'x' }]);
    deletePack(app.db, 'imp');
    expect(getImport(app.db, run.id)?.packId).toBeNull();
    app.db.prepare('DELETE FROM imports WHERE id = ?').run(run.id);
    expect(countImportErrors(app.db, run.id)).toBe(0);
  });
});

describe('commitImportBatch', () => {
  it('commits templates, errors and checkpoint together', () => {
    const run = startImport(app.db, start());
    const result = commitImportBatch(app.db, {
      importId: run.id,
      packId: 'imp',
      items: [{ template: coatTemplate({ id: 'a' }) }, { template: coatTemplate({ id: 'b' }) }],
      errors: [{ lineNo: 2, reason: 'no program' }],
      checkpoint: { nextByte: 300, nextLine: 3, counters: { stored: 2, errors: 1 } },
    });
    expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 0, conflicts: [] });
    expect(getImport(app.db, run.id)).toMatchObject({ nextByte: 300, nextLine: 3, counters: { stored: 2, errors: 1 } });
    expect(countImportErrors(app.db, run.id)).toBe(1);
  });

  it('commits nothing — not the templates, not the errors — when the checkpoint fails', () => {
    const run = startImport(app.db, start());
    finishImport(app.db, run.id, 'done');
    expect(() =>
      commitImportBatch(app.db, {
        importId: run.id,
        packId: 'imp',
        items: [{ template: coatTemplate({ id: 'a' }) }],
        errors: [{ lineNo: 2, reason: 'no program' }],
        checkpoint: { nextByte: 300, nextLine: 3, counters: {} },
      }),
    ).toThrow('is "done"');
    expect(countTemplates(app.db)).toBe(0);
    expect(countImportErrors(app.db, run.id)).toBe(0);
  });
});

describe('fingerprintFile', () => {
  it('identifies content by size, head and tail, surviving renames and touches but not appends or edits at either end', () => {
    const file = tmp.file('rows.jsonl');
    const line = `${JSON.stringify({ question: 'How many apples?', answer: 3 })}\n`;
    writeFileSync(file, line.repeat(5000)); // ~250 KB: head and tail blocks do not overlap
    const first = fingerprintFile(file);
    expect(first.size).toBe(line.length * 5000);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    const moved = tmp.file('renamed.jsonl');
    renameSync(file, moved);
    const touched = fingerprintFile(moved);
    expect(touched.fingerprint).toBe(first.fingerprint);
    expect(touched.mtimeMs).not.toBe(first.mtimeMs);

    appendFileSync(moved, line);
    expect(fingerprintFile(moved).fingerprint).not.toBe(first.fingerprint);

    const a = tmp.file('a.jsonl');
    const b = tmp.file('b.jsonl');
    const body = 'x'.repeat(3 * FINGERPRINT_BLOCK);
    writeFileSync(a, `A${body}`);
    writeFileSync(b, `B${body}`);
    expect(fingerprintFile(a).fingerprint).not.toBe(fingerprintFile(b).fingerprint);
    writeFileSync(a, `${body}A`);
    writeFileSync(b, `${body}B`);
    expect(fingerprintFile(a).fingerprint).not.toBe(fingerprintFile(b).fingerprint);

    const empty = tmp.file('empty.jsonl');
    writeFileSync(empty, '');
    expect(fingerprintFile(empty)).toMatchObject({ size: 0 });
  });
});
