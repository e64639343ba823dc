/**
 * The storage suites' real-text runs (their made-up-payload versions are in tests/storage/): PAL's
 * gsm-hard and GSM8K as stored templates: upserts are idempotent on real rows, full-text search finds
 * what a substring scan finds, and the import-sized workload (101,110 templates) holds its counts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { createPack } from '../../src-main/storage/packs.repo.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../src-main/storage/search-snippet.js';
import { countTemplates, listTemplates, searchTemplates, upsertTemplates, type TemplateUpsertItem, type UpsertResult } from '../../src-main/storage/templates.repo.js';
import { makeTempDir, type TempDir } from '../storage/storage-fixtures.js';
import { loadGsm8kTemplates, loadGsmHardTemplates } from './corpus-templates.js';

describe('upserting PAL gsm-hard', () => {
  let tmp: TempDir;
  let app: AppDatabase;
  beforeEach(() => {
    tmp = makeTempDir();
    app = openDatabase(tmp.file('lib.sqlite'));
    createPack(app.db, { id: 'pal', name: 'gsm-hard', sourceKind: 'import', sourcePath: '/data/gsmhardv2.jsonl' }, { now: 1 });
  });
  afterEach(() => {
    app.close();
    tmp.remove();
  });

  it('is idempotent on real data: the same 1,319 rows twice → 0 inserted, 0 updated, nothing touched', () => {
    const templates = loadGsmHardTemplates();
    const items = templates.map((template, i) => ({ template, original: { row: i, input: template.original_problem } }));
    expect(upsertTemplates(app.db, 'pal', items, { now: 1000 })).toEqual({ inserted: 1319, updated: 0, unchanged: 0, conflicts: [] });
    const snapshot = app.db.prepare('SELECT id, body, content_hash, updated_at, created_at FROM templates ORDER BY id').all();
    const totalChanges = app.db.prepare('SELECT total_changes() AS n').pluck().get();
    const reordered = templates.map((t) => ({ template: Object.fromEntries(Object.entries(t).reverse()) as typeof t }));
    expect(upsertTemplates(app.db, 'pal', reordered, { now: 2000 })).toEqual({ inserted: 0, updated: 0, unchanged: 1319, conflicts: [] });
    expect(app.db.prepare('SELECT id, body, content_hash, updated_at, created_at FROM templates ORDER BY id').all()).toEqual(snapshot);
    expect(app.db.prepare('SELECT total_changes() AS n').pluck().get()).toBe(totalChanges);
  });
});

describe('searching PAL gsm-hard', () => {
  let tmp: TempDir;
  let app: AppDatabase;
  beforeAll(() => {
    tmp = makeTempDir();
    app = openDatabase(tmp.file('lib.sqlite'));
    createPack(app.db, { id: 'pal', name: 'gsm-hard', sourceKind: 'import' });
    upsertTemplates(app.db, 'pal', loadGsmHardTemplates().map((template) => ({ template })));
  });
  afterAll(() => {
    app.close();
    tmp.remove();
  });

  it('finds Janet’s ducks (the first row) around syntax characters, and marks the match', () => {
    const ids = (text: string): string[] => searchTemplates(app.db, text, 50).map((h) => h.id);
    expect(ids('Janet ducks')).toContain('pal.gsmhard.0000');
    expect(ids('"Janet" -ducks*')).toContain('pal.gsmhard.0000');
    const hits = searchTemplates(app.db, 'Janet ducks eggs', 5);
    expect(hits[0]?.snippet).toContain(`${SNIPPET_OPEN}ducks${SNIPPET_CLOSE}`);
  });

  it('agrees with a plain substring scan on a real query', () => {
    const expected = loadGsmHardTemplates()
      .filter((t) => /\bcookies\b/i.test(`${t.original_problem ?? ''} ${t.generic_problem}`))
      .map((t) => t.id)
      .sort();
    const found = listTemplates(app.db, { search: 'cookies', limit: 1000, orderBy: 'id' }).map((t) => t.id);
    expect(expected.length).toBeGreaterThan(5);
    expect(found).toEqual(expect.arrayContaining(expected));
  });
});

describe('upserting 10× GSM8K + gsm-hard (101,110 real-text templates) in batches of 1,000', () => {
  it('inserts everything, then finds nothing to do on a re-import, then updates what changed', () => {
    const tmp = makeTempDir();
    const app = openDatabase(tmp.file('big.sqlite'));
    try {
      createPack(app.db, { id: 'big', name: 'Big', sourceKind: 'import' });
      const base = [...loadGsm8kTemplates(), ...loadGsmHardTemplates()];
      const items: TemplateUpsertItem[] = [];
      for (let copy = 0; copy < 10; copy += 1) {
        for (const template of base) items.push({ template: { ...template, id: `${template.id}.c${copy}` }, original: { question: template.original_problem, copy } });
      }
      const upsertAll = (list: readonly TemplateUpsertItem[]): UpsertResult => {
        const total: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, conflicts: [] };
        for (let i = 0; i < list.length; i += 1000) {
          const r = upsertTemplates(app.db, 'big', list.slice(i, i + 1000));
          total.inserted += r.inserted;
          total.updated += r.updated;
          total.unchanged += r.unchanged;
          total.conflicts.push(...r.conflicts);
        }
        return total;
      };
      expect(items.length).toBe(101_110);
      expect(upsertAll(items)).toEqual({ inserted: items.length, updated: 0, unchanged: 0, conflicts: [] });
      expect(countTemplates(app.db)).toBe(items.length);
      expect(upsertAll(items)).toEqual({ inserted: 0, updated: 0, unchanged: items.length, conflicts: [] });
      const changed = items.map((item, i) => (i % 10 === 0 ? { template: { ...item.template, difficulty: 2 } } : item));
      expect(upsertAll(changed)).toEqual({ inserted: 0, updated: 10_111, unchanged: items.length - 10_111, conflicts: [] });
      expect(searchTemplates(app.db, 'ducks eggs market', 20)).toHaveLength(20);
    } finally {
      app.close();
      tmp.remove();
    }
  }, 300_000);
});
