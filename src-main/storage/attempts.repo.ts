/**
 * Attempts: one row per answer a learner submits, or per answer they reveal. History is never
 * rewritten; summaries are computed from it (see src-main/practice/progress-summary.ts).
 *
 * Vocabulary used throughout (and by the progress summary):
 * - an *instance* is (template, seed): the same numbers, the same problem;
 * - a *counted attempt* is a judged answer: any verdict except `invalid` (the input could not be
 *   read, so nothing was learnt about the learner) and `revealed` (no answer was given);
 * - `correct` is true only for the verdict `correct`. `correct_needs_simplifying` has the right
 *   value but the learner is asked to finish (simplify) it, so the problem is not solved yet;
 * - `attempt_no` is 1 + the number of earlier non-invalid rows (answers or reveals) on the same
 *   instance: mistyped input does not use up the learner's first try.
 */
import type { ReadDb, WriteDb } from './db-handles.js';
import { requireLearner } from './learners.repo.js';
import { cachedStatement } from './statement-cache.js';
import type { EpochMs, WriteOptions } from './storage.types.js';

export const ATTEMPT_VERDICTS = ['correct', 'correct_needs_simplifying', 'check_units', 'wrong', 'invalid', 'revealed'] as const;
export type AttemptVerdict = (typeof ATTEMPT_VERDICTS)[number];

/** Same limit as the API's `practice.submit`. */
export const ANSWER_MAX_LENGTH = 1000;

/** SQL condition selecting counted attempts (judged answers); a constant, never input. */
export const COUNTED_SQL = "verdict NOT IN ('invalid', 'revealed')";

export function isCountedVerdict(verdict: AttemptVerdict): boolean {
  return verdict !== 'invalid' && verdict !== 'revealed';
}

export interface AttemptInput {
  learnerId: number;
  templateId: string;
  seed: number;
  /** The template's strand and topic when the attempt was made (kept even if the template changes later). */
  strand: string | null;
  topic: string | null;
  /** What the learner typed; `null` exactly when `verdict` is `revealed`. */
  answer: string | null;
  verdict: AttemptVerdict;
  /** Time on the problem when this answer was sent. */
  elapsedMs: number;
  /** Hints shown on this problem so far. */
  hintsUsed?: number;
}

export interface AttemptRecord {
  id: number;
  learnerId: number;
  templateId: string;
  seed: number;
  strand: string | null;
  topic: string | null;
  answer: string | null;
  verdict: AttemptVerdict;
  correct: boolean;
  attemptNo: number;
  elapsedMs: number;
  hintsUsed: number;
  createdAt: EpochMs;
}

interface AttemptRow {
  id: number;
  learner_id: number;
  template_id: string;
  seed: number;
  strand: string | null;
  topic: string | null;
  answer: string | null;
  verdict: string;
  correct: number;
  attempt_no: number;
  elapsed_ms: number;
  hints_used: number;
  created_at: number;
}

const ATTEMPT_COLUMNS = 'id, learner_id, template_id, seed, strand, topic, answer, verdict, correct, attempt_no, elapsed_ms, hints_used, created_at';

/** Record one answer or reveal; `attempt_no` and `correct` are worked out here. */
export function recordAttempt(db: WriteDb, input: AttemptInput, options: WriteOptions = {}): AttemptRecord {
  checkAttemptInput(input);
  const createdAt = options.now ?? Date.now();
  if (!Number.isSafeInteger(createdAt)) throw new Error(`recordAttempt: now must be an integer of epoch milliseconds; got ${createdAt}`);
  const earlier = cachedStatement<[number, string, number], { n: number }>(
    db,
    "SELECT count(*) AS n FROM attempts WHERE learner_id = ? AND template_id = ? AND seed = ? AND verdict <> 'invalid'",
  );
  const insert = cachedStatement<[number, string, number, string | null, string | null, string | null, string, number, number, number, number, number]>(
    db,
    `INSERT INTO attempts (learner_id, template_id, seed, strand, topic, answer, verdict, correct, attempt_no, elapsed_ms, hints_used, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Count and insert under one write lock, so two windows submitting at once cannot both be "attempt 1".
  const run = db.transaction((): AttemptRecord => {
    requireLearner(db, input.learnerId, 'recordAttempt');
    const attemptNo = (earlier.get(input.learnerId, input.templateId, input.seed)?.n ?? 0) + 1;
    const correct = input.verdict === 'correct';
    const hintsUsed = input.hintsUsed ?? 0;
    const { lastInsertRowid } = insert.run(
      input.learnerId,
      input.templateId,
      input.seed,
      input.strand,
      input.topic,
      input.answer,
      input.verdict,
      correct ? 1 : 0,
      attemptNo,
      input.elapsedMs,
      hintsUsed,
      createdAt,
    );
    return {
      id: Number(lastInsertRowid),
      learnerId: input.learnerId,
      templateId: input.templateId,
      seed: input.seed,
      strand: input.strand,
      topic: input.topic,
      answer: input.answer,
      verdict: input.verdict,
      correct,
      attemptNo,
      elapsedMs: input.elapsedMs,
      hintsUsed,
      createdAt,
    };
  });
  return run.immediate();
}

/** Every row (answers, reveals and invalid input) on one instance, oldest first. */
export function instanceHistory(db: ReadDb, learnerId: number, templateId: string, seed: number): AttemptRecord[] {
  return cachedStatement<[number, string, number], AttemptRow>(
    db,
    `SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE learner_id = ? AND template_id = ? AND seed = ? ORDER BY created_at, id`,
  )
    .all(learnerId, templateId, seed)
    .map(toAttempt);
}

/** How many counted attempts (judged answers) the learner has made on one instance. */
export function attemptsOnInstance(db: ReadDb, learnerId: number, templateId: string, seed: number): number {
  return (
    cachedStatement<[number, string, number], number>(
      db,
      `SELECT count(*) FROM attempts WHERE learner_id = ? AND template_id = ? AND seed = ? AND ${COUNTED_SQL}`,
    )
      .pluck()
      .get(learnerId, templateId, seed) ?? 0
  );
}

/** Seeds of this template the learner has already worked on (any row, even unreadable input), so the caller can draw fresh ones. */
export function seenInstances(db: ReadDb, learnerId: number, templateId: string): Set<number> {
  const seeds = cachedStatement<[number, string], number>(db, 'SELECT DISTINCT seed FROM attempts WHERE learner_id = ? AND template_id = ?')
    .pluck()
    .all(learnerId, templateId);
  return new Set(seeds);
}

/** When the learner last worked on each template they have touched (latest row of any kind). */
export function lastAttemptByTemplate(db: ReadDb, learnerId: number): Map<string, EpochMs> {
  const rows = cachedStatement<[number], { template_id: string; last: number }>(
    db,
    'SELECT template_id, max(created_at) AS last FROM attempts WHERE learner_id = ? GROUP BY template_id',
  ).all(learnerId);
  return new Map(rows.map((r) => [r.template_id, r.last]));
}

/**
 * Time taken by the learner's first-try, hint-free correct answers on a template, newest first
 * (the baseline for "quick" in the FSRS grading).
 */
export function firstTrySolveTimes(db: ReadDb, learnerId: number, templateId: string, limit: number): number[] {
  checkLimit(limit, 'firstTrySolveTimes');
  return cachedStatement<[number, string, number], number>(
    db,
    `SELECT elapsed_ms FROM attempts
     WHERE learner_id = ? AND template_id = ? AND attempt_no = 1 AND correct = 1 AND hints_used = 0
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  )
    .pluck()
    .all(learnerId, templateId, limit);
}

/** An instance the learner answered but neither solved nor revealed. */
export interface UnfinishedInstance {
  templateId: string;
  seed: number;
  strand: string | null;
  /** The latest answer on it. */
  lastAt: EpochMs;
}

/** Instances with counted answers but no correct answer and no reveal, oldest activity first. */
export function unfinishedInstances(db: ReadDb, learnerId: number): UnfinishedInstance[] {
  return cachedStatement<[number], { template_id: string; seed: number; strand: string | null; last_at: number }>(
    db,
    `SELECT template_id, seed, max(strand) AS strand, max(created_at) AS last_at FROM attempts
     WHERE learner_id = ?
     GROUP BY template_id, seed
     HAVING max(correct) = 0 AND sum(verdict = 'revealed') = 0 AND sum(${COUNTED_SQL}) > 0
     ORDER BY last_at, template_id, seed`,
  )
    .all(learnerId)
    .map((r) => ({ templateId: r.template_id, seed: r.seed, strand: r.strand, lastAt: r.last_at }));
}

/** Counted attempts and correct answers per strand (`null` strand included as its own group). */
export function attemptCountsByStrand(db: ReadDb, learnerId: number): { strand: string | null; attempts: number; correct: number }[] {
  return cachedStatement<[number], { strand: string | null; attempts: number; correct: number }>(
    db,
    `SELECT strand, count(*) AS attempts, sum(correct) AS correct FROM attempts
     WHERE learner_id = ? AND ${COUNTED_SQL} GROUP BY strand`,
  ).all(learnerId);
}

/** How many distinct instances the learner has solved (a correct answer, on any try). */
export function countSolvedInstances(db: ReadDb, learnerId: number): number {
  return (
    cachedStatement<[number], number>(
      db,
      'SELECT count(*) FROM (SELECT DISTINCT template_id, seed FROM attempts WHERE learner_id = ? AND correct = 1)',
    )
      .pluck()
      .get(learnerId) ?? 0
  );
}

/** The first try on one instance: solved at once or not (a reveal before any answer is a miss). */
export interface FirstTryOutcome {
  strand: string | null;
  correct: boolean;
  at: EpochMs;
}

/** Every first try of the learner (rows with attempt_no 1 that are answers or reveals), oldest first. */
export function firstTryOutcomes(db: ReadDb, learnerId: number): FirstTryOutcome[] {
  return cachedStatement<[number], { strand: string | null; correct: number; created_at: number }>(
    db,
    `SELECT strand, correct, created_at FROM attempts
     WHERE learner_id = ? AND attempt_no = 1 AND verdict <> 'invalid'
     ORDER BY created_at, id`,
  )
    .all(learnerId)
    .map((r) => ({ strand: r.strand, correct: r.correct === 1, at: r.created_at }));
}

/** Width of an activity bucket: a quarter hour, the granularity of every time zone's UTC offset. */
export const ACTIVITY_BUCKET_MS = 15 * 60 * 1000;

/**
 * Counted attempts grouped into 15-minute buckets of UTC time, oldest first. Every time zone's
 * offset from UTC is a whole number of quarter hours, so a bucket never straddles a local
 * midnight: the caller can assign buckets to local days without reading every row.
 */
export function activityBuckets(db: ReadDb, learnerId: number): { bucketStart: EpochMs; attempts: number; correct: number }[] {
  return cachedStatement<[number, number], { bucket: number; attempts: number; correct: number }>(
    db,
    `SELECT (created_at - (created_at % ?)) AS bucket, count(*) AS attempts, sum(correct) AS correct FROM attempts
     WHERE learner_id = ? AND ${COUNTED_SQL} GROUP BY bucket ORDER BY bucket`,
  )
    .all(ACTIVITY_BUCKET_MS, learnerId)
    .map((r) => ({ bucketStart: r.bucket, attempts: r.attempts, correct: r.correct }));
}

function checkAttemptInput(input: AttemptInput): void {
  const where = `recordAttempt: attempt on "${input.templateId}" seed ${input.seed}`;
  if (typeof input.templateId !== 'string' || input.templateId.trim() === '') throw new Error('recordAttempt: templateId is empty');
  if (!Number.isSafeInteger(input.seed)) throw new Error(`${where}: seed must be a safe integer`);
  if (!ATTEMPT_VERDICTS.includes(input.verdict)) {
    throw new Error(`${where}: verdict must be one of ${ATTEMPT_VERDICTS.join(', ')}; got ${JSON.stringify(input.verdict)}`);
  }
  if (input.verdict === 'revealed') {
    if (input.answer !== null) throw new Error(`${where}: a reveal has no answer (answer must be null)`);
  } else {
    if (typeof input.answer !== 'string') throw new Error(`${where}: answer must be a string for the verdict "${input.verdict}"`);
    if (input.answer.length > ANSWER_MAX_LENGTH) {
      throw new Error(`${where}: the answer has ${input.answer.length} characters; at most ${ANSWER_MAX_LENGTH} are stored`);
    }
  }
  if (!Number.isSafeInteger(input.elapsedMs) || input.elapsedMs < 0) {
    throw new Error(`${where}: elapsedMs must be a non-negative integer; got ${input.elapsedMs}`);
  }
  const hints = input.hintsUsed ?? 0;
  if (!Number.isSafeInteger(hints) || hints < 0) throw new Error(`${where}: hintsUsed must be a non-negative integer; got ${hints}`);
}

function toAttempt(row: AttemptRow): AttemptRecord {
  const verdict = ATTEMPT_VERDICTS.find((v) => v === row.verdict);
  if (verdict === undefined) throw new Error(`attempts row ${row.id}: verdict "${row.verdict}" is not one of ${ATTEMPT_VERDICTS.join(', ')}`);
  return {
    id: row.id,
    learnerId: row.learner_id,
    templateId: row.template_id,
    seed: row.seed,
    strand: row.strand,
    topic: row.topic,
    answer: row.answer,
    verdict,
    correct: row.correct === 1,
    attemptNo: row.attempt_no,
    elapsedMs: row.elapsed_ms,
    hintsUsed: row.hints_used,
    createdAt: row.created_at,
  };
}

export function checkLimit(limit: number, caller: string): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`${caller}: limit must be a positive integer; got ${limit}`);
}
