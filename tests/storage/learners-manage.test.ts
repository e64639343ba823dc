/** Renaming and deleting learners on a real library file: names stay unique, a deletion takes the whole history and nobody else's. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordOutcome } from '../../src-main/practice/record-outcome.js';
import { skipProblem } from '../../src-main/practice/skip-problem.js';
import { createLearner, deleteLearner, findLearnerByName, getLearner, learnerHistoryCounts, LearnerNameTakenError, listLearners, renameLearner } from '../../src-main/storage/learners.repo.js';
import { openPracticeDb, T0, type PracticeDb } from '../practice/practice-fixtures.js';

let p: PracticeDb;
beforeEach(() => {
  p = openPracticeDb(['t.a', 't.b']);
});
afterEach(() => {
  p.close();
});

function practise(learnerId: number): void {
  const base = { learnerId, templateId: 't.a', strand: 'percent', topic: null };
  recordOutcome(p.app.db, { ...base, seed: 1, answer: '5', verdict: 'wrong', elapsedMs: 10 }, T0);
  recordOutcome(p.app.db, { ...base, seed: 1, answer: '60', verdict: 'correct', elapsedMs: 10 }, T0 + 1);
  skipProblem(p.app.db, { ...base, templateId: 't.b', seed: 4, hintsUsed: 0, elapsedMs: 5 }, T0 + 2);
  p.app.db
    .prepare("INSERT INTO tutor_requests (learner_id, template_id, seed, model, outcome, created_at) VALUES (?, 't.a', 1, 'm', 'done', 3)")
    .run(learnerId);
}

describe('renameLearner', () => {
  it('renames, keeps the history with the learner, and may change only the case of one’s own name', () => {
    practise(p.learnerId);
    expect(renameLearner(p.app.db, p.learnerId, '  Amira K.  ')).toEqual({ id: p.learnerId, name: 'Amira K.', createdAt: T0 });
    expect(getLearner(p.app.db, p.learnerId)?.name).toBe('Amira K.');
    expect(renameLearner(p.app.db, p.learnerId, 'AMIRA k.').name).toBe('AMIRA k.');
    expect(learnerHistoryCounts(p.app.db, p.learnerId)).toEqual({ attempts: 2, skips: 1, reviewCards: 1, tutorRequests: 1 });
    expect(findLearnerByName(p.app.db, 'amira K.')?.id).toBe(p.learnerId);
  });

  it('refuses a name another learner has (any case), an empty or over-long one, control characters, and unknown learners', () => {
    const ben = createLearner(p.app.db, 'Ben');
    expect(() => renameLearner(p.app.db, ben.id, 'amira')).toThrow(LearnerNameTakenError);
    expect(() => renameLearner(p.app.db, ben.id, 'amira')).toThrow('renameLearner: a learner named "Amira" already exists');
    expect(() => renameLearner(p.app.db, ben.id, '   ')).toThrow('renameLearner: the name is empty');
    expect(() => renameLearner(p.app.db, ben.id, 'x'.repeat(61))).toThrow('at most 60 are allowed');
    expect(() => renameLearner(p.app.db, ben.id, 'Be\nn')).toThrow('control character');
    expect(() => renameLearner(p.app.db, 999, 'Zed')).toThrow('renameLearner: learner 999 does not exist');
    expect(listLearners(p.app.db).map((l) => l.name)).toEqual(['Amira', 'Ben']);
  });
});

describe('deleteLearner', () => {
  it('removes the learner and every row of their history, and leaves everyone else’s alone', () => {
    const ben = createLearner(p.app.db, 'Ben');
    practise(p.learnerId);
    practise(ben.id);
    const deleted = deleteLearner(p.app.db, p.learnerId);
    expect(deleted).toEqual({ learner: { id: p.learnerId, name: 'Amira', createdAt: T0 }, attempts: 2, skips: 1, reviewCards: 1, tutorRequests: 1 });
    expect(getLearner(p.app.db, p.learnerId)).toBeUndefined();
    for (const table of ['attempts', 'skips', 'review_cards', 'tutor_requests']) {
      expect(p.app.db.prepare(`SELECT DISTINCT learner_id FROM ${table}`).pluck().all(), table).toEqual([ben.id]);
    }
    expect(learnerHistoryCounts(p.app.db, ben.id)).toEqual({ attempts: 2, skips: 1, reviewCards: 1, tutorRequests: 1 });
    expect(() => deleteLearner(p.app.db, p.learnerId)).toThrow(`deleteLearner: learner ${p.learnerId} does not exist`);
    // The name is free again.
    expect(createLearner(p.app.db, 'amira').name).toBe('amira');
  });
});
