import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressSummary } from '../../src-main/api/contract.std.js';
import { masteryScore } from '../../src-main/practice/mastery.std.js';
import { progressSummary } from '../../src-main/practice/progress-summary.js';
import { recordOutcome } from '../../src-main/practice/record-outcome.js';
import type { AttemptInput } from '../../src-main/storage/attempts.repo.js';
import { createLearner, LearnerNotFoundError } from '../../src-main/storage/learners.repo.js';
import { deleteTemplate } from '../../src-main/storage/templates.repo.js';
import { openPracticeDb, type PracticeDb } from './practice-fixtures.js';

const NY = { timeZone: 'America/New_York' };
const LABELS = new Map([
  ['percent', 'Percent'],
  ['fractions', 'Fractions'],
]);
/** New York wall-clock time → epoch ms. Daylight-saving time starts at 02:00 on Sunday 8 March 2026. */
const ny = (day: number, hour: number, minute = 0): number => Date.UTC(2026, 2, day, hour + (day > 8 || (day === 8 && hour >= 3) ? 4 : 5), minute);

let p: PracticeDb;
beforeEach(() => {
  p = openPracticeDb(['f.1', 'p.1', 'p.2', 'x.1', 'r.1']);
});
afterEach(() => {
  p.close();
});

function play(at: number, templateId: string, seed: number, verdict: AttemptInput['verdict'], learnerId = p.learnerId): void {
  const strand = { f: 'fractions', p: 'percent', r: 'ratio-rate', x: null }[templateId[0] as 'f' | 'p' | 'r' | 'x'];
  recordOutcome(p.app.db, { learnerId, templateId, seed, strand, topic: null, answer: verdict === 'revealed' ? null : '1', verdict, elapsedMs: 30_000 }, at);
}

/** Four days in New York, across the daylight-saving change. */
function scriptedHistory(): void {
  play(ny(6, 10, 0), 'f.1', 1, 'wrong');
  play(ny(6, 10, 1), 'f.1', 1, 'correct');
  play(ny(7, 23, 50), 'p.1', 1, 'correct'); // 04:50 UTC on the 8th, still the 7th in New York
  play(ny(7, 23, 51), 'p.1', 2, 'invalid'); // unreadable: not an attempt
  play(ny(8, 0, 10), 'p.2', 2, 'wrong');
  play(ny(8, 0, 12), 'p.2', 2, 'revealed'); // a reveal is not an attempt, but the first try was missed
  play(ny(8, 12, 0), 'r.1', 1, 'revealed'); // gave up without trying: a missed first try
  play(ny(8, 20, 0), 'x.1', 1, 'correct'); // 00:00 UTC on the 9th; no strand
}

describe('progressSummary', () => {
  it('adds up a scripted history exactly', () => {
    scriptedHistory();
    const ben = createLearner(p.app.db, 'Ben');
    play(ny(9, 7), 'f.1', 1, 'correct', ben.id); // someone else's practice today changes nothing
    const r = 2 ** -0.1;
    const summary = progressSummary(p.app.db, p.learnerId, ny(9, 8), LABELS, NY);
    expect(summary).toEqual<ProgressSummary>({
      attempts: 5,
      correct: 3,
      accuracy: 0.6,
      skipped: 0,
      streakDays: 3, // the 6th, 7th and 8th; nothing yet on the 9th
      problemsSolved: 3,
      byStrand: [
        {
          strand: 'percent',
          label: 'Percent',
          attempts: 2,
          correct: 1,
          skipped: 0,
          mastery: expect.closeTo((r / (1 + r)) * (2 / 5), 12) as number,
          firstTries: 2,
          masteryIfRight: masteryScore([true, false, true]),
        },
        { strand: 'fractions', label: 'Fractions', attempts: 2, correct: 1, skipped: 0, mastery: 0, firstTries: 1, masteryIfRight: masteryScore([false, true]) },
        { strand: 'ratio-rate', label: 'ratio-rate', attempts: 0, correct: 0, skipped: 0, mastery: 0, firstTries: 1, masteryIfRight: masteryScore([false, true]) },
        { strand: '', label: 'Other', attempts: 1, correct: 1, skipped: 0, mastery: 0.25, firstTries: 1, masteryIfRight: 0.4 },
      ],
      daily: [
        { date: '2026-03-06', attempts: 2, correct: 1 },
        { date: '2026-03-07', attempts: 1, correct: 1 },
        { date: '2026-03-08', attempts: 2, correct: 1 },
      ],
      // f.1 (Hard, 45 min), p.2 and r.1 (revealed: Again, 30 min); p.1 and x.1 were solved at once: due in two days.
      dueNow: 3,
    });
  });

  it('counts the streak to today, keeps it through yesterday, and drops it after a missed day', () => {
    scriptedHistory();
    const streakAt = (at: number): number => progressSummary(p.app.db, p.learnerId, at, LABELS, NY).streakDays;
    expect(streakAt(ny(8, 23))).toBe(3);
    expect(streakAt(ny(9, 23, 59))).toBe(3);
    expect(streakAt(ny(10, 0, 1))).toBe(0);
    play(ny(10, 9), 'p.1', 3, 'wrong'); // practice on the 10th after missing the 9th: a new streak of 1
    expect(streakAt(ny(10, 10))).toBe(1);
    // The same instants seen from Tokyo fall on other days (the 7th's 23:50 is the 8th's 13:50 there).
    expect(progressSummary(p.app.db, p.learnerId, ny(10, 10), LABELS, { timeZone: 'Asia/Tokyo' }).daily.map((d) => d.date)).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
  });

  it('counts due reviews only for templates still in the library, and only those due', () => {
    scriptedHistory();
    expect(progressSummary(p.app.db, p.learnerId, ny(9, 8), LABELS, NY).dueNow).toBe(3);
    deleteTemplate(p.app.db, 'r.1');
    expect(progressSummary(p.app.db, p.learnerId, ny(9, 8), LABELS, NY).dueNow).toBe(2);
    // Twenty minutes after p.2's reveal (Again: due 30 minutes later) it is not due yet; f.1 is.
    expect(progressSummary(p.app.db, p.learnerId, ny(8, 0, 32), LABELS, NY).dueNow).toBe(1);
  });

  it('splits days at local midnight in a zone 5 h 45 min from UTC', () => {
    play(Date.UTC(2026, 0, 1, 18, 14), 'p.1', 1, 'correct'); // 23:59 in Kathmandu
    play(Date.UTC(2026, 0, 1, 18, 16), 'p.1', 2, 'wrong'); // 00:01 the next day
    const summary = progressSummary(p.app.db, p.learnerId, Date.UTC(2026, 0, 2, 6), LABELS, { timeZone: 'Asia/Kathmandu' });
    expect(summary.daily).toEqual([
      { date: '2026-01-01', attempts: 1, correct: 1 },
      { date: '2026-01-02', attempts: 1, correct: 0 },
    ]);
    expect(summary.streakDays).toBe(2);
  });

  it('is all zeros for a learner who has not practised, accepts labels as a plain object, and refuses unknown learners', () => {
    expect(progressSummary(p.app.db, p.learnerId, ny(9, 8), { percent: 'Percent' }, NY)).toEqual({
      attempts: 0,
      correct: 0,
      accuracy: 0,
      skipped: 0,
      streakDays: 0,
      problemsSolved: 0,
      byStrand: [],
      daily: [],
      dueNow: 0,
    });
    play(ny(9, 7), 'p.1', 1, 'correct');
    expect(progressSummary(p.app.db, p.learnerId, ny(9, 8), { percent: 'Percent' }, NY).byStrand).toEqual([
      { strand: 'percent', label: 'Percent', attempts: 1, correct: 1, skipped: 0, mastery: 0.25, firstTries: 1, masteryIfRight: 0.4 },
    ]);
    expect(() => progressSummary(p.app.db, 4040, ny(9, 8), LABELS)).toThrow(LearnerNotFoundError);
    expect(() => progressSummary(p.app.db, 4040, ny(9, 8), LABELS)).toThrow('progressSummary: learner 4040 does not exist');
  });
});
