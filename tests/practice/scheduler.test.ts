import { Rating, State } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gradeOutcome, pickNext, reviewTemplate, type PickCandidate, type ProblemFacts } from '../../src-main/practice/scheduler.js';
import { createRng } from '../../src-main/sampling/rng.js';
import { recordAttempt } from '../../src-main/storage/attempts.repo.js';
import { saveSchedulingSettings } from '../../src-main/practice/scheduling-store.js';
import { getCard } from '../../src-main/storage/review-cards.repo.js';
import { DAY, fixedRng, HOUR, MINUTE, openPracticeDb, T0, type PracticeDb } from './practice-fixtures.js';

describe('gradeOutcome', () => {
  const solved = (overrides: Partial<ProblemFacts> = {}): ProblemFacts => ({
    result: 'solved',
    wrongTries: 0,
    nudges: 0,
    hintsUsed: 0,
    elapsedMs: 30_000,
    previousSolveTimes: [],
    ...overrides,
  });

  it('rates a reveal or an abandoned problem Again, whatever else happened', () => {
    expect(gradeOutcome(solved({ result: 'revealed' }))).toBe(Rating.Again);
    expect(gradeOutcome(solved({ result: 'abandoned', wrongTries: 3 }))).toBe(Rating.Again);
    expect(gradeOutcome(solved({ result: 'revealed', elapsedMs: 1, previousSolveTimes: [60_000, 60_000, 60_000] }))).toBe(Rating.Again);
  });

  it('rates a solve after a wrong answer or with a hint Hard', () => {
    expect(gradeOutcome(solved({ wrongTries: 1 }))).toBe(Rating.Hard);
    expect(gradeOutcome(solved({ hintsUsed: 2 }))).toBe(Rating.Hard);
    expect(gradeOutcome(solved({ wrongTries: 1, elapsedMs: 1_000, previousSolveTimes: [60_000, 60_000, 60_000] }))).toBe(Rating.Hard);
  });

  it('rates a first-try solve Good, and Easy only when quick against at least three earlier solves', () => {
    expect(gradeOutcome(solved())).toBe(Rating.Good);
    expect(gradeOutcome(solved({ nudges: 1 }))).toBe(Rating.Good);
    // Median of the earlier solves is 60 s: 30 s is quick, 31 s is not.
    const history = [50_000, 60_000, 90_000];
    expect(gradeOutcome(solved({ elapsedMs: 30_000, previousSolveTimes: history }))).toBe(Rating.Easy);
    expect(gradeOutcome(solved({ elapsedMs: 31_000, previousSolveTimes: history }))).toBe(Rating.Good);
    // Even-sized history: the median is the mean of the middle two (55 s).
    expect(gradeOutcome(solved({ elapsedMs: 27_500, previousSolveTimes: [50_000, 60_000, 40_000, 90_000] }))).toBe(Rating.Easy);
    // Two earlier solves are too few to call anything quick; a nudge rules Easy out.
    expect(gradeOutcome(solved({ elapsedMs: 1_000, previousSolveTimes: [60_000, 60_000] }))).toBe(Rating.Good);
    expect(gradeOutcome(solved({ elapsedMs: 1_000, nudges: 1, previousSolveTimes: history }))).toBe(Rating.Good);
  });

  it('refuses impossible facts', () => {
    expect(() => gradeOutcome(solved({ wrongTries: -1 }))).toThrow('gradeOutcome: wrongTries must be a non-negative integer; got -1');
    expect(() => gradeOutcome(solved({ result: 'skipped' as ProblemFacts['result'] }))).toThrow('result must be solved, revealed or abandoned; got "skipped"');
  });
});

describe('reviewTemplate and pickNext (real database, fixed clock)', () => {
  const ids = ['t.a', 't.b', 't.c', 't.d'];
  let p: PracticeDb;
  beforeEach(() => {
    p = openPracticeDb(ids);
  });
  afterEach(() => {
    p.close();
  });
  const review = (templateId: string, rating: Parameters<typeof reviewTemplate>[4], at: number): number =>
    reviewTemplate(p.app.db, p.learnerId, templateId, 'percent', rating, at).due;
  const candidates = (list: string[], grades: Record<string, number> = {}): PickCandidate[] => list.map((templateId) => ({ templateId, gradeMin: grades[templateId] ?? 6 }));

  it('stores a card per template: a miss comes back in the session, a first-try solve graduates to days at once', () => {
    const again = review('t.a', Rating.Again, T0);
    const hard = review('t.c', Rating.Hard, T0);
    const good = review('t.b', Rating.Good, T0);
    expect(again).toBe(T0 + 30 * MINUTE); // the one learning step
    expect(hard).toBe(T0 + 45 * MINUTE); // ts-fsrs: 1.5 × a single step
    expect(good).toBe(T0 + 2 * DAY); // Good on a new card leaves learning: no return ten minutes later
    expect(getCard(p.app.db, p.learnerId, 't.b')?.card).toMatchObject({ reps: 1, state: State.Review, last_review: new Date(T0) });
    // Hard stays in learning; Good then graduates it to days.
    const graduated = review('t.c', Rating.Good, hard);
    expect(graduated - hard).toBeGreaterThanOrEqual(DAY);
    const card = getCard(p.app.db, p.learnerId, 't.c');
    expect(card).toMatchObject({ strand: 'percent', due: graduated });
    expect(card?.card).toMatchObject({ reps: 2, state: State.Review, last_review: new Date(hard) });
    expect(() => reviewTemplate(p.app.db, p.learnerId, 't.a', null, Rating.Manual as unknown as Rating.Good, T0)).toThrow('reviewTemplate: rating must be Again (1), Hard (2), Good (3) or Easy (4); got 0');
    expect(() => reviewTemplate(p.app.db, 999, 't.a', null, Rating.Good, T0)).toThrow('putCard: learner 999 does not exist');
  });

  it('schedules with the library\'s saved settings: other steps, other retention', () => {
    saveSchedulingSettings(p.app.db, { desiredRetention: 0.9, learningSteps: ['1m', '10m'], relearningSteps: ['10m'] });
    expect(review('t.a', Rating.Again, T0)).toBe(T0 + MINUTE);
    expect(review('t.b', Rating.Good, T0)).toBe(T0 + 10 * MINUTE); // ts-fsrs's own defaults: the issue-17 behaviour
    const graduateAt = (retention: number): number => {
      saveSchedulingSettings(p.app.db, { desiredRetention: retention, learningSteps: ['30m'], relearningSteps: ['30m'] });
      return reviewTemplate(p.app.db, p.learnerId, `r.${retention}`, null, Rating.Good, T0).due;
    };
    // Asking for more retention brings a problem type back sooner.
    expect(graduateAt(0.95)).toBeLessThan(graduateAt(0.9));
    expect(graduateAt(0.9)).toBeLessThan(graduateAt(0.8));
  });

  it('picks a due card first, the most overdue one, before any new template', () => {
    review('t.a', Rating.Again, T0); // due T0 + 30 min
    review('t.b', Rating.Again, T0 - HOUR); // due half an hour before T0
    review('t.c', Rating.Good, T0); // due in two days
    const now = T0 + 35 * MINUTE;
    expect(pickNext(p.app.db, candidates(ids), p.learnerId, now, fixedRng(0))).toEqual({ templateId: 't.b', reason: 'due for review' });
    // Only cards of the scope count: outside it, t.b is not offered.
    expect(pickNext(p.app.db, candidates(['t.a', 't.c', 't.d']), p.learnerId, now, fixedRng(0))).toEqual({ templateId: 't.a', reason: 'due for review' });
  });

  it('never repeats the template just shown while there is another, even a due one', () => {
    review('t.a', Rating.Again, T0 - DAY);
    review('t.b', Rating.Again, T0);
    const now = T0 + 31 * MINUTE;
    expect(pickNext(p.app.db, candidates(ids), p.learnerId, now, fixedRng(0), 't.a')).toEqual({ templateId: 't.b', reason: 'due for review' });
    // No other due card: a new template rather than the one just shown.
    expect(pickNext(p.app.db, candidates(['t.a', 't.d']), p.learnerId, now, fixedRng(0), 't.a')).toEqual({ templateId: 't.d', reason: 'new' });
    // The scope's only template is shown again: there is no alternative.
    expect(pickNext(p.app.db, candidates(['t.a']), p.learnerId, now, fixedRng(0), 't.a')).toEqual({ templateId: 't.a', reason: 'due for review' });
  });

  it('offers new templates before re-reviewing ones not yet due, lowest grade first, at random within it', () => {
    review('t.a', Rating.Good, T0); // seen, due in two days
    recordAttempt(p.app.db, { learnerId: p.learnerId, templateId: 't.b', seed: 1, strand: null, topic: null, answer: '1', verdict: 'wrong', elapsedMs: 5 }, { now: T0 }); // seen, no card yet
    const grades = { 't.c': 7, 't.d': 7, 'e.x': 9 };
    const pool = [...candidates(['t.a', 't.b', 't.c', 't.d'], grades), { templateId: 'e.x', gradeMin: 9 }, { templateId: 'e.y' }];
    const now = T0 + MINUTE;
    expect(pickNext(p.app.db, pool, p.learnerId, now, fixedRng(0))).toEqual({ templateId: 't.c', reason: 'new' });
    expect(pickNext(p.app.db, pool, p.learnerId, now, fixedRng(0.99))).toEqual({ templateId: 't.d', reason: 'new' });
    // The engine's seeded Rng works as the random source, and always picks within the lowest grade.
    const rng = createRng('learner-1', 7);
    for (let i = 0; i < 20; i += 1) expect(['t.c', 't.d']).toContain(pickNext(p.app.db, pool, p.learnerId, now, rng).templateId);
    // Templates without a grade come after graded ones.
    expect(pickNext(p.app.db, [{ templateId: 'e.y' }, { templateId: 'e.x', gradeMin: 9 }], p.learnerId, now, fixedRng(0))).toEqual({ templateId: 'e.x', reason: 'new' });
  });

  it('keeps practising the template seen least recently once everything is seen and nothing is due', () => {
    review('t.a', Rating.Good, T0 - 3 * MINUTE); // due in two days, last seen T0 - 3 min
    review('t.b', Rating.Good, T0 - 5 * MINUTE); // due in two days, last seen T0 - 5 min...
    recordAttempt(p.app.db, { learnerId: p.learnerId, templateId: 't.b', seed: 2, strand: null, topic: null, answer: '1', verdict: 'wrong', elapsedMs: 5 }, { now: T0 - MINUTE }); // ...but answered at T0 - 1 min
    review('t.c', Rating.Good, T0 - 4 * MINUTE); // due in two days, last seen T0 - 4 min
    const pool = candidates(['t.a', 't.b', 't.c']);
    expect(pickNext(p.app.db, pool, p.learnerId, T0, fixedRng(0))).toEqual({ templateId: 't.c', reason: 'keep practising' });
    expect(pickNext(p.app.db, pool, p.learnerId, T0, fixedRng(0), 't.c')).toEqual({ templateId: 't.a', reason: 'keep practising' });
    // Once due, the same cards come back as reviews, the one due first first.
    expect(pickNext(p.app.db, pool, p.learnerId, T0 + 2 * DAY, fixedRng(0))).toEqual({ templateId: 't.b', reason: 'due for review' });
  });

  it('copes with a mixed scope over a large imported dataset (250,000 candidates)', () => {
    const many: PickCandidate[] = Array.from({ length: 250_000 }, (_, i) => ({ templateId: `gsm.${i}`, gradeMin: i === 177_777 ? 3 : 8 }));
    expect(pickNext(p.app.db, many, p.learnerId, T0, fixedRng(0.5))).toEqual({ templateId: 'gsm.177777', reason: 'new' });
  });

  it('refuses an empty scope, an unknown learner and a broken random source', () => {
    expect(() => pickNext(p.app.db, [], p.learnerId, T0, fixedRng(0))).toThrow('pickNext: the scope has no templates to practise');
    expect(() => pickNext(p.app.db, candidates(ids), 5150, T0, fixedRng(0))).toThrow('pickNext: learner 5150 does not exist');
    expect(() => pickNext(p.app.db, candidates(ids), p.learnerId, T0, fixedRng(1))).toThrow('pickNext: rng.next() must return a number in [0, 1); got 1');
  });
});

