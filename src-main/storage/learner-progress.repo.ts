/**
 * Bulk reads and writes of one learner's history, for moving it between libraries (the progress
 * file: src-main/learners/). Ordinary practice writes go through attempts.repo.ts and skips.repo.ts;
 * these functions copy history as it was, with its own times, and then re-derive what the
 * repositories normally derive (`correct` from the verdict, `attempt_no` from the order).
 */
import { ATTEMPT_VERDICTS, type AttemptVerdict } from './attempts.repo.js';
import type { ReadDb, WriteDb } from './db-handles.js';
import { cachedStatement } from './statement-cache.js';
import type { EpochMs } from './storage.types.js';

/** An attempt as history: what the learner did, when (derived columns left out). */
export interface HistoricAttempt {
  templateId: string;
  seed: number;
  strand: string | null;
  topic: string | null;
  answer: string | null;
  verdict: AttemptVerdict;
  elapsedMs: number;
  hintsUsed: number;
  createdAt: EpochMs;
}

export interface HistoricSkip {
  templateId: string;
  seed: number;
  strand: string | null;
  topic: string | null;
  answersBefore: number;
  hintsUsed: number;
  elapsedMs: number;
  createdAt: EpochMs;
}

interface AttemptHistoryRow {
  template_id: string;
  seed: number;
  strand: string | null;
  topic: string | null;
  answer: string | null;
  verdict: string;
  elapsed_ms: number;
  hints_used: number;
  created_at: number;
}

/** Every attempt of the learner, oldest first. */
export function allAttempts(db: ReadDb, learnerId: number): HistoricAttempt[] {
  return cachedStatement<[number], AttemptHistoryRow>(
    db,
    `SELECT template_id, seed, strand, topic, answer, verdict, elapsed_ms, hints_used, created_at FROM attempts
     WHERE learner_id = ? ORDER BY created_at, id`,
  )
    .all(learnerId)
    .map((r) => {
      const verdict = ATTEMPT_VERDICTS.find((v) => v === r.verdict);
      if (verdict === undefined) throw new Error(`allAttempts: a stored attempt has the verdict "${r.verdict}"`);
      return {
        templateId: r.template_id,
        seed: r.seed,
        strand: r.strand,
        topic: r.topic,
        answer: r.answer,
        verdict,
        elapsedMs: r.elapsed_ms,
        hintsUsed: r.hints_used,
        createdAt: r.created_at,
      };
    });
}

/** A key that is the same for the same event in two libraries (ids differ; content and time do not). */
export function attemptKey(a: Pick<HistoricAttempt, 'templateId' | 'seed' | 'createdAt' | 'verdict' | 'answer'>): string {
  return JSON.stringify([a.templateId, a.seed, a.createdAt, a.verdict, a.answer]);
}

export function skipKey(s: Pick<HistoricSkip, 'templateId' | 'seed' | 'createdAt'>): string {
  return JSON.stringify([s.templateId, s.seed, s.createdAt]);
}

/** Keys of the learner's attempts and skips already in this library (merging skips them). */
export function historyKeys(db: ReadDb, learnerId: number): { attempts: Set<string>; skips: Set<string> } {
  const attempts = new Set(allAttempts(db, learnerId).map(attemptKey));
  const skips = new Set(
    cachedStatement<[number], { template_id: string; seed: number; created_at: number }>(db, 'SELECT template_id, seed, created_at FROM skips WHERE learner_id = ?')
      .all(learnerId)
      .map((r) => skipKey({ templateId: r.template_id, seed: r.seed, createdAt: r.created_at })),
  );
  return { attempts, skips };
}

/**
 * Inserts one historic attempt. `attempt_no` is set to 1 for now: call `renumberInstance` for each
 * instance written once all rows are in (a merged history interleaves two libraries' rows).
 */
export function insertHistoricAttempt(db: WriteDb, learnerId: number, a: HistoricAttempt): void {
  cachedStatement<[number, string, number, string | null, string | null, string | null, string, number, number, number, number]>(
    db,
    `INSERT INTO attempts (learner_id, template_id, seed, strand, topic, answer, verdict, correct, attempt_no, elapsed_ms, hints_used, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  ).run(learnerId, a.templateId, a.seed, a.strand, a.topic, a.answer, a.verdict, a.verdict === 'correct' ? 1 : 0, a.elapsedMs, a.hintsUsed, a.createdAt);
}

export function insertHistoricSkip(db: WriteDb, learnerId: number, s: HistoricSkip): void {
  cachedStatement<[number, string, number, string | null, string | null, number, number, number, number]>(
    db,
    `INSERT INTO skips (learner_id, template_id, seed, strand, topic, answers_before, hints_used, elapsed_ms, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(learnerId, s.templateId, s.seed, s.strand, s.topic, s.answersBefore, s.hintsUsed, s.elapsedMs, s.createdAt);
}

/**
 * Re-derives `attempt_no` on one instance, in time order, the way recordAttempt assigns it:
 * 1 + the number of earlier rows that are not `invalid`.
 */
export function renumberInstance(db: WriteDb, learnerId: number, templateId: string, seed: number): void {
  const rows = cachedStatement<[number, string, number], { id: number; verdict: string; attempt_no: number }>(
    db,
    'SELECT id, verdict, attempt_no FROM attempts WHERE learner_id = ? AND template_id = ? AND seed = ? ORDER BY created_at, id',
  ).all(learnerId, templateId, seed);
  const update = cachedStatement<[number, number]>(db, 'UPDATE attempts SET attempt_no = ? WHERE id = ?');
  let earlier = 0;
  for (const row of rows) {
    if (row.attempt_no !== earlier + 1) update.run(earlier + 1, row.id);
    if (row.verdict !== 'invalid') earlier += 1;
  }
}
