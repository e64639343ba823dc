/**
 * Spaced repetition of templates with FSRS (ts-fsrs). The unit of memory is a *template* (a kind
 * of problem), not an instance: every review draws fresh numbers, so a learner cannot memorise
 * answers, only the method. Which instance (seed) to show is the caller's choice (see
 * `seenInstances`); this module decides which template comes next and how a finished problem
 * moves its card.
 */
import { createEmptyCard, fsrs, Rating, type Card, type FSRS, type FSRSParameters, type Grade } from 'ts-fsrs';
import type { Rng } from '../sampling/rng.js';
import { lastAttemptByTemplate } from '../storage/attempts.repo.js';
import type { ReadDb, WriteDb } from '../storage/db-handles.js';
import { requireLearner } from '../storage/learners.repo.js';
import { allCards, getCard, putCard, type ReviewCardRecord } from '../storage/review-cards.repo.js';
import { recentSkipsByTemplate } from '../storage/skips.repo.js';
import type { EpochMs } from '../storage/storage.types.js';
import { DEFAULT_SCHEDULING, type SchedulingSettings } from './scheduling-settings.std.js';
import { loadSchedulingSettings } from './scheduling-store.js';

/**
 * FSRS parameters for the library's settings (see scheduling-settings.std.ts for the defaults and
 * why), spelled out so a ts-fsrs upgrade cannot silently change them.
 * - No fuzz: the same history always gives the same due date (tests and replays depend on it).
 * - Intervals capped at a school year.
 */
export function fsrsParams(settings: SchedulingSettings = DEFAULT_SCHEDULING): Partial<FSRSParameters> {
  return {
    request_retention: settings.desiredRetention,
    maximum_interval: 365,
    enable_fuzz: false,
    enable_short_term: true,
    learning_steps: [...settings.learningSteps],
    relearning_steps: [...settings.relearningSteps],
  };
}

const schedulers = new Map<string, FSRS>();

/** One ts-fsrs scheduler per distinct settings (there are one or two in a session). */
function schedulerFor(settings: SchedulingSettings): FSRS {
  const key = JSON.stringify([settings.desiredRetention, settings.learningSteps, settings.relearningSteps]);
  let found = schedulers.get(key);
  if (found === undefined) {
    found = fsrs(fsrsParams(settings));
    schedulers.set(key, found);
  }
  return found;
}

/** How one problem (instance) ended. */
export type ProblemResult = 'solved' | 'revealed' | 'abandoned';

export interface ProblemFacts {
  result: ProblemResult;
  /** Answers judged `wrong` before the problem ended. */
  wrongTries: number;
  /** Answers that were nearly right (`correct_needs_simplifying`, `check_units`) before it ended. */
  nudges: number;
  /** Hints shown on the problem. */
  hintsUsed: number;
  /** Time on the problem when it was solved. */
  elapsedMs: number;
  /** The learner's earlier first-try, hint-free solve times on this template (any order). */
  previousSolveTimes: readonly number[];
}

/** "Quick" needs this many earlier solves to compare with; fewer, and a first-try solve is just Good. */
export const EASY_MIN_HISTORY = 3;
/** Quick = at most this share of the learner's own median time on the template. */
export const EASY_SPEED_RATIO = 0.5;

/**
 * Map how a problem went to an FSRS rating:
 * - revealed, or left unsolved after answering (abandoned) → Again;
 * - solved after a wrong answer, or with a hint → Hard;
 * - solved at once without hints → Good, or Easy when it was also quick: no nudges, and at most
 *   half the learner's median time over at least 3 earlier first-try solves of this template
 *   (getting much faster at a method is the sign it has become automatic);
 * - solved after only a nudge (right value, not simplified or wrong unit) → Good, never Easy.
 */
export function gradeOutcome(facts: ProblemFacts): Grade {
  for (const field of ['wrongTries', 'nudges', 'hintsUsed', 'elapsedMs'] as const) {
    const value = facts[field];
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`gradeOutcome: ${field} must be a non-negative integer; got ${value}`);
  }
  switch (facts.result) {
    case 'revealed':
    case 'abandoned':
      return Rating.Again;
    case 'solved':
      break;
    default:
      throw new Error(`gradeOutcome: result must be solved, revealed or abandoned; got ${JSON.stringify(facts.result)}`);
  }
  if (facts.wrongTries > 0 || facts.hintsUsed > 0) return Rating.Hard;
  if (facts.nudges === 0 && facts.previousSolveTimes.length >= EASY_MIN_HISTORY) {
    const typical = median(facts.previousSolveTimes);
    if (facts.elapsedMs <= typical * EASY_SPEED_RATIO) return Rating.Easy;
  }
  return Rating.Good;
}

/**
 * Review the learner's card for a template (a new card if there is none) and store it, with the
 * library's scheduling settings unless `settings` is given.
 */
export function reviewTemplate(
  db: WriteDb,
  learnerId: number,
  templateId: string,
  strand: string | null,
  rating: Grade,
  now: EpochMs,
  settings: SchedulingSettings = loadSchedulingSettings(db),
): ReviewCardRecord {
  if (![Rating.Again, Rating.Hard, Rating.Good, Rating.Easy].includes(rating)) {
    throw new Error(`reviewTemplate: rating must be Again (1), Hard (2), Good (3) or Easy (4); got ${String(rating)}`);
  }
  const at = new Date(now);
  if (Number.isNaN(at.getTime())) throw new Error(`reviewTemplate: now is not a valid time; got ${now}`);
  const previous: Card = getCard(db, learnerId, templateId)?.card ?? createEmptyCard(at);
  const { card } = schedulerFor(settings).next(previous, at, rating);
  return putCard(db, { learnerId, templateId, strand, card });
}

/** A template the scope offers, with its lowest grade (null or absent when unknown). */
export interface PickCandidate {
  templateId: string;
  gradeMin?: number | null;
}

export type PickReason = 'due for review' | 'new' | 'keep practising';

export interface PickedTemplate {
  templateId: string;
  reason: PickReason;
}

/** How long skips are remembered when deciding how long to set a template aside. */
export const SKIP_MEMORY_MS = 7 * 24 * 60 * 60 * 1000;
const SKIP_FIRST_SET_ASIDE_MS = 30 * 60 * 1000;

/**
 * How long a template stays aside after its latest skip, given how often it was skipped within
 * SKIP_MEMORY_MS (that one included): half an hour after one skip, then four times longer for each
 * further one (2 h, 8 h, 32 h, …), never more than the memory itself. A problem type the learner keeps
 * skipping stops coming back every half hour, but is never dropped for good.
 */
export function skipSetAsideMs(skips: number): number {
  if (!Number.isSafeInteger(skips) || skips < 1) throw new Error(`skipSetAsideMs: skips must be a positive integer; got ${skips}`);
  return Math.min(SKIP_MEMORY_MS, SKIP_FIRST_SET_ASIDE_MS * 4 ** Math.min(skips - 1, 10));
}

/** Templates the learner skipped recently enough to leave them out of the next picks. */
export function templatesSetAside(db: ReadDb, learnerId: number, now: EpochMs): Set<string> {
  const aside = new Set<string>();
  for (const [templateId, { count, lastAt }] of recentSkipsByTemplate(db, learnerId, now - SKIP_MEMORY_MS)) {
    if (now < lastAt + skipSetAsideMs(count)) aside.add(templateId);
  }
  return aside;
}

/**
 * Choose the next template among a scope's candidates. Templates skipped lately are set aside (see
 * `skipSetAsideMs`) while the scope has anything else; then:
 * 1. a card that is due (most overdue first);
 * 2. else a template the learner has never worked on: lowest grade first (a strand or mixed scope
 *    builds up from its easiest material), chosen at random among that grade for variety;
 * 3. else the template seen least recently (its last review or attempt), to keep practising.
 * The template just shown (`after`) is never picked while the scope has any other template.
 */
export function pickNext(
  db: ReadDb,
  candidates: readonly PickCandidate[],
  learnerId: number,
  now: EpochMs,
  rng: Pick<Rng, 'next'>,
  after?: string,
): PickedTemplate {
  const unique = new Map<string, PickCandidate>();
  for (const candidate of candidates) if (!unique.has(candidate.templateId)) unique.set(candidate.templateId, candidate);
  if (unique.size === 0) throw new Error('pickNext: the scope has no templates to practise');
  requireLearner(db, learnerId, 'pickNext');
  if (after !== undefined && unique.size > 1) unique.delete(after);
  const aside = templatesSetAside(db, learnerId, now);
  const open = [...unique.values()].filter((c) => !aside.has(c.templateId));
  // Only skipped templates left: skipping must not empty a small scope, so they come back.
  const pool = open.length > 0 ? open : [...unique.values()];

  const cards = new Map(allCards(db, learnerId).map((c) => [c.templateId, c]));
  const lastAttempt = lastAttemptByTemplate(db, learnerId);

  const due = pool
    .map((c) => cards.get(c.templateId))
    .filter((card): card is ReviewCardRecord => card !== undefined && card.due <= now)
    .sort((a, b) => a.due - b.due || compareText(a.templateId, b.templateId));
  const firstDue = due[0];
  if (firstDue !== undefined) return { templateId: firstDue.templateId, reason: 'due for review' };

  const fresh = pool.filter((c) => !cards.has(c.templateId) && !lastAttempt.has(c.templateId));
  if (fresh.length > 0) {
    // A loop, not Math.min(...list): V8 overflows its stack spreading ~150k+ arguments, and a mixed
    // scope over an imported dataset can be that large.
    const gradeOf = (c: PickCandidate): number => c.gradeMin ?? Number.POSITIVE_INFINITY;
    let lowest = Number.POSITIVE_INFINITY;
    for (const c of fresh) lowest = Math.min(lowest, gradeOf(c));
    const easiest = fresh.filter((c) => gradeOf(c) === lowest);
    return { templateId: pickOne(easiest, rng).templateId, reason: 'new' };
  }

  const lastSeen = (templateId: string): number =>
    Math.max(cards.get(templateId)?.card.last_review?.getTime() ?? Number.NEGATIVE_INFINITY, lastAttempt.get(templateId) ?? Number.NEGATIVE_INFINITY);
  const stalest = [...pool].sort((a, b) => lastSeen(a.templateId) - lastSeen(b.templateId) || compareText(a.templateId, b.templateId))[0];
  if (stalest === undefined) throw new Error('pickNext: internal error, empty pool');
  return { templateId: stalest.templateId, reason: 'keep practising' };
}

function pickOne<T>(items: readonly T[], rng: Pick<Rng, 'next'>): T {
  const r = rng.next();
  if (!(r >= 0 && r < 1)) throw new Error(`pickNext: rng.next() must return a number in [0, 1); got ${r}`);
  const item = items[Math.floor(r * items.length)];
  if (item === undefined) throw new Error('pickNext: internal error, nothing to pick from');
  return item;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
