/**
 * Detail, gallery, notes, review events, edit with history, and the audit of one template, through
 * the browse handlers on a real SQLite file with the real sandbox (one pool for the file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-main/api/contract.std.js';
import { libraryApiArgs } from '../../src-main/api/library-contract.std.js';
import { generateInstances } from '../../src-main/engine/generate.js';
import { prepareTemplate } from '../../src-main/engine/prepared-template.js';
import { ensureStarterPack } from '../../src-main/library/starter-pack.js';
import type { SandboxPool } from '../../src-main/sandbox/pool.js';
import { getTemplate } from '../../src-main/storage/templates.repo.js';
import { createTestPool } from '../helpers/sandbox.js';
import { openBrowseFixture, seedLibrary, type BrowseFixture } from './browse-fixtures.js';

let f: BrowseFixture;
let pool: SandboxPool;
beforeAll(async () => {
  pool = await createTestPool();
  f = openBrowseFixture(() => Promise.resolve(pool));
  seedLibrary(f.app.db);
  ensureStarterPack(f.app.db);
}, 60_000);
afterAll(async () => {
  f.close();
  await pool.close();
});

const STARTER = 'starter.percent.instrument-players';

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('library.template', () => {
  it('shows the template, its original row, pack name, variables in words, flags, notes and the audit', async () => {
    await f.handlers['library.note']({ id: 'a.2', text: 'the answer key says 60' });
    const d = await f.handlers['library.template']({ id: 'a.2' });
    expect(d).toMatchObject({ id: 'a.2', packId: 'alpha', packName: 'Alpha pack', status: 'broken', review: 'flagged', createdAt: 200, updatedAt: 200, history: [] });
    expect(d.original).toEqual({ question: 'Sam buys apples for $80 with 25% off.', from: 'alpha' });
    expect(d.variables).toEqual([
      { name: 'price', originalValue: '80', domain: 'money $20.00–$200.00 in steps of $5.00', explicit: true },
      { name: 'discount_percent', originalValue: '25', domain: 'percent 5%–50% in steps of 5%', explicit: true },
    ]);
    expect(d.flags).toEqual([{ id: expect.any(Number) as unknown, reason: 'wrong answer', note: 'gives 61', at: 600, open: true }]);
    expect(d.notes).toEqual([{ id: expect.any(Number) as unknown, text: 'the answer key says 60', at: 10_000 }]);
    expect(d.audit).toEqual({
      runAt: 500,
      samples: 20,
      valid: 4,
      acceptance: 0.2,
      crashes: 0,
      timeouts: 0,
      needsModule: 'sympy',
      reproducesOriginal: false,
      originalAnswer: '60',
      programAnswer: '61',
      status: 'broken',
      reasons: ['broken because of a test'],
      duplicateOf: null,
      stale: false,
    });
    expect((await f.handlers['library.template']({ id: 'a.3' })).audit?.duplicateOf).toBe('a.1');
  });

  it('infers the domains of a template without explicit ones, and says so', async () => {
    const d = await f.handlers['library.template']({ id: STARTER });
    expect(d.packName).toBe('Starter library');
    expect(d.original).toBeNull();
    expect(d.variables).toEqual([
      { name: 'students', originalValue: '420', domain: 'whole number 100–800 in steps of 20', explicit: true },
      { name: 'pct', originalValue: '35', domain: 'percent 5%–95% in steps of 5%', explicit: true },
    ]);
    const bare = await f.handlers['library.edit']({ id: 'a.3', template: { ...(await f.handlers['library.template']({ id: 'a.3' })).template, domains: undefined } });
    expect(bare.variables.every((v) => !v.explicit && v.domain !== 'unknown')).toBe(true);
  });

  it('answers not-found for an unknown id', async () => {
    expect((await rejection(f.handlers['library.template']({ id: 'nope' }))).code).toBe('not-found');
    expect((await rejection(f.handlers['library.note']({ id: 'nope', text: 'x' }))).code).toBe('not-found');
  });
});

describe('library.gallery', () => {
  it('draws the seeds in order, shows rejected draws with why, and accepted ones are the practice instances', async () => {
    const gallery = await f.handlers['library.gallery'](libraryApiArgs['library.gallery'].parse({ id: STARTER, seed: 1 }));
    expect(gallery.id).toBe(STARTER);
    expect(gallery.items.map((i) => i.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const accepted = gallery.items.filter((i) => i.rejected === null);
    const rejected = gallery.items.filter((i) => i.rejected !== null);
    expect(rejected).toEqual([]);
    for (const item of gallery.items) {
      expect(item.text).toContain(`In a school of ${item.values.students ?? '?'} students, ${item.values.pct ?? '?'} play`);
      expect(item.values.pct).toMatch(/^\d+%$/);
    }
    const stored = getTemplate(f.app.db, STARTER);
    if (stored === undefined) throw new Error('starter template missing');
    const prepared = await prepareTemplate(pool, stored.template);
    const practice = await generateInstances(pool, prepared, accepted.map((i) => i.seed));
    expect(practice.outcomes.map((o) => ({ text: o.instance?.text, answer: o.instance?.answerText }))).toEqual(accepted.map((i) => ({ text: i.text, answer: i.answer })));
    // Same seed, same gallery.
    expect(await f.handlers['library.gallery']({ id: STARTER, seed: 1, count: 12 })).toEqual(gallery);
  });

  it('keeps rejected draws in place, with the values and why', async () => {
    const { template } = await f.handlers['library.template']({ id: 'a.2' });
    await f.handlers['library.edit']({ id: 'a.2', template: { ...template, constraints: ['price > 100'] } });
    const gallery = await f.handlers['library.gallery']({ id: 'a.2', seed: 40, count: 20 });
    expect(gallery.items.map((i) => i.seed)).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i));
    const rejected = gallery.items.filter((i) => i.rejected !== null);
    const accepted = gallery.items.filter((i) => i.rejected === null);
    // price is drawn from $20–$200: some draws are at most $100 and fail the constraint.
    expect(rejected.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    for (const item of rejected) {
      expect(item).toMatchObject({ answer: null, rejected: 'constraint failed: price > 100' });
      expect(Number(item.values.price?.replace('$', ''))).toBeLessThanOrEqual(100);
      expect(item.text).toContain(`Sam buys apples for ${item.values.price ?? '?'}`);
    }
    for (const item of accepted) expect(Number(item.values.price?.replace('$', ''))).toBeGreaterThan(100);
  });
});

describe('library.edit and library.auditOne', () => {
  it('keeps the previous version in history, never touches the original, resets the status and re-indexes the text', async () => {
    const before = await f.handlers['library.template']({ id: 'a.1' });
    f.events.length = 0;
    f.clock.now = 20_000;
    const edited = await f.handlers['library.edit']({
      id: 'a.1',
      template: { ...before.template, generic_problem: 'A jacket costs {price} and is {discount_percent} off. What does it cost now?' },
      message: 'clearer wording',
    });
    expect(edited.template.generic_problem).toBe('A jacket costs {price} and is {discount_percent} off. What does it cost now?');
    expect(edited).toMatchObject({ status: 'unknown', updatedAt: 20_000, createdAt: 100, original: before.original });
    expect(edited.history).toEqual([{ version: 1, at: 20_000, message: 'clearer wording', template: before.template }]);
    expect(edited.audit?.stale).toBe(true);
    expect(f.events).toEqual([{ type: 'library.changed', ids: ['a.1'] }]);
    expect((await f.handlers['library.query']({ filter: { search: 'jacket', packId: 'alpha' }, offset: 0, limit: 10 })).rows.map((r) => r.id)).toEqual(['a.1']);

    // A second edit is version 2; an edit that changes nothing writes nothing.
    f.clock.now = 21_000;
    const again = await f.handlers['library.edit']({ id: 'a.1', template: { ...edited.template, difficulty: 2 } });
    expect(again.history.map((h) => [h.version, h.template.generic_problem])).toEqual([
      [2, 'A jacket costs {price} and is {discount_percent} off. What does it cost now?'],
      [1, before.template.generic_problem],
    ]);
    const same = await f.handlers['library.edit']({ id: 'a.1', template: again.template });
    expect(same.history).toHaveLength(2);
    expect(same.updatedAt).toBe(21_000);
    expect(getTemplate(f.app.db, 'a.1')?.original).toEqual(before.original);
  });

  it('refuses an invalid body with every field named, an id change, and an unbalanced program', async () => {
    const { template } = await f.handlers['library.template']({ id: 'b.1' });
    const bad = await rejection(f.handlers['library.edit']({ id: 'b.1', template: { ...template, generic_problem: '', difficulty: 7, colour: 'red' } }));
    expect(bad.code).toBe('bad-request');
    expect(bad.message).toMatch(/generic_problem: /);
    expect(bad.message).toMatch(/difficulty: /);
    expect(bad.message).toMatch(/unknown key\(s\) "colour"/);
    const renamed = await rejection(f.handlers['library.edit']({ id: 'b.1', template: { ...template, id: 'b.9' } }));
    expect(renamed.message).toMatch(/id cannot change/);
    const unbalanced = await rejection(f.handlers['library.edit']({ id: 'b.1', template: { ...template, program: 'def solution(price, discount_percent):\n    return (price * 2\n' } }));
    expect(unbalanced).toMatchObject({ code: 'bad-request' });
    expect(unbalanced.message).toMatch(/^library\.edit: program: line 2: /);
    expect((await rejection(f.handlers['library.edit']({ id: 'zz', template }))).code).toBe('not-found');
    expect((await f.handlers['library.template']({ id: 'b.1' })).history).toEqual([]);
  });

  it('audits one template: a program broken by an edit comes back broken, with the reason, and the table shows it', async () => {
    const { template } = await f.handlers['library.template']({ id: 'b.1' });
    await f.handlers['library.edit']({ id: 'b.1', template: { ...template, program: 'def solution(price, discount_percent):\n    return price / (discount_percent - discount_percent)\n' } });
    f.events.length = 0;
    const audit = await f.handlers['library.auditOne']({ id: 'b.1', samples: 5 });
    expect(audit).toMatchObject({ status: 'broken', samples: 5, valid: 0, acceptance: 0, stale: false });
    expect(audit.reasons.join(' ')).toMatch(/ZeroDivisionError/);
    expect(f.events).toEqual([{ type: 'library.changed', ids: ['b.1'] }]);
    const row = (await f.handlers['library.query']({ filter: { packId: 'beta', status: 'broken' }, offset: 0, limit: 10 })).rows[0];
    expect(row).toMatchObject({ id: 'b.1', status: 'broken', acceptance: 0 });

    // Fixed again: healthy, and the history holds both earlier programs.
    await f.handlers['library.edit']({ id: 'b.1', template });
    expect(await f.handlers['library.auditOne']({ id: 'b.1', samples: 5 })).toMatchObject({ status: 'healthy', acceptance: 1, reproducesOriginal: true, reasons: [] });
    expect((await f.handlers['library.template']({ id: 'b.1' })).history).toHaveLength(2);
  });
});

describe('library.review and library.undo through the handlers', () => {
  it('emit change events, map mistakes to clear errors, and undo restores', async () => {
    f.events.length = 0;
    const r = await f.handlers['library.review'](libraryApiArgs['library.review'].parse({ selection: { ids: ['a.2', 'b.2'] }, action: 'approve' }));
    expect(r.changed).toBe(2);
    expect(f.events).toEqual([{ type: 'library.changed', ids: ['a.2', 'b.2'] }]);
    const bulk = await f.handlers['library.review']({ selection: { filter: { packId: 'starter' } }, action: 'flag', reason: 'other' });
    expect(bulk.changed).toBeGreaterThan(300);
    expect(f.events.at(-1)).toEqual({ type: 'library.changed', ids: null });
    expect(await f.handlers['library.undo']({ token: bulk.undoToken })).toEqual({ restored: bulk.changed });
    expect(await f.handlers['library.undo']({ token: r.undoToken })).toEqual({ restored: 2 });
    expect(f.events.at(-1)).toEqual({ type: 'library.changed', ids: expect.arrayContaining(['a.2', 'b.2']) as unknown });
    expect((await f.handlers['library.template']({ id: 'a.2' })).review).toBe('flagged');

    expect(await rejection(f.handlers['library.review']({ selection: { ids: ['a.2'] }, action: 'flag' }))).toMatchObject({ code: 'bad-request' });
    expect(await rejection(f.handlers['library.review']({ selection: { ids: ['zz'] }, action: 'approve' }))).toMatchObject({ code: 'not-found' });
    expect(await rejection(f.handlers['library.undo']({ token: r.undoToken }))).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/already undone/) as unknown });
  });
});
