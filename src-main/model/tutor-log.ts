/**
 * The log of "Ask the tutor" requests (table `tutor_requests`, migration 005): one row per request,
 * opened as `running` and closed with its outcome, the reply as shown (masked) and how many times the
 * leak guard masked the answer. Teachers and curators can see how often a model tried to give the
 * answer away; nothing here is ever sent anywhere.
 */
import type { ReadDb, WriteDb } from '../storage/db-handles.js';
import { cachedStatement } from '../storage/statement-cache.js';

export type TutorOutcome = 'running' | 'done' | 'stopped' | 'error';

export interface TutorLogEntry {
  id: number;
  learnerId: number;
  templateId: string;
  seed: number;
  question: string | null;
  model: string;
  outcome: TutorOutcome;
  masked: number;
  reply: string;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
}

interface Row {
  id: number;
  learner_id: number;
  template_id: string;
  seed: number;
  question: string | null;
  model: string;
  outcome: TutorOutcome;
  masked: number;
  reply: string;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

export function openTutorRequest(
  db: WriteDb,
  r: { learnerId: number; templateId: string; seed: number; question: string | null; model: string },
  now: number,
): number {
  const info = cachedStatement<[number, string, number, string | null, string, number]>(
    db,
    "INSERT INTO tutor_requests (learner_id, template_id, seed, question, model, outcome, created_at) VALUES (?, ?, ?, ?, ?, 'running', ?)",
  ).run(r.learnerId, r.templateId, r.seed, r.question, r.model, now);
  return Number(info.lastInsertRowid);
}

export function closeTutorRequest(
  db: WriteDb,
  id: number,
  end: { outcome: Exclude<TutorOutcome, 'running'>; masked: number; reply: string; error: string | null },
  now: number,
): void {
  cachedStatement<[string, number, string, string | null, number, number]>(
    db,
    'UPDATE tutor_requests SET outcome = ?, masked = ?, reply = ?, error = ?, finished_at = ? WHERE id = ?',
  ).run(end.outcome, end.masked, end.reply, end.error, now, id);
}

/** Every request on one instance, oldest first. */
export function tutorRequestsFor(db: ReadDb, learnerId: number, templateId: string, seed: number): TutorLogEntry[] {
  return cachedStatement<[number, string, number], Row>(
    db,
    'SELECT * FROM tutor_requests WHERE learner_id = ? AND template_id = ? AND seed = ? ORDER BY id',
  )
    .all(learnerId, templateId, seed)
    .map((r) => ({
      id: r.id,
      learnerId: r.learner_id,
      templateId: r.template_id,
      seed: r.seed,
      question: r.question,
      model: r.model,
      outcome: r.outcome,
      masked: r.masked,
      reply: r.reply,
      error: r.error,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    }));
}
