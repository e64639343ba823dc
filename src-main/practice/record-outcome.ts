/**
 * The practice loop's write path: store an answer or a reveal and, when it ends the problem for
 * the first time, move the template's FSRS card. Problems the learner walks away from after
 * answering wrong are settled (rated Again) by `settleAbandoned` when they move on.
 *
 * Call `recordOutcome` from `practice.submit` (after checking the answer) and `practice.reveal`;
 * call `settleAbandoned` from `practice.next` and `practice.another` before picking. A problem the
 * learner *skipped* after answering is not abandoned: a skip is not a wrong answer (skip-problem.ts).
 */
import type { Grade } from 'ts-fsrs';
import { firstTrySolveTimes, instanceHistory, isCountedVerdict, recordAttempt, unfinishedInstances, type AttemptInput, type AttemptRecord } from '../storage/attempts.repo.js';
import type { WriteDb } from '../storage/db-handles.js';
import { requireLearner } from '../storage/learners.repo.js';
import { getCard } from '../storage/review-cards.repo.js';
import { lastSkipOfInstance } from '../storage/skips.repo.js';
import type { EpochMs } from '../storage/storage.types.js';
import { gradeOutcome, reviewTemplate, type ProblemFacts, type ProblemResult } from './scheduler.js';

/** How many earlier solve times the "quick" comparison looks at. */
const SOLVE_TIME_HISTORY = 20;

/** An abandoned problem rates Again whatever else happened on it. */
const ABANDONED: ProblemFacts = { result: 'abandoned', wrongTries: 0, nudges: 0, hintsUsed: 0, elapsedMs: 0, previousSolveTimes: [] };

export interface ReviewDone {
  rating: Grade;
  /** When the template is due again. */
  due: EpochMs;
}

export interface OutcomeResult {
  attempt: AttemptRecord;
  /** Counted answers on this instance so far, this one included (the UI's "attempt 2"). */
  attemptsOnProblem: number;
  /** The instance has a correct answer (this one or an earlier one). */
  solved: boolean;
  /** The card review this row caused: only the first solve or reveal of an instance reviews. */
  review: ReviewDone | null;
}

/** Record an answer (`verdict` from the checker) or a reveal (`verdict: 'revealed'`, `answer: null`). */
export function recordOutcome(db: WriteDb, input: AttemptInput, now: EpochMs): OutcomeResult {
  const run = db.transaction((): OutcomeResult => {
    const earlier = instanceHistory(db, input.learnerId, input.templateId, input.seed);
    const previousSolveTimes = firstTrySolveTimes(db, input.learnerId, input.templateId, SOLVE_TIME_HISTORY);
    const attempt = recordAttempt(db, input, { now });
    const rows = [...earlier, attempt];
    const attemptsOnProblem = rows.filter((r) => isCountedVerdict(r.verdict)).length;
    const solved = rows.some((r) => r.correct);
    const finishedBefore = earlier.some((r) => r.correct || r.verdict === 'revealed');
    let review: ReviewDone | null = null;
    if (!finishedBefore && (attempt.correct || attempt.verdict === 'revealed')) {
      const result: ProblemResult = attempt.correct ? 'solved' : 'revealed';
      const rating = gradeOutcome({
        result,
        wrongTries: earlier.filter((r) => r.verdict === 'wrong').length,
        nudges: earlier.filter((r) => r.verdict === 'correct_needs_simplifying' || r.verdict === 'check_units').length,
        // The UI sends hints shown so far; the largest value is the problem's total either way.
        hintsUsed: Math.max(...rows.map((r) => r.hintsUsed)),
        elapsedMs: attempt.elapsedMs,
        previousSolveTimes,
      });
      const card = reviewTemplate(db, input.learnerId, input.templateId, input.strand, rating, now);
      review = { rating, due: card.due };
    }
    return { attempt, attemptsOnProblem, solved, review };
  });
  return run.immediate();
}

export interface SettledTemplate {
  templateId: string;
  due: EpochMs;
}

/**
 * Rate Again every template with a problem the learner answered but neither solved, revealed nor
 * skipped, unless its card was reviewed after that problem's last answer (already settled). Each
 * template is reviewed once however many such problems it has. Returns the templates settled.
 */
export function settleAbandoned(db: WriteDb, learnerId: number, now: EpochMs): SettledTemplate[] {
  const run = db.transaction((): SettledTemplate[] => {
    requireLearner(db, learnerId, 'settleAbandoned');
    const latest = new Map<string, { strand: string | null; lastAt: number }>();
    for (const instance of unfinishedInstances(db, learnerId)) {
      // Skipped after its last answer: the learner chose to leave it, which is not forgetting it.
      const skippedAt = lastSkipOfInstance(db, learnerId, instance.templateId, instance.seed);
      if (skippedAt !== undefined && skippedAt >= instance.lastAt) continue;
      const known = latest.get(instance.templateId);
      if (known === undefined || instance.lastAt > known.lastAt) latest.set(instance.templateId, { strand: instance.strand, lastAt: instance.lastAt });
    }
    const settled: SettledTemplate[] = [];
    for (const [templateId, { strand, lastAt }] of latest) {
      const lastReview = getCard(db, learnerId, templateId)?.card.last_review?.getTime();
      if (lastReview !== undefined && lastReview >= lastAt) continue;
      const card = reviewTemplate(db, learnerId, templateId, strand, gradeOutcome(ABANDONED), now);
      settled.push({ templateId, due: card.due });
    }
    return settled;
  });
  return run.immediate();
}
