/**
 * Practice additions to the contract: Skip, and the scheduling settings (FSRS desired retention and
 * learning steps). Composed into `apiArgs` / `ApiResults` by contract.std.ts.
 */
import { z } from 'zod';
import { schedulingSettingsSchema, type SchedulingSettings } from '../practice/scheduling-settings.std.js';

const templateId = z.string().min(1).max(200);
const learnerId = z.number().int().positive();

export const practiceApiArgs = {
  /** Leave the problem without an answer (before trying or after wrong tries); not counted as wrong. */
  'practice.skip': z
    .object({
      learnerId,
      templateId,
      seed: z.number().int().min(0),
      elapsedMs: z.number().int().min(0).max(86_400_000),
      hintsUsed: z.number().int().min(0).max(100).default(0),
    })
    .strict(),
  'practice.getScheduling': z.object({}).strict(),
  'practice.saveScheduling': z.object({ settings: schedulingSettingsSchema }).strict(),
  /** Back to the defaults. */
  'practice.resetScheduling': z.object({}).strict(),
} as const;

export interface SkipResult {
  /** How long the problem type is set aside before it may come back (minutes). */
  setAsideMinutes: number;
  /** Judged answers given on this problem before the skip (they still count as answers). */
  answersBefore: number;
}

export interface SchedulingView {
  settings: SchedulingSettings;
  defaults: SchedulingSettings;
  /** True when nothing is saved (the defaults apply, and follow app updates). */
  isDefault: boolean;
}

export interface PracticeApiResults {
  'practice.skip': SkipResult;
  'practice.getScheduling': SchedulingView;
  'practice.saveScheduling': SchedulingView;
  'practice.resetScheduling': SchedulingView;
}
