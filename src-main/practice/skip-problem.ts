/**
 * Skip: the learner leaves a problem without an answer, before trying it or after wrong tries.
 *
 * What a skip counts as (issue 17: "counted as skipped, not wrong"):
 * - not an answer: no attempts row, so accuracy, "problems solved", mastery (first tries) and the
 *   day streak are exactly as if the problem had never been shown; answers given before the skip
 *   still count as the answers they were;
 * - not a miss for scheduling: the template's FSRS card does not move (no Again), and a problem
 *   skipped after wrong answers is not settled as abandoned;
 * - a reason to show something else for a while: the template is set aside (scheduler.ts,
 *   `skipSetAsideMs`), and the skipped numbers count as seen, so it comes back with new ones;
 * - shown on the Progress page as its own count (overall and per topic).
 */
import { instanceHistory, isCountedVerdict } from '../storage/attempts.repo.js';
import type { WriteDb } from '../storage/db-handles.js';
import { requireLearner } from '../storage/learners.repo.js';
import { recordSkip, type SkipRecord } from '../storage/skips.repo.js';
import type { EpochMs } from '../storage/storage.types.js';

export interface SkipInput {
  learnerId: number;
  templateId: string;
  seed: number;
  strand: string | null;
  topic: string | null;
  hintsUsed: number;
  elapsedMs: number;
}

/** The problem is already solved or revealed: there is nothing left to skip. */
export class NothingToSkipError extends Error {
  override readonly name = 'NothingToSkipError';
}

export function skipProblem(db: WriteDb, input: SkipInput, now: EpochMs): SkipRecord {
  const run = db.transaction((): SkipRecord => {
    requireLearner(db, input.learnerId, 'skipProblem');
    const history = instanceHistory(db, input.learnerId, input.templateId, input.seed);
    if (history.some((r) => r.correct || r.verdict === 'revealed')) {
      throw new NothingToSkipError(`skipProblem: "${input.templateId}" seed ${input.seed} is already ${history.some((r) => r.correct) ? 'solved' : 'revealed'}; move on with Next`);
    }
    const answersBefore = history.filter((r) => isCountedVerdict(r.verdict)).length;
    return recordSkip(db, { ...input, answersBefore }, { now });
  });
  return run.immediate();
}
