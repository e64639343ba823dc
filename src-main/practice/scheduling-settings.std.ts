/**
 * How spaced repetition is tuned for this library: the FSRS settings a teacher or parent may change
 * in Settings, their limits and defaults. Shared by the engine (which schedules with them) and the
 * Settings page (which validates as the user types); runs anywhere.
 *
 * Why these defaults (issue 17): with ts-fsrs's own learning steps of 1 and 10 minutes, every problem
 * type solved at once came due again 10 minutes later, so "due for review" climbed from 2 to 45 in
 * 40 minutes and one topic came back five times in an hour. A problem type is a method, not a flash
 * card: solving it once, at once, is good evidence, so Good graduates it straight to days (one
 * learning step means Good on a new card leaves learning). A miss still brings it back in the same
 * sitting, but not before half an hour, so the worst case (missed every time) is three showings an
 * hour. `tests/practice/practice-hour.test.ts` simulates an hour of practice with both settings.
 */
import { z } from 'zod';

/** One step: a whole number of minutes, hours or days ("30m", "2h", "1d"). */
export const STEP_PATTERN = /^([1-9]\d{0,3})(m|h|d)$/;
/** A step shorter than a minute means "immediately"; longer than a day belongs to the review intervals. */
export const STEP_MIN_MINUTES = 1;
export const STEP_MAX_MINUTES = 24 * 60;
export const MAX_STEPS = 4;
export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.97;

export type Step = `${number}m` | `${number}h` | `${number}d`;

export interface SchedulingSettings {
  /** The chance a learner should still solve a problem type when it comes back (FSRS `request_retention`). */
  desiredRetention: number;
  /** Delays before a new problem type returns after a miss or a hard solve (FSRS learning steps). */
  learningSteps: Step[];
  /** The same after a problem type the learner knew is missed again (FSRS relearning steps). */
  relearningSteps: Step[];
}

const DEFAULTS: SchedulingSettings = { desiredRetention: 0.9, learningSteps: ['30m'], relearningSteps: ['30m'] };
export const DEFAULT_SCHEDULING: Readonly<SchedulingSettings> = Object.freeze(DEFAULTS);

/** Minutes of a step, or null when it is not a step. */
export function stepMinutes(step: string): number | null {
  const match = STEP_PATTERN.exec(step);
  if (match === null) return null;
  const n = Number(match[1]);
  return match[2] === 'm' ? n : match[2] === 'h' ? n * 60 : n * 24 * 60;
}

/** Why a list of steps is refused, or null. Steps must lie within a minute and a day, and never shrink. */
export function stepsProblem(steps: readonly string[]): string | null {
  if (steps.length > MAX_STEPS) return `at most ${MAX_STEPS} steps`;
  let previous = 0;
  for (const step of steps) {
    const minutes = stepMinutes(step);
    if (minutes === null) return `"${step}" is not a step: write a whole number and m, h or d (30m, 2h, 1d)`;
    if (minutes < STEP_MIN_MINUTES || minutes > STEP_MAX_MINUTES) return `"${step}" is outside 1m to 1d`;
    if (minutes < previous) return `steps must not get shorter ("${step}" after a longer one)`;
    previous = minutes;
  }
  return null;
}

const stepsSchema = z
  .array(z.string().max(8))
  .max(MAX_STEPS)
  .superRefine((steps, ctx) => {
    const problem = stepsProblem(steps);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((steps) => steps as Step[]);

export const schedulingSettingsSchema = z
  .object({
    desiredRetention: z.number().min(RETENTION_MIN).max(RETENTION_MAX),
    learningSteps: stepsSchema,
    relearningSteps: stepsSchema,
  })
  .strict();

/** "30m 2h" → ["30m", "2h"] (commas or spaces between steps; empty = no steps). */
export function parseStepsText(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}

/** A step in words, for the Settings page: "30 minutes", "2 hours", "1 day". */
export function stepInWords(step: string): string {
  const match = STEP_PATTERN.exec(step);
  if (match === null) return step;
  const n = Number(match[1]);
  const unit = match[2] === 'm' ? 'minute' : match[2] === 'h' ? 'hour' : 'day';
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
