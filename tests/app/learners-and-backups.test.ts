/**
 * Skip, scheduling settings, learner management, progress files and backups through the real API
 * (dispatch → handlers → a real SQLite file, real sandbox), as the UI calls them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiMethod } from '../../src-main/api/contract.std.js';
import { dispatch } from '../../src-main/api/dispatch.js';
import type { AppContext } from '../../src-main/app/app-context.js';
import { createAppContext } from '../../src-main/app/create-app-context.js';
import { TEST_CACHE_DIR } from '../helpers/sandbox.js';

let dir: string;
let ctx: AppContext;
let school: AppContext;
const events: ApiEvent[] = [];
let clock = Date.UTC(2026, 10, 2, 9, 0, 0);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'im-learners-'));
  ctx = await createAppContext({ dbPath: path.join(dir, 'home', 'app.sqlite'), cacheDir: TEST_CACHE_DIR, mode: 'browser', poolSize: 1, now: () => clock });
  school = await createAppContext({ dbPath: path.join(dir, 'school', 'app.sqlite'), cacheDir: TEST_CACHE_DIR, mode: 'browser', poolSize: 1, now: () => clock });
  ctx.onEvent((e) => events.push(e));
});
afterAll(async () => {
  await ctx.close();
  await school.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A call as the transports make it: the answer or the error code and message. */
async function call(c: AppContext, method: ApiMethod, args: unknown): Promise<{ ok: true; value: unknown } | { ok: false; code: string; message: string }> {
  const r = await dispatch(c.handlers, method, args);
  return r.ok ? { ok: true, value: r.value } : { ok: false, code: r.error.code, message: r.error.message };
}

async function value<T>(c: AppContext, method: ApiMethod, args: unknown): Promise<T> {
  const r = await call(c, method, args);
  if (!r.ok) throw new Error(`${method}: ${r.code}: ${r.message}`);
  return r.value as T;
}

interface Problem {
  templateId: string;
  seed: number;
}

describe('Skip through the API', () => {
  it('skips before and after a wrong answer; the next problem is another; Progress counts the skips and nothing else', async () => {
    const ada = await value<{ id: number }>(ctx, 'learners.create', { name: 'Ada' });
    const scope = { kind: 'strand', strand: 'fractions' };
    const first = await value<Problem>(ctx, 'practice.next', { learnerId: ada.id, scope });
    expect(await value(ctx, 'practice.skip', { learnerId: ada.id, templateId: first.templateId, seed: first.seed, elapsedMs: 5_000 })).toEqual({ setAsideMinutes: 30, answersBefore: 0 });
    clock += 10_000;
    const second = await value<Problem>(ctx, 'practice.next', { learnerId: ada.id, scope, after: first.templateId });
    expect(second.templateId).not.toBe(first.templateId);
    await value(ctx, 'practice.submit', { learnerId: ada.id, templateId: second.templateId, seed: second.seed, answer: '-987654', elapsedMs: 4_000 });
    expect(await value(ctx, 'practice.skip', { learnerId: ada.id, templateId: second.templateId, seed: second.seed, elapsedMs: 9_000 })).toEqual({ setAsideMinutes: 30, answersBefore: 1 });
    // Both are set aside: the next two problems are neither of them.
    clock += 10_000;
    const third = await value<Problem>(ctx, 'practice.next', { learnerId: ada.id, scope, after: second.templateId });
    expect([first.templateId, second.templateId]).not.toContain(third.templateId);
    // "Show me another" of a skipped type never shows the skipped numbers again.
    const again = await value<Problem>(ctx, 'practice.another', { learnerId: ada.id, templateId: first.templateId });
    expect(again.seed).not.toBe(first.seed);

    const summary = await value<{ attempts: number; skipped: number; dueNow: number; byStrand: { strand: string; skipped: number }[] }>(ctx, 'progress.summary', { learnerId: ada.id });
    expect(summary).toMatchObject({ attempts: 1, skipped: 2, dueNow: 0 });
    expect(summary.byStrand.find((s) => s.strand === 'fractions')?.skipped).toBe(2);

    // A solved problem has nothing left to skip.
    const answer = (await import('../../src-main/storage/instances.repo.js')).getInstance;
    const { openDatabase } = await import('../../src-main/storage/database.js');
    const db = openDatabase(path.join(dir, 'home', 'app.sqlite'), { readonly: true });
    const right = answer(db.db, third.templateId, third.seed)?.answerText ?? '';
    db.close();
    expect(await value(ctx, 'practice.submit', { learnerId: ada.id, templateId: third.templateId, seed: third.seed, answer: right, elapsedMs: 4_000 })).toMatchObject({ verdict: 'correct' });
    expect(await call(ctx, 'practice.skip', { learnerId: ada.id, templateId: third.templateId, seed: third.seed, elapsedMs: 1 })).toMatchObject({ ok: false, code: 'bad-request', message: expect.stringContaining('already solved') as string });
  });
});

describe('scheduling settings through the API', () => {
  it('reads the defaults, saves valid settings, refuses bad ones with a reason, and resets', async () => {
    expect(await value(ctx, 'practice.getScheduling', {})).toEqual({
      settings: { desiredRetention: 0.9, learningSteps: ['30m'], relearningSteps: ['30m'] },
      defaults: { desiredRetention: 0.9, learningSteps: ['30m'], relearningSteps: ['30m'] },
      isDefault: true,
    });
    const saved = await value(ctx, 'practice.saveScheduling', { settings: { desiredRetention: 0.85, learningSteps: ['20m', '2h'], relearningSteps: ['1h'] } });
    expect(saved).toMatchObject({ settings: { desiredRetention: 0.85, learningSteps: ['20m', '2h'], relearningSteps: ['1h'] }, isDefault: false });
    for (const [settings, reason] of [
      [{ desiredRetention: 0.99, learningSteps: [], relearningSteps: [] }, 'settings.desiredRetention'],
      [{ desiredRetention: 0.9, learningSteps: ['soon'], relearningSteps: [] }, '"soon" is not a step'],
      [{ desiredRetention: 0.9, learningSteps: ['2h', '10m'], relearningSteps: [] }, 'steps must not get shorter'],
      [{ desiredRetention: 0.9, learningSteps: ['2d'], relearningSteps: [] }, 'outside 1m to 1d'],
    ] as const) {
      expect(await call(ctx, 'practice.saveScheduling', { settings })).toMatchObject({ ok: false, code: 'bad-request', message: expect.stringContaining(reason) as string });
    }
    expect(await value(ctx, 'practice.getScheduling', {})).toMatchObject({ settings: { desiredRetention: 0.85 } });
    expect(await value(ctx, 'practice.resetScheduling', {})).toMatchObject({ settings: { desiredRetention: 0.9, learningSteps: ['30m'] }, isDefault: true });
  });
});

describe('learners through the API', () => {
  it('renames, refuses a taken name, deletes only with the right name, and moves progress to another library', async () => {
    const kim = await value<{ id: number }>(ctx, 'learners.create', { name: 'Kim' });
    const p = await value<Problem>(ctx, 'practice.next', { learnerId: kim.id, scope: { kind: 'mixed' } });
    await value(ctx, 'practice.submit', { learnerId: kim.id, templateId: p.templateId, seed: p.seed, answer: '-987654', elapsedMs: 4_000 });
    expect(await value(ctx, 'learners.rename', { learnerId: kim.id, name: 'Kim L.' })).toMatchObject({ id: kim.id, name: 'Kim L.' });
    expect(await call(ctx, 'learners.rename', { learnerId: kim.id, name: 'ada' })).toMatchObject({ ok: false, code: 'bad-request', message: expect.stringContaining('"Ada" already exists') as string });
    expect(await call(ctx, 'learners.rename', { learnerId: 999, name: 'Zed' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await value(ctx, 'learners.history', { learnerId: kim.id })).toEqual({ attempts: 1, skips: 0, reviewCards: 0, tutorRequests: 0 });

    // Export, then import at school: a new learner, with the same history.
    const file = await value<{ fileName: string; text: string }>(ctx, 'learners.exportProgress', { learnerId: kim.id });
    expect(file.fileName).toBe('Kim-L-progress-2026-11-02.json');
    const preview = await value(school, 'learners.importProgress', { text: file.text, dryRun: true });
    expect(preview).toMatchObject({ action: 'created', dryRun: true, added: { attempts: 1 } });
    expect(await value(school, 'learners.list', {})).toEqual([]);
    const imported = await value<{ learner: { id: number } }>(school, 'learners.importProgress', { text: file.text });
    expect(imported).toMatchObject({ action: 'created', learner: { name: 'Kim L.' }, added: { attempts: 1 } });
    expect(await value(school, 'progress.summary', { learnerId: imported.learner.id })).toMatchObject({ attempts: 1, correct: 0 });
    expect(await call(school, 'learners.importProgress', { text: '{"kind":"infinitymath-studio/learner-progress","version":3}' })).toMatchObject({
      ok: false,
      code: 'bad-request',
      message: expect.stringContaining('written by a newer InfinityMATH Studio') as string,
    });

    // Delete needs the learner's name: a stale page naming someone else deletes nothing.
    expect(await call(ctx, 'learners.delete', { learnerId: kim.id, confirmName: 'Ada' })).toMatchObject({ ok: false, code: 'bad-request', message: expect.stringContaining('nothing was deleted') as string });
    expect(await value(ctx, 'learners.delete', { learnerId: kim.id, confirmName: 'kim l.' })).toEqual({ name: 'Kim L.', attempts: 1, skips: 0, reviewCards: 0, tutorRequests: 0 });
    expect(((await value<{ name: string }[]>(ctx, 'learners.list', {})).map((l) => l.name))).toEqual(['Ada']);
  });
});

describe('backups through the API', () => {
  it('backs up, lists, restores under the running app (which keeps answering), keeps a copy, and tells every window', async () => {
    const made = await value<{ name: string; folder: string; sizeBytes: number }>(ctx, 'backup.create', {});
    expect(made.folder).toBe(path.join(dir, 'home', 'backups'));
    expect(made.sizeBytes).toBeGreaterThan(100_000);
    expect(events.some((e) => e.type === 'backup.progress')).toBe(true);
    const listed = await value<{ backups: { name: string; schemaVersion: number | null }[] }>(ctx, 'backup.list', {});
    expect(listed.backups.map((b) => b.name)).toEqual([made.name]);

    await value(ctx, 'learners.create', { name: 'After the backup' });
    clock += 60_000;
    const restored = await value(ctx, 'backup.restore', { name: made.name });
    expect(restored).toMatchObject({ restoredFrom: made.name, learners: 1, keptCopy: expect.stringMatching(/^before-restore-/) as string });
    expect((await value<{ name: string }[]>(ctx, 'learners.list', {})).map((l) => l.name)).toEqual(['Ada']);
    expect(events).toContainEqual({ type: 'library.restored', from: made.name });
    // The app goes on working on the restored library.
    const ada = (await value<{ id: number; name: string }[]>(ctx, 'learners.list', {}))[0];
    expect(await value(ctx, 'practice.next', { learnerId: ada?.id, scope: { kind: 'mixed' } })).toMatchObject({ reason: expect.any(String) as string });
    // The replaced library is in the list, and can itself be restored (undo).
    const after = await value<{ backups: { name: string; beforeRestore: boolean }[] }>(ctx, 'backup.list', {});
    expect(after.backups.filter((b) => b.beforeRestore)).toHaveLength(1);

    expect(await call(ctx, 'backup.restore', { name: '../app.sqlite' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await call(ctx, 'backup.restore', { name: 'nope.sqlite' })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('refuses to restore while an audit runs, and restores once it has stopped', async () => {
    const { name } = await value<{ name: string }>(ctx, 'backup.create', {});
    const done = new Promise<void>((resolve) => {
      const off = ctx.onEvent((e) => {
        if (e.type === 'library.audit.done' || e.type === 'library.job.failed') {
          off();
          resolve();
        }
      });
    });
    const job = await value<{ jobId: string }>(ctx, 'library.auditStart', { samples: 2 });
    const refused = await call(ctx, 'backup.restore', { name });
    expect(refused).toMatchObject({ ok: false, code: 'unavailable', message: expect.stringContaining('busy with library.auditStart') as string });
    await value(ctx, 'library.jobCancel', { jobId: job.jobId });
    await done;
    expect(await call(ctx, 'backup.restore', { name })).toMatchObject({ ok: true });
  });
});
