/**
 * The learner progress file: one learner's practice history as JSON, to move it to another library
 * (another computer, a teacher's machine) or keep it. It is untrusted input when it comes back: the
 * envelope must be ours and not from a newer format, and every row is checked on its own, so one bad
 * row is reported (section, row, field, why) and left out instead of refusing the whole file.
 *
 * What it holds: the learner's name, every answer and reveal (with its time, answer, verdict, time
 * spent and hints), every skip, and the spaced-repetition card of each problem type. Derived values
 * (`correct`, attempt numbers) are not stored: they are re-derived on import. Not included: the
 * tutor's log (model replies are not progress) and choices remembered by the browser (last topic).
 */
import { State, type Card } from 'ts-fsrs';
import { z } from 'zod';
import { ANSWER_MAX_LENGTH, ATTEMPT_VERDICTS } from '../storage/attempts.repo.js';
import type { HistoricAttempt, HistoricSkip } from '../storage/learner-progress.repo.js';
import { LEARNER_NAME_MAX_LENGTH } from '../storage/learners.repo.js';

export const PROGRESS_FILE_KIND = 'infinitymath-studio/learner-progress';
export const PROGRESS_FILE_VERSION = 1;
/** Rows per section a file may hold: ~50 answers a day for 50 years, far beyond any learner. */
export const MAX_ROWS_PER_SECTION = 1_000_000;
/** Problems reported one by one; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 50;

/** 2000-01-01 .. 3000-01-01: times outside are a broken file, not a wrong clock. */
const time = z.number().int().min(Date.UTC(2000, 0, 1)).max(Date.UTC(3000, 0, 1));
const templateId = z.string().trim().min(1).max(200);
const label = z.string().max(200).nullable();
const count = z.number().int().min(0).max(1_000_000);

export const progressAttemptSchema = z
  .object({
    templateId,
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    strand: label,
    topic: label,
    answer: z.string().max(ANSWER_MAX_LENGTH).nullable(),
    verdict: z.enum(ATTEMPT_VERDICTS),
    elapsedMs: z.number().int().min(0).max(86_400_000),
    hintsUsed: count,
    createdAt: time,
  })
  .refine((a) => (a.answer === null) === (a.verdict === 'revealed'), { message: 'answer must be null exactly when the verdict is "revealed"', path: ['answer'] });

export const progressSkipSchema = z.object({
  templateId,
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  strand: label,
  topic: label,
  answersBefore: count,
  hintsUsed: count,
  elapsedMs: z.number().int().min(0).max(86_400_000),
  createdAt: time,
});

/** zod 4 numbers are finite already (no NaN, no Infinity). */
const finite = z.number();
export const progressCardSchema = z.object({
  templateId,
  strand: label,
  card: z.object({
    due: time,
    last_review: time.nullable(),
    stability: finite.min(0),
    difficulty: finite,
    elapsed_days: finite.min(0),
    scheduled_days: finite.min(0),
    learning_steps: z.number().int().min(0).max(100),
    reps: count,
    lapses: count,
    state: z.union([z.literal(State.New), z.literal(State.Learning), z.literal(State.Review), z.literal(State.Relearning)]),
  }),
});

export type ProgressAttempt = z.infer<typeof progressAttemptSchema>;
export type ProgressSkip = z.infer<typeof progressSkipSchema>;
export type ProgressCard = z.infer<typeof progressCardSchema>;

export interface ProgressFile {
  kind: typeof PROGRESS_FILE_KIND;
  version: number;
  exportedAt: string;
  app: { version: string; schemaVersion: number };
  learner: { name: string; createdAt: number };
  attempts: ProgressAttempt[];
  skips: ProgressSkip[];
  reviewCards: ProgressCard[];
}

/** The parts of the file the envelope check reads before the rows (rows are checked one by one). */
const envelopeSchema = z.object({
  kind: z.literal(PROGRESS_FILE_KIND),
  version: z.number().int().min(1),
  exportedAt: z.string().max(100).optional(),
  learner: z.object({ name: z.string(), createdAt: time.optional() }),
  attempts: z.array(z.unknown()).max(MAX_ROWS_PER_SECTION).default([]),
  skips: z.array(z.unknown()).max(MAX_ROWS_PER_SECTION).default([]),
  reviewCards: z.array(z.unknown()).max(MAX_ROWS_PER_SECTION).default([]),
});

/** The file cannot be used at all (not JSON, not ours, from a newer version, no valid learner name). */
export class ProgressFileError extends Error {
  override readonly name = 'ProgressFileError';
}

/** One row that was left out, and why. */
export interface RowProblem {
  section: 'attempts' | 'skips' | 'reviewCards';
  /** 0-based position in the section. */
  index: number;
  field: string;
  reason: string;
}

export interface ReadProgressFile {
  name: string;
  createdAt: number | null;
  exportedAt: string | null;
  attempts: HistoricAttempt[];
  skips: HistoricSkip[];
  cards: { templateId: string; strand: string | null; card: Card }[];
  /** The first MAX_REPORTED_PROBLEMS problems; `problemCount` has them all. */
  problems: RowProblem[];
  problemCount: number;
}

export function readProgressFile(text: string): ReadProgressFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProgressFileError(`this is not a progress file: it is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { kind?: unknown }).kind !== PROGRESS_FILE_KIND) {
    throw new ProgressFileError(`this is not an InfinityMATH Studio progress file (it has no "kind": "${PROGRESS_FILE_KIND}")`);
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > PROGRESS_FILE_VERSION) {
    throw new ProgressFileError(
      `this progress file has format version ${version}, written by a newer InfinityMATH Studio; this version reads up to ${PROGRESS_FILE_VERSION}: update the app to import it`,
    );
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw new ProgressFileError(`the progress file is damaged: ${issue === undefined ? 'invalid' : `${pathText(issue.path) || 'file'}: ${issue.message}`}`);
  }
  const e = envelope.data;
  const name = e.learner.name.trim();
  if (name === '' || name.length > LEARNER_NAME_MAX_LENGTH) throw new ProgressFileError(`the learner's name in the file must be 1 to ${LEARNER_NAME_MAX_LENGTH} characters`);

  const problems: RowProblem[] = [];
  let problemCount = 0;
  const rows = <T>(section: RowProblem['section'], list: unknown[], schema: z.ZodType<T>): T[] => {
    const good: T[] = [];
    list.forEach((row, index) => {
      const parsed = schema.safeParse(row);
      if (parsed.success) {
        good.push(parsed.data);
        return;
      }
      problemCount += 1;
      const issue = parsed.error.issues[0];
      if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ section, index, field: issue === undefined ? '' : pathText(issue.path), reason: issue?.message ?? 'invalid' });
    });
    return good;
  };
  const attempts = rows('attempts', e.attempts, progressAttemptSchema);
  const skips = rows('skips', e.skips, progressSkipSchema);
  const cards = rows('reviewCards', e.reviewCards, progressCardSchema).map((c) => ({ templateId: c.templateId, strand: c.strand, card: toCard(c.card) }));
  return { name, createdAt: e.learner.createdAt ?? null, exportedAt: e.exportedAt ?? null, attempts, skips, cards, problems, problemCount };
}

export function toCard(c: ProgressCard['card']): Card {
  const card: Card = {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    // Deprecated in ts-fsrs 5 but still a required field of Card; kept so cards round-trip exactly.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
  };
  if (c.last_review !== null) card.last_review = new Date(c.last_review);
  return card;
}

export function fromCard(card: Card): ProgressCard['card'] {
  return {
    due: card.due.getTime(),
    last_review: card.last_review === undefined ? null : card.last_review.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
  };
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
