/**
 * Learners: the profiles that practise on this machine. A name is unique regardless of case, so the
 * profile picker never shows two entries a child cannot tell apart.
 */
import type { ReadDb, WriteDb } from './db-handles.js';
import { cachedStatement } from './statement-cache.js';
import type { EpochMs, WriteOptions } from './storage.types.js';

/** Same limit as the API's `learners.create`; the schema CHECKs it too. */
export const LEARNER_NAME_MAX_LENGTH = 60;

export interface LearnerRecord {
  id: number;
  name: string;
  createdAt: EpochMs;
}

interface LearnerRow {
  id: number;
  name: string;
  created_at: number;
}

/** The name is already used by another learner, in any case (the API layer maps it to `bad-request`). */
export class LearnerNameTakenError extends Error {
  override readonly name = 'LearnerNameTakenError';

  constructor(readonly existingName: string) {
    super(`createLearner: a learner named "${existingName}" already exists (names are compared ignoring case); choose another name`);
  }
}

/** A learner id that names nobody (the API layer maps it to `not-found`). */
export class LearnerNotFoundError extends Error {
  override readonly name = 'LearnerNotFoundError';

  constructor(
    readonly learnerId: number,
    caller: string,
  ) {
    super(`${caller}: learner ${learnerId} does not exist`);
  }
}

/** Create a learner. The name is trimmed; an empty, over-long or already-used name (any case) is refused. */
export function createLearner(db: WriteDb, name: string, options: WriteOptions = {}): LearnerRecord {
  const clean = checkLearnerName(name);
  const existing = cachedStatement<[string], LearnerRow>(db, 'SELECT id, name, created_at FROM learners WHERE name = ?').get(clean);
  if (existing !== undefined) throw new LearnerNameTakenError(existing.name);
  const createdAt = options.now ?? Date.now();
  const { lastInsertRowid } = cachedStatement<[string, number]>(db, 'INSERT INTO learners (name, created_at) VALUES (?, ?)').run(
    clean,
    createdAt,
  );
  return { id: Number(lastInsertRowid), name: clean, createdAt };
}

/** Every learner, by name (case-insensitive). */
export function listLearners(db: ReadDb): LearnerRecord[] {
  return cachedStatement<[], LearnerRow>(db, 'SELECT id, name, created_at FROM learners ORDER BY name, id').all().map(toLearner);
}

export function getLearner(db: ReadDb, id: number): LearnerRecord | undefined {
  const row = cachedStatement<[number], LearnerRow>(db, 'SELECT id, name, created_at FROM learners WHERE id = ?').get(id);
  return row === undefined ? undefined : toLearner(row);
}

/** The learner, or a LearnerNotFoundError (repositories call it before reading or writing history). */
export function requireLearner(db: ReadDb, id: number, caller: string): LearnerRecord {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`${caller}: learnerId must be a positive integer; got ${id}`);
  const learner = getLearner(db, id);
  if (learner === undefined) throw new LearnerNotFoundError(id, caller);
  return learner;
}

function checkLearnerName(name: string): string {
  if (typeof name !== 'string') throw new Error(`createLearner: name must be a string; got ${typeof name}`);
  const clean = name.trim();
  if (clean === '') throw new Error('createLearner: the name is empty');
  if (clean.length > LEARNER_NAME_MAX_LENGTH) {
    throw new Error(`createLearner: the name has ${clean.length} characters; at most ${LEARNER_NAME_MAX_LENGTH} are allowed`);
  }
  // Control characters would be invisible in the picker and break one-line displays.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clean)) throw new Error('createLearner: the name contains a control character (tab, newline, …)');
  return clean;
}

function toLearner(row: LearnerRow): LearnerRecord {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}
