/**
 * Skip, on a real library with a fixed clock: a skip is counted as a skip, and as nothing else. It
 * leaves accuracy, mastery, "problems solved", the streak and the FSRS card exactly as if the
 * problem had not been shown; answers given before it still count; the template is set aside for a
 * while (longer each time it is skipped again), and comes back when nothing else is left.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { progressSummary } from '../../src-main/practice/progress-summary.js';
import { recordOutcome, settleAbandoned } from '../../src-main/practice/record-outcome.js';
import { pickNext, SKIP_MEMORY_MS, skipSetAsideMs, templatesSetAside, type PickCandidate } from '../../src-main/practice/scheduler.js';
import { NothingToSkipError, skipProblem, type SkipInput } from '../../src-main/practice/skip-problem.js';
import type { AttemptInput } from '../../src-main/storage/attempts.repo.js';
import { getCard } from '../../src-main/storage/review-cards.repo.js';
import { allSkips } from '../../src-main/storage/skips.repo.js';
import { DAY, fixedRng, HOUR, MINUTE, openPracticeDb, T0, type PracticeDb } from './practice-fixtures.js';

let p: PracticeDb;
beforeEach(() => {
  p = openPracticeDb(['t.a', 't.b', 't.c']);
});
afterEach(() => {
  p.close();
});

const LABELS = { percent: 'Percent' };
const skip = (overrides: Partial<SkipInput> = {}, at = T0): ReturnType<typeof skipProblem> =>
  skipProblem(p.app.db, { learnerId: p.learnerId, templateId: 't.a', seed: 1, strand: 'percent', topic: 'discount', hintsUsed: 0, elapsedMs: 20_000, ...overrides }, at);
const answer = (verdict: AttemptInput['verdict'], overrides: Partial<AttemptInput> = {}, at = T0): void => {
  recordOutcome(
    p.app.db,
    { learnerId: p.learnerId, templateId: 't.a', seed: 1, strand: 'percent', topic: 'discount', answer: verdict === 'revealed' ? null : '60', verdict, elapsedMs: 30_000, ...overrides },
    at,
  );
};
const candidates = (ids: string[]): PickCandidate[] => ids.map((templateId) => ({ templateId, gradeMin: 6 }));

describe('skipProblem', () => {
  it('before any answer: one skip, and every other figure as if the problem had never been shown', () => {
    const before = progressSummary(p.app.db, p.learnerId, T0 + MINUTE, LABELS);
    expect(skip()).toMatchObject({ templateId: 't.a', seed: 1, answersBefore: 0, createdAt: T0 });
    const after = progressSummary(p.app.db, p.learnerId, T0 + MINUTE, LABELS);
    expect(after).toEqual({
      ...before,
      skipped: 1,
      byStrand: [{ strand: 'percent', label: 'Percent', attempts: 0, correct: 0, skipped: 1, mastery: 0, firstTries: 0, masteryIfRight: 0.25 }],
    });
    expect(after.attempts).toBe(0);
    expect(after.streakDays).toBe(0); // a skip is not practice
    expect(getCard(p.app.db, p.learnerId, 't.a')).toBeUndefined(); // no FSRS review: not "Again"
  });

  it('after wrong answers: the answers count as the answers they were; the problem is not settled as forgotten', () => {
    answer('wrong', {}, T0);
    answer('wrong', { answer: '61' }, T0 + MINUTE);
    expect(skip({}, T0 + 2 * MINUTE).answersBefore).toBe(2);
    const summary = progressSummary(p.app.db, p.learnerId, T0 + 3 * MINUTE, LABELS);
    expect(summary).toMatchObject({ attempts: 2, correct: 0, skipped: 1, streakDays: 1 });
    // Without the skip, moving on would rate the template Again; with it, nothing is settled.
    expect(settleAbandoned(p.app.db, p.learnerId, T0 + 3 * MINUTE)).toEqual([]);
    expect(getCard(p.app.db, p.learnerId, 't.a')).toBeUndefined();
    // A later wrong answer on the same numbers (opened again) is abandoned as usual.
    answer('wrong', { answer: '62' }, T0 + 4 * MINUTE);
    expect(settleAbandoned(p.app.db, p.learnerId, T0 + 5 * MINUTE).map((s) => s.templateId)).toEqual(['t.a']);
  });

  it('refuses a problem that is already solved or revealed, and an unknown learner', () => {
    answer('correct');
    expect(() => skip({}, T0 + MINUTE)).toThrow(NothingToSkipError);
    expect(() => skip({}, T0 + MINUTE)).toThrow('is already solved; move on with Next');
    answer('revealed', { seed: 2 });
    expect(() => skip({ seed: 2 })).toThrow('is already revealed');
    expect(() => skip({ learnerId: 77 })).toThrow('skipProblem: learner 77 does not exist');
    expect(() => skip({ seed: 3, elapsedMs: -1 })).toThrow('elapsedMs must be a non-negative integer');
    expect(allSkips(p.app.db, p.learnerId)).toEqual([]);
  });
});

describe('a skipped template is set aside', () => {
  it('for half an hour after one skip, then four times longer for each further skip, never more than a week', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => skipSetAsideMs(n) / MINUTE)).toEqual([30, 120, 480, 1920, 7680, 7 * 24 * 60, 7 * 24 * 60]);
    expect(() => skipSetAsideMs(0)).toThrow('skips must be a positive integer');
  });

  it('the picker passes over it while the scope has something else, even when it is due', () => {
    answer('revealed', { templateId: 't.a' }, T0 - DAY); // due long ago
    skip({ templateId: 't.a', seed: 5 }, T0);
    expect(templatesSetAside(p.app.db, p.learnerId, T0 + 29 * MINUTE)).toEqual(new Set(['t.a']));
    expect(pickNext(p.app.db, candidates(['t.a', 't.b']), p.learnerId, T0 + MINUTE, fixedRng(0))).toEqual({ templateId: 't.b', reason: 'new' });
    // Half an hour later it is back, as the review it still is.
    expect(pickNext(p.app.db, candidates(['t.a', 't.b']), p.learnerId, T0 + 30 * MINUTE, fixedRng(0))).toEqual({ templateId: 't.a', reason: 'due for review' });
  });

  it('a second skip sets it aside for two hours; skips older than a week are forgotten', () => {
    skip({ seed: 1 }, T0);
    skip({ seed: 2 }, T0 + HOUR);
    const aside = (at: number): boolean => templatesSetAside(p.app.db, p.learnerId, at).has('t.a');
    expect(aside(T0 + HOUR + 119 * MINUTE)).toBe(true);
    expect(aside(T0 + 3 * HOUR)).toBe(false);
    // A week later both skips are out of memory: the next single skip is half an hour again.
    skip({ seed: 3 }, T0 + HOUR + SKIP_MEMORY_MS + MINUTE);
    expect(aside(T0 + HOUR + SKIP_MEMORY_MS + 31 * MINUTE)).toBe(false);
  });

  it('comes back at once when everything else in the scope is set aside too (a small scope never runs dry)', () => {
    skip({ templateId: 't.a' }, T0);
    expect(pickNext(p.app.db, candidates(['t.a']), p.learnerId, T0 + MINUTE, fixedRng(0))).toEqual({ templateId: 't.a', reason: 'new' });
    skip({ templateId: 't.b' }, T0);
    // Both set aside, t.a just shown: t.b, not the same one again.
    expect(pickNext(p.app.db, candidates(['t.a', 't.b']), p.learnerId, T0 + MINUTE, fixedRng(0), 't.a').templateId).toBe('t.b');
  });
});
