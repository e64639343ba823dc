/**
 * The one typed contract between the UI and the engine. The Electron preload and the browser-mode
 * HTTP server both carry exactly these methods; arguments are validated with these zod schemas at
 * the boundary (main process or server), results are typed here. Runs anywhere (renderer included).
 */
import { z } from 'zod';
import type { AnswerFormat } from '../template/template.types.js';
import { authoringApiArgs, type AuthoringApiEvent, type AuthoringApiResults } from './authoring-contract.std.js';
import { backupApiArgs, type BackupApiEvent, type BackupApiResults } from './backup-contract.std.js';
import { learnersApiArgs, type LearnersApiResults } from './learners-contract.std.js';
import { libraryApiArgs, type LibraryApiEvent, type LibraryApiResults } from './library-contract.std.js';
import { practiceApiArgs, type PracticeApiResults } from './practice-contract.std.js';
import { tutorApiArgs, type TutorApiEvent, type TutorApiResults } from './tutor-contract.std.js';
import { worksheetApiArgs, type WorksheetApiResults } from './worksheet-contract.std.js';

const id = z.string().min(1).max(200);
const learnerId = z.number().int().positive();

/** Where the next problem comes from. */
export const practiceScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('strand'), strand: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('grade'), grade: z.number().int().min(0).max(13) }),
  z.object({ kind: z.literal('mixed') }),
]);
export type PracticeScope = z.infer<typeof practiceScopeSchema>;

export const apiArgs = {
  'app.info': z.object({}).strict(),
  'learners.list': z.object({}).strict(),
  'learners.create': z.object({ name: z.string().trim().min(1).max(60) }).strict(),
  'practice.catalog': z.object({}).strict(),
  'practice.next': z.object({ learnerId, scope: practiceScopeSchema, after: id.optional() }).strict(),
  'practice.another': z.object({ learnerId, templateId: id }).strict(),
  /** A chosen template (from the Library or a worksheet), at a given seed or with fresh numbers. */
  'practice.open': z.object({ learnerId, templateId: id, seed: z.number().int().min(0).optional() }).strict(),
  'practice.submit': z
    .object({
      learnerId,
      templateId: id,
      seed: z.number().int().min(0),
      answer: z.string().max(1000),
      elapsedMs: z.number().int().min(0).max(86_400_000),
      hintsUsed: z.number().int().min(0).max(100).default(0),
    })
    .strict(),
  'practice.reveal': z.object({ learnerId, templateId: id, seed: z.number().int().min(0) }).strict(),
  /** Hint `level` of the problem (1 = the first); the last level is the full worked solution. */
  'practice.hint': z.object({ learnerId, templateId: id, seed: z.number().int().min(0), level: z.number().int().min(1).max(200) }).strict(),
  'progress.summary': z.object({ learnerId }).strict(),
  'library.importFile': z.object({ path: z.string().min(1).max(4096), format: z.enum(['infinitymath', 'gsm-symbolic', 'pot', 'native']).optional() }).strict(),
  // Each domain's methods live in its own contract file.
  ...worksheetApiArgs,
  ...libraryApiArgs,
  ...tutorApiArgs,
  ...authoringApiArgs,
  ...practiceApiArgs,
  ...learnersApiArgs,
  ...backupApiArgs,
} as const;

export type ApiMethod = keyof typeof apiArgs;
export const API_METHODS = Object.keys(apiArgs) as ApiMethod[];
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;
export type ApiParsedArgs<M extends ApiMethod> = z.output<(typeof apiArgs)[M]>;

export interface Learner {
  id: number;
  name: string;
  createdAt: number;
}

export interface StrandInfo {
  strand: string;
  /** Display name ("Ratio, rate & proportion"). */
  label: string;
  templates: number;
  gradeMin: number;
  gradeMax: number;
}

export interface Catalog {
  strands: StrandInfo[];
  grades: number[];
}

/** A problem as the learner sees it: never the answer. */
export interface ProblemView {
  templateId: string;
  seed: number;
  /** Text with `$…$`, `\(…\)`, `\[…\]` math for KaTeX. */
  text: string;
  answerFormat: AnswerFormat;
  answerUnit: string | null;
  choices: string[] | null;
  strand: string | null;
  topic: string | null;
  grade: { min: number; max: number } | null;
  /** Why this problem was picked ("due for review", "new", "keep practising"). */
  reason: string;
}

export type VerdictKindView = 'correct' | 'correct_needs_simplifying' | 'check_units' | 'wrong' | 'invalid';

export interface SubmitResult {
  verdict: VerdictKindView;
  message: string;
  readAs: string;
  /** Counts towards progress (invalid input never does). */
  counted: boolean;
  /** The answer, shown only once the problem is solved. */
  answerText: string | null;
  attemptsOnProblem: number;
  /** For a wrong answer: what probably went wrong, from the program's own steps ("you stopped after step 2"). */
  diagnosis: string | null;
}

/** One step of a worked solution, with this instance's numbers (`latex` is KaTeX source). */
export interface StepView {
  n: number;
  title: string;
  latex: string;
}

export interface HintView {
  level: number;
  kind: 'idea' | 'worked' | 'solution';
  /** Plain text. */
  text: string;
  /** KaTeX source shown under the text, if any. */
  latex: string | null;
  /** The full worked solution (only for `solution`). */
  steps: StepView[] | null;
  /** Showing it gives the answer away (the full solution): it counts as a reveal. */
  revealsAnswer: boolean;
}

export interface HintResult {
  hint: HintView;
  /** How many hint levels this problem has (the last is the full solution). */
  total: number;
  /** The answer, once the full solution has been shown. */
  answerText: string | null;
}

export interface TopicProgress {
  strand: string;
  label: string;
  attempts: number;
  correct: number;
  /** Problems of this strand left with Skip (not answers: they change none of the other figures). */
  skipped: number;
  /** 0..1: how well this strand is known now (recent first-try accuracy, weighted by recency). */
  mastery: number;
  /** First tries behind `mastery` (0: no evidence yet). */
  firstTries: number;
  /** What `mastery` would become with one more right first try (how it grows). */
  masteryIfRight: number;
}

export interface ProgressSummary {
  attempts: number;
  correct: number;
  accuracy: number;
  /** Problems left with Skip. */
  skipped: number;
  /** Consecutive days with practice, ending today or yesterday. */
  streakDays: number;
  problemsSolved: number;
  byStrand: TopicProgress[];
  /** One entry per day with practice, oldest first (ISO date, local time). */
  daily: { date: string; attempts: number; correct: number }[];
  dueNow: number;
}

export interface AppInfo {
  version: string;
  templates: number;
  instancesReady: number;
  sandboxReady: boolean;
  mode: 'electron' | 'browser';
}

export interface ImportSummary {
  packId: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  firstErrors: { line: number; reason: string; detail: string | null }[];
  cancelled: boolean;
}

export interface ApiResults extends WorksheetApiResults, LibraryApiResults, TutorApiResults, AuthoringApiResults, PracticeApiResults, LearnersApiResults, BackupApiResults {
  'app.info': AppInfo;
  'learners.list': Learner[];
  'learners.create': Learner;
  'practice.catalog': Catalog;
  'practice.next': ProblemView;
  'practice.another': ProblemView;
  'practice.open': ProblemView;
  'practice.submit': SubmitResult;
  'practice.reveal': { answerText: string };
  'practice.hint': HintResult;
  'progress.summary': ProgressSummary;
  'library.importFile': ImportSummary;
}

export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: { code: ApiErrorCode; message: string } };
export type ApiErrorCode = 'bad-request' | 'not-found' | 'unavailable' | 'internal';

/** Events pushed to the UI (IPC in Electron, server-sent events in browser mode). */
export type ApiEvent =
  | { type: 'sandbox.ready' }
  | { type: 'import.progress'; bytesRead: number; totalBytes: number; rowsRead: number; imported: number; skipped: number }
  | { type: 'import.done'; summary: ImportSummary }
  // Worksheets push no events (WorksheetApiEvent is never).
  | LibraryApiEvent
  | TutorApiEvent
  | AuthoringApiEvent
  | BackupApiEvent;

export type ApiHandlers = { [M in ApiMethod]: (args: ApiParsedArgs<M>) => Promise<ApiResults[M]> };

/** The client side, same in both transports. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Validates a method name and its arguments; the boundary of both transports. */
export function parseApiCall(method: unknown, args: unknown): { method: ApiMethod; args: unknown } {
  if (typeof method !== 'string' || !(API_METHODS as string[]).includes(method)) {
    throw new ApiError('bad-request', `unknown method ${JSON.stringify(method)}`);
  }
  const schema = apiArgs[method as ApiMethod];
  const parsed = schema.safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'arguments';
    throw new ApiError('bad-request', `${method}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return { method: method as ApiMethod, args: parsed.data };
}
