/**
 * The practice loop through the real API handlers (real SQLite file, real sandbox, real checker):
 * what a student does, checked against what the engine stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/api/dispatch.js';
import type { AppContext } from '../../src-main/app/app-context.js';
import { createAppContext } from '../../src-main/app/create-app-context.js';
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

  it('gives progressive hints from the program, the full solution last (counted as a reveal), and diagnoses a wrong answer', async () => {
    const h = ctx.handlers;
    const cy = await h['learners.create']({ name: 'Cy' });
    const p = await h['practice.another']({ learnerId: cy.id, templateId: 'starter.operations.sticker-packs' });
    const app = openDatabase(path.join(dir, 'app.sqlite'), { readonly: true });
    const values = getInstance(app.db, p.templateId, p.seed)?.values ?? {};
    app.close();
    const bought = (values.packs as number) * (values.per_pack as number);

    // Stopping after the first step ("Stickers bought") is diagnosed as exactly that.
    const wrong = await h['practice.submit']({ learnerId: cy.id, templateId: p.templateId, seed: p.seed, answer: String(bought), elapsedMs: 5000, hintsUsed: 0 });
    expect(wrong.verdict).toBe('wrong');
    expect(wrong.diagnosis).toMatch(/step 1/);
    expect(wrong.diagnosis).toContain('Stickers bought');

    const first = await h['practice.hint']({ learnerId: cy.id, templateId: p.templateId, seed: p.seed, level: 1 });
    expect(first.hint).toMatchObject({ level: 1, kind: 'idea', revealsAnswer: false });
    expect(first.hint.text).toContain('Stickers bought');
    expect(first.answerText).toBeNull();
    const second = await h['practice.hint']({ learnerId: cy.id, templateId: p.templateId, seed: p.seed, level: 2 });
    expect(second.hint.kind).toBe('worked');
    expect(second.hint.latex).toContain(String(bought));
    const last = await h['practice.hint']({ learnerId: cy.id, templateId: p.templateId, seed: p.seed, level: first.total });
    expect(last.hint).toMatchObject({ kind: 'solution', revealsAnswer: true });
    expect(last.hint.steps?.length).toBeGreaterThanOrEqual(2);
    expect(last.answerText).toBe(`${bought - (values.given as number)} stickers`);
    const summary = await h['progress.summary']({ learnerId: cy.id });
    expect(summary.problemsSolved).toBe(0);
    expect(summary.attempts).toBe(1); // the wrong answer; the full solution is a reveal, not an attempt
  });

  it('opens a chosen template at a given seed (the same problem every time) or with fresh numbers', async () => {
    const h = ctx.handlers;
    const di = await h['learners.create']({ name: 'Di' });
    const id = 'starter.operations.sticker-packs';
    const a = await h['practice.open']({ learnerId: di.id, templateId: id, seed: 424242 });
    const b = await h['practice.open']({ learnerId: di.id, templateId: id, seed: 424242 });
    expect(a.templateId).toBe(id);
    expect(a.seed).toBe(424242);
    expect(b.text).toBe(a.text);
    const fresh = await h['practice.open']({ learnerId: di.id, templateId: id });
    expect(fresh.templateId).toBe(id);
    // The opened instance is checked like any other: its own answer is correct.
    const r = await h['practice.submit']({ learnerId: di.id, templateId: id, seed: a.seed, answer: answerOf(id, a.seed), elapsedMs: 1000, hintsUsed: 0 });
    expect(r.verdict).toBe('correct');
    await expect(h['practice.open']({ learnerId: di.id, templateId: 'no.such.template' })).rejects.toThrow('no template "no.such.template"');
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
