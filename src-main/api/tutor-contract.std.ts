/**
 * The tutor part of the contract: the local model's settings (`model.*`) and "Ask the tutor"
 * (`tutor.*`). Composed into `apiArgs` / `ApiResults` / `ApiEvent` by contract.std.ts.
 *
 * "Ask the tutor" is a job: `tutor.ask` answers `{ requestId }` at once, the reply streams as
 * `tutor.delta` events (already passed through the answer-leak guard), and ends with exactly one of
 * `tutor.done` or `tutor.error`. `tutor.stop` ends it early (then `tutor.done` with `stopped: true`).
 */
import { z } from 'zod';
import { baseUrlSchema, modelSettingsSchema, type ModelSettings } from '../model/model-settings.std.js';

const templateId = z.string().min(1).max(200);
const learnerId = z.number().int().positive();
const requestId = z.string().min(1).max(100);

export const tutorApiArgs = {
  /** The saved endpoint, model and key (null until the user saved some). */
  'model.getSettings': z.object({}).strict(),
  /** Saves them (validated; the endpoint's trailing slash is dropped). */
  'model.saveSettings': modelSettingsSchema,
  /** Forgets them: the tutor is off until a model is configured again. */
  'model.clearSettings': z.object({}).strict(),
  /** Probes Ollama, LM Studio and llama.cpp's server on 127.0.0.1 and lists their models. */
  'model.detect': z.object({}).strict(),
  /** The models a server lists (the Settings form's model menu). */
  'model.listModels': z.object({ baseURL: baseUrlSchema, apiKey: z.string().max(1000).optional() }).strict(),
  /** Checks settings (saved or not): the server answers, the key is accepted, the model is there. */
  'model.test': modelSettingsSchema,
  'tutor.ask': z
    .object({
      learnerId,
      templateId,
      seed: z.number().int().min(0),
      /** What the learner wants to know, in their words (optional). */
      question: z.string().trim().max(1000).optional(),
    })
    .strict(),
  'tutor.stop': z.object({ requestId }).strict(),
} as const;

export interface DetectedServerView {
  /** "Ollama", "LM Studio", "llama.cpp server". */
  name: string;
  baseURL: string;
  models: string[];
}

export interface ModelTestResult {
  ok: boolean;
  /** One line: what works, or what is wrong and what to do. */
  message: string;
  models: string[];
}

export interface TutorApiResults {
  'model.getSettings': { settings: ModelSettings | null };
  'model.saveSettings': { settings: ModelSettings };
  'model.clearSettings': { cleared: boolean };
  'model.detect': { found: DetectedServerView[]; probed: string[] };
  'model.listModels': { models: string[] };
  'model.test': ModelTestResult;
  'tutor.ask': { requestId: string };
  /** `stopped` is false when the request had already ended (or never existed). */
  'tutor.stop': { stopped: boolean };
}

export type TutorApiEvent =
  /** The next piece of the reply, as it may be shown (the answer masked as "▮▮"). */
  | { type: 'tutor.delta'; requestId: string; text: string }
  /**
   * The reply is complete (or was stopped); `masked` counts the times the answer was hidden. `cut`:
   * the reply was cut off — `too-long` at the app's size limit (the rest was not read), `max-tokens`
   * by the model's own token limit.
   */
  | { type: 'tutor.done'; requestId: string; masked: number; stopped: boolean; cut?: 'too-long' | 'max-tokens' }
  /** No reply, or the reply broke off: a message to show; practice carries on. */
  | { type: 'tutor.error'; requestId: string; message: string };
