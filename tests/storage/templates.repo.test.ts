import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { countInstances, putInstances } from '../../src-main/storage/instances.repo.js';
import { saveAudit, getAudit } from '../../src-main/storage/audits.repo.js';
import { createPack, deletePack, listPacks } from '../../src-main/storage/packs.repo.js';
import {
  countTemplates,
  deleteTemplate,
  getTemplate,
  listStoredTemplates,
  listTemplates,
  listTopics,
  rebuildSearchIndex,
  searchTemplates,
  setTemplateReview,
  upsertTemplates,
} from '../../src-main/storage/templates.repo.js';
import { templateSchema, type Instance } from '../../src-main/template/template.types.js';
import { coatTemplate, madeUpTemplates, makeTempDir, type TempDir } from './storage-fixtures.js';

let tmp: TempDir;
let app: AppDatabase;
beforeEach(() => {
  tmp = makeTempDir();
  app = openDatabase(tmp.file('lib.sqlite'));
  createPack(app.db, { id: 'made', name: 'Made-up problems', sourceKind: 'import', sourcePath: '/data/made-up.jsonl' }, { now: 1 });
  createPack(app.db, { id: 'mine', name: 'Mine', sourceKind: 'user' }, { now: 1 });
});
afterEach(() => {
  app.close();
  tmp.remove();
});

function instanceOf(templateId: string, seed: number): Instance {
  return {
    templateId,
    seed,
    values: { price: 100, discount_percent: 10 },
    text: 'A coat costs $100 and is on sale for 10% off. What is the sale price?',
    answer: { t: 'int', v: '90' },
    answerText: '$90.00',
    answerFormat: 'money',
  };
}

describe('upsertTemplates', () => {
  it('is idempotent: the same 1,319 rows twice → 0 inserted, 0 updated, nothing touched', () => {
    const templates = madeUpTemplates(1319);
    const items = templates.map((template, i) => ({ template, original: { row: i, input: template.original_problem } }));
    expect(upsertTemplates(app.db, 'made', items, { now: 1000 })).toEqual({ inserted: 1319, updated: 0, unchanged: 0, conflicts: [] });
    const snapshot = app.db.prepare('SELECT id, body, content_hash, updated_at, created_at FROM templates ORDER BY id').all();
    const totalChanges = app.db.prepare('SELECT total_changes() AS n').pluck().get();

    // Same content, keys in another order, later clock: still nothing to do.
    const reordered = templates.map((t) => ({ template: Object.fromEntries(Object.entries(t).reverse()) as typeof t }));
    expect(upsertTemplates(app.db, 'made', reordered, { now: 2000 })).toEqual({ inserted: 0, updated: 0, unchanged: 1319, conflicts: [] });
    expect(app.db.prepare('SELECT id, body, content_hash, updated_at, created_at FROM templates ORDER BY id').all()).toEqual(snapshot);
    expect(app.db.prepare('SELECT total_changes() AS n').pluck().get()).toBe(totalChanges);
    expect(countTemplates(app.db, { packId: 'made' })).toBe(1319);
  });

  it('updates a changed template, keeps its original, resets status and drops its now-stale instances', () => {
    const original = { question: 'A coat costs $80 and is on sale for 25% off.', gen_answer: 60 };
    upsertTemplates(app.db, 'mine', [{ template: coatTemplate(), original }], { now: 100 });
    putInstances(app.db, [instanceOf('starter.percent.coat-sale', 1), instanceOf('starter.percent.coat-sale', 2)]);
    saveAudit(app.db, {
      templateId: 'starter.percent.coat-sale',
      runAt: 150,
      samples: 50,
      valid: 50,
      crashes: 0,
      timeouts: 0,
      needsModule: null,
      reproducesOriginal: true,
      acceptance: 1,
      status: 'healthy',
      reasons: [],
    });
    expect(getTemplate(app.db, 'starter.percent.coat-sale')?.status).toBe('healthy');
    const before = getTemplate(app.db, 'starter.percent.coat-sale');

    const edited = coatTemplate({ generic_problem: 'A jacket costs {price} and is {discount_percent} off. What does it cost now?' });
    const result = upsertTemplates(app.db, 'mine', [{ template: edited, original: { question: 'something else' } }], { now: 200 });
    expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 0, conflicts: [] });

    const after = getTemplate(app.db, 'starter.percent.coat-sale');
    expect(after?.template.generic_problem).toBe(edited.generic_problem);
    expect(after?.original).toEqual(original);
    expect(after?.createdAt).toBe(100);
    expect(after?.updatedAt).toBe(200);
    expect(after?.contentHash).not.toBe(before?.contentHash);
    expect(after?.status).toBe('unknown');
    expect(countInstances(app.db, 'starter.percent.coat-sale')).toBe(0);
    // The audit row stays, marked as being about an earlier version.
    expect(getAudit(app.db, 'starter.percent.coat-sale')?.current).toBe(false);
  });

  it('fills a missing original once, but an unchanged template is left alone', () => {
    upsertTemplates(app.db, 'mine', [{ template: coatTemplate() }], { now: 1 });
    expect(getTemplate(app.db, 'starter.percent.coat-sale')).not.toHaveProperty('original');
    upsertTemplates(app.db, 'mine', [{ template: coatTemplate({ difficulty: 2 }), original: ['raw', 1] }], { now: 2 });
    expect(getTemplate(app.db, 'starter.percent.coat-sale')?.original).toEqual(['raw', 1]);
  });

  it('reports ids owned by another pack as conflicts and does not move or change them', () => {
    upsertTemplates(app.db, 'mine', [{ template: coatTemplate() }], { now: 1 });
    const other = coatTemplate({ topic: 'sales' });
    const result = upsertTemplates(app.db, 'made', [{ template: other }, { template: coatTemplate({ id: 'made.x' }) }], { now: 2 });
    expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 0, conflicts: [{ id: 'starter.percent.coat-sale', existingPackId: 'mine' }] });
    expect(getTemplate(app.db, 'starter.percent.coat-sale')).toMatchObject({ packId: 'mine', template: { topic: 'percent' } });
  });

  it('rolls the whole batch back when one item cannot be stored, and says which', () => {
    const bad = coatTemplate({ id: 'bad', difficulty: 7 }); // bypassing the zod schema: the CHECK still holds
    expect(() => upsertTemplates(app.db, 'mine', [{ template: coatTemplate({ id: 'good' }) }, { template: bad }])).toThrow(
      /template "bad" \(item 1\) could not be stored: CHECK constraint failed: difficulty BETWEEN 1 AND 3/,
    );
    expect(countTemplates(app.db)).toBe(0);
  });

  it('refuses an unknown pack with a specific message', () => {
    expect(() => upsertTemplates(app.db, 'nope', [{ template: coatTemplate() }])).toThrow('pack "nope" does not exist');
  });
});

describe('reading templates', () => {
  beforeEach(() => {
    upsertTemplates(
      app.db,
      'made',
      madeUpTemplates(30)
        .map((template) => ({ template })),
      { now: 10 },
    );
    upsertTemplates(
      app.db,
      'mine',
      [
        { template: coatTemplate() },
        { template: coatTemplate({ id: 'mine.no-topic', topic: undefined, source: 'user' }) },
      ],
      { now: 20 },
    );
  });

  it('getTemplate returns the template as a valid Template with fields in the documented order', () => {
    const stored = getTemplate(app.db, 'starter.percent.coat-sale');
    expect(stored?.template).toEqual(coatTemplate());
    expect(Object.keys(stored?.template ?? {})).toEqual(Object.keys(templateSchema.shape).filter((k) => k in coatTemplate()));
    expect(getTemplate(app.db, 'missing')).toBeUndefined();
  });

  it('lists with filters, ordering and paging; counts agree', () => {
    expect(countTemplates(app.db)).toBe(32);
    expect(countTemplates(app.db, { packId: 'made', topic: 'money' })).toBe(10);
    expect(countTemplates(app.db, { topic: null })).toBe(1);
    expect(countTemplates(app.db, { source: 'made-up' })).toBe(30);

    const page1 = listTemplates(app.db, { packId: 'made', limit: 12 });
    const page2 = listTemplates(app.db, { packId: 'made', limit: 12, offset: 12 });
    const all = listTemplates(app.db, { packId: 'made', limit: 100 });
    expect([...page1, ...page2].map((t) => t.id)).toEqual(all.slice(0, 24).map((t) => t.id));
    expect(all.map((t) => t.id)).toEqual([...all.map((t) => t.id)].sort());
    expect(all[0]).toMatchObject({ packId: 'made', source: 'made-up', status: 'unknown', review: 'none', createdAt: 10 });
    expect(all[0]?.genericProblem).toMatch(/^Priya's hens/);

    const newest = listTemplates(app.db, { limit: 2, orderBy: 'updated' });
    expect(newest.map((t) => t.id)).toEqual(['mine.no-topic', 'starter.percent.coat-sale']);
    expect(() => listTemplates(app.db, { limit: -1 })).toThrow('limit must be an integer from 0 to 10000; got -1');
  });

  it('filters by status after an audit, and combines search with other filters', () => {
    saveAudit(app.db, {
      templateId: 'made.0000',
      runAt: 5,
      samples: 10,
      valid: 2,
      crashes: 0,
      timeouts: 0,
      needsModule: null,
      reproducesOriginal: false,
      acceptance: 0.2,
      status: 'broken',
      reasons: ['negative answers'],
    });
    expect(listTemplates(app.db, { status: 'broken', limit: 10 }).map((t) => t.id)).toEqual(['made.0000']);
    expect(countTemplates(app.db, { status: 'unknown' })).toBe(31);
    expect(listTemplates(app.db, { search: 'hens eggs', packId: 'made', limit: 10 }).map((t) => t.id)).toContain('made.0000');
    expect(countTemplates(app.db, { search: 'hens eggs', packId: 'mine' })).toBe(0);
    expect(listStoredTemplates(app.db, { search: 'coat', limit: 5 }).map((s) => s.template.id)).toEqual([
      'mine.no-topic',
      'starter.percent.coat-sale',
    ]);
  });

  it('lists topics with counts, the topic-less ones as null', () => {
    expect(listTopics(app.db)).toEqual([
      { topic: 'counting', count: 10 },
      { topic: 'money', count: 10 },
      { topic: 'rates', count: 10 },
      { topic: null, count: 1 },
      { topic: 'percent', count: 1 },
    ]);
    expect(listTopics(app.db, { packId: 'mine' })).toEqual([
      { topic: null, count: 1 },
      { topic: 'percent', count: 1 },
    ]);
  });

  it('records a review without touching updated_at, and rejects an unknown review state', () => {
    expect(setTemplateReview(app.db, 'starter.percent.coat-sale', 'approved')).toBe(true);
    expect(getTemplate(app.db, 'starter.percent.coat-sale')).toMatchObject({ review: 'approved', updatedAt: 20 });
    // @ts-expect-error not a review state
    expect(() => setTemplateReview(app.db, 'starter.percent.coat-sale', 'great')).toThrow('review must be one of none, approved, flagged, rejected; got "great"');
  });
});

describe('rebuildSearchIndex', () => {
  it('rebuilds the index from the stored bodies, finding the same rows as before', () => {
    upsertTemplates(app.db, 'made', madeUpTemplates(200).map((template) => ({ template })));
    const before = searchTemplates(app.db, 'cookies', 50).map((h) => h.id);
    expect(before.length).toBeGreaterThan(0);
    app.db.exec("INSERT INTO templates_fts (templates_fts) VALUES ('delete-all')");
    expect(searchTemplates(app.db, 'cookies', 50)).toEqual([]);
    expect(rebuildSearchIndex(app.db)).toBe(200);
    expect(searchTemplates(app.db, 'cookies', 50).map((h) => h.id)).toEqual(before);
    expect(app.db.prepare('SELECT count(*) FROM templates_fts').pluck().get()).toBe(200);
  });
});

describe('deleting', () => {
  it('deleteTemplate removes the template, its instances, audit and search entry', () => {
    upsertTemplates(app.db, 'mine', [{ template: coatTemplate() }]);
    putInstances(app.db, [instanceOf('starter.percent.coat-sale', 7)]);
    expect(deleteTemplate(app.db, 'starter.percent.coat-sale')).toBe(true);
    expect(deleteTemplate(app.db, 'starter.percent.coat-sale')).toBe(false);
    expect(app.db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(0);
    expect(app.db.prepare('SELECT count(*) FROM templates_fts').pluck().get()).toBe(0);
  });

  it('deletePack cascades to templates, instances, audits and the search index', () => {
    upsertTemplates(app.db, 'made', madeUpTemplates(50).map((template) => ({ template })));
    upsertTemplates(app.db, 'mine', [{ template: coatTemplate() }]);
    putInstances(app.db, [instanceOf('made.0001', 1), instanceOf('starter.percent.coat-sale', 1)]);
    saveAudit(app.db, {
      templateId: 'made.0001',
      runAt: 1,
      samples: 1,
      valid: 1,
      crashes: 0,
      timeouts: 0,
      needsModule: null,
      reproducesOriginal: null,
      acceptance: 1,
      status: 'healthy',
      reasons: [],
    });
    expect(deletePack(app.db, 'made')).toBe(true);
    expect(listPacks(app.db).map((p) => [p.id, p.templateCount])).toEqual([['mine', 1]]);
    const count = (table: string): unknown => app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect(count('templates')).toBe(1);
    expect(count('templates_fts')).toBe(1);
    expect(count('instances')).toBe(1);
    expect(count('audit_results')).toBe(0);
    expect(app.db.pragma('foreign_key_check')).toEqual([]);
  });
});
