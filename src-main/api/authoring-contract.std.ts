/**
 * The authoring part of the contract (methods named `authoring.*`). Composed into `apiArgs` / `ApiResults` /
 * `ApiEvent` by contract.std.ts.
 *
 * The flow: `detect` the numbers of a pasted problem (the author adjusts the spans; `mark` adds one from a
 * selection; masking itself is src-main/authoring/mask.std.ts, run in the UI) → a program, either from
 * `suggest` (a job: the model's rounds arrive as `authoring.progress`, the end as `authoring.done`;
 * `cancel` stops it) or written by the author → `check` (run on the original values, compare with the known
 * answer, audit, sample instances) → `save` into "My templates".
 */
import { z } from 'zod';
import { NUMBER_KINDS, type AuthoringRound, type NumberKind, type NumberSpan } from '../authoring/authoring-types.std.js';

const text = z.string().trim().min(1, 'the problem is empty').max(20_000);
const varName = z.string().regex(/^[a-z_][a-z0-9_]{0,59}$/, 'a variable name is lowercase letters, digits and _');
const range = z
  .object({ min: z.number(), max: z.number(), step: z.number().positive().optional() })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'a range needs min ≤ max' });

/** What the author has so far; `program` may be empty until one is written or suggested. */
export const authoringDraftSchema = z
  .object({
    problem: text,
    generic: z.string().min(1).max(20_000),
    variables: z.record(varName, z.number()).refine((v) => Object.keys(v).length > 0, { message: 'mask at least one number' }),
    kinds: z.record(varName, z.enum(NUMBER_KINDS as [NumberKind, ...NumberKind[]])).default({}),
    /** The answer for the original values, if known (`72`, `$12.50`, `3/4`). */
    answer: z.string().trim().max(200).nullable().default(null),
    program: z.string().max(50_000).default(''),
    ranges: z.record(varName, range).default({}),
    criteria: z.array(z.string().trim().min(1).max(300)).max(20).default([]),
    /** Set after a first save, so saving again updates that template. */
    id: z
      .string()
      .regex(/^user\.[a-z0-9.-]{1,150}$/, 'an authored template id starts with "user."')
      .optional(),
  })
  .strict();
export type AuthoringDraft = z.output<typeof authoringDraftSchema>;
export type AuthoringDraftInput = z.input<typeof authoringDraftSchema>;

export const authoringApiArgs = {
  'authoring.detect': z.object({ text }).strict(),
  'authoring.mark': z
    .object({ text, start: z.number().int().min(0), end: z.number().int().min(1), taken: z.array(z.string().max(100)).max(500).default([]) })
    .strict(),
  'authoring.modelStatus': z.object({}).strict(),
  'authoring.suggest': z.object({ draft: authoringDraftSchema, fixRounds: z.number().int().min(0).max(5).default(2) }).strict(),
  'authoring.cancel': z.object({ jobId: z.string().min(1).max(100) }).strict(),
  'authoring.check': z.object({ draft: authoringDraftSchema, samples: z.number().int().min(0).max(200).default(20) }).strict(),
  'authoring.save': z.object({ draft: authoringDraftSchema, samples: z.number().int().min(0).max(200).default(20) }).strict(),
} as const;

export interface AuthoringAuditView {
  status: 'healthy' | 'warning' | 'broken';
  samples: number;
  valid: number;
  acceptance: number;
  crashes: number;
  timeouts: number;
  reasons: string[];
}

export interface AuthoringCheckResult {
  templateId: string;
  /** The program on the original values. */
  run: { status: string; answerText: string | null; error: string | null };
  knownAnswer: string | null;
  /** null without a known answer. */
  matches: boolean | null;
  /** null when the program fails on the original values. */
  audit: AuthoringAuditView | null;
  samples: { text: string; answerText: string }[];
  warnings: string[];
  /** Each variable's domain, as the engine will draw it (`int 1–50`, `money 5–20 step 0.5`). */
  domains: Record<string, string>;
}

export interface AuthoringSuggestResult {
  status: 'templated' | 'fixed' | 'failed' | 'cancelled';
  passedInRound: number | null;
  rounds: AuthoringRound[];
  why: string | null;
  /** The passing program with the model's ranges and criteria (what the draft takes over). */
  program: string | null;
  ranges: Record<string, { min: number; max: number; step?: number }>;
  criteria: string[];
  check: AuthoringCheckResult | null;
}

export interface AuthoringApiResults {
  'authoring.detect': { spans: NumberSpan[] };
  'authoring.mark': NumberSpan;
  /** Whether a model is configured (Settings), and which. */
  'authoring.modelStatus': { configured: boolean; label: string | null };
  'authoring.suggest': { jobId: string };
  'authoring.cancel': { cancelled: boolean };
  'authoring.check': AuthoringCheckResult;
  /** Saved even when the check is not clean; `check` says how it stands. */
  'authoring.save': { templateId: string; packId: string; created: boolean; check: AuthoringCheckResult };
}

export type AuthoringApiEvent =
  | { type: 'authoring.progress'; jobId: string; round: AuthoringRound }
  | { type: 'authoring.done'; jobId: string; result: AuthoringSuggestResult };
