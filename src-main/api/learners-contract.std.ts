/**
 * Learner management in the contract: rename, delete (with the learner's name as confirmation),
 * what a deletion would remove, and moving one learner's progress between libraries as a JSON file.
 * Composed into `apiArgs` / `ApiResults` by contract.std.ts.
 */
import { z } from 'zod';

const learnerId = z.number().int().positive();
const name = z.string().trim().min(1).max(60);

/** A progress file may be large (every answer ever given): the browser-mode server allows this method a bigger body. */
export const PROGRESS_FILE_MAX_CHARS = 64 * 1024 * 1024;

export const learnersApiArgs = {
  'learners.rename': z.object({ learnerId, name }).strict(),
  /** `confirmName` must be the learner's current name (any case): a stale page cannot delete someone else. */
  'learners.delete': z.object({ learnerId, confirmName: z.string().max(100) }).strict(),
  'learners.history': z.object({ learnerId }).strict(),
  'learners.exportProgress': z.object({ learnerId }).strict(),
  /** `dryRun`: report what would happen (merge or create, how many rows) without changing anything. */
  'learners.importProgress': z.object({ text: z.string().min(1).max(PROGRESS_FILE_MAX_CHARS), name: name.optional(), dryRun: z.boolean().default(false) }).strict(),
} as const;

export interface LearnerHistoryCounts {
  attempts: number;
  skips: number;
  reviewCards: number;
  tutorRequests: number;
}

export interface ImportProgressView {
  /** `created`: a new learner; `merged`: added to the learner of that name already here. */
  action: 'created' | 'merged';
  learner: { id: number; name: string; createdAt: number };
  fileName: string;
  exportedAt: string | null;
  added: { attempts: number; skips: number; reviewCards: number };
  alreadyHere: { attempts: number; skips: number };
  cardsKept: number;
  /** Rows left out (the first 50), and how many in all. */
  problems: { section: string; index: number; field: string; reason: string }[];
  problemCount: number;
  dryRun: boolean;
}

export interface LearnersApiResults {
  'learners.rename': { id: number; name: string; createdAt: number };
  'learners.delete': { name: string } & LearnerHistoryCounts;
  'learners.history': LearnerHistoryCounts;
  'learners.exportProgress': { fileName: string; text: string };
  'learners.importProgress': ImportProgressView;
}
