import { createEmptyCard, fsrs, Rating, State } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attemptsOnInstance,
  instanceHistory,
  recordAttempt,
  seenInstances,
  unfinishedInstances,
  type AttemptInput,
} from '../../src-main/storage/attempts.repo.js';
import { createLearner, getLearner, LearnerNameTakenError, LearnerNotFoundError, listLearners } from '../../src-main/storage/learners.repo.js';
import { countDueCards, dueCards, getCard, putCard } from '../../src-main/storage/review-cards.repo.js';
import { deleteTemplate } from '../../src-main/storage/templates.repo.js';
import { DAY, HOUR, MINUTE, openPracticeDb, T0, type PracticeDb } from '../practice/practice-fixtures.js';

let p: PracticeDb;
beforeEach(() => {
  p = openPracticeDb(['t.a', 't.b', 't.c']);
});
afterEach(() => {
  p.close();
});

const attempt = (overrides: Partial<AttemptInput> = {}): AttemptInput => ({
  learnerId: p.learnerId,
  templateId: 't.a',
  seed: 1,
  strand: 'percent',
  topic: 'discount',
  answer: '60',
  verdict: 'wrong',
  elapsedMs: 20_000,
  ...overrides,
});

describe('learners', () => {
  it('creates learners with trimmed names and lists them by name ignoring case', () => {
    const zoe = createLearner(p.app.db, '  zoë  ', { now: T0 + 1 });
    const ben = createLearner(p.app.db, 'Ben', { now: T0 + 2 });
    expect(zoe).toEqual({ id: zoe.id, name: 'zoë', createdAt: T0 + 1 });
    expect(listLearners(p.app.db).map((l) => l.name)).toEqual(['Amira', 'Ben', 'zoë']);
    expect(getLearner(p.app.db, ben.id)).toEqual({ id: ben.id, name: 'Ben', createdAt: T0 + 2 });
    expect(getLearner(p.app.db, 9999)).toBeUndefined();
  });

  it('refuses a name already used in another case, empty, too long or with control characters', () => {
    const taken = (): unknown => createLearner(p.app.db, ' AMIRA ');
    expect(taken).toThrow(LearnerNameTakenError);
    expect(taken).toThrow('a learner named "Amira" already exists (names are compared ignoring case)');
    expect(() => createLearner(p.app.db, ' \t ')).toThrow('createLearner: the name is empty');
    expect(() => createLearner(p.app.db, 'x'.repeat(61))).toThrow('the name has 61 characters; at most 60 are allowed');
    expect(() => createLearner(p.app.db, 'Ben\nSmith')).toThrow('control character');
    expect(listLearners(p.app.db)).toHaveLength(1);
  });
});

describe('attempts', () => {
  it('numbers tries per instance, not counting unreadable input, and marks only "correct" as correct', () => {
    const rows = [
      recordAttempt(p.app.db, attempt({ verdict: 'invalid', answer: 'sixty?' }), { now: T0 }),
      recordAttempt(p.app.db, attempt({ verdict: 'wrong', answer: '50' }), { now: T0 + 1 }),
      recordAttempt(p.app.db, attempt({ verdict: 'invalid', answer: '' }), { now: T0 + 2 }),
      recordAttempt(p.app.db, attempt({ verdict: 'correct_needs_simplifying', answer: '120/2' }), { now: T0 + 3 }),
      recordAttempt(p.app.db, attempt({ verdict: 'correct', answer: '60', hintsUsed: 1 }), { now: T0 + 4 }),
    ];
    expect(rows.map((r) => [r.verdict, r.attemptNo, r.correct])).toEqual([
      ['invalid', 1, false],
      ['wrong', 1, false],
      ['invalid', 2, false],
      ['correct_needs_simplifying', 2, false],
      ['correct', 3, true],
    ]);
    // Another seed and another learner start again at 1.
    expect(recordAttempt(p.app.db, attempt({ seed: 2 }), { now: T0 + 5 }).attemptNo).toBe(1);
    const ben = createLearner(p.app.db, 'Ben');
    expect(recordAttempt(p.app.db, attempt({ learnerId: ben.id }), { now: T0 + 6 }).attemptNo).toBe(1);

    const stored = instanceHistory(p.app.db, p.learnerId, 't.a', 1);
    expect(stored).toEqual(rows);
    // Counted attempts: the wrong answer, the unsimplified one and the correct one.
    expect(attemptsOnInstance(p.app.db, p.learnerId, 't.a', 1)).toBe(3);
    expect(attemptsOnInstance(p.app.db, p.learnerId, 't.a', 2)).toBe(1);
    expect(attemptsOnInstance(p.app.db, p.learnerId, 't.b', 1)).toBe(0);
    expect(stored[4]).toMatchObject({ strand: 'percent', topic: 'discount', answer: '60', hintsUsed: 1, elapsedMs: 20_000, createdAt: T0 + 4 });
  });

  it('stores a reveal without an answer and counts it as a try of the instance', () => {
    recordAttempt(p.app.db, attempt({ verdict: 'wrong' }), { now: T0 });
    const reveal = recordAttempt(p.app.db, attempt({ verdict: 'revealed', answer: null, elapsedMs: 45_000 }), { now: T0 + MINUTE });
    expect(reveal).toMatchObject({ verdict: 'revealed', answer: null, correct: false, attemptNo: 2 });
    expect(attemptsOnInstance(p.app.db, p.learnerId, 't.a', 1)).toBe(1);
  });

  it('refuses bad input with a specific message and writes nothing', () => {
    const cases: [Partial<AttemptInput>, string][] = [
      [{ learnerId: 4242 }, 'recordAttempt: learner 4242 does not exist'],
      [{ learnerId: 0 }, 'learnerId must be a positive integer; got 0'],
      [{ templateId: ' ' }, 'recordAttempt: templateId is empty'],
      [{ seed: 1.5 }, 'seed must be a safe integer'],
      [{ verdict: 'almost' as AttemptInput['verdict'] }, 'verdict must be one of correct, correct_needs_simplifying, check_units, wrong, invalid, revealed; got "almost"'],
      [{ verdict: 'revealed', answer: '60' }, 'a reveal has no answer (answer must be null)'],
      [{ verdict: 'wrong', answer: null }, 'answer must be a string for the verdict "wrong"'],
      [{ answer: '9'.repeat(1001) }, 'the answer has 1001 characters; at most 1000 are stored'],
      [{ elapsedMs: -1 }, 'elapsedMs must be a non-negative integer; got -1'],
      [{ hintsUsed: 0.5 }, 'hintsUsed must be a non-negative integer; got 0.5'],
    ];
    for (const [overrides, message] of cases) {
      expect(() => recordAttempt(p.app.db, attempt(overrides), { now: T0 }), message).toThrow(message);
    }
    expect(() => recordAttempt(p.app.db, attempt({ learnerId: 4242 }))).toThrow(LearnerNotFoundError);
    expect(p.app.db.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(0);
  });

  it('lists the seeds a learner has seen of a template, unreadable input included', () => {
    recordAttempt(p.app.db, attempt({ seed: 5, verdict: 'invalid', answer: '?' }), { now: T0 });
    recordAttempt(p.app.db, attempt({ seed: 9 }), { now: T0 });
    recordAttempt(p.app.db, attempt({ seed: 9, verdict: 'correct' }), { now: T0 });
    recordAttempt(p.app.db, attempt({ seed: 3, templateId: 't.b' }), { now: T0 });
    const ben = createLearner(p.app.db, 'Ben');
    recordAttempt(p.app.db, attempt({ seed: 4, learnerId: ben.id }), { now: T0 });
    expect(seenInstances(p.app.db, p.learnerId, 't.a')).toEqual(new Set([5, 9]));
    expect(seenInstances(p.app.db, ben.id, 't.a')).toEqual(new Set([4]));
    expect(seenInstances(p.app.db, p.learnerId, 't.c')).toEqual(new Set());
  });

  it('finds instances answered but neither solved nor revealed', () => {
    recordAttempt(p.app.db, attempt({ seed: 1, verdict: 'wrong' }), { now: T0 }); // unfinished
    recordAttempt(p.app.db, attempt({ seed: 2, verdict: 'wrong' }), { now: T0 });
    recordAttempt(p.app.db, attempt({ seed: 2, verdict: 'correct' }), { now: T0 + 1 }); // solved
    recordAttempt(p.app.db, attempt({ seed: 3, verdict: 'wrong' }), { now: T0 });
    recordAttempt(p.app.db, attempt({ seed: 3, verdict: 'revealed', answer: null }), { now: T0 + 1 }); // revealed
    recordAttempt(p.app.db, attempt({ seed: 4, verdict: 'invalid', answer: '??' }), { now: T0 }); // never answered
    recordAttempt(p.app.db, attempt({ templateId: 't.b', seed: 1, verdict: 'check_units', strand: 'ratio-rate' }), { now: T0 + 5 }); // unfinished
    expect(unfinishedInstances(p.app.db, p.learnerId)).toEqual([
      { templateId: 't.a', seed: 1, strand: 'percent', lastAt: T0 },
      { templateId: 't.b', seed: 1, strand: 'ratio-rate', lastAt: T0 + 5 },
    ]);
  });
});

describe('review cards', () => {
  const scheduler = fsrs({ enable_fuzz: false });
  const cardDueIn = (ms: number) => ({ ...createEmptyCard(new Date(T0)), due: new Date(T0 + ms) });

  it('round-trips a ts-fsrs card exactly, dates included, and replaces it on the next put', () => {
    const first = scheduler.next(createEmptyCard(new Date(T0)), new Date(T0), Rating.Good).card;
    expect(getCard(p.app.db, p.learnerId, 't.a')).toBeUndefined();
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.a', strand: 'percent', card: first });
    expect(getCard(p.app.db, p.learnerId, 't.a')).toEqual({ learnerId: p.learnerId, templateId: 't.a', strand: 'percent', card: first, due: T0 + 10 * MINUTE });

    const second = scheduler.next(first, new Date(T0 + 10 * MINUTE), Rating.Good).card;
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.a', strand: 'percent', card: second });
    const stored = getCard(p.app.db, p.learnerId, 't.a');
    expect(stored?.card).toEqual(second);
    expect(stored?.card.state).toBe(State.Review);
    expect(stored?.card.reps).toBe(2);
    expect(stored?.card.last_review).toEqual(new Date(T0 + 10 * MINUTE));
    expect(p.app.db.prepare('SELECT count(*) FROM review_cards').pluck().get()).toBe(1);
  });

  it('lists due cards most overdue first, within a limit and optionally one strand', () => {
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.a', strand: 'percent', card: cardDueIn(-MINUTE) });
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.b', strand: 'fractions', card: cardDueIn(-DAY) });
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.c', strand: 'percent', card: cardDueIn(-2 * HOUR) });
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 'gone', strand: 'percent', card: cardDueIn(MINUTE) });
    expect(dueCards(p.app.db, p.learnerId, T0, 10).map((c) => c.templateId)).toEqual(['t.b', 't.c', 't.a']);
    expect(dueCards(p.app.db, p.learnerId, T0, 2).map((c) => c.templateId)).toEqual(['t.b', 't.c']);
    expect(dueCards(p.app.db, p.learnerId, T0, 10, 'percent').map((c) => c.templateId)).toEqual(['t.c', 't.a']);
    expect(dueCards(p.app.db, p.learnerId, T0 + MINUTE, 10).map((c) => c.templateId)).toEqual(['t.b', 't.c', 't.a', 'gone']);
    expect(() => dueCards(p.app.db, p.learnerId, T0, 0)).toThrow('dueCards: limit must be a positive integer; got 0');
  });

  it('counts due cards only for templates still in the library', () => {
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.a', strand: null, card: cardDueIn(-MINUTE) });
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.b', strand: null, card: cardDueIn(-MINUTE) });
    putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.c', strand: null, card: cardDueIn(DAY) });
    expect(countDueCards(p.app.db, p.learnerId, T0)).toBe(2);
    deleteTemplate(p.app.db, 't.a');
    expect(countDueCards(p.app.db, p.learnerId, T0)).toBe(1);
    expect(getCard(p.app.db, p.learnerId, 't.a')).toBeDefined(); // the card itself survives
  });

  it('refuses a card for a missing learner or with a broken date, and names the row of a corrupted card', () => {
    expect(() => putCard(p.app.db, { learnerId: 77, templateId: 't.a', strand: null, card: cardDueIn(0) })).toThrow('putCard: learner 77 does not exist');
    expect(() => putCard(p.app.db, { learnerId: p.learnerId, templateId: 't.a', strand: null, card: { ...cardDueIn(0), due: new Date(Number.NaN) } })).toThrow(
      'putCard: card of "t.a": due is not a valid date',
    );
    const corrupt = p.app.db.prepare<[number, string, string]>("INSERT INTO review_cards (learner_id, template_id, card_json, due) VALUES (?, ?, ?, 5)");
    corrupt.run(p.learnerId, 't.b', '{"due": 5, "state": 9}');
    corrupt.run(p.learnerId, 't.c', '{"due": 5, "state": 2, "stability": "high"}');
    expect(() => getCard(p.app.db, p.learnerId, 't.b')).toThrow(`review_cards row (learner ${p.learnerId}, "t.b"), card_json: "state" should be 0..3; found 9`);
    expect(() => getCard(p.app.db, p.learnerId, 't.c')).toThrow(`review_cards row (learner ${p.learnerId}, "t.c"), card_json: "stability" should be a finite number`);
  });
});
