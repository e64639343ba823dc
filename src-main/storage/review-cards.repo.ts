/**
 * Review cards: the spaced-repetition state (a ts-fsrs `Card`) of one template for one learner.
 * The card is stored as JSON with its dates as epoch milliseconds; `due` is copied into its own
 * column so the due list is an index range scan on (learner_id, due).
 */
import { State, type Card } from 'ts-fsrs';
import type { ReadDb, WriteDb } from './db-handles.js';
import { expectRecord, parseJsonColumn } from './json-guards.js';
import { requireLearner } from './learners.repo.js';
import { checkLimit } from './attempts.repo.js';
import { cachedStatement } from './statement-cache.js';
import type { EpochMs } from './storage.types.js';

export interface ReviewCardRecord {
  learnerId: number;
  templateId: string;
  strand: string | null;
  card: Card;
  /** `card.due` as epoch milliseconds. */
  due: EpochMs;
}

export interface ReviewCardInput {
  learnerId: number;
  templateId: string;
  strand: string | null;
  card: Card;
}

interface CardRow {
  learner_id: number;
  template_id: string;
  card_json: string;
  due: number;
  strand: string | null;
}

const NUMBER_FIELDS = ['stability', 'difficulty', 'elapsed_days', 'scheduled_days', 'learning_steps', 'reps', 'lapses'] as const;
const STATES: readonly State[] = [State.New, State.Learning, State.Review, State.Relearning];
const STATE_BY_NUMBER = new Map<number, State>(STATES.map((s) => [s, s]));

export function getCard(db: ReadDb, learnerId: number, templateId: string): ReviewCardRecord | undefined {
  const row = cachedStatement<[number, string], CardRow>(
    db,
    'SELECT learner_id, template_id, card_json, due, strand FROM review_cards WHERE learner_id = ? AND template_id = ?',
  ).get(learnerId, templateId);
  return row === undefined ? undefined : toRecord(row);
}

/** Insert or replace the card of (learner, template). */
export function putCard(db: WriteDb, input: ReviewCardInput): ReviewCardRecord {
  if (typeof input.templateId !== 'string' || input.templateId.trim() === '') throw new Error('putCard: templateId is empty');
  const json = cardToJson(input.card, `putCard: card of "${input.templateId}"`);
  requireLearner(db, input.learnerId, 'putCard');
  cachedStatement<[number, string, string, number, string | null]>(
    db,
    `INSERT INTO review_cards (learner_id, template_id, card_json, due, strand) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (learner_id, template_id) DO UPDATE SET card_json = excluded.card_json, due = excluded.due, strand = excluded.strand`,
  ).run(input.learnerId, input.templateId, json.text, json.due, input.strand);
  return { learnerId: input.learnerId, templateId: input.templateId, strand: input.strand, card: input.card, due: json.due };
}

/**
 * Cards due at `now` (due ≤ now), most overdue first; only one strand's when `strand` is given.
 * Cards of templates that were deleted from the library are included: the caller intersects with
 * the templates it can show (see `pickNext`).
 */
export function dueCards(db: ReadDb, learnerId: number, now: EpochMs, limit: number, strand?: string): ReviewCardRecord[] {
  checkLimit(limit, 'dueCards');
  const rows =
    strand === undefined
      ? cachedStatement<[number, number, number], CardRow>(
          db,
          `SELECT learner_id, template_id, card_json, due, strand FROM review_cards
           WHERE learner_id = ? AND due <= ? ORDER BY due, template_id LIMIT ?`,
        ).all(learnerId, now, limit)
      : cachedStatement<[number, number, string, number], CardRow>(
          db,
          `SELECT learner_id, template_id, card_json, due, strand FROM review_cards
           WHERE learner_id = ? AND due <= ? AND strand = ? ORDER BY due, template_id LIMIT ?`,
        ).all(learnerId, now, strand, limit);
  return rows.map(toRecord);
}

/** Every card of the learner (the scheduler joins them with a scope's templates in memory). */
export function allCards(db: ReadDb, learnerId: number): ReviewCardRecord[] {
  return cachedStatement<[number], CardRow>(
    db,
    'SELECT learner_id, template_id, card_json, due, strand FROM review_cards WHERE learner_id = ? ORDER BY due, template_id',
  )
    .all(learnerId)
    .map(toRecord);
}

/** How many cards are due at `now` for templates still in the library. */
export function countDueCards(db: ReadDb, learnerId: number, now: EpochMs): number {
  return (
    cachedStatement<[number, number], number>(
      db,
      `SELECT count(*) FROM review_cards c
       WHERE c.learner_id = ? AND c.due <= ? AND EXISTS (SELECT 1 FROM templates t WHERE t.id = c.template_id)`,
    )
      .pluck()
      .get(learnerId, now) ?? 0
  );
}

function cardToJson(card: Card, where: string): { text: string; due: number } {
  const due = card.due.getTime();
  if (!Number.isSafeInteger(due)) throw new Error(`${where}: due is not a valid date`);
  const lastReview = card.last_review === undefined ? null : card.last_review.getTime();
  if (lastReview !== null && !Number.isSafeInteger(lastReview)) throw new Error(`${where}: last_review is not a valid date`);
  for (const field of NUMBER_FIELDS) {
    if (!Number.isFinite(card[field])) throw new Error(`${where}: ${field} must be a finite number; got ${card[field]}`);
  }
  if (!STATES.includes(card.state)) throw new Error(`${where}: state must be 0..3 (New, Learning, Review, Relearning); got ${card.state}`);
  const stored: Record<string, number | null> = { due, last_review: lastReview, state: card.state };
  for (const field of NUMBER_FIELDS) stored[field] = card[field];
  return { text: JSON.stringify(stored), due };
}

function toRecord(row: CardRow): ReviewCardRecord {
  const where = `review_cards row (learner ${row.learner_id}, "${row.template_id}"), card_json`;
  const json = expectRecord(parseJsonColumn(row.card_json, where), where);
  const number = (field: string): number => {
    const value = json[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where}: "${field}" should be a finite number`);
    return value;
  };
  const rawState = number('state');
  const state = STATE_BY_NUMBER.get(rawState);
  if (state === undefined) throw new Error(`${where}: "state" should be 0..3; found ${rawState}`);
  const card: Card = {
    due: new Date(number('due')),
    stability: number('stability'),
    difficulty: number('difficulty'),
    // Deprecated in ts-fsrs 5 but still a required field of Card; kept so cards round-trip exactly.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    elapsed_days: number('elapsed_days'),
    scheduled_days: number('scheduled_days'),
    learning_steps: number('learning_steps'),
    reps: number('reps'),
    lapses: number('lapses'),
    state,
  };
  if (json.last_review !== null && json.last_review !== undefined) card.last_review = new Date(number('last_review'));
  return { learnerId: row.learner_id, templateId: row.template_id, strand: row.strand, card, due: row.due };
}
