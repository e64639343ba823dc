/**
 * A learner's progress file between two real library files: export from one, import into another
 * (a new learner is created), import again (nothing doubles), merge into a learner of the same name
 * with history of their own (the newer card wins, attempt numbers re-derived over both histories),
 * and the file as untrusted input: bad rows are reported one by one and left out, an unusable file is
 * refused with a reason and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { progressSummary } from '../../src-main/practice/progress-summary.js';
import { recordOutcome } from '../../src-main/practice/record-outcome.js';
import { reviewTemplate } from '../../src-main/practice/scheduler.js';
import { skipProblem } from '../../src-main/practice/skip-problem.js';
import { PROGRESS_FILE_KIND } from '../../src-main/learners/progress-file.js';
import { exportProgress, importProgress, progressFileName } from '../../src-main/learners/transfer-progress.js';
import { openDatabase, type AppDatabase } from '../../src-main/storage/database.js';
import { instanceHistory } from '../../src-main/storage/attempts.repo.js';
import { createLearner, findLearnerByName, listLearners } from '../../src-main/storage/learners.repo.js';
import { getCard } from '../../src-main/storage/review-cards.repo.js';
import { allSkips } from '../../src-main/storage/skips.repo.js';
import { DAY, MINUTE, openPracticeDb, T0, type PracticeDb } from '../practice/practice-fixtures.js';
import { makeTempDir, type TempDir } from '../storage/storage-fixtures.js';

const INFO = { appVersion: '9.9.9', schemaVersion: 6, now: T0 + 3 * DAY };
const LABELS = { percent: 'Percent' };

let home: PracticeDb;
let tmp: TempDir;
let other: AppDatabase;
beforeEach(() => {
  home = openPracticeDb(['t.a', 't.b']);
  tmp = makeTempDir('imstudio-progress-');
  other = openDatabase(tmp.file('other.sqlite'));
});
afterEach(() => {
  other.close();
  tmp.remove();
  home.close();
});

/** Amira's history at home: a wrong then right answer, a first-try solve, a reveal, a skip. */
function amirasHistory(): void {
  const base = { learnerId: home.learnerId, strand: 'percent', topic: 'discount' };
  recordOutcome(home.app.db, { ...base, templateId: 't.a', seed: 1, answer: '5', verdict: 'wrong', elapsedMs: 9_000 }, T0);
  recordOutcome(home.app.db, { ...base, templateId: 't.a', seed: 1, answer: '60', verdict: 'correct', elapsedMs: 20_000, hintsUsed: 1 }, T0 + MINUTE);
  recordOutcome(home.app.db, { ...base, templateId: 't.b', seed: 3, answer: '7', verdict: 'correct', elapsedMs: 15_000 }, T0 + 2 * MINUTE);
  recordOutcome(home.app.db, { ...base, templateId: 't.b', seed: 4, answer: null, verdict: 'revealed', elapsedMs: 0 }, T0 + DAY);
  skipProblem(home.app.db, { ...base, templateId: 't.a', seed: 9, hintsUsed: 0, elapsedMs: 4_000 }, T0 + DAY + MINUTE);
}

const exported = (): string => JSON.stringify(exportProgress(home.app.db, home.learnerId, INFO));

describe('exportProgress', () => {
  it('writes the learner, every answer, reveal and skip with its time, and each card; nothing derived', () => {
    amirasHistory();
    const file = exportProgress(home.app.db, home.learnerId, INFO);
    expect(file).toMatchObject({ kind: PROGRESS_FILE_KIND, version: 1, exportedAt: new Date(INFO.now).toISOString(), app: { version: '9.9.9', schemaVersion: 6 }, learner: { name: 'Amira', createdAt: T0 } });
    expect(file.attempts.map((a) => [a.templateId, a.seed, a.verdict, a.answer, a.createdAt])).toEqual([
      ['t.a', 1, 'wrong', '5', T0],
      ['t.a', 1, 'correct', '60', T0 + MINUTE],
      ['t.b', 3, 'correct', '7', T0 + 2 * MINUTE],
      ['t.b', 4, 'revealed', null, T0 + DAY],
    ]);
    expect(file.attempts[1]).toEqual({ templateId: 't.a', seed: 1, strand: 'percent', topic: 'discount', answer: '60', verdict: 'correct', elapsedMs: 20_000, hintsUsed: 1, createdAt: T0 + MINUTE });
    expect(file.skips).toEqual([{ templateId: 't.a', seed: 9, strand: 'percent', topic: 'discount', answersBefore: 0, hintsUsed: 0, elapsedMs: 4_000, createdAt: T0 + DAY + MINUTE }]);
    expect(file.reviewCards.map((c) => c.templateId).sort()).toEqual(['t.a', 't.b']);
    expect(progressFileName('Amira K. / 5b', INFO.now)).toBe('Amira-K-5b-progress-2026-03-05.json');
    expect(progressFileName('日本', INFO.now)).toBe('learner-progress-2026-03-05.json');
  });
});

describe('importProgress', () => {
  it('into another library: creates the learner, and their Progress page reads exactly as at home', () => {
    amirasHistory();
    const report = importProgress(other.db, exported(), { now: INFO.now });
    expect(report).toMatchObject({ action: 'created', fileName: 'Amira', added: { attempts: 4, skips: 1, reviewCards: 2 }, alreadyHere: { attempts: 0, skips: 0 }, cardsKept: 0, problems: [], problemCount: 0, dryRun: false });
    expect(report.learner).toMatchObject({ name: 'Amira', createdAt: T0 });
    const there = findLearnerByName(other.db, 'Amira');
    if (there === undefined) throw new Error('no learner');
    // Same figures (dueNow aside: it counts only templates the library has, and this one has none).
    const at = T0 + 3 * DAY;
    expect({ ...progressSummary(other.db, there.id, at, LABELS), dueNow: 0 }).toEqual({ ...progressSummary(home.app.db, home.learnerId, at, LABELS), dueNow: 0 });
    expect(getCard(other.db, there.id, 't.a')?.card).toEqual(getCard(home.app.db, home.learnerId, 't.a')?.card);
    expect(instanceHistory(other.db, there.id, 't.a', 1).map((a) => [a.attemptNo, a.correct])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('a second import of the same file adds nothing; a dry run reports without writing', () => {
    amirasHistory();
    const text = exported();
    const dry = importProgress(other.db, text, { now: INFO.now, dryRun: true });
    expect(dry).toMatchObject({ action: 'created', dryRun: true, added: { attempts: 4, skips: 1, reviewCards: 2 } });
    expect(listLearners(other.db)).toEqual([]);
    importProgress(other.db, text, { now: INFO.now });
    const again = importProgress(other.db, text, { now: INFO.now });
    expect(again).toMatchObject({ action: 'merged', added: { attempts: 0, skips: 0, reviewCards: 0 }, alreadyHere: { attempts: 4, skips: 1 }, cardsKept: 2 });
    expect(other.db.prepare('SELECT (SELECT count(*) FROM attempts) AS a, (SELECT count(*) FROM skips) AS s, (SELECT count(*) FROM review_cards) AS c').get()).toEqual({ a: 4, s: 1, c: 2 });
  });

  it('merges into a learner of the same name (any case): both histories, attempt numbers over both, the newer card wins', () => {
    amirasHistory();
    const text = exported();
    // At school, "AMIRA" answered the same numbers earlier, and reviewed t.b later than at home.
    const school = createLearner(other.db, 'AMIRA', { now: T0 - DAY });
    const base = { learnerId: school.id, strand: 'percent', topic: 'discount' };
    recordOutcome(other.db, { ...base, templateId: 't.a', seed: 1, answer: '3', verdict: 'wrong', elapsedMs: 1_000 }, T0 - HALF_MINUTE);
    reviewTemplate(other.db, school.id, 't.b', 'percent', Rating.Good, T0 + 2 * DAY);
    const schoolCard = getCard(other.db, school.id, 't.b')?.card;

    const report = importProgress(other.db, text, { now: INFO.now });
    expect(report).toMatchObject({ action: 'merged', learner: { id: school.id, name: 'AMIRA' }, added: { attempts: 4, skips: 1, reviewCards: 1 }, cardsKept: 1 });
    expect(instanceHistory(other.db, school.id, 't.a', 1).map((a) => [a.answer, a.attemptNo])).toEqual([
      ['3', 1],
      ['5', 2],
      ['60', 3],
    ]);
    expect(getCard(other.db, school.id, 't.b')?.card).toEqual(schoolCard); // reviewed later at school: kept
    expect(getCard(other.db, school.id, 't.a')?.card).toEqual(getCard(home.app.db, home.learnerId, 't.a')?.card); // only at home: added
    expect(listLearners(other.db).map((l) => l.name)).toEqual(['AMIRA']);
  });

  it('imports under another name when asked (a new learner, or a merge if that name exists)', () => {
    amirasHistory();
    expect(importProgress(other.db, exported(), { now: INFO.now, name: 'Amira (home)' })).toMatchObject({ action: 'created', learner: { name: 'Amira (home)' } });
    createLearner(other.db, 'Kim');
    expect(importProgress(other.db, exported(), { now: INFO.now, name: 'kim' })).toMatchObject({ action: 'merged', learner: { name: 'Kim' } });
    expect(() => importProgress(other.db, exported(), { now: INFO.now, name: 'x\ty' })).toThrow('importProgress: the name contains a control character');
  });
});

const HALF_MINUTE = 30_000;

describe('the progress file as untrusted input', () => {
  const envelope = (rows: { attempts?: unknown[]; skips?: unknown[]; reviewCards?: unknown[] }, learner: unknown = { name: 'Zoe', createdAt: T0 }): string =>
    JSON.stringify({ kind: PROGRESS_FILE_KIND, version: 1, exportedAt: 'x', learner, attempts: [], skips: [], reviewCards: [], ...rows });
  const goodAttempt = { templateId: 't.a', seed: 1, strand: null, topic: null, answer: '1', verdict: 'correct', elapsedMs: 1, hintsUsed: 0, createdAt: T0 };

  it.each([
    ['not JSON', '{"kind": ', 'it is not valid JSON'],
    ['an array', '[]', 'not an InfinityMATH Studio progress file'],
    ['another kind of file', JSON.stringify({ kind: 'something-else', version: 1 }), 'not an InfinityMATH Studio progress file'],
    ['a newer format', JSON.stringify({ kind: PROGRESS_FILE_KIND, version: 2, learner: { name: 'Zoe' } }), 'format version 2, written by a newer InfinityMATH Studio'],
    ['no learner', JSON.stringify({ kind: PROGRESS_FILE_KIND, version: 1 }), 'the progress file is damaged: learner'],
    ['rows that are not a list', JSON.stringify({ kind: PROGRESS_FILE_KIND, version: 1, learner: { name: 'Zoe' }, attempts: { 0: goodAttempt } }), 'damaged: attempts'],
    ['an empty name', envelope({}, { name: '   ' }), "the learner's name in the file must be 1 to 60 characters"],
    ['a name with a newline', envelope({}, { name: 'Zo\ne' }), 'control character'],
    ['deep nesting', `${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'not an InfinityMATH Studio progress file'],
  ])('%s is refused with a reason, and nothing is written', (_what, text, reason) => {
    expect(() => importProgress(other.db, text, { now: T0 })).toThrow(reason);
    expect(listLearners(other.db)).toEqual([]);
  });

  it('each bad row is reported (section, row, field, why) and left out; the good rows go in', () => {
    const text = envelope({
      attempts: [
        goodAttempt,
        { ...goodAttempt, verdict: 'genius' },
        { ...goodAttempt, answer: null },
        { ...goodAttempt, createdAt: -5 },
        { ...goodAttempt, seed: 1.5 },
        { ...goodAttempt, answer: 'x'.repeat(1001) },
        { ...goodAttempt, templateId: '' },
        'not an object',
        'POLLUTER',
      ],
      skips: [{ templateId: 't.a', seed: 2, strand: null, topic: null, answersBefore: -1, hintsUsed: 0, elapsedMs: 0, createdAt: T0 }],
      reviewCards: [
        { templateId: 't.a', strand: null, card: { due: T0, last_review: null, stability: 'NaN', difficulty: 5, elapsed_days: 0, scheduled_days: 0, learning_steps: 0, reps: 1, lapses: 0, state: 1 } },
        { templateId: 't.b', strand: null, card: { due: T0, last_review: T0, stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 0, learning_steps: 0, reps: 1, lapses: 0, state: 7 } },
      ],
    }).replace(
      '"POLLUTER"',
      // Raw JSON: JSON.parse makes "__proto__" an own key, which must not reach any prototype.
      JSON.stringify({ ...goodAttempt, createdAt: T0 + 1 }).replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},'),
    );
    const report = importProgress(other.db, text, { now: T0 });
    expect(report).toMatchObject({ action: 'created', added: { attempts: 2, skips: 0, reviewCards: 0 }, problemCount: 10 });
    expect(report.problems.map((p) => [p.section, p.index, p.field])).toEqual([
      ['attempts', 1, 'verdict'],
      ['attempts', 2, 'answer'],
      ['attempts', 3, 'createdAt'],
      ['attempts', 4, 'seed'],
      ['attempts', 5, 'answer'],
      ['attempts', 6, 'templateId'],
      ['attempts', 7, ''],
      ['skips', 0, 'answersBefore'],
      ['reviewCards', 0, 'card.stability'],
      ['reviewCards', 1, 'card.state'],
    ]);
    expect(report.problems[1]?.reason).toBe('answer must be null exactly when the verdict is "revealed"');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(other.db.prepare('SELECT count(*) FROM attempts').pluck().get()).toBe(2);
    expect(allSkips(other.db, report.learner.id)).toEqual([]);
  });

  it('reports at most 50 problems one by one, and counts them all', () => {
    const bad = Array.from({ length: 120 }, (_, i) => ({ ...goodAttempt, seed: -i - 1 }));
    const report = importProgress(other.db, envelope({ attempts: bad }), { now: T0 });
    expect(report.problemCount).toBe(120);
    expect(report.problems).toHaveLength(50);
  });
});
