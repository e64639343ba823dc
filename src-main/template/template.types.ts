/**
 * The template model shared by every part of the engine: importers produce it, storage keeps it,
 * the sampler draws values for it and the sandbox runs its program. Native JSONL lines are
 * validated against `templateSchema` (see docs/template-format.md for the documented format).
 */
import { z } from 'zod';

/** How the checker should compare a learner's answer, and how an answer is printed. */
export const ANSWER_FORMATS = [
  'integer',
  'decimal',
  'money',
  'percent',
  'fraction',
  'expression',
  'multiple_choice',
  'text',
] as const;
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/** How placeholders are written in `generic_problem`. */
export const PLACEHOLDER_STYLES = ['braces', 'angle', 'bare'] as const;
export type PlaceholderStyle = (typeof PLACEHOLDER_STYLES)[number];

/** A variable's original value: numbers and strings (names, items) are the only kinds a template holds. */
export const variableValueSchema = z.union([z.number(), z.string()]);
export type VariableValue = z.infer<typeof variableValueSchema>;

/**
 * The set of values a variable may take when a new instance is drawn.
 * Numeric kinds draw uniformly from `min..max` on the grid `step` (so 400 with step 50 stays "round").
 */
export const domainSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('int'), min: z.number().int(), max: z.number().int(), step: z.number().int().positive().optional() }),
  z.object({
    kind: z.literal('decimal'),
    min: z.number(),
    max: z.number(),
    step: z.number().positive(),
  }),
  z.object({ kind: z.literal('money'), min: z.number(), max: z.number(), step: z.number().positive().optional() }),
  z.object({ kind: z.literal('percent'), min: z.number(), max: z.number(), step: z.number().positive().optional() }),
  z.object({ kind: z.literal('year'), min: z.number().int(), max: z.number().int() }),
  z.object({ kind: z.literal('choice'), values: z.array(variableValueSchema).min(1) }),
  /** A built-in word list (names, items, …) written by this team; see sampling/word-lists.ts. */
  z.object({ kind: z.literal('list'), list: z.string().min(1) }),
  z.object({ kind: z.literal('fixed') }),
]);
export type Domain = z.infer<typeof domainSchema>;
export type DomainKind = Domain['kind'];

/** The answer's shape that every new instance must keep (integer stays integer, …). */
export const answerShapeSchema = z.object({
  type: z.enum(['int', 'float', 'fraction', 'str', 'bool', 'list', 'other']),
  /** True when the original answer is a whole number (an int, or a float/fraction equal to one). */
  integral: z.boolean(),
  nonNegative: z.boolean(),
});
export type AnswerShape = z.infer<typeof answerShapeSchema>;

export const gradeRangeSchema = z
  .object({ min: z.number().int().min(0).max(13), max: z.number().int().min(0).max(13) })
  .refine((g) => g.min <= g.max, { message: 'grade.min must not exceed grade.max' });

/** One line of the native JSONL format. Unknown top-level keys are rejected; put them in `meta`. */
export const templateSchema = z
  .object({
    id: z.string().min(1).max(200),
    source: z.string().optional(),
    original_problem: z.string().optional(),
    generic_problem: z.string().min(1),
    placeholder_style: z.enum(PLACEHOLDER_STYLES).optional(),
    program: z.string().min(1),
    /** Name of the function to call; found automatically when absent (see docs). */
    entry: z.string().optional(),
    variables: z.record(z.string(), variableValueSchema),
    original_answer: z.union([z.number(), z.string(), z.boolean(), z.null()]).optional(),
    answer_format: z.enum(ANSWER_FORMATS).optional(),
    answer_unit: z.string().optional(),
    choices: z.array(z.string()).optional(),
    answer_shape: answerShapeSchema.optional(),
    strand: z.string().optional(),
    topic: z.string().optional(),
    grade: gradeRangeSchema.optional(),
    difficulty: z.number().int().min(1).max(3).optional(),
    domains: z.record(z.string(), domainSchema).optional(),
    /** Python boolean expressions over the variables (and `answer`, checked after the run). */
    constraints: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
    license: z.string().optional(),
    /** Anything else the source carried (e.g. InfinityMATH's `gen_answer`), kept verbatim for round-trips. */
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type Template = z.infer<typeof templateSchema>;

/**
 * A Python value as it crosses the sandbox boundary. Ints travel as decimal strings so that big
 * integers survive; floats that are not finite travel as the strings 'nan', 'inf', '-inf'.
 */
export type PyValue =
  | { t: 'int'; v: string }
  | { t: 'float'; v: number | 'nan' | 'inf' | '-inf' }
  | { t: 'fraction'; n: string; d: string }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'list'; v: PyValue[] }
  | { t: 'none' }
  | { t: 'other'; type: string; repr: string };

/** A drawn, executed and verified problem. `(templateId, seed)` always yields the same instance. */
export interface Instance {
  templateId: string;
  seed: number;
  values: Record<string, VariableValue>;
  text: string;
  answer: PyValue;
  /** The answer as a learner would write it (`$12.50`, `3/4`, `75%`). */
  answerText: string;
  answerFormat: AnswerFormat;
}
