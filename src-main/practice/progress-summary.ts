/**
 * The learner's progress page, computed from the attempts history (nothing is stored twice).
 *
 * Definitions (see attempts.repo.ts for "counted"):
 * - attempts / correct / accuracy: counted attempts (judged answers; unreadable input and reveals
 *   are not answers) and how many were correct; accuracy 0 when there are none;
 * - problemsSolved: distinct instances (template, seed) with a correct answer;
 * - daily: per local calendar day with counted attempts, oldest first;
 * - streakDays: consecutive such days ending today or yesterday (see local-days.ts);
 * - skipped: problems left with Skip (never attempts: they change none of the figures above);
 * - byStrand: per strand with any answer, reveal or skip; mastery as in mastery.ts, from first tries,
 *   with the number of first tries behind it and what one more right first try would make it;
 *   ordered as `strandLabels` lists strands, then other strands by name, then problems with no
 *   strand (strand "", label "Other") last;
 * - dueNow: review cards due now for templates still in the library.
 */
import type { ProgressSummary, TopicProgress } from '../api/contract.std.js';
import { activityBuckets, attemptCountsByStrand, countSolvedInstances, firstTryOutcomes } from '../storage/attempts.repo.js';
import type { ReadDb } from '../storage/db-handles.js';
import { requireLearner } from '../storage/learners.repo.js';
import { countDueCards } from '../storage/review-cards.repo.js';
import { skipCountsByStrand } from '../storage/skips.repo.js';
import type { EpochMs } from '../storage/storage.types.js';
import { dayClock, streakDays } from './local-days.js';
import { masteryScore } from './mastery.std.js';

/** Display names by strand id; a Map keeps the caller's order (the catalog's curriculum order). */
export type StrandLabels = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export interface SummaryOptions {
  /** IANA time zone for days; default the system's local time zone. */
  timeZone?: string;
}

/** The group of attempts whose template had no strand. */
export const NO_STRAND = '';
const NO_STRAND_LABEL = 'Other';

export function progressSummary(db: ReadDb, learnerId: number, now: EpochMs, strandLabels: StrandLabels, options: SummaryOptions = {}): ProgressSummary {
  if (!Number.isFinite(now)) throw new Error(`progressSummary: now must be epoch milliseconds; got ${now}`);
  requireLearner(db, learnerId, 'progressSummary');
  const clock = dayClock(options.timeZone);
  const labels = labelMap(strandLabels);

  // Days: buckets never straddle a local midnight (see activityBuckets), so each maps to one date.
  const daily: ProgressSummary['daily'] = [];
  for (const bucket of activityBuckets(db, learnerId)) {
    const date = clock.dateOf(bucket.bucketStart);
    const last = daily[daily.length - 1];
    if (last?.date === date) {
      last.attempts += bucket.attempts;
      last.correct += bucket.correct;
    } else {
      daily.push({ date, attempts: bucket.attempts, correct: bucket.correct });
    }
  }

  const strands = new Map<string, TopicProgress>();
  const strandOf = (strand: string | null): TopicProgress => {
    const key = strand ?? NO_STRAND;
    let entry = strands.get(key);
    if (entry === undefined) {
      entry = {
        strand: key,
        label: labels.get(key) ?? (key === NO_STRAND ? NO_STRAND_LABEL : key),
        attempts: 0,
        correct: 0,
        skipped: 0,
        mastery: 0,
        firstTries: 0,
        masteryIfRight: masteryScore([true]),
      };
      strands.set(key, entry);
    }
    return entry;
  };
  let attempts = 0;
  let correct = 0;
  for (const row of attemptCountsByStrand(db, learnerId)) {
    const entry = strandOf(row.strand);
    entry.attempts += row.attempts;
    entry.correct += row.correct;
    attempts += row.attempts;
    correct += row.correct;
  }
  const firstTries = new Map<string, boolean[]>();
  for (const outcome of firstTryOutcomes(db, learnerId)) {
    const key = strandOf(outcome.strand).strand;
    let list = firstTries.get(key);
    if (list === undefined) {
      list = [];
      firstTries.set(key, list);
    }
    list.push(outcome.correct);
  }
  for (const [key, outcomes] of firstTries) {
    const entry = strands.get(key);
    if (entry === undefined) continue;
    entry.mastery = masteryScore(outcomes);
    entry.firstTries = outcomes.length;
    entry.masteryIfRight = masteryScore([...outcomes, true]);
  }
  let skipped = 0;
  for (const row of skipCountsByStrand(db, learnerId)) {
    strandOf(row.strand).skipped += row.skipped;
    skipped += row.skipped;
  }

  return {
    attempts,
    correct,
    accuracy: attempts === 0 ? 0 : correct / attempts,
    skipped,
    streakDays: streakDays(
      daily.map((d) => d.date),
      clock.dateOf(now),
    ),
    problemsSolved: countSolvedInstances(db, learnerId),
    byStrand: orderStrands([...strands.values()], labels),
    daily,
    dueNow: countDueCards(db, learnerId, now),
  };
}

function labelMap(labels: StrandLabels): ReadonlyMap<string, string> {
  if (labels instanceof Map) return labels as ReadonlyMap<string, string>;
  return new Map<string, string>(Object.entries(labels as Readonly<Record<string, string>>));
}

function orderStrands(entries: TopicProgress[], labels: ReadonlyMap<string, string>): TopicProgress[] {
  const position = new Map([...labels.keys()].map((key, index) => [key, index]));
  const rank = (e: TopicProgress): number => (e.strand === NO_STRAND ? Number.MAX_SAFE_INTEGER : (position.get(e.strand) ?? labels.size));
  return entries.sort((a, b) => rank(a) - rank(b) || (a.strand < b.strand ? -1 : a.strand > b.strand ? 1 : 0));
}
