import { Rating } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOutcome, settleAbandoned } from '../../src-main/practice/record-outcome.js';
import type { AttemptInput } from '../../src-main/storage/attempts.repo.js';
import { getCard } from '../../src-main/storage/review-cards.repo.js';
import { DAY, MINUTE, openPracticeDb, T0, type PracticeDb } from './practice-fixtures.js';

let p: PracticeDb;
beforeEach(() => {
  p = openPracticeDb(['t.a', 't.b']);
});
afterEach(() => {
  p.close();
});

const answer = (verdict: AttemptInput['verdict'], overrides: Partial<AttemptInput> = {}): AttemptInput => ({
  learnerId: p.learnerId,
  templateId: 't.a',
  seed: 1,
  strand: 'percent',
  topic: 'discount',
  answer: verdict === 'revealed' ? null : '60',
  verdict,
  elapsedMs: 40_000,
  ...overrides,
});

describe('recordOutcome', () => {
  it('reviews Good on a first-try solve and reports the try count', () => {
    const result = recordOutcome(p.app.db, answer('correct'), T0);
    // Good on a new problem type graduates it at once (one learning step): back in two days, not ten minutes.
    expect(result).toMatchObject({ attemptsOnProblem: 1, solved: true, review: { rating: Rating.Good, due: T0 + 2 * DAY } });
    expect(result.attempt).toMatchObject({ attemptNo: 1, correct: true, createdAt: T0 });
    expect(getCard(p.app.db, p.learnerId, 't.a')?.strand).toBe('percent');
  });

  it('reviews Hard after wrong answers, once: answering the solved problem again changes nothing', () => {
    expect(recordOutcome(p.app.db, answer('wrong'), T0)).toMatchObject({ attemptsOnProblem: 1, solved: false, review: null });
    expect(getCard(p.app.db, p.learnerId, 't.a')).toBeUndefined();
    expect(recordOutcome(p.app.db, answer('invalid', { answer: '6o' }), T0 + 1)).toMatchObject({ attemptsOnProblem: 1, solved: false, review: null });
    const solved = recordOutcome(p.app.db, answer('correct'), T0 + MINUTE);
    expect(solved).toMatchObject({ attemptsOnProblem: 2, solved: true, review: { rating: Rating.Hard } });
    expect(solved.attempt.attemptNo).toBe(2);
    const due = getCard(p.app.db, p.learnerId, 't.a')?.due;
    expect(recordOutcome(p.app.db, answer('correct'), T0 + 2 * MINUTE)).toMatchObject({ attemptsOnProblem: 3, solved: true, review: null });
    expect(recordOutcome(p.app.db, answer('revealed'), T0 + 3 * MINUTE).review).toBeNull();
    expect(getCard(p.app.db, p.learnerId, 't.a')?.due).toBe(due);
  });

  it('reviews Hard when a hint was used on any try, and Good after only a nudge', () => {
    recordOutcome(p.app.db, answer('correct_needs_simplifying', { hintsUsed: 1 }), T0);
    expect(recordOutcome(p.app.db, answer('correct', { hintsUsed: 0 }), T0 + 1).review?.rating).toBe(Rating.Hard);
    recordOutcome(p.app.db, answer('check_units', { templateId: 't.b' }), T0);
    expect(recordOutcome(p.app.db, answer('correct', { templateId: 't.b' }), T0 + 1).review?.rating).toBe(Rating.Good);
  });

  it('reviews Again on a reveal, and never shows a reveal or unreadable input as a counted try', () => {
    const invalid = recordOutcome(p.app.db, answer('invalid', { answer: '' }), T0);
    expect(invalid).toMatchObject({ attemptsOnProblem: 0, review: null });
    const revealed = recordOutcome(p.app.db, answer('revealed'), T0 + MINUTE);
    // Again: back after the 30-minute learning step.
    expect(revealed).toMatchObject({ attemptsOnProblem: 0, solved: false, review: { rating: Rating.Again, due: T0 + MINUTE + 30 * MINUTE } });
  });

  it('reviews Easy when a first-try solve takes at most half the learner\'s usual time on the template', () => {
    // Three earlier first-try solves on other numbers, 60 s each, one day apart.
    for (let seed = 10; seed < 13; seed += 1) recordOutcome(p.app.db, answer('correct', { seed, elapsedMs: 60_000 }), T0 + (seed - 10) * 86_400_000);
    const later = T0 + 3 * 86_400_000;
    expect(recordOutcome(p.app.db, answer('correct', { seed: 20, elapsedMs: 31_000 }), later).review?.rating).toBe(Rating.Good);
    expect(recordOutcome(p.app.db, answer('correct', { seed: 21, elapsedMs: 25_000 }), later + MINUTE).review?.rating).toBe(Rating.Easy);
  });

  it('writes nothing when the attempt is refused', () => {
    expect(() => recordOutcome(p.app.db, answer('correct', { learnerId: 31 }), T0)).toThrow('recordAttempt: learner 31 does not exist');
    expect(() => recordOutcome(p.app.db, answer('revealed', { answer: '60' }), T0)).toThrow('a reveal has no answer');
    expect(p.app.db.prepare('SELECT (SELECT count(*) FROM attempts) + (SELECT count(*) FROM review_cards)').pluck().get()).toBe(0);
  });
});

describe('settleAbandoned', () => {
  it('rates Again, once per template, the problems answered but left unsolved', () => {
    recordOutcome(p.app.db, answer('wrong', { seed: 1 }), T0);
    recordOutcome(p.app.db, answer('wrong', { seed: 2 }), T0 + MINUTE);
    recordOutcome(p.app.db, answer('wrong', { templateId: 't.b', strand: 'ratio-rate' }), T0 + MINUTE);
    recordOutcome(p.app.db, answer('correct', { templateId: 't.b', strand: 'ratio-rate' }), T0 + 2 * MINUTE); // solved: not abandoned
    recordOutcome(p.app.db, answer('invalid', { templateId: 't.b', seed: 9, answer: '' }), T0 + 3 * MINUTE); // never answered

    const now = T0 + 5 * MINUTE;
    expect(settleAbandoned(p.app.db, p.learnerId, now)).toEqual([{ templateId: 't.a', due: now + 30 * MINUTE }]);
    expect(getCard(p.app.db, p.learnerId, 't.a')).toMatchObject({ strand: 'percent', due: now + 30 * MINUTE, card: { reps: 1, last_review: new Date(now) } });
    // Already settled: moving on again changes nothing.
    expect(settleAbandoned(p.app.db, p.learnerId, now + MINUTE)).toEqual([]);
    expect(getCard(p.app.db, p.learnerId, 't.a')?.card.reps).toBe(1);
  });

  it('leaves a problem alone when the template was reviewed after it, and settles a new wrong answer', () => {
    recordOutcome(p.app.db, answer('wrong', { seed: 1 }), T0);
    recordOutcome(p.app.db, answer('correct', { seed: 2 }), T0 + MINUTE); // reviewed after seed 1's answer
    expect(settleAbandoned(p.app.db, p.learnerId, T0 + 2 * MINUTE)).toEqual([]);
    recordOutcome(p.app.db, answer('wrong', { seed: 3 }), T0 + 3 * MINUTE);
    expect(settleAbandoned(p.app.db, p.learnerId, T0 + 4 * MINUTE).map((s) => s.templateId)).toEqual(['t.a']);
    expect(() => settleAbandoned(p.app.db, 404, T0)).toThrow('settleAbandoned: learner 404 does not exist');
  });
});
