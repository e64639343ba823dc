/**
 * Managing learners behind the contract: rename, delete (the page must send the learner's name as
 * confirmation), what a deletion would remove, and the progress file (export; import that merges
 * into the learner of that name or creates one, and says which).
 */
import { ApiError, type ApiHandlers } from '../api/contract.std.js';
import type { ImportProgressView } from '../api/learners-contract.std.js';
import { ProgressFileError } from '../learners/progress-file.js';
import { exportProgress, importProgress, progressFileName } from '../learners/transfer-progress.js';
import { LATEST_SCHEMA_VERSION } from '../storage/migrations.js';
import { deleteLearner, getLearner, LearnerNameTakenError, learnerHistoryCounts, renameLearner } from '../storage/learners.repo.js';
import type { HandlerDeps } from './handler-deps.js';

type LearnerMethod = 'learners.rename' | 'learners.delete' | 'learners.history' | 'learners.exportProgress' | 'learners.importProgress';

export function createLearnerHandlers(deps: HandlerDeps, appVersion: string): Pick<ApiHandlers, LearnerMethod> {
  const { db } = deps;
  const learnerOrNotFound = (learnerId: number): { id: number; name: string } => {
    const learner = getLearner(db, learnerId);
    if (learner === undefined) throw new ApiError('not-found', `no learner with id ${learnerId}`);
    return learner;
  };

  return {
    'learners.rename': ({ learnerId, name }) => {
      learnerOrNotFound(learnerId);
      try {
        return Promise.resolve(renameLearner(db, learnerId, name));
      } catch (err) {
        return Promise.reject(userError(err));
      }
    },
    'learners.delete': ({ learnerId, confirmName }) => {
      const learner = learnerOrNotFound(learnerId);
      if (confirmName.trim().toLocaleLowerCase() !== learner.name.toLocaleLowerCase()) {
        return Promise.reject(new ApiError('bad-request', `learners.delete: learner ${learnerId} is "${learner.name}", not "${confirmName}"; nothing was deleted`));
      }
      const deleted = deleteLearner(db, learnerId);
      return Promise.resolve({ name: deleted.learner.name, attempts: deleted.attempts, skips: deleted.skips, reviewCards: deleted.reviewCards, tutorRequests: deleted.tutorRequests });
    },
    'learners.history': ({ learnerId }) => {
      learnerOrNotFound(learnerId);
      return Promise.resolve(learnerHistoryCounts(db, learnerId));
    },
    'learners.exportProgress': ({ learnerId }) => {
      const learner = learnerOrNotFound(learnerId);
      const at = deps.now();
      const file = exportProgress(db, learnerId, { appVersion, schemaVersion: LATEST_SCHEMA_VERSION, now: at });
      return Promise.resolve({ fileName: progressFileName(learner.name, at), text: `${JSON.stringify(file, null, 1)}\n` });
    },
    'learners.importProgress': ({ text, name, dryRun }): Promise<ImportProgressView> => {
      try {
        const report = importProgress(db, text, { ...(name !== undefined ? { name } : {}), dryRun, now: deps.now() });
        return Promise.resolve(report);
      } catch (err) {
        return Promise.reject(userError(err));
      }
    },
  };
}

/** Name rules (empty, too long, control characters, taken) and unusable files are the user's to fix: bad-request. */
function userError(err: unknown): Error {
  if (err instanceof LearnerNameTakenError || err instanceof ProgressFileError) return new ApiError('bad-request', err.message);
  if (err instanceof Error && /: the name /.test(err.message)) return new ApiError('bad-request', err.message);
  return err instanceof Error ? err : new Error(String(err));
}
