/** Flags, notes, review actions over ids and filters, and undo restoring exactly, on real SQLite files. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addNote,
  applyReview,
  listFlags,
  listNotes,
  undoReview,
  UndoError,
  UNDO_KEEP,
  UnknownTemplatesError,
} from '../../src-main/storage/curation.repo.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { deleteTemplate, upsertTemplates } from '../../src-main/storage/templates.repo.js';
import { seedLibrary } from '../library/browse-fixtures.js';
import { coatTemplate, makeTempDir, type TempDir } from './storage-fixtures.js';

let tmp: TempDir;
let app: AppDatabase;
beforeEach(() => {
  tmp = makeTempDir('imstudio-curation-');
  app = openDatabase(tmp.file('lib.sqlite'));
});
afterEach(() => {
  app.close();
  tmp.remove();
});

/** Everything review actions may touch: every template's review state and every flag row, verbatim. */
function curationState(): unknown {
  return {
    reviews: app.db.prepare('SELECT id, review FROM templates ORDER BY id').all(),
    flags: app.db.prepare('SELECT * FROM template_flags ORDER BY id').all(),
  };
}

describe('review actions', () => {
  beforeEach(() => seedLibrary(app.db));

  it('flag over a filter adds one open flag per template and sets the review; undo restores exactly', () => {
    const before = curationState();
    const outcome = applyReview(app.db, { filter: { topic: 'percent' } }, { action: 'flag', reason: ' implausible numbers ', note: 'check the prices', now: 7000 });
    expect(outcome.changed).toBe(2);
    expect(app.db.prepare("SELECT id, review FROM templates WHERE topic = 'percent' ORDER BY id").all()).toEqual([
      { id: 'a.1', review: 'flagged' },
      { id: 'b.1', review: 'flagged' },
    ]);
    expect(listFlags(app.db, 'b.1')).toEqual([
      { id: expect.any(Number) as unknown, templateId: 'b.1', reason: 'implausible numbers', note: 'check the prices', createdAt: 7000, resolvedAt: null },
    ]);
    // Templates outside the filter are untouched.
    expect(app.db.prepare("SELECT review FROM templates WHERE id = 'a.2'").pluck().get()).toBe('flagged');

    expect(undoReview(app.db, outcome.undoToken, 7100)).toBe(2);
    expect(curationState()).toEqual(before);
    expect(() => undoReview(app.db, outcome.undoToken, 7200)).toThrow(/already undone/);
  });

  it('approve and clear resolve open flags; undo reopens them with their ids, notes and times', () => {
    const before = curationState();
    const approve = applyReview(app.db, { ids: ['a.2', 'a.3', 'a.2'] }, { action: 'approve', now: 8000 });
    expect(approve.changed).toBe(2);
    expect(listFlags(app.db, 'a.2').map((fl) => [fl.reason, fl.resolvedAt])).toEqual([['wrong answer', 8000]]);
    expect(app.db.prepare("SELECT count(*) FROM template_flags WHERE resolved_at IS NULL").pluck().get()).toBe(0);
    undoReview(app.db, approve.undoToken, 8100);
    expect(curationState()).toEqual(before);

    const clear = applyReview(app.db, { filter: {} }, { action: 'clear', now: 8200 });
    expect(clear.changed).toBe(5);
    expect(app.db.prepare("SELECT DISTINCT review FROM templates").pluck().all()).toEqual(['none']);
    undoReview(app.db, clear.undoToken, 8300);
    expect(curationState()).toEqual(before);
  });

  it('reject with a reason records it as a flag; without one only sets the review', () => {
    applyReview(app.db, { ids: ['a.1'] }, { action: 'reject', reason: 'not number-independent', now: 9000 });
    applyReview(app.db, { ids: ['b.2'] }, { action: 'reject', now: 9001 });
    expect(listFlags(app.db, 'a.1').map((fl) => fl.reason)).toEqual(['not number-independent']);
    expect(listFlags(app.db, 'b.2').filter((fl) => fl.resolvedAt === null)).toEqual([]);
    expect(app.db.prepare("SELECT id FROM templates WHERE review = 'rejected' ORDER BY id").pluck().all()).toEqual(['a.1', 'b.2']);
  });

  it('undo puts a template back even if it was changed again afterwards (the later flag goes too)', () => {
    const before = curationState();
    const first = applyReview(app.db, { ids: ['a.1'] }, { action: 'approve', now: 1 });
    applyReview(app.db, { ids: ['a.1'] }, { action: 'flag', reason: 'other', now: 2 });
    undoReview(app.db, first.undoToken, 3);
    expect(curationState()).toEqual(before);
  });

  it('refuses unknown ids, a flag without a reason and unknown tokens, changing nothing', () => {
    const before = curationState();
    expect(() => applyReview(app.db, { ids: ['a.1', 'zz.9', 'zz.1'] }, { action: 'approve', now: 1 })).toThrow(UnknownTemplatesError);
    expect(() => applyReview(app.db, { ids: ['a.1', 'zz.9'] }, { action: 'approve', now: 1 })).toThrow(/1 of the selected template id\(s\) do not exist: "zz.9"/);
    expect(() => applyReview(app.db, { ids: ['a.1'] }, { action: 'flag', reason: '  ', now: 1 })).toThrow(/flagging needs a reason/);
    expect(() => undoReview(app.db, 'no-such-token', 1)).toThrow(UndoError);
    expect(curationState()).toEqual(before);
    expect(app.db.prepare('SELECT count(*) FROM undo_log WHERE created_at = 1').pluck().get()).toBe(0);
  });

  it('keeps the last UNDO_KEEP tokens only, and a deleted template leaves the log by cascade', () => {
    const tokens = Array.from({ length: UNDO_KEEP + 2 }, (_, i) => applyReview(app.db, { ids: ['a.1'] }, { action: i % 2 === 0 ? 'approve' : 'clear', now: 100 + i }).undoToken);
    expect(app.db.prepare('SELECT count(*) FROM undo_log').pluck().get()).toBe(UNDO_KEEP);
    expect(() => undoReview(app.db, tokens[0] ?? '', 1)).toThrow(/no change with undo token/);
    const last = applyReview(app.db, { ids: ['a.1', 'b.1'] }, { action: 'reject', now: 999 });
    deleteTemplate(app.db, 'b.1');
    expect(undoReview(app.db, last.undoToken, 1000)).toBe(1);
  });
});

describe('notes', () => {
  it('are kept per template in order, trimmed; empty text and unknown templates are refused', () => {
    seedLibrary(app.db);
    const first = addNote(app.db, 'a.1', '  first look: fine ', 5);
    addNote(app.db, 'a.1', 'second look', 6);
    expect(listNotes(app.db, 'a.1')).toEqual([
      { id: first, templateId: 'a.1', text: 'first look: fine', createdAt: 5 },
      { id: first + 1, templateId: 'a.1', text: 'second look', createdAt: 6 },
    ]);
    expect(() => addNote(app.db, 'a.1', '   ', 7)).toThrow(/needs some text/);
    expect(() => addNote(app.db, 'nope', 'x', 7)).toThrow(/"nope"/);
  });
});

describe('at scale', () => {
  it('flags 20,000 templates matched by a filter in one action and undoes it exactly', () => {
    createPack(app.db, { id: 'big', name: 'Big', sourceKind: 'import' }, { now: 1 });
    const templates = Array.from({ length: 20_000 }, (_, i) => ({ template: coatTemplate({ id: `big.${i}`, source: i % 2 === 0 ? 'even' : 'odd' }) }));
    upsertTemplates(app.db, 'big', templates, { now: 2 });
    applyReview(app.db, { ids: ['big.0', 'big.2'] }, { action: 'flag', reason: 'duplicate', now: 3 });
    const before = curationState();
    const outcome = applyReview(app.db, { filter: { source: 'even' } }, { action: 'flag', reason: 'wrong answer', now: 4 });
    expect(outcome.changed).toBe(10_000);
    expect(app.db.prepare("SELECT count(*) FROM template_flags WHERE reason = 'wrong answer' AND resolved_at IS NULL").pluck().get()).toBe(10_000);
    expect(app.db.prepare("SELECT count(*) FROM templates WHERE review = 'flagged'").pluck().get()).toBe(10_000);
    expect(undoReview(app.db, outcome.undoToken, 5)).toBe(10_000);
    expect(curationState()).toEqual(before);
  });
});
