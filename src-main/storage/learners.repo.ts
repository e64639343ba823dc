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

  constructor(
    readonly existingName: string,
    caller = 'createLearner',
  ) {
    super(`${caller}: a learner named "${existingName}" already exists (names are compared ignoring case); choose another name`);
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

/**
 * Rename a learner. Same rules as a new name; changing only the case of one's own name is allowed.
 * Their history stays theirs (rows refer to the id, not the name).
 */
export function renameLearner(db: WriteDb, id: number, name: string): LearnerRecord {
  const clean = checkLearnerName(name, 'renameLearner');
  const run = db.transaction((): LearnerRecord => {
    const learner = requireLearner(db, id, 'renameLearner');
    const existing = cachedStatement<[string, number], LearnerRow>(db, 'SELECT id, name, created_at FROM learners WHERE name = ? AND id <> ?').get(clean, id);
    if (existing !== undefined) throw new LearnerNameTakenError(existing.name, 'renameLearner');
    cachedStatement<[string, number]>(db, 'UPDATE learners SET name = ? WHERE id = ?').run(clean, id);
    return { ...learner, name: clean };
  });
  return run.immediate();
}

/** What a learner's deletion removed (their whole history cascades with them). */
export interface DeletedLearner {
  learner: LearnerRecord;
  attempts: number;
  skips: number;
  reviewCards: number;
  tutorRequests: number;
}

/** What deleting a learner would remove, for the confirmation. */
export function learnerHistoryCounts(db: ReadDb, id: number): Omit<DeletedLearner, 'learner'> {
  const count = (table: 'attempts' | 'skips' | 'review_cards' | 'tutor_requests'): number =>
    // The table name is one of four constants above, never input.
    cachedStatement<[number], number>(db, `SELECT count(*) FROM ${table} WHERE learner_id = ?`).pluck().get(id) ?? 0;
  return { attempts: count('attempts'), skips: count('skips'), reviewCards: count('review_cards'), tutorRequests: count('tutor_requests') };
}

/** Delete a learner and, by the schema's cascades, every row of their history. */
export function deleteLearner(db: WriteDb, id: number): DeletedLearner {
  const run = db.transaction((): DeletedLearner => {
    const learner = requireLearner(db, id, 'deleteLearner');
    const counts = learnerHistoryCounts(db, id);
    cachedStatement<[number]>(db, 'DELETE FROM learners WHERE id = ?').run(id);
    return { learner, ...counts };
  });
  return run.immediate();
}

/** The learner with this name, in any case (names are unique ignoring case). */
export function findLearnerByName(db: ReadDb, name: string): LearnerRecord | undefined {
  const row = cachedStatement<[string], LearnerRow>(db, 'SELECT id, name, created_at FROM learners WHERE name = ?').get(name.trim());
  return row === undefined ? undefined : toLearner(row);
}

export function checkLearnerName(name: string, caller = 'createLearner'): string {
  if (typeof name !== 'string') throw new Error(`${caller}: name must be a string; got ${typeof name}`);
  const clean = name.trim();
  if (clean === '') throw new Error(`${caller}: the name is empty`);
  if (clean.length > LEARNER_NAME_MAX_LENGTH) {
    throw new Error(`${caller}: the name has ${clean.length} characters; at most ${LEARNER_NAME_MAX_LENGTH} are allowed`);
  }
  // Control characters would be invisible in the picker and break one-line displays.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clean)) throw new Error(`${caller}: the name contains a control character (tab, newline, …)`);
  return clean;
}

function toLearner(row: LearnerRow): LearnerRecord {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}
