/**
 * Skips: one row each time a learner presses Skip on a problem (see migration 006). A skip is not an
 * answer: it never appears in `attempts`, so accuracy, mastery and streaks are untouched by it; it is
 * counted here on its own, and the scheduler reads it to set the template aside for a while.
 */
import type { ReadDb, WriteDb } from './db-handles.js';
import { requireLearner } from './learners.repo.js';
import { cachedStatement } from './statement-cache.js';
import type { EpochMs, WriteOptions } from './storage.types.js';

export interface SkipInput {
  learnerId: number;
  templateId: string;
  seed: number;
  strand: string | null;
  topic: string | null;
  /** Judged answers the learner had given on this instance before skipping (0 = skipped without trying). */
  answersBefore: number;
  hintsUsed: number;
  elapsedMs: number;
}

export interface SkipRecord extends SkipInput {
  id: number;
  createdAt: EpochMs;
}

interface SkipRow {
  id: number;
  learner_id: number;
  template_id: string;
  seed: number;
  strand: string | null;
  topic: string | null;
  answers_before: number;
  hints_used: number;
  elapsed_ms: number;
  created_at: number;
}

const SKIP_COLUMNS = 'id, learner_id, template_id, seed, strand, topic, answers_before, hints_used, elapsed_ms, created_at';

export function recordSkip(db: WriteDb, input: SkipInput, options: WriteOptions = {}): SkipRecord {
  const where = `recordSkip: skip of "${input.templateId}" seed ${input.seed}`;
  if (typeof input.templateId !== 'string' || input.templateId.trim() === '') throw new Error('recordSkip: templateId is empty');
  if (!Number.isSafeInteger(input.seed)) throw new Error(`${where}: seed must be a safe integer`);
  for (const field of ['answersBefore', 'hintsUsed', 'elapsedMs'] as const) {
    const value = input[field];
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${where}: ${field} must be a non-negative integer; got ${value}`);
  }
  const createdAt = options.now ?? Date.now();
  if (!Number.isSafeInteger(createdAt)) throw new Error(`${where}: now must be an integer of epoch milliseconds; got ${createdAt}`);
  requireLearner(db, input.learnerId, 'recordSkip');
  const { lastInsertRowid } = cachedStatement<[number, string, number, string | null, string | null, number, number, number, number]>(
    db,
    `INSERT INTO skips (learner_id, template_id, seed, strand, topic, answers_before, hints_used, elapsed_ms, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(input.learnerId, input.templateId, input.seed, input.strand, input.topic, input.answersBefore, input.hintsUsed, input.elapsedMs, createdAt);
  return { ...input, id: Number(lastInsertRowid), createdAt };
}

/** Every skip of the learner, oldest first (for the progress file). */
export function allSkips(db: ReadDb, learnerId: number): SkipRecord[] {
  return cachedStatement<[number], SkipRow>(db, `SELECT ${SKIP_COLUMNS} FROM skips WHERE learner_id = ? ORDER BY created_at, id`)
    .all(learnerId)
    .map(toSkip);
}

export interface RecentSkips {
  /** Skips of the template since the cut-off. */
  count: number;
  lastAt: EpochMs;
}

/** Per template: how many times it was skipped since `since`, and when last. */
export function recentSkipsByTemplate(db: ReadDb, learnerId: number, since: EpochMs): Map<string, RecentSkips> {
  const rows = cachedStatement<[number, number], { template_id: string; n: number; last_at: number }>(
    db,
    'SELECT template_id, count(*) AS n, max(created_at) AS last_at FROM skips WHERE learner_id = ? AND created_at >= ? GROUP BY template_id',
  ).all(learnerId, since);
  return new Map(rows.map((r) => [r.template_id, { count: r.n, lastAt: r.last_at }]));
}

/** Seeds of this template the learner skipped (shown already: the next time brings new numbers). */
export function skippedSeeds(db: ReadDb, learnerId: number, templateId: string): Set<number> {
  return new Set(
    cachedStatement<[number, string], number>(db, 'SELECT DISTINCT seed FROM skips WHERE learner_id = ? AND template_id = ?')
      .pluck()
      .all(learnerId, templateId),
  );
}

/** When the instance was last skipped, or undefined if never. */
export function lastSkipOfInstance(db: ReadDb, learnerId: number, templateId: string, seed: number): EpochMs | undefined {
  return (
    cachedStatement<[number, string, number], number | null>(
      db,
      'SELECT max(created_at) FROM skips WHERE learner_id = ? AND template_id = ? AND seed = ?',
    )
      .pluck()
      .get(learnerId, templateId, seed) ?? undefined
  );
}

/** Skips per strand (`null` strand as its own group). */
export function skipCountsByStrand(db: ReadDb, learnerId: number): { strand: string | null; skipped: number }[] {
  return cachedStatement<[number], { strand: string | null; skipped: number }>(
    db,
    'SELECT strand, count(*) AS skipped FROM skips WHERE learner_id = ? GROUP BY strand',
  ).all(learnerId);
}

function toSkip(row: SkipRow): SkipRecord {
  return {
    id: row.id,
    learnerId: row.learner_id,
    templateId: row.template_id,
    seed: row.seed,
    strand: row.strand,
    topic: row.topic,
    answersBefore: row.answers_before,
    hintsUsed: row.hints_used,
    elapsedMs: row.elapsed_ms,
    createdAt: row.created_at,
  };
}
