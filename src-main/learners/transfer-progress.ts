/**
 * Export one learner's progress to a progress file, and import one into this library.
 *
 * Import decides by name (names are unique ignoring case): a learner of that name here gets the
 * file's history merged in; otherwise a new learner is created. `name` imports under another name
 * instead (again: merged if it exists, created if not). The report says which happened.
 *
 * Merging: an answer or skip already here (same problem, numbers, time, verdict and answer) is not
 * added twice, so importing the same file again changes nothing. For a problem type with a review
 * card on both sides, the card reviewed most recently wins (it reflects the latest practice); the
 * other side's card is dropped. Attempt numbers are re-derived over the merged history.
 */
import type { Card } from 'ts-fsrs';
import type { WriteDb, ReadDb } from '../storage/db-handles.js';
import { allAttempts, attemptKey, historyKeys, insertHistoricAttempt, insertHistoricSkip, renumberInstance, skipKey } from '../storage/learner-progress.repo.js';
import { checkLearnerName, createLearner, findLearnerByName, requireLearner, type LearnerRecord } from '../storage/learners.repo.js';
import { allCards, getCard, putCard } from '../storage/review-cards.repo.js';
import { allSkips } from '../storage/skips.repo.js';
import type { EpochMs } from '../storage/storage.types.js';
import { fromCard, PROGRESS_FILE_KIND, PROGRESS_FILE_VERSION, readProgressFile, type ProgressFile, type RowProblem } from './progress-file.js';

export function exportProgress(db: ReadDb, learnerId: number, info: { appVersion: string; schemaVersion: number; now: EpochMs }): ProgressFile {
  const learner = requireLearner(db, learnerId, 'exportProgress');
  return {
    kind: PROGRESS_FILE_KIND,
    version: PROGRESS_FILE_VERSION,
    exportedAt: new Date(info.now).toISOString(),
    app: { version: info.appVersion, schemaVersion: info.schemaVersion },
    learner: { name: learner.name, createdAt: learner.createdAt },
    attempts: allAttempts(db, learnerId),
    skips: allSkips(db, learnerId).map((s) => ({
      templateId: s.templateId,
      seed: s.seed,
      strand: s.strand,
      topic: s.topic,
      answersBefore: s.answersBefore,
      hintsUsed: s.hintsUsed,
      elapsedMs: s.elapsedMs,
      createdAt: s.createdAt,
    })),
    reviewCards: allCards(db, learnerId).map((c) => ({ templateId: c.templateId, strand: c.strand, card: fromCard(c.card) })),
  };
}

/** A file name for the export: the learner's name, kept to safe characters, and the date. */
export function progressFileName(name: string, now: EpochMs): string {
  const safe = name.normalize('NFKD').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'learner';
  return `${safe}-progress-${new Date(now).toISOString().slice(0, 10)}.json`;
}

export interface ImportProgressOptions {
  /** Import under this name instead of the file's. */
  name?: string;
  /** Work out the report without changing anything. */
  dryRun?: boolean;
  now: EpochMs;
}

export interface ImportProgressReport {
  action: 'created' | 'merged';
  learner: LearnerRecord;
  /** The name in the file. */
  fileName: string;
  exportedAt: string | null;
  added: { attempts: number; skips: number; reviewCards: number };
  /** Rows that were already in this library (merging twice adds nothing). */
  alreadyHere: { attempts: number; skips: number };
  /** Cards of problem types this learner already had, where the file's was older and was left out. */
  cardsKept: number;
  problems: RowProblem[];
  problemCount: number;
  dryRun: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly report: ImportProgressReport) {
    super('dry run');
  }
}

/** Throws ProgressFileError when the file cannot be used at all; bad rows are reported, not fatal. */
export function importProgress(db: WriteDb, text: string, options: ImportProgressOptions): ImportProgressReport {
  const file = readProgressFile(text);
  const targetName = checkLearnerName(options.name ?? file.name, 'importProgress');
  const run = db.transaction((): ImportProgressReport => {
    const existing = findLearnerByName(db, targetName);
    const learner = existing ?? createLearner(db, targetName, { now: file.createdAt ?? options.now });
    const keys = existing === undefined ? { attempts: new Set<string>(), skips: new Set<string>() } : historyKeys(db, learner.id);
    const added = { attempts: 0, skips: 0, reviewCards: 0 };
    const alreadyHere = { attempts: 0, skips: 0 };
    const touched = new Map<string, { templateId: string; seed: number }>();
    for (const a of file.attempts) {
      const key = attemptKey(a);
      if (keys.attempts.has(key)) {
        alreadyHere.attempts += 1;
        continue;
      }
      keys.attempts.add(key); // the file itself may repeat a row
      insertHistoricAttempt(db, learner.id, a);
      touched.set(JSON.stringify([a.templateId, a.seed]), { templateId: a.templateId, seed: a.seed });
      added.attempts += 1;
    }
    for (const { templateId, seed } of touched.values()) renumberInstance(db, learner.id, templateId, seed);
    for (const s of file.skips) {
      const key = skipKey(s);
      if (keys.skips.has(key)) {
        alreadyHere.skips += 1;
        continue;
      }
      keys.skips.add(key);
      insertHistoricSkip(db, learner.id, s);
      added.skips += 1;
    }
    let cardsKept = 0;
    for (const c of file.cards) {
      const here = getCard(db, learner.id, c.templateId);
      if (here !== undefined && !isNewer(c.card, here.card)) {
        cardsKept += 1;
        continue;
      }
      putCard(db, { learnerId: learner.id, templateId: c.templateId, strand: c.strand, card: c.card });
      added.reviewCards += 1;
    }
    const report: ImportProgressReport = {
      action: existing === undefined ? 'created' : 'merged',
      learner: { ...learner },
      fileName: file.name,
      exportedAt: file.exportedAt,
      added,
      alreadyHere,
      cardsKept,
      problems: file.problems,
      problemCount: file.problemCount,
      dryRun: options.dryRun === true,
    };
    if (options.dryRun === true) throw new DryRunRollback(report);
    return report;
  });
  try {
    return run.immediate();
  } catch (err) {
    if (err instanceof DryRunRollback) return err.report;
    throw err;
  }
}

/** The card that saw the later review (or, never reviewed, the later due date) is the newer one. */
function isNewer(candidate: Card, current: Card): boolean {
  const at = (c: Card): number => c.last_review?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at(candidate) !== at(current)) return at(candidate) > at(current);
  return candidate.due.getTime() > current.due.getTime();
}
