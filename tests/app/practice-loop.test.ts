/**
 * The practice loop through the real API handlers (real SQLite file, real sandbox, real checker):
 * what a student does, checked against what the engine stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch.js';
import { createAppContext, type AppContext } from '../../src-main/app/app-context.js';
import { openDatabase } from '../../src-main/storage/database.js';
import { getInstance } from '../../src-main/storage/instances.repo.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

let dir: string;
let ctx: AppContext;
let clock = Date.UTC(2026, 10, 2, 9, 0, 0);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-practice-'));
  ctx = await createAppContext({ dbPath: path.join(dir, 'app.sqlite'), cacheDir: TEST_CACHE_DIR, mode: 'browser', poolSize: 1, now: () => clock });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function answerOf(templateId: string, seed: number): string {
  const app = openDatabase(path.join(dir, 'app.sqlite'), { readonly: true });
  try {
    const inst = getInstance(app.db, templateId, seed);
    if (!inst) throw new Error('instance not stored');
    return inst.answerText;
  } finally {
    app.close();
  }
}

describe('the practice loop', () => {
  it('serves the first problem from stored instances, checks answers and records progress', async () => {
    const h = ctx.handlers;
    const ada = await h['learners.create']({ name: 'Ada' });
    await expect(h['learners.create']({ name: 'ada' })).rejects.toThrow(/already/);
    const catalog = await h['practice.catalog']({});
    expect(catalog.strands.map((s) => s.strand)).toContain('fractions');
    expect(catalog.strands.find((s) => s.strand === 'ratio-rate')?.label).toBe('Ratio, rate & proportion');

    const first = await h['practice.next']({ learnerId: ada.id, scope: { kind: 'strand', strand: 'fractions' } });
    expect(first.strand).toBe('fractions');
    expect(first.text).not.toMatch(/\{[A-Za-z_]\w*\}/);
    expect(JSON.stringify(first)).not.toContain(answerOf(first.templateId, first.seed) + '"'); // the view carries no answer field

    const unreadable = await h['practice.submit']({ learnerId: ada.id, templateId: first.templateId, seed: first.seed, answer: '¿¿', elapsedMs: 1000, hintsUsed: 0 });
    expect(unreadable).toMatchObject({ verdict: 'invalid', counted: false, answerText: null });

    const wrong = await h['practice.submit']({ learnerId: ada.id, templateId: first.templateId, seed: first.seed, answer: '-987654', elapsedMs: 4000, hintsUsed: 0 });
    expect(wrong).toMatchObject({ verdict: 'wrong', counted: true, answerText: null, attemptsOnProblem: 1 });
    const revealed = await h['practice.reveal']({ learnerId: ada.id, templateId: first.templateId, seed: first.seed });
    expect(revealed.answerText).toBe(answerOf(first.templateId, first.seed));

    clock += 60_000;
    const second = await h['practice.next']({ learnerId: ada.id, scope: { kind: 'strand', strand: 'fractions' }, after: first.templateId });
    expect(second.templateId).not.toBe(first.templateId);
    const right = await h['practice.submit']({
      learnerId: ada.id,
      templateId: second.templateId,
      seed: second.seed,
      answer: answerOf(second.templateId, second.seed),
      elapsedMs: 9000,
      hintsUsed: 0,
    });
    expect(right).toMatchObject({ verdict: 'correct', counted: true, answerText: answerOf(second.templateId, second.seed) });

    const another = await h['practice.another']({ learnerId: ada.id, templateId: second.templateId });
    expect(another.templateId).toBe(second.templateId);
    expect(another.seed).not.toBe(second.seed);

    const summary = await h['progress.summary']({ learnerId: ada.id });
    expect(summary.attempts).toBe(2);
    expect(summary.correct).toBe(1);
    expect(summary.problemsSolved).toBe(1);
    expect(summary.byStrand.find((s) => s.strand === 'fractions')).toMatchObject({ attempts: 2, correct: 1 });
    expect(summary.streakDays).toBe(1);
  });

  it('refuses bad arguments at the boundary with the field and the reason', async () => {
    const r = await dispatch(ctx.handlers, 'practice.next', { learnerId: -1, scope: { kind: 'strand', strand: 'fractions' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!r.ok) expect(r.error.message).toContain('learnerId');
    const unknown = await dispatch(ctx.handlers, 'practice.nope', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'unknown method "practice.nope"' } });
    const missing = await dispatch(ctx.handlers, 'progress.summary', { learnerId: 999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('generates fresh numbers once a learner has seen every stored instance', async () => {
    const h = ctx.handlers;
    const bo = await h['learners.create']({ name: 'Bo' });
    const start = await h['practice.next']({ learnerId: bo.id, scope: { kind: 'strand', strand: 'time' } });
    const seeds = new Set([start.seed]);
    for (let i = 0; i < 10; i++) {
      const p = await h['practice.another']({ learnerId: bo.id, templateId: start.templateId });
      // Seen means answered or revealed; reveal to move on.
      await h['practice.reveal']({ learnerId: bo.id, templateId: p.templateId, seed: p.seed });
      seeds.add(p.seed);
    }
    expect(seeds.size).toBe(11);
  });
});
